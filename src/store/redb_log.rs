//! [`RedbLog`]: the event log in a single redb file.
//!
//! Layout (format version 3):
//! - `events`: position → postcard-encoded [`RecordedEvent`] followed by its
//!   CRC-32 (see [`wire`]), checked on every read;
//! - `stream_index`: (stream id, version) → position; a stream's current
//!   version is its last key here;
//! - `meta`: `"format"` = `b"confdesk-event-log"`, `"format_version"` = u32 LE.
//!
//! Format version 1 also kept `stream_heads` (stream id → current version),
//! a third B-tree written by every append for no information `stream_index`
//! lacks (what it cost: BENCHMARKS.md). Version 2 reads the head from
//! `stream_index` instead.
//! Version 3 adds the per-event checksum: redb checks its page checksums only
//! in its integrity check, so a flipped bit used to reach read-only commands
//! as altered data. A version-1 or -2 log is read as it is (without
//! checksums), and upgraded when opened for writing (see [`open`]), so
//! that an older confdesk refuses it as newer.
//!
//! Nothing read from the file is trusted: every event must claim the
//! position it is stored at, a scan's positions must follow each other
//! without a gap, and an index entry must point at the event it names.
//!
//! Opening is careful never to damage a file it refuses: see [`open`] for
//! the backup taken around redb's repair and integrity check.
//!
//! redb documents that it may panic on a file corrupted outside redb; every
//! call into it is therefore run under [`quiet::quietly`], and such a panic
//! is reported as damage to the log, in one line, without its text.

mod backup;
mod files;
mod integrity;
mod open;
mod quiet;
mod write;

pub(crate) use open::{REDB_MAGIC, process_alive};

use std::any::Any;
use std::cell::Cell;
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, PoisonError};

use redb::{
    Database, Durability, ReadOnlyDatabase, ReadOnlyTable, ReadTransaction, ReadableDatabase,
    ReadableTable, TableDefinition, TableError,
};

use super::{
    AppendOutcome, EventStore, RecordedEvent, StorageCheck, StoreError, StreamAppend, wire,
};

/// Position → encoded [`RecordedEvent`].
const EVENTS: TableDefinition<u64, &[u8]> = TableDefinition::new("events");
/// (stream id, stream version) → position.
const STREAM_INDEX: TableDefinition<(&str, u64), u64> = TableDefinition::new("stream_index");
/// Format version 1 only: stream id → current stream version.
const STREAM_HEADS: TableDefinition<&str, u64> = TableDefinition::new("stream_heads");
/// Format marker and version.
const META: TableDefinition<&str, &[u8]> = TableDefinition::new("meta");

/// How to open a log.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpenMode {
    /// Open an existing log and allow appends; a missing file is refused
    /// ([`StoreError::Missing`]) and nothing is created, so a mistyped path
    /// never becomes a new, empty log. Only one writer at a time.
    ReadWrite,
    /// Like [`OpenMode::ReadWrite`], but a missing file is created (with its
    /// missing parent folders): for the commands that start a log
    /// (`conference create`, `demo`) and the window.
    Create,
    /// Read an existing log, even while another process writes to it; the
    /// reader sees the writer's commits as they happen. A log a crashed
    /// writer left is repaired first when no live process holds it (the
    /// careful writable open, then a clean close).
    ReadOnly,
}

/// The open redb handle.
enum Handle {
    Write(Database),
    Read(ReadOnlyDatabase),
}

/// An [`EventStore`] kept in one redb file.
pub struct RedbLog {
    path: PathBuf,
    handle: Handle,
    /// The `<path>.pid` sidecar this writer created, removed on drop.
    pid_file: Option<PathBuf>,
    /// The transaction held open in bulk mode (see [`write`]).
    bulk: Mutex<Option<write::BulkTxn>>,
}

impl std::fmt::Debug for RedbLog {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RedbLog")
            .field("path", &self.path)
            .field("read_only", &self.is_read_only())
            .finish_non_exhaustive()
    }
}

impl RedbLog {
    /// Opens the log at `path`.
    ///
    /// Only [`OpenMode::Create`] creates a missing file (mode 0600), and its
    /// missing parent folders; the other modes give [`StoreError::Missing`].
    /// Something at `path` that is not a regular file (a folder, a FIFO, a
    /// device; a symbolic link counts as what it points to) is refused with
    /// [`StoreError::NotAFile`] before it is opened. A file that is not a
    /// confdesk log (an empty one included), or that cannot be read, is
    /// refused with [`StoreError::NotALog`] and left byte-for-byte
    /// unchanged. A log another writer holds gives [`StoreError::InUse`]; a
    /// log written by a newer confdesk gives [`StoreError::NewerVersion`].
    /// A writable open takes group and other permissions off the file.
    /// [`OpenMode::ReadOnly`] writes nothing, except to repair a log a
    /// crashed writer left (see [`open`]).
    pub fn open(path: &Path, mode: OpenMode) -> Result<RedbLog, StoreError> {
        match mode {
            OpenMode::ReadWrite => open::read_write(path, false),
            OpenMode::Create => open::read_write(path, true),
            OpenMode::ReadOnly => open::read_only(path),
        }
    }

