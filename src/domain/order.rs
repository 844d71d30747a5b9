//! The Order aggregate: what a registrant asked for, what was reserved, the
//! priced lines, who the registrant is, and whether it was confirmed or
//! expired — or cancelled: at the desk while unpaid, or by the organizer,
//! paid or not. Seat counts are decided by SeatsAvailability, never here.

use crate::domain::discount::{DiscountTerms, discount_amount};
use crate::domain::events::OrderDiscount;
use crate::domain::events::{
    CancelReason, OrderCancelled, OrderConfirmed, OrderExpired, OrderLine, OrderPartiallyReserved,
    OrderPlaced, OrderRegistrantAssigned, OrderReservationCompleted, OrderTotalsCalculated,
    OrderUpdated, PersonalInfo, SeatQuantity,
};
use crate::domain::staff_code::Actor;
use crate::domain::validation::{self as v, ORDER_CODE_LEN};
use crate::domain::{
    Aggregate, ConferenceId, Currency, DomainError, Event, FieldError, Money, OrderId, SeatTypeId,
};
use crate::domain::{Field, Message};
use chrono::{DateTime, Utc};
use std::collections::BTreeMap;

/// The refusal of anything but reading for a cancelled order.
const CANCELLED: &str = "the order was cancelled: its seats were released";

/// Most seats of one type in one order.
pub const MAX_SEATS_PER_LINE: u32 = 10_000;

/// Where an order stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OrderStatus {
    /// Not placed yet.
    NotPlaced,
    /// Seats requested, reservation not yet answered.
    PendingReservation,
    /// Fewer seats than requested on at least one line.
    PartiallyReserved,
    /// Every requested seat reserved.
    ReservationCompleted,
    /// Paid.
    Confirmed,
    /// Reservation ran out; seats released.
    Expired,
    /// Dropped (unpaid at the desk, or by the organizer); seats released.
    Cancelled,
}

/// Commands of the Order aggregate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OrderCommand {
    /// Place the order, or change its quantities while unpaid.
    RegisterToConference {
        conference_id: ConferenceId,
        seats: Vec<SeatQuantity>,
        access_code: String,
        reservation_auto_expiration: DateTime<Utc>,
        /// Who places it (recorded on a new order only).
        by: Actor,
    },
    /// SeatsAvailability answered; `prices` are the conference's current unit prices.
    MarkSeatsAsReserved {
        seats: Vec<SeatQuantity>,
        expiration: DateTime<Utc>,
        prices: Vec<(SeatTypeId, Money)>,
        currency: Currency,
        /// The discount code the order holds, if any (issue 18.7).
        discount: Option<DiscountTerms>,
    },
    /// Who is buying.
    AssignRegistrantDetails {
        first_name: String,
        last_name: String,
        email: String,
    },
    /// Payment completed.
    ConfirmOrder,
    /// Reservation expired.
    RejectOrder,
    /// CancelOrder: drop an order; its seats go back at once (a pending
    /// reservation through the process manager, sold seats through
    /// `policies::release_sold_seats`). At the desk only while unpaid; by
    /// the organizer paid or not. Refused once expired or cancelled.
    CancelOrder {
        /// Why (kept with the event).
        reason: CancelReason,
    },
    /// A discount code was redeemed for (or taken from) an order whose
    /// seats are already reserved: price the reserved lines again with it.
    /// Refused once paid, expired or cancelled.
    RepriceOrder {
        /// The conference's current unit prices.
        prices: Vec<(SeatTypeId, Money)>,
        /// The conference's currency.
        currency: Currency,
        /// The code the order now holds.
        discount: Option<DiscountTerms>,
    },
}

/// The Order aggregate's state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Order {
    /// Its id (also its reservation id).
    pub id: OrderId,
    /// Its conference.
    pub conference_id: Option<ConferenceId>,
    /// Where it stands.
    pub status: OrderStatus,
    /// Requested quantities.
    pub requested: Vec<SeatQuantity>,
    /// Reserved quantities (per requested line, 0 included).
    pub reserved: Vec<SeatQuantity>,
    /// When the reservation runs out.
    pub expires_at: Option<DateTime<Utc>>,
    /// The registrant's code to reopen the order.
    pub access_code: String,
    /// The registrant, once given.
    pub registrant: Option<PersonalInfo>,
    /// Total of the priced lines, minor units.
    pub total: Option<Money>,
    /// Whether it was ever confirmed (paid): still true once cancelled, so
    /// the cancellation's policy knows its seats were sold, not reserved.
    pub was_confirmed: bool,
}

