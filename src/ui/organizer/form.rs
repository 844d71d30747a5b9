//! The conference form, shared by "Create conference" and the Details tab:
//! the typed text, parsed and checked against the app's rules as you type.

use crate::app::Desk;
use crate::domain::events::ConferenceInfo;
use crate::domain::validation::suggest_slug;
use crate::domain::{ConferenceId, Currency, Field, FieldError, Message};
use crate::ui::i18n::tr;
use crate::ui::widgets::{error_for, field_row};
use chrono::NaiveDate;
use eframe::egui::{self, Ui};
use std::collections::BTreeSet;

/// What the organizer typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ConferenceForm {
    /// Name.
    pub name: String,
    /// Description.
    pub description: String,
    /// Slug.
    pub slug: String,
    /// Whether the slug was typed (then the name no longer suggests it).
    pub slug_edited: bool,
    /// First day, `YYYY-MM-DD`.
    pub start: String,
    /// Last day, `YYYY-MM-DD`.
    pub end: String,
    /// Owner's name.
    pub owner_name: String,
    /// Owner's e-mail.
    pub owner_email: String,
    /// Currency code.
    pub currency: String,
    /// Fields the organizer has changed (only those show their rule).
    pub touched: BTreeSet<Field>,
}

const CURRENCIES: [&str; 6] = ["EUR", "USD", "GBP", "KRW", "JPY", "CHF"];

impl ConferenceForm {
    /// An empty form (currency EUR).
    pub fn new() -> Self {
        Self {
            currency: "EUR".into(),
            ..Self::default()
        }
    }

    /// A form filled with a conference's details.
    pub fn from_info(info: &ConferenceInfo) -> Self {
        Self {
            name: info.name.clone(),
            description: info.description.clone(),
            slug: info.slug.clone(),
            slug_edited: true,
            start: info.start.to_string(),
            end: info.end.to_string(),
            owner_name: info.owner_name.clone(),
            owner_email: info.owner_email.clone(),
            currency: info.currency.code().to_string(),
            touched: BTreeSet::new(),
        }
    }

    /// The typed values as a command input, or the parse errors.
    pub fn to_input(&self) -> Result<ConferenceInfo, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut date = |field: Field, s: &str| {
            crate::domain::validation::iso_date(s).unwrap_or_else(|| {
                errors.push(FieldError::new(field, Message::new("use YYYY-MM-DD")));
                NaiveDate::MIN
            })
        };
        let start = date(Field::Start, &self.start);
        let end = date(Field::End, &self.end);
        let currency = Currency::parse(&self.currency).unwrap_or_else(|e| {
            errors.push(e);
            Currency::EUR
        });
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(ConferenceInfo {
            name: self.name.clone(),
            description: self.description.clone(),
            slug: self.slug.clone(),
            start,
            end,
            owner_name: self.owner_name.clone(),
            owner_email: self.owner_email.clone(),
            currency,
        })
    }

    /// Every broken rule: parse errors first, then the app's rules.
    pub fn errors(&self, desk: &Desk, owner: Option<ConferenceId>) -> Vec<FieldError> {
        match self.to_input() {
            Ok(input) => desk.organizer().check_conference_input(&input, owner),
            Err(mut parse) => {
                let mut probe = self.clone();
                probe.start = "2000-01-01".into();
                probe.end = "2000-01-01".into();
                probe.currency = "EUR".into();
                if let Ok(input) = probe.to_input() {
                    parse.extend(desk.organizer().check_conference_input(&input, owner));
                }
                parse
            }
        }
    }

    /// Draws the fields with their rules; `errors` from [`Self::errors`].
    /// `show_all` shows every rule, touched or not (after a submit attempt).
    pub fn ui(&mut self, ui: &mut Ui, errors: &[FieldError], show_all: bool) {
        let shown = |f: &Field, touched: &BTreeSet<Field>| {
            if show_all || touched.contains(f) {
                error_for(errors, f)
            } else {
                None
            }
        };
        egui::Grid::new("conference-form")
            .num_columns(3)
            .spacing([12.0, 8.0])
            .show(ui, |ui| {
                let e = shown(&Field::Name, &self.touched);
                if field_row(ui, tr("Name"), &mut self.name, e.as_deref(), 320.0).changed() {
                    self.touched.insert(Field::Name);
                    if !self.slug_edited {
                        self.slug = suggest_slug(&self.name);
                    }
                }
                let l = ui.label(tr("Description"));
                if ui
                    .add_sized(
                        [320.0, 44.0],
                        egui::TextEdit::multiline(&mut self.description)
                            .desired_rows(2)
                            .return_key(egui::KeyboardShortcut::new(
                                egui::Modifiers::SHIFT,
                                egui::Key::Enter,
                            )),
                    )
                    .labelled_by(l.id)
                    .changed()
                {
                    self.touched.insert(Field::Description);
                }
                ui.label(shown(&Field::Description, &self.touched).unwrap_or_default());
                ui.end_row();
                let e = shown(&Field::Slug, &self.touched);
                if field_row(ui, tr("Slug"), &mut self.slug, e.as_deref(), 320.0).changed() {
                    self.slug_edited = true;
                    self.touched.insert(Field::Slug);
                }
                for (label, field) in [
                    (tr("Start (YYYY-MM-DD)"), Field::Start),
                    (tr("End (YYYY-MM-DD)"), Field::End),
                ] {
                    let e = shown(&field, &self.touched);
                    let value = if field == Field::Start {
                        &mut self.start
                    } else {
                        &mut self.end
                    };
                    if field_row(ui, label, value, e.as_deref(), 140.0).changed() {
                        self.touched.insert(field);
                    }
                }
                let e = shown(&Field::OwnerName, &self.touched);
                if field_row(
                    ui,
                    tr("Owner name"),
                    &mut self.owner_name,
                    e.as_deref(),
                    320.0,
                )
                .changed()
                {
                    self.touched.insert(Field::OwnerName);
                }
                let e = shown(&Field::OwnerEmail, &self.touched);
                if field_row(
                    ui,
                    tr("Owner e-mail"),
                    &mut self.owner_email,
                    e.as_deref(),
                    320.0,
                )
                .changed()
                {
                    self.touched.insert(Field::OwnerEmail);
                }
                let l = ui.label(tr("Currency"));
                egui::ComboBox::from_id_salt("currency")
                    .selected_text(self.currency.as_str())
                    .show_ui(ui, |ui| {
                        for c in CURRENCIES {
                            ui.selectable_value(&mut self.currency, c.to_string(), c);
                        }
                    })
                    .response
                    .labelled_by(l.id);
                ui.label(shown(&Field::Currency, &self.touched).unwrap_or_default());
                ui.end_row();
            });
    }
}
