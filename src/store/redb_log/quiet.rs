//! Catching the storage engine's panics without letting their text reach
//! the user.
//!
//! redb may panic on a file damaged outside it (a flipped bit in a B-tree
//! page makes it index out of bounds in `btree_base.rs`). Every call into
//! redb is run under [`quietly`], which catches the panic so that it can be
//! reported as a damaged log in one clear line. Catching is not enough: the
//! default panic hook prints the panic's text (and, under
//! `RUST_BACKTRACE=1`, a backtrace) to stderr *before* the unwinding reaches
//! `catch_unwind`. So the first call installs, once per process, a hook that
//! stays silent while the panicking thread is inside [`quietly`] (a
//! thread-local depth) and passes every other panic to the hook that was
//! there before. Code run inside [`quietly`] that is not the engine's (the
//! callback of a scan) runs under [`loud`], so its panics are still shown.

use std::cell::Cell;
use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;

thread_local! {
    /// How many [`quietly`] calls this thread is inside (minus [`loud`] ones).
    static DEPTH: Cell<u32> = const { Cell::new(0) };
}

/// Installs the filtering hook, once per process.
static INSTALL: Once = Once::new();

/// Sets [`DEPTH`] for the life of the guard, restoring it when dropped
/// (also while unwinding).
struct DepthGuard(u32);

impl DepthGuard {
    fn set(depth: u32) -> DepthGuard {
        DepthGuard(DEPTH.with(|d| d.replace(depth)))
    }
}

impl Drop for DepthGuard {
    fn drop(&mut self) {
        DEPTH.with(|d| d.set(self.0));
    }
}

fn install_hook() {
    INSTALL.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if DEPTH.with(Cell::get) == 0 {
                previous(info);
            }
        }));
    });
}

/// Runs `f`, catching a panic without printing it; `Err` holds the payload.
pub(crate) fn quietly<T>(f: impl FnOnce() -> T) -> std::thread::Result<T> {
    install_hook();
    let depth = DEPTH.with(Cell::get);
    let _guard = DepthGuard::set(depth.saturating_add(1));
    panic::catch_unwind(AssertUnwindSafe(f))
}

/// Runs `f` (code that is not the engine's, inside a [`quietly`] call) with
/// its panics shown as usual.
pub(crate) fn loud<T>(f: impl FnOnce() -> T) -> T {
    let _guard = DepthGuard::set(0);
    f()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_quiet_panic_is_caught_and_the_depth_restored() {
        let caught = quietly(|| -> u8 { panic!("engine") });
        assert!(caught.is_err());
        assert_eq!(DEPTH.with(Cell::get), 0);
        let nested = quietly(|| {
            assert_eq!(DEPTH.with(Cell::get), 1);
            loud(|| DEPTH.with(Cell::get))
        });
        assert_eq!(nested.unwrap(), 0);
        assert_eq!(DEPTH.with(Cell::get), 0);
    }
}
