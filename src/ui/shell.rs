//! What every screen is handed while it draws: the open desk (to read),
//! where the log is, whether a shared log's server is reachable, a way to ask for changes, and the ways to tell the user
//! something (a toast, or the dialog for errors no field can fix). It lives
//! apart from the router (`app.rs`) so the screens depend on it alone, not
//! on the window that holds them all.
//!
//! Screens never change the desk while they draw: they [`Shell::send`] a
//! [`UserCommand`] value, the window runs the frame's values after drawing
//! ([`Commands::run_queued`]), and on the next frame the screen that asked
//! takes its [`Outcome`] with [`Shell::outcome`] (the window requests that
//! frame at once). This is the egui demo app's `Command` + `run_cmd` and
//! rerun's `CommandSender`; the CLI sends the same values. Access checks
//! (opening a conference, desk mode's unlock, "find my order") count wrong
//! tries, so they are values too: the shell holds a `&Desk`, and the
//! compiler refuses any screen that would change the desk while drawing.
//!
//! While a shared log's server can't be reached, [`Shell::send`] refuses
//! every value that would write to the log (sales, the organizer's edits)
//! at once, with [`offline_refusal`], without trying the server: the screen
//! takes that refusal as it takes any other and shows it in place. The
//! door's check-ins and the access checks (counted in the desk's own file)
//! are not refused here.

use crate::app::{AppError, Desk, LogLocation, Outcome, UserCommand};
use crate::domain::Message;
use crate::ui::widgets::Toast;
use eframe::egui::Ui;

/// Everything the screens share: the open desk and the ways to tell the user things.
pub struct Shell<'a> {
    /// The open desk (the app layer), to read: changes, access checks
    /// included, go through [`Shell::send`].
    pub desk: &'a Desk,
    /// Where the log is (a file, or a shared log's URL, which may hold a
    /// password: show it with [`LogLocation::text`] only).
    pub location: &'a LogLocation,
    /// Whether the shared log's server can't be reached now (always false
    /// for a file log); see [`Shell::is_offline`].
    pub offline: bool,
    /// Toasts to show.
    pub toasts: &'a mut Vec<Toast>,
    /// A storage problem to show in a dialog.
    pub dialog: &'a mut Option<String>,
    /// Changes asked for during this frame, and the last frame's outcomes.
    pub commands: &'a mut Commands,
}

/// Which screen asked for a command: its outcome goes back there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Asker {
    /// Organizer → create a conference.
    CreateConference,
    /// Organizer → Publish / Unpublish.
    Publication,
    /// Organizer → Details → Save details.
    ConferenceDetails,
    /// Organizer → Seat types → Save (the row being edited).
    SeatTypeEdit,
    /// Organizer → Seat types → Add.
    SeatTypeAdd,
    /// Organizer → Seat types → Remove (after Yes).
    SeatTypeRemove,
    /// Registration → choose seats.
    Seats,
    /// Registration → registrant details.
    Details,
    /// Registration → payment.
    Payment,
    /// Registration → attendees: the row of this seat (0-based position).
    AttendeeRow(u32),
    /// Check-in → the door: a seat checked in.
    DoorCheckIn,
    /// Check-in → the door: a check-in taken back.
    DoorUndo,
    /// Check-in → the door: why nobody of a scanned order can come in
    /// (checking its first seat in is refused with the reason, writing nothing).
    DoorWhyNot,
    /// Organizer → Home → Open my conference.
    OpenConference,
    /// Check-in → open the door (the same form as the organizer's).
    OpenDoor,
    /// Organizer → created → Open the conference.
    OpenCreated,
    /// Desk mode → Leave desk mode → Unlock.
    Unlock,
    /// Registration → Find my order.
    FindOrder,
    /// Registration → Cancel order (confirmed in the dialog).
    CancelOrder,
    /// Organizer → Attendees → Issue missing tickets.
    IssueTickets,
    /// Organizer → Staff → Add staff code.
    StaffCodeAdd,
    /// Organizer → Staff → Revoke (after Yes).
    StaffCodeRevoke,
    /// Check-in → open the door with a staff code; Registration → sell
    /// with a desk code.
    OpenStaff,
    /// Registration → payment → discount code → Apply.
    Discount,
    /// Organizer → Discounts → Add.
    DiscountAdd,
    /// Organizer → Discounts → Revoke.
    DiscountRevoke,
    /// Organizer → Orders → the selected order: cancel or refund.
    OrderMoney,
}

/// The queue between drawing and changing: values sent during a frame,
/// run after it, and their outcomes kept for the next frame.
#[derive(Debug, Default)]
pub struct Commands {
    queued: Vec<(Asker, UserCommand)>,
    /// Refused while drawing without running (offline): handed back with
    /// the outcomes of the frame.
    refused: Vec<(Asker, AppError)>,
    outcomes: Vec<(Asker, Result<Outcome, AppError>)>,
}

