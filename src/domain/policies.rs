//! Integration policies: which commands an event causes in other
//! aggregates, as pure functions. The cascade (`app::cascade`) looks up the
//! facts a policy needs (a quota, an order's reserved seats) in its staged
//! aggregates and queues what these return, in the same action; the
//! registration process manager's own reactions are in
//! [`crate::domain::registration_process`], and [`process_for`] says which
//! events it follows.

use crate::domain::events::{OrderConfirmed, SeatCreated, SeatQuantity, SeatUpdated};
use crate::domain::seat_assignments::AssignmentsCommand;
use crate::domain::seats_availability::AvailabilityCommand;
use crate::domain::{AggregateCommand, ConferenceId, Event, OrderId};

/// SeatCreated → AddSeats: a new seat type's quota goes on sale.
pub fn seats_for_new_type(e: &SeatCreated) -> AggregateCommand {
    AggregateCommand::Availability(
        e.conference_id,
        AvailabilityCommand::AddSeats {
            seat_type: e.seat_type,
            quantity: e.info.quota,
        },
    )
}

/// SeatUpdated → AddSeats or RemoveSeats by the difference between the new
/// quota and `current_quota` (what SeatsAvailability holds now: left +
/// reserved + sold); nothing when the quota did not change.
pub fn seats_for_new_quota(e: &SeatUpdated, current_quota: i64) -> Option<AggregateCommand> {
    let diff = i64::from(e.info.quota) - current_quota;
    let quantity = u32::try_from(diff.unsigned_abs()).unwrap_or(u32::MAX);
    let seat_type = e.seat_type;
    let command = match diff.signum() {
        1 => AvailabilityCommand::AddSeats {
            seat_type,
            quantity,
        },
        -1 => AvailabilityCommand::RemoveSeats {
            seat_type,
            quantity,
        },
        _ => return None,
    };
    Some(AggregateCommand::Availability(e.conference_id, command))
}

/// OrderConfirmed → CreateSeatAssignments: one seat to name per purchased
/// seat, from the order's `reserved` lines (lines of 0 are left out).
pub fn assignments_for_confirmed_order(
    e: &OrderConfirmed,
    reserved: &[SeatQuantity],
) -> AggregateCommand {
    let seats = reserved
        .iter()
        .copied()
        .filter(|s| s.quantity > 0)
        .collect();
    AggregateCommand::Assignments(
        e.order_id,
        AssignmentsCommand::CreateSeatAssignments { seats },
    )
}

/// OrderConfirmed → IssueTickets: one ticket per purchased seat, right
/// after its seats are created. `codes` were drawn by the app, one per
/// seat of the order's `reserved` lines, in position order.
pub fn tickets_for_confirmed_order(
    e: &OrderConfirmed,
    conference_id: ConferenceId,
    codes: Vec<String>,
) -> AggregateCommand {
    AggregateCommand::Assignments(
        e.order_id,
        AssignmentsCommand::IssueTickets {
            conference_id,
            codes,
        },
    )
}

/// How many seats an order with `reserved` lines has: how many ticket
/// codes its confirmation needs.
pub fn seat_count(reserved: &[SeatQuantity]) -> usize {
    reserved.iter().map(|s| s.quantity as usize).sum()
}

/// OrderCancelled of a paid order → ReleaseSoldSeats: its sold seats (the
/// order's `reserved` lines) go back on sale at once. An unpaid order's
/// reservation is released by the process manager instead (None here).
pub fn release_sold_seats(
    e: &crate::domain::events::OrderCancelled,
    was_confirmed: bool,
    reserved: &[SeatQuantity],
) -> Option<AggregateCommand> {
    was_confirmed.then(|| {
        AggregateCommand::Availability(
            e.conference_id,
            AvailabilityCommand::ReleaseSoldSeats {
                reservation_id: e.order_id,
                seats: reserved
                    .iter()
                    .copied()
                    .filter(|s| s.quantity > 0)
                    .collect(),
            },
        )
    })
}

