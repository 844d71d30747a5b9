//! The door's search in the window (issue 16.2), driven headless with
//! egui_kittest: a Korean attendee typed family name first ("김민준") is
//! found and shown as Korean writes it ("김 민준"), and an unpaid order
//! searched by its registrant's e-mail says why it can't check in.

mod common;
use common::ByName as _;

use common::{TestDesk, journey_conference, open_desk};
use confdesk::app::{Desk, OrderKey, OrganizerKey};
use confdesk::ui::{MainWindow, Workspace};
use eframe::egui;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use std::sync::Arc;

const SLUG: &str = "search-summit";
const SCAN: &str = "Order code or name/e-mail";

/// Places an order for one General seat; pays it when `pay`.
fn order(desk: &mut Desk, email: &str, pay: bool) -> OrderKey {
    let key = desk
        .place_order_named(SLUG, &[("General admission".to_string(), 1)])
        .unwrap();
    desk.registration_mut()
        .assign_registrant(&key, "Lúcia", "Prado", email)
        .unwrap();
    if pay {
        desk.registration_mut().pay(&key, true).unwrap();
    }
    key
}

/// A paid seat named 민준 (given) 김 (family), and an unpaid order.
fn door(t: &mut TestDesk) -> (OrganizerKey, String) {
    let org = journey_conference(&mut t.desk, SLUG, 100);
    let paid = order(&mut t.desk, "paid@example.kr", true);
    t.desk
        .registration_mut()
        .assign_seat(&paid, 0, "민준", "김", "minjun@example.kr")
        .unwrap();
    let unpaid = order(&mut t.desk, "lucia@example.br", false);
    (org, unpaid.access_code)
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
    h
}

fn type_into(h: &mut Harness<'_, MainWindow>, label: &str, text: &str) {
    let field = h.get_by_role_and_label(Role::TextInput, label);
    field.focus();
    field.type_text(text);
    h.run();
}

fn shows(h: &Harness<'_, MainWindow>, text: &str) -> bool {
    h.query_by_label_contains(text).is_some()
}

#[test]
fn a_korean_name_typed_family_name_first_is_found_and_shown_so() {
    let mut t = open_desk();
    let (org, _) = door(&mut t);
    let mut h = opened(&mut t, &org);
    type_into(&mut h, SCAN, "김민준");
    assert!(shows(&h, "김 민준"), "the seat shows the family name first");
    assert!(!shows(&h, "민준 김"));
    h.get_by_label("Check in").click();
    h.run();
    assert!(shows(&h, "Checked in: 김 민준 — General admission, seat 1"));
}

#[test]
fn an_unpaid_order_searched_by_email_says_why_it_cannot_check_in() {
    let mut t = open_desk();
    let (org, unpaid) = door(&mut t);
    let mut h = opened(&mut t, &org);
    type_into(&mut h, SCAN, "lucia@example.br");
    h.key_press(egui::Key::Enter);
    h.run();
    assert!(!shows(&h, "No order or attendee matches"));
    assert!(shows(&h, &format!("Order {unpaid} is not paid")));
}
