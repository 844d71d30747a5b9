//! Item 1: place order → durable on PostgreSQL, against a bare `BEGIN` +
//! one `INSERT` per row + `COMMIT` of the same rows, interleaved round by
//! round; with the splits that say where the time goes.

use super::*;
use postgres::Statement;

/// One stored row of an order's append: stream, version, envelope.
type StoredRow = (String, i64, Vec<u8>);

/// The insert both baselines use: the store's statement, prepared once.
fn insert_sql(table: &str) -> String {
    format!(
        "INSERT INTO {table} (position, event_id, stream_id, version, envelope) VALUES ($1, $2::text::uuid, $3, $4, $5)"
    )
}

/// A bare transaction: `BEGIN`, one `INSERT` per row, `COMMIT`.
/// Streams get a per-round suffix so a table with the log's unique
/// indexes accepts them.
fn bare_insert(
    client: &mut Client,
    insert: &Statement,
    rows: &[StoredRow],
    next: &mut i64,
    round: u64,
) -> Duration {
    let started = Instant::now();
    let mut txn = client.transaction().expect("begin");
    for (stream, version, bytes) in rows {
        *next += 1;
        let id = uuid::Uuid::now_v7().to_string();
        let stream = format!("{stream}-r{round}");
        txn.execute(insert, &[&*next, &id, &stream, version, bytes])
            .expect("insert");
    }
    txn.commit().expect("commit");
    started.elapsed()
}

/// The steps of the store's append (`src/store/pg_log/append.rs`), as
/// statements of the raw client on a copy table, each timed into
/// `steps` (same order as [`STEPS`]).
fn store_shaped(client: &mut Client, rows: &[StoredRow], round: u64, steps: &[Samples]) {
    let mut at = Instant::now();
    let mut lap = |i: usize| {
        let now = Instant::now();
        steps[i].record(now - at);
        at = now;
    };
    let mut txn = client.transaction().expect("begin");
    lap(0);
    txn.execute("SELECT pg_advisory_xact_lock(42)", &[])
        .expect("lock");
    lap(1);
    let ids: Vec<String> = rows
        .iter()
        .map(|_| uuid::Uuid::now_v7().to_string())
        .collect();
    txn.query(
        "SELECT position, event_id::text FROM bench_shaped WHERE event_id = ANY($1::text[]::uuid[]) ORDER BY position",
        &[&ids],
    )
    .expect("stored outcome");
    lap(2);
    let streams: Vec<String> = rows.iter().map(|r| format!("{}-r{round}", r.0)).collect();
    let mut distinct = streams.clone();
    distinct.dedup();
    for stream in &distinct {
        txn.query_one(
            "SELECT coalesce(max(version), 0) FROM bench_shaped WHERE stream_id = $1",
            &[stream],
        )
        .expect("version");
    }
    lap(3);
    let last: i64 = txn
        .query_one("SELECT coalesce(max(position), 0) FROM bench_shaped", &[])
        .expect("last")
        .get(0);
    lap(4);
    let insert = txn.prepare(&insert_sql("bench_shaped")).expect("prepare");
    lap(5);
    for (i, ((_, version, bytes), stream)) in rows.iter().zip(&streams).enumerate() {
        let position = last + 1 + i as i64;
        txn.execute(&insert, &[&position, &ids[i], stream, version, bytes])
            .expect("insert");
    }
    lap(6);
    txn.execute("SELECT pg_notify('bench_shaped', $1)", &[&last.to_string()])
        .expect("notify");
    lap(7);
    txn.commit().expect("commit");
    lap(8);
}

/// The store's own append of `records` again (no cascade, no models),
/// every stream renamed for `round` so that all are new; timed.
fn store_append(log: &PgLog, records: &[RecordedEvent], round: u64) -> Duration {
    let mut batch: Vec<StreamAppend> = Vec::new();
    let mut versions: std::collections::HashMap<String, u64> = Default::default();
    for rec in records {
        let stream_id = format!("{}-r{round}", rec.stream_id);
        let new = NewEvent {
            event_id: uuid::Uuid::now_v7(),
            event_type: rec.event_type.clone(),
            schema_version: rec.schema_version,
            correlation_id: rec.correlation_id,
            causation_id: rec.causation_id,
            recorded_at: rec.recorded_at,
            payload: rec.payload.clone(),
        };
        let version = versions.entry(stream_id.clone()).or_default();
        match batch.last_mut() {
            Some(entry) if entry.stream_id == stream_id => entry.events.push(new),
            _ => batch.push(StreamAppend {
                stream_id,
                expected_version: *version,
                events: vec![new],
            }),
        }
        *version += 1;
    }
    let started = Instant::now();
    log.append(&batch).expect("store append");
    started.elapsed()
}

/// The steps [`store_shaped`] times.
const STEPS: [&str; 9] = [
    "BEGIN",
    "advisory lock",
    "stored-outcome SELECT",
    "version SELECT per stream",
    "last position SELECT",
    "prepare INSERT",
    "INSERT per row",
    "NOTIFY",
    "COMMIT (fsync)",
];

