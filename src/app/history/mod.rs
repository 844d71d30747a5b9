//! The audit trail event sourcing promises: every event of one order — the
//! order itself, its reservation, its payments, its seat assignments and its
//! registration process — in log order, each with a plain-language line.

use crate::app::event_codec::decode_event;
use crate::app::{AppError, ConferenceAccess, Desk, OrderKey};
use crate::domain::Message;
use crate::domain::staff_code::Actor;
use crate::domain::{ConferenceId, Event, OrderId, StreamKey};
use crate::store::RecordedEvent;
use chrono::{DateTime, Utc};
use std::collections::HashSet;
use uuid::Uuid;

mod line;
pub use line::{HistoryLine, describe, payment_method_message};

/// One event of an order's history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryEntry {
    /// Global position.
    pub position: u64,
    /// When it happened.
    pub recorded_at: DateTime<Utc>,
    /// Its stream.
    pub stream_id: String,
    /// Stored type name.
    pub event_type: String,
    /// The event.
    pub event: Event,
    /// What it means, in words (English; times in UTC).
    pub description: String,
    /// The same line as a template with typed arguments, for the window to
    /// translate.
    pub line: HistoryLine,
}

/// Who is asking for a history.
#[derive(Debug, Clone)]
pub enum HistoryAccess {
    /// The registrant, with the order's code.
    Registrant(OrderKey),
    /// The organizer of the order's conference.
    Organizer(ConferenceAccess, OrderId),
}

impl Desk {
    /// The order's history, for its registrant or its conference's organizer.
    ///
    /// A read: the registrant's code is compared, not counted, like every
    /// read of an order the window already opened
    /// ([`Registration::order`](crate::app::Registration::order)),
    /// so drawing the panel again never counts a try. A code someone just
    /// typed is counted first with `open_order`, as the CLI's `order
    /// history` does.
    pub fn order_history(&self, access: &HistoryAccess) -> Result<Vec<HistoryEntry>, AppError> {
        let order_id = match access {
            HistoryAccess::Registrant(key) => self.registration().order(key)?.id,
            HistoryAccess::Organizer(access, order_id) => {
                crate::app::auth::require(
                    self.write_model(),
                    access,
                    crate::app::auth::Right::Organize,
                )?;
                let conference = access.conference();
                let belongs = self
                    .read_models()
                    .orders
                    .get(*order_id)
                    .is_some_and(|o| o.conference_id == conference);
                if !belongs {
                    return Err(AppError::NotFound(Message::new(
                        "this conference has no such order",
                    )));
                }
                *order_id
            }
        };
        let conference = self
            .read_models()
            .orders
            .get(order_id)
            .map(|o| o.conference_id);
        self.collect_history(order_id, conference)
    }

    fn collect_history(
        &self,
        order_id: OrderId,
        conference: Option<ConferenceId>,
    ) -> Result<Vec<HistoryEntry>, AppError> {
        let mut streams = vec![
            StreamKey::Order(order_id),
            StreamKey::Registration(order_id),
            StreamKey::Assignments(order_id),
            StreamKey::CheckIn(order_id),
        ];
        if let Some(o) = self.read_models().orders.get(order_id) {
            streams.extend(o.payments.iter().map(|p| StreamKey::Payment(*p)));
        }
        let mut records = Vec::new();
        for key in streams {
            records.extend(self.log().read_stream(&key.to_string())?);
        }
        if let Some(c) = conference {
            records.extend(self.reservation_records(&records, c)?);
        }
        let mut out = Vec::new();
        for rec in records {
            let event = decode_event(&rec.event_type, rec.schema_version, &rec.payload).map_err(
                |source| AppError::Decode {
                    position: rec.position,
                    source,
                },
            )?;
            if !concerns(&event, order_id) {
                continue;
            }
            let line = describe(&event, &self.read_models().conferences, conference);
            let line = self.with_staff(line, &event, conference);
            out.push(HistoryEntry {
                position: rec.position,
                recorded_at: rec.recorded_at,
                stream_id: rec.stream_id,
                event_type: rec.event_type,
                event,
                description: line.to_string(),
                line,
            });
        }
        out.sort_by_key(|e| e.position);
        Ok(out)
    }

