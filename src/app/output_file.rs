//! Writing the files a user names (the attendee CSV, a QR PNG) and the files
//! the desk keeps for the user (settings, outbox mails) without ever
//! replacing the event log.
//!
//! A save is a temp file plus a rename, and a rename replaces whatever has
//! the target's name: the open log, its sidecars, a device node, a FIFO, the
//! symlink itself. One mistyped `--out` once destroyed a log that way. So
//! every such write goes through [`write_output`], which first looks at the
//! target without opening it and refuses, naming the field and the rule,
//!
//! - the open log and the files it keeps beside it ([`Protected`]), compared
//!   by device and inode for files that exist (so any spelling, a symlink or
//!   a hard link is caught) and by real folder and name for those that don't;
//! - anything that is not a regular file (a folder, a FIFO, a device, a socket);
//! - a file starting with redb's magic bytes (another confdesk log);
//! - a symlink that leads nowhere.
//!
//! A symlink to an ordinary file is written *through*: the temp file goes in
//! the target's folder and is renamed over the target, so the link stays a
//! link. The target is checked again right before the rename. Temp files are
//! created 0600 (they hold personal data) and recorded in the log's temp
//! registry (see [`crate::app::temp_registry`]) so that the next start can
//! remove one a killed process left behind.

use crate::app::AppError;
use crate::app::temp_registry::TempFile;
use crate::domain::{Field, Message};
use crate::store::FileKind;
use std::fs::{self, Metadata};
use std::io::Read as _;
use std::path::{Path, PathBuf};

/// The files the desk keeps beside a log (`<log>.<suffix>`): the writer's
/// pid, the access lockouts, the copy taken before a repair, and the temp
/// registry. Any other `<log>.…` name in the log's folder is protected too,
/// so a sidecar added later is covered without being listed here.
pub const SIDECAR_SUFFIXES: [&str; 4] = ["pid", "access.json", "pre-repair", "tmp-registry"];

/// What no output may replace: an open log and its sidecars.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Protected {
    log: Option<PathBuf>,
}

impl Protected {
    /// The log at `log` (as it was given to open it) and its sidecars.
    pub fn for_log(log: &Path) -> Self {
        Self {
            log: Some(log.to_path_buf()),
        }
    }

    /// No open log: only the rules about the target itself apply.
    pub fn none() -> Self {
        Self::default()
    }

    /// The protected log's path, if any.
    pub fn log(&self) -> Option<&Path> {
        self.log.as_deref()
    }

    /// The log and its known sidecars, as paths.
    fn files(&self) -> Vec<PathBuf> {
        let Some(log) = &self.log else {
            return Vec::new();
        };
        let mut files = vec![log.clone()];
        files.extend(SIDECAR_SUFFIXES.iter().map(|s| sidecar(log, s)));
        files
    }

    /// Why `target` (resolved, `meta` if it exists) is protected, if it is.
    fn refusal(&self, target: &Path, meta: Option<&Metadata>) -> Option<Rule> {
        let log = self.log.as_deref()?;
        if let Some(meta) = meta {
            let id = FileId::of(target, meta);
            for file in self.files() {
                let same = fs::metadata(&file).is_ok_and(|m| FileId::of(&file, &m) == id);
                if same {
                    return Some(if file == log {
                        Rule::TheLog
                    } else {
                        Rule::Sidecar
                    });
                }
            }
        }
        let (Some(dir), Some(name)) = (real_parent(target), target.file_name()) else {
            return None;
        };
        let (Some(log_dir), Some(log_name)) = (real_parent(log), log.file_name()) else {
            return None;
        };
        if dir != log_dir {
            return None;
        }
        if name == log_name {
            return Some(Rule::TheLog);
        }
        let mut prefix = log_name.to_os_string();
        prefix.push(".");
        name.as_encoded_bytes()
            .starts_with(prefix.as_encoded_bytes())
            .then_some(Rule::Sidecar)
    }
}

/// `<path>.<suffix>`, the store's naming of a sidecar.
fn sidecar(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".");
    name.push(suffix);
    PathBuf::from(name)
}

/// The real (canonical) folder holding `path`; `.` for a bare name.
fn real_parent(path: &Path) -> Option<PathBuf> {
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    fs::canonicalize(parent).ok()
}

