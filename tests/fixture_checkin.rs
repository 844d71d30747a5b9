//! Schema evolution guard for the door: `tests/fixtures/v1-checkin.redb`
//! holds the check-in event types (schema version 1) beside the v1 types,
//! written once by the confdesk that introduced check-in. Every later
//! version must replay it to the state checked here and decode its
//! check-in events to the values they were written with. Never regenerate
//! it; add a new fixture for a new version.
//!
//! To write it (once, deliberately): `CONFDESK_WRITE_FIXTURE=1 cargo test
//! --test fixture_checkin -- --ignored write_checkin_fixture`.

mod common;
use common::ByName as _;

use chrono::{DateTime, Duration, Utc};
use common::{V1_EVENT_TYPES, journey_conference, start};
use confdesk::app::event_codec::decode_event;
use confdesk::app::{Desk, DoorAttendee, ManualClock, OrderKey, OrganizerKey, Settings};
use confdesk::domain::Event;
use confdesk::domain::events::EVENT_TYPES;
use confdesk::store::OpenMode;
use std::path::PathBuf;
use std::sync::Arc;

const SLUG: &str = "door-fixture";

fn fixture() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/v1-checkin.redb")
}

fn at(hm: &str) -> DateTime<Utc> {
    format!("2026-11-25T{hm}:00Z").parse().unwrap()
}

#[test]
#[ignore = "writes the fixture; run deliberately"]
fn write_checkin_fixture() {
    if std::env::var_os("CONFDESK_WRITE_FIXTURE").is_none() {
        return;
    }
    let path = fixture();
    let _ = std::fs::remove_file(&path);
    let clock = ManualClock::new(start());
    let mut desk = common::desk_at(&path, &clock);
    let org = journey_conference(&mut desk, SLUG, 10);
    let org_access = desk.authorize_organizer(&org).unwrap();
    let lines = [
        ("General admission".to_string(), 2),
        ("CQRS Workshop".to_string(), 1),
    ];
    let confdesk::app::OrderKey {
        order_id,
        access_code: code,
    } = desk.place_order_named(SLUG, &lines).unwrap();
    let key = OrderKey {
        order_id,
        access_code: code.clone(),
    };
    desk.registration_mut()
        .assign_registrant(&key, "민준", "김", "mj@example.kr")
        .unwrap();
    desk.registration_mut().pay(&key, true).unwrap();
    desk.registration_mut()
        .assign_seat(&key, 0, "Zoë", "Ærø", "zoe@example.dk")
        .unwrap();
    desk.registration_mut()
        .assign_seat(&key, 1, "さくら", "佐藤", "sakura@example.jp")
        .unwrap();
    // Seat 0 arrives at 09:42; seat 1 is checked in by mistake and taken
    // back; seat 2, unassigned, is named at the door and checked in.
    clock.set(at("09:42"));
    desk.door_mut()
        .check_in(&org_access, &code, 0, None)
        .unwrap();
    clock.set(at("09:43"));
    desk.door_mut()
        .check_in(&org_access, &code, 1, None)
        .unwrap();
    desk.door_mut()
        .undo_check_in(&org_access, &code, 1)
        .unwrap();
    clock.set(at("09:50"));
    let name = DoorAttendee {
        first_name: "José".into(),
        last_name: "García".into(),
        email: None,
    };
    desk.door_mut()
        .check_in(&org_access, &code, 2, Some(name))
        .unwrap();
    println!("wrote {} events", desk.stats().events);
    std::fs::write(
        fixture().with_extension("code"),
        format!("{}\n{code}\n", org.access_code),
    )
    .unwrap();
}

