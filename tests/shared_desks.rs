//! Several desks on one shared PostgreSQL log (issue 15 item 3): each
//! follows what the others append, through the same fold as replay, and a
//! command decided on a stale state is decided again after a catch-up, so
//! the last seats are never sold twice and no registrant sees a spurious
//! "conflict". Needs `CONFDESK_TEST_PG` (SKIP without it; never under CI).

mod common;

use common::shared::{desk_on, reserved, snapshot};
use common::{ByName, journey_conference, pg, start};
use confdesk::app::{Desk, ManualClock, OrderKey};
use confdesk::store::OpenMode;
use std::sync::Arc;

fn general(n: i64) -> Vec<(String, i64)> {
    vec![("General admission".to_owned(), n)]
}

#[test]
fn a_desk_sees_what_another_desk_appended() {
    let Some(url) = pg::fresh_database("follow") else {
        return;
    };
    let clock = ManualClock::new(start());
    let mut a = desk_on(&url, &clock, OpenMode::Create);
    let key = journey_conference(&mut a, "summit", 10);
    let mut b = desk_on(&url, &clock, OpenMode::ReadWrite);
    assert_eq!(b.stats().events, a.stats().events);
    assert_eq!(b.last_foreign(), None);

    let order = a.place_order_named("summit", &general(2)).unwrap();
    assert!(b.registration().order(&order).is_err(), "not yet seen");
    let applied = b.catch_up().unwrap();
    assert!(applied > 0);
    assert_eq!(b.last_foreign(), Some(start()));
    assert_eq!(reserved(&b, &order), 2);
    assert_eq!(b.catch_up().unwrap(), 0, "nothing new, nothing applied");
    assert_eq!(snapshot(&mut a, &key), snapshot(&mut b, &key));
}

/// Desk B decides on a state that lacks A's order for most of the last
/// seats: its append is refused as stale, B catches up and decides again,
/// and gets what is left — a partial reservation, not a conflict.
#[test]
fn a_stale_desk_gets_what_is_left_never_more() {
    let Some(url) = pg::fresh_database("stale") else {
        return;
    };
    let clock = ManualClock::new(start());
    let mut a = desk_on(&url, &clock, OpenMode::Create);
    let key = journey_conference(&mut a, "summit", 3);
    let mut b = desk_on(&url, &clock, OpenMode::ReadWrite);

    let first = a.place_order_named("summit", &general(2)).unwrap();
    // B has not caught up: its state still shows 3 seats free.
    let conference = b.read_models().conferences.by_slug("summit").unwrap().id;
    let general_id = b.seat_type_id("summit", "General admission");
    let second = b
        .registration_mut()
        .place_order(conference, &[(general_id, 2)])
        .expect("decided again after the catch-up, not refused");
    assert_eq!(reserved(&b, &first), 2, "B took in A's order on the way");
    assert_eq!(reserved(&b, &second), 1, "only one seat was left");
    a.catch_up().unwrap();
    assert_eq!(reserved(&a, &second), 1);
    assert_eq!(snapshot(&mut a, &key), snapshot(&mut b, &key));
}

/// Eight desks on eight threads sell single General seats as fast as they
/// can until refused: no desk is ever refused (a desk that keeps losing the
/// race decides alone), exactly the quota is sold, and after catching up
/// every desk holds the same models.
#[test]
fn racing_desks_sell_exactly_the_quota() {
    let Some(url) = pg::fresh_database("race") else {
        return;
    };
    const QUOTA: u32 = 48;
    let clock = ManualClock::new(start());
    let mut first = desk_on(&url, &clock, OpenMode::Create);
    let key = journey_conference(&mut first, "summit", i64::from(QUOTA));
    drop(first);
    let results: Vec<(Desk, Vec<OrderKey>)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..8)
            .map(|_| {
                let url = url.clone();
                let clock = clock.clone();
                scope.spawn(move || {
                    let mut desk = desk_on(&url, &clock, OpenMode::ReadWrite);
                    let mut sold = Vec::new();
                    loop {
                        match desk.place_order_named("summit", &general(1)) {
                            Ok(order) if reserved(&desk, &order) == 1 => sold.push(order),
                            // Nothing left: the order reserved nothing.
                            Ok(_) => break,
                            Err(e) => panic!("a desk was refused: {e}"),
                        }
                    }
                    (desk, sold)
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("desk thread"))
            .collect()
    });
    let sold: usize = results.iter().map(|(_, s)| s.len()).sum();
    assert_eq!(sold, QUOTA as usize, "exactly the quota sold");
    let mut snapshots = Vec::new();
    for (mut desk, _) in results {
        desk.catch_up().unwrap();
        snapshots.push(snapshot(&mut desk, &key));
    }
    assert!(snapshots.windows(2).all(|w| w[0] == w[1]), "desks differ");
    // And a desk opened now replays to the same state.
    let mut late = desk_on(&url, &clock, OpenMode::ReadOnly);
    assert_eq!(snapshot(&mut late, &key), snapshots[0]);
}

