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

    /// The rule in plain words for a screen that shows it beside its
    /// field, so the field needs no naming: an empty e-mail is "Enter an
    /// e-mail address", no seat chosen is "Choose at least one seat". A
    /// rule that has no plainer wording for this field is returned as it
    /// is (its key unchanged, so a caller can tell and name the field).
    pub fn plain_rule(&self) -> Message {
        let m = Message::new;
        match (self.rule.key, &self.field) {
            ("is required", Field::Email | Field::AttendeeEmail | Field::OwnerEmail) => {
                m("Enter an e-mail address")
            }
            ("is required", Field::FirstName | Field::AttendeeFirstName) => m("Enter a first name"),
            ("is required", Field::LastName | Field::AttendeeLastName) => m("Enter a last name"),
            ("is required", Field::Name | Field::SeatTypeName) => m("Enter a name"),
            ("is required", Field::OwnerName) => m("Enter the owner's name"),
            ("is required", Field::AttendeeName) => m("Enter the attendee's name"),
            ("is required", _) => m("Required"),
            ("One or more items are required", _) => m("Choose at least one seat"),
            _ => self.rule.clone(),
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_rules_say_what_to_do_without_the_fields_internal_name() {
        let plain = |field: Field, rule: &'static str| {
            FieldError::new(field, Message::new(rule))
                .plain_rule()
                .to_string()
        };
        assert_eq!(
            plain(Field::AttendeeEmail, "is required"),
            "Enter an e-mail address"
        );
        assert_eq!(
            plain(Field::Email, "is required"),
            "Enter an e-mail address"
        );
        assert_eq!(
            plain(Field::Seats, "One or more items are required"),
            "Choose at least one seat"
        );
        assert_eq!(plain(Field::Quota, "is required"), "Required");
        // Nothing plainer: the rule as it is, same key.
        let e = FieldError::new(Field::Slug, Message::new("must be 2 to 64 characters"));
        assert_eq!(e.plain_rule(), e.rule);
    }
}
