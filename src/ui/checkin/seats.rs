//! The door's table of seats: order code, seat (number · type), attendee
//! (name over e-mail, or, for an unassigned seat, fields for the name),
//! order status, when checked in (flagged when checked in twice, marked
//! when only queued on this machine), and "Check in" / "Undo check-in".
//! Laid out for windows of 800 px and up, in either language: the action
//! column is pinned on the right at its longest label's width, the
//! attendee column takes the rest, long texts are cut with "…" and shown
//! whole on hover (issue 16 item 1: buttons used to be cut or off-screen).
//! Rows are drawn only while on screen; the table returns the action
//! pressed, and the door screen sends it to the app layer.

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

/// Row heights: one line, a name over its e-mail, two lines of fields.
const ONE_LINE: f32 = 30.0;
const NAME_OVER_EMAIL: f32 = 40.0;
const NAME_FIELDS: f32 = 56.0;

/// The narrowest the attendee column gets: the unassigned seat's fields in
/// two lines still take a few letters each.
const ATTENDEE_MIN: f32 = 230.0;

impl SeatsTable<'_> {
    /// Draws the rows; returns the action pressed, if any.
    ///
    /// Laid out for 800 px and up: the action column is pinned on the
    /// right at the width of its longest label (in the window's
    /// language), the attendee column takes what is left and clips, the
    /// others are capped and truncate with the whole text on hover. So
    /// "Check in" / "Undo check-in" are always in view.
    pub fn ui(mut self, ui: &mut Ui) -> Option<SeatAction> {
        if self.seats.is_empty() {
            return None;
        }
        let mut action = None;
        let heights: Vec<f32> = self.seats.iter().map(|s| self.row_height(s)).collect();
        let actions = actions_width(ui);
        // The seat column as wide as its longest text, up to a share of
        // the window: "1 · General admission" whole at 800 px, a long
        // seat type cut (whole on hover) so the attendee keeps its room.
        let widest_seat = self
            .seats
            .iter()
            .map(|s| text_width(ui, RichText::new(seat_text(s)), egui::TextStyle::Body))
            .fold(0.0, f32::max);
        let seat_w = (widest_seat + 4.0).clamp(70.0, (ui.available_width() * 0.2).max(90.0));
        TableBuilder::new(ui)
            .striped(true)
            .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
            .column(Column::auto().at_least(60.0).at_most(90.0).clip(true))
            .column(Column::exact(seat_w).clip(true))
            .column(Column::remainder().at_least(ATTENDEE_MIN).clip(true))
            .column(Column::auto().at_least(50.0).at_most(110.0).clip(true))
            .column(Column::auto().at_least(60.0).at_most(110.0).clip(true))
            .column(Column::exact(actions))
            .header(24.0, |mut h| {
                for t in [
                    tr("Order code"),
                    tr("Seat"),
                    tr("Attendee"),
                    tr("Order status"),
                    tr("Checked in"),
                    "",
                ] {
                    h.col(|ui| {
                        ui.add(egui::Label::new(RichText::new(t).strong()).truncate());
                    });
                }
            })
            .body(|body| {
                body.heterogeneous_rows(heights.into_iter(), |row| {
                    if let Some(a) = self.row_ui(row) {
                        action = Some(a);
                    }
                });
            });
        action
    }

    /// An unassigned seat that can be named here gets the name fields.
    fn names_here(&self, seat: &PurchasedSeat) -> bool {
        seat.attendee.is_none()
            && seat.checked_in_at.is_none()
            && seat.order_status == OrderStatusView::Confirmed
            && !self.offline
    }

    fn row_height(&self, seat: &PurchasedSeat) -> f32 {
        match &seat.attendee {
            Some(a) if !a.email.is_empty() => NAME_OVER_EMAIL,
            None if self.names_here(seat) => NAME_FIELDS,
            _ => ONE_LINE,
        }
    }

    /// One row; the action pressed on it, if any.
    fn row_ui(&mut self, mut row: egui_extras::TableRow<'_, '_>) -> Option<SeatAction> {
        let seat = self.seats.get(row.index())?;
        let id = seat.seat;
        let picked = self.next == Some(id);
        let mut submit = false;
        row.col(|ui| {
            ui.monospace(&seat.order_code);
        });
        row.col(|ui| {
            truncated_ui(ui, seat_text(seat));
        });
        row.col(|ui| {
            submit = attendee_ui(
                ui,
                seat,
                self.names_here(seat),
                self.names,
                picked && self.focus_name,
            );
        });
        row.col(|ui| {
            let status = say(&seat.order_status.message());
            let text = if seat.order_status == OrderStatusView::Confirmed {
                RichText::new(status.clone())
            } else {
                RichText::new(status.clone()).color(error_color(ui))
            };
            ui.add(egui::Label::new(text).truncate())
                .on_hover_text(status);
        });
        row.col(|ui| checked_in_ui(ui, seat, self.queued.contains(&id)));
        let mut action = None;
        row.col(|ui| {
            if seat.checked_in_at.is_some() {
                if ui.button(tr("Undo check-in")).clicked() {
                    action = Some(SeatAction::Undo(seat.clone()));
                }
                return;
            }
            if ui.button(check_in_label(picked)).clicked() || submit {
                let name = seat
                    .attendee
                    .is_none()
                    .then(|| self.names.get(&id).cloned().unwrap_or_default());
                action = Some(SeatAction::CheckIn(seat.clone(), name));
            }
        });
        action
    }
}

