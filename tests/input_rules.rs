//! Input gaps closed: a seat type named twice, an order that reserved
//! nothing, codes typed with I or L for 1 (Crockford's rule) or with an O
//! or 0, names of invisible or reordering characters, a one-word name at
//! the door, and dates not written as the YYYY-MM-DD the message asks for.
//! Each is either read as meant or refused naming the field, through the
//! CLI binary and, where the window shares the path, the app.

mod common;
use common::ByName as _;

use common::cli::*;
use common::{journey_conference, open_desk};
use confdesk::app::{AppError, OrderKey};

#[test]
fn a_seat_type_named_twice_is_refused_naming_it() {
    let d = Desk::new();
    d.conference();
    let args = [
        "order",
        "place",
        "--slug",
        SLUG,
        "--seat",
        "General admission=1",
        "--seat",
        "general admission=2",
    ];
    d.run(&args)
        .fails(2, "seats: 'General admission' is named more than once");
    // Nothing was placed: all three seats are still left.
    let list = d.run(&["--json", "conference", "list"]).ok().json();
    assert_eq!(list[0]["seat_types"][0]["left"], 3);
    // The app refuses it for every entry point, updates included.
    let mut t = open_desk();
    journey_conference(&mut t.desk, "twice", 10);
    let twice = [
        ("Workshop".to_string(), 1),
        ("CQRS Workshop".to_string(), 1),
    ];
    let lines = [
        ("CQRS Workshop".to_string(), 1),
        ("cqrs workshop".to_string(), 2),
    ];
    assert!(matches!(
        t.desk.place_order_named("twice", &lines),
        Err(AppError::Validation(f)) if f[0].field == "seats"
    ));
    let confdesk::app::OrderKey {
        order_id,
        access_code,
    } = t
        .desk
        .place_order_named("twice", &[("General admission".into(), 1)])
        .expect("one line");
    let key = OrderKey {
        order_id,
        access_code,
    };
    assert!(matches!(
        t.desk.update_order_named(&key, &lines),
        Err(AppError::Validation(f)) if f[0].field == "seats"
    ));
    // An unknown name beside a known one is a different rule.
    assert!(matches!(
        t.desk.update_order_named(&key, &twice),
        Err(AppError::Validation(f)) if f[0].field == "seat type"
    ));
}

#[test]
fn an_order_that_reserved_nothing_exits_4_with_its_lines_and_is_kept() {
    let d = Desk::new();
    d.conference();
    d.place(&["General admission=3"]);
    let run = d.run(&[
        "--json",
        "order",
        "place",
        "--slug",
        SLUG,
        "--seat",
        "General admission=2",
    ]);
    assert_eq!(run.code, 4, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "no seat could be reserved: General admission: Could not reserve all the requested seats. (0 of 2)"
        ),
        "{}",
        run.stderr
    );
    // The order exists (the log is the audit trail) and stdout says which.
    let placed = run.json();
    assert_eq!(placed["lines"][0]["reserved"], 0);
    let id = placed["order_id"].as_str().expect("id");
    let code = placed["access_code"].as_str().expect("code");
    assert_eq!(d.show(id, code)["status"], "partially_reserved");
    // Some seats reserved is a partial success: exit 0 as before.
    let partial = d.run(&[
        "order",
        "place",
        "--slug",
        SLUG,
        "--seat",
        "General admission=1",
        "--seat",
        "Workshop=1",
    ]);
    assert_eq!(partial.code, 0, "{}", partial.stderr);
    // An update that still gets nothing is refused the same way.
    d.run(&[
        "order",
        "update",
        "--order",
        id,
        "--access-code",
        code,
        "--seat",
        "General admission=1",
    ])
    .code
    .eq(&4)
    .then_some(())
    .expect("update that reserves nothing exits 4");
}

#[test]
fn codes_typed_with_i_or_l_for_1_are_read_as_meant() {
    let mut t = open_desk();
    journey_conference(&mut t.desk, "crockford", 1000);
    // Order codes are random: place orders until one holds a 1.
    let mut tries = 0;
    let key = loop {
        tries += 1;
        assert!(tries < 400, "no order code with a 1 in {tries} orders");
        let confdesk::app::OrderKey {
            order_id,
            access_code,
        } = t
            .desk
            .place_order_named("crockford", &[("General admission".into(), 1)])
            .expect("order");
        if access_code.contains('1') {
            break OrderKey {
                order_id,
                access_code,
            };
        }
    };
    t.desk
        .registration_mut()
        .assign_registrant(&key, "Ana", "Lee", "ana@example.com")
        .expect("registrant");
    for typed in [
        key.access_code.replace('1', "I"),
        key.access_code.replace('1', "l"),
        format!("  {}  ", key.access_code.to_lowercase().replace('1', "L")),
    ] {
        let as_typed = OrderKey {
            access_code: typed.clone(),
            ..key.clone()
        };
        assert_eq!(
            t.desk.registration().order(&as_typed).expect(&typed).id,
            key.order_id
        );
        let found = t
            .desk
            .registration_mut()
            .find_order("ana@example.com", &typed)
            .expect(&typed);
        assert_eq!(found.order_id, key.order_id);
    }
}

