//! The "owner e-mail + access code" form that opens a conference, shared by
//! the organizer's Home and the door's open screen: the same fields, the
//! same neutral refusal, and the same lock-out message after five wrong
//! codes (the app's [`AccessGuard`](crate::app::auth::AccessGuard) counts
//! them for both). A submit sends one [`UserCommand::OpenConference`]
//! value, so a wrong code is counted once per submit, after the frame; its
//! answer comes back on the next frame.

use crate::app::{AppError, ConferenceAccess, OrganizerKey, Outcome, UserCommand};
use crate::domain::Message;
use crate::ui::i18n::{say, tr};
use crate::ui::shell::{Asker, Shell};
use crate::ui::widgets::{enter_pressed, error_color, labelled_text};
use eframe::egui::{self, RichText, Ui};

/// What was typed, and the last refusal (already in the interface language).
#[derive(Debug, Default, Clone)]
pub struct OpenForm {
    /// Owner e-mail typed.
    pub email: String,
    /// Access code typed.
    pub code: String,
    /// The last refusal.
    pub message: Option<String>,
}

impl OpenForm {
    /// Draws the form with `button` as its submit, asking as `asker`;
    /// returns the organizer key and the access it was granted once the
    /// e-mail and code sent open a conference (the frame after the submit).
    /// `focus` puts the cursor in the e-mail field when nothing else has
    /// focus.
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        shell: &mut Shell<'_>,
        asker: Asker,
        button: &str,
        focus: bool,
    ) -> Option<(OrganizerKey, ConferenceAccess)> {
        let opened = shell
            .outcome(ui, asker)
            .and_then(|outcome| self.opened(shell, outcome));
        egui::Grid::new("open-form").num_columns(2).show(ui, |ui| {
            let e = labelled_text(ui, tr("Owner e-mail"), &mut self.email, 220.0);
            if focus && ui.memory(|m| m.focused().is_none()) {
                e.request_focus();
            }
            ui.end_row();
            let r = labelled_text(ui, tr("Access code"), &mut self.code, 120.0);
            ui.end_row();
            let submit = ui.button(button).clicked() || (r.lost_focus() && enter_pressed(ui));
            ui.end_row();
            if submit {
                shell.send(
                    asker,
                    UserCommand::OpenConference {
                        email: self.email.clone(),
                        access_code: self.code.clone(),
                    },
                );
            }
        });
        self.message_ui(ui);
        opened
    }

    /// Shows the last refusal, if any.
    fn message_ui(&self, ui: &mut Ui) {
        if let Some(m) = &self.message {
            ui.label(RichText::new(m.as_str()).color(error_color(ui)));
        }
    }

    /// Takes the answer to what was sent: the key and access, or the
    /// refusal to show.
    fn opened(
        &mut self,
        shell: &mut Shell<'_>,
        outcome: Result<Outcome, AppError>,
    ) -> Option<(OrganizerKey, ConferenceAccess)> {
        match outcome {
            Ok(Outcome::ConferenceOpened { key, access }) => {
                self.message = None;
                Some((key, access))
            }
            Ok(_) => None,
            Err(AppError::Locked { until }) => {
                self.message = Some(say(&Message::new(
                    "Too many wrong access codes. This conference is locked until {time}.",
                )
                // To the second: "until 09:13" read at 09:13:05 would be wrong.
                .text("time", crate::ui::i18n::format::until(until))));
                None
            }
            // A code that cannot be one (O, 0, wrong length): the rule, which
            // tells nothing about which conferences exist.
            Err(e @ AppError::Validation(_)) => {
                self.message = Some(crate::ui::i18n::say(&e.message()));
                None
            }
            Err(e) => {
                // An unknown slug, a wrong e-mail, a wrong code: one answer.
                self.message = shell
                    .triage(e)
                    .map(|_| tr("No conference matches that e-mail and access code.").to_string());
                None
            }
        }
    }
}