    /// Opens the log at `path` read-only if it is an existing, cleanly
    /// closed confdesk log; never writes, never repairs. For a replay that
    /// only runs beside a writable open that checks the file (see
    /// `app::opening`).
    pub fn open_if_clean(path: &Path) -> Result<RedbLog, StoreError> {
        open::read_only_unrepaired(path)
    }

    /// The file this log lives in.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The database, if the log was opened for writing.
    fn writable(&self) -> Result<&Database, StoreError> {
        match &self.handle {
            Handle::Write(db) => Ok(db),
            Handle::Read(_) => Err(StoreError::ReadOnly {
                path: self.path.clone(),
            }),
        }
    }

    /// The bulk-mode slot; a panic while it was held left nothing to undo.
    fn bulk_slot(&self) -> MutexGuard<'_, Option<write::BulkTxn>> {
        self.bulk.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Whether the log was opened with [`OpenMode::ReadOnly`].
    pub fn is_read_only(&self) -> bool {
        matches!(self.handle, Handle::Read(_))
    }

    fn begin_read(&self) -> Result<ReadTransaction, StoreError> {
        let result = match &self.handle {
            Handle::Write(db) => db.begin_read(),
            Handle::Read(db) => db.begin_read(),
        };
        result.map_err(|e| redb_error(&self.path, e))
    }

    /// Runs `f`, turning a panic inside redb into [`StoreError::Corrupt`];
    /// `what` says what was being done, for the message (the panic's own
    /// text means nothing to a user and is not shown).
    fn guarded<T>(
        &self,
        what: impl FnOnce() -> String,
        f: impl FnOnce() -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        quiet::quietly(f).unwrap_or_else(|_| Err(engine_failed(&self.path, &what())))
    }

    /// Decodes the bytes stored at `position`; `checksummed` for a format-3
    /// log. The event must claim that position.
    fn decode_at(
        &self,
        position: u64,
        bytes: &[u8],
        checksummed: bool,
    ) -> Result<RecordedEvent, StoreError> {
        let event = wire::decode_stored(bytes, checksummed).map_err(|e| StoreError::Corrupt {
            path: self.path.clone(),
            detail: format!("the event at position {position} cannot be read: {e}"),
        })?;
        if event.position != position {
            return Err(StoreError::Corrupt {
                path: self.path.clone(),
                detail: format!(
                    "the event stored at position {position} claims position {}",
                    event.position
                ),
            });
        }
        Ok(event)
    }

    /// Whether the events read in `txn` carry checksums (format 3). Read in
    /// the same transaction as the events, so that a reader that opened a
    /// version-2 log reads it right after a writer upgraded it.
    fn checksummed_in(&self, txn: &ReadTransaction) -> Result<bool, StoreError> {
        Ok(open::version_in(txn, &self.path)? >= open::CHECKSUM_VERSION)
    }

    /// An error for a position read out of order: positions are 1-based and
    /// gap-free, so a scan from `expected` must meet exactly `expected`.
    fn out_of_order(&self, expected: u64, found: u64) -> StoreError {
        StoreError::Corrupt {
            path: self.path.clone(),
            detail: format!(
                "position {expected} was expected next but the log holds position {found} there"
            ),
        }
    }

    /// The last position, read in `txn`. The last event must claim it: a
    /// flipped bit in the key would otherwise be trusted as the size of the
    /// log.
    fn last_in(&self, txn: &ReadTransaction) -> Result<u64, StoreError> {
        let Some(events) = open_read_table(&self.path, txn, EVENTS)? else {
            return Ok(0);
        };
        let Some((position, bytes)) = events.last().map_err(|e| redb_error(&self.path, e))? else {
            return Ok(0);
        };
        let position = position.value();
        self.decode_at(position, bytes.value(), self.checksummed_in(txn)?)?;
        Ok(position)
    }
}

impl Drop for RedbLog {
    fn drop(&mut self) {
        // Batches appended in bulk mode were acknowledged: keep them.
        let _ = self.set_bulk(false);
        if let Some(pid_file) = &self.pid_file {
            open::remove_own_pid_file(pid_file);
        }
    }
}

impl EventStore for RedbLog {
    fn is_read_only(&self) -> bool {
        RedbLog::is_read_only(self)
    }

    fn place(&self) -> String {
        self.path.display().to_string()
    }

