//! `tamis dedup pairs`: the band keys of every shard merged, band by band, into buckets; exact
//! duplicates (equal fold keys) grouped behind one representative; candidate pairs among the
//! representatives, verified by the sketches. Writes an edges file: the pairs, by position
//! (`dedup cluster` reads what it needs of their documents from the signatures).
//!
//! Edges file (little-endian), version 2: the magic `TAMISEDG`, `u32` version, a JSON header
//! (settings, shards, the signature files as given, bands covered), `u64` pair count, pairs
//! `(u64 a, u64 b, u8 kind, f32 similarity)` sorted, the checksum of all that (`u64` xxh3), the
//! end marker `TAMISEND`.

use std::ops::Range;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::binary::{self, Bytes, END};
use super::corpus::{Buckets, Corpus};
use super::signatures::ShardInfo;
use crate::dedup::lsh::push_bucket_pairs;
use crate::dedup::minhash::estimate_similarity;
use crate::dedup::{Banding, DedupConfig};
use crate::error::{Error, Result};

const MAGIC: &[u8; 8] = b"TAMISEDG";
/// The edges file format this tamis writes and reads.
pub const EDGES_VERSION: u32 = 2;

/// What joins two documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Kind {
    /// Equal fold keys.
    Exact = 0,
    /// A candidate pair at or above the threshold.
    Verified = 1,
    /// A candidate pair below it.
    Rejected = 2,
}

/// One pair of documents (global positions, `a < b`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Edge {
    pub(super) a: u64,
    pub(super) b: u64,
    pub(super) kind: Kind,
    pub(super) similarity: f32,
}

/// What an edges file says of itself.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) struct Header {
    pub(super) dedup: DedupConfig,
    pub(super) banding: Banding,
    pub(super) shards: Vec<ShardInfo>,
    /// The signature files, as given to `pairs`, where `cluster` reads the documents' records.
    pub(super) signatures: Vec<PathBuf>,
    /// The bands merged: `[first, end)`.
    pub(super) bands: [usize; 2],
}

/// Parses a band range: `A..B` (B excluded), `A..=B`, `A..` (to the last band), or one band
/// `A`.
pub fn parse_bands(text: &str) -> std::result::Result<Range<usize>, String> {
    let number = |s: &str| {
        s.trim()
            .parse::<usize>()
            .map_err(|_| format!("\"{text}\" is not a band range (write A..B, as 0..8)"))
    };
    let range = if let Some((a, b)) = text.split_once("..=") {
        number(a)?..number(b)? + 1
    } else if let Some((a, b)) = text.split_once("..") {
        match b.trim() {
            "" => number(a)?..usize::MAX,
            b => number(a)?..number(b)?,
        }
    } else {
        let a = number(text)?;
        a..a + 1
    };
    if range.is_empty() {
        return Err(format!("the band range \"{text}\" is empty"));
    }
    Ok(range)
}

/// The pairs of a range of bands, as [`find_pairs`] found them.
#[derive(Debug)]
pub struct Pairs {
    /// The bands merged.
    pub bands: Range<usize>,
    /// Documents of every shard.
    pub documents: u64,
    /// Pairs of documents with equal fold keys (each with the first of its group).
    pub exact_pairs: u64,
    /// Candidate pairs at or above the threshold.
    pub verified_pairs: u64,
    /// Candidate pairs below it.
    pub rejected_pairs: u64,
}

