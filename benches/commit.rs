//! One user action, durable: a registrant places an order and the whole
//! cascade (OrderPlaced → MakeSeatReservation → SeatsReserved →
//! OrderReservationCompleted → totals) is appended in one fsynced redb
//! transaction. Baseline: one bare redb write transaction with
//! `Durability::Immediate` inserting the same encoded bytes, in redb's
//! default mode (one fsync) and in the single-writer mode the log uses (so
//! that read-only CLI commands can follow a running desk: two fsyncs).
//!
//! A third figure splits the ratio: the same events appended through the
//! log's own `EventStore::append` (events, stream index and stream heads:
//! three B-trees), without the cascade, on a copy of the same log.
//!
//! Target: p99 < 5 ms and p50 ≤ 1.5× the bare write.
//! `CONFDESK_BENCH_ORDERS` sets the orders already in the log (default
//! 2000). The bench never pays its orders: every [`PENDING`] orders, the
//! clock moves past their expiry and the desk expires them (not timed), so
//! the conference holds at most that many unpaid reservations — as a busy
//! desk would within one reservation window.

mod common;

use common::{Samples, ms, result};
use confdesk::app::{ManualClock, OrganizerKey, SeatLine, SeatTypeDraft};
use confdesk::cli::resolve;
use confdesk::domain::events::ConferenceInfo;
use confdesk::domain::{ConferenceId, Currency};
use confdesk::store::{
    EventStore, NewEvent, OpenMode, RecordedEvent, RedbLog, StreamAppend, encode,
};
use criterion::{Criterion, criterion_group, criterion_main};
use redb::{ConcurrencyMode, Database, Durability, TableDefinition};
use std::hint::black_box;
use std::time::Duration;

const TABLE: TableDefinition<u64, &[u8]> = TableDefinition::new("events");
/// Unpaid reservations allowed to pile up before they are expired.
const PENDING: u64 = 100;

/// An order to place: the conference and its seat lines.
type Order = (ConferenceId, Vec<SeatLine>);

/// Places one order, timed; every [`PENDING`] orders, expires them (untimed).
fn timed_order(
    desk: &mut confdesk::app::Desk,
    clock: &ManualClock,
    placed: &mut u64,
    order: &Order,
) -> Duration {
    *placed += 1;
    if placed.is_multiple_of(PENDING) {
        clock.advance(chrono::Duration::minutes(16));
        desk.tick().expect("expire");
    }
    let started = std::time::Instant::now();
    black_box(
        desk.registration_mut()
            .place_order(order.0, &order.1)
            .expect("order"),
    );
    started.elapsed()
}

/// A published conference with a seat quota no benchmark can exhaust.
fn bench_conference(desk: &mut confdesk::app::Desk) -> OrganizerKey {
    let start = (common::now() + chrono::Duration::days(60)).date_naive();
    let (_, code) = desk
        .organizer_mut()
        .create_conference(ConferenceInfo {
            name: "Commit bench".into(),
            description: String::new(),
            slug: "commit-bench".into(),
            start,
            end: start,
            owner_name: "Bench".into(),
            owner_email: "bench@example.com".into(),
            currency: Currency::EUR,
        })
        .expect("create");
    let key = OrganizerKey {
        slug: "commit-bench".into(),
        email: "bench@example.com".into(),
        access_code: code,
    };
    let key_access = desk.authorize_organizer(&key).expect("access");
    let draft = SeatTypeDraft {
        name: "General admission".into(),
        description: String::new(),
        quota: "1000000".into(),
        price: "199".into(),
    };
    desk.organizer_mut()
        .add_seat_type(&key_access, draft)
        .expect("seat type");
    desk.organizer_mut()
        .set_published(&key_access, true)
        .expect("publish");
    key
}

/// A bare redb database in `mode`, and one write of `values` in it.
fn bare_write(db: &Database, next: &mut u64, values: &[Vec<u8>]) {
    let mut txn = db.begin_write().expect("begin");
    txn.set_durability(Durability::Immediate)
        .expect("durability");
    {
        let mut table = txn.open_table(TABLE).expect("table");
        for v in values {
            *next += 1;
            table.insert(*next, v.as_slice()).expect("insert");
        }
    }
    txn.commit().expect("commit");
}

/// Appends `records` (one action's events) again through the store: streams
/// the action created get new names, existing ones their current version.
fn store_append(log: &RedbLog, records: &[RecordedEvent], round: u64) {
    let mut batch: Vec<StreamAppend> = Vec::new();
    for rec in records {
        let new = NewEvent {
            event_id: rec.event_id,
            event_type: rec.event_type.clone(),
            schema_version: rec.schema_version,
            correlation_id: rec.correlation_id,
            causation_id: rec.causation_id,
            recorded_at: rec.recorded_at,
            payload: rec.payload.clone(),
        };
        let created = rec.stream_version == 1;
        let stream_id = if created {
            format!("{}-r{round}", rec.stream_id)
        } else {
            rec.stream_id.clone()
        };
        match batch.iter_mut().find(|a| a.stream_id == stream_id) {
            Some(entry) => entry.events.push(new),
            None => batch.push(StreamAppend {
                expected_version: if created {
                    0
                } else {
                    log.stream_version(&stream_id).expect("version")
                },
                stream_id,
                events: vec![new],
            }),
        }
    }
    log.append(&batch).expect("store append");
}

