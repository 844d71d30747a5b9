//! Lockouts that hold: many confdesk processes trying wrong codes at once
//! on one log get at most five "no … matches" answers before the lock, the
//! lock refuses even the right code until it runs out (exit 4, refused), a
//! wrong order code counts whichever command carries it, and an access
//! file that cannot be read or written refuses every code check instead of
//! silently never locking.

mod common;

use common::cli::*;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};

/// A conference code of the right shape that is not `real`.
fn wrong_code(real: &str, len: usize) -> String {
    let wrong = "ZZZZZZ"[..len].to_string();
    if wrong == real {
        "YYYYYY"[..len].to_string()
    } else {
        wrong
    }
}

fn spawn(d: &Desk, args: &[&str]) -> Child {
    Command::new(env!("CARGO_BIN_EXE_confdesk"))
        .args(args)
        .env("CONFDESK_DATA", &d.data)
        .env("CONFDESK_NOW", &d.now)
        .env("TZ", "UTC")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn confdesk")
}

/// Starts `n` runs of `args` at once; returns how many answered "no …
/// matches" (exit 3) and how many were refused as locked (exit 4).
fn race(d: &Desk, n: usize, args: &[&str], no_match: &str) -> (usize, usize) {
    race_until(d, n, args, no_match, "too many wrong access codes")
}

/// [`race`] with the lock's own words.
fn race_until(
    d: &Desk,
    n: usize,
    args: &[&str],
    no_match: &str,
    locked_says: &str,
) -> (usize, usize) {
    let children: Vec<Child> = (0..n).map(|_| spawn(d, args)).collect();
    let (mut missed, mut locked) = (0, 0);
    for child in children {
        let out = child.wait_with_output().expect("wait");
        let stderr = String::from_utf8_lossy(&out.stderr);
        match out.status.code() {
            Some(3) if stderr.contains(no_match) => missed += 1,
            Some(4) if stderr.contains(locked_says) => locked += 1,
            other => panic!("unexpected answer {other:?}: {stderr}"),
        }
    }
    (missed, locked)
}

#[test]
fn forty_parallel_wrong_conference_codes_get_at_most_five_answers_then_the_lock() {
    let mut d = Desk::new();
    let code = d.conference();
    let wrong = wrong_code(&code, 5);
    let (missed, locked) = race(
        &d,
        40,
        &org(&["conference", "show"], &wrong),
        "no conference matches",
    );
    eprintln!("40 parallel wrong conference codes: {missed} no-match, {locked} locked");
    // Counted one after the other: four misses, the fifth locks.
    assert_eq!(missed, 4, "{missed} wrong codes answered before the lock");
    assert_eq!(missed + locked, 40);
    // Locked: the right code is refused too, and a lock is a refusal (4).
    d.run(&org(&["conference", "show"], &code))
        .fails(4, "too many wrong access codes");
    d.at("2026-11-25T09:04:59Z");
    d.run(&org(&["conference", "show"], &code))
        .fails(4, "locked until 09:05");
    d.at("2026-11-25T09:05:00Z");
    d.run(&org(&["conference", "show"], &code)).ok();
}

#[test]
fn twenty_two_parallel_wrong_order_codes_lock_the_order() {
    let mut d = Desk::new();
    d.conference();
    let (id, oc, _) = d.place(&["General admission=1"]);
    let wrong = wrong_code(&oc, 6);
    let show = ["order", "show", "--order", &id, "--access-code", &wrong];
    let (missed, locked) = race(&d, 22, &show, "no order matches");
    eprintln!("22 parallel wrong order codes: {missed} no-match, {locked} locked");
    assert_eq!(
        missed, 4,
        "{missed} wrong order codes answered before the lock"
    );
    assert_eq!(missed + locked, 22);
    let right = ["order", "show", "--order", &id, "--access-code", &oc];
    d.run(&right)
        .fails(4, "too many wrong access codes for this order");
    d.at("2026-11-25T09:05:00Z");
    d.run(&right).ok();
}

#[test]
fn twenty_two_parallel_find_my_order_misses_lock_the_email() {
    let mut d = Desk::new();
    d.conference();
    let (id, oc, _) = d.place(&["General admission=1"]);
    d.registrant(&id, &oc);
    let wrong = wrong_code(&oc, 6);
    let find = [
        "order",
        "find",
        "--email",
        "mj@example.kr",
        "--access-code",
        &wrong,
    ];
    let (missed, locked) = race_until(
        &d,
        22,
        &find,
        "no order matches that e-mail",
        "too many wrong order codes for this e-mail",
    );
    eprintln!("22 parallel find-my-order misses: {missed} no-match, {locked} locked");
    // Counted one after the other: four misses, the fifth locks.
    assert_eq!(missed, 4, "{missed} misses answered before the lock");
    assert_eq!(missed + locked, 22);
    let right = [
        "order",
        "find",
        "--email",
        "mj@example.kr",
        "--access-code",
        &oc,
    ];
    d.run(&right)
        .fails(4, "too many wrong order codes for this e-mail");
    d.at("2026-11-25T09:05:00Z");
    d.run(&right).ok();
}

