//! The plain-language line of one history event, kept as a [`Message`]
//! (an English template with typed arguments): the CLI prints it in
//! English, and the window translates the template and formats the money
//! and times in its own language.

use crate::app::projections::ConferenceDirectory;
use crate::domain::events::{CancelReason, PaymentMethod, ProcessState, SeatQuantity};
use crate::domain::person_name::display_name;
use crate::domain::{ConferenceId, Event, Message, Money, SeatTypeId};

/// A history line: a [`Message`] (English template with typed arguments),
/// the shape every text of the desk takes.
pub type HistoryLine = Message;

/// The plain-language line for `event` of an order of `conference`.
pub fn describe(
    event: &Event,
    directory: &ConferenceDirectory,
    conference: Option<ConferenceId>,
) -> HistoryLine {
    let name = |s: SeatTypeId| {
        conference
            .and_then(|c| directory.seat_name(c, s))
            .unwrap_or("?")
            .to_string()
    };
    let seats = |v: &[SeatQuantity]| {
        v.iter()
            .map(|s| format!("{} {}", name(s.seat_type), s.quantity))
            .collect::<Vec<_>>()
            .join(", ")
    };
    match event {
        Event::OrderPlaced(e) => {
            Message::new("Order placed: {seats}").text("seats", seats(&e.seats))
        }
        Event::OrderUpdated(e) => {
            Message::new("Quantities changed: {seats}").text("seats", seats(&e.seats))
        }
        Event::SeatsReserved(e) => {
            Message::new("Seats reserved: {seats}").text("seats", seats(&e.details))
        }
        Event::OrderPartiallyReserved(e) => {
            Message::new("Could not reserve all the requested seats: got {seats}")
                .text("seats", seats(&e.seats))
        }
        Event::OrderReservationCompleted(e) => Message::new("All seats reserved until {time}")
            .instant("time", e.reservation_expiration),
        Event::OrderTotalsCalculated(e) => match &e.discount {
            Some(d) => Message::new("Total {amount} after discount {code} of {discount}")
                .money("amount", Money::new(e.total, e.currency))
                .text("code", d.code.clone())
                .money("discount", Money::new(d.amount, e.currency)),
            None => {
                Message::new("Total {amount}").money("amount", Money::new(e.total, e.currency))
            }
        },
        Event::DiscountCodeRedeemed(e) => {
            Message::new("Discount code {code} applied").text("code", e.code.clone())
        }
        Event::DiscountCodeReleased(e) => {
            Message::new("Discount code {code} given back").text("code", e.code.clone())
        }
        Event::OrderRegistrantAssigned(e) => {
            let key = if e.registrant.email.trim().is_empty() {
                "Registrant: {name}"
            } else {
                "Registrant: {name} <{email}>"
            };
            Message::new(key)
                .text(
                    "name",
                    display_name(&e.registrant.first_name, &e.registrant.last_name),
                )
                .text("email", e.registrant.email.clone())
        }
        Event::PaymentInitiated(e) => {
            Message::new("Payment of {amount} started").money("amount", e.amount)
        }
        Event::PaymentCompleted(e) => match e.method {
            PaymentMethod::Unknown => Message::new("Payment accepted"),
            method => Message::new("Payment accepted: {method}")
                .message("method", payment_method_message(method)),
        },
        Event::PaymentRejected(_) => Message::new("Payment rejected"),
        Event::SeatsReservationCommitted(_) => Message::new("Seats sold"),
        Event::SeatsReservationCancelled(e) => {
            Message::new("Seats released: {seats}").text("seats", seats(&e.details))
        }
        Event::OrderConfirmed(_) => Message::new("Order confirmed"),
        Event::OrderExpired(_) => Message::new("Order expired: the reservation ran out"),
        Event::OrderCancelled(e) => match e.reason {
            CancelReason::AtTheDesk => Message::new("Order cancelled at the desk"),
            CancelReason::ByOrganizer => Message::new("Order cancelled by the organizer"),
        },
        Event::PaymentRefunded(e) => Message::new("Refund of {amount}: {method}")
            .money("amount", e.amount)
            .message("method", payment_method_message(e.method)),
        Event::SoldSeatsReleased(e) => {
            Message::new("Sold seats back on sale: {seats}").text("seats", seats(&e.details))
        }
        Event::SeatAssignmentsCreated(e) => {
            Message::new("{n} {n|seat|seats} ready to assign").count("n", e.seats.len())
        }
        Event::SeatAssigned(e) => {
            // A seat named at the door may have no e-mail: no empty "<>".
            let key = if e.attendee.email.trim().is_empty() {
                "Seat {position} ({seat_type}) assigned to {name}"
            } else {
                "Seat {position} ({seat_type}) assigned to {name} <{email}>"
            };
            Message::new(key)
                .text("position", seat_number(e.position))
                .text("seat_type", name(e.seat_type))
                .text(
                    "name",
                    display_name(&e.attendee.first_name, &e.attendee.last_name),
                )
                .text("email", e.attendee.email.clone())
        }
        Event::SeatAssignmentUpdated(e) => Message::new("Seat {position} renamed to {name}")
            .text("position", seat_number(e.position))
            .text(
                "name",
                display_name(&e.attendee.first_name, &e.attendee.last_name),
            ),
        Event::SeatUnassigned(e) => {
            Message::new("Seat {position} unassigned").text("position", seat_number(e.position))
        }
        Event::RegistrationProcessStateChanged(e) => match e.state {
            ProcessState::AwaitingReservationConfirmation => {
                Message::new("Registration: waiting for the seat reservation")
            }
            ProcessState::ReservationConfirmationReceived => {
                Message::new("Registration: seats held, waiting for payment")
            }
            ProcessState::PaymentConfirmationReceived => {
                Message::new("Registration: payment received")
            }
            ProcessState::Completed => Message::new("Registration: completed"),
            ProcessState::Expired => Message::new("Registration: expired, seats released"),
        },
        Event::AttendeeCheckedIn(e) => {
            Message::new("Seat {position} ({seat_type}) checked in at {time}")
                .text("position", seat_number(e.position))
                .text("seat_type", name(e.seat_type))
                .instant("time", e.checked_in_at)
        }
        Event::AttendeeCheckInUndone(e) => Message::new("Check-in of seat {position} taken back")
            .text("position", seat_number(e.position)),
        Event::AttendeeCheckedInOffline(e) if e.duplicate => Message::new(
            "Seat {position} ({seat_type}) checked in again at {time} at door {door}, offline: checked in twice",
        )
        .text("position", seat_number(e.position))
        .text("seat_type", name(e.seat_type))
        .instant("time", e.checked_in_at)
        .text("door", e.door.clone()),
        Event::AttendeeCheckedInOffline(e) => {
            Message::new("Seat {position} ({seat_type}) checked in at {time} at door {door}, offline")
                .text("position", seat_number(e.position))
                .text("seat_type", name(e.seat_type))
                .instant("time", e.checked_in_at)
                .text("door", e.door.clone())
        }
        Event::TicketsIssued(e) => {
            Message::new("{n} {n|ticket|tickets} issued: {codes}")
                .count("n", e.tickets.len())
                .text(
                    "codes",
                    e.tickets
                        .iter()
                        .map(|t| t.code.as_str())
                        .collect::<Vec<_>>()
                        .join(", "),
                )
        }
        Event::SeatDeleted(e) => {
            Message::new("Seat type {seat_type} removed").text("seat_type", name(e.seat_type))
        }
        other => Message::new("{event}").text("event", other.type_name()),
    }
}

