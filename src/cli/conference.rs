//! `conference …`: create a conference, change its details, publish or
//! unpublish it, show it to its organizer, and `conference list`, what a
//! registrant sees on sale.

use super::Ctx;
use super::args::{
    ConferenceSubcommand, CreateConferenceArgs, OrganizerArgs, UpdateConferenceArgs,
};
use super::output::{Align, Output, table, time_human, time_json};
use super::resolve;
use crate::app::projections::{ConferenceView, SeatTypeView};
use crate::app::{AppError, Desk, Outcome, UserCommand};
use crate::domain::Currency;
use crate::domain::Field;
use crate::domain::Message;
use crate::domain::events::ConferenceInfo;
use serde_json::{Value, json};

/// `conference …`.
pub(super) fn conference(ctx: &Ctx, command: ConferenceSubcommand) -> Result<Output, AppError> {
    match command {
        ConferenceSubcommand::Create(a) => create(ctx, a),
        ConferenceSubcommand::Update(a) => update(ctx, a),
        ConferenceSubcommand::Publish(k) => publish(ctx, &k, true),
        ConferenceSubcommand::Unpublish(k) => publish(ctx, &k, false),
        ConferenceSubcommand::Show(k) => {
            let mut desk = ctx.read()?;
            let access = desk.authorize_organizer(&k.key())?;
            let view = desk.organizer().organizer_conference(&access)?;
            Ok(conference_output(&view))
        }
        ConferenceSubcommand::List => list(&ctx.read()?),
    }
}

fn create(ctx: &Ctx, a: CreateConferenceArgs) -> Result<Output, AppError> {
    // Everything is parsed before the log is opened, so a typo creates no file.
    let input = ConferenceInfo {
        start: resolve::date(Field::Start, &a.start)?,
        end: resolve::date(Field::End, &a.end)?,
        currency: Currency::parse(&a.currency)?,
        name: a.name,
        description: a.description,
        slug: a.slug,
        owner_name: a.owner_name,
        owner_email: a.owner_email,
    };
    let start = input.start;
    let mut desk = ctx.create()?;
    let Outcome::ConferenceCreated {
        id,
        access_code: code,
    } = desk.run(UserCommand::CreateConference(input))?
    else {
        return Err(Outcome::unexpected("ConferenceCreated"));
    };
    let view = desk.read_models().conferences.get(id);
    let slug = view
        .as_ref()
        .map(|c| c.info.slug.clone())
        .unwrap_or_default();
    // The access code also goes to the owner, as from the window: queued in
    // the outbox (`outbox send` sends it). The conference stands either way.
    let mail = match &view {
        Some(view) => crate::app::outbox::write_access_code_mail(
            &ctx.data.outbox_dir(),
            desk.protected(),
            view,
            &code,
            desk.now(),
            ctx.mail_words().as_ref(),
        )
        .map_err(|e| e.to_string()),
        None => Err("conference not found after creation".to_string()),
    };
    let mail_line = match &mail {
        Ok(path) => format!(
            "\nThe access code mail for the owner is queued: {}",
            path.display()
        ),
        Err(e) => format!("\nThe access code mail could not be queued: {e}"),
    };
    // The window's warning, not a refusal (see `starts_in_the_past`).
    let today = desk.now().date_naive();
    let note = crate::domain::validation::starts_in_the_past(start, today)
        .map(|w| format!("\nNote: {} ({start}; today is {today}).", w.rule))
        .unwrap_or_default();
    let human = format!(
        "Created conference {slug}.\nAccess code: {code}\n\
         Keep it: with the owner e-mail it opens the conference. Add seat types, then publish.{note}{mail_line}"
    );
    Ok(Output::new(
        human,
        json!({
            "id": id.to_string(),
            "slug": slug,
            "access_code": code,
            "access_code_mail": mail.as_ref().ok().map(|p| p.display().to_string()),
            "access_code_mail_error": mail.as_ref().err(),
        }),
    ))
}

fn update(ctx: &Ctx, a: UpdateConferenceArgs) -> Result<Output, AppError> {
    let start = a
        .start
        .as_deref()
        .map(|s| resolve::date(Field::Start, s))
        .transpose()?;
    let end = a
        .end
        .as_deref()
        .map(|s| resolve::date(Field::End, s))
        .transpose()?;
    let currency = a.currency.as_deref().map(Currency::parse).transpose()?;
    let key = a.key.key();
    let mut desk = ctx.write()?;
    let access = desk.authorize_organizer(&key)?;
    let current = desk.organizer().organizer_conference(&access)?;
    let info = current.info;
    let input = ConferenceInfo {
        name: a.name.unwrap_or(info.name),
        description: a.description.unwrap_or(info.description),
        slug: a.new_slug.unwrap_or(info.slug),
        start: start.unwrap_or(info.start),
        end: end.unwrap_or(info.end),
        owner_name: a.owner_name.unwrap_or(info.owner_name),
        owner_email: a.owner_email.unwrap_or(info.owner_email),
        currency: currency.unwrap_or(info.currency),
    };
    desk.run(UserCommand::UpdateConference { access, input })?;
    let view = desk
        .read_models()
        .conferences
        .get(current.id)
        .ok_or_else(not_found)?;
    let mut output = conference_output(&view);
    output.human = format!("Updated.\n{}", output.human);
    Ok(output)
}

