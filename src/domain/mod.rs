//! The pure domain: aggregates decide (`handle`) and assign (`apply`); the
//! registration process manager is an aggregate too, whose decisions also
//! name the commands it sends; the integration policies ([`policies`]) say
//! which commands an event causes. No I/O, no clock, no randomness: time,
//! ids, access codes and prices arrive inside commands.

mod error;
pub mod events;
mod field;
mod ids;
pub mod message;
mod money;
pub mod validation;

pub mod check_in;
pub mod conference;
pub mod discount;
pub mod order;
pub mod payment;
pub mod person_name;
pub mod policies;
pub mod registration_process;
pub mod search_key;
pub mod seat_assignments;
pub mod seats_availability;
pub mod staff_code;

pub use error::{DomainError, FieldError, already_checked_in, fields_message};
pub use events::{Event, StreamKey};
pub use field::Field;
pub use ids::{ConferenceId, OrderId, PaymentId, SeatTypeId};
pub use message::{Arg, Message};
pub use money::{Currency, MAX_MINOR, Money};

/// An event-sourced aggregate: `handle` decides which events a command
/// produces (pure, sync); `apply` folds an event into the state and only
/// assigns.
pub trait Aggregate {
    /// The commands this aggregate handles.
    type Command;
    /// Folds one of this aggregate's events into the state (others are ignored).
    fn apply(&mut self, event: &Event);
    /// Decides the events for a command, or refuses it.
    fn handle(&self, command: &Self::Command) -> Result<Vec<Event>, DomainError>;
    /// [`Aggregate::handle`] together with the commands the decision sends
    /// to other aggregates. Only the registration process manager sends
    /// any; for the others this is `handle` with no commands, so the
    /// cascade stages and runs every aggregate the same way.
    fn decide(&self, command: &Self::Command) -> Result<Decision, DomainError> {
        Ok(Decision {
            events: self.handle(command)?,
            commands: Vec::new(),
        })
    }
}

/// What an aggregate decided: its own new events and the commands it sends.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Decision {
    /// Its own events (to its stream), in order.
    pub events: Vec<Event>,
    /// Commands for other aggregates, in order.
    pub commands: Vec<AggregateCommand>,
}

/// A command addressed to one aggregate instance: what the cascade queues,
/// whether a user action, a policy or the process manager sent it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AggregateCommand {
    /// To a conference.
    Conference(ConferenceId, conference::ConferenceCommand),
    /// To a conference's SeatsAvailability.
    Availability(ConferenceId, seats_availability::AvailabilityCommand),
    /// To an order.
    Order(OrderId, order::OrderCommand),
    /// To a payment.
    Payment(PaymentId, payment::PaymentCommand),
    /// To an order's seat assignments.
    Assignments(OrderId, seat_assignments::AssignmentsCommand),
    /// To an order's registration process manager.
    Process(OrderId, registration_process::ProcessCommand),
    /// To an order's check-ins at the door.
    CheckIn(OrderId, check_in::CheckInCommand),
    /// To a conference's discount codes.
    Discounts(ConferenceId, discount::DiscountCommand),
}

#[cfg(test)]
pub(crate) mod testing {
    //! Given (past events) / when (command) / then (events or error).
    use super::{Aggregate, DomainError, Event};

    /// Applies `given` to `aggregate`, then handles `when`.
    pub fn given_when<A: Aggregate>(
        mut aggregate: A,
        given: &[Event],
        when: &A::Command,
    ) -> Result<Vec<Event>, DomainError> {
        for e in given {
            aggregate.apply(e);
        }
        aggregate.handle(when)
    }
}
