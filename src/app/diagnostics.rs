//! What confdesk leaves behind for whoever has to find out what happened:
//! a log file and, when confdesk itself fails, a crash report.
//!
//! - **The log** (`tracing`, with eframe's and the other crates' `log`
//!   records captured too): `confdesk.log.YYYY-MM-DD` in the platform's
//!   state folder (`~/.local/state/confdesk/logs/` on Linux; the local data
//!   folder elsewhere), a file a day, the last 7 kept. It records what ran
//!   and how it ended — commands, opened logs, the server link — never a
//!   name, an e-mail or an access code. `--verbose` copies it, in more
//!   detail, to stderr.
//! - **A crash report**: a panic that nothing catches writes
//!   `crash-<time>.txt` (version, platform, thread, the panic's text and
//!   place, a backtrace) into the `crash/` folder beside the logs, says on
//!   stderr where it is, and leaves a `LATEST` note the window reads at its
//!   next start. The storage engine's panics, which the store catches and
//!   reports as a damaged log, never get here: the store's own hook
//!   ([`crate::store`]'s `quiet`) sits in front and stays silent for them.
//!
//! `CONFDESK_LOG_DIR` moves both (tests point it at a temp folder).

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use tracing_subscriber::Layer as _;
use tracing_subscriber::filter::LevelFilter;
use tracing_subscriber::layer::SubscriberExt as _;
use tracing_subscriber::util::SubscriberInitExt as _;

/// The variable that moves the log and crash folders.
pub const LOG_DIR_VAR: &str = "CONFDESK_LOG_DIR";

/// How many daily log files are kept.
const KEEP_DAYS: usize = 7;

/// Where the crash hook writes; set once by [`install_crash_hook`].
static CRASH_DIR: OnceLock<PathBuf> = OnceLock::new();

/// The folder of the log files: `CONFDESK_LOG_DIR`, else the platform's
/// state folder's `logs/`.
pub fn log_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os(LOG_DIR_VAR).filter(|v| !v.is_empty()) {
        return PathBuf::from(dir);
    }
    directories::ProjectDirs::from("", "", "confdesk").map_or_else(
        || PathBuf::from("confdesk-logs"),
        |d| {
            d.state_dir()
                .unwrap_or_else(|| d.data_local_dir())
                .join("logs")
        },
    )
}

/// The folder of the crash reports: `crash/` beside the logs' folder.
pub fn crash_dir() -> PathBuf {
    log_dir().join("crash")
}

/// Keeps the log writer's background thread alive; dropping it flushes.
pub struct LogGuard {
    _worker: Option<tracing_appender::non_blocking::WorkerGuard>,
}

/// Starts the log: the daily file at INFO (DEBUG with `verbose`), plus
/// stderr at DEBUG with `verbose`. A folder that can't be made or written
/// means no file, not a failed command: the error is said once on stderr.
pub fn start_logging(verbose: bool) -> LogGuard {
    let dir = log_dir();
    let appender = std::fs::create_dir_all(&dir)
        .map_err(|e| e.to_string())
        .and_then(|()| {
            tracing_appender::rolling::Builder::new()
                .rotation(tracing_appender::rolling::Rotation::DAILY)
                .filename_prefix("confdesk.log")
                .max_log_files(KEEP_DAYS)
                .build(&dir)
                .map_err(|e| e.to_string())
        });
    let file_level = if verbose {
        LevelFilter::DEBUG
    } else {
        LevelFilter::INFO
    };
    let (file_layer, guard) = match appender {
        Ok(appender) => {
            let (writer, guard) = tracing_appender::non_blocking(appender);
            let layer = tracing_subscriber::fmt::layer()
                .with_ansi(false)
                .with_writer(writer)
                .with_filter(file_level);
            (Some(layer), Some(guard))
        }
        Err(e) => {
            let _ = writeln!(
                std::io::stderr(),
                "warning: no log file: {}: {e}",
                dir.display()
            );
            (None, None)
        }
    };
    let stderr_layer = verbose.then(|| {
        tracing_subscriber::fmt::layer()
            .with_writer(std::io::stderr)
            .with_filter(LevelFilter::DEBUG)
    });
    // Fails only if a logger is already set (a test harness): keep that one.
    let _ = tracing_subscriber::registry()
        .with(file_layer)
        .with(stderr_layer)
        .try_init();
    LogGuard { _worker: guard }
}

/// Installs the crash hook: call it first thing in `main`, before anything
/// can install another hook (the store's quiet hook then wraps this one).
pub fn install_crash_hook() {
    let _ = CRASH_DIR.set(crash_dir());
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let text = crash_report(info);
        tracing::error!(target: "confdesk::crash", "{}", first_line(&text));
        let written = CRASH_DIR.get().map(|dir| write_report(dir, &text));
        let mut err = std::io::stderr().lock();
        match written {
            Some(Ok(path)) => {
                let _ = writeln!(
                    err,
                    "confdesk stopped because of an error in confdesk itself (not in your data).\n\
                     A crash report was written to {}\n\
                     Please send it to whoever looks after this desk.",
                    path.display()
                );
            }
            _ => previous(info),
        }
    }));
}

