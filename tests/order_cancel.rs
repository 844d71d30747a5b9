//! Issue 16 item 3: a desk can drop an unpaid order. `CancelOrder` writes
//! `OrderCancelled`, and in the same action the registration process
//! releases the seats (`SeatsReservationCancelled`) and ends, so another
//! order can take them at once and the expiry 15 minutes later does
//! nothing. A paid, expired or already cancelled order is refused (exit 4
//! in the CLI) and nothing is written. The same on a shared PostgreSQL log.

mod common;
use common::ByName as _;
use common::cli::{self, run_with};

use chrono::Duration;
use common::{journey_conference, open_desk};
use confdesk::app::history::HistoryAccess;
use confdesk::app::projections::OrderStatusView;
use confdesk::app::{AppError, Desk, ManualClock, OrderKey, Outcome, UserCommand};
use confdesk::store::OpenMode;

const SLUG: &str = "cqrs-summit";
const WORKSHOP: &str = "CQRS Workshop";

fn workshop(desk: &mut Desk, n: i64) -> OrderKey {
    desk.place_order_named(SLUG, &[(WORKSHOP.to_string(), n)])
        .expect("placed")
}

fn workshop_left(desk: &Desk) -> i64 {
    let c = desk
        .read_models()
        .conferences
        .by_slug(SLUG)
        .expect("the conference");
    c.seat_types
        .iter()
        .find(|s| s.name == WORKSHOP)
        .expect("the workshop")
        .left
}

fn reserved(desk: &Desk, key: &OrderKey) -> u32 {
    let order = desk.registration().order(key).expect("the order");
    order.lines.iter().map(|l| l.reserved).sum()
}

fn status(desk: &Desk, key: &OrderKey) -> OrderStatusView {
    desk.registration().order(key).expect("the order").status
}

fn cancel(desk: &mut Desk, key: &OrderKey) -> Result<Outcome, AppError> {
    desk.run(UserCommand::CancelOrder { order: key.clone() })
}

fn conflict(r: Result<Outcome, AppError>) -> String {
    match r {
        Err(e @ AppError::Conflict(_)) => e.to_string(),
        other => panic!("expected a conflict, got {other:?}"),
    }
}

/// The workshop's 4 seats all held by one order; a second gets none; the
/// first is cancelled and a third takes all 4 at once.
fn cancel_frees_the_workshop(desk: &mut Desk) {
    let holder = workshop(desk, 4);
    assert_eq!(workshop_left(desk), 0);
    let late = workshop(desk, 1);
    assert_eq!(reserved(desk, &late), 0, "sold out while held");
    assert_eq!(cancel(desk, &holder).unwrap(), Outcome::Done);
    assert_eq!(status(desk, &holder), OrderStatusView::Cancelled);
    assert_eq!(
        reserved(desk, &holder),
        4,
        "the order still says what it held"
    );
    assert_eq!(workshop_left(desk), 4, "seats back at once");
    let next = workshop(desk, 4);
    assert_eq!(reserved(desk, &next), 4, "another order takes them");
    assert_eq!(workshop_left(desk), 0);
}

#[test]
fn cancelling_releases_the_seats_at_once_so_another_order_can_take_them() {
    let mut t = open_desk();
    journey_conference(&mut t.desk, SLUG, 100);
    cancel_frees_the_workshop(&mut t.desk);
    // A replay from disk agrees.
    t.reopen();
    assert_eq!(workshop_left(&t.desk), 0);
}

#[test]
fn the_expiry_later_does_nothing() {
    let mut t = open_desk();
    journey_conference(&mut t.desk, SLUG, 100);
    let order = workshop(&mut t.desk, 2);
    cancel(&mut t.desk, &order).unwrap();
    let events = t.desk.stats().events;
    assert_eq!(t.desk.next_due(), None, "no expiry left to fire");
    t.clock.advance(Duration::minutes(16));
    assert_eq!(t.desk.tick().unwrap(), 0, "nothing expired");
    assert_eq!(t.desk.stats().events, events, "nothing written");
    assert_eq!(status(&t.desk, &order), OrderStatusView::Cancelled);
    assert_eq!(workshop_left(&t.desk), 4);
    let history = t
        .desk
        .order_history(&HistoryAccess::Registrant(order.clone()))
        .unwrap();
    let lines: Vec<String> = history.iter().map(|h| h.line.to_string()).collect();
    assert!(
        lines.iter().any(|l| l == "Order cancelled at the desk"),
        "{lines:?}"
    );
    assert!(
        lines.iter().any(|l| l.starts_with("Seats released")),
        "{lines:?}"
    );
    assert!(!lines.iter().any(|l| l.contains("expired")), "{lines:?}");
}

#[test]
fn a_paid_order_cannot_be_cancelled_and_nothing_is_written() {
    let mut t = open_desk();
    journey_conference(&mut t.desk, SLUG, 100);
    let order = workshop(&mut t.desk, 1);
    let mut r = t.desk.registration_mut();
    r.assign_registrant(&order, "Ana", "Lima", "ana@example.com")
        .unwrap();
    r.pay(&order, true).unwrap();
    let events = t.desk.stats().events;
    assert_eq!(
        conflict(cancel(&mut t.desk, &order)),
        "the order is paid: it can no longer be cancelled"
    );
    assert_eq!(t.desk.stats().events, events);
    assert_eq!(status(&t.desk, &order), OrderStatusView::Confirmed);
    assert_eq!(workshop_left(&t.desk), 3);
}

