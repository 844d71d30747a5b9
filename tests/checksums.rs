//! Never misread the log (issue 13, items 2 and 3): a number read from the
//! file is never trusted as a size, a damaged event is never shown as good
//! data (format 3 checksums every event), the storage engine's panics reach
//! the user as one clear line, and `verify` runs redb's integrity check.
//! Older formats (1 and 2) still read as they are and are upgraded by a
//! writable open.

mod common;
use common::ByName as _;

use common::cli::*;
use confdesk::app::{Desk, ManualClock, Settings};
use confdesk::store::{EventStore, OpenMode, RecordedEvent, RedbLog, StoreError};
use rand::{Rng, SeedableRng};
use redb::{ReadableDatabase, ReadableTable, TableDefinition};
use std::fs;
use std::path::Path;
use std::sync::Arc;

const EVENTS: TableDefinition<u64, &[u8]> = TableDefinition::new("events");
const STREAM_INDEX: TableDefinition<(&str, u64), u64> = TableDefinition::new("stream_index");
const META: TableDefinition<&str, &[u8]> = TableDefinition::new("meta");

/// A CQRS Summit log: the conference, a paid order with its registrant, and
/// an order left reserved. Returns the desk, the organizer's code and the
/// paid order's (id, code).
fn summit() -> (common::cli::Desk, String, (String, String)) {
    let d = common::cli::Desk::new();
    let code = d.conference();
    let (id, oc, _) = d.place(&["General admission=2", "Workshop=1"]);
    d.registrant(&id, &oc);
    d.run(&["order", "pay", "--order", &id, "--access-code", &oc])
        .ok();
    d.place(&["General admission=1"]);
    (d, code, (id, oc))
}

/// Every read-only command, as arguments.
fn read_commands(code: &str, id: &str, oc: &str) -> Vec<Vec<String>> {
    let own = |v: Vec<&str>| v.into_iter().map(String::from).collect::<Vec<_>>();
    vec![
        own(vec!["conference", "list"]),
        own(vec!["--json", "conference", "list"]),
        own(org(&["conference", "show"], code)),
        own(org(&["orders", "list"], code)),
        own(vec!["order", "show", "--order", id, "--access-code", oc]),
        own(org(&["attendees", "list"], code)),
        own(vec!["verify"]),
    ]
}

fn run_all(d: &common::cli::Desk, commands: &[Vec<String>]) -> Vec<Run> {
    commands
        .iter()
        .map(|c| d.run(&c.iter().map(String::as_str).collect::<Vec<_>>()))
        .collect()
}

fn flip(path: &Path, bit: usize) {
    let mut bytes = fs::read(path).unwrap();
    bytes[bit / 8] ^= 1 << (bit % 8);
    fs::write(path, bytes).unwrap();
}

fn find_all(haystack: &[u8], needle: &[u8]) -> Vec<usize> {
    haystack
        .windows(needle.len())
        .enumerate()
        .filter(|(_, w)| *w == needle)
        .map(|(i, _)| i)
        .collect()
}

/// The tester's flip: "General admission" read as "general admission".
/// Every read-only command must refuse the log with a message naming the
/// damaged position, never show the altered name.
#[test]
fn a_flipped_bit_in_a_seat_type_name_is_reported_by_every_read_command() {
    let (d, code, (id, oc)) = summit();
    let commands = read_commands(&code, &id, &oc);
    let clean = run_all(&d, &commands);
    for run in &clean {
        assert_eq!(run.code, 0, "{}", run.stderr);
    }
    let bytes = fs::read(&d.data).unwrap();
    let hits = find_all(&bytes, b"General admission");
    assert!(!hits.is_empty());
    // Old copies may sit in pages redb freed: the live one changes output.
    let mut refused = 0;
    for at in hits {
        flip(&d.data, at * 8 + 5); // 'G' ^ 0x20 = 'g'
        for (command, (run, clean)) in commands
            .iter()
            .zip(run_all(&d, &commands).iter().zip(&clean))
        {
            assert!(
                !run.stdout.contains("general admission"),
                "{command:?}: {}",
                run.stdout
            );
            if run.code == 0 {
                assert_eq!(run.stdout, clean.stdout, "{command:?}");
                continue;
            }
            refused += 1;
            assert!(
                run.stderr.contains("damaged"),
                "{command:?}: {}",
                run.stderr
            );
            assert!(
                run.stderr.contains("position"),
                "{command:?}: {}",
                run.stderr
            );
            assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
        }
        flip(&d.data, at * 8 + 5);
    }
    assert!(refused >= commands.len(), "the live copy was never flipped");
}

/// What a reading desk shows, or `None` when it refuses the log.
fn shown(path: &Path) -> Option<(confdesk::app::projections::ReadModels, u64)> {
    let clock = Arc::new(ManualClock::new(common::start()));
    let desk = Desk::open_path(path, OpenMode::ReadOnly, clock, Settings::default()).ok()?;
    let events = desk.stats().events;
    Some((desk.read_models().clone(), events))
}

