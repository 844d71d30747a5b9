//! The CLI run as a binary against a temp log, with the clock fixed by
//! `CONFDESK_NOW`: the whole registration story through to the CSV export,
//! expiry, a rejected payment, check-in at the door, the JSON shapes and
//! every exit code.

mod common;

use common::cli::*;
use serde_json::Value;

#[test]
fn the_whole_story_ends_in_a_csv_read_back_cell_by_cell() {
    let mut d = Desk::new();
    let code = d.conference();
    let list = d.run(&["--json", "conference", "list"]).ok().json();
    assert_eq!(list[0]["seat_types"][0]["left"], 3);

    // 5 General wanted, 3 exist: partially reserved, and the human output says so.
    let human = d
        .run(&[
            "order",
            "place",
            "--slug",
            SLUG,
            "--seat",
            "General admission=5",
        ])
        .ok()
        .stdout;
    assert!(human.contains("partially_reserved"), "{human}");
    assert!(
        human.contains("Could not reserve all the requested seats."),
        "{human}"
    );
    // That order holds all three General seats until 09:15; one placed at
    // 09:10 gets none: the order is kept, but the run exits 4 (refused)
    // with the line's message, so a script can tell.
    d.at("2026-11-25T09:10:00Z");
    let none = d.run(&[
        "--json",
        "order",
        "place",
        "--slug",
        SLUG,
        "--seat",
        "general admission=1",
    ]);
    assert_eq!(none.code, 4, "{}", none.stderr);
    assert!(
        none.stderr
            .contains("General admission: Could not reserve all the requested seats. (0 of 1)"),
        "{}",
        none.stderr
    );
    let placed = none.json();
    let id = placed["order_id"].as_str().unwrap().to_string();
    let oc = placed["access_code"].as_str().unwrap().to_string();
    assert_eq!(placed["status"], "partially_reserved");
    assert_eq!(placed["lines"][0]["reserved"], 0);
    assert_eq!(placed["expires_at"], "2026-11-25T09:25:00Z");

    // At 09:16 the first order has expired; changing this one reserves anew.
    d.at("2026-11-25T09:16:00Z");
    let upd = [
        "--json",
        "order",
        "update",
        "--order",
        &id,
        "--access-code",
        &oc,
    ];
    let v = d
        .run(
            &[
                &upd[..],
                &["--seat", "General admission=2", "--seat", "Workshop=1"],
            ]
            .concat(),
        )
        .ok()
        .json();
    assert_eq!(v["status"], "reservation_completed");
    assert_eq!(v["lines"][0]["line_total"], "398.00");
    assert_eq!(v["total"], "898.00");
    assert_eq!(v["currency"], "USD");
    assert_eq!(v["expires_at"], "2026-11-25T09:31:00Z");
    d.registrant(&id, &oc);
    let paid = d
        .run(&[
            "--json",
            "order",
            "pay",
            "--order",
            &id,
            "--access-code",
            &oc,
        ])
        .ok()
        .json();
    assert_eq!(
        (paid["accepted"].as_bool(), paid["status"].as_str()),
        (Some(true), Some("confirmed"))
    );

    let seat = |pos: &str, first: &str, last: &str, email: &str| {
        let base = [
            "seat",
            "assign",
            "--order",
            &id,
            "--access-code",
            &oc,
            "--position",
            pos,
        ];
        d.run(
            &[
                &base[..],
                &["--first-name", first, "--last-name", last, "--email", email],
            ]
            .concat(),
        )
        .ok()
    };
    seat("0", "민준", "김", "minjun@example.kr");
    seat("1", "=SUM(A1)", "Formula", "f@example.com");
    seat("2", "Temp", "Person", "t@example.com");
    let un = d
        .run(&[
            "--json",
            "seat",
            "unassign",
            "--order",
            &id,
            "--access-code",
            &oc,
            "--position",
            "2",
        ])
        .ok();
    assert_eq!(un.json()["attendee"], Value::Null);

    let shown = d.show(&id, &oc);
    assert_eq!(shown["registrant"]["first_name"], "Min-jun");
    assert_eq!(shown["seats"][0]["attendee"]["first_name"], "민준");
    assert_eq!(shown["seats"][2]["seat_type"], "Workshop");
    assert_eq!(shown["seats"][2]["attendee"], Value::Null);

    let orders = d
        .run(&org(&["--json", "orders", "list"], &code))
        .ok()
        .json();
    let statuses: Vec<&str> = orders
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["status"].as_str().unwrap())
        .collect();
    assert_eq!(statuses, ["expired", "confirmed"]);
    let attendees = d.run(&org(&["attendees", "list"], &code)).ok().stdout;
    assert!(
        attendees.contains("unassigned") && attendees.contains("김 민준"),
        "{attendees}"
    );

    let csv_path = d.dir.path().join("attendees.csv");
    let out = csv_path.to_str().unwrap();
    let exported = d
        .run(&org(
            &["--json", "attendees", "export", "--out", out],
            &code,
        ))
        .ok()
        .json();
    assert_eq!(exported["rows"], 3);
    let bytes = std::fs::read(&csv_path).unwrap();
    assert!(bytes.starts_with("\u{feff}".as_bytes()), "BOM present");
    let mut reader = csv::Reader::from_reader(&bytes[3..]);
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_string)
        .collect();
    assert_eq!(
        header[..5],
        [
            "order_code",
            "seat_type",
            "attendee_first_name",
            "attendee_last_name",
            "attendee_email"
        ]
    );
    let rows: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect();
    let expect = [
        [
            oc.as_str(),
            "General admission",
            "민준",
            "김",
            "minjun@example.kr",
            "Min-jun",
            "Kim",
            "mj@example.kr",
            "confirmed",
        ],
        [
            oc.as_str(),
            "General admission",
            "'=SUM(A1)",
            "Formula",
            "f@example.com",
            "Min-jun",
            "Kim",
            "mj@example.kr",
            "confirmed",
        ],
        [
            oc.as_str(),
            "Workshop",
            "",
            "",
            "",
            "Min-jun",
            "Kim",
            "mj@example.kr",
            "confirmed",
        ],
    ];
    assert_eq!(rows.len(), 3);
    for (row, want) in rows.iter().zip(expect) {
        assert_eq!(row[..9], want);
        assert_eq!(row[9], "2026-11-25T09:16:00Z");
    }
    d.run(&org(
        &["attendees", "export", "--no-bom", "--out", out],
        &code,
    ))
    .ok();
    assert!(
        std::fs::read(&csv_path)
            .unwrap()
            .starts_with(b"order_code,")
    );

    let history = d
        .run(&["--json", "history", "--order", &id, "--access-code", &oc])
        .ok()
        .json();
    let types: Vec<&str> = history
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["event_type"].as_str().unwrap())
        .collect();
    assert_eq!(types.first(), Some(&"OrderPlaced"));
    assert!(
        types.contains(&"OrderConfirmed") && types.contains(&"SeatUnassigned"),
        "{types:?}"
    );
    let as_organizer = d
        .run(&org(&["--json", "history", "--order", &id], &code))
        .ok()
        .json();
    assert_eq!(as_organizer, history);
    let verify = d.run(&["verify"]).ok().stdout;
    assert!(verify.contains("No violations"), "{verify}");
}

