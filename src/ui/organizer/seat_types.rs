//! Seat types tab: name, description, quota, price, reserved, sold, left;
//! add a seat type in the rows below the table, edit one in place, remove
//! one nobody holds a seat of (after a confirmation). Like the create form,
//! every field of the row being edited and of the add row is checked as it
//! is typed (`Organizer::check_seat_type`), each rule shown under its own
//! field; a refusal of the app for the edited row is shown in that row.

use crate::app::projections::{ConferenceView, SeatTypeView};
use crate::app::{AppError, ConferenceAccess, SeatTypeChanges, SeatTypeDraft, UserCommand};
use crate::domain::{Field, FieldError, Message, SeatTypeId};
use crate::ui::i18n::{format as fmt, say, tr};
use crate::ui::shell::{Asker, Shell};
use crate::ui::widgets::{enter_pressed, error_color, error_for, escape_pressed};
use eframe::egui::{self, RichText, Ui};
use egui_extras::{Column, TableBuilder};
use std::collections::BTreeSet;

/// Seat types tab state.
#[derive(Debug, Clone, Default)]
pub struct SeatTypesTab {
    /// The add row.
    pub new_seat: SeatTypeDraft,
    /// Fields of the add row the organizer has typed in (or all of them
    /// after Add was pressed): only those show their rule.
    pub new_touched: BTreeSet<Field>,
    /// The row being edited: its seat type and the draft.
    pub editing: Option<(SeatTypeId, SeatTypeDraft)>,
    /// The app's refusal of the edited row (shown in that row).
    pub edit_message: Option<String>,
    /// The app's refusal of the add row (shown under it).
    pub message: Option<String>,
    /// The seat type whose removal waits for Yes or No.
    pub confirm_remove: Option<(SeatTypeId, String)>,
}