    /// `line`, naming the staff code that made the sale or the check-in
    /// ("…, by Door 2"). The organizer and the registrant serving
    /// themselves are recorded too (`by`) but left unsaid: they are who
    /// always acted before staff codes, so older lines read as they did.
    fn with_staff(
        &self,
        line: HistoryLine,
        event: &Event,
        conference: Option<ConferenceId>,
    ) -> HistoryLine {
        let by = match event {
            Event::OrderPlaced(e) => e.by,
            Event::AttendeeCheckedIn(e) => e.by,
            Event::AttendeeCheckInUndone(e) => e.by,
            Event::AttendeeCheckedInOffline(e) => e.by,
            _ => return line,
        };
        let Actor::Staff(id) = by else {
            return line;
        };
        let label = conference
            .and_then(|c| self.write_model().conferences.get(&c))
            .and_then(|c| c.staff.get(id))
            .map_or_else(|| id.to_string(), |c| c.label.clone());
        Message::new("{line}, by {staff}")
            .message("line", line)
            .text("staff", label)
    }

    /// The conference's SeatsAvailability events written by the same user
    /// actions as `own` (the order's own events). The availability stream
    /// holds every reservation of the conference, so it is not read whole:
    /// an action's events are appended together, so the ones that matter
    /// sit within [`ACTION_SPAN`] positions of one of the order's events and
    /// share its correlation id.
    fn reservation_records(
        &self,
        own: &[RecordedEvent],
        conference: ConferenceId,
    ) -> Result<Vec<RecordedEvent>, AppError> {
        let stream = StreamKey::Availability(conference).to_string();
        // Discount codes used and given back are kept the same way (18.7).
        let discounts = StreamKey::Discounts(conference).to_string();
        let actions: HashSet<Uuid> = own.iter().map(|r| r.correlation_id).collect();
        let mut windows: Vec<(u64, u64)> = own
            .iter()
            .map(|r| {
                let p = r.position;
                (
                    p.saturating_sub(ACTION_SPAN).max(1),
                    p.saturating_add(ACTION_SPAN),
                )
            })
            .collect();
        windows.sort_unstable();
        let mut merged: Vec<(u64, u64)> = Vec::new();
        for (from, to) in windows {
            match merged.last_mut() {
                Some(last) if from <= last.1 + 1 => last.1 = last.1.max(to),
                _ => merged.push((from, to)),
            }
        }
        let mut out = Vec::new();
        for (from, to) in merged {
            out.extend(self.log().read_range(from, to)?.into_iter().filter(|r| {
                (r.stream_id == stream || r.stream_id == discounts)
                    && actions.contains(&r.correlation_id)
            }));
        }
        Ok(out)
    }
}

/// How far from an order's own event the other events of the same user
/// action can sit: placing an order writes 7 events, the largest action a
/// dozen; the margin is generous because a window costs a few reads.
const ACTION_SPAN: u64 = 64;

/// Whether an availability event is about this order (others always are).
fn concerns(event: &Event, order_id: OrderId) -> bool {
    match event {
        Event::SeatsReserved(e) => e.reservation_id == order_id,
        Event::SeatsReservationCommitted(e) => e.reservation_id == order_id,
        Event::SeatsReservationCancelled(e) => e.reservation_id == order_id,
        Event::SoldSeatsReleased(e) => e.reservation_id == order_id,
        Event::AvailableSeatsChanged(_) => false,
        Event::DiscountCodeRedeemed(e) => e.order_id == order_id,
        Event::DiscountCodeReleased(e) => e.order_id == order_id,
        Event::DiscountCodeCreated(_) | Event::DiscountCodeRevoked(_) => false,
        _ => true,
    }
}
