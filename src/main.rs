//! The `tamis` command: a thin layer over the library. See `tamis --help`.

mod cli;

use std::process::ExitCode;

fn main() -> ExitCode {
    cli::main()
}
