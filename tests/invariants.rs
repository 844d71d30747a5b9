//! Property test: any random sequence of conference edits, orders, updates,
//! payments, rejections, check-ins at the door and clock jumps never sells or reserves more than a
//! seat type's quota; for each seat type left + reserved + sold = quota, in
//! the aggregates and in the read models, live and after a replay from disk;
//! the door's counter and check-in times agree with the aggregates (`verify`).

mod common;
use common::ByName as _;

use chrono::Duration;
use common::{journey_conference, open_desk};
use confdesk::app::projections::OrderStatusView;
use confdesk::app::{Desk, DoorAttendee, OrderKey, OrganizerKey, SeatTypeChanges};
use proptest::prelude::*;

const SEATS: [&str; 3] = [
    "General admission",
    "CQRS Workshop",
    "Additional cocktail party",
];

#[derive(Debug, Clone)]
enum Action {
    Place([i64; 3]),
    Update(usize, [i64; 3]),
    Registrant(usize),
    Pay(usize, bool),
    Assign(usize, u32),
    Jump(i64),
    Quota(usize, i64),
    Publish(bool),
    CheckIn(usize, u32, bool),
    UndoCheckIn(usize, u32),
}

fn action() -> impl Strategy<Value = Action> {
    let q = || prop::array::uniform3(0_i64..5);
    prop_oneof![
        4 => q().prop_map(Action::Place),
        2 => (0_usize..8, q()).prop_map(|(i, q)| Action::Update(i, q)),
        3 => (0_usize..8).prop_map(Action::Registrant),
        3 => (0_usize..8, prop::bool::weighted(0.8)).prop_map(|(i, a)| Action::Pay(i, a)),
        1 => (0_usize..8, 0_u32..6).prop_map(|(i, p)| Action::Assign(i, p)),
        2 => (0_i64..20).prop_map(Action::Jump),
        2 => (0_usize..3, 0_i64..12).prop_map(|(s, q)| Action::Quota(s, q)),
        1 => prop::bool::weighted(0.8).prop_map(Action::Publish),
        2 => (0_usize..8, 0_u32..6, prop::bool::ANY).prop_map(|(i, p, n)| Action::CheckIn(i, p, n)),
        1 => (0_usize..8, 0_u32..6).prop_map(|(i, p)| Action::UndoCheckIn(i, p)),
    ]
}

