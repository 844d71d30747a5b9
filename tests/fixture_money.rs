//! Schema evolution guard for cancel, refund and the payment method
//! (issue 18 items 3 and 4): `tests/fixtures/v6-money.redb` holds
//! `PaymentCompleted` at schema version 2 (card, cash, free), an order the
//! organizer cancelled after it was paid (`OrderCancelled` v2 with
//! `ByOrganizer`, `SoldSeatsReleased`) and two partial refunds
//! (`PaymentRefunded` v1). It was written once by the confdesk that
//! introduced them; every later version must replay it to the state
//! checked here. Never regenerate it; add a new fixture for a new version.
//!
//! To write it (once, deliberately): `CONFDESK_WRITE_FIXTURE=1 cargo test
//! --test fixture_money -- --ignored write_money_fixture`.

mod common;
use common::ByName as _;
use common::fixture::{OpenedFixture, fixture_path, open_fixture};

use chrono::Duration;
use common::{journey_conference, start};
use confdesk::app::event_codec::decode_event;
use confdesk::app::projections::OrderStatusView;
use confdesk::app::{Desk, ManualClock, OrderKey, SeatTypeDraft, UserCommand};
use confdesk::domain::events::{CancelReason, PaymentMethod};
use confdesk::domain::{Currency, Event, Money};
use std::path::PathBuf;

const SLUG: &str = "money-fixture";

fn fixture() -> PathBuf {
    fixture_path("v6-money.redb")
}

fn paid(desk: &mut Desk, seat: &str, n: i64, method: PaymentMethod) -> OrderKey {
    let key = desk
        .place_order_named(SLUG, &[(seat.to_string(), n)])
        .unwrap();
    let mut r = desk.registration_mut();
    r.assign_registrant(&key, "민준", "김", "mj@example.kr")
        .unwrap();
    r.pay_with(&key, method).unwrap();
    key
}

#[test]
#[ignore = "writes the fixture; run deliberately"]
fn write_money_fixture() {
    if std::env::var_os("CONFDESK_WRITE_FIXTURE").is_none() {
        return;
    }
    let path = fixture();
    let _ = std::fs::remove_file(&path);
    let clock = ManualClock::new(start());
    let mut desk = common::desk_at(&path, &clock);
    let org = journey_conference(&mut desk, SLUG, 10);
    let access = desk.authorize_organizer(&org).unwrap();
    desk.organizer_mut()
        .add_seat_type(
            &access,
            SeatTypeDraft {
                name: "Volunteer".into(),
                description: String::new(),
                quota: "5".into(),
                price: "0".into(),
            },
        )
        .unwrap();
    let kept = paid(&mut desk, "CQRS Workshop", 2, PaymentMethod::Card);
    clock.advance(Duration::minutes(1));
    let dropped = paid(&mut desk, "CQRS Workshop", 2, PaymentMethod::Cash);
    let free = paid(&mut desk, "Volunteer", 1, PaymentMethod::Free);
    clock.advance(Duration::minutes(5));
    desk.run(UserCommand::CancelOrderByOrganizer {
        access: access.clone(),
        order: dropped.order_id,
    })
    .unwrap();
    for minor in [40_000, 60_000] {
        clock.advance(Duration::minutes(1));
        desk.run(UserCommand::RefundPayment {
            access: access.clone(),
            order: dropped.order_id,
            amount: Money::new(minor, Currency::USD),
            method: PaymentMethod::BankTransfer,
        })
        .unwrap();
    }
    println!("wrote {} events", desk.stats().events);
    let lines: Vec<String> = [&kept, &dropped, &free]
        .iter()
        .flat_map(|k| [k.order_id.to_string(), k.access_code.clone()])
        .collect();
    std::fs::write(
        fixture().with_extension("code"),
        format!("{}\n{}\n", org.access_code, lines.join("\n")),
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
fn the_money_fixture_replays_with_methods_cancel_and_refunds() {
    let path = fixture();
    let OpenedFixture {
        desk,
        access,
        codes,
        before,
        counts,
    } = open_fixture(&path, SLUG);
    let [
        _,
        kept_id,
        kept_code,
        dropped_id,
        dropped_code,
        free_id,
        free_code,
    ] = &codes[..]
    else {
        panic!("the code file has seven lines: {codes:?}")
    };
    let kept = key(kept_id, kept_code);
    let dropped = key(dropped_id, dropped_code);
    let free = key(free_id, free_code);
    for (name, n) in [
        ("PaymentCompleted", 3),
        ("OrderCancelled", 1),
        ("SoldSeatsReleased", 1),
        ("PaymentRefunded", 2),
    ] {
        assert_eq!(counts.get(name), Some(&n), "{name}");
    }
    let order = |k: &OrderKey| desk.registration().order(k).unwrap();
    let method = |k: &OrderKey| order(k).paid.map(|p| p.method);
    assert_eq!(method(&kept), Some(PaymentMethod::Card));
    assert_eq!(method(&dropped), Some(PaymentMethod::Cash));
    assert_eq!(method(&free), Some(PaymentMethod::Free));
    let d = order(&dropped);
    assert_eq!(d.status, OrderStatusView::Cancelled);
    assert_eq!(
        d.cancelled.map(|c| c.reason),
        Some(CancelReason::ByOrganizer)
    );
    assert_eq!(d.refunded(), Some(Money::new(100_000, Currency::USD)));
    assert_eq!(d.refundable(), Some(Money::new(0, Currency::USD)));
    assert_eq!(order(&kept).status, OrderStatusView::Confirmed);
    let c = desk.read_models().conferences.by_slug(SLUG).unwrap();
    let w = c
        .seat_types
        .iter()
        .find(|s| s.name == "CQRS Workshop")
        .unwrap();
    assert_eq!(
        (w.left, w.sold),
        (2, 2),
        "the cancelled order's 2 seats are back"
    );
    let seats = desk.organizer().organizer_attendees(&access);
    assert_eq!(seats.len(), 3, "2 workshop seats kept + 1 volunteer");
    let mut versions = Vec::new();
    desk.log()
        .read_all_from(1, &mut |r| {
            if [
                "PaymentCompleted",
                "OrderCancelled",
                "PaymentRefunded",
                "SoldSeatsReleased",
            ]
            .contains(&r.event_type.as_str())
            {
                let e = decode_event(&r.event_type, r.schema_version, &r.payload).unwrap();
                versions.push((r.event_type.clone(), r.schema_version, e));
            }
            Ok(())
        })
        .unwrap();
    for (name, version, _) in &versions {
        let want = match name.as_str() {
            "PaymentCompleted" | "OrderCancelled" => 2,
            _ => 1,
        };
        assert_eq!(*version, want, "{name}");
    }
    let refunds: Vec<(i64, PaymentMethod)> = versions
        .iter()
        .filter_map(|(_, _, e)| match e {
            Event::PaymentRefunded(r) => Some((r.amount.minor, r.method)),
            _ => None,
        })
        .collect();
    assert_eq!(
        refunds,
        vec![
            (40_000, PaymentMethod::BankTransfer),
            (60_000, PaymentMethod::BankTransfer)
        ]
    );
    drop(desk);
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "reading the fixture must not change it"
    );
}
