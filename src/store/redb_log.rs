//! [`RedbLog`]: the event log in a single redb file.
//!
//! Layout (format version 1):
//! - `events`: position → postcard-encoded [`RecordedEvent`];
//! - `stream_index`: (stream id, version) → position;
//! - `stream_heads`: stream id → current version;
//! - `meta`: `"format"` = `b"confdesk-event-log"`, `"format_version"` = u32 LE.
//!
//! Opening is careful never to damage a file it refuses: see [`open`] for
//! the backup taken around redb's repair and integrity check.
//!
//! redb documents that it may panic on a file corrupted outside redb; every
//! call into it is therefore run under `catch_unwind` and such a panic is
//! reported as an error naming the file.

mod open;

use std::any::Any;
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};

use redb::{
    Database, Durability, ReadOnlyDatabase, ReadOnlyTable, ReadTransaction, ReadableDatabase,
    ReadableTable, TableDefinition, TableError,
};
use uuid::Uuid;

use super::codec;
use super::{AppendOutcome, EventStore, RecordedEvent, StoreError, StreamAppend};

/// Position → encoded [`RecordedEvent`].
const EVENTS: TableDefinition<u64, &[u8]> = TableDefinition::new("events");
/// (stream id, stream version) → position.
const STREAM_INDEX: TableDefinition<(&str, u64), u64> = TableDefinition::new("stream_index");
/// Stream id → current stream version.
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
        let event: RecordedEvent = codec::decode(bytes).map_err(|e| StoreError::Corrupt {
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

    /// Writes `batch` in `txn`; returns the first and last positions written.
    fn write_batch(
        &self,
        txn: &redb::WriteTransaction,
        batch: &[StreamAppend],
    ) -> Result<(u64, u64), StoreError> {
        let err = |e: redb::Error| redb_error(&self.path, e);
        let mut events = txn.open_table(EVENTS).map_err(|e| err(e.into()))?;
        let mut index = txn.open_table(STREAM_INDEX).map_err(|e| err(e.into()))?;
        let mut heads = txn.open_table(STREAM_HEADS).map_err(|e| err(e.into()))?;
        let mut last = match events.last().map_err(|e| err(e.into()))? {
            Some((position, _)) => position.value(),
            None => 0,
        };
        let first = last + 1;
        for entry in batch {
            let stream_id = entry.stream_id.as_str();
            let actual = match heads.get(stream_id).map_err(|e| err(e.into()))? {
                Some(version) => version.value(),
                None => 0,
            };
            if actual != entry.expected_version {
                return Err(StoreError::Concurrency {
                    stream_id: entry.stream_id.clone(),
                    expected: entry.expected_version,
                    actual,
                });
            }
            let mut version = actual;
            for new in &entry.events {
                last += 1;
                version += 1;
                let recorded = RecordedEvent {
                    event_id: Uuid::now_v7(),
                    stream_id: entry.stream_id.clone(),
                    stream_version: version,
                    position: last,
                    event_type: new.event_type.clone(),
                    schema_version: new.schema_version,
                    recorded_at: new.recorded_at,
                    correlation_id: new.correlation_id,
                    causation_id: new.causation_id,
                    payload: new.payload.clone(),
                };
                let bytes = codec::encode(&recorded).map_err(|e| StoreError::Storage {
                    path: self.path.clone(),
                    detail: format!("could not encode the event for stream {stream_id}: {e}"),
                })?;
                events
                    .insert(last, bytes.as_slice())
                    .map_err(|e| err(e.into()))?;
                index
                    .insert((stream_id, version), last)
                    .map_err(|e| err(e.into()))?;
            }
            if version != actual {
                heads
                    .insert(stream_id, version)
                    .map_err(|e| err(e.into()))?;
            }
        }
        Ok((first, last))
    }
}

impl Drop for RedbLog {
    fn drop(&mut self) {
        if let Some(pid_file) = &self.pid_file {
            open::remove_own_pid_file(pid_file);
        }
    }
}

impl EventStore for RedbLog {
    /// Entries are applied in batch order inside one transaction, so when a
    /// batch holds two entries for the same stream, the second's
    /// `expected_version` is checked against the version left by the first.
    /// An entry without events still has its `expected_version` checked when
    /// the batch holds events elsewhere; a batch without any event writes
    /// nothing and checks nothing.
    fn append(&self, batch: &[StreamAppend]) -> Result<AppendOutcome, StoreError> {
        let db = match &self.handle {
            Handle::Write(db) => db,
            Handle::Read(_) => {
                return Err(StoreError::ReadOnly {
                    path: self.path.clone(),
                });
            }
        };
        if batch.iter().all(|entry| entry.events.is_empty()) {
            return Ok(AppendOutcome {
                first_position: None,
                last_position: self.last_position()?,
            });
        }
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

    fn last_position(&self) -> Result<u64, StoreError> {
        self.guarded(|| {
            let txn = self.begin_read()?;
            self.last_in(&txn)
        })
    }

    fn stream_version(&self, stream_id: &str) -> Result<u64, StoreError> {
        self.guarded(|| {
            let txn = self.begin_read()?;
            let Some(heads) = open_read_table(&self.path, &txn, STREAM_HEADS)? else {
                return Ok(0);
            };
            let version = heads
                .get(stream_id)
                .map_err(|e| redb_error(&self.path, e))?;
            Ok(version.map_or(0, |v| v.value()))
        })
    }
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
