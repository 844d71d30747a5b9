//! What confdesk leaves behind for whoever finds out what happened (issue
//! 17 item 2): a log file that names commands but no secrets, `--verbose`
//! on stderr, and a crash report whose place the person is told.

mod common;
use common::cli::*;
use std::path::Path;
use std::process::Command;

fn run_logged(desk: &Desk, logs: &Path, args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_confdesk"))
        .args(args)
        .env("CONFDESK_DATA", &desk.data)
        .env("CONFDESK_NOW", &desk.now)
        .env("CONFDESK_LOG_DIR", logs)
        .env("TZ", "UTC")
        .output()
        .unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

fn log_text(logs: &Path) -> String {
    let mut text = String::new();
    for entry in std::fs::read_dir(logs).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name.starts_with("confdesk.log") {
            text.push_str(&std::fs::read_to_string(&path).unwrap());
        }
    }
    text
}

#[test]
fn the_log_file_names_each_command_and_how_it_ended_but_no_secret() {
    let d = Desk::new();
    let logs = tempfile::tempdir().unwrap();
    let code = d.conference();
    run_logged(&d, logs.path(), &org(&["attendees", "list"], &code)).ok();
    run_logged(&d, logs.path(), &org(&["attendees", "list"], "ZZZZZ")).fails(3, "");
    let text = log_text(logs.path());
    assert!(
        text.contains("command started")
            && text.contains("attendees list --slug --email --access-code"),
        "{text}"
    );
    assert!(text.contains("command finished"), "{text}");
    assert!(
        text.contains("command failed") && text.contains("exit_code=3"),
        "{text}"
    );
    for secret in [code.as_str(), "ZZZZZ", OWNER] {
        assert!(
            !text.contains(secret),
            "{secret} leaked into the log:\n{text}"
        );
    }
}

#[test]
fn verbose_copies_the_log_to_stderr() {
    let d = Desk::new();
    let logs = tempfile::tempdir().unwrap();
    let quiet = run_logged(&d, logs.path(), &["conference", "list"]);
    assert!(
        !quiet.stderr.contains("command started"),
        "{}",
        quiet.stderr
    );
    let loud = run_logged(&d, logs.path(), &["--verbose", "conference", "list"]);
    assert!(loud.stderr.contains("command started"), "{}", loud.stderr);
}

#[test]
fn a_crash_writes_a_report_and_says_where_it_is() {
    let d = Desk::new();
    let logs = tempfile::tempdir().unwrap();
    let run = run_logged(&d, logs.path(), &["debug-crash"]);
    assert_eq!(run.code, 101, "a panic's exit code: {}", run.stderr);
    let crash_dir = logs.path().join("crash");
    let reports: Vec<_> = std::fs::read_dir(&crash_dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("crash-")
        })
        .collect();
    assert_eq!(reports.len(), 1, "{reports:?}");
    let report = std::fs::read_to_string(&reports[0]).unwrap();
    assert!(report.contains("a deliberate crash"), "{report}");
    assert!(
        report.contains(env!("CARGO_PKG_VERSION")) && report.contains("backtrace:"),
        "{report}"
    );
    assert!(
        run.stderr.contains(&reports[0].display().to_string()),
        "the person is told where: {}",
        run.stderr
    );
    assert!(
        !run.stderr.contains("panicked at"),
        "the report, not the raw panic: {}",
        run.stderr
    );
    let latest = std::fs::read_to_string(crash_dir.join("LATEST")).unwrap();
    assert_eq!(Path::new(latest.trim()), reports[0]);
    let unseen = confdesk::app::diagnostics::UnseenCrash::find_in(&crash_dir).unwrap();
    assert_eq!(unseen.report, reports[0]);
    assert!(
        log_text(logs.path()).contains("a deliberate crash"),
        "the log has it too"
    );
}
