//! Field rules shared by every aggregate: text lengths, e-mail shape, slugs,
//! access-code shape, and how a typed code is read (Crockford's rule: I and
//! L are the digit 1). Each check returns a [`FieldError`] naming the field
//! and the rule, so any caller can show it beside the input.

use crate::domain::{Field, FieldError, Message};

/// Longest single-line name (conference, seat type, person).
pub const MAX_NAME_CHARS: usize = 200;
/// Longest free-text description.
pub const MAX_DESCRIPTION_CHARS: usize = 5_000;
/// Longest e-mail address (RFC 5321 path limit).
pub const MAX_EMAIL_CHARS: usize = 254;
/// Letters access codes are drawn from: no I, L, O or 0, which are misread.
pub const ACCESS_CODE_ALPHABET: &[u8] = b"ABCDEFGHJKMNPQRSTUVWXYZ123456789";
/// Length of a conference's access code.
pub const CONFERENCE_CODE_LEN: usize = 5;
/// Length of an order's access code.
pub const ORDER_CODE_LEN: usize = 6;
/// Length of a seat's ticket code: neither a conference's (5) nor an
/// order's (6), so a typed or scanned code says what it is.
pub const TICKET_CODE_LEN: usize = 8;

/// A required single-line text: trimmed, non-empty, no control characters,
/// at most `max` characters. Returns the trimmed text.
pub fn required_line(field: Field, value: &str, max: usize) -> Result<String, FieldError> {
    let v = value.trim();
    if v.is_empty() {
        return Err(FieldError::new(field, Message::new("is required")));
    }
    optional_line(field, v, max)
}

/// An optional single-line text (may be empty). Besides control
/// characters it refuses the line and paragraph separators (U+2028, U+2029:
/// a line break by another name), the bidirectional embedding, override and
/// isolate controls (they make a name display reversed, e.g. in a CSV), and
/// a text made only of invisible characters (U+200B, U+FEFF…), which would
/// look empty everywhere it is shown.
pub fn optional_line(field: Field, value: &str, max: usize) -> Result<String, FieldError> {
    let v = value.trim();
    if v.chars().any(|c| c.is_control() || is_line_separator(c)) {
        return Err(FieldError::new(
            field,
            Message::new("must be one line without control characters (tabs, line breaks)"),
        ));
    }
    if v.chars().any(is_bidi_control) {
        return Err(FieldError::new(
            field,
            Message::new(
                "must not contain right-to-left override or embedding characters (U+202A-U+202E, U+2066-U+2069)",
            ),
        ));
    }
    if !v.is_empty() && v.chars().all(|c| c.is_whitespace() || is_invisible(c)) {
        return Err(FieldError::new(
            field,
            Message::new(
                "must contain visible characters, not only invisible ones (U+200B, U+FEFF)",
            ),
        ));
    }
    check_len(field, v, max)?;
    Ok(v.to_string())
}

/// U+2028 LINE SEPARATOR and U+2029 PARAGRAPH SEPARATOR: not control
/// characters to Unicode, but line breaks to every text renderer.
fn is_line_separator(c: char) -> bool {
    matches!(c, '\u{2028}' | '\u{2029}')
}

/// Bidirectional embeddings, overrides and isolates: they reorder the text
/// around them, so "Ana\u{202E}nil" shows as something else than it is.
/// (The marks U+200E/U+200F stay allowed: mixed-direction names need them.)
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Characters that draw nothing: zero-width space and joiners, word joiner,
/// byte-order mark, soft hyphen, direction marks, Hangul fillers. Allowed
/// inside a name (emoji and some scripts need joiners), not as all of it.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{034F}'
            | '\u{115F}'
            | '\u{1160}'
            | '\u{180E}'
            | '\u{200B}'..='\u{200F}'
            | '\u{2060}'..='\u{2064}'
            | '\u{3164}'
            | '\u{FEFF}'
            | '\u{FFA0}'
    )
}

