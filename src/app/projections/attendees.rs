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
//! filtering, its counts and sorting need: each row also holds its sort
//! keys (family name first, e-mail, check-in time), so clicking a column
//! header of 100,000 rows sorts prepared keys instead of building every
//! row ([`AttendeeDirectory::filter_sorted`]). It holds no
//! words of any language: a seat without an attendee is marked as such, and
//! a search brings the word its reader uses for that ([`SeatQuery`]).

use super::SeatRef;
use super::search_key::{push_name_keys, push_search_key, search_key};
use crate::domain::events::PersonalInfo;
use crate::domain::{ConferenceId, Event, OrderId, SeatTypeId};
use chrono::{DateTime, Utc};
use std::cmp::Ordering;
use std::collections::HashMap;

/// A column the Attendees list can be sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SeatSort {
    /// The attendee's name, by family name then given name, keyed
    /// ([`search_key`]: accents and case do not scatter names); unassigned
    /// seats after every name.
    Name,
    /// The seat type's name.
    SeatType,
    /// The attendee's e-mail; seats without one after the others.
    Email,
    /// The order code.
    Order,
    /// When the seat was checked in; seats not checked in after the others.
    CheckedIn,
}

/// A sort: the column and whether it is descending. Ties keep list order
/// (orders by placement, then position) in both directions.
pub type SeatOrder = (SeatSort, bool);

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
#[derive(Debug, Clone, PartialEq, Eq)]
struct Row {
    seq: u64,
    seat: SeatRef,
    seat_type: SeatTypeId,
    assigned: bool,
    checked_in: bool,
    start: usize,
    len: usize,
    /// The attendee's sort keys (empty while unassigned).
    keys: SortKeys,
}

/// What a row sorts by besides its seat type and order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct SortKeys {
    /// Family name, NUL, given name, keyed (a one-word name is its own
    /// family name, so it sorts among the others).
    name: String,
    /// E-mail, keyed.
    email: String,
    /// The first check-in of the seat, while it is checked in.
    checked_in_at: Option<DateTime<Utc>>,
}

impl SortKeys {
    fn of(attendee: Option<&PersonalInfo>) -> (String, String) {
        let Some(a) = attendee else {
            return (String::new(), String::new());
        };
        let (family, given) = if a.last_name.trim().is_empty() {
            (a.first_name.as_str(), "")
        } else {
            (a.last_name.as_str(), a.first_name.as_str())
        };
        let mut name = search_key(family);
        name.push('\0');
        push_search_key(&mut name, given);
        (name, search_key(&a.email))
    }
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
        let Some((seat_type, old_len)) = self.rows.get(at).map(|r| (r.seat_type, r.len)) else {
            return;
        };
        let (start, len) = self.push_text(seat_type, attendee, keys);
        self.garbage += old_len;
        if let Some(r) = self.rows.get_mut(at) {
            (r.start, r.len, r.assigned) = (start, len, attendee.is_some());
            (r.keys.name, r.keys.email) = SortKeys::of(attendee);
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
            Event::OrderCancelled(e) => self.remove_rows(e.order_id),
            Event::SeatAssigned(e) => self.set_attendee(e.order_id, e.position, Some(&e.attendee)),
            Event::SeatAssignmentUpdated(e) => {
                self.set_attendee(e.order_id, e.position, Some(&e.attendee));
            }
            Event::SeatUnassigned(e) => self.set_attendee(e.order_id, e.position, None),
            Event::AttendeeCheckedIn(e) => {
                self.set_checked_in(e.order_id, e.position, Some(e.checked_in_at));
            }
            Event::AttendeeCheckInUndone(e) => self.set_checked_in(e.order_id, e.position, None),
            Event::AttendeeCheckedInOffline(e) => {
                self.set_checked_in(e.order_id, e.position, Some(e.checked_in_at));
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
        self.filter_sorted(conference, query, None)
    }

    /// [`Self::filter`], the rows sorted by `sort` (None: list order).
    /// The sort is stable: seats that tie stay in list order.
    pub fn filter_sorted<'q>(
        &self,
        conference: ConferenceId,
        query: impl Into<SeatQuery<'q>>,
        sort: Option<SeatOrder>,
    ) -> AttendeeMatches {
        let query = query.into();
        let needle = search_key(query.text);
        let unassigned = !needle.is_empty() && search_key(query.unassigned).contains(&needle);
        let Some(c) = self.conferences.get(&conference) else {
            return AttendeeMatches::default();
        };
        let mut out = AttendeeMatches::default();
        let mut found: Vec<&Row> =
            Vec::with_capacity(if needle.is_empty() { c.rows.len() } else { 0 });
        for r in &c.rows {
            let text = c.text.get(r.start..r.start + r.len).unwrap_or("");
            if needle.is_empty() || (unassigned && !r.assigned) || text.contains(needle.as_str()) {
                found.push(r);
                out.assigned += usize::from(r.assigned);
                out.checked_in += usize::from(r.checked_in);
            }
        }
        if let Some((by, descending)) = sort {
            self.sort_rows(c, &mut found, by);
            if descending {
                // Reversed, then each run of ties put back in list order.
                found.reverse();
                for run in found.chunk_by_mut(|a, b| self.compare(c, a, b, by).is_eq()) {
                    run.reverse();
                }
            }
        }
        out.rows = found.into_iter().map(|r| r.seat).collect();
        out
    }

