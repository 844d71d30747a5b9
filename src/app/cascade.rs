//! Runs one user action to the end: command → aggregate → events →
//! integration policies ([`crate::domain::policies`]) and the registration
//! process manager → further commands → … Every aggregate, the process
//! manager included, is decided and staged the same way. The write model
//! is never changed here: aggregates are staged copy-on-write
//! (`staging.rs`), so a refusal anywhere in the cascade (say, a quota lowered
//! below what is sold) leaves nothing behind: the caller appends all
//! produced events in one transaction, or none.
//!
//! The one thing drawn here is a confirmed order's ticket codes: the
//! domain takes codes in its commands, and the cascade is where the app
//! learns that an order was confirmed, so it draws them (CSPRNG) right
//! there, away from every code in the write model and this action.

use crate::app::AppError;
use crate::app::staging::Staging;
use crate::app::tickets::draw_ticket_codes;
use crate::app::write_model::WriteModel;
use crate::domain::Message;
use crate::domain::check_in::OrderCheckIn;
use crate::domain::conference::Conference;
use crate::domain::discount::{DiscountCodes, DiscountCommand};
use crate::domain::order::Order;
use crate::domain::order::{OrderCommand, OrderStatus};
use crate::domain::payment::Payment;
use crate::domain::policies;
use crate::domain::registration_process::{Pricing, ProcessCommand, RegistrationProcess};
use crate::domain::seat_assignments::SeatAssignments;
use crate::domain::seats_availability::SeatsAvailability;
use crate::domain::{AggregateCommand, ConferenceId, Decision, Event, OrderId, PaymentId};
use chrono::{DateTime, Utc};
use std::collections::{HashSet, VecDeque};
use uuid::Uuid;

/// The most commands one action may run. A cascade is finite by
/// construction; the bound only guards against a policy bug turning into
/// an endless loop.
const MAX_COMMANDS: u32 = 10_000;

/// An event produced by the cascade with the id of the command that caused it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Produced {
    /// The event.
    pub event: Event,
    /// Id of the command whose handling produced it.
    pub causation_id: Uuid,
}

/// Staged copies of the aggregates one action touches.
pub struct Cascade<'a> {
    base: &'a WriteModel,
    now: DateTime<Utc>,
    conferences: Staging<ConferenceId, Conference>,
    availability: Staging<ConferenceId, SeatsAvailability>,
    orders: Staging<OrderId, Order>,
    payments: Staging<PaymentId, Payment>,
    assignments: Staging<OrderId, SeatAssignments>,
    processes: Staging<OrderId, RegistrationProcess>,
    check_ins: Staging<OrderId, OrderCheckIn>,
    discounts: Staging<ConferenceId, DiscountCodes>,
    produced: Vec<Produced>,
    /// Ticket codes drawn in this action (not in the write model yet).
    drawn: HashSet<String>,
}

impl<'a> Cascade<'a> {
    /// A cascade over `base` at time `now`.
    pub fn new(base: &'a WriteModel, now: DateTime<Utc>) -> Self {
        Self {
            base,
            now,
            conferences: Staging::new(),
            availability: Staging::new(),
            orders: Staging::new(),
            payments: Staging::new(),
            assignments: Staging::new(),
            processes: Staging::new(),
            check_ins: Staging::new(),
            discounts: Staging::new(),
            produced: Vec::new(),
            drawn: HashSet::new(),
        }
    }

