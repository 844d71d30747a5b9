//! Schema evolution guard for tickets (issue 18 item 1):
//! `tests/fixtures/v6-tickets.redb` holds `TicketsIssued` at schema
//! version 1: an order of 2 General and 1 Workshop seat, paid (its three
//! tickets issued in the same append), its first seat named and checked in
//! by its ticket. It was written once by the confdesk that introduced the
//! event. Every later version must replay it to the state checked here and
//! decode the event to the values it was written with. Never regenerate
//! it; add a new fixture for a new version.
//!
//! To write it (once, deliberately): `CONFDESK_WRITE_FIXTURE=1 cargo test
//! --test fixture_tickets -- --ignored write_tickets_fixture`.

mod common;
use common::ByName as _;
use common::fixture::{OpenedFixture, fixture_path, open_fixture};

use chrono::Duration;
use common::{journey_conference, start};
use confdesk::app::event_codec::decode_event;
use confdesk::app::{ManualClock, OrderKey, UserCommand};
use confdesk::domain::Event;

const SLUG: &str = "tickets-fixture";

#[test]
#[ignore = "writes the fixture; run deliberately"]
fn write_tickets_fixture() {
    if std::env::var_os("CONFDESK_WRITE_FIXTURE").is_none() {
        return;
    }
    let path = fixture_path("v6-tickets.redb");
    let _ = std::fs::remove_file(&path);
    let clock = ManualClock::new(start());
    let mut desk = common::desk_at(&path, &clock);
    let org = journey_conference(&mut desk, SLUG, 10);
    let access = desk.authorize_organizer(&org).unwrap();
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
    r.assign_registrant(&key, "민준", "김", "mj@example.kr")
        .unwrap();
    r.pay(&key, true).unwrap();
    r.assign_seat(&key, 0, "Ji-woo", "Park", "jw@example.kr")
        .unwrap();
    let order = desk.registration().order(&key).unwrap();
    let tickets: Vec<String> = order
        .positions
        .iter()
        .map(|p| p.ticket.clone().unwrap())
        .collect();
    clock.advance(Duration::minutes(5));
    desk.run(UserCommand::CheckInTicket {
        access,
        ticket: tickets[0].clone(),
        attendee: None,
    })
    .unwrap();
    println!("wrote {} events", desk.stats().events);
    std::fs::write(
        path.with_extension("code"),
        format!(
            "{}\n{}\n{}\n{}\n",
            org.access_code,
            key.order_id,
            key.access_code,
            tickets.join("\n")
        ),
    )
    .unwrap();
}

#[test]
fn the_tickets_fixture_replays_with_each_seat_and_its_ticket() {
    let path = fixture_path("v6-tickets.redb");
    let OpenedFixture {
        desk,
        access,
        codes,
        before,
        counts,
    } = open_fixture(&path, SLUG);
    let [_, order_id, order_code, tickets @ ..] = &codes[..] else {
        panic!("the code file has six lines: {codes:?}")
    };
    assert_eq!(tickets.len(), 3);
    assert_eq!(counts.get("TicketsIssued"), Some(&1));
    let key = OrderKey {
        order_id: confdesk::domain::OrderId(order_id.parse().unwrap()),
        access_code: order_code.clone(),
    };
    let order = desk.registration().order(&key).unwrap();
    let stored: Vec<String> = order
        .positions
        .iter()
        .map(|p| p.ticket.clone().unwrap())
        .collect();
    assert_eq!(&stored, tickets);
    // Each ticket finds its own seat; only the first is checked in.
    for (position, code) in (0_u32..).zip(tickets) {
        let t = desk.tickets().find(&access, code).unwrap();
        assert_eq!(t.position, position);
        assert_eq!(&t.order.order_code, order_code);
        let seat = t.seat().unwrap();
        assert_eq!(seat.checked_in_at.is_some(), position == 0, "{code}");
    }
    assert_eq!(desk.tickets().missing(&access), 0);

    let mut issued = Vec::new();
    desk.log()
        .read_all_from(1, &mut |r| {
            if r.event_type == "TicketsIssued" {
                assert_eq!(r.schema_version, 1);
                issued.push(decode_event(&r.event_type, r.schema_version, &r.payload).unwrap());
            }
            Ok(())
        })
        .unwrap();
    let [Event::TicketsIssued(e)] = &issued[..] else {
        panic!("{issued:?}")
    };
    assert_eq!(e.order_id, key.order_id);
    assert_eq!(e.conference_id, order.conference_id);
    let decoded: Vec<(u32, &str)> = e
        .tickets
        .iter()
        .map(|t| (t.position, t.code.as_str()))
        .collect();
    let expected: Vec<(u32, &str)> = (0_u32..).zip(tickets.iter().map(String::as_str)).collect();
    assert_eq!(decoded, expected);
    drop(desk);
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "reading the fixture must not change it"
    );
}
