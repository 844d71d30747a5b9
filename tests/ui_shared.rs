//! The window on a shared log (issue 15 items 3–5, window side), driven
//! headless with egui_kittest: File → "Connect to a shared log…" by
//! keyboard, a bad URL said in the dialog with the old log kept, a password
//! never saved in the settings; and, with `CONFDESK_TEST_PG`, a window that
//! shows another desk's order within about a second with the Orders tab's
//! selection kept, says where it is and that it is connected, and goes
//! offline (banner, sales refused without trying the server) and back.

mod common;

use common::ByName as _;
use common::shared::desk_on;
use common::{journey_conference, pg, start};
use confdesk::app::{Desk, LogLocation, ManualClock, OrganizerKey};
use confdesk::domain::OrderId;
use confdesk::store::OpenMode;
use confdesk::ui::MainWindow;
use confdesk::ui::i18n::Lang;
use confdesk::ui::organizer::OrganizerScreen;
use eframe::egui;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// A window on `desk` (of the log at `location`), remembering its settings
/// in `settings` when given.
fn window(
    desk: Desk,
    location: LogLocation,
    clock: &ManualClock,
    settings: Option<PathBuf>,
) -> Harness<'static, MainWindow> {
    let app = MainWindow::with_desk(desk, location, Arc::new(clock.clone()))
        .with_language(Lang::En, settings);
    let mut h = Harness::builder()
        .with_size([1200.0, 800.0])
        .with_context_setup(confdesk::ui::fonts::install)
        .build_ui_state(|ui, app: &mut MainWindow| app.ui(ui), app);
    h.run();
    h
}

