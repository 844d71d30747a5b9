//! The RegistrationProcessManager: reacts to order, availability and payment
//! events with the next commands, and keeps its own state as events
//! (`RegistrationProcessStateChanged`) so a scheduled expiry survives a
//! restart. Pure: `now` is a parameter.

use crate::domain::events::{ProcessState, RegistrationProcessStateChanged, SeatQuantity};
use crate::domain::{ConferenceId, Event, OrderId};
use chrono::{DateTime, Utc};

/// A command the process manager sends to another aggregate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProcessCommand {
    /// To SeatsAvailability.
    MakeSeatReservation {
        conference_id: ConferenceId,
        order_id: OrderId,
        seats: Vec<SeatQuantity>,
    },
    /// To the Order.
    MarkSeatsAsReserved {
        order_id: OrderId,
        seats: Vec<SeatQuantity>,
        expiration: DateTime<Utc>,
    },
    /// To SeatsAvailability.
    CommitSeatReservation {
        conference_id: ConferenceId,
        order_id: OrderId,
    },
    /// To the Order.
    ConfirmOrder { order_id: OrderId },
    /// To SeatsAvailability.
    CancelSeatReservation {
        conference_id: ConferenceId,
        order_id: OrderId,
    },
    /// To the Order.
    RejectOrder { order_id: OrderId },
}

/// What the process manager decided: its own new events and commands to send.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Decision {
    /// Its own state changes (to its stream).
    pub events: Vec<Event>,
    /// Commands for other aggregates, in order.
    pub commands: Vec<ProcessCommand>,
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

    /// Folds its own state change.
    pub fn apply(&mut self, event: &Event) {
        if let Event::RegistrationProcessStateChanged(e) = event {
            self.conference_id = Some(e.conference_id);
            self.state = Some(e.state);
            self.expires_at = e.expires_at;
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
    pub fn on_event(&self, event: &Event, now: DateTime<Utc>) -> Decision {
        let order_id = self.order_id;
        let mut d = Decision::default();
        match event {
            Event::OrderPlaced(e) if self.state.is_none() => {
                if e.reservation_auto_expiration <= now {
                    d.events
                        .push(self.moved(e.conference_id, ProcessState::Expired, None));
                    d.commands.push(ProcessCommand::RejectOrder { order_id });
                } else {
                    d.events.push(self.moved(
                        e.conference_id,
                        ProcessState::AwaitingReservationConfirmation,
                        Some(e.reservation_auto_expiration),
                    ));
                    d.commands.push(ProcessCommand::MakeSeatReservation {
                        conference_id: e.conference_id,
                        order_id,
                        seats: e.seats.clone(),
                    });
                }
            }
            Event::OrderUpdated(e) if self.is_waiting() => {
                if let Some(conference_id) = self.conference_id {
                    d.events.push(self.moved(
                        conference_id,
                        ProcessState::AwaitingReservationConfirmation,
                        Some(e.reservation_auto_expiration),
                    ));
                    d.commands.push(ProcessCommand::MakeSeatReservation {
                        conference_id,
                        order_id,
                        seats: e.seats.clone(),
                    });
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
                    d.commands.push(ProcessCommand::MarkSeatsAsReserved {
                        order_id,
                        seats: e.details.clone(),
                        expiration,
                    });
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
                    d.commands.push(ProcessCommand::CommitSeatReservation {
                        conference_id,
                        order_id,
                    });
                    d.commands.push(ProcessCommand::ConfirmOrder { order_id });
                }
                // Past the expiry: no confirmation; the payment stands for a refund.
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
        d
    }

    /// ExpireRegistrationProcess: fires when the scheduled expiry is due.
    pub fn on_expire(&self, now: DateTime<Utc>) -> Decision {
        let mut d = Decision::default();
        let due = self.expires_at.is_some_and(|t| t <= now);
        if let (true, true, Some(conference_id)) = (self.is_waiting(), due, self.conference_id) {
            let order_id = self.order_id;
            d.events
                .push(self.moved(conference_id, ProcessState::Expired, None));
            d.commands.push(ProcessCommand::CancelSeatReservation {
                conference_id,
                order_id,
            });
            d.commands.push(ProcessCommand::RejectOrder { order_id });
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::events::{
        OrderConfirmed, OrderPlaced, OrderUpdated, PaymentCompleted, SeatsReserved,
    };
    use crate::domain::{PaymentId, SeatTypeId};
    use uuid::Uuid;

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
        let d = given(&[]).on_event(&placed(15), t(0));
        assert_eq!(
            d.events,
            vec![state(
                ProcessState::AwaitingReservationConfirmation,
                Some(15)
            )]
        );
        assert_eq!(
            d.commands,
            vec![ProcessCommand::MakeSeatReservation {
                conference_id: C,
                order_id: O,
                seats: seats()
            }]
        );
    }

    #[test]
    fn order_placed_past_its_expiry_is_rejected_at_once() {
        let d = given(&[]).on_event(&placed(15), t(15));
        assert_eq!(
            d.commands,
            vec![ProcessCommand::RejectOrder { order_id: O }]
        );
        assert_eq!(d.events, vec![state(ProcessState::Expired, None)]);
    }

    #[test]
    fn seats_reserved_marks_the_order() {
        let p = given(&[state(
            ProcessState::AwaitingReservationConfirmation,
            Some(15),
        )]);
        let d = p.on_event(
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
            vec![ProcessCommand::MarkSeatsAsReserved {
                order_id: O,
                seats: seats(),
                expiration: t(15)
            }]
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
    fn order_updated_re_reserves_and_restarts_expiry() {
        let p = given(&[state(
            ProcessState::ReservationConfirmationReceived,
            Some(15),
        )]);
        let d = p.on_event(
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
        }
        .into();
        let d = p.on_event(&paid, t(10));
        assert_eq!(
            d.commands,
            vec![
                ProcessCommand::CommitSeatReservation {
                    conference_id: C,
                    order_id: O
                },
                ProcessCommand::ConfirmOrder { order_id: O }
            ]
        );
        let p = given(&[
            state(ProcessState::ReservationConfirmationReceived, Some(15)),
            d.events[0].clone(),
        ]);
        assert_eq!(p.due_at(), None);
        let d = p.on_event(&OrderConfirmed { order_id: O }.into(), t(10));
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
        }
        .into();
        assert_eq!(p.on_event(&paid, t(16)), Decision::default());
    }

    #[test]
    fn expiry_cancels_the_reservation_and_rejects_the_order_only_when_due() {
        let p = given(&[state(
            ProcessState::ReservationConfirmationReceived,
            Some(15),
        )]);
        assert_eq!(p.on_expire(t(14)), Decision::default());
        let d = p.on_expire(t(15));
        assert_eq!(
            d.commands,
            vec![
                ProcessCommand::CancelSeatReservation {
                    conference_id: C,
                    order_id: O
                },
                ProcessCommand::RejectOrder { order_id: O }
            ]
        );
        let done = given(&[state(ProcessState::Completed, None)]);
        assert_eq!(done.on_expire(t(99)), Decision::default());
    }
}
