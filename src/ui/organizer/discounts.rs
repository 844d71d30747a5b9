//! Discounts tab (issue 18.7): the conference's discount codes with what
//! each gives, the seat type it covers, uses out of its maximum, its last
//! day and its state; the add form under the list (each refused field's
//! rule beside it); Revoke after a Yes. A past view ("As of…") shows the
//! list as it was, read-only. The rules are the domain's; this tab sends
//! `AddDiscountCode` and `RevokeDiscountCode` values and shows the list.

use crate::app::projections::{ConferenceView, DiscountCodeView, ReadModels};
use crate::app::{AppError, ConferenceAccess, DiscountDraft, UserCommand};
use crate::domain::events::DiscountKind;
use crate::domain::{Field, FieldError, Message};
use crate::ui::i18n::{format as fmt, say, tr};
use crate::ui::shell::{Asker, Shell};
use crate::ui::widgets::{error_for, field_row};
use chrono::NaiveDate;
use eframe::egui::{self, RichText, Ui};

/// Discounts tab state.
#[derive(Debug, Clone, Default)]
pub struct DiscountsTab {
    /// The add form as typed.
    pub draft: DiscountDraft,
    /// Amount (`true`) or percent (`false`) off.
    pub fixed: bool,
    /// The add form's refused fields.
    pub errors: Vec<FieldError>,
    /// The app's other refusal, or what was added.
    pub message: Option<String>,
    /// The code whose revocation waits for Yes or No.
    pub confirm_revoke: Option<String>,
}

impl DiscountsTab {
    /// Draws the tab (live: the form and Revoke work).
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        shell: &mut Shell<'_>,
        access: &ConferenceAccess,
        view: &ConferenceView,
    ) {
        self.take_outcomes(ui, shell);
        let today = shell.desk.today();
        let codes = shell.desk.discount_codes(access);
        if let Some(code) = list_ui(ui, view, &codes, today, true) {
            self.confirm_revoke = Some(code);
        }
        self.confirm_ui(ui, shell, access);
        ui.add_space(12.0);
        self.form_ui(ui, shell, access, view);
    }

    /// The list as it was at a past instant, read-only.
    pub fn view_ui(ui: &mut Ui, read: &ReadModels, view: &ConferenceView, today: NaiveDate) {
        let codes = read.discounts.codes(view.id);
        list_ui(ui, view, &codes, today, false);
    }

    fn take_outcomes(&mut self, ui: &Ui, shell: &mut Shell<'_>) {
        match shell.outcome(ui, Asker::DiscountAdd) {
            Some(Ok(_)) => {
                self.message = Some(say(&Message::new("Added discount code {code}.")
                    .text("code", self.draft.code.trim().to_ascii_uppercase())));
                self.draft = DiscountDraft::default();
                self.errors.clear();
            }
            Some(Err(AppError::Validation(errors))) => {
                self.errors = errors;
                self.message = None;
            }
            Some(Err(e)) => self.message = shell.triage(e).map(|e| say(&e.message())),
            None => {}
        }
        if let Some(Err(e)) = shell.outcome(ui, Asker::DiscountRevoke) {
            self.message = shell.triage(e).map(|e| say(&e.message()));
        }
    }

    fn confirm_ui(&mut self, ui: &mut Ui, shell: &mut Shell<'_>, access: &ConferenceAccess) {
        let Some(code) = self.confirm_revoke.clone() else {
            return;
        };
        ui.horizontal(|ui| {
            ui.label(say(&Message::new(
                "Revoke {code}? Nobody can use it any more; orders that hold it keep their discount.",
            )
            .text("code", &code)));
            if ui.button(tr("Yes")).clicked() {
                shell.send(
                    Asker::DiscountRevoke,
                    UserCommand::RevokeDiscountCode {
                        access: access.clone(),
                        code: code.clone(),
                    },
                );
                self.confirm_revoke = None;
            }
            if ui.button(tr("No")).clicked() {
                self.confirm_revoke = None;
            }
        });
    }

    fn form_ui(
        &mut self,
        ui: &mut Ui,
        shell: &mut Shell<'_>,
        access: &ConferenceAccess,
        view: &ConferenceView,
    ) {
        let Self {
            draft,
            fixed,
            errors,
            message,
            ..
        } = self;
        ui.strong(tr("Add a discount code"));
        let err = |f: Field| error_for(errors, &f);
        egui::Grid::new("discount-add")
            .num_columns(3)
            .spacing([12.0, 6.0])
            .show(ui, |ui| {
                field_row(
                    ui,
                    tr("Code"),
                    &mut draft.code,
                    err(Field::DiscountCode).as_deref(),
                    160.0,
                );
                ui.label(tr("Discount"));
                ui.horizontal(|ui| {
                    ui.radio_value(fixed, false, tr("Percent"));
                    ui.radio_value(fixed, true, tr("Amount"));
                });
                ui.label("");
                ui.end_row();
                // One value field, named after the kind chosen above.
                let (label, value) = if *fixed {
                    let label = say(&Message::new("Amount off ({currency})")
                        .text("currency", view.info.currency.code()));
                    (label, &mut draft.amount)
                } else {
                    (tr("Percent off").to_string(), &mut draft.percent)
                };
                field_row(
                    ui,
                    &label,
                    value,
                    err(Field::DiscountValue).as_deref(),
                    80.0,
                );
                let l = ui.label(tr("Seat type"));
                let chosen = draft
                    .seat_type
                    .and_then(|id| view.seat_types.iter().find(|s| s.id == id))
                    .map_or_else(|| tr("All seat types").to_string(), |s| s.name.clone());
                egui::ComboBox::from_id_salt("discount-seat-type")
                    .selected_text(chosen)
                    .show_ui(ui, |ui| {
                        ui.selectable_value(&mut draft.seat_type, None, tr("All seat types"));
                        for s in &view.seat_types {
                            ui.selectable_value(&mut draft.seat_type, Some(s.id), &s.name);
                        }
                    })
                    .response
                    .labelled_by(l.id);
                ui.label("");
                ui.end_row();
                field_row(
                    ui,
                    tr("Max uses"),
                    &mut draft.max_uses,
                    err(Field::MaxUses).as_deref(),
                    80.0,
                );
                field_row(
                    ui,
                    tr("Valid until (YYYY-MM-DD)"),
                    &mut draft.valid_until,
                    err(Field::ValidUntil).as_deref(),
                    120.0,
                );
            });
        if ui.button(tr("Add code")).clicked() {
            // The other of percent / amount is what was not chosen: cleared.
            let mut sent = draft.clone();
            if *fixed {
                sent.percent.clear();
            } else {
                sent.amount.clear();
            }
            shell.send(
                Asker::DiscountAdd,
                UserCommand::AddDiscountCode {
                    access: access.clone(),
                    draft: sent,
                },
            );
        }
        if let Some(m) = message.as_deref() {
            ui.label(m);
        }
    }
}

