//! Staff codes (issue 18 item 2): codes the organizer hands to door and
//! desk staff instead of the conference's master code. They live in the
//! conference's own stream (`StaffCodeCreated` / `StaffCodeRevoked`), so a
//! label's uniqueness is decided where the codes are, and the conference
//! aggregate keeps them in a [`StaffCodes`] value that this file owns.
//!
//! The domain never sees a code: the app draws it and hands over only a
//! salted digest ([`StaffSecret`]), so the log holds nothing a reader could
//! type in, and `staff-code list` cannot show a code again. Who made a sale
//! or a check-in is an [`Actor`], carried by the events that record it.

use crate::domain::events::{StaffCodeCreated, StaffCodeRevoked};
use crate::domain::validation as v;
use crate::domain::{ConferenceId, DomainError, Event, Field, FieldError, Message};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::fmt;
use uuid::Uuid;

/// Characters in a staff code: one more than an order code and two more
/// than the organizer's, so the three kinds can never be confused.
pub const STAFF_CODE_LEN: usize = 7;
/// Longest label ("Door 2", "Desk by the stairs").
pub const MAX_LABEL_CHARS: usize = 40;

/// One staff code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct StaffCodeId(pub Uuid);

impl fmt::Display for StaffCodeId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// What a staff code may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum StaffRole {
    /// Search, check in, take a check-in back.
    Door,
    /// Sell: the registration wizard for the conference.
    Desk,
}

impl StaffRole {
    /// The stable lower-case name (`door`, `desk`) the CLI takes and prints.
    pub fn as_str(self) -> &'static str {
        match self {
            StaffRole::Door => "door",
            StaffRole::Desk => "desk",
        }
    }
}

/// What the log keeps of a code: a random salt and SHA-256(salt ‖ code),
/// computed by the app (`app::auth`); checked in constant time there.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct StaffSecret {
    /// 16 random bytes, drawn with the code.
    pub salt: [u8; 16],
    /// SHA-256 of the salt followed by the code's characters.
    pub digest: [u8; 32],
}

/// Who made a sale or a check-in, as the log records it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Actor {
    /// Recorded before staff codes existed (an older schema version).
    Unknown,
    /// The organizer, with the conference's own code.
    Organizer,
    /// The registrant, serving themselves.
    Registrant,
    /// A staff code.
    Staff(StaffCodeId),
}

/// One code as the conference holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffCode {
    /// Its id.
    pub id: StaffCodeId,
    /// What it may do.
    pub role: StaffRole,
    /// Its name ("Door 2").
    pub label: String,
    /// What checks it.
    pub secret: StaffSecret,
    /// When it was created.
    pub created_at: DateTime<Utc>,
    /// When it was revoked, if it was.
    pub revoked_at: Option<DateTime<Utc>>,
}

impl StaffCode {
    /// Not revoked.
    pub fn is_live(&self) -> bool {
        self.revoked_at.is_none()
    }
}

/// A conference's staff codes, in creation order (revoked ones kept: the
/// history still names them).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StaffCodes {
    codes: Vec<StaffCode>,
}

/// `CreateStaffCode` as the conference aggregate takes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CreateStaffCode {
    /// The new code's id.
    pub staff_code_id: StaffCodeId,
    /// What it may do.
    pub role: StaffRole,
    /// Its name as typed.
    pub label: String,
    /// What checks it (the app drew the code).
    pub secret: StaffSecret,
    /// Now, by the app's clock.
    pub at: DateTime<Utc>,
}

impl StaffCodes {
    /// Every code, in creation order.
    pub fn all(&self) -> &[StaffCode] {
        &self.codes
    }

    /// One code by id.
    pub fn get(&self, id: StaffCodeId) -> Option<&StaffCode> {
        self.codes.iter().find(|c| c.id == id)
    }

    /// Folds this stream's staff-code events.
    pub fn apply(&mut self, event: &Event) {
        match event {
            Event::StaffCodeCreated(e) => self.codes.push(StaffCode {
                id: e.staff_code_id,
                role: e.role,
                label: e.label.clone(),
                secret: e.secret,
                created_at: e.created_at,
                revoked_at: None,
            }),
            Event::StaffCodeRevoked(e) => {
                if let Some(c) = self.codes.iter_mut().find(|c| c.id == e.staff_code_id) {
                    c.revoked_at = Some(e.revoked_at);
                }
            }
            _ => {}
        }
    }

