//! Issue 18.7, discount codes through the app: given (a conference with
//! codes, orders) / when (a user action) / then (the order's totals, the
//! code's uses, or the refusal), and the properties that must hold over
//! any sequence of actions: a code is never used more than its maximum,
//! its uses are exactly the live orders holding it (an expired or
//! cancelled order gives its use back), and every order's total is the sum
//! of its lines minus its discount, never below 0. Also after a replay.

mod common;
use chrono::Duration;
use common::{journey_conference, open_desk};
use confdesk::app::projections::OrderView;
use confdesk::app::{
    AppError, ConferenceAccess, Desk, DiscountDraft, OrderKey, Outcome, UserCommand,
};
use confdesk::domain::discount::{DiscountTerms, discount_amount};
use confdesk::domain::events::{DiscountKind, OrderLine};
use confdesk::domain::{ConferenceId, Currency, Money, SeatTypeId};
use proptest::prelude::*;

const SLUG: &str = "cqrs-summit";

struct Given {
    access: ConferenceAccess,
    conference: ConferenceId,
    general: SeatTypeId,
    workshop: SeatTypeId,
}

fn given(desk: &mut Desk) -> Given {
    let key = journey_conference(desk, SLUG, 100);
    let access = desk.authorize_organizer(&key).unwrap();
    let c = desk.read_models().conferences.by_slug(SLUG).unwrap();
    Given {
        access,
        conference: c.id,
        general: c.seat_types[0].id,
        workshop: c.seat_types[1].id,
    }
}

fn add(desk: &mut Desk, g: &Given, code: &str, percent: &str, amount: &str, max: u32) {
    let draft = DiscountDraft {
        code: code.into(),
        percent: percent.into(),
        amount: amount.into(),
        seat_type: None,
        max_uses: max.to_string(),
        valid_until: "2026-12-31".into(),
    };
    let added = desk.run(UserCommand::AddDiscountCode {
        access: g.access.clone(),
        draft,
    });
    assert_eq!(
        added.unwrap(),
        Outcome::DiscountCodeAdded(code.to_uppercase())
    );
}

fn place(
    desk: &mut Desk,
    g: &Given,
    seats: Vec<(SeatTypeId, u32)>,
    code: Option<&str>,
) -> Result<OrderKey, AppError> {
    let command = match code {
        Some(code) => UserCommand::PlaceDiscountedOrder {
            conference: g.conference,
            seats,
            code: code.into(),
        },
        None => UserCommand::PlaceOrder {
            conference: g.conference,
            seats,
        },
    };
    match desk.run(command)? {
        Outcome::OrderPlaced(key) => Ok(key),
        other => panic!("{other:?}"),
    }
}

fn order(desk: &Desk, key: &OrderKey) -> OrderView {
    desk.registration().order(key).unwrap()
}

fn uses(desk: &Desk, g: &Given, code: &str) -> u32 {
    desk.read_models()
        .discounts
        .code(g.conference, code)
        .map_or(0, |c| c.uses)
}

#[test]
fn given_a_code_when_an_order_is_placed_with_it_then_its_total_carries_the_discount() {
    let mut t = open_desk();
    let g = given(&mut t.desk);
    add(&mut t.desk, &g, "spring", "10", "", 5);
    let key = place(
        &mut t.desk,
        &g,
        vec![(g.general, 2), (g.workshop, 1)],
        Some("SPRING"),
    )
    .unwrap();
    let o = order(&t.desk, &key);
    // 2 × 199 + 500 = 898.00; 10 % = 89.80.
    let discount = o.discount.clone().unwrap();
    assert_eq!(
        (discount.code.as_str(), discount.amount.minor),
        ("SPRING", 8980)
    );
    assert_eq!(o.total, Some(Money::new(80820, Currency::USD)));
    assert_eq!(uses(&t.desk, &g, "spring"), 1);
    t.reopen();
    assert_eq!(
        order(&t.desk, &key).discount,
        Some(discount),
        "replayed the same"
    );
    assert_eq!(uses(&t.desk, &g, "spring"), 1);
}

#[test]
fn given_an_order_holding_a_code_when_it_expires_or_is_cancelled_then_the_use_comes_back() {
    let mut t = open_desk();
    let g = given(&mut t.desk);
    add(&mut t.desk, &g, "ONE", "", "50", 1);
    let first = place(&mut t.desk, &g, vec![(g.general, 1)], Some("one")).unwrap();
    let refused = place(&mut t.desk, &g, vec![(g.general, 1)], Some("one")).unwrap_err();
    assert!(refused.to_string().contains("was used 1 time"), "{refused}");
    t.desk
        .run(UserCommand::CancelOrder { order: first })
        .unwrap();
    assert_eq!(uses(&t.desk, &g, "ONE"), 0);
    let second = place(&mut t.desk, &g, vec![(g.general, 1)], Some("one")).unwrap();
    assert_eq!(order(&t.desk, &second).total.unwrap().minor, 14900);
    t.clock.advance(Duration::minutes(16));
    t.desk.tick().unwrap();
    assert_eq!(
        uses(&t.desk, &g, "ONE"),
        0,
        "the expired order gave it back"
    );
    assert!(place(&mut t.desk, &g, vec![(g.general, 1)], Some("one")).is_ok());
}

