//! One purchased seat, in one shape for everyone who shows it: the
//! organizer's attendee list and CSV export, the door's order and search
//! listings, the window's Attendees tab. It joins the order book's stored
//! fact ([`PositionView`]) with its order (code, registrant, status) and
//! the seat type's name, and it is joined here only, so the readers cannot
//! drift apart on what a seat shows (they used to build it in two
//! near-identical loops).
//!
//! A seat is identified by a [`SeatRef`]; [`ReadModels::purchased_seat`]
//! builds one seat (the Attendees tab asks only for the rows on screen),
//! [`ReadModels::purchased_seats`] a whole conference's.

use crate::app::projections::{
    CheckInRecord, OrderStatusView, OrderView, PositionView, ReadModels,
};
use crate::domain::events::PersonalInfo;
use crate::domain::{ConferenceId, OrderId, SeatTypeId};
use chrono::{DateTime, Utc};

/// Which purchased seat: an order and a 0-based position in it. This is
/// the key the attendee filter returns, the door keys typed names by, and
/// the CLI and the window name a seat with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct SeatRef {
    /// The order.
    pub order_id: OrderId,
    /// The 0-based position in the order.
    pub position: u32,
}

/// One purchased seat joined with its order and seat-type name: what the
/// attendee list, the export and the door show of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PurchasedSeat {
    /// Which seat.
    pub seat: SeatRef,
    /// The order's code.
    pub order_code: String,
    /// The seat type.
    pub seat_type_id: SeatTypeId,
    /// The seat type's name ("?" if the conference no longer names it).
    pub seat_type: String,
    /// The attendee, or `None` for an unassigned seat.
    pub attendee: Option<PersonalInfo>,
    /// The seat's ticket code, once issued.
    pub ticket: Option<String>,
    /// The order's registrant, if given: who most often arrives with an
    /// unassigned seat.
    pub registrant: Option<PersonalInfo>,
    /// The order's status as of the instant asked for.
    pub order_status: OrderStatusView,
    /// When the order was paid.
    pub confirmed_at: Option<DateTime<Utc>>,
    /// When the attendee was checked in at the door, if they are.
    pub checked_in_at: Option<DateTime<Utc>>,
    /// Its check-ins when an offline door made one (see
    /// [`PositionView::check_ins`]); two or more: checked in twice.
    pub check_ins: Vec<CheckInRecord>,
}

impl PurchasedSeat {
    /// Whether the seat was checked in twice (at two offline doors, or
    /// offline and online): the door and the Attendees list flag it.
    pub fn checked_in_twice(&self) -> bool {
        self.check_ins.len() > 1
    }
}

impl ReadModels {
    /// The seat `seat`, with its order's status as of `now`; `None` if no
    /// such seat was purchased.
    pub fn purchased_seat(&self, seat: SeatRef, now: DateTime<Utc>) -> Option<PurchasedSeat> {
        let order = self.orders.get(seat.order_id)?;
        let position = usize::try_from(seat.position)
            .ok()
            .and_then(|i| order.positions.get(i))
            .filter(|p| p.position == seat.position)?;
        Some(self.join(order, position, order.status_at(now)))
    }

    /// Every purchased seat of the conference `conference`: orders by
    /// placement, then position (the attendee list's order).
    pub fn purchased_seats(
        &self,
        conference: ConferenceId,
        now: DateTime<Utc>,
    ) -> Vec<PurchasedSeat> {
        let mut seats = Vec::new();
        for order in self.orders.for_conference(conference) {
            seats.extend(self.order_seats(order, now));
        }
        seats
    }

    /// The purchased seats of `order`, by position (none unless paid).
    /// A cancelled order has none: its attendees left the lists.
    pub fn order_seats(&self, order: &OrderView, now: DateTime<Utc>) -> Vec<PurchasedSeat> {
        let status = order.status_at(now);
        if status == OrderStatusView::Cancelled {
            return Vec::new();
        }
        order
            .positions
            .iter()
            .map(|p| self.join(order, p, status))
            .collect()
    }

    fn join(
        &self,
        order: &OrderView,
        position: &PositionView,
        order_status: OrderStatusView,
    ) -> PurchasedSeat {
        PurchasedSeat {
            seat: SeatRef {
                order_id: order.id,
                position: position.position,
            },
            order_code: order.access_code.clone(),
            seat_type_id: position.seat_type,
            seat_type: self
                .conferences
                .seat_name(order.conference_id, position.seat_type)
                .unwrap_or("?")
                .to_string(),
            attendee: position.attendee.clone(),
            ticket: position.ticket.clone(),
            registrant: order.registrant.clone(),
            order_status,
            confirmed_at: order.confirmed_at,
            checked_in_at: position.checked_in_at,
            check_ins: position.check_ins.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::demo::DemoOptions;
    use crate::app::{Desk, ManualClock};

    #[test]
    fn a_seat_reads_the_same_alone_in_its_conference_and_at_the_door() {
        let dir = tempfile::tempdir().unwrap();
        let at = "2026-06-01T09:00:00Z".parse().unwrap();
        let path = dir.path().join("log.redb");
        let mut desk = Desk::open_for_test(&path, &ManualClock::new(at));
        let options = DemoOptions {
            conferences: 1,
            orders: 30,
            seed: 3,
        };
        let key = desk.fill_demo(options).unwrap().conferences[0].clone();
        let access = desk.authorize_organizer(&key).unwrap();
        let (read, now) = (desk.read_models(), desk.now());
        let all = read.purchased_seats(access.conference(), now);
        assert!(all.iter().any(|s| s.attendee.is_some()));
        assert!(all.iter().any(|s| s.attendee.is_none()));
        for s in &all {
            assert_eq!(read.purchased_seat(s.seat, now).as_ref(), Some(s));
            let order = read.orders.get(s.seat.order_id).unwrap();
            let p = &order.positions[s.seat.position as usize];
            assert_eq!(
                (s.order_code.as_str(), s.seat_type_id, &s.attendee),
                (order.access_code.as_str(), p.seat_type, &p.attendee)
            );
            assert_eq!(
                (&s.registrant, s.confirmed_at),
                (&order.registrant, order.confirmed_at)
            );
            assert_eq!(s.order_status, OrderStatusView::Confirmed);
            let name = read.conferences.seat_name(order.conference_id, p.seat_type);
            assert_eq!(Some(s.seat_type.as_str()), name);
        }
        let first = &all[0];
        let door = desk.door().door_find_order(&access, &first.order_code);
        let of_order: Vec<_> = all
            .iter()
            .filter(|s| s.seat.order_id == first.seat.order_id)
            .cloned()
            .collect();
        assert_eq!(door.unwrap().seats, of_order);
        assert_eq!(desk.organizer().organizer_attendees(&access), all);
        let missing = SeatRef {
            position: u32::MAX,
            ..first.seat
        };
        assert_eq!(read.purchased_seat(missing, now), None);
    }
}
