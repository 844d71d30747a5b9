//! One way to make words: a [`Message`] is an English template (its key)
//! with typed arguments. Inner layers say *what* happened with typed values
//! (a count, an amount, an instant, a name); the edges choose the words:
//! `Display` fills the English with the CLI's formats, and the window looks
//! the key up in its language's table and fills it with its own formats
//! (`ui::i18n::say`). Nothing ever parses English text back apart.
//!
//! Templates use `{name}` placeholders, and `{n|seat|seats}` for a word whose
//! form depends on the count `n` (singular for exactly 1, plural otherwise),
//! so English reads "1 seat" and "2 seats" while a language without plural
//! forms simply writes `{n}석`.

use crate::domain::Money;
use chrono::{DateTime, NaiveDate, Utc};
use std::fmt;

/// One typed argument of a [`Message`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Arg {
    /// Text shown as it is (names, e-mails, codes, seat lists).
    Text(String),
    /// A count: formatted by the language, and it chooses plural forms.
    Count(i64),
    /// An amount of money.
    Money(Money),
    /// A moment (the CLI shows `HH:MM UTC`, the window local time).
    Instant(DateTime<Utc>),
    /// A calendar day.
    Date(NaiveDate),
    /// Another message, translated in turn (a field's name, a rule).
    Message(Box<Message>),
    /// Messages joined with `"; "` (a form's field errors).
    List(Vec<Message>),
}

/// An English template with typed arguments; see the module doc.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    /// The English template, which is also the translation key.
    pub key: &'static str,
    /// The placeholders' values, by name.
    pub args: Vec<(&'static str, Arg)>,
}

/// How one language writes a message's parts: its template for a key and
/// its formats for typed values. `Display` uses [`English`]; the window has
/// its own.
pub trait Words {
    /// The template for `key` in this language (the key itself if untranslated).
    fn template(&self, key: &'static str) -> &'static str;
    /// An amount.
    fn money(&self, money: Money) -> String;
    /// A moment.
    fn instant(&self, at: DateTime<Utc>) -> String;
    /// A day.
    fn date(&self, day: NaiveDate) -> String;
    /// A count.
    fn count(&self, n: i64) -> String;
}

/// English as the CLI writes it: amounts as `199.00 USD`, instants as
/// `09:42 UTC`, days as `2026-12-01`, counts as plain digits.
#[derive(Debug, Clone, Copy, Default)]
pub struct English;

impl Words for English {
    fn template(&self, key: &'static str) -> &'static str {
        key
    }
    fn money(&self, money: Money) -> String {
        money.to_string()
    }
    fn instant(&self, at: DateTime<Utc>) -> String {
        format!("{} UTC", at.format("%H:%M"))
    }
    fn date(&self, day: NaiveDate) -> String {
        day.format("%Y-%m-%d").to_string()
    }
    fn count(&self, n: i64) -> String {
        n.to_string()
    }
}

impl Message {
    /// A message with no arguments yet.
    pub fn new(key: &'static str) -> Self {
        Self {
            key,
            args: Vec::new(),
        }
    }

    /// Adds an argument.
    #[must_use]
    pub fn arg(mut self, name: &'static str, value: Arg) -> Self {
        self.args.push((name, value));
        self
    }

    /// Adds a text argument (anything that displays: a name, a path's
    /// `display()`, a code).
    #[must_use]
    pub fn text(self, name: &'static str, value: impl fmt::Display) -> Self {
        self.arg(name, Arg::Text(value.to_string()))
    }

    /// Adds a count (saturating at `i64::MAX`).
    #[must_use]
    pub fn count(self, name: &'static str, n: impl TryInto<i64>) -> Self {
        self.arg(name, Arg::Count(n.try_into().unwrap_or(i64::MAX)))
    }

    /// Adds an amount.
    #[must_use]
    pub fn money(self, name: &'static str, money: Money) -> Self {
        self.arg(name, Arg::Money(money))
    }

    /// Adds a moment.
    #[must_use]
    pub fn instant(self, name: &'static str, at: DateTime<Utc>) -> Self {
        self.arg(name, Arg::Instant(at))
    }

    /// Adds a day.
    #[must_use]
    pub fn date(self, name: &'static str, day: NaiveDate) -> Self {
        self.arg(name, Arg::Date(day))
    }

    /// Adds a nested message (translated with this one).
    #[must_use]
    pub fn message(self, name: &'static str, message: Message) -> Self {
        self.arg(name, Arg::Message(Box::new(message)))
    }

    /// Adds a field's name.
    #[must_use]
    pub fn field(self, name: &'static str, field: &crate::domain::Field) -> Self {
        self.message(name, field.message())
    }

    /// The value of the argument `name`, if given.
    pub fn get(&self, name: &str) -> Option<&Arg> {
        self.args.iter().find(|(n, _)| *n == name).map(|(_, a)| a)
    }

    /// This message in the language `words` writes.
    pub fn render(&self, words: &dyn Words) -> String {
        self.fill(words.template(self.key), words)
    }

