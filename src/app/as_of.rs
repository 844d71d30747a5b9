//! "As of…": the read models as they were at a past instant, for the
//! organizer's past view of the Seat types, Orders and Attendees tabs (and
//! the Dashboard, which lives in the same [`ReadModels`]).
//!
//! **The cut.** The past view at instant `t` is the replay of the longest
//! prefix of the log, by position, whose events were all recorded at or
//! before `t`: the scan stops at the first event recorded after `t`, even if
//! a later one (a clock set back) was recorded before `t` again. So the view
//! is always the state the desk really had after some commit — never a mix
//! of later events with earlier ones missing — and it equals a normal replay
//! of a log holding only that prefix.
//!
//! **Off the UI thread.** [`AsOfJob::spawn`] replays on a thread of its own
//! from a shared handle on the log ([`Desk::log_handle`]). The store reads
//! the whole scan in one read transaction, a snapshot that later appends by
//! the desk do not disturb. Progress (events scanned / events in the log)
//! and cancellation go through an [`AsOfProgress`] both sides hold.

use crate::app::DayZone;
use crate::app::event_codec::decode_event;
use crate::app::projections::{EventMeta, ReadModels};
use crate::app::{AppError, Desk};
use crate::domain::Message;
use crate::store::{EventStore, StoreError};
use chrono::{DateTime, Utc};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::thread::JoinHandle;

/// Progress and cancellation shared between a replay and whoever watches it.
#[derive(Debug, Default)]
pub struct AsOfProgress {
    done: AtomicU64,
    total: AtomicU64,
    cancelled: AtomicBool,
}

impl AsOfProgress {
    /// Events scanned so far.
    pub fn done(&self) -> u64 {
        self.done.load(Ordering::Relaxed)
    }

    /// Events in the log when the replay started (0 until it knows).
    pub fn total(&self) -> u64 {
        self.total.load(Ordering::Relaxed)
    }

    /// `done / total`, between 0 and 1, for a progress bar.
    pub fn fraction(&self) -> f32 {
        let (done, total) = (self.done(), self.total());
        if total == 0 {
            return 0.0;
        }
        done.min(total) as f32 / total as f32
    }

    /// Asks the replay to stop; it gives up at its next event.
    pub fn cancel(&self) {
        self.cancelled.store(true, Ordering::Relaxed);
    }

    /// Whether [`AsOfProgress::cancel`] was called.
    pub fn is_cancelled(&self) -> bool {
        self.cancelled.load(Ordering::Relaxed)
    }
}

/// The read models as of an instant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AsOf {
    /// The instant asked for.
    pub instant: DateTime<Utc>,
    /// Position of the last event included (0: none).
    pub cut: u64,
    /// When that last event was recorded, if any.
    pub last_recorded_at: Option<DateTime<Utc>>,
    /// The read models after replaying positions `1..=cut`.
    pub read: ReadModels,
}

/// Replays `log` up to the cut for `instant` (see the module doc). Returns
/// `Ok(None)` if `progress` was cancelled first.
pub fn replay_as_of(
    log: &dyn EventStore,
    instant: DateTime<Utc>,
    zone: DayZone,
    progress: &AsOfProgress,
) -> Result<Option<AsOf>, AppError> {
    progress
        .total
        .store(log.last_position()?, Ordering::Relaxed);
    let mut out = AsOf {
        instant,
        cut: 0,
        last_recorded_at: None,
        read: ReadModels::new(zone),
    };
    // Why the scan was stopped from inside, told apart from a store error.
    enum Stop {
        Cut,
        Cancelled,
        Undecodable(AppError),
    }
    let mut stop: Option<Stop> = None;
    let halt = || StoreError::Corrupt {
        path: Default::default(),
        detail: "the past view's replay stopped".into(),
    };
    let scan = log.read_all_from(1, &mut |rec| {
        if progress.is_cancelled() {
            stop = Some(Stop::Cancelled);
            return Err(halt());
        }
        if rec.recorded_at > instant {
            stop = Some(Stop::Cut);
            return Err(halt());
        }
        let event =
            decode_event(&rec.event_type, rec.schema_version, &rec.payload).map_err(|source| {
                stop = Some(Stop::Undecodable(AppError::Decode {
                    position: rec.position,
                    source,
                }));
                halt()
            })?;
        let meta = EventMeta {
            position: rec.position,
            recorded_at: rec.recorded_at,
        };
        out.read.apply(&event, meta);
        out.cut = rec.position;
        out.last_recorded_at = Some(rec.recorded_at);
        progress.done.store(rec.position, Ordering::Relaxed);
        Ok(())
    });
    match stop {
        Some(Stop::Cancelled) => return Ok(None),
        Some(Stop::Undecodable(e)) => return Err(e),
        Some(Stop::Cut) => {}
        None => scan?,
    }
    progress
        .done
        .store(progress.total().max(out.cut), Ordering::Relaxed);
    Ok(Some(out))
}

/// A past-view replay running on its own thread. Dropping it cancels it.
#[derive(Debug)]
pub struct AsOfJob {
    instant: DateTime<Utc>,
    progress: Arc<AsOfProgress>,
    handle: Option<JoinHandle<Result<Option<AsOf>, AppError>>>,
}

impl AsOfJob {
    /// Starts replaying `log` as of `instant` on a new thread, the
    /// Dashboard's days in `zone`.
    pub fn spawn(
        log: Arc<dyn EventStore>,
        instant: DateTime<Utc>,
        zone: DayZone,
    ) -> Result<Self, AppError> {
        let progress = Arc::new(AsOfProgress::default());
        let shared = Arc::clone(&progress);
        let handle = std::thread::Builder::new()
            .name("confdesk-as-of".into())
            .spawn(move || replay_as_of(log.as_ref(), instant, zone, &shared))
            .map_err(|e| {
                AppError::Internal(
                    Message::new("could not start the past view: {detail}")
                        .text("detail", e.to_string()),
                )
            })?;
        Ok(Self {
            instant,
            progress,
            handle: Some(handle),
        })
    }

    /// The instant being replayed to.
    pub fn instant(&self) -> DateTime<Utc> {
        self.instant
    }

    /// Its progress.
    pub fn progress(&self) -> &AsOfProgress {
        &self.progress
    }

    /// Asks it to stop (see [`AsOfProgress::cancel`]).
    pub fn cancel(&self) {
        self.progress.cancel();
    }

    /// The outcome once the thread has finished (`None` while it runs, and
    /// after the outcome was taken). `Ok(None)`: it was cancelled.
    pub fn poll(&mut self) -> Option<Result<Option<AsOf>, AppError>> {
        if !self.handle.as_ref()?.is_finished() {
            return None;
        }
        self.handle.take().map(join)
    }

    /// Waits for the outcome (for tests and the CLI).
    pub fn wait(mut self) -> Result<Option<AsOf>, AppError> {
        self.handle.take().map_or(Ok(None), join)
    }
}

impl Drop for AsOfJob {
    fn drop(&mut self) {
        // The thread notices at its next event and lets go of the log.
        self.progress.cancel();
    }
}

fn join(handle: JoinHandle<Result<Option<AsOf>, AppError>>) -> Result<Option<AsOf>, AppError> {
    handle.join().unwrap_or_else(|_| {
        Err(AppError::Internal(Message::new(
            "the past view's replay failed",
        )))
    })
}

impl Desk {
    /// Starts building the read models as of `instant` in the background.
    pub fn as_of_job(&self, instant: DateTime<Utc>) -> Result<AsOfJob, AppError> {
        AsOfJob::spawn(self.log_handle(), instant, self.settings().day_zone)
    }
}
