//! The attendee CSV export: one row per purchased seat of confirmed orders
//! (its last column, `checked_in_at`, says when its attendee arrived),
//! UTF-8 with a BOM (so spreadsheet programs show Hangul and accents),
//! RFC 4180 quoting, cells that a spreadsheet would run as a formula
//! neutralised, and written through [`write_output`] (a temp file then a
//! rename, so a crash never leaves half a file under the final name, and
//! never over the open log or anything else that is not an ordinary file).

use crate::app::output_file::{check_output, write_output};
use crate::app::temp_registry::TempFile;
use crate::app::{AppError, ConferenceAccess, Desk, PurchasedSeat};
use crate::domain::Field;
use std::path::Path;

/// The header row, in order. New columns go at the end: spreadsheets and
/// scripts read the first ones by place.
pub const ATTENDEE_COLUMNS: [&str; 12] = [
    "order_code",
    "seat_type",
    "attendee_first_name",
    "attendee_last_name",
    "attendee_email",
    "registrant_first_name",
    "registrant_last_name",
    "registrant_email",
    "order_status",
    "confirmed_at",
    "checked_in_at",
    "ticket",
];

/// Export options.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CsvOptions {
    /// Start with a UTF-8 byte-order mark.
    pub bom: bool,
}

impl Default for CsvOptions {
    fn default() -> Self {
        Self { bom: true }
    }
}

/// Prefixes `'` to a cell a spreadsheet would treat as a formula.
pub fn neutralise_formula(cell: &str) -> std::borrow::Cow<'_, str> {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}").into(),
        _ => cell.into(),
    }
}

/// The CSV bytes for `rows`.
pub fn attendees_csv(rows: &[PurchasedSeat], options: CsvOptions) -> Result<Vec<u8>, csv::Error> {
    let mut out = Vec::with_capacity(64 + rows.len() * 120);
    if options.bom {
        out.extend_from_slice("\u{feff}".as_bytes());
    }
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(out);
    w.write_record(ATTENDEE_COLUMNS)?;
    let empty = String::new();
    for r in rows {
        let (af, al, ae) = r.attendee.as_ref().map_or((&empty, &empty, &empty), |a| {
            (&a.first_name, &a.last_name, &a.email)
        });
        let (rf, rl, re) = r.registrant.as_ref().map_or((&empty, &empty, &empty), |a| {
            (&a.first_name, &a.last_name, &a.email)
        });
        let confirmed = r
            .confirmed_at
            .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
            .unwrap_or_default();
        let checked_in = r
            .checked_in_at
            .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
            .unwrap_or_default();
        let ticket = r.ticket.as_deref().unwrap_or_default();
        let cells = [
            &r.order_code,
            &r.seat_type,
            af,
            al,
            ae,
            rf,
            rl,
            re,
            r.order_status.as_str(),
            confirmed.as_str(),
            checked_in.as_str(),
            ticket,
        ];
        w.write_record(
            cells
                .iter()
                .map(|c| neutralise_formula(c))
                .map(|c| c.into_owned()),
        )?;
    }
    w.into_inner().map_err(|e| csv::Error::from(e.into_error()))
}

/// Writes `bytes` to `path` via a temp file in the same folder, synced, then
/// renamed over the final name (atomic on one filesystem).
///
/// Only for the desk's own sidecars (the access file), whose name the desk
/// chose: it replaces whatever is at `path`. Every file a user names, and
/// every file the desk writes for them, goes through [`write_output`].
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    // Unrecorded: the temp file sits in the log's folder, where the start-up
    // clean-up finds it by the pid in its name.
    let tmp = TempFile::create(&dir, None)?;
    tmp.write(bytes)?;
    tmp.rename_to(path)?;
    if let Ok(d) = std::fs::File::open(&dir) {
        let _ = d.sync_all(); // best effort: not every platform can sync a folder
    }
    Ok(())
}

impl Desk {
    /// Writes the conference's attendee CSV to `path`; returns the row count.
    /// A refused target (the open log, not a regular file…) is a validation
    /// error on the field "file".
    pub fn export_attendees(
        &self,
        access: &ConferenceAccess,
        path: &Path,
        options: CsvOptions,
    ) -> Result<usize, AppError> {
        self.export_attendees_as(&Field::File, access, path, options)
    }

