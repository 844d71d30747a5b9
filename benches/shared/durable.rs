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

/// What the rounds need: the desk and its order, the raw client with its
/// baseline statements, and the rows and events of one order's append.
struct Rig {
    desk: Desk,
    clock: ManualClock,
    order: Order,
    client: Client,
    plain: Statement,
    indexed: Statement,
    /// The order's rows as stored (for the bare inserts).
    rows: Vec<StoredRow>,
    /// The order's events (for the store's own append).
    records: Vec<RecordedEvent>,
    /// The log of the store-append split, in its own database.
    store_log: PgLog,
}

/// Every round's durations, warm-up excluded.
#[derive(Default)]
struct Figures {
    app: Samples,
    bare: Samples,
    bare_idx: Samples,
    store: Samples,
    steps: Vec<Samples>,
}

/// Places one order on a fresh log and reads back what it wrote; makes
/// the baseline tables.
fn rig(server: &mut Server) -> Rig {
    let url = server.fresh("durable");
    let clock = common::clock();
    let mut desk = desk_on(&url, &clock, OpenMode::Create);
    bench_conference(&mut desk, "pg-bench");
    let order = order_of(&desk, "pg-bench", 2);
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
    Rig {
        desk,
        clock,
        order,
        client,
        plain,
        indexed,
        rows,
        records,
        store_log,
    }
}

/// `rounds` rounds after 30 of warm-up, each: the order, the two bare
/// inserts, the store's append, the store's old statements.
fn measure(rig: &mut Rig, rounds: u64) -> Figures {
    let figures = Figures {
        steps: STEPS.iter().map(|_| Samples::default()).collect(),
        ..Figures::default()
    };
    let (mut next_plain, mut next_idx) = (0_i64, 0_i64);
    let warm_up = 30;
    for round in 0..rounds + warm_up {
        // Every PENDING orders, the reservations expire (untimed).
        if (round + 1).is_multiple_of(PENDING) {
            rig.clock.advance(chrono::Duration::minutes(16));
            rig.desk.tick().expect("expire");
        }
        let took = place(&mut rig.desk, &rig.order);
        let (client, rows) = (&mut rig.client, &rig.rows);
        let base = bare_insert(client, &rig.plain, rows, &mut next_plain, round);
        let base_idx = bare_insert(client, &rig.indexed, rows, &mut next_idx, round);
        let alone = store_append(&rig.store_log, &rig.records, round);
        let counted = round >= warm_up;
        let steps: Vec<Samples> = if counted {
            figures.steps.clone()
        } else {
            STEPS.iter().map(|_| Samples::default()).collect()
        };
        store_shaped(client, rows, round, &steps);
        if counted {
            figures.app.record(took);
            figures.bare.record(base);
            figures.bare_idx.record(base_idx);
            figures.store.record(alone);
        }
    }
    figures
}

/// p50 of `a` over p50 of `b`.
fn p50_ratio(a: &Samples, b: &Samples) -> f64 {
    ms(a.percentile(50.0)) / ms(b.percentile(50.0)).max(1e-9)
}

/// Prints the result and its splits.
fn report(f: &Figures, rounds: u64) {
    let ratio = p50_ratio(&f.app, &f.bare);
    result(
        &format!(
            "place order durable on PostgreSQL vs bare INSERT per row + COMMIT (plain table), {rounds} interleaved rounds"
        ),
        &p50_p99(&f.app),
        &p50_p99(&f.bare),
        ratio,
        "p50 <= 1.5x",
        ratio <= 1.5,
    );
    println!(
        "  p99 ratio {:.2}x; vs the same bare insert into a table with the log's indexes: {} = {:.2}x (p50)",
        ms(f.app.percentile(99.0)) / ms(f.bare.percentile(99.0)).max(1e-9),
        p50_p99(&f.bare_idx),
        p50_ratio(&f.app, &f.bare_idx),
    );
    println!(
        "  split: the store's own append of the same events (PgLog::append, no cascade): {} = {:.2}x the bare insert; place order = {:.2}x the store append (p50)",
        p50_p99(&f.store),
        p50_ratio(&f.store, &f.bare),
        p50_ratio(&f.app, &f.store),
    );
    let total: f64 = f.steps.iter().map(|s| ms(s.percentile(50.0))).sum();
    println!(
        "  the store's statements before the 7-round-trip append, raw client, p50 per step (sum {total:.3} ms):"
    );
    for (name, s) in STEPS.iter().zip(&f.steps) {
        println!("    {name:<28} {}", p50_p99(s));
    }
}

/// Runs this part against `server` and prints its `RESULT` lines.
pub fn run(server: &mut Server) {
    let rounds = common::sizes("CONFDESK_BENCH_PG_ORDERS", &[300])[0];
    let mut rig = rig(server);
    let bytes: usize = rig.rows.iter().map(|r| r.2.len()).sum();
    let mut streams: Vec<&str> = rig.rows.iter().map(|r| r.0.as_str()).collect();
    streams.dedup();
    println!(
        "durable: one place_order appends {} rows ({} stream runs), {bytes} envelope bytes; {rounds} rounds; load {}",
        rig.rows.len(),
        streams.len(),
        common::load()
    );
    let figures = measure(&mut rig, rounds);
    report(&figures, rounds);
    drop(rig);
    server.drop_db("durable");
    server.drop_db("durable_store");
}
