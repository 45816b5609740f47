//! Gradient-boosted trees, as `scripts/train_boilerplate.py` exports them from scikit-learn:
//! every tree's nodes in one static array. Many vectors are scored at once by
//! [`Forest::probabilities`], which walks complete trees of one depth in heap order for a block
//! of vectors (no branch on where a path ends, no child to look up, and the block's paths run
//! side by side).

use std::cmp::Ordering;
use std::sync::OnceLock;

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
    /// The trees laid out for [`Forest::probabilities`], made on first use.
    pub walk: OnceLock<Walk>,
}

/// The forest as complete trees of one depth (the deepest tree's), in heap order: a vector
/// at split `k` of a tree goes to `2k + 1` when its feature is at most the threshold, else to
/// `2k + 2`, and after `depth` steps it is at a leaf. A leaf of a shallower path is copied to
/// every leaf under it (the padding splits it passes then cannot change the sum).
#[derive(Debug)]
pub(crate) enum Walk {
    /// Trees [`SHALLOW`] deep (or padded to it), one struct each, walked unrolled.
    Shallow(Vec<Shallow>),
    /// Deeper trees.
    Deep {
        depth: u32,
        /// `(threshold, feature)` of every tree's `2^depth - 1` splits, tree after tree.
        splits: Vec<(f64, u32)>,
        /// The `2^depth` leaf values of every tree, tree after tree.
        leaves: Vec<f64>,
    },
}

/// Whether a vector whose feature is `x` goes right at a split on `threshold`: unless `x` is
/// at most the threshold (a NaN goes right).
#[inline(always)]
fn goes_right(x: f64, threshold: f64) -> bool {
    !matches!(
        x.partial_cmp(&threshold),
        Some(Ordering::Less | Ordering::Equal)
    )
}

/// The depth of the trees the trainer makes, and at most which they are walked unrolled.
const SHALLOW: u32 = 3;

/// A complete tree [`SHALLOW`] deep in heap order.
#[derive(Debug)]
pub(crate) struct Shallow {
    thresholds: [f64; 7],
    features: [u32; 7],
    leaves: [f64; 8],
}

impl Shallow {
    /// The leaf value `x` reaches.
    #[inline(always)]
    fn leaf(&self, x: &[f64]) -> f64 {
        let right =
            |k: usize| usize::from(goes_right(x[self.features[k] as usize], self.thresholds[k]));
        let second = 1 + right(0);
        let third = 2 * second + 1 + right(second);
        self.leaves[2 * third + 1 + right(third) - 7]
    }
}

/// Vectors whose paths are walked side by side.
const BLOCK: usize = 16;

impl Walk {
    fn of(forest: &Forest) -> Walk {
        let nodes = forest.nodes;
        let depth_of = |root: u16| {
            let mut deepest = 0;
            let mut todo = vec![(usize::from(root), 0u32)];
            while let Some((i, d)) = todo.pop() {
                if nodes[i].left == 0 {
                    deepest = deepest.max(d);
                } else {
                    todo.push((usize::from(nodes[i].left), d + 1));
                    todo.push((usize::from(nodes[i].right), d + 1));
                }
            }
            deepest
        };
        // Shallower forests are padded to the depth walked unrolled.
        let depth = forest
            .roots
            .iter()
            .map(|&r| depth_of(r))
            .max()
            .unwrap_or(0)
            .max(SHALLOW);
        let (inner, outer) = ((1usize << depth) - 1, 1usize << depth);
        let mut splits = Vec::with_capacity(forest.roots.len() * inner);
        let mut leaves = Vec::with_capacity(forest.roots.len() * outer);
        for &root in forest.roots {
            let mut tree_splits = vec![(0.0, 0u32); inner];
            let mut tree_leaves = vec![0.0; outer];
            // (node, heap position, level)
            let mut todo = vec![(usize::from(root), 0usize, 0u32)];
            while let Some((i, at, level)) = todo.pop() {
                let node = &nodes[i];
                if node.left == 0 {
                    // Every leaf under heap position `at` holds this value.
                    let below = depth - level;
                    let first = ((at + 1) << below) - 1 - inner;
                    tree_leaves[first..first + (1 << below)].fill(node.value);
                } else {
                    tree_splits[at] = (node.threshold, u32::from(node.feature));
                    todo.push((usize::from(node.left), 2 * at + 1, level + 1));
                    todo.push((usize::from(node.right), 2 * at + 2, level + 1));
                }
            }
            splits.extend(tree_splits);
            leaves.extend(tree_leaves);
        }
        if depth == SHALLOW {
            Walk::Shallow(
                splits
                    .chunks(inner)
                    .zip(leaves.chunks(outer))
                    .map(|(splits, leaves)| Shallow {
                        thresholds: std::array::from_fn(|k| splits[k].0),
                        features: std::array::from_fn(|k| splits[k].1),
                        leaves: std::array::from_fn(|k| leaves[k]),
                    })
                    .collect(),
            )
        } else {
            Walk::Deep {
                depth,
                splits,
                leaves,
            }
        }
    }
}

