//! Document quality filters, as the corpus builders run them: Gopher's quality and repetition
//! rules and FineWeb's, with datatrove's definitions, datatrove's default limits and
//! FineWeb-2's per-language limits and stop words, over one split of the text into words
//! ([`words`], spaCy's cuts).
//!
//! ```
//! use tamis::quality::{Quality, QualityConfig};
//!
//! let quality = Quality::new(&QualityConfig::default())?;
//! let menu = "Home\nNews\nSport\nWeather\nContact";
//! let drop = quality.judge(menu, "eng").unwrap_err();
//! assert_eq!((drop.filter, drop.measured.rule), ("gopher_quality", "gopher_short_doc"));
//! # Ok::<(), tamis::Error>(())
//! ```

mod c4;
mod calibrate;
mod char_classes;
mod fineweb;
mod fineweb2;
mod fineweb2_table;
mod gopher;
mod ngrams;
mod punctuation;
mod sentences;
mod spacy_exceptions;
mod text;
pub mod words;

pub use c4::{C4Quality, RemovedLine};
pub use calibrate::{CalibrationSettings, Calibrator, Sample};
pub use fineweb::FineWebQuality;
pub use fineweb2::fineweb2_languages;
use gopher::StopWords;
pub use gopher::{GOPHER_STOP_WORDS, GopherQuality, GopherRepetition};
pub use text::Measured;

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::sync::Arc;

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::lang::parse_lang;

/// The quality stage's settings: the filters with their limits for every language, FineWeb-2's
/// limits for the languages it covers, and a user's own per language.
///
/// For a document in language `L`: the three filters as set here; then, when `fineweb2` is on
/// and FineWeb-2 covers `L`, its limits and stop words for `L` (as its pipeline sets them);
/// then `languages.L`, whose settings (any of the three filters' fields) replace those.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct QualityConfig {
    /// Gopher's quality rules (datatrove's limits and Gopher's English stop words).
    pub gopher_quality: GopherQuality,
    /// Gopher's repetition rules.
    pub gopher_repetition: GopherRepetition,
    /// C4's rules (off by default: they remove lines).
    pub c4_quality: C4Quality,
    /// FineWeb's rules.
    pub fineweb_quality: FineWebQuality,
    /// Whether FineWeb-2's limits and stop words apply to the languages it covers (68 of the
    /// 70 tamis detects; not English, whose limits are the ones above).
    pub fineweb2: bool,
    /// Per language (ISO 639-1 or 639-3 code, or English name): settings replacing the
    /// language's, e.g. `{ fra = { gopher_quality = { min_doc_words = 100 } } }`.
    pub languages: BTreeMap<String, serde_json::Value>,
}

impl Default for QualityConfig {
    fn default() -> Self {
        QualityConfig {
            gopher_quality: GopherQuality::default(),
            gopher_repetition: GopherRepetition::default(),
            c4_quality: C4Quality::default(),
            fineweb_quality: FineWebQuality::default(),
            fineweb2: true,
            languages: BTreeMap::new(),
        }
    }
}

/// The four filters as they apply to one language.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QualityFilters {
    /// Gopher's quality rules.
    pub gopher_quality: GopherQuality,
    /// Gopher's repetition rules.
    pub gopher_repetition: GopherRepetition,
    /// C4's rules.
    #[serde(default)]
    pub c4_quality: C4Quality,
    /// FineWeb's rules.
    pub fineweb_quality: FineWebQuality,
}

