//! [`RedbLog`]: the event log in a single redb file.
//!
//! Layout (format version 2):
//! - `events`: position → postcard-encoded [`RecordedEvent`];
//! - `stream_index`: (stream id, version) → position; a stream's current
//!   version is its last key here;
//! - `meta`: `"format"` = `b"confdesk-event-log"`, `"format_version"` = u32 LE.
//!
//! Format version 1 also kept `stream_heads` (stream id → current version),
//! a third B-tree written by every append: it made a durable append cost
//! about 1.8× a bare redb write of the same bytes instead of 1.5×
//! (BENCHMARKS.md). Version 2 reads the head from `stream_index` instead.
//! A version-1 log is read as it is, and upgraded (marker set to 2,
//! `stream_heads` dropped, in one transaction) when opened for writing, so
//! that an older confdesk refuses it as newer instead of trusting heads it
//! no longer updates.
//!
//! Opening is careful never to damage a file it refuses: see [`open`] for
//! the backup taken around redb's repair and integrity check.
//!
//! redb documents that it may panic on a file corrupted outside redb; every
//! call into it is therefore run under `catch_unwind` and such a panic is
//! reported as an error naming the file.

mod backup;
mod open;
mod wire;
mod write;

pub(crate) use open::{REDB_MAGIC, process_alive};

use std::any::Any;
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, PoisonError};

use redb::{
    Database, Durability, ReadOnlyDatabase, ReadOnlyTable, ReadTransaction, ReadableDatabase,
    ReadableTable, TableDefinition, TableError,
};

use super::{AppendOutcome, EventStore, RecordedEvent, StoreError, StreamAppend};

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
    /// Create the log if needed and allow appends. Only one writer at a time.
    ReadWrite,
    /// Read an existing log, even while another process writes to it; the
    /// reader sees the writer's commits as they happen.
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
    /// [`OpenMode::ReadWrite`] creates a missing (or 0-byte) file, and its
    /// missing parent folders. A file that is not a confdesk log, or that
    /// cannot be read, is refused with [`StoreError::NotALog`] and left
    /// byte-for-byte unchanged. A log another writer holds gives
    /// [`StoreError::InUse`]; a log written by a newer confdesk gives
    /// [`StoreError::NewerVersion`]. [`OpenMode::ReadOnly`] never creates or
    /// modifies the file and gives [`StoreError::Missing`] when it is absent.
    pub fn open(path: &Path, mode: OpenMode) -> Result<RedbLog, StoreError> {
        match mode {
            OpenMode::ReadWrite => open::read_write(path),
            OpenMode::ReadOnly => open::read_only(path),
        }
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

    /// Runs `f`, turning a panic inside redb into [`StoreError::Corrupt`].
    fn guarded<T>(&self, f: impl FnOnce() -> Result<T, StoreError>) -> Result<T, StoreError> {
        panic::catch_unwind(AssertUnwindSafe(f)).unwrap_or_else(|payload| {
            Err(StoreError::Corrupt {
                path: self.path.clone(),
                detail: format!("the storage engine failed: {}", panic_text(&*payload)),
            })
        })
    }

    /// Decodes the envelope stored at `position`.
    fn decode_at(&self, position: u64, bytes: &[u8]) -> Result<RecordedEvent, StoreError> {
        let event = wire::decode_envelope(bytes).map_err(|e| StoreError::Corrupt {
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

    /// The last position, read in `txn`.
    fn last_in(&self, txn: &ReadTransaction) -> Result<u64, StoreError> {
        let Some(events) = open_read_table(&self.path, txn, EVENTS)? else {
            return Ok(0);
        };
        let last = events.last().map_err(|e| redb_error(&self.path, e))?;
        Ok(last.map_or(0, |(position, _)| position.value()))
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
                self.guarded(|| self.last_written(&open.txn))?
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
        self.guarded(|| {
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
        })
    }

    fn read_stream(&self, stream_id: &str) -> Result<Vec<RecordedEvent>, StoreError> {
        self.checkpoint_bulk()?;
        self.guarded(|| {
            let txn = self.begin_read()?;
            let err = |e: redb::StorageError| redb_error(&self.path, e);
            let Some(index) = open_read_table(&self.path, &txn, STREAM_INDEX)? else {
                return Ok(Vec::new());
            };
            let Some(events) = open_read_table(&self.path, &txn, EVENTS)? else {
                return Ok(Vec::new());
            };
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
                out.push(self.decode_at(position, bytes.value())?);
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
        let result = self.guarded(|| {
            let txn = self.begin_read()?;
            let Some(events) = open_read_table(&self.path, &txn, EVENTS)? else {
                return Ok(());
            };
            let range = events
                .range(from..)
                .map_err(|e| redb_error(&self.path, e))?;
            for item in range {
                let (position, bytes) = item.map_err(|e| redb_error(&self.path, e))?;
                let event = self.decode_at(position.value(), bytes.value())?;
                match panic::catch_unwind(AssertUnwindSafe(|| f(event))) {
                    Ok(outcome) => outcome?,
                    Err(payload) => {
                        caller_panic = Some(payload);
                        return Ok(());
                    }
                }
            }
            Ok(())
        });
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
        self.guarded(|| {
            let txn = self.begin_read()?;
            let Some(events) = open_read_table(&self.path, &txn, EVENTS)? else {
                return Ok(Vec::new());
            };
            let err = |e: redb::StorageError| redb_error(&self.path, e);
            let mut out = Vec::new();
            for item in events.range(from..=to).map_err(err)? {
                let (position, bytes) = item.map_err(err)?;
                out.push(self.decode_at(position.value(), bytes.value())?);
            }
            Ok(out)
        })
    }

    fn last_position(&self) -> Result<u64, StoreError> {
        self.checkpoint_bulk()?;
        self.guarded(|| {
            let txn = self.begin_read()?;
            self.last_in(&txn)
        })
    }

    fn stream_version(&self, stream_id: &str) -> Result<u64, StoreError> {
        self.checkpoint_bulk()?;
        self.guarded(|| {
            let txn = self.begin_read()?;
            let Some(index) = open_read_table(&self.path, &txn, STREAM_INDEX)? else {
                return Ok(0);
            };
            stream_head(&index, stream_id).map_err(|e| redb_error(&self.path, e))
        })
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

/// The message of a caught panic.
fn panic_text(payload: &(dyn Any + Send)) -> String {
    if let Some(text) = payload.downcast_ref::<&str>() {
        (*text).to_owned()
    } else if let Some(text) = payload.downcast_ref::<String>() {
        text.clone()
    } else {
        "an unexpected internal error".to_owned()
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

    #[test]
    fn panic_text_reads_both_payload_kinds() {
        let literal: Box<dyn Any + Send> = Box::new("static");
        let owned: Box<dyn Any + Send> = Box::new(String::from("owned"));
        assert_eq!(panic_text(&*literal), "static");
        assert_eq!(panic_text(&*owned), "owned");
        assert_eq!(panic_text(&*Box::new(5_u8)), "an unexpected internal error");
    }
}