/// Steps (drawing frames, sleeping between them: the watcher and the
/// opening run on real threads) until `done` or `limit` passed; returns
/// how long it took.
fn step_until(
    h: &mut Harness<'_, MainWindow>,
    limit: Duration,
    what: &str,
    done: impl Fn(&Harness<'_, MainWindow>) -> bool,
) -> Duration {
    let started = Instant::now();
    loop {
        h.step();
        if done(h) {
            return started.elapsed();
        }
        assert!(started.elapsed() < limit, "not within {limit:?}: {what}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// File → "Connect to a shared log…".
fn open_connect_dialog(h: &mut Harness<'_, MainWindow>) {
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Connect to a shared log…").click();
    h.run();
    assert!(h.state().connect_dialog().is_some(), "the dialog is open");
}

/// Types `url` into the dialog's focused field and presses Enter.
fn connect_by_keyboard(h: &mut Harness<'_, MainWindow>, url: &str) {
    let field = h.get_by_role_and_label(Role::TextInput, "Connection URL");
    assert!(field.is_focused(), "the URL field has the focus");
    field.type_text(url);
    h.run();
    h.key_press(egui::Key::Enter);
}

/// The conference opened in the organizer workspace with `key`.
fn open_conference(h: &mut Harness<'_, MainWindow>, key: &OrganizerKey) {
    for (label, text) in [
        ("Owner e-mail", &key.email),
        ("Access code", &key.access_code),
    ] {
        let field = h.get_by_role_and_label(Role::TextInput, label);
        field.focus();
        field.type_text(text);
        h.run();
    }
    h.get_by_label("Open").click();
    // The access check runs after the frame; on a loaded machine the
    // desk's first catch-up may take a few frames.
    step_until(h, Duration::from_secs(5), "the conference opens", |h| {
        matches!(h.state().organizer().screen, OrganizerScreen::Conference(_))
    });
    h.run();
}

#[test]
fn the_connect_dialog_is_reached_by_keyboard_and_a_bad_url_keeps_the_log() {
    let mut t = common::open_desk();
    journey_conference(&mut t.desk, "summit", 10);
    let mut h = common::window::window_on(&mut t, [1200.0, 800.0], Lang::En);
    let before = h.state().desk().unwrap().stats().events;
    open_connect_dialog(&mut h);
    connect_by_keyboard(&mut h, "192.168.1.20/summit");
    h.run();
    let message = h.state().connect_dialog().and_then(|d| d.message.clone());
    assert!(
        message
            .as_deref()
            .is_some_and(|m| m.starts_with("Connection URL: a shared log's address starts with")),
        "{message:?}"
    );
    assert!(
        h.query_by_label_contains("starts with postgresql://")
            .is_some()
    );
    assert_eq!(h.state().location(), &LogLocation::File(t.path.clone()));
    assert_eq!(h.state().desk().unwrap().stats().events, before);
    // Esc closes it, and nothing changed.
    h.key_press(egui::Key::Escape);
    h.run();
    assert!(
        h.state().connect_dialog().is_none(),
        "Esc closes the dialog"
    );
    assert_eq!(h.state().location(), &LogLocation::File(t.path.clone()));
}

#[test]
fn a_password_is_never_saved_in_the_settings() {
    let mut t = common::open_desk();
    let settings = t.dir.path().join("config").join("settings.json");
    let desk = std::mem::replace(&mut t.desk, common::open_desk().desk);
    let mut h = window(
        desk,
        LogLocation::File(t.path.clone()),
        &t.clock,
        Some(settings.clone()),
    );
    open_connect_dialog(&mut h);
    // Nothing listens on port 1: the server can't be reached.
    connect_by_keyboard(&mut h, "postgresql://u:secret@127.0.0.1:1/summit");
    step_until(&mut h, Duration::from_secs(8), "the attempt ends", |h| {
        h.state()
            .connect_dialog()
            .is_some_and(|d| !d.is_connecting() && d.message.is_some())
    });
    let message = h.state().connect_dialog().and_then(|d| d.message.clone());
    let message = message.unwrap_or_default();
    assert!(message.contains("could not connect"), "{message}");
    assert!(!message.contains("secret"), "{message}");
    assert_eq!(h.state().location(), &LogLocation::File(t.path.clone()));
    // Remembered to try again later, without its password.
    assert_eq!(h.state().recent()[0], "postgresql://u@127.0.0.1:1/summit");
    let saved = std::fs::read_to_string(&settings).unwrap();
    assert!(
        saved.contains("postgresql://u@127.0.0.1:1/summit"),
        "{saved}"
    );
    assert!(!saved.contains("secret"), "{saved}");
}

/// A window on the shared log at `url` (a desk of its own), with the
/// conference of `key` open on the Orders tab.
fn orders_window(
    url: &str,
    clock: &ManualClock,
    key: &OrganizerKey,
) -> Harness<'static, MainWindow> {
    let desk = desk_on(url, clock, OpenMode::ReadWrite);
    let mut h = window(desk, LogLocation::parse(url), clock, None);
    open_conference(&mut h, key);
    h.get_by_label("Orders").click();
    h.run();
    h
}

/// The Orders tab's row count and selected order.
fn orders_tab(h: &Harness<'_, MainWindow>) -> (usize, Option<OrderId>) {
    match &h.state().organizer().screen {
        OrganizerScreen::Conference(c) => (c.orders.rows.len(), c.orders.selected),
        _ => panic!("not on the conference screen"),
    }
}

#[test]
fn a_window_on_a_shared_log_shows_another_desks_order_and_keeps_the_selection() {
    let Some(url) = pg::fresh_database("ui_follow") else {
        return;
    };
    let clock = ManualClock::new(start());
    let mut other = desk_on(&url, &clock, OpenMode::Create);
    let key = journey_conference(&mut other, "summit", 10);
    let first = other
        .place_order_named("summit", &[("General admission".into(), 1)])
        .unwrap();
    let mut h = orders_window(&url, &clock, &key);
    step_until(&mut h, Duration::from_secs(5), "connected", |h| {
        h.query_by_label("connected").is_some()
    });
    let database = database_of(&url);
    assert!(
        h.query_by_label_contains(&format!("Log: PostgreSQL database {database} on "))
            .is_some(),
        "the status bar says where the log is"
    );
    // Select the order there is.
    h.get_by_label(&first.access_code).click();
    h.run();
    assert_eq!(orders_tab(&h).1, Some(first.order_id));

    let second = other
        .place_order_named("summit", &[("General admission".into(), 2)])
        .unwrap();
    let took = step_until(
        &mut h,
        Duration::from_secs(3),
        "the second order shows",
        |h| orders_tab(h).0 == 2,
    );
    assert!(took < Duration::from_millis(1500), "took {took:?}");
    assert!(h.query_by_label(&second.access_code).is_some());
    assert_eq!(orders_tab(&h).1, Some(first.order_id), "selection kept");
    assert!(
        h.query_by_label_contains("last from another desk")
            .is_some(),
        "the status bar says when another desk's event arrived"
    );
}

#[test]
fn connecting_through_the_dialog_opens_the_shared_log_and_saves_no_password() {
    let Some(url) = pg::fresh_database("ui_connect") else {
        return;
    };
    let clock = ManualClock::new(start());
    let mut other = desk_on(&url, &clock, OpenMode::Create);
    journey_conference(&mut other, "summit", 10);
    let mut t = common::open_desk();
    let settings = t.dir.path().join("settings.json");
    let desk = std::mem::replace(&mut t.desk, common::open_desk().desk);
    let mut h = window(
        desk,
        LogLocation::File(t.path.clone()),
        &clock,
        Some(settings.clone()),
    );
    open_connect_dialog(&mut h);
    // The test server trusts its socket: the password is sent nowhere, but
    // it is in the URL the window holds.
    let with_secret = confdesk::ui::connect::with_password(&url, "secret");
    connect_by_keyboard(&mut h, &with_secret);
    step_until(
        &mut h,
        Duration::from_secs(8),
        "the shared log opens",
        |h| h.state().location().is_shared() && h.state().desk().is_some(),
    );
    assert!(h.state().connect_dialog().is_none(), "the dialog closed");
    assert_eq!(
        h.state().desk().unwrap().stats().events,
        other.stats().events,
        "the shared log's events are replayed"
    );
    let text = LogLocation::parse(&url).text();
    assert_eq!(h.state().recent()[0], text);
    let saved = std::fs::read_to_string(&settings).unwrap();
    assert!(saved.contains(&text), "{saved}");
    assert!(!saved.contains("secret"), "{saved}");
}

/// The database of a test URL (`postgresql://user@/NAME?host=…`).
fn database_of(url: &str) -> &str {
    let path = url.split('?').next().unwrap();
    path.rsplit('/').next().unwrap()
}

/// Runs `sql` on the test server's own database (not the test's).
fn admin(sql: &str) {
    let server = pg::server().expect("the server");
    pg::connect(&server)
        .batch_execute(sql)
        .unwrap_or_else(|e| panic!("{sql}: {e}"));
}

#[test]
fn an_offline_window_says_so_refuses_sales_and_comes_back() {
    let Some(url) = pg::fresh_database("ui_offline") else {
        return;
    };
    let database = database_of(&url);
    let clock = ManualClock::new(start());
    let mut other = desk_on(&url, &clock, OpenMode::Create);
    journey_conference(&mut other, "summit", 10);
    drop(other);
    let desk = desk_on(&url, &clock, OpenMode::ReadWrite);
    let mut h = window(desk, LogLocation::parse(&url), &clock, None);
    h.get_by_label("Registration desk").click();
    h.run();
    step_until(&mut h, Duration::from_secs(5), "connected", |h| {
        h.query_by_label("connected").is_some()
    });
    assert!(!h.state().is_offline());

    // The server refuses the database and drops its connections.
    admin(&format!(
        "ALTER DATABASE \"{database}\" ALLOW_CONNECTIONS false; \
         SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{database}'"
    ));
    step_until(&mut h, Duration::from_secs(5), "offline", |h| {
        h.state().is_offline()
    });
    h.run();
    assert!(
        h.query_by_label_contains("Offline: the shared log's server can't be reached")
            .is_some(),
        "the banner"
    );
    assert!(h.query_by_label_contains("offline since").is_some());
    let events = h.state().desk().unwrap().stats().events;
    h.get_by_label("Choose seats: CQRS Summit").click();
    h.run();
    h.get_by_role_and_label(Role::SpinButton, "General admission")
        .focus();
    h.run();
    h.key_press(egui::Key::ArrowUp);
    h.run();
    let asked = Instant::now();
    h.get_by_label("Reserve").click();
    h.run();
    assert!(
        h.query_by_label_contains("nothing can be sold or changed now")
            .is_some(),
        "the sale is refused with the reason"
    );
    assert!(
        asked.elapsed() < Duration::from_secs(1),
        "without trying the server"
    );
    assert_eq!(h.state().desk().unwrap().stats().events, events);

    admin(&format!(
        "ALTER DATABASE \"{database}\" ALLOW_CONNECTIONS true"
    ));
    step_until(&mut h, Duration::from_secs(5), "back online", |h| {
        !h.state().is_offline() && h.query_by_label("connected").is_some()
    });
    h.run();
    assert!(
        h.query_by_label_contains("Offline: the shared log's server")
            .is_none(),
        "the banner went"
    );
}

#[test]
fn a_refused_user_is_asked_for_a_password_which_stays_in_memory() {
    let Some(url) = pg::fresh_database("ui_password") else {
        return;
    };
    let clock = ManualClock::new(start());
    drop(desk_on(&url, &clock, OpenMode::Create));
    // A role the server refuses (no login) until it is let in below.
    let role = format!("confdesk_test_desk_{}", std::process::id());
    admin(&format!("CREATE ROLE \"{role}\" NOLOGIN SUPERUSER"));
    let as_role = url.replacen("://postgres@", &format!("://{role}@"), 1);
    assert_ne!(as_role, url, "the test server's URL names its user");
    let mut t = common::open_desk();
    let settings = t.dir.path().join("settings.json");
    let desk = std::mem::replace(&mut t.desk, common::open_desk().desk);
    let mut h = window(
        desk,
        LogLocation::File(t.path.clone()),
        &clock,
        Some(settings.clone()),
    );
    open_connect_dialog(&mut h);
    connect_by_keyboard(&mut h, &as_role);
    step_until(&mut h, Duration::from_secs(8), "the refusal", |h| {
        h.state().connect_dialog().is_some_and(|d| d.asks_password)
    });
    h.run();
    assert!(
        h.query_by_label_contains("refused user").is_some(),
        "the message"
    );
    let field = h.get_by_role_and_label(Role::PasswordInput, "Password");
    assert!(field.is_focused(), "the password field has the focus");
    assert!(h.state().location().file().is_some(), "nothing changed yet");

    admin(&format!("ALTER ROLE \"{role}\" LOGIN"));
    h.get_by_role_and_label(Role::PasswordInput, "Password")
        .type_text("secret");
    h.run();
    h.key_press(egui::Key::Enter);
    step_until(
        &mut h,
        Duration::from_secs(8),
        "the shared log opens",
        |h| h.state().location().is_shared() && h.state().desk().is_some(),
    );
    // The password is in the URL the window holds, and nowhere it shows.
    let LogLocation::Shared(held) = h.state().location() else {
        panic!("a shared log");
    };
    assert!(held.contains(":secret@"), "{held}");
    assert!(!h.state().location().text().contains("secret"));
    assert!(h.query_by_label_contains("secret").is_none());
    let saved = std::fs::read_to_string(&settings).unwrap();
    assert!(saved.contains(&format!("postgresql://{role}@/")), "{saved}");
    assert!(!saved.contains("secret"), "{saved}");
    drop(h);
    admin(&format!(
        "DROP OWNED BY \"{role}\"; DROP ROLE IF EXISTS \"{role}\""
    ));
}
