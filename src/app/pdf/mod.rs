//! Conference paper as PDF (issue 18, items 4 and 5): name badges, the
//! printable check-in list for when the laptop dies, and a paid order's
//! receipt.
//!
//! Each layout is pure: it takes a view built from the read models (plain
//! values, no desk), the words of the desk's language and the fonts, and
//! returns the PDF's bytes plus the texts it could not render. Only
//! [`crate::app::paper`] writes, through [`crate::app::output_file`], so a
//! PDF never lands on the log.
//!
//! The writer is krilla (typst's PDF library): it embeds subsets of the
//! fonts actually used and shapes every run with rustybuzz, so Hangul,
//! Arabic or Devanagari names come out as the font means them to, and the
//! text stays searchable (`pdftotext` reads it back, which the tests use).

pub mod badges;
pub mod canvas;
pub mod checkin_list;
pub mod fonts;
pub mod receipt;

use crate::domain::Message;
use crate::domain::message::Words;
use chrono::{DateTime, NaiveDate, Utc};

pub use badges::{BadgeSize, BadgeView, badges_pdf};
pub use checkin_list::{CheckInRow, checkin_list_pdf};
pub use fonts::FontSet;
pub use receipt::{ReceiptLine, ReceiptView, receipt_pdf};

/// What a layout made: the PDF and what it could not draw.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paper {
    /// The PDF file's bytes.
    pub bytes: Vec<u8>,
    /// How many pages it has.
    pub pages: usize,
    /// Texts (names, mostly) with characters no font on this computer has:
    /// drawn as far as possible, and named in the export's warning.
    pub missing: Vec<String>,
}

/// The conference as printed in headers and on badges.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConferenceHeading {
    /// Its name.
    pub name: String,
    /// First day.
    pub start: NaiveDate,
    /// Last day.
    pub end: NaiveDate,
}

impl ConferenceHeading {
    /// "25 Nov 2026 – 27 Nov 2026" in `words`' format (one day: that day).
    pub fn dates(&self, words: &dyn Words) -> String {
        if self.start == self.end {
            return words.date(self.start);
        }
        Message::new("{start} – {end}")
            .date("start", self.start)
            .date("end", self.end)
            .render(words)
    }
}

/// `at` as a day and a time in `words`' formats.
pub fn day_and_time(words: &dyn Words, at: DateTime<Utc>) -> String {
    Message::new("{day}, {time}")
        .date("day", at.date_naive())
        .instant("time", at)
        .render(words)
}

/// A layout's failure: krilla refused to write the document.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the PDF could not be written: {0}")]
pub struct PdfError(pub String);
