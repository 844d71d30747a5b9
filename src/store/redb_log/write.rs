//! Writing batches into the log, and bulk mode.
//!
//! A batch's expected versions are all checked before anything is written,
//! so a refused batch leaves its transaction untouched. That is what lets
//! bulk mode share one transaction between many batches: each batch is
//! written whole or refused whole, and the transaction is committed every
//! [`BULK_COMMIT_EVENTS`] events, when bulk mode ends, and before any read.
//!
//! Bulk mode exists for generating large logs (`confdesk demo`): in the
//! single-writer mode the log is opened in, redb refuses non-durable
//! commits (readers in other processes must see every commit), and a
//! durable commit costs two fsyncs. One commit per user action would make a
//! million-event demo take most of an hour.

use redb::{Database, Durability, ReadableTable, WriteTransaction};

use super::{EVENTS, RedbLog, STREAM_INDEX, redb_error, stream_head, wire};
use crate::store::check_expected_versions;
use crate::store::{AppendOutcome, StoreError, StreamAppend};

/// Events written into one bulk transaction before it is committed.
pub(super) const BULK_COMMIT_EVENTS: u64 = 50_000;

/// The write transaction that bulk mode keeps open between appends.
pub(super) struct BulkTxn {
    /// The open transaction.
    pub(super) txn: WriteTransaction,
    /// Events written into it so far.
    written: u64,
}

impl RedbLog {
    /// Writes `batch` in `txn`; returns the first and last positions written.
    /// Every expected version is checked before the first write.
    pub(super) fn write_batch(
        &self,
        txn: &WriteTransaction,
        batch: &[StreamAppend],
    ) -> Result<(u64, u64), StoreError> {
        let err = |e: redb::Error| redb_error(&self.path, e);
        let mut events = txn.open_table(EVENTS).map_err(|e| err(e.into()))?;
        let mut index = txn.open_table(STREAM_INDEX).map_err(|e| err(e.into()))?;
        check_expected_versions(batch, |stream_id| {
            stream_head(&index, stream_id).map_err(|e| err(e.into()))
        })?;
        let mut last = match events.last().map_err(|e| err(e.into()))? {
            Some((position, _)) => position.value(),
            None => 0,
        };
        let first = last + 1;
        for entry in batch {
            let stream_id = entry.stream_id.as_str();
            let mut version = entry.expected_version;
            for new in &entry.events {
                last += 1;
                version += 1;
                let recorded = new.recorded(stream_id, version, last);
                let bytes = wire::encode_stored(&recorded).map_err(|e| StoreError::Storage {
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
        }
        Ok((first, last))
    }

    /// The last position written in `txn`, committed or not.
    pub(super) fn last_written(&self, txn: &WriteTransaction) -> Result<u64, StoreError> {
        let events = txn
            .open_table(EVENTS)
            .map_err(|e| redb_error(&self.path, e))?;
        let last = events.last().map_err(|e| redb_error(&self.path, e))?;
        Ok(last.map_or(0, |(position, _)| position.value()))
    }

    /// Opens the bulk transaction into `slot`.
    pub(super) fn start_bulk(
        &self,
        db: &Database,
        slot: &mut Option<BulkTxn>,
    ) -> Result<(), StoreError> {
        let txn = self.guarded(
            || "starting a bulk transaction".into(),
            || {
                let mut txn = db.begin_write().map_err(|e| redb_error(&self.path, e))?;
                txn.set_durability(Durability::Immediate)
                    .map_err(|e| redb_error(&self.path, e))?;
                Ok(txn)
            },
        )?;
        *slot = Some(BulkTxn { txn, written: 0 });
        Ok(())
    }

    /// Commits the bulk transaction in `slot` (durably) and leaves bulk mode.
    pub(super) fn finish_bulk(&self, slot: &mut Option<BulkTxn>) -> Result<(), StoreError> {
        let Some(open) = slot.take() else {
            return Ok(());
        };
        self.guarded(
            || "committing a bulk transaction".into(),
            || open.txn.commit().map_err(|e| redb_error(&self.path, e)),
        )
    }

    /// In bulk mode, commits what is pending and opens a new transaction, so
    /// that a read sees every batch appended so far.
    pub(super) fn checkpoint_bulk(&self) -> Result<(), StoreError> {
        let Some(db) = self.writable().ok() else {
            return Ok(());
        };
        let mut slot = self.bulk_slot();
        if slot.is_none() {
            return Ok(());
        }
        self.finish_bulk(&mut slot)?;
        self.start_bulk(db, &mut slot)
    }

    /// Appends `batch` into the bulk transaction in `slot`. A refused batch
    /// wrote nothing and leaves bulk mode on; any other failure discards the
    /// batches appended since the last bulk commit and leaves bulk mode.
    pub(super) fn append_bulk(
        &self,
        db: &Database,
        slot: &mut Option<BulkTxn>,
        batch: &[StreamAppend],
    ) -> Result<AppendOutcome, StoreError> {
        let written = self.guarded(
            || "appending events".into(),
            || match slot.as_mut() {
                Some(open) => {
                    let (first, last) = self.write_batch(&open.txn, batch)?;
                    open.written += last + 1 - first;
                    Ok((first, last, open.written >= BULK_COMMIT_EVENTS))
                }
                None => Err(StoreError::Storage {
                    path: self.path.clone(),
                    detail: "bulk mode ended before the append".to_owned(),
                }),
            },
        );
        match written {
            Ok((first, last, full)) => {
                if full {
                    self.finish_bulk(slot)?;
                    self.start_bulk(db, slot)?;
                }
                Ok(AppendOutcome {
                    first_position: Some(first),
                    last_position: last,
                })
            }
            Err(error @ StoreError::Concurrency { .. }) => Err(error),
            Err(error) => {
                if let Some(open) = slot.take() {
                    // The transaction is discarded either way.
                    let _ = open.txn.abort();
                }
                Err(StoreError::Storage {
                    path: self.path.clone(),
                    detail: format!(
                        "{error}; the batches appended in bulk mode since its last commit were discarded"
                    ),
                })
            }
        }
    }
}
