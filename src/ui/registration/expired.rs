//! Order expired: the reservation's time ran out before payment, so its
//! seats went back on sale. The only way on is to start again.

use crate::domain::Message;
use crate::ui::i18n::{say, tr};
use crate::ui::registration::{Go, enter_submits};
use crate::ui::shell::Shell;
use eframe::egui::{RichText, Ui};

/// The expired page.
#[derive(Debug, Clone, Default)]
pub struct ExpiredScreen {
    /// Whether "Start over" got the keyboard focus already.
    pub focused_once: bool,
}

impl ExpiredScreen {
    /// Draws the screen.
    pub fn ui(&mut self, ui: &mut Ui, shell: &mut Shell<'_>) -> Go {
        let Self { focused_once } = self;
        let minutes = shell.desk.settings().reservation_window.num_minutes();
        ui.heading(tr("Order expired"));
        ui.add_space(8.0);
        ui.label(
            say(&Message::new("The order was not paid within {minutes} {minutes|minute|minutes}, so its seats were released for others. Nothing was charged.").count("minutes", minutes)),
        );
        ui.add_space(12.0);
        let start_over = ui.button(RichText::new(tr("Start over")).strong());
        if !std::mem::replace(focused_once, true) {
            start_over.request_focus();
        }
        if start_over.clicked() || enter_submits(ui) {
            return Go::start_again();
        }
        Go::Stay
    }
}
