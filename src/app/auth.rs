//! Who may see and change what: an organizer proves ownership of a
//! conference with its owner e-mail and access code and gets a
//! [`ConferenceAccess`], which every organizer and door read and action
//! takes; a registrant reaches an order with its order access code. Codes are compared in constant time;
//! five wrong codes lock a conference for five minutes, five wrong codes
//! for one order lock that order's look-ups for five minutes, and five
//! wrong order codes given with one e-mail ("find my order") lock that
//! e-mail's look-ups for five minutes. A wrong code and an unknown slug or
//! order get the same answer, so nobody learns which ones exist.
//! Codes are drawn here too ([`draw_code`]), for conferences and orders alike.
//!
//! A code that cannot be a code at all (wrong length, O or 0: see
//! [`crate::domain::validation::access_code`]) is a typing mistake, refused
//! naming the field before anything is counted. Every counted try is one
//! read → decide → write of the access file under its lock ([`file`]).

mod file;
mod staff;

pub use staff::{STAFF_DENIED, StaffKey, draw_staff_code, require, staff_locked};

use crate::app::AppError;
use crate::app::projections::ConferenceDirectory;
use crate::domain::Field;
use crate::domain::staff_code::{Actor, StaffCodeId, StaffRole};
use crate::domain::validation::{ACCESS_CODE_ALPHABET, constant_time_eq};
use crate::domain::{ConferenceId, OrderId};
use chrono::{DateTime, Duration, Utc};
use rand::Rng as _;
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

/// Proof that the owner's e-mail and the conference's access code were
/// presented: the one thing organizer and door reads and actions take.
/// Only the access guard makes one ([`AccessGuard::check`], reached
/// through [`crate::app::Desk::authorize_organizer`]), so holding one means
/// the code was checked and counted; the window keeps it while a
/// conference is open, the CLI gets one per command.
///
/// A staff code's access carries the code and its role: what it may do is
/// [`ConferenceAccess::allows`], and every action also checks that the
/// code is still live (a revoked code stops at its next action).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConferenceAccess {
    conference: ConferenceId,
    staff: Option<(StaffCodeId, StaffRole)>,
}

/// What an access may be asked to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Right {
    /// Everything of the organizer: edits, orders, attendees, exports,
    /// revenue, staff codes.
    Organize,
    /// The door: search, check in, take back.
    Door,
    /// The desk: sell (the registration wizard of the conference).
    Sell,
}

impl ConferenceAccess {
    /// The organizer's access to `conference`, granted by the guard (and
    /// unit tests).
    pub(crate) fn granted(conference: ConferenceId) -> Self {
        Self {
            conference,
            staff: None,
        }
    }

    /// A staff code's access, granted by the guard.
    pub(crate) fn staff(conference: ConferenceId, code: StaffCodeId, role: StaffRole) -> Self {
        Self {
            conference,
            staff: Some((code, role)),
        }
    }

    /// The conference it opens.
    pub fn conference(&self) -> ConferenceId {
        self.conference
    }

    /// The staff code and its role; `None` for the organizer.
    pub fn staff_code(&self) -> Option<(StaffCodeId, StaffRole)> {
        self.staff
    }

    /// Who acts with it, as the log records it.
    pub fn actor(&self) -> Actor {
        self.staff
            .map_or(Actor::Organizer, |(id, _)| Actor::Staff(id))
    }

    /// Whether its role includes `right` (the organizer's includes all).
    pub fn allows(&self, right: Right) -> bool {
        match (self.staff, right) {
            (None, _)
            | (Some((_, StaffRole::Door)), Right::Door)
            | (Some((_, StaffRole::Desk)), Right::Sell) => true,
            (Some(_), _) => false,
        }
    }
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

/// What one counted try comes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Verdict {
    /// The code was right and nothing is locked.
    Allowed,
    /// A wrong code, counted; not locked yet.
    Wrong,
    /// Locked (already, or by this try) until then.
    Locked(DateTime<Utc>),
}

