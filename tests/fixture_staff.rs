//! Schema evolution guard for staff codes (issue 18 item 2):
//! `tests/fixtures/v6-staff.redb` holds `StaffCodeCreated` and
//! `StaffCodeRevoked` at schema version 1 and `OrderPlaced`,
//! `AttendeeCheckedIn`, `AttendeeCheckInUndone` and
//! `AttendeeCheckedInOffline` at schema version 2 (with `by`): a door code
//! "Door 2" and a desk code "Desk 1"; the desk code sold an order of two
//! General seats (paid, both named); the door code checked seat 1 in, took
//! it back and checked it in again, and recorded seat 2's offline
//! check-in; then "Desk 1" was revoked. Every later version must replay it
//! to the state checked here. Never regenerate it; add a new fixture for a
//! new version. (The older fixtures, with v1 of those four events, are
//! upcast: their tests check they replay as before.)
//!
//! To write it (once, deliberately): `CONFDESK_WRITE_FIXTURE=1 cargo test
//! --test fixture_staff -- --ignored write_staff_fixture`.

mod common;
use common::fixture::{OpenedFixture, fixture_path, open_fixture};
use common::{ByName as _, journey_conference, start};

use chrono::Duration;
use confdesk::app::door_queue::OfflineCheckIn;
use confdesk::app::history::HistoryAccess;
use confdesk::app::{ManualClock, OrderKey, Outcome, StaffKey, UserCommand};
use confdesk::domain::staff_code::{Actor, StaffRole};
use std::path::PathBuf;

const SLUG: &str = "staff-fixture";

fn fixture() -> PathBuf {
    fixture_path("v6-staff.redb")
}

#[test]
#[ignore = "writes the fixture; run deliberately"]
fn write_staff_fixture() {
    if std::env::var_os("CONFDESK_WRITE_FIXTURE").is_none() {
        return;
    }
    let path = fixture();
    let _ = std::fs::remove_file(&path);
    let clock = ManualClock::new(start());
    let mut desk = common::desk_at(&path, &clock);
    let org = journey_conference(&mut desk, SLUG, 10);
    let access = desk.authorize_organizer(&org).unwrap();
    let add = |desk: &mut confdesk::app::Desk, role, label: &str| {
        let Ok(Outcome::StaffCodeCreated(new)) = desk.run(UserCommand::CreateStaffCode {
            access: access.clone(),
            role,
            label: label.into(),
        }) else {
            panic!("staff code")
        };
        new
    };
    let door_code = add(&mut desk, StaffRole::Door, "Door 2");
    let desk_code = add(&mut desk, StaffRole::Desk, "Desk 1");
    let staff = |desk: &mut confdesk::app::Desk, code: &str| {
        desk.authorize_staff(&StaffKey {
            slug: SLUG.into(),
            code: code.into(),
        })
        .unwrap()
    };
    let sell = staff(&mut desk, &desk_code.code);
    let door = staff(&mut desk, &door_code.code);
    let general = desk.seat_type_id(SLUG, "General admission");
    clock.advance(Duration::minutes(1));
    let Ok(Outcome::OrderPlaced(order)) = desk.run(UserCommand::Sell {
        access: sell,
        seats: vec![(general, 2)],
    }) else {
        panic!("sold")
    };
    let mut r = desk.registration_mut();
    r.assign_registrant(&order, "민준", "김", "mj@example.kr")
        .unwrap();
    r.pay(&order, true).unwrap();
    r.assign_seat(&order, 0, "민준", "김", "mj@example.kr")
        .unwrap();
    r.assign_seat(&order, 1, "Lucía", "Núñez", "lucia@example.com")
        .unwrap();
    clock.advance(Duration::minutes(30));
    let check_in = |desk: &mut confdesk::app::Desk| {
        desk.run(UserCommand::CheckIn {
            access: door.clone(),
            order_code: order.access_code.clone(),
            position: 0,
            attendee: None,
        })
        .unwrap()
    };
    check_in(&mut desk);
    desk.run(UserCommand::UndoCheckIn {
        access: door.clone(),
        order_code: order.access_code.clone(),
        position: 0,
    })
    .unwrap();
    clock.advance(Duration::minutes(1));
    check_in(&mut desk);
    desk.run(UserCommand::RecordOfflineCheckIn {
        access: door.clone(),
        check_in: OfflineCheckIn {
            id: uuid::Uuid::from_u128(42),
            order_id: order.order_id,
            order_code: order.access_code.clone(),
            position: 1,
            at: start() + Duration::minutes(33),
            door: "door-2".into(),
            by: door.actor(),
        },
    })
    .unwrap();
    desk.run(UserCommand::RevokeStaffCode {
        access: access.clone(),
        staff_code: desk_code.id,
    })
    .unwrap();
    println!("wrote {} events", desk.stats().events);
    std::fs::write(
        fixture().with_extension("code"),
        format!(
            "{}\n{}\n{}\n{}\n{}\n{}\n{}\n",
            org.access_code,
            door_code.code,
            desk_code.code,
            door_code.id,
            desk_code.id,
            order.order_id,
            order.access_code
        ),
    )
    .unwrap();
}

