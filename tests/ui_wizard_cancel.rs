//! Issue 16 item 3 in the window (kittest, fixed clock): "Cancel order" on
//! every step holding an unpaid order asks first (Escape and "No" keep the
//! order), then cancels it and returns to the conferences with a line;
//! "Start over" after payment clears the workspace and keeps the paid
//! order; Enter in a quantity field reserves nothing (only the button
//! does); after a short reservation "Continue with these seats" and
//! "Change quantities" replace "Reserve again".

mod common;
use common::ByName as _;

use common::{TestDesk, journey_conference, open_desk};
use confdesk::app::{Desk, OrderKey};
use confdesk::ui::i18n::Lang;
use confdesk::ui::registration::{COULD_NOT_RESERVE_ALL, Step};
use confdesk::ui::{MainWindow, Workspace};
use eframe::egui;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

fn desk_window(t: &mut TestDesk) -> Harness<'static, MainWindow> {
    let mut h = common::window::window_on(t, [1200.0, 800.0], Lang::En);
    click(&mut h, "Registration desk");
    assert_eq!(h.state().workspace(), Workspace::Registration);
    h
}

fn conference() -> (TestDesk, Harness<'static, MainWindow>) {
    let mut t = open_desk();
    journey_conference(&mut t.desk, "cqrs-summit", 100);
    let h = desk_window(&mut t);
    (t, h)
}

fn desk<'h>(h: &'h Harness<'_, MainWindow>) -> &'h Desk {
    h.state().desk().expect("desk open")
}

