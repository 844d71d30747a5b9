//! The registration desk driven headless with egui_kittest on a fixed
//! ManualClock: the CQRS Journey group order end to end (total 1197.00, six
//! attendees), a partial reservation adjusted on the same order, expiry
//! while typing the details, a rejected then accepted payment, and "find my
//! order" with a wrong and a right code. Fields are found by their labels.

mod common;
use common::ByName as _;

use chrono::Duration;
use common::{TestDesk, journey_conference, open_desk};
use confdesk::app::projections::OrderStatusView;
use confdesk::app::{Desk, OrderKey};
use confdesk::ui::i18n::Lang;
use confdesk::ui::registration::{COULD_NOT_RESERVE_ALL, Step};
use confdesk::ui::{MainWindow, Workspace};
use eframe::egui;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

/// A window on `t`'s desk (the conference is set up on the desk first).
fn harness(t: &mut TestDesk) -> Harness<'static, MainWindow> {
    common::window::window_on(t, [1200.0, 800.0], Lang::En)
}

/// A journey conference, a window on it, and the Registration desk tab open.
fn desk_window(slug: &str) -> (TestDesk, Harness<'static, MainWindow>) {
    let mut t = open_desk();
    journey_conference(&mut t.desk, slug, 100);
    let mut h = harness(&mut t);
    h.get_by_label("Registration desk").click();
    h.run();
    assert_eq!(h.state().workspace(), Workspace::Registration);
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

/// Tabs into nothing: the spinner is focused and raised with the arrow key.
fn set_quantity(h: &mut Harness<'_, MainWindow>, seat_type: &str, n: u32) {
    h.get_by_role_and_label(Role::SpinButton, seat_type).focus();
    h.run();
    for _ in 0..n {
        h.key_press(egui::Key::ArrowUp);
        h.run();
    }
}

fn quantity(h: &Harness<'_, MainWindow>, seat_type: &str) -> u32 {
    let Step::Seats(s) = &h.state().registration().step else {
        panic!("not on the seats step")
    };
    let c = &desk(h).registration().published_conferences()[0];
    let id = c
        .seat_types
        .iter()
        .find(|s| s.name == seat_type)
        .expect("seat type")
        .id;
    s.quantity(id)
}

/// From the conference list to the details step with `lines` reserved.
fn reserve(h: &mut Harness<'_, MainWindow>, lines: &[(&str, u32)]) {
    click(h, "Choose seats: CQRS Summit");
    for (name, n) in lines {
        set_quantity(h, name, *n);
    }
    click(h, "Reserve");
}

fn fill_registrant(h: &mut Harness<'_, MainWindow>, first: &str, last: &str, email: &str) {
    type_into(h, "First name", first);
    type_into(h, "Last name", last);
    type_into(h, "E-mail", email);
}

#[test]
fn journey_group_order_totals_1197_pays_and_assigns_six_attendees() {
    let (t, mut h) = desk_window("cqrs-summit");
    // An unpublished conference never shows.
    let mut hidden = common::conference_input("hidden-conf");
    hidden.name = "Hidden Conf".into();
    h.state_mut()
        .desk_mut()
        .unwrap()
        .organizer_mut()
        .create_conference(hidden)
        .unwrap();
    h.run();
    assert!(h.query_by_label_contains("Hidden Conf").is_none());
    assert!(h.query_by_label("4 left").is_some(), "seats left per type");

    click(&mut h, "Choose seats: CQRS Summit");
    set_quantity(&mut h, "General admission", 3);
    set_quantity(&mut h, "CQRS Workshop", 1);
    set_quantity(&mut h, "Additional cocktail party", 2);
    assert!(
        h.query_by_label("Total: $1,197.00").is_some(),
        "running total"
    );
    click(&mut h, "Reserve");
    assert_eq!(step(&h), "details");
    assert!(
        h.query_by_label("Seats held for 15:00").is_some(),
        "countdown shown"
    );
    t.clock.advance(Duration::seconds(61));
    h.run();
    assert!(
        h.query_by_label("Seats held for 13:59").is_some(),
        "countdown follows the clock"
    );

    // Validated as typed; Tab moves through the form; Enter submits.
    type_into(&mut h, "E-mail", "not-an-email");
    assert!(
        h.query_by_label("must look like name@example.com")
            .is_some()
    );
    h.get_by_role_and_label(Role::TextInput, "E-mail").focus();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.key_press(egui::Key::Backspace);
    h.run();
    type_into(&mut h, "First name", "민준");
    h.key_press(egui::Key::Tab);
    h.run();
    assert!(
        h.get_by_role_and_label(Role::TextInput, "Last name")
            .is_focused(),
        "Tab goes to the next field"
    );
    type_into(&mut h, "Last name", "김");
    type_into(&mut h, "E-mail", "mj@example.kr");
    h.key_press(egui::Key::Enter);
    h.run();
    assert_eq!(step(&h), "payment");
    assert!(
        h.query_by_label("김 민준 · mj@example.kr").is_some(),
        "Hangul registrant rendered"
    );
    assert!(
        h.query_by_label("Total: $1,197.00").is_some(),
        "the order's own total"
    );

    click(&mut h, "Accept payment");
    assert_eq!(step(&h), "confirmation");
    let k = key(&h);
    assert_eq!(k.access_code.len(), 6);
    assert!(
        h.query_by_label(&k.access_code).is_some(),
        "order code shown"
    );
    assert!(
        h.query_by_label("QR code of the order").is_some(),
        "QR code drawn beside it"
    );
    assert!(h.query_by_label("Save QR as PNG…").is_some());

    click(&mut h, "Assign attendees now");
    assert_eq!(step(&h), "attendees");
    for seat in 1..=6 {
        type_into(&mut h, &format!("First name of seat {seat}"), "Attendee");
        type_into(
            &mut h,
            &format!("Last name of seat {seat}"),
            &format!("N{seat}"),
        );
        type_into(
            &mut h,
            &format!("E-mail of seat {seat}"),
            &format!("a{seat}@example.com"),
        );
    }
    click(&mut h, "Save all");
    assert!(h.query_by_label("Saved 6 seats.").is_some());

    let order = desk(&h).registration().order(&k).unwrap();
    assert_eq!(order.status, OrderStatusView::Confirmed);
    assert_eq!(order.total.unwrap().amount_string(), "1197.00");
    assert_eq!(order.positions.len(), 6);
    assert!(
        order.positions.iter().all(|p| p.attendee.is_some()),
        "six assigned positions"
    );

    click(&mut h, "Start over");
    assert_eq!(step(&h), "conferences");
    assert!(
        h.state().registration().order_key().is_none(),
        "the wizard forgot the order"
    );
}

#[test]
fn nothing_chosen_then_a_partial_reservation_is_adjusted_on_the_same_order() {
    let (_t, mut h) = desk_window("cqrs-summit");
    click(&mut h, "Choose seats: CQRS Summit");
    click(&mut h, "Reserve");
    assert!(
        h.query_by_label("seats: One or more items are required")
            .is_some()
    );
    assert_eq!(step(&h), "seats");

    set_quantity(&mut h, "CQRS Workshop", 6);
    assert_eq!(
        quantity(&h, "CQRS Workshop"),
        6,
        "the spinner allows asking for more than are left"
    );
    click(&mut h, "Reserve");
    assert_eq!(step(&h), "seats");
    assert!(
        h.query_by_label(COULD_NOT_RESERVE_ALL).is_some(),
        "short line says so"
    );
    assert_eq!(
        quantity(&h, "CQRS Workshop"),
        4,
        "quantity set to what was reserved"
    );
    assert_eq!(
        h.get_by_role_and_label(Role::SpinButton, "CQRS Workshop")
            .value()
            .as_deref(),
        Some("4")
    );
    assert!(
        h.query_by_label("Seats held for 15:00").is_some(),
        "countdown from the first reservation"
    );
    let first = key(&h);

    click(&mut h, "Change quantities");
    set_quantity(&mut h, "Additional cocktail party", 1);
    click(&mut h, "Reserve");
    assert_eq!(step(&h), "details");
    assert_eq!(key(&h), first, "the same order was updated");
    let d = desk(&h);
    let conference = d.registration().published_conferences()[0].id;
    assert_eq!(
        d.read_models().orders.for_conference(conference).len(),
        1,
        "no second order"
    );
    let order = d.registration().order(&first).unwrap();
    assert_eq!(order.status, OrderStatusView::ReservationCompleted);
    assert_eq!(order.total.unwrap().amount_string(), "2050.00");

    // Esc goes back to the seats of the same order, with what it holds.
    h.key_press(egui::Key::Escape);
    h.run();
    assert_eq!(step(&h), "seats");
    assert_eq!(quantity(&h, "CQRS Workshop"), 4);
    assert!(h.query_by_label(COULD_NOT_RESERVE_ALL).is_none());
}

#[test]
fn the_reservation_expires_on_the_details_page_and_the_seats_come_back() {
    let (t, mut h) = desk_window("cqrs-summit");
    reserve(&mut h, &[("General admission", 2)]);
    assert_eq!(step(&h), "details");
    let general = |h: &Harness<'_, MainWindow>| {
        desk(h).registration().published_conferences()[0].seat_types[0].left
    };
    assert_eq!(general(&h), 98);
    type_into(&mut h, "First name", "Ana");

    t.clock.advance(Duration::minutes(16));
    h.run();
    assert_eq!(step(&h), "expired");
    assert!(h.query_by_label("Order expired").is_some());
    assert_eq!(general(&h), 100, "seats back on sale");

    click(&mut h, "Start over");
    assert_eq!(step(&h), "conferences");
    click(&mut h, "Choose seats: CQRS Summit");
    assert_eq!(quantity(&h, "General admission"), 0, "fields cleared");
}

