//! Discount codes of one conference (issue 18.7): the DiscountCodes
//! aggregate, one per conference, is the one place that decides whether a
//! code may be used, exactly as SeatsAvailability is for seats. Every use
//! (`DiscountCodeRedeemed`) and every use given back (`DiscountCodeReleased`,
//! when the order expires or is cancelled) is an event of the conference's
//! one discount stream, so two desks on a shared log that both redeem the
//! last use race on that stream's expected version: one append wins, the
//! other catches up and is refused as exhausted. Also here: what a code
//! takes off an order's lines ([`discount_amount`]). Pure: the desk's
//! current day arrives in the command.

use crate::domain::events::{
    DiscountCodeCreated, DiscountCodeRedeemed, DiscountCodeReleased, DiscountCodeRevoked,
    DiscountKind, OrderLine,
};
use crate::domain::{
    Aggregate, ConferenceId, Currency, DomainError, Event, Field, Message, OrderId, SeatTypeId,
};
use chrono::NaiveDate;
use std::collections::{BTreeMap, HashMap};

/// Shortest code.
pub const MIN_CODE_CHARS: usize = 3;
/// Longest code.
pub const MAX_CODE_CHARS: usize = 20;
/// Most uses one code may allow.
pub const MAX_USES: u32 = 1_000_000;

/// A code as stored and compared: trimmed and in capitals (codes are
/// case-insensitive: `spring` and `SPRING` are one code).
pub fn normalize_code(code: &str) -> String {
    code.trim().to_ascii_uppercase()
}

/// The shape rules of a code, each named in its error: 3 to 20 characters
/// of A–Z, 0–9, '-' and '_' (read case-insensitively).
pub fn code_shape(code: &str) -> Result<String, DomainError> {
    let code = normalize_code(code);
    let n = code.chars().count();
    if !(MIN_CODE_CHARS..=MAX_CODE_CHARS).contains(&n) {
        return Err(DomainError::field(
            Field::DiscountCode,
            Message::new("must be {min} to {max} characters")
                .count("min", MIN_CODE_CHARS)
                .count("max", MAX_CODE_CHARS),
        ));
    }
    if !code
        .chars()
        .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-' || c == '_')
    {
        return Err(DomainError::field(
            Field::DiscountCode,
            Message::new("only letters A-Z, digits 0-9, '-' and '_'"),
        ));
    }
    Ok(code)
}

/// What a code gives, as the pricing of an order needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiscountTerms {
    /// The code (normalized).
    pub code: String,
    /// Percent or fixed amount.
    pub kind: DiscountKind,
    /// The one seat type it covers, or all.
    pub seat_type: Option<SeatTypeId>,
}

/// What `terms` takes off `lines`, in minor units: never more than the
/// lines it covers, never negative.
///
/// A percent is taken once, off the sum of the covered lines, rounded half
/// up to the minor unit (20 % of 0.99 is 0.198 → 0.20; 50 % of 0.01 is
/// 0.005 → 0.01), so a discount never depends on how the seats were split
/// into lines. A fixed amount is capped at the covered sum.
pub fn discount_amount(lines: &[OrderLine], terms: &DiscountTerms) -> i64 {
    let covered: i128 = lines
        .iter()
        .filter(|l| terms.seat_type.is_none_or(|t| t == l.seat_type))
        .map(|l| i128::from(l.line_total.max(0)))
        .sum();
    let off = match terms.kind {
        DiscountKind::Percent(p) => (covered * i128::from(p.min(100)) + 50) / 100,
        DiscountKind::Fixed(m) => i128::from(m.minor.max(0)),
    };
    i64::try_from(off.min(covered).max(0)).unwrap_or(0)
}

/// One code's state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiscountCode {
    /// Percent or fixed amount.
    pub kind: DiscountKind,
    /// The one seat type it covers, or all.
    pub seat_type: Option<SeatTypeId>,
    /// Most uses.
    pub max_uses: u32,
    /// Last day it may be redeemed (the desk's calendar).
    pub valid_until: NaiveDate,
    /// Revoked: no new uses.
    pub revoked: bool,
    /// Uses held now: redeemed minus released.
    pub used: u32,
}

