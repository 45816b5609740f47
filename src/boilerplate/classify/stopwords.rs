//! Stop words of each language, from the `stop-words` crate (the stopwords-iso lists), keyed by
//! the ISO 639-3 codes language detection gives.

use std::collections::HashMap;
use std::sync::OnceLock;

use rustc_hash::FxHashSet;

/// A language's stop words (FxHash: looked up for every word of every line).
pub(crate) type StopWords = FxHashSet<&'static str>;

use crate::lang::{iso_639_1, parse_lang};

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
}
