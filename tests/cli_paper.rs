//! `badges export`, `checkin-list export` and `order receipt` run as the
//! binary (issue 18, items 4 and 5): what they write (read back with
//! poppler when it is here), what they say, and what they refuse.

mod common;
mod paper_tools;

use common::cli::*;
use paper_tools::{page_count, pages_text, poppler};

/// A paid order of 2 General admission + 1 Workshop, its seats named
/// 김민준 (0) and Zoë Ærø (1), seat 2 left unassigned; and an unpaid one.
/// Returns (desk, organizer code, paid id, paid code, unpaid id, unpaid code).
fn desk_with_orders() -> (Desk, String, String, String, String, String) {
    let desk = Desk::new();
    let code = desk.conference();
    let (id, order_code, _) = desk.place(&["General admission=2", "Workshop=1"]);
    desk.registrant(&id, &order_code);
    desk.run(&["order", "pay", "--order", &id, "--access-code", &order_code])
        .ok();
    for (position, first, last, email) in [
        ("0", "민준", "김", "mj@example.kr"),
        ("1", "Zoë", "Ærø", "zoe@example.com"),
    ] {
        desk.run(&[
            "seat",
            "assign",
            "--order",
            &id,
            "--access-code",
            &order_code,
            "--position",
            position,
            "--first-name",
            first,
            "--last-name",
            last,
            "--email",
            email,
        ])
        .ok();
    }
    let (unpaid, unpaid_code, _) = desk.place(&["General admission=1"]);
    (desk, code, id, order_code, unpaid, unpaid_code)
}

#[test]
fn badges_export_writes_one_badge_per_paid_seat() {
    let (desk, code, _, order_code, _, _) = desk_with_orders();
    let out = desk.dir.path().join("badges.pdf");
    let out_s = out.to_str().unwrap();
    let run = desk
        .run(&org(&["--json", "badges", "export", "--out", out_s], &code))
        .ok();
    let v = run.json();
    assert_eq!(v["items"], 3, "{v}");
    assert_eq!(v["pages"], 1);
    assert_eq!(v["missing"].as_array().unwrap().len(), 0);
    let human = desk
        .run(&org(
            &["badges", "export", "--out", out_s, "--size", "a6"],
            &code,
        ))
        .ok();
    assert!(
        human.stdout.contains("Wrote 3 badges on 3 pages"),
        "{}",
        human.stdout
    );
    if !poppler() {
        return;
    }
    assert_eq!(page_count(&out), 3);
    let text = pages_text(&out).concat();
    assert!(
        text.contains("김 민준") && text.contains("Zoë Ærø"),
        "{text}"
    );
    // The unassigned seat of a group order: a blank badge, not the buyer's name.
    assert!(!text.contains("Min-jun Kim"), "{text}");
    assert!(text.contains(&order_code));
}

#[test]
fn checkin_list_export_lists_every_paid_seat_with_page_numbers() {
    let (desk, code, _, _, _, _) = desk_with_orders();
    let out = desk.dir.path().join("list.pdf");
    let out_s = out.to_str().unwrap();
    let run = desk
        .run(&org(
            &["--json", "checkin-list", "export", "--out", out_s],
            &code,
        ))
        .ok();
    assert_eq!(run.json()["items"], 3);
    if !poppler() {
        return;
    }
    let text = pages_text(&out).concat();
    assert!(text.contains("page 1 of 1"), "{text}");
    assert!(text.contains("printed at"), "{text}");
    // The unassigned seat is listed under its registrant, marked.
    assert!(text.contains("Min-jun Kim (registrant)"), "{text}");
    let korean = desk
        .run(&org(
            &["checkin-list", "export", "--out", out_s, "--lang", "ko"],
            &code,
        ))
        .ok();
    assert!(korean.stdout.contains("Wrote 3 seats"));
    let text = pages_text(&out).concat();
    assert!(
        text.contains("체크인 명단") && text.contains("1쪽"),
        "{text}"
    );
}

#[test]
fn order_receipt_is_written_for_a_paid_order_and_refused_for_an_unpaid_one() {
    let (desk, _, id, order_code, unpaid, unpaid_code) = desk_with_orders();
    let out = desk.dir.path().join("receipt.pdf");
    let out_s = out.to_str().unwrap();
    let run = desk
        .run(&[
            "--json",
            "order",
            "receipt",
            "--order",
            &id,
            "--access-code",
            &order_code,
            "--out",
            out_s,
        ])
        .ok();
    assert_eq!(run.json()["items"], 2);
    let refused = desk.dir.path().join("unpaid.pdf");
    desk.run(&[
        "order",
        "receipt",
        "--order",
        &unpaid,
        "--access-code",
        &unpaid_code,
        "--out",
        refused.to_str().unwrap(),
    ])
    .fails(4, "not paid");
    assert!(
        !refused.exists(),
        "nothing is written for a refused receipt"
    );
    desk.run(&[
        "order",
        "receipt",
        "--order",
        &id,
        "--access-code",
        "ZZZZZZ",
        "--out",
        out_s,
    ])
    .fails(3, "");
    if !poppler() {
        return;
    }
    let text = pages_text(&out).concat();
    for want in [
        "Receipt",
        "CQRS Summit",
        &order_code,
        "General admission",
        "Workshop",
        "Min-jun Kim",
        "898.00",
    ] {
        assert!(text.contains(want), "{want:?} missing:\n{text}");
    }
}

#[test]
fn paper_is_never_written_over_the_log_and_needs_the_organizer_code() {
    let (desk, code, _, _, _, _) = desk_with_orders();
    let log = desk.data.to_str().unwrap().to_owned();
    let before = std::fs::read(&desk.data).unwrap();
    desk.run(&org(&["badges", "export", "--out", &log], &code))
        .fails(2, "--out");
    desk.run(&org(&["checkin-list", "export", "--out", &log], &code))
        .fails(2, "--out");
    assert_eq!(std::fs::read(&desk.data).unwrap(), before);
    let out = desk.dir.path().join("b.pdf");
    desk.run(&org(
        &["badges", "export", "--out", out.to_str().unwrap()],
        "ZZZZZ",
    ))
    .fails(3, "");
    assert!(!out.exists());
    desk.run(&org(
        &[
            "badges",
            "export",
            "--out",
            out.to_str().unwrap(),
            "--size",
            "a5",
        ],
        &code,
    ))
    .fails(2, "a5");
}
