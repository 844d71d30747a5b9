//! The log file itself, through the binary: what `--data` may name and what
//! opening it does to the file system (issue 13, items 4, 6 and 7).
//!
//! - After a writer is killed (SIGKILL, as a power cut), read-only commands
//!   repair the log when no live process holds it and show the last
//!   acknowledged state; beside a live writer they read without repairing.
//!   A repair refuses, writing nothing, when the disk lacks room for its
//!   safety copy, and removes a copy that failed midway.
//! - Odd files: a FIFO, a folder, a device, an empty file, a mistyped path
//!   are refused with the path named, before anything is opened or created.
//! - Privacy: the log and its sidecars are created 0600, and a writable open
//!   tightens an older log.
//!
//! A child process (this test binary re-run in a child mode, as in
//! `tests/crash.rs`) is the writer that is killed or kept alive. Unix only:
//! FIFOs, modes, SIGKILL, `ulimit` and `mount`.
#![cfg(unix)]

mod common;
use common::ByName as _;

use common::cli::{Create, OWNER, Run, SLUG, T0, org};
use confdesk::app::{Desk, ManualClock, Settings};
use confdesk::store::{OpenMode, RedbLog};
use std::fs;
use std::io::{BufRead as _, BufReader, Read as _, Write as _};
use std::os::unix::fs::PermissionsExt as _;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

const CHILD: &str = "CONFDESK_LOG_FILES_CHILD";
/// Set for a child that places an order only when a line arrives on stdin.
const STEPPED: &str = "CONFDESK_LOG_FILES_STEPPED";
/// The longest a CLI run may take before the test calls it hung.
const TIMEOUT: Duration = Duration::from_secs(60);

/// Not a test of its own: the body of the writer child. Without the
/// environment variable it does nothing. Places one order after another
/// (or one per line read, when stepped), printing each only after its
/// append returned.
#[test]
fn writer_child_entry() {
    let Ok(log) = std::env::var(CHILD) else {
        return;
    };
    let clock = Arc::new(ManualClock::new(common::start()));
    let mut desk = Desk::open_path(
        Path::new(&log),
        OpenMode::ReadWrite,
        clock,
        Settings::default(),
    )
    .unwrap_or_else(|e| panic!("child open: {e}"));
    let say = |line: String| {
        let mut out = std::io::stdout().lock();
        if writeln!(out, "{line}").and_then(|()| out.flush()).is_err() {
            std::process::exit(0);
        }
    };
    say("READY".into());
    let stepped = std::env::var_os(STEPPED).is_some();
    let mut requests = std::io::stdin().lines();
    loop {
        if stepped && !matches!(requests.next(), Some(Ok(_))) {
            return;
        }
        let confdesk::app::OrderKey {
            order_id: id,
            access_code: code,
        } = desk
            .place_order_named(SLUG, &[("General admission".into(), 1)])
            .unwrap_or_else(|e| panic!("{e}"));
        say(format!("PLACED {id} {code}"));
    }
}

/// A writer child, killed (SIGKILL) and reaped however the test ends.
struct Writer {
    child: Child,
    lines: Receiver<String>,
}

impl Writer {
    /// A child that writes orders as fast as it can.
    fn start(log: &Path) -> Writer {
        Writer::spawn(log, false)
    }

    /// A child that writes an order each time [`Writer::step`] asks.
    fn stepped(log: &Path) -> Writer {
        Writer::spawn(log, true)
    }

    fn spawn(log: &Path, stepped: bool) -> Writer {
        let mut command = Command::new(std::env::current_exe().unwrap());
        command
            .args([
                "writer_child_entry",
                "--exact",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(CHILD, log)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null());
        if stepped {
            command.env(STEPPED, "1");
        }
        let mut child = command.spawn().unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, lines) = channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        let writer = Writer { child, lines };
        while !writer.next_line().ends_with("READY") {}
        writer
    }

    fn next_line(&self) -> String {
        self.lines
            .recv_timeout(TIMEOUT)
            .expect("the writer child stopped talking")
    }

    /// The next order it acknowledged: (order id, order code).
    fn next_order(&self) -> (String, String) {
        loop {
            let line = self.next_line();
            if let ["PLACED", id, code] = line.split(' ').collect::<Vec<_>>().as_slice() {
                return ((*id).to_owned(), (*code).to_owned());
            }
        }
    }

