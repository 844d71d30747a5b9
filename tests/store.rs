//! Integration tests of the event log through the public API: one contract
//! suite run against both stores (the redb file and PostgreSQL), so the
//! two can't drift; then what only PostgreSQL has (idempotent retries,
//! concurrent desks, its schema checks); then redb's own file handling.
//!
//! The PostgreSQL tests need a server: `CONFDESK_TEST_PG` holds a
//! connection string (`scripts/test-pg.sh` starts a throwaway server and sets
//! it); when it is unset they print SKIP and pass (CI sets it, and fails
//! instead: `tests/common/pg.rs`).

mod common;

use common::pg;
use std::fs;
use std::path::{Path, PathBuf};

use chrono::{TimeZone, Utc};
use confdesk::store::{
    AppendOutcome, EventStore, NewEvent, OpenMode, PgLog, RecordedEvent, RedbLog, StoreError,
    StreamAppend,
};
use uuid::Uuid;

fn event(kind: &str, n: u32) -> NewEvent {
    NewEvent {
        event_id: Uuid::now_v7(),
        event_type: kind.to_owned(),
        schema_version: 1,
        correlation_id: Uuid::now_v7(),
        causation_id: Uuid::now_v7(),
        recorded_at: Utc
            .timestamp_opt(1_750_000_000 + i64::from(n), n * 1_000)
            .single()
            .unwrap(),
        payload: format!("payload {kind} {n}").into_bytes(),
    }
}

fn entry(stream: &str, expected: u64, events: Vec<NewEvent>) -> StreamAppend {
    StreamAppend {
        stream_id: stream.to_owned(),
        expected_version: expected,
        events,
    }
}

/// Opens `path` for writing, creating the log if it is missing.
fn open_rw(path: &Path) -> RedbLog {
    RedbLog::open(path, OpenMode::Create).unwrap()
}

fn read_all(log: &dyn EventStore, from: u64) -> Vec<RecordedEvent> {
    let mut out = Vec::new();
    log.read_all_from(from, &mut |e| {
        out.push(e);
        Ok(())
    })
    .unwrap();
    out
}

