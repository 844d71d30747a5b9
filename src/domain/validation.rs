//! Field rules shared by every aggregate: text lengths, e-mail shape, slugs,
//! access-code shape. Each check returns a [`FieldError`] naming the field
//! and the rule, so any caller can show it beside the input.

use crate::domain::FieldError;

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

/// A required single-line text: trimmed, non-empty, no control characters,
/// at most `max` characters. Returns the trimmed text.
pub fn required_line(field: &str, value: &str, max: usize) -> Result<String, FieldError> {
    let v = value.trim();
    if v.is_empty() {
        return Err(FieldError::new(field, "is required"));
    }
    optional_line(field, v, max)
}

/// An optional single-line text (may be empty).
pub fn optional_line(field: &str, value: &str, max: usize) -> Result<String, FieldError> {
    let v = value.trim();
    if v.chars().any(char::is_control) {
        return Err(FieldError::new(
            field,
            "must be one line without control characters (tabs, line breaks)",
        ));
    }
    check_len(field, v, max)?;
    Ok(v.to_string())
}

/// A free text that may span lines (tabs and line breaks allowed, other
/// control characters not).
pub fn multiline_text(field: &str, value: &str, max: usize) -> Result<String, FieldError> {
    let v = value.trim();
    if v.chars()
        .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
    {
        return Err(FieldError::new(
            field,
            "must not contain control characters",
        ));
    }
    check_len(field, v, max)?;
    Ok(v.to_string())
}

fn check_len(field: &str, v: &str, max: usize) -> Result<(), FieldError> {
    if v.chars().count() > max {
        return Err(FieldError::new(
            field,
            format!("must be at most {max} characters"),
        ));
    }
    Ok(())
}

/// An e-mail address shaped like `name@domain.tld`; returned trimmed.
pub fn email(field: &str, value: &str) -> Result<String, FieldError> {
    let v = required_line(field, value, MAX_EMAIL_CHARS)?;
    let shape = || FieldError::new(field, "must look like name@example.com");
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
        return Err(FieldError::new("slug", "must be 2 to 64 characters"));
    }
    if !first_ok || !rest_ok {
        return Err(FieldError::new(
            "slug",
            "only a-z, 0-9 and '-', starting with a letter or digit",
        ));
    }
    Ok(v.to_string())
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

/// Suggests a slug from a conference name: "CQRS Summit 2026" → "cqrs-summit-2026".
pub fn suggest_slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
        if out.len() >= 64 {
            break;
        }
    }
    out.trim_end_matches('-').to_string()
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
        assert!(email("email", "kim@example.kr").is_ok());
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
            assert!(email("email", bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn lines_refuse_control_characters_and_length() {
        assert!(required_line("name", "  ", 10).is_err());
        assert!(required_line("name", "a\nb", 10).is_err());
        assert!(required_line("name", "김민준", 3).is_ok());
        assert!(required_line("name", "김민준x", 3).is_err());
        assert!(multiline_text("description", "a\nb", 10).is_ok());
        assert!(multiline_text("description", "a\u{7}b", 10).is_err());
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
        assert_eq!(suggest_slug("  Été  "), "t");
    }
}
