//! The create form (issue 16, item 12) driven headless with egui_kittest
//! and a fixed clock (2026-11-25): the fields to fix are named, each a link
//! that focuses its field; the slug is suggested from the name (accents
//! dropped) until it is typed, a Hangul-only name suggests nothing and the
//! slug's rule shows; a start before today is warned about, not refused.

mod common;

use common::open_desk;
use common::window::window_on;
use confdesk::ui::MainWindow;
use confdesk::ui::i18n::Lang;
use confdesk::ui::organizer::OrganizerScreen;
use eframe::egui;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};

/// The window on the create form; the test desk keeps the temp folder
/// (the outbox) alive while the window works in it.
fn create_form(lang: Lang) -> (common::TestDesk, Harness<'static, MainWindow>) {
    let mut t = open_desk();
    let mut h = window_on(&mut t, [1280.0, 800.0], lang);
    let create = match lang {
        Lang::En => "Create a conference…",
        Lang::Ko => "행사 만들기…",
    };
    h.get_by_label(create).click();
    h.run();
    (t, h)
}

fn type_into(h: &mut Harness<'_, MainWindow>, label: &str, text: &str) {
    let field = h.get_by_role_and_label(Role::TextInput, label);
    field.focus();
    field.type_text(text);
    h.run();
}

fn clear(h: &mut Harness<'_, MainWindow>, label: &str) {
    h.get_by_role_and_label(Role::TextInput, label).focus();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.key_press(egui::Key::Backspace);
    h.run();
}

fn slug(h: &Harness<'_, MainWindow>) -> String {
    match &h.state().organizer().screen {
        OrganizerScreen::Create(c) => c.form.slug.clone(),
        _ => panic!("not on the create form"),
    }
}

#[test]
fn the_fields_to_fix_are_named_and_each_focuses_its_field() {
    let (_t, mut h) = create_form(Lang::En);
    type_into(&mut h, "Name", "CQRS Summit");
    // Start, end, owner name and e-mail are still empty.
    assert!(h.query_by_label("Fix 4 fields:").is_some(), "count named");
    for name in ["Start date", "End date", "Owner name", "Owner e-mail"] {
        assert!(
            h.query_by_role_and_label(Role::Link, name).is_some(),
            "{name} listed"
        );
    }
    assert!(
        h.query_by_label_contains("to fix").is_none(),
        "old summary gone"
    );
    // The owner e-mail's rule is not shown until it is asked for.
    assert!(h.query_by_label("Enter an e-mail address").is_none());
    h.get_by_role_and_label(Role::Link, "Owner e-mail").click();
    h.run();
    h.run();
    assert!(
        h.get_by_role_and_label(Role::TextInput, "Owner e-mail")
            .is_focused(),
        "the link focuses its field"
    );
    assert!(
        h.query_by_label("Enter an e-mail address").is_some(),
        "its rule shows, in plain words"
    );
    // Fixed fields leave the list.
    type_into(&mut h, "Owner e-mail", "ana@example.com");
    type_into(&mut h, "Owner name", "Ana Souza");
    assert!(h.query_by_label("Fix 2 fields:").is_some());
    type_into(&mut h, "Start (YYYY-MM-DD)", "2026-12-01");
    type_into(&mut h, "End (YYYY-MM-DD)", "2026-12-02");
    assert!(h.query_by_label_contains("Fix ").is_none());
    assert!(!h.get_by_label("Create").accesskit_node().is_disabled());
}

#[test]
fn the_korean_form_names_the_fields_in_korean() {
    let (_t, mut h) = create_form(Lang::Ko);
    type_into(&mut h, "이름", "CQRS 서밋");
    assert!(h.query_by_label("고칠 항목 4개:").is_some());
    for name in ["시작일", "종료일", "소유자 이름", "소유자 이메일"] {
        assert!(
            h.query_by_role_and_label(Role::Link, name).is_some(),
            "{name} listed"
        );
    }
}

#[test]
fn the_slug_follows_the_name_without_accents_until_it_is_typed() {
    let (_t, mut h) = create_form(Lang::En);
    type_into(&mut h, "Name", "Journées Été 2026");
    assert_eq!(slug(&h), "journees-ete-2026");
    clear(&mut h, "Slug");
    type_into(&mut h, "Slug", "ete");
    type_into(&mut h, "Name", " bis");
    assert_eq!(slug(&h), "ete", "a typed slug is kept");
}

#[test]
fn a_hangul_only_name_suggests_no_slug_and_shows_the_rule() {
    let (_t, mut h) = create_form(Lang::En);
    type_into(&mut h, "Name", "서울 밋업");
    assert_eq!(slug(&h), "");
    assert!(
        h.query_by_label("must be 2 to 64 characters").is_some(),
        "the slug's rule shows at once"
    );
}

#[test]
fn a_start_before_today_is_a_warning_and_create_still_works() {
    let (_t, mut h) = create_form(Lang::En);
    type_into(&mut h, "Name", "Past Summit");
    type_into(&mut h, "Start (YYYY-MM-DD)", "2026-11-01");
    type_into(&mut h, "End (YYYY-MM-DD)", "2026-11-02");
    type_into(&mut h, "Owner name", "Ana Souza");
    type_into(&mut h, "Owner e-mail", "ana@example.com");
    assert!(h.query_by_label("Starts in the past").is_some());
    let create = h.get_by_label("Create");
    assert!(!create.accesskit_node().is_disabled(), "a warning only");
    create.click();
    h.run();
    h.run();
    assert!(matches!(
        h.state().organizer().screen,
        OrganizerScreen::Created(_)
    ));
    // Today itself is no warning.
    let (_t, mut h) = create_form(Lang::En);
    type_into(&mut h, "Start (YYYY-MM-DD)", "2026-11-25");
    assert!(h.query_by_label("Starts in the past").is_none());
}
