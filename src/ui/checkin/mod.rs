//! The door staff's Check-in workspace: open a conference with its owner
//! e-mail and access code (the organizer's lock-out rules apply), then scan
//! or search and check attendees in, one seat per press. Screens read the
//! app layer and send it command values (run after the frame: see
//! `ui::shell`); this file routes between the two.

mod door;
mod offline;
mod open;
mod seats;

pub use door::{DoorScreen, DoorVerdict, Listing};
pub use open::OpenScreen;
pub use seats::checked_in_twice_text;

use crate::ui::shell::Shell;
use eframe::egui::Ui;

/// Which check-in screen is showing.
pub enum CheckInScreen {
    /// E-mail and access code.
    Open(OpenScreen),
    /// Scan, search and check in.
    Door(Box<DoorScreen>),
}

/// The check-in workspace's state.
pub struct CheckInWorkspace {
    /// The current screen.
    pub screen: CheckInScreen,
}

impl Default for CheckInWorkspace {
    fn default() -> Self {
        Self {
            screen: CheckInScreen::Open(OpenScreen::default()),
        }
    }
}

/// Where a screen wants to go next: stay, or another check-in screen.
pub type Go = crate::ui::nav::Go<CheckInScreen>;

impl CheckInWorkspace {
    /// Draws the current screen and follows its navigation.
    pub fn ui(&mut self, ui: &mut Ui, shell: &mut Shell<'_>) {
        let go = match &mut self.screen {
            CheckInScreen::Open(s) => s.ui(ui, shell),
            CheckInScreen::Door(s) => s.ui(ui, shell),
        };
        if let Go::To(next) = go {
            self.screen = next;
        }
    }
}
