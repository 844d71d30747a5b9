//! Nothing the app writes can replace the log (issue 13, items 1 and 7):
//! `attendees export --out` refuses the open log however it is spelled
//! (path, `./`, `..`, a symlink, a hard link), its sidecars, another log,
//! a folder, a FIFO, a device and a dangling link (exit 2, nothing
//! touched); writes through a symlink to an ordinary file; the outbox mail
//! never replaces the log and is private; and temp files a killed save left
//! behind are removed at the next start, those of a live process kept.
// FIFOs, symlinks, modes and SIGKILL: Unix only (CI is Linux).
#![cfg(unix)]

mod common;
use common::ByName as _;
use common::cli::*;

use std::os::unix::fs::{PermissionsExt as _, symlink};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Runs the binary in `cwd` on `data`; a run that does not end within a
/// minute (it opened a FIFO) is killed and fails the test.
fn run_in(cwd: &Path, data: &Path, args: &[&str]) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_confdesk"))
        .args(args)
        .current_dir(cwd)
        .env("CONFDESK_DATA", data)
        .env("CONFDESK_NOW", T0)
        .env("TZ", "UTC")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > Duration::from_secs(60) {
            child.kill().unwrap();
            panic!("confdesk {args:?} hung (did it open a FIFO?)");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let out = child.wait_with_output().unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

/// A desk with the conference and one paid order's attendees to export.
struct Exporting {
    desk: Desk,
    code: String,
}

impl Exporting {
    fn new() -> Self {
        let desk = Desk::new();
        let code = desk.conference();
        let (id, order_code, _) = desk.place(&["General admission=2"]);
        desk.registrant(&id, &order_code);
        desk.run(&["order", "pay", "--order", &id, "--access-code", &order_code])
            .ok();
        Self { desk, code }
    }

    fn log_dir(&self) -> PathBuf {
        self.desk.data.parent().unwrap().to_path_buf()
    }

    /// `attendees export --out <out>`, run in `cwd`.
    fn export_in(&self, cwd: &Path, out: &str) -> Run {
        run_in(
            cwd,
            &self.desk.data,
            &org(&["attendees", "export", "--out", out], &self.code),
        )
    }

    fn export(&self, out: &Path) -> Run {
        self.export_in(self.desk.dir.path(), out.to_str().unwrap())
    }

    /// The number of events `verify` counts.
    fn events(&self) -> u64 {
        let v = self.desk.run(&["--json", "verify"]).ok().json();
        v["events"].as_u64().unwrap()
    }
}

fn mkfifo(path: &Path) {
    let status = Command::new("mkfifo").arg(path).status().unwrap();
    assert!(status.success(), "mkfifo {}", path.display());
}

#[test]
fn out_naming_the_open_log_in_any_spelling_is_refused_and_the_log_kept() {
    let e = Exporting::new();
    let log_dir = e.log_dir();
    let events = e.events();
    let before = std::fs::read(&e.desk.data).unwrap();
    let symlinked = e.desk.dir.path().join("link-to-log.csv");
    symlink(&e.desk.data, &symlinked).unwrap();
    let hard = e.desk.dir.path().join("hard-link.csv");
    std::fs::hard_link(&e.desk.data, &hard).unwrap();
    let spellings: [(&Path, String); 6] = [
        (e.desk.dir.path(), e.desk.data.to_str().unwrap().to_string()),
        (&log_dir, "confdesk.redb".into()),
        (&log_dir, "./confdesk.redb".into()),
        (&log_dir, "../log/./confdesk.redb".into()),
        (e.desk.dir.path(), symlinked.to_str().unwrap().to_string()),
        (e.desk.dir.path(), hard.to_str().unwrap().to_string()),
    ];
    for (cwd, out) in &spellings {
        let run = e.export_in(cwd, out).fails(2, "--out: '");
        assert!(
            run.stderr.contains("is the open event log"),
            "{out}: {}",
            run.stderr
        );
        assert_eq!(std::fs::read(&e.desk.data).unwrap(), before, "{out}");
    }
    assert!(
        std::fs::symlink_metadata(&symlinked)
            .unwrap()
            .file_type()
            .is_symlink(),
        "the link is still a link"
    );
    assert_eq!(e.events(), events, "the log still opens with every event");
}

#[test]
fn out_naming_a_sidecar_is_refused_and_the_sidecar_kept() {
    let e = Exporting::new();
    // A wrong try makes the access file exist (it keeps the lockouts).
    e.desk
        .run(&[
            "attendees",
            "list",
            "--slug",
            SLUG,
            "--email",
            OWNER,
            "--access-code",
            "ZZZZZ",
        ])
        .fails(3, "");
    let access = PathBuf::from(format!("{}.access.json", e.desk.data.display()));
    let before = std::fs::read(&access).unwrap();
    let pre_repair = PathBuf::from(format!("{}.pre-repair", e.desk.data.display()));
    for target in [&access, &pre_repair] {
        let run = e.export(target).fails(2, "--out: '");
        assert!(
            run.stderr
                .contains("reserved for the open event log's own files"),
            "{}",
            run.stderr
        );
    }
    assert_eq!(std::fs::read(&access).unwrap(), before);
    assert!(!pre_repair.exists(), "a sidecar name is not created either");
}

#[test]
fn out_naming_something_that_is_not_an_ordinary_file_is_refused() {
    let e = Exporting::new();
    let dir = e.desk.dir.path();
    let fifo = dir.join("pipe.csv");
    mkfifo(&fifo);
    let link_to_fifo = dir.join("link-to-pipe.csv");
    symlink(&fifo, &link_to_fifo).unwrap();
    let link_to_null = dir.join("null.csv");
    symlink("/dev/null", &link_to_null).unwrap();
    let folder = dir.join("folder.csv");
    std::fs::create_dir(&folder).unwrap();
    let dangling = dir.join("dangling.csv");
    symlink(dir.join("nowhere").join("x.csv"), &dangling).unwrap();
    let other = Desk::new();
    other.conference();
    let other_before = std::fs::read(&other.data).unwrap();
    let cases: [(&Path, &str); 8] = [
        (&fifo, "(a FIFO)"),
        (&link_to_fifo, "(a FIFO)"),
        (Path::new("/dev/null"), "(a device)"),
        (&link_to_null, "(a device)"),
        (&folder, "(a folder)"),
        (&e.log_dir(), "(a folder)"),
        (&dangling, "is a link to a missing file"),
        (&other.data, "is an event log (a database file)"),
    ];
    for (target, rule) in cases {
        let run = e.export(target).fails(2, "--out: '");
        assert!(
            run.stderr.contains(rule),
            "{}: {}",
            target.display(),
            run.stderr
        );
    }
    let kind = std::fs::symlink_metadata(&fifo).unwrap().file_type();
    assert!(
        std::os::unix::fs::FileTypeExt::is_fifo(&kind),
        "still a FIFO"
    );
    assert!(std::fs::read_dir(&folder).unwrap().next().is_none());
    assert!(std::fs::symlink_metadata(&dangling).unwrap().is_symlink());
    assert_eq!(std::fs::read(&other.data).unwrap(), other_before);
    let temps: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|d| d.unwrap().file_name())
        .filter(|n| n.to_string_lossy().starts_with(".confdesk-export-"))
        .collect();
    assert!(temps.is_empty(), "no temp file left: {temps:?}");
}

