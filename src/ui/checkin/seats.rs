//! The door's table of seats: order code, seat number, seat type, attendee
//! (or, for an unassigned seat, fields for the name), order status, when
//! checked in (flagged when checked in twice, marked when only queued on
//! this machine), and "Check in" / "Undo check-in". Rows are drawn only while
//! on screen; the table returns the action pressed, and the door screen
//! sends it to the app layer.

use crate::app::projections::OrderStatusView;
use crate::app::{DoorAttendee, PurchasedSeat, SeatRef};
use crate::domain::Message;
use crate::domain::events::PersonalInfo;
use crate::domain::person_name::display_name;
use crate::ui::i18n::{format as fmt, say, tr};
use crate::ui::widgets::{enter_pressed, error_color, ok_color};
use eframe::egui::{self, RichText, Ui};
use egui_extras::{Column, TableBuilder};
use std::collections::HashMap;

/// What staff pressed on a row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SeatAction {
    /// Check the seat in, naming its attendee if it is unassigned.
    CheckIn(PurchasedSeat, Option<DoorAttendee>),
    /// Take the seat's check-in back.
    Undo(PurchasedSeat),
}

/// "Ji-woo Kim — General admission, seat 1", or "General admission, seat
/// 2 (unassigned)" (seats counted from 1, as the registrant's screens do).
pub fn seat_label(seat: &PurchasedSeat) -> String {
    let n = (u64::from(seat.seat.position) + 1).to_string();
    match &seat.attendee {
        Some(a) => say(&Message::new("{name} — {seat_type}, seat {n}")
            .text("name", display_name(&a.first_name, &a.last_name))
            .text("seat_type", &seat.seat_type)
            .text("n", &n)),
        None => say(&Message::new("{seat_type}, seat {n} (unassigned)")
            .text("seat_type", &seat.seat_type)
            .text("n", &n)),
    }
}

/// One draw of the table.
pub struct SeatsTable<'a> {
    /// The rows.
    pub seats: &'a [PurchasedSeat],
    /// Names typed for unassigned seats, by seat.
    pub names: &'a mut HashMap<SeatRef, DoorAttendee>,
    /// The seat Enter checks in: its button is emphasised.
    pub next: Option<SeatRef>,
    /// Move the focus to the first-name field of `next`.
    pub focus_name: bool,
    /// Seats whose check-ins are queued on this machine, not yet uploaded.
    pub queued: &'a [SeatRef],
    /// The door works offline: an unassigned seat is checked in without a
    /// name (naming it needs the server), so no name fields.
    pub offline: bool,
}

/// "Checked in twice: 10:02 at door-1, 10:03 at door-2" for a seat two
/// doors checked in before either knew of the other; `None` otherwise.
pub fn checked_in_twice_text(seat: &PurchasedSeat) -> Option<String> {
    if !seat.checked_in_twice() {
        return None;
    }
    // In the order they happened, whichever reached the log first.
    let mut check_ins: Vec<_> = seat.check_ins.iter().collect();
    check_ins.sort_by_key(|c| c.at);
    let each: Vec<String> = check_ins
        .into_iter()
        .map(|c| {
            let time = fmt::time(fmt::local(c.at).time());
            match &c.door {
                Some(door) => say(&Message::new("{time} at {door}")
                    .text("time", time)
                    .text("door", door)),
                None => say(&Message::new("{time} online").text("time", time)),
            }
        })
        .collect();
    Some(say(
        &Message::new("Checked in twice: {list}").text("list", each.join(", "))
    ))
}

