//! Step 3, Registrant details: first name, last name and e-mail, checked as
//! typed with the domain's own field rules (a rule shows once its field was
//! changed, or after Continue). Continue records the registrant and moves on
//! to the payment; Esc goes back to the seats of the same order.

use crate::app::projections::OrderView;
use crate::app::{AppError, OrderKey, UserCommand};
use crate::domain::Field;
use crate::domain::FieldError;
use crate::domain::events::PersonalInfo;
use crate::domain::validation::{MAX_NAME_CHARS, email, required_line};
use crate::ui::i18n::{say, tr};
use crate::ui::registration::{Go, PaymentScreen, SeatsScreen, Step, enter_submits, message_ui};
use crate::ui::shell::{Asker, Shell};
use crate::ui::widgets::{error_for, escape_pressed, field_row};
use eframe::egui::{self, RichText, Ui};
use std::collections::BTreeSet;

/// Registrant details state.
#[derive(Debug, Clone)]
pub struct DetailsScreen {
    /// The order.
    pub key: OrderKey,
    /// First name typed.
    pub first_name: String,
    /// Last name typed.
    pub last_name: String,
    /// E-mail typed.
    pub email: String,
    /// Fields changed so far (only those show their rule).
    pub touched: BTreeSet<Field>,
    /// Whether Continue was pressed (then every rule shows).
    pub submitted: bool,
    /// Field rules the app refused the last Continue with.
    pub refused: Vec<FieldError>,
    /// A refusal not tied to a field.
    pub message: Option<String>,
    /// Whether the first field got the keyboard focus already.
    pub focused_once: bool,
}

impl DetailsScreen {
    /// The details of `order`, filled with its registrant if already known.
    pub fn new(key: OrderKey, order: &OrderView) -> Self {
        let r = order.registrant.as_ref();
        let take = |f: fn(&PersonalInfo) -> &String| r.map(f).cloned().unwrap_or_default();
        Self {
            key,
            first_name: take(|r| &r.first_name),
            last_name: take(|r| &r.last_name),
            email: take(|r| &r.email),
            touched: BTreeSet::new(),
            submitted: false,
            refused: Vec::new(),
            message: None,
            focused_once: false,
        }
    }

    /// Every broken rule of what is typed, by the domain's rules.
    pub fn errors(&self) -> Vec<FieldError> {
        [
            required_line(Field::FirstName, &self.first_name, MAX_NAME_CHARS).err(),
            required_line(Field::LastName, &self.last_name, MAX_NAME_CHARS).err(),
            email(Field::Email, &self.email).err(),
        ]
        .into_iter()
        .flatten()
        .collect()
    }

    /// Draws the screen.
    pub fn ui(&mut self, ui: &mut Ui, shell: &mut Shell<'_>) -> Go {
        if let Some(outcome) = shell.outcome(ui, Asker::Details) {
            match outcome {
                Ok(_) => return Go::To(Step::Payment(PaymentScreen::new(self.key.clone()))),
                Err(e) => match shell.triage(e) {
                    Some(AppError::Validation(fields)) => self.refused = fields,
                    Some(other) => self.message = Some(say(&other.message())),
                    None => {}
                },
            }
        }
        let mut errors = self.errors();
        let Self {
            key,
            first_name,
            last_name,
            email,
            touched,
            submitted,
            refused,
            message,
            focused_once,
        } = self;
        errors.extend(refused.iter().cloned());
        ui.heading(tr("Who is registering?"));
        ui.label(
            RichText::new(tr("The order confirmation and its code go to this e-mail.")).weak(),
        );
        ui.add_space(8.0);
        egui::Grid::new("registrant")
            .num_columns(3)
            .spacing([12.0, 8.0])
            .show(ui, |ui| {
                for (label, field, value) in [
                    (tr("First name"), Field::FirstName, &mut *first_name),
                    (tr("Last name"), Field::LastName, &mut *last_name),
                    (tr("E-mail"), Field::Email, &mut *email),
                ] {
                    let shown = if *submitted || touched.contains(&field) {
                        error_for(&errors, &field)
                    } else {
                        None
                    };
                    let r = field_row(ui, label, value, shown.as_deref(), 280.0);
                    if !std::mem::replace(focused_once, true) {
                        r.request_focus();
                    }
                    if r.changed() {
                        refused.retain(|e| e.field != field);
                        touched.insert(field);
                    }
                }
            });
        ui.add_space(8.0);
        let (mut next, mut back) = (false, false);
        ui.horizontal(|ui| {
            next = ui.button(tr("Continue to payment")).clicked();
            back = ui.button(tr("Back to seats")).clicked();
        });
        message_ui(ui, message.as_deref());
        if next || enter_submits(ui) {
            *submitted = true;
            if !errors.is_empty() {
                return Go::Stay;
            }
            let person = PersonalInfo {
                first_name: first_name.clone(),
                last_name: last_name.clone(),
                email: email.clone(),
            };
            shell.send(
                Asker::Details,
                UserCommand::AssignRegistrant {
                    order: key.clone(),
                    person,
                },
            );
            return Go::Stay;
        }
        if back || escape_pressed(ui) {
            return match shell.desk.registration().order(key) {
                Ok(order) => Go::To(Step::Seats(Box::new(SeatsScreen::for_order(
                    key.clone(),
                    &order,
                )))),
                Err(e) => {
                    *message = shell.triage(e).map(|e| say(&e.message()));
                    Go::Stay
                }
            };
        }
        Go::Stay
    }
}
