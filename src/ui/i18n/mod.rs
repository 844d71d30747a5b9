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
//! - A text without values: `tr("…")`. A text with values, and every
//!   message of the app, domain and store layers: a
//!   [`Message`](crate::domain::Message) (English template + typed
//!   arguments) shown with [`say`], which translates the key and fills in
//!   money, times, dates and counts in the language's own formats. Add the
//!   Korean to `ko.rs`; `tests.rs` names every `tr("…")` and
//!   `Message::new("…")` without Korean, every unused Korean entry, and every
//!   label, button, heading… given an English literal without `tr`.
//! - Dates and money go through [`format`](mod@format), never `Display` or `strftime`.

pub mod format;
mod ko;
#[cfg(test)]
mod tests;

use crate::domain::message::Words;
use crate::domain::{Message, Money};
use chrono::{DateTime, NaiveDate, Utc};
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

/// `message` in the current language: its key translated, its values in the
/// language's formats (times in this computer's time zone).
pub fn say(message: &Message) -> String {
    message.render(&Window(lang()))
}

/// `message` in `lang`.
pub fn say_in(lang: Lang, message: &Message) -> String {
    message.render(&Window(lang))
}

/// The current language's words, for text written beyond the screen (a
/// mail queued in the outbox).
pub fn words() -> impl Words {
    Window(lang())
}

/// `lang`'s words (see [`words`]).
pub fn words_in(lang: Lang) -> impl Words {
    Window(lang)
}

/// How the window writes a message in one language.
struct Window(Lang);

impl Words for Window {
    fn template(&self, key: &'static str) -> &'static str {
        match self.0 {
            Lang::En => key,
            Lang::Ko => ko::lookup(key).unwrap_or(key),
        }
    }
    fn money(&self, money: Money) -> String {
        format::money_in(self.0, money)
    }
    fn instant(&self, at: DateTime<Utc>) -> String {
        format::time(format::local(at).time())
    }
    fn date(&self, day: NaiveDate) -> String {
        format::date_in(self.0, day)
    }
    fn count(&self, n: i64) -> String {
        format::count(n)
    }
}
