//! Command-line parsing and dispatch; everything real happens in the library.

mod args;
mod clean;
mod common;
mod dedup;
mod detect;
mod flags;
mod html_report;
mod lines;
mod normalize;
mod paths;
mod pipeline_file;
mod quality;
mod report;
mod shards;

use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches};

use args::{Cli, Command};

/// Exit code for usage errors (bad flags, output that is an input).
const EXIT_USAGE: u8 = 2;
/// Exit code for runtime errors (unreadable input, bad input in fail mode).
const EXIT_RUNTIME: u8 = 1;

/// A process ended by signal N exits with 128 + N, as shells expect (130 after Ctrl-C).
const EXIT_SIGNAL_BASE: i32 = 128;

/// On SIGINT (Ctrl-C), SIGTERM (`timeout`, Slurm, Kubernetes) or SIGHUP (a closed terminal),
/// removes the unfinished temporary outputs and spools, then exits with 128 + the signal.
fn clean_up_on_signals() {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let mut signals = match signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP]) {
        Ok(signals) => signals,
        Err(error) => {
            eprintln!(
                "tamis: warning: cannot catch signals ({error}); an interrupted run may leave *.tamis-tmp files"
            );
            return;
        }
    };
    std::thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            tamis::io::remove_pending_outputs();
            let name = match signal {
                SIGINT => "interrupted",
                SIGTERM => "terminated",
                _ => "hung up",
            };
            eprintln!("tamis: {name}; unfinished output and temporary files were removed");
            std::process::exit(EXIT_SIGNAL_BASE + signal);
        }
    });
}

pub fn main() -> ExitCode {
    let matches = match with_negative_numbers(Cli::command()).try_get_matches() {
        Ok(matches) => matches,
        // A usage error echoes what was typed: printed without its control characters.
        Err(error) if error.use_stderr() => {
            eprint!("{}", report::printable(&error.render().to_string()));
            return ExitCode::from(EXIT_USAGE);
        }
        Err(help_or_version) => help_or_version.exit(),
    };
    let cli = Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit());
    clean_up_on_signals();
    let result = match paths::check(&cli.command) {
        Ok(()) => run(cli.command, &matches),
        Err(error) => Err(error.into()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) if is_broken_pipe(&error) => ExitCode::SUCCESS,
        Err(error) => {
            let message = flags::with_flags(&format!("{error:#}"));
            eprintln!("tamis: error: {}", report::printable(&message));
            let usage = error
                .downcast_ref::<tamis::Error>()
                .is_some_and(tamis::Error::is_usage);
            ExitCode::from(if usage { EXIT_USAGE } else { EXIT_RUNTIME })
        }
    }
}

/// `command` and its subcommands taking `--threshold -0.5` as a value (then refused for its
/// range, with the setting named) rather than as an unknown flag `-0`.
fn with_negative_numbers(command: clap::Command) -> clap::Command {
    let names: Vec<String> = command
        .get_subcommands()
        .map(|sub| sub.get_name().to_owned())
        .collect();
    names
        .iter()
        .fold(command.allow_negative_numbers(true), |command, name| {
            command.mut_subcommand(name, with_negative_numbers)
        })
}

/// Runs the command.
fn run(command: Command, matches: &clap::ArgMatches) -> anyhow::Result<()> {
    match command {
        Command::Clean(args) => {
            let sub = matches.subcommand_matches("clean");
            clean::run(args, sub.unwrap_or(matches))
        }
        Command::Dedup(args) => {
            let sub = matches.subcommand_matches("dedup");
            dedup::run(args, sub.unwrap_or(matches))
        }
        Command::Detect(args) => {
            let sub = matches.subcommand_matches("detect");
            detect::run(args, sub.unwrap_or(matches))
        }
        Command::Normalize(args) => normalize::run(args),
        Command::Config(args) => pipeline_file::run(args),
        Command::Report(args) => html_report::run(args),
        Command::Lines { command } => lines::run(command),
        Command::Quality { command } => quality::run(command),
    }
}

/// True when stdout was closed by the reader (`tamis clean … -o - | head`): not worth a message.
fn is_broken_pipe(error: &anyhow::Error) -> bool {
    matches!(
        error.downcast_ref::<tamis::Error>(),
        Some(tamis::Error::Io { path, error }) if path == "-" && error.kind() == std::io::ErrorKind::BrokenPipe
    )
}
