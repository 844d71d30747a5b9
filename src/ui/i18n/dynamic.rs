//! Messages the app and domain layers write (field rules such as
//! "slug: only a-z, 0-9 and '-'…", refusals such as "order not found") are
//! interface text too, but they are built at run time, so `tr` cannot take
//! them. [`tr_dynamic`] translates them through the same Korean table: the
//! whole message if the table has it, else each `; `-separated part, else
//! the `field: rule` halves of a part. A message may also match one of the
//! templates below, whose `{…}` placeholders carry the values over.
//! Anything not recognised stays English rather than being guessed at.

use crate::ui::i18n::{Lang, ko, lang};

/// The English texts of the app and domain layers (and of the UI's own
/// field rules) that `tr_dynamic` knows; each has a Korean entry, and a test
/// checks each still appears in the sources. `{…}` marks a value.
pub(super) const DOMAIN_TEXTS: &[&str] = &[
    // Field names.
    "access code",
    "amount",
    "attendee email",
    "attendee first name",
    "attendee last name",
    "conference",
    "currency",
    "description",
    "email",
    "end",
    "file",
    "first name",
    "last name",
    "name",
    "outbox mail",
    "order code",
    "owner email",
    "owner name",
    "position",
    "price",
    "quantity",
    "quantity of {name}",
    "quota",
    "registrant",
    "seat type",
    "seat type name",
    "seat {n}",
    "seats",
    "slug",
    "settings",
    "start",
    // Rules.
    "'{file}' is the open event log: choose another name",
    "'{file}' is a name reserved for the open event log's own files: choose another name",
    "'{file}' is an event log (a database file): choose another name",
    "'{file}' is a link to a missing file",
    "'{file}' is not a regular file (a folder)",
    "'{file}' is not a regular file (a FIFO)",
    "'{file}' is not a regular file (a device)",
    "'{file}' is not a regular file (a socket)",
    "'{file}' is not a regular file",
    "'{name}' is named more than once: give each seat type once",
    "'{code}' is not an ISO 4217 code this desk knows (e.g. EUR, USD, KRW)",
    "'{name}' is already a seat type of this conference",
    "'{name}' is not a seat type of this conference",
    "'{slug}' is already used by another conference",
    "'{text}' is not an amount in {currency}: use digits with at most {digits} decimals, e.g. {example}",
    "One or more items are required",
    "a whole number, 0 or more",
    "cannot be lower than {total}: {reserved} seats are reserved and {sold} sold",
    "cannot change once seat types are priced in {currency}",
    "first name, last name and e-mail are required before payment",
    "is required",
    "must be 0 or more",
    "must be 0 to {max}",
    "must be 2 to 64 characters",
    "must be 5 letters or digits from the code alphabet",
    "must be 6 letters or digits from the code alphabet",
    "must be a whole number, 0 or more",
    "must be {n} characters: letters A-Z without I, L or O, digits 1-9",
    "must be {n} characters: letters A-Z without I, L or O, digits 1-9 (codes have no O or 0)",
    "must contain visible characters, not only invisible ones (U+200B, U+FEFF)",
    "must not contain right-to-left override or embedding characters (U+202A-U+202E, U+2066-U+2069)",
    "must be at most {max} characters",
    "must be at most {max} per seat type",
    "must be at most {amount}",
    "must be between 0 and {max}",
    "must be in {currency}, the conference's currency",
    "must be on or after the start date",
    "must look like name@example.com",
    "must be one line without control characters (tabs, line breaks)",
    "must not contain control characters",
    "none could be reserved: adjust the quantities first",
    "already checked in: take the check-in back at the door before giving the seat to someone else",
    "only a-z, 0-9 and '-', starting with a letter or digit",
    "order total is too large",
    "use YYYY-MM-DD",
    // Refusals.
    "conference already exists",
    "conference not found",
    "conference not found after creation",
    "no conference matches that slug, e-mail and access code",
    "no order matches that e-mail and order code",
    "no order matches that order and access code",
    "no published conference has the slug '{slug}'",
    "order not found",
    "payment already initiated",
    "payment not found",
    "seat type already exists",
    "seat type not found",
    "seats can be assigned once the order is paid",
    "the order belongs to another conference",
    "the order has expired",
    "the order has expired: a payment can no longer confirm it",
    "the order has expired: its reservation was released",
    "the order has expired: its seats were released; place a new order",
    "the order is already paid",
    "the order is already paid: its seats can no longer change",
    "the order is paid and cannot expire",
    "the order's seats are not reserved yet",
    "the payment is already completed or rejected",
    "this conference has no such order",
    "too many wrong access codes: this conference is locked until {time} UTC",
    "too many wrong access codes for this order: try again after {time} UTC",
    "too many wrong order codes for this e-mail: try again after {time} UTC",
    // Check-in at the door.
    "Already checked in at {time}",
    "Order {code} has expired",
    "Order {code} is not paid",
    "Order {code} was rejected",
    "Seat {position} of order {code} is not checked in",
    "no order {code} in this conference",
    "seat {position} of order {code} is unassigned: type the attendee's name to check them in",
    // Opening the log file (store errors the window shows).
    "{path} is {kind}, not a regular file, so it cannot be a confdesk log",
    "{path} already exists and is {kind}",
    "repairing {path} needs {needed} free beside the log for its safety copy, but only {free} is free",
    "it exists and is empty (0 bytes)",
    "confdesk only creates a new log where no file exists",
    "nothing was written",
    "confdesk will not write over it",
    "keep it until the log opens, or move it away, then try again",
    "move it away, then try again",
    // Order statuses (the Orders tab shows them).
    "confirmed",
    "expired",
    "partially_reserved",
    "pending_reservation",
    "rejected",
    "reservation_completed",
];