#[test]
fn given_a_discounted_order_when_its_quantities_change_then_the_code_is_applied_to_the_new_lines() {
    let mut t = open_desk();
    let g = given(&mut t.desk);
    add(&mut t.desk, &g, "HALF", "50", "", 3);
    let key = place(&mut t.desk, &g, vec![(g.general, 1)], None).unwrap();
    assert_eq!(order(&t.desk, &key).discount, None);
    t.desk
        .run(UserCommand::ApplyDiscount {
            order: key.clone(),
            code: "half".into(),
        })
        .unwrap();
    assert_eq!(order(&t.desk, &key).total.unwrap().minor, 9950);
    t.desk
        .run(UserCommand::UpdateOrder {
            order: key.clone(),
            seats: vec![(g.general, 3)],
        })
        .unwrap();
    let o = order(&t.desk, &key);
    assert_eq!(o.discount.unwrap().amount.minor, 29850);
    assert_eq!(o.total.unwrap().minor, 29850);
    assert_eq!(uses(&t.desk, &g, "HALF"), 1, "applying twice counts once");
}

#[test]
fn given_a_100_percent_code_then_the_order_is_free_and_is_still_paid_and_confirmed() {
    let mut t = open_desk();
    let g = given(&mut t.desk);
    add(&mut t.desk, &g, "FREE", "100", "", 1);
    let key = place(&mut t.desk, &g, vec![(g.workshop, 2)], Some("free")).unwrap();
    assert_eq!(
        order(&t.desk, &key).total,
        Some(Money::new(0, Currency::USD))
    );
    t.desk
        .registration_mut()
        .assign_registrant(&key, "Ana", "Lima", "ana@example.org")
        .unwrap();
    t.desk
        .run(UserCommand::Pay {
            order: key.clone(),
            accept: true,
        })
        .unwrap();
    assert_eq!(order(&t.desk, &key).status.as_str(), "confirmed");
    assert_eq!(uses(&t.desk, &g, "FREE"), 1, "a paid order keeps its use");
}

#[test]
fn a_refused_code_writes_nothing() {
    let mut t = open_desk();
    let g = given(&mut t.desk);
    add(&mut t.desk, &g, "GONE", "5", "", 1);
    t.desk
        .run(UserCommand::RevokeDiscountCode {
            access: g.access.clone(),
            code: "gone".into(),
        })
        .unwrap();
    let before = t.desk.stats().events;
    let e = place(&mut t.desk, &g, vec![(g.general, 1)], Some("GONE")).unwrap_err();
    assert_eq!(e.to_string(), "discount code GONE was revoked");
    assert_eq!(t.desk.stats().events, before);
}

/// One step of a random sequence.
#[derive(Debug, Clone)]
enum Step {
    Place {
        general: u32,
        workshop: u32,
        code: Option<usize>,
    },
    Apply {
        order: usize,
        code: usize,
    },
    Update {
        order: usize,
        general: u32,
    },
    Cancel(usize),
    Pay(usize),
    Wait(i64),
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        4 => (0..4_u32, 0..2_u32, proptest::option::of(0..3_usize))
            .prop_map(|(general, workshop, code)| Step::Place { general, workshop, code }),
        2 => (0..20_usize, 0..3_usize).prop_map(|(order, code)| Step::Apply { order, code }),
        1 => (0..20_usize, 0..4_u32).prop_map(|(order, general)| Step::Update { order, general }),
        1 => (0..20_usize).prop_map(Step::Cancel),
        1 => (0..20_usize).prop_map(Step::Pay),
        1 => (1..20_i64).prop_map(Step::Wait),
    ]
}

const CODES: [(&str, &str, &str, u32); 3] = [
    ("PCT33", "33", "", 3),
    ("FIX", "", "250", 2),
    ("ALL", "100", "", 1),
];

