//! Seat types tab: name, description, quota, price, reserved, sold, left;
//! add a seat type in the row below the table, edit one in place. A quota
//! below reserved + sold is refused by the app with the reason, shown here.

use crate::app::projections::{ConferenceView, SeatTypeView};
use crate::app::{ConferenceAccess, SeatTypeChanges, SeatTypeDraft};
use crate::ui::i18n::{format as fmt, tr, tr_dynamic};
use crate::ui::shell::Shell;
use crate::ui::widgets::{enter_pressed, error_color, escape_pressed, labelled_text};
use eframe::egui::{self, RichText, Ui};
use egui_extras::{Column, TableBuilder};

/// Text of a seat type being added or edited.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SeatDraft {
    /// Name.
    pub name: String,
    /// Description.
    pub description: String,
    /// Quota, as typed.
    pub quota: String,
    /// Price, as typed.
    pub price: String,
}

impl SeatDraft {
    fn from_view(s: &SeatTypeView) -> Self {
        Self {
            name: s.name.clone(),
            description: s.description.clone(),
            quota: s.quota.to_string(),
            price: s.price.amount_string(),
        }
    }

    fn quota(&self) -> Result<i64, String> {
        self.quota
            .trim()
            .parse::<i64>()
            .map_err(|_| "quota: a whole number, 0 or more".to_string())
    }
}

/// Seat types tab state.
#[derive(Debug, Clone, Default)]
pub struct SeatTypesTab {
    /// The add row.
    pub new_seat: SeatDraft,
    /// The row being edited: its original name and the draft.
    pub editing: Option<(String, SeatDraft)>,
    /// The last refusal.
    pub message: Option<String>,
}

impl SeatTypesTab {
    /// Draws the tab.
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        shell: &mut Shell<'_>,
        access: &ConferenceAccess,
        view: &ConferenceView,
    ) {
        let mut save_edit = false;
        let mut start_edit = None;
        let text_h = 24.0;
        TableBuilder::new(ui)
            .striped(true)
            .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
            .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
            .column(Column::auto().at_least(140.0))
            .column(Column::remainder().at_least(160.0))
            .columns(Column::auto().at_least(64.0), 5)
            .column(Column::auto().at_least(110.0))
            .header(text_h, |mut h| {
                let price =
                    tr("Price ({currency})").replace("{currency}", view.info.currency.code());
                for t in [
                    tr("Name"),
                    tr("Description"),
                    tr("Quota"),
                    &price,
                    tr("Reserved"),
                    tr("Sold"),
                    tr("Left"),
                    "",
                ] {
                    h.col(|ui| {
                        ui.strong(t);
                    });
                }
            })
            .body(|mut body| {
                for s in &view.seat_types {
                    body.row(text_h + 4.0, |mut row| match &mut self.editing {
                        Some((name, d)) if *name == s.name => {
                            row.col(|ui| {
                                ui.text_edit_singleline(&mut d.name);
                            });
                            row.col(|ui| {
                                ui.text_edit_singleline(&mut d.description);
                            });
                            row.col(|ui| {
                                ui.add(
                                    egui::TextEdit::singleline(&mut d.quota).desired_width(56.0),
                                );
                            });
                            row.col(|ui| {
                                ui.add(
                                    egui::TextEdit::singleline(&mut d.price).desired_width(80.0),
                                );
                            });
                            for n in [s.reserved, s.sold, s.left] {
                                row.col(|ui| {
                                    ui.label(n.to_string());
                                });
                            }
                            row.col(|ui| {
                                if ui.button(tr("Save")).clicked() || enter_pressed(ui) {
                                    save_edit = true;
                                }
                                if ui.button(tr("Cancel")).clicked() || escape_pressed(ui) {
                                    start_edit = Some(None);
                                }
                            });
                        }
                        _ => {
                            for t in [
                                &s.name,
                                &s.description,
                                &s.quota.to_string(),
                                &fmt::money(s.price),
                            ] {
                                row.col(|ui| {
                                    ui.label(t.as_str());
                                });
                            }
                            for n in [s.reserved, s.sold, s.left] {
                                row.col(|ui| {
                                    ui.label(n.to_string());
                                });
                            }
                            row.col(|ui| {
                                if ui.button(tr("Edit")).clicked() {
                                    start_edit =
                                        Some(Some((s.name.clone(), SeatDraft::from_view(s))));
                                }
                            });
                        }
                    });
                }
            });
        if let Some(e) = start_edit {
            self.editing = e;
            self.message = None;
        }
        if save_edit {
            self.save_edit(shell, access);
        }
        ui.add_space(8.0);
        self.add_row_ui(ui, shell, access);
        if let Some(m) = &self.message {
            ui.label(RichText::new(tr_dynamic(m)).color(error_color(ui)));
        }
    }

    fn save_edit(&mut self, shell: &mut Shell<'_>, access: &ConferenceAccess) {
        let Some((name, d)) = &self.editing else {
            return;
        };
        let quota = match d.quota() {
            Ok(q) => q,
            Err(m) => {
                self.message = Some(m);
                return;
            }
        };
        let changes = SeatTypeChanges {
            name: Some(d.name.clone()),
            description: Some(d.description.clone()),
            quota: Some(quota),
            price: Some(d.price.clone()),
        };
        match shell
            .desk
            .organizer_mut()
            .update_seat_type(access, name, changes)
        {
            Ok(()) => {
                self.editing = None;
                self.message = None;
            }
            Err(e) => self.message = shell.triage(e).map(|e| e.to_string()),
        }
    }

    fn add_row_ui(&mut self, ui: &mut Ui, shell: &mut Shell<'_>, access: &ConferenceAccess) {
        ui.strong(tr("Add a seat type"));
        let d = &mut self.new_seat;
        let mut submit = false;
        ui.horizontal(|ui| {
            labelled_text(ui, tr("Seat type name"), &mut d.name, 140.0);
            labelled_text(ui, tr("Seat type description"), &mut d.description, 180.0);
            labelled_text(ui, tr("Quota"), &mut d.quota, 56.0);
            let r = labelled_text(ui, tr("Price"), &mut d.price, 80.0);
            submit = ui.button(tr("Add")).clicked() || (r.lost_focus() && enter_pressed(ui));
        });
        if !submit {
            return;
        }
        let quota = match d.quota() {
            Ok(q) => q,
            Err(m) => {
                self.message = Some(m);
                return;
            }
        };
        let draft = SeatTypeDraft {
            name: d.name.clone(),
            description: d.description.clone(),
            quota,
            price: d.price.clone(),
        };
        match shell.desk.organizer_mut().add_seat_type(access, draft) {
            Ok(_) => {
                self.new_seat = SeatDraft::default();
                self.message = None;
            }
            Err(e) => self.message = shell.triage(e).map(|e| e.to_string()),
        }
    }
}
