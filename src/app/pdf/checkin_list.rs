//! The printable check-in list, for when the laptop dies: a section per
//! seat type, its people sorted by family name then given name (by the
//! desk's search key, so "Ñúñez" sorts with "Nunez" and case never
//! matters), each row with an empty box to tick, the order code, the name
//! and the e-mail. Every page says which conference, when it was printed
//! and "page 3 of 7", so a dropped stack can be put back in order.

use super::canvas::{Canvas, Ink, MM, Sheet};
use super::{ConferenceHeading, FontSet, Paper, PdfError};
use crate::domain::Message;
use crate::domain::message::Words;
use crate::domain::search_key::search_key;

const PAGE_W: f32 = 210.0;
const PAGE_H: f32 = 297.0;
const MARGIN: f32 = 14.0;
/// Where the first section starts, below the page header.
const BODY_TOP: f32 = MARGIN + 22.0;
const ROW_H: f32 = 7.0;
const HEADING_H: f32 = 11.0;

/// One seat on the list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckInRow {
    /// The seat type (the section it is listed in).
    pub seat_type: String,
    /// Given name.
    pub given: String,
    /// Family name.
    pub family: String,
    /// The name as printed ("Ana Souza", "김민준").
    pub name: String,
    /// E-mail (may be empty).
    pub email: String,
    /// The order's code.
    pub order_code: String,
    /// Unassigned seat: the name is the registrant's, marked as such.
    pub registrant: bool,
}

/// What a page holds, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Item {
    /// A seat type's heading; `true`: continued from the page before.
    Heading(usize, bool),
    /// A row, by index into the sorted rows.
    Row(usize),
}

/// `rows` sorted by seat type (in `seat_types` order; unknown types last,
/// by name), then family name, given name, then order code.
pub fn sort_rows(rows: &mut [CheckInRow], seat_types: &[String]) {
    let rank = |t: &str| seat_types.iter().position(|s| s == t).unwrap_or(usize::MAX);
    rows.sort_by_cached_key(|r| {
        (
            rank(&r.seat_type),
            r.seat_type.clone(),
            search_key(&r.family),
            search_key(&r.given),
            r.order_code.clone(),
        )
    });
}

/// Lays sorted `rows` out on pages: a heading before each seat type (and
/// again, "continued", at the top of a page that goes on with one); a
/// heading is never the last thing on a page.
fn paginate(rows: &[CheckInRow]) -> Vec<Vec<Item>> {
    let capacity = PAGE_H - MARGIN - BODY_TOP;
    let mut pages: Vec<Vec<Item>> = vec![Vec::new()];
    let mut used = 0.0;
    let mut section = 0;
    for (i, row) in rows.iter().enumerate() {
        let new_section = i == 0 || rows[i - 1].seat_type != row.seat_type;
        if new_section && i > 0 {
            section += 1;
        }
        let need = if new_section {
            HEADING_H + ROW_H
        } else {
            ROW_H
        };
        if used + need > capacity && used > 0.0 {
            pages.push(Vec::new());
            used = 0.0;
        }
        let Some(page) = pages.last_mut() else {
            continue; // never: `pages` starts with a page and only grows
        };
        if new_section || page.is_empty() {
            page.push(Item::Heading(section, !new_section));
            used += HEADING_H;
        }
        page.push(Item::Row(i));
        used += ROW_H;
    }
    pages
}

