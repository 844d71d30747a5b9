//! `discount add|list|revoke` (issue 18.7): the organizer's discount codes
//! from the command line. What is typed is declared here (not in
//! `args.rs`, which only names the family) to keep that shared file's
//! change to one line; the codes' rules are the domain's, the parsing of
//! numbers and dates `app::DiscountDraft`'s.

use super::Ctx;
use super::args::OrganizerArgs;
use super::output::{Align, Output, counted, table};
use super::resolve;
use crate::app::projections::{ConferenceView, DiscountCodeView};
use crate::app::{AppError, DiscountDraft, Outcome, UserCommand};
use crate::domain::events::DiscountKind;
use chrono::NaiveDate;
use clap::{Args, Subcommand};
use serde_json::{Value, json};

/// Discount code commands.
#[derive(Debug, Subcommand)]
pub enum DiscountSubcommand {
    /// Add a code: a percent or a fixed amount off, for one seat type or
    /// all, used at most --max-uses times, redeemable through --valid-until
    /// (the desk's calendar).
    Add(AddDiscountArgs),
    /// The conference's codes with uses / max, validity and state.
    List {
        /// Who is asking.
        #[command(flatten)]
        key: OrganizerArgs,
    },
    /// Revoke a code: no new uses (orders holding one keep their discount).
    Revoke {
        /// Who is asking.
        #[command(flatten)]
        key: OrganizerArgs,
        /// The code (any case).
        #[arg(long)]
        code: String,
    },
}

/// `discount add`.
#[derive(Debug, Args)]
pub struct AddDiscountArgs {
    /// Who is asking.
    #[command(flatten)]
    pub key: OrganizerArgs,
    /// The code: 3 to 20 of A-Z, 0-9, '-' and '_' (any case; unique in
    /// the conference).
    #[arg(long)]
    pub code: String,
    /// Percent off (1 to 100), rounded half up to the minor unit.
    #[arg(long, allow_hyphen_values = true, conflicts_with = "amount")]
    pub percent: Option<String>,
    /// Amount off in the conference's currency, e.g. 10.00 (never below 0).
    #[arg(long, allow_hyphen_values = true)]
    pub amount: Option<String>,
    /// The one seat type it covers, by name [default: all].
    #[arg(long, value_name = "NAME")]
    pub seat_type: Option<String>,
    /// Most uses.
    #[arg(long, allow_hyphen_values = true)]
    pub max_uses: String,
    /// Last day it can be redeemed, YYYY-MM-DD.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub valid_until: String,
}

/// `discount …`.
pub(super) fn discount(ctx: &Ctx, command: DiscountSubcommand) -> Result<Output, AppError> {
    match command {
        DiscountSubcommand::Add(a) => add(ctx, a),
        DiscountSubcommand::List { key } => {
            let mut desk = ctx.read()?;
            let access = desk.authorize_organizer(&key.key())?;
            let conference = desk.organizer().organizer_conference(&access)?;
            let codes = desk.discount_codes(&access);
            Ok(list_output(&conference, &codes, desk.today()))
        }
        DiscountSubcommand::Revoke { key, code } => {
            let mut desk = ctx.write()?;
            let access = desk.authorize_organizer(&key.key())?;
            desk.run(UserCommand::RevokeDiscountCode {
                access: access.clone(),
                code: code.clone(),
            })?;
            let code = crate::domain::discount::normalize_code(&code);
            Ok(Output::new(
                format!("Revoked discount code {code}: no new uses."),
                json!({ "revoked": code }),
            ))
        }
    }
}

fn add(ctx: &Ctx, a: AddDiscountArgs) -> Result<Output, AppError> {
    let mut desk = ctx.write()?;
    let access = desk.authorize_organizer(&a.key.key())?;
    let conference = desk.organizer().organizer_conference(&access)?;
    let seat_type = a
        .seat_type
        .as_deref()
        .map(|name| resolve::seat_type(&conference, name))
        .transpose()?;
    let draft = DiscountDraft {
        code: a.code,
        percent: a.percent.unwrap_or_default(),
        amount: a.amount.unwrap_or_default(),
        seat_type,
        max_uses: a.max_uses,
        valid_until: a.valid_until,
    };
    let Outcome::DiscountCodeAdded(code) = desk.run(UserCommand::AddDiscountCode {
        access: access.clone(),
        draft,
    })?
    else {
        return Err(Outcome::unexpected("DiscountCodeAdded"));
    };
    let view = desk
        .read_models()
        .discounts
        .code(conference.id, &code)
        .cloned()
        .ok_or_else(super::conference::not_found)?;
    Ok(Output::new(
        format!(
            "Added discount code {}: {} off {}, {} until {}.",
            view.code,
            kind_text(&view.kind),
            covers(&conference, &view),
            counted(view.max_uses, "use", "uses"),
            view.valid_until
        ),
        code_json(&conference, &view, desk.today()),
    ))
}

/// "20%" or "10.00 EUR".
fn kind_text(kind: &DiscountKind) -> String {
    match kind {
        DiscountKind::Percent(p) => format!("{p}%"),
        DiscountKind::Fixed(m) => m.to_string(),
    }
}

/// The seat type a code covers, or "all seat types".
fn covers(conference: &ConferenceView, v: &DiscountCodeView) -> String {
    match v.seat_type {
        Some(id) => conference
            .seat_types
            .iter()
            .find(|s| s.id == id)
            .map_or_else(|| "?".to_string(), |s| s.name.clone()),
        None => "all seat types".to_string(),
    }
}

/// Whether a code can be redeemed today, and if not why.
fn state(v: &DiscountCodeView, today: NaiveDate) -> &'static str {
    if v.revoked {
        "revoked"
    } else if today > v.valid_until {
        "expired"
    } else if v.uses >= v.max_uses {
        "used up"
    } else {
        "active"
    }
}

fn code_json(conference: &ConferenceView, v: &DiscountCodeView, today: NaiveDate) -> Value {
    let (percent, amount) = match v.kind {
        DiscountKind::Percent(p) => (Some(p), None),
        DiscountKind::Fixed(m) => (None, Some(m.amount_string())),
    };
    json!({
        "code": v.code,
        "percent": percent,
        "amount": amount,
        "currency": conference.info.currency.code(),
        "seat_type": v.seat_type.map(|_| covers(conference, v)),
        "uses": v.uses,
        "max_uses": v.max_uses,
        "valid_until": v.valid_until.to_string(),
        "state": state(v, today),
    })
}

fn list_output(
    conference: &ConferenceView,
    codes: &[DiscountCodeView],
    today: NaiveDate,
) -> Output {
    let json = Value::Array(
        codes
            .iter()
            .map(|v| code_json(conference, v, today))
            .collect(),
    );
    if codes.is_empty() {
        return Output::new("No discount codes yet.".to_string(), json);
    }
    let columns = [
        ("Code", Align::Left),
        ("Discount", Align::Right),
        ("Seat type", Align::Left),
        ("Uses", Align::Right),
        ("Valid until", Align::Left),
        ("State", Align::Left),
    ];
    let rows: Vec<Vec<String>> = codes
        .iter()
        .map(|v| {
            vec![
                v.code.clone(),
                kind_text(&v.kind),
                covers(conference, v),
                format!("{}/{}", v.uses, v.max_uses),
                v.valid_until.to_string(),
                state(v, today).to_string(),
            ]
        })
        .collect();
    let human = format!(
        "{}{}",
        table(&columns, &rows),
        counted(codes.len(), "discount code", "discount codes")
    );
    Output::new(human, json)
}
