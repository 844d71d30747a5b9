//! A paid order's receipt (issue 18, item 4): the conference, the order
//! code, the registrant, each line (seat type, unit price, quantity, line
//! total), the total, when and how it was paid — one A4 page in the desk's
//! language. The payment method is an `Option` until the payment records
//! one (`PaymentCompleted` v2); a payment without one shows "—".

use super::canvas::{Canvas, Ink, MM, Sheet};
use super::{ConferenceHeading, FontSet, Paper, PdfError, day_and_time};
use crate::domain::message::Words;
use crate::domain::{Message, Money};
use chrono::{DateTime, Utc};

const PAGE_W: f32 = 210.0;
const PAGE_H: f32 = 297.0;
const MARGIN: f32 = 20.0;

/// One line of the receipt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReceiptLine {
    /// The seat type.
    pub seat_type: String,
    /// Price of one seat.
    pub unit_price: Money,
    /// Seats bought.
    pub quantity: u32,
    /// `unit_price × quantity`.
    pub line_total: Money,
}

/// What a receipt shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReceiptView {
    /// The conference.
    pub conference: ConferenceHeading,
    /// The order's code.
    pub order_code: String,
    /// The registrant's name, if given.
    pub registrant: Option<String>,
    /// The registrant's e-mail, if given.
    pub registrant_email: Option<String>,
    /// The lines that were paid for (reserved quantities).
    pub lines: Vec<ReceiptLine>,
    /// The order total.
    pub total: Money,
    /// When it was paid.
    pub paid_at: DateTime<Utc>,
    /// How it was paid, in the desk's words; `None`: not recorded ("—").
    pub payment_method: Option<Message>,
}

/// The receipt as a one-page PDF; `printed` is when it was made.
pub fn receipt_pdf(
    receipt: &ReceiptView,
    printed: DateTime<Utc>,
    words: &dyn Words,
    fonts: FontSet,
) -> Result<Paper, PdfError> {
    let mut sheet = Sheet::new(fonts);
    sheet.page(PAGE_W * MM, PAGE_H * MM, |canvas| {
        let y = heading_ui(canvas, receipt, words);
        let y = lines_ui(canvas, y, receipt, words);
        payment_ui(canvas, y, receipt, words);
        let printed = Message::new("printed at {time}")
            .text("time", day_and_time(words, printed))
            .render(words);
        let footer_y = (PAGE_H - MARGIN) * MM;
        canvas.text(MARGIN * MM, footer_y, 8.0, Ink::Grey, &printed);
    });
    let (bytes, missing) = sheet.finish().map_err(PdfError)?;
    Ok(Paper {
        bytes,
        pages: 1,
        missing,
    })
}

/// Title, conference, order code and registrant; returns where the lines start (mm).
fn heading_ui(canvas: &mut Canvas<'_, '_>, r: &ReceiptView, words: &dyn Words) -> f32 {
    let left = MARGIN * MM;
    let right = (PAGE_W - MARGIN) * MM;
    let title = Message::new("Receipt").render(words);
    canvas.text(left, (MARGIN + 8.0) * MM, 22.0, Ink::Black, &title);
    canvas.text_clipped(
        left,
        (MARGIN + 18.0) * MM,
        13.0,
        right - left,
        &r.conference.name,
    );
    let dates = r.conference.dates(words);
    canvas.text(left, (MARGIN + 24.0) * MM, 9.0, Ink::Grey, &dates);
    let mut y = MARGIN + 36.0;
    let rows = [
        (Message::new("Order code"), Some(r.order_code.clone())),
        (Message::new("Registrant"), r.registrant.clone()),
        (Message::new("E-mail"), r.registrant_email.clone()),
    ];
    for (label, value) in rows {
        let label = label.render(words);
        canvas.text(left, y * MM, 9.0, Ink::Grey, &label);
        let value = value.unwrap_or_else(|| "—".to_owned());
        canvas.text_clipped(
            left + 40.0 * MM,
            y * MM,
            11.0,
            right - left - 40.0 * MM,
            &value,
        );
        y += 7.0;
    }
    y + 6.0
}

/// The lines table and the total; returns where the payment starts (mm).
fn lines_ui(canvas: &mut Canvas<'_, '_>, top: f32, r: &ReceiptView, words: &dyn Words) -> f32 {
    let left = MARGIN * MM;
    let right = (PAGE_W - MARGIN) * MM;
    let unit_right = right - 65.0 * MM;
    let qty_right = right - 40.0 * MM;
    let headers = [
        Message::new("Seat type"),
        Message::new("Unit price"),
        Message::new("Quantity"),
        Message::new("Line total"),
    ]
    .map(|m| m.render(words));
    let hy = top * MM;
    canvas.text(left, hy, 9.0, Ink::Grey, &headers[0]);
    canvas.text_right(unit_right, hy, 9.0, Ink::Grey, &headers[1]);
    canvas.text_right(qty_right, hy, 9.0, Ink::Grey, &headers[2]);
    canvas.text_right(right, hy, 9.0, Ink::Grey, &headers[3]);
    canvas.line((left, hy + 2.5 * MM), (right, hy + 2.5 * MM), 0.5);
    let mut y = top + 9.0;
    for line in &r.lines {
        let by = y * MM;
        canvas.text_clipped(
            left,
            by,
            11.0,
            unit_right - left - 30.0 * MM,
            &line.seat_type,
        );
        canvas.text_right(
            unit_right,
            by,
            11.0,
            Ink::Black,
            &words.money(line.unit_price),
        );
        canvas.text_right(
            qty_right,
            by,
            11.0,
            Ink::Black,
            &words.count(i64::from(line.quantity)),
        );
        canvas.text_right(right, by, 11.0, Ink::Black, &words.money(line.line_total));
        y += 8.0;
    }
    canvas.line((left, (y - 4.0) * MM), (right, (y - 4.0) * MM), 0.5);
    let total = Message::new("Total").render(words);
    canvas.text(left, (y + 3.0) * MM, 13.0, Ink::Black, &total);
    canvas.text_right(
        right,
        (y + 3.0) * MM,
        13.0,
        Ink::Black,
        &words.money(r.total),
    );
    y + 16.0
}

fn payment_ui(canvas: &mut Canvas<'_, '_>, top: f32, r: &ReceiptView, words: &dyn Words) {
    let left = MARGIN * MM;
    let method = r
        .payment_method
        .as_ref()
        .map_or_else(|| "—".to_owned(), |m| m.render(words));
    let rows = [
        (Message::new("Paid at"), day_and_time(words, r.paid_at)),
        (Message::new("Payment method"), method),
    ];
    let mut y = top;
    for (label, value) in rows {
        canvas.text(left, y * MM, 9.0, Ink::Grey, &label.render(words));
        canvas.text(left + 40.0 * MM, y * MM, 11.0, Ink::Black, &value);
        y += 7.0;
    }
}