/// A payment method in words (the CLI's tables keep
/// [`PaymentMethod::as_str`], a documented format).
pub fn payment_method_message(method: PaymentMethod) -> Message {
    match method {
        PaymentMethod::Unknown => Message::new("not recorded"),
        PaymentMethod::Cash => Message::new("cash"),
        PaymentMethod::Card => Message::new("card"),
        PaymentMethod::BankTransfer => Message::new("bank transfer"),
        PaymentMethod::Free => Message::new("free"),
    }
}

/// Seats are numbered from 1 in what people read, as on the screens.
fn seat_number(position: u32) -> String {
    (u64::from(position) + 1).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::events::SeatAssignmentsCreated;

    #[test]
    fn seats_ready_to_assign_counts_in_singular_and_plural() {
        let directory = ConferenceDirectory::default();
        let created = |n: usize| {
            Event::SeatAssignmentsCreated(SeatAssignmentsCreated {
                order_id: crate::domain::OrderId(uuid::Uuid::from_u128(1)),
                seats: vec![SeatTypeId(uuid::Uuid::from_u128(2)); n],
            })
        };
        assert_eq!(
            describe(&created(1), &directory, None).to_string(),
            "1 seat ready to assign"
        );
        assert_eq!(
            describe(&created(3), &directory, None).to_string(),
            "3 seats ready to assign"
        );
    }
}