#[test]
fn out_through_a_symlink_writes_the_target_and_keeps_the_link() {
    let e = Exporting::new();
    let elsewhere = e.desk.dir.path().join("elsewhere");
    std::fs::create_dir(&elsewhere).unwrap();
    let real = elsewhere.join("attendees.csv");
    std::fs::write(&real, b"old contents").unwrap();
    let link = e.desk.dir.path().join("latest.csv");
    symlink(&real, &link).unwrap();
    let run = e.export(&link).ok();
    assert!(
        run.stdout.contains("Wrote 2 attendee rows"),
        "{}",
        run.stdout
    );
    assert!(std::fs::symlink_metadata(&link).unwrap().is_symlink());
    assert_eq!(std::fs::read_link(&link).unwrap(), real);
    let csv = std::fs::read_to_string(&real).unwrap();
    assert!(csv.starts_with("\u{feff}order_code,"), "{csv}");
    assert_eq!(csv.lines().count(), 3, "header and two rows");
    let mode = std::fs::metadata(&real).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600, "personal data: owner only");
    let registry = PathBuf::from(format!("{}.tmp-registry", e.desk.data.display()));
    assert_eq!(std::fs::read_dir(registry).unwrap().count(), 0);
}

#[test]
fn the_outbox_mail_never_replaces_the_log_and_is_private() {
    use confdesk::app::outbox::write_access_code_mail;
    use confdesk::domain::message::English;
    let mut t = common::open_desk();
    let key = common::journey_conference(&mut t.desk, "mail-test", 10);
    let view = t
        .desk
        .read_models()
        .conferences
        .by_slug("mail-test")
        .unwrap();
    let now = t.desk.now();
    let outbox = confdesk::app::LogLocation::File(t.path.clone()).outbox_dir();
    let protected = t.desk.protected().clone();
    let written =
        write_access_code_mail(&outbox, &protected, &view, &key.access_code, now, &English)
            .unwrap();
    let mode = std::fs::metadata(&written).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600, "the mail holds the access code");
    // The same mail name made a hard link to the log (names chosen oddly).
    std::fs::remove_file(&written).unwrap();
    std::fs::hard_link(&t.path, &written).unwrap();
    let before = std::fs::read(&t.path).unwrap();
    let e = write_access_code_mail(&outbox, &protected, &view, &key.access_code, now, &English)
        .unwrap_err();
    assert!(
        e.to_string().starts_with("outbox mail: '") && e.to_string().contains("open event log"),
        "{e}"
    );
    assert_eq!(std::fs::read(&t.path).unwrap(), before);
}

