//! Opening a fixture log the way every fixture test does: read-only, a day
//! after the journey's start, its `.code` file's lines read, the organizer
//! let in with the first one, and every invariant checked — so each
//! fixture test states only what its fixture holds.

use super::start;
use chrono::Duration;
use confdesk::app::{ConferenceAccess, Desk, ManualClock, OrganizerKey, Settings};
use confdesk::store::OpenMode;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// `tests/fixtures/<name>`.
pub fn fixture_path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// A fixture log opened read-only, with what its test needs.
pub struct OpenedFixture {
    /// The desk on it.
    pub desk: Desk,
    /// The organizer's access to the conference `slug`.
    pub access: ConferenceAccess,
    /// The `.code` file's lines; the first is the organizer's code.
    pub codes: Vec<String>,
    /// The file's bytes before it was opened (it must stay so).
    pub before: Vec<u8>,
    /// How many events of each type it holds (`verify`'s counts).
    pub counts: std::collections::BTreeMap<String, u64>,
}

/// Opens `path` (and reads `path` with extension `code`) for the
/// conference `slug` owned by ana@example.com; fails on any invariant.
pub fn open_fixture(path: &Path, slug: &str) -> OpenedFixture {
    let before = std::fs::read(path).expect("fixture present");
    let codes: Vec<String> = std::fs::read_to_string(path.with_extension("code"))
        .expect("code file")
        .lines()
        .map(str::to_string)
        .collect();
    let clock = ManualClock::new(start() + Duration::days(1));
    let mut desk = Desk::open_path(
        path,
        OpenMode::ReadOnly,
        Arc::new(clock),
        Settings::default(),
    )
    .expect("the fixture opens");
    let org = OrganizerKey {
        slug: slug.into(),
        email: "ana@example.com".into(),
        access_code: codes.first().cloned().unwrap_or_default(),
    };
    let access = desk.authorize_organizer(&org).unwrap();
    let report = desk.verify().unwrap();
    assert!(report.violations.is_empty(), "{:?}", report.violations);
    let counts = report.counts;
    OpenedFixture {
        desk,
        access,
        codes,
        before,
        counts,
    }
}
