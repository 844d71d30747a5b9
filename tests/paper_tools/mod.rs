//! Reading a PDF back for the paper tests (issue 18, items 4 and 5):
//! poppler's `pdftotext` (the text, page by page) and `pdftoppm` (does it
//! render). Without poppler-utils a test prints one SKIP line and passes,
//! except under CI (`.ci/run` installs them), where it fails: a CI run
//! must never go green without having looked at a PDF.

#![allow(dead_code)]

use std::path::Path;
use std::process::Command;

/// The line a run without poppler prints.
pub const SKIP_LINE: &str =
    "SKIP: pdftotext/pdftoppm (poppler-utils) not found — PDF read-back not run";

fn under_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "0" && !v.eq_ignore_ascii_case("false"))
}

/// Whether poppler's tools are here; prints [`SKIP_LINE`] when not, and
/// panics under CI.
pub fn poppler() -> bool {
    let found = ["pdftotext", "pdftoppm", "pdfinfo"]
        .iter()
        .all(|tool| Command::new(tool).arg("-v").output().is_ok());
    if !found {
        assert!(
            !under_ci(),
            "{SKIP_LINE} (CI must run it: install poppler-utils)"
        );
        eprintln!("{SKIP_LINE}");
    }
    found
}

/// The text of every page, in reading order (`pdftotext -layout`), split
/// at form feeds.
pub fn pages_text(pdf: &Path) -> Vec<String> {
    let out = Command::new("pdftotext")
        .args(["-layout", "-enc", "UTF-8"])
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let mut pages: Vec<String> = text.split('\u{c}').map(str::to_owned).collect();
    if pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    pages
}

/// The page count poppler reads.
pub fn page_count(pdf: &Path) -> usize {
    let out = Command::new("pdfinfo").arg(pdf).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let info = String::from_utf8(out.stdout).unwrap();
    info.lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap()
}

/// Renders page `page` (from 1) as a greyscale PNG at `dpi`; returns its
/// bytes (poppler fails on a broken PDF).
pub fn render_page(pdf: &Path, page: usize, dpi: u32) -> Vec<u8> {
    let dir = tempfile::tempdir().unwrap();
    let prefix = dir.path().join("page");
    let n = page.to_string();
    let out = Command::new("pdftoppm")
        .args([
            "-png",
            "-gray",
            "-singlefile",
            "-r",
            &dpi.to_string(),
            "-f",
            &n,
            "-l",
            &n,
        ])
        .arg(pdf)
        .arg(&prefix)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    std::fs::read(prefix.with_extension("png")).unwrap()
}
