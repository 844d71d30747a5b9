//! Home: "Create a conference" or "Open my conference" with the owner's
//! e-mail and access code. A wrong code gets one neutral message; after five
//! the conference locks for five minutes and the screen says until when.

use crate::ui::i18n::{say, tr};
use crate::ui::open_form::OpenForm;
use crate::ui::organizer::{ConferenceScreen, Go, OrganizerScreen};
use crate::ui::shell::{Asker, Shell};
use eframe::egui::Ui;

/// Home screen state.
#[derive(Debug, Default, Clone)]
pub struct HomeScreen {
    /// "Open my conference".
    pub open: OpenForm,
}

impl HomeScreen {
    /// Draws the screen.
    pub fn ui(&mut self, ui: &mut Ui, shell: &mut Shell<'_>) -> Go {
        let Self { open } = self;
        let mut go = Go::Stay;
        ui.heading(tr("Organizer"));
        ui.add_space(8.0);
        ui.columns(2, |cols| {
            let ui = &mut cols[0];
            ui.group(|ui| {
                ui.heading(tr("Create a conference"));
                ui.label(tr(
                    "Name, dates, seat types and prices; publish when ready.",
                ));
                if ui.button(tr("Create a conference…")).clicked() {
                    go = Go::To(OrganizerScreen::Create(Box::default()));
                }
            });
            let ui = &mut cols[1];
            ui.group(|ui| {
                ui.heading(tr("Open my conference"));
                if let Some((key, access)) =
                    open.ui(ui, shell, Asker::OpenConference, tr("Open"), false)
                {
                    match ConferenceScreen::open(shell.desk, key, access) {
                        Ok(screen) => go = Go::To(OrganizerScreen::Conference(Box::new(screen))),
                        Err(e) => open.message = shell.triage(e).map(|e| say(&e.message())),
                    }
                }
            });
        });
        go
    }
}
