//! Runs one user action to the end: command → aggregate → events →
//! integration policies ([`crate::domain::policies`]) and the registration
//! process manager → further commands → … Every aggregate, the process
//! manager included, is decided and staged the same way. The write model
//! is never changed here: aggregates are staged copy-on-write
//! (`staging.rs`), so a refusal anywhere in the cascade (say, a quota lowered
//! below what is sold) leaves nothing behind: the caller appends all
//! produced events in one transaction, or none.

use crate::app::AppError;
use crate::app::staging::Staging;
use crate::app::write_model::WriteModel;
use crate::domain::Message;
use crate::domain::check_in::OrderCheckIn;
use crate::domain::conference::Conference;
use crate::domain::order::Order;
use crate::domain::payment::Payment;
use crate::domain::policies;
use crate::domain::registration_process::{Pricing, ProcessCommand, RegistrationProcess};
use crate::domain::seat_assignments::SeatAssignments;
use crate::domain::seats_availability::SeatsAvailability;
use crate::domain::{AggregateCommand, ConferenceId, Decision, Event, OrderId, PaymentId};
use chrono::{DateTime, Utc};
use std::collections::VecDeque;
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
    produced: Vec<Produced>,
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
            produced: Vec::new(),
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
                vec![policies::assignments_for_confirmed_order(
                    e,
                    &order.reserved,
                )]
            }
            Event::OrderCancelled(e) => {
                let order = self.orders.view(&b.orders, e.order_id, Order::new);
                policies::release_sold_seats(e, order.was_confirmed, &order.reserved)
                    .into_iter()
                    .collect()
            }
            _ => Vec::new(),
        }
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
        Some(Pricing { prices, currency })
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