    /// Sorts `rows` (in list order) ascending by `by`, stably.
    fn sort_rows(&self, c: &ConferenceRows, rows: &mut [&Row], by: SeatSort) {
        rows.sort_by(|a, b| self.compare(c, a, b, by));
    }

    /// How `a` and `b` compare by `by`, ascending (empty values last).
    fn compare(&self, c: &ConferenceRows, a: &Row, b: &Row, by: SeatSort) -> Ordering {
        /// Present values first, in order; then the empty ones.
        fn filled_first(a: &str, b: &str) -> Ordering {
            a.is_empty().cmp(&b.is_empty()).then_with(|| a.cmp(b))
        }
        match by {
            SeatSort::Name => filled_first(&a.keys.name, &b.keys.name),
            SeatSort::Email => filled_first(&a.keys.email, &b.keys.email),
            SeatSort::SeatType => {
                let text = |r: &Row| c.text.get(r.start..r.start + r.len).unwrap_or("");
                // A row's text starts with its seat type's name, keyed.
                let seat = |r: &Row| text(r).split('\0').next().unwrap_or("");
                seat(a).cmp(seat(b))
            }
            SeatSort::Order => {
                let code = |r: &Row| {
                    self.placed
                        .get(&r.seat.order_id)
                        .map_or("", |p| p.keys.code.as_str())
                };
                code(a).cmp(code(b))
            }
            SeatSort::CheckedIn => match (a.keys.checked_in_at, b.keys.checked_in_at) {
                (Some(x), Some(y)) => x.cmp(&y),
                (x, y) => y.is_some().cmp(&x.is_some()),
            },
        }
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
                keys: SortKeys::default(),
            });
        }
        // Orders are mostly confirmed in placement order: usually an append.
        c.rows.splice(old, new);
        if c.garbage > c.text.len() / 2 {
            c.compact();
        }
    }

    /// A cancelled order's seats leave the list (issue 18.3): the order is
    /// then found only as an order without seats, with its reason.
    fn remove_rows(&mut self, order_id: OrderId) {
        let Some(placed) = self.placed.get_mut(&order_id) else {
            return;
        };
        placed.seated = false;
        let Some(c) = self.conferences.get_mut(&placed.conference) else {
            return;
        };
        let old = c.order_range(placed.seq);
        c.garbage += c
            .rows
            .get(old.clone())
            .map_or(0, |rows| rows.iter().map(|r| r.len).sum());
        c.rows.drain(old);
        if c.garbage > c.text.len() / 2 {
            c.compact();
        }
    }

    /// Marks the seat checked in at `at` (the first check-in counts; an
    /// offline door's second one is "checked in twice", not a new time),
    /// or not checked in.
    fn set_checked_in(&mut self, order_id: OrderId, position: u32, at: Option<DateTime<Utc>>) {
        if let Some((c, i, _)) = self.seat_row(order_id, position)
            && let Some(row) = c.rows.get_mut(i)
        {
            row.checked_in = at.is_some();
            row.keys.checked_in_at = match (row.keys.checked_in_at, at) {
                (Some(first), Some(again)) => Some(first.min(again)),
                (_, at) => at,
            };
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
        let draft = crate::app::SeatTypeDraft {
            name: "Roomy".into(),
            description: String::new(),
            quota: "100".into(),
            price: "10".into(),
        };
        desk.organizer_mut().add_seat_type(&access, draft).unwrap();
        let general = desk
            .organizer()
            .organizer_conference(&access)
            .unwrap()
            .seat_types
            .iter()
            .find(|s| s.name == "Roomy")
            .unwrap()
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

    /// Where `p` sorts by `by`, ascending: the rules of [`SeatSort`],
    /// written from the seat as the tab shows it.
    fn sort_key(p: &crate::app::PurchasedSeat, by: SeatSort) -> (bool, String, String) {
        let person = p.attendee.as_ref();
        match by {
            SeatSort::Name => person.map_or((true, String::new(), String::new()), |a| {
                let (family, given) = if a.last_name.trim().is_empty() {
                    (&a.first_name, "")
                } else {
                    (&a.last_name, a.first_name.as_str())
                };
                (false, search_key(family), search_key(given))
            }),
            SeatSort::Email => {
                let email = person.map(|a| search_key(&a.email)).unwrap_or_default();
                (email.is_empty(), email, String::new())
            }
            SeatSort::SeatType => (false, search_key(&p.seat_type), String::new()),
            SeatSort::Order => (false, search_key(&p.order_code), String::new()),
            SeatSort::CheckedIn => (
                p.checked_in_at.is_none(),
                p.checked_in_at.map(|t| t.to_rfc3339()).unwrap_or_default(),
                String::new(),
            ),
        }
    }

    #[test]
    fn sorts_stably_by_every_column_both_ways_keeping_the_filter() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("log.redb");
        let at = "2026-06-01T09:00:00Z".parse().unwrap();
        let clock = ManualClock::new(at);
        let mut desk = Desk::open_for_test(&path, &clock);
        let summary = desk
            .fill_demo(DemoOptions {
                conferences: 1,
                orders: 50,
                seed: 11,
            })
            .unwrap();
        let access = desk.authorize_organizer(&summary.conferences[0]).unwrap();
        let id = access.conference();
        // A few check-ins, minutes apart, not in list order.
        let named: Vec<_> = desk
            .organizer()
            .organizer_attendees(&access)
            .into_iter()
            .filter(|r| r.attendee.is_some())
            .take(4)
            .collect();
        for r in named.iter().rev() {
            clock.advance(chrono::Duration::minutes(3));
            desk.door_mut()
                .check_in(&access, &r.order_code, r.seat.position, None)
                .unwrap();
        }
        let seats = desk.organizer().organizer_attendees(&access);
        let sorts = [
            SeatSort::Name,
            SeatSort::SeatType,
            SeatSort::Email,
            SeatSort::Order,
            SeatSort::CheckedIn,
        ];
        for filter in ["", "a", "unassigned"] {
            let kept = reference(&desk, &access, filter).rows;
            for by in sorts {
                for descending in [false, true] {
                    let mut want: Vec<_> =
                        seats.iter().filter(|p| kept.contains(&p.seat)).collect();
                    // A stable sort: ties stay in list order both ways.
                    want.sort_by(|a, b| {
                        let o = sort_key(a, by).cmp(&sort_key(b, by));
                        if descending { o.reverse() } else { o }
                    });
                    let want: Vec<SeatRef> = want.into_iter().map(|p| p.seat).collect();
                    let got = desk.read_models().attendees.filter_sorted(
                        id,
                        filter,
                        Some((by, descending)),
                    );
                    assert_eq!(
                        got.rows, want,
                        "{filter:?} by {by:?}, descending {descending}"
                    );
                }
            }
        }
        let by_time = desk
            .read_models()
            .attendees
            .filter_sorted(id, "", Some((SeatSort::CheckedIn, false)))
            .rows;
        let first: Vec<_> = named.iter().rev().map(|r| r.seat).collect();
        assert_eq!(
            by_time.get(..4),
            Some(&first[..]),
            "earliest check-in first"
        );
    }

    #[test]
    fn names_sort_by_family_name_ignoring_accents_and_case() {
        use crate::app::Clock as _;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("log.redb");
        let clock = ManualClock::new("2026-06-01T09:00:00Z".parse().unwrap());
        let mut desk = Desk::open_for_test(&path, &clock);
        let summary = desk
            .fill_demo(DemoOptions {
                conferences: 1,
                orders: 1,
                seed: 1,
            })
            .unwrap();
        let access = desk.authorize_organizer(&summary.conferences[0]).unwrap();
        let id = access.conference();
        let draft = crate::app::SeatTypeDraft {
            name: "Roomy".into(),
            description: String::new(),
            quota: "100".into(),
            price: "10".into(),
        };
        desk.organizer_mut().add_seat_type(&access, draft).unwrap();
        let general = desk
            .organizer()
            .organizer_conference(&access)
            .unwrap()
            .seat_types
            .iter()
            .find(|s| s.name == "Roomy")
            .unwrap()
            .id;
        let people = [
            ("Zoë", "adams"),
            ("Ana", "Émond"),
            ("민준", "김"),
            ("bob", "ORTIZ"),
            ("Solo", "quinn"),
        ];
        let mut codes = Vec::new();
        for (first, last) in people {
            let order = desk
                .registration_mut()
                .place_order(id, &[(general, 1)])
                .unwrap();
            desk.registration_mut()
                .assign_registrant(&order, "R", "R", "r@example.org")
                .unwrap();
            desk.registration_mut().pay(&order, true).unwrap();
            desk.registration_mut()
                .assign_seat(&order, 0, first, last, "x@example.org")
                .unwrap();
            codes.push(order.order_id);
        }
        let shown = |descending| -> Vec<String> {
            let rows = desk
                .read_models()
                .attendees
                .filter_sorted(id, "x@example.org", Some((SeatSort::Name, descending)))
                .rows;
            rows.iter()
                .filter_map(|s| desk.read_models().purchased_seat(*s, clock.now()))
                .filter_map(|p| p.attendee.map(|a| a.last_name))
                .collect()
        };
        assert_eq!(shown(false), ["adams", "Émond", "ORTIZ", "quinn", "김"]);
        assert_eq!(shown(true), ["김", "quinn", "ORTIZ", "Émond", "adams"]);
        assert_eq!(codes.len(), 5);
    }
}