/// `message` from the app or domain layer in the current language; parts
/// the table does not know stay English.
pub fn tr_dynamic(message: &str) -> String {
    match lang() {
        Lang::En => message.to_string(),
        Lang::Ko => translate(message),
    }
}

fn translate(message: &str) -> String {
    if let Some(ko) = ko::lookup(message) {
        return ko.to_string();
    }
    // `field: rule` before templates: a template ending in a placeholder
    // ("quantity of {name}") would otherwise swallow the rule.
    message
        .split("; ")
        .map(|part| {
            ko::lookup(part)
                .map(str::to_string)
                .or_else(|| field_and_rule(part))
                .or_else(|| template(part))
                .unwrap_or_else(|| part.to_string())
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// `field: rule` with either half translated, if any is.
fn field_and_rule(part: &str) -> Option<String> {
    let (field, rule) = part.split_once(": ")?;
    let (f, r) = (whole(field), whole(rule));
    if f.is_none() && r.is_none() {
        return None;
    }
    Some(format!(
        "{}: {}",
        f.as_deref().unwrap_or(field),
        r.as_deref().unwrap_or(rule)
    ))
}

/// The Korean for `text` as a fixed entry or a filled-in template.
fn whole(text: &str) -> Option<String> {
    ko::lookup(text)
        .map(str::to_string)
        .or_else(|| template(text))
}

/// The Korean of the template `text` fills in, with its values.
fn template(text: &str) -> Option<String> {
    let mut templates: Vec<&str> = DOMAIN_TEXTS
        .iter()
        .copied()
        .filter(|t| t.contains('{'))
        .collect();
    // The most specific template (most fixed text) wins.
    templates.sort_by_key(|t| std::cmp::Reverse(literal_len(t)));
    templates.into_iter().find_map(|t| {
        let values = capture(t, text)?;
        let mut ko = ko::lookup(t)?.to_string();
        for (name, value) in values {
            ko = ko.replace(&format!("{{{name}}}"), value);
        }
        Some(ko)
    })
}

fn literal_len(template: &str) -> usize {
    pieces(template).iter().map(|(lit, _)| lit.len()).sum()
}

/// A template as (fixed text, placeholder name after it) pairs.
fn pieces(template: &str) -> Vec<(&str, Option<&str>)> {
    let mut out = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}').map(|c| open + c) else {
            break;
        };
        out.push((&rest[..open], Some(&rest[open + 1..close])));
        rest = &rest[close + 1..];
    }
    out.push((rest, None));
    out
}

