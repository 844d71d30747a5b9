//! Source checks for the translation table: every `tr("…")` under `src/ui`
//! and every `Message::new("…")` key under `src/` has a Korean entry, every
//! Korean entry is used, the table is sorted, and no label, button,
//! heading… takes an English literal without `tr`.

use super::ko::TABLE;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Calls whose text arguments are interface text.
const TEXT_CALLS: &[&str] = &[
    ".label(",
    ".button(",
    ".heading(",
    ".strong(",
    ".small_button(",
    ".menu_button(",
    ".on_hover_text(",
    ".hint_text(",
    ".selectable_value(",
    ".selectable_label(",
    ".radio_value(",
    ".checkbox(",
    ".accessible_name(",
    ".add_filter(",
    ".toast(",
    "RichText::new(",
    "Button::new(",
    "field_row(",
    "labelled_text(",
    "filter_box(",
];

fn rs_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            rs_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// The UI sources (without this module), as (name, text) pairs.
fn ui_sources() -> Vec<(String, String)> {
    sources_under("src/ui")
}

/// Every `.rs` file under `dir` (relative to the crate) but this module,
/// as (name, text) pairs, in path order.
fn sources_under(dir: &str) -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rs_files(&root.join(dir), &mut files);
    files.sort();
    files
        .into_iter()
        .filter(|p| !p.starts_with(root.join("src/ui/i18n")))
        .map(|p| {
            let name = p.strip_prefix(root).unwrap_or(&p).display().to_string();
            let text = std::fs::read_to_string(&p).unwrap_or_default();
            (name, text)
        })
        .collect()
}

