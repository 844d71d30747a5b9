//! The whole-process figures of BENCHMARKS.md that the criterion benches
//! under `benches/` cannot give, because they need a fresh process: opening
//! and replaying a log at start-up with the resident memory it leaves, the
//! log's size on disk per event, and the time from start-up to the first
//! window frame drawn with the log loaded.
//!
//! A developer tool, so it is an example, not a `confdesk` command: the
//! user's CLI neither lists it nor links the window for it.
//!
//! ```sh
//! cargo run --release --example bench -- --data e1m.redb replay
//! cargo run --release --example bench -- --data e1m.redb startup
//! ```
//!
//! Each figure is printed beside its baseline, measured in the same run.

use clap::{Args, Parser, Subcommand};
use confdesk::app::event_codec::decode_event;
use confdesk::app::{AppError, Clock, Desk, Settings};
use confdesk::cli::{clock_from_env, default_data_path, error_message, exit_code};
use confdesk::store::{self, OpenMode, RedbLog, StoreError};
use confdesk::ui::MainWindow;
use eframe::egui;
use serde_json::{Value, json};
use std::hint::black_box;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

/// The allocator of the `confdesk` binary (src/main.rs): the figures are
/// those of the real program.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Measure the log's replay, memory and size, or the window's start-up
/// (for developers; see BENCHMARKS.md).
///
/// Environment: CONFDESK_DATA sets the log path, CONFDESK_NOW (RFC 3339)
/// fixes the clock, as for `confdesk`.
#[derive(Debug, Parser)]
#[command(name = "bench")]
struct Cli {
    /// The event log [default: the platform data folder's confdesk.redb].
    #[arg(long, global = true, env = "CONFDESK_DATA", value_name = "PATH")]
    data: Option<PathBuf>,
    /// Print one JSON value on stdout instead of text.
    #[arg(long, global = true)]
    json: bool,
    /// What to measure.
    #[command(subcommand)]
    command: BenchCommand,
}

/// What to measure.
#[derive(Debug, Subcommand)]
enum BenchCommand {
    /// Open the log (--data) as the window does and replay it into every
    /// read model; then decode it again without applying the events (the
    /// baseline). Prints times, events/s, resident memory and bytes/event.
    Replay(ReplayArgs),
    /// Open the window on the log (--data) and close it after the first
    /// frame drawn with the log loaded; prints the time since start-up.
    Startup(StartupArgs),
}

/// `startup`.
#[derive(Debug, Args)]
struct StartupArgs {
    /// While the log loads, draw the window at most every this many
    /// milliseconds instead of as often as the window asks (0: as asked).
    /// Shows what the loading screen's repaints cost where frames are
    /// rendered on the CPU (no GPU).
    #[arg(long, default_value_t = 0)]
    loading_repaint_ms: u64,
}

/// `replay`.
#[derive(Debug, Args)]
struct ReplayArgs {
    /// Open the log read-only (as the CLI's read commands do) instead of
    /// read-write (as the window does).
    #[arg(long)]
    read_only: bool,
    /// Read-write only: open (with the integrity check) and then replay, one
    /// after the other, timing each, instead of overlapping them as the
    /// window does.
    #[arg(long, conflicts_with = "read_only")]
    sequential: bool,
}

/// Where the log is and what time it is.
struct Ctx {
    data: PathBuf,
    clock: Arc<dyn Clock>,
}

/// A measurement's result in both forms, as `confdesk` prints its commands'.
struct Output {
    human: String,
    json: Value,
}

impl Output {
    fn new(human: String, json: Value) -> Self {
        Self { human, json }
    }
}

