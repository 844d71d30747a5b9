//! Mail from the window (issue 17 item 1): File → "Mail server…" sets the
//! server and the From address (kept in the settings file; the password
//! only in memory, asked again after a restart), and from then on the
//! outbox is sent in the background ([`MailWorker`]) while the desk works.
//! The status bar says what waits and what failed, and opens the dialog,
//! which lists every message with its state and last error and has "Send
//! now". The server may also come from `CONFDESK_SMTP`,
//! `CONFDESK_SMTP_FROM` and `CONFDESK_SMTP_PASSWORD`, as for the CLI.

use crate::app::mail_queue::{MailQueue, MailState, QueuedMail};
use crate::app::mail_worker::{MailWorker, Pass};
use crate::app::smtp::{SMTP_FROM_VAR, SMTP_PASSWORD_VAR, SMTP_VAR, SmtpConfig, SmtpSender};
use crate::app::{AppError, Clock};
use crate::domain::Message;
use crate::ui::i18n::format as fmt;
use crate::ui::i18n::{say, tr};
use crate::ui::widgets::error_color;
use eframe::egui::{self, RichText, Ui};
use std::path::PathBuf;
use std::sync::Arc;

/// A mail server as the window keeps it: the URL and From address are
/// saved in the settings, the password never.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MailSetup {
    /// `smtp://user@host:port` or `smtps://…`, as typed.
    pub url: String,
    /// The From address.
    pub from: String,
    /// The password for the URL's user, this run only.
    pub password: Option<String>,
}

impl MailSetup {
    /// The server named by `CONFDESK_SMTP` and friends, if set (read once
    /// as the real window starts; tests never touch the environment).
    pub fn from_env() -> Option<Self> {
        let url = std::env::var(SMTP_VAR)
            .ok()
            .filter(|v| !v.trim().is_empty())?;
        Some(Self {
            url,
            from: std::env::var(SMTP_FROM_VAR).unwrap_or_default(),
            password: std::env::var(SMTP_PASSWORD_VAR)
                .ok()
                .filter(|p| !p.is_empty()),
        })
    }
}

/// The dialog's fields while it is open.
#[derive(Default)]
struct MailDialog {
    url: String,
    from: String,
    password: String,
    message: Option<String>,
    /// The field to focus next frame: the server's at opening, the one a
    /// refusal names after "Save and send".
    focus: Option<Which>,
}

/// The dialog's fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Which {
    Server,
    From,
    Password,
}

impl Which {
    /// The field `field` of an error stands for.
    fn of(field: &crate::domain::Field) -> Self {
        match field {
            crate::domain::Field::Flag(SMTP_FROM_VAR) => Which::From,
            crate::domain::Field::Flag(SMTP_PASSWORD_VAR) => Which::Password,
            _ => Which::Server,
        }
    }

    fn label(self) -> &'static str {
        match self {
            Which::Server => tr("Server"),
            Which::From => tr("From"),
            Which::Password => tr("Password"),
        }
    }
}

/// What the dialog asks of the window.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MailAnswer {
    /// Nothing.
    Stay,
    /// Save this server (URL, From) in the settings.
    Save(String, String),
    /// Forget the saved server.
    Forget,
}

/// The window's mail: its server, its background sender and what it last
/// heard.
#[derive(Default)]
pub struct MailDesk {
    setup: Option<MailSetup>,
    worker: Option<(PathBuf, MailWorker)>,
    dialog: Option<MailDialog>,
    /// The outbox as last listed, and when (listing is cheap, not free).
    listed: Vec<QueuedMail>,
    listed_at: Option<f64>,
    /// The last pass that sent or failed something.
    last: Option<Pass>,
    /// Why sending could not start (a bad saved server, a missing password).
    problem: Option<String>,
    /// The outbox folder followed (the open log's), worker or not.
    watched: Option<PathBuf>,
}

/// The server field's example (an address, not words to translate).
const EXAMPLE_URL: &str = "smtp://desk@mail.example.com:587";
/// The From field's example.
const EXAMPLE_FROM: &str = "Summit desk <desk@example.com>";

/// How often the status bar's counts are refreshed from the folder.
const RELIST_SECONDS: f64 = 5.0;

impl MailDesk {
    /// A window whose server is `setup` (from the settings or the
    /// environment); sending starts once a log is open.
    pub fn with_setup(setup: Option<MailSetup>) -> Self {
        Self {
            setup,
            ..Self::default()
        }
    }

