//! Check-in at the door: staff behind the conference's access code find an
//! order by its code or search the attendees, then check a seat's attendee
//! in, or take a mistaken check-in back. An unassigned seat is named and
//! checked in by one action, in one append. The live counter per seat type
//! is the [`crate::app::projections::CheckInBoard`] read model. All of it
//! is the [`Door`] service over the journal, and every read and action
//! takes the staff's [`ConferenceAccess`]: the window gets one when the door
//! is opened, the CLI one per command.

use crate::app::AppError;
use crate::app::auth::{ConferenceAccess, Right, require};
use crate::app::door_queue::OfflineCheckIn;
use crate::app::journal::Journal;
use crate::app::projections::{
    CheckInCount, OrderStatusView, OrderView, PurchasedSeat, SeatQuery, SeatRef,
};
use crate::domain::OrderId;
use crate::domain::check_in::{
    CheckInCommand, OrderFacts, OrderStanding, SeatFact, why_not_admitted,
};
use crate::domain::events::{CancelReason, PersonalInfo};
use crate::domain::seat_assignments::AssignmentsCommand;
use crate::domain::validation::normalize_code;
use crate::domain::{AggregateCommand, Field, Message};
use std::ops::Deref;

/// An order found by its code: its status (the door refuses unpaid,
/// expired and rejected orders) and its seats (none unless paid).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DoorOrder {
    /// The order.
    pub order_id: OrderId,
    /// Its code.
    pub order_code: String,
    /// Its status as of now.
    pub status: OrderStatusView,
    /// The registrant, if given.
    pub registrant: Option<PersonalInfo>,
    /// Its purchased seats, by position.
    pub seats: Vec<PurchasedSeat>,
}

/// The seats an attendee search found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DoorMatches {
    /// The first matches, in list order.
    pub seats: Vec<PurchasedSeat>,
    /// How many seats matched in all.
    pub total: usize,
    /// How many of all the matches are checked in.
    pub checked_in: usize,
    /// Orders without seats the search found by their registrant's name
    /// or e-mail or their code (at most `limit`), each with its reason.
    pub orders: Vec<DoorBlockedOrder>,
}

/// An order a search found that nobody can check in with: not paid yet,
/// expired or rejected (it has no seats), with why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DoorBlockedOrder {
    /// Its code.
    pub order_code: String,
    /// Its status as of now.
    pub status: OrderStatusView,
    /// The registrant, if given.
    pub registrant: Option<PersonalInfo>,
    /// Why it can't check in: the check-in's own refusal ("Order {code}
    /// is not paid").
    pub reason: Message,
}

/// The name typed at the door for an unassigned seat.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DoorAttendee {
    /// Given name.
    pub first_name: String,
    /// Family name.
    pub last_name: String,
    /// E-mail, if the attendee gave one.
    pub email: Option<String>,
}

/// Where `order` stands at the door at `now`: its status, and for an
/// order the organizer cancelled, when (the door's refusal names it).
fn standing_of(order: &OrderView, now: chrono::DateTime<chrono::Utc>) -> OrderStanding {
    match (order.status_at(now), order.cancelled) {
        (OrderStatusView::Cancelled, Some(c)) if c.reason == CancelReason::ByOrganizer => {
            OrderStanding::CancelledByOrganizer(c.at)
        }
        (status, _) => standing(status),
    }
}

fn standing(status: OrderStatusView) -> OrderStanding {
    match status {
        OrderStatusView::Confirmed => OrderStanding::Confirmed,
        OrderStatusView::Expired => OrderStanding::Expired,
        OrderStatusView::Rejected => OrderStanding::Rejected,
        OrderStatusView::Cancelled => OrderStanding::Cancelled,
        OrderStatusView::PendingReservation
        | OrderStatusView::PartiallyReserved
        | OrderStatusView::ReservationCompleted => OrderStanding::Unpaid,
    }
}

/// The door's service: reads through `&Journal` ([`crate::app::Desk::door`]),
/// check-ins through `&mut Journal` ([`crate::app::Desk::door_mut`]).
pub struct Door<J> {
    journal: J,
}

