//! Where the temp files of unfinished saves are, so that the next start can
//! remove them.
//!
//! A save writes a temp file in the *target's* folder (a rename is atomic
//! only within one filesystem), and that folder can be anywhere. A process
//! killed mid-save leaves a hidden temp file full of personal data there,
//! which no later run would find by looking beside the log. So before a temp
//! file is created, its path is recorded in `<log>.tmp-registry/` (a sidecar
//! no output may replace): one file per temp, named `<pid>-<16 hex digits>`,
//! holding the temp's path. The record goes once the temp file is renamed or
//! removed. At start (the CLI's run, the window's open) every record whose
//! process is gone is settled: its temp file is removed if it still exists,
//! is a regular file and has our name, then the record.
//!
//! Temp files also carry the pid in their name
//! (`.confdesk-export-<pid>-<16 hex digits>.tmp`), so those in the log's own
//! folder are found without a record: the desk's own sidecars (the access
//! file) are saved that way, unrecorded.
//!
//! Records are read from disk, so they are not trusted: a record never makes
//! the clean-up remove anything but a regular file named like our temps.

use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};

/// How every temp file's name starts (hidden on Unix).
pub const TEMP_PREFIX: &str = ".confdesk-export-";
/// How every temp file's name ends.
pub const TEMP_SUFFIX: &str = ".tmp";

/// The registry folder of the log at `log`.
pub fn registry_dir(log: &Path) -> PathBuf {
    let mut name = log.as_os_str().to_owned();
    name.push(".tmp-registry");
    PathBuf::from(name)
}

/// A written record; [`Record::remove`] it once its temp file is gone.
#[derive(Debug)]
pub struct Record {
    path: PathBuf,
}

impl Record {
    /// Removes the record (best effort: a stale record only costs a look at
    /// the next start).
    pub fn remove(self) {
        let _ = fs::remove_file(&self.path);
    }
}

/// Records that `temp` is about to be created for `log`; `token` is
/// `<pid>-<random>`, the same as in the temp file's name.
pub fn record(log: &Path, token: &str, temp: &Path) -> std::io::Result<Record> {
    let dir = registry_dir(log);
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(&dir)?;
    // An absolute path, so the clean-up does not depend on the folder it runs in.
    let temp = std::path::absolute(temp)?;
    let path = dir.join(token);
    let mut file = crate::store::create_private(&path)?;
    std::io::Write::write_all(&mut file, temp.as_os_str().as_encoded_bytes())?;
    Ok(Record { path })
}

/// A temp file being written, recorded in the log's temp registry; removed
/// (with its record) if dropped before [`TempFile::rename_to`].
pub(crate) struct TempFile {
    path: PathBuf,
    file: fs::File,
    record: Option<Record>,
}

impl TempFile {
    /// Records (when `log` is given), then creates (0600, never an existing
    /// file) a temp file in `dir`, named with this process's id.
    pub(crate) fn create(dir: &Path, log: Option<&Path>) -> std::io::Result<Self> {
        let token = format!("{}-{:016x}", std::process::id(), rand::random::<u64>());
        let path = dir.join(format!("{TEMP_PREFIX}{token}{TEMP_SUFFIX}"));
        // Recorded before it exists: a kill between the two leaves a record
        // whose file is missing, which the clean-up simply drops.
        // A log folder that cannot be written to must not stop a save
        // elsewhere: the temp file then goes unrecorded (it is still removed
        // if the save fails; only a kill leaves it).
        let record = log.and_then(|log| record(log, &token, &path).ok());
        match crate::store::create_private(&path) {
            Ok(file) => Ok(Self { path, file, record }),
            Err(e) => {
                if let Some(r) = record {
                    r.remove();
                }
                Err(e)
            }
        }
    }

    /// Writes `bytes` and syncs them to disk.
    pub(crate) fn write(&self, bytes: &[u8]) -> std::io::Result<()> {
        (&self.file).write_all(bytes)?;
        self.file.sync_all()
    }