fn sidecar(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// Appends 200 events in 10 streams to `log`, in 20 appends.
fn fill_sample(log: &dyn EventStore) -> Vec<RecordedEvent> {
    for round in 0..20_u32 {
        let batch: Vec<StreamAppend> = (0..2)
            .map(|s| {
                let stream = format!("attendee-{}", (round * 2 + s) % 10);
                let version = log.stream_version(&stream).unwrap();
                let events = (0..5)
                    .map(|i| event("Registered", round * 10 + i))
                    .collect();
                entry(&stream, version, events)
            })
            .collect();
        log.append(&batch).unwrap();
    }
    let events = read_all(log, 1);
    assert_eq!(events.len(), 200);
    events
}

/// A closed log with 200 events in 10 streams, written in 20 appends.
fn sample_log(path: &Path) -> Vec<RecordedEvent> {
    fill_sample(&open_rw(path))
}

/// Asserts `error` is a `NotALog` naming `path`.
fn assert_not_a_log(error: &StoreError, path: &Path) {
    assert!(matches!(error, StoreError::NotALog { .. }), "{error:?}");
    assert!(
        error.to_string().contains(&path.display().to_string()),
        "{error}"
    );
}

/// Where a contract test's log lives: each call opens it again, as another
/// desk or a restarted one would.
trait Place {
    /// Opens the log in `mode`.
    fn open(&self, mode: OpenMode) -> Box<dyn EventStore>;
}

/// A redb log in a temporary folder.
struct RedbPlace {
    _dir: tempfile::TempDir,
    path: PathBuf,
}

impl Place for RedbPlace {
    fn open(&self, mode: OpenMode) -> Box<dyn EventStore> {
        Box::new(RedbLog::open(&self.path, mode).unwrap())
    }
}

fn redb_place() -> RedbPlace {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("desk.log");
    RedbPlace { _dir: dir, path }
}

/// A PostgreSQL log in a fresh database.
struct PgPlace {
    conninfo: String,
}

impl Place for PgPlace {
    fn open(&self, mode: OpenMode) -> Box<dyn EventStore> {
        Box::new(PgLog::open(&self.conninfo, mode).unwrap())
    }
}

fn pg_place(name_hint: &str) -> Option<PgPlace> {
    pg::fresh_database(name_hint).map(|conninfo| PgPlace { conninfo })
}

/// The behaviour both stores promise, each test a function of where the log
/// lives; the `contract!` list below runs each once per store.
mod contract {
    use super::*;

    pub fn append_and_read_one_stream(place: &dyn Place) {
        let log = place.open(OpenMode::Create);
        assert_eq!(log.last_position().unwrap(), 0);
        assert_eq!(log.stream_version("order-1").unwrap(), 0);
        assert!(log.read_stream("order-1").unwrap().is_empty());

        let new = vec![event("OrderPlaced", 1), event("OrderPaid", 2)];
        let outcome = log.append(&[entry("order-1", 0, new.clone())]).unwrap();
        assert_eq!(
            outcome,
            AppendOutcome {
                first_position: Some(1),
                last_position: 2
            }
        );
        let stream = log.read_stream("order-1").unwrap();
        assert_eq!(stream.len(), 2);
        for (i, (got, sent)) in stream.iter().zip(&new).enumerate() {
            let n = u64::try_from(i).unwrap() + 1;
            assert_eq!(got.stream_id, "order-1");
            assert_eq!(got.stream_version, n);
            assert_eq!(got.position, n);
            assert_eq!(got.event_type, sent.event_type);
            assert_eq!(got.schema_version, sent.schema_version);
            assert_eq!(got.correlation_id, sent.correlation_id);
            assert_eq!(got.causation_id, sent.causation_id);
            assert_eq!(got.recorded_at, sent.recorded_at);
            assert_eq!(got.payload, sent.payload);
            assert_eq!(got.event_id.get_version_num(), 7);
        }
        assert_ne!(stream[0].event_id, stream[1].event_id);
        assert_eq!(read_all(&*log, 0), stream);
        assert_eq!(read_all(&*log, 2), stream[1..]);
        assert!(read_all(&*log, 3).is_empty());
        assert_eq!(log.stream_version("order-1").unwrap(), 2);
        assert_eq!(log.last_position().unwrap(), 2);
    }

    pub fn positions_are_gap_free_across_appends_and_streams(place: &dyn Place) {
        let log = place.open(OpenMode::Create);
        log.append(&[entry("a", 0, vec![event("X", 1)])]).unwrap();
        let outcome = log
            .append(&[
                entry("b", 0, vec![event("X", 2), event("X", 3)]),
                entry("a", 1, vec![event("X", 4)]),
            ])
            .unwrap();
        assert_eq!(outcome.first_position, Some(2));
        assert_eq!(outcome.last_position, 4);
        log.append(&[entry("c", 0, vec![event("X", 5)])]).unwrap();

        let all = read_all(&*log, 1);
        let positions: Vec<u64> = all.iter().map(|e| e.position).collect();
        assert_eq!(positions, vec![1, 2, 3, 4, 5]);
        let order: Vec<(&str, u64)> = all
            .iter()
            .map(|e| (e.stream_id.as_str(), e.stream_version))
            .collect();
        assert_eq!(
            order,
            vec![("a", 1), ("b", 1), ("b", 2), ("a", 2), ("c", 1)]
        );
        let a: Vec<u64> = log
            .read_stream("a")
            .unwrap()
            .iter()
            .map(|e| e.position)
            .collect();
        assert_eq!(a, vec![1, 4]);
        assert_eq!(log.stream_version("b").unwrap(), 2);
    }

    pub fn a_conflict_in_a_two_stream_batch_writes_nothing(place: &dyn Place) {
        let log = place.open(OpenMode::Create);
        log.append(&[
            entry("a", 0, vec![event("X", 1)]),
            entry("b", 0, vec![event("X", 2)]),
        ])
        .unwrap();
        let before = read_all(&*log, 1);

        let error = log
            .append(&[
                entry("a", 1, vec![event("X", 3)]),
                entry("b", 0, vec![event("X", 4)]),
            ])
            .unwrap_err();
        match &error {
            StoreError::Concurrency {
                stream_id,
                expected,
                actual,
            } => assert_eq!((stream_id.as_str(), *expected, *actual), ("b", 0, 1)),
            other => panic!("unexpected {other:?}"),
        }
        assert_eq!(log.last_position().unwrap(), 2);
        assert_eq!(log.stream_version("a").unwrap(), 1);
        assert_eq!(log.stream_version("b").unwrap(), 1);
        assert_eq!(log.read_stream("a").unwrap().len(), 1);
        assert_eq!(read_all(&*log, 1), before);

        // The log still accepts a correct append, at the next position.
        let outcome = log.append(&[entry("a", 1, vec![event("X", 5)])]).unwrap();
        assert_eq!(outcome.first_position, Some(3));
    }

    pub fn the_same_stream_twice_in_a_batch_chains_versions(place: &dyn Place) {
        let log = place.open(OpenMode::Create);
        log.append(&[
            entry("a", 0, vec![event("X", 1)]),
            entry("a", 1, vec![event("X", 2)]),
        ])
        .unwrap();
        assert_eq!(log.stream_version("a").unwrap(), 2);

        // The second entry's expectation is checked after the first: stale → refused.
        let error = log
            .append(&[
                entry("a", 2, vec![event("X", 3)]),
                entry("a", 2, vec![event("X", 4)]),
            ])
            .unwrap_err();
        assert!(matches!(
            error,
            StoreError::Concurrency {
                expected: 2,
                actual: 3,
                ..
            }
        ));
        assert_eq!(log.last_position().unwrap(), 2);
    }

    pub fn empty_batches_write_nothing(place: &dyn Place) {
        let log = place.open(OpenMode::Create);
        assert_eq!(
            log.append(&[]).unwrap(),
            AppendOutcome {
                first_position: None,
                last_position: 0
            }
        );
        log.append(&[entry("a", 0, vec![event("X", 1)])]).unwrap();
        let outcome = log
            .append(&[entry("a", 7, vec![]), entry("b", 0, vec![])])
            .unwrap();
        assert_eq!(
            outcome,
            AppendOutcome {
                first_position: None,
                last_position: 1
            }
        );
        assert_eq!(log.stream_version("b").unwrap(), 0);
        assert_eq!(log.last_position().unwrap(), 1);
    }

    pub fn a_new_stream_expected_at_a_version_is_a_conflict(place: &dyn Place) {
        let log = place.open(OpenMode::Create);
        let error = log
            .append(&[entry("ghost", 3, vec![event("X", 1)])])
            .unwrap_err();
        assert!(matches!(
            error,
            StoreError::Concurrency {
                expected: 3,
                actual: 0,
                ..
            }
        ));
        assert_eq!(log.last_position().unwrap(), 0);
    }

    pub fn read_all_stops_on_the_callbacks_error(place: &dyn Place) {
        let log = place.open(OpenMode::Create);
        log.append(&[entry("a", 0, (1..=5).map(|n| event("X", n)).collect())])
            .unwrap();
        let mut seen = Vec::new();
        let result = log.read_all_from(2, &mut |e| {
            seen.push(e.position);
            if e.position == 3 {
                Err(StoreError::Storage {
                    path: PathBuf::from("callback"),
                    detail: "stop".to_owned(),
                })
            } else {
                Ok(())
            }
        });
        assert!(matches!(result, Err(StoreError::Storage { ref detail, .. }) if detail == "stop"));
        assert_eq!(seen, vec![2, 3]);
    }

    pub fn reopening_returns_every_event_identical(place: &dyn Place) {
        let written = fill_sample(&*place.open(OpenMode::Create));
        let log = place.open(OpenMode::ReadWrite);
        assert_eq!(read_all(&*log, 1), written);
        assert_eq!(log.last_position().unwrap(), 200);
        let stream: Vec<RecordedEvent> = written
            .iter()
            .filter(|e| e.stream_id == "attendee-3")
            .cloned()
            .collect();
        assert_eq!(log.read_stream("attendee-3").unwrap(), stream);
        assert_eq!(log.stream_version("attendee-3").unwrap(), 20);
    }

    pub fn read_only_sees_the_events_and_refuses_appends(place: &dyn Place) {
        let written = fill_sample(&*place.open(OpenMode::Create));
        let log = place.open(OpenMode::ReadOnly);
        assert!(log.is_read_only());
        assert_eq!(read_all(&*log, 1), written);
        let error = log
            .append(&[entry("attendee-1", 20, vec![event("X", 1)])])
            .unwrap_err();
        assert!(matches!(error, StoreError::ReadOnly { .. }), "{error:?}");
        assert!(matches!(log.append(&[]), Err(StoreError::ReadOnly { .. })));
        drop(log);
        assert_eq!(read_all(&*place.open(OpenMode::ReadOnly), 1), written);
    }

    pub fn read_only_follows_a_writers_commits(place: &dyn Place) {
        let writer = place.open(OpenMode::Create);
        writer
            .append(&[entry("a", 0, vec![event("X", 1)])])
            .unwrap();
        let reader = place.open(OpenMode::ReadOnly);
        assert_eq!(reader.last_position().unwrap(), 1);

        writer
            .append(&[
                entry("a", 1, vec![event("X", 2)]),
                entry("b", 0, vec![event("X", 3)]),
            ])
            .unwrap();
        assert_eq!(reader.last_position().unwrap(), 3);
        assert_eq!(reader.stream_version("a").unwrap(), 2);
        assert_eq!(read_all(&*reader, 1), read_all(&*writer, 1));
        // A second reader may join while the writer is open.
        let second = place.open(OpenMode::ReadOnly);
        assert_eq!(second.read_stream("b").unwrap().len(), 1);
    }

    pub fn the_log_can_be_shared_between_threads(place: &dyn Place) {
        let log = std::sync::Arc::new(place.open(OpenMode::Create));
        let handles: Vec<_> = (0..4)
            .map(|t| {
                let log = std::sync::Arc::clone(&log);
                std::thread::spawn(move || {
                    for n in 0..10 {
                        log.append(&[entry(&format!("t{t}"), n, vec![event("X", 1)])])
                            .unwrap();
                    }
                })
            })
            .collect();
        for handle in handles {
            handle.join().unwrap();
        }
        let positions: Vec<u64> = read_all(&**log, 1).iter().map(|e| e.position).collect();
        assert_eq!(positions, (1..=40).collect::<Vec<_>>());
    }

    pub fn read_range_returns_the_inclusive_slice_of_positions(place: &dyn Place) {
        let all = fill_sample(&*place.open(OpenMode::Create));
        let log = place.open(OpenMode::ReadOnly);
        assert_eq!(log.read_range(5, 9).unwrap(), all[4..9].to_vec());
        assert_eq!(log.read_range(198, 500).unwrap(), all[197..].to_vec());
        assert!(log.read_range(9, 5).unwrap().is_empty());
        assert!(log.read_range(201, 300).unwrap().is_empty());
    }
}

/// Runs every named contract test once against a redb log (`redb_contract::…`) and
/// once against PostgreSQL (`pg_contract::…`, skipped without a server).
macro_rules! contract {
    ($($name:ident),* $(,)?) => {
        mod redb_contract {
            $(
                #[test]
                fn $name() {
                    super::contract::$name(&super::redb_place());
                }
            )*
        }
        mod pg_contract {
            $(
                #[test]
                fn $name() {
                    let Some(place) = super::pg_place(stringify!($name)) else {
                        return;
                    };
                    super::contract::$name(&place);
                }
            )*
        }
    };
}

contract!(
    append_and_read_one_stream,
    positions_are_gap_free_across_appends_and_streams,
    a_conflict_in_a_two_stream_batch_writes_nothing,
    the_same_stream_twice_in_a_batch_chains_versions,
    empty_batches_write_nothing,
    a_new_stream_expected_at_a_version_is_a_conflict,
    read_all_stops_on_the_callbacks_error,
    reopening_returns_every_event_identical,
    read_only_sees_the_events_and_refuses_appends,
    read_only_follows_a_writers_commits,
    the_log_can_be_shared_between_threads,
    read_range_returns_the_inclusive_slice_of_positions,
);

/// What only the PostgreSQL log has: several connections at once, retries
/// of an append whose answer was lost, and a database that is not a log.
mod pg_only {
    use super::*;
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::{Arc, Barrier};
    use std::time::{Duration, Instant};

    fn sql(conninfo: &str) -> postgres::Client {
        postgres::Client::connect(conninfo, postgres::NoTls).unwrap()
    }

    fn tables(conninfo: &str) -> Vec<String> {
        sql(conninfo)
            .query(
                "SELECT tablename::text FROM pg_tables WHERE schemaname = current_schema() ORDER BY 1",
                &[],
            )
            .unwrap()
            .iter()
            .map(|row| row.get(0))
            .collect()
    }

    /// An append whose COMMIT answer was lost is retried with the same ids:
    /// it answers with the stored positions and writes nothing again.
    #[test]
    fn a_retried_append_is_stored_once() {
        let Some(place) = pg_place("retry") else {
            return;
        };
        let log = PgLog::open(&place.conninfo, OpenMode::Create).unwrap();
        log.append(&[entry("a", 0, vec![event("X", 1)])]).unwrap();
        let batch = [
            entry("a", 1, vec![event("X", 2)]),
            entry("b", 0, vec![event("X", 3), event("X", 4)]),
        ];
        let ids: Vec<Uuid> = batch
            .iter()
            .flat_map(|entry| entry.events.iter().map(|e| e.event_id))
            .collect();
        let first = log.append(&batch).unwrap();
        assert_eq!(
            first,
            AppendOutcome {
                first_position: Some(2),
                last_position: 4
            }
        );
        let after_first = read_all(&log, 1);
        // The retry's expected versions are stale by now: it must still be
        // answered as the append it repeats, not as a conflict.
        let again = log.append(&batch).unwrap();
        assert_eq!(again, first);
        // From another connection too (a desk that reconnected).
        let other = PgLog::open(&place.conninfo, OpenMode::ReadWrite).unwrap();
        assert_eq!(other.append(&batch).unwrap(), first);
        assert_eq!(read_all(&log, 1), after_first);
        let stored: Vec<Uuid> = after_first[1..].iter().map(|e| e.event_id).collect();
        assert_eq!(stored, ids);
    }

    /// Ids that are only partly an earlier append's are refused; nothing
    /// is written.
    #[test]
    fn a_batch_reusing_some_stored_ids_is_refused() {
        let Some(place) = pg_place("partial") else {
            return;
        };
        let log = PgLog::open(&place.conninfo, OpenMode::Create).unwrap();
        let stored = entry("a", 0, vec![event("X", 1), event("X", 2)]);
        let ids: Vec<Uuid> = stored.events.iter().map(|e| e.event_id).collect();
        log.append(&[stored]).unwrap();
        let fresh = Uuid::now_v7();
        for reused in [
            vec![ids[0], fresh],
            vec![fresh, ids[1]],
            vec![ids[1], ids[0]],
        ] {
            let mut events = vec![event("X", 3), event("X", 4)];
            for (event, id) in events.iter_mut().zip(&reused) {
                event.event_id = *id;
            }
            let error = log.append(&[entry("b", 0, events)]).unwrap_err();
            assert!(matches!(error, StoreError::Storage { .. }), "{error:?}");
            assert!(error.to_string().contains("already stored"), "{error}");
            assert_eq!(log.last_position().unwrap(), 2);
            assert_eq!(log.stream_version("b").unwrap(), 0);
        }
    }

    /// A connection the server dropped (a restart, a network cut) is
    /// replaced by the next call; an append across the cut is stored once.
    #[test]
    fn a_dropped_connection_is_replaced_and_the_append_stored_once() {
        let Some(place) = pg_place("reconnect") else {
            return;
        };
        let log = PgLog::open(&place.conninfo, OpenMode::Create).unwrap();
        log.append(&[entry("a", 0, vec![event("X", 1)])]).unwrap();
        let cut = || {
            sql(&place.conninfo)
                .batch_execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()",
                )
                .unwrap();
        };
        cut();
        let outcome = log.append(&[entry("a", 1, vec![event("X", 2)])]).unwrap();
        assert_eq!(outcome.first_position, Some(2));
        cut();
        assert_eq!(log.last_position().unwrap(), 2);
        assert_eq!(log.read_stream("a").unwrap().len(), 2);
    }

    /// Desks append at once on their own connections: positions stay
    /// 1, 2, 3… and a reader polling meanwhile never sees position N+1
    /// without N (checked by plain SQL, not only by the log's own checks).
    #[test]
    fn concurrent_desks_commit_positions_in_order() {
        let Some(place) = pg_place("concurrent") else {
            return;
        };
        drop(PgLog::open(&place.conninfo, OpenMode::Create).unwrap());
        let done = Arc::new(AtomicBool::new(false));
        let reader = {
            let (conninfo, done) = (place.conninfo.clone(), Arc::clone(&done));
            std::thread::spawn(move || {
                let mut client = sql(&conninfo);
                let log = PgLog::open(&conninfo, OpenMode::ReadOnly).unwrap();
                let mut reads = 0_u32;
                while !done.load(Ordering::Acquire) || reads == 0 {
                    let positions: Vec<i64> = client
                        .query(
                            "SELECT position FROM confdesk_events ORDER BY position",
                            &[],
                        )
                        .unwrap()
                        .iter()
                        .map(|row| row.get(0))
                        .collect();
                    let expected: Vec<i64> =
                        (1..=i64::try_from(positions.len()).unwrap()).collect();
                    assert_eq!(positions, expected, "a reader saw a gap");
                    let seen = read_all(&log, 1).len() as u64;
                    assert!(log.last_position().unwrap() >= seen);
                    reads += 1;
                }
                reads
            })
        };
        let writers: Vec<_> = (0..4)
            .map(|t| {
                let conninfo = place.conninfo.clone();
                std::thread::spawn(move || {
                    let log = PgLog::open(&conninfo, OpenMode::ReadWrite).unwrap();
                    for n in 0..25 {
                        log.append(&[entry(
                            &format!("desk-{t}"),
                            n * 2,
                            vec![event("X", 1), event("X", 2)],
                        )])
                        .unwrap();
                    }
                })
            })
            .collect();
        for writer in writers {
            writer.join().unwrap();
        }
        done.store(true, Ordering::Release);
        assert!(reader.join().unwrap() > 0);
        let log = PgLog::open(&place.conninfo, OpenMode::ReadOnly).unwrap();
        let all = read_all(&log, 1);
        let positions: Vec<u64> = all.iter().map(|e| e.position).collect();
        assert_eq!(positions, (1..=200).collect::<Vec<_>>());
        for t in 0..4 {
            let versions: Vec<u64> = log
                .read_stream(&format!("desk-{t}"))
                .unwrap()
                .iter()
                .map(|e| e.stream_version)
                .collect();
            assert_eq!(versions, (1..=50).collect::<Vec<_>>());
        }
    }

    /// Two desks append to one stream expecting the same version: exactly
    /// one wins; the other gets the stale-version error and wrote nothing.
    #[test]
    fn an_expected_version_race_has_one_winner() {
        let Some(place) = pg_place("race") else {
            return;
        };
        drop(PgLog::open(&place.conninfo, OpenMode::Create).unwrap());
        let desks: Vec<Arc<PgLog>> = (0..2)
            .map(|_| Arc::new(PgLog::open(&place.conninfo, OpenMode::ReadWrite).unwrap()))
            .collect();
        for round in 0..20_u32 {
            let stream = format!("seats-{round}");
            let barrier = Arc::new(Barrier::new(2));
            let handles: Vec<_> = desks
                .iter()
                .enumerate()
                .map(|(d, desk)| {
                    let (desk, barrier, stream) =
                        (Arc::clone(desk), Arc::clone(&barrier), stream.clone());
                    std::thread::spawn(move || {
                        let mark = u32::try_from(d).unwrap();
                        barrier.wait();
                        desk.append(&[entry(
                            &stream,
                            0,
                            vec![event("Reserved", mark), event("Reserved", mark)],
                        )])
                    })
                })
                .collect();
            let results: Vec<_> = handles.into_iter().map(|h| h.join().unwrap()).collect();
            let winners: Vec<usize> = (0..2).filter(|&d| results[d].is_ok()).collect();
            assert_eq!(winners.len(), 1, "round {round}: {results:?}");
            let loser = 1 - winners[0];
            assert!(
                matches!(
                    results[loser],
                    Err(StoreError::Concurrency {
                        expected: 0,
                        actual: 2,
                        ..
                    })
                ),
                "{results:?}"
            );
            let stored = desks[0].read_stream(&stream).unwrap();
            assert_eq!(stored.len(), 2);
            let winner_payload = event("Reserved", u32::try_from(winners[0]).unwrap()).payload;
            assert!(stored.iter().all(|e| e.payload == winner_payload));
        }
        assert_eq!(desks[1].last_position().unwrap(), 40);
    }

    /// Only `Create` makes the schema; the other modes refuse an empty
    /// database by name and create nothing.
    #[test]
    fn a_database_without_a_log_is_refused_unless_creating() {
        let Some(place) = pg_place("nolog") else {
            return;
        };
        for mode in [OpenMode::ReadOnly, OpenMode::ReadWrite] {
            let error = PgLog::open(&place.conninfo, mode).unwrap_err();
            assert!(matches!(error, StoreError::NotALog { .. }), "{error:?}");
            assert!(
                error.to_string().contains("confdesk_test_nolog_"),
                "{error}"
            );
            assert!(tables(&place.conninfo).is_empty());
        }
        drop(PgLog::open(&place.conninfo, OpenMode::Create).unwrap());
        assert_eq!(
            tables(&place.conninfo),
            ["confdesk_events", "confdesk_meta"]
        );
        // Opening again finds it; nothing is created twice.
        drop(PgLog::open(&place.conninfo, OpenMode::Create).unwrap());
        drop(PgLog::open(&place.conninfo, OpenMode::ReadOnly).unwrap());
    }

    /// A database holding someone else's tables is refused in every mode
    /// and left as it was.
    #[test]
    fn a_database_of_other_tables_is_refused_unchanged() {
        let Some(place) = pg_place("foreign") else {
            return;
        };
        sql(&place.conninfo)
            .batch_execute("CREATE TABLE guests (name text); INSERT INTO guests VALUES ('Ada')")
            .unwrap();
        for mode in [OpenMode::Create, OpenMode::ReadWrite, OpenMode::ReadOnly] {
            let error = PgLog::open(&place.conninfo, mode).unwrap_err();
            assert!(matches!(error, StoreError::NotALog { .. }), "{error:?}");
            assert!(error.to_string().contains("other tables"), "{error}");
            assert_eq!(tables(&place.conninfo), ["guests"]);
        }
        // A table named like ours but not written by confdesk: refused too.
        sql(&place.conninfo)
            .batch_execute("CREATE TABLE confdesk_meta (key text, value text)")
            .unwrap();
        let error = PgLog::open(&place.conninfo, OpenMode::Create).unwrap_err();
        assert!(matches!(error, StoreError::NotALog { .. }), "{error:?}");
        assert_eq!(tables(&place.conninfo), ["confdesk_meta", "guests"]);
    }

    /// A log written by a newer confdesk is refused as newer, in every mode.
    #[test]
    fn a_newer_format_version_is_refused() {
        let Some(place) = pg_place("newer") else {
            return;
        };
        fill_sample(&PgLog::open(&place.conninfo, OpenMode::Create).unwrap());
        sql(&place.conninfo)
            .batch_execute("UPDATE confdesk_meta SET value = '2' WHERE key = 'format_version'")
            .unwrap();
        for mode in [OpenMode::Create, OpenMode::ReadWrite, OpenMode::ReadOnly] {
            let error = PgLog::open(&place.conninfo, mode).unwrap_err();
            assert!(
                matches!(
                    error,
                    StoreError::NewerVersion {
                        found: 2,
                        supported: 1,
                        ..
                    }
                ),
                "{error:?}"
            );
            assert!(error.to_string().contains("newer confdesk"), "{error}");
        }
    }

    /// A flipped bit in a stored envelope, or a row moved to another
    /// position, is damage naming the position — never data.
    #[test]
    fn a_damaged_row_is_refused_naming_its_position() {
        let Some(place) = pg_place("damaged") else {
            return;
        };
        let log = PgLog::open(&place.conninfo, OpenMode::Create).unwrap();
        fill_sample(&log);
        let mut client = sql(&place.conninfo);
        client
            .batch_execute(
                "UPDATE confdesk_events SET envelope = set_byte(envelope, 20, get_byte(envelope, 20) # 4) WHERE position = 37",
            )
            .unwrap();
        let error = log.read_all_from(1, &mut |_| Ok(())).unwrap_err();
        assert!(matches!(error, StoreError::Corrupt { .. }), "{error:?}");
        assert!(error.to_string().contains("position 37"), "{error}");
        assert!(log.read_range(30, 40).is_err());
        assert!(log.read_range(1, 36).is_ok());
        // The last row moved to a later position: it claims another one.
        client
            .batch_execute("UPDATE confdesk_events SET position = 205 WHERE position = 200")
            .unwrap();
        let error = log.last_position().unwrap_err();
        assert!(error.to_string().contains("position 205"), "{error}");
        // A gap left in the middle is found by a scan.
        client
            .batch_execute(
                "UPDATE confdesk_events SET position = 200 WHERE position = 205; DELETE FROM confdesk_events WHERE position = 100",
            )
            .unwrap();
        let error = log.read_range(90, 110).unwrap_err();
        assert!(error.to_string().contains("position 100"), "{error}");
    }

    /// A read-only log's session is read-only on the server too.
    #[test]
    fn a_read_only_log_is_read_only_on_the_server() {
        let Some(place) = pg_place("readonly") else {
            return;
        };
        fill_sample(&PgLog::open(&place.conninfo, OpenMode::Create).unwrap());
        let log = PgLog::open(&place.conninfo, OpenMode::ReadOnly).unwrap();
        let error = log
            .append(&[entry("attendee-1", 20, vec![event("X", 1)])])
            .unwrap_err();
        assert!(matches!(error, StoreError::ReadOnly { .. }), "{error:?}");
        assert!(
            error
                .to_string()
                .contains("PostgreSQL database confdesk_test_readonly_"),
            "{error}"
        );
        assert_eq!(log.last_position().unwrap(), 200);
    }

    /// A server that cannot be reached is an error within seconds, naming
    /// the database; a malformed connection string is refused at once.
    #[test]
    fn an_unreachable_server_fails_fast_and_bad_strings_are_refused() {
        let start = Instant::now();
        let error = PgLog::open(
            "host=/nonexistent/confdesk-socket-dir user=desk dbname=summit",
            OpenMode::ReadOnly,
        )
        .unwrap_err();
        assert!(matches!(error, StoreError::Unreachable { .. }), "{error:?}");
        assert!(error.to_string().contains("summit"), "{error}");
        // A TCP address nobody answers: the connect timeout (5 s) ends it.
        let error = PgLog::open(
            "host=10.255.255.1 port=5432 user=desk dbname=summit",
            OpenMode::ReadOnly,
        )
        .unwrap_err();
        assert!(matches!(error, StoreError::Unreachable { .. }), "{error:?}");
        assert!(
            start.elapsed() < Duration::from_secs(8),
            "{:?}",
            start.elapsed()
        );
        for bad in [
            "host=",
            "port=notaport",
            "postgresql://[::1",
            "sslmode=sometimes",
        ] {
            let error = PgLog::open(bad, OpenMode::ReadOnly).unwrap_err();
            assert!(
                matches!(error, StoreError::BadConnectionString { .. }),
                "{bad}: {error:?}"
            );
        }
    }
}

