//! OrderCheckIn: who of an order has arrived at the door. One stream per
//! order (`checkin-<order id>`), apart from the seat assignments so that a
//! check-in never races a registrant renaming a seat. What the rules need
//! to know about the order (code, whether it is paid, its seats and which
//! are named) arrives inside the command, as does the time: this aggregate
//! only remembers which positions are checked in, and since when, and
//! which offline check-ins (by their ids) it has recorded.
//!
//! A door that lost the server keeps checking people in from its last-known
//! models and uploads each check-in later as [`CheckInCommand::RecordOfflineCheckIn`]
//! (issue 15 item 6, what pretixSCAN does). What happened at the door
//! already happened: the upload records it rather than deciding it again.
//! So a seat already checked in is recorded again, flagged `duplicate`
//! (both stay in the log; the window shows the seat as checked in twice);
//! an unnamed seat is recorded without a name; the same check-in id twice
//! (an upload retried after its answer was lost) records nothing the
//! second time. Refused are only uploads the log could not hold
//! truthfully: a position outside the order (no seat type to record), and
//! an order that is not paid — which a door cannot meet, since only a paid
//! order has seats and payment is final, so it means the door's copy was
//! wrong; the door's queue keeps such an entry with the reason.

use crate::domain::events::{AttendeeCheckInUndone, AttendeeCheckedIn, AttendeeCheckedInOffline};
use crate::domain::staff_code::Actor;
use crate::domain::{Aggregate, DomainError, Event, FieldError, OrderId, SeatTypeId};
use crate::domain::{Field, Message};
use chrono::{DateTime, Utc};
use std::collections::{BTreeMap, BTreeSet};
use uuid::Uuid;

/// Where the order stands, as far as the door is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OrderStanding {
    /// Paid: its seats may come in.
    Confirmed,
    /// Placed but not paid (yet).
    Unpaid,
    /// Its reservation ran out before it was paid.
    Expired,
    /// Refused before any seat was reserved.
    Rejected,
    /// Cancelled at the desk before it was paid.
    Cancelled,
    /// Cancelled by the organizer at this instant, paid or not (issue 18.3).
    CancelledByOrganizer(DateTime<Utc>),
}

/// One purchased seat as the door sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SeatFact {
    /// Its seat type.
    pub seat_type: SeatTypeId,
    /// Whether an attendee is named for it (or is being named in the same action).
    pub assigned: bool,
}

/// What the check-in rules need to know about the order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderFacts {
    /// The order code, for messages.
    pub order_code: String,
    /// Paid, unpaid, expired or rejected.
    pub standing: OrderStanding,
    /// Its purchased seats by position (empty unless confirmed).
    pub seats: Vec<SeatFact>,
}

/// Commands of OrderCheckIn.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CheckInCommand {
    /// The attendee of `position` (0-based) arrived at `at`.
    CheckInAttendee {
        position: u32,
        at: DateTime<Utc>,
        order: OrderFacts,
        by: Actor,
    },
    /// Take back the check-in of `position`.
    UndoCheckIn {
        position: u32,
        order: OrderFacts,
        by: Actor,
    },
    /// Record a check-in an offline door made at `at` (see the module doc):
    /// idempotent by `check_in_id`; a seat already in is recorded as a
    /// duplicate, not refused.
    RecordOfflineCheckIn {
        check_in_id: Uuid,
        position: u32,
        at: DateTime<Utc>,
        door: String,
        order: OrderFacts,
        by: Actor,
    },
}

/// The check-ins of one order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderCheckIn {
    /// The order.
    pub order_id: OrderId,
    /// Checked-in positions and since when (the first check-in, when a
    /// seat was checked in twice).
    pub checked_in: BTreeMap<u32, DateTime<Utc>>,
    /// The ids of the offline check-ins recorded (an undo keeps them: the
    /// upload they came from must stay a no-op when it is retried).
    pub recorded: BTreeSet<Uuid>,
}

impl OrderCheckIn {
    /// Nobody of the order has arrived.
    pub fn new(order_id: OrderId) -> Self {
        Self {
            order_id,
            checked_in: BTreeMap::new(),
            recorded: BTreeSet::new(),
        }
    }

    /// When `position` was checked in, if it is.
    pub fn checked_in_at(&self, position: u32) -> Option<DateTime<Utc>> {
        self.checked_in.get(&position).copied()
    }
}

