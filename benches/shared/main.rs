//! The shared event log on PostgreSQL (issue 15 item 8), each figure
//! against a baseline measured in the same run on the same server through
//! the same client crate (`postgres`, over the same socket):
//!
//! 1. `durable` — place order → durable on PostgreSQL (the whole app path:
//!    cascade, append, COMMIT with fsync), p50/p99, against a bare
//!    `BEGIN` + one `INSERT` per row + `COMMIT` of the same rows (same
//!    sizes, same bytes) into a plain table; interleaved round by round,
//!    as the disk's fsync time drifts. Two splits: the same bare insert
//!    into a table with the log's indexes, and the store's own statements
//!    replayed one by one with the raw client, each step timed.
//! 2. `desks` — orders per second with 1, 2, 4 and 8 desks (threads, each
//!    its own `Desk` and connection) selling single seats of one big quota;
//!    commits decided again are counted from outside, as the server's
//!    rolled-back transactions (an append refused as stale rolls back).
//! 3. `join` — a new desk joining a `CONFDESK_BENCH_EVENTS` shared log
//!    (default 1M): `Desk::open_at` against a bare `SELECT` of the same rows
//!    through the same client, paged as the store pages and in one query.
//! 4. `appear` — how long another desk's order takes to appear: desk A
//!    places orders 20–100 ms apart, desk B watches and catches up on each
//!    wake; against a bare `NOTIFY` → `LISTEN` round trip between two raw
//!    clients, interleaved.
//!
//! Needs `CONFDESK_TEST_PG` (`scripts/test-pg.sh cargo bench --bench
//! shared`); without it, prints SKIP and exits 0. Name parts to run only
//! those: `cargo bench --bench shared -- durable appear`.
//! Knobs: `CONFDESK_BENCH_PG_ORDERS` (durable rounds, 300),
//! `CONFDESK_BENCH_PG_SECONDS` (per desk count, 5), `CONFDESK_BENCH_EVENTS`
//! (join, 1M), `CONFDESK_BENCH_JOIN_ROUNDS` (3), `CONFDESK_BENCH_PG_APPEAR`
//! (orders, 200).

#[path = "../common/mod.rs"]
mod common;

use common::{Samples, ms, result};
use confdesk::app::{Desk, LogLocation, ManualClock, Settings};
use confdesk::app::{OrganizerKey, SeatLine, SeatTypeDraft};
use confdesk::cli::resolve;
use confdesk::domain::events::ConferenceInfo;
use confdesk::domain::{ConferenceId, Currency};
use confdesk::store::{
    EventStore as _, NewEvent, OpenMode, PgLog, RecordedEvent, RedbLog, StreamAppend, encode,
};
use postgres::fallible_iterator::FallibleIterator as _;
use postgres::{Client, NoTls};
use rand::Rng as _;
use std::hint::black_box;
use std::io::Write as _;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// An order to place: the conference and its seat lines.
type Order = (ConferenceId, Vec<SeatLine>);

/// Unpaid reservations allowed to pile up in `durable` before the clock
/// moves on and they expire (untimed), as in `benches/commit.rs`.
const PENDING: u64 = 100;

/// The server the bench runs against, and the databases it made.
struct Server {
    url: String,
    admin: Client,
}

impl Server {
    /// A new, empty database for `part`; its URL.
    fn fresh(&mut self, part: &str) -> String {
        let name = db_name(part);
        self.drop_db(part);
        self.admin
            .batch_execute(&format!("CREATE DATABASE \"{name}\""))
            .expect("create the bench database");
        with_database(&self.url, &name)
    }

