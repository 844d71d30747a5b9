//! The desktop window (eframe/egui, glow renderer): screens that call the
//! app layer and hold no business rule.

mod app;
pub mod checkin;
pub mod connect;
pub mod fonts;
pub mod i18n;
pub mod nav;
pub mod open_form;
pub mod organizer;
pub mod registration;
pub mod settings;
pub mod shell;
pub mod status;
pub mod widgets;

pub use app::{MainWindow, Workspace};
pub use shell::Shell;

use crate::app::{Clock, LogLocation};
use std::sync::Arc;

/// Opens the window on the log at `location` (a file, or a shared log's
/// `postgresql://` URL) with `clock` (the system clock, or a fixed one from
/// `CONFDESK_NOW`); returns when the window closes.
pub fn run_app(location: &LogLocation, clock: Arc<dyn Clock>) -> anyhow::Result<()> {
    let options = eframe::NativeOptions {
        viewport: eframe::egui::ViewportBuilder::default()
            .with_inner_size([1100.0, 720.0])
            .with_title("confdesk"),
        ..Default::default()
    };
    let location = location.clone();
    // The remembered language, else the system's; only the real window
    // reads these (headless tests build their MainWindow in English).
    let settings_path = settings::default_path();
    let lang = settings_path
        .as_deref()
        .map(settings::WindowPrefs::load)
        .unwrap_or_default()
        .start_lang(i18n::system_locale().as_deref());
    eframe::run_native(
        "confdesk",
        options,
        Box::new(move |cc| {
            fonts::install(&cc.egui_ctx);
            Ok(Box::new(
                MainWindow::loading(location, clock).with_language(lang, settings_path),
            ))
        }),
    )
    .map_err(|e| anyhow::anyhow!("could not open the window: {e}"))
}
