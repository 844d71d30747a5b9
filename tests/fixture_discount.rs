//! Schema evolution guard for discount codes (issue 18.7):
//! `tests/fixtures/v6-discount.redb` holds `DiscountCodeCreated`,
//! `DiscountCodeRedeemed`, `DiscountCodeReleased` and `DiscountCodeRevoked`
//! at schema version 1 and `OrderTotalsCalculated` at version 2 (with and
//! without a discount line): SPRING (20 %, 2 uses) used by a paid order
//! and by one that expired (its use came back), WS50 (50.00 off the
//! workshop, 1 use) taken by an order that was then cancelled, and OLD
//! revoked. It was written once by the confdesk that introduced the
//! events. Every later version must replay it to the state checked here.
//! Never regenerate it; add a new fixture for a new version.
//!
//! To write it (once, deliberately): `CONFDESK_WRITE_FIXTURE=1 cargo test
//! --test fixture_discount -- --ignored write_discount_fixture`.

mod common;
use common::fixture::{OpenedFixture, open_fixture};

use chrono::Duration;
use common::{journey_conference, start};
use confdesk::app::history::HistoryAccess;
use confdesk::app::{Desk, DiscountDraft, ManualClock, OrderKey, Outcome, UserCommand};
use std::path::PathBuf;

const SLUG: &str = "discount-fixture";

fn fixture() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/v6-discount.redb")
}

fn place(desk: &mut Desk, seat: usize, n: u32, code: &str) -> OrderKey {
    let c = desk.read_models().conferences.by_slug(SLUG).unwrap();
    let Ok(Outcome::OrderPlaced(key)) = desk.run(UserCommand::PlaceDiscountedOrder {
        conference: c.id,
        seats: vec![(c.seat_types[seat].id, n)],
        code: code.into(),
    }) else {
        panic!("placed")
    };
    key
}

#[test]
#[ignore = "writes the fixture; run deliberately"]
fn write_discount_fixture() {
    if std::env::var_os("CONFDESK_WRITE_FIXTURE").is_none() {
        return;
    }
    let path = fixture();
    let _ = std::fs::remove_file(&path);
    let clock = ManualClock::new(start());
    let mut desk = common::desk_at(&path, &clock);
    let org = journey_conference(&mut desk, SLUG, 10);
    let access = desk.authorize_organizer(&org).unwrap();
    for (code, percent, amount, max) in [
        ("spring", "20", "", "2"),
        ("ws50", "", "50", "1"),
        ("old", "5", "", "9"),
    ] {
        let draft = DiscountDraft {
            code: code.into(),
            percent: percent.into(),
            amount: amount.into(),
            max_uses: max.into(),
            valid_until: "2026-12-31".into(),
            ..DiscountDraft::default()
        };
        desk.run(UserCommand::AddDiscountCode {
            access: access.clone(),
            draft,
        })
        .unwrap();
    }
    desk.run(UserCommand::RevokeDiscountCode {
        access: access.clone(),
        code: "old".into(),
    })
    .unwrap();
    let expired = place(&mut desk, 0, 1, "spring");
    clock.advance(Duration::minutes(16));
    desk.tick().unwrap();
    let cancelled = place(&mut desk, 1, 1, "WS50");
    desk.run(UserCommand::CancelOrder {
        order: cancelled.clone(),
    })
    .unwrap();
    let paid = place(&mut desk, 0, 2, "Spring");
    let mut r = desk.registration_mut();
    r.assign_registrant(&paid, "민준", "김", "mj@example.kr")
        .unwrap();
    r.pay(&paid, true).unwrap();
    println!("wrote {} events", desk.stats().events);
    let lines = [
        &org.access_code,
        &expired.access_code,
        &cancelled.access_code,
    ]
    .iter()
    .map(|s| s.to_string())
    .chain([expired.order_id, cancelled.order_id, paid.order_id].map(|o| o.to_string()))
    .chain([paid.access_code.clone()])
    .collect::<Vec<_>>()
    .join("\n");
    std::fs::write(fixture().with_extension("code"), lines + "\n").unwrap();
}

fn key(id: &str, code: &str) -> OrderKey {
    OrderKey {
        order_id: confdesk::domain::OrderId(id.parse().unwrap()),
        access_code: code.into(),
    }
}

#[test]
fn the_discount_fixture_replays_with_its_uses_and_discount_lines() {
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
        expired_code,
        cancelled_code,
        expired_id,
        cancelled_id,
        paid_id,
        paid_code,
    ] = &codes[..]
    else {
        panic!("the code file has seven lines: {codes:?}")
    };
    for (event, n) in [
        ("DiscountCodeCreated", 3),
        ("DiscountCodeRedeemed", 3),
        ("DiscountCodeReleased", 2),
        ("DiscountCodeRevoked", 1),
        ("OrderTotalsCalculated", 3),
    ] {
        assert_eq!(counts.get(event), Some(&n), "{event}");
    }
    let mut versions = std::collections::BTreeSet::new();
    desk.log()
        .read_all_from(1, &mut |r| {
            if r.event_type.starts_with("Discount") || r.event_type == "OrderTotalsCalculated" {
                versions.insert((r.event_type.clone(), r.schema_version));
            }
            Ok(())
        })
        .unwrap();
    assert!(versions.contains(&("OrderTotalsCalculated".into(), 2)));
    assert!(
        versions
            .iter()
            .all(|(t, v)| *v == 1 || t == "OrderTotalsCalculated")
    );

    let uses: Vec<(String, u32, u32, bool)> = desk
        .discount_codes(&access)
        .into_iter()
        .map(|c| (c.code, c.uses, c.max_uses, c.revoked))
        .collect();
    assert_eq!(
        uses,
        [
            ("OLD".to_string(), 0, 9, true),
            ("SPRING".to_string(), 1, 2, false),
            ("WS50".to_string(), 0, 1, false),
        ]
    );
    let paid = desk.registration().order(&key(paid_id, paid_code)).unwrap();
    assert_eq!(paid.status.as_str(), "confirmed");
    let d = paid.discount.clone().unwrap();
    // 2 × 199.00 = 398.00; 20 % = 79.60.
    assert_eq!((d.code.as_str(), d.amount.minor), ("SPRING", 7960));
    assert_eq!(paid.total.unwrap().minor, 31840);
    let cancelled = desk
        .registration()
        .order(&key(cancelled_id, cancelled_code))
        .unwrap();
    assert_eq!(cancelled.total.unwrap().minor, 45000, "500.00 − 50.00");
    let expired = desk
        .registration()
        .order(&key(expired_id, expired_code))
        .unwrap();
    assert_eq!(expired.status.as_str(), "expired");
    let history = desk
        .order_history(&HistoryAccess::Organizer(access, expired.id))
        .unwrap();
    let lines: Vec<String> = history.iter().map(|h| h.line.to_string()).collect();
    for line in [
        "Discount code SPRING applied",
        "Discount code SPRING given back",
    ] {
        assert!(lines.contains(&line.to_string()), "{lines:?}");
    }
    drop(desk);
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "reading the fixture must not change it"
    );
}
