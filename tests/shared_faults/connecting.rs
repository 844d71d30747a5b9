//! Connecting to the shared log goes wrong: a server that cannot be
//! reached, a connection string that does not parse, a wrong or missing
//! password, a database that holds another application's tables. Each
//! fails fast with its documented exit code and a message saying what to
//! fix, and writes nothing.

use crate::common::{self, pg, start};
use crate::support::{cli, shared_server, try_desk_on};
use confdesk::app::ManualClock;
use confdesk::store::OpenMode;
use std::process::Output;
use std::time::{Duration, Instant};

/// A server that cannot be reached fails the command within the connect
/// timeout (5 s) plus start-up, naming the database, with exit code 1: a
/// refused port, and an address that drops packets (or has no route).
#[test]
fn an_unreachable_server_fails_fast_and_says_which_database() {
    let home = tempfile::tempdir().unwrap();
    let urls = [
        "postgresql://desk@127.0.0.1:1/summit",
        "postgresql://desk@10.255.255.1/summit",
    ];
    let runs: Vec<(Output, Duration)> = std::thread::scope(|scope| {
        let handles: Vec<_> = urls
            .iter()
            .map(|url| {
                let home = home.path();
                scope.spawn(move || {
                    let started = Instant::now();
                    let out = cli(url, home)
                        .args(common::cli::org(&["orders", "list"], "ABCDE"))
                        .output()
                        .unwrap();
                    (out, started.elapsed())
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    for (url, (out, took)) in urls.iter().zip(runs) {
        let stderr = String::from_utf8_lossy(&out.stderr);
        eprintln!("{url}: {took:?}: {}", stderr.trim());
        assert!(took < Duration::from_secs(6), "{url} took {took:?}");
        assert_eq!(out.status.code(), Some(1), "{url}: {stderr}");
        assert!(
            stderr.contains("could not connect to the PostgreSQL server for database summit"),
            "{url}: {stderr}"
        );
        assert!(out.stdout.is_empty());
    }
}

/// A server that takes the connection but never answers (frozen, or some
/// other service on that port): the command still fails within the
/// connect timeout, naming the database, instead of hanging.
#[test]
fn a_server_that_never_answers_fails_within_the_timeout() {
    // The kernel completes connections into the backlog of a listener that
    // never accepts: the client's connect succeeds, its start-up gets no
    // answer.
    let silent = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = silent.local_addr().unwrap().port();
    let url = format!("postgresql://desk@127.0.0.1:{port}/summit");
    let home = tempfile::tempdir().unwrap();
    let started = Instant::now();
    let mut child = cli(&url, home.path())
        .args(common::cli::org(&["orders", "list"], "ABCDE"))
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    while child.try_wait().unwrap().is_none() && started.elapsed() < Duration::from_secs(15) {
        std::thread::sleep(Duration::from_millis(50));
    }
    let took = started.elapsed();
    let _ = child.kill();
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(took < Duration::from_secs(6), "hung for {took:?}: {stderr}");
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("could not connect to the PostgreSQL server for database summit"),
        "{stderr}"
    );
    drop(silent);
}

/// A connection string that does not parse is bad input (exit 2) naming
/// the connection string; nothing is connected to.
#[test]
fn a_malformed_connection_string_is_bad_input() {
    let home = tempfile::tempdir().unwrap();
    let out = cli("postgresql://desk@host:notaport/x", home.path())
        .args(common::cli::Create::default().args())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("the connection string is not valid"),
        "{stderr}"
    );
    assert!(out.stdout.is_empty());
    // Nothing was made for the log either.
    assert!(!home.path().join("data/confdesk/shared").exists());
}

/// The names of the tables in the database at `url`.
fn tables(url: &str) -> Vec<String> {
    let mut admin = pg::connect(url);
    let rows = admin
        .query(
            "SELECT tablename::text FROM pg_tables WHERE schemaname = 'public' ORDER BY 1",
            &[],
        )
        .unwrap();
    rows.iter().map(|r| r.get(0)).collect()
}

/// A role that needs a password: without one the command is refused with
/// exit 3 and told to set PGPASSWORD, a wrong one is refused too, and
/// neither writes anything; the right one in PGPASSWORD or in `~/.pgpass`
/// (0600) works.
#[test]
fn a_wrong_or_missing_password_is_refused_and_writes_nothing() {
    let _server = shared_server();
    let Some((user, password)) = pg::password_role() else {
        return;
    };
    let Some(admin_url) = pg::fresh_database("password") else {
        return;
    };
    let database = pg::database_of(&admin_url);
    // The role owns the database, so it may create the log's tables.
    pg::connect(&admin_url)
        .batch_execute(&format!("ALTER DATABASE \"{database}\" OWNER TO {user}"))
        .unwrap();
    let url = pg::with_user(&admin_url, &user);
    let home = tempfile::tempdir().unwrap();
    let create = common::cli::Create::default().args();

    let out = cli(&url, home.path()).args(&create).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "no password: {stderr}");
    assert!(stderr.contains(&format!("refused user {user}")), "{stderr}");
    assert!(
        stderr.contains("PGPASSWORD"),
        "says how to give one: {stderr}"
    );
    let out = cli(&url, home.path())
        .args(&create)
        .env("PGPASSWORD", "not-the-password")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "wrong password: {stderr}");
    assert!(
        stderr.contains("password authentication failed"),
        "{stderr}"
    );
    assert_eq!(tables(&admin_url), Vec::<String>::new(), "nothing written");

    let out = cli(&url, home.path())
        .args(&create)
        .env("PGPASSWORD", &password)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(tables(&admin_url), ["confdesk_events", "confdesk_meta"]);

    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let pgpass = home.path().join(".pgpass");
        let line = format!("localhost:5432:{database}:{user}:{password}\n");
        std::fs::write(&pgpass, line).unwrap();
        std::fs::set_permissions(&pgpass, std::fs::Permissions::from_mode(0o600)).unwrap();
        let out = cli(&url, home.path()).arg("verify").output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "~/.pgpass: {stderr}");
        // One that others may read is ignored, as libpq ignores it.
        std::fs::set_permissions(&pgpass, std::fs::Permissions::from_mode(0o644)).unwrap();
        let out = cli(&url, home.path()).arg("verify").output().unwrap();
        assert_eq!(
            out.status.code(),
            Some(3),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

/// A database holding another application's table is refused by every
/// command, `conference create` included: the table is untouched and no
/// confdesk table is created.
#[test]
fn a_database_holding_something_else_is_left_alone() {
    let _server = shared_server();
    let Some(url) = pg::fresh_database("foreign") else {
        return;
    };
    let mut admin = pg::connect(&url);
    admin
        .batch_execute(
            "CREATE TABLE invoices (id integer PRIMARY KEY, amount bigint NOT NULL);
             INSERT INTO invoices VALUES (1, 12900), (2, 4500);",
        )
        .unwrap();
    let home = tempfile::tempdir().unwrap();
    let create = common::cli::Create::default().args();
    for args in [
        &create[..],
        &["verify"],
        &common::cli::org(&["orders", "list"], "ABCDE"),
    ] {
        let out = cli(&url, home.path()).args(args).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {stderr}");
        assert!(
            stderr.contains("is not a confdesk event log: it holds other tables"),
            "{args:?}: {stderr}"
        );
        assert!(stderr.contains(&pg::database_of(&url)), "{stderr}");
    }
    let clock = ManualClock::new(start());
    assert!(try_desk_on(&url, &clock, OpenMode::Create).is_err());
    assert_eq!(tables(&url), ["invoices"], "no confdesk table created");
    let rows: Vec<(i32, i64)> = admin
        .query("SELECT id, amount FROM invoices ORDER BY id", &[])
        .unwrap()
        .iter()
        .map(|r| (r.get(0), r.get(1)))
        .collect();
    assert_eq!(rows, [(1, 12900), (2, 4500)], "the invoices untouched");
}
