//! Writing documents: JSONL (to a file, compressed by extension, or stdout) or one `.txt` per
//! document. Every file is written under a temporary name in its final directory; a finished
//! sink hands back a [`Ready`] set, and the run renames all its outputs into place together, so
//! an interrupted or failed run never leaves a half-written output. An existing output that is
//! not a regular file (`/dev/null`, a FIFO, `/dev/fd/N`) is written to directly, never replaced.

use std::collections::HashSet;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use flate2::write::GzEncoder;
use tempfile::NamedTempFile;

use super::format::{Compression, OutputFormat};
use super::identity::place_of;
use super::pending::{MadeDirectories, Registration};
use crate::error::{Error, Result};

const WRITE_BUFFER: usize = 256 * 1024;
const ZSTD_LEVEL: i32 = 3;

/// Where and how to write the output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputSpec {
    /// A file (JSONL) or a directory (txt); `None` for stdout.
    pub path: Option<PathBuf>,
    /// JSONL or one `.txt` per document.
    pub format: OutputFormat,
}

impl OutputSpec {
    /// `-` is stdout; anything else is a path.
    pub fn parse(arg: &str, format: OutputFormat) -> Self {
        let path = (arg != "-").then(|| PathBuf::from(arg));
        OutputSpec { path, format }
    }
}

/// A destination for kept documents, written in order.
pub trait Sink: Send {
    /// Writes one document, already encoded by the matching [`RecordEncoder`](super::RecordEncoder).
    fn write(&mut self, id: &str, encoded: &[u8]) -> Result<()>;
    /// Flushes the output and hands back what is left to do to put it in place: rename it,
    /// with the run's other outputs, by [`Ready::commit`].
    fn finish(self: Box<Self>) -> Result<Ready>;
}

/// Outputs complete and flushed under their temporary names, waiting to be renamed into place
/// together. Dropped without [`Ready::commit`], the temporary files are removed.
#[must_use = "the outputs appear only when committed"]
#[derive(Default)]
pub struct Ready(Vec<Staged>);

enum Staged {
    File(AtomicFile),
    Directory(StagedDirectory),
}

impl Ready {
    /// Adds the outputs of another finished sink.
    pub fn add(&mut self, other: Ready) {
        self.0.extend(other.0);
    }

    /// Renames every output to its final name.
    pub fn commit(self) -> Result<()> {
        for staged in self.0 {
            match staged {
                Staged::File(file) => file.rename()?,
                Staged::Directory(dir) => dir.move_into_place()?,
            }
        }
        Ok(())
    }
}

/// Opens the sink described by `spec`.
pub fn open_sink(spec: &OutputSpec) -> Result<Box<dyn Sink>> {
    open_sink_typed(spec, None, super::ParquetCompression::default())
}

