//! What an organizer does: create a conference, edit it, publish, add and
//! change seat types, and look at its orders and attendees — the
//! [`Organizer`] service over the journal. Everything but creating takes a
//! [`ConferenceAccess`], which only the access guard makes from the owner's
//! e-mail and access code ([`Desk::authorize_organizer`],
//! [`Desk::open_conference`]).

use crate::app::auth::{ConferenceAccess, OrganizerKey, Right, draw_code, require};
use crate::app::journal::Journal;
use crate::app::projections::{ConferenceView, OrderView, PurchasedSeat};
use crate::app::seat_type_draft::{SeatTypeChanges, SeatTypeDraft};
use crate::app::{AppError, Desk};
use crate::domain::AggregateCommand;
use crate::domain::conference::ConferenceCommand;
use crate::domain::events::ConferenceInfo;
use crate::domain::seats_availability::AvailabilityCommand;
use crate::domain::validation::CONFERENCE_CODE_LEN;
use crate::domain::{ConferenceId, Field, Message, SeatTypeId};
use std::ops::Deref;
use uuid::Uuid;

mod staff;
pub use staff::NewStaffCode;
mod money;

impl Desk {
    /// "Open my conference" with the owner e-mail and access code alone (the
    /// window asks for no slug). Wrong codes count against every conference
    /// of that e-mail; unknown e-mails get the same neutral answer. Returns
    /// the key that opened it (desk mode asks for its code again) and the
    /// access.
    pub fn open_conference(
        &mut self,
        email: &str,
        access_code: &str,
    ) -> Result<(OrganizerKey, ConferenceAccess), AppError> {
        let email = email.trim();
        // A code that cannot be one is a typing mistake: named, not counted.
        let code = crate::domain::validation::access_code(
            Field::AccessCode,
            access_code,
            CONFERENCE_CODE_LEN,
        )?;
        let conferences = &self.read_models().conferences;
        let candidates: Vec<(String, bool)> = conferences
            .all()
            .into_iter()
            .filter(|c| c.info.owner_email.eq_ignore_ascii_case(email))
            .map(|c| {
                let matches =
                    conferences
                        .credentials(&c.info.slug)
                        .is_some_and(|(_, _, stored)| {
                            crate::domain::validation::constant_time_eq(stored, &code)
                        });
                (c.info.slug, matches)
            })
            .collect();
        let mut last = AppError::NotFound(crate::app::auth::ORGANIZER_DENIED.into());
        let key = |slug: &str| OrganizerKey {
            slug: slug.to_string(),
            email: email.to_string(),
            access_code: code.clone(),
        };
        if let Some((slug, _)) = candidates.iter().find(|(_, m)| *m) {
            let key = key(slug);
            let access = self.authorize_organizer(&key)?;
            return Ok((key, access));
        }
        for (slug, _) in &candidates {
            if let Err(e) = self.authorize_organizer(&key(slug))
                && (matches!(e, AppError::Locked { .. })
                    || !matches!(last, AppError::Locked { .. }))
            {
                last = e;
            }
        }
        Err(last)
    }
}

/// The organizer's service: reads through `&Journal`
/// ([`Desk::organizer`]), actions through `&mut Journal`
/// ([`Desk::organizer_mut`]).
pub struct Organizer<J> {
    journal: J,
}

impl<J: Deref<Target = Journal>> Organizer<J> {
    /// The service over `journal`.
    pub(crate) fn new(journal: J) -> Self {
        Self { journal }
    }

    /// Every rule a conference form breaks, as typed: the domain's field rules
    /// plus slug uniqueness (`owner` is the conference being edited, if any).
    pub fn check_conference_input(
        &self,
        input: &ConferenceInfo,
        owner: Option<ConferenceId>,
    ) -> Vec<crate::domain::FieldError> {
        let mut errors = match crate::domain::conference::Conference::validate_info(input) {
            Ok(_) => Vec::new(),
            Err(crate::domain::DomainError::Validation(f)) => f,
            Err(e) => vec![crate::domain::FieldError::new(
                Field::Conference,
                e.message(),
            )],
        };
        if let Err(AppError::Validation(f)) = self.check_slug_free(&input.slug, owner) {
            errors.extend(f);
        }
        errors
    }

