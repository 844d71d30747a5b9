//! The organizer's lists in the window (issue 16, items 7 and 11), driven
//! headless with egui_kittest at a fixed clock: Ctrl+F reaches the filter
//! whatever has focus, an unassigned seat shows the registrant a filter
//! found it by, a new filter opens the list at its top, counts are grouped
//! ("10,000"), and a lock says the second it ends.

mod common;
use common::ByName as _;

use chrono::Duration;
use common::window::window_on;
use common::{TestDesk, journey_conference, open_desk};
use confdesk::app::projections::SeatSort;
use confdesk::app::{OrderKey, OrganizerKey};
use confdesk::ui::MainWindow;
use confdesk::ui::i18n::{Lang, format as fmt, tr};
use confdesk::ui::organizer::{ConferenceScreen, OrganizerScreen};
use eframe::egui;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

const SIZE: [f32; 2] = [1280.0, 800.0];

/// Replaces the text of the field labelled `label` (in the window's language).
fn replace_text(h: &mut Harness<'_, MainWindow>, label: &'static str, text: &str) {
    let label = tr(label);
    h.get_by_role_and_label(Role::TextInput, label).focus();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.key_press(egui::Key::Backspace);
    h.run();
    h.get_by_role_and_label(Role::TextInput, label)
        .type_text(text);
    h.run();
}

fn open_conference(h: &mut Harness<'_, MainWindow>, key: &OrganizerKey) {
    replace_text(h, "Owner e-mail", &key.email);
    replace_text(h, "Access code", &key.access_code);
    h.get_by_label(tr("Open")).click();
    h.run();
}

fn screen<'h>(h: &'h Harness<'_, MainWindow>) -> &'h ConferenceScreen {
    match &h.state().organizer().screen {
        OrganizerScreen::Conference(c) => c,
        _ => panic!("not on the conference screen"),
    }
}

/// Places `seats` General admission seats for a registrant, paid.
fn paid_order(t: &mut TestDesk, seats: i64, first: &str, last: &str) -> OrderKey {
    let key = t
        .desk
        .place_order_named("lists", &[("General admission".into(), seats)])
        .unwrap();
    let email = format!("{}@example.org", first.to_lowercase());
    t.desk
        .registration_mut()
        .assign_registrant(&key, first, last, &email)
        .unwrap();
    t.desk.registration_mut().pay(&key, true).unwrap();
    key
}

/// The window at `SIZE`, in `lang`, on the conference's `tab` (English
/// text: the window's language is this thread's once it has drawn).
fn window_at_tab(
    t: &mut TestDesk,
    key: &OrganizerKey,
    lang: Lang,
    tab: &'static str,
) -> Harness<'static, MainWindow> {
    let mut h = window_on(t, SIZE, lang);
    open_conference(&mut h, key);
    h.get_by_label(tr(tab)).click();
    h.run();
    h
}

#[test]
fn ctrl_f_reaches_the_filter_while_a_tab_or_header_button_has_focus() {
    let mut t = open_desk();
    let key = journey_conference(&mut t.desk, "lists", 100);
    paid_order(&mut t, 2, "Jiwoo", "Park");
    let mut h = window_at_tab(&mut t, &key, Lang::En, "Attendees");

    // A tab button has the keyboard focus (as after Tab or a click).
    h.get_by_label("Attendees").focus();
    h.run();
    assert!(h.get_by_label("Attendees").is_focused());
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::F);
    h.run();
    h.event(egui::Event::Text("park".into()));
    h.run();
    assert_eq!(screen(&h).attendees.filter, "park", "typed into the filter");

    // On Orders, a column header button has it.
    h.get_by_label("Orders").click();
    h.run();
    h.get_by_label("Total").focus();
    h.run();
    assert!(h.get_by_label("Total").is_focused());
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::F);
    h.run();
    h.event(egui::Event::Text("jiwoo".into()));
    h.run();
    assert_eq!(screen(&h).orders.filter, "jiwoo", "typed into the filter");
}

#[test]
fn an_unassigned_seat_shows_the_registrant_a_filter_found_it_by() {
    let mut t = open_desk();
    let key = journey_conference(&mut t.desk, "lists", 100);
    paid_order(&mut t, 2, "Jiwoo", "Park");
    paid_order(&mut t, 1, "Ana", "Souza");
    let mut h = window_at_tab(&mut t, &key, Lang::En, "Attendees");
    replace_text(&mut h, "Filter", "park");
    assert_eq!(
        screen(&h).attendees.rows.len(),
        2,
        "both seats of Park's order"
    );
    assert!(
        h.query_all_by_label_contains("Jiwoo Park").next().is_some(),
        "the registrant the filter matched is shown on the row"
    );
    assert!(h.query_all_by_label_contains("Ana Souza").next().is_none());
}

#[test]
fn a_new_filter_opens_the_list_at_its_top() {
    let mut t = open_desk();
    let key = journey_conference(&mut t.desk, "lists", 1000);
    let first = paid_order(&mut t, 1, "Aaron", "First");
    t.desk
        .registration_mut()
        .assign_seat(&first, 0, "Aaron", "First", "aaron@example.org")
        .unwrap();
    paid_order(&mut t, 300, "Zed", "Last");
    let mut h = window_at_tab(&mut t, &key, Lang::En, "Attendees");
    assert!(h.query_by_label("Aaron First").is_some(), "the first row");

    // Scrolled to the end of the list…
    h.hover_at(egui::pos2(640.0, 600.0));
    for _ in 0..5 {
        h.event(egui::Event::MouseWheel {
            unit: egui::MouseWheelUnit::Point,
            delta: egui::vec2(0.0, -20_000.0),
            phase: egui::TouchPhase::Move,
            source: egui::MouseWheelSource::Wheel,
            modifiers: egui::Modifiers::NONE,
        });
        // The scroll animates: a few frames, whether or not it settled.
        h.run_steps(8);
    }
    assert!(h.query_by_label("Aaron First").is_none(), "scrolled away");

    // …a filter that keeps the first row shows it at once.
    replace_text(&mut h, "Filter", "general");
    assert_eq!(screen(&h).attendees.rows.len(), 301);
    assert!(
        h.query_by_label("Aaron First").is_some(),
        "the filtered list opens at its top"
    );
}

