//! The headless CLI: the same app layer the window uses, driven from the
//! command line. This file owns the run: where the log is, which clock,
//! read-only or read-write opening, dispatch to the command handlers, and
//! the mapping of errors to exit codes (0 ok, 2 bad input — a `--data`
//! connection string that does not parse included, 3 not found or wrong
//! code — a shared log's server refusing a wrong or missing password
//! included, 4 refused: a conflict, a lock after wrong codes, the log in
//! use, an order that reserved nothing; 1 anything else, an access file
//! that cannot be read and a server that cannot be reached included).
//!
//! Commands that only read open the log read-only (they work beside an open
//! window and never fire expiries, and repair a log a crash left when no
//! other confdesk holds it); commands that write open it read-write and
//! first fire the expiries that came due. Only `conference create` and
//! `demo` create a missing log: any other command on a mistyped `--data`
//! says the log does not exist (exit 3) and creates nothing. A `--data`
//! that names a folder, a pipe or a device exits 2.
//!
//! Each handler reads its clap arguments (`args.rs`, what was typed), turns
//! them into typed values once (`resolve.rs`: slugs, seat-type names, dates,
//! order keys), builds an [`app::UserCommand`](crate::app::UserCommand) for
//! a change and runs it with `Desk::run` — the same values the window sends.

mod args;
pub mod argv;
mod checkin;
mod conference;
mod discount;
mod docs;
mod log;
mod money;
mod organizer;
mod outbox;
mod output;
mod paper;
mod records;
mod registrant;
pub mod report;
pub mod resolve;
mod staff;
mod ticket;

pub use args::{Cli, CliCommand};

use crate::app::{AppError, Clock, Desk, LogLocation, ManualClock, Settings, SystemClock};
use crate::domain::{Field, Message};
use crate::store::{OpenMode, StoreError};
use chrono::{DateTime, Utc};
use output::Output;
use std::path::PathBuf;
use std::sync::Arc;

/// The environment variable that fixes the clock (RFC 3339).
pub const NOW_VAR: &str = "CONFDESK_NOW";

/// Runs one command line: opens the window without a command, else runs
/// the command and prints its output on stdout. Errors are returned, not
/// printed: see [`exit_code`].
pub fn run(cli: Cli) -> anyhow::Result<()> {
    let clock = clock_from_env()?;
    let given = cli.data.map(LogLocation::parse);
    let data = given
        .clone()
        .unwrap_or_else(|| LogLocation::File(default_data_path()));
    // Temp files of saves a killed process left for this log hold personal data.
    if let Some(path) = data.file() {
        crate::app::temp_registry::remove_leftover_temps(path);
    }
    let Some(command) = cli.command else {
        return crate::ui::run_app(given, data, clock);
    };
    // Never the values: they may be codes, names or e-mails.
    let summary = crate::app::diagnostics::command_summary(std::env::args().skip(1));
    tracing::info!(command = %summary, log = %data.text(), "command started");
    let mail_lang = cli.mail_lang.unwrap_or_else(|| {
        crate::ui::i18n::system_locale()
            .as_deref()
            .map_or(crate::ui::i18n::Lang::En, crate::ui::i18n::Lang::for_locale)
    });
    let ctx = Ctx {
        data,
        clock,
        mail_lang,
    };
    let (output, failure) = dispatch(&ctx, command)?;
    output.emit(cli.json)?;
    tracing::info!(command = %summary, failed = failure.is_some(), "command finished");
    match failure {
        Some(error) => Err(error),
        None => Ok(()),
    }
}

/// The exit code for an error returned by [`run`].
pub fn exit_code(error: &anyhow::Error) -> u8 {
    for cause in error.chain() {
        if let Some(e) = cause.downcast_ref::<AppError>() {
            return match e {
                AppError::Validation(_) => 2,
                AppError::NotFound(_) => 3,
                // A lock is a refusal: the same code may work later.
                AppError::Locked { .. }
                | AppError::OrderLookupLocked { .. }
                | AppError::OrderLocked { .. }
                | AppError::Conflict(_)
                | AppError::AlreadyCheckedIn { .. } => 4,
                AppError::Store(s) => store_code(s),
                AppError::AccessFile { .. }
                | AppError::Internal(_)
                | AppError::Io { .. }
                | AppError::Encode(_)
                | AppError::Decode { .. } => 1,
            };
        }
        if let Some(e) = cause.downcast_ref::<StoreError>() {
            return store_code(e);
        }
    }
    1
}