/// The widest action label in the window's language, plus the button's
/// padding: the action column never cuts its button.
fn actions_width(ui: &Ui) -> f32 {
    let widest = [
        check_in_label(true),
        check_in_label(false),
        RichText::new(tr("Undo check-in")),
    ]
    .into_iter()
    .map(|t| {
        egui::WidgetText::from(t)
            .into_galley(
                ui,
                Some(egui::TextWrapMode::Extend),
                f32::INFINITY,
                egui::TextStyle::Button,
            )
            .size()
            .x
    })
    .fold(0.0, f32::max);
    widest + 2.0 * ui.spacing().button_padding.x + 4.0
}

/// "Check in (Enter)" on the seat Enter checks in, "Check in" elsewhere.
fn check_in_label(picked: bool) -> RichText {
    if picked {
        RichText::new(tr("Check in (Enter)")).strong()
    } else {
        RichText::new(tr("Check in"))
    }
}

/// "1 · General admission": the seat number first, so a long seat type is
/// what gets cut (seats counted from 1, as the registrant's screens do).
fn seat_text(seat: &PurchasedSeat) -> String {
    let n = u64::from(seat.seat.position) + 1;
    format!("{n} · {}", seat.seat_type)
}

/// A label cut with "…" to the cell, whole on hover.
fn truncated_ui(ui: &mut Ui, text: String) {
    ui.add(egui::Label::new(text.as_str()).truncate())
        .on_hover_text(text);
}

/// The attendee as name over e-mail (each cut to the cell, whole on
/// hover), or the name fields of an unassigned seat when `names_here`;
/// true when Enter was pressed in one of them.
fn attendee_ui(
    ui: &mut Ui,
    seat: &PurchasedSeat,
    names_here: bool,
    names: &mut HashMap<SeatRef, DoorAttendee>,
    focus: bool,
) -> bool {
    match &seat.attendee {
        Some(a) if a.email.is_empty() => {
            truncated_ui(ui, display_name(&a.first_name, &a.last_name));
        }
        Some(a) => {
            ui.vertical(|ui| {
                ui.spacing_mut().item_spacing.y = 0.0;
                truncated_ui(ui, display_name(&a.first_name, &a.last_name));
                ui.add(egui::Label::new(RichText::new(a.email.as_str()).small().weak()).truncate())
                    .on_hover_text(a.email.as_str());
            });
        }
        None if names_here => {
            let draft = names.entry(seat.seat).or_default();
            return ui
                .vertical(|ui| name_fields_ui(ui, draft, seat.registrant.as_ref(), focus))
                .inner;
        }
        None => {
            ui.label(RichText::new(tr("unassigned")).italics().weak());
        }
    }
    false
}

