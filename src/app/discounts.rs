//! The organizer's discount codes (issue 18.7): a code as typed — in the
//! window's Discounts tab or on the command line — parsed in one place
//! ([`DiscountDraft`]), and the actions that add and revoke codes and list
//! them with their uses. The rules (shape, ranges, uniqueness, uses) are
//! the DiscountCodes aggregate's (`domain::discount`); the registrant's
//! side (redeeming a code with an order) is in `registration.rs`.

use crate::app::projections::DiscountCodeView;
use crate::app::{AppError, ConferenceAccess, Desk};
use crate::domain::discount::DiscountCommand;
use crate::domain::events::DiscountKind;
use crate::domain::validation::iso_date;
use crate::domain::{AggregateCommand, Currency, Field, FieldError, Message, Money, SeatTypeId};
use chrono::NaiveDate;

/// A new discount code as typed: every number and date is text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DiscountDraft {
    /// The code (any case).
    pub code: String,
    /// Percent off, e.g. `"20"` (empty when an amount is given).
    pub percent: String,
    /// Amount off in the conference's currency, e.g. `"10.00"` (empty when
    /// a percent is given).
    pub amount: String,
    /// The one seat type it covers, or all.
    pub seat_type: Option<SeatTypeId>,
    /// Most uses, e.g. `"50"`.
    pub max_uses: String,
    /// Last valid day, `YYYY-MM-DD`.
    pub valid_until: String,
}

impl DiscountDraft {
    /// The domain command: numbers and the date parsed, each bad field
    /// named (all of them, in the form's order); the aggregate checks the
    /// ranges and the code's shape.
    pub fn parse(&self, currency: Currency, today: NaiveDate) -> Result<DiscountCommand, AppError> {
        let mut errors = Vec::new();
        let kind = self.kind(currency).map_err(|e| errors.push(e)).ok();
        let max_uses = self
            .max_uses
            .trim()
            .parse::<u32>()
            .map_err(|_| {
                errors.push(FieldError::new(
                    Field::MaxUses,
                    Message::new("must be a whole number"),
                ));
            })
            .ok();
        let valid_until = iso_date(self.valid_until.trim())
            .ok_or_else(|| {
                errors.push(FieldError::new(
                    Field::ValidUntil,
                    Message::new("must be a date as YYYY-MM-DD"),
                ));
            })
            .ok();
        match (kind, max_uses, valid_until) {
            (Some(kind), Some(max_uses), Some(valid_until)) if errors.is_empty() => {
                Ok(DiscountCommand::CreateDiscountCode {
                    code: self.code.clone(),
                    kind,
                    seat_type: self.seat_type,
                    max_uses,
                    valid_until,
                    currency,
                    today,
                })
            }
            _ => {
                // With the code's shape, so a form shows every broken field
                // at once (the domain names it too when the rest parses).
                if let Err(crate::domain::DomainError::Validation(e)) =
                    crate::domain::discount::code_shape(&self.code)
                {
                    errors.splice(0..0, e);
                }
                Err(AppError::Validation(errors))
            }
        }
    }

    /// A percent or an amount: exactly one of the two.
    fn kind(&self, currency: Currency) -> Result<DiscountKind, FieldError> {
        let percent = self.percent.trim();
        let amount = self.amount.trim();
        match (percent.is_empty(), amount.is_empty()) {
            (false, true) => percent
                .trim_end_matches('%')
                .trim()
                .parse::<u8>()
                .map(DiscountKind::Percent)
                .map_err(|_| {
                    FieldError::new(
                        Field::DiscountValue,
                        Message::new("a percent must be 1 to 100"),
                    )
                }),
            (true, false) => {
                Money::parse(amount, currency, Field::DiscountValue).map(DiscountKind::Fixed)
            }
            _ => Err(FieldError::new(
                Field::DiscountValue,
                Message::new("give a percent or an amount, one of the two"),
            )),
        }
    }
}

impl Desk {
    /// The conference's discount codes with their uses, sorted by code.
    pub fn discount_codes(&self, access: &ConferenceAccess) -> Vec<DiscountCodeView> {
        self.read_models().discounts.codes(access.conference())
    }

    /// The desk's day now (codes are valid through their last day on the
    /// desk's calendar).
    pub fn today(&self) -> NaiveDate {
        self.settings().day_zone.day_of(self.now())
    }

    /// CreateDiscountCode for the conference; returns the code as stored.
    pub(crate) fn add_discount_code(
        &mut self,
        access: &ConferenceAccess,
        draft: &DiscountDraft,
    ) -> Result<String, AppError> {
        let id = access.conference();
        let currency = self.organizer().organizer_conference(access)?.info.currency;
        let command = draft.parse(currency, self.today())?;
        self.journal_mut()
            .commit(vec![AggregateCommand::Discounts(id, command)])?;
        Ok(crate::domain::discount::normalize_code(&draft.code))
    }

    /// RevokeDiscountCode: no new uses of `code` (orders holding one keep it).
    pub(crate) fn revoke_discount_code(
        &mut self,
        access: &ConferenceAccess,
        code: &str,
    ) -> Result<(), AppError> {
        let id = access.conference();
        let command = DiscountCommand::RevokeDiscountCode { code: code.into() };
        self.journal_mut()
            .commit(vec![AggregateCommand::Discounts(id, command)])?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft() -> DiscountDraft {
        DiscountDraft {
            code: "spring".into(),
            percent: "20".into(),
            amount: String::new(),
            seat_type: None,
            max_uses: "50".into(),
            valid_until: "2027-01-31".into(),
        }
    }

    #[test]
    fn a_draft_names_every_field_it_cannot_read() {
        let bad = DiscountDraft {
            percent: "20".into(),
            amount: "5".into(),
            max_uses: "many".into(),
            valid_until: "31/01/2027".into(),
            ..draft()
        };
        let today = NaiveDate::from_ymd_opt(2026, 12, 3).unwrap();
        let Err(AppError::Validation(errors)) = bad.parse(Currency::EUR, today) else {
            panic!("refused")
        };
        let fields: Vec<String> = errors.iter().map(|e| e.field.to_string()).collect();
        assert_eq!(fields, ["discount", "max uses", "valid until"]);
        assert!(draft().parse(Currency::EUR, today).is_ok());
        let fixed = DiscountDraft {
            percent: String::new(),
            amount: "10.50".into(),
            ..draft()
        };
        let Ok(DiscountCommand::CreateDiscountCode { kind, .. }) =
            fixed.parse(Currency::EUR, today)
        else {
            panic!("parsed")
        };
        assert_eq!(kind, DiscountKind::Fixed(Money::new(1050, Currency::EUR)));
    }
}
