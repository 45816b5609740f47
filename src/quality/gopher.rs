//! Gopher's quality and repetition rules (Rae et al. 2021, table A1), as datatrove's
//! `GopherQualityFilter` and `GopherRepetitionFilter` compute them.

use rustc_hash::FxHashSet;
use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::xxh3_64;

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

impl GopherQuality {
    /// Checks `text`, split into `words`, in datatrove's order; the first rule broken.
    pub(super) fn check(&self, text: &str, words: &[&str], stop_words: &StopWords) -> Verdict {
        // The words that are not only punctuation: how many, and their characters.
        let (kept, kept_chars) = words
            .iter()
            .filter(|w| !w.chars().all(is_punctuation))
            .fold((0usize, 0usize), |(n, chars), w| {
                (n + 1, chars + python_len(w))
            });
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
        let alpha = words
            .iter()
            .filter(|w| w.chars().any(char::is_alphabetic))
            .count();
        under(
            "gopher_below_alpha_threshold",
            alpha as f64 / n_words,
            self.min_alpha_words_ratio,
        )?;
        let found: FxHashSet<&str> = words
            .iter()
            .copied()
            .filter(|w| stop_words.contains(w))
            .collect();
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

/// An open-addressing table from 64-bit hashes (well mixed) to a value, for the n-gram
/// counts: one array, cleared between uses, a look-up a multiply and a probe or two.
struct Table<V: Copy + Default> {
    keys: Vec<u64>,
    values: Vec<V>,
    shift: u32,
}

impl<V: Copy + Default> Table<V> {
    /// A table for up to `n` keys.
    fn new(n: usize) -> Self {
        let size = (n * 2).next_power_of_two().max(16);
        Table {
            keys: vec![0; size],
            values: vec![V::default(); size],
            shift: 64 - size.trailing_zeros(),
        }
    }

    fn clear(&mut self) {
        self.keys.fill(0);
    }

    /// The value of `key`, and whether it was there (a new key starts at `V::default()`).
    fn entry(&mut self, key: u64) -> (&mut V, bool) {
        // 0 marks an empty slot.
        let key = key.max(1);
        let mask = self.keys.len() - 1;
        let mut at = (key.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> self.shift) as usize;
        loop {
            match self.keys[at] {
                0 => {
                    self.keys[at] = key;
                    self.values[at] = V::default();
                    return (&mut self.values[at], false);
                }
                k if k == key => return (&mut self.values[at], true),
                _ => at = (at + 1) & mask,
            }
        }
    }

    /// The values of the keys present.
    fn values(&self) -> impl Iterator<Item = V> + '_ {
        self.keys
            .iter()
            .zip(&self.values)
            .filter(|(k, _)| **k != 0)
            .map(|(_, v)| *v)
    }
}

/// A mixing step of the hashes of word sequences.
fn mix(hash: u64, word: u64) -> u64 {
    (hash.rotate_left(23) ^ word).wrapping_mul(0x9e37_79b9_7f4a_7c15)
}

/// The base of the polynomial hash of concatenated words (odd).
const BASE: u64 = 0x100_0000_01b3;

/// Equal concatenations of the words of `a` and `b` (`"".join`, where `ab c` equals `a bc`).
fn same_concatenation(a: &[&str], b: &[&str]) -> bool {
    a.iter()
        .flat_map(|w| w.bytes())
        .eq(b.iter().flat_map(|w| w.bytes()))
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
        // Each word hashed once, and the hashes of the windows of n words built from those of
        // n - 1 (one step per window and n): a strong hash for word sequences (`" ".join`
        // compares those, words holding no space), a polynomial one that composes over
        // concatenations (`"".join`, where `ab c` is `a bc`).
        let strong: Vec<u64> = words.iter().map(|w| xxh3_64(w.as_bytes())).collect();
        let polynomial: Vec<(u64, u64)> = words
            .iter()
            .map(|w| {
                w.bytes().fold((0u64, 1u64), |(h, power), b| {
                    (
                        h.wrapping_mul(BASE).wrapping_add(u64::from(b) + 1),
                        power.wrapping_mul(BASE),
                    )
                })
            })
            .collect();
        // Characters of the words before each word, so a window's are one subtraction.
        let mut before = Vec::with_capacity(words.len() + 1);
        before.push(0usize);
        for word in words {
            before.push(before[before.len() - 1] + python_len(word));
        }
        let chars_of = |from: usize, n: usize| before[from + n] - before[from];
        let longest = self
            .top_n_grams
            .iter()
            .chain(&self.dup_n_grams)
            .map(|&(n, _)| n)
            .max()
            .unwrap_or(0);
        let mut sequences: Vec<u64> = vec![0; words.len()];
        let mut concatenations: Vec<u64> = vec![0; words.len()];
        let mut counts: Table<(usize, usize)> = Table::new(words.len());
        let mut seen: Table<usize> = Table::new(words.len());
        // By n, shortest first: datatrove checks every top n-gram before any duplicated one, so
        // with a top n-gram longer than a duplicated one the rule named can differ (not whether
        // the document goes).
        for n in 1..=longest.min(words.len()) {
            let windows = words.len() + 1 - n;
            for i in 0..windows {
                let last = i + n - 1;
                sequences[i] = mix(sequences[i], strong[last]);
                let (hash, power) = polynomial[last];
                concatenations[i] = concatenations[i].wrapping_mul(power).wrapping_add(hash);
            }
            for &(_, limit) in self.top_n_grams.iter().filter(|&&(m, _)| m == n) {
                // Counter.most_common(1): the highest count, the first seen among equals.
                counts.clear();
                for (i, &key) in sequences[..windows].iter().enumerate() {
                    let (count, known) = counts.entry(key);
                    if !known {
                        *count = (0, i);
                    }
                    count.0 += 1;
                }
                let (count, first) = counts
                    .values()
                    .max_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)))
                    .unwrap_or((0, 0));
                let top = chars_of(first, n) + n - 1;
                over(top_rule(n), (top * count) as f64 / length, limit)?;
            }
            for &(_, limit) in self.dup_n_grams.iter().filter(|&&(m, _)| m == n) {
                // The first window seen with each concatenation's hash; a repeat is checked
                // byte for byte (a window colliding with a different one counts as new).
                seen.clear();
                let (mut repeated, mut at) = (0usize, 0usize);
                while at < windows {
                    let window = &words[at..at + n];
                    let (first, known) = seen.entry(concatenations[at]);
                    if !known {
                        *first = at;
                        at += 1;
                    } else if same_concatenation(&words[*first..*first + n], window) {
                        repeated += chars_of(at, n);
                        at += n;
                    } else {
                        at += 1;
                    }
                }
                over(duplicated_rule(n), repeated as f64 / length, limit)?;
            }
        }
        Ok(())
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
