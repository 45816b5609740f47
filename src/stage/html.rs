//! The HTML stage: a page's main text extracted, its furniture left out block by block.

use super::{Decision, Stage, StageRun};
use crate::boilerplate::{Kind, Removal};
use crate::document::Document;
use crate::html::{HtmlConfig, extract_with, looks_like_html};
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
        if !page.title.is_empty() && !doc.meta.contains_key("title") {
            doc.meta
                .insert("title".into(), serde_json::Value::String(page.title));
        }
        run.removals
            .extend(page.removed.into_iter().map(|block| Removal {
                line: block.block,
                kind: kind_of(&block.rule),
                why: vec![format!("score {:.2}", block.score)],
                text: block.text,
                rule: block.rule,
            }));
        doc.text = page.text;
        if doc.text.is_empty() {
            run.events.push(("html", "no_main_text"));
            return Decision::Drop(DropReason::Empty);
        }
        Decision::Keep
    }
}

/// The boilerplate kind of a block left out, by the rule that left it out.
fn kind_of(rule: &str) -> Kind {
    match rule.strip_prefix("html.").unwrap_or(rule) {
        "nav" => Kind::Navigation,
        "share" => Kind::Share,
        "comments" => Kind::Comment,
        "subscribe" => Kind::Subscribe,
        "cookie" => Kind::Cookie,
        "ad" => Kind::Advertisement,
        "tags" => Kind::Tags,
        "related" => Kind::ReadAlso,
        _ => Kind::Other,
    }
}
