//! The app layer's error: what a user action can fail with, sorted by how
//! the CLI and the window handle it (show the field rule, say "not found",
//! explain the refusal (the door's "already checked in" with its time), or report a storage problem).

use crate::app::event_codec::DecodeError;
use crate::domain::{DomainError, Field, FieldError, Message, already_checked_in, fields_message};
use crate::store::{CodecError, StoreError};
use chrono::{DateTime, Utc};

/// Why a user action or query failed.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// Bad input: each field with the rule it broke.
    #[error("{}", fields_message(.0))]
    Validation(Vec<FieldError>),
    /// Not found, or a wrong access code (deliberately the same answer).
    #[error("{0}")]
    NotFound(Message),
    /// Too many wrong access codes for this conference.
    #[error("too many wrong access codes: this conference is locked until {} UTC", .until.format("%H:%M"))]
    Locked {
        /// When it unlocks.
        until: DateTime<Utc>,
    },
    /// Too many wrong order codes given with one e-mail ("find my order").
    #[error("too many wrong order codes for this e-mail: try again after {} UTC", .until.format("%H:%M"))]
    OrderLookupLocked {
        /// When look-ups for the e-mail are allowed again.
        until: DateTime<Utc>,
    },
    /// Too many wrong codes given with this order's id.
    #[error("too many wrong access codes for this order: try again after {} UTC", .until.format("%H:%M"))]
    OrderLocked {
        /// When the order's look-ups are allowed again.
        until: DateTime<Utc>,
    },
    /// The access file that counts wrong codes cannot be read or written:
    /// codes are not checked at all rather than checked without a lock.
    #[error("{} {problem}; access codes cannot be checked until it is fixed or removed", .path.display())]
    AccessFile {
        /// The file (or its lock file).
        path: std::path::PathBuf,
        /// What is wrong with it, e.g. "is not readable (…)".
        problem: Message,
    },
    /// A valid request the current state refuses (paying an expired order…).
    #[error("{0}")]
    Conflict(Message),
    /// A bug in confdesk, not a refused request (say, an action whose
    /// cascade did not settle): nothing was written.
    #[error("internal error: {0}")]
    Internal(Message),
    /// The seat's attendee is already checked in: the message carries the
    /// instant (the CLI shows it in UTC, the window in local time).
    #[error("{}", already_checked_in(*.at))]
    AlreadyCheckedIn {
        /// The seat (0-based position in its order).
        position: u32,
        /// When it was checked in.
        at: DateTime<Utc>,
    },
    /// The event log failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// A file the desk writes (an export, an outbox mail) could not be written.
    #[error("could not write {}: {detail}", .path.display())]
    Io {
        /// The file.
        path: std::path::PathBuf,
        /// What went wrong.
        detail: String,
    },
    /// An event could not be encoded.
    #[error("could not encode an event: {0}")]
    Encode(#[from] CodecError),
    /// A stored event could not be decoded.
    #[error("the log holds an event this confdesk cannot read at position {position}: {source}")]
    Decode {
        /// Where in the log.
        position: u64,
        /// What went wrong.
        source: DecodeError,
    },
}

impl AppError {
    /// A validation error for one field.
    pub fn field(field: Field, rule: Message) -> Self {
        Self::Validation(vec![FieldError::new(field, rule)])
    }

    /// The error in words: English through `Display`, any language through
    /// the window's `say`.
    pub fn message(&self) -> Message {
        match self {
            Self::Validation(f) => fields_message(f),
            Self::NotFound(m) | Self::Conflict(m) => m.clone(),
            Self::Internal(m) => {
                Message::new("internal error: {detail}").message("detail", m.clone())
            }
            Self::Locked { until } => {
                Message::new("too many wrong access codes: this conference is locked until {time}")
                    .instant("time", *until)
            }
            Self::OrderLookupLocked { until } => {
                Message::new("too many wrong order codes for this e-mail: try again after {time}")
                    .instant("time", *until)
            }
            Self::OrderLocked { until } => {
                Message::new("too many wrong access codes for this order: try again after {time}")
                    .instant("time", *until)
            }
            Self::AccessFile { path, problem } => Message::new(
                "{path} {problem}; access codes cannot be checked until it is fixed or removed",
            )
            .text("path", path.display().to_string())
            .message("problem", problem.clone()),
            Self::AlreadyCheckedIn { at, .. } => already_checked_in(*at),
            Self::Store(e) => e.message(),
            Self::Io { path, detail } => Message::new("could not write {path}: {detail}")
                .text("path", path.display().to_string())
                .text("detail", detail.clone()),
            Self::Encode(e) => {
                Message::new("could not encode an event: {detail}").text("detail", e.to_string())
            }
            Self::Decode { position, source } => Message::new(
                "the log holds an event this confdesk cannot read at position {position}: {detail}",
            )
            .text("position", position.to_string())
            .text("detail", source.to_string()),
        }
    }
}

impl From<DomainError> for AppError {
    fn from(e: DomainError) -> Self {
        match e {
            DomainError::Validation(f) => Self::Validation(f),
            DomainError::NotFound(m) => Self::NotFound(m),
            DomainError::Conflict(m) => Self::Conflict(m),
            DomainError::AlreadyCheckedIn { position, at } => {
                Self::AlreadyCheckedIn { position, at }
            }
        }
    }
}

impl From<FieldError> for AppError {
    fn from(e: FieldError) -> Self {
        Self::Validation(vec![e])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_is_the_message_in_english() {
        let at: DateTime<Utc> = "2026-11-25T09:42:00Z".parse().unwrap();
        let errors = [
            AppError::field(Field::Slug, Message::new("is required")),
            AppError::NotFound(Message::new("order not found")),
            AppError::Conflict(Message::new("the order is already paid")),
            AppError::Locked { until: at },
            AppError::OrderLookupLocked { until: at },
            AppError::OrderLocked { until: at },
            AppError::AccessFile {
                path: "/tmp/a.access.json".into(),
                problem: Message::new("is not a regular file (a directory?)"),
            },
            AppError::AlreadyCheckedIn { position: 0, at },
            AppError::Io {
                path: "/tmp/a.csv".into(),
                detail: "disk full".into(),
            },
            AppError::Store(StoreError::Missing {
                path: "/tmp/a.redb".into(),
            }),
        ];
        for e in errors {
            assert_eq!(e.message().to_string(), e.to_string());
        }
    }
}
