//! The copy of a log taken around a writable open, so that a refused file
//! can be put back byte for byte (see `open.rs` for when it is taken).

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, OnceLock};

use redb::RepairSession;

use super::open::sidecar;
use crate::store::StoreError;

/// The repair callback's progress when redb starts repairing a damaged
/// primary commit slot (redb 4: 0.0 at the start of every check, 0.3 only
/// then, 0.6 and 0.9 on every check).
const REPAIR_PROGRESS: f64 = 0.3;

/// The copy of the file taken around a writable open.
pub(super) struct Backup {
    original: PathBuf,
    copy: PathBuf,
    /// Copy only when redb starts a repair (the file was closed cleanly).
    only_for_repair: bool,
    taken: Arc<AtomicBool>,
    failure: Arc<OnceLock<String>>,
}

impl Backup {
    pub(super) fn new(original: &Path, only_for_repair: bool) -> Backup {
        Backup {
            original: original.to_path_buf(),
            copy: sidecar(original, "pre-repair"),
            only_for_repair,
            taken: Arc::new(AtomicBool::new(false)),
            failure: Arc::new(OnceLock::new()),
        }
    }

    /// Copies the file now, before redb touches it.
    pub(super) fn take_now(&self) -> Result<(), StoreError> {
        fs::copy(&self.original, &self.copy).map_err(|e| StoreError::Storage {
            path: self.original.clone(),
            detail: format!(
                "could not copy it to {} before opening it: {e}",
                self.copy.display()
            ),
        })?;
        self.taken.store(true, Ordering::SeqCst);
        Ok(())
    }

    /// redb's repair callback: copies the file the first time it is called
    /// (or, for a cleanly closed file, when a repair starts); aborts the
    /// repair if the copy cannot be made.
    pub(super) fn callback(&self) -> impl Fn(&mut RepairSession) + 'static {
        let (original, copy) = (self.original.clone(), self.copy.clone());
        let (taken, failure) = (Arc::clone(&self.taken), Arc::clone(&self.failure));
        let only_for_repair = self.only_for_repair;
        move |session: &mut RepairSession| {
            if taken.load(Ordering::SeqCst) {
                return;
            }
            // The check of a clean file announces a repair at 0.3 and
            // writes nothing before; other calls need no copy.
            if only_for_repair && (session.progress() - REPAIR_PROGRESS).abs() > 0.05 {
                return;
            }
            match fs::copy(&original, &copy) {
                Ok(_) => taken.store(true, Ordering::SeqCst),
                Err(e) => {
                    let _ = failure.set(e.to_string());
                    session.abort();
                }
            }
        }
    }

    /// After a failed open: puts the copy back over the file, then returns
    /// the error to report.
    pub(super) fn restore(&self, error: StoreError) -> StoreError {
        if let Some(reason) = self.failure.get() {
            return StoreError::Storage {
                path: self.original.clone(),
                detail: format!(
                    "it could not be copied to {} before redb checked it ({reason}); it was left unchanged",
                    self.copy.display()
                ),
            };
        }
        if !self.taken.load(Ordering::SeqCst) {
            return error;
        }
        match fs::rename(&self.copy, &self.original) {
            Ok(()) => error,
            Err(e) => StoreError::Storage {
                path: self.original.clone(),
                detail: format!(
                    "{error}; putting back the copy taken before opening it failed ({e}); the copy is kept at {}",
                    self.copy.display()
                ),
            },
        }
    }

    /// After a successful open, or one refused because the log is in use.
    pub(super) fn discard(&self) {
        if self.taken.load(Ordering::SeqCst) {
            // A leftover copy wastes space but harms nothing.
            let _ = fs::remove_file(&self.copy);
        }
    }
}
