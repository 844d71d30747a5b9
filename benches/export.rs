//! The attendee CSV export of one large conference: rows built from the
//! read model, CSV with BOM and formula neutralising, written to a temp
//! file, fsynced and renamed (`Desk::export_attendees`). Baseline: writing
//! the same bytes with `std::fs::write` (no fsync), and, to show what the
//! fsync costs, the same plus `sync_all`.
//!
//! Target: < 300 ms for 100,000 rows. `CONFDESK_BENCH_ROWS` sets the
//! attendee rows (default 10k).

mod common;

use common::{Samples, ms, result};
use confdesk::app::export::{CsvOptions, attendees_csv};
use criterion::{Criterion, criterion_group, criterion_main};
use std::io::Write as _;

fn export(c: &mut Criterion) {
    let rows_wanted = common::sizes("CONFDESK_BENCH_ROWS", &[10_000])[0];
    let orders = u32::try_from(rows_wanted * 10 / 33)
        .unwrap_or(u32::MAX)
        .max(1);
    let (cached, keys) = common::demo_log(1, orders);
    let (dir, path) = common::scratch_copy(&cached);
    let mut desk = common::open(&path);
    let key = keys.first().expect("a conference").clone();
    let key_access = desk.authorize_organizer(&key).expect("access");
    let rows = desk.organizer().organizer_attendees(&key_access);
    let bytes = attendees_csv(&rows, CsvOptions::default()).expect("csv");
    eprintln!(
        "{} rows, {} bytes; load {}",
        rows.len(),
        bytes.len(),
        common::load()
    );
    let out = dir.path().join("attendees.csv");
    let plain = dir.path().join("plain.csv");

    let mut group = c.benchmark_group("export");
    group.sample_size(20);
    let (full, base, synced) = (Samples::default(), Samples::default(), Samples::default());
    group.bench_function(format!("export_attendees_{}_rows", rows.len()), |b| {
        b.iter_custom(|n| {
            (0..n)
                .map(|_| {
                    full.time(|| desk.export_attendees(&key_access, &out, CsvOptions::default()))
                        .1
                })
                .sum()
        });
    });
    group.bench_function("std_fs_write_same_bytes", |b| {
        b.iter_custom(|n| {
            (0..n)
                .map(|_| base.time(|| std::fs::write(&plain, &bytes)).1)
                .sum()
        });
    });
    group.bench_function("std_fs_write_and_sync_same_bytes", |b| {
        b.iter_custom(|n| {
            (0..n)
                .map(|_| {
                    synced
                        .time(|| {
                            let mut f = std::fs::File::create(&plain)?;
                            f.write_all(&bytes)?;
                            f.sync_all()
                        })
                        .1
                })
                .sum()
        });
    });
    group.finish();

    let p50 = full.percentile(50.0);
    let scale = 100_000.0 / rows.len().max(1) as f64;
    for (name, s) in [("std::fs::write", &base), ("write + sync_all", &synced)] {
        result(
            &format!("attendee CSV export, {} rows", rows.len()),
            &format!(
                "p50 {:.1} ms, p99 {:.1} ms (≈ {:.0} ms per 100k rows)",
                ms(p50),
                ms(full.percentile(99.0)),
                ms(p50) * scale
            ),
            &format!("{name} p50 {:.1} ms", ms(s.percentile(50.0))),
            ms(p50) / ms(s.percentile(50.0)).max(1e-9),
            "< 300 ms per 100k rows",
            ms(p50) * scale < 300.0,
        );
    }
    println!("load average after: {}", common::load());
}

criterion_group!(benches, export);
criterion_main!(benches);
