//! The Desk: the thin owner of an open log's parts, each with a narrow
//! interface a reader can name:
//!
//! - the [`Journal`] (`journal.rs`): the log with its write and read
//!   models and follow-up; the only part that appends;
//! - the access guard (`auth.rs`): organizer codes become a
//!   [`ConferenceAccess`] here, once, and order codes are counted;
//! - the paths no file the desk writes may replace (`output_file.rs`);
//! - the services, which borrow the journal: [`Desk::organizer`] (conference
//!   and seat types, orders and attendees), [`Desk::door`] (check-in) and
//!   [`Desk::registration`] (the registrant's order).
//!
//! A service is a small struct over a borrowed journal, `&` for reads and
//! `&mut` for actions (`organizer()` / `organizer_mut()`), rather than more
//! methods on `Desk`: what a screen or a CLI command may touch is then
//! visible in its type, and no file reaches into another's fields.

use crate::app::auth::{AccessGuard, ConferenceAccess};
use crate::app::check_in::Door;
use crate::app::journal::{Journal, LogStats, Settings};
use crate::app::organizer::Organizer;
use crate::app::output_file::Protected;
use crate::app::projections::ReadModels;
use crate::app::registration::Registration;
use crate::app::write_model::WriteModel;
use crate::app::{AppError, Clock, OrganizerKey};
use crate::store::{EventStore, OpenMode};
use chrono::{DateTime, Utc};
use std::path::Path;
use std::sync::Arc;

/// An open log with everything built from it.
pub struct Desk {
    journal: Journal,
    access: AccessGuard,
    /// The log and sidecars no file the desk writes may replace.
    protected: Protected,
}

impl Desk {
    /// Opens the redb log at `path` and replays it. Nothing is written: call
    /// [`Desk::tick`] to fire expiries that came due while it was closed.
    pub fn open_path(
        path: &Path,
        mode: OpenMode,
        clock: Arc<dyn Clock>,
        settings: Settings,
    ) -> Result<Self, AppError> {
        Self::open_path_with_progress(path, mode, clock, settings, &mut |_, _| {})
    }

    /// Replays `log` into fresh models; `progress(done, total)` is called
    /// now and then during the replay.
    pub fn open(
        log: Box<dyn EventStore>,
        clock: Arc<dyn Clock>,
        settings: Settings,
        progress: &mut dyn FnMut(u64, u64),
    ) -> Result<Self, AppError> {
        Ok(Self {
            journal: Journal::replay(log, clock, settings, progress)?,
            access: AccessGuard::default(),
            protected: Protected::none(),
        })
    }

    /// Keeps wrong-code counts and locks in `file`, shared with other
    /// processes and surviving restarts (see [`AccessGuard::persisted`]).
    pub fn with_access_file(mut self, file: std::path::PathBuf) -> Self {
        self.access = AccessGuard::persisted(file);
        self
    }

    /// Protects the log at `path` and its sidecars from every file the
    /// desk writes (exports): see [`crate::app::output_file`].
    pub fn protecting(mut self, path: &Path) -> Self {
        self.protected = Protected::for_log(path);
        self
    }

    /// What no file the desk writes may replace.
    pub fn protected(&self) -> &Protected {
        &self.protected
    }

    /// The log with its models.
    pub fn journal(&self) -> &Journal {
        &self.journal
    }

    /// The journal, to act on (services and the opening of a log).
    pub(crate) fn journal_mut(&mut self) -> &mut Journal {
        &mut self.journal
    }

    /// Checks an organizer's key (counting wrong codes): the one way to a
    /// [`ConferenceAccess`], which every organizer and door read and action
    /// takes. The window calls it once when a workspace opens; the CLI once
    /// per command.
    pub fn authorize_organizer(
        &mut self,
        key: &OrganizerKey,
    ) -> Result<ConferenceAccess, AppError> {
        let now = self.journal.now();
        self.access
            .check(&self.journal.read_models().conferences, key, now)
    }

