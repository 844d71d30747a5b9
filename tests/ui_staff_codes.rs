//! The window's staff codes (issue 18 item 2), driven with egui_kittest:
//! the organizer's Staff tab adds a code (shown once, with Copy), lists
//! it and revokes it after a Yes; the door opens with a slug and a door
//! code (and refuses a desk code, saying where it belongs); the
//! registration desk sells with a desk code, and the order records it;
//! the tab speaks Korean.

mod common;
use common::window::window_on;
use common::{journey_conference, open_desk};

use confdesk::app::{NewStaffCode, OrganizerKey, Outcome, UserCommand};
use confdesk::domain::staff_code::{Actor, StaffRole};
use confdesk::ui::MainWindow;
use confdesk::ui::checkin::CheckInScreen;
use confdesk::ui::i18n::Lang;
use confdesk::ui::organizer::{OrganizerScreen, Tab};
use confdesk::ui::registration::Step;
use eframe::egui;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

const SLUG: &str = "staff-ui";

fn type_into(h: &mut Harness<'_, MainWindow>, label: &str, text: &str) {
    let field = h.get_by_role_and_label(Role::TextInput, label);
    field.focus();
    field.type_text(text);
    h.run();
}

fn shows(h: &Harness<'_, MainWindow>, text: &str) -> bool {
    h.query_by_label_contains(text).is_some()
}

/// A desk with the conference and one staff code of `role`; the window on
/// it, and the code.
fn window_with_code(
    role: StaffRole,
    lang: Lang,
) -> (
    Harness<'static, MainWindow>,
    OrganizerKey,
    String,
    common::TestDesk,
) {
    let mut t = open_desk();
    let key = journey_conference(&mut t.desk, SLUG, 10);
    let access = t.desk.authorize_organizer(&key).unwrap();
    let Outcome::StaffCodeCreated(NewStaffCode { code, .. }) = t
        .desk
        .run(UserCommand::CreateStaffCode {
            access,
            role,
            label: "Staff 1".into(),
        })
        .unwrap()
    else {
        panic!("not created")
    };
    let h = window_on(&mut t, [1280.0, 800.0], lang);
    // `t` keeps the log's folder (and the access file's) alive.
    (h, key, code, t)
}

fn open_conference(h: &mut Harness<'_, MainWindow>, key: &OrganizerKey) {
    type_into(h, "Owner e-mail", &key.email);
    type_into(h, "Access code", &key.access_code);
    h.get_by_label("Open").click();
    h.run();
}

fn staff_tab<'h>(h: &'h Harness<'_, MainWindow>) -> &'h confdesk::ui::organizer::ConferenceScreen {
    match &h.state().organizer().screen {
        OrganizerScreen::Conference(c) => c,
        _ => panic!("not on the conference screen"),
    }
}

#[test]
fn the_staff_tab_adds_shows_once_lists_and_revokes_after_yes() {
    let (mut h, key, _, _t) = window_with_code(StaffRole::Desk, Lang::En);
    open_conference(&mut h, &key);
    h.get_by_label("Staff").click();
    h.run();
    assert_eq!(staff_tab(&h).tab, Tab::Staff);
    assert!(shows(&h, "Staff 1"), "the existing code is listed");
    type_into(&mut h, "Label", "Door 2");
    h.key_press(egui::Key::Enter);
    h.run();
    h.run();
    let created = staff_tab(&h).staff.created.clone().expect("the new code");
    assert_eq!(created.label, "Door 2");
    assert_eq!(created.role, StaffRole::Door);
    assert!(shows(&h, &created.code), "the code is shown once");
    assert!(h.query_by_label("Copy").is_some());
    h.get_by_label("Done").click();
    h.run();
    assert!(!shows(&h, &created.code), "and then never again");
    // The same label again is refused under the field.
    type_into(&mut h, "Label", "door 2");
    h.get_by_label("Add staff code").click();
    h.run();
    h.run();
    assert!(shows(&h, "already names a staff code"));
    // Revoke asks first; No keeps it, Yes revokes it.
    h.get_all_by_label("Revoke").next().unwrap().click();
    h.run();
    assert!(shows(&h, "Revoke the staff code Staff 1?"));
    h.get_by_label("No").click();
    h.run();
    assert!(staff_tab(&h).staff.confirm_revoke.is_none());
    h.get_all_by_label("Revoke").next().unwrap().click();
    h.run();
    h.get_by_label("Yes, revoke").click();
    h.run();
    h.run();
    assert!(shows(&h, "Revoked"), "the list says when");
    let desk = h.state().desk().unwrap();
    let access = staff_tab(&h).access.clone();
    let codes = desk.organizer().staff_codes(&access).unwrap();
    let live: Vec<(&str, bool)> = codes
        .iter()
        .map(|c| (c.label.as_str(), c.is_live()))
        .collect();
    assert_eq!(live, [("Staff 1", false), ("Door 2", true)]);
}

