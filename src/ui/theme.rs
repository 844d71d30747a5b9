//! The window's colours, set once at start: egui's light theme draws an
//! unfocused text field white and without an outline, so on a striped
//! table row (the door's unassigned seats, the desk's attendees, the
//! organizer's seat types) an empty field can't be told from the row.
//! Every text edit gets a visible outline instead of per-screen tweaks.

use eframe::egui::{self, Color32, Stroke, Theme};

/// The outline of an unfocused widget in the light theme: dark enough to
/// show on white and on a striped row, light enough not to shout.
const LIGHT_OUTLINE: Color32 = Color32::from_gray(160);

/// Adjusts `ctx`'s light style (the dark one is left as egui draws it).
pub fn install(ctx: &egui::Context) {
    ctx.style_mut_of(Theme::Light, light_style);
}

/// The light style's changes: a white field with a grey outline.
fn light_style(style: &mut egui::Style) {
    let visuals = &mut style.visuals;
    visuals.text_edit_bg_color = Some(Color32::WHITE);
    visuals.widgets.inactive.bg_stroke = Stroke::new(1.0, LIGHT_OUTLINE);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn light_text_fields_have_an_outline_and_dark_ones_are_untouched() {
        let ctx = egui::Context::default();
        let before = ctx.style_of(Theme::Light);
        // egui's own light theme draws no outline: the defect this fixes.
        assert_eq!(before.visuals.widgets.inactive.bg_stroke.width, 0.0);
        let dark = ctx.style_of(Theme::Dark);
        install(&ctx);
        let light = ctx.style_of(Theme::Light);
        let stroke = light.visuals.widgets.inactive.bg_stroke;
        assert!(stroke.width >= 1.0);
        assert_ne!(stroke.color, light.visuals.text_edit_bg_color());
        assert_ne!(stroke.color, light.visuals.faint_bg_color);
        assert_eq!(*ctx.style_of(Theme::Dark), *dark);
    }
}
