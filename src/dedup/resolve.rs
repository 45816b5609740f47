//! Resolving the index into clusters: exact duplicates by key hash, candidates by LSH,
//! verification (Jaccard of the shingle sets, or of the sketches; the template check), union-find,
//! and the kept document of each cluster.

use std::borrow::Cow;
use std::sync::OnceLock;

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};

use super::DedupSummary;
use super::cluster::{KeepPolicy, UnionFind};
use super::index::{DedupIndex, VERIFY_CHUNK_SET_BYTES};
use super::keys::KeyStore;
use super::minhash::estimate_similarity;
use super::passage::{Words, replaced_passage_in_words};
use super::resolution::Resolution;
use super::shingle::ShingleSet;
use crate::error::Result;

/// A candidate's shingle set, and its fold key when the template check needs it.
struct Shingled<'k> {
    set: ShingleSet,
    key: Option<Cow<'k, str>>,
}

/// A candidate pair's similarity, and whether the two hold different passages at one place.
#[derive(Debug, Clone, Copy)]
struct Similarity {
    value: f64,
    replaced_passage: bool,
    /// At or above the threshold, its documents already linked by the pairs before it in its
    /// group: not template-checked (whatever the check would say, the clusters are the same).
    linked: bool,
}

/// Which pairs at or above the threshold get the template check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Templates {
    /// Those whose documents the pairs before them in their group have not linked yet (the
    /// candidate pairs, which make the clusters).
    Unlinked,
    /// None (pairs measured only for the similarity the report shows).
    Skip,
}

/// The documents a group's pairs have linked so far (pairs at or above the threshold without a
/// replaced passage): a union-find over the group's documents.
struct GroupLinks {
    nodes: Vec<u32>,
    union: UnionFind,
}

impl GroupLinks {
    fn new(pairs: &[(u32, u32)], group: &[usize]) -> Self {
        let mut nodes: Vec<u32> = group
            .iter()
            .flat_map(|&i| [pairs[i].0, pairs[i].1])
            .collect();
        nodes.sort_unstable();
        nodes.dedup();
        let union = UnionFind::new(nodes.len());
        GroupLinks { nodes, union }
    }

    fn local(&self, node: u32) -> u32 {
        self.nodes.binary_search(&node).unwrap_or(0) as u32
    }

    /// Whether the pairs added so far link `a` and `b`.
    fn linked(&mut self, a: u32, b: u32) -> bool {
        let (a, b) = (self.local(a), self.local(b));
        self.union.find(a) == self.union.find(b)
    }

    /// Adds `pair`, whose similarity is `found`: it links its documents as clustering will.
    fn add(&mut self, (a, b): (u32, u32), found: &Similarity, threshold: f64) {
        if found.value >= threshold && !found.replaced_passage {
            let (a, b) = (self.local(a), self.local(b));
            self.union.union(a, b);
        }
    }
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
    /// Similarity of each pair: exact Jaccard of the shingle sets when verification is exact
    /// and both are documents of this run, the sketch estimate otherwise.
    ///
    /// The pairs are taken a connected group at a time (documents linked by pairs): each
    /// group's shingle sets are made once, used and dropped, so the sets alive at once are
    /// those of the groups in hand, not of every candidate.
    fn similarities(&self, pairs: &[(u32, u32)], templates: Templates) -> Result<Vec<Similarity>> {
        self.similarities_sharing_from(
            pairs,
            PARALLEL_GROUP_BYTES,
            VERIFY_CHUNK_SET_BYTES,
            templates,
        )
    }

    /// [`DedupIndex::similarities`], a group shared out among the threads from `shared_from`
    /// bytes of keys, its shingle sets made `chunk_bytes` at a time.
    fn similarities_sharing_from(
        &self,
        pairs: &[(u32, u32)],
        shared_from: usize,
        chunk_bytes: usize,
        templates: Templates,
    ) -> Result<Vec<Similarity>> {
        let Some(keys) = self.keys.as_ref() else {
            return Ok(pairs
                .par_iter()
                .map(|&(a, b)| self.estimated(a, b))
                .collect());
        };
        let groups = linked_groups(pairs);
        let measured: Vec<Vec<Similarity>> = groups
            .par_iter()
            .map(|group| {
                self.group_similarities(keys, pairs, group, (shared_from, chunk_bytes), templates)
            })
            .collect::<Result<_>>()?;
        let mut similarities = vec![
            Similarity {
                value: 0.0,
                replaced_passage: false,
                linked: false,
            };
            pairs.len()
        ];
        for (group, measured) in groups.iter().zip(measured) {
            for (&pair, similarity) in group.iter().zip(measured) {
                similarities[pair] = similarity;
            }
        }
        Ok(similarities)
    }

