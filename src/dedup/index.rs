//! The corpus-wide state of near-duplicate detection: a few hundred bytes per document, pushed in
//! input order, then resolved into clusters.

use std::collections::HashSet;

use rayon::prelude::*;
use serde_json::Value;

use super::cluster::{KeepPolicy, UnionFind, date_rank};
use super::keys::KeyStore;
use super::lsh::Banding;
use super::minhash::{Signature, Signer, estimate_similarity};
use super::passage::replaced_passage;
use super::saved::{IndexSettings, SavedIndex};
use super::shingle::{ShingleSet, Shingler};
use super::{DedupConfig, DedupSummary, Verify};
use crate::document::Document;
use crate::error::Result;

/// Documents per chunk of sketches.
const SKETCH_CHUNK_DOCS: usize = 1 << 16;

/// Fold keys verified together hold at most this many bytes (their shingle sets about 8×).
const VERIFY_CHUNK_BYTES: usize = 16 << 20;

/// What [`DedupIndex::push`] needs of one document; made by [`DedupIndex::entry`] on any
/// thread.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The document's id.
    pub id: String,
    /// Its fold key (kept for exact verification).
    pub key: String,
    /// Its signature; `None` when the key is empty.
    pub signature: Option<Signature>,
    /// Text length in bytes, for `--keep longest`.
    pub length: usize,
    /// [`date_rank`] of its `date` field, for `--keep newest`.
    pub date: u64,
}

/// Makes [`Entry`]s for a [`DedupIndex`], on any thread.
#[derive(Debug, Clone, Copy)]
pub struct EntryMaker {
    signer: Signer,
}

impl EntryMaker {
    /// The entry of `doc`: fold key, signature, length and date rank.
    pub fn entry(&self, doc: &Document) -> Entry {
        let (key, signature) = self.signer.sign_text(&doc.text);
        Entry {
            id: doc.id.clone(),
            key,
            signature,
            length: doc.text.len(),
            date: doc.meta.get("date").map_or(0, date_rank),
        }
    }
}

/// A candidate's shingle set, and its fold key when the template check needs it.
struct Shingled {
    set: ShingleSet,
    key: Option<Box<str>>,
}

/// A candidate pair's similarity, and whether the two hold different passages at one place.
#[derive(Debug, Clone, Copy)]
struct Similarity {
    value: f64,
    replaced_passage: bool,
}

/// Signatures of a corpus, in input order, and the settings to compare them.
#[derive(Debug)]
pub struct DedupIndex {
    config: DedupConfig,
    signer: Signer,
    banding: Banding,
    /// Every id, one after the other (`id_ends` says where each ends).
    ids: String,
    id_ends: Vec<u64>,
    signed: Vec<bool>,
    exact: Vec<u128>,
    /// Sketches, in chunks of [`SKETCH_CHUNK_DOCS`] documents (a growing corpus never copies
    /// them all to a larger buffer).
    sketches: Vec<Vec<u8>>,
    lengths: Vec<u32>,
    dates: Vec<u64>,
    keys: Option<KeyStore>,
    earlier: SavedIndex,
}

impl DedupIndex {
    /// An empty index for `config` (assumed valid: see [`DedupConfig::validate`]).
    pub fn new(config: &DedupConfig) -> Self {
        let seed = config.effective_seed();
        let shingler = Shingler::new(config.shingle, config.ngram, seed);
        DedupIndex {
            config: config.clone(),
            signer: Signer::new(shingler, config.num_perm, seed).with_numbers(config.numbers),
            banding: config.banding(),
            ids: String::new(),
            id_ends: Vec::new(),
            signed: Vec::new(),
            exact: Vec::new(),
            sketches: Vec::new(),
            lengths: Vec::new(),
            dates: Vec::new(),
            keys: (config.verify == Verify::Exact).then(KeyStore::default),
            earlier: SavedIndex::default(),
        }
    }

