//! The door and the Orders tab fit the window (issue 16 item 1), driven
//! headless with egui_kittest: at 800×600 and at the default 1100×720, in
//! English and in Korean (longer labels), every "Check in" / "Undo
//! check-in" button of the door and the name fields of an unassigned seat
//! lie inside the window; the Orders tab with an order's history open
//! still shows its Total and Created columns.
//!
//! The whole window is drawn (menu bar, status bar, panel margins), so the
//! width the door gets is the width staff get.

mod common;
use common::ByName as _;

use common::{TestDesk, journey_conference, open_desk};
use confdesk::app::OrganizerKey;
use confdesk::ui::MainWindow;
use confdesk::ui::i18n::{Lang, set_lang, tr};
use eframe::egui;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{Queryable as _, by};

const SLUG: &str = "door-summit";

/// A paid order: General ×2 (seat 1 named, seat 2 unassigned) + Workshop
/// ×1 named with a long name and e-mail. Returns the organizer's key and
/// the order code.
fn conference(t: &mut TestDesk) -> (OrganizerKey, String) {
    let org = journey_conference(&mut t.desk, SLUG, 100);
    let key = t
        .desk
        .place_order_named(
            SLUG,
            &[
                ("General admission".to_owned(), 2),
                ("CQRS Workshop".to_owned(), 1),
            ],
        )
        .unwrap();
    let mut r = t.desk.registration_mut();
    r.assign_registrant(&key, "Ana", "Lima", "ana.lima@example.com")
        .unwrap();
    r.pay(&key, true).unwrap();
    r.assign_seat(&key, 0, "Ji-woo", "Kim", "jw@example.kr")
        .unwrap();
    r.assign_seat(
        &key,
        2,
        "Maximiliana Wilhelmina",
        "Vanderhoeven-Oppenheimer",
        "maximiliana.vanderhoeven-oppenheimer@conference.example.org",
    )
    .unwrap();
    (org, key.access_code)
}

fn type_into(h: &mut Harness<'_, MainWindow>, label: &str, text: &str) {
    let field = h.get_by_role_and_label(Role::TextInput, label);
    field.focus();
    field.type_text(text);
    h.run();
}

/// The window `size` pixels in `lang`, the door open on the order, its
/// first seat checked in (so both actions show).
fn door(size: [f32; 2], lang: Lang) -> Harness<'static, MainWindow> {
    let mut t = open_desk();
    let (org, code) = conference(&mut t);
    let mut h = common::window::window_on(&mut t, size, lang);
    set_lang(lang);
    h.get_by_label(tr("Check-in")).click();
    h.run();
    type_into(&mut h, tr("Owner e-mail"), &org.email);
    type_into(&mut h, tr("Access code"), &org.access_code);
    h.get_by_label(tr("Open the door")).click();
    h.run();
    type_into(&mut h, tr("Order code or name/e-mail"), &code);
    h.key_press(egui::Key::Enter);
    h.run();
    // Enter again checks the picked (first) seat in.
    h.key_press(egui::Key::Enter);
    h.run();
    h.run();
    h
}

/// Where each node labelled one of `labels` (with `role`) lies, and
/// whether that is inside the window.
fn outside(
    h: &Harness<'_, MainWindow>,
    size: [f32; 2],
    role: Role,
    labels: &[&str],
) -> (usize, Vec<String>) {
    let window = egui::Rect::from_min_size(egui::Pos2::ZERO, size.into());
    let mut found = 0;
    let mut bad = Vec::new();
    for label in labels {
        for node in h.query_all_by_role_and_label(role, label) {
            found += 1;
            let rect = node.rect();
            if !window.contains_rect(rect) {
                bad.push(format!("{label:?} at {rect:?}"));
            }
        }
    }
    (found, bad)
}

fn door_fits(size: [f32; 2], lang: Lang) {
    let h = door(size, lang);
    set_lang(lang);
    let (buttons, bad) = outside(
        &h,
        size,
        Role::Button,
        &[
            tr("Check in"),
            tr("Check in (Enter)"),
            tr("Undo check-in"),
            tr("= Registrant"),
        ],
    );
    assert_eq!(
        buttons, 4,
        "{lang:?} {size:?}: undo, two check-ins, = Registrant"
    );
    assert!(bad.is_empty(), "{lang:?} {size:?}: outside: {bad:?}");
    let (fields, bad) = outside(
        &h,
        size,
        Role::TextInput,
        &[tr("First name"), tr("Last name"), tr("E-mail")],
    );
    assert_eq!(fields, 3, "{lang:?} {size:?}: the unassigned seat's names");
    assert!(bad.is_empty(), "{lang:?} {size:?}: outside: {bad:?}");
}

#[test]
fn the_doors_actions_and_name_fields_fit_800_px_in_english() {
    door_fits([800.0, 600.0], Lang::En);
}

#[test]
fn the_doors_actions_and_name_fields_fit_800_px_in_korean() {
    door_fits([800.0, 600.0], Lang::Ko);
}

#[test]
fn the_doors_actions_and_name_fields_fit_the_default_window_in_both_languages() {
    door_fits([1100.0, 720.0], Lang::En);
    door_fits([1100.0, 720.0], Lang::Ko);
}

/// The Orders tab, `size` pixels in `lang`, the order's history open.
fn orders_with_history(size: [f32; 2], lang: Lang) -> Harness<'static, MainWindow> {
    let mut t = open_desk();
    let (org, code) = conference(&mut t);
    let mut h = common::window::window_on(&mut t, size, lang);
    set_lang(lang);
    type_into(&mut h, tr("Owner e-mail"), &org.email);
    type_into(&mut h, tr("Access code"), &org.access_code);
    h.get_by_label(tr("Open")).click();
    h.run();
    h.run();
    h.get_by_label(tr("Orders")).click();
    h.run();
    h.get_by_label(&code).click();
    h.run();
    h.run();
    h
}

fn orders_fit(size: [f32; 2], lang: Lang) {
    let h = orders_with_history(size, lang);
    set_lang(lang);
    // The history panel's title marks where the table must end: a column
    // drawn under the panel (or scrolled out of it) is not in view.
    let panel = h.get_by_label(tr("Order history")).rect();
    let table = egui::Rect::from_min_max(egui::Pos2::ZERO, egui::pos2(panel.left(), size[1]));
    // The headers are sort buttons ("Created ▲" when sorted by it).
    for header in [
        tr("Order code"),
        tr("Registrant"),
        tr("Total"),
        tr("Created"),
    ] {
        let node = h.get(by().role(Role::Button).label_contains(header));
        let rect = node.rect();
        assert!(
            table.contains_rect(rect),
            "{lang:?} {size:?}: {header:?} at {rect:?}, the table ends at {}",
            panel.left()
        );
    }
}

#[test]
fn the_orders_tab_keeps_total_and_created_beside_the_history_at_800_px() {
    orders_fit([800.0, 600.0], Lang::En);
    orders_fit([800.0, 600.0], Lang::Ko);
}
