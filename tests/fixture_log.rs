//! Schema evolution guard: `tests/fixtures/v1.redb` was written by confdesk
//! 0.1 (schema version 1 of its 26 event types, [`common::V1_EVENT_TYPES`]). Every later version must open it
//! and replay it to exactly the state checked here. Never regenerate it for
//! a released version; add a new fixture beside it instead.
//!
//! To write it (once, deliberately): `CONFDESK_WRITE_FIXTURE=1 cargo test
//! --test fixture_log -- --ignored write_fixture`.

mod common;
use common::ByName as _;

use chrono::Duration;
use common::{V1_EVENT_TYPES, journey_conference, start};
use confdesk::app::projections::OrderStatusView;
use confdesk::app::{Desk, ManualClock, OrderKey, OrganizerKey, SeatTypeChanges, Settings};
use confdesk::domain::events::EVENT_TYPES;
use confdesk::store::OpenMode;
use std::path::PathBuf;
use std::sync::Arc;

fn fixture() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/v1.redb")
}

fn seats(lines: &[(&str, i64)]) -> Vec<(String, i64)> {
    lines.iter().map(|(n, q)| (n.to_string(), *q)).collect()
}

#[test]
#[ignore = "writes the fixture; run deliberately"]
fn write_fixture() {
    if std::env::var_os("CONFDESK_WRITE_FIXTURE").is_none() {
        return;
    }
    let path = fixture();
    let _ = std::fs::remove_file(&path);
    let clock = ManualClock::new(start());
    let mut desk = common::desk_at(&path, &clock);
    let org = journey_conference(&mut desk, "fixture-summit", 10);
    let org_access = desk.authorize_organizer(&org).unwrap();
    let mut input = common::conference_input("fixture-summit");
    input.name = "Fixture Summit".into();
    desk.organizer_mut()
        .update_conference(&org_access, input)
        .unwrap();
    let workshop = desk.seat_type_id("fixture-summit", "CQRS Workshop");
    desk.organizer_mut()
        .update_seat_type(
            &org_access,
            workshop,
            SeatTypeChanges {
                quota: Some("3".into()),
                ..Default::default()
            },
        )
        .unwrap();
    // A: confirmed, seats assigned, renamed, reassigned, unassigned.
    let confdesk::app::OrderKey {
        order_id: id,
        access_code: code,
    } = desk
        .place_order_named(
            "fixture-summit",
            &seats(&[("General admission", 2), ("CQRS Workshop", 1)]),
        )
        .unwrap();
    let a = OrderKey {
        order_id: id,
        access_code: code,
    };
    desk.registration_mut()
        .assign_registrant(&a, "민준", "김", "mj@example.kr")
        .unwrap();
    desk.registration_mut().pay(&a, false).unwrap();
    desk.registration_mut().pay(&a, true).unwrap();
    desk.registration_mut()
        .assign_seat(&a, 0, "Zoë", "Ærø", "zoe@example.dk")
        .unwrap();
    desk.registration_mut()
        .assign_seat(&a, 0, "Zoe", "Aero", "ZOE@example.dk")
        .unwrap();
    desk.registration_mut()
        .assign_seat(&a, 1, "Иван", "Петров", "ivan@example.ru")
        .unwrap();
    desk.registration_mut()
        .assign_seat(&a, 1, "さくら", "佐藤", "sakura@example.jp")
        .unwrap();
    desk.registration_mut()
        .assign_seat(&a, 2, "José", "García", "jose@example.es")
        .unwrap();
    desk.registration_mut().unassign_seat(&a, 2).unwrap();
    // B: partially reserved, updated, then expired.
    let confdesk::app::OrderKey {
        order_id: id,
        access_code: code,
    } = desk
        .place_order_named("fixture-summit", &seats(&[("CQRS Workshop", 5)]))
        .unwrap();
    let b = OrderKey {
        order_id: id,
        access_code: code,
    };
    desk.update_order_named(
        &b,
        &seats(&[("CQRS Workshop", 1), ("Additional cocktail party", 2)]),
    )
    .unwrap();
    clock.advance(Duration::minutes(16));
    desk.tick().unwrap();
    desk.organizer_mut()
        .set_published(&org_access, false)
        .unwrap();
    println!(
        "wrote {} events; organizer code {}",
        desk.stats().events,
        org.access_code
    );
    std::fs::write(fixture().with_extension("code"), &org.access_code).unwrap();
}

