//! The plain file-system side of opening a log, kept apart from redb: what
//! kind of thing a path names (checked before anything opens it, so a named
//! pipe never blocks an open), new files created private (0600) from the
//! start, an existing log's permissions tightened, and the free space a
//! repair's safety copy needs.
//!
//! Why 0600: the log holds access codes, names and e-mail addresses. The
//! mode is given when the file is created, not set afterwards, so there is
//! no moment when another user could open it.

use std::fs::{self, Metadata};
use std::io::ErrorKind;
use std::path::Path;

pub(super) use crate::store::create_private;
use crate::store::{FileKind, StoreError};

/// What exists at `path`, following a symbolic link to what it points to
/// without opening anything: `None` when nothing is there, else the file's
/// length. Anything but a regular file is refused with
/// [`StoreError::NotAFile`].
pub(super) fn existing_len(path: &Path) -> Result<Option<u64>, StoreError> {
    let meta = match fs::metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == ErrorKind::NotFound => return Ok(None),
        Err(e) => {
            return Err(StoreError::Io {
                path: path.to_path_buf(),
                source: e,
            });
        }
    };
    match kind_of(&meta) {
        None => Ok(Some(meta.len())),
        Some(kind) => Err(StoreError::NotAFile {
            path: path.to_path_buf(),
            kind: kind.message(),
        }),
    }
}

/// What a non-regular file is; `None` for a regular file.
pub(super) fn kind_of(meta: &Metadata) -> Option<FileKind> {
    FileKind::of(meta)
}

/// Takes the group's and others' permissions off an existing log. A failure
/// (a read-only file system, a file of another user) is no reason to refuse
/// the open, so it is ignored.
pub(super) fn tighten(path: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let Ok(meta) = fs::metadata(path) else {
            return;
        };
        let mode = meta.permissions().mode() & 0o7777;
        if mode & 0o077 != 0 {
            let _ = fs::set_permissions(path, fs::Permissions::from_mode(mode & !0o077));
        }
    }
    #[cfg(not(unix))]
    let _ = path;
}

/// Bytes this user may still write on the file system of the folder `dir`;
/// `None` where this cannot be told.
pub(super) fn free_space(dir: &Path) -> Option<u64> {
    #[cfg(unix)]
    {
        let stats = rustix::fs::statvfs(dir).ok()?;
        Some(stats.f_bavail.saturating_mul(stats.f_frsize))
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        None
    }
}

/// Refuses a safety copy of `needed` bytes of the log at `path` when only
/// `free` bytes are free.
pub(super) fn check_space(path: &Path, needed: u64, free: u64) -> Result<(), StoreError> {
    if needed > free {
        return Err(StoreError::NoSpace {
            path: path.to_path_buf(),
            needed,
            free,
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn space_is_enough_up_to_the_last_byte() {
        let path = Path::new("a.redb");
        assert!(check_space(path, 0, 0).is_ok());
        assert!(check_space(path, 73_000_000, 73_000_000).is_ok());
        assert!(check_space(path, 1, u64::MAX).is_ok());
        let refused = check_space(path, 73_000_000, 72_999_999).unwrap_err();
        assert!(matches!(
            refused,
            StoreError::NoSpace {
                needed: 73_000_000,
                free: 72_999_999,
                ..
            }
        ));
        assert!(check_space(path, 1, 0).is_err());
    }

    #[test]
    fn the_refusal_says_how_much_is_needed_and_free() {
        let error = check_space(Path::new("a.redb"), 72_400_000, 12_900_000).unwrap_err();
        assert_eq!(
            error.to_string(),
            "repairing a.redb needs 73 MB free beside the log for its safety copy, \
             but only 12 MB is free; nothing was written"
        );
        let small = check_space(Path::new("a.redb"), 73_728, 40_960).unwrap_err();
        assert!(small.to_string().contains("needs 74 kB"), "{small}");
        assert!(small.to_string().contains("only 40 kB is free"), "{small}");
    }

    #[test]
    fn odd_files_are_named_and_a_missing_one_is_none() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(existing_len(&dir.path().join("none")).unwrap(), None);
        let file = dir.path().join("file");
        fs::write(&file, b"abc").unwrap();
        assert_eq!(existing_len(&file).unwrap(), Some(3));
        let error = existing_len(dir.path()).unwrap_err();
        assert!(
            error
                .to_string()
                .contains("is a folder, not a regular file")
        );
    }

    #[cfg(unix)]
    #[test]
    fn private_files_are_0600_and_never_replace_anything() {
        use std::os::unix::fs::PermissionsExt as _;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("new");
        drop(create_private(&path).unwrap());
        let mode = fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
        let target = dir.path().join("target");
        fs::write(&target, b"keep").unwrap();
        let link = dir.path().join("link");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        assert_eq!(
            create_private(&link).unwrap_err().kind(),
            ErrorKind::AlreadyExists
        );
        assert_eq!(fs::read(&target).unwrap(), b"keep");
    }

    #[cfg(unix)]
    #[test]
    fn tighten_keeps_the_owner_bits() {
        use std::os::unix::fs::PermissionsExt as _;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("log");
        fs::write(&path, b"x").unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o755)).unwrap();
        tighten(&path);
        let mode = fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o700);
        // Missing files and failures are ignored.
        tighten(&dir.path().join("none"));
    }
}