#[test]
fn a_rejected_payment_comes_back_to_the_choice_then_is_accepted() {
    let (_t, mut h) = desk_window("cqrs-summit");
    reserve(&mut h, &[("CQRS Workshop", 1)]);
    fill_registrant(&mut h, "Zoë", "Ærø", "zoe@example.dk");
    click(&mut h, "Continue to payment");
    assert_eq!(step(&h), "payment");
    click(&mut h, "Reject payment");
    assert_eq!(step(&h), "payment");
    assert!(
        h.query_by_label_contains("The payment was rejected")
            .is_some()
    );
    let k = key(&h);
    assert!(
        desk(&h).registration().order(&k).unwrap().status.is_open(),
        "still reserved"
    );

    click(&mut h, "Accept payment");
    assert_eq!(step(&h), "confirmation");
    let order = desk(&h).registration().order(&k).unwrap();
    assert_eq!(order.status, OrderStatusView::Confirmed);
    assert_eq!(order.payments.len(), 2);
}

#[test]
fn find_my_order_refuses_a_wrong_code_neutrally_and_reopens_at_the_right_step() {
    let mut t = open_desk();
    journey_conference(&mut t.desk, "cqrs-summit", 100);
    let seats = |n: &str| vec![(n.to_string(), 1_i64)];
    let place = |d: &mut Desk, email: &str| {
        let confdesk::app::OrderKey {
            order_id,
            access_code,
        } = d
            .place_order_named("cqrs-summit", &seats("General admission"))
            .unwrap();
        let k = OrderKey {
            order_id,
            access_code,
        };
        d.registration_mut()
            .assign_registrant(&k, "서연", "이", email)
            .unwrap();
        k
    };
    let paid = place(&mut t.desk, "paid@example.com");
    t.desk.registration_mut().pay(&paid, true).unwrap();
    t.desk
        .registration_mut()
        .assign_seat(&paid, 0, "서연", "이", "sy@example.kr")
        .unwrap();
    let reserved = place(&mut t.desk, "reserved@example.com");
    let mut h = harness(&mut t);
    click(&mut h, "Registration desk");

    click(&mut h, "Find my order…");
    assert_eq!(step(&h), "find");
    type_into(&mut h, "E-mail", "paid@example.com");
    let wrong = if paid.access_code == "AAAAAA" {
        "BBBBBB"
    } else {
        "AAAAAA"
    };
    type_into(&mut h, "Order code", wrong);
    click(&mut h, "Find");
    assert_eq!(step(&h), "find");
    assert!(
        h.query_by_label("No order matches that e-mail and order code.")
            .is_some()
    );

    // The right code with another order's e-mail gets the same answer.
    h.get_by_role_and_label(Role::TextInput, "Order code")
        .focus();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.key_press(egui::Key::Backspace);
    h.run();
    type_into(&mut h, "Order code", &reserved.access_code);
    click(&mut h, "Find");
    assert!(
        h.query_by_label("No order matches that e-mail and order code.")
            .is_some()
    );

    // Paid: straight to its attendees, already named ones filled in.
    let mut h = find(h, "paid@example.com", &paid.access_code.to_lowercase());
    assert_eq!(step(&h), "attendees");
    assert_eq!(key(&h), paid);
    assert_eq!(
        h.get_by_role_and_label(Role::TextInput, "E-mail of seat 1")
            .value()
            .as_deref(),
        Some("sy@example.kr")
    );
    click(&mut h, "Start over");

    // Reserved, registrant known: the payment, with the countdown.
    let mut h = find(h, "reserved@example.com", &reserved.access_code);
    assert_eq!(step(&h), "payment");
    assert!(h.query_by_label("Seats held for 15:00").is_some());
    // An Esc that closes a menu closes only the menu.
    click(&mut h, "View");
    assert!(
        h.query_by_label("English").is_some(),
        "the View menu is open"
    );
    h.key_press(egui::Key::Escape);
    h.run();
    assert!(h.query_by_label("English").is_none(), "the menu closed");
    assert_eq!(step(&h), "payment", "and the wizard stayed");
    h.key_press(egui::Key::Escape);
    h.run();
    assert_eq!(step(&h), "details", "Esc goes back one step");
    assert_eq!(
        h.get_by_role_and_label(Role::TextInput, "E-mail")
            .value()
            .as_deref(),
        Some("reserved@example.com")
    );

    // Once expired, it is seen as expired.
    t.clock.advance(Duration::minutes(16));
    h.run();
    assert_eq!(step(&h), "expired");
    click(&mut h, "Start over");
    let h = find(h, "reserved@example.com", &reserved.access_code);
    assert_eq!(step(&h), "expired");
}

