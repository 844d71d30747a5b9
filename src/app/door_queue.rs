//! The door's offline queue (issue 15 item 6): a door desk that lost the
//! server keeps checking people in from its last-known models, and each
//! check-in is kept here, on this machine, until the server is back.
//!
//! It is a small redb file, `door-queue.redb`, in the folder this desk
//! keeps its own files for the log ([`crate::app::LogLocation::local_dir`]),
//! with one table: check-in id → one encoded [`QueuedCheckIn`]. A
//! [`DoorQueue::push`] is committed (fsynced) before it returns, so the
//! window says "queued" only for a check-in that survives a crash or a
//! pulled plug. An upload runs each pending check-in as the command value
//! [`UserCommand::RecordOfflineCheckIn`] and marks it uploaded only after
//! the append succeeded: a crash between the two uploads it again, and its
//! id makes that a no-op in the log. Uploaded entries stay in the file
//! (small; what this door did is worth keeping for the day).
//!
//! Nothing read from the file is trusted: an entry that does not decode is
//! reported by its key with the reason, and kept — never deleted, never
//! uploaded.

use crate::app::command::Access;
use crate::app::{AppError, Desk, Outcome, UserCommand};
use crate::domain::{Message, OrderId};
use crate::store;
use chrono::{DateTime, Utc};
use redb::{Database, ReadableDatabase, ReadableTable, TableDefinition, TableError};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use uuid::Uuid;

/// The queue's file name, in the desk's local folder.
pub const QUEUE_FILE: &str = "door-queue.redb";

/// Check-in id (as a `u128`) → format byte + encoded [`QueuedCheckIn`].
const CHECK_INS: TableDefinition<u128, &[u8]> = TableDefinition::new("check_ins");

/// The layout of a stored entry; a newer one gets a new byte. 2: the
/// check-in carries `by` (issue 18 item 2).
const FORMAT: u8 = 2;
/// The first layout, without `by`: still read (a queue filled by the
/// version before, uploaded after an update), as "unknown".
const FORMAT_1: u8 = 1;

/// [`OfflineCheckIn`] as format 1 stored it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct OfflineCheckIn1 {
    id: Uuid,
    order_id: OrderId,
    order_code: String,
    position: u32,
    at: DateTime<Utc>,
    door: String,
}

/// [`QueuedCheckIn`] as format 1 stored it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct QueuedCheckIn1 {
    check_in: OfflineCheckIn1,
    state: QueueState,
}

impl From<QueuedCheckIn1> for QueuedCheckIn {
    fn from(q: QueuedCheckIn1) -> Self {
        let c = q.check_in;
        Self {
            check_in: OfflineCheckIn {
                id: c.id,
                order_id: c.order_id,
                order_code: c.order_code,
                position: c.position,
                at: c.at,
                door: c.door,
                by: crate::domain::staff_code::Actor::Unknown,
            },
            state: q.state,
        }
    }
}

/// One check-in a door made while offline, as it will be uploaded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfflineCheckIn {
    /// Unique per check-in: what makes its upload idempotent.
    pub id: Uuid,
    /// The order.
    pub order_id: OrderId,
    /// The order's code (for messages and the door's rows).
    pub order_code: String,
    /// The seat, counting from 0.
    pub position: u32,
    /// When the door let the attendee in (the desk's clock).
    pub at: DateTime<Utc>,
    /// Which door (see [`door_name`]).
    pub door: String,
    /// Whose access the door queued it with (format 2; a format-1 entry
    /// reads as unknown).
    pub by: crate::domain::staff_code::Actor,
}

/// Where a queued check-in stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum QueueState {
    /// Waiting for the server.
    Pending,
    /// In the shared log.
    Uploaded,
    /// The log refused it (the door's copy was wrong): the reason, in the
    /// words shown when it was refused. Kept, not retried.
    Refused(String),
}

/// A check-in and where it stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueuedCheckIn {
    /// The check-in.
    pub check_in: OfflineCheckIn,
    /// Pending, uploaded or refused.
    pub state: QueueState,
}

/// One entry read from the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QueueEntry {
    /// It decoded.
    Queued(QueuedCheckIn),
    /// It did not: its key and why. Kept in the file as it is.
    Unreadable {
        /// The key, as a check-in id.
        id: Uuid,
        /// What was wrong with it.
        reason: String,
    },
}

