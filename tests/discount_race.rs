//! Issue 18.7 on a shared PostgreSQL log: a discount code is never used
//! more than its maximum, even by several desks at once. Every use is an
//! event of the conference's one discount stream, so desks that redeem the
//! last uses together race on that stream's expected version exactly as
//! they race on SeatsAvailability's for the last seats: one append wins,
//! the others catch up, decide again and are refused as used up.

mod common;
use common::pg;
use common::shared::desk_on;
use common::{journey_conference, start};
use confdesk::app::{AppError, DiscountDraft, ManualClock, Outcome, UserCommand};
use confdesk::store::OpenMode;

const DESKS: usize = 6;
const ORDERS_PER_DESK: usize = 3;
const MAX_USES: u32 = 5;

#[test]
fn racing_desks_redeem_a_code_exactly_max_uses_times() {
    let Some(url) = pg::fresh_database("discount_race") else {
        return;
    };
    let clock = ManualClock::new(start());
    let mut first = desk_on(&url, &clock, OpenMode::Create);
    let key = journey_conference(&mut first, "summit", 1000);
    let access = first.authorize_organizer(&key).unwrap();
    let draft = DiscountDraft {
        code: "RACE".into(),
        percent: "50".into(),
        max_uses: MAX_USES.to_string(),
        valid_until: "2027-01-31".into(),
        ..DiscountDraft::default()
    };
    first
        .run(UserCommand::AddDiscountCode {
            access: access.clone(),
            draft,
        })
        .unwrap();
    let conference = first.read_models().conferences.by_slug("summit").unwrap();
    let general = conference.seat_types[0].id;
    drop(first);
    let barrier = std::sync::Barrier::new(DESKS);
    let outcomes: Vec<Vec<Result<Outcome, AppError>>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..DESKS)
            .map(|_| {
                let (url, clock, barrier) = (url.clone(), clock.clone(), &barrier);
                scope.spawn(move || {
                    let mut desk = desk_on(&url, &clock, OpenMode::ReadWrite);
                    barrier.wait();
                    (0..ORDERS_PER_DESK)
                        .map(|_| {
                            desk.run(UserCommand::PlaceDiscountedOrder {
                                conference: conference.id,
                                seats: vec![(general, 1)],
                                code: "race".into(),
                            })
                        })
                        .collect()
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let all: Vec<_> = outcomes.into_iter().flatten().collect();
    let won = all.iter().filter(|r| r.is_ok()).count();
    assert_eq!(won, MAX_USES as usize, "exactly max uses succeed");
    for refused in all.iter().filter_map(|r| r.as_ref().err()) {
        assert!(
            matches!(refused, AppError::Conflict(_))
                && refused
                    .to_string()
                    .contains("was used 5 times: its maximum"),
            "{refused}"
        );
    }
    // A desk opened now replays the same count, and every order that won
    // carries the discount line; the refused placed nothing.
    let mut late = desk_on(&url, &clock, OpenMode::ReadOnly);
    let access = late.authorize_organizer(&key).unwrap();
    let codes = late.discount_codes(&access);
    assert_eq!(codes[0].uses, MAX_USES);
    let orders = late.read_models().orders.for_conference(conference.id);
    assert_eq!(orders.len(), MAX_USES as usize);
    assert!(orders.iter().all(|o| o.discount.is_some()));
}
