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

/// When each position (or sequence number) was seen.
type Seen = Vec<(u64, Instant)>;

/// What the threads share: the log, when to stop, how many are ready.
struct Shared<'a> {
    url: &'a str,
    clock: &'a ManualClock,
    stop: AtomicBool,
    ready: AtomicU64,
}

/// Desk B: catches up on every wake of its watcher; when it held which
/// position.
fn follower(shared: &Shared<'_>) -> Seen {
    let mut b = desk_on(shared.url, shared.clock, OpenMode::ReadWrite);
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
    shared.ready.fetch_add(1, Ordering::SeqCst);
    let mut seen = Vec::new();
    while !shared.stop.load(Ordering::Relaxed) {
        if rx.recv_timeout(Duration::from_millis(100)).is_ok() {
            b.catch_up().expect("catch up");
            seen.push((b.journal().position(), Instant::now()));
        }
    }
    seen
}

/// The bare round trip's receiver: a raw client that `LISTEN`s; when it
/// heard which sequence number.
fn listener(shared: &Shared<'_>) -> Seen {
    let mut client = raw(shared.url);
    client.batch_execute("LISTEN bench_raw").expect("listen");
    shared.ready.fetch_add(1, Ordering::SeqCst);
    let mut seen = Vec::new();
    while !shared.stop.load(Ordering::Relaxed) {
        let mut n = client.notifications();
        let mut it = n.timeout_iter(Duration::from_millis(100));
        while let Ok(Some(note)) = it.next() {
            let at = Instant::now();
            seen.push((note.payload().parse::<u64>().unwrap_or(0), at));
        }
    }
    seen
}

/// Desk A's orders and the bare NOTIFYs, alternating, 20–100 ms apart:
/// when each of A's calls returned (by the position its order ends at)
/// and when each NOTIFY was sent.
fn send(a: &mut Desk, order: &Order, url: &str, orders: u64) -> (Seen, Seen) {
    let mut sender = raw(url);
    let mut rng = rand::rng();
    let (mut sent_a, mut sent_raw) = (Vec::new(), Vec::new());
    for i in 1..=orders {
        std::thread::sleep(Duration::from_millis(rng.random_range(20..=100)));
        place(a, order);
        sent_a.push((a.journal().position(), Instant::now()));
        std::thread::sleep(Duration::from_millis(rng.random_range(20..=100)));
        // From the moment the NOTIFY is sent: most arrive before its own
        // answer does.
        let at = Instant::now();
        sender
            .execute("SELECT pg_notify('bench_raw', $1)", &[&i.to_string()])
            .expect("notify");
        sent_raw.push((i, at));
    }
    (sent_a, sent_raw)
}

/// p50, p99, max and count of `s`.
fn stats(s: &Samples) -> String {
    format!(
        "p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms ({} seen)",
        ms(s.percentile(50.0)),
        ms(s.percentile(99.0)),
        ms(s.percentile(100.0)),
        s.len()
    )
}

/// Runs this part against `server` and prints its `RESULT` lines.
pub fn run(server: &mut Server) {
    let orders = common::sizes("CONFDESK_BENCH_PG_APPEAR", &[200])[0];
    let url = server.fresh("appear");
    let clock = common::clock();
    let mut a = desk_on(&url, &clock, OpenMode::Create);
    bench_conference(&mut a, "pg-bench");
    let order = order_of(&a, "pg-bench", 1);
    let shared = Shared {
        url: &url,
        clock: &clock,
        stop: AtomicBool::new(false),
        ready: AtomicU64::new(0),
    };
    let (seen_b, seen_raw, (sent_a, sent_raw)) = std::thread::scope(|scope| {
        let b = scope.spawn(|| follower(&shared));
        let heard = scope.spawn(|| listener(&shared));
        while shared.ready.load(Ordering::SeqCst) < 2 {
            std::thread::sleep(Duration::from_millis(10));
        }
        let sent = send(&mut a, &order, &url, orders);
        std::thread::sleep(Duration::from_millis(1500));
        shared.stop.store(true, Ordering::Relaxed);
        let seen_b = b.join().expect("desk B");
        let seen_raw = heard.join().expect("listener");
        (seen_b, seen_raw, sent)
    });
    let (app, early_app) = latencies(&sent_a, &seen_b);
    let (bare, early_bare) = latencies(&sent_raw, &seen_raw);
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
