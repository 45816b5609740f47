//! Lines repeated across many documents of a corpus (the CCNet idea): a first pass counts, for
//! each line's key ([`line_key`]), the distinct documents it occurs in; lines found in at least
//! `min_docs` documents are boilerplate (site taglines, footers, menus), except long lines, which
//! are real content shared by duplicates (near-duplicate removal handles those).
//!
//! Memory: an 8-byte hash and a 4-byte count per distinct line, not the lines.

use rustc_hash::{FxHashMap, FxHashSet};

use xxhash_rust::xxh3::xxh3_64;

/// The key of a line: the xxh3 hash of its letters and digits, lowercased, digits as `0`,
/// everything else (spaces, punctuation, quotes, symbols) left out, so `« Paris »` and
/// `"Paris"`, or `© 2018` and `© 2019`, are one line; `None` for a line with no letter or digit.
/// A light form of [`fold`](crate::normalize::fold): lines reach it repaired and in NFC already,
/// and this runs on every line of the corpus twice.
pub fn line_key(line: &str) -> Option<u64> {
    KEY.with_borrow_mut(|key| {
        key.clear();
        let mut rest = line;
        while !rest.is_empty() {
            // ASCII runs byte by byte; other characters through the Unicode tables.
            let ascii = crate::chars::first_non_ascii(rest.as_bytes()).unwrap_or(rest.len());
            // Each byte written, the end moved past it only when it is kept: no branch on
            // letter or not.
            let start = key.len();
            key.resize(start + ascii, 0);
            let mut end = start;
            for &b in &rest.as_bytes()[..ascii] {
                let kept = ASCII_KEY[usize::from(b)];
                key[end] = kept;
                end += usize::from(kept != 0);
            }
            key.truncate(end);
            rest = &rest[ascii..];
            let mut chars = rest.chars();
            if let Some(c) = chars.next() {
                let mut buffer = [0; 4];
                if crate::chars::is_number(c) {
                    key.push(b'0');
                } else if crate::chars::is_letter(c) {
                    for lower in c.to_lowercase() {
                        key.extend_from_slice(lower.encode_utf8(&mut buffer).as_bytes());
                    }
                }
                rest = chars.as_str();
            }
        }
        (!key.is_empty()).then(|| xxh3_64(key))
    })
}

/// What an ASCII byte leaves in a line key: its letter lowercased, `0` for a digit, 0 (nothing)
/// for the rest.
static ASCII_KEY: [u8; 128] = {
    let mut table = [0u8; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        table[b] = if c.is_ascii_digit() {
            b'0'
        } else if c.is_ascii_alphabetic() {
            c.to_ascii_lowercase()
        } else {
            0
        };
        b += 1;
    }
    table
};

thread_local! {
    /// The key being built (UTF-8), kept between lines.
    static KEY: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// The distinct line keys of one document.
pub fn document_keys(text: &str, max_chars: usize) -> Vec<u64> {
    let mut keys: Vec<u64> = text
        .lines()
        // A line of at most `max_chars` bytes has at most as many characters.
        .filter(|line| line.len() <= max_chars || line.chars().count() <= max_chars)
        .filter_map(line_key)
        .collect();
    keys.sort_unstable();
    keys.dedup();
    keys
}

/// Counts of documents per line key, filled document by document.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct LineCounter {
    /// FxHash: the keys are xxh3 hashes already (the standard SipHash cost more than the
    /// rest of counting).
    counts: FxHashMap<u64, u32>,
}

impl LineCounter {
    /// Adds the distinct keys of one document.
    pub fn add(&mut self, keys: &[u64]) {
        for key in keys {
            let count = self.counts.entry(*key).or_default();
            *count = count.saturating_add(1);
        }
    }

    /// Adds the counts of another counter (of other documents).
    pub fn merge(&mut self, other: LineCounter) {
        for (key, count) in other.counts {
            let total = self.counts.entry(key).or_default();
            *total = total.saturating_add(count);
        }
    }

