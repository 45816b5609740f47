//! Gopher's quality and repetition rules (Rae et al. 2021, table A1), as datatrove's
//! `GopherQualityFilter` and `GopherRepetitionFilter` compute them.

use rustc_hash::FxHashSet;
use serde::{Deserialize, Serialize};

use super::ngrams::{self, Measure};
use super::punctuation::is_punctuation;
use super::text::{Measured, python_len, python_splitlines, strip};

/// Gopher's quality rules; a limit of 0 turns its rule off (as datatrove's `None`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct GopherQuality {
    /// Whether the rules run.
    pub enabled: bool,
    /// Fewest words that are not only punctuation.
    pub min_doc_words: usize,
    /// Most words that are not only punctuation.
    pub max_doc_words: usize,
    /// Least mean length of those words, in characters.
    pub min_avg_word_length: f64,
    /// Greatest mean length of those words.
    pub max_avg_word_length: f64,
    /// Most `#`, and most ellipses (`...`, `…`), per word.
    pub max_symbol_word_ratio: f64,
    /// Most lines opening with a bullet (`•`, `-`), as a share of lines.
    pub max_bullet_lines_ratio: f64,
    /// Most lines ending with an ellipsis, as a share of lines.
    pub max_ellipsis_lines_ratio: f64,
    /// Least share of words holding a letter (datatrove's `max_non_alpha_words_ratio`).
    pub min_alpha_words_ratio: f64,
    /// Fewest distinct stop words.
    pub min_stop_words: usize,
    /// The stop words (case-sensitive, as datatrove compares them); Gopher's English eight
    /// when left out.
    pub stop_words: Vec<String>,
}

/// Gopher's English stop words, datatrove's default for every language.
pub const GOPHER_STOP_WORDS: [&str; 8] = ["the", "be", "to", "of", "and", "that", "have", "with"];

impl Default for GopherQuality {
    fn default() -> Self {
        GopherQuality {
            enabled: true,
            min_doc_words: 50,
            max_doc_words: 100_000,
            min_avg_word_length: 3.0,
            max_avg_word_length: 10.0,
            max_symbol_word_ratio: 0.1,
            max_bullet_lines_ratio: 0.9,
            max_ellipsis_lines_ratio: 0.3,
            min_alpha_words_ratio: 0.8,
            min_stop_words: 2,
            stop_words: GOPHER_STOP_WORDS.iter().map(|w| w.to_string()).collect(),
        }
    }
}

/// A language's stop words, for look-ups: the set, and the longest one's length (longer words
/// are not looked up).
#[derive(Debug)]
pub(super) struct StopWords {
    set: FxHashSet<String>,
    longest: usize,
}

impl StopWords {
    pub(super) fn new(words: &[String]) -> StopWords {
        StopWords {
            set: words.iter().cloned().collect(),
            longest: words.iter().map(String::len).max().unwrap_or(0),
        }
    }

    fn contains(&self, word: &str) -> bool {
        word.len() <= self.longest && self.set.contains(word)
    }
}

/// A value over (or under) its limit: `Err` names the rule.
type Verdict = Result<(), Measured>;

fn over(rule: &'static str, value: f64, limit: f64) -> Verdict {
    if limit != 0.0 && value > limit {
        Err(Measured { rule, value, limit })
    } else {
        Ok(())
    }
}

fn under(rule: &'static str, value: f64, limit: f64) -> Verdict {
    if limit != 0.0 && value < limit {
        Err(Measured { rule, value, limit })
    } else {
        Ok(())
    }
}

/// What Gopher's quality rules count of a text's words.
pub(super) struct WordCounts {
    /// The words that are not only punctuation.
    pub kept: usize,
    /// Their characters.
    pub kept_chars: usize,
    /// The words holding a letter.
    pub alpha: usize,
}

