//! Copy-on-write staging of aggregates for one cascade.
//!
//! The cascade must be able to refuse an action half-way and leave nothing
//! behind, so it never changes the write model itself. Cloning every touched
//! aggregate up front made that cost grow with the aggregate: a conference's
//! `SeatsAvailability` holds every unpaid reservation, and placing an order
//! cloned all of them (a third of the time of a commit with a few thousand
//! unpaid orders, BENCHMARKS.md). Here a command to an aggregate the cascade
//! has not touched yet is handled against the write model's own instance
//! (`handle` takes `&self`), and only its events are kept; the aggregate is
//! cloned, with those events applied, only if the same cascade needs it again.

use crate::domain::{Aggregate, Decision, DomainError, Event};
use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::hash::Hash;

/// The staged state of one kind of aggregate during a cascade.
pub(crate) struct Staging<K, A> {
    /// Aggregates cloned (or created) for this cascade, with its events applied.
    own: HashMap<K, A>,
    /// Events produced against the write model's instance, not yet applied
    /// to any copy.
    pending: HashMap<K, Vec<Event>>,
}

impl<K: Hash + Eq + Copy, A: Aggregate + Clone> Staging<K, A> {
    /// Nothing staged yet.
    pub(crate) fn new() -> Self {
        Self {
            own: HashMap::new(),
            pending: HashMap::new(),
        }
    }

    fn untouched(&self, key: &K) -> bool {
        !self.own.contains_key(key) && !self.pending.contains_key(key)
    }

    /// Decides `command` on the staged aggregate `key` ([`Aggregate::decide`])
    /// and applies its events to the staged state. `new` makes the aggregate
    /// when `base` lacks it.
    pub(crate) fn exec(
        &mut self,
        base: &HashMap<K, A>,
        key: K,
        new: impl FnOnce(K) -> A,
        command: &A::Command,
    ) -> Result<Decision, DomainError> {
        if self.untouched(&key)
            && let Some(current) = base.get(&key)
        {
            let decision = current.decide(command)?;
            self.pending.insert(key, decision.events.clone());
            return Ok(decision);
        }
        let aggregate = self.get_mut(base, key, new);
        let decision = aggregate.decide(command)?;
        for e in &decision.events {
            aggregate.apply(e);
        }
        Ok(decision)
    }

    /// The staged aggregate, as this cascade has left it so far, to change.
    pub(crate) fn get_mut(
        &mut self,
        base: &HashMap<K, A>,
        key: K,
        new: impl FnOnce(K) -> A,
    ) -> &mut A {
        match self.own.entry(key) {
            Entry::Occupied(staged) => staged.into_mut(),
            Entry::Vacant(slot) => {
                let mut aggregate = base.get(&key).cloned().unwrap_or_else(|| new(key));
                for e in self.pending.remove(&key).unwrap_or_default() {
                    aggregate.apply(&e);
                }
                slot.insert(aggregate)
            }
        }
    }

    /// The staged aggregate, as this cascade has left it so far, to read:
    /// the write model's own instance while the cascade has not changed it.
    pub(crate) fn view<'r>(
        &'r mut self,
        base: &'r HashMap<K, A>,
        key: K,
        new: impl FnOnce(K) -> A,
    ) -> &'r A {
        if self.untouched(&key)
            && let Some(current) = base.get(&key)
        {
            return current;
        }
        self.get_mut(base, key, new)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::payment::{Payment, PaymentCommand};
    use crate::domain::{Money, OrderId, PaymentId};
    use uuid::Uuid;

    fn initiated() -> (PaymentId, Payment, PaymentCommand) {
        let id = PaymentId(Uuid::now_v7());
        let mut payment = Payment::new(id);
        let initiate = PaymentCommand::InitiateThirdPartyProcessorPayment {
            order_id: OrderId(Uuid::now_v7()),
            amount: Money::new(100, crate::domain::Currency::USD),
        };
        for e in payment.handle(&initiate).expect("initiate") {
            payment.apply(&e);
        }
        (
            id,
            payment,
            PaymentCommand::CompleteThirdPartyProcessorPayment {
                method: crate::domain::events::PaymentMethod::Cash,
            },
        )
    }

    #[test]
    fn a_first_command_leaves_the_base_untouched_and_a_second_sees_its_events() {
        let (id, payment, complete) = initiated();
        let base = HashMap::from([(id, payment.clone())]);
        let mut staging = Staging::new();
        let decision = staging
            .exec(&base, id, Payment::new, &complete)
            .expect("complete");
        assert_eq!(decision.events.len(), 1);
        assert!(staging.own.is_empty(), "no clone for a first command");
        // The same command again must see the first one's effect: refused.
        assert!(staging.exec(&base, id, Payment::new, &complete).is_err());
        assert_eq!(base.get(&id), Some(&payment));
        assert_ne!(staging.view(&base, id, Payment::new), &payment);
    }

    #[test]
    fn a_missing_aggregate_is_made_new_and_staged() {
        let (id, _, complete) = initiated();
        let base = HashMap::new();
        let mut staging: Staging<PaymentId, Payment> = Staging::new();
        assert!(staging.exec(&base, id, Payment::new, &complete).is_err());
        assert!(staging.own.contains_key(&id));
    }
}
