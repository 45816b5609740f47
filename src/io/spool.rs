//! Stdin copied to a temporary file, for runs that read their input twice.

use std::io::Write;

use tempfile::NamedTempFile;

use super::pending::Registration;
use super::source::SourceFile;
use crate::error::{Error, Result};

/// Stdin, copied to a temporary file (in `$TMPDIR`) that lives as long as this value.
pub struct SpooledStdin {
    _file: NamedTempFile,
    _registration: Registration,
}

/// If `files` holds stdin, copies it (as it comes: still compressed, if it is) to a temporary
/// file and points that source at the copy, so it can be read more than once. Messages keep
/// naming it `-`.
pub fn spool_stdin(files: &mut [SourceFile]) -> Result<Option<SpooledStdin>> {
    let Some(source) = files.iter_mut().find(|f| f.path.is_none()) else {
        return Ok(None);
    };
    let failed = |e: std::io::Error| Error::io("-", e);
    let (mut file, registration) = Registration::create(|| {
        tempfile::Builder::new()
            .prefix(".tamis-stdin.")
            .suffix(".tamis-tmp")
            .tempfile()
    })
    .map_err(failed)?;
    let copied = std::io::copy(&mut std::io::stdin().lock(), file.as_file_mut()).map_err(failed)?;
    file.as_file_mut().flush().map_err(failed)?;
    source.path = Some(file.path().to_path_buf());
    source.size = Some(copied);
    Ok(Some(SpooledStdin {
        _file: file,
        _registration: registration,
    }))
}