impl WordCounts {
    pub(super) fn of(words: &[&str]) -> WordCounts {
        let mut counts = WordCounts {
            kept: 0,
            kept_chars: 0,
            alpha: 0,
        };
        for word in words {
            let (symbol, chars, letter) = if word.is_ascii() {
                let bytes = word.as_bytes();
                (
                    bytes.iter().all(|&b| is_punctuation(char::from(b))),
                    bytes.len(),
                    bytes.iter().any(u8::is_ascii_alphabetic),
                )
            } else {
                (
                    word.chars().all(is_punctuation),
                    python_len(word),
                    word.chars().any(char::is_alphabetic),
                )
            };
            if !symbol {
                counts.kept += 1;
                counts.kept_chars += chars;
            }
            counts.alpha += usize::from(letter);
        }
        counts
    }
}

impl GopherQuality {
    /// Checks `text`, split into `words`, in datatrove's order; the first rule broken.
    pub(super) fn check(&self, text: &str, words: &[&str], stop_words: &StopWords) -> Verdict {
        let WordCounts {
            kept,
            kept_chars,
            alpha,
        } = WordCounts::of(words);
        let n_kept = kept as f64;
        under("gopher_short_doc", n_kept, self.min_doc_words as f64)?;
        over("gopher_long_doc", n_kept, self.max_doc_words as f64)?;
        // numpy's mean of nothing is NaN, which no comparison takes.
        let mean = kept_chars as f64 / n_kept;
        under("gopher_below_avg_threshold", mean, self.min_avg_word_length)?;
        over("gopher_above_avg_threshold", mean, self.max_avg_word_length)?;
        // With no words (possible only with the word-count rule off, where datatrove divides by
        // zero and fails), 0 / 0 is NaN and passes, a hash over no words is infinite and fails.
        let n_words = words.len() as f64;
        let hashes = text.matches('#').count() as f64;
        over(
            "gopher_too_many_hashes",
            hashes / n_words,
            self.max_symbol_word_ratio,
        )?;
        let ellipses = (text.matches("...").count() + text.matches('…').count()) as f64;
        over(
            "gopher_too_many_ellipsis",
            ellipses / n_words,
            self.max_symbol_word_ratio,
        )?;
        let (mut n_lines, mut bullets, mut trailing) = (0usize, 0usize, 0usize);
        for line in python_splitlines(text) {
            n_lines += 1;
            let stripped = strip(line);
            bullets += usize::from(stripped.starts_with('•') || stripped.starts_with('-'));
            trailing += usize::from(stripped.ends_with("...") || stripped.ends_with('…'));
        }
        let n_lines = n_lines as f64;
        over(
            "gopher_too_many_bullets",
            bullets as f64 / n_lines,
            self.max_bullet_lines_ratio,
        )?;
        over(
            "gopher_too_many_end_ellipsis",
            trailing as f64 / n_lines,
            self.max_ellipsis_lines_ratio,
        )?;
        under(
            "gopher_below_alpha_threshold",
            alpha as f64 / n_words,
            self.min_alpha_words_ratio,
        )?;
        // Counted until enough are found: the count is exact whenever the rule fails.
        let mut found: Vec<&str> = Vec::new();
        for &word in words {
            if found.len() >= self.min_stop_words {
                break;
            }
            if stop_words.contains(word) && !found.contains(&word) {
                found.push(word);
            }
        }
        under(
            "gopher_enough_stop_words",
            found.len() as f64,
            self.min_stop_words as f64,
        )
    }
}

/// Gopher's repetition rules; a limit of 0 turns its rule off.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct GopherRepetition {
    /// Whether the rules run.
    pub enabled: bool,
    /// Most paragraphs (split at blank lines) that repeat an earlier one, as a share.
    pub dup_para_frac: f64,
    /// Most characters in repeated paragraphs, as a share of the text's.
    pub dup_para_char_frac: f64,
    /// Most lines that repeat an earlier one, as a share.
    pub dup_line_frac: f64,
    /// Most characters in repeated lines, as a share of the text's.
    pub dup_line_char_frac: f64,
    /// `(n, limit)`: most characters covered by the most frequent word n-gram.
    pub top_n_grams: Vec<(usize, f64)>,
    /// `(n, limit)`: most characters in word n-grams that repeat an earlier one.
    pub dup_n_grams: Vec<(usize, f64)>,
}

