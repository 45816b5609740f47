//! The temporary output files not yet renamed to their final names, so that an interrupted run
//! (Ctrl-C) can remove them before exiting.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

static PENDING: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

fn pending() -> std::sync::MutexGuard<'static, Vec<PathBuf>> {
    PENDING
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// A temporary file listed as pending for as long as this value lives.
pub(crate) struct Registration(PathBuf);

impl Registration {
    pub(crate) fn new(path: &Path) -> Self {
        pending().push(path.to_path_buf());
        Registration(path.to_path_buf())
    }
}

impl Drop for Registration {
    fn drop(&mut self) {
        let mut list = pending();
        if let Some(at) = list.iter().position(|p| *p == self.0) {
            list.swap_remove(at);
        }
    }
}

/// Removes every temporary output file of this process that has not been renamed yet, and
/// returns how many were removed. Meant for a signal handler just before the process exits.
pub fn remove_pending_outputs() -> usize {
    let list = pending();
    list.iter()
        .filter(|path| std::fs::remove_file(path).is_ok())
        .count()
}
