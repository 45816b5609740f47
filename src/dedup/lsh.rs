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
        let mut pairs: Vec<(u32, u32)> = (0..self.bands)
            .into_par_iter()
            .flat_map_iter(|band| {
                let mut keys: Vec<(u64, u32)> = nodes
                    .iter()
                    .map(|&node| (self.band_key(sketch(node), band), node))
                    .collect();
                keys.sort_unstable();
                let mut pairs = Vec::new();
                for bucket in keys.chunk_by(|a, b| a.0 == b.0).filter(|b| b.len() > 1) {
                    push_bucket_pairs(bucket, &mut pairs);
                }
                pairs
            })
            .collect();
        pairs.par_sort_unstable();
        pairs.dedup();
        pairs
    }
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

    #[test]
    fn large_buckets_stay_connected_without_every_pair() {
        let bucket: Vec<(u64, u32)> = (0..1000).map(|i| (42, i)).collect();
        let mut pairs = Vec::new();
        push_bucket_pairs(&bucket, &mut pairs);
        assert!(pairs.len() < 2000);
        assert!(pairs.contains(&(0, 999)) && pairs.contains(&(500, 501)));
    }
}
