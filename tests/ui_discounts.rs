//! Issue 18.7 in the window (kittest, fixed clock): the organizer's
//! Discounts tab adds a code (a refused field's rule beside it), lists it
//! with uses / max and revokes it after a Yes; the payment step applies a
//! code from its field (Enter or Apply, reachable by keyboard), shows a
//! refusal's reason beside the field and the discount line above the
//! total; in Korean too.

mod common;
use common::window::window_on;
use common::{TestDesk, journey_conference, open_desk};
use confdesk::app::{DiscountDraft, OrganizerKey, UserCommand};
use confdesk::ui::MainWindow;
use confdesk::ui::i18n::Lang;
use eframe::egui;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

fn replace_text(h: &mut Harness<'_, MainWindow>, label: &str, text: &str) {
    h.get_by_role_and_label(Role::TextInput, label).focus();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.key_press(egui::Key::Backspace);
    h.run();
    h.get_by_role_and_label(Role::TextInput, label)
        .type_text(text);
    h.run();
}

fn click(h: &mut Harness<'_, MainWindow>, label: &str) {
    h.get_by_label(label).click();
    h.run();
}

fn add_code(t: &mut TestDesk, key: &OrganizerKey, code: &str, max: &str) {
    let access = t.desk.authorize_organizer(key).unwrap();
    let draft = DiscountDraft {
        code: code.into(),
        percent: "20".into(),
        max_uses: max.into(),
        valid_until: "2026-12-31".into(),
        ..DiscountDraft::default()
    };
    t.desk
        .run(UserCommand::AddDiscountCode { access, draft })
        .unwrap();
}

fn discounts_tab(lang: Lang, size: [f32; 2]) -> (TestDesk, Harness<'static, MainWindow>) {
    let mut t = open_desk();
    let key = journey_conference(&mut t.desk, "cqrs-summit", 10);
    add_code(&mut t, &key, "SPRING", "50");
    let mut h = window_on(&mut t, size, lang);
    let (email, code, open, tab) = match lang {
        Lang::Ko => ("소유자 이메일", "액세스 코드", "열기", "할인"),
        _ => ("Owner e-mail", "Access code", "Open", "Discounts"),
    };
    replace_text(&mut h, email, &key.email);
    replace_text(&mut h, code, &key.access_code);
    click(&mut h, open);
    click(&mut h, tab);
    (t, h)
}

#[test]
fn the_discounts_tab_adds_lists_and_revokes_codes() {
    let (_t, mut h) = discounts_tab(Lang::En, [1280.0, 800.0]);
    assert!(h.query_by_label("SPRING").is_some());
    assert!(h.query_by_label("0 / 50").is_some(), "uses / max");
    // A refused field shows its rule beside it; nothing is added.
    replace_text(&mut h, "Code", "x");
    replace_text(&mut h, "Max uses", "5");
    replace_text(&mut h, "Valid until (YYYY-MM-DD)", "2026-12-24");
    h.get_by_role_and_label(Role::TextInput, "Code").focus();
    click(&mut h, "Add code");
    h.run();
    assert!(h.query_by_label("must be 3 to 20 characters").is_some());
    assert!(
        h.query_by_label("give a percent or an amount, one of the two")
            .is_some()
    );
    replace_text(&mut h, "Code", "vip");
    replace_text(&mut h, "Percent off", "15");
    click(&mut h, "Add code");
    h.run();
    assert!(h.query_by_label("VIP").is_some(), "added and listed");
    assert!(h.query_by_label("Added discount code VIP.").is_some());
    // Revoke asks first.
    h.get_all_by_label("Revoke").next().unwrap().click();
    h.run();
    assert!(h.query_by_label_contains("Revoke SPRING?").is_some());
    click(&mut h, "Yes");
    assert!(h.query_by_label("Revoked").is_some());
}

/// The wizard to its payment step with `n` workshop seats.
fn to_payment(lang: Lang) -> (TestDesk, Harness<'static, MainWindow>) {
    let mut t = open_desk();
    let key = journey_conference(&mut t.desk, "cqrs-summit", 10);
    add_code(&mut t, &key, "SPRING", "1");
    // A second order holds the only use of ONCE.
    add_code(&mut t, &key, "ONCE", "1");
    let conference = t
        .desk
        .read_models()
        .conferences
        .by_slug("cqrs-summit")
        .unwrap();
    t.desk
        .run(UserCommand::PlaceDiscountedOrder {
            conference: conference.id,
            seats: vec![(conference.seat_types[0].id, 1)],
            code: "ONCE".into(),
        })
        .unwrap();
    let mut h = window_on(&mut t, [1280.0, 800.0], lang);
    let ko = lang == Lang::Ko;
    click(
        &mut h,
        if ko {
            "등록 데스크"
        } else {
            "Registration desk"
        },
    );
    click(
        &mut h,
        if ko {
            "좌석 선택: CQRS Summit"
        } else {
            "Choose seats: CQRS Summit"
        },
    );
    h.get_by_role_and_label(Role::SpinButton, "CQRS Workshop")
        .focus();
    h.run();
    h.key_press(egui::Key::ArrowUp);
    h.run();
    click(&mut h, if ko { "예약" } else { "Reserve" });
    for (en, kr, text) in [
        ("First name", "이름", "Ana"),
        ("Last name", "성", "Lima"),
        ("E-mail", "이메일", "ana@example.org"),
    ] {
        replace_text(&mut h, if ko { kr } else { en }, text);
    }
    h.key_press(egui::Key::Enter);
    h.run();
    (t, h)
}

#[test]
fn the_payment_step_applies_a_code_and_shows_a_refusal_beside_the_field() {
    let (_t, mut h) = to_payment(Lang::En);
    assert!(h.query_by_label("Total: $500.00").is_some(), "before");
    // A used-up code: its reason beside the field, the total unchanged.
    replace_text(&mut h, "Discount code", "once");
    click(&mut h, "Apply");
    h.run();
    assert!(
        h.query_by_label("discount code ONCE was used 1 time: its maximum")
            .is_some()
    );
    assert!(h.query_by_label("Total: $500.00").is_some());
    // Enter in the field applies, as Apply does.
    replace_text(&mut h, "Discount code", "spring");
    h.key_press(egui::Key::Enter);
    h.run();
    h.run();
    assert!(h.query_by_label("Discount SPRING: −$100.00").is_some());
    assert!(h.query_by_label("Total: $400.00").is_some());
    assert!(
        h.query_by_label("discount code ONCE was used 1 time: its maximum")
            .is_none(),
        "the old refusal is gone"
    );
}

#[test]
fn in_korean_the_tab_and_the_payment_step_speak_korean() {
    let (_t, h) = discounts_tab(Lang::Ko, [800.0, 800.0]);
    assert!(h.query_by_label("할인 코드 추가").is_some());
    assert!(h.query_by_label("사용 가능").is_some(), "SPRING is active");
    assert!(h.query_by_label("모든 좌석 유형").is_some());
    drop(h);
    let (_t, mut h) = to_payment(Lang::Ko);
    replace_text(&mut h, "할인 코드", "once");
    click(&mut h, "적용");
    h.run();
    assert!(
        h.query_by_label("할인 코드 ONCE은(는) 최대 사용 횟수인 1회를 모두 사용했습니다")
            .is_some()
    );
}