impl Order {
    /// An order not placed yet.
    pub fn new(id: OrderId) -> Self {
        Self {
            id,
            conference_id: None,
            status: OrderStatus::NotPlaced,
            requested: Vec::new(),
            reserved: Vec::new(),
            expires_at: None,
            access_code: String::new(),
            registrant: None,
            total: None,
            was_confirmed: false,
        }
    }

    /// Seats reserved in total.
    pub fn reserved_count(&self) -> u64 {
        self.reserved.iter().map(|s| u64::from(s.quantity)).sum()
    }

    /// Merges duplicate lines and drops zero lines; refuses an empty order.
    pub fn normalize_seats(seats: &[SeatQuantity]) -> Result<Vec<SeatQuantity>, DomainError> {
        let mut merged: BTreeMap<SeatTypeId, u64> = BTreeMap::new();
        let mut order = Vec::new();
        for s in seats {
            if !merged.contains_key(&s.seat_type) {
                order.push(s.seat_type);
            }
            *merged.entry(s.seat_type).or_default() += u64::from(s.quantity);
        }
        let mut out = Vec::new();
        for seat_type in order {
            let quantity = merged.get(&seat_type).copied().unwrap_or(0);
            if quantity > u64::from(MAX_SEATS_PER_LINE) {
                return Err(FieldError::new(
                    Field::Quantity,
                    Message::new("must be at most {max} per seat type")
                        .count("max", MAX_SEATS_PER_LINE),
                )
                .into());
            }
            if quantity > 0 {
                out.push(SeatQuantity {
                    seat_type,
                    quantity: u32::try_from(quantity).unwrap_or(MAX_SEATS_PER_LINE),
                });
            }
        }
        if out.is_empty() {
            return Err(FieldError::new(
                Field::Seats,
                Message::new("One or more items are required"),
            )
            .into());
        }
        Ok(out)
    }

    fn open_for_changes(&self) -> Result<(), DomainError> {
        match self.status {
            OrderStatus::NotPlaced => Err(DomainError::NotFound(Message::new("order not found"))),
            OrderStatus::Confirmed => Err(DomainError::Conflict(Message::new(
                "the order is already paid: its seats can no longer change",
            ))),
            OrderStatus::Expired => Err(DomainError::Conflict(Message::new(
                "the order has expired: its reservation was released",
            ))),
            OrderStatus::Cancelled => Err(DomainError::Conflict(Message::new(CANCELLED))),
            _ => Ok(()),
        }
    }

    /// CancelOrder: only an unpaid order that still holds (or waits for)
    /// its reservation can be dropped; each other state says why not.
    fn cancel(&self, reason: CancelReason) -> Result<Vec<Event>, DomainError> {
        let conference_id = match (self.status, self.conference_id) {
            (OrderStatus::NotPlaced, _) | (_, None) => {
                return Err(DomainError::NotFound(Message::new("order not found")));
            }
            (OrderStatus::Confirmed, Some(c)) if reason == CancelReason::ByOrganizer => c,
            (OrderStatus::Confirmed, _) => {
                return Err(DomainError::Conflict(Message::new(
                    "the order is paid: it can no longer be cancelled",
                )));
            }
            (OrderStatus::Expired, _) => {
                return Err(DomainError::Conflict(Message::new(
                    "the order has expired: its seats were already released",
                )));
            }
            (OrderStatus::Cancelled, _) => {
                return Err(DomainError::Conflict(Message::new(CANCELLED)));
            }
            (
                OrderStatus::PendingReservation
                | OrderStatus::PartiallyReserved
                | OrderStatus::ReservationCompleted,
                Some(c),
            ) => c,
        };
        Ok(vec![
            OrderCancelled {
                order_id: self.id,
                conference_id,
                reason,
            }
            .into(),
        ])
    }

