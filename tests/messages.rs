//! Issue 14.1, one way to make words: errors of every layer carry a typed
//! `Message`, the window says it in its language by key (no English is
//! parsed back apart), read models hold no words, and counts choose their
//! singular or plural form.

mod common;

use chrono::DateTime;
use common::cli::*;
use confdesk::app::projections::OrderStatusView;
use confdesk::domain::order::{Order, OrderCommand};
use confdesk::domain::{Aggregate as _, Currency, DomainError, Field, Money, SeatTypeId};
use confdesk::store::StoreError;
use confdesk::ui::i18n::{Lang, say, say_in, set_lang};
use uuid::Uuid;

/// The order aggregate asked to price a seat type the conference has no
/// price for (a message added after the old translator's list was made).
fn no_price_error() -> DomainError {
    let order = Order::new(confdesk::domain::OrderId(Uuid::from_u128(7)));
    let seat = SeatTypeId(Uuid::from_u128(101));
    let cmd = OrderCommand::MarkSeatsAsReserved {
        seats: vec![confdesk::domain::events::SeatQuantity {
            seat_type: seat,
            quantity: 1,
        }],
        expiration: DateTime::from_timestamp(1_800_000_000, 0).unwrap(),
        prices: vec![(
            SeatTypeId(Uuid::from_u128(102)),
            Money::new(100, Currency::USD),
        )],
        currency: Currency::USD,
        discount: None,
    };
    let mut order = order;
    order.apply(
        &confdesk::domain::events::OrderPlaced {
            order_id: confdesk::domain::OrderId(Uuid::from_u128(7)),
            conference_id: confdesk::domain::ConferenceId(Uuid::from_u128(1)),
            seats: vec![confdesk::domain::events::SeatQuantity {
                seat_type: seat,
                quantity: 1,
            }],
            reservation_auto_expiration: DateTime::from_timestamp(1_800_000_900, 0).unwrap(),
            access_code: "ABC123".into(),
            by: confdesk::domain::staff_code::Actor::Registrant,
        }
        .into(),
    );
    order.handle(&cmd).unwrap_err()
}

#[test]
fn a_new_domain_message_reads_in_korean_in_the_window() {
    let e = no_price_error();
    assert!(
        e.to_string().starts_with("seat type ") && e.to_string().ends_with(" has no price"),
        "English for the CLI: {e}"
    );
    let korean = say_in(Lang::Ko, &e.message());
    assert!(korean.contains("가격이 없습니다"), "{korean}");
    assert!(!korean.contains("has no price"), "{korean}");
}

#[test]
fn store_errors_read_in_korean_in_the_window() {
    let errors = [
        StoreError::Missing {
            path: "/tmp/a.redb".into(),
        },
        StoreError::InUse {
            path: "/tmp/a.redb".into(),
            pid: Some(42),
        },
        StoreError::ReadOnly {
            path: "/tmp/a.redb".into(),
        },
    ];
    for e in errors {
        let korean = say_in(Lang::Ko, &e.message());
        assert!(korean.contains("/tmp/a.redb"), "{korean}");
        for english in ["does not exist", "in use by", "read-only"] {
            assert!(!korean.contains(english), "{korean}");
        }
        assert_eq!(
            e.message().to_string(),
            e.to_string(),
            "Display is the message"
        );
    }
}

#[test]
fn a_log_path_that_is_a_folder_reads_in_korean_kind_included() {
    // What the path is (a folder, a pipe…) is a word of the message too.
    let dir = tempfile::tempdir().unwrap();
    let Err(e) = confdesk::store::RedbLog::open(dir.path(), confdesk::store::OpenMode::ReadOnly)
    else {
        panic!("a folder opened as a log");
    };
    assert!(
        e.to_string().contains("is a folder, not a regular file"),
        "{e}"
    );
    let korean = say_in(Lang::Ko, &e.message());
    assert!(korean.contains("폴더"), "{korean}");
    assert!(!korean.contains("folder"), "{korean}");
}

#[test]
fn a_qr_refusal_reads_in_korean() {
    // 8,000 characters cannot fit any QR code.
    let e = confdesk::app::qr::qr_matrix(&"A".repeat(8_000)).unwrap_err();
    assert!(
        e.to_string()
            .starts_with("order code: cannot be drawn as a QR code")
    );
    let korean = say_in(Lang::Ko, &e.message());
    assert!(!korean.contains("cannot be drawn"), "{korean}");
    assert!(korean.contains("QR 코드로 그릴 수 없습니다"), "{korean}");
}

