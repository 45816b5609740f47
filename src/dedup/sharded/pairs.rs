//! `tamis dedup pairs`: the band keys of every shard merged, band by band, into buckets; exact
//! duplicates (equal fold keys) grouped behind one representative; candidate pairs among the
//! representatives, verified by the sketches. Writes an edges file: the pairs, by position
//! (`dedup cluster` reads what it needs of their documents from the signatures).
//!
//! Edges file (little-endian), version 1: the magic `TAMISEDG`, `u32` version, a JSON header
//! (settings, shards, the signature files as given, bands covered), `u64` pair count, pairs
//! `(u64 a, u64 b, u8 kind, f32 similarity)` sorted, the end marker `TAMISEND`.

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::ops::Range;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::binary::{self, Bytes, END};
use super::signatures::{Layout, ShardInfo};
use crate::dedup::lsh::push_bucket_pairs;
use crate::dedup::minhash::estimate_similarity;
use crate::dedup::{Banding, DedupConfig};
use crate::error::{Error, Result};

const MAGIC: &[u8; 8] = b"TAMISEDG";
/// The edges file format this tamis writes and reads.
pub const EDGES_VERSION: u32 = 1;

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

/// The documents that are in pairs, sorted by position, in columns (a few hundred bytes each,
/// no allocation per document).
#[derive(Debug, Default)]
pub(super) struct Nodes {
    pub(super) positions: Vec<u64>,
    pub(super) exact: Vec<u128>,
    pub(super) lengths: Vec<u32>,
    pub(super) dates: Vec<u64>,
    slots: usize,
    sketches: Vec<u8>,
    id_ends: Vec<usize>,
    ids: String,
}

impl Nodes {
    pub(super) fn new(slots: usize) -> Nodes {
        Nodes {
            slots,
            ..Nodes::default()
        }
    }

    pub(super) fn len(&self) -> usize {
        self.positions.len()
    }

    /// Room for `n` more documents (ids aside).
    pub(super) fn reserve(&mut self, n: usize) {
        self.positions.reserve_exact(n);
        self.exact.reserve_exact(n);
        self.lengths.reserve_exact(n);
        self.dates.reserve_exact(n);
        self.sketches.reserve_exact(n * self.slots);
        self.id_ends.reserve_exact(n);
    }

    pub(super) fn push(
        &mut self,
        position: u64,
        exact: u128,
        length: u32,
        date: u64,
        sketch: &[u8],
        id: &str,
    ) {
        self.positions.push(position);
        self.exact.push(exact);
        self.lengths.push(length);
        self.dates.push(date);
        self.sketches.extend_from_slice(sketch);
        self.ids.push_str(id);
        self.id_ends.push(self.ids.len());
    }

    pub(super) fn sketch(&self, i: usize) -> &[u8] {
        &self.sketches[i * self.slots..(i + 1) * self.slots]
    }

    pub(super) fn id(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.id_ends[i - 1] };
        &self.ids[start..self.id_ends[i]]
    }

    /// The index of the document at `position`.
    pub(super) fn find(&self, position: u64) -> Option<usize> {
        self.positions.binary_search(&position).ok()
    }
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

/// The signature files of a corpus, in order, checked against each other.
pub(super) struct Corpus {
    pub(super) layouts: Vec<Layout>,
    /// Global position of each shard's first document.
    pub(super) offsets: Vec<u64>,
}

impl Corpus {
    /// Opens the signature files `paths`: the shards of one corpus, in its order.
    pub(super) fn open(paths: &[PathBuf]) -> Result<Corpus> {
        let layouts = paths
            .par_iter()
            .map(|path| Layout::open(path))
            .collect::<Result<Vec<_>>>()?;
        let Some(first) = layouts.first() else {
            return Err(Error::config("signatures", "no signature file given"));
        };
        for layout in &layouts[1..] {
            if layout.header.dedup != first.header.dedup {
                return Err(Error::BadShardFile {
                    path: layout.path.display().to_string(),
                    reason: format!(
                        "signed with other near-duplicate settings than {} (sign every shard \
                         with the same settings)",
                        first.path.display()
                    ),
                });
            }
        }
        let mut seen = std::collections::HashMap::new();
        for layout in &layouts {
            let shard = &layout.header.shard;
            if let Some(other) = seen.insert(shard.name.as_str(), &layout.path) {
                return Err(Error::BadShardFile {
                    path: layout.path.display().to_string(),
                    reason: format!(
                        "signs the shard {} as {} does: give each shard once",
                        shard.name,
                        other.display()
                    ),
                });
            }
        }
        let mut offsets = Vec::with_capacity(layouts.len());
        let mut total = 0u64;
        for layout in &layouts {
            offsets.push(total);
            total += layout.header.shard.documents;
        }
        Ok(Corpus { layouts, offsets })
    }

