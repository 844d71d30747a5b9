//! Conference management: a conference's details, publication and seat
//! types. Slug uniqueness spans conferences, so the app checks it; quota
//! changes are mirrored onto SeatsAvailability by the app's cascade, which
//! refuses a quota below what is reserved or sold.

use crate::domain::events::{
    ConferenceCreated, ConferenceInfo, ConferencePublished, ConferenceUnpublished,
    ConferenceUpdated, SeatCreated, SeatDeleted, SeatInfo, SeatUpdated,
};
use crate::domain::staff_code::{CreateStaffCode, StaffCodeId, StaffCodes};
use crate::domain::validation::{self as v, CONFERENCE_CODE_LEN};
use crate::domain::{Aggregate, ConferenceId, DomainError, Event, FieldError, Money, SeatTypeId};
use crate::domain::{Field, Message};
use chrono::{DateTime, Utc};

/// Largest quota of one seat type.
pub const MAX_QUOTA: i64 = 1_000_000;

/// A seat type as the aggregate's commands take it: typed values, not yet
/// validated (the quota may be out of range, so the aggregate can name the
/// rule); the validated, stored form is the event payload [`SeatInfo`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeatInput {
    /// Display name, unique in the conference.
    pub name: String,
    /// Free text.
    pub description: String,
    /// Seats on sale (0 ..= [`MAX_QUOTA`]).
    pub quota: i64,
    /// Price of one seat (≥ 0, in the conference's currency).
    pub price: Money,
}

/// Commands of the conference aggregate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConferenceCommand {
    /// Create it with a freshly drawn access code. `input` holds the details
    /// as typed (the event payload's shape, not yet trimmed or validated).
    CreateConference {
        conference_id: ConferenceId,
        input: ConferenceInfo,
        access_code: String,
    },
    /// Change its details.
    UpdateConference { input: ConferenceInfo },
    /// Show it to registrants.
    PublishConference,
    /// Hide it from registrants.
    UnpublishConference,
    /// Add a seat type.
    CreateSeat {
        seat_type: SeatTypeId,
        input: SeatInput,
    },
    /// Change a seat type.
    UpdateSeat {
        seat_type: SeatTypeId,
        input: SeatInput,
    },
    /// Remove a seat type. The app asks SeatsAvailability first, in the
    /// same action: it refuses while any seat of it is reserved or sold.
    DeleteSeat { seat_type: SeatTypeId },
    /// Make a code for door or desk staff (see [`crate::domain::staff_code`]).
    CreateStaffCode(CreateStaffCode),
    /// Stop a staff code from working.
    RevokeStaffCode {
        staff_code_id: StaffCodeId,
        at: DateTime<Utc>,
    },
}

/// The conference aggregate's state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conference {
    /// Its id.
    pub id: ConferenceId,
    /// Details, once created.
    pub info: Option<ConferenceInfo>,
    /// The organizer's access code.
    pub access_code: String,
    /// Visible to registrants.
    pub published: bool,
    /// Seat types in creation order.
    pub seats: Vec<(SeatTypeId, SeatInfo)>,
    /// Codes for door and desk staff.
    pub staff: StaffCodes,
}

impl Conference {
    /// A conference that does not exist yet.
    pub fn new(id: ConferenceId) -> Self {
        Self {
            id,
            info: None,
            access_code: String::new(),
            published: false,
            seats: Vec::new(),
            staff: StaffCodes::default(),
        }
    }

    /// A seat type's details.
    pub fn seat(&self, id: SeatTypeId) -> Option<&SeatInfo> {
        self.seats.iter().find(|(s, _)| *s == id).map(|(_, i)| i)
    }

    fn created(&self) -> Result<&ConferenceInfo, DomainError> {
        self.info
            .as_ref()
            .ok_or_else(|| DomainError::NotFound(Message::new("conference not found")))
    }

