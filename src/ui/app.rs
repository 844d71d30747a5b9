//! The window: menu bar (`app/menu.rs`), status bar and offline banner
//! (`status.rs`), toasts, error dialog, and the current workspace. A log
//! is a file or a shared PostgreSQL log ([`LogLocation`]). Opening one
//! replays it on a background thread with a progress bar (`connect.rs`);
//! once ready, due reservation expiries are fired as time passes, and a
//! shared log's desk follows the other desks' appends. Screens live in
//! `organizer/`, `registration/` and `checkin/`; this file only routes.

mod help;
mod mail;
mod menu;

use crate::app::OrganizerKey;
use crate::app::{AppError, Clock, Desk, LogLocation, UserCommand};
use crate::domain::Message;
use crate::store::OpenMode;
use crate::ui::checkin::CheckInWorkspace;
use crate::ui::connect::{Answer, ConnectDialog, Opening};
use crate::ui::i18n::{self, Lang, say, tr};
use crate::ui::organizer::OrganizerWorkspace;
use crate::ui::registration::RegistrationWorkspace;
use crate::ui::settings::WindowPrefs;
use crate::ui::shell::{Asker, Commands, Shell};
use crate::ui::status::{Follower, offline_banner_ui, status_ui};
use crate::ui::widgets::{Toast, toasts_ui};
use eframe::egui::{self, ThemePreference, Ui};
use std::path::PathBuf;
use std::sync::Arc;

enum LogState {
    Loading(Opening),
    Ready(Box<Desk>),
    Failed(String),
}

/// The workspaces of the window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Workspace {
    /// Conference management.
    Organizer,
    /// The registrant's order wizard.
    Registration,
    /// Door staff checking attendees in.
    CheckIn,
}

impl Workspace {
    /// Every workspace, in menu order (Ctrl+1, Ctrl+2, Ctrl+3).
    pub const ALL: [Workspace; 3] = [
        Workspace::Organizer,
        Workspace::Registration,
        Workspace::CheckIn,
    ];

    fn label(self) -> &'static str {
        match self {
            Workspace::Organizer => tr("Organizer"),
            Workspace::Registration => tr("Registration desk"),
            Workspace::CheckIn => tr("Check-in"),
        }
    }

    fn shortcut(self) -> egui::KeyboardShortcut {
        let key = match self {
            Workspace::Organizer => egui::Key::Num1,
            Workspace::Registration => egui::Key::Num2,
            Workspace::CheckIn => egui::Key::Num3,
        };
        egui::KeyboardShortcut::new(egui::Modifiers::COMMAND, key)
    }
}

/// The kiosk lock (the window calls it "Desk mode"): the organizer workspace
/// is hidden until someone types the access code of the conference that
/// started it.
#[derive(Debug, Clone)]
pub struct KioskLock {
    /// The conference whose code unlocks the desk.
    pub key: OrganizerKey,
    /// Whether the unlock ("Leave desk mode") dialog is open.
    pub asking: bool,
    /// The code typed in that dialog.
    pub code: String,
    /// The last refusal.
    pub message: Option<String>,
}

/// The confdesk window: the workspaces, the kiosk lock, toasts and dialogs
/// around the [`Desk`](crate::app::Desk) it shows.
pub struct MainWindow {
    /// Where the log is; a shared log's URL may hold a typed password, so
    /// it is shown and remembered only through [`LogLocation::text`].
    location: LogLocation,
    clock: Arc<dyn Clock>,
    log: LogState,
    /// A shared log's watcher, beside its desk.
    follower: Follower,
    /// File → "Connect to a shared log…", while open.
    connect: Option<ConnectDialog>,
    /// File → Open log…'s path field, while open.
    open_path: Option<crate::ui::path_dialog::PathDialog>,
    /// Help → Keyboard shortcuts (F1), while open.
    shortcuts_open: bool,
    /// File → Recent (also in the settings file, when there is one).
    recent: Vec<String>,
    workspace: Workspace,
    kiosk_lock: Option<KioskLock>,
    organizer: OrganizerWorkspace,
    registration: RegistrationWorkspace,
    checkin: CheckInWorkspace,
    theme: ThemePreference,
    toasts: Vec<Toast>,
    dialog: Option<String>,
    commands: Commands,
    lang: Lang,
    settings_path: Option<PathBuf>,
    /// A crash report the last run left, until dismissed.
    crash: Option<crate::app::diagnostics::UnseenCrash>,
    /// The window's size and place this frame, saved when it closes.
    geometry: Option<crate::ui::geometry::WindowGeometry>,
    /// The mail server and the outbox's background sender.
    mail: crate::ui::mail::MailDesk,
}

