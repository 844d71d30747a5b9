//! Dates, times and money as each language writes them. Screens call these
//! instead of `Display` or `strftime`, so a Korean desk reads
//! `2026년 12월 1일` and `₩199,000` while an English one reads `1 Dec 2026`
//! and `€1,197.00`. Amounts always keep their currency's minor-unit count
//! (KRW 0, EUR 2, BHD 3): the digits come from [`Money::amount_string`].

use crate::domain::Money;
use crate::ui::i18n::{Lang, lang};
use chrono::{DateTime, Datelike, Local, NaiveDate, NaiveDateTime, NaiveTime, Utc, Weekday};

/// Currencies written with a symbol instead of their code.
const SYMBOLS: &[(&str, &str)] = &[
    ("EUR", "€"),
    ("GBP", "£"),
    ("JPY", "¥"),
    ("KRW", "₩"),
    ("USD", "$"),
];

/// English month abbreviations (chrono's `%b`, but without a locale).
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// `money` in the current language.
pub fn money(money: Money) -> String {
    money_in(lang(), money)
}

/// `money` in `lang`: a symbol before the amount where the currency has a
/// common one (`€1,197.00`, `₩199,000`, `$12.50`), else the code — before
/// the amount in English (`CHF 1,197.00`), after it in Korean
/// (`1,197.00 CHF`). Thousands are grouped with commas.
pub fn money_in(lang: Lang, money: Money) -> String {
    let plain = money.amount_string();
    let (sign, digits) = match plain.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", plain.as_str()),
    };
    let (whole, frac) = match digits.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (digits, None),
    };
    let mut amount = group_thousands(whole);
    if let Some(f) = frac {
        amount.push('.');
        amount.push_str(f);
    }
    let code = money.currency.code();
    match (SYMBOLS.iter().find(|(c, _)| *c == code), lang) {
        (Some((_, symbol)), _) => format!("{sign}{symbol}{amount}"),
        (None, Lang::En) => format!("{sign}{code} {amount}"),
        (None, Lang::Ko) => format!("{sign}{amount} {code}"),
    }
}

/// A whole number with its thousands grouped: `-1234567` → `-1,234,567`
/// (the same in Korean). Every count a screen shows goes through here (or a
/// [`Message`](crate::domain::Message) count, which does), never `{}`.
pub fn count(n: impl TryInto<i64>) -> String {
    let n: i64 = n.try_into().unwrap_or(i64::MAX);
    let digits = n.unsigned_abs().to_string();
    let sign = if n < 0 { "-" } else { "" };
    format!("{sign}{}", group_thousands(&digits))
}

