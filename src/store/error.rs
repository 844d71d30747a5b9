//! Errors of the event log. Every message names the log file where there is one,
//! so that it can be shown to the user as it is.

use crate::domain::Message;
use std::path::PathBuf;

/// Why an event-log operation failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    /// The file exists but is not (or is no longer) a readable confdesk event
    /// log. The file was left unchanged.
    #[error("{} is not a confdesk event log: {reason}", path.display())]
    NotALog {
        /// The file that was refused.
        path: PathBuf,
        /// What is wrong with it, in words.
        reason: Message,
    },

    /// Another confdesk (another process, or another handle in this one) has
    /// the log open for writing.
    #[error("the log {} is in use by another confdesk ({})", path.display(), pid_text(*pid))]
    InUse {
        /// The log that is in use.
        path: PathBuf,
        /// Process id of the holder, when it could be found out.
        pid: Option<u32>,
    },

    /// An open of a file that does not exist, in a mode that does not
    /// create one.
    #[error("the log {} does not exist", path.display())]
    Missing {
        /// The missing file.
        path: PathBuf,
    },

    /// The log was written by a newer confdesk, in a format this one does not know.
    #[error(
        "the log {} has format version {found}, but this confdesk only understands versions up to {supported}; use a newer confdesk",
        path.display()
    )]
    NewerVersion {
        /// The log.
        path: PathBuf,
        /// Format version found in the file.
        found: u32,
        /// Highest format version this build supports.
        supported: u32,
    },

    /// An append's `expected_version` did not match the stream's version;
    /// nothing was written.
    #[error(
        "stream {stream_id} is at version {actual}, but the append expected version {expected}; nothing was written"
    )]
    Concurrency {
        /// The stream whose version did not match.
        stream_id: String,
        /// The version the caller expected.
        expected: u64,
        /// The stream's version at the time of the append.
        actual: u64,
    },

    /// An append on a log opened read-only.
    #[error("the log {} is open read-only; it cannot be appended to", path.display())]
    ReadOnly {
        /// The log.
        path: PathBuf,
    },

    /// Stored data could not be read back (for example an envelope that
    /// fails to decode).
    #[error("the log {} is damaged: {detail}", path.display())]
    Corrupt {
        /// The log.
        path: PathBuf,
        /// What was found, including the position where known.
        detail: String,
    },

    /// An operating-system I/O error.
    #[error("I/O error on {}: {source}", path.display())]
    Io {
        /// The file or folder involved.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },

    /// Any other error from the storage engine, as text.
    #[error("storage error on {}: {detail}", path.display())]
    Storage {
        /// The log.
        path: PathBuf,
        /// The engine's description of the error.
        detail: String,
    },

    /// Something exists at the log's path but is not a regular file (a
    /// folder, a named pipe, a device, a socket); it was not opened.
    #[error("{} is {kind}, not a regular file, so it cannot be a confdesk log", path.display())]
    NotAFile {
        /// The path given for the log.
        path: PathBuf,
        /// What is there ("a folder", "a named pipe (FIFO)").
        kind: Message,
    },

    /// Repairing a log needs a safety copy of it beside it, and its
    /// file system has too little free space; nothing was written.
    #[error(
        "repairing {} needs {} free beside the log for its safety copy, but only {} is free; nothing was written",
        path.display(),
        size_text(*needed, true),
        size_text(*free, false)
    )]
    NoSpace {
        /// The log that needs a repair.
        path: PathBuf,
        /// Bytes the copy needs.
        needed: u64,
        /// Bytes free for this user on the log's file system.
        free: u64,
    },

    /// A file the store would write beside the log (its safety copy) is
    /// already there; the store never writes over or through it.
    #[error("{} already exists and is {kind}; confdesk will not write over it: {advice}", path.display())]
    SidecarInTheWay {
        /// The path of the sidecar.
        path: PathBuf,
        /// What is there.
        kind: Message,
        /// What the user can do about it.
        advice: Message,
    },

    /// A PostgreSQL connection string that does not parse; nothing was
    /// connected to.
    #[error("the connection string is not valid: {detail}")]
    BadConnectionString {
        /// What the client library found wrong, in words.
        detail: String,
    },

    /// The PostgreSQL server could not be reached or refused the
    /// connection (wrong host, wrong password, timeout).
    #[error("could not connect to the PostgreSQL server for database {database}: {detail}")]
    Unreachable {
        /// The database the log is in.
        database: String,
        /// The client library's description of the failure.
        detail: String,
    },

    /// The PostgreSQL server refused the user: a wrong or missing password,
    /// or a user it does not let in. Nothing was connected to.
    #[error(
        "the PostgreSQL server refused user {user} for database {database}: {detail}; give the password in PGPASSWORD or ~/.pgpass"
    )]
    Refused {
        /// The database the log is in.
        database: String,
        /// The user connecting.
        user: String,
        /// The server's or client library's words.
        detail: String,
    },

    /// The PostgreSQL server answered a query with an error, or the
    /// connection was lost during it.
    #[error("PostgreSQL error on database {database}: {detail}")]
    Server {
        /// The database the log is in.
        database: String,
        /// The server's or client library's description of the error.
        detail: String,
    },

    /// `log copy` into a log that already holds events: a copy must keep
    /// every position, so it only goes into an empty log; nothing was
    /// written.
    #[error(
        "the destination log {place} already holds {} {}; a log is copied only into an empty one, so nothing was written",
        events,
        crate::domain::message::plural(i64::try_from(*events).unwrap_or(i64::MAX), "event", "events")
    )]
    DestinationNotEmpty {
        /// The destination, as its store names itself (a file's path,
        /// `PostgreSQL database NAME`).
        place: String,
        /// How many events it holds (its last position).
        events: u64,
    },
}

