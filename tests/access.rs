//! The one authorised read path: organizer and door reads and actions take
//! a `ConferenceAccess`, which only the access guard hands out (from
//! `authorize_organizer` or `open_conference`), and an access reaches its
//! own conference only — never another conference's orders, seats,
//! attendees or history.

mod common;

use common::{ByName as _, journey_conference, open_desk};
use confdesk::app::history::HistoryAccess;
use confdesk::app::{AppError, ConferenceAccess, Desk, DoorAttendee, OrderKey, OrganizerKey};

/// Places a paid order of one General admission seat in `slug`; returns
/// its key.
fn paid_order(desk: &mut Desk, slug: &str) -> OrderKey {
    let key = desk
        .place_order_named(slug, &[("General admission".to_string(), 1)])
        .unwrap();
    desk.registration_mut()
        .assign_registrant(&key, "Ana", "Lima", "ana.lima@example.com")
        .unwrap();
    desk.registration_mut().pay(&key, true).unwrap();
    key
}

#[test]
fn an_access_reaches_its_own_conference_and_no_other() {
    let mut t = open_desk();
    let a = journey_conference(&mut t.desk, "summit-a", 10);
    let b = journey_conference(&mut t.desk, "summit-b", 10);
    let a_access = t.desk.authorize_organizer(&a).unwrap();
    let b_access = t.desk.authorize_organizer(&b).unwrap();
    assert_ne!(a_access, b_access);
    let order = paid_order(&mut t.desk, "summit-b");

    // B's own access sees the order everywhere.
    let door = t.desk.door();
    assert!(door.door_find_order(&b_access, &order.access_code).is_ok());
    assert_eq!(door.door_search(&b_access, "ana.lima", 10).total, 1);
    let organizer = t.desk.organizer();
    assert_eq!(organizer.organizer_orders(&b_access).len(), 1);
    assert_eq!(organizer.organizer_attendees(&b_access).len(), 1);

    // A's access sees none of it, and cannot act on it.
    assert!(matches!(
        door.door_find_order(&a_access, &order.access_code),
        Err(AppError::NotFound(_))
    ));
    assert_eq!(door.door_search(&a_access, "ana.lima", 10).total, 0);
    assert!(organizer.organizer_orders(&a_access).is_empty());
    assert!(organizer.organizer_attendees(&a_access).is_empty());
    assert!(
        t.desk
            .door()
            .check_in_counts(&a_access)
            .iter()
            .all(|c| c.confirmed == 0)
    );
    assert!(matches!(
        t.desk
            .door_mut()
            .check_in(&a_access, &order.access_code, 0, None),
        Err(AppError::NotFound(_))
    ));
    let history = HistoryAccess::Organizer(a_access.clone(), order.order_id);
    assert!(matches!(
        t.desk.order_history(&history),
        Err(AppError::NotFound(_))
    ));
    // Nothing was written by the refusals; B's access checks the seat in
    // (naming its attendee: one append of two events).
    let events = t.desk.stats().events;
    let name = DoorAttendee {
        first_name: "Ana".into(),
        last_name: "Lima".into(),
        email: None,
    };
    let seat = t
        .desk
        .door_mut()
        .check_in(&b_access, &order.access_code, 0, Some(name))
        .unwrap();
    assert!(seat.checked_in_at.is_some());
    assert_eq!(t.desk.stats().events, events + 2);
}

#[test]
fn open_conference_hands_out_the_access_it_checked_and_counts_wrong_codes() {
    let mut t = open_desk();
    let key = journey_conference(&mut t.desk, "summit", 10);
    let expected = t.desk.authorize_organizer(&key).unwrap();
    let (opened_key, access) = t
        .desk
        .open_conference("  ANA@example.com ", &key.access_code.to_lowercase())
        .unwrap();
    assert_eq!(access, expected);
    assert_eq!(opened_key.slug, "summit");
    assert_eq!(
        t.desk
            .organizer()
            .organizer_conference(&access)
            .unwrap()
            .info
            .slug,
        "summit"
    );
    // Four wrong codes are "no conference matches"; the fifth locks it,
    // the right code included.
    for _ in 1..5 {
        assert!(matches!(
            t.desk.open_conference("ana@example.com", "ZZZZZ"),
            Err(AppError::NotFound(_))
        ));
    }
    assert!(matches!(
        t.desk.open_conference("ana@example.com", "ZZZZZ"),
        Err(AppError::Locked { .. })
    ));
    assert!(matches!(
        t.desk.authorize_organizer(&key),
        Err(AppError::Locked { .. })
    ));
}

#[test]
fn an_access_granted_once_is_not_checked_again_per_action() {
    // The window authorises when a workspace opens and keeps the access:
    // a lock that starts later (someone guessing codes elsewhere) does not
    // close a workspace opened with the right code, and no action counts
    // a try.
    let mut t = open_desk();
    let key = journey_conference(&mut t.desk, "summit", 10);
    let access: ConferenceAccess = t.desk.authorize_organizer(&key).unwrap();
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
    assert!(t.desk.organizer().organizer_conference(&access).is_ok());
    t.desk
        .organizer_mut()
        .set_published(&access, false)
        .unwrap();
    assert!(
        !t.desk
            .organizer()
            .organizer_conference(&access)
            .unwrap()
            .published
    );
}