    /// The sketch estimate of a pair's similarity.
    fn estimated(&self, a: u32, b: u32) -> Similarity {
        Similarity {
            value: estimate_similarity(self.sketch(a), self.sketch(b)),
            replaced_passage: false,
            linked: false,
        }
    }

    /// Similarities of the pairs numbered `group` (one connected group), in that order: the
    /// group's keys (from `keys`) a chunk of pairs at a time, their shingle sets made once each
    /// chunk and within `chunk_bytes` ([`ShingleSet::bytes_for`] their keys, and the keys);
    /// shared out among the threads when a chunk's keys reach `shared_from` bytes.
    fn group_similarities(
        &self,
        keys: &KeyStore,
        pairs: &[(u32, u32)],
        group: &[usize],
        (shared_from, chunk_bytes): (usize, usize),
        templates: Templates,
    ) -> Result<Vec<Similarity>> {
        let min_replaced = self.config.min_replaced_chars;
        let threshold = self.config.threshold;
        let shingler = self.signer.shingler();
        let mut similarities = Vec::with_capacity(group.len());
        let mut links = GroupLinks::new(pairs, group);
        let mut start = 0;
        while start < group.len() {
            // A chunk of pairs whose shingle sets fit the budget, then the sets, once each.
            let mut nodes = FxHashSet::default();
            let (mut bytes, mut held) = (0usize, 0usize);
            let mut end = start;
            while end < group.len() && (held < chunk_bytes || end == start) {
                let (a, b) = pairs[group[end]];
                for node in [a, b] {
                    if !self.is_earlier(node) && nodes.insert(node) {
                        let key = keys.len_of(node);
                        bytes += key;
                        held += key + ShingleSet::bytes_for(key);
                    }
                }
                end += 1;
            }
            let mut nodes: Vec<u32> = nodes.into_iter().collect();
            nodes.sort_unstable();
            let shingled = |&node: &u32| -> Result<Shingled> {
                let key = keys.get(node)?;
                Ok(Shingled {
                    set: shingler.set(&key),
                    key: (min_replaced > 0).then_some(key),
                })
            };
            // A small group is one task of the parallel walk over groups; a large one is
            // shared out too.
            let large = bytes >= shared_from;
            let sets: Vec<Shingled> = if large {
                nodes.par_iter().map(shingled).collect::<Result<_>>()?
            } else {
                nodes.iter().map(shingled).collect::<Result<_>>()?
            };
            // Each key is split into words once, when a template check first needs it.
            let split: Vec<OnceLock<Words>> = sets.iter().map(|_| OnceLock::new()).collect();
            let position = |node: u32| nodes.binary_search(&node).ok();
            // A pair's similarity; the template check only where `unlinked` says the pair may
            // still join two clusters.
            let similarity = |i: usize, unlinked: &mut dyn FnMut(u32, u32) -> bool| {
                let (a, b) = pairs[i];
                let (Some(pa), Some(pb)) = (position(a), position(b)) else {
                    return self.estimated(a, b);
                };
                let (sa, sb) = (&sets[pa], &sets[pb]);
                let mut similarity = Similarity {
                    value: sa.set.jaccard(&sb.set),
                    replaced_passage: false,
                    linked: false,
                };
                let (Some(ka), Some(kb)) = (&sa.key, &sb.key) else {
                    return similarity;
                };
                if similarity.value < threshold || ka == kb || templates == Templates::Skip {
                    return similarity;
                }
                if !unlinked(a, b) {
                    similarity.linked = true;
                    return similarity;
                }
                let words_a = split[pa].get_or_init(|| Words::of(ka));
                let words_b = split[pb].get_or_init(|| Words::of(kb));
                similarity.replaced_passage =
                    replaced_passage_in_words(ka, words_a, kb, words_b, min_replaced).is_some();
                similarity
            };
            let chunk = &group[start..end];
            if large {
                // Every pair checked: which pairs the others link would depend on their order.
                similarities.par_extend(chunk.par_iter().map(|&i| similarity(i, &mut |_, _| true)));
                for (&i, found) in chunk.iter().zip(&similarities[start..]) {
                    links.add(pairs[i], found, threshold);
                }
            } else {
                for &i in chunk {
                    let found = similarity(i, &mut |a, b| !links.linked(a, b));
                    links.add(pairs[i], &found, threshold);
                    similarities.push(found);
                }
            }
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
        // The representative of each copy of this run: equal keys have equal shingle sets and
        // sketches, so a copy is as similar to a document as its representative is. (Earlier
        // documents have no key here: their similarities are sketch estimates.)
        let mut representatives = Vec::new();
        let mut copy_of: FxHashMap<u32, u32> = FxHashMap::default();
        for group in by_hash.chunk_by(|&a, &b| self.exact(a) == self.exact(b)) {
            representatives.push(group[0]);
            for &other in &group[1..] {
                union.union(group[0], other);
                if !self.is_earlier(other) {
                    copy_of.insert(other, group[0]);
                }
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
        let similarities = self.similarities(&candidates, Templates::Unlinked)?;
        // Every candidate's similarity is kept (sorted like the candidates): most (kept,
        // duplicate) pairs are candidates, or copies of candidates' documents.
        let mut candidate_values = Vec::with_capacity(candidates.len());
        for (&(a, b), similarity) in candidates.iter().zip(similarities) {
            if similarity.value < self.config.threshold {
                summary.rejected_pairs += 1;
            } else if similarity.replaced_passage {
                summary.replaced_passage_pairs += 1;
            } else if similarity.linked {
                summary.linked_pairs += 1;
            } else {
                union.union(a, b);
                summary.verified_pairs += 1;
            }
            candidate_values.push(similarity.value as f32);
        }

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
        // candidate's similarity when the pair, or the pair of their representatives, was a
        // candidate, else measured now.
        let exact_pair = |&(a, b): &(u32, u32)| self.exact(a) == self.exact(b);
        let representative = |node: u32| copy_of.get(&node).copied().unwrap_or(node);
        let known = |&(a, b): &(u32, u32)| {
            let (a, b) = (representative(a), representative(b));
            candidates
                .binary_search(&(a.min(b), a.max(b)))
                .ok()
                .map(|i| candidate_values[i])
        };
        pending.retain(|pair| !exact_pair(pair) && known(pair).is_none());
        pending.sort_unstable();
        let to_measure = pending;
        let measured = self.similarities(&to_measure, Templates::Skip)?;
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
                        Some(value) => value,
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

/// Keys of a group, in bytes, from which its sets and pairs are shared out among the threads
/// rather than taken by one.
const PARALLEL_GROUP_BYTES: usize = 1 << 20;

/// The pairs' numbers in groups linked by shared documents (the connected components of the
/// graph the pairs draw), each group in pair order, the groups in the order of their first pair.
fn linked_groups(pairs: &[(u32, u32)]) -> Vec<Vec<usize>> {
    let mut nodes: Vec<u32> = pairs.iter().flat_map(|&(a, b)| [a, b]).collect();
    nodes.par_sort_unstable();
    nodes.dedup();
    let local = |node: u32| nodes.binary_search(&node).unwrap_or(0) as u32;
    let mut union = UnionFind::new(nodes.len());
    for &(a, b) in pairs {
        union.union(local(a), local(b));
    }
    let mut group_of_root = vec![u32::MAX; nodes.len()];
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for (i, &(a, _)) in pairs.iter().enumerate() {
        let root = union.find(local(a)) as usize;
        if group_of_root[root] == u32::MAX {
            group_of_root[root] = groups.len() as u32;
            groups.push(Vec::new());
        }
        groups[group_of_root[root] as usize].push(i);
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dedup::DedupConfig;
    use crate::document::Document;

    #[test]
    fn pairs_are_grouped_by_the_documents_they_link() {
        // 1–4–9 linked through 4 (and 9–1 again), 2–3 on their own, 7–8 on their own; earlier
        // documents (large numbers) link like any other.
        let pairs = [(1, 4), (2, 3), (4, 9), (7, 8), (1, 9), (8, 4_000_000)];
        assert_eq!(
            linked_groups(&pairs),
            vec![vec![0, 2, 4], vec![1], vec![3, 5]]
        );
        assert!(linked_groups(&[]).is_empty());
    }

    #[test]
    fn a_duplicate_of_a_kept_copy_gets_the_similarity_of_its_text() {
        // The kept document (the longest) is a copy of the first with the same fold key; the
        // edited one was a candidate of the first only. Its similarity to the kept copy is
        // that of their keys, whether read from the candidate pair or measured again.
        use crate::dedup::KeepPolicy;
        let first = "Le conseil municipal de Lyon a voté mardi soir le budget de la commune après \
                     un long débat sur les écoles, la voirie et les transports en commun.";
        let copy = format!("« {first} » !!!");
        let edited = first.replace("mardi soir", "mercredi matin");
        let config = DedupConfig {
            keep: KeepPolicy::Longest,
            ..DedupConfig::default()
        };
        let mut index = DedupIndex::new(&config);
        for (id, text) in [
            ("first", first.to_string()),
            ("edited", edited),
            ("copy", copy),
        ] {
            let entry = index.entry(&Document::new(id, text));
            index.push(entry).unwrap();
        }
        let shingler = *index.signer.shingler();
        let keys: Vec<String> = {
            let keys = index.keys.as_mut().unwrap();
            keys.finish().unwrap();
            (0..3).map(|i| keys.get(i).unwrap().into_owned()).collect()
        };
        assert_eq!(keys[0], keys[2], "the copy folds like the first");
        let expected = shingler.set(&keys[0]).jaccard(&shingler.set(&keys[1])) as f32;
        assert!((0.8..1.0).contains(&expected), "{expected}");
        let resolution = index.resolve().unwrap();
        assert_eq!(resolution.clusters.len(), 1);
        let cluster = &resolution.clusters[0];
        assert_eq!(cluster.kept, 2, "the longest is kept");
        let mut duplicates = cluster.duplicates.clone();
        duplicates.sort_by_key(|d| d.0);
        assert_eq!(duplicates, vec![(0, 1.0), (1, expected)]);
    }

    /// An index of `texts` (documents `d0`, `d1`, …), its keys ready to be read.
    fn index_of(config: &DedupConfig, texts: impl IntoIterator<Item = String>) -> DedupIndex {
        let mut index = DedupIndex::new(config);
        for (i, text) in texts.into_iter().enumerate() {
            let entry = index.entry(&Document::new(format!("d{i}"), text));
            index.push(entry).unwrap();
        }
        index.keys.as_mut().unwrap().finish().unwrap();
        index
    }

    /// Every pair of `n` documents, in order.
    fn every_pair(n: u32) -> Vec<(u32, u32)> {
        (0..n)
            .flat_map(|a| (a + 1..n).map(move |b| (a, b)))
            .collect()
    }

    /// The similarities of `pairs` measured by one thread, and shared out among threads.
    fn alone_and_shared(
        index: &DedupIndex,
        pairs: &[(u32, u32)],
    ) -> (Vec<Similarity>, Vec<Similarity>) {
        let measured = |shared_from| {
            index
                .similarities_sharing_from(
                    pairs,
                    shared_from,
                    VERIFY_CHUNK_SET_BYTES,
                    Templates::Unlinked,
                )
                .unwrap()
        };
        (measured(usize::MAX), measured(0))
    }

    #[test]
    fn a_group_verified_in_small_chunks_measures_what_one_chunk_does() {
        // One group of near-duplicates (every pair a candidate), its shingle sets made one pair
        // at a time (a budget that every document's set passes), or all at once.
        let base = "Москва, 12 марта. Городской совет утвердил бюджет на следующий год после \
                    долгого обсуждения расходов на школы, дороги и общественный транспорт; \
                    оппозиция раскритиковала рост местных налогов и обещала обжаловать решение.";
        let texts = (0..10).map(|i| {
            base.replacen("12 марта", &format!("{} марта", 10 + i % 4), 1) + &" снова".repeat(i)
        });
        let index = index_of(&DedupConfig::default(), texts);
        let pairs = every_pair(10);
        let measured = |chunk_bytes| {
            index
                .similarities_sharing_from(&pairs, usize::MAX, chunk_bytes, Templates::Unlinked)
                .unwrap()
        };
        let (whole, chunked) = (measured(VERIFY_CHUNK_SET_BYTES), measured(1));
        assert_eq!(whole.len(), pairs.len());
        for (a, b) in whole.iter().zip(&chunked) {
            assert_eq!(a.value.to_bits(), b.value.to_bits());
            assert_eq!(
                (a.linked, a.replaced_passage),
                (b.linked, b.replaced_passage)
            );
        }
        assert!(whole.iter().all(|s| s.value > 0.6), "near-duplicates all");
        assert!(
            whole.iter().any(|s| s.linked),
            "the later pairs are linked already"
        );
    }

    #[test]
    fn a_group_shared_out_among_threads_measures_what_one_thread_does() {
        let base = "Le conseil municipal de Lyon a voté mardi soir le budget de la commune \
                    après un long débat sur les écoles, la voirie et les transports en commun. \
                    Les élus de l'opposition ont dénoncé une hausse des impôts locaux.";
        let texts = (0..12).map(|i| {
            base.replacen(
                "mardi",
                &format!("mardi {}", ["soir", "matin", "midi"][i % 3]),
                1,
            ) + &" encore".repeat(i)
        });
        let index = index_of(&DedupConfig::default(), texts);
        let pairs = every_pair(12);
        let (alone, shared) = alone_and_shared(&index, &pairs);
        assert_eq!(alone.len(), pairs.len());
        for (a, b) in alone.iter().zip(&shared) {
            assert_eq!(a.value, b.value);
            // Shared out, every pair is checked; alone, those already linked are not.
            assert!(!b.linked);
            assert!(a.linked || a.replaced_passage == b.replaced_passage);
        }
        assert!(alone.iter().all(|s| s.value > 0.5), "near-duplicates all");
    }

    #[test]
    fn pairs_already_linked_skip_the_template_check_and_make_the_same_clusters() {
        // Four versions of a bulletin with small edits (all near-duplicates of one another),
        // and two pages of one template whose bodies differ (a replaced passage: not linked
        // by their own pair, nor by any other).
        let frame_start = "Bulletin de la préfecture du Var, publié chaque matin à six heures pour \
                           les communes du littoral et de l'arrière-pays, avec les alertes du jour. \
                           Il rassemble les prévisions de Météo-France, les niveaux de vigilance \
                           par département, l'état des routes départementales et nationales, les \
                           horaires des marées sur la côte et les risques d'incendie de forêt dans \
                           les massifs des Maures et de l'Estérel, ainsi que les consignes des \
                           services de secours pour la journée.";
        let frame_end = "Consultez les alertes officielles avant toute sortie en mer ou en \
                         montagne, et signalez les routes coupées à la mairie de votre commune. \
                         Les numéros d'urgence restent le 18 pour les pompiers, le 15 pour le \
                         SAMU et le 112 depuis un téléphone portable ; la préfecture publie une \
                         nouvelle édition de ce bulletin dès qu'une alerte change de niveau, et \
                         les communes relaient ses consignes sur leurs panneaux d'information.";
        let body = "Grand soleil sur toute la côte, vent faible et mer calme jusqu'au soir, \
                    orages possibles sur les reliefs en fin de journée.";
        let other_body = "Neige sur les hauteurs et verglas sur les routes avant l'aube, \
                          circulation difficile sur les cols jusqu'à midi.";
        let texts = [
            format!("{frame_start} {body} {frame_end}"),
            format!(
                "{frame_start} {} {frame_end}",
                body.replace("faible", "modéré")
            ),
            format!(
                "{frame_start} {} {frame_end}",
                body.replace("calme", "agitée")
            ),
            format!("{frame_start} {} {frame_end} Mise à jour.", body),
            format!("{frame_start} {other_body} {frame_end}"),
        ];
        let config = DedupConfig {
            min_replaced_chars: 25,
            ..DedupConfig::default()
        };
        let index = index_of(&config, texts);
        let pairs = every_pair(5);
        // Alone, pairs already linked skip the check; shared out, every pair is checked.
        let (skipping, checking_all) = alone_and_shared(&index, &pairs);
        let threshold = index.config.threshold;
        // The first three pairs link 0 to 1, 2 and 3; the three pairs among 1, 2 and 3 come
        // after them, already linked.
        let linked: Vec<(u32, u32)> = pairs
            .iter()
            .zip(&skipping)
            .filter(|(_, s)| s.linked)
            .map(|(&p, _)| p)
            .collect();
        assert_eq!(linked, vec![(1, 2), (1, 3), (2, 3)]);
        // The template page is checked with every document: a replaced passage each time.
        for (&(a, b), found) in pairs.iter().zip(&checking_all) {
            assert!(found.value >= threshold, "{a}-{b}: {}", found.value);
            assert_eq!(found.replaced_passage, b == 4, "{a}-{b}");
        }
        for (&(_, b), found) in pairs.iter().zip(&skipping) {
            if b == 4 {
                assert!(found.replaced_passage && !found.linked);
            }
        }
        // The clusters: one of 0–3 either way, the template page alone.
        let clusters = |found: &[Similarity]| {
            let mut union = UnionFind::new(5);
            for (&(a, b), s) in pairs.iter().zip(found) {
                if s.value >= threshold && !s.replaced_passage {
                    union.union(a, b);
                }
            }
            (0..5).map(|n| union.find(n)).collect::<Vec<_>>()
        };
        assert_eq!(clusters(&skipping), clusters(&checking_all));
        assert_eq!(clusters(&skipping), vec![0, 0, 0, 0, 4]);
    }
}
