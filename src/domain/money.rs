//! Money as integer minor units plus an ISO 4217 currency code. Never floats:
//! amounts are parsed from and printed as decimal strings using the
//! currency's own minor-unit count (EUR 2, KRW 0, BHD 3).

use crate::domain::{Field, FieldError, Message};
use serde::{Deserialize, Serialize};
use std::fmt;

/// Largest amount accepted anywhere (in minor units): far above any real
/// ticket price or order total, far below `i64::MAX` so sums cannot overflow.
pub const MAX_MINOR: i64 = 1_000_000_000_000_000;

/// ISO 4217 codes this desk knows, with their minor-unit counts.
const CURRENCIES: &[(&str, u8)] = &[
    ("AUD", 2),
    ("BHD", 3),
    ("BRL", 2),
    ("CAD", 2),
    ("CHF", 2),
    ("CLP", 0),
    ("CNY", 2),
    ("CZK", 2),
    ("DKK", 2),
    ("EUR", 2),
    ("GBP", 2),
    ("HKD", 2),
    ("HUF", 2),
    ("IDR", 2),
    ("ILS", 2),
    ("INR", 2),
    ("ISK", 0),
    ("JOD", 3),
    ("JPY", 0),
    ("KRW", 0),
    ("KWD", 3),
    ("MXN", 2),
    ("NOK", 2),
    ("NZD", 2),
    ("PLN", 2),
    ("SEK", 2),
    ("SGD", 2),
    ("THB", 2),
    ("TND", 3),
    ("TRY", 2),
    ("TWD", 2),
    ("UAH", 2),
    ("USD", 2),
    ("VND", 0),
    ("ZAR", 2),
];

/// An ISO 4217 currency code known to this desk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Currency([u8; 3]);

impl Currency {
    /// Euro.
    pub const EUR: Currency = Currency(*b"EUR");
    /// US dollar.
    pub const USD: Currency = Currency(*b"USD");
    /// South Korean won (no minor unit).
    pub const KRW: Currency = Currency(*b"KRW");

    /// Parses a code such as `"eur"` or `"KRW"`.
    pub fn parse(code: &str) -> Result<Self, FieldError> {
        let upper = code.trim().to_ascii_uppercase();
        CURRENCIES
            .iter()
            .find(|(c, _)| *c == upper)
            .and_then(|(c, _)| c.as_bytes().try_into().ok())
            .map(Currency)
            .ok_or_else(|| {
                FieldError::new(
                    Field::Currency,
                    Message::new(
                        "'{code}' is not an ISO 4217 code this desk knows (e.g. EUR, USD, KRW)",
                    )
                    .text("code", code),
                )
            })
    }

    /// The three-letter code.
    pub fn code(&self) -> &str {
        std::str::from_utf8(&self.0).unwrap_or("???")
    }

    /// Digits after the decimal point (2 for EUR, 0 for KRW). An unknown code
    /// (only possible from a hand-made log) is treated as 2.
    pub fn minor_units(&self) -> u8 {
        CURRENCIES
            .iter()
            .find(|(c, _)| c.as_bytes() == self.0)
            .map_or(2, |(_, m)| *m)
    }

    fn scale(&self) -> i64 {
        10_i64.pow(u32::from(self.minor_units()))
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// An amount in minor units of a currency.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Money {
    /// Amount in minor units (cents for EUR, won for KRW).
    pub minor: i64,
    /// The currency.
    pub currency: Currency,
}

impl Money {
    /// An amount in minor units.
    pub fn new(minor: i64, currency: Currency) -> Self {
        Self { minor, currency }
    }

    /// Zero in `currency`.
    pub fn zero(currency: Currency) -> Self {
        Self::new(0, currency)
    }

