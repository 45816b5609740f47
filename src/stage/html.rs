//! The HTML stage: a page's main text extracted, its furniture left out block by block.

use super::{Decision, Stage, StageRun};
use crate::document::Document;
use crate::html::{HtmlConfig, RemovedBlock, extract_with, looks_like_html};
use crate::stats::DropReason;

/// Documents whose text is an HTML page get its main text instead (one block per line), its
/// `<title>` in the `title` field when the record has none; other documents pass unchanged. A
/// page with no main text is dropped as empty.
#[derive(Debug, Clone, Copy, Default)]
pub struct HtmlStage {
    /// The classifier's threshold.
    pub config: HtmlConfig,
}

impl Stage for HtmlStage {
    fn name(&self) -> &'static str {
        "html"
    }

    fn process(&self, doc: &mut Document, run: &mut StageRun<'_>) -> Decision {
        if !looks_like_html(&doc.text) {
            run.events.push(("html", "not_html"));
            return Decision::Keep;
        }
        run.events.push(("html", "pages"));
        let page = extract_with(&doc.text, &self.config);
        if page.stopped_early {
            run.events.push(("html", "read_stopped_early"));
        }
        if !page.title.is_empty() && !doc.meta.contains_key("title") {
            doc.meta
                .insert("title".into(), serde_json::Value::String(page.title));
        }
        run.removals
            .extend(page.removed.into_iter().map(RemovedBlock::into_removal));
        doc.text = page.text;
        if doc.text.is_empty() {
            run.events.push(("html", "no_main_text"));
            if run.filter {
                return Decision::Drop(DropReason::Empty);
            }
        }
        Decision::Keep
    }
}
