//! User actions as values: one [`UserCommand`] per thing a person can do
//! that changes the log, carrying resolved, typed values (ids, keys,
//! parsed dates), and [`Desk::run`], which carries one out and says what
//! happened as an [`Outcome`].
//!
//! Why values: the window collects them while it draws and runs them after
//! the frame (no screen changes the desk while drawing), the CLI builds the
//! same values from what was typed, and a value can be run again later —
//! after the desk caught up with other desks, it decides afresh on the
//! state it finds then (a `PlaceOrder` on a sold-out seat type reserves
//! what is left). Reads stay direct calls: only changes are values.
//!
//! Access checks are values too ([`UserCommand::OpenConference`],
//! [`UserCommand::AuthorizeOrganizer`], [`UserCommand::FindOrder`]): they
//! look like reads, but every try is counted in the access file (five wrong
//! codes lock), so they change the desk. As values the window's screens
//! draw from a `&Desk` alone — the type system proves that no screen
//! changes anything while drawing — and a try is counted once per submit,
//! when the value runs after the frame, never once per frame drawn. The
//! CLI calls the same checks directly ([`Desk::authorize_organizer`],
//! `open_order`): one process makes one try, and it needs the access
//! before it can build the value it runs.

use crate::app::check_in::DoorAttendee;
use crate::app::door_queue::OfflineCheckIn;
use crate::app::projections::PurchasedSeat;
use crate::app::registration::SeatLine;
use crate::app::{AppError, ConferenceAccess, Desk, OrderKey, OrganizerKey};
use crate::app::{SeatTypeChanges, SeatTypeDraft};
use crate::domain::Message;
use crate::domain::events::PaymentMethod;
use crate::domain::events::{ConferenceInfo, PersonalInfo};
use crate::domain::{ConferenceId, Money, OrderId, PaymentId, SeatTypeId};

/// What proves the organizer or door staff may act on a conference: the
/// capability the access guard granted (the window keeps the one it got
/// when the conference was opened, the CLI gets one per command), so a
/// value re-run later is not checked or counted again.
pub type Access = ConferenceAccess;

