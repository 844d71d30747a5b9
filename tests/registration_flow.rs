//! The whole registration story through the app layer, on a real log.

mod common;
use common::ByName as _;

use chrono::Duration;
use common::{TestDesk, journey_conference, open_desk};
use confdesk::app::projections::OrderStatusView;
use confdesk::app::{AppError, ConferenceAccess, OrderKey, SeatTypeChanges};

fn seats(lines: &[(&str, i64)]) -> Vec<(String, i64)> {
    lines.iter().map(|(n, q)| (n.to_string(), *q)).collect()
}

/// Seats left of the conference's seat type number `index`, as the
/// organizer sees them.
fn seats_left(t: &TestDesk, access: &ConferenceAccess, index: usize) -> i64 {
    t.desk
        .organizer()
        .organizer_conference(access)
        .unwrap()
        .seat_types[index]
        .left
}

#[test]
fn the_journey_group_scenario_totals_1197_and_assigns_six_attendees() {
    let mut t = open_desk();
    let org = journey_conference(&mut t.desk, "cqrs-summit", 100);
    let org_access = t.desk.authorize_organizer(&org).unwrap();
    let confdesk::app::OrderKey {
        order_id,
        access_code: code,
    } = t
        .desk
        .place_order_named(
            "cqrs-summit",
            &seats(&[
                ("General admission", 3),
                ("CQRS Workshop", 1),
                ("Additional cocktail party", 2),
            ]),
        )
        .unwrap();
    let key = OrderKey {
        order_id,
        access_code: code.clone(),
    };
    let order = t.desk.registration().order(&key).unwrap();
    assert_eq!(order.status, OrderStatusView::ReservationCompleted);
    assert_eq!(order.total.unwrap().minor, 119_700);
    assert_eq!(order.total.unwrap().amount_string(), "1197.00");
    assert_eq!(order.expires_at, common::start() + Duration::minutes(15));
    let line_sum: i64 = order
        .lines
        .iter()
        .map(|l| l.line_total.unwrap().minor)
        .sum();
    assert_eq!(line_sum, 119_700);

    t.desk
        .registration_mut()
        .assign_registrant(&key, "Ana", "Lima", "ana.lima@example.com")
        .unwrap();
    t.desk.registration_mut().pay(&key, true).unwrap();
    let order = t.desk.registration().order(&key).unwrap();
    assert_eq!(order.status, OrderStatusView::Confirmed);
    assert_eq!(order.positions.len(), 6);
    for p in 0..6 {
        t.desk
            .registration_mut()
            .assign_seat(
                &key,
                p,
                "Attendee",
                &format!("N{p}"),
                &format!("a{p}@example.com"),
            )
            .unwrap();
    }
    let view = t
        .desk
        .organizer()
        .organizer_conference(&org_access)
        .unwrap();
    let general = view
        .seat_types
        .iter()
        .find(|s| s.name == "General admission")
        .unwrap();
    assert_eq!((general.sold, general.reserved, general.left), (3, 0, 97));
    let attendees = t.desk.organizer().organizer_attendees(&org_access);
    assert_eq!(attendees.len(), 6);
    assert!(
        attendees
            .iter()
            .all(|a| a.attendee.is_some() && a.order_code == code)
    );
    // The process manager finished and nothing is scheduled any more.
    assert_eq!(t.desk.next_due(), None);
}

#[test]
fn four_registrants_asking_two_workshop_seats_each_two_complete_two_partial() {
    let mut t = open_desk();
    journey_conference(&mut t.desk, "cqrs-summit", 100);
    let mut statuses = Vec::new();
    for _ in 0..4 {
        let confdesk::app::OrderKey {
            order_id,
            access_code,
        } = t
            .desk
            .place_order_named("cqrs-summit", &seats(&[("CQRS Workshop", 2)]))
            .unwrap();
        let o = t
            .desk
            .registration()
            .order(&OrderKey {
                order_id,
                access_code,
            })
            .unwrap();
        statuses.push((o.status, o.lines[0].reserved));
    }
    assert_eq!(
        statuses,
        vec![
            (OrderStatusView::ReservationCompleted, 2),
            (OrderStatusView::ReservationCompleted, 2),
            (OrderStatusView::PartiallyReserved, 0),
            (OrderStatusView::PartiallyReserved, 0),
        ]
    );
}

