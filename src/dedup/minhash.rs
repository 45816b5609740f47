//! MinHash signatures by one-permutation hashing: one hash per shingle, whatever the number of
//! slots, then 8-bit slots (b-bit minwise hashing) so a signature costs one byte per slot.

use xxhash_rust::xxh3::xxh3_128_with_seed;

use super::shingle::{Shingler, splitmix64};
use crate::normalize::{Numbers, fold_with};

/// The per-document state near-duplicate detection keeps: the exact hash of the fold key and the
/// MinHash sketch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature {
    /// xxh3-128 of the fold key: equal keys are exact duplicates.
    pub exact: u128,
    /// One byte per MinHash slot.
    pub sketch: Box<[u8]>,
}

/// The default number of slots (a power of two), signed in a fixed-size table.
const DEFAULT_SLOTS: usize = super::config::DEFAULT_NUM_PERM;

/// Signs fold keys: shingles, one-permutation MinHash with densification, 8-bit slots.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Signer {
    shingler: Shingler,
    slots: usize,
    seed: u64,
    numbers: Numbers,
}

impl Signer {
    /// A signer with `slots` MinHash slots (the "number of permutations", at least 1).
    pub fn new(shingler: Shingler, slots: usize, seed: u64) -> Self {
        Signer {
            shingler,
            slots: slots.max(1),
            seed,
            numbers: Numbers::Fold,
        }
    }

    /// The same signer, with digits folded or kept as `numbers` says (folded by default).
    pub fn with_numbers(self, numbers: Numbers) -> Self {
        Signer { numbers, ..self }
    }

    /// The shingler this signer uses.
    pub fn shingler(&self) -> &Shingler {
        &self.shingler
    }

    /// The fold key of `text` and its signature; `None` for a text with an empty key (no letter
    /// or digit), which cannot be compared.
    pub fn sign_text(&self, text: &str) -> (String, Option<Signature>) {
        let key = fold_with(text, true, self.numbers);
        let signature = self.sign_key(&key);
        (key, signature)
    }

    /// The signature of a fold key; `None` when it is empty.
    pub fn sign_key(&self, key: &str) -> Option<Signature> {
        if key.is_empty() {
            return None;
        }
        let mut mins = if self.slots == DEFAULT_SLOTS {
            self.default_minima(key)
        } else {
            self.minima(key)
        };
        densify(&mut mins);
        let sketch = mins.iter().map(|&m| (m & 0xff) as u8).collect();
        Some(Signature {
            exact: xxh3_128_with_seed(key.as_bytes(), self.seed),
            sketch,
        })
    }

    /// Each slot's least shingle value: the high half of a shingle's hash picks the slot, the
    /// low half competes for that slot's minimum (one-permutation hashing).
    fn minima(&self, key: &str) -> Vec<u64> {
        let slots = self.slots as u64;
        let mut mins = vec![u64::MAX; self.slots];
        self.shingler.for_each(key, |h| {
            let slot = (((h >> 32) * slots) >> 32) as usize;
            // Branch-free: whether a value is a new minimum is unpredictable.
            let min = &mut mins[slot];
            *min = (*min).min(h & 0xffff_ffff);
        });
        mins
    }

    /// [`Signer::minima`] for the default number of slots, in a fixed-size table: for a power
    /// of two, the slot is the top bits of the hash, always in bounds (no check, no multiply).
    fn default_minima(&self, key: &str) -> Vec<u64> {
        let mut mins = [u64::MAX; DEFAULT_SLOTS];
        let shift = 64 - DEFAULT_SLOTS.trailing_zeros();
        self.shingler.for_each(key, |h| {
            let min = &mut mins[(h >> shift) as usize];
            *min = (*min).min(h & 0xffff_ffff);
        });
        mins.to_vec()
    }
}

