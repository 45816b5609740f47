//! The context-aware line classifier (the idea of jusText, adapted to plain text): every line
//! gets features of its own and of its place in the page, a first logistic model scores how
//! likely it is to be article content, and a second one re-scores it with the scores of its
//! neighbourhood, so short lines take the class of what surrounds them. Lines that score under
//! the threshold of the chosen [`Strictness`] are removed, each with the features that decided.
//!
//! The weights (`model.rs`) are fitted by `scripts/train_boilerplate.py` on features this crate
//! computes (`examples/line_features.rs`), so training and use cannot drift apart.

mod cues;
mod features;
mod forest;
mod model;
mod stopwords;
mod window;

use serde::{Deserialize, Serialize};

pub(crate) use cues::find_cue_in_line;
pub use features::LINE_FEATURE_NAMES;
pub(crate) use features::LineFacts;
pub(crate) use features::context_features as line_context_features;
pub(crate) use stopwords::{StopWords, stop_words};

use features::{CONTEXT_FEATURES, LINE_FEATURES, body_lines, line_features};
use window::{
    PLACE_NAMES, SCORE_CONTEXT_FEATURES, SCORE_CONTEXT_NAMES, WINDOW_FEATURES, score_context,
    window_feature_name, window_features,
};

use crate::boilerplate::Kind;

/// How much the boilerplate stage removes: one knob over the classifier's threshold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Strictness {
    /// Only the named line rules and corpus-repeated lines (no classifier).
    Rules,
    /// The classifier removes only lines it is very sure of.
    Precise,
    /// The default: most page furniture goes, the article stays.
    #[default]
    Balanced,
    /// Removes more furniture at some cost in content (headings and captions near the edges).
    Aggressive,
}

impl Strictness {
    /// The setting's name.
    pub fn as_str(self) -> &'static str {
        match self {
            Strictness::Rules => "rules",
            Strictness::Precise => "precise",
            Strictness::Balanced => "balanced",
            Strictness::Aggressive => "aggressive",
        }
    }

    /// Lines whose content score is below this are removed; `None` for rules only.
    pub fn threshold(self) -> Option<f32> {
        match self {
            Strictness::Rules => None,
            Strictness::Precise => Some(model::THRESHOLDS[0]),
            Strictness::Balanced => Some(model::THRESHOLDS[1]),
            Strictness::Aggressive => Some(model::THRESHOLDS[2]),
        }
    }
}

/// The classifier's judgement of the lines of one page.
#[derive(Debug, Clone)]
pub(crate) struct Judgements {
    /// Probability that each line is content, after the context pass (1 for the lines
    /// [`judge`] was not asked about).
    pub scores: Vec<f32>,
    /// What each line looks like (its cue, or navigation / other when it has none).
    pub kinds: Vec<Kind>,
    /// The forests' inputs, for [`Judgements::why`].
    windows: Vec<[f64; WINDOW_FEATURES]>,
    contexts: Vec<[f64; SCORE_CONTEXT_FEATURES]>,
}

/// The first-stage feature vectors of a page (for the trainer): see [`LINE_FEATURE_NAMES`].
pub(crate) fn first_stage(lines: &[&str], facts: &[LineFacts]) -> Vec<[f32; LINE_FEATURES]> {
    line_features(lines, facts)
}

/// The least score of a line of the article's body (a long paragraph, or a sentence touching
/// one): the precise and balanced settings never remove one, stricter thresholds may.
/// Measured on held-out pages, this costs the balanced setting almost nothing in removal
/// (`scripts/train_boilerplate.py` applies it to its curve too).
pub(crate) const BODY_FLOOR: f32 = 0.1;

/// How a line's place in the article marks it (a feature of its window).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Protection {
    /// Outside the article, or marked by a cue word.
    None,
    /// A short line between the article's first and last body line (a heading, a list item).
    Inside,
    /// A long paragraph, or a sentence touching one.
    Body,
}

/// The place of every line of a page in its article (see [`Protection`]).
pub(crate) fn protection(facts: &[LineFacts], has_stop_words: bool) -> Vec<Protection> {
    let body = body_lines(facts, has_stop_words);
    let mut protection: Vec<Protection> = body
        .iter()
        .map(|&b| {
            if b {
                Protection::Body
            } else {
                Protection::None
            }
        })
        .collect();
    if let (Some(first), Some(last)) = (body.iter().position(|&b| b), body.iter().rposition(|&b| b))
    {
        for i in first..=last {
            if !body[i] && facts[i].cue.is_none() {
                protection[i] = Protection::Inside;
            }
        }
    }
    protection
}

