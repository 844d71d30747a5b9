//! The desk's side of the PDFs (issue 18, items 4 and 5): turns the read
//! models into the layouts' views ([`crate::app::pdf`]) and writes the
//! result through [`write_output`] (never over the log, whole or not at
//! all). The window and the CLI call these with the desk's words.
//!
//! Who gets a badge and a line on the check-in list: every purchased seat
//! of a paid (confirmed) order. An unassigned seat of a one-seat order is
//! printed with its registrant's name, who is almost always the person who
//! comes (the door's "= Registrant" does the same); an unassigned seat of a
//! group order gets a blank badge with a line to write the name on, since
//! printing the buyer's name on every seat of the group would be wrong on
//! all but one. The check-in list shows such a seat under the registrant's
//! name, marked "(registrant)", so the door can still find the group.

use crate::app::output_file::{check_output, write_output};
use crate::app::pdf::{
    self, BadgeSize, BadgeView, CheckInRow, ConferenceHeading, FontSet, Paper, ReceiptLine,
    ReceiptView,
};
use crate::app::projections::{ConferenceView, OrderStatusView, OrderView};
use crate::app::{AppError, ConferenceAccess, Desk, PurchasedSeat};
use crate::domain::message::Words;
use crate::domain::person_name::display_name;
use crate::domain::{Field, Message};
use std::path::Path;

/// What the QR code on a seat's badge holds: the seat's own ticket code,
/// which the door's scan field checks in as exactly that person; the order
/// code for an order paid before tickets existed (the door then finds the
/// order and offers its seats).
pub fn badge_qr_text(seat: &PurchasedSeat) -> String {
    seat.ticket
        .clone()
        .unwrap_or_else(|| seat.order_code.clone())
}

/// A written PDF: how many pages and items (badges, rows), and the texts
/// no font on this computer could draw.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaperReport {
    /// Pages in the file.
    pub pages: usize,
    /// Badges, list rows or receipt lines.
    pub items: usize,
    /// Names (or other texts) drawn with empty boxes for some letters.
    pub missing: Vec<String>,
}

impl PaperReport {
    /// The warning to show when some names could not be rendered.
    pub fn warning(&self) -> Option<Message> {
        (!self.missing.is_empty()).then(|| {
            Message::new("no font on this computer has every letter of: {names}; they are printed with empty boxes")
                .text("names", self.missing.join(", "))
        })
    }
}

/// Where a PDF goes and in which words.
pub struct PaperTarget<'a> {
    /// The field to name in a refusal (`--out`, the path field).
    pub field: &'a Field,
    /// The file to write.
    pub path: &'a Path,
    /// The desk's language.
    pub words: &'a dyn Words,
    /// The fonts (tests pass [`FontSet::bundled_only`]).
    pub fonts: FontSet,
}

fn heading(conference: &ConferenceView) -> ConferenceHeading {
    ConferenceHeading {
        name: conference.info.name.clone(),
        start: conference.info.start,
        end: conference.info.end,
    }
}

/// The seats that get paper, with how many seats their order has.
fn paper_seats(seats: Vec<PurchasedSeat>) -> Vec<(PurchasedSeat, usize)> {
    let mut per_order = std::collections::HashMap::new();
    for s in &seats {
        *per_order.entry(s.seat.order_id).or_insert(0usize) += 1;
    }
    seats
        .into_iter()
        .filter(|s| s.order_status == OrderStatusView::Confirmed)
        .map(|s| {
            let n = per_order.get(&s.seat.order_id).copied().unwrap_or(1);
            (s, n)
        })
        .collect()
}

/// The badge of `seat` (of an order with `seats_in_order` seats).
pub fn badge_view(seat: &PurchasedSeat, seats_in_order: usize) -> BadgeView {
    let person = match (&seat.attendee, &seat.registrant) {
        (Some(a), _) => Some(a),
        (None, Some(r)) if seats_in_order == 1 => Some(r),
        _ => None,
    };
    BadgeView {
        name: person.map_or_else(String::new, |p| display_name(&p.first_name, &p.last_name)),
        seat_type: seat.seat_type.clone(),
        order_code: seat.order_code.clone(),
        qr_text: badge_qr_text(seat),
    }
}

/// The check-in list's row of `seat`.
pub fn checkin_row(seat: &PurchasedSeat) -> CheckInRow {
    let (person, registrant) = match (&seat.attendee, &seat.registrant) {
        (Some(a), _) => (Some(a), false),
        (None, r) => (r.as_ref(), r.is_some()),
    };
    let (given, family, email) = person.map_or_else(Default::default, |p| {
        (p.first_name.clone(), p.last_name.clone(), p.email.clone())
    });
    CheckInRow {
        seat_type: seat.seat_type.clone(),
        name: display_name(&given, &family),
        given,
        family,
        email,
        order_code: seat.order_code.clone(),
        registrant,
    }
}