#[test]
fn partial_reservation_then_update_re_reserves_and_releases_the_rest() {
    let mut t = open_desk();
    let org = journey_conference(&mut t.desk, "cqrs-summit", 100);
    let org_access = t.desk.authorize_organizer(&org).unwrap();
    let confdesk::app::OrderKey {
        order_id,
        access_code,
    } = t
        .desk
        .place_order_named("cqrs-summit", &seats(&[("CQRS Workshop", 6)]))
        .unwrap();
    let key = OrderKey {
        order_id,
        access_code,
    };
    let o = t.desk.registration().order(&key).unwrap();
    assert_eq!(
        (o.status, o.lines[0].requested, o.lines[0].reserved),
        (OrderStatusView::PartiallyReserved, 6, 4)
    );
    assert_eq!(o.total.unwrap().minor, 200_000);

    t.clock.advance(Duration::minutes(10));
    t.desk
        .update_order_named(&key, &seats(&[("CQRS Workshop", 1)]))
        .unwrap();
    let o = t.desk.registration().order(&key).unwrap();
    assert_eq!(
        (o.status, o.lines[0].reserved),
        (OrderStatusView::ReservationCompleted, 1)
    );
    assert_eq!(
        o.expires_at,
        common::start() + Duration::minutes(25),
        "expiry restarts"
    );
    let ws = t
        .desk
        .organizer()
        .organizer_conference(&org_access)
        .unwrap()
        .seat_types[1]
        .clone();
    assert_eq!((ws.reserved, ws.left), (1, 3));
}

#[test]
fn expiry_returns_seats_and_payment_after_expiry_is_refused() {
    let mut t = open_desk();
    let org = journey_conference(&mut t.desk, "cqrs-summit", 10);
    let org_access = t.desk.authorize_organizer(&org).unwrap();
    let confdesk::app::OrderKey {
        order_id,
        access_code,
    } = t
        .desk
        .place_order_named("cqrs-summit", &seats(&[("General admission", 4)]))
        .unwrap();
    let key = OrderKey {
        order_id,
        access_code,
    };
    t.desk
        .registration_mut()
        .assign_registrant(&key, "Kim", "Min-jun", "mj@example.kr")
        .unwrap();
    assert_eq!(seats_left(&t, &org_access, 0), 6);

    t.clock.advance(Duration::minutes(14));
    assert_eq!(t.desk.tick().unwrap(), 0, "not due yet");
    t.clock.advance(Duration::minutes(1));
    // Paying triggers the due expiry first, then refuses.
    let err = t.desk.registration_mut().pay(&key, true).unwrap_err();
    assert!(
        matches!(err, AppError::Conflict(ref m) if m.to_string().contains("expired")),
        "{err}"
    );
    assert_eq!(
        t.desk.registration().order(&key).unwrap().status,
        OrderStatusView::Expired
    );
    let general = t
        .desk
        .organizer()
        .organizer_conference(&org_access)
        .unwrap()
        .seat_types[0]
        .clone();
    assert_eq!((general.left, general.reserved, general.sold), (10, 0, 0));
}

#[test]
fn expiry_that_came_due_while_closed_fires_on_the_next_start() {
    let mut t = open_desk();
    let org = journey_conference(&mut t.desk, "cqrs-summit", 10);
    let org_access = t.desk.authorize_organizer(&org).unwrap();
    let confdesk::app::OrderKey {
        order_id,
        access_code,
    } = t
        .desk
        .place_order_named("cqrs-summit", &seats(&[("General admission", 4)]))
        .unwrap();
    t.clock.advance(Duration::hours(2));
    t.reopen();
    assert_eq!(
        t.desk.next_due(),
        Some(common::start() + Duration::minutes(15)),
        "the schedule survived the restart"
    );
    assert_eq!(t.desk.tick().unwrap(), 1);
    let key = OrderKey {
        order_id,
        access_code,
    };
    assert_eq!(
        t.desk.registration().order(&key).unwrap().status,
        OrderStatusView::Expired
    );
    assert_eq!(seats_left(&t, &org_access, 0), 10);
}

