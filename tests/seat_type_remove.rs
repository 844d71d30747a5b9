//! Removing a seat type (issue 16, item 12) through the app: allowed while
//! none of its seats is reserved or sold, refused (a conflict, nothing
//! written) otherwise; the read models drop it, a replay from disk agrees,
//! and an expired order's history still names it.

mod common;
use common::ByName as _;
use common::{journey_conference, open_desk};
use confdesk::app::history::HistoryAccess;
use confdesk::app::{AppError, UserCommand};

fn seat_names(desk: &confdesk::app::Desk, slug: &str) -> Vec<String> {
    let view = desk.read_models().conferences.by_slug(slug).unwrap();
    view.seat_types.iter().map(|s| s.name.clone()).collect()
}

#[test]
fn a_seat_type_nobody_holds_is_removed_from_every_read_model_and_after_replay() {
    let mut t = open_desk();
    let key = journey_conference(&mut t.desk, "cqrs-summit", 10);
    let access = t.desk.authorize_organizer(&key).unwrap();
    let workshop = t.desk.seat_type_id("cqrs-summit", "CQRS Workshop");
    let before = t.desk.log().last_position().unwrap();
    t.desk
        .run(UserCommand::RemoveSeatType {
            access: access.clone(),
            seat_type: workshop,
        })
        .unwrap();
    // Its 4 free seats off sale, then SeatDeleted, in one action.
    let last = t.desk.log().last_position().unwrap();
    let written: Vec<_> = t
        .desk
        .log()
        .read_range(before + 1, last)
        .unwrap()
        .into_iter()
        .map(|e| e.event_type)
        .collect();
    assert_eq!(written, ["AvailableSeatsChanged", "SeatDeleted"]);
    let expect = ["General admission", "Additional cocktail party"];
    assert_eq!(seat_names(&t.desk, "cqrs-summit"), expect);
    let board = t
        .desk
        .read_models()
        .dashboard
        .get(access.conference())
        .unwrap();
    assert!(board.seat_types.iter().all(|s| s.id != workshop));
    assert_eq!(board.seats_left(), 110);
    // An order naming it now is refused as an unknown seat type.
    let r = t
        .desk
        .place_order_named("cqrs-summit", &[("CQRS Workshop".into(), 1)]);
    assert!(r.is_err(), "{r:?}");
    t.reopen();
    assert_eq!(seat_names(&t.desk, "cqrs-summit"), expect);
}

#[test]
fn a_seat_type_with_a_seat_reserved_or_sold_is_refused_and_nothing_written() {
    let mut t = open_desk();
    let key = journey_conference(&mut t.desk, "cqrs-summit", 10);
    let access = t.desk.authorize_organizer(&key).unwrap();
    let workshop = t.desk.seat_type_id("cqrs-summit", "CQRS Workshop");
    let order = t
        .desk
        .place_order_named("cqrs-summit", &[("CQRS Workshop".into(), 1)])
        .unwrap();
    let remove = UserCommand::RemoveSeatType {
        access: access.clone(),
        seat_type: workshop,
    };
    // Reserved (unpaid).
    let len = t.desk.log().last_position().unwrap();
    let err = t.desk.run(remove.clone()).unwrap_err();
    assert!(matches!(err, AppError::Conflict(_)), "{err:?}");
    assert_eq!(
        err.to_string(),
        "This seat type cannot be removed: 1 seat is reserved and 0 sold"
    );
    assert_eq!(
        t.desk.log().last_position().unwrap(),
        len,
        "nothing written"
    );
    // Sold.
    t.desk
        .registration_mut()
        .assign_registrant(&order, "Ana", "Lima", "ana@example.org")
        .unwrap();
    t.desk.registration_mut().pay(&order, true).unwrap();
    let err = t.desk.run(remove).unwrap_err();
    assert_eq!(
        err.to_string(),
        "This seat type cannot be removed: 0 seats are reserved and 1 sold"
    );
    assert!(seat_names(&t.desk, "cqrs-summit").contains(&"CQRS Workshop".to_string()));
}

#[test]
fn after_an_order_expired_its_seat_type_can_go_and_its_history_still_names_it() {
    let mut t = open_desk();
    let key = journey_conference(&mut t.desk, "cqrs-summit", 10);
    let access = t.desk.authorize_organizer(&key).unwrap();
    let workshop = t.desk.seat_type_id("cqrs-summit", "CQRS Workshop");
    let order = t
        .desk
        .place_order_named("cqrs-summit", &[("CQRS Workshop".into(), 2)])
        .unwrap();
    t.clock.advance(chrono::Duration::minutes(16));
    t.desk.tick().unwrap();
    t.desk
        .run(UserCommand::RemoveSeatType {
            access: access.clone(),
            seat_type: workshop,
        })
        .unwrap();
    let lines: Vec<String> = t
        .desk
        .order_history(&HistoryAccess::Organizer(access, order.order_id))
        .unwrap()
        .iter()
        .map(|l| l.line.to_string())
        .collect();
    assert!(
        lines.iter().any(|l| l == "Order placed: CQRS Workshop 2"),
        "{lines:?}"
    );
}
