//! Step 5, Confirmation: the order is paid; its 6-character code is shown
//! large (with the e-mail it reopens the order later, under "Find my
//! order"), then "Assign attendees now" or "Done".

use crate::app::OrderKey;
use crate::ui::app::Shell;
use crate::ui::i18n::{format as fmt, tr};
use crate::ui::registration::{AttendeesScreen, Go, Step, enter_submits, load_order, message_ui};
use eframe::egui::{RichText, Ui};

/// Confirmation state.
#[derive(Debug, Clone)]
pub struct ConfirmationScreen {
    /// The order.
    pub key: OrderKey,
    /// A refusal to show.
    pub message: Option<String>,
}

impl ConfirmationScreen {
    /// The confirmation of `key`'s order.
    pub fn new(key: OrderKey) -> Self {
        Self { key, message: None }
    }

    /// Draws the screen.
    pub fn ui(&mut self, ui: &mut Ui, shell: &mut Shell<'_>) -> Go {
        let Self { key, message } = self;
        let Some(order) = load_order(ui, shell, key, message) else {
            return Go::Stay;
        };
        let name = order
            .registrant
            .as_ref()
            .map(|r| r.first_name.as_str())
            .unwrap_or_default();
        ui.heading(tr("Thank you {name}, the order is confirmed").replace("{name}", name));
        ui.add_space(12.0);
        ui.label(tr("The order code:"));
        ui.label(
            RichText::new(&order.access_code)
                .monospace()
                .size(56.0)
                .strong(),
        );
        ui.label(
            RichText::new(tr(
                "Keep it: with the registrant's e-mail it reopens the order under “Find my order”.",
            ))
            .weak(),
        );
        if let Some(total) = order.total {
            ui.label(
                tr("Paid: {total} for {n} seats")
                    .replace("{total}", &fmt::money(total))
                    .replace("{n}", &order.positions.len().to_string()),
            );
        }
        ui.add_space(16.0);
        message_ui(ui, message.as_deref());
        let (mut assign, mut done) = (false, false);
        ui.horizontal(|ui| {
            assign = ui
                .button(RichText::new(tr("Assign attendees now")).strong())
                .clicked();
            done = ui.button(tr("Done")).clicked();
        });
        if assign || enter_submits(ui) {
            return Go::To(Step::Attendees(Box::new(AttendeesScreen::new(
                key.clone(),
                &order,
            ))));
        }
        if done {
            return Go::start_again();
        }
        Go::Stay
    }
}
