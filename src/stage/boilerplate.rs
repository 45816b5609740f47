//! The boilerplate stage: lines removed by rule, as corpus-repeated, or by the classifier.

use std::borrow::Cow;

use super::{Decision, Stage, StageRun};
use crate::boilerplate::Stripper;
use crate::document::Document;
use crate::stats::DropReason;

/// Boilerplate lines removed (rules, corpus-repeated lines, the classifier); a document left
/// empty is dropped.
pub struct BoilerplateStage {
    /// The rules and the classifier.
    pub stripper: Stripper,
    /// Whether this stage removes the corpus-repeated lines of [`StageRun::repeated`], and the
    /// length above which a line is never one; `None`: it does not.
    pub repeated_max_chars: Option<usize>,
}

impl Stage for BoilerplateStage {
    fn name(&self) -> &'static str {
        "boilerplate"
    }

    fn process(&self, doc: &mut Document, run: &mut StageRun<'_>) -> Decision {
        let repeated = self
            .repeated_max_chars
            .and_then(|max_chars| run.repeated.map(|lines| (lines, max_chars)));
        let (text, removals) =
            self.stripper
                .strip_explained(&doc.text, run.lang, repeated, run.explain);
        if let Cow::Owned(text) = text {
            doc.text = text;
        }
        run.removals.extend(removals);
        if doc.text.is_empty() {
            return Decision::Drop(DropReason::Empty);
        }
        Decision::Keep
    }
}
