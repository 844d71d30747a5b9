//! A real SMTP server for the mail tests: Debian's aiosmtpd, started by
//! `tests/smtp/server.py` with Python from `CONFDESK_TEST_SMTP_PYTHON`;
//! it keeps each message it accepts as files the test reads back.

use super::pg::under_ci;
use std::io::{BufRead as _, BufReader};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};

/// Python with aiosmtpd.
pub const PYTHON_VAR: &str = "CONFDESK_TEST_SMTP_PYTHON";

/// The test's mail server; stops when dropped (its stdin closes).
pub struct Server {
    child: Child,
    _stdin: Option<ChildStdin>,
    /// The port it listens on (127.0.0.1).
    pub port: u16,
    dir: tempfile::TempDir,
}

impl Drop for Server {
    fn drop(&mut self) {
        self._stdin.take();
        let _ = self.child.wait();
    }
}

impl Server {
    /// Starts a server that refuses mail to `refuse`; none (and a SKIP
    /// line) where Python with aiosmtpd is not set, a failure under CI.
    pub fn start(refuse: &str) -> Option<Server> {
        let Some(python) = std::env::var_os(PYTHON_VAR).filter(|v| !v.is_empty()) else {
            assert!(
                !under_ci(),
                "{PYTHON_VAR} is not set under CI: .ci/run installs python3-aiosmtpd and sets it"
            );
            eprintln!("SKIP: {PYTHON_VAR} not set — SMTP tests not run");
            return None;
        };
        let dir = tempfile::tempdir().unwrap();
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/smtp/server.py");
        let mut child = Command::new(python)
            .arg(script)
            .arg(dir.path())
            .args(["--refuse", refuse])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let port = line
            .trim()
            .strip_prefix("READY ")
            .unwrap_or_else(|| panic!("server said {line:?}"));
        let port = port.parse().unwrap();
        let stdin = child.stdin.take();
        Some(Server {
            child,
            _stdin: stdin,
            port,
            dir,
        })
    }

    /// The messages received so far: (envelope JSON, raw message).
    pub fn received(&self) -> Vec<(serde_json::Value, Vec<u8>)> {
        let mut got = Vec::new();
        for n in 1.. {
            let base = self.dir.path().join(n.to_string());
            let Ok(envelope) = std::fs::read(base.with_extension("json")) else {
                break;
            };
            got.push((
                serde_json::from_slice(&envelope).unwrap(),
                std::fs::read(base.with_extension("eml")).unwrap(),
            ));
        }
        got
    }
}