/// Opens the sink described by `spec`; a Parquet output types the columns `columns` names as
/// it does (the input Parquet file's columns, the fields tamis adds) and compresses its pages
/// with `compression`.
pub fn open_sink_typed(
    spec: &OutputSpec,
    columns: Option<arrow_schema::SchemaRef>,
    compression: super::ParquetCompression,
) -> Result<Box<dyn Sink>> {
    match (spec.format, &spec.path) {
        (OutputFormat::Parquet, None) => Err(Error::config(
            "output",
            "Parquet is written with its footer at the end of a file: give a file name \
             (out.parquet) as `output`, not standard output",
        )),
        (OutputFormat::Parquet, Some(path)) => {
            let file = AtomicFile::create(path)?;
            let display = path.display().to_string();
            let writer = super::parquet_out::ParquetWriter::new(
                file.handle()?,
                display,
                columns,
                compression,
            );
            Ok(Box::new(ParquetSink { writer, file }))
        }
        (OutputFormat::Jsonl, None) => Ok(Box::new(JsonlSink {
            out: Encoder::Plain(BufWriter::with_capacity(
                WRITE_BUFFER,
                Box::new(super::stdout()?),
            )),
            file: None,
            display: "-".into(),
        })),
        (OutputFormat::Jsonl, Some(path)) => {
            let file = AtomicFile::create(path)?;
            let writer: Box<dyn Write + Send> = Box::new(file.handle()?);
            let buffered = BufWriter::with_capacity(WRITE_BUFFER, writer);
            let display = path.display().to_string();
            let out = match Compression::from_path(path) {
                Compression::None => Encoder::Plain(buffered),
                Compression::Gzip => {
                    Encoder::Gzip(GzEncoder::new(buffered, flate2::Compression::default()))
                }
                Compression::Zstd => Encoder::Zstd(
                    zstd::stream::write::Encoder::new(buffered, ZSTD_LEVEL)
                        .map_err(|e| Error::io(display.clone(), e))?,
                ),
            };
            Ok(Box::new(JsonlSink {
                out,
                file: Some(file),
                display,
            }))
        }
        (OutputFormat::Txt, None) => Err(Error::config(
            "output",
            "txt output writes one file per document: give a directory as `output`",
        )),
        (OutputFormat::Txt, Some(dir)) => {
            TxtDirSink::create(dir).map(|s| Box::new(s) as Box<dyn Sink>)
        }
    }
}

/// A file written under a temporary name next to its target, renamed by
/// [`AtomicFile::rename`]; dropped before that, the temporary file is removed. A target that
/// exists and is not a regular file (a device, a FIFO) is opened and written directly instead.
struct AtomicFile {
    place: Place,
    /// Where the file goes (resolved).
    target: PathBuf,
    /// The path as given, for messages.
    shown: String,
    /// Dropped after `place`, so the temporary file is gone when the directories are removed.
    directories: MadeDirectories,
}

enum Place {
    Temporary {
        temp: NamedTempFile,
        _registration: Registration,
    },
    Direct(File),
}

/// Whether `path` exists and is something other than a regular file or a directory: a
/// character device, a FIFO, a socket (after following links, so `/dev/fd/N` counts).
pub fn is_special_file(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|meta| !meta.is_file() && !meta.is_dir())
}

impl AtomicFile {
    fn create(target: &Path) -> Result<Self> {
        let display = target.display().to_string();
        // Written where the path leads once its directories exist (`new/../x` is `x`), so that
        // only the directories it needs are made.
        let place = place_of(target)?;
        if place.is_dir() {
            return Err(Error::config(
                "output",
                format!(
                    "{display} is a directory: give a file name (documents can also go one \
                     file each into a directory, with `output_format` txt)"
                ),
            ));
        }
        if is_special_file(&place) {
            let file = std::fs::OpenOptions::new()
                .write(true)
                .open(&place)
                .map_err(|e| Error::io(display, e))?;
            return Ok(AtomicFile {
                place: Place::Direct(file),
                target: place,
                shown: target.display().to_string(),
                directories: MadeDirectories::default(),
            });
        }
        let dir = place
            .parent()
            .map_or_else(|| PathBuf::from("/"), Path::to_path_buf);
        let directories =
            MadeDirectories::create(&dir).map_err(|e| Error::io(display.clone(), e))?;
        let name = place
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let (temp, registration) = Registration::create(|| {
            tempfile::Builder::new()
                .prefix(&format!(".{name}."))
                .suffix(".tamis-tmp")
                .tempfile_in(&dir)
        })
        .map_err(|e| Error::io(display, e))?;
        Ok(AtomicFile {
            place: Place::Temporary {
                _registration: registration,
                temp,
            },
            target: place,
            shown: target.display().to_string(),
            directories,
        })
    }

    fn handle(&self) -> Result<File> {
        let file = match &self.place {
            Place::Temporary { temp, .. } => temp.as_file(),
            Place::Direct(file) => file,
        };
        file.try_clone()
            .map_err(|e| Error::io(self.shown.clone(), e))
    }

