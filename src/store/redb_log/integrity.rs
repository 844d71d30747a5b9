//! The storage engine's own integrity check, for `verify`.
//!
//! redb's `check_integrity` verifies every page's checksum and that the file
//! holds every page its B-trees need (a log whose tail was cut off passed
//! every read command, since they read through a read-only handle that does
//! not check pages). The check needs a writable handle, and may repair what
//! it checks; `verify` reads beside a running window and must write nothing,
//! so the check runs on a temporary copy of the file in the system's temp
//! folder, removed afterwards. A copy taken while another process committed
//! may be torn: when the check fails and the file changed meanwhile, it is
//! copied and checked again.

use std::fs;
use std::path::Path;
use std::time::SystemTime;

use redb::Builder;

use super::{RedbLog, quiet};
use crate::store::{StorageCheck, StoreError};

/// How many copies are checked at most when the file keeps changing.
const ATTEMPTS: u32 = 3;
/// redb's page cache while checking the copy.
const CHECK_CACHE_BYTES: usize = 16 * 1024 * 1024;

impl RedbLog {
    /// Runs redb's integrity check on a temporary copy of the log.
    pub(super) fn check_copy(&self) -> Result<StorageCheck, StoreError> {
        let temp = std::env::temp_dir();
        let how = format!(
            "the storage engine's integrity check, on a temporary copy in {} (removed afterwards)",
            temp.display()
        );
        let mut problem = None;
        for _ in 0..ATTEMPTS {
            let before = stamp(&self.path)?;
            let dir = tempfile::Builder::new()
                .prefix("confdesk-verify-")
                .tempdir_in(&temp)
                .map_err(|source| StoreError::Io {
                    path: temp.clone(),
                    source,
                })?;
            let copy = dir.path().join("copy.redb");
            fs::copy(&self.path, &copy).map_err(|source| StoreError::Io {
                path: copy.clone(),
                source,
            })?;
            problem = check_file(&copy);
            // Removing the copy can only fail on a temp folder gone bad;
            // that is no news about the log.
            let _ = dir.close();
            if problem.is_none() || stamp(&self.path)? == before {
                break;
            }
        }
        Ok(StorageCheck { how, problem })
    }
}

/// The file's length and modification time, to tell whether it changed.
fn stamp(path: &Path) -> Result<(u64, Option<SystemTime>), StoreError> {
    let meta = fs::metadata(path).map_err(|source| StoreError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    Ok((meta.len(), meta.modified().ok()))
}

/// What is wrong with the redb file at `copy`, if anything.
fn check_file(copy: &Path) -> Option<String> {
    let checked = quiet::quietly(|| {
        let mut builder = Builder::new();
        builder.set_cache_size(CHECK_CACHE_BYTES);
        let mut db = builder.open(copy)?;
        db.check_integrity()
    });
    match checked {
        Ok(Ok(true)) => None,
        Ok(Ok(false)) => Some("some of its pages are damaged".to_owned()),
        Ok(Err(e)) => Some(format!(
            "the storage engine cannot open it, it may be truncated ({e})"
        )),
        Err(_) => Some("the storage engine could not read it".to_owned()),
    }
}