    /// Entries are applied in batch order inside one transaction, so when a
    /// batch holds two entries for the same stream, the second's
    /// `expected_version` is checked against the version left by the first.
    /// An entry without events still has its `expected_version` checked when
    /// the batch holds events elsewhere; a batch without any event writes
    /// nothing and checks nothing.
    fn append(&self, batch: &[StreamAppend]) -> Result<AppendOutcome, StoreError> {
        let db = self.writable()?;
        let mut bulk = self.bulk_slot();
        if batch.iter().all(|entry| entry.events.is_empty()) {
            let last_position = if let Some(open) = bulk.as_ref() {
                self.guarded(
                    || "reading the last position".into(),
                    || self.last_written(&open.txn),
                )?
            } else {
                drop(bulk);
                self.last_position()?
            };
            return Ok(AppendOutcome {
                first_position: None,
                last_position,
            });
        }
        if bulk.is_some() {
            return self.append_bulk(db, &mut bulk, batch);
        }
        drop(bulk);
        self.guarded(
            || "appending events".into(),
            || {
                let mut txn = db.begin_write().map_err(|e| redb_error(&self.path, e))?;
                txn.set_durability(Durability::Immediate)
                    .map_err(|e| redb_error(&self.path, e))?;
                match self.write_batch(&txn, batch) {
                    Ok((first, last)) => {
                        txn.commit().map_err(|e| redb_error(&self.path, e))?;
                        Ok(AppendOutcome {
                            first_position: Some(first),
                            last_position: last,
                        })
                    }
                    Err(error) => {
                        // Nothing of the batch may reach the file; an abort
                        // failure changes nothing about that, so report `error`.
                        let _ = txn.abort();
                        Err(error)
                    }
                }
            },
        )
    }

    fn read_stream(&self, stream_id: &str) -> Result<Vec<RecordedEvent>, StoreError> {
        self.checkpoint_bulk()?;
        self.guarded(|| format!("reading stream {stream_id}"), || {
            let txn = self.begin_read()?;
            let err = |e: redb::StorageError| redb_error(&self.path, e);
            let Some(index) = open_read_table(&self.path, &txn, STREAM_INDEX)? else {
                return Ok(Vec::new());
            };
            let Some(events) = open_read_table(&self.path, &txn, EVENTS)? else {
                return Ok(Vec::new());
            };
            let checksummed = self.checksummed_in(&txn)?;
            let mut out = Vec::new();
            let range = index
                .range((stream_id, 1_u64)..=(stream_id, u64::MAX))
                .map_err(err)?;
            for item in range {
                let (key, position) = item.map_err(err)?;
                let (version, position) = (key.value().1, position.value());
                let Some(bytes) = events.get(position).map_err(err)? else {
                    return Err(StoreError::Corrupt {
                        path: self.path.clone(),
                        detail: format!(
                            "version {version} of stream {stream_id} points at position {position}, which holds no event"
                        ),
                    });
                };
                let event = self.decode_at(position, bytes.value(), checksummed)?;
                // Index entries have no checksum: the event must be the one
                // the entry names, and versions follow each other.
                let next = out.len() as u64 + 1;
                if event.stream_id != stream_id || event.stream_version != version || version != next
                {
                    return Err(StoreError::Corrupt {
                        path: self.path.clone(),
                        detail: format!(
                            "the index entry for version {version} of stream {stream_id} points at position {position}, which holds version {} of stream {} (version {next} was expected)",
                            event.stream_version, event.stream_id
                        ),
                    });
                }
                out.push(event);
            }
            Ok(out)
        })
    }

    fn read_all_from(
        &self,
        from: u64,
        f: &mut dyn FnMut(RecordedEvent) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        // A panic in `f` is the caller's and is passed on as a panic, not
        // reported as damage to the log.
        self.checkpoint_bulk()?;
        let mut caller_panic: Option<Box<dyn Any + Send>> = None;
        let next = Cell::new(from.max(1));
        let result = self.guarded(
            || format!("reading the events from position {}", next.get()),
            || {
                let txn = self.begin_read()?;
                let Some(events) = open_read_table(&self.path, &txn, EVENTS)? else {
                    return Ok(());
                };
                let checksummed = self.checksummed_in(&txn)?;
                let range = events
                    .range(from..)
                    .map_err(|e| redb_error(&self.path, e))?;
                for item in range {
                    let (position, bytes) = item.map_err(|e| redb_error(&self.path, e))?;
                    let expected = next.get();
                    if position.value() != expected {
                        return Err(self.out_of_order(expected, position.value()));
                    }
                    let event = self.decode_at(expected, bytes.value(), checksummed)?;
                    next.set(expected + 1);
                    let called = quiet::loud(|| panic::catch_unwind(AssertUnwindSafe(|| f(event))));
                    match called {
                        Ok(outcome) => outcome?,
                        Err(payload) => {
                            caller_panic = Some(payload);
                            return Ok(());
                        }
                    }
                }
                Ok(())
            },
        );
        if let Some(payload) = caller_panic {
            panic::resume_unwind(payload);
        }
        result
    }

