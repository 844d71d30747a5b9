//! The window's menu bar: File (open, new, connect to a shared log, the
//! recent logs), the workspace switch, View (theme, language); and what the
//! window remembers of those choices in its settings file. File → Open log…
//! falls back to a typed path when the system's dialog gives none
//! (`ui::path_dialog`).

use super::{MainWindow, Workspace};
use crate::app::output_file::Protected;
use crate::app::{AppError, LogLocation};
use crate::domain::Message;
use crate::store::OpenMode;
use crate::ui::connect::ConnectDialog;
use crate::ui::i18n::{self, Lang, say, tr};
use crate::ui::path_dialog::{PathAnswer, PathDialog, Purpose, default_folder, native_open};
use crate::ui::settings::WindowPrefs;
use crate::ui::widgets::Toast;
use eframe::egui::{self, RichText, ThemePreference, Ui};
use std::sync::Arc;

impl MainWindow {
    /// A window that starts on `last`, the log it had open when it was last
    /// closed: a file opens as File → Recent opens it (never created), a
    /// shared log through the connect dialog, which asks for a password if
    /// one is needed (none is ever remembered).
    pub fn reopening(last: &LogLocation, clock: Arc<dyn crate::app::Clock>) -> Self {
        let mut app = Self::new(last.clone(), clock, super::LogState::Failed(String::new()));
        app.open_recent(&last.text());
        app
    }

    /// Shows `pref` as the chosen theme in View (the caller sets it on the
    /// context: the window starts in the theme the settings remember).
    pub fn with_theme(mut self, pref: ThemePreference) -> Self {
        self.theme = pref;
        self
    }

    pub(super) fn menu_ui(&mut self, ui: &mut Ui) {
        egui::Panel::top("menu").show(ui, |ui| {
            egui::MenuBar::new().ui(ui, |ui| {
                if self.kiosk_lock.is_none() {
                    ui.menu_button(tr("File"), |ui| self.file_menu_ui(ui));
                }
                ui.separator();
                self.workspace_switch_ui(ui);
                ui.separator();
                ui.menu_button(tr("View"), |ui| self.view_menu_ui(ui));
                ui.menu_button(tr("Help"), |ui| self.help_menu_ui(ui));
            });
        });
    }

    fn file_menu_ui(&mut self, ui: &mut Ui) {
        if ui.button(tr("Open log…")).clicked() {
            ui.close();
            match native_open(tr("confdesk log"), &["redb"]) {
                Some(p) => self.open_log(LogLocation::File(p), OpenMode::ReadWrite),
                None => self.ask_open_log_path(),
            }
        }
        if ui.button(tr("New log…")).clicked()
            && let Some(p) = rfd::FileDialog::new()
                .set_file_name("confdesk.redb")
                .save_file()
        {
            // An existing log chosen here is opened, never replaced.
            self.open_log(LogLocation::File(p), OpenMode::Create);
        }
        if ui.button(tr("Connect to a shared log…")).clicked() {
            self.connect = Some(ConnectDialog::default());
            ui.close();
        }
        if ui.button(tr("Mail server…")).clicked() {
            self.mail.open_dialog();
            ui.close();
        }
        ui.add_enabled_ui(!self.recent.is_empty(), |ui| {
            ui.menu_button(tr("Recent"), |ui| {
                let mut chosen = None;
                for text in &self.recent {
                    if ui.button(text.as_str()).clicked() {
                        chosen = Some(text.clone());
                    }
                }
                if let Some(text) = chosen {
                    self.open_recent(&text);
                    ui.close();
                }
            });
        });
        if ui.button(tr("Quit")).clicked() {
            ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
        }
    }

    /// Opens File → Open log…'s path field (what the menu does when the
    /// system's dialog gives no path), suggesting the open log's folder.
    pub fn ask_open_log_path(&mut self) {
        let folder = self
            .location
            .file()
            .and_then(std::path::Path::parent)
            .map_or_else(default_folder, std::path::Path::to_path_buf);
        self.open_path = Some(PathDialog::new(
            tr("Open log"),
            Purpose::Open,
            &folder.join("confdesk.redb"),
        ));
    }

    /// File → Open log…'s path field, while open; opens the log typed.
    pub(super) fn open_path_ui(&mut self, ctx: &egui::Context) {
        let Some(dialog) = &mut self.open_path else {
            return;
        };
        match dialog.ui(ctx, &Protected::none()) {
            PathAnswer::Pending => {}
            PathAnswer::Cancelled => self.open_path = None,
            PathAnswer::Chosen(path) => {
                self.open_path = None;
                self.open_log(LogLocation::File(path), OpenMode::ReadWrite);
            }
        }
    }

