//! The Dashboard tab and the "As of…" past view, driven headless with
//! egui_kittest on a small conference with a fixed clock.

mod common;
use common::ByName as _;

use chrono::{DateTime, Duration, Local, Utc};
use common::{journey_conference, open_desk};
use confdesk::app::{Desk, OrderKey, OrganizerKey};
use confdesk::ui::MainWindow;
use confdesk::ui::organizer::{ConferenceScreen, OrganizerScreen, Tab};
use eframe::egui;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use std::sync::Arc;

fn harness(t: &common::TestDesk, desk: Desk) -> Harness<'static, MainWindow> {
    let app = MainWindow::with_desk(desk, t.path.clone(), Arc::new(t.clock.clone()));
    Harness::builder()
        .with_size([1400.0, 900.0])
        .with_context_setup(confdesk::ui::fonts::install)
        .build_ui_state(|ui, app: &mut MainWindow| app.ui(ui), app)
}

fn replace_text(h: &mut Harness<'_, MainWindow>, label: &str, text: &str) {
    h.get_by_role_and_label(Role::TextInput, label).focus();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.key_press(egui::Key::Backspace);
    h.run();
    h.get_by_role_and_label(Role::TextInput, label)
        .type_text(text);
    h.run();
}

/// Places and (if `pay`) pays an order.
fn order(desk: &mut Desk, seat: &str, qty: i64, pay: bool) {
    let confdesk::app::OrderKey {
        order_id,
        access_code,
    } = desk
        .place_order_named("dash", &[(seat.into(), qty)])
        .unwrap();
    let k = OrderKey {
        order_id,
        access_code,
    };
    desk.registration_mut()
        .assign_registrant(&k, "서연", "이", "sy@example.kr")
        .unwrap();
    if pay {
        desk.registration_mut().pay(&k, true).unwrap();
    }
}

fn open_conference(h: &mut Harness<'_, MainWindow>, key: &OrganizerKey) {
    replace_text(h, "Owner e-mail", &key.email);
    replace_text(h, "Access code", &key.access_code);
    h.get_by_label("Open").click();
    h.run();
}

fn screen<'h>(h: &'h Harness<'_, MainWindow>) -> &'h ConferenceScreen {
    match &h.state().organizer().screen {
        OrganizerScreen::Conference(c) => c,
        _ => panic!("not on the conference screen"),
    }
}

#[test]
fn the_dashboard_shows_the_numbers_of_a_small_conference() {
    let mut t = open_desk();
    let mut desk = std::mem::replace(&mut t.desk, open_desk().desk);
    let key = journey_conference(&mut desk, "dash", 10);
    order(&mut desk, "General admission", 2, true); // 398.00
    order(&mut desk, "CQRS Workshop", 1, true); // 500.00
    order(&mut desk, "General admission", 1, false); // reserved only
    let mut h = harness(&t, desk);
    h.run();
    open_conference(&mut h, &key);
    assert_eq!(screen(&h).tab, Tab::Dashboard, "the first tab opens first");
    for (label, value) in [
        ("Revenue to date", "$898.00"),
        ("Confirmed orders", "2"),
        ("Seats sold", "3"),
        ("Seats left", "110"),
        ("Checked in", "0"),
        ("No-shows so far", "not started"),
    ] {
        assert!(h.query_by_label(label).is_some(), "{label} shown");
        assert!(h.query_by_label(value).is_some(), "{label}: {value} shown");
    }
    assert!(h.query_by_label("Seats per seat type").is_some());
    assert!(h.query_by_label("Orders per day").is_some());

    // On the first day, every sold seat not checked in is a no-show; the
    // unpaid reservation has expired and its seat is free again.
    t.clock.set("2026-12-01T10:00:00Z".parse().unwrap());
    h.run();
    assert!(h.query_by_label("111").is_some(), "seats left after expiry");
    let read = h.state().desk().unwrap().read_models();
    let d = read.dashboard.get(screen(&h).id).unwrap();
    assert_eq!(d.figures(t.clock_now()).no_shows, Some(3));
}

