//! Issue 18 item 6: every order of a conference to CSV and to Excel. The
//! workbook is read back with calamine: amounts are numbers with the
//! currency in its own column, instants are real Excel dates, a name that
//! looks like a formula stays text. The CSV has the same columns. Nothing
//! is written over the log, and only the organizer's code opens it.

mod common;
use common::ByName as _;
use common::cli::{self, org};
use common::{journey_conference, open_desk};

use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};
use confdesk::app::export::CsvOptions;
use confdesk::app::orders_export::{ORDER_COLUMNS, OrdersFormat};
use confdesk::app::{AppError, ConferenceAccess, Desk, UserCommand};
use confdesk::domain::events::PaymentMethod;
use confdesk::domain::{Currency, Field, Money};
use std::path::Path;

const SLUG: &str = "cqrs-summit";

/// Three orders: paid by card (2 workshop seats, 1000.00), paid in cash
/// then cancelled by the organizer and 50.00 refunded (General, 199.00),
/// and one unpaid whose registrant's name starts with '='.
fn three_orders(desk: &mut Desk) -> ConferenceAccess {
    let org = journey_conference(desk, SLUG, 100);
    let access = desk.authorize_organizer(&org).unwrap();
    let place = |desk: &mut Desk, seat: &str, n: i64, who: (&str, &str, &str)| {
        let key = desk
            .place_order_named(SLUG, &[(seat.to_string(), n)])
            .unwrap();
        desk.registration_mut()
            .assign_registrant(&key, who.0, who.1, who.2)
            .unwrap();
        key
    };
    let card = place(desk, "CQRS Workshop", 2, ("민준", "김", "mj@example.kr"));
    desk.registration_mut()
        .pay_with(&card, PaymentMethod::Card)
        .unwrap();
    let cash = place(
        desk,
        "General admission",
        1,
        ("Ana", "Lima", "ana@example.com"),
    );
    desk.registration_mut()
        .pay_with(&cash, PaymentMethod::Cash)
        .unwrap();
    desk.run(UserCommand::CancelOrderByOrganizer {
        access: access.clone(),
        order: cash.order_id,
    })
    .unwrap();
    desk.run(UserCommand::RefundPayment {
        access: access.clone(),
        order: cash.order_id,
        amount: Money::new(5_000, Currency::USD),
        method: PaymentMethod::Cash,
    })
    .unwrap();
    place(
        desk,
        "General admission",
        1,
        ("=cmd()", "Evil", "e@example.com"),
    );
    access
}

fn cell(range: &calamine::Range<Data>, row: u32, col: u32) -> Data {
    range.get_value((row, col)).cloned().unwrap_or(Data::Empty)
}

fn text(range: &calamine::Range<Data>, row: u32, col: u32) -> String {
    match cell(range, row, col) {
        Data::String(s) => s,
        Data::Empty => String::new(),
        other => panic!("({row}, {col}) is not text: {other:?}"),
    }
}

fn number(range: &calamine::Range<Data>, row: u32, col: u32) -> f64 {
    match cell(range, row, col) {
        Data::Float(f) => f,
        Data::Int(i) => i as f64,
        other => panic!("({row}, {col}) is not a number: {other:?}"),
    }
}

fn col(name: &str) -> u32 {
    ORDER_COLUMNS.iter().position(|c| *c == name).unwrap() as u32
}

fn read_xlsx(path: &Path) -> calamine::Range<Data> {
    let bytes = std::fs::read(path).unwrap();
    let mut book: Xlsx<_> = open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
    book.worksheet_range("Orders").unwrap()
}

/// Excel's serial day number of the test clock's start (2026-11-25 09:00 UTC).
fn serial_of_start() -> f64 {
    let t = common::start().timestamp() as f64;
    t / 86_400.0 + 25_569.0
}

#[test]
fn the_workbook_holds_numbers_currencies_dates_and_text_as_such() {
    let mut t = open_desk();
    let access = three_orders(&mut t.desk);
    let path = t.dir.path().join("orders.xlsx");
    let rows = t
        .desk
        .export_orders_as(
            &Field::File,
            &access,
            &path,
            OrdersFormat::for_path(&path),
            CsvOptions::default(),
        )
        .unwrap();
    assert_eq!(rows, 3);
    let range = read_xlsx(&path);
    assert_eq!(range.height(), 4, "a header and 3 orders");
    assert_eq!(text(&range, 0, col("total")), "total");
    assert_eq!(text(&range, 0, col("created_at")), "created_at (UTC)");
    // The card order: 2 seats, 1000.00 paid, nothing refunded.
    assert_eq!(text(&range, 1, col("registrant_last_name")), "김");
    assert_eq!(number(&range, 1, col("seats")), 2.0);
    assert_eq!(number(&range, 1, col("total")), 1000.0);
    assert_eq!(number(&range, 1, col("paid")), 1000.0);
    assert_eq!(number(&range, 1, col("refunded")), 0.0);
    assert_eq!(text(&range, 1, col("currency")), "USD");
    assert_eq!(text(&range, 1, col("payment_method")), "card");
    assert_eq!(text(&range, 1, col("status")), "confirmed");
    for c in [col("created_at"), col("paid_at")] {
        match cell(&range, 1, c) {
            Data::DateTime(d) => {
                assert!((d.as_f64() - serial_of_start()).abs() < 1e-6, "{d:?}")
            }
            other => panic!("not a date: {other:?}"),
        }
    }
    // The cancelled one: paid in cash, 50.00 back, cancelled by the organizer.
    assert_eq!(number(&range, 2, col("paid")), 199.0);
    assert_eq!(number(&range, 2, col("refunded")), 50.0);
    assert_eq!(text(&range, 2, col("payment_method")), "cash");
    assert_eq!(text(&range, 2, col("status")), "cancelled");
    assert_eq!(text(&range, 2, col("cancelled_by")), "organizer");
    // The unpaid one: a formula-looking name stays text, no paid date.
    assert_eq!(text(&range, 3, col("registrant_first_name")), "=cmd()");
    assert_eq!(text(&range, 3, col("payment_method")), "");
    assert_eq!(cell(&range, 3, col("paid_at")), Data::Empty);
    assert_eq!(number(&range, 3, col("paid")), 0.0);
}