impl SeatsTable<'_> {
    /// Draws the rows; returns the action pressed, if any.
    pub fn ui(self, ui: &mut Ui) -> Option<SeatAction> {
        let Self {
            seats,
            names,
            next,
            focus_name,
            queued,
            offline,
        } = self;
        if seats.is_empty() {
            return None;
        }
        let mut action = None;
        TableBuilder::new(ui)
            .striped(true)
            .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
            // Fits the default 1100 px window with the name fields open
            // and the longest (Korean) button label.
            .column(Column::auto().at_least(90.0))
            .column(Column::auto().at_least(50.0))
            .column(Column::auto().at_least(140.0))
            .column(Column::auto().at_least(410.0))
            .column(Column::auto().at_least(100.0))
            .column(Column::auto().at_least(80.0))
            .column(Column::remainder().at_least(150.0))
            .header(24.0, |mut h| {
                for t in [
                    tr("Order code"),
                    tr("Seat #"),
                    tr("Seat type"),
                    tr("Attendee"),
                    tr("Order status"),
                    tr("Checked in"),
                    "",
                ] {
                    h.col(|ui| {
                        ui.strong(t);
                    });
                }
            })
            .body(|body| {
                body.rows(30.0, seats.len(), |mut row| {
                    let Some(seat) = seats.get(row.index()) else {
                        return;
                    };
                    let id = seat.seat;
                    let picked = next == Some(id);
                    let mut submit = false;
                    row.col(|ui| {
                        ui.monospace(&seat.order_code);
                    });
                    row.col(|ui| {
                        ui.label((u64::from(seat.seat.position) + 1).to_string());
                    });
                    row.col(|ui| {
                        ui.label(&seat.seat_type);
                    });
                    row.col(|ui| match &seat.attendee {
                        Some(a) if a.email.is_empty() => {
                            ui.label(display_name(&a.first_name, &a.last_name));
                        }
                        Some(a) => {
                            ui.label(format!(
                                "{} · {}",
                                display_name(&a.first_name, &a.last_name),
                                a.email
                            ));
                        }
                        None if seat.checked_in_at.is_none()
                            && seat.order_status == OrderStatusView::Confirmed
                            && !offline =>
                        {
                            let draft = names.entry(id).or_default();
                            submit = name_fields_ui(ui, draft, picked && focus_name);
                            if let Some(r) = &seat.registrant {
                                registrant_button_ui(ui, r, draft);
                            }
                        }
                        None => {
                            ui.label(RichText::new(tr("unassigned")).italics().weak());
                        }
                    });
                    row.col(|ui| {
                        let status = say(&seat.order_status.message());
                        if seat.order_status == OrderStatusView::Confirmed {
                            ui.label(status);
                        } else {
                            ui.label(RichText::new(status).color(error_color(ui)));
                        }
                    });
                    row.col(|ui| match seat.checked_in_at {
                        Some(at) => {
                            let t = fmt::time(fmt::local(at).time());
                            if let Some(twice) = checked_in_twice_text(seat) {
                                // Short in the row, so the actions stay in
                                // view; the times and doors on hover.
                                let short = say(&Message::new("{time}, twice").text("time", t));
                                ui.label(RichText::new(short).strong().color(error_color(ui)))
                                    .on_hover_text(twice);
                            } else if queued.contains(&id) {
                                let t = say(&Message::new("{time} (queued)").text("time", t));
                                ui.label(RichText::new(t).strong().color(ok_color(ui)))
                                    .on_hover_text(tr(
                                        "Kept on this machine until the server is back",
                                    ));
                            } else {
                                ui.label(RichText::new(t).strong().color(ok_color(ui)));
                            }
                        }
                        None => {
                            ui.label(RichText::new("—").weak());
                        }
                    });
                    row.col(|ui| {
                        if seat.checked_in_at.is_some() {
                            if ui.button(tr("Undo check-in")).clicked() {
                                action = Some(SeatAction::Undo(seat.clone()));
                            }
                            return;
                        }
                        let label = if picked {
                            RichText::new(tr("Check in (Enter)")).strong()
                        } else {
                            RichText::new(tr("Check in"))
                        };
                        if ui.button(label).clicked() || submit {
                            let name = seat
                                .attendee
                                .is_none()
                                .then(|| names.get(&id).cloned().unwrap_or_default());
                            action = Some(SeatAction::CheckIn(seat.clone(), name));
                        }
                    });
                });
            });
        action
    }
}

fn full_name(p: &PersonalInfo) -> String {
    display_name(&p.first_name, &p.last_name)
}

/// "= Registrant": fills the name fields with the order's registrant, who
/// is most often the one standing at the door with an unassigned seat.
fn registrant_button_ui(ui: &mut Ui, registrant: &PersonalInfo, draft: &mut DoorAttendee) {
    let tip = say(&Message::new("Fill in the registrant: {name} · {email}")
        .text("name", full_name(registrant))
        .text("email", &registrant.email));
    if ui
        .small_button(tr("= Registrant"))
        .on_hover_text(tip)
        .clicked()
    {
        draft.first_name.clone_from(&registrant.first_name);
        draft.last_name.clone_from(&registrant.last_name);
        draft.email = Some(registrant.email.clone());
    }
}

/// First name, last name and optional e-mail of an unassigned seat; true
/// when Enter was pressed in one of them.
fn name_fields_ui(ui: &mut Ui, draft: &mut DoorAttendee, focus: bool) -> bool {
    let mut enter = false;
    let email = draft.email.get_or_insert_with(String::new);
    // The hints keep empty fields visible on a light theme's striped row.
    for (label, hint, value, width) in [
        (
            tr("First name"),
            tr("required"),
            &mut draft.first_name,
            80.0,
        ),
        // A one-word name ("Cher") is a whole name at the door.
        (tr("Last name"), tr("optional"), &mut draft.last_name, 80.0),
        (tr("E-mail"), tr("optional"), email, 110.0),
    ] {
        let l = ui.label(RichText::new(label).small().weak());
        let r = ui
            .add(
                egui::TextEdit::singleline(value)
                    .desired_width(width)
                    .hint_text(hint),
            )
            .labelled_by(l.id);
        if focus && label == tr("First name") {
            r.request_focus();
        }
        enter |= r.lost_focus() && enter_pressed(ui);
    }
    enter
}
