//! Opening a [`RedbLog`] without ever damaging a file it refuses.
//!
//! A read-write open of an existing file goes through these steps:
//! 1. the first 9 bytes must be redb's magic number, checked without redb;
//! 2. a read-only *probe* (which does not write) refuses a foreign redb
//!    database or a newer format before anything is written, and tells
//!    whether the file was closed cleanly (redb refuses a read-only open of
//!    a file a crashed writer left);
//! 3. redb opens the file for writing with an integrity check, which verifies
//!    every page's checksum (without it, redb may panic on a damaged file, or
//!    return altered values) and commits; a repair callback copies the file
//!    to `<path>.pre-repair` before redb repairs anything:
//!    - after a clean close, redb writes nothing until the check has passed,
//!      except to repair a damaged primary commit slot (which it announces
//!      through the callback at progress 0.3, before writing); so the copy is
//!      taken only then, and a clean file is never copied;
//!    - when the probe could not read the file (a writer crashed and redb
//!      must repair it, which rewrites its header before calling the
//!      callback), the copy is taken before redb is called instead;
//! 4. if the open or the format check then fails, the copy is moved back
//!    over the file, so it ends byte-for-byte as it was; on success the copy
//!    is deleted. A copy is never restored when the file turned out to be in
//!    use by another writer.
//!
//! The trade-off (see BENCHMARKS.md): the integrity check stays on every
//! writable open, because it is what refuses a file damaged outside redb
//! (the store tests flip bytes in event pages); it reads the whole file,
//! about 0.5 s per million events. The copy it used to take on every open
//! (another 0.5 s and the file's size in disk writes per million events) is
//! now taken only when redb repairs. What is lost: if the format check
//! failed *after* a passing integrity check of a clean file, the file would
//! keep redb's check commit (same data, new commit slot) — the probe ran the
//! same format check just before, so only an I/O error can get there.
//!
//! redb's page cache is capped at [`CACHE_BYTES`]: the default (1 GiB) kept
//! every page read during the integrity check and the replay, which made the
//! resident memory grow with the log.
//!
//! The writer records its process id in `<path>.pid`, so that a refused open
//! can say who holds the log.

use std::fs::{self, File};
use std::io::{ErrorKind, Read};
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use redb::{
    Builder, ConcurrencyMode, Database, DatabaseError, Durability, ReadableDatabase, TableError,
};

use super::backup::Backup;
use super::{EVENTS, Handle, META, RedbLog, STREAM_HEADS, STREAM_INDEX, panic_text, redb_error};
use crate::store::StoreError;

/// The first bytes of every redb file.
pub(crate) const REDB_MAGIC: [u8; 9] = [b'r', b'e', b'd', b'b', 0x1A, 0x0A, 0xA9, 0x0D, 0x0A];
/// `meta` key of the format marker.
const FORMAT_KEY: &str = "format";
/// Value of the format marker.
const FORMAT_VALUE: &[u8] = b"confdesk-event-log";
/// `meta` key of the format version (u32, little-endian).
const VERSION_KEY: &str = "format_version";
/// The format version this build writes.
const FORMAT_VERSION: u32 = 2;
/// The oldest format version this build reads (and upgrades when it writes).
const OLDEST_FORMAT_VERSION: u32 = 1;
/// redb's page cache (read cache and write buffer), in bytes.
const CACHE_BYTES: usize = 64 * 1024 * 1024;
/// The page cache of a read-only handle. Read-only handles mostly scan the
/// log from start to end (CLI read commands, and the replay that overlaps a
/// writable open's integrity check), where a cache does not help; while the
/// window opens, this one lives beside the writer's.
const READ_ONLY_CACHE_BYTES: usize = 16 * 1024 * 1024;
/// Reason given for a redb file that is not ours.
const FOREIGN: &str = "a redb database of another program";

