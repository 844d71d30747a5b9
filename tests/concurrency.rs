//! Concurrency: several threads (registrants at the window, a background
//! expiry tick) share one desk. However their actions interleave, never
//! more seats are reserved or sold than the quota. A second process on a
//! log in use is covered in tests/store.rs and tests/cli.rs ("in use").

mod common;
use common::ByName as _;

use chrono::Duration;
use common::{journey_conference, open_desk};
use confdesk::app::projections::OrderStatusView;
use confdesk::app::{Desk, OrderKey};
use std::sync::{Arc, Barrier, Mutex};

fn lock(desk: &Mutex<Desk>) -> std::sync::MutexGuard<'_, Desk> {
    desk.lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

#[test]
fn four_registrants_racing_for_the_last_four_workshop_seats() {
    let mut t = open_desk();
    let org = journey_conference(&mut t.desk, "race", 100);
    let org_access = t.desk.authorize_organizer(&org).unwrap();
    let desk = Arc::new(Mutex::new(std::mem::replace(&mut t.desk, open_desk().desk)));
    let barrier = Arc::new(Barrier::new(4));
    let handles: Vec<_> = (0..4)
        .map(|_| {
            let (desk, barrier) = (desk.clone(), barrier.clone());
            std::thread::spawn(move || {
                barrier.wait();
                let confdesk::app::OrderKey {
                    order_id,
                    access_code,
                } = lock(&desk)
                    .place_order_named("race", &[("CQRS Workshop".into(), 2)])
                    .unwrap();
                let order = lock(&desk)
                    .registration()
                    .order(&OrderKey {
                        order_id,
                        access_code,
                    })
                    .unwrap();
                (order.status, order.lines[0].reserved)
            })
        })
        .collect();
    let mut outcomes: Vec<_> = handles.into_iter().map(|h| h.join().unwrap()).collect();
    outcomes.sort_by_key(|(_, r)| std::cmp::Reverse(*r));
    assert_eq!(
        outcomes,
        vec![
            (OrderStatusView::ReservationCompleted, 2),
            (OrderStatusView::ReservationCompleted, 2),
            (OrderStatusView::PartiallyReserved, 0),
            (OrderStatusView::PartiallyReserved, 0),
        ]
    );
    let ws = lock(&desk)
        .organizer()
        .organizer_conference(&org_access)
        .unwrap()
        .seat_types[1]
        .clone();
    assert_eq!((ws.reserved, ws.left), (4, 0));
}

#[test]
fn many_threads_and_a_ticking_clock_never_oversell() {
    let mut t = open_desk();
    let org = journey_conference(&mut t.desk, "rush", 30);
    let org_access = t.desk.authorize_organizer(&org).unwrap();
    let clock = t.clock.clone();
    let desk = Arc::new(Mutex::new(std::mem::replace(&mut t.desk, open_desk().desk)));
    let mut handles = Vec::new();
    for n in 0..6 {
        let desk = desk.clone();
        handles.push(std::thread::spawn(move || {
            let mut confirmed = 0;
            for i in 0..15 {
                let placed = lock(&desk)
                    .place_order_named("rush", &[("General admission".into(), 1 + (n + i) % 3)]);
                let Ok(confdesk::app::OrderKey {
                    order_id,
                    access_code,
                }) = placed
                else {
                    continue;
                };
                let key = OrderKey {
                    order_id,
                    access_code,
                };
                if (n + i) % 2 == 0 {
                    let mut d = lock(&desk);
                    let paid = d
                        .registration_mut()
                        .assign_registrant(&key, "Ana", "Lima", "ana@example.com")
                        .and_then(|()| d.registration_mut().pay(&key, true));
                    confirmed += usize::from(paid.is_ok());
                }
            }
            confirmed
        }));
    }
    // The background tick: time passes and expiries fire while orders land.
    let ticker = {
        let desk = desk.clone();
        std::thread::spawn(move || {
            for _ in 0..30 {
                clock.advance(Duration::minutes(1));
                let _ = lock(&desk).tick();
                std::thread::yield_now();
            }
        })
    };
    let confirmed: usize = handles.into_iter().map(|h| h.join().unwrap()).sum();
    ticker.join().unwrap();
    let d = lock(&desk);
    let g = d
        .organizer()
        .organizer_conference(&org_access)
        .unwrap()
        .seat_types[0]
        .clone();
    assert!(g.reserved + g.sold <= 30 && g.left >= 0, "{g:?}");
    assert_eq!(g.left + g.reserved + g.sold, 30);
    assert!(confirmed > 0);
    let report = d.verify().unwrap();
    assert!(report.violations.is_empty(), "{:?}", report.violations);
}
