//! `confdesk discount add|list|revoke`, `order place --discount` and
//! `order discount` run as a binary (issue 18.7): the discount line in the
//! order and the orders list, refusals with their reason and exit code,
//! nothing placed when a code is refused.

mod common;
use common::cli::*;

fn add(desk: &Desk, code: &str, extra: &[&str], access: &str) -> Run {
    let args = [&["--json", "discount", "add", "--code", code][..], extra].concat();
    desk.run(&org(&args, access))
}

fn list(desk: &Desk, access: &str) -> serde_json::Value {
    desk.run(&org(&["--json", "discount", "list"], access))
        .ok()
        .json()
}

const SPRING: &[&str] = &[
    "--percent",
    "20",
    "--max-uses",
    "2",
    "--valid-until",
    "2027-01-31",
];

#[test]
fn a_percent_code_takes_its_share_off_the_order_and_shows_in_lists() {
    let desk = Desk::new();
    let access = desk.conference();
    let added = add(&desk, "spring", SPRING, &access).ok().json();
    assert_eq!(added["code"], "SPRING");
    assert_eq!(added["state"], "active");
    let placed = desk
        .run(&[
            "--json",
            "order",
            "place",
            "--slug",
            SLUG,
            "--seat",
            "General admission=2",
            "--discount",
            "Spring",
        ])
        .ok()
        .json();
    // 2 × 199.00 = 398.00; 20 % = 79.60.
    assert_eq!(placed["discount"]["code"], "SPRING");
    assert_eq!(placed["discount"]["amount"], "79.60");
    assert_eq!(placed["total"], "318.40");
    let codes = list(&desk, &access);
    assert_eq!(codes[0]["uses"], 1);
    assert_eq!(codes[0]["max_uses"], 2);
    let text = desk.run(&org(&["discount", "list"], &access)).ok().stdout;
    assert!(text.contains("SPRING") && text.contains("1/2"), "{text}");
    let orders = desk.run(&org(&["orders", "list"], &access)).ok().stdout;
    assert!(orders.contains("SPRING -79.60"), "{orders}");
    let id = placed["order_id"].as_str().unwrap();
    let history = desk
        .run(&[
            "history",
            "--order",
            id,
            "--access-code",
            placed["access_code"].as_str().unwrap(),
        ])
        .ok()
        .stdout;
    assert!(
        history.contains("Discount code SPRING applied"),
        "{history}"
    );
    assert!(
        history.contains("Total 318.40 USD after discount SPRING of 79.60 USD"),
        "{history}"
    );
}

#[test]
fn a_fixed_code_for_one_seat_type_never_goes_below_zero() {
    let desk = Desk::new();
    let access = desk.conference();
    add(
        &desk,
        "WS-FREE",
        &[
            "--amount",
            "9999",
            "--seat-type",
            "workshop",
            "--max-uses",
            "5",
            "--valid-until",
            "2026-12-31",
        ],
        &access,
    )
    .ok();
    let placed = desk
        .run(&[
            "--json",
            "order",
            "place",
            "--slug",
            SLUG,
            "--seat",
            "General admission=1",
            "--seat",
            "Workshop=1",
            "--discount",
            "ws-free",
        ])
        .ok()
        .json();
    // Only the workshop line (500.00) is covered.
    assert_eq!(placed["discount"]["amount"], "500.00");
    assert_eq!(placed["total"], "199.00");
}