impl Commands {
    /// Runs the values sent during the frame, in order, keeping each
    /// outcome for its asker; after a storage failure the rest are dropped. Outcomes of the frame before that nobody took
    /// (the screen was left meanwhile) are dropped, their storage errors
    /// shown in the dialog. Returns whether anything ran (the window then
    /// draws the next frame at once, for the screens to take their outcomes).
    pub fn run_queued(&mut self, desk: &mut Desk, dialog: &mut Option<String>) -> bool {
        for (_, stale) in self.outcomes.drain(..) {
            if let Err(e) = stale
                && is_for_dialog(&e)
            {
                *dialog = Some(crate::ui::i18n::say(&e.message()));
            }
        }
        let ran = !self.queued.is_empty() || !self.refused.is_empty();
        for (asker, e) in std::mem::take(&mut self.refused) {
            self.outcomes.push((asker, Err(e)));
        }
        for (asker, command) in std::mem::take(&mut self.queued) {
            let outcome = desk.run(command);
            // A desk that cannot write runs nothing more this frame.
            let stop = matches!(&outcome, Err(e) if is_for_dialog(e));
            self.outcomes.push((asker, outcome));
            if stop {
                break;
            }
        }
        ran
    }

    /// Queues `command` for `asker` (see [`Shell::send`]).
    pub fn send(&mut self, asker: Asker, command: UserCommand) {
        self.queued.push((asker, command));
    }

    /// The first outcome kept for `asker`, once.
    pub fn take(&mut self, asker: Asker) -> Option<Result<Outcome, AppError>> {
        let at = self.outcomes.iter().position(|(a, _)| *a == asker)?;
        Some(self.outcomes.remove(at).1)
    }

    /// Answers `asker` with `error` instead of running anything (see
    /// [`Shell::send`] while offline).
    pub fn refuse(&mut self, asker: Asker, error: AppError) {
        self.refused.push((asker, error));
    }

    /// Whether nothing is waiting to run or to be taken.
    pub fn is_idle(&self) -> bool {
        self.queued.is_empty() && self.refused.is_empty() && self.outcomes.is_empty()
    }
}

/// Whether `command` writes to the log, so that it needs the server of a
/// shared log: sales and the organizer's edits. The door's check-ins are
/// the door's to decide (it queues them offline); access checks only read
/// the log and count in the desk's own file.
pub fn needs_the_server(command: &UserCommand) -> bool {
    use UserCommand as C;
    match command {
        C::CreateConference(_)
        | C::UpdateConference { .. }
        | C::SetPublished { .. }
        | C::AddSeatType { .. }
        | C::UpdateSeatType { .. }
        | C::RemoveSeatType { .. }
        | C::PlaceOrder { .. }
        | C::UpdateOrder { .. }
        | C::CancelOrder { .. }
        | C::AssignRegistrant { .. }
        | C::Pay { .. }
        | C::AssignSeat { .. }
        | C::UnassignSeat { .. }
        | C::IssueMissingTickets { .. }
        | C::CreateStaffCode { .. }
        | C::RevokeStaffCode { .. }
        | C::Sell { .. }
        | C::AddDiscountCode { .. }
        | C::RevokeDiscountCode { .. }
        | C::PlaceDiscountedOrder { .. }
        | C::ApplyDiscount { .. }
        | C::PayWith { .. }
        | C::CancelOrderByOrganizer { .. }
        | C::RefundPayment { .. } => true,
        C::CheckIn { .. }
        | C::CheckInTicket { .. }
        | C::UndoCheckIn { .. }
        | C::RecordOfflineCheckIn { .. }
        | C::OpenConference { .. }
        | C::AuthorizeOrganizer(_)
        | C::FindOrder { .. }
        | C::OpenWithStaffCode(_) => false,
    }
}

/// The refusal of a change while the shared log's server can't be reached.
pub fn offline_refusal() -> AppError {
    AppError::Conflict(Message::new(
        "The shared log's server can't be reached, so nothing can be sold or changed now; this desk tries again by itself",
    ))
}

/// Errors nobody can fix by editing a field (storage, I/O, a bug).
fn is_for_dialog(e: &AppError) -> bool {
    matches!(
        e,
        AppError::Store(_)
            | AppError::AccessFile { .. }
            | AppError::Io { .. }
            | AppError::Encode(_)
            | AppError::Decode { .. }
            | AppError::Internal(_)
    )
}