    /// Sets the count of one key (reading a table).
    pub(crate) fn insert(&mut self, key: u64, count: u32) {
        self.counts.insert(key, count);
    }

    /// Keeps the keys and counts for which `keep` holds.
    pub fn retain(&mut self, mut keep: impl FnMut(u64, u32) -> bool) {
        self.counts.retain(|key, count| keep(*key, *count));
    }

    /// Every `(key, documents)` pair, sorted by key.
    pub fn sorted_counts(&self) -> Vec<(u64, u32)> {
        let mut counts: Vec<(u64, u32)> = self.counts.iter().map(|(k, c)| (*k, *c)).collect();
        counts.sort_unstable();
        counts
    }

    /// Distinct lines seen.
    pub fn distinct_lines(&self) -> usize {
        self.counts.len()
    }

    /// The lines found in at least `min_docs` documents.
    pub fn repeated(self, min_docs: u32) -> RepeatedLines {
        let keys = self
            .counts
            .into_iter()
            .filter(|(_, count)| *count >= min_docs)
            .map(|(key, _)| key)
            .collect();
        RepeatedLines { keys }
    }
}

/// The set of lines a corpus repeats too often.
#[derive(Debug, Default, Clone)]
pub struct RepeatedLines {
    keys: FxHashSet<u64>,
}

impl RepeatedLines {
    /// True when `line` is one of them.
    pub fn contains(&self, line: &str) -> bool {
        !self.keys.is_empty() && line_key(line).is_some_and(|key| self.keys.contains(&key))
    }

    /// How many distinct lines are repeated.
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// True when no line is repeated often enough.
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// A line's key is the hash of its letters lowercased and its digits as `0`, in order,
        /// whatever mix of ASCII and other scripts the line is.
        #[test]
        fn a_line_key_hashes_its_letters_and_digits(
            line in proptest::collection::vec(
                proptest::sample::select(vec![
                    "a", "Z", "7", " ", "-", "«", "É", "ß", "İ", "Ⱥ", "٣", "²", "中", "Ж", "\u{a0}", "’",
                    "x9", ".", "Ω",
                ]),
                0..16,
            ),
        ) {
            let line = line.concat();
            let mut key = String::new();
            for c in line.chars() {
                if crate::chars::is_number(c) {
                    key.push('0');
                } else if crate::chars::is_letter(c) {
                    key.extend(c.to_lowercase());
                }
            }
            let expected = (!key.is_empty()).then(|| xxh3_64(key.as_bytes()));
            prop_assert_eq!(line_key(&line), expected, "{:?}", line);
        }
    }

    #[test]
    fn lines_in_enough_documents_are_repeated_whatever_their_typography() {
        let mut counter = LineCounter::default();
        let subjects = ["il traghetto", "la fiera", "il derby", "la seta", "il lago"];
        for (i, subject) in subjects.iter().enumerate() {
            let tagline = if i % 2 == 0 {
                "Il Gazzettino del Lago — quotidiano online"
            } else {
                "IL GAZZETTINO DEL LAGO: quotidiano online"
            };
            let text = format!("{tagline}\nOggi {subject} è in prima pagina.\n{tagline}");
            counter.add(&document_keys(&text, 200));
        }
        counter.add(&document_keys("Una frase condivisa da due.\nAltro.", 200));
        counter.add(&document_keys("Una frase condivisa da due.\nAncora.", 200));
        let repeated = counter.repeated(3);
        assert!(repeated.contains("Il Gazzettino del Lago — quotidiano online"));
        assert!(!repeated.contains("Una frase condivisa da due."));
        assert!(!repeated.contains("Oggi il derby è in prima pagina."));
        // Digits fold to 0: a footer with a changing year or count is one line.
        let mut counter = LineCounter::default();
        for year in 2015..2020 {
            counter.add(&document_keys(&format!("© {year} Gazzettino"), 200));
        }
        assert!(counter.repeated(3).contains("© 2024 Gazzettino"));
        assert_eq!(repeated.len(), 1);
    }
}
