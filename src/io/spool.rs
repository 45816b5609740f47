//! Inputs that can be read only once (stdin, a named pipe, a shell's `<(…)`) copied to
//! temporary files, for runs that read their input twice.

use std::io::Write;

use tempfile::NamedTempFile;

use super::pending::Registration;
use super::source::SourceFile;
use crate::error::{Error, Result};

/// An input copied to a temporary file (in `$TMPDIR`) that lives as long as this value.
pub struct Spooled {
    _file: NamedTempFile,
    _registration: Registration,
}

/// Copies every input of `files` that can be read only once (stdin, FIFOs, `/dev/fd/N`) as it
/// comes (still compressed, if it is) to a temporary file and points its source at the copy,
/// so it can be read more than once. Messages keep naming it as the user did.
pub fn spool_once_inputs(files: &mut [SourceFile]) -> Result<Vec<Spooled>> {
    let mut spooled = Vec::new();
    for source in files.iter_mut().filter(|f| f.once) {
        let failed = |e: std::io::Error| Error::io(source.display.clone(), e);
        let (mut file, registration) = Registration::create(|| {
            tempfile::Builder::new()
                .prefix(".tamis-spool.")
                .suffix(".tamis-tmp")
                .tempfile()
        })
        .map_err(failed)?;
        let copied = match &source.path {
            Some(path) => {
                let mut input = std::fs::File::open(path).map_err(failed)?;
                std::io::copy(&mut input, file.as_file_mut())
            }
            None => std::io::copy(&mut std::io::stdin().lock(), file.as_file_mut()),
        }
        .map_err(failed)?;
        file.as_file_mut().flush().map_err(failed)?;
        source.path = Some(file.path().to_path_buf());
        source.size = Some(copied);
        source.once = false;
        spooled.push(Spooled {
            _file: file,
            _registration: registration,
        });
    }
    Ok(spooled)
}
