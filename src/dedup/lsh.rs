//! Locality-sensitive hashing: sketches cut into bands; documents that agree on a whole band are
//! candidate pairs.

use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::xxh3_64_with_seed;

/// Probability a pair exactly at the threshold must have of becoming a candidate.
pub const MIN_CATCH_AT_THRESHOLD: f64 = 0.9;

/// Buckets larger than this get a chain and a star of pairs instead of every pair (a bucket of
/// thousands of near-identical pages would otherwise make millions of pairs).
const FULL_BUCKET: usize = 64;

/// How a sketch is cut: `bands` bands of `rows` slots.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Banding {
    /// Number of bands.
    pub bands: usize,
    /// Slots per band.
    pub rows: usize,
}

impl Banding {
    /// The banding for `slots` slots and a similarity `threshold`: the most rows per band (fewest
    /// false candidates) that still catch a pair at the threshold with probability at least
    /// 0.9. For 128 slots at 0.8 that is 16 bands of 8 rows (0.947).
    pub fn for_threshold(slots: usize, threshold: f64) -> Banding {
        let slots = slots.max(1);
        (1..=slots)
            .rev()
            .map(|rows| Banding {
                bands: slots / rows,
                rows,
            })
            .find(|b| b.catch_probability(threshold) >= MIN_CATCH_AT_THRESHOLD)
            .unwrap_or(Banding {
                bands: slots,
                rows: 1,
            })
    }

    /// Probability that two documents of Jaccard similarity `j` share at least one band:
    /// `1 − (1 − j^rows)^bands`.
    pub fn catch_probability(&self, j: f64) -> f64 {
        1.0 - (1.0 - j.powi(self.rows as i32)).powi(self.bands as i32)
    }

    /// The key of band `band` of `sketch`.
    pub fn band_key(&self, sketch: &[u8], band: usize) -> u64 {
        let start = band * self.rows;
        xxh3_64_with_seed(&sketch[start..start + self.rows], band as u64)
    }

    /// Candidate pairs `(a, b)` with `a < b`, sorted and distinct, among `nodes`, whose sketches
    /// `sketch(node)` share a band.
    pub fn candidate_pairs<'a>(
        &self,
        nodes: &[u32],
        sketch: impl Fn(u32) -> &'a [u8] + Sync,
    ) -> Vec<(u32, u32)> {
        let pairs: Vec<(u32, u32)> = (0..self.bands)
            .into_par_iter()
            .flat_map_iter(|band| {
                let keys: Vec<(u64, u32)> = nodes
                    .iter()
                    .map(|&node| (self.band_key(sketch(node), band), node))
                    .collect();
                let keys = sorted_by_hash(keys);
                let mut pairs = Vec::new();
                for bucket in keys.chunk_by(|a, b| a.0 == b.0).filter(|b| b.len() > 1) {
                    push_bucket_pairs(bucket, &mut pairs);
                }
                pairs
            })
            .collect();
        let bound = nodes.iter().max().map_or(0, |&node| node as usize + 1);
        sorted_distinct_pairs(pairs, bound)
    }
}

/// `items` sorted as `sort_unstable` sorts them, for keys that are hashes (uniform): counted out
/// into buckets by their top bits (about one item a bucket), then each bucket sorted. Linear,
/// where a comparison sort of a band's keys cost 14 comparisons an item at 11,000 documents.
fn sorted_by_hash(items: Vec<(u64, u32)>) -> Vec<(u64, u32)> {
    if items.len() < 64 {
        let mut items = items;
        items.sort_unstable();
        return items;
    }
    let bits = items.len().next_power_of_two().trailing_zeros().min(20);
    let shift = 64 - bits;
    let (ends, mut sorted) = counted_out(&items, 1 << bits, |item| {
        ((item.0 >> shift) as usize, *item)
    });
    let mut start = 0;
    for &end in &ends {
        if end - start > 1 {
            sorted[start..end].sort_unstable();
        }
        start = end;
    }
    sorted
}

/// `pairs` (each node below `bound`) sorted and without repeats: counted out by their first node
/// (a counting sort), then the few second nodes of each sorted and their repeats dropped. Linear
/// in pairs and nodes, where sorting every band's pairs together was a comparison sort.
fn sorted_distinct_pairs(pairs: Vec<(u32, u32)>, bound: usize) -> Vec<(u32, u32)> {
    if pairs.len() < 64 {
        let mut pairs = pairs;
        pairs.sort_unstable();
        pairs.dedup();
        return pairs;
    }
    let (ends, mut seconds) = counted_out(&pairs, bound, |&(a, b)| (a as usize, b));
    drop(pairs); // 8 bytes a pair; the second nodes are 4, and the distinct pairs fewer
    let mut distinct = Vec::new();
    let mut start = 0;
    for (a, &end) in ends.iter().enumerate() {
        let group = &mut seconds[start..end];
        group.sort_unstable();
        let mut last = None;
        for &b in group.iter() {
            if last != Some(b) {
                distinct.push((a as u32, b));
                last = Some(b);
            }
        }
        start = end;
    }
    distinct
}

