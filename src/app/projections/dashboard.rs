//! Dashboard: each conference's figures at a glance — seats sold, reserved
//! and left per seat type, confirmed orders and revenue per day, check-ins
//! per 15 minutes, and the headline numbers (revenue to date, confirmed
//! orders, seats left, no-shows so far).
//!
//! Every figure is advanced by each event as it is applied (at start-up's
//! replay and after each commit), so drawing the Dashboard tab only reads
//! them. Days are the desk's [`DayZone`] days (the window: the machine's
//! time zone; the CLI and tests: UTC). Check-ins are counted in 15-minute
//! UTC buckets, which are also quarter hours of every real time zone
//! (offsets are whole quarter hours), so only their labels change with it.

use crate::app::DayZone;
use crate::app::projections::EventMeta;
use crate::domain::events::SeatQuantity;
use crate::domain::{ConferenceId, Currency, Event, OrderId, SeatTypeId};
use chrono::{DateTime, Duration, NaiveDate, Timelike as _, Utc};
use std::collections::{BTreeMap, HashMap};

/// The width of a check-in bucket, in seconds (15 minutes).
pub const CHECK_IN_BUCKET_SECS: i64 = 15 * 60;

/// Longest run of days [`ConferenceDashboard::sales_per_day`] fills with
/// zero days; a longer sales period lists only its days with sales (a
/// runaway clock must not make the window draw millions of bars).
pub const MAX_FILLED_DAYS: i64 = 400;

/// Longest run of quarter hours [`ConferenceDashboard::check_ins_per_bucket`]
/// fills with empty ones: two weeks; a longer span lists only its buckets
/// with check-ins.
pub const MAX_FILLED_BUCKETS: i64 = 14 * 96;

/// One seat type's counts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeatTypeFigures {
    /// Its id.
    pub id: SeatTypeId,
    /// Its current name.
    pub name: String,
    /// Seats of committed (paid) reservations.
    pub sold: i64,
    /// Seats held by pending (unpaid) reservations.
    pub reserved: i64,
    /// Seats still free.
    pub left: i64,
}

/// Orders confirmed on one day.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DaySales {
    /// Orders confirmed that day.
    pub orders: u64,
    /// Their totals, in minor units of the conference's currency.
    pub revenue_minor: i64,
}

/// The headline numbers shown beside the charts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Figures {
    /// Sum of the confirmed orders' totals, in minor units.
    pub revenue_minor: i64,
    /// The conference's currency.
    pub currency: Currency,
    /// Orders confirmed so far.
    pub confirmed_orders: u64,
    /// Seats sold, over every seat type.
    pub seats_sold: i64,
    /// Seats still free, over every seat type.
    pub seats_left: i64,
    /// Seats checked in (check-ins minus undone ones).
    pub checked_in: u64,
    /// See [`ConferenceDashboard::no_shows`].
    pub no_shows: Option<u64>,
}

/// One conference's dashboard.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConferenceDashboard {
    /// Currency of every amount.
    pub currency: Currency,
    /// The conference's first day.
    pub starts: NaiveDate,
    /// The calendar of `days` and of `starts`.
    pub zone: DayZone,
    /// Seat types in creation order.
    pub seat_types: Vec<SeatTypeFigures>,
    /// Confirmed orders by the day of their confirmation in `zone` (the day
    /// `OrderConfirmed` was recorded); days without any are absent.
    pub days: BTreeMap<NaiveDate, DaySales>,
    /// Check-ins by the start of their 15-minute UTC bucket; empty buckets
    /// are absent.
    pub check_ins: BTreeMap<DateTime<Utc>, u64>,
    held: HashMap<OrderId, Vec<SeatQuantity>>,
    revenue_minor: i64,
    confirmed_orders: u64,
    checked_in: u64,
}

impl ConferenceDashboard {
    fn new(currency: Currency, starts: NaiveDate, zone: DayZone) -> Self {
        Self {
            currency,
            starts,
            zone,
            seat_types: Vec::new(),
            days: BTreeMap::new(),
            check_ins: BTreeMap::new(),
            held: HashMap::new(),
            revenue_minor: 0,
            confirmed_orders: 0,
            checked_in: 0,
        }
    }

