//! `confdesk staff-code add|list|revoke` and acting with a staff code
//! (issue 18 item 2), the binary run against a temp log: a code is printed
//! once and never listed; a door code checks in and takes back without the
//! owner's e-mail; a desk code is refused at the door; a revoked code stops;
//! five wrong staff codes lock staff log-ins only.

mod common;
use common::cli::*;

/// Adds a staff code; returns (code, JSON).
fn add(desk: &Desk, code: &str, role: &str, label: &str) -> (String, serde_json::Value) {
    let v = desk
        .run(&org(
            &[
                "--json",
                "staff-code",
                "add",
                "--role",
                role,
                "--label",
                label,
            ],
            code,
        ))
        .ok()
        .json();
    (v["code"].as_str().unwrap().to_string(), v)
}

/// A paid one-seat order; returns its code.
fn paid_order(desk: &Desk) -> String {
    let (id, order_code, _) = desk.place(&["General admission=1"]);
    desk.registrant(&id, &order_code);
    desk.run(&["order", "pay", "--order", &id, "--access-code", &order_code])
        .ok();
    order_code
}

fn staff_checkin<'a>(order: &'a str, staff: &'a str) -> Vec<&'a str> {
    vec![
        "checkin",
        "--slug",
        SLUG,
        "--staff-code",
        staff,
        "--order",
        order,
        "--name",
        "Min-jun Kim",
    ]
}

#[test]
fn add_prints_the_code_once_and_list_never_shows_it() {
    let desk = Desk::new();
    let code = desk.conference();
    let (door, v) = add(&desk, &code, "door", " Door 2 ");
    assert_eq!(door.len(), 7, "{v}");
    assert_eq!(v["label"], "Door 2");
    assert_eq!(v["role"], "door");
    let text = desk
        .run(&org(
            &["staff-code", "add", "--role", "desk", "--label", "Desk 1"],
            &code,
        ))
        .ok()
        .stdout;
    assert!(text.contains("Desk 1 (desk): "), "{text}");
    let list = desk
        .run(&org(&["--json", "staff-code", "list"], &code))
        .ok();
    assert!(
        !list.stdout.contains(&door),
        "the code is never listed again"
    );
    let rows = list.json();
    let rows = rows.as_array().unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(
        keys(&rows[0]),
        ["created", "id", "label", "revoked", "role"]
    );
    assert_eq!(rows[0]["created"], "2026-11-25T09:00:00Z");
    assert!(rows[0]["revoked"].is_null());
    let human = desk.run(&org(&["staff-code", "list"], &code)).ok().stdout;
    assert!(
        human.contains("Door 2") && human.contains("door"),
        "{human}"
    );
}

#[test]
fn labels_are_required_and_unique_among_live_codes() {
    let desk = Desk::new();
    let code = desk.conference();
    add(&desk, &code, "door", "Door 2");
    desk.run(&org(
        &["staff-code", "add", "--role", "desk", "--label", "door 2"],
        &code,
    ))
    .fails(2, "label: 'door 2' already names a staff code");
    desk.run(&org(
        &["staff-code", "add", "--role", "desk", "--label", "  "],
        &code,
    ))
    .fails(2, "label: is required");
    desk.run(&org(&["staff-code", "revoke", "--label", "Door 2"], &code))
        .ok();
    desk.run(&org(&["staff-code", "revoke", "--label", "Door 2"], &code))
        .fails(4, "already revoked");
    add(&desk, &code, "door", "Door 2");
}

#[test]
fn a_door_code_checks_in_and_takes_back_without_the_owner_email() {
    let desk = Desk::new();
    let code = desk.conference();
    let (door, _) = add(&desk, &code, "door", "Door 2");
    let order = paid_order(&desk);
    let out = desk.run(&staff_checkin(&order, &door)).ok().stdout;
    assert!(out.starts_with("Checked in"), "{out}");
    desk.run(&[
        "checkin",
        "undo",
        "--slug",
        SLUG,
        "--staff-code",
        &door,
        "--order",
        &order,
        "--position",
        "0",
    ])
    .ok();
    // From the environment too, kept out of `ps`.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_confdesk"))
        .args(["checkin", "--slug", SLUG, "--order", &order])
        .env("CONFDESK_DATA", &desk.data)
        .env("CONFDESK_NOW", &desk.now)
        .env("CONFDESK_STAFF_CODE", &door)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
}

