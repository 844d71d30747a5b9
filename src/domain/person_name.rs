//! How a person's name is written: given name first in Latin, Greek,
//! Cyrillic and most scripts, family name first in Hangul, Han and kana.
//! The log keeps the two fields apart (`first_name` = given,
//! `last_name` = family); every place that shows a whole name goes through
//! [`display_name`], so "민준" + "김" reads "김 민준" everywhere, as Korean
//! software shows separated given/family fields (with a space).

/// Whether `c` is a Hangul, Han or kana character (syllables, jamo,
/// compatibility jamo, CJK ideographs and extension A, hiragana, katakana).
#[must_use]
pub fn is_family_first_char(c: char) -> bool {
    matches!(c,
        '\u{AC00}'..='\u{D7A3}'
        | '\u{1100}'..='\u{11FF}'
        | '\u{3130}'..='\u{318F}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{3040}'..='\u{30FF}')
}

/// Whether a name whose parts are `first` and `last` is written family
/// name first: any Hangul, Han or kana letter in either part.
#[must_use]
pub fn is_family_first(first: &str, last: &str) -> bool {
    first.chars().chain(last.chars()).any(is_family_first_char)
}

/// A whole name as its script writes it: "Ana Núñez", but "김 민준" for
/// given name "민준" and family name "김". A missing part leaves no stray
/// space.
#[must_use]
pub fn display_name(first: &str, last: &str) -> String {
    let (first, last) = (first.trim(), last.trim());
    let (a, b) = if is_family_first(first, last) {
        (last, first)
    } else {
        (first, last)
    };
    match (a.is_empty(), b.is_empty()) {
        (true, _) => b.to_owned(),
        (_, true) => a.to_owned(),
        _ => format!("{a} {b}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn given_a_hangul_name_then_the_family_name_comes_first() {
        assert_eq!(display_name("민준", "김"), "김 민준");
    }

    #[test]
    fn given_han_or_kana_names_then_the_family_name_comes_first() {
        assert_eq!(display_name("太郎", "山田"), "山田 太郎");
        assert_eq!(display_name("たろう", "やまだ"), "やまだ たろう");
        assert_eq!(display_name("小明", "王"), "王 小明");
    }

    #[test]
    fn given_latin_greek_or_cyrillic_names_then_the_given_name_comes_first() {
        assert_eq!(display_name("Ana", "Núñez"), "Ana Núñez");
        assert_eq!(display_name("Σίσυφος", "Αιολίδης"), "Σίσυφος Αιολίδης");
        assert_eq!(display_name("Иван", "Петров"), "Иван Петров");
    }

    #[test]
    fn given_one_part_missing_then_no_stray_space() {
        assert_eq!(display_name("Cher", ""), "Cher");
        assert_eq!(display_name("", "김"), "김");
        assert_eq!(display_name("  ", " "), "");
    }
}
