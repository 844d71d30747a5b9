//! Issue 18 item 3: the organizer cancels any order, paid or not, and
//! records refunds. A paid order's seats go back on sale at once (its sold
//! seats, through `SoldSeatsReleased`), its attendees leave the lists, the
//! door refuses it naming the organizer and the day, the counts and the
//! revenue follow; refunds add up to at most what was paid — also when two
//! desks on one shared log refund the same order at once.

mod common;
use common::ByName as _;
use common::{journey_conference, open_desk};

use confdesk::app::history::HistoryAccess;
use confdesk::app::projections::OrderStatusView;
use confdesk::app::{
    AppError, ConferenceAccess, Desk, ManualClock, OrderKey, Outcome, UserCommand,
};
use confdesk::domain::events::{CancelReason, PaymentMethod};
use confdesk::domain::{Currency, Money};
use confdesk::store::OpenMode;

const SLUG: &str = "cqrs-summit";
const WORKSHOP: &str = "CQRS Workshop";

fn usd(minor: i64) -> Money {
    Money::new(minor, Currency::USD)
}

/// A workshop order of `n` seats ($500 each), named and paid by card.
fn paid_workshop(desk: &mut Desk, n: i64, who: (&str, &str, &str)) -> OrderKey {
    paid_order(desk, WORKSHOP, n, who)
}

/// An order of `n` seats of `seat_type`, named and paid by card.
fn paid_order(desk: &mut Desk, seat_type: &str, n: i64, who: (&str, &str, &str)) -> OrderKey {
    let key = desk
        .place_order_named(SLUG, &[(seat_type.to_string(), n)])
        .expect("placed");
    let mut r = desk.registration_mut();
    r.assign_registrant(&key, who.0, who.1, who.2).unwrap();
    r.pay_with(&key, PaymentMethod::Card).unwrap();
    key
}

fn workshop(desk: &Desk) -> (i64, i64) {
    let c = desk.read_models().conferences.by_slug(SLUG).unwrap();
    let s = c.seat_types.iter().find(|s| s.name == WORKSHOP).unwrap();
    (s.left, s.sold)
}

fn cancel(desk: &mut Desk, access: &ConferenceAccess, key: &OrderKey) -> Result<Outcome, AppError> {
    desk.run(UserCommand::CancelOrderByOrganizer {
        access: access.clone(),
        order: key.order_id,
    })
}

fn refund(
    desk: &mut Desk,
    access: &ConferenceAccess,
    key: &OrderKey,
    minor: i64,
) -> Result<Outcome, AppError> {
    desk.run(UserCommand::RefundPayment {
        access: access.clone(),
        order: key.order_id,
        amount: usd(minor),
        method: PaymentMethod::Cash,
    })
}

