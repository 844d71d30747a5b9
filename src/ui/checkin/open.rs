//! Opening the door: staff type the conference owner's e-mail and the
//! conference's access code, as on the organizer's Home. Wrong codes count
//! towards the same lock-out; a locked conference says until when.

use crate::ui::checkin::{CheckInScreen, DoorScreen, Go};
use crate::ui::i18n::{say, tr};
use crate::ui::open_form::OpenForm;
use crate::ui::shell::{Asker, Shell};
use eframe::egui::Ui;

/// The open screen's state.
#[derive(Debug, Default, Clone)]
pub struct OpenScreen {
    /// The owner e-mail and access code form.
    pub open: OpenForm,
}

impl OpenScreen {
    /// Draws the screen.
    pub fn ui(&mut self, ui: &mut Ui, shell: &mut Shell<'_>) -> Go {
        let Self { open } = self;
        let mut go = Go::Stay;
        ui.heading(tr("Check-in at the door"));
        ui.label(tr(
            "Open the conference with its owner's e-mail and access code to check attendees in.",
        ));
        ui.add_space(8.0);
        ui.group(|ui| {
            if let Some((_, access)) =
                open.ui(ui, shell, Asker::OpenDoor, tr("Open the door"), true)
            {
                match DoorScreen::open(shell.desk, access) {
                    Ok(door) => go = Go::To(CheckInScreen::Door(Box::new(door))),
                    Err(e) => open.message = shell.triage(e).map(|e| say(&e.message())),
                }
            }
        });
        go
    }
}
