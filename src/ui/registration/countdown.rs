//! The reservation countdown: how long the seats of an unpaid order are
//! still held (the order's expiry minus the desk clock's now), shown mm:ss
//! and redrawn every second. The expiry itself is fired by the window; the
//! countdown only shows it coming.

use crate::app::projections::OrderView;
use crate::domain::Message;
use crate::ui::i18n::{say, tr};
use crate::ui::widgets::error_color;
use chrono::{DateTime, Duration, Utc};
use eframe::egui::{RichText, Ui};

/// Below this, the countdown turns to the warning colour.
const HURRY: Duration = Duration::minutes(2);

/// How long the order's seats are still held at `now` (negative once past).
pub fn remaining(order: &OrderView, now: DateTime<Utc>) -> Duration {
    order.expires_at - now
}

/// `14:59` for 14 minutes 59.x seconds; `00:00` once past.
pub fn format_mm_ss(left: Duration) -> String {
    let secs = left.num_seconds().max(0);
    format!("{:02}:{:02}", secs / 60, secs % 60)
}

/// "Seats held for mm:ss", and a repaint in a second.
pub fn countdown_ui(ui: &mut Ui, left: Duration) {
    let text = RichText::new(say(
        &Message::new("Seats held for {time}").text("time", format_mm_ss(left))
    ))
    .size(18.0)
    .strong();
    let text = if left < HURRY {
        text.color(error_color(ui))
    } else {
        text
    };
    ui.label(text).on_hover_text(tr(
        "The seats are released when this reaches 00:00 and the order is not paid.",
    ));
    ui.ctx()
        .request_repaint_after(std::time::Duration::from_secs(1));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_minutes_and_seconds_and_clamps_at_zero() {
        assert_eq!(format_mm_ss(Duration::minutes(15)), "15:00");
        assert_eq!(format_mm_ss(Duration::milliseconds(899_500)), "14:59");
        assert_eq!(format_mm_ss(Duration::seconds(5)), "00:05");
        assert_eq!(format_mm_ss(Duration::seconds(-3)), "00:00");
    }
}
