//! The one search key: what a typed query and every searchable text are
//! turned into before one is looked for in the other, so the door and the
//! Attendees tab find "Núñez" by "nunez", "ΣΊΣΥΦΟΣ" by "σίσυφος" and
//! "STRASSE" by "straße". Read models keep their texts already keyed, so a
//! keystroke keys only the query.
//!
//! The key: compatibility decomposition (NFKD, so "ﬁ" is "fi" and
//! full-width "Ａ" is "A"), combining marks dropped (accents), then case
//! folded, whitespace runs collapsed to one space and the ends trimmed.
//! Folding is `char::to_lowercase` per character plus the two full case
//! foldings it misses for the scripts people type names in: final sigma
//! "ς" folds to "σ" (so a word typed half way still matches), and "ß" to
//! "ss". Per-character lowercasing avoids `str::to_lowercase`'s
//! context rule for sigma, which would key "ΣΊΣΥΦΟΣ" differently from a
//! prefix of it. Kana voicing marks (U+3099, U+309A) are letters' parts,
//! not accents: "が" is not "か", so they are kept. Hangul syllables come
//! apart into their jamo and are compared as such, on both sides alike.

use crate::domain::person_name::is_family_first;
use unicode_normalization::UnicodeNormalization as _;
use unicode_normalization::char::is_combining_mark;

/// Appends the search key of `text` to `out` (see the module doc). A
/// whitespace run inside `text` becomes one space; a leading or trailing
/// run is dropped.
pub fn push_search_key(out: &mut String, text: &str) {
    // Replay keys every name and e-mail: most are ASCII, which NFKD leaves
    // as it is, so skip the decomposition's buffering for them.
    if text.is_ascii() {
        push_key_chars(out, text.chars());
    } else {
        push_key_chars(out, text.nfkd());
    }
}

/// The key of already decomposed `chars`.
fn push_key_chars(out: &mut String, chars: impl Iterator<Item = char>) {
    let mut space = false;
    let mut any = false;
    for c in chars {
        if c.is_whitespace() {
            space = any;
            continue;
        }
        if is_combining_mark(c) && !matches!(c, '\u{3099}' | '\u{309A}') {
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        any = true;
        match c {
            'ς' => out.push('σ'),
            'ß' | 'ẞ' => out.push_str("ss"),
            c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
            c => out.extend(c.to_lowercase()),
        }
    }
}

/// Appends the keys of a whole name, in both orders ("ana nunez",
/// "nunez ana"), NUL-separated so a query never spans the two; a name
/// written family name first also gets its parts run together ("김민준"),
/// as Korean, Chinese and Japanese names are typed.
pub fn push_name_keys(out: &mut String, first: &str, last: &str) {
    push_search_key(out, first);
    out.push(' ');
    push_search_key(out, last);
    out.push('\0');
    push_search_key(out, last);
    out.push(' ');
    push_search_key(out, first);
    if is_family_first(first, last) {
        out.push('\0');
        push_search_key(out, last);
        push_search_key(out, first);
    }
}

/// The search key of `text` (see the module doc).
#[must_use]
pub fn search_key(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_search_key(&mut out, text);
    out
}

#[cfg(test)]
mod tests {
    use super::{push_name_keys, search_key};

    #[test]
    fn accents_are_dropped() {
        assert_eq!(search_key("Núñez"), "nunez");
        assert_eq!(search_key("Nu\u{0301}n\u{0303}ez"), "nunez");
        assert_eq!(search_key("Émilie Dœuf"), search_key("emilie dœuf"));
    }

    #[test]
    fn case_folds_in_every_script() {
        assert_eq!(search_key("ΣΊΣΥΦΟΣ"), search_key("σίσυφος"));
        assert_eq!(search_key("ΣΊΣΥΦΟΣ"), "σισυφοσ");
        assert_eq!(search_key("ПЁТР"), search_key("пётр"));
        assert_eq!(search_key("STRASSE"), search_key("Straße"));
        assert_eq!(search_key("ＡＢＣ"), "abc");
    }

    #[test]
    fn whitespace_is_collapsed_and_trimmed() {
        assert_eq!(search_key("  Ana \t  Núñez \n"), "ana nunez");
        assert_eq!(search_key("   "), "");
        assert_eq!(search_key(" ANA \t LIMA "), "ana lima");
    }

    #[test]
    fn hangul_keys_alike_whether_typed_as_syllables_or_jamo() {
        assert_eq!(
            search_key("김민준"),
            search_key("\u{1100}\u{1175}\u{11B7}민준")
        );
        assert!(search_key("김민준").contains(&search_key("민")));
    }

    #[test]
    fn a_name_is_keyed_in_both_orders_and_run_together_family_first() {
        let keys = |first, last| {
            let mut out = String::new();
            push_name_keys(&mut out, first, last);
            out
        };
        assert_eq!(keys("Ana", "Núñez"), "ana nunez\0nunez ana");
        let korean = keys("민준", "김");
        for typed in ["김민준", "김 민준", "민준 김"] {
            assert!(korean.contains(&search_key(typed)), "{typed}");
        }
    }

    #[test]
    fn kana_voicing_is_not_an_accent() {
        assert_ne!(search_key("が"), search_key("か"));
        assert_eq!(search_key("ガ"), search_key("ｶﾞ"));
    }
}
