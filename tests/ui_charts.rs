//! The Dashboard's charts (issue 16, item 8), driven headless with
//! egui_kittest: an empty conference says so instead of drawing empty
//! plots; per-day charts are labelled bars even when every order fell on
//! one day; check-ins get a time-of-day axis; the seat legend sits outside
//! the plot; axis labels stay inside their chart (first frame included)
//! and the past view keeps them.
//!
//! egui_plot paints its axis labels as text shapes, not as accessible
//! widgets, so these tests read the frame's painted text
//! ([`painted_texts`]) and place it against the chart titles (which are
//! labels kittest can find).

mod common;
use common::ByName as _;
use common::window::window_on;
use common::{TestDesk, journey_conference, open_desk};

use chrono::{Duration, Local};
use confdesk::app::{Desk, OrderKey, OrganizerKey};
use confdesk::ui::MainWindow;
use confdesk::ui::i18n::{Lang, tr};
use confdesk::ui::organizer::{ConferenceScreen, OrganizerScreen};
use eframe::egui::{self, Pos2, Rect, Shape, accesskit::Role};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

const SLUG: &str = "charts";

/// Places an order of `qty` seats of `seat` and pays it.
fn paid_order(desk: &mut Desk, seat: &str, qty: i64) -> String {
    let key = desk.place_order_named(SLUG, &[(seat.into(), qty)]).unwrap();
    let k = OrderKey {
        order_id: key.order_id,
        access_code: key.access_code.clone(),
    };
    desk.registration_mut()
        .assign_registrant(&k, "Ana", "Lima", "ana@example.com")
        .unwrap();
    desk.registration_mut().pay(&k, true).unwrap();
    key.access_code
}

/// Names the attendee of each of the `qty` seats of the order `code`.
fn name_seats(desk: &mut Desk, key: &OrganizerKey, code: &str, qty: u32) {
    let access = desk.authorize_organizer(key).unwrap();
    let order_id = desk.door().door_find_order(&access, code).unwrap().order_id;
    let k = OrderKey {
        order_id,
        access_code: code.to_string(),
    };
    for seat in 0..qty {
        desk.registration_mut()
            .assign_seat(&k, seat, "Zoë", "Ærø", "zoe@example.dk")
            .unwrap();
    }
}

fn replace_text(h: &mut Harness<'_, MainWindow>, label: &str, text: &str) {
    h.get_by_role_and_label(Role::TextInput, label).focus();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.key_press(egui::Key::Backspace);
    h.run();
    h.get_by_role_and_label(Role::TextInput, label)
        .type_text(text);
    h.run();
}

/// Types the organizer's key and clicks Open; returns the painted texts of
/// each of the first frames after the click (the Dashboard opens first).
fn open_conference(h: &mut Harness<'_, MainWindow>, key: &OrganizerKey) -> Vec<Vec<Painted>> {
    replace_text(h, "Owner e-mail", &key.email);
    replace_text(h, "Access code", &key.access_code);
    h.get_by_label("Open").click();
    let mut frames = Vec::new();
    for _ in 0..4 {
        h.step();
        frames.push(painted_texts(h));
    }
    h.run();
    frames
}

trait ClockNow {
    fn clock_now(&self) -> chrono::DateTime<chrono::Utc>;
}

impl ClockNow for TestDesk {
    fn clock_now(&self) -> chrono::DateTime<chrono::Utc> {
        use confdesk::app::Clock as _;
        self.clock.now()
    }
}

fn window(t: &mut TestDesk, size: [f32; 2], lang: Lang) -> Harness<'static, MainWindow> {
    window_on(t, size, lang)
}

/// A text painted in the last frame and where.
#[derive(Debug, Clone)]
struct Painted {
    text: String,
    rect: Rect,
}

fn collect(shape: &Shape, out: &mut Vec<Painted>) {
    match shape {
        Shape::Text(t) => out.push(Painted {
            text: t.galley.text().to_string(),
            rect: Rect::from_min_size(t.pos, t.galley.size()),
        }),
        Shape::Vec(shapes) => shapes.iter().for_each(|s| collect(s, out)),
        _ => {}
    }
}

