//! The Conference screen's "As of…" control: a date and a time (local, as
//! on the wall clock), Enter to look at the conference as it was then, and
//! "Back to now". The replay runs on a background thread
//! ([`AsOfJob`]) behind a progress bar; once done, the screen draws its
//! tabs from the past read models under a "Past view … read-only" banner.

use crate::app::as_of::{AsOf, AsOfJob};
use crate::domain::Message;
use crate::ui::i18n::{format as fmt, say, tr};
use crate::ui::shell::Shell;
use crate::ui::widgets::{enter_pressed, error_color};
use chrono::{DateTime, Local, NaiveTime, TimeZone as _, Utc};
use eframe::egui::{self, Color32, RichText, Ui};
use std::time::Duration;

/// State of the "As of…" control.
#[derive(Debug, Default)]
pub struct AsOfPanel {
    /// The date as typed (`YYYY-MM-DD`).
    pub date: String,
    /// The time as typed (`HH:MM` or `HH:MM:SS`, local).
    pub time: String,
    /// Why the last request could not be shown.
    pub message: Option<String>,
    job: Option<AsOfJob>,
    past: Option<AsOf>,
}

impl AsOfPanel {
    /// A control whose fields start at `now`, in local time.
    pub fn new(now: DateTime<Utc>) -> Self {
        let local = now.with_timezone(&Local);
        Self {
            date: local.format("%Y-%m-%d").to_string(),
            time: local.format("%H:%M").to_string(),
            ..Self::default()
        }
    }

    /// The past view being shown, if any.
    pub fn past(&self) -> Option<&AsOf> {
        self.past.as_ref()
    }

    /// Whether a replay is running.
    pub fn is_running(&self) -> bool {
        self.job.is_some()
    }

    /// A version number for the tabs' row caches: distinct from any live
    /// event count, equal for two past views with the same cut (which hold
    /// the same models).
    pub fn cache_version(past: &AsOf) -> u64 {
        u64::MAX - past.cut
    }

    /// The instant typed, in UTC.
    pub fn instant(&self) -> Result<DateTime<Utc>, String> {
        let date = crate::domain::validation::iso_date(&self.date)
            .ok_or_else(|| tr("date: use YYYY-MM-DD, e.g. 2026-12-01").to_string())?;
        let time = NaiveTime::parse_from_str(self.time.trim(), "%H:%M:%S")
            .or_else(|_| NaiveTime::parse_from_str(self.time.trim(), "%H:%M"))
            .map_err(|_| tr("time: use HH:MM or HH:MM:SS, e.g. 14:30").to_string())?;
        Local
            .from_local_datetime(&date.and_time(time))
            .earliest()
            .map(|t| t.with_timezone(&Utc))
            .ok_or_else(|| tr("time: this local time does not exist (clock change)").to_string())
    }

    /// Starts replaying to the typed instant (dropping a running replay).
    pub fn apply(&mut self, shell: &Shell<'_>) {
        self.message = None;
        match self.instant() {
            Ok(instant) => match shell.desk.as_of_job(instant) {
                Ok(job) => self.job = Some(job),
                Err(e) => self.message = Some(say(&e.message())),
            },
            Err(m) => self.message = Some(m),
        }
    }

    /// Leaves the past view (and stops a running replay).
    pub fn back_to_now(&mut self) {
        self.job = None;
        self.past = None;
        self.message = None;
    }

    /// Takes the running replay's outcome if it has finished.
    pub fn poll(&mut self) {
        let Some(outcome) = self.job.as_mut().and_then(AsOfJob::poll) else {
            return;
        };
        self.job = None;
        match outcome {
            Ok(Some(past)) => self.past = Some(past),
            Ok(None) => {}
            Err(e) => self.message = Some(say(&e.message())),
        }
    }

    /// Draws the control row, the progress bar and the banner.
    pub fn ui(&mut self, ui: &mut Ui, shell: &mut Shell<'_>) {
        self.poll();
        let mut apply = false;
        ui.horizontal(|ui| {
            let l = ui.label(tr("As of…"));
            let date = ui
                .add(egui::TextEdit::singleline(&mut self.date).desired_width(90.0))
                .labelled_by(l.id);
            let tl = ui.label(tr("Time (local)"));
            let time = ui
                .add(egui::TextEdit::singleline(&mut self.time).desired_width(64.0))
                .labelled_by(tl.id);
            apply = (date.lost_focus() || time.lost_focus()) && enter_pressed(ui);
            if ui.button(tr("Show past view")).clicked() {
                apply = true;
            }
            let showing = self.past.is_some() || self.job.is_some();
            if ui
                .add_enabled(showing, egui::Button::new(tr("Back to now")))
                .clicked()
            {
                self.back_to_now();
            }
        });
        if apply {
            self.apply(shell);
        }
        if let Some(job) = &self.job {
            let p = job.progress();
            let mut cancel = false;
            ui.horizontal(|ui| {
                let text = say(
                    &Message::new("Replaying {done} of {total} {total|event|events}")
                        .count("done", p.done())
                        .count("total", p.total()),
                );
                ui.add(
                    egui::ProgressBar::new(p.fraction())
                        .text(text)
                        .desired_width(360.0),
                );
                cancel = ui.button(tr("Cancel")).clicked();
            });
            if cancel {
                self.job = None;
            }
            ui.ctx().request_repaint_after(Duration::from_millis(100));
        }
        if let Some(m) = &self.message {
            ui.label(RichText::new(m.as_str()).color(error_color(ui)));
        }
        if let Some(past) = &self.past {
            banner_ui(ui, past);
        }
    }
}

fn banner_ui(ui: &mut Ui, past: &AsOf) {
    let when = fmt::date_time(fmt::local(past.instant));
    let text = say(&Message::new("Past view: as of {when} — read-only").text("when", &when));
    egui::Frame::new()
        .fill(Color32::from_rgb(255, 236, 179))
        .inner_margin(6.0)
        .corner_radius(4.0)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.label(
                RichText::new(text)
                    .color(Color32::from_rgb(90, 60, 0))
                    .strong(),
            );
        });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn panel(date: &str, time: &str) -> AsOfPanel {
        AsOfPanel {
            date: date.into(),
            time: time.into(),
            ..AsOfPanel::default()
        }
    }

    #[test]
    fn the_typed_instant_is_local_time_with_optional_seconds() {
        let local = |s: &str| {
            let t = chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S").unwrap();
            Local
                .from_local_datetime(&t)
                .earliest()
                .unwrap()
                .with_timezone(&Utc)
        };
        let p = panel(" 2026-12-01 ", "14:30");
        assert_eq!(p.instant(), Ok(local("2026-12-01 14:30:00")));
        let p = panel("2026-12-01", "14:30:15");
        assert_eq!(p.instant(), Ok(local("2026-12-01 14:30:15")));
        assert!(
            panel("01/12/2026", "14:30")
                .instant()
                .unwrap_err()
                .starts_with("date:")
        );
        assert!(
            panel("2026-12-01", "2pm")
                .instant()
                .unwrap_err()
                .starts_with("time:")
        );
    }
}