fn step(h: &Harness<'_, MainWindow>) -> &'static str {
    match &h.state().registration().step {
        Step::Conferences(_) => "conferences",
        Step::Seats(_) => "seats",
        Step::Details(_) => "details",
        Step::Payment(_) => "payment",
        Step::Confirmation(_) => "confirmation",
        Step::Attendees(_) => "attendees",
        Step::Find(_) => "find",
        Step::Expired(_) => "expired",
    }
}

fn key(h: &Harness<'_, MainWindow>) -> OrderKey {
    h.state()
        .registration()
        .order_key()
        .cloned()
        .expect("an order in progress")
}

fn status(h: &Harness<'_, MainWindow>, key: &OrderKey) -> &'static str {
    desk(h).registration().order(key).unwrap().status.as_str()
}

fn click(h: &mut Harness<'_, MainWindow>, label: &str) {
    h.get_by_label(label).click();
    h.run();
}

fn press(h: &mut Harness<'_, MainWindow>, key: egui::Key) {
    h.key_press(key);
    h.run();
}

fn type_into(h: &mut Harness<'_, MainWindow>, label: &str, text: &str) {
    let field = h.get_by_role_and_label(Role::TextInput, label);
    field.focus();
    field.type_text(text);
    h.run();
}

fn set_quantity(h: &mut Harness<'_, MainWindow>, seat_type: &str, n: u32) {
    h.get_by_role_and_label(Role::SpinButton, seat_type).focus();
    h.run();
    for _ in 0..n {
        press(h, egui::Key::ArrowUp);
    }
}

fn left(h: &Harness<'_, MainWindow>, seat_type: &str) -> i64 {
    desk(h).registration().published_conferences()[0]
        .seat_types
        .iter()
        .find(|s| s.name == seat_type)
        .unwrap()
        .left
}

/// Conferences → seats → details with `n` workshop seats reserved.
fn to_details(h: &mut Harness<'_, MainWindow>, n: u32) {
    click(h, "Choose seats: CQRS Summit");
    set_quantity(h, "CQRS Workshop", n);
    click(h, "Reserve");
    assert_eq!(step(h), "details");
}

fn question(code: &str) -> String {
    format!("Cancel order {code}? Its seats are released.")
}

#[test]
fn cancel_order_asks_then_releases_the_seats_and_is_ready_for_the_next_customer() {
    let (_t, mut h) = conference();
    to_details(&mut h, 3);
    type_into(&mut h, "First name", "Ana");
    let k = key(&h);
    assert_eq!(left(&h, "CQRS Workshop"), 1);

    // Escape is No: the order and the step stay (Escape does not also go
    // back to the seats, as it would on the page).
    click(&mut h, "Cancel order");
    assert!(h.query_by_label(&question(&k.access_code)).is_some());
    press(&mut h, egui::Key::Escape);
    assert!(h.query_by_label(&question(&k.access_code)).is_none());
    assert_eq!(step(&h), "details");
    assert_eq!(status(&h, &k), "reservation_completed");

    // No (focused: Enter takes it) keeps it too.
    click(&mut h, "Cancel order");
    assert!(h.get_by_label("No").is_focused(), "No has the focus");
    press(&mut h, egui::Key::Enter);
    assert!(h.query_by_label(&question(&k.access_code)).is_none());
    assert_eq!(step(&h), "details");
    assert_eq!(status(&h, &k), "reservation_completed");

    // Yes cancels: seats back at once, the conferences with the line.
    click(&mut h, "Cancel order");
    click(&mut h, "Yes");
    h.run();
    assert_eq!(status(&h, &k), "cancelled");
    assert_eq!(step(&h), "conferences");
    assert!(h.state().registration().order_key().is_none());
    assert!(
        h.query_by_label(&format!(
            "Order {} cancelled; its seats are released.",
            k.access_code
        ))
        .is_some()
    );
    assert_eq!(left(&h, "CQRS Workshop"), 4);
    assert!(h.query_by_label("Seats held for 15:00").is_none());

    // The next customer starts clean.
    click(&mut h, "Choose seats: CQRS Summit");
    assert!(h.state().registration().order_key().is_none());
}

#[test]
fn cancel_order_is_on_the_seats_and_payment_steps_and_reached_by_keyboard() {
    let (_t, mut h) = conference();
    click(&mut h, "Choose seats: CQRS Summit");
    assert!(
        h.query_by_label("Cancel order").is_none(),
        "no order yet, nothing to cancel"
    );
    to_details_from_seats(&mut h);
    // Back on the seats of the placed order: it is there.
    press(&mut h, egui::Key::Escape);
    assert_eq!(step(&h), "seats");
    assert!(h.query_by_label("Cancel order").is_some());
    click(&mut h, "Reserve");
    type_into(&mut h, "First name", "Ana");
    type_into(&mut h, "Last name", "Lima");
    type_into(&mut h, "E-mail", "ana@example.com");
    click(&mut h, "Continue to payment");
    assert_eq!(step(&h), "payment");
    let k = key(&h);
    // Keyboard only: focus the button, Enter; Shift+Tab to Yes, Enter.
    h.get_by_label("Cancel order").focus();
    h.run();
    press(&mut h, egui::Key::Enter);
    assert!(h.query_by_label(&question(&k.access_code)).is_some());
    h.key_press_modifiers(egui::Modifiers::SHIFT, egui::Key::Tab);
    h.run();
    assert!(h.get_by_label("Yes").is_focused());
    press(&mut h, egui::Key::Enter);
    h.run();
    assert_eq!(status(&h, &k), "cancelled");
    assert_eq!(step(&h), "conferences");
    assert!(
        desk(&h)
            .registration()
            .order(&k)
            .unwrap()
            .payments
            .is_empty()
    );
}

fn to_details_from_seats(h: &mut Harness<'_, MainWindow>) {
    set_quantity(h, "CQRS Workshop", 1);
    click(h, "Reserve");
    assert_eq!(step(h), "details");
}

#[test]
fn start_over_after_payment_keeps_the_paid_order_and_clears_the_workspace() {
    let (_t, mut h) = conference();
    to_details(&mut h, 1);
    type_into(&mut h, "First name", "Ana");
    type_into(&mut h, "Last name", "Lima");
    type_into(&mut h, "E-mail", "ana@example.com");
    click(&mut h, "Continue to payment");
    click(&mut h, "Accept payment");
    assert_eq!(step(&h), "confirmation");
    assert!(
        h.query_by_label("Cancel order").is_none(),
        "paid: no cancel"
    );
    assert!(h.query_by_label("Done").is_none(), "one way on, not two");
    let k = key(&h);
    click(&mut h, "Start over");
    assert_eq!(step(&h), "conferences");
    assert!(h.state().registration().order_key().is_none());
    assert_eq!(status(&h, &k), "confirmed");

    // From the attendees too.
    let (_t2, mut h) = conference();
    to_details(&mut h, 1);
    type_into(&mut h, "First name", "Ana");
    type_into(&mut h, "Last name", "Lima");
    type_into(&mut h, "E-mail", "ana@example.com");
    click(&mut h, "Continue to payment");
    click(&mut h, "Accept payment");
    click(&mut h, "Assign attendees now");
    assert_eq!(step(&h), "attendees");
    let k = key(&h);
    click(&mut h, "Start over");
    assert_eq!(step(&h), "conferences");
    assert_eq!(status(&h, &k), "confirmed");
}

/// Issue 16.3: Enter in one quantity field reserved that line before the
/// others were filled.
#[test]
fn enter_in_a_quantity_field_reserves_nothing_only_the_button_does() {
    let (_t, mut h) = conference();
    click(&mut h, "Choose seats: CQRS Summit");
    set_quantity(&mut h, "General admission", 2);
    press(&mut h, egui::Key::Enter);
    assert_eq!(step(&h), "seats");
    assert!(
        h.state().registration().order_key().is_none(),
        "no order placed by Enter"
    );
    assert_eq!(left(&h, "General admission"), 100);
    // Typed into the field, then Enter: still nothing.
    let field = h.get_by_role_and_label(Role::SpinButton, "CQRS Workshop");
    field.focus();
    h.run();
    field_type(&mut h, "1");
    press(&mut h, egui::Key::Enter);
    assert_eq!(step(&h), "seats");
    assert!(h.state().registration().order_key().is_none());
    // The button reserves (Enter on it is its click).
    h.get_by_label("Reserve").focus();
    h.run();
    press(&mut h, egui::Key::Enter);
    assert_eq!(step(&h), "details");
    let order = desk(&h).registration().order(&key(&h)).unwrap();
    let asked: Vec<u32> = order.lines.iter().map(|l| l.requested).collect();
    assert_eq!(asked, vec![2, 1], "both lines, reserved together");
}

fn field_type(h: &mut Harness<'_, MainWindow>, text: &str) {
    h.get_by_role_and_label(Role::SpinButton, "CQRS Workshop")
        .type_text(text);
    h.run();
}

/// Someone else holds 3 of the workshop's 4 seats; asking for 2 gets 1.
fn short_reservation() -> (TestDesk, Harness<'static, MainWindow>) {
    let mut t = open_desk();
    journey_conference(&mut t.desk, "cqrs-summit", 100);
    t.desk
        .place_order_named("cqrs-summit", &[("CQRS Workshop".to_string(), 3)])
        .unwrap();
    let mut h = desk_window(&mut t);
    click(&mut h, "Choose seats: CQRS Summit");
    set_quantity(&mut h, "CQRS Workshop", 2);
    set_quantity(&mut h, "General admission", 1);
    click(&mut h, "Reserve");
    assert_eq!(step(&h), "seats");
    assert!(h.query_by_label(COULD_NOT_RESERVE_ALL).is_some());
    assert!(
        h.query_by_label("Reserve again").is_none(),
        "the old way goes"
    );
    assert!(h.query_by_label("Reserve").is_none());
    (t, h)
}

#[test]
fn after_a_short_reservation_continue_goes_on_with_the_seats_reserved() {
    let (_t, mut h) = short_reservation();
    assert!(
        h.get_by_label("Continue with these seats").is_focused(),
        "the likely choice has the focus"
    );
    let k = key(&h);
    click(&mut h, "Continue with these seats");
    assert_eq!(step(&h), "details");
    assert_eq!(key(&h), k);
    let order = desk(&h).registration().order(&k).unwrap();
    let got: Vec<u32> = order.lines.iter().map(|l| l.reserved).collect();
    assert_eq!(got, vec![1, 1], "1 workshop seat, 1 general");
    assert_eq!(order.status.as_str(), "partially_reserved");
}

#[test]
fn after_a_short_reservation_change_quantities_edits_the_request() {
    let (_t, mut h) = short_reservation();
    let k = key(&h);
    let partial = |h: &Harness<'_, MainWindow>| matches!(&h.state().registration().step, Step::Seats(s) if s.is_partial());
    assert!(partial(&h), "quantities wait for the choice");
    click(&mut h, "Change quantities");
    assert!(!partial(&h));
    assert!(h.query_by_label("Continue with these seats").is_none());
    // The quantities show what was reserved; raise the party, reserve.
    set_quantity(&mut h, "Additional cocktail party", 2);
    click(&mut h, "Reserve");
    assert_eq!(step(&h), "details");
    let order = desk(&h).registration().order(&k).unwrap();
    let got: Vec<u32> = order.lines.iter().map(|l| l.reserved).collect();
    assert_eq!(got, vec![1, 1, 2]);
    assert_eq!(order.status.as_str(), "reservation_completed");
}
