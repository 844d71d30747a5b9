//! Crash safety: a child process (this test binary re-run in a child mode)
//! places and pays orders in a loop, printing each order only after its
//! append returned; the parent kills it with SIGKILL at random moments,
//! reopens the log each time and checks that every acknowledged order is
//! there, no event is half-written, positions are gap-free and `verify`
//! passes. The same for an attendee export killed mid-write: the CSV under
//! the final name is always whole.

mod common;
use common::ByName as _;

use common::{journey_conference, start};
use confdesk::app::export::CsvOptions;
use confdesk::app::projections::OrderStatusView;
use confdesk::app::{Desk, OrderKey, OrganizerKey, Settings, SystemClock};
use confdesk::domain::OrderId;
use confdesk::store::{EventStore as _, OpenMode, RedbLog};
use std::collections::BTreeMap;
use std::io::{BufRead as _, BufReader, Write as _};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

const MODE: &str = "CONFDESK_CRASH_CHILD";
const LOG: &str = "CONFDESK_CRASH_LOG";
const KILLS: u32 = 24;

/// Not a test of its own: the body of the child process. Without the
/// environment variable it does nothing.
#[test]
fn crash_child_entry() {
    let (Ok(mode), Ok(log)) = (std::env::var(MODE), std::env::var(LOG)) else {
        return;
    };
    let path = PathBuf::from(log);
    let mut desk = Desk::open_path(
        &path,
        OpenMode::ReadWrite,
        Arc::new(SystemClock),
        Settings::default(),
    )
    .unwrap_or_else(|e| panic!("child open: {e}"));
    let out = std::io::stdout();
    // If the parent is gone, stop: never linger as an orphan.
    let say = |line: String| {
        let mut o = out.lock();
        if writeln!(o, "{line}").and_then(|()| o.flush()).is_err() {
            std::process::exit(0);
        }
    };
    say("READY".into());
    if mode == "export" {
        let key = organizer_key(&path);
        let key_access = desk
            .authorize_organizer(&key)
            .unwrap_or_else(|e| panic!("access: {e}"));
        let csv = path.with_file_name("attendees.csv");
        loop {
            let rows = desk
                .export_attendees(&key_access, &csv, CsvOptions::default())
                .unwrap_or_else(|e| panic!("export: {e}"));
            say(format!("EXPORTED {rows}"));
        }
    }
    loop {
        let confdesk::app::OrderKey {
            order_id,
            access_code: code,
        } = desk
            .place_order_named("crash", &[("General admission".into(), 1)])
            .unwrap_or_else(|e| panic!("{e}"));
        say(format!("PLACED {order_id} {code}"));
        let key = OrderKey {
            order_id,
            access_code: code.clone(),
        };
        desk.registration_mut()
            .assign_registrant(&key, "Ana", "Lima", "ana@example.com")
            .unwrap_or_else(|e| panic!("{e}"));
        desk.registration_mut()
            .pay(&key, true)
            .unwrap_or_else(|e| panic!("{e}"));
        say(format!("PAID {order_id} {code}"));
    }
}

fn organizer_key(log: &Path) -> OrganizerKey {
    let code = std::fs::read_to_string(log.with_file_name("code")).unwrap_or_default();
    OrganizerKey {
        slug: "crash".into(),
        email: "ana@example.com".into(),
        access_code: code.trim().into(),
    }
}

fn setup(dir: &Path) -> PathBuf {
    let path = dir.join("crash.redb");
    let clock = confdesk::app::ManualClock::new(start());
    let mut desk = Desk::open_path(
        &path,
        OpenMode::Create,
        Arc::new(clock),
        Settings::default(),
    )
    .unwrap();
    let key = journey_conference(&mut desk, "crash", 1_000_000);
    std::fs::write(dir.join("code"), &key.access_code).unwrap();
    path
}

