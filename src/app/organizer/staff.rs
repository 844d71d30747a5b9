//! The organizer's staff codes (issue 18 item 2): make one for the door or
//! the desk (the code is drawn here and handed back once; the log keeps
//! its salted digest only), list them, revoke one. All of it takes the
//! organizer's own access: a staff code never manages staff codes.

use super::Organizer;
use crate::app::AppError;
use crate::app::auth::{ConferenceAccess, Right, draw_staff_code, require};
use crate::app::journal::Journal;
use crate::domain::AggregateCommand;
use crate::domain::conference::ConferenceCommand;
use crate::domain::staff_code::{CreateStaffCode, StaffCode, StaffCodeId, StaffRole};
use crate::domain::{Field, Message};
use std::ops::Deref;
use uuid::Uuid;

/// A staff code just made: its id and the code, shown this once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewStaffCode {
    /// Its id.
    pub id: StaffCodeId,
    /// The code to hand to the staff member.
    pub code: String,
    /// Its label, as stored (trimmed).
    pub label: String,
    /// Its role.
    pub role: StaffRole,
}

impl<J: Deref<Target = Journal>> Organizer<J> {
    /// The conference's staff codes, revoked ones included, in creation
    /// order (never the codes themselves: the log does not hold them).
    pub fn staff_codes(&self, access: &ConferenceAccess) -> Result<Vec<StaffCode>, AppError> {
        let model = self.journal.write_model();
        require(model, access, Right::Organize)?;
        Ok(model
            .conferences
            .get(&access.conference())
            .map(|c| c.staff.all().to_vec())
            .unwrap_or_default())
    }

    /// The staff code whose label (ignoring case; a live code first) or id
    /// is `text`, for the CLI's `--label` and `--id`.
    pub fn find_staff_code(
        &self,
        access: &ConferenceAccess,
        text: &str,
    ) -> Result<StaffCode, AppError> {
        let codes = self.staff_codes(access)?;
        let wanted = text.trim().to_lowercase();
        let by_label = |live: bool| {
            codes
                .iter()
                .find(|c| c.is_live() == live && c.label.to_lowercase() == wanted)
        };
        by_label(true)
            .or_else(|| by_label(false))
            .or_else(|| codes.iter().find(|c| c.id.to_string() == wanted))
            .cloned()
            .ok_or_else(|| {
                AppError::field(
                    Field::StaffLabel,
                    Message::new("no staff code of this conference is labelled '{label}'")
                        .text("label", text.trim()),
                )
            })
    }
}

impl Organizer<&mut Journal> {
    /// Makes a staff code with `role` and `label`; returns it with the
    /// code, which is never shown again.
    pub fn create_staff_code(
        &mut self,
        access: &ConferenceAccess,
        role: StaffRole,
        label: &str,
    ) -> Result<NewStaffCode, AppError> {
        require(self.journal.write_model(), access, Right::Organize)?;
        let (code, secret) = draw_staff_code();
        let id = StaffCodeId(Uuid::now_v7());
        let cmd = ConferenceCommand::CreateStaffCode(CreateStaffCode {
            staff_code_id: id,
            role,
            label: label.to_string(),
            secret,
            at: self.journal.now(),
        });
        self.journal
            .commit(vec![AggregateCommand::Conference(access.conference(), cmd)])?;
        let label = self
            .journal
            .write_model()
            .conferences
            .get(&access.conference())
            .and_then(|c| c.staff.get(id))
            .map(|c| c.label.clone())
            .unwrap_or_default();
        Ok(NewStaffCode {
            id,
            code,
            label,
            role,
        })
    }

    /// Revokes the staff code `id`: it stops working at its next action.
    pub fn revoke_staff_code(
        &mut self,
        access: &ConferenceAccess,
        id: StaffCodeId,
    ) -> Result<(), AppError> {
        require(self.journal.write_model(), access, Right::Organize)?;
        let cmd = ConferenceCommand::RevokeStaffCode {
            staff_code_id: id,
            at: self.journal.now(),
        };
        self.journal
            .commit(vec![AggregateCommand::Conference(access.conference(), cmd)])?;
        Ok(())
    }
}