#[test]
fn the_door_opens_with_a_door_code_after_a_wrong_one_is_refused() {
    let (mut h, _, door_code, _t) = window_with_code(StaffRole::Door, Lang::En);
    h.get_by_label("Check-in").click();
    h.run();
    type_into(&mut h, "Conference slug", SLUG);
    type_into(&mut h, "Staff code", "AAAAAAA");
    h.key_press(egui::Key::Enter);
    h.run();
    h.run();
    assert_eq!(h.state().dialog(), None);
    let CheckInScreen::Open(open) = &h.state().checkin().screen else {
        panic!("not the open screen")
    };
    assert_eq!(
        open.staff.message.as_deref(),
        Some("No conference matches that slug and staff code.")
    );
    let field = h.get_by_role_and_label(Role::TextInput, "Staff code");
    field.focus();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.key_press(egui::Key::Backspace);
    h.run();
    type_into(&mut h, "Staff code", &door_code);
    h.key_press(egui::Key::Enter);
    h.run();
    h.run();
    let CheckInScreen::Door(door) = &h.state().checkin().screen else {
        panic!("the door did not open")
    };
    assert_eq!(
        door.access.staff_code().map(|(_, r)| r),
        Some(StaffRole::Door)
    );
}

#[test]
fn a_desk_code_is_sent_to_the_registration_desk_from_the_door() {
    let (mut h, _, desk_code, _t) = window_with_code(StaffRole::Desk, Lang::En);
    h.get_by_label("Check-in").click();
    h.run();
    type_into(&mut h, "Conference slug", SLUG);
    type_into(&mut h, "Staff code", &desk_code);
    h.key_press(egui::Key::Enter);
    h.run();
    h.run();
    assert!(shows(
        &h,
        "This is a desk code: open it at the Registration desk."
    ));
    assert!(matches!(h.state().checkin().screen, CheckInScreen::Open(_)));
}

#[test]
fn the_registration_desk_sells_with_a_desk_code_and_the_order_records_it() {
    let (mut h, _, desk_code, _t) = window_with_code(StaffRole::Desk, Lang::En);
    h.get_by_label("Registration desk").click();
    h.run();
    h.get_by_label("Staff: sell with a desk code").click();
    h.run();
    type_into(&mut h, "Conference slug", SLUG);
    type_into(&mut h, "Staff code", &desk_code);
    h.get_by_label("Sell").click();
    h.run();
    h.run();
    assert!(shows(&h, "Selling with the desk code Staff 1"));
    let seller = h.state().registration().seller.clone().expect("selling");
    assert!(matches!(h.state().registration().step, Step::Seats(_)));
    // Reserve one General seat through the app with the seats screen's
    // value, as the Reserve button sends it.
    let general = {
        use common::ByName as _;
        h.state()
            .desk()
            .unwrap()
            .seat_type_id(SLUG, "General admission")
    };
    let desk = h.state_mut().desk_mut().unwrap();
    let Outcome::OrderPlaced(order) = desk
        .run(UserCommand::Sell {
            access: seller.clone(),
            seats: vec![(general, 1)],
        })
        .unwrap()
    else {
        panic!("not placed")
    };
    let (id, _) = seller.staff_code().unwrap();
    let placed = desk
        .log()
        .read_stream(&confdesk::domain::StreamKey::Order(order.order_id).to_string())
        .unwrap();
    let first = confdesk::app::event_codec::decode_event(
        &placed[0].event_type,
        placed[0].schema_version,
        &placed[0].payload,
    )
    .unwrap();
    let confdesk::domain::Event::OrderPlaced(e) = first else {
        panic!("{first:?}")
    };
    assert_eq!(e.by, Actor::Staff(id));
}

#[test]
fn the_staff_tab_speaks_korean() {
    let (mut h, key, _, _t) = window_with_code(StaffRole::Door, Lang::Ko);
    let tr = confdesk::ui::i18n::tr;
    type_into(&mut h, tr("Owner e-mail"), &key.email);
    type_into(&mut h, tr("Access code"), &key.access_code);
    h.get_by_label(tr("Open")).click();
    h.run();
    h.get_by_label("직원").click();
    h.run();
    assert!(shows(&h, "직원 코드 추가"));
    assert!(shows(&h, "입구: 검색, 체크인, 취소"));
    assert!(shows(&h, "폐기"));
}