    /// Readies the file for its rename: sets its permissions and, when `durable`, flushes it
    /// to disk.
    fn seal(&self, durable: bool) -> Result<()> {
        let Place::Temporary { temp, .. } = &self.place else {
            return Ok(());
        };
        let display = self.shown.clone();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let permissions = std::fs::Permissions::from_mode(0o644);
            std::fs::set_permissions(temp.path(), permissions)
                .map_err(|e| Error::io(display.clone(), e))?;
        }
        if durable {
            temp.as_file()
                .sync_all()
                .map_err(|e| Error::io(display, e))?;
        }
        Ok(())
    }

    /// Renames the file to its target (nothing to do for a file written directly).
    fn rename(self) -> Result<()> {
        match self.place {
            Place::Temporary { temp, .. } => {
                temp.persist(&self.target)
                    .map_err(|e| Error::io(self.shown.clone(), e.error))?;
            }
            Place::Direct(_) => {}
        }
        self.directories.keep();
        Ok(())
    }
}

/// Writes `text` to `target` under a temporary name and hands it back ready to be renamed;
/// `durable` flushes it to disk first.
pub fn write_ready(target: &Path, text: &[u8], durable: bool) -> Result<Ready> {
    let file = AtomicFile::create(target)?;
    let mut handle = file.handle()?;
    handle
        .write_all(text)
        .map_err(|e| Error::io(target.display().to_string(), e))?;
    file.seal(durable)?;
    Ok(Ready(vec![Staged::File(file)]))
}

/// Writes `bytes` to `path` under a temporary name, then renames it into place: the file
/// appears whole or not at all (the run's report page, a line table…). A `.gz` or `.zst` name
/// is compressed; another compression extension is refused.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    write_file_ready(path, bytes)?.commit()
}

/// `bytes` written to `path` under a temporary name (compressed by a `.gz` / `.zst` name),
/// ready to be renamed into place with a run's other outputs.
pub(crate) fn write_file_ready(path: &Path, bytes: &[u8]) -> Result<Ready> {
    if let Some(codec) = Compression::unsupported(path) {
        return Err(Error::io(
            path.display().to_string(),
            std::io::Error::other(format!(
                "tamis cannot write {codec}: name the file .gz or .zst, or give it no \
                 compression extension"
            )),
        ));
    }
    if Compression::from_path(path) == Compression::None {
        return write_ready(path, bytes, true);
    }
    let mut sink = open_sink(&OutputSpec {
        path: Some(path.to_path_buf()),
        format: OutputFormat::Jsonl,
    })?;
    sink.write("", bytes)?;
    sink.finish()
}

enum Encoder {
    Plain(BufWriter<Box<dyn Write + Send>>),
    Gzip(GzEncoder<BufWriter<Box<dyn Write + Send>>>),
    Zstd(zstd::stream::write::Encoder<'static, BufWriter<Box<dyn Write + Send>>>),
}

impl Encoder {
    fn writer(&mut self) -> &mut dyn Write {
        match self {
            Encoder::Plain(w) => w,
            Encoder::Gzip(w) => w,
            Encoder::Zstd(w) => w,
        }
    }

    fn finish(self) -> std::io::Result<()> {
        let mut buffered = match self {
            Encoder::Plain(w) => w,
            Encoder::Gzip(w) => w.finish()?,
            Encoder::Zstd(w) => w.finish()?,
        };
        buffered.flush()
    }
}

struct JsonlSink {
    out: Encoder,
    file: Option<AtomicFile>,
    display: String,
}

impl Sink for JsonlSink {
    fn write(&mut self, _id: &str, encoded: &[u8]) -> Result<()> {
        self.out
            .writer()
            .write_all(encoded)
            .map_err(|e| Error::io(self.display.clone(), e))
    }

