//! Staff codes through the app (issue 18 item 2): what each role's access
//! reaches, a revoked code stopping at its next action (also on another
//! desk of a shared log, after catch-up), wrong staff codes locking staff
//! log-ins only, and the order's history naming the staff code that sold
//! and checked in. The domain's given/when/then tests are beside the
//! aggregate (`domain::staff_code`).

mod common;
use common::{ByName as _, journey_conference, open_desk, pg, shared::desk_on, start};

use confdesk::app::history::HistoryAccess;
use confdesk::app::{
    AppError, ConferenceAccess, Desk, ManualClock, NewStaffCode, OrderKey, OrganizerKey, Outcome,
    StaffKey, UserCommand,
};
use confdesk::domain::staff_code::{Actor, StaffRole};
use confdesk::store::OpenMode;

const SLUG: &str = "summit";

fn add(desk: &mut Desk, access: &ConferenceAccess, role: StaffRole, label: &str) -> NewStaffCode {
    let Outcome::StaffCodeCreated(new) = desk
        .run(UserCommand::CreateStaffCode {
            access: access.clone(),
            role,
            label: label.into(),
        })
        .unwrap()
    else {
        panic!("not StaffCodeCreated")
    };
    new
}

fn staff(desk: &mut Desk, code: &str) -> Result<ConferenceAccess, AppError> {
    desk.authorize_staff(&StaffKey {
        slug: SLUG.into(),
        code: code.into(),
    })
}

/// A paid order of one General seat named Jiwoo Park; its key.
fn paid(desk: &mut Desk) -> OrderKey {
    let key = desk
        .place_order_named(SLUG, &[("General admission".into(), 1)])
        .unwrap();
    let mut r = desk.registration_mut();
    r.assign_registrant(&key, "Jiwoo", "Park", "jiwoo@example.com")
        .unwrap();
    r.pay(&key, true).unwrap();
    r.assign_seat(&key, 0, "Jiwoo", "Park", "jiwoo@example.com")
        .unwrap();
    key
}

fn check_in(
    desk: &mut Desk,
    access: &ConferenceAccess,
    order: &OrderKey,
) -> Result<Outcome, AppError> {
    desk.run(UserCommand::CheckIn {
        access: access.clone(),
        order_code: order.access_code.clone(),
        position: 0,
        attendee: None,
    })
}

fn refused_with(result: Result<impl std::fmt::Debug, AppError>, text: &str) {
    match result {
        Err(AppError::Conflict(m)) => assert!(m.to_string().contains(text), "{m}"),
        other => panic!("expected a refusal saying {text:?}, got {other:?}"),
    }
}

struct Setup {
    t: common::TestDesk,
    org: ConferenceAccess,
    key: OrganizerKey,
}

fn setup() -> Setup {
    let mut t = open_desk();
    let key = journey_conference(&mut t.desk, SLUG, 10);
    let org = t.desk.authorize_organizer(&key).unwrap();
    Setup { t, org, key }
}

#[test]
fn a_door_code_searches_checks_in_and_undoes_and_reaches_nothing_else() {
    let Setup { mut t, org, .. } = setup();
    let door_code = add(&mut t.desk, &org, StaffRole::Door, "Door 2");
    let order = paid(&mut t.desk);
    let door = staff(&mut t.desk, &door_code.code).unwrap();
    assert_eq!(door.staff_code(), Some((door_code.id, StaffRole::Door)));
    let desk = &mut t.desk;
    assert_eq!(desk.door().door_search(&door, "jiwoo", 10).total, 1);
    assert_eq!(desk.door().check_in_counts(&door).len(), 3);
    check_in(desk, &door, &order).unwrap();
    desk.run(UserCommand::UndoCheckIn {
        access: door.clone(),
        order_code: order.access_code.clone(),
        position: 0,
    })
    .unwrap();
    // No organizer reads, edits, exports, staff codes, sales or histories.
    let only_door = "a door staff code can only search";
    refused_with(desk.organizer().organizer_conference(&door), only_door);
    assert!(desk.organizer().organizer_orders(&door).is_empty());
    assert!(desk.organizer().organizer_attendees(&door).is_empty());
    let csv = t.dir.path().join("a.csv");
    refused_with(
        desk.export_attendees(&door, &csv, Default::default()),
        only_door,
    );
    assert!(!csv.exists());
    refused_with(desk.organizer().staff_codes(&door), only_door);
    refused_with(
        desk.run(UserCommand::SetPublished {
            access: door.clone(),
            published: false,
        }),
        only_door,
    );
    refused_with(
        desk.run(UserCommand::CreateStaffCode {
            access: door.clone(),
            role: StaffRole::Door,
            label: "Door 3".into(),
        }),
        only_door,
    );
    refused_with(
        desk.run(UserCommand::Sell {
            access: door.clone(),
            seats: vec![],
        }),
        only_door,
    );
    refused_with(
        desk.order_history(&HistoryAccess::Organizer(door, order.order_id)),
        only_door,
    );
}