#[test]
fn a_payment_after_expiry_is_refused_and_the_order_shows_expired() {
    let mut d = Desk::new();
    d.conference();
    let (id, oc, _) = d.place(&["General admission=2"]);
    d.at("2026-11-25T09:01:00Z").registrant(&id, &oc);
    d.at("2026-11-25T09:16:00Z");
    d.run(&["order", "pay", "--order", &id, "--access-code", &oc])
        .fails(4, "expired");
    assert_eq!(d.show(&id, &oc)["status"], "expired");
    let list = d.run(&["--json", "conference", "list"]).ok().json();
    assert_eq!(list[0]["seat_types"][0]["left"], 3, "the seats came back");
}

#[test]
fn a_rejected_payment_keeps_the_order_then_an_accepted_one_confirms() {
    let d = Desk::new();
    d.conference();
    let (id, oc, _) = d.place(&["Workshop=1"]);
    d.registrant(&id, &oc);
    let pay = [
        "--json",
        "order",
        "pay",
        "--order",
        &id,
        "--access-code",
        &oc,
    ];
    let rejected = d.run(&[&pay[..], &["--reject"]].concat()).ok().json();
    assert_eq!(
        (rejected["accepted"].as_bool(), rejected["status"].as_str()),
        (Some(false), Some("reservation_completed"))
    );
    assert_eq!(d.show(&id, &oc)["status"], "reservation_completed");
    d.run(&pay).ok();
    assert_eq!(d.show(&id, &oc)["status"], "confirmed");
    d.run(&pay).fails(4, "already paid");
}