/// Opens "Find my order" from the conference list and submits with Enter.
fn find(
    mut h: Harness<'static, MainWindow>,
    email: &str,
    code: &str,
) -> Harness<'static, MainWindow> {
    if step(&h) != "find" {
        click(&mut h, "Find my order…");
    }
    for (label, text) in [("E-mail", email), ("Order code", code)] {
        h.get_by_role_and_label(Role::TextInput, label).focus();
        h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
        h.key_press(egui::Key::Backspace);
        h.run();
        type_into(&mut h, label, text);
    }
    h.key_press(egui::Key::Enter);
    h.run();
    h
}

#[test]
fn find_my_order_says_when_an_email_is_locked_after_five_wrong_codes() {
    let mut t = open_desk();
    journey_conference(&mut t.desk, "cqrs-summit", 100);
    let confdesk::app::OrderKey {
        order_id,
        access_code,
    } = t
        .desk
        .place_order_named("cqrs-summit", &[("General admission".to_string(), 1)])
        .unwrap();
    let order = OrderKey {
        order_id,
        access_code,
    };
    t.desk
        .registration_mut()
        .assign_registrant(&order, "Ana", "Lima", "ana@example.com")
        .unwrap();
    let wrong = if order.access_code == "AAAAAA" {
        "BBBBBB"
    } else {
        "AAAAAA"
    };
    let mut h = harness(&mut t);
    click(&mut h, "Registration desk");
    for _ in 0..4 {
        h = find(h, "ana@example.com", wrong);
        assert!(
            h.query_by_label("No order matches that e-mail and order code.")
                .is_some()
        );
    }
    // The fifth miss locks; then even the right code is refused, saying why.
    for code in [wrong, order.access_code.as_str()] {
        h = find(h, "ana@example.com", code);
        assert_eq!(step(&h), "find");
        assert!(
            h.query_by_label_contains("Too many wrong order codes for this e-mail.")
                .is_some()
        );
    }
}

