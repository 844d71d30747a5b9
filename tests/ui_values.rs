//! The window's access checks are values (issue 14, item 4): the open form,
//! desk mode's unlock and the history panel, driven headless with
//! egui_kittest. A try is counted once per submit — when its value runs
//! after the frame — however many frames are drawn before or after it, and
//! a read of an order the window already opened counts nothing.

mod common;

use common::{TestDesk, journey_conference, open_desk};
use confdesk::app::history::HistoryAccess;
use confdesk::app::{AppError, OrderKey, OrganizerKey};
use confdesk::ui::checkin::CheckInScreen;
use confdesk::ui::i18n::Lang;
use confdesk::ui::organizer::OrganizerScreen;
use confdesk::ui::{MainWindow, Workspace};
use eframe::egui;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

/// Frames drawn after each answer: a try counted per frame would lock
/// long before the fifth submit.
const IDLE_FRAMES: usize = 30;

const NO_MATCH: &str = "No conference matches that e-mail and access code.";

fn harness(t: &mut TestDesk) -> Harness<'static, MainWindow> {
    common::window::window_on(t, [1200.0, 800.0], Lang::En)
}

/// A code of the right shape that is not `key`'s.
fn wrong_code(key: &OrganizerKey) -> &'static str {
    if key.access_code == "ZZZZZ" {
        "YYYYY"
    } else {
        "ZZZZZ"
    }
}

/// Replaces what `label`'s field holds with `text`.
fn retype(h: &mut Harness<'_, MainWindow>, role: Role, label: &str, text: &str) {
    let field = h.get_by_role_and_label(role, label);
    field.focus();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.key_press(egui::Key::Backspace);
    h.run();
    h.get_by_role_and_label(role, label).type_text(text);
    h.run();
}

/// Clicks `button`, lets the answer come back, then draws many more frames.
fn submit(h: &mut Harness<'_, MainWindow>, button: &str) {
    h.get_by_label(button).click();
    h.run();
    for _ in 0..IDLE_FRAMES {
        h.step();
    }
}

/// Types the owner e-mail and `code` into the open form and submits it.
fn open_with(h: &mut Harness<'_, MainWindow>, email: &str, code: &str, button: &str) {
    retype(h, Role::TextInput, "Owner e-mail", email);
    retype(h, Role::TextInput, "Access code", code);
    submit(h, button);
}

#[test]
fn a_wrong_access_code_counts_once_per_submit_however_many_frames_follow() {
    let mut t = open_desk();
    let key = journey_conference(&mut t.desk, "cqrs-summit", 10);
    let mut h = harness(&mut t);
    for _ in 0..4 {
        open_with(&mut h, &key.email, wrong_code(&key), "Open");
        assert!(h.query_by_label(NO_MATCH).is_some(), "neutral, not locked");
    }
    // Four submits, each followed by many frames: four tries, so the right
    // code still opens the conference.
    open_with(&mut h, &key.email, &key.access_code, "Open");
    assert!(matches!(
        h.state().organizer().screen,
        OrganizerScreen::Conference(_)
    ));
}

#[test]
fn the_fifth_wrong_submit_at_the_door_locks_the_conference() {
    let mut t = open_desk();
    let key = journey_conference(&mut t.desk, "cqrs-summit", 10);
    let mut h = harness(&mut t);
    h.get_by_label("Check-in").click();
    h.run();
    assert_eq!(h.state().workspace(), Workspace::CheckIn);
    for _ in 0..4 {
        open_with(&mut h, &key.email, wrong_code(&key), "Open the door");
        assert!(h.query_by_label(NO_MATCH).is_some(), "neutral, not locked");
    }
    // The fifth locks; then the right code is refused too, saying why.
    for code in [wrong_code(&key), key.access_code.as_str()] {
        open_with(&mut h, &key.email, code, "Open the door");
        assert!(
            h.query_by_label_contains("Too many wrong access codes.")
                .is_some()
        );
        assert!(matches!(h.state().checkin().screen, CheckInScreen::Open(_)));
    }
    // The lock is the guard's, so the CLI and the organizer see it too.
    let desk = h.state_mut().desk_mut().expect("desk open");
    assert!(matches!(
        desk.authorize_organizer(&key),
        Err(AppError::Locked { .. })
    ));
}

/// Desk mode started on `key`'s conference, its unlock dialog open.
fn in_desk_mode(t: &mut TestDesk, key: &OrganizerKey) -> Harness<'static, MainWindow> {
    let mut h = harness(t);
    h.state_mut().lock_kiosk(key.clone());
    h.run();
    h.get_by_label("Leave desk mode…").click();
    h.run();
    h
}

fn unlock_with(h: &mut Harness<'_, MainWindow>, code: &str) {
    retype(h, Role::PasswordInput, "Access code", code);
    submit(h, "Unlock");
}

#[test]
fn leaving_desk_mode_counts_each_unlock_once() {
    let mut t = open_desk();
    let key = journey_conference(&mut t.desk, "cqrs-summit", 10);
    let mut h = in_desk_mode(&mut t, &key);
    for _ in 0..4 {
        unlock_with(&mut h, wrong_code(&key));
        assert!(h.query_by_label("That is not the access code.").is_some());
        assert!(h.state().kiosk_lock().is_some());
    }
    unlock_with(&mut h, &key.access_code);
    assert!(h.state().kiosk_lock().is_none());
    assert_eq!(h.state().workspace(), Workspace::Organizer);
}

