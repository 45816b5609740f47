//! Little-endian encoding of the shard files: a writer into a `Vec`, and a reader over any file
//! that names the file and what it was reading when the bytes ran out. Each section of a file is
//! followed by a checksum (xxh3-64 of its bytes) that the reader checks: a bit flipped on a disk
//! or in a copy is refused, never read as other values.

use std::io::{Read, Seek, SeekFrom};

use xxhash_rust::xxh3::Xxh3;

use crate::error::{Error, Result};

/// Marks the end of every shard file: a file cut short is caught before it is used.
pub(super) const END: &[u8; 8] = b"TAMISEND";

/// Bytes being encoded.
#[derive(Debug, Default)]
pub(super) struct Bytes(pub(super) Vec<u8>);

impl Bytes {
    pub(super) fn u8(&mut self, v: u8) {
        self.0.push(v);
    }
    pub(super) fn u32(&mut self, v: u32) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    pub(super) fn u64(&mut self, v: u64) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    pub(super) fn u128(&mut self, v: u128) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    pub(super) fn f32(&mut self, v: f32) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    pub(super) fn raw(&mut self, v: &[u8]) {
        self.0.extend_from_slice(v);
    }
    /// A length (`u32`) and the bytes.
    pub(super) fn text(&mut self, v: &[u8]) -> Result<()> {
        let len = u32::try_from(v.len())
            .map_err(|_| Error::Internal("a string over 4 GiB in a shard file".into()))?;
        self.u32(len);
        self.raw(v);
        Ok(())
    }
    pub(super) fn len(&self) -> u64 {
        self.0.len() as u64
    }
}

/// The checksum of a section, written after it.
pub(super) fn checksum(bytes: &[u8]) -> u64 {
    xxhash_rust::xxh3::xxh3_64(bytes)
}

/// Reads a shard file, naming it in every error.
pub(super) struct Reader<R> {
    inner: R,
    pub(super) path: String,
    /// The bytes read since [`Reader::start_section`], hashed.
    section: Xxh3,
}

impl<R: Read> Reader<R> {
    pub(super) fn new(inner: R, path: impl Into<String>) -> Self {
        Reader {
            inner,
            path: path.into(),
            section: Xxh3::new(),
        }
    }

    /// Starts a section: the bytes read from here on are hashed for [`Reader::expect_checksum`].
    pub(super) fn start_section(&mut self) {
        self.section.reset();
    }

    /// The checksum of the bytes read since [`Reader::start_section`].
    pub(super) fn section_checksum(&self) -> u64 {
        self.section.digest()
    }

    /// [`Reader::expect_checksum`] for the last section, followed by the end marker, which is
    /// checked first: a file cut short says so.
    pub(super) fn expect_checksum_and_end(&mut self, what: &str) -> Result<()> {
        let read = self.section.digest();
        let mut stored = [0u8; 8];
        self.exact(&mut stored)?;
        self.expect_end()?;
        if u64::from_le_bytes(stored) != read {
            return Err(self.bad(format!(
                "its {what} do not match their checksum: the file is damaged (make it again)"
            )));
        }
        Ok(())
    }

    /// Reads the checksum that follows a section and compares it with the bytes read since
    /// [`Reader::start_section`] (or the file's start); the next section starts after it.
    pub(super) fn expect_checksum(&mut self, what: &str) -> Result<()> {
        let read = self.section.digest();
        let mut stored = [0u8; 8];
        self.exact(&mut stored)?;
        self.section.reset();
        if u64::from_le_bytes(stored) != read {
            return Err(self.bad(format!(
                "its {what} do not match their checksum: the file is damaged (make it again)"
            )));
        }
        Ok(())
    }

    /// The error for a file that is not what it should be.
    pub(super) fn bad(&self, reason: impl Into<String>) -> Error {
        Error::BadShardFile {
            path: self.path.clone(),
            reason: reason.into(),
        }
    }

