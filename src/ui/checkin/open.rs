//! Opening the door: staff type the conference owner's e-mail and the
//! conference's access code, as on the organizer's Home, or the slug and a
//! door staff code. Wrong access codes count towards the organizer's
//! lock-out, wrong staff codes towards staff's own; a locked conference
//! says until when.

use crate::domain::staff_code::StaffRole;
use crate::ui::checkin::{CheckInScreen, DoorScreen, Go};
use crate::ui::i18n::{say, tr};
use crate::ui::open_form::OpenForm;
use crate::ui::shell::{Asker, Shell};
use crate::ui::staff_open::StaffOpenForm;
use eframe::egui::Ui;

/// The open screen's state.
#[derive(Debug, Default, Clone)]
pub struct OpenScreen {
    /// The owner e-mail and access code form.
    pub open: OpenForm,
    /// The slug and door staff code form.
    pub staff: StaffOpenForm,
}

impl OpenScreen {
    /// Draws the screen.
    pub fn ui(&mut self, ui: &mut Ui, shell: &mut Shell<'_>) -> Go {
        let Self { open, staff } = self;
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
        ui.add_space(8.0);
        ui.label(tr("Or with a door staff code:"));
        ui.group(|ui| {
            if let Some(access) = staff.ui(
                ui,
                shell,
                StaffRole::Door,
                tr("Open the door with the staff code"),
            ) {
                match DoorScreen::open(shell.desk, access) {
                    Ok(door) => go = Go::To(CheckInScreen::Door(Box::new(door))),
                    Err(e) => staff.message = shell.triage(e).map(|e| say(&e.message())),
                }
            }
        });
        go
    }
}