    /// Renames the temp file over `target`; the record goes once it is done.
    pub(crate) fn rename_to(mut self, target: &Path) -> std::io::Result<()> {
        fs::rename(&self.path, target)?;
        if let Some(r) = self.record.take() {
            r.remove();
        }
        self.path = PathBuf::new();
        Ok(())
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        if !self.path.as_os_str().is_empty() {
            let _ = fs::remove_file(&self.path);
        }
        if let Some(r) = self.record.take() {
            r.remove();
        }
    }
}

/// What a clean-up did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Cleanup {
    /// Leftover temp files removed.
    pub removed_temps: usize,
    /// Records of live processes left alone.
    pub live: usize,
}

/// Removes the temp files that processes now gone left for `log`, with
/// their records. Best effort: the desk starts whatever this finds.
pub fn remove_leftover_temps(log: &Path) -> Cleanup {
    let mut done = Cleanup::default();
    let Ok(entries) = fs::read_dir(registry_dir(log)) else {
        return done;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name.to_str().and_then(record_pid) else {
            continue; // not ours: leave it
        };
        if pid == std::process::id() || crate::store::process_alive(pid) {
            done.live += 1;
            continue;
        }
        let record = entry.path();
        if let Some(temp) = fs::read(&record).ok().and_then(temp_path)
            && is_our_temp(&temp)
            && fs::remove_file(&temp).is_ok()
        {
            done.removed_temps += 1;
        }
        let _ = fs::remove_file(&record);
    }
    sweep_log_folder(log, &mut done);
    done
}

/// Removes temp files of dead processes from the log's own folder, where
/// unrecorded saves (the desk's sidecars) put theirs.
fn sweep_log_folder(log: &Path, done: &mut Cleanup) {
    let dir = match log.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name
            .to_str()
            .and_then(|n| n.strip_prefix(TEMP_PREFIX))
            .and_then(|n| n.strip_suffix(TEMP_SUFFIX))
            .and_then(record_pid)
        else {
            continue;
        };
        if pid == std::process::id() || crate::store::process_alive(pid) {
            done.live += 1;
        } else if is_our_temp(&entry.path()) && fs::remove_file(entry.path()).is_ok() {
            done.removed_temps += 1;
        }
    }
}

/// The pid of a record named `<pid>-<16 hex digits>`.
fn record_pid(name: &str) -> Option<u32> {
    let (pid, random) = name.split_once('-')?;
    let hex = random.len() == 16 && random.bytes().all(|b| b.is_ascii_hexdigit());
    hex.then(|| pid.parse().ok()).flatten()
}

/// The temp path a record holds (an absolute path, as [`record`] writes it).
fn temp_path(bytes: Vec<u8>) -> Option<PathBuf> {
    #[cfg(unix)]
    let path = {
        use std::os::unix::ffi::OsStringExt as _;
        PathBuf::from(std::ffi::OsString::from_vec(bytes))
    };
    #[cfg(not(unix))]
    let path = PathBuf::from(String::from_utf8(bytes).ok()?);
    path.is_absolute().then_some(path)
}

/// Whether `path` is a regular file (not a link) named like our temp files.
fn is_our_temp(path: &Path) -> bool {
    let named = path
        .file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with(TEMP_PREFIX) && n.ends_with(TEMP_SUFFIX));
    named && fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_file())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_well_formed_records_name_a_pid() {
        assert_eq!(record_pid("123-00ff00ff00ff00ff"), Some(123));
        assert_eq!(record_pid("123-00ff"), None);
        assert_eq!(record_pid("x-00ff00ff00ff00ff"), None);
        assert_eq!(record_pid("notes.txt"), None);
    }

    #[test]
    fn a_record_never_removes_a_file_not_named_like_a_temp() {
        let dir = tempfile::tempdir().unwrap();
        let log = dir.path().join("e.redb");
        let precious = dir.path().join("precious.csv");
        fs::write(&precious, b"keep").unwrap();
        let registry = registry_dir(&log);
        fs::create_dir_all(&registry).unwrap();
        // Pid 0 is never a user process's pid: the record counts as dead.
        let rec = registry.join("0-0123456789abcdef");
        fs::write(&rec, precious.as_os_str().as_encoded_bytes()).unwrap();
        assert_eq!(remove_leftover_temps(&log).removed_temps, 0);
        assert_eq!(fs::read(&precious).unwrap(), b"keep");
        assert!(!rec.exists(), "the dead record is dropped");
    }
}