impl Forest {
    /// The probability of the positive class for each of `xs`: the same numbers as
    /// [`Forest::probability`] one by one (the leaves are added in the same order), faster.
    pub fn probabilities<X: AsRef<[f64]>>(&self, xs: &[X]) -> Vec<f64> {
        let walk = self.walk.get_or_init(|| Walk::of(self));
        let mut out = Vec::with_capacity(xs.len());
        for block in xs.chunks(BLOCK) {
            let mut sums = [-0.0f64; BLOCK];
            match walk {
                Walk::Shallow(trees) => {
                    for tree in trees {
                        for (x, sum) in block.iter().zip(&mut sums) {
                            *sum += tree.leaf(x.as_ref());
                        }
                    }
                }
                Walk::Deep {
                    depth,
                    splits,
                    leaves,
                } => {
                    let (inner, outer) = ((1usize << depth) - 1, 1usize << depth);
                    for (splits, leaves) in splits.chunks(inner).zip(leaves.chunks(outer)) {
                        for (x, sum) in block.iter().zip(&mut sums) {
                            let x = x.as_ref();
                            let mut at = 0;
                            for _ in 0..*depth {
                                let (threshold, feature) = splits[at];
                                let right = goes_right(x[feature as usize], threshold);
                                at = 2 * at + 1 + usize::from(right);
                            }
                            *sum += leaves[at - inner];
                        }
                    }
                }
            }
            out.extend(
                sums[..block.len()]
                    .iter()
                    .map(|sum| 1.0 / (1.0 + (-(self.base + sum)).exp())),
            );
        }
        out
    }

    /// The leaf `x` reaches in the tree whose root is `root`, calling `step(feature, change)`
    /// at every split on the way.
    fn descend(&self, root: u16, x: &[f64], mut step: impl FnMut(usize, f64)) -> &Node {
        let mut node = &self.nodes[usize::from(root)];
        while node.left != 0 {
            let next = if goes_right(x[usize::from(node.feature)], node.threshold) {
                node.right
            } else {
                node.left
            };
            let child = &self.nodes[usize::from(next)];
            step(usize::from(node.feature), child.value - node.value);
            node = child;
        }
        node
    }

    /// The probability of the positive class (article content) for `x`.
    #[cfg(test)]
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
        walk: OnceLock::new(),
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

    /// A tree four splits deep (deeper than the unrolled walk): x0 <= 1, <= 2, <= 3, <= 4 in
    /// turn down the right side, then the toy's two trees.
    static DEEP: Forest = Forest {
        base: -0.5,
        roots: &[0, 9, 14],
        nodes: &[
            split(0, 1.0, 1, 2, 0.0),
            leaf(-2.0),
            split(0, 2.0, 3, 4, 0.5),
            leaf(-1.0),
            split(0, 3.0, 5, 6, 1.0),
            leaf(0.25),
            split(0, 4.0, 7, 8, 1.5),
            leaf(1.0),
            leaf(2.0),
            split(0, 0.5, 10, 11, 1.0),
            split(1, 2.0, 12, 13, 0.0),
            leaf(3.0),
            leaf(-1.0),
            leaf(1.0),
            leaf(0.5),
        ],
        walk: OnceLock::new(),
    };

    #[test]
    fn scoring_many_at_once_gives_the_same_numbers_as_one_by_one() {
        let xs: Vec<[f64; 2]> = (0..40)
            .map(|i| [f64::from(i % 11) * 0.5, f64::from(i % 7) * 0.6])
            .collect();
        for forest in [&TOY, &DEEP] {
            let many = forest.probabilities(&xs);
            assert_eq!(many.len(), xs.len());
            for (x, p) in xs.iter().zip(many) {
                assert_eq!(p.to_bits(), forest.probability(x).to_bits(), "{x:?}");
            }
        }
        assert!(matches!(DEEP.walk.get(), Some(Walk::Deep { depth: 4, .. })));
        assert!(matches!(TOY.walk.get(), Some(Walk::Shallow(trees)) if trees.len() == 2));
    }

    #[test]
    fn contributions_follow_the_path_from_the_average() {
        // Root (1.0) -> left (0.0) -> leaf -1.0: feature 0 moved -1, feature 1 moved -1.
        assert_eq!(TOY.contributions(&[0.0, 0.0]), vec![-1.0, -1.0]);
        assert_eq!(TOY.contributions(&[1.0, 0.0]), vec![2.0, 0.0]);
    }
}