    /// The settings a saved index must share with this one.
    pub fn settings(&self) -> IndexSettings {
        IndexSettings {
            slots: self.config.num_perm as u32,
            shingle: self.config.shingle,
            ngram: self.config.ngram as u32,
            seed: self.config.effective_seed(),
        }
    }

    /// The chosen banding.
    pub fn banding(&self) -> Banding {
        self.banding
    }

    /// Number of documents pushed.
    pub fn len(&self) -> usize {
        self.signed.len()
    }

    /// Whether no document was pushed.
    pub fn is_empty(&self) -> bool {
        self.signed.is_empty()
    }

    /// Documents of an earlier run to deduplicate against: a new document matching one of them
    /// is the duplicate, and they are never reported as duplicates themselves.
    pub fn against(&mut self, earlier: SavedIndex) {
        self.earlier = earlier;
    }

    /// The entry of `doc` (fold key, signature, length, date): the costly part, for any thread.
    pub fn entry(&self, doc: &Document) -> Entry {
        self.entry_maker().entry(doc)
    }

    /// What makes entries, apart from the index (so documents can be signed while the index
    /// takes the entries of earlier ones).
    pub fn entry_maker(&self) -> EntryMaker {
        EntryMaker {
            signer: self.signer,
        }
    }

    /// Appends the next document.
    pub fn push(&mut self, entry: Entry) -> Result<()> {
        if let Some(keys) = &mut self.keys {
            keys.push(&entry.key)?;
        }
        self.ids.push_str(&entry.id);
        self.id_ends.push(self.ids.len() as u64);
        let k = self.config.num_perm;
        if self.signed.len().is_multiple_of(SKETCH_CHUNK_DOCS) {
            self.sketches
                .push(Vec::with_capacity(SKETCH_CHUNK_DOCS * k));
        }
        let chunk = self.sketches.last_mut().expect("a chunk was just ensured");
        match entry.signature {
            Some(signature) => {
                self.signed.push(true);
                self.exact.push(signature.exact);
                chunk.extend_from_slice(&signature.sketch);
            }
            None => {
                self.signed.push(false);
                self.exact.push(0);
                chunk.resize(chunk.len() + k, 0);
            }
        }
        self.lengths
            .push(u32::try_from(entry.length).unwrap_or(u32::MAX));
        self.dates.push(entry.date);
        Ok(())
    }

    /// Bytes of memory held per document (ids at their actual length).
    pub fn bytes_per_document(&self) -> u64 {
        let n = self.len().max(1) as u64;
        let fixed = (self.config.num_perm + 16 + 1 + 4 + 8 + 8) as u64
            + if self.keys.is_some() { 8 } else { 0 }
            + 4; // cluster lookup after resolution
        fixed + self.ids.len() as u64 / n
    }

    fn id(&self, doc: u32) -> &str {
        let end = self.id_ends[doc as usize] as usize;
        let start = match doc {
            0 => 0,
            _ => self.id_ends[doc as usize - 1] as usize,
        };
        &self.ids[start..end]
    }

    fn sketch(&self, node: u32) -> &[u8] {
        let k = self.config.num_perm;
        match (node as usize).checked_sub(self.len()) {
            None => {
                let (chunk, i) = (
                    node as usize / SKETCH_CHUNK_DOCS,
                    node as usize % SKETCH_CHUNK_DOCS,
                );
                &self.sketches[chunk][i * k..(i + 1) * k]
            }
            Some(old) => &self.earlier.sketches[old * k..(old + 1) * k],
        }
    }

    fn exact(&self, node: u32) -> u128 {
        match (node as usize).checked_sub(self.len()) {
            None => self.exact[node as usize],
            Some(old) => self.earlier.exact[old],
        }
    }

    fn is_earlier(&self, node: u32) -> bool {
        node as usize >= self.len()
    }

