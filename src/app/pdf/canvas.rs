//! The few drawing verbs the badge, list and receipt layouts need, over
//! krilla: text in points from a top-left origin (y grows downwards, the
//! baseline given), with per-run font fallback, measured widths and
//! shrink-to-fit; hairlines, boxes and a QR symbol as vector squares.
//! Every text whose characters no font has is remembered, so the export
//! can name what it could not render instead of printing empty boxes
//! silently.

use super::fonts::FontSet;
use crate::app::qr::QrMatrix;
use krilla::Document;
use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::surface::Surface;
use krilla::text::TextDirection;

/// Points per millimetre.
pub const MM: f32 = 72.0 / 25.4;

/// A text's shade: body text is black, secondary text grey.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ink {
    /// Black.
    Black,
    /// Mid grey, for labels and headers.
    Grey,
}

impl Ink {
    fn fill(self) -> Fill {
        let color = match self {
            Ink::Black => rgb::Color::new(0, 0, 0),
            Ink::Grey => rgb::Color::new(90, 90, 90),
        };
        Fill {
            paint: color.into(),
            ..Fill::default()
        }
    }
}

/// A PDF being drawn: its pages, fonts and the texts it could not render.
pub struct Sheet {
    document: Document,
    fonts: FontSet,
    missing: Vec<String>,
}

impl Sheet {
    /// An empty document drawing with `fonts`.
    pub fn new(fonts: FontSet) -> Self {
        Self {
            document: Document::new(),
            fonts,
            missing: Vec::new(),
        }
    }

    /// The fonts, for measuring before a page is drawn.
    pub fn fonts(&mut self) -> &mut FontSet {
        &mut self.fonts
    }

    /// Adds a page of `width`×`height` points and draws it with `draw`.
    pub fn page(&mut self, width: f32, height: f32, draw: impl FnOnce(&mut Canvas<'_, '_>)) {
        // The layouts' page sizes are positive constants.
        let Some(settings) = PageSettings::from_wh(width, height) else {
            return;
        };
        let mut page = self.document.start_page_with(settings);
        {
            // Dropping the surface (with the canvas) ends the page's content.
            let mut canvas = Canvas {
                surface: page.surface(),
                fonts: &mut self.fonts,
                missing: &mut self.missing,
            };
            draw(&mut canvas);
        }
        page.finish();
    }

    /// The PDF's bytes and the texts that had characters no font has
    /// (each once, in drawing order).
    pub fn finish(self) -> Result<(Vec<u8>, Vec<String>), String> {
        let bytes = self.document.finish().map_err(|e| format!("{e:?}"))?;
        let mut missing = self.missing;
        let mut seen = std::collections::HashSet::new();
        missing.retain(|t| seen.insert(t.clone()));
        Ok((bytes, missing))
    }
}

/// One page being drawn.
pub struct Canvas<'a, 'p> {
    surface: Surface<'p>,
    fonts: &'a mut FontSet,
    missing: &'a mut Vec<String>,
}

impl Canvas<'_, '_> {
    /// The width of `text` at `size`.
    pub fn width(&mut self, text: &str, size: f32) -> f32 {
        self.fonts.width(text, size)
    }

    /// Draws `text` with its baseline at (`x`, `y`); returns its width.
    pub fn text(&mut self, x: f32, y: f32, size: f32, ink: Ink, text: &str) -> f32 {
        let (runs, complete) = self.fonts.runs(text);
        if !complete {
            self.missing.push(text.to_owned());
        }
        self.surface.set_fill(Some(ink.fill()));
        self.surface.set_stroke(None);
        let mut at = x;
        for run in runs {
            let Some(font) = self.fonts.font(run.font) else {
                continue;
            };
            self.surface.draw_text(
                Point::from_xy(at, y),
                font,
                size,
                &run.text,
                false,
                TextDirection::Auto,
            );
            at += self.fonts.run_width(run.font, &run.text, size);
        }
        at - x
    }

    /// Draws `text` ending at `right`.
    pub fn text_right(&mut self, right: f32, y: f32, size: f32, ink: Ink, text: &str) {
        let width = self.width(text, size);
        self.text(right - width, y, size, ink, text);
    }

    /// Draws `text` centred on `centre`.
    pub fn text_centred(&mut self, centre: f32, y: f32, size: f32, ink: Ink, text: &str) {
        let width = self.width(text, size);
        self.text(centre - width / 2.0, y, size, ink, text);
    }

    /// The largest size up to `size` (and at least `min`) at which `text`
    /// fits in `max_width`.
    pub fn fit(&mut self, text: &str, size: f32, min: f32, max_width: f32) -> f32 {
        let width = self.width(text, size);
        if width <= max_width || width <= 0.0 {
            return size;
        }
        (size * max_width / width).max(min)
    }

    /// Draws `text` cut with "…" so it fits `max_width` at `size`.
    pub fn text_clipped(&mut self, x: f32, y: f32, size: f32, max_width: f32, text: &str) {
        if self.width(text, size) <= max_width {
            self.text(x, y, size, Ink::Black, text);
            return;
        }
        let mut cut: String = text.to_owned();
        while !cut.is_empty() && self.width(&format!("{cut}…"), size) > max_width {
            cut.pop();
        }
        self.text(x, y, size, Ink::Black, &format!("{cut}…"));
    }

    /// A line from (`x1`, `y1`) to (`x2`, `y2`), `width` points wide.
    pub fn line(&mut self, (x1, y1): (f32, f32), (x2, y2): (f32, f32), width: f32) {
        let mut path = PathBuilder::new();
        path.move_to(x1, y1);
        path.line_to(x2, y2);
        self.stroke(path, width);
    }

    /// The outline of a box.
    pub fn frame(&mut self, x: f32, y: f32, w: f32, h: f32, width: f32) {
        let Some(rect) = Rect::from_xywh(x, y, w, h) else {
            return;
        };
        let mut path = PathBuilder::new();
        path.push_rect(rect);
        self.stroke(path, width);
    }

    fn stroke(&mut self, path: PathBuilder, width: f32) {
        let Some(path) = path.finish() else {
            return;
        };
        self.surface.set_fill(None);
        self.surface.set_stroke(Some(Stroke {
            width,
            ..Stroke::default()
        }));
        self.surface.draw_path(&path);
        self.surface.set_stroke(None);
    }

    /// `matrix` as black squares in a `side`-point square at (`x`, `y`),
    /// with the standard quiet zone inside that square.
    pub fn qr(&mut self, x: f32, y: f32, side: f32, matrix: &QrMatrix) {
        let quiet = crate::app::qr::QUIET_ZONE;
        let modules = matrix.width + 2 * quiet;
        // A QR symbol has at most 177 + 8 modules a side: exact in f32.
        #[allow(clippy::cast_precision_loss)]
        let module = side / modules as f32;
        let mut path = PathBuilder::new();
        for row in 0..matrix.width {
            for col in 0..matrix.width {
                if !matrix.is_dark(col, row) {
                    continue;
                }
                #[allow(clippy::cast_precision_loss)]
                let (mx, my) = ((col + quiet) as f32, (row + quiet) as f32);
                if let Some(r) = Rect::from_xywh(x + mx * module, y + my * module, module, module) {
                    path.push_rect(r);
                }
            }
        }
        let Some(path) = path.finish() else {
            return;
        };
        self.surface.set_stroke(None);
        self.surface.set_fill(Some(Ink::Black.fill()));
        self.surface.draw_path(&path);
    }
}