/// The order whose registration process manager follows `event`, if any.
pub fn process_for(event: &Event) -> Option<OrderId> {
    match event {
        Event::OrderPlaced(e) => Some(e.order_id),
        Event::OrderUpdated(e) => Some(e.order_id),
        Event::OrderConfirmed(e) => Some(e.order_id),
        Event::OrderCancelled(e) => Some(e.order_id),
        Event::SeatsReserved(e) => Some(e.reservation_id),
        Event::PaymentCompleted(e) => Some(e.order_id),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    //! Given (the event and the facts looked up) / when (the policy runs) /
    //! then (the commands it causes).
    use super::*;
    use crate::domain::events::{PaymentCompleted, SeatInfo, SeatsReservationCommitted};
    use crate::domain::{ConferenceId, Currency, Money, PaymentId, SeatTypeId};
    use uuid::Uuid;

    const C: ConferenceId = ConferenceId(Uuid::from_u128(1));
    const S: SeatTypeId = SeatTypeId(Uuid::from_u128(2));
    const O: OrderId = OrderId(Uuid::from_u128(3));

    fn info(quota: u32) -> SeatInfo {
        SeatInfo {
            name: "General".into(),
            description: String::new(),
            quota,
            price: Money::new(100, Currency::EUR),
        }
    }

    fn updated(quota: u32) -> SeatUpdated {
        SeatUpdated {
            conference_id: C,
            seat_type: S,
            info: info(quota),
        }
    }

    fn availability(command: AvailabilityCommand) -> Option<AggregateCommand> {
        Some(AggregateCommand::Availability(C, command))
    }

    #[test]
    fn a_new_seat_type_puts_its_quota_on_sale() {
        let created = SeatCreated {
            conference_id: C,
            seat_type: S,
            info: info(40),
        };
        assert_eq!(
            Some(seats_for_new_type(&created)),
            availability(AvailabilityCommand::AddSeats {
                seat_type: S,
                quantity: 40
            })
        );
    }

    #[test]
    fn a_raised_quota_adds_the_difference() {
        assert_eq!(
            seats_for_new_quota(&updated(50), 40),
            availability(AvailabilityCommand::AddSeats {
                seat_type: S,
                quantity: 10
            })
        );
    }

    #[test]
    fn a_lowered_quota_removes_the_difference() {
        assert_eq!(
            seats_for_new_quota(&updated(25), 40),
            availability(AvailabilityCommand::RemoveSeats {
                seat_type: S,
                quantity: 15
            })
        );
    }

    #[test]
    fn an_unchanged_quota_causes_nothing() {
        assert_eq!(seats_for_new_quota(&updated(40), 40), None);
    }

    #[test]
    fn a_confirmed_order_gets_a_seat_to_name_per_purchased_seat() {
        let line = |quantity| SeatQuantity {
            seat_type: S,
            quantity,
        };
        let other = SeatQuantity {
            seat_type: SeatTypeId(Uuid::from_u128(9)),
            quantity: 0,
        };
        assert_eq!(
            assignments_for_confirmed_order(&OrderConfirmed { order_id: O }, &[line(2), other]),
            AggregateCommand::Assignments(
                O,
                AssignmentsCommand::CreateSeatAssignments {
                    seats: vec![line(2)]
                }
            )
        );
    }

    #[test]
    fn the_process_manager_follows_its_orders_events_only() {
        let paid: Event = PaymentCompleted {
            payment_id: PaymentId(Uuid::from_u128(4)),
            order_id: O,
            method: crate::domain::events::PaymentMethod::Card,
        }
        .into();
        assert_eq!(process_for(&paid), Some(O));
        assert_eq!(process_for(&OrderConfirmed { order_id: O }.into()), Some(O));
        let committed: Event = SeatsReservationCommitted {
            conference_id: C,
            reservation_id: O,
        }
        .into();
        assert_eq!(process_for(&committed), None);
    }
}
