//! A path typed by hand: the window's own small file dialog, for when the
//! system's cannot help.
//!
//! rfd's `pick_file`/`save_file` answer `None` both when the user cancels
//! and when no dialog can open at all (no portal, no zenity, no GTK): its
//! portal backend only logs the failure, so the window cannot tell the two
//! apart. "Export attendees…", "Save QR as PNG…" and File → Open log… used
//! to do nothing in both cases. Now, whenever the native dialog comes back
//! without a path, this dialog opens with "No file chosen. Type a path
//! instead:" and a path field (a suggested folder and file name), so a
//! failure is never silent and a cancel costs one Escape.
//!
//! The field is focused; Enter is OK, Escape is Cancel. What was typed is
//! checked before it is used, the rule shown under the field: the folder
//! must exist; a file to save over is asked about first ("Replace" asks
//! again); the log and its sidecars, folders, FIFOs and devices are refused
//! with the words of [`check_output`] (the write itself checks again); a
//! file to open must exist. `~/` is the home folder; a relative path is
//! taken inside the suggested folder, not the process's working directory.
//!
//! The system's dialogs are called only from here ([`native_save`],
//! [`native_open`]); a thread can turn them off ([`set_native_dialogs`]),
//! as the headless tests do, and then every click goes straight to the path
//! field, exactly as when no dialog can open.

use crate::app::AppError;
use crate::app::output_file::{Protected, check_output};
use crate::domain::{Field, Message};
use crate::ui::i18n::{say, tr};
use crate::ui::widgets::error_color;
use eframe::egui::{self, RichText};
use std::cell::Cell;
use std::path::{Path, PathBuf};

thread_local! {
    static NATIVE: Cell<bool> = const { Cell::new(true) };
}

/// Whether this thread calls the system's file dialogs (on by default);
/// off, every file choice goes to the path field.
pub fn set_native_dialogs(on: bool) {
    NATIVE.with(|n| n.set(on));
}

/// The system's save dialog, suggesting `suggested` and filtering on
/// `extensions` (named `filter`); `None` when cancelled, when no dialog can
/// open, or when native dialogs are off.
pub fn native_save(suggested: &Path, filter: &str, extensions: &[&str]) -> Option<PathBuf> {
    if !NATIVE.with(Cell::get) {
        return None;
    }
    let mut dialog = rfd::FileDialog::new().add_filter(filter, extensions);
    if let Some(folder) = suggested.parent() {
        dialog = dialog.set_directory(folder);
    }
    if let Some(name) = suggested.file_name() {
        dialog = dialog.set_file_name(name.to_string_lossy());
    }
    dialog.save_file()
}

/// The system's open dialog, filtering on `extensions` (named `filter`);
/// `None` as for [`native_save`].
pub fn native_open(filter: &str, extensions: &[&str]) -> Option<PathBuf> {
    if !NATIVE.with(Cell::get) {
        return None;
    }
    rfd::FileDialog::new()
        .add_filter(filter, extensions)
        .pick_file()
}

/// What the path is for, which decides its rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// A file to write: its folder must exist, a file there is replaced only
    /// when confirmed, never the log or a sidecar.
    Save,
    /// A file to open: it must exist.
    Open,
}

/// What the dialog answered this frame.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathAnswer {
    /// Still open.
    Pending,
    /// Cancelled (Escape, Cancel, a click outside).
    Cancelled,
    /// This path was chosen and passed its checks.
    Chosen(PathBuf),
}

/// The dialog's state: the window keeps one while it is open.
#[derive(Debug, Clone)]
pub struct PathDialog {
    /// The heading, e.g. "Export attendees" (already translated).
    pub title: String,
    /// Save or open.
    pub purpose: Purpose,
    /// The path as typed.
    pub text: String,
    /// The folder relative paths are taken in.
    base: PathBuf,
    /// Why the last OK was refused (already translated).
    pub error: Option<String>,
    /// The file that exists and would be replaced: OK again replaces it.
    pub confirm_replace: Option<PathBuf>,
    /// Whether the field has had its first focus.
    focused: bool,
}

impl PathDialog {
    /// A dialog with `title` for `purpose`, its field holding `suggested`
    /// (whose folder relative paths are taken in).
    pub fn new(title: impl Into<String>, purpose: Purpose, suggested: &Path) -> Self {
        let base = suggested
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .map_or_else(default_folder, Path::to_path_buf);
        Self {
            title: title.into(),
            purpose,
            text: suggested.display().to_string(),
            base,
            error: None,
            confirm_replace: None,
            focused: false,
        }
    }

    /// The path `text` names: `~/` in the home folder, a relative path in
    /// the suggested folder.
    pub fn resolve(&self, text: &str) -> PathBuf {
        let text = text.trim();
        if let Some(rest) = text.strip_prefix("~/")
            && let Some(home) = directories::UserDirs::new().map(|d| d.home_dir().to_path_buf())
        {
            return home.join(rest);
        }
        let path = PathBuf::from(text);
        if path.is_absolute() {
            path
        } else {
            self.base.join(path)
        }
    }

    /// OK: the typed path if it passes `purpose`'s rules; else the rule is
    /// kept in [`Self::error`] (or the replacement asked about) and `None`.
    pub fn submit(&mut self, protected: &Protected) -> Option<PathBuf> {
        self.error = None;
        if self.text.trim().is_empty() {
            self.error = Some(say(&Message::new("{field}: {rule}")
                .field("field", &Field::File)
                .message("rule", Message::new("is required"))));
            return None;
        }
        let path = self.resolve(&self.text);
        let checked = match self.purpose {
            Purpose::Open => check_open(&path),
            Purpose::Save => check_save(&path, protected),
        };
        match checked {
            Err(e) => {
                self.confirm_replace = None;
                self.error = Some(say(&e.message()));
                None
            }
            Ok(exists) if exists && self.confirm_replace.as_ref() != Some(&path) => {
                self.confirm_replace = Some(path);
                None
            }
            Ok(_) => Some(path),
        }
    }

