//! Item 4: how long another desk's order takes to appear at a watching
//! desk, against a bare `NOTIFY` → `LISTEN` round trip.

use super::*;

/// Latencies from `sent` (position or sequence, when the sender's call
/// returned) to the first `seen` at or past it; negative ones (seen
/// before the sender's call returned) count as zero, and are counted.
fn latencies(sent: &[(u64, Instant)], seen: &[(u64, Instant)]) -> (Samples, usize) {
    let out = Samples::default();
    let mut early = 0;
    for (position, at) in sent {
        let Some((_, when)) = seen.iter().find(|(p, _)| p >= position) else {
            continue;
        };
        match when.checked_duration_since(*at) {
            Some(d) => out.record(d),
            None => {
                early += 1;
                out.record(Duration::ZERO);
            }
        }
    }
    (out, early)
}

/// Runs this part against `server` and prints its `RESULT` lines.
pub fn run(server: &mut Server) {
    let orders = common::sizes("CONFDESK_BENCH_PG_APPEAR", &[200])[0];
    let url = server.fresh("appear");
    let clock = common::clock();
    let mut a = desk_on(&url, &clock, OpenMode::Create);
    bench_conference(&mut a, "pg-bench");
    let order = order_of(&a, "pg-bench", 1);
    let stop = AtomicBool::new(false);
    let notified = AtomicU64::new(0);
    let (seen_b, seen_raw, sent_a, sent_raw) = std::thread::scope(|scope| {
        // Desk B: catches up on every wake of its watcher.
        let b = scope.spawn(|| {
            let mut b = desk_on(&url, &clock, OpenMode::ReadWrite);
            let (tx, rx) = std::sync::mpsc::channel();
            let tx = std::sync::Mutex::new(tx);
            let watch = b
                .watch(Arc::new(move || {
                    let _ = tx.lock().map(|t| t.send(()));
                }))
                .expect("a shared log is watched");
            while !watch.is_online() {
                std::thread::sleep(Duration::from_millis(10));
            }
            notified.fetch_add(1, Ordering::SeqCst);
            let mut seen = Vec::new();
            while !stop.load(Ordering::Relaxed) {
                if rx.recv_timeout(Duration::from_millis(100)).is_ok() {
                    b.catch_up().expect("catch up");
                    seen.push((b.journal().position(), Instant::now()));
                }
            }
            seen
        });
        // The bare round trip: a raw client LISTENs.
        let listener = scope.spawn(|| {
            let mut client = raw(&url);
            client.batch_execute("LISTEN bench_raw").expect("listen");
            notified.fetch_add(1, Ordering::SeqCst);
            let mut seen = Vec::new();
            while !stop.load(Ordering::Relaxed) {
                let mut n = client.notifications();
                let mut it = n.timeout_iter(Duration::from_millis(100));
                while let Ok(Some(note)) = it.next() {
                    let at = Instant::now();
                    seen.push((note.payload().parse::<u64>().unwrap_or(0), at));
                }
            }
            seen
        });
        while notified.load(Ordering::SeqCst) < 2 {
            std::thread::sleep(Duration::from_millis(10));
        }
        let mut sender = raw(&url);
        let mut rng = rand::rng();
        let (mut sent_a, mut sent_raw) = (Vec::new(), Vec::new());
        for i in 1..=orders {
            std::thread::sleep(Duration::from_millis(rng.random_range(20..=100)));
            place(&mut a, &order);
            sent_a.push((a.journal().position(), Instant::now()));
            std::thread::sleep(Duration::from_millis(rng.random_range(20..=100)));
            // From the moment the NOTIFY is sent: most arrive before
            // its own answer does.
            let at = Instant::now();
            sender
                .execute("SELECT pg_notify('bench_raw', $1)", &[&i.to_string()])
                .expect("notify");
            sent_raw.push((i, at));
        }
        std::thread::sleep(Duration::from_millis(1500));
        stop.store(true, Ordering::Relaxed);
        let seen_b = b.join().expect("desk B");
        let seen_raw = listener.join().expect("listener");
        (seen_b, seen_raw, sent_a, sent_raw)
    });
    let (app, early_app) = latencies(&sent_a, &seen_b);
    let (bare, early_bare) = latencies(&sent_raw, &seen_raw);
    let stats = |s: &Samples| {
        format!(
            "p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms ({} seen)",
            ms(s.percentile(50.0)),
            ms(s.percentile(99.0)),
            ms(s.percentile(100.0)),
            s.len()
        )
    };
    let ratio = ms(app.percentile(99.0)) / ms(bare.percentile(99.0)).max(1e-9);
    result(
        &format!(
            "another desk's order appears (A's place_order returned → B caught up), {orders} orders 20–100 ms apart"
        ),
        &format!(
            "{} ({early_app} seen before A's call returned)",
            stats(&app)
        ),
        &format!(
            "bare NOTIFY sent → heard by a LISTENing raw client {} ({early_bare} early)",
            stats(&bare)
        ),
        ratio,
        "p99 < 1 s",
        app.percentile(99.0) < Duration::from_secs(1) && app.len() as u64 == orders,
    );
    drop(a);
    server.drop_db("appear");
}
