//! Tickets: one code per purchased seat (issue 18.1). New orders get
//! theirs in the cascade of their confirmation (`app::cascade`); orders
//! paid before tickets existed have none until the organizer issues the
//! missing ones ([`Tickets::issue_missing`]) — opening an old log writes
//! nothing. At the door a ticket code finds exactly one seat and checks in
//! exactly that person ([`Tickets::check_in`]); the order code still finds
//! the whole order (`app::check_in`). All of it is the [`Tickets`]
//! service over the journal, behind the staff's [`ConferenceAccess`].

use crate::app::AppError;
use crate::app::Desk;
use crate::app::auth::{ConferenceAccess, draw_code};
use crate::app::check_in::{Door, DoorAttendee, DoorOrder};
use crate::app::journal::Journal;
use crate::app::projections::PurchasedSeat;
use crate::domain::seat_assignments::AssignmentsCommand;
use crate::domain::validation::{self as v, TICKET_CODE_LEN};
use crate::domain::{AggregateCommand, ConferenceId, Field, Message, OrderId};
use std::collections::{HashMap, HashSet};
use std::ops::Deref;

/// How often issuing the missing tickets is planned again after another
/// desk issued some of them first (each try catches up before planning).
const ISSUE_TRIES: u32 = 4;

/// A seat found by its ticket code: the whole order (as the door shows
/// it) and which of its seats the ticket is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DoorTicket {
    /// The ticket code, as stored.
    pub code: String,
    /// The conference's name.
    pub conference: String,
    /// The conference's slug.
    pub slug: String,
    /// The order the seat belongs to, with its status as of now.
    pub order: DoorOrder,
    /// The seat's 0-based position in the order.
    pub position: u32,
}

impl DoorTicket {
    /// The ticket's seat, joined with its order.
    pub fn seat(&self) -> Option<&PurchasedSeat> {
        self.order
            .seats
            .iter()
            .find(|s| s.seat.position == self.position)
    }
}

/// Reads a typed or scanned ticket code as meant (any case, spaces
/// around, I or L for 1) and refuses what cannot be one, naming the field.
pub fn ticket_code(typed: &str) -> Result<String, AppError> {
    v::access_code(Field::TicketCode, typed, TICKET_CODE_LEN).map_err(|e| e.into())
}

/// Whether `typed` has a ticket code's shape (the door tells a scanned
/// ticket from an order code or a name by it).
pub fn looks_like_ticket(typed: &str) -> bool {
    v::is_access_code_shape(&v::normalize_code(typed), TICKET_CODE_LEN)
}

/// `n` fresh ticket codes: none in `taken` (every code the desk has seen
/// in the log) nor in `drawn` (codes drawn for this action, which gains
/// them). Two desks drawing the same code at once would need 1 chance in
/// 32⁸ ≈ 10¹² per pair of codes.
pub(crate) fn draw_ticket_codes<T>(
    taken: &HashMap<String, T>,
    drawn: &mut HashSet<String>,
    n: usize,
) -> Vec<String> {
    (0..n)
        .map(|_| {
            loop {
                let code = draw_code(TICKET_CODE_LEN);
                if !taken.contains_key(&code) && drawn.insert(code.clone()) {
                    break code;
                }
            }
        })
        .collect()
}

/// The tickets service: reads through `&Journal` ([`Desk::tickets`]),
/// issuing and checking in through `&mut Journal` ([`Desk::tickets_mut`]).
pub struct Tickets<J> {
    journal: J,
}

impl Desk {
    /// Ticket reads.
    pub fn tickets(&self) -> Tickets<&Journal> {
        Tickets {
            journal: self.journal(),
        }
    }

    /// Ticket actions (and reads).
    pub fn tickets_mut(&mut self) -> Tickets<&mut Journal> {
        Tickets {
            journal: self.journal_mut(),
        }
    }
}

