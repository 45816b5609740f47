//! What a run keeps for its report while it runs: a few removed lines per rule, and the texts
//! of the documents of the largest duplicate clusters.

use std::cmp::{Ordering, Reverse};
use std::collections::{BinaryHeap, HashMap};

use super::{
    CLUSTERS_SHOWN, ClusterShown, DUPLICATES_SHOWN, EXAMPLES_PER_RULE, Member, RemovalExample,
};
use crate::boilerplate::Removal;
use crate::dedup::{Fate, Resolution};

/// A picked cluster: its number and what the page shows of it. Ordered by number alone (the
/// heap orders by size first; numbers are unique).
#[derive(Debug)]
struct Picked(u64, ClusterShown);

impl PartialEq for Picked {
    fn eq(&self, other: &Self) -> bool {
        self.0 == other.0
    }
}

impl Eq for Picked {}

impl PartialOrd for Picked {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Picked {
    fn cmp(&self, other: &Self) -> Ordering {
        self.0.cmp(&other.0)
    }
}

/// The report's samples, gathered during a run.
#[derive(Debug, Default)]
pub(crate) struct Samples {
    pub removals: Vec<RemovalExample>,
    per_rule: HashMap<String, usize>,
    pub clusters: Vec<ClusterShown>,
    pub clusters_total: u64,
    /// Input position → (cluster slot, `None` for the kept document or the duplicate's index).
    wanted: HashMap<usize, (usize, Option<usize>)>,
}

impl Samples {
    /// Keeps the first removals of each rule.
    pub fn add_removals(&mut self, id: &str, removals: &[Removal]) {
        for removal in removals {
            let seen = self.per_rule.entry(removal.rule.clone()).or_default();
            if *seen < EXAMPLES_PER_RULE {
                *seen += 1;
                self.removals.push(RemovalExample {
                    id: id.to_owned(),
                    line: removal.line,
                    text: removal.text.clone(),
                    rule: removal.rule.clone(),
                    kind: removal.kind.as_str().to_owned(),
                });
            }
        }
    }

    /// Picks the largest clusters of `resolution` (of `documents` documents), whose texts
    /// [`Samples::text`] then takes.
    pub fn pick_clusters(&mut self, resolution: &Resolution, documents: usize) {
        // The largest clusters (then the first), kept in a bounded heap: a run may have
        // millions of clusters.
        let mut largest: BinaryHeap<Reverse<(u64, Reverse<u64>, Picked)>> = BinaryHeap::new();
        self.clusters_total = 0;
        for line in resolution.report() {
            self.clusters_total += 1;
            let key = (line.size, Reverse(line.cluster));
            if largest.len() == CLUSTERS_SHOWN {
                match largest.peek() {
                    Some(Reverse(smallest)) if (smallest.0, smallest.1) < key => {
                        largest.pop();
                    }
                    _ => continue,
                }
            }
            let shown = ClusterShown {
                size: line.size,
                kept: Member {
                    id: line.kept.to_owned(),
                    ..Member::default()
                },
                duplicates: line
                    .duplicates
                    .iter()
                    .take(DUPLICATES_SHOWN)
                    .map(|d| Member {
                        id: d.id.to_owned(),
                        similarity: Some(d.similarity),
                        text: None,
                    })
                    .collect(),
            };
            largest.push(Reverse((key.0, key.1, Picked(line.cluster, shown))));
        }
        let mut picked: Vec<(u64, Reverse<u64>, Picked)> =
            largest.into_iter().map(|Reverse(entry)| entry).collect();
        picked.sort_by_key(|&(size, first, _)| Reverse((size, first)));
        let slot_of: HashMap<u64, usize> = picked
            .iter()
            .enumerate()
            .map(|(slot, (_, _, Picked(cluster, _)))| (*cluster, slot))
            .collect();
        self.clusters = picked
            .into_iter()
            .map(|(_, _, Picked(_, shown))| shown)
            .collect();
        let mut seen = vec![0usize; self.clusters.len()];
        for position in 0..documents {
            let (cluster, kept) = match resolution.fate(position) {
                Fate::Unique => continue,
                Fate::Kept(cluster) => (cluster, true),
                Fate::Duplicate { cluster, .. } => (cluster, false),
            };
            let Some(&slot) = slot_of.get(&cluster.number) else {
                continue;
            };
            if kept {
                self.wanted.insert(position, (slot, None));
            } else {
                if seen[slot] < DUPLICATES_SHOWN {
                    self.wanted.insert(position, (slot, Some(seen[slot])));
                }
                seen[slot] += 1;
            }
        }
    }