#[test]
fn the_staff_fixture_replays_with_its_codes_and_who_did_what() {
    let path = fixture();
    let OpenedFixture {
        mut desk,
        access,
        codes,
        before,
        counts,
    } = open_fixture(&path, SLUG);
    let [
        _,
        door_code,
        _desk_code,
        door_id,
        desk_id,
        order_id,
        order_code,
    ] = &codes[..]
    else {
        panic!("the code file has seven lines: {codes:?}")
    };
    assert_eq!(counts.get("StaffCodeCreated"), Some(&2));
    assert_eq!(counts.get("StaffCodeRevoked"), Some(&1));
    let staff = |desk: &mut confdesk::app::Desk, code: &str| {
        desk.authorize_staff(&StaffKey {
            slug: SLUG.into(),
            code: code.into(),
        })
    };
    let door = staff(&mut desk, door_code).expect("the door code still opens");
    assert_eq!(
        door.staff_code().map(|(id, role)| (id.to_string(), role)),
        Some((door_id.clone(), StaffRole::Door))
    );
    // The revoked desk code is not tried here: a wrong try would write
    // the access file beside the fixture (tests/staff_codes.rs covers it).
    let listed = desk.organizer().staff_codes(&access).unwrap();
    let labels: Vec<(&str, bool)> = listed
        .iter()
        .map(|c| (c.label.as_str(), c.is_live()))
        .collect();
    assert_eq!(labels, [("Door 2", true), ("Desk 1", false)]);

    let order = OrderKey {
        order_id: confdesk::domain::OrderId(order_id.parse().unwrap()),
        access_code: order_code.clone(),
    };
    assert_eq!(
        desk.registration().order(&order).unwrap().status.as_str(),
        "confirmed"
    );
    let seats = desk
        .door()
        .door_find_order(&door, order_code)
        .unwrap()
        .seats;
    assert!(seats.iter().all(|s| s.checked_in_at.is_some()), "{seats:?}");
    let history = desk
        .order_history(&HistoryAccess::Organizer(access, order.order_id))
        .unwrap();
    let mut by = Vec::new();
    for h in &history {
        use confdesk::domain::Event as E;
        let (actor, version) = match &h.event {
            E::OrderPlaced(e) => (e.by, "OrderPlaced"),
            E::AttendeeCheckedIn(e) => (e.by, "AttendeeCheckedIn"),
            E::AttendeeCheckInUndone(e) => (e.by, "AttendeeCheckInUndone"),
            E::AttendeeCheckedInOffline(e) => (e.by, "AttendeeCheckedInOffline"),
            _ => continue,
        };
        let label = match actor {
            Actor::Staff(id) if id.to_string() == *door_id => "Door 2",
            Actor::Staff(id) if id.to_string() == *desk_id => "Desk 1",
            other => panic!("{other:?}"),
        };
        by.push((version, label));
    }
    assert_eq!(
        by,
        [
            ("OrderPlaced", "Desk 1"),
            ("AttendeeCheckedIn", "Door 2"),
            ("AttendeeCheckInUndone", "Door 2"),
            ("AttendeeCheckedIn", "Door 2"),
            ("AttendeeCheckedInOffline", "Door 2"),
        ]
    );
    let lines: Vec<String> = history.iter().map(|h| h.description.clone()).collect();
    assert!(
        lines.contains(&"Check-in of seat 1 taken back, by Door 2".to_string()),
        "{lines:#?}"
    );
    let mut versions = std::collections::BTreeMap::new();
    desk.log()
        .read_all_from(1, &mut |r| {
            versions.insert(r.event_type.clone(), r.schema_version);
            Ok(())
        })
        .unwrap();
    for name in [
        "OrderPlaced",
        "AttendeeCheckedIn",
        "AttendeeCheckInUndone",
        "AttendeeCheckedInOffline",
    ] {
        assert_eq!(versions.get(name), Some(&2), "{name}");
    }
    assert_eq!(versions.get("StaffCodeCreated"), Some(&1));
    drop(desk);
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "reading the fixture must not change it"
    );
}
