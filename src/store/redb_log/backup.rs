//! The copy of a log taken around a writable open, so that a refused file
//! can be put back byte for byte (see `open.rs` for when it is taken).
//!
//! The copy, `<log>.pre-repair`, is a sidecar the store writes, so it is
//! held to the same rules as the log: created new and private (0600),
//! never written over or through something already there (a copy kept by
//! an earlier failed repair may be the only good one; a symbolic link could
//! point anywhere), and only taken when the file system has room for all of
//! it. A copy that fails midway (the disk filled meanwhile) is removed.
//!
//! Two read-only commands started together after a crash both find the log
//! in need of a repair, and both copy it before redb's lock decides which
//! repairs. So the copy is locked (`flock`) from before it appears under its
//! name (made under a name of this process, locked, then hard-linked into
//! place) until it is removed or put back: a process that finds a locked
//! copy waits for that repair to end and starts its open again, while an
//! unlocked one is a leftover of a repair that did not finish.

use std::fs::{self, File, TryLockError};
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use redb::RepairSession;

use super::files;
use super::open::sidecar;
use crate::domain::Message;
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
    /// The copy, open and locked while it exists (see the module doc).
    held: Arc<Mutex<Option<File>>>,
    /// Why the callback could not take the copy (it then aborted the repair).
    failure: Arc<Mutex<Option<StoreError>>>,
}

impl Backup {
    /// A copy of `original` (the log's real file, symbolic links resolved,
    /// so that a restore replaces the file and not a link to it), kept as
    /// `<original>.pre-repair`.
    pub(super) fn new(original: &Path, only_for_repair: bool) -> Backup {
        Backup {
            original: original.to_path_buf(),
            copy: sidecar(original, "pre-repair"),
            only_for_repair,
            taken: Arc::new(AtomicBool::new(false)),
            held: Arc::new(Mutex::new(None)),
            failure: Arc::new(Mutex::new(None)),
        }
    }

    /// Copies the file now, before redb touches it. `Ok(false)` when
    /// another process was repairing the log and has finished meanwhile:
    /// nothing was copied, and the open should start again.
    pub(super) fn take_now(&self) -> Result<bool, StoreError> {
        let Some(copy) = copy_aside(&self.original, &self.copy)? else {
            return Ok(false);
        };
        *lock(&self.held) = Some(copy);
        self.taken.store(true, Ordering::SeqCst);
        Ok(true)
    }

    /// redb's repair callback: copies the file the first time it is called
    /// (or, for a cleanly closed file, when a repair starts); aborts the
    /// repair if the copy cannot be made.
    pub(super) fn callback(&self) -> impl Fn(&mut RepairSession) + 'static {
        let (original, copy) = (self.original.clone(), self.copy.clone());
        let (taken, failure) = (Arc::clone(&self.taken), Arc::clone(&self.failure));
        let held = Arc::clone(&self.held);
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
            match copy_aside(&original, &copy) {
                Ok(Some(file)) => {
                    *lock(&held) = Some(file);
                    taken.store(true, Ordering::SeqCst);
                }
                // Another process repaired it while this one held redb's
                // lock: cannot happen, but refusing is the safe answer.
                Ok(None) => {
                    *lock(&failure) = Some(StoreError::InUse {
                        path: original.clone(),
                        pid: None,
                    });
                    session.abort();
                }
                Err(e) => {
                    *lock(&failure) = Some(e);
                    session.abort();
                }
            }
        }
    }

    /// After a failed open: puts the copy back over the file, then returns
    /// the error to report.
    pub(super) fn restore(&self, error: StoreError) -> StoreError {
        let failure = lock(&self.failure).take();
        if let Some(failure) = failure {
            // The repair was aborted before redb wrote anything.
            return failure;
        }
        if !self.taken.load(Ordering::SeqCst) {
            return error;
        }
        let restored = fs::rename(&self.copy, &self.original);
        // Unlocked only once the copy is gone from its name.
        drop(lock(&self.held).take());
        match restored {
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
            drop(lock(&self.held).take());
        }
    }
}

fn lock<T>(slot: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    slot.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Copies `original` to the new private file `copy`, synced to disk before
/// redb may change the original, and returns it open and locked. Refuses,
/// writing nothing, when a leftover is at `copy` or its file system lacks
/// the room; removes a copy that failed midway. `Ok(None)` after waiting for
/// another process's repair, whose copy this is, to end.
fn copy_aside(original: &Path, copy: &Path) -> Result<Option<File>, StoreError> {
    if existing_in_progress(copy)? {
        return Ok(None);
    }
    let needed = fs::metadata(original)
        .map_err(|e| StoreError::Io {
            path: original.to_path_buf(),
            source: e,
        })?
        .len();
    let folder = copy
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    if let Some(free) = files::free_space(folder) {
        files::check_space(original, needed, free)?;
    }
    let failed = |e: io::Error, what: &str| StoreError::Storage {
        path: original.to_path_buf(),
        detail: format!(
            "it needs a repair, and copying it to {} before the repair failed ({e}); {what}",
            copy.display()
        ),
    };
    let mut target = match create_locked(copy) {
        Ok(file) => file,
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
            return existing_in_progress(copy)?
                .then_some(None)
                .ok_or_else(|| failed(e, "nothing was written"));
        }
        Err(e) => return Err(failed(e, "nothing was written")),
    };
    let copied = File::open(original)
        .and_then(|mut source| io::copy(&mut source, &mut target))
        .and_then(|_| target.flush())
        .and_then(|()| target.sync_all());
    if let Err(e) = copied {
        let removed = fs::remove_file(copy);
        drop(target);
        return match removed {
            Ok(()) => Err(failed(
                e,
                "the partial copy was removed; the log is unchanged",
            )),
            Err(_) => Err(failed(
                e,
                "the partial copy could not be removed; delete it; the log is unchanged",
            )),
        };
    }
    Ok(Some(target))
}

