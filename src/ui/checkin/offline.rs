//! The door without the server (issue 15 item 6): while the shared log
//! cannot be reached, the door keeps checking people in from its last-known
//! models, queueing each check-in durably on this machine
//! ([`crate::app::door_queue`]) instead of sending it; a queued check-in
//! shows as checked in at once (laid over the rows read from the models);
//! when the server is back the queue is uploaded, one check-in per frame
//! (each a [`UserCommand::RecordOfflineCheckIn`] run after the frame like
//! every change), and the rows come from the log again.
//!
//! How the door knows it is offline: the window tells it
//! ([`OfflineDoor::told`], set each frame from `Shell::is_offline`, the
//! window's watcher's link), and it finds out itself when a check-in it sent failed
//! for want of the server (that check-in is queued, not lost). Found out
//! that way, it tries an upload every [`RETRY_SECS`] seconds to learn that
//! the server is back.

use crate::app::door_queue::{
    DoorQueue, OfflineCheckIn, QUEUE_FILE, QueueEntry, QueueState, door_name, upload_can_wait,
};
use crate::app::{AppError, ConferenceAccess, PurchasedSeat, SeatRef, UserCommand};
use crate::domain::Message;
use crate::ui::i18n::{say, tr};
use crate::ui::shell::{Asker, Shell};
use crate::ui::widgets::error_color;
use eframe::egui::{RichText, Ui};
use std::collections::HashMap;
use std::path::PathBuf;
use uuid::Uuid;

/// Seconds between upload tries while the door found itself offline.
pub const RETRY_SECS: f64 = 15.0;

/// What an upload's outcome meant for the door.
pub enum Uploaded {
    /// Recorded in the log (or already there).
    Done,
    /// The log refused it: the reason, for the door to show.
    Refused(String),
    /// Not now (the server is still gone, or the store failed).
    Later(AppError),
}

/// The door's offline state: the queue and what is pending in it.
#[derive(Default)]
pub struct OfflineDoor {
    /// The window says the server cannot be reached.
    pub told: bool,
    /// A check-in or an upload of this door failed for want of the server.
    found: bool,
    /// When (egui time) to try an upload again after one that could not
    /// go up (the server gone, or a store failure shown in the dialog):
    /// not every frame.
    retry_at: f64,
    /// The queue, once opened (or created by the first queued check-in).
    queue: Option<DoorQueue>,
    /// Pending check-ins by seat, read back from the queue after each change.
    pending: HashMap<SeatRef, OfflineCheckIn>,
    /// Entries that were refused or do not decode: (count, first reason).
    troubled: (usize, String),
    /// The check-in whose upload is running, if any.
    pub in_flight: Option<Uuid>,
    /// Whether the queue was looked for on disk yet.
    looked: bool,
    /// The queue's last error, to show.
    pub error: Option<String>,
}

/// The folder the queue lives in: the desk's local folder for this log.
fn queue_dir(shell: &Shell<'_>) -> PathBuf {
    shell.location.local_dir()
}

impl OfflineDoor {
    /// Whether the door works offline now.
    pub fn is_offline(&self) -> bool {
        self.told || self.found
    }

    /// The door found out the server is gone (a send failed).
    pub fn found_offline(&mut self, ui: &Ui) {
        self.found = true;
        self.retry_at = ui.input(|i| i.time) + RETRY_SECS;
    }

    /// How many check-ins wait for the server.
    pub fn pending_count(&self) -> usize {
        self.pending.len()
    }

    /// Entries refused or unreadable: how many, and the first reason.
    pub fn troubled(&self) -> (usize, &str) {
        (self.troubled.0, &self.troubled.1)
    }

    /// Opens a queue this door left on disk (a restart with check-ins
    /// still to upload). A file log's door creates nothing here.
    pub fn look_for_queue(&mut self, shell: &Shell<'_>) {
        if std::mem::replace(&mut self.looked, true) {
            return;
        }
        let dir = queue_dir(shell);
        if dir.join(QUEUE_FILE).exists() {
            self.open(dir);
        }
    }

    fn open(&mut self, dir: PathBuf) -> Option<&mut DoorQueue> {
        if self.queue.is_none() {
            match DoorQueue::open(&dir) {
                Ok(q) => self.queue = Some(q),
                Err(e) => {
                    self.error = Some(say(&e.message()));
                    return None;
                }
            }
            self.reread();
        }
        self.queue.as_mut()
    }

    /// Reads the pending entries back from the file.
    fn reread(&mut self) {
        let Some(q) = &self.queue else { return };
        match q.entries() {
            Ok(entries) => {
                self.pending.clear();
                self.troubled = (0, String::new());
                for entry in entries {
                    let trouble = match entry {
                        QueueEntry::Queued(e) => match e.state {
                            QueueState::Pending => {
                                let c = e.check_in;
                                let seat = SeatRef {
                                    order_id: c.order_id,
                                    position: c.position,
                                };
                                self.pending.entry(seat).or_insert(c);
                                continue;
                            }
                            QueueState::Uploaded => continue,
                            QueueState::Refused(why) => why,
                        },
                        QueueEntry::Unreadable { id, reason } => format!("{id}: {reason}"),
                    };
                    if self.troubled.0 == 0 {
                        self.troubled.1 = trouble;
                    }
                    self.troubled.0 += 1;
                }
            }
            Err(e) => self.error = Some(say(&e.message())),
        }
    }

