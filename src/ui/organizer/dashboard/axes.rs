//! The Dashboard charts' axes: which marks an axis gets and what they say.
//!
//! egui_plot would pick marks itself (powers of ten of whatever unit the x
//! values are in) and hide a whole level of labels that does not fit, which
//! gave fractional days, unlabelled epoch minutes and vanishing y labels.
//! Here every axis is a fixed list of marks chosen from the data and the
//! room there is — whole counts, whole days, quarter hours on the desk's
//! clock, at most [`MAX_LABELS`] — each with its label, and the axis is
//! exactly as wide as its widest label, so nothing spills out of the chart.

use eframe::egui::{Color32, Rangef, TextStyle, Ui};
use egui_plot::{AxisHints, GridInput, GridMark};

/// The most labels an axis gets, however wide the chart.
pub const MAX_LABELS: i64 = 7;

/// Room kept between two x-axis labels, in points.
const LABEL_GAP: f32 = 16.0;

/// egui_plot's margin on each side of a y-axis label, in points.
const Y_LABEL_MARGIN: f32 = 4.0;

/// The marks of one axis, each with its label.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AxisMarks {
    marks: Vec<(f64, String)>,
    /// The distance between neighbouring marks, in plot units.
    step: f64,
}

impl AxisMarks {
    /// Marks at `values`, labelled by `label`, `step` apart.
    pub fn new(
        values: impl IntoIterator<Item = f64>,
        step: f64,
        label: impl Fn(f64) -> String,
    ) -> Self {
        let marks = values.into_iter().map(|v| (v, label(v))).collect();
        Self { marks, step }
    }

    /// The labels, in axis order.
    pub fn labels(&self) -> impl Iterator<Item = &str> {
        self.marks.iter().map(|(_, l)| l.as_str())
    }

    /// The width and height of the largest label as `ui` paints it.
    pub fn label_size(&self, ui: &Ui) -> (f32, f32) {
        let font = TextStyle::Body.resolve(ui.style());
        self.labels().fold((0.0, 0.0), |(w, h), text| {
            let g = ui
                .painter()
                .layout_no_wrap(text.to_owned(), font.clone(), Color32::WHITE);
            (w.max(g.size().x), h.max(g.size().y))
        })
    }

    /// The grid spacer: these marks and no others. A lone mark gets the
    /// whole axis as its step, so that egui_plot always finds room for
    /// its label.
    pub fn spacer(&self) -> impl Fn(GridInput) -> Vec<GridMark> + 'static {
        let values: Vec<f64> = self.marks.iter().map(|(v, _)| *v).collect();
        let step = self.step;
        move |input: GridInput| {
            let step_size = if values.len() > 1 {
                step
            } else {
                (input.bounds.1 - input.bounds.0).abs().max(step)
            };
            values
                .iter()
                .map(|&value| GridMark { value, step_size })
                .collect()
        }
    }

    /// The axis: these labels, never faded, at least `min_thickness` thick.
    pub fn hints(&self, min_thickness: f32) -> AxisHints<'static> {
        let marks = self.marks.clone();
        let near = self.step.abs() * 1e-6;
        AxisHints::new_x()
            .formatter(move |mark, _| {
                marks
                    .iter()
                    .find(|(v, _)| (v - mark.value).abs() <= near)
                    .map(|(_, l)| l.clone())
                    .unwrap_or_default()
            })
            .label_spacing(Rangef::new(0.0, 1.0))
            .min_thickness(min_thickness)
    }

    /// A y axis just wide enough for the widest label (at least `min`),
    /// so labels neither spill left nor change width between frames.
    pub fn y_hints(&self, ui: &Ui, min: f32) -> (AxisHints<'static>, f32) {
        let width = (self.label_size(ui).0 + 2.0 * Y_LABEL_MARGIN + 2.0).max(min);
        (self.hints(width), width)
    }

    /// An x axis as tall as its labels.
    pub fn x_hints(&self, ui: &Ui) -> AxisHints<'static> {
        let height = self.label_size(ui).1.max(14.0);
        self.hints(height)
    }
}

/// A tick step for values from 0 to `max`: the smallest 1, 2 or 5 × 10ⁿ
/// (at least 1) giving at most `max_ticks` steps; and the top tick, the
/// first multiple of the step at or above `max` (at least one step).
pub fn nice_ticks(max: i64, max_ticks: i64) -> (i64, i64) {
    let max = max.max(1);
    let max_ticks = max_ticks.max(1);
    let mut magnitude: i64 = 1;
    loop {
        for factor in [1, 2, 5] {
            let Some(step) = magnitude.checked_mul(factor) else {
                return (max, max);
            };
            let steps = max.div_euclid(step) + i64::from(max.rem_euclid(step) != 0);
            if steps <= max_ticks {
                return (step, steps.saturating_mul(step));
            }
        }
        match magnitude.checked_mul(10) {
            Some(m) => magnitude = m,
            None => return (max, max),
        }
    }
}

/// The values 0, step, 2·step … top.
pub fn tick_values(step: i64, top: i64) -> Vec<i64> {
    let step = step.max(1);
    (0..=top / step).map(|k| k * step).collect()
}

