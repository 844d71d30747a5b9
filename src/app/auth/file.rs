//! The access file `<log>.access.json` on disk: wrong-code counts shared by
//! every confdesk process on one log. Each change is a read → decide →
//! write under an exclusive `File::lock` on `<log>.access.json.lock`, so
//! parallel wrong tries are counted one after the other and never lost. A
//! try that changes nothing (the right code with no wrong tries before it,
//! any try while locked) is decided on a plain read, without the lock, so
//! a log on a read-only medium still opens with the right code.
//!
//! Why a separate lock file: the access file itself is replaced by a rename
//! (temp file + fsync + rename in the same folder), so a crash mid-write
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
use std::fs::{File, OpenOptions};
use std::io::{Read as _, Write as _};
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

fn refused(path: &Path, problem: impl Into<String>) -> AppError {
    AppError::AccessFile {
        path: path.to_path_buf(),
        problem: problem.into(),
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
        Ok(m) if m.file_type().is_symlink() => {
            Err(refused(path, "is a symbolic link, not a regular file"))
        }
        Ok(_) => Err(refused(path, "is not a regular file (a directory?)")),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(refused(path, format!("is not readable ({e})"))),
    }
}

/// The counts in `path`; a missing file is "no wrong tries yet". Safe
/// without the lock too: the file is only ever replaced whole (rename), so
/// a reader sees the old counts or the new ones.
pub(super) fn read(path: &Path) -> Result<Saved, AppError> {
    if !refuse_non_regular(path)? {
        return Ok(Saved::default());
    }
    let file = File::open(path).map_err(|e| refused(path, format!("is not readable ({e})")))?;
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| refused(path, format!("is not readable ({e})")))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(refused(path, "is not readable (larger than 16 MiB)"));
    }
    Saved::decode(&bytes)
        .map_err(|e| refused(path, format!("is not readable (not an access file: {e})")))
}

/// Options that create a file readable by its owner only (the access file
/// says which conferences were attacked and when: a sidecar of the log).
fn private_options() -> OpenOptions {
    let mut options = OpenOptions::new();
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.mode(0o600);
    }
    options
}

impl LockedFile {
    /// Takes the exclusive lock that goes with `path` (blocking: holders
    /// keep it for one small read and write).
    pub(super) fn lock(path: &Path) -> Result<Self, AppError> {
        let lock = lock_path(path);
        refuse_non_regular(&lock)?;
        let file = private_options()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&lock)
            .map_err(|e| refused(&lock, format!("could not be opened ({e})")))?;
        file.lock()
            .map_err(|e| refused(&lock, format!("could not be locked ({e})")))?;
        Ok(Self {
            path: path.to_path_buf(),
            _lock: file,
        })
    }

    /// The counts as saved, read under the lock.
    pub(super) fn read(&self) -> Result<Saved, AppError> {
        read(&self.path)
    }

    /// Replaces the counts: temp file (0600) + fsync + rename, so the file
    /// under its name is always whole.
    pub(super) fn write(&self, saved: &Saved) -> Result<(), AppError> {
        let path = &self.path;
        let bytes = serde_json::to_vec(saved)
            .map_err(|e| refused(path, format!("could not be written ({e})")))?;
        let mut temp = path.as_os_str().to_os_string();
        temp.push(".tmp");
        let temp = PathBuf::from(temp);
        let write_err = |e: std::io::Error| refused(path, format!("could not be written ({e})"));
        // Under the lock nobody else writes the temp file: one left over
        // is from a crash. Removing a link removes the link, not its target.
        match std::fs::remove_file(&temp) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(write_err(e)),
            _ => {}
        }
        let mut file = private_options()
            .write(true)
            .create_new(true)
            .open(&temp)
            .map_err(write_err)?;
        file.write_all(&bytes).map_err(write_err)?;
        file.sync_all().map_err(write_err)?;
        drop(file);
        std::fs::rename(&temp, path).map_err(write_err)?;
        sync_folder(path);
        Ok(())
    }
}

/// Makes the rename itself durable (best effort: not every platform can
/// open a folder; the counts are then as safe as the folder's own writes).
fn sync_folder(path: &Path) {
    #[cfg(unix)]
    if let Some(folder) = path.parent()
        && let Ok(dir) = File::open(if folder.as_os_str().is_empty() {
            Path::new(".")
        } else {
            folder
        })
    {
        let _ = dir.sync_all();
    }
    #[cfg(not(unix))]
    let _ = path;
}
