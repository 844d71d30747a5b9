//! The conference screen's Staff tab (issue 18 item 2): the organizer
//! makes codes for door and desk staff (role and label), sees the new code
//! once — large, with Copy — lists every code with its role, when it was
//! made and when it was revoked, and revokes one after a Yes/No. The codes
//! themselves are never listed: the log keeps only their digests. Rules
//! (label required, unique among live codes) come back from the domain
//! and are shown under the field.

use crate::app::{AppError, ConferenceAccess, NewStaffCode, Outcome, UserCommand};
use crate::domain::Message;
use crate::domain::staff_code::{StaffCode, StaffCodeId, StaffRole};
use crate::ui::i18n::format::{date_time, local};
use crate::ui::i18n::{say, tr};
use crate::ui::shell::{Asker, Shell};
use crate::ui::widgets::{enter_pressed, error_color};
use eframe::egui::{self, RichText, Ui};

/// The Staff tab's UI-only state.
#[derive(Debug, Clone)]
pub struct StaffTab {
    /// The role picked for a new code.
    pub role: StaffRole,
    /// The label typed for a new code.
    pub label: String,
    /// The code just made, shown until Done.
    pub created: Option<NewStaffCode>,
    /// The code whose Revoke waits for Yes or No: id and label.
    pub confirm_revoke: Option<(StaffCodeId, String)>,
    /// The last refusal, in the interface language.
    pub message: Option<String>,
}

impl Default for StaffTab {
    fn default() -> Self {
        Self {
            role: StaffRole::Door,
            label: String::new(),
            created: None,
            confirm_revoke: None,
            message: None,
        }
    }
}

/// A role in words.
fn role_word(role: StaffRole) -> &'static str {
    match role {
        StaffRole::Door => tr("Door: search, check in, undo"),
        StaffRole::Desk => tr("Desk: sell"),
    }
}

impl StaffTab {
    /// Draws the tab for the conference `access` opens (the organizer's).
    pub fn ui(&mut self, ui: &mut Ui, shell: &mut Shell<'_>, access: &ConferenceAccess) {
        self.take_outcomes(ui, shell);
        ui.label(tr(
            "Give door and desk staff their own code instead of the access code: a door code searches and checks in, a desk code sells. Wrong staff codes lock only staff log-ins.",
        ));
        ui.add_space(6.0);
        self.add_ui(ui, shell, access);
        self.created_ui(ui, shell);
        ui.separator();
        match shell.desk.organizer().staff_codes(access) {
            Ok(codes) if codes.is_empty() => {
                ui.label(RichText::new(tr("No staff codes yet.")).weak());
            }
            Ok(codes) => self.list_ui(ui, &codes),
            Err(e) => {
                ui.label(RichText::new(say(&e.message())).color(error_color(ui)));
            }
        }
        self.confirm_ui(ui, shell, access);
    }

    fn add_ui(&mut self, ui: &mut Ui, shell: &mut Shell<'_>, access: &ConferenceAccess) {
        ui.horizontal_wrapped(|ui| {
            for role in [StaffRole::Door, StaffRole::Desk] {
                ui.radio_value(&mut self.role, role, role_word(role));
            }
        });
        let mut submit = false;
        ui.horizontal(|ui| {
            let name = ui.label(tr("Label"));
            let r = ui
                .add(
                    egui::TextEdit::singleline(&mut self.label)
                        .hint_text(tr("e.g. Door 2"))
                        .desired_width(180.0),
                )
                .labelled_by(name.id);
            submit = r.lost_focus() && enter_pressed(ui);
            submit |= ui.button(tr("Add staff code")).clicked();
        });
        if let Some(m) = &self.message {
            ui.label(RichText::new(m.as_str()).color(error_color(ui)));
        }
        if submit {
            shell.send(
                Asker::StaffCodeAdd,
                UserCommand::CreateStaffCode {
                    access: access.clone(),
                    role: self.role,
                    label: self.label.clone(),
                },
            );
        }
    }