impl<J: Deref<Target = Journal>> Door<J> {
    /// The service over `journal`.
    pub(crate) fn new(journal: J) -> Self {
        Self { journal }
    }

    /// The order with code `order_code` in the staff's conference.
    pub fn door_find_order(
        &self,
        access: &ConferenceAccess,
        order_code: &str,
    ) -> Result<DoorOrder, AppError> {
        let order = self.door_order_view(access, order_code)?;
        let (read, now) = (self.journal.read_models(), self.journal.now());
        Ok(DoorOrder {
            order_id: order.id,
            order_code: order.access_code.clone(),
            status: order.status_at(now),
            registrant: order.registrant.clone(),
            seats: read.order_seats(order, now),
        })
    }

    /// The staff conference's seats whose attendee name (either order),
    /// e-mail, order code or seat type contains `query` (ignoring accents
    /// and case, [`crate::app::projections::search_key`]; "unassigned"
    /// finds the unnamed seats), in the Attendees tab's order: the first
    /// `limit` of them, with how many matched in all; and the first `limit`
    /// orders without seats (not paid, expired, rejected) found by their
    /// registrant or code, each with why it can't check in. Call it when the query changes,
    /// not every frame: it builds up to `limit` rows.
    pub fn door_search<'q>(
        &self,
        access: &ConferenceAccess,
        query: impl Into<SeatQuery<'q>>,
        limit: usize,
    ) -> DoorMatches {
        if require(self.journal.write_model(), access, Right::Door).is_err() {
            return DoorMatches::default();
        }
        let (read, now) = (self.journal.read_models(), self.journal.now());
        let query = query.into();
        let matches = read.attendees.filter(access.conference(), query);
        let orders = read
            .attendees
            .orders_without_seats(access.conference(), query)
            .into_iter()
            .filter_map(|id| read.orders.get(id))
            .filter_map(|o| {
                let status = o.status_at(now);
                let reason = why_not_admitted(&o.access_code, standing_of(o, now))?;
                Some(DoorBlockedOrder {
                    order_code: o.access_code.clone(),
                    status,
                    registrant: o.registrant.clone(),
                    reason,
                })
            })
            .take(limit)
            .collect();
        let seats = matches
            .rows
            .iter()
            .take(limit)
            .filter_map(|seat| read.purchased_seat(*seat, now))
            .collect();
        DoorMatches {
            seats,
            total: matches.rows.len(),
            checked_in: matches.checked_in,
            orders,
        }
    }

    /// Seats checked in / confirmed per seat type of the staff's conference.
    pub fn check_in_counts(&self, access: &ConferenceAccess) -> &[CheckInCount] {
        if require(self.journal.write_model(), access, Right::Door).is_err() {
            return &[];
        }
        self.journal
            .read_models()
            .check_ins
            .counts(access.conference())
    }

    fn door_order_view(
        &self,
        access: &ConferenceAccess,
        order_code: &str,
    ) -> Result<&OrderView, AppError> {
        require(self.journal.write_model(), access, Right::Door)?;
        let conference = access.conference();
        let code = normalize_code(order_code);
        self.journal
            .write_model()
            .order_codes
            .get(&code)
            .and_then(|id| self.journal.read_models().orders.get(*id))
            .filter(|o| o.conference_id == conference)
            .ok_or_else(|| {
                AppError::NotFound(
                    Message::new("no order {code} in this conference").text("code", code.clone()),
                )
            })
    }

    fn door_facts(&self, order: &OrderView) -> OrderFacts {
        OrderFacts {
            order_code: order.access_code.clone(),
            standing: standing_of(order, self.journal.now()),
            seats: order
                .positions
                .iter()
                .map(|p| SeatFact {
                    seat_type: p.seat_type,
                    assigned: p.attendee.is_some(),
                })
                .collect(),
        }
    }

    fn door_seat(&self, seat: SeatRef) -> Result<PurchasedSeat, AppError> {
        self.journal
            .read_models()
            .purchased_seat(seat, self.journal.now())
            .ok_or_else(|| AppError::NotFound(Message::new("seat not found")))
    }
}

