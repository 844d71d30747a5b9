//! The PostgreSQL server the tests run against (issue 15.7): where it is, and
//! a fresh, empty database per test.
//!
//! The server comes from `CONFDESK_TEST_PG` (a connection string the
//! `postgres` crate accepts; `.ci/run` and `scripts/test-pg.sh` start a
//! throwaway cluster and set it). Without it a plain `cargo test` still works
//! on a fresh machine: the PostgreSQL tests print one SKIP line and pass. CI
//! never skips: with `CI` set, a missing variable fails the test, so a CI run
//! that forgot to start the server fails loudly instead of going green.
//!
//! Each test gets its own database, so tests running in parallel threads or
//! processes never see each other's events. Databases are left to the
//! throwaway cluster; on a long-lived server the first `fresh_database` of a
//! later run drops those left by test processes that have ended.

use std::io::Write as _;
use std::str::FromStr as _;
use std::sync::Once;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

/// The variable naming the test server.
pub const VAR: &str = "CONFDESK_TEST_PG";

/// The line a run without a server prints (once per test process).
pub const SKIP_LINE: &str = "SKIP: CONFDESK_TEST_PG not set — PostgreSQL tests not run";

/// Every test database's name starts with this, so cleaning up never
/// touches anything else on a developer's own server.
pub const DB_PREFIX: &str = "confdesk_test_";

/// True when running under CI (`CI` set to anything but empty, `0` or
/// `false`, as CI services set it).
pub fn under_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "0" && !v.eq_ignore_ascii_case("false"))
}

/// The test server's connection string, or `None` (after printing
/// [`SKIP_LINE`] to stderr once) when `CONFDESK_TEST_PG` is not set.
///
/// # Panics
/// Under CI when the variable is missing or empty: CI never skips.
pub fn server() -> Option<String> {
    match std::env::var(VAR) {
        Ok(url) if !url.trim().is_empty() => Some(url),
        _ if under_ci() => panic!(
            "{VAR} is not set under CI: .ci/run must start PostgreSQL (scripts/test-pg.sh) \
             and export it; CI never skips the PostgreSQL tests"
        ),
        _ => {
            static SKIP: Once = Once::new();
            // Straight to the process's stderr: the test harness captures
            // `eprintln!` of passing tests, and this line must be seen.
            SKIP.call_once(|| {
                let _ = writeln!(std::io::stderr(), "{SKIP_LINE}");
            });
            None
        }
    }
}

/// A new, empty database on the test server, named after `name_hint` plus
/// this process's id and a counter (unique across threads and processes);
/// returns its connection string, in the same form as the server's. `None`
/// when there is no server (see [`server`]).
///
/// # Panics
/// When the server is set but can't be reached or refuses the database:
/// a configured server that doesn't work is a failure, never a skip.
pub fn fresh_database(name_hint: &str) -> Option<String> {
    let server = server()?;
    let mut admin = connect(&server);
    static CLEANUP: Once = Once::new();
    CLEANUP.call_once(|| drop_databases_of_ended_runs(&mut admin));

    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let name = database_name(name_hint, std::process::id(), n);
    // The name is made of [a-z0-9_] only, so quoting it is enough.
    admin
        .batch_execute(&format!("CREATE DATABASE \"{name}\""))
        .unwrap_or_else(|e| panic!("{VAR}: CREATE DATABASE {name} failed: {e}"));
    Some(with_database(&server, &name))
}

/// `confdesk_test_<hint>_<pid>_<n>`: the hint reduced to `[a-z0-9_]` and 20
/// characters, so the whole name stays within PostgreSQL's 63 bytes.
pub fn database_name(name_hint: &str, pid: u32, n: u32) -> String {
    let hint: String = name_hint
        .chars()
        .map(|c| match c.to_ascii_lowercase() {
            c @ ('a'..='z' | '0'..='9') => c,
            _ => '_',
        })
        .take(20)
        .collect();
    format!("{DB_PREFIX}{hint}_{pid}_{n}")
}