    /// Asks a stepped child for one more order; returns it once acknowledged.
    fn step(&mut self) -> (String, String) {
        let stdin = self.child.stdin.as_mut().unwrap();
        writeln!(stdin, "go").and_then(|()| stdin.flush()).unwrap();
        self.next_order()
    }

    /// Kills it with SIGKILL after its `acks`-th order: the last order it
    /// acknowledged.
    fn kill_after(mut self, acks: usize) -> (String, String) {
        let mut last = self.next_order();
        for _ in 1..acks {
            last = self.next_order();
        }
        self.child.kill().unwrap();
        self.child.wait().unwrap();
        last
    }
}

impl Drop for Writer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A log at `dir/log/confdesk.redb` with the CQRS Summit published (General
/// admission for a million); returns its path and the organizer's code.
fn setup(dir: &Path) -> (PathBuf, String) {
    let path = dir.join("log").join("confdesk.redb");
    let mut desk = common::desk_at(&path, &ManualClock::new(common::start()));
    let key = common::journey_conference(&mut desk, SLUG, 1_000_000);
    (path, key.access_code)
}

/// Runs the binary on `data`, killing it and failing if it takes longer
/// than [`TIMEOUT`] (a FIFO used to hang it forever).
fn run(data: &Path, args: &[&str]) -> Run {
    let mut command = Command::new(binary());
    command.args(args).env("CONFDESK_DATA", data);
    timed(command)
}

/// The binary under test: this build's, or the one `CONFDESK_TEST_BIN`
/// names (to show these tests fail on an older build).
fn binary() -> PathBuf {
    std::env::var_os("CONFDESK_TEST_BIN").map_or_else(
        || PathBuf::from(env!("CARGO_BIN_EXE_confdesk")),
        PathBuf::from,
    )
}

fn timed(mut command: Command) -> Run {
    let mut child = command
        .env("CONFDESK_NOW", T0)
        .env("TZ", "UTC")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            panic!("the command hung for {TIMEOUT:?}: {command:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let (mut stdout, mut stderr) = (String::new(), String::new());
    child.stdout.unwrap().read_to_string(&mut stdout).unwrap();
    child.stderr.unwrap().read_to_string(&mut stderr).unwrap();
    Run {
        code: status.code().unwrap_or(-1),
        stdout,
        stderr,
    }
}

/// `<log>.<suffix>`.
fn sidecar(log: &Path, suffix: &str) -> PathBuf {
    let mut name = log.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

fn mode(path: &Path) -> u32 {
    fs::metadata(path).unwrap().permissions().mode() & 0o777
}

/// A log a killed writer left: redb refuses to read it without a repair.
#[track_caller]
fn assert_needs_repair(log: &Path) {
    let error = RedbLog::open_if_clean(log).expect_err("the killed writer left the log unclean");
    assert!(error.to_string().contains("not closed cleanly"), "{error}");
}

/// Every read-only command works on the log and shows order `id`.
#[track_caller]
fn assert_reads(log: &Path, code: &str, (id, order_code): &(String, String)) {
    let shown = run(
        log,
        &[
            "--json",
            "order",
            "show",
            "--order",
            id,
            "--access-code",
            order_code,
        ],
    )
    .ok()
    .json();
    assert_eq!(shown["order_id"].as_str(), Some(id.as_str()), "{shown}");
    run(log, &["verify"]).ok();
    run(log, &["conference", "list"]).ok();
    run(log, &org(&["conference", "show"], code)).ok();
    let orders = run(log, &org(&["--json", "orders", "list"], code)).ok();
    assert!(orders.stdout.contains(id.as_str()), "{}", orders.stdout);
    run(log, &org(&["attendees", "list"], code)).ok();
}

#[test]
fn after_a_killed_writer_read_only_commands_repair_and_show_the_last_acknowledged_order() {
    let dir = tempfile::tempdir().unwrap();
    let (log, code) = setup(dir.path());
    // The first command after each kill differs, so each is shown to repair.
    let first_commands = [
        vec!["verify"],
        vec!["conference", "list"],
        org(&["--json", "orders", "list"], &code),
        org(&["attendees", "list"], &code),
    ];
    for (kill, first) in first_commands.iter().enumerate() {
        let last = Writer::start(&log).kill_after(1 + 2 * kill);
        assert_needs_repair(&log);
        run(&log, first).ok();
        assert_reads(&log, &code, &last);
        assert!(!sidecar(&log, ".pre-repair").exists());
        assert!(!sidecar(&log, ".pid").exists(), "the dead writer's pid");
    }
    eprintln!("log_files: 4 kills, a read-only command repaired each");
}

#[test]
fn beside_a_live_writer_read_only_commands_read_and_repair_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (log, code) = setup(dir.path());
    // Stepped, so that `verify` does not race appends (it compares the log's
    // last position, read live, with what it replayed).
    let mut writer = Writer::stepped(&log);
    let first = writer.step();
    assert_reads(&log, &code, &first);
    assert!(!sidecar(&log, ".pre-repair").exists());
    // The writer goes on undisturbed, and still holds the log.
    let second = writer.step();
    assert_ne!(second, first);
    assert_reads(&log, &code, &second);
    run(&log, &org(&["conference", "unpublish"], &code)).fails(4, "in use");
    drop(writer);
}

#[test]
fn a_repair_refuses_a_pre_repair_link_or_pipe_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (log, code) = setup(dir.path());
    let last = Writer::start(&log).kill_after(2);
    let before = fs::read(&log).unwrap();
    let copy = sidecar(&log, ".pre-repair");
    let target = dir.path().join("precious.txt");
    fs::write(&target, b"not to be overwritten").unwrap();
    std::os::unix::fs::symlink(&target, &copy).unwrap();
    let refused = run(&log, &["verify"]).fails(1, "already exists and is a symbolic link");
    assert!(refused.stderr.contains(&copy.display().to_string()));
    assert_eq!(fs::read(&target).unwrap(), b"not to be overwritten");
    assert_eq!(fs::read(&log).unwrap(), before, "the log was written");

    fs::remove_file(&copy).unwrap();
    mkfifo(&copy);
    run(&log, &["conference", "list"]).fails(1, "already exists and is a named pipe");
    assert_eq!(fs::read(&log).unwrap(), before, "the log was written");

    fs::remove_file(&copy).unwrap();
    assert_reads(&log, &code, &last);
}

#[test]
fn a_repair_copy_that_fails_midway_is_removed_and_the_log_left_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let (log, _) = setup(dir.path());
    Writer::start(&log).kill_after(3);
    let before = fs::read(&log).unwrap();
    assert!(before.len() > 64 * 1024, "{} bytes", before.len());
    // A file-size limit of 32 KiB lets the copy start and fail midway (as a
    // disk that fills during it); SIGXFSZ is ignored so the write fails.
    let mut command = Command::new("sh");
    command
        .args(["-c", "trap '' XFSZ; ulimit -f 64; exec \"$0\" verify"])
        .arg(binary())
        .env("CONFDESK_DATA", &log);
    let refused = timed(command).fails(1, "the partial copy was removed");
    assert!(refused.stderr.contains("pre-repair"), "{}", refused.stderr);
    assert!(!sidecar(&log, ".pre-repair").exists());
    assert_eq!(fs::read(&log).unwrap(), before, "the log was written");
    assert_needs_repair(&log);
    run(&log, &["verify"]).ok();
}

