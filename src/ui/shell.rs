//! What every screen is handed while it draws: the open desk, the log's
//! path, and the ways to tell the user something (a toast, or the dialog for
//! errors no field can fix). It lives apart from the router (`app.rs`) so
//! the screens depend on it alone, not on the window that holds them all.

use crate::app::{AppError, Desk};
use crate::ui::widgets::Toast;
use eframe::egui::Ui;
use std::path::Path;

/// Everything the screens share: the open desk and the ways to tell the user things.
pub struct Shell<'a> {
    /// The open desk (the app layer).
    pub desk: &'a mut Desk,
    /// The data file.
    pub path: &'a Path,
    /// Toasts to show.
    pub toasts: &'a mut Vec<Toast>,
    /// A storage problem to show in a dialog.
    pub dialog: &'a mut Option<String>,
}

impl Shell<'_> {
    /// Shows a toast for four seconds.
    pub fn toast(&mut self, ui: &Ui, text: impl Into<String>) {
        let until = ui.input(|i| i.time) + 4.0;
        self.toasts.push(Toast {
            text: text.into(),
            until,
        });
    }

    /// Routes an error nobody can fix by editing a field (storage, I/O) to
    /// the dialog; returns the others for the screen to show in place.
    pub fn triage(&mut self, e: AppError) -> Option<AppError> {
        match e {
            AppError::Store(_)
            | AppError::AccessFile { .. }
            | AppError::Io { .. }
            | AppError::Encode(_)
            | AppError::Decode { .. } => {
                *self.dialog = Some(crate::ui::i18n::say(&e.message()));
                None
            }
            other => Some(other),
        }
    }
}
