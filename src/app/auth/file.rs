//! The access file `<log>.access.json` on disk: wrong-code counts shared by
//! every confdesk process on one log. Each change is a read → decide →
//! write under an exclusive `File::lock` on `<log>.access.json.lock`, so
//! parallel wrong tries are counted one after the other and never lost. A
//! try that changes nothing (the right code with no wrong tries before it,
//! any try while locked) is decided on a plain read, without the lock, so
//! a log on a read-only medium still opens with the right code.
//!
//! Why a separate lock file: the access file itself is replaced by a rename
//! (`write_atomically`: temp file + fsync + rename in the same folder), so a crash mid-write
//! leaves either the old or the new counts, never half a file that would
//! then read as garbage and keep codes refused until someone removes it. A
//! lock taken on the access file would be lost by the rename; the lock file
//! is never replaced, only created (0600) and locked.
//!
//! Fail closed: a file that is there but cannot be read, parsed or written
//! (a directory, a link, garbage, a full disk) refuses every code check
//! with [`AppError::AccessFile`], naming the file and what to do, instead
//! of silently never locking. A missing access file is the normal state of
//! a log nobody typed a wrong code for: no wrong tries yet.

use super::Saved;
use crate::app::AppError;
use crate::app::export::write_atomically;
use crate::domain::Message;
use std::fs::File;
use std::io::Read as _;
use std::path::{Path, PathBuf};

/// Larger than any honest access file (one entry is about 100 bytes):
/// refused rather than read into memory.
const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// The access file, locked for one read → decide → write.
pub(super) struct LockedFile {
    path: PathBuf,
    /// Held for the lifetime of this value; closing the file unlocks it.
    _lock: File,
}

fn refused(path: &Path, problem: Message) -> AppError {
    AppError::AccessFile {
        path: path.to_path_buf(),
        problem,
    }
}

/// `<access file>.lock`.
fn lock_path(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_os_string();
    name.push(".lock");
    PathBuf::from(name)
}

/// Refuses a path that exists but is not a regular file (a directory, a
/// symbolic link, a device): writing through it could reach another file.
fn refuse_non_regular(path: &Path) -> Result<bool, AppError> {
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_file() => Ok(true),
        Ok(m) if m.file_type().is_symlink() => Err(refused(
            path,
            Message::new("is a symbolic link, not a regular file"),
        )),
        Ok(_) => Err(refused(
            path,
            Message::new("is not a regular file (a directory?)"),
        )),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(refused(
            path,
            Message::new("is not readable ({detail})").text("detail", e),
        )),
    }
}

/// The counts in `path`; a missing file is "no wrong tries yet". Safe
/// without the lock too: the file is only ever replaced whole (rename), so
/// a reader sees the old counts or the new ones.
pub(super) fn read(path: &Path) -> Result<Saved, AppError> {
    if !refuse_non_regular(path)? {
        return Ok(Saved::default());
    }
    let file = File::open(path).map_err(|e| {
        refused(
            path,
            Message::new("is not readable ({detail})").text("detail", e),
        )
    })?;
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| {
            refused(
                path,
                Message::new("is not readable ({detail})").text("detail", e),
            )
        })?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(refused(
            path,
            Message::new("is not readable (larger than 16 MiB)"),
        ));
    }
    Saved::decode(&bytes).map_err(|e| {
        refused(
            path,
            Message::new("is not readable (not an access file: {detail})").text("detail", e),
        )
    })
}

impl LockedFile {
    /// Takes the exclusive lock that goes with `path` (blocking: holders
    /// keep it for one small read and write).
    pub(super) fn lock(path: &Path) -> Result<Self, AppError> {
        let lock = lock_path(path);
        refuse_non_regular(&lock)?;
        let file = crate::store::private_options()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&lock)
            .map_err(|e| {
                refused(
                    &lock,
                    Message::new("could not be opened ({detail})").text("detail", e),
                )
            })?;
        file.lock().map_err(|e| {
            refused(
                &lock,
                Message::new("could not be locked ({detail})").text("detail", e),
            )
        })?;
        Ok(Self {
            path: path.to_path_buf(),
            _lock: file,
        })
    }

    /// The counts as saved, read under the lock.
    pub(super) fn read(&self) -> Result<Saved, AppError> {
        read(&self.path)
    }

    /// Replaces the counts whole: a temp file (0600) synced, then renamed
    /// over the name ([`write_atomically`], as every sidecar is written).
    pub(super) fn write(&self, saved: &Saved) -> Result<(), AppError> {
        let path = &self.path;
        let bytes = serde_json::to_vec(saved).map_err(|e| {
            refused(
                path,
                Message::new("could not be written ({detail})").text("detail", e),
            )
        })?;
        write_atomically(path, &bytes).map_err(|e| {
            refused(
                path,
                Message::new("could not be written ({detail})").text("detail", e),
            )
        })
    }
}