/// A free text that may span lines (tabs and line breaks allowed, other
/// control characters not).
pub fn multiline_text(field: Field, value: &str, max: usize) -> Result<String, FieldError> {
    let v = value.trim();
    if v.chars()
        .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
    {
        return Err(FieldError::new(
            field,
            Message::new("must not contain control characters"),
        ));
    }
    check_len(field, v, max)?;
    Ok(v.to_string())
}

fn check_len(field: Field, v: &str, max: usize) -> Result<(), FieldError> {
    if v.chars().count() > max {
        return Err(FieldError::new(
            field,
            Message::new("must be at most {max} characters").count("max", max),
        ));
    }
    Ok(())
}

/// An e-mail address shaped like `name@domain.tld`; returned trimmed.
pub fn email(field: Field, value: &str) -> Result<String, FieldError> {
    let v = required_line(field.clone(), value, MAX_EMAIL_CHARS)?;
    let shape = || {
        FieldError::new(
            field.clone(),
            Message::new("must look like name@example.com"),
        )
    };
    let (local, domain) = v.rsplit_once('@').ok_or_else(shape)?;
    let ok = !local.is_empty()
        && !local.contains('@')
        && !v.chars().any(char::is_whitespace)
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains("..");
    if ok { Ok(v) } else { Err(shape()) }
}

/// A conference slug: `^[a-z0-9][a-z0-9-]{1,63}$`.
pub fn slug(value: &str) -> Result<String, FieldError> {
    let v = value.trim();
    let b = v.as_bytes();
    let first_ok = b
        .first()
        .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit());
    let rest_ok = b
        .iter()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == b'-');
    if b.len() < 2 || b.len() > 64 {
        return Err(FieldError::new(
            Field::Slug,
            Message::new("must be 2 to 64 characters"),
        ));
    }
    if !first_ok || !rest_ok {
        return Err(FieldError::new(
            Field::Slug,
            Message::new("only a-z, 0-9 and '-', starting with a letter or digit"),
        ));
    }
    Ok(v.to_string())
}

/// Reads a typed access or order code as it was meant: surrounding spaces
/// dropped, upper case, and I or L read as the digit 1 (Crockford's rule:
/// the alphabet has neither letter, so a 1 is what they stand for). An O or
/// 0 cannot be meant as any character of the alphabet (it has neither): it
/// is left as typed, so [`access_code`] refuses it as a format error. The
/// one place the CLI and the window read codes through.
pub fn normalize_code(value: &str) -> String {
    value
        .trim()
        .chars()
        .map(|c| match c.to_ascii_uppercase() {
            'I' | 'L' => '1',
            other => other,
        })
        .collect()
}

/// A typed code of `len` characters for `field`, read by [`normalize_code`]
/// and refused when it cannot be a code at all (wrong length, O, 0 or
/// another character outside the alphabet). A refusal here is a typing
/// mistake, not a guess: the access guard does not count it as a wrong try.
pub fn access_code(field: Field, value: &str, len: usize) -> Result<String, FieldError> {
    let code = normalize_code(value);
    if is_access_code_shape(&code, len) {
        return Ok(code);
    }
    let rule = if code.contains(['O', '0']) {
        Message::new(
            "must be {n} characters: letters A-Z without I, L or O, digits 1-9 (codes have no O or 0)",
        )
    } else {
        Message::new("must be {n} characters: letters A-Z without I, L or O, digits 1-9")
    }
    .count("n", len);
    Err(FieldError::new(field, rule))
}

/// A calendar date typed exactly as `YYYY-MM-DD` (4, 2 and 2 digits), as
/// every message asking for one says: chrono alone also takes `2026-1-1`
/// and `+2026-01-01`, which a reader of the rule would not expect to work.
/// Surrounding spaces are dropped. `None` when the shape or the date is wrong.
pub fn iso_date(text: &str) -> Option<chrono::NaiveDate> {
    let t = text.trim();
    let b = t.as_bytes();
    let shape_ok = b.len() == 10
        && b.iter().enumerate().all(|(i, c)| match i {
            4 | 7 => *c == b'-',
            _ => c.is_ascii_digit(),
        });
    if !shape_ok {
        return None;
    }
    chrono::NaiveDate::parse_from_str(t, "%Y-%m-%d").ok()
}

