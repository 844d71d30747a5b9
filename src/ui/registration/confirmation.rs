//! Step 5, Confirmation: the order is paid; its 6-character code is shown
//! large (with the e-mail it reopens the order later, under "Find my
//! order"), with its QR code for the door (painted, and "Save QR as
//! PNG…"), each seat's ticket with its own QR (`tickets.rs`), then "Assign attendees now" (focused: Enter takes it) or
//! "Start over" for the next customer (the paid order stays as it is).
//! Reached by accepting the payment, it queues the registrant's
//! confirmation mail in the outbox
//! ([`crate::app::outbox::queue_confirmation`]) and says so — or why not:
//! a mail that can't be written never undoes the payment.

use crate::app::OrderKey;
use crate::app::outbox::{Queued, queue_confirmation};
use crate::app::qr::{QUIET_ZONE, QrMatrix, qr_matrix, save_qr_png};
use crate::domain::Message;
use crate::ui::i18n::{format as fmt, say, tr};
use crate::ui::path_dialog::{PathAnswer, PathDialog, Purpose, default_folder, native_save};
use crate::ui::registration::tickets::TicketsPanel;
use crate::ui::registration::{AttendeesScreen, Go, Step, enter_submits, load_order, message_ui};
use crate::ui::shell::Shell;
use crate::ui::widgets::error_color;
use eframe::egui::{self, Color32, RichText, Ui};
use std::path::PathBuf;

/// Screen pixels per QR module: the symbol is about 170 px wide.
const MODULE_PX: f32 = 6.0;

/// Confirmation state.
#[derive(Debug, Clone)]
pub struct ConfirmationScreen {
    /// The order.
    pub key: OrderKey,
    /// A refusal to show.
    pub message: Option<String>,
    /// The order code's QR symbol, drawn once per screen.
    qr: Option<QrMatrix>,
    /// The confirmation mail queued on the way here: its path, or why it
    /// could not be written (already in the interface language).
    pub mail: Option<Result<PathBuf, String>>,
    /// "Save QR as PNG…"'s path field, while open.
    pub qr_path: Option<PathDialog>,
    /// Whether "Assign attendees now" got the keyboard focus already.
    focused_once: bool,
    /// "Receipt (PDF)…"'s state.
    pub paper: crate::ui::paper::PaperPanel,
    /// The seats' tickets (boxed: the wizard's steps are kept small).
    tickets: Box<TicketsPanel>,
}

impl ConfirmationScreen {
    /// The confirmation of `key`'s order.
    pub fn new(key: OrderKey) -> Self {
        Self {
            key,
            message: None,
            qr: None,
            mail: None,
            qr_path: None,
            focused_once: false,
            paper: crate::ui::paper::PaperPanel::default(),
            tickets: Box::default(),
        }
    }

    /// The confirmation right after this desk accepted the payment: queues
    /// the registrant's confirmation mail in the desk's outbox, in the
    /// window's language (once per order; an error is shown, the order
    /// stays paid).
    pub fn after_payment(shell: &Shell<'_>, key: OrderKey) -> Self {
        let outbox = shell.location.outbox_dir();
        let words = crate::ui::i18n::words();
        let mail = match queue_confirmation(shell.desk, &outbox, &key, &words) {
            Ok(Queued::Written(p) | Queued::AlreadyQueued(p)) => Ok(p),
            Err(e) => Err(say(&e.message())),
        };
        Self {
            mail: Some(mail),
            ..Self::new(key)
        }
    }

    /// Opens "Save QR as PNG…"'s path field (what a click does when the
    /// system's dialog gives no path).
    pub fn ask_qr_path(&mut self) {
        let suggested = default_folder().join(format!("{}.png", self.key.access_code.trim()));
        self.qr_path = Some(PathDialog::new(
            tr("Save QR as PNG"),
            Purpose::Save,
            &suggested,
        ));
    }