impl MainWindow {
    fn new(location: LogLocation, clock: Arc<dyn Clock>, log: LogState) -> Self {
        Self {
            location,
            clock,
            log,
            follower: Follower::default(),
            connect: None,
            open_path: None,
            shortcuts_open: false,
            recent: Vec::new(),
            workspace: Workspace::Organizer,
            kiosk_lock: None,
            organizer: OrganizerWorkspace::default(),
            registration: RegistrationWorkspace::default(),
            checkin: CheckInWorkspace::default(),
            theme: ThemePreference::System,
            toasts: Vec::new(),
            dialog: None,
            commands: Commands::default(),
            lang: Lang::En,
            settings_path: None,
            crash: None,
            geometry: None,
            mail: crate::ui::mail::MailDesk::default(),
        }
    }

    /// Draws in `lang`, and remembers a language chosen in the menu and
    /// the recent logs in `settings_path` (none: they last until the window
    /// closes). Without this a window is English, whatever the machine's
    /// locale.
    pub fn with_language(mut self, lang: Lang, settings_path: Option<PathBuf>) -> Self {
        self.lang = lang;
        if let Some(path) = &settings_path {
            self.recent = WindowPrefs::load(path).recent;
        }
        self.settings_path = settings_path;
        self
    }

    /// Shows, until dismissed, where the report of the last run's crash is.
    pub fn with_crash_notice(
        mut self,
        crash: Option<crate::app::diagnostics::UnseenCrash>,
    ) -> Self {
        self.crash = crash;
        self
    }

    /// The interface language.
    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// A window on an already opened desk (tests, and after loading) of the
    /// log at `location` (a path for a file log).
    pub fn with_desk(desk: Desk, location: impl Into<LogLocation>, clock: Arc<dyn Clock>) -> Self {
        Self::new(location.into(), clock, LogState::Ready(Box::new(desk)))
    }

    /// A window that opens the log at `location` (a path for a file log) in
    /// the background, creating it if it is missing (a fresh machine's
    /// default data file, a new `--data`, an empty shared database).
    pub fn loading(location: impl Into<LogLocation>, clock: Arc<dyn Clock>) -> Self {
        let location = location.into();
        let mut app = Self::new(location.clone(), clock, LogState::Failed(String::new()));
        app.open_log(location, OpenMode::Create);
        app
    }

    /// Where the log is.
    pub fn location(&self) -> &LogLocation {
        &self.location
    }

    /// File → Recent: the logs opened last, newest first.
    pub fn recent(&self) -> &[String] {
        &self.recent
    }

    /// The connect dialog, while open.
    pub fn connect_dialog(&self) -> Option<&ConnectDialog> {
        self.connect.as_ref()
    }

    /// Whether the shared log's server can't be reached now (the banner
    /// shows and sales are refused).
    pub fn is_offline(&self) -> bool {
        self.follower.is_offline()
    }

    /// Opens `location` in the background, in place of the open log:
    /// [`OpenMode::Create`] for File → New and the start-up log,
    /// [`OpenMode::ReadWrite`] for File → Open and File → Recent.
    fn open_log(&mut self, location: LogLocation, mode: OpenMode) {
        let opening = Opening::start(location.clone(), mode, self.clock.clone());
        self.location = location;
        self.reset_screens();
        self.log = LogState::Loading(opening);
    }

    /// The screens, queue and watcher of the log being left.
    fn reset_screens(&mut self) {
        self.commands = Commands::default();
        self.organizer = OrganizerWorkspace::default();
        self.checkin = CheckInWorkspace::default();
        self.follower = Follower::default();
    }

    /// Shows `desk`, opened on `location` (the connect dialog's answer).
    fn adopt(&mut self, ctx: &egui::Context, desk: Box<Desk>, location: LogLocation) {
        self.location = location;
        self.reset_screens();
        self.log = LogState::Ready(desk);
        let location = self.location.clone();
        self.remember(ctx, &location);
    }

    /// The open desk, once loaded.
    pub fn desk(&self) -> Option<&Desk> {
        match &self.log {
            LogState::Ready(d) => Some(d),
            _ => None,
        }
    }

    /// The open desk, mutable (tests drive the app layer beside the window).
    pub fn desk_mut(&mut self) -> Option<&mut Desk> {
        match &mut self.log {
            LogState::Ready(d) => Some(d),
            _ => None,
        }
    }

    /// The organizer workspace (for tests).
    pub fn organizer(&self) -> &OrganizerWorkspace {
        &self.organizer
    }

