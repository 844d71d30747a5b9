//! The organizer's money actions on the selected order (issue 18.3 and
//! 18.6), drawn at the top of the order's history panel: what was paid
//! and how, what went back, "Cancel order…" (Yes / No, saying what it
//! does) and "Record refund…" (the amount prefilled with what is left, the
//! method as radios); and "Export orders…" (CSV or Excel, by the file's
//! extension) beside "Export attendees…". The screen holds no rule: the
//! values it sends are decided by the app (what is left to refund, a
//! second cancel), and a refusal comes back as the app's message.

use crate::app::export::CsvOptions;
use crate::app::orders_export::OrdersFormat;
use crate::app::projections::{OrderStatusView, OrderView};
use crate::app::{ConferenceAccess, UserCommand};
use crate::domain::events::PaymentMethod;
use crate::domain::{Field, Message, Money, OrderId};
use crate::ui::i18n::{say, tr};
use crate::ui::path_dialog::{PathAnswer, PathDialog, Purpose, default_folder, native_save};
use crate::ui::registration::method_label;
use crate::ui::shell::{Asker, Shell};
use eframe::egui::{self, RichText, Ui};

/// What the money part of the panel is asking, if anything.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum MoneyAsk {
    /// Nothing: the buttons.
    #[default]
    Idle,
    /// "Cancel order …?" waiting for Yes or No.
    ConfirmCancel(OrderId),
    /// The refund form: the order, the amount as typed, the method.
    Refund(OrderId, String, PaymentMethod),
}

/// The money part of the order panel.
#[derive(Debug, Clone, Default)]
pub struct OrderMoney {
    /// What is being asked.
    pub ask: MoneyAsk,
    /// The last refusal, shown until the next action.
    pub message: Option<String>,
}

/// The methods a refund is paid out by.
const REFUND_METHODS: [PaymentMethod; 3] = [
    PaymentMethod::Cash,
    PaymentMethod::Card,
    PaymentMethod::BankTransfer,
];

impl OrderMoney {
    /// Draws the order's money line and actions (live view only).
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        shell: &mut Shell<'_>,
        access: &ConferenceAccess,
        order: OrderId,
    ) {
        self.take_outcome(ui, shell);
        let Ok(view) = shell.desk.organizer().organizer_order(access, order) else {
            return;
        };
        summary_ui(ui, &view);
        if !matches!(&self.ask, MoneyAsk::Idle) && self.ask_order() != Some(order) {
            self.ask = MoneyAsk::Idle;
        }
        match self.ask.clone() {
            MoneyAsk::Idle => self.buttons_ui(ui, shell, &view),
            MoneyAsk::ConfirmCancel(_) => self.confirm_ui(ui, shell, access, &view),
            MoneyAsk::Refund(_, amount, method) => {
                self.refund_ui(ui, shell, access, &view, amount, method);
            }
        }
        if let Some(m) = &self.message {
            ui.label(RichText::new(m.as_str()).color(ui.visuals().error_fg_color));
        }
        ui.add_space(6.0);
    }

    fn ask_order(&self) -> Option<OrderId> {
        match &self.ask {
            MoneyAsk::Idle => None,
            MoneyAsk::ConfirmCancel(o) | MoneyAsk::Refund(o, ..) => Some(*o),
        }
    }

    fn take_outcome(&mut self, ui: &Ui, shell: &mut Shell<'_>) {
        match shell.outcome(ui, Asker::OrderMoney) {
            Some(Ok(_)) => {
                self.ask = MoneyAsk::Idle;
                self.message = None;
                shell.toast(ui, tr("Done: the order's history shows it."));
            }
            Some(Err(e)) => self.message = shell.triage(e).map(|e| say(&e.message())),
            None => {}
        }
    }

    fn buttons_ui(&mut self, ui: &mut Ui, shell: &Shell<'_>, view: &OrderView) {
        let open = !matches!(
            view.status_at(shell.desk.now()),
            OrderStatusView::Cancelled | OrderStatusView::Expired | OrderStatusView::Rejected
        );
        let left = view.refundable().filter(|m| m.minor > 0);
        ui.horizontal(|ui| {
            if ui
                .add_enabled(open, egui::Button::new(tr("Cancel order…")))
                .clicked()
            {
                self.ask = MoneyAsk::ConfirmCancel(view.id);
                self.message = None;
            }
            if ui
                .add_enabled(left.is_some(), egui::Button::new(tr("Record refund…")))
                .clicked()
                && let Some(left) = left
            {
                self.ask = MoneyAsk::Refund(view.id, left.amount_string(), PaymentMethod::Cash);
                self.message = None;
            }
        });
    }

    fn confirm_ui(
        &mut self,
        ui: &mut Ui,
        shell: &mut Shell<'_>,
        access: &ConferenceAccess,
        view: &OrderView,
    ) {
        let question = if view.paid.is_some() {
            Message::new(
                "Cancel order {code}? Its seats go back on sale and its attendees leave the lists; the payment stays recorded until you refund it.",
            )
        } else {
            Message::new("Cancel order {code}? Its seats go back on sale.")
        };
        ui.label(say(&question.text("code", view.access_code.clone())));
        ui.horizontal(|ui| {
            let yes = ui.button(tr("Yes, cancel the order"));
            if !ui.memory(|m| m.has_focus(yes.id)) && ui.memory(|m| m.focused().is_none()) {
                yes.request_focus();
            }
            if yes.clicked() {
                shell.send(
                    Asker::OrderMoney,
                    UserCommand::CancelOrderByOrganizer {
                        access: access.clone(),
                        order: view.id,
                    },
                );
            }
            if ui.button(tr("No, keep it")).clicked() {
                self.ask = MoneyAsk::Idle;
            }
        });
    }

    fn refund_ui(
        &mut self,
        ui: &mut Ui,
        shell: &mut Shell<'_>,
        access: &ConferenceAccess,
        view: &OrderView,
        mut amount: String,
        mut method: PaymentMethod,
    ) {
        let Some(currency) = view.paid.map(|p| p.amount.currency) else {
            self.ask = MoneyAsk::Idle;
            return;
        };
        ui.horizontal(|ui| {
            let l = ui.label(tr("Refund amount"));
            ui.add(egui::TextEdit::singleline(&mut amount).desired_width(100.0))
                .labelled_by(l.id);
            ui.label(currency.code());
        });
        ui.horizontal_wrapped(|ui| {
            ui.label(tr("Paid out by:"));
            for m in REFUND_METHODS {
                ui.radio_value(&mut method, m, method_label(m));
            }
        });
        let (mut record, mut close) = (false, false);
        ui.horizontal(|ui| {
            record = ui.button(tr("Record refund")).clicked();
            close = ui.button(tr("Don't refund")).clicked();
        });
        if close {
            self.ask = MoneyAsk::Idle;
            return;
        }
        if record {
            match Money::parse(&amount, currency, Field::Amount) {
                Ok(amount) => shell.send(
                    Asker::OrderMoney,
                    UserCommand::RefundPayment {
                        access: access.clone(),
                        order: view.id,
                        amount,
                        method,
                    },
                ),
                Err(e) => self.message = Some(say(&e.message())),
            }
        }
        self.ask = MoneyAsk::Refund(view.id, amount, method);
    }
}