/// Why nobody of order `code` can come in at the door, or None for a
/// confirmed order: what a check-in is refused with, and what the door's
/// search says of an order it finds without seats.
#[must_use]
pub fn why_not_admitted(code: &str, standing: OrderStanding) -> Option<Message> {
    let why = match standing {
        OrderStanding::Confirmed => return None,
        OrderStanding::Unpaid => Message::new("Order {code} is not paid"),
        OrderStanding::Expired => Message::new("Order {code} has expired"),
        OrderStanding::Rejected => Message::new("Order {code} was rejected"),
        OrderStanding::Cancelled => Message::new("Order {code} was cancelled"),
        OrderStanding::CancelledByOrganizer(at) => {
            Message::new("Order {code} was cancelled by the organizer on {day} at {time}")
                .date("day", at.date_naive())
                .instant("time", at)
        }
    };
    Some(why.text("code", code.to_owned()))
}

/// Refuses an order that is not paid, naming why.
fn require_confirmed(order: &OrderFacts) -> Result<(), DomainError> {
    match why_not_admitted(&order.order_code, order.standing) {
        None => Ok(()),
        Some(why) => Err(DomainError::Conflict(why)),
    }
}

/// The seat at `position`, or a field error naming the valid range.
fn seat(order: &OrderFacts, position: u32) -> Result<SeatFact, DomainError> {
    usize::try_from(position)
        .ok()
        .and_then(|p| order.seats.get(p))
        .copied()
        .ok_or_else(|| {
            let rule = match order.seats.len() {
                0 => {
                    Message::new("order {code} has no seats").text("code", order.order_code.clone())
                }
                n => Message::new("must be 0 to {max}").count("max", n - 1),
            };
            FieldError::new(Field::Position, rule).into()
        })
}

impl Aggregate for OrderCheckIn {
    type Command = CheckInCommand;

    fn apply(&mut self, event: &Event) {
        match event {
            Event::AttendeeCheckedIn(e) => {
                self.checked_in.insert(e.position, e.checked_in_at);
            }
            Event::AttendeeCheckInUndone(e) => {
                self.checked_in.remove(&e.position);
            }
            Event::AttendeeCheckedInOffline(e) => {
                self.recorded.insert(e.check_in_id);
                self.checked_in.entry(e.position).or_insert(e.checked_in_at);
            }
            _ => {}
        }
    }