#[test]
fn order_statuses_are_words_in_english_and_korean() {
    assert_eq!(
        say_in(Lang::En, &OrderStatusView::PartiallyReserved.message()),
        "Partially reserved"
    );
    assert_eq!(
        say_in(Lang::En, &OrderStatusView::ReservationCompleted.message()),
        "Reservation completed"
    );
    assert_eq!(
        say_in(Lang::Ko, &OrderStatusView::PartiallyReserved.message()),
        "일부 예약"
    );
    // The CLI's tables and JSON keep the documented machine names.
    assert_eq!(
        OrderStatusView::PartiallyReserved.as_str(),
        "partially_reserved"
    );
}

#[test]
fn already_checked_in_carries_the_instant_not_a_local_time() {
    let at = "2026-11-25T09:42:00Z".parse().unwrap();
    let e = confdesk::app::AppError::AlreadyCheckedIn { position: 0, at };
    assert_eq!(e.to_string(), "Already checked in at 09:42 UTC");
    assert!(matches!(
        e.message().get("time"),
        Some(confdesk::domain::Arg::Instant(t)) if *t == at
    ));
}

#[test]
fn screens_find_field_errors_by_value() {
    let e = confdesk::domain::validation::required_line(Field::OwnerEmail, " ", 10).unwrap_err();
    assert_eq!(e.field, Field::OwnerEmail);
    assert_eq!(e.to_string(), "owner email: is required");
    set_lang(Lang::Ko);
    let korean = say(&e.message());
    set_lang(Lang::En);
    assert!(!korean.contains("required"), "{korean}");
}

/// Places and pays an order of `seats` General admission seats, exports
/// the attendees, and returns what `order pay` and the export printed.
fn pay_and_export(seats: u32) -> (String, String) {
    let d = Desk::new();
    let code = d.conference();
    let line = format!("General admission={seats}");
    let (id, order_code, _) = d.place(&[line.as_str()]);
    d.registrant(&id, &order_code);
    let paid = d
        .run(&["order", "pay", "--order", &id, "--access-code", &order_code])
        .ok();
    let out = d.dir.path().join("a.csv");
    let out = out.to_str().unwrap();
    let wrote = d
        .run(&org(&["attendees", "export", "--out", out], &code))
        .ok();
    (paid.stdout, wrote.stdout)
}

#[test]
fn the_cli_words_counts_of_one_in_the_singular() {
    let (paid, wrote) = pay_and_export(1);
    assert!(paid.contains("1 seat to assign (position 0)"), "{paid}");
    assert!(wrote.contains("Wrote 1 attendee row to"), "{wrote}");
}

#[test]
fn the_cli_words_counts_of_two_in_the_plural() {
    let (paid, wrote) = pay_and_export(2);
    assert!(
        paid.contains("2 seats to assign (positions 0 to 1)"),
        "{paid}"
    );
    assert!(wrote.contains("Wrote 2 attendee rows to"), "{wrote}");
}

#[test]
fn a_quota_refusal_counts_one_seat_in_the_singular() {
    let d = Desk::new();
    let code = d.conference();
    d.place(&["General admission=1"]);
    let refused = d.run(&org(
        &[
            "seat-type",
            "update",
            "--seat-type",
            "General admission",
            "--quota",
            "0",
        ],
        &code,
    ));
    assert!(
        refused.stderr.contains("1 seat is reserved and 0 sold"),
        "{}",
        refused.stderr
    );
}

#[test]
fn an_access_file_that_cannot_be_used_reads_in_korean() {
    // The access file's problem ("is not a regular file…") is a typed
    // message too, so the Korean window does not show it in English.
    let dir = tempfile::tempdir().unwrap();
    let clock = confdesk::app::ManualClock::new("2026-11-25T09:00:00Z".parse().unwrap());
    let folder = dir.path().join("a.access.json");
    std::fs::create_dir(&folder).unwrap();
    let mut desk = common::desk_at(&dir.path().join("a.redb"), &clock);
    let key = common::journey_conference(&mut desk, "access-ko", 10);
    let mut desk = desk.with_access_file(folder);
    let e = desk.authorize_organizer(&key).unwrap_err();
    assert!(
        e.to_string()
            .contains("is not a regular file (a directory?)"),
        "{e}"
    );
    let korean = say_in(Lang::Ko, &e.message());
    assert!(korean.contains("일반 파일이 아닙니다"), "{korean}");
    assert!(!korean.contains("regular file"), "{korean}");
}
