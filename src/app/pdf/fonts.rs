//! The fonts a PDF draws with: the bundled NanumGothic first (Latin,
//! Hangul, kana, the KS X 1001 Hanja, Greek, Cyrillic: what the window
//! shows with too), then, per character it lacks, the first system font
//! that has it (Arabic, Thai, Devanagari…), found with `fontdb` only when
//! such a character turns up, so a list of Latin and Hangul names never
//! scans the system's fonts.
//!
//! A text is cut into runs of one font each ([`FontSet::runs`]); a
//! character no font has stays in the current run (drawn as the font's
//! empty box) and the text is reported, so a name is never drawn as tofu
//! silently. Widths come from the fonts' advances (`ttf-parser`), which is
//! what shrink-to-fit and right alignment need; krilla shapes each run
//! (rustybuzz) when it draws it.

use krilla::text::Font;
use std::collections::HashMap;
use std::sync::Arc;

/// NanumGothic (SIL OFL 1.1, `assets/fonts/LICENSE-NanumGothic.txt`).
const NANUM_GOTHIC: &[u8] = include_bytes!("../../../assets/fonts/NanumGothic.ttf");

/// One loaded font: its bytes (for measuring and coverage) and krilla's handle.
struct Loaded {
    data: Arc<Vec<u8>>,
    index: u32,
    font: Font,
}

impl Loaded {
    fn new(data: Arc<Vec<u8>>, index: u32) -> Option<Self> {
        ttf_parser::Face::parse(&data, index).ok()?;
        let font = Font::new(krilla::Data::from(data.clone()), index)?;
        Some(Self { data, index, font })
    }

    fn face(&self) -> Option<ttf_parser::Face<'_>> {
        ttf_parser::Face::parse(&self.data, self.index).ok()
    }
}

/// A run of text drawn with one font.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Run {
    /// Which of the set's fonts (0: NanumGothic).
    pub font: usize,
    /// The run's text.
    pub text: String,
}

/// The bundled font plus the system fonts found for what it lacks.
pub struct FontSet {
    fonts: Vec<Loaded>,
    /// The system's fonts, scanned on the first character NanumGothic lacks.
    system: Option<fontdb::Database>,
    /// Which font draws a character NanumGothic lacks (`None`: no font has it).
    fallback: HashMap<char, Option<usize>>,
    /// Whether system fonts are looked at (tests switch it off to see tofu).
    use_system: bool,
}

impl Default for FontSet {
    fn default() -> Self {
        Self::new()
    }
}

impl FontSet {
    /// NanumGothic, with system fonts as fallbacks.
    pub fn new() -> Self {
        let mut fonts = Vec::new();
        // The bundled bytes are a valid font (the window's fonts test reads them).
        if let Some(nanum) = Loaded::new(Arc::new(NANUM_GOTHIC.to_vec()), 0) {
            fonts.push(nanum);
        }
        Self {
            fonts,
            system: None,
            fallback: HashMap::new(),
            use_system: true,
        }
    }

    /// NanumGothic only: every character it lacks is reported as missing.
    pub fn bundled_only() -> Self {
        Self {
            use_system: false,
            ..Self::new()
        }
    }

    /// krilla's handle of font `index`.
    pub fn font(&self, index: usize) -> Option<Font> {
        self.fonts.get(index).map(|f| f.font.clone())
    }

    /// `text` cut into runs of one font each, and whether every character
    /// (besides spaces and controls) has a glyph in some font.
    pub fn runs(&mut self, text: &str) -> (Vec<Run>, bool) {
        let mut runs: Vec<Run> = Vec::new();
        let mut complete = true;
        for c in text.chars() {
            let font = if c.is_whitespace() || c.is_control() || is_joiner(c) {
                None
            } else {
                let found = self.font_for(c);
                complete &= found.is_some();
                found
            };
            match (runs.last_mut(), font) {
                (Some(last), None) => last.text.push(c),
                (Some(last), Some(f)) if last.font == f => last.text.push(c),
                (_, f) => runs.push(Run {
                    font: f.unwrap_or(0),
                    text: c.to_string(),
                }),
            }
        }
        (runs, complete)
    }