/// A label step for a run of `days` days (first to last, inclusive),
/// `per_day` points a day, labels `label_w` points wide: the smallest of
/// 1, 2, 7, 14, 28… days whose labels do not touch and number at most
/// `max_labels`.
pub fn day_step(days: i64, max_labels: i64, per_day: f32, label_w: f32) -> i64 {
    let mut steps = vec![1, 2, 7, 14, 28, 56, 91, 182, 364];
    steps.extend((2..1000).map(|y| y * 364));
    pick_step(&steps, days - 1, max_labels, per_day, label_w)
}

/// A label step for a time axis of `minutes` minutes, `per_minute` points
/// a minute, labels `label_w` points wide: the smallest of 15, 30 minutes,
/// 1, 2, 3, 4, 6, 12 hours, 1, 2 days, weeks… whose labels do not touch
/// and number at most `max_labels`.
pub fn minute_step(minutes: i64, max_labels: i64, per_minute: f32, label_w: f32) -> i64 {
    let mut steps = vec![15, 30, 60, 120, 180, 240, 360, 720, 1440, 2880];
    steps.extend((1..1000).map(|w| w * 10_080));
    pick_step(&steps, minutes, max_labels, per_minute, label_w)
}

/// The first of `steps` (ascending) that is at least `label_w` plus a gap
/// wide at `per_unit` points a unit and puts at most `max_labels` labels
/// on `0..=length`; else the last.
fn pick_step(steps: &[i64], length: i64, max_labels: i64, per_unit: f32, label_w: f32) -> i64 {
    let (length, max_labels) = (length.max(0), max_labels.max(1));
    steps
        .iter()
        .copied()
        .find(|s| {
            // Steps and pixel sizes are small: the float is exact enough.
            let wide = *s as f32 * per_unit >= label_w + LABEL_GAP;
            // Labels at 0, s, 2s … length: length / s + 1 of them.
            wide && length / s < max_labels
        })
        .or_else(|| steps.last().copied())
        .unwrap_or(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nice_ticks_are_whole_and_few() {
        assert_eq!(nice_ticks(0, 5), (1, 1), "an empty axis still has one step");
        assert_eq!(nice_ticks(1, 5), (1, 1));
        assert_eq!(nice_ticks(3, 5), (1, 3));
        assert_eq!(nice_ticks(7, 5), (2, 8));
        assert_eq!(nice_ticks(89_800, 5), (20_000, 100_000));
        assert_eq!(nice_ticks(100_000, 5), (20_000, 100_000));
        assert_eq!(nice_ticks(3, 1), (5, 5));
        assert_eq!(tick_values(2, 8), [0, 2, 4, 6, 8]);
        let (step, top) = nice_ticks(i64::MAX, 5);
        assert!(step > 0 && top >= step, "no overflow: {step} {top}");
    }

    #[test]
    fn day_steps_keep_labels_apart_and_at_most_the_room() {
        // 100 points a day: every day has room for a 60-point label.
        assert_eq!(day_step(1, 7, 100.0, 60.0), 1);
        assert_eq!(day_step(7, 7, 100.0, 60.0), 1);
        assert_eq!(day_step(8, 7, 100.0, 60.0), 2);
        assert_eq!(day_step(30, 7, 100.0, 60.0), 7);
        assert_eq!(day_step(30, 3, 100.0, 60.0), 14);
        assert_eq!(day_step(400, 7, 100.0, 60.0), 91);
        assert_eq!(
            day_step(5, 1, 100.0, 60.0),
            7,
            "one label: the first day only"
        );
        // 20 points a day: a label needs 4 days.
        assert_eq!(day_step(3, 7, 20.0, 60.0), 7);
        assert_eq!(day_step(30, 7, 20.0, 60.0), 7);
    }

    #[test]
    fn minute_steps_fall_on_quarter_hours_and_hours() {
        let roomy = |minutes, max| minute_step(minutes, max, 10.0, 40.0);
        assert_eq!(roomy(60, 7), 15);
        assert_eq!(roomy(120, 7), 30);
        assert_eq!(roomy(120, 3), 60);
        assert_eq!(roomy(600, 7), 120);
        assert_eq!(roomy(28 * 60, 7), 360);
        assert_eq!(roomy(14 * 1440, 7), 10_080);
        // 1 point a minute: 56-point labels need an hour.
        assert_eq!(minute_step(120, 7, 1.0, 40.0), 60);
    }

    #[test]
    fn a_lone_mark_spans_the_axis_so_its_label_shows() {
        let one = AxisMarks::new([20_000.0], 1.0, |v| format!("{v}"));
        let marks = (one.spacer())(GridInput {
            bounds: (19_997.5, 20_002.5),
            base_step_size: 0.1,
        });
        assert_eq!(
            marks,
            [GridMark {
                value: 20_000.0,
                step_size: 5.0
            }]
        );
        let two = AxisMarks::new([0.0, 2.0], 2.0, |v| format!("{v}"));
        let marks = (two.spacer())(GridInput {
            bounds: (0.0, 2.2),
            base_step_size: 0.1,
        });
        assert_eq!(
            marks.iter().map(|m| m.step_size).collect::<Vec<_>>(),
            [2.0, 2.0]
        );
        assert_eq!(two.labels().collect::<Vec<_>>(), ["0", "2"]);
    }
}