#[test]
fn the_v1_fixture_log_replays_to_the_same_state() {
    let path = fixture();
    let before = std::fs::read(&path).expect("fixture present");
    let clock = ManualClock::new(start() + Duration::days(1));
    let mut desk = Desk::open_path(
        &path,
        OpenMode::ReadOnly,
        Arc::new(clock),
        Settings::default(),
    )
    .expect("the fixture opens");
    let code = std::fs::read_to_string(fixture().with_extension("code")).expect("code file");
    let org = OrganizerKey {
        slug: "fixture-summit".into(),
        email: "ana@example.com".into(),
        access_code: code.trim().into(),
    };
    let org_access = desk.authorize_organizer(&org).unwrap();
    let report = desk.verify().unwrap();
    assert!(report.violations.is_empty(), "{:?}", report.violations);
    // Every event type of confdesk 0.1 is in the fixture, still at schema
    // version 1 (types added later are covered by later fixtures: see
    // `fixture_checkin.rs`).
    for name in V1_EVENT_TYPES {
        let version = EVENT_TYPES
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| *v);
        // A type at a later version has that version in a later fixture
        // (OrderPlaced v2, with `by`: `v6-staff.redb`; OrderTotalsCalculated
        // v2: `v6-discount.redb`; PaymentCompleted v2: `v6-money.redb`), and
        // this one's v1 still decodes (upcast) and replays, as checked below.
        let later = [
            ("OrderPlaced", 2),
            ("OrderTotalsCalculated", 2),
            ("PaymentCompleted", 2),
        ];
        let expected = later
            .iter()
            .find(|(n, _)| *n == name)
            .map_or(1, |(_, v)| *v);
        assert_eq!(
            version,
            Some(expected),
            "{name} changed version: add a fixture for it, keep this one"
        );
        assert!(
            report.counts.contains_key(name) || name == "ConferenceUnpublished",
            "fixture lacks {name}"
        );
    }
    let conf = desk.organizer().organizer_conference(&org_access).unwrap();
    assert_eq!(conf.info.name, "Fixture Summit");
    assert!(!conf.published);
    let counts: Vec<_> = conf
        .seat_types
        .iter()
        .map(|s| (s.name.as_str(), s.quota, s.left, s.reserved, s.sold))
        .collect();
    assert_eq!(
        counts,
        vec![
            ("General admission", 10, 8, 0, 2),
            ("CQRS Workshop", 3, 2, 0, 1),
            ("Additional cocktail party", 100, 100, 0, 0),
        ]
    );
    let orders = desk.organizer().organizer_orders(&org_access);
    assert_eq!(orders.len(), 2);
    assert_eq!(orders[0].status, OrderStatusView::Confirmed);
    assert_eq!(orders[0].total.unwrap().amount_string(), "898.00");
    assert_eq!(orders[0].registrant.as_ref().unwrap().first_name, "민준");
    assert_eq!(orders[0].payments.len(), 2);
    let names: Vec<_> = orders[0]
        .positions
        .iter()
        .map(|p| p.attendee.as_ref().map(|a| a.first_name.as_str()))
        .collect();
    assert_eq!(names, vec![Some("Zoe"), Some("さくら"), None]);
    assert_eq!(orders[1].status, OrderStatusView::Expired);
    assert_eq!(
        orders[1]
            .lines
            .iter()
            .map(|l| (l.requested, l.reserved))
            .collect::<Vec<_>>(),
        vec![(1, 1), (2, 2)]
    );
    drop(desk);
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "reading the fixture must not change it"
    );
}
