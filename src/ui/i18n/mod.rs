//! One translation table for every piece of interface text.
//!
//! English is the key: screens write `tr("Check in")`, and the Korean table
//! (`ko.rs`) maps that English text to its translation. A test scans the
//! sources for every `tr("…")` and fails when a string has no Korean entry,
//! so a missing translation is caught before it reaches a desk.
//!
//! The language is per thread (the window draws on one thread; each headless
//! test has its own), set from the system locale at start-up or from the menu.

mod ko;

use std::cell::Cell;

/// An interface language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    /// English.
    En,
    /// Korean (한국어).
    Ko,
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
