//! Gradient-boosted trees, as `scripts/train_boilerplate.py` exports them from scikit-learn:
//! every tree's nodes in one static array, evaluated without allocation.

/// One node of a tree: a split (`left != 0`) sends a vector left when its `feature` is at most
/// `threshold`; a leaf adds its `value`. An inner node's `value` is the mean of its leaves
/// (weighted by training counts), so the change from parent to child is the split's
/// contribution.
#[derive(Debug)]
pub(crate) struct Node {
    feature: u16,
    threshold: f64,
    left: u16,
    right: u16,
    value: f64,
}

/// A leaf (for the generated model).
pub(crate) const fn leaf(value: f64) -> Node {
    Node {
        feature: 0,
        threshold: 0.0,
        left: 0,
        right: 0,
        value,
    }
}

/// A split (for the generated model).
pub(crate) const fn split(feature: u16, threshold: f64, left: u16, right: u16, value: f64) -> Node {
    Node {
        feature,
        threshold,
        left,
        right,
        value,
    }
}

/// A forest of boosted trees: the log-odds are `base` plus one leaf value per tree.
#[derive(Debug)]
pub(crate) struct Forest {
    pub base: f64,
    pub roots: &'static [u16],
    pub nodes: &'static [Node],
}

impl Forest {
    /// The leaf `x` reaches in the tree whose root is `root`, calling `step(feature, change)`
    /// at every split on the way.
    fn descend(&self, root: u16, x: &[f64], mut step: impl FnMut(usize, f64)) -> &Node {
        let mut node = &self.nodes[usize::from(root)];
        while node.left != 0 {
            let next = if x[usize::from(node.feature)] <= node.threshold {
                node.left
            } else {
                node.right
            };
            let child = &self.nodes[usize::from(next)];
            step(usize::from(node.feature), child.value - node.value);
            node = child;
        }
        node
    }

    /// The probability of the positive class (article content) for `x`.
    pub fn probability(&self, x: &[f64]) -> f64 {
        let log_odds = self.base
            + self
                .roots
                .iter()
                .map(|&root| self.descend(root, x, |_, _| {}).value)
                .sum::<f64>();
        1.0 / (1.0 + (-log_odds).exp())
    }

    /// How much each feature moved `x`'s log-odds, summed over the splits on its paths
    /// (the trees' roots hold the average): `contributions[i]` for feature `i`.
    pub fn contributions(&self, x: &[f64]) -> Vec<f64> {
        let mut contributions = vec![0.0; x.len()];
        for &root in self.roots {
            self.descend(root, x, |feature, change| contributions[feature] += change);
        }
        contributions
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// x0 <= 0.5 ? (x1 <= 2 ? -1 : 1) : 3, then a one-leaf tree of 0.5.
    static TOY: Forest = Forest {
        base: 0.25,
        roots: &[0, 5],
        nodes: &[
            split(0, 0.5, 1, 2, 1.0),
            split(1, 2.0, 3, 4, 0.0),
            leaf(3.0),
            leaf(-1.0),
            leaf(1.0),
            leaf(0.5),
        ],
    };

    #[test]
    fn a_forest_adds_one_leaf_per_tree_to_its_base() {
        let log_odds = |x: &[f64]| {
            let p = TOY.probability(x);
            (p / (1.0 - p)).ln()
        };
        assert!((log_odds(&[0.0, 0.0]) - (0.25 - 1.0 + 0.5)).abs() < 1e-9);
        assert!((log_odds(&[0.5, 3.0]) - (0.25 + 1.0 + 0.5)).abs() < 1e-9);
        assert!((log_odds(&[0.6, 0.0]) - (0.25 + 3.0 + 0.5)).abs() < 1e-9);
    }

    #[test]
    fn contributions_follow_the_path_from_the_average() {
        // Root (1.0) -> left (0.0) -> leaf -1.0: feature 0 moved -1, feature 1 moved -1.
        assert_eq!(TOY.contributions(&[0.0, 0.0]), vec![-1.0, -1.0]);
        assert_eq!(TOY.contributions(&[1.0, 0.0]), vec![2.0, 0.0]);
    }
}
