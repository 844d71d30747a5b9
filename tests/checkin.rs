//! Check-in at the door through the Desk, on a real log with a manual
//! clock: check in, the refused second check-in with its time, undo, the
//! refusals for unpaid, expired and rejected orders, naming an unassigned
//! seat and checking it in by one append, the live counter, replay after
//! reopening, and the CSV column.

mod common;
use common::ByName as _;

use chrono::Duration;
use common::{TestDesk, journey_conference, open_desk, start};
use confdesk::app::export::CsvOptions;
use confdesk::app::history::HistoryAccess;
use confdesk::app::projections::OrderStatusView;
use confdesk::app::{
    AppError, ConferenceAccess, Desk, DoorAttendee, OrderKey, OrganizerKey, Settings,
};
use confdesk::store::OpenMode;
use std::sync::Arc;

const SLUG: &str = "door-summit";

fn seats(lines: &[(&str, i64)]) -> Vec<(String, i64)> {
    lines.iter().map(|(n, q)| (n.to_string(), *q)).collect()
}

/// Places an order; pays it when `pay`. Returns its code.
fn order(desk: &mut Desk, lines: &[(&str, i64)], pay: bool) -> String {
    let confdesk::app::OrderKey {
        order_id,
        access_code: code,
    } = desk.place_order_named(SLUG, &seats(lines)).unwrap();
    let key = OrderKey {
        order_id,
        access_code: code.clone(),
    };
    desk.registration_mut()
        .assign_registrant(&key, "Ana", "Lima", "ana.lima@example.com")
        .unwrap();
    if pay {
        desk.registration_mut().pay(&key, true).unwrap();
    }
    code
}

/// A conference with one paid order: General ×2 (seat 0 named Ji-woo, seat 1
/// unassigned) and Workshop ×1 (seat 2 named Zoë).
fn door() -> (TestDesk, ConferenceAccess, String) {
    let mut t = open_desk();
    let org = journey_conference(&mut t.desk, SLUG, 100);
    let org_access = t.desk.authorize_organizer(&org).unwrap();
    let code = order(
        &mut t.desk,
        &[("General admission", 2), ("CQRS Workshop", 1)],
        true,
    );
    let door = t.desk.door().door_find_order(&org_access, &code).unwrap();
    let key = OrderKey {
        order_id: door.order_id,
        access_code: code.clone(),
    };
    t.desk
        .registration_mut()
        .assign_seat(&key, 0, "Ji-woo", "Kim", "jw@example.kr")
        .unwrap();
    t.desk
        .registration_mut()
        .assign_seat(&key, 2, "Zoë", "Ærø", "zoe@example.dk")
        .unwrap();
    (t, org_access, code)
}

fn counts(desk: &mut Desk, org_access: &ConferenceAccess) -> Vec<(String, u64, u64)> {
    desk.door()
        .check_in_counts(org_access)
        .to_vec()
        .into_iter()
        .map(|c| (c.name, c.checked_in, c.confirmed))
        .collect()
}

#[test]
fn check_in_refuses_a_second_time_with_the_first_time_and_undo_reverses_it() {
    let (mut t, org_access, code) = door();
    t.clock.advance(Duration::minutes(42));
    let seat = t
        .desk
        .door_mut()
        .check_in(&org_access, &code, 0, None)
        .unwrap();
    let at = start() + Duration::minutes(42);
    assert_eq!(seat.checked_in_at, Some(at));
    assert_eq!(seat.attendee.unwrap().first_name, "Ji-woo");

    t.clock.advance(Duration::minutes(5));
    let err = t
        .desk
        .door_mut()
        .check_in(&org_access, &code, 0, None)
        .unwrap_err();
    let AppError::AlreadyCheckedIn {
        position: 0,
        at: first,
    } = err
    else {
        panic!("expected AlreadyCheckedIn, got {err:?}")
    };
    assert_eq!(first, at);
    // The CLI's English; the window says it in its language and zone.
    assert_eq!(
        AppError::AlreadyCheckedIn {
            position: 0,
            at: first
        }
        .to_string(),
        "Already checked in at 09:42 UTC"
    );

    let seat = t
        .desk
        .door_mut()
        .undo_check_in(&org_access, &code, 0)
        .unwrap();
    assert_eq!(seat.checked_in_at, None);
    let access = HistoryAccess::Organizer(org_access.clone(), seat.seat.order_id);
    let history = t.desk.order_history(&access).unwrap();
    let door: Vec<_> = history
        .iter()
        .rev()
        .take(2)
        .rev()
        .map(|h| {
            (
                h.stream_id.split('-').next().unwrap(),
                h.description.as_str(),
            )
        })
        .collect();
    assert_eq!(
        door,
        [
            (
                "checkin",
                "Seat 1 (General admission) checked in at 09:42 UTC"
            ),
            ("checkin", "Check-in of seat 1 taken back"),
        ]
    );
    let err = t
        .desk
        .door_mut()
        .undo_check_in(&org_access, &code, 0)
        .unwrap_err();
    assert!(
        matches!(err, AppError::Conflict(ref m) if m.to_string().contains("is not checked in"))
    );
    // Checked in again after the undo, at the new time.
    let seat = t
        .desk
        .door_mut()
        .check_in(&org_access, &code, 0, None)
        .unwrap();
    assert_eq!(seat.checked_in_at, Some(at + Duration::minutes(5)));
}

