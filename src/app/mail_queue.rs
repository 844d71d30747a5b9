//! The outbox as a queue: which messages wait, which were sent and when,
//! what went wrong the last time — and the rule that none is sent twice.
//!
//! A message's state is the folder it is in, so it survives any crash and
//! two senders (the window in the background, `confdesk outbox send` in a
//! terminal) can't both take one:
//!
//! - `outbox/NAME.eml` — queued (the outbox writers put it there);
//! - `outbox/sending/NAME.eml` — claimed by one sender, by a rename, which
//!   only one process can win; a message still here when no sender is at
//!   work was interrupted mid-send, and may or may not have left: it is
//!   shown as such and sent again only when asked (`--resend-interrupted`);
//! - `outbox/sent/NAME.eml` — the server accepted it.
//!
//! Each try is recorded in `outbox/status/NAME.json` (tries, last error,
//! last try, sent at). Nothing here is trusted: a status file that doesn't
//! parse counts as none; a message that fails goes back to the queue for
//! the next try.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// Where a message is in its life.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MailState {
    /// Waiting to be sent (after `tries` failed tries).
    Queued,
    /// Claimed by a sender that didn't finish: it may have left.
    Interrupted,
    /// Accepted by the mail server.
    Sent,
}

/// One message of the outbox, as `outbox list` shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueuedMail {
    /// The file's name (`…eml`), which is also its id in the outbox.
    pub name: String,
    /// Where the file is now.
    pub path: PathBuf,
    /// Its state.
    pub state: MailState,
    /// Its recipient, from its `To:` header (empty if it has none).
    pub to: String,
    /// Tries, errors and the time it was sent.
    pub status: MailStatus,
}

/// The record of a message's tries.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailStatus {
    /// How many times sending was tried.
    pub tries: u32,
    /// When it was last tried.
    pub last_try: Option<DateTime<Utc>>,
    /// What the last failed try said.
    pub last_error: Option<String>,
    /// When the server accepted it.
    pub sent_at: Option<DateTime<Utc>>,
}

/// The queue in one outbox folder.
#[derive(Debug, Clone)]
pub struct MailQueue {
    dir: PathBuf,
}

impl MailQueue {
    /// The queue of the outbox folder `dir` (see
    /// [`crate::app::LogLocation::outbox_dir`]); nothing is created yet.
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        Self { dir: dir.into() }
    }

    /// Every message, queued first (oldest first: names start with their
    /// time), then interrupted, then sent.
    pub fn list(&self) -> std::io::Result<Vec<QueuedMail>> {
        let mut all = Vec::new();
        for (folder, state) in [
            (self.dir.clone(), MailState::Queued),
            (self.dir.join("sending"), MailState::Interrupted),
            (self.dir.join("sent"), MailState::Sent),
        ] {
            let mut names = eml_names(&folder)?;
            names.sort();
            for name in names {
                let path = folder.join(&name);
                let to = recipient(&path).unwrap_or_default();
                let status = self.status(&name);
                all.push(QueuedMail {
                    name,
                    path,
                    state: state.clone(),
                    to,
                    status,
                });
            }
        }
        Ok(all)
    }

    /// Claims the queued message `name` for sending: moves it into
    /// `sending/`. `Ok(None)` when another sender took it first.
    pub fn claim(&self, name: &str) -> std::io::Result<Option<PathBuf>> {
        self.claim_from(&self.dir, name)
    }

    /// Claims an interrupted message again (the person asked to resend).
    pub fn reclaim_interrupted(&self, name: &str) -> std::io::Result<Option<PathBuf>> {
        // It is already in `sending/`; it stays there, claimed by this call.
        let path = self.dir.join("sending").join(name);
        Ok(path.is_file().then_some(path))
    }

    fn claim_from(&self, from: &Path, name: &str) -> std::io::Result<Option<PathBuf>> {
        let sending = self.dir.join("sending");
        std::fs::create_dir_all(&sending)?;
        let target = sending.join(name);
        if target.exists() {
            return Ok(None);
        }
        match std::fs::rename(from.join(name), &target) {
            Ok(()) => Ok(Some(target)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// Records that the claimed message `name` was accepted at `at`: it
    /// moves to `sent/`.
    pub fn mark_sent(&self, name: &str, at: DateTime<Utc>) -> std::io::Result<()> {
        let mut status = self.status(name);
        status.tries = status.tries.saturating_add(1);
        status.last_try = Some(at);
        status.sent_at = Some(at);
        status.last_error = None;
        // The status first: if the move fails, the message is still known sent.
        self.write_status(name, &status)?;
        let sent = self.dir.join("sent");
        std::fs::create_dir_all(&sent)?;
        std::fs::rename(self.dir.join("sending").join(name), sent.join(name))
    }

    /// Records that sending the claimed message `name` failed with `error`
    /// at `at`: it goes back to the queue.
    pub fn mark_failed(&self, name: &str, error: &str, at: DateTime<Utc>) -> std::io::Result<()> {
        let mut status = self.status(name);
        status.tries = status.tries.saturating_add(1);
        status.last_try = Some(at);
        status.last_error = Some(error.to_string());
        self.write_status(name, &status)?;
        std::fs::rename(self.dir.join("sending").join(name), self.dir.join(name))
    }

    /// The record of `name`'s tries (none yet: the default).
    pub fn status(&self, name: &str) -> MailStatus {
        std::fs::read(self.status_path(name))
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default()
    }

    fn status_path(&self, name: &str) -> PathBuf {
        self.dir.join("status").join(format!("{name}.json"))
    }

    fn write_status(&self, name: &str, status: &MailStatus) -> std::io::Result<()> {
        let path = self.status_path(name);
        let dir = self.dir.join("status");
        std::fs::create_dir_all(&dir)?;
        let bytes = serde_json::to_vec_pretty(status).map_err(std::io::Error::other)?;
        let mut temp = tempfile::NamedTempFile::new_in(&dir)?;
        std::io::Write::write_all(&mut temp, &bytes)?;
        temp.as_file().sync_all()?;
        temp.persist(&path).map_err(|e| e.error)?;
        Ok(())
    }
}

/// The `.eml` files directly in `dir` (none if it doesn't exist).
fn eml_names(dir: &Path) -> std::io::Result<Vec<String>> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e),
    };
    let mut names = Vec::new();
    for entry in entries {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.ends_with(".eml") && entry.file_type()?.is_file() {
            names.push(name);
        }
    }
    Ok(names)
}

