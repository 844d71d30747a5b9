//! Opening a log for writing replays from a read-only handle while redb's
//! integrity check runs (src/app/opening.rs): the result must equal a plain
//! open-then-replay, and a damaged file must still be refused unchanged.

mod common;
use common::ByName as _;

use common::{journey_conference, open_desk};
use confdesk::app::{Desk, ManualClock, OrganizerKey, Settings};
use confdesk::store::{OpenMode, RedbLog};
use std::fs;
use std::sync::Arc;

fn sequential(path: &std::path::Path, clock: &ManualClock) -> Desk {
    let log = RedbLog::open(path, OpenMode::ReadWrite).expect("open");
    Desk::open(
        Box::new(log),
        Arc::new(clock.clone()),
        Settings::default(),
        &mut |_, _| {},
    )
    .expect("replay")
}

/// What the organizer screens show of `keys`' conferences, and the stats.
fn views(desk: &mut Desk, keys: &[OrganizerKey]) -> String {
    let mut out = format!("{:?}\n", desk.stats());
    for key in keys {
        let access = desk.authorize_organizer(key).expect("access");
        let organizer = desk.organizer();
        out += &format!(
            "{:?}\n",
            organizer.organizer_conference(&access).expect("conference")
        );
        out += &format!("{:?}\n", organizer.organizer_orders(&access));
        out += &format!("{:?}\n", organizer.organizer_attendees(&access));
    }
    out
}

#[test]
fn the_overlapped_open_equals_a_plain_replay_and_keeps_the_writer() {
    let mut t = open_desk();
    let keys = [
        journey_conference(&mut t.desk, "summit", 10),
        journey_conference(&mut t.desk, "second", 3),
    ];
    t.desk
        .place_order_named("summit", &[("General admission".to_string(), 3)])
        .expect("order");
    let before = views(&mut t.desk, &keys);
    t.reopen();
    assert_eq!(views(&mut t.desk, &keys), before);
    // The checked, writable handle is the one kept: appending works.
    let events = t.desk.stats().events;
    let access = t.desk.authorize_organizer(&keys[1]).expect("access");
    t.desk
        .organizer_mut()
        .set_published(&access, false)
        .expect("write after open");
    assert_eq!(t.desk.log().last_position().expect("position"), events + 1);
    let after = views(&mut t.desk, &keys);
    let (path, clock) = (t.path.clone(), t.clock.clone());
    drop(t.desk);
    let mut plain = sequential(&path, &clock);
    assert_eq!(views(&mut plain, &keys), after);
}

#[test]
fn a_damaged_log_is_refused_unchanged_by_the_overlapped_open() {
    let mut t = open_desk();
    journey_conference(&mut t.desk, "summit", 10);
    let path = t.path.clone();
    drop(t.desk);
    let mut bytes = fs::read(&path).expect("read");
    let needle = b"Additional cocktail party";
    let hits: Vec<usize> = bytes
        .windows(needle.len())
        .enumerate()
        .filter(|(_, w)| w == needle)
        .map(|(i, _)| i + 3)
        .collect();
    assert!(!hits.is_empty());
    for at in hits {
        bytes[at] ^= 0x01;
    }
    fs::write(&path, &bytes).expect("write");
    // Read-only, redb does not check pages: this is the overlapped path.
    drop(RedbLog::open(&path, OpenMode::ReadOnly).expect("read-only open"));
    let error = Desk::open_path(
        &path,
        OpenMode::ReadWrite,
        Arc::new(t.clock.clone()),
        Settings::default(),
    )
    .err()
    .expect("a damaged log is refused");
    assert!(
        error.to_string().contains(&path.display().to_string()),
        "{error}"
    );
    assert_eq!(fs::read(&path).expect("read"), bytes);
}
