//! Source checks for the translation table: every `tr("…")` under `src/ui`
//! has a Korean entry, every Korean entry is used, the table is sorted, and
//! no label, button, heading… takes an English literal without `tr`.

use super::dynamic::DOMAIN_TEXTS;
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
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rs_files(&root.join("src/ui"), &mut files);
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

/// Every string `tr` is called with, with where: `tr("…")`, and `tr(NAME)`
/// for a `const NAME: &str = "…"` of the same file.
fn tr_strings() -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (name, raw) in ui_sources() {
        let text = without_comments(&raw);
        for (at, _) in text.match_indices("tr(") {
            if text[..at].chars().next_back().is_some_and(is_ident_char) {
                continue;
            }
            let arg = text[at + 3..].trim_start();
            let value = if arg.starts_with('"') {
                literal(arg).map(|(v, _)| v)
            } else {
                let ident: String = arg.chars().take_while(|c| is_ident_char(*c)).collect();
                let is_const =
                    !ident.is_empty() && ident.chars().all(|c| c.is_ascii_uppercase() || c == '_');
                let decl = format!("const {ident}: &str = ");
                is_const
                    .then(|| text.find(&decl))
                    .flatten()
                    .and_then(|d| literal(&text[d + decl.len()..]))
                    .map(|(v, _)| v)
            };
            if let Some(v) = value {
                out.push((format!("{name}:{}", line_of(&text, at)), v));
            }
        }
    }
    out
}

fn placeholders(s: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut rest = s;
    while let Some(open) = rest.find('{') {
        match rest[open..].find('}') {
            Some(close) => {
                out.insert(rest[open..=open + close].to_string());
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
fn every_tr_string_has_korean_and_every_korean_entry_is_used() {
    let used = tr_strings();
    assert!(
        used.len() > 100,
        "the scan found only {} tr calls",
        used.len()
    );
    let missing: Vec<String> = used
        .iter()
        .filter(|(_, s)| super::ko::lookup(s).is_none())
        .map(|(at, s)| format!("{at}: {s:?}"))
        .collect();
    assert!(
        missing.is_empty(),
        "no Korean in ko.rs for:\n{}",
        missing.join("\n")
    );
    let known: BTreeSet<&str> = used
        .iter()
        .map(|(_, s)| s.as_str())
        .chain(DOMAIN_TEXTS.iter().copied())
        .chain(crate::app::history::TEMPLATES.iter().copied())
        .collect();
    let stale: Vec<&str> = TABLE
        .iter()
        .map(|(en, _)| *en)
        .filter(|en| !known.contains(en))
        .collect();
    assert!(stale.is_empty(), "ko.rs entries no source uses: {stale:?}");
}

#[test]
fn every_history_line_has_korean() {
    let missing: Vec<&str> = crate::app::history::TEMPLATES
        .iter()
        .copied()
        .filter(|t| super::ko::lookup(t).is_none())
        .collect();
    assert!(missing.is_empty(), "no Korean in ko.rs for: {missing:?}");
}

#[test]
fn domain_texts_have_korean_and_still_exist() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rs_files(&root.join("src"), &mut files);
    let sources: String = files
        .iter()
        .filter(|p| !p.starts_with(root.join("src/ui/i18n")))
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect();
    let mut problems = Vec::new();
    for text in DOMAIN_TEXTS {
        if super::ko::lookup(text).is_none() {
            problems.push(format!("no Korean for {text:?}"));
        }
        let longest = text
            .split(['{', '}'])
            .step_by(2)
            .max_by_key(|piece| piece.len())
            .unwrap_or(text);
        if !sources.contains(&format!("\"{longest}")) && !sources.contains(longest) {
            problems.push(format!("{text:?} no longer appears in src/"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
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