/// When the seat was checked in: flagged when twice, marked when queued.
fn checked_in_ui(ui: &mut Ui, seat: &PurchasedSeat, queued: bool) {
    let Some(at) = seat.checked_in_at else {
        ui.label(RichText::new("—").weak());
        return;
    };
    let t = fmt::time(fmt::local(at).time());
    if let Some(twice) = checked_in_twice_text(seat) {
        // Short in the row, so the actions stay in view; the times and
        // doors on hover.
        let short = say(&Message::new("{time}, twice").text("time", t));
        ui.add(egui::Label::new(RichText::new(short).strong().color(error_color(ui))).truncate())
            .on_hover_text(twice);
    } else if queued {
        let t = say(&Message::new("{time} (queued)").text("time", t));
        ui.add(egui::Label::new(RichText::new(t).strong().color(ok_color(ui))).truncate())
            .on_hover_text(tr("Kept on this machine until the server is back"));
    } else {
        ui.label(RichText::new(t).strong().color(ok_color(ui)));
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

/// The width `text` takes laid out on one line in `style`.
fn text_width(ui: &Ui, text: RichText, style: egui::TextStyle) -> f32 {
    egui::WidgetText::from(text)
        .into_galley(ui, Some(egui::TextWrapMode::Extend), f32::INFINITY, style)
        .size()
        .x
}

/// First name, last name and optional e-mail of an unassigned seat, in two
/// lines that share the cell's width (first and last name; e-mail and "=
/// Registrant"), so they stay usable at 800 px; true when Enter was
/// pressed in one of them.
fn name_fields_ui(
    ui: &mut Ui,
    draft: &mut DoorAttendee,
    registrant: Option<&PersonalInfo>,
    focus: bool,
) -> bool {
    let mut enter = false;
    ui.spacing_mut().item_spacing.y = 2.0;
    let gap = ui.spacing().item_spacing.x;
    let small = |t: &'static str| RichText::new(t).small().weak();
    let label_w = |t: &'static str| text_width(ui, small(t), egui::TextStyle::Small);
    let full = ui.available_width();
    let names_w = ((full - label_w(tr("First name")) - label_w(tr("Last name")) - 4.0 * gap) / 2.0)
        .clamp(40.0, 180.0);
    let button_w = registrant.map_or(0.0, |_| {
        text_width(
            ui,
            RichText::new(tr("= Registrant")),
            egui::TextStyle::Button,
        ) + 2.0 * ui.spacing().button_padding.x
            + gap
    });
    // Wide windows: fields as long as a name needs, not the whole cell.
    let email_w = (full - label_w(tr("E-mail")) - button_w - 3.0 * gap).clamp(60.0, 260.0);
    // The hints keep empty fields visible on a light theme's striped row.
    let mut field = |ui: &mut Ui, label: &'static str, hint, value: &mut String, width| {
        let l = ui.label(small(label));
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
    };
    ui.horizontal(|ui| {
        field(
            ui,
            tr("First name"),
            tr("required"),
            &mut draft.first_name,
            names_w,
        );
        // A one-word name ("Cher") is a whole name at the door.
        field(
            ui,
            tr("Last name"),
            tr("optional"),
            &mut draft.last_name,
            names_w,
        );
    });
    ui.horizontal(|ui| {
        let email = draft.email.get_or_insert_with(String::new);
        field(ui, tr("E-mail"), tr("optional"), email, email_w);
        if let Some(r) = registrant {
            registrant_button_ui(ui, r, draft);
        }
    });
    enter
}
