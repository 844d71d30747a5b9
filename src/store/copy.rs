//! [`copy_log`]: a whole log copied from one store into another — a
//! laptop's redb file onto the PostgreSQL server before the event, the
//! server back into a redb file for the archive, file to file — and checked
//! event by event afterwards (issue 15.4, `confdesk log copy`).
//!
//! **Same positions, same ids.** A copy is the same log, not a replay of
//! it: every event keeps its position, stream version, id, correlation and
//! causation ids, time and payload. That is why only an empty destination
//! is accepted ([`StoreError::DestinationNotEmpty`]): in any other, the
//! positions would move. Events are appended in position order, a batch of
//! at most [`COPY_BATCH_EVENTS`] at a time, one [`StreamAppend`] per run of
//! consecutive events of one stream, expecting the version before the run's
//! first event; each append must start at the source position of its
//! first event, or the copy stops.
//!
//! **Checked, not assumed.** After the copy the destination is read back
//! (every read checks each event's CRC-32) and every event compared with
//! the source's, field for field, and as the bytes both stores keep
//! ([`wire::encode_stored`]: the envelope and its CRC-32). Every event the
//! copy appends is stored as exactly `encode_stored` of that event (the
//! redb log's and the PostgreSQL log's appends make their bytes there), so
//! equal events mean equal stored envelopes and equal checksums; comparing
//! the encoded bytes as well keeps that true should the encoding ever stop
//! being a function of the event alone. One case differs on purpose: a
//! redb log upgraded from format 1 or 2 keeps its old envelope bytes with
//! a checksum appended, so its copy holds the same events in today's
//! encoding, not necessarily the same bytes.
//!
//! **A source that keeps changing** (a desk appending on the server during
//! the copy) is copied up to the last position it had when the copy began;
//! [`CopyReport`] says how many events arrived in the meantime.

use super::{EventStore, NewEvent, RecordedEvent, StoreError, StreamAppend, wire};
use std::path::PathBuf;

/// Events appended per transaction: large enough that a million-event log
/// is a thousand appends, small enough that one batch stays a few hundred
/// kB in memory and in a PostgreSQL transaction.
pub const COPY_BATCH_EVENTS: u64 = 1_000;

/// What [`copy_log`] copied and checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CopyReport {
    /// Events copied (positions `1..=last_position`).
    pub events: u64,
    /// Streams among them (events that are version 1 of their stream).
    pub streams: u64,
    /// The source's last position when the copy began, and the
    /// destination's now: the copy holds exactly positions 1 to this.
    pub last_position: u64,
    /// Events the source gained while it was being copied, left out of
    /// the copy (a desk still appending on the server).
    pub appended_meanwhile: u64,
}