/// Commands of the DiscountCodes aggregate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DiscountCommand {
    /// CreateDiscountCode.
    CreateDiscountCode {
        /// The code as typed.
        code: String,
        /// Percent (1..=100) or a fixed amount in the conference's currency.
        kind: DiscountKind,
        /// The one seat type it covers, or all (resolved by the app).
        seat_type: Option<SeatTypeId>,
        /// Most uses (≥ 1).
        max_uses: u32,
        /// Last day it may be redeemed.
        valid_until: NaiveDate,
        /// The conference's currency (a fixed amount must be in it).
        currency: Currency,
        /// The desk's day now (a code may not end in the past).
        today: NaiveDate,
    },
    /// RedeemDiscountCode: `order` takes one use of `code` (again: nothing;
    /// another code: the old use is given back first).
    RedeemDiscountCode {
        /// The code as typed.
        code: String,
        /// The order using it.
        order_id: OrderId,
        /// The desk's day now.
        today: NaiveDate,
    },
    /// The order's use (if any) comes back: it expired or was cancelled.
    ReleaseDiscountCode {
        /// The order.
        order_id: OrderId,
    },
    /// RevokeDiscountCode: no new uses (orders holding one keep it).
    RevokeDiscountCode {
        /// The code as typed.
        code: String,
    },
}

/// Every discount code of one conference and which order holds which.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiscountCodes {
    /// The conference.
    pub conference_id: ConferenceId,
    /// Codes by normalized code.
    pub codes: BTreeMap<String, DiscountCode>,
    /// The code each order holds a use of.
    pub holders: HashMap<OrderId, String>,
}

impl DiscountCodes {
    /// A conference without codes.
    pub fn new(conference_id: ConferenceId) -> Self {
        Self {
            conference_id,
            codes: BTreeMap::new(),
            holders: HashMap::new(),
        }
    }

    /// The terms of the code `order` holds, if any.
    pub fn terms_for(&self, order: OrderId) -> Option<DiscountTerms> {
        let code = self.holders.get(&order)?;
        let c = self.codes.get(code)?;
        Some(DiscountTerms {
            code: code.clone(),
            kind: c.kind,
            seat_type: c.seat_type,
        })
    }

    fn create(&self, cmd: &DiscountCommand) -> Result<Vec<Event>, DomainError> {
        let DiscountCommand::CreateDiscountCode {
            code,
            kind,
            seat_type,
            max_uses,
            valid_until,
            currency,
            today,
        } = cmd
        else {
            return Ok(vec![]);
        };
        // Every broken field at once, the code's shape first.
        let mut errors = Vec::new();
        let code = match code_shape(code) {
            Ok(code) => code,
            Err(DomainError::Validation(e)) => {
                errors.extend(e);
                String::new()
            }
            Err(e) => return Err(e),
        };
        match kind {
            DiscountKind::Percent(p) if !(1..=100).contains(p) => {
                errors.push(crate::domain::FieldError::new(
                    Field::DiscountValue,
                    Message::new("a percent must be 1 to 100"),
                ))
            }
            DiscountKind::Fixed(m) if m.minor <= 0 || m.currency != *currency => {
                errors.push(crate::domain::FieldError::new(
                    Field::DiscountValue,
                    Message::new("an amount must be above 0, in {currency}")
                        .text("currency", currency),
                ));
            }
            _ => {}
        }
        if !(1..=MAX_USES).contains(max_uses) {
            errors.push(crate::domain::FieldError::new(
                Field::MaxUses,
                Message::new("must be 1 to {max}").count("max", MAX_USES),
            ));
        }
        if valid_until < today {
            errors.push(crate::domain::FieldError::new(
                Field::ValidUntil,
                Message::new("must be today or later"),
            ));
        }
        if !errors.is_empty() {
            return Err(DomainError::Validation(errors));
        }
        if self.codes.contains_key(&code) {
            return Err(DomainError::field(
                Field::DiscountCode,
                Message::new("{code} already exists for this conference").text("code", &code),
            ));
        }
        Ok(vec![
            DiscountCodeCreated {
                conference_id: self.conference_id,
                code,
                kind: *kind,
                seat_type: *seat_type,
                max_uses: *max_uses,
                valid_until: *valid_until,
            }
            .into(),
        ])
    }

