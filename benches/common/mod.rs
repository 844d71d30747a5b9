//! Shared set-up of the benchmarks: sizes from environment variables,
//! generated demo logs cached between runs, per-iteration samples for
//! percentiles, and the one-line results (figure, baseline, ratio, target)
//! that BENCHMARKS.md quotes.
#![allow(dead_code)]

use chrono::{DateTime, Utc};
use confdesk::app::demo::DemoOptions;
use confdesk::app::{Desk, ManualClock, OrganizerKey, Settings};
use confdesk::store::OpenMode;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// The allocator the `confdesk` binary uses (src/main.rs), so that benches
/// measure what the app does.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The fixed "now" of every benchmark desk: nothing expires meanwhile.
pub fn now() -> DateTime<Utc> {
    DateTime::from_timestamp(1_780_304_400, 0).unwrap_or_default() // 2026-06-01T09:00:00Z
}

/// A clock standing at [`now`].
pub fn clock() -> ManualClock {
    ManualClock::new(now())
}

/// Sizes from the environment variable `var` (comma-separated; `k` and
/// `M` suffixes), else `default`.
pub fn sizes(var: &str, default: &[u64]) -> Vec<u64> {
    let Ok(text) = std::env::var(var) else {
        return default.to_vec();
    };
    let parsed: Vec<u64> = text
        .split(',')
        .filter_map(|s| {
            let s = s.trim();
            let (digits, scale) = match s.as_bytes().last() {
                Some(b'k' | b'K') => (&s[..s.len() - 1], 1_000),
                Some(b'M' | b'm') => (&s[..s.len() - 1], 1_000_000),
                _ => (s, 1),
            };
            digits.parse::<u64>().ok().map(|n| n * scale)
        })
        .collect();
    if parsed.is_empty() {
        default.to_vec()
    } else {
        parsed
    }
}

/// Where generated logs are kept between runs.
pub fn data_dir() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("confdesk-bench");
    std::fs::create_dir_all(&dir).expect("bench data folder");
    dir
}

/// Opens `path` read-write with a clock standing at [`now`].
pub fn open(path: &Path) -> Desk {
    open_with(path, &clock())
}

/// Opens `path` read-write with `clock`, creating the log if it is missing.
pub fn open_with(path: &Path, clock: &ManualClock) -> Desk {
    Desk::open_path(
        path,
        OpenMode::Create,
        Arc::new(clock.clone()),
        Settings::default(),
    )
    .expect("open the bench log")
}

/// A demo log (`confdesk demo` with seed 1), generated once and cached;
/// returns its path and the organizer keys of its conferences.
pub fn demo_log(conferences: u32, orders: u32) -> (PathBuf, Vec<OrganizerKey>) {
    let path = data_dir().join(format!("demo-{conferences}c-{orders}o.redb"));
    let keys_path = path.with_extension("keys");
    if let (true, Ok(text)) = (path.exists(), std::fs::read_to_string(&keys_path)) {
        let keys = text
            .lines()
            .filter_map(|l| {
                let mut parts = l.split('\t');
                Some(OrganizerKey {
                    slug: parts.next()?.into(),
                    email: parts.next()?.into(),
                    access_code: parts.next()?.into(),
                })
            })
            .collect();
        return (path, keys);
    }
    let _ = std::fs::remove_file(&path);
    let started = Instant::now();
    let mut desk = open(&path);
    let summary = desk
        .fill_demo(DemoOptions {
            conferences,
            orders,
            seed: 1,
        })
        .expect("demo");
    let events = desk.stats().events;
    drop(desk);
    eprintln!(
        "generated {} ({events} events) in {:.1} s",
        path.display(),
        started.elapsed().as_secs_f64()
    );
    let text: String = summary
        .conferences
        .iter()
        .map(|k| format!("{}\t{}\t{}\n", k.slug, k.email, k.access_code))
        .collect();
    std::fs::write(&keys_path, text).expect("keys file");
    (path, summary.conferences)
}

/// A demo log of about `events` events (about 16.7 events per demo order).
pub fn demo_log_of(events: u64) -> (PathBuf, Vec<OrganizerKey>) {
    let orders = u32::try_from(events * 10 / 167).unwrap_or(u32::MAX).max(1);
    let conferences = if events >= 100_000 { 20 } else { 2 };
    demo_log(conferences, orders)
}

/// A copy of `path` in a fresh temp folder (benchmarks that write).
pub fn scratch_copy(path: &Path) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let copy = dir.path().join("log.redb");
    std::fs::copy(path, &copy).expect("copy the log");
    (dir, copy)
}

/// Every iteration's duration, for percentiles criterion does not report
/// (criterion's warm-up iterations included: they run the same code).
#[derive(Debug, Default, Clone)]
pub struct Samples(Arc<Mutex<Vec<Duration>>>);

impl Samples {
    /// Times `f` once and records it.
    pub fn time<T>(&self, f: impl FnOnce() -> T) -> (T, Duration) {
        let started = Instant::now();
        let out = f();
        let took = started.elapsed();
        self.0.lock().expect("samples").push(took);
        (out, took)
    }

    /// Records a duration timed elsewhere.
    pub fn record(&self, took: Duration) {
        self.0.lock().expect("samples").push(took);
    }

    /// The `p`-th percentile (0..=100), nearest rank.
    pub fn percentile(&self, p: f64) -> Duration {
        let mut all = self.0.lock().expect("samples").clone();
        all.sort();
        if all.is_empty() {
            return Duration::ZERO;
        }
        let rank = ((p / 100.0) * all.len() as f64).ceil() as usize;
        all[rank.clamp(1, all.len()) - 1]
    }

    /// How many were recorded.
    pub fn len(&self) -> usize {
        self.0.lock().expect("samples").len()
    }
}

/// Milliseconds, for printing.
pub fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Prints one result line: `what` against `baseline`, the ratio, and
/// whether `target` holds ("PASS"/"MISS").
pub fn result(what: &str, figure: &str, baseline: &str, ratio: f64, target: &str, pass: bool) {
    println!(
        "RESULT {what}: {figure} | baseline {baseline} | ratio {ratio:.2}x | target {target}: {}",
        if pass { "PASS" } else { "MISS" }
    );
}

/// The machine's load average, printed beside results (shared cores).
pub fn load() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "unknown".into())
}

/// Rewrites the format-3 log at `path` as format 2 (events without their
/// checksum), as a log written before checksums were added: to measure what
/// the checksum costs, and the upgrade.
pub fn downgrade_to_v2(path: &Path) {
    use redb::ReadableTable as _;
    const EVENTS: redb::TableDefinition<u64, &[u8]> = redb::TableDefinition::new("events");
    const META: redb::TableDefinition<&str, &[u8]> = redb::TableDefinition::new("meta");
    let db = redb::Database::open(path).expect("open the copy");
    let txn = db.begin_write().expect("write");
    {
        let mut events = txn.open_table(EVENTS).expect("events");
        let mut next = 1_u64;
        loop {
            let step: Vec<(u64, Vec<u8>)> = events
                .range(next..)
                .expect("range")
                .take(50_000)
                .map(|item| {
                    let (k, v) = item.expect("event");
                    let v = v.value();
                    (k.value(), v[..v.len() - 4].to_vec())
                })
                .collect();
            let Some((last, _)) = step.last() else { break };
            next = last + 1;
            for (position, bytes) in &step {
                events.insert(*position, bytes.as_slice()).expect("insert");
            }
        }
        let mut meta = txn.open_table(META).expect("meta");
        meta.insert("format_version", 2_u32.to_le_bytes().as_slice())
            .expect("marker");
    }
    txn.commit().expect("commit");
}
