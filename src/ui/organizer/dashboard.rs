//! Dashboard tab: the conference's headline numbers beside four charts —
//! seats sold / reserved / left per seat type (stacked bars), revenue and
//! orders per day (lines), and check-ins per 15 minutes (bars). Everything
//! is read from the [`Dashboard`](crate::app::projections::Dashboard) read
//! model, which the log keeps up to date; nothing is recounted here. Days
//! and clock times are the read model's (the desk's time zone).

use crate::app::projections::{CHECK_IN_BUCKET_SECS, ConferenceDashboard, Figures, ReadModels};
use crate::domain::Message;
use crate::domain::{ConferenceId, Currency, Money};
use crate::ui::i18n::{format as fmt, say, tr};
use chrono::{DateTime, NaiveDate, Utc};
use eframe::egui::{self, Color32, RichText, Ui};
use egui_plot::{Bar, BarChart, Legend, Line, Plot, uniform_grid_spacer};

const SOLD: Color32 = Color32::from_rgb(40, 150, 70);
const RESERVED: Color32 = Color32::from_rgb(230, 150, 30);
const LEFT: Color32 = Color32::from_rgb(150, 150, 150);
/// Longest run of days drawn with zero days filled in.
const MAX_FILLED_DAYS: i64 = 400;

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
                ui.set_width(220.0);
                figures_ui(ui, &d.figures(now));
            });
            ui.separator();
            ui.vertical(|ui| charts_ui(ui, d));
        });
    }
}

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

fn charts_ui(ui: &mut Ui, d: &ConferenceDashboard) {
    let height = ((ui.available_height() - 4.0 * 24.0) / 2.0).clamp(120.0, 260.0);
    let width = ((ui.available_width() - 16.0) / 2.0).max(200.0);
    ui.horizontal_top(|ui| {
        chart_box(ui, width, tr("Seats per seat type"), |ui| {
            seats_chart(ui, d, height);
        });
        chart_box(ui, width, tr("Check-ins per 15 minutes"), |ui| {
            check_ins_chart(ui, d, height);
        });
    });
    ui.horizontal_top(|ui| {
        let revenue =
            say(&Message::new("Revenue per day ({currency})").text("currency", d.currency.code()));
        chart_box(ui, width, &revenue, |ui| revenue_chart(ui, d, height));
        chart_box(ui, width, tr("Orders per day"), |ui| {
            orders_chart(ui, d, height);
        });
    });
}

fn chart_box(ui: &mut Ui, width: f32, title: &str, add: impl FnOnce(&mut Ui)) {
    ui.vertical(|ui| {
        ui.set_width(width);
        ui.strong(title);
        add(ui);
    });
}

fn seats_chart(ui: &mut Ui, d: &ConferenceDashboard, height: f32) {
    let bars = |value: fn(&crate::app::projections::SeatTypeFigures) -> i64| -> Vec<Bar> {
        (0_u32..)
            .zip(&d.seat_types)
            .map(|(i, s)| {
                Bar::new(f64::from(i), count(value(s)))
                    .width(0.6)
                    .name(&s.name)
            })
            .collect()
    };
    let sold = BarChart::new(tr("Sold"), bars(|s| s.sold)).color(SOLD);
    let reserved = BarChart::new(tr("Reserved"), bars(|s| s.reserved))
        .color(RESERVED)
        .stack_on(&[&sold]);
    let left = BarChart::new(tr("Left"), bars(|s| s.left))
        .color(LEFT)
        .stack_on(&[&sold, &reserved]);
    let names: Vec<String> = d.seat_types.iter().map(|s| s.name.clone()).collect();
    Plot::new("dashboard-seats")
        .height(height)
        .legend(Legend::default())
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .include_y(0.0)
        .x_axis_formatter(move |mark, _| label_at(&names, mark.value))
        .show(ui, |p| {
            p.bar_chart(sold);
            p.bar_chart(reserved);
            p.bar_chart(left);
        });
}

fn check_ins_chart(ui: &mut Ui, d: &ConferenceDashboard, height: f32) {
    if d.check_ins.is_empty() {
        ui.allocate_ui(egui::vec2(ui.available_width(), height), |ui| {
            ui.centered_and_justified(|ui| {
                ui.label(RichText::new(tr("No check-ins yet")).weak());
            });
        });
        return;
    }
    let zone = d.zone;
    // x: minutes since the Unix epoch, exact in an f64 for any real date.
    let minutes = |t: &DateTime<Utc>| t.timestamp() as f64 / 60.0;
    let width = CHECK_IN_BUCKET_SECS as f64 / 60.0;
    let bars: Vec<Bar> = d
        .check_ins
        .iter()
        .map(|(t, n)| Bar::new(minutes(t) + width / 2.0, *n as f64).width(width * 0.9))
        .collect();
    Plot::new("dashboard-check-ins")
        .height(height)
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .include_y(0.0)
        .x_axis_formatter(move |mark, _| {
            DateTime::from_timestamp((mark.value * 60.0).round() as i64, 0)
                .map(|t| zone.wall_clock(t).format("%H:%M").to_string())
                .unwrap_or_default()
        })
        // Marks on the quarter hours the bars count, hours drawn stronger.
        .x_grid_spacer(uniform_grid_spacer(|i| {
            capped_steps(&i, [15.0, 60.0, 240.0])
        }))
        .show(ui, |p| {
            p.bar_chart(BarChart::new(tr("Check-ins"), bars).color(SOLD))
        });
}