#[test]
fn the_fifth_wrong_unlock_says_until_when_desk_mode_is_locked() {
    let mut t = open_desk();
    let key = journey_conference(&mut t.desk, "cqrs-summit", 10);
    let mut h = in_desk_mode(&mut t, &key);
    for _ in 0..4 {
        unlock_with(&mut h, wrong_code(&key));
    }
    for code in [wrong_code(&key), key.access_code.as_str()] {
        unlock_with(&mut h, code);
        assert!(h.query_by_label_contains("Locked until").is_some());
        assert!(h.state().kiosk_lock().is_some());
    }
}

/// The window reads an opened order's history without counting: a wrong
/// code is refused as before, but only a code someone typed — counted by
/// `open_order`, as the CLI's `order history` does — moves towards the lock.
#[test]
fn reading_an_orders_history_compares_its_code_without_counting_a_try() {
    use common::ByName as _;
    let mut t = open_desk();
    journey_conference(&mut t.desk, "cqrs-summit", 10);
    let key = t
        .desk
        .place_order_named("cqrs-summit", &[("General admission".to_string(), 1)])
        .unwrap();
    let wrong = OrderKey {
        order_id: key.order_id,
        access_code: if key.access_code == "AAAAAA" {
            "BBBBBB".into()
        } else {
            "AAAAAA".into()
        },
    };
    for _ in 0..8 {
        assert!(matches!(
            t.desk
                .order_history(&HistoryAccess::Registrant(wrong.clone())),
            Err(AppError::NotFound(_))
        ));
    }
    // Eight refused reads locked nothing: the right code reads and opens.
    let history = t
        .desk
        .order_history(&HistoryAccess::Registrant(key.clone()))
        .unwrap();
    assert!(!history.is_empty());
    t.desk.registration_mut().open_order(&key).unwrap();
    // Typed codes still count: five wrong ones lock the order.
    for _ in 0..5 {
        let _ = t.desk.registration_mut().open_order(&wrong);
    }
    assert!(matches!(
        t.desk.registration_mut().open_order(&key),
        Err(AppError::OrderLocked { .. })
    ));
}

/// The values the window sends, run directly: each answers with what the
/// screen needs next, and each run is one try.
#[test]
fn access_check_values_answer_with_the_key_the_access_or_the_order() {
    use common::ByName as _;
    use confdesk::app::{Outcome, UserCommand};
    let mut t = open_desk();
    let key = journey_conference(&mut t.desk, "cqrs-summit", 10);
    let access = t.desk.authorize_organizer(&key).unwrap();
    // Given a conference, when its owner's e-mail and code are sent as
    // typed, then the key names its slug and the access opens it.
    let open = UserCommand::OpenConference {
        email: " ANA@example.com".into(),
        access_code: key.access_code.to_lowercase(),
    };
    let Ok(Outcome::ConferenceOpened {
        key: opened,
        access: got,
    }) = t.desk.run(open)
    else {
        panic!("the conference opens");
    };
    assert_eq!((opened.slug.as_str(), &got), ("cqrs-summit", &access));
    assert_eq!(
        t.desk
            .run(UserCommand::AuthorizeOrganizer(key.clone()))
            .unwrap(),
        Outcome::Authorized(access)
    );
    // Given an order with its registrant, when "find my order" is sent,
    // then the key that reaches the order comes back.
    let order = t
        .desk
        .place_order_named("cqrs-summit", &[("General admission".to_string(), 1)])
        .unwrap();
    t.desk
        .registration_mut()
        .assign_registrant(&order, "Ana", "Lima", "ana@example.com")
        .unwrap();
    let find = UserCommand::FindOrder {
        email: "ana@example.com".into(),
        order_code: order.access_code.clone(),
    };
    assert_eq!(t.desk.run(find).unwrap(), Outcome::OrderFound(order));
    // Each run of a wrong value is one try: the fifth locks.
    let wrong = UserCommand::AuthorizeOrganizer(OrganizerKey {
        access_code: wrong_code(&key).into(),
        ..key.clone()
    });
    for _ in 0..4 {
        assert!(matches!(
            t.desk.run(wrong.clone()),
            Err(AppError::NotFound(_))
        ));
    }
    assert!(matches!(t.desk.run(wrong), Err(AppError::Locked { .. })));
}

#[test]
fn enter_in_the_unlock_field_submits_like_the_button() {
    let mut t = open_desk();
    let key = journey_conference(&mut t.desk, "cqrs-summit", 10);
    let mut h = in_desk_mode(&mut t, &key);
    retype(&mut h, Role::PasswordInput, "Access code", wrong_code(&key));
    h.key_press(egui::Key::Enter);
    h.run();
    assert!(h.query_by_label("That is not the access code.").is_some());
    retype(&mut h, Role::PasswordInput, "Access code", &key.access_code);
    h.key_press(egui::Key::Enter);
    h.run();
    assert!(h.state().kiosk_lock().is_none());
}