    /// Whether the text of the document at `position` is wanted.
    pub fn wants(&self, position: usize) -> bool {
        self.wanted.contains_key(&position)
    }

    /// The text of the document at `position`, if a picked cluster shows it.
    pub fn text(&mut self, position: usize, text: String) {
        let Some(&(slot, duplicate)) = self.wanted.get(&position) else {
            return;
        };
        let cluster = &mut self.clusters[slot];
        let member = match duplicate {
            None => &mut cluster.kept,
            Some(i) => match cluster.duplicates.get_mut(i) {
                Some(member) => member,
                None => return,
            },
        };
        member.text = Some(text);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Document;
    use crate::dedup::{DedupConfig, DedupIndex};

    #[test]
    fn the_largest_clusters_are_picked_with_their_texts() {
        let texts = [
            "Le conseil municipal a voté le budget 2019 mardi soir, après trois heures de débat.",
            "La météo annonce de la pluie sur toute la Bretagne pour le week-end prochain.",
            "Le conseil municipal a vote le budget 2019 mardi soir apres trois heures de debat",
            "La météo annonce de la pluie sur toute la Bretagne pour le week-end prochain !",
            "LE CONSEIL MUNICIPAL A VOTÉ LE BUDGET 2019 MARDI SOIR, APRÈS TROIS HEURES DE DÉBAT.",
        ];
        let mut index = DedupIndex::new(&DedupConfig::default());
        for (i, text) in texts.iter().enumerate() {
            let entry = index.entry(&Document::new(format!("d{i}"), *text));
            index.push(entry).unwrap();
        }
        let resolution = index.resolve().unwrap();
        let mut samples = Samples::default();
        samples.pick_clusters(&resolution, texts.len());
        assert_eq!(samples.clusters_total, 2);
        for (i, text) in texts.iter().enumerate() {
            if samples.wants(i) {
                samples.text(i, (*text).to_owned());
            }
        }
        let biggest = &samples.clusters[0];
        assert_eq!(biggest.size, 3);
        assert_eq!(biggest.kept.id, "d0");
        assert_eq!(biggest.kept.text.as_deref(), Some(texts[0]));
        let ids: Vec<&str> = biggest.duplicates.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(ids, ["d2", "d4"]);
        assert_eq!(biggest.duplicates[1].text.as_deref(), Some(texts[4]));
        assert_eq!(samples.clusters[1].kept.id, "d1");
    }

    #[test]
    fn only_the_largest_clusters_are_kept_largest_then_first() {
        // 120 clusters of exact copies: every tenth one of three documents, the others of two.
        let word = |n: usize| -> String {
            (0..4)
                .map(|k| char::from(b'a' + ((n / 26usize.pow(k)) % 26) as u8))
                .collect()
        };
        let mut index = DedupIndex::new(&DedupConfig::default());
        let mut n = 0;
        for cluster in 0..120 {
            let text: Vec<String> = (0..12).map(|w| word(cluster * 12 + w)).collect();
            let copies = if cluster % 10 == 0 { 3 } else { 2 };
            for copy in 0..copies {
                let doc = Document::new(format!("c{cluster}-{copy}"), text.join(" "));
                let entry = index.entry(&doc);
                index.push(entry).unwrap();
                n += 1;
            }
        }
        let resolution = index.resolve().unwrap();
        let mut samples = Samples::default();
        samples.pick_clusters(&resolution, n);
        assert_eq!(samples.clusters_total, 120);
        assert_eq!(samples.clusters.len(), CLUSTERS_SHOWN);
        let kept: Vec<&str> = samples
            .clusters
            .iter()
            .map(|c| c.kept.id.as_str())
            .collect();
        assert_eq!(&kept[..3], ["c0-0", "c10-0", "c20-0"]);
        assert!(samples.clusters[..12].iter().all(|c| c.size == 3));
        assert_eq!(kept[12], "c1-0");
        assert_eq!(*kept.last().unwrap(), "c97-0");
    }
}
