//! Help → Keyboard shortcuts (F1): every key the window answers, in one
//! list, so staff who work without a mouse can find them (issue 16 item 10).
//! The keys themselves are named as printed on a keyboard, in every
//! language; what they do is translated.

use super::MainWindow;
use crate::ui::i18n::tr;
use eframe::egui::{self, Key, Modifiers, Ui};

/// The shortcuts, as (keys, what they do): the key names are not words to
/// translate.
fn shortcuts() -> [(&'static str, &'static str); 7] {
    [
        ("F1", tr("This list")),
        (
            "Ctrl+1 / Ctrl+2 / Ctrl+3",
            tr("Organizer, Registration desk, Check-in"),
        ),
        (
            "Ctrl+F",
            tr("Find: the filter of the Orders and Attendees tabs"),
        ),
        ("Tab / Shift+Tab", tr("Next or previous field or button")),
        ("Space", tr("Press the focused button")),
        (
            "Enter",
            tr("Submit the form; at the door, check in the highlighted seat"),
        ),
        ("Esc", tr("Close a menu or dialog")),
    ]
}

impl MainWindow {
    /// F1 opens the list, and closes it again; Esc closes it.
    pub(super) fn shortcuts_key(&mut self, ctx: &egui::Context) {
        if ctx.input_mut(|i| i.consume_key(Modifiers::NONE, Key::F1)) {
            self.shortcuts_open = !self.shortcuts_open;
        }
        if self.shortcuts_open && ctx.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Escape)) {
            self.shortcuts_open = false;
        }
    }

    /// The Help menu.
    pub(super) fn help_menu_ui(&mut self, ui: &mut Ui) {
        let item = egui::Button::new(tr("Keyboard shortcuts")).shortcut_text("F1");
        if ui.add(item).clicked() {
            self.shortcuts_open = true;
            ui.close();
        }
    }

    /// The list, while open.
    pub(super) fn shortcuts_ui(&mut self, ctx: &egui::Context) {
        let mut open = self.shortcuts_open;
        egui::Window::new(tr("Keyboard shortcuts"))
            .open(&mut open)
            .collapsible(false)
            .resizable(false)
            .anchor(egui::Align2::CENTER_CENTER, [0.0, 0.0])
            .show(ctx, |ui| {
                egui::Grid::new("shortcuts")
                    .num_columns(2)
                    .spacing([24.0, 6.0])
                    .striped(true)
                    .show(ui, |ui| {
                        for (keys, what) in shortcuts() {
                            ui.strong(keys);
                            ui.label(what);
                            ui.end_row();
                        }
                    });
            });
        self.shortcuts_open = open;
    }

    /// Whether the shortcuts list is showing (for tests).
    pub fn shortcuts_open(&self) -> bool {
        self.shortcuts_open
    }
}
