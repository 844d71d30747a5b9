//! The RegistrationProcessManager: reacts to order, availability and payment
//! events with the next commands, and keeps its own state as events
//! (`RegistrationProcessStateChanged`) so a scheduled expiry survives a
//! restart. It has the [`Aggregate`] shape of the others (`decide` adds the
//! commands it sends, already addressed), so the cascade stages it like
//! any aggregate. Pure: `now` and the conference's prices arrive in the
//! command.

use crate::domain::events::{ProcessState, RegistrationProcessStateChanged};
use crate::domain::order::OrderCommand;
use crate::domain::seats_availability::AvailabilityCommand;
use crate::domain::{
    Aggregate, AggregateCommand, ConferenceId, Currency, Decision, DomainError, Event, Money,
    OrderId, SeatTypeId,
};
use chrono::{DateTime, Utc};

/// What the process manager is asked to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProcessCommand {
    /// React to an event about its order (see
    /// [`crate::domain::policies::process_for`]).
    React {
        /// The event (boxed: an event is much larger than an expiry).
        event: Box<Event>,
        /// When it happened.
        now: DateTime<Utc>,
        /// The order's conference's prices (the pricing service's answer):
        /// needed when seats were reserved, to price the order.
        pricing: Option<Pricing>,
    },
    /// ExpireRegistrationProcess: fires when the scheduled expiry is due.
    Expire {
        /// The time it fires at.
        now: DateTime<Utc>,
    },
}

/// A conference's unit prices, as the order is priced with them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pricing {
    /// Unit price per seat type.
    pub prices: Vec<(SeatTypeId, Money)>,
    /// The conference's currency.
    pub currency: Currency,
    /// The discount code the order holds, if any (issue 18.7).
    pub discount: Option<crate::domain::discount::DiscountTerms>,
}

/// One order's registration process.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegistrationProcess {
    /// The order.
    pub order_id: OrderId,
    /// Its conference, once started.
    pub conference_id: Option<ConferenceId>,
    /// `None` = NotStarted.
    pub state: Option<ProcessState>,
    /// Scheduled expiry, while one is pending.
    pub expires_at: Option<DateTime<Utc>>,
}

impl RegistrationProcess {
    /// Not started.
    pub fn new(order_id: OrderId) -> Self {
        Self {
            order_id,
            conference_id: None,
            state: None,
            expires_at: None,
        }
    }

    fn moved(
        &self,
        conference_id: ConferenceId,
        state: ProcessState,
        expires_at: Option<DateTime<Utc>>,
    ) -> Event {
        RegistrationProcessStateChanged {
            order_id: self.order_id,
            conference_id,
            state,
            expires_at,
        }
        .into()
    }

    fn is_waiting(&self) -> bool {
        matches!(
            self.state,
            Some(
                ProcessState::AwaitingReservationConfirmation
                    | ProcessState::ReservationConfirmationReceived
            )
        )
    }

