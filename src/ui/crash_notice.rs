//! The line the window shows after confdesk crashed the last time it ran:
//! the crash hook ([`crate::app::diagnostics`]) could only tell stderr,
//! which a window user never sees, so the next start says where the
//! report is, until it is dismissed.

use crate::app::diagnostics::UnseenCrash;
use crate::domain::Message;
use crate::ui::i18n::{say, tr};
use eframe::egui::{self, RichText, Ui};

/// Draws the notice for `crash` as a top panel; returns whether it was
/// dismissed this frame (the caller then drops it).
pub fn crash_notice_ui(ui: &mut Ui, crash: &UnseenCrash) -> bool {
    let mut dismissed = false;
    egui::Panel::top("crash-notice").show(ui, |ui| {
        ui.add_space(2.0);
        ui.horizontal_wrapped(|ui| {
            ui.label(
                RichText::new(tr("confdesk closed unexpectedly the last time it ran.")).strong(),
            );
            ui.label(say(&Message::new("A crash report was saved: {path}")
                .text("path", crash.report.display())));
            if ui.button(tr("Copy path")).clicked() {
                ui.ctx().copy_text(crash.report.display().to_string());
            }
            if ui.button(tr("Dismiss")).clicked() {
                crash.dismiss();
                dismissed = true;
            }
        });
        ui.add_space(2.0);
    });
    dismissed
}
