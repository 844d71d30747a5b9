//! The input a rule is about, as a value: screens find "the error of the
//! slug box" by [`Field::Slug`] instead of matching English names, and the
//! field's words come from [`Field::message`] like every other text.

use crate::domain::message::Message;
use std::fmt;

/// A field (an input) a [`FieldError`](crate::domain::FieldError) is about.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Field {
    /// A conference's slug.
    Slug,
    /// A conference's name.
    Name,
    /// A conference's or seat type's description.
    Description,
    /// A conference's owner's name.
    OwnerName,
    /// A conference's owner's e-mail.
    OwnerEmail,
    /// First day of a conference.
    Start,
    /// Last day of a conference.
    End,
    /// A conference's currency.
    Currency,
    /// A seat type's name.
    SeatTypeName,
    /// A seat type's description.
    SeatTypeDescription,
    /// A seat type's price.
    Price,
    /// A seat type's quota.
    Quota,
    /// A seat quantity.
    Quantity,
    /// The quantity of the named seat type.
    QuantityOf(String),
    /// An order's seat lines as a whole.
    Seats,
    /// The seat type of a line.
    SeatType,
    /// An order's registrant as a whole.
    Registrant,
    /// The registrant's first name.
    FirstName,
    /// The registrant's last name.
    LastName,
    /// The registrant's e-mail.
    Email,
    /// An attendee's first name.
    AttendeeFirstName,
    /// An attendee's last name.
    AttendeeLastName,
    /// An attendee's e-mail.
    AttendeeEmail,
    /// The attendee's name typed at the door.
    AttendeeName,
    /// A conference's access code.
    AccessCode,
    /// An order's code.
    OrderCode,
    /// A seat's position in its order.
    Position,
    /// The seat numbered `n` (from 1) in its order.
    Seat(u32),
    /// A payment's amount.
    Amount,
    /// The conference as a whole.
    Conference,
    /// A file to write.
    File,
    /// The outbox mail file.
    OutboxMail,
    /// The settings file.
    Settings,
    /// A command-line option or environment variable, named as typed
    /// (`--out`, `CONFDESK_NOW`): not translated.
    Flag(&'static str),
    /// A seat's ticket code.
    TicketCode,
    /// A staff code (door or desk).
    StaffCode,
    /// A staff code's label.
    StaffLabel,
    /// A discount code.
    DiscountCode,
    /// A discount's percent or amount.
    DiscountValue,
    /// A discount code's most uses.
    MaxUses,
    /// A discount code's last valid day.
    ValidUntil,
    /// How a payment was taken or a refund paid out.
    PaymentMethod,
}

impl Field {
    /// The field's name in words.
    pub fn message(&self) -> Message {
        let m = Message::new;
        match self {
            Field::Slug => m("slug"),
            Field::Name => m("name"),
            Field::Description => m("description"),
            Field::OwnerName => m("owner name"),
            Field::OwnerEmail => m("owner email"),
            Field::Start => m("start"),
            Field::End => m("end"),
            Field::Currency => m("currency"),
            Field::SeatTypeName => m("seat type name"),
            Field::SeatTypeDescription => m("seat type description"),
            Field::Price => m("price"),
            Field::Quota => m("quota"),
            Field::Quantity => m("quantity"),
            Field::QuantityOf(name) => m("quantity of {name}").text("name", name.clone()),
            Field::Seats => m("seats"),
            Field::SeatType => m("seat type"),
            Field::Registrant => m("registrant"),
            Field::FirstName => m("first name"),
            Field::LastName => m("last name"),
            Field::Email => m("email"),
            Field::AttendeeFirstName => m("attendee first name"),
            Field::AttendeeLastName => m("attendee last name"),
            Field::AttendeeEmail => m("attendee email"),
            Field::AttendeeName => m("attendee name"),
            Field::AccessCode => m("access code"),
            Field::OrderCode => m("order code"),
            Field::Position => m("position"),
            Field::Seat(n) => m("seat {n}").count("n", *n),
            Field::Amount => m("amount"),
            Field::Conference => m("conference"),
            Field::File => m("file"),
            Field::OutboxMail => m("outbox mail"),
            Field::Settings => m("settings"),
            Field::Flag(flag) => m("{flag}").text("flag", *flag),
            Field::TicketCode => m("ticket code"),
            Field::StaffCode => m("staff code"),
            Field::StaffLabel => m("label"),
            Field::DiscountCode => m("discount code"),
            Field::DiscountValue => m("discount"),
            Field::MaxUses => m("max uses"),
            Field::ValidUntil => m("valid until"),
            Field::PaymentMethod => m("payment method"),
        }
    }
}

/// The English name, as the CLI prints it.
impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.message().fmt(f)
    }
}

/// Compares with the English name (`field == "slug"`), for tests and logs.
impl PartialEq<&str> for Field {
    fn eq(&self, other: &&str) -> bool {
        self == *other
    }
}

impl PartialEq<str> for Field {
    fn eq(&self, other: &str) -> bool {
        let english: String = self.to_string();
        english.as_str() == other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_have_their_english_names() {
        assert_eq!(Field::QuantityOf("General".into()), "quantity of General");
        assert_eq!(Field::Seat(3).to_string(), "seat 3");
        assert_eq!(Field::Flag("--out").to_string(), "--out");
        assert!(Field::OwnerEmail == "owner email");
    }
}