/// The address of the message's first `To:` recipient.
pub fn recipient(path: &Path) -> Option<String> {
    let bytes = std::fs::read(path).ok()?;
    header_address(&bytes, "to")
}

/// The addr-spec of header `name` in a message's header block: what is in
/// first `<…>`, else the first bare address; folded lines are joined.
pub fn header_address(message: &[u8], name: &str) -> Option<String> {
    let text = String::from_utf8_lossy(message);
    let head = text.split("\r\n\r\n").next()?.split("\n\n").next()?;
    let mut value: Option<String> = None;
    for line in head.lines() {
        let line = line.trim_end_matches('\r');
        if let Some(v) = value.as_mut() {
            if line.starts_with([' ', '\t']) {
                v.push_str(line);
                continue;
            }
            break;
        }
        if let Some((key, rest)) = line.split_once(':')
            && key.eq_ignore_ascii_case(name)
        {
            value = Some(rest.to_string());
        }
    }
    let value = value?;
    // The first `<…>` (a display name may hold commas), else the first of
    // a comma-separated list of bare addresses.
    let bracketed = value.find('<').and_then(|open| {
        value[open..]
            .find('>')
            .map(|len| &value[open + 1..open + len])
    });
    let address = bracketed.unwrap_or_else(|| value.split(',').next().unwrap_or_default());
    let address = address.trim();
    (!address.is_empty()).then(|| address.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone as _;

    fn at(minute: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, 3, 9, minute, 0).unwrap()
    }

    fn queue_with(names: &[&str]) -> (tempfile::TempDir, MailQueue) {
        let dir = tempfile::tempdir().unwrap();
        for name in names {
            std::fs::write(
                dir.path().join(name),
                "To: =?utf-8?b?6rmA66+87KSA?= <mj@example.kr>\r\nSubject: x\r\n\r\nbody",
            )
            .unwrap();
        }
        let queue = MailQueue::new(dir.path());
        (dir, queue)
    }

    #[test]
    fn a_message_is_claimed_once_and_its_life_is_its_folder() {
        let (_dir, q) = queue_with(&["a.eml"]);
        let listed = q.list().unwrap();
        assert_eq!(listed.len(), 1);
        assert_eq!(
            (listed[0].state.clone(), listed[0].to.as_str()),
            (MailState::Queued, "mj@example.kr")
        );
        assert!(q.claim("a.eml").unwrap().is_some());
        assert!(
            q.claim("a.eml").unwrap().is_none(),
            "a second sender gets nothing"
        );
        assert_eq!(q.list().unwrap()[0].state, MailState::Interrupted);
        q.mark_failed("a.eml", "server said 451", at(1)).unwrap();
        let back = &q.list().unwrap()[0];
        assert_eq!(back.state, MailState::Queued);
        assert_eq!(back.status.tries, 1);
        assert_eq!(back.status.last_error.as_deref(), Some("server said 451"));
        assert!(q.claim("a.eml").unwrap().is_some());
        q.mark_sent("a.eml", at(2)).unwrap();
        let sent = &q.list().unwrap()[0];
        assert_eq!(sent.state, MailState::Sent);
        assert_eq!((sent.status.tries, sent.status.sent_at), (2, Some(at(2))));
        assert_eq!(sent.status.last_error, None);
        assert!(
            q.claim("a.eml").unwrap().is_none(),
            "a sent message is never claimed again"
        );
    }

    #[test]
    fn a_damaged_status_file_counts_as_none() {
        let (dir, q) = queue_with(&["a.eml"]);
        std::fs::create_dir_all(dir.path().join("status")).unwrap();
        std::fs::write(dir.path().join("status/a.eml.json"), b"{not json").unwrap();
        assert_eq!(q.status("a.eml"), MailStatus::default());
    }

    #[test]
    fn the_recipient_is_read_from_a_folded_or_plain_header() {
        let folded = b"Subject: s\r\nTo: \"Kim, Min-jun\"\r\n <mj@example.kr>\r\n\r\nTo: <body@x>";
        assert_eq!(
            header_address(folded, "to").as_deref(),
            Some("mj@example.kr")
        );
        assert_eq!(
            header_address(b"TO: ana@example.com\n\nx", "to").as_deref(),
            Some("ana@example.com")
        );
        assert_eq!(
            header_address(b"Subject: s\r\n\r\nTo: a@b", "to"),
            None,
            "not from the body"
        );
    }
}
