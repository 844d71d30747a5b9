//! `verify`: checks the invariants of a replayed log — for every seat type
//! left + reserved + sold = quota and nothing negative, every confirmed order
//! has one position per purchased seat, the read models (check-ins and the
//! door's counter included) agree with the aggregates, and global positions
//! are gap-free — and, on request, the storage engine's own check of the
//! whole file ([`Desk::check_storage`]), which is what finds damage no event
//! read shows (a cut-off tail, a damaged page of the index).

use crate::app::projections::OrderStatusView;
use crate::app::{AppError, Desk};
use crate::store::StorageCheck;
use std::collections::BTreeMap;

/// What `verify` found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifyReport {
    /// Events in the log.
    pub events: u64,
    /// Events per type.
    pub counts: BTreeMap<String, u64>,
    /// Broken invariants, in words (empty when all is well).
    pub violations: Vec<String>,
}

impl Desk {
    /// Runs the storage engine's check of the whole log file, writing
    /// nothing to it (for redb, on a temporary copy). Kept apart from
    /// [`Desk::verify`], which tests call often: this one copies the file.
    pub fn check_storage(&self) -> Result<StorageCheck, AppError> {
        Ok(self.log().check_storage()?)
    }

    /// Checks every invariant over the replayed state.
    pub fn verify(&self) -> Result<VerifyReport, AppError> {
        let mut violations = Vec::new();
        let last = self.log().last_position()?;
        // A read-only desk (the CLI beside the window) sees the writer's
        // commits after its replay: a log that grew is not a violation. One
        // that ends before what was replayed is, and so is any difference
        // for the writer, which appends only through this desk.
        let read = self.stats().events;
        let out_of_step = if self.log().is_read_only() {
            last < read
        } else {
            last != read
        };
        if out_of_step {
            violations.push(format!(
                "the log's last position is {last} but {} events were read",
                self.stats().events
            ));
        }
        for c in self.read_models().conferences.all() {
            let Some(agg) = self.write_model().availability.get(&c.id) else {
                if !c.seat_types.is_empty() {
                    violations.push(format!(
                        "{}: seat types without seat availability",
                        c.info.slug
                    ));
                }
                continue;
            };
            for s in &c.seat_types {
                let (left, reserved, sold) = (agg.left(s.id), agg.reserved(s.id), agg.sold(s.id));
                if left < 0
                    || reserved < 0
                    || sold < 0
                    || left + reserved + sold != i64::from(s.quota)
                {
                    violations.push(format!(
                        "{} / {}: left {left} + reserved {reserved} + sold {sold} ≠ quota {}",
                        c.info.slug, s.name, s.quota
                    ));
                }
                if (s.left, s.reserved, s.sold) != (left, reserved, sold) {
                    violations.push(format!(
                        "{} / {}: the read model disagrees with the aggregate",
                        c.info.slug, s.name
                    ));
                }
            }
            for o in self.read_models().orders.for_conference(c.id) {
                let bought: u64 = o.lines.iter().map(|l| u64::from(l.reserved)).sum();
                if o.status == OrderStatusView::Confirmed && o.positions.len() as u64 != bought {
                    let seats = crate::domain::message::plural(
                        i64::try_from(bought).unwrap_or(i64::MAX),
                        "seat",
                        "seats",
                    );
                    let positions = o.positions.len();
                    let noun = crate::domain::message::plural(
                        i64::try_from(positions).unwrap_or(i64::MAX),
                        "position",
                        "positions",
                    );
                    violations.push(format!(
                        "order {}: {bought} {seats} bought but {positions} {noun}",
                        o.access_code
                    ));
                }
                let sum: i64 = o
                    .lines
                    .iter()
                    .filter_map(|l| l.line_total)
                    .map(|m| m.minor)
                    .sum();
                // A discount code's line comes off the sum (issue 18.7),
                // never more than the lines.
                let off = o.discount.as_ref().map_or(0, |d| d.amount.minor);
                if let Some(total) = o.total
                    && (total.minor != sum - off || off < 0 || off > sum)
                {
                    violations.push(format!(
                        "order {}: total {} ≠ sum of lines {sum} − discount {off}",
                        o.access_code, total.minor
                    ));
                }
                self.check_ins_agree(o, &mut violations);
            }
            self.discount_uses_agree(c.id, &c.info.slug, &mut violations);
            let (checked_in, confirmed) = self.read_models().check_ins.totals(c.id);
            let seats: u64 = self
                .read_models()
                .orders
                .for_conference(c.id)
                .iter()
                // A cancelled order's seats left the door's counts.
                .filter(|o| o.status != OrderStatusView::Cancelled)
                .map(|o| o.positions.len() as u64)
                .sum();
            let arrived: u64 = self
                .read_models()
                .orders
                .for_conference(c.id)
                .iter()
                .filter(|o| o.status != OrderStatusView::Cancelled)
                .flat_map(|o| &o.positions)
                .filter(|p| p.checked_in_at.is_some())
                .count() as u64;
            if (checked_in, confirmed) != (arrived, seats) {
                violations.push(format!(
                    "{}: the door counts {checked_in} of {confirmed} checked in, the orders {arrived} of {seats}",
                    c.info.slug
                ));
            }
        }
        let counts = self
            .stats()
            .counts
            .iter()
            .map(|(k, v)| ((*k).to_string(), *v))
            .collect();
        Ok(VerifyReport {
            events: self.stats().events,
            counts,
            violations,
        })
    }

    /// The order's check-in times in the read model match the aggregate's,
    /// and only positions of the order are checked in.
    fn check_ins_agree(
        &self,
        o: &crate::app::projections::OrderView,
        violations: &mut Vec<String>,
    ) {
        let aggregate = self.write_model().check_ins.get(&o.id);
        for p in &o.positions {
            let stored = aggregate.and_then(|a| a.checked_in_at(p.position));
            if stored != p.checked_in_at {
                violations.push(format!(
                    "order {} seat {}: the read model's check-in disagrees with the aggregate",
                    o.access_code, p.position
                ));
            }
        }
        let positions = o.positions.len() as u64;
        if let Some(a) = aggregate
            && a.checked_in.keys().any(|p| u64::from(*p) >= positions)
        {
            violations.push(format!(
                "order {}: a check-in outside its seats",
                o.access_code
            ));
        }
    }
}

impl Desk {
    /// Discount codes (issue 18.7): no code used more than its maximum,
    /// and the organizer's list counts what the aggregate counts.
    fn discount_uses_agree(
        &self,
        conference: crate::domain::ConferenceId,
        slug: &str,
        violations: &mut Vec<String>,
    ) {
        let Some(agg) = self.write_model().discounts.get(&conference) else {
            return;
        };
        for (code, c) in &agg.codes {
            if c.used > c.max_uses {
                violations.push(format!(
                    "{slug}: discount code {code} used {} times, more than {}",
                    c.used, c.max_uses
                ));
            }
            let listed = self.read_models().discounts.code(conference, code);
            if listed.map(|v| v.uses) != Some(c.used) {
                violations.push(format!(
                    "{slug}: discount code {code} has {} uses but the list says {:?}",
                    c.used,
                    listed.map(|v| v.uses)
                ));
            }
        }
    }
}