    /// [`Desk::export_attendees`], naming `field` (e.g. `--out`) in a refusal.
    pub fn export_attendees_as(
        &self,
        field: &Field,
        access: &ConferenceAccess,
        path: &Path,
        options: CsvOptions,
    ) -> Result<usize, AppError> {
        check_output(field, path, self.protected())?;
        let (bytes, rows) = self.attendees_csv_bytes(access, options, path)?;
        write_output(field, path, self.protected(), &bytes)?;
        Ok(rows)
    }

    /// The conference's attendee CSV and its row count, for a caller that
    /// writes it elsewhere (`--out -`: standard output); `shown_as` names
    /// the destination in an error.
    pub fn attendees_csv_bytes(
        &self,
        access: &ConferenceAccess,
        options: CsvOptions,
        shown_as: &Path,
    ) -> Result<(Vec<u8>, usize), AppError> {
        crate::app::auth::require(
            self.journal().write_model(),
            access,
            crate::app::auth::Right::Organize,
        )?;
        let rows = self.organizer().organizer_attendees(access);
        let bytes = attendees_csv(&rows, options).map_err(|e| AppError::Io {
            path: shown_as.to_path_buf(),
            detail: e.to_string(),
        })?;
        Ok((bytes, rows.len()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::SeatRef;
    use crate::domain::events::PersonalInfo;
    use crate::domain::{OrderId, SeatTypeId};

    fn person(f: &str, l: &str, e: &str) -> Option<PersonalInfo> {
        Some(PersonalInfo {
            first_name: f.into(),
            last_name: l.into(),
            email: e.into(),
        })
    }

    #[test]
    fn quotes_neutralises_formulas_and_starts_with_a_bom() {
        let (order, general) = (OrderId(uuid::Uuid::nil()), SeatTypeId(uuid::Uuid::nil()));
        let rows = vec![
            PurchasedSeat {
                seat: SeatRef {
                    order_id: order,
                    position: 0,
                },
                order_code: "ABC123".into(),
                seat_type_id: general,
                seat_type: "General, \"early\"".into(),
                attendee: person("=HYPERLINK(\"x\")", "김", "a@b.co"),
                ticket: Some("ABCD2345".into()),
                registrant: person("Zoë", "-1", "z@b.co"),
                order_status: crate::app::projections::OrderStatusView::Confirmed,
                confirmed_at: None,
                checked_in_at: Some("2026-12-01T09:42:05Z".parse().unwrap()),
                check_ins: Vec::new(),
            },
            PurchasedSeat {
                seat: SeatRef {
                    order_id: order,
                    position: 1,
                },
                order_code: "ABC123".into(),
                seat_type_id: general,
                seat_type: "General".into(),
                attendee: None,
                ticket: None,
                registrant: None,
                order_status: crate::app::projections::OrderStatusView::Confirmed,
                confirmed_at: None,
                checked_in_at: None,
                check_ins: Vec::new(),
            },
        ];
        let bytes = attendees_csv(&rows, CsvOptions::default()).unwrap();
        assert!(bytes.starts_with("\u{feff}".as_bytes()));
        let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
        let mut r = csv::Reader::from_reader(text.as_bytes());
        let recs: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
        assert_eq!(&recs[0][1], "General, \"early\"");
        assert_eq!(&recs[0][2], "'=HYPERLINK(\"x\")");
        assert_eq!(&recs[0][3], "김");
        assert_eq!(&recs[0][6], "'-1");
        assert_eq!(&recs[1][2], "");
        assert_eq!(r.headers().unwrap().get(10), Some("checked_in_at"));
        assert_eq!(&recs[0][10], "2026-12-01T09:42:05Z");
        assert_eq!(&recs[1][10], "");
        assert_eq!(r.headers().unwrap().get(11), Some("ticket"));
        assert_eq!((&recs[0][11], &recs[1][11]), ("ABCD2345", ""));
        assert!(text.contains("\r\n"));
        let no_bom = attendees_csv(&rows, CsvOptions { bom: false }).unwrap();
        assert!(no_bom.starts_with(b"order_code,"));
    }

    #[test]
    fn atomic_write_replaces_the_file_whole() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.csv");
        std::fs::write(&p, b"old").unwrap();
        write_atomically(&p, b"new contents").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"new contents");
        let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "no temp file left behind");
    }
}
