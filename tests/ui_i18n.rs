//! The interface language driven headless with egui_kittest: a window
//! starts in English whatever the machine's locale, View → 한국어 turns the
//! menus, screens, field rules, dates and prices Korean and remembers the
//! choice in the settings file, and View → English turns them back.

mod common;

use common::{journey_conference, open_desk};
use confdesk::ui::i18n::Lang;
use confdesk::ui::settings::WindowPrefs;
use confdesk::ui::{MainWindow, Workspace};
use eframe::egui;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use std::path::Path;
use std::sync::Arc;

fn harness(t: &mut common::TestDesk, settings: &Path) -> Harness<'static, MainWindow> {
    let desk = std::mem::replace(&mut t.desk, open_desk().desk);
    let app = MainWindow::with_desk(desk, t.path.clone(), Arc::new(t.clock.clone()))
        .with_language(Lang::En, Some(settings.to_path_buf()));
    let mut h = Harness::builder()
        .with_size([1200.0, 800.0])
        .with_context_setup(confdesk::ui::fonts::install)
        .build_ui_state(|ui, app: &mut MainWindow| app.ui(ui), app);
    h.run();
    h
}

/// Opens the View menu (labelled `view`) and picks `language`.
fn choose(h: &mut Harness<'_, MainWindow>, view: &str, language: &str) {
    h.get_by_label(view).click();
    h.run();
    h.get_by_label(language).click();
    h.run();
}

#[test]
fn a_window_built_without_a_language_is_english() {
    let t = open_desk();
    let app = MainWindow::with_desk(t.desk, t.path.clone(), Arc::new(t.clock.clone()));
    assert_eq!(app.lang(), Lang::En);
}

#[test]
fn view_menu_switches_to_korean_and_back() {
    let dir = tempfile::tempdir().expect("temp dir");
    let settings = dir.path().join("settings.json");
    let mut t = open_desk();
    journey_conference(&mut t.desk, "cqrs-summit", 100);
    let mut h = harness(&mut t, &settings);
    assert!(h.query_by_label("Create a conference…").is_some());

    choose(&mut h, "View", "한국어");
    assert_eq!(h.state().lang(), Lang::Ko);
    assert!(h.query_by_label("행사 만들기…").is_some(), "Korean button");
    assert!(h.query_by_label("Create a conference…").is_none());
    assert!(h.query_by_label("보기").is_some(), "Korean menu");
    assert_eq!(
        WindowPrefs::load(&settings).lang(),
        Some(Lang::Ko),
        "the choice is remembered"
    );

    // A field rule from the domain, translated.
    h.get_by_label("행사 만들기…").click();
    h.run();
    let slug = h.get_by_role_and_label(Role::TextInput, "슬러그");
    slug.focus();
    slug.type_text("Bad Slug");
    h.run();
    assert!(
        h.query_by_label_contains("a-z, 0-9, '-'만 쓸 수 있으며")
            .is_some(),
        "slug rule in Korean"
    );
    h.get_by_label("취소").click();
    h.run();

    // The registration desk: Korean dates and prices.
    h.get_by_label("등록 데스크").click();
    h.run();
    assert_eq!(h.state().workspace(), Workspace::Registration);
    assert!(h.query_by_label("행사 선택").is_some());
    assert!(
        h.query_by_label("2026년 12월 1일 (화) ~ 2026년 12월 2일 (수)")
            .is_some(),
        "Korean dates"
    );
    assert!(
        h.query_by_label("$199.00").is_some(),
        "price with its symbol"
    );
    assert!(h.query_by_label("4석 남음").is_some());

    choose(&mut h, "보기", "English");
    assert_eq!(h.state().lang(), Lang::En);
    assert!(h.query_by_label("Choose a conference").is_some());
    assert!(h.query_by_label("행사 선택").is_none());
    assert!(
        h.query_by_label("Tue 1 Dec 2026 to Wed 2 Dec 2026")
            .is_some()
    );
    assert_eq!(WindowPrefs::load(&settings).lang(), Some(Lang::En));
}