#[test]
fn unpaid_expired_and_rejected_orders_are_refused_with_the_reason() {
    let (mut t, org_access, _) = door();
    let unpaid = order(&mut t.desk, &[("General admission", 1)], false);
    let refusal =
        |desk: &mut Desk, code: &str| match desk.door_mut().check_in(&org_access, code, 0, None) {
            Err(AppError::Conflict(m)) => m.to_string(),
            other => panic!("expected a refusal, got {other:?}"),
        };
    assert_eq!(
        refusal(&mut t.desk, &unpaid),
        format!("Order {unpaid} is not paid")
    );
    // The reservation runs out: expired (even before the expiry is written).
    t.clock.advance(Duration::minutes(16));
    assert_eq!(
        refusal(&mut t.desk, &unpaid),
        format!("Order {unpaid} has expired")
    );
    t.desk.tick().unwrap();
    assert_eq!(
        refusal(&mut t.desk, &unpaid),
        format!("Order {unpaid} has expired")
    );
    // An order placed with no reservation window is rejected at once.
    let path = t.path.clone();
    drop(t.desk);
    let settings = Settings {
        reservation_window: Duration::zero(),
        ..Settings::default()
    };
    let mut desk = Desk::open_path(
        &path,
        OpenMode::ReadWrite,
        Arc::new(t.clock.clone()),
        settings,
    )
    .unwrap();
    let confdesk::app::OrderKey {
        order_id: _,
        access_code: rejected,
    } = desk
        .place_order_named(SLUG, &seats(&[("General admission", 1)]))
        .unwrap();
    let found = desk.door().door_find_order(&org_access, &rejected).unwrap();
    assert_eq!(found.status, OrderStatusView::Rejected);
    assert!(found.seats.is_empty());
    assert_eq!(
        refusal(&mut desk, &rejected),
        format!("Order {rejected} was rejected")
    );
}

#[test]
fn bad_positions_codes_and_keys_are_refused() {
    let (mut t, org_access, code) = door();
    let Err(AppError::Validation(f)) = t.desk.door_mut().check_in(&org_access, &code, 3, None)
    else {
        panic!("expected a field error")
    };
    assert_eq!(f[0].to_string(), "position: must be 0 to 2");
    let Err(AppError::Validation(f)) = t.desk.door_mut().check_in(&org_access, &code, 1, None)
    else {
        panic!("expected a field error")
    };
    assert_eq!(f[0].field, "attendee name");
    let name = DoorAttendee {
        first_name: "Other".into(),
        last_name: "Person".into(),
        email: None,
    };
    let Err(AppError::Validation(f)) =
        t.desk
            .door_mut()
            .check_in(&org_access, &code, 0, Some(name))
    else {
        panic!("expected a field error")
    };
    assert!(
        f[0].rule.to_string().contains("already has an attendee"),
        "{}",
        f[0]
    );
    assert!(matches!(
        t.desk.door_mut().check_in(&org_access, "ZZZZZZ", 0, None),
        Err(AppError::NotFound(_))
    ));
    // A wrong code of the code's shape ("WRONG" has an O: a typing
    // mistake, refused as such, not a wrong key).
    // The door is reached only through the access guard.
    let wrong = OrganizerKey {
        slug: SLUG.into(),
        email: "ana@example.com".into(),
        access_code: "WRANG".into(),
    };
    assert!(matches!(
        t.desk.authorize_organizer(&wrong),
        Err(AppError::NotFound(_))
    ));
    // Lower case and spaces around the code are fine.
    let typed = format!("  {}  ", code.to_lowercase());
    assert!(
        t.desk
            .door_mut()
            .check_in(&org_access, &typed, 0, None)
            .is_ok()
    );
}