    /// Drops `part`'s database (a long-lived server keeps nothing).
    fn drop_db(&mut self, part: &str) {
        let name = db_name(part);
        let _ = self
            .admin
            .batch_execute(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"));
    }

    /// The server's own settings that decide durability, for the report.
    fn settings(&mut self) -> String {
        let mut out = Vec::new();
        for name in [
            "server_version",
            "fsync",
            "synchronous_commit",
            "wal_sync_method",
        ] {
            let value: String = self
                .admin
                .query_one(&format!("SHOW {name}"), &[])
                .map(|r| r.get(0))
                .unwrap_or_else(|_| "?".into());
            out.push(format!("{name}={value}"));
        }
        out.join(" ")
    }
}

/// The database of `part` in this run.
fn db_name(part: &str) -> String {
    format!("confdesk_bench_{part}_{}", std::process::id())
}

/// `conn` with its database replaced by `dbname` (as `tests/common/pg.rs`).
fn with_database(conn: &str, dbname: &str) -> String {
    let conn = conn.trim();
    let Some(scheme_end) = conn.find("://") else {
        return format!("{conn} dbname={dbname}");
    };
    let after = scheme_end + 3;
    let authority_end = conn[after..]
        .find(['/', '?'])
        .map_or(conn.len(), |i| after + i);
    let query_start = conn[authority_end..]
        .find('?')
        .map_or(conn.len(), |i| authority_end + i);
    format!(
        "{}/{dbname}{}",
        &conn[..authority_end],
        &conn[query_start..]
    )
}

/// A raw client on `url`: the baseline's connection.
fn raw(url: &str) -> Client {
    Client::connect(url, NoTls).expect("raw connection")
}

/// A desk on the shared log at `url`.
fn desk_on(url: &str, clock: &ManualClock, mode: OpenMode) -> Desk {
    Desk::open_at(
        &LogLocation::parse(url),
        mode,
        Arc::new(clock.clone()),
        Settings::default(),
        &mut |_, _| {},
    )
    .unwrap_or_else(|e| panic!("open the shared log: {e}"))
}

/// A published conference `slug` with a seat quota no bench exhausts.
fn bench_conference(desk: &mut Desk, slug: &str) -> OrganizerKey {
    let start = (common::now() + chrono::Duration::days(60)).date_naive();
    let (_, code) = desk
        .organizer_mut()
        .create_conference(ConferenceInfo {
            name: "Shared bench".into(),
            description: String::new(),
            slug: slug.into(),
            start,
            end: start,
            owner_name: "Bench".into(),
            owner_email: "bench@example.com".into(),
            currency: Currency::EUR,
        })
        .expect("create");
    let key = OrganizerKey {
        slug: slug.into(),
        email: "bench@example.com".into(),
        access_code: code,
    };
    let access = desk.authorize_organizer(&key).expect("access");
    let draft = SeatTypeDraft {
        name: "General admission".into(),
        description: String::new(),
        quota: "1000000".into(),
        price: "199".into(),
    };
    desk.organizer_mut()
        .add_seat_type(&access, draft)
        .expect("seat type");
    desk.organizer_mut()
        .set_published(&access, true)
        .expect("publish");
    key
}

/// `seats` General seats of `slug`, resolved once as the CLI does.
fn order_of(desk: &Desk, slug: &str, seats: i64) -> Order {
    let conference = resolve::published_conference(desk, slug).expect("conference");
    let lines = resolve::seat_lines(&conference, [("General admission", seats)]).expect("seats");
    (conference.id, lines)
}

/// Places `order` and returns how long `place_order` took.
fn place(desk: &mut Desk, order: &Order) -> Duration {
    let started = Instant::now();
    black_box(
        desk.registration_mut()
            .place_order(order.0, &order.1)
            .expect("order"),
    );
    started.elapsed()
}

/// Milliseconds with three decimals, p50 and p99 of `s`.
fn p50_p99(s: &Samples) -> String {
    format!(
        "p50 {:.3} ms, p99 {:.3} ms",
        ms(s.percentile(50.0)),
        ms(s.percentile(99.0))
    )
}

fn main() {
    let Some(url) = std::env::var("CONFDESK_TEST_PG")
        .ok()
        .filter(|u| !u.trim().is_empty())
    else {
        println!(
            "SKIP: CONFDESK_TEST_PG not set — run `scripts/test-pg.sh cargo bench --bench shared`"
        );
        return;
    };
    let parts: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let wanted = |p: &str| parts.is_empty() || parts.iter().any(|w| w == p);
    // A desk on a shared log keeps its own files in the platform data
    // folder: keep the bench's in a temporary one.
    let data_home = tempfile::tempdir().expect("temp data folder");
    // SAFETY: set before any other thread starts.
    unsafe { std::env::set_var("XDG_DATA_HOME", data_home.path()) };
    let mut server = Server {
        admin: raw(&url),
        url,
    };
    println!("server: {}; load {}", server.settings(), common::load());
    if wanted("durable") {
        durable::run(&mut server);
    }
    if wanted("desks") {
        desks::run(&mut server);
    }
    if wanted("join") {
        join::run(&mut server);
    }
    if wanted("appear") {
        appear::run(&mut server);
    }
    println!("load average after: {}", common::load());
}

mod appear;
mod desks;
mod durable;
mod join;