impl StoreError {
    /// Whether this is a lost or refused connection to a shared log's
    /// server (the desk is offline), as opposed to damage or a refusal of
    /// the append itself.
    pub fn is_connection(&self) -> bool {
        matches!(
            self,
            Self::Unreachable { .. } | Self::Server { .. } | Self::Refused { .. }
        )
    }

    /// The error in words (its `Display` is this message's English).
    pub fn message(&self) -> Message {
        let p = |path: &PathBuf| path.display().to_string();
        match self {
            Self::NotALog { path, reason } => {
                Message::new("{path} is not a confdesk event log: {reason}")
                    .text("path", p(path))
                    .message("reason", reason.clone())
            }
            Self::InUse { path, pid } => {
                Message::new("the log {path} is in use by another confdesk ({pid})")
                    .text("path", p(path))
                    .text("pid", pid_text(*pid))
            }
            Self::Missing { path } => {
                Message::new("the log {path} does not exist").text("path", p(path))
            }
            Self::NewerVersion { path, found, supported } => Message::new(
                "the log {path} has format version {found}, but this confdesk only understands versions up to {supported}; use a newer confdesk",
            )
            .text("path", p(path))
            .text("found", found.to_string())
            .text("supported", supported.to_string()),
            Self::Concurrency { stream_id, expected, actual } => Message::new(
                "stream {stream} is at version {actual}, but the append expected version {expected}; nothing was written",
            )
            .text("stream", stream_id.clone())
            .text("actual", actual.to_string())
            .text("expected", expected.to_string()),
            Self::ReadOnly { path } => {
                Message::new("the log {path} is open read-only; it cannot be appended to")
                    .text("path", p(path))
            }
            Self::Corrupt { path, detail } => Message::new("the log {path} is damaged: {detail}")
                .text("path", p(path))
                .text("detail", detail.clone()),
            Self::Io { path, source } => Message::new("I/O error on {path}: {detail}")
                .text("path", p(path))
                .text("detail", source.to_string()),
            Self::Storage { path, detail } => Message::new("storage error on {path}: {detail}")
                .text("path", p(path))
                .text("detail", detail.clone()),
            Self::NotAFile { path, kind } => Message::new(
                "{path} is {kind}, not a regular file, so it cannot be a confdesk log",
            )
            .text("path", p(path))
            .message("kind", kind.clone()),
            Self::NoSpace { path, needed, free } => Message::new(
                "repairing {path} needs {needed} free beside the log for its safety copy, but only {free} is free; nothing was written",
            )
            .text("path", p(path))
            .text("needed", size_text(*needed, true))
            .text("free", size_text(*free, false)),
            Self::SidecarInTheWay { path, kind, advice } => Message::new(
                "{path} already exists and is {kind}; confdesk will not write over it: {advice}",
            )
            .text("path", p(path))
            .message("kind", kind.clone())
            .message("advice", advice.clone()),
            Self::BadConnectionString { detail } => {
                Message::new("the connection string is not valid: {detail}")
                    .text("detail", detail.clone())
            }
            Self::Unreachable { database, detail } => Message::new(
                "could not connect to the PostgreSQL server for database {database}: {detail}",
            )
            .text("database", database.clone())
            .text("detail", detail.clone()),
            Self::Refused {
                database,
                user,
                detail,
            } => Message::new(
                "the PostgreSQL server refused user {user} for database {database}: {detail}; give the password in PGPASSWORD or ~/.pgpass",
            )
            .text("database", database.clone())
            .text("user", user.clone())
            .text("detail", detail.clone()),
            Self::Server { database, detail } => {
                Message::new("PostgreSQL error on database {database}: {detail}")
                    .text("database", database.clone())
                    .text("detail", detail.clone())
            }
            Self::DestinationNotEmpty { place, events } => Message::new(
                "the destination log {place} already holds {events} {events|event|events}; a log is copied only into an empty one, so nothing was written",
            )
            .text("place", place.clone())
            .count("events", *events),
        }
    }
}