#[test]
fn an_unassigned_seat_is_named_and_checked_in_by_one_append() {
    let (mut t, org_access, code) = door();
    let before = t.desk.log().last_position().unwrap();
    let name = DoorAttendee {
        first_name: "Mi-rae".into(),
        last_name: "Park".into(),
        email: Some("  ".into()),
    };
    let seat = t
        .desk
        .door_mut()
        .check_in(&org_access, &code, 1, Some(name))
        .unwrap();
    assert_eq!(seat.attendee.as_ref().unwrap().first_name, "Mi-rae");
    assert_eq!(seat.attendee.as_ref().unwrap().email, "");
    assert_eq!(seat.checked_in_at, Some(start()));
    let after = t.desk.log().last_position().unwrap();
    assert_eq!(after, before + 2);
    let mut appended = Vec::new();
    t.desk
        .log()
        .read_all_from(before + 1, &mut |r| {
            appended.push((r.event_type, r.correlation_id));
            Ok(())
        })
        .unwrap();
    let types: Vec<_> = appended.iter().map(|(t, _)| t.as_str()).collect();
    assert_eq!(types, ["SeatAssigned", "AttendeeCheckedIn"]);
    assert_eq!(appended[0].1, appended[1].1, "one action, one correlation");
    // A refused check-in writes nothing, not even the assignment.
    let bad = DoorAttendee {
        first_name: "X".into(),
        last_name: "Y".into(),
        email: Some("not an email".into()),
    };
    t.clock.advance(Duration::minutes(1));
    assert!(
        t.desk
            .door_mut()
            .check_in(&org_access, &code, 1, Some(bad))
            .is_err()
    );
    assert_eq!(t.desk.log().last_position().unwrap(), after);
}

#[test]
fn counters_search_replay_and_export_follow_the_check_ins() {
    let (mut t, org_access, code) = door();
    let other = order(&mut t.desk, &[("General admission", 1)], true);
    assert_eq!(
        counts(&mut t.desk, &org_access),
        vec![
            ("General admission".to_string(), 0, 3),
            ("CQRS Workshop".to_string(), 0, 1),
            ("Additional cocktail party".to_string(), 0, 0),
        ]
    );
    t.clock.advance(Duration::minutes(42));
    t.desk
        .door_mut()
        .check_in(&org_access, &code, 0, None)
        .unwrap();
    t.desk
        .door_mut()
        .check_in(&org_access, &code, 2, None)
        .unwrap();
    t.desk
        .door_mut()
        .undo_check_in(&org_access, &code, 2)
        .unwrap();
    let named = DoorAttendee {
        first_name: "Lee".into(),
        last_name: "Sun".into(),
        email: Some("lee@example.kr".into()),
    };
    t.desk
        .door_mut()
        .check_in(&org_access, &other, 0, Some(named))
        .unwrap();
    let expected = vec![
        ("General admission".to_string(), 2, 3),
        ("CQRS Workshop".to_string(), 0, 1),
        ("Additional cocktail party".to_string(), 0, 0),
    ];
    assert_eq!(counts(&mut t.desk, &org_access), expected);

    let found = t.desk.door().door_search(&org_access, "JW@EXAMPLE", 50);
    assert_eq!((found.total, found.checked_in), (1, 1));
    let found = found.seats;
    assert_eq!(found.len(), 1);
    assert_eq!(
        (found[0].order_code.as_str(), found[0].seat.position),
        (code.as_str(), 0)
    );
    assert_eq!(
        found[0].checked_in_at,
        Some(start() + Duration::minutes(42))
    );
    assert_eq!(
        t.desk
            .door()
            .door_search(&org_access, "unassigned", 50)
            .total,
        1
    );
    let all = t.desk.door().door_search(&org_access, "", 2);
    assert_eq!((all.seats.len(), all.total, all.checked_in), (2, 4, 2));
    let rows = t.desk.organizer().organizer_attendees(&org_access);
    let before: Vec<_> = rows.iter().map(|r| r.checked_in_at).collect();

    t.reopen();
    assert_eq!(counts(&mut t.desk, &org_access), expected);
    let rows = t.desk.organizer().organizer_attendees(&org_access);
    assert_eq!(
        rows.iter().map(|r| r.checked_in_at).collect::<Vec<_>>(),
        before
    );
    assert!(t.desk.verify().unwrap().violations.is_empty());
    assert!(matches!(
        t.desk.door_mut().check_in(&org_access, &code, 0, None),
        Err(AppError::AlreadyCheckedIn { .. })
    ));

    let csv_path = t.dir.path().join("attendees.csv");
    t.desk
        .export_attendees(&org_access, &csv_path, CsvOptions::default())
        .unwrap();
    let bytes = std::fs::read(&csv_path).unwrap();
    assert!(bytes.starts_with("\u{feff}".as_bytes()));
    let mut reader = csv::Reader::from_reader(&bytes[3..]);
    let headers = reader.headers().unwrap().clone();
    let column = headers.iter().position(|h| h == "checked_in_at").unwrap();
    let cells: Vec<String> = reader
        .records()
        .map(|r| r.unwrap()[column].to_string())
        .collect();
    assert_eq!(
        cells,
        ["2026-11-25T09:42:00Z", "", "", "2026-11-25T09:42:00Z"]
    );
}

