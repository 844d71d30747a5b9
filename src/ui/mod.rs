//! The desktop window (eframe/egui, glow renderer): screens that call the
//! app layer and hold no business rule.

mod app;
pub mod checkin;
pub mod connect;
pub mod crash_notice;
pub mod fonts;
pub mod i18n;
pub mod icon;
pub mod nav;
pub mod open_form;
pub mod organizer;
pub mod path_dialog;
pub mod registration;
pub mod settings;
pub mod shell;
pub mod sort_header;
pub mod staff_open;
pub mod status;
pub mod theme;
pub mod widgets;

pub use app::{MainWindow, Workspace};
pub use shell::Shell;

use crate::app::output_file::{Protected, check_output};
use crate::app::{Clock, LogLocation};
use crate::domain::Field;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Opens the window on the log `given` by `--data`/`CONFDESK_DATA`, else on
/// the last log the window opened (if it is still there), else on
/// `default` (the platform's data file), with `clock` (the system clock, or
/// a fixed one from `CONFDESK_NOW`); returns when the window closes.
pub fn run_app(
    given: Option<LogLocation>,
    default: LogLocation,
    clock: Arc<dyn Clock>,
) -> anyhow::Result<()> {
    // The remembered language, theme and log; only the real window reads
    // these (headless tests build their MainWindow in English).
    let settings_path = settings::default_path();
    let prefs = settings_path
        .as_deref()
        .map(settings::WindowPrefs::load)
        .unwrap_or_default();
    let lang = prefs.start_lang(i18n::system_locale().as_deref());
    let theme = prefs.theme();
    let reopen = given.is_none().then(|| prefs.start_log()).flatten();
    let start = given.unwrap_or(default);
    let start = reopen.clone().unwrap_or(start);
    tracing::info!(log = %start.text(), "window started");
    // The CLI cleaned the leftover temp files of `--data`'s log, or of the
    // default one; a reopened log's are cleaned here, before it opens.
    if let Some(path) = reopen.as_ref().and_then(LogLocation::file) {
        crate::app::temp_registry::remove_leftover_temps(path);
    }
    // The window's size and place come back through eframe's persistence,
    // in a file of its own beside `settings.json` (never near the log).
    let mut viewport = eframe::egui::ViewportBuilder::default()
        .with_inner_size([1100.0, 720.0])
        .with_title("confdesk")
        .with_app_id(icon::APP_ID);
    if let Some(icon) = icon::window_icon() {
        viewport = viewport.with_icon(icon);
    }
    let options = eframe::NativeOptions {
        viewport,
        persist_window: true,
        persistence_path: Some(window_state_path(settings_path.as_deref(), &start)),
        ..Default::default()
    };
    eframe::run_native(
        "confdesk",
        options,
        Box::new(move |cc| {
            fonts::install(&cc.egui_ctx);
            theme::install(&cc.egui_ctx);
            cc.egui_ctx.set_theme(theme);
            let window = match reopen {
                Some(last) => MainWindow::reopening(&last, clock),
                None => MainWindow::loading(start, clock),
            };
            Ok(Box::new(
                window
                    .with_language(lang, settings_path)
                    .with_theme(theme)
                    .with_crash_notice(crate::app::diagnostics::UnseenCrash::find()),
            ))
        }),
    )
    .map_err(|e| anyhow::anyhow!("could not open the window: {e}"))
}

/// Where eframe keeps the window's size and place: `window.ron` beside
/// `settings.json`. eframe writes it with a plain `File::create` (through a
/// link, in place), so it is first checked like every file the desk writes;
/// if it could be the log, a sidecar or anything but an ordinary file, the
/// size is simply not remembered (`/dev/null` swallows eframe's write).
fn window_state_path(settings_path: Option<&Path>, log: &LogLocation) -> PathBuf {
    let forget = PathBuf::from("/dev/null");
    let Some(dir) = settings_path.and_then(Path::parent) else {
        return forget;
    };
    if std::fs::create_dir_all(dir).is_err() {
        return forget;
    }
    let path = dir.join("window.ron");
    let protected = log.file().map_or_else(Protected::none, Protected::for_log);
    match check_output(&Field::Settings, &path, &protected) {
        Ok(()) => path,
        Err(_) => forget,
    }
}
