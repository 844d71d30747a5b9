//! Step 6, Assign attendees: one row per purchased seat (seat type, first
//! name, last name, e-mail). "Save all" saves every filled row, empties the
//! rows that were cleared, and leaves blank rows alone, so a partial
//! assignment is kept; bad rows show their field rules. The purchased
//! quantities never change here.

use crate::app::projections::OrderView;
use crate::app::{AppError, OrderKey, UserCommand};
use crate::domain::Field;
use crate::domain::FieldError;
use crate::domain::Message;
use crate::domain::events::PersonalInfo;
use crate::domain::validation::{MAX_NAME_CHARS, email, required_line};
use crate::ui::i18n::{say, tr};
use crate::ui::registration::tickets::{TicketsPanel, tickets_section_ui};
use crate::ui::registration::{ConfirmationScreen, Go, Step, enter_submits, message_ui};
use crate::ui::shell::{Asker, Shell};
use crate::ui::widgets::{error_color, escape_pressed};
use eframe::egui::{self, RichText, Ui};

/// One purchased seat as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AttendeeDraft {
    /// 0-based position in the order.
    pub position: u32,
    /// First name typed.
    pub first_name: String,
    /// Last name typed.
    pub last_name: String,
    /// E-mail typed.
    pub email: String,
    /// Whether the seat was assigned when last loaded or saved.
    pub saved: bool,
    /// Field rules the app refused this row with.
    pub refused: Vec<FieldError>,
}

impl AttendeeDraft {
    fn is_blank(&self) -> bool {
        [&self.first_name, &self.last_name, &self.email]
            .iter()
            .all(|s| s.trim().is_empty())
    }

    /// The rules this row breaks as typed (none while it is blank).
    pub fn errors(&self) -> Vec<FieldError> {
        if self.is_blank() {
            return Vec::new();
        }
        [
            required_line(Field::AttendeeFirstName, &self.first_name, MAX_NAME_CHARS).err(),
            required_line(Field::AttendeeLastName, &self.last_name, MAX_NAME_CHARS).err(),
            email(Field::AttendeeEmail, &self.email).err(),
        ]
        .into_iter()
        .flatten()
        .collect()
    }
}

/// Assign attendees state.
#[derive(Debug, Clone)]
pub struct AttendeesScreen {
    /// The order (confirmed).
    pub key: OrderKey,
    /// One row per purchased seat, in position order.
    pub rows: Vec<AttendeeDraft>,
    /// What the last save did, or why nothing was saved.
    pub message: Option<String>,
    /// Whether the first field got the keyboard focus already.
    pub focused_once: bool,
    /// The seats' tickets (in a section that starts closed).
    pub tickets: TicketsPanel,
}

impl AttendeesScreen {
    /// The seats of `order`, filled with the attendees already named.
    pub fn new(key: OrderKey, order: &OrderView) -> Self {
        let rows = order
            .positions
            .iter()
            .map(|p| {
                let a = p.attendee.as_ref();
                let take = |f: fn(&PersonalInfo) -> &String| a.map(f).cloned().unwrap_or_default();
                AttendeeDraft {
                    position: p.position,
                    first_name: take(|a| &a.first_name),
                    last_name: take(|a| &a.last_name),
                    email: take(|a| &a.email),
                    saved: p.attendee.is_some(),
                    refused: Vec::new(),
                }
            })
            .collect();
        Self {
            key,
            rows,
            message: None,
            focused_once: false,
            tickets: TicketsPanel::default(),
        }
    }

    /// Draws the screen.
    pub fn ui(&mut self, ui: &mut Ui, shell: &mut Shell<'_>) -> Go {
        let order = match shell.desk.registration().order(&self.key) {
            Ok(o) => o,
            Err(e) => {
                self.message = shell.triage(e).map(|e| say(&e.message()));
                message_ui(ui, self.message.as_deref());
                return Go::Stay;
            }
        };
        let Self {
            key,
            rows,
            message,
            focused_once,
            tickets,
        } = self;
        if let Some(said) = take_saved(ui, shell, rows) {
            *message = Some(said);
        }
        ui.heading(say(
            &Message::new("Attendees of order {code}").text("code", &order.access_code)
        ));
        ui.label(
            RichText::new(tr(
                "Name who sits in each seat; leave a row empty to name them later.",
            ))
            .weak(),
        );
        ui.add_space(8.0);
        egui::Grid::new("attendees")
            .num_columns(5)
            .spacing([12.0, 6.0])
            .striped(true)
            .show(ui, |ui| {
                for h in [
                    tr("Seat"),
                    tr("First name"),
                    tr("Last name"),
                    tr("E-mail"),
                    "",
                ] {
                    ui.strong(h);
                }
                ui.end_row();
                for (row, seat) in rows.iter_mut().zip(&order.positions) {
                    let first = row_ui(
                        ui,
                        row,
                        &shell
                            .desk
                            .registration()
                            .seat_type_name(&order, seat.seat_type),
                    );
                    if !std::mem::replace(focused_once, true) {
                        first.request_focus();
                    }
                }
            });
        ui.add_space(8.0);
        tickets_section_ui(tickets, ui, shell, &order);
        let (mut save, mut done) = (false, false);
        ui.horizontal(|ui| {
            save = ui.button(RichText::new(tr("Save all")).strong()).clicked();
            done = ui.button(tr("Start over")).clicked();
        });
        if rows.iter().any(|r| !r.refused.is_empty()) {
            message_ui(ui, message.as_deref());
        } else if let Some(m) = message.as_deref() {
            ui.label(m);
        }
        if save || enter_submits(ui) {
            if send_all(shell, key, rows) == 0 {
                *message = Some(saved_text(0, 0));
            }
        } else if done {
            return Go::start_again();
        } else if escape_pressed(ui) {
            return Go::To(Step::Confirmation(ConfirmationScreen::new(key.clone())));
        }
        Go::Stay
    }
}