    /// Reacts to an event about this process's order.
    fn on_event(
        &self,
        event: &Event,
        now: DateTime<Utc>,
        pricing: Option<&Pricing>,
    ) -> Result<Decision, DomainError> {
        let order_id = self.order_id;
        let mut d = Decision::default();
        match event {
            Event::OrderPlaced(e) if self.state.is_none() => {
                if e.reservation_auto_expiration <= now {
                    d.events
                        .push(self.moved(e.conference_id, ProcessState::Expired, None));
                    d.commands.push(reject(order_id));
                } else {
                    d.events.push(self.moved(
                        e.conference_id,
                        ProcessState::AwaitingReservationConfirmation,
                        Some(e.reservation_auto_expiration),
                    ));
                    d.commands
                        .push(reserve(e.conference_id, order_id, e.seats.clone()));
                }
            }
            Event::OrderUpdated(e) if self.is_waiting() => {
                if let Some(conference_id) = self.conference_id {
                    d.events.push(self.moved(
                        conference_id,
                        ProcessState::AwaitingReservationConfirmation,
                        Some(e.reservation_auto_expiration),
                    ));
                    d.commands
                        .push(reserve(conference_id, order_id, e.seats.clone()));
                }
            }
            Event::SeatsReserved(e)
                if e.reservation_id == order_id
                    && self.state == Some(ProcessState::AwaitingReservationConfirmation) =>
            {
                if let (Some(conference_id), Some(expiration)) =
                    (self.conference_id, self.expires_at)
                {
                    d.events.push(self.moved(
                        conference_id,
                        ProcessState::ReservationConfirmationReceived,
                        Some(expiration),
                    ));
                    let Pricing {
                        prices,
                        currency,
                        discount,
                    } = pricing.cloned().ok_or_else(|| {
                        DomainError::NotFound("the order's conference has no prices".into())
                    })?;
                    d.commands.push(AggregateCommand::Order(
                        order_id,
                        OrderCommand::MarkSeatsAsReserved {
                            seats: e.details.clone(),
                            expiration,
                            prices,
                            currency,
                            discount,
                        },
                    ));
                }
            }
            Event::PaymentCompleted(e)
                if e.order_id == order_id
                    && self.state == Some(ProcessState::ReservationConfirmationReceived) =>
            {
                let due = self.expires_at.is_some_and(|t| t <= now);
                if let (Some(conference_id), false) = (self.conference_id, due) {
                    d.events.push(self.moved(
                        conference_id,
                        ProcessState::PaymentConfirmationReceived,
                        None,
                    ));
                    d.commands.push(AggregateCommand::Availability(
                        conference_id,
                        AvailabilityCommand::CommitSeatReservation {
                            reservation_id: order_id,
                        },
                    ));
                    d.commands.push(AggregateCommand::Order(
                        order_id,
                        OrderCommand::ConfirmOrder,
                    ));
                }
                // Past the expiry: no confirmation; the payment stands for a refund.
            }
            // OrderCancelled: like an expiry that came early — the seats go
            // back at once, and the process is over (its expiry, now
            // unscheduled, does nothing).
            Event::OrderCancelled(e) if e.order_id == order_id && self.is_waiting() => {
                let conference_id = self.conference_id.unwrap_or(e.conference_id);
                d.events
                    .push(self.moved(conference_id, ProcessState::Completed, None));
                d.commands.push(AggregateCommand::Availability(
                    conference_id,
                    AvailabilityCommand::CancelSeatReservation {
                        reservation_id: order_id,
                    },
                ));
            }
            Event::OrderConfirmed(_)
                if self.state == Some(ProcessState::PaymentConfirmationReceived) =>
            {
                if let Some(conference_id) = self.conference_id {
                    d.events
                        .push(self.moved(conference_id, ProcessState::Completed, None));
                }
            }
            _ => {}
        }
        Ok(d)
    }

    /// ExpireRegistrationProcess: fires when the scheduled expiry is due.
    fn on_expire(&self, now: DateTime<Utc>) -> Decision {
        let mut d = Decision::default();
        let due = self.expires_at.is_some_and(|t| t <= now);
        if let (true, true, Some(conference_id)) = (self.is_waiting(), due, self.conference_id) {
            let order_id = self.order_id;
            d.events
                .push(self.moved(conference_id, ProcessState::Expired, None));
            d.commands.push(AggregateCommand::Availability(
                conference_id,
                AvailabilityCommand::CancelSeatReservation {
                    reservation_id: order_id,
                },
            ));
            d.commands.push(reject(order_id));
        }
        d
    }

    /// When this process's expiry should fire, if one is pending.
    pub fn due_at(&self) -> Option<DateTime<Utc>> {
        if self.is_waiting() {
            self.expires_at
        } else {
            None
        }
    }
}

impl Aggregate for RegistrationProcess {
    type Command = ProcessCommand;

    /// Folds its own state change.
    fn apply(&mut self, event: &Event) {
        if let Event::RegistrationProcessStateChanged(e) = event {
            self.conference_id = Some(e.conference_id);
            self.state = Some(e.state);
            self.expires_at = e.expires_at;
        }
    }

    fn handle(&self, command: &ProcessCommand) -> Result<Vec<Event>, DomainError> {
        Ok(self.decide(command)?.events)
    }

    fn decide(&self, command: &ProcessCommand) -> Result<Decision, DomainError> {
        match command {
            ProcessCommand::React {
                event,
                now,
                pricing,
            } => self.on_event(event, *now, pricing.as_ref()),
            ProcessCommand::Expire { now } => Ok(self.on_expire(*now)),
        }
    }
}

/// MakeSeatReservation, to the conference's SeatsAvailability.
fn reserve(
    conference_id: ConferenceId,
    order_id: OrderId,
    seats: Vec<crate::domain::events::SeatQuantity>,
) -> AggregateCommand {
    AggregateCommand::Availability(
        conference_id,
        AvailabilityCommand::MakeSeatReservation {
            reservation_id: order_id,
            seats,
        },
    )
}