    /// `template` (this message's key or its translation) with every
    /// placeholder and plural form filled in `words`' formats. A placeholder
    /// without a value stays as written, so a mistake shows instead of vanishing.
    pub fn fill(&self, template: &str, words: &dyn Words) -> String {
        let mut out = String::with_capacity(template.len() + 16);
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let Some(len) = rest[open..].find('}') else {
                out.push_str(&rest[open..]);
                rest = "";
                break;
            };
            let inner = &rest[open + 1..open + len];
            match self.placeholder(inner, words) {
                Some(v) => out.push_str(&v),
                None => out.push_str(&rest[open..=open + len]),
            }
            rest = &rest[open + len + 1..];
        }
        out.push_str(rest);
        out
    }

    /// The text of `{inner}`: a value, or the form `{n|one|other}` chooses.
    fn placeholder(&self, inner: &str, words: &dyn Words) -> Option<String> {
        let mut parts = inner.split('|');
        let name = parts.next()?;
        let value = self.get(name)?;
        let (one, other) = (parts.next(), parts.next());
        if let (Some(one), Some(other)) = (one, other) {
            let Arg::Count(n) = value else { return None };
            return Some(plural(*n, one, other).to_string());
        }
        Some(match value {
            Arg::Text(t) => t.clone(),
            Arg::Count(n) => words.count(*n),
            Arg::Money(m) => words.money(*m),
            Arg::Instant(t) => words.instant(*t),
            Arg::Date(d) => words.date(*d),
            Arg::Message(m) => m.render(words),
            Arg::List(ms) => ms
                .iter()
                .map(|m| m.render(words))
                .collect::<Vec<_>>()
                .join("; "),
        })
    }
}

/// A message without arguments from a constant key (`ORDER_DENIED.into()`).
impl From<&'static str> for Message {
    fn from(key: &'static str) -> Self {
        Self::new(key)
    }
}

/// The form of a word for the count `n`: `one` for exactly 1, `other`
/// otherwise (English's rule; `{n|seat|seats}` in a template uses it, and
/// so does the CLI's [`counted`](crate::cli::output::counted)).
pub fn plural<'a>(n: i64, one: &'a str, other: &'a str) -> &'a str {
    if n == 1 { one } else { other }
}

/// English with the CLI's formats.
impl fmt::Display for Message {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(&English))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Currency;

    struct Korean;
    impl Words for Korean {
        fn template(&self, key: &'static str) -> &'static str {
            match key {
                "{n} {n|seat|seats} reserved" => "{n}석 예약됨",
                "Payment of {amount} started at {time}" => "{time}에 {amount} 결제 시작",
                "{field}: {rule}" => "{field}: {rule}",
                "name" => "이름",
                "is required" => "필수 항목입니다",
                other => other,
            }
        }
        fn money(&self, m: Money) -> String {
            format!("${}", m.amount_string())
        }
        fn instant(&self, at: DateTime<Utc>) -> String {
            at.format("%H시 %M분").to_string()
        }
        fn date(&self, d: NaiveDate) -> String {
            d.format("%Y년").to_string()
        }
        fn count(&self, n: i64) -> String {
            format!("<{n}>")
        }
    }

    #[test]
    fn english_fills_money_and_times_as_the_cli_prints_them() {
        let at: DateTime<Utc> = "2026-11-25T09:42:00Z".parse().unwrap();
        let m = Message::new("Payment of {amount} started at {time}")
            .money("amount", Money::new(19_900, Currency::USD))
            .instant("time", at);
        assert_eq!(m.to_string(), "Payment of 199.00 USD started at 09:42 UTC");
        assert_eq!(m.render(&Korean), "09시 42분에 $199.00 결제 시작");
    }

    #[test]
    fn counts_choose_the_singular_or_the_plural() {
        let m = |n: i64| Message::new("{n} {n|seat|seats} reserved").count("n", n);
        assert_eq!(m(1).to_string(), "1 seat reserved");
        assert_eq!(m(2).to_string(), "2 seats reserved");
        assert_eq!(m(0).to_string(), "0 seats reserved");
        assert_eq!(m(1).render(&Korean), "<1>석 예약됨");
    }

    #[test]
    fn nested_messages_are_translated_too() {
        let m = Message::new("{field}: {rule}")
            .message("field", Message::new("name"))
            .message("rule", Message::new("is required"));
        assert_eq!(m.to_string(), "name: is required");
        assert_eq!(m.render(&Korean), "이름: 필수 항목입니다");
        let list = Message::new("{all}").arg("all", Arg::List(vec![m.clone(), m]));
        assert_eq!(list.to_string(), "name: is required; name: is required");
    }

    #[test]
    fn a_missing_value_or_a_form_of_a_non_count_stays_visible() {
        assert_eq!(Message::new("{x} and {y").to_string(), "{x} and {y");
        let m = Message::new("{a|one|two}").text("a", "1");
        assert_eq!(m.to_string(), "{a|one|two}");
        let d = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        assert_eq!(
            Message::new("on {d}").date("d", d).to_string(),
            "on 2026-12-01"
        );
    }
}
