//! `confdesk bench …`: the whole-process figures of BENCHMARKS.md that the
//! criterion benches under `benches/` cannot give, because they need a fresh
//! process: opening and replaying a log at start-up with the resident memory
//! it leaves, the log's size on disk per event, and the time from start-up
//! to the first window frame drawn with the log loaded.
//!
//! Each figure is printed beside its baseline, measured in the same run.

use super::Ctx;
use super::output::Output;
use crate::app::event_codec::decode_event;
use crate::app::{Clock, Desk, Settings};
use crate::store::{self, OpenMode, RedbLog, StoreError};
use crate::ui::DeskApp;
use clap::{Args, Subcommand};
use eframe::egui;
use serde_json::json;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

/// What to measure.
#[derive(Debug, Subcommand)]
pub enum BenchCommand {
    /// Open the log (--data) as the window does and replay it into every
    /// read model; then decode it again without applying the events (the
    /// baseline). Prints times, events/s, resident memory and bytes/event.
    Replay(ReplayArgs),
    /// Open the window on the log (--data) and close it after the first
    /// frame drawn with the log loaded; prints the time since start-up.
    Startup(StartupArgs),
}

/// `bench startup`.
#[derive(Debug, Args)]
pub struct StartupArgs {
    /// While the log loads, draw the window at most every this many
    /// milliseconds instead of as often as the window asks (0: as asked).
    /// Shows what the loading screen's repaints cost where frames are
    /// rendered on the CPU (no GPU).
    #[arg(long, default_value_t = 0)]
    pub loading_repaint_ms: u64,
}

/// `bench replay`.
#[derive(Debug, Args)]
pub struct ReplayArgs {
    /// Open the log read-only (as the CLI's read commands do) instead of
    /// read-write (as the window does).
    #[arg(long)]
    pub read_only: bool,
    /// Read-write only: open (with the integrity check) and then replay, one
    /// after the other, timing each, instead of overlapping them as the
    /// window does.
    #[arg(long, conflicts_with = "read_only")]
    pub sequential: bool,
}

/// Runs one `bench` command.
pub(super) fn bench(ctx: &Ctx, command: BenchCommand) -> anyhow::Result<Output> {
    match command {
        BenchCommand::Replay(a) => Ok(replay(ctx, &a)?),
        BenchCommand::Startup(a) => startup(ctx, a.loading_repaint_ms),
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

fn replay(ctx: &Ctx, args: &ReplayArgs) -> Result<Output, crate::app::AppError> {
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

/// When the frames of `bench startup` were drawn, since start-up.
#[derive(Debug, Default, Clone, Copy)]
struct Frames {
    first: Option<Duration>,
    loaded: Option<Duration>,
    loaded_shown: Option<Duration>,
}

/// The window, closing itself once a frame with the log loaded was shown.
struct FirstLoadedFrame {
    app: DeskApp,
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
            crate::ui::fonts::install(&cc.egui_ctx);
            Ok(Box::new(FirstLoadedFrame {
                app: DeskApp::loading(path, clock),
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