#[test]
fn rejected_payment_keeps_the_order_open_then_accepted_confirms() {
    let mut t = open_desk();
    journey_conference(&mut t.desk, "cqrs-summit", 10);
    let confdesk::app::OrderKey {
        order_id,
        access_code,
    } = t
        .desk
        .place_order_named("cqrs-summit", &seats(&[("General admission", 1)]))
        .unwrap();
    let key = OrderKey {
        order_id,
        access_code,
    };
    assert!(
        matches!(t.desk.registration_mut().pay(&key, true), Err(AppError::Validation(ref f)) if f[0].field == "registrant")
    );
    t.desk
        .registration_mut()
        .assign_registrant(&key, "Ana", "Lima", "ana@example.com")
        .unwrap();
    t.desk.registration_mut().pay(&key, false).unwrap();
    assert_eq!(
        t.desk.registration().order(&key).unwrap().status,
        OrderStatusView::ReservationCompleted
    );
    t.desk.registration_mut().pay(&key, true).unwrap();
    let o = t.desk.registration().order(&key).unwrap();
    assert_eq!(
        (o.status, o.payments.len()),
        (OrderStatusView::Confirmed, 2)
    );
    assert!(matches!(
        t.desk.registration_mut().pay(&key, true),
        Err(AppError::Conflict(_))
    ));
}

#[test]
fn quota_below_sold_is_refused_and_writes_nothing() {
    let mut t = open_desk();
    let org = journey_conference(&mut t.desk, "cqrs-summit", 10);
    let org_access = t.desk.authorize_organizer(&org).unwrap();
    let confdesk::app::OrderKey {
        order_id,
        access_code,
    } = t
        .desk
        .place_order_named("cqrs-summit", &seats(&[("General admission", 3)]))
        .unwrap();
    let key = OrderKey {
        order_id,
        access_code,
    };
    t.desk
        .registration_mut()
        .assign_registrant(&key, "Ana", "Lima", "ana@example.com")
        .unwrap();
    t.desk.registration_mut().pay(&key, true).unwrap();
    let before = t.desk.stats().events;
    let general = t.desk.seat_type_id("cqrs-summit", "General admission");
    let err = t
        .desk
        .organizer_mut()
        .update_seat_type(
            &org_access,
            general,
            SeatTypeChanges {
                quota: Some("2".into()),
                ..Default::default()
            },
        )
        .unwrap_err();
    let AppError::Conflict(msg) = &err else {
        panic!("{err}")
    };
    assert!(
        msg.to_string().starts_with("quota: cannot be lower than 3"),
        "{err}"
    );
    assert_eq!(
        t.desk.stats().events,
        before,
        "nothing of the refused cascade was written"
    );
    assert_eq!(t.desk.log().last_position().unwrap(), before);
    assert_eq!(
        t.desk
            .organizer()
            .organizer_conference(&org_access)
            .unwrap()
            .seat_types[0]
            .quota,
        10
    );
    // Raising the quota adds seats.
    let general = t.desk.seat_type_id("cqrs-summit", "general admission");
    t.desk
        .organizer_mut()
        .update_seat_type(
            &org_access,
            general,
            SeatTypeChanges {
                quota: Some("12".into()),
                ..Default::default()
            },
        )
        .unwrap();
    let g = t
        .desk
        .organizer()
        .organizer_conference(&org_access)
        .unwrap()
        .seat_types[0]
        .clone();
    assert_eq!((g.quota, g.left, g.sold), (12, 9, 3));
}

#[test]
fn unpublished_conferences_take_no_orders_and_unknown_seat_types_are_named() {
    let mut t = open_desk();
    let org = journey_conference(&mut t.desk, "cqrs-summit", 10);
    let org_access = t.desk.authorize_organizer(&org).unwrap();
    let err = t
        .desk
        .place_order_named(
            "cqrs-summit",
            &seats(&[("VIP", 1), ("General admission", -1)]),
        )
        .unwrap_err();
    let AppError::Validation(f) = err else {
        panic!()
    };
    assert_eq!(
        f.iter().map(|e| e.field.to_string()).collect::<Vec<_>>(),
        ["seat type", "quantity of General admission"]
    );
    let err = t
        .desk
        .place_order_named("cqrs-summit", &seats(&[("General admission", 0)]))
        .unwrap_err();
    assert_eq!(err.to_string(), "seats: One or more items are required");
    t.desk
        .organizer_mut()
        .set_published(&org_access, false)
        .unwrap();
    assert!(t.desk.registration().published_conferences().is_empty());
    assert!(matches!(
        t.desk
            .place_order_named("cqrs-summit", &seats(&[("General admission", 1)])),
        Err(AppError::NotFound(_))
    ));
}

