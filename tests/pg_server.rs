//! The PostgreSQL test harness proves itself (issue 15.7): the server in
//! `CONFDESK_TEST_PG` answers, each test gets its own empty database, a run
//! without the variable says SKIP once and passes, and a CI run without it
//! fails instead of skipping.

mod common;

use common::pg;
use postgres::config::Host;
use std::path::Path;
use std::process::Command;
use std::str::FromStr as _;

/// Set in the child run of this test binary that [`probe_in_a_child`] checks.
const PROBE: &str = "CONFDESK_PG_HARNESS_PROBE";

#[test]
fn the_server_answers_select_1() {
    let Some(server) = pg::server() else { return };
    let mut client = pg::connect(&server);
    let one: i32 = client.query_one("SELECT 1", &[]).unwrap().get(0);
    assert_eq!(one, 1);
    if pg::under_ci() {
        // The throwaway cluster promises real durability (15.8 measures with it).
        let fsync: String = client.query_one("SHOW fsync", &[]).unwrap().get(0);
        assert_eq!(fsync, "on", "the CI cluster must run with fsync on");
    }
}

#[test]
fn two_fresh_databases_are_distinct_and_empty() {
    let Some(a) = pg::fresh_database("harness a") else {
        return;
    };
    let b = pg::fresh_database("harness a").expect("a server gave one database, then none");
    assert_ne!(a, b);
    let (mut a, mut b) = (pg::connect(&a), pg::connect(&b));
    let name = |c: &mut postgres::Client| -> String {
        c.query_one("SELECT current_database()", &[])
            .unwrap()
            .get(0)
    };
    let (name_a, name_b) = (name(&mut a), name(&mut b));
    assert_ne!(name_a, name_b);
    for n in [&name_a, &name_b] {
        assert!(n.starts_with("confdesk_test_harness_a_"), "{n}");
        assert!(
            n.ends_with(&format!(
                "_{}_{}",
                std::process::id(),
                n.rsplit('_').next().unwrap()
            )),
            "{n}"
        );
    }
    let tables = |c: &mut postgres::Client| -> i64 {
        c.query_one(
            "SELECT count(*) FROM information_schema.tables \
             WHERE table_schema NOT IN ('pg_catalog', 'information_schema')",
            &[],
        )
        .unwrap()
        .get(0)
    };
    assert_eq!(
        (tables(&mut a), tables(&mut b)),
        (0, 0),
        "fresh databases hold no tables"
    );
    // What one test writes, another never sees.
    a.batch_execute(
        "CREATE TABLE events (position bigint PRIMARY KEY); INSERT INTO events VALUES (1)",
    )
    .unwrap();
    assert_eq!((tables(&mut a), tables(&mut b)), (1, 0));
}

#[test]
fn under_ci_the_server_is_set() {
    if pg::under_ci() {
        assert!(
            std::env::var(pg::VAR).is_ok_and(|v| !v.trim().is_empty()),
            "CI must run the PostgreSQL tests: {} is not set (.ci/run starts the server)",
            pg::VAR
        );
    }
}

#[test]
fn the_connection_string_forms_parse_as_a_unix_socket() {
    let socket = "/tmp/confdesk-pg.AbC123/socket";
    for conn in [
        format!("postgresql://postgres@/postgres?host={socket}"),
        "postgres://postgres@/postgres?host=%2Ftmp%2Fconfdesk-pg.AbC123%2Fsocket".to_owned(),
        format!("host={socket} user=postgres dbname=postgres"),
    ] {
        let config = postgres::Config::from_str(&conn).unwrap_or_else(|e| panic!("{conn}: {e}"));
        assert_eq!(
            config.get_hosts(),
            [Host::Unix(Path::new(socket).to_path_buf())],
            "{conn}"
        );
        assert_eq!(config.get_user(), Some("postgres"), "{conn}");
        assert_eq!(config.get_dbname(), Some("postgres"), "{conn}");

        let other = pg::with_database(&conn, "confdesk_test_x_1_0");
        let config = postgres::Config::from_str(&other).unwrap_or_else(|e| panic!("{other}: {e}"));
        assert_eq!(config.get_dbname(), Some("confdesk_test_x_1_0"), "{other}");
        assert_eq!(
            config.get_hosts(),
            [Host::Unix(Path::new(socket).to_path_buf())],
            "{other}"
        );
        assert_eq!(config.get_user(), Some("postgres"), "{other}");
    }
}

