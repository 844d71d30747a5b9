//! Help → Keyboard shortcuts (issue 16 item 10): F1 opens the list of
//! every key the window answers and closes it again, Esc closes it, the
//! Help menu opens it too, and it speaks the window's language.

mod common;

use common::open_desk;
use common::window::window_on;
use confdesk::ui::i18n::Lang;
use eframe::egui;
use egui_kittest::kittest::Queryable as _;

#[test]
fn f1_opens_the_shortcuts_and_f1_or_esc_closes_them() {
    let mut t = open_desk();
    let mut h = window_on(&mut t, [800.0, 600.0], Lang::En);
    assert!(!h.state().shortcuts_open());
    assert!(h.query_by_label("Ctrl+F").is_none());

    h.key_press(egui::Key::F1);
    h.run();
    assert!(h.state().shortcuts_open());
    for keys in [
        "F1",
        "Ctrl+1 / Ctrl+2 / Ctrl+3",
        "Ctrl+F",
        "Tab / Shift+Tab",
        "Esc",
    ] {
        assert!(h.query_by_label(keys).is_some(), "{keys} is listed");
    }
    assert!(
        h.query_by_label("Find: the filter of the Orders and Attendees tabs")
            .is_some()
    );

    h.key_press(egui::Key::F1);
    h.run();
    assert!(!h.state().shortcuts_open(), "F1 again closes it");

    h.key_press(egui::Key::F1);
    h.run();
    h.key_press(egui::Key::Escape);
    h.run();
    assert!(!h.state().shortcuts_open(), "Esc closes it");
    assert!(h.query_by_label("Ctrl+F").is_none());
}

#[test]
fn the_help_menu_opens_the_shortcuts_in_korean() {
    let mut t = open_desk();
    let mut h = window_on(&mut t, [800.0, 600.0], Lang::Ko);
    h.get_by_label("도움말").click();
    h.run();
    // The menu item carries its key ("F1") beside its words.
    h.query_by_label_contains("바로 가기 키")
        .expect("the menu item")
        .click();
    h.run();
    assert!(h.state().shortcuts_open());
    assert!(h.query_by_label("찾기: 주문·참석자 탭의 필터").is_some());
    assert!(
        h.query_by_label("Ctrl+F").is_some(),
        "keys keep their names"
    );
}
