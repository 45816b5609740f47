//! The clusters found: what became of each document, the duplicates report, the annotation
//! fields and the entries of a saved index.

use serde_json::Value;

use super::DedupSummary;
use super::index::DedupIndex;
use super::resolve::Cluster;
use super::saved::IndexSettings;
use crate::error::Result;

/// What became of one document.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Fate<'a> {
    /// No near-duplicate.
    Unique,
    /// Kept in place of its duplicates.
    Kept(ClusterView<'a>),
    /// A duplicate of the kept document of its cluster.
    Duplicate {
        /// Its cluster.
        cluster: ClusterView<'a>,
        /// Similarity to the kept document (1 for an exact duplicate).
        similarity: f64,
    },
}

/// A cluster as seen from one of its documents.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ClusterView<'a> {
    /// Input position (from 0) of the cluster's first document of this run.
    pub number: u64,
    /// Number of documents in the cluster (an earlier document it matched included).
    pub size: u64,
    /// Id of the kept document.
    pub kept: &'a str,
    /// Whether the kept document comes from the `--against` index.
    pub kept_from_index: bool,
}

/// The clusters of a corpus: which documents are duplicates of which.
#[derive(Debug)]
pub struct Resolution {
    pub(super) index: DedupIndex,
    pub(super) clusters: Vec<Cluster>,
    pub(super) cluster_of: Vec<u32>,
    pub(super) summary: DedupSummary,
}

/// One line of the duplicates report.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ReportLine<'a> {
    /// Input position (from 0) of the cluster's first document of this run.
    pub cluster: u64,
    /// Number of documents in the cluster, the kept one included.
    pub size: u64,
    /// Id of the kept document.
    pub kept: &'a str,
    /// Present with `--against`: whether the kept document is from the earlier index.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kept_from_index: Option<bool>,
    /// The duplicates, in input order.
    pub duplicates: Vec<ReportDuplicate<'a>>,
}

/// A duplicate in a [`ReportLine`].
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ReportDuplicate<'a> {
    /// Its id.
    pub id: &'a str,
    /// Its similarity to the kept document, rounded to 4 decimals.
    pub similarity: f64,
}

impl Resolution {
    /// Counters and settings for the stats.
    pub fn summary(&self) -> &DedupSummary {
        &self.summary
    }

    /// Number of documents resolved.
    pub fn len(&self) -> usize {
        self.cluster_of.len()
    }

    /// Whether there were none.
    pub fn is_empty(&self) -> bool {
        self.cluster_of.is_empty()
    }

    fn view(&self, cluster: &Cluster) -> ClusterView<'_> {
        let kept_from_index = self.index.is_earlier(cluster.kept);
        let kept = if kept_from_index {
            &self.index.earlier.ids[cluster.kept as usize - self.index.len()]
        } else {
            self.index.id(cluster.kept)
        };
        ClusterView {
            number: cluster.number,
            size: u64::from(cluster.size),
            kept,
            kept_from_index,
        }
    }

    /// What became of document `doc` (its input position among the documents pushed).
    pub fn fate(&self, doc: usize) -> Fate<'_> {
        let Some(cluster) = self
            .cluster_of
            .get(doc)
            .and_then(|&c| self.clusters.get(c as usize))
        else {
            return Fate::Unique;
        };
        let view = self.view(cluster);
        if cluster.kept as usize == doc {
            return Fate::Kept(view);
        }
        // Duplicates are in input order.
        let similarity = cluster
            .duplicates
            .binary_search_by_key(&(doc as u32), |d| d.0)
            .map_or(0.0, |i| f64::from(cluster.duplicates[i].1));
        Fate::Duplicate {
            cluster: view,
            similarity,
        }
    }

    /// Whether document `doc` is a duplicate (not written unless annotating).
    pub fn is_duplicate(&self, doc: usize) -> bool {
        matches!(self.fate(doc), Fate::Duplicate { .. })
    }

    /// The report: one line per cluster, in order of the cluster's first document.
    pub fn report(&self) -> impl Iterator<Item = ReportLine<'_>> {
        let against = !self.index.earlier.is_empty();
        self.clusters.iter().map(move |cluster| {
            let view = self.view(cluster);
            ReportLine {
                cluster: view.number,
                size: view.size,
                kept: view.kept,
                kept_from_index: against.then_some(view.kept_from_index),
                duplicates: cluster
                    .duplicates
                    .iter()
                    .map(|&(node, similarity)| ReportDuplicate {
                        id: self.index.id(node),
                        similarity: (f64::from(similarity) * 1e4).round() / 1e4,
                    })
                    .collect(),
            }
        })
    }

    /// The settings an index saved from this run records.
    pub fn index_settings(&self) -> IndexSettings {
        self.index.settings()
    }

    /// Calls `each` with the id, exact hash and sketch of every document a saved index holds
    /// (every earlier document, then this run's kept ones with a signature), in that order.
    pub fn index_entries(
        &self,
        mut each: impl FnMut(&str, u128, &[u8]) -> Result<()>,
    ) -> Result<()> {
        let index = &self.index;
        let k = index.config.num_perm;
        for (i, id) in index.earlier.ids.iter().enumerate() {
            each(
                id,
                index.earlier.exact[i],
                &index.earlier.sketches[i * k..(i + 1) * k],
            )?;
        }
        for doc in 0..index.len() {
            if index.signed[doc] && !self.is_duplicate(doc) {
                let node = doc as u32;
                each(index.id(node), index.exact(node), index.sketch(node))?;
            }
        }
        Ok(())
    }

    /// The annotation fields `--annotate` adds to document `doc`: `dup_cluster` (input position
    /// of the cluster's first document; its own for a unique document), `dup_size` and
    /// `dup_kept` (id of the kept document).
    pub fn annotation(&self, doc: usize, own_id: &str) -> [(&'static str, Value); 3] {
        let (number, size, kept) = match self.fate(doc) {
            Fate::Unique => (doc as u64, 1, own_id.to_owned()),
            Fate::Kept(c) | Fate::Duplicate { cluster: c, .. } => {
                (c.number, c.size, c.kept.to_owned())
            }
        };
        annotation_fields(number, size, kept)
    }
}

/// The fields `--annotate` adds: `dup_cluster` (input position of the cluster's first
/// document), `dup_size` and `dup_kept` (id of the kept document).
pub fn annotation_fields(cluster: u64, size: u64, kept: String) -> [(&'static str, Value); 3] {
    [
        ("dup_cluster", Value::from(cluster)),
        ("dup_size", Value::from(size)),
        ("dup_kept", Value::from(kept)),
    ]
}