impl Default for GopherRepetition {
    fn default() -> Self {
        GopherRepetition {
            enabled: true,
            dup_para_frac: 0.3,
            dup_para_char_frac: 0.2,
            dup_line_frac: 0.3,
            dup_line_char_frac: 0.2,
            top_n_grams: vec![(2, 0.2), (3, 0.18), (4, 0.16)],
            dup_n_grams: vec![
                (5, 0.15),
                (6, 0.14),
                (7, 0.13),
                (8, 0.12),
                (9, 0.11),
                (10, 0.10),
            ],
        }
    }
}

/// How many of `parts` repeat an earlier one, and their characters (datatrove's
/// `find_duplicates`).
pub(super) fn find_duplicates<'a>(parts: impl Iterator<Item = &'a str>) -> (usize, usize, usize) {
    let mut seen = FxHashSet::default();
    let (mut total, mut count, mut chars) = (0, 0, 0);
    for part in parts {
        total += 1;
        if !seen.insert(part) {
            count += 1;
            chars += python_len(part);
        }
    }
    (total, count, chars)
}

/// Splits at runs of `min_run` or more line feeds (`re.split("\n{2,}")`, `re.split("\n+")`).
fn split_at_line_feeds(text: &str, min_run: usize) -> impl Iterator<Item = &str> {
    let bytes = text.as_bytes();
    let mut start = 0;
    let mut at = 0;
    let mut done = false;
    std::iter::from_fn(move || {
        if done {
            return None;
        }
        while at < bytes.len() {
            if bytes[at] == b'\n' {
                let run = bytes[at..].iter().take_while(|&&b| b == b'\n').count();
                if run >= min_run {
                    let part = &text[start..at];
                    at += run;
                    start = at;
                    return Some(part);
                }
                at += run;
            } else {
                at += 1;
            }
        }
        done = true;
        Some(&text[start..])
    })
}

impl GopherRepetition {
    /// Checks `text`, split into `words`, in datatrove's order; the first rule broken.
    pub(super) fn check(&self, text: &str, words: &[&str]) -> Verdict {
        let length = python_len(text) as f64;
        let (paragraphs, repeated, chars) = find_duplicates(split_at_line_feeds(strip(text), 2));
        over(
            "dup_para_frac",
            repeated as f64 / paragraphs as f64,
            self.dup_para_frac,
        )?;
        over(
            "dup_para_char_frac",
            chars as f64 / length,
            self.dup_para_char_frac,
        )?;
        let (lines, repeated, chars) = find_duplicates(split_at_line_feeds(text, 1));
        over(
            "dup_line_frac",
            repeated as f64 / lines as f64,
            self.dup_line_frac,
        )?;
        over(
            "dup_line_char_frac",
            chars as f64 / length,
            self.dup_line_char_frac,
        )?;
        ngrams::check(words, length, &self.top_n_grams, &self.dup_n_grams).map_err(
            |(measure, value, limit)| Measured {
                rule: match measure {
                    Measure::Top(n) => top_rule(n),
                    Measure::Duplicated(n) => duplicated_rule(n),
                },
                value,
                limit,
            },
        )
    }
}

/// `top_{n}_gram`, for the n-grams datatrove names.
fn top_rule(n: usize) -> &'static str {
    match n {
        1 => "top_1_gram",
        2 => "top_2_gram",
        3 => "top_3_gram",
        4 => "top_4_gram",
        5 => "top_5_gram",
        _ => "top_n_gram",
    }
}

/// `duplicated_{n}_n_grams`.
fn duplicated_rule(n: usize) -> &'static str {
    match n {
        1 => "duplicated_1_n_grams",
        2 => "duplicated_2_n_grams",
        3 => "duplicated_3_n_grams",
        4 => "duplicated_4_n_grams",
        5 => "duplicated_5_n_grams",
        6 => "duplicated_6_n_grams",
        7 => "duplicated_7_n_grams",
        8 => "duplicated_8_n_grams",
        9 => "duplicated_9_n_grams",
        10 => "duplicated_10_n_grams",
        _ => "duplicated_n_grams",
    }
}
