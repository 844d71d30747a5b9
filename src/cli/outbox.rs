//! `confdesk outbox list` and `outbox send` (issue 17 item 1): the mail
//! the desk queued (access codes, order confirmations) with its state, and
//! one pass that sends every queued message through `CONFDESK_SMTP`,
//! saying what happened to each. A message that fails stays queued for
//! the next pass; `send` then exits 1 after its report.

use super::Ctx;
use super::args::OutboxSubcommand;
use super::output::{Align, Output, table, time_human, time_json};
use crate::app::AppError;
use crate::app::mail_queue::{MailQueue, MailState, QueuedMail};
use crate::app::smtp::{
    SMTP_PASSWORD_VAR, SMTP_VAR, SendOutcome, SmtpConfig, SmtpSender, send_queue,
};
use crate::domain::{Field, Message};
use serde_json::{Value, json};
use std::io::IsTerminal as _;

/// `outbox …`: the output, and the error to exit with after it.
pub(super) fn outbox(
    ctx: &Ctx,
    command: OutboxSubcommand,
) -> anyhow::Result<(Output, Option<anyhow::Error>)> {
    let queue = MailQueue::new(ctx.data.outbox_dir());
    match command {
        OutboxSubcommand::List => Ok((list(&queue)?, None)),
        OutboxSubcommand::Send { resend_interrupted } => send(ctx, &queue, resend_interrupted),
    }
}

fn state_word(mail: &QueuedMail) -> String {
    match mail.state {
        MailState::Queued if mail.status.tries == 0 => "queued".to_string(),
        MailState::Queued => format!("queued, {} failed", mail.status.tries),
        MailState::Interrupted => "interrupted (may have been sent)".to_string(),
        MailState::Sent => mail
            .status
            .sent_at
            .map_or_else(|| "sent".to_string(), |t| format!("sent {}", time_human(t))),
    }
}

fn list(queue: &MailQueue) -> anyhow::Result<Output> {
    let mails = queue.list()?;
    let rows: Vec<Vec<String>> = mails
        .iter()
        .map(|m| {
            vec![
                state_word(m),
                m.to.clone(),
                m.status.last_error.clone().unwrap_or_default(),
                m.name.clone(),
            ]
        })
        .collect();
    let human = if rows.is_empty() {
        "The outbox is empty.".to_string()
    } else {
        table(
            &[
                ("State", Align::Left),
                ("To", Align::Left),
                ("Last error", Align::Left),
                ("File", Align::Left),
            ],
            &rows,
        )
    };
    let json: Vec<Value> = mails.iter().map(mail_json).collect();
    Ok(Output::new(human, Value::Array(json)))
}

fn mail_json(m: &QueuedMail) -> Value {
    json!({
        "file": m.path.display().to_string(),
        "to": m.to,
        "state": match m.state {
            MailState::Queued => "queued",
            MailState::Interrupted => "interrupted",
            MailState::Sent => "sent",
        },
        "tries": m.status.tries,
        "last_error": m.status.last_error,
        "last_try": m.status.last_try.map(time_json),
        "sent_at": m.status.sent_at.map(time_json),
    })
}

fn send(
    ctx: &Ctx,
    queue: &MailQueue,
    resend_interrupted: bool,
) -> anyhow::Result<(Output, Option<anyhow::Error>)> {
    let Some(config) = SmtpConfig::from_env()? else {
        return Err(AppError::field(
            Field::Flag(SMTP_VAR),
            Message::new("not set: name the mail server, e.g. CONFDESK_SMTP=smtp://desk@mail.example.com:587 and CONFDESK_SMTP_FROM=desk@example.com"),
        )
        .into());
    };
    let password = smtp_password(&config)?;
    let sender = SmtpSender::new(&config, password)?;
    let clock = ctx.clock.clone();
    let reports = send_queue(queue, &sender, &|| clock.now(), resend_interrupted)?;
    let mut lines = Vec::new();
    let mut json = Vec::new();
    let mut failed = 0;
    for r in &reports {
        let (word, error) = match &r.outcome {
            SendOutcome::Sent => ("sent", None),
            SendOutcome::Failed(e) => {
                failed += 1;
                ("failed", Some(e.clone()))
            }
            SendOutcome::Skipped => ("skipped", None),
        };
        lines.push(match &error {
            Some(e) => format!("{word}: {} ({}): {e}", r.to, r.name),
            None if word == "skipped" => format!(
                "skipped: {} ({}): interrupted before; --resend-interrupted sends it again",
                r.to, r.name
            ),
            None => format!("{word}: {} ({})", r.to, r.name),
        });
        json.push(json!({"file": r.name, "to": r.to, "outcome": word, "error": error}));
    }
    if lines.is_empty() {
        lines.push("Nothing to send.".to_string());
    }
    let output = Output::new(
        lines.join("\n"),
        json!({"server": config.text(), "messages": json}),
    );
    let failure =
        (failed > 0).then(|| anyhow::anyhow!("{failed} message(s) not sent; they stay queued"));
    Ok((output, failure))
}

/// The server password for the URL's user: `CONFDESK_SMTP_PASSWORD`, else
/// asked on a terminal; none when the URL names no user.
fn smtp_password(config: &SmtpConfig) -> anyhow::Result<Option<String>> {
    let Some(user) = &config.user else {
        return Ok(None);
    };
    if let Some(p) = std::env::var(SMTP_PASSWORD_VAR)
        .ok()
        .filter(|p| !p.is_empty())
    {
        return Ok(Some(p));
    }
    if std::io::stdin().is_terminal() {
        let asked = rpassword::prompt_password(format!("Password of {user} on {}: ", config.host))?;
        return Ok(Some(asked));
    }
    Ok(None)
}