    /// Each frame: follows the open log's outbox (a new log, a new
    /// folder), collects the worker's news and refreshes the counts.
    pub fn frame(&mut self, ctx: &egui::Context, outbox: Option<PathBuf>, clock: &Arc<dyn Clock>) {
        let now = ctx.input(|i| i.time);
        let moved = self.watched != outbox;
        if moved {
            self.watched.clone_from(&outbox);
            self.worker = None;
            self.listed_at = None;
            if let (Some(dir), Some(setup)) = (outbox.clone(), self.setup.clone()) {
                self.start(ctx, dir, &setup, clock);
            }
        }
        if let Some((_, worker)) = &self.worker {
            let passes = worker.poll();
            if let Some(pass) = passes.into_iter().last() {
                self.last = Some(pass);
                self.listed_at = None;
            }
        }
        let stale = self.listed_at.is_none_or(|t| now - t > RELIST_SECONDS);
        if stale && let Some(dir) = &outbox {
            self.listed = MailQueue::new(dir).list().unwrap_or_default();
            self.listed_at = Some(now);
            ctx.request_repaint_after(std::time::Duration::from_secs_f64(RELIST_SECONDS));
        }
    }

    fn start(
        &mut self,
        ctx: &egui::Context,
        dir: PathBuf,
        setup: &MailSetup,
        clock: &Arc<dyn Clock>,
    ) {
        match sender_for(setup) {
            Ok(sender) => {
                let waker = ctx.clone();
                let worker = MailWorker::start(
                    dir.clone(),
                    Box::new(sender),
                    Arc::clone(clock),
                    Box::new(move || waker.request_repaint()),
                );
                self.worker = Some((dir, worker));
                self.problem = None;
            }
            Err(e) => self.problem = Some(in_the_dialog(&e)),
        }
    }

    /// Whether a background sender is running.
    pub fn is_sending(&self) -> bool {
        self.worker.is_some()
    }

    /// Opens File → "Mail server…" on the current server.
    pub fn open_dialog(&mut self) {
        let setup = self.setup.clone().unwrap_or_default();
        self.dialog = Some(MailDialog {
            url: setup.url,
            from: setup.from,
            password: setup.password.unwrap_or_default(),
            message: None,
            focus: Some(Which::Server),
        });
        self.listed_at = None;
    }

    /// The status bar's mail part: nothing while there is nothing to say;
    /// else a link that opens the dialog — a plain label when `locked`
    /// (desk mode: the server settings are the organizer's).
    pub fn status_ui(&mut self, ui: &mut Ui, locked: bool) {
        let waiting = self
            .listed
            .iter()
            .filter(|m| m.state == MailState::Queued)
            .count();
        let failed = self
            .listed
            .iter()
            .filter(|m| m.state == MailState::Queued && m.status.last_error.is_some())
            .count();
        let text = if let Some(problem) = &self.problem {
            RichText::new(say(
                &Message::new("mail not sending: {why}").text("why", problem)
            ))
            .color(error_color(ui))
        } else if failed > 0 {
            RichText::new(say(&Message::new("mail: {n} not sent").count("n", failed)))
                .color(error_color(ui))
        } else if waiting > 0 && self.worker.is_none() {
            RichText::new(say(
                &Message::new("mail: {n} waiting, no mail server set").count("n", waiting)
            ))
        } else if waiting > 0 {
            RichText::new(say(&Message::new("mail: {n} waiting").count("n", waiting)))
        } else if let Some(pass) = self.last.as_ref().filter(|p| p.sent() > 0) {
            RichText::new(say(&Message::new("mail: all sent, last {time}")
                .text("time", fmt::time_secs(fmt::local(pass.at).time()))))
        } else {
            return;
        };
        ui.separator();
        if locked {
            ui.label(text);
        } else if ui.link(text).on_hover_text(tr("Mail server…")).clicked() {
            self.open_dialog();
        }
    }

    /// The dialog, while open; says what the window must save.
    pub fn dialog_ui(
        &mut self,
        ctx: &egui::Context,
        outbox: Option<PathBuf>,
        clock: &Arc<dyn Clock>,
    ) -> MailAnswer {
        let Some(mut dialog) = self.dialog.take() else {
            return MailAnswer::Stay;
        };
        let mut answer = MailAnswer::Stay;
        let mut close = false;
        let modal = egui::Modal::new(egui::Id::unique("mail-server")).show(ctx, |ui| {
            ui.heading(tr("Mail server"));
            ui.label(tr(
                "Access codes and order confirmations wait in the outbox until a mail server takes them.",
            ));
            let typed = fields_ui(ui, &mut dialog);
            if let Some(m) = &dialog.message {
                ui.label(RichText::new(m.as_str()).color(error_color(ui)));
            }
            ui.horizontal(|ui| {
                if ui.button(tr("Save and send")).clicked() || typed {
                    answer = self.save(ui.ctx(), &mut dialog, outbox.clone(), clock);
                }
                if ui
                    .add_enabled(self.worker.is_some(), egui::Button::new(tr("Send now")))
                    .clicked()
                    && let Some((_, w)) = &self.worker
                {
                    w.send_now();
                }
                if ui
                    .add_enabled(self.setup.is_some(), egui::Button::new(tr("Forget server")))
                    .clicked()
                {
                    self.setup = None;
                    self.worker = None;
                    self.problem = None;
                    answer = MailAnswer::Forget;
                }
                close = ui.button(tr("Close")).clicked();
            });
            ui.separator();
            self.outbox_ui(ui);
        });
        if !(close || modal.should_close()) {
            self.dialog = Some(dialog);
        }
        answer
    }