/// A tmpfs of `bytes` at a new folder in `dir`, unmounted on drop; `None`
/// when this machine does not let the test mount one.
struct Tmpfs(PathBuf);

impl Tmpfs {
    fn mount(dir: &Path, bytes: u64) -> Option<Tmpfs> {
        let at = dir.join("tmpfs");
        fs::create_dir(&at).unwrap();
        let mounted = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={bytes}"), "tmpfs"])
            .arg(&at)
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        mounted.then_some(Tmpfs(at))
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(&self.0).status();
    }
}

#[test]
fn on_a_full_disk_a_repair_says_how_much_space_it_needs_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (crashed, code) = setup(dir.path());
    let last = Writer::start(&crashed).kill_after(2);
    let len = fs::metadata(&crashed).unwrap().len();
    let Some(tmpfs) = Tmpfs::mount(dir.path(), 3 * len + 64 * 1024) else {
        // The rule itself is unit-tested (store::redb_log::files).
        eprintln!("log_files: SKIPPED the tmpfs test: mounting is not permitted here");
        return;
    };
    let log = tmpfs.0.join("confdesk.redb");
    fs::copy(&crashed, &log).unwrap();
    assert_needs_repair(&log);
    // Leave half the log's size free.
    let free = rustix::fs::statvfs(&tmpfs.0).unwrap();
    let filler_len = free.f_bavail * free.f_frsize - len / 2;
    fs::write(
        tmpfs.0.join("filler"),
        vec![1_u8; usize::try_from(filler_len).unwrap()],
    )
    .unwrap();
    let before = fs::read(&log).unwrap();
    let refused = run(&log, &["verify"]).fails(1, "free beside the log for its safety copy");
    let needed = format!("needs {} kB", len.div_ceil(1000));
    assert!(refused.stderr.contains(&needed), "{}", refused.stderr);
    assert!(refused.stderr.contains("nothing was written"));
    assert_eq!(fs::read(&log).unwrap(), before, "the log was written");
    assert!(!sidecar(&log, ".pre-repair").exists());

    fs::remove_file(tmpfs.0.join("filler")).unwrap();
    assert_reads(&log, &code, &last);
    eprintln!("log_files: the tmpfs test ran ({len} byte log)");
}