/// The text without `//` comments (kept line for line, so lines still count).
fn without_comments(text: &str) -> String {
    text.lines()
        .map(|l| {
            if l.trim_start().starts_with("//") {
                ""
            } else {
                l
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The string literal starting at `s` (which begins with `"`): its value and
/// its length in the source.
fn literal(s: &str) -> Option<(String, usize)> {
    let mut value = String::new();
    let mut chars = s.char_indices().skip(1);
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => return Some((value, i + 1)),
            '\\' => match chars.next()?.1 {
                'n' => value.push('\n'),
                't' => value.push('\t'),
                other => value.push(other),
            },
            c => value.push(c),
        }
    }
    None
}

fn line_of(text: &str, at: usize) -> usize {
    text[..at].matches('\n').count() + 1
}

fn is_ident_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Every source file under `src/` but this module, as (name, text) pairs.
fn all_sources() -> Vec<(String, String)> {
    sources_under("src")
}

/// Every string `tr` is called with, with where: `tr("…")`, and `tr(NAME)`
/// for a `const NAME: &str = "…"` of the same file.
fn tr_strings() -> Vec<(String, String)> {
    calls("tr(", &ui_sources())
}

/// Every key a message is made with anywhere in `src/`: `Message::new("…")`
/// and `Message::new(NAME)` for a constant of the same file.
fn message_keys() -> Vec<(String, String)> {
    calls("Message::new(", &all_sources())
}

/// The string each `call` (ending in `(`) is given, as a literal or a
/// constant of the same file, with where.
fn calls(call: &str, sources: &[(String, String)]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (name, raw) in sources {
        // Unit tests at the end of a file make messages no user sees.
        let code = raw.split("#[cfg(test)]\nmod tests").next().unwrap_or(raw);
        let text = without_comments(code);
        for (at, _) in text.match_indices(call) {
            if text[..at].chars().next_back().is_some_and(is_ident_char) {
                continue;
            }
            let arg = text[at + call.len()..].trim_start();
            let value = if arg.starts_with('"') {
                literal(arg).map(|(v, _)| v)
            } else {
                let ident: String = arg.chars().take_while(|c| is_ident_char(*c)).collect();
                let is_const =
                    !ident.is_empty() && ident.chars().all(|c| c.is_ascii_uppercase() || c == '_');
                let decl = format!("const {ident}: &str =");
                is_const
                    .then(|| text.find(&decl))
                    .flatten()
                    .and_then(|d| literal(text[d + decl.len()..].trim_start()))
                    .map(|(v, _)| v)
            };
            if let Some(v) = value {
                out.push((format!("{name}:{}", line_of(&text, at)), v));
            }
        }
    }
    out
}

/// The placeholder names of a template (a plural form `{n|seat|seats}`
/// counts as `{n}`: a language without plural forms writes just `{n}`).
fn placeholders(s: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut rest = s;
    while let Some(open) = rest.find('{') {
        match rest[open..].find('}') {
            Some(close) => {
                let inner = &rest[open + 1..open + close];
                let name = inner.split('|').next().unwrap_or(inner);
                out.insert(format!("{{{name}}}"));
                rest = &rest[open + close + 1..];
            }
            None => break,
        }
    }
    out
}

/// Whether a literal reads as words: a letter outside `{…}` placeholders.
fn has_words(s: &str) -> bool {
    let mut depth = 0;
    s.chars().any(|c| {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            _ => {}
        }
        depth == 0 && c.is_alphabetic()
    })
}

/// The string literals among the arguments of the call whose `(` ends
/// just before `s`, as (offset, value): those at the top level of the
/// arguments and those a `format!` is given; literals nested deeper (an
/// id, a file extension, a field key) are not interface text.
fn call_literals(s: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut depth = 0_i32;
    let mut i = 0;
    while let Some(c) = s[i..].chars().next() {
        match c {
            '"' => {
                let Some((value, len)) = literal(&s[i..]) else {
                    break;
                };
                let before = s[..i].trim_end();
                let wrapped = before.ends_with("tr(");
                if !wrapped && (depth == 0 || before.ends_with("format!(")) {
                    out.push((i, value));
                }
                i += len;
                continue;
            }
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' if depth == 0 => break,
            ')' | ']' | '}' => depth -= 1,
            _ => {}
        }
        i += c.len_utf8();
    }
    out
}

#[test]
fn table_is_sorted_without_duplicates() {
    for pair in TABLE.windows(2) {
        if let [(a, _), (b, _)] = pair {
            assert!(
                a < b,
                "ko.rs: {a:?} must come before {b:?} (sorted, no duplicates)"
            );
        }
    }
}

#[test]
fn every_tr_string_and_message_key_has_korean_and_every_korean_entry_is_used() {
    let used = tr_strings();
    assert!(
        used.len() > 100,
        "the scan found only {} tr calls",
        used.len()
    );
    let keys = message_keys();
    assert!(
        keys.len() > 150,
        "the scan found only {} message keys",
        keys.len()
    );
    let missing: Vec<String> = used
        .iter()
        .chain(&keys)
        .filter(|(_, s)| has_words(s) && super::ko::lookup(s).is_none())
        .map(|(at, s)| format!("{at}: {s:?}"))
        .collect();
    assert!(
        missing.is_empty(),
        "no Korean in ko.rs for:\n{}",
        missing.join("\n")
    );
    // A constant given as a message without `Message::new` (`DENIED.into()`)
    // counts as used when some source still holds it as a literal.
    let sources: String = all_sources().into_iter().map(|(_, t)| t).collect();
    let known: BTreeSet<&str> = used.iter().chain(&keys).map(|(_, s)| s.as_str()).collect();
    let stale: Vec<&str> = TABLE
        .iter()
        .map(|(en, _)| *en)
        .filter(|en| !known.contains(en) && !sources.contains(&format!("{en:?}")))
        .collect();
    assert!(stale.is_empty(), "ko.rs entries no source uses: {stale:?}");
}

#[test]
fn the_scan_finds_keys_of_every_layer() {
    let keys: BTreeSet<String> = message_keys().into_iter().map(|(_, k)| k).collect();
    for key in [
        "seat type {seat_type} has no price",
        "cannot be drawn as a QR code: {detail}",
        "the log {path} does not exist",
        "{n} {n|seat|seats} ready to assign",
        "Partially reserved",
        "it exists and is empty (0 bytes); confdesk only creates a new log where no file exists",
    ] {
        assert!(keys.contains(key), "{key:?} not found by the scan");
    }
}

#[test]
fn korean_keeps_the_placeholders() {
    let bad: Vec<&str> = TABLE
        .iter()
        .filter(|(en, ko)| placeholders(en) != placeholders(ko))
        .map(|(en, _)| *en)
        .collect();
    assert!(bad.is_empty(), "placeholders differ in Korean: {bad:?}");
}

#[test]
fn no_interface_literal_skips_tr() {
    let mut found = Vec::new();
    for (name, raw) in ui_sources() {
        let text = without_comments(&raw);
        for call in TEXT_CALLS {
            for (at, _) in text.match_indices(call) {
                let start = at + call.len();
                for (q, value) in call_literals(&text[start..]) {
                    if has_words(&value) {
                        found.push(format!(
                            "{name}:{}: {call}{value:?}",
                            line_of(&text, start + q)
                        ));
                    }
                }
            }
        }
    }
    found.sort();
    found.dedup();
    assert!(
        found.is_empty(),
        "interface text without tr(…):\n{}",
        found.join("\n")
    );
}
