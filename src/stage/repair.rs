//! The repair stage: the normalisation steps of a [`Sequence`], in order.

use super::{Decision, Stage, StageRun};
use crate::document::Document;
use crate::normalize::Sequence;
use crate::stats::DropReason;

/// The repair steps; a document left empty is dropped.
#[derive(Debug, Clone)]
pub struct RepairStage {
    /// The steps, in order.
    pub sequence: Sequence,
}

impl Stage for RepairStage {
    fn name(&self) -> &'static str {
        "normalize"
    }

    /// Repair reads nothing but the text, and a text it leaves as it was raises no event.
    fn text_only(&self) -> bool {
        true
    }

    fn process(&self, doc: &mut Document, run: &mut StageRun<'_>) -> Decision {
        let mut code_pages: Vec<&'static str> = Vec::new();
        let events = &mut run.events;
        let fixes = &mut run.mojibake_fixes;
        doc.text = self.sequence.apply_explained(
            std::mem::take(&mut doc.text),
            |step| events.push(("normalize", step)),
            |fix| {
                if !code_pages.contains(&fix.code_page) {
                    code_pages.push(fix.code_page);
                }
                if let Some(fixes) = fixes.as_mut() {
                    fixes.push(fix);
                }
            },
        );
        events.extend(code_pages.into_iter().map(|page| ("mojibake", page)));
        if run.filter && doc.text.is_empty() {
            return Decision::Drop(DropReason::Empty);
        }
        Decision::Keep
    }
}
