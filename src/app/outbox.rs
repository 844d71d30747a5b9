//! The outbox: the laptop is offline, so mail to an organizer (their access
//! code) is written as an `.eml` file into the log's outbox folder
//! ([`crate::app::LogLocation::outbox_dir`]: `outbox/` beside a log file, or
//! the desk's own folder for a shared log), to be sent later from any mail
//! program. A mail holds an access code, so it is created 0600, and it is
//! written through [`write_output`], which never replaces the log or its
//! sidecars whatever the names.

use crate::app::AppError;
use crate::app::output_file::{Protected, write_output};
use crate::app::projections::ConferenceView;
use crate::domain::Field;
use chrono::{DateTime, Utc};
use std::path::{Path, PathBuf};

/// Writes the "your access code" mail for a new conference into the
/// folder `outbox` (created if missing), never over what `protected`
/// guards (the open log file and its sidecars; nothing for a shared log);
/// returns its path.
pub fn write_access_code_mail(
    outbox: &Path,
    protected: &Protected,
    conference: &ConferenceView,
    access_code: &str,
    now: DateTime<Utc>,
) -> Result<PathBuf, AppError> {
    let dir = outbox;
    let path = dir.join(format!(
        "{}-access-code-{}.eml",
        conference.info.slug,
        now.format("%Y%m%dT%H%M%SZ")
    ));
    let info = &conference.info;
    let body = format!(
        "Hello {owner},\r\n\r\nyour conference \"{name}\" ({start} to {end}) is set up on the confdesk registration desk.\r\n\r\n\
         To open it later, use\r\n  slug:        {slug}\r\n  e-mail:      {email}\r\n  access code: {code}\r\n\r\n\
         Keep the access code private: with your e-mail it opens the orders and attendee lists.\r\n\r\n-- confdesk\r\n",
        owner = info.owner_name,
        name = info.name,
        start = info.start,
        end = info.end,
        slug = info.slug,
        email = info.owner_email,
        code = access_code,
    );
    let mail = format!(
        "To: {to}\r\nFrom: confdesk <confdesk@localhost>\r\nSubject: =?UTF-8?B?{subject}?=\r\nDate: {date}\r\n\
         MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n{body}",
        to = info.owner_email,
        subject = base64(format!("Your access code for {}", info.name).as_bytes()),
        date = now.to_rfc2822(),
    );
    let fail = |e: std::io::Error| AppError::Io {
        path: path.clone(),
        detail: e.to_string(),
    };
    std::fs::create_dir_all(dir).map_err(fail)?;
    write_output(&Field::OutboxMail, &path, protected, mail.as_bytes())?;
    Ok(path)
}

/// Standard base64 (RFC 4648), for the encoded-word subject.
fn base64(bytes: &[u8]) -> String {
    const T: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(T[((n >> (18 - 6 * i)) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_rfc_4648_vectors() {
        for (i, o) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64(i.as_bytes()), o);
        }
    }
}
