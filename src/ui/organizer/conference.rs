//! The Conference screen: name, the publication state on its own line with
//! its one action beside it (Publish or Unpublish, each after a Yes/No
//! confirmation saying what it does to registrants), Export attendees…, the "As of…" control, and the Dashboard,
//! Details, Seat types, Orders, Attendees and Staff tabs. In a past view the
//! Dashboard, Seat types, Orders and Attendees tabs draw the past read
//! models and every editing control is disabled.

use crate::app::export::CsvOptions;
use crate::app::{AppError, ConferenceAccess, Desk, OrganizerKey, UserCommand};
use crate::domain::ConferenceId;
use crate::domain::Message;
use crate::ui::i18n::{say, tr};
use crate::ui::organizer::as_of::AsOfPanel;
use crate::ui::organizer::attendees::AttendeesTab;
use crate::ui::organizer::dashboard::DashboardTab;
use crate::ui::organizer::form::ConferenceForm;
use crate::ui::organizer::history::HistoryPanel;
use crate::ui::organizer::orders::OrdersTab;
use crate::ui::organizer::seat_types::SeatTypesTab;
use crate::ui::organizer::staff::StaffTab;
use crate::ui::organizer::{Go, HomeScreen, OrganizerScreen};
use crate::ui::path_dialog::{PathAnswer, PathDialog, Purpose, default_folder, native_save};
use crate::ui::shell::{Asker, Shell};
use crate::ui::widgets::error_color;
use eframe::egui::{self, RichText, Ui};

/// The conference screen's tabs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    /// Figures and charts.
    Dashboard,
    /// Edit details.
    Details,
    /// Seat types table.
    SeatTypes,
    /// Orders table.
    Orders,
    /// Attendees table.
    Attendees,
    /// Staff codes (issue 18 item 2).
    Staff,
    /// Discount codes (issue 18.7).
    Discounts,
}

/// An open conference.
pub struct ConferenceScreen {
    /// What the organizer typed (desk mode asks for its code again).
    pub key: OrganizerKey,
    /// The organizer's access, granted once when the screen opened.
    pub access: ConferenceAccess,
    /// Its id.
    pub id: ConferenceId,
    /// The open tab.
    pub tab: Tab,
    /// Details form.
    pub details: ConferenceForm,
    /// A message from the last details save.
    pub details_message: Option<String>,
    /// Seat types tab.
    pub seat_types: SeatTypesTab,
    /// Orders tab.
    pub orders: OrdersTab,
    /// Attendees tab.
    pub attendees: AttendeesTab,
    /// Dashboard tab.
    pub dashboard: DashboardTab,
    /// The selected order's history, beside the Orders tab.
    pub history: HistoryPanel,
    /// The "As of…" control and the past view it shows.
    pub as_of: AsOfPanel,
    /// "Export attendees…"'s path field, while open.
    pub export_path: Option<PathDialog>,
    /// Publish (`true`) or Unpublish (`false`) waiting for Yes or No.
    pub confirm_publication: Option<bool>,
    /// The Attendees tab's PDF buttons (badges, check-in list).
    pub paper: crate::ui::paper::PaperPanel,
    /// Staff tab.
    pub staff: StaffTab,
    /// Discounts tab.
    pub discounts: crate::ui::organizer::discounts::DiscountsTab,
    /// "Export orders…" and its path field.
    pub export_orders: super::order_money::OrdersExport,
}

impl ConferenceScreen {
    /// Opens the conference `access` (granted for `key`) opens.
    pub fn open(
        desk: &Desk,
        key: OrganizerKey,
        access: ConferenceAccess,
    ) -> Result<Self, AppError> {
        let view = desk.organizer().organizer_conference(&access)?;
        Ok(Self {
            key,
            access,
            id: view.id,
            tab: Tab::Dashboard,
            details: ConferenceForm::from_info(&view.info),
            details_message: None,
            seat_types: SeatTypesTab::default(),
            orders: OrdersTab::default(),
            attendees: AttendeesTab::default(),
            dashboard: DashboardTab,
            history: HistoryPanel::default(),
            as_of: AsOfPanel::new(desk.now()),
            export_path: None,
            confirm_publication: None,
            paper: crate::ui::paper::PaperPanel::default(),
            staff: StaffTab::default(),
            discounts: Default::default(),
            export_orders: Default::default(),
        })
    }

