//! Runs one user action to the end: command → aggregate → events → process
//! manager and integration policies → further commands → … The write model
//! is never changed here: aggregates are staged copy-on-write
//! (`staging.rs`), so a refusal anywhere in the cascade (say, a quota lowered
//! below what is sold) leaves nothing behind: the caller appends all
//! produced events in one transaction, or none.

use crate::app::AppError;
use crate::app::staging::Staging;
use crate::app::write_model::WriteModel;
use crate::domain::Message;
use crate::domain::check_in::{CheckInCommand, OrderCheckIn};
use crate::domain::conference::{Conference, ConferenceCommand};
use crate::domain::events::SeatQuantity;
use crate::domain::order::{Order, OrderCommand};
use crate::domain::payment::{Payment, PaymentCommand};
use crate::domain::registration_process::{Decision, ProcessCommand, RegistrationProcess};
use crate::domain::seat_assignments::{AssignmentsCommand, SeatAssignments};
use crate::domain::seats_availability::{AvailabilityCommand, SeatsAvailability};
use crate::domain::{ConferenceId, Event, OrderId, PaymentId};
use chrono::{DateTime, Utc};
use std::collections::{HashMap, VecDeque};
use uuid::Uuid;

/// A command addressed to one aggregate instance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// To a conference.
    Conference(ConferenceId, ConferenceCommand),
    /// To a conference's SeatsAvailability.
    Availability(ConferenceId, AvailabilityCommand),
    /// To an order.
    Order(OrderId, OrderCommand),
    /// To a payment.
    Payment(PaymentId, PaymentCommand),
    /// To an order's seat assignments.
    Assignments(OrderId, AssignmentsCommand),
    /// ExpireRegistrationProcess, to an order's process manager.
    ExpireRegistrationProcess(OrderId),
    /// To an order's check-ins at the door.
    CheckIn(OrderId, CheckInCommand),
}

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
    /// Process managers are small: staged as whole copies.
    processes: HashMap<OrderId, RegistrationProcess>,
    check_ins: Staging<OrderId, OrderCheckIn>,
    produced: Vec<Produced>,
}