#[test]
fn a_refused_code_says_why_and_places_nothing() {
    let mut desk = Desk::new();
    let access = desk.conference();
    add(
        &desk,
        "ONCE",
        &[
            "--percent",
            "10",
            "--max-uses",
            "1",
            "--valid-until",
            "2026-11-30",
        ],
        &access,
    )
    .ok();
    let place = |desk: &Desk, code: &str| {
        desk.run(&[
            "order",
            "place",
            "--slug",
            SLUG,
            "--seat",
            "General admission=1",
            "--discount",
            code,
        ])
    };
    place(&desk, "NOPE").fails(3, "no discount code NOPE for this conference");
    place(&desk, "x").fails(2, "discount code: must be 3 to 20 characters");
    place(&desk, "ONCE").ok();
    place(&desk, "once").fails(4, "discount code ONCE was used 1 time: its maximum");
    desk.at("2026-12-01T09:00:00Z");
    // The first order expired (15 minutes): its use came back, but the code
    // ended the day before.
    place(&desk, "ONCE").fails(4, "discount code ONCE expired on 2026-11-30");
    assert_eq!(list(&desk, &access)[0]["uses"], 0);
    let orders = desk
        .run(&org(&["--json", "orders", "list"], &access))
        .ok()
        .json();
    assert_eq!(
        orders.as_array().unwrap().len(),
        1,
        "refusals placed nothing"
    );
    desk.run(&org(&["discount", "revoke", "--code", "once"], &access))
        .ok();
    assert_eq!(list(&desk, &access)[0]["state"], "revoked");
    desk.run(&org(&["discount", "revoke", "--code", "nope"], &access))
        .fails(3, "no discount code NOPE");
}

#[test]
fn add_names_each_bad_field_and_a_second_code_of_the_same_name() {
    let desk = Desk::new();
    let access = desk.conference();
    add(&desk, "SPRING", SPRING, &access).ok();
    add(&desk, "spring", SPRING, &access).fails(2, "discount code: SPRING already exists");
    add(&desk, "BAD CODE", SPRING, &access).fails(
        2,
        "discount code: only letters A-Z, digits 0-9, '-' and '_'",
    );
    add(
        &desk,
        "PCT",
        &[
            "--percent",
            "150",
            "--max-uses",
            "1",
            "--valid-until",
            "2027-01-01",
        ],
        &access,
    )
    .fails(2, "discount: a percent must be 1 to 100");
    add(
        &desk,
        "USES",
        &[
            "--percent",
            "5",
            "--max-uses",
            "0",
            "--valid-until",
            "2027-01-01",
        ],
        &access,
    )
    .fails(2, "max uses: must be 1 to");
    add(
        &desk,
        "DATE",
        &[
            "--percent",
            "5",
            "--max-uses",
            "1",
            "--valid-until",
            "1/2/2027",
        ],
        &access,
    )
    .fails(2, "valid until: must be a date as YYYY-MM-DD");
    add(
        &desk,
        "PAST",
        &[
            "--percent",
            "5",
            "--max-uses",
            "1",
            "--valid-until",
            "2026-11-24",
        ],
        &access,
    )
    .fails(2, "valid until: must be today or later");
    add(
        &desk,
        "NONE",
        &["--max-uses", "1", "--valid-until", "2027-01-01"],
        &access,
    )
    .fails(2, "discount: give a percent or an amount");
    add(&desk, "WHO", SPRING, "ZZZZZ").fails(3, "");
    assert_eq!(list(&desk, &access).as_array().unwrap().len(), 1);
}

#[test]
fn a_code_applied_later_and_kept_when_quantities_change() {
    let desk = Desk::new();
    let access = desk.conference();
    add(&desk, "SPRING", SPRING, &access).ok();
    let (id, code, placed) = desk.place(&["General admission=1"]);
    assert_eq!(placed["total"], "199.00");
    let key = ["--order", id.as_str(), "--access-code", code.as_str()];
    let applied = desk
        .run(
            &[
                &["--json", "order", "discount", "--code", "spring"][..],
                &key,
            ]
            .concat(),
        )
        .ok()
        .json();
    assert_eq!(applied["total"], "159.20");
    let updated = desk
        .run(
            &[
                &["--json", "order", "update", "--seat", "General admission=3"][..],
                &key,
            ]
            .concat(),
        )
        .ok()
        .json();
    // 3 × 199.00 = 597.00; 20 % = 119.40, re-applied to the new lines.
    assert_eq!(updated["discount"]["amount"], "119.40");
    assert_eq!(updated["total"], "477.60");
    desk.registrant(&id, &code);
    desk.run(&[&["order", "pay"][..], &key].concat()).ok();
    desk.run(&[&["order", "discount", "--code", "spring"][..], &key].concat())
        .fails(4, "no longer open");
    assert_eq!(
        list(&desk, &access)[0]["uses"],
        1,
        "a paid order keeps its use"
    );
}
