//! The `tamis` command: a thin layer over the library. See `tamis --help`.

mod cli;

use std::process::ExitCode;

/// mimalloc: documents, keys and sets are many short-lived allocations across threads. Built
/// without transparent huge pages (`no_thp` in Cargo.toml): each page of memory it gave back and
/// took again cost the kernel a 2 MB zeroing, a quarter of the CPU of a run on web pages.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    cli::main()
}