    /// Draws the screen.
    pub fn ui(&mut self, ui: &mut Ui, shell: &mut Shell<'_>) -> Go {
        let Self {
            key,
            message,
            qr,
            mail,
            qr_path,
            focused_once,
            paper,
            tickets,
        } = self;
        let Some(order) = load_order(ui, shell, key, message) else {
            return Go::Stay;
        };
        let name = order
            .registrant
            .as_ref()
            .map(|r| r.first_name.as_str())
            .unwrap_or_default();
        ui.heading(say(&Message::new(
            "Thank you {name}, the order is confirmed",
        )
        .text("name", name)));
        ui.add_space(12.0);
        ui.horizontal(|ui| {
            ui.vertical(|ui| {
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
                // With tickets, each person checks in with their own; the
                // order's QR still finds the whole order.
                let door = if order.positions.iter().any(|p| p.ticket.is_some()) {
                    tr("At the door, this QR code finds the whole order; each ticket below checks in its own person.")
                } else {
                    tr("Show the QR code at the door to check in.")
                };
                ui.label(RichText::new(door).weak());
            });
            ui.add_space(24.0);
            ui.vertical(|ui| {
                if qr.is_none() {
                    *qr = qr_matrix(&order.access_code).ok();
                }
                if let Some(m) = qr {
                    qr_ui(ui, m, MODULE_PX, tr("QR code of the order"));
                }
                if ui.button(tr("Save QR as PNG…")).clicked() {
                    save_qr_dialog(ui, shell, &order.access_code, qr_path);
                }
                paper.receipt_ui(ui, shell, &order);
            });
        });
        if let Some(total) = order.total {
            ui.label(say(&Message::new("Paid: {total} for {n} {n|seat|seats}")
                .text("total", fmt::money(total))
                .count("n", order.positions.len())));
        }
        ui.add_space(8.0);
        tickets.ui(ui, shell, &order);
        mail_ui(ui, mail.as_ref());
        if let Some(dialog) = qr_path {
            match dialog.ui(ui.ctx(), shell.desk.protected()) {
                PathAnswer::Pending => {}
                PathAnswer::Cancelled => *qr_path = None,
                PathAnswer::Chosen(path) => {
                    *qr_path = None;
                    save_qr(ui, shell, &order.access_code, &path);
                }
            }
        }
        ui.add_space(16.0);
        message_ui(ui, message.as_deref());
        let (mut assign, mut done) = (false, false);
        ui.horizontal(|ui| {
            let first = ui.button(RichText::new(tr("Assign attendees now")).strong());
            if !std::mem::replace(focused_once, true) {
                first.request_focus();
            }
            assign = first.clicked();
            done = ui.button(tr("Start over")).clicked();
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

/// Paints `matrix` as dark squares on white with the standard quiet zone,
/// white in the dark theme too, so a phone reads it off the screen;
/// `module_px` pixels per module, `label` for screen readers.
pub(super) fn qr_ui(ui: &mut Ui, matrix: &QrMatrix, module_px: f32, label: &str) {
    let side_modules = matrix.width + 2 * QUIET_ZONE;
    let side = side_modules as f32 * module_px;
    let (rect, response) = ui.allocate_exact_size(egui::vec2(side, side), egui::Sense::hover());
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Image, true, label));
    let painter = ui.painter_at(rect);
    painter.rect_filled(rect, 0.0, Color32::WHITE);
    for y in 0..matrix.width {
        for x in 0..matrix.width {
            if matrix.is_dark(x, y) {
                let min = rect.min
                    + egui::vec2(
                        (x + QUIET_ZONE) as f32 * module_px,
                        (y + QUIET_ZONE) as f32 * module_px,
                    );
                let square = egui::Rect::from_min_size(min, egui::vec2(module_px, module_px));
                painter.rect_filled(square, 0.0, Color32::BLACK);
            }
        }
    }
}

/// The line saying where the confirmation mail was queued, or why not.
fn mail_ui(ui: &mut Ui, mail: Option<&Result<PathBuf, String>>) {
    match mail {
        Some(Ok(path)) => {
            ui.label(say(&Message::new(
                "Confirmation queued in the outbox: {path}",
            )
            .text("path", path.display())));
        }
        Some(Err(e)) => {
            ui.label(
                RichText::new(say(&Message::new(
                    "The confirmation mail could not be written: {error}",
                )
                .text("error", e)))
                .color(error_color(ui)),
            );
        }
        None => {}
    }
}

/// "Save QR as PNG…": the system's save dialog, then the PNG; when it
/// gives no path (cancelled, or no dialog could open) the path field opens
/// instead. Only a click opens it, so headless tests never reach rfd.
pub(super) fn save_qr_dialog(
    ui: &Ui,
    shell: &mut Shell<'_>,
    code: &str,
    field: &mut Option<PathDialog>,
) {
    let suggested = default_folder().join(format!("{code}.png"));
    match native_save(&suggested, tr("PNG image"), &["png"]) {
        Some(path) => save_qr(ui, shell, code, &path),
        None => {
            *field = Some(PathDialog::new(
                tr("Save QR as PNG"),
                Purpose::Save,
                &suggested,
            ));
        }
    }
}

/// Writes the PNG at `path` and says how it went.
pub(super) fn save_qr(ui: &Ui, shell: &mut Shell<'_>, code: &str, path: &std::path::Path) {
    match save_qr_png(code, path, shell.desk.protected()) {
        Ok(()) => shell.toast(
            ui,
            say(&Message::new("Saved the QR code to {path}")
                .text("path", path.display().to_string())),
        ),
        Err(e) => {
            if let Some(e) = shell.triage(e) {
                shell.toast(ui, say(&e.message()));
            }
        }
    }
}
