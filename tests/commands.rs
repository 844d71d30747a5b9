//! User actions as values (issue 14, items 2 and 4): the CLI resolves what
//! was typed once, at its edge, into typed values (the app only sees ids);
//! a `UserCommand` runs through `Desk::run` and says what happened; and a
//! value run again after the state changed decides afresh — what the
//! multi-desk work needs to retry a command after catching up.

mod common;
use common::cli::{Desk as CliDesk, SLUG};
use common::{journey_conference, open_desk};
use confdesk::app::{AppError, DoorAttendee, Outcome, SeatTypeDraft, UserCommand};
use confdesk::cli::resolve;
use confdesk::domain::events::PersonalInfo;

fn person(first: &str, email: &str) -> PersonalInfo {
    PersonalInfo {
        first_name: first.into(),
        last_name: "Kim".into(),
        email: email.into(),
    }
}

#[test]
fn a_place_order_value_run_again_after_seats_ran_out_reserves_what_is_left() {
    // Given a published conference whose workshop has 4 seats
    let mut t = open_desk();
    journey_conference(&mut t.desk, "retry", 10);
    let conference = resolve::published_conference(&t.desk, "retry").unwrap();
    let workshop = resolve::seat_type(&conference, "CQRS Workshop").unwrap();
    let place = UserCommand::PlaceOrder {
        conference: conference.id,
        seats: vec![(workshop, 3)],
    };
    // When the value runs, it reserves all three
    let Outcome::OrderPlaced(first) = t.desk.run(place.clone()).unwrap() else {
        panic!("PlaceOrder answers OrderPlaced");
    };
    assert_eq!(
        t.desk.registration().order(&first).unwrap().lines[0].reserved,
        3
    );
    // When the same value runs again, one seat is left: it decides on the
    // state it finds, a partial reservation of a new order
    let Outcome::OrderPlaced(second) = t.desk.run(place).unwrap() else {
        panic!("PlaceOrder answers OrderPlaced");
    };
    assert_ne!(first, second, "a new order, with its own code");
    let line = &t.desk.registration().order(&second).unwrap().lines[0];
    assert_eq!((line.requested, line.reserved), (3, 1));
    let left = t.desk.read_models().conferences.get(conference.id).unwrap();
    assert_eq!(left.seat_types[1].left, 0);
}

#[test]
fn a_pay_value_run_again_after_it_was_paid_is_refused_as_already_paid() {
    let mut t = open_desk();
    journey_conference(&mut t.desk, "pay-twice", 10);
    let conference = resolve::published_conference(&t.desk, "pay-twice").unwrap();
    let general = conference.seat_types[0].id;
    let Outcome::OrderPlaced(order) = t
        .desk
        .run(UserCommand::PlaceOrder {
            conference: conference.id,
            seats: vec![(general, 1)],
        })
        .unwrap()
    else {
        panic!("PlaceOrder answers OrderPlaced");
    };
    t.desk
        .run(UserCommand::AssignRegistrant {
            order: order.clone(),
            person: person("Min-jun", "mj@example.kr"),
        })
        .unwrap();
    let pay = UserCommand::Pay {
        order,
        accept: true,
    };
    assert!(matches!(t.desk.run(pay.clone()), Ok(Outcome::Paid(_))));
    let events = t.desk.stats().events;
    assert!(
        matches!(t.desk.run(pay), Err(AppError::Conflict(ref m)) if m.to_string().contains("already paid"))
    );
    assert_eq!(t.desk.stats().events, events, "nothing written");
}

#[test]
fn every_action_runs_as_a_value_and_says_what_happened() {
    let mut t = open_desk();
    let input = common::conference_input("values");
    let Outcome::ConferenceCreated { id, access_code } = t
        .desk
        .run(UserCommand::CreateConference(input.clone()))
        .unwrap()
    else {
        panic!("CreateConference answers ConferenceCreated");
    };
    let key = confdesk::app::OrganizerKey {
        slug: "values".into(),
        email: input.owner_email.clone(),
        access_code,
    };
    let access = t.desk.authorize_organizer(&key).unwrap();
    let draft = SeatTypeDraft {
        name: "General".into(),
        description: String::new(),
        quota: "5".into(),
        price: "10".into(),
    };
    let Outcome::SeatTypeAdded(general) = t
        .desk
        .run(UserCommand::AddSeatType {
            access: access.clone(),
            draft,
        })
        .unwrap()
    else {
        panic!("AddSeatType answers SeatTypeAdded");
    };
    let changes = confdesk::app::SeatTypeChanges {
        quota: Some("6".into()),
        ..Default::default()
    };
    let done = |r: Result<Outcome, AppError>| assert_eq!(r.unwrap(), Outcome::Done);
    done(t.desk.run(UserCommand::UpdateSeatType {
        access: access.clone(),
        seat_type: general,
        changes,
    }));
    let mut renamed = input;
    renamed.name = "Values Summit".into();
    done(t.desk.run(UserCommand::UpdateConference {
        access: access.clone(),
        input: renamed,
    }));
    done(t.desk.run(UserCommand::SetPublished {
        access: access.clone(),
        published: true,
    }));
    let view = t.desk.read_models().conferences.get(id).unwrap();
    assert_eq!(
        (
            view.info.name.as_str(),
            view.published,
            view.seat_types[0].quota
        ),
        ("Values Summit", true, 6)
    );
    let Outcome::OrderPlaced(order) = t
        .desk
        .run(UserCommand::PlaceOrder {
            conference: id,
            seats: vec![(general, 1)],
        })
        .unwrap()
    else {
        panic!("PlaceOrder answers OrderPlaced");
    };
    done(t.desk.run(UserCommand::UpdateOrder {
        order: order.clone(),
        seats: vec![(general, 2)],
    }));
    done(t.desk.run(UserCommand::AssignRegistrant {
        order: order.clone(),
        person: person("Ji-woo", "jw@example.kr"),
    }));
    assert!(matches!(
        t.desk.run(UserCommand::Pay {
            order: order.clone(),
            accept: true
        }),
        Ok(Outcome::Paid(_))
    ));
    done(t.desk.run(UserCommand::AssignSeat {
        order: order.clone(),
        position: 0,
        person: person("Ji-woo", "jw@example.kr"),
    }));
    done(t.desk.run(UserCommand::UnassignSeat {
        order: order.clone(),
        position: 0,
    }));
    let Outcome::Door(seat) = t
        .desk
        .run(UserCommand::CheckIn {
            access: access.clone(),
            order_code: order.access_code.clone(),
            position: 1,
            attendee: Some(DoorAttendee {
                first_name: "Cher".into(),
                last_name: String::new(),
                email: None,
            }),
        })
        .unwrap()
    else {
        panic!("CheckIn answers Door");
    };
    assert!(seat.checked_in_at.is_some());
    let Outcome::Door(seat) = t
        .desk
        .run(UserCommand::UndoCheckIn {
            access,
            order_code: order.access_code.clone(),
            position: 1,
        })
        .unwrap()
    else {
        panic!("UndoCheckIn answers Door");
    };
    assert!(seat.checked_in_at.is_none());
    let order = t.desk.registration().order(&order).unwrap();
    assert_eq!(order.positions.len(), 2);
}

