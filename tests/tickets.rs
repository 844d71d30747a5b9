//! Issue 18 item 1: a ticket per seat. A paid order's seats get their own
//! ticket codes in the cascade of the confirmation (`TicketsIssued`, one
//! append with the payment); a ticket code finds exactly its seat and
//! checks in exactly that person, while the order code still finds the
//! whole order. Logs written before tickets replay as they are (opening
//! writes nothing); the organizer issues the missing ones, once — also
//! when two desks on a shared PostgreSQL log race to do it, or race to pay
//! one order.

mod common;
use common::ByName as _;

use common::fixture::fixture_path;
use common::{journey_conference, open_desk};
use confdesk::app::{
    AppError, ConferenceAccess, Desk, DoorAttendee, ManualClock, OrderKey, Outcome, UserCommand,
};
use confdesk::domain::validation::{TICKET_CODE_LEN, is_access_code_shape};
use confdesk::domain::{Event, OrderId};
use confdesk::store::OpenMode;
use std::collections::{BTreeMap, HashSet};
use std::sync::{Arc, Barrier};

const SLUG: &str = "cqrs-summit";

/// A paid order of 2 General and 1 Workshop seat, the first attendee named.
fn paid_order(desk: &mut Desk) -> OrderKey {
    let key = desk
        .place_order_named(
            SLUG,
            &[
                ("General admission".to_string(), 2),
                ("CQRS Workshop".to_string(), 1),
            ],
        )
        .unwrap();
    let mut r = desk.registration_mut();
    r.assign_registrant(&key, "Ana", "Souza", "ana@example.com")
        .unwrap();
    r.pay(&key, true).unwrap();
    r.assign_seat(&key, 0, "Ji-woo", "Park", "jw@example.kr")
        .unwrap();
    key
}

fn tickets_of(desk: &Desk, key: &OrderKey) -> Vec<Option<String>> {
    let order = desk.registration().order(key).unwrap();
    order.positions.iter().map(|p| p.ticket.clone()).collect()
}

/// Every `TicketsIssued` in the log, by order.
fn issued_events(desk: &Desk) -> BTreeMap<OrderId, usize> {
    let mut out = BTreeMap::new();
    desk.log()
        .read_all_from(1, &mut |r| {
            if r.event_type == "TicketsIssued" {
                assert_eq!(r.schema_version, 1);
                let e = confdesk::app::event_codec::decode_event(
                    &r.event_type,
                    r.schema_version,
                    &r.payload,
                )
                .unwrap();
                let Event::TicketsIssued(e) = e else {
                    panic!("{e:?}")
                };
                *out.entry(e.order_id).or_insert(0) += 1;
            }
            Ok(())
        })
        .unwrap();
    out
}

#[test]
fn paying_an_order_gives_each_seat_its_own_ticket_in_the_same_append() {
    let mut t = open_desk();
    journey_conference(&mut t.desk, SLUG, 100);
    let events_before = t.desk.stats().events;
    let key = paid_order(&mut t.desk);
    let tickets: Vec<String> = tickets_of(&t.desk, &key)
        .into_iter()
        .map(|t| t.expect("every seat has a ticket"))
        .collect();
    assert_eq!(tickets.len(), 3);
    for code in &tickets {
        assert!(is_access_code_shape(code, TICKET_CODE_LEN), "{code}");
    }
    let distinct: HashSet<_> = tickets.iter().collect();
    assert_eq!(distinct.len(), 3, "codes differ: {tickets:?}");
    assert_eq!(issued_events(&t.desk).get(&key.order_id), Some(&1));
    assert!(t.desk.stats().events > events_before);
    // Replayed from disk: the same tickets.
    t.reopen();
    let again: Vec<String> = tickets_of(&t.desk, &key).into_iter().flatten().collect();
    assert_eq!(again, tickets);
    // The order's history says so.
    let history = t
        .desk
        .order_history(&confdesk::app::history::HistoryAccess::Registrant(
            key.clone(),
        ))
        .unwrap();
    let lines: Vec<String> = history.iter().map(|h| h.line.to_string()).collect();
    let expected = format!("3 tickets issued: {}", tickets.join(", "));
    assert!(lines.contains(&expected), "{lines:?}");
}