    /// When the conference starts: midnight of its first day in `zone`.
    pub fn starts_at(&self) -> DateTime<Utc> {
        self.zone.start_of(self.starts)
    }

    /// No-shows so far: the seats sold (of every seat type) that are not
    /// checked in, once the conference has started (`now` ≥ midnight of
    /// its first day in `zone`); `None` before. A seat checked in and then undone
    /// counts as not checked in. Never below zero.
    pub fn no_shows(&self, now: DateTime<Utc>) -> Option<u64> {
        if now < self.starts_at() {
            return None;
        }
        let sold = u64::try_from(self.seats_sold()).unwrap_or(0);
        Some(sold.saturating_sub(self.checked_in))
    }

    /// Seats sold, over every seat type.
    pub fn seats_sold(&self) -> i64 {
        self.seat_types.iter().map(|s| s.sold).sum()
    }

    /// Seats still free, over every seat type.
    pub fn seats_left(&self) -> i64 {
        self.seat_types.iter().map(|s| s.left).sum()
    }

    /// Every headline number, no-shows as of `now`.
    pub fn figures(&self, now: DateTime<Utc>) -> Figures {
        Figures {
            revenue_minor: self.revenue_minor,
            currency: self.currency,
            confirmed_orders: self.confirmed_orders,
            seats_sold: self.seats_sold(),
            seats_left: self.seats_left(),
            checked_in: self.checked_in,
            no_shows: self.no_shows(now),
        }
    }

    /// Orders and revenue per day, for the per-day charts: every day from
    /// the first with a confirmed order to the last, days without any at
    /// zero, so one day is one bar and a quiet day a visible gap. Empty
    /// when nothing is confirmed. A span longer than [`MAX_FILLED_DAYS`]
    /// lists only the days with sales.
    pub fn sales_per_day(&self) -> Vec<(NaiveDate, DaySales)> {
        let (Some(first), Some(last)) = (self.days.keys().next(), self.days.keys().next_back())
        else {
            return Vec::new();
        };
        if (*last - *first).num_days() > MAX_FILLED_DAYS {
            return self.days.iter().map(|(d, s)| (*d, *s)).collect();
        }
        first
            .iter_days()
            .take_while(|day| day <= last)
            .map(|day| (day, self.days.get(&day).copied().unwrap_or_default()))
            .collect()
    }

    /// The stretch of time the check-in chart shows: from the start of the
    /// hour (on `zone`'s clock) of the first check-in to the end of the hour
    /// of the last, so the axis reads whole hours. `None` without check-ins.
    pub fn check_in_span(&self) -> Option<(DateTime<Utc>, DateTime<Utc>)> {
        let first = *self.check_ins.keys().next()?;
        let last = *self.check_ins.keys().next_back()?;
        let start = self.hour_start(first);
        let end = self.hour_start(last + Duration::seconds(CHECK_IN_BUCKET_SECS - 1))
            + Duration::hours(1);
        Some((start, end))
    }

    /// Check-ins per 15-minute bucket over [`Self::check_in_span`], empty
    /// buckets at zero: the bars of the check-in chart, in time order. A
    /// span of more than [`MAX_FILLED_BUCKETS`] lists only buckets with
    /// check-ins.
    pub fn check_ins_per_bucket(&self) -> Vec<(DateTime<Utc>, u64)> {
        let Some((start, end)) = self.check_in_span() else {
            return Vec::new();
        };
        let buckets = (end - start).num_seconds() / CHECK_IN_BUCKET_SECS;
        if buckets > MAX_FILLED_BUCKETS {
            return self.check_ins.iter().map(|(t, n)| (*t, *n)).collect();
        }
        (0..buckets)
            .map(|i| start + Duration::seconds(i * CHECK_IN_BUCKET_SECS))
            .map(|t| (t, self.check_ins.get(&t).copied().unwrap_or(0)))
            .collect()
    }

