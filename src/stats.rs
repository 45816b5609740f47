//! Counters of a run: documents in, out and dropped (by reason), bytes, time, and per-stage
//! counters. The identity `documents_in == documents_out + sum(dropped)` always holds.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::dedup::DedupSummary;

/// Why a document was not written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DropReason {
    /// The input record could not be read as a document (malformed JSON, no text field, …).
    BadRecord,
    /// Nothing was left of the text after cleaning.
    Empty,
    /// The language is not one of those asked for (`lang.keep`).
    Language,
    /// Fewer words than `min_words` once boilerplate is gone.
    TooShort,
    /// Failed a rule of the quality stage (which one: its counters in the stats).
    Quality,
    /// A near-duplicate (or exact duplicate) of a document kept in its place.
    Duplicate,
    /// Dropped by a stage of the caller's (see
    /// [`Pipeline::with_stage`](crate::Pipeline::with_stage)), for the reason it names.
    Other(&'static str),
}

impl DropReason {
    /// The key under `dropped` in the stats.
    pub fn as_str(self) -> &'static str {
        match self {
            DropReason::BadRecord => "bad_record",
            DropReason::Empty => "empty",
            DropReason::Language => "language",
            DropReason::TooShort => "too_short",
            DropReason::Quality => "quality",
            DropReason::Duplicate => "duplicate",
            DropReason::Other(reason) => reason,
        }
    }
}

impl fmt::Display for DropReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Counters of one run, serialised as the `--stats` JSON file.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Stats {
    /// Every document read, bad records included.
    pub documents_in: u64,
    /// Documents written.
    pub documents_out: u64,
    /// Documents not written, by reason.
    pub dropped: BTreeMap<String, u64>,
    /// Documents whose bytes were not valid UTF-8 and were decoded with U+FFFD replacements.
    pub invalid_utf8_documents: u64,
    /// UTF-8 bytes of the text of the documents read (bad records count 0).
    pub bytes_in: u64,
    /// UTF-8 bytes of the text of the documents written.
    pub bytes_out: u64,
    /// Wall-clock seconds of the run.
    pub seconds: f64,
    /// Per-stage counters: stage → counter → count (e.g. `normalize.nfc` = documents changed).
    pub stages: BTreeMap<String, BTreeMap<String, u64>>,
    /// Documents written, by their `lang` field (the language stage's code, or the input's).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub languages: BTreeMap<String, u64>,
    /// What near-duplicate detection did, when it ran.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dedup: Option<DedupSummary>,
}

impl Stats {
    /// Counts one dropped document.
    pub fn count_drop(&mut self, reason: DropReason) {
        *self.dropped.entry(reason.as_str().to_owned()).or_default() += 1;
    }

    /// Adds `n` to a stage counter (names are copied only the first time they are counted:
    /// the boilerplate stage counts every line it removes).
    pub fn count_stage(&mut self, stage: &str, counter: &str, n: u64) {
        fn add(counters: &mut BTreeMap<String, u64>, counter: &str, n: u64) {
            match counters.get_mut(counter) {
                Some(count) => *count += n,
                None => {
                    counters.insert(counter.to_owned(), n);
                }
            }
        }
        if let Some(counters) = self.stages.get_mut(stage) {
            add(counters, counter, n);
            return;
        }
        add(self.stages.entry(stage.to_owned()).or_default(), counter, n);
    }

    /// Sum of the dropped counts.
    pub fn dropped_total(&self) -> u64 {
        self.dropped.values().sum()
    }

    /// True when every document read is accounted for: in = out + dropped.
    pub fn is_balanced(&self) -> bool {
        self.documents_in == self.documents_out + self.dropped_total()
    }

    /// One-line human summary, as printed on stderr.
    pub fn summary(&self) -> String {
        self.summary_with(true, true)
    }

    /// The summary of a run that writes no text (`detect`): it says how much text was read,
    /// not "in → out".
    pub fn summary_of_reading(&self) -> String {
        self.summary_with(false, true)
    }