#[test]
fn the_app_refuses_a_seat_type_given_twice_by_id_for_every_entry_point() {
    let mut t = open_desk();
    journey_conference(&mut t.desk, "twice-ids", 10);
    let conference = resolve::published_conference(&t.desk, "twice-ids").unwrap();
    let workshop = conference.seat_types[1].id;
    let before = t.desk.stats().events;
    let r = t.desk.run(UserCommand::PlaceOrder {
        conference: conference.id,
        seats: vec![(workshop, 1), (workshop, 2)],
    });
    assert!(
        matches!(r, Err(AppError::Validation(ref f)) if f[0].field == "seats"
            && f[0].rule.to_string() == "'CQRS Workshop' is named more than once: give each seat type once"),
        "{r:?}"
    );
    assert_eq!(t.desk.stats().events, before, "nothing written");
}

#[test]
fn an_unpublished_or_unknown_slug_is_not_found_at_the_edge_and_in_the_app() {
    let mut t = open_desk();
    let key = journey_conference(&mut t.desk, "hidden", 10);
    let access = t.desk.authorize_organizer(&key).unwrap();
    let id = access.conference();
    t.desk
        .run(UserCommand::SetPublished {
            access,
            published: false,
        })
        .unwrap();
    for slug in ["hidden", " hidden ", "nowhere"] {
        let e = resolve::published_conference(&t.desk, slug).unwrap_err();
        assert_eq!(
            e.to_string(),
            format!("no published conference has the slug '{}'", slug.trim())
        );
        assert!(matches!(e, AppError::NotFound(_)));
    }
    // A value holding the id of a conference unpublished since is refused
    // in the same words when it runs.
    let r = t.desk.run(UserCommand::PlaceOrder {
        conference: id,
        seats: vec![],
    });
    assert!(
        matches!(r, Err(AppError::NotFound(ref m)) if m.to_string() == "no published conference has the slug 'hidden'"),
        "{r:?}"
    );
}

#[test]
fn the_cli_resolves_before_opening_the_log_and_keeps_its_words_and_exit_codes() {
    let d = CliDesk::new();
    // A bad date is refused before a log exists: nothing is created.
    d.run(&[
        "conference",
        "create",
        "--name",
        "X",
        "--slug",
        "x",
        "--owner-name",
        "Ana",
        "--owner-email",
        "ana@example.com",
        "--start",
        "2026-13-01",
        "--end",
        "2026-12-02",
    ])
    .fails(
        2,
        "start: use YYYY-MM-DD, e.g. 2026-12-01 (got '2026-13-01')",
    );
    assert!(!d.data.exists(), "no log created by a typo");
    let code = d.conference();
    d.run(&["order", "place", "--slug", "nope", "--seat", "Workshop=1"])
        .fails(3, "no published conference has the slug 'nope'");
    d.run(&["order", "place", "--slug", SLUG, "--seat", "Gala=1"])
        .fails(2, "seat type: 'Gala' is not a seat type of this conference");
    d.run(&["order", "place", "--slug", SLUG, "--seat", "Workshop=-1"])
        .fails(2, "quantity of Workshop: must be a whole number, 0 or more");
    let update = common::cli::org(
        &["seat-type", "update", "--seat-type", "Gala", "--quota", "9"],
        &code,
    );
    d.run(&update)
        .fails(2, "seat type: 'Gala' is not a seat type of this conference");
    // An order code typed in lower case with I for 1 reaches the order.
    let (id, order_code, _) = d.place(&["workshop=1"]);
    let typed = order_code.to_lowercase().replace('1', "i");
    let shown = d
        .run(&[
            "--json",
            "order",
            "show",
            "--order",
            &id,
            "--access-code",
            &typed,
        ])
        .ok()
        .json();
    assert_eq!(shown["access_code"], order_code.as_str());
}