#[test]
fn replay_from_disk_rebuilds_identical_read_models() {
    let mut t = open_desk();
    let org = journey_conference(&mut t.desk, "cqrs-summit", 10);
    let org_access = t.desk.authorize_organizer(&org).unwrap();
    let confdesk::app::OrderKey {
        order_id,
        access_code,
    } = t
        .desk
        .place_order_named(
            "cqrs-summit",
            &seats(&[("General admission", 3), ("CQRS Workshop", 2)]),
        )
        .unwrap();
    let key = OrderKey {
        order_id,
        access_code,
    };
    t.desk
        .registration_mut()
        .assign_registrant(&key, "민준", "김", "mj@example.kr")
        .unwrap();
    t.desk.registration_mut().pay(&key, true).unwrap();
    t.desk
        .registration_mut()
        .assign_seat(&key, 0, "Zoë", "Ærø", "zoe@example.dk")
        .unwrap();
    t.desk
        .place_order_named("cqrs-summit", &seats(&[("CQRS Workshop", 5)]))
        .unwrap();
    let before_conf = t
        .desk
        .organizer()
        .organizer_conference(&org_access)
        .unwrap();
    let before_orders = t.desk.organizer().organizer_orders(&org_access);
    let before_stats = t.desk.stats().clone();
    t.reopen();
    assert_eq!(
        t.desk
            .organizer()
            .organizer_conference(&org_access)
            .unwrap(),
        before_conf
    );
    assert_eq!(
        t.desk.organizer().organizer_orders(&org_access),
        before_orders
    );
    assert_eq!(t.desk.stats(), &before_stats);
    assert_eq!(
        t.desk
            .registration_mut()
            .find_order("MJ@example.kr", &key.access_code.to_lowercase())
            .unwrap()
            .order_id,
        order_id
    );
}

#[test]
fn organizer_access_needs_email_and_code_and_locks_after_five_wrong_codes() {
    let mut t = open_desk();
    let mut org = journey_conference(&mut t.desk, "cqrs-summit", 10);
    let good = org.access_code.clone();
    let unknown = confdesk::app::OrganizerKey {
        slug: "nope".into(),
        ..org.clone()
    };
    let wrong_email = confdesk::app::OrganizerKey {
        email: "eve@example.com".into(),
        ..org.clone()
    };
    let e1 = t
        .desk
        .authorize_organizer(&unknown)
        .unwrap_err()
        .to_string();
    let e2 = t
        .desk
        .authorize_organizer(&wrong_email)
        .unwrap_err()
        .to_string();
    assert_eq!(e1, e2, "unknown slug and wrong e-mail look the same");
    org.access_code = "ZZZZZ".into();
    for _ in 0..3 {
        assert!(matches!(
            t.desk.authorize_organizer(&org),
            Err(AppError::NotFound(_))
        ));
    }
    assert!(
        matches!(
            t.desk.authorize_organizer(&org),
            Err(AppError::Locked { .. })
        ),
        "fifth wrong try locks"
    );
    org.access_code = good.to_lowercase();
    assert!(
        matches!(
            t.desk.authorize_organizer(&org),
            Err(AppError::Locked { .. })
        ),
        "even the right code waits"
    );
    t.clock.advance(Duration::minutes(5));
    assert!(t.desk.authorize_organizer(&org).is_ok());
}

#[test]
fn a_lock_survives_a_restart_and_is_shared_with_other_processes() {
    let mut t = open_desk();
    let org = journey_conference(&mut t.desk, "cqrs-summit", 10);
    let wrong = confdesk::app::OrganizerKey {
        access_code: "ZZZZZ".into(),
        ..org.clone()
    };
    for _ in 0..4 {
        assert!(matches!(
            t.desk.authorize_organizer(&wrong),
            Err(AppError::NotFound(_))
        ));
    }
    // A read-only process (the CLI beside the window) counts the fifth try.
    let mut reader = confdesk::app::Desk::open_path(
        &t.path,
        confdesk::store::OpenMode::ReadOnly,
        std::sync::Arc::new(t.clock.clone()),
        confdesk::app::Settings::default(),
    )
    .unwrap();
    assert!(matches!(
        reader.authorize_organizer(&wrong),
        Err(AppError::Locked { .. })
    ));
    drop(reader);
    t.reopen();
    assert!(
        matches!(
            t.desk.authorize_organizer(&org),
            Err(AppError::Locked { .. })
        ),
        "the lock survived the restart"
    );
    t.clock.advance(Duration::minutes(5));
    assert!(t.desk.authorize_organizer(&org).is_ok());
}

