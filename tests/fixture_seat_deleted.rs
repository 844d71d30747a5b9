//! Schema evolution guard for removing a seat type (issue 16 item 12):
//! `tests/fixtures/v5-seat-deleted.redb` holds `SeatDeleted` (schema
//! version 1) — the journey conference whose CQRS Workshop was removed
//! before anyone held a seat of it — written once by the confdesk that
//! introduced it. Every later version must replay it to the state checked
//! here and decode the event to the values it was written with. Never
//! regenerate it; add a new fixture for a new version.
//!
//! To write it (once, deliberately): `CONFDESK_WRITE_FIXTURE=1 cargo test
//! --test fixture_seat_deleted -- --ignored write_seat_deleted_fixture`.

mod common;
use common::ByName as _;
use common::fixture::{OpenedFixture, open_fixture};

use common::{journey_conference, start};
use confdesk::app::event_codec::decode_event;
use confdesk::app::{ManualClock, UserCommand};
use confdesk::domain::Event;
use std::path::PathBuf;

const SLUG: &str = "seat-deleted-fixture";

fn fixture() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/v5-seat-deleted.redb")
}

#[test]
#[ignore = "writes the fixture; run deliberately"]
fn write_seat_deleted_fixture() {
    if std::env::var_os("CONFDESK_WRITE_FIXTURE").is_none() {
        return;
    }
    let path = fixture();
    let _ = std::fs::remove_file(&path);
    let clock = ManualClock::new(start());
    let mut desk = common::desk_at(&path, &clock);
    let org = journey_conference(&mut desk, SLUG, 10);
    let access = desk.authorize_organizer(&org).unwrap();
    let workshop = desk.seat_type_id(SLUG, "CQRS Workshop");
    desk.run(UserCommand::RemoveSeatType {
        access,
        seat_type: workshop,
    })
    .unwrap();
    println!("wrote {} events", desk.stats().events);
    std::fs::write(
        fixture().with_extension("code"),
        format!("{}\n{workshop}\n", org.access_code),
    )
    .unwrap();
}

#[test]
fn the_seat_deleted_fixture_replays_without_the_removed_seat_type() {
    let path = fixture();
    let OpenedFixture {
        desk,
        access,
        codes,
        before,
        counts,
    } = open_fixture(&path, SLUG);
    let workshop = codes[1].as_str();
    assert_eq!(counts.get("SeatDeleted"), Some(&1));
    let view = desk.organizer().organizer_conference(&access).unwrap();
    let seats: Vec<_> = view
        .seat_types
        .iter()
        .map(|s| (s.name.as_str(), s.quota, s.left))
        .collect();
    assert_eq!(
        seats,
        [
            ("General admission", 10, 10),
            ("Additional cocktail party", 100, 100)
        ]
    );
    let mut deleted = Vec::new();
    desk.log()
        .read_all_from(1, &mut |r| {
            if r.event_type == "SeatDeleted" {
                assert_eq!(r.schema_version, 1);
                deleted.push(decode_event(&r.event_type, r.schema_version, &r.payload).unwrap());
            }
            Ok(())
        })
        .unwrap();
    let [Event::SeatDeleted(e)] = deleted.as_slice() else {
        panic!("{deleted:?}")
    };
    assert_eq!(e.conference_id, view.id);
    assert_eq!(e.seat_type.to_string(), workshop);
    drop(desk);
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "reading the fixture must not change it"
    );
}