#[test]
fn json_outputs_have_the_documented_keys() {
    let d = Desk::new();
    let code = d.conference();
    let (id, oc, placed) = d.place(&["General admission=1"]);
    assert_eq!(
        keys(&placed),
        [
            "access_code",
            "currency",
            "expires_at",
            "lines",
            "order_id",
            "status",
            "total"
        ]
    );
    assert_eq!(
        keys(&placed["lines"][0]),
        [
            "line_total",
            "requested",
            "reserved",
            "seat_type",
            "unit_price"
        ]
    );
    assert_eq!(placed["lines"][0]["unit_price"], "199.00");
    assert_eq!(placed["expires_at"], "2026-11-25T09:15:00Z");
    let shown = d.show(&id, &oc);
    assert_eq!(keys(&shown).len(), 9);
    assert_eq!(
        (shown["registrant"].clone(), shown["seats"].clone()),
        (Value::Null, Value::Array(vec![]))
    );
    d.registrant(&id, &oc);
    let found = d.run(&[
        "--json",
        "order",
        "find",
        "--email",
        "MJ@example.kr",
        "--access-code",
        &oc.to_lowercase(),
    ]);
    assert_eq!(found.ok().json()["order_id"], id.as_str());
    let conference = d
        .run(&org(&["--json", "conference", "show"], &code))
        .ok()
        .json();
    assert_eq!(conference["published"], true);
    let general = &conference["seat_types"][0];
    assert_eq!(
        (
            general["quota"].as_i64(),
            general["reserved"].as_i64(),
            general["left"].as_i64()
        ),
        (Some(3), Some(1), Some(2))
    );
    let history = d
        .run(&["--json", "history", "--order", &id, "--access-code", &oc])
        .ok()
        .json();
    assert_eq!(
        keys(&history[0]),
        [
            "description",
            "event_type",
            "position",
            "recorded_at",
            "stream_id"
        ]
    );
    let verify = d.run(&["--json", "verify"]).ok().json();
    assert_eq!(keys(&verify), ["counts", "events", "storage", "violations"]);
    assert_eq!(verify["storage"]["problem"], Value::Null);
    assert_eq!(verify["counts"]["OrderPlaced"], 1);
    assert_eq!(verify["violations"], Value::Array(vec![]));

    let other = Desk::new();
    let demo = other
        .run(&[
            "--json",
            "demo",
            "--conferences",
            "2",
            "--orders",
            "6",
            "--seed",
            "7",
        ])
        .ok()
        .json();
    assert_eq!(keys(&demo), ["conferences", "confirmed", "orders"]);
    assert_eq!(
        keys(&demo["conferences"][0]),
        ["access_code", "email", "slug"]
    );
    assert_eq!(demo["orders"], 6);
    let first = &demo["conferences"][0];
    let key = [
        "--slug",
        first["slug"].as_str().unwrap(),
        "--email",
        first["email"].as_str().unwrap(),
    ];
    let shown = other.run(
        &[
            &["--json", "conference", "show"][..],
            &key,
            &["--access-code", first["access_code"].as_str().unwrap()],
        ]
        .concat(),
    );
    assert_eq!(
        shown.ok().json()["seat_types"].as_array().map(Vec::len),
        Some(3)
    );
}

