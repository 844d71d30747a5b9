//! AttendeeDirectory: every purchased seat of every conference, in the
//! order the organizer's Attendees tab lists them (orders by placement,
//! then position), each with its search text already keyed
//! ([`super::search_key`]: no accents, case folded, names in both orders)
//! — so that typing in the tab's filter scans prepared text instead of
//! building and keying every row of the conference on every keystroke.
//!
//! A conference's rows sit in one vector and their search texts in one
//! string, so a filter over 100,000 seats reads memory in order instead of
//! chasing 100,000 separate allocations. A changed row's text is appended
//! and its old text left as garbage, compacted once garbage is half.
//!
//! What a row shows is the [`super::PurchasedSeat`] of its [`SeatRef`]
//! ([`super::ReadModels::purchased_seat`]); this model only keeps what
//! filtering and its counts need. It holds no
//! words of any language: a seat without an attendee is marked as such, and
//! a search brings the word its reader uses for that ([`SeatQuery`]).

use super::SeatRef;
use super::search_key::{push_name_keys, push_search_key, search_key};
use crate::domain::events::PersonalInfo;
use crate::domain::{ConferenceId, Event, OrderId, SeatTypeId};
use std::collections::HashMap;

/// What a seat search looks for: the typed text, and the word the
/// searcher's language has for a seat nobody is named on (the Korean window
/// gives 미지정, so typing 미지정 finds those seats).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SeatQuery<'a> {
    /// What was typed.
    pub text: &'a str,
    /// The word for an unassigned seat, in the searcher's language.
    pub unassigned: &'a str,
}

impl<'a> SeatQuery<'a> {
    /// A search for `text`, where `unassigned` is the reader's word for a
    /// seat without an attendee.
    pub fn new(text: &'a str, unassigned: &'a str) -> Self {
        Self { text, unassigned }
    }
}

/// A search typed in English, the CLI's language ("unassigned").
impl<'a> From<&'a str> for SeatQuery<'a> {
    fn from(text: &'a str) -> Self {
        Self::new(text, "unassigned")
    }
}

/// The rows a filter matched.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AttendeeMatches {
    /// Matching seats, in list order.
    pub rows: Vec<SeatRef>,
    /// How many of them have an attendee named.
    pub assigned: usize,
    /// How many of them are checked in at the door.
    pub checked_in: usize,
}

/// One seat; its search text is `text[start..start + len]`: seat type,
/// name and e-mail (or, for an unassigned seat, the registrant's name and
/// e-mail), and order code, keyed, separated by NUL (which a typed
/// filter never holds).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Row {
    seq: u64,
    seat: SeatRef,
    seat_type: SeatTypeId,
    assigned: bool,
    checked_in: bool,
    start: usize,
    len: usize,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct ConferenceRows {
    seat_names: HashMap<SeatTypeId, String>,
    /// Seats by (placement order, position).
    rows: Vec<Row>,
    text: String,
    garbage: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Placed {
    conference: ConferenceId,
    seq: u64,
    /// The order code and, once given, the registrant's name and e-mail,
    /// keyed: what an unassigned seat of the order is found by.
    keys: OrderKeys,
    /// Whether its seats exist (it was confirmed): until then the order
    /// itself is what a search finds ([`AttendeeDirectory::orders_without_seats`]).
    seated: bool,
}

/// What a seat is found by besides its own attendee.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct OrderKeys {
    code: String,
    registrant: String,
}

/// Every conference's purchased seats, ready to filter.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct AttendeeDirectory {
    placed: HashMap<OrderId, Placed>,
    conferences: HashMap<ConferenceId, ConferenceRows>,
    next_seq: u64,
}

impl ConferenceRows {
    /// Appends a seat's search text; returns (start, len).
    fn push_text(
        &mut self,
        seat_type: SeatTypeId,
        attendee: Option<&PersonalInfo>,
        keys: &OrderKeys,
    ) -> (usize, usize) {
        let start = self.text.len();
        let seat_name = self.seat_names.get(&seat_type).map_or("?", String::as_str);
        push_search_key(&mut self.text, seat_name);
        self.text.push('\0');
        match attendee {
            Some(a) => {
                push_name_keys(&mut self.text, &a.first_name, &a.last_name);
                self.text.push('\0');
                push_search_key(&mut self.text, &a.email);
            }
            // The registrant is who the door asks for when nobody was named.
            None => self.text.push_str(&keys.registrant),
        }
        self.text.push('\0');
        self.text.push_str(&keys.code);
        (start, self.text.len() - start)
    }