#[test]
fn the_csv_has_the_same_columns_and_neutralises_formulas() {
    let mut t = open_desk();
    let access = three_orders(&mut t.desk);
    let path = t.dir.path().join("orders.csv");
    t.desk
        .export_orders_as(
            &Field::File,
            &access,
            &path,
            OrdersFormat::for_path(&path),
            CsvOptions::default(),
        )
        .unwrap();
    let bytes = std::fs::read(&path).unwrap();
    assert!(bytes.starts_with("\u{feff}".as_bytes()), "a BOM");
    let mut r = csv::Reader::from_reader(&bytes[3..]);
    let headers: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(headers, ORDER_COLUMNS);
    let recs: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    assert_eq!(recs.len(), 3);
    let at = |i: usize, c: &str| recs[i][col(c) as usize].to_string();
    assert_eq!(at(0, "total"), "1000.00");
    assert_eq!(at(0, "payment_method"), "card");
    assert_eq!(at(0, "created_at"), "2026-11-25T09:00:00Z");
    assert_eq!(at(1, "refunded"), "50.00");
    assert_eq!(at(1, "status"), "cancelled");
    assert_eq!(at(2, "registrant_first_name"), "'=cmd()");
    assert_eq!(at(2, "paid_at"), "");
}

#[test]
fn the_export_never_replaces_the_log() {
    let mut t = open_desk();
    let access = three_orders(&mut t.desk);
    let log = t.path.clone();
    let before = std::fs::read(&log).unwrap();
    let refused = t.desk.export_orders_as(
        &Field::File,
        &access,
        &log,
        OrdersFormat::Xlsx,
        CsvOptions::default(),
    );
    assert!(
        matches!(refused, Err(AppError::Validation(_))),
        "{refused:?}"
    );
    assert_eq!(std::fs::read(&log).unwrap(), before);
}

#[test]
fn cli_orders_export_writes_csv_to_stdout_and_xlsx_to_a_file() {
    let d = cli::Desk::new();
    let code = d.conference();
    let (id, order_code, _) = d.place(&["Workshop=1"]);
    d.registrant(&id, &order_code);
    d.run(&[
        "order",
        "pay",
        "--order",
        &id,
        "--access-code",
        &order_code,
        "--method",
        "transfer",
    ])
    .ok();
    let csv = d
        .run(&org(&["orders", "export", "--out", "-", "--no-bom"], &code))
        .ok();
    assert!(csv.stdout.starts_with("order_code,"), "{}", csv.stdout);
    assert!(
        csv.stdout
            .contains(",500.00,500.00,0.00,USD,transfer,confirmed,")
    );
    let path = d.dir.path().join("orders.xlsx");
    let path_s = path.to_str().unwrap();
    let v = d
        .run(&org(
            &["--json", "orders", "export", "--out", path_s],
            &code,
        ))
        .ok()
        .json();
    assert_eq!(v["rows"], 1);
    let range = read_xlsx(&path);
    assert_eq!(number(&range, 1, col("total")), 500.0);
    assert_eq!(text(&range, 1, col("payment_method")), "transfer");
    // --format wins over the extension; a workbook never goes to stdout.
    let forced = d.dir.path().join("orders.data");
    d.run(&org(
        &[
            "orders",
            "export",
            "--format",
            "xlsx",
            "--out",
            forced.to_str().unwrap(),
        ],
        &code,
    ))
    .ok();
    assert!(std::fs::read(&forced).unwrap().starts_with(b"PK"), "a zip");
    d.run(&org(
        &["orders", "export", "--format", "xlsx", "--out", "-"],
        &code,
    ))
    .fails(2, "a workbook cannot go to standard output");
    d.run(&org(
        &["orders", "export", "--format", "ods", "--out", path_s],
        &code,
    ))
    .fails(2, "--format: must be csv or xlsx");
    // The log itself: refused (exit 2), the wrong code: exit 3.
    d.run(&org(
        &["orders", "export", "--out", d.data.to_str().unwrap()],
        &code,
    ))
    .fails(2, "--out");
    d.run(&org(&["orders", "export", "--out", path_s], "ZZZZZ"))
        .fails(3, "");
}
