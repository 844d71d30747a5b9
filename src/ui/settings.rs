//! The window's own preferences (the interface language, the theme, the
//! recent logs, of which the first is the log to reopen at start), kept in
//! `settings.json` in the platform config directory, and the window's size
//! and place ([`crate::ui::geometry`]). The path is passed in,
//! so tests use a temporary file and never the real config directory. A
//! missing or unreadable file means the defaults: preferences are never a
//! reason for the desk not to start. Saving goes through
//! [`write_output`]: whatever the config folder holds, it never replaces
//! the open log or its sidecars. A recent shared log is remembered by
//! [`crate::app::LogLocation::text`], without its password: a password is
//! never written here.

use crate::app::output_file::{Protected, write_output};
use crate::app::{AppError, LogLocation};
use crate::domain::Field;
use crate::ui::geometry::WindowGeometry;
use crate::ui::i18n::Lang;
use eframe::egui::ThemePreference;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// What the window remembers between runs.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct WindowPrefs {
    /// The chosen language code (`"en"`, `"ko"`); none = follow the system.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// The logs opened last, newest first (at most [`RECENT_MAX`]): paths
    /// and shared logs' URLs without their password.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub recent: Vec<String>,
    /// The chosen theme (`"light"`, `"dark"`); none = follow the system.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub theme: Option<String>,
    /// The window's size and place when it last closed (see
    /// [`crate::ui::geometry`]); checked before use.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::ui::geometry::lenient"
    )]
    pub window: Option<WindowGeometry>,
    /// The mail server's URL (`smtp://user@host:port`; never a password).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub smtp_url: Option<String>,
    /// The From address of the mail sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub smtp_from: Option<String>,
}

/// How many recent logs File → Recent lists.
pub const RECENT_MAX: usize = 8;

impl WindowPrefs {
    /// The settings in `path`, or the defaults if it is missing or damaged.
    pub fn load(path: &Path) -> Self {
        std::fs::read_to_string(path)
            .ok()
            .and_then(|text| serde_json::from_str(&text).ok())
            .unwrap_or_default()
    }

    /// Writes the settings to `path` (whole or not at all), creating its
    /// directory; refused (on the field "settings") if `path` is `protected`
    /// or not an ordinary file.
    pub fn save(&self, path: &Path, protected: &Protected) -> Result<(), AppError> {
        let io = |e: std::io::Error| AppError::Io {
            path: path.to_path_buf(),
            detail: e.to_string(),
        };
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(io)?;
        }
        let text = serde_json::to_string_pretty(self).map_err(|e| io(std::io::Error::other(e)))?;
        write_output(&Field::Settings, path, protected, text.as_bytes())
    }

    /// Puts `location` (as [`crate::app::LogLocation::text`] shows it) first
    /// in the recent logs, once, keeping [`RECENT_MAX`].
    pub fn remember(&mut self, location: &crate::app::LogLocation) {
        let text = location.text();
        self.recent.retain(|t| *t != text);
        self.recent.insert(0, text);
        self.recent.truncate(RECENT_MAX);
    }

    /// The remembered language, if one was chosen and is known.
    pub fn lang(&self) -> Option<Lang> {
        self.language.as_deref().and_then(Lang::from_code)
    }

    /// The remembered theme; an unknown word (a newer version's, or a
    /// hand edit) follows the system, like no choice at all.
    pub fn theme(&self) -> ThemePreference {
        match self.theme.as_deref() {
            Some("light") => ThemePreference::Light,
            Some("dark") => ThemePreference::Dark,
            _ => ThemePreference::System,
        }
    }

    /// Remembers `pref` (following the system is stored as no choice).
    pub fn set_theme(&mut self, pref: ThemePreference) {
        self.theme = match pref {
            ThemePreference::Light => Some("light".into()),
            ThemePreference::Dark => Some("dark".into()),
            ThemePreference::System => None,
        };
    }

    /// The log to reopen when the window starts without `--data`: the last
    /// one opened, if it is a shared log (its password-free text: the
    /// connect dialog asks for a password if one is needed) or a file that
    /// still exists. A file that is gone is never recreated from here.
    pub fn start_log(&self) -> Option<LogLocation> {
        let location = LogLocation::parse(self.recent.first()?);
        match location.file() {
            Some(path) if !path.is_file() => None,
            _ => Some(location),
        }
    }

    /// The remembered window geometry, if it can be used.
    pub fn window(&self) -> Option<WindowGeometry> {
        self.window.and_then(WindowGeometry::checked)
    }

    /// The remembered mail server, if one was saved (its password is
    /// asked again: it is never saved).
    pub fn mail_setup(&self) -> Option<crate::ui::mail::MailSetup> {
        Some(crate::ui::mail::MailSetup {
            url: self.smtp_url.clone()?,
            from: self.smtp_from.clone().unwrap_or_default(),
            password: None,
        })
    }

    /// The language to start in: the remembered one, else `system`'s.
    pub fn start_lang(&self, system_locale: Option<&str>) -> Lang {
        self.lang()
            .unwrap_or_else(|| system_locale.map_or(Lang::En, Lang::for_locale))
    }
}