/// The one line printed for an error returned by [`run`]: its chain of
/// causes, leaving out a cause the message before it already quotes (the
/// store's messages embed their I/O error, which is also their source).
pub fn error_message(error: &anyhow::Error) -> String {
    let mut message = String::new();
    for cause in error.chain() {
        let text = cause.to_string();
        if message.contains(&text) {
            continue;
        }
        if !message.is_empty() {
            message.push_str(": ");
        }
        message.push_str(&text);
    }
    message
}

fn store_code(error: &StoreError) -> u8 {
    match error {
        StoreError::Missing { .. } => 3,
        // Typed input that is not a log's place: bad input, like a folder.
        StoreError::NotAFile { .. } | StoreError::BadConnectionString { .. } => 2,
        // A wrong or missing password is a wrong code, as at the desk.
        StoreError::Refused { .. } => 3,
        StoreError::InUse { .. }
        | StoreError::Concurrency { .. }
        | StoreError::DestinationNotEmpty { .. } => 4,
        _ => 1,
    }
}

/// The log's default place: the platform data folder, else the current one.
pub fn default_data_path() -> PathBuf {
    crate::app::location::data_dir().join("confdesk.redb")
}

/// The clock: fixed by `CONFDESK_NOW` (an empty value counts as unset), else the system's.
/// Public for the developer tools under `examples/`, which take the same clock.
pub fn clock_from_env() -> Result<Arc<dyn Clock>, AppError> {
    let Some(value) = std::env::var_os(NOW_VAR).filter(|v| !v.is_empty()) else {
        return Ok(Arc::new(SystemClock));
    };
    let parsed = value
        .to_str()
        .and_then(|s| DateTime::parse_from_rfc3339(s.trim()).ok());
    let at = parsed.ok_or_else(|| {
        let rule = Message::new("'{value}' is not an RFC 3339 time; use e.g. 2026-11-25T09:00:00Z")
            .text("value", value.to_string_lossy());
        AppError::field(Field::Flag(NOW_VAR), rule)
    })?;
    Ok(Arc::new(ManualClock::new(at.with_timezone(&Utc))))
}

/// Where the log is and what time it is.
struct Ctx {
    data: LogLocation,
    clock: Arc<dyn Clock>,
    /// The language of mail queued by this command (`--mail-lang`).
    mail_lang: crate::ui::i18n::Lang,
}

impl Ctx {
    /// The words of mail this command queues: the CLI's English (its money
    /// as "199.00 USD"), or the window's Korean with `--mail-lang ko`.
    fn mail_words(&self) -> Box<dyn crate::domain::message::Words> {
        match self.mail_lang {
            crate::ui::i18n::Lang::En => Box::new(crate::domain::message::English),
            lang => Box::new(crate::ui::i18n::words_in(lang)),
        }
    }

    /// Opens the log read-only: works beside a writer, never writes.
    fn read(&self) -> Result<Desk, AppError> {
        Desk::open_at(
            &self.data,
            OpenMode::ReadOnly,
            self.clock.clone(),
            Settings::default(),
            &mut |_, _| {},
        )
    }

    /// Opens the existing log for writing and fires the expiries that came
    /// due. A missing log is refused, so a mistyped `--data` creates nothing.
    fn write(&self) -> Result<Desk, AppError> {
        self.open_writable(OpenMode::ReadWrite)
    }

    /// Like [`Ctx::write`], but creates the log when it is missing: for the
    /// commands that start one (`conference create`, `demo`).
    fn create(&self) -> Result<Desk, AppError> {
        self.open_writable(OpenMode::Create)
    }

    fn open_writable(&self, mode: OpenMode) -> Result<Desk, AppError> {
        let mut desk = Desk::open_at(
            &self.data,
            mode,
            self.clock.clone(),
            Settings::default(),
            &mut |_, _| {},
        )?;
        desk.tick()?;
        Ok(desk)
    }
}

/// A command's output and, when the command found a problem it still
/// reports in full (`verify`), the error to exit with after printing.
type Outcome = (Output, Option<String>);

/// Like [`Outcome`], with the error kept typed so [`exit_code`] can sort it
/// (an order that reserved nothing prints the order, then exits 4).
type Finished = (Output, Option<anyhow::Error>);

