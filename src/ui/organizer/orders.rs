//! Orders tab: order code, status, registrant, e-mail, total, created
//! (beside the history panel the e-mail column gives way, so Total and
//! Created stay in view);
//! click a header to sort ([`crate::ui::sort_header`], as the Attendees
//! tab), type in the filter box (Ctrl+F) to narrow; a new filter or sort
//! shows the list from its top. The
//! tab keeps the conference's rows formatted, sorted and with their search
//! text keyed (accents and case ignored): when the log moves it redoes
//! only the orders changed since (`OrderView::changed_at`) and re-sorts
//! rows that are almost in order; typing in the filter only scans the prepared texts; a descending
//! sort reads the same rows backwards (rebuilding every row per frame was
//! too slow for a large conference: figures in BENCHMARKS.md). The table
//! draws only the visible rows. Clicking a row (or
//! ↑/↓ while no field has focus) selects the order, whose history the
//! Conference screen shows beside the table.

use crate::app::projections::search_key::{push_name_keys, push_search_key, search_key};
use crate::app::projections::{OrderView, ReadModels};
use crate::domain::Message;
use crate::domain::person_name::display_name;
use crate::domain::{ConferenceId, OrderId};
use crate::ui::i18n::{Lang, format as fmt, lang, say, tr};
use crate::ui::shell::Shell;
use crate::ui::sort_header::{self, sort_header_ui};
use crate::ui::widgets::filter_box;
use eframe::egui::{self, Ui};
use egui_extras::{Column, TableBuilder};

/// A column to sort by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortBy {
    /// Order code.
    Code,
    /// Status.
    Status,
    /// Registrant name.
    Registrant,
    /// Registrant e-mail.
    Email,
    /// Total.
    Total,
    /// Creation time.
    #[default]
    Created,
}

/// One row of the orders table, ready to draw.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderRow {
    /// The order.
    pub id: OrderId,
    /// Order code.
    pub code: String,
    /// Status, in the interface language.
    pub status: String,
    /// Registrant name.
    pub registrant: String,
    /// Registrant e-mail.
    pub email: String,
    /// Total, formatted.
    pub total: String,
    total_minor: i64,
    /// Created, formatted.
    pub created: String,
    /// Code, status, e-mail and the registrant's name (both orders),
    /// keyed ([`search_key`]: no accents, case folded), NUL-separated.
    search: String,
    /// Placement order within the conference (ties of a sort keep it).
    seq: usize,
}

/// Orders tab state.
#[derive(Debug, Clone, Default)]
pub struct OrdersTab {
    /// The filter text.
    pub filter: String,
    /// Sort column and direction (true = descending).
    pub sort: (SortBy, bool),
    /// Every order of the conference, ascending by the sort column, then
    /// by placement; read backwards when the sort is descending.
    all: Vec<OrderRow>,
    /// What `all` holds.
    all_key: Option<RowsKey>,
    /// Where each order (by placement) sits in `all`.
    at: Vec<usize>,
    /// The rows the filter matches: indices into `all`, ascending.
    pub rows: Vec<usize>,
    /// The filter `rows` was computed with.
    rows_key: Option<String>,
    /// The selected order (its history is shown).
    pub selected: Option<OrderId>,
    /// The filter and sort the table was last drawn with: when either
    /// changes, the table scrolls back to its top.
    drawn: Option<(String, (SortBy, bool))>,
}

/// What the prepared rows are of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct RowsKey {
    conference: ConferenceId,
    /// The last log position the read models had applied.
    position: u64,
    lang: Lang,
    by: SortBy,
}

fn row(o: &OrderView, seq: usize) -> OrderRow {
    let (registrant, email) = o
        .registrant
        .as_ref()
        .map_or((String::new(), String::new()), |r| {
            (display_name(&r.first_name, &r.last_name), r.email.clone())
        });
    let status = say(&o.status.message());
    let mut search = String::new();
    for text in [o.access_code.as_str(), &status, &email] {
        push_search_key(&mut search, text);
        search.push('\0');
    }
    if let Some(r) = &o.registrant {
        push_name_keys(&mut search, &r.first_name, &r.last_name);
    }
    OrderRow {
        id: o.id,
        code: o.access_code.clone(),
        status,
        registrant,
        email,
        // A discounted total names its code (issue 18.7).
        total: match (o.total, &o.discount) {
            (Some(t), Some(d)) => format!("{} ({})", fmt::money(t), d.code),
            (t, _) => t.map(fmt::money).unwrap_or_default(),
        },
        total_minor: o.total.map_or(0, |t| t.minor),
        created: fmt::date_time(fmt::local(o.created_at)),
        search,
        seq,
    }
}