fn run_step(t: &mut common::TestDesk, g: &Given, orders: &mut Vec<OrderKey>, s: &Step) {
    let pick = |i: usize| orders.get(i % orders.len().max(1)).cloned();
    let d = &mut t.desk;
    // Refusals are part of the game (used up, paid, expired): only what
    // was written is checked.
    let _ = match s.clone() {
        Step::Place {
            general,
            workshop,
            code,
        } => {
            let seats = vec![(g.general, general.max(1)), (g.workshop, workshop)];
            place(d, g, seats, code.map(|c| CODES[c].0)).map(|k| orders.push(k))
        }
        Step::Apply { order, code } => match pick(order) {
            Some(order) => d
                .run(UserCommand::ApplyDiscount {
                    order,
                    code: CODES[code].0.into(),
                })
                .map(drop),
            None => Ok(()),
        },
        Step::Update { order, general } => match pick(order) {
            Some(order) => d
                .run(UserCommand::UpdateOrder {
                    order,
                    seats: vec![(g.general, general)],
                })
                .map(drop),
            None => Ok(()),
        },
        Step::Cancel(i) => match pick(i) {
            Some(order) => d.run(UserCommand::CancelOrder { order }).map(drop),
            None => Ok(()),
        },
        Step::Pay(i) => match pick(i) {
            Some(order) => d
                .run(UserCommand::Pay {
                    order,
                    accept: true,
                })
                .map(drop),
            None => Ok(()),
        },
        Step::Wait(min) => {
            t.clock.advance(Duration::minutes(min));
            d.tick().map(drop)
        }
    };
}

fn check(desk: &Desk, g: &Given) {
    let orders = desk.read_models().orders.for_conference(g.conference);
    for (code, _, _, max) in CODES {
        let uses = desk
            .read_models()
            .discounts
            .code(g.conference, code)
            .unwrap()
            .uses;
        assert!(uses <= max, "{code}: {uses} uses > {max}");
        let holders = orders
            .iter()
            .filter(|o| {
                o.status.is_open()
                    || o.status == confdesk::app::projections::OrderStatusView::Confirmed
            })
            .filter(|o| o.discount.as_ref().is_some_and(|d| d.code == code))
            .count();
        assert_eq!(
            uses as usize, holders,
            "{code}: uses = live orders holding it"
        );
    }
    for o in orders {
        let Some(total) = o.total else { continue };
        let lines: i64 = o
            .lines
            .iter()
            .filter_map(|l| l.line_total)
            .map(|m| m.minor)
            .sum();
        let off = o.discount.as_ref().map_or(0, |d| d.amount.minor);
        assert!(total.minor >= 0 && off >= 0 && off <= lines);
        assert_eq!(total.minor, lines - off, "total = Σ lines − discount");
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 16, max_shrink_iters: 100, ..ProptestConfig::default() })]

    #[test]
    fn never_more_uses_than_the_maximum_and_totals_add_up(steps in proptest::collection::vec(step(), 1..30)) {
        let mut t = open_desk();
        let g = given(&mut t.desk);
        for (code, percent, amount, max) in CODES {
            add(&mut t.desk, &g, code, percent, amount, max);
        }
        let mut orders = Vec::new();
        for s in &steps {
            run_step(&mut t, &g, &mut orders, s);
            check(&t.desk, &g);
        }
        let live = t.desk.read_models().discounts.codes(g.conference);
        t.reopen();
        prop_assert_eq!(t.desk.read_models().discounts.codes(g.conference), live);
        check(&t.desk, &g);
    }

    #[test]
    fn a_discount_never_exceeds_the_lines_it_covers(
        totals in proptest::collection::vec(0..1_000_000_i64, 0..5),
        percent in 1..=100_u8,
        fixed in 1..2_000_000_i64,
        seat in proptest::option::of(0..5_u128),
    ) {
        let lines: Vec<OrderLine> = totals.iter().enumerate().map(|(i, t)| OrderLine {
            seat_type: SeatTypeId(uuid::Uuid::from_u128(i as u128)),
            unit_price: *t,
            quantity: 1,
            line_total: *t,
        }).collect();
        let seat_type = seat.map(|s| SeatTypeId(uuid::Uuid::from_u128(s)));
        let covered: i64 = lines.iter().filter(|l| seat_type.is_none_or(|s| s == l.seat_type)).map(|l| l.line_total).sum();
        for kind in [DiscountKind::Percent(percent), DiscountKind::Fixed(Money::new(fixed, Currency::USD))] {
            let terms = DiscountTerms { code: "X".into(), kind, seat_type };
            let off = discount_amount(&lines, &terms);
            prop_assert!(off >= 0 && off <= covered);
            if let DiscountKind::Percent(p) = kind {
                // Half up: within half a minor unit of the exact share.
                let exact = covered as f64 * f64::from(p) / 100.0;
                prop_assert!((off as f64 - exact).abs() <= 0.5 + 1e-9);
            }
        }
    }
}