#[test]
fn history_lists_the_orders_own_reservation_events_among_many_orders() {
    use confdesk::app::history::HistoryAccess;
    let mut t = open_desk();
    let org = journey_conference(&mut t.desk, "cqrs-summit", 500);
    let org_access = t.desk.authorize_organizer(&org).unwrap();
    let mut orders = Vec::new();
    for i in 0..40 {
        let confdesk::app::OrderKey {
            order_id,
            access_code: code,
        } = t
            .desk
            .place_order_named("cqrs-summit", &seats(&[("General admission", 1 + i % 3)]))
            .unwrap();
        orders.push(OrderKey {
            order_id,
            access_code: code,
        });
    }
    let key = orders[17].clone();
    t.desk
        .registration_mut()
        .assign_registrant(&key, "Ana", "Lima", "ana@example.com")
        .unwrap();
    // Other orders' actions land between this order's own.
    for other in &orders[18..30] {
        t.desk
            .registration_mut()
            .assign_registrant(other, "Bo", "Li", "bo@example.com")
            .unwrap();
        t.desk.registration_mut().pay(other, true).unwrap();
    }
    t.desk.registration_mut().pay(&key, true).unwrap();
    let history = t
        .desk
        .order_history(&HistoryAccess::Organizer(org_access, key.order_id))
        .unwrap();
    let availability: Vec<&str> = history
        .iter()
        .filter(|h| h.stream_id.starts_with("availability-"))
        .map(|h| h.event_type.as_str())
        .collect();
    assert_eq!(availability, ["SeatsReserved", "SeatsReservationCommitted"]);
    assert!(
        history
            .iter()
            .any(|h| h.description == "Seats reserved: General admission 3"),
        "{:#?}",
        history.iter().map(|h| &h.description).collect::<Vec<_>>()
    );
    assert!(history.windows(2).all(|w| w[0].position < w[1].position));
}

#[test]
fn find_my_order_locks_an_email_after_five_wrong_codes_across_restarts() {
    let mut t = open_desk();
    journey_conference(&mut t.desk, "cqrs-summit", 10);
    let confdesk::app::OrderKey {
        order_id,
        access_code: code,
    } = t
        .desk
        .place_order_named("cqrs-summit", &seats(&[("General admission", 1)]))
        .unwrap();
    let key = OrderKey {
        order_id,
        access_code: code.clone(),
    };
    t.desk
        .registration_mut()
        .assign_registrant(&key, "Ana", "Lima", "ana@example.com")
        .unwrap();
    for _ in 0..4 {
        let miss = t
            .desk
            .registration_mut()
            .find_order("ana@example.com", "ZZZZZZ")
            .unwrap_err();
        assert!(matches!(miss, AppError::NotFound(_)), "{miss:?}");
    }
    let fifth = t
        .desk
        .registration_mut()
        .find_order("ANA@example.com ", "ZZZZZZ")
        .unwrap_err();
    assert!(
        matches!(fifth, AppError::OrderLookupLocked { .. }),
        "{fifth:?}"
    );
    // Locked: even the right code, and after a restart (the access file).
    t.reopen();
    let locked = t
        .desk
        .registration_mut()
        .find_order("ana@example.com", &code)
        .unwrap_err();
    assert_eq!(
        locked.to_string(),
        "too many wrong order codes for this e-mail: try again after 09:05 UTC"
    );
    // Another e-mail is not affected (and simply finds nothing).
    assert!(matches!(
        t.desk
            .registration_mut()
            .find_order("bo@example.com", &code),
        Err(AppError::NotFound(_))
    ));
    t.clock.advance(Duration::minutes(5));
    assert_eq!(
        t.desk
            .registration_mut()
            .find_order("ana@example.com", &code)
            .unwrap()
            .order_id,
        order_id
    );
}
