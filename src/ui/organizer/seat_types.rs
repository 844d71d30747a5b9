//! Seat types tab: name, description, quota, price, reserved, sold, left;
//! add a seat type in the row below the table, edit one in place. A quota
//! below reserved + sold is refused by the app with the reason, shown here.

use crate::app::projections::ConferenceView;
use crate::app::{ConferenceAccess, SeatTypeChanges, SeatTypeDraft, UserCommand};
use crate::domain::{Message, SeatTypeId};
use crate::ui::i18n::{format as fmt, say, tr};
use crate::ui::shell::{Asker, Shell};
use crate::ui::widgets::{enter_pressed, error_color, escape_pressed, labelled_text};
use eframe::egui::{self, RichText, Ui};
use egui_extras::{Column, TableBuilder};

/// Seat types tab state.
#[derive(Debug, Clone, Default)]
pub struct SeatTypesTab {
    /// The add row.
    pub new_seat: SeatTypeDraft,
    /// The row being edited: its seat type and the draft.
    pub editing: Option<(SeatTypeId, SeatTypeDraft)>,
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
                    say(&Message::new("Price ({currency})")
                        .text("currency", view.info.currency.code()));
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
                        Some((id, d)) if *id == s.id => {
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
                                    ui.label(fmt::count(n));
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
                                &fmt::count(s.quota),
                                &fmt::money(s.price),
                            ] {
                                row.col(|ui| {
                                    ui.label(t.as_str());
                                });
                            }
                            for n in [s.reserved, s.sold, s.left] {
                                row.col(|ui| {
                                    ui.label(fmt::count(n));
                                });
                            }
                            row.col(|ui| {
                                if ui.button(tr("Edit")).clicked() {
                                    start_edit = Some(Some((s.id, SeatTypeDraft::from_view(s))));
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
            ui.label(RichText::new(m.as_str()).color(error_color(ui)));
        }
    }

    /// What the last frame's Save or Add did (taken whichever tab shows).
    pub fn take_outcomes(&mut self, ui: &Ui, shell: &mut Shell<'_>) {
        match shell.outcome(ui, Asker::SeatTypeEdit) {
            Some(Ok(_)) => {
                self.editing = None;
                self.message = None;
            }
            Some(Err(e)) => self.message = shell.triage(e).map(|e| say(&e.message())),
            None => {}
        }
        match shell.outcome(ui, Asker::SeatTypeAdd) {
            Some(Ok(_)) => {
                self.new_seat = SeatTypeDraft::default();
                self.message = None;
            }
            Some(Err(e)) => self.message = shell.triage(e).map(|e| say(&e.message())),
            None => {}
        }
    }

    fn save_edit(&mut self, shell: &mut Shell<'_>, access: &ConferenceAccess) {
        let Some((seat_type, d)) = &self.editing else {
            return;
        };
        let changes = SeatTypeChanges {
            name: Some(d.name.clone()),
            description: Some(d.description.clone()),
            quota: Some(d.quota.clone()),
            price: Some(d.price.clone()),
        };
        let save = UserCommand::UpdateSeatType {
            access: access.clone(),
            seat_type: *seat_type,
            changes,
        };
        shell.send(Asker::SeatTypeEdit, save);
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
        let add = UserCommand::AddSeatType {
            access: access.clone(),
            draft: d.clone(),
        };
        shell.send(Asker::SeatTypeAdd, add);
    }
}
