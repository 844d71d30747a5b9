//! Given (past events) / when (command) / then (events or error) for the
//! DiscountCodes aggregate, and the rounding of [`discount_amount`].

use super::*;
use crate::domain::Money;
use crate::domain::testing::given_when;
use uuid::Uuid;

const C: ConferenceId = ConferenceId(Uuid::from_u128(1));
fn o(n: u128) -> OrderId {
    OrderId(Uuid::from_u128(10 + n))
}
fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2027, 1, d).unwrap()
}
fn created(code: &str, max_uses: u32) -> Event {
    DiscountCodeCreated {
        conference_id: C,
        code: code.into(),
        kind: DiscountKind::Percent(20),
        seat_type: None,
        max_uses,
        valid_until: day(31),
    }
    .into()
}
fn redeemed(code: &str, n: u128) -> Event {
    DiscountCodeRedeemed {
        conference_id: C,
        code: code.into(),
        order_id: o(n),
    }
    .into()
}
fn released(code: &str, n: u128) -> Event {
    DiscountCodeReleased {
        conference_id: C,
        code: code.into(),
        order_id: o(n),
    }
    .into()
}
fn create(code: &str, kind: DiscountKind, max_uses: u32) -> DiscountCommand {
    DiscountCommand::CreateDiscountCode {
        code: code.into(),
        kind,
        seat_type: None,
        max_uses,
        valid_until: day(31),
        currency: Currency::EUR,
        today: day(1),
    }
}
fn redeem(code: &str, n: u128, d: u32) -> DiscountCommand {
    DiscountCommand::RedeemDiscountCode {
        code: code.into(),
        order_id: o(n),
        today: day(d),
    }
}
fn when(given: &[Event], cmd: DiscountCommand) -> Result<Vec<Event>, DomainError> {
    given_when(DiscountCodes::new(C), given, &cmd)
}
fn conflict(given: &[Event], cmd: DiscountCommand) -> String {
    match when(given, cmd) {
        Err(DomainError::Conflict(m)) => m.to_string(),
        other => panic!("expected a conflict, got {other:?}"),
    }
}
fn fields(given: &[Event], cmd: DiscountCommand) -> Vec<String> {
    match when(given, cmd) {
        Err(DomainError::Validation(errors)) => errors.iter().map(ToString::to_string).collect(),
        other => panic!("expected a validation error, got {other:?}"),
    }
}

#[test]
fn create_stores_the_code_in_capitals() {
    let e = when(&[], create(" spring ", DiscountKind::Percent(20), 2)).unwrap();
    assert_eq!(e, vec![created("SPRING", 2)]);
}

#[test]
fn create_names_the_shape_and_range_rules() {
    assert_eq!(
        fields(&[], create("ab", DiscountKind::Percent(5), 1)),
        ["discount code: must be 3 to 20 characters"]
    );
    assert_eq!(
        fields(&[], create("no spaces", DiscountKind::Percent(5), 1)),
        ["discount code: only letters A-Z, digits 0-9, '-' and '_'"]
    );
    assert_eq!(
        fields(&[], create("ZERO", DiscountKind::Percent(0), 0)),
        [
            "discount: a percent must be 1 to 100",
            "max uses: must be 1 to 1000000"
        ]
    );
    assert_eq!(
        fields(&[], create("a b", DiscountKind::Percent(101), 0)).len(),
        3,
        "every broken field at once"
    );
    let dollars = DiscountKind::Fixed(Money::new(500, Currency::USD));
    assert_eq!(
        fields(&[], create("USD", dollars, 1)),
        ["discount: an amount must be above 0, in EUR"]
    );
    let past = DiscountCommand::CreateDiscountCode {
        code: "OLD".into(),
        kind: DiscountKind::Percent(5),
        seat_type: None,
        max_uses: 1,
        valid_until: day(1),
        currency: Currency::EUR,
        today: day(2),
    };
    assert_eq!(fields(&[], past), ["valid until: must be today or later"]);
}

#[test]
fn create_refuses_a_code_the_conference_has_in_any_case() {
    assert_eq!(
        fields(
            &[created("SPRING", 2)],
            create("Spring", DiscountKind::Percent(5), 1)
        ),
        ["discount code: SPRING already exists for this conference"]
    );
}

#[test]
fn redeem_takes_one_use_case_insensitively_and_once_per_order() {
    let given = [created("SPRING", 2)];
    assert_eq!(
        when(&given, redeem("spring", 1, 5)).unwrap(),
        vec![redeemed("SPRING", 1)]
    );
    let again = [created("SPRING", 2), redeemed("SPRING", 1)];
    assert_eq!(when(&again, redeem("SPRING", 1, 5)).unwrap(), vec![]);
}