#[test]
fn an_expired_or_cancelled_order_cannot_be_cancelled_or_paid() {
    let mut t = open_desk();
    journey_conference(&mut t.desk, SLUG, 100);
    let expired = workshop(&mut t.desk, 1);
    t.clock.advance(Duration::minutes(16));
    // The expiry is due but not yet written: cancelling writes it first.
    assert_eq!(
        conflict(cancel(&mut t.desk, &expired)),
        "the order has expired: its seats were already released"
    );
    assert_eq!(status(&t.desk, &expired), OrderStatusView::Expired);

    let order = workshop(&mut t.desk, 1);
    t.desk
        .registration_mut()
        .assign_registrant(&order, "Ana", "Lima", "ana@example.com")
        .unwrap();
    cancel(&mut t.desk, &order).unwrap();
    let events = t.desk.stats().events;
    assert_eq!(
        conflict(cancel(&mut t.desk, &order)),
        "the order was cancelled: its seats were released"
    );
    let paid = t.desk.run(UserCommand::Pay {
        order: order.clone(),
        accept: true,
    });
    assert_eq!(
        conflict(paid),
        "the order was cancelled: its seats were released; place a new order"
    );
    assert_eq!(t.desk.stats().events, events, "nothing written");
}

#[test]
fn a_wrong_code_cancels_nothing() {
    let mut t = open_desk();
    journey_conference(&mut t.desk, SLUG, 100);
    let order = workshop(&mut t.desk, 1);
    let wrong = OrderKey {
        access_code: if order.access_code == "AAAAAA" {
            "BBBBBB".into()
        } else {
            "AAAAAA".into()
        },
        ..order.clone()
    };
    assert!(matches!(
        cancel(&mut t.desk, &wrong),
        Err(AppError::NotFound(_))
    ));
    assert_eq!(
        status(&t.desk, &order),
        OrderStatusView::ReservationCompleted
    );
}

#[test]
fn the_door_says_a_cancelled_order_was_cancelled() {
    let mut t = open_desk();
    let org = journey_conference(&mut t.desk, SLUG, 100);
    let access = t.desk.authorize_organizer(&org).unwrap();
    let order = workshop(&mut t.desk, 1);
    t.desk
        .registration_mut()
        .assign_registrant(&order, "Lucía", "Núñez", "lucia@example.com")
        .unwrap();
    cancel(&mut t.desk, &order).unwrap();
    let m = t.desk.door().door_search(&access, "lucia@", 50);
    let reasons: Vec<String> = m.orders.iter().map(|o| o.reason.to_string()).collect();
    assert_eq!(
        reasons,
        vec![format!("Order {} was cancelled", order.access_code)]
    );
    let orders = t.desk.organizer().organizer_orders(&access);
    assert_eq!(orders[0].status.message().to_string(), "Cancelled");
    assert_eq!(orders[0].status.as_str(), "cancelled");
}

#[test]
fn cli_order_cancel_releases_an_unpaid_order_and_refuses_a_paid_one_with_exit_4() {
    let d = cli::Desk::new();
    d.conference();
    let (id, code, _) = d.place(&["Workshop=2"]);
    let out = d
        .run(&["order", "cancel", "--order", &id, "--access-code", &code])
        .ok();
    assert_eq!(
        out.stdout.trim(),
        format!("Order {code} cancelled; its seats are released.")
    );
    assert_eq!(d.show(&id, &code)["status"], "cancelled");
    // Its 2 seats went back: a new order gets them all.
    let (new_id, new_code, v) = d.place(&["Workshop=2"]);
    assert_eq!(v["status"], "reservation_completed", "{v}");
    d.run(&["order", "cancel", "--order", &id, "--access-code", &code])
        .fails(4, "the order was cancelled");
    // A paid order: refused, exit 4, still confirmed.
    d.registrant(&new_id, &new_code);
    d.run(&[
        "order",
        "pay",
        "--order",
        &new_id,
        "--access-code",
        &new_code,
    ])
    .ok();
    d.run(&[
        "order",
        "cancel",
        "--order",
        &new_id,
        "--access-code",
        &new_code,
    ])
    .fails(4, "the order is paid: it can no longer be cancelled");
    assert_eq!(d.show(&new_id, &new_code)["status"], "confirmed");
    // An expired one too.
    let (old_id, old_code, _) = d.place(&["General admission=1"]);
    run_with(
        &d.data,
        "2026-11-25T10:00:00Z",
        &[
            "order",
            "cancel",
            "--order",
            &old_id,
            "--access-code",
            &old_code,
        ],
    )
    .fails(4, "the order has expired");
}

#[test]
fn on_a_shared_log_cancelling_releases_the_seats_for_every_desk() {
    let Some(url) = common::pg::fresh_database("order_cancel") else {
        return;
    };
    let clock = ManualClock::new(common::start());
    let mut a = common::shared::desk_on(&url, &clock, OpenMode::Create);
    journey_conference(&mut a, SLUG, 100);
    let mut b = common::shared::desk_on(&url, &clock, OpenMode::Create);
    cancel_frees_the_workshop(&mut a);
    let late = workshop(&mut b, 1);
    b.run(UserCommand::CancelOrder { order: late }).unwrap();
    assert_eq!(workshop_left(&b), 0, "desk b saw desk a's orders");
    a.catch_up().unwrap();
    assert_eq!(workshop_left(&a), 0);
}
