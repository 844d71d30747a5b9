//! What a registrant does at the desk: pick a published conference, ask for
//! seats, adjust, give their details, pay (the desk accepts or rejects) or
//! cancel the unpaid order (its seats go back at once), and name the
//! attendees. Everything after placing needs the order's code.
//! All of it is the [`Registration`] service over the journal; the access
//! guard comes along for the actions, which count wrong order codes.

use crate::app::AppError;
use crate::app::auth::{AccessGuard, ORDER_DENIED, OrderKey, draw_code};
use crate::app::auth::{ConferenceAccess, Right, require};
use crate::app::journal::Journal;
use crate::app::organizer::Organizer;
use crate::app::projections::{ConferenceView, OrderStatusView, OrderView};
use crate::domain::AggregateCommand;
use crate::domain::events::{CancelReason, PaymentMethod, SeatQuantity};
use crate::domain::order::OrderCommand;
use crate::domain::payment::PaymentCommand;
use crate::domain::seat_assignments::AssignmentsCommand;
use crate::domain::staff_code::Actor;
use crate::domain::validation::{self as v, ORDER_CODE_LEN, constant_time_eq};
use crate::domain::{
    ConferenceId, Field, FieldError, Message, Money, OrderId, PaymentId, SeatTypeId,
};
use std::ops::Deref;
use uuid::Uuid;

/// One line of an order as asked for: a seat type and how many of its
/// seats (names were resolved at the edge: the CLI's resolve step, or the
/// window, which holds the ids it shows).
pub type SeatLine = (SeatTypeId, u32);

/// The registrant's service: reads through `&Journal`
/// ([`crate::app::Desk::registration`]), actions through `&mut Journal`
/// with the access guard, which counts order codes
/// ([`crate::app::Desk::registration_mut`]).
pub struct Registration<J, G> {
    journal: J,
    guard: G,
}

impl<J: Deref<Target = Journal>, G> Registration<J, G> {
    /// The service over `journal`, counting codes in `guard`.
    pub(crate) fn new(journal: J, guard: G) -> Self {
        Self { journal, guard }
    }

    /// Published conferences with their seat types and seats left.
    pub fn published_conferences(&self) -> Vec<ConferenceView> {
        self.journal.read_models().conferences.published()
    }

    /// The order, for a key this desk already opened (the window re-reads
    /// its order every frame, so nothing is counted or read from disk
    /// here): the code is still compared, but a typed key goes through
    /// [`Registration::open_order`].
    pub fn order(&self, key: &OrderKey) -> Result<OrderView, AppError> {
        let denied = || AppError::NotFound(ORDER_DENIED.into());
        let order = self
            .journal
            .read_models()
            .orders
            .get(key.order_id)
            .ok_or_else(denied)?;
        if constant_time_eq(&v::normalize_code(&key.access_code), &order.access_code) {
            Ok(order.clone())
        } else {
            Err(denied())
        }
    }

    /// The order with `code` (already read as meant) whose registrant's
    /// e-mail is `email`.
    fn match_order(&self, email: &str, code: &str) -> Option<OrderKey> {
        let order_id = *self.journal.write_model().order_codes.get(code)?;
        let order = self.journal.read_models().orders.get(order_id)?;
        let email_ok = order
            .registrant
            .as_ref()
            .is_some_and(|r| r.email.eq_ignore_ascii_case(email.trim()));
        email_ok.then(|| OrderKey {
            order_id,
            access_code: code.to_string(),
        })
    }

    /// Seat type name of an order line (names can change after ordering).
    pub fn seat_type_name(
        &self,
        order: &OrderView,
        seat_type: crate::domain::SeatTypeId,
    ) -> String {
        self.journal
            .read_models()
            .conferences
            .seat_name(order.conference_id, seat_type)
            .unwrap_or("?")
            .to_string()
    }

