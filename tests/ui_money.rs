//! Issue 18 items 3 and 4 in the window (egui_kittest, fixed clock): the
//! payment step asks how it was paid (radios after the buttons, so one Tab
//! still reaches Accept, and Enter on a method never pays); the organizer's
//! order panel records a refund (the amount prefilled with what is left)
//! and cancels a paid order after Yes — in English and in Korean.

mod common;
use common::ByName as _;

use common::window::window_on;
use common::{TestDesk, journey_conference, open_desk};
use confdesk::app::{Desk, OrderKey, OrganizerKey};
use confdesk::domain::events::{CancelReason, PaymentMethod};
use confdesk::ui::MainWindow;
use confdesk::ui::i18n::{Lang, tr};
use confdesk::ui::organizer::OrganizerScreen;
use eframe::egui;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

const SLUG: &str = "money";

fn desk<'h>(h: &'h Harness<'_, MainWindow>) -> &'h Desk {
    h.state().desk().expect("desk open")
}

fn click(h: &mut Harness<'_, MainWindow>, label: &str) {
    h.get_by_label(label).click();
    h.run();
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

/// An order of one General admission seat (199.00), named, unpaid.
fn named_order(t: &mut TestDesk) -> OrderKey {
    let key = t
        .desk
        .place_order_named(SLUG, &[("General admission".into(), 1)])
        .unwrap();
    t.desk
        .registration_mut()
        .assign_registrant(&key, "Jiwoo", "Park", "jiwoo@example.org")
        .unwrap();
    key
}

#[test]
fn the_payment_step_records_the_method_picked_and_enter_on_it_never_pays() {
    let mut t = open_desk();
    journey_conference(&mut t.desk, SLUG, 100);
    let key = named_order(&mut t);
    let mut h = window_on(&mut t, [1200.0, 800.0], Lang::En);
    click(&mut h, "Registration desk");
    // Find the order, which opens its payment step.
    click(&mut h, "Find my order…");
    replace_text(&mut h, "E-mail", "jiwoo@example.org");
    replace_text(&mut h, "Order code", &key.access_code);
    click(&mut h, "Find");
    assert!(
        h.query_by_label("Accept payment").is_some(),
        "on the payment step"
    );
    assert!(h.query_by_label("Paid by:").is_some());
    // Cash is preset; picking Card with the keyboard (focus, Enter) pays nothing.
    h.get_by_label("Card").focus();
    h.run();
    for _ in 0..3 {
        h.key_press(egui::Key::Enter);
        h.run();
    }
    let order = desk(&h).registration().order(&key).unwrap();
    assert!(order.paid.is_none(), "Enter on a method never pays");
    click(&mut h, "Card");
    click(&mut h, "Accept payment");
    let order = desk(&h).registration().order(&key).unwrap();
    assert_eq!(order.status.as_str(), "confirmed");
    assert_eq!(order.paid.map(|p| p.method), Some(PaymentMethod::Card));
}

fn open_orders(t: &mut TestDesk, key: &OrganizerKey, lang: Lang) -> Harness<'static, MainWindow> {
    let mut h = window_on(t, [1280.0, 800.0], lang);
    replace_text(&mut h, tr("Owner e-mail"), &key.email);
    replace_text(&mut h, tr("Access code"), &key.access_code);
    click(&mut h, tr("Open"));
    click(&mut h, tr("Orders"));
    h
}

fn select(h: &mut Harness<'_, MainWindow>, order: &OrderKey) {
    click(h, &order.access_code);
    let OrganizerScreen::Conference(c) = &h.state().organizer().screen else {
        panic!("not on the conference screen")
    };
    assert_eq!(c.orders.selected, Some(order.order_id));
}

#[test]
fn the_organizer_refunds_part_then_cancels_a_paid_order_from_its_panel() {
    let mut t = open_desk();
    let org = journey_conference(&mut t.desk, SLUG, 100);
    let key = named_order(&mut t);
    t.desk
        .registration_mut()
        .pay_with(&key, PaymentMethod::Cash)
        .unwrap();
    let mut h = open_orders(&mut t, &org, Lang::En);
    select(&mut h, &key);
    assert!(
        h.query_by_label_contains(" by cash").is_some(),
        "the panel says what was paid and how"
    );
    click(&mut h, "Record refund…");
    let amount = h.get_by_role_and_label(Role::TextInput, "Refund amount");
    assert_eq!(
        amount.value().as_deref(),
        Some("199.00"),
        "prefilled with what is left"
    );
    replace_text(&mut h, "Refund amount", "50");
    click(&mut h, "Bank transfer");
    click(&mut h, "Record refund");
    let order = |h: &Harness<'_, MainWindow>| desk(h).registration().order(&key).unwrap();
    let refunds: Vec<(i64, PaymentMethod)> = order(&h)
        .refunds
        .iter()
        .map(|r| (r.amount.minor, r.method))
        .collect();
    assert_eq!(refunds, vec![(5_000, PaymentMethod::BankTransfer)]);
    // More than is left: the app's refusal, shown; nothing recorded.
    click(&mut h, "Record refund…");
    replace_text(&mut h, "Refund amount", "150");
    click(&mut h, "Record refund");
    let OrganizerScreen::Conference(c) = &h.state().organizer().screen else {
        panic!("not on the conference screen")
    };
    let shown = c.history.money.message.clone().unwrap_or_default();
    assert!(shown.contains("must be at most"), "{shown}");
    assert!(h.query_by_label(&shown).is_some(), "the refusal is shown");
    assert_eq!(order(&h).refunds.len(), 1);
    click(&mut h, "Don't refund");
    // Cancel: asks first; No keeps it, Yes cancels and the seat is back.
    click(&mut h, "Cancel order…");
    click(&mut h, "No, keep it");
    assert_eq!(order(&h).status.as_str(), "confirmed");
    click(&mut h, "Cancel order…");
    assert!(
        h.query_by_label_contains("the payment stays recorded")
            .is_some()
    );
    click(&mut h, "Yes, cancel the order");
    let o = order(&h);
    assert_eq!(o.status.as_str(), "cancelled");
    assert_eq!(
        o.cancelled.map(|c| c.reason),
        Some(CancelReason::ByOrganizer)
    );
    let general = desk(&h).read_models().conferences.by_slug(SLUG).unwrap();
    let general = general
        .seat_types
        .iter()
        .find(|s| s.name == "General admission")
        .unwrap();
    assert_eq!((general.left, general.sold), (100, 0));
    assert!(
        h.query_by_label("Order cancelled by the organizer")
            .is_some(),
        "the history says it"
    );
}

#[test]
fn the_korean_panel_speaks_korean() {
    let mut t = open_desk();
    let org = journey_conference(&mut t.desk, SLUG, 100);
    let key = named_order(&mut t);
    t.desk
        .registration_mut()
        .pay_with(&key, PaymentMethod::Card)
        .unwrap();
    let mut h = open_orders(&mut t, &org, Lang::Ko);
    select(&mut h, &key);
    assert!(h.query_by_label("주문 취소…").is_some());
    assert!(h.query_by_label("환불 기록…").is_some());
    assert!(
        h.query_by_label_contains("결제 (카드)").is_some(),
        "the method in Korean"
    );
    click(&mut h, "환불 기록…");
    assert!(h.query_by_label("계좌 이체").is_some());
}