    /// Checks a slug with a staff code (counting wrong staff codes apart
    /// from the organizer's): access with the code's role.
    pub fn authorize_staff(
        &mut self,
        key: &crate::app::StaffKey,
    ) -> Result<ConferenceAccess, AppError> {
        let now = self.journal.now();
        self.access
            .check_staff(self.journal.write_model(), key, now)
    }

    /// The organizer's reads.
    pub fn organizer(&self) -> Organizer<&Journal> {
        Organizer::new(&self.journal)
    }

    /// The organizer's actions (and reads).
    pub fn organizer_mut(&mut self) -> Organizer<&mut Journal> {
        Organizer::new(&mut self.journal)
    }

    /// The registrant's reads.
    pub fn registration(&self) -> Registration<&Journal, &AccessGuard> {
        Registration::new(&self.journal, &self.access)
    }

    /// The registrant's actions (and reads); order codes are counted by
    /// the access guard.
    pub fn registration_mut(&mut self) -> Registration<&mut Journal, &mut AccessGuard> {
        Registration::new(&mut self.journal, &mut self.access)
    }

    /// The door's reads.
    pub fn door(&self) -> Door<&Journal> {
        Door::new(&self.journal)
    }

    /// The door's actions (and reads).
    pub fn door_mut(&mut self) -> Door<&mut Journal> {
        Door::new(&mut self.journal)
    }

    // The journal's figures, forwarded: they are what most callers want
    // from a desk, and the journal is the desk's own.

    /// The clock's now.
    pub fn now(&self) -> DateTime<Utc> {
        self.journal.now()
    }

    /// The desk's settings.
    pub fn settings(&self) -> Settings {
        self.journal.settings()
    }

    /// Figures about the log.
    pub fn stats(&self) -> &LogStats {
        self.journal.stats()
    }

    /// The read models.
    pub fn read_models(&self) -> &ReadModels {
        self.journal.read_models()
    }

    /// The write model (for invariant checks and tests).
    pub fn write_model(&self) -> &WriteModel {
        self.journal.write_model()
    }

    /// The log itself (for history and verification).
    pub fn log(&self) -> &dyn EventStore {
        self.journal.log()
    }

    /// A handle on the log for a reader on another thread (see
    /// [`crate::app::as_of`]).
    pub fn log_handle(&self) -> Arc<dyn EventStore> {
        self.journal.log_handle()
    }

    /// Fires every reservation expiry due by now, in one append. Returns
    /// how many orders expired.
    pub fn tick(&mut self) -> Result<usize, AppError> {
        self.journal.tick()
    }

    /// When the next reservation expiry is due, if any.
    pub fn next_due(&self) -> Option<DateTime<Utc>> {
        self.journal.next_due()
    }

    /// Applies what other desks appended to a shared log since this desk
    /// last looked; returns how many events that was.
    pub fn catch_up(&mut self) -> Result<u64, AppError> {
        self.journal.catch_up()
    }

    /// Starts watching a shared log for other desks' appends (see
    /// [`Journal::watch`]); `None` for a file log.
    pub fn watch(&self, wake: crate::store::Wake) -> Option<crate::store::Watch> {
        self.journal.watch(wake)
    }

    /// When an event of another desk last arrived, by this desk's clock.
    pub fn last_foreign(&self) -> Option<DateTime<Utc>> {
        self.journal.last_foreign()
    }
}

#[cfg(test)]
impl Desk {
    /// A writable desk on the log at `path` (created if missing) with the
    /// default settings and `clock`, for unit tests.
    pub(crate) fn open_for_test(path: &Path, clock: &crate::app::ManualClock) -> Self {
        let clock = Arc::new(clock.clone());
        Self::open_path(path, OpenMode::Create, clock, Settings::default())
            .unwrap_or_else(|e| panic!("open {}: {e}", path.display()))
    }
}
