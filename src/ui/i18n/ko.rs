//! The Korean half of the translation table: English text → 한국어.

/// Korean for `english`, if the table has it.
pub(super) fn lookup(english: &str) -> Option<&'static str> {
    TABLE
        .binary_search_by(|(en, _)| (*en).cmp(english))
        .ok()
        .and_then(|i| TABLE.get(i))
        .map(|(_, ko)| *ko)
}

/// Sorted by the English text (a test checks the order).
pub(super) static TABLE: &[(&str, &str)] = &[("Check in", "체크인")];
