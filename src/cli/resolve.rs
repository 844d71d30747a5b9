//! Low args → high args: the one step that turns what the user typed (the
//! clap values in `args.rs`) into the typed values the app takes — a slug
//! into a `ConferenceId`, seat-type names into `SeatTypeId`s, dates into
//! `NaiveDate`s, an order id and code into an `OrderKey` — before any app
//! call. Names and words stay at this edge: the app only sees ids.
//!
//! The messages are the ones the app used to give when it resolved names
//! itself, so exit codes and wording are unchanged. Public so that tests
//! and developer tools resolve names exactly like the CLI does.

use crate::app::auth::ORDER_DENIED;
use crate::app::projections::ConferenceView;
use crate::app::{AppError, Desk, OrderKey, SeatLine};
use crate::domain::validation::{iso_date, normalize_code};
use crate::domain::{Field, FieldError, Message, OrderId, SeatTypeId};
use chrono::NaiveDate;
use uuid::Uuid;

/// A date typed as YYYY-MM-DD; `field` names it in the refusal.
pub fn date(field: Field, text: &str) -> Result<NaiveDate, AppError> {
    iso_date(text).ok_or_else(|| {
        AppError::field(
            field,
            Message::new("use YYYY-MM-DD, e.g. 2026-12-01 (got '{text}')").text("text", text),
        )
    })
}

/// The published conference with this slug (surrounding spaces ignored).
pub fn published_conference(desk: &Desk, slug: &str) -> Result<ConferenceView, AppError> {
    desk.read_models()
        .conferences
        .by_slug(slug.trim())
        .filter(|c| c.published)
        .ok_or_else(|| {
            AppError::NotFound(
                Message::new("no published conference has the slug '{slug}'")
                    .text("slug", slug.trim()),
            )
        })
}

/// The seat type of `conference` named `name` (case-insensitive).
pub fn seat_type(conference: &ConferenceView, name: &str) -> Result<SeatTypeId, AppError> {
    find_seat_type(conference, name)
        .map(|(id, _)| id)
        .ok_or_else(|| unknown_seat_type(name).into())
}

fn find_seat_type<'a>(conference: &'a ConferenceView, name: &str) -> Option<(SeatTypeId, &'a str)> {
    let name = name.trim();
    conference
        .seat_types
        .iter()
        .find(|s| s.name.eq_ignore_ascii_case(name) || s.name == name)
        .map(|s| (s.id, s.name.as_str()))
}

fn unknown_seat_type(name: &str) -> FieldError {
    FieldError::new(
        Field::SeatType,
        Message::new("'{name}' is not a seat type of this conference").text("name", name.trim()),
    )
}

/// Typed `NAME=QTY` lines as seat lines of `conference`. Every problem is
/// reported at once: an unknown name, a seat type named twice (`GA=1` and
/// `ga=2`: adding them or keeping the last would each surprise someone),
/// a quantity below 0 or too large to be one.
pub fn seat_lines<'a>(
    conference: &ConferenceView,
    typed: impl IntoIterator<Item = (&'a str, i64)>,
) -> Result<Vec<SeatLine>, AppError> {
    let mut lines: Vec<SeatLine> = Vec::new();
    let mut errors = Vec::new();
    for (name, quantity) in typed {
        let Some((id, known)) = find_seat_type(conference, name) else {
            errors.push(unknown_seat_type(name));
            continue;
        };
        if lines.iter().any(|(seen, _)| *seen == id) {
            errors.push(FieldError::new(
                Field::Seats,
                Message::new("'{name}' is named more than once: give each seat type once")
                    .text("name", known),
            ));
            continue;
        }
        let Ok(quantity) = u32::try_from(quantity) else {
            // Counted as named, so a second spelling is still refused as such.
            lines.push((id, 0));
            errors.push(FieldError::new(
                Field::QuantityOf(known.to_string()),
                Message::new("must be a whole number, 0 or more"),
            ));
            continue;
        };
        lines.push((id, quantity));
    }
    if errors.is_empty() {
        Ok(lines)
    } else {
        Err(AppError::Validation(errors))
    }
}

