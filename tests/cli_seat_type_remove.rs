//! `confdesk seat-type remove` (issue 16, item 12) run as a binary: a seat
//! type nobody holds goes (and `conference show` no longer lists it); one
//! with a seat reserved or sold is refused with exit 4 naming why, and the
//! log is left as it was; an unknown name exits 2. Also: `conference
//! create` with a past start date notes it (a warning, not a refusal).

mod common;
use common::cli::*;

fn seat_names(d: &Desk, code: &str) -> Vec<String> {
    let v = d
        .run(&org(&["--json", "conference", "show"], code))
        .ok()
        .json();
    v["seat_types"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn a_seat_type_nobody_holds_is_removed() {
    let d = Desk::new();
    let code = d.conference();
    let out = d
        .run(&org(
            &["seat-type", "remove", "--seat-type", "Workshop"],
            &code,
        ))
        .ok();
    assert_eq!(out.stdout.trim(), "Removed seat type Workshop.");
    assert_eq!(seat_names(&d, &code), ["General admission"]);
    // Gone: a second removal does not find it.
    d.run(&org(
        &["seat-type", "remove", "--seat-type", "Workshop"],
        &code,
    ))
    .fails(2, "seat type");
}

#[test]
fn a_seat_type_with_a_seat_reserved_or_sold_is_refused_and_the_log_unchanged() {
    let d = Desk::new();
    let code = d.conference();
    let (id, order_code, _) = d.place(&["Workshop=1"]);
    let events = |d: &Desk| d.run(&["--json", "verify"]).ok().json()["events"].clone();
    let before = events(&d);
    d.run(&org(
        &["seat-type", "remove", "--seat-type", "Workshop"],
        &code,
    ))
    .fails(
        4,
        "This seat type cannot be removed: 1 seat is reserved and 0 sold",
    );
    assert_eq!(events(&d), before, "nothing written");
    d.registrant(&id, &order_code);
    d.run(&["order", "pay", "--order", &id, "--access-code", &order_code])
        .ok();
    d.run(&org(
        &["seat-type", "remove", "--seat-type", "Workshop"],
        &code,
    ))
    .fails(
        4,
        "This seat type cannot be removed: 0 seats are reserved and 1 sold",
    );
    assert_eq!(seat_names(&d, &code), ["General admission", "Workshop"]);
}

/// Not seat types, but this part's other CLI rule (item 12): a start
/// before today is created, with the window's words as a note.
#[test]
fn a_conference_starting_in_the_past_is_created_with_a_note() {
    let d = Desk::new();
    let create = Create {
        start: "2026-11-01",
        end: "2026-11-02",
        ..Create::default()
    };
    let out = d.run(&create.args()).ok();
    assert!(
        out.stdout
            .contains("Note: Starts in the past (2026-11-01; today is 2026-11-25)."),
        "{}",
        out.stdout
    );
    let today = Create {
        start: "2026-11-25",
        slug: "today-summit",
        ..Create::default()
    };
    let out = d.run(&today.args()).ok();
    assert!(!out.stdout.contains("Note:"), "{}", out.stdout);
}