/// Counts of what flips did: refused, or no change to what is shown.
#[derive(Debug, Default)]
struct Outcomes {
    refused: u32,
    unchanged: u32,
}

fn classify(
    path: &Path,
    bit: usize,
    clean: &(confdesk::app::projections::ReadModels, u64),
    out: &mut Outcomes,
) {
    flip(path, bit);
    match shown(path) {
        None => out.refused += 1,
        Some(seen) => {
            assert!(seen == *clean, "bit {bit} silently changed what is shown");
            out.unchanged += 1;
        }
    }
    flip(path, bit);
}

/// EVERY single-bit flip over the stored bytes of an event (all its copies
/// in the file) is refused or changes nothing a reader shows.
#[test]
fn every_bit_flip_in_a_stored_event_is_refused_or_harmless() {
    let (d, _, _) = summit();
    let clean = shown(&d.data).unwrap();
    let stored: Vec<Vec<u8>> = {
        let db = redb::ReadOnlyDatabase::open(&d.data).unwrap();
        let txn = db.begin_read().unwrap();
        let events = txn.open_table(EVENTS).unwrap();
        [1_u64, 5, clean.1]
            .iter()
            .map(|p| events.get(*p).unwrap().unwrap().value().to_vec())
            .collect()
    };
    let bytes = fs::read(&d.data).unwrap();
    let mut out = Outcomes::default();
    let mut flips = 0;
    for value in &stored {
        let hits = find_all(&bytes, value);
        assert!(!hits.is_empty());
        for at in hits {
            for bit in at * 8..(at + value.len()) * 8 {
                classify(&d.data, bit, &clean, &mut out);
                flips += 1;
            }
        }
    }
    println!("{flips} flips over 3 stored events: {out:?}");
    assert!(out.refused > 0);
}