    /// Similarity of each pair (sorted by `(a, b)`): exact Jaccard of the shingle sets when
    /// verification is exact and both are documents of this run, the sketch estimate otherwise.
    /// `kept` holds the shingle sets of the last chunk of pairs, sorted by node, for the next
    /// call to reuse.
    fn similarities(
        &self,
        pairs: &[(u32, u32)],
        kept: &mut Vec<(u32, Shingled)>,
    ) -> Result<Vec<Similarity>> {
        let estimate = |a: u32, b: u32| Similarity {
            value: estimate_similarity(self.sketch(a), self.sketch(b)),
            replaced_passage: false,
        };
        let Some(keys) = self.keys.as_ref() else {
            return Ok(pairs.par_iter().map(|&(a, b)| estimate(a, b)).collect());
        };
        let min_replaced = self.config.min_replaced_chars;
        let mut similarities = Vec::with_capacity(pairs.len());
        let mut start = 0;
        while start < pairs.len() {
            // A chunk of pairs whose keys fit the budget, then their shingle sets, once each.
            let mut nodes = HashSet::new();
            let mut bytes = 0usize;
            let mut end = start;
            while end < pairs.len() && (bytes < VERIFY_CHUNK_BYTES || end == start) {
                for node in [pairs[end].0, pairs[end].1] {
                    if !self.is_earlier(node) && nodes.insert(node) {
                        bytes += keys.len_of(node);
                    }
                }
                end += 1;
            }
            let mut nodes: Vec<u32> = nodes.into_iter().collect();
            nodes.sort_unstable();
            // Sets of the last chunk that this one needs again move over; the others go first.
            let shingler = self.signer.shingler();
            let mut known = std::mem::take(kept);
            known.retain(|(node, _)| nodes.binary_search(node).is_ok());
            let mut known = known.into_iter().peekable();
            let mut slots: Vec<Option<Shingled>> = nodes
                .iter()
                .map(|&node| known.next_if(|(k, _)| *k == node).map(|(_, set)| set))
                .collect();
            drop(known);
            slots
                .par_iter_mut()
                .zip(nodes.par_iter())
                .filter(|(slot, _)| slot.is_none())
                .try_for_each(|(slot, &node)| -> Result<()> {
                    let key = keys.get(node)?;
                    *slot = Some(Shingled {
                        set: shingler.set(&key),
                        key: (min_replaced > 0).then(|| key.into()),
                    });
                    Ok(())
                })?;
            let sets: Vec<Shingled> = slots.into_iter().flatten().collect();
            let set = |node: u32| nodes.binary_search(&node).ok().map(|i| &sets[i]);
            let threshold = self.config.threshold;
            similarities.par_extend(pairs[start..end].par_iter().map(|&(a, b)| {
                match (set(a), set(b)) {
                    (Some(sa), Some(sb)) => {
                        let value = sa.set.jaccard(&sb.set);
                        let replaced_passage = value >= threshold
                            && match (&sa.key, &sb.key) {
                                (Some(ka), Some(kb)) => {
                                    replaced_passage(ka, kb, min_replaced).is_some()
                                }
                                _ => false,
                            };
                        Similarity {
                            value,
                            replaced_passage,
                        }
                    }
                    _ => estimate(a, b),
                }
            }));
            *kept = nodes.into_iter().zip(sets).collect();
            start = end;
        }
        Ok(similarities)
    }