/// Every text the last frame painted (labels, plot axes, legends).
fn painted_texts(h: &Harness<'_, MainWindow>) -> Vec<Painted> {
    let mut out = Vec::new();
    for clipped in &h.output().shapes {
        collect(&clipped.shape, &mut out);
    }
    out
}

/// The region below the chart titled `title`, `width` wide, down to the
/// next row of charts (the row of "Orders per day") or 320 points.
fn chart_region(h: &Harness<'_, MainWindow>, title: &str, width: f32) -> Rect {
    let r = h.get_by_label(title).rect();
    let next_row = h.get_by_label(tr("Orders per day")).rect().top();
    let bottom = if next_row > r.bottom() + 20.0 {
        next_row
    } else {
        r.bottom() + 320.0
    };
    Rect::from_min_max(
        Pos2::new(r.left() - 2.0, r.bottom()),
        Pos2::new(r.left() + width, bottom),
    )
}

/// The painted texts whose centre lies in `region`.
fn texts_in(h: &Harness<'_, MainWindow>, region: Rect) -> Vec<String> {
    painted_texts(h)
        .into_iter()
        .filter(|p| region.contains(p.rect.center()))
        .map(|p| p.text)
        .collect()
}

fn screen<'h>(h: &'h Harness<'_, MainWindow>) -> &'h ConferenceScreen {
    match &h.state().organizer().screen {
        OrganizerScreen::Conference(c) => c,
        _ => panic!("not on the conference screen"),
    }
}

fn is_hh_mm(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 5 && b[2] == b':' && [0, 1, 3, 4].iter().all(|&i| b[i].is_ascii_digit())
}

#[test]
fn an_empty_conference_says_no_orders_yet_instead_of_empty_plots() {
    let mut t = open_desk();
    let key = journey_conference(&mut t.desk, SLUG, 100);
    let mut h = window(&mut t, [1280.0, 800.0], Lang::En);
    open_conference(&mut h, &key);
    assert_eq!(
        h.query_all_by_label("No orders yet").count(),
        2,
        "revenue and orders charts say so"
    );
    assert!(h.query_by_label("No check-ins yet").is_some());
    let texts: Vec<String> = painted_texts(&h).into_iter().map(|p| p.text).collect();
    for t in &texts {
        assert!(
            !t.contains("01-01") && !t.starts_with("-0."),
            "no axis of an empty plot: {t:?} in {texts:?}"
        );
    }
    // The placeholders take the plots' room: the page does not jump.
    let revenue = h.get_by_label("Revenue per day (USD)").rect();
    let seats = h.get_by_label("Seats per seat type").rect();
    assert!(
        revenue.top() - seats.top() > 120.0,
        "the first row keeps its height: {seats:?} then {revenue:?}"
    );
}

#[test]
fn one_day_of_orders_draws_labelled_bars_with_whole_counts() {
    let mut t = open_desk();
    let key = journey_conference(&mut t.desk, SLUG, 100);
    paid_order(&mut t.desk, "General admission", 2); // $398
    paid_order(&mut t.desk, "CQRS Workshop", 1); // $500
    paid_order(&mut t.desk, "General admission", 1); // $199
    let mut h = window(&mut t, [1280.0, 800.0], Lang::En);
    open_conference(&mut h, &key);
    assert!(h.query_by_label("No orders yet").is_none());
    let orders = texts_in(&h, chart_region(&h, "Orders per day", 480.0));
    assert!(
        orders.iter().any(|t| t == "25 Nov"),
        "the day is labelled in English: {orders:?}"
    );
    assert!(orders.iter().any(|t| t == "3"), "3 orders: {orders:?}");
    assert!(
        orders.iter().all(|t| !t.contains('.')),
        "no fractional counts or days: {orders:?}"
    );
    let revenue = texts_in(&h, chart_region(&h, "Revenue per day (USD)", 480.0));
    assert!(revenue.iter().any(|t| t == "25 Nov"), "{revenue:?}");
    assert!(
        revenue.iter().any(|t| t.starts_with('$')),
        "money ticks carry the currency: {revenue:?}"
    );
}

