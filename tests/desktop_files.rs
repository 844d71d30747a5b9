//! The desktop integration files in `assets/` agree with the binary: the
//! `.desktop` entry and the AppStream metadata are named after the window's
//! app id, launch the installed binary, and name the icon that ships.

use confdesk::ui::icon::APP_ID;
use std::path::PathBuf;

fn asset(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("assets")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The `key=value` lines of a `.desktop` file's `[Desktop Entry]` group.
fn entry_value(desktop: &str, key: &str) -> Option<String> {
    let mut in_entry = false;
    for line in desktop.lines() {
        if line.starts_with('[') {
            in_entry = line == "[Desktop Entry]";
            continue;
        }
        if in_entry
            && let Some((k, v)) = line.split_once('=')
            && k == key
        {
            return Some(v.to_string());
        }
    }
    None
}

#[test]
fn the_desktop_entry_is_named_after_the_app_id_and_launches_the_binary() {
    let desktop = asset(&format!("{APP_ID}.desktop"));
    assert!(desktop.starts_with("[Desktop Entry]\n"));
    assert_eq!(
        entry_value(&desktop, "Type").as_deref(),
        Some("Application")
    );
    assert_eq!(
        entry_value(&desktop, "Exec").as_deref(),
        Some(env!("CARGO_PKG_NAME"))
    );
    assert_eq!(entry_value(&desktop, "Icon").as_deref(), Some(APP_ID));
    assert_eq!(
        entry_value(&desktop, "StartupWMClass").as_deref(),
        Some(APP_ID)
    );
    for list in ["Categories", "Keywords", "Keywords[ko]"] {
        let value = entry_value(&desktop, list).unwrap_or_default();
        assert!(
            value.ends_with(';'),
            "{list} is a ;-terminated list: {value:?}"
        );
    }
    // Every line is a group, a comment or key=value: no stray text.
    for line in desktop.lines().filter(|l| !l.is_empty()) {
        assert!(
            line.starts_with('[') || line.starts_with('#') || line.contains('='),
            "{line:?}"
        );
    }
}

#[test]
fn the_appstream_metadata_names_the_same_app_its_entry_and_this_version() {
    let meta = asset(&format!("{APP_ID}.metainfo.xml"));
    assert!(meta.contains(&format!("<id>{APP_ID}</id>")));
    assert!(meta.contains(&format!(
        "<launchable type=\"desktop-id\">{APP_ID}.desktop</launchable>"
    )));
    assert!(meta.contains(&format!("<binary>{}</binary>", env!("CARGO_PKG_NAME"))));
    assert!(
        meta.contains(&format!(
            "<release version=\"{}\"",
            env!("CARGO_PKG_VERSION")
        )),
        "the newest <release> is this crate's version"
    );
    assert!(meta.contains("<project_license>MIT OR Apache-2.0</project_license>"));
}

#[test]
fn the_icon_ships_as_svg_and_png() {
    let svg = asset("icons/confdesk.svg");
    assert!(svg.contains("<svg") && svg.contains("viewBox=\"0 0 256 256\""));
    let png = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets/icons/confdesk-256.png");
    let bytes = std::fs::read(png).unwrap();
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");
}
