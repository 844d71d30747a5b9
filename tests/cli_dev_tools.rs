//! The developer benchmark is no user command (issue 14, item 6): the
//! user's `confdesk --help` does not list `bench`, and `confdesk bench …`
//! is refused as a usage error (exit 2) that prints nothing on stdout and
//! leaves the log as it was. The measurements themselves moved to
//! `examples/bench.rs` and are tested there (`cargo test --example bench`).

mod common;
use common::cli::*;

#[test]
fn help_lists_the_user_commands_but_not_bench() {
    let desk = Desk::new();
    let help = desk.run(&["--help"]).ok();
    // The commands a user has are still listed ...
    for command in ["conference", "order", "checkin", "verify", "demo"] {
        assert!(
            help.stdout
                .lines()
                .any(|l| l.trim_start().starts_with(command)),
            "--help lacks {command}: {}",
            help.stdout
        );
    }
    // ... and the developer's benchmark is not.
    assert!(
        !help.stdout.to_lowercase().contains("bench"),
        "--help lists a bench command: {}",
        help.stdout
    );
}

#[test]
fn bench_is_refused_as_a_usage_error_and_changes_no_log() {
    let desk = Desk::new();
    desk.conference();
    let before = std::fs::read(&desk.data).unwrap();
    for args in [
        &["bench", "replay"][..],
        &["bench", "replay", "--sequential"],
        &["bench", "startup"],
    ] {
        desk.run(args).fails(2, "unrecognized subcommand 'bench'");
    }
    assert_eq!(std::fs::read(&desk.data).unwrap(), before);
}