// ---- redb only: the file, its sidecars, its formats, its processes ----

#[test]
fn redb_closing_leaves_no_sidecars() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("desk.log");
    sample_log(&path);
    let log = open_rw(&path);
    assert_eq!(log.last_position().unwrap(), 200);
    drop(log);
    // No leftovers beside the log once it is closed.
    assert!(!sidecar(&path, ".pre-repair").exists());
    assert!(!sidecar(&path, ".pid").exists());
}

#[test]
fn redb_read_only_leaves_the_file_byte_identical() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("desk.log");
    sample_log(&path);
    let before = fs::read(&path).unwrap();
    let log = RedbLog::open(&path, OpenMode::ReadOnly).unwrap();
    let error = log
        .append(&[entry("attendee-1", 20, vec![event("X", 1)])])
        .unwrap_err();
    assert!(error.to_string().contains(&path.display().to_string()));
    drop(log);
    assert_eq!(fs::read(&path).unwrap(), before);
}

#[test]
fn a_missing_file_in_a_missing_folder_is_created() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("no").join("such").join("desk.log");
    let log = open_rw(&path);
    assert!(path.is_file());
    assert_eq!(log.path(), path);
    assert!(!log.is_read_only());
    log.append(&[entry("a", 0, vec![event("X", 1)])]).unwrap();
    drop(log);
    assert_eq!(open_rw(&path).last_position().unwrap(), 1);
}