impl Tries {
    /// Counts one try at `now`. While locked nothing is counted and even
    /// the right code is refused; a lock that has run out starts afresh.
    fn count(&mut self, matched: bool, now: DateTime<Utc>) -> Verdict {
        match self.locked_until {
            Some(until) if until > now => return Verdict::Locked(until),
            Some(_) => *self = Self::default(),
            None => {}
        }
        if matched {
            *self = Self::default();
            return Verdict::Allowed;
        }
        self.wrong = self.wrong.saturating_add(1);
        if self.wrong >= MAX_WRONG_CODES {
            let until = now + Duration::minutes(LOCK_MINUTES);
            self.locked_until = Some(until);
            return Verdict::Locked(until);
        }
        Verdict::Wrong
    }

    /// Whether this entry still says anything at `now`.
    fn matters(&self, now: DateTime<Utc>) -> bool {
        match self.locked_until {
            Some(until) => until > now,
            None => self.wrong > 0,
        }
    }
}

/// What the access file holds.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Saved {
    conferences: HashMap<ConferenceId, Tries>,
    #[serde(default)]
    order_lookups: HashMap<String, Tries>,
    /// Wrong codes per order id (`order show/pay/… --order`).
    #[serde(default)]
    orders: HashMap<OrderId, Tries>,
    /// Wrong staff codes per conference, apart from the organizer's.
    /// Left out while empty, so an older confdesk still reads the file.
    #[serde(default, skip_serializing_if = "HashMap::is_empty")]
    staff: HashMap<ConferenceId, Tries>,
}

impl Saved {
    /// Reads the file's bytes; the first version kept only the
    /// conferences' map.
    fn decode(bytes: &[u8]) -> Result<Self, serde_json::Error> {
        serde_json::from_slice::<Saved>(bytes).or_else(|e| {
            serde_json::from_slice(bytes)
                .map(|conferences| Saved {
                    conferences,
                    ..Saved::default()
                })
                .map_err(|_| e)
        })
    }

    /// The entry `scope` counts in.
    fn tries(&mut self, scope: &Scope) -> &mut Tries {
        match scope {
            Scope::Conference(id) => self.conferences.entry(*id).or_default(),
            Scope::OrderLookup(email) => self.order_lookups.entry(email.clone()).or_default(),
            Scope::Order(id) => self.orders.entry(*id).or_default(),
            Scope::Staff(id) => self.staff.entry(*id).or_default(),
        }
    }

    /// Drops entries that say nothing any more, so the file stays small.
    fn prune(&mut self, now: DateTime<Utc>) {
        self.conferences.retain(|_, t| t.matters(now));
        self.order_lookups.retain(|_, t| t.matters(now));
        self.orders.retain(|_, t| t.matters(now));
        self.staff.retain(|_, t| t.matters(now));
    }
}

/// What a try is counted against.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Scope {
    /// A conference's access code.
    Conference(ConferenceId),
    /// "Find my order" with this e-mail (trimmed, lower case).
    OrderLookup(String),
    /// An order's code given with its id.
    Order(OrderId),
    /// A staff code given for a conference.
    Staff(ConferenceId),
}

/// Counts wrong codes per conference, per order, and per e-mail in "find
/// my order". With a file (see [`AccessGuard::persisted`]) the counts and
/// locks are shared by every confdesk process on the same log — read-only
/// CLI commands included, which cannot write to the log — and survive a
/// restart.
#[derive(Debug, Clone, Default)]
pub struct AccessGuard {
    /// The counts as last read or decided (the only copy without a file).
    memory: Saved,
    file: Option<PathBuf>,
}