    fn fresh_order_code(&self) -> String {
        loop {
            let code = draw_code(ORDER_CODE_LEN);
            if !self.journal.write_model().order_codes.contains_key(&code) {
                return code;
            }
        }
    }
}

impl Registration<&mut Journal, &mut AccessGuard> {
    /// Places an order for seats of the published conference `conference`;
    /// returns the key (id and access code) that reaches it.
    pub fn place_order(
        &mut self,
        conference: ConferenceId,
        seats: &[SeatLine],
    ) -> Result<OrderKey, AppError> {
        self.place_order_by(conference, seats, Actor::Registrant, None)
    }

    /// [`Registration::place_order`] redeeming the discount code `code`
    /// (issue 18.7) in the same action: a refused code (unknown, revoked,
    /// expired, used up) places nothing.
    pub fn place_order_with_discount(
        &mut self,
        conference: ConferenceId,
        seats: &[SeatLine],
        code: Option<&str>,
    ) -> Result<OrderKey, AppError> {
        self.place_order_by(conference, seats, Actor::Registrant, code)
    }

    /// Places an order at a desk opened with `access` (a desk staff code,
    /// or the organizer's): the order records who sold it. Refused for a
    /// door code, or a staff code revoked since.
    pub fn sell(
        &mut self,
        access: &ConferenceAccess,
        seats: &[SeatLine],
    ) -> Result<OrderKey, AppError> {
        require(self.journal.write_model(), access, Right::Sell)?;
        self.place_order_by(access.conference(), seats, access.actor(), None)
    }

    /// [`Registration::place_order`], recording `by` in `OrderPlaced` and
    /// redeeming `code` if given.
    fn place_order_by(
        &mut self,
        conference: ConferenceId,
        seats: &[SeatLine],
        by: Actor,
        code: Option<&str>,
    ) -> Result<OrderKey, AppError> {
        self.journal.tick()?;
        let conferences = &self.journal.read_models().conferences;
        let conference = conferences
            .get(conference)
            .filter(|c| c.published)
            .ok_or_else(|| {
                let slug = conferences
                    .get(conference)
                    .map_or_else(|| conference.to_string(), |c| c.info.slug);
                AppError::NotFound(
                    Message::new("no published conference has the slug '{slug}'")
                        .text("slug", slug),
                )
            })?;
        let seats = merge_lines(&conference, seats, &[])?;
        let order_id = OrderId(Uuid::now_v7());
        let access_code = self.fresh_order_code();
        let cmd = OrderCommand::RegisterToConference {
            conference_id: conference.id,
            seats,
            access_code: access_code.clone(),
            reservation_auto_expiration: self.journal.now()
                + self.journal.settings().reservation_window,
            by,
        };
        let mut commands = vec![AggregateCommand::Order(order_id, cmd)];
        if let Some(code) = code {
            commands.push(self.redeem(conference.id, order_id, code)?);
        }
        self.journal.commit(commands)?;
        Ok(OrderKey {
            order_id,
            access_code,
        })
    }

    /// Changes quantities of an unpaid order: listed lines change, others stay
    /// (a quantity of 0 drops a line). The reservation is made again and its
    /// expiry restarts.
    pub fn update_order(&mut self, key: &OrderKey, seats: &[SeatLine]) -> Result<(), AppError> {
        self.journal.tick()?;
        let order = self.open_order(key)?;
        let conference = Organizer::new(&*self.journal).conference_view(order.conference_id)?;
        let current: Vec<SeatQuantity> = order
            .lines
            .iter()
            .map(|l| SeatQuantity {
                seat_type: l.seat_type,
                quantity: l.requested,
            })
            .collect();
        let seats = merge_lines(&conference, seats, &current)?;
        let cmd = OrderCommand::RegisterToConference {
            conference_id: conference.id,
            seats,
            access_code: order.access_code.clone(),
            reservation_auto_expiration: self.journal.now()
                + self.journal.settings().reservation_window,
            // An update records nobody: `OrderUpdated` has no `by`.
            by: Actor::Unknown,
        };
        self.journal
            .commit(vec![AggregateCommand::Order(key.order_id, cmd)])?;
        Ok(())
    }