/// One user action that changes the log (or, for an access check, the
/// access file's counts of wrong tries). Build it, then hand it to
/// [`Desk::run`]; nothing happens until then.
#[must_use = "a command does nothing until it is run"]
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UserCommand {
    /// Create a conference (its access code is drawn when it runs).
    CreateConference(ConferenceInfo),
    /// Replace a conference's details.
    UpdateConference {
        /// Who asks.
        access: Access,
        /// The new details.
        input: ConferenceInfo,
    },
    /// Publish (`true`) or unpublish (`false`).
    SetPublished {
        /// Who asks.
        access: Access,
        /// Visible to registrants afterwards.
        published: bool,
    },
    /// Add a seat type.
    AddSeatType {
        /// Who asks.
        access: Access,
        /// Its name, description, quota and price as typed.
        draft: SeatTypeDraft,
    },
    /// Change a seat type; unset fields keep their values.
    UpdateSeatType {
        /// Who asks.
        access: Access,
        /// The seat type to change.
        seat_type: SeatTypeId,
        /// What changes.
        changes: SeatTypeChanges,
    },
    /// Remove a seat type none of whose seats is reserved or sold.
    RemoveSeatType {
        /// Who asks.
        access: Access,
        /// The seat type to remove.
        seat_type: SeatTypeId,
    },
    /// Ask for seats of a published conference.
    PlaceOrder {
        /// The conference.
        conference: ConferenceId,
        /// Seat types and quantities, each seat type once.
        seats: Vec<SeatLine>,
    },
    /// Change an unpaid order's quantities (listed lines change, others stay).
    UpdateOrder {
        /// The order.
        order: OrderKey,
        /// New quantities, each seat type once.
        seats: Vec<SeatLine>,
    },
    /// Cancel an unpaid order at the desk: its seats go back at once.
    CancelOrder {
        /// The order.
        order: OrderKey,
    },
    /// Record who is buying.
    AssignRegistrant {
        /// The order.
        order: OrderKey,
        /// The registrant.
        person: PersonalInfo,
    },
    /// Take the payment: accepted (`true`) or rejected by the desk.
    Pay {
        /// The order.
        order: OrderKey,
        /// Whether the desk accepts it.
        accept: bool,
    },
    /// Name the attendee of a purchased seat.
    AssignSeat {
        /// The order.
        order: OrderKey,
        /// The seat, counting from 0.
        position: u32,
        /// The attendee.
        person: PersonalInfo,
    },
    /// Empty a purchased seat.
    UnassignSeat {
        /// The order.
        order: OrderKey,
        /// The seat, counting from 0.
        position: u32,
    },
    /// Check a seat's attendee in at the door (naming an unassigned seat).
    CheckIn {
        /// Who asks.
        access: Access,
        /// The order's code.
        order_code: String,
        /// The seat, counting from 0.
        position: u32,
        /// The name for an unassigned seat.
        attendee: Option<DoorAttendee>,
    },
    /// Take a mistaken check-in back.
    UndoCheckIn {
        /// Who asks.
        access: Access,
        /// The order's code.
        order_code: String,
        /// The seat, counting from 0.
        position: u32,
    },
    /// Record a check-in an offline door made (uploading the door's
    /// queue): written once per check-in id, however often it is sent.
    RecordOfflineCheckIn {
        /// Who asks.
        access: Access,
        /// The check-in as the door queued it.
        check_in: OfflineCheckIn,
    },
    /// "Open my conference" with the owner e-mail and access code alone
    /// (a wrong code counts against every conference of that e-mail).
    OpenConference {
        /// The owner e-mail, as typed.
        email: String,
        /// The conference's access code, as typed.
        access_code: String,
    },
    /// Check an organizer's key again (the created conference opened, desk
    /// mode left); a wrong code counts towards the lock.
    AuthorizeOrganizer(OrganizerKey),
    /// "Find my order": the registrant's e-mail and the order code (five
    /// misses with one e-mail lock its look-ups).
    FindOrder {
        /// The registrant's e-mail, as typed.
        email: String,
        /// The order code, as typed.
        order_code: String,
    },
    /// Give every confirmed order of the conference that has no tickets
    /// (paid before tickets existed) its tickets; the others keep theirs.
    IssueMissingTickets {
        /// Who asks.
        access: Access,
    },
    /// Check in exactly the seat of a ticket (naming it if unassigned).
    CheckInTicket {
        /// Who asks.
        access: Access,
        /// The ticket code, as typed or scanned.
        ticket: String,
        /// The name for an unassigned seat.
        attendee: Option<DoorAttendee>,
    },
    /// Make a staff code (the organizer's access only).
    CreateStaffCode {
        /// Who asks.
        access: Access,
        /// Door or desk.
        role: crate::domain::staff_code::StaffRole,
        /// Its label as typed ("Door 2").
        label: String,
    },
    /// Revoke a staff code (the organizer's access only).
    RevokeStaffCode {
        /// Who asks.
        access: Access,
        /// The code.
        staff_code: crate::domain::staff_code::StaffCodeId,
    },
    /// Open a conference with a slug and a staff code (wrong staff codes
    /// count apart from the organizer's); answers `Authorized`.
    OpenWithStaffCode(crate::app::StaffKey),
    /// Sell seats at a desk opened with a desk staff code (or the
    /// organizer's): like `PlaceOrder`, recording who sold it.
    Sell {
        /// Who sells.
        access: Access,
        /// Seat types and quantities, each seat type once.
        seats: Vec<SeatLine>,
    },
    /// Add a discount code to the conference (issue 18.7).
    AddDiscountCode {
        /// Who asks.
        access: Access,
        /// The code as typed.
        draft: crate::app::DiscountDraft,
    },
    /// No new uses of a discount code.
    RevokeDiscountCode {
        /// Who asks.
        access: Access,
        /// The code (any case).
        code: String,
    },
    /// [`UserCommand::PlaceOrder`] with a discount code, in one action: a
    /// refused code places nothing.
    PlaceDiscountedOrder {
        /// The conference.
        conference: ConferenceId,
        /// Seat types and quantities, each seat type once.
        seats: Vec<SeatLine>,
        /// The discount code, as typed.
        code: String,
    },
    /// Apply a discount code to an unpaid order: its lines are priced again.
    ApplyDiscount {
        /// The order.
        order: OrderKey,
        /// The discount code, as typed.
        code: String,
    },
    /// Take an order's payment, accepted and taken by `method`.
    PayWith {
        /// The order.
        order: OrderKey,
        /// How it was paid.
        method: PaymentMethod,
    },
    /// The organizer cancels an order, paid or not: its seats go back at once.
    CancelOrderByOrganizer {
        /// Who asks.
        access: Access,
        /// The order.
        order: OrderId,
    },
    /// The organizer records a refund of an order's payment.
    RefundPayment {
        /// Who asks.
        access: Access,
        /// The order.
        order: OrderId,
        /// How much goes back.
        amount: Money,
        /// How it is paid out.
        method: PaymentMethod,
    },
}