/// Opens (creating if needed) the log at `path` for appending.
pub(super) fn read_write(path: &Path) -> Result<RedbLog, StoreError> {
    match fs::metadata(path) {
        Err(e) if e.kind() == ErrorKind::NotFound => return create(path),
        Err(e) => return Err(io(path, e)),
        Ok(m) if m.is_file() && m.len() == 0 => return create(path),
        Ok(_) => {}
    }
    check_magic(path)?;
    let probe_clean = probe(path)?;
    let backup = Backup::new(path, probe_clean);
    if !probe_clean {
        backup.take_now()?;
    }
    let mut builder = builder();
    builder.set_check_integrity_on_open(true);
    builder.set_repair_callback(backup.callback());
    let db = match catch(|| builder.open(path)) {
        Ok(Ok(db)) => db,
        Ok(Err(DatabaseError::DatabaseAlreadyOpen | DatabaseError::LockProtocolMismatch)) => {
            backup.discard();
            return Err(in_use(path));
        }
        Ok(Err(e)) => return Err(backup.restore(open_error(path, e))),
        Err(panic) => return Err(backup.restore(engine_panic(path, &panic))),
    };
    let checked = catch(|| check_meta(&db, path).and_then(|v| upgrade(&db, path, v)))
        .unwrap_or_else(|p| Err(engine_panic(path, &p)));
    if let Err(e) = checked {
        drop(db);
        return Err(backup.restore(e));
    }
    backup.discard();
    Ok(writer(path, db))
}

/// Opens the existing log at `path` for reading only; never writes to it.
pub(super) fn read_only(path: &Path) -> Result<RedbLog, StoreError> {
    if let Err(e) = fs::metadata(path) {
        return Err(match e.kind() {
            ErrorKind::NotFound => StoreError::Missing {
                path: path.to_path_buf(),
            },
            _ => io(path, e),
        });
    }
    check_magic(path)?;
    let mut builder = builder();
    builder.set_cache_size(READ_ONLY_CACHE_BYTES);
    let db = match catch(|| builder.open_read_only(path)) {
        Ok(Ok(db)) => db,
        Ok(Err(e)) => return Err(open_error(path, e)),
        Err(panic) => return Err(engine_panic(path, &panic)),
    };
    catch(|| check_meta(&db, path)).unwrap_or_else(|p| Err(engine_panic(path, &p)))?;
    Ok(RedbLog {
        path: path.to_path_buf(),
        handle: Handle::Read(db),
        pid_file: None,
        bulk: Mutex::new(None),
    })
}

/// Removes the `.pid` sidecar if it still holds this process's id.
pub(super) fn remove_own_pid_file(pid_file: &Path) {
    if read_pid_file(pid_file) == Some(std::process::id()) {
        // A leftover sidecar only loses its pid when read; never an error.
        let _ = fs::remove_file(pid_file);
    }
}

/// Creates a new log at `path` (missing or 0-byte), with its parent folders.
fn create(path: &Path) -> Result<RedbLog, StoreError> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        fs::create_dir_all(parent).map_err(|e| io(parent, e))?;
    }
    let db = match catch(|| builder().create(path)) {
        Ok(Ok(db)) => db,
        Ok(Err(e)) => return Err(open_error(path, e)),
        Err(panic) => return Err(engine_panic(path, &panic)),
    };
    catch(|| initialise(&db, path)).unwrap_or_else(|p| Err(engine_panic(path, &p)))?;
    Ok(writer(path, db))
}

/// Writes the empty tables and the `meta` entries into a new database. A
/// database that already holds tables (created meanwhile by someone else) is
/// checked instead of written to.
fn initialise(db: &Database, path: &Path) -> Result<(), StoreError> {
    let has_tables = {
        let txn = db.begin_read().map_err(|e| redb_error(path, e))?;
        let mut tables = txn.list_tables().map_err(|e| redb_error(path, e))?;
        tables.next().is_some()
    };
    if has_tables {
        return check_meta(db, path).map(drop);
    }
    let mut txn = db.begin_write().map_err(|e| redb_error(path, e))?;
    txn.set_durability(Durability::Immediate)
        .map_err(|e| redb_error(path, e))?;
    {
        let err = |e: TableError| redb_error(path, e);
        txn.open_table(EVENTS).map_err(err)?;
        txn.open_table(STREAM_INDEX).map_err(err)?;
        let mut meta = txn.open_table(META).map_err(err)?;
        let version = FORMAT_VERSION.to_le_bytes();
        meta.insert(FORMAT_KEY, FORMAT_VALUE)
            .map_err(|e| redb_error(path, e))?;
        meta.insert(VERSION_KEY, version.as_slice())
            .map_err(|e| redb_error(path, e))?;
    }
    txn.commit().map_err(|e| redb_error(path, e))
}