trait ClockNow {
    fn clock_now(&self) -> DateTime<Utc>;
}

impl ClockNow for common::TestDesk {
    fn clock_now(&self) -> DateTime<Utc> {
        use confdesk::app::Clock as _;
        self.clock.now()
    }
}

#[test]
fn as_of_shows_the_past_read_only_and_back_to_now_returns() {
    let mut t = open_desk();
    let mut desk = std::mem::replace(&mut t.desk, open_desk().desk);
    let key = journey_conference(&mut desk, "dash", 10);
    order(&mut desk, "General admission", 2, true);
    let between = t.clock_now() + Duration::minutes(30);
    t.clock.advance(Duration::hours(1));
    order(&mut desk, "CQRS Workshop", 1, true);
    let mut h = harness(&t, desk);
    h.run();
    open_conference(&mut h, &key);
    assert!(h.query_by_label("$898.00").is_some());

    let local = between.with_timezone(&Local);
    replace_text(&mut h, "As of…", &local.format("%Y-%m-%d").to_string());
    replace_text(&mut h, "Time (local)", &local.format("%H:%M").to_string());
    h.get_by_role_and_label(Role::TextInput, "Time (local)")
        .focus();
    h.run();
    h.key_press(egui::Key::Enter);
    h.run();
    for _ in 0..500 {
        if screen(&h).as_of.past().is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
        h.step();
    }
    h.run();
    let past = screen(&h).as_of.past().expect("the past view arrived");
    assert_eq!(past.instant, between.with_timezone(&Utc));
    assert!(
        h.query_by_label_contains("Past view: as of").is_some(),
        "banner shown"
    );
    assert!(h.query_by_label("$398.00").is_some(), "past revenue");
    assert!(h.query_by_label("$898.00").is_none());
    assert!(h.get_by_label("Unpublish").accesskit_node().is_disabled());

    h.get_by_label("Orders").click();
    h.run();
    assert_eq!(screen(&h).orders.rows.len(), 1, "one order then");
    h.get_by_label("Seat types").click();
    h.run();
    for edit in h.get_all_by_label("Edit") {
        assert!(edit.accesskit_node().is_disabled(), "editing disabled");
    }
    assert!(h.get_by_label("Add").accesskit_node().is_disabled());

    h.get_by_label("Back to now").click();
    h.run();
    assert!(screen(&h).as_of.past().is_none());
    assert!(h.query_by_label_contains("Past view: as of").is_none());
    h.get_by_label("Orders").click();
    h.run();
    assert_eq!(screen(&h).orders.rows.len(), 2, "both orders now");
}

#[test]
fn clicking_an_order_shows_its_history_beside_the_table() {
    let mut t = open_desk();
    let mut desk = std::mem::replace(&mut t.desk, open_desk().desk);
    let key = journey_conference(&mut desk, "dash", 10);
    order(&mut desk, "General admission", 2, true);
    let code = desk
        .read_models()
        .orders
        .for_conference(desk.read_models().conferences.by_slug("dash").unwrap().id)[0]
        .access_code
        .clone();
    let mut h = harness(&t, desk);
    h.run();
    open_conference(&mut h, &key);
    h.get_by_label("Orders").click();
    h.run();
    assert!(h.query_by_label("Order history").is_none());
    h.get_by_label(&code).click();
    h.run();
    assert!(screen(&h).orders.selected.is_some(), "row selected");
    assert!(h.query_by_label("Order history").is_some());
    assert!(
        h.query_by_label("Order placed: General admission 2")
            .is_some()
    );
    assert!(h.query_by_label("Order confirmed").is_some());
    h.get_by_label("Close history").click();
    h.run();
    assert!(h.query_by_label("Order history").is_none());
    assert!(screen(&h).orders.selected.is_none());
    // The arrow keys select too, when no field has focus.
    h.key_press(egui::Key::ArrowDown);
    h.run();
    assert!(h.query_by_label("Order confirmed").is_some());
}
