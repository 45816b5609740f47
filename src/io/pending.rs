//! The temporary output files not yet renamed to their final names, so that an interrupted run
//! (Ctrl-C) can remove them before exiting.

use std::path::PathBuf;
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
    /// Creates a temporary file with `make` and lists it, with no moment in between when a
    /// signal handler could miss it: the list stays locked meanwhile.
    pub(crate) fn create(
        make: impl FnOnce() -> std::io::Result<tempfile::NamedTempFile>,
    ) -> std::io::Result<(tempfile::NamedTempFile, Registration)> {
        Self::create_with(make, |file| file.path())
    }

    /// [`Registration::create`] for anything with a path: a temporary directory, say (removed
    /// with its contents).
    pub(crate) fn create_with<T>(
        make: impl FnOnce() -> std::io::Result<T>,
        path: impl Fn(&T) -> &std::path::Path,
    ) -> std::io::Result<(T, Registration)> {
        let mut list = pending();
        let made = make()?;
        let path = path(&made).to_path_buf();
        list.push(path.clone());
        Ok((made, Registration(path)))
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

/// Removes every temporary output file (and stdin spool) of this process that has not been
/// renamed yet, and returns how many were removed. Meant for a signal handler just before the
/// process exits: the list stays locked from then on, so no new temporary file appears (a
/// thread that tries to create one waits until the process ends).
pub fn remove_pending_outputs() -> usize {
    let list = pending();
    let removed = list
        .iter()
        .filter(|path| {
            if path.is_dir() {
                std::fs::remove_dir_all(path).is_ok()
            } else {
                std::fs::remove_file(path).is_ok()
            }
        })
        .count();
    std::mem::forget(list);
    removed
}
