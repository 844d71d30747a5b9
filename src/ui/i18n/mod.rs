//! One translation table for every piece of interface text.
//!
//! English is the key: screens write `tr("Check in")`, and the Korean table
//! (`ko.rs`) maps that English text to its translation. A test scans the
//! sources for every `tr("…")` and fails when a string has no Korean entry,
//! so a missing translation is caught before it reaches a desk.
//!
//! The language is per thread (the window draws on one thread; each headless
//! test has its own), set from the system locale at start-up or from the menu.
//!
//! - A new string: write `tr("…")` (values as `{placeholders}`, filled with
//!   `str::replace`) and add its Korean to `ko.rs`; `tests.rs` names every
//!   string without Korean, every unused Korean entry, and every label,
//!   button, heading… given an English literal without `tr`.
//! - Messages of the app and domain layers go through [`tr_dynamic`].
//! - Dates and money go through [`format`](mod@format), never `Display` or `strftime`.

mod dynamic;
pub mod format;
mod ko;
#[cfg(test)]
mod tests;

pub use dynamic::tr_dynamic;

use std::cell::Cell;

/// An interface language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    /// English.
    En,
    /// Korean (한국어).
    Ko,
}

impl Lang {
    /// Every language, in menu order.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Ko];

    /// The language's name in itself, as the menu shows it (never translated).
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Ko => "한국어",
        }
    }

    /// The code stored in the settings file: `"en"`, `"ko"`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ko => "ko",
        }
    }

    /// The language of a stored code, if known.
    pub fn from_code(code: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|l| l.code() == code)
    }

    /// The language for a system locale such as `ko-KR` or `en_US.UTF-8`:
    /// Korean for any `ko…`, else English.
    pub fn for_locale(locale: &str) -> Lang {
        if locale.trim().to_ascii_lowercase().starts_with("ko") {
            Lang::Ko
        } else {
            Lang::En
        }
    }
}

/// The system locale (`ko-KR`, `en-US`…), if the platform reports one.
pub fn system_locale() -> Option<String> {
    sys_locale::get_locale()
}

thread_local! {
    static CURRENT: Cell<Lang> = const { Cell::new(Lang::En) };
}

/// The language screens on this thread draw in.
pub fn lang() -> Lang {
    CURRENT.with(Cell::get)
}

/// Switches this thread's interface language.
pub fn set_lang(lang: Lang) {
    CURRENT.with(|c| c.set(lang));
}

/// `english` in the current language. Placeholders such as `{time}` are kept
/// as they are; fill them with `str::replace` after translating.
pub fn tr(english: &'static str) -> &'static str {
    match lang() {
        Lang::En => english,
        Lang::Ko => ko::lookup(english).unwrap_or(english),
    }
}
