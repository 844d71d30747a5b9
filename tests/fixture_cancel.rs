//! Schema evolution guard for the cancelled order (issue 16 item 3):
//! `tests/fixtures/v5-cancel.redb` holds `OrderCancelled` at schema
//! version 1: an unpaid order of 3 workshop seats, with its registrant,
//! cancelled at the desk, its seats then taken by a second order that was
//! paid. It was written once by the confdesk that introduced the event.
//! Every later version must replay it to the state checked here and decode
//! the event to the values it was written with. Never regenerate it; add a
//! new fixture for a new version.
//!
//! To write it (once, deliberately): `CONFDESK_WRITE_FIXTURE=1 cargo test
//! --test fixture_cancel -- --ignored write_cancel_fixture`.

mod common;
use common::ByName as _;
use common::fixture::{OpenedFixture, open_fixture};

use chrono::Duration;
use common::{journey_conference, start};
use confdesk::app::event_codec::decode_event;
use confdesk::app::history::HistoryAccess;
use confdesk::app::{Desk, ManualClock, OrderKey, UserCommand};
use confdesk::domain::Event;
use confdesk::domain::events::CancelReason;
use std::path::PathBuf;

const SLUG: &str = "cancel-fixture";

fn fixture() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/v5-cancel.redb")
}

#[test]
#[ignore = "writes the fixture; run deliberately"]
fn write_cancel_fixture() {
    if std::env::var_os("CONFDESK_WRITE_FIXTURE").is_none() {
        return;
    }
    let path = fixture();
    let _ = std::fs::remove_file(&path);
    let clock = ManualClock::new(start());
    let mut desk = common::desk_at(&path, &clock);
    let org = journey_conference(&mut desk, SLUG, 10);
    let workshop = |desk: &mut Desk| {
        desk.place_order_named(SLUG, &[("CQRS Workshop".to_string(), 3)])
            .unwrap()
    };
    let dropped = workshop(&mut desk);
    desk.registration_mut()
        .assign_registrant(&dropped, "Lucía", "Núñez", "lucia@example.com")
        .unwrap();
    clock.advance(Duration::minutes(2));
    desk.run(UserCommand::CancelOrder {
        order: dropped.clone(),
    })
    .unwrap();
    clock.advance(Duration::minutes(1));
    let paid = workshop(&mut desk);
    let mut r = desk.registration_mut();
    r.assign_registrant(&paid, "민준", "김", "mj@example.kr")
        .unwrap();
    r.pay(&paid, true).unwrap();
    println!("wrote {} events", desk.stats().events);
    std::fs::write(
        fixture().with_extension("code"),
        format!(
            "{}\n{}\n{}\n{}\n{}\n",
            org.access_code, dropped.order_id, dropped.access_code, paid.order_id, paid.access_code
        ),
    )
    .unwrap();
}

fn key(id: &str, code: &str) -> OrderKey {
    OrderKey {
        order_id: confdesk::domain::OrderId(id.parse().unwrap()),
        access_code: code.into(),
    }
}

#[test]
fn the_cancel_fixture_replays_with_the_order_cancelled_and_its_seats_resold() {
    let path = fixture();
    let OpenedFixture {
        desk,
        access,
        codes,
        before,
        counts,
    } = open_fixture(&path, SLUG);
    let [_, dropped_id, dropped_code, paid_id, paid_code] = &codes[..] else {
        panic!("the code file has five lines: {codes:?}")
    };
    let (dropped, paid) = (key(dropped_id, dropped_code), key(paid_id, paid_code));
    assert_eq!(counts.get("OrderCancelled"), Some(&1));

    let order = desk.registration().order(&dropped).unwrap();
    assert_eq!(order.status.as_str(), "cancelled");
    let reserved: Vec<u32> = order.lines.iter().map(|l| l.reserved).collect();
    assert_eq!(reserved, vec![3]);
    assert_eq!(
        desk.registration().order(&paid).unwrap().status.as_str(),
        "confirmed"
    );
    let workshop = desk.read_models().conferences.by_slug(SLUG).unwrap();
    let workshop = workshop
        .seat_types
        .iter()
        .find(|s| s.name == "CQRS Workshop")
        .unwrap();
    assert_eq!(workshop.left, 1, "4 − the 3 resold");
    let m = desk.door().door_search(&access, "lucia@", 10);
    let reasons: Vec<String> = m.orders.iter().map(|o| o.reason.to_string()).collect();
    assert_eq!(reasons, vec![format!("Order {dropped_code} was cancelled")]);
    let history = desk
        .order_history(&HistoryAccess::Organizer(access, dropped.order_id))
        .unwrap();
    let lines: Vec<String> = history.iter().map(|h| h.line.to_string()).collect();
    assert!(
        lines.contains(&"Order cancelled at the desk".to_string()),
        "{lines:?}"
    );

    let mut cancelled = Vec::new();
    desk.log()
        .read_all_from(1, &mut |r| {
            if r.event_type == "OrderCancelled" {
                assert_eq!(r.schema_version, 1);
                cancelled.push(decode_event(&r.event_type, r.schema_version, &r.payload).unwrap());
            }
            Ok(())
        })
        .unwrap();
    let [Event::OrderCancelled(e)] = &cancelled[..] else {
        panic!("{cancelled:?}")
    };
    assert_eq!(e.order_id, dropped.order_id);
    assert_eq!(e.conference_id, order.conference_id);
    assert_eq!(e.reason, CancelReason::AtTheDesk);
    drop(desk);
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "reading the fixture must not change it"
    );
}
