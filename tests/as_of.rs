//! "As of…": the past view of an instant equals a normal replay of a log
//! holding only the events up to that instant (the cut by position), and
//! the background replay reports progress and can be cancelled.

mod common;
use common::ByName as _;

use chrono::{DateTime, Duration, Utc};
use common::{journey_conference, open_desk, start};
use confdesk::app::as_of::{AsOf, AsOfProgress, replay_as_of};
use confdesk::app::{Clock as _, Desk, ManualClock, OrderKey, Settings};
use confdesk::store::{EventStore, NewEvent, OpenMode, RecordedEvent, RedbLog, StreamAppend};
use std::path::Path;
use std::sync::Arc;

/// Every event of `log`, in position order.
fn events(log: &dyn EventStore) -> Vec<RecordedEvent> {
    let mut out = Vec::new();
    log.read_all_from(1, &mut |r| {
        out.push(r);
        Ok(())
    })
    .unwrap();
    out
}

/// A fresh log at `path` holding a copy of `prefix`, replayed normally.
fn replay_of_prefix(path: &Path, prefix: &[RecordedEvent]) -> Desk {
    let log = RedbLog::open(path, OpenMode::Create).unwrap();
    let batch: Vec<StreamAppend> = prefix
        .iter()
        .map(|r| StreamAppend {
            stream_id: r.stream_id.clone(),
            expected_version: r.stream_version - 1,
            events: vec![NewEvent {
                event_id: r.event_id,
                event_type: r.event_type.clone(),
                schema_version: r.schema_version,
                correlation_id: r.correlation_id,
                causation_id: r.causation_id,
                recorded_at: r.recorded_at,
                payload: r.payload.clone(),
            }],
        })
        .collect();
    if !batch.is_empty() {
        log.append(&batch).unwrap();
    }
    let clock = Arc::new(ManualClock::new(start()));
    Desk::open(Box::new(log), clock, Settings::default(), &mut |_, _| {}).unwrap()
}

/// A day of sales: orders paid, one left to expire, a seat assigned, with
/// the clock moving between them. Returns the instants of interest.
fn day_of_sales(t: &mut common::TestDesk) -> Vec<DateTime<Utc>> {
    let key = journey_conference(&mut t.desk, "as-of", 50);
    let mut instants = vec![t.clock.now() - Duration::seconds(1), t.clock.now()];
    for (i, (seat, qty)) in [
        ("General admission", 2),
        ("CQRS Workshop", 1),
        ("General admission", 3),
    ]
    .into_iter()
    .enumerate()
    {
        t.clock.advance(Duration::minutes(7));
        let confdesk::app::OrderKey {
            order_id,
            access_code,
        } = t
            .desk
            .place_order_named("as-of", &[(seat.into(), qty)])
            .unwrap();
        let k = OrderKey {
            order_id,
            access_code,
        };
        t.desk
            .registration_mut()
            .assign_registrant(&k, "서연", "이", "sy@example.kr")
            .unwrap();
        instants.push(t.clock.now());
        instants.push(t.clock.now() + Duration::minutes(1));
        if i != 1 {
            t.clock.advance(Duration::minutes(3));
            t.desk.registration_mut().pay(&k, true).unwrap();
            t.desk
                .registration_mut()
                .assign_seat(&k, 0, "Zoë", "Ærø", "zoe@example.dk")
                .unwrap();
        }
    }
    // The unpaid workshop order expires.
    t.clock.advance(Duration::minutes(30));
    assert_eq!(t.desk.tick().unwrap(), 1);
    let _ = key;
    instants.push(t.clock.now());
    instants.push(t.clock.now() + Duration::days(1));
    instants
}

fn past(desk: &Desk, instant: DateTime<Utc>) -> AsOf {
    desk.as_of_job(instant)
        .unwrap()
        .wait()
        .unwrap()
        .expect("not cancelled")
}

#[test]
fn the_past_view_equals_a_replay_of_the_log_cut_at_that_instant() {
    let mut t = open_desk();
    let instants = day_of_sales(&mut t);
    let all = events(t.desk.log());
    for (i, instant) in instants.into_iter().enumerate() {
        let view = past(&t.desk, instant);
        // The cut: every event up to it is at or before the instant, the
        // next one after it.
        let cut = all.iter().take_while(|r| r.recorded_at <= instant).count();
        assert_eq!(view.cut, cut as u64, "instant {instant}");
        let prefix = &all[..cut];
        assert_eq!(view.last_recorded_at, prefix.last().map(|r| r.recorded_at));
        let replayed = replay_of_prefix(&t.dir.path().join(format!("cut-{i}.redb")), prefix);
        assert!(
            view.read == *replayed.read_models(),
            "past view at {instant} differs from the replay of {cut} events"
        );
    }
    // The latest instant is the present.
    let now = past(&t.desk, t.clock.now());
    assert!(now.read == *t.desk.read_models());
    assert_eq!(now.cut, all.len() as u64);
}

#[test]
fn the_cut_stops_at_the_first_event_after_the_instant_even_if_the_clock_went_back() {
    let mut t = open_desk();
    journey_conference(&mut t.desk, "early", 10);
    let first_part = events(t.desk.log()).len() as u64;
    t.clock.advance(Duration::hours(2));
    journey_conference(&mut t.desk, "later", 10);
    let second_part = events(t.desk.log()).len() as u64;
    // Someone sets the clock back an hour.
    t.clock.advance(Duration::hours(-1));
    journey_conference(&mut t.desk, "back", 10);
    let view = past(&t.desk, start() + Duration::minutes(90));
    assert_eq!(view.cut, first_part, "stops at the first event after");
    let slugs: Vec<_> = view
        .read
        .conferences
        .all()
        .into_iter()
        .map(|c| c.info.slug)
        .collect();
    assert_eq!(
        slugs,
        ["early"],
        "'back' was recorded before 90 min but after 'later'"
    );
    // Two hours in, nothing was recorded after the instant: everything.
    let view = past(&t.desk, start() + Duration::hours(2));
    assert!(view.cut > second_part);
    assert_eq!(view.cut, t.desk.log().last_position().unwrap());
    assert_eq!(view.read.conferences.all().len(), 3);
}

#[test]
fn the_replay_reports_progress_and_can_be_cancelled() {
    let mut t = open_desk();
    day_of_sales(&mut t);
    let total = t.desk.log().last_position().unwrap();
    let progress = AsOfProgress::default();
    let view = replay_as_of(t.desk.log(), start(), t.desk.settings().day_zone, &progress)
        .unwrap()
        .unwrap();
    assert_eq!(
        (progress.done(), progress.total()),
        (total, total),
        "done at the cut"
    );
    assert!((progress.fraction() - 1.0).abs() < f32::EPSILON);
    assert!(view.cut < total);

    let cancelled = AsOfProgress::default();
    cancelled.cancel();
    assert!(
        replay_as_of(
            t.desk.log(),
            start(),
            t.desk.settings().day_zone,
            &cancelled
        )
        .unwrap()
        .is_none()
    );

    // A job keeps reading its snapshot while the desk goes on appending.
    let job = t.desk.as_of_job(start() + Duration::days(2)).unwrap();
    t.clock.advance(Duration::hours(1));
    journey_conference(&mut t.desk, "meanwhile", 5);
    let view = job.wait().unwrap().unwrap();
    assert!(view.cut >= total);
    assert!(view.cut <= t.desk.log().last_position().unwrap());
}
