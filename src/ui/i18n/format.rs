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

// Chart axes (issue 16, item 8): short days and compact amounts, so a tick
// label stays a few characters wide in either language.

/// A day without its year, for a chart axis, in the current language.
pub fn short_date(day: NaiveDate) -> String {
    short_date_in(lang(), day)
}

/// A day without its year in `lang`: `25 Nov`, `11월 25일`.
pub fn short_date_in(lang: Lang, day: NaiveDate) -> String {
    match lang {
        Lang::En => format!("{} {}", day.day(), month_abbrev(day)),
        Lang::Ko => format!("{}월 {}일", day.month(), day.day()),
    }
}

/// A money tick of a chart axis in the current language; see
/// [`axis_money_in`].
pub fn axis_money(value_minor: i64, step_minor: i64, currency: crate::domain::Currency) -> String {
    axis_money_in(lang(), value_minor, step_minor, currency)
}

/// A money tick of a chart axis in `lang`, compact in the language's own
/// units: English groups by thousands (`$1.5K`, `€2M`, `$1.25B`), Korean by
/// ten thousands (`₩120만`, `₩1.5억`, `₩3조`); smaller amounts are written
/// whole (`$200`, `₩5,000`), with the currency's decimals only when the
/// ticks need them (`$0.50`). `step_minor`, the distance between ticks,
/// sets how many decimals tell neighbouring ticks apart (at most 3).
pub fn axis_money_in(
    lang: Lang,
    value_minor: i64,
    step_minor: i64,
    currency: crate::domain::Currency,
) -> String {
    let scale = 10_i128.pow(u32::from(currency.minor_units()));
    let (abs, step) = (i128::from(value_minor).abs(), i128::from(step_minor).abs());
    let units: &[(i128, &str)] = match lang {
        Lang::En => &[(1_000_000_000, "B"), (1_000_000, "M"), (1_000, "K")],
        Lang::Ko => &[
            (1_000_000_000_000, "조"),
            (100_000_000, "억"),
            (10_000, "만"),
        ],
    };
    let amount = match units.iter().find(|(unit, _)| abs >= unit * scale) {
        Some((unit, suffix)) => {
            let unit_minor = unit * scale;
            let decimals = (0..=3_u32)
                .find(|d| (step * 10_i128.pow(*d)) % unit_minor == 0)
                .unwrap_or(3);
            let shifted = (abs * 10_i128.pow(decimals) + unit_minor / 2) / unit_minor;
            format!("{}{suffix}", decimal_digits(shifted, decimals))
        }
        None if abs % scale == 0 && step % scale == 0 => {
            group_thousands(&(abs / scale).to_string())
        }
        // Ticks less than a major unit apart: every decimal, as on a price.
        None => format!(
            "{}.{:0width$}",
            group_thousands(&(abs / scale).to_string()),
            abs % scale,
            width = usize::from(currency.minor_units())
        ),
    };
    let sign = if value_minor < 0 { "-" } else { "" };
    let code = currency.code();
    match (SYMBOLS.iter().find(|(c, _)| *c == code), lang) {
        (Some((_, symbol)), _) => format!("{sign}{symbol}{amount}"),
        (None, Lang::En) => format!("{sign}{code} {amount}"),
        (None, Lang::Ko) => format!("{sign}{amount} {code}"),
    }
}

/// `n / 10^decimals` written out, the whole part grouped by thousands and
/// trailing zero decimals dropped: `(12345, 2)` → `123.45`, `(1500, 3)` → `1.5`.
fn decimal_digits(n: i128, decimals: u32) -> String {
    let div = 10_i128.pow(decimals);
    let whole = group_thousands(&(n / div).to_string());
    let frac = format!("{:0width$}", n % div, width = decimals as usize);
    let frac = frac.trim_end_matches('0');
    if frac.is_empty() {
        whole
    } else {
        format!("{whole}.{frac}")
    }
}

#[cfg(test)]
mod axis_tests {
    use super::*;
    use crate::domain::Currency;

    fn c(code: &str) -> Currency {
        Currency::parse(code).unwrap()
    }

    #[test]
    fn short_dates_in_both_languages() {
        let d = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        assert_eq!(short_date_in(Lang::En, d), "25 Nov");
        assert_eq!(short_date_in(Lang::Ko, d), "11월 25일");
    }

    #[test]
    fn english_money_ticks_are_compact_by_thousands() {
        let usd = c("USD");
        let en = |v, step| axis_money_in(Lang::En, v, step, usd);
        assert_eq!(en(0, 20_000), "$0");
        assert_eq!(en(20_000, 20_000), "$200");
        assert_eq!(en(50, 50), "$0.50");
        assert_eq!(en(100_000, 50_000), "$1K");
        assert_eq!(en(150_000, 50_000), "$1.5K");
        assert_eq!(en(125_000, 25_000), "$1.25K");
        assert_eq!(en(48_000_000, 10_000_000), "$480K");
        assert_eq!(en(120_000_000, 20_000_000), "$1.2M");
        assert_eq!(en(-150_000, 50_000), "-$1.5K");
        assert_eq!(
            axis_money_in(Lang::En, 3_000_000, 1_000_000, c("CHF")),
            "CHF 30K"
        );
        assert_eq!(
            axis_money_in(Lang::En, 2_000_000_000, 1_000_000_000, c("KRW")),
            "₩2B"
        );
    }

    #[test]
    fn korean_money_ticks_are_compact_by_ten_thousands() {
        let krw = c("KRW");
        let ko = |v, step| axis_money_in(Lang::Ko, v, step, krw);
        assert_eq!(ko(5_000, 1_000), "₩5,000");
        assert_eq!(ko(10_000, 5_000), "₩1만");
        assert_eq!(ko(15_000, 5_000), "₩1.5만");
        assert_eq!(ko(1_200_000, 200_000), "₩120만");
        assert_eq!(ko(99_990_000, 10_000), "₩9,999만");
        assert_eq!(ko(150_000_000, 50_000_000), "₩1.5억");
        assert_eq!(ko(3_000_000_000_000, 1_000_000_000_000), "₩3조");
        assert_eq!(
            axis_money_in(Lang::Ko, 3_000_000, 1_000_000, c("CHF")),
            "3만 CHF"
        );
        assert_eq!(
            axis_money_in(Lang::Ko, 40_000_000, 10_000_000, c("USD")),
            "$40만"
        );
    }

    #[test]
    fn extreme_amounts_and_steps_do_not_overflow() {
        let usd = c("USD");
        let big = axis_money_in(Lang::En, i64::MAX, i64::MAX, usd);
        assert!(big.starts_with('$') && big.ends_with('B'), "{big}");
        let small = axis_money_in(Lang::Ko, i64::MIN, 1, c("BHD"));
        assert!(small.starts_with('-') && small.ends_with("BHD"), "{small}");
        assert_eq!(axis_money_in(Lang::En, 0, 0, usd), "$0");
    }
}
