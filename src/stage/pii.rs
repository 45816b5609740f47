//! The PII stage: e-mail and public IP addresses masked.

use std::borrow::Cow;

use super::{Decision, Stage, StageRun};
use crate::document::Document;
use crate::pii::PiiMasker;

/// Addresses replaced as datatrove's `PIIFormatter` replaces them; counted as
/// `pii.emails`, `pii.ips` (addresses) and `pii.documents_changed`.
#[derive(Debug, Clone)]
pub struct PiiStage {
    /// The patterns and replacements.
    pub masker: PiiMasker,
}

impl Stage for PiiStage {
    fn name(&self) -> &'static str {
        "pii"
    }

    fn process(&self, doc: &mut Document, run: &mut StageRun<'_>) -> Decision {
        let (masked, counts) = self.masker.mask(&doc.text);
        if let Cow::Owned(masked) = masked {
            doc.text = masked;
            run.events.push(("pii", "documents_changed"));
            run.events
                .extend(std::iter::repeat_n(("pii", "emails"), counts.emails));
            run.events
                .extend(std::iter::repeat_n(("pii", "ips"), counts.ips));
        }
        Decision::Keep
    }
}
