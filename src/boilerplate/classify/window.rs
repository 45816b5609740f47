//! The inputs of the classifier's two forests: a line's window (its features and those of the
//! two lines on each side, its distance to the page's edges, its place in the article), then
//! the neighbourhood of its first-stage score. Mirrored by `scripts/train_boilerplate.py`.

use super::Protection;
use super::features::{CONTEXT_FEATURES, LINE_FEATURE_NAMES, LINE_FEATURES};

/// A neighbour brings its first features, those of the line alone (length, words, punctuation,
/// links, cues, rules, repetition); the rest describe a line's place, already in its own slot.
const INTRINSIC_FEATURES: usize = 14;

/// Offsets of the neighbours in a window, after the line itself.
const NEIGHBOURS: [isize; 4] = [-2, -1, 1, 2];
/// Prefixes naming the neighbours' features (explanations).
const NEIGHBOUR_PREFIXES: [&str; 4] = ["prev2_", "prev_", "next_", "next2_"];
/// Flags after the window's features: the page's edges, then the article.
pub(crate) const PLACE_NAMES: [&str; 6] = [
    "first_line",
    "first_two",
    "last_line",
    "last_two",
    "inside_article",
    "article_body",
];

/// Number of features of a window (stage 1).
pub(crate) const WINDOW_FEATURES: usize =
    LINE_FEATURES + INTRINSIC_FEATURES * NEIGHBOURS.len() + PLACE_NAMES.len();
/// Where the place flags start in a window.
const PLACE_START: usize = LINE_FEATURES + INTRINSIC_FEATURES * NEIGHBOURS.len();
/// Number of features of stage 2: the score context, then the line's own features.
pub(crate) const SCORE_CONTEXT_FEATURES: usize = CONTEXT_FEATURES + 1 + LINE_FEATURES;

/// The name of the window's feature `i` (a line feature, prefixed for a neighbour's).
pub(crate) fn window_feature_name(i: usize) -> String {
    if i < LINE_FEATURES {
        LINE_FEATURE_NAMES[i].to_owned()
    } else if i < PLACE_START {
        let (slot, feature) = (
            (i - LINE_FEATURES) / INTRINSIC_FEATURES,
            (i - LINE_FEATURES) % INTRINSIC_FEATURES,
        );
        format!(
            "{}{}",
            NEIGHBOUR_PREFIXES[slot], LINE_FEATURE_NAMES[feature]
        )
    } else {
        PLACE_NAMES[i - PLACE_START].to_owned()
    }
}

/// The window of every line: see the module's documentation.
pub(crate) fn window_features(
    vectors: &[[f32; LINE_FEATURES]],
    protection: &[Protection],
) -> Vec<[f64; WINDOW_FEATURES]> {
    let n = vectors.len();
    (0..n)
        .map(|i| {
            let mut window = [0.0f64; WINDOW_FEATURES];
            for (to, from) in window.iter_mut().zip(&vectors[i]) {
                *to = f64::from(*from);
            }
            for (slot, offset) in NEIGHBOURS.iter().enumerate() {
                if let Some(j) = i.checked_add_signed(*offset).filter(|&j| j < n) {
                    let start = LINE_FEATURES + slot * INTRINSIC_FEATURES;
                    for (to, from) in window[start..start + INTRINSIC_FEATURES]
                        .iter_mut()
                        .zip(&vectors[j])
                    {
                        *to = f64::from(*from);
                    }
                }
            }
            let place = &mut window[PLACE_START..];
            let flags = [
                i < 1,
                i < 2,
                i + 1 >= n,
                i + 2 >= n,
                protection[i] == Protection::Inside,
                protection[i] == Protection::Body,
            ];
            for (to, flag) in place.iter_mut().zip(flags) {
                *to = f64::from(u8::from(flag));
            }
            window
        })
        .collect()
}

/// The names of the score context's first features; the line's own features follow.
pub(crate) const SCORE_CONTEXT_NAMES: [&str; CONTEXT_FEATURES + 1] = [
    "score",
    "prev_score",
    "next_score",
    "prev2_max",
    "next2_max",
    "before_max",
    "after_max",
    "window_mean",
];

/// Half the width of the window whose mean score is a context feature.
const MEAN_REACH: usize = 5;

/// Stage 2's input for every line: the first-stage scores of the line and its neighbourhood
/// (the two neighbours on each side, the best before and after it, the mean of the eleven
/// lines around it), then the line's own features.
pub(crate) fn score_context(
    scores: &[f64],
    vectors: &[[f32; LINE_FEATURES]],
) -> Vec<[f64; SCORE_CONTEXT_FEATURES]> {
    let n = scores.len();
    let at = |j: Option<usize>| j.and_then(|j| scores.get(j)).copied().unwrap_or(0.0);
    let mut before = vec![0.0f64; n];
    for i in 1..n {
        before[i] = before[i - 1].max(scores[i - 1]);
    }
    let mut after = vec![0.0f64; n];
    for i in (0..n.saturating_sub(1)).rev() {
        after[i] = after[i + 1].max(scores[i + 1]);
    }
    (0..n)
        .map(|i| {
            let around = &scores[i.saturating_sub(MEAN_REACH)..(i + MEAN_REACH + 1).min(n)];
            let mean = around.iter().sum::<f64>() / around.len() as f64;
            let mut context = [0.0f64; SCORE_CONTEXT_FEATURES];
            context[..CONTEXT_FEATURES + 1].copy_from_slice(&[
                scores[i],
                at(i.checked_sub(1)),
                at(Some(i + 1)),
                at(i.checked_sub(1)).max(at(i.checked_sub(2))),
                at(Some(i + 1)).max(at(Some(i + 2))),
                before[i],
                after[i],
                mean,
            ]);
            for (to, from) in context[CONTEXT_FEATURES + 1..].iter_mut().zip(&vectors[i]) {
                *to = f64::from(*from);
            }
            context
        })
        .collect()
}
