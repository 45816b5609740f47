//! The language stage: detection, the `lang*` fields, and the language filter.

use serde_json::Value;

use super::{Decision, Stage, StageRun};
use crate::document::Document;
use crate::lang::{Detection, LANG_FIELDS, LanguageDetector};
use crate::stats::DropReason;

/// Language detection: writes `lang`, `lang_script` and `lang_confidence`, sets the language
/// the later stages read ([`StageRun::lang`]), and drops the languages the detector's `keep`
/// list leaves out.
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

    fn changes_text(&self) -> bool {
        false
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