    /// Records who is buying.
    pub fn assign_registrant(
        &mut self,
        key: &OrderKey,
        first_name: &str,
        last_name: &str,
        email: &str,
    ) -> Result<(), AppError> {
        self.journal.tick()?;
        self.open_order(key)?;
        let cmd = OrderCommand::AssignRegistrantDetails {
            first_name: first_name.into(),
            last_name: last_name.into(),
            email: email.into(),
        };
        self.journal
            .commit(vec![AggregateCommand::Order(key.order_id, cmd)])?;
        Ok(())
    }

    /// Takes the payment of an order: the desk accepts (`true`: the order is
    /// confirmed and its seats are sold) or rejects it (`false`: the order
    /// stays reserved until it expires). Returns the payment id.
    /// An accepted payment is recorded with the method a desk would
    /// assume when none is named: free for a zero total (the only one it
    /// allows), cash otherwise ([`Registration::pay_with`] names one).
    pub fn pay(&mut self, key: &OrderKey, accept: bool) -> Result<PaymentId, AppError> {
        self.take_payment(key, accept.then_some(None))
    }

    /// Takes the payment of an order, accepted and taken by `method`
    /// (free only for a zero total, and the only method for one): the
    /// order is confirmed and its seats are sold. Returns the payment id.
    pub fn pay_with(
        &mut self,
        key: &OrderKey,
        method: PaymentMethod,
    ) -> Result<PaymentId, AppError> {
        self.take_payment(key, Some(Some(method)))
    }

    /// `accept`: None rejects; Some(None) accepts with the default method.
    fn take_payment(
        &mut self,
        key: &OrderKey,
        accept: Option<Option<PaymentMethod>>,
    ) -> Result<PaymentId, AppError> {
        self.journal.tick()?;
        let order = self.open_order(key)?;
        match order.status {
            OrderStatusView::Confirmed => {
                return Err(AppError::Conflict(Message::new(
                    "the order is already paid",
                )));
            }
            OrderStatusView::Expired | OrderStatusView::Rejected => {
                return Err(AppError::Conflict(Message::new(
                    "the order has expired: its seats were released; place a new order",
                )));
            }
            OrderStatusView::Cancelled => {
                return Err(AppError::Conflict(Message::new(
                    "the order was cancelled: its seats were released; place a new order",
                )));
            }
            _ => {}
        }
        if order.registrant.is_none() {
            return Err(FieldError::new(
                Field::Registrant,
                Message::new("first name, last name and e-mail are required before payment"),
            )
            .into());
        }
        let amount = order.total.ok_or_else(|| {
            AppError::Conflict(Message::new("the order's seats are not reserved yet"))
        })?;
        if order.lines.iter().all(|l| l.reserved == 0) {
            return Err(FieldError::new(
                Field::Seats,
                Message::new("none could be reserved: adjust the quantities first"),
            )
            .into());
        }
        let payment_id = PaymentId(Uuid::now_v7());
        let order_id = key.order_id;
        let decide = match accept {
            Some(method) => PaymentCommand::CompleteThirdPartyProcessorPayment {
                method: method.unwrap_or_else(|| default_method(Some(amount))),
            },
            None => PaymentCommand::CancelThirdPartyProcessorPayment,
        };
        self.journal.commit(vec![
            AggregateCommand::Payment(
                payment_id,
                PaymentCommand::InitiateThirdPartyProcessorPayment { order_id, amount },
            ),
            AggregateCommand::Payment(payment_id, decide),
        ])?;
        Ok(payment_id)
    }

