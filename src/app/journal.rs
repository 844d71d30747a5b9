//! The journal: one open event log with the models built from it — the
//! write model (aggregates, versions, indexes), the read models, the log's
//! figures — and its follow-up (expiries that come due). It is the only
//! part of the app that appends: every user action goes through
//! [`Journal::commit`], which runs the cascade on staged state, appends
//! everything in one transaction, then folds the committed events into the
//! write and read models. Opening replays the log on two threads (decode,
//! apply).
//!
//! The services (`organizer.rs`, `registration.rs`, `check_in.rs`) borrow
//! the journal; the access guard and the protected paths sit beside it in
//! [`crate::app::Desk`].

use crate::app::cascade::Cascade;
use crate::app::event_codec::{decode_event, encode_event};
use crate::app::projections::{EventMeta, ReadModels};
use crate::app::write_model::WriteModel;
use crate::app::{AppError, Clock, DayZone};
use crate::domain::registration_process::ProcessCommand;
use crate::domain::{AggregateCommand, Event, StreamKey};
use crate::store::{EventStore, NewEvent, StoreError, StreamAppend};
use chrono::{DateTime, Duration, Utc};
use std::collections::BTreeMap;
use std::mem::Discriminant;
use std::sync::Arc;
use std::sync::mpsc::{SyncSender, sync_channel};
use uuid::Uuid;

/// Settings of a desk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Settings {
    /// How long a reservation holds seats before it expires.
    pub reservation_window: Duration,
    /// The calendar of the Dashboard's days.
    pub day_zone: DayZone,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            reservation_window: Duration::minutes(15),
            day_zone: DayZone::Utc,
        }
    }
}

/// Figures about the open log (status bar, `verify`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LogStats {
    /// Events in the log.
    pub events: u64,
    /// Events per type name.
    pub counts: BTreeMap<&'static str, u64>,
    /// When the last event was recorded.
    pub last_write: Option<DateTime<Utc>>,
}

/// An open log with the models built from it.
pub struct Journal {
    /// Shared so that background readers ("As of…") can scan it while
    /// the desk appends: every scan reads one consistent snapshot.
    log: Arc<dyn EventStore>,
    clock: Arc<dyn Clock>,
    settings: Settings,
    write: WriteModel,
    read: ReadModels,
    stats: LogStats,
    /// When an event of another desk was last applied (this desk's clock).
    last_foreign: Option<DateTime<Utc>>,
}

mod follow;

impl Journal {
    /// Replays `log` into fresh models; `progress(done, total)` is called
    /// now and then during the replay.
    pub fn replay(
        log: Box<dyn EventStore>,
        clock: Arc<dyn Clock>,
        settings: Settings,
        progress: &mut dyn FnMut(u64, u64),
    ) -> Result<Self, AppError> {
        let mut journal = Self {
            log: Arc::from(log),
            clock,
            settings,
            write: WriteModel::default(),
            read: ReadModels::new(settings.day_zone),
            stats: LogStats::default(),
            last_foreign: None,
        };
        let total = journal.log.last_position()?;
        journal.write.reserve_for(total);
        let Self {
            log,
            write,
            read,
            stats,
            ..
        } = &mut journal;
        replay(log.as_ref(), total, write, read, stats, progress)?;
        // The store checks that positions run from 1 without a gap; a log
        // that ends before its last position is damaged (a reader beside a
        // writer may see more events than `total`, never fewer).
        if stats.events < total {
            return Err(StoreError::Corrupt {
                path: Default::default(),
                detail: format!(
                    "its last position is {total} but its events stop at position {}",
                    stats.events
                ),
            }
            .into());
        }
        progress(total, total);
        Ok(journal)
    }

    /// Goes on with `log`, which holds exactly the events replayed (the
    /// overlapped open replays from a reader, then keeps the writer).
    pub(crate) fn continue_on(&mut self, log: Arc<dyn EventStore>) {
        self.log = log;
    }

    /// The clock's now.
    pub fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    /// The desk's settings.
    pub fn settings(&self) -> Settings {
        self.settings
    }

    /// Figures about the log.
    pub fn stats(&self) -> &LogStats {
        &self.stats
    }

    /// The read models.
    pub fn read_models(&self) -> &ReadModels {
        &self.read
    }

    /// The write model (for invariant checks and tests).
    pub fn write_model(&self) -> &WriteModel {
        &self.write
    }

    /// The log itself (for history and verification).
    pub fn log(&self) -> &dyn EventStore {
        self.log.as_ref()
    }

    /// A handle on the log for a reader on another thread (see
    /// [`crate::app::as_of`]).
    pub fn log_handle(&self) -> Arc<dyn EventStore> {
        Arc::clone(&self.log)
    }

