//! Item 2: orders per second with 1, 2, 4 and 8 desks on one server, and
//! how many commits had to be decided again (counted from outside).

use super::*;

/// The server's rolled-back and committed transactions in the
/// `desks` database so far.
fn xacts(server: &mut Server) -> (i64, i64) {
    let name = db_name("desks");
    let row = server
        .admin
        .query_one(
            "SELECT xact_rollback, xact_commit FROM pg_stat_database WHERE datname = $1",
            &[&name],
        )
        .expect("stats");
    (row.get(0), row.get(1))
}

/// `n` desks on `url`, each on its own thread, selling single seats for
/// `seconds` from the moment all are open: per desk, the orders placed
/// and those given up; and how long the race ran.
fn race(url: &str, clock: &ManualClock, n: usize, seconds: u64) -> (Vec<(u64, u64)>, Duration) {
    let ready = std::sync::Barrier::new(n + 1);
    let stop = AtomicBool::new(false);
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..n)
            .map(|_| {
                let (ready, stop) = (&ready, &stop);
                scope.spawn(move || {
                    let mut desk = desk_on(url, clock, OpenMode::ReadWrite);
                    let order = order_of(&desk, "pg-bench", 1);
                    ready.wait();
                    let (mut placed, mut gave_up) = (0_u64, 0_u64);
                    while !stop.load(Ordering::Relaxed) {
                        // A desk that loses every race 40 times in a row
                        // reports the conflict: counted, not fatal.
                        match desk.registration_mut().place_order(order.0, &order.1) {
                            Ok(_) => placed += 1,
                            Err(_) => gave_up += 1,
                        }
                    }
                    (placed, gave_up)
                })
            })
            .collect();
        ready.wait();
        let started = Instant::now();
        std::thread::sleep(Duration::from_secs(seconds));
        stop.store(true, Ordering::Relaxed);
        let counts = handles
            .into_iter()
            .map(|h| h.join().expect("desk thread"))
            .collect();
        (counts, started.elapsed())
    })
}

/// Runs this part against `server` and prints its `RESULT` lines.
pub fn run(server: &mut Server) {
    let seconds = common::sizes("CONFDESK_BENCH_PG_SECONDS", &[5])[0];
    let mut single = 0.0;
    for n in [1_usize, 2, 4, 8] {
        let url = server.fresh("desks");
        let clock = common::clock();
        let mut first = desk_on(&url, &clock, OpenMode::Create);
        bench_conference(&mut first, "pg-bench");
        drop(first);
        // A backend reports its counts when its connection ends: the
        // figures before and after are read with no desk connected.
        std::thread::sleep(Duration::from_millis(1500));
        let before = xacts(server);
        let (results, took) = race(&url, &clock, n, seconds);
        std::thread::sleep(Duration::from_millis(1500));
        let after = xacts(server);
        let counts: Vec<u64> = results.iter().map(|r| r.0).collect();
        let gave_up: u64 = results.iter().map(|r| r.1).sum();
        let total: u64 = counts.iter().sum();
        let rate = total as f64 / took.as_secs_f64();
        if n == 1 {
            single = rate;
        }
        let per_desk: Vec<String> = counts
            .iter()
            .map(|c| format!("{:.0}", *c as f64 / took.as_secs_f64()))
            .collect();
        let rolled_back = after.0 - before.0;
        println!(
            "RESULT orders per second, {n} desk(s), {:.1} s: {rate:.0} orders/s ({} per desk) | baseline 1 desk {single:.0}/s | ratio {:.2}x | rolled back (decided again) {rolled_back} of {total} orders ({:.1} per order); committed transactions {}; orders given up as a conflict: {gave_up}; load {}",
            took.as_secs_f64(),
            per_desk.join(", "),
            rate / single.max(1e-9),
            rolled_back as f64 / total.max(1) as f64,
            after.1 - before.1,
            common::load()
        );
        server.drop_db("desks");
    }
}
