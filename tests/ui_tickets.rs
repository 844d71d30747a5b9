//! Tickets in the window (issue 18.1), driven headless with egui_kittest:
//! the wizard's confirmation shows each seat's ticket with its QR, the
//! door checks in exactly a scanned ticket's seat (an unassigned one asks
//! for the name first), the order code still lists the whole order, and
//! the organizer issues the tickets a log from before tickets lacks.

mod common;
use common::ByName as _;

use common::fixture::fixture_path;
use common::{TestDesk, journey_conference, open_desk};
use confdesk::app::{Desk, OrderKey, OrganizerKey};
use confdesk::ui::i18n::Lang;
use confdesk::ui::registration::Step;
use confdesk::ui::{MainWindow, Workspace};
use eframe::egui;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

const SLUG: &str = "cqrs-summit";
const SCAN: &str = "Order code or name/e-mail";

fn type_into(h: &mut Harness<'_, MainWindow>, label: &str, text: &str) {
    let field = h.get_by_role_and_label(Role::TextInput, label);
    field.focus();
    field.type_text(text);
    h.run();
}

fn click(h: &mut Harness<'_, MainWindow>, label: &str) {
    h.get_by_label(label).click();
    h.run();
}

fn shows(h: &Harness<'_, MainWindow>, text: &str) -> bool {
    h.query_by_label_contains(text).is_some()
}

fn desk<'h>(h: &'h Harness<'_, MainWindow>) -> &'h Desk {
    h.state().desk().expect("desk open")
}

fn tickets(desk: &Desk, key: &OrderKey) -> Vec<String> {
    let order = desk.registration().order(key).unwrap();
    order
        .positions
        .iter()
        .map(|p| p.ticket.clone().expect("a ticket"))
        .collect()
}

#[test]
fn the_wizard_shows_each_seats_ticket_with_its_qr_after_payment() {
    confdesk::ui::path_dialog::set_native_dialogs(false);
    let mut t = open_desk();
    journey_conference(&mut t.desk, SLUG, 100);
    let mut h = common::window::window_on(&mut t, [1280.0, 800.0], Lang::En);
    click(&mut h, "Registration desk");
    assert_eq!(h.state().workspace(), Workspace::Registration);
    click(&mut h, "Choose seats: CQRS Summit");
    h.get_by_role_and_label(Role::SpinButton, "General admission")
        .focus();
    h.run();
    for _ in 0..2 {
        h.key_press(egui::Key::ArrowUp);
        h.run();
    }
    click(&mut h, "Reserve");
    type_into(&mut h, "First name", "Ana");
    type_into(&mut h, "Last name", "Souza");
    type_into(&mut h, "E-mail", "ana@example.com");
    click(&mut h, "Continue to payment");
    click(&mut h, "Accept payment");
    assert!(matches!(
        h.state().registration().step,
        Step::Confirmation(_)
    ));
    let key = h.state().registration().order_key().cloned().unwrap();
    let codes = tickets(desk(&h), &key);
    assert_eq!(codes.len(), 2);
    assert!(shows(
        &h,
        "Tickets: each person shows their own at the door"
    ));
    for code in &codes {
        assert!(h.query_all_by_label(code).next().is_some(), "{code} shown");
        let label = format!("QR code of ticket {code}");
        let qr = h.get_by_role_and_label(Role::Image, &label);
        assert!(qr.rect().width() >= 29.0 * 3.0, "the QR is drawn");
    }
    assert!(shows(&h, "Seat 1: General admission"));
    assert!(shows(&h, "Seat 2: General admission"));
    // One save button per ticket, beside the order's own.
    assert_eq!(h.get_all_by_label("Save QR as PNG…").count(), 1);
    for code in &codes {
        let label = format!("Save the QR of ticket {code} as PNG…");
        h.get_by_label(&label);
    }
    // Saving the second ticket's QR (through the path field: no dialogs
    // in tests) writes that ticket's PNG.
    let label = format!("Save the QR of ticket {} as PNG…", codes[1]);
    click(&mut h, &label);
    let target = t.dir.path().join("ticket.png");
    let field = "No file chosen. Type a path instead:";
    h.get_by_role_and_label(Role::TextInput, field).focus();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.key_press(egui::Key::Backspace);
    h.run();
    h.get_by_role_and_label(Role::TextInput, field)
        .type_text(&target.display().to_string());
    h.run();
    h.key_press(egui::Key::Enter);
    h.run();
    let png = std::fs::read(&target).unwrap();
    assert_eq!(png, confdesk::app::qr::qr_png(&codes[1]).unwrap());
}