/// Copies every event of `from` into the empty log `to`, then reads `to`
/// back and checks every event against `from`. `progress(done, total)` is
/// called after every batch: each event counts once when copied and once
/// when checked, so `total` is twice the number of events.
///
/// Refuses a destination that holds events
/// ([`StoreError::DestinationNotEmpty`]) and one opened read-only (the
/// store's own [`StoreError::ReadOnly`]), writing nothing. Bulk mode is
/// on while copying and turned off on every path out, so whatever was
/// appended is durable even when the copy stops with an error.
pub fn copy_log(
    from: &dyn EventStore,
    to: &dyn EventStore,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<CopyReport, StoreError> {
    let existing = to.last_position()?;
    if existing != 0 {
        return Err(StoreError::DestinationNotEmpty {
            place: to.place(),
            events: existing,
        });
    }
    let end = from.last_position()?;
    to.set_bulk(true)?;
    let copied = copy_events(from, to, end, progress);
    // Off on the error path too: a store left in bulk mode holds an open
    // transaction that nothing else would make durable.
    let bulk_off = to.set_bulk(false);
    let streams = copied?;
    bulk_off?;
    check_copy(from, to, end, progress)?;
    let now = from.last_position()?;
    Ok(CopyReport {
        events: end,
        streams,
        last_position: end,
        appended_meanwhile: now.saturating_sub(end),
    })
}

/// Appends positions `1..=end` of `from` to `to`, batch by batch; returns
/// how many streams they hold.
fn copy_events(
    from: &dyn EventStore,
    to: &dyn EventStore,
    end: u64,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<u64, StoreError> {
    let total = end.saturating_mul(2);
    let mut streams = 0;
    let mut next = 1;
    while next <= end {
        let last = end.min(next.saturating_add(COPY_BATCH_EVENTS - 1));
        let events = source_range(from, next, last)?;
        streams += events.iter().filter(|e| e.stream_version == 1).count() as u64;
        let batch = appends_for(events).map_err(|detail| damage(from, detail))?;
        let outcome = to.append(&batch)?;
        if outcome.first_position != Some(next) || outcome.last_position != last {
            return Err(damage(
                to,
                format!(
                    "positions {next} to {last} of the copy were stored at {}; did something else write to it during the copy?",
                    stored_at(outcome.first_position, outcome.last_position)
                ),
            ));
        }
        progress(last, total);
        next = last + 1;
    }
    Ok(streams)
}

/// Positions `first..=last` of `from`, all of them: a log shorter than
/// its last position said is damage.
fn source_range(
    from: &dyn EventStore,
    first: u64,
    last: u64,
) -> Result<Vec<RecordedEvent>, StoreError> {
    let events = from.read_range(first, last)?;
    let expected = last - first + 1;
    if events.len() as u64 != expected {
        return Err(damage(
            from,
            format!(
                "positions {first} to {last} should hold {expected} events but {} were read",
                events.len()
            ),
        ));
    }
    Ok(events)
}

/// The appends that store `events` (consecutive positions) at the same
/// positions and stream versions: one entry per run of one stream. An
/// event claiming version 0 is refused with what is wrong, in words.
fn appends_for(events: Vec<RecordedEvent>) -> Result<Vec<StreamAppend>, String> {
    let mut batch: Vec<StreamAppend> = Vec::new();
    for event in events {
        let continues = batch.last().is_some_and(|run| {
            run.stream_id == event.stream_id
                && run.expected_version + run.events.len() as u64 + 1 == event.stream_version
        });
        let new = NewEvent {
            event_id: event.event_id,
            event_type: event.event_type,
            schema_version: event.schema_version,
            correlation_id: event.correlation_id,
            causation_id: event.causation_id,
            recorded_at: event.recorded_at,
            payload: event.payload,
        };
        match batch.last_mut() {
            Some(run) if continues => run.events.push(new),
            _ => {
                let Some(expected_version) = event.stream_version.checked_sub(1) else {
                    return Err(format!(
                        "the event at position {} is version 0 of stream {}; versions start at 1",
                        event.position, event.stream_id
                    ));
                };
                batch.push(StreamAppend {
                    stream_id: event.stream_id,
                    expected_version,
                    events: vec![new],
                });
            }
        }
    }
    Ok(batch)
}

/// Reads `to` back and compares every event with `from`'s, up to `end`,
/// which must also be `to`'s last position.
fn check_copy(
    from: &dyn EventStore,
    to: &dyn EventStore,
    end: u64,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<(), StoreError> {
    let copied_end = to.last_position()?;
    if copied_end != end {
        return Err(damage(
            to,
            format!("the copy ends at position {copied_end}, the source at position {end}"),
        ));
    }
    let total = end.saturating_mul(2);
    let mut originals = Vec::new().into_iter();
    let mut checked = 0;
    to.read_all_from(1, &mut |copy| {
        if copy.position > end {
            return Err(damage(
                to,
                format!(
                    "the copy holds position {} beyond the source's last, {end}",
                    copy.position
                ),
            ));
        }
        let original = match originals.next() {
            Some(original) => original,
            None => {
                let last = end.min(copy.position.saturating_add(COPY_BATCH_EVENTS - 1));
                originals = source_range(from, copy.position, last)?.into_iter();
                originals.next().ok_or_else(|| {
                    damage(from, format!("position {} cannot be read", copy.position))
                })?
            }
        };
        same_event(to, &original, &copy)?;
        checked += 1;
        if checked % COPY_BATCH_EVENTS == 0 || checked == end {
            progress(end + checked, total);
        }
        Ok(())
    })?;
    if checked != end {
        return Err(damage(
            to,
            format!("{checked} events of the copy were read back, {end} were copied"),
        ));
    }
    Ok(())
}

/// `copy` must be `original`: the first field that differs is named, and
/// the stored bytes (envelope and CRC-32) must be the same.
fn same_event(
    to: &dyn EventStore,
    original: &RecordedEvent,
    copy: &RecordedEvent,
) -> Result<(), StoreError> {
    let differs = |field: &str| {
        damage(
            to,
            format!(
                "position {} of the copy differs from the source in its {field}",
                original.position
            ),
        )
    };
    if let Some(field) = first_difference(original, copy) {
        return Err(differs(field));
    }
    let encode = |event: &RecordedEvent| {
        wire::encode_stored(event).map_err(|e| {
            damage(
                to,
                format!("position {} cannot be encoded: {e}", event.position),
            )
        })
    };
    if encode(original)? != encode(copy)? {
        return Err(differs("stored bytes and checksum"));
    }
    Ok(())
}

/// The name of the first field in which `a` and `b` differ.
fn first_difference(a: &RecordedEvent, b: &RecordedEvent) -> Option<&'static str> {
    let fields = [
        ("position", a.position == b.position),
        ("event id", a.event_id == b.event_id),
        ("stream", a.stream_id == b.stream_id),
        ("stream version", a.stream_version == b.stream_version),
        ("event type", a.event_type == b.event_type),
        ("schema version", a.schema_version == b.schema_version),
        ("time", a.recorded_at == b.recorded_at),
        ("correlation id", a.correlation_id == b.correlation_id),
        ("causation id", a.causation_id == b.causation_id),
        ("payload", a.payload == b.payload),
    ];
    fields
        .into_iter()
        .find_map(|(field, same)| (!same).then_some(field))
}

/// Positions an append reported, in words.
fn stored_at(first: Option<u64>, last: u64) -> String {
    match first {
        Some(first) => format!("positions {first} to {last}"),
        None => format!("no position (the log ends at {last})"),
    }
}

/// A copy or source that does not hold what it should, named by its place.
fn damage(log: &dyn EventStore, detail: String) -> StoreError {
    StoreError::Corrupt {
        path: PathBuf::from(log.place()),
        detail,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{DateTime, Utc};
    use uuid::Uuid;

    fn event(position: u64, stream: &str, version: u64) -> RecordedEvent {
        RecordedEvent {
            event_id: Uuid::now_v7(),
            stream_id: stream.to_owned(),
            stream_version: version,
            position,
            event_type: "OrderPlaced".to_owned(),
            schema_version: 1,
            recorded_at: DateTime::<Utc>::from_timestamp(1_800_000_000, 0).unwrap_or_default(),
            correlation_id: Uuid::now_v7(),
            causation_id: Uuid::now_v7(),
            payload: vec![1, 2, 3],
        }
    }

    #[test]
    fn one_append_entry_per_run_of_one_stream() {
        let events = vec![
            event(1, "a", 1),
            event(2, "a", 2),
            event(3, "b", 4),
            event(4, "a", 3),
            event(5, "a", 4),
        ];
        let ids: Vec<Uuid> = events.iter().map(|e| e.event_id).collect();
        let batch = appends_for(events).unwrap();
        let shape: Vec<(&str, u64, usize)> = batch
            .iter()
            .map(|run| {
                (
                    run.stream_id.as_str(),
                    run.expected_version,
                    run.events.len(),
                )
            })
            .collect();
        assert_eq!(shape, [("a", 0, 2), ("b", 3, 1), ("a", 2, 2)]);
        let kept: Vec<Uuid> = batch
            .iter()
            .flat_map(|run| run.events.iter().map(|e| e.event_id))
            .collect();
        assert_eq!(kept, ids);

        let error = appends_for(vec![event(7, "c", 0)]).unwrap_err();
        assert!(error.contains("position 7"), "{error}");
    }

    #[test]
    fn the_first_differing_field_is_named() {
        let a = event(1, "a", 1);
        assert_eq!(first_difference(&a, &a.clone()), None);
        let mut b = a.clone();
        b.payload.push(0);
        assert_eq!(first_difference(&a, &b), Some("payload"));
        b.recorded_at += chrono::Duration::nanoseconds(1);
        assert_eq!(first_difference(&a, &b), Some("time"));
    }
}
