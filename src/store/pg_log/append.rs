//! Appending to the PostgreSQL log: one transaction per batch, serialised
//! by the advisory lock, idempotent by event id.
//!
//! Why idempotent: when the connection drops while COMMIT is under way, the
//! desk cannot know whether the batch was stored. The ids are chosen once,
//! before the first try (they travel in each [`crate::store::NewEvent`]),
//! and every retry sends the same ids: a batch whose first id is already
//! stored is answered with its stored positions and written no second
//! time — also when the retry comes from a desk that restarted, or from a
//! door uploading the check-ins it queued offline.

use postgres::Transaction;
use postgres::types::Type;
use uuid::Uuid;

use super::{APPEND_LOCK, PgLog, TURN_LOCK, to_i64, to_u64};
use crate::store::check_expected_versions;
use crate::store::{AppendOutcome, EventStore as _, StoreError, StreamAppend, wire};

/// Tries an append makes when the server fails on the way (the first try
/// and its retries).
const APPEND_TRIES: usize = 3;
/// The pause before the first retry; the second waits three times as long.
const RETRY_PAUSE: std::time::Duration = std::time::Duration::from_millis(100);

impl PgLog {
    /// Appends `batch`, retrying with the same event ids when the
    /// connection was lost.
    pub(super) fn append_retrying(
        &self,
        batch: &[StreamAppend],
    ) -> Result<AppendOutcome, StoreError> {
        let mut tries = 1;
        loop {
            match self.append_once(batch) {
                // Safe to repeat whatever failed: the ids make a batch that
                // did commit answer with its stored outcome. A new
                // connection, since the old one may be half-closed.
                Err(StoreError::Server { .. } | StoreError::Unreachable { .. })
                    if tries < APPEND_TRIES =>
                {
                    // A server restarting takes a moment to accept again:
                    // a short pause (0.1 s, then 0.3 s) lets the retry find
                    // it, so a committed append is rarely reported as lost.
                    std::thread::sleep(RETRY_PAUSE * (2 * tries - 1) as u32);
                    tries += 1;
                    if let Err(error) = self.reconnect()
                        && tries >= APPEND_TRIES
                    {
                        return Err(error);
                    }
                }
                outcome => return outcome,
            }
        }
    }

    /// Appends `batch` in one transaction. If its first event's id is
    /// already stored, the whole batch must be stored under its ids at
    /// consecutive positions (a retry of an append that committed): its
    /// outcome is returned and nothing is written; a batch only partly
    /// stored is refused as damage.
    fn append_once(&self, batch: &[StreamAppend]) -> Result<AppendOutcome, StoreError> {
        if self.read_only {
            return Err(StoreError::ReadOnly { path: self.place() });
        }
        let event_ids: Vec<Uuid> = batch
            .iter()
            .flat_map(|entry| entry.events.iter().map(|new| new.event_id))
            .collect();
        let Some(first_id) = event_ids.first() else {
            return Ok(AppendOutcome {
                first_position: None,
                last_position: self.last_position()?,
            });
        };
        let mut client = self.client()?;
        let mut txn = client.transaction().map_err(|e| self.server(e))?;
        // Each statement below is one round trip (`*_typed`: parse, bind
        // and execute in one message; the untyped calls prepare first, a
        // second round trip): what an order waits for besides the fsync
        // (BENCHMARKS.md, issue 15).
        // Shared on the turn lock first: a desk deciding alone holds it
        // exclusively (see `EventStore::decide_alone`).
        txn.execute_typed(
            "SELECT pg_advisory_xact_lock_shared($1), pg_advisory_xact_lock($2)",
            &[(&TURN_LOCK, Type::INT8), (&APPEND_LOCK, Type::INT8)],
        )
        .map_err(|e| self.server(e))?;
        if let Some(stored) = self.stored_outcome(&mut txn, first_id, &event_ids)? {
            return Ok(stored);
        }
        let last = self.check_versions(&mut txn, batch)?;
        let outcome = self.insert_batch(&mut txn, batch, last)?;
        // Delivered to the listening desks when (and only if) this commits.
        txn.execute_typed(
            "SELECT pg_notify($1, $2)",
            &[
                (&super::listen::CHANNEL, Type::TEXT),
                (&outcome.last_position.to_string(), Type::TEXT),
            ],
        )
        .map_err(|e| self.server(e))?;
        txn.commit().map_err(|e| self.server(e))?;
        Ok(outcome)
    }