    /// Parses a non-negative decimal such as `"199"`, `"199.5"` or `"199.00"`
    /// with at most the currency's minor-unit digits. `field` names the input
    /// in the error.
    pub fn parse(text: &str, currency: Currency, field: Field) -> Result<Self, FieldError> {
        let t = text.trim();
        let digits = currency.minor_units();
        let bad = || {
            let example = if digits == 0 {
                "199000".to_string()
            } else {
                format!("199.{}", "0".repeat(usize::from(digits)))
            };
            FieldError::new(
                field.clone(),
                Message::new(
                    "'{text}' is not an amount in {currency}: use digits with at most {digits} decimals, e.g. {example}",
                )
                .text("text", truncate_for_message(text))
                .text("currency", currency.code())
                .count("digits", digits)
                .text("example", example),
            )
        };
        if t.starts_with('-') {
            return Err(FieldError::new(
                field.clone(),
                Message::new("must be 0 or more"),
            ));
        }
        let (whole, frac) = match t.split_once('.') {
            Some((w, f)) => (w, f),
            None => (t, ""),
        };
        let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if whole.is_empty() || !all_digits(whole) || !all_digits(frac) {
            return Err(bad());
        }
        if frac.len() > usize::from(digits) || (t.contains('.') && frac.is_empty()) {
            return Err(bad());
        }
        let too_big = || {
            FieldError::new(
                field.clone(),
                Message::new("must be at most {amount}")
                    .money("amount", Money::new(MAX_MINOR, currency)),
            )
        };
        let whole: i64 = whole.parse().map_err(|_| too_big())?;
        let mut frac_minor: i64 = if frac.is_empty() {
            0
        } else {
            frac.parse().map_err(|_| bad())?
        };
        for _ in frac.len()..usize::from(digits) {
            frac_minor *= 10;
        }
        let minor = whole
            .checked_mul(currency.scale())
            .and_then(|w| w.checked_add(frac_minor))
            .filter(|m| *m <= MAX_MINOR)
            .ok_or_else(too_big)?;
        Ok(Self::new(minor, currency))
    }

    /// The amount as a plain decimal string without the code: `"995.00"`, `"199000"`.
    pub fn amount_string(&self) -> String {
        let digits = usize::from(self.currency.minor_units());
        let sign = if self.minor < 0 { "-" } else { "" };
        let abs = self.minor.unsigned_abs();
        if digits == 0 {
            return format!("{sign}{abs}");
        }
        let scale = self.currency.scale().unsigned_abs();
        format!("{sign}{}.{:0digits$}", abs / scale, abs % scale)
    }

    /// `self × quantity`, or `None` on overflow past [`MAX_MINOR`].
    pub fn times(&self, quantity: u32) -> Option<Money> {
        self.minor
            .checked_mul(i64::from(quantity))
            .filter(|m| m.abs() <= MAX_MINOR)
            .map(|m| Money::new(m, self.currency))
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.amount_string(), self.currency)
    }
}

/// Shortens a user's text for quoting in an error message.
pub(crate) fn truncate_for_message(text: &str) -> String {
    const MAX: usize = 40;
    if text.chars().count() <= MAX {
        text.to_string()
    } else {
        let head: String = text.chars().take(MAX).collect();
        format!("{head}…")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints_two_decimal_currencies() {
        let m = Money::parse("199.5", Currency::EUR, Field::Price).unwrap();
        assert_eq!(m.minor, 19950);
        assert_eq!(m.amount_string(), "199.50");
        assert_eq!(
            Money::parse("995", Currency::USD, Field::Price)
                .unwrap()
                .amount_string(),
            "995.00"
        );
        assert_eq!(
            Money::parse("0.07", Currency::USD, Field::Price)
                .unwrap()
                .minor,
            7
        );
    }

    #[test]
    fn krw_has_no_minor_units() {
        let m = Money::parse("199000", Currency::KRW, Field::Price).unwrap();
        assert_eq!(m.minor, 199_000);
        assert_eq!(m.amount_string(), "199000");
        let e = Money::parse("1.5", Currency::KRW, Field::Price).unwrap_err();
        assert!(e.to_string().starts_with("price: "), "{e}");
        assert!(e.rule.to_string().contains("0 decimals"), "{e}");
    }

    #[test]
    fn refuses_negative_garbage_and_huge_amounts() {
        for bad in [
            "-1",
            "",
            "abc",
            "1.234",
            "1.",
            ".5",
            "1e3",
            "1,00",
            "99999999999999999999",
        ] {
            let e = Money::parse(bad, Currency::EUR, Field::Price).unwrap_err();
            assert_eq!(e.field, "price", "{bad}");
        }
    }

    #[test]
    fn unknown_currency_is_named() {
        let e = Currency::parse("XYZ").unwrap_err();
        assert_eq!(e.field, "currency");
        assert_eq!(Currency::parse("krw").unwrap(), Currency::KRW);
    }

    #[test]
    fn times_overflows_to_none() {
        assert_eq!(
            Money::new(19900, Currency::USD).times(3).unwrap().minor,
            59700
        );
        assert!(Money::new(MAX_MINOR, Currency::USD).times(2).is_none());
    }
}
