//! What a command prints: every handler builds both forms, readable text and
//! one JSON value, and the runner prints the one asked for. Only this file
//! writes to stdout, so `--json` leaves nothing else there; a closed pipe
//! (`confdesk … | head`) ends the output quietly instead of panicking.

use crate::domain::Money;
use crate::domain::events::PersonalInfo;
use crate::domain::person_name::display_name;
use chrono::{DateTime, SecondsFormat, Utc};
use serde_json::{Value, json};
use std::io::Write as _;

/// Set once a command printed its JSON (or raw) output: a failure after it
/// (`verify`, an order that reserved nothing) is then said on stderr only,
/// so stdout stays one JSON value.
static PRINTED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Whether this process already printed a JSON value or raw bytes.
pub fn printed() -> bool {
    PRINTED.load(std::sync::atomic::Ordering::Relaxed)
}

/// A command's result in both forms.
#[derive(Debug, Clone)]
pub struct Output {
    /// For people.
    pub human: String,
    /// For programs (`--json`).
    pub json: Value,
    /// Bytes printed as they are in place of either form: a CSV for
    /// `--out -`, a completion script, a man page.
    pub raw: Option<Vec<u8>>,
}

impl Output {
    /// Both forms of one result.
    pub fn new(human: impl Into<String>, json: Value) -> Self {
        Self {
            human: human.into(),
            json,
            raw: None,
        }
    }

    /// Bytes to print as they are, whatever `--json` says.
    pub fn raw(bytes: Vec<u8>) -> Self {
        Self {
            human: String::new(),
            json: Value::Null,
            raw: Some(bytes),
        }
    }

    /// Prints the JSON form (`json`) or the text form on stdout.
    pub fn emit(&self, json: bool) -> anyhow::Result<()> {
        if json || self.raw.is_some() {
            PRINTED.store(true, std::sync::atomic::Ordering::Relaxed);
        }
        let mut out = std::io::stdout().lock();
        if let Some(bytes) = &self.raw {
            return match out.write_all(bytes).and_then(|()| out.flush()) {
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
                other => Ok(other?),
            };
        }
        let text = if json {
            serde_json::to_string_pretty(&self.json)?
        } else {
            self.human.trim_end().to_string()
        };
        match writeln!(out, "{text}").and_then(|()| out.flush()) {
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
            other => Ok(other?),
        }
    }
}

/// A count with its noun in the right form: `1 event`, `2 events`.
pub fn counted(n: impl TryInto<i64> + Copy + std::fmt::Display, one: &str, other: &str) -> String {
    let form = crate::domain::message::plural(n.try_into().unwrap_or(i64::MAX), one, other);
    format!("{n} {form}")
}

/// A time as the JSON output writes it: RFC 3339 in UTC, whole seconds.
pub fn time_json(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// A time for people: `2026-11-25 09:15 UTC`.
pub fn time_human(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%d %H:%M UTC").to_string()
}

/// An amount as a decimal string (`"995.00"`), or null.
pub fn money_json(m: Option<Money>) -> Value {
    m.map_or(Value::Null, |m| Value::String(m.amount_string()))
}

/// An amount for a table cell (empty when unknown).
pub fn money_cell(m: Option<Money>) -> String {
    m.map(|m| m.amount_string()).unwrap_or_default()
}

/// A person as `{first_name, last_name, email}`, or null.
pub fn person_json(p: Option<&PersonalInfo>) -> Value {
    p.map_or(
        Value::Null,
        |p| json!({"first_name": p.first_name, "last_name": p.last_name, "email": p.email}),
    )
}

/// A person's full name.
pub fn full_name(p: &PersonalInfo) -> String {
    display_name(&p.first_name, &p.last_name)
}

/// A person for people: `Ana Souza <ana@example.com>`, or just the name
/// when there is no e-mail (a seat named at the door), never an empty `<>`.
pub fn person_human(p: &PersonalInfo) -> String {
    if p.email.trim().is_empty() {
        full_name(p)
    } else {
        format!("{} <{}>", full_name(p), p.email)
    }
}

/// How a table column is aligned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    /// Text.
    Left,
    /// Numbers.
    Right,
}

/// Terminal columns a text takes, by Unicode's East Asian Width (the
/// `unicode-width` crate, as terminals measure): Hangul, kana, CJK
/// ideographs, full-width forms and emoji take two, combining marks none.
pub fn display_width(text: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(text)
}

/// A plain-text table: a header row, then `rows`, columns two spaces apart,
/// padded by [`display_width`] so Hangul names line up in a terminal.
pub fn table(columns: &[(&str, Align)], rows: &[Vec<String>]) -> String {
    let mut widths: Vec<usize> = columns.iter().map(|(h, _)| display_width(h)).collect();
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(display_width(cell));
        }
    }
    let header: Vec<String> = columns.iter().map(|(h, _)| (*h).to_string()).collect();
    let mut out = String::new();
    for row in std::iter::once(&header).chain(rows) {
        let cells: Vec<String> = row
            .iter()
            .zip(widths.iter().zip(columns))
            .map(|(cell, (w, (_, align)))| {
                let pad = " ".repeat(w.saturating_sub(display_width(cell)));
                match align {
                    Align::Left => format!("{cell}{pad}"),
                    Align::Right => format!("{pad}{cell}"),
                }
            })
            .collect();
        out.push_str(cells.join("  ").trim_end());
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_align_text_left_and_numbers_right() {
        let t = table(
            &[("Seat type", Align::Left), ("Left", Align::Right)],
            &[
                vec!["General admission".into(), "7".into()],
                vec!["VIP".into(), "120".into()],
            ],
        );
        assert_eq!(
            t,
            "Seat type          Left\nGeneral admission     7\nVIP                 120\n"
        );
        let names = table(
            &[("Name", Align::Left), ("#", Align::Right)],
            &[vec!["민준 김".into(), "1".into()]],
        );
        assert_eq!(names, "Name     #\n민준 김  1\n");
        assert_eq!(display_width("Zoë"), 3);
    }

    #[test]
    fn widths_follow_unicode_east_asian_width() {
        // Each of these was measured wrong by the hand-made ranges before.
        assert_eq!(display_width("🦀"), 2, "an emoji outside U+1F300..1F64F");
        assert_eq!(
            display_width("\u{1100}\u{1161}"),
            2,
            "a conjoining-jamo syllable"
        );
        assert_eq!(display_width("e\u{301}"), 1, "a combining accent");
        assert_eq!(display_width("김민준"), 6);
    }
}
