//! The conference form, shared by "Create conference" and the Details tab:
//! the typed text, parsed and checked against the app's rules as you type,
//! the slug suggested from the name until the organizer types one, and the
//! list of fields to fix, each a button that focuses its field.

use crate::app::Desk;
use crate::domain::events::ConferenceInfo;
use crate::domain::validation::suggest_slug;
use crate::domain::{ConferenceId, Currency, Field, FieldError, Message};
use crate::ui::i18n::{say, tr};
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
    /// The field to focus on the next frame (a "fields to fix" button).
    pub focus: Option<Field>,
    /// Today, on a new conference's form: a start before it is warned
    /// about (not refused). `None` on the Details tab.
    pub today: Option<NaiveDate>,
}

/// The form's fields in the order they are drawn, with their short names
/// for the list of fields to fix.
const FIELDS: [(Field, &str); 8] = [
    (Field::Name, "Name"),
    (Field::Description, "Description"),
    (Field::Slug, "Slug"),
    (Field::Start, "Start date"),
    (Field::End, "End date"),
    (Field::OwnerName, "Owner name"),
    (Field::OwnerEmail, "Owner e-mail"),
    (Field::Currency, "Currency"),
];

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
            focus: None,
            today: None,
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
                let r = field_row(ui, tr("Name"), &mut self.name, e.as_deref(), 320.0);
                self.focus_if(&r, &Field::Name);
                if r.changed() {
                    self.touched.insert(Field::Name);
                    if !self.slug_edited {
                        self.slug = suggest_slug(&self.name);
                        // A name with no Latin letters or digits (Hangul)
                        // suggests nothing: show the slug's rule at once.
                        if self.slug.is_empty() && !self.name.trim().is_empty() {
                            self.touched.insert(Field::Slug);
                        }
                    }
                }
                let l = ui.label(tr("Description"));
                let r = ui
                    .add_sized(
                        [320.0, 44.0],
                        egui::TextEdit::multiline(&mut self.description)
                            .desired_rows(2)
                            .return_key(egui::KeyboardShortcut::new(
                                egui::Modifiers::SHIFT,
                                egui::Key::Enter,
                            )),
                    )
                    .labelled_by(l.id);
                self.focus_if(&r, &Field::Description);
                if r.changed() {
                    self.touched.insert(Field::Description);
                }
                ui.label(shown(&Field::Description, &self.touched).unwrap_or_default());
                ui.end_row();
                let e = shown(&Field::Slug, &self.touched);
                let r = field_row(ui, tr("Slug"), &mut self.slug, e.as_deref(), 320.0);
                self.focus_if(&r, &Field::Slug);
                if r.changed() {
                    self.slug_edited = true;
                    self.touched.insert(Field::Slug);
                }
                for (label, field) in [
                    (tr("Start (YYYY-MM-DD)"), Field::Start),
                    (tr("End (YYYY-MM-DD)"), Field::End),
                ] {
                    let e = shown(&field, &self.touched);
                    let warning = e.is_none().then(|| self.warning(&field)).flatten();
                    let value = if field == Field::Start {
                        &mut self.start
                    } else {
                        &mut self.end
                    };
                    let r = match &warning {
                        Some(w) => warning_row(ui, label, value, w, 140.0),
                        None => field_row(ui, label, value, e.as_deref(), 140.0),
                    };
                    self.focus_if(&r, &field);
                    if r.changed() {
                        self.touched.insert(field);
                    }
                }
                for (label, field) in [
                    (tr("Owner name"), Field::OwnerName),
                    (tr("Owner e-mail"), Field::OwnerEmail),
                ] {
                    let e = shown(&field, &self.touched);
                    let value = if field == Field::OwnerName {
                        &mut self.owner_name
                    } else {
                        &mut self.owner_email
                    };
                    let r = field_row(ui, label, value, e.as_deref(), 320.0);
                    self.focus_if(&r, &field);
                    if r.changed() {
                        self.touched.insert(field);
                    }
                }
                let l = ui.label(tr("Currency"));
                let r = egui::ComboBox::from_id_salt("currency")
                    .selected_text(self.currency.as_str())
                    .show_ui(ui, |ui| {
                        for c in CURRENCIES {
                            ui.selectable_value(&mut self.currency, c.to_string(), c);
                        }
                    })
                    .response
                    .labelled_by(l.id);
                self.focus_if(&r, &Field::Currency);
                ui.label(shown(&Field::Currency, &self.touched).unwrap_or_default());
                ui.end_row();
            });
    }

    /// Focuses `r` if a "fields to fix" button asked for `field`.
    fn focus_if(&mut self, r: &egui::Response, field: &Field) {
        if self.focus.as_ref() == Some(field) {
            r.request_focus();
            self.focus = None;
        }
    }

    /// The warning of a valid `field`, if any: a new conference starting
    /// before today (a warning, never a refusal: see `starts_in_the_past`).
    fn warning(&self, field: &Field) -> Option<String> {
        let today = self.today?;
        let start = crate::domain::validation::iso_date(&self.start)?;
        crate::domain::validation::starts_in_the_past(start, today)
            .filter(|w| w.field == *field)
            .map(|w| say(&w.rule))
    }

    /// "Fix 3 fields:" and a button per field with a broken rule, in the
    /// form's order; a button focuses its field and shows its rule.
    pub fn fields_to_fix_ui(&mut self, ui: &mut Ui, errors: &[FieldError]) {
        let broken: Vec<_> = FIELDS
            .iter()
            .filter(|(f, _)| errors.iter().any(|e| e.field == *f))
            .collect();
        if broken.is_empty() {
            return;
        }
        ui.horizontal_wrapped(|ui| {
            ui.label(say(
                &Message::new("Fix {n} {n|field|fields}:").count("n", broken.len())
            ));
            for (field, name) in broken {
                if ui.link(tr(name)).clicked() {
                    self.touched.insert(field.clone());
                    self.focus = Some(field.clone());
                }
            }
        });
    }
}

/// A row like [`field_row`] whose field is valid but worth a second look:
/// the warning in the warning colour, never the rule colour (it does not
/// stop Create).
fn warning_row(
    ui: &mut Ui,
    label: &str,
    value: &mut String,
    warning: &str,
    width: f32,
) -> egui::Response {
    let l = ui.label(label);
    let r = ui
        .add_sized([width, 22.0], egui::TextEdit::singleline(value))
        .labelled_by(l.id);
    let colour = ui.visuals().warn_fg_color;
    ui.label(egui::RichText::new(warning).color(colour));
    ui.end_row();
    r
}
