//! Desks on a shared PostgreSQL log, for the tests of issue 15: opening one
//! on a database's URL, and what a desk knows in a form two desks can be
//! compared by.

use confdesk::app::{AppError, Desk, LogLocation, ManualClock, OrderKey, OrganizerKey, Settings};
use confdesk::store::OpenMode;
use std::sync::Arc;

/// A desk on the shared log at `url`, or why it could not open.
pub fn try_desk_on(url: &str, clock: &ManualClock, mode: OpenMode) -> Result<Desk, AppError> {
    Desk::open_at(
        &LogLocation::parse(url),
        mode,
        Arc::new(clock.clone()),
        Settings::default(),
        &mut |_, _| {},
    )
}

/// A desk on the shared log at `url`.
///
/// # Panics
/// When it can't be opened.
pub fn desk_on(url: &str, clock: &ManualClock, mode: OpenMode) -> Desk {
    try_desk_on(url, clock, mode).unwrap_or_else(|e| panic!("open {url}: {e}"))
}

/// Seats reserved by `order` as `desk` sees it.
pub fn reserved(desk: &Desk, order: &OrderKey) -> u32 {
    let view = desk.registration().order(order).expect("the order");
    view.lines.iter().map(|l| l.reserved).sum()
}

/// What a desk knows, comparable across desks: every order of the
/// conference with its status, lines and total, and the log's figures.
pub fn snapshot(desk: &mut Desk, key: &OrganizerKey) -> String {
    let access = desk.authorize_organizer(key).expect("access");
    let mut orders = desk.organizer().organizer_orders(&access);
    orders.sort_by_key(|o| o.id);
    let lines: Vec<String> = orders
        .iter()
        .map(|o| format!("{} {:?} {:?} {:?}", o.id, o.status, o.lines, o.total))
        .collect();
    format!("{}\n{:?}", lines.join("\n"), desk.stats())
}
