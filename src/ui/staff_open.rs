//! "Open with a staff code": the conference's slug and a door or desk
//! staff code (staff do not know the owner's e-mail), shared by the door's
//! open screen and the registration desk. A submit sends one
//! [`UserCommand::OpenWithStaffCode`] value; wrong staff codes are counted
//! apart from the organizer's, so staff can lock only staff log-ins. The
//! answer is an access with the code's role; a code of the other role is
//! refused here with where it belongs.

use crate::app::{AppError, ConferenceAccess, Outcome, StaffKey, UserCommand};
use crate::domain::staff_code::StaffRole;
use crate::ui::i18n::{say, tr};
use crate::ui::shell::{Asker, Shell};
use crate::ui::widgets::{enter_pressed, error_color, labelled_text};
use eframe::egui::{self, RichText, Ui};

/// What was typed, and the last refusal (in the interface language).
#[derive(Debug, Default, Clone)]
pub struct StaffOpenForm {
    /// The conference's slug.
    pub slug: String,
    /// The staff code.
    pub code: String,
    /// The last refusal.
    pub message: Option<String>,
}

impl StaffOpenForm {
    /// Draws the form; returns the access once a staff code of `role`
    /// opened a conference (the frame after the submit).
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        shell: &mut Shell<'_>,
        role: StaffRole,
        button: &str,
    ) -> Option<ConferenceAccess> {
        let opened = shell
            .outcome(ui, Asker::OpenStaff)
            .and_then(|o| self.opened(shell, o, role));
        egui::Grid::new(("staff-open", role.as_str()))
            .num_columns(2)
            .show(ui, |ui| {
                labelled_text(ui, tr("Conference slug"), &mut self.slug, 220.0);
                ui.end_row();
                let r = labelled_text(ui, tr("Staff code"), &mut self.code, 120.0);
                ui.end_row();
                let submit = ui.button(button).clicked() || (r.lost_focus() && enter_pressed(ui));
                ui.end_row();
                if submit {
                    shell.send(
                        Asker::OpenStaff,
                        UserCommand::OpenWithStaffCode(StaffKey {
                            slug: self.slug.clone(),
                            code: self.code.clone(),
                        }),
                    );
                }
            });
        if let Some(m) = &self.message {
            ui.label(RichText::new(m.as_str()).color(error_color(ui)));
        }
        opened
    }

    fn opened(
        &mut self,
        shell: &mut Shell<'_>,
        outcome: Result<Outcome, AppError>,
        role: StaffRole,
    ) -> Option<ConferenceAccess> {
        match outcome {
            Ok(Outcome::Authorized(access)) => match access.staff_code() {
                Some((_, r)) if r != role => {
                    self.message = Some(
                        match r {
                            StaffRole::Door => tr("This is a door code: open it at Check-in."),
                            StaffRole::Desk => {
                                tr("This is a desk code: open it at the Registration desk.")
                            }
                        }
                        .to_string(),
                    );
                    None
                }
                _ => {
                    self.message = None;
                    self.code.clear();
                    Some(access)
                }
            },
            Ok(_) => None,
            Err(e @ (AppError::Validation(_) | AppError::Conflict(_))) => {
                self.message = Some(say(&e.message()));
                None
            }
            Err(e) => {
                self.message = shell
                    .triage(e)
                    .map(|_| tr("No conference matches that slug and staff code.").to_string());
                None
            }
        }
    }
}
