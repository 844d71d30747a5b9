//! SeatAssignments: created when an order is confirmed, one position per
//! purchased seat; each position can be given an attendee, changed or
//! emptied. The purchased seats never change here. Each seat also gets
//! its own ticket code once (`IssueTickets`): the codes are drawn by the
//! app and checked here for shape, count and a second issue.

use crate::domain::events::{
    PersonalInfo, SeatAssigned, SeatAssignmentUpdated, SeatAssignmentsCreated, SeatQuantity,
    SeatUnassigned, Ticket, TicketsIssued,
};
use crate::domain::validation as v;
use crate::domain::{Aggregate, ConferenceId, DomainError, Event, FieldError, OrderId, SeatTypeId};
use crate::domain::{Field, Message};

/// Commands of SeatAssignments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AssignmentsCommand {
    /// The order was confirmed with these seats.
    CreateSeatAssignments { seats: Vec<SeatQuantity> },
    /// Name the attendee of `position` (0-based).
    AssignSeat {
        position: u32,
        first_name: String,
        last_name: String,
        email: String,
    },
    /// Name the attendee of `position` at the door, just before checking
    /// them in: the e-mail may be left out there (nobody waits at the door
    /// for it to be spelled), and is checked when given.
    AssignSeatAtDoor {
        position: u32,
        first_name: String,
        last_name: String,
        email: Option<String>,
    },
    /// Empty `position`.
    UnassignSeat { position: u32 },
    /// Give every seat its ticket: `codes[i]` is position `i`'s code, drawn
    /// by the app (unique within the conference: the app checks what it
    /// can see). Refused before the seats exist, with the wrong number or
    /// shape of codes, and when the order's tickets were already issued.
    IssueTickets {
        conference_id: ConferenceId,
        codes: Vec<String>,
    },
}

/// One purchased seat.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Position {
    /// Its seat type.
    pub seat_type: SeatTypeId,
    /// Its attendee, once named.
    pub attendee: Option<PersonalInfo>,
    /// Its ticket code, once issued.
    pub ticket: Option<String>,
}

/// The seat assignments of one order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeatAssignments {
    /// The order.
    pub order_id: OrderId,
    /// Positions; empty until created.
    pub positions: Vec<Position>,
    created: bool,
}

impl SeatAssignments {
    /// Not created yet.
    pub fn new(order_id: OrderId) -> Self {
        Self {
            order_id,
            positions: Vec::new(),
            created: false,
        }
    }

    fn position(&self, position: u32) -> Result<&Position, DomainError> {
        if !self.created {
            return Err(DomainError::Conflict(Message::new(
                "seats can be assigned once the order is paid",
            )));
        }
        usize::try_from(position)
            .ok()
            .and_then(|p| self.positions.get(p))
            .ok_or_else(|| {
                FieldError::new(
                    Field::Position,
                    Message::new("must be 0 to {max}")
                        .count("max", self.positions.len().saturating_sub(1)),
                )
                .into()
            })
    }
}

impl SeatAssignments {
    /// Names `position`'s attendee; `email: None` leaves it empty. At the
    /// door (`at_door`) a one-word name ("Cher") is a whole name: the last
    /// name may stay empty there, where the person stands in front of the
    /// staff; an order's own attendee list still asks for both.
    fn assign(
        &self,
        position: u32,
        (first_name, last_name): (&str, &str),
        email: Option<&str>,
        at_door: bool,
    ) -> Result<Vec<Event>, DomainError> {
        let order_id = self.order_id;
        let current = self.position(position)?;
        let mut errors = Vec::new();
        let mut take = |r: Result<String, FieldError>| {
            r.unwrap_or_else(|e| {
                errors.push(e);
                String::new()
            })
        };
        let attendee = PersonalInfo {
            first_name: take(v::required_line(
                Field::AttendeeFirstName,
                first_name,
                v::MAX_NAME_CHARS,
            )),
            last_name: take(if at_door {
                v::optional_line(Field::AttendeeLastName, last_name, v::MAX_NAME_CHARS)
            } else {
                v::required_line(Field::AttendeeLastName, last_name, v::MAX_NAME_CHARS)
            }),
            email: match email {
                Some(email) => take(v::email(Field::AttendeeEmail, email)),
                None => String::new(),
            },
        };
        if !errors.is_empty() {
            return Err(DomainError::Validation(errors));
        }
        let assigned = SeatAssigned {
            order_id,
            position,
            seat_type: current.seat_type,
            attendee: attendee.clone(),
        };
        Ok(match &current.attendee {
            None => vec![assigned.into()],
            Some(old) if old == &attendee => vec![],
            Some(old)
                if !old.email.is_empty() && old.email.eq_ignore_ascii_case(&attendee.email) =>
            {
                vec![
                    SeatAssignmentUpdated {
                        order_id,
                        position,
                        attendee,
                    }
                    .into(),
                ]
            }
            Some(_) => vec![
                SeatUnassigned { order_id, position }.into(),
                assigned.into(),
            ],
        })
    }
}