    /// Cancels an unpaid order at the desk: the order says so and its
    /// seats go back on sale in the same action (the registration process
    /// releases them and ends, so its expiry never fires). A paid, expired
    /// or already cancelled order is refused (a conflict, exit 4). Due
    /// expiries are written first, so an order whose time ran out is
    /// refused as expired rather than cancelled.
    pub fn cancel_order(&mut self, key: &OrderKey) -> Result<(), AppError> {
        self.journal.tick()?;
        self.open_order(key)?;
        let cmd = OrderCommand::CancelOrder {
            reason: CancelReason::AtTheDesk,
        };
        self.journal
            .commit(vec![AggregateCommand::Order(key.order_id, cmd)])?;
        Ok(())
    }

    /// Names the attendee of a purchased seat (0-based position).
    pub fn assign_seat(
        &mut self,
        key: &OrderKey,
        position: u32,
        first_name: &str,
        last_name: &str,
        email: &str,
    ) -> Result<(), AppError> {
        let order = self.open_order(key)?;
        keep_checked_in_attendee(&order, position, Some(email))?;
        let cmd = AssignmentsCommand::AssignSeat {
            position,
            first_name: first_name.into(),
            last_name: last_name.into(),
            email: email.into(),
        };
        self.journal
            .commit(vec![AggregateCommand::Assignments(key.order_id, cmd)])?;
        Ok(())
    }

    /// Empties a purchased seat.
    pub fn unassign_seat(&mut self, key: &OrderKey, position: u32) -> Result<(), AppError> {
        let order = self.open_order(key)?;
        keep_checked_in_attendee(&order, position, None)?;
        self.journal.commit(vec![AggregateCommand::Assignments(
            key.order_id,
            AssignmentsCommand::UnassignSeat { position },
        )])?;
        Ok(())
    }

    /// The order behind a code someone typed (`order show/pay/…` with
    /// `--order` and `--access-code`, and every change to an order): the
    /// try is counted against the order, and five wrong codes in a row lock
    /// its look-ups — the right code included — for five minutes (shared
    /// with other processes through the access file). A code that cannot be
    /// one (wrong length, O, 0) is refused naming the field, uncounted; an
    /// unknown order gets the wrong code's answer and counts nowhere.
    pub fn open_order(&mut self, key: &OrderKey) -> Result<OrderView, AppError> {
        let code = v::access_code(Field::AccessCode, &key.access_code, ORDER_CODE_LEN)?;
        let matched = match self.journal.read_models().orders.get(key.order_id) {
            Some(order) => constant_time_eq(&code, &order.access_code),
            None => return Err(AppError::NotFound(ORDER_DENIED.into())),
        };
        let now = self.journal.now();
        self.guard.check_order(key.order_id, matched, now)?;
        self.order(key)
    }

    /// Finds an order by its registrant's e-mail and its code ("find my
    /// order"). Five misses in a row with one e-mail lock its look-ups for
    /// five minutes (shared with other processes through the access file).
    pub fn find_order(&mut self, email: &str, access_code: &str) -> Result<OrderKey, AppError> {
        let code = v::access_code(Field::OrderCode, access_code, ORDER_CODE_LEN)?;
        let now = self.journal.now();
        let found = self.match_order(email, &code);
        let allowed = self.guard.check_order_lookup(email, found.is_some(), now)?;
        found.filter(|_| allowed).ok_or_else(|| {
            AppError::NotFound(Message::new("no order matches that e-mail and order code"))
        })
    }

    /// Applies the discount code `code` to an unpaid order (issue 18.7):
    /// its use is counted on the conference's codes and the reserved lines
    /// are priced again; another code the order held is given back. A
    /// refused code (unknown, revoked, expired, used up) changes nothing.
    pub fn apply_discount(&mut self, key: &OrderKey, code: &str) -> Result<(), AppError> {
        self.journal.tick()?;
        let order = self.open_order(key)?;
        if !order.status.is_open() {
            return Err(AppError::Conflict(Message::new(
                "the order is no longer open: a discount code can no longer change it",
            )));
        }
        let redeem = self.redeem(order.conference_id, key.order_id, code)?;
        self.journal.commit(vec![redeem])?;
        Ok(())
    }