/// Why the queue file could not be used.
#[derive(Debug, thiserror::Error)]
pub enum QueueError {
    /// Opening or creating the file failed.
    #[error("the door's queue {file} could not be opened: {reason}")]
    Open {
        /// The file.
        file: PathBuf,
        /// The reason.
        reason: String,
    },
    /// Reading or writing it failed.
    #[error("the door's queue {file} could not be read or written: {reason}")]
    Io {
        /// The file.
        file: PathBuf,
        /// The reason.
        reason: String,
    },
}

impl QueueError {
    /// The error in words (its `Display` is this message's English).
    pub fn message(&self) -> Message {
        match self {
            Self::Open { file, reason } => {
                Message::new("the door's queue {file} could not be opened: {reason}")
                    .text("file", file.display().to_string())
                    .text("reason", reason.clone())
            }
            Self::Io { file, reason } => {
                Message::new("the door's queue {file} could not be read or written: {reason}")
                    .text("file", file.display().to_string())
                    .text("reason", reason.clone())
            }
        }
    }
}

/// What one [`DoorQueue::upload`] did.
#[derive(Debug, Default)]
pub struct UploadReport {
    /// Written to the log now.
    pub written: usize,
    /// Already in the log (a retry): marked uploaded, nothing written.
    pub already: usize,
    /// Refused by the log, with the reason: kept, not retried.
    pub refused: Vec<(Uuid, AppError)>,
    /// The server could not be reached: the rest stay pending.
    pub offline: Option<AppError>,
}

/// The door's queue file, open.
pub struct DoorQueue {
    db: Database,
    file: PathBuf,
}

impl std::fmt::Debug for DoorQueue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DoorQueue")
            .field("file", &self.file)
            .finish()
    }
}

