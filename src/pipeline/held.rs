//! Documents held on disk while near-duplicate detection needs the whole corpus: the records to
//! write are spooled to an anonymous temporary file (deleted by the system when tamis exits, even
//! on Ctrl-C) and read back in order once the duplicates are known.

use std::fs::File;
use std::io::{BufReader, BufWriter, Read, Seek, SeekFrom, Write};

use crate::error::{Error, Result};

const TEMP_NAME: &str = "temporary file of documents held for deduplication";

fn temp_error(error: std::io::Error) -> Error {
    Error::io(TEMP_NAME, error)
}

/// One held document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct HeldRecord {
    pub id: String,
    pub text_len: u64,
    /// The encoded output record, or the document as JSON when it is to be annotated.
    pub bytes: Vec<u8>,
}

/// Append-only spool of [`HeldRecord`]s.
pub(crate) struct Spool {
    writer: BufWriter<File>,
    records: u64,
}

impl Spool {
    pub fn new() -> Result<Spool> {
        let file = tempfile::tempfile().map_err(temp_error)?;
        Ok(Spool {
            writer: BufWriter::with_capacity(1 << 20, file),
            records: 0,
        })
    }

    pub fn push(&mut self, id: &str, text_len: u64, bytes: &[u8]) -> Result<()> {
        let w = &mut self.writer;
        w.write_all(&(id.len() as u64).to_le_bytes())
            .and_then(|()| w.write_all(id.as_bytes()))
            .and_then(|()| w.write_all(&text_len.to_le_bytes()))
            .and_then(|()| w.write_all(&(bytes.len() as u64).to_le_bytes()))
            .and_then(|()| w.write_all(bytes))
            .map_err(temp_error)?;
        self.records += 1;
        Ok(())
    }

    /// Reads the records back, in the order pushed.
    pub fn into_records(self) -> Result<impl Iterator<Item = Result<HeldRecord>>> {
        let mut file = self
            .writer
            .into_inner()
            .map_err(|e| temp_error(e.into_error()))?;
        file.seek(SeekFrom::Start(0)).map_err(temp_error)?;
        let mut reader = BufReader::with_capacity(1 << 20, file);
        Ok((0..self.records).map(move |_| read_record(&mut reader).map_err(temp_error)))
    }
}

fn read_record(r: &mut impl Read) -> std::io::Result<HeldRecord> {
    let mut word = [0u8; 8];
    let mut read_u64 = |r: &mut dyn Read| -> std::io::Result<u64> {
        r.read_exact(&mut word)?;
        Ok(u64::from_le_bytes(word))
    };
    let id_len = read_u64(r)? as usize;
    let mut id = vec![0; id_len];
    r.read_exact(&mut id)?;
    let text_len = read_u64(r)?;
    let len = read_u64(r)? as usize;
    let mut bytes = vec![0; len];
    r.read_exact(&mut bytes)?;
    Ok(HeldRecord {
        id: String::from_utf8(id).map_err(std::io::Error::other)?,
        text_len,
        bytes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_come_back_in_order() {
        let mut spool = Spool::new().unwrap();
        spool.push("a", 3, b"{\"id\":\"a\"}\n").unwrap();
        spool.push("北京", 0, b"").unwrap();
        let records: Vec<HeldRecord> = spool
            .into_records()
            .unwrap()
            .collect::<Result<_>>()
            .unwrap();
        assert_eq!(records.len(), 2);
        assert_eq!(records[0].bytes, b"{\"id\":\"a\"}\n");
        assert_eq!(records[1].id, "北京");
        assert_eq!(records[0].text_len, 3);
    }
}
