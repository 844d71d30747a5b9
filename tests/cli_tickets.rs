//! Issue 18 item 1 from the command line: `order show` lists each seat's
//! ticket, `ticket show --ticket` finds one seat (text and `--json`),
//! `checkin --ticket` checks in exactly that seat, `ticket issue` gives
//! orders paid before tickets existed theirs (once), and the attendee CSV
//! ends with the ticket column. Bad codes exit 2 naming the field, unknown
//! ones 3, a second check-in 4.

mod common;
use common::cli::{self, OWNER, SLUG, keys, org};
use common::fixture::fixture_path;

/// A conference with one paid order of 2 General seats (the first
/// named); returns the organizer's code, the order code and the tickets.
fn paid(d: &cli::Desk) -> (String, String, Vec<String>) {
    let code = d.conference();
    let (id, order_code, _) = d.place(&["General admission=2"]);
    d.registrant(&id, &order_code);
    d.run(&["order", "pay", "--order", &id, "--access-code", &order_code])
        .ok();
    d.run(&[
        "seat",
        "assign",
        "--order",
        &id,
        "--access-code",
        &order_code,
        "--position",
        "0",
        "--first-name",
        "Ji-woo",
        "--last-name",
        "Park",
        "--email",
        "jw@example.kr",
    ])
    .ok();
    let shown = d.show(&id, &order_code);
    let tickets: Vec<String> = shown["seats"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["ticket"].as_str().expect("a ticket per seat").to_string())
        .collect();
    (code, order_code, tickets)
}

#[test]
fn ticket_show_names_the_seat_in_text_and_json() {
    let d = cli::Desk::new();
    let (code, order_code, tickets) = paid(&d);
    assert_eq!(tickets.len(), 2);
    assert!(tickets.iter().all(|t| t.len() == 8), "{tickets:?}");
    let out = d
        .run(&org(&["ticket", "show", "--ticket", &tickets[0]], &code))
        .ok();
    let text = out.stdout;
    assert!(
        text.starts_with(&format!("Ticket {}\n", tickets[0])),
        "{text}"
    );
    assert!(
        text.contains("Conference: CQRS Summit (cqrs-summit)"),
        "{text}"
    );
    assert!(
        text.contains(&format!("Order: {order_code} (confirmed)")),
        "{text}"
    );
    assert!(text.contains("Ji-woo Park"), "{text}");
    assert!(text.contains("Not checked in"), "{text}");
    // Lower case, as typed.
    let lower = tickets[1].to_lowercase();
    let v = d
        .run(&org(
            &["--json", "ticket", "show", "--ticket", &lower],
            &code,
        ))
        .ok()
        .json();
    assert_eq!(
        keys(&v),
        [
            "attendee",
            "checked_in_at",
            "conference",
            "order_code",
            "order_status",
            "position",
            "seat_type",
            "ticket"
        ]
    );
    assert_eq!(v["ticket"], tickets[1].as_str());
    assert_eq!(v["position"], 1);
    assert_eq!(v["seat_type"], "General admission");
    assert_eq!(v["attendee"], serde_json::Value::Null);
    assert_eq!(v["conference"]["slug"], SLUG);
    // Bad shape: exit 2 naming the field; unknown: exit 3.
    d.run(&org(&["ticket", "show", "--ticket", "ABC"], &code))
        .fails(2, "ticket code: must be 8 characters");
    d.run(&org(&["ticket", "show", "--ticket", "ZZZZZZZZ"], &code))
        .fails(3, "no ticket ZZZZZZZZ in this conference");
}

