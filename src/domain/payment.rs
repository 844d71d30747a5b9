//! Payments: one aggregate per attempt at paying an order. No money moves:
//! the desk accepts (completed, saying how it was paid) or rejects
//! (rejected) what it initiated; the organizer may later record refunds of
//! a completed payment, which never add up to more than was paid — the
//! payment's own stream guards it, so two desks refunding at once cannot
//! both pass (the second decides again on the first's refund).

use crate::domain::events::{
    PaymentCompleted, PaymentInitiated, PaymentMethod, PaymentRefunded, PaymentRejected,
};
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
    /// The desk accepted, taken by `method` (free only for a zero amount,
    /// and the only method for one).
    CompleteThirdPartyProcessorPayment { method: PaymentMethod },
    /// The desk rejected.
    CancelThirdPartyProcessorPayment,
    /// RefundPayment: pay `amount` back by `method` (cash, card or
    /// transfer); more than 0, in the payment's currency, at most what was
    /// paid minus what was already refunded.
    RefundPayment {
        amount: Money,
        method: PaymentMethod,
    },
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
    /// What it takes (set when initiated).
    pub amount: Option<Money>,
    /// How it was paid, once completed.
    pub method: Option<PaymentMethod>,
    /// Refunded so far, minor units of `amount`'s currency.
    pub refunded_minor: i64,
}

impl Payment {
    /// A payment not started.
    pub fn new(id: PaymentId) -> Self {
        Self {
            id,
            order_id: None,
            status: PaymentStatus::NotStarted,
            amount: None,
            method: None,
            refunded_minor: 0,
        }
    }

    /// What is left to refund: paid minus refunded (None until completed).
    pub fn refundable(&self) -> Option<Money> {
        match (self.status, self.amount) {
            (PaymentStatus::Completed, Some(paid)) => Some(Money::new(
                paid.minor.saturating_sub(self.refunded_minor),
                paid.currency,
            )),
            _ => None,
        }
    }

    /// CompleteThirdPartyProcessorPayment: only from Initiated; a zero
    /// amount is paid "free" and nothing else, a non-zero one never is.
    fn complete(&self, method: PaymentMethod) -> Result<Vec<Event>, DomainError> {
        let order_id = self.initiated_order()?;
        let zero = self.amount.is_some_and(|a| a.minor == 0);
        let refusal = match (method, zero) {
            (PaymentMethod::Unknown, _) => Some(Message::new(
                "choose how it was paid: cash, card or transfer",
            )),
            (PaymentMethod::Free, false) => {
                Some(Message::new("free is only for an order whose total is 0"))
            }
            (PaymentMethod::Cash | PaymentMethod::Card | PaymentMethod::BankTransfer, true) => {
                Some(Message::new("an order whose total is 0 is paid as free"))
            }
            _ => None,
        };
        if let Some(rule) = refusal {
            return Err(DomainError::field(Field::PaymentMethod, rule));
        }
        Ok(vec![
            PaymentCompleted {
                payment_id: self.id,
                order_id,
                method,
            }
            .into(),
        ])
    }