/// The check-in list of `rows` (any order; sorted here) as a PDF.
pub fn checkin_list_pdf(
    conference: &ConferenceHeading,
    mut rows: Vec<CheckInRow>,
    seat_types: &[String],
    printed: &str,
    words: &dyn Words,
    fonts: FontSet,
) -> Result<Paper, PdfError> {
    sort_rows(&mut rows, seat_types);
    let pages = paginate(&rows);
    let mut counts: Vec<usize> = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        if i == 0 || rows[i - 1].seat_type != row.seat_type {
            counts.push(0);
        }
        if let Some(c) = counts.last_mut() {
            *c += 1;
        }
    }
    let total = pages.len();
    let mut sheet = Sheet::new(fonts);
    for (n, items) in pages.iter().enumerate() {
        sheet.page(PAGE_W * MM, PAGE_H * MM, |canvas| {
            header_ui(canvas, conference, printed, (n + 1, total), words);
            if rows.is_empty() {
                let none = Message::new("No purchased seats yet.").render(words);
                canvas.text(MARGIN * MM, (BODY_TOP + 8.0) * MM, 11.0, Ink::Grey, &none);
            }
            let mut y = BODY_TOP;
            for item in items {
                match *item {
                    Item::Heading(section, continued) => {
                        let first = first_row_of(&rows, section);
                        let count = counts.get(section).copied().unwrap_or(0);
                        heading_ui(canvas, y, first, count, continued, words);
                        y += HEADING_H;
                    }
                    Item::Row(i) => {
                        if let Some(row) = rows.get(i) {
                            row_ui(canvas, y, row, words);
                        }
                        y += ROW_H;
                    }
                }
            }
        });
    }
    let (bytes, missing) = sheet.finish().map_err(PdfError)?;
    Ok(Paper {
        bytes,
        pages: total,
        missing,
    })
}

/// The seat type name of section `section`.
fn first_row_of(rows: &[CheckInRow], section: usize) -> &str {
    let mut s = 0;
    for (i, row) in rows.iter().enumerate() {
        if i > 0 && rows[i - 1].seat_type != row.seat_type {
            s += 1;
        }
        if s == section {
            return &row.seat_type;
        }
    }
    ""
}

fn header_ui(
    canvas: &mut Canvas<'_, '_>,
    conference: &ConferenceHeading,
    printed: &str,
    (page, pages): (usize, usize),
    words: &dyn Words,
) {
    let left = MARGIN * MM;
    let right = (PAGE_W - MARGIN) * MM;
    let page_text = Message::new("page {page} of {pages}")
        .count("page", page)
        .count("pages", pages)
        .render(words);
    let page_w = canvas.width(&page_text, 9.0);
    canvas.text_clipped(
        left,
        (MARGIN + 5.0) * MM,
        14.0,
        right - left - page_w - 12.0,
        &conference.name,
    );
    canvas.text_right(right, (MARGIN + 5.0) * MM, 9.0, Ink::Grey, &page_text);
    let title = Message::new("Check-in list").render(words);
    let subtitle = format!("{title} · {}", conference.dates(words));
    canvas.text(left, (MARGIN + 11.0) * MM, 9.0, Ink::Grey, &subtitle);
    let printed = Message::new("printed at {time}")
        .text("time", printed)
        .render(words);
    canvas.text_right(right, (MARGIN + 11.0) * MM, 9.0, Ink::Grey, &printed);
    canvas.line(
        (left, (MARGIN + 14.0) * MM),
        (right, (MARGIN + 14.0) * MM),
        0.6,
    );
}

fn heading_ui(
    canvas: &mut Canvas<'_, '_>,
    y: f32,
    seat_type: &str,
    count: usize,
    continued: bool,
    words: &dyn Words,
) {
    let text = if continued {
        Message::new("{seat_type} (continued)")
    } else {
        Message::new("{seat_type}: {n} {n|seat|seats}").count("n", count)
    }
    .text("seat_type", seat_type)
    .render(words);
    canvas.text(MARGIN * MM, (y + 7.5) * MM, 12.0, Ink::Black, &text);
    let labels = [
        (Message::new("Name"), 22.0),
        (Message::new("E-mail"), 100.0),
        (Message::new("Order"), 160.0),
    ];
    for (label, x) in labels {
        let label = label.render(words);
        canvas.text(
            (MARGIN + x - 14.0) * MM,
            (y + 10.5) * MM,
            7.0,
            Ink::Grey,
            &label,
        );
    }
}

