//! Every event of the three bounded contexts, the registration process
//! manager and the door's check-in, named as in the CQRS Journey. The variant name is the stored
//! event type name: never rename a variant once logs exist; change a payload
//! only with a new schema version and an upcaster (see `app::event_codec`).

use crate::domain::staff_code::{Actor, StaffCodeId, StaffRole, StaffSecret};
use crate::domain::{ConferenceId, Currency, Money, OrderId, PaymentId, SeatTypeId};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// A quantity of one seat type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct SeatQuantity {
    /// The seat type.
    pub seat_type: SeatTypeId,
    /// How many seats.
    pub quantity: u32,
}

/// A signed change to a seat type's available count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeatDelta {
    /// The seat type.
    pub seat_type: SeatTypeId,
    /// Seats added (positive) or taken (negative).
    pub delta: i64,
}

/// The editable details of a conference.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConferenceInfo {
    /// Display name.
    pub name: String,
    /// Free text.
    pub description: String,
    /// Unique short name used to find it (`cqrs-summit-2026`).
    pub slug: String,
    /// First day.
    pub start: NaiveDate,
    /// Last day (≥ start).
    pub end: NaiveDate,
    /// Organizer's name.
    pub owner_name: String,
    /// Organizer's e-mail; with the access code it opens the conference.
    pub owner_email: String,
    /// Currency of every price of this conference.
    pub currency: Currency,
}

/// A seat type's editable details.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeatInfo {
    /// Display name, unique within the conference.
    pub name: String,
    /// Free text.
    pub description: String,
    /// Seats on sale in total.
    pub quota: u32,
    /// Price of one seat.
    pub price: Money,
}

/// A person's name and e-mail (registrant or attendee).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonalInfo {
    /// Given name.
    pub first_name: String,
    /// Family name.
    pub last_name: String,
    /// E-mail address.
    pub email: String,
}

/// One priced line of an order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderLine {
    /// The seat type.
    pub seat_type: SeatTypeId,
    /// Price of one seat, minor units.
    pub unit_price: i64,
    /// Seats reserved on this line.
    pub quantity: u32,
    /// `unit_price × quantity`, minor units.
    pub line_total: i64,
}

/// What a discount code gives (issue 18.7).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum DiscountKind {
    /// This percent (1..=100) off the covered lines.
    Percent(u8),
    /// This amount off the covered lines (never below 0).
    Fixed(Money),
}

/// The discount line of an order's totals: which code, and how much it
/// took off (minor units of the order's currency).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderDiscount {
    /// The code (in capitals).
    pub code: String,
    /// Minor units taken off the lines' sum.
    pub amount: i64,
}

/// Why an order was cancelled (kept with the event). Variants are stored
/// by index: a new way to cancel is added at the end, never in between.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum CancelReason {
    /// The registrant (or the desk for them) dropped it at the desk, unpaid.
    AtTheDesk,
    /// The organizer cancelled it, paid or not (issue 18.3); a paid
    /// order's seats go back on sale at once.
    ByOrganizer,
}

/// How a payment was taken, or a refund paid out (issue 18.4). Stored by
/// index: new methods are added at the end.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum PaymentMethod {
    /// Recorded before confdesk asked (a `PaymentCompleted` v1).
    Unknown,
    /// Cash at the desk.
    Cash,
    /// A card terminal.
    Card,
    /// A bank transfer.
    BankTransfer,
    /// Nothing to pay: the only method for a zero total.
    Free,
}

impl PaymentMethod {
    /// Every method a person can choose for a payment, in menu order.
    pub const CHOICES: [PaymentMethod; 4] =
        [Self::Cash, Self::Card, Self::BankTransfer, Self::Free];

    /// The snake_case name the CLI, JSON and exports use.
    pub fn as_str(&self) -> &'static str {
        match self {
            Self::Unknown => "unknown",
            Self::Cash => "cash",
            Self::Card => "card",
            Self::BankTransfer => "transfer",
            Self::Free => "free",
        }
    }

    /// Reads a typed name (`cash`, `card`, `transfer` or `bank_transfer`,
    /// `free`), ignoring case and surrounding spaces.
    pub fn parse(text: &str) -> Option<Self> {
        match text.trim().to_ascii_lowercase().as_str() {
            "cash" => Some(Self::Cash),
            "card" => Some(Self::Card),
            "transfer" | "bank_transfer" | "bank-transfer" | "bank" => Some(Self::BankTransfer),
            "free" => Some(Self::Free),
            _ => None,
        }
    }
}