/// The table's width below which the e-mail column goes (shown on hover
/// over the registrant instead): 800 px with the history panel open.
const BOTH_NAMES: f32 = 620.0;

/// The columns shown, in order, with their headers.
fn columns(with_email: bool) -> impl Iterator<Item = (SortBy, &'static str)> {
    [
        (SortBy::Code, tr("Order code")),
        (SortBy::Status, tr("Status")),
        (SortBy::Registrant, tr("Registrant")),
        (SortBy::Email, tr("E-mail")),
        (SortBy::Total, tr("Total")),
        (SortBy::Created, tr("Created")),
    ]
    .into_iter()
    .filter(move |(c, _)| with_email || *c != SortBy::Email)
}

/// One cell of `o`: names and status cut to the column, whole on hover
/// (the registrant's e-mail too when its own column is gone).
fn cell_ui(ui: &mut Ui, o: &OrderRow, col: SortBy, with_email: bool) {
    let text = match col {
        SortBy::Code => &o.code,
        SortBy::Status => &o.status,
        SortBy::Registrant => &o.registrant,
        SortBy::Email => &o.email,
        SortBy::Total => &o.total,
        SortBy::Created => &o.created,
    };
    // Total and Created are never cut (their columns grow to fit them);
    // the names and the status give way.
    let cut = matches!(col, SortBy::Status | SortBy::Registrant | SortBy::Email);
    let label = egui::Label::new(text.as_str()).selectable(false);
    if !cut {
        ui.add(label.extend());
        if col == SortBy::Created {
            // Room for the table's scroll bar, drawn over the last column.
            ui.add_space(ui.spacing().scroll.bar_width + 4.0);
        }
        return;
    }
    let r = ui.add(label.truncate());
    if col == SortBy::Registrant && !with_email && !o.email.is_empty() {
        r.on_hover_text(format!("{} · {}", o.registrant, o.email));
    } else if !text.is_empty() {
        r.on_hover_text(text.as_str());
    }
}

impl OrdersTab {
    /// Draws the tab.
    pub fn ui(&mut self, ui: &mut Ui, shell: &mut Shell<'_>, id: ConferenceId) {
        let events = shell.desk.stats().events;
        self.view_ui(ui, shell.desk.read_models(), events, id);
    }

    /// Draws the tab from `read` (the present or a past view), which has
    /// applied the log up to `position` (equal positions: equal models).
    pub fn view_ui(&mut self, ui: &mut Ui, read: &ReadModels, position: u64, id: ConferenceId) {
        filter_box(
            ui,
            &mut self.filter,
            tr("code, name, e-mail, status (Ctrl+F)"),
        );
        self.refresh_from(read, position, id);
        ui.label(say(
            &Message::new("{n} {n|order|orders}").count("n", self.rows.len())
        ));
        let mut clicked = None;
        self.move_selection(ui);
        // Total and Created stay in view beside the history panel: the
        // registrant and e-mail columns share what is left and cut their
        // text (whole on hover); below `BOTH_NAMES` the e-mail column
        // goes and shows on hover over the registrant. Scrolled sideways
        // only when even that does not fit.
        let with_email = ui.available_width() >= BOTH_NAMES;
        let drawn = (self.filter.clone(), self.sort);
        let to_top = self.drawn.as_ref() != Some(&drawn);
        self.drawn = Some(drawn);
        egui::ScrollArea::horizontal()
            .id_salt("orders-table")
            .show(ui, |ui| {
                let mut table = TableBuilder::new(ui)
                    .striped(true)
                    .sense(egui::Sense::click())
                    .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
                    .column(Column::auto().at_least(70.0).clip(true))
                    .column(Column::auto().at_least(70.0).at_most(170.0).clip(true))
                    .column(Column::remainder().at_least(80.0).clip(true));
                if with_email {
                    table = table.column(Column::remainder().at_least(80.0).clip(true));
                }
                if to_top {
                    table = table.vertical_scroll_offset(0.0);
                }
                table
                    .column(Column::auto().at_least(60.0).clip(true))
                    .column(Column::auto().at_least(90.0).clip(true))
                    .header(24.0, |mut h| {
                        for (col, label) in columns(with_email) {
                            h.col(|ui| {
                                if sort_header_ui(ui, label, col, Some(self.sort)) {
                                    clicked = Some(col);
                                }
                            });
                        }
                    })
                    .body(|body| {
                        body.rows(22.0, self.rows.len(), |mut r| {
                            let Some(o) = self.row(r.index()) else {
                                return;
                            };
                            r.set_selected(self.selected == Some(o.id));
                            for (col, _) in columns(with_email) {
                                r.col(|ui| cell_ui(ui, o, col, with_email));
                            }
                            if r.response().clicked() {
                                self.selected = Some(o.id);
                            }
                        });
                    });
            });
        if let Some(col) = clicked {
            self.sort = sort_header::clicked(Some(self.sort), col);
        }
    }