    /// The width of `text` at `size` points.
    pub fn width(&mut self, text: &str, size: f32) -> f32 {
        let (runs, _) = self.runs(text);
        runs.iter()
            .map(|r| self.run_width(r.font, &r.text, size))
            .sum()
    }

    /// The width of `text` in font `font` at `size` points.
    pub fn run_width(&self, font: usize, text: &str, size: f32) -> f32 {
        let Some(face) = self.fonts.get(font).and_then(Loaded::face) else {
            return 0.0;
        };
        let per_unit = size / f32::from(face.units_per_em().max(1));
        let units: u32 = text
            .chars()
            .map(|c| {
                let glyph = face.glyph_index(c).unwrap_or(ttf_parser::GlyphId(0));
                u32::from(face.glyph_hor_advance(glyph).unwrap_or(0))
            })
            .sum();
        // Advances are at most 65,535 units: f32 holds such sums exactly enough.
        #[allow(clippy::cast_precision_loss)]
        let units = units as f32;
        units * per_unit
    }

    /// The font that has `c`: NanumGothic, else a system font.
    fn font_for(&mut self, c: char) -> Option<usize> {
        if self.has(0, c) {
            return Some(0);
        }
        if let Some(known) = self.fallback.get(&c) {
            return *known;
        }
        let found = self.find_system_font(c);
        self.fallback.insert(c, found);
        found
    }

    fn has(&self, font: usize, c: char) -> bool {
        self.fonts
            .get(font)
            .and_then(Loaded::face)
            .is_some_and(|f| f.glyph_index(c).is_some_and(|g| g.0 != 0))
    }

    /// A loaded fallback that has `c`, else the first system face that has
    /// it (upright, regular weight preferred), loaded.
    fn find_system_font(&mut self, c: char) -> Option<usize> {
        if let Some(i) = (1..self.fonts.len()).find(|&i| self.has(i, c)) {
            return Some(i);
        }
        if !self.use_system {
            return None;
        }
        let db = self.system.get_or_insert_with(|| {
            let mut db = fontdb::Database::new();
            db.load_system_fonts();
            db
        });
        let mut faces: Vec<&fontdb::FaceInfo> = db.faces().collect();
        faces.sort_by_key(|f| {
            (
                f.style != fontdb::Style::Normal,
                f.weight.0.abs_diff(400),
                f.monospaced,
            )
        });
        let id = faces.iter().map(|f| f.id).find(|&id| {
            db.with_face_data(id, |data, index| {
                ttf_parser::Face::parse(data, index)
                    .ok()
                    .and_then(|f| f.glyph_index(c))
                    .is_some_and(|g| g.0 != 0)
            })
            .unwrap_or(false)
        })?;
        let (data, index) = db.with_face_data(id, |data, index| (data.to_vec(), index))?;
        let loaded = Loaded::new(Arc::new(data), index)?;
        self.fonts.push(loaded);
        Some(self.fonts.len() - 1)
    }
}

/// Zero-width joiners and variation selectors: part of the character before.
fn is_joiner(c: char) -> bool {
    matches!(c, '\u{200C}' | '\u{200D}' | '\u{FE00}'..='\u{FE0F}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin_and_hangul_are_one_run_of_the_bundled_font() {
        let mut set = FontSet::bundled_only();
        let (runs, complete) = set.runs("Ana 김민준 さくら Иван");
        assert!(complete);
        assert_eq!(runs.len(), 1);
        assert_eq!(runs[0].font, 0);
    }

    #[test]
    fn a_character_no_font_has_is_reported() {
        let mut set = FontSet::bundled_only();
        let (_, complete) = set.runs("Ana \u{F0000}");
        assert!(!complete);
    }

    #[test]
    fn wider_text_measures_wider() {
        let mut set = FontSet::bundled_only();
        let short = set.width("Ana", 12.0);
        let long = set.width("Ana Maria", 12.0);
        assert!(short > 0.0 && long > short * 2.0, "{short} {long}");
        assert!((set.width("Ana", 24.0) - 2.0 * short).abs() < 0.01);
    }
}
