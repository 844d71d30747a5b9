//! The window: menu bar, status bar, toasts, error dialog, and the current
//! workspace. Opening a log replays it on a background thread with a
//! progress bar; once ready, due reservation expiries are fired as time
//! passes. Screens live in `organizer/`, `registration/` and `checkin/`;
//! this file only routes.

use crate::app::OrganizerKey;
use crate::app::{AppError, Clock, DayZone, Desk, Settings, UserCommand};
use crate::domain::Message;
use crate::store::OpenMode;
use crate::ui::checkin::CheckInWorkspace;
use crate::ui::i18n::{self, Lang, format as fmt, say, tr};
use crate::ui::organizer::OrganizerWorkspace;
use crate::ui::registration::RegistrationWorkspace;
use crate::ui::settings::WindowPrefs;
use crate::ui::shell::{Asker, Commands, Shell};
use crate::ui::widgets::{Toast, toasts_ui};
use eframe::egui::{self, RichText, ThemePreference, Ui};
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, channel};
use std::sync::{Arc, OnceLock};
use std::time::Instant;

enum LoadMsg {
    Progress(u64, u64),
    Done(Result<Box<Desk>, crate::domain::Message>),
}

enum LogState {
    Loading {
        rx: Receiver<LoadMsg>,
        /// The window's context, for the loading thread to wake it when
        /// done (the loading screen itself repaints only at 10 Hz).
        waker: Arc<OnceLock<egui::Context>>,
        done: u64,
        total: u64,
        started: Instant,
    },
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
    path: PathBuf,
    clock: Arc<dyn Clock>,
    log: LogState,
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
}

impl MainWindow {
    fn new(path: PathBuf, clock: Arc<dyn Clock>, log: LogState) -> Self {
        Self {
            path,
            clock,
            log,
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
        }
    }

    /// Draws in `lang`, and remembers a language chosen in the menu in
    /// `settings_path` (none: the choice lasts until the window closes).
    /// Without this a window is English, whatever the machine's locale.
    pub fn with_language(mut self, lang: Lang, settings_path: Option<PathBuf>) -> Self {
        self.lang = lang;
        self.settings_path = settings_path;
        self
    }

    /// The interface language.
    pub fn lang(&self) -> Lang {
        self.lang
    }

    fn choose_lang(&mut self, ui: &Ui, lang: Lang) {
        self.lang = lang;
        i18n::set_lang(lang);
        let Some(path) = &self.settings_path else {
            return;
        };
        let mut settings = WindowPrefs::load(path);
        settings.language = Some(lang.code().to_string());
        let protected = crate::app::output_file::Protected::for_log(&self.path);
        if let Err(e) = settings.save(path, &protected) {
            let until = ui.input(|i| i.time) + 4.0;
            self.toasts.push(Toast {
                text: say(
                    &Message::new("The language choice could not be saved: {error}")
                        .text("error", say(&e.message())),
                ),
                until,
            });
        }
    }

    /// A window on an already opened desk (tests, and after loading).
    pub fn with_desk(desk: Desk, path: PathBuf, clock: Arc<dyn Clock>) -> Self {
        Self::new(path, clock, LogState::Ready(Box::new(desk)))
    }

    /// A window that opens `path` in the background, creating the log if it
    /// is missing (a fresh machine's default data file, or a new `--data`).
    pub fn loading(path: PathBuf, clock: Arc<dyn Clock>) -> Self {
        let mut app = Self::new(path.clone(), clock, LogState::Failed(String::new()));
        app.open_log(path, OpenMode::Create);
        app
    }

