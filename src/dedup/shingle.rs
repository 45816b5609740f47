//! Shingles: the overlapping pieces of a fold key that MinHash compares, hashed to `u64`.

use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::xxh3_64_with_seed;

/// The longest shingle, in characters or words.
pub const MAX_NGRAM: usize = 64;

/// What a shingle is made of.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ShingleKind {
    /// `n` consecutive characters of the fold key (spaces included), in every script. The
    /// default: one changed word costs about `n + word length` shingles, where word n-grams lose
    /// `n` whole shingles, so typos and edits stay above the threshold.
    #[default]
    Char,
    /// `n` consecutive words of the fold key; documents written mostly in scripts without
    /// spaces (Han, Hiragana, Katakana, Thai, Lao, Khmer, Myanmar) use character n-grams.
    Word,
}

impl ShingleKind {
    /// The name used on the command line and in files.
    pub fn as_str(self) -> &'static str {
        match self {
            ShingleKind::Char => "char",
            ShingleKind::Word => "word",
        }
    }
}

/// Cuts fold keys into hashed shingles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shingler {
    kind: ShingleKind,
    n: usize,
    seed: u64,
}

impl Shingler {
    /// Shingles of `n` characters or words (clamped to 1..=[`MAX_NGRAM`]), hashed with xxh3 and
    /// `seed`.
    pub fn new(kind: ShingleKind, n: usize, seed: u64) -> Self {
        Shingler {
            kind,
            n: n.clamp(1, MAX_NGRAM),
            seed,
        }
    }

    /// Calls `each` with the hash of every shingle of `key` (a [`fold`](crate::normalize::fold)
    /// key: words separated by single spaces), repeats included. A key shorter than `n` is one
    /// shingle; an empty key has none. Word shingles are hashed with xxh3; character ones with a
    /// rolling hash (see below).
    #[inline(always)]
    pub fn for_each(&self, key: &str, mut each: impl FnMut(u64)) {
        if key.is_empty() {
            return;
        }
        let hash = |piece: &str| xxh3_64_with_seed(piece.as_bytes(), self.seed);
        if self.kind == ShingleKind::Word && !mostly_unspaced(key) {
            let starts: Vec<usize> = std::iter::once(0)
                .chain(key.match_indices(' ').map(|(i, _)| i + 1))
                .collect();
            if starts.len() <= self.n {
                each(hash(key));
                return;
            }
            for (i, &start) in starts.iter().enumerate().take(starts.len() - self.n + 1) {
                let end = starts.get(i + self.n).map_or(key.len(), |&next| next - 1);
                each(hash(&key[start..end]));
            }
            return;
        }
        self.for_each_char_ngram(key, each);
    }

    /// Character n-grams, hashed by a rolling polynomial over their code points (one multiply-add
    /// per character, rather than hashing every window anew), finished by a 64-bit mixer. An
    /// ASCII key's code points are its bytes, read without decoding.
    #[inline(always)]
    fn for_each_char_ngram(&self, key: &str, each: impl FnMut(u64)) {
        if key.is_ascii() {
            self.for_each_code_ngram(key.bytes().map(u32::from), each);
        } else {
            self.for_each_code_ngram(key.chars().map(u32::from), each);
        }
    }

    /// [`Shingler::for_each_char_ngram`] over the code points `codes`.
    #[inline(always)]
    fn for_each_code_ngram(&self, codes: impl Iterator<Item = u32>, mut each: impl FnMut(u64)) {
        let n = self.n;
        let base = splitmix64(self.seed) | 1; // odd, so multiplying loses no bit
        let mut drop_factor = 1u64; // base^n: the weight of the character leaving the window
        for _ in 0..n {
            drop_factor = drop_factor.wrapping_mul(base);
        }
        let finish = |h: u64| splitmix64(h ^ self.seed);
        let mut ring = [0u64; MAX_NGRAM];
        let (mut chars, mut slot) = (0usize, 0usize); // slot == chars % n
        let mut rolling = 0u64;
        for c in codes {
            if chars >= n {
                each(finish(rolling));
            }
            let code = u64::from(c) + 1;
            rolling = rolling
                .wrapping_mul(base)
                .wrapping_add(code)
                .wrapping_sub(ring[slot].wrapping_mul(drop_factor));
            ring[slot] = code;
            chars += 1;
            slot = if slot + 1 == n { 0 } else { slot + 1 };
        }
        // The last window (the only one for a key of at most n characters).
        each(finish(rolling));
    }