/// A large seeded sample of single-bit flips anywhere in the file: each is
/// refused or changes nothing a reader shows. (A flip in a page redb has
/// freed, or in the stream index the replay does not read, changes nothing.)
#[test]
fn random_bit_flips_over_the_whole_file_are_refused_or_harmless() {
    let (d, _, _) = summit();
    let clean = shown(&d.data).unwrap();
    let bits = fs::metadata(&d.data).unwrap().len() as usize * 8;
    let mut rng = rand::rngs::StdRng::seed_from_u64(13);
    let mut out = Outcomes::default();
    // CONFDESK_FLIPS runs a larger sample once (the report quotes 20,000).
    let flips: usize = std::env::var("CONFDESK_FLIPS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(3000);
    for _ in 0..flips {
        classify(&d.data, rng.random_range(0..bits), &clean, &mut out);
    }
    println!("{flips} random flips over {} bytes: {out:?}", bits / 8);
}

/// The tester's crash: the last position's key flipped to a huge number in
/// a 12-event log made `verify` try to allocate 131 PB and abort. Built
/// deterministically: the last event moved to key `12 | 1 << 56`.
#[test]
fn a_flipped_last_position_is_reported_as_damage_not_trusted() {
    let d = common::cli::Desk::new();
    d.conference();
    let last = RedbLog::open(&d.data, OpenMode::ReadOnly)
        .unwrap()
        .last_position()
        .unwrap();
    let flipped = last | 1 << 56;
    {
        let db = redb::Database::open(&d.data).unwrap();
        let txn = db.begin_write().unwrap();
        {
            let mut events = txn.open_table(EVENTS).unwrap();
            let value = events.remove(last).unwrap().unwrap().value().to_vec();
            events.insert(flipped, value.as_slice()).unwrap();
        }
        txn.commit().unwrap();
    }
    for args in [
        &["verify"][..],
        &["conference", "list"],
        &["order", "place", "--slug", SLUG, "--seat", "Workshop=1"],
    ] {
        let run = d.run(args);
        assert_eq!(run.code, 1, "{args:?}: {}", run.stderr);
        assert!(run.stderr.contains("damaged"), "{}", run.stderr);
        assert!(
            run.stderr.contains(&format!("position {flipped}")),
            "{}",
            run.stderr
        );
        assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    }
}

/// A flip that makes redb itself panic, found by search: the user sees one
/// line, without the panic's text or a backtrace, even with
/// `RUST_BACKTRACE=1`.
#[test]
fn a_storage_engine_panic_reaches_the_user_as_one_line() {
    let (d, _, _) = summit();
    let len = fs::metadata(&d.data).unwrap().len() as usize;
    let mut rng = rand::rngs::StdRng::seed_from_u64(2);
    let mut tries = 0;
    let bit = loop {
        tries += 1;
        assert!(tries < 20_000, "no flip made the engine panic");
        let bit = rng.random_range(0..len * 8);
        flip(&d.data, bit);
        let panicked = RedbLog::open(&d.data, OpenMode::ReadOnly).map(|log| {
            let mut sink = |_: RecordedEvent| Ok(());
            log.read_all_from(1, &mut sink)
        });
        let text = match panicked {
            Err(e) | Ok(Err(e)) => e.to_string(),
            Ok(Ok(())) => String::new(),
        };
        if text.contains("the storage engine could not read it") {
            break bit;
        }
        flip(&d.data, bit);
    };
    println!("bit {bit} makes the engine panic (found after {tries} tries)");
    let logs = tempfile::tempdir().unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_confdesk"))
        .args(["conference", "list"])
        .env("CONFDESK_DATA", &d.data)
        .env("CONFDESK_NOW", T0)
        .env("CONFDESK_LOG_DIR", logs.path())
        .env("RUST_BACKTRACE", "1")
        .output()
        .unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    for leak in ["panicked", "btree", "stack backtrace", ".rs:"] {
        assert!(!stderr.contains(leak), "{stderr}");
    }
    assert!(stderr.contains("damaged"), "{stderr}");
    // A panic the store catches is a damaged log, not a crash of confdesk.
    assert!(
        !logs.path().join("crash").exists(),
        "no crash report for a caught storage panic"
    );
}

/// A log whose tail was cut off passed `verify`; redb's integrity check
/// (on a temporary copy) now reports it.
#[test]
fn a_truncated_log_fails_verify() {
    let (d, _, _) = summit();
    d.run(&["verify"]).ok();
    let bytes = fs::read(&d.data).unwrap();
    let mut failed = 0;
    for cut in [1, 4096, bytes.len() / 4] {
        fs::write(&d.data, &bytes[..bytes.len() - cut]).unwrap();
        let run = d.run(&["verify"]);
        assert_ne!(run.code, 0, "cut {cut}: {}", run.stdout);
        assert!(run.stderr.contains("damaged"), "cut {cut}: {}", run.stderr);
        failed += 1;
    }
    assert_eq!(failed, 3);
    fs::write(&d.data, &bytes).unwrap();
    let ok = d.run(&["verify"]).ok().stdout;
    assert!(ok.contains("temporary copy"), "{ok}");
}

/// Rewrites a format-3 log at `path` as format 2: no checksums.
fn downgrade_to_v2(path: &Path) {
    let db = redb::Database::open(path).unwrap();
    let txn = db.begin_write().unwrap();
    {
        let mut events = txn.open_table(EVENTS).unwrap();
        let all: Vec<(u64, Vec<u8>)> = events
            .iter()
            .unwrap()
            .map(|e| {
                let (k, v) = e.unwrap();
                (k.value(), v.value().to_vec())
            })
            .collect();
        for (position, value) in all {
            events.insert(position, &value[..value.len() - 4]).unwrap();
        }
        let mut meta = txn.open_table(META).unwrap();
        meta.insert("format_version", 2_u32.to_le_bytes().as_slice())
            .unwrap();
    }
    txn.commit().unwrap();
}

fn format_version(path: &Path) -> u32 {
    let db = redb::ReadOnlyDatabase::open(path).unwrap();
    let txn = db.begin_read().unwrap();
    let meta = txn.open_table(META).unwrap();
    let bytes = meta
        .get("format_version")
        .unwrap()
        .unwrap()
        .value()
        .to_vec();
    u32::from_le_bytes(bytes.try_into().unwrap())
}

/// Every stored value of the log at `path` ends with the CRC-32 of the rest.
fn all_checksummed(path: &Path) -> usize {
    let db = redb::ReadOnlyDatabase::open(path).unwrap();
    let txn = db.begin_read().unwrap();
    let events = txn.open_table(EVENTS).unwrap();
    let mut n = 0;
    for item in events.iter().unwrap() {
        let (_, v) = item.unwrap();
        let v = v.value();
        let (body, crc) = v.split_at(v.len() - 4);
        assert_eq!(crc32fast::hash(body).to_le_bytes(), crc);
        n += 1;
    }
    n
}

fn read_all(path: &Path, mode: OpenMode) -> Vec<RecordedEvent> {
    let log = RedbLog::open(path, mode).unwrap();
    let mut out = Vec::new();
    log.read_all_from(1, &mut |e| {
        out.push(e);
        Ok(())
    })
    .unwrap();
    out
}

/// A format-2 log (no checksums) reads as it is, replays identically, and
/// a writable open upgrades it to format 3 in one step.
#[test]
fn a_version_2_log_reads_as_is_and_is_upgraded_to_3_when_opened_for_writing() {
    let (d, _, _) = summit();
    assert_eq!(format_version(&d.data), 3);
    let v3_events = read_all(&d.data, OpenMode::ReadOnly);
    let v3_shown = shown(&d.data).unwrap();
    downgrade_to_v2(&d.data);
    assert_eq!(format_version(&d.data), 2);
    let before = fs::read(&d.data).unwrap();
    assert_eq!(read_all(&d.data, OpenMode::ReadOnly), v3_events);
    assert!(shown(&d.data).unwrap() == v3_shown);
    assert_eq!(fs::read(&d.data).unwrap(), before, "a reader wrote");
    assert_eq!(read_all(&d.data, OpenMode::ReadWrite), v3_events);
    assert_eq!(format_version(&d.data), 3);
    assert_eq!(all_checksummed(&d.data), v3_events.len());
    assert!(shown(&d.data).unwrap() == v3_shown);
}

/// The v1 fixture: read as it is, then upgraded straight to format 3 with
/// every event checksummed, the same events before and after.
#[test]
fn the_version_1_fixture_is_upgraded_to_3_with_every_event_checksummed() {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/v1.redb");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v1.redb");
    fs::copy(&fixture, &path).unwrap();
    let v1 = read_all(&path, OpenMode::ReadOnly);
    assert_eq!(read_all(&path, OpenMode::ReadWrite), v1);
    assert_eq!(format_version(&path), 3);
    assert_eq!(all_checksummed(&path), v1.len());
}