impl SeatAssignments {
    /// Whether this order's tickets were issued (all at once, so one seat
    /// with a ticket means all of them).
    pub fn tickets_issued(&self) -> bool {
        self.positions.iter().any(|p| p.ticket.is_some())
    }

    fn issue_tickets(
        &self,
        conference_id: ConferenceId,
        codes: &[String],
    ) -> Result<Vec<Event>, DomainError> {
        if !self.created {
            return Err(DomainError::Conflict(Message::new(
                "tickets are issued once the order is paid",
            )));
        }
        if self.tickets_issued() {
            return Err(DomainError::Conflict(Message::new(
                "this order's tickets were already issued",
            )));
        }
        if codes.len() != self.positions.len() {
            return Err(FieldError::new(
                Field::TicketCode,
                Message::new("one code per seat: {n} needed").count("n", self.positions.len()),
            )
            .into());
        }
        let mut tickets = Vec::with_capacity(codes.len());
        for (position, code) in (0_u32..).zip(codes) {
            if !v::is_access_code_shape(code, v::TICKET_CODE_LEN) {
                return Err(FieldError::new(
                    Field::TicketCode,
                    Message::new(
                        "must be {n} characters: letters A-Z without I, L or O, digits 1-9",
                    )
                    .count("n", v::TICKET_CODE_LEN),
                )
                .into());
            }
            if tickets.iter().any(|t: &Ticket| &t.code == code) {
                return Err(FieldError::new(
                    Field::TicketCode,
                    Message::new("{code} is given to two seats").text("code", code.clone()),
                )
                .into());
            }
            tickets.push(Ticket {
                position,
                code: code.clone(),
            });
        }
        if tickets.is_empty() {
            return Ok(vec![]);
        }
        Ok(vec![
            TicketsIssued {
                order_id: self.order_id,
                conference_id,
                tickets,
            }
            .into(),
        ])
    }
}

impl Aggregate for SeatAssignments {
    type Command = AssignmentsCommand;

    fn apply(&mut self, event: &Event) {
        fn slot(s: &mut SeatAssignments, p: u32) -> Option<&mut Option<PersonalInfo>> {
            usize::try_from(p)
                .ok()
                .and_then(|p| s.positions.get_mut(p))
                .map(|x| &mut x.attendee)
        }
        match event {
            Event::SeatAssignmentsCreated(e) => {
                self.created = true;
                self.positions = e
                    .seats
                    .iter()
                    .map(|t| Position {
                        seat_type: *t,
                        attendee: None,
                        ticket: None,
                    })
                    .collect();
            }
            Event::SeatAssigned(e) => {
                if let Some(a) = slot(self, e.position) {
                    *a = Some(e.attendee.clone());
                }
            }
            Event::SeatAssignmentUpdated(e) => {
                if let Some(a) = slot(self, e.position) {
                    *a = Some(e.attendee.clone());
                }
            }
            Event::SeatUnassigned(e) => {
                if let Some(a) = slot(self, e.position) {
                    *a = None;
                }
            }
            Event::TicketsIssued(e) => {
                for t in &e.tickets {
                    let seat = usize::try_from(t.position)
                        .ok()
                        .and_then(|p| self.positions.get_mut(p));
                    if let Some(seat) = seat {
                        seat.ticket = Some(t.code.clone());
                    }
                }
            }
            _ => {}
        }
    }

