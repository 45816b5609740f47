//! Per-language limits and stop words computed from a reference corpus a user trusts, the way
//! FineWeb-2 derived its own: stop words are the words above a share of all words, and the
//! word-length bounds and ratios are where the reference documents' distribution of each
//! measure leaves a small tail. Repetition limits are left as they are: clean text repeats
//! little in any language, so its distribution says nothing of where junk begins.
//!
//! ```
//! use tamis::quality::{Calibrator, CalibrationSettings};
//!
//! let settings = CalibrationSettings { min_documents: 2, ..CalibrationSettings::default() };
//! let mut calibrator = Calibrator::new(settings);
//! let text = "Le conseil a voté le budget de la ville.\nLes travaux de la gare commencent en mai.";
//! for _ in 0..3 {
//!     calibrator.add(Calibrator::measure(text, "fra"));
//! }
//! let (limits, _notices) = calibrator.finish();
//! let stop_words = &limits["fra"]["gopher_quality"]["stop_words"];
//! assert!(stop_words.as_array().unwrap().iter().any(|w| w == "la"));
//! ```

use std::collections::BTreeMap;

use rustc_hash::FxHashMap;
use serde_json::{Value, json};

use super::fineweb::{ending_share, non_blank_lines};
use super::gopher::WordCounts;
use super::words::{Language, words};

/// How limits are read from the reference distributions.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CalibrationSettings {
    /// The share of reference documents each limit leaves past it (0.01: a limit passes 99% of
    /// them).
    pub tail: f64,
    /// The least share of all words a stop word has (0.008: 0.8%).
    pub stop_word_share: f64,
    /// Documents of a language measured at most (the first ones read).
    pub max_documents: usize,
    /// Documents a language needs to be calibrated.
    pub min_documents: usize,
}

impl Default for CalibrationSettings {
    fn default() -> Self {
        CalibrationSettings {
            tail: 0.01,
            stop_word_share: 0.008,
            max_documents: 100_000,
            min_documents: 50,
        }
    }
}

/// The measures of one reference document.
#[derive(Debug, Clone, PartialEq)]
pub struct Sample {
    /// Its language (ISO 639-3).
    pub lang: &'static str,
    /// Mean length of the words that are not only punctuation.
    mean_word_length: f64,
    /// Share of words holding a letter.
    alpha_words_ratio: f64,
    /// Share of non-blank lines ending with terminal punctuation.
    line_punct_ratio: f64,
    /// Line feeds per word.
    new_line_ratio: f64,
    /// Its words holding a letter, with their counts (case kept: stop words compare so).
    words: Vec<(String, u32)>,
    /// All its words.
    total_words: u64,
}

/// The samples of one language.
#[derive(Debug, Default)]
struct Samples {
    measures: Vec<[f64; 4]>,
    words: FxHashMap<String, u64>,
    total_words: u64,
}

/// Gathers reference documents' measures, language by language, and turns them into limits.
#[derive(Debug)]
pub struct Calibrator {
    settings: CalibrationSettings,
    by_lang: BTreeMap<&'static str, Samples>,
    /// Documents of each language past `max_documents`, not measured.
    skipped: BTreeMap<&'static str, u64>,
}

impl Calibrator {
    /// An empty calibrator.
    pub fn new(settings: CalibrationSettings) -> Calibrator {
        Calibrator {
            settings,
            by_lang: BTreeMap::new(),
            skipped: BTreeMap::new(),
        }
    }