impl QualityFilters {
    /// Refuses a limit that is negative or not a number, and an n-gram of no words.
    fn validate(&self, lang: &str) -> Result<()> {
        let (g, r, f) = (
            &self.gopher_quality,
            &self.gopher_repetition,
            &self.fineweb_quality,
        );
        let limits = [
            ("gopher_quality.min_avg_word_length", g.min_avg_word_length),
            ("gopher_quality.max_avg_word_length", g.max_avg_word_length),
            (
                "gopher_quality.max_symbol_word_ratio",
                g.max_symbol_word_ratio,
            ),
            (
                "gopher_quality.max_bullet_lines_ratio",
                g.max_bullet_lines_ratio,
            ),
            (
                "gopher_quality.max_ellipsis_lines_ratio",
                g.max_ellipsis_lines_ratio,
            ),
            (
                "gopher_quality.min_alpha_words_ratio",
                g.min_alpha_words_ratio,
            ),
            ("gopher_repetition.dup_para_frac", r.dup_para_frac),
            ("gopher_repetition.dup_para_char_frac", r.dup_para_char_frac),
            ("gopher_repetition.dup_line_frac", r.dup_line_frac),
            ("gopher_repetition.dup_line_char_frac", r.dup_line_char_frac),
            ("fineweb_quality.line_punct_thr", f.line_punct_thr),
            ("fineweb_quality.short_line_thr", f.short_line_thr),
            (
                "fineweb_quality.char_duplicates_ratio",
                f.char_duplicates_ratio,
            ),
            ("fineweb_quality.new_line_ratio", f.new_line_ratio),
        ];
        let n_grams = r.top_n_grams.iter().chain(&r.dup_n_grams);
        let bad = limits
            .into_iter()
            .map(|(name, value)| (name.to_string(), value))
            .chain(n_grams.map(|&(n, value)| (format!("gopher_repetition n-gram {n}"), value)))
            .find(|(_, value)| !(value.is_finite() && *value >= 0.0));
        let place = if lang.is_empty() {
            String::new()
        } else {
            format!(" (for {lang})")
        };
        if let Some((name, value)) = bad {
            return Err(Error::config(
                "quality",
                format!("`quality.{name}`{place} is {value}: a limit is a number, 0 or more"),
            ));
        }
        if let Some(&(n, _)) = r
            .top_n_grams
            .iter()
            .chain(&r.dup_n_grams)
            .find(|(n, _)| *n == 0)
        {
            return Err(Error::config(
                "quality",
                format!(
                    "`quality.gopher_repetition`{place}: an n-gram of {n} words; n is 1 or more"
                ),
            ));
        }
        Ok(())
    }
}

/// Why a document fails: the filter, and the rule with what the document measured.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct QualityDrop {
    /// `gopher_quality`, `gopher_repetition`, `c4_quality` or `fineweb_quality`.
    pub filter: &'static str,
    /// The rule broken, the value and the limit.
    pub measured: Measured,
}

/// A document that passed: its text (C4's rules may have removed lines) and the lines removed.
#[derive(Debug, Clone, PartialEq)]
pub struct Passed<'a> {
    /// The text as the filters leave it (the text given when C4's rules are off).
    pub text: Cow<'a, str>,
    /// The lines C4's rules removed, in order.
    pub removed: Vec<RemovedLine>,
}

/// One language's filters, ready to run.
#[derive(Debug)]
struct Ready {
    filters: QualityFilters,
    stop_words: StopWords,
}

impl Ready {
    fn new(filters: QualityFilters) -> Arc<Ready> {
        Arc::new(Ready {
            stop_words: StopWords::new(&filters.gopher_quality.stop_words),
            filters,
        })
    }
}

/// The filters, ready to judge documents of every language.
#[derive(Debug, Clone)]
pub struct Quality {
    base: Arc<Ready>,
    by_lang: FxHashMap<&'static str, Arc<Ready>>,
}

/// `value` with `patch`'s fields written over it, tables merged field by field.
fn merge(value: &mut serde_json::Value, patch: &serde_json::Value) {
    match (value, patch) {
        (serde_json::Value::Object(value), serde_json::Value::Object(patch)) => {
            for (key, field) in patch {
                match value.get_mut(key) {
                    Some(existing) => merge(existing, field),
                    None => {
                        value.insert(key.clone(), field.clone());
                    }
                }
            }
        }
        (value, patch) => *value = patch.clone(),
    }
}