/// Invariants that must hold after every action; returns the first broken one.
fn check(desk: &mut Desk, org: &OrganizerKey) -> Result<(), String> {
    let report = desk.verify().map_err(|e| e.to_string())?;
    if !report.violations.is_empty() {
        return Err(report.violations.join("; "));
    }
    let access = desk.authorize_organizer(org).map_err(|e| e.to_string())?;
    let conf = desk
        .organizer()
        .organizer_conference(&access)
        .map_err(|e| e.to_string())?;
    let orders = desk.organizer().organizer_orders(&access);
    for s in &conf.seat_types {
        if s.left < 0
            || s.reserved < 0
            || s.sold < 0
            || s.left + s.reserved + s.sold != i64::from(s.quota)
        {
            return Err(format!(
                "{}: left {} reserved {} sold {} quota {}",
                s.name, s.left, s.reserved, s.sold, s.quota
            ));
        }
        let held = |open: bool| -> i64 {
            orders
                .iter()
                .filter(|o| {
                    if open {
                        o.status.is_open()
                    } else {
                        o.status == OrderStatusView::Confirmed
                    }
                })
                .flat_map(|o| &o.lines)
                .filter(|l| l.seat_type == s.id)
                .map(|l| i64::from(l.reserved))
                .sum()
        };
        if held(false) != s.sold || held(true) != s.reserved {
            return Err(format!(
                "{}: orders hold {} sold / {} reserved, availability says {} / {}",
                s.name,
                held(false),
                held(true),
                s.sold,
                s.reserved
            ));
        }
    }
    for o in &orders {
        let sum: i64 = o
            .lines
            .iter()
            .filter_map(|l| l.line_total)
            .map(|m| m.minor)
            .sum();
        if o.total.is_some_and(|t| t.minor != sum) {
            return Err(format!(
                "order {}: total is not the sum of its lines",
                o.access_code
            ));
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, max_shrink_iters: 200, ..ProptestConfig::default() })]

    #[test]
    fn no_overbooking_and_counts_add_up(actions in prop::collection::vec(action(), 1..40)) {
        let mut t = open_desk();
        let org = journey_conference(&mut t.desk, "prop-conf", 6);
        let org_access = t.desk.authorize_organizer(&org).unwrap();
        let mut orders: Vec<OrderKey> = Vec::new();
        for a in actions {
            let pick = |i: usize| orders.get(i % orders.len().max(1)).cloned();
            // Refusals (validation, conflicts) are expected; only invariants matter.
            let _ = match a {
                Action::Place(q) => {
                    let lines: Vec<_> = SEATS.iter().zip(q).map(|(n, q)| (n.to_string(), q)).collect();
                    t.desk.place_order_named("prop-conf", &lines).map(|key| orders.push(key))
                }
                Action::Update(i, q) => match pick(i) {
                    Some(k) => t.desk.update_order_named(&k, &SEATS.iter().zip(q).map(|(n, q)| (n.to_string(), q)).collect::<Vec<_>>()),
                    None => Ok(()),
                },
                Action::Registrant(i) => match pick(i) {
                    Some(k) => t.desk.registration_mut().assign_registrant(&k, "Ana", "Lima", "ana@example.com"),
                    None => Ok(()),
                },
                Action::Pay(i, accept) => match pick(i) {
                    Some(k) => t.desk.registration_mut().pay(&k, accept).map(|_| ()),
                    None => Ok(()),
                },
                Action::Assign(i, p) => match pick(i) {
                    Some(k) => t.desk.registration_mut().assign_seat(&k, p, "Min-jun", "Kim", "mj@example.kr"),
                    None => Ok(()),
                },
                Action::Jump(m) => {
                    t.clock.advance(Duration::minutes(m));
                    t.desk.tick().map(|_| ())
                }
                Action::Quota(s, q) => {
                    let seat_type = t.desk.seat_type_id("prop-conf", SEATS[s]);
                    t.desk.organizer_mut().update_seat_type(&org_access, seat_type, SeatTypeChanges { quota: Some(q.to_string()), ..Default::default() })
                }
                Action::Publish(p) => t.desk.organizer_mut().set_published(&org_access, p),
                Action::CheckIn(i, p, named) => match pick(i) {
                    Some(k) => {
                        let name = named.then(|| DoorAttendee { first_name: "Sun".into(), last_name: "Lee".into(), email: None });
                        t.desk.door_mut().check_in(&org_access, &k.access_code, p, name).map(|_| ())
                    }
                    None => Ok(()),
                },
                Action::UndoCheckIn(i, p) => match pick(i) {
                    Some(k) => t.desk.door_mut().undo_check_in(&org_access, &k.access_code, p).map(|_| ()),
                    None => Ok(()),
                },
            };
            prop_assert_eq!(check(&mut t.desk, &org), Ok(()));
        }
        let conf = t.desk.organizer().organizer_conference(&org_access).unwrap();
        let listed = t.desk.organizer().organizer_orders(&org_access);
        let door = t.desk.door().check_in_counts(&org_access).to_vec();
        t.reopen();
        prop_assert_eq!(t.desk.door().check_in_counts(&org_access).to_vec(), door);
        prop_assert_eq!(check(&mut t.desk, &org), Ok(()));
        prop_assert_eq!(t.desk.organizer().organizer_conference(&org_access).unwrap(), conf);
        prop_assert_eq!(t.desk.organizer().organizer_orders(&org_access), listed);
    }
}