    /// Validates details as typed (the same rules `CreateConference`
    /// applies): the same shape back, trimmed.
    pub fn validate_info(input: &ConferenceInfo) -> Result<ConferenceInfo, DomainError> {
        let mut errors = Vec::new();
        let mut take = |r: Result<String, FieldError>| match r {
            Ok(s) => s,
            Err(e) => {
                errors.push(e);
                String::new()
            }
        };
        let name = take(v::required_line(
            Field::Name,
            &input.name,
            v::MAX_NAME_CHARS,
        ));
        let description = take(v::multiline_text(
            Field::Description,
            &input.description,
            v::MAX_DESCRIPTION_CHARS,
        ));
        let slug = take(v::slug(&input.slug));
        let owner_name = take(v::required_line(
            Field::OwnerName,
            &input.owner_name,
            v::MAX_NAME_CHARS,
        ));
        let owner_email = take(v::email(Field::OwnerEmail, &input.owner_email));
        if input.end < input.start {
            errors.push(FieldError::new(
                Field::End,
                Message::new("must be on or after the start date"),
            ));
        }
        if !errors.is_empty() {
            return Err(DomainError::Validation(errors));
        }
        Ok(ConferenceInfo {
            name,
            description,
            slug,
            start: input.start,
            end: input.end,
            owner_name,
            owner_email,
            currency: input.currency,
        })
    }

    /// Validates a seat type as typed for the seat type `id` (new or
    /// existing): every broken rule, or the validated payload.
    pub fn validate_seat(
        &self,
        id: SeatTypeId,
        input: &SeatInput,
    ) -> Result<SeatInfo, DomainError> {
        let info = self.created()?;
        let mut errors = Vec::new();
        let name = v::required_line(Field::SeatTypeName, &input.name, v::MAX_NAME_CHARS)
            .unwrap_or_else(|e| {
                errors.push(e);
                String::new()
            });
        let description = v::multiline_text(
            Field::SeatTypeDescription,
            &input.description,
            v::MAX_DESCRIPTION_CHARS,
        )
        .unwrap_or_else(|e| {
            errors.push(e);
            String::new()
        });
        let taken = self
            .seats
            .iter()
            .any(|(s, i)| *s != id && i.name.to_lowercase() == name.to_lowercase());
        if !name.is_empty() && taken {
            errors.push(FieldError::new(
                Field::SeatTypeName,
                Message::new("'{name}' is already a seat type of this conference")
                    .text("name", name.clone()),
            ));
        }
        if !(0..=MAX_QUOTA).contains(&input.quota) {
            errors.push(FieldError::new(
                Field::Quota,
                Message::new("must be between 0 and {max}").count("max", MAX_QUOTA),
            ));
        }
        if input.price.minor < 0 {
            errors.push(FieldError::new(
                Field::Price,
                Message::new("must be 0 or more"),
            ));
        }
        if input.price.currency != info.currency {
            errors.push(FieldError::new(
                Field::Price,
                Message::new("must be in {currency}, the conference's currency")
                    .text("currency", info.currency.code()),
            ));
        }
        if !errors.is_empty() {
            return Err(DomainError::Validation(errors));
        }
        let quota = u32::try_from(input.quota).unwrap_or(0); // range checked above
        Ok(SeatInfo {
            name,
            description,
            quota,
            price: input.price,
        })
    }
}

impl Aggregate for Conference {
    type Command = ConferenceCommand;

    fn apply(&mut self, event: &Event) {
        match event {
            Event::ConferenceCreated(e) => {
                self.info = Some(e.info.clone());
                self.access_code.clone_from(&e.access_code);
            }
            Event::ConferenceUpdated(e) => self.info = Some(e.info.clone()),
            Event::ConferencePublished(_) => self.published = true,
            Event::ConferenceUnpublished(_) => self.published = false,
            Event::SeatCreated(e) => self.seats.push((e.seat_type, e.info.clone())),
            Event::SeatUpdated(e) => {
                if let Some((_, info)) = self.seats.iter_mut().find(|(s, _)| *s == e.seat_type) {
                    *info = e.info.clone();
                }
            }
            Event::SeatDeleted(e) => self.seats.retain(|(s, _)| *s != e.seat_type),
            Event::StaffCodeCreated(_) | Event::StaffCodeRevoked(_) => self.staff.apply(event),
            _ => {}
        }
    }