#[test]
fn bad_input_exits_2_naming_the_field() {
    let d = Desk::new();
    let create = |slug: &str, start: &str, currency: &str| {
        d.run(
            &Create {
                name: "X",
                slug,
                start,
                currency,
                ..Create::default()
            }
            .args(),
        )
    };
    create("ok", "01/12/2026", "EUR").fails(2, "start: use YYYY-MM-DD");
    create("ok", "2026-12-01", "XYZ").fails(2, "currency");
    assert!(
        !d.data.exists(),
        "dates and currency are checked before the log is opened"
    );
    create("Bad Slug!", "2026-12-01", "EUR").fails(2, "slug");
    let code = d.conference();
    d.run(&org(
        &[
            "seat-type",
            "add",
            "--name",
            "Neg",
            "--quota",
            "-1",
            "--price",
            "1",
        ],
        &code,
    ))
    .fails(2, "quota");
    d.run(&org(
        &[
            "seat-type",
            "add",
            "--name",
            "Neg",
            "--quota",
            "1",
            "--price",
            "-1",
        ],
        &code,
    ))
    .fails(2, "price");
    d.run(&org(
        &["seat-type", "update", "--seat-type", "Nope", "--quota", "5"],
        &code,
    ))
    .fails(2, "seat type");
    d.run(&["order", "place", "--slug", SLUG, "--seat", "Nope=1"])
        .fails(2, "seat type");
    d.run(&["order", "place", "--slug", SLUG, "--seat", "Workshop=-1"])
        .fails(2, "quantity of Workshop");
    d.run(&["order", "place", "--slug", SLUG, "--seat", "Workshop"])
        .fails(2, "NAME=QTY");
    d.run(&["order", "place", "--slug", SLUG])
        .fails(2, "--seat");
    d.run(&["conference", "frobnicate"]).fails(2, "frobnicate");
    run_with(&d.data, "yesterday", &["conference", "list"]).fails(2, "CONFDESK_NOW");
}

#[test]
fn wrong_codes_and_unknown_things_exit_3_with_neutral_messages() {
    let d = Desk::new();
    let missing = d.run(&["conference", "list"]).fails(3, "does not exist");
    assert!(missing.stderr.starts_with("error: "), "{}", missing.stderr);
    let code = d.conference();
    let wrong_code = d
        .run(&org(&["conference", "show"], "ZZZZZ"))
        .fails(3, "no conference matches");
    let unknown_slug = d.run(&[
        "conference",
        "show",
        "--slug",
        "nope",
        "--email",
        OWNER,
        "--access-code",
        &code,
    ]);
    assert_eq!(unknown_slug.fails(3, "").stderr, wrong_code.stderr);
    let (id, oc, _) = d.place(&["Workshop=1"]);
    let denied = d
        .run(&["order", "show", "--order", &id, "--access-code", "WRANG1"])
        .fails(3, "no order matches");
    let bad_id = d
        .run(&[
            "--json",
            "order",
            "show",
            "--order",
            "not-a-uuid",
            "--access-code",
            &oc,
        ])
        .fails(3, "");
    assert_eq!(bad_id.stderr, denied.stderr);
    d.run(&["order", "pay", "--order", "42", "--access-code", &oc])
        .fails(3, "no order matches");
    d.run(&["order", "place", "--slug", "nope", "--seat", "Workshop=1"])
        .fails(3, "no published conference");
}

#[test]
fn refusals_exit_4_and_a_held_log_refuses_writes_but_not_reads() {
    let d = Desk::new();
    let code = d.conference();
    let (id, oc, _) = d.place(&["General admission=2"]);
    d.registrant(&id, &oc);
    d.run(&["order", "pay", "--order", &id, "--access-code", &oc])
        .ok();
    d.run(&org(
        &[
            "seat-type",
            "update",
            "--seat-type",
            "General admission",
            "--quota",
            "1",
        ],
        &code,
    ))
    .fails(4, "quota: cannot be lower than 2");
    let raised = d.run(&org(
        &[
            "--json",
            "seat-type",
            "update",
            "--seat-type",
            "general admission",
            "--quota",
            "5",
        ],
        &code,
    ));
    assert_eq!(raised.ok().json()["left"], 3);

    let held =
        confdesk::store::RedbLog::open(&d.data, confdesk::store::OpenMode::ReadWrite).unwrap();
    d.run(&org(&["conference", "unpublish"], &code))
        .fails(4, "in use");
    let list = d.run(&["--json", "conference", "list"]).ok().json();
    assert_eq!(
        list.as_array().map(Vec::len),
        Some(1),
        "reads work beside the writer, and the refused write changed nothing"
    );
    drop(held);
    d.run(&org(&["conference", "unpublish"], &code)).ok();
    assert_eq!(
        d.run(&["--json", "conference", "list"]).ok().json(),
        Value::Array(vec![])
    );
}