    /// The outcome of an earlier append of these ids, if the first is stored.
    fn stored_outcome(
        &self,
        txn: &mut Transaction<'_>,
        first_id: &Uuid,
        event_ids: &[Uuid],
    ) -> Result<Option<AppendOutcome>, StoreError> {
        let texts: Vec<String> = event_ids.iter().map(Uuid::to_string).collect();
        let rows = txn
            .query_typed(
                "SELECT position, event_id::text FROM confdesk_events WHERE event_id = ANY($1::text[]::uuid[]) ORDER BY position",
                &[(&texts, Type::TEXT_ARRAY)],
            )
            .map_err(|e| self.server(e))?;
        if rows.is_empty() {
            return Ok(None);
        }
        let mut positions = Vec::with_capacity(rows.len());
        for row in &rows {
            let position: i64 = row.try_get(0).map_err(|e| self.server(e))?;
            let id: String = row.try_get(1).map_err(|e| self.server(e))?;
            positions.push((to_u64(self, position, "position")?, id));
        }
        // The earlier append stored the batch in order at consecutive
        // positions, starting with the first id.
        let start = positions.first().map_or(0, |(position, _)| *position);
        let whole = positions.len() == texts.len()
            && positions.first().map(|(_, id)| id) == Some(&first_id.to_string())
            && (start..).zip(&texts).zip(&positions).all(
                |((expected_position, expected_id), (position, id))| {
                    *position == expected_position && id == expected_id
                },
            );
        match (whole, positions.first(), positions.last()) {
            (true, Some((first, _)), Some((last, _))) => Ok(Some(AppendOutcome {
                first_position: Some(*first),
                last_position: *last,
            })),
            _ => Err(StoreError::Storage {
                path: self.place(),
                detail: format!(
                    "{} of the {} event ids of this append are already stored, but not as one earlier append; nothing was written",
                    positions.len(),
                    texts.len()
                ),
            }),
        }
    }

    /// Checks every entry's expected version under the lock; a mismatch is
    /// [`StoreError::Concurrency`] and the transaction is rolled back.
    /// Returns the log's last position. One query reads every stream's
    /// version and the last position.
    fn check_versions(
        &self,
        txn: &mut Transaction<'_>,
        batch: &[StreamAppend],
    ) -> Result<u64, StoreError> {
        let mut streams: Vec<&str> = batch.iter().map(|e| e.stream_id.as_str()).collect();
        streams.sort_unstable();
        streams.dedup();
        let rows = txn
            .query_typed(
                "SELECT s.id, (SELECT coalesce(max(e.version), 0) FROM confdesk_events e WHERE e.stream_id = s.id), (SELECT coalesce(max(position), 0) FROM confdesk_events) FROM unnest($1::text[]) AS s(id)",
                &[(&streams, Type::TEXT_ARRAY)],
            )
            .map_err(|e| self.server(e))?;
        let mut heads = std::collections::HashMap::with_capacity(rows.len());
        let mut last = 0;
        for row in &rows {
            let stream: &str = row.try_get(0).map_err(|e| self.server(e))?;
            let version: i64 = row.try_get(1).map_err(|e| self.server(e))?;
            let position: i64 = row.try_get(2).map_err(|e| self.server(e))?;
            heads.insert(stream, to_u64(self, version, "stream version")?);
            last = to_u64(self, position, "position")?;
        }
        check_expected_versions(batch, |stream_id| {
            heads
                .get(stream_id)
                .copied()
                .ok_or_else(|| StoreError::Storage {
                    path: self.place(),
                    detail: format!("the server did not answer the version of stream {stream_id}"),
                })
        })?;
        Ok(last)
    }

    /// Writes the batch at `last + 1`, `last + 2`, … in one statement (the
    /// rows as arrays, unnested by the server).
    fn insert_batch(
        &self,
        txn: &mut Transaction<'_>,
        batch: &[StreamAppend],
        last: u64,
    ) -> Result<AppendOutcome, StoreError> {
        let first = last + 1;
        let mut last = last;
        let rows: usize = batch.iter().map(|e| e.events.len()).sum();
        let mut positions: Vec<i64> = Vec::with_capacity(rows);
        let mut ids: Vec<String> = Vec::with_capacity(rows);
        let mut streams: Vec<&str> = Vec::with_capacity(rows);
        let mut versions: Vec<i64> = Vec::with_capacity(rows);
        let mut envelopes: Vec<Vec<u8>> = Vec::with_capacity(rows);
        for entry in batch {
            let mut version = entry.expected_version;
            for new in &entry.events {
                last += 1;
                version += 1;
                let recorded = new.recorded(&entry.stream_id, version, last);
                let bytes = wire::encode_stored(&recorded).map_err(|e| StoreError::Storage {
                    path: self.place(),
                    detail: format!(
                        "could not encode the event for stream {}: {e}",
                        entry.stream_id
                    ),
                })?;
                positions.push(to_i64(last));
                ids.push(new.event_id.to_string());
                streams.push(&entry.stream_id);
                versions.push(to_i64(version));
                envelopes.push(bytes);
            }
        }
        let inserted = txn.execute_typed(
            "INSERT INTO confdesk_events (position, event_id, stream_id, version, envelope) SELECT p, i::uuid, s, v, e FROM unnest($1::bigint[], $2::text[], $3::text[], $4::bigint[], $5::bytea[]) AS r(p, i, s, v, e)",
            &[
                (&positions, Type::INT8_ARRAY),
                (&ids, Type::TEXT_ARRAY),
                (&streams, Type::TEXT_ARRAY),
                (&versions, Type::INT8_ARRAY),
                (&envelopes, Type::BYTEA_ARRAY),
            ],
        )
        .map_err(|e| self.server(e))?;
        // The server's word is checked too: every row, or the transaction
        // is rolled back.
        if inserted != positions.len() as u64 {
            return Err(StoreError::Storage {
                path: self.place(),
                detail: format!(
                    "the server stored {inserted} of the {} events of this append; nothing was written",
                    positions.len()
                ),
            });
        }
        Ok(AppendOutcome {
            first_position: Some(first),
            last_position: last,
        })
    }
}