impl DoorQueue {
    /// Opens (creating if missing, readable by its owner only) the queue in
    /// the folder `dir` (the desk's [`crate::app::LogLocation::local_dir`]).
    pub fn open(dir: &Path) -> Result<Self, QueueError> {
        let file = dir.join(QUEUE_FILE);
        let open_error = |reason: String| QueueError::Open {
            file: file.clone(),
            reason,
        };
        std::fs::create_dir_all(dir).map_err(|e| open_error(e.to_string()))?;
        match std::fs::symlink_metadata(&file) {
            Ok(meta) if !meta.file_type().is_file() => {
                return Err(open_error("not a regular file".into()));
            }
            Ok(_) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                store::create_private(&file).map_err(|e| open_error(e.to_string()))?;
            }
            Err(e) => return Err(open_error(e.to_string())),
        }
        let db = Database::create(&file).map_err(|e| open_error(e.to_string()))?;
        Ok(Self { db, file })
    }

    /// The file.
    pub fn file(&self) -> &Path {
        &self.file
    }

    fn io(&self, e: impl std::fmt::Display) -> QueueError {
        QueueError::Io {
            file: self.file.clone(),
            reason: e.to_string(),
        }
    }

    /// Queues `check_in` as pending; returns once it is on disk.
    pub fn push(&mut self, check_in: OfflineCheckIn) -> Result<(), QueueError> {
        let entry = QueuedCheckIn {
            check_in,
            state: QueueState::Pending,
        };
        self.write(&entry)
    }

    fn write(&mut self, entry: &QueuedCheckIn) -> Result<(), QueueError> {
        let mut bytes = vec![FORMAT];
        bytes.extend(store::encode(entry).map_err(|e| self.io(e))?);
        let tx = self.db.begin_write().map_err(|e| self.io(e))?;
        {
            let mut table = tx.open_table(CHECK_INS).map_err(|e| self.io(e))?;
            table
                .insert(entry.check_in.id.as_u128(), bytes.as_slice())
                .map_err(|e| self.io(e))?;
        }
        tx.commit().map_err(|e| self.io(e))
    }

    /// Every entry, by id (ids are v7 UUIDs: the order they were made in).
    pub fn entries(&self) -> Result<Vec<QueueEntry>, QueueError> {
        let tx = self.db.begin_read().map_err(|e| self.io(e))?;
        let table = match tx.open_table(CHECK_INS) {
            Ok(t) => t,
            Err(TableError::TableDoesNotExist(_)) => return Ok(Vec::new()),
            Err(e) => return Err(self.io(e)),
        };
        let mut out = Vec::new();
        for item in table.iter().map_err(|e| self.io(e))? {
            let (key, value) = item.map_err(|e| self.io(e))?;
            let id = Uuid::from_u128(key.value());
            out.push(decode_entry(id, value.value()));
        }
        Ok(out)
    }

    /// The check-ins still to upload, oldest first.
    pub fn pending(&self) -> Result<Vec<OfflineCheckIn>, QueueError> {
        Ok(self
            .entries()?
            .into_iter()
            .filter_map(|e| match e {
                QueueEntry::Queued(q) if q.state == QueueState::Pending => Some(q.check_in),
                _ => None,
            })
            .collect())
    }

    /// Sets the state of the check-in `id` (nothing if it is not a
    /// readable entry of this queue).
    pub fn mark(&mut self, id: Uuid, state: QueueState) -> Result<(), QueueError> {
        let found = self.entries()?.into_iter().find_map(|e| match e {
            QueueEntry::Queued(q) if q.check_in.id == id => Some(q),
            _ => None,
        });
        match found {
            Some(mut entry) => {
                entry.state = state;
                self.write(&entry)
            }
            None => Ok(()),
        }
    }

    /// Takes back a check-in not uploaded yet (the door's Undo while
    /// offline); returns whether there was one to take back.
    pub fn take_back(&mut self, id: Uuid) -> Result<bool, QueueError> {
        let pending = self.pending()?.iter().any(|c| c.id == id);
        if !pending {
            return Ok(false);
        }
        let tx = self.db.begin_write().map_err(|e| self.io(e))?;
        {
            let mut table = tx.open_table(CHECK_INS).map_err(|e| self.io(e))?;
            table.remove(id.as_u128()).map_err(|e| self.io(e))?;
        }
        tx.commit().map_err(|e| self.io(e))?;
        Ok(true)
    }

    /// Uploads up to `limit` pending check-ins through `desk` (as
    /// [`UserCommand::RecordOfflineCheckIn`] values), marking each uploaded
    /// once its append succeeded. Stops at the first sign that the server
    /// is unreachable; a refusal marks that entry refused and goes on. A
    /// failure of the queue file itself is the `Err`.
    pub fn upload(
        &mut self,
        desk: &mut Desk,
        access: &Access,
        limit: usize,
    ) -> Result<UploadReport, QueueError> {
        let mut report = UploadReport::default();
        for check_in in self.pending()?.into_iter().take(limit) {
            let id = check_in.id;
            let command = UserCommand::RecordOfflineCheckIn {
                access: access.clone(),
                check_in,
            };
            match desk.run(command) {
                Ok(outcome) => {
                    self.mark(id, QueueState::Uploaded)?;
                    match outcome {
                        Outcome::OfflineCheckInRecorded { written: false, .. } => {
                            report.already += 1;
                        }
                        _ => report.written += 1,
                    }
                }
                Err(e) if upload_can_wait(&e) => {
                    report.offline = Some(e);
                    break;
                }
                Err(e) => {
                    self.mark(id, QueueState::Refused(e.message().to_string()))?;
                    report.refused.push((id, e));
                }
            }
        }
        Ok(report)
    }
}

/// Whether an upload that failed with `e` should stay pending and be tried
/// again later: the server was unreachable, or the store failed in a way
/// nobody at the door can fix — anything but the log's refusal of the
/// check-in itself.
pub fn upload_can_wait(e: &AppError) -> bool {
    !matches!(
        e,
        AppError::Validation(_) | AppError::Conflict(_) | AppError::NotFound(_)
    )
}

fn decode_entry(id: Uuid, bytes: &[u8]) -> QueueEntry {
    let unreadable = |reason: String| QueueEntry::Unreadable { id, reason };
    match bytes.split_first() {
        Some((&FORMAT_1, rest)) => match store::decode::<QueuedCheckIn1>(rest) {
            Ok(q) if q.check_in.id == id => QueueEntry::Queued(q.into()),
            Ok(q) => unreadable(format!(
                "it is filed under {id} but names check-in {}",
                q.check_in.id
            )),
            Err(e) => unreadable(e.to_string()),
        },
        Some((&FORMAT, rest)) => match store::decode::<QueuedCheckIn>(rest) {
            Ok(q) if q.check_in.id == id => QueueEntry::Queued(q),
            Ok(q) => unreadable(format!(
                "it is filed under {id} but names check-in {}",
                q.check_in.id
            )),
            Err(e) => unreadable(e.to_string()),
        },
        Some((format, _)) => unreadable(format!(
            "format {format} is not one this confdesk reads (written by a newer one?)"
        )),
        None => unreadable("it is empty".into()),
    }
}