/// What a command did, with what the asker needs next.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// A conference was created.
    ConferenceCreated {
        /// Its id.
        id: ConferenceId,
        /// Its access code (shown once).
        access_code: String,
    },
    /// A seat type was added.
    SeatTypeAdded(SeatTypeId),
    /// An order was placed; the key reaches it.
    OrderPlaced(OrderKey),
    /// A payment was taken (accepted or rejected as asked).
    Paid(PaymentId),
    /// A seat was checked in, or its check-in taken back: the seat now.
    Door(Box<PurchasedSeat>),
    /// An offline door's check-in was uploaded: `written` is false when
    /// the log already held it (a retried upload), which is success too.
    OfflineCheckInRecorded {
        /// The check-in's id.
        check_in_id: uuid::Uuid,
        /// Whether this run wrote it.
        written: bool,
    },
    /// The change was made; nothing new to hand back.
    Done,
    /// An access check passed: the key that opened the conference (desk
    /// mode asks for its code again) and the access it grants.
    ConferenceOpened {
        /// The key, with the slug of the conference it opened.
        key: OrganizerKey,
        /// What the organizer and the door may now do.
        access: Access,
    },
    /// An organizer's key was checked and is right.
    Authorized(Access),
    /// "Find my order" found this order.
    OrderFound(OrderKey),
    /// The missing tickets were issued: for this many orders.
    TicketsIssued(usize),
    /// A staff code was made: the code is in it, shown once.
    StaffCodeCreated(crate::app::NewStaffCode),
    /// A discount code was added: the code as stored (in capitals).
    DiscountCodeAdded(String),
}

impl Outcome {
    /// The refusal for an outcome of another kind than the caller's value
    /// answers with: a bug in [`Desk::run`], reported (exit 1), not a panic.
    pub fn unexpected(expected: &'static str) -> AppError {
        AppError::Internal(
            Message::new("an action answered with another outcome than {expected}")
                .text("expected", expected),
        )
    }
}

impl Desk {
    /// Runs one user action on the desk's current state: the same value
    /// run later (after the state changed) decides afresh. On a shared log
    /// the desk first takes in what other desks appended, so an order
    /// another desk placed a moment ago is found here too; when the server
    /// cannot be reached the action runs on the last-known state (a read or
    /// an access check still works; a change fails at its append).
    pub fn run(&mut self, command: UserCommand) -> Result<Outcome, AppError> {
        match self.catch_up() {
            Err(AppError::Store(e)) if e.is_connection() => {}
            other => {
                other?;
            }
        }
        self.dispatch(command)
    }

