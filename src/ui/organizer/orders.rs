//! Orders tab: order code, status, registrant, e-mail, total, created;
//! click a header to sort, type in the filter box (Ctrl+F) to narrow. Rows
//! are rebuilt only when the log, the filter or the sort changes — never per
//! frame — and the table draws only the visible rows. Clicking a row (or
//! ↑/↓ while no field has focus) selects the order, whose history the
//! Conference screen shows beside the table.

use crate::app::projections::{OrderView, ReadModels};
use crate::domain::{ConferenceId, OrderId};
use crate::ui::app::Shell;
use crate::ui::i18n::{Lang, format as fmt, lang, tr, tr_dynamic};
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
}

/// Orders tab state.
#[derive(Debug, Clone, Default)]
pub struct OrdersTab {
    /// The filter text.
    pub filter: String,
    /// Sort column and direction (true = descending).
    pub sort: (SortBy, bool),
    /// Rows after filter and sort.
    pub rows: Vec<OrderRow>,
    /// The selected order (its history is shown).
    pub selected: Option<OrderId>,
    cache_key: Option<(u64, String, SortBy, bool, Lang)>,
}

fn row(o: &OrderView) -> OrderRow {
    let (registrant, email) = o
        .registrant
        .as_ref()
        .map_or((String::new(), String::new()), |r| {
            (format!("{} {}", r.first_name, r.last_name), r.email.clone())
        });
    OrderRow {
        id: o.id,
        code: o.access_code.clone(),
        status: tr_dynamic(o.status.as_str()),
        registrant,
        email,
        total: o.total.map(fmt::money).unwrap_or_default(),
        total_minor: o.total.map_or(0, |t| t.minor),
        created: fmt::date_time(fmt::local(o.created_at)),
    }
}

impl OrdersTab {
    /// Draws the tab.
    pub fn ui(&mut self, ui: &mut Ui, shell: &mut Shell<'_>, id: ConferenceId) {
        let events = shell.desk.stats().events;
        self.view_ui(ui, shell.desk.read_models(), events, id);
    }

    /// Draws the tab from `read` (the present or a past view); `version`
    /// changes whenever `read` does (it keys the row cache).
    pub fn view_ui(&mut self, ui: &mut Ui, read: &ReadModels, version: u64, id: ConferenceId) {
        filter_box(
            ui,
            &mut self.filter,
            tr("code, name, e-mail, status (Ctrl+F)"),
        );
        self.refresh_from(read, version, id);
        ui.label(tr("{n} orders").replace("{n}", &self.rows.len().to_string()));
        let mut clicked = None;
        self.move_selection(ui);
        // Clipped and scrolled sideways when the history panel leaves less
        // width than the columns need, instead of drawn under the panel.
        egui::ScrollArea::horizontal()
            .id_salt("orders-table")
            .show(ui, |ui| {
                TableBuilder::new(ui)
                    .striped(true)
                    .sense(egui::Sense::click())
                    .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
                    .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
                    .column(Column::auto().at_least(80.0))
                    .column(Column::auto().at_least(150.0))
                    .column(Column::auto().at_least(160.0))
                    .column(Column::auto().at_least(200.0))
                    .column(Column::auto().at_least(110.0))
                    .column(Column::remainder().at_least(130.0))
                    .header(24.0, |mut h| {
                        for (col, label) in [
                            (SortBy::Code, tr("Order code")),
                            (SortBy::Status, tr("Status")),
                            (SortBy::Registrant, tr("Registrant")),
                            (SortBy::Email, tr("E-mail")),
                            (SortBy::Total, tr("Total")),
                            (SortBy::Created, tr("Created")),
                        ] {
                            h.col(|ui| {
                                let arrow = match self.sort {
                                    (c, false) if c == col => " ▲",
                                    (c, true) if c == col => " ▼",
                                    _ => "",
                                };
                                if ui.button(format!("{label}{arrow}")).clicked() {
                                    clicked = Some(col);
                                }
                            });
                        }
                    })
                    .body(|body| {
                        body.rows(22.0, self.rows.len(), |mut r| {
                            let Some(o) = self.rows.get(r.index()) else {
                                return;
                            };
                            r.set_selected(self.selected == Some(o.id));
                            for t in [
                                o.code.as_str(),
                                &o.status,
                                &o.registrant,
                                &o.email,
                                &o.total,
                                &o.created,
                            ] {
                                r.col(|ui| {
                                    ui.add(egui::Label::new(t).selectable(false));
                                });
                            }
                            if r.response().clicked() {
                                self.selected = Some(o.id);
                            }
                        });
                    });
            });
        if let Some(col) = clicked {
            self.sort = if self.sort.0 == col {
                (col, !self.sort.1)
            } else {
                (col, false)
            };
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
            .and_then(|id| self.rows.iter().position(|r| r.id == id));
        let next = match (at, down) {
            (None, _) => 0,
            (Some(i), true) => (i + 1).min(self.rows.len().saturating_sub(1)),
            (Some(i), false) => i.saturating_sub(1),
        };
        if let Some(r) = self.rows.get(next) {
            self.selected = Some(r.id);
        }
    }

    /// Rebuilds the rows if the log, the filter, the sort or the language
    /// changed.
    pub fn refresh(&mut self, shell: &Shell<'_>, id: ConferenceId) {
        self.refresh_from(shell.desk.read_models(), shell.desk.stats().events, id);
    }

    /// Rebuilds the rows from `read` if `version`, the filter or the sort changed.
    pub fn refresh_from(&mut self, read: &ReadModels, version: u64, id: ConferenceId) {
        let key = (
            version,
            self.filter.clone(),
            self.sort.0,
            self.sort.1,
            lang(),
        );
        if self.cache_key.as_ref() == Some(&key) {
            return;
        }
        let needle = self.filter.trim().to_lowercase();
        let mut rows: Vec<OrderRow> = read
            .orders
            .for_conference(id)
            .into_iter()
            .map(row)
            .filter(|r| {
                needle.is_empty()
                    || [r.code.as_str(), &r.status, &r.registrant, &r.email]
                        .iter()
                        .any(|t| t.to_lowercase().contains(&needle))
            })
            .collect();
        let (by, desc) = self.sort;
        match by {
            SortBy::Code => rows.sort_by(|a, b| a.code.cmp(&b.code)),
            SortBy::Status => rows.sort_by(|a, b| a.status.cmp(&b.status)),
            SortBy::Registrant => rows.sort_by(|a, b| a.registrant.cmp(&b.registrant)),
            SortBy::Email => rows.sort_by(|a, b| a.email.cmp(&b.email)),
            SortBy::Total => rows.sort_by_key(|r| r.total_minor),
            SortBy::Created => {} // already oldest first
        }
        if desc {
            rows.reverse();
        }
        self.rows = rows;
        self.cache_key = Some(key);
    }
}