    fn finish(self: Box<Self>) -> Result<Ready> {
        let JsonlSink {
            out, file, display, ..
        } = *self;
        out.finish().map_err(|e| Error::io(display, e))?;
        match file {
            Some(file) => {
                file.seal(true)?;
                Ok(Ready(vec![Staged::File(file)]))
            }
            None => Ok(Ready::default()),
        }
    }
}

/// Documents as rows of a Parquet file.
struct ParquetSink {
    writer: super::parquet_out::ParquetWriter,
    file: AtomicFile,
}

impl Sink for ParquetSink {
    fn write(&mut self, _id: &str, encoded: &[u8]) -> Result<()> {
        self.writer.write(encoded)
    }

    fn finish(self: Box<Self>) -> Result<Ready> {
        let ParquetSink { writer, file } = *self;
        writer.finish()?;
        file.seal(true)?;
        Ok(Ready(vec![Staged::File(file)]))
    }
}

/// One `<id>.txt` per document under a directory; ids with `/` make subdirectories. The files
/// are written into a temporary directory, moved into place when the run commits.
struct TxtDirSink {
    staged: StagedDirectory,
    /// The files named so far.
    used: HashSet<PathBuf>,
    /// The subdirectories those files are in.
    directories: HashSet<PathBuf>,
}

/// A temporary directory of files for `target`: a sibling renamed to it when `target` does not
/// exist yet, else a hidden directory inside it whose files are moved in one by one.
struct StagedDirectory {
    temp: tempfile::TempDir,
    /// Where the directory goes (resolved).
    target: PathBuf,
    /// The path as given, for messages.
    shown: String,
    fresh: bool,
    _registration: Registration,
    /// Dropped after `temp`, so the staging directory is gone when these are removed.
    directories: MadeDirectories,
}

impl StagedDirectory {
    fn create(target: &Path) -> Result<Self> {
        let display = target.display().to_string();
        let place = place_of(target)?;
        let fresh = !place.exists();
        let (parent, prefix) = if fresh {
            let parent = place
                .parent()
                .map_or_else(|| PathBuf::from("/"), Path::to_path_buf);
            let name = place
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            (parent, format!(".{name}."))
        } else {
            (place.clone(), ".tamis-staging.".to_owned())
        };
        let directories =
            MadeDirectories::create(&parent).map_err(|e| Error::io(display.clone(), e))?;
        let (temp, registration) = Registration::create_with(
            || {
                tempfile::Builder::new()
                    .prefix(&prefix)
                    .suffix(".tamis-tmp")
                    .tempdir_in(&parent)
            },
            tempfile::TempDir::path,
        )
        .map_err(|e| Error::io(display.clone(), e))?;
        Ok(StagedDirectory {
            temp,
            target: place,
            shown: display,
            fresh,
            _registration: registration,
            directories,
        })
    }

    /// Puts the files in place: renames the directory, or moves each file into the existing
    /// one (replacing files of the same name).
    fn move_into_place(self) -> Result<()> {
        let display = self.shown.clone();
        let failed = |e: std::io::Error| Error::io(display.clone(), e);
        if self.fresh {
            let staged = self.temp.keep();
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                std::fs::set_permissions(&staged, std::fs::Permissions::from_mode(0o755))
                    .map_err(failed)?;
            }
            std::fs::rename(&staged, &self.target).map_err(failed)?;
            self.directories.keep();
            return Ok(());
        }
        let root = self.temp.path();
        for entry in walkdir::WalkDir::new(root).sort_by_file_name() {
            let entry = entry.map_err(|e| failed(e.into()))?;
            let Ok(relative) = entry.path().strip_prefix(root) else {
                continue;
            };
            let destination = self.target.join(relative);
            if entry.file_type().is_dir() {
                std::fs::create_dir_all(&destination).map_err(failed)?;
            } else {
                std::fs::rename(entry.path(), &destination).map_err(failed)?;
            }
        }
        self.directories.keep();
        Ok(())
    }
}