    /// Every rule a seat-type row breaks, as typed, for a live check: the
    /// numbers that do not parse, the aggregate's rules (name, uniqueness,
    /// ranges) and, for an existing seat type (`editing`), a quota below
    /// what is reserved and sold. Empty when Save or Add would pass them.
    pub fn check_seat_type(
        &self,
        access: &ConferenceAccess,
        editing: Option<SeatTypeId>,
        draft: &SeatTypeDraft,
    ) -> Vec<crate::domain::FieldError> {
        let id = access.conference();
        let (Ok(view), Some(conference)) = (
            self.conference_view(id),
            self.journal.write_model().conferences.get(&id),
        ) else {
            return Vec::new();
        };
        let (input, mut errors) = draft.probe(view.info.currency);
        // A new row is checked as a seat type no other has: a fresh id.
        let seat_type = editing.unwrap_or(SeatTypeId(Uuid::nil()));
        if let Err(crate::domain::DomainError::Validation(f)) =
            conference.validate_seat(seat_type, &input)
        {
            // A stand-in number never adds a rule to its own unparsed field.
            let rules: Vec<_> = f
                .into_iter()
                .filter(|e| !errors.iter().any(|p| p.field == e.field))
                .collect();
            errors.extend(rules);
        }
        let held = editing
            .and_then(|s| view.seat_types.iter().find(|v| v.id == s))
            .map(|v| (v.reserved, v.sold));
        if let Some((reserved, sold)) = held
            && errors.iter().all(|e| e.field != Field::Quota)
            && input.quota < reserved + sold
        {
            errors.push(crate::app::seat_type_draft::quota_below_held(
                reserved, sold,
            ));
        }
        errors
    }

    /// The conference with seat types and counts.
    pub fn organizer_conference(
        &self,
        access: &ConferenceAccess,
    ) -> Result<ConferenceView, AppError> {
        self.require(access)?;
        self.conference_view(access.conference())
    }

    /// Refuses an access that is not the organizer's (a staff code's), or
    /// a staff code revoked since.
    fn require(&self, access: &ConferenceAccess) -> Result<(), AppError> {
        require(self.journal.write_model(), access, Right::Organize)
    }

    /// The conference's orders, oldest first.
    /// Empty for a staff code's access: staff see no orders list.
    pub fn organizer_orders(&self, access: &ConferenceAccess) -> Vec<OrderView> {
        if self.require(access).is_err() {
            return Vec::new();
        }
        self.journal
            .read_models()
            .orders
            .for_conference(access.conference())
            .into_iter()
            .cloned()
            .collect()
    }

    /// Every purchased seat of the conference (seats exist once an order
    /// is paid): orders by placement, then position.
    /// Empty for a staff code's access (the door searches instead).
    pub fn organizer_attendees(&self, access: &ConferenceAccess) -> Vec<PurchasedSeat> {
        if self.require(access).is_err() {
            return Vec::new();
        }
        self.journal
            .read_models()
            .purchased_seats(access.conference(), self.journal.now())
    }

    /// A conference by id, for the app's own look-ups (a registrant's
    /// order names its conference); organizers go through
    /// [`Organizer::organizer_conference`].
    pub(crate) fn conference_view(&self, id: ConferenceId) -> Result<ConferenceView, AppError> {
        self.journal
            .read_models()
            .conferences
            .get(id)
            .ok_or_else(|| AppError::NotFound(Message::new("conference not found")))
    }

    fn check_slug_free(&self, slug: &str, owner: Option<ConferenceId>) -> Result<(), AppError> {
        match self.journal.write_model().slugs.get(slug.trim()) {
            Some(id) if Some(*id) != owner => Err(AppError::field(
                Field::Slug,
                Message::new("'{slug}' is already used by another conference")
                    .text("slug", slug.trim()),
            )),
            _ => Ok(()),
        }
    }
}

