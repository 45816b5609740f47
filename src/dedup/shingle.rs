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
            self.for_each_ascii_ngram(key.as_bytes(), each);
        } else {
            self.for_each_code_ngram(key.chars().map(u32::from), each);
        }
    }

    /// [`Shingler::for_each_code_ngram`] over ASCII bytes, which are their code points: the
    /// character leaving the window is read `n` bytes back rather than kept in a ring.
    #[inline(always)]
    fn for_each_ascii_ngram(&self, bytes: &[u8], mut each: impl FnMut(u64)) {
        let n = self.n;
        let base = splitmix64(self.seed) | 1;
        let mut drop_factor = 1u64;
        for _ in 0..n {
            drop_factor = drop_factor.wrapping_mul(base);
        }
        let finish = |h: u64| splitmix64(h ^ self.seed);
        let code = |b: u8| u64::from(b) + 1;
        let head = n.min(bytes.len());
        let mut rolling = 0u64;
        for &b in &bytes[..head] {
            rolling = rolling.wrapping_mul(base).wrapping_add(code(b));
        }
        for (&b, &leaving) in bytes[head..].iter().zip(bytes) {
            each(finish(rolling));
            rolling = rolling
                .wrapping_mul(base)
                .wrapping_add(code(b))
                .wrapping_sub(code(leaving).wrapping_mul(drop_factor));
        }
        each(finish(rolling));
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
        // The last MAX_NGRAM codes, character i at i % MAX_NGRAM (a power of two): the one
        // leaving the window, n back, is still there (0 before the key's n-th character).
        const RING: usize = MAX_NGRAM;
        let mut ring = [0u64; RING];
        let mut rolling = 0u64;
        for (chars, c) in codes.enumerate() {
            if chars >= n {
                each(finish(rolling));
            }
            let code = u64::from(c) + 1;
            let leaving = ring[chars.wrapping_sub(n) % RING];
            rolling = rolling
                .wrapping_mul(base)
                .wrapping_add(code)
                .wrapping_sub(leaving.wrapping_mul(drop_factor));
            ring[chars % RING] = code;
        }
        // The last window (the only one for a key of at most n characters).
        each(finish(rolling));
    }

    /// The distinct shingles of `key` (as 32-bit hashes: the top half of each shingle's hash),
    /// whose Jaccard similarity [`ShingleSet::jaccard`] measures. Two shingles of a pair of
    /// 2,000-shingle documents share a 32-bit hash by chance about once in a thousand pairs,
    /// which moves the similarity by 1/4,000.
    pub fn set(&self, key: &str) -> ShingleSet {
        if self.kind == ShingleKind::Char && !key.is_empty() {
            // As many character shingles as characters past the first n - 1, and at least one:
            // the table is made to size, and filled as the hashes come.
            let chars = key.chars().count();
            let mut set = ShingleSet::with_room(chars.saturating_sub(self.n) + 1);
            self.for_each(key, |h| set.insert((h >> 32) as u32));
            return set;
        }
        SCRATCH.with_borrow_mut(|hashes| {
            hashes.clear();
            self.for_each(key, |h| hashes.push((h >> 32) as u32));
            ShingleSet::from_slice(hashes)
        })
    }
}