/// The list of codes; returns the code whose Revoke was clicked.
fn list_ui(
    ui: &mut Ui,
    view: &ConferenceView,
    codes: &[DiscountCodeView],
    today: NaiveDate,
    live: bool,
) -> Option<String> {
    if codes.is_empty() {
        ui.label(tr("No discount codes yet."));
        return None;
    }
    let mut revoke = None;
    egui::Grid::new("discount-codes")
        .num_columns(7)
        .spacing([20.0, 6.0])
        .striped(true)
        .show(ui, |ui| {
            for h in [
                tr("Code"),
                tr("Discount"),
                tr("Seat type"),
                tr("Uses"),
                tr("Valid until"),
                tr("State"),
                "",
            ] {
                ui.strong(h);
            }
            ui.end_row();
            for c in codes {
                ui.label(RichText::new(&c.code).monospace());
                ui.label(match c.kind {
                    DiscountKind::Percent(p) => format!("{p}%"),
                    DiscountKind::Fixed(m) => fmt::money(m),
                });
                ui.label(
                    c.seat_type
                        .and_then(|id| view.seat_types.iter().find(|s| s.id == id))
                        .map_or_else(|| tr("All seat types").to_string(), |s| s.name.clone()),
                );
                ui.label(format!("{} / {}", c.uses, c.max_uses));
                ui.label(say(&Message::new("{date}").date("date", c.valid_until)));
                ui.label(state(c, today));
                if live && !c.revoked && ui.button(tr("Revoke")).clicked() {
                    revoke = Some(c.code.clone());
                } else {
                    ui.label("");
                }
                ui.end_row();
            }
        });
    revoke
}

/// Whether a code can be used today, and if not why, in words.
fn state(c: &DiscountCodeView, today: NaiveDate) -> &'static str {
    if c.revoked {
        tr("Revoked")
    } else if today > c.valid_until {
        tr("Expired")
    } else if c.uses >= c.max_uses {
        tr("Used up")
    } else {
        tr("Active")
    }
}