impl Door<&mut Journal> {
    /// Checks in the attendee of seat `position` of order `order_code`.
    /// For an unassigned seat give `name`: the seat is assigned and checked
    /// in by one append. Refused: a second check-in
    /// ([`AppError::AlreadyCheckedIn`]), an order not paid, expired or
    /// rejected, a position outside the order, an unassigned seat without a
    /// name, and a name for a seat that already has an attendee.
    pub fn check_in(
        &mut self,
        access: &ConferenceAccess,
        order_code: &str,
        position: u32,
        name: Option<DoorAttendee>,
    ) -> Result<PurchasedSeat, AppError> {
        let order = self.door_order_view(access, order_code)?;
        let order_id = order.id;
        let mut facts = self.door_facts(order);
        let mut commands = Vec::new();
        let seat = usize::try_from(position)
            .ok()
            .and_then(|p| facts.seats.get_mut(p));
        if let (Some(name), Some(seat)) = (name, seat)
            && facts.standing == OrderStanding::Confirmed
        {
            if seat.assigned {
                return Err(AppError::field(
                    Field::AttendeeName,
                    Message::new(
                        "seat {position} of order {code} already has an attendee: check in without a name",
                    )
                    .count("position", position)
                    .text("code", facts.order_code.clone()),
                ));
            }
            seat.assigned = true;
            commands.push(AggregateCommand::Assignments(
                order_id,
                AssignmentsCommand::AssignSeatAtDoor {
                    position,
                    first_name: name.first_name,
                    last_name: name.last_name,
                    email: name.email.filter(|e| !e.trim().is_empty()),
                },
            ));
        }
        let at = self.journal.now();
        commands.push(AggregateCommand::CheckIn(
            order_id,
            CheckInCommand::CheckInAttendee {
                position,
                at,
                order: facts,
                by: access.actor(),
            },
        ));
        self.journal.commit(commands)?;
        self.door_seat(SeatRef { order_id, position })
    }

    /// Records a check-in this or another door made while the server was
    /// unreachable (see [`crate::app::door_queue`]). Returns whether it was
    /// written: `false` when the log already holds this check-in id (an
    /// upload retried after its answer was lost). A seat already checked in
    /// is recorded as a duplicate, not refused. Refused: an order of
    /// another conference or unknown here ([`AppError::NotFound`]), an
    /// order that is not paid, a position outside the order.
    pub fn record_offline_check_in(
        &mut self,
        access: &ConferenceAccess,
        check_in: &OfflineCheckIn,
    ) -> Result<bool, AppError> {
        require(self.journal.write_model(), access, Right::Door)?;
        let order = self
            .journal
            .read_models()
            .orders
            .get(check_in.order_id)
            .filter(|o| o.conference_id == access.conference())
            .ok_or_else(|| {
                AppError::NotFound(
                    Message::new("no order {code} in this conference")
                        .text("code", check_in.order_code.clone()),
                )
            })?;
        let order_id = order.id;
        let facts = self.door_facts(order);
        let written = self.journal.commit(vec![AggregateCommand::CheckIn(
            order_id,
            CheckInCommand::RecordOfflineCheckIn {
                check_in_id: check_in.id,
                position: check_in.position,
                at: check_in.at,
                door: check_in.door.clone(),
                order: facts,
                by: check_in.by,
            },
        )])?;
        Ok(!written.is_empty())
    }

    /// Takes back the check-in of seat `position` of order `order_code`;
    /// refused when that seat is not checked in.
    pub fn undo_check_in(
        &mut self,
        access: &ConferenceAccess,
        order_code: &str,
        position: u32,
    ) -> Result<PurchasedSeat, AppError> {
        let order = self.door_order_view(access, order_code)?;
        let order_id = order.id;
        let facts = self.door_facts(order);
        self.journal.commit(vec![AggregateCommand::CheckIn(
            order_id,
            CheckInCommand::UndoCheckIn {
                position,
                order: facts,
                by: access.actor(),
            },
        )])?;
        self.door_seat(SeatRef { order_id, position })
    }
}
