//! OrderBook: every order as the registrant and the organizer see it —
//! requested vs reserved lines, prices, total, status, expiry, registrant,
//! payments and seat positions (DraftOrder, PricedOrder and OrderSeats of
//! the CQRS Journey in one place, since they are always shown together).

use crate::app::projections::EventMeta;
use crate::domain::events::{CancelReason, PaymentMethod, PersonalInfo};
use crate::domain::{
    ConferenceId, Currency, Event, Message, Money, OrderId, PaymentId, SeatTypeId,
};
use chrono::{DateTime, Utc};
use std::collections::HashMap;

/// Where an order stands, as shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OrderStatusView {
    /// Waiting for the reservation.
    PendingReservation,
    /// Fewer seats than requested.
    PartiallyReserved,
    /// Every requested seat reserved.
    ReservationCompleted,
    /// Paid.
    Confirmed,
    /// Reservation ran out.
    Expired,
    /// Refused at once (placed past its expiry).
    Rejected,
    /// Dropped (unpaid at the desk, or by the organizer); seats released.
    Cancelled,
}

impl OrderStatusView {
    /// The snake_case name used by the CLI and exports.
    pub fn as_str(&self) -> &'static str {
        match self {
            Self::PendingReservation => "pending_reservation",
            Self::PartiallyReserved => "partially_reserved",
            Self::ReservationCompleted => "reservation_completed",
            Self::Confirmed => "confirmed",
            Self::Expired => "expired",
            Self::Rejected => "rejected",
            Self::Cancelled => "cancelled",
        }
    }

    /// The status in words, for people (the window, the door): the CLI's
    /// tables and exports keep [`Self::as_str`], a documented format.
    pub fn message(&self) -> Message {
        match self {
            Self::PendingReservation => Message::new("Pending reservation"),
            Self::PartiallyReserved => Message::new("Partially reserved"),
            Self::ReservationCompleted => Message::new("Reservation completed"),
            Self::Confirmed => Message::new("Confirmed"),
            Self::Expired => Message::new("Expired"),
            Self::Rejected => Message::new("Rejected"),
            Self::Cancelled => Message::new("Cancelled"),
        }
    }

    /// Whether the order can still be changed or paid.
    pub fn is_open(&self) -> bool {
        matches!(
            self,
            Self::PendingReservation | Self::PartiallyReserved | Self::ReservationCompleted
        )
    }
}

/// One line: requested, reserved, priced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderLineView {
    /// Seat type.
    pub seat_type: SeatTypeId,
    /// Asked for.
    pub requested: u32,
    /// Got (0 until reserved).
    pub reserved: u32,
    /// Unit price, once priced.
    pub unit_price: Option<Money>,
    /// Line total, once priced.
    pub line_total: Option<Money>,
}

/// One purchased seat.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PositionView {
    /// 0-based position.
    pub position: u32,
    /// Seat type.
    pub seat_type: SeatTypeId,
    /// Attendee, once named.
    pub attendee: Option<PersonalInfo>,
    /// Its ticket code, once issued (orders paid before tickets existed
    /// have none until the organizer issues them).
    pub ticket: Option<String>,
    /// When the attendee was checked in at the door, if they are (the
    /// first time, for a seat checked in twice).
    pub checked_in_at: Option<DateTime<Utc>>,
    /// The check-ins holding the seat, when one of them came from an
    /// offline door: which door and when, in the log's order; two or more
    /// is a seat checked in twice (see [`PositionView::checked_in_twice`]).
    /// Empty for a seat checked in online only (`checked_in_at` says it
    /// all), so the common case costs no allocation.
    pub check_ins: Vec<CheckInRecord>,
}

/// One check-in of a seat: when, and at which door (`None`: a desk that
/// was online, which the log does not name).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckInRecord {
    /// When the door checked the attendee in.
    pub at: DateTime<Utc>,
    /// The offline door's name.
    pub door: Option<String>,
}

impl PositionView {
    /// Whether the seat was checked in at two doors (or twice at one)
    /// before either knew of the other: the window flags it.
    pub fn checked_in_twice(&self) -> bool {
        self.check_ins.len() > 1
    }

