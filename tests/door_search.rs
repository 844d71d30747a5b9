//! The door's search as people type (issue 16.2), through the Desk on a
//! real log with a manual clock: accents and case ignored in every script,
//! whole names in either order (Korean family name first, with or without
//! a space), and orders that can't check in — not paid, expired — found by
//! their registrant's e-mail or name, each with its reason.

mod common;
use common::ByName as _;

use chrono::Duration;
use common::{TestDesk, journey_conference, open_desk};
use confdesk::app::projections::{OrderStatusView, SeatQuery};
use confdesk::app::{ConferenceAccess, Desk, OrderKey};

const SLUG: &str = "search-summit";

/// Places an order for one General seat with `registrant` (given, family,
/// e-mail); pays it when `pay`. Returns its key.
fn order(desk: &mut Desk, registrant: (&str, &str, &str), pay: bool) -> OrderKey {
    let key = desk
        .place_order_named(SLUG, &[("General admission".to_string(), 1)])
        .unwrap();
    let (first, last, email) = registrant;
    desk.registration_mut()
        .assign_registrant(&key, first, last, email)
        .unwrap();
    if pay {
        desk.registration_mut().pay(&key, true).unwrap();
    }
    key
}

/// A paid order whose one seat is named `first` `last`.
fn seat_named(desk: &mut Desk, first: &str, last: &str, email: &str) {
    let key = order(desk, ("Reg", "Istrant", "reg@example.com"), true);
    desk.registration_mut()
        .assign_seat(&key, 0, first, last, email)
        .unwrap();
}

fn desk() -> (TestDesk, ConferenceAccess) {
    let mut t = open_desk();
    let org = journey_conference(&mut t.desk, SLUG, 100);
    let access = t.desk.authorize_organizer(&org).unwrap();
    seat_named(&mut t.desk, "Ana", "Núñez", "ana@example.es");
    seat_named(&mut t.desk, "ΣΊΣΥΦΟΣ", "ΚΟΡΊΝΘΙΟΣ", "sisyphus@example.gr");
    seat_named(&mut t.desk, "Пётр", "Иванов", "petr@example.ru");
    seat_named(&mut t.desk, "민준", "김", "minjun@example.kr");
    (t, access)
}

/// The attendee e-mails `query` finds at the door.
fn found(desk: &Desk, access: &ConferenceAccess, query: &str) -> Vec<String> {
    let m = desk.door().door_search(access, query, 50);
    m.seats
        .iter()
        .filter_map(|s| s.attendee.as_ref().map(|a| a.email.clone()))
        .collect()
}

#[test]
fn accents_are_ignored() {
    let (t, access) = desk();
    for query in ["nunez", "NUNEZ", "Ana Nunez", "núñez", "  ana   núñez "] {
        assert_eq!(
            found(&t.desk, &access, query),
            ["ana@example.es"],
            "{query}"
        );
    }
}

#[test]
fn case_is_ignored_in_greek_and_cyrillic() {
    let (t, access) = desk();
    for query in ["σίσυφος", "Σίσυφος", "σισυφ", "κορίνθιος σίσυφος"]
    {
        assert_eq!(
            found(&t.desk, &access, query),
            ["sisyphus@example.gr"],
            "{query}"
        );
    }
    for query in ["пётр", "ПЁТР", "петр иванов"] {
        assert_eq!(
            found(&t.desk, &access, query),
            ["petr@example.ru"],
            "{query}"
        );
    }
}

#[test]
fn a_korean_name_is_found_family_name_first_with_or_without_a_space() {
    let (t, access) = desk();
    for query in ["김민준", "김 민준", "민준 김", "민준", "김민"] {
        assert_eq!(
            found(&t.desk, &access, query),
            ["minjun@example.kr"],
            "{query}"
        );
    }
    // Whole names only: a family name glued after the given name is not
    // how anyone writes it.
    assert!(found(&t.desk, &access, "민준김").is_empty());
}

#[test]
fn an_unpaid_order_is_found_by_its_registrants_email_or_name_with_its_reason() {
    let (mut t, access) = desk();
    let unpaid = order(&mut t.desk, ("Lúcia", "Prado", "lucia@example.br"), false);
    for query in ["lucia@example.br", "LUCIA PRADO", "prado lucia"] {
        let m = t.desk.door().door_search(&access, query, 50);
        assert!(m.seats.is_empty(), "{query}");
        assert_eq!(m.orders.len(), 1, "{query}");
        let o = &m.orders[0];
        assert_eq!(o.order_code, unpaid.access_code);
        assert_eq!(o.status, OrderStatusView::ReservationCompleted);
        assert_eq!(
            o.reason.to_string(),
            format!("Order {} is not paid", unpaid.access_code)
        );
    }
    // The reservation runs out: the same search now says expired.
    t.clock.advance(Duration::minutes(16));
    let m = t
        .desk
        .door()
        .door_search(&access, SeatQuery::new("lucia@", "unassigned"), 50);
    assert_eq!(
        m.orders[0].reason.to_string(),
        format!("Order {} has expired", unpaid.access_code)
    );
    // A paid order is found by its seats, not listed again as an order.
    assert!(
        t.desk
            .door()
            .door_search(&access, "reg@", 50)
            .orders
            .is_empty()
    );
    // A blank search lists no orders.
    assert!(t.desk.door().door_search(&access, "", 50).orders.is_empty());
}

#[test]
fn the_search_is_the_same_after_replaying_the_log() {
    let (mut t, access) = desk();
    order(&mut t.desk, ("Lúcia", "Prado", "lucia@example.br"), false);
    let queries = ["nunez", "σίσυφος", "김민준", "lucia"];
    let before: Vec<_> = queries
        .iter()
        .map(|q| t.desk.door().door_search(&access, *q, 50))
        .collect();
    t.reopen();
    let after: Vec<_> = queries
        .iter()
        .map(|q| t.desk.door().door_search(&access, *q, 50))
        .collect();
    assert_eq!(before, after);
}
