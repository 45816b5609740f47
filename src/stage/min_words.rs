//! The minimum-length filter.

use super::{Decision, Stage, StageRun};
use crate::boilerplate::has_words;
use crate::document::Document;
use crate::stats::DropReason;

/// Documents under a number of words dropped.
#[derive(Debug, Clone, Copy)]
pub struct MinWordsStage {
    /// The fewest words a kept document has.
    pub min_words: usize,
}

impl Stage for MinWordsStage {
    fn name(&self) -> &'static str {
        "min_words"
    }

    fn process(&self, doc: &mut Document, _run: &mut StageRun<'_>) -> Decision {
        if !has_words(&doc.text, self.min_words) {
            Decision::Drop(DropReason::TooShort)
        } else {
            Decision::Keep
        }
    }

    fn changes_text(&self) -> bool {
        false
    }
}
