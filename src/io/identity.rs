//! Which file a path names, so that two spellings of one file (`x.jsonl`, `./x.jsonl`,
//! `$PWD/x.jsonl`, `missing/../x.jsonl`, a link, a hard link) are recognised as the same output
//! or input — decided on the file the path will name once its missing directories exist, before
//! anything is created.

use std::ffi::OsString;
use std::path::{Component, Path, PathBuf};

use crate::error::{Error, Result};

/// The file a path names: device and inode when it exists, else where it will be once created
/// (see [`resolve`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileIdentity {
    /// An existing file or directory.
    Existing {
        /// Device number.
        device: u64,
        /// Inode number.
        inode: u64,
    },
    /// A path that does not exist yet, resolved.
    New(PathBuf),
}

impl FileIdentity {
    /// The identity of `path`; `None` when it cannot be resolved (see [`resolve`]).
    pub fn of(path: &Path) -> Option<FileIdentity> {
        if let Ok(meta) = std::fs::metadata(path) {
            return Some(existing(path, &meta));
        }
        let resolved = resolve(path).ok()?;
        match std::fs::metadata(&resolved) {
            Ok(meta) => Some(existing(&resolved, &meta)),
            Err(_) => Some(FileIdentity::New(resolved)),
        }
    }
}

/// The absolute path `path` will lead to once its missing directories are created: the part
/// that exists is resolved by the file system (links followed, `..` taken where it really
/// leads), the rest lexically (a `..` after a missing directory undoes it, since a directory
/// created there has that parent). So `./missing/../in.jsonl` is `in.jsonl`, whether or not
/// `missing` exists. An existing file used as a directory (`in.jsonl/x`) is refused.
pub fn resolve(path: &Path) -> Result<PathBuf> {
    if path.as_os_str().is_empty() {
        return Err(Error::BadPath {
            path: "''".into(),
            problem: "an empty path names no file".into(),
        });
    }
    let mut real = if path.is_absolute() {
        PathBuf::new()
    } else {
        std::env::current_dir()
            .and_then(|cwd| cwd.canonicalize())
            .map_err(|e| Error::io(path.display().to_string(), e))?
    };
    let mut missing: Vec<OsString> = Vec::new();
    let mut walked = PathBuf::new();
    let mut components = path.components().peekable();
    while let Some(component) = components.next() {
        walked.push(component);
        match component {
            Component::Prefix(_) | Component::RootDir => real.push(component),
            Component::CurDir => {}
            Component::ParentDir => {
                if missing.pop().is_none() {
                    real.pop();
                }
            }
            Component::Normal(name) => {
                if !missing.is_empty() {
                    missing.push(name.to_owned());
                    continue;
                }
                // A dangling link counts as missing: a file written there replaces the link.
                match real.join(name).canonicalize() {
                    Ok(canonical) => {
                        let more = components
                            .peek()
                            .is_some_and(|c| !matches!(c, Component::CurDir));
                        if more && !canonical.is_dir() {
                            return Err(Error::BadPath {
                                path: path.display().to_string(),
                                problem: format!(
                                    "{} is a file, not a directory: choose a path whose \
                                     directories are directories",
                                    walked.display()
                                ),
                            });
                        }
                        real = canonical;
                    }
                    Err(_) => missing.push(name.to_owned()),
                }
            }
        }
    }
    real.extend(missing);
    Ok(real)
}

