//! Command-line parsing and dispatch; everything real happens in the library.

mod args;
mod clean;
mod common;
mod dedup;
mod detect;
mod normalize;
mod report;

use std::process::ExitCode;

use clap::Parser;

use args::{Cli, Command};

/// Exit code for usage errors (bad flags, output that is an input).
const EXIT_USAGE: u8 = 2;
/// Exit code for runtime errors (unreadable input, bad input in fail mode).
const EXIT_RUNTIME: u8 = 1;

/// Exit code after Ctrl-C (128 + SIGINT), as shells expect.
const EXIT_INTERRUPTED: i32 = 130;

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Err(error) = ctrlc::set_handler(|| {
        tamis::io::remove_pending_outputs();
        eprintln!("tamis: interrupted; unfinished output files were removed");
        std::process::exit(EXIT_INTERRUPTED);
    }) {
        eprintln!(
            "tamis: warning: cannot catch Ctrl-C ({error}); an interrupted run may leave *.tamis-tmp files"
        );
    }
    let result = match cli.command {
        Command::Clean(args) => clean::run(args),
        Command::Dedup(args) => dedup::run(args),
        Command::Detect(args) => detect::run(args),
        Command::Normalize(args) => normalize::run(args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) if is_broken_pipe(&error) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("tamis: error: {error:#}");
            let usage = error
                .downcast_ref::<tamis::Error>()
                .is_some_and(tamis::Error::is_usage);
            ExitCode::from(if usage { EXIT_USAGE } else { EXIT_RUNTIME })
        }
    }
}

/// True when stdout was closed by the reader (`tamis clean … -o - | head`): not worth a message.
fn is_broken_pipe(error: &anyhow::Error) -> bool {
    matches!(
        error.downcast_ref::<tamis::Error>(),
        Some(tamis::Error::Io { path, error }) if path == "-" && error.kind() == std::io::ErrorKind::BrokenPipe
    )
}
