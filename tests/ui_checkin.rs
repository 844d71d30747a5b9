//! The Check-in workspace driven headless with egui_kittest on a manual
//! clock: open the door with the conference's code, scan an order code and
//! check its seats in one press at a time (the counter moves), the refused
//! second check-in with its time, an unpaid order refused with its reason,
//! an unassigned seat named and checked in, a search, and an undo.

mod common;
use common::ByName as _;

use chrono::Duration;
use common::{TestDesk, journey_conference, open_desk, start};
use confdesk::app::{Desk, OrderKey, OrganizerKey};
use confdesk::domain::already_checked_in;
use confdesk::ui::i18n::{format as fmt, say};
use confdesk::ui::{MainWindow, Workspace};
use eframe::egui;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use std::sync::Arc;

const SLUG: &str = "door-summit";
const SCAN: &str = "Order code or name/e-mail";

fn seats(lines: &[(&str, i64)]) -> Vec<(String, i64)> {
    lines.iter().map(|(n, q)| (n.to_string(), *q)).collect()
}

/// Places an order with a registrant; pays it when `pay`. Returns its key.
fn order(desk: &mut Desk, lines: &[(&str, i64)], pay: bool) -> OrderKey {
    let confdesk::app::OrderKey {
        order_id,
        access_code,
    } = desk.place_order_named(SLUG, &seats(lines)).unwrap();
    let key = OrderKey {
        order_id,
        access_code,
    };
    desk.registration_mut()
        .assign_registrant(&key, "Ana", "Lima", "ana.lima@example.com")
        .unwrap();
    if pay {
        desk.registration_mut().pay(&key, true).unwrap();
    }
    key
}

/// A paid order General ×2 (seat 1 Ji-woo, seat 2 unassigned) + Workshop
/// ×1 (seat 3 Zoë), and an unpaid order. Returns (paid code, unpaid code).
fn door(t: &mut TestDesk) -> (OrganizerKey, String, String) {
    let org = journey_conference(&mut t.desk, SLUG, 100);
    let paid = order(
        &mut t.desk,
        &[("General admission", 2), ("CQRS Workshop", 1)],
        true,
    );
    t.desk
        .registration_mut()
        .assign_seat(&paid, 0, "Ji-woo", "Kim", "jw@example.kr")
        .unwrap();
    t.desk
        .registration_mut()
        .assign_seat(&paid, 2, "Zoë", "Ærø", "zoe@example.dk")
        .unwrap();
    let unpaid = order(&mut t.desk, &[("General admission", 1)], false);
    (org, paid.access_code, unpaid.access_code)
}

/// The window on `t`'s log, on the Check-in workspace, door opened.
fn opened(t: &mut TestDesk, org: &OrganizerKey) -> Harness<'static, MainWindow> {
    let desk = std::mem::replace(&mut t.desk, open_desk().desk);
    let app = MainWindow::with_desk(desk, t.path.clone(), Arc::new(t.clock.clone()));
    let mut h = Harness::builder()
        .with_size([1280.0, 800.0])
        .with_context_setup(confdesk::ui::fonts::install)
        .build_ui_state(|ui, app: &mut MainWindow| app.ui(ui), app);
    h.run();
    h.get_by_label("Check-in").click();
    h.run();
    assert_eq!(h.state().workspace(), Workspace::CheckIn);
    type_into(&mut h, "Owner e-mail", &org.email);
    type_into(&mut h, "Access code", &org.access_code);
    h.get_by_label("Open the door").click();
    h.run();
    assert!(h.query_by_label("Check-in: CQRS Summit").is_some());
    h
}

fn type_into(h: &mut Harness<'_, MainWindow>, label: &str, text: &str) {
    let field = h.get_by_role_and_label(Role::TextInput, label);
    field.focus();
    field.type_text(text);
    h.run();
}

/// What a USB scanner does: the code, then Enter, into the focused field.
fn scan(h: &mut Harness<'_, MainWindow>, code: &str) {
    type_into(h, SCAN, code);
    enter(h);
}

fn enter(h: &mut Harness<'_, MainWindow>) {
    h.key_press(egui::Key::Enter);
    h.run();
}

fn shows(h: &Harness<'_, MainWindow>, text: &str) -> bool {
    h.query_by_label_contains(text).is_some()
}

#[test]
fn a_scan_then_enter_checks_one_seat_in_and_the_counter_moves() {
    let mut t = open_desk();
    let (org, paid, _) = door(&mut t);
    t.clock.advance(Duration::minutes(42));
    let mut h = opened(&mut t, &org);
    assert!(shows(&h, "Checked in: 0 / 3 confirmed seats"));
    assert!(shows(&h, "General admission: 0 / 2"));

    scan(&mut h, &paid);
    assert!(shows(
        &h,
        "press Enter to check in Ji-woo Kim — General admission, seat 1"
    ));
    assert_eq!(h.get_all_by_label("Check in").count(), 2, "seats 2 and 3");
    // The field was cleared at once: the second Enter checks in one seat.
    enter(&mut h);
    assert!(shows(
        &h,
        "Checked in: Ji-woo Kim — General admission, seat 1"
    ));
    assert!(shows(&h, "Checked in: 1 / 3 confirmed seats"));
    assert!(shows(&h, "General admission: 1 / 2"));
    let at = start() + Duration::minutes(42);
    let hh_mm = fmt::time(fmt::local(at).time());
    assert!(h.query_by_label(&hh_mm).is_some(), "the row shows the time");
    assert_eq!(h.get_all_by_label("Undo check-in").count(), 1);
    assert_eq!(h.get_all_by_label("Check in").count(), 2, "one per press");

    // The next scan works without the mouse: the field has the focus.
    h.get_by_role_and_label(Role::TextInput, SCAN)
        .type_text("ZZZZZZ");
    h.run();
    enter(&mut h);
    assert!(shows(&h, "No order or attendee matches “ZZZZZZ”."));
}