#[test]
fn a_cancelled_paid_order_gives_its_seats_back_and_leaves_every_list() {
    let mut t = open_desk();
    let org = journey_conference(&mut t.desk, SLUG, 100);
    let access = t.desk.authorize_organizer(&org).unwrap();
    // Given the 4 workshop seats sold to one order, one seat checked in.
    let key = paid_workshop(&mut t.desk, 4, ("Lucía", "Núñez", "lucia@example.com"));
    assert_eq!(workshop(&t.desk), (0, 4));
    t.desk
        .run(UserCommand::CheckIn {
            access: access.clone(),
            order_code: key.access_code.clone(),
            position: 0,
            attendee: Some(confdesk::app::DoorAttendee {
                first_name: "Lucía".into(),
                last_name: "Núñez".into(),
                email: None,
            }),
        })
        .unwrap();
    let revenue = |d: &Desk| {
        let f = d.read_models().dashboard.get(access.conference()).unwrap();
        let f = f.figures(common::start());
        (f.confirmed_orders, f.revenue_minor)
    };
    assert_eq!(revenue(&t.desk), (1, 200_000));
    // When the organizer cancels it,
    assert_eq!(cancel(&mut t.desk, &access, &key).unwrap(), Outcome::Done);
    // then its seats are back on sale at once…
    assert_eq!(workshop(&t.desk), (4, 0));
    let next = t
        .desk
        .place_order_named(SLUG, &[(WORKSHOP.to_string(), 4)])
        .unwrap();
    let got: u32 = t
        .desk
        .registration()
        .order(&next)
        .unwrap()
        .lines
        .iter()
        .map(|l| l.reserved)
        .sum();
    assert_eq!(got, 4, "another order takes all 4");
    // …its attendees left the attendee list, the door's counts and search…
    assert!(t.desk.organizer().organizer_attendees(&access).is_empty());
    assert_eq!(
        t.desk.read_models().check_ins.totals(access.conference()),
        (0, 0)
    );
    let found = t.desk.door().door_search(&access, "lucia", 50);
    assert!(found.seats.is_empty());
    let reasons: Vec<String> = found.orders.iter().map(|o| o.reason.to_string()).collect();
    assert_eq!(
        reasons,
        vec![format!(
            "Order {} was cancelled by the organizer on 2026-11-25 at 09:00 UTC",
            key.access_code
        )]
    );
    // …the door refuses its seats naming the reason…
    let door = t.desk.run(UserCommand::CheckIn {
        access: access.clone(),
        order_code: key.access_code.clone(),
        position: 1,
        attendee: None,
    });
    assert!(
        matches!(&door, Err(AppError::Conflict(m)) if m.to_string().contains("cancelled by the organizer")),
        "{door:?}"
    );
    // …and the dashboard no longer counts the order (the money stays
    // until refunded).
    assert_eq!(revenue(&t.desk), (0, 200_000));
    refund(&mut t.desk, &access, &key, 200_000).unwrap();
    assert_eq!(revenue(&t.desk), (0, 0));
    let order = t
        .desk
        .organizer()
        .organizer_order(&access, key.order_id)
        .unwrap();
    assert_eq!(order.status, OrderStatusView::Cancelled);
    assert_eq!(
        order.cancelled.map(|c| c.reason),
        Some(CancelReason::ByOrganizer)
    );
    assert_eq!(order.paid.map(|p| p.method), Some(PaymentMethod::Card));
    assert_eq!(order.refundable(), Some(usd(0)));
    // Every invariant holds (sold = confirmed seats, door counts = orders).
    let report = t.desk.verify().unwrap();
    assert!(report.violations.is_empty(), "{:?}", report.violations);
    // A replay from disk agrees on everything.
    let before = t.desk.read_models().clone();
    t.reopen();
    assert_eq!(t.desk.read_models(), &before);
}

#[test]
fn partial_refunds_stop_at_what_was_paid_and_the_history_tells_them() {
    let mut t = open_desk();
    let org = journey_conference(&mut t.desk, SLUG, 100);
    let access = t.desk.authorize_organizer(&org).unwrap();
    let key = paid_workshop(&mut t.desk, 1, ("Ana", "Lima", "ana@example.com"));
    refund(&mut t.desk, &access, &key, 20_000).unwrap();
    refund(&mut t.desk, &access, &key, 30_000).unwrap();
    let events = t.desk.stats().events;
    let over = refund(&mut t.desk, &access, &key, 1);
    assert!(
        matches!(&over, Err(AppError::Conflict(m)) if m.to_string() == "amount: must be at most 0.00 USD: what was paid minus what was refunded"),
        "{over:?}"
    );
    assert_eq!(
        t.desk.stats().events,
        events,
        "a refused refund writes nothing"
    );
    // Refunding does not cancel: the order stays confirmed with its seat.
    let order = t
        .desk
        .organizer()
        .organizer_order(&access, key.order_id)
        .unwrap();
    assert_eq!(order.status, OrderStatusView::Confirmed);
    assert_eq!(order.refunded(), Some(usd(50_000)));
    let lines: Vec<String> = t
        .desk
        .order_history(&HistoryAccess::Organizer(access.clone(), key.order_id))
        .unwrap()
        .iter()
        .map(|h| h.line.to_string())
        .collect();
    for want in [
        "Payment accepted: card",
        "Refund of 200.00 USD: cash",
        "Refund of 300.00 USD: cash",
    ] {
        assert!(lines.iter().any(|l| l == want), "{want} in {lines:?}");
    }
}

