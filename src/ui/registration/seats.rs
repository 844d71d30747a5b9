//! Step 2, Choose seats: a quantity per seat type (a spinner reachable by
//! Tab: type a number or use the arrow keys), the running total for display,
//! and Reserve. The first Reserve places the order; later ones change the
//! same order. Only the button reserves (a click, or Enter on it): Enter in
//! a quantity only ends that number, so no line is reserved before the
//! others are filled. A line that got fewer seats than asked says so and
//! shows what was reserved; then "Continue with these seats" goes on with
//! them and "Change quantities" opens the quantities again.

use crate::app::projections::{ConferenceView, OrderStatusView, OrderView};
use crate::app::{AppError, OrderKey, Outcome, SeatLine, UserCommand};
use crate::domain::Message;
use crate::domain::order::MAX_SEATS_PER_LINE;
use crate::domain::{ConferenceId, Field, FieldError, Money, SeatTypeId};
use crate::ui::i18n::{format as fmt, say, tr};
use crate::ui::registration::{DetailsScreen, Go, Step, message_ui, right_cell};
use crate::ui::shell::{Asker, Shell};
use crate::ui::widgets::{error_color, error_for, escape_pressed};
use eframe::egui::{self, RichText, Ui};
use std::collections::{BTreeMap, BTreeSet};

/// Shown beside each line that got fewer seats than requested.
pub const COULD_NOT_RESERVE_ALL: &str = "Could not reserve all the requested seats.";

/// Choose seats state.
#[derive(Debug, Clone)]
pub struct SeatsScreen {
    /// The conference.
    pub conference_id: ConferenceId,
    /// The order, once placed.
    pub order: Option<OrderKey>,
    /// The quantity typed per seat type.
    pub quantities: BTreeMap<SeatTypeId, u32>,
    /// Lines the last reservation could not fully meet.
    pub short: BTreeSet<SeatTypeId>,
    /// Field rules the app refused the last Reserve with.
    pub errors: Vec<FieldError>,
    /// A refusal not tied to a field.
    pub message: Option<String>,
    /// Whether the first quantity (or, after a short reservation, "Continue
    /// with these seats") got the keyboard focus already.
    pub focused_once: bool,
    /// "Change quantities" was pressed after a short reservation: the
    /// quantities are open again (the short lines still say so).
    pub changing: bool,
    /// The desk staff code's access this desk sells with (set by the
    /// workspace each frame): a new order of its conference records it.
    pub seller: Option<crate::app::ConferenceAccess>,
}

impl SeatsScreen {
    /// A fresh choice for `conference`, every quantity 0.
    pub fn new(conference: &ConferenceView) -> Self {
        Self::blank(conference.id)
    }

    /// Back to an existing order's seats: lines that were short show the
    /// message and what was reserved.
    pub fn for_order(key: OrderKey, order: &OrderView) -> Self {
        let mut screen = Self {
            order: Some(key),
            ..Self::blank(order.conference_id)
        };
        screen.take_reservation(order);
        screen
    }

    fn blank(conference_id: ConferenceId) -> Self {
        Self {
            conference_id,
            order: None,
            quantities: BTreeMap::new(),
            short: BTreeSet::new(),
            errors: Vec::new(),
            message: None,
            focused_once: false,
            changing: false,
            seller: None,
        }
    }

    /// Whether the last reservation fell short and the registrant has not
    /// chosen yet between going on with it and changing the quantities.
    pub fn is_partial(&self) -> bool {
        !self.short.is_empty() && !self.changing
    }

    /// The quantity typed for `seat_type`.
    pub fn quantity(&self, seat_type: SeatTypeId) -> u32 {
        self.quantities.get(&seat_type).copied().unwrap_or(0)
    }

    /// Draws the screen.
    pub fn ui(&mut self, ui: &mut Ui, shell: &mut Shell<'_>) -> Go {
        let Some(conference) = shell.desk.read_models().conferences.get(self.conference_id) else {
            return Go::start_again();
        };
        if let Some(outcome) = shell.outcome(ui, Asker::Seats) {
            let go = self.reserved(shell, outcome);
            if !matches!(go, Go::Stay) {
                return go;
            }
        }
        let held = held_seats(shell, self.order.as_ref());
        ui.heading(&conference.info.name);
        ui.label(RichText::new(tr("How many seats of each type?")).weak());
        ui.add_space(8.0);
        self.quantities_ui(ui, &conference, &held);
        ui.add_space(8.0);
        ui.label(
            RichText::new(say(&Message::new("Total: {total}")
                .text("total", display_total(&conference, &self.quantities))))
            .size(18.0)
            .strong(),
        );
        ui.add_space(8.0);
        let action = self.actions_ui(ui, shell);
        for field in [Field::Seats, Field::Quantity, Field::SeatType] {
            if let Some(e) = self.errors.iter().find(|e| e.field == field) {
                message_ui(ui, Some(&say(&e.message())));
            }
        }
        message_ui(ui, self.message.as_deref());
        match action {
            Action::Reserve => self.reserve(shell, &conference),
            Action::Continue => self.go_on(shell),
            Action::Change => {
                self.changing = true;
                self.focused_once = false;
                Go::Stay
            }
            Action::Back => Go::start_again(),
            Action::None => Go::Stay,
        }
    }