    /// The measures of `text`, a document in `lang` (ISO 639-3); `None` when it has no word.
    /// Independent of the calibrator: run it in parallel, then [`add`](Calibrator::add) in
    /// order.
    pub fn measure(text: &str, lang: &'static str) -> Option<Sample> {
        let words = words(text, Language::of(lang));
        if words.is_empty() {
            return None;
        }
        let n_words = words.len() as f64;
        // Measured as the quality stage measures them.
        let WordCounts {
            kept,
            kept_chars,
            alpha,
        } = WordCounts::of(&words);
        let mut counts: FxHashMap<&str, u32> = FxHashMap::default();
        for &word in words.iter().filter(|w| w.chars().any(char::is_alphabetic)) {
            *counts.entry(word).or_default() += 1;
        }
        let non_blank = non_blank_lines(text);
        let mut words: Vec<(String, u32)> = counts
            .into_iter()
            .map(|(word, count)| (word.to_string(), count))
            .collect();
        words.sort_unstable();
        Some(Sample {
            lang,
            mean_word_length: if kept == 0 {
                f64::NAN
            } else {
                kept_chars as f64 / kept as f64
            },
            alpha_words_ratio: alpha as f64 / n_words,
            line_punct_ratio: ending_share(&non_blank),
            new_line_ratio: text.matches('\n').count() as f64 / n_words,
            words,
            total_words: n_words as u64,
        })
    }

    /// Adds a document's measures (`None`, a document without words, is left out).
    pub fn add(&mut self, sample: Option<Sample>) {
        let Some(sample) = sample else {
            return;
        };
        let samples = self.by_lang.entry(sample.lang).or_default();
        if samples.measures.len() >= self.settings.max_documents {
            *self.skipped.entry(sample.lang).or_default() += 1;
            return;
        }
        samples.measures.push([
            sample.mean_word_length,
            sample.alpha_words_ratio,
            sample.line_punct_ratio,
            sample.new_line_ratio,
        ]);
        samples.total_words += sample.total_words;
        for (word, count) in sample.words {
            *samples.words.entry(word).or_default() += u64::from(count);
        }
    }