/// As `confdesk`'s main: run, print any error once, exit with its code.
fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            let _ = writeln!(std::io::stderr(), "error: {}", error_message(&error));
            ExitCode::from(exit_code(&error))
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<()> {
    let clock = clock_from_env()?;
    let data = cli.data.unwrap_or_else(default_data_path);
    // As every `confdesk` run: temp files of saves a killed process left.
    confdesk::app::temp_registry::remove_leftover_temps(&data);
    let ctx = Ctx { data, clock };
    let output = match cli.command {
        BenchCommand::Replay(a) => replay(&ctx, &a)?,
        BenchCommand::Startup(a) => startup(&ctx, a.loading_repaint_ms)?,
    };
    let text = if cli.json {
        serde_json::to_string_pretty(&output.json)?
    } else {
        output.human.trim_end().to_string()
    };
    let mut out = std::io::stdout().lock();
    match writeln!(out, "{text}").and_then(|()| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => Ok(other?),
    }
}

/// Resident memory of this process, in kB: (now, peak), from /proc.
fn memory_kb() -> (Option<u64>, Option<u64>) {
    let Ok(status) = std::fs::read_to_string("/proc/self/status") else {
        return (None, None);
    };
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
    };
    (field("VmRSS:"), field("VmHWM:"))
}

fn replay(ctx: &Ctx, args: &ReplayArgs) -> Result<Output, AppError> {
    let read_only = args.read_only;
    let mode = if read_only {
        OpenMode::ReadOnly
    } else {
        OpenMode::ReadWrite
    };
    let (rss_before, _) = memory_kb();
    let started = Instant::now();
    let (desk, open, replay) = if read_only || args.sequential {
        let log = RedbLog::open(&ctx.data, mode)?;
        let open = started.elapsed();
        let replay_started = Instant::now();
        let desk = Desk::open(
            Box::new(log),
            ctx.clock.clone(),
            Settings::default(),
            &mut |_, _| {},
        )?;
        (desk, Some(open), replay_started.elapsed())
    } else {
        // What the window does: the writable open's integrity check runs
        // while a read-only handle replays (src/app/opening.rs).
        let desk = Desk::open_path_with_progress(
            &ctx.data,
            mode,
            ctx.clock.clone(),
            Settings::default(),
            &mut |_, _| {},
        )?;
        (desk, None, started.elapsed())
    };
    let total = started.elapsed();
    let (rss, peak) = memory_kb();
    let events = desk.stats().events;

    // Baseline: the same scan and decoding, nothing applied.
    let decode_started = Instant::now();
    let mut decoded = 0_u64;
    desk.log().read_all_from(1, &mut |rec| {
        let event = decode_event(&rec.event_type, rec.schema_version, &rec.payload)
            .map_err(|e| undecodable(&ctx.data, rec.position, &e))?;
        black_box(event);
        decoded += 1;
        Ok(())
    })?;
    let decode = decode_started.elapsed();

    // Sizes (not timed): what the events weigh before redb stores them.
    let (mut payload_bytes, mut envelope_bytes) = (0_u64, 0_u64);
    desk.log().read_all_from(1, &mut |rec| {
        payload_bytes += rec.payload.len() as u64;
        envelope_bytes += store::encode(&rec).map_or(0, |b| b.len() as u64);
        Ok(())
    })?;
    let file_bytes = std::fs::metadata(&ctx.data).map_or(0, |m| m.len());
    let per_event = |bytes: u64| bytes as f64 / events.max(1) as f64;
    let ratio = replay.as_secs_f64() / decode.as_secs_f64().max(1e-9);
    let mb = |kb: Option<u64>| kb.map_or(f64::NAN, |kb| kb as f64 / 1024.0);
    let human = format!(
        "log: {} ({} mode)\n\
         events: {events}\n\
         open: {}\n\
         replay (decode + apply to every model{}): {:.3} s, {:.0} events/s\n\
         baseline decode only: {:.3} s ({decoded} events)\n\
         ratio replay / decode: {ratio:.2}x\n\
         open + replay: {:.3} s\n\
         RSS after replay: {:.1} MB (peak {:.1} MB; {:.1} MB before opening)\n\
         file: {file_bytes} bytes = {:.0} bytes/event\n\
         encoded envelope: {:.0} bytes/event (payload alone {:.0}); file / envelope = {:.2}x\n",
        ctx.data.display(),
        if read_only { "read-only" } else { "read-write" },
        open.map_or("overlapped with the replay".to_string(), |d| format!(
            "{:.3} s",
            d.as_secs_f64()
        )),
        if open.is_some() {
            ""
        } else {
            ", overlapped with the open"
        },
        replay.as_secs_f64(),
        events as f64 / replay.as_secs_f64().max(1e-9),
        decode.as_secs_f64(),
        total.as_secs_f64(),
        mb(rss),
        mb(peak),
        mb(rss_before),
        per_event(file_bytes),
        per_event(envelope_bytes),
        per_event(payload_bytes),
        file_bytes as f64 / envelope_bytes.max(1) as f64,
    );
    let json = json!({
        "path": ctx.data.display().to_string(),
        "read_only": read_only,
        "events": events,
        "open_secs": open.map(|d| d.as_secs_f64()),
        "replay_secs": replay.as_secs_f64(),
        "open_and_replay_secs": total.as_secs_f64(),
        "decode_secs": decode.as_secs_f64(),
        "replay_over_decode": ratio,
        "rss_kb": rss,
        "peak_rss_kb": peak,
        "rss_before_kb": rss_before,
        "file_bytes": file_bytes,
        "envelope_bytes": envelope_bytes,
        "payload_bytes": payload_bytes,
    });
    Ok(Output::new(human, json))
}