    fn dedup(&self) -> &DedupConfig {
        &self.layouts[0].header.dedup
    }

    fn banding(&self) -> Banding {
        self.layouts[0].header.banding
    }

    /// The shards, in corpus order.
    pub(super) fn shards(&self) -> Vec<ShardInfo> {
        self.layouts
            .iter()
            .map(|l| l.header.shard.clone())
            .collect()
    }

    /// The records of the documents at global `positions` (sorted, distinct), with their ids
    /// or without.
    pub(super) fn records(&self, positions: &[u64], ids: bool) -> Result<Nodes> {
        let mut by_shard: Vec<Vec<u64>> = vec![Vec::new(); self.layouts.len()];
        for &position in positions {
            let shard = self.offsets.partition_point(|&o| o <= position) - 1;
            by_shard[shard].push(position - self.offsets[shard]);
        }
        // Shard after shard, into one table sized for them all: no copy of the records.
        let mut records = Nodes::new(self.dedup().num_perm);
        records.reserve(positions.len());
        for ((local, layout), &offset) in by_shard.iter().zip(&self.layouts).zip(&self.offsets) {
            layout.records(local, offset, ids, &mut records)?;
        }
        Ok(records)
    }

    /// The buckets of `band`: global positions of the documents sharing each band key shared
    /// by two or more, merged from every shard's sorted keys.
    fn buckets(&self, band: usize) -> Result<Buckets> {
        let mut streams = self
            .layouts
            .iter()
            .map(|layout| layout.band(band))
            .collect::<Result<Vec<_>>>()?;
        let mut heap = BinaryHeap::new();
        for (shard, stream) in streams.iter_mut().enumerate() {
            if let Some((key, position)) = stream.next_key()? {
                heap.push(Reverse((
                    key,
                    self.offsets[shard] + u64::from(position),
                    shard,
                )));
            }
        }
        let mut buckets = Buckets::default();
        let mut bucket: Vec<u64> = Vec::new();
        let mut bucket_key = None;
        while let Some(Reverse((key, node, shard))) = heap.pop() {
            if bucket_key != Some(key) {
                buckets.push(&bucket);
                bucket.clear();
                bucket_key = Some(key);
            }
            bucket.push(node);
            if let Some((key, position)) = streams[shard].next_key()? {
                heap.push(Reverse((
                    key,
                    self.offsets[shard] + u64::from(position),
                    shard,
                )));
            }
        }
        buckets.push(&bucket);
        Ok(buckets)
    }
}

/// The buckets of two members or more, one after the other (8 bytes a member, 8 a bucket).
#[derive(Debug, Default)]
struct Buckets {
    members: Vec<u64>,
    ends: Vec<usize>,
}

impl Buckets {
    /// Keeps `bucket` when it has two members or more.
    fn push(&mut self, bucket: &[u64]) {
        if bucket.len() > 1 {
            self.members.extend_from_slice(bucket);
            self.ends.push(self.members.len());
        }
    }

    fn iter(&self) -> impl Iterator<Item = &[u64]> {
        let starts = std::iter::once(0).chain(self.ends.iter().copied());
        starts
            .zip(self.ends.iter().copied())
            .map(|(start, end)| &self.members[start..end])
    }
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
    super::check_stage_output(output)?;
    if let Some(signature) = signatures
        .iter()
        .find(|s| crate::io::same_output(output, s))
    {
        return Err(Error::OutputIsInput {
            output: output.display().to_string(),
            input: signature.display().to_string(),
        });
    }
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
    for edge in &edges {
        out.u64(edge.a);
        out.u64(edge.b);
        out.u8(edge.kind as u8);
        out.f32(edge.similarity);
        if out.0.len() >= CHUNK {
            sink.write("", &std::mem::take(&mut out.0))?;
        }
    }
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
    reader.expect_end()?;
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
