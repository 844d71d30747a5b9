//! Issue 16 item 10 (first half): when the wizard moves to a step, the
//! keyboard focus goes to the step's first field — or, when it has none,
//! its main button — once, on the step's first frame, so nobody tabs
//! through the menu bar first. Typed text arrives in the field without a
//! Tab. The payment step is the exception by design (issue 13.9: Enter
//! there must never pay): its heading takes the focus, so one Tab reaches
//! "Accept payment" and Enter does nothing.

mod common;

use chrono::Duration;
use common::{TestDesk, journey_conference, open_desk};
use confdesk::ui::MainWindow;
use confdesk::ui::i18n::Lang;
use confdesk::ui::registration::Step;
use eframe::egui;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

fn window() -> (TestDesk, Harness<'static, MainWindow>) {
    let mut t = open_desk();
    journey_conference(&mut t.desk, "cqrs-summit", 100);
    let mut h = common::window::window_on(&mut t, [1200.0, 800.0], Lang::En);
    click(&mut h, "Registration desk");
    (t, h)
}

fn click(h: &mut Harness<'_, MainWindow>, label: &str) {
    h.get_by_label(label).click();
    h.run();
}

fn press(h: &mut Harness<'_, MainWindow>, key: egui::Key) {
    h.key_press(key);
    h.run();
}

/// Types into whatever has the focus (no click, no Tab first).
fn type_here(h: &mut Harness<'_, MainWindow>, text: &str) {
    h.event(egui::Event::Text(text.into()));
    h.run();
}

fn field_text(h: &Harness<'_, MainWindow>, label: &str) -> String {
    h.get_by_role_and_label(Role::TextInput, label)
        .value()
        .unwrap_or_default()
}

fn focused_field(h: &Harness<'_, MainWindow>, label: &str) -> bool {
    h.get_by_role_and_label(Role::TextInput, label).is_focused()
}

fn is_step(h: &Harness<'_, MainWindow>, name: &str) -> bool {
    let s = &h.state().registration().step;
    matches!(
        (name, s),
        ("seats", Step::Seats(_))
            | ("details", Step::Details(_))
            | ("payment", Step::Payment(_))
            | ("confirmation", Step::Confirmation(_))
            | ("attendees", Step::Attendees(_))
            | ("find", Step::Find(_))
            | ("expired", Step::Expired(_))
            | ("conferences", Step::Conferences(_))
    )
}

fn to_details(h: &mut Harness<'_, MainWindow>) {
    click(h, "Choose seats: CQRS Summit");
    press(h, egui::Key::ArrowUp);
    click(h, "Reserve");
    assert!(is_step(h, "details"));
}

#[test]
fn the_conference_list_focuses_its_first_choose_seats() {
    let (_t, h) = window();
    assert!(h.get_by_label("Choose seats: CQRS Summit").is_focused());
}

#[test]
fn choosing_seats_focuses_the_first_quantity() {
    let (_t, mut h) = window();
    click(&mut h, "Choose seats: CQRS Summit");
    assert!(
        h.get_by_role_and_label(Role::SpinButton, "General admission")
            .is_focused()
    );
}

#[test]
fn from_seats_to_details_the_first_name_has_the_focus_and_takes_typing() {
    let (_t, mut h) = window();
    to_details(&mut h);
    assert!(focused_field(&h, "First name"));
    type_here(&mut h, "Ana");
    assert_eq!(field_text(&h, "First name"), "Ana");
    // Back to the seats and on again: the focus comes back each time.
    press(&mut h, egui::Key::Escape);
    assert!(is_step(&h, "seats"));
    click(&mut h, "Reserve");
    assert!(is_step(&h, "details"));
    assert!(focused_field(&h, "First name"));
}

#[test]
fn the_payment_page_is_one_tab_from_accept_and_later_steps_focus_their_first_control() {
    let (_t, mut h) = window();
    to_details(&mut h);
    type_here(&mut h, "Ana");
    for (label, text) in [("Last name", "Lima"), ("E-mail", "ana@example.com")] {
        let f = h.get_by_role_and_label(Role::TextInput, label);
        f.focus();
        f.type_text(text);
        h.run();
    }
    click(&mut h, "Continue to payment");
    assert!(is_step(&h, "payment"));
    press(&mut h, egui::Key::Tab);
    assert!(
        h.get_by_label("Accept payment").is_focused(),
        "one Tab reaches Accept"
    );
    press(&mut h, egui::Key::Enter);
    assert!(is_step(&h, "confirmation"));
    assert!(h.get_by_label("Assign attendees now").is_focused());
    press(&mut h, egui::Key::Enter);
    assert!(is_step(&h, "attendees"));
    assert!(focused_field(&h, "First name of seat 1"));
    type_here(&mut h, "Zoë");
    assert_eq!(field_text(&h, "First name of seat 1"), "Zoë");
}

#[test]
fn find_my_order_focuses_the_email() {
    let (_t, mut h) = window();
    click(&mut h, "Find my order…");
    assert!(is_step(&h, "find"));
    assert!(focused_field(&h, "E-mail"));
    type_here(&mut h, "ana@example.com");
    assert_eq!(field_text(&h, "E-mail"), "ana@example.com");
}

#[test]
fn the_expired_page_focuses_start_over() {
    let (t, mut h) = window();
    to_details(&mut h);
    t.clock.advance(Duration::minutes(16));
    h.run();
    h.run();
    assert!(is_step(&h, "expired"));
    assert!(h.get_by_label("Start over").is_focused());
    press(&mut h, egui::Key::Enter);
    assert!(is_step(&h, "conferences"));
}
