//! Sending the outbox through a mail server (lettre's SMTP client, TLS by
//! rustls): where the server is, who the mail is from, and one pass over
//! the queue ([`send_queue`]) that sends each queued message at most once.
//!
//! The server is `CONFDESK_SMTP`: `smtp://[user@]host[:port]` (port 587 by
//! default; STARTTLS whenever the server offers it) or
//! `smtps://[user@]host[:port]` (TLS from the first byte, port 465). The
//! password is `CONFDESK_SMTP_PASSWORD` or asked for by the caller; it is
//! never part of the URL, the log or any settings file, so a URL with one
//! is refused. The From address is `CONFDESK_SMTP_FROM`.

use crate::app::AppError;
use crate::app::mail_queue::{MailQueue, MailState, header_address};
use crate::domain::{Field, Message};
use chrono::{DateTime, Utc};
use lettre::address::{Address, Envelope};
use lettre::message::Mailbox;
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Tls, TlsParameters};
use lettre::{SmtpTransport, Transport as _};
use std::time::Duration;

/// The server's URL.
pub const SMTP_VAR: &str = "CONFDESK_SMTP";
/// The server's password for the URL's user.
pub const SMTP_PASSWORD_VAR: &str = "CONFDESK_SMTP_PASSWORD";
/// The From address of every message sent.
pub const SMTP_FROM_VAR: &str = "CONFDESK_SMTP_FROM";

/// How long one server conversation may stall before it counts as failed.
const TIMEOUT: Duration = Duration::from_secs(15);

/// A mail server, parsed and checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SmtpConfig {
    /// The host name or address.
    pub host: String,
    /// The port.
    pub port: u16,
    /// TLS from the start (`smtps://`), else STARTTLS when offered.
    pub implicit_tls: bool,
    /// The user to log in as, if any.
    pub user: Option<String>,
    /// Who the mail is from.
    pub from: Mailbox,
}

impl SmtpConfig {
    /// Parses `url` (see the module doc) and the From address `from`.
    pub fn parse(url: &str, from: &str) -> Result<Self, AppError> {
        let field = Field::Flag(SMTP_VAR);
        let bad = |rule: Message| AppError::field(field.clone(), rule);
        let parsed = url::Url::parse(url.trim()).map_err(|e| {
            bad(Message::new("'{value}' is not a URL ({detail}); use smtp://user@host:587 or smtps://user@host:465")
                .text("value", url)
                .text("detail", e))
        })?;
        let implicit_tls = match parsed.scheme() {
            "smtp" => false,
            "smtps" => true,
            other => {
                return Err(bad(Message::new(
                    "the scheme must be smtp:// or smtps://, not {scheme}://",
                )
                .text("scheme", other)));
            }
        };
        if parsed.password().is_some() {
            return Err(bad(Message::new(
                "the URL must not hold the password: set CONFDESK_SMTP_PASSWORD instead",
            )));
        }
        let host = parsed
            .host_str()
            .filter(|h| !h.is_empty())
            .ok_or_else(|| bad(Message::new("the URL names no server")))?
            .trim_matches(['[', ']'])
            .to_string();
        let user = Some(parsed.username())
            .filter(|u| !u.is_empty())
            .map(percent_decode);
        let from = from.trim().parse::<Mailbox>().map_err(|e| {
            AppError::field(
                Field::Flag(SMTP_FROM_VAR),
                Message::new("'{value}' is not an e-mail address ({detail})")
                    .text("value", from)
                    .text("detail", e),
            )
        })?;
        Ok(Self {
            port: parsed
                .port()
                .unwrap_or(if implicit_tls { 465 } else { 587 }),
            host,
            implicit_tls,
            user,
            from,
        })
    }

    /// The server set in the environment, if `CONFDESK_SMTP` is; it then
    /// needs `CONFDESK_SMTP_FROM` too.
    pub fn from_env() -> Result<Option<Self>, AppError> {
        let Some(url) = std::env::var(SMTP_VAR)
            .ok()
            .filter(|v| !v.trim().is_empty())
        else {
            return Ok(None);
        };
        let from = std::env::var(SMTP_FROM_VAR).unwrap_or_default();
        if from.trim().is_empty() {
            return Err(AppError::field(
                Field::Flag(SMTP_FROM_VAR),
                Message::new("required with CONFDESK_SMTP: the address the mail is from"),
            ));
        }
        Self::parse(&url, &from).map(Some)
    }

    /// The URL as shown to people (it never holds a password).
    pub fn text(&self) -> String {
        let scheme = if self.implicit_tls { "smtps" } else { "smtp" };
        let user = self
            .user
            .as_deref()
            .map(|u| format!("{u}@"))
            .unwrap_or_default();
        format!("{scheme}://{user}{}:{}", self.host, self.port)
    }
}

fn percent_decode(text: &str) -> String {
    percent_encoding::percent_decode_str(text)
        .decode_utf8_lossy()
        .into_owned()
}

