//! Schema evolution guard for the offline door (issue 15 item 6):
//! `tests/fixtures/v4-offline.redb` holds `AttendeeCheckedInOffline`
//! (schema version 1) — two doors that checked the same seat in while the
//! server was gone, and an unnamed seat checked in offline and taken back
//! online — written once by the confdesk that introduced it. Every later
//! version must replay it to the state checked here and decode its events
//! to the values they were written with. Never regenerate it; add a new
//! fixture for a new version.
//!
//! To write it (once, deliberately): `CONFDESK_WRITE_FIXTURE=1 cargo test
//! --test fixture_offline -- --ignored write_offline_fixture`.

mod common;
use common::ByName as _;
use common::fixture::{OpenedFixture, open_fixture};

use chrono::{DateTime, Utc};
use common::{journey_conference, start};
use confdesk::app::ManualClock;
use confdesk::app::door_queue::{DoorQueue, OfflineCheckIn};
use confdesk::app::event_codec::decode_event;
use confdesk::domain::Event;
use std::path::PathBuf;
use uuid::Uuid;

const SLUG: &str = "offline-fixture";

fn fixture() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/v4-offline.redb")
}

fn at(hm: &str) -> DateTime<Utc> {
    format!("2026-11-25T{hm}:00Z").parse().unwrap()
}

#[test]
#[ignore = "writes the fixture; run deliberately"]
fn write_offline_fixture() {
    if std::env::var_os("CONFDESK_WRITE_FIXTURE").is_none() {
        return;
    }
    let path = fixture();
    let _ = std::fs::remove_file(&path);
    let clock = ManualClock::new(start());
    let mut desk = common::desk_at(&path, &clock);
    let org = journey_conference(&mut desk, SLUG, 10);
    let access = desk.authorize_organizer(&org).unwrap();
    let key = desk
        .place_order_named(SLUG, &[("General admission".to_string(), 2)])
        .unwrap();
    let code = key.access_code.clone();
    let mut r = desk.registration_mut();
    r.assign_registrant(&key, "민준", "김", "mj@example.kr")
        .unwrap();
    r.pay(&key, true).unwrap();
    r.assign_seat(&key, 0, "Zoë", "Ærø", "zoe@example.dk")
        .unwrap();
    // Two doors lost the server: both let Zoë in (09:42 at door-1, 09:43
    // at door-2); door-2 let the unnamed seat 1 in at 09:44. Back online,
    // both upload; door-2's seat 1 is then taken back online.
    let queue_dir = tempfile::tempdir().unwrap();
    let mut queue = DoorQueue::open(queue_dir.path()).unwrap();
    let check_in = |n: u128, position: u32, hm: &str, door: &str| OfflineCheckIn {
        id: Uuid::from_u128(n),
        order_id: key.order_id,
        order_code: code.clone(),
        position,
        at: at(hm),
        door: door.into(),
        by: confdesk::domain::staff_code::Actor::Organizer,
    };
    queue.push(check_in(1, 0, "09:42", "door-1")).unwrap();
    queue.push(check_in(2, 0, "09:43", "door-2")).unwrap();
    queue.push(check_in(3, 1, "09:44", "door-2")).unwrap();
    clock.set(at("10:00"));
    assert_eq!(queue.upload(&mut desk, &access, 10).unwrap().written, 3);
    desk.door_mut().undo_check_in(&access, &code, 1).unwrap();
    println!("wrote {} events", desk.stats().events);
    std::fs::write(
        fixture().with_extension("code"),
        format!("{}\n{code}\n", org.access_code),
    )
    .unwrap();
}

#[test]
fn the_offline_fixture_replays_with_the_seat_checked_in_twice() {
    let path = fixture();
    let OpenedFixture {
        desk,
        access,
        codes,
        before,
        counts,
    } = open_fixture(&path, SLUG);
    let order_code = codes[1].as_str();
    assert_eq!(counts.get("AttendeeCheckedInOffline"), Some(&3));

    let order = desk.door().door_find_order(&access, order_code).unwrap();
    let seats: Vec<_> = order
        .seats
        .iter()
        .map(|s| {
            let doors: Vec<_> = s.check_ins.iter().map(|c| c.door.clone()).collect();
            (
                s.seat.position,
                s.checked_in_at,
                s.checked_in_twice(),
                doors,
            )
        })
        .collect();
    let door = |d: &str| Some(d.to_owned());
    assert_eq!(
        seats,
        vec![
            (
                0,
                Some(at("09:42")),
                true,
                vec![door("door-1"), door("door-2")]
            ),
            (1, None, false, vec![]),
        ]
    );
    let counts = desk.door().check_in_counts(&access).to_vec();
    assert_eq!((counts[0].checked_in, counts[0].confirmed), (1, 2));

    let mut offline = Vec::new();
    desk.log()
        .read_all_from(1, &mut |r| {
            if r.event_type == "AttendeeCheckedInOffline" {
                assert_eq!(r.schema_version, 1);
                offline.push(decode_event(&r.event_type, r.schema_version, &r.payload).unwrap());
            }
            Ok(())
        })
        .unwrap();
    let decoded: Vec<_> = offline
        .iter()
        .map(|e| match e {
            Event::AttendeeCheckedInOffline(e) => {
                assert_eq!(e.order_id, order.order_id);
                assert_eq!(e.seat_type, order.seats[0].seat_type_id);
                (
                    e.check_in_id.as_u128(),
                    e.position,
                    e.checked_in_at,
                    e.door.as_str(),
                    e.duplicate,
                )
            }
            other => panic!("unexpected {other:?}"),
        })
        .collect();
    assert_eq!(
        decoded,
        vec![
            (1, 0, at("09:42"), "door-1", false),
            (2, 0, at("09:43"), "door-2", true),
            (3, 1, at("09:44"), "door-2", false),
        ]
    );
    drop(desk);
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "reading the fixture must not change it"
    );
}