impl TxtDirSink {
    fn create(dir: &Path) -> Result<Self> {
        let place = place_of(dir)?;
        if place.exists() && !place.is_dir() {
            return Err(Error::config(
                "output",
                format!("{} is a file; txt output needs a directory", dir.display()),
            ));
        }
        Ok(TxtDirSink {
            staged: StagedDirectory::create(dir)?,
            used: HashSet::new(),
            directories: HashSet::new(),
        })
    }

    /// A relative path for `id` that stays inside the directory and is unique in this run.
    fn file_for(&mut self, id: &str) -> PathBuf {
        let mut base: PathBuf = id.split('/').map(safe_component).collect();
        // Written into a directory that exists, the files already there count too.
        let existing = (!self.staged.fresh).then_some(&self.staged.target);
        let file_there = |rel: &Path| {
            existing.is_some_and(|dir| std::fs::metadata(dir.join(rel)).is_ok_and(|m| !m.is_dir()))
        };
        let dir_there = |rel: &Path| existing.is_some_and(|dir| dir.join(rel).is_dir());
        let under_a_file = base
            .ancestors()
            .skip(1)
            .filter(|dir| !dir.as_os_str().is_empty())
            .any(|dir| self.used.contains(dir) || file_there(dir));
        if base.as_os_str().len() > MAX_RELATIVE_BYTES
            || base.components().count() > MAX_SUBDIRECTORIES
            || under_a_file
        {
            // No file system takes a path that long, and a file cannot hold others (ids `a`
            // then `a.txt/b`): one file at the top, named by the id (its start and a hash of
            // the whole when long).
            base = PathBuf::from(safe_component(&id.replace('/', "_")));
        }
        let stem = base
            .file_name()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let mut candidate = base.with_file_name(format!("{stem}.txt"));
        let mut n = 1;
        while self.directories.contains(&candidate)
            || dir_there(&candidate)
            || !self.used.insert(candidate.clone())
        {
            n += 1;
            candidate = base.with_file_name(format!("{stem}-{n}.txt"));
        }
        let parents = candidate.ancestors().skip(1);
        self.directories.extend(
            parents
                .filter(|dir| !dir.as_os_str().is_empty())
                .map(Path::to_path_buf),
        );
        candidate
    }
}

/// File names longer than this (in bytes, before `.txt`) are shortened: most file systems stop
/// at 255.
const MAX_NAME_BYTES: usize = 200;

/// An id whose path under the output directory would be longer than this (in bytes), or more
/// than [`MAX_SUBDIRECTORIES`] deep, is written as one file at the top (Linux refuses paths
/// over 4,096 bytes, the staging directory's and the output's own included).
const MAX_RELATIVE_BYTES: usize = 1024;

/// See [`MAX_RELATIVE_BYTES`].
const MAX_SUBDIRECTORIES: usize = 32;

/// A path component with separators, control characters and a leading dot replaced by `_`;
/// one too long for a file name keeps its start and gets a hash of the whole.
fn safe_component(part: &str) -> String {
    let mut safe: String = part
        .chars()
        .map(|c| {
            if c == '\\' || c == ':' || c.is_control() {
                '_'
            } else {
                c
            }
        })
        .collect();
    if safe.is_empty() || safe.starts_with('.') {
        safe.insert(0, '_');
    }
    if safe.len() > MAX_NAME_BYTES {
        let hash = xxhash_rust::xxh3::xxh3_64(safe.as_bytes());
        let mut cut = MAX_NAME_BYTES - 17;
        while !safe.is_char_boundary(cut) {
            cut -= 1;
        }
        safe.truncate(cut);
        safe.push_str(&format!("-{hash:016x}"));
    }
    safe
}

