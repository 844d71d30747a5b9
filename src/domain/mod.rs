//! The pure domain: aggregates decide (`handle`) and assign (`apply`); the
//! registration process manager decides what happens next. No I/O, no clock,
//! no randomness: time, ids and access codes arrive inside commands.

mod error;
pub mod events;
mod field;
mod ids;
pub mod message;
mod money;
pub mod validation;

pub mod check_in;
pub mod conference;
pub mod order;
pub mod payment;
pub mod registration_process;
pub mod seat_assignments;
pub mod seats_availability;

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