#[test]
fn a_second_check_in_is_refused_with_the_first_time() {
    let mut t = open_desk();
    let (org, _, _) = door(&mut t);
    let org_access = t.desk.authorize_organizer(&org).unwrap();
    let single = order(&mut t.desk, &[("CQRS Workshop", 1)], true);
    t.desk
        .registration_mut()
        .assign_seat(&single, 0, "Min", "Park", "min@example.kr")
        .unwrap();
    t.clock.advance(Duration::minutes(42));
    t.desk
        .door_mut()
        .check_in(&org_access, &single.access_code, 0, None)
        .unwrap();
    t.clock.advance(Duration::minutes(3));
    let mut h = opened(&mut t, &org);

    scan(&mut h, &single.access_code);
    let first = say(&already_checked_in(start() + Duration::minutes(42)));
    assert!(shows(&h, &first.clone()), "{first} shown in red");
    assert!(
        shows(&h, "Checked in: 1 / 4 confirmed seats"),
        "nothing written"
    );
}

#[test]
fn an_unpaid_order_is_refused_with_its_reason() {
    let mut t = open_desk();
    let (org, _, unpaid) = door(&mut t);
    let mut h = opened(&mut t, &org);
    let events = h.state().desk().map(|d| d.stats().events);
    scan(&mut h, &unpaid);
    assert!(shows(&h, &format!("Order {unpaid} is not paid")));
    assert_eq!(h.state().desk().map(|d| d.stats().events), events);
    assert!(h.query_by_label("Check in").is_none());
}

#[test]
fn an_unassigned_seat_is_named_then_checked_in() {
    let mut t = open_desk();
    let (org, paid, _) = door(&mut t);
    let org_access = t.desk.authorize_organizer(&org).unwrap();
    t.desk
        .door_mut()
        .check_in(&org_access, &paid, 0, None)
        .unwrap();
    let mut h = opened(&mut t, &org);

    scan(&mut h, &paid);
    assert!(shows(
        &h,
        "press Enter to type the name for General admission, seat 2 (unassigned)"
    ));
    enter(&mut h);
    // Enter moved the focus to the first name: type straight on.
    h.get_by_role_and_label(Role::TextInput, "First name")
        .type_text("Seo-yeon");
    h.run();
    type_into(&mut h, "Last name", "Han");
    enter(&mut h);
    assert!(shows(
        &h,
        "Checked in: Seo-yeon Han — General admission, seat 2"
    ));
    assert!(shows(&h, "Checked in: 2 / 3 confirmed seats"));
    let desk = h.state_mut().desk_mut().unwrap();
    let seat = desk
        .door()
        .door_find_order(&org_access, &paid)
        .unwrap()
        .seats[1]
        .clone();
    assert_eq!(seat.attendee.unwrap().first_name, "Seo-yeon");
    assert!(seat.checked_in_at.is_some());
}

#[test]
fn an_unassigned_seat_can_be_given_to_the_registrant_in_one_click() {
    let mut t = open_desk();
    let (org, paid, _) = door(&mut t);
    let org_access = t.desk.authorize_organizer(&org).unwrap();
    t.desk
        .door_mut()
        .check_in(&org_access, &paid, 0, None)
        .unwrap();
    let mut h = opened(&mut t, &org);

    scan(&mut h, &paid);
    let fill = h.get_by_label("= Registrant");
    fill.click();
    h.run();
    assert_eq!(
        h.get_by_role_and_label(Role::TextInput, "E-mail")
            .value()
            .as_deref(),
        Some("ana.lima@example.com")
    );
    h.get_by_label("Check in (Enter)").click();
    h.run();
    assert!(shows(
        &h,
        "Checked in: Ana Lima — General admission, seat 2"
    ));
    let desk = h.state_mut().desk_mut().unwrap();
    let seat = desk
        .door()
        .door_find_order(&org_access, &paid)
        .unwrap()
        .seats[1]
        .clone();
    let attendee = seat.attendee.unwrap();
    assert_eq!(
        (attendee.last_name.as_str(), attendee.email.as_str()),
        ("Lima", "ana.lima@example.com")
    );
    assert!(seat.checked_in_at.is_some());
}

#[test]
fn a_search_finds_a_seat_and_a_check_in_can_be_taken_back() {
    let mut t = open_desk();
    let (org, _, _) = door(&mut t);
    let mut h = opened(&mut t, &org);

    type_into(&mut h, SCAN, "zoe@");
    assert!(shows(&h, "Zoë Ærø"));
    h.get_by_label("Check in").click();
    h.run();
    assert!(shows(&h, "Checked in: Zoë Ærø — CQRS Workshop, seat 3"));
    assert!(shows(&h, "CQRS Workshop: 1 / 1"));
    h.get_by_label("Undo check-in").click();
    h.run();
    assert!(shows(
        &h,
        "Check-in taken back: Zoë Ærø — CQRS Workshop, seat 3"
    ));
    assert!(shows(&h, "Checked in: 0 / 3 confirmed seats"));
}
