//! Attendees tab: one row per purchased seat — seat type, attendee name and
//! e-mail, order code, when checked in at the door; an unassigned seat
//! says so and names its order's registrant (whom a filter also finds it
//! by); checked in / confirmed per seat type; a filter box (Ctrl+F).
//! Every column header sorts ([`crate::ui::sort_header`], as the Orders
//! tab); the sort stays while filtering, and a new filter or sort shows
//! the list from its top. The matching, sorted seats come from the read
//! model's prepared search text and sort keys
//! ([`AttendeeDirectory`](crate::app::projections::AttendeeDirectory))
//! only when the log, the filter or the sort changes; a row's
//! [`PurchasedSeat`](crate::app::PurchasedSeat) is looked up only while it
//! is on screen.

use crate::app::PurchasedSeat;
use crate::app::projections::{ReadModels, SeatOrder, SeatQuery, SeatRef, SeatSort};
use crate::domain::ConferenceId;
use crate::domain::Message;
use crate::domain::person_name::display_name;
use crate::ui::i18n::{format as fmt, say, tr};
use crate::ui::shell::Shell;
use crate::ui::sort_header::{self, sort_header_ui};
use crate::ui::widgets::{error_color, filter_box};
use chrono::{DateTime, Utc};
use eframe::egui::{self, RichText, Ui};
use egui_extras::{Column, TableBuilder};

/// Attendees tab state.
#[derive(Debug, Clone, Default)]
pub struct AttendeesTab {
    /// The filter text.
    pub filter: String,
    /// The column sorted by and whether descending; `None` lists seats by
    /// order placement, then seat.
    pub sort: Option<SeatOrder>,
    /// Seats after the filter, in the sort's order.
    pub rows: Vec<SeatRef>,
    /// How many of `rows` have an attendee named.
    pub assigned: usize,
    cache_key: Option<(u64, String, Option<SeatOrder>)>,
    /// The filter and sort the table was last drawn with: when either
    /// changes, the table scrolls back to its top.
    drawn: Option<(String, Option<SeatOrder>)>,
}

/// The columns, in order, with their headers.
fn columns() -> [(SeatSort, &'static str); 5] {
    [
        (SeatSort::SeatType, tr("Seat type")),
        (SeatSort::Name, tr("Attendee")),
        (SeatSort::Email, tr("E-mail")),
        (SeatSort::Order, tr("Order code")),
        (SeatSort::CheckedIn, tr("Checked in")),
    ]
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
                let (n, of) = (fmt::count(c.checked_in), fmt::count(c.confirmed));
                ui.label(format!("{} {n} / {of}", c.name));
                ui.add_space(8.0);
            }
        });
        self.table_ui(ui, read, now);
    }

    /// The table: sortable headers, and only the visible rows laid out.
    fn table_ui(&mut self, ui: &mut Ui, read: &ReadModels, now: DateTime<Utc>) {
        let drawn = (self.filter.clone(), self.sort);
        let to_top = self.drawn.as_ref() != Some(&drawn);
        self.drawn = Some(drawn);
        let mut table = TableBuilder::new(ui)
            .striped(true)
            .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
            .column(Column::auto().at_least(160.0))
            .column(Column::auto().at_least(200.0))
            .column(Column::auto().at_least(220.0))
            .column(Column::auto().at_least(90.0))
            .column(Column::remainder().at_least(80.0));
        if to_top {
            table = table.vertical_scroll_offset(0.0);
        }
        let mut clicked = None;
        table
            .header(24.0, |mut h| {
                for (col, label) in columns() {
                    h.col(|ui| {
                        if sort_header_ui(ui, label, col, self.sort) {
                            clicked = Some(col);
                        }
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
                    for (col, _) in columns() {
                        r.col(|ui| cell_ui(ui, &a, col));
                    }
                });
            });
        if let Some(col) = clicked {
            self.sort = Some(sort_header::clicked(self.sort, col));
        }
    }

    /// Refilters and sorts the rows from `read` if `version`, the filter or
    /// the sort changed.
    pub fn refresh_from(&mut self, read: &ReadModels, version: u64, id: ConferenceId) {
        if matches!(&self.cache_key, Some((e, f, s)) if *e == version && *f == self.filter && *s == self.sort)
        {
            return;
        }
        let query = SeatQuery::new(&self.filter, tr("unassigned"));
        let matches = read.attendees.filter_sorted(id, query, self.sort);
        self.rows = matches.rows;
        self.assigned = matches.assigned;
        self.cache_key = Some((version, self.filter.clone(), self.sort));
    }
}

/// One cell of seat `a`. An unassigned seat shows its order's registrant
/// (name beside "unassigned", e-mail in its column, both weak): what a
/// filter on the registrant found it by.
fn cell_ui(ui: &mut Ui, a: &PurchasedSeat, col: SeatSort) {
    let registrant = a
        .attendee
        .is_none()
        .then_some(a.registrant.as_ref())
        .flatten();
    match col {
        SeatSort::SeatType => {
            ui.label(&a.seat_type);
        }
        SeatSort::Name => match (&a.attendee, registrant) {
            (Some(p), _) => {
                ui.label(display_name(&p.first_name, &p.last_name));
            }
            (None, r) => {
                ui.label(RichText::new(tr("unassigned")).italics().weak());
                if let Some(r) = r {
                    ui.label(
                        RichText::new(say(&Message::new("· registrant {name}")
                            .text("name", display_name(&r.first_name, &r.last_name))))
                        .weak(),
                    );
                }
            }
        },
        SeatSort::Email => match (&a.attendee, registrant) {
            (Some(p), _) => {
                ui.label(p.email.as_str());
            }
            (None, Some(r)) => {
                ui.label(RichText::new(r.email.as_str()).weak());
            }
            (None, None) => {}
        },
        SeatSort::Order => {
            ui.label(&a.order_code);
        }
        SeatSort::CheckedIn => {
            if let Some(twice) = crate::ui::checkin::checked_in_twice_text(a) {
                ui.label(RichText::new(twice).color(error_color(ui)));
            } else if let Some(at) = a.checked_in_at {
                ui.label(fmt::time(fmt::local(at).time()));
            }
        }
    }
}