    /// The code, or why not (unknown: not found).
    fn known(&self, code: &str) -> Result<(String, &DiscountCode), DomainError> {
        let code = normalize_code(code);
        match self.codes.get(&code) {
            Some(c) => Ok((code, c)),
            None => Err(DomainError::NotFound(
                Message::new("no discount code {code} for this conference").text("code", &code),
            )),
        }
    }

    fn redeem(
        &self,
        code: &str,
        order_id: OrderId,
        today: NaiveDate,
    ) -> Result<Vec<Event>, DomainError> {
        let (code, c) = self.known(code)?;
        let held = self.holders.get(&order_id);
        if held == Some(&code) {
            return Ok(vec![]);
        }
        let refuse = |m: Message| Err(DomainError::Conflict(m.text("code", &code)));
        if c.revoked {
            return refuse(Message::new("discount code {code} was revoked"));
        }
        if today > c.valid_until {
            return refuse(
                Message::new("discount code {code} expired on {date}").date("date", c.valid_until),
            );
        }
        if c.used >= c.max_uses {
            return refuse(
                Message::new("discount code {code} was used {max} {max|time|times}: its maximum")
                    .count("max", c.max_uses),
            );
        }
        let conference_id = self.conference_id;
        let mut events = Vec::new();
        if let Some(old) = held {
            events.push(
                DiscountCodeReleased {
                    conference_id,
                    code: old.clone(),
                    order_id,
                }
                .into(),
            );
        }
        events.push(
            DiscountCodeRedeemed {
                conference_id,
                code,
                order_id,
            }
            .into(),
        );
        Ok(events)
    }
}

impl Aggregate for DiscountCodes {
    type Command = DiscountCommand;

    fn apply(&mut self, event: &Event) {
        match event {
            Event::DiscountCodeCreated(e) => {
                self.codes.insert(
                    e.code.clone(),
                    DiscountCode {
                        kind: e.kind,
                        seat_type: e.seat_type,
                        max_uses: e.max_uses,
                        valid_until: e.valid_until,
                        revoked: false,
                        used: 0,
                    },
                );
            }
            Event::DiscountCodeRedeemed(e) => {
                if let Some(c) = self.codes.get_mut(&e.code) {
                    c.used = c.used.saturating_add(1);
                }
                self.holders.insert(e.order_id, e.code.clone());
            }
            Event::DiscountCodeReleased(e) => {
                if let Some(c) = self.codes.get_mut(&e.code) {
                    c.used = c.used.saturating_sub(1);
                }
                self.holders.remove(&e.order_id);
            }
            Event::DiscountCodeRevoked(e) => {
                if let Some(c) = self.codes.get_mut(&e.code) {
                    c.revoked = true;
                }
            }
            _ => {}
        }
    }

    fn handle(&self, command: &DiscountCommand) -> Result<Vec<Event>, DomainError> {
        match command {
            DiscountCommand::CreateDiscountCode { .. } => self.create(command),
            DiscountCommand::RedeemDiscountCode {
                code,
                order_id,
                today,
            } => self.redeem(code, *order_id, *today),
            DiscountCommand::ReleaseDiscountCode { order_id } => {
                Ok(match self.holders.get(order_id) {
                    Some(code) => vec![
                        DiscountCodeReleased {
                            conference_id: self.conference_id,
                            code: code.clone(),
                            order_id: *order_id,
                        }
                        .into(),
                    ],
                    None => vec![],
                })
            }
            DiscountCommand::RevokeDiscountCode { code } => {
                let (code, c) = self.known(code)?;
                if c.revoked {
                    return Ok(vec![]);
                }
                Ok(vec![
                    DiscountCodeRevoked {
                        conference_id: self.conference_id,
                        code,
                    }
                    .into(),
                ])
            }
        }
    }
}

#[cfg(test)]
#[path = "discount_tests.rs"]
mod tests;
