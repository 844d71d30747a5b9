//! Projection tests of the dashboard: feed events, compare the read model.
//! Compiled only under `#[cfg(test)]` (see the `mod tests` line in
//! dashboard.rs), so unwraps here are test assertions.

use super::*;
use crate::domain::Money;
use crate::domain::events::{
    AvailableSeatsChanged, ConferenceCreated, ConferenceInfo, OrderConfirmed, OrderExpired,
    OrderPlaced, OrderTotalsCalculated, SeatCreated, SeatDelta, SeatInfo,
    SeatsReservationCancelled, SeatsReservationCommitted, SeatsReserved,
};
use uuid::Uuid;

fn at(s: &str) -> DateTime<Utc> {
    s.parse().unwrap()
}

struct Feed {
    dash: Dashboard,
    position: u64,
    conference: ConferenceId,
    general: SeatTypeId,
    workshop: SeatTypeId,
}

impl Feed {
    fn new() -> Self {
        Self::in_zone(DayZone::Utc)
    }

    fn in_zone(zone: DayZone) -> Self {
        let mut f = Feed {
            dash: Dashboard::new(zone),
            position: 0,
            conference: ConferenceId(Uuid::now_v7()),
            general: SeatTypeId(Uuid::now_v7()),
            workshop: SeatTypeId(Uuid::now_v7()),
        };
        let info = ConferenceInfo {
            name: "CQRS Summit".into(),
            description: String::new(),
            slug: "cqrs".into(),
            start: "2026-12-01".parse().unwrap(),
            end: "2026-12-02".parse().unwrap(),
            owner_name: "Ana".into(),
            owner_email: "ana@example.com".into(),
            currency: Currency::USD,
        };
        let c = f.conference;
        let t = "2026-11-20T10:00:00Z";
        f.feed(
            t,
            ConferenceCreated {
                conference_id: c,
                info,
                access_code: "ABCDE".into(),
            },
        );
        for (id, name, quota, price) in [
            (f.general, "General", 10, 19_900),
            (f.workshop, "Workshop", 4, 50_000),
        ] {
            let info = SeatInfo {
                name: name.into(),
                description: String::new(),
                quota,
                price: Money::new(price, Currency::USD),
            };
            f.feed(
                t,
                SeatCreated {
                    conference_id: c,
                    seat_type: id,
                    info,
                },
            );
            let seats = vec![SeatDelta {
                seat_type: id,
                delta: i64::from(quota),
            }];
            f.feed(
                t,
                AvailableSeatsChanged {
                    conference_id: c,
                    seats,
                },
            );
        }
        f
    }

    fn feed(&mut self, when: &str, event: impl Into<Event>) {
        self.position += 1;
        let meta = EventMeta {
            position: self.position,
            recorded_at: at(when),
        };
        self.dash.apply(&event.into(), meta);
    }

    /// Places, reserves and prices an order; pays it when `confirm`.
    fn order(
        &mut self,
        when: &str,
        seats: &[(SeatTypeId, u32)],
        total: i64,
        confirm: bool,
    ) -> OrderId {
        let (c, order_id) = (self.conference, OrderId(Uuid::now_v7()));
        let seats: Vec<SeatQuantity> = seats
            .iter()
            .map(|(seat_type, quantity)| SeatQuantity {
                seat_type: *seat_type,
                quantity: *quantity,
            })
            .collect();
        self.feed(
            when,
            OrderPlaced {
                order_id,
                conference_id: c,
                seats: seats.clone(),
                reservation_auto_expiration: at(when),
                access_code: "XYZ123".into(),
                by: crate::domain::staff_code::Actor::Registrant,
            },
        );
        let deltas = seats
            .iter()
            .map(|s| SeatDelta {
                seat_type: s.seat_type,
                delta: -i64::from(s.quantity),
            })
            .collect();
        self.feed(
            when,
            SeatsReserved {
                conference_id: c,
                reservation_id: order_id,
                details: seats,
            },
        );
        self.feed(
            when,
            AvailableSeatsChanged {
                conference_id: c,
                seats: deltas,
            },
        );
        self.feed(
            when,
            OrderTotalsCalculated {
                order_id,
                lines: vec![],
                total,
                currency: Currency::USD,
                discount: None,
            },
        );
        if confirm {
            self.feed(
                when,
                SeatsReservationCommitted {
                    conference_id: c,
                    reservation_id: order_id,
                },
            );
            self.feed(when, OrderConfirmed { order_id });
        }
        order_id
    }