    /// Draws the screen.
    pub fn ui(&mut self, ui: &mut Ui, shell: &mut Shell<'_>) -> Go {
        let Some(view) = shell.desk.read_models().conferences.get(self.id) else {
            return Go::To(OrganizerScreen::Home(HomeScreen::default()));
        };
        self.take_outcomes(ui, shell);
        let mut go = Go::Stay;
        let live = self.as_of.past().is_none();
        ui.horizontal(|ui| {
            ui.heading(&view.info.name);
            if ui.button(tr("Export attendees…")).clicked() {
                self.export(ui, shell, &view.info.slug);
            }
            self.export_orders
                .button_ui(ui, shell, &self.access, &view.info.slug);
            if ui.button(tr("Close")).clicked() {
                go = Go::To(OrganizerScreen::Home(HomeScreen::default()));
            }
        });
        self.export_path_ui(ui, shell);
        self.export_orders.dialog_ui(ui, shell, &self.access);
        ui.label(
            RichText::new(format!(
                "{} · {} · {}",
                view.info.slug,
                say(&Message::new("{start} to {end}")
                    .date("start", view.info.start)
                    .date("end", view.info.end)),
                view.info.currency
            ))
            .weak(),
        );
        self.publication_ui(ui, live, &view.info.name, view.published);
        self.confirm_publication_ui(ui, shell, &view.info.name);
        self.as_of.ui(ui, shell);
        ui.separator();
        ui.horizontal(|ui| {
            for (tab, label) in [
                (Tab::Dashboard, tr("Dashboard")),
                (Tab::Details, tr("Details")),
                (Tab::SeatTypes, tr("Seat types")),
                (Tab::Orders, tr("Orders")),
                (Tab::Attendees, tr("Attendees")),
                (Tab::Staff, tr("Staff")),
                (Tab::Discounts, tr("Discounts")),
            ] {
                ui.selectable_value(&mut self.tab, tab, label);
            }
        });
        ui.separator();
        if let Some(past) = self.as_of.past() {
            self.seat_types.editing = None;
            let version = AsOfPanel::cache_version(past);
            match self.tab {
                Tab::Dashboard => self.dashboard.ui(ui, &past.read, self.id, past.instant),
                Tab::Details => {
                    ui.add_enabled_ui(false, |ui| self.details_ui(ui, shell));
                }
                Tab::SeatTypes => match past.read.conferences.get(self.id) {
                    Some(then) => {
                        ui.add_enabled_ui(false, |ui| {
                            self.seat_types.ui(ui, shell, &self.access, &then);
                        });
                    }
                    None => {
                        ui.label(crate::ui::i18n::tr("This conference did not exist yet."));
                    }
                },
                Tab::Orders => {
                    let (history, access) = (&mut self.history, &self.access);
                    history.beside_orders(
                        ui,
                        shell,
                        access,
                        &mut self.orders.selected,
                        Some(past.cut),
                    );
                    self.orders.view_ui(ui, &past.read, past.cut, self.id);
                }
                Tab::Attendees => {
                    let at = past.instant;
                    self.attendees.view_ui(ui, &past.read, version, at, self.id);
                }
                Tab::Staff => {
                    ui.add_enabled_ui(false, |ui| self.staff.ui(ui, shell, &self.access));
                }
                Tab::Discounts => {
                    let day = shell.desk.settings().day_zone.day_of(past.instant);
                    crate::ui::organizer::discounts::DiscountsTab::view_ui(
                        ui, &past.read, &view, day,
                    );
                }
            }
            return go;
        }
        match self.tab {
            Tab::Dashboard => {
                let now = shell.desk.now();
                self.dashboard
                    .ui(ui, shell.desk.read_models(), self.id, now);
            }
            Tab::Details => self.details_ui(ui, shell),
            Tab::SeatTypes => self.seat_types.ui(ui, shell, &self.access, &view),
            Tab::Orders => {
                let (history, access) = (&mut self.history, &self.access);
                history.beside_orders(ui, shell, access, &mut self.orders.selected, None);
                let selected = self.orders.selected;
                self.paper.selected_order_ui(ui, shell, access, selected);
                self.orders.ui(ui, shell, self.id);
            }
            Tab::Attendees => {
                let slug = view.info.slug.clone();
                self.paper.attendees_ui(ui, shell, &self.access, &slug);
                if live {
                    crate::ui::organizer::tickets::missing_tickets_ui(ui, shell, &self.access);
                }
                self.attendees.ui(ui, shell, self.id);
            }
            Tab::Staff => self.staff.ui(ui, shell, &self.access),
            Tab::Discounts => self.discounts.ui(ui, shell, &self.access, &view),
        }
        go
    }

    /// The state line: "Published" or "Not published" and the one action
    /// that changes it, apart from the screen's other buttons.
    fn publication_ui(&mut self, ui: &mut Ui, live: bool, name: &str, published: bool) {
        ui.horizontal(|ui| {
            let (state, colour) = if published {
                (tr("Published"), egui::Color32::from_rgb(40, 150, 70))
            } else {
                (tr("Not published"), egui::Color32::GRAY)
            };
            ui.label(RichText::new(state).color(colour).strong());
            let label = if published {
                tr("Unpublish")
            } else {
                tr("Publish")
            };
            let r = ui
                .add_enabled(live, egui::Button::new(label))
                .on_hover_text(say(&publication_question(name, !published)));
            if r.clicked() {
                self.confirm_publication = Some(!published);
            }
        });
    }

