//! The Seats chart: sold, reserved and left seats per seat type as
//! stacked horizontal bars. Seat types are named on the axis (cut to fit)
//! rather than in a legend; the colours' legend sits beside the title, or
//! below the plot where the title row has no room, never over a bar.

use super::axes::AxisMarks;
use super::charts::{
    LEFT, MIN_Y_AXIS, RESERVED, SOLD, Y_TICK_ROOM, plot, text_width, title_row_ui, value_marks,
};
use super::{ChartSize, nothing_yet_ui};
use crate::app::projections::{ConferenceDashboard, SeatTypeFigures};
use crate::ui::i18n::{format as fmt, tr};
use eframe::egui::{self, Ui};
use egui_plot::{Bar, BarChart};

/// The longest seat-type name on the seat axis, in characters.
const MAX_NAME_CHARS: usize = 18;

/// Seats sold, reserved and left per seat type: stacked horizontal bars,
/// each seat type named on the axis, the legend beside the title.
pub(super) fn seats_ui(ui: &mut Ui, d: &ConferenceDashboard, size: ChartSize) {
    let title = tr("Seats per seat type");
    let series = [
        (SOLD, tr("Sold")),
        (RESERVED, tr("Reserved")),
        (LEFT, tr("Left")),
    ];
    let legend_w: f32 = series.iter().map(|(_, l)| text_width(ui, l) + 24.0).sum();
    let legend = |ui: &mut Ui| {
        for (color, label) in series {
            let (r, _) = ui.allocate_exact_size(egui::vec2(10.0, 10.0), egui::Sense::hover());
            ui.painter().rect_filled(r, 2.0, color);
            ui.label(label);
        }
    };
    if d.seat_types.is_empty() {
        ui.strong(title);
        nothing_yet_ui(ui, size, tr("No seat types yet"));
        return;
    }
    let beside = title_row_ui(ui, size.width, title, legend, legend_w);
    seat_bars_ui(ui, d, size);
    if !beside {
        ui.horizontal(legend);
    }
}

/// `name`, cut with "…" to at most [`MAX_NAME_CHARS`] characters and
/// `max_w` points.
fn short_name(ui: &Ui, name: &str, max_w: f32) -> String {
    let mut chars: Vec<char> = name.chars().take(MAX_NAME_CHARS + 1).collect();
    let mut cut = chars.len() > MAX_NAME_CHARS;
    chars.truncate(MAX_NAME_CHARS);
    loop {
        let text: String = chars.iter().collect::<String>() + if cut { "…" } else { "" };
        if chars.len() <= 3 || text_width(ui, &text) <= max_w {
            return text;
        }
        chars.pop();
        cut = true;
    }
}

fn seat_bars_ui(ui: &mut Ui, d: &ConferenceDashboard, size: ChartSize) {
    let n = d.seat_types.len();
    let names: Vec<String> = d
        .seat_types
        .iter()
        .map(|s| short_name(ui, &s.name, size.width * 0.4))
        .collect();
    let y_marks = AxisMarks::new((0..n).map(|i| seat_y(n, i)), 1.0, |y| {
        let i = n.checked_sub(1 + y.round().max(0.0) as usize);
        i.and_then(|i| names.get(i)).cloned().unwrap_or_default()
    });
    let (y_axis, y_width) = y_marks.y_hints(ui, MIN_Y_AXIS);
    let max = d
        .seat_types
        .iter()
        .map(|s| s.sold.max(0) + s.reserved.max(0) + s.left.max(0))
        .max()
        .unwrap_or(0);
    let plot_w = size.width - y_width;
    let (x_marks, top) = value_marks(max, plot_w * Y_TICK_ROOM / 70.0, 1.0, |v, _| fmt::count(v));
    // Room for half the top tick's label beyond it, so it is not cut.
    let half_label = f64::from(x_marks.label_size(ui).0 / 2.0 + 2.0);
    let right = top + top * half_label / f64::from(plot_w.max(1.0));
    let [sold, reserved, left] = seat_charts(d);
    plot("dashboard-seats", size)
        .custom_x_axes(vec![x_marks.x_hints(ui)])
        .custom_y_axes(vec![y_axis])
        .x_grid_spacer(x_marks.spacer())
        .y_grid_spacer(y_marks.spacer())
        .include_x(0.0)
        .include_x(right)
        // No seat-type lines: they would run through the bars.
        .show_grid(egui::Vec2b::new(true, false))
        .include_y(-0.5)
        .include_y(n as f64 - 0.5)
        .show(ui, |p| {
            p.bar_chart(sold);
            p.bar_chart(reserved);
            p.bar_chart(left);
        });
}

/// Seat type `i` of `n`'s place on the seat axis: top to bottom in
/// creation order.
fn seat_y(n: usize, i: usize) -> f64 {
    n.saturating_sub(1 + i) as f64
}

/// The sold, reserved and left bars of every seat type, stacked.
fn seat_charts(d: &ConferenceDashboard) -> [BarChart; 3] {
    let n = d.seat_types.len();
    let bars = |value: fn(&SeatTypeFigures) -> i64| -> Vec<Bar> {
        d.seat_types
            .iter()
            .enumerate()
            .map(|(i, s)| {
                Bar::new(seat_y(n, i), value(s).max(0) as f64)
                    .width(0.6)
                    .name(&s.name)
            })
            .collect()
    };
    let chart = |label: &'static str, color, values| {
        BarChart::new(label, values)
            .color(color)
            .horizontal()
            .element_formatter(Box::new(move |bar, _| {
                format!(
                    "{}\n{label}: {}",
                    bar.name,
                    fmt::count(bar.value.round() as i64)
                )
            }))
    };
    let sold = chart(tr("Sold"), SOLD, bars(|s| s.sold));
    let reserved = chart(tr("Reserved"), RESERVED, bars(|s| s.reserved)).stack_on(&[&sold]);
    let left = chart(tr("Left"), LEFT, bars(|s| s.left)).stack_on(&[&sold, &reserved]);
    [sold, reserved, left]
}