    /// Finds the clusters: exact duplicates by key hash, candidates by LSH, candidates verified
    /// against the threshold, union-find, then the kept document of each cluster. Runs on the
    /// current rayon pool.
    pub fn resolve(mut self) -> Result<Resolution> {
        if let Some(keys) = &mut self.keys {
            keys.finish()?;
        }
        let n = self.len();
        let total = n + self.earlier.len();
        let mut summary = DedupSummary::new(&self.config, self.banding);
        summary.documents = n as u64;
        summary.unsigned = self.signed.iter().filter(|s| !**s).count() as u64;
        summary.earlier_documents = self.earlier.len() as u64;
        summary.bytes_per_document = self.bytes_per_document();
        let mut union = UnionFind::new(total);

        // Exact duplicates: equal key hashes. One representative of each goes on to LSH.
        // (Sorted as 4-byte node numbers, not hash-node pairs: 4 bytes a document, not 32.)
        let mut by_hash: Vec<u32> = (0..total as u32)
            .filter(|&node| self.is_earlier(node) || self.signed[node as usize])
            .collect();
        by_hash.par_sort_unstable_by_key(|&node| (self.exact(node), node));
        let mut representatives = Vec::new();
        for group in by_hash.chunk_by(|&a, &b| self.exact(a) == self.exact(b)) {
            representatives.push(group[0]);
            for &other in &group[1..] {
                union.union(group[0], other);
            }
        }
        drop(by_hash);

        let candidates: Vec<(u32, u32)> = self
            .banding
            .candidate_pairs(&representatives, |node| self.sketch(node))
            .into_iter()
            .filter(|&(a, _)| !self.is_earlier(a)) // a < b: both earlier when a is
            .collect();
        drop(representatives);
        summary.candidate_pairs = candidates.len() as u64;
        let mut sets = Vec::new();
        let similarities = self.similarities(&candidates, &mut sets)?;
        // Verified pairs and their similarity, sorted: most (kept, duplicate) pairs are among them.
        let mut verified: Vec<((u32, u32), f32)> = Vec::new();
        for (&(a, b), similarity) in candidates.iter().zip(similarities) {
            if similarity.value < self.config.threshold {
                summary.rejected_pairs += 1;
            } else if similarity.replaced_passage {
                summary.replaced_passage_pairs += 1;
            } else {
                union.union(a, b);
                verified.push(((a, b), similarity.value as f32));
                summary.verified_pairs += 1;
            }
        }
        drop(candidates);

        // Members of every cluster with a document of this run and at least two members.
        let roots: Vec<u32> = (0..total as u32).map(|node| union.find(node)).collect();
        let mut sizes = vec![0u32; total];
        for &root in &roots {
            sizes[root as usize] += 1;
        }
        let mut members: Vec<(u32, u32)> = roots
            .iter()
            .enumerate()
            .filter(|(_, root)| sizes[**root as usize] > 1)
            .map(|(node, &root)| (root, node as u32))
            .collect();
        drop(roots);
        drop(sizes);
        members.sort_unstable();
        let mut clusters = Vec::new();
        let mut pending = Vec::new();
        for group in members.chunk_by(|a, b| a.0 == b.0) {
            let nodes: Vec<u32> = group.iter().map(|m| m.1).collect();
            if self.is_earlier(nodes[0]) {
                continue; // only documents of earlier runs
            }
            let kept = self.kept_of(&nodes);
            for &node in nodes.iter().filter(|&&node| node != kept) {
                if !self.is_earlier(node) {
                    pending.push((kept.min(node), kept.max(node)));
                }
            }
            clusters.push(Cluster {
                number: u64::from(nodes[0]),
                size: nodes.len() as u32,
                kept,
                duplicates: nodes
                    .into_iter()
                    .filter(|&node| node != kept && !self.is_earlier(node))
                    .map(|node| (node, 0.0))
                    .collect(),
            });
        }
        drop(members);

        // Similarity of each duplicate to the document kept in its place: 1 for equal keys, the
        // verified similarity when the pair was a candidate, else measured now.
        let exact_pair = |&(a, b): &(u32, u32)| self.exact(a) == self.exact(b);
        let known = |pair: &(u32, u32)| verified.binary_search_by_key(pair, |v| v.0).ok();
        pending.retain(|pair| !exact_pair(pair) && known(pair).is_none());
        pending.sort_unstable();
        let to_measure = pending;
        let measured = self.similarities(&to_measure, &mut sets)?;
        drop(sets);
        let mut cluster_of = vec![u32::MAX; n];
        for (index, cluster) in clusters.iter_mut().enumerate() {
            if self.is_earlier(cluster.kept) {
                summary.matched_earlier += cluster.duplicates.len() as u64;
            } else {
                cluster_of[cluster.kept as usize] = index as u32;
            }
            for (node, similarity) in &mut cluster.duplicates {
                cluster_of[*node as usize] = index as u32;
                let pair = (cluster.kept.min(*node), cluster.kept.max(*node));
                *similarity = if exact_pair(&pair) {
                    summary.exact_duplicates += 1;
                    1.0
                } else {
                    summary.near_duplicates += 1;
                    match known(&pair) {
                        Some(i) => verified[i].1,
                        None => measured[to_measure.binary_search(&pair).unwrap_or(0)].value as f32,
                    }
                };
            }
        }
        summary.clusters = clusters.len() as u64;
        summary.duplicates = summary.exact_duplicates + summary.near_duplicates;
        Ok(Resolution {
            index: self,
            clusters,
            cluster_of,
            summary,
        })
    }