    /// Runs `commands` and everything they trigger; returns every event
    /// produced, in order. Any refusal aborts the whole cascade.
    pub fn run(mut self, commands: Vec<AggregateCommand>) -> Result<Vec<Produced>, AppError> {
        let mut queue: VecDeque<AggregateCommand> = commands.into();
        let mut budget = MAX_COMMANDS;
        while let Some(command) = queue.pop_front() {
            budget = budget
                .checked_sub(1)
                .ok_or_else(|| AppError::Internal(Message::new("the action did not settle")))?;
            let causation_id = Uuid::now_v7();
            let Decision {
                events,
                commands: mut follow,
            } = self.handle(&command)?;
            for event in events {
                let (pm_events, commands) = self.react(&event)?;
                self.produced.push(Produced {
                    event,
                    causation_id,
                });
                self.produced
                    .extend(pm_events.into_iter().map(|event| Produced {
                        event,
                        causation_id,
                    }));
                follow.extend(commands);
            }
            queue.extend(follow);
        }
        Ok(self.produced)
    }

    fn handle(&mut self, command: &AggregateCommand) -> Result<Decision, AppError> {
        let b = self.base;
        Ok(match command {
            AggregateCommand::Conference(id, c) => {
                self.conferences
                    .exec(&b.conferences, *id, Conference::new, c)?
            }
            AggregateCommand::Availability(id, c) => {
                self.availability
                    .exec(&b.availability, *id, SeatsAvailability::new, c)?
            }
            AggregateCommand::Order(id, c) => self.orders.exec(&b.orders, *id, Order::new, c)?,
            AggregateCommand::Payment(id, c) => {
                self.payments.exec(&b.payments, *id, Payment::new, c)?
            }
            AggregateCommand::Assignments(id, c) => {
                self.assignments
                    .exec(&b.assignments, *id, SeatAssignments::new, c)?
            }
            AggregateCommand::Process(id, c) => {
                self.processes
                    .exec(&b.processes, *id, RegistrationProcess::new, c)?
            }
            AggregateCommand::CheckIn(id, c) => {
                self.check_ins
                    .exec(&b.check_ins, *id, OrderCheckIn::new, c)?
            }
            AggregateCommand::Discounts(id, c) => {
                self.discounts
                    .exec(&b.discounts, *id, DiscountCodes::new, c)?
            }
        })
    }

    /// What an event triggers: the policies' commands, then the process
    /// manager's. Returns the process manager's own events (written right
    /// after the event) and the commands to queue.
    fn react(&mut self, event: &Event) -> Result<(Vec<Event>, Vec<AggregateCommand>), AppError> {
        let mut commands = self.policies(event);
        let Some(order_id) = policies::process_for(event) else {
            return Ok((Vec::new(), commands));
        };
        let pricing = match event {
            Event::SeatsReserved(_) => self.pricing_for(order_id),
            _ => None,
        };
        let react = ProcessCommand::React {
            event: Box::new(event.clone()),
            now: self.now,
            pricing,
        };
        let decision = self.processes.exec(
            &self.base.processes,
            order_id,
            RegistrationProcess::new,
            &react,
        )?;
        commands.extend(decision.commands);
        Ok((decision.events, commands))
    }

    /// The integration policies' commands for `event`, with the facts they
    /// need looked up in the staged aggregates.
    fn policies(&mut self, event: &Event) -> Vec<AggregateCommand> {
        let b = self.base;
        match event {
            Event::SeatCreated(e) => vec![policies::seats_for_new_type(e)],
            Event::SeatUpdated(e) => {
                let availability = self.availability.view(
                    &b.availability,
                    e.conference_id,
                    SeatsAvailability::new,
                );
                let quota = availability.quota(e.seat_type);
                policies::seats_for_new_quota(e, quota)
                    .into_iter()
                    .collect()
            }
            Event::OrderConfirmed(e) => {
                let order = self.orders.view(&b.orders, e.order_id, Order::new);
                let (reserved, conference) = (order.reserved.clone(), order.conference_id);
                let mut commands = vec![policies::assignments_for_confirmed_order(e, &reserved)];
                if let Some(conference) = conference {
                    let codes = self.draw_ticket_codes(policies::seat_count(&reserved));
                    commands.push(policies::tickets_for_confirmed_order(e, conference, codes));
                }
                commands
            }
            Event::OrderExpired(e) => self.release_discount(e.order_id),
            Event::OrderCancelled(e) => {
                let order = self.orders.view(&b.orders, e.order_id, Order::new);
                let mut commands: Vec<AggregateCommand> =
                    policies::release_sold_seats(e, order.was_confirmed, &order.reserved)
                        .into_iter()
                        .collect();
                commands.extend(self.release_discount(e.order_id));
                commands
            }
            Event::DiscountCodeRedeemed(e) => self.reprice(e.order_id),
            _ => Vec::new(),
        }
    }