/// `1234567` → `1,234,567`.
fn group_thousands(digits: &str) -> String {
    let n = digits.len();
    let mut out = String::with_capacity(n + n / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (n - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A day in the current language.
pub fn date(day: NaiveDate) -> String {
    date_in(lang(), day)
}

/// A day in `lang`: `1 Dec 2026`, `2026년 12월 1일`.
pub fn date_in(lang: Lang, day: NaiveDate) -> String {
    match lang {
        Lang::En => format!("{} {} {}", day.day(), month_abbrev(day), day.year()),
        Lang::Ko => format!("{}년 {}월 {}일", day.year(), day.month(), day.day()),
    }
}

/// A day with its weekday in the current language.
pub fn weekday_date(day: NaiveDate) -> String {
    weekday_date_in(lang(), day)
}

/// A day with its weekday in `lang`: `Tue 1 Dec 2026`, `2026년 12월 1일 (화)`.
pub fn weekday_date_in(lang: Lang, day: NaiveDate) -> String {
    match lang {
        Lang::En => format!("{} {}", day.weekday(), date_in(lang, day)),
        Lang::Ko => format!("{} ({})", date_in(lang, day), korean_weekday(day.weekday())),
    }
}

/// A time of day, the same in both languages: `09:42`.
pub fn time(t: NaiveTime) -> String {
    t.format("%H:%M").to_string()
}

/// A time of day with seconds: `09:42:07`.
pub fn time_secs(t: NaiveTime) -> String {
    t.format("%H:%M:%S").to_string()
}

/// When something ends (a lock, a hold) on this machine's clock face, to
/// the second: a lock that ends at 09:13:18 must not read "until 09:13"
/// while it still holds at 09:13:05.
pub fn until(at: DateTime<Utc>) -> String {
    time_secs(local(at).time())
}

/// A day and time in the current language.
pub fn date_time(at: NaiveDateTime) -> String {
    date_time_in(lang(), at)
}

/// A day and time in `lang`: `1 Dec 2026 09:42`, `2026년 12월 1일 09:42`.
pub fn date_time_in(lang: Lang, at: NaiveDateTime) -> String {
    format!("{} {}", date_in(lang, at.date()), time(at.time()))
}

/// A stored instant on this machine's clock face (what the desk shows).
pub fn local(at: DateTime<Utc>) -> NaiveDateTime {
    at.with_timezone(&Local).naive_local()
}

fn month_abbrev(day: NaiveDate) -> &'static str {
    // month0() is 0..=11 by chrono's contract; the fallback is never used.
    MONTHS.get(day.month0() as usize).copied().unwrap_or("?")
}

fn korean_weekday(w: Weekday) -> &'static str {
    match w {
        Weekday::Mon => "월",
        Weekday::Tue => "화",
        Weekday::Wed => "수",
        Weekday::Thu => "목",
        Weekday::Fri => "금",
        Weekday::Sat => "토",
        Weekday::Sun => "일",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Currency;

    fn m(minor: i64, code: &str) -> Money {
        Money::new(minor, Currency::parse(code).unwrap())
    }

    #[test]
    fn money_in_english() {
        assert_eq!(money_in(Lang::En, m(119_700, "EUR")), "€1,197.00");
        assert_eq!(money_in(Lang::En, m(199_000, "KRW")), "₩199,000");
        assert_eq!(money_in(Lang::En, m(1250, "USD")), "$12.50");
        assert_eq!(money_in(Lang::En, m(119_700, "CHF")), "CHF 1,197.00");
        assert_eq!(money_in(Lang::En, m(1_234_567, "BHD")), "BHD 1,234.567");
        assert_eq!(money_in(Lang::En, m(5, "BHD")), "BHD 0.005");
        assert_eq!(money_in(Lang::En, m(0, "JPY")), "¥0");
        assert_eq!(money_in(Lang::En, m(-500, "EUR")), "-€5.00");
        assert_eq!(money_in(Lang::En, m(100_000_000, "KRW")), "₩100,000,000");
    }

    #[test]
    fn money_in_korean() {
        assert_eq!(money_in(Lang::Ko, m(199_000, "KRW")), "₩199,000");
        assert_eq!(money_in(Lang::Ko, m(119_700, "EUR")), "€1,197.00");
        assert_eq!(money_in(Lang::Ko, m(119_700, "CHF")), "1,197.00 CHF");
        assert_eq!(money_in(Lang::Ko, m(1_234_567, "BHD")), "1,234.567 BHD");
        assert_eq!(money_in(Lang::Ko, m(999, "BHD")), "0.999 BHD");
    }

    #[test]
    fn the_desk_fonts_have_every_currency_symbol() {
        let ctx = eframe::egui::Context::default();
        crate::ui::fonts::install(&ctx);
        ctx.run_ui(eframe::egui::RawInput::default(), |_| {})
            .textures_delta
            .clear();
        let font = eframe::egui::FontId::proportional(14.0);
        for (_, symbol) in SYMBOLS {
            for c in symbol.chars() {
                assert!(ctx.fonts_mut(|f| f.has_glyph(&font, c)), "no glyph for {c}");
            }
        }
    }

    #[test]
    fn counts_are_grouped_by_thousands() {
        assert_eq!(count(0), "0");
        assert_eq!(count(999), "999");
        assert_eq!(count(1000), "1,000");
        assert_eq!(count(33_149_u64), "33,149");
        assert_eq!(count(10_000_usize), "10,000");
        assert_eq!(count(-1_234_567), "-1,234,567");
        assert_eq!(count(u64::MAX), count(i64::MAX));
    }

    #[test]
    fn an_end_is_shown_to_the_second() {
        let at: DateTime<Utc> = "2026-11-25T09:13:18Z".parse().unwrap();
        assert_eq!(until(at), time_secs(local(at).time()));
        assert!(until(at).ends_with(":13:18"), "{}", until(at));
    }

    #[test]
    fn dates_in_both_languages() {
        let d = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        assert_eq!(date_in(Lang::En, d), "1 Dec 2026");
        assert_eq!(date_in(Lang::Ko, d), "2026년 12월 1일");
        assert_eq!(weekday_date_in(Lang::En, d), "Tue 1 Dec 2026");
        assert_eq!(weekday_date_in(Lang::Ko, d), "2026년 12월 1일 (화)");
        let j = NaiveDate::from_ymd_opt(2027, 1, 31).unwrap();
        assert_eq!(date_in(Lang::En, j), "31 Jan 2027");
        assert_eq!(date_in(Lang::Ko, j), "2027년 1월 31일");
    }

    #[test]
    fn times_and_date_times_in_both_languages() {
        let at = NaiveDate::from_ymd_opt(2026, 12, 1)
            .unwrap()
            .and_hms_opt(9, 42, 7)
            .unwrap();
        assert_eq!(time(at.time()), "09:42");
        assert_eq!(time_secs(at.time()), "09:42:07");
        assert_eq!(date_time_in(Lang::En, at), "1 Dec 2026 09:42");
        assert_eq!(date_time_in(Lang::Ko, at), "2026년 12월 1일 09:42");
    }
}