/// "Paid 1,000.00 USD by card · refunded 50.00 USD" (or "Not paid").
fn summary_ui(ui: &mut Ui, view: &OrderView) {
    let Some(paid) = view.paid else {
        ui.label(RichText::new(tr("Not paid")).weak());
        return;
    };
    let mut line = say(&Message::new("Paid {amount} by {method}")
        .money("amount", paid.amount)
        .message(
            "method",
            crate::app::history::payment_method_message(paid.method),
        ));
    if let Some(r) = view.refunded() {
        line.push_str(" · ");
        line.push_str(&say(&Message::new("refunded {amount}").money("amount", r)));
    }
    ui.label(line);
}

/// "Export orders…": the system's save dialog, or the typed-path field
/// when it gives no path; CSV or Excel by the chosen file's extension.
#[derive(Debug, Default)]
pub struct OrdersExport {
    /// The path field, while open.
    pub path: Option<PathDialog>,
}

impl OrdersExport {
    /// The button; a click asks where to write.
    pub fn button_ui(
        &mut self,
        ui: &mut Ui,
        shell: &mut Shell<'_>,
        access: &ConferenceAccess,
        slug: &str,
    ) {
        if ui.button(tr("Export orders…")).clicked() {
            let suggested = default_folder().join(format!("{slug}-orders.xlsx"));
            match native_save(&suggested, tr("Excel or CSV files"), &["xlsx", "csv"]) {
                Some(path) => export_to(ui, shell, access, &path),
                None => self.ask_path(slug),
            }
        }
    }

    /// Opens the typed-path field, suggesting `slug`'s workbook.
    pub fn ask_path(&mut self, slug: &str) {
        let suggested = default_folder().join(format!("{slug}-orders.xlsx"));
        self.path = Some(PathDialog::new(
            tr("Export orders"),
            Purpose::Save,
            &suggested,
        ));
    }

    /// The path field, while open (it asks before replacing a file).
    pub fn dialog_ui(&mut self, ui: &Ui, shell: &mut Shell<'_>, access: &ConferenceAccess) {
        let Some(dialog) = &mut self.path else {
            return;
        };
        match dialog.ui(ui.ctx(), shell.desk.protected()) {
            PathAnswer::Pending => {}
            PathAnswer::Cancelled => self.path = None,
            PathAnswer::Chosen(path) => {
                self.path = None;
                export_to(ui, shell, access, &path);
            }
        }
    }
}

/// Writes the orders at `path` (format by extension) and says how it went.
fn export_to(ui: &Ui, shell: &mut Shell<'_>, access: &ConferenceAccess, path: &std::path::Path) {
    let format = OrdersFormat::for_path(path);
    let written =
        shell
            .desk
            .export_orders_as(&Field::File, access, path, format, CsvOptions::default());
    match written {
        Ok(rows) => shell.toast(
            ui,
            say(&Message::new("Exported {n} {n|order|orders} to {path}")
                .count("n", rows)
                .text("path", path.display().to_string())),
        ),
        Err(e) => {
            if let Some(e) = shell.triage(e) {
                shell.toast(ui, say(&e.message()));
            }
        }
    }
}
