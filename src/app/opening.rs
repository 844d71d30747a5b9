//! Opening a log file for a desk, with the replay overlapped with redb's
//! integrity check.
//!
//! A writable open verifies every page of the file (see
//! `store::redb_log::open`): about 0.45 s per million events, which used to
//! run before the replay could start. For an existing log that was closed
//! cleanly, the replay now reads through a read-only handle on this thread
//! while the writable open checks the file on another. The replayed models
//! are kept only if the check passes and the checked log ends where the
//! replay ended; otherwise the replay is done again from the checked handle
//! (or the open's refusal is returned), so a damaged file is never trusted.

use crate::app::{AppError, Clock, Desk, LogLocation, Settings};
use crate::store::{EventStore, OpenMode, RedbLog};
use std::panic::{AssertUnwindSafe, catch_unwind, resume_unwind};
use std::path::Path;
use std::sync::Arc;

impl Desk {
    /// Opens the log at `location` — a file, or a shared PostgreSQL log —
    /// and replays it, calling `progress(done, total)` now and then.
    /// Nothing is written: call [`Desk::tick`] to fire expiries that came
    /// due while it was closed. A shared log's desk keeps its wrong-code
    /// counts in its own folder ([`LogLocation::local_dir`]).
    pub fn open_at(
        location: &LogLocation,
        mode: OpenMode,
        clock: Arc<dyn Clock>,
        settings: Settings,
        progress: &mut dyn FnMut(u64, u64),
    ) -> Result<Self, AppError> {
        match location {
            LogLocation::File(path) => {
                Self::open_path_with_progress(path, mode, clock, settings, progress)
            }
            LogLocation::Shared(_) => {
                let log = location.open_store(mode)?;
                let folder = location.local_dir();
                std::fs::create_dir_all(&folder).map_err(|e| AppError::Io {
                    path: folder.clone(),
                    detail: e.to_string(),
                })?;
                let desk = Desk::open(log, clock, settings, progress)?;
                Ok(desk.with_access_file(location.access_file()))
            }
        }
    }

    /// Opens the redb log at `path` and replays it, calling
    /// `progress(done, total)` now and then. Nothing is written: call
    /// [`Desk::tick`] to fire expiries that came due while it was closed.
    pub fn open_path_with_progress(
        path: &Path,
        mode: OpenMode,
        clock: Arc<dyn Clock>,
        settings: Settings,
        progress: &mut dyn FnMut(u64, u64),
    ) -> Result<Self, AppError> {
        let access_file = crate::app::auth::access_file_for(path);
        // A read-only open succeeds only on an existing, cleanly closed log
        // of ours; anything else takes the ordinary path, whose open decides.
        // (It must not repair a crashed log itself: the writable open does
        // that, once.)
        let reader = match mode {
            OpenMode::ReadWrite | OpenMode::Create => RedbLog::open_if_clean(path).ok(),
            OpenMode::ReadOnly => None,
        };
        let desk = match reader {
            Some(reader) => overlapped(path, mode, reader, clock, settings, progress)?,
            None => {
                let log = RedbLog::open(path, mode)?;
                Desk::open(Box::new(log), clock, settings, progress)?
            }
        };
        Ok(desk.with_access_file(access_file).protecting(path))
    }
}

/// Replays from `reader` while the writable open of `path` in `mode` runs
/// its check.
fn overlapped(
    path: &Path,
    mode: OpenMode,
    reader: RedbLog,
    clock: Arc<dyn Clock>,
    settings: Settings,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<Desk, AppError> {
    let (writer, replayed) = std::thread::scope(|scope| {
        let writer = scope.spawn(|| RedbLog::open(path, mode));
        // A damaged page may make redb panic while reading; the check on the
        // other thread is what reports the damage, so the panic is only a
        // reason to discard this replay.
        let replayed = catch_unwind(AssertUnwindSafe(|| {
            Desk::open(Box::new(reader), clock.clone(), settings, progress)
        }));
        (writer.join(), replayed)
    });
    let writer = match writer {
        Ok(opened) => opened?,
        Err(panic) => resume_unwind(panic),
    };
    match replayed {
        Ok(Ok(mut desk)) if writer.last_position()? == desk.stats().events => {
            desk.journal_mut().continue_on(Arc::new(writer));
            Ok(desk)
        }
        // Another process appended between the two opens, or the reader
        // failed: replay from the checked handle, which reports any error.
        _ => Desk::open(Box::new(writer), clock, settings, progress),
    }
}