    /// Records an offline door's check-in of this seat.
    fn record_offline(&mut self, at: DateTime<Utc>, door: &str) {
        if let Some(first) = self.checked_in_at
            && self.check_ins.is_empty()
        {
            self.check_ins.push(CheckInRecord {
                at: first,
                door: None,
            });
        }
        self.checked_in_at.get_or_insert(at);
        self.check_ins.push(CheckInRecord {
            at,
            door: Some(door.to_owned()),
        });
    }
}

/// An order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderView {
    /// Its id.
    pub id: OrderId,
    /// Its conference.
    pub conference_id: ConferenceId,
    /// The registrant's code (also the order code shown to organizers).
    pub access_code: String,
    /// Where it stands.
    pub status: OrderStatusView,
    /// Lines in the order they were requested.
    pub lines: Vec<OrderLineView>,
    /// Total, once priced.
    pub total: Option<Money>,
    /// Currency, once priced.
    pub currency: Option<Currency>,
    /// Reservation expiry.
    pub expires_at: DateTime<Utc>,
    /// Who is buying.
    pub registrant: Option<PersonalInfo>,
    /// When it was placed.
    pub created_at: DateTime<Utc>,
    /// When it was paid.
    pub confirmed_at: Option<DateTime<Utc>>,
    /// Payment attempts.
    pub payments: Vec<PaymentId>,
    /// Purchased seats (empty until confirmed).
    pub positions: Vec<PositionView>,
    /// The discount line of its totals: the code and what it took off
    /// (issue 18.7); `total` is after it.
    pub discount: Option<DiscountLineView>,
    /// The completed payment: what was paid and how (issue 18.4).
    pub paid: Option<PaidView>,
    /// Refunds of the payment, oldest first.
    pub refunds: Vec<RefundView>,
    /// Why and when it was cancelled, if it was.
    pub cancelled: Option<CancelledView>,
    /// Its index in [`OrderBook`]'s `changed_at`.
    slot: usize,
}

/// An order's discount line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiscountLineView {
    /// The code, in capitals.
    pub code: String,
    /// What it took off the lines' sum.
    pub amount: Money,
}

/// An order's completed payment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PaidView {
    /// What was paid.
    pub amount: Money,
    /// How (`Unknown` for a payment recorded before confdesk asked).
    pub method: PaymentMethod,
    /// When.
    pub at: DateTime<Utc>,
}

/// One refund of an order's payment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RefundView {
    /// What went back.
    pub amount: Money,
    /// How it was paid out.
    pub method: PaymentMethod,
    /// When it was recorded.
    pub at: DateTime<Utc>,
}

/// An order's cancellation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CancelledView {
    /// Who dropped it: the desk (unpaid) or the organizer.
    pub reason: CancelReason,
    /// When.
    pub at: DateTime<Utc>,
}

impl OrderView {
    /// Refunded so far (None when nothing was), in the payment's currency.
    pub fn refunded(&self) -> Option<Money> {
        let first = self.refunds.first()?;
        let minor = self.refunds.iter().map(|r| r.amount.minor).sum();
        Some(Money::new(minor, first.amount.currency))
    }

    /// What is left to refund: paid minus refunded (None if never paid).
    pub fn refundable(&self) -> Option<Money> {
        let paid = self.paid?.amount;
        let refunded = self.refunded().map_or(0, |r| r.minor);
        Some(Money::new(
            paid.minor.saturating_sub(refunded),
            paid.currency,
        ))
    }

    /// The status as of `now`: an unpaid reservation past its expiry is
    /// `Expired` even before the expiry has been written (a read-only view
    /// of the log cannot write it).
    pub fn status_at(&self, now: DateTime<Utc>) -> OrderStatusView {
        if self.status.is_open() && self.expires_at <= now {
            OrderStatusView::Expired
        } else {
            self.status
        }
    }
}

/// Every order.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct OrderBook {
    orders: HashMap<OrderId, OrderView>,
    /// Each conference's orders, in placement order, with their slots.
    by_conference: HashMap<ConferenceId, Vec<(OrderId, usize)>>,
    /// By slot (placement order over every conference): the log position
    /// of the last event that changed the order. One flat vector, so that
    /// finding a conference's changed orders reads no order at all.
    changed_at: Vec<u64>,
    /// What each payment attempt takes (from `PaymentInitiated`), until
    /// it is completed or rejected: the completed one becomes `paid`.
    attempts: HashMap<PaymentId, Money>,
}