/// A child process that is killed however the test ends.
struct Killed(std::process::Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Starts a child in `mode`; returns it and a channel of its stdout lines.
fn spawn(mode: &str, log: &Path) -> (Killed, Receiver<String>) {
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args([
            "crash_child_entry",
            "--exact",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(MODE, mode)
        .env(LOG, log)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    (Killed(child), rx)
}

/// Waits for READY, lets the child work for a random while, kills it with
/// SIGKILL, and returns every line it printed.
fn run_and_kill(mode: &str, log: &Path, work_ms: u64) -> Vec<String> {
    let (child, rx) = spawn(mode, log);
    // The test harness prints its own text first ("test … ... READY").
    loop {
        let line = rx
            .recv_timeout(Duration::from_secs(60))
            .expect("child did not start");
        if line.ends_with("READY") {
            break;
        }
    }
    std::thread::sleep(Duration::from_millis(work_ms));
    drop(child); // SIGKILL on Unix, then reaped
    rx.iter().collect()
}

/// A cheap deterministic sequence of "random" moments.
fn moments(n: u32) -> impl Iterator<Item = u64> {
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    (0..n).map(move |_| {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        5 + x % 120
    })
}

#[test]
fn sigkill_at_random_moments_loses_no_acknowledged_order() {
    let dir = tempfile::tempdir().unwrap();
    let log = setup(dir.path());
    let mut placed: BTreeMap<OrderId, String> = BTreeMap::new();
    let mut paid: BTreeMap<OrderId, String> = BTreeMap::new();
    let mut kills = 0;
    for work_ms in moments(KILLS) {
        for line in run_and_kill("orders", &log, work_ms) {
            let parts: Vec<&str> = line.split(' ').collect();
            if let [kind, id, code] = parts.as_slice() {
                let id = OrderId(id.parse().unwrap());
                let into = if *kind == "PAID" {
                    &mut paid
                } else {
                    &mut placed
                };
                into.insert(id, code.to_string());
            }
        }
        kills += 1;
        check_log(&log, &placed, &paid);
    }
    assert_eq!(kills, KILLS);
    assert!(
        paid.len() >= 10,
        "the children got work done between kills ({} paid)",
        paid.len()
    );
    eprintln!(
        "crash: {kills} kills survived, {} acknowledged orders checked ({} paid)",
        placed.len(),
        paid.len()
    );
}

fn check_log(log: &Path, placed: &BTreeMap<OrderId, String>, paid: &BTreeMap<OrderId, String>) {
    let store = RedbLog::open(log, OpenMode::ReadWrite)
        .unwrap_or_else(|e| panic!("reopen after SIGKILL: {e}"));
    let mut expected = 1;
    store
        .read_all_from(1, &mut |rec| {
            assert_eq!(rec.position, expected, "positions are gap-free");
            expected += 1;
            Ok(())
        })
        .unwrap();
    drop(store);
    let desk = Desk::open_path(
        log,
        OpenMode::ReadWrite,
        Arc::new(SystemClock),
        Settings::default(),
    )
    .unwrap();
    let report = desk.verify().unwrap();
    assert!(report.violations.is_empty(), "{:?}", report.violations);
    for (id, code) in placed {
        let order = desk.registration().order(&OrderKey {
            order_id: *id,
            access_code: code.clone(),
        });
        assert!(order.is_ok(), "acknowledged order {id} lost");
    }
    for (id, code) in paid {
        let order = desk
            .registration()
            .order(&OrderKey {
                order_id: *id,
                access_code: code.clone(),
            })
            .unwrap();
        assert_eq!(
            order.status,
            OrderStatusView::Confirmed,
            "paid order {id} not confirmed"
        );
        assert_eq!(order.positions.len(), 1);
    }
}

#[test]
fn sigkill_during_export_never_leaves_a_partial_csv() {
    let dir = tempfile::tempdir().unwrap();
    let log = setup(dir.path());
    {
        let mut desk = Desk::open_path(
            &log,
            OpenMode::ReadWrite,
            Arc::new(SystemClock),
            Settings::default(),
        )
        .unwrap();
        for i in 0..300 {
            let confdesk::app::OrderKey {
                order_id,
                access_code,
            } = desk
                .place_order_named("crash", &[("General admission".into(), 2)])
                .unwrap();
            let key = OrderKey {
                order_id,
                access_code,
            };
            desk.registration_mut()
                .assign_registrant(&key, "민준", &format!("김{i}"), "mj@example.kr")
                .unwrap();
            desk.registration_mut().pay(&key, true).unwrap();
        }
    }
    let csv = dir.path().join("attendees.csv");
    let mut kills = 0;
    for work_ms in moments(8) {
        run_and_kill("export", &log, work_ms);
        kills += 1;
        if let Ok(bytes) = std::fs::read(&csv) {
            let text = String::from_utf8(bytes).expect("whole UTF-8 file");
            let mut rows = 0;
            for record in
                csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes()).records()
            {
                record.expect("every record whole");
                rows += 1;
            }
            assert_eq!(rows, 600, "the CSV under the final name is complete");
        }
    }
    assert!(csv.exists(), "at least one export finished");
    eprintln!("export: {kills} kills, CSV always whole");
}