    fn handle(&self, command: &ConferenceCommand) -> Result<Vec<Event>, DomainError> {
        let id = self.id;
        match command {
            ConferenceCommand::CreateConference {
                conference_id,
                input,
                access_code,
            } => {
                if self.info.is_some() {
                    return Err(DomainError::Conflict(Message::new(
                        "conference already exists",
                    )));
                }
                if !v::is_access_code_shape(access_code, CONFERENCE_CODE_LEN) {
                    return Err(DomainError::field(
                        Field::AccessCode,
                        Message::new("must be 5 letters or digits from the code alphabet"),
                    ));
                }
                let info = Self::validate_info(input)?;
                Ok(vec![
                    ConferenceCreated {
                        conference_id: *conference_id,
                        info,
                        access_code: access_code.clone(),
                    }
                    .into(),
                ])
            }
            ConferenceCommand::UpdateConference { input } => {
                let current = self.created()?;
                let info = Self::validate_info(input)?;
                if info.currency != current.currency && !self.seats.is_empty() {
                    return Err(DomainError::field(
                        Field::Currency,
                        Message::new("cannot change once seat types are priced in {currency}")
                            .text("currency", current.currency.code()),
                    ));
                }
                if &info == current {
                    return Ok(vec![]);
                }
                Ok(vec![
                    ConferenceUpdated {
                        conference_id: id,
                        info,
                    }
                    .into(),
                ])
            }
            ConferenceCommand::PublishConference => {
                self.created()?;
                Ok(if self.published {
                    vec![]
                } else {
                    vec![ConferencePublished { conference_id: id }.into()]
                })
            }
            ConferenceCommand::UnpublishConference => {
                self.created()?;
                Ok(if self.published {
                    vec![ConferenceUnpublished { conference_id: id }.into()]
                } else {
                    vec![]
                })
            }
            ConferenceCommand::CreateSeat { seat_type, input } => {
                if self.seat(*seat_type).is_some() {
                    return Err(DomainError::Conflict(Message::new(
                        "seat type already exists",
                    )));
                }
                let info = self.validate_seat(*seat_type, input)?;
                Ok(vec![
                    SeatCreated {
                        conference_id: id,
                        seat_type: *seat_type,
                        info,
                    }
                    .into(),
                ])
            }
            ConferenceCommand::UpdateSeat { seat_type, input } => {
                let current = self
                    .seat(*seat_type)
                    .ok_or_else(|| DomainError::NotFound(Message::new("seat type not found")))?;
                let info = self.validate_seat(*seat_type, input)?;
                if &info == current {
                    return Ok(vec![]);
                }
                Ok(vec![
                    SeatUpdated {
                        conference_id: id,
                        seat_type: *seat_type,
                        info,
                    }
                    .into(),
                ])
            }
            ConferenceCommand::DeleteSeat { seat_type } => {
                self.seat(*seat_type)
                    .ok_or_else(|| DomainError::NotFound(Message::new("seat type not found")))?;
                Ok(vec![
                    SeatDeleted {
                        conference_id: id,
                        seat_type: *seat_type,
                    }
                    .into(),
                ])
            }
            ConferenceCommand::CreateStaffCode(cmd) => {
                self.created()?;
                self.staff.create(id, cmd)
            }
            ConferenceCommand::RevokeStaffCode { staff_code_id, at } => {
                self.created()?;
                self.staff.revoke(id, *staff_code_id, *at)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Currency;
    use crate::domain::testing::given_when;
    use chrono::NaiveDate;
    use uuid::Uuid;

    fn cid() -> ConferenceId {
        ConferenceId(Uuid::from_u128(1))
    }
    fn sid(n: u128) -> SeatTypeId {
        SeatTypeId(Uuid::from_u128(100 + n))
    }
    fn date(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }
    fn input() -> ConferenceInfo {
        ConferenceInfo {
            name: "CQRS Summit".into(),
            description: "Event sourcing, for real".into(),
            slug: "cqrs-summit".into(),
            start: date("2026-12-01"),
            end: date("2026-12-02"),
            owner_name: "Ana Souza".into(),
            owner_email: "ana@example.com".into(),
            currency: Currency::USD,
        }
    }
    fn created() -> Vec<Event> {
        let cmd = ConferenceCommand::CreateConference {
            conference_id: cid(),
            input: input(),
            access_code: "ABCDE".into(),
        };
        given_when(Conference::new(cid()), &[], &cmd).unwrap()
    }
    fn seat(name: &str, quota: i64, price: i64) -> SeatInput {
        SeatInput {
            name: name.into(),
            description: String::new(),
            quota,
            price: Money::new(price, Currency::USD),
        }
    }

    #[test]
    fn create_emits_conference_created_with_trimmed_fields() {
        let mut i = input();
        i.name = "  CQRS Summit  ".into();
        let cmd = ConferenceCommand::CreateConference {
            conference_id: cid(),
            input: i,
            access_code: "ABCDE".into(),
        };
        let events = given_when(Conference::new(cid()), &[], &cmd).unwrap();
        let [Event::ConferenceCreated(e)] = events.as_slice() else {
            panic!("{events:?}")
        };
        assert_eq!(e.info.name, "CQRS Summit");
        assert_eq!(e.access_code, "ABCDE");
    }

    #[test]
    fn create_names_every_bad_field() {
        let mut i = input();
        i.name = String::new();
        i.slug = "Bad Slug".into();
        i.owner_email = "nope".into();
        i.end = date("2026-11-30");
        let cmd = ConferenceCommand::CreateConference {
            conference_id: cid(),
            input: i,
            access_code: "ABCDE".into(),
        };
        let Err(DomainError::Validation(errs)) = given_when(Conference::new(cid()), &[], &cmd)
        else {
            panic!()
        };
        let fields: Vec<_> = errs.iter().map(|e| e.field.to_string()).collect();
        assert_eq!(fields, ["name", "slug", "owner email", "end"]);
    }

    #[test]
    fn create_twice_is_a_conflict() {
        let cmd = ConferenceCommand::CreateConference {
            conference_id: cid(),
            input: input(),
            access_code: "ABCDE".into(),
        };
        let r = given_when(Conference::new(cid()), &created(), &cmd);
        assert!(matches!(r, Err(DomainError::Conflict(_))));
    }

    #[test]
    fn publish_then_unpublish_and_publish_twice_is_a_no_op() {
        let mut given = created();
        let e = given_when(
            Conference::new(cid()),
            &given,
            &ConferenceCommand::PublishConference,
        )
        .unwrap();
        assert_eq!(
            e,
            vec![Event::ConferencePublished(ConferencePublished {
                conference_id: cid()
            })]
        );
        given.extend(e);
        assert!(
            given_when(
                Conference::new(cid()),
                &given,
                &ConferenceCommand::PublishConference
            )
            .unwrap()
            .is_empty()
        );
        let e = given_when(
            Conference::new(cid()),
            &given,
            &ConferenceCommand::UnpublishConference,
        )
        .unwrap();
        assert!(matches!(e.as_slice(), [Event::ConferenceUnpublished(_)]));
    }

    #[test]
    fn commands_on_a_missing_conference_are_not_found() {
        let r = given_when(
            Conference::new(cid()),
            &[],
            &ConferenceCommand::PublishConference,
        );
        assert!(matches!(r, Err(DomainError::NotFound(_))));
    }

    #[test]
    fn seat_rules_quota_price_currency_and_unique_name() {
        let mut given = created();
        given.extend(
            given_when(
                Conference::new(cid()),
                &given,
                &ConferenceCommand::CreateSeat {
                    seat_type: sid(1),
                    input: seat("General", 10, 19900),
                },
            )
            .unwrap(),
        );
        let cases = [
            (seat("general", 1, 1), "seat type name"),
            (seat("Workshop", -1, 1), "quota"),
            (seat("Workshop", MAX_QUOTA + 1, 1), "quota"),
            (seat("Workshop", 1, -5), "price"),
            (
                SeatInput {
                    price: Money::new(5, Currency::EUR),
                    ..seat("Workshop", 1, 1)
                },
                "price",
            ),
            (seat("", 1, 1), "seat type name"),
        ];
        for (input, field) in cases {
            let cmd = ConferenceCommand::CreateSeat {
                seat_type: sid(2),
                input: input.clone(),
            };
            let Err(DomainError::Validation(errs)) =
                given_when(Conference::new(cid()), &given, &cmd)
            else {
                panic!("{input:?} accepted")
            };
            assert_eq!(errs[0].field, field, "{input:?}");
        }
    }

    #[test]
    fn update_seat_emits_seat_updated_and_unchanged_is_a_no_op() {
        let mut given = created();
        given.extend(
            given_when(
                Conference::new(cid()),
                &given,
                &ConferenceCommand::CreateSeat {
                    seat_type: sid(1),
                    input: seat("General", 10, 19900),
                },
            )
            .unwrap(),
        );
        let same = ConferenceCommand::UpdateSeat {
            seat_type: sid(1),
            input: seat("General", 10, 19900),
        };
        assert!(
            given_when(Conference::new(cid()), &given, &same)
                .unwrap()
                .is_empty()
        );
        let more = ConferenceCommand::UpdateSeat {
            seat_type: sid(1),
            input: seat("General", 20, 19900),
        };
        let e = given_when(Conference::new(cid()), &given, &more).unwrap();
        let [Event::SeatUpdated(u)] = e.as_slice() else {
            panic!("{e:?}")
        };
        assert_eq!(u.info.quota, 20);
        let missing = ConferenceCommand::UpdateSeat {
            seat_type: sid(9),
            input: seat("X", 1, 1),
        };
        assert!(matches!(
            given_when(Conference::new(cid()), &given, &missing),
            Err(DomainError::NotFound(_))
        ));
    }

    #[test]
    fn currency_is_fixed_once_seats_exist() {
        let mut given = created();
        given.extend(
            given_when(
                Conference::new(cid()),
                &given,
                &ConferenceCommand::CreateSeat {
                    seat_type: sid(1),
                    input: seat("General", 10, 1),
                },
            )
            .unwrap(),
        );
        let mut i = input();
        i.currency = Currency::EUR;
        let Err(DomainError::Validation(errs)) = given_when(
            Conference::new(cid()),
            &given,
            &ConferenceCommand::UpdateConference { input: i },
        ) else {
            panic!()
        };
        assert_eq!(errs[0].field, "currency");
    }

    #[test]
    fn delete_seat_emits_seat_deleted_and_the_seat_type_is_gone() {
        let mut given = created();
        given.extend(
            given_when(
                Conference::new(cid()),
                &given,
                &ConferenceCommand::CreateSeat {
                    seat_type: sid(1),
                    input: seat("General", 10, 1),
                },
            )
            .unwrap(),
        );
        let delete = ConferenceCommand::DeleteSeat { seat_type: sid(1) };
        let e = given_when(Conference::new(cid()), &given, &delete).unwrap();
        assert_eq!(
            e,
            vec![Event::SeatDeleted(SeatDeleted {
                conference_id: cid(),
                seat_type: sid(1)
            })]
        );
        given.extend(e);
        // Gone: deleting again is not found, and its name is free again.
        assert!(matches!(
            given_when(Conference::new(cid()), &given, &delete),
            Err(DomainError::NotFound(_))
        ));
        let again = ConferenceCommand::CreateSeat {
            seat_type: sid(2),
            input: seat("General", 5, 1),
        };
        assert!(given_when(Conference::new(cid()), &given, &again).is_ok());
    }
}
