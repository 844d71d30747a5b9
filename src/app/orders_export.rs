//! The orders export (issue 18.6): one row per order of the conference —
//! code, registrant, seats, total, paid, refunded, payment method, status,
//! when it was created and paid — as CSV (the attendee export's habits:
//! UTF-8 with a BOM, RFC 4180, formula cells neutralised, amounts as plain
//! decimals with the currency in its own column) or as an Excel workbook
//! (`rust_xlsxwriter`, pure Rust): amounts are numbers formatted with the
//! currency's decimals, instants real Excel dates (UTC, as the header
//! says, since a spreadsheet date has no zone). Either way the file is
//! written through [`write_output`] (never over the log or its sidecars,
//! a temp file then a rename), and only an organizer's access reaches it.

use crate::app::export::{CsvOptions, neutralise_formula};
use crate::app::output_file::{check_output, write_output};
use crate::app::projections::OrderView;
use crate::app::{AppError, ConferenceAccess, Desk, order_total};
use crate::domain::events::PaymentMethod;
use crate::domain::{Currency, Field, Message, Money};
use chrono::{DateTime, Utc};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, XlsxError};
use std::path::Path;

/// The header row, in order (the CSV's and the workbook's).
pub const ORDER_COLUMNS: [&str; 14] = [
    "order_code",
    "registrant_first_name",
    "registrant_last_name",
    "registrant_email",
    "seats",
    "total",
    "paid",
    "refunded",
    "currency",
    "payment_method",
    "status",
    "cancelled_by",
    "created_at",
    "paid_at",
];

/// Which file the orders go to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OrdersFormat {
    /// Comma-separated values.
    Csv,
    /// An Excel workbook (`.xlsx`).
    Xlsx,
}

impl OrdersFormat {
    /// Reads `csv` or `xlsx` (any case).
    pub fn parse(text: &str) -> Option<Self> {
        match text.trim().to_ascii_lowercase().as_str() {
            "csv" => Some(Self::Csv),
            "xlsx" => Some(Self::Xlsx),
            _ => None,
        }
    }

    /// The format a file name asks for by its extension (`.xlsx` is a
    /// workbook, anything else CSV).
    pub fn for_path(path: &Path) -> Self {
        let xlsx = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"));
        if xlsx { Self::Xlsx } else { Self::Csv }
    }
}

/// One exported order, with every value typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderRow {
    /// The order code.
    pub code: String,
    /// Registrant's given name, family name and e-mail (empty until given).
    pub registrant: [String; 3],
    /// Seats reserved (sold, once paid).
    pub seats: u64,
    /// The order's total.
    pub total: Money,
    /// What was paid (0 unless paid).
    pub paid: Money,
    /// What was refunded.
    pub refunded: Money,
    /// How it was paid (None unless paid).
    pub method: Option<PaymentMethod>,
    /// `OrderStatusView::as_str` as of the export.
    pub status: &'static str,
    /// `desk` or `organizer` for a cancelled order.
    pub cancelled_by: &'static str,
    /// When it was placed.
    pub created_at: DateTime<Utc>,
    /// When it was paid.
    pub paid_at: Option<DateTime<Utc>>,
}

impl OrderRow {
    /// The row of `order` as of `now`; `currency` is the conference's.
    pub fn of(order: &OrderView, currency: Currency, now: DateTime<Utc>) -> Self {
        let registrant = order
            .registrant
            .as_ref()
            .map_or_else(Default::default, |r| {
                [r.first_name.clone(), r.last_name.clone(), r.email.clone()]
            });
        let zero = Money::zero(currency);
        let cancelled_by = match order.cancelled.map(|c| c.reason) {
            Some(crate::domain::events::CancelReason::AtTheDesk) => "desk",
            Some(crate::domain::events::CancelReason::ByOrganizer) => "organizer",
            None => "",
        };
        Self {
            code: order.access_code.clone(),
            registrant,
            seats: order.lines.iter().map(|l| u64::from(l.reserved)).sum(),
            total: order_total(order, currency),
            paid: order.paid.map_or(zero, |p| p.amount),
            refunded: order.refunded().unwrap_or(zero),
            method: order.paid.map(|p| p.method),
            status: order.status_at(now).as_str(),
            cancelled_by,
            created_at: order.created_at,
            paid_at: order.paid.map(|p| p.at),
        }
    }
}