#[test]
fn a_zero_byte_file_is_refused_not_turned_into_a_log() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("desk.log");
    fs::write(&path, b"").unwrap();
    for mode in [OpenMode::Create, OpenMode::ReadWrite, OpenMode::ReadOnly] {
        let error = RedbLog::open(&path, mode).unwrap_err();
        assert!(
            matches!(&error, StoreError::NotALog { reason, .. } if reason.to_string().contains("exists and is empty")),
            "{mode:?}: {error}"
        );
        assert_eq!(fs::metadata(&path).unwrap().len(), 0);
    }
}

#[test]
fn a_foreign_text_file_is_refused_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.txt");
    let text = b"Dear diary, today I registered 40 attendees.\n".repeat(50);
    fs::write(&path, &text).unwrap();
    for mode in [OpenMode::ReadWrite, OpenMode::ReadOnly] {
        let error = RedbLog::open(&path, mode).unwrap_err();
        assert_not_a_log(&error, &path);
        assert_eq!(fs::read(&path).unwrap(), text);
    }
    // Shorter than the magic number.
    fs::write(&path, b"redb").unwrap();
    assert_not_a_log(
        &RedbLog::open(&path, OpenMode::ReadWrite).unwrap_err(),
        &path,
    );
    assert_eq!(fs::read(&path).unwrap(), b"redb");
}

