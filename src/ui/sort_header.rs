//! The clickable column header of a sortable table, shared by the
//! organizer's Orders and Attendees tabs so both sort alike: a header is a
//! button (reachable with Tab, pressed with Space or Enter), the sorted
//! column carries ▲ (ascending) or ▼ (descending), and clicking the sorted
//! column again turns its direction while another column starts ascending.

use eframe::egui::{self, Ui};

/// Draws the header button `label` of `column`, with the arrow of `sort`
/// when it is the sorted column; returns whether it was clicked.
pub fn sort_header_ui<C: PartialEq>(
    ui: &mut Ui,
    label: &str,
    column: C,
    sort: Option<(C, bool)>,
) -> bool {
    let arrow = match sort {
        Some((c, false)) if c == column => " ▲",
        Some((c, true)) if c == column => " ▼",
        _ => "",
    };
    ui.add(egui::Button::new(format!("{label}{arrow}")))
        .clicked()
}

/// The sort after clicking `column`'s header while sorted by `sort`: the
/// same column turns its direction, another starts ascending.
pub fn clicked<C: PartialEq>(sort: Option<(C, bool)>, column: C) -> (C, bool) {
    match sort {
        Some((c, descending)) if c == column => (c, !descending),
        _ => (column, false),
    }
}

#[cfg(test)]
mod tests {
    use super::clicked;

    #[test]
    fn a_click_turns_the_sorted_column_and_starts_another_ascending() {
        assert_eq!(clicked(None, 'a'), ('a', false));
        assert_eq!(clicked(Some(('a', false)), 'a'), ('a', true));
        assert_eq!(clicked(Some(('a', true)), 'a'), ('a', false));
        assert_eq!(clicked(Some(('a', true)), 'b'), ('b', false));
    }
}
