//! The PDF commands: `badges export`, `checkin-list export` (organizer)
//! and `order receipt` (the registrant's order id and code). Each checks
//! `--out` before the code (a refused file costs no try), writes through
//! the app's [`PaperTarget`] and says what it wrote; names no font could
//! draw are listed in a warning line (and `missing` in `--json`).

use super::Ctx;
use super::args::{BadgesSubcommand, CheckinListSubcommand, OrderKeyArgs, PaperLang, PaperSize};
use super::output::{Output, counted};
use crate::app::AppError;
use crate::app::output_file::check_output;
use crate::app::paper::{PaperReport, PaperTarget};
use crate::app::pdf::{BadgeSize, FontSet};
use crate::domain::Field;
use crate::ui::i18n::{Lang, words_in};
use serde_json::json;
use std::path::Path;

impl PaperSize {
    fn size(self) -> BadgeSize {
        match self {
            PaperSize::A4 => BadgeSize::A4,
            PaperSize::A6 => BadgeSize::A6,
            PaperSize::Label => BadgeSize::Label,
        }
    }
}

impl PaperLang {
    fn lang(self) -> Lang {
        match self {
            PaperLang::En => Lang::En,
            PaperLang::Ko => Lang::Ko,
        }
    }
}

const OUT: Field = Field::Flag("--out");

/// The command's output: what was written, and the warning for names no
/// font could draw.
fn written(report: &PaperReport, what: (&str, &str), out: &Path) -> Output {
    let items = counted(report.items, what.0, what.1);
    let pages = counted(report.pages, "page", "pages");
    let mut human = format!("Wrote {items} on {pages} to {}", out.display());
    if let Some(warning) = report.warning() {
        human.push_str(&format!("\nWarning: {warning}"));
    }
    Output::new(
        human,
        json!({
            "path": out.display().to_string(),
            "pages": report.pages,
            "items": report.items,
            "missing": report.missing,
        }),
    )
}

/// `badges export`.
pub(super) fn badges(ctx: &Ctx, command: BadgesSubcommand) -> Result<Output, AppError> {
    let BadgesSubcommand::Export {
        key,
        out,
        size,
        lang,
    } = command;
    let mut desk = ctx.read()?;
    check_output(&OUT, &out, desk.protected())?;
    let access = desk.authorize_organizer(&key.key())?;
    let words = words_in(lang.lang());
    let target = PaperTarget {
        field: &OUT,
        path: &out,
        words: &words,
        fonts: FontSet::new(),
    };
    let report = desk.export_badges(&access, size.size(), target)?;
    Ok(written(&report, ("badge", "badges"), &out))
}

/// `checkin-list export`.
pub(super) fn checkin_list(ctx: &Ctx, command: CheckinListSubcommand) -> Result<Output, AppError> {
    let CheckinListSubcommand::Export { key, out, lang } = command;
    let mut desk = ctx.read()?;
    check_output(&OUT, &out, desk.protected())?;
    let access = desk.authorize_organizer(&key.key())?;
    let words = words_in(lang.lang());
    let target = PaperTarget {
        field: &OUT,
        path: &out,
        words: &words,
        fonts: FontSet::new(),
    };
    let report = desk.export_checkin_list(&access, target)?;
    Ok(written(&report, ("seat", "seats"), &out))
}

/// `order receipt`.
pub(super) fn receipt(
    ctx: &Ctx,
    key: &OrderKeyArgs,
    out: &Path,
    lang: PaperLang,
) -> Result<Output, AppError> {
    let key = key.key()?;
    let mut desk = ctx.read()?;
    check_output(&OUT, out, desk.protected())?;
    let order = desk.registration_mut().open_order(&key)?;
    let words = words_in(lang.lang());
    let target = PaperTarget {
        field: &OUT,
        path: out,
        words: &words,
        fonts: FontSet::new(),
    };
    let report = desk.export_receipt(&order, target)?;
    Ok(written(&report, ("line", "lines"), out))
}
