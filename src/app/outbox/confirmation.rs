//! The registrant's order confirmation, queued when the desk accepts the
//! payment (the window's Accept, `confdesk order pay`): the conference and
//! its dates, each seat line, the total, the order code and the order's QR
//! code attached as `order-CODE.png`; then each seat's ticket code, with
//! its own QR attached as `ticket-CODE.png` (issue 18.1): at the door a
//! ticket checks in exactly its person, the order's QR the whole order.
//!
//! What it never holds: the conference's access code (the organizer's
//! secret). The order code is what "Find my order" takes together with the
//! registrant's e-mail — the mail goes to that very address — as pretix
//! sends its order code; the mail says so.
//!
//! Written once per order: the file is named after the order code (unique
//! in a log), and an existing file is left as it is, so a second payment
//! attempt or a call after a replay never queues a second mail.

use super::{Mail, paragraph};
use crate::app::projections::{ConferenceView, OrderStatusView, OrderView};
use crate::app::qr::qr_png;
use crate::app::{AppError, Desk, OrderKey};
use crate::domain::message::Words;
use crate::domain::person_name::display_name;
use crate::domain::{Field, Message};
use std::path::{Path, PathBuf};

/// What [`queue_confirmation`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Queued {
    /// The mail was written at this path.
    Written(PathBuf),
    /// The order's mail was already there (nothing written).
    AlreadyQueued(PathBuf),
}

impl Queued {
    /// The mail's path.
    pub fn path(&self) -> &Path {
        match self {
            Self::Written(p) | Self::AlreadyQueued(p) => p,
        }
    }
}

/// Where the confirmation of the order with code `code` is queued in `outbox`.
pub fn confirmation_path(outbox: &Path, code: &str) -> PathBuf {
    outbox.join(format!("order-{}.eml", code.trim()))
}

/// Queues the confirmation of `key`'s paid order in `outbox` (created if
/// missing), its words in `words`' language; never over the log or its
/// sidecars; nothing if the order's mail is already there. Refused if the
/// order is not paid.
pub fn queue_confirmation(
    desk: &Desk,
    outbox: &Path,
    key: &OrderKey,
    words: &dyn Words,
) -> Result<Queued, AppError> {
    let order = desk.registration().order(key)?;
    if order.status != OrderStatusView::Confirmed {
        return Err(AppError::Conflict(Message::new(
            "the order is not paid: no confirmation is sent",
        )));
    }
    let path = confirmation_path(outbox, &order.access_code);
    // Whatever is there (even a link or a folder): never a second mail —
    // also once it is being sent or was sent (`crate::app::mail_queue`
    // moves it into `sending/`, then `sent/`).
    let name = path.file_name().unwrap_or_default();
    for place in [
        path.clone(),
        outbox.join("sending").join(name),
        outbox.join("sent").join(name),
    ] {
        if place.symlink_metadata().is_ok() {
            return Ok(Queued::AlreadyQueued(place));
        }
    }
    let conference = desk
        .read_models()
        .conferences
        .get(order.conference_id)
        .ok_or_else(|| AppError::NotFound(Message::new("conference not found")))?;
    let registrant = order
        .registrant
        .as_ref()
        .ok_or_else(|| AppError::field(Field::Registrant, Message::new("is required")))?;
    let lines: Vec<Message> = order
        .lines
        .iter()
        .filter(|l| l.reserved > 0)
        .map(|l| {
            let name = desk.registration().seat_type_name(&order, l.seat_type);
            seat_line(&name, l.reserved, l.unit_price, l.line_total)
        })
        .collect();
    let mut attachments = vec![(
        format!("order-{}.png", order.access_code),
        qr_png(&order.access_code)?,
    )];
    for ticket in order.positions.iter().filter_map(|p| p.ticket.as_ref()) {
        attachments.push((format!("ticket-{ticket}.png"), qr_png(ticket)?));
    }
    let tickets = ticket_lines(desk, &order);
    let mail = Mail {
        to_name: display_name(&registrant.first_name, &registrant.last_name),
        to_email: (registrant.email.clone(), Field::Email),
        subject: Message::new("Your order {code} for {conference}")
            .text("code", &order.access_code)
            .text("conference", &conference.info.name)
            .render(words),
        paragraphs: body(&conference, &order, (&lines, &tickets), words),
        attachments,
        message_id: format!("{}@confdesk.invalid", order.id.to_string().replace('-', "")),
        date: desk.now(),
    };
    mail.write(outbox, &path, desk.protected())?;
    Ok(Queued::Written(path))
}

/// One seat line: its type, how many, the unit price and the line total.
fn seat_line(
    name: &str,
    quantity: u32,
    unit: Option<crate::domain::Money>,
    total: Option<crate::domain::Money>,
) -> Message {
    let m = Message::new("{seat_type}: {quantity} × {unit_price} = {line_total}")
        .text("seat_type", name)
        .count("quantity", quantity);
    match (unit, total) {
        (Some(u), Some(t)) => m.money("unit_price", u).money("line_total", t),
        _ => m.text("unit_price", "?").text("line_total", "?"),
    }
}

/// One line per seat with a ticket: "Seat 1 (General admission): CODE".
fn ticket_lines(desk: &Desk, order: &OrderView) -> Vec<Message> {
    order
        .positions
        .iter()
        .filter_map(|p| {
            let code = p.ticket.as_ref()?;
            Some(
                Message::new("Seat {n} ({seat_type}): ticket {code}")
                    .count("n", u64::from(p.position) + 1)
                    .text(
                        "seat_type",
                        desk.registration().seat_type_name(order, p.seat_type),
                    )
                    .text("code", code),
            )
        })
        .collect()
}

/// The body's paragraphs: greeting, what was bought, the total, the code
/// and how to use it, then the seats' tickets (none for an order paid
/// before tickets existed).
fn body(
    conference: &ConferenceView,
    order: &OrderView,
    (lines, tickets): (&[Message], &[Message]),
    words: &dyn Words,
) -> Vec<String> {
    let info = &conference.info;
    let name = order
        .registrant
        .as_ref()
        .map(|r| display_name(&r.first_name, &r.last_name))
        .unwrap_or_default();
    let mut total = lines.to_vec();
    if let Some(t) = order.total {
        total.push(Message::new("Total: {total}").money("total", t));
    }
    let email = order
        .registrant
        .as_ref()
        .map(|r| r.email.as_str())
        .unwrap_or_default();
    let mut paragraphs = vec![
        Message::new("Hello {name},").text("name", name).render(words),
        Message::new("your order for {conference} ({start} to {end}) is paid and confirmed.")
            .text("conference", &info.name)
            .date("start", info.start)
            .date("end", info.end)
            .render(words),
        paragraph(words, &total),
        Message::new("Your order code: {code}")
            .text("code", &order.access_code)
            .render(words),
        Message::new(
            "To open the order later, choose “Find my order” at the desk and give this code with the e-mail address {email}.",
        )
        .text("email", email)
        .render(words),
    ];
    if tickets.is_empty() {
        paragraphs
            .push(Message::new("Show the attached QR code at the door to check in.").render(words));
    } else {
        let mut t = vec![Message::new("Each seat has its own ticket:")];
        t.extend(tickets.iter().cloned());
        paragraphs.push(paragraph(words, &t));
        paragraphs.push(
            Message::new(
                "At the door, each person shows their own ticket's QR code (attached as ticket-CODE.png); the order's QR code finds the whole order.",
            )
            .render(words),
        );
    }
    paragraphs
}