    /// The member a cluster keeps: a document of an earlier run if there is one, else by the
    /// keep policy, ties to the one read first. `nodes` is sorted.
    fn kept_of(&self, nodes: &[u32]) -> u32 {
        if let Some(&earlier) = nodes.iter().find(|&&node| self.is_earlier(node)) {
            return earlier;
        }
        let best = |rank: &dyn Fn(u32) -> u64| {
            // max_by_key keeps the last maximum: iterate in reverse for the first.
            *nodes
                .iter()
                .rev()
                .max_by_key(|&&node| rank(node))
                .unwrap_or(&nodes[0])
        };
        match self.config.keep {
            KeepPolicy::First => nodes[0],
            KeepPolicy::Longest => best(&|node| u64::from(self.lengths[node as usize])),
            KeepPolicy::Newest => best(&|node| self.dates[node as usize]),
        }
    }
}

/// One cluster of near-duplicates.
#[derive(Debug, Clone, PartialEq)]
struct Cluster {
    /// Input position (from 0) of its first document of this run.
    number: u64,
    /// Members, the kept one and any earlier document included.
    size: u32,
    /// The kept member (a node at or past the number of documents is an earlier document).
    kept: u32,
    /// The documents of this run that are duplicates, with their similarity to the kept one.
    duplicates: Vec<(u32, f32)>,
}

/// What became of one document.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Fate<'a> {
    /// No near-duplicate.
    Unique,
    /// Kept in place of its duplicates.
    Kept(ClusterView<'a>),
    /// A duplicate of the kept document of its cluster.
    Duplicate {
        /// Its cluster.
        cluster: ClusterView<'a>,
        /// Similarity to the kept document (1 for an exact duplicate).
        similarity: f64,
    },
}

/// A cluster as seen from one of its documents.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ClusterView<'a> {
    /// Input position (from 0) of the cluster's first document of this run.
    pub number: u64,
    /// Number of documents in the cluster (an earlier document it matched included).
    pub size: u64,
    /// Id of the kept document.
    pub kept: &'a str,
    /// Whether the kept document comes from the `--against` index.
    pub kept_from_index: bool,
}

/// The clusters of a corpus: which documents are duplicates of which.
#[derive(Debug)]
pub struct Resolution {
    index: DedupIndex,
    clusters: Vec<Cluster>,
    cluster_of: Vec<u32>,
    summary: DedupSummary,
}

/// One line of the duplicates report.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ReportLine<'a> {
    /// Input position (from 0) of the cluster's first document of this run.
    pub cluster: u64,
    /// Number of documents in the cluster, the kept one included.
    pub size: u64,
    /// Id of the kept document.
    pub kept: &'a str,
    /// Present with `--against`: whether the kept document is from the earlier index.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kept_from_index: Option<bool>,
    /// The duplicates, in input order.
    pub duplicates: Vec<ReportDuplicate<'a>>,
}

/// A duplicate in a [`ReportLine`].
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ReportDuplicate<'a> {
    /// Its id.
    pub id: &'a str,
    /// Its similarity to the kept document, rounded to 4 decimals.
    pub similarity: f64,
}

impl Resolution {
    /// Counters and settings for the stats.
    pub fn summary(&self) -> &DedupSummary {
        &self.summary
    }