#[test]
fn a_desk_code_is_refused_at_the_door_and_a_staff_code_opens_no_organizer_command() {
    let desk = Desk::new();
    let code = desk.conference();
    let (desk_code, _) = add(&desk, &code, "desk", "Desk 1");
    let order = paid_order(&desk);
    desk.run(&staff_checkin(&order, &desk_code))
        .fails(4, "a desk staff code can only sell");
    // A staff code is no organizer code: wrong length, named, not counted.
    desk.run(&org(&["orders", "list"], &desk_code))
        .fails(2, "access code: must be 5 characters");
}

#[test]
fn a_revoked_code_stops_working() {
    let desk = Desk::new();
    let code = desk.conference();
    let (door, _) = add(&desk, &code, "door", "Door 2");
    let order = paid_order(&desk);
    desk.run(&org(&["staff-code", "revoke", "--label", "door 2"], &code))
        .ok();
    desk.run(&staff_checkin(&order, &door))
        .fails(3, "no conference matches that slug and staff code");
    let rows = desk
        .run(&org(&["--json", "staff-code", "list"], &code))
        .ok()
        .json();
    assert_eq!(rows[0]["revoked"], "2026-11-25T09:00:00Z");
}

#[test]
fn five_wrong_staff_codes_lock_staff_but_not_the_organizer() {
    let desk = Desk::new();
    let code = desk.conference();
    let (door, _) = add(&desk, &code, "door", "Door 2");
    let order = paid_order(&desk);
    for _ in 0..4 {
        desk.run(&staff_checkin(&order, "AAAAAAA"))
            .fails(3, "no conference matches that slug and staff code");
    }
    desk.run(&staff_checkin(&order, "AAAAAAA")).fails(
        4,
        "staff log-ins to this conference are locked until 09:05 UTC",
    );
    // The right staff code is refused while locked …
    desk.run(&staff_checkin(&order, &door))
        .fails(4, "locked until 09:05 UTC");
    // … the organizer still opens the conference …
    desk.run(&org(
        &["checkin", "--order", &order, "--name", "Min-jun Kim"],
        &code,
    ))
    .ok();
    desk.run(&org(&["orders", "list"], &code)).ok();
    // … and a typo that cannot be a code is named, not counted.
    desk.run(&staff_checkin(&order, "AAA"))
        .fails(2, "staff code: must be 7 characters");
}

#[test]
fn wrong_organizer_codes_do_not_lock_staff() {
    let desk = Desk::new();
    let code = desk.conference();
    let (door, _) = add(&desk, &code, "door", "Door 2");
    let order = paid_order(&desk);
    for _ in 0..5 {
        desk.run(&org(&["orders", "list"], "ZZZZZ"));
    }
    desk.run(&org(&["orders", "list"], &code))
        .fails(4, "this conference is locked");
    desk.run(&staff_checkin(&order, &door)).ok();
}

#[test]
fn a_desk_code_places_an_order_and_the_history_names_it() {
    let desk = Desk::new();
    let code = desk.conference();
    let (desk_code, _) = add(&desk, &code, "desk", "Desk 1");
    let v = desk
        .run(&[
            "--json",
            "order",
            "place",
            "--slug",
            SLUG,
            "--seat",
            "General admission=1",
            "--staff-code",
            &desk_code,
        ])
        .ok()
        .json();
    let id = v["order_id"].as_str().unwrap();
    let history = desk
        .run(&org(&["history", "--order", id], &code))
        .ok()
        .stdout;
    assert!(
        history.contains("Order placed: General admission 1, by Desk 1"),
        "{history}"
    );
    // A door code does not sell, and a wrong code places nothing.
    let (door, _) = add(&desk, &code, "door", "Door 2");
    let place = |staff: &str| {
        desk.run(&[
            "order",
            "place",
            "--slug",
            SLUG,
            "--seat",
            "General admission=1",
            "--staff-code",
            staff,
        ])
    };
    place(&door).fails(4, "a door staff code can only search");
    place("AAAAAAA").fails(3, "no conference matches that slug and staff code");
    let orders = desk
        .run(&org(&["--json", "orders", "list"], &code))
        .ok()
        .json();
    assert_eq!(orders.as_array().map(Vec::len), Some(1), "{orders}");
}
