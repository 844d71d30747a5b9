//! Shared set-up for the app-level tests: a desk on a temp log with a
//! manual clock, and a conference with the CQRS Journey's seat types.
#![allow(dead_code)]

pub mod cli;
pub mod fixture;
pub mod pg;
pub mod shared;
pub mod smtp;
pub mod window;

use chrono::{DateTime, Utc};
use confdesk::app::{AppError, Desk, ManualClock, OrderKey, OrganizerKey, SeatTypeDraft, Settings};
use confdesk::cli::resolve;
use confdesk::domain::Currency;
use confdesk::domain::SeatTypeId;
use confdesk::domain::events::ConferenceInfo;
use confdesk::store::OpenMode;
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub struct TestDesk {
    pub dir: tempfile::TempDir,
    pub path: PathBuf,
    pub clock: ManualClock,
    pub desk: Desk,
}

pub fn start() -> DateTime<Utc> {
    "2026-11-25T09:00:00Z".parse().expect("valid time")
}

/// A writable desk on the log at `path` (created if missing), default
/// settings, time from `clock`.
pub fn desk_at(path: &Path, clock: &ManualClock) -> Desk {
    let clock = Arc::new(clock.clone());
    Desk::open_path(path, OpenMode::Create, clock, Settings::default())
        .unwrap_or_else(|e| panic!("open {}: {e}", path.display()))
}

pub fn open_desk() -> TestDesk {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("log").join("confdesk.redb");
    let clock = ManualClock::new(start());
    let desk = desk_at(&path, &clock);
    TestDesk {
        dir,
        path,
        clock,
        desk,
    }
}

impl TestDesk {
    /// Closes and reopens the log (replay from disk).
    pub fn reopen(&mut self) {
        let placeholder = tempfile::tempdir().expect("temp dir");
        // Drop the old desk first: the file can only be open once for writing.
        let placeholder = desk_at(&placeholder.path().join("x.redb"), &self.clock);
        drop(std::mem::replace(&mut self.desk, placeholder));
        self.desk = desk_at(&self.path, &self.clock);
    }
}

/// Orders by seat-type name, resolved exactly like the CLI resolves what
/// was typed (the app itself takes ids): the tests keep naming seats.
pub trait ByName {
    /// `order place --slug … --seat NAME=QTY…`.
    fn place_order_named(
        &mut self,
        slug: &str,
        seats: &[(String, i64)],
    ) -> Result<OrderKey, AppError>;
    /// `order update … --seat NAME=QTY…`: the order is opened (the code
    /// counted) before the names are resolved, as in the CLI.
    fn update_order_named(
        &mut self,
        key: &OrderKey,
        seats: &[(String, i64)],
    ) -> Result<(), AppError>;
    /// The id of seat type `name` of the conference `slug`.
    fn seat_type_id(&self, slug: &str, name: &str) -> SeatTypeId;
}

impl ByName for Desk {
    fn place_order_named(
        &mut self,
        slug: &str,
        seats: &[(String, i64)],
    ) -> Result<OrderKey, AppError> {
        let conference = resolve::published_conference(self, slug)?;
        let lines = resolve::seat_lines(&conference, seats.iter().map(|(n, q)| (n.as_str(), *q)))?;
        self.registration_mut().place_order(conference.id, &lines)
    }

    fn update_order_named(
        &mut self,
        key: &OrderKey,
        seats: &[(String, i64)],
    ) -> Result<(), AppError> {
        let order = self.registration_mut().open_order(key)?;
        let conference = self
            .read_models()
            .conferences
            .get(order.conference_id)
            .expect("the order's conference");
        let lines = resolve::seat_lines(&conference, seats.iter().map(|(n, q)| (n.as_str(), *q)))?;
        self.registration_mut().update_order(key, &lines)
    }

    fn seat_type_id(&self, slug: &str, name: &str) -> SeatTypeId {
        let conference = self
            .read_models()
            .conferences
            .by_slug(slug)
            .expect("the conference");
        resolve::seat_type(&conference, name).expect("a seat type of the conference")
    }
}

pub fn conference_input(slug: &str) -> ConferenceInfo {
    ConferenceInfo {
        name: "CQRS Summit".into(),
        description: "The CQRS Journey, live".into(),
        slug: slug.into(),
        start: "2026-12-01".parse().expect("date"),
        end: "2026-12-02".parse().expect("date"),
        owner_name: "Ana Souza".into(),
        owner_email: "ana@example.com".into(),
        currency: Currency::USD,
    }
}

/// Creates and publishes a conference with General ($199, quota), Workshop
/// ($500, 4) and Cocktail party ($50, 100). Returns the organizer key.
pub fn journey_conference(desk: &mut Desk, slug: &str, general_quota: i64) -> OrganizerKey {
    let (_, code) = desk
        .organizer_mut()
        .create_conference(conference_input(slug))
        .expect("create");
    let key = OrganizerKey {
        slug: slug.into(),
        email: "ana@example.com".into(),
        access_code: code,
    };
    let access = desk.authorize_organizer(&key).expect("access");
    for (name, quota, price) in [
        ("General admission", general_quota, "199"),
        ("CQRS Workshop", 4, "500.00"),
        ("Additional cocktail party", 100, "50"),
    ] {
        desk.organizer_mut()
            .add_seat_type(
                &access,
                SeatTypeDraft {
                    name: name.into(),
                    description: String::new(),
                    quota: quota.to_string(),
                    price: price.into(),
                },
            )
            .expect("seat type");
    }
    desk.organizer_mut()
        .set_published(&access, true)
        .expect("publish");
    key
}

/// The 26 event types of confdesk 0.1, all at schema version 1: what
/// `tests/fixtures/v1.redb` holds. Fixed: later types go in later fixtures.
pub const V1_EVENT_TYPES: [&str; 26] = [
    "ConferenceCreated",
    "ConferenceUpdated",
    "ConferencePublished",
    "ConferenceUnpublished",
    "SeatCreated",
    "SeatUpdated",
    "AvailableSeatsChanged",
    "SeatsReserved",
    "SeatsReservationCommitted",
    "SeatsReservationCancelled",
    "OrderPlaced",
    "OrderUpdated",
    "OrderPartiallyReserved",
    "OrderReservationCompleted",
    "OrderTotalsCalculated",
    "OrderRegistrantAssigned",
    "OrderConfirmed",
    "OrderExpired",
    "PaymentInitiated",
    "PaymentCompleted",
    "PaymentRejected",
    "SeatAssignmentsCreated",
    "SeatAssigned",
    "SeatUnassigned",
    "SeatAssignmentUpdated",
    "RegistrationProcessStateChanged",
];