/// One row: the seat, three fields named for screen readers, its rules.
/// Returns the first name field.
fn row_ui(ui: &mut Ui, row: &mut AttendeeDraft, seat_type: &str) -> egui::Response {
    let n = row.position + 1;
    ui.label(format!("{n}. {seat_type}"));
    let mut fields = Vec::with_capacity(3);
    for (value, name, width) in [
        (&mut row.first_name, tr("First name"), 140.0),
        (&mut row.last_name, tr("Last name"), 140.0),
        (&mut row.email, tr("E-mail"), 220.0),
    ] {
        let field = egui::TextEdit::singleline(value)
            .desired_width(width)
            .min_size(egui::vec2(width, 0.0));
        let accessible = say(&Message::new("{field} of seat {n}")
            .text("field", name)
            .count("n", n));
        fields.push(ui.add(field).accessible_name(accessible));
    }
    if fields.iter().any(egui::Response::changed) {
        row.refused.clear();
    }
    let mut errors = row.errors();
    errors.extend(row.refused.iter().cloned());
    match errors.first() {
        Some(e) => ui.label(RichText::new(row_rule(e)).color(error_color(ui))),
        None if row.saved => ui.label(RichText::new(tr("saved")).weak()),
        None => ui.label(""),
    };
    ui.end_row();
    fields.swap_remove(0)
}

/// A row's rule in plain words beside its fields: "Enter an e-mail
/// address" says which field it is about; a rule that does not is led by
/// the field's label as the row shows it ("Last name: must be at most …"),
/// never by an internal name ("attendee last name: …").
fn row_rule(e: &FieldError) -> String {
    let plain = e.plain_rule();
    if plain.key != e.rule.key {
        return say(&plain);
    }
    let label = match e.field {
        Field::AttendeeFirstName => tr("First name"),
        Field::AttendeeLastName => tr("Last name"),
        Field::AttendeeEmail => tr("E-mail"),
        _ => return say(&e.message()),
    };
    say(&Message::new("{field}: {rule}")
        .text("field", label)
        .message("rule", plain))
}

/// Asks for every filled row to be saved and every cleared one emptied
/// (blank rows that were never saved are left alone); returns how many
/// changes were sent. Each row takes its outcome by its position.
fn send_all(shell: &mut Shell<'_>, key: &OrderKey, rows: &[AttendeeDraft]) -> usize {
    let mut sent = 0;
    for row in rows {
        let command = if row.is_blank() {
            if !row.saved {
                continue;
            }
            UserCommand::UnassignSeat {
                order: key.clone(),
                position: row.position,
            }
        } else {
            UserCommand::AssignSeat {
                order: key.clone(),
                position: row.position,
                person: PersonalInfo {
                    first_name: row.first_name.clone(),
                    last_name: row.last_name.clone(),
                    email: row.email.clone(),
                },
            }
        };
        shell.send(Asker::AttendeeRow(row.position), command);
        sent += 1;
    }
    sent
}

/// The rows' outcomes of the last "Save all", if it was asked for; returns
/// what happened. A desk that could not write ran nothing after the failed
/// row (see [`crate::ui::shell::Commands::run_queued`]).
fn take_saved(ui: &Ui, shell: &mut Shell<'_>, rows: &mut [AttendeeDraft]) -> Option<String> {
    let (mut saved, mut bad, mut any) = (0, 0, false);
    for row in rows.iter_mut() {
        let Some(outcome) = shell.outcome(ui, Asker::AttendeeRow(row.position)) else {
            continue;
        };
        any = true;
        match outcome {
            Ok(_) => {
                row.saved = !row.is_blank();
                row.refused.clear();
                saved += 1;
            }
            Err(e) => {
                bad += 1;
                match shell.triage(e) {
                    Some(AppError::Validation(fields)) => row.refused = fields,
                    Some(other) => {
                        row.refused = vec![FieldError::new(
                            Field::Seat(row.position.saturating_add(1)),
                            other.message(),
                        )]
                    }
                    None => {
                        return Some(
                            tr("Nothing more was saved: the desk could not write.").into(),
                        );
                    }
                }
            }
        }
    }
    any.then(|| saved_text(saved, bad))
}

/// "Saved n seat(s)", with the rows that need fixing.
fn saved_text(saved: usize, bad: usize) -> String {
    match bad {
        0 => say(&Message::new("Saved {n} {n|seat|seats}.").count("n", saved)),
        _ => say(&Message::new(
            "Saved {n} {n|seat|seats}; {bad} {bad|row needs|rows need} fixing.",
        )
        .count("n", saved)
        .count("bad", bad)),
    }
}
