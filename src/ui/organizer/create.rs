//! Create conference: the form validated as you type (Create stays disabled
//! until every rule holds), then the new access code shown large with a
//! copy button and the outbox mail that carries it to the owner.

use crate::app::outbox::write_access_code_mail;
use crate::app::{AppError, OrganizerKey};
use crate::ui::i18n::{tr, tr_dynamic};
use crate::ui::organizer::form::ConferenceForm;
use crate::ui::organizer::{ConferenceScreen, Go, HomeScreen, OrganizerScreen};
use crate::ui::shell::Shell;
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
    pub outbox: Result<PathBuf, String>,
}

impl CreateScreen {
    /// Draws the screen.
    pub fn ui(&mut self, ui: &mut Ui, shell: &mut Shell<'_>) -> Go {
        ui.heading(tr("Create a conference"));
        ui.add_space(8.0);
        let errors = self.form.errors(shell.desk, None);
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
            if !valid {
                ui.label(
                    RichText::new(
                        tr("{n} field(s) to fix").replace("{n}", &errors.len().to_string()),
                    )
                    .weak(),
                );
            }
            if create {
                go = self.create(shell);
            }
        });
        if let Some(m) = &self.message {
            ui.label(RichText::new(tr_dynamic(m)).color(error_color(ui)));
        }
        go
    }

    fn create(&mut self, shell: &mut Shell<'_>) -> Go {
        let input = match self.form.to_input() {
            Ok(i) => i,
            Err(_) => return Go::Stay,
        };
        match shell.desk.organizer_mut().create_conference(input.clone()) {
            Ok((id, code)) => {
                let key = OrganizerKey {
                    slug: input.slug.clone(),
                    email: input.owner_email.clone(),
                    access_code: code.clone(),
                };
                let outbox = match shell.desk.read_models().conferences.get(id) {
                    Some(view) => {
                        write_access_code_mail(shell.path, &view, &code, shell.desk.now())
                            .map_err(|e| e.to_string())
                    }
                    None => Err("conference not found after creation".into()),
                };
                Go::To(OrganizerScreen::Created(CreatedScreen {
                    key,
                    name: input.name,
                    outbox,
                }))
            }
            Err(e) => {
                match shell.triage(e) {
                    Some(AppError::Validation(fields)) => {
                        self.form
                            .touched
                            .extend(fields.iter().map(|f| f.field.clone()));
                        self.message = Some(
                            fields
                                .iter()
                                .map(ToString::to_string)
                                .collect::<Vec<_>>()
                                .join("; "),
                        );
                    }
                    Some(other) => self.message = Some(other.to_string()),
                    None => {}
                }
                Go::Stay
            }
        }
    }
}

impl CreatedScreen {
    /// Draws the screen.
    pub fn ui(&mut self, ui: &mut Ui, shell: &mut Shell<'_>) -> Go {
        ui.heading(tr("“{name}” is created").replace("{name}", &self.name));
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
            Ok(p) => ui.label(
                tr("A mail with the code for {email} was written to {path} — send it when online.")
                    .replace("{email}", &self.key.email)
                    .replace("{path}", &p.display().to_string()),
            ),
            Err(e) => ui.label(
                RichText::new(
                    tr("The mail to the owner could not be written: {error}")
                        .replace("{error}", &tr_dynamic(e)),
                )
                .color(error_color(ui)),
            ),
        };
        ui.add_space(12.0);
        let mut go = Go::Stay;
        if ui.button(tr("Open the conference")).clicked() || enter_pressed(ui) {
            let opened = shell
                .desk
                .authorize_organizer(&self.key)
                .and_then(|access| ConferenceScreen::open(shell.desk, self.key.clone(), access));
            match opened {
                Ok(s) => go = Go::To(OrganizerScreen::Conference(Box::new(s))),
                Err(e) => {
                    if let Some(e) = shell.triage(e) {
                        shell.toast(ui, e.to_string());
                    }
                }
            }
        }
        go
    }
}