#[test]
fn checkin_by_ticket_checks_in_exactly_that_seat() {
    let d = cli::Desk::new();
    let (code, order_code, tickets) = paid(&d);
    let door = |args: &[&str]| {
        let mut all = vec!["checkin", "--slug", SLUG, "--email", OWNER];
        all.extend(["--access-code", &code]);
        all.extend(args);
        d.run(&all)
    };
    // The unassigned seat needs a name.
    door(&["--ticket", &tickets[1]]).fails(2, "attendee name");
    let v = d
        .run(
            &[
                &["--json"][..],
                &[
                    "checkin",
                    "--slug",
                    SLUG,
                    "--email",
                    OWNER,
                    "--access-code",
                    &code,
                    "--ticket",
                    &tickets[1],
                    "--name",
                    "Mi-rae Lee",
                ],
            ]
            .concat(),
        )
        .ok()
        .json();
    assert_eq!(v["position"], 1);
    assert_eq!(v["order_code"], order_code.as_str());
    assert_eq!(v["attendee"]["first_name"], "Mi-rae");
    // Seat 0 is still out; its own ticket checks it in.
    let shown = d
        .run(&org(
            &["--json", "ticket", "show", "--ticket", &tickets[0]],
            &code,
        ))
        .ok()
        .json();
    assert_eq!(shown["checked_in_at"], serde_json::Value::Null);
    let out = door(&["--ticket", &tickets[0]]).ok();
    assert!(
        out.stdout.contains("Checked in Ji-woo Park"),
        "{}",
        out.stdout
    );
    door(&["--ticket", &tickets[0]]).fails(4, "Already checked in at 09:00");
    // --ticket and --order together are refused by the parser.
    door(&["--ticket", &tickets[0], "--order", &order_code]).fails(2, "--order");
}

#[test]
fn ticket_issue_gives_a_log_from_before_tickets_its_tickets_once() {
    let d = cli::Desk::new();
    std::fs::create_dir_all(d.data.parent().unwrap()).unwrap();
    std::fs::copy(fixture_path("v5-cancel.redb"), &d.data).unwrap();
    let codes = std::fs::read_to_string(fixture_path("v5-cancel.code")).unwrap();
    let codes: Vec<&str> = codes.lines().collect();
    let key = |args: &[&'static str]| -> Vec<String> {
        let mut all: Vec<String> = args.iter().map(|a| (*a).to_string()).collect();
        for a in [
            "--slug",
            "cancel-fixture",
            "--email",
            OWNER,
            "--access-code",
            codes[0],
        ] {
            all.push(a.to_string());
        }
        all
    };
    let run = |args: Vec<String>| {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        d.run(&args)
    };
    let shown = d.show(codes[3], codes[4]);
    assert!(
        shown["seats"]
            .as_array()
            .unwrap()
            .iter()
            .all(|s| s["ticket"].is_null()),
        "{shown}"
    );
    let out = run(key(&["ticket", "issue"])).ok();
    assert_eq!(out.stdout.trim(), "Issued the tickets of 1 order.");
    let shown = d.show(codes[3], codes[4]);
    assert!(
        shown["seats"]
            .as_array()
            .unwrap()
            .iter()
            .all(|s| s["ticket"].is_string()),
        "{shown}"
    );
    let v = run(key(&["--json", "ticket", "issue"])).ok().json();
    assert_eq!(v["orders"], 0);
    let out = run(key(&["ticket", "issue"])).ok();
    assert_eq!(
        out.stdout.trim(),
        "Every paid order already has its tickets."
    );
}

#[test]
fn the_attendee_csv_ends_with_each_seats_ticket() {
    let d = cli::Desk::new();
    let (code, _, tickets) = paid(&d);
    let out = d
        .run(&org(
            &["attendees", "export", "--out", "-", "--no-bom"],
            &code,
        ))
        .ok();
    let mut lines = out.stdout.lines();
    let header = lines.next().unwrap();
    assert!(
        header.starts_with("order_code,seat_type,attendee_first_name"),
        "{header}"
    );
    assert!(header.ends_with("checked_in_at,ticket"), "{header}");
    let ends: Vec<String> = lines
        .map(|l| l.rsplit(',').next().unwrap().to_string())
        .collect();
    assert_eq!(ends, tickets);
    let rows = d
        .run(&org(&["--json", "attendees", "list"], &code))
        .ok()
        .json();
    let listed: Vec<&str> = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["ticket"].as_str().unwrap())
        .collect();
    assert_eq!(listed, tickets);
}
