//! Who may see and change what: an organizer proves ownership of a
//! conference with its owner e-mail and access code, a registrant reaches an
//! order with its order access code. Codes are compared in constant time;
//! five wrong codes lock a conference for five minutes, and five wrong
//! order codes given with one e-mail ("find my order") lock that e-mail's
//! look-ups for five minutes. A wrong code and an
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

/// What the access file holds.
#[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Saved {
    conferences: HashMap<ConferenceId, Tries>,
    #[serde(default)]
    order_lookups: HashMap<String, Tries>,
}

/// Counts wrong codes per conference, and wrong order codes per e-mail in
/// "find my order". With a file (see
/// [`AccessGuard::persisted`]) the counts and locks are shared by every
/// confdesk process on the same log — read-only CLI commands included, which
/// cannot write to the log — and survive a restart.
#[derive(Debug, Clone, Default)]
pub struct AccessGuard {
    tries: HashMap<ConferenceId, Tries>,
    order_lookups: HashMap<String, Tries>,
    file: Option<PathBuf>,
}

/// How an e-mail is counted: trimmed, ignoring case.
fn lookup_key(email: &str) -> String {
    email.trim().to_lowercase()
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
            order_lookups: HashMap::new(),
            file: Some(file),
        }
    }

    fn load(&mut self) {
        let Some(file) = &self.file else { return };
        let bytes = std::fs::read(file).unwrap_or_default();
        // The first version kept only the conferences' map.
        let saved = serde_json::from_slice::<Saved>(&bytes)
            .or_else(|_| {
                serde_json::from_slice(&bytes).map(|conferences| Saved {
                    conferences,
                    order_lookups: HashMap::new(),
                })
            })
            .unwrap_or_default();
        self.tries = saved.conferences;
        self.order_lookups = saved.order_lookups;
    }

    fn save(&self) {
        let Some(file) = &self.file else { return };
        let saved = Saved {
            conferences: self
                .tries
                .iter()
                .filter(|(_, t)| **t != Tries::default())
                .map(|(k, t)| (*k, *t))
                .collect(),
            order_lookups: self
                .order_lookups
                .iter()
                .filter(|(_, t)| **t != Tries::default())
                .map(|(k, t)| (k.clone(), *t))
                .collect(),
        };
        if let Ok(bytes) = serde_json::to_vec(&saved) {
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

    /// Refuses a "find my order" look-up for `email` while it is locked.
    pub fn order_lookup_allowed(
        &mut self,
        email: &str,
        now: DateTime<Utc>,
    ) -> Result<(), AppError> {
        self.load();
        match self
            .order_lookups
            .get(&lookup_key(email))
            .and_then(|t| t.locked_until)
        {
            Some(until) if until > now => Err(AppError::OrderLookupLocked { until }),
            _ => Ok(()),
        }
    }

    /// Counts a "find my order" look-up for `email`: a match clears the
    /// count, the fifth miss in a row locks the e-mail's look-ups.
    pub fn record_order_lookup(
        &mut self,
        email: &str,
        found: bool,
        now: DateTime<Utc>,
    ) -> Result<(), AppError> {
        let key = lookup_key(email);
        let tries = self.order_lookups.entry(key).or_default();
        if tries.locked_until.is_some_and(|until| until <= now) {
            *tries = Tries::default();
        }
        let result = if found {
            *tries = Tries::default();
            Ok(())
        } else {
            tries.wrong += 1;
            if tries.wrong >= MAX_WRONG_CODES {
                let until = now + Duration::minutes(LOCK_MINUTES);
                tries.locked_until = Some(until);
                Err(AppError::OrderLookupLocked { until })
            } else {
                Ok(())
            }
        };
        self.order_lookups.retain(|_, t| *t != Tries::default());
        self.save();
        result
    }

    /// When a conference unlocks, if it is locked at `now`.
    pub fn locked_until(&self, id: ConferenceId, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        self.tries
            .get(&id)
            .and_then(|t| t.locked_until)
            .filter(|u| *u > now)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use uuid::Uuid;

    fn at(text: &str) -> DateTime<Utc> {
        text.parse().unwrap_or_default()
    }

    #[test]
    fn a_first_version_access_file_still_holds_its_locks() {
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join("log.redb.access.json");
        let id = ConferenceId(Uuid::now_v7());
        let until = at("2026-11-25T09:05:00Z");
        let old: HashMap<ConferenceId, Tries> = HashMap::from([(
            id,
            Tries {
                wrong: 5,
                locked_until: Some(until),
            },
        )]);
        std::fs::write(&file, serde_json::to_vec(&old).expect("json")).expect("write");
        let mut guard = AccessGuard::persisted(file.clone());
        guard.load();
        assert_eq!(
            guard.locked_until(id, at("2026-11-25T09:00:00Z")),
            Some(until)
        );
        // Saved again in the new shape, with the order look-ups beside.
        guard
            .record_order_lookup("a@example.com", false, at("2026-11-25T09:00:00Z"))
            .expect("one miss");
        let mut again = AccessGuard::persisted(file);
        again.load();
        assert_eq!(
            again.locked_until(id, at("2026-11-25T09:00:00Z")),
            Some(until)
        );
        assert_eq!(
            again.order_lookups.get("a@example.com").map(|t| t.wrong),
            Some(1)
        );
    }
}
