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
mod model;
mod stopwords;

use serde::{Deserialize, Serialize};

pub(crate) use cues::find_cue;
pub(crate) use features::LineFacts;
pub(crate) use features::context_features as line_context_features;
pub use features::{CONTEXT_FEATURE_NAMES, LINE_FEATURE_NAMES};
pub(crate) use stopwords::{StopWords, stop_words};

use features::{CONTEXT_FEATURES, LINE_FEATURES, body_lines, context_features, line_features};

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

/// The classifier's judgement of one line.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Judgement {
    /// Probability that the line is content, after the context pass.
    pub score: f32,
    /// What the line looks like (its cue, or navigation / other when it has none).
    pub kind: Kind,
    /// The line's first-stage and context vectors, for [`Judgement::why`].
    features: ([f32; LINE_FEATURES], [f32; CONTEXT_FEATURES]),
}

fn sigmoid(x: f32) -> f32 {
    1.0 / (1.0 + (-x).exp())
}

fn dot<const N: usize>(weights: &[f32; N], x: &[f32; N]) -> f32 {
    weights.iter().zip(x).map(|(w, v)| w * v).sum()
}

/// The first-stage feature vectors of a page (for the trainer): see [`LINE_FEATURE_NAMES`].
pub(crate) fn first_stage(lines: &[&str], facts: &[LineFacts]) -> Vec<[f32; LINE_FEATURES]> {
    line_features(lines, facts)
}

/// First-stage scores from first-stage vectors.
fn first_scores(vectors: &[[f32; LINE_FEATURES]]) -> Vec<f32> {
    vectors
        .iter()
        .map(|x| sigmoid(dot(&model::LINE_WEIGHTS, x) + model::LINE_BIAS))
        .collect()
}

/// Judges every line of a page: `lines` are the non-blank lines, trimmed, in order, and
/// `facts` their measures. Long paragraphs and the sentences that touch them score 1.
pub(crate) fn judge(lines: &[&str], facts: &[LineFacts], has_stop_words: bool) -> Vec<Judgement> {
    let mut body = body_lines(facts, has_stop_words);
    // Inside the article (between its first and last body line), short lines are headings, list
    // items, ingredients: they stay unless a cue word marks them.
    if let (Some(first), Some(last)) = (body.iter().position(|&b| b), body.iter().rposition(|&b| b))
    {
        for i in first..=last {
            body[i] |= facts[i].cue.is_none();
        }
    }
    let vectors = line_features(lines, facts);
    let first = first_scores(&vectors);
    let context = context_features(&first);
    vectors
        .iter()
        .zip(&context)
        .zip(facts)
        .zip(body)
        .map(|(((x, c), f), in_body)| {
            let score = if in_body {
                1.0
            } else {
                sigmoid(dot(&model::CONTEXT_WEIGHTS, c) + model::CONTEXT_BIAS)
            };
            Judgement {
                score,
                kind: f.cue.unwrap_or(if f.words <= 8 {
                    Kind::Navigation
                } else {
                    Kind::Other
                }),
                features: (*x, *c),
            }
        })
        .collect()
}

impl Judgement {
    /// The three features that lowered the score most (against the average line of the
    /// training data), named with their value: computed only for the lines that go.
    pub fn why(&self) -> Vec<String> {
        let (x, c) = &self.features;
        let mut pulls: Vec<(f32, String)> = Vec::new();
        for i in 0..LINE_FEATURES {
            // A line's own features act through the first-stage score, its neighbours' through
            // the context weights: weigh them by both.
            let pull = model::LINE_WEIGHTS[i] * (x[i] - model::LINE_MEANS[i]);
            pulls.push((pull, describe(LINE_FEATURE_NAMES[i], x[i])));
        }
        for i in 1..CONTEXT_FEATURES {
            let pull = model::CONTEXT_WEIGHTS[i] * (c[i] - model::CONTEXT_MEANS[i]);
            pulls.push((pull, describe(CONTEXT_FEATURE_NAMES[i], c[i])));
        }
        pulls.sort_by(|a, b| a.0.total_cmp(&b.0));
        pulls
            .into_iter()
            .take_while(|(pull, _)| *pull < 0.0)
            .take(3)
            .map(|(_, text)| text)
            .collect()
    }
}

/// A feature and its value as a reader wants them: flags by name (`not_` when off), lengths as
/// counts, shares and scores with two decimals.
fn describe(name: &str, value: f32) -> String {
    const FLAGS: [&str; 12] = [
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
    if FLAGS.contains(&name) {
        return if value > 0.5 {
            name.to_owned()
        } else {
            format!("not_{name}")
        };
    }
    if let Some(base) = name.strip_prefix("log_") {
        return format!("{base} {}", value.exp_m1().round());
    }
    if let Some(base) = name.strip_suffix("_log_chars") {
        return format!("{base}_chars {}", value.exp_m1().round());
    }
    format!("{name} {value:.2}")
}
