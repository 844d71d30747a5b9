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
//! (the store tests flip bytes in event pages); it reads the whole file.
//! The copy is taken only when redb repairs, not on every open (it costs
//! the file's size in disk writes; figures in BENCHMARKS.md). What is lost: if the format check
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
//!
//! Before anything opens the path, its metadata (a symbolic link followed)
//! must show a regular file: opening a named pipe would block forever. Only
//! [`OpenMode::Create`](super::OpenMode::Create) creates a missing log; an
//! existing empty file is refused, never turned into a log. The log and its
//! sidecars are created 0600 (they hold access codes, names and e-mails),
//! and a writable open takes group and other permissions off an older log.
//!
//! A read-only open of a log a crashed writer left (redb refuses to read it
//! until it is repaired) repairs it when no live process holds it: redb
//! lets a reader open beside a live writer, so its refusal means there is
//! none. The repair is the careful writable open above, closed cleanly at
//! once; a format-1 log is then also upgraded, as by any writable open.

use std::fs::{self, File};
use std::io::{ErrorKind, Read, Write as _};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use redb::{
    Builder, ConcurrencyMode, Database, DatabaseError, Durability, ReadTransaction,
    ReadableDatabase, ReadableTable, TableError, WriteTransaction,
};

use super::backup::Backup;
use super::files;
use super::{EVENTS, Handle, META, RedbLog, STREAM_HEADS, STREAM_INDEX, quiet, redb_error, wire};
use crate::domain::Message;
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
const FORMAT_VERSION: u32 = 3;
/// The first format version whose events carry a checksum.
pub(super) const CHECKSUM_VERSION: u32 = 3;
/// Events rewritten per step of the upgrade to format 3 (all in one
/// transaction): the step's events are held in memory while rewritten.
const UPGRADE_STEP_EVENTS: usize = 4096;
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
/// Reason given for an existing empty file.
const EMPTY: &str =
    "it exists and is empty (0 bytes); confdesk only creates a new log where no file exists";

/// Opens the log at `path` for appending; a missing log is created when
/// `create` is set, else refused.
pub(super) fn read_write(path: &Path, create: bool) -> Result<RedbLog, StoreError> {
    match files::existing_len(path)? {
        None if create => return self::create(path),
        None => return Err(missing(path)),
        Some(0) => return Err(not_a_log(path, Message::new(EMPTY))),
        Some(_) => {}
    }
    check_magic(path)?;
    let probe_clean = probe(path)?;
    // The copy is taken of, and put back over, the file itself: putting it
    // back over a symbolic link would replace the link.
    let real = fs::canonicalize(path).map_err(|e| io(path, e))?;
    let backup = Backup::new(&real, probe_clean);
    if !probe_clean && !backup.take_now()? {
        // Another process repaired the log meanwhile: open it afresh.
        return read_write(path, create);
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
    files::tighten(path);
    Ok(writer(path, db))
}

/// Opens the existing log at `path` for reading only. Writes nothing,
/// except to repair a log a crashed writer left (see the module doc).
pub(super) fn read_only(path: &Path) -> Result<RedbLog, StoreError> {
    if let Some(log) = reader(path)? {
        return Ok(log);
    }
    match read_write(path, false) {
        // Dropping the writer closes the log cleanly.
        Ok(repaired) => drop(repaired),
        // A writer started meanwhile; it repaired the log, and a reader
        // may open beside it.
        Err(StoreError::InUse { .. }) => {}
        Err(e) => {
            // Another process may be repairing it at the same moment (its
            // safety copy is then in the way of ours): its repair serves.
            return match reader(path) {
                Ok(Some(log)) => Ok(log),
                _ => Err(repair_failed(path, e)),
            };
        }
    }
    reader(path)?.ok_or_else(|| open_error(path, DatabaseError::RepairAborted))
}

/// Opens the existing log at `path` for reading only if it was closed
/// cleanly (or a live writer holds it); never writes.
pub(super) fn read_only_unrepaired(path: &Path) -> Result<RedbLog, StoreError> {
    reader(path)?.ok_or_else(|| open_error(path, DatabaseError::RepairAborted))
}

/// The read-only handle on the log at `path`; `Ok(None)` when redb needs
/// the file repaired first (a writer crashed, and none holds it now).
fn reader(path: &Path) -> Result<Option<RedbLog>, StoreError> {
    match files::existing_len(path)? {
        None => return Err(missing(path)),
        Some(0) => return Err(not_a_log(path, Message::new(EMPTY))),
        Some(_) => {}
    }
    check_magic(path)?;
    let mut builder = builder();
    builder.set_cache_size(READ_ONLY_CACHE_BYTES);
    let db = match catch(|| builder.open_read_only(path)) {
        Ok(Ok(db)) => db,
        Ok(Err(DatabaseError::RepairAborted)) => return Ok(None),
        Ok(Err(e)) => return Err(open_error(path, e)),
        Err(panic) => return Err(engine_panic(path, &panic)),
    };
    catch(|| check_meta(&db, path)).unwrap_or_else(|p| Err(engine_panic(path, &p)))?;
    Ok(Some(RedbLog {
        path: path.to_path_buf(),
        handle: Handle::Read(db),
        pid_file: None,
        bulk: Mutex::new(None),
    }))
}

/// The error of a repair a read-only open needed: errors that do not
/// already say what was refused are told as the failed repair.
fn repair_failed(path: &Path, error: StoreError) -> StoreError {
    match error {
        StoreError::Io { .. } | StoreError::Storage { .. } | StoreError::Corrupt { .. } => {
            StoreError::Storage {
                path: path.to_path_buf(),
                detail: format!(
                    "it was not closed cleanly and must be repaired before it can be read, which failed: {error}"
                ),
            }
        }
        other => other,
    }
}

/// Removes the `.pid` sidecar if it still holds this process's id.
pub(super) fn remove_own_pid_file(pid_file: &Path) {
    if read_pid_file(pid_file) == Some(std::process::id()) {
        // A leftover sidecar only loses its pid when read; never an error.
        let _ = fs::remove_file(pid_file);
    }
}

/// Creates a new log at the missing `path`, with its parent folders. The
/// file is created 0600 before redb writes into it; if redb then fails, the
/// file this call created is removed again.
fn create(path: &Path) -> Result<RedbLog, StoreError> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        fs::create_dir_all(parent).map_err(|e| io(parent, e))?;
    }
    match files::create_private(path) {
        Ok(file) => drop(file),
        // Created meanwhile by someone else: open it as it is.
        Err(e) if e.kind() == ErrorKind::AlreadyExists => return read_write(path, false),
        Err(e) => return Err(io(path, e)),
    }
    let db = match catch(|| builder().create(path)) {
        Ok(Ok(db)) => db,
        Ok(Err(e)) => return Err(remove_new(path, open_error(path, e))),
        Err(panic) => return Err(remove_new(path, engine_panic(path, &panic))),
    };
    if let Err(e) = catch(|| initialise(&db, path)).unwrap_or_else(|p| Err(engine_panic(path, &p)))
    {
        drop(db);
        return Err(remove_new(path, e));
    }
    Ok(writer(path, db))
}

