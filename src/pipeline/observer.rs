//! Hooks through which a run reports progress, notices and bad input as it goes.

use crate::io::BadInput;
use crate::stats::Stats;

/// Receives what a run has to say while it runs. Every method has a default that does nothing,
/// and `()` is the observer that ignores everything.
pub trait Observer {
    /// The run starts; `total_bytes` is the size of the inputs on disk when known.
    fn start(&mut self, _total_bytes: Option<u64>) {}
    /// Something the user should know that is not an error (e.g. files a directory held that
    /// are not read).
    fn notice(&mut self, _message: &str) {}
    /// A new pass over the input begins (`"counting repeated lines"`, then `"cleaning"`):
    /// progress starts again from the beginning of the input.
    fn phase(&mut self, _name: &str) {}
    /// A bad record (skipped) or invalid UTF-8 (repaired), in skip mode.
    fn bad_input(&mut self, _problem: &BadInput) {}
    /// A batch was written; `bytes_read` counts input bytes read from disk so far.
    fn progress(&mut self, _bytes_read: u64, _stats: &Stats) {}
}

impl Observer for () {}