/// The report's text: what failed, where, in which build and thread.
fn crash_report(info: &std::panic::PanicHookInfo<'_>) -> String {
    let message = info
        .payload()
        .downcast_ref::<&str>()
        .map(|s| (*s).to_string())
        .or_else(|| info.payload().downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "(no message)".to_string());
    let place = info.location().map_or_else(
        || "unknown".to_string(),
        |l| format!("{}:{}", l.file(), l.line()),
    );
    let thread = std::thread::current();
    format!(
        "confdesk crash report\n\
         panic: {message}\n\
         at: {place}\n\
         thread: {}\n\
         version: {} ({} {})\n\
         time: {}\n\
         command: {}\n\n\
         backtrace:\n{}\n",
        thread.name().unwrap_or("unnamed"),
        env!("CARGO_PKG_VERSION"),
        std::env::consts::OS,
        std::env::consts::ARCH,
        chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        command_words(),
        std::backtrace::Backtrace::force_capture(),
    )
}

/// The command line without its values (they may hold codes or names).
fn command_words() -> String {
    command_summary(std::env::args().skip(1))
}

/// `args` as a report shows them: the subcommands before the first flag,
/// then only the flags' names — a value after a flag may be a secret.
pub fn command_summary(args: impl IntoIterator<Item = String>) -> String {
    let mut words: Vec<String> = Vec::new();
    let mut flags = false;
    for arg in args {
        if arg.starts_with('-') && arg.len() > 1 {
            flags = true;
            words.push(arg.split('=').next().unwrap_or_default().to_string());
        } else if !flags {
            words.push(arg);
        }
    }
    if words.is_empty() {
        "(the window)".to_string()
    } else {
        words.join(" ")
    }
}

fn first_line(text: &str) -> &str {
    text.lines().nth(1).unwrap_or(text)
}

/// Writes `text` as a new report in `dir` and points `LATEST` at it.
fn write_report(dir: &Path, text: &str) -> std::io::Result<PathBuf> {
    std::fs::create_dir_all(dir)?;
    let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%S%.3fZ");
    let pid = std::process::id();
    // Two panics in one millisecond (two threads) each get their own file.
    let mut n = 0u32;
    let (path, mut file) = loop {
        let suffix = if n == 0 {
            String::new()
        } else {
            format!("-{n}")
        };
        let path = dir.join(format!("crash-{stamp}-{pid}{suffix}.txt"));
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
        {
            Ok(file) => break (path, file),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && n < 1000 => n += 1,
            Err(e) => return Err(e),
        }
    };
    file.write_all(text.as_bytes())?;
    file.sync_all()?;
    let latest = dir.join("LATEST");
    let _ = std::fs::write(latest, path.to_string_lossy().as_bytes());
    Ok(path)
}

/// A crash report a previous run left and nobody has dismissed yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnseenCrash {
    /// The report.
    pub report: PathBuf,
    /// The `LATEST` note that points at it; removed once it is seen.
    note: PathBuf,
}

impl UnseenCrash {
    /// The report the `LATEST` note in `dir` (a crash folder) points at, if
    /// the note is there and names a report file in that folder (the note
    /// is read from disk: nothing else is trusted).
    pub fn find_in(dir: &Path) -> Option<UnseenCrash> {
        let note = dir.join("LATEST");
        let text = std::fs::read_to_string(&note).ok()?;
        let report = PathBuf::from(text.trim());
        let named = report.file_name()?.to_string_lossy().into_owned();
        let in_dir = report.parent() == Some(dir);
        (in_dir && named.starts_with("crash-") && report.is_file())
            .then_some(UnseenCrash { report, note })
    }

    /// The one in the crash folder ([`crash_dir`]), if any.
    pub fn find() -> Option<UnseenCrash> {
        Self::find_in(&crash_dir())
    }

    /// Marks it seen: the note goes, the report stays.
    pub fn dismiss(&self) {
        let _ = std::fs::remove_file(&self.note);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_report_is_a_new_file_and_latest_points_at_it() {
        let dir = tempfile::tempdir().unwrap();
        let first = write_report(dir.path(), "one").unwrap();
        let second = write_report(dir.path(), "two").unwrap();
        assert_ne!(first, second, "never over an earlier report");
        assert_eq!(std::fs::read_to_string(&first).unwrap(), "one");
        let latest = std::fs::read_to_string(dir.path().join("LATEST")).unwrap();
        assert_eq!(PathBuf::from(latest), second);
        let unseen = UnseenCrash::find_in(dir.path()).unwrap();
        assert_eq!(unseen.report, second);
        unseen.dismiss();
        assert!(UnseenCrash::find_in(dir.path()).is_none());
        assert!(second.is_file(), "the report itself stays");
    }

    #[test]
    fn a_note_pointing_outside_the_crash_folder_is_ignored() {
        let dir = tempfile::tempdir().unwrap();
        let elsewhere = tempfile::NamedTempFile::new().unwrap();
        std::fs::write(
            dir.path().join("LATEST"),
            elsewhere.path().to_string_lossy().as_bytes(),
        )
        .unwrap();
        assert!(UnseenCrash::find_in(dir.path()).is_none());
        std::fs::write(dir.path().join("LATEST"), b"\xff\xfe not utf-8").unwrap();
        assert!(UnseenCrash::find_in(dir.path()).is_none());
    }

    #[test]
    fn the_command_line_in_a_report_keeps_flags_and_drops_their_values() {
        let args = [
            "order",
            "show",
            "--order",
            "X1",
            "--access-code=AB12CD",
            "-v",
        ];
        assert_eq!(
            command_summary(args.map(String::from)),
            "order show --order --access-code -v"
        );
        assert_eq!(command_summary(Vec::new()), "(the window)");
    }
}