/// The placeholder values if `text` has the template's shape.
fn capture<'t>(template: &'t str, text: &'t str) -> Option<Vec<(&'t str, &'t str)>> {
    let parts = pieces(template);
    let mut values = Vec::new();
    let mut rest = text;
    let mut pending: Option<&str> = None;
    for (i, (lit, name)) in parts.iter().enumerate() {
        let last = i + 1 == parts.len();
        match pending.take() {
            None => rest = rest.strip_prefix(lit)?,
            Some(placeholder) => {
                let at = if last {
                    rest.len()
                        .checked_sub(lit.len())
                        .filter(|_| rest.ends_with(lit))?
                } else {
                    rest.find(lit)?
                };
                let value = &rest[..at];
                if value.is_empty() {
                    return None;
                }
                values.push((placeholder, value));
                rest = &rest[at + lit.len()..];
            }
        }
        pending = *name;
    }
    rest.is_empty().then_some(values)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::i18n::set_lang;

    #[test]
    fn english_passes_through() {
        set_lang(Lang::En);
        assert_eq!(tr_dynamic("slug: is required"), "slug: is required");
    }

    #[test]
    fn korean_translates_fields_rules_and_templates() {
        set_lang(Lang::Ko);
        assert_eq!(tr_dynamic("order not found"), "주문을 찾을 수 없습니다");
        assert_eq!(
            tr_dynamic("slug: is required; end: must be on or after the start date"),
            "슬러그: 필수 항목입니다; 종료일: 시작일과 같거나 그 이후여야 합니다"
        );
        assert_eq!(
            tr_dynamic("name: must be at most 200 characters"),
            "이름: 최대 200자까지 입력할 수 있습니다"
        );
        assert_eq!(
            tr_dynamic("quantity of General: must be a whole number, 0 or more"),
            "General 수량: 0 이상의 정수여야 합니다"
        );
        assert_eq!(
            tr_dynamic(
                "price: '1.5' is not an amount in KRW: use digits with at most 0 decimals, e.g. 199000"
            ),
            "가격: '1.5'은(는) KRW 금액이 아닙니다. 소수점 이하 최대 0자리의 숫자로 입력하세요 (예: 199000)"
        );
        assert_eq!(
            tr_dynamic("quota: cannot be lower than 7: 3 seats are reserved and 4 sold"),
            "정원: 7보다 낮출 수 없습니다. 3석이 예약되었고 4석이 판매되었습니다"
        );
        // Unknown text stays English, known halves are still translated.
        assert_eq!(tr_dynamic("something new"), "something new");
        assert_eq!(tr_dynamic("slug: something new"), "슬러그: something new");
        set_lang(Lang::En);
    }

    #[test]
    fn door_refusals_keep_their_values_in_korean() {
        set_lang(Lang::Ko);
        assert_eq!(
            tr_dynamic("Order ABC123 is not paid"),
            "주문 ABC123은(는) 결제되지 않았습니다"
        );
        assert_eq!(
            tr_dynamic("Already checked in at 09:42"),
            "09:42에 이미 체크인했습니다"
        );
        set_lang(Lang::En);
    }

    #[test]
    fn capture_needs_the_whole_shape() {
        assert_eq!(
            capture(
                "must be at most {max} characters",
                "must be at most 5 characters"
            ),
            Some(vec![("max", "5")])
        );
        assert_eq!(
            capture("must be at most {max} characters", "must be at most 5"),
            None
        );
        assert_eq!(capture("seat {n}", "seat "), None);
    }
}
