//! Attendees tab: one row per purchased seat — seat type, attendee name and
//! e-mail, order code; unassigned seats shown as such; a filter box
//! (Ctrl+F). Rows are rebuilt only when the log or the filter changes.

use crate::domain::ConferenceId;
use crate::ui::app::Shell;
use crate::ui::widgets::filter_box;
use eframe::egui::{self, RichText, Ui};
use egui_extras::{Column, TableBuilder};

/// One row, ready to draw.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttendeeLine {
    /// Seat type.
    pub seat_type: String,
    /// Attendee name, if assigned.
    pub name: Option<String>,
    /// Attendee e-mail.
    pub email: String,
    /// Order code.
    pub order_code: String,
}

/// Attendees tab state.
#[derive(Debug, Clone, Default)]
pub struct AttendeesTab {
    /// The filter text.
    pub filter: String,
    /// Rows after the filter.
    pub rows: Vec<AttendeeLine>,
    cache_key: Option<(u64, String)>,
}

impl AttendeesTab {
    /// Draws the tab.
    pub fn ui(&mut self, ui: &mut Ui, shell: &mut Shell<'_>, id: ConferenceId) {
        filter_box(
            ui,
            &mut self.filter,
            "name, e-mail, seat type, order code (Ctrl+F)",
        );
        self.refresh(shell, id);
        let assigned = self.rows.iter().filter(|r| r.name.is_some()).count();
        ui.label(format!("{} seats, {} assigned", self.rows.len(), assigned));
        TableBuilder::new(ui)
            .striped(true)
            .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
            .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
            .column(Column::auto().at_least(160.0))
            .column(Column::auto().at_least(200.0))
            .column(Column::auto().at_least(220.0))
            .column(Column::remainder().at_least(90.0))
            .header(24.0, |mut h| {
                for t in ["Seat type", "Attendee", "E-mail", "Order code"] {
                    h.col(|ui| {
                        ui.strong(t);
                    });
                }
            })
            .body(|body| {
                body.rows(22.0, self.rows.len(), |mut r| {
                    let Some(a) = self.rows.get(r.index()) else {
                        return;
                    };
                    r.col(|ui| {
                        ui.label(&a.seat_type);
                    });
                    r.col(|ui| match &a.name {
                        Some(n) => {
                            ui.label(n);
                        }
                        None => {
                            ui.label(RichText::new("unassigned").italics().weak());
                        }
                    });
                    r.col(|ui| {
                        ui.label(&a.email);
                    });
                    r.col(|ui| {
                        ui.label(&a.order_code);
                    });
                });
            });
    }

    /// Rebuilds the rows if the log or the filter changed.
    pub fn refresh(&mut self, shell: &Shell<'_>, id: ConferenceId) {
        let key = (shell.desk.stats().events, self.filter.clone());
        if self.cache_key.as_ref() == Some(&key) {
            return;
        }
        let needle = self.filter.trim().to_lowercase();
        self.rows = shell
            .desk
            .attendee_list(id)
            .into_iter()
            .map(|r| AttendeeLine {
                seat_type: r.seat_type,
                name: r
                    .attendee
                    .as_ref()
                    .map(|a| format!("{} {}", a.first_name, a.last_name)),
                email: r.attendee.map(|a| a.email).unwrap_or_default(),
                order_code: r.order_code,
            })
            .filter(|r| {
                needle.is_empty()
                    || [
                        r.seat_type.as_str(),
                        r.name.as_deref().unwrap_or("unassigned"),
                        &r.email,
                        &r.order_code,
                    ]
                    .iter()
                    .any(|t| t.to_lowercase().contains(&needle))
            })
            .collect();
        self.cache_key = Some(key);
    }
}