    /// Opens `path` in the background: [`OpenMode::Create`] for File → New
    /// and the start-up log, [`OpenMode::ReadWrite`] for File → Open.
    fn open_log(&mut self, path: PathBuf, mode: OpenMode) {
        let (tx, rx) = channel();
        let clock = self.clock.clone();
        let p = path.clone();
        let waker: Arc<OnceLock<egui::Context>> = Arc::default();
        let wake = Arc::clone(&waker);
        std::thread::spawn(move || {
            // Temp files of saves a killed process left for this log.
            crate::app::temp_registry::remove_leftover_temps(&p);
            let mut progress = |done, total| {
                let _ = tx.send(LoadMsg::Progress(done, total));
            };
            let result = Desk::open_path_with_progress(
                &p,
                mode,
                clock,
                // The Dashboard's days are the organizer's calendar days.
                Settings {
                    day_zone: DayZone::Local,
                    ..Settings::default()
                },
                &mut progress,
            );
            let _ = tx.send(LoadMsg::Done(result.map(Box::new).map_err(|e| e.message())));
            if let Some(ctx) = wake.get() {
                ctx.request_repaint();
            }
        });
        self.path = path;
        self.commands = Commands::default();
        self.organizer = OrganizerWorkspace::default();
        self.checkin = CheckInWorkspace::default();
        self.log = LogState::Loading {
            rx,
            waker,
            done: 0,
            total: 0,
            started: Instant::now(),
        };
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
        // Before the menu bar: the Esc that closes a menu is its own.
        crate::ui::widgets::note_open_popups(ui.ctx());
        self.poll_loading(ui.ctx());
        self.menu_ui(ui);
        self.status_ui(ui);
        let Self {
            path,
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
            LogState::Loading {
                done,
                total,
                started,
                ..
            } => {
                if started.elapsed().as_millis() > 300 {
                    ui.heading(tr("Opening the log…"));
                    let frac = if *total == 0 {
                        0.0
                    } else {
                        *done as f32 / *total as f32
                    };
                    ui.add(egui::ProgressBar::new(frac).show_percentage());
                    ui.label(say(&Message::new(
                        "{done} of {total} {total|event|events} replayed",
                    )
                    .count("done", *done)
                    .count("total", *total)));
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
                    "Use File → Open log… or File → New log… to choose another file.",
                ));
            }
            LogState::Ready(desk) => {
                fire_due_expiries(ui, desk, dialog);
                let mut shell = Shell {
                    desk,
                    path,
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
    }

    fn poll_loading(&mut self, ctx: &egui::Context) {
        let LogState::Loading {
            rx,
            waker,
            done,
            total,
            ..
        } = &mut self.log
        else {
            return;
        };
        waker.get_or_init(|| ctx.clone());
        while let Ok(msg) = rx.try_recv() {
            match msg {
                LoadMsg::Progress(d, t) => (*done, *total) = (d, t),
                LoadMsg::Done(Ok(desk)) => {
                    self.log = LogState::Ready(desk);
                    ctx.request_repaint();
                    return;
                }
                LoadMsg::Done(Err(e)) => {
                    self.log = LogState::Failed(say(&e));
                    return;
                }
            }
        }
    }

    fn menu_ui(&mut self, ui: &mut Ui) {
        egui::Panel::top("menu").show(ui, |ui| {
            egui::MenuBar::new().ui(ui, |ui| {
                if self.kiosk_lock.is_none() {
                    ui.menu_button(tr("File"), |ui| {
                        if ui.button(tr("Open log…")).clicked()
                            && let Some(p) = rfd::FileDialog::new()
                                .add_filter(tr("confdesk log"), &["redb"])
                                .pick_file()
                        {
                            self.open_log(p, OpenMode::ReadWrite);
                        }
                        if ui.button(tr("New log…")).clicked()
                            && let Some(p) = rfd::FileDialog::new()
                                .set_file_name("confdesk.redb")
                                .save_file()
                        {
                            // An existing log chosen here is opened, never
                            // replaced.
                            self.open_log(p, OpenMode::Create);
                        }
                        if ui.button(tr("Quit")).clicked() {
                            ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
                        }
                    });
                }
                ui.separator();
                self.workspace_switch_ui(ui);
                ui.separator();
                ui.menu_button(tr("View"), |ui| {
                    for (label, pref) in [
                        (tr("Follow the system"), ThemePreference::System),
                        (tr("Light"), ThemePreference::Light),
                        (tr("Dark"), ThemePreference::Dark),
                    ] {
                        if ui.radio_value(&mut self.theme, pref, label).clicked() {
                            ui.ctx().set_theme(pref);
                        }
                    }
                    ui.separator();
                    ui.label(RichText::new(tr("Language")).weak());
                    // Each language is named in itself, never translated.
                    for lang in Lang::ALL {
                        if ui.radio(self.lang == lang, lang.native_name()).clicked() {
                            self.choose_lang(ui, lang);
                        }
                    }
                });
            });
        });
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
                    mode.message = Some(say(
                        &Message::new("Locked until {time}").instant("time", until)
                    ));
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

    fn status_ui(&mut self, ui: &mut Ui) {
        egui::Panel::bottom("status").show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.label(say(
                    &Message::new("Log: {path}").text("path", self.path.display().to_string())
                ));
                if let LogState::Ready(desk) = &self.log {
                    let s = desk.stats();
                    ui.separator();
                    ui.label(say(
                        &Message::new("{n} {n|event|events}").count("n", s.events)
                    ));
                    if let Some(t) = s.last_write {
                        ui.separator();
                        let at = fmt::local(t);
                        let when =
                            format!("{} {}", fmt::date(at.date()), fmt::time_secs(at.time()));
                        ui.label(say(&Message::new("last write {time}").text("time", &when)));
                    }
                }
            });
        });
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
}