fn row_ui(canvas: &mut Canvas<'_, '_>, y: f32, row: &CheckInRow, words: &dyn Words) {
    let left = MARGIN * MM;
    let baseline = (y + 5.0) * MM;
    canvas.frame(left, (y + 1.2) * MM, 4.5 * MM, 4.5 * MM, 0.7);
    let name_x = (MARGIN + 8.0) * MM;
    let name = if row.registrant {
        Message::new("{name} (registrant)")
            .text("name", &row.name)
            .render(words)
    } else {
        row.name.clone()
    };
    canvas.text_clipped(name_x, baseline, 10.0, 76.0 * MM, &name);
    canvas.text_clipped((MARGIN + 86.0) * MM, baseline, 9.0, 58.0 * MM, &row.email);
    canvas.text(
        (MARGIN + 146.0) * MM,
        baseline,
        10.0,
        Ink::Black,
        &row.order_code,
    );
    let rule_y = (y + ROW_H) * MM;
    canvas.line((name_x, rule_y), ((PAGE_W - MARGIN) * MM, rule_y), 0.2);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(seat_type: &str, given: &str, family: &str) -> CheckInRow {
        CheckInRow {
            seat_type: seat_type.into(),
            given: given.into(),
            family: family.into(),
            name: format!("{given} {family}"),
            email: String::new(),
            order_code: "ABC123".into(),
            registrant: false,
        }
    }

    #[test]
    fn rows_sort_by_seat_type_then_family_then_given_name_ignoring_case_and_accents() {
        let mut rows = vec![
            row("Workshop", "Zoë", "Adams"),
            row("General", "Ana", "Núñez"),
            row("General", "Bo", "nunez"),
            row("General", "Cy", "Baker"),
        ];
        sort_rows(&mut rows, &["General".into(), "Workshop".into()]);
        let names: Vec<&str> = rows.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names, ["Cy Baker", "Ana Núñez", "Bo nunez", "Zoë Adams"]);
    }

    proptest::proptest! {
        /// Every row is on exactly one page, in order, and no page is
        /// fuller than the paper between header and bottom margin.
        #[test]
        fn every_row_is_printed_once_in_order_within_the_page(
            sections in proptest::collection::vec(0usize..70, 0..6)
        ) {
            let rows: Vec<CheckInRow> = sections
                .iter()
                .enumerate()
                .flat_map(|(s, &n)| (0..n).map(move |i| row(&format!("T{s}"), &format!("{i:03}"), "X")))
                .collect();
            let pages = paginate(&rows);
            let listed: Vec<usize> = pages
                .iter()
                .flatten()
                .filter_map(|i| match i { Item::Row(r) => Some(*r), Item::Heading(..) => None })
                .collect();
            proptest::prop_assert_eq!(listed, (0..rows.len()).collect::<Vec<_>>());
            for page in &pages {
                let used: f32 = page
                    .iter()
                    .map(|i| if matches!(i, Item::Row(_)) { ROW_H } else { HEADING_H })
                    .sum();
                proptest::prop_assert!(used <= PAGE_H - MARGIN - BODY_TOP + 0.01);
            }
        }
    }

    #[test]
    fn a_page_never_ends_on_a_heading_and_continued_sections_repeat_it() {
        let mut rows: Vec<CheckInRow> =
            (0..60).map(|i| row("A", &format!("{i:02}"), "X")).collect();
        rows.extend((0..40).map(|i| row("B", &format!("{i:02}"), "Y")));
        let pages = paginate(&rows);
        assert!(pages.len() >= 3);
        for page in &pages {
            assert!(matches!(page.first(), Some(Item::Heading(..))));
            assert!(matches!(page.last(), Some(Item::Row(_))));
        }
        let listed: usize = pages
            .iter()
            .map(|p| p.iter().filter(|i| matches!(i, Item::Row(_))).count())
            .sum();
        assert_eq!(listed, 100);
        assert!(matches!(pages[1].first(), Some(Item::Heading(0, true))));
    }
}