#[test]
fn days_without_orders_are_zero_bars_and_dates_speak_korean() {
    let mut t = open_desk();
    let key = journey_conference(&mut t.desk, SLUG, 100);
    paid_order(&mut t.desk, "General admission", 1);
    t.clock.advance(Duration::days(3));
    paid_order(&mut t.desk, "General admission", 1);
    let mut h = window(&mut t, [1280.0, 800.0], Lang::Ko);
    // The Korean home screen: its fields by their Korean labels.
    let email = tr("Owner e-mail");
    let code = tr("Access code");
    replace_text(&mut h, email, &key.email);
    replace_text(&mut h, code, &key.access_code);
    h.get_by_label(tr("Open")).click();
    h.run();
    let title = tr("Orders per day");
    let orders = texts_in(&h, chart_region(&h, title, 480.0));
    assert!(
        orders.iter().any(|t| t == "11월 25일") && orders.iter().any(|t| t == "11월 28일"),
        "first and last day in Korean: {orders:?}"
    );
}

#[test]
fn check_ins_are_bars_on_a_time_of_day_axis() {
    let mut t = open_desk();
    let key = journey_conference(&mut t.desk, SLUG, 100);
    let code = paid_order(&mut t.desk, "General admission", 4);
    name_seats(&mut t.desk, &key, &code, 4);
    let access = t.desk.authorize_organizer(&key).unwrap();
    t.clock.set("2026-12-01T08:05:00Z".parse().unwrap());
    for (minutes, seat) in [(0, 0), (20, 1), (95, 2), (130, 3)] {
        t.clock.set(
            "2026-12-01T08:05:00Z"
                .parse::<chrono::DateTime<chrono::Utc>>()
                .unwrap()
                + Duration::minutes(minutes),
        );
        t.desk
            .door_mut()
            .check_in(&access, &code, seat, None)
            .unwrap();
    }
    let mut h = window(&mut t, [1280.0, 800.0], Lang::En);
    open_conference(&mut h, &key);
    let texts = texts_in(&h, chart_region(&h, "Check-ins per 15 minutes", 480.0));
    let times: Vec<&String> = texts.iter().filter(|t| is_hh_mm(t)).collect();
    assert!(
        times.len() >= 2 && times.iter().any(|t| t.as_str() == "09:00"),
        "HH:MM labels on the time axis: {texts:?}"
    );
    assert!(texts.iter().any(|t| t == "1"), "whole counts: {texts:?}");
    assert!(
        texts.iter().all(|t| !t.contains('.')),
        "no fractions: {texts:?}"
    );
}

#[test]
fn the_seat_legend_sits_beside_the_title_not_on_the_bars() {
    let mut t = open_desk();
    let key = journey_conference(&mut t.desk, SLUG, 100);
    paid_order(&mut t.desk, "Additional cocktail party", 2);
    let mut h = window(&mut t, [1280.0, 800.0], Lang::En);
    open_conference(&mut h, &key);
    let title = h.get_by_label("Seats per seat type").rect();
    for entry in ["Sold", "Reserved", "Left"] {
        let r = painted_texts(&h)
            .into_iter()
            .find(|p| p.text == entry)
            .unwrap_or_else(|| panic!("legend entry {entry} painted"))
            .rect;
        assert!(
            r.center().y < title.bottom() + 4.0 && r.center().y > title.top() - 4.0,
            "{entry} on the title's row ({r:?} vs {title:?}), outside the plot"
        );
    }
    // The seat types are named on the axis.
    let region = chart_region(&h, "Seats per seat type", 480.0);
    let texts = texts_in(&h, region);
    assert!(
        texts.iter().any(|t| t.starts_with("Additional cockta")),
        "{texts:?}"
    );
}