/// The log handle of a successful read-write open.
fn writer(path: &Path, db: Database) -> RedbLog {
    let pid_file = sidecar(path, "pid");
    // The sidecar is informative only: failing to write it is not an error.
    let written = fs::write(&pid_file, format!("{}\n", std::process::id())).is_ok();
    RedbLog {
        path: path.to_path_buf(),
        handle: Handle::Write(db),
        pid_file: written.then_some(pid_file),
        bulk: Mutex::new(None),
    }
}

/// Reads the read-only view of the file; `Ok(true)` when it is a clean
/// confdesk log of a known version. Refusals that need no writing (a foreign
/// database, a newer format, a live writer that excludes readers) are returned
/// as errors; anything else the writable open must sort out gives `Ok(false)`.
fn probe(path: &Path) -> Result<bool, StoreError> {
    let db = match catch(|| builder().open_read_only(path)) {
        Ok(Ok(db)) => db,
        Ok(Err(DatabaseError::DatabaseAlreadyOpen | DatabaseError::LockProtocolMismatch)) => {
            return Err(in_use(path));
        }
        Ok(Err(_)) | Err(_) => return Ok(false),
    };
    match catch(|| check_meta(&db, path)) {
        Ok(Ok(_)) => Ok(true),
        Ok(Err(e @ (StoreError::NotALog { .. } | StoreError::NewerVersion { .. }))) => Err(e),
        Ok(Err(_)) | Err(_) => Ok(false),
    }
}

/// Brings a version-1 log to version 2 in one transaction: the marker, and
/// `stream_heads` dropped (version 2 no longer updates it, and an older
/// confdesk must not trust it). Nothing to do for version 2.
fn upgrade(db: &Database, path: &Path, version: u32) -> Result<(), StoreError> {
    if version == FORMAT_VERSION {
        return Ok(());
    }
    let mut txn = db.begin_write().map_err(|e| redb_error(path, e))?;
    txn.set_durability(Durability::Immediate)
        .map_err(|e| redb_error(path, e))?;
    txn.delete_table(STREAM_HEADS)
        .map_err(|e| redb_error(path, e))?;
    {
        let mut meta = txn.open_table(META).map_err(|e| redb_error(path, e))?;
        let version = FORMAT_VERSION.to_le_bytes();
        meta.insert(VERSION_KEY, version.as_slice())
            .map_err(|e| redb_error(path, e))?;
    }
    txn.commit().map_err(|e| redb_error(path, e))
}

/// Checks the `meta` table: our format marker and a known format version,
/// which it returns.
fn check_meta<D: ReadableDatabase>(db: &D, path: &Path) -> Result<u32, StoreError> {
    let txn = db.begin_read().map_err(|e| redb_error(path, e))?;
    let meta = match txn.open_table(META) {
        Ok(meta) => meta,
        Err(TableError::Storage(e)) => return Err(redb_error(path, e)),
        // Missing, or a table of that name with other types: not ours.
        Err(_) => return Err(not_a_log(path, FOREIGN)),
    };
    let format = meta.get(FORMAT_KEY).map_err(|e| redb_error(path, e))?;
    if format.as_ref().map(redb::AccessGuard::value) != Some(FORMAT_VALUE) {
        return Err(not_a_log(path, FOREIGN));
    }
    let Some(version) = meta.get(VERSION_KEY).map_err(|e| redb_error(path, e))? else {
        return Err(not_a_log(path, "its format version is missing"));
    };
    let bytes: [u8; 4] = version
        .value()
        .try_into()
        .map_err(|_| not_a_log(path, "its format version is malformed"))?;
    match u32::from_le_bytes(bytes) {
        found @ OLDEST_FORMAT_VERSION..=FORMAT_VERSION => Ok(found),
        found if found > FORMAT_VERSION => Err(StoreError::NewerVersion {
            path: path.to_path_buf(),
            found,
            supported: FORMAT_VERSION,
        }),
        found => Err(not_a_log(
            path,
            &format!("format version {found} is invalid"),
        )),
    }
}

