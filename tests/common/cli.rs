//! The CLI run as a binary against a temp log (shared by the CLI test files):
//! one run's exit code and output, a temp log with a fixed clock, and the
//! CQRS Summit conference set up through the commands.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

pub const T0: &str = "2026-11-25T09:00:00Z";
pub const SLUG: &str = "cqrs-summit";
pub const OWNER: &str = "ana@example.com";

/// One binary run.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.stdout))
    }

    #[track_caller]
    pub fn ok(self) -> Self {
        assert_eq!(
            self.code, 0,
            "stdout: {}\nstderr: {}",
            self.stdout, self.stderr
        );
        self
    }

    #[track_caller]
    pub fn fails(self, code: i32, stderr_has: &str) -> Self {
        assert_eq!(
            self.code, code,
            "stdout: {}\nstderr: {}",
            self.stdout, self.stderr
        );
        assert!(
            self.stderr.contains(stderr_has),
            "stderr lacks {stderr_has:?}: {}",
            self.stderr
        );
        // Nothing on stdout but, with `--json`, the error as one object
        // naming the same exit code.
        if !self.stdout.is_empty() {
            let error: Value = serde_json::from_str(&self.stdout).unwrap_or_else(|e| {
                panic!(
                    "stdout holds only a JSON error on error ({e}): {}",
                    self.stdout
                )
            });
            assert_eq!(error["error"]["code"], code, "{}", self.stdout);
        }
        self
    }
}

/// A temp log and the time the commands run at.
pub struct Desk {
    pub dir: tempfile::TempDir,
    pub data: PathBuf,
    pub now: String,
}

impl Desk {
    pub fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("log").join("confdesk.redb");
        Self {
            dir,
            data,
            now: T0.into(),
        }
    }

    pub fn at(&mut self, now: &str) -> &mut Self {
        self.now = now.into();
        self
    }

    pub fn run(&self, args: &[&str]) -> Run {
        run_with(&self.data, &self.now, args)
    }

    /// Creates and publishes the conference: General admission (3 × 199.00)
    /// and Workshop (2 × 500.00), in USD. Returns the organizer's code.
    pub fn conference(&self) -> String {
        let created = self
            .run(&[&["--json"][..], &Create::default().args()].concat())
            .ok()
            .json();
        assert_eq!(created["slug"], SLUG);
        let code = created["access_code"].as_str().unwrap().to_string();
        for (name, quota, price) in [
            ("General admission", "3", "199.00"),
            ("Workshop", "2", "500"),
        ] {
            self.run(&org(
                &[
                    "seat-type",
                    "add",
                    "--name",
                    name,
                    "--quota",
                    quota,
                    "--price",
                    price,
                ],
                &code,
            ))
            .ok();
        }
        self.run(&org(&["conference", "publish"], &code)).ok();
        code
    }

    /// Places an order; returns (order id, order code, JSON).
    pub fn place(&self, seats: &[&str]) -> (String, String, Value) {
        let mut args = vec!["--json", "order", "place", "--slug", SLUG];
        for s in seats {
            args.extend(["--seat", s]);
        }
        let v = self.run(&args).ok().json();
        (
            v["order_id"].as_str().unwrap().into(),
            v["access_code"].as_str().unwrap().into(),
            v,
        )
    }

    pub fn show(&self, id: &str, code: &str) -> Value {
        self.run(&[
            "--json",
            "order",
            "show",
            "--order",
            id,
            "--access-code",
            code,
        ])
        .ok()
        .json()
    }

    pub fn registrant(&self, id: &str, code: &str) {
        let person = [
            "--first-name",
            "Min-jun",
            "--last-name",
            "Kim",
            "--email",
            "mj@example.kr",
        ];
        self.run(
            &[
                &["order", "registrant", "--order", id, "--access-code", code][..],
                &person,
            ]
            .concat(),
        )
        .ok();
    }
}

pub fn run_with(data: &Path, now: &str, args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_confdesk"))
        .args(args)
        .env("CONFDESK_DATA", data)
        .env("CONFDESK_NOW", now)
        // The door shows check-in times in local time: fix the zone.
        .env("TZ", "UTC")
        // Mail in English whatever this machine's language (`--mail-lang`).
        .env("CONFDESK_MAIL_LANG", "en")
        .output()
        .unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

/// `args` followed by the organizer's key.
pub fn org<'a>(args: &[&'a str], code: &'a str) -> Vec<&'a str> {
    [
        args,
        &["--slug", SLUG, "--email", OWNER, "--access-code", code],
    ]
    .concat()
}

pub fn keys(v: &Value) -> Vec<&str> {
    let mut k: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    k.sort_unstable();
    k
}

/// The arguments of `conference create`; what is not changed is the CQRS
/// Summit's (slug `cqrs-summit`, owner Ana Souza, 1–2 Dec 2026, USD).
#[derive(Debug, Clone, Copy)]
pub struct Create<'a> {
    pub name: &'a str,
    pub slug: &'a str,
    pub owner_name: &'a str,
    pub start: &'a str,
    pub end: &'a str,
    pub currency: &'a str,
}

impl Default for Create<'_> {
    fn default() -> Self {
        Self {
            name: "CQRS Summit",
            slug: SLUG,
            owner_name: "Ana Souza",
            start: "2026-12-01",
            end: "2026-12-02",
            currency: "USD",
        }
    }
}

impl<'a> Create<'a> {
    /// `conference create` with these values, the owner e-mail [`OWNER`].
    pub fn args(&self) -> Vec<&'a str> {
        vec![
            "conference",
            "create",
            "--name",
            self.name,
            "--slug",
            self.slug,
            "--owner-name",
            self.owner_name,
            "--owner-email",
            OWNER,
            "--start",
            self.start,
            "--end",
            self.end,
            "--currency",
            self.currency,
        ]
    }
}