/// A byte count for a message: whole kB below 1 MB, else whole MB (decimal
/// units), rounded up for what is needed and down for what is free, so a
/// refusal never reads "needs 2 MB; 2 MB are free".
pub(crate) fn size_text(bytes: u64, round_up: bool) -> String {
    let (unit, name) = if bytes < 1_000_000 {
        (1_000, "kB")
    } else {
        (1_000_000, "MB")
    };
    let whole = if round_up {
        bytes.div_ceil(unit)
    } else {
        bytes / unit
    };
    format!("{whole} {name}")
}

fn pid_text(pid: Option<u32>) -> String {
    match pid {
        Some(pid) => format!("pid {pid}"),
        None => "pid unknown".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_name_the_path() {
        let path = PathBuf::from("/tmp/desk/event.log");
        let errors = [
            StoreError::NotALog {
                path: path.clone(),
                reason: Message::new("a text file"),
            },
            StoreError::InUse {
                path: path.clone(),
                pid: Some(42),
            },
            StoreError::Missing { path: path.clone() },
            StoreError::NewerVersion {
                path: path.clone(),
                found: 2,
                supported: 1,
            },
            StoreError::ReadOnly { path: path.clone() },
            StoreError::Corrupt {
                path: path.clone(),
                detail: "position 3".to_owned(),
            },
            StoreError::Io {
                path: path.clone(),
                source: std::io::Error::other("boom"),
            },
            StoreError::Storage {
                path: path.clone(),
                detail: "boom".to_owned(),
            },
            StoreError::NotAFile {
                path: path.clone(),
                kind: crate::store::FileKind::Folder.message(),
            },
            StoreError::NoSpace {
                path: path.clone(),
                needed: 2,
                free: 1,
            },
            StoreError::SidecarInTheWay {
                path: path.with_extension("log.pre-repair"),
                kind: crate::store::FileKind::Symlink.message(),
                advice: Message::new("move it away, then try again"),
            },
        ];
        for error in errors {
            assert!(error.to_string().contains("/tmp/desk/event.log"), "{error}");
            // The window says the same message by key, in its language.
            assert_eq!(error.message().to_string(), error.to_string());
        }
    }

    #[test]
    fn exact_messages() {
        let path = PathBuf::from("a.log");
        assert_eq!(
            StoreError::NotALog {
                path: path.clone(),
                reason: Message::new("x")
            }
            .to_string(),
            "a.log is not a confdesk event log: x"
        );
        assert_eq!(
            StoreError::InUse {
                path: path.clone(),
                pid: Some(7)
            }
            .to_string(),
            "the log a.log is in use by another confdesk (pid 7)"
        );
        assert_eq!(
            StoreError::InUse { path, pid: None }.to_string(),
            "the log a.log is in use by another confdesk (pid unknown)"
        );
        assert_eq!(
            StoreError::Concurrency {
                stream_id: "order-1".to_owned(),
                expected: 1,
                actual: 2
            }
            .to_string(),
            "stream order-1 is at version 2, but the append expected version 1; nothing was written"
        );
    }

    #[test]
    fn postgresql_errors_name_the_database() {
        let errors = [
            StoreError::Unreachable {
                database: "summit".to_owned(),
                detail: "timed out".to_owned(),
            },
            StoreError::Server {
                database: "summit".to_owned(),
                detail: "connection closed".to_owned(),
            },
            // The CLI prints the error's Display: it must carry the advice.
            StoreError::Refused {
                database: "summit".to_owned(),
                user: "desk".to_owned(),
                detail: "password missing".to_owned(),
            },
        ];
        for error in errors {
            assert!(error.to_string().contains("database summit"), "{error}");
            assert_eq!(error.message().to_string(), error.to_string());
        }
        let bad = StoreError::BadConnectionString {
            detail: "invalid port".to_owned(),
        };
        assert_eq!(
            bad.to_string(),
            "the connection string is not valid: invalid port"
        );
        assert_eq!(bad.message().to_string(), bad.to_string());
    }

    #[test]
    fn a_non_empty_destination_names_the_log_and_counts_its_events() {
        for (events, text) in [(1, "1 event;"), (54, "54 events;")] {
            let error = StoreError::DestinationNotEmpty {
                place: "PostgreSQL database summit".to_owned(),
                events,
            };
            let said = error.to_string();
            assert!(said.contains("PostgreSQL database summit"), "{said}");
            assert!(said.contains(text), "{said}");
            assert_eq!(error.message().to_string(), said);
        }
    }
}
