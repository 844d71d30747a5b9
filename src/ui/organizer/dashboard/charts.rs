//! The Dashboard's time charts — revenue and orders per day, check-ins per
//! quarter hour — drawn with egui_plot from the read model's series
//! ([`ConferenceDashboard::sales_per_day`],
//! [`ConferenceDashboard::check_ins_per_bucket`]), and what every chart
//! shares (the seats chart, in `seats.rs`, too).
//!
//! Every plot is fixed: no panning or zooming (each shows all there is),
//! bounds from the data (so a past view or a new order never inherits the
//! last frame's), marks and labels from [`axes`], and no hover coordinates
//! (the x values are day and minute numbers, not something to read).

use super::axes::{self, AxisMarks};
use super::{ChartSize, nothing_yet_ui};
use crate::app::projections::{CHECK_IN_BUCKET_SECS, ConferenceDashboard, DaySales};
use crate::domain::{Message, Money};
use crate::ui::i18n::{format as fmt, say, tr};
use chrono::{DateTime, Duration, NaiveDate, Timelike as _, Utc};
use eframe::egui::{self, Color32, RichText, TextStyle, Ui};
use egui_plot::{Bar, BarChart, Plot};

pub(super) const SOLD: Color32 = Color32::from_rgb(40, 150, 70);
pub(super) const RESERVED: Color32 = Color32::from_rgb(230, 150, 30);
pub(super) const LEFT: Color32 = Color32::from_rgb(150, 150, 150);
const ORDERS: Color32 = Color32::from_rgb(60, 110, 200);

/// A per-day chart never spans fewer days than this, so a single day is
/// one readable bar, not a wall of colour.
const MIN_DAYS_SHOWN: i64 = 5;

/// Room for one y tick, in points: fewer ticks on a short chart.
pub(super) const Y_TICK_ROOM: f32 = 28.0;

/// The narrowest y axis, in points, so the charts of a row line up.
pub(super) const MIN_Y_AXIS: f32 = 44.0;