    /// The distinct shingles of `key` (as 32-bit hashes: the top half of each shingle's hash),
    /// whose Jaccard similarity [`ShingleSet::jaccard`] measures. Two shingles of a pair of
    /// 2,000-shingle documents share a 32-bit hash by chance about once in a thousand pairs,
    /// which moves the similarity by 1/4,000.
    pub fn set(&self, key: &str) -> ShingleSet {
        SCRATCH.with_borrow_mut(|(hashes, counts)| {
            hashes.clear();
            self.for_each(key, |h| hashes.push((h >> 32) as u32));
            let mut sorted = sorted_copy(hashes, counts);
            sorted.dedup();
            ShingleSet { sorted }
        })
    }
}

thread_local! {
    /// Buffers [`Shingler::set`] reuses: the hashes as they come, and the bucket counts.
    static SCRATCH: std::cell::RefCell<(Vec<u32>, Vec<u32>)> =
        const { std::cell::RefCell::new((Vec::new(), Vec::new())) };
}

/// A set of 32-bit shingle hashes, sorted, so that two compare in one merge.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShingleSet {
    sorted: Vec<u32>,
}

impl ShingleSet {
    /// The set of these hashes.
    pub fn from_hashes(hashes: Vec<u32>) -> Self {
        let mut sorted = sorted_copy(&hashes, &mut Vec::new());
        sorted.dedup();
        ShingleSet { sorted }
    }

    /// Number of distinct hashes.
    pub fn len(&self) -> usize {
        self.sorted.len()
    }

    /// Whether the set is empty.
    pub fn is_empty(&self) -> bool {
        self.sorted.is_empty()
    }

    /// Jaccard similarity `|a ∩ b| / |a ∪ b|`; 0 when both are empty.
    pub fn jaccard(&self, other: &ShingleSet) -> f64 {
        let (a, b) = (&self.sorted, &other.sorted);
        if a.is_empty() && b.is_empty() {
            return 0.0;
        }
        // A branch-free merge: which side moves on is unpredictable.
        let (mut i, mut j, mut common) = (0, 0, 0usize);
        while i < a.len() && j < b.len() {
            let (x, y) = (a[i], b[j]);
            common += usize::from(x == y);
            i += usize::from(x <= y);
            j += usize::from(y <= x);
        }
        common as f64 / (a.len() + b.len() - common) as f64
    }
}

/// Sorts uniformly distributed hashes in about linear time: a counting sort on the top bits puts
/// each hash in its bucket (about one per bucket), then an insertion sort fixes the order within
/// buckets. Returns a sorted copy; `counts` is scratch space.
fn sorted_copy(hashes: &[u32], counts: &mut Vec<u32>) -> Vec<u32> {
    let n = hashes.len();
    if n < 64 {
        let mut sorted = hashes.to_vec();
        sorted.sort_unstable();
        return sorted;
    }
    let bits = (usize::BITS - (n - 1).leading_zeros()).min(24); // 2^bits >= n
    let shift = 32 - bits;
    counts.clear();
    counts.resize((1 << bits) + 1, 0);
    for &h in hashes {
        counts[(h >> shift) as usize + 1] += 1;
    }
    for i in 1..counts.len() {
        counts[i] += counts[i - 1];
    }
    let mut sorted = vec![0u32; n];
    for &h in hashes {
        let bucket = &mut counts[(h >> shift) as usize];
        sorted[*bucket as usize] = h;
        *bucket += 1;
    }
    for i in 1..n {
        let h = sorted[i];
        let mut j = i;
        while j > 0 && sorted[j - 1] > h {
            sorted[j] = sorted[j - 1];
            j -= 1;
        }
        sorted[j] = h;
    }
    sorted
}