#[test]
fn a_code_with_o_or_0_is_a_typing_mistake_not_a_wrong_try() {
    let d = Desk::new();
    let code = d.conference();
    // Six tries would lock if they counted; each is named instead.
    for typed in ["OOOOO", "00000", "ABCD0", "ABCDO", "ABCD", "ABCDEF"] {
        d.run(&org(&["conference", "show"], typed))
            .fails(2, "access code: must be 5 characters");
    }
    d.run(&org(&["conference", "show"], &code)).ok();
    let (id, oc, _) = d.place(&["Workshop=1"]);
    for typed in ["OOOOOO", "000000", "ABC", "ABCDEFG"] {
        d.run(&["order", "show", "--order", &id, "--access-code", typed])
            .fails(2, "access code: must be 6 characters");
        d.run(&["order", "find", "--email", "a@b.co", "--access-code", typed])
            .fails(2, "order code: must be 6 characters");
    }
    d.show(&id, &oc.to_lowercase());
}

#[test]
fn names_of_invisible_or_reordering_characters_are_refused_naming_the_field() {
    let d = Desk::new();
    let code = d.conference();
    let (id, oc, _) = d.place(&["Workshop=1"]);
    let key = ["--order", id.as_str(), "--access-code", oc.as_str()];
    let mut tried = 0;
    for (bad, what) in [
        ("\u{200B}", "invisible"),
        ("\u{FEFF}", "invisible"),
        ("\u{200B}\u{FEFF}\u{2060}", "invisible"),
        ("Ana\u{2028}Lee", "line"),
        ("Ana\u{2029}Lee", "line"),
        ("\u{202E}anA", "right-to-left"),
        ("Ana\u{2066}", "right-to-left"),
    ] {
        for (field, flag) in [("first name", "--first-name"), ("last name", "--last-name")] {
            let mut person = vec!["--first-name", "Ana", "--last-name", "Lee"];
            person.extend(["--email", "a@b.co"]);
            let at = person.iter().position(|a| *a == flag).expect("flag") + 1;
            person[at] = bad;
            let run = d
                .run(&[&["order", "registrant"][..], &key, &person].concat())
                .fails(2, &format!("{field}: must"));
            assert!(run.stderr.contains(what), "{bad:?}: {}", run.stderr);
            tried += 1;
        }
        d.run(&org(
            &[
                "seat-type",
                "add",
                "--name",
                bad,
                "--quota",
                "1",
                "--price",
                "1",
            ],
            &code,
        ))
        .fails(2, "name: must");
        d.run(
            &Create {
                name: bad,
                slug: "other",
                ..Create::default()
            }
            .args(),
        )
        .fails(2, "name: must");
        d.run(&org(&["conference", "update", "--owner-name", bad], &code))
            .fails(2, "owner name: must");
        tried += 3;
    }
    assert_eq!(tried, 35);
}

/// A paid order of one unassigned Workshop seat: (order id, order code).
fn paid_order(d: &Desk) -> (String, String) {
    let (id, oc, _) = d.place(&["Workshop=1"]);
    d.registrant(&id, &oc);
    d.run(&["order", "pay", "--order", &id, "--access-code", &oc])
        .ok();
    (id, oc)
}

#[test]
fn a_one_word_name_checks_in_at_the_door() {
    let d = Desk::new();
    let code = d.conference();
    let (id, oc) = paid_order(&d);
    let door = |extra: &[&str]| {
        let mut args = vec!["checkin", "--order", oc.as_str()];
        args.extend(extra);
        d.run(&org(&args, &code))
    };
    door(&["--name", "\u{200B}"]).fails(2, "attendee first name");
    door(&["--name", "Cher"]).ok();
    let shown = d.show(&id, &oc);
    assert_eq!(shown["seats"][0]["attendee"]["first_name"], "Cher");
    assert_eq!(shown["seats"][0]["attendee"]["last_name"], "");
}

#[test]
fn dates_must_be_written_as_yyyy_mm_dd() {
    let d = Desk::new();
    let create = |start: &str, end: &str| {
        d.run(
            &Create {
                slug: "dates",
                start,
                end,
                ..Create::default()
            }
            .args(),
        )
    };
    for (start, end, field) in [
        ("2026-1-1", "2026-01-02", "start"),
        ("2026-01-01", "2026-1-02", "end"),
        ("+2026-01-01", "2026-01-02", "start"),
        ("2026-01-01", "26-01-02", "end"),
    ] {
        create(start, end).fails(2, &format!("{field}: use YYYY-MM-DD"));
    }
    assert!(!d.data.exists(), "a refused date creates no log");
    create(" 2026-01-01 ", "2026-01-02").ok();
}