/// The process manager of `order_id` as this cascade has left it so far.
fn staged_process<'m>(
    staged: &'m mut HashMap<OrderId, RegistrationProcess>,
    base: &HashMap<OrderId, RegistrationProcess>,
    order_id: OrderId,
) -> &'m mut RegistrationProcess {
    staged.entry(order_id).or_insert_with(|| {
        base.get(&order_id)
            .cloned()
            .unwrap_or_else(|| RegistrationProcess::new(order_id))
    })
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
            processes: HashMap::new(),
            check_ins: Staging::new(),
            produced: Vec::new(),
        }
    }

    /// Runs `commands` and everything they trigger; returns every event
    /// produced, in order. Any refusal aborts the whole cascade.
    pub fn run(mut self, commands: Vec<Command>) -> Result<Vec<Produced>, AppError> {
        let mut queue: VecDeque<Command> = commands.into();
        // A cascade is finite by construction; the bound only guards against a
        // policy bug turning into an endless loop.
        let mut budget = 10_000_u32;
        while let Some(command) = queue.pop_front() {
            budget = budget.checked_sub(1).ok_or_else(|| {
                AppError::Conflict(Message::new("internal error: the action did not settle"))
            })?;
            let causation_id = Uuid::now_v7();
            let (events, mut follow) = self.handle(&command)?;
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

    fn handle(&mut self, command: &Command) -> Result<(Vec<Event>, Vec<Command>), AppError> {
        let b = self.base;
        let events = match command {
            Command::Conference(id, c) => {
                self.conferences
                    .exec(&b.conferences, *id, Conference::new, c)?
            }
            Command::Availability(id, c) => {
                self.availability
                    .exec(&b.availability, *id, SeatsAvailability::new, c)?
            }
            Command::Order(id, c) => self.orders.exec(&b.orders, *id, Order::new, c)?,
            Command::Payment(id, c) => self.payments.exec(&b.payments, *id, Payment::new, c)?,
            Command::Assignments(id, c) => {
                self.assignments
                    .exec(&b.assignments, *id, SeatAssignments::new, c)?
            }
            Command::CheckIn(id, c) => {
                self.check_ins
                    .exec(&b.check_ins, *id, OrderCheckIn::new, c)?
            }
            Command::ExpireRegistrationProcess(order_id) => {
                let pm = staged_process(&mut self.processes, &b.processes, *order_id);
                let decision = pm.on_expire(self.now);
                return self.take_decision(*order_id, decision);
            }
        };
        Ok((events, Vec::new()))
    }

    /// Integration policies and the process manager: what an event triggers.
    /// Returns the process manager's own events and the commands to queue.
    fn react(&mut self, event: &Event) -> Result<(Vec<Event>, Vec<Command>), AppError> {
        let mut commands = Vec::new();
        match event {
            Event::SeatCreated(e) => commands.push(Command::Availability(
                e.conference_id,
                AvailabilityCommand::AddSeats {
                    seat_type: e.seat_type,
                    quantity: e.info.quota,
                },
            )),
            Event::SeatUpdated(e) => {
                let availability = self.availability.view(
                    &self.base.availability,
                    e.conference_id,
                    SeatsAvailability::new,
                );
                let diff = i64::from(e.info.quota) - availability.quota(e.seat_type);
                let quantity = u32::try_from(diff.unsigned_abs()).unwrap_or(u32::MAX);
                let seat_type = e.seat_type;
                if diff > 0 {
                    commands.push(Command::Availability(
                        e.conference_id,
                        AvailabilityCommand::AddSeats {
                            seat_type,
                            quantity,
                        },
                    ));
                } else if diff < 0 {
                    commands.push(Command::Availability(
                        e.conference_id,
                        AvailabilityCommand::RemoveSeats {
                            seat_type,
                            quantity,
                        },
                    ));
                }
            }
            Event::OrderConfirmed(e) => {
                let order = self.orders.view(&self.base.orders, e.order_id, Order::new);
                let seats: Vec<SeatQuantity> = order
                    .reserved
                    .iter()
                    .copied()
                    .filter(|s| s.quantity > 0)
                    .collect();
                commands.push(Command::Assignments(
                    e.order_id,
                    AssignmentsCommand::CreateSeatAssignments { seats },
                ));
            }
            _ => {}
        }
        let pm_order = match event {
            Event::OrderPlaced(e) => Some(e.order_id),
            Event::OrderUpdated(e) => Some(e.order_id),
            Event::OrderConfirmed(e) => Some(e.order_id),
            Event::SeatsReserved(e) => Some(e.reservation_id),
            Event::PaymentCompleted(e) => Some(e.order_id),
            _ => None,
        };
        let mut pm_events = Vec::new();
        if let Some(order_id) = pm_order {
            let pm = staged_process(&mut self.processes, &self.base.processes, order_id);
            let decision = pm.on_event(event, self.now);
            let (events, more) = self.take_decision(order_id, decision)?;
            pm_events = events;
            commands.extend(more);
        }
        Ok((pm_events, commands))
    }

    /// Applies the process manager's own events to its staged state and turns
    /// its commands into addressed ones.
    fn take_decision(
        &mut self,
        order_id: OrderId,
        decision: Decision,
    ) -> Result<(Vec<Event>, Vec<Command>), AppError> {
        let pm = staged_process(&mut self.processes, &self.base.processes, order_id);
        for e in &decision.events {
            pm.apply(e);
        }
        let mut commands = Vec::new();
        for c in decision.commands {
            commands.push(match c {
                ProcessCommand::MakeSeatReservation {
                    conference_id,
                    order_id,
                    seats,
                } => Command::Availability(
                    conference_id,
                    AvailabilityCommand::MakeSeatReservation {
                        reservation_id: order_id,
                        seats,
                    },
                ),
                ProcessCommand::MarkSeatsAsReserved {
                    order_id,
                    seats,
                    expiration,
                } => {
                    let (prices, currency) = self.prices_for(order_id)?;
                    Command::Order(
                        order_id,
                        OrderCommand::MarkSeatsAsReserved {
                            seats,
                            expiration,
                            prices,
                            currency,
                        },
                    )
                }
                ProcessCommand::CommitSeatReservation {
                    conference_id,
                    order_id,
                } => Command::Availability(
                    conference_id,
                    AvailabilityCommand::CommitSeatReservation {
                        reservation_id: order_id,
                    },
                ),
                ProcessCommand::ConfirmOrder { order_id } => {
                    Command::Order(order_id, OrderCommand::ConfirmOrder)
                }
                ProcessCommand::CancelSeatReservation {
                    conference_id,
                    order_id,
                } => Command::Availability(
                    conference_id,
                    AvailabilityCommand::CancelSeatReservation {
                        reservation_id: order_id,
                    },
                ),
                ProcessCommand::RejectOrder { order_id } => {
                    Command::Order(order_id, OrderCommand::RejectOrder)
                }
            });
        }
        Ok((decision.events, commands))
    }

    /// The unit prices of the order's conference (the pricing service).
    fn prices_for(
        &mut self,
        order_id: OrderId,
    ) -> Result<
        (
            Vec<(crate::domain::SeatTypeId, crate::domain::Money)>,
            crate::domain::Currency,
        ),
        AppError,
    > {
        let conference_id = self
            .orders
            .view(&self.base.orders, order_id, Order::new)
            .conference_id
            .ok_or_else(|| AppError::NotFound(Message::new("order not found")))?;
        let conference =
            self.conferences
                .view(&self.base.conferences, conference_id, Conference::new);
        let currency = conference
            .info
            .as_ref()
            .map(|i| i.currency)
            .ok_or_else(|| AppError::NotFound(Message::new("conference not found")))?;
        Ok((
            conference
                .seats
                .iter()
                .map(|(id, s)| (*id, s.price))
                .collect(),
            currency,
        ))
    }
}
