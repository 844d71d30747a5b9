//! Start-up replay: open a demo log read-write as the window does (magic
//! check, read-only probe, redb's integrity check on one thread while a
//! read-only handle replays on the others: `Desk::open_path_with_progress`)
//! and replay every event into the write model and every read model. Baseline: scanning and
//! decoding the same events without applying them.
//!
//! Target: < 1 s for 1,000,000 events, cost linear in events.
//! `CONFDESK_BENCH_EVENTS` sets the log sizes (default 20k; e.g.
//! `100k,1M,3M`). Logs are generated once with `fill_demo` and cached under
//! the target folder.

mod common;

use common::{ms, result};
use confdesk::app::event_codec::decode_event;
use confdesk::app::{Desk, Settings};
use confdesk::store::{EventStore, OpenMode, RedbLog, StoreError};
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

/// What the window's loading thread does.
fn open_and_replay(path: &Path) -> Desk {
    Desk::open_path_with_progress(
        path,
        OpenMode::ReadWrite,
        Arc::new(common::clock()),
        Settings::default(),
        &mut |_, _| {},
    )
    .expect("open and replay")
}

/// The baseline: every event read and decoded, nothing applied.
fn decode_only(log: &dyn EventStore) -> u64 {
    let mut n = 0;
    log.read_all_from(1, &mut |rec| {
        let event =
            decode_event(&rec.event_type, rec.schema_version, &rec.payload).map_err(|e| {
                StoreError::Corrupt {
                    path: Default::default(),
                    detail: e.to_string(),
                }
            })?;
        black_box(event);
        n += 1;
        Ok(())
    })
    .expect("scan");
    n
}

fn replay(c: &mut Criterion) {
    let sizes = common::sizes("CONFDESK_BENCH_EVENTS", &[20_000]);
    let mut figures = Vec::new();
    for size in sizes {
        let (cached, _) = common::demo_log_of(size);
        // Each read-write open commits redb's check: keep the cache pristine.
        let (_dir, path) = common::scratch_copy(&cached);
        let events = open_and_replay(&path).stats().events;
        let mut group = c.benchmark_group("replay");
        group.sample_size(10);
        group.measurement_time(Duration::from_secs(if events > 500_000 { 30 } else { 10 }));
        let (mut replay_total, mut replay_runs) = (Duration::ZERO, 0_u32);
        group.bench_with_input(
            BenchmarkId::new("open_and_replay", events),
            &path,
            |b, p| {
                b.iter_custom(|iters| {
                    let mut took = Duration::ZERO;
                    for _ in 0..iters {
                        let started = std::time::Instant::now();
                        let desk = black_box(open_and_replay(p));
                        took += started.elapsed();
                        // Freeing the models is not start-up: not timed.
                        drop(desk);
                    }
                    replay_total += took;
                    replay_runs += u32::try_from(iters).unwrap_or(0);
                    took
                });
            },
        );
        let log = RedbLog::open(&path, OpenMode::ReadOnly).expect("open read-only");
        let (mut decode_total, mut decode_runs) = (Duration::ZERO, 0_u32);
        group.bench_with_input(BenchmarkId::new("decode_only", events), &log, |b, log| {
            b.iter_custom(|iters| {
                let started = std::time::Instant::now();
                for _ in 0..iters {
                    black_box(decode_only(log));
                }
                let took = started.elapsed();
                decode_total += took;
                decode_runs += u32::try_from(iters).unwrap_or(0);
                took
            });
        });
        group.finish();
        let mean = |total: Duration, runs: u32| total / runs.max(1);
        figures.push((
            events,
            mean(replay_total, replay_runs),
            mean(decode_total, decode_runs),
        ));
    }
    for (events, replay_time, decode_time) in figures {
        let per_event_ns = replay_time.as_secs_f64() * 1e9 / events.max(1) as f64;
        // The target is for 1M events: scale linearly to compare.
        let at_1m = replay_time.as_secs_f64() * 1_000_000.0 / events.max(1) as f64;
        result(
            &format!("open + replay {events} events (mean of all runs)"),
            &format!(
                "{:.1} ms = {per_event_ns:.0} ns/event (≈ {at_1m:.2} s per 1M)",
                ms(replay_time)
            ),
            &format!("decode only {:.1} ms", ms(decode_time)),
            replay_time.as_secs_f64() / decode_time.as_secs_f64().max(1e-9),
            "< 1 s per 1M events",
            at_1m < 1.0,
        );
    }
    println!("load average after: {}", common::load());
}

criterion_group!(benches, replay);
criterion_main!(benches);
