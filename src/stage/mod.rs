//! The one shape of every per-document step: a [`Stage`] takes a document (text and metadata),
//! may change it, writes its own metadata, says whether it stays, and records what it did as
//! events (counters in the stats) and boilerplate removals.
//!
//! Each built-in stage has its settings in one variant of [`StageConfig`] (serde, tagged by
//! `type`), which builds it; a pipeline is a list of them in the order they run
//! ([`Config::stages`](crate::Config::stages)), checked by [`check_order`]. `detect` runs the list
//! cut after the language stage.
//!
//! ```
//! use tamis::Document;
//! use tamis::stage::{Decision, MinWordsStage, Stage, StageRun};
//!
//! let stage = MinWordsStage { min_words: 5 };
//! let mut run = StageRun::default();
//! let mut doc = Document::new("a", "Trop court.");
//! assert_eq!(stage.process(&mut doc, &mut run), Decision::Drop(tamis::DropReason::TooShort));
//! ```

mod boilerplate;
mod config;
mod header;
mod html;
mod language;
mod min_words;
mod pii;
mod quality;
mod repair;
mod typography;

pub use boilerplate::BoilerplateStage;
pub use config::{DEFAULT_MIN_WORDS, DEFAULT_ORDER, StageConfig, check_order};
pub use header::HeaderStage;
pub use html::HtmlStage;
pub use language::LanguageStage;
pub use min_words::MinWordsStage;
pub use pii::PiiStage;
pub use quality::QualityStage;
pub use repair::RepairStage;
pub use typography::TypographyStage;

use crate::boilerplate::{Removal, RepeatedLines};
use crate::document::Document;
use crate::lang::UNDETERMINED;
use crate::normalize::MojibakeFix;
use crate::stats::DropReason;

/// Whether a document goes on after a stage.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// It goes on to the next stage.
    Keep,
    /// It is dropped, for this reason.
    Drop(DropReason),
}

/// What the stages of one document share and record: the language found, the corpus-repeated
/// lines, whether drops apply, and the events and removals so far.
#[derive(Debug, Clone)]
pub struct StageRun<'a> {
    /// The document's language as detected (ISO 639-3, or `und` before or without detection).
    pub lang: &'static str,
    /// Lines repeated across the corpus, for the boilerplate stage that removes them.
    pub repeated: Option<&'a RepeatedLines>,
    /// Whether stages may drop the document (false when only annotating, as `detect` does).
    pub filter: bool,
    /// `(stage, counter)` pairs to add 1 to in the stats.
    pub events: Vec<(&'static str, &'static str)>,
    /// Lines the boilerplate stage removed, in order.
    pub removals: Vec<Removal>,
    /// The mojibake the repair stage undid, fix by fix, when `Some` (collected on request:
    /// `tamis normalize --explain`).
    pub mojibake_fixes: Option<Vec<MojibakeFix>>,
    /// Whether the boilerplate stage says why the classifier removed each line
    /// ([`Removal::why`]); false in runs that write no explanations, where it would be wasted.
    pub explain: bool,
    /// What the stage that dropped the document measured (the quality stage's rule, value and
    /// limit), for `--rejects`.
    pub drop_detail: Option<(&'static str, serde_json::Value)>,
}

impl Default for StageRun<'_> {
    fn default() -> Self {
        StageRun {
            lang: UNDETERMINED,
            repeated: None,
            filter: true,
            events: Vec::new(),
            removals: Vec::new(),
            mojibake_fixes: None,
            explain: true,
            drop_detail: None,
        }
    }
}

/// One per-document step.
pub trait Stage: Send + Sync {
    /// The stage's name (its counters in the stats are under it).
    fn name(&self) -> &'static str;

    /// Processes `doc` in place: changes its text, writes its metadata, records events in
    /// `run`, and says whether it goes on.
    fn process(&self, doc: &mut Document, run: &mut StageRun<'_>) -> Decision;

    /// Whether the stage may change the text (false for one that only annotates or filters).
    /// The repeated-line count runs the stages before the boilerplate stage that change the
    /// text, so it keys the lines the boilerplate stage will see.
    fn changes_text(&self) -> bool {
        true
    }

    /// Whether what the stage does to a document (its text, events and decision) follows from
    /// the text alone, not from its language, id or metadata, and a non-empty text it leaves
    /// unchanged, with no event, it keeps. A run that counts repeated lines runs the stage on
    /// every document first; it then skips the stage for the texts it left as they were.
    fn text_only(&self) -> bool {
        false
    }
}
