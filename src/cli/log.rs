//! Commands on a whole log: `log copy --from SRC --to DST` (issue 15.4),
//! which copies a log between any two stores with
//! [`store::copy_log`](crate::store::copy_log) and says what it copied and
//! checked.
//!
//! SRC and DST are each a redb file's path or a PostgreSQL URL; `--data`
//! plays no part. The source is opened read-only, so copying the log of a
//! running desk changes nothing in it; the destination is opened with
//! [`OpenMode::Create`]: a missing file is created, an empty database gets
//! the log's tables, and the copy itself refuses one that holds events.
//! Errors name the flag (`--from: …`, `--to: …`) so a person knows which of
//! the two logs is meant. Output names each log as its store names itself:
//! a URL may hold a password, and is never printed.

use super::args::{LogCopyArgs, LogSubcommand};
use super::output::{Output, counted};
use crate::app::LogLocation;
use crate::store::{CopyReport, EventStore, OpenMode, RedbLog, StoreError, copy_log};
use anyhow::Context as _;
use serde_json::json;
use std::io::{IsTerminal as _, Write as _};

/// `log …`.
pub(super) fn log(command: LogSubcommand) -> anyhow::Result<Output> {
    match command {
        LogSubcommand::Copy(args) => copy(&args),
    }
}

/// `log copy`: the source first, so a missing source creates no
/// destination.
fn copy(args: &LogCopyArgs) -> anyhow::Result<Output> {
    let from = open_store(&args.from, OpenMode::ReadOnly).context("--from")?;
    refuse_a_file_holding_events(&args.to)?;
    let to = open_store(&args.to, OpenMode::Create).context("--to")?;
    // A person at a terminal sees the copy move (a million events take a
    // while); a script's stderr stays empty.
    let terminal = std::io::stderr().is_terminal();
    let mut progress = |done: u64, total: u64| {
        if terminal {
            // Not eprint!: a closed stderr must not turn a copy into a
            // panic. `ESC [K` clears what a longer line left.
            let _ = write!(std::io::stderr(), "\r{}\x1b[K", progress_line(done, total));
        }
    };
    // Its errors name the log they are about (source or destination).
    let copied = copy_log(from.as_ref(), to.as_ref(), &mut progress);
    if terminal {
        let _ = writeln!(std::io::stderr());
    }
    let report = copied.map_err(|error| stopped(error, to.as_ref()))?;
    Ok(report_output(&report, &from.place(), &to.place()))
}

/// The progress of [`copy_log`] in words: it counts each event once when
/// copied and once when checked.
fn progress_line(done: u64, total: u64) -> String {
    let events = total / 2;
    if done <= events {
        format!("Copied {done} of {events} events…")
    } else {
        format!("Checked {} of {events} events…", done - events)
    }
}

/// A copy that stopped after writing part of the log: the destination now
/// holds events, so copying again would be refused; the message says so
/// and what to do (the error itself says why the copy stopped).
fn stopped(error: StoreError, to: &dyn EventStore) -> anyhow::Error {
    let held = match &error {
        StoreError::DestinationNotEmpty { .. } => 0,
        _ => to.last_position().unwrap_or(0),
    };
    if held == 0 {
        return error.into();
    }
    anyhow::Error::new(error).context(format!(
        "the copy stopped with {} in {}; remove that log (or empty its database) before copying again",
        counted(held, "event", "events"),
        to.place()
    ))
}

/// Refuses a destination redb file that holds events before it is opened
/// for writing: a writable open may change the file (an older log is
/// upgraded to the current format, loose permissions are tightened), and a
/// refused destination must be left byte for byte. Only a cleanly closed
/// log is looked into (that open never writes); any other file is left to
/// the writable open and [`copy_log`]'s own check.
fn refuse_a_file_holding_events(text: &str) -> Result<(), StoreError> {
    let LogLocation::File(path) = LogLocation::parse(text) else {
        return Ok(());
    };
    let Ok(existing) = RedbLog::open_if_clean(&path) else {
        return Ok(());
    };
    match existing.last_position()? {
        0 => Ok(()),
        events => Err(StoreError::DestinationNotEmpty {
            place: existing.place(),
            events,
        }),
    }
}

/// The log `text` names (see [`LogLocation::parse`]): a `postgresql://`
/// or `postgres://` URL is a PostgreSQL database, anything else a redb
/// file's path.
fn open_store(text: &str, mode: OpenMode) -> Result<Box<dyn EventStore>, StoreError> {
    LogLocation::parse(text).open_store(mode)
}

/// What was copied, in words and as JSON.
fn report_output(report: &CopyReport, from: &str, to: &str) -> Output {
    let events = counted(report.events, "event", "events");
    let streams = counted(report.streams, "stream", "streams");
    let mut human = if report.events == 0 {
        format!("Copied 0 events from {from} to {to}: the source log is empty.")
    } else {
        format!(
            "Copied {events} ({streams}) from {from} to {to}, positions 1–{}, every checksum checked.",
            report.last_position
        )
    };
    if report.appended_meanwhile > 0 {
        human.push_str(&format!(
            "\nThe source gained {} during the copy; they are not in the copy (positions {}–{}).",
            counted(report.appended_meanwhile, "event", "events"),
            report.last_position + 1,
            report.last_position + report.appended_meanwhile
        ));
    }
    let json = json!({
        "from": from,
        "to": to,
        "events": report.events,
        "streams": report.streams,
        "last_position": report.last_position,
        "appended_meanwhile": report.appended_meanwhile,
        "checked": true,
    });
    Output::new(human, json)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(events: u64, streams: u64, appended_meanwhile: u64) -> CopyReport {
        CopyReport {
            events,
            streams,
            last_position: events,
            appended_meanwhile,
        }
    }

    #[test]
    fn the_text_counts_in_the_right_form_and_says_what_was_left_out() {
        let one = report_output(&report(1, 1, 0), "a.redb", "b.redb");
        assert_eq!(
            one.human,
            "Copied 1 event (1 stream) from a.redb to b.redb, positions 1–1, every checksum checked."
        );
        let grew = report_output(&report(54, 12, 2), "PostgreSQL database summit", "b.redb");
        assert_eq!(
            grew.human,
            "Copied 54 events (12 streams) from PostgreSQL database summit to b.redb, positions 1–54, every checksum checked.\n\
             The source gained 2 events during the copy; they are not in the copy (positions 55–56)."
        );
        assert_eq!(grew.json["appended_meanwhile"], 2);
        let empty = report_output(&report(0, 0, 0), "a.redb", "b.redb");
        assert_eq!(
            empty.human,
            "Copied 0 events from a.redb to b.redb: the source log is empty."
        );
    }

    #[test]
    fn progress_says_copied_then_checked() {
        assert_eq!(progress_line(1_000, 5_000), "Copied 1000 of 2500 events…");
        assert_eq!(progress_line(2_500, 5_000), "Copied 2500 of 2500 events…");
        assert_eq!(progress_line(3_500, 5_000), "Checked 1000 of 2500 events…");
    }

    #[test]
    fn a_url_in_either_spelling_is_postgresql_and_is_checked_before_connecting() {
        for text in [
            "postgresql://desk@localhost:notaport/summit",
            "POSTGRES://desk@localhost:notaport/summit",
        ] {
            let error = open_store(text, OpenMode::ReadOnly)
                .err()
                .map(|e| e.to_string());
            assert!(
                error
                    .as_deref()
                    .is_some_and(|e| e.starts_with("the connection string is not valid")),
                "{text}: {error:?}"
            );
        }
    }
}
