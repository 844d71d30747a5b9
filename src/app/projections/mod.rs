//! Read models: nouns the screens and the CLI query, built by replaying the
//! log and advanced after every commit from the committed events.

mod attendees;
mod check_ins;
mod conferences;
mod dashboard;
mod discounts;
mod orders;
mod purchased_seat;
/// The one search key lives in the domain (the slug suggestion uses it too).
pub use crate::domain::search_key;

pub use attendees::{AttendeeDirectory, AttendeeMatches, SeatOrder, SeatQuery, SeatSort};
pub use check_ins::{CheckInBoard, CheckInCount};
pub use conferences::{ConferenceDirectory, ConferenceView, SeatTypeView};
pub use dashboard::{
    CHECK_IN_BUCKET_SECS, ConferenceDashboard, Dashboard, DaySales, Figures, SeatTypeFigures,
    bucket_start,
};
pub use discounts::{DiscountBook, DiscountCodeView};
pub use orders::{
    CancelledView, CheckInRecord, DiscountLineView, OrderBook, OrderLineView, OrderStatusView,
    OrderView, PaidView, PositionView, RefundView,
};
pub use purchased_seat::{PurchasedSeat, SeatRef};

use crate::domain::Event;
use chrono::{DateTime, Utc};

/// Where and when a committed event sits in the log.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EventMeta {
    /// Global position.
    pub position: u64,
    /// When it was recorded.
    pub recorded_at: DateTime<Utc>,
}

/// Every read model. Equality compares everything each model keeps (the
/// "As of…" test compares a past view with a replay of the cut log).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct ReadModels {
    /// Conferences with seat types and counts.
    pub conferences: ConferenceDirectory,
    /// Orders with lines, registrant and seat positions.
    pub orders: OrderBook,
    /// Purchased seats with their search text (the Attendees tab's filter).
    pub attendees: AttendeeDirectory,
    /// Seats checked in out of seats confirmed, per seat type (the door's counter).
    pub check_ins: CheckInBoard,
    /// Per-conference figures for the Dashboard tab.
    pub dashboard: Dashboard,
    /// Discount codes per conference, with their uses (issue 18.7).
    pub discounts: DiscountBook,
}

impl ReadModels {
    /// Empty models; the Dashboard counts days in `zone`.
    pub fn new(zone: crate::app::DayZone) -> Self {
        Self {
            dashboard: Dashboard::new(zone),
            ..Self::default()
        }
    }

    /// Folds one committed event into every read model.
    pub fn apply(&mut self, event: &Event, meta: EventMeta) {
        // Before the order book forgets an undone check-in's time.
        self.check_ins_to_dashboard(event);
        // Before the order book marks a cancelled order as such.
        self.money_to_counts(event);
        self.conferences.apply(event, meta);
        self.orders.apply(event, meta);
        self.attendees.apply(event);
        self.check_ins.apply(event);
        self.dashboard.apply(event, meta);
        self.discounts.apply(event);
    }

    /// Cancels and refunds reach the door's counts and the dashboard
    /// through the order book, which knows each order's conference, whether
    /// it was paid and which of its seats were checked in.
    fn money_to_counts(&mut self, event: &Event) {
        match event {
            Event::OrderCancelled(e) => {
                let Some(order) = self.orders.get(e.order_id) else {
                    return;
                };
                if order.status != OrderStatusView::Confirmed {
                    return;
                }
                let seats: Vec<_> = order
                    .positions
                    .iter()
                    .map(|p| (p.seat_type, p.checked_in_at.is_some()))
                    .collect();
                let conference = order.conference_id;
                self.check_ins.release_order(e.order_id, &seats);
                self.dashboard.record_paid_order_cancelled(conference);
            }
            Event::PaymentRefunded(e) => {
                if let Some(order) = self.orders.get(e.order_id) {
                    let conference = order.conference_id;
                    self.dashboard.record_refund(conference, e.amount.minor);
                }
            }
            _ => {}
        }
    }

    /// Check-ins reach the dashboard through the order book, which knows
    /// each order's conference and when an undone check-in had been made.
    fn check_ins_to_dashboard(&mut self, event: &Event) {
        match event {
            Event::AttendeeCheckedIn(e) => {
                if let Some(order) = self.orders.get(e.order_id) {
                    let conference = order.conference_id;
                    self.dashboard.record_check_in(conference, e.checked_in_at);
                }
            }
            Event::AttendeeCheckedInOffline(e) if !e.duplicate => {
                if let Some(order) = self.orders.get(e.order_id) {
                    let conference = order.conference_id;
                    self.dashboard.record_check_in(conference, e.checked_in_at);
                }
            }
            Event::AttendeeCheckInUndone(e) => {
                let undone = self.orders.get(e.order_id).and_then(|order| {
                    let position = order.positions.get(e.position as usize)?;
                    Some((order.conference_id, position.checked_in_at?))
                });
                if let Some((conference, at)) = undone {
                    self.dashboard.record_check_in_undone(conference, at);
                }
            }
            _ => {}
        }
    }
}
