//! Fonts: egui's defaults cover Latin and Cyrillic but not Hangul, kana or
//! Han characters, so the desk bundles NanumGothic (SIL OFL 1.1, see
//! `assets/fonts/LICENSE-NanumGothic.txt`) as a fallback after the default
//! fonts. eframe's system-font provider stays on for anything rarer.

use eframe::egui::{self, FontData, FontDefinitions, FontFamily};
use std::sync::Arc;

/// NanumGothic: Hangul, kana, the KS X 1001 Hanja, Latin, Greek, Cyrillic.
const NANUM_GOTHIC: &[u8] = include_bytes!("../../assets/fonts/NanumGothic.ttf");

/// egui's default fonts with NanumGothic as a fallback in every family.
pub fn definitions() -> FontDefinitions {
    let mut fonts = FontDefinitions::default();
    fonts.font_data.insert(
        "NanumGothic".to_owned(),
        Arc::new(FontData::from_static(NANUM_GOTHIC)),
    );
    for family in [FontFamily::Proportional, FontFamily::Monospace] {
        fonts
            .families
            .entry(family)
            .or_default()
            .push("NanumGothic".to_owned());
    }
    fonts
}

/// Installs the desk's fonts into `ctx`.
pub fn install(ctx: &egui::Context) {
    ctx.set_fonts(definitions());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hangul_cjk_accents_and_cyrillic_lay_out_without_missing_glyphs() {
        let ctx = egui::Context::default();
        install(&ctx);
        ctx.run_ui(egui::RawInput::default(), |_| {})
            .textures_delta
            .clear();
        let samples = [
            "김민준 서연",
            "さくら 佐藤 高橋",
            "陽翔 王",
            "Zoë Ærø José Chloé",
            "Иванова Дмитрий",
        ];
        for family in [FontFamily::Proportional, FontFamily::Monospace] {
            let font = egui::FontId::new(14.0, family.clone());
            for s in samples {
                let missing: Vec<char> = ctx.fonts_mut(|f| {
                    s.chars()
                        .filter(|c| !c.is_whitespace() && !f.has_glyph(&font, *c))
                        .collect()
                });
                assert!(missing.is_empty(), "{family:?} lacks {missing:?} of {s}");
            }
        }
        // And without the bundled font, Hangul really is missing (the test can fail).
        let bare = egui::Context::default();
        bare.run_ui(egui::RawInput::default(), |_| {})
            .textures_delta
            .clear();
        let font = egui::FontId::proportional(14.0);
        assert!(!bare.fonts_mut(|f| f.has_glyph(&font, '김')));
    }
}
