//! What the user named (files, directories, stdin) turned into a sorted list of files to read.

use std::path::{Path, PathBuf};

use super::format::{Compression, Format, strip_compression};
use crate::error::{Error, Result};

/// One input as named by the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// Standard input (`-`).
    Stdin,
    /// A file or a directory.
    Path(PathBuf),
}

impl std::fmt::Display for Input {
    /// As the user gave it: `-` or the path.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Input::Stdin => f.write_str("-"),
            Input::Path(path) => write!(f, "{}", path.display()),
        }
    }
}

impl Input {
    /// The path, unless it is stdin.
    pub fn path(&self) -> Option<&Path> {
        match self {
            Input::Stdin => None,
            Input::Path(path) => Some(path),
        }
    }

    /// `-` is stdin; anything else is a path.
    pub fn parse(arg: &str) -> Input {
        if arg == "-" {
            Input::Stdin
        } else {
            Input::Path(PathBuf::from(arg))
        }
    }
}

/// One file to read, with everything needed to read it and to name it in messages and ids.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    /// The file's path; `None` for stdin.
    pub path: Option<PathBuf>,
    /// How the file is named in messages (`-` for stdin).
    pub display: String,
    /// The name used to build ids: `FILE` in `FILE:LINE`, or the id of a `.txt` document.
    pub id_base: String,
    /// The format, `None` for stdin when it is to be sniffed from the content.
    pub format: Option<Format>,
    /// The compression, `None` for stdin when it is to be sniffed from the content.
    pub compression: Option<Compression>,
    /// Named on the command line (an empty one is an error) rather than found in a directory.
    pub explicit: bool,
    /// Size on disk, for progress.
    pub size: Option<u64>,
    /// Can be read only once: stdin, a named pipe, a shell's `<(…)` (`/dev/fd/N`).
    pub once: bool,
}

/// The files to read, and the files that directories held but that are not read.
#[derive(Debug, Clone, Default)]
pub struct Expanded {
    /// Files to read, in order.
    pub files: Vec<SourceFile>,
    /// For each directory, the files it held that are neither JSONL nor text (e.g. `README.md`).
    pub ignored: Vec<(String, Vec<String>)>,
    /// Directories named as inputs (for the output check).
    pub directories: Vec<PathBuf>,
}

/// Expands the inputs: files as they are, directories walked recursively in sorted order
/// (hidden entries skipped), stdin kept as one source. `format` overrides extensions.
pub fn expand_inputs(inputs: &[Input], format: Option<Format>) -> Result<Expanded> {
    if inputs.is_empty() {
        return Err(Error::config(
            "inputs",
            "no input given (name files, directories or - for stdin)",
        ));
    }
    let mut expanded = Expanded::default();
    for input in inputs {
        match input {
            Input::Stdin => expanded.files.push(SourceFile {
                path: None,
                display: "-".into(),
                id_base: "stdin".into(),
                format,
                compression: None,
                explicit: true,
                size: None,
                once: true,
            }),
            Input::Path(path) => {
                let metadata = std::fs::metadata(path)
                    .map_err(|e| Error::io(path.display().to_string(), e))?;
                if metadata.is_dir() {
                    walk_directory(path, format, &mut expanded)?;
                } else if metadata.is_file() {
                    expanded
                        .files
                        .push(explicit_file(path, format, metadata.len())?);
                } else {
                    expanded.files.push(stream_file(path, format));
                }
            }
        }
    }
    Ok(expanded)
}

fn explicit_file(path: &Path, format: Option<Format>, size: u64) -> Result<SourceFile> {
    let display = path.display().to_string();
    if let Some(codec) = Compression::unsupported(path) {
        return Err(unreadable_compression(&display, codec));
    }
    let format = match format.or_else(|| Format::from_path(path)) {
        Some(format) => format,
        // `tamis clean /dev/stdin < file`: standard input, whatever it is, is sniffed.
        None if names_a_descriptor(path) => return Ok(stream_file(path, None)),
        None => {
            return Err(Error::config(
                "read.format",
                format!(
                    "{display}: cannot tell the format from the extension (expected .jsonl, \
                     .ndjson, .json, .txt, .html, .warc or .wet, optionally .gz/.zst, or .parquet); set \
                     `read.format` to jsonl, txt, lines, html, warc, wet or parquet"
                ),
            ));
        }
    };
    let id_base = match format {
        Format::Txt | Format::Html => without_extension(strip_compression(path)).to_owned(),
        Format::Jsonl | Format::Lines | Format::Warc | Format::Wet | Format::Parquet => {
            display.clone()
        }
    };
    Ok(SourceFile {
        path: Some(path.to_path_buf()),
        display,
        id_base,
        format: Some(format),
        compression: Some(Compression::from_path(path)),
        explicit: true,
        size: Some(size),
        once: false,
    })
}