    /// The rows of the order placed as `seq`.
    fn order_range(&self, seq: u64) -> std::ops::Range<usize> {
        let from = self.rows.partition_point(|r| r.seq < seq);
        let to = self.rows.partition_point(|r| r.seq <= seq);
        from..to
    }

    /// Rewrites row `at`'s search text.
    fn rewrite(&mut self, at: usize, attendee: Option<&PersonalInfo>, keys: &OrderKeys) {
        let Some(row) = self.rows.get(at).copied() else {
            return;
        };
        let (start, len) = self.push_text(row.seat_type, attendee, keys);
        self.garbage += row.len;
        if let Some(r) = self.rows.get_mut(at) {
            (r.start, r.len, r.assigned) = (start, len, attendee.is_some());
        }
        if self.garbage > self.text.len() / 2 {
            self.compact();
        }
    }

    /// Copies the live texts, in row order, into a new string.
    fn compact(&mut self) {
        let mut text = String::with_capacity(self.text.len() - self.garbage);
        for r in &mut self.rows {
            let start = text.len();
            text.push_str(self.text.get(r.start..r.start + r.len).unwrap_or(""));
            r.start = start;
        }
        self.text = text;
        self.garbage = 0;
    }
}

impl AttendeeDirectory {
    /// Folds one event.
    pub fn apply(&mut self, event: &Event) {
        match event {
            Event::SeatCreated(e) => self.name_seat(e.conference_id, e.seat_type, &e.info.name),
            Event::SeatUpdated(e) => self.name_seat(e.conference_id, e.seat_type, &e.info.name),
            Event::OrderPlaced(e) => {
                self.next_seq += 1;
                self.placed.insert(
                    e.order_id,
                    Placed {
                        conference: e.conference_id,
                        seq: self.next_seq,
                        keys: OrderKeys {
                            code: search_key(&e.access_code),
                            registrant: String::new(),
                        },
                        seated: false,
                    },
                );
            }
            Event::OrderRegistrantAssigned(e) => {
                if let Some(placed) = self.placed.get_mut(&e.order_id) {
                    let r = &e.registrant;
                    let mut text = String::new();
                    push_name_keys(&mut text, &r.first_name, &r.last_name);
                    text.push('\0');
                    push_search_key(&mut text, &r.email);
                    placed.keys.registrant = text;
                }
            }
            Event::SeatAssignmentsCreated(e) => self.create_rows(e.order_id, &e.seats),
            Event::SeatAssigned(e) => self.set_attendee(e.order_id, e.position, Some(&e.attendee)),
            Event::SeatAssignmentUpdated(e) => {
                self.set_attendee(e.order_id, e.position, Some(&e.attendee));
            }
            Event::SeatUnassigned(e) => self.set_attendee(e.order_id, e.position, None),
            Event::AttendeeCheckedIn(e) => self.set_checked_in(e.order_id, e.position, true),
            Event::AttendeeCheckInUndone(e) => self.set_checked_in(e.order_id, e.position, false),
            Event::AttendeeCheckedInOffline(e) => {
                self.set_checked_in(e.order_id, e.position, true);
            }
            _ => {}
        }
    }

