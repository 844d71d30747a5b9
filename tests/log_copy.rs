//! `log copy` (issue 15.4): a whole log copied between two stores — redb
//! file to file, a file onto PostgreSQL and back — keeps every event's
//! position, id, time and bytes, replays into the same read models, and is
//! refused by a destination that already holds events, which is left as it
//! was. Store level first ([`copy_log`]), then the CLI as a binary.
//!
//! The PostgreSQL tests SKIP without `CONFDESK_TEST_PG` (never under CI):
//! `scripts/test-pg.sh cargo test --test log_copy`.

mod common;
use common::cli::*;
use common::pg;

use chrono::{TimeZone as _, Utc};
use confdesk::app::{Desk, ManualClock, Settings};
use confdesk::store::{
    CopyReport, EventStore, NewEvent, OpenMode, PgLog, RecordedEvent, RedbLog, StoreError,
    StreamAppend, copy_log,
};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use uuid::Uuid;

const FIXTURES: [&str; 2] = ["v1.redb", "v1-checkin.redb"];

/// A copy of the fixture log `name` in a temp folder (fixtures are never
/// opened where they are).
fn fixture_copy(dir: &Path, name: &str) -> PathBuf {
    let from = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    let to = dir.join(name);
    std::fs::copy(&from, &to).unwrap();
    to
}

fn read_all(log: &dyn EventStore) -> Vec<RecordedEvent> {
    let mut out = Vec::new();
    log.read_all_from(1, &mut |e| {
        out.push(e);
        Ok(())
    })
    .unwrap();
    out
}

fn copy(from: &dyn EventStore, to: &dyn EventStore) -> Result<CopyReport, StoreError> {
    copy_log(from, to, &mut |_, _| {})
}

fn read_only(path: &Path) -> RedbLog {
    RedbLog::open(path, OpenMode::ReadOnly).unwrap()
}

fn create(path: &Path) -> RedbLog {
    RedbLog::open(path, OpenMode::Create).unwrap()
}

/// The read models a desk replays from `log`, at a fixed time.
fn models_of(log: Box<dyn EventStore>) -> confdesk::app::projections::ReadModels {
    let clock = Arc::new(ManualClock::new(common::start()));
    let desk = Desk::open(log, clock, Settings::default(), &mut |_, _| {}).unwrap();
    desk.read_models().clone()
}

/// One synthetic event; the store never looks inside the payload.
fn event(n: u64) -> NewEvent {
    NewEvent {
        event_id: Uuid::now_v7(),
        event_type: "Registered".to_owned(),
        schema_version: 1,
        correlation_id: Uuid::now_v7(),
        causation_id: Uuid::now_v7(),
        recorded_at: Utc
            .timestamp_opt(1_750_000_000 + n as i64, (n as u32) * 1_000)
            .single()
            .unwrap(),
        payload: format!("payload {n}").into_bytes(),
    }
}

/// Appends `events` events to `log`, two streams per append, streams
/// interleaved across 7 ids so runs of one stream are short.
fn fill(log: &dyn EventStore, events: u64) {
    let mut n = 0;
    while n < events {
        let batch: Vec<StreamAppend> = (0..2)
            .map(|s| {
                let stream = format!("attendee-{}", (n / 3 + s) % 7);
                let expected_version = log.stream_version(&stream).unwrap();
                let events = (0..3).map(|i| event(n + s * 3 + i)).collect();
                StreamAppend {
                    stream_id: stream,
                    expected_version,
                    events,
                }
            })
            .collect();
        log.append(&batch).unwrap();
        n += 6;
    }
}

#[test]
fn a_fixture_copied_file_to_file_keeps_every_position_id_and_time_and_the_source_untouched() {
    for name in FIXTURES {
        let dir = tempfile::tempdir().unwrap();
        let source_path = fixture_copy(dir.path(), name);
        let before = std::fs::read(&source_path).unwrap();
        let source = read_only(&source_path);
        let target = create(&dir.path().join("copy").join("archive.redb"));

        let report = copy(&source, &target).unwrap();

        let original = read_all(&source);
        let copied = read_all(&target);
        assert_eq!(copied, original, "{name}");
        let ids = |events: &[RecordedEvent]| -> Vec<(u64, Uuid, chrono::DateTime<Utc>)> {
            events
                .iter()
                .map(|e| (e.position, e.event_id, e.recorded_at))
                .collect()
        };
        assert_eq!(ids(&copied), ids(&original), "{name}");
        let streams: std::collections::BTreeSet<&str> =
            original.iter().map(|e| e.stream_id.as_str()).collect();
        assert_eq!(
            report,
            CopyReport {
                events: original.len() as u64,
                streams: streams.len() as u64,
                last_position: original.len() as u64,
                appended_meanwhile: 0,
            },
            "{name}"
        );
        assert!(report.events >= 30, "{name}: {report:?}");
        drop(source);
        assert_eq!(std::fs::read(&source_path).unwrap(), before, "{name}");
    }
}