fn mkfifo(path: &Path) {
    let made = Command::new("mkfifo").arg(path).status().unwrap();
    assert!(made.success());
}

#[test]
fn data_naming_a_fifo_a_folder_or_a_device_is_refused_naming_it_without_hanging() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe.redb");
    mkfifo(&fifo);
    let fifo_link = dir.path().join("pipe-link.redb");
    std::os::unix::fs::symlink(&fifo, &fifo_link).unwrap();
    let null_link = dir.path().join("null-link.redb");
    std::os::unix::fs::symlink("/dev/null", &null_link).unwrap();
    let odd: [(&Path, &str); 5] = [
        (&fifo, "is a named pipe (FIFO), not a regular file"),
        (&fifo_link, "is a named pipe (FIFO), not a regular file"),
        (dir.path(), "is a folder, not a regular file"),
        (Path::new("/dev/null"), "is a device, not a regular file"),
        (&null_link, "is a device, not a regular file"),
    ];
    let create = Create::default().args();
    for (path, says) in odd {
        for args in [&["verify"][..], &create, &["conference", "list"]] {
            let refused = run(path, args).fails(2, says);
            assert!(
                refused.stderr.contains(&path.display().to_string()),
                "{}",
                refused.stderr
            );
        }
    }
    assert_eq!(
        fs::read_dir(dir.path()).unwrap().count(),
        3,
        "nothing created"
    );
    eprintln!("log_files: 5 odd paths × 3 commands refused");
}

#[test]
fn a_link_to_a_log_is_a_log() {
    let dir = tempfile::tempdir().unwrap();
    let (log, code) = setup(dir.path());
    let link = dir.path().join("link.redb");
    std::os::unix::fs::symlink(&log, &link).unwrap();
    run(&link, &["verify"]).ok();
    run(&link, &org(&["conference", "unpublish"], &code)).ok();
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
}

#[test]
fn an_empty_file_is_refused_not_made_a_log() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.redb");
    fs::write(&empty, b"").unwrap();
    for args in [
        &Create::default().args()[..],
        &["demo", "--conferences", "1", "--orders", "1"],
        &["verify"],
        &["conference", "list"],
    ] {
        let refused = run(&empty, args).fails(1, "exists and is empty");
        assert!(refused.stderr.contains("empty.redb"), "{}", refused.stderr);
        assert_eq!(fs::metadata(&empty).unwrap().len(), 0, "{args:?}");
    }
}