/// A pid no process has any more: a child that has been waited for.
fn dead_pid() -> u32 {
    let mut child = Command::new("true").spawn().unwrap();
    let pid = child.id();
    child.wait().unwrap();
    pid
}

/// Leaves what a save killed after creating its temp file leaves: a record
/// in `<log>.tmp-registry/` naming a hidden temp file in `folder`.
fn leave_temp(log: &Path, folder: &Path, pid: u32, random: &str) -> PathBuf {
    let registry = PathBuf::from(format!("{}.tmp-registry", log.display()));
    std::fs::create_dir_all(&registry).unwrap();
    let token = format!("{pid}-{random}");
    let temp = folder.join(format!(".confdesk-export-{token}.tmp"));
    std::fs::write(&temp, "order_code,attendee_email\nABC123,mj@example.kr\n").unwrap();
    std::fs::write(registry.join(&token), temp.as_os_str().as_encoded_bytes()).unwrap();
    temp
}

#[test]
fn temp_files_a_killed_save_left_are_removed_at_the_next_start() {
    let e = Exporting::new();
    let folder = e.desk.dir.path().join("exports");
    std::fs::create_dir(&folder).unwrap();
    let dead = leave_temp(&e.desk.data, &folder, dead_pid(), "00000000000000aa");
    let dead_elsewhere = leave_temp(
        &e.desk.data,
        e.desk.dir.path(),
        dead_pid(),
        "00000000000000bb",
    );
    // This test process is alive: its save may still be running.
    let live = leave_temp(
        &e.desk.data,
        &folder,
        std::process::id(),
        "00000000000000cc",
    );
    // Unrecorded temp files beside the log (the access file's saves) are
    // found by the pid in their name.
    let beside = |pid: u32| {
        let temp = e
            .log_dir()
            .join(format!(".confdesk-export-{pid}-00000000000000dd.tmp"));
        std::fs::write(&temp, "{\"order_lookups\":{\"mj@example.kr\":1}}").unwrap();
        temp
    };
    let (dead_beside, live_beside) = (beside(dead_pid()), beside(std::process::id()));
    // Any command, even a read-only one, cleans up first.
    e.desk.run(&["conference", "list"]).ok();
    assert!(!dead.exists(), "a dead process's temp file is removed");
    assert!(!dead_elsewhere.exists());
    assert!(live.exists(), "a live process's temp file is kept");
    assert!(!dead_beside.exists() && live_beside.exists());
    let registry = PathBuf::from(format!("{}.tmp-registry", e.desk.data.display()));
    let left: Vec<_> = std::fs::read_dir(&registry)
        .unwrap()
        .map(|d| d.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(left, [format!("{}-00000000000000cc", std::process::id())]);
}

const CHILD_LOG: &str = "CONFDESK_OUTPUT_CHILD_LOG";
/// Kills that must land mid-export (leaving a temp file) before the test
/// ends; at most `MAX_KILLS` tries (each lands with roughly 1 chance in 4).
const LANDED: usize = 4;
const MAX_KILLS: u64 = 120;

/// The child of the kill test: exports the attendee CSV into `exports/`
/// beside the log's folder, over and over, until it is killed.
#[test]
fn export_child_entry() {
    let Ok(log) = std::env::var(CHILD_LOG) else {
        return;
    };
    let log = PathBuf::from(log);
    let clock = std::sync::Arc::new(confdesk::app::ManualClock::new(common::start()));
    let mut desk = confdesk::app::Desk::open_path(
        &log,
        confdesk::store::OpenMode::ReadOnly,
        clock,
        confdesk::app::Settings::default(),
    )
    .unwrap();
    let key = confdesk::app::OrganizerKey {
        slug: "kill".into(),
        email: "ana@example.com".into(),
        access_code: std::fs::read_to_string(log.with_file_name("code")).unwrap(),
    };
    let key_access = desk.authorize_organizer(&key).unwrap();
    let csv = log.parent().unwrap().join("exports").join("attendees.csv");
    println!("READY");
    loop {
        desk.export_attendees(
            &key_access,
            &csv,
            confdesk::app::export::CsvOptions::default(),
        )
        .unwrap();
    }
}

/// Hidden temp files in `folder`.
fn temps_in(folder: &Path) -> usize {
    std::fs::read_dir(folder)
        .unwrap()
        .filter(|d| {
            let name = d.as_ref().unwrap().file_name();
            name.to_string_lossy().starts_with(".confdesk-export-")
        })
        .count()
}

#[test]
fn an_export_killed_with_sigkill_leaves_no_temp_file_after_the_next_start() {
    use std::io::BufRead as _;
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("kill.redb");
    let exports = dir.path().join("exports");
    std::fs::create_dir(&exports).unwrap();
    {
        let mut t = common::desk_at(&log, &confdesk::app::ManualClock::new(common::start()));
        let key = common::journey_conference(&mut t, "kill", 1_000);
        for _ in 0..200 {
            let confdesk::app::OrderKey {
                order_id,
                access_code: code,
            } = t
                .place_order_named("kill", &[("General admission".into(), 2)])
                .unwrap();
            let order = confdesk::app::OrderKey {
                order_id,
                access_code: code,
            };
            t.registration_mut()
                .assign_registrant(&order, "Min-jun", "Kim", "mj@example.kr")
                .unwrap();
            t.registration_mut().pay(&order, true).unwrap();
        }
        std::fs::write(dir.path().join("code"), &key.access_code).unwrap();
    }
    let (mut left_by_kills, mut kills) = (0, 0);
    while left_by_kills < LANDED {
        assert!(
            kills < MAX_KILLS,
            "{kills} kills, only {left_by_kills} mid-export"
        );
        let kill = kills;
        kills += 1;
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args(["export_child_entry", "--exact", "--nocapture"])
            .env(CHILD_LOG, &log)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut lines = std::io::BufReader::new(child.stdout.take().unwrap()).lines();
        assert!(
            lines.any(|l| l.unwrap().ends_with("READY")),
            "child started"
        );
        std::thread::sleep(Duration::from_millis(20 + (kill * 37) % 90));
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        left_by_kills += temps_in(&exports);
        // The next command (read-only, on the same log) cleans up first.
        run_in(dir.path(), &log, &["conference", "list"]).ok();
        assert_eq!(temps_in(&exports), 0, "kill {kill}: a temp file survived");
        assert_eq!(temps_in(dir.path()), 0, "kill {kill}: beside the log");
    }
    eprintln!("{kills} kills, {left_by_kills} left a temp file, all removed");
    let registry = PathBuf::from(format!("{}.tmp-registry", log.display()));
    assert_eq!(std::fs::read_dir(registry).unwrap().count(), 0);
}

/// The window's save dialogs go through the desk (CSV) and `save_qr_png`
/// with the desk's protected set: a name that is the log is refused on the
/// field "file", and the refusal reads in Korean too.
#[test]
fn the_windows_saves_refuse_the_log_and_say_so_in_korean() {
    use confdesk::app::qr::save_qr_png;
    use confdesk::ui::i18n::{Lang, say, set_lang};
    let mut t = common::open_desk();
    let key = common::journey_conference(&mut t.desk, "window", 10);
    let key_access = t.desk.authorize_organizer(&key).unwrap();
    let before = std::fs::read(&t.path).unwrap();
    let hard = t.dir.path().join("attendees.csv");
    std::fs::hard_link(&t.path, &hard).unwrap();
    let csv = t
        .desk
        .export_attendees(&key_access, &hard, Default::default())
        .unwrap_err();
    let qr = save_qr_png("ABC123", &t.path, t.desk.protected()).unwrap_err();
    for e in [&csv, &qr] {
        assert!(matches!(e, confdesk::app::AppError::Validation(_)), "{e}");
        assert!(e.to_string().starts_with("file: '"), "{e}");
        assert!(
            e.to_string()
                .ends_with("is the open event log: choose another name")
        );
    }
    set_lang(Lang::Ko);
    let korean = say(&qr.message());
    set_lang(Lang::En);
    assert_eq!(
        korean,
        format!(
            "파일: '{}'은(는) 지금 열려 있는 이벤트 로그입니다: 다른 이름을 고르세요",
            t.path.display()
        )
    );
    assert_eq!(std::fs::read(&t.path).unwrap(), before);
    t.reopen();
}
