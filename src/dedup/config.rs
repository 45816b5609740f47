//! The settings of near-duplicate detection, and what it reports in the stats.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::cluster::KeepPolicy;
use super::lsh::Banding;
use super::shingle::ShingleKind;
use crate::error::{Error, Result};
use crate::normalize::Numbers;

/// How a candidate pair is verified.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Verify {
    /// The true Jaccard similarity of the two shingle sets (the fold keys are kept, in a
    /// temporary file past 64 MiB, and re-shingled for candidates only).
    #[default]
    Exact,
    /// The similarity the sketches estimate (no keys kept; ±0.035 at 128 slots near 0.8).
    Estimate,
}

impl Verify {
    /// The name used on the command line and in files.
    pub fn as_str(self) -> &'static str {
        match self {
            Verify::Exact => "exact",
            Verify::Estimate => "estimate",
        }
    }
}

/// Settings of near-duplicate detection.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DedupConfig {
    /// Jaccard similarity from which two documents are duplicates.
    pub threshold: f64,
    /// MinHash slots ("permutations"); a signature costs one byte per slot.
    pub num_perm: usize,
    /// Character or word shingles.
    pub shingle: ShingleKind,
    /// Characters or words per shingle.
    pub ngram: usize,
    /// How candidate pairs are verified.
    pub verify: Verify,
    /// With exact verification, two documents that hold, at one place, different passages of at
    /// least this many characters each (in their fold keys) are not duplicates, however similar
    /// the rest: pages of one template (the template check). 0 turns the check off.
    pub min_replaced_chars: usize,
    /// Whether documents that differ only in their numbers fold equal (the default) or not.
    pub numbers: Numbers,
    /// Which document of a cluster is kept.
    pub keep: KeepPolicy,
    /// Keep every document and add `dup_cluster`, `dup_size`, `dup_kept` instead of dropping.
    pub annotate: bool,
    /// Seed of every hash.
    pub seed: u64,
}

impl Default for DedupConfig {
    fn default() -> Self {
        DedupConfig {
            threshold: 0.8,
            num_perm: DEFAULT_NUM_PERM,
            shingle: ShingleKind::Char,
            ngram: 5,
            verify: Verify::Exact,
            min_replaced_chars: DEFAULT_MIN_REPLACED_CHARS,
            numbers: Numbers::Fold,
            keep: KeepPolicy::First,
            annotate: false,
            seed: 0x0074_616d_6973, // "tamis"
        }
    }
}

/// The default of [`DedupConfig::min_replaced_chars`]: a sentence (an edit of a long word or two
/// stays under it). Chosen on labelled template pages and edited copies: see the README.
pub const DEFAULT_MIN_REPLACED_CHARS: usize = 30;

/// The default number of MinHash slots (`num_perm`).
pub(crate) const DEFAULT_NUM_PERM: usize = 128;

/// The similarities whose catch probability `--verbose` and the stats report.
pub const REPORTED_SIMILARITIES: [f64; 4] = [0.5, 0.7, 0.8, 0.9];

impl DedupConfig {
    /// The LSH banding for these slots and this threshold.
    pub fn banding(&self) -> Banding {
        Banding::for_threshold(self.num_perm, self.threshold)
    }

    /// The banding in words, as `--verbose` prints it.
    pub fn describe_banding(&self) -> String {
        let banding = self.banding();
        let chances: Vec<String> = REPORTED_SIMILARITIES
            .iter()
            .map(|&j| format!("J={j}: {:.3}", banding.catch_probability(j)))
            .collect();
        format!(
            "LSH {} bands × {} rows of {} slots for threshold {}; chance a pair becomes a candidate: {}",
            banding.bands,
            banding.rows,
            self.num_perm,
            self.threshold,
            chances.join(", ")
        )
    }

    /// The seed every hash uses: [`DedupConfig::seed`], changed when digits are kept, so that
    /// an index saved with one setting of [`DedupConfig::numbers`] is refused by the other.
    pub fn effective_seed(&self) -> u64 {
        match self.numbers {
            Numbers::Fold => self.seed,
            Numbers::Keep => self.seed ^ 0x6e75_6d62_6572_7300, // "numbers"
        }
    }

