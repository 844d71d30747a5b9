//! Errors a command can be refused with, sorted by how the caller handles
//! them: show the field rule, say "not found", or explain the refused change.

use std::fmt;

/// A field that broke a rule: the message names both ("slug: only a-z, 0-9 and '-'").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    /// The field as the user knows it (`slug`, `owner email`, `quantity of General`).
    pub field: String,
    /// The rule it broke, in plain words.
    pub rule: String,
}

impl FieldError {
    /// A new field error.
    pub fn new(field: impl Into<String>, rule: impl Into<String>) -> Self {
        Self {
            field: field.into(),
            rule: rule.into(),
        }
    }
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.rule)
    }
}

/// Why a domain command was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DomainError {
    /// Bad input: one or more fields break a rule.
    #[error("{}", join_fields(.0))]
    Validation(Vec<FieldError>),
    /// The thing the command is about does not exist.
    #[error("{0}")]
    NotFound(String),
    /// The command is valid but the aggregate's state refuses it.
    #[error("{0}")]
    Conflict(String),
    /// The seat's attendee is already checked in (since `at`); the app
    /// shows the time in local `HH:MM`.
    #[error("Already checked in at {} UTC", .at.format("%H:%M"))]
    AlreadyCheckedIn {
        /// The seat (0-based position in its order).
        position: u32,
        /// When it was checked in.
        at: chrono::DateTime<chrono::Utc>,
    },
}

impl DomainError {
    /// A validation error for one field.
    pub fn field(field: impl Into<String>, rule: impl Into<String>) -> Self {
        Self::Validation(vec![FieldError::new(field, rule)])
    }
}

impl From<FieldError> for DomainError {
    fn from(e: FieldError) -> Self {
        Self::Validation(vec![e])
    }
}

fn join_fields(fields: &[FieldError]) -> String {
    fields
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("; ")
}