/// SplitMix64's finaliser: a fixed mixer whose every output bit depends on every input bit.
pub(crate) fn splitmix64(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// Whether most letters of `key` belong to scripts written without spaces between words.
fn mostly_unspaced(key: &str) -> bool {
    if key.is_ascii() {
        return false;
    }
    let (mut unspaced, mut other) = (0usize, 0usize);
    for c in key.chars().filter(|c| *c != ' ') {
        if is_unspaced_script(c) {
            unspaced += 1;
        } else {
            other += 1;
        }
    }
    unspaced >= other
}

/// Han, Hiragana, Katakana, Thai, Lao, Khmer, Myanmar.
fn is_unspaced_script(c: char) -> bool {
    matches!(c,
        '\u{0e00}'..='\u{0eff}'      // Thai, Lao
        | '\u{1000}'..='\u{109f}'    // Myanmar
        | '\u{1780}'..='\u{17ff}'    // Khmer
        | '\u{3040}'..='\u{30ff}'    // Hiragana, Katakana
        | '\u{31f0}'..='\u{31ff}'
        | '\u{3400}'..='\u{4dbf}'    // Han
        | '\u{4e00}'..='\u{9fff}'
        | '\u{f900}'..='\u{faff}'
        | '\u{20000}'..='\u{2ffff}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_keys_hash_as_their_characters_do() {
        let shingler = Shingler::new(ShingleKind::Char, 5, 42);
        let key = "le conseil a vote le budget mardi 000";
        let mut by_bytes = Vec::new();
        shingler.for_each_char_ngram(key, |h| by_bytes.push(h));
        let mut by_chars = Vec::new();
        shingler.for_each_code_ngram(key.chars().map(u32::from), |h| by_chars.push(h));
        assert_eq!(by_bytes, by_chars);
        assert_eq!(by_bytes.len(), key.len() - 4);
    }

    fn count(shingler: &Shingler, key: &str) -> usize {
        let mut n = 0;
        shingler.for_each(key, |_| n += 1);
        n
    }

    #[test]
    fn word_and_character_shingles() {
        let words = Shingler::new(ShingleKind::Word, 2, 1);
        assert_eq!(count(&words, "le chat est noir"), 3);
        assert_eq!(count(&words, "bonjour"), 1);
        assert_eq!(count(&words, ""), 0);
        assert_eq!(
            words.set("le chat le chat").len(),
            words.set("le chat le chat le chat").len()
        );
        let chars = Shingler::new(ShingleKind::Char, 3, 1);
        assert_eq!(count(&chars, "abcde"), 3);
        assert_eq!(
            count(&chars, "éçàüö"),
            3,
            "counted in characters, not bytes"
        );
        assert_eq!(count(&chars, "ab"), 1);
    }

    #[test]
    fn scripts_without_spaces_get_character_shingles_in_word_mode() {
        let words = Shingler::new(ShingleKind::Word, 5, 1);
        // One "word" for a whitespace split, but many character 5-grams.
        assert_eq!(count(&words, "北京市今天发布了新的交通规定"), 10);
        assert_eq!(count(&words, "the cat sat on the mat"), 2);
    }

    #[test]
    fn rolling_hashes_depend_on_the_window_only() {
        // Each window hashes alike wherever it stands, and different windows differ.
        let chars = Shingler::new(ShingleKind::Char, 4, 1);
        let hashes = |text: &str| {
            let mut all = Vec::new();
            chars.for_each(text, |h| all.push(h));
            all
        };
        let a = hashes("chat noir");
        let b = hashes("le chat noir");
        assert_eq!(a.len(), 6);
        assert_eq!(&b[3..], &a[..], "same windows, same hashes");
        let distinct: std::collections::HashSet<u64> = b.iter().copied().collect();
        assert_eq!(distinct.len(), b.len());
        assert_eq!(hashes("北京市今天"), hashes("x北京市今天")[1..]);
        assert_eq!(hashes("abcd").len(), 1);
        assert_eq!(hashes("ab"), hashes("ab"));
        assert_ne!(hashes("ab"), hashes("ba"));
    }

    fn set_of(hashes: &[u32]) -> ShingleSet {
        ShingleSet::from_hashes(hashes.to_vec())
    }

    #[test]
    fn hashes_sort_like_the_standard_sort() {
        for n in [0, 1, 63, 64, 65, 1000, 4097] {
            let mut x = 12345u64;
            let hashes: Vec<u32> = (0..n)
                .map(|i| {
                    x = splitmix64(x);
                    // Some repeats too.
                    if i % 7 == 0 { 42 } else { x as u32 }
                })
                .collect();
            let mut expected = hashes.clone();
            expected.sort_unstable();
            assert_eq!(sorted_copy(&hashes, &mut Vec::new()), expected, "{n}");
        }
    }

    #[test]
    fn jaccard_of_sets() {
        assert_eq!(set_of(&[1, 2, 3]).jaccard(&set_of(&[2, 3, 4])), 0.5);
        assert_eq!(set_of(&[1, 1, 1]).jaccard(&set_of(&[1])), 1.0);
        assert_eq!(set_of(&[]).jaccard(&set_of(&[])), 0.0);
        assert_eq!(set_of(&[7]).jaccard(&set_of(&[])), 0.0);
        let many: Vec<u32> = (1..=1000).collect();
        let half: Vec<u32> = (501..=1500).collect();
        assert_eq!(set_of(&many).len(), 1000);
        let j = set_of(&many).jaccard(&set_of(&half));
        assert!((j - 500.0 / 1500.0).abs() < 1e-9, "{j}");
    }
}
