//! The window's size, place and maximized state between runs, kept in
//! `settings.json` with the other preferences (issue 17 item 3). eframe's
//! own persistence wrote `window.ron` with a plain `File::create`, in
//! place: a crash mid-write left a torn file. Ours goes through the
//! settings' whole-or-nothing save, and what comes back from the file is
//! checked before the window uses it: a size that is not a number, absurd
//! or too small to show the desk is dropped (the default size opens), and
//! so is a place far off any screen.

use eframe::egui::{self, ViewportBuilder};
use serde::{Deserialize, Serialize};

/// The smallest remembered size taken back (logical points): below it the
/// desk's screens cannot be used, so a tiny saved size means a mistake.
const MIN_SIZE: [u32; 2] = [480, 360];
/// The largest: beyond any real screen (a hand edit, a damaged file).
const MAX_SIZE: u32 = 16_384;
/// How far off the origin a remembered place may be (several screens).
const MAX_OFFSET: i32 = 32_768;

/// The window as it was when it closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct WindowGeometry {
    /// Inner width, logical points.
    pub width: u32,
    /// Inner height, logical points.
    pub height: u32,
    /// The outer top-left corner, where the platform tells it (Wayland
    /// never does).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position: Option<[i32; 2]>,
    /// Whether it was maximized.
    #[serde(default)]
    pub maximized: bool,
}

impl WindowGeometry {
    /// `self` if it can be used: the size within bounds, the place (if
    /// any) near the screens; a bad place alone is forgotten.
    pub fn checked(self) -> Option<Self> {
        let size_ok = |v: u32, min: u32| (min..=MAX_SIZE).contains(&v);
        if !size_ok(self.width, MIN_SIZE[0]) || !size_ok(self.height, MIN_SIZE[1]) {
            return None;
        }
        let position = self
            .position
            .filter(|p| p.iter().all(|v| v.abs() <= MAX_OFFSET));
        Some(Self { position, ..self })
    }

    /// `builder` opening at this size, place and state (after [`checked`](Self::checked)).
    pub fn apply(self, mut builder: ViewportBuilder) -> ViewportBuilder {
        builder = builder.with_inner_size([self.width as f32, self.height as f32]);
        if let Some([x, y]) = self.position {
            builder = builder.with_position([x as f32, y as f32]);
        }
        if self.maximized {
            builder = builder.with_maximized(true);
        }
        builder
    }

    /// The window's geometry this frame, if the platform has said its size.
    pub fn capture(ctx: &egui::Context) -> Option<Self> {
        ctx.input(|i| {
            let viewport = i.viewport();
            let inner = viewport.inner_rect?;
            Some(Self {
                width: inner.width().round().max(0.0) as u32,
                height: inner.height().round().max(0.0) as u32,
                position: viewport
                    .outer_rect
                    .map(|r| [r.min.x.round() as i32, r.min.y.round() as i32]),
                maximized: viewport.maximized.unwrap_or(false),
            })
        })
    }
}

/// Reads a remembered geometry leniently: one that does not parse is no
/// geometry, never a reason to lose the other preferences in the file.
pub fn lenient<'de, D>(deserializer: D) -> Result<Option<WindowGeometry>, D::Error>
where
    D: serde::Deserializer<'de>,
{
    let value = Option::<serde_json::Value>::deserialize(deserializer)?;
    Ok(value.and_then(|v| serde_json::from_value(v).ok()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn geometry(width: u32, height: u32, position: Option<[i32; 2]>) -> WindowGeometry {
        WindowGeometry {
            width,
            height,
            position,
            maximized: false,
        }
    }

    #[test]
    fn sizes_out_of_bounds_are_dropped_and_far_places_forgotten() {
        assert_eq!(
            geometry(1100, 720, None).checked(),
            Some(geometry(1100, 720, None))
        );
        assert_eq!(geometry(10, 720, None).checked(), None, "too narrow to use");
        assert_eq!(geometry(1100, 100, None).checked(), None, "too low to use");
        assert_eq!(
            geometry(99_999, 720, None).checked(),
            None,
            "no such screen"
        );
        assert_eq!(
            geometry(1100, 720, Some([-900_000, 40])).checked(),
            Some(geometry(1100, 720, None)),
            "the size stays, the place off every screen goes"
        );
        assert_eq!(
            geometry(1100, 720, Some([-1200, 40])).checked(),
            Some(geometry(1100, 720, Some([-1200, 40]))),
            "a screen left of the main one is a real place"
        );
    }

    #[test]
    fn the_viewport_opens_where_it_closed() {
        let g = WindowGeometry {
            width: 900,
            height: 640,
            position: Some([30, 60]),
            maximized: true,
        };
        let b = g.apply(ViewportBuilder::default());
        assert_eq!(b.inner_size, Some(egui::vec2(900.0, 640.0)));
        assert_eq!(b.position, Some(egui::pos2(30.0, 60.0)));
        assert_eq!(b.maximized, Some(true));
    }
}
