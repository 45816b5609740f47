//! Shingles: the overlapping pieces of a fold key that MinHash compares, hashed to `u64`.

use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::xxh3_64_with_seed;

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
    /// Shingles of `n` characters or words (`n` ≥ 1), hashed with xxh3 and `seed`.
    pub fn new(kind: ShingleKind, n: usize, seed: u64) -> Self {
        Shingler {
            kind,
            n: n.max(1),
            seed,
        }
    }

    /// Calls `each` with the hash of every shingle of `key` (a [`fold`](crate::normalize::fold)
    /// key: words separated by single spaces), repeats included. A key shorter than `n` is one
    /// shingle; an empty key has none.
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
        if key.is_ascii() {
            if key.len() <= self.n {
                each(hash(key));
                return;
            }
            for start in 0..=key.len() - self.n {
                each(hash(&key[start..start + self.n]));
            }
            return;
        }
        let bounds: Vec<usize> = key
            .char_indices()
            .map(|(i, _)| i)
            .chain(std::iter::once(key.len()))
            .collect();
        let chars = bounds.len() - 1;
        if chars <= self.n {
            each(hash(key));
            return;
        }
        for start in 0..=chars - self.n {
            each(hash(&key[bounds[start]..bounds[start + self.n]]));
        }
    }

    /// The distinct shingle hashes of `key`, sorted: the set whose Jaccard similarity
    /// [`jaccard`] measures.
    pub fn set(&self, key: &str) -> Vec<u64> {
        let mut hashes = Vec::with_capacity(key.len());
        self.for_each(key, |h| hashes.push(h));
        hashes.sort_unstable();
        hashes.dedup();
        hashes
    }
}

/// Jaccard similarity `|a ∩ b| / |a ∪ b|` of two sorted, deduplicated sets; 0 when both are
/// empty.
pub fn jaccard(a: &[u64], b: &[u64]) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 0.0;
    }
    let (mut i, mut j, mut common) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    common as f64 / (a.len() + b.len() - common) as f64
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
            words.set("le chat le chat"),
            words.set("le chat le chat le chat")
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
    fn jaccard_of_sets() {
        assert_eq!(jaccard(&[1, 2, 3], &[2, 3, 4]), 0.5);
        assert_eq!(jaccard(&[1], &[1]), 1.0);
        assert_eq!(jaccard(&[], &[]), 0.0);
        assert_eq!(jaccard(&[1], &[]), 0.0);
    }
}
