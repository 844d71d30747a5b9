//! The Seat types tab and the publication line (issue 16, items 11 and 12)
//! driven headless with egui_kittest and a fixed clock: every rule of the
//! add row shows at once under its field as it is typed; a quota below what
//! is sold shows under the row being edited, not under "Add a seat type";
//! Remove asks first (Escape is No) and is offered only for a seat type
//! nobody holds; Publish and Unpublish ask Yes or No, No focused first.

mod common;
use common::ByName as _;

use common::window::window_on;
use common::{journey_conference, open_desk};
use confdesk::app::{Desk, OrderKey, OrganizerKey};
use confdesk::ui::MainWindow;
use confdesk::ui::i18n::Lang;
use eframe::egui;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};

fn replace_text(h: &mut Harness<'_, MainWindow>, label: &str, text: &str) {
    h.get_by_role_and_label(Role::TextInput, label).focus();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.key_press(egui::Key::Backspace);
    h.run();
    h.get_by_role_and_label(Role::TextInput, label)
        .type_text(text);
    h.run();
}

/// A paid order of one seat of `seat`.
fn sell(desk: &mut Desk, seat: &str) {
    let OrderKey {
        order_id,
        access_code,
    } = desk
        .place_order_named("seats", &[(seat.into(), 1)])
        .unwrap();
    let k = OrderKey {
        order_id,
        access_code,
    };
    desk.registration_mut()
        .assign_registrant(&k, "Ana", "Lima", "ana@example.org")
        .unwrap();
    desk.registration_mut().pay(&k, true).unwrap();
}

/// The window on the Seat types tab of a published conference with one
/// General admission seat sold (`published`: left published or not).
fn seat_types_tab(published: bool) -> (common::TestDesk, Harness<'static, MainWindow>) {
    let mut t = open_desk();
    let key: OrganizerKey = journey_conference(&mut t.desk, "seats", 10);
    sell(&mut t.desk, "General admission");
    if !published {
        let access = t.desk.authorize_organizer(&key).unwrap();
        t.desk
            .organizer_mut()
            .set_published(&access, false)
            .unwrap();
    }
    let mut h = window_on(&mut t, [1280.0, 800.0], Lang::En);
    replace_text(&mut h, "Owner e-mail", &key.email);
    replace_text(&mut h, "Access code", &key.access_code);
    h.get_by_label("Open").click();
    h.run();
    h.get_by_label("Seat types").click();
    h.run();
    (t, h)
}

fn seat_names(h: &Harness<'_, MainWindow>) -> Vec<String> {
    let desk = h.state().desk().unwrap();
    let view = desk.read_models().conferences.by_slug("seats").unwrap();
    view.seat_types.iter().map(|s| s.name.clone()).collect()
}

#[test]
fn every_rule_of_the_add_row_shows_at_once_under_its_field() {
    let (_t, mut h) = seat_types_tab(true);
    replace_text(&mut h, "Seat type name", "general admission");
    replace_text(&mut h, "Quota", "many");
    replace_text(&mut h, "Price", "1.001");
    // Nothing pressed: the three rules are there together.
    for rule in [
        "'general admission' is already a seat type of this conference",
        "a whole number, 0 or more",
        "'1.001' is not an amount in USD: use digits with at most 2 decimals, e.g. 199.00",
    ] {
        assert!(h.query_by_label(rule).is_some(), "{rule} shown");
    }
    // Each under its own field.
    let quota = h.get_by_role_and_label(Role::TextInput, "Quota").rect();
    let rule = h.get_by_label("a whole number, 0 or more").rect();
    assert!(rule.top() >= quota.bottom() && rule.left() < quota.right());
    // Add sends nothing while a rule is broken.
    h.get_by_label("Add").click();
    h.run();
    assert_eq!(seat_names(&h).len(), 3);
    // No field-name prefix ("quota: …") anywhere.
    assert!(h.query_by_label_contains("quota:").is_none());
}

#[test]
fn a_quota_below_what_is_sold_shows_under_the_row_being_edited() {
    let (_t, mut h) = seat_types_tab(true);
    h.get_all_by_label("Edit").next().unwrap().click();
    h.run();
    let quota = h
        .get_all_by_role(Role::TextInput)
        .find(|n| n.value().as_deref() == Some("10"))
        .expect("the edited row's quota");
    quota.focus();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.key_press(egui::Key::Backspace);
    h.run();
    h.get_all_by_role(Role::TextInput)
        .find(|n| n.is_focused())
        .unwrap()
        .type_text("0");
    h.run();
    let rule = "cannot be lower than 1: 0 seats are reserved and 1 sold";
    let shown = h.get_by_label(rule).rect();
    let add = h.get_by_label("Add a seat type").rect();
    assert!(shown.bottom() <= add.top(), "in the row, above the add row");
    // Save is refused in the row; nothing changes.
    h.get_by_label("Save").click();
    h.run();
    h.run();
    let desk = h.state().desk().unwrap();
    let view = desk.read_models().conferences.by_slug("seats").unwrap();
    assert_eq!(view.seat_types[0].quota, 10);
}

#[test]
fn remove_asks_first_and_is_offered_only_for_a_seat_type_nobody_holds() {
    let (_t, mut h) = seat_types_tab(true);
    let removes: Vec<bool> = h
        .get_all_by_label("Remove")
        .map(|n| n.accesskit_node().is_disabled())
        .collect();
    // General admission has a seat sold; the others have none.
    assert_eq!(removes, [true, false, false]);
    h.get_all_by_label("Remove").nth(1).unwrap().click();
    h.run();
    assert!(
        h.query_by_label("Remove the seat type “CQRS Workshop”?")
            .is_some()
    );
    assert!(h.get_by_label("No").is_focused(), "No is focused first");
    h.key_press(egui::Key::Escape);
    h.run();
    assert!(h.query_by_label_contains("Remove the seat type").is_none());
    assert_eq!(seat_names(&h).len(), 3, "Escape is No");
    h.get_all_by_label("Remove").nth(1).unwrap().click();
    h.run();
    h.get_by_label("Yes, remove").click();
    h.run();
    h.run();
    assert_eq!(
        seat_names(&h),
        ["General admission", "Additional cocktail party"]
    );
    assert!(h.query_by_label("CQRS Workshop").is_none(), "row gone");
}

#[test]
fn publish_and_unpublish_ask_yes_or_no_first() {
    let (_t, mut h) = seat_types_tab(false);
    let published = |h: &Harness<'_, MainWindow>| {
        let desk = h.state().desk().unwrap();
        desk.read_models()
            .conferences
            .by_slug("seats")
            .unwrap()
            .published
    };
    assert!(h.query_by_label("Not published").is_some());
    h.get_by_label("Publish").click();
    h.run();
    assert!(
        h.query_by_label("Publish CQRS Summit? Registrants can order seats at once.")
            .is_some()
    );
    // No is focused: Enter answers No.
    assert!(h.get_by_label("No").is_focused());
    h.key_press(egui::Key::Enter);
    h.run();
    h.run();
    assert!(!published(&h));
    h.get_by_label("Publish").click();
    h.run();
    h.get_by_label("Yes, publish").click();
    h.run();
    h.run();
    assert!(published(&h));
    assert!(h.query_by_label("Published").is_some());
    h.get_by_label("Unpublish").click();
    h.run();
    assert!(
        h.query_by_label("Unpublish CQRS Summit? No new orders; existing orders stay.")
            .is_some()
    );
    h.key_press(egui::Key::Escape);
    h.run();
    h.run();
    assert!(published(&h), "Escape is No");
}
