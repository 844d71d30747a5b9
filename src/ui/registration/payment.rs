//! Step 4, Payment: the order's lines and total as the app priced them, and
//! the desk's record of the payment — Accept confirms the order, Reject
//! comes back here with a message (no real payment is taken). Esc goes back
//! to the registrant details. Below the buttons, a discount code field
//! (`discount.rs`) prices the order again.
//!
//! Accepting is always a deliberate act: a click, or Enter/Space on the
//! focused button. Enter on the page does nothing here: the Enter that
//! submits the details step would otherwise, pressed twice, record a
//! payment nobody took (issue 13). So the step's focus goes to its
//! heading (focusable, never clicked): the next Tab reaches Accept without
//! a walk through the menu bar, and Enter stays harmless.
//!
//! How it was paid (issue 18.4) is chosen on the row after the buttons
//! (so one Tab still reaches Accept): cash, card, bank transfer, or free —
//! preset to free for a total of 0 (its only method) and to cash otherwise,
//! the same default as `confdesk order pay`. Selecting a method never pays.

use crate::app::projections::OrderStatusView;
use crate::app::projections::OrderView;
use crate::app::{OrderKey, UserCommand, default_method};
use crate::domain::Message;
use crate::domain::events::PaymentMethod;
use crate::domain::person_name::display_name;
use crate::ui::i18n::{format as fmt, say, tr};
use crate::ui::registration::{
    ConfirmationScreen, DetailsScreen, Go, Step, load_order, message_ui, right_cell,
};
use crate::ui::shell::{Asker, Shell};
use crate::ui::widgets::escape_pressed;
use eframe::egui::{self, RichText, Ui};

/// Payment state.
#[derive(Debug, Clone)]
pub struct PaymentScreen {
    /// The order.
    pub key: OrderKey,
    /// What happened to the last attempt (a rejection, a refusal).
    pub message: Option<String>,
    /// Whether the heading got the keyboard focus already.
    pub focused_once: bool,
    /// The discount code field (issue 18.7).
    pub discount: super::discount::DiscountField,
    /// The method picked (None: the default for the order's total).
    pub method: Option<PaymentMethod>,
}

impl PaymentScreen {
    /// The payment of `key`'s order.
    pub fn new(key: OrderKey) -> Self {
        Self {
            key,
            message: None,
            focused_once: false,
            discount: super::discount::DiscountField::default(),
            method: None,
        }
    }

    /// Draws the screen.
    pub fn ui(&mut self, ui: &mut Ui, shell: &mut Shell<'_>) -> Go {
        let Self {
            key,
            message,
            focused_once,
            discount,
            method,
        } = self;
        let paid = shell.outcome(ui, Asker::Payment);
        let Some(order) = load_order(ui, shell, key, message) else {
            return Go::Stay;
        };
        match paid {
            // Accepted: the workspace shows a confirmed order as such.
            Some(Ok(_)) if order.status == OrderStatusView::Confirmed => {
                return Go::To(Step::Confirmation(ConfirmationScreen::new(key.clone())));
            }
            Some(Ok(_)) => {
                *message = Some(
                    tr("The payment was rejected: nothing was charged. Try again, or go back.")
                        .into(),
                );
            }
            Some(Err(e)) => *message = shell.triage(e).map(|e| say(&e.message())),
            None => {}
        }
        let heading = ui.add(
            egui::Label::new(RichText::new(tr("Payment")).heading())
                .sense(egui::Sense::focusable_noninteractive()),
        );
        if !std::mem::replace(focused_once, true) {
            heading.request_focus();
        }
        if let Some(r) = &order.registrant {
            ui.label(format!(
                "{} · {}",
                display_name(&r.first_name, &r.last_name),
                r.email
            ));
        }
        ui.add_space(8.0);
        lines_ui(ui, shell, &order);
        ui.add_space(12.0);
        ui.label(tr("Take the payment at the desk, then record how it went:"));
        let (mut accept, mut reject, mut back) = (false, false, false);
        ui.horizontal(|ui| {
            accept = ui
                .button(RichText::new(tr("Accept payment")).strong())
                .clicked();
            reject = ui.button(tr("Reject payment")).clicked();
            back = ui.button(tr("Back to details")).clicked();
        });
        let chosen = method_ui(ui, method, order.total);
        message_ui(ui, message.as_deref());
        // After the buttons, so that the Tab from the heading still reaches
        // Accept first; a code applied here reprices the lines above.
        ui.add_space(8.0);
        discount.ui(ui, shell, key);
        if accept || reject {
            let pay = if accept {
                UserCommand::PayWith {
                    order: key.clone(),
                    method: chosen,
                }
            } else {
                UserCommand::Pay {
                    order: key.clone(),
                    accept,
                }
            };
            shell.send(Asker::Payment, pay);
            return Go::Stay;
        }
        if back || escape_pressed(ui) {
            return Go::To(Step::Details(Box::new(DetailsScreen::new(
                key.clone(),
                &order,
            ))));
        }
        Go::Stay
    }
}

/// A payment method's label on the payment step.
pub fn method_label(method: PaymentMethod) -> &'static str {
    match method {
        PaymentMethod::Cash => tr("Cash"),
        PaymentMethod::Card => tr("Card"),
        PaymentMethod::BankTransfer => tr("Bank transfer"),
        PaymentMethod::Free => tr("Free"),
        PaymentMethod::Unknown => tr("Not recorded"),
    }
}

/// "Paid by:" and one radio per method; returns the method in effect (the
/// one picked, or the default for `total`).
fn method_ui(
    ui: &mut Ui,
    method: &mut Option<PaymentMethod>,
    total: Option<crate::domain::Money>,
) -> PaymentMethod {
    let mut chosen = method.unwrap_or_else(|| default_method(total));
    ui.horizontal_wrapped(|ui| {
        ui.label(tr("Paid by:"));
        for m in PaymentMethod::CHOICES {
            if ui.radio_value(&mut chosen, m, method_label(m)).clicked() {
                *method = Some(m);
            }
        }
    });
    chosen
}

/// The order's priced lines and total.
fn lines_ui(ui: &mut Ui, shell: &Shell<'_>, order: &OrderView) {
    egui::Grid::new("payment-lines")
        .num_columns(5)
        .spacing([24.0, 6.0])
        .striped(true)
        .show(ui, |ui| {
            for h in [
                tr("Seat type"),
                tr("Quantity"),
                tr("Unit price"),
                tr("Line total"),
                "",
            ] {
                ui.strong(h);
            }
            ui.end_row();
            for l in order.lines.iter().filter(|l| l.reserved > 0) {
                ui.label(shell.desk.registration().seat_type_name(order, l.seat_type));
                right_cell(ui, l.reserved.to_string());
                right_cell(ui, l.unit_price.map(fmt::money).unwrap_or_default());
                right_cell(ui, l.line_total.map(fmt::money).unwrap_or_default());
                // An empty last column: egui gives the last column all the
                // width left, which would push a right-aligned total far away.
                ui.label("");
                ui.end_row();
            }
        });
    ui.add_space(6.0);
    super::discount::discount_line_ui(ui, order);
    let total = order
        .total
        .map_or_else(|| tr("not priced yet").to_string(), fmt::money);
    ui.label(
        RichText::new(say(&Message::new("Total: {total}").text("total", &total)))
            .size(20.0)
            .strong(),
    );
}
