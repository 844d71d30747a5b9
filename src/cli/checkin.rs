//! `checkin` and `checkin undo`: the door's commands. Staff prove they may
//! with the conference's slug, owner e-mail and access code, like the
//! organizer commands, or with the slug and a door staff code
//! (`--staff-code` / `CONFDESK_STAFF_CODE`). Without `--position` an order's only seat is meant;
//! with several seats the command refuses and lists them, so that one
//! person at the door never checks in a whole group by accident.

use super::Ctx;
use super::args::{CheckinArgs, CheckinSubcommand};
use super::output::{Output, person_human, person_json, time_human, time_json};
use crate::app::{
    AppError, ConferenceAccess, DoorAttendee, OrganizerKey, Outcome, PurchasedSeat, StaffKey,
    UserCommand,
};
use crate::domain::person_name::is_family_first;
use crate::domain::{Field, Message};
use serde_json::{Value, json};

/// `checkin …`.
pub(super) fn checkin(ctx: &Ctx, a: CheckinArgs) -> Result<Output, AppError> {
    if let Some(CheckinSubcommand::Undo {
        key,
        order,
        position,
    }) = a.command
    {
        let mut desk = ctx.write()?;
        let access = door_access(
            &mut desk,
            key.slug,
            key.email,
            key.access_code,
            key.staff_code,
        )?;
        let Outcome::Door(seat) = desk.run(UserCommand::UndoCheckIn {
            access,
            order_code: order,
            position,
        })?
        else {
            return Err(Outcome::unexpected("Door"));
        };
        let human = format!("Took back the check-in of {}.", seat_human(&seat));
        return Ok(Output::new(human, seat_json(&seat)));
    }
    // clap requires these when no subcommand is given.
    let given = |v: Option<String>, flag: &'static str| {
        v.ok_or_else(|| {
            AppError::field(
                Field::Flag(flag),
                Message::new("required: give --{flag}").text("flag", flag),
            )
        })
    };
    let slug = given(a.slug, "slug")?;
    let name = a
        .name
        .as_deref()
        .map(|n| door_attendee(n, a.attendee_email.clone()));
    if let Some(ticket) = a.ticket {
        let mut desk = ctx.write()?;
        let access = door_access(&mut desk, slug, a.email, a.access_code, a.staff_code)?;
        let outcome = desk.run(UserCommand::CheckInTicket {
            access,
            ticket,
            attendee: name,
        })?;
        return checked_in(outcome);
    }
    let order = given(a.order, "order")?;
    let mut desk = ctx.write()?;
    let access = door_access(&mut desk, slug, a.email, a.access_code, a.staff_code)?;
    let position = match a.position {
        Some(p) => p,
        None => only_seat(&desk, &access, &order)?,
    };
    let outcome = desk.run(UserCommand::CheckIn {
        access,
        order_code: order,
        position,
        attendee: name,
    })?;
    checked_in(outcome)
}

/// "Checked in … at …" for a check-in's outcome.
fn checked_in(outcome: Outcome) -> Result<Output, AppError> {
    let Outcome::Door(seat) = outcome else {
        return Err(Outcome::unexpected("Door"));
    };
    let at = seat.checked_in_at.map(time_human).unwrap_or_default();
    let human = format!("Checked in {} at {at}.", seat_human(&seat));
    Ok(Output::new(human, seat_json(&seat)))
}

/// The door's access: with a staff code, the slug and that code (counted
/// apart from the organizer's code); else the organizer's key.
fn door_access(
    desk: &mut crate::app::Desk,
    slug: String,
    email: Option<String>,
    access_code: Option<String>,
    staff_code: Option<String>,
) -> Result<ConferenceAccess, AppError> {
    if let Some(code) = staff_code {
        return desk.authorize_staff(&StaffKey { slug, code });
    }
    let given = |v: Option<String>, flag: &'static str| {
        v.ok_or_else(|| {
            AppError::field(
                Field::Flag(flag),
                Message::new("required: give --{flag}").text("flag", flag),
            )
        })
    };
    let key = OrganizerKey {
        slug,
        email: given(email, "email")?,
        access_code: given(access_code, "access-code")?,
    };
    desk.authorize_organizer(&key)
}

/// The position meant when none was typed: the order's only seat. An
/// order that is not paid has no seats: 0 lets the check-in say why.
fn only_seat(
    desk: &crate::app::Desk,
    access: &ConferenceAccess,
    order: &str,
) -> Result<u32, AppError> {
    let found = desk.door().door_find_order(access, order)?;
    if found.seats.len() <= 1 {
        return Ok(0);
    }
    let list: Vec<String> = found
        .seats
        .iter()
        .map(|s| {
            let who = s
                .attendee
                .as_ref()
                .map_or_else(|| "unassigned".to_string(), person_human);
            let state = s.checked_in_at.map_or_else(String::new, |t| {
                format!(", checked in at {}", t.format("%H:%M UTC"))
            });
            format!("{} = {}: {who}{state}", s.seat.position, s.seat_type)
        })
        .collect();
    Err(AppError::field(
        Field::Position,
        Message::new("order {code} has {n} {n|seat|seats}; choose one with --position ({list})")
            .text("code", found.order_code.clone())
            .count("n", found.seats.len())
            .text("list", list.join("; ")),
    ))
}

/// "Given Family" split at the last space, but a Hangul, Han or kana name
/// is written family name first ("김 민준": family 김, given 민준), split
/// at the first space; one word ("Cher", "김민준") is the given name alone,
/// which the door accepts as a whole name.
pub(super) fn door_attendee(name: &str, email: Option<String>) -> DoorAttendee {
    let name = name.trim();
    let (first, last) = if is_family_first(name, "") {
        name.split_once(char::is_whitespace)
            .map_or((name, ""), |(family, given)| (given, family))
    } else {
        name.rsplit_once(char::is_whitespace).unwrap_or((name, ""))
    };
    DoorAttendee {
        first_name: first.trim().to_string(),
        last_name: last.trim().to_string(),
        email,
    }
}

pub(super) fn seat_human(s: &PurchasedSeat) -> String {
    let who = s
        .attendee
        .as_ref()
        .map_or_else(|| "an unassigned seat".to_string(), person_human);
    format!(
        "{who} (order {}, position {}, {})",
        s.order_code, s.seat.position, s.seat_type
    )
}

fn seat_json(s: &PurchasedSeat) -> Value {
    json!({
        "order_code": s.order_code,
        "position": s.seat.position,
        "seat_type": s.seat_type,
        "attendee": person_json(s.attendee.as_ref()),
        "order_status": s.order_status.as_str(),
        "checked_in_at": s.checked_in_at.map(time_json),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_typed_name_splits_at_the_last_space() {
        let a = door_attendee("  Mary Ann  Smith ", None);
        assert_eq!(
            (a.first_name.as_str(), a.last_name.as_str()),
            ("Mary Ann", "Smith")
        );
        let a = door_attendee("Madonna", Some("m@example.com".into()));
        assert_eq!(
            (a.first_name.as_str(), a.last_name.as_str()),
            ("Madonna", "")
        );
    }

    #[test]
    fn a_typed_korean_name_is_family_name_first() {
        // Given a seat named at the door as Koreans write it,
        let a = door_attendee(" 김 민준 ", None);
        // then 김 is the family name and 민준 the given name.
        assert_eq!(
            (a.first_name.as_str(), a.last_name.as_str()),
            ("민준", "김")
        );
        let a = door_attendee("南宮 小明", None);
        assert_eq!(
            (a.last_name.as_str(), a.first_name.as_str()),
            ("南宮", "小明")
        );
    }
}