/// Finds the pairs of the bands `bands` (all of them for `None`) of the corpus signed in
/// `signatures` (in corpus order) and writes them to the edges file `output` (whole or not at
/// all). Runs on the current rayon pool.
pub fn find_pairs(
    signatures: &[PathBuf],
    bands: Option<Range<usize>>,
    output: &Path,
) -> Result<Pairs> {
    super::check_stage_output(output, signatures.iter().map(PathBuf::as_path))?;
    let corpus = Corpus::open(signatures)?;
    let banding = corpus.banding();
    let mut bands = bands.unwrap_or(0..banding.bands);
    if bands.end == usize::MAX {
        bands.end = banding.bands;
    }
    if bands.end > banding.bands || bands.is_empty() {
        return Err(Error::config(
            "bands",
            format!(
                "the shards were signed with {} bands (0..{}): bands {}..{} do not exist",
                banding.bands, banding.bands, bands.start, bands.end
            ),
        ));
    }
    let buckets: Vec<Buckets> = bands
        .clone()
        .into_par_iter()
        .map(|band| corpus.buckets(band))
        .collect::<Result<Vec<_>>>()?;
    let mut positions: Vec<u64> = buckets
        .iter()
        .flat_map(|b| b.members.iter().copied())
        .collect();
    positions.par_sort_unstable();
    positions.dedup();
    let records = corpus.records(&positions, false)?;
    drop(positions);
    let record = |node: u64| {
        records
            .find(node)
            .ok_or_else(|| Error::Internal("a bucket member was not read".into()))
    };

    // Exact groups behind their first document; candidates among those representatives, as
    // one process does (an exact group shares every band, so it is whole in each bucket).
    let mut exact_edges = Vec::new();
    let mut candidates = Vec::new();
    for bucket in buckets.iter().flat_map(Buckets::iter) {
        let mut members = bucket
            .iter()
            .map(|&node| Ok((records.exact[record(node)?], node)))
            .collect::<Result<Vec<_>>>()?;
        members.sort_unstable();
        let mut representatives = Vec::new();
        for group in members.chunk_by(|a, b| a.0 == b.0) {
            representatives.push((0u64, group[0].1));
            exact_edges.extend(group[1..].iter().map(|m| (group[0].1, m.1)));
        }
        representatives.sort_unstable_by_key(|r| r.1);
        push_bucket_pairs(&representatives, &mut candidates);
    }
    exact_edges.par_sort_unstable();
    exact_edges.dedup();
    candidates.par_sort_unstable();
    candidates.dedup();
    let threshold = corpus.dedup().threshold;
    let verified = candidates
        .par_iter()
        .map(|&(a, b)| {
            let similarity =
                estimate_similarity(records.sketch(record(a)?), records.sketch(record(b)?));
            let kind = if similarity >= threshold {
                Kind::Verified
            } else {
                Kind::Rejected
            };
            Ok(Edge {
                a,
                b,
                kind,
                similarity: similarity as f32,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let mut edges: Vec<Edge> = exact_edges
        .into_iter()
        .map(|(a, b)| Edge {
            a,
            b,
            kind: Kind::Exact,
            similarity: 1.0,
        })
        .chain(verified)
        .collect();
    edges.sort_unstable_by_key(|e| (e.a, e.b, e.kind));

    drop(records);
    let header = Header {
        dedup: corpus.dedup().clone(),
        banding,
        shards: corpus.shards(),
        signatures: signatures.to_vec(),
        bands: [bands.start, bands.end],
    };
    let mut sink = crate::io::open_sink(&crate::io::OutputSpec {
        path: Some(output.to_path_buf()),
        format: crate::io::OutputFormat::Jsonl,
    })?;
    let mut out = Bytes(MAGIC.to_vec());
    out.u32(EDGES_VERSION);
    let json =
        serde_json::to_vec(&header).map_err(|e| Error::Internal(format!("edges header: {e}")))?;
    out.text(&json)?;
    out.u64(edges.len() as u64);
    const CHUNK: usize = 1 << 20;
    let mut checksum = xxhash_rust::xxh3::Xxh3::new();
    for edge in &edges {
        out.u64(edge.a);
        out.u64(edge.b);
        out.u8(edge.kind as u8);
        out.f32(edge.similarity);
        if out.0.len() >= CHUNK {
            checksum.update(&out.0);
            sink.write("", &std::mem::take(&mut out.0))?;
        }
    }
    checksum.update(&out.0);
    out.u64(checksum.digest());
    out.raw(END);
    sink.write("", &out.0)?;
    sink.finish()?.commit()?;
    let count = |kind: Kind| edges.iter().filter(|e| e.kind == kind).count() as u64;
    Ok(Pairs {
        bands,
        documents: corpus.offsets.last().copied().unwrap_or(0)
            + corpus
                .layouts
                .last()
                .map_or(0, |l| l.header.shard.documents),
        exact_pairs: count(Kind::Exact),
        verified_pairs: count(Kind::Verified),
        rejected_pairs: count(Kind::Rejected),
    })
}

/// An edges file read back.
pub(super) struct EdgesFile {
    pub(super) header: Header,
    pub(super) edges: Vec<Edge>,
}

/// Reads the edges file `path`.
pub(super) fn read_edges(path: &Path) -> Result<EdgesFile> {
    let mut reader = binary::open(path)?;
    reader.expect_head(
        MAGIC,
        EDGES_VERSION,
        "an edges file (write one with `tamis dedup pairs`)",
    )?;
    let header: Header = reader.header()?;
    let count = reader.u64()?;
    let mut edges = Vec::with_capacity(usize::try_from(count).unwrap_or(0).min(1 << 28));
    let mut last = None;
    for _ in 0..count {
        let a = reader.u64()?;
        let b = reader.u64()?;
        let kind = match reader.u8()? {
            0 => Kind::Exact,
            1 => Kind::Verified,
            2 => Kind::Rejected,
            other => {
                return Err(reader.bad(format!("unknown pair kind {other}: the file is damaged")));
            }
        };
        let similarity = reader.f32()?;
        if a >= b || last.is_some_and(|last| (a, b, kind) < last) {
            return Err(reader.bad("its pairs are out of order: the file is damaged"));
        }
        last = Some((a, b, kind));
        edges.push(Edge {
            a,
            b,
            kind,
            similarity,
        });
    }
    reader.expect_checksum_and_end("pairs")?;
    Ok(EdgesFile { header, edges })
}

#[cfg(test)]
mod tests {
    use super::parse_bands;

    #[test]
    fn band_ranges_read_as_written() {
        assert_eq!(parse_bands("0..8"), Ok(0..8));
        assert_eq!(parse_bands("8..=15"), Ok(8..16));
        assert_eq!(parse_bands("3"), Ok(3..4));
        assert_eq!(parse_bands("12.."), Ok(12..usize::MAX));
        assert!(parse_bands("8..8").unwrap_err().contains("empty"));
        assert!(parse_bands("a..b").unwrap_err().contains("write A..B"));
    }
}
