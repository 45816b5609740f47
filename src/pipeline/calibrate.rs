//! The quality calibration pass: reference documents read, cleaned by the pipeline's stages and
//! measured, language by language.

use std::sync::atomic::Ordering;
use std::sync::mpsc::sync_channel;

use rayon::prelude::*;

use super::feed::{BATCHES_IN_FLIGHT, Feed, Item, send_batches, total_size};
use super::outputs::ignored_notice;
use super::{Observer, Pipeline, Processed, Verdict};
use crate::document::Document;
use crate::error::Result;
use crate::io::{self, Input, Parsed, RawReader};
use crate::quality::{CalibrationSettings, Calibrator, Sample};
use crate::stats::Stats;

/// What the calibration pass read.
#[derive(Debug)]
pub struct Calibrated {
    /// The measures, ready to give limits.
    pub calibrator: Calibrator,
    /// Documents read.
    pub documents: u64,
    /// Documents the stages dropped (empty ones, languages left out).
    pub dropped: u64,
    /// Documents whose language could not be told (`und`), left out.
    pub undetermined: u64,
    /// Records that could not be read, left out.
    pub bad_records: u64,
}

impl Pipeline {
    /// Reads `inputs`, runs this pipeline's stages over each document and measures the kept
    /// ones in their language (`lang` for all when given, else the language stage's).
    pub fn calibrate_quality(
        &self,
        inputs: &[Input],
        lang: Option<&'static str>,
        settings: CalibrationSettings,
        observer: &mut dyn Observer,
    ) -> Result<Calibrated> {
        let mut feed = Feed::Files(self.expand(inputs)?);
        if let Feed::Files(expanded) = &mut feed {
            for (dir, names) in &expanded.ignored {
                observer.notice(&ignored_notice(dir, names));
            }
        }
        observer.start(total_size(&feed));
        observer.phase("measuring");
        let mut calibrated = Calibrated {
            calibrator: Calibrator::new(settings),
            documents: 0,
            dropped: 0,
            undetermined: 0,
            bad_records: 0,
        };
        let Feed::Files(expanded) = &feed else {
            return Ok(calibrated);
        };
        let reader =
            RawReader::new(expanded.files.clone()).text_field(&self.config.read.text_field);
        let bytes_read = reader.raw_bytes_read();
        let items = reader.map(|raw| raw.map(Item::Raw));
        let stats = Stats::default();
        std::thread::scope(|scope| -> Result<()> {
            let (sender, batches) = sync_channel(BATCHES_IN_FLIGHT);
            let (max_docs, max_bytes) = (self.config.batch_documents, self.config.batch_bytes);
            scope.spawn(move || send_batches(items, &sender, max_docs, max_bytes));
            for batch in batches {
                let measured: Vec<Measured> = self.pool.install(|| {
                    batch.map(|batch| {
                        batch
                            .into_par_iter()
                            .map(|item| self.measure_item(item, lang))
                            .collect()
                    })
                })?;
                for outcome in measured {
                    calibrated.documents += 1;
                    match outcome {
                        Measured::Sample(sample) => calibrated.calibrator.add(sample),
                        Measured::Dropped => calibrated.dropped += 1,
                        Measured::Undetermined => calibrated.undetermined += 1,
                        Measured::Bad => calibrated.bad_records += 1,
                    }
                }
                observer.progress(bytes_read.load(Ordering::Relaxed), &stats);
            }
            Ok(())
        })?;
        Ok(calibrated)
    }

    fn measure_item(&self, item: Item, lang: Option<&'static str>) -> Measured {
        let doc = match item {
            Item::Document(doc) => doc,
            Item::Raw(raw) => match io::parse_record(raw, &self.config.read) {
                Parsed::Document { doc, .. } => doc,
                Parsed::Bad(_) => return Measured::Bad,
            },
        };
        let Processed { verdict, .. } =
            self.process_with(doc, &self.stages, true, None, false, None);
        let Verdict::Keep(doc) = verdict else {
            return Measured::Dropped;
        };
        match lang.or_else(|| language_of(&doc)) {
            Some(lang) => Measured::Sample(Calibrator::measure(&doc.text, lang)),
            None => Measured::Undetermined,
        }
    }
}

/// The language the language stage wrote, when it could tell.
fn language_of(doc: &Document) -> Option<&'static str> {
    let code = doc.meta.get("lang")?.as_str()?;
    crate::lang::parse_lang(code)
        .ok()
        .map(|l| l.code())
        .filter(|&code| code != "und")
}

/// One record's outcome.
enum Measured {
    Sample(Option<Sample>),
    Dropped,
    Undetermined,
    Bad,
}
