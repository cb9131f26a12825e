//! `anycom`: manage anycom's class registry from the command line.
//!
//! ```text
//! anycom register <MODULE>                 # runs its DllRegisterServer, like regsvr32
//! anycom register <MODULE> --clsid <GUID> [--threading-model M] [--progid P] [--description D]
//! anycom unregister <MODULE>
//! anycom list
//! anycom show <CLSID|ProgID>
//! ```
//!
//! The layer written (and, for `list`/`show`, the layer read) is chosen with
//! `--registry DIR`, `--user`, `--system` or `--app EXE`; see `cli.rs` and
//! `anycom --help`. Exit status: 0 on success, 1 on failure (the message
//! says what to do), 2 on a usage error.

mod cli;
mod layers;
mod list;
mod register;
mod selfreg;
mod show;
mod unregister;

use std::process::ExitCode;

use clap::Parser;

/// What a subcommand returns: `Ok(true)` success, `Ok(false)` a failure
/// already explained on stderr, `Err(message)` a failure to print.
type Outcome = Result<bool, String>;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    let outcome = match &cli.command {
        cli::Command::Register(a) => register::run(&cli.layer, a),
        cli::Command::Unregister(a) => unregister::run(&cli.layer, a),
        cli::Command::List(a) => list::run(&cli.layer, a),
        cli::Command::Show(a) => show::run(&cli.layer, a),
    };
    match outcome {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(message) => {
            eprintln!("anycom: error: {message}");
            ExitCode::FAILURE
        }
    }
}
