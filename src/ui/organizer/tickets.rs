//! The organizer's "Issue missing tickets" (issue 18.1), above the
//! Attendees tab while any paid order of the conference has no tickets:
//! orders paid before tickets existed. Opening such a log writes nothing;
//! this button (like `confdesk ticket issue`) gives those orders their
//! tickets, once. Hidden when there is nothing to issue.

use crate::app::{ConferenceAccess, Outcome, UserCommand};
use crate::domain::Message;
use crate::ui::i18n::{say, tr};
use crate::ui::shell::{Asker, Shell};
use eframe::egui::{RichText, Ui};

/// The line and button while tickets are missing, and what the last click did.
pub fn missing_tickets_ui(ui: &mut Ui, shell: &mut Shell<'_>, access: &ConferenceAccess) {
    match shell.outcome(ui, Asker::IssueTickets) {
        Some(Ok(Outcome::TicketsIssued(n))) => shell.toast(
            ui,
            say(&Message::new("Issued the tickets of {n} {n|order|orders}.").count("n", n)),
        ),
        Some(Err(e)) => {
            if let Some(e) = shell.triage(e) {
                shell.toast(ui, say(&e.message()));
            }
        }
        Some(Ok(_)) | None => {}
    }
    let missing = shell.desk.tickets().missing(access);
    if missing == 0 {
        return;
    }
    ui.horizontal_wrapped(|ui| {
        ui.label(
            RichText::new(say(&Message::new(
                "{n} paid {n|order has|orders have} no tickets yet (paid before tickets existed).",
            )
            .count("n", missing)))
            .weak(),
        );
        if ui.button(tr("Issue missing tickets")).clicked() {
            shell.send(
                Asker::IssueTickets,
                UserCommand::IssueMissingTickets {
                    access: access.clone(),
                },
            );
        }
    });
}