    /// RedeemDiscountCode for `order_id`, the code's shape checked first.
    fn redeem(
        &self,
        conference: ConferenceId,
        order_id: OrderId,
        code: &str,
    ) -> Result<AggregateCommand, AppError> {
        let code = crate::domain::discount::code_shape(code)?;
        let today = self.journal.settings().day_zone.day_of(self.journal.now());
        Ok(AggregateCommand::Discounts(
            conference,
            crate::domain::discount::DiscountCommand::RedeemDiscountCode {
                code,
                order_id,
                today,
            },
        ))
    }
}

/// The method an accepted payment is recorded with when nobody named one:
/// free for a zero total, cash (a desk's usual money) otherwise.
pub fn default_method(total: Option<Money>) -> PaymentMethod {
    match total {
        Some(t) if t.minor == 0 => PaymentMethod::Free,
        _ => PaymentMethod::Cash,
    }
}

/// Puts `lines` on top of `current` ones. A seat type given twice is
/// refused (naming it): adding the two or keeping the last would each
/// surprise someone, and every entry point (the CLI, the window, a script,
/// a command value run again) comes through here. The CLI's resolve step
/// states the same rules for what was typed, by name.
fn merge_lines(
    conference: &ConferenceView,
    lines: &[SeatLine],
    current: &[SeatQuantity],
) -> Result<Vec<SeatQuantity>, AppError> {
    let mut seats = current.to_vec();
    let mut errors = Vec::new();
    let mut named = Vec::new();
    for &(id, quantity) in lines {
        let Some(st) = conference.seat_types.iter().find(|s| s.id == id) else {
            errors.push(FieldError::new(
                Field::SeatType,
                Message::new("'{name}' is not a seat type of this conference").text("name", id),
            ));
            continue;
        };
        if named.contains(&st.id) {
            errors.push(FieldError::new(
                Field::Seats,
                Message::new("'{name}' is named more than once: give each seat type once")
                    .text("name", st.name.clone()),
            ));
            continue;
        }
        named.push(st.id);
        match seats.iter_mut().find(|s| s.seat_type == st.id) {
            Some(line) => line.quantity = quantity,
            None => seats.push(SeatQuantity {
                seat_type: st.id,
                quantity,
            }),
        }
    }
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    Ok(seats)
}

/// The amount of an order, for display: its total or zero.
pub fn order_total(order: &OrderView, fallback: crate::domain::Currency) -> Money {
    order.total.unwrap_or_else(|| Money::zero(fallback))
}

/// The rule for "already checked in; take the check-in back at the door
/// before giving the seat to someone else".
pub const SEAT_CHECKED_IN: &str =
    "already checked in: take the check-in back at the door before giving the seat to someone else";

/// A seat whose attendee was checked in at the door keeps that attendee: it
/// may be renamed (same e-mail, e.g. a typo), not emptied or given to
/// someone else, or the door's record would name a person who never came.
fn keep_checked_in_attendee(
    order: &OrderView,
    position: u32,
    new_email: Option<&str>,
) -> Result<(), AppError> {
    let Some(seat) = order.positions.get(position as usize) else {
        return Ok(()); // the aggregate refuses the position itself
    };
    if seat.checked_in_at.is_none() {
        return Ok(());
    }
    let same_person = match (new_email, &seat.attendee) {
        (Some(email), Some(a)) => a.email.eq_ignore_ascii_case(email.trim()),
        _ => false,
    };
    if same_person {
        return Ok(());
    }
    Err(AppError::Validation(vec![FieldError::new(
        Field::Seat(position.saturating_add(1)),
        Message::new(SEAT_CHECKED_IN),
    )]))
}