    /// Runs `commands` as one action and commits all it produced in one
    /// append. Returns the committed events. (Called through
    /// [`Journal::commit`], which decides again on a conflict.)
    fn commit_once(&mut self, commands: Vec<AggregateCommand>) -> Result<Vec<Event>, AppError> {
        let now = self.clock.now();
        let produced = Cascade::new(&self.write, now).run(commands)?;
        if produced.is_empty() {
            return Ok(Vec::new());
        }
        let correlation_id = Uuid::now_v7();
        // One StreamAppend per run of consecutive events of one stream keeps
        // the log in exactly the order the cascade produced.
        let mut batch: Vec<(StreamKey, StreamAppend)> = Vec::new();
        let mut next_version: BTreeMap<StreamKey, u64> = BTreeMap::new();
        for p in &produced {
            let key = p.event.stream();
            let (event_type, schema_version, payload) = encode_event(&p.event)?;
            let new = NewEvent {
                event_id: Uuid::now_v7(),
                event_type: event_type.to_string(),
                schema_version,
                correlation_id,
                causation_id: p.causation_id,
                recorded_at: now,
                payload,
            };
            match batch.last_mut() {
                Some((k, append)) if *k == key => append.events.push(new),
                _ => {
                    let expected = *next_version
                        .entry(key)
                        .or_insert_with(|| self.write.version(key));
                    batch.push((
                        key,
                        StreamAppend {
                            stream_id: key.to_string(),
                            expected_version: expected,
                            events: vec![new],
                        },
                    ));
                }
            }
            if let Some(v) = next_version.get_mut(&key) {
                *v += 1;
            }
        }
        let appends: Vec<StreamAppend> = batch.into_iter().map(|(_, a)| a).collect();
        let outcome = self.log.append(&appends)?;
        let first = outcome.first_position.unwrap_or(outcome.last_position);
        // Other desks' events landed before ours: the models take them first.
        self.apply_up_to(first.saturating_sub(1))?;
        let mut versions: BTreeMap<StreamKey, u64> = BTreeMap::new();
        let mut events = Vec::with_capacity(produced.len());
        for (i, p) in (0_u64..).zip(produced) {
            let key = p.event.stream();
            let version = versions
                .entry(key)
                .or_insert_with(|| self.write.version(key));
            *version += 1;
            let version = *version;
            self.apply_event(&p.event, version, first + i, now);
            events.push(p.event);
        }
        Ok(events)
    }

    /// Fires every reservation expiry due by now (ExpireRegistrationProcess),
    /// in one append. Returns how many orders expired.
    pub fn tick(&mut self) -> Result<usize, AppError> {
        let now = self.clock.now();
        let due = self.write.due_by(now);
        if due.is_empty() || self.log.is_read_only() {
            return Ok(0);
        }
        let commands = due
            .iter()
            .map(|o| AggregateCommand::Process(*o, ProcessCommand::Expire { now }))
            .collect();
        let events = self.commit(commands)?;
        Ok(events
            .iter()
            .filter(|e| matches!(e, Event::OrderExpired(_)))
            .count())
    }

    /// When the next reservation expiry is due, if any.
    pub fn next_due(&self) -> Option<DateTime<Utc>> {
        self.write.due.iter().next().map(|(t, _)| *t)
    }
}

/// Events decoded per message from the decoding thread to the applying one.
const REPLAY_BATCH: usize = 2048;

/// A decoded event and where it sits in the log.
struct Decoded {
    event: Event,
    stream_version: u64,
    position: u64,
    recorded_at: DateTime<Utc>,
}

/// Replays `log` into the models. One thread reads and decodes while this
/// one applies: on a two-core laptop both halves cost about the same, so
/// start-up takes about half as long as doing both in turn.
fn replay(
    log: &dyn EventStore,
    total: u64,
    write: &mut WriteModel,
    read: &mut ReadModels,
    stats: &mut LogStats,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<(), AppError> {
    let (tx, rx) = sync_channel::<Vec<Decoded>>(8);
    let mut counts: Vec<(Discriminant<Event>, &'static str, u64)> = Vec::new();
    let decoded = std::thread::scope(|scope| {
        let decoder = scope.spawn(move || decode_all(log, &tx));
        for batch in rx {
            for d in batch {
                write.apply(&d.event, d.stream_version);
                let meta = EventMeta {
                    position: d.position,
                    recorded_at: d.recorded_at,
                };
                read.apply(&d.event, meta);
                let kind = std::mem::discriminant(&d.event);
                match counts.iter_mut().find(|(k, _, _)| *k == kind) {
                    Some((_, _, n)) => *n += 1,
                    None => counts.push((kind, d.event.type_name(), 1)),
                }
                stats.events += 1;
                stats.last_write = Some(d.recorded_at);
                if d.position % 65_536 == 0 {
                    progress(d.position, total);
                }
            }
        }
        decoder.join()
    });
    for (_, name, n) in counts {
        *stats.counts.entry(name).or_default() += n;
    }
    match decoded {
        Ok(result) => result,
        Err(panic) => std::panic::resume_unwind(panic),
    }
}

/// Reads and decodes every event, sending them in batches to `tx`.
fn decode_all(log: &dyn EventStore, tx: &SyncSender<Vec<Decoded>>) -> Result<(), AppError> {
    let mut batch = Vec::with_capacity(REPLAY_BATCH);
    let mut failure: Option<AppError> = None;
    let scan = log.read_all_from(1, &mut |rec| {
        let event = match decode_event(&rec.event_type, rec.schema_version, &rec.payload) {
            Ok(event) => event,
            Err(source) => {
                let position = rec.position;
                failure = Some(AppError::Decode { position, source });
                return Err(StoreError::Corrupt {
                    path: Default::default(),
                    detail: format!("undecodable event at {position}"),
                });
            }
        };
        batch.push(Decoded {
            event,
            stream_version: rec.stream_version,
            position: rec.position,
            recorded_at: rec.recorded_at,
        });
        if batch.len() == REPLAY_BATCH {
            let full = std::mem::replace(&mut batch, Vec::with_capacity(REPLAY_BATCH));
            // Only a panic on the applying side hangs up: stop reading.
            tx.send(full).map_err(|_| StoreError::Corrupt {
                path: Default::default(),
                detail: "the replay stopped".into(),
            })?;
        }
        Ok(())
    });
    if let Some(e) = failure {
        return Err(e);
    }
    scan?;
    // As above: a hang-up means the applying side is unwinding already.
    let _ = tx.send(batch);
    Ok(())
}

/// Counts one applied event of type `name` recorded `at`.
fn count_as(stats: &mut LogStats, name: &'static str, at: DateTime<Utc>) {
    stats.events += 1;
    *stats.counts.entry(name).or_default() += 1;
    stats.last_write = Some(at);
}
