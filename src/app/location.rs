//! Where a desk's log is: a redb file on this machine, or a PostgreSQL
//! database that several desks share (issue 15). `--data`, `CONFDESK_DATA`
//! and the window's File menu all name a log the same way — a path, or a
//! `postgresql://` / `postgres://` URL — and this is the one place that
//! tells them apart, opens the store, and says where the files this desk
//! keeps for that log live (access file, outbox, offline check-ins).
//!
//! A file log keeps those beside the file, as it always has. A shared log
//! has no file: its desk keeps them in the platform data folder under
//! `shared/<database>@<host>/`, one folder per server and database.

use crate::domain::Message;
use crate::store::{EventStore, OpenMode, PgLog, RedbLog, StoreError};
use std::ffi::OsString;
use std::path::{Path, PathBuf};

/// Where a log is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LogLocation {
    /// A redb file on this machine.
    File(PathBuf),
    /// A PostgreSQL database, by its connection URL (as typed: it may hold
    /// a password, which is never shown or saved; see [`LogLocation::text`]).
    Shared(String),
}

impl LogLocation {
    /// Reads a `--data` value: a `postgresql://` or `postgres://` URL names
    /// a shared log, anything else a file.
    pub fn parse(text: impl Into<OsString>) -> Self {
        let text: OsString = text.into();
        match text.to_str() {
            Some(s) if is_postgres_url(s) => Self::Shared(s.trim().to_owned()),
            _ => Self::File(PathBuf::from(text)),
        }
    }

    /// The file, for a file log.
    pub fn file(&self) -> Option<&Path> {
        match self {
            Self::File(path) => Some(path),
            Self::Shared(_) => None,
        }
    }

    /// Whether several desks may share this log.
    pub fn is_shared(&self) -> bool {
        matches!(self, Self::Shared(_))
    }

    /// The location as it may be shown and remembered: the path, or the URL
    /// without its password.
    pub fn text(&self) -> String {
        match self {
            Self::File(path) => path.display().to_string(),
            Self::Shared(url) => without_password(url),
        }
    }

    /// Where the log is, in words: the file's path, or "PostgreSQL database
    /// summit on 192.168.1.20".
    pub fn describe(&self) -> Message {
        match self {
            Self::File(path) => Message::new("{path}").text("path", path.display().to_string()),
            Self::Shared(url) => match PgLog::target(url) {
                Ok((database, host)) => Message::new("PostgreSQL database {database} on {host}")
                    .text("database", database)
                    .text("host", host),
                Err(_) => Message::new("{path}").text("path", without_password(url)),
            },
        }
    }

    /// Opens the store in `mode`.
    pub fn open_store(&self, mode: OpenMode) -> Result<Box<dyn EventStore>, StoreError> {
        Ok(match self {
            Self::File(path) => Box::new(RedbLog::open(path, mode)?),
            Self::Shared(url) => Box::new(PgLog::open(url, mode)?),
        })
    }

    /// The folder where this desk keeps its own files for this log.
    pub fn local_dir(&self) -> PathBuf {
        match self {
            Self::File(path) => path
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or_else(|| Path::new("."))
                .to_path_buf(),
            Self::Shared(url) => {
                let name = match PgLog::target(url) {
                    Ok((database, host)) => format!("{database}@{host}"),
                    Err(_) => without_password(url),
                };
                data_dir().join("shared").join(file_name_of(&name))
            }
        }
    }

    /// The file of wrong-code counts and locks (see
    /// [`crate::app::auth::AccessGuard::persisted`]).
    pub fn access_file(&self) -> PathBuf {
        match self {
            Self::File(path) => crate::app::auth::access_file_for(path),
            Self::Shared(_) => self.local_dir().join("access.json"),
        }
    }

    /// The outbox folder (see [`crate::app::outbox`]).
    pub fn outbox_dir(&self) -> PathBuf {
        self.local_dir().join("outbox")
    }
}

impl From<PathBuf> for LogLocation {
    /// A file log at `path` (the window's tests and File → Open).
    fn from(path: PathBuf) -> Self {
        Self::File(path)
    }
}