#[test]
fn a_wrong_order_code_counts_whichever_command_carries_it() {
    let mut d = Desk::new();
    d.conference();
    let (id, oc, _) = d.place(&["General admission=1"]);
    let wrong = wrong_code(&oc, 6);
    let key = ["--order", id.as_str(), "--access-code", wrong.as_str()];
    let person = [
        "--first-name",
        "Ana",
        "--last-name",
        "Lee",
        "--email",
        "a@b.co",
    ];
    let tries: [Vec<&str>; 4] = [
        [&["order", "pay"][..], &key].concat(),
        [&["history"][..], &key].concat(),
        [&["order", "registrant"][..], &key, &person].concat(),
        [&["order", "update"][..], &key, &["--seat", "Workshop=1"]].concat(),
    ];
    for args in &tries {
        d.run(args)
            .fails(3, "no order matches that order and access code");
    }
    d.run(&[&["seat", "unassign"][..], &key, &["--position", "0"]].concat())
        .fails(4, "too many wrong access codes for this order");
    // Every command of the order is locked now, the right code included.
    let right = ["--order", id.as_str(), "--access-code", oc.as_str()];
    d.run(&[&["order", "registrant"][..], &right, &person].concat())
        .fails(4, "too many wrong access codes for this order");
    d.run(&["history", "--order", &id, "--access-code", &oc])
        .fails(4, "too many wrong access codes for this order");
    // Another order is not.
    let (other, other_code, _) = d.place(&["Workshop=1"]);
    d.show(&other, &other_code);
    d.at("2026-11-25T09:05:00Z");
    d.registrant(&id, &oc);
}

fn access_file(d: &Desk) -> PathBuf {
    let mut name = d.data.as_os_str().to_os_string();
    name.push(".access.json");
    PathBuf::from(name)
}

/// The code is refused, naming the file and what to do, and the file is
/// left as it was.
fn refuses_every_check(d: &Desk, code: &str, problem: &str) {
    let file = access_file(d);
    let before = std::fs::read(&file).ok();
    let run = d
        .run(&org(&["conference", "show"], code))
        .fails(1, "access.json");
    assert!(run.stderr.contains(problem), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("access codes cannot be checked until it is fixed or removed"),
        "{}",
        run.stderr
    );
    assert_eq!(std::fs::read(&file).ok(), before);
}

#[test]
fn an_access_file_that_cannot_be_read_refuses_codes_instead_of_never_locking() {
    let d = Desk::new();
    let code = d.conference();
    let file = access_file(&d);
    // Garbage: a wrong code must not be forgotten, so the right one waits too.
    for garbage in ["{\"conferences\": {", "not json at all", "[]"] {
        std::fs::write(&file, garbage).expect("write");
        refuses_every_check(&d, &code, "is not readable");
    }
    // A directory in its place (what a read-only folder comes to for root,
    // who may write anyway: the file cannot be read or replaced).
    std::fs::remove_file(&file).expect("remove");
    std::fs::create_dir(&file).expect("dir");
    refuses_every_check(&d, &code, "is not a regular file");
    std::fs::remove_dir(&file).expect("rmdir");
    // The lock file in the way: a wrong code is not counted without the
    // lock, so it is refused. (The right code with nothing counted changes
    // nothing and needs no lock: a log on a read-only medium still opens.)
    let mut lock = file.as_os_str().to_os_string();
    lock.push(".lock");
    let _ = std::fs::remove_file(&lock);
    std::fs::create_dir(&lock).expect("lock dir");
    refuses_every_check(&d, &wrong_code(&code, 5), ".lock is not a regular file");
    d.run(&org(&["conference", "show"], &code)).ok();
    std::fs::remove_dir(&lock).expect("rmdir lock");
    // Fixed (removed): codes are checked again.
    d.run(&org(&["conference", "show"], &code)).ok();
}

#[cfg(unix)]
#[test]
fn the_access_file_is_private_and_never_written_through_a_link() {
    use std::os::unix::fs::PermissionsExt as _;
    let d = Desk::new();
    let code = d.conference();
    let file = access_file(&d);
    d.run(&org(&["conference", "show"], &wrong_code(&code, 5)))
        .fails(3, "no conference matches");
    let mode = std::fs::metadata(&file)
        .expect("written")
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600);
    let target = d.dir.path().join("precious.txt");
    std::fs::write(&target, "keep me").expect("target");
    std::fs::remove_file(&file).expect("remove");
    std::os::unix::fs::symlink(&target, &file).expect("link");
    d.run(&org(&["conference", "show"], &wrong_code(&code, 5)))
        .fails(1, "is a symbolic link");
    assert_eq!(std::fs::read_to_string(&target).expect("read"), "keep me");
}

#[test]
fn processes_killed_mid_try_never_leave_an_unreadable_access_file() {
    let mut d = Desk::new();
    let code = d.conference();
    let wrong = wrong_code(&code, 5);
    let args = org(&["conference", "show"], &wrong);
    let mut kills = 0;
    for round in 0..12_u32 {
        // Each round five minutes later: the last lock has run out, so
        // every round writes the file again.
        d.at(&format!(
            "2026-11-25T{:02}:{:02}:00Z",
            9 + round / 12,
            (round % 12) * 5
        ));
        let mut children: Vec<Child> = (0..8).map(|_| spawn(&d, &args)).collect();
        std::thread::sleep(std::time::Duration::from_millis(u64::from(2 + round * 3)));
        for child in children.iter_mut().step_by(2) {
            if child.try_wait().expect("poll").is_none() {
                child.kill().expect("kill");
                kills += 1;
            }
        }
        for child in children {
            child.wait_with_output().expect("wait");
        }
        // Whatever was cut short, the file reads: the right code is
        // either let in or refused as locked, never refused as unreadable.
        let run = d.run(&org(&["conference", "show"], &code));
        assert!(
            run.code == 0 || (run.code == 4 && run.stderr.contains("locked")),
            "round {round}: {} {}",
            run.code,
            run.stderr
        );
    }
    eprintln!("{kills} processes killed mid-try over 12 rounds");
}