impl Desk {
    fn write_paper(&self, field: &Field, path: &Path, paper: &Paper) -> Result<(), AppError> {
        write_output(field, path, self.protected(), &paper.bytes)
    }

    /// Writes the conference's name badges on `size` paper.
    pub fn export_badges(
        &self,
        access: &ConferenceAccess,
        size: BadgeSize,
        target: PaperTarget<'_>,
    ) -> Result<PaperReport, AppError> {
        let PaperTarget {
            field,
            path,
            words,
            fonts,
        } = target;
        check_output(field, path, self.protected())?;
        let conference = self.organizer().organizer_conference(access)?;
        let seats = paper_seats(self.organizer().organizer_attendees(access));
        let badges: Vec<BadgeView> = seats.iter().map(|(s, n)| badge_view(s, *n)).collect();
        let paper = pdf::badges_pdf(&heading(&conference), &badges, size, words, fonts)
            .map_err(|e| pdf_failed(path, &e))?;
        self.write_paper(field, path, &paper)?;
        Ok(PaperReport {
            pages: paper.pages,
            items: badges.len(),
            missing: paper.missing,
        })
    }

    /// Writes the printable check-in list.
    pub fn export_checkin_list(
        &self,
        access: &ConferenceAccess,
        target: PaperTarget<'_>,
    ) -> Result<PaperReport, AppError> {
        let PaperTarget {
            field,
            path,
            words,
            fonts,
        } = target;
        check_output(field, path, self.protected())?;
        let conference = self.organizer().organizer_conference(access)?;
        let seats = paper_seats(self.organizer().organizer_attendees(access));
        let rows: Vec<CheckInRow> = seats.iter().map(|(s, _)| checkin_row(s)).collect();
        let seat_types: Vec<String> = conference
            .seat_types
            .iter()
            .map(|s| s.name.clone())
            .collect();
        let printed = pdf::day_and_time(words, self.now());
        let items = rows.len();
        let paper = pdf::checkin_list_pdf(
            &heading(&conference),
            rows,
            &seat_types,
            &printed,
            words,
            fonts,
        )
        .map_err(|e| pdf_failed(path, &e))?;
        self.write_paper(field, path, &paper)?;
        Ok(PaperReport {
            pages: paper.pages,
            items,
            missing: paper.missing,
        })
    }

    /// The receipt of `order`; refused unless it is paid.
    pub fn receipt_view(&self, order: &OrderView) -> Result<ReceiptView, AppError> {
        let (OrderStatusView::Confirmed, Some(paid_at), Some(total)) =
            (order.status, order.confirmed_at, order.total)
        else {
            return Err(AppError::Conflict(
                Message::new("order {order} is not paid: a receipt is only made for a paid order")
                    .text("order", &order.access_code),
            ));
        };
        let conference = self.organizer().conference_view(order.conference_id)?;
        let lines = order
            .lines
            .iter()
            .filter(|l| l.reserved > 0)
            .filter_map(|l| {
                Some(ReceiptLine {
                    seat_type: self.registration().seat_type_name(order, l.seat_type),
                    unit_price: l.unit_price?,
                    quantity: l.reserved,
                    line_total: l.line_total?,
                })
            })
            .collect();
        Ok(ReceiptView {
            conference: heading(&conference),
            order_code: order.access_code.clone(),
            registrant: order
                .registrant
                .as_ref()
                .map(|p| display_name(&p.first_name, &p.last_name)),
            registrant_email: order.registrant.as_ref().map(|p| p.email.clone()),
            lines,
            total,
            paid_at,
            // A payment from before the desk asked shows "—".
            payment_method: order
                .paid
                .map(|p| p.method)
                .filter(|m| *m != crate::domain::events::PaymentMethod::Unknown)
                .map(crate::app::history::payment_method_message),
        })
    }

    /// Writes the receipt of paid `order` (found by the caller with its
    /// access: the registrant's code or the organizer's).
    pub fn export_receipt(
        &self,
        order: &OrderView,
        target: PaperTarget<'_>,
    ) -> Result<PaperReport, AppError> {
        let PaperTarget {
            field,
            path,
            words,
            fonts,
        } = target;
        check_output(field, path, self.protected())?;
        let receipt = self.receipt_view(order)?;
        let paper = pdf::receipt_pdf(&receipt, self.now(), words, fonts)
            .map_err(|e| pdf_failed(path, &e))?;
        self.write_paper(field, path, &paper)?;
        Ok(PaperReport {
            pages: paper.pages,
            items: receipt.lines.len(),
            missing: paper.missing,
        })
    }
}

fn pdf_failed(path: &Path, error: &pdf::PdfError) -> AppError {
    AppError::Io {
        path: path.to_path_buf(),
        detail: error.to_string(),
    }
}