    fn price(
        &self,
        seats: &[SeatQuantity],
        prices: &[(SeatTypeId, Money)],
        currency: Currency,
        discount: Option<&DiscountTerms>,
    ) -> Result<Event, DomainError> {
        let mut lines = Vec::new();
        let mut total = 0_i64;
        for s in seats {
            let unit = prices
                .iter()
                .find(|(t, _)| *t == s.seat_type)
                .map(|(_, m)| *m)
                .ok_or_else(|| {
                    DomainError::NotFound(
                        Message::new("seat type {seat_type} has no price")
                            .text("seat_type", s.seat_type.to_string()),
                    )
                })?;
            let line = unit.times(s.quantity).ok_or_else(|| {
                FieldError::new(Field::Quantity, Message::new("order total is too large"))
            })?;
            total = total.checked_add(line.minor).ok_or_else(|| {
                FieldError::new(Field::Quantity, Message::new("order total is too large"))
            })?;
            lines.push(OrderLine {
                seat_type: s.seat_type,
                unit_price: unit.minor,
                quantity: s.quantity,
                line_total: line.minor,
            });
        }
        // Total = Σ lines − discount; the discount never exceeds the lines
        // it covers, so the total never goes below 0.
        let discount = discount.map(|terms| OrderDiscount {
            code: terms.code.clone(),
            amount: discount_amount(&lines, terms),
        });
        let total = total - discount.as_ref().map_or(0, |d| d.amount);
        Ok(OrderTotalsCalculated {
            order_id: self.id,
            lines,
            total: total.max(0),
            currency,
            discount,
        }
        .into())
    }
}

impl Aggregate for Order {
    type Command = OrderCommand;

    fn apply(&mut self, event: &Event) {
        match event {
            Event::OrderPlaced(e) => {
                self.conference_id = Some(e.conference_id);
                self.status = OrderStatus::PendingReservation;
                self.requested.clone_from(&e.seats);
                self.expires_at = Some(e.reservation_auto_expiration);
                self.access_code.clone_from(&e.access_code);
            }
            Event::OrderUpdated(e) => {
                self.status = OrderStatus::PendingReservation;
                self.requested.clone_from(&e.seats);
                self.expires_at = Some(e.reservation_auto_expiration);
            }
            Event::OrderPartiallyReserved(e) => {
                self.status = OrderStatus::PartiallyReserved;
                self.reserved.clone_from(&e.seats);
                self.expires_at = Some(e.reservation_expiration);
            }
            Event::OrderReservationCompleted(e) => {
                self.status = OrderStatus::ReservationCompleted;
                self.reserved.clone_from(&e.seats);
                self.expires_at = Some(e.reservation_expiration);
            }
            Event::OrderTotalsCalculated(e) => self.total = Some(Money::new(e.total, e.currency)),
            Event::OrderRegistrantAssigned(e) => self.registrant = Some(e.registrant.clone()),
            Event::OrderConfirmed(_) => {
                self.status = OrderStatus::Confirmed;
                self.was_confirmed = true;
            }
            Event::OrderExpired(_) => self.status = OrderStatus::Expired,
            Event::OrderCancelled(_) => self.status = OrderStatus::Cancelled,
            _ => {}
        }
    }