#[test]
fn a_mistyped_data_path_on_a_write_command_creates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (log, code) = setup(dir.path());
    let typo = dir.path().join("lgo").join("confdesk.redb");
    let write_commands: [Vec<&str>; 4] = [
        vec![
            "order",
            "place",
            "--slug",
            SLUG,
            "--seat",
            "General admission=1",
        ],
        org(&["conference", "unpublish"], &code),
        org(
            &[
                "seat-type",
                "add",
                "--name",
                "Extra",
                "--quota",
                "1",
                "--price",
                "1",
            ],
            &code,
        ),
        org(&["conference", "update", "--name", "Renamed"], &code),
    ];
    for args in &write_commands {
        let refused = run(&typo, args).fails(3, "does not exist");
        assert!(refused.stderr.contains("lgo"), "{}", refused.stderr);
        assert!(
            !dir.path().join("lgo").exists(),
            "{args:?} created a folder"
        );
    }
    // The same commands work on the real log.
    run(&log, &write_commands[0]).ok();
    eprintln!(
        "log_files: {} write commands on a mistyped path",
        write_commands.len()
    );
}

#[test]
fn conference_create_and_demo_still_start_a_new_log() {
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("new").join("confdesk.redb");
    run(&log, &Create::default().args()).ok();
    run(&log, &["verify"]).ok();
    let demo = dir.path().join("demo").join("confdesk.redb");
    run(&demo, &["demo", "--conferences", "1", "--orders", "2"]).ok();
    run(&demo, &["verify"]).ok();
}

#[test]
fn the_log_and_its_sidecars_are_created_private() {
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("confdesk.redb");
    run(&log, &Create::default().args()).ok();
    assert_eq!(mode(&log), 0o600, "the log");
    let held = RedbLog::open(&log, OpenMode::ReadWrite).unwrap();
    assert_eq!(mode(&sidecar(&log, ".pid")), 0o600, "the .pid sidecar");
    drop(held);
    // A .pid a crashed writer left is replaced, never written through.
    let elsewhere = dir.path().join("elsewhere");
    fs::write(&elsewhere, b"keep").unwrap();
    std::os::unix::fs::symlink(&elsewhere, sidecar(&log, ".pid")).unwrap();
    let held = RedbLog::open(&log, OpenMode::ReadWrite).unwrap();
    assert_eq!(fs::read(&elsewhere).unwrap(), b"keep");
    assert_eq!(mode(&sidecar(&log, ".pid")), 0o600);
    drop(held);
}

#[test]
fn a_writable_open_tightens_an_older_log_and_a_read_leaves_it() {
    let dir = tempfile::tempdir().unwrap();
    let (log, code) = setup(dir.path());
    fs::set_permissions(&log, fs::Permissions::from_mode(0o664)).unwrap();
    run(&log, &["conference", "list"]).ok();
    assert_eq!(mode(&log), 0o664, "a read-only command changed the mode");
    run(&log, &org(&["conference", "unpublish"], &code)).ok();
    assert_eq!(mode(&log), 0o600);
    fs::set_permissions(&log, fs::Permissions::from_mode(0o700)).unwrap();
    run(&log, &org(&["conference", "publish"], &code)).ok();
    assert_eq!(mode(&log), 0o700, "the owner's bits are kept");
}

#[test]
fn the_window_shows_these_refusals_in_korean() {
    use confdesk::ui::i18n::{Lang, say, set_lang};
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.redb");
    fs::write(&empty, b"").unwrap();
    let no_space = confdesk::store::StoreError::NoSpace {
        path: dir.path().join("a.redb"),
        needed: 73_000_000,
        free: 12_000_000,
    };
    let refusals = [
        RedbLog::open(dir.path(), OpenMode::Create).unwrap_err(),
        RedbLog::open(&empty, OpenMode::Create).unwrap_err(),
        no_space,
    ];
    set_lang(Lang::Ko);
    for refusal in refusals {
        let korean = say(&refusal.message());
        assert!(
            korean.contains(&dir.path().display().to_string()),
            "{korean}"
        );
        for english_word in ["regular file", "is empty", "free beside", "written"] {
            assert!(!korean.contains(english_word), "{korean}");
        }
    }
    set_lang(Lang::En);
}

#[test]
fn a_fifo_as_the_pid_sidecar_does_not_hang_the_in_use_refusal() {
    let dir = tempfile::tempdir().unwrap();
    let (log, code) = setup(dir.path());
    let held = RedbLog::open(&log, OpenMode::ReadWrite).unwrap();
    let pid = sidecar(&log, ".pid");
    fs::remove_file(&pid).unwrap();
    mkfifo(&pid);
    run(&log, &org(&["conference", "unpublish"], &code)).fails(4, "in use by another confdesk");
    drop(held);
    // The next writer replaces it with a regular file.
    run(&log, &org(&["conference", "unpublish"], &code)).ok();
    assert!(!pid.exists());
}

