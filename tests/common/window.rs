//! The window on a test desk, for the kittest files: one way to build it.

use super::{TestDesk, open_desk};
use confdesk::ui::MainWindow;
use confdesk::ui::i18n::Lang;
use egui_kittest::Harness;
use std::sync::Arc;

/// A window on `t`'s desk (moved into the window; `t` keeps an empty one),
/// `size` pixels, drawing in `lang`, after its first frames.
pub fn window_on(t: &mut TestDesk, size: [f32; 2], lang: Lang) -> Harness<'static, MainWindow> {
    let desk = std::mem::replace(&mut t.desk, open_desk().desk);
    let app = MainWindow::with_desk(desk, t.path.clone(), Arc::new(t.clock.clone()))
        .with_language(lang, None);
    let mut h = Harness::builder()
        .with_size(size)
        .with_context_setup(confdesk::ui::fonts::install)
        .build_ui_state(|ui, app: &mut MainWindow| app.ui(ui), app);
    h.run();
    h
}