/// A file's identity: device and inode where the platform has them.
#[derive(Debug, Clone, PartialEq, Eq)]
enum FileId {
    #[cfg(unix)]
    Inode(u64, u64),
    #[cfg(not(unix))]
    Path(Option<PathBuf>),
}

impl FileId {
    #[cfg(unix)]
    fn of(_path: &Path, meta: &Metadata) -> Self {
        use std::os::unix::fs::MetadataExt as _;
        Self::Inode(meta.dev(), meta.ino())
    }

    #[cfg(not(unix))]
    fn of(path: &Path, _meta: &Metadata) -> Self {
        Self::Path(fs::canonicalize(path).ok())
    }
}

/// A rule a target broke.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Rule {
    TheLog,
    Sidecar,
    ALog,
    Dangling,
    NotRegular(FileKind),
}

impl Rule {
    /// The rule as the user reads it, quoting the target as they typed it.
    fn text(self, target: &Path) -> Message {
        let m = match self {
            Self::TheLog => Message::new("'{file}' is the open event log: choose another name"),
            Self::Sidecar => Message::new(
                "'{file}' is a name reserved for the open event log's own files: choose another name",
            ),
            Self::ALog => {
                Message::new("'{file}' is an event log (a database file): choose another name")
            }
            Self::Dangling => Message::new("'{file}' is a link to a missing file"),
            Self::NotRegular(FileKind::Folder) => {
                Message::new("'{file}' is not a regular file (a folder)")
            }
            Self::NotRegular(FileKind::Fifo) => {
                Message::new("'{file}' is not a regular file (a FIFO)")
            }
            Self::NotRegular(FileKind::Device) => {
                Message::new("'{file}' is not a regular file (a device)")
            }
            Self::NotRegular(FileKind::Socket) => {
                Message::new("'{file}' is not a regular file (a socket)")
            }
            Self::NotRegular(FileKind::Symlink | FileKind::Other) => {
                Message::new("'{file}' is not a regular file")
            }
        };
        m.text("file", target.display().to_string())
    }

    /// The rule for a file type that is not a regular file.
    fn for_type(meta: &Metadata) -> Option<Self> {
        FileKind::of(meta).map(Self::NotRegular)
    }
}

/// A target that passed the checks: where to rename to, and what is there now.
#[derive(Debug)]
struct Checked {
    /// The final file (a symlink's target, else the target as given).
    path: PathBuf,
    /// The identity of the file there now, if one exists.
    id: Option<FileId>,
}

/// Looks at `target` without opening anything but a regular file.
fn check(field: &Field, target: &Path, protected: &Protected) -> Result<Checked, AppError> {
    if target.as_os_str().is_empty() {
        return Err(AppError::field(field.clone(), Message::new("is required")));
    }
    let refuse = |rule: Rule| AppError::field(field.clone(), rule.text(target));
    let io = |e: std::io::Error| AppError::Io {
        path: target.to_path_buf(),
        detail: e.to_string(),
    };
    let (path, meta) = match fs::symlink_metadata(target) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => (target.to_path_buf(), None),
        Err(e) => return Err(io(e)),
        Ok(m) if m.file_type().is_symlink() => match fs::canonicalize(target) {
            Ok(real) => {
                let meta = fs::metadata(&real).map_err(io)?;
                (real, Some(meta))
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(refuse(Rule::Dangling));
            }
            Err(e) => return Err(io(e)),
        },
        Ok(m) => (target.to_path_buf(), Some(m)),
    };
    if let Some(rule) = meta.as_ref().and_then(Rule::for_type) {
        return Err(refuse(rule));
    }
    if let Some(rule) = protected.refusal(&path, meta.as_ref()) {
        return Err(refuse(rule));
    }
    let id = meta.as_ref().map(|m| FileId::of(&path, m));
    if let Some(id) = &id
        && starts_like_a_log(&path, id).map_err(io)?
    {
        return Err(refuse(Rule::ALog));
    }
    Ok(Checked { path, id })
}