#[test]
fn a_foreign_redb_database_is_refused_unchanged() {
    const PEOPLE: redb::TableDefinition<&str, u64> = redb::TableDefinition::new("people");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("other.redb");
    {
        let db = redb::Database::create(&path).unwrap();
        let txn = db.begin_write().unwrap();
        txn.open_table(PEOPLE).unwrap().insert("ada", 36).unwrap();
        txn.commit().unwrap();
    }
    let before = fs::read(&path).unwrap();
    for mode in [OpenMode::ReadWrite, OpenMode::ReadOnly] {
        let error = RedbLog::open(&path, mode).unwrap_err();
        assert_not_a_log(&error, &path);
        assert!(error.to_string().contains("another program"), "{error}");
        assert_eq!(fs::read(&path).unwrap(), before);
    }
    assert!(!sidecar(&path, ".pre-repair").exists());
}

#[test]
fn a_truncated_log_is_refused_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let original = dir.path().join("desk.log");
    sample_log(&original);
    let path = dir.path().join("cut.log");
    let bytes = fs::read(&original).unwrap();
    let cut = &bytes[..bytes.len() / 2];
    fs::write(&path, cut).unwrap();

    let error = RedbLog::open(&path, OpenMode::ReadWrite).unwrap_err();
    assert_not_a_log(&error, &path);
    assert_eq!(fs::read(&path).unwrap(), cut);
    assert!(!sidecar(&path, ".pre-repair").exists());

    // Read-only: redb opens it, but reading what is gone fails; no panic and
    // no change either way.
    if let Ok(log) = RedbLog::open(&path, OpenMode::ReadOnly) {
        let mut count = 0;
        let result = log.read_all_from(1, &mut |_| {
            count += 1;
            Ok(())
        });
        if let Err(error) = result {
            assert!(error.to_string().contains(&path.display().to_string()));
        }
    }
    assert_eq!(fs::read(&path).unwrap(), cut);
}