    fn save(
        &mut self,
        ctx: &egui::Context,
        dialog: &mut MailDialog,
        outbox: Option<PathBuf>,
        clock: &Arc<dyn Clock>,
    ) -> MailAnswer {
        let setup = MailSetup {
            url: dialog.url.trim().to_string(),
            from: dialog.from.trim().to_string(),
            password: Some(dialog.password.clone()).filter(|p| !p.is_empty()),
        };
        if setup.url.is_empty() {
            dialog.focus = Some(Which::Server);
            dialog.message = Some(say(&Message::new(
                "Server: enter the mail server, e.g. {example}",
            )
            .text("example", EXAMPLE_URL)));
            return MailAnswer::Stay;
        }
        if let Err(e) = sender_for(&setup) {
            if let AppError::Validation(fields) = &e {
                dialog.focus = fields.first().map(|f| Which::of(&f.field));
            }
            dialog.message = Some(in_the_dialog(&e));
            return MailAnswer::Stay;
        }
        dialog.message = None;
        self.setup = Some(setup.clone());
        self.worker = None;
        if let Some(dir) = outbox {
            self.start(ctx, dir, &setup, clock);
        }
        MailAnswer::Save(setup.url, setup.from)
    }

    fn outbox_ui(&self, ui: &mut Ui) {
        if self.listed.is_empty() {
            ui.label(tr("The outbox is empty."));
            return;
        }
        egui::ScrollArea::vertical()
            .max_height(240.0)
            .show(ui, |ui| {
                egui::Grid::new("outbox").striped(true).show(ui, |ui| {
                    ui.strong(tr("State"));
                    ui.strong(tr("To"));
                    ui.strong(tr("Last error"));
                    ui.end_row();
                    for mail in &self.listed {
                        ui.label(state_word(mail));
                        ui.label(mail.to.as_str());
                        match &mail.status.last_error {
                            Some(e) => ui.label(RichText::new(e.as_str()).color(error_color(ui))),
                            None => ui.label(""),
                        };
                        ui.end_row();
                    }
                });
            });
    }
}

/// The server, From and password fields; true when Enter was pressed in one.
fn fields_ui(ui: &mut Ui, dialog: &mut MailDialog) -> bool {
    let mut entered = false;
    let focus = dialog.focus.take();
    egui::Grid::new("mail-fields")
        .num_columns(2)
        .show(ui, |ui| {
            for which in [Which::Server, Which::From, Which::Password] {
                let l = ui.label(which.label());
                let (text, hint) = match which {
                    Which::Server => (&mut dialog.url, EXAMPLE_URL),
                    Which::From => (&mut dialog.from, EXAMPLE_FROM),
                    Which::Password => (&mut dialog.password, ""),
                };
                let field = ui
                    .add(
                        egui::TextEdit::singleline(text)
                            .hint_text(hint)
                            .password(which == Which::Password)
                            .desired_width(320.0),
                    )
                    .labelled_by(l.id);
                entered |= field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                if focus == Some(which) {
                    field.request_focus();
                }
                ui.end_row();
            }
        });
    ui.weak(tr("Kept only while the window is open; never saved."));
    entered
}

/// A message's state in words.
fn state_word(mail: &QueuedMail) -> String {
    match mail.state {
        MailState::Queued if mail.status.tries == 0 => tr("waiting").to_string(),
        MailState::Queued => {
            say(&Message::new("waiting, {n} {n|try|tries} failed").count("n", mail.status.tries))
        }
        MailState::Interrupted => tr("interrupted (may have been sent)").to_string(),
        MailState::Sent => mail.status.sent_at.map_or_else(
            || tr("sent").to_string(),
            |t| {
                let at = fmt::local(t);
                say(&Message::new("sent {time}").text(
                    "time",
                    format!("{} {}", fmt::date(at.date()), fmt::time(at.time())),
                ))
            },
        ),
    }
}

/// `error` as the dialog says it: a field's rule after the dialog's own
/// label for it ("Server", not the CLI's `CONFDESK_SMTP`).
fn in_the_dialog(error: &AppError) -> String {
    let AppError::Validation(fields) = error else {
        return say(&error.message());
    };
    fields
        .iter()
        .map(|f| format!("{}: {}", Which::of(&f.field).label(), say(&f.rule)))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The sender for `setup`, checked: the URL, the From address, and a
/// password when the URL names a user.
fn sender_for(setup: &MailSetup) -> Result<SmtpSender, AppError> {
    let config = SmtpConfig::parse(&setup.url, &setup.from)?;
    SmtpSender::new(&config, setup.password.clone())
}
