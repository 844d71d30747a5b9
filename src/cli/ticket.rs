//! `ticket show` and `ticket issue`: a seat's own ticket (issue 18.1).
//! Both take the conference's slug, owner e-mail and access code, like
//! the door's `checkin`; `ticket show` only reads (it works while a
//! window holds the log), `ticket issue` writes the tickets of orders
//! paid before tickets existed, once.

use super::Ctx;
use super::args::TicketSubcommand;
use super::checkin::seat_human;
use super::output::{Output, counted, person_json, time_human, time_json};
use crate::app::{AppError, DoorTicket, Outcome, UserCommand};
use serde_json::{Value, json};

/// `ticket …`.
pub(super) fn ticket(ctx: &Ctx, command: TicketSubcommand) -> Result<Output, AppError> {
    match command {
        TicketSubcommand::Show { key, ticket } => {
            let mut desk = ctx.read()?;
            let access = desk.authorize_organizer(&key.key())?;
            let found = desk.tickets().find(&access, &ticket)?;
            Ok(Output::new(show_human(&found), show_json(&found)))
        }
        TicketSubcommand::Issue { key } => {
            let mut desk = ctx.write()?;
            let access = desk.authorize_organizer(&key.key())?;
            let Outcome::TicketsIssued(n) =
                desk.run(UserCommand::IssueMissingTickets { access })?
            else {
                return Err(Outcome::unexpected("TicketsIssued"));
            };
            let human = if n == 0 {
                "Every paid order already has its tickets.".to_string()
            } else {
                format!("Issued the tickets of {}.", counted(n, "order", "orders"))
            };
            Ok(Output::new(human, json!({ "orders": n })))
        }
    }
}

fn show_human(t: &DoorTicket) -> String {
    let mut lines = vec![
        format!("Ticket {}", t.code),
        format!("Conference: {} ({})", t.conference, t.slug),
        format!(
            "Order: {} ({})",
            t.order.order_code,
            t.order.status.as_str()
        ),
    ];
    match t.seat() {
        Some(seat) => {
            lines.push(format!("Seat: {}", seat_human(seat)));
            lines.push(match seat.checked_in_at {
                Some(at) => format!("Checked in at {}", time_human(at)),
                None => "Not checked in".to_string(),
            });
        }
        None => lines.push(format!("Seat: position {}", t.position)),
    }
    lines.join("\n")
}

fn show_json(t: &DoorTicket) -> Value {
    let seat = t.seat();
    json!({
        "ticket": t.code,
        "conference": { "name": t.conference, "slug": t.slug },
        "order_code": t.order.order_code,
        "order_status": t.order.status.as_str(),
        "position": t.position,
        "seat_type": seat.map(|s| s.seat_type.clone()),
        "attendee": person_json(seat.and_then(|s| s.attendee.as_ref())),
        "checked_in_at": seat.and_then(|s| s.checked_in_at).map(time_json),
    })
}
