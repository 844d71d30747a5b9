//! Where a screen wants to go after drawing: one type for the three
//! workspaces, each naming its own set of screens (`S`). A screen returns
//! it instead of switching itself, so the workspace owns the switch and the
//! screen being left is dropped in one place.

/// Where a screen wants to go next, among the screens `S` of its workspace.
#[must_use]
pub enum Go<S> {
    /// Stay on this screen.
    Stay,
    /// Move to another screen (the current one's state is dropped).
    To(S),
}
