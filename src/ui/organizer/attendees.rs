//! Attendees tab: one row per purchased seat — seat type, attendee name and
//! e-mail, order code, when checked in at the door; unassigned seats shown
//! as such; checked in / confirmed per seat type; a filter box (Ctrl+F). The matching seats come from the read model's prepared search
//! text ([`AttendeeDirectory`](crate::app::projections::AttendeeDirectory))
//! only when the log or the filter changes; a row's
//! [`PurchasedSeat`](crate::app::PurchasedSeat) is looked up only while it
//! is on screen.

use crate::app::projections::{ReadModels, SeatQuery, SeatRef};
use crate::domain::ConferenceId;
use crate::domain::Message;
use crate::domain::person_name::display_name;
use crate::ui::i18n::{format as fmt, say, tr};
use crate::ui::shell::Shell;
use crate::ui::widgets::{error_color, filter_box};
use chrono::{DateTime, Utc};
use eframe::egui::{self, RichText, Ui};
use egui_extras::{Column, TableBuilder};

/// Attendees tab state.
#[derive(Debug, Clone, Default)]
pub struct AttendeesTab {
    /// The filter text.
    pub filter: String,
    /// Seats after the filter.
    pub rows: Vec<SeatRef>,
    /// How many of `rows` have an attendee named.
    pub assigned: usize,
    cache_key: Option<(u64, String)>,
}

impl AttendeesTab {
    /// Draws the tab.
    pub fn ui(&mut self, ui: &mut Ui, shell: &mut Shell<'_>, id: ConferenceId) {
        let events = shell.desk.stats().events;
        let now = shell.desk.now();
        self.view_ui(ui, shell.desk.read_models(), events, now, id);
    }

    /// Draws the tab from `read` (the present or a past view) as of `now`;
    /// `version` changes whenever `read` does (it keys the row cache).
    pub fn view_ui(
        &mut self,
        ui: &mut Ui,
        read: &ReadModels,
        version: u64,
        now: DateTime<Utc>,
        id: ConferenceId,
    ) {
        filter_box(
            ui,
            &mut self.filter,
            tr("name, e-mail, seat type, order code (Ctrl+F)"),
        );
        self.refresh_from(read, version, id);
        ui.label(say(&Message::new(
            "{n} {n|seat|seats}, {assigned} assigned",
        )
        .count("n", self.rows.len())
        .count("assigned", self.assigned)));
        ui.horizontal_wrapped(|ui| {
            ui.label(tr("Checked in / confirmed:"));
            for c in read.check_ins.counts(id) {
                ui.label(format!("{} {} / {}", c.name, c.checked_in, c.confirmed));
                ui.add_space(8.0);
            }
        });
        TableBuilder::new(ui)
            .striped(true)
            .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
            .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
            .column(Column::auto().at_least(160.0))
            .column(Column::auto().at_least(200.0))
            .column(Column::auto().at_least(220.0))
            .column(Column::auto().at_least(90.0))
            .column(Column::remainder().at_least(80.0))
            .header(24.0, |mut h| {
                for t in [
                    tr("Seat type"),
                    tr("Attendee"),
                    tr("E-mail"),
                    tr("Order code"),
                    tr("Checked in"),
                ] {
                    h.col(|ui| {
                        ui.strong(t);
                    });
                }
            })
            .body(|body| {
                body.rows(22.0, self.rows.len(), |mut r| {
                    let Some(a) = self
                        .rows
                        .get(r.index())
                        .and_then(|seat| read.purchased_seat(*seat, now))
                    else {
                        return;
                    };
                    r.col(|ui| {
                        ui.label(&a.seat_type);
                    });
                    r.col(|ui| match &a.attendee {
                        Some(p) => {
                            ui.label(display_name(&p.first_name, &p.last_name));
                        }
                        None => {
                            ui.label(RichText::new(tr("unassigned")).italics().weak());
                        }
                    });
                    r.col(|ui| {
                        ui.label(a.attendee.as_ref().map_or("", |p| p.email.as_str()));
                    });
                    r.col(|ui| {
                        ui.label(&a.order_code);
                    });
                    r.col(|ui| {
                        if let Some(twice) = crate::ui::checkin::checked_in_twice_text(&a) {
                            ui.label(RichText::new(twice).color(error_color(ui)));
                        } else if let Some(at) = a.checked_in_at {
                            ui.label(fmt::time(fmt::local(at).time()));
                        }
                    });
                });
            });
    }

    /// Refilters the rows from `read` if `version` or the filter changed.
    pub fn refresh_from(&mut self, read: &ReadModels, version: u64, id: ConferenceId) {
        if matches!(&self.cache_key, Some((e, f)) if *e == version && *f == self.filter) {
            return;
        }
        let query = SeatQuery::new(&self.filter, tr("unassigned"));
        let matches = read.attendees.filter(id, query);
        self.rows = matches.rows;
        self.assigned = matches.assigned;
        self.cache_key = Some((version, self.filter.clone()));
    }
}
