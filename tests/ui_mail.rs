//! Mail from the window (issue 17 item 1): File → "Mail server…" takes the
//! server and the From address, remembers them (never the password) and
//! from then on sends the outbox in the background while the desk works;
//! the status bar says what waits and what failed, and the dialog lists
//! each message with its last error. A real server (aiosmtpd, as for
//! `outbox send`) receives what the window sends; a server that isn't
//! there leaves the mail queued and says so.

mod common;

use common::smtp::Server;
use common::{TestDesk, open_desk};
use confdesk::app::mail_queue::{MailQueue, MailState};
use confdesk::ui::MainWindow;
use confdesk::ui::i18n::Lang;
use confdesk::ui::settings::WindowPrefs;
use eframe::egui;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

fn window(t: &mut TestDesk, settings: &Path, lang: Lang) -> Harness<'static, MainWindow> {
    let desk = std::mem::replace(&mut t.desk, open_desk().desk);
    let app = MainWindow::with_desk(desk, t.path.clone(), Arc::new(t.clock.clone()))
        .with_language(lang, Some(settings.to_path_buf()));
    let mut h = Harness::builder()
        .with_size([1280.0, 800.0])
        .with_context_setup(confdesk::ui::fonts::install)
        .build_ui_state(|ui, app: &mut MainWindow| app.ui(ui), app);
    h.run_steps(4);
    h
}

fn outbox(t: &TestDesk) -> PathBuf {
    t.path.parent().unwrap().join("outbox")
}

/// One queued message, as the desk writes them.
fn queue_one(t: &TestDesk, to: &str) {
    let dir = outbox(t);
    std::fs::create_dir_all(&dir).unwrap();
    let mail = format!(
        "From: confdesk <confdesk@localhost>\r\nTo: {to}\r\nSubject: Your access code\r\n\r\nABCDE\r\n"
    );
    std::fs::write(dir.join("access-code-1.eml"), mail).unwrap();
}

fn type_into(h: &mut Harness<'_, MainWindow>, label: &str, text: &str) {
    h.get_by_role_and_label(Role::TextInput, label).focus();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.key_press(egui::Key::Backspace);
    h.run_steps(2);
    h.get_by_role_and_label(Role::TextInput, label)
        .type_text(text);
    h.run_steps(2);
}

/// Opens File → "Mail server…" and saves `url` and `from`.
fn set_server(h: &mut Harness<'_, MainWindow>, url: &str, from: &str, lang: Lang) {
    let (file, item, server, sender, save) = match lang {
        Lang::En => ("File", "Mail server…", "Server", "From", "Save and send"),
        Lang::Ko => (
            "파일",
            "메일 서버…",
            "서버",
            "보내는 사람",
            "저장하고 보내기",
        ),
    };
    if h.query_by_role_and_label(Role::TextInput, server).is_none() {
        h.get_by_label(file).click();
        h.run_steps(2);
        h.get_by_label(item).click();
        h.run_steps(2);
    }
    type_into(h, server, url);
    type_into(h, sender, from);
    h.get_by_label(save).click();
    h.run_steps(2);
}

/// Steps frames (the worker sends on its own thread) until `text` shows.
fn until_shown(h: &mut Harness<'_, MainWindow>, text: &str) {
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(30) {
        h.run_steps(1);
        if h.query_by_label_contains(text).is_some() {
            return;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    panic!("{text:?} never showed");
}

/// A port on this machine where nothing listens.
fn closed_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap().port()
}

#[test]
fn queued_mail_leaves_in_the_background_once_and_the_password_is_never_saved() {
    let Some(server) = Server::start("nobody@refused.example") else {
        return;
    };
    let mut t = open_desk();
    let settings = t.dir.path().join("settings.json");
    queue_one(&t, "ana@example.com");
    let mut h = window(&mut t, &settings, Lang::En);
    until_shown(&mut h, "mail: 1 waiting, no mail server set");
    let url = format!("smtp://127.0.0.1:{}", server.port);
    set_server(&mut h, &url, "Summit desk <desk@summit.example>", Lang::En);
    until_shown(&mut h, "mail: all sent");
    let got = server.received();
    assert_eq!(got.len(), 1, "sent once");
    let raw = String::from_utf8_lossy(&got[0].1).to_string();
    assert!(raw.contains("desk@summit.example"), "the From set: {raw}");
    let listed = MailQueue::new(outbox(&t)).list().unwrap();
    assert_eq!(listed[0].state, MailState::Sent);
    // Remembered for the next start: the server and From, no password.
    let prefs = WindowPrefs::load(&settings);
    assert_eq!(prefs.smtp_url.as_deref(), Some(url.as_str()));
    assert_eq!(
        prefs.smtp_from.as_deref(),
        Some("Summit desk <desk@summit.example>")
    );
    // More frames: nothing is sent twice.
    h.run_steps(20);
    assert_eq!(server.received().len(), 1);
}

#[test]
fn a_server_that_is_not_there_keeps_the_mail_queued_and_says_why() {
    let mut t = open_desk();
    let settings = t.dir.path().join("settings.json");
    queue_one(&t, "ana@example.com");
    let mut h = window(&mut t, &settings, Lang::Ko);
    let url = format!("smtp://127.0.0.1:{}", closed_port());
    set_server(&mut h, &url, "desk@summit.example", Lang::Ko);
    until_shown(&mut h, "메일: 1건 보내지 못함");
    let listed = MailQueue::new(outbox(&t)).list().unwrap();
    assert_eq!(listed[0].state, MailState::Queued, "still queued");
    assert!(listed[0].status.last_error.is_some());
    // The dialog (still open) lists it with the server's error.
    assert!(h.query_by_label_contains("대기 중, 1번 실패").is_some());
}

#[test]
fn a_bad_server_is_refused_naming_the_rule_and_nothing_is_remembered() {
    let mut t = open_desk();
    let settings = t.dir.path().join("settings.json");
    let mut h = window(&mut t, &settings, Lang::En);
    set_server(
        &mut h,
        "http://mail.example.com",
        "desk@summit.example",
        Lang::En,
    );
    assert!(
        h.query_by_label_contains("the scheme must be smtp:// or smtps://")
            .is_some()
    );
    set_server(
        &mut h,
        "smtp://u:secret@mail.example.com",
        "desk@summit.example",
        Lang::En,
    );
    assert!(
        h.query_by_label_contains("the URL must not hold the password")
            .is_some()
    );
    assert_eq!(WindowPrefs::load(&settings).smtp_url, None);
    assert!(
        !std::fs::read_to_string(&settings)
            .unwrap_or_default()
            .contains("secret")
    );
}