/// Whether the regular file at `path` (known as `id`) starts with redb's
/// magic bytes. The handle is checked to be that file before reading, so a
/// file swapped in since the look is not read as if it were.
fn starts_like_a_log(path: &Path, id: &FileId) -> std::io::Result<bool> {
    let mut file = fs::File::open(path)?;
    if FileId::of(path, &file.metadata()?) != *id {
        return Err(std::io::Error::other(
            "the file changed while it was checked",
        ));
    }
    let mut head = Vec::with_capacity(crate::store::REDB_MAGIC.len());
    let magic_len = crate::store::REDB_MAGIC.len() as u64;
    (&mut file).take(magic_len).read_to_end(&mut head)?;
    Ok(head == crate::store::REDB_MAGIC)
}

/// Refuses `target` as [`write_output`] would, without writing anything:
/// a command checks its output first, so a refused name costs no work and
/// changes nothing (not even the access file's count of wrong codes).
pub fn check_output(field: &Field, target: &Path, protected: &Protected) -> Result<(), AppError> {
    check(field, target, protected).map(|_| ())
}

/// Writes `bytes` to `target` whole or not at all, refusing a target that is
/// the protected log or one of its sidecars, is not a regular file, is a
/// database file or a dangling link (a [`AppError::Validation`] on `field`,
/// nothing touched). A symlink is written through; the folder must exist.
pub fn write_output(
    field: &Field,
    target: &Path,
    protected: &Protected,
    bytes: &[u8],
) -> Result<(), AppError> {
    let first = check(field, target, protected)?;
    let io = |e: std::io::Error| AppError::Io {
        path: target.to_path_buf(),
        detail: e.to_string(),
    };
    let dir = match first.path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let temp = TempFile::create(&dir, protected.log()).map_err(io)?;
    temp.write(bytes).map_err(io)?;
    // The target may have changed while the bytes were written: look again.
    let again = check(field, target, protected)?;
    if again.path != first.path || again.id != first.id {
        return Err(io(std::io::Error::other(
            "the file changed while it was being written; nothing was replaced",
        )));
    }
    temp.rename_to(&again.path).map_err(io)?;
    if let Ok(d) = fs::File::open(&dir) {
        let _ = d.sync_all(); // best effort: not every platform can sync a folder
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn log_in(dir: &Path) -> PathBuf {
        let log = dir.join("e.redb");
        let mut bytes = crate::store::REDB_MAGIC.to_vec();
        bytes.extend_from_slice(b"rest of a log");
        fs::write(&log, bytes).unwrap();
        log
    }

    #[test]
    fn the_log_its_sidecars_and_a_database_are_refused_by_any_name() {
        let dir = tempfile::tempdir().unwrap();
        let log = log_in(dir.path());
        let protected = Protected::for_log(&log);
        fs::write(sidecar(&log, "access.json"), b"{}").unwrap();
        let other = dir.path().join("other.redb");
        fs::copy(&log, &other).unwrap();
        let cases = [
            (log.clone(), "is the open event log"),
            (dir.path().join(".").join("e.redb"), "is the open event log"),
            (
                sidecar(&log, "access.json"),
                "reserved for the open event log",
            ),
            (sidecar(&log, "pid"), "reserved for the open event log"),
            (
                sidecar(&log, "pre-repair"),
                "reserved for the open event log",
            ),
            (
                sidecar(&log, "something-new"),
                "reserved for the open event log",
            ),
            (other.clone(), "is an event log"),
            (dir.path().to_path_buf(), "(a folder)"),
            (PathBuf::new(), "file: is required"),
        ];
        for (target, rule) in &cases {
            let before = fs::read(target).ok();
            let e = write_output(&Field::File, target, &protected, b"x").unwrap_err();
            assert!(
                matches!(&e, AppError::Validation(_)) && e.to_string().contains(rule),
                "{}: {e}",
                target.display()
            );
            assert_eq!(
                fs::read(target).ok(),
                before,
                "{} untouched",
                target.display()
            );
        }
        let names: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 3, "no temp file left: {names:?}");
    }

    #[test]
    fn an_ordinary_file_is_written_whole_and_private() {
        let dir = tempfile::tempdir().unwrap();
        let log = log_in(dir.path());
        let target = dir.path().join("a.csv");
        fs::write(&target, b"old").unwrap();
        write_output(&Field::File, &target, &Protected::for_log(&log), b"new").unwrap();
        assert_eq!(fs::read(&target).unwrap(), b"new");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            let mode = fs::metadata(&target).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        let registry = sidecar(&log, "tmp-registry");
        assert_eq!(fs::read_dir(registry).unwrap().count(), 0, "record removed");
    }
}
