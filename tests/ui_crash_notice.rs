//! After a crash, the window's next start says where the report is (the
//! crash hook could only tell stderr, which a window user never sees), in
//! the window's language, until it is dismissed (issue 17 item 2).

mod common;

use common::open_desk;
use confdesk::app::diagnostics::UnseenCrash;
use confdesk::ui::MainWindow;
use confdesk::ui::i18n::Lang;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use std::sync::Arc;

fn window_with(crash: Option<UnseenCrash>, lang: Lang) -> Harness<'static, MainWindow> {
    let t = open_desk();
    let app = MainWindow::with_desk(t.desk, t.path.clone(), Arc::new(t.clock.clone()))
        .with_language(lang, None)
        .with_crash_notice(crash);
    let mut h = Harness::builder()
        .with_size([800.0, 600.0])
        .with_context_setup(confdesk::ui::fonts::install)
        .build_ui_state(|ui, app: &mut MainWindow| app.ui(ui), app);
    h.run();
    h
}

/// A crash folder holding one report and the note pointing at it.
fn crashed() -> (tempfile::TempDir, UnseenCrash) {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("crash-20261203T090000.000Z-1.txt");
    std::fs::write(&report, "confdesk crash report\n").unwrap();
    std::fs::write(
        dir.path().join("LATEST"),
        report.to_string_lossy().as_bytes(),
    )
    .unwrap();
    let unseen = UnseenCrash::find_in(dir.path()).unwrap();
    (dir, unseen)
}

#[test]
fn the_window_says_where_the_last_crash_report_is_until_dismissed() {
    let (dir, unseen) = crashed();
    let report = unseen.report.display().to_string();
    let mut h = window_with(Some(unseen), Lang::En);
    assert!(
        h.query_by_label("confdesk closed unexpectedly the last time it ran.")
            .is_some()
    );
    assert!(
        h.query_by_label(&format!("A crash report was saved: {report}"))
            .is_some()
    );
    h.get_by_label("Dismiss").click();
    h.run();
    assert!(
        h.query_by_label("confdesk closed unexpectedly the last time it ran.")
            .is_none()
    );
    assert!(
        UnseenCrash::find_in(dir.path()).is_none(),
        "not shown at the next start"
    );
    assert!(
        std::path::Path::new(&report).is_file(),
        "the report itself stays"
    );
}

#[test]
fn the_notice_speaks_korean_and_is_absent_without_a_crash() {
    let (_dir, unseen) = crashed();
    let h = window_with(Some(unseen), Lang::Ko);
    assert!(
        h.query_by_label("confdesk closed unexpectedly the last time it ran.")
            .is_none()
    );
    assert!(
        h.query_by_label("confdesk가 지난번 실행 중 예기치 않게 종료되었습니다.")
            .is_some()
    );
    let h = window_with(None, Lang::En);
    assert!(
        h.query_by_label("confdesk closed unexpectedly the last time it ran.")
            .is_none()
    );
}
