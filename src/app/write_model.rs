//! The write side in memory: every aggregate's current state, each stream's
//! version, and the indexes the commands need (slugs, order codes, pending
//! expiries). Built by replaying the log; advanced by the same `apply` after
//! every commit, so replay and live updates cannot drift apart.

use crate::domain::check_in::OrderCheckIn;
use crate::domain::conference::Conference;
use crate::domain::discount::DiscountCodes;
use crate::domain::order::Order;
use crate::domain::payment::Payment;
use crate::domain::registration_process::RegistrationProcess;
use crate::domain::seat_assignments::SeatAssignments;
use crate::domain::seats_availability::SeatsAvailability;
use crate::domain::{Aggregate, ConferenceId, Event, OrderId, PaymentId, StreamKey};
use chrono::{DateTime, Utc};
use std::collections::{BTreeSet, HashMap};

/// All aggregates' state.
#[derive(Debug, Default, Clone)]
pub struct WriteModel {
    /// Conferences.
    pub conferences: HashMap<ConferenceId, Conference>,
    /// SeatsAvailability, one per conference.
    pub availability: HashMap<ConferenceId, SeatsAvailability>,
    /// Orders.
    pub orders: HashMap<OrderId, Order>,
    /// Payments.
    pub payments: HashMap<PaymentId, Payment>,
    /// Seat assignments, per order.
    pub assignments: HashMap<OrderId, SeatAssignments>,
    /// Registration processes, per order.
    pub processes: HashMap<OrderId, RegistrationProcess>,
    /// Check-ins at the door, per order (only orders someone checked in).
    pub check_ins: HashMap<OrderId, OrderCheckIn>,
    /// Discount codes, one aggregate per conference that has any.
    pub discounts: HashMap<ConferenceId, DiscountCodes>,
    /// Each stream's current version.
    pub versions: HashMap<StreamKey, u64>,
    /// Conference slug → id.
    pub slugs: HashMap<String, ConferenceId>,
    /// Order access code → id.
    pub order_codes: HashMap<String, OrderId>,
    /// Ticket code → the order and the seat's position in it.
    pub ticket_codes: HashMap<String, (OrderId, u32)>,
    /// Scheduled expiries: (due time, order).
    pub due: BTreeSet<(DateTime<Utc>, OrderId)>,
}

/// Events that placing one order writes at least (the order, its process
/// and its reservation): at most one order per this many events.
pub(crate) const EVENTS_PER_ORDER: u64 = 7;

/// The most events [`WriteModel::reserve_for`] makes room for. The count
/// comes from the file: a flipped bit in the last position once asked for
/// 131,167,339,147,165,712 bytes and aborted the process. Beyond this
/// (about 300,000 orders, some 100 MB of maps), the maps grow as needed.
pub(crate) const RESERVE_EVENTS_MAX: u64 = 2_097_152;

impl WriteModel {
    /// Makes room for replaying a log of `events` events (at most
    /// [`RESERVE_EVENTS_MAX`]), so that the maps keyed by order are not
    /// regrown (and rehashed) again and again.
    pub fn reserve_for(&mut self, events: u64) {
        let events = events.min(RESERVE_EVENTS_MAX);
        let orders = usize::try_from(events / EVENTS_PER_ORDER).unwrap_or(0);
        self.orders.reserve(orders);
        self.processes.reserve(orders);
        self.assignments.reserve(orders);
        self.order_codes.reserve(orders);
        // An order's streams: order, process, assignments (and payments).
        self.versions.reserve(orders.saturating_mul(3));
    }

    /// Folds one committed event (at `version` of its stream).
    pub fn apply(&mut self, event: &Event, version: u64) {
        let key = event.stream();
        self.versions.insert(key, version);
        match key {
            StreamKey::Conference(id) => {
                let c = self
                    .conferences
                    .entry(id)
                    .or_insert_with(|| Conference::new(id));
                let old_slug = c.info.as_ref().map(|i| i.slug.clone());
                c.apply(event);
                if let Some(info) = &c.info
                    && old_slug.as_deref() != Some(info.slug.as_str())
                {
                    if let Some(old) = old_slug {
                        self.slugs.remove(&old);
                    }
                    self.slugs.insert(info.slug.clone(), id);
                }
            }
            StreamKey::Availability(id) => {
                self.availability
                    .entry(id)
                    .or_insert_with(|| SeatsAvailability::new(id))
                    .apply(event);
            }
            StreamKey::Order(id) => {
                let o = self.orders.entry(id).or_insert_with(|| Order::new(id));
                o.apply(event);
                if let Event::OrderPlaced(e) = event {
                    self.order_codes.insert(e.access_code.clone(), id);
                }
            }
            StreamKey::Payment(id) => self
                .payments
                .entry(id)
                .or_insert_with(|| Payment::new(id))
                .apply(event),
            StreamKey::Assignments(id) => {
                self.assignments
                    .entry(id)
                    .or_insert_with(|| SeatAssignments::new(id))
                    .apply(event);
                if let Event::TicketsIssued(e) = event {
                    for t in &e.tickets {
                        self.ticket_codes.insert(t.code.clone(), (id, t.position));
                    }
                }
            }
            StreamKey::Registration(id) => {
                let p = self
                    .processes
                    .entry(id)
                    .or_insert_with(|| RegistrationProcess::new(id));
                if let Some(t) = p.due_at() {
                    self.due.remove(&(t, id));
                }
                p.apply(event);
                if let Some(t) = p.due_at() {
                    self.due.insert((t, id));
                }
            }
            StreamKey::CheckIn(id) => self
                .check_ins
                .entry(id)
                .or_insert_with(|| OrderCheckIn::new(id))
                .apply(event),
            StreamKey::Discounts(id) => self
                .discounts
                .entry(id)
                .or_insert_with(|| DiscountCodes::new(id))
                .apply(event),
        }
    }

    /// The current version of a stream (0 if new).
    pub fn version(&self, key: StreamKey) -> u64 {
        self.versions.get(&key).copied().unwrap_or(0)
    }

    /// Orders whose scheduled expiry is at or before `now`.
    pub fn due_by(&self, now: DateTime<Utc>) -> Vec<OrderId> {
        self.due
            .iter()
            .take_while(|(t, _)| *t <= now)
            .map(|(_, o)| *o)
            .collect()
    }
}