/// Issue 13.9: typing the registrant's details and pressing Enter twice once
/// confirmed an order as paid, the payment page skipped. Enter submits the
/// details; on the payment page nothing is focused, and Enter there must not
/// accept a payment nobody took.
#[test]
fn enter_twice_after_the_details_never_records_a_payment() {
    let (_t, mut h) = desk_window("cqrs-summit");
    reserve(&mut h, &[("CQRS Workshop", 1)]);
    fill_registrant(&mut h, "Zoë", "Ærø", "zoe@example.dk");
    h.key_press(egui::Key::Enter);
    h.run();
    assert_eq!(
        step(&h),
        "payment",
        "Enter in the last field submits the details"
    );
    for _ in 0..3 {
        h.key_press(egui::Key::Enter);
        h.run();
    }
    assert_eq!(step(&h), "payment");
    let k = key(&h);
    let order = desk(&h).registration().order(&k).unwrap();
    assert_eq!(order.status, OrderStatusView::ReservationCompleted);
    assert!(order.payments.is_empty(), "{:?}", order.payments);

    // A deliberate act still pays: Enter on the focused button is its click.
    h.get_by_label("Accept payment").focus();
    h.run();
    h.key_press(egui::Key::Enter);
    h.run();
    assert_eq!(step(&h), "confirmation");
    assert_eq!(
        desk(&h).registration().order(&k).unwrap().status,
        OrderStatusView::Confirmed
    );
}