    /// `n` fresh ticket codes: none already in the log (as far as this
    /// desk has seen it) nor drawn earlier in this action.
    fn draw_ticket_codes(&mut self, n: usize) -> Vec<String> {
        draw_ticket_codes(&self.base.ticket_codes, &mut self.drawn, n)
    }

    /// An expired or cancelled order gives its discount code's use back
    /// (issue 18.7), in the same action, like its seats.
    fn release_discount(&mut self, order_id: OrderId) -> Vec<AggregateCommand> {
        let b = self.base;
        let Some(conference_id) = self
            .orders
            .view(&b.orders, order_id, Order::new)
            .conference_id
        else {
            return Vec::new();
        };
        let holds = self
            .discounts
            .view(&b.discounts, conference_id, DiscountCodes::new)
            .holders
            .contains_key(&order_id);
        if !holds {
            return Vec::new();
        }
        vec![AggregateCommand::Discounts(
            conference_id,
            DiscountCommand::ReleaseDiscountCode { order_id },
        )]
    }

    /// A code redeemed for an order whose seats are already reserved prices
    /// its lines again; an order still waiting for seats is priced with the
    /// code when they are reserved. A paid, expired or cancelled order
    /// refuses the repricing, and so the whole action.
    fn reprice(&mut self, order_id: OrderId) -> Vec<AggregateCommand> {
        let b = self.base;
        let status = self.orders.view(&b.orders, order_id, Order::new).status;
        if matches!(
            status,
            OrderStatus::NotPlaced | OrderStatus::PendingReservation
        ) {
            return Vec::new();
        }
        let Some(Pricing {
            prices,
            currency,
            discount,
        }) = self.pricing_for(order_id)
        else {
            return Vec::new();
        };
        vec![AggregateCommand::Order(
            order_id,
            OrderCommand::RepriceOrder {
                prices,
                currency,
                discount,
            },
        )]
    }

    /// The unit prices of the order's conference (the pricing service), if
    /// the order and its conference are known.
    fn pricing_for(&mut self, order_id: OrderId) -> Option<Pricing> {
        let b = self.base;
        let conference_id = self
            .orders
            .view(&b.orders, order_id, Order::new)
            .conference_id?;
        let conference = self
            .conferences
            .view(&b.conferences, conference_id, Conference::new);
        let currency = conference.info.as_ref()?.currency;
        let prices = conference
            .seats
            .iter()
            .map(|(id, s)| (*id, s.price))
            .collect();
        let discount = self
            .discounts
            .view(&b.discounts, conference_id, DiscountCodes::new)
            .terms_for(order_id);
        Some(Pricing {
            prices,
            currency,
            discount,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_action_that_never_settles_is_an_internal_error_not_a_refusal() {
        let base = WriteModel::default();
        let now = DateTime::from_timestamp(1_800_000_000, 0).unwrap();
        let order = OrderId(Uuid::from_u128(1));
        // More commands than any action may run: the guard against a policy
        // loop trips. That is a bug in confdesk, not a refused request.
        let commands =
            vec![AggregateCommand::Process(order, ProcessCommand::Expire { now }); 10_001];
        let err = Cascade::new(&base, now).run(commands).unwrap_err();
        assert!(matches!(err, AppError::Internal(_)), "{err:?}");
        assert_eq!(crate::cli::exit_code(&anyhow::Error::from(err)), 1);
    }
}