#[test]
fn a_desk_code_sells_and_cannot_reach_the_door() {
    let Setup { mut t, org, .. } = setup();
    let desk_code = add(&mut t.desk, &org, StaffRole::Desk, "Desk 1");
    let order = paid(&mut t.desk);
    let sell = staff(&mut t.desk, &desk_code.code).unwrap();
    let general = t.desk.seat_type_id(SLUG, "General admission");
    let Outcome::OrderPlaced(sold) = t
        .desk
        .run(UserCommand::Sell {
            access: sell.clone(),
            seats: vec![(general, 2)],
        })
        .unwrap()
    else {
        panic!("not OrderPlaced")
    };
    let placed = t.desk.write_model().orders.get(&sold.order_id).cloned();
    assert!(placed.is_some());
    let only_sell = "a desk staff code can only sell";
    refused_with(check_in(&mut t.desk, &sell, &order), only_sell);
    assert_eq!(t.desk.door().door_search(&sell, "jiwoo", 10).total, 0);
    assert!(t.desk.door().check_in_counts(&sell).is_empty());
    refused_with(t.desk.organizer().organizer_conference(&sell), only_sell);
}

#[test]
fn a_revoked_code_stops_at_its_next_action_and_no_longer_opens() {
    let Setup { mut t, org, .. } = setup();
    let door_code = add(&mut t.desk, &org, StaffRole::Door, "Door 2");
    let order = paid(&mut t.desk);
    let door = staff(&mut t.desk, &door_code.code).unwrap();
    t.desk
        .run(UserCommand::RevokeStaffCode {
            access: org.clone(),
            staff_code: door_code.id,
        })
        .unwrap();
    // The access the door already holds stops working …
    refused_with(check_in(&mut t.desk, &door, &order), "'Door 2' was revoked");
    assert_eq!(t.desk.door().door_search(&door, "jiwoo", 10).total, 0);
    // … and the code no longer opens the conference, also after a replay.
    t.reopen();
    assert!(matches!(
        staff(&mut t.desk, &door_code.code),
        Err(AppError::NotFound(_))
    ));
    let codes = t.desk.organizer().staff_codes(&org).unwrap();
    assert_eq!(codes.len(), 1);
    assert_eq!(codes[0].revoked_at, Some(start()));
}

#[test]
fn five_wrong_staff_codes_lock_staff_log_ins_not_the_organizer() {
    let Setup { mut t, org, key } = setup();
    let door_code = add(&mut t.desk, &org, StaffRole::Door, "Door 2");
    for _ in 0..4 {
        assert!(matches!(
            staff(&mut t.desk, "AAAAAAA"),
            Err(AppError::NotFound(_))
        ));
    }
    refused_with(
        staff(&mut t.desk, "AAAAAAA"),
        "staff log-ins to this conference are locked",
    );
    refused_with(staff(&mut t.desk, &door_code.code), "locked until");
    // The organizer's own code still opens it.
    t.desk.authorize_organizer(&key).unwrap();
    // Five minutes later the staff code works again.
    t.clock.advance(chrono::Duration::minutes(5));
    staff(&mut t.desk, &door_code.code).unwrap();
}

#[test]
fn five_wrong_organizer_codes_leave_staff_log_ins_open() {
    let Setup { mut t, org, key } = setup();
    let door_code = add(&mut t.desk, &org, StaffRole::Door, "Door 2");
    let wrong = OrganizerKey {
        access_code: "ZZZZZ".into(),
        ..key.clone()
    };
    for _ in 0..5 {
        assert!(t.desk.authorize_organizer(&wrong).is_err());
    }
    assert!(matches!(
        t.desk.authorize_organizer(&key),
        Err(AppError::Locked { .. })
    ));
    staff(&mut t.desk, &door_code.code).unwrap();
}