    /// One row per seat type: name, price, seats left, the quantity (read
    /// only while a short reservation waits for a choice) and its message.
    fn quantities_ui(
        &mut self,
        ui: &mut Ui,
        conference: &ConferenceView,
        held: &BTreeMap<SeatTypeId, u32>,
    ) {
        let partial = self.is_partial();
        let Self {
            quantities,
            short,
            errors,
            focused_once,
            ..
        } = self;
        egui::Grid::new("choose-seats")
            .num_columns(5)
            .spacing([20.0, 8.0])
            .striped(true)
            .show(ui, |ui| {
                for h in [
                    tr("Seat type"),
                    tr("Price"),
                    tr("Available"),
                    tr("Quantity"),
                    "",
                ] {
                    ui.strong(h);
                }
                ui.end_row();
                for s in &conference.seat_types {
                    let l = ui.label(&s.name);
                    right_cell(ui, fmt::money(s.price));
                    let held = held.get(&s.id).copied().unwrap_or(0);
                    ui.label(match (held, s.left) {
                        (0, 0) => tr("sold out").to_string(),
                        (0, left) => say(&Message::new("{n} left").count("n", left)),
                        (held, left) => say(&Message::new("{held} held for you + {n} left")
                            .count("held", held)
                            .count("n", left)),
                    });
                    let q = quantities.entry(s.id).or_insert(0);
                    let r = ui
                        .add_enabled(
                            !partial,
                            egui::DragValue::new(q)
                                .range(0..=MAX_SEATS_PER_LINE)
                                .speed(1.0)
                                .update_while_editing(true),
                        )
                        .labelled_by(l.id);
                    if !partial && !std::mem::replace(focused_once, true) {
                        r.request_focus();
                    }
                    let rule = error_for(errors, &Field::QuantityOf(s.name.clone()));
                    match (short.contains(&s.id), rule) {
                        (true, _) => ui
                            .label(RichText::new(tr(COULD_NOT_RESERVE_ALL)).color(error_color(ui))),
                        (false, Some(rule)) => ui.label(RichText::new(rule).color(error_color(ui))),
                        (false, None) => ui.label(""),
                    };
                    ui.end_row();
                }
            });
    }

    /// The buttons: Reserve (and Back before the order exists), or, after a
    /// short reservation, "Continue with these seats" and "Change
    /// quantities". Only a button reserves: Enter on the page does not.
    fn actions_ui(&mut self, ui: &mut Ui, shell: &Shell<'_>) -> Action {
        let can_go_back = self.order.is_none();
        let mut action = Action::None;
        if self.is_partial() {
            let got_some = held_seats(shell, self.order.as_ref())
                .values()
                .any(|n| *n > 0);
            ui.horizontal(|ui| {
                let go_on = ui.add_enabled(
                    got_some,
                    egui::Button::new(RichText::new(tr("Continue with these seats")).strong()),
                );
                let change = ui.button(tr("Change quantities"));
                if !std::mem::replace(&mut self.focused_once, true) {
                    (if got_some { &go_on } else { &change }).request_focus();
                }
                if go_on.clicked() {
                    action = Action::Continue;
                } else if change.clicked() {
                    action = Action::Change;
                }
            });
            return action;
        }
        ui.horizontal(|ui| {
            if ui.button(tr("Reserve")).clicked() {
                action = Action::Reserve;
            }
            if can_go_back && ui.button(tr("Back")).clicked() {
                action = Action::Back;
            }
        });
        if !can_go_back {
            let minutes = shell.desk.settings().reservation_window.num_minutes();
            ui.label(
                RichText::new(
                    say(&Message::new("Reserve changes the seats of this order; its {minutes} {minutes|minute|minutes} restart.").count("minutes", minutes)),
                )
                .weak(),
            );
        }
        if matches!(action, Action::None) && can_go_back && escape_pressed(ui) {
            action = Action::Back;
        }
        action
    }

