//! Small shared pieces of the screens: a labelled text field with its rule
//! shown beside it, the colours of rules and of success, toasts, and
//! keyboard helpers.

use crate::domain::{Field, FieldError};
use crate::ui::i18n::{say, tr};
use eframe::egui::{self, Color32, RichText, Ui};

/// The rule of the first error among `errors` for `field`, if any, in the
/// interface language and in plain words (it is shown beside its field).
pub fn error_for(errors: &[FieldError], field: &Field) -> Option<String> {
    errors
        .iter()
        .find(|e| e.field == *field)
        .map(|e| say(&e.plain_rule()))
}

/// A label, a single-line text field, and the field's rule in red when broken
/// (`label` and `error` already in the interface language). Returns the
/// text field's response.
pub fn field_row(
    ui: &mut Ui,
    label: &str,
    value: &mut String,
    error: Option<&str>,
    width: f32,
) -> egui::Response {
    let l = ui.label(label);
    let r = ui
        .add_sized([width, 22.0], egui::TextEdit::singleline(value))
        .labelled_by(l.id);
    match error {
        Some(rule) => ui.label(RichText::new(rule).color(error_color(ui))),
        None => ui.label(""),
    };
    ui.end_row();
    r
}

/// The colour of rule messages, readable on light and dark themes.
pub fn error_color(ui: &Ui) -> Color32 {
    if ui.visuals().dark_mode {
        Color32::from_rgb(255, 120, 110)
    } else {
        Color32::from_rgb(190, 30, 30)
    }
}

/// The colour of a successful check-in, readable on light and dark themes.
pub fn ok_color(ui: &Ui) -> Color32 {
    if ui.visuals().dark_mode {
        Color32::from_rgb(110, 220, 120)
    } else {
        Color32::from_rgb(20, 130, 40)
    }
}

/// A label followed by a single-line text field labelled by it (so screen
/// readers and tests find the field by its label).
pub fn labelled_text(ui: &mut Ui, label: &str, value: &mut String, width: f32) -> egui::Response {
    let l = ui.label(label);
    ui.add_sized([width, 22.0], egui::TextEdit::singleline(value))
        .labelled_by(l.id)
}

/// The "Filter" box of a table: focused by Ctrl+F.
pub fn filter_box(ui: &mut Ui, filter: &mut String, hint: &str) {
    ui.horizontal(|ui| {
        let l = ui.label(tr("Filter"));
        let r = ui
            .add(egui::TextEdit::singleline(filter).hint_text(hint))
            .labelled_by(l.id);
        if find_pressed(ui) {
            r.request_focus();
        }
    });
}

/// Whether Enter was pressed this frame.
pub fn enter_pressed(ui: &Ui) -> bool {
    ui.input(|i| i.key_pressed(egui::Key::Enter))
}

/// Whether Escape was pressed this frame for the screen: an Escape that
/// closes an open menu, combo box or other popup closes only that (see
/// [`note_open_popups`]).
pub fn escape_pressed(ui: &Ui) -> bool {
    let popup_was_open = ui
        .ctx()
        .data(|d| d.get_temp::<bool>(popup_open_id()))
        .unwrap_or(false);
    !popup_was_open && ui.input(|i| i.key_pressed(egui::Key::Escape))
}

/// Remembers, for [`escape_pressed`], whether a popup is open as the frame
/// starts (once the menu bar has run, an Escape has already closed it).
pub fn note_open_popups(ctx: &egui::Context) {
    let open = egui::Popup::is_any_open(ctx);
    ctx.data_mut(|d| d.insert_temp(popup_open_id(), open));
}

fn popup_open_id() -> egui::Id {
    egui::Id::unique("confdesk-popup-open-at-frame-start")
}

/// Takes Ctrl+F (Cmd+F on macOS) out of the frame's input before anything
/// draws, by the modifiers the key event itself carries (a focused tab or
/// header button must not keep it from the screen's filter), and notes it
/// for [`find_pressed`].
pub fn note_find_shortcut(ctx: &egui::Context) {
    let find = egui::KeyboardShortcut::new(egui::Modifiers::COMMAND, egui::Key::F);
    let pressed = ctx.input_mut(|i| i.consume_shortcut(&find));
    ctx.data_mut(|d| d.insert_temp(find_id(), pressed));
}

fn find_id() -> egui::Id {
    egui::Id::unique("confdesk-find-pressed-this-frame")
}

/// Whether Ctrl+F (Cmd+F on macOS) was pressed this frame (see
/// [`note_find_shortcut`]): the screen's search or filter field takes the
/// focus.
pub fn find_pressed(ui: &Ui) -> bool {
    ui.ctx()
        .data(|d| d.get_temp::<bool>(find_id()))
        .unwrap_or(false)
}

/// A short message shown for a few seconds in the corner.
#[derive(Debug, Clone, PartialEq)]
pub struct Toast {
    /// The text.
    pub text: String,
    /// `ctx` time (seconds) after which it disappears.
    pub until: f64,
}

/// Draws and expires toasts.
pub fn toasts_ui(ctx: &egui::Context, toasts: &mut Vec<Toast>) {
    let now = ctx.input(|i| i.time);
    toasts.retain(|t| t.until > now);
    if toasts.is_empty() {
        return;
    }
    egui::Area::new(egui::Id::unique("toasts"))
        .anchor(egui::Align2::RIGHT_BOTTOM, egui::vec2(-12.0, -36.0))
        .show(ctx, |ui| {
            for t in toasts.iter() {
                egui::Frame::popup(ui.style()).show(ui, |ui| {
                    ui.label(t.text.as_str());
                });
            }
        });
    ctx.request_repaint_after(std::time::Duration::from_millis(500));
}
