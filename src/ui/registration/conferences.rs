//! Step 1, Conferences: the published conferences with their dates and the
//! seats left per type. Unpublished conferences never appear (the list is
//! the app's published list). "Find my order" reopens an existing order.
//! After an order was cancelled, a line above the list says so.

use crate::app::projections::ConferenceView;
use crate::domain::Message;
use crate::ui::i18n::{format as fmt, say, tr};
use crate::ui::registration::{FindScreen, Go, SeatsScreen, Step, right_cell};
use crate::ui::shell::Shell;
use eframe::egui::{self, RichText, Ui};

/// The conference list.
#[derive(Debug, Default, Clone)]
pub struct ConferencesScreen {
    /// What just happened to the last customer's order (in the interface
    /// language), shown above the list.
    pub notice: Option<String>,
    /// Whether the first "Choose seats" got the keyboard focus already.
    pub focused_once: bool,
}

impl ConferencesScreen {
    /// The list with `notice` above it.
    pub fn with_notice(notice: String) -> Self {
        Self {
            notice: Some(notice),
            focused_once: false,
        }
    }

    /// Draws the screen.
    pub fn ui(&mut self, ui: &mut Ui, shell: &mut Shell<'_>) -> Go {
        let Self {
            notice,
            focused_once,
        } = self;
        let mut go = Go::Stay;
        if let Some(notice) = notice {
            ui.label(RichText::new(notice.as_str()).strong());
            ui.add_space(4.0);
        }
        ui.horizontal(|ui| {
            ui.heading(tr("Choose a conference"));
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if ui.button(tr("Find my order…")).clicked() {
                    go = Go::To(Step::Find(FindScreen::default()));
                }
            });
        });
        ui.add_space(8.0);
        let conferences = shell.desk.registration().published_conferences();
        if conferences.is_empty() {
            ui.label(tr("No conference is open for registration yet."));
        }
        for conference in &conferences {
            if conference_ui(ui, conference, focused_once) {
                go = Go::To(Step::Seats(Box::new(SeatsScreen::new(conference))));
            }
            ui.add_space(8.0);
        }
        go
    }
}

/// One conference as a card; returns whether "Choose seats" was clicked.
/// The first card's button takes the focus on the screen's first frame.
fn conference_ui(ui: &mut Ui, c: &ConferenceView, focused_once: &mut bool) -> bool {
    let mut chosen = false;
    egui::Frame::group(ui.style())
        .inner_margin(12.0)
        .show(ui, |ui| {
            ui.set_width(ui.available_width().min(720.0));
            ui.label(RichText::new(&c.info.name).heading().strong());
            ui.label(say(&Message::new("{start} to {end}")
                .text("start", fmt::weekday_date(c.info.start))
                .text("end", fmt::weekday_date(c.info.end))));
            if !c.info.description.trim().is_empty() {
                ui.label(RichText::new(&c.info.description).weak());
            }
            ui.add_space(4.0);
            egui::Grid::new(("seats-left", c.id))
                .num_columns(3)
                .spacing([24.0, 4.0])
                .show(ui, |ui| {
                    for s in &c.seat_types {
                        ui.label(&s.name);
                        right_cell(ui, fmt::money(s.price));
                        if s.left > 0 {
                            ui.label(say(&Message::new("{n} left").count("n", s.left)));
                        } else {
                            ui.label(RichText::new(tr("sold out")).weak());
                        }
                        ui.end_row();
                    }
                });
            ui.add_space(4.0);
            let button = ui
                .button(tr("Choose seats"))
                .accessible_name(say(
                    &Message::new("Choose seats: {name}").text("name", &c.info.name)
                ));
            if !std::mem::replace(focused_once, true) {
                button.request_focus();
            }
            chosen = button.clicked();
        });
    chosen
}