fn undecodable(path: &Path, position: u64, error: &dyn std::error::Error) -> StoreError {
    StoreError::Corrupt {
        path: path.to_path_buf(),
        detail: format!("the event at position {position} does not decode: {error}"),
    }
}

/// When the frames of `startup` were drawn, since start-up.
#[derive(Debug, Default, Clone, Copy)]
struct Frames {
    first: Option<Duration>,
    loaded: Option<Duration>,
    loaded_shown: Option<Duration>,
}

/// The window, closing itself once a frame with the log loaded was shown.
struct FirstLoadedFrame {
    app: MainWindow,
    started: Instant,
    frames: Arc<Mutex<Frames>>,
    /// Throttle of the loading screen (zero: none).
    loading_repaint: Duration,
    last_drawn: Option<Instant>,
}

impl eframe::App for FirstLoadedFrame {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let now = self.started.elapsed();
        let mut frames = self.frames.lock().unwrap_or_else(PoisonError::into_inner);
        if frames.loaded.is_some() {
            // The loaded frame was painted and swapped before this one began.
            frames.loaded_shown.get_or_insert(now);
            ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
            return;
        }
        let throttled = !self.loading_repaint.is_zero()
            && self.app.desk().is_none()
            && self
                .last_drawn
                .is_some_and(|at| at.elapsed() < self.loading_repaint);
        if throttled {
            ui.ctx().request_repaint_after(self.loading_repaint);
            return;
        }
        self.last_drawn = Some(Instant::now());
        self.app.ui(ui);
        let now = self.started.elapsed();
        frames.first.get_or_insert(now);
        // While loading, the window repaints as often as it asks itself to
        // (10 Hz); once loaded, one more frame tells it was shown.
        if self.app.desk().is_some() {
            frames.loaded = Some(now);
            ui.ctx().request_repaint();
        }
    }
}