    /// Queues the check-in of `seat` at the desk's now; `Ok` once it is on
    /// disk, else the reason in words.
    /// `by` is the door's access's actor, carried to the log.
    pub fn queue(
        &mut self,
        shell: &Shell<'_>,
        seat: &PurchasedSeat,
        by: crate::domain::staff_code::Actor,
    ) -> Result<(), String> {
        let check_in = OfflineCheckIn {
            id: Uuid::now_v7(),
            order_id: seat.seat.order_id,
            order_code: seat.order_code.clone(),
            position: seat.seat.position,
            at: shell.desk.now(),
            door: door_name(),
            by,
        };
        let dir = queue_dir(shell);
        let Some(q) = self.open(dir) else {
            return Err(self.error.clone().unwrap_or_default());
        };
        let pushed = q.push(check_in).map_err(|e| say(&e.message()));
        self.reread();
        pushed
    }

    /// Takes back the queued check-in of `seat`; `Ok(false)` when none is
    /// queued for it.
    pub fn take_back(&mut self, seat: SeatRef) -> Result<bool, String> {
        let (Some(q), Some(c)) = (self.queue.as_mut(), self.pending.get(&seat)) else {
            return Ok(false);
        };
        let taken = q.take_back(c.id).map_err(|e| say(&e.message()));
        self.reread();
        taken
    }

    /// Lays the queued check-ins over `seats` read from the models: a
    /// queued seat shows as checked in at its time.
    pub fn overlay(&self, seats: &mut [PurchasedSeat]) {
        for seat in seats {
            if seat.checked_in_at.is_none()
                && let Some(c) = self.pending.get(&seat.seat)
            {
                seat.checked_in_at = Some(c.at);
            }
        }
    }

    /// Whether `seat`'s check-in is queued, not yet uploaded.
    pub fn is_queued(&self, seat: SeatRef) -> bool {
        self.pending.contains_key(&seat)
    }

    /// The seats whose check-ins are queued.
    pub fn queued_seats(&self) -> Vec<SeatRef> {
        self.pending.keys().copied().collect()
    }

    /// Sends the next upload when the server is (thought to be) there,
    /// nothing else of the door's is running, and one is pending.
    pub fn upload_next(&mut self, ui: &Ui, shell: &mut Shell<'_>, access: &ConferenceAccess) {
        if self.told || self.in_flight.is_some() {
            return;
        }
        if ui.input(|i| i.time) < self.retry_at {
            return;
        }
        let Some(next) = self.pending.values().min_by_key(|c| c.id).cloned() else {
            return;
        };
        self.in_flight = Some(next.id);
        // Should this one fail, the next try waits; an answer clears it.
        self.retry_at = ui.input(|i| i.time) + RETRY_SECS;
        shell.send(
            Asker::DoorCheckIn,
            UserCommand::RecordOfflineCheckIn {
                access: access.clone(),
                check_in: next,
            },
        );
    }

    /// Takes the answer to the upload in flight.
    pub fn uploaded(&mut self, ui: &Ui, answer: Result<(), AppError>) -> Uploaded {
        let Some(id) = self.in_flight.take() else {
            return Uploaded::Done;
        };
        let (state, result) = match answer {
            Ok(()) => {
                self.found = false;
                self.retry_at = 0.0;
                (QueueState::Uploaded, Uploaded::Done)
            }
            Err(e) if upload_can_wait(&e) => {
                if matches!(&e, AppError::Store(s) if s.is_connection()) {
                    self.found_offline(ui);
                }
                return Uploaded::Later(e);
            }
            Err(e) => {
                self.retry_at = 0.0;
                let why = say(&e.message());
                (QueueState::Refused(why.clone()), Uploaded::Refused(why))
            }
        };
        if let Some(q) = self.queue.as_mut()
            && let Err(e) = q.mark(id, state)
        {
            self.error = Some(say(&e.message()));
        }
        self.reread();
        result
    }

    /// The upload in flight got no answer (its outcome was dropped): it
    /// stays pending and is sent again.
    pub fn lost_answer(&mut self) {
        self.in_flight = None;
    }
}

/// "Checked in (offline — will upload when the server is back): {seat}".
pub fn queued_verdict(seat: &str) -> String {
    say(
        &Message::new("Checked in (offline — will upload when the server is back): {seat}")
            .text("seat", seat),
    )
}

/// The door's offline line: what happens to check-ins now, how many wait
/// on this machine, and any the log refused or the file could not read.
pub fn offline_ui(ui: &mut Ui, door: &OfflineDoor) {
    let pending = door.pending_count();
    if door.is_offline() {
        ui.label(
            RichText::new(tr(
                "Offline: check-ins are kept on this machine and uploaded when the server is back.",
            ))
            .strong()
            .color(error_color(ui)),
        );
    }
    if pending > 0 {
        let text = if door.is_offline() {
            Message::new("{n} {n|check-in|check-ins} queued on this machine")
        } else {
            Message::new("Uploading {n} queued {n|check-in|check-ins}…")
        };
        ui.label(say(&text.count("n", pending)));
    }
    let (troubled, first) = door.troubled();
    if troubled > 0 {
        ui.label(
            RichText::new(say(&Message::new(
                "{n} queued {n|check-in|check-ins} could not be uploaded or read: {reason}",
            )
            .count("n", troubled)
            .text("reason", first)))
            .color(error_color(ui)),
        );
    }
    if let Some(e) = &door.error {
        ui.label(RichText::new(e.as_str()).color(error_color(ui)));
    }
}
