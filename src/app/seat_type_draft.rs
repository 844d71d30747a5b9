//! A seat type as people type it — in the window's seat-type row or on the
//! command line — and the one place its text becomes the domain's input.
//!
//! Four shapes of a seat type exist, each for one purpose: [`SeatTypeDraft`]
//! and [`SeatTypeChanges`] here (text, as typed), the domain command's
//! [`SeatInput`] (typed values the aggregate validates: a quota may still be
//! out of range, so the aggregate can name the rule), the stored event
//! payload `SeatInfo` (validated, never changed) and the read model's
//! `SeatTypeView` (with the live counts). Quota and price are parsed only
//! here, the price in the conference's currency; every other rule (name,
//! range, sign, currency) is the aggregate's.

use crate::app::AppError;
use crate::app::projections::SeatTypeView;
use crate::domain::conference::SeatInput;
use crate::domain::{Currency, Field, FieldError, Message, Money};

/// A new seat type as typed: every field is text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SeatTypeDraft {
    /// Name.
    pub name: String,
    /// Description.
    pub description: String,
    /// Seats on sale, e.g. `"100"`.
    pub quota: String,
    /// Price in the conference's currency, e.g. `"199.00"`.
    pub price: String,
}

/// Changes to a seat type as typed; `None` keeps the current value.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SeatTypeChanges {
    /// New name.
    pub name: Option<String>,
    /// New description.
    pub description: Option<String>,
    /// New quota, as typed.
    pub quota: Option<String>,
    /// New price, as typed.
    pub price: Option<String>,
}

impl SeatTypeDraft {
    /// The seat type's current values as text, to edit them in place.
    pub fn from_view(s: &SeatTypeView) -> Self {
        Self {
            name: s.name.clone(),
            description: s.description.clone(),
            quota: s.quota.to_string(),
            price: s.price.amount_string(),
        }
    }

    /// The domain's input: quota and price parsed (the price in `currency`),
    /// every field that is not a number named, in the form's order.
    pub fn parse(self, currency: Currency) -> Result<SeatInput, AppError> {
        let (quota, price) = numbers(
            parse_quota(&self.quota),
            Money::parse(&self.price, currency, Field::Price),
        )?;
        Ok(SeatInput {
            name: self.name,
            description: self.description,
            quota,
            price,
        })
    }
}

impl SeatTypeDraft {
    /// The domain's input with every unparsed number replaced by a valid
    /// stand-in (0), and the parse errors: so a live check can name every
    /// other rule too, not only the first broken one.
    pub fn probe(&self, currency: Currency) -> (SeatInput, Vec<FieldError>) {
        let mut errors = Vec::new();
        let quota = parse_quota(&self.quota).unwrap_or_else(|e| {
            errors.push(e);
            0
        });
        let price = Money::parse(&self.price, currency, Field::Price).unwrap_or_else(|e| {
            errors.push(e);
            Money::new(0, currency)
        });
        let input = SeatInput {
            name: self.name.clone(),
            description: self.description.clone(),
            quota,
            price,
        };
        (input, errors)
    }
}

/// The rule a quota below what is held breaks: the same words
/// SeatsAvailability refuses it with, shown before Save is pressed.
pub fn quota_below_held(reserved: i64, sold: i64) -> FieldError {
    FieldError::new(
        Field::Quota,
        Message::new(
            "cannot be lower than {total}: {reserved} {reserved|seat is|seats are} reserved and {sold} sold",
        )
        .count("total", reserved + sold)
        .count("reserved", reserved)
        .count("sold", sold),
    )
}

impl SeatTypeChanges {
    /// The domain's input for `current` with these changes, quota and price
    /// parsed as [`SeatTypeDraft::parse`] does; what is not given is kept.
    pub fn apply_to(
        self,
        current: &SeatTypeView,
        currency: Currency,
    ) -> Result<SeatInput, AppError> {
        let Self {
            name,
            description,
            quota,
            price,
        } = self;
        let (quota, price) = numbers(
            quota.map_or(Ok(i64::from(current.quota)), |q| parse_quota(&q)),
            price.map_or(Ok(current.price), |p| {
                Money::parse(&p, currency, Field::Price)
            }),
        )?;
        Ok(SeatInput {
            name: name.unwrap_or_else(|| current.name.clone()),
            description: description.unwrap_or_else(|| current.description.clone()),
            quota,
            price,
        })
    }
}

/// Both numbers, or every one that did not parse.
fn numbers(
    quota: Result<i64, FieldError>,
    price: Result<Money, FieldError>,
) -> Result<(i64, Money), AppError> {
    match (quota, price) {
        (Ok(quota), Ok(price)) => Ok((quota, price)),
        (quota, price) => Err(AppError::Validation(
            [quota.err(), price.err()].into_iter().flatten().collect(),
        )),
    }
}

