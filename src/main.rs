//! The `tamis` command: a thin layer over the library. See `tamis --help`.

mod cli;

use std::process::ExitCode;

/// mimalloc: documents, keys and sets are many short-lived allocations across threads.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    cli::main()
}