    fn get(&self) -> &ConferenceDashboard {
        self.dash.get(self.conference).unwrap()
    }

    fn counts(&self) -> Vec<(&str, i64, i64, i64)> {
        self.get()
            .seat_types
            .iter()
            .map(|s| (s.name.as_str(), s.sold, s.reserved, s.left))
            .collect()
    }
}

#[test]
fn seats_sold_reserved_and_left_follow_reservations() {
    let mut f = Feed::new();
    let (g, w) = (f.general, f.workshop);
    f.order("2026-11-21T09:00:00Z", &[(g, 2), (w, 1)], 89_800, true);
    let pending = f.order("2026-11-21T10:00:00Z", &[(g, 3)], 59_700, false);
    assert_eq!(f.counts(), [("General", 2, 3, 5), ("Workshop", 1, 0, 3)]);

    // Re-reserving adjusts by the difference: 3 → 1 held.
    let c = f.conference;
    let details = vec![SeatQuantity {
        seat_type: g,
        quantity: 1,
    }];
    f.feed(
        "2026-11-21T10:05:00Z",
        SeatsReserved {
            conference_id: c,
            reservation_id: pending,
            details,
        },
    );
    let seats = vec![SeatDelta {
        seat_type: g,
        delta: 2,
    }];
    f.feed(
        "2026-11-21T10:05:00Z",
        AvailableSeatsChanged {
            conference_id: c,
            seats,
        },
    );
    assert_eq!(f.counts(), [("General", 2, 1, 7), ("Workshop", 1, 0, 3)]);

    // Expiry releases the seats and the order never counts as revenue.
    let details = vec![SeatQuantity {
        seat_type: g,
        quantity: 1,
    }];
    f.feed(
        "2026-11-21T10:20:00Z",
        SeatsReservationCancelled {
            conference_id: c,
            reservation_id: pending,
            details,
        },
    );
    let seats = vec![SeatDelta {
        seat_type: g,
        delta: 1,
    }];
    f.feed(
        "2026-11-21T10:20:00Z",
        AvailableSeatsChanged {
            conference_id: c,
            seats,
        },
    );
    f.feed("2026-11-21T10:20:00Z", OrderExpired { order_id: pending });
    f.feed("2026-11-21T10:21:00Z", OrderConfirmed { order_id: pending });
    assert_eq!(f.counts(), [("General", 2, 0, 8), ("Workshop", 1, 0, 3)]);
    let figures = f.get().figures(at("2026-11-21T12:00:00Z"));
    assert_eq!(
        figures,
        Figures {
            revenue_minor: 89_800,
            currency: Currency::USD,
            confirmed_orders: 1,
            seats_sold: 3,
            seats_left: 11,
            checked_in: 0,
            no_shows: None,
        }
    );
}

#[test]
fn orders_and_revenue_are_counted_on_the_utc_day_of_confirmation() {
    let mut f = Feed::new();
    let g = f.general;
    f.order("2026-11-21T23:59:59Z", &[(g, 1)], 19_900, true);
    f.order("2026-11-22T00:00:00Z", &[(g, 2)], 39_800, true);
    f.order("2026-11-22T18:30:00Z", &[(g, 1)], 19_900, true);
    f.order("2026-11-22T19:00:00Z", &[(g, 1)], 19_900, false);
    let days: Vec<(String, DaySales)> = f
        .get()
        .days
        .iter()
        .map(|(d, s)| (d.to_string(), *s))
        .collect();
    assert_eq!(
        days,
        [
            (
                "2026-11-21".to_string(),
                DaySales {
                    orders: 1,
                    revenue_minor: 19_900
                }
            ),
            (
                "2026-11-22".to_string(),
                DaySales {
                    orders: 2,
                    revenue_minor: 59_700
                }
            ),
        ]
    );
    let figures = f.get().figures(at("2026-11-23T00:00:00Z"));
    assert_eq!(
        (figures.revenue_minor, figures.confirmed_orders),
        (79_600, 3)
    );
}