    fn handle(&self, command: &AssignmentsCommand) -> Result<Vec<Event>, DomainError> {
        let order_id = self.order_id;
        match command {
            AssignmentsCommand::CreateSeatAssignments { seats } => {
                if self.created {
                    return Ok(vec![]);
                }
                let seats = seats
                    .iter()
                    .flat_map(|s| std::iter::repeat_n(s.seat_type, s.quantity as usize))
                    .collect();
                Ok(vec![SeatAssignmentsCreated { order_id, seats }.into()])
            }
            AssignmentsCommand::AssignSeat {
                position,
                first_name,
                last_name,
                email,
            } => self.assign(*position, (first_name, last_name), Some(email), false),
            AssignmentsCommand::AssignSeatAtDoor {
                position,
                first_name,
                last_name,
                email,
            } => self.assign(*position, (first_name, last_name), email.as_deref(), true),
            AssignmentsCommand::IssueTickets {
                conference_id,
                codes,
            } => self.issue_tickets(*conference_id, codes),
            AssignmentsCommand::UnassignSeat { position } => {
                let current = self.position(*position)?;
                Ok(match current.attendee {
                    Some(_) => vec![
                        SeatUnassigned {
                            order_id,
                            position: *position,
                        }
                        .into(),
                    ],
                    None => vec![],
                })
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::testing::given_when;
    use uuid::Uuid;

    const O: OrderId = OrderId(Uuid::from_u128(7));
    fn st(n: u128) -> SeatTypeId {
        SeatTypeId(Uuid::from_u128(100 + n))
    }
    fn created() -> Event {
        SeatAssignmentsCreated {
            order_id: O,
            seats: vec![st(1), st(1), st(2)],
        }
        .into()
    }
    fn person(first: &str, email: &str) -> PersonalInfo {
        PersonalInfo {
            first_name: first.into(),
            last_name: "Lee".into(),
            email: email.into(),
        }
    }
    fn assign(position: u32, first: &str, email: &str) -> AssignmentsCommand {
        AssignmentsCommand::AssignSeat {
            position,
            first_name: first.into(),
            last_name: "Lee".into(),
            email: email.into(),
        }
    }
    fn when(given: &[Event], cmd: AssignmentsCommand) -> Result<Vec<Event>, DomainError> {
        given_when(SeatAssignments::new(O), given, &cmd)
    }

    #[test]
    fn creation_makes_one_position_per_seat() {
        let e = when(
            &[],
            AssignmentsCommand::CreateSeatAssignments {
                seats: vec![
                    SeatQuantity {
                        seat_type: st(1),
                        quantity: 2,
                    },
                    SeatQuantity {
                        seat_type: st(2),
                        quantity: 1,
                    },
                ],
            },
        )
        .unwrap();
        assert_eq!(e, vec![created()]);
    }

    #[test]
    fn assign_new_email_reassigns_and_same_email_updates() {
        let first = when(&[created()], assign(0, "Ji-woo", "jw@example.kr")).unwrap();
        assert_eq!(
            first,
            vec![
                SeatAssigned {
                    order_id: O,
                    position: 0,
                    seat_type: st(1),
                    attendee: person("Ji-woo", "jw@example.kr")
                }
                .into()
            ]
        );
        let given = [created(), first[0].clone()];
        let renamed = when(&given, assign(0, "Jiwoo", "JW@example.kr")).unwrap();
        assert_eq!(
            renamed,
            vec![
                SeatAssignmentUpdated {
                    order_id: O,
                    position: 0,
                    attendee: person("Jiwoo", "JW@example.kr")
                }
                .into()
            ]
        );
        let other = when(&given, assign(0, "Ana", "ana@example.com")).unwrap();
        assert!(matches!(
            other.as_slice(),
            [Event::SeatUnassigned(_), Event::SeatAssigned(_)]
        ));
        assert!(
            when(&given, assign(0, "Ji-woo", "jw@example.kr"))
                .unwrap()
                .is_empty()
        );
    }

    #[test]
    fn out_of_range_position_and_unpaid_orders_are_refused() {
        let Err(DomainError::Validation(errs)) = when(&[created()], assign(3, "A", "a@b.co"))
        else {
            panic!()
        };
        assert_eq!(errs[0].to_string(), "position: must be 0 to 2");
        assert!(matches!(
            when(&[], assign(0, "A", "a@b.co")),
            Err(DomainError::Conflict(_))
        ));
    }

    #[test]
    fn unassign_empties_and_is_silent_when_empty() {
        let given = [
            created(),
            SeatAssigned {
                order_id: O,
                position: 1,
                seat_type: st(1),
                attendee: person("A", "a@b.co"),
            }
            .into(),
        ];
        assert_eq!(
            when(&given, AssignmentsCommand::UnassignSeat { position: 1 }).unwrap(),
            vec![
                SeatUnassigned {
                    order_id: O,
                    position: 1
                }
                .into()
            ]
        );
        assert!(
            when(&given, AssignmentsCommand::UnassignSeat { position: 0 })
                .unwrap()
                .is_empty()
        );
    }

    #[test]
    fn at_the_door_the_email_may_be_left_out_but_is_checked_when_given() {
        let door = |email: Option<&str>| AssignmentsCommand::AssignSeatAtDoor {
            position: 2,
            first_name: "Mi-rae".into(),
            last_name: "Lee".into(),
            email: email.map(Into::into),
        };
        assert_eq!(
            when(&[created()], door(None)).unwrap(),
            vec![
                SeatAssigned {
                    order_id: O,
                    position: 2,
                    seat_type: st(2),
                    attendee: person("Mi-rae", "")
                }
                .into()
            ]
        );
        let Err(DomainError::Validation(errs)) = when(&[created()], door(Some("nope"))) else {
            panic!()
        };
        assert_eq!(errs[0].field, "attendee email");
    }

    const C: ConferenceId = ConferenceId(Uuid::from_u128(8));
    fn issue(codes: &[&str]) -> AssignmentsCommand {
        AssignmentsCommand::IssueTickets {
            conference_id: C,
            codes: codes.iter().map(|c| (*c).to_string()).collect(),
        }
    }
    fn issued(codes: &[&str]) -> Event {
        TicketsIssued {
            order_id: O,
            conference_id: C,
            tickets: (0_u32..)
                .zip(codes)
                .map(|(position, c)| Ticket {
                    position,
                    code: (*c).to_string(),
                })
                .collect(),
        }
        .into()
    }
    const CODES: [&str; 3] = ["ABCD2345", "ABCD2346", "ZZZZ9999"];

    #[test]
    fn each_seat_of_a_paid_order_gets_its_ticket_once() {
        // Given the seats of a paid order, when tickets are issued,
        // then each position gets its code, in order.
        assert_eq!(
            when(&[created()], issue(&CODES)).unwrap(),
            vec![issued(&CODES)]
        );
        // Given issued tickets, a second issue is refused.
        let Err(DomainError::Conflict(m)) = when(&[created(), issued(&CODES)], issue(&CODES))
        else {
            panic!("issued twice")
        };
        assert_eq!(m.to_string(), "this order's tickets were already issued");
        // Before the order is paid there is nothing to issue.
        assert!(matches!(
            when(&[], issue(&CODES)),
            Err(DomainError::Conflict(_))
        ));
        let mut seats = SeatAssignments::new(O);
        seats.apply(&created());
        seats.apply(&issued(&CODES));
        assert!(seats.tickets_issued());
        assert_eq!(seats.positions[2].ticket.as_deref(), Some("ZZZZ9999"));
    }

    #[test]
    fn ticket_codes_of_the_wrong_shape_or_count_are_refused() {
        for (codes, rule) in [
            (
                &["ABCD2345", "ABCD2346"][..],
                "ticket code: one code per seat: 3 needed",
            ),
            (
                &["ABCD2345", "ABCD2346", "ABCD234"][..],
                "ticket code: must be 8 characters: letters A-Z without I, L or O, digits 1-9",
            ),
            (
                &["ABCD2345", "ABCD2346", "ABCD234O"][..],
                "ticket code: must be 8 characters: letters A-Z without I, L or O, digits 1-9",
            ),
            (
                &["ABCD2345", "ABCD2346", "ABCD2345"][..],
                "ticket code: ABCD2345 is given to two seats",
            ),
        ] {
            let Err(DomainError::Validation(errs)) = when(&[created()], issue(codes)) else {
                panic!("{codes:?} accepted")
            };
            assert_eq!(errs[0].to_string(), rule);
        }
    }

    #[test]
    fn at_the_door_a_one_word_name_is_a_whole_name() {
        // Given a paid order's seats, when the door names "Cher" alone,
        // then the seat is hers; a blank or invisible name is still refused.
        let door = |first: &str, last: &str| AssignmentsCommand::AssignSeatAtDoor {
            position: 2,
            first_name: first.into(),
            last_name: last.into(),
            email: None,
        };
        let events = when(&[created()], door("Cher", "")).unwrap();
        let [Event::SeatAssigned(e)] = events.as_slice() else {
            panic!("one SeatAssigned")
        };
        assert_eq!(
            (
                e.attendee.first_name.as_str(),
                e.attendee.last_name.as_str()
            ),
            ("Cher", "")
        );
        for (first, last, field) in [
            ("", "", "attendee first name"),
            ("\u{200B}", "", "attendee first name"),
            ("Cher", "\u{FEFF}", "attendee last name"),
        ] {
            let Err(DomainError::Validation(errs)) = when(&[created()], door(first, last)) else {
                panic!("{first:?} {last:?} accepted")
            };
            assert_eq!(errs[0].field, field);
        }
        // The order's own attendee list still asks for both names.
        let Err(DomainError::Validation(errs)) = when(
            &[created()],
            AssignmentsCommand::AssignSeat {
                position: 0,
                first_name: "Cher".into(),
                last_name: String::new(),
                email: "cher@example.com".into(),
            },
        ) else {
            panic!()
        };
        assert_eq!(errs[0].field, "attendee last name");
    }
}