    /// The registration workspace (for tests).
    pub fn registration(&self) -> &RegistrationWorkspace {
        &self.registration
    }

    /// The check-in workspace (for tests).
    pub fn checkin(&self) -> &CheckInWorkspace {
        &self.checkin
    }

    /// The workspace showing.
    pub fn workspace(&self) -> Workspace {
        self.workspace
    }

    /// The kiosk lock, if on.
    pub fn kiosk_lock(&self) -> Option<&KioskLock> {
        self.kiosk_lock.as_ref()
    }

    /// Locks the window as a kiosk for the conference `key` opens ("Desk
    /// mode"): the registration desk shows and the organizer workspace hides.
    pub fn lock_kiosk(&mut self, key: OrganizerKey) {
        self.workspace = Workspace::Registration;
        self.kiosk_lock = Some(KioskLock {
            key,
            asking: false,
            code: String::new(),
            message: None,
        });
    }

    /// The error dialog's text, if shown.
    pub fn dialog(&self) -> Option<&str> {
        self.dialog.as_deref()
    }

    /// Draws the whole window into `ui`.
    pub fn ui(&mut self, ui: &mut Ui) {
        i18n::set_lang(self.lang);
        if let Some(g) = crate::ui::geometry::WindowGeometry::capture(ui.ctx()) {
            self.geometry = Some(g);
        }
        // Before the menu bar: the Esc that closes a menu is its own.
        crate::ui::widgets::note_open_popups(ui.ctx());
        // Before anything draws: a focused button must not keep Ctrl+F.
        crate::ui::widgets::note_find_shortcut(ui.ctx());
        self.poll_loading(ui.ctx());
        if let LogState::Ready(desk) = &mut self.log {
            self.follower.follow(ui.ctx(), desk, &mut self.dialog);
        }
        let offline = self.follower.is_offline();
        self.shortcuts_key(ui.ctx());
        self.menu_ui(ui);
        self.shortcuts_ui(ui.ctx());
        if offline {
            offline_banner_ui(ui);
        }
        if let Some(crash) = &self.crash
            && crate::ui::crash_notice::crash_notice_ui(ui, crash)
        {
            self.crash = None;
        }
        let desk = match &self.log {
            LogState::Ready(desk) => Some(&**desk),
            _ => None,
        };
        let mut mail = std::mem::take(&mut self.mail);
        status_ui(ui, &self.location, desk, &self.follower, &mut |ui| {
            mail.status_ui(ui, self.kiosk_lock.is_some())
        });
        self.mail = mail;
        self.mail_frame(ui.ctx());
        let Self {
            location,
            log,
            organizer,
            registration,
            checkin,
            workspace,
            toasts,
            dialog,
            commands,
            ..
        } = self;
        egui::CentralPanel::default().show(ui, |ui| match log {
            LogState::Loading(opening) => {
                if opening.started.elapsed().as_millis() > 300 {
                    ui.heading(tr("Opening the log…"));
                    let (done, total) = (opening.done, opening.total);
                    let frac = if total == 0 {
                        0.0
                    } else {
                        done as f32 / total as f32
                    };
                    ui.add(egui::ProgressBar::new(frac).show_percentage());
                    ui.label(say(&Message::new(
                        "{done} of {total} {total|event|events} replayed",
                    )
                    .count("done", done)
                    .count("total", total)));
                }
                // 10 Hz is smooth enough for a progress bar and leaves the
                // cores to the replay (software GL takes ~40 % otherwise).
                ui.ctx()
                    .request_repaint_after(std::time::Duration::from_millis(100));
            }
            LogState::Failed(msg) => {
                ui.heading(tr("The log could not be opened"));
                ui.label(msg.as_str());
                ui.label(tr(
                    "Use File → Open log…, File → New log… or File → Connect to a shared log… to choose another log.",
                ));
            }
            LogState::Ready(desk) => {
                // Expiries are writes: they wait for the server too.
                if !offline {
                    fire_due_expiries(ui, desk, dialog);
                }
                let mut shell = Shell {
                    desk,
                    location,
                    offline,
                    toasts,
                    dialog,
                    commands,
                };
                match workspace {
                    Workspace::Organizer => organizer.ui(ui, &mut shell),
                    Workspace::Registration => registration.ui(ui, &mut shell),
                    Workspace::CheckIn => checkin.ui(ui, &mut shell),
                }
            }
        });
        toasts_ui(ui.ctx(), &mut self.toasts);
        self.unlock_kiosk_ui(ui.ctx());
        // What the screens and the desk-mode dialog asked for runs now,
        // after drawing; the next frame, drawn at once, hands each outcome
        // back.
        if let LogState::Ready(desk) = &mut self.log
            && self.commands.run_queued(desk, &mut self.dialog)
        {
            ui.ctx().request_repaint();
        }
        self.dialog_ui(ui.ctx());
        self.connect_ui(ui.ctx());
        self.open_path_ui(ui.ctx());
    }

