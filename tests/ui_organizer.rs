//! The organizer workspace driven headless with egui_kittest: create a
//! conference through the form (a rejected slug, an end before the start),
//! open it with its code, add two seat types, publish, and see an order
//! placed through the app layer in the Orders and Attendees tabs, filtered.

mod common;
use common::ByName as _;

use common::{open_desk, start};
use confdesk::app::OrderKey;
use confdesk::ui::MainWindow;
use confdesk::ui::organizer::{OrganizerScreen, Tab};
use eframe::egui;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use std::sync::Arc;

fn harness(t: &common::TestDesk, desk: confdesk::app::Desk) -> Harness<'static, MainWindow> {
    let app = MainWindow::with_desk(desk, t.path.clone(), Arc::new(t.clock.clone()));
    Harness::builder()
        .with_size([1200.0, 800.0])
        .with_context_setup(confdesk::ui::fonts::install)
        .build_ui_state(|ui, app: &mut MainWindow| app.ui(ui), app)
}

fn type_into(h: &mut Harness<'_, MainWindow>, label: &str, text: &str) {
    let field = h.get_by_role_and_label(Role::TextInput, label);
    field.focus();
    field.type_text(text);
    h.run();
}

fn clear(h: &mut Harness<'_, MainWindow>, label: &str) {
    h.get_by_role_and_label(Role::TextInput, label).focus();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.key_press(egui::Key::Backspace);
    h.run();
}

#[test]
fn organizer_creates_opens_sets_up_and_sees_orders() {
    let mut t = open_desk();
    let desk = std::mem::replace(&mut t.desk, common::open_desk().desk);
    let mut h = harness(&t, desk);
    h.run();
    h.get_by_label("Create a conference…").click();
    h.run();

    type_into(&mut h, "Name", "Séoul CQRS 서밋");
    // The slug was suggested from the name; make it invalid on purpose.
    clear(&mut h, "Slug");
    type_into(&mut h, "Slug", "Bad Slug");
    type_into(&mut h, "Start (YYYY-MM-DD)", "2026-12-02");
    type_into(&mut h, "End (YYYY-MM-DD)", "2026-12-01");
    type_into(&mut h, "Owner name", "김민준");
    type_into(&mut h, "Owner e-mail", "mj@example.kr");
    assert!(
        h.query_by_label_contains("only a-z, 0-9 and '-'").is_some(),
        "slug rule shown"
    );
    assert!(
        h.query_by_label_contains("must be on or after the start date")
            .is_some(),
        "date rule shown"
    );
    assert!(
        h.get_by_label("Create").accesskit_node().is_disabled(),
        "Create is disabled while invalid"
    );

    clear(&mut h, "Slug");
    type_into(&mut h, "Slug", "seoul-cqrs");
    clear(&mut h, "End (YYYY-MM-DD)");
    type_into(&mut h, "End (YYYY-MM-DD)", "2026-12-03");
    assert!(h.query_by_label_contains("only a-z").is_none());
    // What the user typed survived the validation errors.
    h.get_by_label("Create").click();
    h.run();

    let OrganizerScreen::Created(created) = &h.state().organizer().screen else {
        panic!("not on the created screen")
    };
    let key = created.key.clone();
    let outbox = created.outbox.clone().expect("outbox mail written");
    assert!(
        std::fs::read_to_string(&outbox)
            .unwrap()
            .contains(&key.access_code)
    );
    assert!(
        h.query_by_label(&key.access_code).is_some(),
        "code shown large"
    );

    // Back home, a wrong code is refused neutrally, the right one opens.
    h.get_by_label("Open the conference").click();
    // The status bar gains the queued access-code mail: two frames more.
    h.run_steps(8);
    h.get_by_label("Close").click();
    h.run_steps(8);
    type_into(&mut h, "Owner e-mail", "mj@example.kr");
    type_into(&mut h, "Access code", "ZZZZZ");
    h.get_by_label("Open").click();
    h.run();
    assert!(
        h.query_by_label("No conference matches that e-mail and access code.")
            .is_some()
    );
    clear(&mut h, "Access code");
    type_into(&mut h, "Access code", &key.access_code.to_lowercase());
    h.get_by_label("Open").click();
    h.run();
    assert!(matches!(
        h.state().organizer().screen,
        OrganizerScreen::Conference(_)
    ));
    // It opens on the Dashboard.
    h.get_by_label("Seat types").click();
    h.run();

    // Two seat types, one with a bad quota first.
    for (name, quota, price) in [
        ("General", "-3", "199"),
        ("General", "100", "199"),
        ("Workshop", "4", "500.00"),
    ] {
        clear(&mut h, "Seat type name");
        type_into(&mut h, "Seat type name", name);
        clear(&mut h, "Quota");
        type_into(&mut h, "Quota", quota);
        clear(&mut h, "Price");
        type_into(&mut h, "Price", price);
        h.get_by_label("Add").click();
        h.run();
        if quota == "-3" {
            assert!(
                h.query_by_label_contains("must be between 0 and").is_some(),
                "quota rule shown"
            );
        }
    }
    h.get_by_label("Publish").click();
    h.run();
    h.get_by_label("Yes, publish").click();
    h.run();
    h.run();
    assert!(h.query_by_label("Published").is_some());
    let view = h
        .state()
        .desk()
        .unwrap()
        .registration()
        .published_conferences();
    assert_eq!(
        view[0]
            .seat_types
            .iter()
            .map(|s| s.name.as_str())
            .collect::<Vec<_>>(),
        ["General", "Workshop"]
    );

    // Orders placed through the app layer show up at once.
    let desk = h.state_mut().desk_mut().unwrap();
    let confdesk::app::OrderKey {
        order_id,
        access_code: code,
    } = desk
        .place_order_named("seoul-cqrs", &[("General".into(), 2)])
        .unwrap();
    let k = OrderKey {
        order_id,
        access_code: code.clone(),
    };
    desk.registration_mut()
        .assign_registrant(&k, "서연", "이", "sy@example.kr")
        .unwrap();
    desk.registration_mut().pay(&k, true).unwrap();
    desk.registration_mut()
        .assign_seat(&k, 0, "Zoë", "Ærø", "zoe@example.dk")
        .unwrap();
    desk.place_order_named("seoul-cqrs", &[("Workshop".into(), 1)])
        .unwrap();
    h.get_by_label("Orders").click();
    h.run();
    assert!(h.query_by_label(&code).is_some(), "order code listed");
    assert!(
        h.query_by_label("이 서연").is_some(),
        "Hangul registrant rendered"
    );
    let orders_len = |h: &Harness<'_, MainWindow>| match &h.state().organizer().screen {
        OrganizerScreen::Conference(c) => c.orders.rows.len(),
        _ => usize::MAX,
    };
    assert_eq!(orders_len(&h), 2);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::F);
    h.run();
    h.get_by_role_and_label(Role::TextInput, "Filter")
        .type_text("sy@");
    h.run();
    assert_eq!(orders_len(&h), 1, "filter narrows");

    h.get_by_label("Attendees").click();
    h.run();
    assert!(h.query_by_label("Zoë Ærø").is_some());
    assert!(
        h.query_by_label("unassigned").is_some(),
        "unassigned seat shown as such"
    );
    type_into(&mut h, "Filter", "zoe");
    let OrganizerScreen::Conference(c) = &h.state().organizer().screen else {
        panic!()
    };
    assert_eq!(c.tab, Tab::Attendees);
    assert_eq!(c.attendees.rows.len(), 1);
    let _ = start();
}

