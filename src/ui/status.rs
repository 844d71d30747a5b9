//! The window's link to a shared log, and what it says about it: the status
//! bar (where the log is, connected or not, when another desk's event last
//! arrived) and the offline banner.
//!
//! [`Follower`] keeps the desk's watcher (a thread of the store, see
//! [`crate::store::Watch`]) beside the desk and catches the desk up in the
//! frame: at once when the watcher heard news or the link came back, and at
//! least every second while online, because a notification can be lost and
//! a catch-up that finds nothing is one cheap query. While the link is down
//! it never tries: a frame must not wait for a server that isn't there. A
//! file log has no watcher, and the follower does nothing.

use crate::app::{AppError, Desk, LogLocation};
use crate::domain::Message;
use crate::store::{Link, Watch};
use crate::ui::i18n::{format as fmt, say, tr};
use chrono::{DateTime, Utc};
use eframe::egui::{self, RichText, Ui};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Catch up at least this often while online.
const CATCH_UP_EVERY: Duration = Duration::from_secs(1);

/// The link to a shared log as the window shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkState {
    /// A file log: nothing to connect to.
    Local,
    /// The watcher is connecting (just after opening).
    Connecting,
    /// Connected: other desks' events arrive.
    Online,
    /// The server can't be reached since this instant.
    Offline(DateTime<Utc>),
}

/// A shared log's watcher and the desk's catching up with it.
#[derive(Debug, Default)]
pub struct Follower {
    /// Whether the watcher was asked for (once per desk).
    started: bool,
    /// The watcher; `None` for a file log.
    watch: Option<Watch>,
    /// Whether the link was up at the last frame (to catch up when it
    /// comes back).
    was_online: bool,
    /// When the desk last caught up.
    last_catch_up: Option<Instant>,
    /// Since when (by the desk's clock, at the first frame that saw it)
    /// the server can't be reached: the watcher lost it, or a catch-up
    /// failed for want of it (offline even if the watcher's own connection
    /// still looks alive). Cleared by the next catch-up that works.
    lost: Option<DateTime<Utc>>,
    /// A catch-up failed for another reason (an event this build can't
    /// read, a gap): said once in the dialog, and not tried again every
    /// second, since trying again can't mend it.
    broken: bool,
}

impl Follower {
    /// Once a frame, before drawing: starts the watcher (waking `ctx`) on
    /// the first call, and catches `desk` up when due. A lost connection
    /// makes the window offline; any other catch-up error goes to `dialog`.
    pub fn follow(&mut self, ctx: &egui::Context, desk: &mut Desk, dialog: &mut Option<String>) {
        if !self.started {
            self.started = true;
            let wake = ctx.clone();
            self.watch = desk.watch(Arc::new(move || wake.request_repaint()));
        }
        let Some(watch) = &self.watch else {
            return;
        };
        let online = watch.is_online();
        let news = watch.take_news();
        let back = online && !self.was_online;
        self.was_online = online;
        if matches!(watch.link(), Link::Offline { .. }) {
            self.lost.get_or_insert_with(|| desk.now());
        }
        if !online || self.broken {
            return;
        }
        let due = self
            .last_catch_up
            .is_none_or(|at| at.elapsed() >= CATCH_UP_EVERY);
        if news || back || due {
            self.catch_up(desk, dialog);
        }
        ctx.request_repaint_after(CATCH_UP_EVERY);
    }

    fn catch_up(&mut self, desk: &mut Desk, dialog: &mut Option<String>) {
        self.last_catch_up = Some(Instant::now());
        match desk.catch_up() {
            Ok(_) => self.lost = None,
            Err(AppError::Store(e)) if e.is_connection() => {
                self.lost.get_or_insert_with(|| desk.now());
            }
            Err(e) => {
                self.broken = true;
                *dialog = Some(say(&e.message()));
            }
        }
    }

    /// The link as the window shows it; `now` is the desk's clock.
    pub fn state(&self, now: DateTime<Utc>) -> LinkState {
        let Some(watch) = &self.watch else {
            return LinkState::Local;
        };
        match (watch.link(), self.lost) {
            (_, Some(since)) => LinkState::Offline(since),
            (Link::Offline { .. }, None) => LinkState::Offline(now),
            (Link::Connecting, None) => LinkState::Connecting,
            (Link::Online, None) => LinkState::Online,
        }
    }

    /// Whether the shared log's server can't be reached now.
    pub fn is_offline(&self) -> bool {
        self.watch
            .as_ref()
            .is_some_and(|w| self.lost.is_some() || matches!(w.link(), Link::Offline { .. }))
    }
}

/// The offline banner, at the top of the window while the server of the
/// shared log can't be reached.
pub fn offline_banner_ui(ui: &mut Ui) {
    egui::Panel::top("offline-banner").show(ui, |ui| {
        ui.add_space(2.0);
        ui.label(
            RichText::new(tr(
                "Offline: the shared log's server can't be reached. This desk shows what it had; sales and changes are paused until the server is back.",
            ))
            .strong()
            .color(crate::ui::widgets::error_color(ui)),
        );
        ui.add_space(2.0);
    });
}

/// The status bar: where the log is, and for an open desk its events, its
/// last write, and for a shared log the link and the last event of another
/// desk; `mail` draws the outbox's part. `desk` is `None` while loading.
pub fn status_ui(
    ui: &mut Ui,
    location: &LogLocation,
    desk: Option<&Desk>,
    follower: &Follower,
    mail: &mut dyn FnMut(&mut Ui),
) {
    egui::Panel::bottom("status").show(ui, |ui| {
        ui.horizontal(|ui| {
            ui.label(say(
                &Message::new("Log: {path}").text("path", say(&location.describe()))
            ));
            mail(ui);
            let Some(desk) = desk else {
                return;
            };
            link_ui(ui, follower.state(desk.now()));
            let s = desk.stats();
            ui.separator();
            ui.label(say(
                &Message::new("{n} {n|event|events}").count("n", s.events)
            ));
            if let Some(t) = s.last_write {
                ui.separator();
                ui.label(say(
                    &Message::new("last write {time}").text("time", date_time(t))
                ));
            }
            if let Some(t) = desk.last_foreign() {
                ui.separator();
                let at = fmt::time_secs(fmt::local(t).time());
                ui.label(say(
                    &Message::new("last from another desk {time}").text("time", at)
                ));
            }
        });
    });
}

fn link_ui(ui: &mut Ui, state: LinkState) {
    let text =
        match state {
            LinkState::Local => return,
            LinkState::Connecting => tr("connecting…").to_owned(),
            LinkState::Online => tr("connected").to_owned(),
            LinkState::Offline(since) => say(&Message::new("offline since {time}")
                .text("time", fmt::time(fmt::local(since).time()))),
        };
    ui.separator();
    ui.label(text);
}

/// `t` as the local date and time to the second.
fn date_time(t: DateTime<Utc>) -> String {
    let at = fmt::local(t);
    format!("{} {}", fmt::date(at.date()), fmt::time_secs(at.time()))
}
