//! Payments: one aggregate per attempt at paying an order. No money moves:
//! the desk accepts (completed) or rejects (rejected) what it initiated.

use crate::domain::events::{PaymentCompleted, PaymentInitiated, PaymentRejected};
use crate::domain::{Aggregate, DomainError, Event, Money, OrderId, PaymentId};
use crate::domain::{Field, Message};

/// Where a payment stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PaymentStatus {
    /// Not started.
    NotStarted,
    /// Waiting for the desk's answer.
    Initiated,
    /// Accepted.
    Completed,
    /// Rejected.
    Rejected,
}

/// Commands of a payment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PaymentCommand {
    /// Start taking `amount` for `order_id`.
    InitiateThirdPartyProcessorPayment { order_id: OrderId, amount: Money },
    /// The desk accepted.
    CompleteThirdPartyProcessorPayment,
    /// The desk rejected.
    CancelThirdPartyProcessorPayment,
}

/// A payment attempt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Payment {
    /// Its id.
    pub id: PaymentId,
    /// The order it pays.
    pub order_id: Option<OrderId>,
    /// Where it stands.
    pub status: PaymentStatus,
}

impl Payment {
    /// A payment not started.
    pub fn new(id: PaymentId) -> Self {
        Self {
            id,
            order_id: None,
            status: PaymentStatus::NotStarted,
        }
    }

    fn initiated_order(&self) -> Result<OrderId, DomainError> {
        match (self.status, self.order_id) {
            (PaymentStatus::Initiated, Some(o)) => Ok(o),
            (PaymentStatus::NotStarted, _) | (_, None) => {
                Err(DomainError::NotFound(Message::new("payment not found")))
            }
            _ => Err(DomainError::Conflict(Message::new(
                "the payment is already completed or rejected",
            ))),
        }
    }
}

impl Aggregate for Payment {
    type Command = PaymentCommand;

    fn apply(&mut self, event: &Event) {
        match event {
            Event::PaymentInitiated(e) => {
                self.order_id = Some(e.order_id);
                self.status = PaymentStatus::Initiated;
            }
            Event::PaymentCompleted(_) => self.status = PaymentStatus::Completed,
            Event::PaymentRejected(_) => self.status = PaymentStatus::Rejected,
            _ => {}
        }
    }

    fn handle(&self, command: &PaymentCommand) -> Result<Vec<Event>, DomainError> {
        let payment_id = self.id;
        match command {
            PaymentCommand::InitiateThirdPartyProcessorPayment { order_id, amount } => {
                if self.status != PaymentStatus::NotStarted {
                    return Err(DomainError::Conflict(Message::new(
                        "payment already initiated",
                    )));
                }
                if amount.minor < 0 {
                    return Err(DomainError::field(
                        Field::Amount,
                        Message::new("must be 0 or more"),
                    ));
                }
                Ok(vec![
                    PaymentInitiated {
                        payment_id,
                        order_id: *order_id,
                        amount: *amount,
                    }
                    .into(),
                ])
            }
            PaymentCommand::CompleteThirdPartyProcessorPayment => {
                let order_id = self.initiated_order()?;
                Ok(vec![
                    PaymentCompleted {
                        payment_id,
                        order_id,
                    }
                    .into(),
                ])
            }
            PaymentCommand::CancelThirdPartyProcessorPayment => {
                let order_id = self.initiated_order()?;
                Ok(vec![
                    PaymentRejected {
                        payment_id,
                        order_id,
                    }
                    .into(),
                ])
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Currency;
    use crate::domain::testing::given_when;
    use uuid::Uuid;

    const P: PaymentId = PaymentId(Uuid::from_u128(5));
    const O: OrderId = OrderId(Uuid::from_u128(7));
    fn initiated() -> Event {
        PaymentInitiated {
            payment_id: P,
            order_id: O,
            amount: Money::new(119_700, Currency::USD),
        }
        .into()
    }

    #[test]
    fn initiate_then_complete() {
        let cmd = PaymentCommand::InitiateThirdPartyProcessorPayment {
            order_id: O,
            amount: Money::new(119_700, Currency::USD),
        };
        assert_eq!(
            given_when(Payment::new(P), &[], &cmd).unwrap(),
            vec![initiated()]
        );
        let done = given_when(
            Payment::new(P),
            &[initiated()],
            &PaymentCommand::CompleteThirdPartyProcessorPayment,
        )
        .unwrap();
        assert_eq!(
            done,
            vec![
                PaymentCompleted {
                    payment_id: P,
                    order_id: O
                }
                .into()
            ]
        );
    }

    #[test]
    fn reject_only_from_initiated() {
        let r = given_when(
            Payment::new(P),
            &[initiated()],
            &PaymentCommand::CancelThirdPartyProcessorPayment,
        )
        .unwrap();
        assert_eq!(
            r,
            vec![
                PaymentRejected {
                    payment_id: P,
                    order_id: O
                }
                .into()
            ]
        );
        let completed = [
            initiated(),
            PaymentCompleted {
                payment_id: P,
                order_id: O,
            }
            .into(),
        ];
        assert!(matches!(
            given_when(
                Payment::new(P),
                &completed,
                &PaymentCommand::CancelThirdPartyProcessorPayment
            ),
            Err(DomainError::Conflict(_))
        ));
        assert!(matches!(
            given_when(
                Payment::new(P),
                &[],
                &PaymentCommand::CompleteThirdPartyProcessorPayment
            ),
            Err(DomainError::NotFound(_))
        ));
    }
}
