//! The organizer's workspace: Home (create or open a conference), Create
//! conference, the access code once created, and the Conference screen with
//! its tabs (Dashboard first) and its "As of…" past view.

mod as_of;
mod attendees;
mod conference;
mod create;
mod dashboard;
mod discounts;
pub mod form;
mod history;
mod home;
mod order_money;
mod orders;
mod seat_types;
mod staff;
mod tickets;

pub use as_of::AsOfPanel;
pub use conference::{ConferenceScreen, Tab};
pub use create::{CreateScreen, CreatedScreen};
pub use dashboard::DashboardTab;
pub use history::HistoryPanel;
pub use home::HomeScreen;

use crate::ui::shell::Shell;
use eframe::egui::Ui;

/// Which organizer screen is showing.
pub enum OrganizerScreen {
    /// Create or open.
    Home(HomeScreen),
    /// The create form.
    Create(Box<CreateScreen>),
    /// The access code of a new conference.
    Created(CreatedScreen),
    /// An open conference.
    Conference(Box<ConferenceScreen>),
}

/// The organizer workspace's state.
pub struct OrganizerWorkspace {
    /// The current screen.
    pub screen: OrganizerScreen,
}

impl Default for OrganizerWorkspace {
    fn default() -> Self {
        Self {
            screen: OrganizerScreen::Home(HomeScreen::default()),
        }
    }
}

/// Where a screen wants to go next: stay, or another organizer screen.
pub type Go = crate::ui::nav::Go<OrganizerScreen>;

impl OrganizerWorkspace {
    /// Draws the current screen and follows its navigation.
    pub fn ui(&mut self, ui: &mut Ui, shell: &mut Shell<'_>) {
        let go = match &mut self.screen {
            OrganizerScreen::Home(s) => s.ui(ui, shell),
            OrganizerScreen::Create(s) => s.ui(ui, shell),
            OrganizerScreen::Created(s) => s.ui(ui, shell),
            OrganizerScreen::Conference(s) => s.ui(ui, shell),
        };
        if let Go::To(next) = go {
            self.screen = next;
        }
    }
}
