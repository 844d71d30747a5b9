//! confdesk's entry point, kept thin: parse the command line (clap exits 2
//! on a usage error), run it, print any error once on stderr and exit with
//! the code `confdesk::cli::exit_code` documents.

use clap::Parser as _;
use confdesk::cli::{Cli, error_message, exit_code, run};
use std::io::Write as _;
use std::process::ExitCode;

/// The replay allocates and frees a few small strings per event, which
/// mimalloc does faster than the system allocator (BENCHMARKS.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            // Not eprintln!: a closed stderr must not turn an error into a panic.
            let _ = writeln!(std::io::stderr(), "error: {}", error_message(&error));
            ExitCode::from(exit_code(&error))
        }
    }
}