    /// Documents measured, per language.
    pub fn documents(&self) -> BTreeMap<&'static str, usize> {
        self.by_lang
            .iter()
            .map(|(lang, samples)| (*lang, samples.measures.len()))
            .collect()
    }

    /// The settings of each language with enough documents, as a quality stage's `languages`
    /// table takes them, and a notice for each language left out or cut short.
    pub fn finish(&self) -> (BTreeMap<String, Value>, Vec<String>) {
        let (mut limits, mut notices) = (BTreeMap::new(), Vec::new());
        for (lang, samples) in &self.by_lang {
            let n = samples.measures.len();
            if n < self.settings.min_documents {
                notices.push(format!(
                    "{lang}: {n} document(s) with words, fewer than the {} needed: not calibrated",
                    self.settings.min_documents
                ));
                continue;
            }
            if let Some(skipped) = self.skipped.get(lang) {
                notices.push(format!(
                    "{lang}: the first {n} documents measured, {skipped} more left out (--max-documents)"
                ));
            }
            limits.insert(lang.to_string(), self.limits_of(samples));
        }
        (limits, notices)
    }

    /// One language's settings from its samples.
    fn limits_of(&self, samples: &Samples) -> Value {
        let tail = self.settings.tail;
        let column = |i: usize| -> Vec<f64> {
            let mut values: Vec<f64> = samples
                .measures
                .iter()
                .map(|m| m[i])
                .filter(|v| v.is_finite())
                .collect();
            values.sort_by(f64::total_cmp);
            values
        };
        // The value leaving `share` of the documents below it (nearest rank).
        let quantile = |i: usize, share: f64| -> f64 {
            let values = column(i);
            if values.is_empty() {
                return 0.0;
            }
            let at = ((share * (values.len() - 1) as f64).round() as usize).min(values.len() - 1);
            values[at]
        };
        // Rounded to three decimals outwards, so rounding fails no more of the reference.
        let low = |i| (quantile(i, tail) * 1000.0).floor() / 1000.0;
        let high = |i| (quantile(i, 1.0 - tail) * 1000.0).ceil() / 1000.0;
        let mut stop_words: Vec<(&String, u64)> = samples
            .words
            .iter()
            .filter(|(_, count)| {
                **count as f64 >= self.settings.stop_word_share * samples.total_words as f64
            })
            .map(|(word, count)| (word, *count))
            .collect();
        stop_words.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        let stop_words: Vec<&String> = stop_words.into_iter().map(|(w, _)| w).collect();
        json!({
            "gopher_quality": {
                "min_avg_word_length": low(0),
                "max_avg_word_length": high(0),
                "min_alpha_words_ratio": low(1),
                "stop_words": stop_words,
            },
            "fineweb_quality": {
                "line_punct_thr": low(2),
                "new_line_ratio": high(3),
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PROSE: [&str; 4] = [
        "Le conseil municipal a voté mardi le budget de la ville pour l'année prochaine.",
        "Les travaux de la gare commencent en mai et dureront deux ans, selon le maire.",
        "Une partie des crédits ira aux écoles, qui en ont besoin depuis la tempête.",
        "Les habitants pourront donner leur avis lors d'une réunion publique en juin.",
    ];

    #[test]
    fn limits_come_from_the_reference_distributions_and_stop_words_from_shares() {
        // Four sentences make a small vocabulary: every word is over 0.8% of them.
        let settings = CalibrationSettings {
            tail: 0.1,
            min_documents: 10,
            stop_word_share: 0.03,
            ..CalibrationSettings::default()
        };
        let mut calibrator = Calibrator::new(settings);
        for i in 0..40 {
            // Documents of two to five lines; a tenth repeat a line.
            let mut lines: Vec<&str> = (0..2 + i % 4).map(|k| PROSE[(i + k) % 4]).collect();
            if i % 10 == 0 {
                lines.push(lines[0]);
            }
            calibrator.add(Calibrator::measure(&lines.join("\n"), "fra"));
        }
        calibrator.add(Calibrator::measure("Hallo Welt, wie geht es?", "deu"));
        calibrator.add(Calibrator::measure("   ", "fra"));
        assert_eq!(calibrator.documents()["fra"], 40);
        let (limits, notices) = calibrator.finish();
        assert!(notices[0].starts_with("deu: 1 document(s)"), "{notices:?}");
        let fra = &limits["fra"];
        // Every line ends with a full stop; documents have two to six lines of 13 or 14 words.
        assert_eq!(fra["fineweb_quality"]["line_punct_thr"], 1.0);
        let new_lines = fra["fineweb_quality"]["new_line_ratio"].as_f64().unwrap();
        assert!((0.05..0.1).contains(&new_lines), "{new_lines}");
        let (min, max) = (
            fra["gopher_quality"]["min_avg_word_length"]
                .as_f64()
                .unwrap(),
            fra["gopher_quality"]["max_avg_word_length"]
                .as_f64()
                .unwrap(),
        );
        assert!(3.5 < min && min <= max && max < 6.0, "{min} {max}");
        assert!(fra.get("gopher_repetition").is_none());
        let stop_words: Vec<String> = fra["gopher_quality"]["stop_words"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|w| Some(w.as_str()?.to_string()))
            .collect();
        let stop_words: Vec<&str> = stop_words.iter().map(String::as_str).collect();
        // The most frequent first (`en` and `la`, three times in four lines), ties by spelling.
        assert_eq!(stop_words[..2], ["en", "la"]);
        assert!(stop_words.contains(&"de") && !stop_words.contains(&"tempête"));
        // The settings are ones the quality stage takes.
        let config = crate::quality::QualityConfig {
            languages: limits.into_iter().collect(),
            ..Default::default()
        };
        let quality = crate::quality::Quality::new(&config).unwrap();
        let text = PROSE.join("\n");
        assert_eq!(
            quality.filters("fra").gopher_quality.stop_words[0],
            stop_words[0]
        );
        // The reference's own text passes its limits.
        assert_eq!(quality.judge(&text, "fra").err(), None);
    }
}