fn rfc3339(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// The CSV bytes for `rows`.
pub fn orders_csv(rows: &[OrderRow], options: CsvOptions) -> Result<Vec<u8>, csv::Error> {
    let mut out = Vec::with_capacity(64 + rows.len() * 120);
    if options.bom {
        out.extend_from_slice("\u{feff}".as_bytes());
    }
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(out);
    w.write_record(ORDER_COLUMNS)?;
    for r in rows {
        let [first, last, email] = &r.registrant;
        let cells = [
            r.code.clone(),
            first.clone(),
            last.clone(),
            email.clone(),
            r.seats.to_string(),
            r.total.amount_string(),
            r.paid.amount_string(),
            r.refunded.amount_string(),
            r.total.currency.code().to_string(),
            r.method.map(|m| m.as_str()).unwrap_or_default().to_string(),
            r.status.to_string(),
            r.cancelled_by.to_string(),
            rfc3339(r.created_at),
            r.paid_at.map(rfc3339).unwrap_or_default(),
        ];
        w.write_record(cells.iter().map(|c| neutralise_formula(c).into_owned()))?;
    }
    w.into_inner().map_err(|e| csv::Error::from(e.into_error()))
}

/// The amount as the number a spreadsheet sums (`1197.00 USD` → 1197.0).
fn amount(m: Money) -> f64 {
    // Minor units stay far below 2^53, where an f64 is exact.
    #[allow(clippy::cast_precision_loss)]
    let minor = m.minor as f64;
    minor / 10_f64.powi(i32::from(m.currency.minor_units()))
}

/// The workbook bytes for `rows`: one sheet "Orders", a bold header,
/// amounts as numbers with the currency's decimals, dates as dates.
pub fn orders_xlsx(rows: &[OrderRow]) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Orders")?;
    let bold = Format::new().set_bold();
    let date = Format::new().set_num_format("yyyy-mm-dd hh:mm:ss");
    for (col, name) in (0_u16..).zip(ORDER_COLUMNS) {
        let header = match name {
            "created_at" => "created_at (UTC)",
            "paid_at" => "paid_at (UTC)",
            other => other,
        };
        sheet.write_string_with_format(0, col, header, &bold)?;
    }
    for (row, r) in (1_u32..).zip(rows) {
        let money = Format::new().set_num_format(match r.total.currency.minor_units() {
            0 => "#,##0",
            3 => "#,##0.000",
            _ => "#,##0.00",
        });
        let [first, last, email] = &r.registrant;
        // Text cells are written as text: a name starting with '=' stays a name.
        for (col, text) in [(0, &r.code), (1, first), (2, last), (3, email)] {
            sheet.write_string(row, col, text)?;
        }
        #[allow(clippy::cast_precision_loss)]
        sheet.write_number(row, 4, r.seats as f64)?;
        sheet.write_number_with_format(row, 5, amount(r.total), &money)?;
        sheet.write_number_with_format(row, 6, amount(r.paid), &money)?;
        sheet.write_number_with_format(row, 7, amount(r.refunded), &money)?;
        sheet.write_string(row, 8, r.total.currency.code())?;
        sheet.write_string(row, 9, r.method.map(|m| m.as_str()).unwrap_or_default())?;
        sheet.write_string(row, 10, r.status)?;
        sheet.write_string(row, 11, r.cancelled_by)?;
        let created = ExcelDateTime::from_timestamp(r.created_at.timestamp())?;
        sheet.write_datetime_with_format(row, 12, &created, &date)?;
        if let Some(paid) = r.paid_at {
            let paid = ExcelDateTime::from_timestamp(paid.timestamp())?;
            sheet.write_datetime_with_format(row, 13, &paid, &date)?;
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    sheet.autofit();
    book.save_to_buffer()
}

impl Desk {
    /// The conference's orders as export rows, oldest first.
    pub fn order_rows(&self, access: &ConferenceAccess) -> Result<Vec<OrderRow>, AppError> {
        let currency = self.organizer().organizer_conference(access)?.info.currency;
        let now = self.now();
        Ok(self
            .organizer()
            .organizer_orders(access)
            .iter()
            .map(|o| OrderRow::of(o, currency, now))
            .collect())
    }

    /// The orders file's bytes and row count, for a caller that writes it
    /// elsewhere (`--out -`: standard output); `shown_as` names the
    /// destination in an error.
    pub fn orders_bytes(
        &self,
        access: &ConferenceAccess,
        format: OrdersFormat,
        options: CsvOptions,
        shown_as: &Path,
    ) -> Result<(Vec<u8>, usize), AppError> {
        let rows = self.order_rows(access)?;
        let io = |detail: String| AppError::Io {
            path: shown_as.to_path_buf(),
            detail,
        };
        let bytes = match format {
            OrdersFormat::Csv => orders_csv(&rows, options).map_err(|e| io(e.to_string()))?,
            OrdersFormat::Xlsx => orders_xlsx(&rows).map_err(|e| io(e.to_string()))?,
        };
        Ok((bytes, rows.len()))
    }

    /// Writes the conference's orders to `path` in `format`; returns the
    /// row count. A refused target (the open log, a folder…) is a
    /// validation error on `field` (`--out`, or the window's file).
    pub fn export_orders_as(
        &self,
        field: &Field,
        access: &ConferenceAccess,
        path: &Path,
        format: OrdersFormat,
        options: CsvOptions,
    ) -> Result<usize, AppError> {
        check_output(field, path, self.protected())?;
        let (bytes, rows) = self.orders_bytes(access, format, options, path)?;
        write_output(field, path, self.protected(), &bytes)?;
        Ok(rows)
    }
}

/// The refusal of an unknown `--format`.
pub fn unknown_format(field: Field) -> AppError {
    AppError::field(field, Message::new("must be csv or xlsx"))
}
