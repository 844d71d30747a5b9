//! The organizer's Attendees and Orders tabs with a large conference, driven headless
//! with egui_kittest: the time of one frame (`Harness::step`: layout,
//! widgets, AccessKit tree, plus `Context::tessellate` of its shapes) while
//! scrolling the table and while typing in the filter. There is no GPU
//! here: this is the CPU side of a frame, not the time to the screen.
//! Baseline: an empty frame in the same harness set-up.
//!
//! Target: < 8 ms per frame. `CONFDESK_BENCH_ATTENDEES` sets the number of
//! attendees of the one conference (default 10k; the target is for 100k);
//! the Orders tab is measured on the same log (about 3.3 seats per order).

mod common;

use common::{Samples, ms, result};
use confdesk::cli::resolve;
use confdesk::ui::MainWindow;
use confdesk::ui::organizer::OrganizerScreen;
use criterion::{Criterion, criterion_group, criterion_main};
use eframe::egui;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use std::sync::Arc;

const SIZE: [f32; 2] = [1200.0, 800.0];

/// One frame: the harness step and the tessellation a window would do.
fn frame<S>(h: &mut Harness<'_, S>) {
    h.step();
    let shapes = h.output().shapes.clone();
    let ppp = h.output().pixels_per_point;
    std::hint::black_box(h.ctx.tessellate(shapes, ppp));
}

fn type_into(h: &mut Harness<'_, MainWindow>, label: &str, text: &str) {
    let field = h.get_by_role_and_label(Role::TextInput, label);
    field.focus();
    field.type_text(text);
    h.run();
}

/// The window on the demo log, showing the conference's `tab` ("Attendees"
/// or "Orders"), and the number of rows it lists.
fn conference_tab(attendees: u64, tab: &str) -> (Harness<'static, MainWindow>, usize, String) {
    // About 3.3 purchased seats per demo order.
    let orders = u32::try_from(attendees * 10 / 33)
        .unwrap_or(u32::MAX)
        .max(1);
    let (cached, keys) = common::demo_log(1, orders);
    let (dir, path) = common::scratch_copy(&cached);
    let desk = common::open(&path);
    let key = keys.first().expect("a conference").clone();
    let app = MainWindow::with_desk(desk, path, Arc::new(common::clock()));
    let mut h = Harness::builder()
        .with_size(SIZE)
        .with_context_setup(confdesk::ui::fonts::install)
        .build_ui_state(|ui, app: &mut MainWindow| app.ui(ui), app);
    // The scratch folder must outlive the harness; a bench process ends soon.
    std::mem::forget(dir);
    h.run();
    type_into(&mut h, "Owner e-mail", &key.email);
    type_into(&mut h, "Access code", &key.access_code);
    h.get_by_label("Open").click();
    h.run();
    h.get_by_label(tab).click();
    h.run();
    let rows = match &h.state().organizer().screen {
        OrganizerScreen::Conference(c) if tab == "Orders" => c.orders.rows.len(),
        OrganizerScreen::Conference(c) => c.attendees.rows.len(),
        _ => panic!("the conference did not open"),
    };
    (h, rows, key.slug)
}

fn wheel(dy: f32) -> egui::Event {
    egui::Event::MouseWheel {
        unit: egui::MouseWheelUnit::Point,
        delta: egui::vec2(0.0, dy),
        phase: egui::TouchPhase::Move,
        source: egui::MouseWheelSource::Wheel,
        modifiers: egui::Modifiers::NONE,
    }
}

fn key(key: egui::Key) -> egui::Event {
    egui::Event::Key {
        key,
        physical_key: None,
        pressed: true,
        repeat: false,
        modifiers: egui::Modifiers::NONE,
    }
}

fn attendees_ui(c: &mut Criterion) {
    tab_frames(c, "Attendees");
}

fn orders_ui(c: &mut Criterion) {
    tab_frames(c, "Orders");
}

