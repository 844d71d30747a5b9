//! The event log: an append-only sequence of [`RecordedEvent`]s behind the
//! [`EventStore`] trait, so that the redb file of one desk and the shared
//! PostgreSQL log of several ([`PgLog`]) are interchangeable for the app
//! layer.
//!
//! The store knows nothing of the domain: a payload is opaque bytes plus a
//! `(event type, schema version)` pair that the app layer decodes.

mod codec;
mod copy;
mod envelope;
mod error;
mod local_file;
mod pg_log;
mod redb_log;
mod watch;
mod wire;

pub use codec::{CodecError, decode, encode};
pub use copy::{CopyReport, copy_log};
pub(crate) use envelope::check_expected_versions;
pub use envelope::{NewEvent, RecordedEvent, StreamAppend};
pub use error::StoreError;
pub use local_file::{FileKind, create_private, private_options};
pub use pg_log::PgLog;
pub use redb_log::{OpenMode, RedbLog};
pub(crate) use redb_log::{REDB_MAGIC, process_alive};
pub use watch::{Link, Wake, Watch};

/// What an append committed: the global positions it was given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AppendOutcome {
    /// Global position of the first event written (equal to `last + 1` of
    /// the previous append). `None` when the batch held no events.
    pub first_position: Option<u64>,
    /// Global position of the last event in the log after the append.
    pub last_position: u64,
}

/// What the storage engine's own check of the whole file found (`verify`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StorageCheck {
    /// How the check was done, in words (shown by `verify`).
    pub how: String,
    /// What is wrong with the file, in words; `None` when the check passed.
    pub problem: Option<String>,
}

/// An append-only event log.
///
/// Positions are 1-based and gap-free; stream versions are 1-based per
/// stream. `expected_version` 0 means "the stream does not exist yet".
pub trait EventStore: Send + Sync {
    /// Appends every batch entry in ONE durable transaction. If any entry's
    /// `expected_version` differs from its stream's current version, nothing
    /// is written and [`StoreError::Concurrency`] is returned.
    fn append(&self, batch: &[StreamAppend]) -> Result<AppendOutcome, StoreError>;

    /// Every event of one stream, in stream-version order (empty if unknown).
    fn read_stream(&self, stream_id: &str) -> Result<Vec<RecordedEvent>, StoreError>;

    /// Calls `f` for every event with `position >= from`, in position order.
    /// `f` returning `Err` stops the scan and the error is passed through.
    fn read_all_from(
        &self,
        from: u64,
        f: &mut dyn FnMut(RecordedEvent) -> Result<(), StoreError>,
    ) -> Result<(), StoreError>;

    /// Every event with `from <= position <= to`, in position order.
    fn read_range(&self, from: u64, to: u64) -> Result<Vec<RecordedEvent>, StoreError>;

    /// Position of the last event (0 for an empty log).
    fn last_position(&self) -> Result<u64, StoreError>;

    /// Current version of a stream (0 if it has no events).
    fn stream_version(&self, stream_id: &str) -> Result<u64, StoreError>;

    /// Where the log is, in words for messages: a file's path, or
    /// `PostgreSQL database NAME` (never a connection string, which may
    /// hold a password).
    fn place(&self) -> String {
        "the event log".to_owned()
    }

    /// Whether appends are refused because the log was opened read-only.
    fn is_read_only(&self) -> bool {
        false
    }

    /// Runs the storage engine's own check of the whole file (page
    /// checksums, nothing cut off), writing nothing to the log. A store
    /// without such a check says so and reports no problem.
    fn check_storage(&self) -> Result<StorageCheck, StoreError> {
        Ok(StorageCheck {
            how: "no storage check for this kind of log".to_owned(),
            problem: None,
        })
    }

    /// While `on`, no other desk may append to this log (a shared log):
    /// a desk that lost the race for the same streams several times in a
    /// row catches up, decides and appends alone, then turns it off. A log
    /// only this process writes has no one to keep out.
    fn decide_alone(&self, on: bool) -> Result<(), StoreError> {
        let _ = on;
        Ok(())
    }

    /// Starts watching for events other desks append after position
    /// `from`, calling `wake` (from another thread) when some arrive or the
    /// link to the server changes. `None` for a log no one else appends to.
    fn watch(&self, from: u64, wake: Wake) -> Option<Watch> {
        let _ = (from, wake);
        None
    }

    /// Turns bulk mode on or off (for generating large logs). While it is
    /// on, [`EventStore::append`] may return before its batch is durable:
    /// batches are grouped into large transactions, so a crash loses the
    /// latest ones, each batch whole or not at all. Turning it off makes
    /// everything appended so far durable. A store without such a mode
    /// ignores the call.
    fn set_bulk(&self, on: bool) -> Result<(), StoreError> {
        let _ = on;
        Ok(())
    }
}