#[test]
fn every_event_type_is_in_a_fixture_at_schema_version_1() {
    // The offline door's event is in `v4-offline.redb` (tests/fixture_offline.rs),
    // the cancelled order in `v5-cancel.redb` (tests/fixture_cancel.rs),
    // SeatDeleted in `v5-seat-deleted.redb` (tests/fixture_seat_deleted.rs),
    // TicketsIssued in `v6-tickets.redb` (tests/fixture_tickets.rs).
    let door = [
        "AttendeeCheckedIn",
        "AttendeeCheckInUndone",
        "AttendeeCheckedInOffline",
        "OrderCancelled",
        "SeatDeleted",
        "TicketsIssued",
        // Staff codes, and schema v2 (with `by`) of OrderPlaced and the
        // three check-in events, are in `v6-staff.redb` (tests/fixture_staff.rs).
        "StaffCodeCreated",
        "StaffCodeRevoked",
        // Discount codes, and OrderTotalsCalculated v2, in `v6-discount.redb`
        // (tests/fixture_discount.rs).
        "DiscountCodeCreated",
        "DiscountCodeRedeemed",
        "DiscountCodeReleased",
        "DiscountCodeRevoked",
        // Issue 18.3: in `v6-money.redb` (tests/fixture_money.rs).
        "PaymentRefunded",
        "SoldSeatsReleased",
    ];
    // Events at a later version, each kept in a fixture at both: the older
    // in the fixtures above, the newer in `v6-money.redb` (PaymentCompleted,
    // OrderCancelled), `v6-discount.redb` or `v6-staff.redb`.
    let later: [(&str, u16); 7] = [
        ("PaymentCompleted", 2),
        ("OrderCancelled", 2),
        ("OrderTotalsCalculated", 2),
        ("OrderPlaced", 2),
        ("AttendeeCheckedIn", 2),
        ("AttendeeCheckInUndone", 2),
        ("AttendeeCheckedInOffline", 2),
    ];
    let known: Vec<&str> = V1_EVENT_TYPES.iter().chain(&door).copied().collect();
    for (name, version) in EVENT_TYPES {
        assert!(
            known.contains(name),
            "{name} is in no fixture: add one (keep the old ones)"
        );
        let expected = later.iter().find(|(n, _)| n == name).map_or(1, |(_, v)| *v);
        assert_eq!(
            *version, expected,
            "{name} changed version: add a fixture for it"
        );
    }
    assert_eq!(known.len(), EVENT_TYPES.len());
}

#[test]
fn the_checkin_fixture_replays_and_decodes_the_door_events() {
    let path = fixture();
    let before = std::fs::read(&path).expect("fixture present");
    let codes = std::fs::read_to_string(fixture().with_extension("code")).expect("code file");
    let mut codes = codes.lines();
    let (org_code, order_code) = (codes.next().unwrap(), codes.next().unwrap());
    let clock = ManualClock::new(start() + Duration::days(1));
    let mut desk = Desk::open_path(
        &path,
        OpenMode::ReadOnly,
        Arc::new(clock),
        Settings::default(),
    )
    .expect("the fixture opens");
    let org = OrganizerKey {
        slug: SLUG.into(),
        email: "ana@example.com".into(),
        access_code: org_code.into(),
    };
    let org_access = desk.authorize_organizer(&org).unwrap();
    let report = desk.verify().unwrap();
    assert!(report.violations.is_empty(), "{:?}", report.violations);
    assert_eq!(report.counts.get("AttendeeCheckedIn"), Some(&3));
    assert_eq!(report.counts.get("AttendeeCheckInUndone"), Some(&1));

    let order = desk
        .door()
        .door_find_order(&org_access, order_code)
        .unwrap();
    let seats: Vec<_> = order
        .seats
        .iter()
        .map(|s| {
            let who = s.attendee.as_ref().map(|a| a.first_name.as_str());
            (s.seat.position, s.seat_type.as_str(), who, s.checked_in_at)
        })
        .collect();
    assert_eq!(
        seats,
        vec![
            (0, "General admission", Some("Zoë"), Some(at("09:42"))),
            (1, "General admission", Some("さくら"), None),
            (2, "CQRS Workshop", Some("José"), Some(at("09:50"))),
        ]
    );
    let counts: Vec<_> = desk
        .door()
        .check_in_counts(&org_access)
        .to_vec()
        .into_iter()
        .map(|c| (c.checked_in, c.confirmed))
        .collect();
    assert_eq!(counts, vec![(1, 2), (1, 1), (0, 0)]);

    let mut door = Vec::new();
    desk.log()
        .read_all_from(1, &mut |r| {
            if r.event_type.starts_with("Attendee") {
                assert_eq!(r.schema_version, 1);
                door.push(decode_event(&r.event_type, r.schema_version, &r.payload).unwrap());
            }
            Ok(())
        })
        .unwrap();
    let decoded: Vec<_> = door
        .iter()
        .map(|e| match e {
            Event::AttendeeCheckedIn(e) => {
                assert_eq!(e.order_id, order.order_id);
                (e.position, Some(e.checked_in_at), e.seat_type)
            }
            Event::AttendeeCheckInUndone(e) => (e.position, None, e.seat_type),
            other => panic!("unexpected {other:?}"),
        })
        .collect();
    let seat_type = |p: usize| order.seats[p].seat_type_id;
    assert_eq!(
        decoded,
        vec![
            (0, Some(at("09:42")), seat_type(0)),
            (1, Some(at("09:43")), seat_type(1)),
            (1, None, seat_type(1)),
            (2, Some(at("09:50")), seat_type(2)),
        ]
    );
    drop(desk);
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "reading the fixture must not change it"
    );
}
