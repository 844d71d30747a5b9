//! Staff codes at the access guard (issue 18 item 2): drawing a code and
//! the salted digest the log keeps of it, and checking a slug with a staff
//! code into a [`ConferenceAccess`] with that code's role.
//!
//! Wrong staff codes are counted per conference in their own entry of the
//! access file (`staff`), apart from the organizer's: five wrong staff
//! codes lock staff log-ins to that conference for five minutes, while the
//! organizer can still open it and the organizer's own count is untouched
//! (door staff can no longer lock the organizer out). A code is compared
//! with every live code of the conference, digest against digest in
//! constant time, whichever matches, so the time taken says nothing.

use super::{AccessGuard, ConferenceAccess, Right, Scope, Verdict};
use crate::app::AppError;
use crate::app::write_model::WriteModel;
use crate::domain::staff_code::{STAFF_CODE_LEN, StaffCode, StaffRole, StaffSecret};
use crate::domain::validation::access_code;
use crate::domain::{Field, Message};
use chrono::{DateTime, Utc};
use rand::Rng as _;
use sha2::{Digest as _, Sha256};

/// The one answer for an unknown slug or a wrong staff code.
pub const STAFF_DENIED: &str = "no conference matches that slug and staff code";

/// What door or desk staff present: the conference's slug and their code
/// (they do not know the organizer's e-mail).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffKey {
    /// Conference slug.
    pub slug: String,
    /// The staff code as typed.
    pub code: String,
}

/// Draws a new staff code (7 characters from the code alphabet, CSPRNG)
/// and the secret the log keeps of it: a fresh 16-byte salt and the digest.
pub fn draw_staff_code() -> (String, StaffSecret) {
    let code = super::draw_code(STAFF_CODE_LEN);
    let mut salt = [0_u8; 16];
    rand::rng().fill(&mut salt);
    let secret = StaffSecret {
        salt,
        digest: digest(&salt, &code),
    };
    (code, secret)
}

/// SHA-256(salt ‖ code).
fn digest(salt: &[u8; 16], code: &str) -> [u8; 32] {
    let mut h = Sha256::new();
    h.update(salt);
    h.update(code.as_bytes());
    h.finalize().into()
}

/// Whether `code` (normalised) is the one `secret` was made from; the
/// digests are compared in time independent of where they differ.
fn matches(secret: &StaffSecret, code: &str) -> bool {
    let d = digest(&secret.salt, code);
    d.iter()
        .zip(secret.digest.iter())
        .fold(0_u8, |acc, (x, y)| acc | (x ^ y))
        == 0
}

/// The live code of `codes` that `code` is, comparing with every one.
fn find_code<'a>(codes: &'a [StaffCode], code: &str) -> Option<&'a StaffCode> {
    let mut found = None;
    for c in codes.iter().filter(|c| c.is_live()) {
        if matches(&c.secret, code) && found.is_none() {
            found = Some(c);
        }
    }
    found
}

/// The refusal while staff log-ins to a conference are locked (exit 4).
pub fn staff_locked(until: DateTime<Utc>) -> AppError {
    AppError::Conflict(
        Message::new(
            "too many wrong staff codes: staff log-ins to this conference are locked until {time}",
        )
        .instant("time", until),
    )
}

/// Refuses `access` for `right`: a role without it (exit 4, saying what
/// the code can do), or a staff code revoked since it was checked (also by
/// another desk, once caught up). The organizer's access passes.
pub fn require(
    model: &WriteModel,
    access: &ConferenceAccess,
    right: Right,
) -> Result<(), AppError> {
    let Some((id, role)) = access.staff_code() else {
        return Ok(());
    };
    let code = model
        .conferences
        .get(&access.conference())
        .and_then(|c| c.staff.get(id))
        .ok_or_else(|| AppError::NotFound(STAFF_DENIED.into()))?;
    if !code.is_live() {
        return Err(AppError::Conflict(
            Message::new("staff code '{label}' was revoked; ask the organizer for a new one")
                .text("label", code.label.clone()),
        ));
    }
    if access.allows(right) {
        return Ok(());
    }
    Err(AppError::Conflict(match role {
        StaffRole::Door => {
            Message::new("a door staff code can only search, check in and take check-ins back")
        }
        StaffRole::Desk => Message::new("a desk staff code can only sell"),
    }))
}

impl AccessGuard {
    /// Checks a slug with a staff code: on success, access with that
    /// code's role. A code that cannot be one (wrong length, O or 0) is a
    /// typing mistake, named and not counted; a wrong or revoked code and
    /// an unknown slug get the same answer.
    pub fn check_staff(
        &mut self,
        model: &WriteModel,
        key: &StaffKey,
        now: DateTime<Utc>,
    ) -> Result<ConferenceAccess, AppError> {
        let code = access_code(Field::StaffCode, &key.code, STAFF_CODE_LEN)?;
        let Some(conference) = model
            .slugs
            .get(key.slug.trim())
            .and_then(|id| model.conferences.get(id))
        else {
            return Err(AppError::NotFound(STAFF_DENIED.into()));
        };
        let found = find_code(conference.staff.all(), &code);
        match self.attempt(&Scope::Staff(conference.id), found.is_some(), now)? {
            Verdict::Allowed => match found {
                Some(c) => Ok(ConferenceAccess::staff(conference.id, c.id, c.role)),
                None => Err(AppError::NotFound(STAFF_DENIED.into())),
            },
            Verdict::Wrong => Err(AppError::NotFound(STAFF_DENIED.into())),
            Verdict::Locked(until) => Err(staff_locked(until)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_drawn_code_is_seven_characters_and_matches_only_its_own_digest() {
        let (code, secret) = draw_staff_code();
        assert_eq!(code.len(), STAFF_CODE_LEN);
        assert!(matches(&secret, &code));
        let (other, other_secret) = draw_staff_code();
        assert_ne!(secret.salt, other_secret.salt, "a fresh salt each time");
        assert!(!matches(&secret, &other) || other == code);
        assert!(!matches(&secret, &code[..6]));
    }
}
