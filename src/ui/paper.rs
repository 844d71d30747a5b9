//! The window's PDF buttons (issue 18, items 4 and 5): "Badges (PDF)…"
//! (with the paper size beside it) and "Check-in list (PDF)…" on the
//! Attendees tab, "Receipt (PDF)…" on the wizard's confirmation. Each asks
//! for a file through [`crate::ui::path_dialog`] (the system's dialog, else
//! the path field), writes through the desk in the window's language, and
//! says in a toast what it wrote, naming anyone no font could draw.

use crate::app::paper::{PaperReport, PaperTarget};
use crate::app::pdf::{BadgeSize, FontSet};
use crate::app::projections::{OrderStatusView, OrderView};
use crate::app::{AppError, ConferenceAccess};
use crate::domain::{Field, Message, OrderId};
use crate::ui::i18n::{say, tr};
use crate::ui::path_dialog::{PathAnswer, PathDialog, Purpose, default_folder, native_save};
use crate::ui::shell::Shell;
use eframe::egui::Ui;
use std::path::Path;

/// Which PDF a chosen path is for.
#[derive(Debug, Clone)]
enum Job {
    Badges(ConferenceAccess, BadgeSize),
    CheckInList(ConferenceAccess),
    Receipt(Box<OrderView>),
}

/// The PDF buttons' state: the paper size and the path field, while open.
#[derive(Debug, Clone, Default)]
pub struct PaperPanel {
    /// The badges' paper.
    pub size: BadgeSize,
    /// The open path field and what it is for (boxed: the wizard's steps
    /// are an enum, kept small).
    dialog: Option<Box<(Job, PathDialog)>>,
}

/// A size as the menu shows it.
fn size_label(size: BadgeSize) -> &'static str {
    match size {
        BadgeSize::A4 => tr("A4 sheets, 8 badges"),
        BadgeSize::A6 => tr("A6, one badge a page"),
        BadgeSize::Label => tr("102×76 mm label"),
    }
}

impl PaperPanel {
    /// The Attendees tab's buttons: badges (with their size) and the check-in list.
    pub fn attendees_ui(
        &mut self,
        ui: &mut Ui,
        shell: &mut Shell<'_>,
        access: &ConferenceAccess,
        slug: &str,
    ) {
        ui.horizontal(|ui| {
            egui_size_ui(ui, &mut self.size);
            if ui.button(tr("Badges (PDF)…")).clicked() {
                let job = Job::Badges(access.clone(), self.size);
                self.start(ui, shell, job, &format!("{slug}-badges.pdf"));
            }
            if ui.button(tr("Check-in list (PDF)…")).clicked() {
                let job = Job::CheckInList(access.clone());
                self.start(ui, shell, job, &format!("{slug}-check-in-list.pdf"));
            }
        });
        self.dialog_ui(ui, shell);
    }

    /// "Receipt (PDF)…" for `order` (shown for a paid order only).
    pub fn receipt_ui(&mut self, ui: &mut Ui, shell: &mut Shell<'_>, order: &OrderView) {
        if ui.button(tr("Receipt (PDF)…")).clicked() {
            let name = format!("receipt-{}.pdf", order.access_code);
            self.start(ui, shell, Job::Receipt(Box::new(order.clone())), &name);
        }
        self.dialog_ui(ui, shell);
    }

    /// The Orders tab's "Receipt (PDF)…" for the order selected there, when
    /// it is a paid order of the organizer's conference.
    pub fn selected_order_ui(
        &mut self,
        ui: &mut Ui,
        shell: &mut Shell<'_>,
        access: &ConferenceAccess,
        selected: Option<OrderId>,
    ) {
        let order = selected
            .and_then(|id| shell.desk.read_models().orders.get(id))
            .filter(|o| o.conference_id == access.conference())
            .filter(|o| o.status == OrderStatusView::Confirmed)
            .cloned();
        match order {
            Some(order) => {
                ui.horizontal(|ui| {
                    ui.label(say(
                        &Message::new("Order {code}").text("code", &order.access_code)
                    ));
                    self.receipt_ui(ui, shell, &order);
                });
            }
            None => self.dialog_ui(ui, shell),
        }
    }

    /// The system's save dialog, else the path field.
    fn start(&mut self, ui: &Ui, shell: &mut Shell<'_>, job: Job, file_name: &str) {
        let suggested = default_folder().join(file_name);
        match native_save(&suggested, tr("PDF files"), &["pdf"]) {
            Some(path) => write(ui, shell, &job, &path),
            None => {
                let dialog = PathDialog::new(tr("Save PDF"), Purpose::Save, &suggested);
                self.dialog = Some(Box::new((job, dialog)));
            }
        }
    }

    fn dialog_ui(&mut self, ui: &Ui, shell: &mut Shell<'_>) {
        let Some(open) = &mut self.dialog else {
            return;
        };
        let (job, dialog) = &mut **open;
        match dialog.ui(ui.ctx(), shell.desk.protected()) {
            PathAnswer::Pending => {}
            PathAnswer::Cancelled => self.dialog = None,
            PathAnswer::Chosen(path) => {
                let job = job.clone();
                self.dialog = None;
                write(ui, shell, &job, &path);
            }
        }
    }
}

/// The badge size picker.
fn egui_size_ui(ui: &mut Ui, size: &mut BadgeSize) {
    let label = ui.label(tr("Paper"));
    eframe::egui::ComboBox::from_id_salt("badge-size")
        .selected_text(size_label(*size))
        .show_ui(ui, |ui| {
            for s in BadgeSize::ALL {
                ui.selectable_value(size, s, size_label(s));
            }
        })
        .response
        .labelled_by(label.id);
}

/// Writes `job` at `path` and says how it went.
fn write(ui: &Ui, shell: &mut Shell<'_>, job: &Job, path: &Path) {
    let words = crate::ui::i18n::words();
    let target = PaperTarget {
        field: &Field::File,
        path,
        words: &words,
        fonts: FontSet::new(),
    };
    let result: Result<PaperReport, AppError> = match job {
        Job::Badges(access, size) => shell.desk.export_badges(access, *size, target),
        Job::CheckInList(access) => shell.desk.export_checkin_list(access, target),
        Job::Receipt(order) => shell.desk.export_receipt(order, target),
    };
    match result {
        Ok(report) => {
            let mut text = say(&Message::new("Saved {path} ({n} {n|page|pages})")
                .text("path", path.display().to_string())
                .count("n", report.pages));
            if let Some(warning) = report.warning() {
                text = format!("{text}\n{}", say(&warning));
            }
            shell.toast(ui, text);
        }
        Err(e) => {
            if let Some(e) = shell.triage(e) {
                shell.toast(ui, say(&e.message()));
            }
        }
    }
}
