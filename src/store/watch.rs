//! Watching a shared log for other desks' appends (issue 15 item 3) on a
//! thread of its own, so that no frame of the window ever waits on the
//! network: the watcher only says *that* something arrived (or that the
//! server is gone), and the desk then reads by position as it always does.
//!
//! A store that others cannot append to (the redb file, held by one
//! process) has nothing to watch: [`super::EventStore::watch`] returns
//! `None` for it.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

/// What wakes the follower: called from the watcher's thread when news
/// arrived or the link changed (the window asks egui for a repaint).
pub type Wake = Arc<dyn Fn() + Send + Sync>;

/// The link to the server, as the watcher last saw it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Link {
    /// Not connected yet.
    Connecting,
    /// Connected and listening.
    Online,
    /// The server could not be reached since `since`; `detail` says why.
    Offline {
        /// When the link was lost.
        since: Instant,
        /// The client's or server's words.
        detail: String,
    },
}

/// What a watcher thread shares with its [`Watch`].
#[derive(Debug)]
pub struct WatchState {
    news: AtomicBool,
    last_position: AtomicU64,
    link: Mutex<Link>,
    stop: AtomicBool,
}

impl WatchState {
    /// A fresh state: connecting, no news; the desk holds the log up to
    /// `position`.
    pub fn new(position: u64) -> Arc<Self> {
        Arc::new(Self {
            news: AtomicBool::new(false),
            last_position: AtomicU64::new(position),
            link: Mutex::new(Link::Connecting),
            stop: AtomicBool::new(false),
        })
    }

    /// The watcher saw the log end at `position`: news if it grew.
    pub fn saw(&self, position: u64) -> bool {
        let before = self.last_position.fetch_max(position, Ordering::AcqRel);
        if position > before {
            self.news.store(true, Ordering::Release);
            true
        } else {
            false
        }
    }

    /// Sets the link; returns whether it changed.
    pub fn set_link(&self, link: Link) -> bool {
        let mut current = self.link.lock().unwrap_or_else(PoisonError::into_inner);
        let changed = match (&*current, &link) {
            (Link::Offline { .. }, Link::Offline { .. }) => false,
            (a, b) => a != b,
        };
        if changed {
            *current = link;
        }
        changed
    }

    /// Whether the [`Watch`] was dropped: the thread ends.
    pub fn stopped(&self) -> bool {
        self.stop.load(Ordering::Acquire)
    }
}

/// A running watcher. Dropping it stops the thread (within about a second).
#[derive(Debug)]
pub struct Watch {
    state: Arc<WatchState>,
}

impl Watch {
    /// A watch over a thread that shares `state`.
    pub fn new(state: Arc<WatchState>) -> Self {
        Self { state }
    }

    /// Whether other desks appended since the last call (and clears it).
    pub fn take_news(&self) -> bool {
        self.state.news.swap(false, Ordering::AcqRel)
    }

    /// The link as last seen.
    pub fn link(&self) -> Link {
        self.state
            .link
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// Whether the server was reachable at the last look.
    pub fn is_online(&self) -> bool {
        matches!(self.link(), Link::Online)
    }
}

impl Drop for Watch {
    fn drop(&mut self) {
        self.state.stop.store(true, Ordering::Release);
    }
}

/// How often the watcher looks at the log's end even without a
/// notification: a notification sent while the connection was down is
/// lost, a look by position never is.
pub const POLL_EVERY: Duration = Duration::from_millis(500);
