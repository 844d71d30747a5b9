//! The window's own path field (issue 16.6): when the system's file dialog
//! gives no path — cancelled, or no dialog can open at all — "Export
//! attendees…", "Save QR as PNG…" and File → Open log… show a path field
//! instead of doing nothing. The system's dialogs are turned off for the
//! test thread, so every click goes to the field, as on a machine without
//! any: the CSV, the PNG and the opened log land where typed; an existing
//! file is asked about before it is replaced; the open log is refused.

mod common;
use common::ByName as _;

use common::{TestDesk, journey_conference, open_desk};
use confdesk::app::OrganizerKey;
use confdesk::ui::MainWindow;
use confdesk::ui::i18n::Lang;
use confdesk::ui::path_dialog::set_native_dialogs;
use eframe::egui;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use std::path::Path;

const FIELD: &str = "No file chosen. Type a path instead:";
const FIELD_KO: &str = "선택한 파일이 없습니다. 대신 경로를 입력하세요:";

fn replace_text(h: &mut Harness<'_, MainWindow>, label: &str, text: &str) {
    h.get_by_role_and_label(Role::TextInput, label).focus();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.key_press(egui::Key::Backspace);
    h.run();
    h.get_by_role_and_label(Role::TextInput, label)
        .type_text(text);
    h.run();
}

/// Types `path` into the field and presses Enter (OK).
fn type_path(h: &mut Harness<'_, MainWindow>, label: &str, path: &Path) {
    replace_text(h, label, &path.display().to_string());
    h.key_press(egui::Key::Enter);
    h.run();
}

/// A window (native dialogs off) on a journey conference with one paid
/// order of 2 seats, opened in the organizer workspace.
fn conference_window(lang: Lang) -> (TestDesk, OrganizerKey, Harness<'static, MainWindow>) {
    set_native_dialogs(false);
    let mut t = open_desk();
    let key = journey_conference(&mut t.desk, "paths", 10);
    let order = t
        .desk
        .place_order_named("paths", &[("General admission".into(), 2)])
        .unwrap();
    t.desk
        .registration_mut()
        .assign_registrant(&order, "Ana", "Souza", "ana@example.com")
        .unwrap();
    t.desk.registration_mut().pay(&order, true).unwrap();
    let mut h = common::window::window_on(&mut t, [1280.0, 800.0], lang);
    let (email, code, open) = match lang {
        Lang::En => ("Owner e-mail", "Access code", "Open"),
        Lang::Ko => ("소유자 이메일", "액세스 코드", "열기"),
    };
    replace_text(&mut h, email, &key.email);
    replace_text(&mut h, code, &key.access_code);
    h.get_by_label(open).click();
    h.run();
    (t, key, h)
}

#[test]
fn export_attendees_through_the_path_field_writes_the_csv_there() {
    let (t, _, mut h) = conference_window(Lang::En);
    h.get_by_label("Export attendees…").click();
    h.run();
    assert!(h.query_by_label(FIELD).is_some(), "the path field shows");
    let target = t.dir.path().join("attendees.csv");
    type_path(&mut h, FIELD, &target);
    assert!(h.query_by_label(FIELD).is_none(), "closed after OK");
    let csv = std::fs::read_to_string(&target).unwrap();
    assert!(csv.lines().count() >= 3, "header + 2 seats: {csv}");
}

#[test]
fn an_existing_file_is_asked_about_before_it_is_replaced() {
    let (t, _, mut h) = conference_window(Lang::En);
    let target = t.dir.path().join("old.csv");
    std::fs::write(&target, "keep me").unwrap();
    h.get_by_label("Export attendees…").click();
    h.run();
    type_path(&mut h, FIELD, &target);
    assert!(h.query_by_label_contains("already exists").is_some());
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "keep me");
    h.get_by_label("Replace").click();
    h.run();
    assert!(h.query_by_label(FIELD).is_none());
    assert!(std::fs::read_to_string(&target).unwrap().contains("Ana"));
}

#[test]
fn the_log_itself_is_refused_with_the_rule_and_escape_cancels() {
    let (t, _, mut h) = conference_window(Lang::En);
    let before = std::fs::read(&t.path).unwrap();
    h.get_by_label("Export attendees…").click();
    h.run();
    type_path(&mut h, FIELD, &t.path);
    assert!(
        h.query_by_label_contains("open event log").is_some(),
        "the rule is shown under the field"
    );
    assert!(h.query_by_label(FIELD).is_some(), "still open");
    h.key_press(egui::Key::Escape);
    h.run();
    assert!(h.query_by_label(FIELD).is_none(), "Escape cancels");
    assert_eq!(std::fs::read(&t.path).unwrap(), before);
}

#[test]
fn a_missing_folder_is_named_in_korean_too() {
    let (t, _, mut h) = conference_window(Lang::Ko);
    h.get_by_label("참석자 내보내기…").click();
    h.run();
    let target = t.dir.path().join("nowhere").join("a.csv");
    type_path(&mut h, FIELD_KO, &target);
    assert!(h.query_by_label_contains("폴더").is_some());
    assert!(!target.exists());
}

#[test]
fn open_log_through_the_path_field_opens_that_log() {
    set_native_dialogs(false);
    let mut other = open_desk();
    journey_conference(&mut other.desk, "elsewhere", 5);
    let other_path = other.path.clone();
    drop(other.desk);
    let mut t = open_desk();
    let mut h = common::window::window_on(&mut t, [1280.0, 800.0], Lang::En);
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Open log…").click();
    h.run();
    replace_text(&mut h, FIELD, &other_path.display().to_string());
    h.key_press(egui::Key::Enter);
    // The log opens on a background thread and the window repaints until
    // it is in (a spinner): step frames, `run` would call that unsettled.
    for _ in 0..200 {
        h.step();
        if h.state()
            .desk()
            .is_some_and(|d| d.read_models().conferences.by_slug("elsewhere").is_some())
        {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert_eq!(h.state().location().file(), Some(other_path.as_path()));
    assert!(
        h.state()
            .desk()
            .unwrap()
            .read_models()
            .conferences
            .by_slug("elsewhere")
            .is_some()
    );
}

#[test]
fn save_qr_through_the_path_field_writes_the_png() {
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
    h.get_by_label("Save QR as PNG…").click();
    h.run();
    let target = t.dir.path().join("qr.png");
    type_path(&mut h, FIELD, &target);
    let png = std::fs::read(&target).unwrap();
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
}