/// Whether `code` has the shape of an access code of `len` characters.
pub fn is_access_code_shape(code: &str, len: usize) -> bool {
    code.len() == len && code.bytes().all(|b| ACCESS_CODE_ALPHABET.contains(&b))
}

/// Compares two strings in time independent of where they differ (the
/// length is not secret: every code of a kind has the same length).
pub fn constant_time_eq(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0_u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Suggests a slug from a conference name: "CQRS Summit 2026" →
/// "cqrs-summit-2026", "Journées Été" → "journees-ete". Letters are
/// decomposed (NFKD) and their accents dropped, as the search key does
/// (`app::projections::search_key`, which the domain may not use), "ß" is
/// "ss"; every run of anything else but a-z and 0-9 is one '-', none at
/// either end, at most 64 characters (the slug rule). A name without any
/// Latin letter or digit (Hangul only) suggests nothing: an empty slug,
/// whose rule the form then shows, rather than a made-up transliteration.
pub fn suggest_slug(name: &str) -> String {
    // The search key already drops accents and folds case ("Été" → "ete").
    let mut key = String::new();
    crate::domain::search_key::push_search_key(&mut key, name);
    let mut out = String::new();
    for c in key.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
        if out.len() >= 64 {
            out.truncate(64);
            break;
        }
    }
    out.trim_end_matches('-').to_string()
}