impl Shell<'_> {
    /// Asks for `command` to run after this frame; `asker` takes its
    /// outcome on the next frame with [`Shell::outcome`]. While offline a
    /// command that writes to the log ([`needs_the_server`]) is not run:
    /// its outcome is [`offline_refusal`].
    pub fn send(&mut self, asker: Asker, command: UserCommand) {
        if self.offline && needs_the_server(&command) {
            self.commands.refuse(asker, offline_refusal());
        } else {
            self.commands.send(asker, command);
        }
    }

    /// Whether the shared log's server can't be reached now: the desk
    /// shows what it had, and nothing written to the log can succeed until
    /// it is back (never true for a file log). The door reads this to
    /// queue its check-ins instead of sending them.
    pub fn is_offline(&self) -> bool {
        self.offline
    }

    /// The outcome of what `asker` sent during the last frame, once. The
    /// screen usually shows something else then (a result, another step),
    /// so one more frame is requested.
    pub fn outcome(&mut self, ui: &Ui, asker: Asker) -> Option<Result<Outcome, AppError>> {
        let outcome = self.commands.take(asker)?;
        ui.ctx().request_repaint();
        Some(outcome)
    }

    /// Shows a toast for four seconds.
    pub fn toast(&mut self, ui: &Ui, text: impl Into<String>) {
        let until = ui.input(|i| i.time) + 4.0;
        self.toasts.push(Toast {
            text: text.into(),
            until,
        });
    }

    /// Routes an error nobody can fix by editing a field (storage, I/O) to
    /// the dialog; returns the others for the screen to show in place.
    pub fn triage(&mut self, e: AppError) -> Option<AppError> {
        if is_for_dialog(&e) {
            *self.dialog = Some(crate::ui::i18n::say(&e.message()));
            None
        } else {
            Some(e)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::{ManualClock, OrganizerKey};
    use crate::domain::events::ConferenceInfo;

    fn input() -> ConferenceInfo {
        ConferenceInfo {
            name: "Queue Summit".into(),
            description: String::new(),
            slug: "queue".into(),
            start: "2026-12-01".parse().unwrap(),
            end: "2026-12-02".parse().unwrap(),
            owner_name: "Ana".into(),
            owner_email: "ana@example.com".into(),
            currency: crate::domain::Currency::EUR,
        }
    }

    #[test]
    fn while_offline_writes_are_refused_without_running_and_access_checks_run() {
        let dir = tempfile::tempdir().unwrap();
        let clock = ManualClock::new("2026-11-25T09:00:00Z".parse().unwrap());
        let path = dir.path().join("o.redb");
        let mut desk = Desk::open_for_test(&path, &clock);
        let location = LogLocation::File(path);
        let (mut toasts, mut dialog, mut commands) = (Vec::new(), None, Commands::default());
        let mut shell = Shell {
            desk: &desk,
            location: &location,
            offline: true,
            toasts: &mut toasts,
            dialog: &mut dialog,
            commands: &mut commands,
        };
        assert!(shell.is_offline());
        shell.send(
            Asker::CreateConference,
            UserCommand::CreateConference(input()),
        );
        let find = UserCommand::FindOrder {
            email: "a@example.com".into(),
            order_code: "ABCDEF".into(),
        };
        shell.send(Asker::FindOrder, find);
        assert!(commands.run_queued(&mut desk, &mut dialog));
        let Some(Err(refused)) = commands.take(Asker::CreateConference) else {
            panic!("the create is refused");
        };
        assert_eq!(refused.to_string(), offline_refusal().to_string());
        assert_eq!(desk.stats().events, 0, "nothing was tried");
        assert!(
            matches!(
                commands.take(Asker::FindOrder),
                Some(Err(AppError::NotFound(_)))
            ),
            "a look-up still runs"
        );
        assert_eq!(dialog, None);
    }

    #[test]
    fn values_run_after_the_frame_and_each_outcome_goes_back_once() {
        let dir = tempfile::tempdir().unwrap();
        let clock = ManualClock::new("2026-11-25T09:00:00Z".parse().unwrap());
        let mut desk = Desk::open_for_test(&dir.path().join("q.redb"), &clock);
        let mut commands = Commands::default();
        let mut dialog = None;
        // Sent while drawing: nothing happens yet.
        commands.send(
            Asker::CreateConference,
            UserCommand::CreateConference(input()),
        );
        assert_eq!(desk.stats().events, 0);
        assert!(commands.take(Asker::CreateConference).is_none());
        // After the frame: run, outcome kept for the asker only, once.
        assert!(commands.run_queued(&mut desk, &mut dialog));
        assert_eq!(desk.stats().events, 1);
        assert!(commands.take(Asker::Publication).is_none());
        let Some(Ok(Outcome::ConferenceCreated { access_code, .. })) =
            commands.take(Asker::CreateConference)
        else {
            panic!("the create's outcome");
        };
        assert!(commands.take(Asker::CreateConference).is_none());
        // A refusal comes back as the error, in order with the others.
        let key = OrganizerKey {
            slug: "queue".into(),
            email: "ana@example.com".into(),
            access_code,
        };
        commands.send(
            Asker::CreateConference,
            UserCommand::CreateConference(input()),
        );
        let publish = UserCommand::SetPublished {
            access: desk.authorize_organizer(&key).unwrap(),
            published: true,
        };
        commands.send(Asker::Publication, publish);
        assert!(commands.run_queued(&mut desk, &mut dialog));
        assert!(matches!(
            commands.take(Asker::CreateConference),
            Some(Err(AppError::Validation(_)))
        ));
        // An outcome nobody takes is dropped after the next frame.
        assert!(!commands.run_queued(&mut desk, &mut dialog));
        assert!(commands.is_idle());
        assert!(
            desk.read_models()
                .conferences
                .by_slug("queue")
                .unwrap()
                .published
        );
        assert_eq!(dialog, None);
    }
}
