//! Opening a large conference in the organizer's window (issue 16 item 7:
//! "opening a 10,000-order conference freezes the window 2.1–2.5 s"),
//! driven headless with egui_kittest on the demo log: the time from the
//! click on "Open" until the Conference screen's first frame is drawn (the
//! access check, counted in the access file, and the Dashboard), then the
//! first frame of the Orders and of the Attendees tab (each builds its
//! rows), each the CPU side of the frames (`Harness::run`: layout, widgets,
//! AccessKit tree) plus their tessellation. Baselines in the same run: an
//! empty frame, and the replay of the same log (`Desk::open_path`, what
//! the window does once at start).
//!
//! Target: < 100 ms for each. `CONFDESK_BENCH_ORDERS` sets the orders of
//! the one conference (default 10k); `CONFDESK_BENCH_ROUNDS` the rounds (7).

mod common;

use common::{Samples, ms, result};
use confdesk::app::OrganizerKey;
use confdesk::ui::MainWindow;
use confdesk::ui::organizer::OrganizerScreen;
use eframe::egui;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use std::sync::Arc;
use std::time::Instant;

const SIZE: [f32; 2] = [1280.0, 800.0];

/// Runs frames until the window settles, tessellating each frame's shapes
/// as a window would.
fn settle(h: &mut Harness<'_, MainWindow>) {
    h.run();
    let shapes = h.output().shapes.clone();
    let ppp = h.output().pixels_per_point;
    std::hint::black_box(h.ctx.tessellate(shapes, ppp));
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

/// One round: from Home, open the conference, then its Orders and
/// Attendees tabs, then close it; the three times.
fn round(h: &mut Harness<'_, MainWindow>, key: &OrganizerKey) -> [std::time::Duration; 3] {
    replace_text(h, "Owner e-mail", &key.email);
    replace_text(h, "Access code", &key.access_code);
    let mut took = [std::time::Duration::ZERO; 3];
    h.get_by_label("Open").click();
    let t = Instant::now();
    settle(h);
    took[0] = t.elapsed();
    assert!(
        matches!(h.state().organizer().screen, OrganizerScreen::Conference(_)),
        "the conference opened"
    );
    for (i, tab) in [(1, "Orders"), (2, "Attendees")] {
        h.get_by_label(tab).click();
        let t = Instant::now();
        settle(h);
        took[i] = t.elapsed();
    }
    h.get_by_label("Close").click();
    h.run();
    took
}

fn main() {
    let orders = common::sizes("CONFDESK_BENCH_ORDERS", &[10_000])[0];
    let rounds = common::sizes("CONFDESK_BENCH_ROUNDS", &[7])[0];
    let (cached, keys) = common::demo_log(1, u32::try_from(orders).unwrap_or(u32::MAX));
    let (dir, path) = common::scratch_copy(&cached);
    let key = keys.first().expect("a conference").clone();

    let replay = Samples::default();
    for _ in 0..3 {
        drop(replay.time(|| common::open(&path)));
    }
    let desk = common::open(&path);
    let events = desk.stats().events;
    let app = MainWindow::with_desk(desk, path.clone(), Arc::new(common::clock()));
    let mut h = Harness::builder()
        .with_size(SIZE)
        .with_context_setup(confdesk::ui::fonts::install)
        .build_ui_state(|ui, app: &mut MainWindow| app.ui(ui), app);
    h.run();
    let mut empty = Harness::builder().with_size(SIZE).build_ui(|_ui| {});
    let base = Samples::default();
    for _ in 0..50 {
        base.time(|| empty.run());
    }

    let (open, orders_tab, attendees_tab) =
        (Samples::default(), Samples::default(), Samples::default());
    for _ in 0..rounds {
        let [o, ot, at] = round(&mut h, &key);
        open.record(o);
        orders_tab.record(ot);
        attendees_tab.record(at);
    }
    println!(
        "{orders} orders, {events} events, {rounds} rounds; load {}",
        common::load()
    );
    let replay_p50 = replay.percentile(50.0);
    let base_p50 = base.percentile(50.0);
    println!(
        "baselines: empty frame p50 {:.3} ms; replay of the log p50 {:.1} ms",
        ms(base_p50),
        ms(replay_p50)
    );
    for (what, s) in [
        ("Open → the conference's first frame", &open),
        ("Orders tab → its first frame", &orders_tab),
        ("Attendees tab → its first frame", &attendees_tab),
    ] {
        let (p50, max) = (s.percentile(50.0), s.percentile(100.0));
        result(
            &format!("{what}, {orders} orders"),
            &format!("p50 {:.1} ms, max {:.1} ms", ms(p50), ms(max)),
            &format!("replay of the same log p50 {:.1} ms", ms(replay_p50)),
            ms(p50) / ms(replay_p50).max(1e-9),
            "< 100 ms",
            ms(max) < 100.0,
        );
    }
    drop(h);
    drop(dir);
}