#[test]
fn the_history_names_the_staff_code_that_sold_and_checked_in() {
    let Setup { mut t, org, .. } = setup();
    let door_code = add(&mut t.desk, &org, StaffRole::Door, "Door 2");
    let desk_code = add(&mut t.desk, &org, StaffRole::Desk, "Desk 1");
    let sell = staff(&mut t.desk, &desk_code.code).unwrap();
    let door = staff(&mut t.desk, &door_code.code).unwrap();
    let general = t.desk.seat_type_id(SLUG, "General admission");
    let Outcome::OrderPlaced(order) = t
        .desk
        .run(UserCommand::Sell {
            access: sell,
            seats: vec![(general, 1)],
        })
        .unwrap()
    else {
        panic!("not OrderPlaced")
    };
    let mut r = t.desk.registration_mut();
    r.assign_registrant(&order, "Jiwoo", "Park", "jiwoo@example.com")
        .unwrap();
    r.pay(&order, true).unwrap();
    r.assign_seat(&order, 0, "Jiwoo", "Park", "jiwoo@example.com")
        .unwrap();
    check_in(&mut t.desk, &door, &order).unwrap();
    check_in(&mut t.desk, &org, &order).unwrap_err();
    // A code revoked later is still named by its label.
    t.desk
        .run(UserCommand::RevokeStaffCode {
            access: org.clone(),
            staff_code: door_code.id,
        })
        .unwrap();
    let history = t
        .desk
        .order_history(&HistoryAccess::Organizer(org, order.order_id))
        .unwrap();
    let lines: Vec<String> = history.iter().map(|h| h.description.clone()).collect();
    assert!(
        lines.contains(&"Order placed: General admission 1, by Desk 1".to_string()),
        "{lines:#?}"
    );
    assert!(
        lines
            .contains(&"Seat 1 (General admission) checked in at 09:00 UTC, by Door 2".to_string()),
        "{lines:#?}"
    );
    let by: Vec<Actor> = history
        .iter()
        .filter_map(|h| match &h.event {
            confdesk::domain::Event::OrderPlaced(e) => Some(e.by),
            confdesk::domain::Event::AttendeeCheckedIn(e) => Some(e.by),
            _ => None,
        })
        .collect();
    assert_eq!(
        by,
        vec![Actor::Staff(desk_code.id), Actor::Staff(door_code.id)]
    );
}

#[test]
fn orders_placed_by_the_registrant_and_check_ins_by_the_organizer_say_so_in_the_log() {
    let Setup { mut t, org, .. } = setup();
    let order = paid(&mut t.desk);
    check_in(&mut t.desk, &org, &order).unwrap();
    let history = t
        .desk
        .order_history(&HistoryAccess::Organizer(org, order.order_id))
        .unwrap();
    let by: Vec<Actor> = history
        .iter()
        .filter_map(|h| match &h.event {
            confdesk::domain::Event::OrderPlaced(e) => Some(e.by),
            confdesk::domain::Event::AttendeeCheckedIn(e) => Some(e.by),
            _ => None,
        })
        .collect();
    assert_eq!(by, vec![Actor::Registrant, Actor::Organizer]);
}

/// Two desks on one shared log: desk A's door holds a staff access; desk
/// B revokes the code; A's next action catches up and is refused.
#[test]
fn a_code_revoked_on_another_desk_stops_after_catch_up() {
    let Some(url) = pg::fresh_database("staff_revoke") else {
        return;
    };
    let clock = ManualClock::new(start());
    let mut a = desk_on(&url, &clock, OpenMode::Create);
    let key = journey_conference(&mut a, SLUG, 10);
    let org_a = a.authorize_organizer(&key).unwrap();
    let door_code = add(&mut a, &org_a, StaffRole::Door, "Door 2");
    let order = paid(&mut a);
    let door = staff(&mut a, &door_code.code).unwrap();

    let mut b = desk_on(&url, &clock, OpenMode::ReadWrite);
    let org_b = b.authorize_organizer(&key).unwrap();
    b.run(UserCommand::RevokeStaffCode {
        access: org_b,
        staff_code: door_code.id,
    })
    .unwrap();
    refused_with(check_in(&mut a, &door, &order), "'Door 2' was revoked");
    assert!(a.write_model().check_ins.is_empty(), "nothing was written");
}