/// A new conference starting before `today`: a warning for its start date,
/// not a refusal. pretix creates events with any dates (organizers enter
/// past events to record them, or fix a typo later), and the dates here
/// only label the conference; so the form says so beside the field and
/// still lets Create through.
pub fn starts_in_the_past(
    start: chrono::NaiveDate,
    today: chrono::NaiveDate,
) -> Option<FieldError> {
    (start < today).then(|| FieldError::new(Field::Start, Message::new("Starts in the past")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slug_rules() {
        assert!(slug("cqrs-2026").is_ok());
        assert!(slug("a").is_err());
        assert!(slug("-abc").is_err());
        assert!(slug("ABC").is_err());
        assert!(slug(&"a".repeat(65)).is_err());
        assert!(slug(&"a".repeat(64)).is_ok());
        assert_eq!(slug("Bad Slug").unwrap_err().field, "slug");
    }

    #[test]
    fn email_shapes() {
        assert!(email(Field::Email, "kim@example.kr").is_ok());
        for bad in [
            "",
            "kim",
            "kim@",
            "@x.com",
            "kim@x",
            "k m@x.com",
            "kim@x..com",
            "a@b@c.com",
        ] {
            assert!(email(Field::Email, bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn lines_refuse_control_characters_and_length() {
        assert!(required_line(Field::Name, "  ", 10).is_err());
        assert!(required_line(Field::Name, "a\nb", 10).is_err());
        assert!(required_line(Field::Name, "김민준", 3).is_ok());
        assert!(required_line(Field::Name, "김민준x", 3).is_err());
        assert!(multiline_text(Field::Description, "a\nb", 10).is_ok());
        assert!(multiline_text(Field::Description, "a\u{7}b", 10).is_err());
    }

    #[test]
    fn names_refuse_separators_bidi_controls_and_invisible_only_text() {
        for bad in [
            "\u{200B}",
            "\u{FEFF}",
            " \u{200B}\u{FEFF} ",
            "\u{3164}",
            "Ana\u{2028}Lima",
            "Ana\u{2029}Lee",
            "Ana\u{202E}amiL",
            "\u{2066}Ana\u{2069}",
        ] {
            let e = required_line(Field::Name, bad, 200).expect_err(bad);
            assert_eq!(e.field, "name", "{bad:?}");
        }
        // Joiners inside a name stay (emoji, Persian), as do direction marks.
        for good in [
            "👩🏽\u{200D}💻 Zoë",
            "می\u{200C}خواهم",
            "שלום\u{200F} Ana",
            "Cher",
        ] {
            assert_eq!(required_line(Field::Name, good, 200).as_deref(), Ok(good));
        }
        assert!(optional_line(Field::Name, "", 200).is_ok());
        assert!(optional_line(Field::Name, "\u{200B}", 200).is_err());
    }

    #[test]
    fn codes_are_read_as_meant_and_misfits_named() {
        assert_eq!(
            access_code(Field::AccessCode, " abc1e ", 5).as_deref(),
            Ok("ABC1E")
        );
        // I and L are read as 1.
        assert_eq!(
            access_code(Field::AccessCode, "ABCiE", 5).as_deref(),
            Ok("ABC1E")
        );
        assert_eq!(
            access_code(Field::AccessCode, "ABClE", 5).as_deref(),
            Ok("ABC1E")
        );
        assert_eq!(
            access_code(Field::OrderCode, "LI2345", 6).as_deref(),
            Ok("112345")
        );
        for bad in ["ABC0E", "ABCOE", "ABCD", "ABCDEF", "AB-DE", "ÀBCDE", ""] {
            let e = access_code(Field::AccessCode, bad, 5).expect_err(bad);
            assert_eq!(e.field, "access code");
            assert!(
                e.rule.to_string().contains("must be 5 characters"),
                "{bad}: {}",
                e.rule
            );
        }
        assert!(
            access_code(Field::AccessCode, "ABCO1", 5)
                .expect_err("O")
                .rule
                .to_string()
                .contains("no O or 0")
        );
    }

    #[test]
    fn dates_are_exactly_four_two_two_digits() {
        assert_eq!(
            iso_date(" 2026-12-01 "),
            chrono::NaiveDate::from_ymd_opt(2026, 12, 1)
        );
        for bad in [
            "2026-1-1",
            "2026-01-1",
            "26-01-01",
            "+2026-01-01",
            "2026/01/01",
            "2026-02-30",
            "2026-13-01",
            "２０２６-01-01",
            "",
        ] {
            assert_eq!(iso_date(bad), None, "{bad}");
        }
    }

    #[test]
    fn constant_time_eq_matches_eq() {
        assert!(constant_time_eq("ABCDE", "ABCDE"));
        assert!(!constant_time_eq("ABCDE", "ABCDF"));
        assert!(!constant_time_eq("ABCDE", "ABCD"));
    }

    #[test]
    fn suggests_slugs() {
        assert_eq!(suggest_slug("CQRS Summit 2026!"), "cqrs-summit-2026");
        assert_eq!(suggest_slug("  Été  "), "ete");
        assert_eq!(
            suggest_slug("Journées Núñez — Straße"),
            "journees-nunez-strasse"
        );
        assert_eq!(suggest_slug("Séoul CQRS 서밋"), "seoul-cqrs");
        assert_eq!(suggest_slug("ＣＱＲＳ　２０２６"), "cqrs-2026");
        // Hangul only: no suggestion, not a transliteration.
        assert_eq!(suggest_slug("서울 밋업"), "");
        let long = suggest_slug(&"ab ".repeat(40));
        assert!(long.len() <= 64 && slug(&long).is_ok(), "{long}");
    }

    #[test]
    fn a_start_before_today_is_a_warning_for_the_start_date() {
        let day = |s: &str| s.parse::<chrono::NaiveDate>().unwrap();
        let w = starts_in_the_past(day("2026-12-02"), day("2026-12-03")).unwrap();
        assert_eq!((w.field, w.rule.key), (Field::Start, "Starts in the past"));
        assert!(starts_in_the_past(day("2026-12-03"), day("2026-12-03")).is_none());
    }
}
