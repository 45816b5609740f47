//! Documents held while near-duplicate detection needs the whole corpus. A file run spools the
//! records to write to an anonymous temporary file (deleted by the system when tamis exits, even
//! on Ctrl-C); an in-memory run keeps the documents themselves. Either way they come back in
//! order once the duplicates are known.

use std::fs::File;
use std::io::{BufReader, BufWriter, Read, Seek, SeekFrom, Write};

use crate::document::Document;
use crate::error::{Error, Result};

const TEMP_NAME: &str = "temporary file of documents held for deduplication";

fn temp_error(error: std::io::Error) -> Error {
    Error::io(TEMP_NAME, error)
}

/// What is kept of a document to write it later.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Body {
    /// The encoded output record, or the document as JSON when it is to be annotated.
    Bytes(Vec<u8>),
    /// The document itself (in-memory runs).
    Document(Box<Document>),
}

/// A document ready to be written, or held until the near-duplicates are known.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct OutRecord {
    pub id: String,
    pub text_len: u64,
    /// The document's `lang` field, for the stats' language counts.
    pub lang: Option<String>,
    pub body: Body,
}

/// Append-only store of [`OutRecord`]s: on disk for encoded records, in memory for documents.
pub(crate) enum Spool {
    File {
        writer: BufWriter<File>,
        records: u64,
    },
    Memory(Vec<OutRecord>),
}

impl Spool {
    /// A spool on disk, for encoded records.
    pub fn on_disk() -> Result<Spool> {
        let file = tempfile::tempfile().map_err(temp_error)?;
        Ok(Spool::File {
            writer: BufWriter::with_capacity(1 << 20, file),
            records: 0,
        })
    }

    /// A spool in memory, for documents.
    pub fn in_memory() -> Spool {
        Spool::Memory(Vec::new())
    }

    pub fn push(&mut self, record: OutRecord) -> Result<()> {
        match (self, record.body) {
            (Spool::Memory(records), body) => records.push(OutRecord { body, ..record }),
            (Spool::File { writer, records }, Body::Bytes(bytes)) => {
                let id = &record.id;
                let lang = record.lang.as_deref().unwrap_or("");
                writer
                    .write_all(&(id.len() as u64).to_le_bytes())
                    .and_then(|()| writer.write_all(id.as_bytes()))
                    .and_then(|()| writer.write_all(&(lang.len() as u64).to_le_bytes()))
                    .and_then(|()| writer.write_all(lang.as_bytes()))
                    .and_then(|()| writer.write_all(&record.text_len.to_le_bytes()))
                    .and_then(|()| writer.write_all(&(bytes.len() as u64).to_le_bytes()))
                    .and_then(|()| writer.write_all(&bytes))
                    .map_err(temp_error)?;
                *records += 1;
            }
            (Spool::File { .. }, Body::Document(_)) => {
                return Err(Error::Internal(
                    "a document was held on disk without being encoded".into(),
                ));
            }
        }
        Ok(())
    }

    /// Reads the records back, in the order pushed.
    pub fn into_records(self) -> Result<Box<dyn Iterator<Item = Result<OutRecord>>>> {
        match self {
            Spool::Memory(records) => Ok(Box::new(records.into_iter().map(Ok))),
            Spool::File { writer, records } => {
                let mut file = writer
                    .into_inner()
                    .map_err(|e| temp_error(e.into_error()))?;
                file.seek(SeekFrom::Start(0)).map_err(temp_error)?;
                let mut reader = BufReader::with_capacity(1 << 20, file);
                Ok(Box::new((0..records).map(move |_| {
                    read_record(&mut reader).map_err(temp_error)
                })))
            }
        }
    }
}

fn read_record(r: &mut impl Read) -> std::io::Result<OutRecord> {
    let mut word = [0u8; 8];
    let mut read_u64 = |r: &mut dyn Read| -> std::io::Result<u64> {
        r.read_exact(&mut word)?;
        Ok(u64::from_le_bytes(word))
    };
    let id_len = read_u64(r)? as usize;
    let mut id = vec![0; id_len];
    r.read_exact(&mut id)?;
    let lang_len = read_u64(r)? as usize;
    let mut lang = vec![0; lang_len];
    r.read_exact(&mut lang)?;
    let text_len = read_u64(r)?;
    let len = read_u64(r)? as usize;
    let mut bytes = vec![0; len];
    r.read_exact(&mut bytes)?;
    Ok(OutRecord {
        id: String::from_utf8(id).map_err(std::io::Error::other)?,
        text_len,
        lang: (!lang.is_empty())
            .then(|| String::from_utf8(lang))
            .transpose()
            .map_err(std::io::Error::other)?,
        body: Body::Bytes(bytes),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn held(id: &str, text_len: u64, body: Body) -> OutRecord {
        OutRecord {
            id: id.into(),
            text_len,
            lang: (text_len > 0).then(|| "fra".to_owned()),
            body,
        }
    }

    #[test]
    fn records_come_back_in_order_from_disk_and_from_memory() {
        let first = held("a", 3, Body::Bytes(b"{\"id\":\"a\"}\n".to_vec()));
        let second = held("北京", 0, Body::Bytes(Vec::new()));
        let mut spool = Spool::on_disk().unwrap();
        spool.push(first.clone()).unwrap();
        spool.push(second.clone()).unwrap();
        let records: Vec<OutRecord> = spool
            .into_records()
            .unwrap()
            .collect::<Result<_>>()
            .unwrap();
        assert_eq!(records, [first, second]);

        let doc = held(
            "fr",
            6,
            Body::Document(Box::new(Document::new("fr", "Québec"))),
        );
        let mut spool = Spool::in_memory();
        spool.push(doc.clone()).unwrap();
        let records: Vec<OutRecord> = spool
            .into_records()
            .unwrap()
            .collect::<Result<_>>()
            .unwrap();
        assert_eq!(records, [doc]);
    }

    #[test]
    fn a_document_is_not_held_on_disk_unencoded() {
        let mut spool = Spool::on_disk().unwrap();
        let doc = held("x", 1, Body::Document(Box::new(Document::new("x", "y"))));
        assert!(matches!(spool.push(doc), Err(Error::Internal(_))));
    }
}