/// The values `place` gives `items`, counted out into `buckets` buckets by the bucket it gives
/// them (below `buckets`), in their order within a bucket (a counting sort): where each bucket
/// ends, and the values.
fn counted_out<T, V: Copy + Default>(
    items: &[T],
    buckets: usize,
    place: impl Fn(&T) -> (usize, V),
) -> (Vec<usize>, Vec<V>) {
    let mut ends = vec![0usize; buckets + 1];
    for item in items {
        ends[place(item).0 + 1] += 1;
    }
    for i in 1..ends.len() {
        ends[i] += ends[i - 1];
    }
    let mut values = vec![V::default(); items.len()];
    for item in items {
        let (bucket, value) = place(item);
        let next = &mut ends[bucket];
        values[*next] = value;
        *next += 1;
    }
    // Each bucket's start moved to its end, which is where the next one starts.
    ends.truncate(buckets);
    (ends, values)
}

/// Every pair of a small bucket; for a large one, each member with the first and with the next
/// (enough to connect the bucket; true duplicates share several bands anyway).
pub(super) fn push_bucket_pairs<N: Copy + Ord>(bucket: &[(u64, N)], pairs: &mut Vec<(N, N)>) {
    let ordered = |a: N, b: N| (a.min(b), a.max(b));
    if bucket.len() <= FULL_BUCKET {
        for (i, a) in bucket.iter().enumerate() {
            for b in &bucket[i + 1..] {
                pairs.push(ordered(a.1, b.1));
            }
        }
    } else {
        let first = bucket[0].1;
        for window in bucket.windows(2) {
            pairs.push(ordered(window[0].1, window[1].1));
            if window[0].1 != first {
                pairs.push(ordered(first, window[1].1));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn banding_follows_the_threshold() {
        let b = Banding::for_threshold(128, 0.8);
        assert_eq!((b.bands, b.rows), (16, 8));
        assert!(b.catch_probability(0.8) >= 0.9);
        assert!(b.catch_probability(0.5) < 0.1);
        for t in [0.5, 0.7, 0.9, 0.95] {
            let b = Banding::for_threshold(128, t);
            assert!(b.catch_probability(t) >= 0.9, "{t}: {b:?}");
            let stricter = Banding {
                bands: 128 / (b.rows + 1),
                rows: b.rows + 1,
            };
            assert!(
                stricter.catch_probability(t) < 0.9,
                "{t}: {b:?} is not the most rows"
            );
        }
    }

    #[test]
    fn sketches_sharing_a_band_are_candidates() {
        let banding = Banding { bands: 2, rows: 2 };
        let sketches = [[1u8, 2, 3, 4], [1, 2, 9, 9], [7, 7, 3, 4], [5, 5, 5, 5]];
        let pairs = banding.candidate_pairs(&[0, 1, 2, 3], |n| &sketches[n as usize][..]);
        assert_eq!(pairs, vec![(0, 1), (0, 2)]);
    }

    proptest::proptest! {
        /// The linear sorts give what a comparison sort gives: keys that share their top bits
        /// or are equal, repeated pairs, nodes in any order.
        #[test]
        fn the_bucket_sorts_sort_as_a_comparison_sort_does(
            items in proptest::collection::vec((0u64..6, 0u64..u64::MAX, 0u32..50), 0..300),
            pairs in proptest::collection::vec((0u32..40, 0u32..40), 0..300),
        ) {
            // Few distinct keys (equal ones must group), and keys equal in their top bits.
            let keys: Vec<(u64, u32)> = items
                .iter()
                .map(|&(kind, key, node)| match kind {
                    0 => (7, node),
                    1 => (key | 0xffff_0000_0000_0000, node),
                    2 => (key >> 40, node),
                    _ => (key, node),
                })
                .collect();
            let mut expected = keys.clone();
            expected.sort_unstable();
            proptest::prop_assert_eq!(sorted_by_hash(keys), expected);
            let mut expected = pairs.clone();
            expected.sort_unstable();
            expected.dedup();
            proptest::prop_assert_eq!(sorted_distinct_pairs(pairs, 40), expected);
        }
    }

    #[test]
    fn large_buckets_stay_connected_without_every_pair() {
        let bucket: Vec<(u64, u32)> = (0..1000).map(|i| (42, i)).collect();
        let mut pairs = Vec::new();
        push_bucket_pairs(&bucket, &mut pairs);
        assert!(pairs.len() < 2000);
        assert!(pairs.contains(&(0, 999)) && pairs.contains(&(500, 501)));
    }
}
