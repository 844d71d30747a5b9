//! The organizer's money actions (issue 18.3): cancel any order of the
//! conference, paid or not, and record refunds of its payment. Only an
//! organizer's [`ConferenceAccess`] reaches these; the desk's own "Cancel
//! order" (unpaid only) stays in `Registration::cancel_order`. The limits
//! (what is left to refund, a second cancel) are decided by the Payment
//! and Order aggregates inside the commit, so two desks acting at once on
//! a shared log are decided one after the other, never both on a stale
//! state.

use super::Organizer;
use crate::app::AppError;
use crate::app::auth::ConferenceAccess;
use crate::app::journal::Journal;
use crate::app::projections::OrderView;
use crate::domain::events::{CancelReason, PaymentMethod};
use crate::domain::order::OrderCommand;
use crate::domain::payment::{PaymentCommand, PaymentStatus};
use crate::domain::{AggregateCommand, Message, Money, OrderId, PaymentId};
use std::ops::Deref;

impl<J: Deref<Target = Journal>> Organizer<J> {
    /// One order of the organizer's conference; another conference's order
    /// is "not found", like an unknown one.
    pub fn organizer_order(
        &self,
        access: &ConferenceAccess,
        order: OrderId,
    ) -> Result<OrderView, AppError> {
        self.journal
            .read_models()
            .orders
            .get(order)
            .filter(|o| o.conference_id == access.conference())
            .cloned()
            .ok_or_else(|| AppError::NotFound(Message::new("order not found")))
    }

    /// The order's completed payment: the one a refund goes against.
    fn completed_payment(&self, order: &OrderView) -> Result<PaymentId, AppError> {
        let payments = &self.journal.write_model().payments;
        order
            .payments
            .iter()
            .copied()
            .find(|p| {
                payments
                    .get(p)
                    .is_some_and(|p| p.status == PaymentStatus::Completed)
            })
            .ok_or_else(|| {
                AppError::Conflict(Message::new(
                    "the order is not paid: there is nothing to refund",
                ))
            })
    }

    /// What is left to refund of the order's payment (paid minus refunded);
    /// None when it was never paid.
    pub fn refundable(&self, access: &ConferenceAccess, order: OrderId) -> Option<Money> {
        let view = self.organizer_order(access, order).ok()?;
        let payment = self.completed_payment(&view).ok()?;
        self.journal
            .write_model()
            .payments
            .get(&payment)?
            .refundable()
    }
}

impl Organizer<&mut Journal> {
    /// Cancels an order of the conference, paid or not: its seats go back
    /// on sale in the same action, its attendees leave the lists, and the
    /// door refuses it naming the reason. An expired or already cancelled
    /// order is refused (a conflict). A paid order's money stays recorded:
    /// refunds are their own action ([`Organizer::refund_payment`]).
    pub fn cancel_order(
        &mut self,
        access: &ConferenceAccess,
        order: OrderId,
    ) -> Result<(), AppError> {
        self.journal.tick()?;
        self.organizer_order(access, order)?;
        let cmd = OrderCommand::CancelOrder {
            reason: CancelReason::ByOrganizer,
        };
        self.journal
            .commit(vec![AggregateCommand::Order(order, cmd)])?;
        Ok(())
    }

    /// RefundPayment: records `amount` paid back by `method` against the
    /// order's payment (more than 0, its currency, at most what is left).
    pub fn refund_payment(
        &mut self,
        access: &ConferenceAccess,
        order: OrderId,
        amount: Money,
        method: PaymentMethod,
    ) -> Result<PaymentId, AppError> {
        let view = self.organizer_order(access, order)?;
        let payment = self.completed_payment(&view)?;
        let cmd = PaymentCommand::RefundPayment { amount, method };
        self.journal
            .commit(vec![AggregateCommand::Payment(payment, cmd)])?;
        Ok(payment)
    }
}
