//! The temporary output files not yet renamed to their final names, and the directories made
//! for them, so that a failed or interrupted run (Ctrl-C) can remove them before exiting.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

static PENDING: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Directories made for outputs not committed yet, with how many outputs still use each.
static MADE: Mutex<Vec<(PathBuf, usize)>> = Mutex::new(Vec::new());

fn made() -> std::sync::MutexGuard<'static, Vec<(PathBuf, usize)>> {
    MADE.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

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

/// The directories an output needed, made by [`MadeDirectories::create`]: removed again (when
/// empty) if the output is dropped before [`MadeDirectories::keep`], so that a refused, failed
/// or interrupted run leaves no directory behind. Directories another pending output made are
/// shared: the last one to go removes them.
#[derive(Debug, Default)]
pub(crate) struct MadeDirectories(Vec<PathBuf>);

impl MadeDirectories {
    /// Makes `dir` (absolute, resolved) and every missing directory above it.
    pub(crate) fn create(dir: &Path) -> std::io::Result<MadeDirectories> {
        let mut list = made();
        let mut missing = Vec::new();
        let mut at = dir;
        loop {
            match std::fs::symlink_metadata(at) {
                Ok(_) => break,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                    missing.push(at.to_path_buf())
                }
                Err(e) => return Err(e),
            }
            match at.parent() {
                Some(parent) => at = parent,
                None => break,
            }
        }
        let mut mine = MadeDirectories::default();
        // Directories made by other pending outputs above this one are shared with them.
        for (path, users) in list.iter_mut() {
            if dir.starts_with(path.as_path()) {
                *users += 1;
                mine.0.push(path.clone());
            }
        }
        for path in missing.into_iter().rev() {
            match std::fs::create_dir(&path) {
                Ok(()) => {
                    list.push((path.clone(), 1));
                    mine.0.push(path);
                }
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && path.is_dir() => {}
                Err(e) => {
                    drop(list);
                    drop(mine);
                    return Err(e);
                }
            }
        }
        Ok(mine)
    }

    /// The output is in place: its directories stay.
    pub(crate) fn keep(mut self) {
        let mut list = made();
        list.retain(|(path, _)| !self.0.contains(path));
        self.0.clear();
    }
}

impl Drop for MadeDirectories {
    fn drop(&mut self) {
        if self.0.is_empty() {
            return;
        }
        let mut list = made();
        let mut unused = Vec::new();
        for mine in &self.0 {
            if let Some(at) = list.iter().position(|(path, _)| path == mine) {
                list[at].1 -= 1;
                if list[at].1 == 0 {
                    unused.push(list.swap_remove(at).0);
                }
            }
        }
        // Deepest first; a directory that is not empty (something else was put there) stays.
        unused.sort_by_key(|path| std::cmp::Reverse(path.components().count()));
        for path in unused {
            let _ = std::fs::remove_dir(path);
        }
    }
}

/// Removes every temporary output file (and stdin spool) of this process that has not been
/// renamed yet, then the directories made for them, and returns how many files were removed. Meant for a signal handler just before the
/// process exits: the list stays locked from then on, so no new temporary file appears (a
/// thread that tries to create one waits until the process ends).
pub fn remove_pending_outputs() -> usize {
    let list = pending();
    let removed = list
        .iter()
        .filter(|path| {
            if path.is_dir() {
                remove_staging_directory(path)
            } else {
                std::fs::remove_file(path).is_ok()
            }
        })
        .count();
    std::mem::forget(list);
    let mut dirs = made();
    dirs.sort_by_key(|(path, _)| std::cmp::Reverse(path.components().count()));
    for (path, _) in dirs.iter() {
        let _ = std::fs::remove_dir(path);
    }
    std::mem::forget(dirs);
    removed
}

/// Removes a staging directory that worker threads may still be writing into: renamed away
/// first (their next file then fails instead of landing in it, and they never make it again),
/// then removed with what it holds.
fn remove_staging_directory(path: &Path) -> bool {
    let mut doomed = path.as_os_str().to_owned();
    doomed.push(".removing");
    let doomed = PathBuf::from(doomed);
    let target = if std::fs::rename(path, &doomed).is_ok() {
        doomed
    } else {
        path.to_path_buf()
    };
    (0..5).any(|_| std::fs::remove_dir_all(&target).is_ok())
}
