//! The window's side of mail ([`crate::ui::mail`]): which outbox the open
//! log has, the dialog's answers saved in the settings file, and the
//! status bar's mail part (a plain label in desk mode, where the dialog
//! stays shut: its server settings are the organizer's).

use super::{LogState, MainWindow};
use crate::domain::Message;
use crate::ui::i18n::say;
use crate::ui::mail::{MailAnswer, MailSetup};
use eframe::egui;

impl MainWindow {
    /// Sends mail through `setup` once a log is open (the real window:
    /// the environment's server, else the one the settings remember).
    pub fn with_mail(mut self, setup: Option<MailSetup>) -> Self {
        self.mail = crate::ui::mail::MailDesk::with_setup(setup);
        self
    }

    /// Each frame: the worker follows the open log's outbox, and the
    /// dialog's answer is saved.
    pub(super) fn mail_frame(&mut self, ctx: &egui::Context) {
        let outbox = matches!(self.log, LogState::Ready(_)).then(|| self.location.outbox_dir());
        self.mail.frame(ctx, outbox.clone(), &self.clock);
        let saved = match self.mail.dialog_ui(ctx, outbox, &self.clock) {
            MailAnswer::Stay => return,
            MailAnswer::Save(url, from) => self.save_prefs(|p| {
                p.smtp_url = Some(url);
                p.smtp_from = Some(from);
            }),
            MailAnswer::Forget => self.save_prefs(|p| {
                p.smtp_url = None;
                p.smtp_from = None;
            }),
        };
        if let Err(e) = saved {
            let text = say(
                &Message::new("The mail server could not be remembered: {error}")
                    .text("error", say(&e.message())),
            );
            self.toast(ctx, text);
        }
    }
}
