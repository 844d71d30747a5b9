//! Step 1, Conferences: the published conferences with their dates and the
//! seats left per type. Unpublished conferences never appear (the list is
//! the app's published list). "Find my order" reopens an existing order.

use crate::app::projections::ConferenceView;
use crate::domain::Message;
use crate::ui::i18n::{format as fmt, say, tr};
use crate::ui::registration::{FindScreen, Go, SeatsScreen, Step, right_cell};
use crate::ui::shell::Shell;
use eframe::egui::{self, RichText, Ui};

/// The conference list; it keeps no state of its own.
#[derive(Debug, Default, Clone)]
pub struct ConferencesScreen {}

impl ConferencesScreen {
    /// Draws the screen.
    pub fn ui(&mut self, ui: &mut Ui, shell: &mut Shell<'_>) -> Go {
        let Self {} = self;
        let mut go = Go::Stay;
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
            if conference_ui(ui, conference) {
                go = Go::To(Step::Seats(Box::new(SeatsScreen::new(conference))));
            }
            ui.add_space(8.0);
        }
        go
    }
}

/// One conference as a card; returns whether "Choose seats" was clicked.
fn conference_ui(ui: &mut Ui, c: &ConferenceView) -> bool {
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
            chosen = button.clicked();
        });
    chosen
}
