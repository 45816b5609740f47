//! A corpus as the sharded stages see it: its shards' signature files, opened and checked
//! against each other, with each shard's place in the corpus; and the records of the
//! documents in pairs, in columns.

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::path::PathBuf;

use rayon::prelude::*;

use super::signatures::{Layout, ShardInfo};
use crate::dedup::{Banding, DedupConfig};
use crate::error::{Error, Result};

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

    pub(super) fn dedup(&self) -> &DedupConfig {
        &self.layouts[0].header.dedup
    }

    pub(super) fn banding(&self) -> Banding {
        self.layouts[0].header.banding
    }

    /// The shards, in corpus order.
    pub(super) fn shards(&self) -> Vec<ShardInfo> {
        self.layouts
            .iter()
            .map(|l| l.header.shard.clone())
            .collect()
    }

    /// The shard holding the document at global `position`.
    pub(super) fn shard_of(&self, position: u64) -> usize {
        self.offsets.partition_point(|&o| o <= position) - 1
    }

    /// The records of the documents at global `positions` (sorted, distinct), with their ids
    /// or without.
    pub(super) fn records(&self, positions: &[u64], ids: bool) -> Result<Nodes> {
        let mut by_shard: Vec<Vec<u64>> = vec![Vec::new(); self.layouts.len()];
        for &position in positions {
            let shard = self.shard_of(position);
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
    pub(super) fn buckets(&self, band: usize) -> Result<Buckets> {
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
pub(super) struct Buckets {
    pub(super) members: Vec<u64>,
    ends: Vec<usize>,
}

impl Buckets {
    /// Keeps `bucket` when it has two members or more.
    pub(super) fn push(&mut self, bucket: &[u64]) {
        if bucket.len() > 1 {
            self.members.extend_from_slice(bucket);
            self.ends.push(self.members.len());
        }
    }

    pub(super) fn iter(&self) -> impl Iterator<Item = &[u64]> {
        let starts = std::iter::once(0).chain(self.ends.iter().copied());
        starts
            .zip(self.ends.iter().copied())
            .map(|(start, end)| &self.members[start..end])
    }
}