    /// The quarter-hour bucket at or before `bucket` that starts a whole
    /// hour on `zone`'s clock (offsets are whole quarter hours, so one of
    /// the four is).
    fn hour_start(&self, bucket: DateTime<Utc>) -> DateTime<Utc> {
        let bucket = bucket_start(bucket);
        (0..4)
            .map(|i| bucket - Duration::seconds(i * CHECK_IN_BUCKET_SECS))
            .find(|t| self.zone.wall_clock(*t).minute() == 0)
            .unwrap_or(bucket)
    }

    fn seat(&mut self, id: SeatTypeId) -> &mut SeatTypeFigures {
        let at = match self.seat_types.iter().position(|s| s.id == id) {
            Some(at) => at,
            None => {
                self.seat_types.push(SeatTypeFigures {
                    id,
                    name: String::new(),
                    sold: 0,
                    reserved: 0,
                    left: 0,
                });
                self.seat_types.len() - 1
            }
        };
        // `at` is in range: found above or just pushed.
        &mut self.seat_types[at]
    }

    fn release(&mut self, reservation: OrderId) -> Vec<SeatQuantity> {
        let held = self.held.remove(&reservation).unwrap_or_default();
        for s in &held {
            self.seat(s.seat_type).reserved -= i64::from(s.quantity);
        }
        held
    }
}

/// What the dashboard remembers of an order until it is confirmed or expires.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct OpenOrder {
    conference: ConferenceId,
    total_minor: i64,
}

/// Every conference's dashboard.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Dashboard {
    zone: DayZone,
    conferences: HashMap<ConferenceId, ConferenceDashboard>,
    open_orders: HashMap<OrderId, OpenOrder>,
}

impl Dashboard {
    /// An empty dashboard counting days in `zone`.
    pub fn new(zone: DayZone) -> Self {
        Self {
            zone,
            ..Self::default()
        }
    }

    /// Folds one event.
    pub fn apply(&mut self, event: &Event, meta: EventMeta) {
        match event {
            Event::ConferenceCreated(e) => {
                let d = ConferenceDashboard::new(e.info.currency, e.info.start, self.zone);
                self.conferences.insert(e.conference_id, d);
            }
            Event::ConferenceUpdated(e) => self.with(e.conference_id, |d| {
                d.currency = e.info.currency;
                d.starts = e.info.start;
            }),
            Event::SeatCreated(e) => self.with(e.conference_id, |d| {
                d.seat(e.seat_type).name.clone_from(&e.info.name);
            }),
            Event::SeatUpdated(e) => self.with(e.conference_id, |d| {
                d.seat(e.seat_type).name.clone_from(&e.info.name);
            }),
            Event::SeatDeleted(e) => self.with(e.conference_id, |d| {
                d.seat_types.retain(|s| s.id != e.seat_type);
            }),
            Event::AvailableSeatsChanged(e) => self.with(e.conference_id, |d| {
                for s in &e.seats {
                    d.seat(s.seat_type).left += s.delta;
                }
            }),
            Event::SeatsReserved(e) => self.with(e.conference_id, |d| {
                d.release(e.reservation_id);
                let held: Vec<SeatQuantity> = e
                    .details
                    .iter()
                    .copied()
                    .filter(|s| s.quantity > 0)
                    .collect();
                for s in &held {
                    d.seat(s.seat_type).reserved += i64::from(s.quantity);
                }
                if !held.is_empty() {
                    d.held.insert(e.reservation_id, held);
                }
            }),
            Event::SeatsReservationCommitted(e) => self.with(e.conference_id, |d| {
                for s in d.release(e.reservation_id) {
                    d.seat(s.seat_type).sold += i64::from(s.quantity);
                }
            }),
            Event::SeatsReservationCancelled(e) => self.with(e.conference_id, |d| {
                d.release(e.reservation_id);
            }),
            Event::SoldSeatsReleased(e) => self.with(e.conference_id, |d| {
                for s in &e.details {
                    d.seat(s.seat_type).sold -= i64::from(s.quantity);
                }
            }),
            Event::OrderPlaced(e) => {
                let open = OpenOrder {
                    conference: e.conference_id,
                    total_minor: 0,
                };
                self.open_orders.insert(e.order_id, open);
            }
            Event::OrderTotalsCalculated(e) => {
                if let Some(o) = self.open_orders.get_mut(&e.order_id) {
                    o.total_minor = e.total;
                }
            }
            Event::OrderConfirmed(e) => {
                if let Some(o) = self.open_orders.remove(&e.order_id) {
                    self.with(o.conference, |d| {
                        let day = d.zone.day_of(meta.recorded_at);
                        let day = d.days.entry(day).or_default();
                        day.orders += 1;
                        day.revenue_minor = day.revenue_minor.saturating_add(o.total_minor);
                        d.confirmed_orders += 1;
                        d.revenue_minor = d.revenue_minor.saturating_add(o.total_minor);
                    });
                }
            }
            Event::OrderExpired(e) => {
                self.open_orders.remove(&e.order_id);
            }
            Event::OrderCancelled(e) => {
                self.open_orders.remove(&e.order_id);
            }
            _ => {}
        }
    }

