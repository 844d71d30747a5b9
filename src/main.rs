//! confdesk's entry point, kept thin: parse the command line (exit 2 on a
//! usage error; an access code can come from stdin or a prompt), run it,
//! report any error once (stderr, and stdout too with `--json`) and exit
//! with the code `confdesk::cli::exit_code` documents.

use confdesk::app::diagnostics;
use confdesk::cli::{argv, report::report, run};
use std::process::ExitCode;

/// The replay allocates and frees a few small strings per event, which
/// mimalloc does faster than the system allocator (BENCHMARKS.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    diagnostics::install_crash_hook();
    let cli = match argv::parse() {
        Ok(cli) => cli,
        Err(code) => return code,
    };
    let _log = diagnostics::start_logging(cli.verbose);
    let json = cli.json;
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => report(&error, json),
    }
}
