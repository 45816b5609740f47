//! The header stage: a leading `date …` line moved into the `date` field.

use super::{Decision, Stage, StageRun};
use crate::document::Document;
use crate::header::{HeaderOutcome, extract_header};

/// A leading `date …` header moved into `meta["date"]`.
#[derive(Debug, Clone, Copy, Default)]
pub struct HeaderStage;

impl Stage for HeaderStage {
    fn name(&self) -> &'static str {
        "header"
    }

    fn process(&self, doc: &mut Document, run: &mut StageRun<'_>) -> Decision {
        match extract_header(doc) {
            HeaderOutcome::None => {}
            HeaderOutcome::Extracted => run.events.push(("header", "extracted")),
            HeaderOutcome::ConflictKeptExisting => run
                .events
                .push(("header", "conflicting_date_kept_existing")),
        }
        Decision::Keep
    }
}