#[test]
fn a_desk_east_of_utc_counts_days_and_the_first_day_on_its_own_calendar() {
    let seoul = DayZone::Fixed(chrono::FixedOffset::east_opt(9 * 3600).unwrap());
    let mut f = Feed::in_zone(seoul);
    let g = f.general;
    // 08:30 and 09:30 in Seoul on 22 November: one UTC day apart, one
    // Seoul day together.
    f.order("2026-11-21T23:30:00Z", &[(g, 1)], 19_900, true);
    f.order("2026-11-22T00:30:00Z", &[(g, 1)], 19_900, true);
    // 23:30 in Seoul on 22 November, already the 22nd in UTC too.
    f.order("2026-11-22T14:30:00Z", &[(g, 1)], 19_900, true);
    // 00:30 in Seoul on 23 November, still the 22nd in UTC.
    f.order("2026-11-22T15:30:00Z", &[(g, 1)], 19_900, true);
    let days: Vec<(String, u64)> = f
        .get()
        .days
        .iter()
        .map(|(d, s)| (d.to_string(), s.orders))
        .collect();
    assert_eq!(
        days,
        [("2026-11-22".to_string(), 3), ("2026-11-23".to_string(), 1)]
    );
    // The conference starts at midnight of 1 December in Seoul.
    assert_eq!(f.get().starts_at(), at("2026-11-30T15:00:00Z"));
    assert_eq!(f.get().no_shows(at("2026-11-30T14:59:59Z")), None);
    assert_eq!(f.get().no_shows(at("2026-11-30T15:00:00Z")), Some(4));
}

#[test]
fn check_ins_fall_in_15_minute_buckets_and_undo_leaves_the_original_bucket() {
    let mut f = Feed::new();
    let c = f.conference;
    for t in [
        "2026-12-01T08:00:00Z",
        "2026-12-01T08:14:59Z",
        "2026-12-01T08:15:00Z",
        "2026-12-01T08:40:00Z",
    ] {
        f.dash.record_check_in(c, at(t));
    }
    let buckets = |f: &Feed| -> Vec<(String, u64)> {
        f.get()
            .check_ins
            .iter()
            .map(|(b, n)| (b.format("%H:%M").to_string(), *n))
            .collect()
    };
    assert_eq!(
        buckets(&f),
        [
            ("08:00".into(), 2),
            ("08:15".into(), 1),
            ("08:30".into(), 1)
        ]
    );
    f.dash.record_check_in_undone(c, at("2026-12-01T08:20:00Z"));
    assert_eq!(buckets(&f), [("08:00".into(), 2), ("08:30".into(), 1)]);
    // Undoing what was never counted changes nothing but the total, which
    // stays at zero or above.
    f.dash.record_check_in_undone(c, at("2026-12-01T11:00:00Z"));
    assert_eq!(f.get().figures(at("2026-12-01T12:00:00Z")).checked_in, 2);
    // Unknown conferences are ignored.
    f.dash
        .record_check_in(ConferenceId(Uuid::now_v7()), at("2026-12-01T08:00:00Z"));
    assert_eq!(f.get().figures(at("2026-12-01T12:00:00Z")).checked_in, 2);
}

#[test]
fn no_shows_count_sold_seats_not_checked_in_from_the_first_day() {
    let mut f = Feed::new();
    let (g, w) = (f.general, f.workshop);
    f.order("2026-11-21T09:00:00Z", &[(g, 3), (w, 1)], 109_700, true);
    f.order("2026-11-21T09:30:00Z", &[(g, 2)], 39_800, false);
    let c = f.conference;
    assert_eq!(
        f.get().no_shows(at("2026-11-30T23:59:59Z")),
        None,
        "not started"
    );
    assert_eq!(f.get().no_shows(at("2026-12-01T00:00:00Z")), Some(4));
    f.dash.record_check_in(c, at("2026-12-01T08:00:00Z"));
    f.dash.record_check_in(c, at("2026-12-01T08:01:00Z"));
    assert_eq!(f.get().no_shows(at("2026-12-01T09:00:00Z")), Some(2));
    f.dash.record_check_in_undone(c, at("2026-12-01T08:01:00Z"));
    assert_eq!(f.get().no_shows(at("2026-12-01T09:00:00Z")), Some(3));
    for _ in 0..6 {
        f.dash.record_check_in(c, at("2026-12-01T09:00:00Z"));
    }
    assert_eq!(
        f.get().no_shows(at("2026-12-01T10:00:00Z")),
        Some(0),
        "never below zero"
    );
}

