//! SeatsAvailability: one per conference, the only place that decides how
//! many seats a reservation gets, so nothing is ever oversold. Pending
//! reservations are kept per order; committed ones only as sold counts, so
//! the state stays small however many orders a conference has had.

use crate::domain::events::{
    AvailableSeatsChanged, SeatDelta, SeatQuantity, SeatsReservationCancelled,
    SeatsReservationCommitted, SeatsReserved, SoldSeatsReleased,
};
use crate::domain::{Aggregate, ConferenceId, DomainError, Event, OrderId, SeatTypeId};
use crate::domain::{Field, FieldError, Message};
use std::collections::{BTreeMap, HashMap};

/// Commands of SeatsAvailability.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AvailabilityCommand {
    /// Quota raised (or a seat type created).
    AddSeats {
        seat_type: SeatTypeId,
        quantity: u32,
    },
    /// Quota lowered: refused below what is reserved or sold.
    RemoveSeats {
        seat_type: SeatTypeId,
        quantity: u32,
    },
    /// A seat type is being deleted (with `DeleteSeat`, in the same
    /// action): its free seats leave sale. Refused while any seat of it is
    /// reserved or sold.
    RemoveSeatType { seat_type: SeatTypeId },
    /// Reserve up to `seats` for `reservation_id`; a repeat adjusts by the difference.
    MakeSeatReservation {
        reservation_id: OrderId,
        seats: Vec<SeatQuantity>,
    },
    /// The reservation's seats are sold.
    CommitSeatReservation { reservation_id: OrderId },
    /// Release the reservation's seats.
    CancelSeatReservation { reservation_id: OrderId },
    /// A paid order was cancelled: its sold `seats` (the order's reserved
    /// lines) go back on sale. Committed reservations are kept only as
    /// counts, so the order says how many; never more than is sold.
    ReleaseSoldSeats {
        reservation_id: OrderId,
        seats: Vec<SeatQuantity>,
    },
}

/// Seat counts of one conference.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeatsAvailability {
    /// The conference.
    pub conference_id: ConferenceId,
    remaining: HashMap<SeatTypeId, i64>,
    sold: HashMap<SeatTypeId, i64>,
    pending: HashMap<OrderId, Vec<SeatQuantity>>,
}

impl SeatsAvailability {
    /// No seats yet.
    pub fn new(conference_id: ConferenceId) -> Self {
        Self {
            conference_id,
            remaining: HashMap::new(),
            sold: HashMap::new(),
            pending: HashMap::new(),
        }
    }

    /// Seats still free.
    pub fn left(&self, seat_type: SeatTypeId) -> i64 {
        self.remaining.get(&seat_type).copied().unwrap_or(0)
    }

    /// Seats held by pending (unpaid) reservations.
    pub fn reserved(&self, seat_type: SeatTypeId) -> i64 {
        self.pending
            .values()
            .flatten()
            .filter(|s| s.seat_type == seat_type)
            .map(|s| i64::from(s.quantity))
            .sum()
    }

    /// Seats of committed reservations.
    pub fn sold(&self, seat_type: SeatTypeId) -> i64 {
        self.sold.get(&seat_type).copied().unwrap_or(0)
    }

    /// left + reserved + sold.
    pub fn quota(&self, seat_type: SeatTypeId) -> i64 {
        self.left(seat_type) + self.reserved(seat_type) + self.sold(seat_type)
    }

    /// What a pending reservation holds.
    pub fn held_by(&self, reservation_id: OrderId) -> &[SeatQuantity] {
        self.pending.get(&reservation_id).map_or(&[], Vec::as_slice)
    }

    fn held(&self, reservation_id: OrderId, seat_type: SeatTypeId) -> u32 {
        self.held_by(reservation_id)
            .iter()
            .filter(|s| s.seat_type == seat_type)
            .map(|s| s.quantity)
            .sum()
    }

    fn changed(&self, seats: Vec<SeatDelta>) -> Event {
        AvailableSeatsChanged {
            conference_id: self.conference_id,
            seats,
        }
        .into()
    }

