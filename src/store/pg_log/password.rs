//! Where a desk's PostgreSQL password comes from when the connection string
//! has none: `PGPASSWORD`, then the password file libpq reads (`PGPASSFILE`,
//! else `~/.pgpass`, or `%APPDATA%\postgresql\pgpass.conf` on Windows), so
//! that a password is never typed into confdesk's settings or shown in a
//! command line. The `postgres` crate reads neither by itself.
//!
//! The file is read as libpq reads it: lines `host:port:database:user:password`,
//! `*` matching anything, `\:` and `\\` escaping, `#` lines skipped, the
//! first matching line wins; on Unix a file that others may read is ignored
//! (libpq does the same, with a warning).

use postgres::Config;
use postgres::config::Host;
use std::path::PathBuf;

/// Fills in `config`'s password from the environment or the password file
/// when it has none. Nothing is an error here: without a password the
/// server decides, and its refusal names the way to give one.
pub(super) fn fill(config: &mut Config) {
    if config.get_password().is_some() {
        return;
    }
    if let Some(password) = std::env::var_os("PGPASSWORD").filter(|p| !p.is_empty()) {
        config.password(password.to_string_lossy().as_bytes());
        return;
    }
    let Some(text) = password_file().and_then(|path| read_private(&path)) else {
        return;
    };
    let host = match config.get_hosts().first() {
        Some(Host::Tcp(name)) => name.clone(),
        // libpq matches a socket connection as "localhost".
        _ => "localhost".to_owned(),
    };
    let port = config
        .get_ports()
        .first()
        .copied()
        .unwrap_or(5432)
        .to_string();
    let user = config.get_user().unwrap_or_default().to_owned();
    let database = config.get_dbname().unwrap_or(&user).to_owned();
    if let Some(password) = lookup(&text, [&host, &port, &database, &user]) {
        config.password(password.as_bytes());
    }
}

/// The password file's path: `PGPASSFILE`, else the platform's default.
fn password_file() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("PGPASSFILE").filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(path));
    }
    if cfg!(windows) {
        let appdata = std::env::var_os("APPDATA")?;
        return Some(
            PathBuf::from(appdata)
                .join("postgresql")
                .join("pgpass.conf"),
        );
    }
    let home = std::env::var_os("HOME")?;
    Some(PathBuf::from(home).join(".pgpass"))
}

/// The file's text, if it is a regular file only its owner may read.
fn read_private(path: &std::path::Path) -> Option<String> {
    let meta = std::fs::metadata(path).ok()?;
    if !meta.is_file() {
        return None;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if meta.permissions().mode() & 0o077 != 0 {
            return None;
        }
    }
    // A password file is small; a huge one is not read whole.
    if meta.len() > 1 << 20 {
        return None;
    }
    std::fs::read_to_string(path).ok()
}

/// The password of the first line matching `wanted` (host, port, database,
/// user).
fn lookup(text: &str, wanted: [&str; 4]) -> Option<String> {
    text.lines()
        .filter(|line| !line.trim_start().starts_with('#'))
        .filter_map(fields)
        .find(|f| {
            f[..4]
                .iter()
                .zip(wanted)
                .all(|(field, want)| field == "*" || field == want)
        })
        .map(|mut f| f.swap_remove(4))
}

/// The five fields of a line, unescaped; `None` for a line with fewer.
fn fields(line: &str) -> Option<Vec<String>> {
    let mut out = vec![String::new()];
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                if let Some(next) = chars.next() {
                    out.last_mut()?.push(next);
                }
            }
            // The password is the rest of the line, colons included.
            ':' if out.len() < 5 => out.push(String::new()),
            c => out.last_mut()?.push(c),
        }
    }
    (out.len() == 5).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_matching_line_gives_the_password() {
        let text = "# venue\n\
                    192.168.1.20:5432:summit:confdesk:s3cr\\:et\n\
                    *:*:*:confdesk:fallback:with:colons\n";
        assert_eq!(
            lookup(text, ["192.168.1.20", "5432", "summit", "confdesk"]).as_deref(),
            Some("s3cr:et")
        );
        assert_eq!(
            lookup(text, ["localhost", "5432", "door", "confdesk"]).as_deref(),
            Some("fallback:with:colons")
        );
        assert_eq!(lookup(text, ["localhost", "5432", "door", "other"]), None);
        assert_eq!(
            lookup("too:few:fields", ["too", "few", "fields", "x"]),
            None
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_password_file_others_can_read_is_ignored() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("pgpass");
        std::fs::write(&path, "*:*:*:*:pw\n").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        assert_eq!(read_private(&path), None);
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
        assert_eq!(read_private(&path).as_deref(), Some("*:*:*:*:pw\n"));
    }
}