    fn dispatch(&mut self, command: UserCommand) -> Result<Outcome, AppError> {
        use UserCommand as C;
        let done = |()| Outcome::Done;
        match command {
            C::CreateConference(input) => self
                .organizer_mut()
                .create_conference(input)
                .map(|(id, access_code)| Outcome::ConferenceCreated { id, access_code }),
            C::UpdateConference { access, input } => self
                .organizer_mut()
                .update_conference(&access, input)
                .map(done),
            C::SetPublished { access, published } => self
                .organizer_mut()
                .set_published(&access, published)
                .map(done),
            C::AddSeatType { access, draft } => self
                .organizer_mut()
                .add_seat_type(&access, draft)
                .map(Outcome::SeatTypeAdded),
            C::UpdateSeatType {
                access,
                seat_type,
                changes,
            } => self
                .organizer_mut()
                .update_seat_type(&access, seat_type, changes)
                .map(done),
            C::RemoveSeatType { access, seat_type } => self
                .organizer_mut()
                .remove_seat_type(&access, seat_type)
                .map(done),
            C::PlaceOrder { conference, seats } => self
                .registration_mut()
                .place_order(conference, &seats)
                .map(Outcome::OrderPlaced),
            C::UpdateOrder { order, seats } => self
                .registration_mut()
                .update_order(&order, &seats)
                .map(done),
            C::CancelOrder { order } => self.registration_mut().cancel_order(&order).map(done),
            C::AssignRegistrant { order, person } => self
                .registration_mut()
                .assign_registrant(&order, &person.first_name, &person.last_name, &person.email)
                .map(done),
            C::Pay { order, accept } => self
                .registration_mut()
                .pay(&order, accept)
                .map(Outcome::Paid),
            C::PayWith { order, method } => self
                .registration_mut()
                .pay_with(&order, method)
                .map(Outcome::Paid),
            C::CancelOrderByOrganizer { access, order } => {
                self.organizer_mut().cancel_order(&access, order).map(done)
            }
            C::RefundPayment {
                access,
                order,
                amount,
                method,
            } => self
                .organizer_mut()
                .refund_payment(&access, order, amount, method)
                .map(Outcome::Paid),
            C::AssignSeat {
                order,
                position,
                person,
            } => self
                .registration_mut()
                .assign_seat(
                    &order,
                    position,
                    &person.first_name,
                    &person.last_name,
                    &person.email,
                )
                .map(done),
            C::UnassignSeat { order, position } => self
                .registration_mut()
                .unassign_seat(&order, position)
                .map(done),
            C::CheckIn {
                access,
                order_code,
                position,
                attendee,
            } => self
                .door_mut()
                .check_in(&access, &order_code, position, attendee)
                .map(|seat| Outcome::Door(Box::new(seat))),
            C::UndoCheckIn {
                access,
                order_code,
                position,
            } => self
                .door_mut()
                .undo_check_in(&access, &order_code, position)
                .map(|seat| Outcome::Door(Box::new(seat))),
            C::RecordOfflineCheckIn { access, check_in } => self
                .door_mut()
                .record_offline_check_in(&access, &check_in)
                .map(|written| Outcome::OfflineCheckInRecorded {
                    check_in_id: check_in.id,
                    written,
                }),
            C::OpenConference { email, access_code } => self
                .open_conference(&email, &access_code)
                .map(|(key, access)| Outcome::ConferenceOpened { key, access }),
            C::AuthorizeOrganizer(key) => self.authorize_organizer(&key).map(Outcome::Authorized),
            C::FindOrder { email, order_code } => self
                .registration_mut()
                .find_order(&email, &order_code)
                .map(Outcome::OrderFound),
            C::IssueMissingTickets { access } => self
                .tickets_mut()
                .issue_missing(&access)
                .map(Outcome::TicketsIssued),
            C::CheckInTicket {
                access,
                ticket,
                attendee,
            } => self
                .tickets_mut()
                .check_in(&access, &ticket, attendee)
                .map(|seat| Outcome::Door(Box::new(seat))),
            C::CreateStaffCode {
                access,
                role,
                label,
            } => self
                .organizer_mut()
                .create_staff_code(&access, role, &label)
                .map(Outcome::StaffCodeCreated),
            C::RevokeStaffCode { access, staff_code } => self
                .organizer_mut()
                .revoke_staff_code(&access, staff_code)
                .map(done),
            C::OpenWithStaffCode(key) => self.authorize_staff(&key).map(Outcome::Authorized),
            C::Sell { access, seats } => self
                .registration_mut()
                .sell(&access, &seats)
                .map(Outcome::OrderPlaced),
            C::AddDiscountCode { access, draft } => self
                .add_discount_code(&access, &draft)
                .map(Outcome::DiscountCodeAdded),
            C::RevokeDiscountCode { access, code } => {
                self.revoke_discount_code(&access, &code).map(done)
            }
            C::PlaceDiscountedOrder {
                conference,
                seats,
                code,
            } => self
                .registration_mut()
                .place_order_with_discount(conference, &seats, Some(&code))
                .map(Outcome::OrderPlaced),
            C::ApplyDiscount { order, code } => self
                .registration_mut()
                .apply_discount(&order, &code)
                .map(done),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_outcome_of_another_kind_is_an_internal_error_not_a_panic() {
        let e = Outcome::unexpected("Door");
        assert!(matches!(e, AppError::Internal(_)), "{e:?}");
        assert_eq!(
            e.to_string(),
            "internal error: an action answered with another outcome than Door"
        );
        assert_eq!(crate::cli::exit_code(&anyhow::Error::from(e)), 1);
    }
}