    /// ↑/↓ move the selection when no text field has focus.
    fn move_selection(&mut self, ui: &Ui) {
        if ui.memory(|m| m.focused().is_some()) {
            return;
        }
        let (up, down) = ui.input(|i| {
            (
                i.key_pressed(egui::Key::ArrowUp),
                i.key_pressed(egui::Key::ArrowDown),
            )
        });
        if !up && !down {
            return;
        }
        let at = self
            .selected
            .and_then(|id| (0..self.rows.len()).find(|&i| self.row(i).is_some_and(|r| r.id == id)));
        let next = match (at, down) {
            (None, _) => 0,
            (Some(i), true) => (i + 1).min(self.rows.len().saturating_sub(1)),
            (Some(i), false) => i.saturating_sub(1),
        };
        if let Some(r) = self.row(next) {
            self.selected = Some(r.id);
        }
    }

    /// The `i`th row the filter matches, in the sort's direction.
    pub fn row(&self, i: usize) -> Option<&OrderRow> {
        let at = if self.sort.1 {
            self.rows.len().checked_sub(i + 1)?
        } else {
            i
        };
        self.rows.get(at).and_then(|&r| self.all.get(r))
    }

    /// Brings the rows up to date with `read`, which has applied the log up
    /// to `position`, with the sort, the language and the filter, redoing
    /// only what changed.
    pub fn refresh_from(&mut self, read: &ReadModels, position: u64, id: ConferenceId) {
        let key = RowsKey {
            conference: id,
            position,
            lang: lang(),
            by: self.sort.0,
        };
        match self.all_key {
            Some(old) if old == key => {}
            // The same log further on (a past view's rows stay right for
            // every order not changed since its cut).
            Some(old)
                if (old.conference, old.lang) == (id, key.lang) && old.position <= position =>
            {
                self.update(read, id, old.position);
                self.sort_rows(key.by);
                self.all_key = Some(key);
                self.rows_key = None;
            }
            _ => {
                self.all = read
                    .orders
                    .for_conference(id)
                    .into_iter()
                    .enumerate()
                    .map(|(seq, o)| row(o, seq))
                    .collect();
                self.sort_rows(key.by);
                self.all_key = Some(key);
                self.rows_key = None;
            }
        }
        if self.rows_key.as_deref() == Some(self.filter.as_str()) {
            return;
        }
        let needle = search_key(&self.filter);
        self.rows = (0..self.all.len())
            .filter(|&i| {
                needle.is_empty()
                    || self
                        .all
                        .get(i)
                        .is_some_and(|r| r.search.contains(needle.as_str()))
            })
            .collect();
        self.rows_key = Some(self.filter.clone());
    }

    /// Redoes the rows of orders changed after `since` and adds the orders
    /// placed since (a conference's orders only ever grow, in placement
    /// order, so a new order's index is past every known one).
    fn update(&mut self, read: &ReadModels, id: ConferenceId, since: u64) {
        for (seq, o) in read.orders.changed_since(id, since) {
            match self.at.get(seq).and_then(|&i| self.all.get_mut(i)) {
                Some(r) => *r = row(o, seq),
                None => self.all.push(row(o, seq)),
            }
        }
    }

