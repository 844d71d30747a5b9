//! The audit trail event sourcing promises: every event of one order — the
//! order itself, its reservation, its payments, its seat assignments and its
//! registration process — in log order, each with a plain-language line.

use crate::app::event_codec::decode_event;
use crate::app::projections::ConferenceDirectory;
use crate::app::{AppError, Desk, OrderKey, OrganizerKey};
use crate::domain::{ConferenceId, Event, OrderId, StreamKey};
use chrono::{DateTime, Utc};

/// One event of an order's history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryEntry {
    /// Global position.
    pub position: u64,
    /// When it happened.
    pub recorded_at: DateTime<Utc>,
    /// Its stream.
    pub stream_id: String,
    /// Stored type name.
    pub event_type: String,
    /// The event.
    pub event: Event,
    /// What it means, in words.
    pub description: String,
}

/// Who is asking for a history.
#[derive(Debug, Clone)]
pub enum HistoryAccess {
    /// The registrant, with the order's code.
    Registrant(OrderKey),
    /// The organizer of the order's conference.
    Organizer(OrganizerKey, OrderId),
}

impl Desk {
    /// The order's history, for its registrant or its conference's organizer.
    pub fn order_history(&mut self, access: &HistoryAccess) -> Result<Vec<HistoryEntry>, AppError> {
        let order_id = match access {
            HistoryAccess::Registrant(key) => self.order(key)?.id,
            HistoryAccess::Organizer(key, order_id) => {
                let conference = self.authorize_organizer(key)?;
                let belongs = self
                    .read
                    .orders
                    .get(*order_id)
                    .is_some_and(|o| o.conference_id == conference);
                if !belongs {
                    return Err(AppError::NotFound(
                        "this conference has no such order".into(),
                    ));
                }
                *order_id
            }
        };
        let conference = self.read.orders.get(order_id).map(|o| o.conference_id);
        self.collect_history(order_id, conference)
    }

    fn collect_history(
        &self,
        order_id: OrderId,
        conference: Option<ConferenceId>,
    ) -> Result<Vec<HistoryEntry>, AppError> {
        let mut streams = vec![
            StreamKey::Order(order_id),
            StreamKey::Registration(order_id),
            StreamKey::Assignments(order_id),
            StreamKey::CheckIn(order_id),
        ];
        if let Some(o) = self.read.orders.get(order_id) {
            streams.extend(o.payments.iter().map(|p| StreamKey::Payment(*p)));
        }
        if let Some(c) = conference {
            streams.push(StreamKey::Availability(c));
        }
        let mut out = Vec::new();
        for key in streams {
            for rec in self.log.read_stream(&key.to_string())? {
                let event = decode_event(&rec.event_type, rec.schema_version, &rec.payload)
                    .map_err(|source| AppError::Decode {
                        position: rec.position,
                        source,
                    })?;
                if !concerns(&event, order_id) {
                    continue;
                }
                let description = describe(&event, &self.read.conferences, conference);
                out.push(HistoryEntry {
                    position: rec.position,
                    recorded_at: rec.recorded_at,
                    stream_id: rec.stream_id,
                    event_type: rec.event_type,
                    event,
                    description,
                });
            }
        }
        out.sort_by_key(|e| e.position);
        Ok(out)
    }
}

/// Whether an availability event is about this order (others always are).
fn concerns(event: &Event, order_id: OrderId) -> bool {
    match event {
        Event::SeatsReserved(e) => e.reservation_id == order_id,
        Event::SeatsReservationCommitted(e) => e.reservation_id == order_id,
        Event::SeatsReservationCancelled(e) => e.reservation_id == order_id,
        Event::AvailableSeatsChanged(_) => false,
        _ => true,
    }
}

/// A plain-language line for an event ("Seats reserved: General 2").
pub fn describe(
    event: &Event,
    directory: &ConferenceDirectory,
    conference: Option<ConferenceId>,
) -> String {
    let name = |s| {
        conference
            .and_then(|c| directory.seat_name(c, s))
            .unwrap_or("?")
            .to_string()
    };
    let seats = |v: &[crate::domain::events::SeatQuantity]| {
        v.iter()
            .map(|s| format!("{} {}", name(s.seat_type), s.quantity))
            .collect::<Vec<_>>()
            .join(", ")
    };
    match event {
        Event::OrderPlaced(e) => format!("Order placed: {}", seats(&e.seats)),
        Event::OrderUpdated(e) => format!("Quantities changed: {}", seats(&e.seats)),
        Event::SeatsReserved(e) => format!("Seats reserved: {}", seats(&e.details)),
        Event::OrderPartiallyReserved(e) => format!(
            "Could not reserve all the requested seats: got {}",
            seats(&e.seats)
        ),
        Event::OrderReservationCompleted(e) => {
            format!(
                "All seats reserved until {} UTC",
                e.reservation_expiration.format("%H:%M")
            )
        }
        Event::OrderTotalsCalculated(e) => {
            format!("Total {}", crate::domain::Money::new(e.total, e.currency))
        }
        Event::OrderRegistrantAssigned(e) => {
            format!(
                "Registrant: {} {} <{}>",
                e.registrant.first_name, e.registrant.last_name, e.registrant.email
            )
        }
        Event::PaymentInitiated(e) => format!("Payment of {} started", e.amount),
        Event::PaymentCompleted(_) => "Payment accepted".into(),
        Event::PaymentRejected(_) => "Payment rejected".into(),
        Event::SeatsReservationCommitted(_) => "Seats sold".into(),
        Event::SeatsReservationCancelled(e) => format!("Seats released: {}", seats(&e.details)),
        Event::OrderConfirmed(_) => "Order confirmed".into(),
        Event::OrderExpired(_) => "Order expired: the reservation ran out".into(),
        Event::SeatAssignmentsCreated(e) => format!("{} seats ready to assign", e.seats.len()),
        Event::SeatAssigned(e) => format!(
            "Seat {} ({}) assigned to {} {} <{}>",
            e.position,
            name(e.seat_type),
            e.attendee.first_name,
            e.attendee.last_name,
            e.attendee.email
        ),
        Event::SeatAssignmentUpdated(e) => {
            format!(
                "Seat {} renamed to {} {}",
                e.position, e.attendee.first_name, e.attendee.last_name
            )
        }
        Event::SeatUnassigned(e) => format!("Seat {} unassigned", e.position),
        Event::RegistrationProcessStateChanged(e) => format!("Registration process: {:?}", e.state),
        Event::AttendeeCheckedIn(e) => format!(
            "Seat {} ({}) checked in at {} UTC",
            e.position,
            name(e.seat_type),
            e.checked_in_at.format("%H:%M")
        ),
        Event::AttendeeCheckInUndone(e) => {
            format!("Check-in of seat {} taken back", e.position)
        }
        other => other.type_name().to_string(),
    }
}
