//! The payment step's discount code (issue 18.7): a field and "Apply"
//! (Enter in the field applies too), the code's refusal beside the field
//! in the window's language, and the discount line above the total. The
//! rules are the app's: this only sends `ApplyDiscount` and shows what
//! came back.

use crate::app::projections::OrderView;
use crate::app::{OrderKey, UserCommand};
use crate::domain::Message;
use crate::ui::i18n::{format as fmt, say, tr};
use crate::ui::shell::{Asker, Shell};
use crate::ui::widgets::error_color;
use eframe::egui::{self, RichText, Ui};

/// What the registrant typed and what the last Apply said.
#[derive(Debug, Clone, Default)]
pub struct DiscountField {
    /// The code as typed.
    pub code: String,
    /// Why the last code was refused, in the window's language.
    pub error: Option<String>,
}

impl DiscountField {
    /// Draws the field and Apply; sends `ApplyDiscount` for `key`.
    pub fn ui(&mut self, ui: &mut Ui, shell: &mut Shell<'_>, key: &OrderKey) {
        let Self { code, error } = self;
        match shell.outcome(ui, Asker::Discount) {
            Some(Ok(_)) => *error = None,
            Some(Err(e)) => *error = shell.triage(e).map(|e| say(&e.message())),
            None => {}
        }
        let mut apply = false;
        ui.horizontal(|ui| {
            let label = ui.label(tr("Discount code"));
            let field = ui
                .add(egui::TextEdit::singleline(code).desired_width(160.0))
                .labelled_by(label.id);
            apply = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            apply |= ui.button(tr("Apply")).clicked();
            if let Some(rule) = error.as_deref() {
                ui.label(RichText::new(rule).color(error_color(ui)));
            }
        });
        if apply && !code.trim().is_empty() {
            shell.send(
                Asker::Discount,
                UserCommand::ApplyDiscount {
                    order: key.clone(),
                    code: code.trim().to_string(),
                },
            );
        }
    }
}

/// The order's discount line ("Discount SPRING: −79.60 USD"), if any.
pub fn discount_line_ui(ui: &mut Ui, order: &OrderView) {
    if let Some(d) = &order.discount {
        let amount = format!("−{}", fmt::money(d.amount));
        ui.label(say(&Message::new("Discount {code}: {amount}")
            .text("code", &d.code)
            .text("amount", &amount)));
    }
}