    fn connect_ui(&mut self, ctx: &egui::Context) {
        let Some(dialog) = &mut self.connect else {
            return;
        };
        match dialog.ui(ctx, &self.clock) {
            Answer::Stay => {}
            Answer::Close => self.connect = None,
            Answer::Unreachable(location) => self.remember(ctx, &location),
            Answer::Opened { desk, location } => {
                self.connect = None;
                self.adopt(ctx, desk, location);
            }
        }
    }

    fn poll_loading(&mut self, ctx: &egui::Context) {
        let LogState::Loading(opening) = &mut self.log else {
            return;
        };
        match opening.poll(ctx) {
            None => {}
            Some(Ok(desk)) => {
                self.log = LogState::Ready(desk);
                let location = self.location.clone();
                self.remember(ctx, &location);
                ctx.request_repaint();
            }
            Some(Err(e)) => self.log = LogState::Failed(say(&e.message())),
        }
    }

    fn unlock_kiosk_ui(&mut self, ctx: &egui::Context) {
        let Some(mode) = &mut self.kiosk_lock else {
            return;
        };
        if !mode.asking {
            return;
        }
        if !matches!(self.log, LogState::Ready(_)) {
            return;
        }
        // The answer to the code sent on an earlier frame.
        let mut leave = false;
        if let Some(outcome) = self.commands.take(Asker::Unlock) {
            ctx.request_repaint();
            match outcome {
                Ok(_) => leave = true,
                Err(AppError::Locked { until }) => {
                    mode.message = Some(say(&Message::new("Locked until {time}")
                        .text("time", crate::ui::i18n::format::until(until))));
                }
                Err(_) => mode.message = Some(tr("That is not the access code.").into()),
            }
        }
        let modal = egui::Modal::new(egui::Id::unique("leave-desk-mode")).show(ctx, |ui| {
            ui.heading(tr("Leave desk mode"));
            ui.label(say(&Message::new(
                "Type the access code of “{slug}” to show the organizer workspace again.",
            )
            .text("slug", &mode.key.slug)));
            let l = ui.label(tr("Access code"));
            let r = ui
                .add(egui::TextEdit::singleline(&mut mode.code).password(true))
                .labelled_by(l.id);
            // Read Enter before keeping the focus here: asking for the focus
            // again first makes the field's lost focus unreadable.
            let entered = r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            r.request_focus();
            let submit = ui.button(tr("Unlock")).clicked() || entered;
            if submit {
                let key = OrganizerKey {
                    access_code: mode.code.clone(),
                    ..mode.key.clone()
                };
                // Checked (and counted) after the frame, like every try.
                self.commands
                    .send(Asker::Unlock, UserCommand::AuthorizeOrganizer(key));
                mode.code.clear();
            }
            if let Some(m) = &mode.message {
                ui.label(m.as_str());
            }
            ui.button(tr("Cancel")).clicked()
        });
        if modal.inner || modal.should_close() {
            mode.asking = false;
            mode.message = None;
        }
        if leave {
            self.kiosk_lock = None;
            self.workspace = Workspace::Organizer;
        }
    }

    fn dialog_ui(&mut self, ctx: &egui::Context) {
        let Some(text) = self.dialog.clone() else {
            return;
        };
        let modal = egui::Modal::new(egui::Id::unique("storage-error")).show(ctx, |ui| {
            ui.heading(tr("The desk could not save that"));
            ui.label(text.as_str());
            ui.label(tr(
                "Nothing of that action was written. What you typed is still in the form.",
            ));
            ui.button(tr("OK")).clicked() || ui.input(|i| i.key_pressed(egui::Key::Enter))
        });
        if modal.inner || modal.should_close() {
            self.dialog = None;
        }
    }
}

fn fire_due_expiries(ui: &Ui, desk: &mut Desk, dialog: &mut Option<String>) {
    if let Some(due) = desk.next_due() {
        let now = desk.now();
        if due <= now {
            if let Err(e) = desk.tick() {
                *dialog = Some(say(&e.message()));
            }
        } else if let Ok(wait) = (due - now).to_std() {
            ui.ctx().request_repaint_after(wait);
        }
    }
}

impl eframe::App for MainWindow {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        self.ui(ui);
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        self.remember_geometry();
    }
}
