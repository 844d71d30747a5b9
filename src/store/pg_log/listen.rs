//! The watcher of a shared log: a thread with its own connection that
//! `LISTEN`s for the notification every append sends on commit, and looks
//! at the log's last position every [`POLL_EVERY`] as well — a
//! notification sent while this connection was down is lost, a look by
//! position is not. It reconnects by itself, saying "offline" meanwhile.

use postgres::fallible_iterator::FallibleIterator;
use postgres::{Client, Config};
use std::sync::Arc;
use std::time::{Duration, Instant};

use super::{PgLog, schema};
use crate::store::watch::{Link, POLL_EVERY, Wake, Watch, WatchState};

/// The channel appends notify on, with the new last position as payload.
pub(super) const CHANNEL: &str = "confdesk_events";

/// How long the watcher waits before trying a lost server again.
const RETRY_EVERY: Duration = Duration::from_secs(1);

impl PgLog {
    /// Starts the watcher thread; news is what lies beyond `from`.
    pub(super) fn start_watch(&self, from: u64, wake: Wake) -> Option<Watch> {
        let state = WatchState::new(from);
        let config = self.config.clone();
        let database = self.database.clone();
        let shared = Arc::clone(&state);
        std::thread::Builder::new()
            .name("confdesk-watch".to_owned())
            .spawn(move || run(&config, &database, &shared, &wake))
            .ok()?;
        Some(Watch::new(state))
    }
}

/// Watches until the [`Watch`] is dropped.
fn run(config: &Config, database: &str, state: &WatchState, wake: &Wake) {
    while !state.stopped() {
        if let Err(detail) = listen(config, database, state, wake) {
            tracing::warn!(database, %detail, "shared log: server out of reach");
            let since = Instant::now();
            if state.set_link(Link::Offline { since, detail }) {
                wake();
            }
            let until = since + RETRY_EVERY;
            while Instant::now() < until && !state.stopped() {
                std::thread::sleep(Duration::from_millis(50));
            }
        }
    }
}

/// One connection's life: listen and look until it fails or the watch ends.
fn listen(config: &Config, database: &str, state: &WatchState, wake: &Wake) -> Result<(), String> {
    let mut client = schema::connect(config, database).map_err(|e| e.to_string())?;
    client
        .batch_execute(&format!("LISTEN {CHANNEL}"))
        .map_err(|e| super::describe(&e))?;
    if state.set_link(Link::Online) {
        tracing::info!(database, "shared log: connected");
        wake();
    }
    while !state.stopped() {
        if state.saw(last_position(&mut client)?) {
            wake();
        }
        let mut notifications = client.notifications();
        // The first notification ends the wait: the look above (next turn)
        // takes the position from the log itself.
        let heard = notifications
            .timeout_iter(POLL_EVERY)
            .next()
            .map_err(|e| super::describe(&e))?;
        if heard.is_some() {
            // Later notifications of the same burst say nothing new.
            while let Ok(Some(_)) = notifications.iter().next() {}
        }
    }
    Ok(())
}

fn last_position(client: &mut Client) -> Result<u64, String> {
    let last: i64 = client
        .query_one(
            "SELECT coalesce(max(position), 0) FROM confdesk_events",
            &[],
        )
        .and_then(|row| row.try_get(0))
        .map_err(|e| super::describe(&e))?;
    Ok(u64::try_from(last).unwrap_or(0))
}