/// `conn` with its database replaced by `dbname`, in the same form: a
/// `postgres(ql)://` URL gets a new path (query kept), a `key=value` string
/// gets a trailing `dbname=` (the last one wins, in libpq and the crate).
pub fn with_database(conn: &str, dbname: &str) -> String {
    let conn = conn.trim();
    let Some(scheme_end) = conn.find("://") else {
        return format!("{conn} dbname={dbname}");
    };
    let after = scheme_end + 3;
    // The authority ends at the first '/' (the path) or '?' (the query).
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

/// A client on `conn`, with a 10 s connect timeout when none is given, so
/// a wrong server fails the test instead of hanging it.
///
/// # Panics
/// When `conn` doesn't parse or the server can't be reached.
pub fn connect(conn: &str) -> postgres::Client {
    let mut config = postgres::Config::from_str(conn)
        .unwrap_or_else(|e| panic!("{VAR}: {conn:?} is not a connection string: {e}"));
    if config.get_connect_timeout().is_none() {
        config.connect_timeout(Duration::from_secs(10));
    }
    config
        .connect(postgres::NoTls)
        .unwrap_or_else(|e| panic!("{VAR}: can't connect to {conn:?}: {e}"))
}

/// Drops the test databases whose process has ended (Linux: `/proc/<pid>`
/// is gone). Best effort: a database still in use is left for next time.
fn drop_databases_of_ended_runs(admin: &mut postgres::Client) {
    if !std::path::Path::new("/proc/self").exists() {
        return;
    }
    let Ok(rows) = admin.query(
        "SELECT datname FROM pg_database WHERE starts_with(datname, $1)",
        &[&DB_PREFIX],
    ) else {
        return;
    };
    for row in rows {
        let name: String = row.get(0);
        // ..._<pid>_<n>: the pid is the second field from the end.
        let pid = name.rsplit('_').nth(1).and_then(|p| p.parse::<u32>().ok());
        let ended = pid.is_some_and(|pid| !std::path::Path::new(&format!("/proc/{pid}")).exists());
        let safe = name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
        if ended && safe {
            let _ = admin.batch_execute(&format!("DROP DATABASE IF EXISTS \"{name}\""));
        }
    }
}

/// The variable holding the command line that restarts the test server
/// (`scripts/test-pg.sh restart DIR`, set by the script's COMMAND mode).
pub const RESTART_VAR: &str = "CONFDESK_TEST_PG_RESTART";

/// The variables naming a role the test server lets in only with a
/// password, and that password (set by `scripts/test-pg.sh`).
pub const PW_USER_VAR: &str = "CONFDESK_TEST_PG_PW_USER";
/// See [`PW_USER_VAR`].
pub const PASSWORD_VAR: &str = "CONFDESK_TEST_PG_PASSWORD";

/// The value of `var`, which a test beyond plain [`server`] needs; like
/// [`server`], `None` after one SKIP line (per variable and process) when it
/// is unset, and a panic under CI, which never skips.
fn extra(var: &'static str, skip_once: &'static Once) -> Option<String> {
    match std::env::var(var) {
        Ok(value) if !value.trim().is_empty() => Some(value),
        _ if under_ci() => panic!(
            "{var} is not set under CI: run the tests under scripts/test-pg.sh's COMMAND mode, \
             which sets it; CI never skips the PostgreSQL tests"
        ),
        _ => {
            skip_once.call_once(|| {
                let _ = writeln!(
                    std::io::stderr(),
                    "SKIP: {var} not set — the PostgreSQL tests that need it not run"
                );
            });
            None
        }
    }
}

/// The command line that restarts the test server, split at white space,
/// or `None` (after a SKIP line) when [`RESTART_VAR`] is unset.
///
/// # Panics
/// Under CI when it is unset.
pub fn restart_command() -> Option<Vec<String>> {
    static SKIP: Once = Once::new();
    let line = extra(RESTART_VAR, &SKIP)?;
    Some(line.split_whitespace().map(str::to_owned).collect())
}

/// The role that needs a password and its password, or `None` (after a
/// SKIP line) when [`PW_USER_VAR`] or [`PASSWORD_VAR`] is unset.
///
/// # Panics
/// Under CI when either is unset.
pub fn password_role() -> Option<(String, String)> {
    static SKIP_USER: Once = Once::new();
    static SKIP_PASSWORD: Once = Once::new();
    let user = extra(PW_USER_VAR, &SKIP_USER)?;
    let password = extra(PASSWORD_VAR, &SKIP_PASSWORD)?;
    Some((user, password))
}

/// `conn` (a `postgres(ql)://` URL) with its user replaced by `user` and no
/// password; a `key=value` string gets a trailing `user=`.
pub fn with_user(conn: &str, user: &str) -> String {
    let conn = conn.trim();
    let Some(scheme_end) = conn.find("://") else {
        return format!("{conn} user={user}");
    };
    let after = scheme_end + 3;
    let authority_end = conn[after..]
        .find(['/', '?'])
        .map_or(conn.len(), |i| after + i);
    let host_start = conn[after..authority_end]
        .rfind('@')
        .map_or(after, |i| after + i + 1);
    format!("{}{user}@{}", &conn[..after], &conn[host_start..])
}

/// Ends every server connection to `database` but the caller's own, as an
/// administrator would (`pg_terminate_backend`); returns how many ended.
pub fn terminate_connections(database: &str) -> u64 {
    let server = server().expect("terminate_connections needs the test server");
    let mut admin = connect(&server);
    let rows = admin
        .query(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
             WHERE datname = $1 AND pid <> pg_backend_pid()",
            &[&database],
        )
        .unwrap_or_else(|e| panic!("pg_terminate_backend on {database}: {e}"));
    rows.iter().filter(|row| row.get::<_, bool>(0)).count() as u64
}

/// The database a connection string names (the last path segment of a URL,
/// or the last `dbname=` of a `key=value` string).
pub fn database_of(conn: &str) -> String {
    let config = postgres::Config::from_str(conn)
        .unwrap_or_else(|e| panic!("{conn:?} is not a connection string: {e}"));
    config.get_dbname().unwrap_or("postgres").to_owned()
}