/// The answer when a conference vanished between two reads (cannot happen
/// within one process, which holds the log).
pub(super) fn not_found() -> AppError {
    AppError::NotFound(Message::new("conference not found"))
}

fn publish(ctx: &Ctx, key: &OrganizerArgs, published: bool) -> Result<Output, AppError> {
    let mut desk = ctx.write()?;
    let access = desk.authorize_organizer(&key.key())?;
    desk.run(UserCommand::SetPublished { access, published })?;
    let slug = key.slug.trim();
    let human = if published {
        format!("Published {slug}: registrants can order seats.")
    } else {
        format!("Unpublished {slug}: registrants no longer see it.")
    };
    Ok(Output::new(
        human,
        json!({"slug": slug, "published": published}),
    ))
}

fn dates(c: &ConferenceView) -> String {
    format!("{} – {}", c.info.start, c.info.end)
}

/// A seat type with its counts, as JSON.
pub(super) fn seat_type_json(s: &SeatTypeView) -> Value {
    json!({
        "id": s.id.to_string(),
        "name": s.name,
        "description": s.description,
        "quota": s.quota,
        "reserved": s.reserved,
        "sold": s.sold,
        "left": s.left,
        "price": s.price.amount_string(),
    })
}

/// `conference show`: details, publication and seat types with counts.
fn conference_output(c: &ConferenceView) -> Output {
    let i = &c.info;
    let state = if c.published {
        "published"
    } else {
        "not published"
    };
    let mut human = format!(
        "{} ({}), {state}\nDates        {}\nOwner        {} <{}>\nCurrency     {}\nCreated      {}\n",
        i.name,
        i.slug,
        dates(c),
        i.owner_name,
        i.owner_email,
        i.currency,
        time_human(c.created_at),
    );
    if !i.description.is_empty() {
        human.push_str(&format!("Description  {}\n", i.description));
    }
    human.push('\n');
    if c.seat_types.is_empty() {
        human.push_str("No seat types yet: add one with `confdesk seat-type add`.\n");
    } else {
        let columns = [
            ("Seat type", Align::Left),
            ("Quota", Align::Right),
            ("Reserved", Align::Right),
            ("Sold", Align::Right),
            ("Left", Align::Right),
            ("Price", Align::Right),
        ];
        let rows: Vec<Vec<String>> = c
            .seat_types
            .iter()
            .map(|s| {
                let (q, r, so, l) = (s.quota, s.reserved, s.sold, s.left);
                vec![
                    s.name.clone(),
                    q.to_string(),
                    r.to_string(),
                    so.to_string(),
                    l.to_string(),
                    s.price.amount_string(),
                ]
            })
            .collect();
        human.push_str(&table(&columns, &rows));
    }
    let json = json!({
        "id": c.id.to_string(),
        "name": i.name,
        "slug": i.slug,
        "description": i.description,
        "start": i.start.to_string(),
        "end": i.end.to_string(),
        "owner_name": i.owner_name,
        "owner_email": i.owner_email,
        "currency": i.currency.code(),
        "published": c.published,
        "created_at": time_json(c.created_at),
        "seat_types": c.seat_types.iter().map(seat_type_json).collect::<Vec<_>>(),
    });
    Output::new(human, json)
}

/// `conference list`: published conferences and what is left.
fn list(desk: &Desk) -> Result<Output, AppError> {
    let conferences = desk.registration().published_conferences();
    let mut human = String::new();
    if conferences.is_empty() {
        human.push_str("No published conferences.\n");
    }
    for c in &conferences {
        human.push_str(&format!(
            "{} ({}), {}, prices in {}\n",
            c.info.name,
            c.info.slug,
            dates(c),
            c.info.currency
        ));
        let rows: Vec<Vec<String>> = c
            .seat_types
            .iter()
            .map(|s| {
                vec![
                    format!("  {}", s.name),
                    s.price.amount_string(),
                    s.left.to_string(),
                ]
            })
            .collect();
        human.push_str(&table(
            &[
                ("  Seat type", Align::Left),
                ("Price", Align::Right),
                ("Left", Align::Right),
            ],
            &rows,
        ));
        human.push('\n');
    }
    let json: Vec<Value> = conferences
        .iter()
        .map(|c| {
            let seats: Vec<Value> = c
                .seat_types
                .iter()
                .map(|s| json!({"name": s.name, "description": s.description, "price": s.price.amount_string(), "left": s.left}))
                .collect();
            json!({
                "slug": c.info.slug,
                "name": c.info.name,
                "description": c.info.description,
                "start": c.info.start.to_string(),
                "end": c.info.end.to_string(),
                "currency": c.info.currency.code(),
                "seat_types": seats,
            })
        })
        .collect();
    Ok(Output::new(human, Value::Array(json)))
}