/// One seat's ticket: its position in the order and its code
/// ([`crate::domain::validation::TICKET_CODE_LEN`] characters).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Ticket {
    /// The 0-based position of the seat in its order.
    pub position: u32,
    /// The ticket code, unique within the conference.
    pub code: String,
}

/// States of the registration process manager.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ProcessState {
    /// Seats requested, waiting for the reservation.
    AwaitingReservationConfirmation,
    /// Seats reserved; waiting for payment until the expiry.
    ReservationConfirmationReceived,
    /// Payment completed; reservation being committed.
    PaymentConfirmationReceived,
    /// Order confirmed: nothing more to do.
    Completed,
    /// The reservation expired: seats released, order expired.
    Expired,
}

/// Encodes and decodes one payload; implemented by the app's codec so that
/// this pure module never names the wire format.
pub trait PayloadCodec {
    /// The codec's error.
    type Error;
    /// Encodes one event payload struct.
    fn encode<T: Serialize>(&self, value: &T) -> Result<Vec<u8>, Self::Error>;
    /// Decodes one event payload struct.
    fn decode<T: serde::de::DeserializeOwned>(&self, bytes: &[u8]) -> Result<T, Self::Error>;
}

/// Declares each event payload struct, the [`Event`] enum over them, their
/// stored type names (= struct names) and the current schema versions.
macro_rules! events {
    ($( $(#[$doc:meta])* $name:ident @ $version:literal { $( $field:ident : $ty:ty ),* $(,)? } )*) => {
        $(
            $(#[$doc])*
            #[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
            #[allow(missing_docs)]
            pub struct $name { $( pub $field: $ty ),* }

            impl From<$name> for Event {
                fn from(e: $name) -> Self { Event::$name(e) }
            }
        )*

        /// Every event in the log; each variant's name is its stored type name.
        #[derive(Debug, Clone, PartialEq, Eq)]
        #[allow(missing_docs)]
        pub enum Event { $( $name($name) ),* }

        /// Every stored event type name with its current schema version.
        pub const EVENT_TYPES: &[(&str, u16)] = &[ $( (stringify!($name), $version) ),* ];

        impl Event {
            /// The stored type name.
            pub fn type_name(&self) -> &'static str {
                match self { $( Event::$name(_) => stringify!($name) ),* }
            }

            /// The schema version this build writes for this event.
            pub fn schema_version(&self) -> u16 {
                match self { $( Event::$name(_) => $version ),* }
            }

            /// Encodes the payload (without type name or version).
            pub fn encode_payload<C: PayloadCodec>(&self, codec: &C) -> Result<Vec<u8>, C::Error> {
                match self { $( Event::$name(e) => codec.encode(e) ),* }
            }

            /// Decodes a payload written at the CURRENT schema version of
            /// `type_name`; `None` for an unknown type name. Older versions
            /// are upcast by the app's codec before reaching here.
            pub fn decode_current<C: PayloadCodec>(
                type_name: &str,
                bytes: &[u8],
                codec: &C,
            ) -> Option<Result<Event, C::Error>> {
                match type_name {
                    $( stringify!($name) => Some(codec.decode::<$name>(bytes).map(Event::$name)), )*
                    _ => None,
                }
            }
        }
    };
}

events! {
    // --- conference management -------------------------------------------
    /// A conference was created; the access code opens it for its owner.
    ConferenceCreated @1 { conference_id: ConferenceId, info: ConferenceInfo, access_code: String }
    /// A conference's details changed.
    ConferenceUpdated @1 { conference_id: ConferenceId, info: ConferenceInfo }
    /// Registrants can now see and buy.
    ConferencePublished @1 { conference_id: ConferenceId }
    /// Hidden from registrants again.
    ConferenceUnpublished @1 { conference_id: ConferenceId }
    /// A seat type was added.
    SeatCreated @1 { conference_id: ConferenceId, seat_type: SeatTypeId, info: SeatInfo }
    /// A seat type's details, quota or price changed.
    SeatUpdated @1 { conference_id: ConferenceId, seat_type: SeatTypeId, info: SeatInfo }
    // --- seats availability ------------------------------------------------
    /// Seats became available (positive) or were taken (negative).
    AvailableSeatsChanged @1 { conference_id: ConferenceId, seats: Vec<SeatDelta> }
    /// What a reservation now holds, per requested seat type (0 included).
    SeatsReserved @1 { conference_id: ConferenceId, reservation_id: OrderId, details: Vec<SeatQuantity> }
    /// A reservation's seats are sold.
    SeatsReservationCommitted @1 { conference_id: ConferenceId, reservation_id: OrderId }
    /// A reservation was released; its seats go back.
    SeatsReservationCancelled @1 { conference_id: ConferenceId, reservation_id: OrderId, details: Vec<SeatQuantity> }
    // --- orders --------------------------------------------------------------
    /// A registrant asked for seats (v2: `by`, who placed it; v1 reads as
    /// [`Actor::Unknown`]).
    OrderPlaced @2 {
        order_id: OrderId,
        conference_id: ConferenceId,
        seats: Vec<SeatQuantity>,
        reservation_auto_expiration: DateTime<Utc>,
        access_code: String,
        by: Actor,
    }
    /// The registrant changed the quantities before paying.
    OrderUpdated @1 { order_id: OrderId, seats: Vec<SeatQuantity>, reservation_auto_expiration: DateTime<Utc> }
    /// Fewer seats than requested on at least one line.
    OrderPartiallyReserved @1 { order_id: OrderId, reservation_expiration: DateTime<Utc>, seats: Vec<SeatQuantity> }
    /// Every requested seat is reserved.
    OrderReservationCompleted @1 { order_id: OrderId, reservation_expiration: DateTime<Utc>, seats: Vec<SeatQuantity> }
    /// Lines and total over the reserved seats. v2 (issue 18.7): the
    /// discount line, and `total` is after it (= Σ lines − discount, ≥ 0);
    /// v1 is upcast with no discount (`app::event_codec`).
    OrderTotalsCalculated @2 {
        order_id: OrderId,
        lines: Vec<OrderLine>,
        total: i64,
        currency: Currency,
        discount: Option<OrderDiscount>,
    }
    /// Who is buying.
    OrderRegistrantAssigned @1 { order_id: OrderId, registrant: PersonalInfo }
    /// Paid and final.
    OrderConfirmed @1 { order_id: OrderId }
    /// The reservation ran out (or the order was rejected); seats released.
    OrderExpired @1 { order_id: OrderId }
    /// An order was dropped (CancelOrder): unpaid at the desk, or by the
    /// organizer, paid or not; its seats are released at once, in the same
    /// action. v2 only widened `reason` (ByOrganizer): the v1 bytes are
    /// the same layout, and the new version tells an older confdesk it
    /// meets a newer log instead of failing on an unknown variant.
    OrderCancelled @2 { order_id: OrderId, conference_id: ConferenceId, reason: CancelReason }
    // --- payments ------------------------------------------------------------
    /// The desk started taking a payment.
    PaymentInitiated @1 { payment_id: PaymentId, order_id: OrderId, amount: Money }
    /// The desk accepted the payment, taken by `method` (v2; a v1 event
    /// is upcast with `PaymentMethod::Unknown`).
    PaymentCompleted @2 { payment_id: PaymentId, order_id: OrderId, method: PaymentMethod }
    /// The desk rejected the payment.
    PaymentRejected @1 { payment_id: PaymentId, order_id: OrderId }
    // --- seat assignments ----------------------------------------------------
    /// One position per purchased seat (position = index).
    SeatAssignmentsCreated @1 { order_id: OrderId, seats: Vec<SeatTypeId> }
    /// An attendee was named for a position.
    SeatAssigned @1 { order_id: OrderId, position: u32, seat_type: SeatTypeId, attendee: PersonalInfo }
    /// A position was emptied.
    SeatUnassigned @1 { order_id: OrderId, position: u32 }
    /// The same attendee (same e-mail) with a corrected name.
    SeatAssignmentUpdated @1 { order_id: OrderId, position: u32, attendee: PersonalInfo }
    // --- registration process manager ---------------------------------------
    /// The process manager moved to `state`; `expires_at` is its scheduled expiry.
    RegistrationProcessStateChanged @1 {
        order_id: OrderId,
        conference_id: ConferenceId,
        state: ProcessState,
        expires_at: Option<DateTime<Utc>>,
    }
    // --- check-in at the door ------------------------------------------------
    /// The attendee of a purchased seat arrived (v2: `by`, who checked
    /// them in; v1 reads as [`Actor::Unknown`]).
    AttendeeCheckedIn @2 { order_id: OrderId, position: u32, seat_type: SeatTypeId, checked_in_at: DateTime<Utc>, by: Actor }
    /// A check-in made by mistake was taken back (v2: `by`).
    AttendeeCheckInUndone @2 { order_id: OrderId, position: u32, seat_type: SeatTypeId, by: Actor }
    /// A door that had lost the server checked the attendee in at
    /// `checked_in_at` and uploaded it later. `check_in_id` makes the upload
    /// idempotent; `duplicate` says the seat was already checked in (by
    /// another door, or online) when this one was recorded: both stay in
    /// the log, and the window flags the seat. v2: `by`, whose access the
    /// door queued it with.
    AttendeeCheckedInOffline @2 {
        order_id: OrderId,
        position: u32,
        seat_type: SeatTypeId,
        check_in_id: Uuid,
        checked_in_at: DateTime<Utc>,
        door: String,
        duplicate: bool,
        by: Actor,
    }
    // --- conference management, later additions -----------------------------
    /// A seat type that never had a seat reserved or sold was removed.
    SeatDeleted @1 { conference_id: ConferenceId, seat_type: SeatTypeId }
    // --- seat assignments, later additions -----------------------------------
    /// Each purchased seat of a confirmed order got its own ticket code
    /// (in the cascade of the confirmation, or later by the organizer for
    /// an order confirmed before tickets existed).
    TicketsIssued @1 { order_id: OrderId, conference_id: ConferenceId, tickets: Vec<Ticket> }
    // --- staff codes (issue 18 item 2) ---------------------------------------
    /// The organizer made a code for door or desk staff; only its salted
    /// digest is kept (the code was shown once).
    StaffCodeCreated @1 {
        conference_id: ConferenceId,
        staff_code_id: StaffCodeId,
        role: StaffRole,
        label: String,
        secret: StaffSecret,
        created_at: DateTime<Utc>,
    }
    /// A staff code stopped working.
    StaffCodeRevoked @1 { conference_id: ConferenceId, staff_code_id: StaffCodeId, revoked_at: DateTime<Utc> }
    // --- discount codes (issue 18.7), one stream per conference ------------
    /// CreateDiscountCode: a code (in capitals) of a conference.
    DiscountCodeCreated @1 {
        conference_id: ConferenceId,
        code: String,
        kind: DiscountKind,
        seat_type: Option<SeatTypeId>,
        max_uses: u32,
        valid_until: NaiveDate,
    }
    /// An order took one use of a code.
    DiscountCodeRedeemed @1 { conference_id: ConferenceId, code: String, order_id: OrderId }
    /// An order's use came back (it expired, was cancelled, or took another code).
    DiscountCodeReleased @1 { conference_id: ConferenceId, code: String, order_id: OrderId }
    /// No new uses of a code (orders holding one keep it).
    DiscountCodeRevoked @1 { conference_id: ConferenceId, code: String }
    // --- cancel and refund (issue 18.3) -------------------------------------
    /// Money went back to the payer: `amount` of a completed payment, paid
    /// out by `method`. Several partial refunds add up to at most what was paid.
    PaymentRefunded @1 { payment_id: PaymentId, order_id: OrderId, amount: Money, method: PaymentMethod }
    /// A paid order was cancelled: its sold seats go back on sale.
    SoldSeatsReleased @1 { conference_id: ConferenceId, reservation_id: OrderId, details: Vec<SeatQuantity> }
}

impl Event {
    /// The stream this event belongs to.
    pub fn stream(&self) -> StreamKey {
        use Event as E;
        match self {
            E::ConferenceCreated(ConferenceCreated { conference_id, .. })
            | E::ConferenceUpdated(ConferenceUpdated { conference_id, .. })
            | E::ConferencePublished(ConferencePublished { conference_id })
            | E::ConferenceUnpublished(ConferenceUnpublished { conference_id })
            | E::SeatCreated(SeatCreated { conference_id, .. })
            | E::SeatUpdated(SeatUpdated { conference_id, .. })
            | E::SeatDeleted(SeatDeleted { conference_id, .. })
            | E::StaffCodeCreated(StaffCodeCreated { conference_id, .. })
            | E::StaffCodeRevoked(StaffCodeRevoked { conference_id, .. }) => {
                StreamKey::Conference(*conference_id)
            }
            E::AvailableSeatsChanged(AvailableSeatsChanged { conference_id, .. })
            | E::SeatsReserved(SeatsReserved { conference_id, .. })
            | E::SeatsReservationCommitted(SeatsReservationCommitted { conference_id, .. })
            | E::SeatsReservationCancelled(SeatsReservationCancelled { conference_id, .. })
            | E::SoldSeatsReleased(SoldSeatsReleased { conference_id, .. }) => {
                StreamKey::Availability(*conference_id)
            }
            E::OrderPlaced(OrderPlaced { order_id, .. })
            | E::OrderUpdated(OrderUpdated { order_id, .. })
            | E::OrderPartiallyReserved(OrderPartiallyReserved { order_id, .. })
            | E::OrderReservationCompleted(OrderReservationCompleted { order_id, .. })
            | E::OrderTotalsCalculated(OrderTotalsCalculated { order_id, .. })
            | E::OrderRegistrantAssigned(OrderRegistrantAssigned { order_id, .. })
            | E::OrderConfirmed(OrderConfirmed { order_id })
            | E::OrderExpired(OrderExpired { order_id })
            | E::OrderCancelled(OrderCancelled { order_id, .. }) => StreamKey::Order(*order_id),
            E::PaymentInitiated(PaymentInitiated { payment_id, .. })
            | E::PaymentCompleted(PaymentCompleted { payment_id, .. })
            | E::PaymentRejected(PaymentRejected { payment_id, .. })
            | E::PaymentRefunded(PaymentRefunded { payment_id, .. }) => {
                StreamKey::Payment(*payment_id)
            }
            E::SeatAssignmentsCreated(SeatAssignmentsCreated { order_id, .. })
            | E::SeatAssigned(SeatAssigned { order_id, .. })
            | E::SeatUnassigned(SeatUnassigned { order_id, .. })
            | E::SeatAssignmentUpdated(SeatAssignmentUpdated { order_id, .. })
            | E::TicketsIssued(TicketsIssued { order_id, .. }) => StreamKey::Assignments(*order_id),
            E::RegistrationProcessStateChanged(RegistrationProcessStateChanged {
                order_id,
                ..
            }) => StreamKey::Registration(*order_id),
            E::AttendeeCheckedIn(AttendeeCheckedIn { order_id, .. })
            | E::AttendeeCheckInUndone(AttendeeCheckInUndone { order_id, .. })
            | E::AttendeeCheckedInOffline(AttendeeCheckedInOffline { order_id, .. }) => {
                StreamKey::CheckIn(*order_id)
            }
            E::DiscountCodeCreated(DiscountCodeCreated { conference_id, .. })
            | E::DiscountCodeRedeemed(DiscountCodeRedeemed { conference_id, .. })
            | E::DiscountCodeReleased(DiscountCodeReleased { conference_id, .. })
            | E::DiscountCodeRevoked(DiscountCodeRevoked { conference_id, .. }) => {
                StreamKey::Discounts(*conference_id)
            }
        }
    }
}

/// Which stream an event belongs to; its `Display` is the stored stream id
/// (`<kind>-<uuid>`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum StreamKey {
    /// A conference's management stream.
    Conference(ConferenceId),
    /// A conference's SeatsAvailability stream.
    Availability(ConferenceId),
    /// An order's stream.
    Order(OrderId),
    /// A payment's stream.
    Payment(PaymentId),
    /// An order's seat assignments.
    Assignments(OrderId),
    /// An order's registration process manager.
    Registration(OrderId),
    /// Who of an order has arrived at the door.
    CheckIn(OrderId),
    /// A conference's discount codes and their uses (issue 18.7).
    Discounts(ConferenceId),
}

impl std::fmt::Display for StreamKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StreamKey::Conference(id) => write!(f, "conference-{id}"),
            StreamKey::Availability(id) => write!(f, "availability-{id}"),
            StreamKey::Order(id) => write!(f, "order-{id}"),
            StreamKey::Payment(id) => write!(f, "payment-{id}"),
            StreamKey::Assignments(id) => write!(f, "assignments-{id}"),
            StreamKey::Registration(id) => write!(f, "registration-{id}"),
            StreamKey::CheckIn(id) => write!(f, "checkin-{id}"),
            StreamKey::Discounts(id) => write!(f, "discounts-{id}"),
        }
    }
}