    /// Validates a label as typed for a new code: required, one line, at
    /// most [`MAX_LABEL_CHARS`], unique (ignoring case) among live codes.
    pub fn validate_label(&self, label: &str) -> Result<String, FieldError> {
        let label = v::required_line(Field::StaffLabel, label, MAX_LABEL_CHARS)?;
        let folded = label.to_lowercase();
        if self
            .codes
            .iter()
            .any(|c| c.is_live() && c.label.to_lowercase() == folded)
        {
            return Err(FieldError::new(
                Field::StaffLabel,
                Message::new("'{label}' already names a staff code of this conference")
                    .text("label", label.clone()),
            ));
        }
        Ok(label)
    }

    /// Decides `CreateStaffCode` for `conference`.
    pub fn create(
        &self,
        conference: ConferenceId,
        cmd: &CreateStaffCode,
    ) -> Result<Vec<Event>, DomainError> {
        if self.get(cmd.staff_code_id).is_some() {
            return Err(DomainError::Conflict(Message::new(
                "staff code already exists",
            )));
        }
        let label = self
            .validate_label(&cmd.label)
            .map_err(|e| DomainError::Validation(vec![e]))?;
        Ok(vec![
            StaffCodeCreated {
                conference_id: conference,
                staff_code_id: cmd.staff_code_id,
                role: cmd.role,
                label,
                secret: cmd.secret,
                created_at: cmd.at,
            }
            .into(),
        ])
    }

    /// Decides `RevokeStaffCode`: an unknown code is not found, a revoked
    /// one is refused (revoking twice says when it was).
    pub fn revoke(
        &self,
        conference: ConferenceId,
        id: StaffCodeId,
        at: DateTime<Utc>,
    ) -> Result<Vec<Event>, DomainError> {
        let code = self
            .get(id)
            .ok_or_else(|| DomainError::NotFound(Message::new("staff code not found")))?;
        if let Some(when) = code.revoked_at {
            return Err(DomainError::Conflict(
                Message::new("staff code '{label}' was already revoked at {time}")
                    .text("label", code.label.clone())
                    .instant("time", when),
            ));
        }
        Ok(vec![
            StaffCodeRevoked {
                conference_id: conference,
                staff_code_id: id,
                revoked_at: at,
            }
            .into(),
        ])
    }
}

#[cfg(test)]
mod tests {
    //! Given (the conference's past events) / when (a staff-code command) /
    //! then (events or the refusal).
    use super::*;
    use crate::domain::conference::{Conference, ConferenceCommand};
    use crate::domain::events::{ConferenceCreated, ConferenceInfo};
    use crate::domain::testing::given_when;
    use crate::domain::{Currency, DomainError};

    fn cid() -> ConferenceId {
        ConferenceId(Uuid::from_u128(1))
    }
    fn code_id(n: u128) -> StaffCodeId {
        StaffCodeId(Uuid::from_u128(500 + n))
    }
    fn at(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }
    fn created() -> Event {
        ConferenceCreated {
            conference_id: cid(),
            info: ConferenceInfo {
                name: "CQRS Summit".into(),
                description: String::new(),
                slug: "cqrs-summit".into(),
                start: "2026-12-01".parse().unwrap(),
                end: "2026-12-02".parse().unwrap(),
                owner_name: "Ana Souza".into(),
                owner_email: "ana@example.com".into(),
                currency: Currency::USD,
            },
            access_code: "ABCDE".into(),
        }
        .into()
    }
    fn secret(n: u8) -> StaffSecret {
        StaffSecret {
            salt: [n; 16],
            digest: [n; 32],
        }
    }
    fn create(n: u128, label: &str) -> ConferenceCommand {
        ConferenceCommand::CreateStaffCode(CreateStaffCode {
            staff_code_id: code_id(n),
            role: StaffRole::Door,
            label: label.into(),
            secret: secret(1),
            at: at("2026-11-30T09:00:00Z"),
        })
    }
    fn staff_created(n: u128, label: &str) -> Event {
        StaffCodeCreated {
            conference_id: cid(),
            staff_code_id: code_id(n),
            role: StaffRole::Door,
            label: label.into(),
            secret: secret(1),
            created_at: at("2026-11-30T09:00:00Z"),
        }
        .into()
    }
    fn revoked(n: u128) -> Event {
        StaffCodeRevoked {
            conference_id: cid(),
            staff_code_id: code_id(n),
            revoked_at: at("2026-11-30T10:00:00Z"),
        }
        .into()
    }
    fn field_rule(result: Result<Vec<Event>, DomainError>) -> (Field, String) {
        match result {
            Err(DomainError::Validation(f)) if f.len() == 1 => {
                (f[0].field.clone(), f[0].rule.to_string())
            }
            other => panic!("expected one field error, got {other:?}"),
        }
    }

