//! Clusters from verified pairs (union-find) and the choice of the document each cluster keeps.

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// Which document of a cluster is kept; ties go to the one read first.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum KeepPolicy {
    /// The one read first.
    #[default]
    First,
    /// The longest text (in bytes).
    Longest,
    /// The latest `date` field (ISO-like: `2018-06`, `2019-04-15`, `2019-04-15T08:30:00Z`);
    /// documents without a readable date rank oldest.
    Newest,
}

impl KeepPolicy {
    /// The name used on the command line and in files.
    pub fn as_str(self) -> &'static str {
        match self {
            KeepPolicy::First => "first",
            KeepPolicy::Longest => "longest",
            KeepPolicy::Newest => "newest",
        }
    }
}

/// A date field as a number that sorts like the date: the first six digit groups (year, month,
/// day, hour, minute, second) packed as `YYYYMMDDhhmmss`; 0 when there is no year.
pub fn date_rank(value: &Value) -> u64 {
    let Some(text) = value.as_str() else {
        return value.as_u64().unwrap_or(0);
    };
    let mut groups = text
        .split(|c: char| !c.is_ascii_digit())
        .filter(|g| !g.is_empty());
    let year = match groups.next() {
        Some(g) if g.len() == 4 => g.parse::<u64>().unwrap_or(0),
        _ => return 0,
    };
    let mut rank = year;
    for _ in 0..5 {
        let part = groups
            .next()
            .filter(|g| g.len() <= 2)
            .and_then(|g| g.parse::<u64>().ok())
            .unwrap_or(0);
        rank = rank * 100 + part;
    }
    rank
}

/// Union-find over `0..n` with path halving; the root of a set is its smallest member, so the
/// result does not depend on the order of the unions.
#[derive(Debug, Clone)]
pub struct UnionFind {
    parent: Vec<u32>,
}

impl UnionFind {
    /// `n` singletons.
    pub fn new(n: usize) -> Self {
        UnionFind {
            parent: (0..n as u32).collect(),
        }
    }

    /// The smallest member of `x`'s set.
    pub fn find(&mut self, mut x: u32) -> u32 {
        while self.parent[x as usize] != x {
            let grand = self.parent[self.parent[x as usize] as usize];
            self.parent[x as usize] = grand;
            x = grand;
        }
        x
    }

    /// Joins the sets of `a` and `b`.
    pub fn union(&mut self, a: u32, b: u32) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            let (low, high) = (ra.min(rb), ra.max(rb));
            self.parent[high as usize] = low;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_rank_as_they_sort() {
        assert!(date_rank(&json!("2018-06")) < date_rank(&json!("2018-06-02")));
        assert!(date_rank(&json!("2018-06-30T23:59")) < date_rank(&json!("2018-07")));
        assert_eq!(date_rank(&json!("juin")), 0);
    }
    use serde_json::json;

    #[test]
    fn union_find_roots_are_smallest_members_whatever_the_order() {
        let mut a = UnionFind::new(6);
        a.union(4, 5);
        a.union(5, 1);
        a.union(2, 3);
        let mut b = UnionFind::new(6);
        b.union(1, 5);
        b.union(3, 2);
        b.union(5, 4);
        for x in 0..6 {
            assert_eq!(a.find(x), b.find(x));
        }
        assert_eq!(a.find(4), 1);
        assert_eq!(a.find(3), 2);
        assert_eq!(a.find(0), 0);
    }

    #[test]
    fn dates_rank_in_time_order() {
        let ordered = [
            json!(null),
            json!("2017"),
            json!("2018-06"),
            json!("2018-06-02"),
            json!("2018-06-02 08:30"),
            json!("2018-06-02T09:00:00Z"),
            json!("2018-11-01"),
        ];
        for w in ordered.windows(2) {
            assert!(date_rank(&w[0]) < date_rank(&w[1]), "{} < {}", w[0], w[1]);
        }
        assert_eq!(date_rank(&json!("06/2018")), 0, "not year-first");
    }
}
