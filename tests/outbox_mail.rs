//! The outbox's mails (issue 16.5, 17): the organizer's access-code mail
//! and the registrant's order confirmation, built with lettre and read back
//! with a real mail parser: headers within RFC 5322's 78 characters
//! whatever the name, subjects decoded in the desk's language, the
//! confirmation's lines, total, order code and QR attachment; written once
//! per order, by the window's and the CLI's payment.

mod common;

use common::{ByName as _, TestDesk, journey_conference};
use confdesk::app::outbox::{
    Queued, confirmation_path, queue_confirmation, write_access_code_mail,
};
use confdesk::app::qr::qr_png;
use confdesk::app::{LogLocation, OrderKey};
use confdesk::domain::message::English;
use confdesk::ui::i18n::Lang;
use eframe::egui;
use mail_parser::MimeHeaders as _;
use std::os::unix::fs::PermissionsExt as _;
use std::path::{Path, PathBuf};

/// 200 Hangul syllables: the longest name a field takes.
fn long_hangul() -> String {
    "가나다라마바사아자차".repeat(20)
}

/// Every header line of a raw mail (up to the blank line before the body)
/// and of each MIME part's headers.
fn header_lines(raw: &[u8]) -> Vec<String> {
    let text = String::from_utf8_lossy(raw);
    let mut out = Vec::new();
    let mut in_headers = true;
    for line in text.split("\r\n") {
        if line.is_empty() {
            in_headers = false;
        } else if line.starts_with("--") {
            in_headers = true; // a MIME boundary: the part's headers follow
        } else if in_headers {
            out.push(line.to_string());
        }
    }
    out
}

fn outbox_of(t: &TestDesk) -> PathBuf {
    LogLocation::File(t.path.clone()).outbox_dir()
}

fn emls(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut v: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "eml"))
        .collect();
    v.sort();
    v
}

#[test]
fn a_200_syllable_hangul_conference_name_keeps_every_header_line_within_78() {
    let mut t = common::open_desk();
    let mut input = common::conference_input("long-name");
    input.name = long_hangul();
    let (id, code) = t.desk.organizer_mut().create_conference(input).unwrap();
    let view = t.desk.read_models().conferences.get(id).unwrap();
    let path = write_access_code_mail(
        &outbox_of(&t),
        t.desk.protected(),
        &view,
        &code,
        t.desk.now(),
        &English,
    )
    .unwrap();
    let raw = std::fs::read(&path).unwrap();
    for line in header_lines(&raw) {
        assert!(line.chars().count() <= 78, "{} chars: {line}", line.len());
    }
    let mail = mail_parser::MessageParser::default().parse(&raw).unwrap();
    assert_eq!(
        mail.subject().unwrap(),
        format!("Your access code for {}", long_hangul())
    );
}

/// A paid order of the journey conference: 2 General admission and 1
/// workshop, for `first` `last` <mj@example.kr>.
fn paid_order(t: &mut TestDesk, slug: &str, first: &str, last: &str) -> OrderKey {
    journey_conference(&mut t.desk, slug, 100);
    let key = t
        .desk
        .place_order_named(
            slug,
            &[("General admission".into(), 2), ("CQRS Workshop".into(), 1)],
        )
        .unwrap();
    t.desk
        .registration_mut()
        .assign_registrant(&key, first, last, "mj@example.kr")
        .unwrap();
    t.desk.registration_mut().pay(&key, true).unwrap();
    key
}

fn parse(raw: &[u8]) -> mail_parser::Message<'_> {
    mail_parser::MessageParser::default().parse(raw).unwrap()
}

fn to_address(mail: &mail_parser::Message<'_>) -> String {
    mail.to()
        .and_then(|a| a.first())
        .and_then(|a| a.address())
        .unwrap()
        .to_string()
}

#[test]
fn the_access_code_mail_is_a_lettre_message_with_the_code() {
    let mut t = common::open_desk();
    let key = journey_conference(&mut t.desk, "mail-basics", 10);
    let view = t
        .desk
        .read_models()
        .conferences
        .by_slug("mail-basics")
        .unwrap();
    let path = write_access_code_mail(
        &outbox_of(&t),
        t.desk.protected(),
        &view,
        &key.access_code,
        t.desk.now(),
        &English,
    )
    .unwrap();
    let raw = std::fs::read(&path).unwrap();
    let mail = parse(&raw);
    assert_eq!(to_address(&mail), "ana@example.com");
    assert_eq!(mail.subject(), Some("Your access code for CQRS Summit"));
    assert!(mail.message_id().is_some_and(|id| id.contains('@')));
    assert!(mail.date().is_some());
    let body = mail.body_text(0).unwrap();
    assert!(body.contains(&key.access_code), "{body}");
    assert!(body.contains("mail-basics"), "{body}");
}