/// Steps the window until its background open is done.
fn loaded(h: &mut egui_kittest::Harness<'_, confdesk::ui::MainWindow>) {
    let started = Instant::now();
    while h.state().desk().is_none() {
        assert!(
            started.elapsed() < TIMEOUT,
            "the window never loaded the log"
        );
        std::thread::sleep(Duration::from_millis(20));
        h.step();
    }
}

fn window(path: &Path) -> egui_kittest::Harness<'static, confdesk::ui::MainWindow> {
    let clock = Arc::new(ManualClock::new(common::start()));
    let app = confdesk::ui::MainWindow::loading(path.to_path_buf(), clock);
    egui_kittest::Harness::builder()
        .with_size([1100.0, 720.0])
        .build_ui_state(|ui, app: &mut confdesk::ui::MainWindow| app.ui(ui), app)
}

#[test]
fn the_window_starts_a_missing_log_and_repairs_a_crashed_one() {
    let dir = tempfile::tempdir().unwrap();
    // A fresh machine: the default data file and its folder do not exist.
    let fresh = dir
        .path()
        .join("share")
        .join("confdesk")
        .join("confdesk.redb");
    let mut h = window(&fresh);
    loaded(&mut h);
    assert_eq!(h.state().desk().unwrap().stats().events, 0);
    assert_eq!(mode(&fresh), 0o600);
    drop(h);

    let (log, code) = setup(dir.path());
    let (id, _) = Writer::start(&log).kill_after(2);
    assert_needs_repair(&log);
    let mut h = window(&log);
    loaded(&mut h);
    let desk = h.state_mut().desk_mut().unwrap();
    let key = confdesk::app::OrganizerKey {
        slug: SLUG.into(),
        email: OWNER.into(),
        access_code: code,
    };
    let key_access = desk.authorize_organizer(&key).unwrap();
    let orders = desk.organizer().organizer_orders(&key_access);
    assert!(orders.iter().any(|o| o.id.to_string() == id), "{id}");
}

#[test]
fn read_only_commands_started_together_after_a_crash_all_read() {
    let dir = tempfile::tempdir().unwrap();
    let (log, code) = setup(dir.path());
    let last = Writer::start(&log).kill_after(3);
    assert_needs_repair(&log);
    // Each finds the log unclean; one repairs, the others wait for it.
    let readers: Vec<_> = (0..6)
        .map(|n| {
            let log = log.clone();
            let args: &[&str] = if n % 2 == 0 {
                &["conference", "list"]
            } else {
                &["verify"]
            };
            std::thread::spawn(move || run(&log, args))
        })
        .collect();
    for reader in readers {
        reader.join().unwrap().ok();
    }
    assert!(!sidecar(&log, ".pre-repair").exists());
    assert_reads(&log, &code, &last);
}

#[test]
fn a_log_whose_mode_cannot_change_still_opens_for_writing() {
    let dir = tempfile::tempdir().unwrap();
    let (log, code) = setup(dir.path());
    // Another user may write the log but not change its mode.
    for folder in [dir.path(), log.parent().unwrap()] {
        fs::set_permissions(folder, fs::Permissions::from_mode(0o777)).unwrap();
    }
    fs::set_permissions(&log, fs::Permissions::from_mode(0o666)).unwrap();
    let as_nobody = |args: &[&str]| {
        let mut command = Command::new("setpriv");
        command
            .args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(binary())
            .args(args)
            .env("CONFDESK_DATA", &log);
        timed(command)
    };
    let probe = Command::new("setpriv")
        .args(["--reuid=65534", "--regid=65534", "--clear-groups", "true"])
        .status();
    if !probe.is_ok_and(|s| s.success()) {
        eprintln!("log_files: SKIPPED the other-user test: setpriv cannot switch users here");
        return;
    }
    as_nobody(&org(&["conference", "unpublish"], &code)).ok();
    assert_eq!(
        mode(&log),
        0o666,
        "the mode changed, so the test proves nothing"
    );
    run(&log, &["conference", "list"]).ok();
    eprintln!("log_files: the other-user test ran");
}