    /// RefundPayment: see [`PaymentCommand::RefundPayment`].
    fn refund(&self, amount: Money, method: PaymentMethod) -> Result<Vec<Event>, DomainError> {
        let (Some(order_id), Some(left)) = (self.order_id, self.refundable()) else {
            return Err(match self.status {
                PaymentStatus::NotStarted => {
                    DomainError::NotFound(Message::new("payment not found"))
                }
                _ => DomainError::Conflict(Message::new(
                    "the order is not paid: there is nothing to refund",
                )),
            });
        };
        if !matches!(
            method,
            PaymentMethod::Cash | PaymentMethod::Card | PaymentMethod::BankTransfer
        ) {
            return Err(DomainError::field(
                Field::PaymentMethod,
                Message::new("a refund is paid out by cash, card or transfer"),
            ));
        }
        if amount.currency != left.currency {
            return Err(DomainError::field(
                Field::Amount,
                Message::new("must be in {currency}, the currency it was paid in")
                    .text("currency", left.currency.code()),
            ));
        }
        if amount.minor <= 0 {
            return Err(DomainError::field(
                Field::Amount,
                Message::new("must be more than 0"),
            ));
        }
        if amount.minor > left.minor {
            // A valid amount the payment's history refuses: a conflict,
            // worded with the field it concerns and what is left.
            return Err(DomainError::Conflict(
                crate::domain::FieldError::new(
                    Field::Amount,
                    Message::new("must be at most {left}: what was paid minus what was refunded")
                        .money("left", left),
                )
                .message(),
            ));
        }
        Ok(vec![
            PaymentRefunded {
                payment_id: self.id,
                order_id,
                amount,
                method,
            }
            .into(),
        ])
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
                self.amount = Some(e.amount);
            }
            Event::PaymentCompleted(e) => {
                self.status = PaymentStatus::Completed;
                self.method = Some(e.method);
            }
            Event::PaymentRefunded(e) => {
                self.refunded_minor = self.refunded_minor.saturating_add(e.amount.minor);
            }
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
            PaymentCommand::CompleteThirdPartyProcessorPayment { method } => self.complete(*method),
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
            PaymentCommand::RefundPayment { amount, method } => self.refund(*amount, *method),
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
            &PaymentCommand::CompleteThirdPartyProcessorPayment {
                method: PaymentMethod::Card,
            },
        )
        .unwrap();
        assert_eq!(
            done,
            vec![
                PaymentCompleted {
                    payment_id: P,
                    order_id: O,
                    method: PaymentMethod::Card,
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
                method: PaymentMethod::Cash,
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
                &PaymentCommand::CompleteThirdPartyProcessorPayment {
                    method: PaymentMethod::Cash
                }
            ),
            Err(DomainError::NotFound(_))
        ));
    }

    fn completed(method: PaymentMethod) -> [Event; 2] {
        [
            initiated(),
            PaymentCompleted {
                payment_id: P,
                order_id: O,
                method,
            }
            .into(),
        ]
    }

    fn usd(minor: i64) -> Money {
        Money::new(minor, Currency::USD)
    }

    fn refund(minor: i64, method: PaymentMethod) -> PaymentCommand {
        PaymentCommand::RefundPayment {
            amount: usd(minor),
            method,
        }
    }

    fn refunded(minor: i64) -> Event {
        PaymentRefunded {
            payment_id: P,
            order_id: O,
            amount: usd(minor),
            method: PaymentMethod::Cash,
        }
        .into()
    }

    fn refusal(given: &[Event], cmd: &PaymentCommand) -> String {
        given_when(Payment::new(P), given, cmd)
            .unwrap_err()
            .to_string()
    }

    #[test]
    fn free_is_the_only_method_for_a_zero_total_and_refused_otherwise() {
        let zero: Event = PaymentInitiated {
            payment_id: P,
            order_id: O,
            amount: usd(0),
        }
        .into();
        let complete = |method| PaymentCommand::CompleteThirdPartyProcessorPayment { method };
        assert!(
            given_when(
                Payment::new(P),
                std::slice::from_ref(&zero),
                &complete(PaymentMethod::Free)
            )
            .is_ok()
        );
        for m in [
            PaymentMethod::Cash,
            PaymentMethod::Card,
            PaymentMethod::BankTransfer,
        ] {
            assert_eq!(
                refusal(std::slice::from_ref(&zero), &complete(m)),
                "payment method: an order whose total is 0 is paid as free"
            );
        }
        assert_eq!(
            refusal(&[initiated()], &complete(PaymentMethod::Free)),
            "payment method: free is only for an order whose total is 0"
        );
        assert_eq!(
            refusal(&[initiated()], &complete(PaymentMethod::Unknown)),
            "payment method: choose how it was paid: cash, card or transfer"
        );
    }

    #[test]
    fn partial_refunds_add_up_to_at_most_what_was_paid() {
        let paid = completed(PaymentMethod::Card);
        // given paid 1197.00, when refunding 500.00 by cash, then refunded.
        let first =
            given_when(Payment::new(P), &paid, &refund(50_000, PaymentMethod::Cash)).unwrap();
        assert_eq!(first, vec![refunded(50_000)]);
        // A second partial refund up to what is left passes…
        let given: Vec<Event> = paid.iter().cloned().chain([refunded(50_000)]).collect();
        assert!(
            given_when(
                Payment::new(P),
                &given,
                &refund(69_700, PaymentMethod::Cash)
            )
            .is_ok()
        );
        // …one cent more does not, and says what is left.
        assert_eq!(
            refusal(&given, &refund(69_701, PaymentMethod::Cash)),
            "amount: must be at most 697.00 USD: what was paid minus what was refunded"
        );
        let all: Vec<Event> = given.iter().cloned().chain([refunded(69_700)]).collect();
        let mut p = Payment::new(P);
        for e in &all {
            p.apply(e);
        }
        assert_eq!(p.refundable(), Some(usd(0)));
        assert!(refusal(&all, &refund(1, PaymentMethod::Cash)).contains("at most 0.00 USD"));
    }

    #[test]
    fn a_refund_needs_a_positive_amount_in_the_currency_paid_and_a_way_to_pay_out() {
        let paid = completed(PaymentMethod::Cash);
        assert_eq!(
            refusal(&paid, &refund(0, PaymentMethod::Cash)),
            "amount: must be more than 0"
        );
        assert_eq!(
            refusal(&paid, &refund(-5, PaymentMethod::Cash)),
            "amount: must be more than 0"
        );
        let euros = PaymentCommand::RefundPayment {
            amount: Money::new(100, Currency::EUR),
            method: PaymentMethod::Cash,
        };
        assert_eq!(
            refusal(&paid, &euros),
            "amount: must be in USD, the currency it was paid in"
        );
        for m in [PaymentMethod::Free, PaymentMethod::Unknown] {
            assert_eq!(
                refusal(&paid, &refund(100, m)),
                "payment method: a refund is paid out by cash, card or transfer"
            );
        }
    }

    #[test]
    fn only_a_completed_payment_can_be_refunded() {
        assert_eq!(
            refusal(&[initiated()], &refund(100, PaymentMethod::Cash)),
            "the order is not paid: there is nothing to refund"
        );
        let rejected = [
            initiated(),
            PaymentRejected {
                payment_id: P,
                order_id: O,
            }
            .into(),
        ];
        assert!(refusal(&rejected, &refund(100, PaymentMethod::Cash)).contains("not paid"));
        assert!(matches!(
            given_when(Payment::new(P), &[], &refund(100, PaymentMethod::Cash)),
            Err(DomainError::NotFound(_))
        ));
    }
}