#[test]
fn a_paid_order_queues_one_confirmation_with_its_lines_total_code_and_qr() {
    let mut t = common::open_desk();
    let key = paid_order(&mut t, "mail-paid", "Min-jun", "Kim");
    let outbox = outbox_of(&t);
    let queued = queue_confirmation(&t.desk, &outbox, &key, &English).unwrap();
    let Queued::Written(path) = queued else {
        panic!("{queued:?}")
    };
    assert_eq!(path, confirmation_path(&outbox, &key.access_code));
    let raw = std::fs::read(&path).unwrap();
    for line in header_lines(&raw) {
        assert!(line.chars().count() <= 78, "{line}");
    }
    let mail = parse(&raw);
    assert_eq!(to_address(&mail), "mj@example.kr");
    assert_eq!(
        mail.subject().unwrap(),
        format!("Your order {} for CQRS Summit", key.access_code)
    );
    let body = mail.body_text(0).unwrap();
    for expected in [
        "Hello Min-jun Kim,",
        key.access_code.as_str(),
        "General admission: 2 × 199.00 USD = 398.00 USD",
        "CQRS Workshop: 1 × 500.00 USD = 500.00 USD",
        "Total: 898.00 USD",
        "2026-12-01 to 2026-12-02",
        "Find my order",
    ] {
        assert!(body.contains(expected), "{expected:?} in {body}");
    }
    // The organizer's secret never goes to a registrant.
    let attachment = mail.attachment(0).expect("the QR attachment");
    assert_eq!(
        attachment.attachment_name(),
        Some(format!("order-{}.png", key.access_code).as_str())
    );
    let ct = attachment.content_type().unwrap();
    assert_eq!((ct.ctype(), ct.subtype()), ("image", Some("png")));
    let png = attachment.contents();
    assert_eq!(png, qr_png(&key.access_code).unwrap().as_slice());
    let decoder = png::Decoder::new(std::io::Cursor::new(png.to_vec()));
    let info = decoder.read_info().unwrap();
    assert_eq!(info.info().width, info.info().height);
    assert!(info.info().width >= 21 * 8);

    // Once per order: a second call (another Accept, a replay) writes nothing.
    let again = queue_confirmation(&t.desk, &outbox, &key, &English).unwrap();
    assert_eq!(again, Queued::AlreadyQueued(path.clone()));
    assert_eq!(emls(&outbox), vec![path.clone()]);
    t.reopen();
    assert_eq!(
        queue_confirmation(&t.desk, &outbox, &key, &English).unwrap(),
        Queued::AlreadyQueued(path)
    );
    let mode = std::fs::metadata(confirmation_path(&outbox, &key.access_code))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600, "the mail holds the order code");
}

#[test]
fn an_unpaid_order_gets_no_confirmation() {
    let mut t = common::open_desk();
    journey_conference(&mut t.desk, "mail-unpaid", 100);
    let key = t
        .desk
        .place_order_named("mail-unpaid", &[("General admission".into(), 1)])
        .unwrap();
    let e = queue_confirmation(&t.desk, &outbox_of(&t), &key, &English).unwrap_err();
    assert!(e.to_string().contains("not paid"), "{e}");
    assert!(emls(&outbox_of(&t)).is_empty());
}

#[test]
fn the_korean_desk_writes_the_confirmation_in_korean_and_long_names_fold() {
    let mut t = common::open_desk();
    let long = long_hangul();
    let key = paid_order(&mut t, "mail-ko", "민준", &long);
    let outbox = outbox_of(&t);
    let words = confdesk::ui::i18n::words_in(Lang::Ko);
    let path = queue_confirmation(&t.desk, &outbox, &key, &words)
        .unwrap()
        .path()
        .to_path_buf();
    let raw = std::fs::read(&path).unwrap();
    for line in header_lines(&raw) {
        assert!(line.chars().count() <= 78, "{} chars: {line}", line.len());
    }
    let mail = parse(&raw);
    let subject = mail.subject().unwrap();
    assert!(
        subject.contains("주문") && subject.contains(&key.access_code),
        "{subject}"
    );
    // The name in the order of its script: family name first.
    let to = mail
        .to()
        .and_then(|a| a.first())
        .and_then(|a| a.name())
        .unwrap();
    assert_eq!(to, format!("{long} 민준"));
    let body = mail.body_text(0).unwrap();
    assert!(body.contains("합계"), "{body}");
    assert!(body.contains(&key.access_code), "{body}");
}