#[test]
fn a_copied_log_replays_into_identical_read_models() {
    for name in FIXTURES {
        let dir = tempfile::tempdir().unwrap();
        let source_path = fixture_copy(dir.path(), name);
        let target_path = dir.path().join("archive.redb");
        copy(&read_only(&source_path), &create(&target_path)).unwrap();

        let original = models_of(Box::new(read_only(&source_path)));
        let copied = models_of(Box::new(read_only(&target_path)));
        assert!(
            !original.orders.is_empty(),
            "{name}: the fixture has orders"
        );
        assert_eq!(copied, original, "{name}");
    }
}

#[test]
fn a_non_empty_destination_is_refused_and_left_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let source = read_only(&fixture_copy(dir.path(), "v1.redb"));
    let target_path = fixture_copy(dir.path(), "v1-checkin.redb");
    let target = create(&target_path);
    let before = read_all(&target);

    let error = copy(&source, &target).unwrap_err();

    assert!(
        matches!(error, StoreError::DestinationNotEmpty { events, .. } if events == before.len() as u64),
        "{error:?}"
    );
    let said = error.to_string();
    assert!(said.contains(&target_path.display().to_string()), "{said}");
    assert!(said.contains("nothing was written"), "{said}");
    let after = read_all(&target);
    assert_eq!(after.len(), before.len());
    assert_eq!(after.last(), before.last());
}

#[test]
fn a_read_only_destination_is_refused_by_the_store() {
    let dir = tempfile::tempdir().unwrap();
    let source = read_only(&fixture_copy(dir.path(), "v1.redb"));
    let target_path = dir.path().join("empty.redb");
    drop(create(&target_path));
    let target = read_only(&target_path);

    let error = copy(&source, &target).unwrap_err();

    assert!(matches!(error, StoreError::ReadOnly { .. }), "{error:?}");
    assert_eq!(read_only(&target_path).last_position().unwrap(), 0);
}

#[test]
fn a_log_larger_than_a_batch_is_copied_in_order_with_progress() {
    let dir = tempfile::tempdir().unwrap();
    let source = create(&dir.path().join("big.redb"));
    fill(&source, 2_502);
    let target = create(&dir.path().join("copy.redb"));
    let mut seen = Vec::new();

    let report = copy_log(&source, &target, &mut |done, total| {
        seen.push((done, total))
    })
    .unwrap();

    assert_eq!(report.events, 2_502);
    assert_eq!(report.streams, 7);
    assert_eq!(read_all(&target), read_all(&source));
    // Copied in 3 batches, then checked: each event counts twice.
    assert_eq!(
        seen,
        [1_000, 2_000, 2_502, 3_502, 4_502, 5_004].map(|done| (done, 5_004))
    );
}

#[test]
fn a_source_that_grows_during_the_copy_is_copied_up_to_where_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let source = create(&dir.path().join("server.redb"));
    fill(&source, 1_200);
    let target = create(&dir.path().join("copy.redb"));
    let mut grew = false;

    // Another desk appends while the first batch is being copied.
    let report = copy_log(&source, &target, &mut |_, _| {
        if !grew {
            grew = true;
            fill(&source, 6);
        }
    })
    .unwrap();

    assert_eq!(report.last_position, 1_200);
    assert_eq!(report.appended_meanwhile, 6);
    assert_eq!(target.last_position().unwrap(), 1_200);
    assert_eq!(read_all(&target), source.read_range(1, 1_200).unwrap());
}

