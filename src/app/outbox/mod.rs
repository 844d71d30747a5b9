//! The outbox: the laptop is offline, so mail is written as `.eml` files
//! into the log's outbox folder ([`crate::app::LogLocation::outbox_dir`]:
//! `outbox/` beside a log file, or the desk's own folder for a shared log),
//! to be sent later from any mail program: the organizer's access code
//! ([`access_code`]) and the registrant's order confirmation
//! ([`confirmation`]).
//!
//! Every mail is built with lettre's `Message` builder, so headers are
//! encoded and folded within RFC 2047's and RFC 5322's limits whatever the
//! names (a 200-syllable Hangul name once made an 830-character subject
//! line), with a Message-ID, a Date and a UTF-8 body. Its words are typed
//! [`Message`]s rendered by the [`Words`] the caller passes: the window its
//! language, the CLI English. A mail holds a code, so it is created 0600,
//! through [`write_output`], which never replaces the log or its sidecars
//! whatever the names.

pub mod access_code;
pub mod confirmation;

pub use access_code::write_access_code_mail;
pub use confirmation::{Queued, confirmation_path, queue_confirmation};

use crate::app::AppError;
use crate::app::output_file::{Protected, write_output};
use crate::domain::message::Words;
use crate::domain::{Field, Message};
use chrono::{DateTime, Utc};
use lettre::message::header::ContentType;
use lettre::message::{Attachment, Mailbox, MultiPart, SinglePart};
use std::path::Path;

/// Who every outbox mail is from (the mail program sending it may change it).
const FROM: &str = "confdesk <confdesk@localhost>";

/// The last line of every mail body.
const SIGNATURE: &str = "-- confdesk";

/// One mail before it is built: who to, its words, what is attached.
pub(crate) struct Mail {
    /// The recipient's name as it is written (family name first for Hangul).
    pub to_name: String,
    /// The recipient's address, the field it came from (for the error).
    pub to_email: (String, Field),
    /// The subject, already in the desk's language.
    pub subject: String,
    /// The body's paragraphs, already in the desk's language.
    pub paragraphs: Vec<String>,
    /// Attached PNGs: each a file name and its bytes, in order.
    pub attachments: Vec<(String, Vec<u8>)>,
    /// A globally unique id, without the angle brackets' content rules
    /// checked here: `local@domain`.
    pub message_id: String,
    /// When the mail was written (the desk's clock).
    pub date: DateTime<Utc>,
}

/// `messages` rendered in `words`, as one paragraph.
pub(crate) fn paragraph(words: &dyn Words, messages: &[Message]) -> String {
    messages
        .iter()
        .map(|m| m.render(words))
        .collect::<Vec<_>>()
        .join("\n")
}

impl Mail {
    /// The lettre message: a text/plain UTF-8 body, and the attachments
    /// beside it in a multipart/mixed when there are any.
    fn build(self) -> Result<lettre::Message, AppError> {
        let (email, field) = self.to_email;
        let address = email.trim().parse().map_err(|_| {
            AppError::field(
                field.clone(),
                Message::new("'{email}' cannot be written as a mail address").text("email", &email),
            )
        })?;
        let to = Mailbox::new(Some(self.to_name), address);
        let from: Mailbox = FROM.parse().map_err(|_| internal("the sender address"))?;
        let mut text = self.paragraphs.join("\n\n");
        text.push_str("\n\n");
        text.push_str(SIGNATURE);
        text.push('\n');
        let body = SinglePart::plain(text);
        let builder = lettre::Message::builder()
            .from(from)
            .to(to)
            .subject(self.subject)
            .date(self.date.into())
            .message_id(Some(format!("<{}>", self.message_id)));
        let built = if self.attachments.is_empty() {
            builder.singlepart(body)
        } else {
            let png_type = ContentType::parse("image/png").map_err(|_| internal("the PNG type"))?;
            let mut parts = MultiPart::mixed().singlepart(body);
            for (name, png) in self.attachments {
                parts = parts.singlepart(Attachment::new(name).body(png, png_type.clone()));
            }
            builder.multipart(parts)
        };
        built.map_err(|e| {
            AppError::field(
                field,
                Message::new("the mail cannot be built: {detail}").text("detail", e),
            )
        })
    }

    /// Builds the mail and writes it at `path` (whole or not at all; 0600),
    /// creating `outbox` if missing, never over what `protected` guards.
    pub(crate) fn write(
        self,
        outbox: &Path,
        path: &Path,
        protected: &Protected,
    ) -> Result<(), AppError> {
        let message = self.build()?;
        std::fs::create_dir_all(outbox).map_err(|e| AppError::Io {
            path: outbox.to_path_buf(),
            detail: e.to_string(),
        })?;
        write_output(&Field::OutboxMail, path, protected, &message.formatted())
    }
}

/// A bug: a constant of this module that lettre refuses.
fn internal(what: &str) -> AppError {
    AppError::Internal(Message::new("the mail cannot be built: {detail}").text("detail", what))
}
