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

/// A command's result in both forms.
#[derive(Debug, Clone)]
pub struct Output {
    /// For people.
    pub human: String,
    /// For programs (`--json`).
    pub json: Value,
}

impl Output {
    /// Both forms of one result.
    pub fn new(human: impl Into<String>, json: Value) -> Self {
        Self {
            human: human.into(),
            json,
        }
    }

    /// Prints the JSON form (`json`) or the text form on stdout.
    pub fn emit(&self, json: bool) -> anyhow::Result<()> {
        let text = if json {
            serde_json::to_string_pretty(&self.json)?
        } else {
            self.human.trim_end().to_string()
        };
        let mut out = std::io::stdout().lock();
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

/// Terminal columns a text takes: East Asian wide characters (Hangul,
/// kana, CJK ideographs, full-width forms) take two, combining marks none.
/// An approximation of Unicode's East Asian Width, enough to line up names.
pub fn display_width(text: &str) -> usize {
    text.chars()
        .map(|c| match u32::from(c) {
            0x0300..=0x036F | 0x200B..=0x200F | 0xFE00..=0xFE0F => 0,
            0x1100..=0x115F
            | 0x2E80..=0x303E
            | 0x3041..=0x33FF
            | 0x3400..=0x4DBF
            | 0x4E00..=0x9FFF
            | 0xA000..=0xA4CF
            | 0xAC00..=0xD7A3
            | 0xF900..=0xFAFF
            | 0xFE30..=0xFE4F
            | 0xFF00..=0xFF60
            | 0xFFE0..=0xFFE6
            | 0x1F300..=0x1F64F
            | 0x20000..=0x3FFFD => 2,
            _ => 1,
        })
        .sum()
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
}
