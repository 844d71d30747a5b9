//! CheckInBoard: the door's live counter, per conference and seat type,
//! of seats checked in out of seats confirmed. Advanced by each committed
//! event (a confirmed order's positions add to `confirmed`, a check-in or
//! its undo moves `checked_in`), so the Check-in screen reads two numbers
//! per seat type instead of walking every order each frame.

use crate::domain::{ConferenceId, Event, OrderId, SeatTypeId};
use std::collections::HashMap;

/// One seat type's count at the door.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckInCount {
    /// The seat type.
    pub seat_type: SeatTypeId,
    /// Its current name.
    pub name: String,
    /// Seats of confirmed orders.
    pub confirmed: u64,
    /// Of those, checked in now.
    pub checked_in: u64,
}

/// Every conference's counts at the door.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct CheckInBoard {
    order_conference: HashMap<OrderId, ConferenceId>,
    /// Per conference, one entry per seat type in creation order.
    counts: HashMap<ConferenceId, Vec<CheckInCount>>,
}

impl CheckInBoard {
    /// Folds one event.
    pub fn apply(&mut self, event: &Event) {
        match event {
            Event::SeatCreated(e) => {
                self.counts
                    .entry(e.conference_id)
                    .or_default()
                    .push(CheckInCount {
                        seat_type: e.seat_type,
                        name: e.info.name.clone(),
                        confirmed: 0,
                        checked_in: 0,
                    })
            }
            Event::SeatUpdated(e) => {
                if let Some(c) = self.count_mut(e.conference_id, e.seat_type) {
                    c.name.clone_from(&e.info.name);
                }
            }
            Event::SeatDeleted(e) => {
                if let Some(counts) = self.counts.get_mut(&e.conference_id) {
                    counts.retain(|c| c.seat_type != e.seat_type);
                }
            }
            Event::OrderPlaced(e) => {
                self.order_conference.insert(e.order_id, e.conference_id);
            }
            Event::SeatAssignmentsCreated(e) => {
                for seat_type in &e.seats {
                    self.with_order(e.order_id, *seat_type, |c| c.confirmed += 1);
                }
            }
            Event::AttendeeCheckedIn(e) => {
                self.with_order(e.order_id, e.seat_type, |c| c.checked_in += 1);
            }
            // A duplicate is a second check-in of a seat already counted.
            Event::AttendeeCheckedInOffline(e) if !e.duplicate => {
                self.with_order(e.order_id, e.seat_type, |c| c.checked_in += 1);
            }
            Event::AttendeeCheckInUndone(e) => self.with_order(e.order_id, e.seat_type, |c| {
                c.checked_in = c.checked_in.saturating_sub(1);
            }),
            _ => {}
        }
    }

    /// A cancelled paid order's seats leave the counts: `seats` are its
    /// positions' seat types, each with whether it was checked in.
    pub fn release_order(&mut self, order: OrderId, seats: &[(SeatTypeId, bool)]) {
        for (seat_type, checked_in) in seats {
            self.with_order(order, *seat_type, |c| {
                c.confirmed = c.confirmed.saturating_sub(1);
                if *checked_in {
                    c.checked_in = c.checked_in.saturating_sub(1);
                }
            });
        }
    }

    /// The conference's counts, one per seat type in creation order.
    pub fn counts(&self, conference: ConferenceId) -> &[CheckInCount] {
        self.counts.get(&conference).map_or(&[], Vec::as_slice)
    }

    /// The conference's totals over every seat type: (checked in, confirmed).
    pub fn totals(&self, conference: ConferenceId) -> (u64, u64) {
        self.counts(conference)
            .iter()
            .fold((0, 0), |(i, c), s| (i + s.checked_in, c + s.confirmed))
    }

    fn count_mut(
        &mut self,
        conference: ConferenceId,
        seat_type: SeatTypeId,
    ) -> Option<&mut CheckInCount> {
        self.counts
            .get_mut(&conference)?
            .iter_mut()
            .find(|c| c.seat_type == seat_type)
    }

