//! Bad input, everywhere: every text a registration desk may be handed —
//! empty, 1 MB, control characters, right-to-left, emoji, Hangul — in every
//! field of every command, plus out-of-range numbers, dates out of order and
//! duplicate slugs. Each input is either refused with an error naming the
//! field, or accepted and read back exactly (trimmed); text no name may
//! hold (only invisible characters, a line separator, a right-to-left
//! override) must be refused by every name field. Nothing panics.

mod common;
use common::ByName as _;

use common::{conference_input, journey_conference, open_desk};
use confdesk::app::{AppError, Desk, OrderKey, SeatTypeChanges, SeatTypeDraft};

const HUGE_LEN: usize = 1 << 20;

fn nasty_strings() -> Vec<(&'static str, String)> {
    vec![
        ("empty", String::new()),
        ("blank", "   ".into()),
        ("huge", "a".repeat(HUGE_LEN)),
        ("control", "Ana\u{0}\u{7}Lima".into()),
        ("newline", "Ana\nLima".into()),
        ("rtl", "\u{202E}عربى\u{202C} שלום".into()),
        ("emoji", "🎟️ Zoë 👩🏽‍💻".into()),
        ("hangul", "김민준".into()),
        ("formula", "=HYPERLINK(\"x\")".into()),
        ("long-ok", "가".repeat(200)),
        ("too-long", "가".repeat(201)),
        ("zero-width", "\u{200B}".into()),
        ("bom", " \u{FEFF} ".into()),
        ("line-separator", "Ana\u{2028}Lima".into()),
    ]
}

/// Cases no name may hold (invisible only, a line separator, a bidi
/// override): single-line fields must refuse them; descriptions (free
/// text) may keep them.
const NO_NAME_MAY_HOLD: [&str; 4] = ["zero-width", "bom", "line-separator", "rtl"];

/// Asserts that a name field refused a case no name may hold.
fn refused_if_no_name_may_hold(case: &str, field: &str, outcome: &str) {
    if NO_NAME_MAY_HOLD.contains(&case) && !field.contains("description") {
        assert_eq!(outcome, "refused", "{case} accepted in {field}");
    }
}

/// Asserts an outcome: refused naming `field`, or accepted with `read_back`
/// equal to the trimmed input.
fn judge(
    case: &str,
    field: &str,
    input: &str,
    result: Result<(), AppError>,
    read_back: impl FnOnce() -> String,
) -> &'static str {
    match result {
        Err(AppError::Validation(fields)) => {
            assert!(
                fields.iter().any(|f| f.field == field),
                "{case}: refused but not naming '{field}': {fields:?}"
            );
            "refused"
        }
        Err(other) => panic!("{case}: expected a validation error for {field}, got {other}"),
        Ok(()) => {
            assert_eq!(
                read_back(),
                input.trim(),
                "{case}: accepted but did not round-trip"
            );
            "accepted"
        }
    }
}

fn register_order(desk: &mut Desk) -> OrderKey {
    let confdesk::app::OrderKey {
        order_id,
        access_code,
    } = desk
        .place_order_named("bad-input", &[("General admission".into(), 1)])
        .expect("order");
    OrderKey {
        order_id,
        access_code,
    }
}

#[test]
fn every_text_field_refuses_or_round_trips() {
    let mut t = open_desk();
    let org = journey_conference(&mut t.desk, "bad-input", 1000);
    let org_access = t.desk.authorize_organizer(&org).unwrap();
    let mut tried = 0;
    for (case, s) in nasty_strings() {
        // Conference name, description, owner name, owner e-mail.
        for field in ["name", "description", "owner name", "owner email"] {
            let mut input = conference_input("bad-input");
            match field {
                "name" => input.name = s.clone(),
                "description" => input.description = s.clone(),
                "owner name" => input.owner_name = s.clone(),
                _ => input.owner_email = s.clone(),
            }
            let r = t.desk.organizer_mut().update_conference(&org_access, input);
            let outcome = judge(case, field, &s, r, || {
                let v = t
                    .desk
                    .organizer()
                    .organizer_conference(&org_access)
                    .expect("view");
                match field {
                    "name" => v.info.name,
                    "description" => v.info.description,
                    "owner name" => v.info.owner_name,
                    _ => v.info.owner_email,
                }
            });
            refused_if_no_name_may_hold(case, field, outcome);
            if outcome == "accepted" {
                t.desk
                    .organizer_mut()
                    .update_conference(&org_access, conference_input("bad-input"))
                    .expect("restore");
            }
            tried += 1;
        }
        // Seat type name and description.
        for field in ["seat type name", "seat type description"] {
            let (name, description) = if field == "seat type name" {
                (s.clone(), String::new())
            } else {
                (format!("T{tried}"), s.clone())
            };
            let r = t
                .desk
                .organizer_mut()
                .add_seat_type(
                    &org_access,
                    SeatTypeDraft {
                        name: name.clone(),
                        description,
                        quota: "1".into(),
                        price: "1".into(),
                    },
                )
                .map(|_| ());
            let outcome = judge(case, field, &s, r, || {
                let v = t
                    .desk
                    .organizer()
                    .organizer_conference(&org_access)
                    .expect("view");
                let st = v.seat_types.last().expect("added");
                if field == "seat type name" {
                    st.name.clone()
                } else {
                    st.description.clone()
                }
            });
            refused_if_no_name_may_hold(case, field, outcome);
            tried += 1;
        }
        // Registrant and attendee fields.
        let key = register_order(&mut t.desk);
        for field in ["first name", "last name", "email"] {
            let (f, l, e) = match field {
                "first name" => (s.as_str(), "Lee", "a@b.co"),
                "last name" => ("Ana", s.as_str(), "a@b.co"),
                _ => ("Ana", "Lee", s.as_str()),
            };
            let r = t.desk.registration_mut().assign_registrant(&key, f, l, e);
            let outcome = judge(case, field, &s, r, || {
                let reg = t
                    .desk
                    .registration()
                    .order(&key)
                    .expect("order")
                    .registrant
                    .expect("registrant");
                match field {
                    "first name" => reg.first_name,
                    "last name" => reg.last_name,
                    _ => reg.email,
                }
            });
            refused_if_no_name_may_hold(case, field, outcome);
            tried += 1;
        }
    }
    assert!(tried >= 126, "{tried} inputs tried");
}