#[test]
fn axis_labels_stay_inside_their_chart_from_the_first_frame() {
    let mut t = open_desk();
    let key = journey_conference(&mut t.desk, SLUG, 100_000);
    // A big day: 60 orders of 40 seats × $199 ≈ $477,600.
    for _ in 0..60 {
        paid_order(&mut t.desk, "General admission", 40);
    }
    let mut h = window(&mut t, [800.0, 600.0], Lang::En);
    let frames = open_conference(&mut h, &key);
    let revenue = h.get_by_label("Revenue per day (USD)").rect();
    let orders = h.get_by_label("Orders per day").rect();
    for (i, frame) in frames.iter().enumerate() {
        // The status bar at the window's foot is no chart's label.
        let status_top = frame
            .iter()
            .filter(|p| p.text.starts_with("Log: "))
            .map(|p| p.rect.top())
            .fold(f32::INFINITY, f32::min);
        for p in frame {
            let in_revenue_rows = p.rect.center().y > revenue.bottom()
                && p.rect.center().y < (revenue.bottom() + 200.0).min(status_top - 1.0);
            if in_revenue_rows && p.rect.center().x > revenue.left() - 60.0 {
                assert!(
                    p.rect.left() >= revenue.left() - 1.0,
                    "frame {i}: {:?} at {:?} starts left of its chart ({revenue:?})",
                    p.text,
                    p.rect
                );
                if p.rect.center().x < orders.left() {
                    assert!(
                        p.rect.right() <= orders.left(),
                        "frame {i}: {:?} runs into the next chart",
                        p.text
                    );
                }
            }
        }
    }
    let texts = texts_in(&h, chart_region(&h, "Revenue per day (USD)", 250.0));
    assert!(
        texts.iter().any(|t| t.starts_with('$') && t.ends_with('K')),
        "big amounts are compact: {texts:?}"
    );
}

/// The labels that are whole numbers.
fn whole_numbers(texts: &[String]) -> Vec<i64> {
    texts.iter().filter_map(|t| t.parse().ok()).collect()
}

#[test]
fn the_past_view_keeps_the_orders_axis_labels() {
    // At 800×600 the past view's banner leaves a short chart: egui_plot's
    // own marks then put the whole numbers under 20 points apart, hid them
    // and kept only "0".
    let mut t = open_desk();
    let key = journey_conference(&mut t.desk, SLUG, 100);
    for _ in 0..9 {
        paid_order(&mut t.desk, "Additional cocktail party", 1);
    }
    t.clock.advance(Duration::days(1));
    paid_order(&mut t.desk, "General admission", 1);
    paid_order(&mut t.desk, "General admission", 1);
    let between = t.clock_now() + Duration::hours(1);
    t.clock.advance(Duration::days(1));
    for _ in 0..3 {
        paid_order(&mut t.desk, "Additional cocktail party", 1);
    }
    let mut h = window(&mut t, [800.0, 600.0], Lang::En);
    open_conference(&mut h, &key);
    let live = texts_in(&h, chart_region(&h, "Orders per day", 300.0));

    let local = between.with_timezone(&Local);
    replace_text(&mut h, "As of…", &local.format("%Y-%m-%d").to_string());
    replace_text(&mut h, "Time (local)", &local.format("%H:%M").to_string());
    h.get_by_label("Show past view").click();
    h.run();
    for _ in 0..500 {
        if screen(&h).as_of.past().is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
        h.step();
    }
    h.run();
    assert!(screen(&h).as_of.past().is_some(), "the past view arrived");
    let past = texts_in(&h, chart_region(&h, "Orders per day", 300.0));
    let numbers = whole_numbers(&past);
    assert!(
        numbers.len() >= 3 && numbers.contains(&0) && numbers.iter().any(|n| *n >= 9),
        "the past view's y axis keeps its labels up to the busiest day: {past:?}"
    );
    assert!(
        whole_numbers(&live).len() >= 3,
        "and so does the live view: {live:?}"
    );
    assert!(
        past.iter().any(|t| t == "25 Nov") && !past.iter().any(|t| t == "27 Nov"),
        "the past view's days only: {past:?}"
    );
}