impl OrderBook {
    /// Folds one event.
    pub fn apply(&mut self, event: &Event, meta: EventMeta) {
        match event {
            Event::OrderPlaced(e) => {
                let slot = self.changed_at.len();
                self.changed_at.push(meta.position);
                self.by_conference
                    .entry(e.conference_id)
                    .or_default()
                    .push((e.order_id, slot));
                self.orders.insert(
                    e.order_id,
                    OrderView {
                        id: e.order_id,
                        conference_id: e.conference_id,
                        access_code: e.access_code.clone(),
                        status: OrderStatusView::PendingReservation,
                        lines: e
                            .seats
                            .iter()
                            .map(|s| line(s.seat_type, s.quantity))
                            .collect(),
                        total: None,
                        currency: None,
                        expires_at: e.reservation_auto_expiration,
                        registrant: None,
                        created_at: meta.recorded_at,
                        confirmed_at: None,
                        payments: Vec::new(),
                        positions: Vec::new(),
                        discount: None,
                        paid: None,
                        refunds: Vec::new(),
                        cancelled: None,
                        slot,
                    },
                );
            }
            Event::OrderUpdated(e) => self.with(e.order_id, meta, |o| {
                o.status = OrderStatusView::PendingReservation;
                o.lines = e
                    .seats
                    .iter()
                    .map(|s| line(s.seat_type, s.quantity))
                    .collect();
                o.expires_at = e.reservation_auto_expiration;
                o.total = None;
            }),
            Event::OrderPartiallyReserved(e) => self.with(e.order_id, meta, |o| {
                o.status = OrderStatusView::PartiallyReserved;
                o.expires_at = e.reservation_expiration;
                set_reserved(o, &e.seats);
            }),
            Event::OrderReservationCompleted(e) => self.with(e.order_id, meta, |o| {
                o.status = OrderStatusView::ReservationCompleted;
                o.expires_at = e.reservation_expiration;
                set_reserved(o, &e.seats);
            }),
            Event::OrderTotalsCalculated(e) => self.with(e.order_id, meta, |o| {
                for l in &e.lines {
                    if let Some(v) = o.lines.iter_mut().find(|v| v.seat_type == l.seat_type) {
                        v.unit_price = Some(Money::new(l.unit_price, e.currency));
                        v.line_total = Some(Money::new(l.line_total, e.currency));
                    }
                }
                o.total = Some(Money::new(e.total, e.currency));
                o.currency = Some(e.currency);
                o.discount = e.discount.as_ref().map(|d| DiscountLineView {
                    code: d.code.clone(),
                    amount: Money::new(d.amount, e.currency),
                });
            }),
            Event::OrderRegistrantAssigned(e) => self.with(e.order_id, meta, |o| {
                o.registrant = Some(e.registrant.clone())
            }),
            Event::OrderConfirmed(e) => self.with(e.order_id, meta, |o| {
                o.status = OrderStatusView::Confirmed;
                o.confirmed_at = Some(meta.recorded_at);
            }),
            Event::OrderExpired(e) => self.with(e.order_id, meta, |o| {
                o.status = if o.status == OrderStatusView::PendingReservation {
                    OrderStatusView::Rejected
                } else {
                    OrderStatusView::Expired
                };
            }),
            Event::OrderCancelled(e) => self.with(e.order_id, meta, |o| {
                o.status = OrderStatusView::Cancelled;
                o.cancelled = Some(CancelledView {
                    reason: e.reason,
                    at: meta.recorded_at,
                });
            }),
            Event::PaymentInitiated(e) => {
                self.attempts.insert(e.payment_id, e.amount);
                self.with(e.order_id, meta, |o| o.payments.push(e.payment_id))
            }
            Event::PaymentCompleted(e) => {
                if let Some(amount) = self.attempts.remove(&e.payment_id) {
                    self.with(e.order_id, meta, |o| {
                        o.paid = Some(PaidView {
                            amount,
                            method: e.method,
                            at: meta.recorded_at,
                        });
                    });
                }
            }
            Event::PaymentRejected(e) => {
                self.attempts.remove(&e.payment_id);
            }
            Event::PaymentRefunded(e) => self.with(e.order_id, meta, |o| {
                o.refunds.push(RefundView {
                    amount: e.amount,
                    method: e.method,
                    at: meta.recorded_at,
                });
            }),
            Event::SeatAssignmentsCreated(e) => self.with(e.order_id, meta, |o| {
                o.positions = (0_u32..)
                    .zip(&e.seats)
                    .map(|(position, seat_type)| PositionView {
                        position,
                        seat_type: *seat_type,
                        attendee: None,
                        ticket: None,
                        checked_in_at: None,
                        check_ins: Vec::new(),
                    })
                    .collect();
            }),
            Event::SeatAssigned(e) => {
                self.set_attendee(e.order_id, meta, e.position, Some(e.attendee.clone()))
            }
            Event::SeatAssignmentUpdated(e) => {
                self.set_attendee(e.order_id, meta, e.position, Some(e.attendee.clone()))
            }
            Event::SeatUnassigned(e) => self.set_attendee(e.order_id, meta, e.position, None),
            Event::AttendeeCheckedIn(e) => {
                self.set_checked_in(e.order_id, meta, e.position, Some(e.checked_in_at));
            }
            Event::AttendeeCheckInUndone(e) => {
                self.set_checked_in(e.order_id, meta, e.position, None)
            }
            Event::AttendeeCheckedInOffline(e) => self.with(e.order_id, meta, |o| {
                if let Some(p) = o.positions.iter_mut().find(|p| p.position == e.position) {
                    p.record_offline(e.checked_in_at, &e.door);
                }
            }),
            Event::TicketsIssued(e) => self.with(e.order_id, meta, |o| {
                for t in &e.tickets {
                    if let Some(p) = o.positions.iter_mut().find(|p| p.position == t.position) {
                        p.ticket = Some(t.code.clone());
                    }
                }
            }),
            _ => {}
        }
    }