    /// The summary of a run that writes no documents (`tamis dedup` without `-o`): what was
    /// read and found, no "out".
    pub fn summary_without_documents(&self) -> String {
        self.summary_with(false, false)
    }

    fn summary_with(&self, text_out: bool, documents_out: bool) -> String {
        let noun = if self.documents_in == 1 {
            "document"
        } else {
            "documents"
        };
        let mut line = if documents_out {
            format!(
                "{} {noun} in, {} out, {} dropped",
                self.documents_in,
                self.documents_out,
                self.dropped_total()
            )
        } else {
            format!("{} {noun} read, none written", self.documents_in)
        };
        if !self.dropped.is_empty() {
            let reasons: Vec<String> = self
                .dropped
                .iter()
                .map(|(k, v)| format!("{k}: {v}"))
                .collect();
            line.push_str(&format!(" ({})", reasons.join(", ")));
        }
        if self.invalid_utf8_documents > 0 {
            line.push_str(&format!(
                "; {} with invalid UTF-8 repaired",
                self.invalid_utf8_documents
            ));
        }
        // The languages of the documents written (those detected in documents a filter then
        // dropped are in the stats' stages); of those read when none are written.
        let langs = if text_out && documents_out {
            Some(&self.languages).filter(|l| !l.is_empty())
        } else {
            self.stages.get("lang")
        };
        if let Some(langs) = langs {
            let mut counts: Vec<(&String, &u64)> =
                langs.iter().filter(|(k, _)| k.len() == 3).collect();
            counts.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
            let top: Vec<String> = counts
                .iter()
                .take(5)
                .map(|(k, v)| format!("{k} {v}"))
                .collect();
            let more = if counts.len() > 5 { ", …" } else { "" };
            line.push_str(&format!("; languages: {}{more}", top.join(", ")));
        }
        if let Some(dedup) = &self.dedup {
            line.push_str(&format!(
                "; {} duplicates ({} exact) in {} clusters",
                dedup.duplicates, dedup.exact_duplicates, dedup.clusters
            ));
        }
        if text_out {
            line.push_str(&format!(
                "; {} → {} of text in {:.2} s",
                human_bytes(self.bytes_in),
                human_bytes(self.bytes_out),
                self.seconds
            ));
        } else {
            line.push_str(&format!(
                "; {} of text read in {:.2} s",
                human_bytes(self.bytes_in),
                self.seconds
            ));
        }
        line
    }
}

fn human_bytes(n: u64) -> String {
    const UNITS: [&str; 4] = ["B", "KB", "MB", "GB"];
    let mut value = n as f64;
    let mut unit = 0;
    while value >= 1000.0 && unit < UNITS.len() - 1 {
        value /= 1000.0;
        unit += 1;
    }
    if unit == 0 {
        format!("{n} B")
    } else {
        format!("{value:.1} {}", UNITS[unit])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stage_counters_add_up_and_a_zero_count_is_listed() {
        let mut stats = Stats::default();
        stats.count_stage("boilerplate", "rule", 1);
        stats.count_stage("boilerplate", "rule", 2);
        stats.count_stage("boilerplate", "repeated", 0);
        stats.count_stage("normalize", "nfc", 1);
        assert_eq!(stats.stages["boilerplate"]["rule"], 3);
        assert_eq!(stats.stages["boilerplate"]["repeated"], 0);
        assert_eq!(stats.stages["normalize"].len(), 1);
    }

    #[test]
    fn identity_and_summary() {
        let mut stats = Stats {
            documents_in: 5,
            documents_out: 2,
            bytes_in: 12_345,
            bytes_out: 999,
            ..Stats::default()
        };
        assert!(!stats.is_balanced());
        stats.count_drop(DropReason::Empty);
        stats.count_drop(DropReason::BadRecord);
        stats.count_drop(DropReason::BadRecord);
        assert!(stats.is_balanced());
        assert_eq!(
            stats.summary(),
            "5 documents in, 2 out, 3 dropped (bad_record: 2, empty: 1); 12.3 KB → 999 B of text in 0.00 s"
        );
    }
}
