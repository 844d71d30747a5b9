//! The door without the server, driven headless with egui_kittest (issue
//! 15 item 6): told it is offline, the door queues a check-in on this
//! machine instead of sending it, shows the seat as checked in at once
//! (marked queued), says what happens offline and how many wait; an undo
//! takes a queued check-in back; told the server is back, it uploads the
//! queue and the row comes from the log.
//!
//! The door is drawn the way the window draws it — a `Shell` over the
//! desk, the frame's command values run after it — so the test can tell
//! it it is offline without a server to stop.

mod common;
use common::ByName as _;

use common::{TestDesk, journey_conference, open_desk};
use confdesk::app::door_queue::{DoorQueue, QUEUE_FILE};
use confdesk::app::{ConferenceAccess, Desk, LogLocation};
use confdesk::ui::checkin::DoorScreen;
use confdesk::ui::shell::{Commands, Shell};
use eframe::egui;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

const SLUG: &str = "door-summit";

/// What the window holds for the door: the desk, the screen and the
/// shell's parts.
struct Window {
    desk: Desk,
    door: DoorScreen,
    location: LogLocation,
    /// What the window's watcher says: the shared log's server is gone.
    offline: bool,
    toasts: Vec<confdesk::ui::widgets::Toast>,
    dialog: Option<String>,
    commands: Commands,
}

impl Window {
    fn ui(&mut self, ui: &mut egui::Ui) {
        let mut shell = Shell {
            desk: &self.desk,
            location: &self.location,
            offline: self.offline,
            toasts: &mut self.toasts,
            dialog: &mut self.dialog,
            commands: &mut self.commands,
        };
        let _ = self.door.ui(ui, &mut shell);
        if self.commands.run_queued(&mut self.desk, &mut self.dialog) {
            ui.ctx().request_repaint();
        }
    }
}

/// A paid order of two General seats, seat 1 named Ji-woo; the door open on it.
fn door(t: &mut TestDesk) -> (Harness<'static, Window>, String) {
    let org = journey_conference(&mut t.desk, SLUG, 100);
    let key = t
        .desk
        .place_order_named(SLUG, &[("General admission".to_owned(), 2)])
        .unwrap();
    let mut r = t.desk.registration_mut();
    r.assign_registrant(&key, "Ana", "Lima", "ana@example.com")
        .unwrap();
    r.pay(&key, true).unwrap();
    r.assign_seat(&key, 0, "Ji-woo", "Kim", "jw@example.kr")
        .unwrap();
    let access = t.desk.authorize_organizer(&org).unwrap();
    (door_on(t, access), key.access_code)
}

/// The door of `access` drawn over `t`'s desk (moved into the harness).
fn door_on(t: &mut TestDesk, access: ConferenceAccess) -> Harness<'static, Window> {
    let desk = std::mem::replace(&mut t.desk, open_desk().desk);
    let door = DoorScreen::open(&desk, access).unwrap();
    let window = Window {
        desk,
        door,
        location: LogLocation::File(t.path.clone()),
        offline: false,
        toasts: Vec::new(),
        dialog: None,
        commands: Commands::default(),
    };
    let mut h = Harness::builder()
        .with_size([1280.0, 800.0])
        .with_context_setup(confdesk::ui::fonts::install)
        .build_ui_state(|ui, w: &mut Window| w.ui(ui), window);
    h.run();
    h
}

fn scan_and_enter(h: &mut Harness<'_, Window>, code: &str) {
    let field = h.get_by_role_and_label(Role::TextInput, "Order code or name/e-mail");
    field.focus();
    field.type_text(code);
    h.run();
    h.key_press(egui::Key::Enter);
    h.run();
    h.key_press(egui::Key::Enter);
    h.run();
}

fn shows(h: &Harness<'_, Window>, text: &str) -> bool {
    h.query_by_label_contains(text).is_some()
}

fn offline_events(desk: &Desk) -> u64 {
    let report = desk.verify().unwrap();
    assert!(report.violations.is_empty(), "{:?}", report.violations);
    report
        .counts
        .get("AttendeeCheckedInOffline")
        .copied()
        .unwrap_or(0)
}

