//! Command-line parsing and dispatch; everything real happens in the library.

mod args;
mod clean;
mod report;

use std::process::ExitCode;

use clap::Parser;

use args::{Cli, Command};

/// Exit code for usage errors (bad flags, output that is an input).
const EXIT_USAGE: u8 = 2;
/// Exit code for runtime errors (unreadable input, bad input in fail mode).
const EXIT_RUNTIME: u8 = 1;

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Clean(args) => clean::run(args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("tamis: error: {error:#}");
            let usage = error
                .downcast_ref::<tamis::Error>()
                .is_some_and(tamis::Error::is_usage);
            ExitCode::from(if usage { EXIT_USAGE } else { EXIT_RUNTIME })
        }
    }
}