#[test]
fn a_destination_written_to_during_the_copy_stops_it_and_what_was_written_is_durable() {
    let dir = tempfile::tempdir().unwrap();
    let source = create(&dir.path().join("server.redb"));
    fill(&source, 2_400);
    let target_path = dir.path().join("copy.redb");
    let target = create(&target_path);
    let mut intruded = false;

    let error = copy_log(&source, &target, &mut |_, _| {
        if !intruded {
            intruded = true;
            let intruder = StreamAppend {
                stream_id: "intruder".to_owned(),
                expected_version: 0,
                events: (0..6).map(event).collect(),
            };
            target.append(&[intruder]).unwrap();
        }
    })
    .unwrap_err();

    let said = error.to_string();
    assert!(
        said.contains("positions 1001 to 2000 of the copy were stored at positions 1007 to 2006"),
        "{said}"
    );
    assert!(said.contains(&target_path.display().to_string()), "{said}");
    // Bulk mode was turned off on the way out: a second handle, which
    // sees only committed transactions, sees every event written.
    let reader = read_only(&target_path);
    assert_eq!(reader.last_position().unwrap(), 2_006);
}

/// A PostgreSQL log in a fresh database, or `None` without a server.
fn pg_log(hint: &str, mode: OpenMode) -> Option<(String, PgLog)> {
    let conninfo = pg::fresh_database(hint)?;
    let log = PgLog::open(&conninfo, mode).unwrap();
    Some((conninfo, log))
}

#[test]
fn a_file_copied_onto_postgresql_and_back_is_the_same_log() {
    let Some((conninfo, server)) = pg_log("copy_round_trip", OpenMode::Create) else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let source_path = fixture_copy(dir.path(), "v1-checkin.redb");
    let source = read_only(&source_path);
    let original = read_all(&source);

    let up = copy(&source, &server).unwrap();
    let back_path = dir.path().join("archive.redb");
    let down = copy(
        &PgLog::open(&conninfo, OpenMode::ReadOnly).unwrap(),
        &create(&back_path),
    )
    .unwrap();

    assert_eq!(up, down);
    assert_eq!(up.events, original.len() as u64);
    assert_eq!(read_all(&server), original);
    assert_eq!(read_all(&read_only(&back_path)), original);
    let models = models_of(Box::new(read_only(&source_path)));
    assert_eq!(models_of(Box::new(server)), models);
    assert_eq!(models_of(Box::new(read_only(&back_path))), models);
}

#[test]
fn a_postgresql_database_holding_a_log_is_refused_and_left_unchanged() {
    let Some((_, server)) = pg_log("copy_refused", OpenMode::Create) else {
        return;
    };
    fill(&server, 12);
    let before = read_all(&server);
    let dir = tempfile::tempdir().unwrap();
    let source = read_only(&fixture_copy(dir.path(), "v1.redb"));

    let error = copy(&source, &server).unwrap_err();

    assert!(
        matches!(&error, StoreError::DestinationNotEmpty { place, events: 12 } if place.starts_with("PostgreSQL database confdesk_test_copy_refused")),
        "{error:?}"
    );
    assert_eq!(read_all(&server), before);
}

// ---- The CLI ----

/// A desk with the CQRS Summit and one order, and where to copy it.
fn summit() -> (common::cli::Desk, PathBuf) {
    let desk = common::cli::Desk::new();
    desk.conference();
    let (id, code, _) = desk.place(&["General admission=2"]);
    desk.registrant(&id, &code);
    let copy = desk.dir.path().join("archive").join("copy.redb");
    (desk, copy)
}

fn copy_args<'a>(from: &'a str, to: &'a str) -> Vec<&'a str> {
    vec!["log", "copy", "--from", from, "--to", to]
}

fn events_in(path: &Path) -> u64 {
    read_only(path).last_position().unwrap()
}

fn streams_in(path: &Path) -> usize {
    let events = read_all(&read_only(path));
    let streams: std::collections::BTreeSet<String> =
        events.into_iter().map(|e| e.stream_id).collect();
    streams.len()
}

#[test]
fn cli_copy_says_what_it_copied_and_the_copy_answers_like_the_original() {
    let (desk, copy) = summit();
    let data = desk.data.display().to_string();
    let to = copy.display().to_string();
    let (events, streams) = (events_in(&desk.data), streams_in(&desk.data));

    let run = desk.run(&copy_args(&data, &to)).ok();

    assert_eq!(
        run.stdout.trim(),
        format!(
            "Copied {events} events ({streams} streams) from {data} to {to}, positions 1–{events}, every checksum checked."
        )
    );
    let list = ["--json", "conference", "list"];
    assert_eq!(
        run_with(&copy, T0, &list).ok().json(),
        desk.run(&list).ok().json()
    );
}