/// Runs this part against `server` and prints its `RESULT` lines.
pub fn run(server: &mut Server) {
    let rounds = common::sizes("CONFDESK_BENCH_PG_ORDERS", &[300])[0];
    let url = server.fresh("durable");
    let clock = common::clock();
    let mut desk = desk_on(&url, &clock, OpenMode::Create);
    bench_conference(&mut desk, "pg-bench");
    let order = order_of(&desk, "pg-bench", 2);

    // The rows one order's append wrote, read back as stored.
    let before = desk.journal().position();
    place(&mut desk, &order);
    let mut client = raw(&url);
    let rows: Vec<StoredRow> = client
        .query(
            "SELECT stream_id, version, envelope FROM confdesk_events WHERE position > $1 ORDER BY position",
            &[&i64::try_from(before).expect("position")],
        )
        .expect("the order's rows")
        .iter()
        .map(|r| (r.get(0), r.get(1), r.get(2)))
        .collect();
    let records = desk
        .log()
        .read_range(before + 1, desk.journal().position())
        .expect("the order's events");
    let store_url = server.fresh("durable_store");
    let store_log = PgLog::open(&store_url, OpenMode::Create).expect("store split log");
    let bytes: usize = rows.iter().map(|r| r.2.len()).sum();
    let streams = {
        let mut s: Vec<&str> = rows.iter().map(|r| r.0.as_str()).collect();
        s.dedup();
        s.len()
    };
    println!(
        "durable: one place_order appends {} rows ({streams} stream runs), {bytes} envelope bytes; {rounds} rounds; load {}",
        rows.len(),
        common::load()
    );
    client
        .batch_execute(
            "CREATE TABLE bench_plain (position bigint, event_id uuid, stream_id text, version bigint, envelope bytea);
             CREATE TABLE bench_indexed (LIKE confdesk_events INCLUDING ALL);
             CREATE TABLE bench_shaped (LIKE confdesk_events INCLUDING ALL);",
        )
        .expect("baseline tables");
    let plain = client.prepare(&insert_sql("bench_plain")).expect("prepare");
    let indexed = client
        .prepare(&insert_sql("bench_indexed"))
        .expect("prepare");

    let (app, bare, bare_idx) = (Samples::default(), Samples::default(), Samples::default());
    let store = Samples::default();
    let steps: Vec<Samples> = STEPS.iter().map(|_| Samples::default()).collect();
    let (mut next_plain, mut next_idx, mut placed) = (0_i64, 0_i64, 0_u64);
    let warm_up = 30;
    for round in 0..rounds + warm_up {
        placed += 1;
        if placed.is_multiple_of(PENDING) {
            clock.advance(chrono::Duration::minutes(16));
            desk.tick().expect("expire");
        }
        let took = place(&mut desk, &order);
        let base = bare_insert(&mut client, &plain, &rows, &mut next_plain, round);
        let base_idx = bare_insert(&mut client, &indexed, &rows, &mut next_idx, round);
        let alone = store_append(&store_log, &records, round);
        let shaped: Vec<Samples> = if round >= warm_up {
            steps.clone()
        } else {
            STEPS.iter().map(|_| Samples::default()).collect()
        };
        store_shaped(&mut client, &rows, round, &shaped);
        if round >= warm_up {
            app.record(took);
            bare.record(base);
            bare_idx.record(base_idx);
            store.record(alone);
        }
    }
    let ratio = ms(app.percentile(50.0)) / ms(bare.percentile(50.0)).max(1e-9);
    result(
        &format!(
            "place order durable on PostgreSQL vs bare INSERT per row + COMMIT (plain table), {rounds} interleaved rounds"
        ),
        &p50_p99(&app),
        &p50_p99(&bare),
        ratio,
        "p50 <= 1.5x",
        ratio <= 1.5,
    );
    println!(
        "  p99 ratio {:.2}x; vs the same bare insert into a table with the log's indexes: {} = {:.2}x (p50)",
        ms(app.percentile(99.0)) / ms(bare.percentile(99.0)).max(1e-9),
        p50_p99(&bare_idx),
        ms(app.percentile(50.0)) / ms(bare_idx.percentile(50.0)).max(1e-9),
    );
    println!(
        "  split: the store's own append of the same events (PgLog::append, no cascade): {} = {:.2}x the bare insert; place order = {:.2}x the store append (p50)",
        p50_p99(&store),
        ms(store.percentile(50.0)) / ms(bare.percentile(50.0)).max(1e-9),
        ms(app.percentile(50.0)) / ms(store.percentile(50.0)).max(1e-9),
    );
    let total: f64 = steps.iter().map(|s| ms(s.percentile(50.0))).sum();
    println!("  the store's statements, raw client, p50 per step (sum {total:.3} ms):");
    for (name, s) in STEPS.iter().zip(&steps) {
        println!("    {name:<28} {}", p50_p99(s));
    }
    drop(desk);
    drop(client);
    drop(store_log);
    server.drop_db("durable");
    server.drop_db("durable_store");
}
