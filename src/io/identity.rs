//! Which file a path names, so that two spellings of one file (`x.jsonl`, `./x.jsonl`,
//! `$PWD/x.jsonl`, a link) are recognised as the same output or input.

use std::path::{Path, PathBuf};

/// The file a path names: device and inode when it exists, else the canonical form of its
/// parent directory joined with its name (the file it will be once created).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileIdentity {
    /// An existing file or directory.
    Existing {
        /// Device number.
        device: u64,
        /// Inode number.
        inode: u64,
    },
    /// A path that does not exist yet.
    New(PathBuf),
}

impl FileIdentity {
    /// The identity of `path`; `None` when neither it nor its parent can be resolved.
    pub fn of(path: &Path) -> Option<FileIdentity> {
        if let Ok(meta) = std::fs::metadata(path) {
            return Some(existing(path, &meta));
        }
        let parent = match path.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let name = path.file_name()?;
        let parent = parent.canonicalize().ok()?;
        Some(FileIdentity::New(parent.join(name)))
    }
}

#[cfg(unix)]
fn existing(_path: &Path, meta: &std::fs::Metadata) -> FileIdentity {
    use std::os::unix::fs::MetadataExt;
    FileIdentity::Existing {
        device: meta.dev(),
        inode: meta.ino(),
    }
}

#[cfg(not(unix))]
fn existing(path: &Path, _meta: &std::fs::Metadata) -> FileIdentity {
    FileIdentity::New(path.canonicalize().unwrap_or_else(|_| path.to_path_buf()))
}

/// Whether `a` and `b` name the same file. A character device (`/dev/null`) may take several
/// outputs, so it is never "the same" as another output.
pub fn same_output(a: &Path, b: &Path) -> bool {
    if is_char_device(a) {
        return false;
    }
    match (FileIdentity::of(a), FileIdentity::of(b)) {
        (Some(x), Some(y)) => x == y,
        _ => a == b,
    }
}

#[cfg(unix)]
fn is_char_device(path: &Path) -> bool {
    use std::os::unix::fs::FileTypeExt;
    std::fs::metadata(path).is_ok_and(|meta| meta.file_type().is_char_device())
}

#[cfg(not(unix))]
fn is_char_device(_path: &Path) -> bool {
    false
}

/// Refuses to write `output` over one of `inputs` (`Error::OutputIsInput`, naming both).
pub fn refuse_output_among<'a>(
    output: &Path,
    inputs: impl IntoIterator<Item = &'a Path>,
) -> crate::Result<()> {
    match inputs.into_iter().find(|input| same_output(output, input)) {
        Some(input) => Err(crate::Error::OutputIsInput {
            output: output.display().to_string(),
            input: input.display().to_string(),
        }),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_of_one_file_are_the_same_output() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("x.jsonl");
        std::fs::write(&file, "{}\n").unwrap();
        let dotted = dir.path().join(".").join("x.jsonl");
        let through_parent = dir.path().join("sub").join("..").join("x.jsonl");
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        assert!(same_output(&file, &dotted));
        assert!(same_output(&file, &through_parent));
        assert!(!same_output(&file, &dir.path().join("y.jsonl")));
    }

    #[test]
    fn spellings_of_one_new_file_are_the_same_output() {
        let dir = tempfile::tempdir().unwrap();
        let plain = dir.path().join("new.jsonl");
        let dotted = dir.path().join(".").join("new.jsonl");
        assert!(same_output(&plain, &dotted));
        assert!(!same_output(&plain, &dir.path().join("other.jsonl")));
    }

    #[cfg(unix)]
    #[test]
    fn a_link_is_the_file_it_points_to() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("x.jsonl");
        std::fs::write(&file, "{}\n").unwrap();
        let link = dir.path().join("link.jsonl");
        std::os::unix::fs::symlink(&file, &link).unwrap();
        assert!(same_output(&file, &link));
    }

    #[cfg(unix)]
    #[test]
    fn dev_null_may_take_several_outputs() {
        let null = Path::new("/dev/null");
        assert!(!same_output(null, null));
    }
}