/// The order key typed as `--order` and `--access-code`. An id that is not
/// a UUID gets the same answer as a wrong code, so nothing is learnt from
/// the difference; the code is read as meant (case, spaces, I/L for 1) and
/// its shape is checked where the try is counted.
pub fn order_key(order: &str, access_code: &str) -> Result<OrderKey, AppError> {
    let id = Uuid::parse_str(order.trim()).map_err(|_| AppError::NotFound(ORDER_DENIED.into()))?;
    Ok(OrderKey {
        order_id: OrderId(id),
        access_code: normalize_code(access_code),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::projections::SeatTypeView;
    use crate::domain::events::ConferenceInfo;
    use crate::domain::{ConferenceId, Currency, Money};

    fn conference() -> ConferenceView {
        let seat = |name: &str| SeatTypeView {
            id: SeatTypeId(Uuid::now_v7()),
            name: name.into(),
            description: String::new(),
            quota: 10,
            reserved: 0,
            sold: 0,
            left: 10,
            price: Money::zero(Currency::EUR),
        };
        ConferenceView {
            id: ConferenceId(Uuid::now_v7()),
            info: ConferenceInfo {
                name: "CQRS Summit".into(),
                description: String::new(),
                slug: "cqrs-summit".into(),
                start: NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
                end: NaiveDate::from_ymd_opt(2026, 12, 2).unwrap(),
                owner_name: "Ana".into(),
                owner_email: "ana@example.com".into(),
                currency: Currency::EUR,
            },
            published: true,
            created_at: chrono::DateTime::UNIX_EPOCH,
            seat_types: vec![seat("General admission"), seat("CQRS Workshop")],
        }
    }

    fn refusal(r: Result<Vec<SeatLine>, AppError>) -> String {
        r.expect_err("refused").to_string()
    }

    #[test]
    fn names_resolve_to_ids_whatever_their_case_and_spaces() {
        let c = conference();
        let lines = seat_lines(&c, [(" general ADMISSION ", 2), ("CQRS Workshop", 0)]).unwrap();
        assert_eq!(
            lines,
            vec![(c.seat_types[0].id, 2), (c.seat_types[1].id, 0)]
        );
        assert_eq!(seat_type(&c, "cqrs workshop").unwrap(), c.seat_types[1].id);
    }

    #[test]
    fn an_unknown_seat_type_is_named_in_the_old_words() {
        let c = conference();
        assert_eq!(
            refusal(seat_lines(&c, [("Gala dinner", 1)])),
            "seat type: 'Gala dinner' is not a seat type of this conference"
        );
        assert_eq!(
            seat_type(&c, " Gala ").unwrap_err().to_string(),
            "seat type: 'Gala' is not a seat type of this conference"
        );
    }

    #[test]
    fn a_seat_type_named_twice_and_a_negative_quantity_are_refused_together() {
        let c = conference();
        let text = refusal(seat_lines(
            &c,
            [
                ("CQRS Workshop", 1),
                ("cqrs workshop", 2),
                ("General admission", -1),
            ],
        ));
        assert!(
            text.contains(
                "seats: 'CQRS Workshop' is named more than once: give each seat type once"
            ),
            "{text}"
        );
        assert!(
            text.contains("quantity of General admission: must be a whole number, 0 or more"),
            "{text}"
        );
        assert!(refusal(seat_lines(&c, [("General admission", i64::MAX)])).contains("quantity of"));
    }

    #[test]
    fn a_bad_date_names_its_field_and_the_format() {
        assert_eq!(
            date(Field::Start, "1/12/2026").unwrap_err().to_string(),
            "start: use YYYY-MM-DD, e.g. 2026-12-01 (got '1/12/2026')"
        );
        assert_eq!(
            date(Field::End, "2026-12-02").unwrap(),
            NaiveDate::from_ymd_opt(2026, 12, 2).unwrap()
        );
    }

    #[test]
    fn an_order_id_that_is_no_uuid_gets_the_wrong_code_answer() {
        let e = order_key("not-a-uuid", "ABC123").unwrap_err();
        assert!(matches!(e, AppError::NotFound(ref m) if m.key == ORDER_DENIED));
        let id = Uuid::now_v7();
        let key = order_key(&format!(" {id} "), " abcl23 ").unwrap();
        assert_eq!(
            (key.order_id, key.access_code.as_str()),
            (OrderId(id), "ABC123")
        );
    }
}