/// Position keys are not covered by the checksum: a gap in the positions,
/// or an index entry pointing at another stream's event, is damage naming
/// the position.
#[test]
fn a_gap_in_positions_or_a_wrong_index_entry_is_damage() {
    let (d, _, _) = summit();
    let events = read_all(&d.data, OpenMode::ReadOnly);
    let other = events
        .iter()
        .find(|e| e.stream_id != events[0].stream_id)
        .unwrap()
        .position;
    {
        let db = redb::Database::open(&d.data).unwrap();
        let txn = db.begin_write().unwrap();
        txn.open_table(STREAM_INDEX)
            .unwrap()
            .insert((events[0].stream_id.as_str(), 1), other)
            .unwrap();
        txn.commit().unwrap();
    }
    let log = RedbLog::open(&d.data, OpenMode::ReadOnly).unwrap();
    let error = log.read_stream(&events[0].stream_id).unwrap_err();
    assert!(matches!(error, StoreError::Corrupt { .. }), "{error:?}");
    assert!(
        error.to_string().contains(&format!("position {other}")),
        "{error}"
    );
    drop(log);
    {
        let db = redb::Database::open(&d.data).unwrap();
        let txn = db.begin_write().unwrap();
        txn.open_table(EVENTS).unwrap().remove(5).unwrap();
        txn.commit().unwrap();
    }
    let log = RedbLog::open(&d.data, OpenMode::ReadOnly).unwrap();
    let error = log.read_all_from(1, &mut |_| Ok(())).unwrap_err();
    assert!(error.to_string().contains("position 5"), "{error}");
    let error = log.read_range(3, 8).unwrap_err();
    assert!(error.to_string().contains("position 5"), "{error}");
    drop(log);
    let run = d.run(&["conference", "list"]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(run.stderr.contains("position 5"), "{}", run.stderr);
}

/// `verify` beside a running writer (the window): the storage check runs on
/// a copy of a file a writer holds open, and must not call it damaged.
#[test]
fn verify_beside_a_writer_checks_a_copy_and_passes() {
    let (d, _, _) = summit();
    let writer = RedbLog::open(&d.data, OpenMode::ReadWrite).unwrap();
    let before = fs::read(&d.data).unwrap();
    let out = d.run(&["verify"]).ok().stdout;
    assert!(out.contains("temporary copy"), "{out}");
    assert!(out.contains("): passed"), "{out}");
    assert_eq!(
        fs::read(&d.data).unwrap(),
        before,
        "verify wrote to the log"
    );
    drop(writer);
}

/// `verify` on a read-only desk while a writer (the window) keeps appending:
/// events committed after the replay are not a violation; a log that ends
/// *before* what was replayed would be (checked by the open itself).
#[test]
fn verify_of_a_reader_is_not_fooled_by_a_writer_appending_after_its_replay() {
    let mut t = common::open_desk();
    common::journey_conference(&mut t.desk, "cqrs-summit", 100);
    let reader = Desk::open_path(
        &t.path,
        OpenMode::ReadOnly,
        Arc::new(t.clock.clone()),
        Settings::default(),
    )
    .unwrap();
    let replayed = reader.stats().events;
    t.desk
        .place_order_named("cqrs-summit", &[("CQRS Workshop".to_owned(), 1)])
        .unwrap();
    assert!(t.desk.stats().events > replayed, "the writer appended");
    let report = reader.verify().unwrap();
    assert!(report.violations.is_empty(), "{:?}", report.violations);
}