impl Sink for TxtDirSink {
    fn write(&mut self, id: &str, encoded: &[u8]) -> Result<()> {
        let relative = self.file_for(id);
        let root = self.staged.temp.path();
        let path = root.join(&relative);
        let shown = || {
            Path::new(&self.staged.shown)
                .join(&relative)
                .display()
                .to_string()
        };
        // Subdirectories are made one by one below the staging directory, never the staging
        // directory itself: once an interrupted run has removed it, nothing brings it back.
        let mut at = root.to_path_buf();
        for part in relative.parent().into_iter().flat_map(Path::components) {
            at.push(part);
            match std::fs::create_dir(&at) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
                Err(e) => return Err(Error::io(shown(), e)),
            }
        }
        std::fs::write(&path, encoded).map_err(|e| Error::io(shown(), e))
    }

    fn finish(self: Box<Self>) -> Result<Ready> {
        Ok(Ready(vec![Staged::Directory(self.staged)]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn txt_file_names_stay_inside_and_are_unique() {
        let dir = tempfile::tempdir().unwrap();
        let mut sink = TxtDirSink::create(&dir.path().join("out")).unwrap();
        assert_eq!(
            sink.file_for("fr/2018/sommet"),
            Path::new("fr/2018/sommet.txt")
        );
        assert_eq!(
            sink.file_for("../../etc/passwd"),
            Path::new("_../_../etc/passwd.txt")
        );
        assert_eq!(sink.file_for("news.jsonl:3"), Path::new("news.jsonl_3.txt"));
        assert_eq!(
            sink.file_for("news.jsonl:3"),
            Path::new("news.jsonl_3-2.txt")
        );
        assert_eq!(sink.file_for(""), Path::new("_.txt"));
        // A name too long for a file system is shortened, and stays unique.
        let long = "é".repeat(300);
        let shortened = sink.file_for(&long);
        let name = shortened.to_string_lossy().into_owned();
        assert!(name.len() <= MAX_NAME_BYTES + 4, "{name}");
        assert_ne!(sink.file_for(&format!("{long}x")), shortened);
    }

    #[test]
    fn txt_file_names_never_put_a_file_where_a_directory_is_or_under_a_file() {
        let dir = tempfile::tempdir().unwrap();
        let mut sink = TxtDirSink::create(&dir.path().join("out")).unwrap();
        assert_eq!(sink.file_for("a"), Path::new("a.txt"));
        // `a.txt` is a file: this id cannot make it a directory.
        assert_eq!(sink.file_for("a.txt/b"), Path::new("a.txt_b.txt"));
        assert_eq!(sink.file_for("c.txt/d"), Path::new("c.txt/d.txt"));
        // `c.txt` is a directory: the file takes another name.
        assert_eq!(sink.file_for("c"), Path::new("c-2.txt"));
        // A path no file system takes is flattened to one file at the top.
        let deep = "d/".repeat(2100) + "e";
        let flat = sink.file_for(&deep);
        assert_eq!(flat.components().count(), 1, "{}", flat.display());
        assert!(flat.as_os_str().len() <= MAX_NAME_BYTES + 4);
        let wide = format!("{}/f", "b".repeat(190)).repeat(12);
        assert_eq!(sink.file_for(&wide).components().count(), 1);
    }

    #[test]
    fn txt_file_names_in_an_existing_directory_never_clash_with_what_is_there() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        std::fs::create_dir_all(out.join("d.txt")).unwrap();
        std::fs::write(out.join("a.txt"), "an earlier run's").unwrap();
        let mut sink = TxtDirSink::create(&out).unwrap();
        // `a.txt` is a file there: no directory of that name.
        assert_eq!(sink.file_for("a.txt/b"), Path::new("a.txt_b.txt"));
        // `d.txt` is a directory there: no file of that name.
        assert_eq!(sink.file_for("d"), Path::new("d-2.txt"));
        // A file of the same name is replaced, as before.
        assert_eq!(sink.file_for("a"), Path::new("a.txt"));
    }
}
