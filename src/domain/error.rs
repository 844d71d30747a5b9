//! Errors a command can be refused with, sorted by how the caller handles
//! them: show the field rule, say "not found", or explain the refused change.
//! Each carries a [`Message`] (typed words), never finished English: `Display`
//! fills in English for the CLI, and the window translates by key.

use crate::domain::{Field, Message};
use chrono::{DateTime, Utc};
use std::fmt;

/// A field that broke a rule: the message names both ("slug: only a-z, 0-9 and '-'").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    /// The field, as a value screens can match.
    pub field: Field,
    /// The rule it broke.
    pub rule: Message,
}

impl FieldError {
    /// A new field error.
    pub fn new(field: Field, rule: Message) -> Self {
        Self { field, rule }
    }

    /// "field: rule" as a message.
    pub fn message(&self) -> Message {
        Message::new("{field}: {rule}")
            .field("field", &self.field)
            .message("rule", self.rule.clone())
    }
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.message().fmt(f)
    }
}

/// The field errors joined with "; " as one message.
pub fn fields_message(fields: &[FieldError]) -> Message {
    Message::new("{fields}").arg(
        "fields",
        crate::domain::message::Arg::List(fields.iter().map(FieldError::message).collect()),
    )
}

/// "Already checked in at {time}" with the instant: the CLI shows it in
/// UTC, the window in local time.
pub fn already_checked_in(at: DateTime<Utc>) -> Message {
    Message::new("Already checked in at {time}").instant("time", at)
}

/// Why a domain command was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DomainError {
    /// Bad input: one or more fields break a rule.
    #[error("{}", fields_message(.0))]
    Validation(Vec<FieldError>),
    /// The thing the command is about does not exist.
    #[error("{0}")]
    NotFound(Message),
    /// The command is valid but the aggregate's state refuses it.
    #[error("{0}")]
    Conflict(Message),
    /// The seat's attendee is already checked in (since `at`).
    #[error("{}", already_checked_in(*.at))]
    AlreadyCheckedIn {
        /// The seat (0-based position in its order).
        position: u32,
        /// When it was checked in.
        at: DateTime<Utc>,
    },
}

impl DomainError {
    /// A validation error for one field.
    pub fn field(field: Field, rule: Message) -> Self {
        Self::Validation(vec![FieldError::new(field, rule)])
    }

    /// The error in words.
    pub fn message(&self) -> Message {
        match self {
            Self::Validation(f) => fields_message(f),
            Self::NotFound(m) | Self::Conflict(m) => m.clone(),
            Self::AlreadyCheckedIn { at, .. } => already_checked_in(*at),
        }
    }
}

impl From<FieldError> for DomainError {
    fn from(e: FieldError) -> Self {
        Self::Validation(vec![e])
    }
}