impl<J: Deref<Target = Journal>> Tickets<J> {
    /// The seat with ticket `code` in the staff's conference, with its
    /// whole order. A code of the wrong shape is a field error (exit 2);
    /// an unknown code, or one of another conference, is not found.
    pub fn find(&self, access: &ConferenceAccess, code: &str) -> Result<DoorTicket, AppError> {
        let code = ticket_code(code)?;
        let not_found = || {
            AppError::NotFound(
                Message::new("no ticket {code} in this conference").text("code", code.clone()),
            )
        };
        let (order_id, position) = *self
            .journal
            .write_model()
            .ticket_codes
            .get(&code)
            .ok_or_else(not_found)?;
        let read = self.journal.read_models();
        let order = read
            .orders
            .get(order_id)
            .filter(|o| o.conference_id == access.conference())
            .ok_or_else(not_found)?;
        let conference = read.conferences.get(order.conference_id);
        let door = Door::new(&*self.journal).door_find_order(access, &order.access_code)?;
        Ok(DoorTicket {
            code: code.clone(),
            conference: conference
                .as_ref()
                .map_or_else(String::new, |c| c.info.name.clone()),
            slug: conference.map_or_else(String::new, |c| c.info.slug),
            order: door,
            position,
        })
    }

    /// How many confirmed orders of the staff's conference have no
    /// tickets yet (paid before tickets existed).
    pub fn missing(&self, access: &ConferenceAccess) -> usize {
        self.orders_without_tickets(access.conference()).len()
    }

    /// Confirmed orders of `conference` with seats but no tickets, with
    /// how many seats each has.
    fn orders_without_tickets(&self, conference: ConferenceId) -> Vec<(OrderId, usize)> {
        let write = self.journal.write_model();
        self.journal
            .read_models()
            .orders
            .for_conference(conference)
            .into_iter()
            .filter_map(|o| {
                let seats = write.assignments.get(&o.id)?;
                let missing = !seats.positions.is_empty() && !seats.tickets_issued();
                missing.then_some((o.id, seats.positions.len()))
            })
            .collect()
    }
}

impl Tickets<&mut Journal> {
    /// Issues the tickets of every confirmed order of the staff's
    /// conference that has none (orders paid before tickets existed);
    /// returns how many orders got theirs. Idempotent: a second run, here
    /// or on another desk, issues nothing. When another desk issued some
    /// of them first, the refused action wrote nothing and is planned
    /// again on what the log now holds.
    pub fn issue_missing(&mut self, access: &ConferenceAccess) -> Result<usize, AppError> {
        let conference = access.conference();
        let mut tries = 0;
        loop {
            tries += 1;
            let plan = self.orders_without_tickets(conference);
            if plan.is_empty() {
                return Ok(0);
            }
            let mut drawn = HashSet::new();
            let taken = &self.journal.write_model().ticket_codes;
            let commands = plan
                .iter()
                .map(|(order_id, seats)| {
                    let codes = draw_ticket_codes(taken, &mut drawn, *seats);
                    AggregateCommand::Assignments(
                        *order_id,
                        AssignmentsCommand::IssueTickets {
                            conference_id: conference,
                            codes,
                        },
                    )
                })
                .collect();
            match self.journal.commit(commands) {
                Ok(_) => return Ok(plan.len()),
                Err(AppError::Conflict(_)) if tries < ISSUE_TRIES => {
                    self.journal.catch_up()?;
                }
                Err(e) => return Err(e),
            }
        }
    }

    /// Checks in exactly the seat of ticket `code` (naming it first when
    /// it is unassigned, as at the door). Refused like a check-in by
    /// order code: a second check-in with the time of the first, an
    /// order not paid, expired, cancelled or rejected with the reason.
    pub fn check_in(
        &mut self,
        access: &ConferenceAccess,
        code: &str,
        name: Option<DoorAttendee>,
    ) -> Result<PurchasedSeat, AppError> {
        let ticket = self.find(access, code)?;
        Door::new(&mut *self.journal).check_in(
            access,
            &ticket.order.order_code,
            ticket.position,
            name,
        )
    }
}
