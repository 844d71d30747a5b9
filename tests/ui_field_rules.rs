//! Field rules in plain words beside their fields (issue 16, item 11),
//! driven headless with egui_kittest: the registrant details step with an
//! empty e-mail says "Enter an e-mail address" on the e-mail field's row,
//! and no internal field name ("email:", "attendee email") shows anywhere.

mod common;
use common::{journey_conference, open_desk};
use confdesk::ui::i18n::Lang;
use eframe::egui;
use egui::accesskit::Role;
use egui_kittest::kittest::Queryable as _;

#[test]
fn an_empty_email_on_the_details_step_says_enter_an_email_address_beside_it() {
    let mut t = open_desk();
    journey_conference(&mut t.desk, "cqrs-summit", 100);
    let mut h = common::window::window_on(&mut t, [1200.0, 800.0], Lang::En);
    h.get_by_label("Registration desk").click();
    h.run();
    h.get_by_label("Choose seats: CQRS Summit").click();
    h.run();
    h.get_by_role_and_label(Role::SpinButton, "General admission")
        .focus();
    h.run();
    h.key_press(egui::Key::ArrowUp);
    h.run();
    h.get_by_label("Reserve").click();
    h.run();
    h.run();
    for (label, text) in [("First name", "Min-jun"), ("Last name", "Kim")] {
        let field = h.get_by_role_and_label(Role::TextInput, label);
        field.focus();
        field.type_text(text);
        h.run();
    }
    // Continue with the e-mail left empty: every rule shows.
    h.get_by_label("Continue to payment").click();
    h.run();
    let field = h.get_by_role_and_label(Role::TextInput, "E-mail").rect();
    let rule = h.get_by_label("Enter an e-mail address").rect();
    assert!(
        rule.left() >= field.right()
            && rule.center().y > field.top()
            && rule.center().y < field.bottom(),
        "beside the e-mail field: {rule:?} vs {field:?}"
    );
    for internal in ["email:", "attendee email", "is required"] {
        assert!(
            h.query_by_label_contains(internal).is_none(),
            "{internal:?} shown"
        );
    }
}
