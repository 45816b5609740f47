//! FineWeb's quality rules (Penedo et al. 2024), as datatrove's `FineWebQualityFilter` computes
//! them.

use serde::{Deserialize, Serialize};

use super::gopher::find_duplicates;
use super::punctuation::is_terminal_punctuation;
use super::text::{Measured, python_len, strip};

/// FineWeb's rules.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct FineWebQuality {
    /// Whether the rules run.
    pub enabled: bool,
    /// Least share of non-blank lines ending with terminal punctuation.
    pub line_punct_thr: f64,
    /// Whether a text with no such line at all passes that rule.
    pub line_punct_exclude_zero: bool,
    /// Most share of non-blank lines of `short_line_length` characters or fewer.
    pub short_line_thr: f64,
    /// What a short line is, in characters.
    pub short_line_length: usize,
    /// Most characters in repeated lines, as a share of the text's (line feeds not counted).
    pub char_duplicates_ratio: f64,
    /// Most line feeds per word.
    pub new_line_ratio: f64,
}

impl Default for FineWebQuality {
    fn default() -> Self {
        FineWebQuality {
            enabled: true,
            line_punct_thr: 0.12,
            line_punct_exclude_zero: false,
            short_line_thr: 0.67,
            short_line_length: 30,
            char_duplicates_ratio: 0.01,
            new_line_ratio: 0.3,
        }
    }
}

/// The lines of `text` (cut at line feeds) that hold more than whitespace.
pub(super) fn non_blank_lines(text: &str) -> Vec<&str> {
    crate::lines::split_lines(text)
        .filter(|l| !strip(l).is_empty())
        .collect()
}

/// The share of `lines` ending with terminal punctuation (NaN when there are none).
pub(super) fn ending_share(lines: &[&str]) -> f64 {
    lines
        .iter()
        .filter(|l| l.chars().next_back().is_some_and(is_terminal_punctuation))
        .count() as f64
        / lines.len() as f64
}

impl FineWebQuality {
    /// Checks `text`, split into `words`, in datatrove's order; the first rule broken.
    pub(super) fn check(&self, text: &str, words: &[&str]) -> Result<(), Measured> {
        let lines = non_blank_lines(text);
        if lines.is_empty() {
            return Err(Measured {
                rule: "empty",
                value: 0.0,
                limit: 0.0,
            });
        }
        let n_lines = lines.len() as f64;
        let ending = ending_share(&lines);
        if ending < self.line_punct_thr && !(ending == 0.0 && self.line_punct_exclude_zero) {
            return Err(Measured {
                rule: "line_punct_ratio",
                value: ending,
                limit: self.line_punct_thr,
            });
        }
        let short = lines
            .iter()
            .filter(|l| python_len(l) <= self.short_line_length)
            .count() as f64
            / n_lines;
        if short > self.short_line_thr {
            return Err(Measured {
                rule: "short_line_ratio",
                value: short,
                limit: self.short_line_thr,
            });
        }
        let (_, _, repeated) = find_duplicates(lines.iter().copied());
        let chars = python_len(text) - text.matches('\n').count();
        let ratio = repeated as f64 / chars as f64;
        if ratio > self.char_duplicates_ratio {
            return Err(Measured {
                rule: "char_dup_ratio",
                value: ratio,
                limit: self.char_duplicates_ratio,
            });
        }
        let ratio = text.matches('\n').count() as f64 / words.len() as f64;
        if ratio > self.new_line_ratio {
            return Err(Measured {
                rule: "list_ratio",
                value: ratio,
                limit: self.new_line_ratio,
            });
        }
        Ok(())
    }
}
