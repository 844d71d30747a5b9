//! Find my order: the registrant's e-mail and the order code reopen an
//! order at whichever step it stands (attendees once paid, details or
//! payment while reserved, the expired page once released). A wrong e-mail
//! or code gets one neutral message, so nobody learns which codes exist.
//! The look-up counts misses, so it is a value ([`UserCommand::FindOrder`])
//! run after the frame; the order opens on the next one.

use crate::app::{AppError, Outcome, UserCommand};
use crate::domain::Message;
use crate::ui::i18n::{say, tr};
use crate::ui::registration::{Go, enter_submits, message_ui, resume};
use crate::ui::shell::{Asker, Shell};
use crate::ui::widgets::{escape_pressed, labelled_text};
use eframe::egui::{self, RichText, Ui};

/// The one answer for an unknown code, a wrong e-mail, or both.
pub const NO_MATCH: &str = "No order matches that e-mail and order code.";

/// Find my order state.
#[derive(Debug, Clone, Default)]
pub struct FindScreen {
    /// E-mail typed.
    pub email: String,
    /// Order code typed.
    pub code: String,
    /// The last refusal.
    pub message: Option<String>,
    /// Whether the e-mail field got the keyboard focus already.
    pub focused_once: bool,
}

impl FindScreen {
    /// Draws the screen.
    pub fn ui(&mut self, ui: &mut Ui, shell: &mut Shell<'_>) -> Go {
        let Self {
            email,
            code,
            message,
            focused_once,
        } = self;
        ui.heading(tr("Find my order"));
        ui.label(
            RichText::new(tr(
                "The e-mail given when ordering and the 6-character order code.",
            ))
            .weak(),
        );
        ui.add_space(8.0);
        let code_field = egui::Grid::new("find-order")
            .num_columns(2)
            .spacing([12.0, 8.0])
            .show(ui, |ui| {
                let r = labelled_text(ui, tr("E-mail"), email, 260.0);
                if !std::mem::replace(focused_once, true) {
                    r.request_focus();
                }
                ui.end_row();
                let code_field = labelled_text(ui, tr("Order code"), code, 120.0);
                ui.end_row();
                code_field
            })
            .inner;
        ui.add_space(8.0);
        let (mut find, mut back) = (false, false);
        ui.horizontal(|ui| {
            find = ui.button(RichText::new(tr("Find")).strong()).clicked();
            back = ui.button(tr("Back")).clicked();
        });
        if let Some(outcome) = shell.outcome(ui, Asker::FindOrder) {
            let found = match outcome {
                Ok(Outcome::OrderFound(key)) => resume(shell.desk, key),
                Ok(_) => return Go::Stay,
                Err(e) => Err(e),
            };
            return match found {
                Ok(step) => Go::To(step),
                Err(e) => {
                    // Whatever was wrong (e-mail, code, both), one answer;
                    // after five misses with one e-mail, the lock.
                    *message = shell.triage(e).map(|e| match e {
                        AppError::OrderLookupLocked { until } => say(&Message::new(
                            "Too many wrong order codes for this e-mail. Try again after {time}.",
                        )
                        .text("time", crate::ui::i18n::format::until(until))),
                        // A code that cannot be one (O, 0, wrong length) says
                        // why: it tells nothing about which orders exist.
                        e @ AppError::Validation(_) => say(&e.message()),
                        _ => tr(NO_MATCH).to_string(),
                    });
                    code_field.request_focus();
                    Go::Stay
                }
            };
        }
        message_ui(ui, message.as_deref());
        if find || enter_submits(ui) {
            let command = UserCommand::FindOrder {
                email: email.clone(),
                order_code: code.clone(),
            };
            shell.send(Asker::FindOrder, command);
        }
        if back || escape_pressed(ui) {
            return Go::start_again();
        }
        Go::Stay
    }
}