#[test]
fn a_log_with_a_flipped_byte_is_refused_unchanged_or_reads_intact() {
    let dir = tempfile::tempdir().unwrap();
    let original = dir.path().join("desk.log");
    let written = sample_log(&original);
    let mut bytes = fs::read(&original).unwrap();
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0xFF;
    let path = dir.path().join("flipped.log");
    fs::write(&path, &bytes).unwrap();

    match RedbLog::open(&path, OpenMode::ReadWrite) {
        Ok(log) => assert_eq!(read_all(&log, 1), written),
        Err(error) => {
            assert!(
                error.to_string().contains(&path.display().to_string()),
                "{error}"
            );
            assert_eq!(fs::read(&path).unwrap(), bytes);
            assert!(!sidecar(&path, ".pre-repair").exists());
        }
    }
}

#[test]
fn a_flipped_byte_never_escapes_as_a_panic_read_only() {
    let dir = tempfile::tempdir().unwrap();
    let original = dir.path().join("desk.log");
    sample_log(&original);
    let clean = fs::read(&original).unwrap();
    let path = dir.path().join("flipped.log");
    // A spread of offsets; redb only verifies checksums on a writable open,
    // so a read-only reader may see altered data, but must not panic or write.
    for offset in (0..clean.len()).step_by(clean.len() / 16) {
        let mut bytes = clean.clone();
        bytes[offset] ^= 0xFF;
        fs::write(&path, &bytes).unwrap();
        if let Ok(log) = RedbLog::open(&path, OpenMode::ReadOnly) {
            let _ = log.read_all_from(1, &mut |_| Ok(()));
            let _ = log.read_stream("attendee-1");
        }
        assert_eq!(fs::read(&path).unwrap(), bytes, "offset {offset}");
    }
}