#[test]
fn cli_copy_json_counts_events_and_streams() {
    let (desk, copy) = summit();
    let data = desk.data.display().to_string();
    let to = copy.display().to_string();
    let events = events_in(&desk.data);

    let json = desk
        .run(&[&["--json"][..], &copy_args(&data, &to)].concat())
        .ok()
        .json();

    assert_eq!(
        keys(&json),
        [
            "appended_meanwhile",
            "checked",
            "events",
            "from",
            "last_position",
            "streams",
            "to"
        ]
    );
    assert_eq!(json["events"], events);
    assert_eq!(json["last_position"], events);
    assert_eq!(json["streams"], streams_in(&desk.data));
    assert_eq!(json["checked"], true);
    assert_eq!(json["from"], data.as_str());
    assert_eq!(json["to"], to.as_str());
    assert_eq!(events_in(&copy), events);
}

#[test]
fn cli_copy_into_a_log_that_holds_events_exits_4_and_changes_nothing() {
    let (desk, copy) = summit();
    let data = desk.data.display().to_string();
    let to = copy.display().to_string();
    desk.run(&copy_args(&data, &to)).ok();
    let before = read_all(&read_only(&copy));

    desk.run(&copy_args(&data, &to)).fails(4, "already holds");

    assert_eq!(read_all(&read_only(&copy)), before);
}

#[test]
fn cli_copy_from_a_missing_log_exits_3_and_creates_nothing() {
    let (desk, copy) = summit();
    let missing = desk.dir.path().join("nope.redb").display().to_string();

    desk.run(&copy_args(&missing, &copy.display().to_string()))
        .fails(3, "does not exist");

    assert!(!copy.exists());
    assert!(!copy.parent().unwrap().exists());
}

#[test]
fn cli_copy_to_a_bad_connection_string_exits_2() {
    let (desk, _) = summit();
    let data = desk.data.display().to_string();

    desk.run(&copy_args(&data, "postgresql://localhost:notaport/summit"))
        .fails(2, "--to: the connection string is not valid");
}

#[test]
fn cli_copies_onto_postgresql_and_back() {
    let Some(conninfo) = pg::fresh_database("cli_copy") else {
        return;
    };
    let (desk, copy) = summit();
    let data = desk.data.display().to_string();
    let to = copy.display().to_string();

    let up = desk
        .run(&[&["--json"][..], &copy_args(&data, &conninfo)].concat())
        .ok()
        .json();
    assert!(
        up["to"]
            .as_str()
            .unwrap()
            .starts_with("PostgreSQL database confdesk_test_cli_copy"),
        "{up}"
    );
    desk.run(&copy_args(&conninfo, &to)).ok();
    desk.run(&copy_args(&data, &conninfo))
        .fails(4, "already holds");

    assert_eq!(
        read_all(&read_only(&copy)),
        read_all(&read_only(&desk.data))
    );
}

#[test]
fn cli_copy_into_a_log_that_holds_events_leaves_its_file_byte_for_byte() {
    // An older log: a writable open would upgrade it to format 3.
    let (desk, _) = summit();
    let target = fixture_copy(desk.dir.path(), "v1.redb");
    let before = std::fs::read(&target).unwrap();

    desk.run(&copy_args(
        &desk.data.display().to_string(),
        &target.display().to_string(),
    ))
    .fails(4, "already holds 54 events");

    assert!(
        std::fs::read(&target).unwrap() == before,
        "the file changed"
    );
}

#[test]
fn cli_copy_from_a_log_damaged_past_the_first_batch_names_the_damage_and_the_partial_copy() {
    let dir = tempfile::tempdir().unwrap();
    let source = dir.path().join("damaged.redb");
    fill(&create(&source), 1_500);
    // Flip a bit in position 1,401's payload ("payload 1400"): its checksum
    // no longer matches.
    let mut bytes = std::fs::read(&source).unwrap();
    let needle = b"payload 1400";
    let at = bytes
        .windows(needle.len())
        .position(|w| w == needle)
        .unwrap();
    bytes[at] ^= 0x20;
    std::fs::write(&source, bytes).unwrap();
    let target = dir.path().join("copy.redb");

    let run = run_with(
        &dir.path().join("unused.redb"),
        T0,
        &copy_args(&source.display().to_string(), &target.display().to_string()),
    )
    .fails(1, "damaged");

    let said = run.stderr.trim();
    assert_eq!(said.lines().count(), 1, "{said}");
    assert!(said.contains("position 1401"), "{said}");
    assert!(
        said.contains(&format!(
            "the copy stopped with 1000 events in {}; remove that log",
            target.display()
        )),
        "{said}"
    );
    assert_eq!(events_in(&target), 1_000);
}
