//! Resolving the index into clusters: exact duplicates by key hash, candidates by LSH,
//! verification (Jaccard of the shingle sets, or of the sketches; the template check), union-find,
//! and the kept document of each cluster.

use std::collections::HashSet;

use rayon::prelude::*;

use super::DedupSummary;
use super::cluster::{KeepPolicy, UnionFind};
use super::index::{DedupIndex, VERIFY_CHUNK_BYTES};
use super::minhash::estimate_similarity;
use super::passage::replaced_passage;
use super::resolution::Resolution;
use super::shingle::ShingleSet;
use crate::error::Result;

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

/// One cluster of near-duplicates.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Cluster {
    /// Input position (from 0) of its first document of this run.
    pub(super) number: u64,
    /// Members, the kept one and any earlier document included.
    pub(super) size: u32,
    /// The kept member (a node at or past the number of documents is an earlier document).
    pub(super) kept: u32,
    /// The documents of this run that are duplicates, with their similarity to the kept one.
    pub(super) duplicates: Vec<(u32, f32)>,
}

impl DedupIndex {
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