/// A desk's watcher hears another desk's append within a second and
/// wakes the follower; a file log has nothing to watch.
#[test]
fn the_watcher_wakes_the_desk_when_another_desk_appends() {
    let Some(url) = pg::fresh_database("watch") else {
        return;
    };
    let clock = ManualClock::new(start());
    let mut a = desk_on(&url, &clock, OpenMode::Create);
    journey_conference(&mut a, "summit", 10);
    let mut b = desk_on(&url, &clock, OpenMode::ReadWrite);
    let (tx, rx) = std::sync::mpsc::channel();
    let tx = std::sync::Mutex::new(tx);
    let watch = b
        .watch(Arc::new(move || {
            let _ = tx.lock().map(|t| t.send(()));
        }))
        .expect("a shared log is watched");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    while !watch.is_online() {
        assert!(
            std::time::Instant::now() < deadline,
            "never online: {:?}",
            watch.link()
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert!(!watch.take_news(), "nothing new yet");
    while rx.try_recv().is_ok() {}

    let order = a.place_order_named("summit", &general(1)).unwrap();
    let sent = std::time::Instant::now();
    rx.recv_timeout(std::time::Duration::from_secs(1))
        .expect("woken within a second");
    assert!(sent.elapsed() < std::time::Duration::from_secs(1));
    assert!(watch.take_news());
    assert!(b.catch_up().unwrap() > 0);
    assert_eq!(reserved(&b, &order), 1);

    let dir = tempfile::tempdir().unwrap();
    let file = common::desk_at(&dir.path().join("one.redb"), &clock);
    assert!(file.watch(Arc::new(|| {})).is_none());
}

/// The CLI with `--data` naming the shared log: one command line creates
/// the conference (and the schema), another lists from another "desk";
/// every command works on it, and its own files go to the data folder.
#[test]
fn the_cli_works_on_a_shared_log() {
    let Some(url) = pg::fresh_database("cli") else {
        return;
    };
    let home = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_confdesk"))
            .args(["--data", &url])
            .args(args)
            .env("CONFDESK_NOW", common::cli::T0)
            .env("HOME", home.path())
            .env("XDG_DATA_HOME", home.path().join("data"))
            .env_remove("CONFDESK_DATA")
            .output()
            .unwrap();
        let stdout = String::from_utf8(out.stdout).unwrap();
        let stderr = String::from_utf8(out.stderr).unwrap();
        (out.status.code(), stdout, stderr)
    };
    // Before anything exists, a read refuses the empty database.
    let (code, _, stderr) = run(&[
        "orders",
        "list",
        "--slug",
        "x",
        "--email",
        "a@b.c",
        "--access-code",
        "ABCDE",
    ]);
    assert_ne!(code, Some(0));
    assert!(stderr.contains("database confdesk_test_cli_"), "{stderr}");

    let create: Vec<&str> = common::cli::Create::default().args();
    let (code, stdout, stderr) = run(&[&["--json"][..], &create].concat());
    assert_eq!(code, Some(0), "{stderr}");
    let created: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let access_code = created["access_code"].as_str().unwrap().to_owned();
    let key = [
        "--slug",
        common::cli::SLUG,
        "--email",
        common::cli::OWNER,
        "--access-code",
        &access_code,
    ];
    let (code, _, stderr) = run(&[
        &[
            "seat-type",
            "add",
            "--name",
            "General admission",
            "--quota",
            "3",
            "--price",
            "199",
        ][..],
        &key,
    ]
    .concat());
    assert_eq!(code, Some(0), "{stderr}");
    let (code, _, stderr) = run(&[&["conference", "publish"][..], &key].concat());
    assert_eq!(code, Some(0), "{stderr}");
    let (code, stdout, stderr) = run(&[
        "--json",
        "order",
        "place",
        "--slug",
        common::cli::SLUG,
        "--seat",
        "General admission=2",
    ]);
    assert_eq!(code, Some(0), "{stderr}");
    let placed: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    // A desk in this process sees the CLI's order.
    let clock = ManualClock::new(start());
    let desk = desk_on(&url, &clock, OpenMode::ReadOnly);
    let order_id = placed["order_id"].as_str().unwrap();
    assert!(
        desk.read_models()
            .orders
            .get(confdesk::domain::OrderId(
                order_id.parse().expect("an order id")
            ))
            .is_some(),
        "the CLI's order is in the shared log"
    );
    let (code, stdout, _) = run(&[&["orders", "list"][..], &key].concat());
    assert_eq!(code, Some(0));
    assert!(
        stdout.contains(placed["access_code"].as_str().unwrap()),
        "{stdout}"
    );
    // The desk's own files for this log went to the data folder.
    assert!(home.path().join("data/confdesk/shared").is_dir());
}

/// While one desk decides alone, another desk's append waits; the desk
/// holding the turn appends as usual, and on release the other goes on.
#[test]
fn a_desk_deciding_alone_keeps_the_others_appends_waiting() {
    use confdesk::store::{EventStore, NewEvent, PgLog, StreamAppend};
    let Some(url) = pg::fresh_database("alone") else {
        return;
    };
    let append = |log: &PgLog, stream: &str| {
        log.append(&[StreamAppend {
            stream_id: stream.to_owned(),
            expected_version: 0,
            events: vec![NewEvent {
                event_id: uuid::Uuid::now_v7(),
                event_type: "X".into(),
                schema_version: 1,
                correlation_id: uuid::Uuid::now_v7(),
                causation_id: uuid::Uuid::now_v7(),
                recorded_at: start(),
                payload: vec![1, 2, 3],
            }],
        }])
    };
    let alone = PgLog::open(&url, OpenMode::Create).unwrap();
    let other = PgLog::open(&url, OpenMode::ReadWrite).unwrap();
    alone.decide_alone(true).unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::scope(|scope| {
        scope.spawn(|| {
            let outcome = append(&other, "b");
            tx.send(outcome).unwrap();
        });
        std::thread::sleep(std::time::Duration::from_millis(300));
        assert!(rx.try_recv().is_err(), "the other desk's append waits");
        // The desk holding the turn appends as usual.
        assert_eq!(append(&alone, "a").unwrap().last_position, 1);
        alone.decide_alone(false).unwrap();
        let released = rx
            .recv_timeout(std::time::Duration::from_secs(5))
            .expect("the other append goes on after the release");
        assert_eq!(released.unwrap().last_position, 2);
    });
}