    /// Number of documents resolved.
    pub fn len(&self) -> usize {
        self.cluster_of.len()
    }

    /// Whether there were none.
    pub fn is_empty(&self) -> bool {
        self.cluster_of.is_empty()
    }

    fn view(&self, cluster: &Cluster) -> ClusterView<'_> {
        let kept_from_index = self.index.is_earlier(cluster.kept);
        let kept = if kept_from_index {
            &self.index.earlier.ids[cluster.kept as usize - self.index.len()]
        } else {
            self.index.id(cluster.kept)
        };
        ClusterView {
            number: cluster.number,
            size: u64::from(cluster.size),
            kept,
            kept_from_index,
        }
    }

    /// What became of document `doc` (its input position among the documents pushed).
    pub fn fate(&self, doc: usize) -> Fate<'_> {
        let Some(cluster) = self
            .cluster_of
            .get(doc)
            .and_then(|&c| self.clusters.get(c as usize))
        else {
            return Fate::Unique;
        };
        let view = self.view(cluster);
        if cluster.kept as usize == doc {
            return Fate::Kept(view);
        }
        // Duplicates are in input order.
        let similarity = cluster
            .duplicates
            .binary_search_by_key(&(doc as u32), |d| d.0)
            .map_or(0.0, |i| f64::from(cluster.duplicates[i].1));
        Fate::Duplicate {
            cluster: view,
            similarity,
        }
    }

    /// Whether document `doc` is a duplicate (not written unless annotating).
    pub fn is_duplicate(&self, doc: usize) -> bool {
        matches!(self.fate(doc), Fate::Duplicate { .. })
    }

    /// The report: one line per cluster, in order of the cluster's first document.
    pub fn report(&self) -> impl Iterator<Item = ReportLine<'_>> {
        let against = !self.index.earlier.is_empty();
        self.clusters.iter().map(move |cluster| {
            let view = self.view(cluster);
            ReportLine {
                cluster: view.number,
                size: view.size,
                kept: view.kept,
                kept_from_index: against.then_some(view.kept_from_index),
                duplicates: cluster
                    .duplicates
                    .iter()
                    .map(|&(node, similarity)| ReportDuplicate {
                        id: self.index.id(node),
                        similarity: (f64::from(similarity) * 1e4).round() / 1e4,
                    })
                    .collect(),
            }
        })
    }

    /// The settings an index saved from this run records.
    pub fn index_settings(&self) -> IndexSettings {
        self.index.settings()
    }

    /// Calls `each` with the id, exact hash and sketch of every document a saved index holds
    /// (every earlier document, then this run's kept ones with a signature), in that order.
    pub fn index_entries(
        &self,
        mut each: impl FnMut(&str, u128, &[u8]) -> Result<()>,
    ) -> Result<()> {
        let index = &self.index;
        let k = index.config.num_perm;
        for (i, id) in index.earlier.ids.iter().enumerate() {
            each(
                id,
                index.earlier.exact[i],
                &index.earlier.sketches[i * k..(i + 1) * k],
            )?;
        }
        for doc in 0..index.len() {
            if index.signed[doc] && !self.is_duplicate(doc) {
                let node = doc as u32;
                each(index.id(node), index.exact(node), index.sketch(node))?;
            }
        }
        Ok(())
    }

    /// The annotation fields `--annotate` adds to document `doc`: `dup_cluster` (input position
    /// of the cluster's first document; its own for a unique document), `dup_size` and
    /// `dup_kept` (id of the kept document).
    pub fn annotation(&self, doc: usize, own_id: &str) -> [(&'static str, Value); 3] {
        let (number, size, kept) = match self.fate(doc) {
            Fate::Unique => (doc as u64, 1, own_id.to_owned()),
            Fate::Kept(c) | Fate::Duplicate { cluster: c, .. } => {
                (c.number, c.size, c.kept.to_owned())
            }
        };
        [
            ("dup_cluster", Value::from(number)),
            ("dup_size", Value::from(size)),
            ("dup_kept", Value::from(kept)),
        ]
    }
}
