//! The order's tickets where the registrant sees the paid order (the
//! confirmation step, and the attendees step "Find my order" opens): each
//! seat's 8-character ticket code with its own QR code (painted, and
//! "Save QR as PNG…" per ticket). At the door a ticket checks in exactly
//! its person; the order's code still finds the whole order. An order
//! paid before tickets existed shows none (the organizer issues them).

use crate::app::projections::OrderView;
use crate::app::qr::{QrMatrix, qr_matrix};
use crate::domain::Message;
use crate::ui::i18n::{say, tr};
use crate::ui::path_dialog::{PathAnswer, PathDialog};
use crate::ui::registration::confirmation::{qr_ui, save_qr, save_qr_dialog};
use crate::ui::shell::Shell;
use eframe::egui::{self, RichText, Ui};
use std::collections::HashMap;

/// Screen pixels per QR module of a ticket: smaller than the order's, so
/// several fit side by side (a ticket's symbol is about 90 px wide).
const TICKET_MODULE_PX: f32 = 3.0;

/// The tickets' UI state: their QR symbols (drawn once) and the path
/// field of the ticket being saved.
#[derive(Debug, Clone, Default)]
pub struct TicketsPanel {
    qrs: HashMap<String, Option<QrMatrix>>,
    /// "Save QR as PNG…"'s path field, while open, with its ticket code.
    /// (Boxed: the wizard's steps are kept small.)
    saving: Option<Box<(String, PathDialog)>>,
}

impl TicketsPanel {
    /// Draws one card per seat with a ticket: "Seat N · seat type", the
    /// code, its QR and its save button. Nothing for an order without
    /// tickets.
    pub fn ui(&mut self, ui: &mut Ui, shell: &mut Shell<'_>, order: &OrderView) {
        let Self { qrs, saving } = self;
        let tickets: Vec<_> = order
            .positions
            .iter()
            .filter_map(|p| Some((p, p.ticket.as_ref()?)))
            .collect();
        if tickets.is_empty() {
            return;
        }
        ui.label(RichText::new(tr("Tickets: each person shows their own at the door")).strong());
        ui.horizontal_wrapped(|ui| {
            for (seat, code) in tickets {
                ui.group(|ui| {
                    ui.vertical(|ui| {
                        let seat_type = shell
                            .desk
                            .registration()
                            .seat_type_name(order, seat.seat_type);
                        ui.label(say(&Message::new("Seat {n}: {seat_type}")
                            .count("n", u64::from(seat.position) + 1)
                            .text("seat_type", seat_type)));
                        ui.label(RichText::new(code).monospace().size(20.0).strong());
                        let qr = qrs
                            .entry(code.clone())
                            .or_insert_with(|| qr_matrix(code).ok());
                        if let Some(qr) = qr {
                            let label =
                                say(&Message::new("QR code of ticket {code}").text("code", code));
                            qr_ui(ui, qr, TICKET_MODULE_PX, &label);
                        }
                        // Named apart from the order's own "Save QR as PNG…".
                        let save =
                            ui.button(tr("Save QR as PNG…"))
                                .accessible_name(say(&Message::new(
                                    "Save the QR of ticket {code} as PNG…",
                                )
                                .text("code", code)));
                        if save.clicked() {
                            let mut field = None;
                            save_qr_dialog(ui, shell, code, &mut field);
                            *saving = field.map(|f| Box::new((code.clone(), f)));
                        }
                    });
                });
            }
        });
        if let Some(open) = saving {
            let (code, dialog) = &mut **open;
            match dialog.ui(ui.ctx(), shell.desk.protected()) {
                PathAnswer::Pending => {}
                PathAnswer::Cancelled => *saving = None,
                PathAnswer::Chosen(path) => {
                    let code = code.clone();
                    *saving = None;
                    save_qr(ui, shell, &code, &path);
                }
            }
        }
    }
}

/// [`TicketsPanel`] inside a section that starts closed, for the attendees
/// step (whose rows come first).
pub fn tickets_section_ui(
    panel: &mut TicketsPanel,
    ui: &mut Ui,
    shell: &mut Shell<'_>,
    order: &OrderView,
) {
    if order.positions.iter().all(|p| p.ticket.is_none()) {
        return;
    }
    egui::CollapsingHeader::new(tr("Tickets and their QR codes"))
        .id_salt("order-tickets")
        .show(ui, |ui| panel.ui(ui, shell, order));
}
