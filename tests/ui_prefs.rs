//! What the window remembers between runs (issue 16.9): choosing a theme in
//! View writes it to the settings file, so the next start draws in it; the
//! last opened log is opened again when the window starts without `--data`.

mod common;

use common::open_desk;
use confdesk::app::LogLocation;
use confdesk::ui::MainWindow;
use confdesk::ui::i18n::Lang;
use confdesk::ui::settings::WindowPrefs;
use eframe::egui::{self, ThemePreference};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

fn harness(t: &mut common::TestDesk, settings: &Path) -> Harness<'static, MainWindow> {
    let desk = std::mem::replace(&mut t.desk, open_desk().desk);
    let app = MainWindow::with_desk(desk, t.path.clone(), Arc::new(t.clock.clone()))
        .with_language(Lang::En, Some(settings.to_path_buf()));
    let mut h = Harness::builder()
        .with_size([1200.0, 800.0])
        .with_context_setup(|ctx| {
            confdesk::ui::fonts::install(ctx);
            confdesk::ui::theme::install(ctx);
        })
        .build_ui_state(|ui, app: &mut MainWindow| app.ui(ui), app);
    h.run();
    h
}

/// Opens View and picks `theme`.
fn choose(h: &mut Harness<'_, MainWindow>, theme: &str) {
    h.get_by_label("View").click();
    h.run();
    h.get_by_label(theme).click();
    h.run();
}

#[test]
fn choosing_a_theme_in_view_is_remembered() {
    let dir = tempfile::tempdir().expect("temp dir");
    let settings = dir.path().join("settings.json");
    let mut t = open_desk();
    let mut h = harness(&mut t, &settings);
    assert_eq!(
        WindowPrefs::load(&settings).theme(),
        ThemePreference::System
    );

    choose(&mut h, "Light");
    assert_eq!(h.ctx.theme(), egui::Theme::Light);
    assert_eq!(WindowPrefs::load(&settings).theme(), ThemePreference::Light);

    choose(&mut h, "Dark");
    assert_eq!(h.ctx.theme(), egui::Theme::Dark);
    assert_eq!(WindowPrefs::load(&settings).theme(), ThemePreference::Dark);

    choose(&mut h, "Follow the system");
    assert_eq!(
        WindowPrefs::load(&settings).theme(),
        ThemePreference::System
    );
}

#[test]
fn the_theme_choice_keeps_the_language_and_the_recent_logs() {
    let dir = tempfile::tempdir().expect("temp dir");
    let settings = dir.path().join("settings.json");
    std::fs::write(
        &settings,
        r#"{"language": "ko", "recent": ["/data/summit.redb"]}"#,
    )
    .expect("settings");
    let mut t = open_desk();
    let mut h = harness(&mut t, &settings);
    choose(&mut h, "Light");
    let back = WindowPrefs::load(&settings);
    assert_eq!(back.theme(), ThemePreference::Light);
    assert_eq!(back.lang(), Some(Lang::Ko));
    assert_eq!(back.recent, vec!["/data/summit.redb".to_string()]);
}

#[test]
fn the_last_opened_log_is_reopened_at_start() {
    let mut t = open_desk();
    common::journey_conference(&mut t.desk, "cqrs-summit", 100);
    let events = t.desk.stats().events;
    let path = t.path.clone();
    drop(std::mem::replace(&mut t.desk, open_desk().desk));
    let settings = t.dir.path().join("settings.json");
    let mut prefs = WindowPrefs::default();
    prefs.remember(&LogLocation::File(path.clone()));
    prefs
        .save(&settings, &confdesk::app::output_file::Protected::none())
        .expect("settings");

    let last = WindowPrefs::load(&settings)
        .start_log()
        .expect("a last log");
    let app = MainWindow::reopening(&last, Arc::new(t.clock.clone()));
    let mut h = Harness::builder()
        .with_size([1100.0, 720.0])
        .build_ui_state(|ui, app: &mut MainWindow| app.ui(ui), app);
    let started = Instant::now();
    while h.state().desk().is_none() {
        assert!(started.elapsed() < Duration::from_secs(20), "never loaded");
        std::thread::sleep(Duration::from_millis(20));
        h.step();
    }
    assert_eq!(h.state().location(), &LogLocation::File(path));
    assert_eq!(h.state().desk().expect("desk").stats().events, events);
}
