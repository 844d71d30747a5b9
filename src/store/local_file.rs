//! The desk's own files on this machine, as every layer that writes one
//! needs them: created readable by their owner only (the log and what lies
//! beside it hold access codes, names and e-mails), and told apart from
//! what is not a regular file (a FIFO would block an open forever; a
//! rename over a device or a link would replace it).

use crate::domain::Message;
use std::fs::{File, Metadata, OpenOptions};
use std::io;
use std::path::Path;

/// Open options that create files with mode 0600 on Unix; callers add
/// read/write/create flags.
pub fn private_options() -> OpenOptions {
    let mut options = OpenOptions::new();
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.mode(0o600);
    }
    options
}

/// Creates a new file at `path` that only its owner may read or write.
/// Fails if anything is there already, a symbolic link included, so it
/// never writes through one.
pub fn create_private(path: &Path) -> io::Result<File> {
    private_options().write(true).create_new(true).open(path)
}

/// What a path that is not a regular file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// A directory.
    Folder,
    /// A named pipe.
    Fifo,
    /// A socket.
    Socket,
    /// A block or character device.
    Device,
    /// A symbolic link (only from `symlink_metadata`).
    Symlink,
    /// Anything else the platform has.
    Other,
}

impl FileKind {
    /// The kind of `meta`'s file; `None` for a regular file.
    pub fn of(meta: &Metadata) -> Option<Self> {
        let file_type = meta.file_type();
        if file_type.is_file() {
            return None;
        }
        if file_type.is_dir() {
            return Some(Self::Folder);
        }
        #[cfg(unix)]
        {
            use std::os::unix::fs::FileTypeExt as _;
            if file_type.is_fifo() {
                return Some(Self::Fifo);
            }
            if file_type.is_socket() {
                return Some(Self::Socket);
            }
            if file_type.is_block_device() || file_type.is_char_device() {
                return Some(Self::Device);
            }
        }
        if file_type.is_symlink() {
            return Some(Self::Symlink);
        }
        Some(Self::Other)
    }

    /// The kind as the store's messages say it (a typed message, so the
    /// window says it in its own language).
    pub fn message(self) -> Message {
        match self {
            Self::Folder => Message::new("a folder"),
            Self::Fifo => Message::new("a named pipe (FIFO)"),
            Self::Socket => Message::new("a socket"),
            Self::Device => Message::new("a device"),
            Self::Symlink => Message::new("a symbolic link"),
            Self::Other => Message::new("something other than a file"),
        }
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    // Creation (0600, never through a link) is tested where the log uses
    // it: `redb_log::files`.
    #[test]
    fn kinds_are_told_apart() {
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join("f");
        create_private(&file).expect("create");
        assert_eq!(FileKind::of(&std::fs::metadata(&file).expect("meta")), None);
        let folder = std::fs::metadata(dir.path()).expect("meta");
        assert_eq!(FileKind::of(&folder), Some(FileKind::Folder));
        let null = std::fs::metadata("/dev/null").expect("meta");
        assert_eq!(FileKind::of(&null), Some(FileKind::Device));
        std::os::unix::fs::symlink(&file, dir.path().join("l")).expect("link");
        let link = std::fs::symlink_metadata(dir.path().join("l")).expect("meta");
        assert_eq!(FileKind::of(&link), Some(FileKind::Symlink));
    }
}