    /// Opens a log chosen in File → Recent: a file at once, a shared log
    /// through the connect dialog (which asks for a password if needed).
    fn open_recent(&mut self, text: &str) {
        match LogLocation::parse(text) {
            LogLocation::File(path) => self.open_log(LogLocation::File(path), OpenMode::ReadWrite),
            LogLocation::Shared(url) => {
                let mut dialog = ConnectDialog::with_url(url);
                dialog.connect(Arc::clone(&self.clock));
                self.connect = Some(dialog);
            }
        }
    }

    fn view_menu_ui(&mut self, ui: &mut Ui) {
        for (label, pref) in [
            (tr("Follow the system"), ThemePreference::System),
            (tr("Light"), ThemePreference::Light),
            (tr("Dark"), ThemePreference::Dark),
        ] {
            if ui.radio_value(&mut self.theme, pref, label).clicked() {
                self.choose_theme(ui.ctx(), pref);
            }
        }
        ui.separator();
        ui.label(RichText::new(tr("Language")).weak());
        // Each language is named in itself, never translated.
        for lang in Lang::ALL {
            if ui.radio(self.lang == lang, lang.native_name()).clicked() {
                self.choose_lang(ui.ctx(), lang);
            }
        }
    }

    /// Switches to `pref` and remembers it for the next start.
    fn choose_theme(&mut self, ctx: &egui::Context, pref: ThemePreference) {
        ctx.set_theme(pref);
        if let Err(e) = self.save_prefs(|prefs| prefs.set_theme(pref)) {
            let text = say(
                &Message::new("The theme choice could not be saved: {error}")
                    .text("error", say(&e.message())),
            );
            self.toast(ctx, text);
        }
    }

    fn choose_lang(&mut self, ctx: &egui::Context, lang: Lang) {
        self.lang = lang;
        i18n::set_lang(lang);
        if let Err(e) = self.save_prefs(|prefs| prefs.language = Some(lang.code().to_string())) {
            let text = say(
                &Message::new("The language choice could not be saved: {error}")
                    .text("error", say(&e.message())),
            );
            self.toast(ctx, text);
        }
    }

    /// Puts `location` first in File → Recent, and in the settings file.
    pub(super) fn remember(&mut self, ctx: &egui::Context, location: &LogLocation) {
        let mut prefs = WindowPrefs {
            recent: std::mem::take(&mut self.recent),
            ..WindowPrefs::default()
        };
        prefs.remember(location);
        self.recent = prefs.recent;
        let recent = self.recent.clone();
        if let Err(e) = self.save_prefs(|prefs| prefs.recent = recent) {
            let text = say(
                &Message::new("The list of recent logs could not be saved: {error}")
                    .text("error", say(&e.message())),
            );
            self.toast(ctx, text);
        }
    }

    /// Changes the settings file with `change` (nothing to do without one),
    /// never writing over the open log or its sidecars.
    pub(super) fn save_prefs(&self, change: impl FnOnce(&mut WindowPrefs)) -> Result<(), AppError> {
        let Some(path) = &self.settings_path else {
            return Ok(());
        };
        let mut prefs = WindowPrefs::load(path);
        change(&mut prefs);
        let protected = match &self.location {
            LogLocation::File(log) => Protected::for_log(log),
            LogLocation::Shared(_) => Protected::none(),
        };
        prefs.save(path, &protected)
    }

    /// Saves the window's last size and place in the settings file (as
    /// the window closes); a failure is only logged: the window is going.
    pub(super) fn remember_geometry(&self) {
        let Some(geometry) = self.geometry else {
            return;
        };
        if let Err(e) = self.save_prefs(|p| p.window = Some(geometry)) {
            tracing::warn!(error = %say(&e.message()), "window size not saved");
        }
    }

    pub(super) fn toast(&mut self, ctx: &egui::Context, text: String) {
        let until = ctx.input(|i| i.time) + 4.0;
        self.toasts.push(Toast { text, until });
    }

    fn workspace_switch_ui(&mut self, ui: &mut Ui) {
        if let Some(mode) = &mut self.kiosk_lock {
            ui.label(RichText::new(tr("Desk mode")).strong());
            if ui.button(tr("Leave desk mode…")).clicked() {
                mode.asking = true;
            }
            return;
        }
        for w in Workspace::ALL {
            let shortcut = ui.ctx().format_shortcut(&w.shortcut());
            ui.selectable_value(&mut self.workspace, w, w.label())
                .on_hover_text(shortcut);
            if ui.input_mut(|i| i.consume_shortcut(&w.shortcut())) {
                self.workspace = w;
            }
        }
        if let (Workspace::Organizer, crate::ui::organizer::OrganizerScreen::Conference(c)) =
            (self.workspace, &self.organizer.screen)
            && ui
                .button(tr("Start desk mode"))
                .on_hover_text(tr(
                    "Hide the organizer workspace until this conference's access code is typed",
                ))
                .clicked()
        {
            let key = c.key.clone();
            self.lock_kiosk(key);
        }
    }
}