#[test]
fn conference_update_changes_what_is_given_and_keeps_the_rest() {
    let d = Desk::new();
    let code = d.conference();
    let update = [
        "conference",
        "update",
        "--name",
        "CQRS Summit 2026",
        "--new-slug",
        "cqrs-2026",
    ];
    let updated = d
        .run(&org(&[&["--json"][..], &update].concat(), &code))
        .ok()
        .json();
    assert_eq!(
        (updated["name"].as_str(), updated["slug"].as_str()),
        (Some("CQRS Summit 2026"), Some("cqrs-2026"))
    );
    assert_eq!(
        (updated["start"].as_str(), updated["currency"].as_str()),
        (Some("2026-12-01"), Some("USD"))
    );
    assert_eq!(updated["owner_name"], "Ana Souza");
    assert_eq!(updated["published"], true);
    let key = [
        "--slug",
        "cqrs-2026",
        "--email",
        OWNER,
        "--access-code",
        &code,
    ];
    let shown = d
        .run(&[&["--json", "conference", "show"][..], &key].concat())
        .ok()
        .json();
    assert_eq!(shown, updated);
    d.run(&org(&["conference", "show"], &code))
        .fails(3, "no conference matches");
    let bad_end = [&["conference", "update", "--end", "2026-11-30"][..], &key].concat();
    d.run(&bad_end)
        .fails(2, "end: must be on or after the start date");
}

#[test]
fn checkin_at_the_door_names_refuses_twice_and_undoes() {
    let mut d = Desk::new();
    let code = d.conference();
    let (id, oc, _) = d.place(&["General admission=2"]);
    d.registrant(&id, &oc);
    let checkin = |extra: &[&str]| {
        let mut args = vec!["checkin", "--order", &oc];
        args.extend_from_slice(extra);
        args.iter().map(|s| s.to_string()).collect::<Vec<_>>()
    };
    let run = |d: &Desk, args: Vec<String>| {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        d.run(&org(&args, &code))
    };
    run(&d, checkin(&[])).fails(4, &format!("Order {oc} is not paid"));
    d.run(&["order", "pay", "--order", &id, "--access-code", &oc])
        .ok();
    run(&d, checkin(&[])).fails(
        2,
        "has 2 seats; choose one with --position (0 = General admission: unassigned; 1 = General admission: unassigned)",
    );
    run(&d, checkin(&["--position", "0"])).fails(2, "attendee name: seat 0 of order");
    run(&d, checkin(&["--position", "2"])).fails(2, "position: must be 0 to 1");
    let named = ["--position", "0", "--name", "Mi-rae Park"];
    let v = run(&d, [&["--json".to_string()][..], &checkin(&named)].concat())
        .ok()
        .json();
    assert_eq!(
        keys(&v),
        [
            "attendee",
            "checked_in_at",
            "order_code",
            "order_status",
            "position",
            "seat_type"
        ]
    );
    assert_eq!(v["checked_in_at"], T0);
    assert_eq!(v["attendee"]["last_name"], "Park");
    assert_eq!(v["order_status"], "confirmed");

    d.at("2026-11-25T09:42:00Z");
    run(&d, checkin(&["--position", "0"])).fails(4, "Already checked in at 09:00");
    run(&d, checkin(&["--name", "Solo"])).fails(2, "has 2 seats");
    // Instants on the command line are UTC, as everywhere else it prints them.
    run(&d, checkin(&[])).fails(
        2,
        ", checked in at 09:00 UTC; 1 = General admission: unassigned",
    );
    let human = run(
        &d,
        checkin(&[
            "--position",
            "1",
            "--name",
            "Lee Sun",
            "--attendee-email",
            "lee@example.kr",
        ]),
    )
    .ok();
    assert!(
        human.stdout.contains("Checked in Lee Sun <lee@example.kr>"),
        "{}",
        human.stdout
    );
    let undo = |p: &str| {
        let args = ["checkin", "undo", "--order", &oc, "--position", p];
        d.run(&org(&args, &code))
    };
    assert!(undo("0").ok().stdout.contains("Took back the check-in"));
    undo("0").fails(4, "is not checked in");
    let rows = d
        .run(&org(&["--json", "attendees", "list"], &code))
        .ok()
        .json();
    assert_eq!(rows.as_array().unwrap().len(), 2);
    d.run(&[
        "checkin",
        "--order",
        &oc,
        "--slug",
        SLUG,
        "--email",
        OWNER,
        "--access-code",
        "WRANG",
    ])
    .fails(3, "no conference matches");
    run(
        &d,
        vec!["checkin".into(), "--order".into(), "ZZZZZZ".into()],
    )
    .fails(3, "no order ZZZZZZ in this conference");
}