    /// Draws the dialog (a modal above the window); returns the answer.
    pub fn ui(&mut self, ctx: &egui::Context, protected: &Protected) -> PathAnswer {
        let modal = egui::Modal::new(egui::Id::unique("path-dialog")).show(ctx, |ui| {
            ui.heading(self.title.as_str());
            let l = ui.label(tr("No file chosen. Type a path instead:"));
            let field = ui
                .add(egui::TextEdit::singleline(&mut self.text).desired_width(420.0))
                .labelled_by(l.id);
            if !self.focused {
                field.request_focus();
                self.focused = true;
            }
            if field.changed() {
                self.confirm_replace = None;
                self.error = None;
            }
            let entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            if let Some(e) = &self.error {
                ui.label(RichText::new(e.as_str()).color(error_color(ui)));
            }
            if let Some(p) = &self.confirm_replace {
                ui.label(
                    RichText::new(say(&Message::new(
                        "{path} already exists. Replace it? Press Replace to write over it.",
                    )
                    .text("path", p.display())))
                    .color(error_color(ui)),
                );
            }
            let ok_label = if self.confirm_replace.is_some() {
                tr("Replace")
            } else {
                tr("OK")
            };
            ui.horizontal(|ui| {
                let ok = ui.button(ok_label).clicked();
                let cancel = ui.button(tr("Cancel")).clicked();
                (ok || entered, cancel)
            })
            .inner
        });
        let (ok, cancel) = modal.inner;
        if cancel || modal.should_close() {
            return PathAnswer::Cancelled;
        }
        if ok && let Some(path) = self.submit(protected) {
            return PathAnswer::Chosen(path);
        }
        PathAnswer::Pending
    }
}

/// A file to open must exist and be a file (folders are refused by name);
/// `Ok(false)`: nothing is replaced, nothing to ask.
fn check_open(path: &Path) -> Result<bool, AppError> {
    match std::fs::metadata(path) {
        Ok(m) if m.is_dir() => Err(AppError::field(
            Field::File,
            Message::new("'{path}' is a folder: type a file's name").text("path", path.display()),
        )),
        Ok(_) => Ok(false),
        Err(_) => Err(AppError::field(
            Field::File,
            Message::new("'{path}' does not exist").text("path", path.display()),
        )),
    }
}

/// A file to save: its folder must exist, and [`check_output`]'s rules
/// hold; `Ok(true)` when a file is there already (to ask before replacing).
fn check_save(path: &Path, protected: &Protected) -> Result<bool, AppError> {
    let folder = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    if !folder.is_dir() {
        return Err(AppError::field(
            Field::File,
            Message::new("the folder '{folder}' does not exist").text("folder", folder.display()),
        ));
    }
    check_output(&Field::File, path, protected)?;
    Ok(path.symlink_metadata().is_ok())
}

/// The folder a suggested file name goes in: the user's documents, else
/// their home, else the working directory.
pub fn default_folder() -> PathBuf {
    directories::UserDirs::new()
        .and_then(|d| {
            d.document_dir()
                .filter(|p| p.is_dir())
                .map(Path::to_path_buf)
                .or_else(|| Some(d.home_dir().to_path_buf()))
        })
        .unwrap_or_else(|| PathBuf::from("."))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_relative_path_is_taken_in_the_suggested_folder() {
        let d = PathDialog::new("t", Purpose::Save, Path::new("/srv/exports/a.csv"));
        assert_eq!(d.resolve("b.csv"), PathBuf::from("/srv/exports/b.csv"));
        assert_eq!(d.resolve(" /tmp/c.csv "), PathBuf::from("/tmp/c.csv"));
        assert_eq!(d.text, "/srv/exports/a.csv");
    }

    #[test]
    fn save_rules_name_the_folder_and_ask_before_replacing() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("a.csv");
        let mut d = PathDialog::new("t", Purpose::Save, &target);
        assert_eq!(d.submit(&Protected::none()), Some(target.clone()));
        std::fs::write(&target, b"x").unwrap();
        assert_eq!(d.submit(&Protected::none()), None, "asks first");
        assert_eq!(d.confirm_replace.as_ref(), Some(&target));
        assert_eq!(d.submit(&Protected::none()), Some(target.clone()));
        d.text = dir.path().join("missing/a.csv").display().to_string();
        d.confirm_replace = None;
        assert_eq!(d.submit(&Protected::none()), None);
        assert!(d.error.as_deref().unwrap().contains("does not exist"));
        d.text = "  ".into();
        assert_eq!(d.submit(&Protected::none()), None);
        assert!(d.error.as_deref().unwrap().contains("is required"));
    }

    #[test]
    fn open_needs_an_existing_file() {
        let dir = tempfile::tempdir().unwrap();
        let mut d = PathDialog::new("t", Purpose::Open, &dir.path().join("x.redb"));
        assert_eq!(d.submit(&Protected::none()), None);
        d.text = dir.path().display().to_string();
        assert_eq!(d.submit(&Protected::none()), None);
        assert!(d.error.as_deref().unwrap().contains("is a folder"));
    }
}