fn bare_db(path: &std::path::Path, mode: ConcurrencyMode) -> Database {
    let mut builder = Database::builder();
    builder.set_concurrency_mode(mode);
    builder.create(path).expect("bare db")
}

fn commit(c: &mut Criterion) {
    let orders = common::sizes("CONFDESK_BENCH_ORDERS", &[2000])[0];
    let (cached, _) = common::demo_log(2, u32::try_from(orders).unwrap_or(2000));
    let (_dir, path) = common::scratch_copy(&cached);
    let clock = common::clock();
    let mut desk = common::open_with(&path, &clock);
    let mut placed = 0_u64;
    bench_conference(&mut desk);
    // Resolved once, like the CLI does before it calls the app.
    let seats: Order = {
        let conference = resolve::published_conference(&desk, "commit-bench").expect("conference");
        let lines = resolve::seat_lines(&conference, [("General admission", 2)]).expect("seats");
        (conference.id, lines)
    };

    // The bytes one action writes: its events' stored envelopes.
    let before = desk.log().last_position().expect("last");
    desk.registration_mut()
        .place_order(seats.0, &seats.1)
        .expect("order");
    let mut values = Vec::new();
    let mut records = Vec::new();
    desk.log()
        .read_all_from(before + 1, &mut |rec| {
            values.push(encode(&rec).expect("encode"));
            records.push(rec);
            Ok(())
        })
        .expect("read");
    let (_store_dir, store_path) = common::scratch_copy(&cached);
    let store_log = RedbLog::open(&store_path, OpenMode::ReadWrite).expect("store copy");
    let bytes: usize = values.iter().map(Vec::len).sum();
    eprintln!(
        "one place_order appends {} events, {bytes} envelope bytes; log holds {} events; load {}",
        values.len(),
        desk.stats().events,
        common::load()
    );

    let mut group = c.benchmark_group("commit");
    group.measurement_time(Duration::from_secs(8));
    group.bench_function("place_order_durable", |b| {
        b.iter_custom(|n| {
            (0..n)
                .map(|_| timed_order(&mut desk, &clock, &mut placed, &seats))
                .sum()
        });
    });
    let bare_dir = tempfile::tempdir().expect("temp dir");
    let baselines = [
        (
            "bare_redb_write_default_mode",
            ConcurrencyMode::ExclusiveWriter,
        ),
        (
            "bare_redb_write_single_writer",
            ConcurrencyMode::SingleWriter,
        ),
    ];
    for (name, mode) in baselines {
        let db = bare_db(&bare_dir.path().join(name), mode);
        let mut next = 0;
        group.bench_function(name, |b| b.iter(|| bare_write(&db, &mut next, &values)));
    }
    group.finish();

    // fsync time on a shared virtual disk swings by 10x within minutes, so
    // the ratios come from rounds that run the three writes back to back.
    let rounds = common::sizes("CONFDESK_BENCH_COMMIT_ROUNDS", &[500])[0];
    let interleaved: Vec<Samples> = (0..4).map(|_| Samples::default()).collect();
    let mut dbs: Vec<(Database, u64)> = baselines
        .iter()
        .map(|(name, mode)| {
            let p = bare_dir.path().join(format!("{name}-rounds"));
            (bare_db(&p, *mode), 0)
        })
        .collect();
    for _ in 0..rounds {
        interleaved[0].record(timed_order(&mut desk, &clock, &mut placed, &seats));
        for (i, (db, next)) in dbs.iter_mut().enumerate() {
            interleaved[i + 1].time(|| bare_write(db, next, &values));
        }
        interleaved[3].time(|| store_append(&store_log, &records, placed));
    }
    let action = &interleaved[0];
    let (p50, p99) = (action.percentile(50.0), action.percentile(99.0));
    let store = &interleaved[3];
    for ((name, _), base) in baselines.iter().zip(&interleaved[1..3]) {
        println!(
            "SPLIT store append alone (no cascade) vs {name}: p50 {:.3} ms vs {:.3} ms = {:.2}x; place order vs store append: {:.2}x",
            ms(store.percentile(50.0)),
            ms(base.percentile(50.0)),
            ms(store.percentile(50.0)) / ms(base.percentile(50.0)).max(1e-9),
            ms(p50) / ms(store.percentile(50.0)).max(1e-9),
        );
        let ratio = ms(p50) / ms(base.percentile(50.0)).max(1e-9);
        result(
            &format!("place order durable vs {name}, {rounds} interleaved rounds"),
            &format!("p50 {:.3} ms, p99 {:.3} ms", ms(p50), ms(p99)),
            &format!(
                "p50 {:.3} ms, p99 {:.3} ms",
                ms(base.percentile(50.0)),
                ms(base.percentile(99.0))
            ),
            ratio,
            "p99 < 5 ms and p50 <= 1.5x",
            ms(p99) < 5.0 && ratio <= 1.5,
        );
    }
    println!("load average after: {}", common::load());
}

criterion_group!(benches, commit);
criterion_main!(benches);