#[test]
fn order_pay_in_the_cli_queues_the_confirmation_once() {
    use common::cli::*;
    let d = Desk::new();
    d.conference();
    let (id, code, _) = d.place(&["General admission=2"]);
    d.registrant(&id, &code);
    d.run(&["order", "pay", "--order", &id, "--access-code", &code])
        .ok();
    let outbox = d.data.parent().unwrap().join("outbox");
    let path = confirmation_path(&outbox, &code);
    // Beside the owner's access-code mail `conference create` queued.
    let orders: Vec<PathBuf> = emls(&outbox)
        .into_iter()
        .filter(|p| !p.to_string_lossy().contains("-access-code-"))
        .collect();
    assert_eq!(orders, vec![path.clone()]);
    let raw = std::fs::read(&path).unwrap();
    let mail = parse(&raw);
    assert_eq!(to_address(&mail), "mj@example.kr");
    assert!(
        mail.body_text(0)
            .unwrap()
            .contains("General admission: 2 × 199.00 USD")
    );
    let before = raw.clone();
    d.run(&["order", "pay", "--order", &id, "--access-code", &code])
        .fails(4, "");
    assert_eq!(emls(&outbox).iter().filter(|p| **p == path).count(), 1);
    assert_eq!(emls(&outbox).len(), 2, "the access-code mail and this one");
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn accepting_the_payment_in_the_window_queues_the_confirmation_and_says_so() {
    use confdesk::ui::registration::Step;
    use egui_kittest::kittest::Queryable as _;
    let mut t = common::open_desk();
    journey_conference(&mut t.desk, "cqrs-summit", 100);
    let outbox = outbox_of(&t);
    let mut h = common::window::window_on(&mut t, [1280.0, 800.0], Lang::En);
    h.get_by_label("Registration desk").click();
    h.run();
    h.get_by_label("Choose seats: CQRS Summit").click();
    h.run();
    h.get_by_role_and_label(egui::accesskit::Role::SpinButton, "General admission")
        .focus();
    h.run();
    h.key_press(egui::Key::ArrowUp);
    h.run();
    h.get_by_label("Reserve").click();
    h.run();
    for (label, text) in [
        ("First name", "Min-jun"),
        ("Last name", "Kim"),
        ("E-mail", "mj@example.kr"),
    ] {
        let field = h.get_by_role_and_label(egui::accesskit::Role::TextInput, label);
        field.focus();
        field.type_text(text);
        h.run();
    }
    h.get_by_label("Continue to payment").click();
    h.run();
    h.get_by_label("Accept payment").click();
    h.run();
    let Step::Confirmation(c) = &h.state().registration().step else {
        panic!("not on the confirmation")
    };
    let code = c.key.access_code.clone();
    assert!(
        h.query_by_label_contains("Confirmation queued in the outbox")
            .is_some()
    );
    let path = confirmation_path(&outbox, &code);
    assert_eq!(emls(&outbox), vec![path.clone()]);
    assert_eq!(
        to_address(&parse(&std::fs::read(&path).unwrap())),
        "mj@example.kr"
    );
}

/// Once the confirmation left (the sender moved it to `sent/`), queueing
/// it again writes nothing: the registrant never gets it twice.
#[test]
fn a_sent_confirmation_is_never_queued_again() {
    use confdesk::app::mail_queue::MailQueue;
    let mut t = common::open_desk();
    let key = paid_order(&mut t, "mail-sent", "Ana", "Souza");
    let outbox = outbox_of(&t);
    let Queued::Written(path) = queue_confirmation(&t.desk, &outbox, &key, &English).unwrap()
    else {
        panic!("the first call writes the mail");
    };
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    let queue = MailQueue::new(&outbox);
    queue.claim(&name).unwrap().unwrap();
    let again = queue_confirmation(&t.desk, &outbox, &key, &English).unwrap();
    assert!(matches!(again, Queued::AlreadyQueued(p) if p.ends_with(format!("sending/{name}"))));
    queue.mark_sent(&name, chrono::Utc::now()).unwrap();
    let again = queue_confirmation(&t.desk, &outbox, &key, &English).unwrap();
    assert!(matches!(again, Queued::AlreadyQueued(p) if p.ends_with(format!("sent/{name}"))));
    assert!(!path.exists(), "no second copy in the queue");
}