#[test]
fn only_the_organizers_access_reaches_another_conferences_order_not_at_all() {
    let mut t = open_desk();
    let org = journey_conference(&mut t.desk, SLUG, 100);
    let other = journey_conference(&mut t.desk, "other-summit", 100);
    let access = t.desk.authorize_organizer(&org).unwrap();
    let other_access = t.desk.authorize_organizer(&other).unwrap();
    let key = paid_workshop(&mut t.desk, 1, ("Ana", "Lima", "ana@example.com"));
    assert!(matches!(
        cancel(&mut t.desk, &other_access, &key),
        Err(AppError::NotFound(_))
    ));
    assert!(matches!(
        refund(&mut t.desk, &other_access, &key, 100),
        Err(AppError::NotFound(_))
    ));
    // The desk's own cancel still refuses a paid order.
    assert!(matches!(
        t.desk.run(UserCommand::CancelOrder { order: key.clone() }),
        Err(AppError::Conflict(_))
    ));
    assert_eq!(workshop(&t.desk), (3, 1));
    // An unpaid order: the organizer cancels it too, and it has nothing to refund.
    let unpaid = t
        .desk
        .place_order_named(SLUG, &[(WORKSHOP.to_string(), 2)])
        .unwrap();
    cancel(&mut t.desk, &access, &unpaid).unwrap();
    assert_eq!(workshop(&t.desk), (3, 1));
    let nothing = refund(&mut t.desk, &access, &unpaid, 100);
    assert!(
        matches!(&nothing, Err(AppError::Conflict(m)) if m.to_string() == "the order is not paid: there is nothing to refund"),
        "{nothing:?}"
    );
    // Cancelled once: a second cancel is refused.
    cancel(&mut t.desk, &access, &key).unwrap();
    assert!(matches!(
        cancel(&mut t.desk, &access, &key),
        Err(AppError::Conflict(_))
    ));
    assert_eq!(workshop(&t.desk), (4, 0));
}

/// Two desks on one shared log refund the same $199 order at once, each
/// $120 on a stale view: one refund is stored, the other decided again on
/// the first's and refused; the total never exceeds what was paid.
#[test]
fn two_desks_refunding_one_order_at_once_never_refund_more_than_was_paid() {
    let Some(url) = common::pg::fresh_database("cancel_refund") else {
        return;
    };
    let clock = ManualClock::new(common::start());
    let mut a = common::shared::desk_on(&url, &clock, OpenMode::Create);
    let org = journey_conference(&mut a, SLUG, 100);
    let key = paid_order(
        &mut a,
        "General admission",
        1,
        ("Ana", "Lima", "ana@example.com"),
    );
    for round in 0..6 {
        let mut desks: Vec<Desk> = (0..2)
            .map(|_| common::shared::desk_on(&url, &clock, OpenMode::ReadWrite))
            .collect();
        let order = if round == 0 {
            key.clone()
        } else {
            paid_order(
                &mut desks[0],
                "General admission",
                1,
                ("Bo", "Kim", "bo@example.com"),
            )
        };
        for d in &mut desks {
            d.catch_up().unwrap();
        }
        let results: Vec<Result<Outcome, AppError>> = std::thread::scope(|s| {
            let handles: Vec<_> = desks
                .into_iter()
                .map(|mut d| {
                    let org = org.clone();
                    let order = order.clone();
                    s.spawn(move || {
                        let access = d.authorize_organizer(&org).unwrap();
                        refund(&mut d, &access, &order, 12_000)
                    })
                })
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
        let ok = results.iter().filter(|r| r.is_ok()).count();
        assert_eq!(ok, 1, "round {round}: {results:?}");
        assert!(
            results
                .iter()
                .any(|r| matches!(r, Err(AppError::Conflict(_))))
        );
        a.catch_up().unwrap();
        let access = a.authorize_organizer(&org).unwrap();
        let v = a
            .organizer()
            .organizer_order(&access, order.order_id)
            .unwrap();
        assert_eq!(v.refunded(), Some(usd(12_000)), "round {round}");
        assert_eq!(v.refundable(), Some(usd(7_900)));
    }
}
