//! Opening a log in the background, and File → "Connect to a shared log…".
//!
//! [`Opening`] replays a log on a thread of its own (the window keeps
//! drawing, with a progress bar). The start-up log and File → Open/New
//! replace the window's desk at once; the connect dialog keeps the old one
//! until the new one is open, so a wrong URL, a server that isn't there or
//! a database holding something else is said in the dialog and changes
//! nothing. When the server refuses the user (a wrong or missing password)
//! the dialog asks for the password, which goes into the in-memory URL only:
//! the window remembers and shows a location by [`LogLocation::text`],
//! which drops it, so it is never saved in the settings.

use crate::app::{AppError, Clock, DayZone, Desk, LogLocation, Settings};
use crate::domain::Message;
use crate::store::{OpenMode, StoreError};
use crate::ui::i18n::{say, tr};
use eframe::egui;
use std::sync::mpsc::{Receiver, channel};
use std::sync::{Arc, OnceLock};
use std::time::Instant;

/// The connection URL field's example (an address, not words to translate).
const EXAMPLE_URL: &str = "postgresql://confdesk@192.168.1.20/summit";

enum LoadMsg {
    Progress(u64, u64),
    Done(Result<Box<Desk>, AppError>),
}

/// A log being opened and replayed on another thread.
pub struct Opening {
    rx: Receiver<LoadMsg>,
    /// The window's context, for the thread to wake it when done (the
    /// loading screen itself repaints only at 10 Hz).
    waker: Arc<OnceLock<egui::Context>>,
    /// Events replayed so far, of `total`.
    pub done: u64,
    /// Events in the log.
    pub total: u64,
    /// When the opening started (the progress shows after 300 ms).
    pub started: Instant,
}

impl Opening {
    /// Starts opening `location` in `mode` on another thread.
    pub fn start(location: LogLocation, mode: OpenMode, clock: Arc<dyn Clock>) -> Self {
        let (tx, rx) = channel();
        let waker: Arc<OnceLock<egui::Context>> = Arc::default();
        let wake = Arc::clone(&waker);
        std::thread::spawn(move || {
            // Temp files of saves a killed process left for this log.
            if let Some(path) = location.file() {
                crate::app::temp_registry::remove_leftover_temps(path);
            }
            let mut progress = |done, total| {
                let _ = tx.send(LoadMsg::Progress(done, total));
            };
            // The Dashboard's days are the organizer's calendar days.
            let settings = Settings {
                day_zone: DayZone::Local,
                ..Settings::default()
            };
            let result = Desk::open_at(&location, mode, clock, settings, &mut progress);
            let _ = tx.send(LoadMsg::Done(result.map(Box::new)));
            if let Some(ctx) = wake.get() {
                ctx.request_repaint();
            }
        });
        Self {
            rx,
            waker,
            done: 0,
            total: 0,
            started: Instant::now(),
        }
    }

    /// What arrived from the thread: the opened desk or the refusal, once
    /// it is done.
    pub fn poll(&mut self, ctx: &egui::Context) -> Option<Result<Box<Desk>, AppError>> {
        self.waker.get_or_init(|| ctx.clone());
        while let Ok(msg) = self.rx.try_recv() {
            match msg {
                LoadMsg::Progress(d, t) => (self.done, self.total) = (d, t),
                LoadMsg::Done(result) => return Some(result),
            }
        }
        None
    }
}

/// What the connect dialog asks the window to do.
pub enum Answer {
    /// Nothing (keep showing it).
    Stay,
    /// Close it; nothing changes.
    Close,
    /// The shared log is open: show this desk.
    Opened {
        /// The desk on it.
        desk: Box<Desk>,
        /// Where it is (the URL, with the password if one was typed).
        location: LogLocation,
    },
    /// The server could not be reached: remember the log (to try again
    /// from File → Recent) and keep the dialog.
    Unreachable(LogLocation),
}

/// File → "Connect to a shared log…": the URL, a password when the server
/// asks for one, and the attempt in progress.
#[derive(Default)]
pub struct ConnectDialog {
    /// The connection URL as typed.
    pub url: String,
    /// The password, asked for once the server refused the user.
    pub password: String,
    /// Whether the password field shows.
    pub asks_password: bool,
    /// The last failure, in words.
    pub message: Option<String>,
    attempt: Option<(LogLocation, Opening)>,
    focused: bool,
}

impl ConnectDialog {
    /// A dialog with `url` filled in (File → Recent); `connect` starts at once.
    pub fn with_url(url: String) -> Self {
        Self {
            url,
            ..Self::default()
        }
    }

    /// Whether a connection is being tried.
    pub fn is_connecting(&self) -> bool {
        self.attempt.is_some()
    }

