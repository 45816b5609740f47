//! Stop words of each language, from the `stop-words` crate (the stopwords-iso lists), keyed by
//! the ISO 639-3 codes language detection gives.

use std::collections::HashMap;
use std::sync::OnceLock;

use rustc_hash::FxHashSet;

use crate::lang::{iso_639_1, parse_lang};

/// A language's stop words, looked up for every word of every line: a word of at most
/// [`PACKED`] bytes as one number (its bytes and its length), hashed and compared in a few
/// instructions, a longer one as a string.
#[derive(Debug, Default)]
pub(crate) struct StopWords {
    short: FxHashSet<u128>,
    long: FxHashSet<&'static str>,
}

/// The longest word [`StopWords`] holds as a number: its bytes, then its length in the last.
const PACKED: usize = 15;

/// `word`'s bytes and its length in one number, when it has at most [`PACKED`] bytes (two words
/// give the same number only when they are the same).
#[inline(always)]
fn packed(word: &str) -> Option<u128> {
    let bytes = word.as_bytes();
    if bytes.len() > PACKED {
        return None;
    }
    let mut key = [0u8; 16];
    key[..bytes.len()].copy_from_slice(bytes);
    key[PACKED] = bytes.len() as u8;
    Some(u128::from_le_bytes(key))
}

impl StopWords {
    /// Whether `word` is one of the stop words (as it is: the lists are lowercase).
    #[inline]
    pub(crate) fn contains(&self, word: &str) -> bool {
        match packed(word) {
            Some(key) => self.short.contains(&key),
            None => self.long.contains(word),
        }
    }

    /// How many stop words there are.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.short.len() + self.long.len()
    }
}

impl FromIterator<&'static str> for StopWords {
    fn from_iter<I: IntoIterator<Item = &'static str>>(words: I) -> Self {
        let mut set = StopWords::default();
        for word in words {
            match packed(word) {
                Some(key) => set.short.insert(key),
                None => set.long.insert(word),
            };
        }
        set
    }
}

/// The stop-word set of `lang` (ISO 639-3, as detected); `None` for `und` and for languages the
/// lists do not cover.
pub(crate) fn stop_words(lang: &str) -> Option<&'static StopWords> {
    static SETS: OnceLock<HashMap<String, StopWords>> = OnceLock::new();
    SETS.get_or_init(build).get(lang)
}

fn build() -> HashMap<String, StopWords> {
    let mut sets = HashMap::new();
    for &code in stop_words::available_languages() {
        let Ok(lang) = parse_lang(code) else {
            continue;
        };
        if iso_639_1(lang) != code {
            continue;
        }
        if let Some(words) = stop_words::lookup(code) {
            sets.insert(lang.code().to_owned(), words.iter().copied().collect());
        }
    }
    sets
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mission_languages_have_stop_words() {
        for lang in [
            "fra", "eng", "deu", "spa", "ita", "por", "rus", "pol", "nld", "ara", "cmn", "jpn",
        ] {
            assert!(stop_words(lang).is_some_and(|s| s.len() > 100), "{lang}");
        }
        assert!(stop_words("fra").unwrap().contains("les"));
        assert!(stop_words("und").is_none());
    }

    #[test]
    fn every_listed_word_is_found_and_no_other() {
        for &code in stop_words::available_languages() {
            let Some(words) = stop_words::lookup(code) else {
                continue;
            };
            let set: StopWords = words.iter().copied().collect();
            let plain: FxHashSet<&str> = words.iter().copied().collect();
            assert_eq!(set.len(), plain.len(), "{code}");
            for word in words {
                assert!(set.contains(word), "{code}: {word}");
                // The word with a letter more or less, or a byte changed, at any length (the
                // packed words are compared with their length).
                for other in [
                    format!("{word}s"),
                    format!("{word}\0"),
                    word.chars().skip(1).collect::<String>(),
                    word.to_uppercase(),
                ] {
                    assert_eq!(
                        set.contains(&other),
                        plain.contains(other.as_str()),
                        "{code}: {other}"
                    );
                }
            }
        }
        let long = "abcdefghijklmnopqrstuvwxyz";
        let set: StopWords = ["a", long, "abcdefghijklmno"].into_iter().collect();
        assert!(set.contains(long) && set.contains("abcdefghijklmno") && set.contains("a"));
        for absent in ["", "a\0", "abcdefghijklmnop", &long[..25], "b"] {
            assert!(!set.contains(absent), "{absent:?}");
        }
    }
}
