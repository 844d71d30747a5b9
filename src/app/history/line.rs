//! The plain-language line of one history event, kept as an English
//! template with typed arguments: the CLI prints it in English, and the
//! window translates the template and formats the money and times in its
//! own language.

use crate::app::projections::ConferenceDirectory;
use crate::domain::events::{ProcessState, SeatQuantity};
use crate::domain::{ConferenceId, Event, Money, SeatTypeId};
use chrono::{DateTime, Utc};
use std::fmt;

/// One argument of a history line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LineArg {
    /// Text shown as it is (names, e-mails, seat lists, numbers).
    Text(String),
    /// An amount, formatted by whoever shows the line.
    Money(Money),
    /// A moment, shown as a time of day by whoever shows the line.
    Time(DateTime<Utc>),
}

/// A history line: an English template with `{name}` placeholders.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryLine {
    /// The English text with placeholders, e.g. `"Payment of {amount} started"`.
    pub template: &'static str,
    /// The placeholders' values.
    pub args: Vec<(&'static str, LineArg)>,
}

impl HistoryLine {
    fn new(template: &'static str) -> Self {
        Self {
            template,
            args: Vec::new(),
        }
    }

    fn text(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.args.push((name, LineArg::Text(value.into())));
        self
    }

    fn arg(mut self, name: &'static str, value: LineArg) -> Self {
        self.args.push((name, value));
        self
    }

    /// `template` (the English one, or its translation) with every
    /// placeholder filled; money and times formatted by the given functions.
    pub fn fill(
        &self,
        template: &str,
        money: impl Fn(Money) -> String,
        time: impl Fn(DateTime<Utc>) -> String,
    ) -> String {
        let mut out = template.to_string();
        for (name, value) in &self.args {
            let value = match value {
                LineArg::Text(t) => t.clone(),
                LineArg::Money(m) => money(*m),
                LineArg::Time(t) => time(*t),
            };
            out = out.replace(&format!("{{{name}}}"), &value);
        }
        out
    }
}

/// English, with times in UTC (`09:42 UTC`).
impl fmt::Display for HistoryLine {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let english = self.fill(
            self.template,
            |m| m.to_string(),
            |t| format!("{} UTC", t.format("%H:%M")),
        );
        f.write_str(&english)
    }
}

