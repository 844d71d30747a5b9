//! The desktop window (eframe/egui, glow renderer): screens that call the
//! app layer and hold no business rule.

mod app;
pub mod checkin;
pub mod connect;
pub mod crash_notice;
pub mod fonts;
pub mod geometry;
pub mod i18n;
pub mod icon;
pub mod mail;
pub mod nav;
pub mod open_form;
pub mod organizer;
pub mod paper;
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

use crate::app::{Clock, LogLocation};
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
    let mail_setup = prefs.mail_setup();
    let reopen = given.is_none().then(|| prefs.start_log()).flatten();
    let start = given.unwrap_or(default);
    let start = reopen.clone().unwrap_or(start);
    tracing::info!(log = %start.text(), "window started");
    // The CLI cleaned the leftover temp files of `--data`'s log, or of the
    // default one; a reopened log's are cleaned here, before it opens.
    if let Some(path) = reopen.as_ref().and_then(LogLocation::file) {
        crate::app::temp_registry::remove_leftover_temps(path);
    }
    // The window's size and place come back from `settings.json` (eframe's
    // own persistence is off: it wrote `window.ron` in place).
    let mut viewport = eframe::egui::ViewportBuilder::default()
        .with_inner_size([1100.0, 720.0])
        .with_title("confdesk")
        .with_app_id(icon::APP_ID);
    if let Some(icon) = icon::window_icon() {
        viewport = viewport.with_icon(icon);
    }
    if let Some(geometry) = prefs.window() {
        viewport = geometry.apply(viewport);
    }
    let options = eframe::NativeOptions {
        viewport,
        persist_window: false,
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
                    .with_crash_notice(crate::app::diagnostics::UnseenCrash::find())
                    .with_mail(mail::MailSetup::from_env().or(mail_setup)),
            ))
        }),
    )
    .map_err(|e| anyhow::anyhow!("could not open the window: {e}"))
}