/// Creates `copy` empty, private and already locked when it appears under
/// its name: made under a name of this process, locked, hard-linked into
/// place (which fails if anything is there, a link included). Where hard
/// links are not supported, it is created in place and then locked.
fn create_locked(copy: &Path) -> io::Result<File> {
    let own = sidecar(copy, &format!("{}.tmp", std::process::id()));
    // A leftover of this pid's own earlier attempt holds nothing.
    let _ = fs::remove_file(&own);
    let file = files::create_private(&own)?;
    file.lock()?;
    let linked = fs::hard_link(&own, copy);
    let _ = fs::remove_file(&own);
    match linked {
        Ok(()) => Ok(file),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Err(e),
        Err(_) => {
            drop(file);
            let file = files::create_private(copy)?;
            file.lock()?;
            Ok(file)
        }
    }
}

/// Whether something at `copy` is another live process's copy: if so,
/// waits until that process has finished with it and returns `true`;
/// `false` when nothing is there; [`StoreError::SidecarInTheWay`] for
/// anything else (a leftover copy, a link, a pipe).
fn existing_in_progress(copy: &Path) -> Result<bool, StoreError> {
    let Ok(meta) = fs::symlink_metadata(copy) else {
        return Ok(false);
    };
    if files::kind_of(&meta).is_none()
        && let Ok(file) = File::open(copy)
        && matches!(file.try_lock_shared(), Err(TryLockError::WouldBlock))
    {
        // Blocks until the other process removes or restores its copy.
        let _ = file.lock_shared();
        return Ok(true);
    }
    refuse_existing(copy).map(|()| false)
}

/// [`StoreError::SidecarInTheWay`] when anything is at `copy` (a symbolic
/// link is not followed).
fn refuse_existing(copy: &Path) -> Result<(), StoreError> {
    let Ok(meta) = fs::symlink_metadata(copy) else {
        return Ok(());
    };
    let (kind, advice) = match files::kind_of(&meta) {
        None => (
            Message::new("a file (a copy of the log from an earlier repair that did not finish)"),
            Message::new("keep it until the log opens, or move it away, then try again"),
        ),
        Some(kind) => (kind.message(), Message::new("move it away, then try again")),
    };
    Err(StoreError::SidecarInTheWay {
        path: copy.to_path_buf(),
        kind,
        advice,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn the_copy_is_private_and_never_goes_through_a_link() {
        use std::os::unix::fs::PermissionsExt as _;
        let dir = tempfile::tempdir().unwrap();
        let log = dir.path().join("a.redb");
        fs::write(&log, b"the log").unwrap();
        let copy = sidecar(&log, "pre-repair");
        // Dropping the handle unlocks it: it is now a leftover.
        drop(copy_aside(&log, &copy).unwrap().unwrap());
        assert_eq!(fs::read(&copy).unwrap(), b"the log");
        let mode = fs::metadata(&copy).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);

        // A leftover copy is kept, not written over.
        fs::write(&log, b"changed").unwrap();
        let error = copy_aside(&log, &copy).unwrap_err();
        assert!(error.to_string().contains("earlier repair"), "{error}");
        assert_eq!(fs::read(&copy).unwrap(), b"the log");

        // A link, even a dangling one, is refused and its target untouched.
        fs::remove_file(&copy).unwrap();
        let elsewhere = dir.path().join("elsewhere");
        fs::write(&elsewhere, b"precious").unwrap();
        std::os::unix::fs::symlink(&elsewhere, &copy).unwrap();
        let error = copy_aside(&log, &copy).unwrap_err();
        assert!(error.to_string().contains("a symbolic link"), "{error}");
        assert_eq!(fs::read(&elsewhere).unwrap(), b"precious");
        fs::remove_file(&copy).unwrap();
        std::os::unix::fs::symlink(dir.path().join("nowhere"), &copy).unwrap();
        assert!(copy_aside(&log, &copy).is_err());
        assert!(!dir.path().join("nowhere").exists());
        let own = sidecar(&copy, &format!("{}.tmp", std::process::id()));
        assert!(!own.exists(), "the name the copy was made under is gone");
    }

    #[test]
    fn a_copy_another_repair_holds_is_waited_for_not_refused() {
        let dir = tempfile::tempdir().unwrap();
        let log = dir.path().join("a.redb");
        fs::write(&log, b"the log").unwrap();
        let copy = sidecar(&log, "pre-repair");
        let held = copy_aside(&log, &copy).unwrap().unwrap();
        let waiter = {
            let (log, copy) = (log.clone(), copy.clone());
            std::thread::spawn(move || copy_aside(&log, &copy).map(|c| c.is_some()))
        };
        std::thread::sleep(std::time::Duration::from_millis(200));
        assert!(!waiter.is_finished(), "it did not wait for the repair");
        // The repair ends as `discard` ends it: the copy goes, then its lock.
        fs::remove_file(&copy).unwrap();
        drop(held);
        assert!(
            !waiter.join().unwrap().unwrap(),
            "it copied instead of waiting"
        );
        assert!(!copy.exists());
    }
}
