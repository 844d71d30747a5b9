//! ConferenceDirectory: every conference's details, publication state and
//! seat types with quota / reserved / sold / left (the registrant's
//! published list and the organizer's seat-types table).

use crate::app::projections::EventMeta;
use crate::domain::events::ConferenceInfo;
use crate::domain::seats_availability::SeatsAvailability;
use crate::domain::{Aggregate, ConferenceId, Event, Money, SeatTypeId};
use chrono::{DateTime, Utc};
use std::collections::HashMap;

/// A seat type with its counts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeatTypeView {
    /// Its id.
    pub id: SeatTypeId,
    /// Name.
    pub name: String,
    /// Description.
    pub description: String,
    /// Seats on sale.
    pub quota: u32,
    /// Price of one seat.
    pub price: Money,
    /// Held by unpaid reservations.
    pub reserved: i64,
    /// Paid.
    pub sold: i64,
    /// Still free.
    pub left: i64,
}

/// A conference as the desk shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConferenceView {
    /// Its id.
    pub id: ConferenceId,
    /// Details.
    pub info: ConferenceInfo,
    /// Visible to registrants.
    pub published: bool,
    /// When it was created.
    pub created_at: DateTime<Utc>,
    /// Seat types in creation order, with counts.
    pub seat_types: Vec<SeatTypeView>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Entry {
    info: ConferenceInfo,
    access_code: String,
    published: bool,
    created_at: DateTime<Utc>,
    seats: Vec<(SeatTypeId, crate::domain::events::SeatInfo)>,
    /// Names of deleted seat types: an expired order's history still names them.
    deleted: Vec<(SeatTypeId, String)>,
    availability: SeatsAvailability,
}

/// Every conference.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct ConferenceDirectory {
    entries: HashMap<ConferenceId, Entry>,
    order: Vec<ConferenceId>,
    slugs: HashMap<String, ConferenceId>,
}

impl ConferenceDirectory {
    /// Folds one event.
    pub fn apply(&mut self, event: &Event, meta: EventMeta) {
        match event {
            Event::ConferenceCreated(e) => {
                self.order.push(e.conference_id);
                self.slugs.insert(e.info.slug.clone(), e.conference_id);
                self.entries.insert(
                    e.conference_id,
                    Entry {
                        info: e.info.clone(),
                        access_code: e.access_code.clone(),
                        published: false,
                        created_at: meta.recorded_at,
                        seats: Vec::new(),
                        deleted: Vec::new(),
                        availability: SeatsAvailability::new(e.conference_id),
                    },
                );
            }
            Event::ConferenceUpdated(e) => {
                if let Some(entry) = self.entries.get_mut(&e.conference_id) {
                    self.slugs.remove(&entry.info.slug);
                    self.slugs.insert(e.info.slug.clone(), e.conference_id);
                    entry.info = e.info.clone();
                }
            }
            Event::ConferencePublished(e) => self.with(e.conference_id, |x| x.published = true),
            Event::ConferenceUnpublished(e) => self.with(e.conference_id, |x| x.published = false),
            Event::SeatCreated(e) => self.with(e.conference_id, |x| {
                x.seats.push((e.seat_type, e.info.clone()))
            }),
            Event::SeatUpdated(e) => self.with(e.conference_id, |x| {
                if let Some((_, info)) = x.seats.iter_mut().find(|(s, _)| *s == e.seat_type) {
                    *info = e.info.clone();
                }
            }),
            Event::SeatDeleted(e) => self.with(e.conference_id, |x| {
                if let Some(at) = x.seats.iter().position(|(s, _)| *s == e.seat_type) {
                    let (id, info) = x.seats.remove(at);
                    x.deleted.push((id, info.name));
                }
            }),
            Event::AvailableSeatsChanged(crate::domain::events::AvailableSeatsChanged {
                conference_id,
                ..
            })
            | Event::SeatsReserved(crate::domain::events::SeatsReserved {
                conference_id, ..
            })
            | Event::SeatsReservationCommitted(
                crate::domain::events::SeatsReservationCommitted { conference_id, .. },
            )
            | Event::SeatsReservationCancelled(
                crate::domain::events::SeatsReservationCancelled { conference_id, .. },
            )
            | Event::SoldSeatsReleased(crate::domain::events::SoldSeatsReleased {
                conference_id,
                ..
            }) => {
                self.with(*conference_id, |x| x.availability.apply(event));
            }
            _ => {}
        }
    }

    fn with(&mut self, id: ConferenceId, f: impl FnOnce(&mut Entry)) {
        if let Some(e) = self.entries.get_mut(&id) {
            f(e);
        }
    }

    fn view(&self, id: ConferenceId, e: &Entry) -> ConferenceView {
        let seat_types = e
            .seats
            .iter()
            .map(|(sid, s)| SeatTypeView {
                id: *sid,
                name: s.name.clone(),
                description: s.description.clone(),
                quota: s.quota,
                price: s.price,
                reserved: e.availability.reserved(*sid),
                sold: e.availability.sold(*sid),
                left: e.availability.left(*sid),
            })
            .collect();
        ConferenceView {
            id,
            info: e.info.clone(),
            published: e.published,
            created_at: e.created_at,
            seat_types,
        }
    }

    /// One conference.
    pub fn get(&self, id: ConferenceId) -> Option<ConferenceView> {
        self.entries.get(&id).map(|e| self.view(id, e))
    }

    /// The conference with this slug.
    pub fn by_slug(&self, slug: &str) -> Option<ConferenceView> {
        self.slugs.get(slug).and_then(|id| self.get(*id))
    }

    /// The id and access code behind a slug (for authorisation only).
    pub(crate) fn credentials(&self, slug: &str) -> Option<(ConferenceId, &str, &str)> {
        let id = self.slugs.get(slug)?;
        let e = self.entries.get(id)?;
        Some((*id, e.info.owner_email.as_str(), e.access_code.as_str()))
    }

    /// Published conferences in creation order (what registrants see).
    pub fn published(&self) -> Vec<ConferenceView> {
        self.order
            .iter()
            .filter_map(|id| {
                self.entries
                    .get(id)
                    .filter(|e| e.published)
                    .map(|e| self.view(*id, e))
            })
            .collect()
    }

    /// Every conference in creation order.
    pub fn all(&self) -> Vec<ConferenceView> {
        self.order.iter().filter_map(|id| self.get(*id)).collect()
    }

    /// A seat type's name (for order lines and attendee lists).
    pub fn seat_name(&self, conference: ConferenceId, seat_type: SeatTypeId) -> Option<&str> {
        let entry = self.entries.get(&conference)?;
        entry
            .seats
            .iter()
            .find(|(s, _)| *s == seat_type)
            .map(|(_, i)| i.name.as_str())
            .or_else(|| {
                entry
                    .deleted
                    .iter()
                    .find(|(s, _)| *s == seat_type)
                    .map(|(_, n)| n.as_str())
            })
    }
}
