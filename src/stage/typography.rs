//! The typography stage: quotes, spaces and dashes as the document's language writes them.

use std::borrow::Cow;

use super::{Decision, Stage, StageRun};
use crate::document::Document;
use crate::normalize::{Typography, TypographyPolicy};

/// Typography of the document's language ([`StageRun::lang`]).
#[derive(Debug, Clone, Copy)]
pub struct TypographyStage {
    /// Native, plain or keep.
    pub policy: TypographyPolicy,
}

impl Stage for TypographyStage {
    fn name(&self) -> &'static str {
        "typography"
    }

    fn process(&self, doc: &mut Document, run: &mut StageRun<'_>) -> Decision {
        if let Cow::Owned(text) = Typography::new(self.policy).apply(&doc.text, run.lang) {
            doc.text = text;
            run.events.push(("typography", "changed"));
        }
        Decision::Keep
    }
}
