//! Dashboard tab: the conference's headline numbers beside four charts —
//! seats sold / reserved / left per seat type (stacked bars, named on the
//! axis), revenue and orders per day (one bar a day), and check-ins per 15
//! minutes (bars on a time-of-day axis). Everything is read from the
//! [`Dashboard`](crate::app::projections::Dashboard) read model, which the
//! log keeps up to date and which also fills in the quiet days and quarter
//! hours; nothing is recounted here. Days and clock times are the read
//! model's (the desk's time zone).
//!
//! Each chart has a fixed box: a title row, then the plot or, with nothing
//! to draw, a short line ("No orders yet") in the plot's room, so the page
//! does not jump when the first order arrives. Legends sit in the title
//! row, outside the plot, where they cannot cover a bar.

mod axes;
mod charts;
mod seats;

use crate::app::projections::{ConferenceDashboard, Figures, ReadModels};
use crate::domain::Message;
use crate::domain::{ConferenceId, Money};
use crate::ui::i18n::{format as fmt, say, tr};
use chrono::{DateTime, Utc};
use eframe::egui::{self, RichText, Ui};

/// Dashboard tab state (it has none of its own: the read model is the state).
#[derive(Debug, Clone, Default)]
pub struct DashboardTab;

impl DashboardTab {
    /// Draws the conference's dashboard from `read`; no-shows as of `now`.
    pub fn ui(&mut self, ui: &mut Ui, read: &ReadModels, id: ConferenceId, now: DateTime<Utc>) {
        let Some(d) = read.dashboard.get(id) else {
            ui.label(tr("This conference did not exist yet."));
            return;
        };
        ui.horizontal_top(|ui| {
            ui.vertical(|ui| {
                ui.set_width(FIGURES_WIDTH);
                figures_ui(ui, &d.figures(now));
            });
            ui.separator();
            ui.vertical(|ui| charts_ui(ui, d));
        });
    }
}

/// The width of the headline numbers' column, in points.
const FIGURES_WIDTH: f32 = 220.0;

fn figures_ui(ui: &mut Ui, f: &Figures) {
    let no_shows = match f.no_shows {
        Some(n) => whole(n),
        None => tr("not started").to_string(),
    };
    let rows = [
        (
            tr("Revenue to date"),
            fmt::money(Money::new(f.revenue_minor, f.currency)),
        ),
        (tr("Confirmed orders"), whole(f.confirmed_orders)),
        (tr("Seats sold"), fmt::count(f.seats_sold)),
        (tr("Seats left"), fmt::count(f.seats_left)),
        (tr("Checked in"), whole(f.checked_in)),
        (tr("No-shows so far"), no_shows),
    ];
    for (label, value) in rows {
        ui.label(RichText::new(label).weak());
        ui.label(RichText::new(value).heading().strong());
        ui.add_space(6.0);
    }
}

/// A chart's room: its box is `width` wide, its plot `height` tall.
#[derive(Debug, Clone, Copy)]
struct ChartSize {
    width: f32,
    height: f32,
}

fn charts_ui(ui: &mut Ui, d: &ConferenceDashboard) {
    let size = ChartSize {
        width: ((ui.available_width() - 16.0) / 2.0).max(200.0),
        height: ((ui.available_height() - 4.0 * 24.0) / 2.0).clamp(120.0, 260.0),
    };
    ui.horizontal_top(|ui| {
        chart_box(ui, size, |ui| seats::seats_ui(ui, d, size));
        chart_box(ui, size, |ui| charts::check_ins_ui(ui, d, size));
    });
    ui.horizontal_top(|ui| {
        let revenue =
            say(&Message::new("Revenue per day ({currency})").text("currency", d.currency.code()));
        chart_box(ui, size, |ui| {
            ui.strong(revenue);
            charts::revenue_ui(ui, d, size);
        });
        chart_box(ui, size, |ui| {
            ui.strong(tr("Orders per day"));
            charts::orders_ui(ui, d, size);
        });
    });
}

fn chart_box(ui: &mut Ui, size: ChartSize, add: impl FnOnce(&mut Ui)) {
    ui.vertical(|ui| {
        ui.set_width(size.width);
        add(ui);
    });
}

/// In place of a plot with nothing to draw: `text`, centred in the plot's
/// room, so the page keeps its layout.
fn nothing_yet_ui(ui: &mut Ui, size: ChartSize, text: &str) {
    ui.allocate_ui(egui::vec2(size.width, size.height), |ui| {
        ui.set_min_size(egui::vec2(size.width, size.height));
        ui.centered_and_justified(|ui| {
            ui.label(RichText::new(text).weak());
        });
    });
}

/// A count for the figures column.
fn whole(n: u64) -> String {
    fmt::count(i64::try_from(n).unwrap_or(i64::MAX))
}