/// Draws an access code of `len` characters from a CSPRNG (the thread RNG is
/// a ChaCha CSPRNG seeded from the OS).
pub fn draw_code(len: usize) -> String {
    let mut rng = rand::rng();
    (0..len)
        .map(|_| {
            let i = rng.random_range(0..ACCESS_CODE_ALPHABET.len());
            char::from(ACCESS_CODE_ALPHABET.get(i).copied().unwrap_or(b'A'))
        })
        .collect()
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

impl AccessGuard {
    /// A guard that keeps its counts in `file` (JSON), read and written
    /// under a lock at every counted try. A missing file means "no wrong
    /// tries yet"; one that cannot be read or written refuses every code
    /// check ([`AppError::AccessFile`]) until it is fixed or removed.
    pub fn persisted(file: PathBuf) -> Self {
        Self {
            memory: Saved::default(),
            file: Some(file),
        }
    }

    /// Counts one try against `scope`: in memory, or in the file under its
    /// lock (read → decide → write, written only when something changed).
    fn attempt(
        &mut self,
        scope: &Scope,
        matched: bool,
        now: DateTime<Utc>,
    ) -> Result<Verdict, AppError> {
        let Some(path) = &self.file else {
            let verdict = self.memory.tries(scope).count(matched, now);
            self.memory.prune(now);
            return Ok(verdict);
        };
        // Most tries change nothing (the right code, nothing counted yet; any
        // try while locked): decided on a plain read, no lock file needed.
        let mut seen = file::read(path)?;
        let entry = *seen.tries(scope);
        let verdict = seen.tries(scope).count(matched, now);
        if *seen.tries(scope) == entry {
            self.memory = seen;
            return Ok(verdict);
        }
        let file = file::LockedFile::lock(path)?;
        let before = file.read()?;
        let mut saved = before.clone();
        let verdict = saved.tries(scope).count(matched, now);
        saved.prune(now);
        if saved != before {
            file.write(&saved)?;
        }
        self.memory = saved;
        Ok(verdict)
    }

    /// Checks an organizer's key; on success returns access to the conference.
    pub fn check(
        &mut self,
        directory: &ConferenceDirectory,
        key: &OrganizerKey,
        now: DateTime<Utc>,
    ) -> Result<ConferenceAccess, AppError> {
        let code = crate::domain::validation::access_code(
            Field::AccessCode,
            &key.access_code,
            crate::domain::validation::CONFERENCE_CODE_LEN,
        )?;
        let Some((id, owner_email, stored)) = directory.credentials(key.slug.trim()) else {
            return Err(AppError::NotFound(ORGANIZER_DENIED.into()));
        };
        let email_ok = constant_time_eq(
            &key.email.trim().to_lowercase(),
            &owner_email.to_lowercase(),
        );
        let code_ok = constant_time_eq(&code, stored);
        match self.attempt(&Scope::Conference(id), email_ok & code_ok, now)? {
            Verdict::Allowed => Ok(ConferenceAccess::granted(id)),
            Verdict::Wrong => Err(AppError::NotFound(ORGANIZER_DENIED.into())),
            Verdict::Locked(until) => Err(AppError::Locked { until }),
        }
    }

    /// Counts an order's code given with its id: `matched` says whether it
    /// was the order's code. Five wrong in a row lock the order's look-ups
    /// (the right code included) for five minutes.
    pub fn check_order(
        &mut self,
        order_id: OrderId,
        matched: bool,
        now: DateTime<Utc>,
    ) -> Result<(), AppError> {
        match self.attempt(&Scope::Order(order_id), matched, now)? {
            Verdict::Allowed => Ok(()),
            Verdict::Wrong => Err(AppError::NotFound(ORDER_DENIED.into())),
            Verdict::Locked(until) => Err(AppError::OrderLocked { until }),
        }
    }

    /// Counts a "find my order" look-up for `email`: refused while the
    /// e-mail is locked; a match clears the count, the fifth miss in a row
    /// locks the e-mail's look-ups. `Ok(false)` is a counted miss.
    pub fn check_order_lookup(
        &mut self,
        email: &str,
        found: bool,
        now: DateTime<Utc>,
    ) -> Result<bool, AppError> {
        match self.attempt(&Scope::OrderLookup(lookup_key(email)), found, now)? {
            Verdict::Allowed => Ok(true),
            Verdict::Wrong => Ok(false),
            Verdict::Locked(until) => Err(AppError::OrderLookupLocked { until }),
        }
    }

    /// When a conference unlocks, if it was locked at `now` when last read.
    pub fn locked_until(&self, id: ConferenceId, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        self.memory
            .conferences
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

    fn order() -> OrderId {
        OrderId(Uuid::now_v7())
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
        // Saved again in the new shape, with the order look-ups beside.
        assert!(matches!(
            guard.check_order_lookup("a@example.com", false, at("2026-11-25T09:00:00Z")),
            Ok(false)
        ));
        assert_eq!(
            guard.locked_until(id, at("2026-11-25T09:00:00Z")),
            Some(until)
        );
        let saved = Saved::decode(&std::fs::read(&file).expect("read")).expect("new shape");
        assert_eq!(
            saved.conferences.get(&id).and_then(|t| t.locked_until),
            Some(until)
        );
        assert_eq!(
            saved.order_lookups.get("a@example.com").map(|t| t.wrong),
            Some(1)
        );
    }

    #[test]
    fn five_wrong_order_codes_lock_the_order_even_for_its_right_code() {
        let now = at("2026-11-25T09:00:00Z");
        let mut guard = AccessGuard::default();
        let id = order();
        for _ in 1..MAX_WRONG_CODES {
            assert!(matches!(
                guard.check_order(id, false, now),
                Err(AppError::NotFound(_))
            ));
        }
        let until = now + Duration::minutes(LOCK_MINUTES);
        assert!(matches!(
            guard.check_order(id, false, now),
            Err(AppError::OrderLocked { until: u }) if u == until
        ));
        assert!(matches!(
            guard.check_order(id, true, now + Duration::minutes(4)),
            Err(AppError::OrderLocked { .. })
        ));
        // Another order is not affected; the lock runs out.
        assert!(guard.check_order(order(), true, now).is_ok());
        assert!(guard.check_order(id, true, until).is_ok());
        assert!(guard.memory.orders.is_empty(), "pruned once unlocked");
    }

    fn refusal(guard: &mut AccessGuard) -> String {
        match guard.check_order(order(), false, at("2026-11-25T09:00:00Z")) {
            Err(e @ AppError::AccessFile { .. }) => e.to_string(),
            other => panic!("expected an access-file refusal, got {other:?}"),
        }
    }

    #[test]
    fn an_access_file_that_cannot_be_read_refuses_every_check() {
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join("log.redb.access.json");
        for garbage in [
            &b"{not json"[..],
            b"",
            b"[1,2,3]",
            b"{\"conferences\":{},\"x\":1}",
        ] {
            std::fs::write(&file, garbage).expect("write");
            let message = refusal(&mut AccessGuard::persisted(file.clone()));
            assert!(
                message.contains("log.redb.access.json is not readable"),
                "{message}"
            );
            assert!(message.contains("fixed or removed"), "{message}");
            // Left as it was: it is evidence, and the user's to fix.
            assert_eq!(std::fs::read(&file).expect("read"), garbage);
        }
        std::fs::remove_file(&file).expect("remove");
        std::fs::create_dir(&file).expect("dir");
        let message = refusal(&mut AccessGuard::persisted(file.clone()));
        assert!(message.contains("not a regular file"), "{message}");
    }

    #[cfg(unix)]
    #[test]
    fn the_access_file_is_private_and_never_written_through_a_link() {
        use std::os::unix::fs::PermissionsExt as _;
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join("log.redb.access.json");
        let mut guard = AccessGuard::persisted(file.clone());
        assert!(
            guard
                .check_order(order(), false, at("2026-11-25T09:00:00Z"))
                .is_err()
        );
        for path in [file.clone(), dir.path().join("log.redb.access.json.lock")] {
            let mode = std::fs::metadata(&path).expect("meta").permissions().mode();
            assert_eq!(mode & 0o777, 0o600, "{}", path.display());
        }
        let target = dir.path().join("elsewhere");
        std::fs::write(&target, "keep").expect("target");
        std::fs::remove_file(&file).expect("remove");
        std::os::unix::fs::symlink(&target, &file).expect("link");
        let message = refusal(&mut guard);
        assert!(message.contains("symbolic link"), "{message}");
        assert_eq!(std::fs::read_to_string(&target).expect("read"), "keep");
    }

    #[test]
    fn a_missing_access_file_means_no_wrong_tries_and_a_right_code_writes_nothing() {
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join("log.redb.access.json");
        let mut guard = AccessGuard::persisted(file.clone());
        assert!(
            guard
                .check_order(order(), true, at("2026-11-25T09:00:00Z"))
                .is_ok()
        );
        assert!(!file.exists());
        // Nor is a lock taken: a log on a read-only medium still opens.
        assert!(!dir.path().join("log.redb.access.json.lock").exists());
    }
}
