//! The desktop window (eframe/egui, glow renderer). For now a placeholder
//! that opens the log and shows what it holds; the organizer workspace and
//! the registration desk screens come next.

use crate::app::{Desk, Settings, SystemClock};
use crate::store::OpenMode;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Opens the window on the log at `path`; returns when the window closes.
pub fn run_app(path: &Path) -> anyhow::Result<()> {
    let desk = Desk::open_path(
        path,
        OpenMode::ReadWrite,
        Arc::new(SystemClock),
        Settings::default(),
    )?;
    let app = PlaceholderApp {
        path: path.to_path_buf(),
        desk,
    };
    let options = eframe::NativeOptions {
        viewport: eframe::egui::ViewportBuilder::default()
            .with_inner_size([960.0, 640.0])
            .with_title("confdesk"),
        ..Default::default()
    };
    eframe::run_native("confdesk", options, Box::new(|_cc| Ok(Box::new(app))))
        .map_err(|e| anyhow::anyhow!("could not open the window: {e}"))
}

struct PlaceholderApp {
    path: PathBuf,
    desk: Desk,
}

impl eframe::App for PlaceholderApp {
    fn ui(&mut self, ui: &mut eframe::egui::Ui, _frame: &mut eframe::Frame) {
        let Self { path, desk } = self;
        eframe::egui::CentralPanel::default().show(ui, |ui| {
            ui.heading("confdesk");
            ui.label(format!("Log: {}", path.display()));
            ui.label(format!("{} events", desk.stats().events));
            for c in desk.published_conferences() {
                ui.label(format!("{} — {}", c.info.name, c.info.slug));
            }
        });
    }
}
