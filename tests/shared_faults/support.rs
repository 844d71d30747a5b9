//! What the fault tests share: the shared log's set-up (the Summit in a
//! fresh database), desks and CLI runs on it, and [`check_log`], the checks
//! a log must pass after any fault.

pub(crate) use crate::common::shared::{desk_on, reserved, snapshot, try_desk_on};
use crate::common::{self, ByName, journey_conference, pg, start};
use confdesk::app::{Desk, ManualClock, OrganizerKey};
use confdesk::domain::{OrderId, StreamKey};
use confdesk::store::{Link, OpenMode};
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::sync::{RwLock, RwLockReadGuard};
use std::time::{Duration, Instant};

pub(crate) const SLUG: &str = "summit";
pub(crate) const GENERAL: &str = "General admission";

/// Taken for writing by the test that restarts the server, for reading by
/// every other test here that uses it.
pub(crate) static SERVER: RwLock<()> = RwLock::new(());

pub(crate) fn shared_server() -> RwLockReadGuard<'static, ()> {
    SERVER
        .read()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// A fresh database holding the Summit with `quota` General seats.
pub(crate) fn summit(hint: &str, quota: i64) -> Option<(String, ManualClock, OrganizerKey)> {
    let url = pg::fresh_database(hint)?;
    let clock = ManualClock::new(start());
    let mut desk = desk_on(&url, &clock, OpenMode::Create);
    let key = journey_conference(&mut desk, SLUG, quota);
    Some((url, clock, key))
}

pub(crate) fn general(n: i64) -> Vec<(String, i64)> {
    vec![(GENERAL.to_owned(), n)]
}

/// The CLI on the log at `url`, fixed clock, its own files under `home`,
/// no password from the caller's environment.
pub(crate) fn cli(url: &str, home: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_confdesk"));
    command
        .arg("--data")
        .arg(url)
        .env("CONFDESK_NOW", common::cli::T0)
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("TZ", "UTC")
        .env_remove("CONFDESK_DATA")
        .env_remove("PGPASSWORD")
        .env_remove("PGPASSFILE")
        .stdin(Stdio::null());
    command
}

/// `order place` for one General seat, with JSON output.
pub(crate) const PLACE_ONE: [&str; 7] = [
    "--json",
    "order",
    "place",
    "--slug",
    SLUG,
    "--seat",
    "General admission=1",
];

/// What `order place --json` printed: the order and the seats it reserved.
pub(crate) fn placed(out: &Output) -> (OrderId, u64) {
    let stdout = String::from_utf8_lossy(&out.stdout);
    let json: serde_json::Value =
        serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {stdout}"));
    let id = json["order_id"].as_str().expect("order_id");
    let lines = json["lines"].as_array().expect("lines");
    let seats = lines.iter().filter_map(|l| l["reserved"].as_u64()).sum();
    (OrderId(id.parse().expect("an order id")), seats)
}

/// Checks what a fresh read-only replay of the log at `url` holds and
/// returns that desk: it opens, positions run 1..=N without a gap, no more
/// than `quota` General seats are held and what is held is what the orders
/// say, and every placed order has its whole stream set (its process and,
/// when it holds seats, its reservation).
pub(crate) fn check_log(url: &str, clock: &ManualClock, quota: i64) -> Desk {
    let desk = desk_on(url, clock, OpenMode::ReadOnly);
    let mut admin = pg::connect(url);
    let row = admin
        .query_one(
            "SELECT count(*), coalesce(max(position), 0), count(DISTINCT event_id) FROM confdesk_events",
            &[],
        )
        .unwrap();
    let (count, max, ids): (i64, i64, i64) = (row.get(0), row.get(1), row.get(2));
    assert_eq!(count, max, "positions 1..={max} without a gap");
    assert_eq!(ids, count, "every event id once");
    assert_eq!(desk.stats().events, u64::try_from(count).unwrap());

    let general = desk.seat_type_id(SLUG, GENERAL);
    let write = desk.write_model();
    let availability = write.availability.values().next().expect("availability");
    let held = availability.reserved(general) + availability.sold(general);
    assert!(held <= quota, "{held} seats held of {quota}");
    assert_eq!(
        availability.left(general),
        quota - held,
        "seats lost or made"
    );
    let placed = desk.stats().counts.get("OrderPlaced").copied().unwrap_or(0);
    assert_eq!(write.orders.len() as u64, placed, "an order counted twice");
    let mut in_orders = 0_i64;
    for (id, order) in &write.orders {
        assert!(
            write.processes.contains_key(id),
            "order {id} has no process"
        );
        // An order that got nothing may keep a line of 0 seats.
        let mut held_by = availability.held_by(*id).to_vec();
        let mut reserved = order.reserved.clone();
        reserved.retain(|s| s.quantity > 0);
        held_by.sort_by_key(|s| s.seat_type);
        reserved.sort_by_key(|s| s.seat_type);
        assert_eq!(held_by, reserved, "order {id} and its reservation differ");
        in_orders += reserved.iter().map(|s| i64::from(s.quantity)).sum::<i64>();
    }
    assert_eq!(
        in_orders,
        availability.reserved(general),
        "held seats without an order"
    );
    desk
}

/// How many `OrderPlaced` events the log holds for `order`.
pub(crate) fn times_placed(desk: &Desk, order: OrderId) -> usize {
    let stream = StreamKey::Order(order).to_string();
    let events = desk.log().read_stream(&stream).unwrap();
    events
        .iter()
        .filter(|e| e.event_type == "OrderPlaced")
        .count()
}

/// Polls the watcher until its link is as `want` says (10 s at most).
pub(crate) fn wait_for(watch: &confdesk::store::Watch, what: &str, want: impl Fn(&Link) -> bool) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while !want(&watch.link()) {
        assert!(
            Instant::now() < deadline,
            "watcher never {what}: {:?}",
            watch.link()
        );
        std::thread::sleep(Duration::from_millis(10));
    }
}
