//! The application layer: runs user actions through the domain as one
//! atomic cascade, keeps the read models, owns the clock and authorisation.
//! [`Desk`] owns the parts: the [`Journal`] (log, models, follow-up), the
//! access guard (`auth`) and the services borrowing the journal
//! ([`Organizer`], [`Registration`], [`Door`]).

pub mod cascade;
pub mod check_in;
pub mod clock;
pub mod door_queue;
mod error;
pub mod event_codec;
mod staging;
pub mod write_model;

pub use clock::{Clock, DayZone, ManualClock, SystemClock};
pub use error::AppError;

pub mod auth;
mod desk;
mod journal;
pub mod location;
pub use location::LogLocation;
mod opening;
pub mod projections;
pub use projections::{PurchasedSeat, SeatRef};

pub use auth::{ConferenceAccess, OrderKey, OrganizerKey, StaffKey, draw_code};
pub use check_in::{Door, DoorAttendee, DoorBlockedOrder, DoorMatches, DoorOrder};
pub use desk::Desk;
pub use journal::{Journal, LogStats, Settings};
mod organizer;
mod registration;
pub use organizer::{NewStaffCode, Organizer};
mod seat_type_draft;
pub use registration::{Registration, SeatLine, default_method, order_total};
pub use seat_type_draft::{SeatTypeChanges, SeatTypeDraft};
pub mod command;
pub use command::{Outcome, UserCommand};
pub mod as_of;
pub mod export;
pub mod history;
pub mod orders_export;
mod verify;
pub use verify::VerifyReport;
pub mod demo;
pub mod diagnostics;
pub mod discounts;
pub mod mail_queue;
pub mod mail_worker;
pub mod outbox;
pub mod output_file;
pub mod paper;
pub mod pdf;
pub mod qr;
pub mod smtp;
pub mod temp_registry;
pub mod tickets;
pub use discounts::DiscountDraft;
pub use tickets::{DoorTicket, Tickets};