/// Whether `path` names one of the process' open descriptors (`/dev/stdin`, `/dev/fd/N`,
/// `/proc/self/fd/N`): a file redirected there has a name that tells nothing.
fn names_a_descriptor(path: &Path) -> bool {
    path == Path::new("/dev/stdin")
        || ["/dev/fd", "/proc/self/fd"]
            .iter()
            .any(|dir| path.parent() == Some(Path::new(dir)))
}

/// A named pipe or device: read once, its format and compression taken from its name when it
/// has an extension, else sniffed from its first bytes like stdin.
fn stream_file(path: &Path, format: Option<Format>) -> SourceFile {
    let display = path.display().to_string();
    let named = Format::from_path(path);
    let format = format.or(named);
    SourceFile {
        path: Some(path.to_path_buf()),
        id_base: display.clone(),
        display,
        format,
        compression: named.map(|_| Compression::from_path(path)),
        explicit: true,
        size: None,
        once: true,
    }
}

fn walk_directory(dir: &Path, format: Option<Format>, expanded: &mut Expanded) -> Result<()> {
    let dir_display = dir.display().to_string();
    let mut ignored = Vec::new();
    let mut found = 0usize;
    let walker = walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| entry.depth() == 0 || !is_hidden(entry.file_name()));
    for entry in walker {
        let entry = entry.map_err(|e| {
            let path = e
                .path()
                .map_or(dir_display.clone(), |p| p.display().to_string());
            Error::io(path, e.into())
        })?;
        if !entry.file_type().is_file() {
            continue;
        }
        let path = entry.path();
        let relative = path.strip_prefix(dir).unwrap_or(path);
        let relative_display = relative.to_string_lossy().into_owned();
        let Some(detected) = Format::from_walked_path(path) else {
            ignored.push(relative_display);
            continue;
        };
        let format = format.unwrap_or(detected);
        let id_base = match format {
            Format::Txt | Format::Html => {
                let parent = relative
                    .parent()
                    .map(Path::to_string_lossy)
                    .unwrap_or_default();
                let stem = without_extension(strip_compression(path));
                if parent.is_empty() {
                    stem.to_owned()
                } else {
                    format!("{parent}/{stem}")
                }
            }
            Format::Jsonl | Format::Lines | Format::Warc | Format::Wet | Format::Parquet => {
                relative_display
            }
        };
        let size = entry.metadata().map(|m| m.len()).ok();
        expanded.files.push(SourceFile {
            path: Some(path.to_path_buf()),
            display: path.display().to_string(),
            id_base,
            format: Some(format),
            compression: Some(Compression::from_path(path)),
            explicit: false,
            size,
            once: false,
        });
        found += 1;
    }
    if found == 0 {
        return Err(Error::EmptyInput {
            path: dir_display,
            reason: "directory holds no .jsonl, .ndjson, .txt, .html, .warc, .wet (optionally \
                     .gz/.zst) or .parquet file",
        });
    }
    if !ignored.is_empty() {
        expanded.ignored.push((dir_display, ignored));
    }
    expanded.directories.push(dir.to_path_buf());
    Ok(())
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_str().is_some_and(|n| n.starts_with('.'))
}

fn without_extension(name: &str) -> &str {
    match name.rfind('.') {
        Some(dot) if dot > 0 => &name[..dot],
        _ => name,
    }
}

/// The refusal of data compressed with `codec`, which tamis does not read, saying how to
/// decompress it into a pipe.
pub(crate) fn unreadable_compression(display: &str, codec: &str) -> Error {
    let tool = Compression::decompress_tool(codec);
    let shown = if display == "-" { "FILE" } else { display };
    Error::config(
        "inputs",
        format!(
            "{display}: tamis reads gzip and zstd, not {codec}; decompress it first, or into \
             a pipe read as standard input: {tool} {shown} | tamis clean - …"
        ),
    )
}