/// What every chart shares: its size, no interaction but hovering a bar,
/// and bounds exactly as included.
pub(super) fn plot(id: &'static str, size: ChartSize) -> Plot<'static> {
    Plot::new(id)
        .width(size.width)
        .height(size.height)
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .allow_double_click_reset(false)
        .show_x(false)
        .show_y(false)
        .set_margin_fraction(egui::Vec2::ZERO)
}

/// Whole ticks from 0 to at least `max` (in minor units or counts), as
/// many as `length` points hold, plotted divided by `scale`, labelled by
/// `label(value, step)`. Returns the marks and the top of the axis.
pub(super) fn value_marks(
    max: i64,
    length: f32,
    scale: f64,
    label: impl Fn(i64, i64) -> String,
) -> (AxisMarks, f64) {
    // A float of a few hundred: the cast cannot wrap.
    let room = ((length / Y_TICK_ROOM).floor() as i64).clamp(1, 5);
    let (step, top) = axes::nice_ticks(max, room);
    let values = axes::tick_values(step, top);
    let marks = AxisMarks::new(
        values.iter().map(|v| *v as f64 / scale),
        step as f64 / scale,
        |v| label((v * scale).round() as i64, step),
    );
    (marks, top as f64 / scale)
}

/// How wide `text` is in the body font.
pub(super) fn text_width(ui: &Ui, text: &str) -> f32 {
    let font = TextStyle::Body.resolve(ui.style());
    ui.painter()
        .layout_no_wrap(text.to_owned(), font, Color32::WHITE)
        .size()
        .x
}

/// Day `day` as days since 1970-01-01, the per-day charts' x.
fn day_x(day: NaiveDate) -> f64 {
    (day - NaiveDate::default()).num_days() as f64
}

fn day_at(x: f64) -> Option<NaiveDate> {
    // Marks are whole days of the data: the cast is exact.
    NaiveDate::default().checked_add_signed(Duration::days(x.round() as i64))
}

/// One series of the per-day charts.
struct DaySeries {
    id: &'static str,
    name: &'static str,
    color: Color32,
    /// The value of a day, in minor units or a count.
    value: fn(&DaySales) -> i64,
    /// Minor units per plotted unit (1 for counts).
    scale: f64,
    /// A tick's label: (value, step between ticks).
    tick: Box<dyn Fn(i64, i64) -> String>,
    /// A bar's value when hovered.
    hover: Box<dyn Fn(i64) -> String>,
}

/// Revenue per day, one bar a day, money on the y axis.
pub(super) fn revenue_ui(ui: &mut Ui, d: &ConferenceDashboard, size: ChartSize) {
    let currency = d.currency;
    let series = DaySeries {
        id: "dashboard-revenue",
        name: tr("Revenue"),
        color: SOLD,
        value: |s| s.revenue_minor,
        scale: 10_f64.powi(i32::from(currency.minor_units())),
        tick: Box::new(move |v, step| fmt::axis_money(v, step, currency)),
        hover: Box::new(move |v| fmt::money(Money::new(v, currency))),
    };
    per_day_ui(ui, d, size, series);
}

/// Confirmed orders per day, one bar a day, whole counts on the y axis.
pub(super) fn orders_ui(ui: &mut Ui, d: &ConferenceDashboard, size: ChartSize) {
    let series = DaySeries {
        id: "dashboard-orders",
        name: tr("Orders"),
        color: ORDERS,
        value: |s| i64::try_from(s.orders).unwrap_or(i64::MAX),
        scale: 1.0,
        tick: Box::new(|v, _| fmt::count(v)),
        hover: Box::new(fmt::count),
    };
    per_day_ui(ui, d, size, series);
}

fn per_day_ui(ui: &mut Ui, d: &ConferenceDashboard, size: ChartSize, s: DaySeries) {
    let days = d.sales_per_day();
    let (Some((first, _)), Some((last, _))) = (days.first(), days.last()) else {
        nothing_yet_ui(ui, size, tr("No orders yet"));
        return;
    };
    let (x0, x1) = (day_x(*first), day_x(*last));
    let max = days.iter().map(|(_, v)| (s.value)(v)).max().unwrap_or(0);
    let label_h = ui.text_style_height(&TextStyle::Body);
    let (y_marks, top) = value_marks(max, size.height - label_h, s.scale, &*s.tick);
    let (y_axis, y_width) = y_marks.y_hints(ui, MIN_Y_AXIS);
    // Whole days from first to last: the cast is exact.
    let n = (x1 - x0) as i64 + 1;
    let pad = (MIN_DAYS_SHOWN - n).max(0) as f64 / 2.0;
    let label_w =
        text_width(ui, &fmt::short_date(*first)).max(text_width(ui, &fmt::short_date(*last)));
    // Half a label's room beyond the first and last day, so neither is cut.
    let plot_w = (size.width - y_width - label_w).max(1.0);
    let per_day = plot_w / (n as f32 + 2.0 * pad as f32);
    let edge = (0.5 + pad).max(f64::from(label_w / 2.0 / per_day));
    let step = axes::day_step(n, axes::MAX_LABELS, per_day, label_w);
    let x_marks = AxisMarks::new(
        (0..n)
            .step_by(usize::try_from(step).unwrap_or(1))
            .map(|k| x0 + k as f64),
        step as f64,
        |x| day_at(x).map(fmt::short_date).unwrap_or_default(),
    );
    let bars: Vec<Bar> = days
        .iter()
        .map(|(day, v)| {
            Bar::new(day_x(*day), (s.value)(v) as f64 / s.scale)
                .width(0.7)
                .name(fmt::short_date(*day))
        })
        .collect();
    let (scale, hover) = (s.scale, s.hover);
    let chart = BarChart::new(s.name, bars)
        .color(s.color)
        .element_formatter(Box::new(move |bar, _| {
            format!(
                "{}\n{}",
                bar.name,
                hover((bar.value * scale).round() as i64)
            )
        }));
    plot(s.id, size)
        .custom_x_axes(vec![x_marks.x_hints(ui)])
        .custom_y_axes(vec![y_axis])
        .x_grid_spacer(x_marks.spacer())
        .y_grid_spacer(y_marks.spacer())
        // No day lines: they would run through the bars.
        .show_grid(egui::Vec2b::new(false, true))
        .include_x(x0 - edge)
        .include_x(x1 + edge)
        .include_y(0.0)
        .include_y(top * 1.08)
        .show(ui, |p| p.bar_chart(chart));
}

/// Minutes since the Unix epoch, the check-in chart's x: exact in an f64
/// for any real date.
fn minutes(t: DateTime<Utc>) -> f64 {
    t.timestamp() as f64 / 60.0
}

/// Check-ins per quarter hour on a time-of-day axis, the day(s) beside the
/// title.
pub(super) fn check_ins_ui(ui: &mut Ui, d: &ConferenceDashboard, size: ChartSize) {
    let title = tr("Check-ins per 15 minutes");
    let Some((start, end)) = d.check_in_span() else {
        ui.strong(title);
        nothing_yet_ui(ui, size, tr("No check-ins yet"));
        return;
    };
    let zone = d.zone;
    let (first_day, last_day) = (zone.day_of(start), zone.day_of(end - Duration::seconds(1)));
    let days = if first_day == last_day {
        fmt::weekday_date(first_day)
    } else {
        say(&Message::new("{start} to {end}")
            .date("start", first_day)
            .date("end", last_day))
    };
    title_row_ui(
        ui,
        size.width,
        title,
        |ui| {
            ui.label(RichText::new(days.as_str()).weak());
        },
        text_width(ui, &days),
    );
    let buckets = d.check_ins_per_bucket();
    let max = buckets.iter().map(|(_, n)| *n).max().unwrap_or(0);
    let label_h = ui.text_style_height(&TextStyle::Body);
    let max = i64::try_from(max).unwrap_or(i64::MAX);
    let (y_marks, top) = value_marks(max, size.height - label_h, 1.0, |v, _| fmt::count(v));
    let (y_axis, y_width) = y_marks.y_hints(ui, MIN_Y_AXIS);
    let (x_marks, pad) = time_marks(ui, d, (start, end), size.width - y_width);
    let quarter = CHECK_IN_BUCKET_SECS as f64 / 60.0;
    let bars: Vec<Bar> = buckets
        .iter()
        .map(|(t, n)| {
            let label = fmt::time(zone.wall_clock(*t).time());
            Bar::new(minutes(*t) + quarter / 2.0, *n as f64)
                .width(quarter * 0.85)
                .name(label)
        })
        .collect();
    let chart = BarChart::new(tr("Check-ins"), bars)
        .color(SOLD)
        .element_formatter(Box::new(|bar, _| {
            format!("{}\n{}", bar.name, fmt::count(bar.value.round() as i64))
        }));
    plot("dashboard-check-ins", size)
        .custom_x_axes(vec![x_marks.x_hints(ui)])
        .custom_y_axes(vec![y_axis])
        .x_grid_spacer(x_marks.spacer())
        .y_grid_spacer(y_marks.spacer())
        .include_x(minutes(start) - pad)
        .include_x(minutes(end) + pad)
        .include_y(0.0)
        .include_y(top * 1.08)
        .show(ui, |p| p.bar_chart(chart));
}

/// Marks on whole quarter hours, hours… of the desk's clock between
/// `span`'s ends, as many as `plot_w` points hold; a day's midnight shows
/// the day when the chart spans several. Also the room, in minutes, to
/// keep beyond each end so that the end marks' labels are not cut.
fn time_marks(
    ui: &Ui,
    d: &ConferenceDashboard,
    (start, end): (DateTime<Utc>, DateTime<Utc>),
    plot_w: f32,
) -> (AxisMarks, f64) {
    let zone = d.zone;
    let span = (end - start).num_minutes().max(1);
    let several_days = zone.day_of(start) != zone.day_of(end - Duration::seconds(1));
    let widest = if several_days {
        text_width(ui, &fmt::short_date(zone.day_of(end)))
    } else {
        0.0
    };
    let label_w = text_width(ui, "00:00").max(widest);
    // Half a label beyond each end, taken from the room the span gets.
    let per_minute = (plot_w - label_w).max(1.0) / span as f32;
    let pad = f64::from(label_w / 2.0 / per_minute);
    let step = axes::minute_step(span, axes::MAX_LABELS, per_minute, label_w);
    let on_mark = |t: DateTime<Utc>| {
        let w = zone.wall_clock(t);
        let of_day = i64::from(w.hour() * 60 + w.minute());
        of_day % step.min(1440) == 0
    };
    let quarter = Duration::seconds(CHECK_IN_BUCKET_SECS);
    let first = (0..=96)
        .map(|i| start + quarter * i)
        .find(|t| on_mark(*t))
        .unwrap_or(start);
    let marks = (0..=axes::MAX_LABELS)
        .map(|k| first + Duration::minutes(step * k))
        .take_while(|t| *t <= end);
    let marks = AxisMarks::new(marks.map(minutes), step as f64, |x| {
        let at = DateTime::from_timestamp((x * 60.0).round() as i64, 0).unwrap_or(start);
        let w = zone.wall_clock(at);
        if several_days && w.hour() == 0 && w.minute() == 0 {
            fmt::short_date(w.date())
        } else {
            fmt::time(w.time())
        }
    });
    (marks, pad)
}

/// A chart's title, then `extra` on the same row when `extra_width` points
/// fit beside it in `width`.
pub(super) fn title_row_ui(
    ui: &mut Ui,
    width: f32,
    title: &str,
    extra: impl FnOnce(&mut Ui),
    extra_width: f32,
) -> bool {
    let fits = text_width(ui, title) + 16.0 + extra_width <= width;
    ui.horizontal(|ui| {
        ui.strong(title);
        if fits {
            ui.add_space(8.0);
            extra(ui);
        }
    });
    fits
}