    fn reserve(&self, reservation_id: OrderId, wanted: &[SeatQuantity]) -> Vec<Event> {
        // Merge duplicate lines; BTreeMap keeps the event deterministic.
        let mut want: BTreeMap<SeatTypeId, u64> = BTreeMap::new();
        for s in wanted {
            *want.entry(s.seat_type).or_default() += u64::from(s.quantity);
        }
        for s in self.held_by(reservation_id) {
            want.entry(s.seat_type).or_default(); // a dropped line is released
        }
        let mut details = Vec::new();
        let mut deltas = Vec::new();
        for (seat_type, wanted) in want {
            let held = self.held(reservation_id, seat_type);
            let can = self.left(seat_type).max(0) + i64::from(held);
            let got = i64::try_from(wanted).unwrap_or(i64::MAX).min(can);
            let got = u32::try_from(got).unwrap_or(u32::MAX);
            details.push(SeatQuantity {
                seat_type,
                quantity: got,
            });
            let delta = i64::from(held) - i64::from(got);
            if delta != 0 {
                deltas.push(SeatDelta { seat_type, delta });
            }
        }
        let mut events = vec![
            SeatsReserved {
                conference_id: self.conference_id,
                reservation_id,
                details,
            }
            .into(),
        ];
        if !deltas.is_empty() {
            events.push(self.changed(deltas));
        }
        events
    }
}

impl SeatsAvailability {
    /// Takes a deleted seat type's free seats off sale, or refuses while
    /// any of its seats is held by a reservation or sold: those orders
    /// name it, so it must stay.
    fn remove_type(&self, seat_type: SeatTypeId) -> Result<Vec<Event>, DomainError> {
        let (reserved, sold) = (self.reserved(seat_type), self.sold(seat_type));
        if reserved > 0 || sold > 0 {
            return Err(DomainError::Conflict(
                Message::new(
                    "This seat type cannot be removed: {reserved} {reserved|seat is|seats are} reserved and {sold} sold",
                )
                .count("reserved", reserved)
                .count("sold", sold),
            ));
        }
        let left = self.left(seat_type);
        Ok(if left == 0 {
            vec![]
        } else {
            vec![self.changed(vec![SeatDelta {
                seat_type,
                delta: -left,
            }])]
        })
    }
}

impl SeatsAvailability {
    /// Puts a cancelled paid order's seats back on sale (at most what is
    /// sold of each type, so a count never goes below zero).
    fn release_sold(&self, reservation_id: OrderId, seats: &[SeatQuantity]) -> Vec<Event> {
        let mut back: BTreeMap<SeatTypeId, i64> = BTreeMap::new();
        for s in seats {
            *back.entry(s.seat_type).or_default() += i64::from(s.quantity);
        }
        let details: Vec<SeatQuantity> = back
            .into_iter()
            .map(|(seat_type, n)| SeatQuantity {
                seat_type,
                quantity: u32::try_from(n.min(self.sold(seat_type)).max(0)).unwrap_or(0),
            })
            .filter(|s| s.quantity > 0)
            .collect();
        if details.is_empty() {
            return vec![];
        }
        let deltas = details
            .iter()
            .map(|s| SeatDelta {
                seat_type: s.seat_type,
                delta: i64::from(s.quantity),
            })
            .collect();
        vec![
            SoldSeatsReleased {
                conference_id: self.conference_id,
                reservation_id,
                details,
            }
            .into(),
            self.changed(deltas),
        ]
    }
}

impl Aggregate for SeatsAvailability {
    type Command = AvailabilityCommand;

    fn apply(&mut self, event: &Event) {
        match event {
            Event::AvailableSeatsChanged(e) => {
                for s in &e.seats {
                    *self.remaining.entry(s.seat_type).or_default() += s.delta;
                }
            }
            Event::SeatsReserved(e) => {
                let held: Vec<_> = e
                    .details
                    .iter()
                    .copied()
                    .filter(|s| s.quantity > 0)
                    .collect();
                if held.is_empty() {
                    self.pending.remove(&e.reservation_id);
                } else {
                    self.pending.insert(e.reservation_id, held);
                }
            }
            Event::SeatsReservationCommitted(e) => {
                for s in self.pending.remove(&e.reservation_id).unwrap_or_default() {
                    *self.sold.entry(s.seat_type).or_default() += i64::from(s.quantity);
                }
            }
            Event::SeatsReservationCancelled(e) => {
                self.pending.remove(&e.reservation_id);
            }
            Event::SoldSeatsReleased(e) => {
                for s in &e.details {
                    *self.sold.entry(s.seat_type).or_default() -= i64::from(s.quantity);
                }
            }
            _ => {}
        }
    }

