//! Create conference: the form validated as you type (Create stays disabled
//! until every rule holds, and the fields to fix are listed by name, each
//! a link to its field; a start before today is warned about), then the new
//! access code shown large with a copy button and the outbox mail that
//! carries it to the owner.

use crate::app::outbox::write_access_code_mail;
use crate::app::{AppError, OrganizerKey, Outcome, UserCommand};
use crate::domain::Message;
use crate::ui::i18n::{say, tr};
use crate::ui::organizer::form::ConferenceForm;
use crate::ui::organizer::{ConferenceScreen, Go, HomeScreen, OrganizerScreen};
use crate::ui::shell::{Asker, Shell};
use crate::ui::widgets::{enter_pressed, error_color, escape_pressed};
use eframe::egui::{self, RichText, Ui};
use std::path::PathBuf;

/// Create screen state.
#[derive(Debug, Clone)]
pub struct CreateScreen {
    /// The form.
    pub form: ConferenceForm,
    /// A refusal from the app not tied to a field.
    pub message: Option<String>,
}

impl Default for CreateScreen {
    fn default() -> Self {
        Self {
            form: ConferenceForm::new(),
            message: None,
        }
    }
}

/// The access code of a just-created conference.
#[derive(Debug, Clone)]
pub struct CreatedScreen {
    /// How to open it.
    pub key: OrganizerKey,
    /// Conference name.
    pub name: String,
    /// Where the mail to the owner was written (or why not).
    pub outbox: Result<PathBuf, Message>,
}

impl CreateScreen {
    /// Draws the screen.
    pub fn ui(&mut self, ui: &mut Ui, shell: &mut Shell<'_>) -> Go {
        if let Some(outcome) = shell.outcome(ui, Asker::CreateConference) {
            let go = self.created(shell, outcome);
            if !matches!(go, Go::Stay) {
                return go;
            }
        }
        ui.heading(tr("Create a conference"));
        ui.add_space(8.0);
        let errors = self.form.errors(shell.desk, None);
        // "Today" from the desk's clock, as every screen's "now".
        self.form.today = Some(shell.desk.now().date_naive());
        self.form.ui(ui, &errors, false);
        ui.add_space(8.0);
        let mut go = Go::Stay;
        ui.horizontal(|ui| {
            let valid = errors.is_empty();
            let create = ui
                .add_enabled(valid, egui::Button::new(tr("Create")))
                .clicked()
                || (valid && enter_pressed(ui));
            if ui.button(tr("Cancel")).clicked() || escape_pressed(ui) {
                go = Go::To(OrganizerScreen::Home(HomeScreen::default()));
            }
            if create {
                go = self.create(shell);
            }
        });
        self.form.fields_to_fix_ui(ui, &errors);
        if let Some(m) = &self.message {
            ui.label(RichText::new(m.as_str()).color(error_color(ui)));
        }
        go
    }

    fn create(&mut self, shell: &mut Shell<'_>) -> Go {
        let Ok(input) = self.form.to_input() else {
            return Go::Stay;
        };
        shell.send(
            Asker::CreateConference,
            UserCommand::CreateConference(input),
        );
        Go::Stay
    }

    /// What Create did (the frame after it was asked for): on to the new
    /// conference's access code, or the refusal in the form.
    fn created(&mut self, shell: &mut Shell<'_>, outcome: Result<Outcome, AppError>) -> Go {
        let (id, code) = match outcome {
            Ok(Outcome::ConferenceCreated { id, access_code }) => (id, access_code),
            Ok(_) => return Go::Stay,
            Err(e) => {
                match shell.triage(e) {
                    Some(AppError::Validation(fields)) => {
                        self.form
                            .touched
                            .extend(fields.iter().map(|f| f.field.clone()));
                        // Each rule shows beside its field, and the field
                        // in the list of fields to fix: no banner.
                        self.message = None;
                    }
                    Some(other) => self.message = Some(say(&other.message())),
                    None => {}
                }
                return Go::Stay;
            }
        };
        // The form still holds what was sent: the key is made of it, as typed.
        let Ok(input) = self.form.to_input() else {
            return Go::Stay;
        };
        let key = OrganizerKey {
            slug: input.slug.clone(),
            email: input.owner_email.clone(),
            access_code: code.clone(),
        };
        let outbox = match shell.desk.read_models().conferences.get(id) {
            Some(view) => write_access_code_mail(
                &shell.location.outbox_dir(),
                shell.desk.protected(),
                &view,
                &code,
                shell.desk.now(),
                &crate::ui::i18n::words(),
            )
            .map_err(|e| e.message()),
            None => Err(Message::new("conference not found after creation")),
        };
        Go::To(OrganizerScreen::Created(CreatedScreen {
            key,
            name: input.name,
            outbox,
        }))
    }
}

impl CreatedScreen {
    /// Draws the screen.
    pub fn ui(&mut self, ui: &mut Ui, shell: &mut Shell<'_>) -> Go {
        ui.heading(say(
            &Message::new("“{name}” is created").text("name", &self.name)
        ));
        ui.add_space(12.0);
        ui.label(tr(
            "Its access code — with the owner e-mail it opens the conference:",
        ));
        ui.horizontal(|ui| {
            ui.label(
                RichText::new(&self.key.access_code)
                    .monospace()
                    .size(48.0)
                    .strong(),
            );
            if ui.button(tr("Copy")).clicked() {
                ui.ctx().copy_text(self.key.access_code.clone());
                shell.toast(ui, tr("Access code copied"));
            }
        });
        match &self.outbox {
            Ok(p) => ui.label(say(&Message::new(
                "A mail with the code for {email} was written to {path} — send it when online.",
            )
            .text("email", &self.key.email)
            .text("path", p.display().to_string()))),
            Err(e) => ui.label(
                RichText::new(say(&Message::new(
                    "The mail to the owner could not be written: {error}",
                )
                .message("error", e.clone())))
                .color(error_color(ui)),
            ),
        };
        ui.add_space(12.0);
        let mut go = Go::Stay;
        if ui.button(tr("Open the conference")).clicked() || enter_pressed(ui) {
            // The key is checked (and counted) after the frame, like every try.
            let command = UserCommand::AuthorizeOrganizer(self.key.clone());
            shell.send(Asker::OpenCreated, command);
        }
        if let Some(outcome) = shell.outcome(ui, Asker::OpenCreated) {
            let opened = match outcome {
                Ok(Outcome::Authorized(access)) => {
                    ConferenceScreen::open(shell.desk, self.key.clone(), access)
                }
                Ok(_) => return go,
                Err(e) => Err(e),
            };
            match opened {
                Ok(s) => go = Go::To(OrganizerScreen::Conference(Box::new(s))),
                Err(e) => {
                    if let Some(e) = shell.triage(e) {
                        shell.toast(ui, say(&e.message()));
                    }
                }
            }
        }
        go
    }
}