thread_local! {
    /// The hashes of a key as they come, for [`Shingler::set`].
    static SCRATCH: std::cell::RefCell<Vec<u32>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// A set of 32-bit shingle hashes: an open-addressing table (linear probing, at most a third
/// full) indexed by a hash's top bits, which are uniform. Building one costs about a probe a
/// hash, and no sort; with the list of its hashes beside the table, a set holds 16 to 28 bytes
/// a shingle. Two sets are equal when they hold the same hashes, whatever the order they came
/// in.
#[derive(Debug, Clone)]
pub struct ShingleSet {
    /// Power-of-two sized; 0 marks an empty slot (the hash 0 is `has_zero`).
    slots: Vec<u32>,
    /// The hashes other than 0, as they came: what [`ShingleSet::jaccard`] walks (a walk over
    /// the table would branch on each empty slot, as unpredictable as the layout).
    hashes: Vec<u32>,
    /// How many of `hashes` are the set's (the rest is room).
    listed: usize,
    /// How far a hash shifts right to give its home slot.
    shift: u32,
    has_zero: bool,
}

impl ShingleSet {
    /// The set of these hashes.
    pub fn from_hashes(hashes: Vec<u32>) -> Self {
        Self::from_slice(&hashes)
    }

    /// The set of the hashes in `hashes`.
    fn from_slice(hashes: &[u32]) -> Self {
        let mut set = ShingleSet::with_room(hashes.len());
        for &h in hashes {
            set.insert(h);
        }
        set
    }

    /// At least the heap bytes of the set of a key of `key_bytes` bytes, whatever its shingles:
    /// a key has at most one shingle a byte (one when shorter than a shingle), and the set is
    /// sized as [`ShingleSet::with_room`] sizes it for that many. Up to 29 bytes a byte of key;
    /// what the verification's memory budget counts.
    pub fn bytes_for(key_bytes: usize) -> usize {
        let shingles = key_bytes.max(1);
        4 * (Self::table_slots(shingles) + shingles + 1)
    }

    /// The slots of the table of a set with room for `hashes` hashes: at most a third full, and
    /// a power of two (eight at least).
    fn table_slots(hashes: usize) -> usize {
        (hashes * 3).max(8).next_power_of_two()
    }

    /// The bytes the set holds on the heap.
    #[cfg(test)]
    fn heap_bytes(&self) -> usize {
        4 * (self.slots.capacity() + self.hashes.capacity())
    }

    /// An empty set with room for `hashes` hashes: the table stays at most a third full, so
    /// that a probe mostly finds its hash, or an empty slot, at once (at two thirds, whether it
    /// did was a coin toss for the branch predictor, and cost more than the larger table).
    fn with_room(hashes: usize) -> Self {
        let bits = Self::table_slots(hashes).trailing_zeros();
        ShingleSet {
            slots: vec![0; 1 << bits],
            // One spare place: an insert writes its hash at the end of the list whether or not
            // it is new.
            hashes: vec![0; hashes + 1],
            listed: 0,
            shift: 32 - bits,
            has_zero: false,
        }
    }

    /// Adds `h` (at most as many hashes as the room made for them).
    #[inline(always)]
    fn insert(&mut self, h: u32) {
        if h == 0 {
            self.has_zero = true;
            return;
        }
        let mask = self.slots.len() - 1;
        let mut i = (h >> self.shift) as usize;
        loop {
            let slot = &mut self.slots[i];
            if *slot == h || *slot == 0 {
                // Whether the hash is new decides counts, not branches: a text repeats some of
                // its shingles, in no order a branch predictor learns.
                let new = usize::from(*slot == 0);
                *slot = h;
                self.hashes[self.listed] = h;
                self.listed += new;
                return;
            }
            i = (i + 1) & mask;
        }
    }

    /// Whether `h` is in the set.
    #[inline(always)]
    fn contains(&self, h: u32) -> bool {
        if h == 0 {
            return self.has_zero;
        }
        let mask = self.slots.len() - 1;
        let mut i = (h >> self.shift) as usize;
        loop {
            let slot = self.slots[i];
            if slot == h {
                return true;
            }
            if slot == 0 {
                return false;
            }
            i = (i + 1) & mask;
        }
    }

    /// Number of distinct hashes.
    pub fn len(&self) -> usize {
        self.listed + usize::from(self.has_zero)
    }

    /// Whether the set is empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The hashes, 0 first when there, then in the order they came.
    fn hashes(&self) -> impl Iterator<Item = u32> + '_ {
        let zero = self.has_zero.then_some(0);
        zero.into_iter()
            .chain(self.hashes[..self.listed].iter().copied())
    }

    /// Jaccard similarity `|a ∩ b| / |a ∪ b|`; 0 when both are empty.
    pub fn jaccard(&self, other: &ShingleSet) -> f64 {
        if self.is_empty() && other.is_empty() {
            return 0.0;
        }
        // The smaller set's hashes, looked up in the larger one's table.
        let (small, large) = if self.slots.len() <= other.slots.len() {
            (self, other)
        } else {
            (other, self)
        };
        let mut common = usize::from(small.has_zero && large.has_zero);
        for &h in &small.hashes[..small.listed] {
            common += usize::from(large.contains(h));
        }
        common as f64 / (self.len() + other.len() - common) as f64
    }
}

impl PartialEq for ShingleSet {
    fn eq(&self, other: &ShingleSet) -> bool {
        self.len() == other.len() && self.hashes().all(|h| other.contains(h))
    }
}