#[test]
fn an_unpaid_or_rejected_order_has_no_tickets() {
    let mut t = open_desk();
    journey_conference(&mut t.desk, SLUG, 100);
    let key = t
        .desk
        .place_order_named(SLUG, &[("General admission".to_string(), 1)])
        .unwrap();
    t.desk
        .registration_mut()
        .assign_registrant(&key, "Ana", "Souza", "ana@example.com")
        .unwrap();
    t.desk.registration_mut().pay(&key, false).unwrap();
    assert!(tickets_of(&t.desk, &key).is_empty());
    assert!(issued_events(&t.desk).is_empty());
}

fn door_access(desk: &mut Desk) -> ConferenceAccess {
    let key = journey_conference(desk, SLUG, 100);
    desk.authorize_organizer(&key).unwrap()
}

#[test]
fn a_ticket_checks_in_exactly_its_seat_and_the_order_code_still_finds_the_order() {
    let mut t = open_desk();
    let access = door_access(&mut t.desk);
    let key = paid_order(&mut t.desk);
    let tickets: Vec<String> = tickets_of(&t.desk, &key).into_iter().flatten().collect();

    // Typed as people type it: lower case, spaces around.
    let typed = format!("  {}  ", tickets[1].to_lowercase());
    let found = t.desk.tickets().find(&access, &typed).unwrap();
    assert_eq!(found.position, 1);
    assert_eq!(found.code, tickets[1]);
    assert_eq!(found.slug, SLUG);
    assert_eq!(found.order.order_code, key.access_code);
    let seat = found.seat().unwrap();
    assert_eq!(seat.ticket.as_deref(), Some(tickets[1].as_str()));
    assert_eq!(seat.seat_type, "General admission");

    // Seat 2 has no attendee: its ticket names it and checks it in.
    let name = DoorAttendee {
        first_name: "Mi-rae".into(),
        last_name: "Lee".into(),
        email: None,
    };
    let out = t
        .desk
        .run(UserCommand::CheckInTicket {
            access: access.clone(),
            ticket: tickets[1].clone(),
            attendee: Some(name),
        })
        .unwrap();
    let Outcome::Door(seat) = out else {
        panic!("{out:?}")
    };
    assert_eq!(seat.seat.position, 1);
    assert!(seat.checked_in_at.is_some());
    // Only that seat: the others are not in.
    let order = t
        .desk
        .door()
        .door_find_order(&access, &key.access_code)
        .unwrap();
    let inside: Vec<bool> = order
        .seats
        .iter()
        .map(|s| s.checked_in_at.is_some())
        .collect();
    assert_eq!(inside, vec![false, true, false]);
    // Seat 1 by its ticket, without a name (it has one).
    t.desk
        .tickets_mut()
        .check_in(&access, &tickets[0], None)
        .unwrap();
    // The same ticket again: refused with the time of the first.
    let again = t.desk.tickets_mut().check_in(&access, &tickets[0], None);
    assert!(
        matches!(again, Err(AppError::AlreadyCheckedIn { position: 0, .. })),
        "{again:?}"
    );
    // An unassigned seat without a name is refused, naming the field.
    let e = t
        .desk
        .tickets_mut()
        .check_in(&access, &tickets[2], None)
        .unwrap_err();
    assert!(matches!(e, AppError::Validation(_)), "{e:?}");
}

#[test]
fn a_bad_or_unknown_ticket_code_is_refused_with_the_rule_or_not_found() {
    let mut t = open_desk();
    let access = door_access(&mut t.desk);
    let key = paid_order(&mut t.desk);
    let e = t.desk.tickets().find(&access, "ABC").unwrap_err();
    assert_eq!(
        e.to_string(),
        "ticket code: must be 8 characters: letters A-Z without I, L or O, digits 1-9"
    );
    let e = t.desk.tickets().find(&access, "ABCD234O").unwrap_err();
    assert!(e.to_string().contains("codes have no O or 0"), "{e}");
    let e = t.desk.tickets().find(&access, "ZZZZZZZZ").unwrap_err();
    assert!(matches!(e, AppError::NotFound(_)), "{e:?}");
    assert_eq!(e.to_string(), "no ticket ZZZZZZZZ in this conference");
    // A ticket of another conference is not found in this one.
    let other = journey_conference(&mut t.desk, "other-summit", 10);
    let other = t.desk.authorize_organizer(&other).unwrap();
    let ticket = tickets_of(&t.desk, &key)[0].clone().unwrap();
    let e = t.desk.tickets().find(&other, &ticket).unwrap_err();
    assert!(matches!(e, AppError::NotFound(_)), "{e:?}");
    assert!(t.desk.tickets().find(&access, &ticket).is_ok());
}