    fn handle(&self, command: &AvailabilityCommand) -> Result<Vec<Event>, DomainError> {
        let conference_id = self.conference_id;
        Ok(match command {
            AvailabilityCommand::AddSeats {
                seat_type,
                quantity,
            } => {
                if *quantity == 0 {
                    vec![]
                } else {
                    vec![self.changed(vec![SeatDelta {
                        seat_type: *seat_type,
                        delta: i64::from(*quantity),
                    }])]
                }
            }
            AvailabilityCommand::RemoveSeats {
                seat_type,
                quantity,
            } => {
                let q = i64::from(*quantity);
                if q > self.left(*seat_type) {
                    let (reserved, sold) = (self.reserved(*seat_type), self.sold(*seat_type));
                    // A valid number that the seat counts refuse: a refused
                    // state change, worded with the field it concerns.
                    return Err(DomainError::Conflict(
                        FieldError::new(
                            Field::Quota,
                            Message::new(
                                "cannot be lower than {total}: {reserved} {reserved|seat is|seats are} reserved and {sold} sold",
                            )
                            .count("total", reserved + sold)
                            .count("reserved", reserved)
                            .count("sold", sold),
                        )
                        .message(),
                    ));
                }
                if q == 0 {
                    vec![]
                } else {
                    vec![self.changed(vec![SeatDelta {
                        seat_type: *seat_type,
                        delta: -q,
                    }])]
                }
            }
            AvailabilityCommand::RemoveSeatType { seat_type } => self.remove_type(*seat_type)?,
            AvailabilityCommand::MakeSeatReservation {
                reservation_id,
                seats,
            } => self.reserve(*reservation_id, seats),
            AvailabilityCommand::CommitSeatReservation { reservation_id } => {
                if self.pending.contains_key(reservation_id) {
                    vec![
                        SeatsReservationCommitted {
                            conference_id,
                            reservation_id: *reservation_id,
                        }
                        .into(),
                    ]
                } else {
                    vec![]
                }
            }
            AvailabilityCommand::CancelSeatReservation { reservation_id } => {
                match self.pending.get(reservation_id) {
                    Some(held) => {
                        let back = held.iter().map(|s| SeatDelta {
                            seat_type: s.seat_type,
                            delta: i64::from(s.quantity),
                        });
                        vec![
                            SeatsReservationCancelled {
                                conference_id,
                                reservation_id: *reservation_id,
                                details: held.clone(),
                            }
                            .into(),
                            self.changed(back.collect()),
                        ]
                    }
                    None => vec![],
                }
            }
            AvailabilityCommand::ReleaseSoldSeats {
                reservation_id,
                seats,
            } => self.release_sold(*reservation_id, seats),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::testing::given_when;
    use uuid::Uuid;

    const C: ConferenceId = ConferenceId(Uuid::from_u128(1));
    fn st(n: u128) -> SeatTypeId {
        SeatTypeId(Uuid::from_u128(100 + n))
    }
    fn order(n: u128) -> OrderId {
        OrderId(Uuid::from_u128(1000 + n))
    }
    fn q(seat_type: SeatTypeId, quantity: u32) -> SeatQuantity {
        SeatQuantity {
            seat_type,
            quantity,
        }
    }
    fn added(seat_type: SeatTypeId, n: i64) -> Event {
        AvailableSeatsChanged {
            conference_id: C,
            seats: vec![SeatDelta {
                seat_type,
                delta: n,
            }],
        }
        .into()
    }
    fn reserved(o: OrderId, details: Vec<SeatQuantity>) -> Event {
        SeatsReserved {
            conference_id: C,
            reservation_id: o,
            details,
        }
        .into()
    }
    fn when(given: &[Event], cmd: AvailabilityCommand) -> Result<Vec<Event>, DomainError> {
        given_when(SeatsAvailability::new(C), given, &cmd)
    }
    fn fold(events: &[Event]) -> SeatsAvailability {
        let mut a = SeatsAvailability::new(C);
        events.iter().for_each(|e| a.apply(e));
        a
    }

    #[test]
    fn full_reservation_takes_seats() {
        let given = [added(st(1), 10)];
        let e = when(
            &given,
            AvailabilityCommand::MakeSeatReservation {
                reservation_id: order(1),
                seats: vec![q(st(1), 3)],
            },
        )
        .unwrap();
        assert_eq!(
            e,
            vec![reserved(order(1), vec![q(st(1), 3)]), added(st(1), -3)]
        );
    }

    #[test]
    fn partial_reservation_reserves_exactly_what_is_left_and_reports_zero_lines() {
        // The CQRS Journey case: workshop quota 4; the third asker of 2 gets 0.
        let given = [
            added(st(1), 4),
            reserved(order(1), vec![q(st(1), 2)]),
            added(st(1), -2),
            reserved(order(2), vec![q(st(1), 1)]),
            added(st(1), -1),
        ];
        let cmd = AvailabilityCommand::MakeSeatReservation {
            reservation_id: order(3),
            seats: vec![q(st(1), 2), q(st(2), 1)],
        };
        let e = when(&given, cmd).unwrap();
        assert_eq!(
            e,
            vec![
                reserved(order(3), vec![q(st(1), 1), q(st(2), 0)]),
                added(st(1), -1)
            ]
        );
    }

    #[test]
    fn repeat_reservation_adjusts_by_the_difference_and_releases_dropped_lines() {
        let given = [
            added(st(1), 10),
            AvailableSeatsChanged {
                conference_id: C,
                seats: vec![SeatDelta {
                    seat_type: st(2),
                    delta: 5,
                }],
            }
            .into(),
            reserved(order(1), vec![q(st(1), 4), q(st(2), 2)]),
            AvailableSeatsChanged {
                conference_id: C,
                seats: vec![
                    SeatDelta {
                        seat_type: st(1),
                        delta: -4,
                    },
                    SeatDelta {
                        seat_type: st(2),
                        delta: -2,
                    },
                ],
            }
            .into(),
        ];
        let cmd = AvailabilityCommand::MakeSeatReservation {
            reservation_id: order(1),
            seats: vec![q(st(1), 1)],
        };
        let e = when(&given, cmd).unwrap();
        assert_eq!(
            e,
            vec![
                reserved(order(1), vec![q(st(1), 1), q(st(2), 0)]),
                AvailableSeatsChanged {
                    conference_id: C,
                    seats: vec![
                        SeatDelta {
                            seat_type: st(1),
                            delta: 3
                        },
                        SeatDelta {
                            seat_type: st(2),
                            delta: 2
                        }
                    ]
                }
                .into()
            ]
        );
        let mut all = given.to_vec();
        all.extend(e);
        let a = fold(&all);
        assert_eq!(
            (
                a.left(st(1)),
                a.reserved(st(1)),
                a.left(st(2)),
                a.reserved(st(2))
            ),
            (9, 1, 5, 0)
        );
    }

    #[test]
    fn commit_moves_reserved_to_sold_and_unknown_commit_is_silent() {
        let given = [
            added(st(1), 10),
            reserved(order(1), vec![q(st(1), 3)]),
            added(st(1), -3),
        ];
        let e = when(
            &given,
            AvailabilityCommand::CommitSeatReservation {
                reservation_id: order(1),
            },
        )
        .unwrap();
        assert_eq!(
            e,
            vec![
                SeatsReservationCommitted {
                    conference_id: C,
                    reservation_id: order(1)
                }
                .into()
            ]
        );
        let mut all = given.to_vec();
        all.extend(e);
        let a = fold(&all);
        assert_eq!(
            (
                a.left(st(1)),
                a.reserved(st(1)),
                a.sold(st(1)),
                a.quota(st(1))
            ),
            (7, 0, 3, 10)
        );
        assert!(
            when(
                &given,
                AvailabilityCommand::CommitSeatReservation {
                    reservation_id: order(9)
                }
            )
            .unwrap()
            .is_empty()
        );
    }

    #[test]
    fn cancel_returns_seats() {
        let given = [
            added(st(1), 10),
            reserved(order(1), vec![q(st(1), 3)]),
            added(st(1), -3),
        ];
        let e = when(
            &given,
            AvailabilityCommand::CancelSeatReservation {
                reservation_id: order(1),
            },
        )
        .unwrap();
        assert_eq!(
            e,
            vec![
                SeatsReservationCancelled {
                    conference_id: C,
                    reservation_id: order(1),
                    details: vec![q(st(1), 3)]
                }
                .into(),
                added(st(1), 3)
            ]
        );
        assert!(
            when(
                &given,
                AvailabilityCommand::CancelSeatReservation {
                    reservation_id: order(2)
                }
            )
            .unwrap()
            .is_empty()
        );
    }

    #[test]
    fn quota_cannot_drop_below_reserved_plus_sold() {
        let given = [
            added(st(1), 10),
            reserved(order(1), vec![q(st(1), 3)]),
            added(st(1), -3),
            SeatsReservationCommitted {
                conference_id: C,
                reservation_id: order(1),
            }
            .into(),
            reserved(order(2), vec![q(st(1), 4)]),
            added(st(1), -4),
        ];
        // left 3: removing 3 is fine, 4 is not.
        assert_eq!(
            when(
                &given,
                AvailabilityCommand::RemoveSeats {
                    seat_type: st(1),
                    quantity: 3
                }
            )
            .unwrap(),
            vec![added(st(1), -3)]
        );
        let Err(DomainError::Conflict(msg)) = when(
            &given,
            AvailabilityCommand::RemoveSeats {
                seat_type: st(1),
                quantity: 4,
            },
        ) else {
            panic!()
        };
        assert!(
            msg.to_string().starts_with("quota: cannot be lower than 7"),
            "{msg}"
        );
    }

    #[test]
    fn removing_a_seat_type_nobody_holds_takes_its_free_seats_off_sale() {
        // given 10 seats, 2 reserved then released
        let given = [
            added(st(1), 10),
            reserved(order(1), vec![q(st(1), 2)]),
            added(st(1), -2),
            SeatsReservationCancelled {
                conference_id: C,
                reservation_id: order(1),
                details: vec![q(st(1), 2)],
            }
            .into(),
            added(st(1), 2),
        ];
        // when the seat type is removed / then its 10 free seats go
        let e = when(
            &given,
            AvailabilityCommand::RemoveSeatType { seat_type: st(1) },
        )
        .unwrap();
        assert_eq!(e, vec![added(st(1), -10)]);
        // a seat type with no seats left: nothing to write
        let none = when(
            &[],
            AvailabilityCommand::RemoveSeatType { seat_type: st(2) },
        )
        .unwrap();
        assert!(none.is_empty());
    }

    #[test]
    fn removing_a_seat_type_with_a_seat_reserved_or_sold_is_refused() {
        let holding = [
            added(st(1), 10),
            reserved(order(1), vec![q(st(1), 1)]),
            added(st(1), -1),
        ];
        let r = when(
            &holding,
            AvailabilityCommand::RemoveSeatType { seat_type: st(1) },
        );
        let Err(DomainError::Conflict(m)) = r else {
            panic!("{r:?}")
        };
        assert_eq!(
            m.to_string(),
            "This seat type cannot be removed: 1 seat is reserved and 0 sold"
        );
        let mut sold = holding.to_vec();
        sold.push(
            SeatsReservationCommitted {
                conference_id: C,
                reservation_id: order(1),
            }
            .into(),
        );
        let r = when(
            &sold,
            AvailabilityCommand::RemoveSeatType { seat_type: st(1) },
        );
        assert!(
            matches!(&r, Err(DomainError::Conflict(m))
                if m.to_string().ends_with("0 seats are reserved and 1 sold")),
            "{r:?}"
        );
        // another seat type's seats do not hold this one
        let other = when(
            &holding,
            AvailabilityCommand::RemoveSeatType { seat_type: st(2) },
        );
        assert_eq!(other, Ok(vec![]));
    }

    #[test]
    fn a_cancelled_paid_orders_sold_seats_go_back_on_sale() {
        let given = [
            added(st(1), 10),
            reserved(order(1), vec![q(st(1), 3)]),
            added(st(1), -3),
            SeatsReservationCommitted {
                conference_id: C,
                reservation_id: order(1),
            }
            .into(),
        ];
        let cmd = AvailabilityCommand::ReleaseSoldSeats {
            reservation_id: order(1),
            seats: vec![q(st(1), 3)],
        };
        let events = given_when(SeatsAvailability::new(C), &given, &cmd).unwrap();
        assert_eq!(
            events,
            vec![
                SoldSeatsReleased {
                    conference_id: C,
                    reservation_id: order(1),
                    details: vec![q(st(1), 3)],
                }
                .into(),
                added(st(1), 3),
            ]
        );
        let mut a = SeatsAvailability::new(C);
        for e in given.iter().chain(&events) {
            a.apply(e);
        }
        assert_eq!((a.left(st(1)), a.sold(st(1)), a.quota(st(1))), (10, 0, 10));
        // Never more than is sold: a release of 5 when 3 are sold gives 3.
        let too_many = AvailabilityCommand::ReleaseSoldSeats {
            reservation_id: order(1),
            seats: vec![q(st(1), 5)],
        };
        let events = given_when(SeatsAvailability::new(C), &given, &too_many).unwrap();
        assert_eq!(events.get(1), Some(&added(st(1), 3)));
    }
}