/// `steps` (the finest first) widened by a whole factor so an axis never
/// gets more than about 60 marks: fixed steps over a wide range made
/// millions of marks, each formatted, and froze the window for seconds
/// when a large conference opened on this tab (issue 16 item 7).
fn capped_steps(input: &egui_plot::GridInput, steps: [f64; 3]) -> [f64; 3] {
    const MAX_MARKS: f64 = 60.0;
    let span = (input.bounds.1 - input.bounds.0).abs();
    let factor = (span / (steps[0] * MAX_MARKS)).ceil();
    if factor.is_finite() && factor > 1.0 {
        steps.map(|s| s * factor)
    } else {
        steps
    }
}

/// Day `x` as days since 1970-01-01.
fn day_x(day: NaiveDate) -> f64 {
    (day - NaiveDate::default()).num_days() as f64
}

fn day_label(x: f64) -> String {
    if (x - x.round()).abs() > 1e-6 {
        return String::new();
    }
    NaiveDate::default()
        .checked_add_signed(chrono::Duration::days(x.round() as i64))
        .map(|d| d.format("%m-%d").to_string())
        .unwrap_or_default()
}

/// One point per day from the first sale to the last, days without sales
/// at zero (only present days when the span is very long).
fn per_day(
    d: &ConferenceDashboard,
    value: impl Fn(&crate::app::projections::DaySales) -> f64,
) -> Vec<[f64; 2]> {
    let (Some(first), Some(last)) = (d.days.keys().next(), d.days.keys().next_back()) else {
        return Vec::new();
    };
    if (*last - *first).num_days() > MAX_FILLED_DAYS {
        return d
            .days
            .iter()
            .map(|(day, s)| [day_x(*day), value(s)])
            .collect();
    }
    first
        .iter_days()
        .take_while(|day| day <= last)
        .map(|day| [day_x(day), d.days.get(&day).map_or(0.0, &value)])
        .collect()
}

fn day_plot(ui: &mut Ui, id: &str, height: f32, line: Line<'_>) {
    Plot::new(id)
        .height(height)
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .include_y(0.0)
        .x_axis_formatter(|mark, _| day_label(mark.value))
        // One mark a day (weeks and four weeks drawn stronger), so every
        // day of a sales week is labelled.
        .x_grid_spacer(uniform_grid_spacer(|i| capped_steps(&i, [1.0, 2.0, 7.0])))
        .y_axis_formatter(|mark, _| axis_count(mark.value))
        .show(ui, |p| p.line(line));
}

fn revenue_chart(ui: &mut Ui, d: &ConferenceDashboard, height: f32) {
    let currency = d.currency;
    let points = per_day(d, |s| major(s.revenue_minor, currency));
    let line = Line::new(tr("Revenue"), points).color(SOLD).width(2.0);
    day_plot(ui, "dashboard-revenue", height, line);
}

fn orders_chart(ui: &mut Ui, d: &ConferenceDashboard, height: f32) {
    let points = per_day(d, |s| s.orders as f64);
    let line = Line::new(tr("Orders"), points)
        .color(egui::Color32::from_rgb(60, 110, 200))
        .width(2.0);
    day_plot(ui, "dashboard-orders", height, line);
}

/// An amount in major units (dollars, won), for a chart's y axis.
fn major(minor: i64, currency: Currency) -> f64 {
    minor as f64 / 10_f64.powi(i32::from(currency.minor_units()))
}

/// A y-axis mark: whole numbers grouped by thousands, nothing in between.
fn axis_count(value: f64) -> String {
    if (value - value.round()).abs() > 1e-6 {
        return String::new();
    }
    fmt::count(value.round() as i64)
}

/// A count for the figures column.
fn whole(n: u64) -> String {
    fmt::count(i64::try_from(n).unwrap_or(i64::MAX))
}

fn count(n: i64) -> f64 {
    n.max(0) as f64
}

fn label_at(names: &[String], x: f64) -> String {
    if (x - x.round()).abs() > 1e-6 || x < 0.0 {
        return String::new();
    }
    names.get(x.round() as usize).cloned().unwrap_or_default()
}
