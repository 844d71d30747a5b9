//! The command line as the process got it, with its secret kept off it.
//!
//! An access code typed as `--access-code CODE` shows in `ps` and in the
//! shell's history, so there are three other ways to give it, tried in
//! this order:
//!
//! 1. `CONFDESK_ACCESS_CODE` (clap reads it where the flag is missing, and
//!    `--help` never shows its value);
//! 2. `--access-code -`: the code is the first line of standard input, read
//!    here before clap sees the arguments;
//! 3. nothing at all on a terminal: the code is asked for, without echo.
//!
//! A parse error is printed by clap (exit 2; `--help` and `--version` exit
//! 0), and with `--json` also as one JSON object on stdout (see
//! [`super::report`]), so a script reading stdout sees why it failed.

use super::args::Cli;
use crate::domain::Message;
use clap::Parser as _;
use clap::error::{ContextKind, ContextValue, ErrorKind};
use std::ffi::OsString;
use std::io::IsTerminal as _;
use std::process::ExitCode;

/// The environment variable an access code is read from when
/// `--access-code` is not given.
pub const ACCESS_CODE_VAR: &str = "CONFDESK_ACCESS_CODE";

/// The flag whose `-` value means "read it from standard input".
const ACCESS_CODE_FLAG: &str = "--access-code";

/// Parses the process's arguments, reading an access code given as `-`
/// from standard input and asking for a missing one on a terminal. On a
/// usage error, prints it (as JSON on stdout too with `--json`) and
/// returns the exit code.
pub fn parse() -> Result<Cli, ExitCode> {
    let args: Vec<OsString> = std::env::args_os().collect();
    let json = wants_json(&args);
    let fail = |error: clap::Error| {
        let code = error.exit_code();
        if json && error.use_stderr() {
            super::report::print_json(&super::report::usage_json(&error));
        }
        let _ = error.print();
        ExitCode::from(u8::try_from(code).unwrap_or(2))
    };
    let stdin = std::io::stdin();
    let args = match code_from_reader(args, &mut stdin.lock()) {
        Ok(args) => args,
        Err(error) => return Err(fail(error)),
    };
    match Cli::try_parse_from(&args) {
        Ok(cli) => Ok(cli),
        Err(error) if misses_access_code(&error) && stdin.is_terminal() => {
            let code = ask_access_code().map_err(&fail)?;
            let mut args = args;
            args.push(ACCESS_CODE_FLAG.into());
            args.push(code.into());
            Cli::try_parse_from(&args).map_err(fail)
        }
        Err(error) => Err(fail(error)),
    }
}

/// Whether `--json` is among the arguments (before clap has parsed them).
fn wants_json(args: &[OsString]) -> bool {
    args.iter().skip(1).any(|a| a == "--json")
}

/// Replaces a `--access-code -` (or `--access-code=-`) in `args` with the
/// first line of `input`, trimmed of its line end.
pub fn code_from_reader(
    mut args: Vec<OsString>,
    input: &mut dyn std::io::BufRead,
) -> Result<Vec<OsString>, clap::Error> {
    let inline = format!("{ACCESS_CODE_FLAG}=-");
    let at = args.iter().enumerate().skip(1).find_map(|(i, a)| {
        if a == ACCESS_CODE_FLAG && args.get(i + 1).is_some_and(|v| v == "-") {
            Some((i, i + 1))
        } else if *a == *inline {
            Some((i, i))
        } else {
            None
        }
    });
    let Some((flag, value)) = at else {
        return Ok(args);
    };
    let mut line = String::new();
    let read = input.read_line(&mut line).map_err(|e| {
        usage(
            Message::new("--access-code -: could not read standard input: {detail}")
                .text("detail", e),
        )
    })?;
    let code = line.trim_end_matches(['\n', '\r']).to_string();
    if read == 0 || code.trim().is_empty() {
        return Err(usage(Message::new(
            "--access-code -: standard input held no access code (its first line is empty)",
        )));
    }
    args.splice(flag..=value, [ACCESS_CODE_FLAG.into(), code.into()]);
    Ok(args)
}

/// Whether clap refused the line only for want of `--access-code`.
fn misses_access_code(error: &clap::Error) -> bool {
    if error.kind() != ErrorKind::MissingRequiredArgument {
        return false;
    }
    match error.get(ContextKind::InvalidArg) {
        Some(ContextValue::Strings(missing)) => {
            !missing.is_empty() && missing.iter().all(|m| m.starts_with(ACCESS_CODE_FLAG))
        }
        _ => false,
    }
}

/// Asks for the access code on the terminal, without echo.
fn ask_access_code() -> Result<String, clap::Error> {
    let code = rpassword::prompt_password("Access code: ").map_err(|e| {
        usage(
            Message::new("--access-code: could not ask for it on the terminal: {detail}")
                .text("detail", e),
        )
    })?;
    if code.trim().is_empty() {
        return Err(usage(Message::new(
            "--access-code: no access code was typed",
        )));
    }
    Ok(code)
}

/// A usage error (exit 2) with `message` in English, as clap's own are.
fn usage(message: Message) -> clap::Error {
    let text = message.render(&crate::domain::message::English);
    clap::Error::raw(ErrorKind::ValueValidation, format!("{text}\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn os(args: &[&str]) -> Vec<OsString> {
        args.iter().map(OsString::from).collect()
    }

    #[test]
    fn a_dash_reads_the_code_from_the_first_line_of_input() {
        let args = os(&[
            "confdesk",
            "order",
            "show",
            "--order",
            "X",
            "--access-code",
            "-",
        ]);
        let got = code_from_reader(args, &mut &b"ab12cd\r\nnext\n"[..]).unwrap();
        assert_eq!(
            got,
            os(&[
                "confdesk",
                "order",
                "show",
                "--order",
                "X",
                "--access-code",
                "ab12cd"
            ])
        );
        let inline = os(&["confdesk", "history", "--access-code=-", "--order", "X"]);
        let got = code_from_reader(inline, &mut &b"QWERT\n"[..]).unwrap();
        assert_eq!(
            got,
            os(&[
                "confdesk",
                "history",
                "--access-code",
                "QWERT",
                "--order",
                "X"
            ])
        );
    }

    #[test]
    fn a_code_given_on_the_line_or_no_code_leaves_the_arguments_alone() {
        let args = os(&["confdesk", "order", "show", "--access-code", "ABCDEF"]);
        assert_eq!(
            code_from_reader(args.clone(), &mut &b"ignored\n"[..]).unwrap(),
            args
        );
        let args = os(&["confdesk", "orders", "list", "--slug", "-"]);
        assert_eq!(code_from_reader(args.clone(), &mut &b""[..]).unwrap(), args);
    }

    #[test]
    fn an_empty_input_is_a_usage_error_naming_the_flag() {
        let args = os(&["confdesk", "order", "show", "--access-code", "-"]);
        let error = code_from_reader(args, &mut &b"\n"[..]).unwrap_err();
        assert_eq!(error.exit_code(), 2);
        assert!(error.to_string().contains("--access-code -"), "{error}");
    }

    #[test]
    fn only_a_missing_access_code_is_asked_for() {
        let missing =
            Cli::try_parse_from(["confdesk", "order", "show", "--order", "X"]).unwrap_err();
        assert!(misses_access_code(&missing), "{missing}");
        let other =
            Cli::try_parse_from(["confdesk", "order", "show", "--access-code", "A"]).unwrap_err();
        assert!(!misses_access_code(&other), "{other}");
    }
}