/// RejectOrder, to the order.
fn reject(order_id: OrderId) -> AggregateCommand {
    AggregateCommand::Order(order_id, OrderCommand::RejectOrder)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::events::{
        CancelReason, OrderCancelled, OrderConfirmed, OrderPlaced, OrderUpdated, PaymentCompleted,
        SeatQuantity, SeatsReserved,
    };
    use crate::domain::{Currency, PaymentId, SeatTypeId};
    use uuid::Uuid;

    /// When (the process manager is given an event or its expiry fires).
    impl RegistrationProcess {
        fn react(&self, event: &Event, now: DateTime<Utc>) -> Decision {
            let pricing = Some(pricing());
            let event = Box::new(event.clone());
            self.decide(&ProcessCommand::React {
                event,
                now,
                pricing,
            })
            .unwrap()
        }
        fn expire(&self, now: DateTime<Utc>) -> Decision {
            self.decide(&ProcessCommand::Expire { now }).unwrap()
        }
    }
    fn pricing() -> Pricing {
        Pricing {
            prices: vec![(
                SeatTypeId(Uuid::from_u128(100)),
                Money::new(5000, Currency::EUR),
            )],
            currency: Currency::EUR,
            discount: None,
        }
    }

    const O: OrderId = OrderId(Uuid::from_u128(7));
    const C: ConferenceId = ConferenceId(Uuid::from_u128(1));
    fn t(min: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(1_800_000_000 + min * 60, 0).unwrap()
    }
    fn seats() -> Vec<SeatQuantity> {
        vec![SeatQuantity {
            seat_type: SeatTypeId(Uuid::from_u128(100)),
            quantity: 2,
        }]
    }
    fn placed(expires: i64) -> Event {
        OrderPlaced {
            order_id: O,
            conference_id: C,
            seats: seats(),
            reservation_auto_expiration: t(expires),
            access_code: "ABC123".into(),
            by: crate::domain::staff_code::Actor::Registrant,
        }
        .into()
    }
    fn state(s: ProcessState, expires: Option<i64>) -> Event {
        RegistrationProcessStateChanged {
            order_id: O,
            conference_id: C,
            state: s,
            expires_at: expires.map(t),
        }
        .into()
    }
    fn given(events: &[Event]) -> RegistrationProcess {
        let mut p = RegistrationProcess::new(O);
        events.iter().for_each(|e| p.apply(e));
        p
    }

    #[test]
    fn order_placed_requests_a_reservation_and_schedules_expiry() {
        let d = given(&[]).react(&placed(15), t(0));
        assert_eq!(
            d.events,
            vec![state(
                ProcessState::AwaitingReservationConfirmation,
                Some(15)
            )]
        );
        assert_eq!(d.commands, vec![reserve(C, O, seats())]);
    }

    #[test]
    fn order_placed_past_its_expiry_is_rejected_at_once() {
        let d = given(&[]).react(&placed(15), t(15));
        assert_eq!(d.commands, vec![reject(O)]);
        assert_eq!(d.events, vec![state(ProcessState::Expired, None)]);
    }

    #[test]
    fn seats_reserved_marks_the_order() {
        let p = given(&[state(
            ProcessState::AwaitingReservationConfirmation,
            Some(15),
        )]);
        let d = p.react(
            &SeatsReserved {
                conference_id: C,
                reservation_id: O,
                details: seats(),
            }
            .into(),
            t(1),
        );
        assert_eq!(
            d.commands,
            vec![AggregateCommand::Order(
                O,
                OrderCommand::MarkSeatsAsReserved {
                    seats: seats(),
                    expiration: t(15),
                    prices: pricing().prices,
                    currency: Currency::EUR,
                    discount: None,
                }
            )]
        );
        assert_eq!(
            d.events,
            vec![state(
                ProcessState::ReservationConfirmationReceived,
                Some(15)
            )]
        );
    }

    #[test]
    fn seats_reserved_without_the_conference_prices_is_refused() {
        let p = given(&[state(
            ProcessState::AwaitingReservationConfirmation,
            Some(15),
        )]);
        let reserved: Event = SeatsReserved {
            conference_id: C,
            reservation_id: O,
            details: seats(),
        }
        .into();
        let when = ProcessCommand::React {
            event: Box::new(reserved),
            now: t(1),
            pricing: None,
        };
        assert!(matches!(p.decide(&when), Err(DomainError::NotFound(_))));
    }

    #[test]
    fn order_updated_re_reserves_and_restarts_expiry() {
        let p = given(&[state(
            ProcessState::ReservationConfirmationReceived,
            Some(15),
        )]);
        let d = p.react(
            &OrderUpdated {
                order_id: O,
                seats: seats(),
                reservation_auto_expiration: t(20),
            }
            .into(),
            t(5),
        );
        assert_eq!(
            d.events,
            vec![state(
                ProcessState::AwaitingReservationConfirmation,
                Some(20)
            )]
        );
        assert_eq!(d.commands.len(), 1);
    }

    #[test]
    fn payment_completed_commits_and_confirms_then_completes() {
        let p = given(&[state(
            ProcessState::ReservationConfirmationReceived,
            Some(15),
        )]);
        let paid: Event = PaymentCompleted {
            payment_id: PaymentId(Uuid::from_u128(5)),
            order_id: O,
            method: crate::domain::events::PaymentMethod::Card,
        }
        .into();
        let d = p.react(&paid, t(10));
        assert_eq!(
            d.commands,
            vec![
                AggregateCommand::Availability(
                    C,
                    AvailabilityCommand::CommitSeatReservation { reservation_id: O }
                ),
                AggregateCommand::Order(O, OrderCommand::ConfirmOrder)
            ]
        );
        let p = given(&[
            state(ProcessState::ReservationConfirmationReceived, Some(15)),
            d.events[0].clone(),
        ]);
        assert_eq!(p.due_at(), None);
        let d = p.react(&OrderConfirmed { order_id: O }.into(), t(10));
        assert_eq!(d.events, vec![state(ProcessState::Completed, None)]);
    }

    #[test]
    fn payment_after_expiry_does_not_confirm() {
        let p = given(&[state(
            ProcessState::ReservationConfirmationReceived,
            Some(15),
        )]);
        let paid: Event = PaymentCompleted {
            payment_id: PaymentId(Uuid::from_u128(5)),
            order_id: O,
            method: crate::domain::events::PaymentMethod::Card,
        }
        .into();
        assert_eq!(p.react(&paid, t(16)), Decision::default());
    }

    #[test]
    fn expiry_cancels_the_reservation_and_rejects_the_order_only_when_due() {
        let p = given(&[state(
            ProcessState::ReservationConfirmationReceived,
            Some(15),
        )]);
        assert_eq!(p.expire(t(14)), Decision::default());
        let d = p.expire(t(15));
        assert_eq!(
            d.commands,
            vec![
                AggregateCommand::Availability(
                    C,
                    AvailabilityCommand::CancelSeatReservation { reservation_id: O }
                ),
                reject(O)
            ]
        );
        let done = given(&[state(ProcessState::Completed, None)]);
        assert_eq!(done.expire(t(99)), Decision::default());
    }

    fn cancelled() -> Event {
        OrderCancelled {
            order_id: O,
            conference_id: C,
            reason: CancelReason::AtTheDesk,
        }
        .into()
    }

    #[test]
    fn order_cancelled_releases_the_seats_at_once_and_completes() {
        for waiting in [
            ProcessState::AwaitingReservationConfirmation,
            ProcessState::ReservationConfirmationReceived,
        ] {
            let p = given(&[state(waiting, Some(15))]);
            let d = p.react(&cancelled(), t(3));
            assert_eq!(
                d.commands,
                vec![AggregateCommand::Availability(
                    C,
                    AvailabilityCommand::CancelSeatReservation { reservation_id: O }
                )]
            );
            assert_eq!(d.events, vec![state(ProcessState::Completed, None)]);
        }
    }

    #[test]
    fn after_a_cancellation_the_expiry_does_nothing() {
        let p = given(&[
            state(ProcessState::ReservationConfirmationReceived, Some(15)),
            state(ProcessState::Completed, None),
        ]);
        assert_eq!(p.due_at(), None);
        assert_eq!(p.expire(t(15)), Decision::default());
        assert_eq!(p.expire(t(99)), Decision::default());
    }

    #[test]
    fn order_cancelled_after_the_process_ended_does_nothing() {
        for over in [ProcessState::Completed, ProcessState::Expired] {
            assert_eq!(
                given(&[state(over, None)]).react(&cancelled(), t(3)),
                Decision::default()
            );
        }
    }
}
