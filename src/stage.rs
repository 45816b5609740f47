//! The one shape of every per-document step: a [`Stage`] takes a document (text and metadata),
//! may change it, writes its own metadata, says whether it stays, and records what it did as
//! events (counters in the stats) and boilerplate removals. A [`Pipeline`](crate::Pipeline) is
//! a list of stages run in order; `detect` is the list cut after the language stage.
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

use std::borrow::Cow;

use serde_json::Value;

use crate::boilerplate::{Removal, RepeatedLines, Stripper, count_words};
use crate::document::Document;
use crate::header::{HeaderOutcome, extract_header};
use crate::lang::{Detection, LANG_FIELDS, LanguageDetector, UNDETERMINED};
use crate::normalize::{MojibakeFix, Sequence, Typography, TypographyPolicy};
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
    /// Lines repeated across the corpus, with the length above which a line is never one.
    pub repeated: Option<(&'a RepeatedLines, usize)>,
    /// Whether stages may drop the document (false when only annotating, as `detect` does).
    pub filter: bool,
    /// `(stage, counter)` pairs to add 1 to in the stats.
    pub events: Vec<(&'static str, &'static str)>,
    /// Lines the boilerplate stage removed, in order.
    pub removals: Vec<Removal>,
    /// The mojibake the repair stage undid, fix by fix, when `Some` (collected on request:
    /// `tamis normalize --explain`).
    pub mojibake_fixes: Option<Vec<MojibakeFix>>,
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
}

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

/// Language detection: writes `lang`, `lang_script` and `lang_confidence`, and drops the
/// languages the detector's `keep` list leaves out.
#[derive(Debug, Clone)]
pub struct LanguageStage {
    /// The detector, with its settings.
    pub detector: LanguageDetector,
}

impl Stage for LanguageStage {
    fn name(&self) -> &'static str {
        "lang"
    }

    fn process(&self, doc: &mut Document, run: &mut StageRun<'_>) -> Decision {
        let detection = self.detector.detect(&doc.text);
        run.lang = detection.lang;
        run.events.push(("lang", detection.lang));
        if doc.meta.contains_key(LANG_FIELDS[0]) {
            run.events.push(("lang", "replaced_input_field"));
        }
        annotate(doc, &detection);
        if run.filter && !self.detector.keeps(detection.lang) {
            return Decision::Drop(DropReason::Language);
        }
        Decision::Keep
    }
}

/// Writes a detection into the document's metadata.
fn annotate(doc: &mut Document, detection: &Detection) {
    let [lang, script, confidence] = LANG_FIELDS;
    doc.meta.insert(lang.into(), Value::from(detection.lang));
    doc.meta.insert(
        script.into(),
        detection.script.map_or(Value::Null, Value::from),
    );
    let rounded = (detection.confidence * 1000.0).round() / 1000.0;
    doc.meta.insert(confidence.into(), Value::from(rounded));
}

/// Boilerplate lines removed (rules, corpus-repeated lines, the classifier); a document left
/// empty is dropped.
pub struct BoilerplateStage {
    /// The rules and the classifier.
    pub stripper: Stripper,
}

impl Stage for BoilerplateStage {
    fn name(&self) -> &'static str {
        "boilerplate"
    }

    fn process(&self, doc: &mut Document, run: &mut StageRun<'_>) -> Decision {
        let (text, removals) = self.stripper.strip_with(&doc.text, run.lang, run.repeated);
        if let Cow::Owned(text) = text {
            doc.text = text;
        }
        run.removals = removals;
        if doc.text.is_empty() {
            return Decision::Drop(DropReason::Empty);
        }
        Decision::Keep
    }
}

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
        if count_words(&doc.text) < self.min_words {
            Decision::Drop(DropReason::TooShort)
        } else {
            Decision::Keep
        }
    }
}

/// Typography of the document's language.
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