/// Judges the lines of a page: `lines` are the non-blank lines, trimmed, in order, and `facts`
/// their measures. Only the lines that could go at `threshold` and are not `decided` already
/// (by a rule, as repeated) get a final score; the others score 1 (stage 1 still scores every
/// line: its scores are the neighbours' context).
pub(crate) fn judge(
    lines: &[&str],
    facts: &[LineFacts],
    has_stop_words: bool,
    decided: &[bool],
    threshold: f32,
) -> Judgements {
    let vectors = line_features(lines, facts);
    let protection = protection(facts, has_stop_words);
    let windows = window_features(&vectors, &protection);
    let first = model::LINE_FOREST.probabilities(&windows);
    let contexts = score_context(&first, &vectors);
    let body_stays = threshold <= BODY_FLOOR;
    let wanted: Vec<usize> = (0..lines.len())
        .filter(|&i| !(decided[i] || body_stays && protection[i] == Protection::Body))
        .collect();
    let wanted_contexts: Vec<&[f64; SCORE_CONTEXT_FEATURES]> =
        wanted.iter().map(|&i| &contexts[i]).collect();
    let mut scores = vec![1.0f32; lines.len()];
    for (&i, score) in wanted
        .iter()
        .zip(model::CONTEXT_FOREST.probabilities(&wanted_contexts))
    {
        let score = score as f32;
        scores[i] = if protection[i] == Protection::Body {
            score.max(BODY_FLOOR)
        } else {
            score
        };
    }
    Judgements {
        scores,
        kinds: facts
            .iter()
            .map(|f| {
                f.cue.unwrap_or(if f.words <= 8 {
                    Kind::Navigation
                } else {
                    Kind::Other
                })
            })
            .collect(),
        windows,
        contexts,
    }
}

impl Judgements {
    /// The three features that lowered line `i`'s score most, named with their value: its
    /// window's through the first forest, its neighbourhood's scores through the second (the
    /// line's own score there is what the first forest explains). Computed only for the lines
    /// that go.
    pub fn why(&self, i: usize) -> Vec<String> {
        let window = &self.windows[i];
        let context = &self.contexts[i];
        let mut pulls: Vec<(f64, usize)> = model::LINE_FOREST
            .contributions(window)
            .into_iter()
            .enumerate()
            .map(|(feature, pull)| (pull, feature))
            .collect();
        let own = CONTEXT_FEATURES + 1;
        for (feature, pull) in model::CONTEXT_FOREST
            .contributions(context)
            .into_iter()
            .enumerate()
            .skip(1)
        {
            if feature >= own {
                // The line's own features: the same as the window's first slot.
                pulls[feature - own].0 += pull;
            } else {
                pulls.push((pull, WINDOW_FEATURES + feature));
            }
        }
        pulls.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        pulls
            .into_iter()
            .take_while(|(pull, _)| *pull < 0.0)
            .take(3)
            .map(|(_, feature)| {
                if feature < WINDOW_FEATURES {
                    describe(&window_feature_name(feature), window[feature])
                } else {
                    let j = feature - WINDOW_FEATURES;
                    describe(SCORE_CONTEXT_NAMES[j], context[j])
                }
            })
            .collect()
    }
}

/// A feature and its value as a reader wants them: flags by name (`not_` when off), lengths as
/// counts, shares and scores with two decimals. A neighbour's feature keeps its prefix
/// (`prev_link`, `next2_chars 12`).
fn describe(name: &str, value: f64) -> String {
    const LINE_FLAGS: [&str; 12] = [
        "terminal",
        "link",
        "cue",
        "rule",
        "repeated",
        "page_repeat",
        "long_paragraph",
        "before_body",
        "after_body",
        "no_body",
        "prev_long",
        "next_long",
    ];
    let is_flag = |n: &str| LINE_FLAGS.contains(&n) || PLACE_NAMES.contains(&n);
    let (prefix, base) = ["prev2_", "prev_", "next2_", "next_"]
        .iter()
        .find_map(|p| {
            name.strip_prefix(p)
                .filter(|rest| LINE_FEATURE_NAMES.contains(rest) && !is_flag(name))
                .map(|rest| (*p, rest))
        })
        .unwrap_or(("", name));
    if is_flag(base) {
        return if value > 0.5 {
            format!("{prefix}{base}")
        } else {
            format!("not_{prefix}{base}")
        };
    }
    if let Some(rest) = base.strip_prefix("log_") {
        return format!("{prefix}{rest} {}", value.exp_m1().round());
    }
    if let Some(rest) = base.strip_suffix("_log_chars") {
        return format!("{prefix}{rest}_chars {}", value.exp_m1().round());
    }
    format!("{prefix}{base} {value:.2}")
}