    /// Starts connecting to what the fields hold, opening the log with
    /// `clock`; a URL that isn't a PostgreSQL one is refused in place.
    pub fn connect(&mut self, clock: Arc<dyn Clock>) {
        let location = LogLocation::parse(self.url.trim());
        if !location.is_shared() {
            self.message = Some(tr(
                "Connection URL: a shared log's address starts with postgresql:// or postgres://, e.g. postgresql://confdesk@192.168.1.20/summit",
            ).to_owned());
            return;
        }
        let location = match (&location, self.password.is_empty()) {
            (LogLocation::Shared(url), false) => {
                LogLocation::Shared(with_password(url, &self.password))
            }
            _ => location,
        };
        self.message = None;
        // An empty database gets the schema, as the start-up log is created.
        let opening = Opening::start(location.clone(), OpenMode::Create, clock);
        self.attempt = Some((location, opening));
    }

    /// Draws the dialog; returns what the window should do.
    pub fn ui(&mut self, ctx: &egui::Context, clock: &Arc<dyn Clock>) -> Answer {
        if let Some(answer) = self.poll(ctx) {
            return answer;
        }
        let modal = egui::Modal::new(egui::Id::unique("connect-shared-log")).show(ctx, |ui| {
            ui.heading(tr("Connect to a shared log"));
            let l = ui.label(tr("Connection URL"));
            let url = ui
                .add(
                    egui::TextEdit::singleline(&mut self.url)
                        .hint_text(EXAMPLE_URL)
                        .desired_width(360.0),
                )
                .labelled_by(l.id);
            let mut entered = url.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            // The field to type in next has the focus: the URL at first,
            // the password once the server asked for one.
            let mut next = url;
            if self.asks_password {
                let l = ui.label(tr("Password"));
                let p = ui
                    .add(egui::TextEdit::singleline(&mut self.password).password(true))
                    .labelled_by(l.id);
                entered |= p.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                next = p;
            }
            if !self.focused {
                next.request_focus();
                self.focused = true;
            }
            if let Some(m) = &self.message {
                ui.label(
                    egui::RichText::new(m.as_str()).color(crate::ui::widgets::error_color(ui)),
                );
            }
            if let Some((_, opening)) = &self.attempt {
                ui.horizontal(|ui| {
                    ui.spinner();
                    ui.label(say(&Message::new(
                        "Connecting… {done} of {total} {total|event|events} replayed",
                    )
                    .count("done", opening.done)
                    .count("total", opening.total)));
                });
                ui.ctx()
                    .request_repaint_after(std::time::Duration::from_millis(100));
            }
            ui.horizontal(|ui| {
                let idle = self.attempt.is_none();
                let connect = ui.add_enabled(idle, egui::Button::new(tr("Connect")));
                if idle && (connect.clicked() || entered) {
                    self.connect(Arc::clone(clock));
                }
                ui.button(tr("Cancel")).clicked()
            })
            .inner
        });
        if modal.inner || modal.should_close() {
            Answer::Close
        } else {
            Answer::Stay
        }
    }

    /// The end of an attempt, if it ended.
    fn poll(&mut self, ctx: &egui::Context) -> Option<Answer> {
        let (_, opening) = self.attempt.as_mut()?;
        let result = opening.poll(ctx)?;
        let (location, _) = self.attempt.take()?;
        ctx.request_repaint();
        match result {
            Ok(desk) => Some(Answer::Opened { desk, location }),
            Err(e) => {
                self.message = Some(say(&e.message()));
                match e {
                    AppError::Store(StoreError::Refused { .. }) => {
                        self.asks_password = true;
                        self.focused = false;
                        None
                    }
                    AppError::Store(StoreError::Unreachable { .. }) => {
                        Some(Answer::Unreachable(location))
                    }
                    _ => None,
                }
            }
        }
    }
}

/// `url` with `password` as its user's password (replacing any), the
/// password percent-encoded so that any character is allowed.
pub fn with_password(url: &str, password: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    let authority_end = rest.find(['/', '?']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(authority_end);
    let (user, host) = match authority.rsplit_once('@') {
        Some((user_info, host)) => (user_info.split(':').next().unwrap_or_default(), host),
        None => ("", authority),
    };
    let encoded: String = password
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
                char::from(b).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect();
    format!("{scheme}://{user}:{encoded}@{host}{tail}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_password_goes_into_the_url_and_never_into_its_text() {
        let url = with_password("postgresql://confdesk@192.168.1.20/summit", "s3c r@t:/");
        assert_eq!(
            url,
            "postgresql://confdesk:s3c%20r%40t%3A%2F@192.168.1.20/summit"
        );
        assert_eq!(
            LogLocation::parse(&url).text(),
            "postgresql://confdesk@192.168.1.20/summit"
        );
        // A password typed again replaces the one in the URL.
        assert_eq!(
            with_password("postgres://desk:old@venue/summit?sslmode=disable", "new"),
            "postgres://desk:new@venue/summit?sslmode=disable"
        );
        assert_eq!(
            with_password("postgresql://venue/summit", "pw"),
            "postgresql://:pw@venue/summit"
        );
    }
}