impl Quality {
    /// The filters of `config` for every language; fails when a per-language table names an
    /// unknown language or setting.
    pub fn new(config: &QualityConfig) -> Result<Quality> {
        let base = QualityFilters {
            gopher_quality: config.gopher_quality.clone(),
            gopher_repetition: config.gopher_repetition.clone(),
            c4_quality: config.c4_quality.clone(),
            fineweb_quality: config.fineweb_quality.clone(),
        };
        let mut by_lang: FxHashMap<&'static str, QualityFilters> = FxHashMap::default();
        if config.fineweb2 {
            for row in fineweb2::rows() {
                let mut filters = base.clone();
                row.apply(&mut filters);
                by_lang.insert(row.lang, filters);
            }
        }
        for (name, patch) in &config.languages {
            let lang = parse_lang(name)
                .map_err(|e| {
                    Error::config("quality.languages", format!("`quality.languages`: {e}"))
                })?
                .code();
            let filters = by_lang.get(lang).unwrap_or(&base);
            let mut value = serde_json::to_value(filters)
                .map_err(|e| Error::config("quality.languages", e.to_string()))?;
            merge(&mut value, patch);
            let filters: QualityFilters = serde_json::from_value(value).map_err(|e| {
                Error::config(
                    "quality.languages",
                    format!(
                        "`quality.languages`: the settings for \"{name}\": {}",
                        e.to_string().replace('`', "\"")
                    ),
                )
            })?;
            by_lang.insert(lang, filters);
        }
        base.validate("")?;
        for (lang, filters) in &by_lang {
            filters.validate(lang)?;
        }
        Ok(Quality {
            base: Ready::new(base),
            by_lang: by_lang
                .into_iter()
                .map(|(lang, f)| (lang, Ready::new(f)))
                .collect(),
        })
    }

    /// The filters as they apply to `lang` (ISO 639-3, or `und`).
    pub fn filters(&self, lang: &str) -> &QualityFilters {
        &self.ready(lang).filters
    }

    fn ready(&self, lang: &str) -> &Ready {
        self.by_lang.get(lang).unwrap_or(&self.base)
    }

    /// Whether C4's rules, which remove lines, are on for some language.
    pub fn rewrites_text(&self) -> bool {
        self.base.filters.c4_quality.enabled
            || self.by_lang.values().any(|r| r.filters.c4_quality.enabled)
    }

    /// What leaves the filters when `text` (in `lang`, ISO 639-3) passes every filter that is
    /// on; else the first rule it breaks, filters in the order Gopher quality, Gopher
    /// repetition, C4, FineWeb (FineWeb's measured on the lines C4 kept).
    pub fn judge<'a>(
        &self,
        text: &'a str,
        lang: &str,
    ) -> std::result::Result<Passed<'a>, QualityDrop> {
        let Ready {
            filters,
            stop_words,
        } = self.ready(lang);
        let mut passed = Passed {
            text: Cow::Borrowed(text),
            removed: Vec::new(),
        };
        if !(filters.gopher_quality.enabled
            || filters.gopher_repetition.enabled
            || filters.c4_quality.enabled
            || filters.fineweb_quality.enabled)
        {
            return Ok(passed);
        }
        let language = words::Language::of(lang);
        let words = words::words(text, language);
        let fail = |filter| move |measured| QualityDrop { filter, measured };
        if filters.gopher_quality.enabled {
            filters
                .gopher_quality
                .check(text, &words, stop_words)
                .map_err(fail("gopher_quality"))?;
        }
        if filters.gopher_repetition.enabled {
            filters
                .gopher_repetition
                .check(text, &words)
                .map_err(fail("gopher_repetition"))?;
        }
        if filters.c4_quality.enabled {
            let kept = filters
                .c4_quality
                .check(text, language)
                .map_err(fail("c4_quality"))?;
            passed = Passed {
                text: kept.text,
                removed: kept.removed,
            };
        }
        if filters.fineweb_quality.enabled {
            let fineweb = &filters.fineweb_quality;
            match &passed.text {
                Cow::Borrowed(text) => fineweb.check(text, &words),
                Cow::Owned(text) => fineweb.check(text, &words::words(text, language)),
            }
            .map_err(fail("fineweb_quality"))?;
        }
        Ok(passed)
    }
}

#[cfg(test)]
mod tests;