#[test]
fn counts_are_grouped_in_both_languages() {
    for lang in [Lang::En, Lang::Ko] {
        let mut t = open_desk();
        let key = journey_conference(&mut t.desk, "lists", 10_000);
        paid_order(&mut t, 10_000, "Jiwoo", "Park");
        let h = window_at_tab(&mut t, &key, lang, "Attendees");
        assert_eq!(screen(&h).attendees.rows.len(), 10_000);
        assert!(
            h.query_all_by_label_contains("10,000").next().is_some(),
            "{lang:?}: the header's count"
        );
        assert!(
            h.query_all_by_label_contains("0 / 10,000").next().is_some(),
            "{lang:?}: checked in / confirmed per seat type"
        );
        assert!(
            h.query_all_by_label_contains("10000").next().is_none(),
            "{lang:?}: no count without grouping"
        );
    }
}

#[test]
fn a_locked_conference_says_the_second_its_lock_ends() {
    let mut t = open_desk();
    let key = journey_conference(&mut t.desk, "lists", 10);
    t.clock.advance(Duration::seconds(18));
    let now = common::start() + Duration::seconds(18);
    let mut h = window_on(&mut t, SIZE, Lang::En);
    for _ in 0..6 {
        replace_text(&mut h, "Owner e-mail", &key.email);
        replace_text(&mut h, "Access code", "ZZZZZ");
        h.get_by_label("Open").click();
        h.run();
    }
    let until = now + Duration::minutes(confdesk::app::auth::LOCK_MINUTES);
    let shown = fmt::time_secs(fmt::local(until).time());
    assert!(shown.ends_with(":18"), "{shown}");
    assert!(
        h.query_by_label_contains(&format!("locked until {shown}"))
            .is_some(),
        "the lock's end to the second ({shown})"
    );
}

#[test]
fn attendee_headers_sort_both_ways_and_keep_the_filter() {
    let mut t = open_desk();
    let key = journey_conference(&mut t.desk, "lists", 100);
    for (first, last) in [("Bob", "ortiz"), ("Zoë", "Adams"), ("Ana", "Émond")] {
        let k = paid_order(&mut t, 1, first, last);
        t.desk
            .registration_mut()
            .assign_seat(&k, 0, first, last, "x@example.org")
            .unwrap();
    }
    let mut h = window_at_tab(&mut t, &key, Lang::En, "Attendees");
    replace_text(&mut h, "Filter", "x@example");
    let family_names = |h: &Harness<'_, MainWindow>| -> Vec<String> {
        let desk = h.state().desk().unwrap();
        screen(h)
            .attendees
            .rows
            .iter()
            .filter_map(|s| desk.read_models().purchased_seat(*s, desk.now()))
            .filter_map(|p| p.attendee.map(|a| a.last_name))
            .collect()
    };
    assert_eq!(family_names(&h), ["ortiz", "Adams", "Émond"], "list order");

    // A header is a button: click it to sort ascending, again to turn.
    h.get_by_label("Attendee").click();
    h.run();
    assert_eq!(screen(&h).attendees.sort, Some((SeatSort::Name, false)));
    assert_eq!(family_names(&h), ["Adams", "Émond", "ortiz"]);
    h.get_by_label("Attendee ▲").click();
    h.run();
    assert_eq!(screen(&h).attendees.sort, Some((SeatSort::Name, true)));
    assert_eq!(family_names(&h), ["ortiz", "Émond", "Adams"]);
    assert!(
        h.query_by_label("Attendee ▼").is_some(),
        "the arrow shows it"
    );
    assert_eq!(screen(&h).attendees.filter, "x@example", "the filter stays");
}

/// "Find my order" locked after five wrong codes says the second it opens
/// again, like the organizer's lock (it said 09:05 at 09:05:18).
#[test]
fn find_my_order_locked_says_the_second_it_opens_again() {
    let mut t = open_desk();
    journey_conference(&mut t.desk, "lists", 10);
    paid_order(&mut t, 1, "Jiwoo", "Park");
    t.clock.advance(Duration::seconds(18));
    let now = common::start() + Duration::seconds(18);
    let mut h = window_on(&mut t, SIZE, Lang::En);
    h.get_by_label("Registration desk").click();
    h.run();
    h.get_by_label("Find my order…").click();
    h.run();
    for _ in 0..6 {
        replace_text(&mut h, "E-mail", "jiwoo@example.org");
        replace_text(&mut h, "Order code", "ZZZZZZ");
        h.get_by_label("Find").click();
        h.run();
    }
    let until = now + Duration::minutes(confdesk::app::auth::LOCK_MINUTES);
    let shown = fmt::time_secs(fmt::local(until).time());
    assert!(shown.ends_with(":18"), "{shown}");
    assert!(
        h.query_by_label_contains(&format!("Try again after {shown}."))
            .is_some(),
        "the lock's end to the second ({shown})"
    );
}