#[test]
fn with_database_keeps_everything_but_the_database() {
    let cases = [
        (
            "postgresql://postgres@/postgres?host=/s",
            "postgresql://postgres@/d?host=/s",
        ),
        (
            "postgresql://u:p@db.lan:5433/summit?sslmode=disable&connect_timeout=5",
            "postgresql://u:p@db.lan:5433/d?sslmode=disable&connect_timeout=5",
        ),
        ("postgres://u@h", "postgres://u@h/d"),
        ("postgres://u@h/", "postgres://u@h/d"),
        ("postgres://u@h?host=/s", "postgres://u@h/d?host=/s"),
        ("host=/s user=postgres", "host=/s user=postgres dbname=d"),
    ];
    for (conn, want) in cases {
        assert_eq!(pg::with_database(conn, "d"), want, "{conn}");
    }
}

#[test]
fn database_names_are_safe_unique_and_short() {
    let name = pg::database_name("Store: contract — PgLog, appends!", u32::MAX, u32::MAX);
    assert!(
        name.len() <= 63,
        "{name} is longer than PostgreSQL's 63 bytes"
    );
    assert!(
        name.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'),
        "{name}"
    );
    assert!(name.starts_with(pg::DB_PREFIX));
    assert_ne!(pg::database_name("a", 7, 0), pg::database_name("a", 7, 1));
    assert_ne!(pg::database_name("a", 7, 0), pg::database_name("a", 8, 0));
}

/// The body of the child runs below; a no-op in an ordinary run.
#[test]
fn probe_in_a_child() {
    if std::env::var_os(PROBE).is_none() {
        return;
    }
    assert_eq!(pg::server(), None);
    assert_eq!(pg::fresh_database("probe"), None);
    assert_eq!(pg::server(), None);
}

/// This test binary run again on [`probe_in_a_child`] alone, without the
/// server variable, with `CI` as given.
fn probe_run(ci: Option<&str>) -> (i32, String, String) {
    let mut cmd = Command::new(std::env::current_exe().unwrap());
    cmd.args(["--exact", "probe_in_a_child", "--test-threads=1"])
        .env(PROBE, "1")
        .env_remove(pg::VAR)
        .env_remove("CI");
    if let Some(ci) = ci {
        cmd.env("CI", ci);
    }
    let out = cmd.output().unwrap();
    let text = |b: Vec<u8>| String::from_utf8(b).unwrap();
    (
        out.status.code().unwrap_or(-1),
        text(out.stdout),
        text(out.stderr),
    )
}

#[test]
fn without_the_variable_the_tests_say_skip_once_and_pass() {
    for ci in [None, Some(""), Some("false")] {
        let (code, stdout, stderr) = probe_run(ci);
        assert_eq!(code, 0, "CI={ci:?}\n{stdout}\n{stderr}");
        assert!(stdout.contains("1 passed"), "the probe ran: {stdout}");
        // Seen even though the harness captures a passing test's output.
        assert_eq!(
            stderr.matches(pg::SKIP_LINE).count(),
            1,
            "CI={ci:?}: {stderr}"
        );
    }
}

#[test]
fn under_ci_without_the_variable_the_run_fails() {
    for ci in ["true", "1"] {
        let (code, stdout, stderr) = probe_run(Some(ci));
        assert_ne!(
            code,
            0,
            "CI={ci} must fail without {}: {stdout}\n{stderr}",
            pg::VAR
        );
        let all = format!("{stdout}{stderr}");
        assert!(
            all.contains("CONFDESK_TEST_PG is not set under CI"),
            "CI={ci}: {all}"
        );
        assert!(!all.contains(pg::SKIP_LINE), "CI={ci} never skips: {all}");
    }
}