    /// "Continue with these seats": on to the details with what the order
    /// holds.
    fn go_on(&mut self, shell: &mut Shell<'_>) -> Go {
        let Some(key) = self.order.clone() else {
            return Go::Stay;
        };
        match shell.desk.registration().order(&key) {
            Ok(order) => Go::To(Step::Details(Box::new(DetailsScreen::new(key, &order)))),
            Err(e) => self.refused(shell, e),
        }
    }
    fn reserve(&mut self, shell: &mut Shell<'_>, conference: &ConferenceView) -> Go {
        let lines: Vec<SeatLine> = conference
            .seat_types
            .iter()
            .map(|s| (s.id, self.quantity(s.id)))
            .collect();
        self.errors.clear();
        self.message = None;
        let command = match &self.order {
            Some(key) => {
                if let Ok(order) = shell.desk.registration().order(key)
                    && self.unchanged(&order)
                {
                    return Go::To(Step::Details(Box::new(DetailsScreen::new(
                        key.clone(),
                        &order,
                    ))));
                }
                UserCommand::UpdateOrder {
                    order: key.clone(),
                    seats: lines,
                }
            }
            None => match &self.seller {
                Some(access) if access.conference() == conference.id => UserCommand::Sell {
                    access: access.clone(),
                    seats: lines,
                },
                _ => UserCommand::PlaceOrder {
                    conference: conference.id,
                    seats: lines,
                },
            },
        };
        shell.send(Asker::Seats, command);
        Go::Stay
    }

    /// What Reserve did (the frame after it was asked for): on to the
    /// details when every line got its seats, else stay and show the lines.
    fn reserved(&mut self, shell: &mut Shell<'_>, outcome: Result<Outcome, AppError>) -> Go {
        let key = match outcome {
            Ok(Outcome::OrderPlaced(key)) => {
                self.order = Some(key.clone());
                key
            }
            Ok(_) => match &self.order {
                Some(key) => key.clone(),
                None => return Go::Stay,
            },
            Err(e) => return self.refused(shell, e),
        };
        match shell.desk.registration().order(&key) {
            Ok(order) => {
                self.take_reservation(&order);
                if self.short.is_empty() {
                    Go::To(Step::Details(Box::new(DetailsScreen::new(key, &order))))
                } else {
                    Go::Stay
                }
            }
            Err(e) => self.refused(shell, e),
        }
    }

    /// Whether the order already holds exactly the typed quantities.
    fn unchanged(&self, order: &OrderView) -> bool {
        order.status == OrderStatusView::ReservationCompleted
            && self.quantities.iter().all(|(id, q)| {
                let held = order
                    .lines
                    .iter()
                    .find(|l| l.seat_type == *id)
                    .map_or(0, |l| l.reserved);
                held == *q
            })
    }

    /// Quantities become what the order got; short lines are remembered.
    fn take_reservation(&mut self, order: &OrderView) {
        self.short.clear();
        let reserved = order.status != OrderStatusView::PendingReservation;
        for line in &order.lines {
            if reserved && line.reserved < line.requested {
                self.short.insert(line.seat_type);
            }
            self.quantities.insert(
                line.seat_type,
                if reserved {
                    line.reserved
                } else {
                    line.requested
                },
            );
        }
        // A fresh shortfall asks again: go on, or change (focused anew).
        self.changing = false;
        if !self.short.is_empty() {
            self.focused_once = false;
        }
    }

    fn refused(&mut self, shell: &mut Shell<'_>, e: AppError) -> Go {
        match shell.triage(e) {
            Some(AppError::Validation(fields)) => self.errors = fields,
            Some(other) => self.message = Some(say(&other.message())),
            None => {}
        }
        Go::Stay
    }
}

/// What the registrant asked for with the step's buttons this frame.
enum Action {
    /// Nothing.
    None,
    /// Reserve (place or change the order).
    Reserve,
    /// Go on with a short reservation.
    Continue,
    /// Open the quantities again after a short reservation.
    Change,
    /// Back to the conferences (before the order exists).
    Back,
}

/// Prices × quantities of the conference's seat types, for display only
/// (the order's own total, computed by the app, is what is paid).
fn display_total(conference: &ConferenceView, quantities: &BTreeMap<SeatTypeId, u32>) -> String {
    let currency = conference.info.currency;
    let sum = conference.seat_types.iter().try_fold(0_i64, |acc, s| {
        let q = quantities.get(&s.id).copied().unwrap_or(0);
        s.price
            .times(q)
            .and_then(|line| acc.checked_add(line.minor))
    });
    match sum {
        Some(minor) => fmt::money(Money::new(minor, currency)),
        None => tr("too large").into(),
    }
}

/// Seats the order already holds, per seat type (none before it is placed).
fn held_seats(shell: &Shell<'_>, order: Option<&OrderKey>) -> BTreeMap<SeatTypeId, u32> {
    order
        .and_then(|k| shell.desk.registration().order(k).ok())
        .map(|o| o.lines.iter().map(|l| (l.seat_type, l.reserved)).collect())
        .unwrap_or_default()
}
