//! Following a log other desks append to (issue 15): applying their events
//! as they arrive, through the same fold as replay, and running a command
//! again when another desk changed one of its streams first.
//!
//! A desk's models are always a prefix of the log: position `events` is the
//! last one applied. [`Journal::catch_up`] reads every event after it, in
//! order, checks that positions follow on without a gap, and applies each
//! to the write and read models exactly as a replay does. A commit whose
//! expected versions turn out stale gets [`StoreError::Concurrency`] from
//! the store, which wrote nothing: the journal catches up and decides the
//! same commands again on the new state — a second desk's order for the
//! last seats is then partly reserved or refused by the seat rules, never
//! refused as a "conflict" and never oversold. After a successful append
//! whose first position is beyond the next expected one, the events in
//! between (other desks') are applied first, so the models see the log in
//! position order.

use super::{Journal, count_as};
use crate::app::AppError;
use crate::app::event_codec::decode_event;
use crate::app::projections::EventMeta;
use crate::domain::{AggregateCommand, Event};
use crate::store::{RecordedEvent, StoreError, Wake, Watch};
use chrono::{DateTime, Utc};

/// How often a commit is decided again, optimistically, after another
/// desk changed one of its streams first. Each retry follows a catch-up
/// and a short random pause (up to [`MAX_PAUSE_MS`]), so desks racing for
/// one seat type take turns instead of colliding in step. A desk that
/// still loses — under a sustained burst the winner takes the lock again
/// before the loser has caught up, and a loser can starve — then decides
/// alone ([`crate::store::EventStore::decide_alone`]): no registrant waits
/// unboundedly or sees a conflict because other desks were busy.
const OPTIMISTIC_TRIES: u32 = 4;
/// The longest pause before a retry, in milliseconds.
const MAX_PAUSE_MS: u64 = 32;

impl Journal {
    /// Applies every event other desks appended since this desk last
    /// looked. Returns how many were applied.
    pub fn catch_up(&mut self) -> Result<u64, AppError> {
        let from = self.stats.events + 1;
        let mut records = Vec::new();
        self.log.read_all_from(from, &mut |rec| {
            records.push(rec);
            Ok(())
        })?;
        let applied = records.len() as u64;
        for rec in records {
            self.apply_recorded(&rec)?;
        }
        if applied > 0 {
            self.last_foreign = Some(self.clock.now());
        }
        Ok(applied)
    }

    /// When this desk last applied an event another desk appended (by this
    /// desk's clock), if ever since it opened.
    pub fn last_foreign(&self) -> Option<DateTime<Utc>> {
        self.last_foreign
    }

    /// Starts watching the log for other desks' appends (a shared log
    /// only): `wake` is called from another thread when some arrive or the
    /// link to the server changes; the follower then calls
    /// [`Journal::catch_up`].
    pub fn watch(&self, wake: Wake) -> Option<Watch> {
        self.log.watch(self.stats.events, wake)
    }

    /// Position of the last event the models hold.
    pub fn position(&self) -> u64 {
        self.stats.events
    }

    /// Applies the events from position `self.position() + 1` up to and
    /// including `to` (an append of ours landed after other desks' events).
    pub(super) fn apply_up_to(&mut self, to: u64) -> Result<(), AppError> {
        let from = self.stats.events + 1;
        if to < from {
            return Ok(());
        }
        for rec in self.log.read_range(from, to)? {
            self.apply_recorded(&rec)?;
        }
        if self.stats.events != to {
            return Err(self.gap_error(to));
        }
        self.last_foreign = Some(self.clock.now());
        Ok(())
    }

    /// Decodes and applies one stored event, which must be the next one.
    fn apply_recorded(&mut self, rec: &RecordedEvent) -> Result<(), AppError> {
        let expected = self.stats.events + 1;
        if rec.position != expected {
            return Err(self.gap_error(expected));
        }
        let event =
            decode_event(&rec.event_type, rec.schema_version, &rec.payload).map_err(|source| {
                AppError::Decode {
                    position: rec.position,
                    source,
                }
            })?;
        self.apply_event(&event, rec.stream_version, rec.position, rec.recorded_at);
        Ok(())
    }

    /// Folds one event into the models and the figures: the one fold of
    /// replay, commit and catch-up.
    pub(super) fn apply_event(
        &mut self,
        event: &Event,
        stream_version: u64,
        position: u64,
        recorded_at: DateTime<Utc>,
    ) {
        self.write.apply(event, stream_version);
        self.read.apply(
            event,
            EventMeta {
                position,
                recorded_at,
            },
        );
        count_as(&mut self.stats, event.type_name(), recorded_at);
    }

    fn gap_error(&self, expected: u64) -> AppError {
        StoreError::Corrupt {
            path: Default::default(),
            detail: format!(
                "position {expected} was expected next but the log does not hold it there"
            ),
        }
        .into()
    }

    /// Runs `commands` as one action (see [`Journal::commit`]), deciding
    /// them again after a catch-up when another desk changed one of their
    /// streams first.
    pub(crate) fn commit(
        &mut self,
        commands: Vec<AggregateCommand>,
    ) -> Result<Vec<Event>, AppError> {
        for tries in 1..OPTIMISTIC_TRIES {
            match self.commit_once(commands.clone()) {
                Err(AppError::Store(StoreError::Concurrency { .. })) => {
                    pause_before_retry(tries);
                    self.catch_up()?;
                }
                outcome => return outcome,
            }
        }
        self.log.decide_alone(true)?;
        let outcome = self.catch_up().and_then(|_| self.commit_once(commands));
        // Released whatever happened: the store drops its connection when
        // it can't release (the server then does), so the outcome stands.
        let _ = self.log.decide_alone(false);
        outcome
    }
}

/// Sleeps a random time below 2^`tries` ms (at most [`MAX_PAUSE_MS`]):
/// the usual randomised backoff, so the desks that lost a race don't all
/// come back at the same instant.
fn pause_before_retry(tries: u32) {
    let ceiling = (1_u64 << tries.min(6)).min(MAX_PAUSE_MS);
    // A v7 UUID's low bits are random: no random-number crate for one
    // number.
    let random = uuid::Uuid::now_v7().as_u128() as u64;
    std::thread::sleep(std::time::Duration::from_millis(random % ceiling));
}