/// Every template [`describe`] uses (the window's translation table must
/// have each; a test checks it).
pub const TEMPLATES: &[&str] = &[
    "Order placed: {seats}",
    "Quantities changed: {seats}",
    "Seats reserved: {seats}",
    "Could not reserve all the requested seats: got {seats}",
    "All seats reserved until {time}",
    "Total {amount}",
    "Registrant: {name} <{email}>",
    "Payment of {amount} started",
    "Payment accepted",
    "Payment rejected",
    "Seats sold",
    "Seats released: {seats}",
    "Order confirmed",
    "Order expired: the reservation ran out",
    "{n} seats ready to assign",
    "Seat {position} ({seat_type}) assigned to {name} <{email}>",
    "Seat {position} renamed to {name}",
    "Seat {position} unassigned",
    "Registration: waiting for the seat reservation",
    "Registration: seats held, waiting for payment",
    "Registration: payment received",
    "Registration: completed",
    "Registration: expired, seats released",
    "Seat {position} ({seat_type}) checked in at {time}",
    "Check-in of seat {position} taken back",
    "{event}",
];

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
    let line = HistoryLine::new;
    match event {
        Event::OrderPlaced(e) => line("Order placed: {seats}").text("seats", seats(&e.seats)),
        Event::OrderUpdated(e) => {
            line("Quantities changed: {seats}").text("seats", seats(&e.seats))
        }
        Event::SeatsReserved(e) => line("Seats reserved: {seats}").text("seats", seats(&e.details)),
        Event::OrderPartiallyReserved(e) => {
            line("Could not reserve all the requested seats: got {seats}")
                .text("seats", seats(&e.seats))
        }
        Event::OrderReservationCompleted(e) => line("All seats reserved until {time}")
            .arg("time", LineArg::Time(e.reservation_expiration)),
        Event::OrderTotalsCalculated(e) => {
            line("Total {amount}").arg("amount", LineArg::Money(Money::new(e.total, e.currency)))
        }
        Event::OrderRegistrantAssigned(e) => line("Registrant: {name} <{email}>")
            .text(
                "name",
                format!("{} {}", e.registrant.first_name, e.registrant.last_name),
            )
            .text("email", e.registrant.email.clone()),
        Event::PaymentInitiated(e) => {
            line("Payment of {amount} started").arg("amount", LineArg::Money(e.amount))
        }
        Event::PaymentCompleted(_) => line("Payment accepted"),
        Event::PaymentRejected(_) => line("Payment rejected"),
        Event::SeatsReservationCommitted(_) => line("Seats sold"),
        Event::SeatsReservationCancelled(e) => {
            line("Seats released: {seats}").text("seats", seats(&e.details))
        }
        Event::OrderConfirmed(_) => line("Order confirmed"),
        Event::OrderExpired(_) => line("Order expired: the reservation ran out"),
        Event::SeatAssignmentsCreated(e) => {
            line("{n} seats ready to assign").text("n", e.seats.len().to_string())
        }
        Event::SeatAssigned(e) => {
            line("Seat {position} ({seat_type}) assigned to {name} <{email}>")
                .text("position", seat_number(e.position))
                .text("seat_type", name(e.seat_type))
                .text(
                    "name",
                    format!("{} {}", e.attendee.first_name, e.attendee.last_name),
                )
                .text("email", e.attendee.email.clone())
        }
        Event::SeatAssignmentUpdated(e) => line("Seat {position} renamed to {name}")
            .text("position", seat_number(e.position))
            .text(
                "name",
                format!("{} {}", e.attendee.first_name, e.attendee.last_name),
            ),
        Event::SeatUnassigned(e) => {
            line("Seat {position} unassigned").text("position", seat_number(e.position))
        }
        Event::RegistrationProcessStateChanged(e) => line(match e.state {
            ProcessState::AwaitingReservationConfirmation => {
                "Registration: waiting for the seat reservation"
            }
            ProcessState::ReservationConfirmationReceived => {
                "Registration: seats held, waiting for payment"
            }
            ProcessState::PaymentConfirmationReceived => "Registration: payment received",
            ProcessState::Completed => "Registration: completed",
            ProcessState::Expired => "Registration: expired, seats released",
        }),
        Event::AttendeeCheckedIn(e) => line("Seat {position} ({seat_type}) checked in at {time}")
            .text("position", seat_number(e.position))
            .text("seat_type", name(e.seat_type))
            .arg("time", LineArg::Time(e.checked_in_at)),
        Event::AttendeeCheckInUndone(e) => {
            line("Check-in of seat {position} taken back").text("position", seat_number(e.position))
        }
        other => line("{event}").text("event", other.type_name()),
    }
}

/// Seats are numbered from 1 in what people read, as on the screens.
fn seat_number(position: u32) -> String {
    (u64::from(position) + 1).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_fills_english_or_a_translation_with_its_own_formats() {
        let at: DateTime<Utc> = "2026-11-25T09:42:00Z".parse().expect("time");
        let line = HistoryLine::new("Payment of {amount} started at {time}")
            .arg(
                "amount",
                LineArg::Money(Money::new(19_900, crate::domain::Currency::USD)),
            )
            .arg("time", LineArg::Time(at));
        assert_eq!(
            line.to_string(),
            "Payment of 199.00 USD started at 09:42 UTC"
        );
        let korean = line.fill(
            "{time}에 {amount} 결제 시작",
            |m| format!("${}", m.amount_string()),
            |t| t.format("%H시 %M분").to_string(),
        );
        assert_eq!(korean, "09시 42분에 $199.00 결제 시작");
    }

    #[test]
    fn every_template_used_by_describe_is_listed() {
        let source = include_str!("line.rs");
        let body = &source[source.find("pub fn describe").unwrap_or(0)..];
        let body = &body[..body.find("#[cfg(test)]").unwrap_or(body.len())];
        for piece in body.split('"').skip(1).step_by(2) {
            let worded = piece.contains(' ') && piece.chars().any(char::is_alphabetic);
            if worded && !piece.contains("{}") {
                assert!(
                    TEMPLATES.contains(&piece),
                    "{piece:?} missing from TEMPLATES"
                );
            }
        }
        assert_eq!(TEMPLATES.len(), 26);
    }
}