    fn handle(&self, command: &OrderCommand) -> Result<Vec<Event>, DomainError> {
        let order_id = self.id;
        match command {
            OrderCommand::RegisterToConference {
                conference_id,
                seats,
                access_code,
                reservation_auto_expiration,
                by,
            } => {
                let seats = Self::normalize_seats(seats)?;
                if self.status == OrderStatus::NotPlaced {
                    if !v::is_access_code_shape(access_code, ORDER_CODE_LEN) {
                        return Err(DomainError::field(
                            Field::AccessCode,
                            Message::new("must be 6 letters or digits from the code alphabet"),
                        ));
                    }
                    return Ok(vec![
                        OrderPlaced {
                            order_id,
                            conference_id: *conference_id,
                            seats,
                            reservation_auto_expiration: *reservation_auto_expiration,
                            access_code: access_code.clone(),
                            by: *by,
                        }
                        .into(),
                    ]);
                }
                self.open_for_changes()?;
                if self.conference_id != Some(*conference_id) {
                    return Err(DomainError::Conflict(Message::new(
                        "the order belongs to another conference",
                    )));
                }
                Ok(vec![
                    OrderUpdated {
                        order_id,
                        seats,
                        reservation_auto_expiration: *reservation_auto_expiration,
                    }
                    .into(),
                ])
            }
            OrderCommand::MarkSeatsAsReserved {
                seats,
                expiration,
                prices,
                currency,
                discount,
            } => {
                self.open_for_changes()?;
                let short = self.requested.iter().any(|r| {
                    let got: u32 = seats
                        .iter()
                        .filter(|s| s.seat_type == r.seat_type)
                        .map(|s| s.quantity)
                        .sum();
                    got != r.quantity
                });
                // Lines follow the requested order; a line that got nothing stays, with 0.
                let lines: Vec<SeatQuantity> = self
                    .requested
                    .iter()
                    .map(|r| SeatQuantity {
                        seat_type: r.seat_type,
                        quantity: seats
                            .iter()
                            .filter(|s| s.seat_type == r.seat_type)
                            .map(|s| s.quantity)
                            .sum(),
                    })
                    .collect();
                let reserved: Event = if short {
                    OrderPartiallyReserved {
                        order_id,
                        reservation_expiration: *expiration,
                        seats: lines.clone(),
                    }
                    .into()
                } else {
                    OrderReservationCompleted {
                        order_id,
                        reservation_expiration: *expiration,
                        seats: lines.clone(),
                    }
                    .into()
                };
                let totals = self.price(&lines, prices, *currency, discount.as_ref())?;
                Ok(vec![reserved, totals])
            }
            OrderCommand::AssignRegistrantDetails {
                first_name,
                last_name,
                email,
            } => {
                match self.status {
                    OrderStatus::NotPlaced => {
                        return Err(DomainError::NotFound(Message::new("order not found")));
                    }
                    OrderStatus::Expired => {
                        return Err(DomainError::Conflict(Message::new("the order has expired")));
                    }
                    OrderStatus::Cancelled => {
                        return Err(DomainError::Conflict(Message::new(CANCELLED)));
                    }
                    _ => {}
                }
                let mut errors = Vec::new();
                let mut take = |r: Result<String, FieldError>| {
                    r.unwrap_or_else(|e| {
                        errors.push(e);
                        String::new()
                    })
                };
                let registrant = PersonalInfo {
                    first_name: take(v::required_line(
                        Field::FirstName,
                        first_name,
                        v::MAX_NAME_CHARS,
                    )),
                    last_name: take(v::required_line(
                        Field::LastName,
                        last_name,
                        v::MAX_NAME_CHARS,
                    )),
                    email: take(v::email(Field::Email, email)),
                };
                if !errors.is_empty() {
                    return Err(DomainError::Validation(errors));
                }
                if self.registrant.as_ref() == Some(&registrant) {
                    return Ok(vec![]);
                }
                Ok(vec![
                    OrderRegistrantAssigned {
                        order_id,
                        registrant,
                    }
                    .into(),
                ])
            }
            OrderCommand::ConfirmOrder => match self.status {
                OrderStatus::Confirmed => Ok(vec![]),
                OrderStatus::PartiallyReserved | OrderStatus::ReservationCompleted => {
                    Ok(vec![OrderConfirmed { order_id }.into()])
                }
                OrderStatus::Expired => Err(DomainError::Conflict(Message::new(
                    "the order has expired: a payment can no longer confirm it",
                ))),
                OrderStatus::Cancelled => Err(DomainError::Conflict(Message::new(CANCELLED))),
                OrderStatus::PendingReservation => Err(DomainError::Conflict(Message::new(
                    "the order's seats are not reserved yet",
                ))),
                OrderStatus::NotPlaced => {
                    Err(DomainError::NotFound(Message::new("order not found")))
                }
            },
            OrderCommand::RejectOrder => match self.status {
                // Cancelled: its seats are already back; nothing left to expire.
                OrderStatus::Expired | OrderStatus::Cancelled => Ok(vec![]),
                OrderStatus::Confirmed => Err(DomainError::Conflict(Message::new(
                    "the order is paid and cannot expire",
                ))),
                OrderStatus::NotPlaced => {
                    Err(DomainError::NotFound(Message::new("order not found")))
                }
                _ => Ok(vec![OrderExpired { order_id }.into()]),
            },
            OrderCommand::CancelOrder { reason } => self.cancel(*reason),
            OrderCommand::RepriceOrder {
                prices,
                currency,
                discount,
            } => {
                self.open_for_changes()?;
                if self.status == OrderStatus::PendingReservation {
                    // Priced when its seats are reserved, with the code it holds then.
                    return Ok(vec![]);
                }
                Ok(vec![self.price(
                    &self.reserved,
                    prices,
                    *currency,
                    discount.as_ref(),
                )?])
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::testing::given_when;
    use uuid::Uuid;

    const O: OrderId = OrderId(Uuid::from_u128(7));
    const C: ConferenceId = ConferenceId(Uuid::from_u128(1));
    fn st(n: u128) -> SeatTypeId {
        SeatTypeId(Uuid::from_u128(100 + n))
    }
    fn q(n: u128, quantity: u32) -> SeatQuantity {
        SeatQuantity {
            seat_type: st(n),
            quantity,
        }
    }
    fn t(min: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(1_800_000_000 + min * 60, 0).unwrap()
    }
    fn placed(seats: Vec<SeatQuantity>) -> Event {
        OrderPlaced {
            order_id: O,
            conference_id: C,
            seats,
            reservation_auto_expiration: t(15),
            access_code: "ABC123".into(),
            by: Actor::Registrant,
        }
        .into()
    }
    fn register(seats: Vec<SeatQuantity>) -> OrderCommand {
        OrderCommand::RegisterToConference {
            conference_id: C,
            seats,
            access_code: "ABC123".into(),
            reservation_auto_expiration: t(15),
            by: Actor::Registrant,
        }
    }
    fn mark(seats: Vec<SeatQuantity>) -> OrderCommand {
        OrderCommand::MarkSeatsAsReserved {
            seats,
            expiration: t(15),
            prices: vec![
                (st(1), Money::new(19900, Currency::USD)),
                (st(2), Money::new(50000, Currency::USD)),
            ],
            currency: Currency::USD,
            discount: None,
        }
    }
    fn when(given: &[Event], cmd: OrderCommand) -> Result<Vec<Event>, DomainError> {
        given_when(Order::new(O), given, &cmd)
    }

    #[test]
    fn register_places_the_order_merging_lines_and_dropping_zeros() {
        let e = when(&[], register(vec![q(1, 1), q(2, 0), q(1, 2)])).unwrap();
        assert_eq!(e, vec![placed(vec![q(1, 3)])]);
    }

    #[test]
    fn one_or_more_items_are_required() {
        let Err(DomainError::Validation(errs)) = when(&[], register(vec![q(1, 0)])) else {
            panic!()
        };
        assert_eq!(errs[0].to_string(), "seats: One or more items are required");
    }

    #[test]
    fn register_again_updates_an_unpaid_order() {
        let e = when(&[placed(vec![q(1, 3)])], register(vec![q(1, 1)])).unwrap();
        assert_eq!(
            e,
            vec![
                OrderUpdated {
                    order_id: O,
                    seats: vec![q(1, 1)],
                    reservation_auto_expiration: t(15)
                }
                .into()
            ]
        );
    }

    #[test]
    fn register_again_is_refused_once_paid_or_expired() {
        for last in [
            Event::from(OrderConfirmed { order_id: O }),
            OrderExpired { order_id: O }.into(),
        ] {
            let given = [
                placed(vec![q(1, 3)]),
                OrderReservationCompleted {
                    order_id: O,
                    reservation_expiration: t(15),
                    seats: vec![q(1, 3)],
                }
                .into(),
                last,
            ];
            assert!(matches!(
                when(&given, register(vec![q(1, 1)])),
                Err(DomainError::Conflict(_))
            ));
        }
    }

    #[test]
    fn full_reservation_completes_and_prices_the_order() {
        let e = when(
            &[placed(vec![q(1, 3), q(2, 1)])],
            mark(vec![q(1, 3), q(2, 1)]),
        )
        .unwrap();
        assert_eq!(
            e,
            vec![
                OrderReservationCompleted {
                    order_id: O,
                    reservation_expiration: t(15),
                    seats: vec![q(1, 3), q(2, 1)]
                }
                .into(),
                OrderTotalsCalculated {
                    order_id: O,
                    lines: vec![
                        OrderLine {
                            seat_type: st(1),
                            unit_price: 19900,
                            quantity: 3,
                            line_total: 59700
                        },
                        OrderLine {
                            seat_type: st(2),
                            unit_price: 50000,
                            quantity: 1,
                            line_total: 50000
                        },
                    ],
                    total: 109_700,
                    currency: Currency::USD,
                    discount: None,
                }
                .into()
            ]
        );
    }

    #[test]
    fn short_reservation_is_partial_and_keeps_zero_lines() {
        let e = when(
            &[placed(vec![q(1, 3), q(2, 2)])],
            mark(vec![q(1, 1), q(2, 0)]),
        )
        .unwrap();
        let [
            Event::OrderPartiallyReserved(p),
            Event::OrderTotalsCalculated(t),
        ] = e.as_slice()
        else {
            panic!("{e:?}")
        };
        assert_eq!(p.seats, vec![q(1, 1), q(2, 0)]);
        assert_eq!(t.total, 19900);
    }

    #[test]
    fn registrant_is_validated_field_by_field() {
        let cmd = OrderCommand::AssignRegistrantDetails {
            first_name: " ".into(),
            last_name: "Kim".into(),
            email: "x".into(),
        };
        let Err(DomainError::Validation(errs)) = when(&[placed(vec![q(1, 1)])], cmd) else {
            panic!()
        };
        let fields: Vec<_> = errs.iter().map(|e| e.field.to_string()).collect();
        assert_eq!(fields, ["first name", "email"]);
        let ok = OrderCommand::AssignRegistrantDetails {
            first_name: "민준".into(),
            last_name: "김".into(),
            email: "mj@example.kr".into(),
        };
        assert!(matches!(
            when(&[placed(vec![q(1, 1)])], ok).unwrap().as_slice(),
            [Event::OrderRegistrantAssigned(_)]
        ));
    }

    #[test]
    fn confirm_after_expiry_is_refused_and_reject_after_confirm_too() {
        let reserved: Event = OrderReservationCompleted {
            order_id: O,
            reservation_expiration: t(15),
            seats: vec![q(1, 1)],
        }
        .into();
        let expired = [
            placed(vec![q(1, 1)]),
            reserved.clone(),
            OrderExpired { order_id: O }.into(),
        ];
        assert!(matches!(
            when(&expired, OrderCommand::ConfirmOrder),
            Err(DomainError::Conflict(_))
        ));
        let confirmed = [
            placed(vec![q(1, 1)]),
            reserved.clone(),
            OrderConfirmed { order_id: O }.into(),
        ];
        assert!(matches!(
            when(&confirmed, OrderCommand::RejectOrder),
            Err(DomainError::Conflict(_))
        ));
        assert_eq!(
            when(
                &[placed(vec![q(1, 1)]), reserved],
                OrderCommand::ConfirmOrder
            )
            .unwrap(),
            vec![OrderConfirmed { order_id: O }.into()]
        );
        assert_eq!(
            when(&[placed(vec![q(1, 1)])], OrderCommand::RejectOrder).unwrap(),
            vec![OrderExpired { order_id: O }.into()]
        );
    }

    fn cancel() -> OrderCommand {
        OrderCommand::CancelOrder {
            reason: CancelReason::AtTheDesk,
        }
    }
    fn reserved(seats: Vec<SeatQuantity>) -> Event {
        OrderReservationCompleted {
            order_id: O,
            reservation_expiration: t(15),
            seats,
        }
        .into()
    }
    fn cancelled() -> Event {
        OrderCancelled {
            order_id: O,
            conference_id: C,
            reason: CancelReason::AtTheDesk,
        }
        .into()
    }
    fn refusal(given: &[Event], cmd: OrderCommand) -> String {
        match when(given, cmd) {
            Err(DomainError::Conflict(m)) => m.to_string(),
            other => panic!("expected a conflict, got {other:?}"),
        }
    }

    #[test]
    fn cancel_drops_an_unpaid_order_reserved_partly_or_wholly_or_pending() {
        let partial: Event = OrderPartiallyReserved {
            order_id: O,
            reservation_expiration: t(15),
            seats: vec![q(1, 1)],
        }
        .into();
        for given in [
            vec![placed(vec![q(1, 2)])],
            vec![placed(vec![q(1, 2)]), partial],
            vec![placed(vec![q(1, 2)]), reserved(vec![q(1, 2)])],
        ] {
            assert_eq!(when(&given, cancel()).unwrap(), vec![cancelled()]);
        }
    }

    #[test]
    fn cancel_is_refused_for_an_order_never_placed() {
        assert!(matches!(when(&[], cancel()), Err(DomainError::NotFound(_))));
    }

    #[test]
    fn cancel_is_refused_once_paid() {
        let given = [
            placed(vec![q(1, 1)]),
            reserved(vec![q(1, 1)]),
            OrderConfirmed { order_id: O }.into(),
        ];
        assert_eq!(
            refusal(&given, cancel()),
            "the order is paid: it can no longer be cancelled"
        );
    }

    #[test]
    fn the_organizer_cancels_a_paid_order_and_it_stays_known_as_paid() {
        let given = [
            placed(vec![q(1, 1)]),
            reserved(vec![q(1, 1)]),
            OrderConfirmed { order_id: O }.into(),
        ];
        let by_organizer = OrderCommand::CancelOrder {
            reason: CancelReason::ByOrganizer,
        };
        let events = when(&given, by_organizer.clone()).unwrap();
        assert_eq!(
            events,
            vec![
                OrderCancelled {
                    order_id: O,
                    conference_id: C,
                    reason: CancelReason::ByOrganizer,
                }
                .into()
            ]
        );
        let mut order = Order::new(O);
        for e in given.iter().chain(&events) {
            order.apply(e);
        }
        assert_eq!(order.status, OrderStatus::Cancelled);
        assert!(order.was_confirmed, "the release policy needs to know");
        // …and only once.
        let again: Vec<Event> = given.iter().cloned().chain(events).collect();
        assert_eq!(refusal(&again, by_organizer), CANCELLED);
    }

    #[test]
    fn cancel_is_refused_once_expired_or_rejected() {
        let expired = [
            placed(vec![q(1, 1)]),
            reserved(vec![q(1, 1)]),
            OrderExpired { order_id: O }.into(),
        ];
        let rejected = [placed(vec![q(1, 1)]), OrderExpired { order_id: O }.into()];
        for given in [&expired[..], &rejected[..]] {
            assert_eq!(
                refusal(given, cancel()),
                "the order has expired: its seats were already released"
            );
        }
    }

    #[test]
    fn cancel_is_refused_when_already_cancelled() {
        let given = [placed(vec![q(1, 1)]), reserved(vec![q(1, 1)]), cancelled()];
        assert_eq!(refusal(&given, cancel()), CANCELLED);
    }

    #[test]
    fn a_cancelled_order_cannot_change_be_paid_or_named_and_never_expires() {
        let given = [placed(vec![q(1, 1)]), reserved(vec![q(1, 1)]), cancelled()];
        assert_eq!(refusal(&given, register(vec![q(1, 2)])), CANCELLED);
        assert_eq!(refusal(&given, OrderCommand::ConfirmOrder), CANCELLED);
        assert_eq!(refusal(&given, mark(vec![q(1, 1)])), CANCELLED);
        let named = OrderCommand::AssignRegistrantDetails {
            first_name: "Ana".into(),
            last_name: "Lima".into(),
            email: "ana@example.com".into(),
        };
        assert_eq!(refusal(&given, named), CANCELLED);
        assert_eq!(when(&given, OrderCommand::RejectOrder).unwrap(), vec![]);
    }
}
