//! The organizer's list of discount codes (issue 18.7): each code of a
//! conference with what it gives, its uses out of its maximum, its last
//! day and whether it was revoked. Fed by the discount stream's events
//! only; the aggregate (`domain::discount`) decides, this only shows.

use crate::domain::events::DiscountKind;
use crate::domain::{ConferenceId, Event, SeatTypeId};
use chrono::NaiveDate;
use std::collections::{BTreeMap, HashMap};

/// One code as the organizer sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiscountCodeView {
    /// The code, in capitals.
    pub code: String,
    /// Percent or fixed amount.
    pub kind: DiscountKind,
    /// The one seat type it covers, or all.
    pub seat_type: Option<SeatTypeId>,
    /// Uses held now (redeemed minus given back).
    pub uses: u32,
    /// Most uses.
    pub max_uses: u32,
    /// Last day it may be redeemed.
    pub valid_until: NaiveDate,
    /// No new uses.
    pub revoked: bool,
}

impl DiscountCodeView {
    /// Whether a registrant could still redeem it on `today`.
    pub fn is_usable(&self, today: NaiveDate) -> bool {
        !self.revoked && today <= self.valid_until && self.uses < self.max_uses
    }
}

/// Discount codes per conference, sorted by code.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct DiscountBook {
    by_conference: HashMap<ConferenceId, BTreeMap<String, DiscountCodeView>>,
}

impl DiscountBook {
    /// The codes of `conference`, sorted by code.
    pub fn codes(&self, conference: ConferenceId) -> Vec<DiscountCodeView> {
        self.by_conference
            .get(&conference)
            .map(|m| m.values().cloned().collect())
            .unwrap_or_default()
    }

    /// One code of `conference` (as typed: case-insensitive).
    pub fn code(&self, conference: ConferenceId, code: &str) -> Option<&DiscountCodeView> {
        self.by_conference
            .get(&conference)?
            .get(&crate::domain::discount::normalize_code(code))
    }

    fn with(
        &mut self,
        conference: ConferenceId,
        code: &str,
        f: impl FnOnce(&mut DiscountCodeView),
    ) {
        if let Some(v) = self
            .by_conference
            .get_mut(&conference)
            .and_then(|m| m.get_mut(code))
        {
            f(v);
        }
    }

    /// Folds one committed event.
    pub fn apply(&mut self, event: &Event) {
        match event {
            Event::DiscountCodeCreated(e) => {
                self.by_conference
                    .entry(e.conference_id)
                    .or_default()
                    .insert(
                        e.code.clone(),
                        DiscountCodeView {
                            code: e.code.clone(),
                            kind: e.kind,
                            seat_type: e.seat_type,
                            uses: 0,
                            max_uses: e.max_uses,
                            valid_until: e.valid_until,
                            revoked: false,
                        },
                    );
            }
            Event::DiscountCodeRedeemed(e) => {
                self.with(e.conference_id, &e.code, |v| {
                    v.uses = v.uses.saturating_add(1)
                });
            }
            Event::DiscountCodeReleased(e) => {
                self.with(e.conference_id, &e.code, |v| {
                    v.uses = v.uses.saturating_sub(1)
                });
            }
            Event::DiscountCodeRevoked(e) => {
                self.with(e.conference_id, &e.code, |v| v.revoked = true);
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::OrderId;
    use crate::domain::events::{
        DiscountCodeCreated, DiscountCodeRedeemed, DiscountCodeReleased, DiscountCodeRevoked,
    };
    use uuid::Uuid;

    #[test]
    fn counts_uses_given_back_and_revocation() {
        let c = ConferenceId(Uuid::from_u128(1));
        let day = NaiveDate::from_ymd_opt(2027, 1, 31).unwrap();
        let mut book = DiscountBook::default();
        let o = |n| OrderId(Uuid::from_u128(n));
        let events: Vec<Event> = vec![
            DiscountCodeCreated {
                conference_id: c,
                code: "SPRING".into(),
                kind: DiscountKind::Percent(20),
                seat_type: None,
                max_uses: 2,
                valid_until: day,
            }
            .into(),
            DiscountCodeRedeemed {
                conference_id: c,
                code: "SPRING".into(),
                order_id: o(1),
            }
            .into(),
            DiscountCodeRedeemed {
                conference_id: c,
                code: "SPRING".into(),
                order_id: o(2),
            }
            .into(),
            DiscountCodeReleased {
                conference_id: c,
                code: "SPRING".into(),
                order_id: o(1),
            }
            .into(),
        ];
        for e in &events {
            book.apply(e);
        }
        let v = book.code(c, "spring").unwrap().clone();
        assert_eq!((v.uses, v.max_uses, v.revoked), (1, 2, false));
        assert!(v.is_usable(day));
        assert!(!v.is_usable(day.succ_opt().unwrap()));
        book.apply(
            &DiscountCodeRevoked {
                conference_id: c,
                code: "SPRING".into(),
            }
            .into(),
        );
        assert!(!book.codes(c)[0].is_usable(day));
    }
}