    /// "Publish SUMMIT? …" with Yes and No (No focused first; Escape or a
    /// click outside is No).
    fn confirm_publication_ui(&mut self, ui: &Ui, shell: &mut Shell<'_>, name: &str) {
        let Some(publish) = self.confirm_publication else {
            return;
        };
        let modal =
            egui::Modal::new(egui::Id::unique("confirm-publication")).show(ui.ctx(), |ui| {
                ui.label(RichText::new(say(&publication_question(name, publish))).strong());
                ui.add_space(8.0);
                let mut answer = None;
                ui.horizontal(|ui| {
                    let yes = ui.button(if publish {
                        tr("Yes, publish")
                    } else {
                        tr("Yes, unpublish")
                    });
                    let no = ui.button(tr("No"));
                    if !yes.has_focus() && !no.has_focus() {
                        no.request_focus();
                    }
                    if yes.clicked() {
                        answer = Some(true);
                    }
                    if no.clicked() {
                        answer = Some(false);
                    }
                });
                answer
            });
        match modal.inner.or(modal.should_close().then_some(false)) {
            Some(true) => {
                self.confirm_publication = None;
                let command = UserCommand::SetPublished {
                    access: self.access.clone(),
                    published: publish,
                };
                shell.send(Asker::Publication, command);
            }
            Some(false) => self.confirm_publication = None,
            None => {}
        }
    }

    /// What this screen's changes of the last frame did.
    fn take_outcomes(&mut self, ui: &Ui, shell: &mut Shell<'_>) {
        if let Some(Err(e)) = shell.outcome(ui, Asker::Publication)
            && let Some(e) = shell.triage(e)
        {
            shell.toast(ui, say(&e.message()));
        }
        match shell.outcome(ui, Asker::ConferenceDetails) {
            Some(Ok(_)) => {
                // The key follows a changed slug (the form holds what was saved).
                if let Ok(saved) = self.details.to_input() {
                    self.key.slug = saved.slug;
                }
                self.details_message = None;
                shell.toast(ui, tr("Details saved"));
            }
            Some(Err(e)) => self.details_message = shell.triage(e).map(|e| say(&e.message())),
            None => {}
        }
        self.seat_types.take_outcomes(ui, shell);
    }

    fn details_ui(&mut self, ui: &mut Ui, shell: &mut Shell<'_>) {
        let errors = self.details.errors(shell.desk, Some(self.id));
        self.details.ui(ui, &errors, true);
        ui.horizontal(|ui| {
            if ui
                .add_enabled(errors.is_empty(), egui::Button::new(tr("Save details")))
                .clicked()
                && let Ok(input) = self.details.to_input()
            {
                let save = UserCommand::UpdateConference {
                    access: self.access.clone(),
                    input,
                };
                shell.send(Asker::ConferenceDetails, save);
            }
        });
        if let Some(m) = &self.details_message {
            ui.label(RichText::new(m.as_str()).color(error_color(ui)));
        }
    }

    /// Opens "Export attendees…"'s path field (what a click does when the
    /// system's dialog gives no path), suggesting `slug`'s file name.
    pub fn ask_export_path(&mut self, slug: &str) {
        let suggested = default_folder().join(format!("{slug}-attendees.csv"));
        self.export_path = Some(PathDialog::new(
            tr("Export attendees"),
            Purpose::Save,
            &suggested,
        ));
    }

    /// "Export attendees…": the system's save dialog; when it gives no path
    /// (cancelled, or no dialog could open) the path field instead.
    fn export(&mut self, ui: &Ui, shell: &mut Shell<'_>, slug: &str) {
        let suggested = default_folder().join(format!("{slug}-attendees.csv"));
        match native_save(&suggested, tr("CSV files"), &["csv"]) {
            Some(path) => self.export_to(ui, shell, &path),
            None => self.ask_export_path(slug),
        }
    }

    /// The path field, while open; exports to the path chosen in it.
    fn export_path_ui(&mut self, ui: &Ui, shell: &mut Shell<'_>) {
        let Some(dialog) = &mut self.export_path else {
            return;
        };
        match dialog.ui(ui.ctx(), shell.desk.protected()) {
            PathAnswer::Pending => {}
            PathAnswer::Cancelled => self.export_path = None,
            PathAnswer::Chosen(path) => {
                self.export_path = None;
                self.export_to(ui, shell, &path);
            }
        }
    }

    /// Writes the attendee CSV at `path` and says how it went.
    fn export_to(&mut self, ui: &Ui, shell: &mut Shell<'_>, path: &std::path::Path) {
        match shell
            .desk
            .export_attendees(&self.access, path, CsvOptions::default())
        {
            Ok(rows) => shell.toast(
                ui,
                say(
                    &Message::new("Exported {n} {n|attendee|attendees} to {path}")
                        .count("n", rows)
                        .text("path", path.display().to_string()),
                ),
            ),
            Err(e) => {
                if let Some(e) = shell.triage(e) {
                    shell.toast(ui, say(&e.message()));
                }
            }
        }
    }
}

/// What publishing (`true`) or unpublishing does, asked as a question.
fn publication_question(name: &str, publish: bool) -> Message {
    if publish {
        Message::new("Publish {name}? Registrants can order seats at once.")
    } else {
        Message::new("Unpublish {name}? No new orders; existing orders stay.")
    }
    .text("name", name)
}
