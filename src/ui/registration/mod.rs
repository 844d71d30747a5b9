//! The registration desk: the registrant's order wizard (conferences →
//! seats → details → payment → confirmation → attendees) and "find my
//! order". Screens call the app layer only.

use crate::ui::app::Shell;
use eframe::egui::Ui;

/// The registration desk's state.
#[derive(Default)]
pub struct RegistrationWorkspace {}

impl RegistrationWorkspace {
    /// Draws the current step.
    pub fn ui(&mut self, ui: &mut Ui, shell: &mut Shell<'_>) {
        let Self {} = self;
        ui.heading("Registration desk");
        for c in shell.desk.published_conferences() {
            ui.label(format!("{} — {}", c.info.name, c.info.slug));
        }
    }
}
