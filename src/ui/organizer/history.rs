//! The Orders tab's history side panel: every event of the selected order,
//! oldest first, each with its time and plain-language line
//! ([`Desk::order_history`](crate::app::Desk::order_history)). The lines are
//! read from the log only when the order or the log changes; in a past view
//! only the events up to the cut are listed.

use crate::app::ConferenceAccess;
use crate::app::history::HistoryLine;
use crate::app::history::{HistoryAccess, HistoryEntry};
use crate::domain::OrderId;
use crate::ui::i18n::{format as fmt, say, tr};
use crate::ui::shell::Shell;
use crate::ui::widgets::escape_pressed;
use eframe::egui::{self, RichText, Ui};

/// State of the history panel.
#[derive(Debug, Clone, Default)]
pub struct HistoryPanel {
    /// The events of the order shown.
    pub entries: Vec<HistoryEntry>,
    /// Why the history could not be read.
    pub message: Option<String>,
    /// The order's money and the organizer's cancel and refund.
    pub money: super::order_money::OrderMoney,
    cache_key: Option<(OrderId, u64)>,
}

impl HistoryPanel {
    /// Draws the history of `order` in a panel on the right of `ui`; `cut`
    /// limits it to events up to that position (a past view). Returns
    /// `false` when the organizer closed it (button or Escape).
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        shell: &mut Shell<'_>,
        access: &ConferenceAccess,
        order: OrderId,
        cut: Option<u64>,
    ) -> bool {
        self.refresh(shell, access, order);
        let mut open = !escape_pressed(ui);
        egui::Panel::right("order-history")
            .default_size(380.0)
            .show(ui, |ui| {
                ui.horizontal(|ui| {
                    ui.strong(tr("Order history"));
                    if ui.button(tr("Close history")).clicked() {
                        open = false;
                    }
                });
                if cut.is_none() {
                    self.money.ui(ui, shell, access, order);
                }
                if let Some(m) = &self.message {
                    ui.label(m.as_str());
                }
                egui::ScrollArea::vertical().show(ui, |ui| {
                    let shown = self
                        .entries
                        .iter()
                        .filter(|e| cut.is_none_or(|c| e.position <= c));
                    for e in shown {
                        let when = fmt::date_time(fmt::local(e.recorded_at));
                        ui.label(RichText::new(when).weak());
                        ui.label(line_text(&e.line));
                        ui.add_space(4.0);
                    }
                });
            });
        open
    }

    /// The panel for the order `selected` in the Orders tab, if any;
    /// closing it clears the selection.
    pub fn beside_orders(
        &mut self,
        ui: &mut Ui,
        shell: &mut Shell<'_>,
        access: &ConferenceAccess,
        selected: &mut Option<OrderId>,
        cut: Option<u64>,
    ) {
        if let Some(order) = *selected
            && !self.ui(ui, shell, access, order, cut)
        {
            *selected = None;
        }
    }

    /// Reads the order's history again if the order or the log changed.
    fn refresh(&mut self, shell: &mut Shell<'_>, access: &ConferenceAccess, order: OrderId) {
        let cache_key = (order, shell.desk.stats().events);
        if self.cache_key == Some(cache_key) {
            return;
        }
        self.cache_key = Some(cache_key);
        let who = HistoryAccess::Organizer(access.clone(), order);
        match shell.desk.order_history(&who) {
            Ok(entries) => {
                self.entries = entries;
                self.message = None;
            }
            Err(e) => {
                self.entries.clear();
                self.message = shell.triage(e).map(|e| say(&e.message()));
            }
        }
    }
}

/// An event's line in the interface language: its template translated, the
/// money and times formatted for that language (times in local time).
fn line_text(line: &HistoryLine) -> String {
    say(line)
}