/// What sends one message; the real one is [`SmtpSender`], tests use fakes.
pub trait MailSender {
    /// Sends `message` (a whole RFC 5322 message) to `to`; the error in the
    /// server's words.
    fn send(&self, to: &str, message: &[u8]) -> Result<(), String>;
}

/// Sends through a mail server.
pub struct SmtpSender {
    transport: SmtpTransport,
    from: Mailbox,
}

impl SmtpSender {
    /// A sender for `config`, logging in with `password` when the URL names
    /// a user.
    pub fn new(config: &SmtpConfig, password: Option<String>) -> Result<Self, AppError> {
        let field = Field::Flag(SMTP_VAR);
        let tls_error = |e: lettre::transport::smtp::Error| {
            AppError::field(
                field.clone(),
                Message::new("TLS for {host} could not be set up: {detail}")
                    .text("host", &config.host)
                    .text("detail", e),
            )
        };
        let params = TlsParameters::new(config.host.clone()).map_err(tls_error)?;
        let tls = if config.implicit_tls {
            Tls::Wrapper(params)
        } else {
            Tls::Opportunistic(params)
        };
        let mut builder = SmtpTransport::builder_dangerous(&config.host)
            .port(config.port)
            .tls(tls)
            .timeout(Some(TIMEOUT));
        if let Some(user) = &config.user {
            let Some(password) = password else {
                return Err(AppError::field(
                    Field::Flag(SMTP_PASSWORD_VAR),
                    Message::new("required: the password of {user} on the mail server")
                        .text("user", user),
                ));
            };
            builder = builder.credentials(Credentials::new(user.clone(), password));
        }
        Ok(Self {
            transport: builder.build(),
            from: config.from.clone(),
        })
    }
}

impl MailSender for SmtpSender {
    fn send(&self, to: &str, message: &[u8]) -> Result<(), String> {
        let to: Address = to.parse().map_err(|e| format!("recipient {to}: {e}"))?;
        let envelope =
            Envelope::new(Some(self.from.email.clone()), vec![to]).map_err(|e| e.to_string())?;
        let message = with_from(message, &self.from.to_string());
        self.transport
            .send_raw(&envelope, &message)
            .map(|_| ())
            .map_err(|e| e.to_string())
    }
}

/// `message` with its `From:` header set to `from` (the outbox writes
/// messages before a server is known; the server may refuse any other
/// From than its user's).
pub fn with_from(message: &[u8], from: &str) -> Vec<u8> {
    let text = String::from_utf8_lossy(message);
    let (head, body) = match text.find("\r\n\r\n") {
        Some(at) => (&text[..at], &text[at..]),
        None => (text.as_ref(), ""),
    };
    let mut lines: Vec<String> = Vec::new();
    let mut skipping = false;
    for line in head.split("\r\n") {
        if skipping && line.starts_with([' ', '\t']) {
            continue;
        }
        skipping = line.len() >= 5 && line[..5].eq_ignore_ascii_case("from:");
        if !skipping {
            lines.push(line.to_string());
        }
    }
    lines.insert(0, format!("From: {from}"));
    let mut out = lines.join("\r\n");
    out.push_str(body);
    out.into_bytes()
}

/// What happened to one message in a [`send_queue`] pass.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SendOutcome {
    /// The server accepted it.
    Sent,
    /// It failed and stays queued, with the reason.
    Failed(String),
    /// Another sender had it, or it was interrupted before and not asked
    /// to be sent again.
    Skipped,
}

/// One message's line of a [`send_queue`] pass.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SendReport {
    /// The message's name.
    pub name: String,
    /// Its recipient.
    pub to: String,
    /// What happened.
    pub outcome: SendOutcome,
}

