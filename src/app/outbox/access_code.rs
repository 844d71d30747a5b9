//! The organizer's "your access code" mail for a new conference: the slug,
//! the owner e-mail and the access code that together open it later.

use super::{Mail, paragraph};
use crate::app::AppError;
use crate::app::output_file::Protected;
use crate::app::projections::ConferenceView;
use crate::domain::message::Words;
use crate::domain::{Field, Message};
use chrono::{DateTime, Utc};
use std::path::{Path, PathBuf};

/// Writes the "your access code" mail for a new conference, in `words`'
/// language, into the folder `outbox` (created if missing), never over
/// what `protected` guards (the open log file and its sidecars; nothing for
/// a shared log); returns its path.
pub fn write_access_code_mail(
    outbox: &Path,
    protected: &Protected,
    conference: &ConferenceView,
    access_code: &str,
    now: DateTime<Utc>,
    words: &dyn Words,
) -> Result<PathBuf, AppError> {
    let info = &conference.info;
    let stamp = now.format("%Y%m%dT%H%M%SZ");
    let path = outbox.join(format!("{}-access-code-{stamp}.eml", info.slug));
    let mail = Mail {
        to_name: info.owner_name.clone(),
        to_email: (info.owner_email.clone(), Field::OwnerEmail),
        subject: Message::new("Your access code for {conference}")
            .text("conference", &info.name)
            .render(words),
        paragraphs: vec![
            Message::new("Hello {name},")
                .text("name", &info.owner_name)
                .render(words),
            Message::new(
                "your conference “{conference}” ({start} to {end}) is set up on the confdesk registration desk.",
            )
            .text("conference", &info.name)
            .date("start", info.start)
            .date("end", info.end)
            .render(words),
            paragraph(
                words,
                &[
                    Message::new("To open it later, use"),
                    Message::new("  slug: {slug}").text("slug", &info.slug),
                    Message::new("  e-mail: {email}").text("email", &info.owner_email),
                    Message::new("  access code: {code}").text("code", access_code),
                ],
            ),
            Message::new(
                "Keep the access code private: with your e-mail it opens the orders and attendee lists.",
            )
            .render(words),
        ],
        attachments: Vec::new(),
        // The time and the random end of the conference's id: unique,
        // and short enough for a header line.
        message_id: format!(
            "{stamp}.{}@confdesk.invalid",
            conference.id.to_string().rsplit('-').next().unwrap_or_default()
        ),
        date: now,
    };
    mail.write(outbox, &path, protected)?;
    Ok(path)
}