fn dispatch(ctx: &Ctx, command: CliCommand) -> anyhow::Result<Finished> {
    let output = match command {
        CliCommand::Conference(c) => conference::conference(ctx, c)?,
        CliCommand::SeatType(c) => organizer::seat_type(ctx, c)?,
        CliCommand::Orders(c) => organizer::orders(ctx, c)?,
        CliCommand::Attendees(c) => organizer::attendees(ctx, c)?,
        CliCommand::Order(c) => {
            let (output, failure) = registrant::order(ctx, c)?;
            return Ok((output, failure.map(anyhow::Error::new)));
        }
        CliCommand::Seat(c) => registrant::seat(ctx, c)?,
        CliCommand::Checkin(a) => checkin::checkin(ctx, a)?,
        CliCommand::History(a) => records::history(ctx, a)?,
        CliCommand::Demo(a) => records::demo(ctx, a)?,
        CliCommand::Log(c) => log::log(c)?,
        CliCommand::Outbox(c) => {
            let (output, failure) = outbox::outbox(ctx, c)?;
            return Ok((output, failure));
        }
        CliCommand::Completions { shell } => docs::completions(shell),
        CliCommand::Manpage => docs::manpage()?,
        CliCommand::DebugCrash => {
            panic!("a deliberate crash (confdesk debug-crash), to test the crash report")
        }
        CliCommand::Ticket(c) => ticket::ticket(ctx, c)?,
        CliCommand::Verify => {
            let (output, failure) = records::verify(ctx)?;
            return Ok((output, failure.map(anyhow::Error::msg)));
        }
        CliCommand::Badges(c) => paper::badges(ctx, c)?,
        CliCommand::CheckinList(c) => paper::checkin_list(ctx, c)?,
        CliCommand::StaffCode(c) => staff::staff_code(ctx, c)?,
        CliCommand::Discount(c) => discount::discount(ctx, c)?,
    };
    Ok((output, None))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::FieldError;

    #[test]
    fn errors_map_to_the_documented_exit_codes() {
        let code = |e: AppError| exit_code(&anyhow::Error::new(e));
        assert_eq!(
            code(AppError::Validation(vec![FieldError::new(
                Field::Slug,
                Message::new("x")
            )])),
            2
        );
        assert_eq!(code(AppError::NotFound(Message::new("x"))), 3);
        assert_eq!(code(AppError::Locked { until: Utc::now() }), 4);
        assert_eq!(code(AppError::OrderLocked { until: Utc::now() }), 4);
        assert_eq!(code(AppError::OrderLookupLocked { until: Utc::now() }), 4);
        assert_eq!(
            code(AppError::AccessFile {
                path: "a.access.json".into(),
                problem: Message::new("is not a regular file (a directory?)")
            }),
            1
        );
        assert_eq!(code(AppError::Conflict(Message::new("x"))), 4);
        assert_eq!(
            code(AppError::Store(StoreError::InUse {
                path: "a".into(),
                pid: None
            })),
            4
        );
        assert_eq!(
            code(AppError::Store(StoreError::Missing { path: "a".into() })),
            3
        );
        assert_eq!(
            code(AppError::Store(StoreError::ReadOnly { path: "a".into() })),
            1
        );
        // A `--data` naming a folder or a pipe is bad input.
        assert_eq!(
            code(AppError::Store(StoreError::NotAFile {
                path: "a".into(),
                kind: "a folder".into()
            })),
            2
        );
        assert_eq!(
            code(AppError::Store(StoreError::NoSpace {
                path: "a".into(),
                needed: 2,
                free: 1
            })),
            1
        );
        // A shared log: a connection string that does not parse is bad
        // input, a refused password a wrong code, an unreachable server
        // anything else.
        assert_eq!(
            code(AppError::Store(StoreError::BadConnectionString {
                detail: "invalid port".into()
            })),
            2
        );
        assert_eq!(
            code(AppError::Store(StoreError::Refused {
                database: "summit".into(),
                user: "desk".into(),
                detail: "password authentication failed".into()
            })),
            3
        );
        assert_eq!(
            code(AppError::Store(StoreError::Unreachable {
                database: "summit".into(),
                detail: "timed out".into()
            })),
            1
        );
        assert_eq!(exit_code(&anyhow::anyhow!("other")), 1);
    }

    #[test]
    fn error_messages_quote_each_cause_once() {
        let io = std::io::Error::other("boom");
        let store = AppError::Store(StoreError::Io {
            path: "a.redb".into(),
            source: io,
        });
        assert_eq!(
            error_message(&anyhow::Error::new(store)),
            "I/O error on a.redb: boom"
        );
        let wrapped = anyhow::anyhow!("inner").context("outer");
        assert_eq!(error_message(&wrapped), "outer: inner");
    }
}
