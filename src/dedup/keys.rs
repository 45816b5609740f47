//! The fold keys of the documents, kept for exact verification: in memory while small, then in
//! an anonymous temporary file (deleted by the system when tamis exits, even on Ctrl-C).

use std::borrow::Cow;
use std::fs::File;
use std::io::{BufWriter, Write};

use crate::error::{Error, Result};

/// Keys held in memory before spilling to disk.
const MEMORY_LIMIT: usize = 64 << 20;

const TEMP_NAME: &str = "temporary file of fold keys";

/// Append-only store of fold keys, read back by position.
#[derive(Debug)]
pub struct KeyStore {
    memory_limit: usize,
    memory: String,
    file: Option<BufWriter<File>>,
    reader: Option<File>,
    written: u64,
    /// Where each key ends (it starts where the one before ends): 8 bytes a key.
    ends: Vec<u64>,
}

impl Default for KeyStore {
    fn default() -> Self {
        KeyStore::with_memory_limit(MEMORY_LIMIT)
    }
}

impl KeyStore {
    /// A store that spills to disk once its keys pass `memory_limit` bytes.
    pub fn with_memory_limit(memory_limit: usize) -> Self {
        KeyStore {
            memory_limit,
            memory: String::new(),
            file: None,
            reader: None,
            written: 0,
            ends: Vec::new(),
        }
    }

    /// Appends the key of the next document.
    pub fn push(&mut self, key: &str) -> Result<()> {
        if self.file.is_none() && self.memory.len() + key.len() > self.memory_limit {
            let mut file =
                BufWriter::new(tempfile::tempfile().map_err(|e| Error::io(TEMP_NAME, e))?);
            file.write_all(self.memory.as_bytes())
                .map_err(|e| Error::io(TEMP_NAME, e))?;
            self.memory = String::new();
            self.file = Some(file);
        }
        match &mut self.file {
            Some(file) => file
                .write_all(key.as_bytes())
                .map_err(|e| Error::io(TEMP_NAME, e))?,
            None => {
                if self.memory.capacity() == 0 {
                    // Reserved once (untouched pages cost no memory): growing by copies would
                    // hold twice the keys for a moment.
                    self.memory.reserve(self.memory_limit.min(MEMORY_LIMIT));
                }
                self.memory.push_str(key)
            }
        }
        self.written += key.len() as u64;
        self.ends.push(self.written);
        Ok(())
    }

    /// Ends writing: keys can be read from now on.
    pub fn finish(&mut self) -> Result<()> {
        if let Some(file) = self.file.take() {
            let file = file
                .into_inner()
                .map_err(|e| Error::io(TEMP_NAME, e.into_error()))?;
            self.reader = Some(file);
        }
        Ok(())
    }

    /// Length in bytes of key `i`.
    pub fn len_of(&self, i: u32) -> usize {
        let (start, end) = self.span(i);
        (end - start) as usize
    }

    fn span(&self, i: u32) -> (u64, u64) {
        let end = self.ends[i as usize];
        let start = match i {
            0 => 0,
            _ => self.ends[i as usize - 1],
        };
        (start, end)
    }

    /// Key `i` (after [`KeyStore::finish`]).
    pub fn get(&self, i: u32) -> Result<Cow<'_, str>> {
        let (start, end) = self.span(i);
        match &self.reader {
            None => Ok(Cow::Borrowed(&self.memory[start as usize..end as usize])),
            Some(file) => {
                let mut buf = vec![0; (end - start) as usize];
                read_at(file, &mut buf, start).map_err(|e| Error::io(TEMP_NAME, e))?;
                String::from_utf8(buf)
                    .map(Cow::Owned)
                    .map_err(|e| Error::io(TEMP_NAME, std::io::Error::other(e)))
            }
        }
    }
}

#[cfg(unix)]
fn read_at(file: &File, buf: &mut [u8], offset: u64) -> std::io::Result<()> {
    use std::os::unix::fs::FileExt;
    file.read_exact_at(buf, offset)
}

#[cfg(windows)]
fn read_at(file: &File, mut buf: &mut [u8], mut offset: u64) -> std::io::Result<()> {
    use std::os::windows::fs::FileExt;
    while !buf.is_empty() {
        match file.seek_read(buf, offset)? {
            0 => return Err(std::io::ErrorKind::UnexpectedEof.into()),
            n => {
                buf = &mut buf[n..];
                offset += n as u64;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_come_back_from_memory_and_from_disk() {
        for limit in [usize::MAX, 10] {
            let mut store = KeyStore::with_memory_limit(limit);
            for key in ["le chat", "", "北京 你好", "une longue clé de document"] {
                store.push(key).unwrap();
            }
            store.finish().unwrap();
            assert_eq!(store.reader.is_some(), limit == 10);
            assert_eq!(store.get(2).unwrap(), "北京 你好");
            assert_eq!(store.get(1).unwrap(), "");
            assert_eq!(store.get(3).unwrap(), "une longue clé de document");
            assert_eq!(store.len_of(0), 7);
        }
    }
}