fn startup(ctx: &Ctx, loading_repaint_ms: u64) -> anyhow::Result<Output> {
    let started = Instant::now();
    let frames = Arc::new(Mutex::new(Frames::default()));
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_inner_size([1100.0, 720.0])
            .with_title("confdesk"),
        ..Default::default()
    };
    let (path, clock): (PathBuf, Arc<dyn Clock>) = (ctx.data.clone(), ctx.clock.clone());
    let shared = Arc::clone(&frames);
    eframe::run_native(
        "confdesk",
        options,
        Box::new(move |cc| {
            confdesk::ui::fonts::install(&cc.egui_ctx);
            Ok(Box::new(FirstLoadedFrame {
                app: MainWindow::loading(path, clock),
                started,
                frames: shared,
                loading_repaint: Duration::from_millis(loading_repaint_ms),
                last_drawn: None,
            }))
        }),
    )
    .map_err(|e| anyhow::anyhow!("could not open the window: {e}"))?;
    let frames = *frames.lock().unwrap_or_else(PoisonError::into_inner);
    let secs = |d: Option<Duration>| d.map(|d| d.as_secs_f64());
    let text =
        |d: Option<Duration>| d.map_or("never".to_owned(), |d| format!("{:.3} s", d.as_secs_f64()));
    let human = format!(
        "log: {}\nfirst frame drawn: {}\nfirst frame with the log loaded: drawn {}, shown {}\n",
        ctx.data.display(),
        text(frames.first),
        text(frames.loaded),
        text(frames.loaded_shown),
    );
    let json = json!({
        "path": ctx.data.display().to_string(),
        "first_frame_secs": secs(frames.first),
        "loaded_frame_drawn_secs": secs(frames.loaded),
        "loaded_frame_shown_secs": secs(frames.loaded_shown),
    });
    Ok(Output::new(human, json))
}

#[cfg(test)]
mod tests {
    use super::*;
    use confdesk::app::ManualClock;
    use confdesk::app::demo::DemoOptions;

    /// A small demo log (as `confdesk demo` writes) and its event count.
    fn demo_log(dir: &Path) -> (Ctx, u64) {
        let data = dir.join("confdesk.redb");
        let at = chrono::DateTime::parse_from_rfc3339("2026-06-01T09:00:00Z").unwrap();
        let clock: Arc<dyn Clock> = Arc::new(ManualClock::new(at.to_utc()));
        let mut desk =
            Desk::open_path(&data, OpenMode::Create, clock.clone(), Settings::default()).unwrap();
        let options = DemoOptions {
            conferences: 2,
            orders: 20,
            seed: 1,
        };
        desk.fill_demo(options).unwrap();
        let events = desk.stats().events;
        (Ctx { data, clock }, events)
    }

    #[test]
    fn replay_measures_every_event_in_each_mode() {
        let dir = tempfile::tempdir().unwrap();
        let (ctx, events) = demo_log(dir.path());
        assert!(events > 20, "the demo log has {events} events");
        for (read_only, sequential) in [(false, false), (false, true), (true, false)] {
            let args = ReplayArgs {
                read_only,
                sequential,
            };
            let out = replay(&ctx, &args).unwrap();
            let mode = format!("read_only {read_only}, sequential {sequential}");
            assert_eq!(out.json["events"], events, "{mode}");
            assert_eq!(out.json["read_only"], read_only, "{mode}");
            // Opened apart from the replay exactly when asked to.
            let timed_open = out.json["open_secs"].is_number();
            assert_eq!(timed_open, read_only || sequential, "{mode}");
            assert!(out.json["file_bytes"].as_u64().unwrap() > 0, "{mode}");
            assert!(
                out.json["envelope_bytes"].as_u64() > out.json["payload_bytes"].as_u64(),
                "{mode}"
            );
            assert!(out.human.contains("baseline decode only: "), "{mode}");
            assert!(
                out.human.contains(&format!("({events} events)")),
                "{}",
                out.human
            );
        }
    }

    #[test]
    fn replay_of_a_missing_log_says_so() {
        let dir = tempfile::tempdir().unwrap();
        let (mut ctx, _) = demo_log(dir.path());
        ctx.data = dir.path().join("missing.redb");
        let args = ReplayArgs {
            read_only: false,
            sequential: false,
        };
        let Err(e) = replay(&ctx, &args) else {
            panic!("a missing log replayed");
        };
        assert_eq!(exit_code(&anyhow::Error::new(e)), 3);
        assert!(!ctx.data.exists(), "the bench created a log");
    }
}