    #[test]
    fn create_records_the_trimmed_label_role_and_digest() {
        let events = given_when(
            Conference::new(cid()),
            &[created()],
            &create(1, "  Door 2 "),
        );
        assert_eq!(events.unwrap(), vec![staff_created(1, "Door 2")]);
    }

    #[test]
    fn create_needs_a_conference() {
        let refused = given_when(Conference::new(cid()), &[], &create(1, "Door 2"));
        assert!(
            matches!(refused, Err(DomainError::NotFound(_))),
            "{refused:?}"
        );
    }

    #[test]
    fn a_label_is_required_one_line_and_at_most_40_characters() {
        let given = [created()];
        let (field, rule) = field_rule(given_when(Conference::new(cid()), &given, &create(1, " ")));
        assert_eq!((field, rule.as_str()), (Field::StaffLabel, "is required"));
        let long = "x".repeat(MAX_LABEL_CHARS + 1);
        let (field, _) = field_rule(given_when(
            Conference::new(cid()),
            &given,
            &create(1, &long),
        ));
        assert_eq!(field, Field::StaffLabel);
        let (field, _) = field_rule(given_when(
            Conference::new(cid()),
            &given,
            &create(1, "Door\n2"),
        ));
        assert_eq!(field, Field::StaffLabel);
        let ok = "x".repeat(MAX_LABEL_CHARS);
        assert!(given_when(Conference::new(cid()), &given, &create(1, &ok)).is_ok());
    }

    #[test]
    fn a_label_is_unique_among_live_codes_ignoring_case() {
        let given = [created(), staff_created(1, "Door 2")];
        let (field, rule) = field_rule(given_when(
            Conference::new(cid()),
            &given,
            &create(2, "door 2"),
        ));
        assert_eq!(field, Field::StaffLabel);
        assert!(rule.contains("already names a staff code"), "{rule}");
        // Once revoked, the label is free again.
        let given = [created(), staff_created(1, "Door 2"), revoked(1)];
        assert!(given_when(Conference::new(cid()), &given, &create(2, "Door 2")).is_ok());
    }

    #[test]
    fn the_same_id_twice_is_a_conflict() {
        let given = [created(), staff_created(1, "Door 2")];
        let refused = given_when(Conference::new(cid()), &given, &create(1, "Door 3"));
        assert!(
            matches!(refused, Err(DomainError::Conflict(_))),
            "{refused:?}"
        );
    }

    #[test]
    fn revoke_records_when_and_revoking_twice_is_refused() {
        let revoke = ConferenceCommand::RevokeStaffCode {
            staff_code_id: code_id(1),
            at: at("2026-11-30T10:00:00Z"),
        };
        let given = [created(), staff_created(1, "Door 2")];
        let events = given_when(Conference::new(cid()), &given, &revoke).unwrap();
        assert_eq!(events, vec![revoked(1)]);
        let given = [created(), staff_created(1, "Door 2"), revoked(1)];
        match given_when(Conference::new(cid()), &given, &revoke) {
            Err(DomainError::Conflict(m)) => {
                assert_eq!(
                    m.to_string(),
                    "staff code 'Door 2' was already revoked at 10:00 UTC"
                );
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn revoking_an_unknown_code_is_not_found() {
        let revoke = ConferenceCommand::RevokeStaffCode {
            staff_code_id: code_id(9),
            at: at("2026-11-30T10:00:00Z"),
        };
        let refused = given_when(Conference::new(cid()), &[created()], &revoke);
        assert!(
            matches!(refused, Err(DomainError::NotFound(_))),
            "{refused:?}"
        );
    }
}