#[test]
fn an_offline_door_queues_the_check_in_shows_it_and_uploads_it_when_back() {
    let mut t = open_desk();
    let (mut h, code) = door(&mut t);
    let queue_dir = LogLocation::File(t.path.clone()).local_dir();
    h.state_mut().offline = true;
    h.run();
    assert!(shows(
        &h,
        "Offline: check-ins are kept on this machine and uploaded when the server is back."
    ));
    let events = h.state().desk.stats().events;

    scan_and_enter(&mut h, &code);
    assert!(
        shows(
            &h,
            "Checked in (offline — will upload when the server is back): Ji-woo Kim"
        ),
        "the queued verdict"
    );
    assert!(shows(&h, "1 check-in queued on this machine"));
    assert!(shows(&h, "(queued)"), "the row shows the seat in, queued");
    assert_eq!(h.state().desk.stats().events, events, "nothing sent");
    assert_eq!(h.state().door.queued(), 1);
    // On disk (the door holds the file: redb locks it, one door per
    // machine and log).
    assert!(queue_dir.join(QUEUE_FILE).exists());
    assert!(DoorQueue::open(&queue_dir).is_err(), "held by the door");

    // The unnamed seat goes in without a name while offline, and an undo
    // takes its queued check-in back.
    assert!(
        h.query_by_role_and_label(Role::TextInput, "First name")
            .is_none(),
        "no name fields offline"
    );
    h.get_by_label("Check in").click();
    h.run();
    assert!(shows(&h, "2 check-ins queued on this machine"));
    let undo = h.get_all_by_label("Undo check-in").nth(1).unwrap();
    undo.click();
    h.run();
    assert!(shows(&h, "Check-in taken back"));
    assert!(shows(&h, "1 check-in queued on this machine"));

    // Back online: the queue goes up, the row comes from the log.
    h.state_mut().offline = false;
    for _ in 0..6 {
        h.run();
    }
    assert_eq!(h.state().door.queued(), 0);
    assert!(!shows(&h, "Offline: check-ins are kept"));
    assert!(!shows(&h, "(queued)"));
    assert_eq!(offline_events(&h.state().desk), 1);
    // Closed, the queue keeps what was uploaded, nothing pending.
    drop(h);
    let queue = DoorQueue::open(&queue_dir).unwrap();
    assert_eq!(queue.pending().unwrap(), vec![]);
    assert_eq!(queue.entries().unwrap().len(), 1);
}

#[test]
fn a_seat_two_offline_doors_checked_in_is_flagged_at_the_door() {
    let mut t = open_desk();
    let org = journey_conference(&mut t.desk, SLUG, 100);
    let key = t
        .desk
        .place_order_named(SLUG, &[("General admission".to_owned(), 1)])
        .unwrap();
    let mut r = t.desk.registration_mut();
    r.assign_registrant(&key, "Ana", "Lima", "ana@example.com")
        .unwrap();
    r.pay(&key, true).unwrap();
    let access = t.desk.authorize_organizer(&org).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut queue = DoorQueue::open(dir.path()).unwrap();
    for (n, door) in [(1, "door-1"), (2, "door-2")] {
        queue
            .push(confdesk::app::door_queue::OfflineCheckIn {
                id: uuid::Uuid::from_u128(n),
                order_id: key.order_id,
                order_code: key.access_code.clone(),
                position: 0,
                at: common::start(),
                door: door.into(),
                by: confdesk::domain::staff_code::Actor::Organizer,
            })
            .unwrap();
    }
    assert_eq!(queue.upload(&mut t.desk, &access, 10).unwrap().written, 2);
    // The words the door shows on hover and the Attendees list in full,
    // in the order the check-ins happened.
    let seats = t.desk.organizer().organizer_attendees(&access);
    let twice = confdesk::ui::checkin::checked_in_twice_text(&seats[0]).expect("flagged");
    assert!(twice.starts_with("Checked in twice:"), "{twice}");
    let (one, two) = (twice.find("at door-1"), twice.find("at door-2"));
    assert!(one.is_some() && two.is_some() && one < two, "{twice}");
    let mut h = door_on(&mut t, access);
    let field = h.get_by_role_and_label(Role::TextInput, "Order code or name/e-mail");
    field.focus();
    field.type_text(&key.access_code);
    h.run();
    h.key_press(egui::Key::Enter);
    h.run();
    // The row flags it briefly, keeping its actions in view.
    assert!(shows(&h, ", twice"));
    assert!(
        shows(&h, "Checked in: 1 / 1 confirmed seat"),
        "counted once"
    );
}