    fn read_range(&self, from: u64, to: u64) -> Result<Vec<RecordedEvent>, StoreError> {
        self.checkpoint_bulk()?;
        if from > to {
            return Ok(Vec::new());
        }
        self.guarded(
            || format!("reading positions {from} to {to}"),
            || {
                let txn = self.begin_read()?;
                let Some(events) = open_read_table(&self.path, &txn, EVENTS)? else {
                    return Ok(Vec::new());
                };
                let checksummed = self.checksummed_in(&txn)?;
                let err = |e: redb::StorageError| redb_error(&self.path, e);
                // Not sized from `to`: it may come from the file.
                let mut out = Vec::new();
                let range = events.range(from..=to).map_err(err)?;
                for (next, item) in (from.max(1)..).zip(range) {
                    let (position, bytes) = item.map_err(err)?;
                    if position.value() != next {
                        return Err(self.out_of_order(next, position.value()));
                    }
                    out.push(self.decode_at(next, bytes.value(), checksummed)?);
                }
                Ok(out)
            },
        )
    }

    fn last_position(&self) -> Result<u64, StoreError> {
        self.checkpoint_bulk()?;
        self.guarded(
            || "reading the last position".into(),
            || {
                let txn = self.begin_read()?;
                self.last_in(&txn)
            },
        )
    }

    fn stream_version(&self, stream_id: &str) -> Result<u64, StoreError> {
        self.checkpoint_bulk()?;
        self.guarded(
            || format!("reading the version of stream {stream_id}"),
            || {
                let txn = self.begin_read()?;
                let Some(index) = open_read_table(&self.path, &txn, STREAM_INDEX)? else {
                    return Ok(0);
                };
                stream_head(&index, stream_id).map_err(|e| redb_error(&self.path, e))
            },
        )
    }

    fn check_storage(&self) -> Result<StorageCheck, StoreError> {
        self.checkpoint_bulk()?;
        self.check_copy()
    }

    fn set_bulk(&self, on: bool) -> Result<(), StoreError> {
        let db = self.writable()?;
        let mut slot = self.bulk_slot();
        match (on, slot.is_some()) {
            (true, false) => self.start_bulk(db, &mut slot),
            (false, true) => self.finish_bulk(&mut slot),
            _ => Ok(()),
        }
    }
}

/// The current version of `stream_id`: its last key in `index`; 0 when the
/// stream has no event yet.
fn stream_head<T: ReadableTable<(&'static str, u64), u64>>(
    index: &T,
    stream_id: &str,
) -> Result<u64, redb::StorageError> {
    let last = index
        .range((stream_id, 1_u64)..=(stream_id, u64::MAX))?
        .next_back()
        .transpose()?;
    Ok(last.map_or(0, |(key, _)| key.value().1))
}

/// Opens a table for reading; `None` when it does not exist (yet).
fn open_read_table<K: redb::Key + 'static, V: redb::Value + 'static>(
    path: &Path,
    txn: &ReadTransaction,
    table: TableDefinition<K, V>,
) -> Result<Option<ReadOnlyTable<K, V>>, StoreError> {
    match txn.open_table(table) {
        Ok(table) => Ok(Some(table)),
        Err(TableError::TableDoesNotExist(_)) => Ok(None),
        Err(e) => Err(redb_error(path, e)),
    }
}

/// Maps any redb error met while using an open log to a [`StoreError`].
fn redb_error(path: &Path, error: impl Into<redb::Error>) -> StoreError {
    match error.into() {
        redb::Error::Corrupted(detail) => StoreError::Corrupt {
            path: path.to_path_buf(),
            detail,
        },
        redb::Error::Io(source) if source.kind() == std::io::ErrorKind::UnexpectedEof => {
            StoreError::Corrupt {
                path: path.to_path_buf(),
                detail: format!(
                    "the file ends before its data does; it may be truncated ({source})"
                ),
            }
        }
        redb::Error::Io(source) => StoreError::Io {
            path: path.to_path_buf(),
            source,
        },
        other => StoreError::Storage {
            path: path.to_path_buf(),
            detail: other.to_string(),
        },
    }
}

/// The error for a panic of the storage engine while doing `what`: the log
/// is damaged, said in one line without the panic's own text.
fn engine_failed(path: &Path, what: &str) -> StoreError {
    StoreError::Corrupt {
        path: path.to_path_buf(),
        detail: format!("the storage engine could not read it (while {what})"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn log_is_send_and_sync() {
        fn check<T: Send + Sync>() {}
        check::<RedbLog>();
    }
}