    /// Counts one check-in at `at` in its 15-minute bucket.
    ///
    /// Fed by [`super::ReadModels::apply`], which finds the order's
    /// conference in the [`super::OrderBook`] (`AttendeeCheckedIn` → this
    /// with the event's `checked_in_at`; `AttendeeCheckInUndone` →
    /// [`Dashboard::record_check_in_undone`] with the undone check-in's time).
    pub fn record_check_in(&mut self, conference: ConferenceId, at: DateTime<Utc>) {
        self.with(conference, |d| {
            *d.check_ins.entry(bucket_start(at)).or_default() += 1;
            d.checked_in += 1;
        });
    }

    /// Takes back one check-in. `checked_in_at` is when the check-in being
    /// undone happened (not when it was undone), so that it leaves the
    /// bucket it was counted in. Counts never go below zero.
    pub fn record_check_in_undone(
        &mut self,
        conference: ConferenceId,
        checked_in_at: DateTime<Utc>,
    ) {
        self.with(conference, |d| {
            let bucket = bucket_start(checked_in_at);
            if let Some(n) = d.check_ins.get_mut(&bucket) {
                *n = n.saturating_sub(1);
                if *n == 0 {
                    d.check_ins.remove(&bucket);
                }
            }
            d.checked_in = d.checked_in.saturating_sub(1);
        });
    }

    /// A paid order was cancelled (issue 18.3): it no longer counts as a
    /// confirmed order. Its money stays in the revenue until refunded.
    pub fn record_paid_order_cancelled(&mut self, conference: ConferenceId) {
        self.with(conference, |d| {
            d.confirmed_orders = d.confirmed_orders.saturating_sub(1);
        });
    }

    /// A refund leaves the revenue (the sales of its order's day stay as
    /// they were sold: the chart shows sales, the figure what is kept).
    pub fn record_refund(&mut self, conference: ConferenceId, amount_minor: i64) {
        self.with(conference, |d| {
            d.revenue_minor = d.revenue_minor.saturating_sub(amount_minor);
        });
    }

    /// One conference's dashboard.
    pub fn get(&self, conference: ConferenceId) -> Option<&ConferenceDashboard> {
        self.conferences.get(&conference)
    }

    fn with(&mut self, id: ConferenceId, f: impl FnOnce(&mut ConferenceDashboard)) {
        if let Some(d) = self.conferences.get_mut(&id) {
            f(d);
        }
    }
}

/// The start of the 15-minute UTC bucket holding `at`.
pub fn bucket_start(at: DateTime<Utc>) -> DateTime<Utc> {
    let secs = at.timestamp().div_euclid(CHECK_IN_BUCKET_SECS) * CHECK_IN_BUCKET_SECS;
    DateTime::from_timestamp(secs, 0).unwrap_or(at)
}

#[cfg(test)]
#[path = "dashboard_tests.rs"]
mod tests;