/// Fills empty slots (short documents leave some) from the next filled slot to the right,
/// re-mixed with the empty slot's index, so two documents fill them alike ("densified"
/// one-permutation hashing, Shrivastava & Li 2014).
fn densify(mins: &mut [u64]) {
    if !mins.contains(&u64::MAX) {
        return;
    }
    let n = mins.len();
    let Some(first_filled) = mins.iter().position(|&m| m != u64::MAX) else {
        return;
    };
    let filled: Vec<u64> = mins.to_vec();
    // Walk right to left so each empty slot knows the nearest filled one to its right.
    let mut next = filled[first_filled];
    let mut distance = 0u64;
    for step in 0..n {
        let i = (first_filled + n - step) % n;
        if filled[i] != u64::MAX {
            next = filled[i];
            distance = 0;
        } else {
            distance += 1;
            mins[i] = splitmix64(next ^ (distance << 40) ^ ((i as u64) << 48)) & 0xffff_ffff;
        }
    }
}

/// The Jaccard similarity two sketches estimate: the share of equal slots, corrected for the
/// 1-in-256 chance that two different 8-bit values are equal. Sketches of different lengths
/// compare as 0.
pub fn estimate_similarity(a: &[u8], b: &[u8]) -> f64 {
    if a.len() != b.len() || a.is_empty() {
        return 0.0;
    }
    let equal = a.iter().zip(b).filter(|(x, y)| x == y).count() as f64 / a.len() as f64;
    const CHANCE: f64 = 1.0 / 256.0;
    ((equal - CHANCE) / (1.0 - CHANCE)).clamp(0.0, 1.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dedup::shingle::ShingleKind;

    fn signer(slots: usize) -> Signer {
        Signer::new(Shingler::new(ShingleKind::Char, 5, 7), slots, 7)
    }

    #[test]
    fn the_default_slots_take_the_minima_the_general_formula_takes() {
        let s = signer(DEFAULT_SLOTS);
        for text in [
            "Le conseil municipal de Lyon a voté mardi soir le budget de la commune.",
            "Москва — столица России, город федерального значения.",
            "दिल्ली भारत की राजधानी है और एक बड़ा शहर है।",
            "東京は日本の首都です。",
            "abc",
        ] {
            let key = crate::normalize::fold(text, true);
            assert_eq!(s.default_minima(&key), s.minima(&key), "{text}");
        }
    }

    #[test]
    fn equal_keys_equal_signatures_and_empty_keys_none() {
        let s = signer(128);
        let (key, a) = s.sign_text("L’Élysée a confirmé la visite.");
        let (_, b) = s.sign_text("L'Elysee a confirme la visite");
        assert_eq!(a, b);
        assert_eq!(key, "l elysee a confirme la visite");
        assert_eq!(s.sign_text(" … !? ").1, None);
    }

    #[test]
    fn the_estimate_follows_the_true_jaccard() {
        let s = signer(512);
        // Words of letters (digits would all fold to 0), 2,000 distinct 5-grams or so.
        let word = |i: usize| -> String {
            let n = (i * 7919) % 1000;
            [n / 100, n / 10 % 10, n % 10]
                .iter()
                .map(|d| char::from(b'a' + *d as u8))
                .collect()
        };
        let base: String = (0..400).map(|i| format!("mot{} ", word(i))).collect();
        let mut edited = base.clone();
        edited.replace_range(0..600, &"x".repeat(600));
        let (ka, a) = s.sign_text(&base);
        let (kb, b) = s.sign_text(&edited);
        let truth = s.shingler().set(&ka).jaccard(&s.shingler().set(&kb));
        let estimate = estimate_similarity(&a.unwrap().sketch, &b.unwrap().sketch);
        assert!((0.3..0.9).contains(&truth), "{truth}");
        assert!((estimate - truth).abs() < 0.08, "{estimate} vs {truth}");
    }

    #[test]
    fn short_documents_fill_every_slot_consistently() {
        let s = signer(128);
        let a = s.sign_key("chat noir").unwrap();
        let b = s.sign_key("chat noir").unwrap();
        assert_eq!(a, b);
        let c = s.sign_key("chien blanc").unwrap();
        assert!(estimate_similarity(&a.sketch, &c.sketch) < 0.2);
    }
}