#[test]
fn the_dashboard_counts_check_ins_per_quarter_hour_and_takes_undos_back() {
    let (mut t, org_access, code) = door();
    let conference = t
        .desk
        .organizer()
        .organizer_conference(&org_access)
        .unwrap()
        .id;
    let bucket = |t: &TestDesk, minutes: i64| {
        let dashboard = t.desk.read_models().dashboard.get(conference).unwrap();
        let at = start() + Duration::minutes(minutes);
        (
            dashboard.check_ins.get(&at).copied(),
            dashboard.figures(t.desk.now()).checked_in,
        )
    };
    t.clock.advance(Duration::minutes(42));
    t.desk
        .door_mut()
        .check_in(&org_access, &code, 0, None)
        .unwrap();
    t.clock.advance(Duration::minutes(8));
    t.desk
        .door_mut()
        .check_in(&org_access, &code, 2, None)
        .unwrap();
    assert_eq!(bucket(&t, 30), (Some(1), 2));
    assert_eq!(bucket(&t, 45), (Some(1), 2));
    // Undone later: the 09:42 check-in leaves its own quarter hour.
    t.clock.advance(Duration::minutes(30));
    t.desk
        .door_mut()
        .undo_check_in(&org_access, &code, 0)
        .unwrap();
    assert_eq!(bucket(&t, 30), (None, 1));
    assert_eq!(bucket(&t, 45), (Some(1), 1));
    t.reopen();
    assert_eq!(bucket(&t, 30), (None, 1));
    assert_eq!(bucket(&t, 45), (Some(1), 1));
}

#[test]
fn a_checked_in_seat_can_be_renamed_but_not_emptied_or_given_away() {
    let (mut t, org_access, code) = door();
    t.desk
        .door_mut()
        .check_in(&org_access, &code, 0, None)
        .unwrap();
    let door = t.desk.door().door_find_order(&org_access, &code).unwrap();
    let key = OrderKey {
        order_id: door.order_id,
        access_code: code.clone(),
    };
    let events = t.desk.stats().events;
    let given_away = t
        .desk
        .registration_mut()
        .assign_seat(&key, 0, "Other", "Person", "other@example.com")
        .unwrap_err();
    assert_eq!(
        given_away.to_string(),
        "seat 1: already checked in: take the check-in back at the door before giving the seat to someone else"
    );
    assert!(t.desk.registration_mut().unassign_seat(&key, 0).is_err());
    assert_eq!(t.desk.stats().events, events, "nothing written");
    // A typo in the name of the person who came is still fixed.
    t.desk
        .registration_mut()
        .assign_seat(&key, 0, "Jiwoo", "Kim", "JW@example.kr")
        .unwrap();
    // After the check-in is taken back, the seat can change hands.
    t.desk
        .door_mut()
        .undo_check_in(&org_access, &code, 0)
        .unwrap();
    t.desk
        .registration_mut()
        .assign_seat(&key, 0, "Other", "Person", "other@example.com")
        .unwrap();
}

#[test]
fn an_unassigned_seat_is_found_by_its_registrants_name_or_email() {
    let (t, org_access, _) = door();
    for query in ["ana.lima@", "ANA LIMA"] {
        let found = t.desk.door().door_search(&org_access, query, 50);
        let seats: Vec<(u32, bool)> = found
            .seats
            .iter()
            .map(|s| (s.seat.position, s.attendee.is_some()))
            .collect();
        // Only the seat nobody was named for; named seats go by their attendee.
        assert_eq!(seats, [(1, false)], "{query}");
    }
}
