//! Issue 18 items 3, 4 and 6 from the command line: `order pay --method`,
//! the organizer's `order cancel` (with `--refund`), `order refund`, the
//! method and refunds in `orders list`, and exit codes as documented
//! (2 bad input, 3 not found / wrong code, 4 refused).

mod common;
use common::cli::{self, org};

/// A conference with a paid Workshop order (500.00 USD): (desk, organizer
/// code, order id, order code).
fn paid(method: Option<&str>) -> (cli::Desk, String, String, String) {
    let d = cli::Desk::new();
    let code = d.conference();
    let (id, order_code, _) = d.place(&["Workshop=1"]);
    d.registrant(&id, &order_code);
    let mut args = vec!["order", "pay", "--order", &id, "--access-code", &order_code];
    if let Some(m) = method {
        args.extend(["--method", m]);
    }
    d.run(&args).ok();
    (d, code, id, order_code)
}

#[test]
fn pay_records_the_method_named_or_cash_by_default() {
    let (d, _, id, code) = paid(Some("card"));
    let v = d.show(&id, &code);
    assert_eq!(v["status"], "confirmed");
    let (d2, _, id2, code2) = paid(None);
    let h = d
        .run(&["history", "--order", &id, "--access-code", &code])
        .ok();
    assert!(h.stdout.contains("Payment accepted: card"), "{}", h.stdout);
    let h2 = d2
        .run(&["history", "--order", &id2, "--access-code", &code2])
        .ok();
    assert!(
        h2.stdout.contains("Payment accepted: cash"),
        "{}",
        h2.stdout
    );
}

#[test]
fn pay_says_the_method_and_refuses_free_for_a_total_above_zero() {
    let d = cli::Desk::new();
    d.conference();
    let (id, code, _) = d.place(&["Workshop=1"]);
    d.registrant(&id, &code);
    let pay = |m: &str| {
        d.run(&[
            "--json",
            "order",
            "pay",
            "--order",
            &id,
            "--access-code",
            &code,
            "--method",
            m,
        ])
    };
    pay("cheque").fails(2, "use cash, card, transfer or free");
    pay("free").fails(
        2,
        "payment method: free is only for an order whose total is 0",
    );
    assert_eq!(d.show(&id, &code)["status"], "reservation_completed");
    let v = pay("transfer").ok().json();
    assert_eq!(v["payment_method"], "transfer");
    let human = d.run(&["order", "pay", "--order", &id, "--access-code", &code]);
    human.fails(4, "already paid");
}

#[test]
fn the_organizer_cancels_a_paid_order_with_a_refund_and_the_list_shows_it() {
    let (d, org_code, id, order_code) = paid(Some("card"));
    // The desk's path still refuses a paid order.
    d.run(&[
        "order",
        "cancel",
        "--order",
        &id,
        "--access-code",
        &order_code,
    ])
    .fails(4, "the order is paid: it can no longer be cancelled");
    // A wrong conference code: exit 3, nothing cancelled.
    d.run(&org(&["order", "cancel", "--order", &order_code], "ZZZZZ"))
        .fails(3, "");
    assert_eq!(d.show(&id, &order_code)["status"], "confirmed");
    // The organizer, by order code, with a partial refund in the same run.
    let v = d
        .run(&org(
            &[
                "--json",
                "order",
                "cancel",
                "--order",
                &order_code,
                "--refund",
                "200",
                "--method",
                "cash",
            ],
            &org_code,
        ))
        .ok()
        .json();
    assert_eq!(v["status"], "cancelled");
    assert_eq!(v["paid"], "500.00");
    assert_eq!(v["payment_method"], "card");
    assert_eq!(v["refunded"], "200.00");
    assert_eq!(v["refundable"], "300.00");
    // The seat is back: a new order gets both workshop seats.
    let (_, _, placed) = d.place(&["Workshop=2"]);
    assert_eq!(placed["status"], "reservation_completed", "{placed}");
    // More than is left: exit 4, and it says what is left.
    d.run(&org(
        &[
            "order", "refund", "--order", &id, "--amount", "300.01", "--method", "cash",
        ],
        &org_code,
    ))
    .fails(4, "must be at most 300.00 USD");
    // Bad amounts are bad input (exit 2) naming the flag.
    d.run(&org(
        &[
            "order", "refund", "--order", &id, "--amount", "abc", "--method", "cash",
        ],
        &org_code,
    ))
    .fails(2, "--amount");
    d.run(&org(
        &[
            "order", "refund", "--order", &id, "--amount", "-5", "--method", "cash",
        ],
        &org_code,
    ))
    .fails(2, "");
    d.run(&org(
        &[
            "order", "refund", "--order", &id, "--amount", "10", "--method", "free",
        ],
        &org_code,
    ))
    .fails(2, "a refund is paid out by cash, card or transfer");
    // An unknown order: exit 3.
    d.run(&org(
        &[
            "order", "refund", "--order", "QQQQQQ", "--amount", "1", "--method", "cash",
        ],
        &org_code,
    ))
    .fails(3, "this conference has no order 'QQQQQQ'");
    let out = d
        .run(&org(
            &[
                "order", "refund", "--order", &id, "--amount", "300", "--method", "transfer",
            ],
            &org_code,
        ))
        .ok();
    assert!(
        out.stdout.contains("Refund of 300.00 USD by transfer"),
        "{}",
        out.stdout
    );
    // The list says how it was paid and what went back.
    let list = d
        .run(&org(&["--json", "orders", "list"], &org_code))
        .ok()
        .json();
    let first = &list[0];
    assert_eq!(first["status"], "cancelled");
    assert_eq!(first["payment_method"], "card");
    assert_eq!(first["paid"], "500.00");
    assert_eq!(first["refunded"], "500.00");
    let table = d.run(&org(&["orders", "list"], &org_code)).ok();
    assert!(table.stdout.contains("Paid by"), "{}", table.stdout);
    // Cancelled twice: exit 4.
    d.run(&org(&["order", "cancel", "--order", &id], &org_code))
        .fails(4, "the order was cancelled");
}