#[test]
fn bucket_start_floors_to_the_quarter_hour() {
    assert_eq!(
        bucket_start(at("2026-12-01T08:44:59Z")),
        at("2026-12-01T08:30:00Z")
    );
    assert_eq!(
        bucket_start(at("1969-12-31T23:59:00Z")),
        at("1969-12-31T23:45:00Z")
    );
}

#[test]
fn seat_counts_match_the_conference_directory_after_a_demo() {
    use crate::app::demo::DemoOptions;
    use crate::app::{Desk, ManualClock};
    let dir = tempfile::tempdir().unwrap();
    let clock = ManualClock::new(at("2026-06-01T09:00:00Z"));
    let path = dir.path().join("log.redb");
    let mut desk = Desk::open_for_test(&path, &clock);
    let options = DemoOptions {
        conferences: 2,
        orders: 80,
        seed: 3,
    };
    let summary = desk.fill_demo(options).unwrap();
    let read = desk.read_models();
    let mut confirmed = 0;
    for c in read.conferences.all() {
        let d = read.dashboard.get(c.id).unwrap();
        let from_directory: Vec<_> = c
            .seat_types
            .iter()
            .map(|s| (s.name.clone(), s.sold, s.reserved, s.left))
            .collect();
        let from_dashboard: Vec<_> = d
            .seat_types
            .iter()
            .map(|s| (s.name.clone(), s.sold, s.reserved, s.left))
            .collect();
        assert_eq!(from_dashboard, from_directory);
        let orders = read.orders.for_conference(c.id);
        let paid: Vec<_> = orders.iter().filter(|o| o.confirmed_at.is_some()).collect();
        let revenue: i64 = paid.iter().filter_map(|o| o.total).map(|t| t.minor).sum();
        let figures = d.figures(desk.now());
        assert_eq!(figures.revenue_minor, revenue);
        assert_eq!(figures.confirmed_orders, paid.len() as u64);
        confirmed += paid.len();
    }
    assert_eq!(confirmed, summary.confirmed as usize);
}

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn sales(orders: u64, revenue_minor: i64) -> DaySales {
    DaySales {
        orders,
        revenue_minor,
    }
}

#[test]
fn sales_per_day_are_one_bar_per_day_with_the_quiet_days_at_zero() {
    let mut f = Feed::new();
    let g = f.general;
    assert!(f.get().sales_per_day().is_empty(), "no orders: no bars");
    f.order("2026-11-21T09:00:00Z", &[(g, 1)], 19_900, true);
    f.order("2026-11-21T17:00:00Z", &[(g, 2)], 39_800, true);
    assert_eq!(
        f.get().sales_per_day(),
        [(day("2026-11-21"), sales(2, 59_700))],
        "every order on one day: one bar"
    );
    f.order("2026-11-24T10:00:00Z", &[(g, 1)], 19_900, true);
    // Unpaid orders are no sales, and make no day.
    f.order("2026-11-26T10:00:00Z", &[(g, 1)], 19_900, false);
    assert_eq!(
        f.get().sales_per_day(),
        [
            (day("2026-11-21"), sales(2, 59_700)),
            (day("2026-11-22"), sales(0, 0)),
            (day("2026-11-23"), sales(0, 0)),
            (day("2026-11-24"), sales(1, 19_900)),
        ]
    );
}