    fn with_order(
        &mut self,
        order: OrderId,
        seat_type: SeatTypeId,
        f: impl FnOnce(&mut CheckInCount),
    ) {
        if let Some(conference) = self.order_conference.get(&order).copied()
            && let Some(c) = self.count_mut(conference, seat_type)
        {
            f(c);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::events::{
        AttendeeCheckInUndone, AttendeeCheckedIn, OrderPlaced, SeatAssignmentsCreated, SeatCreated,
        SeatInfo,
    };
    use crate::domain::{Currency, Money};
    use uuid::Uuid;

    const C: ConferenceId = ConferenceId(Uuid::from_u128(1));
    const O: OrderId = OrderId(Uuid::from_u128(2));
    const A: SeatTypeId = SeatTypeId(Uuid::from_u128(3));
    const B: SeatTypeId = SeatTypeId(Uuid::from_u128(4));

    fn seat(seat_type: SeatTypeId, name: &str) -> Event {
        SeatCreated {
            conference_id: C,
            seat_type,
            info: SeatInfo {
                name: name.into(),
                description: String::new(),
                quota: 10,
                price: Money::new(0, Currency::USD),
            },
        }
        .into()
    }

    #[test]
    fn counts_confirmed_seats_and_check_ins_per_seat_type() {
        let now = chrono::DateTime::UNIX_EPOCH;
        let events: Vec<Event> = vec![
            seat(A, "General"),
            seat(B, "Workshop"),
            OrderPlaced {
                order_id: O,
                conference_id: C,
                seats: vec![],
                reservation_auto_expiration: now,
                access_code: "ABC123".into(),
                by: crate::domain::staff_code::Actor::Organizer,
            }
            .into(),
            SeatAssignmentsCreated {
                order_id: O,
                seats: vec![A, A, B],
            }
            .into(),
            AttendeeCheckedIn {
                order_id: O,
                position: 0,
                seat_type: A,
                checked_in_at: now,
                by: crate::domain::staff_code::Actor::Organizer,
            }
            .into(),
            AttendeeCheckedIn {
                order_id: O,
                position: 2,
                seat_type: B,
                checked_in_at: now,
                by: crate::domain::staff_code::Actor::Organizer,
            }
            .into(),
            AttendeeCheckInUndone {
                order_id: O,
                position: 2,
                seat_type: B,
                by: crate::domain::staff_code::Actor::Organizer,
            }
            .into(),
        ];
        let mut board = CheckInBoard::default();
        for e in &events {
            board.apply(e);
        }
        let got: Vec<_> = board
            .counts(C)
            .iter()
            .map(|c| (c.name.as_str(), c.checked_in, c.confirmed))
            .collect();
        assert_eq!(got, vec![("General", 1, 2), ("Workshop", 0, 1)]);
        assert_eq!(board.totals(C), (1, 3));
        assert!(board.counts(ConferenceId(Uuid::nil())).is_empty());
    }

    #[test]
    fn a_seat_checked_in_twice_offline_counts_once() {
        use crate::domain::events::AttendeeCheckedInOffline;
        let now = chrono::DateTime::UNIX_EPOCH;
        let offline = |n: u128, duplicate| -> Event {
            AttendeeCheckedInOffline {
                order_id: O,
                position: 0,
                seat_type: A,
                check_in_id: Uuid::from_u128(n),
                checked_in_at: now,
                door: format!("door-{n}"),
                duplicate,
                by: crate::domain::staff_code::Actor::Organizer,
            }
            .into()
        };
        let events: Vec<Event> = vec![
            seat(A, "General"),
            OrderPlaced {
                order_id: O,
                conference_id: C,
                seats: vec![],
                reservation_auto_expiration: now,
                access_code: "ABC123".into(),
                by: crate::domain::staff_code::Actor::Organizer,
            }
            .into(),
            SeatAssignmentsCreated {
                order_id: O,
                seats: vec![A],
            }
            .into(),
            offline(1, false),
            offline(2, true),
        ];
        let mut board = CheckInBoard::default();
        for e in &events {
            board.apply(e);
        }
        assert_eq!(board.totals(C), (1, 1));
        board.apply(
            &AttendeeCheckInUndone {
                order_id: O,
                position: 0,
                seat_type: A,
                by: crate::domain::staff_code::Actor::Organizer,
            }
            .into(),
        );
        assert_eq!(board.totals(C), (0, 1), "one undo takes the seat back");
    }
}
