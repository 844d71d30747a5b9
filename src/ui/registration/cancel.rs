//! "Cancel order": on every step holding an unpaid order, a button that
//! asks first ("Cancel order ABC123? Its seats are released." — Yes / No,
//! No focused, Escape = No), then sends [`UserCommand::CancelOrder`]. Its
//! answer takes the desk back to the conferences, ready for the next
//! customer, with a line saying the order was cancelled. The workspace
//! (`mod.rs`) owns the asking state, so every step gets the same button
//! and dialog without holding either.

use crate::app::{OrderKey, UserCommand};
use crate::domain::Message;
use crate::ui::i18n::{say, tr};
use crate::ui::registration::{ConferencesScreen, Step};
use crate::ui::shell::{Asker, Shell};
use eframe::egui::{self, Ui};

/// "Cancel order" was pressed: the order it asks about, until Yes or No.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CancelConfirm {
    /// The order to cancel.
    pub key: OrderKey,
    /// Whether "No" got the keyboard focus already (once, when it opens).
    pub focused_once: bool,
}

/// The conferences, with the line saying order `code` is cancelled.
pub(crate) fn cancelled_step(code: &str) -> Step {
    let line = say(
        &Message::new("Order {code} cancelled; its seats are released.")
            .text("code", code.to_owned()),
    );
    Step::Conferences(ConferencesScreen::with_notice(line))
}

/// The "Cancel order" button under the step: it only opens the question.
pub(crate) fn button_ui(ui: &mut Ui, key: OrderKey, cancel: &mut Option<CancelConfirm>) {
    ui.add_space(16.0);
    ui.separator();
    if ui.button(tr("Cancel order")).clicked() {
        *cancel = Some(CancelConfirm {
            key,
            focused_once: false,
        });
    }
}

/// The question, while asked. Escape and Enter pressed while it shows are
/// taken here, so the step behind it (whose Escape goes back, whose Enter
/// submits) never sees them.
pub(crate) fn confirm_ui(ui: &mut Ui, shell: &mut Shell<'_>, cancel: &mut Option<CancelConfirm>) {
    let Some(asked) = cancel else {
        return;
    };
    let modal = egui::Modal::new(egui::Id::unique("cancel-order")).show(ui.ctx(), |ui| {
        ui.label(say(&Message::new(
            "Cancel order {code}? Its seats are released.",
        )
        .text("code", asked.key.access_code.clone())));
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            let yes = ui.button(tr("Yes")).clicked();
            let no = ui.button(tr("No"));
            if !std::mem::replace(&mut asked.focused_once, true) {
                no.request_focus();
            }
            (yes, no.clicked())
        })
        .inner
    });
    let (yes, no) = modal.inner;
    if yes {
        let order = asked.key.clone();
        shell.send(Asker::CancelOrder, UserCommand::CancelOrder { order });
    }
    if yes || no || modal.should_close() {
        *cancel = None;
    }
    ui.input_mut(|i| {
        i.consume_key(egui::Modifiers::NONE, egui::Key::Escape);
        i.consume_key(egui::Modifiers::NONE, egui::Key::Enter);
    });
}

/// The answer to a cancel sent last frame. Done: nothing to do here — the
/// workspace sees the order cancelled and shows the conferences with the
/// line (as it does for an order cancelled at another desk). Refused (paid
/// or expired meanwhile, or offline): a toast, and the step follows the
/// order's state as always.
pub(crate) fn outcome(ui: &Ui, shell: &mut Shell<'_>) {
    if let Some(Err(e)) = shell.outcome(ui, Asker::CancelOrder)
        && let Some(e) = shell.triage(e)
    {
        shell.toast(ui, say(&e.message()));
    }
}