#[test]
fn a_sales_period_beyond_the_fill_limit_lists_only_days_with_sales() {
    let mut f = Feed::new();
    let g = f.general;
    f.order("2025-01-01T09:00:00Z", &[(g, 1)], 19_900, true);
    f.order("2026-11-21T09:00:00Z", &[(g, 1)], 19_900, true);
    let days: Vec<NaiveDate> = f.get().sales_per_day().iter().map(|(d, _)| *d).collect();
    assert_eq!(days, [day("2025-01-01"), day("2026-11-21")]);
}

#[test]
fn check_ins_per_bucket_fill_whole_hours_with_empty_quarters_at_zero() {
    let mut f = Feed::new();
    let c = f.conference;
    assert_eq!(f.get().check_in_span(), None);
    assert!(f.get().check_ins_per_bucket().is_empty());
    for t in [
        "2026-12-01T08:20:00Z",
        "2026-12-01T08:25:00Z",
        "2026-12-01T09:05:00Z",
    ] {
        f.dash.record_check_in(c, at(t));
    }
    assert_eq!(
        f.get().check_in_span(),
        Some((at("2026-12-01T08:00:00Z"), at("2026-12-01T10:00:00Z")))
    );
    let bars: Vec<(String, u64)> = f
        .get()
        .check_ins_per_bucket()
        .iter()
        .map(|(t, n)| (t.format("%H:%M").to_string(), *n))
        .collect();
    let expected: Vec<(String, u64)> = [
        ("08:00", 0),
        ("08:15", 2),
        ("08:30", 0),
        ("08:45", 0),
        ("09:00", 1),
        ("09:15", 0),
        ("09:30", 0),
        ("09:45", 0),
    ]
    .iter()
    .map(|(t, n)| (t.to_string(), *n))
    .collect();
    assert_eq!(bars, expected);
    // An undo empties a bucket: it stays in the series, at zero.
    f.dash.record_check_in_undone(c, at("2026-12-01T09:05:00Z"));
    assert_eq!(
        f.get().check_in_span(),
        Some((at("2026-12-01T08:00:00Z"), at("2026-12-01T09:00:00Z")))
    );
    assert_eq!(f.get().check_ins_per_bucket().len(), 4);
}

#[test]
fn a_check_in_on_the_hour_starts_and_ends_the_span_on_whole_hours() {
    let mut f = Feed::new();
    let c = f.conference;
    f.dash.record_check_in(c, at("2026-12-01T09:00:00Z"));
    assert_eq!(
        f.get().check_in_span(),
        Some((at("2026-12-01T09:00:00Z"), at("2026-12-01T10:00:00Z")))
    );
    f.dash.record_check_in(c, at("2026-12-01T09:59:59Z"));
    assert_eq!(
        f.get().check_in_span(),
        Some((at("2026-12-01T09:00:00Z"), at("2026-12-01T10:00:00Z")))
    );
}

#[test]
fn the_check_in_span_follows_whole_hours_of_a_half_hour_zone() {
    // India (UTC+05:30): its hours start at half past in UTC.
    let india = DayZone::Fixed(chrono::FixedOffset::east_opt(5 * 3600 + 1800).unwrap());
    let mut f = Feed::in_zone(india);
    let c = f.conference;
    // 09:10 and 10:50 in India.
    f.dash.record_check_in(c, at("2026-12-01T03:40:00Z"));
    f.dash.record_check_in(c, at("2026-12-01T05:20:00Z"));
    assert_eq!(
        f.get().check_in_span(),
        Some((at("2026-12-01T03:30:00Z"), at("2026-12-01T05:30:00Z")))
    );
    assert_eq!(f.get().check_ins_per_bucket().len(), 8);
}

#[test]
fn check_ins_over_weeks_list_only_their_buckets() {
    let mut f = Feed::new();
    let c = f.conference;
    f.dash.record_check_in(c, at("2026-12-01T09:00:00Z"));
    f.dash.record_check_in(c, at("2027-01-15T09:00:00Z"));
    let buckets = f.get().check_ins_per_bucket();
    assert_eq!(
        buckets,
        [
            (at("2026-12-01T09:00:00Z"), 1),
            (at("2027-01-15T09:00:00Z"), 1)
        ]
    );
}