/// Where to write `target`: its directory resolved (as [`resolve`] does), its own name kept (a
/// link at the final name is replaced, not followed). A path that ends in `.` or `..` is resolved
/// whole.
pub(crate) fn place_of(target: &Path) -> Result<PathBuf> {
    match (target.parent(), target.components().next_back()) {
        (Some(parent), Some(Component::Normal(name))) => {
            let parent = if parent.as_os_str().is_empty() {
                Path::new(".")
            } else {
                parent
            };
            Ok(resolve(parent)?.join(name))
        }
        _ => resolve(target),
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

/// Whether the directory `dir` is or holds `path`, however each is spelled.
pub fn holds(dir: &Path, path: &Path) -> bool {
    match (resolve(dir), resolve(path)) {
        (Ok(dir), Ok(path)) => path.starts_with(dir),
        _ => false,
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
    check_resolvable(output)?;
    match inputs.into_iter().find(|input| same_output(output, input)) {
        Some(input) => Err(crate::Error::OutputIsInput {
            output: output.display().to_string(),
            input: input.display().to_string(),
            read_as: None,
        }),
        None => Ok(()),
    }
}

/// A file a command reads or writes, by the setting (or flag) that names it.
#[derive(Debug, Clone, Copy)]
pub struct NamedPath<'a> {
    /// The setting's name (`output`, `stats`, `config`…).
    pub setting: &'static str,
    /// The path as given.
    pub path: &'a Path,
    /// For a file read: the one output setting that may replace it (`save_index` for the
    /// `against` index, which follows a growing corpus).
    pub replaceable_by: Option<&'static str>,
}

impl<'a> NamedPath<'a> {
    /// `path`, named by `setting`.
    pub fn new(setting: &'static str, path: &'a Path) -> Self {
        NamedPath {
            setting,
            path,
            replaceable_by: None,
        }
    }

    /// This input, which the output named `output` may replace.
    pub fn replaceable_by(mut self, output: &'static str) -> Self {
        self.replaceable_by = Some(output);
        self
    }
}

/// Refuses `-` for an output that only a file can hold (an index, a page, a stage file): there
/// it would name a file called `-`, not standard output.
pub fn check_file_only(setting: &'static str, path: Option<&Path>) -> Result<()> {
    if path.is_some_and(|p| p.as_os_str() == "-") {
        return Err(Error::config(
            setting,
            format!(
                "`{setting}` -: this output can only be a file, not standard output: give a \
                 file name (./- names a file called -)"
            ),
        ));
    }
    Ok(())
}

/// The one check of a command's paths, before anything is read or created: no output may be
/// (or, when it is a directory of outputs, hold) one of the `inputs` — corpus files, pipeline
/// and rules files, tables, indexes — and no two outputs may be one file. Identities are those
/// of [`FileIdentity::of`]: every spelling of a file is that file, including one through
/// directories that do not exist yet. `-` (stdout) and character devices are never a clash.
pub fn check_paths(inputs: &[NamedPath<'_>], outputs: &[NamedPath<'_>]) -> Result<()> {
    let outputs: Vec<&NamedPath<'_>> = outputs
        .iter()
        .filter(|o| o.path.as_os_str() != "-")
        .collect();
    for (i, output) in outputs.iter().enumerate() {
        check_resolvable(output.path)?;
        let directory = resolve(output.path).is_ok_and(|p| p.is_dir());
        let read = inputs
            .iter()
            .filter(|i| i.path.as_os_str() != "-" && i.replaceable_by != Some(output.setting));
        for input in read {
            let clash = same_output(output.path, input.path)
                || (directory && !is_char_device(input.path) && holds(output.path, input.path));
            if clash {
                return Err(Error::OutputIsInput {
                    output: output.path.display().to_string(),
                    input: input.path.display().to_string(),
                    read_as: (input.setting != "inputs").then_some(input.setting),
                });
            }
        }
        for other in &outputs[i + 1..] {
            if same_output(output.path, other.path) {
                return Err(Error::OutputConflict {
                    first: output.setting,
                    second: other.setting,
                    conflict: crate::error::Conflict::SameFile(output.path.display().to_string()),
                });
            }
        }
    }
    Ok(())
}

/// An output path that names no file (`''`) or goes through a file is refused up front, with
/// the reason, rather than when it is written.
fn check_resolvable(output: &Path) -> Result<()> {
    if output.as_os_str().is_empty() {
        return Err(Error::BadPath {
            path: "''".into(),
            problem: "an output path is empty: give a file name (or - for stdout where it \
                      is allowed)"
                .into(),
        });
    }
    resolve(output).map(|_| ())
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
    fn a_missing_directory_then_dot_dot_is_the_file_it_leads_to() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("in.jsonl");
        std::fs::write(&file, "{}\n").unwrap();
        let spelled = dir.path().join("missing").join("..").join("in.jsonl");
        let deeper = dir.path().join("a/b/../../in.jsonl");
        assert!(same_output(&spelled, &file));
        assert!(same_output(&deeper, &file));
        assert_eq!(
            resolve(&dir.path().join("a/b/../c.jsonl")).unwrap(),
            dir.path().canonicalize().unwrap().join("a/c.jsonl")
        );
        assert!(
            !dir.path().join("missing").exists(),
            "resolving creates nothing"
        );
    }

    #[test]
    fn a_file_used_as_a_directory_is_refused_with_its_name() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("in.jsonl");
        std::fs::write(&file, "{}\n").unwrap();
        let error = resolve(&file.join("..").join("in.jsonl")).unwrap_err();
        assert!(
            error.to_string().contains("is a file, not a directory"),
            "{error}"
        );
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
        let linked_dir = dir.path().join("linked");
        std::os::unix::fs::symlink(dir.path(), &linked_dir).unwrap();
        assert!(same_output(&file, &linked_dir.join("missing/../x.jsonl")));
    }

    #[cfg(unix)]
    #[test]
    fn dev_null_may_take_several_outputs() {
        let null = Path::new("/dev/null");
        assert!(!same_output(null, null));
        let outputs = [
            NamedPath::new("output", null),
            NamedPath::new("stats", null),
        ];
        check_paths(&[], &outputs).unwrap();
    }

    #[test]
    fn check_paths_names_the_input_and_the_outputs_that_clash() {
        let dir = tempfile::tempdir().unwrap();
        let config = dir.path().join("pipeline.toml");
        std::fs::write(&config, "").unwrap();
        let inputs = [NamedPath::new("config", &config)];
        let via_missing = dir.path().join("new/../pipeline.toml");
        let error = check_paths(&inputs, &[NamedPath::new("stats", &via_missing)]).unwrap_err();
        assert!(matches!(error, Error::OutputIsInput { .. }), "{error}");
        let a = dir.path().join("out.jsonl");
        let b = dir.path().join("x/../out.jsonl");
        let error = check_paths(
            &inputs,
            &[NamedPath::new("output", &a), NamedPath::new("rejects", &b)],
        )
        .unwrap_err();
        assert!(
            error.to_string().contains("`output` and `rejects`"),
            "{error}"
        );
        assert!(!dir.path().join("new").exists() && !dir.path().join("x").exists());
    }
}