/// A copy of the fixture `name` in `dir`, writable.
fn fixture_copy(dir: &std::path::Path, name: &str) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::copy(fixture_path(name), &path).unwrap();
    std::fs::copy(
        fixture_path(name).with_extension("code"),
        path.with_extension("code"),
    )
    .unwrap();
    path
}

fn legacy_access(desk: &mut Desk, code: &str) -> ConferenceAccess {
    desk.authorize_organizer(&confdesk::app::OrganizerKey {
        slug: "cancel-fixture".into(),
        email: "ana@example.com".into(),
        access_code: code.into(),
    })
    .unwrap()
}

#[test]
fn a_log_from_before_tickets_opens_unchanged_and_the_organizer_issues_them_once() {
    let dir = tempfile::tempdir().unwrap();
    let path = fixture_copy(dir.path(), "v5-cancel.redb");
    let codes = std::fs::read_to_string(path.with_extension("code")).unwrap();
    let codes: Vec<&str> = codes.lines().collect();
    let clock = ManualClock::new(common::start());
    let mut desk = common::desk_at(&path, &clock);
    let events = desk.stats().events;
    let access = legacy_access(&mut desk, codes[0]);
    let paid = OrderKey {
        order_id: OrderId(codes[3].parse().unwrap()),
        access_code: codes[4].into(),
    };
    assert_eq!(tickets_of(&desk, &paid), vec![None, None, None]);
    assert_eq!(desk.stats().events, events, "opening wrote nothing");
    assert_eq!(desk.tickets().missing(&access), 1);

    let out = desk
        .run(UserCommand::IssueMissingTickets {
            access: access.clone(),
        })
        .unwrap();
    assert_eq!(out, Outcome::TicketsIssued(1));
    assert!(tickets_of(&desk, &paid).iter().all(Option::is_some));
    assert_eq!(desk.tickets().missing(&access), 0);
    let after = desk.stats().events;
    // Idempotent: nothing more to issue, nothing written.
    let out = desk
        .run(UserCommand::IssueMissingTickets { access })
        .unwrap();
    assert_eq!(out, Outcome::TicketsIssued(0));
    assert_eq!(desk.stats().events, after);
    assert_eq!(issued_events(&desk).len(), 1);
}

#[test]
fn the_attendee_export_ends_with_the_ticket_column() {
    let mut t = open_desk();
    let access = door_access(&mut t.desk);
    let key = paid_order(&mut t.desk);
    let tickets: Vec<String> = tickets_of(&t.desk, &key).into_iter().flatten().collect();
    let options = confdesk::app::export::CsvOptions { bom: false };
    let (csv, _) = t
        .desk
        .attendees_csv_bytes(&access, options, std::path::Path::new("-"))
        .unwrap();
    let csv = String::from_utf8(csv).unwrap();
    let mut lines = csv.lines();
    let header = lines.next().unwrap();
    assert!(header.ends_with(",ticket"), "{header}");
    let rows: Vec<&str> = lines.collect();
    assert_eq!(rows.len(), 3);
    for (row, code) in rows.iter().zip(&tickets) {
        assert!(row.ends_with(&format!(",{code}")), "{row}");
    }
}

// --- several desks on one PostgreSQL log -----------------------------------

