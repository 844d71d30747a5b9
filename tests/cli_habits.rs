//! Habits of a well-kept command-line tool (issue 17 item 4): a secret
//! kept off the command line, errors a script can read with `--json`, the
//! CSV on standard output, completions and a man page.

mod common;
use common::cli::*;
use std::io::Write as _;
use std::process::{Command, Stdio};

/// Runs the binary on `desk`'s log with `env` set and `stdin` fed in.
fn run_fed(desk: &Desk, args: &[&str], env: &[(&str, &str)], stdin: &[u8]) -> Run {
    let mut command = Command::new(env!("CARGO_BIN_EXE_confdesk"));
    command
        .args(args)
        .env("CONFDESK_DATA", &desk.data)
        .env("CONFDESK_NOW", &desk.now)
        .env("TZ", "UTC")
        .env_remove("CONFDESK_ACCESS_CODE")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (k, v) in env {
        command.env(k, v);
    }
    let mut child = command.spawn().unwrap();
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    let out = child.wait_with_output().unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

const LIST: [&str; 6] = ["attendees", "list", "--slug", SLUG, "--email", OWNER];

#[test]
fn the_access_code_comes_from_the_environment_or_standard_input() {
    let d = Desk::new();
    let code = d.conference();
    let by_flag = d.run(&org(&["attendees", "list"], &code)).ok().stdout;
    let by_env = run_fed(&d, &LIST, &[("CONFDESK_ACCESS_CODE", &code)], b"").ok();
    assert_eq!(by_env.stdout, by_flag);
    let by_stdin = run_fed(
        &d,
        &[&LIST[..], &["--access-code", "-"]].concat(),
        &[],
        format!("{code}\n").as_bytes(),
    )
    .ok();
    assert_eq!(by_stdin.stdout, by_flag);
    // The flag wins over the variable.
    run_fed(
        &d,
        &org(&["attendees", "list"], &code),
        &[("CONFDESK_ACCESS_CODE", "WRONG")],
        b"",
    )
    .ok();
    // A wrong code from stdin is a wrong code (3), like one typed.
    run_fed(
        &d,
        &[&LIST[..], &["--access-code=-"]].concat(),
        &[],
        b"ZZZZZ\n",
    )
    .fails(3, "");
}

#[test]
fn a_missing_code_off_a_terminal_or_an_empty_stdin_is_bad_input_naming_the_flag() {
    let d = Desk::new();
    d.conference();
    run_fed(&d, &LIST, &[], b"").fails(2, "--access-code");
    run_fed(
        &d,
        &[&LIST[..], &["--access-code", "-"]].concat(),
        &[],
        b"\n",
    )
    .fails(2, "--access-code -: standard input held no access code");
    // --help shows the variable but never its value.
    let help = run_fed(
        &d,
        &["attendees", "list", "--help"],
        &[("CONFDESK_ACCESS_CODE", "SECRET")],
        b"",
    )
    .ok();
    assert!(
        help.stdout.contains("CONFDESK_ACCESS_CODE"),
        "{}",
        help.stdout
    );
    assert!(!help.stdout.contains("SECRET"), "{}", help.stdout);
}

#[test]
fn with_json_an_error_is_one_json_object_on_stdout_too() {
    let d = Desk::new();
    let code = d.conference();
    let bad = Create {
        slug: "Not A Slug",
        ..Create::default()
    };
    let run = d.run(&[&["--json"][..], &bad.args()].concat());
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.starts_with("error: "),
        "people still read stderr: {}",
        run.stderr
    );
    let e = &run.json()["error"];
    assert_eq!(e["code"], 2);
    assert_eq!(e["field"], "slug");
    assert_eq!(e["fields"][0]["field"], "slug");
    assert!(e["message"].as_str().unwrap().contains("slug"), "{e}");
    // A wrong code: 3, and the message key is stable for scripts.
    let wrong = d.run(&[&["--json"][..], &org(&["attendees", "list"], "ZZZZZ")].concat());
    assert_eq!(wrong.code, 3);
    let e = &wrong.json()["error"];
    assert_eq!(e["code"], 3);
    assert!(e["key"].is_string(), "{e}");
    assert!(e["field"].is_null());
    // A usage error clap finds (a missing flag) is JSON too, naming the flag.
    let usage = run_fed(
        &d,
        &[
            "--json",
            "orders",
            "list",
            "--slug",
            SLUG,
            "--access-code",
            &code,
        ],
        &[],
        b"",
    );
    assert_eq!(usage.code, 2);
    let e = &usage.json()["error"];
    assert_eq!(e["code"], 2);
    assert!(e["field"].as_str().unwrap().starts_with("--email"), "{e}");
    // Without --json, stdout stays empty on an error.
    d.run(&bad.args()).fails(2, "slug");
}

