//! Issue 14.1 in the window (egui_kittest): read models hold no words, so
//! a search for the Korean word for "unassigned" finds an unassigned seat
//! in the Korean window, and statuses are words, not machine names.

mod common;

use common::{ByName as _, journey_conference, open_desk};
use confdesk::app::{Desk, OrderKey, OrganizerKey};
use confdesk::ui::checkin::{CheckInScreen, Listing};
use confdesk::ui::i18n::Lang;
use confdesk::ui::{MainWindow, Workspace};
use eframe::egui;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

const SLUG: &str = "door-summit";

/// A paid order of two General admission seats, seat 1 named, seat 2 not.
fn paid_order(desk: &mut Desk) -> OrderKey {
    let key = desk
        .place_order_named(SLUG, &[("General admission".to_string(), 2)])
        .unwrap();
    desk.registration_mut()
        .assign_registrant(&key, "Ana", "Lima", "ana.lima@example.com")
        .unwrap();
    desk.registration_mut().pay(&key, true).unwrap();
    desk.registration_mut()
        .assign_seat(&key, 0, "Ji-woo", "Kim", "jw@example.kr")
        .unwrap();
    key
}

fn window(t: &mut common::TestDesk, lang: Lang) -> Harness<'static, MainWindow> {
    common::window::window_on(t, [1280.0, 800.0], lang)
}

fn type_into(h: &mut Harness<'_, MainWindow>, label: &str, text: &str) {
    let field = h.get_by_role_and_label(Role::TextInput, label);
    field.focus();
    field.type_text(text);
    h.run();
}

/// The door in the Korean window, opened with `org`.
fn korean_door(t: &mut common::TestDesk, org: &OrganizerKey) -> Harness<'static, MainWindow> {
    let mut h = window(t, Lang::Ko);
    h.get_by_label("체크인").click();
    h.run();
    assert_eq!(h.state().workspace(), Workspace::CheckIn);
    type_into(&mut h, "소유자 이메일", &org.email);
    type_into(&mut h, "액세스 코드", &org.access_code);
    h.get_by_label("체크인 시작").click();
    h.run();
    h
}

fn search_total(h: &Harness<'_, MainWindow>) -> Option<usize> {
    match &h.state().checkin().screen {
        CheckInScreen::Door(d) => match &d.listing {
            Listing::Search(_, found) => Some(found.total),
            _ => None,
        },
        CheckInScreen::Open(_) => None,
    }
}

#[test]
fn the_korean_door_finds_an_unassigned_seat_by_its_korean_word() {
    let mut t = open_desk();
    let org = journey_conference(&mut t.desk, SLUG, 100);
    paid_order(&mut t.desk);
    let mut h = korean_door(&mut t, &org);
    type_into(&mut h, "주문 코드 또는 이름/이메일", "미지정");
    assert_eq!(
        search_total(&h),
        Some(1),
        "미지정 finds the unassigned seat"
    );
}

/// The door in the English window, opened with `org`.
fn english_door(t: &mut common::TestDesk, org: &OrganizerKey) -> Harness<'static, MainWindow> {
    let mut h = window(t, Lang::En);
    h.get_by_label("Check-in").click();
    h.run();
    type_into(&mut h, "Owner e-mail", &org.email);
    type_into(&mut h, "Access code", &org.access_code);
    h.get_by_label("Open the door").click();
    h.run();
    h
}

#[test]
fn the_door_counts_one_confirmed_seat_in_the_singular() {
    let mut t = open_desk();
    let org = journey_conference(&mut t.desk, SLUG, 100);
    let key = t
        .desk
        .place_order_named(SLUG, &[("CQRS Workshop".to_string(), 1)])
        .unwrap();
    t.desk
        .registration_mut()
        .assign_registrant(&key, "Ana", "Lima", "ana.lima@example.com")
        .unwrap();
    t.desk.registration_mut().pay(&key, true).unwrap();
    let h = english_door(&mut t, &org);
    assert!(
        h.query_by_label("Checked in: 0 / 1 confirmed seat")
            .is_some(),
        "singular for one seat"
    );
    assert!(h.query_by_label("CQRS Workshop: 0 / 1").is_some());
}

#[test]
fn the_door_counts_two_confirmed_seats_in_the_plural() {
    let mut t = open_desk();
    let org = journey_conference(&mut t.desk, SLUG, 100);
    paid_order(&mut t.desk);
    let h = english_door(&mut t, &org);
    assert!(
        h.query_by_label("Checked in: 0 / 2 confirmed seats")
            .is_some()
    );
}

#[test]
fn the_english_orders_tab_words_statuses() {
    let mut t = open_desk();
    // One General admission seat left: an order of two is partially reserved.
    let org = journey_conference(&mut t.desk, SLUG, 1);
    t.desk
        .place_order_named(SLUG, &[("General admission".to_string(), 2)])
        .unwrap();
    t.desk
        .place_order_named(SLUG, &[("CQRS Workshop".to_string(), 1)])
        .unwrap();
    let mut h = window(&mut t, Lang::En);
    type_into(&mut h, "Owner e-mail", &org.email);
    type_into(&mut h, "Access code", &org.access_code);
    h.get_by_label("Open").click();
    h.run();
    h.get_by_label("Orders").click();
    h.run();
    assert!(h.query_by_label("Partially reserved").is_some());
    assert!(h.query_by_label("Reservation completed").is_some());
    assert!(h.query_by_label("partially_reserved").is_none());
}
