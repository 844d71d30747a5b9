//! The window's PDF buttons (issue 18, items 4 and 5): on the Attendees
//! tab "Badges (PDF)…" and "Check-in list (PDF)…", on the wizard's
//! confirmation "Receipt (PDF)…"; each is reached with Tab and Enter, and
//! writes its PDF where the path field says (the system's dialogs are off
//! for the test thread, as on a machine without any).

mod common;
mod paper_tools;
use common::ByName as _;

use common::{TestDesk, journey_conference, open_desk};
use confdesk::ui::MainWindow;
use confdesk::ui::i18n::Lang;
use confdesk::ui::path_dialog::set_native_dialogs;
use eframe::egui;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use paper_tools::{pages_text, poppler};
use std::path::Path;

const FIELD: &str = "No file chosen. Type a path instead:";

fn replace_text(h: &mut Harness<'_, MainWindow>, label: &str, text: &str) {
    h.get_by_role_and_label(Role::TextInput, label).focus();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.key_press(egui::Key::Backspace);
    h.run();
    h.get_by_role_and_label(Role::TextInput, label)
        .type_text(text);
    h.run();
}

fn type_path(h: &mut Harness<'_, MainWindow>, path: &Path) {
    replace_text(h, FIELD, &path.display().to_string());
    h.key_press(egui::Key::Enter);
    h.run();
}

/// Tab until `label` has the focus (at most 40 presses); whether it got there.
fn tab_to(h: &mut Harness<'_, MainWindow>, label: &str) -> bool {
    for _ in 0..40 {
        if h.query_by_label(label).is_some_and(|n| n.is_focused()) {
            return true;
        }
        h.key_press(egui::Key::Tab);
        h.run();
    }
    false
}

/// The organizer's window on a conference with one paid order of two
/// seats (unassigned, bought by Ana Souza), on the Attendees tab.
fn attendees_tab(lang: Lang) -> (TestDesk, Harness<'static, MainWindow>) {
    let (t, h, _) = conference_tab(lang, 0);
    (t, h)
}

/// [`attendees_tab`], on tab `tab` (0: Attendees, 1: Orders); also the order's code.
fn conference_tab(lang: Lang, tab: usize) -> (TestDesk, Harness<'static, MainWindow>, String) {
    set_native_dialogs(false);
    let mut t = open_desk();
    let key = journey_conference(&mut t.desk, "paper", 10);
    let order = t
        .desk
        .place_order_named("paper", &[("General admission".into(), 2)])
        .unwrap();
    t.desk
        .registration_mut()
        .assign_registrant(&order, "Ana", "Souza", "ana@example.com")
        .unwrap();
    t.desk.registration_mut().pay(&order, true).unwrap();
    let mut h = common::window::window_on(&mut t, [1280.0, 800.0], lang);
    let (email, code, open, tabs) = match lang {
        Lang::En => (
            "Owner e-mail",
            "Access code",
            "Open",
            ["Attendees", "Orders"],
        ),
        Lang::Ko => ("소유자 이메일", "액세스 코드", "열기", ["참석자", "주문"]),
    };
    replace_text(&mut h, email, &key.email);
    replace_text(&mut h, code, &key.access_code);
    h.get_by_label(open).click();
    h.run();
    h.get_by_label(tabs[tab]).click();
    h.run();
    (t, h, order.access_code.clone())
}

#[test]
fn badges_are_reached_with_tab_and_written_through_the_path_field() {
    let (t, mut h) = attendees_tab(Lang::En);
    assert!(tab_to(&mut h, "Badges (PDF)…"), "Tab reaches the button");
    h.key_press(egui::Key::Enter);
    h.run();
    assert!(h.query_by_label(FIELD).is_some(), "the path field shows");
    let target = t.dir.path().join("badges.pdf");
    type_path(&mut h, &target);
    let pdf = std::fs::read(&target).unwrap();
    assert_eq!(&pdf[..5], b"%PDF-");
    if poppler() {
        let text = pages_text(&target).concat();
        assert_eq!(text.matches("General admission").count(), 2, "{text}");
    }
}

#[test]
fn the_check_in_list_is_written_in_korean_from_the_korean_window() {
    let (t, mut h) = attendees_tab(Lang::Ko);
    assert!(
        tab_to(&mut h, "체크인 명단 (PDF)…"),
        "Tab reaches the button"
    );
    h.key_press(egui::Key::Enter);
    h.run();
    let target = t.dir.path().join("list.pdf");
    replace_text(
        &mut h,
        "선택한 파일이 없습니다. 대신 경로를 입력하세요:",
        &target.display().to_string(),
    );
    h.key_press(egui::Key::Enter);
    h.run();
    assert!(target.exists());
    if poppler() {
        let text = pages_text(&target).concat();
        assert!(text.contains("체크인 명단"), "{text}");
        assert!(text.contains("Ana Souza (등록자)"), "{text}");
    }
}

#[test]
fn the_confirmation_offers_the_receipt_and_writes_it() {
    set_native_dialogs(false);
    let mut t = open_desk();
    journey_conference(&mut t.desk, "cqrs-summit", 10);
    let mut h = common::window::window_on(&mut t, [1280.0, 800.0], Lang::En);
    h.get_by_label("Registration desk").click();
    h.run();
    h.get_by_label("Choose seats: CQRS Summit").click();
    h.run();
    h.get_by_role_and_label(Role::SpinButton, "General admission")
        .focus();
    h.run();
    h.key_press(egui::Key::ArrowUp);
    h.run();
    h.get_by_label("Reserve").click();
    h.run();
    for (label, text) in [
        ("First name", "Ana"),
        ("Last name", "Souza"),
        ("E-mail", "ana@example.com"),
    ] {
        let field = h.get_by_role_and_label(Role::TextInput, label);
        field.focus();
        field.type_text(text);
        h.run();
    }
    h.get_by_label("Continue to payment").click();
    h.run();
    h.get_by_label("Accept payment").click();
    h.run();
    assert!(tab_to(&mut h, "Receipt (PDF)…"), "Tab reaches the button");
    h.key_press(egui::Key::Enter);
    h.run();
    let target = t.dir.path().join("receipt.pdf");
    type_path(&mut h, &target);
    let pdf = std::fs::read(&target).unwrap();
    assert_eq!(&pdf[..5], b"%PDF-");
    if poppler() {
        let text = pages_text(&target).concat();
        for want in ["Receipt", "Ana Souza", "General admission", "Total"] {
            assert!(text.contains(want), "{want:?} missing:\n{text}");
        }
    }
}

#[test]
fn the_organizer_writes_the_receipt_of_the_order_selected_in_orders() {
    let (t, mut h, code) = conference_tab(Lang::En, 1);
    assert!(
        h.query_by_label("Receipt (PDF)…").is_none(),
        "no order selected yet"
    );
    h.get_by_label(&code).click();
    h.run();
    h.get_by_label("Receipt (PDF)…").click();
    h.run();
    let target = t.dir.path().join("organizer-receipt.pdf");
    type_path(&mut h, &target);
    let pdf = std::fs::read(&target).unwrap();
    assert_eq!(&pdf[..5], b"%PDF-");
    if poppler() {
        let text = pages_text(&target).concat();
        assert!(text.contains(&code) && text.contains("Ana Souza"), "{text}");
    }
}