    pub(super) fn exact(&mut self, buf: &mut [u8]) -> Result<()> {
        self.inner.read_exact(buf).map_err(|e| {
            if e.kind() == std::io::ErrorKind::UnexpectedEof {
                self.bad("the file is truncated (was it copied whole?)")
            } else {
                Error::io(self.path.clone(), e)
            }
        })?;
        self.section.update(buf);
        Ok(())
    }
    pub(super) fn u8(&mut self) -> Result<u8> {
        let mut b = [0; 1];
        self.exact(&mut b)?;
        Ok(b[0])
    }
    pub(super) fn u32(&mut self) -> Result<u32> {
        let mut b = [0; 4];
        self.exact(&mut b)?;
        Ok(u32::from_le_bytes(b))
    }
    pub(super) fn u64(&mut self) -> Result<u64> {
        let mut b = [0; 8];
        self.exact(&mut b)?;
        Ok(u64::from_le_bytes(b))
    }
    pub(super) fn u128(&mut self) -> Result<u128> {
        let mut b = [0; 16];
        self.exact(&mut b)?;
        Ok(u128::from_le_bytes(b))
    }
    pub(super) fn f32(&mut self) -> Result<f32> {
        let mut b = [0; 4];
        self.exact(&mut b)?;
        Ok(f32::from_le_bytes(b))
    }
    pub(super) fn vec(&mut self, len: usize) -> Result<Vec<u8>> {
        let mut v = vec![0; len];
        self.exact(&mut v)?;
        Ok(v)
    }
    /// A length (`u32`) and that many bytes.
    pub(super) fn text(&mut self) -> Result<Vec<u8>> {
        let len = self.u32()? as usize;
        self.vec(len)
    }
    /// A length and that many bytes of UTF-8.
    pub(super) fn string(&mut self) -> Result<String> {
        let bytes = self.text()?;
        String::from_utf8(bytes).map_err(|_| self.bad("a string is not UTF-8: the file is damaged"))
    }

    /// Checks the magic and version of a file of `kind` (`what` names it for the user).
    pub(super) fn expect_head(&mut self, magic: &[u8; 8], version: u32, what: &str) -> Result<()> {
        let mut found = [0u8; 8];
        if self.inner.read_exact(&mut found).is_err() || &found != magic {
            return Err(self.bad(format!("not {what}")));
        }
        self.section.reset();
        self.section.update(&found);
        let v = self.u32()?;
        if v != version {
            return Err(self.bad(format!(
                "{what} of format version {v}; this tamis reads version {version} (make it again \
                 with this tamis)"
            )));
        }
        Ok(())
    }

    /// The JSON header that follows the magic.
    pub(super) fn header<T: serde::de::DeserializeOwned>(&mut self) -> Result<T> {
        let bytes = self.text()?;
        serde_json::from_slice(&bytes).map_err(|e| {
            self.bad(format!(
                "its header cannot be read ({e}): the file is damaged"
            ))
        })
    }

    /// Checks the end marker.
    pub(super) fn expect_end(&mut self) -> Result<()> {
        let mut end = [0u8; 8];
        self.exact(&mut end)?;
        if &end != END {
            return Err(self.bad(
                "no end marker where it should be: the file is truncated or damaged (was it \
                 copied whole?)",
            ));
        }
        Ok(())
    }
}

impl<R: Read + Seek> Reader<R> {
    pub(super) fn seek(&mut self, to: u64) -> Result<()> {
        self.inner
            .seek(SeekFrom::Start(to))
            .map(|_| ())
            .map_err(|e| Error::io(self.path.clone(), e))
    }
    /// Seeks `back` bytes before the end of the file; the file's size.
    pub(super) fn seek_from_end(&mut self, back: u64) -> Result<u64> {
        let size = self
            .inner
            .seek(SeekFrom::End(0))
            .map_err(|e| Error::io(self.path.clone(), e))?;
        if size < back {
            return Err(self.bad("the file is truncated (was it copied whole?)"));
        }
        self.seek(size - back)?;
        Ok(size)
    }
}

/// Opens `path` for reading with a buffer.
pub(super) fn open(path: &std::path::Path) -> Result<Reader<std::io::BufReader<std::fs::File>>> {
    open_with_buffer(path, 64 * 1024)
}

/// Opens `path` with a buffer of `capacity` bytes: small for reads here and there (a seek
/// empties the buffer, and filling a large one costs more than the record read).
pub(super) fn open_with_buffer(
    path: &std::path::Path,
    capacity: usize,
) -> Result<Reader<std::io::BufReader<std::fs::File>>> {
    let display = path.display().to_string();
    let file = std::fs::File::open(path).map_err(|e| Error::io(display.clone(), e))?;
    Ok(Reader::new(
        std::io::BufReader::with_capacity(capacity, file),
        display,
    ))
}