    /// Sorts `all` ascending by `by`, ties in placement order, and notes
    /// where each order went. Rows already almost in order (a few changed
    /// or added) sort in about linear time.
    fn sort_rows(&mut self, by: SortBy) {
        fn then_seq(a: &OrderRow, b: &OrderRow, o: std::cmp::Ordering) -> std::cmp::Ordering {
            o.then(a.seq.cmp(&b.seq))
        }
        let rows = &mut self.all;
        match by {
            SortBy::Code => rows.sort_by(|a, b| then_seq(a, b, a.code.cmp(&b.code))),
            SortBy::Status => rows.sort_by(|a, b| then_seq(a, b, a.status.cmp(&b.status))),
            SortBy::Registrant => {
                rows.sort_by(|a, b| then_seq(a, b, a.registrant.cmp(&b.registrant)));
            }
            SortBy::Email => rows.sort_by(|a, b| then_seq(a, b, a.email.cmp(&b.email))),
            SortBy::Total => {
                rows.sort_by(|a, b| then_seq(a, b, a.total_minor.cmp(&b.total_minor)));
            }
            SortBy::Created => rows.sort_by_key(|r| r.seq),
        }
        self.at.clear();
        self.at.resize(rows.len(), usize::MAX);
        for (i, r) in rows.iter().enumerate() {
            if let Some(at) = self.at.get_mut(r.seq) {
                *at = i;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::demo::DemoOptions;
    use crate::app::{Desk, ManualClock};

    /// The order codes the tab lists, in order.
    fn codes(tab: &OrdersTab) -> Vec<String> {
        (0..tab.rows.len())
            .filter_map(|i| tab.row(i).map(|r| r.code.clone()))
            .collect()
    }

    /// What the tab must list: every order of the conference whose code,
    /// status, registrant or e-mail holds `filter`, ignoring case.
    fn reference(desk: &Desk, id: ConferenceId, filter: &str) -> Vec<String> {
        let needle = search_key(filter);
        desk.read_models()
            .orders
            .for_conference(id)
            .into_iter()
            .enumerate()
            .filter(|(_, o)| {
                let names = o.registrant.as_ref().map_or_else(Vec::new, |p| {
                    let (f, l) = (&p.first_name, &p.last_name);
                    vec![format!("{f} {l}"), format!("{l} {f}"), format!("{l}{f}")]
                });
                let (f, l) = o
                    .registrant
                    .as_ref()
                    .map_or(("", ""), |p| (p.first_name.as_str(), p.last_name.as_str()));
                let joined_ok = crate::domain::person_name::is_family_first(f, l);
                let status = say(&o.status.message());
                let email = o.registrant.as_ref().map_or("", |p| p.email.as_str());
                [o.access_code.as_str(), &status, email]
                    .iter()
                    .any(|t| search_key(t).contains(&needle))
                    || names
                        .iter()
                        .enumerate()
                        .any(|(i, n)| (i < 2 || joined_ok) && search_key(n).contains(&needle))
            })
            .map(|(seq, o)| row(o, seq).code)
            .collect()
    }

    #[test]
    fn the_filter_scans_prepared_rows_and_follows_the_log_and_the_sort() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("log.redb");
        let clock = ManualClock::new("2026-06-01T09:00:00Z".parse().unwrap());
        let mut desk = Desk::open_for_test(&path, &clock);
        let summary = desk
            .fill_demo(DemoOptions {
                conferences: 1,
                orders: 80,
                seed: 3,
            })
            .unwrap();
        let key = &summary.conferences[0];
        let id = desk.authorize_organizer(key).unwrap().conference();
        let mut tab = OrdersTab::default();
        let version = |desk: &Desk| desk.stats().events;
        for f in [
            "",
            " ",
            "CONFIRMED",
            "expired",
            "example",
            "ö",
            "김",
            "#none#",
        ] {
            tab.filter = f.into();
            tab.refresh_from(desk.read_models(), version(&desk), id);
            assert_eq!(codes(&tab), reference(&desk, id, f), "filter {f:?}");
        }
        assert!(codes(&tab).is_empty(), "nothing holds #none#");

        // A new order shows up under the same filter once the log moves.
        tab.filter = "NEW-REGISTRANT".into();
        tab.refresh_from(desk.read_models(), version(&desk), id);
        assert!(tab.rows.is_empty());
        let general = general_admission(&desk, &key.slug);
        let order = desk
            .registration_mut()
            .place_order(id, &[(general, 1)])
            .unwrap();
        let code = order.access_code.clone();
        desk.registration_mut()
            .assign_registrant(&order, "New", "Registrant", "new-registrant@example.org")
            .unwrap();
        tab.refresh_from(desk.read_models(), version(&desk), id);
        assert_eq!(codes(&tab), [code]);

        // Accents and case are ignored, and a registrant's whole name is
        // found in either order (Korean family name first, run together).
        let mut named = |first: &str, last: &str| {
            let order = desk
                .registration_mut()
                .place_order(id, &[(general, 1)])
                .unwrap();
            desk.registration_mut()
                .assign_registrant(&order, first, last, "x@example.org")
                .unwrap();
            order.access_code
        };
        let (lucia, seoyun) = (named("Lúcia", "Núñez"), named("서윤", "탁"));
        for (f, code) in [
            ("lucia nunez", &lucia),
            ("NUNEZ LÚCIA", &lucia),
            ("탁서윤", &seoyun),
            ("탁 서윤", &seoyun),
            ("서윤 탁", &seoyun),
        ] {
            tab.filter = f.into();
            tab.refresh_from(desk.read_models(), version(&desk), id);
            assert_eq!(codes(&tab), std::slice::from_ref(code), "filter {f:?}");
            assert_eq!(codes(&tab), reference(&desk, id, f), "filter {f:?}");
        }

        // Sorting by total, descending, keeps the filter.
        tab.filter = String::new();
        tab.sort = (SortBy::Total, true);
        tab.refresh_from(desk.read_models(), version(&desk), id);
        let totals: Vec<i64> = (0..tab.rows.len())
            .filter_map(|i| tab.row(i).map(|r| r.total_minor))
            .collect();
        assert_eq!(totals.len(), reference(&desk, id, "").len());
        assert!(totals.windows(2).all(|w| w[0] >= w[1]), "{totals:?}");
    }

    /// Every row the tab shows, in order.
    fn shown(tab: &OrdersTab) -> Vec<OrderRow> {
        (0..tab.rows.len())
            .filter_map(|i| tab.row(i).cloned())
            .collect()
    }

    #[test]
    fn rows_kept_up_to_date_equal_rows_built_afresh_for_every_sort() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("log.redb");
        let clock = ManualClock::new("2026-06-01T09:00:00Z".parse().unwrap());
        let mut desk = Desk::open_for_test(&path, &clock);
        let summary = desk
            .fill_demo(DemoOptions {
                conferences: 2,
                orders: 60,
                seed: 5,
            })
            .unwrap();
        let key = summary.conferences[0].clone();
        let id = desk.authorize_organizer(&key).unwrap().conference();
        let sorts = [
            SortBy::Code,
            SortBy::Status,
            SortBy::Registrant,
            SortBy::Email,
            SortBy::Total,
            SortBy::Created,
        ]
        .into_iter()
        .flat_map(|by| [(by, false), (by, true)]);
        let mut kept: Vec<OrdersTab> = sorts
            .map(|sort| OrdersTab {
                sort,
                ..OrdersTab::default()
            })
            .collect();
        let check = |kept: &mut Vec<OrdersTab>, desk: &Desk, step: &str| {
            let position = desk.stats().events;
            for tab in kept.iter_mut() {
                tab.refresh_from(desk.read_models(), position, id);
                let mut fresh = OrdersTab {
                    sort: tab.sort,
                    ..OrdersTab::default()
                };
                fresh.refresh_from(desk.read_models(), position, id);
                assert_eq!(shown(tab), shown(&fresh), "{step}, sort {:?}", tab.sort);
            }
        };
        check(&mut kept, &desk, "after the demo");

        // New orders, a registrant, a payment (status and sort keys move).
        let seats = [(general_admission(&desk, &key.slug), 2)];
        let a = desk.registration_mut().place_order(id, &seats).unwrap();
        let crate::app::OrderKey {
            order_id: b,
            access_code: b_code,
        } = desk.registration_mut().place_order(id, &seats).unwrap();
        check(&mut kept, &desk, "two orders placed");
        desk.registration_mut()
            .assign_registrant(&a, "Aaron", "Aardvark", "aaron@example.org")
            .unwrap();
        desk.registration_mut().pay(&a, true).unwrap();
        check(&mut kept, &desk, "one paid");
        // The other one expires.
        clock.advance(chrono::Duration::minutes(16));
        desk.tick().unwrap();
        let b_row = desk.read_models().orders.get(b).unwrap();
        assert_eq!(b_row.access_code, b_code);
        assert_eq!(
            b_row.status,
            crate::app::projections::OrderStatusView::Expired
        );
        check(&mut kept, &desk, "one expired");
    }

    /// The id of the demo conference's "General admission".
    fn general_admission(desk: &Desk, slug: &str) -> crate::domain::SeatTypeId {
        let conference = desk.read_models().conferences.by_slug(slug).unwrap();
        crate::cli::resolve::seat_type(&conference, "General admission").unwrap()
    }
}