#[test]
fn numbers_out_of_range_are_refused_naming_the_field() {
    let mut t = open_desk();
    let org = journey_conference(&mut t.desk, "bad-input", 10);
    let org_access = t.desk.authorize_organizer(&org).unwrap();
    for (quota, ok) in [
        (-1_i64, false),
        (0, true),
        (1_000_000, true),
        (1_000_001, false),
        (i64::MIN, false),
        (i64::MAX, false),
    ] {
        let r = t.desk.organizer_mut().add_seat_type(
            &org_access,
            SeatTypeDraft {
                name: format!("Q{quota}"),
                description: String::new(),
                quota: quota.to_string(),
                price: "1".into(),
            },
        );
        match r {
            Ok(_) => assert!(ok, "quota {quota} accepted"),
            Err(AppError::Validation(f)) => {
                assert!(!ok && f[0].field == "quota", "quota {quota}: {f:?}")
            }
            Err(e) => panic!("quota {quota}: {e}"),
        }
    }
    for price in [
        "-1",
        "1.001",
        "abc",
        "",
        "1e9",
        "99999999999999999999",
        "NaN",
        "١٢٣",
    ] {
        let r = t.desk.organizer_mut().add_seat_type(
            &org_access,
            SeatTypeDraft {
                name: format!("P{price}"),
                description: String::new(),
                quota: "1".into(),
                price: price.into(),
            },
        );
        assert!(
            matches!(r, Err(AppError::Validation(ref f)) if f[0].field == "price"),
            "price {price:?}: {r:?}"
        );
    }
    for (qty, field) in [
        (-1_i64, "quantity of General admission"),
        (i64::MAX, "quantity of General admission"),
        (10_001, "quantity"),
        (0, "seats"),
    ] {
        let r = t
            .desk
            .place_order_named("bad-input", &[("General admission".into(), qty)]);
        assert!(
            matches!(r, Err(AppError::Validation(ref f)) if f[0].field == field),
            "qty {qty}: {r:?}"
        );
    }
    let general = t.desk.seat_type_id("bad-input", "General admission");
    let r = t.desk.organizer_mut().update_seat_type(
        &org_access,
        general,
        SeatTypeChanges {
            quota: Some("-5".into()),
            ..Default::default()
        },
    );
    assert!(matches!(r, Err(AppError::Validation(ref f)) if f[0].field == "quota"));
    // A huge but valid order reserves only what exists.
    let confdesk::app::OrderKey {
        order_id,
        access_code,
    } = t
        .desk
        .place_order_named("bad-input", &[("General admission".into(), 10_000)])
        .expect("order");
    assert_eq!(
        t.desk
            .registration()
            .order(&OrderKey {
                order_id,
                access_code
            })
            .expect("order")
            .lines[0]
            .reserved,
        10
    );
}

#[test]
fn dates_out_of_order_and_duplicate_slugs_are_named() {
    let mut t = open_desk();
    journey_conference(&mut t.desk, "taken", 10);
    let mut input = conference_input("taken");
    let r = t.desk.organizer_mut().create_conference(input.clone());
    assert!(
        matches!(r, Err(AppError::Validation(ref f)) if f[0].field == "slug" && f[0].rule.to_string().contains("already used"))
    );
    input.slug = "fresh".into();
    input.end = input.start.pred_opt().expect("date");
    let r = t.desk.organizer_mut().create_conference(input);
    assert!(matches!(r, Err(AppError::Validation(ref f)) if f[0].field == "end"));
    for slug in [
        "",
        "a",
        "-x",
        "UPPER",
        "with space",
        "ünï",
        &"x".repeat(65),
        "emoji-🎟",
    ] {
        let r = t
            .desk
            .organizer_mut()
            .create_conference(conference_input(slug));
        assert!(
            matches!(r, Err(AppError::Validation(ref f)) if f[0].field == "slug"),
            "slug {slug:?}: {r:?}"
        );
    }
}