/// Refuses a file that does not start with redb's magic number, reading it
/// with plain file I/O only.
fn check_magic(path: &Path) -> Result<(), StoreError> {
    let mut file = File::open(path).map_err(|e| io(path, e))?;
    let mut head = [0_u8; REDB_MAGIC.len()];
    match file.read_exact(&mut head) {
        Ok(()) if head == REDB_MAGIC => Ok(()),
        Ok(()) => Err(not_a_log(path, "it is not a database file")),
        Err(e) if e.kind() == ErrorKind::UnexpectedEof => {
            Err(not_a_log(path, "it is too short to be a database file"))
        }
        Err(e) => Err(io(path, e)),
    }
}

/// The redb settings shared by writers and readers: one writer process,
/// any number of reader processes following its commits.
fn builder() -> Builder {
    let mut builder = Builder::new();
    builder.set_concurrency_mode(ConcurrencyMode::SingleWriter);
    builder.set_cache_size(CACHE_BYTES);
    builder
}

/// Maps an error of opening the database.
fn open_error(path: &Path, error: DatabaseError) -> StoreError {
    match error {
        DatabaseError::DatabaseAlreadyOpen | DatabaseError::LockProtocolMismatch => in_use(path),
        DatabaseError::RepairAborted => StoreError::Storage {
            path: path.to_path_buf(),
            detail: "the log was not closed cleanly and needs a repair; open it read-write once to repair it".to_owned(),
        },
        DatabaseError::UpgradeRequired(version) => not_a_log(
            path,
            &format!("it is in redb file format {version}, which this confdesk cannot read"),
        ),
        DatabaseError::Storage(redb::StorageError::Corrupted(detail)) => {
            not_a_log(path, &format!("it is damaged ({detail})"))
        }
        DatabaseError::Storage(redb::StorageError::Io(e))
            if matches!(e.kind(), ErrorKind::UnexpectedEof | ErrorKind::InvalidData) =>
        {
            not_a_log(path, &format!("it is damaged or incomplete ({e})"))
        }
        DatabaseError::Storage(redb::StorageError::Io(e)) => io(path, e),
        other => StoreError::Storage {
            path: path.to_path_buf(),
            detail: other.to_string(),
        },
    }
}

/// `<path>.<suffix>`.
pub(super) fn sidecar(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".");
    name.push(suffix);
    PathBuf::from(name)
}

/// [`StoreError::InUse`] with the holder's pid from the sidecar, if usable.
fn in_use(path: &Path) -> StoreError {
    let pid = read_pid_file(&sidecar(path, "pid")).filter(|pid| process_alive(*pid));
    StoreError::InUse {
        path: path.to_path_buf(),
        pid,
    }
}

fn read_pid_file(pid_file: &Path) -> Option<u32> {
    fs::read_to_string(pid_file).ok()?.trim().parse().ok()
}

/// Whether `pid` names a running process; `true` where this cannot be told.
pub(crate) fn process_alive(pid: u32) -> bool {
    let proc_root = Path::new("/proc");
    if cfg!(target_os = "linux") && proc_root.join("self").exists() {
        proc_root.join(pid.to_string()).exists()
    } else {
        true
    }
}

/// Runs `f`, catching a panic as its message.
fn catch<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    panic::catch_unwind(AssertUnwindSafe(f)).map_err(|payload| panic_text(&*payload))
}

fn engine_panic(path: &Path, message: &str) -> StoreError {
    not_a_log(
        path,
        &format!("the storage engine failed on it ({message})"),
    )
}

fn not_a_log(path: &Path, reason: &str) -> StoreError {
    StoreError::NotALog {
        path: path.to_path_buf(),
        reason: reason.to_owned(),
    }
}

fn io(path: &Path, source: std::io::Error) -> StoreError {
    StoreError::Io {
        path: path.to_path_buf(),
        source,
    }
}