#[test]
fn a_second_writer_in_the_same_process_is_refused_as_in_use() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("desk.log");
    let log = open_rw(&path);
    log.append(&[entry("a", 0, vec![event("X", 1)])]).unwrap();
    assert!(sidecar(&path, ".pid").exists());

    let error = RedbLog::open(&path, OpenMode::ReadWrite).unwrap_err();
    match &error {
        StoreError::InUse { path: p, pid } => {
            assert_eq!(p, &path);
            assert_eq!(*pid, Some(std::process::id()));
        }
        other => panic!("unexpected {other:?}"),
    }
    let message = error.to_string();
    assert!(message.contains(&path.display().to_string()), "{message}");
    assert!(
        message.contains(&format!("pid {}", std::process::id())),
        "{message}"
    );
    // The refused open changed nothing: the first writer carries on.
    log.append(&[entry("a", 1, vec![event("X", 2)])]).unwrap();
    drop(log);
    assert!(!sidecar(&path, ".pid").exists());
    assert_eq!(open_rw(&path).last_position().unwrap(), 2);
}

#[test]
fn an_unusable_pid_file_gives_an_unknown_pid() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("desk.log");
    let _log = open_rw(&path);
    fs::write(sidecar(&path, ".pid"), "not a pid").unwrap();
    let error = RedbLog::open(&path, OpenMode::ReadWrite).unwrap_err();
    assert!(
        matches!(error, StoreError::InUse { pid: None, .. }),
        "{error:?}"
    );
    assert!(error.to_string().contains("(pid unknown)"));
}

#[test]
fn read_only_open_of_a_missing_file_is_missing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nope").join("desk.log");
    let error = RedbLog::open(&path, OpenMode::ReadOnly).unwrap_err();
    assert!(matches!(error, StoreError::Missing { .. }), "{error:?}");
    assert!(error.to_string().contains(&path.display().to_string()));
    assert!(!path.exists());
    assert!(!dir.path().join("nope").exists());
}

#[test]
fn a_newer_format_version_is_refused_unchanged() {
    const META: redb::TableDefinition<&str, &[u8]> = redb::TableDefinition::new("meta");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("desk.log");
    sample_log(&path);
    {
        let db = redb::Database::create(&path).unwrap();
        let txn = db.begin_write().unwrap();
        txn.open_table(META)
            .unwrap()
            .insert("format_version", 4_u32.to_le_bytes().as_slice())
            .unwrap();
        txn.commit().unwrap();
    }
    let before = fs::read(&path).unwrap();
    for mode in [OpenMode::ReadWrite, OpenMode::ReadOnly] {
        let error = RedbLog::open(&path, mode).unwrap_err();
        assert!(
            matches!(
                error,
                StoreError::NewerVersion {
                    found: 4,
                    supported: 3,
                    ..
                }
            ),
            "{error:?}"
        );
        assert!(error.to_string().contains(&path.display().to_string()));
        assert_eq!(fs::read(&path).unwrap(), before);
    }
}

#[test]
fn a_damaged_event_page_is_refused_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let original = dir.path().join("desk.log");
    sample_log(&original);
    let mut bytes = fs::read(&original).unwrap();
    // Damage every copy of one payload, so the live page is surely hit.
    let needle = b"payload Registered 104";
    let hits: Vec<usize> = bytes
        .windows(needle.len())
        .enumerate()
        .filter(|(_, w)| w == needle)
        .map(|(i, _)| i + needle.len() - 1)
        .collect();
    assert!(!hits.is_empty());
    for at in hits {
        bytes[at] ^= 0x01;
    }
    let path = dir.path().join("damaged.log");
    fs::write(&path, &bytes).unwrap();
    let error = RedbLog::open(&path, OpenMode::ReadWrite).unwrap_err();
    assert_not_a_log(&error, &path);
    assert_eq!(fs::read(&path).unwrap(), bytes);
    assert!(!sidecar(&path, ".pre-repair").exists());
}

/// Runs this test binary again, as a child process, on one helper test.
fn child(helper: &str, env: &str, path: &Path) -> std::process::Command {
    let mut command = std::process::Command::new(std::env::current_exe().unwrap());
    command
        .args(["--exact", helper, "--nocapture", "--test-threads=1"])
        .env(env, path);
    command
}

/// Child helper: appends to the log, then exits without closing it.

#[test]
fn helper_crashing_writer() {
    let Some(path) = std::env::var_os("CONFDESK_TEST_CRASH") else {
        return;
    };
    let log = open_rw(Path::new(&path));
    let version = log.stream_version("crash").unwrap();
    log.append(&[entry("crash", version, vec![event("X", 1)])])
        .unwrap();
    std::process::exit(0);
}

/// Child helper: holds the log open, appending when told to.

#[test]
fn helper_holding_writer() {
    use std::io::BufRead;
    let Some(path) = std::env::var_os("CONFDESK_TEST_HOLD") else {
        return;
    };
    let log = open_rw(Path::new(&path));
    log.append(&[entry("held", 0, vec![event("X", 1)])])
        .unwrap();
    println!("ready");
    let mut lines = std::io::stdin().lock().lines();
    let _ = lines.next();
    log.append(&[entry("held", 1, vec![event("X", 2)])])
        .unwrap();
    println!("appended");
    for _ in lines {}
}

#[test]
fn a_log_left_open_by_a_crashed_writer_is_repaired() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("desk.log");
    let written = sample_log(&path);
    let status = child("helper_crashing_writer", "CONFDESK_TEST_CRASH", &path)
        .stdout(std::process::Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    // The crashed writer's pid file is stale.
    assert!(sidecar(&path, ".pid").exists());

    // No live writer holds it, so a reader repairs it (issue 13, item 4)
    // and reads every acknowledged event; the stale pid file goes.
    let reader = RedbLog::open(&path, OpenMode::ReadOnly).unwrap();
    assert_eq!(read_all(&reader, 1).len(), 201);
    drop(reader);
    assert!(!sidecar(&path, ".pid").exists());

    let log = open_rw(&path);
    let all = read_all(&log, 1);
    assert_eq!(all.len(), 201);
    assert_eq!(all[..200], written[..]);
    assert_eq!(all[200].stream_id, "crash");
    assert!(!sidecar(&path, ".pre-repair").exists());
    drop(log);
    assert!(!sidecar(&path, ".pid").exists());
}

#[test]
fn a_crashed_and_damaged_log_is_refused_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("desk.log");
    sample_log(&path);
    let status = child("helper_crashing_writer", "CONFDESK_TEST_CRASH", &path)
        .stdout(std::process::Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    let mut bytes = fs::read(&path).unwrap();
    let needle = b"payload Registered 104";
    let hits: Vec<usize> = bytes
        .windows(needle.len())
        .enumerate()
        .filter(|(_, w)| w == needle)
        .map(|(i, _)| i + needle.len() - 1)
        .collect();
    for at in hits {
        bytes[at] ^= 0x01;
    }
    fs::write(&path, &bytes).unwrap();
    let error = RedbLog::open(&path, OpenMode::ReadWrite).unwrap_err();
    assert!(
        error.to_string().contains(&path.display().to_string()),
        "{error}"
    );
    assert_eq!(fs::read(&path).unwrap(), bytes);
    assert!(!sidecar(&path, ".pre-repair").exists());
}

