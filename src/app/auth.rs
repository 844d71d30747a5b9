//! Who may see and change what: an organizer proves ownership of a
//! conference with its owner e-mail and access code, a registrant reaches an
//! order with its order access code. Codes are compared in constant time;
//! five wrong codes lock a conference for five minutes. A wrong code and an
//! unknown slug get the same answer, so nobody learns which conferences exist.

use crate::app::AppError;
use crate::app::projections::ConferenceDirectory;
use crate::domain::validation::constant_time_eq;
use crate::domain::{ConferenceId, OrderId};
use chrono::{DateTime, Duration, Utc};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Wrong codes in a row before a conference locks.
pub const MAX_WRONG_CODES: u32 = 5;
/// How long a lock lasts.
pub const LOCK_MINUTES: i64 = 5;
/// The one answer for an unknown slug, a wrong e-mail or a wrong code.
pub const ORGANIZER_DENIED: &str = "no conference matches that slug, e-mail and access code";
/// The one answer for an unknown order or a wrong order code.
pub const ORDER_DENIED: &str = "no order matches that order and access code";

/// What an organizer presents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrganizerKey {
    /// Conference slug.
    pub slug: String,
    /// Owner e-mail.
    pub email: String,
    /// The conference's access code.
    pub access_code: String,
}

/// What a registrant presents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderKey {
    /// The order.
    pub order_id: OrderId,
    /// The order's access code.
    pub access_code: String,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
struct Tries {
    wrong: u32,
    locked_until: Option<DateTime<Utc>>,
}

/// Counts wrong codes per conference. With a file (see
/// [`AccessGuard::persisted`]) the counts and locks are shared by every
/// confdesk process on the same log — read-only CLI commands included, which
/// cannot write to the log — and survive a restart.
#[derive(Debug, Clone, Default)]
pub struct AccessGuard {
    tries: HashMap<ConferenceId, Tries>,
    file: Option<PathBuf>,
}

/// The lock file that goes with a data file: `<data>.access.json`.
pub fn access_file_for(data_path: &Path) -> PathBuf {
    let mut name = data_path
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_default();
    name.push(".access.json");
    data_path.with_file_name(name)
}

/// Normalises a typed code: trimmed, upper case (codes are shown upper case).
pub fn normalize_code(code: &str) -> String {
    code.trim().to_ascii_uppercase()
}

impl AccessGuard {
    /// A guard that keeps its counts in `file` (JSON). A missing, unreadable
    /// or damaged file counts as "no wrong tries yet": it never stops the desk.
    pub fn persisted(file: PathBuf) -> Self {
        Self {
            tries: HashMap::new(),
            file: Some(file),
        }
    }

    fn load(&mut self) {
        let Some(file) = &self.file else { return };
        self.tries = std::fs::read(file)
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default();
    }

    fn save(&self) {
        let Some(file) = &self.file else { return };
        let live: HashMap<&ConferenceId, &Tries> = self
            .tries
            .iter()
            .filter(|(_, t)| **t != Tries::default())
            .collect();
        if let Ok(bytes) = serde_json::to_vec(&live) {
            // Best effort: a lock that cannot be saved still holds in this process.
            let _ = crate::app::export::write_atomically(file, &bytes);
        }
    }

    /// Checks an organizer's key; on success returns the conference.
    pub fn check(
        &mut self,
        directory: &ConferenceDirectory,
        key: &OrganizerKey,
        now: DateTime<Utc>,
    ) -> Result<ConferenceId, AppError> {
        let Some((id, owner_email, code)) = directory.credentials(key.slug.trim()) else {
            return Err(AppError::NotFound(ORGANIZER_DENIED.into()));
        };
        self.load();
        let before = self.tries.get(&id).copied().unwrap_or_default();
        let result = self.decide(id, owner_email, code, key, now);
        if self.tries.get(&id).copied().unwrap_or_default() != before {
            self.save();
        }
        result
    }

    fn decide(
        &mut self,
        id: ConferenceId,
        owner_email: &str,
        code: &str,
        key: &OrganizerKey,
        now: DateTime<Utc>,
    ) -> Result<ConferenceId, AppError> {
        let tries = self.tries.entry(id).or_default();
        if let Some(until) = tries.locked_until {
            if until > now {
                return Err(AppError::Locked { until });
            }
            *tries = Tries::default();
        }
        let email_ok = constant_time_eq(
            &key.email.trim().to_lowercase(),
            &owner_email.to_lowercase(),
        );
        let code_ok = constant_time_eq(&normalize_code(&key.access_code), code);
        if email_ok & code_ok {
            *tries = Tries::default();
            return Ok(id);
        }
        tries.wrong += 1;
        if tries.wrong >= MAX_WRONG_CODES {
            let until = now + Duration::minutes(LOCK_MINUTES);
            tries.locked_until = Some(until);
            return Err(AppError::Locked { until });
        }
        Err(AppError::NotFound(ORGANIZER_DENIED.into()))
    }

    /// When a conference unlocks, if it is locked at `now`.
    pub fn locked_until(&self, id: ConferenceId, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        self.tries
            .get(&id)
            .and_then(|t| t.locked_until)
            .filter(|u| *u > now)
    }
}
