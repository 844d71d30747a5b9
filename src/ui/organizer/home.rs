//! Home: "Create a conference" or "Open my conference" with the owner's
//! e-mail and access code. A wrong code gets one neutral message; after five
//! the conference locks for five minutes and the screen says until when.

use crate::app::AppError;
use crate::ui::app::Shell;
use crate::ui::i18n::{format as fmt, tr, tr_dynamic};
use crate::ui::organizer::{ConferenceScreen, Go, OrganizerScreen};
use crate::ui::widgets::{enter_pressed, error_color, labelled_text};
use eframe::egui::{self, RichText, Ui};

/// Home screen state.
#[derive(Debug, Default, Clone)]
pub struct HomeScreen {
    /// Owner e-mail typed.
    pub email: String,
    /// Access code typed.
    pub code: String,
    /// The last refusal.
    pub message: Option<String>,
}

impl HomeScreen {
    /// Draws the screen.
    pub fn ui(&mut self, ui: &mut Ui, shell: &mut Shell<'_>) -> Go {
        let Self {
            email,
            code,
            message,
        } = self;
        let mut go = Go::Stay;
        ui.heading(tr("Organizer"));
        ui.add_space(8.0);
        ui.columns(2, |cols| {
            let ui = &mut cols[0];
            ui.group(|ui| {
                ui.heading(tr("Create a conference"));
                ui.label(tr("Name, dates, seat types and prices; publish when ready."));
                if ui.button(tr("Create a conference…")).clicked() {
                    go = Go::To(OrganizerScreen::Create(Box::default()));
                }
            });
            let ui = &mut cols[1];
            ui.group(|ui| {
                ui.heading(tr("Open my conference"));
                egui::Grid::new("open-conference").num_columns(2).show(ui, |ui| {
                    labelled_text(ui, tr("Owner e-mail"), email, 220.0);
                    ui.end_row();
                    let r = labelled_text(ui, tr("Access code"), code, 120.0);
                    ui.end_row();
                    let submit = ui.button(tr("Open")).clicked() || (r.lost_focus() && enter_pressed(ui));
                    if submit {
                        match shell.desk.open_conference(email, code) {
                            Ok(key) => match ConferenceScreen::open(shell.desk, key) {
                                Ok(screen) => go = Go::To(OrganizerScreen::Conference(Box::new(screen))),
                                Err(e) => *message = shell.triage(e).map(|e| e.to_string()),
                            },
                            Err(AppError::Locked { until }) => {
                                *message = Some(
                                    tr("Too many wrong access codes. This conference is locked until {time}.")
                                        .replace("{time}", &fmt::time(fmt::local(until).time())),
                                );
                            }
                            Err(e) => *message = shell.triage(e).map(|_| tr("No conference matches that e-mail and access code.").to_string()),
                        }
                    }
                    ui.end_row();
                });
                if let Some(m) = message {
                    ui.label(RichText::new(tr_dynamic(m)).color(error_color(ui)));
                }
            });
        });
        go
    }
}
