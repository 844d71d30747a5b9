//! Name badges: one per purchased seat, with the name as large as fits,
//! the seat type, the conference's name and dates, and the seat's QR code
//! as vector squares (sharp at any printer resolution).
//!
//! Three sizes: A4 sheets of 2×4 badges of 100×70 mm (the common insert of
//! a landscape badge holder) with cut marks in the margins; single A6
//! pages (148×105 mm, landscape); and single 102×76 mm labels (4"×3", the
//! usual direct-thermal badge label roll).

use super::canvas::{Canvas, Ink, MM, Sheet};
use super::{ConferenceHeading, FontSet, Paper, PdfError};
use crate::app::qr::qr_matrix;
use crate::domain::Message;
use crate::domain::message::Words;

/// A badge's paper.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum BadgeSize {
    /// A4 portrait sheets, 2×4 badges of 100×70 mm, cut marks.
    #[default]
    A4,
    /// One badge per A6 page, landscape (148×105 mm).
    A6,
    /// One badge per 102×76 mm label (4"×3").
    Label,
}

impl BadgeSize {
    /// Every size, as `--size` takes them.
    pub const ALL: [BadgeSize; 3] = [BadgeSize::A4, BadgeSize::A6, BadgeSize::Label];

    /// Badges per page.
    pub fn per_page(self) -> usize {
        match self {
            BadgeSize::A4 => 8,
            BadgeSize::A6 | BadgeSize::Label => 1,
        }
    }

    /// The name `--size` takes.
    pub fn as_str(self) -> &'static str {
        match self {
            BadgeSize::A4 => "a4",
            BadgeSize::A6 => "a6",
            BadgeSize::Label => "label",
        }
    }

    /// The page, in millimetres.
    fn page_mm(self) -> (f32, f32) {
        match self {
            BadgeSize::A4 => (210.0, 297.0),
            BadgeSize::A6 => (148.0, 105.0),
            BadgeSize::Label => (102.0, 76.0),
        }
    }

    /// One badge, in millimetres.
    fn badge_mm(self) -> (f32, f32) {
        match self {
            BadgeSize::A4 => (100.0, 70.0),
            other => other.page_mm(),
        }
    }
}

/// One badge's contents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadgeView {
    /// The name to print; empty: a blank badge with a line to write on.
    pub name: String,
    /// The seat type.
    pub seat_type: String,
    /// The order's code, printed small (what the door types when the QR
    /// will not scan).
    pub order_code: String,
    /// What the QR code holds (see `paper::badge_qr_text`).
    pub qr_text: String,
}

/// The badges of `badges` on `size` paper.
pub fn badges_pdf(
    conference: &ConferenceHeading,
    badges: &[BadgeView],
    size: BadgeSize,
    words: &dyn Words,
    fonts: FontSet,
) -> Result<Paper, PdfError> {
    let (page_w, page_h) = size.page_mm();
    let (badge_w, badge_h) = size.badge_mm();
    let per_page = size.per_page();
    let (cols, rows) = if per_page == 8 { (2, 4) } else { (1, 1) };
    let left = (page_w - badge_w * cols as f32) / 2.0;
    let top = (page_h - badge_h * rows as f32) / 2.0;
    let dates = conference.dates(words);
    let mut sheet = Sheet::new(fonts);
    let chunks: Vec<&[BadgeView]> = if badges.is_empty() {
        vec![&[]]
    } else {
        badges.chunks(per_page).collect()
    };
    for chunk in &chunks {
        sheet.page(page_w * MM, page_h * MM, |canvas| {
            if per_page > 1 {
                cut_marks(
                    canvas,
                    (page_w, page_h),
                    (left, top),
                    (badge_w, badge_h),
                    (cols, rows),
                );
            }
            for (i, badge) in chunk.iter().enumerate() {
                let x = left + badge_w * (i % cols) as f32;
                let y = top + badge_h * (i / cols) as f32;
                let frame = Frame {
                    x: x * MM,
                    y: y * MM,
                    w: badge_w * MM,
                    h: badge_h * MM,
                };
                badge_ui(canvas, frame, conference, &dates, badge, words);
            }
        });
    }
    let (bytes, missing) = sheet.finish().map_err(PdfError)?;
    Ok(Paper {
        bytes,
        pages: chunks.len(),
        missing,
    })
}

/// A badge's place on the page, in points.
#[derive(Debug, Clone, Copy)]
struct Frame {
    x: f32,
    y: f32,
    w: f32,
    h: f32,
}

/// Short lines in the margins where the sheet is cut, never across a badge.
fn cut_marks(
    canvas: &mut Canvas<'_, '_>,
    (page_w, page_h): (f32, f32),
    (left, top): (f32, f32),
    (badge_w, badge_h): (f32, f32),
    (cols, rows): (usize, usize),
) {
    let gap = 1.0;
    for c in 0..=cols {
        let x = (left + badge_w * c as f32) * MM;
        canvas.line((x, 0.0), (x, (top - gap) * MM), 0.3);
        canvas.line((x, (page_h - top + gap) * MM), (x, page_h * MM), 0.3);
    }
    for r in 0..=rows {
        let y = (top + badge_h * r as f32) * MM;
        canvas.line((0.0, y), ((left - gap) * MM, y), 0.3);
        canvas.line(((page_w - left + gap) * MM, y), (page_w * MM, y), 0.3);
    }
}

/// One badge inside `f`.
fn badge_ui(
    canvas: &mut Canvas<'_, '_>,
    f: Frame,
    conference: &ConferenceHeading,
    dates: &str,
    badge: &BadgeView,
    words: &dyn Words,
) {
    // Every size is the A4 badge scaled: the same proportions on any paper.
    let scale = f.h / (70.0 * MM);
    let pad = 6.0 * MM * scale;
    let inner = f.w - 2.0 * pad;
    let x = f.x + pad;
    canvas.text_clipped(
        x,
        f.y + pad + 9.0 * scale,
        10.0 * scale,
        inner,
        &conference.name,
    );
    canvas.text(x, f.y + pad + 20.0 * scale, 8.0 * scale, Ink::Grey, dates);
    let name_y = f.y + f.h * 0.47;
    if badge.name.trim().is_empty() {
        canvas.line((x, name_y), (x + inner, name_y), 0.5);
        let label = Message::new("Name").render(words);
        canvas.text(x, name_y + 9.0 * scale, 7.0 * scale, Ink::Grey, &label);
    } else {
        let size = canvas.fit(&badge.name, 26.0 * scale, 9.0 * scale, inner);
        canvas.text_clipped(x, name_y, size, inner, &badge.name);
    }
    let qr_side = f.h * 0.42;
    let qr_x = f.x + f.w - pad - qr_side + 2.0 * scale;
    let qr_y = f.y + f.h - pad - qr_side + 2.0 * scale;
    if let Ok(matrix) = qr_matrix(&badge.qr_text) {
        canvas.qr(qr_x, qr_y, qr_side, &matrix);
    }
    let text_w = qr_x - x - 2.0 * scale;
    let bottom = f.y + f.h - pad;
    canvas.text_clipped(
        x,
        bottom - 12.0 * scale,
        12.0 * scale,
        text_w,
        &badge.seat_type,
    );
    canvas.text(x, bottom, 8.0 * scale, Ink::Grey, &badge.order_code);
}