    /// The new code, once, with Copy and Done.
    fn created_ui(&mut self, ui: &mut Ui, shell: &mut Shell<'_>) {
        let Some(new) = &self.created else {
            return;
        };
        let mut done = false;
        ui.group(|ui| {
            ui.label(say(&Message::new(
                "Staff code for {label} — shown only now; hand it over:",
            )
            .text("label", new.label.clone())));
            ui.horizontal(|ui| {
                ui.label(RichText::new(&new.code).monospace().size(36.0).strong());
                if ui.button(tr("Copy")).clicked() {
                    ui.ctx().copy_text(new.code.clone());
                    shell.toast(ui, tr("Staff code copied"));
                }
                done = ui.button(tr("Done")).clicked();
            });
        });
        if done {
            self.created = None;
        }
    }

    fn list_ui(&mut self, ui: &mut Ui, codes: &[StaffCode]) {
        egui::Grid::new("staff-codes")
            .num_columns(4)
            .striped(true)
            .show(ui, |ui| {
                for h in [tr("Label"), tr("Role"), tr("Created"), ""] {
                    ui.label(RichText::new(h).strong());
                }
                ui.end_row();
                for c in codes {
                    ui.label(&c.label);
                    ui.label(match c.role {
                        StaffRole::Door => tr("Door"),
                        StaffRole::Desk => tr("Desk"),
                    });
                    ui.label(date_time(local(c.created_at)));
                    match c.revoked_at {
                        Some(at) => {
                            ui.label(
                                RichText::new(say(&Message::new("Revoked {time}")
                                    .text("time", date_time(local(at)))))
                                .weak(),
                            );
                        }
                        None => {
                            if ui.button(tr("Revoke")).clicked() {
                                self.confirm_revoke = Some((c.id, c.label.clone()));
                            }
                        }
                    }
                    ui.end_row();
                }
            });
    }

    /// "Revoke the staff code Door 2? …" with Yes and No (No focused
    /// first; Escape or a click outside is No).
    fn confirm_ui(&mut self, ui: &Ui, shell: &mut Shell<'_>, access: &ConferenceAccess) {
        let Some((id, label)) = self.confirm_revoke.clone() else {
            return;
        };
        let modal = egui::Modal::new(egui::Id::unique("confirm-revoke-staff")).show(ui.ctx(), |ui| {
            ui.label(
                RichText::new(say(&Message::new(
                    "Revoke the staff code {label}? It stops working at its next action, on every desk.",
                )
                .text("label", label.clone())))
                .strong(),
            );
            ui.add_space(8.0);
            let mut answer = None;
            ui.horizontal(|ui| {
                let yes = ui.button(tr("Yes, revoke"));
                let no = ui.button(tr("No"));
                if !yes.has_focus() && !no.has_focus() {
                    no.request_focus();
                }
                if yes.clicked() {
                    answer = Some(true);
                }
                if no.clicked() {
                    answer = Some(false);
                }
            });
            answer
        });
        match modal.inner.or(modal.should_close().then_some(false)) {
            Some(true) => {
                self.confirm_revoke = None;
                shell.send(
                    Asker::StaffCodeRevoke,
                    UserCommand::RevokeStaffCode {
                        access: access.clone(),
                        staff_code: id,
                    },
                );
            }
            Some(false) => self.confirm_revoke = None,
            None => {}
        }
    }

    fn take_outcomes(&mut self, ui: &Ui, shell: &mut Shell<'_>) {
        match shell.outcome(ui, Asker::StaffCodeAdd) {
            Some(Ok(Outcome::StaffCodeCreated(new))) => {
                self.message = None;
                self.label.clear();
                self.created = Some(new);
            }
            Some(Err(e)) => self.message = shell.triage(e).map(|e| say(&e.message())),
            _ => {}
        }
        if let Some(Err(e)) = shell.outcome(ui, Asker::StaffCodeRevoke) {
            self.message = shell.triage(e).map(|e: AppError| say(&e.message()));
        }
    }
}