#[test]
fn out_dash_writes_the_same_csv_to_standard_output() {
    let d = Desk::new();
    let code = d.conference();
    let (id, order_code, _) = d.place(&["General admission=2"]);
    d.registrant(&id, &order_code);
    d.run(&["order", "pay", "--order", &id, "--access-code", &order_code])
        .ok();
    let file = d.dir.path().join("a.csv");
    let file_arg = file.to_str().unwrap();
    d.run(&org(&["attendees", "export", "--out", file_arg], &code))
        .ok();
    let stdout = Command::new(env!("CARGO_BIN_EXE_confdesk"))
        .args(org(&["attendees", "export", "--out", "-"], &code))
        .env("CONFDESK_DATA", &d.data)
        .env("CONFDESK_NOW", &d.now)
        .output()
        .unwrap();
    assert_eq!(stdout.status.code(), Some(0));
    let written = std::fs::read(&file).unwrap();
    assert_eq!(stdout.stdout, written, "byte for byte, BOM included");
    assert!(
        String::from_utf8_lossy(&written).lines().count() >= 3,
        "a header and two seats"
    );
    // Nothing named "-" was created.
    assert!(!std::path::Path::new("-").exists());
}

#[test]
fn completions_and_the_man_page_describe_the_commands() {
    let d = Desk::new();
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let run = d.run(&["completions", shell]).ok();
        assert!(
            run.stdout.contains("confdesk") && run.stdout.contains("checkin"),
            "{shell}"
        );
    }
    d.run(&["completions", "tcsh"]).fails(2, "tcsh");
    let man = d.run(&["manpage"]).ok().stdout;
    assert!(
        man.contains(".TH confdesk"),
        "{}",
        &man[..200.min(man.len())]
    );
    assert!(man.contains(".SH \"CONFDESK ORDER PAY\""));
    assert!(!d.data.exists(), "neither opens or creates the log");
}

/// Mail is written in the desk's language (issue 17 item 1): `--mail-lang`
/// (or CONFDESK_MAIL_LANG) chooses it for the mail a command queues; an
/// unknown language is bad input naming the flag, and nothing is queued.
#[test]
fn mail_is_queued_in_the_language_asked() {
    let d = Desk::new();
    d.conference();
    let (id, order_code, _) = d.place(&["General admission=1"]);
    d.registrant(&id, &order_code);
    let outbox = d.data.parent().unwrap().join("outbox");
    let before = std::fs::read_dir(&outbox).map_or(0, |r| r.count());
    let pay = ["order", "pay", "--order", &id, "--access-code", &order_code];
    d.run(&[&["--mail-lang", "xx"][..], &pay].concat())
        .fails(2, "--mail-lang");
    assert_eq!(
        std::fs::read_dir(&outbox).map_or(0, |r| r.count()),
        before,
        "a refused command queues nothing"
    );
    d.run(&[&["--mail-lang", "ko"][..], &pay].concat()).ok();
    let confirmation = std::fs::read_dir(&outbox)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| std::fs::read_to_string(p).is_ok_and(|t| t.contains(&order_code)))
        .expect("the confirmation is queued");
    let raw = std::fs::read(&confirmation).unwrap();
    let mail = mail_parser::MessageParser::default().parse(&raw).unwrap();
    let subject = mail.subject().unwrap();
    assert!(subject.contains("주문"), "a Korean subject: {subject}");
    assert!(
        mail.body_text(0).unwrap().contains("합계"),
        "a Korean body: {:?}",
        mail.body_text(0)
    );
}

/// On a terminal a missing access code is asked for without echo (issue
/// 17 item 4). `script` (util-linux) gives the command a pseudo-terminal
/// and types the code into it once the prompt is up.
#[test]
fn on_a_terminal_the_code_is_asked_for_and_not_echoed() {
    if Command::new("script").arg("--version").output().is_err() {
        assert!(
            !common::pg::under_ci(),
            "`script` (util-linux) is missing under CI"
        );
        eprintln!("SKIP: no `script` to give the command a terminal");
        return;
    }
    let d = Desk::new();
    let code = d.conference();
    let exe = env!("CARGO_BIN_EXE_confdesk");
    let command = format!("{exe} {}", LIST.join(" "));
    let run = |typed: String| {
        let mut child = Command::new("script")
            .args(["-qec", &command, "/dev/null"])
            .env("CONFDESK_DATA", &d.data)
            .env("CONFDESK_NOW", &d.now)
            .env("TZ", "UTC")
            .env_remove("CONFDESK_ACCESS_CODE")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdin = child.stdin.take().unwrap();
        // Typed after the prompt is up, as a person would.
        std::thread::sleep(std::time::Duration::from_millis(700));
        stdin.write_all(typed.as_bytes()).unwrap();
        let out = child.wait_with_output().unwrap();
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stdout).to_string(),
        )
    };
    let (status, screen) = run(format!("{code}\n"));
    assert_eq!(status, 0, "{screen}");
    assert!(screen.contains("Access code:"), "the prompt: {screen}");
    assert!(!screen.contains(&code), "the code is not echoed: {screen}");
    assert!(
        screen.contains("ana@example.com") || screen.contains("No purchased seats"),
        "{screen}"
    );
    let (status, screen) = run("ZZZZ\n".to_string());
    assert_eq!(status, 2, "a mistyped code is bad input: {screen}");
    assert!(screen.contains("access code"), "{screen}");
}
