//! Issue 18 item 4: every accepted payment records how it was paid (cash,
//! card, bank transfer, free). Free is the only method for a total of 0
//! and refused for any other; a payment recorded before confdesk asked
//! (`PaymentCompleted` v1, in the older fixtures) reads as "unknown". The
//! method is in the order's read model, for the orders list, the export
//! and the receipt.

mod common;
use common::ByName as _;
use common::fixture::{OpenedFixture, fixture_path, open_fixture};
use common::{journey_conference, open_desk};

use confdesk::app::{AppError, SeatTypeDraft};
use confdesk::domain::events::PaymentMethod;

const SLUG: &str = "cqrs-summit";

#[test]
fn a_zero_total_is_paid_free_and_nothing_else() {
    let mut t = open_desk();
    let org = journey_conference(&mut t.desk, SLUG, 100);
    let access = t.desk.authorize_organizer(&org).unwrap();
    t.desk
        .organizer_mut()
        .add_seat_type(
            &access,
            SeatTypeDraft {
                name: "Volunteer".into(),
                description: String::new(),
                quota: "10".into(),
                price: "0".into(),
            },
        )
        .unwrap();
    let key = t
        .desk
        .place_order_named(SLUG, &[("Volunteer".to_string(), 1)])
        .unwrap();
    t.desk
        .registration_mut()
        .assign_registrant(&key, "Bo", "Kim", "bo@example.com")
        .unwrap();
    let events = t.desk.stats().events;
    let refused = t
        .desk
        .registration_mut()
        .pay_with(&key, PaymentMethod::Cash);
    assert!(
        matches!(&refused, Err(AppError::Validation(f)) if f[0].to_string() == "payment method: an order whose total is 0 is paid as free"),
        "{refused:?}"
    );
    assert_eq!(t.desk.stats().events, events, "nothing written");
    // `pay` without a method picks free for a zero total.
    t.desk.registration_mut().pay(&key, true).unwrap();
    let order = t.desk.registration().order(&key).unwrap();
    assert_eq!(order.paid.map(|p| p.method), Some(PaymentMethod::Free));
    assert_eq!(order.paid.map(|p| p.amount.minor), Some(0));
}

#[test]
fn each_method_is_kept_with_the_order_and_survives_a_replay() {
    let mut t = open_desk();
    journey_conference(&mut t.desk, SLUG, 100);
    let mut keys = Vec::new();
    for method in [
        PaymentMethod::Cash,
        PaymentMethod::Card,
        PaymentMethod::BankTransfer,
    ] {
        let key = t
            .desk
            .place_order_named(SLUG, &[("General admission".to_string(), 1)])
            .unwrap();
        let mut r = t.desk.registration_mut();
        r.assign_registrant(&key, "Ana", "Lima", "ana@example.com")
            .unwrap();
        let free = r.pay_with(&key, PaymentMethod::Free);
        assert!(matches!(free, Err(AppError::Validation(_))), "{free:?}");
        r.pay_with(&key, method).unwrap();
        keys.push((key, method));
    }
    t.reopen();
    for (key, method) in keys {
        let order = t.desk.registration().order(&key).unwrap();
        assert_eq!(order.status.as_str(), "confirmed");
        let paid = order.paid.unwrap();
        assert_eq!((paid.method, paid.amount.minor), (method, 19_900));
    }
}

#[test]
fn a_payment_from_before_methods_reads_as_unknown() {
    // v5-cancel.redb was written before issue 18: its paid order's
    // PaymentCompleted is schema version 1.
    let OpenedFixture { desk, access, .. } =
        open_fixture(&fixture_path("v5-cancel.redb"), "cancel-fixture");
    let orders = desk.organizer().organizer_orders(&access);
    let paid: Vec<_> = orders.iter().filter_map(|o| o.paid).collect();
    assert_eq!(paid.len(), 1);
    assert_eq!(paid[0].method, PaymentMethod::Unknown);
    assert_eq!(paid[0].amount.minor, 150_000);
    let rows = desk.order_rows(&access).unwrap();
    let methods: Vec<Option<&str>> = rows.iter().map(|r| r.method.map(|m| m.as_str())).collect();
    assert_eq!(methods, vec![None, Some("unknown")]);
}