/// A paid order of 2 General seats: the first named, the second not.
fn door(t: &mut TestDesk) -> (OrganizerKey, OrderKey) {
    let org = journey_conference(&mut t.desk, SLUG, 100);
    let key = t
        .desk
        .place_order_named(SLUG, &[("General admission".to_string(), 2)])
        .unwrap();
    let mut r = t.desk.registration_mut();
    r.assign_registrant(&key, "Ana", "Souza", "ana@example.com")
        .unwrap();
    r.pay(&key, true).unwrap();
    r.assign_seat(&key, 0, "Ji-woo", "Park", "jw@example.kr")
        .unwrap();
    (org, key)
}

fn opened(t: &mut TestDesk, org: &OrganizerKey) -> Harness<'static, MainWindow> {
    let mut h = common::window::window_on(t, [1280.0, 800.0], Lang::En);
    click(&mut h, "Check-in");
    type_into(&mut h, "Owner e-mail", &org.email);
    type_into(&mut h, "Access code", &org.access_code);
    click(&mut h, "Open the door");
    h
}

fn scan(h: &mut Harness<'_, MainWindow>, code: &str) {
    type_into(h, SCAN, code);
    h.key_press(egui::Key::Enter);
    h.run();
    h.run();
}

fn checked_in(h: &Harness<'_, MainWindow>, key: &OrderKey) -> Vec<bool> {
    let order = desk(h).registration().order(key).unwrap();
    order
        .positions
        .iter()
        .map(|p| p.checked_in_at.is_some())
        .collect()
}

#[test]
fn a_scanned_ticket_checks_in_exactly_its_seat_at_once() {
    let mut t = open_desk();
    let (org, key) = door(&mut t);
    let codes = tickets(&t.desk, &key);
    let mut h = opened(&mut t, &org);
    // Scanned in lower case: one Enter, one person in.
    scan(&mut h, &codes[0].to_lowercase());
    assert!(
        shows(&h, "Checked in: Ji-woo Park — General admission, seat 1"),
        "the verdict names the seat"
    );
    assert_eq!(checked_in(&h, &key), vec![true, false]);
    // The same ticket again: refused with the time.
    scan(&mut h, &codes[0]);
    assert!(shows(&h, "Already checked in at"));
    assert_eq!(checked_in(&h, &key), vec![true, false]);
    // The order code still lists the whole order and picks seat 2.
    scan(&mut h, &key.access_code);
    assert!(shows(&h, &format!("Order {}", key.access_code)));
    assert_eq!(
        checked_in(&h, &key),
        vec![true, false],
        "a scan alone checks nobody in"
    );
}

#[test]
fn an_unassigned_seats_ticket_asks_for_the_name_then_checks_in_that_seat() {
    let mut t = open_desk();
    let (org, key) = door(&mut t);
    let codes = tickets(&t.desk, &key);
    let mut h = opened(&mut t, &org);
    scan(&mut h, &codes[1]);
    assert!(shows(
        &h,
        &format!("Ticket {}: type the name for", codes[1])
    ));
    assert_eq!(checked_in(&h, &key), vec![false, false]);
    // The name field of seat 2 has the focus: type and Enter.
    let focused = h
        .query_all_by_role(Role::TextInput)
        .find(|n| n.is_focused())
        .expect("a focused field");
    focused.type_text("Mi-rae Lee");
    h.run();
    h.key_press(egui::Key::Enter);
    h.run();
    h.run();
    assert_eq!(checked_in(&h, &key), vec![false, true]);
    let order = desk(&h).registration().order(&key).unwrap();
    let named = order.positions[1].attendee.as_ref().unwrap();
    let whole = format!("{} {}", named.first_name, named.last_name);
    assert_eq!(whole.trim(), "Mi-rae Lee");
}

#[test]
fn the_organizer_issues_the_tickets_a_log_from_before_tickets_lacks() {
    let mut t = open_desk();
    // The fixture's log replaces the empty one: orders paid before tickets.
    drop(std::mem::replace(&mut t.desk, open_desk().desk));
    std::fs::copy(fixture_path("v5-cancel.redb"), &t.path).unwrap();
    t.desk = common::desk_at(&t.path, &t.clock);
    let codes = std::fs::read_to_string(fixture_path("v5-cancel.code")).unwrap();
    let code = codes.lines().next().unwrap().to_string();
    let mut h = common::window::window_on(&mut t, [1280.0, 800.0], Lang::En);
    type_into(&mut h, "Owner e-mail", "ana@example.com");
    type_into(&mut h, "Access code", &code);
    click(&mut h, "Open");
    click(&mut h, "Attendees");
    assert!(shows(&h, "1 paid order has no tickets yet"));
    click(&mut h, "Issue missing tickets");
    h.run();
    assert!(shows(&h, "Issued the tickets of 1 order."));
    assert!(!shows(&h, "no tickets yet"));
    assert!(h.query_by_label("Issue missing tickets").is_none());
}
