//! The envelope every stored event travels in.

use crate::store::StoreError;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// An event to be appended: the store fills in versions and position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewEvent {
    /// Unique id (UUID v7), chosen by the appender before the first try, so
    /// that a retried append can be recognised as the same one (the
    /// PostgreSQL log stores an id once) and a copied log keeps its ids.
    pub event_id: Uuid,
    /// Stable name of the event type, e.g. `"OrderPlaced"`. Never renamed.
    pub event_type: String,
    /// Schema version of the payload's layout for that type.
    pub schema_version: u16,
    /// Id of the user action (command) that started the cascade.
    pub correlation_id: Uuid,
    /// Id of the command or event that directly caused this event.
    pub causation_id: Uuid,
    /// When the event happened, from the app's injected clock.
    pub recorded_at: DateTime<Utc>,
    /// Encoded payload (opaque to the store).
    pub payload: Vec<u8>,
}

impl NewEvent {
    /// The event as stored: with its id, the stream's new version and its
    /// global position. Both stores make every stored event here.
    pub fn recorded(&self, stream_id: &str, stream_version: u64, position: u64) -> RecordedEvent {
        RecordedEvent {
            event_id: self.event_id,
            stream_id: stream_id.to_owned(),
            stream_version,
            position,
            event_type: self.event_type.clone(),
            schema_version: self.schema_version,
            recorded_at: self.recorded_at,
            correlation_id: self.correlation_id,
            causation_id: self.causation_id,
            payload: self.payload.clone(),
        }
    }
}

/// Events for one stream inside an append batch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StreamAppend {
    /// Stream id, e.g. `"order-0190…"`.
    pub stream_id: String,
    /// The version the caller last saw; 0 for a new stream.
    pub expected_version: u64,
    /// Events to add, in order.
    pub events: Vec<NewEvent>,
}

/// An event as stored in the log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordedEvent {
    /// Unique id (UUID v7: time-ordered).
    pub event_id: Uuid,
    /// Stream this event belongs to.
    pub stream_id: String,
    /// 1-based version within its stream.
    pub stream_version: u64,
    /// 1-based, gap-free position in the whole log.
    pub position: u64,
    /// Stable event type name.
    pub event_type: String,
    /// Payload schema version.
    pub schema_version: u16,
    /// When the event happened (UTC).
    pub recorded_at: DateTime<Utc>,
    /// Id of the user action that started the cascade.
    pub correlation_id: Uuid,
    /// Id of what directly caused this event.
    pub causation_id: Uuid,
    /// Encoded payload.
    pub payload: Vec<u8>,
}

/// Checks every entry's expected version against its stream's head
/// (`head`, read once per stream); a stream named twice in one batch is
/// checked against the version its earlier entry leaves. A mismatch is
/// [`StoreError::Concurrency`]: the caller writes nothing. Both stores
/// check a batch here, under their own lock.
pub(crate) fn check_expected_versions(
    batch: &[StreamAppend],
    mut head: impl FnMut(&str) -> Result<u64, StoreError>,
) -> Result<(), StoreError> {
    let mut versions: std::collections::HashMap<&str, u64> = std::collections::HashMap::new();
    for entry in batch {
        let stream_id = entry.stream_id.as_str();
        let actual = match versions.get(stream_id) {
            Some(version) => *version,
            None => head(stream_id)?,
        };
        if actual != entry.expected_version {
            return Err(StoreError::Concurrency {
                stream_id: entry.stream_id.clone(),
                expected: entry.expected_version,
                actual,
            });
        }
        versions.insert(stream_id, actual + entry.events.len() as u64);
    }
    Ok(())
}