/// `settings.json` in the platform config directory, if the platform has one.
pub fn default_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "confdesk").map(|d| d.config_dir().join("settings.json"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_or_damaged_file_gives_defaults() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("settings.json");
        assert_eq!(WindowPrefs::load(&path), WindowPrefs::default());
        std::fs::write(&path, "{ not json").unwrap();
        assert_eq!(WindowPrefs::load(&path), WindowPrefs::default());
        std::fs::write(&path, r#"{"language": 7}"#).unwrap();
        assert_eq!(WindowPrefs::load(&path), WindowPrefs::default());
        std::fs::write(&path, r#"{"language": "xx"}"#).unwrap();
        assert_eq!(WindowPrefs::load(&path).lang(), None);
    }

    #[test]
    fn saved_language_comes_back() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("nested").join("settings.json");
        let s = WindowPrefs {
            language: Some(Lang::Ko.code().into()),
            ..WindowPrefs::default()
        };
        s.save(&path, &Protected::none()).unwrap();
        let back = WindowPrefs::load(&path);
        assert_eq!(back.lang(), Some(Lang::Ko));
        assert_eq!(back.start_lang(Some("en-US")), Lang::Ko);
    }

    #[test]
    fn saving_never_replaces_the_log() {
        let dir = tempfile::tempdir().unwrap();
        let log = dir.path().join("e.redb");
        std::fs::write(&log, b"the log").unwrap();
        let link = dir.path().join("settings.json");
        std::fs::hard_link(&log, &link).unwrap();
        let s = WindowPrefs {
            language: Some(Lang::Ko.code().into()),
            ..WindowPrefs::default()
        };
        let e = s.save(&link, &Protected::for_log(&log)).unwrap_err();
        assert!(matches!(e, AppError::Validation(_)), "{e}");
        assert!(e.to_string().contains("is the open event log"), "{e}");
        assert_eq!(std::fs::read(&log).unwrap(), b"the log");
    }

    #[test]
    fn recent_logs_are_kept_newest_first_once_and_without_passwords() {
        use crate::app::LogLocation;
        let mut s = WindowPrefs::default();
        for i in 0..10 {
            s.remember(&LogLocation::parse(format!("/data/log{i}.redb")));
        }
        s.remember(&LogLocation::parse("/data/log5.redb"));
        s.remember(&LogLocation::parse(
            "postgresql://desk:s3cret@192.168.1.20/summit",
        ));
        assert_eq!(s.recent.len(), RECENT_MAX);
        assert_eq!(s.recent[0], "postgresql://desk@192.168.1.20/summit");
        assert_eq!(s.recent[1], "/data/log5.redb");
        assert_eq!(
            s.recent.iter().filter(|t| t.ends_with("log5.redb")).count(),
            1
        );
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("settings.json");
        s.save(&path, &Protected::none()).unwrap();
        assert!(!std::fs::read_to_string(&path).unwrap().contains("s3cret"));
        assert_eq!(WindowPrefs::load(&path), s);
    }

    #[test]
    fn the_chosen_theme_comes_back() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("settings.json");
        assert_eq!(WindowPrefs::load(&path).theme(), ThemePreference::System);
        for pref in [
            ThemePreference::Light,
            ThemePreference::Dark,
            ThemePreference::System,
        ] {
            let mut s = WindowPrefs::load(&path);
            s.set_theme(pref);
            s.save(&path, &Protected::none()).unwrap();
            assert_eq!(WindowPrefs::load(&path).theme(), pref);
        }
        std::fs::write(&path, r#"{"theme": "sepia", "language": "ko"}"#).unwrap();
        let s = WindowPrefs::load(&path);
        assert_eq!(s.theme(), ThemePreference::System);
        assert_eq!(
            s.lang(),
            Some(Lang::Ko),
            "an unknown theme loses nothing else"
        );
    }

    #[test]
    fn the_last_opened_log_is_reopened_if_it_is_still_there() {
        let dir = tempfile::tempdir().unwrap();
        let log = dir.path().join("summit.redb");
        std::fs::write(&log, b"a log").unwrap();
        let path = dir.path().join("settings.json");
        let mut s = WindowPrefs::default();
        assert_eq!(s.start_log(), None);
        s.remember(&LogLocation::File(dir.path().join("old.redb")));
        s.remember(&LogLocation::File(log.clone()));
        s.save(&path, &Protected::none()).unwrap();
        let back = WindowPrefs::load(&path);
        assert_eq!(back.start_log(), Some(LogLocation::File(log.clone())));
        // A log that is gone is not recreated: the default log opens instead.
        std::fs::remove_file(&log).unwrap();
        assert_eq!(back.start_log(), None);
    }

    #[test]
    fn a_shared_last_log_is_reopened_without_its_password() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("settings.json");
        let mut s = WindowPrefs::default();
        s.remember(&LogLocation::parse(
            "postgresql://desk:s3cret@192.168.1.20/summit",
        ));
        s.save(&path, &Protected::none()).unwrap();
        assert!(!std::fs::read_to_string(&path).unwrap().contains("s3cret"));
        let start = WindowPrefs::load(&path).start_log().unwrap();
        assert_eq!(start.text(), "postgresql://desk@192.168.1.20/summit");
        assert!(start.file().is_none());
    }

    #[test]
    fn the_window_geometry_comes_back_and_a_damaged_one_is_ignored() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("settings.json");
        let g = WindowGeometry {
            width: 900,
            height: 640,
            position: Some([10, 20]),
            maximized: false,
        };
        let s = WindowPrefs {
            window: Some(g),
            language: Some("ko".into()),
            ..WindowPrefs::default()
        };
        s.save(&path, &Protected::none()).unwrap();
        assert_eq!(WindowPrefs::load(&path).window(), Some(g));
        std::fs::write(
            &path,
            r#"{"language": "ko", "window": {"width": 3, "height": 640}}"#,
        )
        .unwrap();
        let back = WindowPrefs::load(&path);
        assert_eq!(back.window(), None, "too small to use");
        assert_eq!(back.lang(), Some(Lang::Ko), "and nothing else is lost");
        std::fs::write(
            &path,
            r#"{"language": "ko", "window": {"width": -5, "height": "tall"}}"#,
        )
        .unwrap();
        let back = WindowPrefs::load(&path);
        assert_eq!(back.window(), None, "not numbers");
        assert_eq!(
            back.lang(),
            Some(Lang::Ko),
            "a damaged size loses nothing else"
        );
    }

    #[test]
    fn without_a_choice_the_system_locale_decides() {
        let s = WindowPrefs::default();
        assert_eq!(s.start_lang(Some("ko-KR")), Lang::Ko);
        assert_eq!(s.start_lang(Some("ko")), Lang::Ko);
        assert_eq!(s.start_lang(Some("en-GB")), Lang::En);
        assert_eq!(s.start_lang(Some("de_DE.UTF-8")), Lang::En);
        assert_eq!(s.start_lang(None), Lang::En);
    }
}
