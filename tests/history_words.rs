//! A person without an e-mail (a seat named at the door, "a one-word name
//! is enough") reads as just the name — never "Jiwoo Park <>" — in the
//! order's history (CLI and window alike) and in the CLI's seat lists.

mod common;
use common::cli::*;

/// An order of two General admission seats, paid, whose first seat was
/// named "Jiwoo Park" at the door (no e-mail). Returns (desk, conference
/// code, order id, order code).
fn seat_named_at_the_door() -> (Desk, String, String, String) {
    let d = Desk::new();
    let code = d.conference();
    let (id, oc, _) = d.place(&["General admission=2"]);
    d.registrant(&id, &oc);
    d.run(&["order", "pay", "--order", &id, "--access-code", &oc])
        .ok();
    d.run(&org(
        &[
            "checkin",
            "--order",
            &oc,
            "--position",
            "0",
            "--name",
            "Jiwoo Park",
        ],
        &code,
    ))
    .ok();
    (d, code, id, oc)
}

#[test]
fn the_history_says_assigned_to_the_name_alone_when_there_is_no_email() {
    let (d, _, id, oc) = seat_named_at_the_door();
    let out = d
        .run(&["history", "--order", &id, "--access-code", &oc])
        .ok()
        .stdout;
    assert!(
        out.contains("Seat 1 (General admission) assigned to Jiwoo Park"),
        "{out}"
    );
    assert!(!out.contains("<>"), "an empty e-mail shows as <>: {out}");
    // A registrant with an e-mail keeps it.
    assert!(
        out.contains("Registrant: Min-jun Kim <mj@example.kr>"),
        "{out}"
    );
}

#[test]
fn the_door_lists_a_seat_named_without_email_by_its_name_alone() {
    let (d, code, _, oc) = seat_named_at_the_door();
    let run = d.run(&org(&["checkin", "--order", &oc], &code));
    let listed = run.stderr.clone();
    run.fails(
        2,
        "0 = General admission: Jiwoo Park, checked in at 09:00 UTC;",
    );
    assert!(!listed.contains("<>"), "{listed}");
}