/// This door's name in the log: `CONFDESK_DOOR` if set, else the machine's
/// host name (`HOSTNAME` or `COMPUTERNAME` from the environment, else
/// `/etc/hostname`: a desktop session rarely exports `HOSTNAME`), else
/// "door". Trimmed, without control characters, at most 40 characters.
pub fn door_name() -> String {
    let from_env = ["CONFDESK_DOOR", "HOSTNAME", "COMPUTERNAME"]
        .iter()
        .filter_map(|k| std::env::var(k).ok());
    // A small system file; a read error just means no name from it.
    let from_file = std::fs::read_to_string("/etc/hostname").ok();
    from_env
        .chain(from_file)
        .map(|v| clean_name(&v))
        .find(|v| !v.is_empty())
        .unwrap_or_else(|| "door".to_owned())
}

fn clean_name(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_control())
        .take(40)
        .collect::<String>()
        .trim()
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_in(n: u128) -> OfflineCheckIn {
        OfflineCheckIn {
            id: Uuid::from_u128(n),
            order_id: OrderId(Uuid::from_u128(7)),
            order_code: "ABC123".into(),
            position: 0,
            at: "2026-12-01T10:02:00Z".parse().unwrap(),
            door: "door-1".into(),
            by: crate::domain::staff_code::Actor::Organizer,
        }
    }

    #[test]
    fn a_format_1_entry_still_reads_with_nobody_known() {
        let old = QueuedCheckIn1 {
            check_in: OfflineCheckIn1 {
                id: Uuid::from_u128(1),
                order_id: OrderId(Uuid::from_u128(7)),
                order_code: "ABC123".into(),
                position: 0,
                at: "2026-12-01T10:02:00Z".parse().unwrap(),
                door: "door-1".into(),
            },
            state: QueueState::Pending,
        };
        let mut bytes = vec![FORMAT_1];
        bytes.extend(store::encode(&old).unwrap());
        let QueueEntry::Queued(q) = decode_entry(Uuid::from_u128(1), &bytes) else {
            panic!("a format-1 entry must decode")
        };
        let mut expected = check_in(1);
        expected.by = crate::domain::staff_code::Actor::Unknown;
        assert_eq!(q.check_in, expected);
    }

    #[test]
    fn pushed_check_ins_are_pending_until_marked_and_can_be_taken_back() {
        let dir = tempfile::tempdir().unwrap();
        let mut q = DoorQueue::open(dir.path()).unwrap();
        q.push(check_in(1)).unwrap();
        q.push(check_in(2)).unwrap();
        assert_eq!(q.pending().unwrap(), vec![check_in(1), check_in(2)]);
        q.mark(Uuid::from_u128(1), QueueState::Uploaded).unwrap();
        assert_eq!(q.pending().unwrap(), vec![check_in(2)]);
        // An uploaded one cannot be taken back; a pending one can.
        assert!(!q.take_back(Uuid::from_u128(1)).unwrap());
        assert!(q.take_back(Uuid::from_u128(2)).unwrap());
        assert_eq!(q.pending().unwrap(), vec![]);
        assert_eq!(q.entries().unwrap().len(), 1);
    }

    #[test]
    fn an_entry_of_another_format_or_filed_under_another_id_is_unreadable() {
        let mut bytes = vec![FORMAT];
        bytes.extend(
            store::encode(&QueuedCheckIn {
                check_in: check_in(1),
                state: QueueState::Pending,
            })
            .unwrap(),
        );
        let id = Uuid::from_u128(9);
        let QueueEntry::Unreadable { reason, .. } = decode_entry(id, &bytes) else {
            panic!("a mismatched key must not decode")
        };
        assert!(reason.contains("filed under"), "{reason}");
        bytes[0] = 7;
        let QueueEntry::Unreadable { reason, .. } = decode_entry(Uuid::from_u128(1), &bytes) else {
            panic!("another format must not decode")
        };
        assert!(reason.contains("format 7"), "{reason}");
        assert!(matches!(
            decode_entry(id, &[]),
            QueueEntry::Unreadable { .. }
        ));
    }

    #[test]
    fn a_door_name_is_cleaned_and_never_empty() {
        assert_eq!(clean_name("  door-1\n"), "door-1");
        assert_eq!(clean_name(&"x".repeat(90)).len(), 40);
        assert!(!door_name().is_empty());
    }
}
