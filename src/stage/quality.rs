//! The quality stage: Gopher's, C4's and FineWeb's document filters.

use std::borrow::Cow;

use serde_json::json;

use super::{Decision, Stage, StageRun};
use crate::boilerplate::{Kind, Removal};
use crate::document::Document;
use crate::quality::{Passed, Quality};
use crate::stats::DropReason;

/// Documents that fail a quality rule dropped; each drop counted under its filter and rule
/// (`quality.gopher_quality`, `quality.gopher_short_doc`), with the measure for `--rejects`.
#[derive(Debug, Clone)]
pub struct QualityStage {
    /// The filters, with their limits.
    pub quality: Quality,
}

impl Stage for QualityStage {
    fn name(&self) -> &'static str {
        "quality"
    }

    fn process(&self, doc: &mut Document, run: &mut StageRun<'_>) -> Decision {
        let drop = match self.quality.judge(&doc.text, run.lang) {
            Ok(Passed { text, removed }) => {
                // C4's rules removed lines: they are explained like the boilerplate stage's.
                run.removals.extend(removed.into_iter().map(|r| Removal {
                    line: r.line,
                    text: r.text,
                    rule: r.rule.to_string(),
                    kind: Kind::LowQuality,
                    why: Vec::new(),
                }));
                if let Cow::Owned(text) = text {
                    doc.text = text;
                }
                return Decision::Keep;
            }
            Err(drop) => drop,
        };
        run.events.push(("quality", drop.filter));
        run.events.push(("quality", drop.measured.rule));
        if !run.filter {
            return Decision::Keep;
        }
        run.drop_detail = Some((
            "quality",
            json!({
                "filter": drop.filter,
                "rule": drop.measured.rule,
                "value": finite(drop.measured.value),
                "limit": drop.measured.limit,
            }),
        ));
        Decision::Drop(DropReason::Quality)
    }

    fn changes_text(&self) -> bool {
        self.quality.rewrites_text()
    }
}

/// JSON has no infinity: a ratio over zero words is written as `null`.
fn finite(value: f64) -> Option<f64> {
    value.is_finite().then_some(value)
}