impl Organizer<&mut Journal> {
    /// Creates a conference; returns its id and access code.
    pub fn create_conference(
        &mut self,
        input: ConferenceInfo,
    ) -> Result<(ConferenceId, String), AppError> {
        self.check_slug_free(&input.slug, None)?;
        let id = ConferenceId(Uuid::now_v7());
        let access_code = draw_code(CONFERENCE_CODE_LEN);
        let cmd = ConferenceCommand::CreateConference {
            conference_id: id,
            input,
            access_code: access_code.clone(),
        };
        self.journal
            .commit(vec![AggregateCommand::Conference(id, cmd)])?;
        Ok((id, access_code))
    }

    /// Changes a conference's details.
    pub fn update_conference(
        &mut self,
        access: &ConferenceAccess,
        input: ConferenceInfo,
    ) -> Result<(), AppError> {
        self.require(access)?;
        let id = access.conference();
        self.check_slug_free(&input.slug, Some(id))?;
        self.journal.commit(vec![AggregateCommand::Conference(
            id,
            ConferenceCommand::UpdateConference { input },
        )])?;
        Ok(())
    }

    /// Publishes (`true`) or unpublishes (`false`).
    pub fn set_published(
        &mut self,
        access: &ConferenceAccess,
        published: bool,
    ) -> Result<(), AppError> {
        self.require(access)?;
        let id = access.conference();
        let cmd = if published {
            ConferenceCommand::PublishConference
        } else {
            ConferenceCommand::UnpublishConference
        };
        self.journal
            .commit(vec![AggregateCommand::Conference(id, cmd)])?;
        Ok(())
    }

    /// Adds a seat type; returns its id.
    pub fn add_seat_type(
        &mut self,
        access: &ConferenceAccess,
        draft: SeatTypeDraft,
    ) -> Result<SeatTypeId, AppError> {
        self.require(access)?;
        let id = access.conference();
        let input = draft.parse(self.conference_view(id)?.info.currency)?;
        let seat_type = SeatTypeId(Uuid::now_v7());
        self.journal.commit(vec![AggregateCommand::Conference(
            id,
            ConferenceCommand::CreateSeat { seat_type, input },
        )])?;
        Ok(seat_type)
    }

    /// Changes the seat type `seat_type` of the conference.
    pub fn update_seat_type(
        &mut self,
        access: &ConferenceAccess,
        seat_type: SeatTypeId,
        changes: SeatTypeChanges,
    ) -> Result<(), AppError> {
        self.require(access)?;
        let id = access.conference();
        let view = self.conference_view(id)?;
        let current = seat_type_of(&view, seat_type)?;
        let input = changes.apply_to(current, view.info.currency)?;
        let cmd = ConferenceCommand::UpdateSeat {
            seat_type: current.id,
            input,
        };
        self.journal
            .commit(vec![AggregateCommand::Conference(id, cmd)])?;
        Ok(())
    }

    /// Removes the seat type `seat_type` of the conference; refused (a
    /// conflict, nothing written) while any of its seats is reserved or sold.
    pub fn remove_seat_type(
        &mut self,
        access: &ConferenceAccess,
        seat_type: SeatTypeId,
    ) -> Result<(), AppError> {
        self.require(access)?;
        let id = access.conference();
        let view = self.conference_view(id)?;
        let seat_type = seat_type_of(&view, seat_type)?.id;
        // SeatsAvailability decides first (it refuses while a seat is held,
        // and takes the free ones off sale), then the seat type goes: in
        // this order the read models see its last seats leave before it
        // does. One action: both or neither are written.
        self.journal.commit(vec![
            AggregateCommand::Availability(id, AvailabilityCommand::RemoveSeatType { seat_type }),
            AggregateCommand::Conference(id, ConferenceCommand::DeleteSeat { seat_type }),
        ])?;
        Ok(())
    }
}

/// The seat type `seat_type` of `view`, or a refusal naming it.
fn seat_type_of(
    view: &ConferenceView,
    seat_type: SeatTypeId,
) -> Result<&crate::app::projections::SeatTypeView, AppError> {
    view.seat_types
        .iter()
        .find(|s| s.id == seat_type)
        .ok_or_else(|| {
            AppError::field(
                Field::SeatType,
                Message::new("'{name}' is not a seat type of this conference")
                    .text("name", seat_type),
            )
        })
}
