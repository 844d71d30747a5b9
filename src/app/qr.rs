//! QR codes for order codes, so a registrant can show their order at the
//! door: the module matrix (for the window to paint) and a PNG with the
//! standard 4-module quiet zone (for "Save QR as PNG"). Error correction
//! is level M: a printed or phone-screen code survives some smudging and
//! an order code still fits the smallest symbol.

use crate::app::AppError;
use crate::app::output_file::{Protected, write_output};
use crate::domain::{Field, Message};
use qrcode::{EcLevel, QrCode};
use std::path::Path;

/// Light modules around the symbol on every side, as the QR standard asks.
pub const QUIET_ZONE: usize = 4;

/// Pixels per module in the PNG: large enough to print and to scan from a screen.
pub const PNG_SCALE: usize = 8;

/// A QR symbol's modules, row by row (`true` = dark), without quiet zone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QrMatrix {
    /// Modules per side.
    pub width: usize,
    /// `width × width` modules, row-major.
    pub modules: Vec<bool>,
}

impl QrMatrix {
    /// Whether the module at column `x`, row `y` is dark; light outside the symbol
    /// (so the quiet zone needs no special case).
    pub fn is_dark(&self, x: usize, y: usize) -> bool {
        x < self.width
            && y < self.width
            && self
                .modules
                .get(y * self.width + x)
                .copied()
                .unwrap_or(false)
    }
}

/// The QR symbol of `code` (trimmed).
pub fn qr_matrix(code: &str) -> Result<QrMatrix, AppError> {
    let qr =
        QrCode::with_error_correction_level(code.trim().as_bytes(), EcLevel::M).map_err(|e| {
            AppError::field(
                Field::OrderCode,
                Message::new("cannot be drawn as a QR code: {detail}")
                    .text("detail", e.to_string()),
            )
        })?;
    Ok(QrMatrix {
        width: qr.width(),
        modules: qr
            .into_colors()
            .into_iter()
            .map(|c| c == qrcode::Color::Dark)
            .collect(),
    })
}

/// `code` as an 8-bit greyscale PNG: [`PNG_SCALE`] pixels per module and a
/// [`QUIET_ZONE`]-module white border.
pub fn qr_png(code: &str) -> Result<Vec<u8>, AppError> {
    let matrix = qr_matrix(code)?;
    let side_modules = matrix.width + 2 * QUIET_ZONE;
    let side = side_modules * PNG_SCALE;
    let mut pixels = Vec::with_capacity(side * side);
    for py in 0..side {
        let y = (py / PNG_SCALE).wrapping_sub(QUIET_ZONE);
        for px in 0..side {
            let x = (px / PNG_SCALE).wrapping_sub(QUIET_ZONE);
            pixels.push(if matrix.is_dark(x, y) { 0 } else { 255 });
        }
    }
    let png_error = |e: png::EncodingError| AppError::Io {
        path: "QR code PNG".into(),
        detail: e.to_string(),
    };
    let side_px = u32::try_from(side)
        .map_err(|_| AppError::field(Field::OrderCode, Message::new("too long")))?;
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, side_px, side_px);
    encoder.set_color(png::ColorType::Grayscale);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header().map_err(png_error)?;
    writer.write_image_data(&pixels).map_err(png_error)?;
    writer.finish().map_err(png_error)?;
    Ok(out)
}

/// Writes `code`'s QR PNG to `path` (whole or not at all), never over
/// `protected` or anything that is not an ordinary file (refused on the
/// field "file", see [`write_output`]).
pub fn save_qr_png(code: &str, path: &Path, protected: &Protected) -> Result<(), AppError> {
    let bytes = qr_png(code)?;
    write_output(&Field::File, path, protected, &bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    const PNG_SIGNATURE: [u8; 8] = [0x89, b'P', b'N', b'G', b'\r', b'\n', 0x1a, b'\n'];

    #[test]
    fn an_order_code_fits_the_smallest_symbol_and_codes_differ() {
        let a = qr_matrix("ABC123").unwrap();
        assert_eq!(a.width, 21, "version 1");
        assert_eq!(a.modules.len(), 21 * 21);
        // The finder pattern's corner modules are dark; outside is light.
        assert!(a.is_dark(0, 0) && a.is_dark(20, 0) && a.is_dark(0, 20));
        assert!(!a.is_dark(21, 0) && !a.is_dark(usize::MAX, 3));
        assert_ne!(a, qr_matrix("ABC124").unwrap());
        assert_eq!(a, qr_matrix(" ABC123 ").unwrap());
    }

    #[test]
    fn the_png_has_the_signature_the_size_and_a_white_quiet_zone() {
        let bytes = qr_png("ABC123").unwrap();
        assert_eq!(bytes[..8], PNG_SIGNATURE);
        // IHDR follows the signature: length, "IHDR", width, height (big-endian).
        assert_eq!(&bytes[12..16], b"IHDR");
        let side = u32::try_from((21 + 2 * QUIET_ZONE) * PNG_SCALE).unwrap();
        assert_eq!(bytes[16..20], side.to_be_bytes());
        assert_eq!(bytes[20..24], side.to_be_bytes());
        let mut decoder = png::Decoder::new(std::io::Cursor::new(bytes));
        decoder.set_transformations(png::Transformations::IDENTITY);
        let mut reader = decoder.read_info().unwrap();
        let mut buf = vec![0; reader.output_buffer_size().unwrap()];
        reader.next_frame(&mut buf).unwrap();
        let side = side as usize;
        let border = QUIET_ZONE * PNG_SCALE;
        for i in 0..side {
            for (x, y) in [(i, 0), (i, border - 1), (0, i), (side - 1, i)] {
                assert_eq!(buf[y * side + x], 255, "quiet zone at {x},{y}");
            }
        }
        assert_eq!(
            buf[border * side + border],
            0,
            "first finder module is dark"
        );
        assert_ne!(qr_png("ABC124").unwrap(), qr_png("ABC123").unwrap());
    }

    #[test]
    fn saving_writes_the_png() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ABC123.png");
        save_qr_png("ABC123", &path, &Protected::none()).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), qr_png("ABC123").unwrap());
    }

    #[test]
    fn saving_never_replaces_the_log() {
        let dir = tempfile::tempdir().unwrap();
        let log = dir.path().join("e.redb");
        std::fs::write(&log, b"the log").unwrap();
        let protected = Protected::for_log(&log);
        for target in [log.clone(), dir.path().join("e.redb.access.json")] {
            let e = save_qr_png("ABC123", &target, &protected).unwrap_err();
            assert!(matches!(e, AppError::Validation(_)), "{e}");
            assert!(e.to_string().starts_with("file: '"), "{e}");
        }
        assert_eq!(std::fs::read(&log).unwrap(), b"the log");
        assert!(!dir.path().join("e.redb.access.json").exists());
    }
}