impl std::fmt::Display for LogLocation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text())
    }
}

/// The platform data folder, else the current one.
pub fn data_dir() -> PathBuf {
    directories::ProjectDirs::from("", "", "confdesk")
        .map_or_else(|| PathBuf::from("."), |d| d.data_dir().to_path_buf())
}

fn is_postgres_url(text: &str) -> bool {
    let lower = text.trim_start().to_ascii_lowercase();
    lower.starts_with("postgresql://") || lower.starts_with("postgres://")
}

/// `url` with the password of its user part removed.
fn without_password(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    let authority_end = rest.find(['/', '?']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(authority_end);
    let Some((user_info, host)) = authority.rsplit_once('@') else {
        return url.to_owned();
    };
    let user = user_info.split(':').next().unwrap_or_default();
    // A password given as a query parameter goes too.
    let tail = match tail.split_once('?') {
        Some((path, query)) => {
            let kept: Vec<&str> = query
                .split('&')
                .filter(|pair| !pair.to_ascii_lowercase().starts_with("password="))
                .collect();
            if kept.is_empty() {
                path.to_owned()
            } else {
                format!("{path}?{}", kept.join("&"))
            }
        }
        None => tail.to_owned(),
    };
    format!("{scheme}://{user}@{host}{tail}")
}

/// `name` as one safe file name: path separators and other odd characters
/// become `_`.
fn file_name_of(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | '@') {
                c
            } else {
                '_'
            }
        })
        .collect();
    cleaned.trim_start_matches('.').chars().take(120).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_name_shared_logs_and_everything_else_a_file() {
        for url in [
            "postgresql://confdesk@192.168.1.20/summit",
            "postgres://postgres@/summit?host=/run/postgresql",
            "PostgreSQL://desk@venue/summit",
        ] {
            assert!(LogLocation::parse(url).is_shared(), "{url}");
        }
        for path in [
            "confdesk.redb",
            "/tmp/postgresql:/x.redb",
            "postgresql.redb",
        ] {
            assert_eq!(LogLocation::parse(path), LogLocation::File(path.into()));
        }
    }

    #[test]
    fn a_password_is_never_shown() {
        let cases = [
            (
                "postgresql://desk:s3cret@192.168.1.20/summit",
                "postgresql://desk@192.168.1.20/summit",
            ),
            (
                "postgres://desk@venue/summit?password=s3cret&sslmode=disable",
                "postgres://desk@venue/summit?sslmode=disable",
            ),
            (
                "postgresql://postgres@/summit?host=/run/postgresql",
                "postgresql://postgres@/summit?host=/run/postgresql",
            ),
        ];
        for (typed, shown) in cases {
            let location = LogLocation::parse(typed);
            assert_eq!(location.text(), shown);
            assert!(!location.describe().to_string().contains("s3cret"));
            assert!(
                !location
                    .local_dir()
                    .display()
                    .to_string()
                    .contains("s3cret")
            );
        }
    }

    #[test]
    fn a_shared_log_is_described_by_database_and_host() {
        let location = LogLocation::parse("postgresql://confdesk@192.168.1.20/summit");
        assert_eq!(
            location.describe().to_string(),
            "PostgreSQL database summit on 192.168.1.20"
        );
        let dir = location.local_dir();
        assert!(
            dir.ends_with("shared/summit@192.168.1.20"),
            "{}",
            dir.display()
        );
        let socket = LogLocation::parse("postgresql://postgres@/summit?host=/run/postgresql");
        assert!(
            socket
                .local_dir()
                .ends_with("shared/summit@_run_postgresql")
        );
    }

    #[test]
    fn a_file_log_keeps_its_files_beside_it() {
        let location = LogLocation::parse("/data/summit.redb");
        assert_eq!(location.local_dir(), PathBuf::from("/data"));
        assert_eq!(location.outbox_dir(), PathBuf::from("/data/outbox"));
        assert_eq!(
            location.access_file(),
            PathBuf::from("/data/summit.redb.access.json")
        );
        assert_eq!(LogLocation::parse("x.redb").local_dir(), PathBuf::from("."));
    }
}