fn tab_frames(c: &mut Criterion, tab: &str) {
    let attendees = common::sizes("CONFDESK_BENCH_ATTENDEES", &[10_000])[0];
    let (mut h, rows, slug) = conference_tab(attendees, tab);
    eprintln!("{tab} tab shows {rows} rows; load {}", common::load());
    let mut empty = Harness::builder().with_size(SIZE).build_ui(|_ui| {});
    empty.run();

    let mut group = c.benchmark_group(format!("{}_ui", tab.to_lowercase()));
    let (base, idle, scroll, typing, landed) = (
        Samples::default(),
        Samples::default(),
        Samples::default(),
        Samples::default(),
        Samples::default(),
    );
    group.bench_function("empty_frame", |b| {
        b.iter_custom(|n| (0..n).map(|_| base.time(|| frame(&mut empty)).1).sum());
    });
    group.bench_function(format!("idle_frame_{rows}_rows"), |b| {
        b.iter_custom(|n| (0..n).map(|_| idle.time(|| frame(&mut h)).1).sum());
    });
    // Scroll down, and back up at the end so the table never runs out.
    h.hover_at(egui::pos2(600.0, 500.0));
    h.step();
    let mut scrolled = 0_u64;
    group.bench_function(format!("scroll_frame_{rows}_rows"), |b| {
        b.iter_custom(|n| {
            (0..n)
                .map(|_| {
                    scrolled += 1;
                    let dy = if scrolled % 2000 < 1000 {
                        -120.0
                    } else {
                        120.0
                    };
                    h.event(wheel(dy));
                    scroll.time(|| frame(&mut h)).1
                })
                .sum()
        });
    });
    // Every frame changes the filter: type a letter, then erase it.
    h.get_by_role_and_label(Role::TextInput, "Filter").focus();
    h.step();
    let mut typed = 0_u64;
    group.bench_function(format!("typing_frame_{rows}_rows"), |b| {
        b.iter_custom(|n| {
            (0..n)
                .map(|_| {
                    typed += 1;
                    if !typed.is_multiple_of(2) {
                        h.event(egui::Event::Text("a".into()));
                    } else {
                        h.event(key(egui::Key::Backspace));
                    }
                    typing.time(|| frame(&mut h)).1
                })
                .sum()
        });
    });
    // Every frame follows a new order placed at the desk (the append is
    // not timed): the frame that brings the tab up to date with the log.
    group.sample_size(10);
    group.bench_function(format!("order_lands_frame_{rows}_rows"), |b| {
        b.iter_custom(|n| {
            (0..n)
                .map(|_| {
                    if let Some(desk) = h.state_mut().desk_mut() {
                        let conference =
                            resolve::published_conference(desk, &slug).expect("the conference");
                        let seats = resolve::seat_lines(&conference, [("General admission", 1)])
                            .expect("its seat type");
                        desk.registration_mut()
                            .place_order(conference.id, &seats)
                            .expect("an order lands");
                    }
                    landed.time(|| frame(&mut h)).1
                })
                .sum()
        });
    });
    group.finish();

    let base_p50 = base.percentile(50.0);
    for (what, s) in [
        ("idle", &idle),
        ("scrolling", &scroll),
        ("typing in the filter", &typing),
        ("an order lands", &landed),
    ] {
        let (p50, p99) = (s.percentile(50.0), s.percentile(99.0));
        result(
            &format!("{tab} tab, {rows} rows, frame while {what}"),
            &format!("p50 {:.2} ms, p99 {:.2} ms", ms(p50), ms(p99)),
            &format!("empty frame p50 {:.3} ms", ms(base_p50)),
            ms(p50) / ms(base_p50).max(1e-9),
            "< 8 ms per frame (p99)",
            ms(p99) < 8.0,
        );
    }
    println!("load average after: {}", common::load());
}

criterion_group!(benches, attendees_ui, orders_ui);
criterion_main!(benches);