    fn handle(&self, command: &CheckInCommand) -> Result<Vec<Event>, DomainError> {
        let order_id = self.order_id;
        match command {
            CheckInCommand::CheckInAttendee {
                position,
                at,
                order,
                by,
            } => {
                require_confirmed(order)?;
                let seat = seat(order, *position)?;
                if let Some(since) = self.checked_in_at(*position) {
                    return Err(DomainError::AlreadyCheckedIn {
                        position: *position,
                        at: since,
                    });
                }
                if !seat.assigned {
                    return Err(DomainError::field(
                        Field::AttendeeName,
                        Message::new(
                            "seat {position} of order {code} is unassigned: type the attendee's name to check them in",
                        )
                        .count("position", *position)
                        .text("code", order.order_code.clone()),
                    ));
                }
                Ok(vec![
                    AttendeeCheckedIn {
                        order_id,
                        position: *position,
                        seat_type: seat.seat_type,
                        checked_in_at: *at,
                        by: *by,
                    }
                    .into(),
                ])
            }
            CheckInCommand::UndoCheckIn {
                position,
                order,
                by,
            } => {
                let seat = seat(order, *position)?;
                if self.checked_in_at(*position).is_none() {
                    return Err(DomainError::Conflict(
                        Message::new("Seat {position} of order {code} is not checked in")
                            .count("position", *position)
                            .text("code", order.order_code.clone()),
                    ));
                }
                Ok(vec![
                    AttendeeCheckInUndone {
                        order_id,
                        position: *position,
                        seat_type: seat.seat_type,
                        by: *by,
                    }
                    .into(),
                ])
            }
            CheckInCommand::RecordOfflineCheckIn {
                check_in_id,
                position,
                at,
                door,
                order,
                by,
            } => {
                if self.recorded.contains(check_in_id) {
                    return Ok(Vec::new());
                }
                require_confirmed(order)?;
                let seat = seat(order, *position)?;
                Ok(vec![
                    AttendeeCheckedInOffline {
                        order_id,
                        position: *position,
                        seat_type: seat.seat_type,
                        check_in_id: *check_in_id,
                        checked_in_at: *at,
                        door: door.clone(),
                        duplicate: self.checked_in.contains_key(position),
                        by: *by,
                    }
                    .into(),
                ])
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::testing::given_when;

    const O: OrderId = OrderId(Uuid::from_u128(7));
    const ST: SeatTypeId = SeatTypeId(Uuid::from_u128(101));

    fn at(hm: &str) -> DateTime<Utc> {
        format!("2026-12-01T{hm}:00Z").parse().unwrap()
    }
    fn facts(standing: OrderStanding) -> OrderFacts {
        let seat = |assigned| SeatFact {
            seat_type: ST,
            assigned,
        };
        OrderFacts {
            order_code: "ABC123".into(),
            standing,
            seats: vec![seat(true), seat(false)],
        }
    }
    fn check_in(position: u32, standing: OrderStanding) -> CheckInCommand {
        CheckInCommand::CheckInAttendee {
            position,
            at: at("09:42"),
            order: facts(standing),
            by: Actor::Organizer,
        }
    }
    fn undo(position: u32) -> CheckInCommand {
        CheckInCommand::UndoCheckIn {
            position,
            order: facts(OrderStanding::Confirmed),
            by: Actor::Organizer,
        }
    }
    fn checked_in(position: u32) -> Event {
        AttendeeCheckedIn {
            order_id: O,
            position,
            seat_type: ST,
            checked_in_at: at("09:42"),
            by: Actor::Organizer,
        }
        .into()
    }
    fn when(given: &[Event], cmd: CheckInCommand) -> Result<Vec<Event>, DomainError> {
        given_when(OrderCheckIn::new(O), given, &cmd)
    }

    #[test]
    fn a_named_seat_of_a_paid_order_checks_in_at_the_commands_time() {
        let e = when(&[], check_in(0, OrderStanding::Confirmed)).unwrap();
        assert_eq!(e, vec![checked_in(0)]);
    }

    #[test]
    fn a_second_check_in_is_refused_with_the_first_time() {
        let err = when(&[checked_in(0)], check_in(0, OrderStanding::Confirmed)).unwrap_err();
        assert_eq!(
            err,
            DomainError::AlreadyCheckedIn {
                position: 0,
                at: at("09:42")
            }
        );
    }

    #[test]
    fn unpaid_expired_and_rejected_orders_are_refused_with_the_reason() {
        let refusal = |s| when(&[], check_in(0, s)).unwrap_err().to_string();
        assert_eq!(refusal(OrderStanding::Unpaid), "Order ABC123 is not paid");
        assert_eq!(refusal(OrderStanding::Expired), "Order ABC123 has expired");
        assert_eq!(
            refusal(OrderStanding::Rejected),
            "Order ABC123 was rejected"
        );
    }

    #[test]
    fn a_position_outside_the_order_is_refused_naming_the_field() {
        let Err(DomainError::Validation(f)) = when(&[], check_in(2, OrderStanding::Confirmed))
        else {
            panic!("expected a field error")
        };
        assert_eq!(f[0].to_string(), "position: must be 0 to 1");
        let Err(DomainError::Validation(f)) = when(&[], undo(5)) else {
            panic!("expected a field error")
        };
        assert_eq!(f[0].field, "position");
    }

    #[test]
    fn an_unassigned_seat_needs_a_name_first() {
        let Err(DomainError::Validation(f)) = when(&[], check_in(1, OrderStanding::Confirmed))
        else {
            panic!("expected a field error")
        };
        assert_eq!(f[0].field, "attendee name");
        assert!(
            f[0].rule
                .to_string()
                .contains("seat 1 of order ABC123 is unassigned")
        );
    }

    #[test]
    fn undo_reverses_a_check_in_and_then_allows_another() {
        let e = when(&[checked_in(0)], undo(0)).unwrap();
        assert_eq!(
            e,
            vec![
                AttendeeCheckInUndone {
                    order_id: O,
                    position: 0,
                    seat_type: ST,
                    by: Actor::Organizer,
                }
                .into()
            ]
        );
        let again = when(
            &[checked_in(0), e[0].clone()],
            check_in(0, OrderStanding::Confirmed),
        );
        assert_eq!(again.unwrap(), vec![checked_in(0)]);
    }

    #[test]
    fn undo_of_a_seat_not_checked_in_is_refused() {
        let e = when(&[checked_in(0)], undo(1)).unwrap_err();
        assert!(matches!(e, DomainError::Conflict(_)), "{e:?}");
        assert_eq!(e.to_string(), "Seat 1 of order ABC123 is not checked in");
    }

    fn offline(id: u128, position: u32, hm: &str, standing: OrderStanding) -> CheckInCommand {
        CheckInCommand::RecordOfflineCheckIn {
            check_in_id: Uuid::from_u128(id),
            position,
            at: at(hm),
            door: format!("door-{id}"),
            order: facts(standing),
            by: Actor::Organizer,
        }
    }
    fn recorded(id: u128, position: u32, hm: &str, duplicate: bool) -> Event {
        AttendeeCheckedInOffline {
            order_id: O,
            position,
            seat_type: ST,
            check_in_id: Uuid::from_u128(id),
            checked_in_at: at(hm),
            door: format!("door-{id}"),
            duplicate,
            by: Actor::Organizer,
        }
        .into()
    }

    #[test]
    fn an_offline_check_in_is_recorded_with_its_id_door_and_time() {
        let e = when(&[], offline(1, 0, "10:02", OrderStanding::Confirmed)).unwrap();
        assert_eq!(e, vec![recorded(1, 0, "10:02", false)]);
    }

    #[test]
    fn the_same_offline_check_in_uploaded_again_records_nothing() {
        let given = [recorded(1, 0, "10:02", false)];
        let e = when(&given, offline(1, 0, "10:02", OrderStanding::Confirmed)).unwrap();
        assert_eq!(e, vec![]);
        // …even after the check-in was taken back: the retry is the same one.
        let undone = when(&given, undo(0)).unwrap();
        let given = [given[0].clone(), undone[0].clone()];
        let e = when(&given, offline(1, 0, "10:02", OrderStanding::Confirmed)).unwrap();
        assert_eq!(e, vec![]);
    }

    #[test]
    fn a_seat_checked_in_at_two_offline_doors_is_recorded_twice_the_second_flagged() {
        let given = [recorded(1, 0, "10:02", false)];
        let e = when(&given, offline(2, 0, "10:03", OrderStanding::Confirmed)).unwrap();
        assert_eq!(e, vec![recorded(2, 0, "10:03", true)]);
        // The seat stays in since the first check-in.
        let mut state = OrderCheckIn::new(O);
        for event in given.iter().chain(&e) {
            state.apply(event);
        }
        assert_eq!(state.checked_in_at(0), Some(at("10:02")));
    }

    #[test]
    fn an_offline_check_in_of_a_seat_checked_in_online_is_a_duplicate() {
        let e = when(
            &[checked_in(0)],
            offline(2, 0, "10:03", OrderStanding::Confirmed),
        );
        assert_eq!(e.unwrap(), vec![recorded(2, 0, "10:03", true)]);
    }

    #[test]
    fn an_online_check_in_after_an_offline_one_is_refused_with_its_time() {
        let given = [recorded(1, 0, "10:02", false)];
        let err = when(&given, check_in(0, OrderStanding::Confirmed)).unwrap_err();
        assert_eq!(
            err,
            DomainError::AlreadyCheckedIn {
                position: 0,
                at: at("10:02")
            }
        );
    }

    #[test]
    fn an_unnamed_seat_checked_in_offline_is_recorded_without_a_name() {
        let e = when(&[], offline(3, 1, "10:04", OrderStanding::Confirmed)).unwrap();
        assert_eq!(e, vec![recorded(3, 1, "10:04", false)]);
    }

    #[test]
    fn an_offline_check_in_of_an_unpaid_order_or_a_missing_seat_is_refused() {
        let e = when(&[], offline(4, 0, "10:05", OrderStanding::Unpaid)).unwrap_err();
        assert_eq!(e.to_string(), "Order ABC123 is not paid");
        let Err(DomainError::Validation(f)) =
            when(&[], offline(4, 9, "10:05", OrderStanding::Confirmed))
        else {
            panic!("expected a field error")
        };
        assert_eq!(f[0].to_string(), "position: must be 0 to 1");
    }
}