    fn with(&mut self, id: OrderId, meta: EventMeta, f: impl FnOnce(&mut OrderView)) {
        if let Some(o) = self.orders.get_mut(&id) {
            f(o);
            if let Some(at) = self.changed_at.get_mut(o.slot) {
                *at = meta.position;
            }
        }
    }

    fn set_attendee(
        &mut self,
        id: OrderId,
        meta: EventMeta,
        position: u32,
        attendee: Option<PersonalInfo>,
    ) {
        self.with(id, meta, |o| {
            if let Some(p) = o.positions.iter_mut().find(|p| p.position == position) {
                p.attendee = attendee;
            }
        });
    }

    fn set_checked_in(
        &mut self,
        id: OrderId,
        meta: EventMeta,
        position: u32,
        at: Option<DateTime<Utc>>,
    ) {
        self.with(id, meta, |o| {
            if let Some(p) = o.positions.iter_mut().find(|p| p.position == position) {
                p.checked_in_at = at;
                // An undo takes back every check-in of the seat.
                p.check_ins.clear();
            }
        });
    }

    /// One order.
    pub fn get(&self, id: OrderId) -> Option<&OrderView> {
        self.orders.get(&id)
    }

    /// A conference's orders, oldest first.
    pub fn for_conference(&self, id: ConferenceId) -> Vec<&OrderView> {
        self.by_conference
            .get(&id)
            .map(|ids| ids.iter().filter_map(|(o, _)| self.orders.get(o)).collect())
            .unwrap_or_default()
    }

    /// The conference's orders changed by an event after log position
    /// `since` (orders placed since included), each with its index in
    /// [`OrderBook::for_conference`], in that order.
    pub fn changed_since(&self, conference: ConferenceId, since: u64) -> Vec<(usize, &OrderView)> {
        let Some(ids) = self.by_conference.get(&conference) else {
            return Vec::new();
        };
        ids.iter()
            .enumerate()
            .filter(|(_, (_, slot))| self.changed_at.get(*slot).is_some_and(|&at| at > since))
            .filter_map(|(seq, (id, _))| self.orders.get(id).map(|o| (seq, o)))
            .collect()
    }

    /// Number of orders.
    pub fn len(&self) -> usize {
        self.orders.len()
    }

    /// Whether there are no orders.
    pub fn is_empty(&self) -> bool {
        self.orders.is_empty()
    }
}

fn line(seat_type: SeatTypeId, requested: u32) -> OrderLineView {
    OrderLineView {
        seat_type,
        requested,
        reserved: 0,
        unit_price: None,
        line_total: None,
    }
}

fn set_reserved(o: &mut OrderView, seats: &[crate::domain::events::SeatQuantity]) {
    for l in &mut o.lines {
        l.reserved = seats
            .iter()
            .filter(|s| s.seat_type == l.seat_type)
            .map(|s| s.quantity)
            .sum();
    }
}