/// A quota as typed: a whole number (its range is the aggregate's rule).
fn parse_quota(text: &str) -> Result<i64, FieldError> {
    text.trim()
        .parse::<i64>()
        .map_err(|_| FieldError::new(Field::Quota, Message::new("a whole number, 0 or more")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::conference::{Conference, ConferenceCommand};
    use crate::domain::events::ConferenceInfo;
    use crate::domain::testing::given_when;
    use crate::domain::{ConferenceId, SeatTypeId};
    use uuid::Uuid;

    fn draft(quota: &str, price: &str) -> SeatTypeDraft {
        SeatTypeDraft {
            name: "General".into(),
            description: String::new(),
            quota: quota.into(),
            price: price.into(),
        }
    }

    /// The words a user sees for `draft` in `currency`: the parser's, or
    /// else the aggregate's (empty when the seat type is accepted).
    fn rules(draft: SeatTypeDraft, currency: Currency) -> String {
        let input = match draft.parse(currency) {
            Ok(input) => input,
            Err(e) => return e.to_string(),
        };
        let id = ConferenceId(Uuid::from_u128(1));
        let create = ConferenceCommand::CreateConference {
            conference_id: id,
            input: ConferenceInfo {
                name: "CQRS Summit".into(),
                description: String::new(),
                slug: "cqrs-summit".into(),
                start: "2026-12-01".parse().unwrap(),
                end: "2026-12-02".parse().unwrap(),
                owner_name: "Ana Souza".into(),
                owner_email: "ana@example.com".into(),
                currency,
            },
            access_code: "ABCDE".into(),
        };
        let given = given_when(Conference::new(id), &[], &create).unwrap();
        let add = ConferenceCommand::CreateSeat {
            seat_type: SeatTypeId(Uuid::from_u128(2)),
            input,
        };
        match given_when(Conference::new(id), &given, &add) {
            Ok(_) => String::new(),
            Err(e) => AppError::from(e).to_string(),
        }
    }

    #[test]
    fn a_good_quota_and_price_parse_into_the_domain_input() {
        let input = draft(" 100 ", "199.00").parse(Currency::EUR).unwrap();
        assert_eq!(input.quota, 100);
        assert_eq!(input.price, Money::new(19900, Currency::EUR));
        let won = draft("0", "199000").parse(Currency::KRW).unwrap();
        assert_eq!(won.price, Money::new(199_000, Currency::KRW));
        assert_eq!(rules(draft("1000000", "0"), Currency::EUR), "");
    }

    #[test]
    fn an_empty_or_non_numeric_quota_is_named() {
        for quota in ["", "  ", "abc", "1.5", "1e3", "99999999999999999999"] {
            assert_eq!(
                rules(draft(quota, "1"), Currency::EUR),
                "quota: a whole number, 0 or more",
                "{quota:?}"
            );
        }
    }

    #[test]
    fn a_negative_or_too_large_quota_gets_the_aggregates_range_rule() {
        for quota in ["-1", "-3", "1000001", "9223372036854775807"] {
            assert_eq!(
                rules(draft(quota, "1"), Currency::EUR),
                "quota: must be between 0 and 1000000",
                "{quota:?}"
            );
        }
    }

    #[test]
    fn a_bad_price_is_named_with_the_currencys_decimals() {
        assert_eq!(
            rules(draft("1", ""), Currency::EUR),
            "price: '' is not an amount in EUR: use digits with at most 2 decimals, e.g. 199.00"
        );
        assert_eq!(
            rules(draft("1", "1.001"), Currency::EUR),
            "price: '1.001' is not an amount in EUR: use digits with at most 2 decimals, e.g. 199.00"
        );
        assert_eq!(
            rules(draft("1", "1.5"), Currency::KRW),
            "price: '1.5' is not an amount in KRW: use digits with at most 0 decimals, e.g. 199000"
        );
        assert!(rules(draft("1", "-1"), Currency::EUR).starts_with("price: "));
        assert!(rules(draft("1", "99999999999999999999"), Currency::EUR).starts_with("price: "));
    }

    #[test]
    fn a_bad_quota_and_a_bad_price_are_both_named_in_the_forms_order() {
        assert_eq!(
            rules(draft("x", "y"), Currency::EUR),
            "quota: a whole number, 0 or more; \
             price: 'y' is not an amount in EUR: use digits with at most 2 decimals, e.g. 199.00"
        );
    }

    #[test]
    fn changes_keep_what_is_not_given_and_parse_what_is() {
        let current = SeatTypeView {
            id: SeatTypeId(Uuid::from_u128(2)),
            name: "General".into(),
            description: "All talks".into(),
            quota: 10,
            price: Money::new(19900, Currency::EUR),
            reserved: 0,
            sold: 0,
            left: 10,
        };
        let kept = SeatTypeChanges::default()
            .apply_to(&current, Currency::EUR)
            .unwrap();
        assert_eq!(
            (kept.name.as_str(), kept.quota, kept.price),
            ("General", 10, current.price)
        );
        let changed = SeatTypeChanges {
            quota: Some("12".into()),
            price: Some("5".into()),
            ..Default::default()
        }
        .apply_to(&current, Currency::EUR)
        .unwrap();
        assert_eq!((changed.quota, changed.price.minor), (12, 500));
        let bad = SeatTypeChanges {
            quota: Some("many".into()),
            ..Default::default()
        }
        .apply_to(&current, Currency::EUR);
        assert_eq!(
            bad.unwrap_err().to_string(),
            "quota: a whole number, 0 or more"
        );
    }
}
