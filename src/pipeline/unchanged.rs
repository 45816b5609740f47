//! What the repeated-line count learned about the text-only stage it runs (repair), so that
//! the main pass skips that stage for the documents it left as they were.
//!
//! The count runs the stages that change the text before the boilerplate stage, repair among
//! them, on every document; the main pass runs them again. Repair's result depends on the text
//! alone ([`Stage::text_only`](crate::stage::Stage::text_only)), and most documents need none
//! (about 85% of real web pages): the count keeps, per document in reading order, the hash of
//! the text repair received and kept unchanged, and the main pass skips repair for a document
//! whose text there has that hash. Nothing else is assumed: a document read in another order,
//! or changed by a stage the count does not run, hashes differently and is repaired as before.

use xxhash_rust::xxh3::xxh3_64;

/// A document the stage changed (or that the count did not read).
const CHANGED: u64 = 0;

/// The hash of a text for [`UnchangedTexts`]: never [`CHANGED`].
pub(super) fn text_hash(text: &str) -> u64 {
    xxh3_64(text.as_bytes()) | 1
}

/// For each document of the repeated-line count, in reading order, the hash of the text the
/// pipeline's text-only key stage received when it kept it unchanged, without an event:
/// 8 bytes a document.
#[derive(Debug, Default)]
pub(super) struct UnchangedTexts {
    /// The stage, by position in the pipeline's stages.
    stage: usize,
    hashes: Vec<u64>,
}

impl UnchangedTexts {
    /// An empty record for the stage at position `stage`.
    pub(super) fn new(stage: usize) -> Self {
        UnchangedTexts {
            stage,
            hashes: Vec::new(),
        }
    }

    /// Records the next document: the hash of the text the stage kept, or `None`.
    pub(super) fn push(&mut self, kept: Option<u64>) {
        self.hashes.push(kept.unwrap_or(CHANGED));
    }

    /// For document `ordinal` (in reading order), the stage and the hash of the text it kept
    /// unchanged in the count, if it did.
    pub(super) fn of(&self, ordinal: usize) -> Option<(usize, u64)> {
        match self.hashes.get(ordinal) {
            Some(&hash) if hash != CHANGED => Some((self.stage, hash)),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::{Config, Pipeline, Verdict};
    use crate::{Document, Processed};

    /// A text repair leaves as it is, and one it changes (HTML references, mojibake).
    const CLEAN: &str =
        "Le conseil municipal a voté le budget mardi soir.\nLa séance a duré trois heures.";
    const BROKEN: &str =
        "Le conseil a votÃ© le budget &amp; la taxe mardi soir.\nLa sÃ©ance a durÃ© trois heures.";

    fn kept_text(processed: Processed) -> String {
        match processed.verdict {
            Verdict::Keep(doc) => doc.text,
            Verdict::Drop(reason) => panic!("dropped: {reason:?}"),
        }
    }

    #[test]
    fn the_count_records_the_texts_repair_keeps_and_only_those() {
        let pipeline = Pipeline::new(Config::default()).unwrap();
        let repair = pipeline
            .text_only_key_stage
            .expect("the default pipeline repairs");
        assert_eq!(pipeline.stages[repair].name(), "normalize");
        let (text, kept) = pipeline.key_text(CLEAN);
        assert_eq!(kept, Some(text_hash(CLEAN)));
        assert_eq!(text, CLEAN);
        let (text, kept) = pipeline.key_text(BROKEN);
        assert_eq!(kept, None);
        assert!(!text.contains("votÃ©") && !text.contains("&amp;"), "{text}");
        // What repair receives is hashed: after the header stage took the date line off.
        let dated = format!("date 2018-06\n{CLEAN}");
        assert_eq!(pipeline.key_text(&dated).1, Some(text_hash(CLEAN)));
        // An empty text is not recorded (repair drops it in the main pass).
        assert_eq!(pipeline.key_text("").1, None);
    }

    #[test]
    fn the_main_pass_skips_repair_only_for_the_text_it_was_told_of() {
        let pipeline = Pipeline::new(Config::default().without("min_words")).unwrap();
        let repair = pipeline.text_only_key_stage.unwrap();
        let run = |text: &str, unchanged| {
            kept_text(pipeline.process_with(
                Document::new("a", text),
                &pipeline.stages,
                true,
                None,
                false,
                unchanged,
            ))
        };
        let repaired = run(BROKEN, None);
        assert!(
            repaired.contains("votée") || repaired.contains("voté"),
            "{repaired}"
        );
        // Told of another text, or of another stage, repair runs.
        assert_eq!(run(BROKEN, Some((repair, text_hash(CLEAN)))), repaired);
        assert_eq!(run(BROKEN, Some((repair + 1, text_hash(BROKEN)))), repaired);
        // Told (wrongly, to see the skip) that repair keeps this very text: it is skipped.
        let skipped = run(BROKEN, Some((repair, text_hash(BROKEN))));
        assert!(skipped.contains("votÃ©"), "{skipped}");
        assert_eq!(
            run(CLEAN, Some((repair, text_hash(CLEAN)))),
            run(CLEAN, None)
        );
    }

    #[test]
    fn only_the_documents_kept_unchanged_are_skippable() {
        let mut unchanged = UnchangedTexts::new(1);
        let kept = text_hash("Le chat dort.");
        unchanged.push(Some(kept));
        unchanged.push(None);
        assert_eq!(unchanged.of(0), Some((1, kept)));
        assert_eq!(unchanged.of(1), None);
        assert_eq!(unchanged.of(2), None, "a document the count did not read");
        assert_ne!(text_hash(""), CHANGED);
    }
}
