//! The command line describing itself for the shell and for `man`: both
//! are generated from the same clap tree as `--help`, so they never drift
//! from what the binary accepts. Both write to stdout, never to a file:
//! `confdesk completions bash > …`, `confdesk manpage > confdesk.1`.

use super::args::Cli;
use super::output::Output;
use clap::CommandFactory as _;
use std::fmt::Write as _;

/// The shells `confdesk completions` writes a script for.
pub use clap_complete::Shell;

/// The completion script for `shell`.
pub fn completions(shell: Shell) -> Output {
    let mut command = Cli::command();
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut command, "confdesk", &mut script);
    Output::raw(script)
}

/// The man page (roff) of `confdesk`, with a section per command (every
/// leaf of the command tree: its synopsis, what it does, each flag).
pub fn manpage() -> anyhow::Result<Output> {
    let command = Cli::command();
    let mut page = Vec::new();
    clap_mangen::Man::new(command.clone()).render(&mut page)?;
    let mut sections = String::new();
    for sub in command.get_subcommands() {
        command_sections(&mut sections, "confdesk", sub);
    }
    page.extend_from_slice(sections.as_bytes());
    Ok(Output::raw(page))
}

/// Appends a section for `command` (reached by `path`) or, when it has
/// subcommands, one for each of them.
fn command_sections(out: &mut String, path: &str, command: &clap::Command) {
    if command.is_hide_set() || command.get_name() == "help" {
        return;
    }
    let path = format!("{path} {}", command.get_name());
    if command.has_subcommands() {
        for sub in command.get_subcommands() {
            command_sections(out, &path, sub);
        }
        return;
    }
    let _ = writeln!(out, ".SH \"{}\"", roff(&path.to_uppercase()));
    if let Some(about) = command.get_long_about().or(command.get_about()) {
        let _ = writeln!(out, "{}", roff(&about.to_string()));
    }
    for arg in command.get_arguments().filter(|a| !a.is_hide_set()) {
        let Some(long) = arg.get_long() else { continue };
        let value = arg
            .get_value_names()
            .and_then(|names| names.first())
            .map(|name| format!(" <{name}>"))
            .filter(|_| arg.get_action().takes_values())
            .unwrap_or_default();
        let _ = writeln!(out, ".TP\n\\fB\\-\\-{}\\fR{}", roff(long), roff(&value));
        if let Some(help) = arg.get_long_help().or(arg.get_help()) {
            let _ = writeln!(out, "{}", roff(&help.to_string()));
        }
    }
}

/// `text` safe as roff body text: backslashes escaped, no line starting
/// with a control character, hyphens as minus signs.
fn roff(text: &str) -> String {
    text.lines()
        .map(|line| {
            let line = line.replace('\\', "\\e").replace('-', "\\-");
            if line.starts_with('.') || line.starts_with('\'') {
                format!("\\&{line}")
            } else {
                line
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_man_page_documents_every_leaf_command_and_its_flags() {
        let page = String::from_utf8(manpage().unwrap().raw.unwrap()).unwrap();
        assert!(
            page.starts_with(".ie \\n(.g .ds Aq"),
            "a roff page: {}",
            &page[..40]
        );
        for section in [
            "CONFDESK ORDER PLACE",
            "CONFDESK ATTENDEES EXPORT",
            "CONFDESK LOG COPY",
        ] {
            assert!(
                page.contains(&format!(".SH \"{}\"", section.replace('-', "\\-"))),
                "{section}"
            );
        }
        assert!(page.contains("\\fB\\-\\-access\\-code\\fR"));
        assert!(page.contains("CONFDESK_ACCESS_CODE") || page.contains("CONFDESK_DATA"));
    }

    #[test]
    fn roff_text_never_starts_a_line_with_a_control_character() {
        assert_eq!(roff(".hidden\n'quote\\n"), "\\&.hidden\n\\&'quote\\en");
        assert_eq!(roff("--out -"), "\\-\\-out \\-");
    }

    #[test]
    fn completion_scripts_name_the_commands_for_each_shell() {
        for shell in [
            Shell::Bash,
            Shell::Zsh,
            Shell::Fish,
            Shell::PowerShell,
            Shell::Elvish,
        ] {
            let script = String::from_utf8(completions(shell).raw.unwrap()).unwrap();
            assert!(script.contains("confdesk"), "{shell}");
            assert!(
                script.contains("checkin") && script.contains("access-code"),
                "{shell}"
            );
        }
    }
}