#[test]
fn desk_mode_hides_the_organizer_until_the_access_code_is_typed() {
    let mut t = open_desk();
    let mut desk = std::mem::replace(&mut t.desk, common::open_desk().desk);
    let key = common::journey_conference(&mut desk, "desk-mode", 10);
    let mut h = harness(&t, desk);
    h.state_mut().lock_kiosk(key.clone());
    h.run();
    assert_eq!(h.state().workspace(), confdesk::ui::Workspace::Registration);
    assert!(
        h.query_by_label("Organizer").is_none(),
        "no way back to the organizer"
    );
    assert!(
        h.query_by_label("File").is_none(),
        "no file menu at the desk"
    );
    h.get_by_label("Leave desk mode…").click();
    h.run();
    let field = h.get_by_role_and_label(Role::PasswordInput, "Access code");
    field.focus();
    field.type_text("WRONG");
    h.run();
    h.get_by_label("Unlock").click();
    h.run();
    assert!(h.query_by_label("That is not the access code.").is_some());
    assert!(h.state().kiosk_lock().is_some());
    let field = h.get_by_role_and_label(Role::PasswordInput, "Access code");
    field.focus();
    field.type_text(&key.access_code);
    h.run();
    h.get_by_label("Unlock").click();
    h.run();
    assert!(h.state().kiosk_lock().is_none());
    assert_eq!(h.state().workspace(), confdesk::ui::Workspace::Organizer);
}