#[test]
fn redeem_is_refused_when_used_up_expired_revoked_or_unknown() {
    let used_up = [created("SPRING", 1), redeemed("SPRING", 1)];
    assert_eq!(
        conflict(&used_up, redeem("SPRING", 2, 5)),
        "discount code SPRING was used 1 time: its maximum"
    );
    let given = [created("SPRING", 2)];
    assert_eq!(when(&given, redeem("SPRING", 2, 31)).unwrap().len(), 1);
    let next_day = DiscountCommand::RedeemDiscountCode {
        code: "SPRING".into(),
        order_id: o(2),
        today: NaiveDate::from_ymd_opt(2027, 2, 1).unwrap(),
    };
    assert_eq!(
        conflict(&given, next_day),
        "discount code SPRING expired on 2027-01-31"
    );
    let revoked = [
        created("SPRING", 2),
        DiscountCodeRevoked {
            conference_id: C,
            code: "SPRING".into(),
        }
        .into(),
    ];
    assert_eq!(
        conflict(&revoked, redeem("SPRING", 2, 5)),
        "discount code SPRING was revoked"
    );
    assert!(matches!(
        when(&given, redeem("WINTER", 2, 5)),
        Err(DomainError::NotFound(_))
    ));
}

#[test]
fn a_released_use_can_be_taken_again() {
    let given = [
        created("SPRING", 1),
        redeemed("SPRING", 1),
        released("SPRING", 1),
    ];
    assert_eq!(
        when(&given, redeem("SPRING", 2, 5)).unwrap(),
        vec![redeemed("SPRING", 2)]
    );
}

#[test]
fn another_code_for_the_same_order_gives_the_first_back() {
    let given = [
        created("SPRING", 1),
        created("VIP", 1),
        redeemed("SPRING", 1),
    ];
    assert_eq!(
        when(&given, redeem("VIP", 1, 5)).unwrap(),
        vec![released("SPRING", 1), redeemed("VIP", 1)]
    );
}

#[test]
fn release_gives_back_only_a_held_use() {
    let given = [created("SPRING", 1), redeemed("SPRING", 1)];
    let release = |n| DiscountCommand::ReleaseDiscountCode { order_id: o(n) };
    assert_eq!(
        when(&given, release(1)).unwrap(),
        vec![released("SPRING", 1)]
    );
    assert_eq!(when(&given, release(2)).unwrap(), vec![]);
}

#[test]
fn revoke_once_then_nothing_and_unknown_is_not_found() {
    let revoke = |c: &str| DiscountCommand::RevokeDiscountCode { code: c.into() };
    let given = [created("SPRING", 1)];
    let revoked: Event = DiscountCodeRevoked {
        conference_id: C,
        code: "SPRING".into(),
    }
    .into();
    assert_eq!(
        when(&given, revoke("spring")).unwrap(),
        vec![revoked.clone()]
    );
    assert_eq!(
        when(&[created("SPRING", 1), revoked], revoke("SPRING")).unwrap(),
        vec![]
    );
    assert!(matches!(
        when(&given, revoke("NOPE")),
        Err(DomainError::NotFound(_))
    ));
}

fn line(seat: u128, line_total: i64) -> OrderLine {
    OrderLine {
        seat_type: SeatTypeId(Uuid::from_u128(seat)),
        unit_price: line_total,
        quantity: 1,
        line_total,
    }
}
fn terms(kind: DiscountKind, seat: Option<u128>) -> DiscountTerms {
    DiscountTerms {
        code: "X".into(),
        kind,
        seat_type: seat.map(|s| SeatTypeId(Uuid::from_u128(s))),
    }
}

#[test]
fn a_percent_rounds_half_up_once_over_the_covered_lines() {
    let p = |n| terms(DiscountKind::Percent(n), None);
    assert_eq!(discount_amount(&[line(1, 99)], &p(20)), 20); // 19.8 → 20
    assert_eq!(discount_amount(&[line(1, 1)], &p(50)), 1); // 0.5 → 1
    assert_eq!(discount_amount(&[line(1, 1)], &p(49)), 0); // 0.49 → 0
    // Taken off the sum, not line by line: 3 × 0.5 would round to 3.
    assert_eq!(
        discount_amount(&[line(1, 1), line(2, 1), line(3, 1)], &p(50)),
        2
    );
    assert_eq!(discount_amount(&[line(1, 19900)], &p(100)), 19900);
}

#[test]
fn a_fixed_amount_covers_only_its_seat_type_and_is_capped() {
    let fixed = |minor, seat| terms(DiscountKind::Fixed(Money::new(minor, Currency::EUR)), seat);
    let lines = [line(1, 19900), line(2, 50000)];
    assert_eq!(discount_amount(&lines, &fixed(1000, Some(2))), 1000);
    assert_eq!(discount_amount(&lines, &fixed(999_999, Some(2))), 50000);
    assert_eq!(discount_amount(&lines, &fixed(999_999, None)), 69900);
    assert_eq!(discount_amount(&lines, &fixed(1000, Some(3))), 0);
}