    /// Checks the values.
    pub fn validate(&self) -> Result<()> {
        if !(self.threshold > 0.0 && self.threshold <= 1.0) {
            return Err(Error::config(
                "dedup.threshold",
                format!(
                    "`dedup.threshold` {} is not a similarity: give a number in (0, 1], such as 0.8",
                    self.threshold
                ),
            ));
        }
        if !(8..=4096).contains(&self.num_perm) {
            return Err(Error::config(
                "dedup.num_perm",
                format!(
                    "`dedup.num_perm` {} is out of range: use 8 to 4096 (128 is the default)",
                    self.num_perm
                ),
            ));
        }
        if !(1..=64).contains(&self.ngram) {
            return Err(Error::config(
                "dedup.ngram",
                format!(
                    "`dedup.ngram` {} is out of range: use 1 to 64 (5 is the default)",
                    self.ngram
                ),
            ));
        }
        Ok(())
    }
}

/// What near-duplicate detection did, for the stats (`dedup` in `--stats`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DedupSummary {
    /// The threshold.
    pub threshold: f64,
    /// MinHash slots.
    pub num_perm: usize,
    /// `char` or `word`.
    pub shingle: String,
    /// Characters or words per shingle.
    pub ngram: usize,
    /// `exact` or `estimate`.
    pub verify: String,
    /// `fold` or `keep`: digits.
    pub numbers: String,
    /// The template check's passage length (0: off).
    pub min_replaced_chars: usize,
    /// `first`, `longest` or `newest`.
    pub keep: String,
    /// LSH bands.
    pub bands: usize,
    /// Slots per band.
    pub rows: usize,
    /// Probability that a pair of the given Jaccard similarity becomes a candidate.
    pub catch_probability: BTreeMap<String, f64>,
    /// Documents compared.
    pub documents: u64,
    /// Documents with an empty fold key (no letter or digit): never duplicates.
    pub unsigned: u64,
    /// Documents of the `--against` index.
    pub earlier_documents: u64,
    /// Pairs that shared an LSH band.
    pub candidate_pairs: u64,
    /// Candidate pairs at or above the threshold that linked their documents (template-checked
    /// when the check is on).
    pub verified_pairs: u64,
    /// Candidate pairs at or above the threshold whose documents the candidate pairs before
    /// them had already linked: not template-checked (the clusters are the same either way).
    pub linked_pairs: u64,
    /// Candidate pairs below it.
    pub rejected_pairs: u64,
    /// Candidate pairs at or above it that hold different passages at one place (template
    /// pages): not duplicates.
    pub replaced_passage_pairs: u64,
    /// Clusters of two documents or more.
    pub clusters: u64,
    /// Documents that are duplicates of a kept one.
    pub duplicates: u64,
    /// Of those, equal fold keys.
    pub exact_duplicates: u64,
    /// Of those, near-duplicates.
    pub near_duplicates: u64,
    /// Of the duplicates, those whose kept document is in the `--against` index.
    pub matched_earlier: u64,
    /// Memory held per document between the passes.
    pub bytes_per_document: u64,
}

impl DedupSummary {
    pub(super) fn new(config: &DedupConfig, banding: Banding) -> Self {
        DedupSummary {
            threshold: config.threshold,
            num_perm: config.num_perm,
            shingle: config.shingle.as_str().into(),
            ngram: config.ngram,
            verify: config.verify.as_str().into(),
            numbers: config.numbers.as_str().into(),
            min_replaced_chars: config.min_replaced_chars,
            keep: config.keep.as_str().into(),
            bands: banding.bands,
            rows: banding.rows,
            catch_probability: REPORTED_SIMILARITIES
                .iter()
                .map(|&j| {
                    let p = banding.catch_probability(j);
                    (format!("{j:.1}"), (p * 1e4).round() / 1e4)
                })
                .collect(),
            ..DedupSummary::default()
        }
    }
}