/// Sends every queued message (and the interrupted ones with
/// `resend_interrupted`) through `sender`, one at a time; `now` stamps the
/// tries. A failed message goes back to the queue; none is sent twice.
pub fn send_queue(
    queue: &MailQueue,
    sender: &dyn MailSender,
    now: &dyn Fn() -> DateTime<Utc>,
    resend_interrupted: bool,
) -> std::io::Result<Vec<SendReport>> {
    let mut reports = Vec::new();
    for mail in queue.list()? {
        let claimed = match mail.state {
            MailState::Queued => queue.claim(&mail.name)?,
            MailState::Interrupted if resend_interrupted => {
                queue.reclaim_interrupted(&mail.name)?
            }
            MailState::Interrupted | MailState::Sent => None,
        };
        let Some(path) = claimed else {
            if mail.state != MailState::Sent {
                reports.push(SendReport {
                    name: mail.name,
                    to: mail.to,
                    outcome: SendOutcome::Skipped,
                });
            }
            continue;
        };
        let bytes = std::fs::read(&path)?;
        let result = match header_address(&bytes, "to") {
            Some(to) => sender.send(&to, &bytes),
            None => Err("the message has no To: address".to_string()),
        };
        let outcome = match result {
            Ok(()) => {
                queue.mark_sent(&mail.name, now())?;
                tracing::info!(message = %mail.name, "mail sent");
                SendOutcome::Sent
            }
            Err(error) => {
                queue.mark_failed(&mail.name, &error, now())?;
                tracing::warn!(message = %mail.name, %error, "mail not sent");
                SendOutcome::Failed(error)
            }
        };
        reports.push(SendReport {
            name: mail.name,
            to: mail.to,
            outcome,
        });
    }
    Ok(reports)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::RefCell;

    /// Fails the first `fail` sends, then accepts; remembers what it sent.
    struct Fake {
        fail: RefCell<u32>,
        sent: RefCell<Vec<String>>,
    }

    impl MailSender for Fake {
        fn send(&self, to: &str, _message: &[u8]) -> Result<(), String> {
            let mut fail = self.fail.borrow_mut();
            if *fail > 0 {
                *fail -= 1;
                return Err("451 try again later".into());
            }
            self.sent.borrow_mut().push(to.to_string());
            Ok(())
        }
    }

    #[test]
    fn a_failed_message_stays_queued_is_retried_and_is_never_sent_twice() {
        let dir = tempfile::tempdir().unwrap();
        for (name, to) in [("1.eml", "a@example.com"), ("2.eml", "b@example.com")] {
            std::fs::write(
                dir.path().join(name),
                format!("To: {to}\r\nSubject: s\r\n\r\nhi"),
            )
            .unwrap();
        }
        let queue = MailQueue::new(dir.path());
        let fake = Fake {
            fail: RefCell::new(1),
            sent: RefCell::new(Vec::new()),
        };
        let now = || Utc::now();
        let first = send_queue(&queue, &fake, &now, false).unwrap();
        assert_eq!(
            first[0].outcome,
            SendOutcome::Failed("451 try again later".into())
        );
        assert_eq!(first[1].outcome, SendOutcome::Sent);
        let second = send_queue(&queue, &fake, &now, false).unwrap();
        assert_eq!(
            second.len(),
            1,
            "only the failed one is tried again: {second:?}"
        );
        assert_eq!(second[0].outcome, SendOutcome::Sent);
        assert!(send_queue(&queue, &fake, &now, false).unwrap().is_empty());
        assert_eq!(*fake.sent.borrow(), ["b@example.com", "a@example.com"]);
    }

    #[test]
    fn an_interrupted_message_is_sent_again_only_when_asked() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("1.eml"), "To: a@example.com\r\n\r\nhi").unwrap();
        let queue = MailQueue::new(dir.path());
        queue.claim("1.eml").unwrap().unwrap(); // a sender that died mid-send
        let fake = Fake {
            fail: RefCell::new(0),
            sent: RefCell::new(Vec::new()),
        };
        let now = || Utc::now();
        let skipped = send_queue(&queue, &fake, &now, false).unwrap();
        assert_eq!(skipped[0].outcome, SendOutcome::Skipped);
        assert!(fake.sent.borrow().is_empty());
        let resent = send_queue(&queue, &fake, &now, true).unwrap();
        assert_eq!(resent[0].outcome, SendOutcome::Sent);
    }

    #[test]
    fn urls_are_checked_and_never_hold_a_password() {
        let c = SmtpConfig::parse(
            "smtp://desk%40summit@mail.example.com",
            "Summit <desk@summit.org>",
        )
        .unwrap();
        assert_eq!(
            (c.host.as_str(), c.port, c.implicit_tls),
            ("mail.example.com", 587, false)
        );
        assert_eq!(c.user.as_deref(), Some("desk@summit"));
        assert_eq!(c.text(), "smtp://desk@summit@mail.example.com:587");
        let s = SmtpConfig::parse("smtps://mail.example.com", "desk@summit.org").unwrap();
        assert_eq!((s.port, s.implicit_tls, s.user), (465, true, None));
        for bad in [
            "http://mail.example.com",
            "smtp://u:secret@mail.example.com",
            "not a url",
            "smtp://",
        ] {
            let e = SmtpConfig::parse(bad, "desk@summit.org")
                .unwrap_err()
                .to_string();
            assert!(e.contains("CONFDESK_SMTP"), "{bad}: {e}");
            assert!(!e.contains("secret"), "{e}");
        }
        let e = SmtpConfig::parse("smtp://h", "not an address")
            .unwrap_err()
            .to_string();
        assert!(e.contains("CONFDESK_SMTP_FROM"), "{e}");
    }

    #[test]
    fn the_from_header_is_replaced_folded_lines_and_all() {
        let raw =
            b"From: confdesk\r\n <queue@localhost>\r\nTo: a@b\r\nSubject: s\r\n\r\nFrom: body";
        let out = String::from_utf8(with_from(raw, "Summit <desk@summit.org>")).unwrap();
        assert_eq!(
            out,
            "From: Summit <desk@summit.org>\r\nTo: a@b\r\nSubject: s\r\n\r\nFrom: body"
        );
    }
}