    /// The conference's seats whose seat type, attendee name and e-mail (for
    /// an unassigned seat: the query's word for unassigned, and the
    /// registrant's name and e-mail) or order code contains the query's
    /// text, ignoring case and surrounding spaces; every seat when it is blank.
    pub fn filter<'q>(
        &self,
        conference: ConferenceId,
        query: impl Into<SeatQuery<'q>>,
    ) -> AttendeeMatches {
        let query = query.into();
        let needle = search_key(query.text);
        let unassigned = !needle.is_empty() && search_key(query.unassigned).contains(&needle);
        let Some(c) = self.conferences.get(&conference) else {
            return AttendeeMatches::default();
        };
        let mut out = AttendeeMatches {
            rows: Vec::with_capacity(if needle.is_empty() { c.rows.len() } else { 0 }),
            ..AttendeeMatches::default()
        };
        for r in &c.rows {
            let text = c.text.get(r.start..r.start + r.len).unwrap_or("");
            let found =
                needle.is_empty() || (unassigned && !r.assigned) || text.contains(needle.as_str());
            if found {
                out.rows.push(r.seat);
                out.assigned += usize::from(r.assigned);
                out.checked_in += usize::from(r.checked_in);
            }
        }
        out
    }

    fn name_seat(&mut self, conference: ConferenceId, seat_type: SeatTypeId, name: &str) {
        let c = self.conferences.entry(conference).or_default();
        let renamed = c
            .seat_names
            .insert(seat_type, name.to_owned())
            .is_some_and(|old| old != name);
        if !renamed {
            return;
        }
        // Rare (an organizer renames a seat type): rewrite its rows' texts,
        // keeping everything after the seat type's name.
        let mut text = String::with_capacity(c.text.len());
        for r in &mut c.rows {
            let old = c.text.get(r.start..r.start + r.len).unwrap_or("");
            let start = text.len();
            if r.seat_type == seat_type {
                push_search_key(&mut text, name);
                text.push_str(old.find('\0').and_then(|i| old.get(i..)).unwrap_or(""));
            } else {
                text.push_str(old);
            }
            (r.start, r.len) = (start, text.len() - start);
        }
        c.text = text;
        c.garbage = 0;
    }

    /// The conference's orders without seats (not paid yet, expired or
    /// rejected) whose registrant's name (either order) or e-mail, or
    /// code, contains the query's text once keyed; in placement order.
    /// None for a blank query: the door lists those only when asked.
    #[must_use]
    pub fn orders_without_seats<'q>(
        &self,
        conference: ConferenceId,
        query: impl Into<SeatQuery<'q>>,
    ) -> Vec<OrderId> {
        let needle = search_key(query.into().text);
        if needle.is_empty() {
            return Vec::new();
        }
        let mut found: Vec<(u64, OrderId)> = self
            .placed
            .iter()
            .filter(|(_, p)| p.conference == conference && !p.seated)
            .filter(|(_, p)| {
                p.keys.registrant.contains(needle.as_str()) || p.keys.code.contains(needle.as_str())
            })
            .map(|(id, p)| (p.seq, *id))
            .collect();
        found.sort_unstable();
        found.into_iter().map(|(_, id)| id).collect()
    }

    fn create_rows(&mut self, order_id: OrderId, seat_types: &[SeatTypeId]) {
        if let Some(placed) = self.placed.get_mut(&order_id) {
            placed.seated = true;
        }
        let Some(placed) = self.placed.get(&order_id) else {
            return;
        };
        let c = self.conferences.entry(placed.conference).or_default();
        let old = c.order_range(placed.seq);
        c.garbage += c
            .rows
            .get(old.clone())
            .map_or(0, |rows| rows.iter().map(|r| r.len).sum());
        let mut new = Vec::with_capacity(seat_types.len());
        for (position, seat_type) in (0_u32..).zip(seat_types) {
            let (start, len) = c.push_text(*seat_type, None, &placed.keys);
            new.push(Row {
                seq: placed.seq,
                seat: SeatRef { order_id, position },
                seat_type: *seat_type,
                assigned: false,
                checked_in: false,
                start,
                len,
            });
        }
        // Orders are mostly confirmed in placement order: usually an append.
        c.rows.splice(old, new);
        if c.garbage > c.text.len() / 2 {
            c.compact();
        }
    }

    fn set_checked_in(&mut self, order_id: OrderId, position: u32, checked_in: bool) {
        if let Some((c, at, _)) = self.seat_row(order_id, position)
            && let Some(row) = c.rows.get_mut(at)
        {
            row.checked_in = checked_in;
        }
    }

    fn set_attendee(&mut self, order_id: OrderId, position: u32, attendee: Option<&PersonalInfo>) {
        if let Some((c, at, keys)) = self.seat_row(order_id, position) {
            c.rewrite(at, attendee, keys);
        }
    }

    /// The rows of the order's conference, the row index of its seat at
    /// `position` (inside the order's range), and what the order is found by.
    fn seat_row(
        &mut self,
        order_id: OrderId,
        position: u32,
    ) -> Option<(&mut ConferenceRows, usize, &OrderKeys)> {
        let placed = self.placed.get(&order_id)?;
        let c = self.conferences.get_mut(&placed.conference)?;
        let range = c.order_range(placed.seq);
        let at = range.start + position as usize;
        range.contains(&at).then_some((c, at, &placed.keys))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::demo::DemoOptions;
    use crate::app::{ConferenceAccess, Desk, ManualClock, SeatTypeChanges};
    use crate::domain::person_name::is_family_first;

    /// A whole name in both orders, and run together family first.
    fn names(first: &str, last: &str) -> String {
        let joined = if is_family_first(first, last) {
            format!("{last}{first}")
        } else {
            String::new()
        };
        format!("{first} {last}\0{last} {first}\0{joined}")
    }

    /// The filter as the Attendees tab computed it from `organizer_attendees`.
    fn reference(desk: &Desk, access: &ConferenceAccess, filter: &str) -> AttendeeMatches {
        let needle = search_key(filter);
        let mut out = AttendeeMatches::default();
        for r in desk.organizer().organizer_attendees(access) {
            let order = desk.read_models().orders.get(r.seat.order_id).unwrap();
            assert_eq!(order.access_code, r.order_code);
            // An unassigned seat is also found by its order's registrant.
            let registrant = match (&r.attendee, &order.registrant) {
                (None, Some(p)) => [names(&p.first_name, &p.last_name), p.email.clone()],
                _ => [String::new(), String::new()],
            };
            let name = r
                .attendee
                .as_ref()
                .map(|a| names(&a.first_name, &a.last_name));
            let email = r
                .attendee
                .as_ref()
                .map(|a| a.email.clone())
                .unwrap_or_default();
            let fields = [
                r.seat_type.as_str(),
                name.as_deref().unwrap_or("unassigned"),
                &email,
                &registrant[0],
                &registrant[1],
                &r.order_code,
            ];
            if needle.is_empty() || fields.iter().any(|t| search_key(t).contains(&needle)) {
                out.rows.push(r.seat);
                out.assigned += usize::from(r.attendee.is_some());
                out.checked_in += usize::from(r.checked_in_at.is_some());
            }
        }
        out
    }

    #[test]
    fn filters_like_the_attendee_list_through_renames_and_replay() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("log.redb");
        let at = "2026-06-01T09:00:00Z".parse().unwrap();
        let open = || Desk::open_for_test(&path, &ManualClock::new(at));
        let mut desk = open();
        let summary = desk
            .fill_demo(DemoOptions {
                conferences: 2,
                orders: 60,
                seed: 7,
            })
            .unwrap();
        let key = summary.conferences[0].clone();
        let access = desk.authorize_organizer(&key).unwrap();
        let id = access.conference();
        let filters = [
            "",
            "  ",
            "UNASSIGNED",
            "general",
            "example.net",
            "ö",
            "é",
            "김",
            "zz",
        ];
        let check = |desk: &Desk| {
            for f in filters {
                let got = desk.read_models().attendees.filter(id, f);
                assert_eq!(got, reference(desk, &access, f), "filter {f:?}");
            }
            assert!(!desk.read_models().attendees.filter(id, "").rows.is_empty());
        };
        check(&desk);
        let rename = SeatTypeChanges {
            name: Some("Tout Général".into()),
            ..Default::default()
        };
        let general = desk
            .organizer()
            .organizer_conference(&access)
            .unwrap()
            .seat_types[0]
            .id;
        desk.organizer_mut()
            .update_seat_type(&access, general, rename)
            .unwrap();
        check(&desk);
        let named: Vec<_> = desk
            .organizer()
            .organizer_attendees(&access)
            .into_iter()
            .filter(|r| r.attendee.is_some())
            .take(3)
            .collect();
        for r in &named {
            desk.door_mut()
                .check_in(&access, &r.order_code, r.seat.position, None)
                .unwrap();
        }
        desk.door_mut()
            .undo_check_in(&access, &named[2].order_code, named[2].seat.position)
            .unwrap();
        assert_eq!(desk.read_models().attendees.filter(id, "").checked_in, 2);
        check(&desk);
        assert!(
            !desk
                .read_models()
                .attendees
                .filter(id, "général")
                .rows
                .is_empty()
        );
        drop(desk);
        check(&open());
    }
}
