//! A ticket scanned or typed at the door (issue 18.1): an 8-character
//! code finds exactly one seat, and Enter checks in exactly that person —
//! one action, no second Enter. An unassigned seat first asks for the
//! name (as a picked seat of an order does); a refusal (already in, an
//! order not paid, cancelled or expired) says why. The order code still
//! lists the whole order, whose group checks in person by person.

use super::{DoorScreen, DoorVerdict, Listing};
use crate::app::projections::OrderStatusView;
use crate::app::tickets::looks_like_ticket;
use crate::app::{AppError, UserCommand};
use crate::domain::Message;
use crate::ui::checkin::seats::{SeatAction, seat_label};
use crate::ui::i18n::say;
use crate::ui::shell::{Asker, Shell};
use eframe::egui::Ui;

impl DoorScreen {
    /// Handles `code` when it has a ticket's shape; `false` leaves it to
    /// the order code and the search.
    pub(super) fn scan_ticket(&mut self, ui: &Ui, shell: &mut Shell<'_>, code: &str) -> bool {
        if !looks_like_ticket(code) {
            return false;
        }
        let ticket = match shell.desk.tickets().find(&self.access, code) {
            Ok(t) => t,
            // Not a ticket here: maybe a name of 8 letters; search on.
            Err(AppError::NotFound(_)) => return false,
            Err(e) => {
                self.refused(shell, e);
                return true;
            }
        };
        let seat = ticket.seat().cloned();
        let confirmed = ticket.order.status == OrderStatusView::Confirmed;
        self.verdict = None;
        self.query.clear();
        self.searched = (String::new(), shell.desk.stats().events);
        self.listing = Listing::Order(ticket.order.clone());
        self.next = seat.as_ref().map(|s| s.seat);
        match seat {
            Some(seat)
                if confirmed
                    && seat.attendee.is_none()
                    && seat.checked_in_at.is_none()
                    && !self.offline.is_offline() =>
            {
                self.focus_name = true;
                self.verdict = Some(DoorVerdict::Note(say(&Message::new(
                    "Ticket {code}: type the name for {seat}, then Enter.",
                )
                .text("code", &ticket.code)
                .text("seat", seat_label(&seat)))));
            }
            Some(seat) => self.act(ui, shell, SeatAction::CheckIn(seat, None)),
            None => {
                // No seat to show (the order has none now): the app says why.
                shell.send(
                    Asker::DoorWhyNot,
                    UserCommand::CheckInTicket {
                        access: self.access.clone(),
                        ticket: ticket.code,
                        attendee: None,
                    },
                );
                self.sent_now = true;
            }
        }
        true
    }
}
