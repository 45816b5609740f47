//! The run report as one self-contained HTML page (`--html`, `tamis report`): the accounting,
//! the languages kept, boilerplate removals with examples, duplicate clusters with word-level
//! diffs against the kept document, the LSH curve of the banding in use, and the settings.
//! Styles and the small paging script are inline: the page needs no network, and its summary
//! reads without JavaScript.
//!
//! ```
//! use tamis::report::{Report, render};
//! use tamis::Stats;
//!
//! let stats = Stats { documents_in: 3, documents_out: 2, ..Stats::default() };
//! let page = render(&Report::new(&stats));
//! assert!(page.starts_with("<!DOCTYPE html>") && page.contains("Documents"));
//! ```

mod diff;
mod html;
mod sample;

pub use html::render;
pub(crate) use sample::Samples;

use crate::stats::Stats;

/// Removal examples kept per rule.
pub const EXAMPLES_PER_RULE: usize = 3;
/// Duplicate clusters shown, the largest first.
pub const CLUSTERS_SHOWN: usize = 100;
/// Duplicates shown per cluster.
pub const DUPLICATES_SHOWN: usize = 10;
/// Characters of each text shown in a diff.
pub const DIFF_CHARS: usize = 4000;

/// What the page shows.
#[derive(Debug, Clone)]
pub struct Report<'a> {
    /// What ran: `tamis clean`, `tamis dedup`…
    pub command: String,
    /// The run's stats.
    pub stats: &'a Stats,
    /// The pipeline's settings as a pipeline file, when known.
    pub settings: Option<String>,
    /// Removed lines, a few per rule.
    pub removals: Vec<RemovalExample>,
    /// The largest duplicate clusters.
    pub clusters: Vec<ClusterShown>,
    /// Clusters in the run (those shown are the largest of them).
    pub clusters_total: u64,
}

impl<'a> Report<'a> {
    /// A page with the stats alone (no command name, settings, examples or clusters).
    pub fn new(stats: &'a Stats) -> Self {
        Report {
            command: String::new(),
            stats,
            settings: None,
            removals: Vec::new(),
            clusters: Vec::new(),
            clusters_total: 0,
        }
    }
}

/// One removed boilerplate line.
#[derive(Debug, Clone, PartialEq)]
pub struct RemovalExample {
    /// The document's id.
    pub id: String,
    /// 1-based line number.
    pub line: usize,
    /// The line.
    pub text: String,
    /// The rule that removed it.
    pub rule: String,
    /// Its kind (`photo_credit`, `share`…).
    pub kind: String,
}

/// A cluster of near-duplicates: the kept document and its duplicates.
#[derive(Debug, Clone, PartialEq)]
pub struct ClusterShown {
    /// Documents in the cluster.
    pub size: u64,
    /// The kept document.
    pub kept: Member,
    /// Its duplicates, in input order (at most [`DUPLICATES_SHOWN`]).
    pub duplicates: Vec<Member>,
}

/// A document of a cluster.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Member {
    /// Its id.
    pub id: String,
    /// Similarity to the kept document (duplicates only).
    pub similarity: Option<f64>,
    /// Its text, when the run had it (a report made from files has none).
    pub text: Option<String>,
}
