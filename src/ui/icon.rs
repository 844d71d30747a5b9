//! The application's identity on the desktop: its app id (which the
//! `.desktop` file and the AppStream metadata in `assets/` are named after,
//! so a Wayland compositor or a dock can match the running window to them)
//! and its icon, embedded in the binary so `cargo install` needs no data
//! files beside it.

use eframe::egui::IconData;

/// The reverse-DNS application id: the window's `app_id` / `WM_CLASS`, and
/// the base name of `assets/<APP_ID>.desktop` and `<APP_ID>.metainfo.xml`.
pub const APP_ID: &str = "io.github.confdesk.Confdesk";

/// The 256×256 icon (drawn in `assets/icons/confdesk.svg`).
const ICON_PNG: &[u8] = include_bytes!("../../assets/icons/confdesk-256.png");

/// The window icon, decoded from the embedded PNG; `None` (the platform's
/// default icon) if the PNG is not 8-bit RGBA, which a test rules out.
pub fn window_icon() -> Option<IconData> {
    decode_rgba(ICON_PNG)
}

/// Decodes an 8-bit RGBA PNG into egui's icon data.
fn decode_rgba(bytes: &[u8]) -> Option<IconData> {
    let decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    let mut reader = decoder.read_info().ok()?;
    let mut rgba = vec![0; reader.output_buffer_size()?];
    let frame = reader.next_frame(&mut rgba).ok()?;
    if frame.color_type != png::ColorType::Rgba || frame.bit_depth != png::BitDepth::Eight {
        return None;
    }
    rgba.truncate(frame.buffer_size());
    Some(IconData {
        rgba,
        width: frame.width,
        height: frame.height,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_icon_decodes_to_a_square_rgba_image_with_transparent_corners() {
        let icon = window_icon().expect("the embedded icon decodes");
        assert_eq!((icon.width, icon.height), (256, 256));
        assert_eq!(icon.rgba.len(), 256 * 256 * 4);
        // The rounded corner is transparent, the middle is not.
        assert_eq!(icon.rgba[3], 0, "top-left corner alpha");
        let middle = (128 * 256 + 128) * 4;
        assert_eq!(icon.rgba[middle + 3], 255, "centre alpha");
    }

    #[test]
    fn a_png_that_is_not_8_bit_rgba_gives_no_icon() {
        // A 1×1 8-bit grey PNG.
        let mut grey = Vec::new();
        {
            let mut enc = png::Encoder::new(&mut grey, 1, 1);
            enc.set_color(png::ColorType::Grayscale);
            enc.set_depth(png::BitDepth::Eight);
            let mut w = enc.write_header().unwrap();
            w.write_image_data(&[7]).unwrap();
        }
        assert!(decode_rgba(&grey).is_none());
        assert!(decode_rgba(b"not a png").is_none());
    }
}