#[test]
fn two_desks_paying_one_order_at_once_issue_one_set_of_tickets() {
    let Some(url) = common::pg::fresh_database("tickets_pay") else {
        return;
    };
    let clock = ManualClock::new(common::start());
    let mut a = common::shared::desk_on(&url, &clock, OpenMode::Create);
    journey_conference(&mut a, SLUG, 100);
    let mut orders = Vec::new();
    for _ in 0..6 {
        let key = a
            .place_order_named(SLUG, &[("General admission".to_string(), 2)])
            .unwrap();
        a.registration_mut()
            .assign_registrant(&key, "Ana", "Souza", "ana@example.com")
            .unwrap();
        orders.push(key);
    }
    let barrier = Arc::new(Barrier::new(2));
    let handles: Vec<_> = (0..2)
        .map(|_| {
            let (url, clock, orders, barrier) =
                (url.clone(), clock.clone(), orders.clone(), barrier.clone());
            std::thread::spawn(move || {
                let mut desk = common::shared::desk_on(&url, &clock, OpenMode::Create);
                barrier.wait();
                for key in &orders {
                    // The second desk's payment of a confirmed order may be
                    // refused or taken; either way one set of tickets.
                    let _ = desk.run(UserCommand::Pay {
                        order: key.clone(),
                        accept: true,
                    });
                }
            })
        })
        .collect();
    for h in handles {
        h.join().unwrap();
    }
    a.catch_up().unwrap();
    let issued = issued_events(&a);
    for key in &orders {
        assert_eq!(issued.get(&key.order_id), Some(&1), "one set per order");
        assert_eq!(tickets_of(&a, key).iter().flatten().count(), 2);
    }
}

#[test]
fn two_desks_issuing_the_missing_tickets_at_once_issue_each_set_once() {
    let Some(url) = common::pg::fresh_database("tickets_issue") else {
        return;
    };
    let clock = ManualClock::new(common::start());
    let dir = tempfile::tempdir().unwrap();
    let legacy = fixture_copy(dir.path(), "v5-cancel.redb");
    let code = std::fs::read_to_string(legacy.with_extension("code")).unwrap();
    let code = code.lines().next().unwrap().to_string();
    {
        let from = common::desk_at(&legacy, &clock);
        let to = common::shared::desk_on(&url, &clock, OpenMode::Create);
        confdesk::store::copy_log(from.log(), to.log(), &mut |_, _| {}).unwrap();
    }
    let barrier = Arc::new(Barrier::new(2));
    let handles: Vec<_> = (0..2)
        .map(|_| {
            let (url, clock, code, barrier) =
                (url.clone(), clock.clone(), code.clone(), barrier.clone());
            std::thread::spawn(move || {
                let mut desk = common::shared::desk_on(&url, &clock, OpenMode::Create);
                let access = legacy_access(&mut desk, &code);
                barrier.wait();
                desk.run(UserCommand::IssueMissingTickets { access })
            })
        })
        .collect();
    let mut issued: Vec<usize> = handles
        .into_iter()
        .map(|h| match h.join().unwrap() {
            Ok(Outcome::TicketsIssued(n)) => n,
            other => panic!("{other:?}"),
        })
        .collect();
    issued.sort_unstable();
    assert_eq!(
        issued,
        vec![0, 1],
        "one desk issued, the other found none left"
    );
    let desk = common::shared::desk_on(&url, &clock, OpenMode::Create);
    let events = issued_events(&desk);
    assert_eq!(events.len(), 1);
    assert!(events.values().all(|n| *n == 1));
}

#[test]
fn the_confirmation_mail_lists_each_ticket_and_attaches_its_qr() {
    use confdesk::app::outbox::{Queued, queue_confirmation};
    use mail_parser::MimeHeaders as _;
    let mut t = open_desk();
    journey_conference(&mut t.desk, SLUG, 100);
    let key = paid_order(&mut t.desk);
    let tickets: Vec<String> = tickets_of(&t.desk, &key).into_iter().flatten().collect();
    let outbox = t.dir.path().join("outbox");
    let english = confdesk::domain::message::English;
    let Queued::Written(path) = queue_confirmation(&t.desk, &outbox, &key, &english).unwrap()
    else {
        panic!("written")
    };
    let raw = std::fs::read(path).unwrap();
    let mail = mail_parser::MessageParser::default().parse(&raw).unwrap();
    let body = mail.body_text(0).unwrap();
    for (n, (code, seat_type)) in tickets
        .iter()
        .zip(["General admission", "General admission", "CQRS Workshop"])
        .enumerate()
    {
        let line = format!("Seat {} ({seat_type}): ticket {code}", n + 1);
        assert!(body.contains(&line), "{line:?} in {body}");
    }
    // The order's QR first (as before), then one per ticket.
    let names: Vec<String> = mail
        .attachments()
        .map(|a| a.attachment_name().unwrap_or_default().to_string())
        .collect();
    let mut expected = vec![format!("order-{}.png", key.access_code)];
    expected.extend(tickets.iter().map(|c| format!("ticket-{c}.png")));
    assert_eq!(names, expected);
    let second = mail.attachment(1).unwrap().contents();
    assert_eq!(second, confdesk::app::qr::qr_png(&tickets[0]).unwrap());
}

