//! Opening the door: staff type the conference owner's e-mail and the
//! conference's access code, as on the organizer's Home. Wrong codes count
//! towards the same lock-out; a locked conference says until when.

use crate::app::AppError;
use crate::ui::app::Shell;
use crate::ui::checkin::{CheckInScreen, DoorScreen, Go};
use crate::ui::i18n::{format as fmt, tr, tr_dynamic};
use crate::ui::widgets::{enter_pressed, error_color, labelled_text};
use eframe::egui::{self, RichText, Ui};

/// The open screen's state.
#[derive(Debug, Default, Clone)]
pub struct OpenScreen {
    /// Owner e-mail typed.
    pub email: String,
    /// Access code typed.
    pub code: String,
    /// The last refusal, already translated.
    pub message: Option<String>,
}

impl OpenScreen {
    /// Draws the screen.
    pub fn ui(&mut self, ui: &mut Ui, shell: &mut Shell<'_>) -> Go {
        let Self {
            email,
            code,
            message,
        } = self;
        let mut go = Go::Stay;
        ui.heading(tr("Check-in at the door"));
        ui.label(tr(
            "Open the conference with its owner's e-mail and access code to check attendees in.",
        ));
        ui.add_space(8.0);
        ui.group(|ui| {
            egui::Grid::new("open-door").num_columns(2).show(ui, |ui| {
                let e = labelled_text(ui, tr("Owner e-mail"), email, 220.0);
                if ui.memory(|m| m.focused().is_none()) {
                    e.request_focus();
                }
                ui.end_row();
                let r = labelled_text(ui, tr("Access code"), code, 120.0);
                ui.end_row();
                let submit = ui.button(tr("Open the door")).clicked()
                    || (r.lost_focus() && enter_pressed(ui));
                ui.end_row();
                if submit {
                    match open(shell, email, code) {
                        Ok(door) => go = Go::To(CheckInScreen::Door(Box::new(door))),
                        Err(m) => *message = m,
                    }
                }
            });
            if let Some(m) = message {
                ui.label(RichText::new(m.as_str()).color(error_color(ui)));
            }
        });
        go
    }
}

/// The door screen of the conference the e-mail and code open, or the
/// message to show (none when the error went to the dialog).
fn open(shell: &mut Shell<'_>, email: &str, code: &str) -> Result<DoorScreen, Option<String>> {
    let key = match shell.desk.open_conference(email, code) {
        Ok(key) => key,
        Err(AppError::Locked { until }) => {
            return Err(Some(
                tr("Too many wrong access codes. This conference is locked until {time}.")
                    .replace("{time}", &fmt::time(fmt::local(until).time())),
            ));
        }
        Err(e) => {
            return Err(shell
                .triage(e)
                .map(|_| tr("No conference matches that e-mail and access code.").to_string()));
        }
    };
    DoorScreen::open(shell.desk, key)
        .map_err(|e| shell.triage(e).map(|e| tr_dynamic(&e.to_string())))
}
