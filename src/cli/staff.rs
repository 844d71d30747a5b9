//! `staff-code add|list|revoke` (issue 18 item 2): the organizer's codes
//! for door and desk staff. `add` prints the code once; `list` never shows
//! a code again — the log keeps only a salted digest, so nothing that
//! reads the log (or a shoulder over the list) learns a working code; a
//! lost code is revoked and a new one made.

use super::Ctx;
use super::args::{StaffCodeSubcommand, StaffRoleArg};
use super::output::{Align, Output, table, time_human, time_json};
use crate::app::{AppError, Outcome, UserCommand};
use crate::domain::staff_code::{StaffCode, StaffRole};
use serde_json::{Value, json};

impl StaffRoleArg {
    /// The domain's role.
    fn role(self) -> StaffRole {
        match self {
            StaffRoleArg::Door => StaffRole::Door,
            StaffRoleArg::Desk => StaffRole::Desk,
        }
    }
}

/// `staff-code …`.
pub(super) fn staff_code(ctx: &Ctx, command: StaffCodeSubcommand) -> Result<Output, AppError> {
    match command {
        StaffCodeSubcommand::Add { key, role, label } => {
            let mut desk = ctx.write()?;
            let access = desk.authorize_organizer(&key.key())?;
            let Outcome::StaffCodeCreated(new) = desk.run(UserCommand::CreateStaffCode {
                access,
                role: role.role(),
                label,
            })?
            else {
                return Err(Outcome::unexpected("StaffCodeCreated"));
            };
            let human = format!(
                "Staff code for {} ({}): {}\nIt is shown only now: hand it over; `staff-code revoke --label` stops it.",
                new.label,
                new.role.as_str(),
                new.code
            );
            let json = json!({
                "id": new.id.to_string(),
                "label": new.label,
                "role": new.role.as_str(),
                "code": new.code,
            });
            Ok(Output::new(human, json))
        }
        StaffCodeSubcommand::List { key } => {
            let mut desk = ctx.read()?;
            let access = desk.authorize_organizer(&key.key())?;
            let codes = desk.organizer().staff_codes(&access)?;
            Ok(list_output(&codes))
        }
        StaffCodeSubcommand::Revoke { key, label } => {
            let mut desk = ctx.write()?;
            let access = desk.authorize_organizer(&key.key())?;
            let code = desk.organizer().find_staff_code(&access, &label)?;
            desk.run(UserCommand::RevokeStaffCode {
                access,
                staff_code: code.id,
            })?;
            let human = format!("Revoked the staff code {}.", code.label);
            Ok(Output::new(human, code_json(&code)))
        }
    }
}

fn code_json(c: &StaffCode) -> Value {
    json!({
        "id": c.id.to_string(),
        "label": c.label,
        "role": c.role.as_str(),
        "created": time_json(c.created_at),
        "revoked": c.revoked_at.map(time_json),
    })
}

fn list_output(codes: &[StaffCode]) -> Output {
    let rows: Vec<Vec<String>> = codes
        .iter()
        .map(|c| {
            vec![
                c.label.clone(),
                c.role.as_str().to_string(),
                time_human(c.created_at),
                c.revoked_at.map(time_human).unwrap_or_default(),
            ]
        })
        .collect();
    let human = if codes.is_empty() {
        "No staff codes.".to_string()
    } else {
        table(
            &[
                ("Label", Align::Left),
                ("Role", Align::Left),
                ("Created", Align::Left),
                ("Revoked", Align::Left),
            ],
            &rows,
        )
    };
    Output::new(human, Value::Array(codes.iter().map(code_json).collect()))
}