// --- the invariant, over random sequences ----------------------------------

mod property {
    use super::*;
    use chrono::Duration;
    use proptest::prelude::*;

    #[derive(Debug, Clone)]
    enum Step {
        Place(i64, i64),
        Pay(usize, bool),
        Jump(i64),
        CheckIn(usize, usize),
    }

    fn step() -> impl Strategy<Value = Step> {
        prop_oneof![
            3 => (0_i64..4, 0_i64..3).prop_map(|(g, w)| Step::Place(g, w)),
            3 => (0_usize..6, prop::bool::weighted(0.8)).prop_map(|(i, a)| Step::Pay(i, a)),
            1 => (0_i64..20).prop_map(Step::Jump),
            2 => (0_usize..6, 0_usize..4).prop_map(|(i, p)| Step::CheckIn(i, p)),
        ]
    }

    /// Every confirmed order has one ticket per seat, no other order has
    /// any, no code is given twice, and each code finds its own seat.
    fn check(desk: &Desk, access: &ConferenceAccess, orders: &[OrderKey]) {
        let mut seen = HashSet::new();
        for key in orders {
            let order = desk.registration().order(key).unwrap();
            let confirmed = order.status == confdesk::app::projections::OrderStatusView::Confirmed;
            for p in &order.positions {
                assert_eq!(p.ticket.is_some(), confirmed, "{:?}", order.status);
                if let Some(code) = &p.ticket {
                    assert!(seen.insert(code.clone()), "{code} given twice");
                    let found = desk.tickets().find(access, code).unwrap();
                    assert_eq!(
                        (found.order.order_id, found.position),
                        (key.order_id, p.position)
                    );
                }
            }
        }
        assert_eq!(desk.tickets().missing(access), 0);
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]
        #[test]
        fn every_paid_seat_has_exactly_one_ticket_of_its_own(steps in prop::collection::vec(step(), 1..25)) {
            let mut t = open_desk();
            let access = door_access(&mut t.desk);
            let mut orders: Vec<OrderKey> = Vec::new();
            for s in steps {
                match s {
                    Step::Place(g, w) => {
                        let lines = [
                            ("General admission".to_string(), g),
                            ("CQRS Workshop".to_string(), w),
                        ];
                        if let Ok(key) = t.desk.place_order_named(SLUG, &lines) {
                            let _ = t.desk.registration_mut().assign_registrant(
                                &key, "Ana", "Souza", "ana@example.com",
                            );
                            orders.push(key);
                        }
                    }
                    Step::Pay(i, accept) => {
                        if let Some(key) = orders.get(i) {
                            let _ = t.desk.registration_mut().pay(key, accept);
                        }
                    }
                    Step::Jump(minutes) => {
                        t.clock.advance(Duration::minutes(minutes));
                        let _ = t.desk.tick();
                    }
                    Step::CheckIn(i, p) => {
                        if let Some(key) = orders.get(i) {
                            let order = t.desk.registration().order(key).unwrap();
                            if let Some(code) = order.positions.get(p).and_then(|x| x.ticket.clone()) {
                                let name = DoorAttendee {
                                    first_name: "Guest".into(),
                                    ..DoorAttendee::default()
                                };
                                let _ = t.desk.tickets_mut().check_in(&access, &code, Some(name));
                            }
                        }
                    }
                }
                check(&t.desk, &access, &orders);
            }
            t.reopen();
            check(&t.desk, &access, &orders);
        }
    }
}