/// Removes the file [`create`] made, after `error`; returns `error`.
fn remove_new(path: &Path, error: StoreError) -> StoreError {
    // It holds no event; if it cannot be removed, the next open names it
    // as an empty or damaged file.
    let _ = fs::remove_file(path);
    error
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
    // This process holds the log, so a `.pid` already there is a crashed
    // writer's (or a link): it is removed, never written through. The
    // sidecar is informative only: failing to write it is not an error.
    let _ = fs::remove_file(&pid_file);
    let written = files::create_private(&pid_file)
        .and_then(|mut file| file.write_all(format!("{}\n", std::process::id()).as_bytes()))
        .is_ok();
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

/// Brings an older log to the current format in one transaction: for
/// version 1, `stream_heads` is dropped (version 2 no longer updates it, and
/// an older confdesk must not trust it); before version 3, every event is
/// rewritten with its checksum; then the marker. Nothing to do for the
/// current version.
fn upgrade(db: &Database, path: &Path, version: u32) -> Result<(), StoreError> {
    if version == FORMAT_VERSION {
        return Ok(());
    }
    let mut txn = db.begin_write().map_err(|e| redb_error(path, e))?;
    txn.set_durability(Durability::Immediate)
        .map_err(|e| redb_error(path, e))?;
    txn.delete_table(STREAM_HEADS)
        .map_err(|e| redb_error(path, e))?;
    if version < CHECKSUM_VERSION {
        add_checksums(&txn, path)?;
    }
    {
        let mut meta = txn.open_table(META).map_err(|e| redb_error(path, e))?;
        let version = FORMAT_VERSION.to_le_bytes();
        meta.insert(VERSION_KEY, version.as_slice())
            .map_err(|e| redb_error(path, e))?;
    }
    txn.commit().map_err(|e| redb_error(path, e))
}

/// Rewrites every event of a format-1 or -2 log with its checksum, a step of
/// [`UPGRADE_STEP_EVENTS`] at a time. Each event must decode and claim its
/// position, and positions must follow each other from 1: a checksum must
/// never vouch for an event that was already damaged.
fn add_checksums(txn: &WriteTransaction, path: &Path) -> Result<(), StoreError> {
    let mut events = txn.open_table(EVENTS).map_err(|e| redb_error(path, e))?;
    let mut next = 1_u64;
    loop {
        let mut step = Vec::with_capacity(UPGRADE_STEP_EVENTS);
        for item in events.range(next..).map_err(|e| redb_error(path, e))? {
            let (position, bytes) = item.map_err(|e| redb_error(path, e))?;
            let (position, bytes) = (position.value(), bytes.value());
            let damaged = |detail: String| StoreError::Corrupt {
                path: path.to_path_buf(),
                detail,
            };
            if position != next + step.len() as u64 {
                return Err(damaged(format!(
                    "position {} was expected next but the log holds position {position} there",
                    next + step.len() as u64
                )));
            }
            match wire::decode_envelope(bytes) {
                Ok(event) if event.position == position => {}
                Ok(event) => {
                    return Err(damaged(format!(
                        "the event stored at position {position} claims position {}",
                        event.position
                    )));
                }
                Err(e) => {
                    return Err(damaged(format!(
                        "the event at position {position} cannot be read: {e}"
                    )));
                }
            }
            step.push(wire::with_checksum(bytes));
            if step.len() == UPGRADE_STEP_EVENTS {
                break;
            }
        }
        if step.is_empty() {
            return Ok(());
        }
        for bytes in &step {
            events
                .insert(next, bytes.as_slice())
                .map_err(|e| redb_error(path, e))?;
            next += 1;
        }
    }
}

/// Checks the `meta` table: our format marker and a known format version,
/// which it returns.
fn check_meta<D: ReadableDatabase>(db: &D, path: &Path) -> Result<u32, StoreError> {
    let txn = db.begin_read().map_err(|e| redb_error(path, e))?;
    version_in(&txn, path)
}

/// The format version of the log as `txn` sees it, after checking the
/// format marker.
pub(super) fn version_in(txn: &ReadTransaction, path: &Path) -> Result<u32, StoreError> {
    let meta = match txn.open_table(META) {
        Ok(meta) => meta,
        Err(TableError::Storage(e)) => return Err(redb_error(path, e)),
        // Missing, or a table of that name with other types: not ours.
        Err(_) => return Err(not_a_log(path, Message::new(FOREIGN))),
    };
    let format = meta.get(FORMAT_KEY).map_err(|e| redb_error(path, e))?;
    if format.as_ref().map(redb::AccessGuard::value) != Some(FORMAT_VALUE) {
        return Err(not_a_log(path, Message::new(FOREIGN)));
    }
    let Some(version) = meta.get(VERSION_KEY).map_err(|e| redb_error(path, e))? else {
        return Err(not_a_log(
            path,
            Message::new("its format version is missing"),
        ));
    };
    let bytes: [u8; 4] = version
        .value()
        .try_into()
        .map_err(|_| not_a_log(path, Message::new("its format version is malformed")))?;
    match u32::from_le_bytes(bytes) {
        found @ OLDEST_FORMAT_VERSION..=FORMAT_VERSION => Ok(found),
        found if found > FORMAT_VERSION => Err(StoreError::NewerVersion {
            path: path.to_path_buf(),
            found,
            supported: FORMAT_VERSION,
        }),
        found => Err(not_a_log(
            path,
            Message::new("format version {found} is invalid").text("found", found.to_string()),
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
        Ok(()) => Err(not_a_log(path, Message::new("it is not a database file"))),
        Err(e) if e.kind() == ErrorKind::UnexpectedEof => Err(not_a_log(
            path,
            Message::new("it is too short to be a database file"),
        )),
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
            detail: "the log was not closed cleanly and needs a repair, which the next confdesk command does when no other confdesk has the log open".to_owned(),
        },
        DatabaseError::UpgradeRequired(version) => not_a_log(
            path,
            Message::new("it is in redb file format {version}, which this confdesk cannot read")
                .text("version", version.to_string()),
        ),
        DatabaseError::Storage(redb::StorageError::Corrupted(detail)) => {
            not_a_log(path, Message::new("it is damaged ({detail})").text("detail", detail))
        }
        DatabaseError::Storage(redb::StorageError::Io(e))
            if matches!(e.kind(), ErrorKind::UnexpectedEof | ErrorKind::InvalidData) =>
        {
            not_a_log(
                path,
                Message::new("it is damaged or incomplete ({detail})").text("detail", e.to_string()),
            )
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

fn missing(path: &Path) -> StoreError {
    StoreError::Missing {
        path: path.to_path_buf(),
    }
}

/// [`StoreError::InUse`] with the holder's pid from the sidecar, if usable.
fn in_use(path: &Path) -> StoreError {
    let pid = read_pid_file(&sidecar(path, "pid")).filter(|pid| process_alive(*pid));
    StoreError::InUse {
        path: path.to_path_buf(),
        pid,
    }
}

/// The pid in a `.pid` sidecar. Only a small regular file is read: a FIFO
/// put there would block the read forever.
fn read_pid_file(pid_file: &Path) -> Option<u32> {
    let meta = fs::metadata(pid_file).ok()?;
    if files::kind_of(&meta).is_some() || meta.len() > 32 {
        return None;
    }
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

/// Runs `f`, catching a panic of the storage engine without printing it;
/// its text means nothing to a user and is not kept.
fn catch<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    quiet::quietly(f).map_err(|_| "while opening it".to_owned())
}

fn engine_panic(path: &Path, message: &str) -> StoreError {
    not_a_log(
        path,
        Message::new("it is damaged: the storage engine could not read it ({detail})")
            .text("detail", message),
    )
}

fn not_a_log(path: &Path, reason: Message) -> StoreError {
    StoreError::NotALog {
        path: path.to_path_buf(),
        reason,
    }
}

fn io(path: &Path, source: std::io::Error) -> StoreError {
    StoreError::Io {
        path: path.to_path_buf(),
        source,
    }
}
