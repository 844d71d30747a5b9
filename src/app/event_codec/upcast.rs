//! Older schema versions of events, decoded in their own shape and turned
//! into the current one. v1 of `OrderPlaced`, `AttendeeCheckedIn`,
//! `AttendeeCheckInUndone` and `AttendeeCheckedInOffline` had no `by`
//! (issue 18 item 2): they read as [`Actor::Unknown`], which the history
//! leaves unsaid, so an old log tells exactly what it told before.
//! `OrderTotalsCalculated` v1 had no discount (issue 18 item 7): its total
//! was the sum of its lines. `PaymentCompleted` v1 had no method (issue 18
//! item 4): it reads as `PaymentMethod::Unknown`.

use crate::domain::events::{
    AttendeeCheckInUndone, AttendeeCheckedIn, AttendeeCheckedInOffline, OrderPlaced, SeatQuantity,
};
use crate::domain::staff_code::Actor;
use crate::domain::{ConferenceId, Event, OrderId, SeatTypeId};
use crate::store::{self, CodecError};
use chrono::{DateTime, Utc};
use serde::Deserialize;
use uuid::Uuid;

/// `PaymentCompleted` v1: before the desk recorded how it was paid.
#[derive(Deserialize)]
struct PaymentCompleted1 {
    payment_id: crate::domain::PaymentId,
    order_id: OrderId,
}

/// `OrderTotalsCalculated` v1 (before discount codes).
#[derive(Deserialize)]
struct OrderTotalsCalculated1 {
    order_id: OrderId,
    lines: Vec<crate::domain::events::OrderLine>,
    total: i64,
    currency: crate::domain::Currency,
}

/// `OrderPlaced` v1 (before `by`).
#[derive(Deserialize)]
struct OrderPlaced1 {
    order_id: OrderId,
    conference_id: ConferenceId,
    seats: Vec<SeatQuantity>,
    reservation_auto_expiration: DateTime<Utc>,
    access_code: String,
}

#[derive(Deserialize)]
struct AttendeeCheckedIn1 {
    order_id: OrderId,
    position: u32,
    seat_type: SeatTypeId,
    checked_in_at: DateTime<Utc>,
}

#[derive(Deserialize)]
struct AttendeeCheckInUndone1 {
    order_id: OrderId,
    position: u32,
    seat_type: SeatTypeId,
}

#[derive(Deserialize)]
struct AttendeeCheckedInOffline1 {
    order_id: OrderId,
    position: u32,
    seat_type: SeatTypeId,
    check_in_id: Uuid,
    checked_in_at: DateTime<Utc>,
    door: String,
    duplicate: bool,
}

/// The event `event_type` at the older `version`, in its current shape;
/// `None` when that version is the current one (or was never changed).
pub(super) fn upcast(
    event_type: &str,
    version: u16,
    payload: &[u8],
) -> Option<Result<Event, CodecError>> {
    let by = Actor::Unknown;
    Some(match (event_type, version) {
        ("OrderPlaced", 1) => store::decode::<OrderPlaced1>(payload).map(|e| {
            OrderPlaced {
                order_id: e.order_id,
                conference_id: e.conference_id,
                seats: e.seats,
                reservation_auto_expiration: e.reservation_auto_expiration,
                access_code: e.access_code,
                by,
            }
            .into()
        }),
        ("AttendeeCheckedIn", 1) => store::decode::<AttendeeCheckedIn1>(payload).map(|e| {
            AttendeeCheckedIn {
                order_id: e.order_id,
                position: e.position,
                seat_type: e.seat_type,
                checked_in_at: e.checked_in_at,
                by,
            }
            .into()
        }),
        ("AttendeeCheckInUndone", 1) => store::decode::<AttendeeCheckInUndone1>(payload).map(|e| {
            AttendeeCheckInUndone {
                order_id: e.order_id,
                position: e.position,
                seat_type: e.seat_type,
                by,
            }
            .into()
        }),
        ("AttendeeCheckedInOffline", 1) => {
            store::decode::<AttendeeCheckedInOffline1>(payload).map(|e| {
                AttendeeCheckedInOffline {
                    order_id: e.order_id,
                    position: e.position,
                    seat_type: e.seat_type,
                    check_in_id: e.check_in_id,
                    checked_in_at: e.checked_in_at,
                    door: e.door,
                    duplicate: e.duplicate,
                    by,
                }
                .into()
            })
        }
        // v1 had no discount: its total was Σ lines, with nothing taken off.
        ("OrderTotalsCalculated", 1) => {
            store::decode::<OrderTotalsCalculated1>(payload).map(|v1| {
                crate::domain::events::OrderTotalsCalculated {
                    order_id: v1.order_id,
                    lines: v1.lines,
                    total: v1.total,
                    currency: v1.currency,
                    discount: None,
                }
                .into()
            })
        }
        ("PaymentCompleted", 1) => store::decode::<PaymentCompleted1>(payload).map(|v1| {
            crate::domain::events::PaymentCompleted {
                payment_id: v1.payment_id,
                order_id: v1.order_id,
                method: crate::domain::events::PaymentMethod::Unknown,
            }
            .into()
        }),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::event_codec::decode_event;
    use serde::Serialize;

    #[derive(Serialize)]
    struct Checked1 {
        order_id: OrderId,
        position: u32,
        seat_type: SeatTypeId,
        checked_in_at: DateTime<Utc>,
    }

    #[test]
    fn a_v1_check_in_reads_as_by_nobody_known_and_v2_round_trips() {
        let at: DateTime<Utc> = "2026-12-01T09:42:00Z".parse().unwrap();
        let v1 = Checked1 {
            order_id: OrderId(Uuid::from_u128(7)),
            position: 1,
            seat_type: SeatTypeId(Uuid::from_u128(9)),
            checked_in_at: at,
        };
        let bytes = store::encode(&v1).unwrap();
        let expected: Event = AttendeeCheckedIn {
            order_id: v1.order_id,
            position: 1,
            seat_type: v1.seat_type,
            checked_in_at: at,
            by: Actor::Unknown,
        }
        .into();
        assert_eq!(
            decode_event("AttendeeCheckedIn", 1, &bytes).unwrap(),
            expected
        );
        // The v1 bytes are not a v2 payload: read as v2 they are refused.
        assert!(decode_event("AttendeeCheckedIn", 2, &bytes).is_err());
        let (name, version, v2) = crate::app::event_codec::encode_event(&expected).unwrap();
        assert_eq!((name, version), ("AttendeeCheckedIn", 2));
        assert_eq!(decode_event(name, version, &v2).unwrap(), expected);
    }
}