/// What the table's buttons asked for this frame.
#[derive(Default)]
struct Clicks {
    save: bool,
    edit: Option<Option<(SeatTypeId, SeatTypeDraft)>>,
    remove: Option<(SeatTypeId, String)>,
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
        let edit_errors = match &self.editing {
            Some((id, d)) => shell.desk.organizer().check_seat_type(access, Some(*id), d),
            None => Vec::new(),
        };
        let clicks = self.table_ui(ui, view, &edit_errors);
        if let Some(e) = clicks.edit {
            self.editing = e;
            self.edit_message = None;
        }
        if clicks.save && edit_errors.is_empty() {
            self.save_edit(shell, access);
        }
        if let Some(r) = clicks.remove {
            self.confirm_remove = Some(r);
        }
        self.confirm_remove_ui(ui, shell, access);
        ui.add_space(8.0);
        self.add_row_ui(ui, shell, access);
        if let Some(m) = &self.message {
            ui.label(RichText::new(m.as_str()).color(error_color(ui)));
        }
    }

    fn table_ui(&mut self, ui: &mut Ui, view: &ConferenceView, errors: &[FieldError]) -> Clicks {
        let mut clicks = Clicks::default();
        let text_h = 24.0;
        // The edited row grows to show its rules, wrapped to their fields'
        // widths (so no column widens and the actions stay in the window).
        let edit_h = text_h + 4.0 + rule_lines(errors, self.edit_message.as_deref()) * 13.0;
        TableBuilder::new(ui)
            .striped(true)
            .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
            .column(Column::auto().at_least(140.0))
            .column(Column::remainder().at_least(160.0))
            .columns(Column::auto().at_least(64.0), 5)
            .column(Column::auto().at_least(150.0))
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
                    let editing = matches!(&self.editing, Some((id, _)) if *id == s.id);
                    let height = if editing { edit_h } else { text_h + 4.0 };
                    body.row(height, |mut row| match &mut self.editing {
                        Some((id, d)) if *id == s.id => {
                            let cells: [(&mut String, Field, &str, f32); 4] = [
                                (&mut d.name, Field::SeatTypeName, tr("Name"), 140.0),
                                (
                                    &mut d.description,
                                    Field::SeatTypeDescription,
                                    tr("Description"),
                                    160.0,
                                ),
                                (&mut d.quota, Field::Quota, tr("Quota"), 64.0),
                                (&mut d.price, Field::Price, tr("Price"), 80.0),
                            ];
                            for (value, field, label, width) in cells {
                                row.col(|ui| {
                                    ui.vertical(|ui| {
                                        let e = error_for(errors, &field);
                                        edit_cell_ui(ui, value, label, e.as_deref(), width);
                                    });
                                });
                            }
                            counts_ui(&mut row, s);
                            row.col(|ui| {
                                ui.vertical(|ui| {
                                    ui.horizontal(|ui| {
                                        if ui.button(tr("Save")).clicked() || enter_pressed(ui) {
                                            clicks.save = true;
                                        }
                                        if ui.button(tr("Cancel")).clicked() || escape_pressed(ui)
                                        {
                                            clicks.edit = Some(None);
                                        }
                                    });
                                    if let Some(m) = &self.edit_message {
                                        ui.label(
                                            RichText::new(m.as_str())
                                                .color(error_color(ui))
                                                .small(),
                                        );
                                    }
                                });
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
                            counts_ui(&mut row, s);
                            row.col(|ui| {
                                if ui.button(tr("Edit")).clicked() {
                                    clicks.edit = Some(Some((s.id, SeatTypeDraft::from_view(s))));
                                }
                                let free = s.reserved == 0 && s.sold == 0;
                                let remove = ui
                                    .add_enabled(free, egui::Button::new(tr("Remove")))
                                    .on_disabled_hover_text(tr(
                                        "Seats of this type are reserved or sold: it cannot be removed.",
                                    ));
                                if remove.clicked() {
                                    clicks.remove = Some((s.id, s.name.clone()));
                                }
                            });
                        }
                    });
                }
            });
        clicks
    }

    /// "Remove seat type …?" with Yes and No; Escape (or closing) is No.
    fn confirm_remove_ui(&mut self, ui: &Ui, shell: &mut Shell<'_>, access: &ConferenceAccess) {
        let Some((seat_type, name)) = self.confirm_remove.clone() else {
            return;
        };
        let modal = egui::Modal::new(egui::Id::unique("remove-seat-type")).show(ui.ctx(), |ui| {
            ui.heading(say(
                &Message::new("Remove the seat type “{name}”?").text("name", &name)
            ));
            ui.label(tr("Nobody holds a seat of it. This cannot be undone."));
            ui.add_space(8.0);
            let mut answer = None;
            ui.horizontal(|ui| {
                let yes = ui.button(tr("Yes, remove"));
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
        let answer = modal.inner.or(modal.should_close().then_some(false));
        match answer {
            Some(true) => {
                self.confirm_remove = None;
                let remove = UserCommand::RemoveSeatType {
                    access: access.clone(),
                    seat_type,
                };
                shell.send(Asker::SeatTypeRemove, remove);
            }
            Some(false) => self.confirm_remove = None,
            None => {}
        }
    }

    /// What the last frame's Save, Add or Remove did (taken whichever tab shows).
    pub fn take_outcomes(&mut self, ui: &Ui, shell: &mut Shell<'_>) {
        match shell.outcome(ui, Asker::SeatTypeEdit) {
            Some(Ok(_)) => {
                self.editing = None;
                self.edit_message = None;
            }
            Some(Err(e)) => self.edit_message = shell.triage(e).map(|e| refusal(&e)),
            None => {}
        }
        match shell.outcome(ui, Asker::SeatTypeAdd) {
            Some(Ok(_)) => {
                self.new_seat = SeatTypeDraft::default();
                self.new_touched.clear();
                self.message = None;
            }
            Some(Err(e)) => self.message = shell.triage(e).map(|e| refusal(&e)),
            None => {}
        }
        match shell.outcome(ui, Asker::SeatTypeRemove) {
            Some(Ok(_)) => shell.toast(ui, tr("Seat type removed")),
            Some(Err(e)) => {
                if let Some(e) = shell.triage(e) {
                    shell.toast(ui, refusal(&e));
                }
            }
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
        let errors = shell
            .desk
            .organizer()
            .check_seat_type(access, None, &self.new_seat);
        let mut submit = false;
        let d = &mut self.new_seat;
        let touched = &mut self.new_touched;
        let fields: [(&mut String, Field, &str, f32); 4] = [
            (
                &mut d.name,
                Field::SeatTypeName,
                tr("Seat type name"),
                140.0,
            ),
            (
                &mut d.description,
                Field::SeatTypeDescription,
                tr("Seat type description"),
                180.0,
            ),
            (&mut d.quota, Field::Quota, tr("Quota"), 56.0),
            (&mut d.price, Field::Price, tr("Price"), 80.0),
        ];
        ui.horizontal_top(|ui| {
            for (value, field, label, width) in fields {
                ui.vertical(|ui| {
                    let l = ui.label(label);
                    let r = ui
                        .add_sized([width, 22.0], egui::TextEdit::singleline(value))
                        .labelled_by(l.id);
                    if r.changed() {
                        touched.insert(field.clone());
                    }
                    submit |= r.lost_focus() && enter_pressed(ui);
                    if touched.contains(&field)
                        && let Some(rule) = error_for(&errors, &field)
                    {
                        rule_ui(ui, &rule, width);
                    }
                });
            }
            ui.vertical(|ui| {
                ui.label("");
                submit |= ui.button(tr("Add")).clicked();
            });
        });
        if !submit {
            return;
        }
        if !errors.is_empty() {
            // Every rule shows at once, under its field; nothing is sent.
            touched.extend(errors.iter().map(|e| e.field.clone()));
            return;
        }
        let add = UserCommand::AddSeatType {
            access: access.clone(),
            draft: d.clone(),
        };
        shell.send(Asker::SeatTypeAdd, add);
    }
}

/// One field of the edited row, labelled for screen readers, with its rule
/// under it.
fn edit_cell_ui(ui: &mut Ui, value: &mut String, label: &str, error: Option<&str>, width: f32) {
    ui.add(
        egui::TextEdit::singleline(value)
            .desired_width(width)
            .hint_text(label),
    )
    .on_hover_text(label);
    if let Some(rule) = error {
        rule_ui(ui, rule, width);
    }
}

/// The widths of the edited row's fields, in the table's order.
const EDIT_WIDTHS: [(Field, f32); 4] = [
    (Field::SeatTypeName, 140.0),
    (Field::SeatTypeDescription, 160.0),
    (Field::Quota, 64.0),
    (Field::Price, 80.0),
];

/// How many small-text lines the edited row's rules take at most, wrapped
/// to their fields (about 5.5 px a character; Hangul is wider, hence the
/// margin of one line).
fn rule_lines(errors: &[FieldError], message: Option<&str>) -> f32 {
    let lines = |text: &str, width: f32| {
        let chars = text.chars().count() as f32;
        (chars * 5.5 / width).ceil()
    };
    let fields = EDIT_WIDTHS
        .iter()
        .filter_map(|(field, width)| error_for(errors, field).map(|rule| lines(&rule, *width)));
    let message = message.map(|m| lines(m, 150.0));
    let most = fields.chain(message).fold(0.0_f32, f32::max);
    // One line of room between the fields and their rules.
    if most > 0.0 { most + 1.0 } else { 0.0 }
}

/// A field's rule in the rule colour, wrapped to the field's width.
fn rule_ui(ui: &mut Ui, rule: &str, width: f32) {
    ui.set_max_width(width);
    ui.add(egui::Label::new(RichText::new(rule).color(error_color(ui)).small()).wrap());
}

/// The reserved, sold and left cells of a seat type's row.
fn counts_ui(row: &mut egui_extras::TableRow<'_, '_>, s: &SeatTypeView) {
    for n in [s.reserved, s.sold, s.left] {
        row.col(|ui| {
            ui.label(fmt::count(n));
        });
    }
}

/// An app refusal in words: a field rule without the field's internal
/// name (the row shows which field it is), anything else as it is.
fn refusal(e: &AppError) -> String {
    match e {
        AppError::Validation(fields) => fields
            .iter()
            .map(|f| say(&f.rule))
            .collect::<Vec<_>>()
            .join("; "),
        other => say(&other.message()),
    }
}
