//! Item 3: a new desk joining a big shared log, against a bare `SELECT`
//! of the same rows through the same client.

use super::*;

/// Loads every event of the redb log at `path` into the (empty) shared
/// log at `url` with one `COPY`, the stored bytes exactly as the store
/// writes them (envelope + CRC-32, `store::wire`). Returns the count.
fn load(path: &std::path::Path, url: &str) -> u64 {
    drop(PgLog::open(url, OpenMode::Create).expect("schema"));
    let log = RedbLog::open(path, OpenMode::ReadOnly).expect("the demo log");
    let mut client = raw(url);
    let mut copy = client
        .copy_in(
            "COPY confdesk_events (position, event_id, stream_id, version, envelope) FROM STDIN",
        )
        .expect("copy");
    let mut line = String::with_capacity(1 << 20);
    let mut count = 0_u64;
    log.read_all_from(1, &mut |rec| {
        let mut bytes = encode(&rec).expect("encode");
        let checksum = crc32fast::hash(&bytes);
        bytes.extend_from_slice(&checksum.to_le_bytes());
        use std::fmt::Write as _;
        let _ = write!(
            line,
            "{}\t{}\t{}\t{}\t\\\\x",
            rec.position, rec.event_id, rec.stream_id, rec.stream_version
        );
        for b in &bytes {
            let _ = write!(line, "{b:02x}");
        }
        line.push('\n');
        count += 1;
        if line.len() > 1 << 20 {
            copy.write_all(line.as_bytes()).expect("copy data");
            line.clear();
        }
        Ok(())
    })
    .expect("read the demo log");
    copy.write_all(line.as_bytes()).expect("copy data");
    copy.finish().expect("copy finish");
    client
        .batch_execute("VACUUM ANALYZE confdesk_events")
        .expect("vacuum");
    count
}

/// Touches a row's four columns as the store reads them.
fn touch(row: &postgres::Row) -> usize {
    let position: i64 = row.get(0);
    let stream: &str = row.get(1);
    let version: i64 = row.get(2);
    let envelope: &[u8] = row.get(3);
    black_box(position + version) as usize + stream.len() + envelope.len()
}

/// Every row, 2,000 per query, as `PgLog::read_all_from` pages.
fn bare_paged(client: &mut Client, last: i64) -> (Duration, usize) {
    let started = Instant::now();
    let mut next = 1_i64;
    let mut seen = 0;
    while next <= last {
        let rows = client
            .query(
                "SELECT position, stream_id, version, envelope FROM confdesk_events WHERE position BETWEEN $1 AND $2 ORDER BY position LIMIT $3",
                &[&next, &last, &2_000_i64],
            )
            .expect("page");
        for row in &rows {
            seen += touch(row);
        }
        next += rows.len() as i64;
    }
    (started.elapsed(), seen)
}

/// Every row in one query.
fn bare_one(client: &mut Client) -> (Duration, usize) {
    let started = Instant::now();
    let rows = client
        .query(
            "SELECT position, stream_id, version, envelope FROM confdesk_events ORDER BY position",
            &[],
        )
        .expect("all rows");
    let seen = rows.iter().map(touch).sum();
    (started.elapsed(), seen)
}

/// Every round's durations.
#[derive(Default)]
struct Figures {
    desk: Samples,
    scan: Samples,
    paged: Samples,
    one: Samples,
}

/// The store's own scan (connect, schema check, pages, checksums and
/// claims checked, events decoded) with nothing applied: the split.
fn store_scan(url: &str) -> u64 {
    let log = PgLog::open(url, OpenMode::ReadOnly).expect("open");
    let mut n = 0_u64;
    log.read_all_from(1, &mut |rec| {
        n += black_box(rec).position;
        Ok(())
    })
    .expect("scan");
    n
}

/// `rounds` rounds of: the store's scan, a desk joining, the two bare
/// SELECTs.
fn measure(url: &str, loaded: u64, rounds: u64) -> Figures {
    let f = Figures::default();
    let mut client = raw(url);
    let last = i64::try_from(loaded).expect("count");
    let clock = common::clock();
    for _ in 0..rounds {
        let (_, scan) = f.scan.time(|| store_scan(url));
        let (desk, took) = f.desk.time(|| desk_on(url, &clock, OpenMode::ReadWrite));
        assert_eq!(desk.stats().events, loaded, "the desk replayed every event");
        drop(desk);
        let (paged, _) = bare_paged(&mut client, last);
        f.paged.record(paged);
        let (one, _) = bare_one(&mut client);
        f.one.record(one);
        println!(
            "  round: desk {:.0} ms, store scan alone {:.0} ms, bare paged {:.0} ms, bare one query {:.0} ms; load {}",
            ms(took),
            ms(scan),
            ms(paged),
            ms(one),
            common::load()
        );
    }
    f
}

/// Median and fastest of `s`.
fn median_fastest(s: &Samples) -> String {
    format!(
        "{:.0} ms (fastest {:.0} ms)",
        ms(s.percentile(50.0)),
        ms(s.percentile(0.0))
    )
}

/// Prints the split and the results against both baselines.
fn report(f: &Figures, loaded: u64, rounds: u64) {
    let median = |s: &Samples| ms(s.percentile(50.0));
    println!(
        "  split: store scan alone median {:.0} ms = {:.2}x the bare paged SELECT; the desk = {:.2}x the store scan",
        median(&f.scan),
        median(&f.scan) / median(&f.paged).max(1e-9),
        median(&f.desk) / median(&f.scan).max(1e-9),
    );
    for (what, base) in [
        ("paged as the store pages (2,000 rows per query)", &f.paged),
        ("in one query", &f.one),
    ] {
        let ratio = median(&f.desk) / median(base).max(1e-9);
        result(
            &format!(
                "new desk joins a {loaded}-event shared log (Desk::open_at, replay) vs bare SELECT of the same rows {what}, median of {rounds}"
            ),
            &median_fastest(&f.desk),
            &median_fastest(base),
            ratio,
            "<= 2x",
            ratio <= 2.0,
        );
    }
}

/// Runs this part against `server` and prints its `RESULT` lines.
pub fn run(server: &mut Server) {
    let events = common::sizes("CONFDESK_BENCH_EVENTS", &[1_000_000])[0];
    let rounds = common::sizes("CONFDESK_BENCH_JOIN_ROUNDS", &[3])[0];
    let (path, _) = common::demo_log_of(events);
    let url = server.fresh("join");
    let started = Instant::now();
    let loaded = load(&path, &url);
    let size: i64 = raw(&url)
        .query_one("SELECT pg_total_relation_size('confdesk_events')", &[])
        .expect("size")
        .get(0);
    println!(
        "join: loaded {loaded} events into PostgreSQL in {:.1} s (COPY), table + indexes {:.0} MiB; load {}",
        started.elapsed().as_secs_f64(),
        size as f64 / 1048576.0,
        common::load()
    );
    let figures = measure(&url, loaded, rounds);
    report(&figures, loaded, rounds);
    server.drop_db("join");
}