#[test]
fn another_process_holding_the_log_is_named_and_followed() {
    use std::io::{BufRead, BufReader, Write};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("desk.log");
    /// Kills the child if the test fails before it is done.
    struct Holder(std::process::Child);
    impl Drop for Holder {
        fn drop(&mut self) {
            let _ = self.0.kill();
            let _ = self.0.wait();
        }
    }
    let mut holder = Holder(
        child("helper_holding_writer", "CONFDESK_TEST_HOLD", &path)
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .unwrap(),
    );
    let mut out = BufReader::new(holder.0.stdout.take().unwrap()).lines();
    // libtest prints "test <name> ... " before the helper's own words.
    let mut wait_for = |word: &str| {
        for line in out.by_ref() {
            if line.unwrap().trim_end().ends_with(word) {
                return;
            }
        }
        panic!("the child process never said {word}");
    };
    wait_for("ready");

    let error = RedbLog::open(&path, OpenMode::ReadWrite).unwrap_err();
    assert!(
        matches!(error, StoreError::InUse { pid: Some(pid), .. } if pid == holder.0.id()),
        "{error:?}"
    );
    let reader = RedbLog::open(&path, OpenMode::ReadOnly).unwrap();
    assert_eq!(reader.stream_version("held").unwrap(), 1);

    let mut stdin = holder.0.stdin.take().unwrap();
    writeln!(stdin, "go").unwrap();
    wait_for("appended");
    assert_eq!(reader.stream_version("held").unwrap(), 2);
    assert_eq!(reader.read_stream("held").unwrap().len(), 2);

    drop(stdin);
    assert!(holder.0.wait().unwrap().success());
    drop(reader);
    assert_eq!(open_rw(&path).last_position().unwrap(), 2);
}

#[test]
fn an_envelope_that_does_not_decode_is_reported_as_corrupt() {
    const EVENTS: redb::TableDefinition<u64, &[u8]> = redb::TableDefinition::new("events");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("desk.log");
    drop(sample_log(&path));
    {
        let db = redb::Database::create(&path).unwrap();
        let txn = db.begin_write().unwrap();
        txn.open_table(EVENTS)
            .unwrap()
            .insert(150, [0xFF_u8, 0xFF, 0xFF].as_slice())
            .unwrap();
        txn.commit().unwrap();
    }
    for mode in [OpenMode::ReadWrite, OpenMode::ReadOnly] {
        let log = RedbLog::open(&path, mode).unwrap();
        let mut seen = 0;
        let error = log
            .read_all_from(1, &mut |_| {
                seen += 1;
                Ok(())
            })
            .unwrap_err();
        assert_eq!(seen, 149);
        assert!(matches!(error, StoreError::Corrupt { .. }), "{error:?}");
        let message = error.to_string();
        assert!(message.contains(&path.display().to_string()), "{message}");
        assert!(message.contains("position 150"), "{message}");
        // The stream holding position 150 cannot be read either; others can.
        let owner = (0..10)
            .map(|n| format!("attendee-{n}"))
            .find(|s| log.read_stream(s).is_err())
            .unwrap();
        assert!(owner.starts_with("attendee-"));
        assert_eq!(log.last_position().unwrap(), 200);
    }
}

/// Format version 1 (`tests/fixtures/v1.redb`, written by the first release)
/// kept a `stream_heads` table; version 2 reads stream versions from the
/// stream index, and version 3 adds a checksum to every event. A v1 log
/// reads as it is, and opening it for writing upgrades it in one step (to
/// the current version) so an older confdesk refuses it as newer.
#[test]
fn a_version_1_log_is_read_as_is_and_upgraded_when_opened_for_writing() {
    const META: redb::TableDefinition<&str, &[u8]> = redb::TableDefinition::new("meta");
    let fixture = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/v1.redb");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v1.redb");
    fs::copy(&fixture, &path).unwrap();
    let version_of = |path: &Path| {
        use redb::ReadableDatabase as _;
        let db = redb::ReadOnlyDatabase::open(path).unwrap();
        let txn = db.begin_read().unwrap();
        let tables: Vec<String> = txn
            .list_tables()
            .unwrap()
            .map(|t| redb::TableHandle::name(&t).to_string())
            .collect();
        let meta = txn.open_table(META).unwrap();
        let bytes = meta
            .get("format_version")
            .unwrap()
            .unwrap()
            .value()
            .to_vec();
        (u32::from_le_bytes(bytes.try_into().unwrap()), tables)
    };
    let (version, tables) = version_of(&path);
    assert_eq!(version, 1);
    assert!(tables.contains(&"stream_heads".to_string()));

    // Read-only: the same streams and versions, and the file untouched.
    let before = fs::read(&path).unwrap();
    let reader = RedbLog::open(&path, OpenMode::ReadOnly).unwrap();
    let all = read_all(&reader, 1);
    assert!(all.len() > 20);
    let mut heads = std::collections::BTreeMap::new();
    for rec in &all {
        heads.insert(rec.stream_id.clone(), rec.stream_version);
    }
    for (stream, version) in &heads {
        assert_eq!(reader.stream_version(stream).unwrap(), *version, "{stream}");
    }
    drop(reader);
    assert_eq!(fs::read(&path).unwrap(), before);

    // Read-write: upgraded, same events, and appends check versions.
    let log = open_rw(&path);
    assert_eq!(read_all(&log, 1), all);
    let (stream, version) = heads.iter().next().unwrap();
    assert_eq!(log.stream_version(stream).unwrap(), *version);
    let stale = log.append(&[entry(stream, version - 1, vec![event("X", 1)])]);
    assert!(
        matches!(stale, Err(StoreError::Concurrency { .. })),
        "{stale:?}"
    );
    log.append(&[entry(stream, *version, vec![event("X", 1)])])
        .unwrap();
    assert_eq!(log.stream_version(stream).unwrap(), version + 1);
    drop(log);
    let (version, tables) = version_of(&path);
    assert_eq!(version, 3);
    assert!(!tables.contains(&"stream_heads".to_string()), "{tables:?}");
}