impl Eq for ShingleSet {}

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

    /// The hash of each window computed from scratch: the polynomial of its codes (what the
    /// rolling hash keeps up to date), finished.
    fn windows_from_scratch(shingler: &Shingler, key: &str) -> Vec<u64> {
        let base = splitmix64(shingler.seed) | 1;
        let codes: Vec<u64> = key.chars().map(|c| u64::from(c) + 1).collect();
        let polynomial = |window: &[u64]| {
            window
                .iter()
                .fold(0u64, |h, &c| h.wrapping_mul(base).wrapping_add(c))
        };
        let finish = |h: u64| splitmix64(h ^ shingler.seed);
        if codes.len() <= shingler.n {
            return vec![finish(polynomial(&codes))];
        }
        codes
            .windows(shingler.n)
            .map(|w| finish(polynomial(w)))
            .collect()
    }

    proptest::proptest! {
        /// The character path sizes a key's table by counting characters: it must hold every
        /// shingle, and equal the set made from the list of hashes.
        #[test]
        fn a_keys_set_is_the_set_of_all_its_shingle_hashes(key in "[a-z0 é北\u{10348}]{0,80}", n in 1usize..70) {
            let shingler = Shingler::new(ShingleKind::Char, n, 3);
            let mut all = Vec::new();
            shingler.for_each(&key, |h| all.push((h >> 32) as u32));
            let chars = key.chars().count();
            let expected_count = if key.is_empty() { 0 } else { chars.saturating_sub(shingler.n) + 1 };
            proptest::prop_assert_eq!(all.len(), expected_count);
            proptest::prop_assert_eq!(shingler.set(&key), ShingleSet::from_hashes(all));
        }

        /// What verification counts for a key's set ([`ShingleSet::bytes_for`], its memory
        /// budget) is never less than the set holds, for either kind of shingle, any length
        /// and script (it grew past the budget's old estimate once, unnoticed).
        #[test]
        fn a_sets_heap_bytes_stay_within_what_the_verification_budget_counts(
            key in "[a-z0 é北\u{10348}]{0,300}",
            n in 1usize..12,
            word in proptest::bool::ANY,
        ) {
            let kind = if word { ShingleKind::Word } else { ShingleKind::Char };
            let set = Shingler::new(kind, n, 7).set(&key);
            proptest::prop_assert!(set.heap_bytes() <= ShingleSet::bytes_for(key.len()));
        }

        /// The rolling hash of every window is its hash computed from scratch, on the ASCII
        /// path (the leaving character read back in the key) and the other (a ring), for keys
        /// shorter and longer than the window.
        #[test]
        fn rolling_hashes_are_the_windows_hashes(key in "[a-z0 é北\u{10348}]{0,80}", n in 1usize..70) {
            let shingler = Shingler::new(ShingleKind::Char, n, 9);
            let ascii = key.replace(|c: char| !c.is_ascii(), "x");
            for key in [&key, &ascii] {
                let mut rolled = Vec::new();
                shingler.for_each_char_ngram(key, |h| rolled.push(h));
                proptest::prop_assert_eq!(&rolled, &windows_from_scratch(&shingler, key));
                let mut by_ring = Vec::new();
                shingler.for_each_code_ngram(key.chars().map(u32::from), |h| by_ring.push(h));
                proptest::prop_assert_eq!(rolled, by_ring);
            }
        }
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
    fn sets_count_distinct_hashes_like_a_sorted_list() {
        for n in [0, 1, 7, 8, 63, 64, 65, 1000, 4097] {
            let mut x = 12345u64;
            let hashes: Vec<u32> = (0..n)
                .map(|i| {
                    x = splitmix64(x);
                    // Repeats, zero and neighbours that collide in the table too.
                    match i % 7 {
                        0 => 42,
                        1 => 0,
                        2 => (x as u32) & 0xff00_0000,
                        _ => x as u32,
                    }
                })
                .collect();
            let mut distinct = hashes.clone();
            distinct.sort_unstable();
            distinct.dedup();
            let set = set_of(&hashes);
            assert_eq!(set.len(), distinct.len(), "{n}");
            for h in &distinct {
                assert!(set.contains(*h), "{n}: {h}");
            }
            assert!(!set.contains(7) || distinct.contains(&7));
            // The same hashes in another order: another table layout, an equal set.
            let reversed: Vec<u32> = hashes.iter().rev().copied().collect();
            assert_eq!(set_of(&reversed), set, "{n}");
            if distinct.len() > 1 {
                assert_ne!(set_of(&distinct[1..]), set, "{n}");
            }
            // Against a subset: the share of distinct hashes kept.
            let half: Vec<u32> = distinct.iter().copied().step_by(2).collect();
            if !distinct.is_empty() {
                let expected = half.len() as f64 / distinct.len() as f64;
                assert_eq!(set.jaccard(&set_of(&half)), expected, "{n}");
                assert_eq!(set_of(&half).jaccard(&set), expected, "{n}");
            }
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
