//! The serialisable description of a run.

use serde::{Deserialize, Serialize};

use crate::boilerplate::BoilerplateConfig;
use crate::dedup::DedupConfig;
use crate::error::{Error, Result};
use crate::io::{BadInputPolicy, ReadOptions};
use crate::lang::LangConfig;
use crate::normalize::{Sequence, TypographyPolicy};

/// Everything that decides what a [`Pipeline`](super::Pipeline) does. Serialisable, so a run
/// can be described in a JSON file; missing fields take their defaults.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// Input format and field names.
    pub read: ReadOptions,
    /// Skip-and-count or stop on bad records and invalid UTF-8.
    pub on_bad_input: BadInputPolicy,
    /// Move a leading `date …` header into `meta["date"]`.
    pub extract_header: bool,
    /// Normalisation steps, in order.
    pub normalize: Sequence,
    /// Language detection and the language filter.
    pub lang: LangConfig,
    /// Boilerplate line rules.
    pub boilerplate: BoilerplateConfig,
    /// Documents with fewer words than this after boilerplate stripping are dropped
    /// (`dropped.too_short`); 0 keeps them all.
    pub min_words: usize,
    /// Typography applied after language detection, with the detected language.
    pub typography: TypographyPolicy,
    /// Near-duplicate detection, last: on the cleaned documents.
    pub dedup: DedupConfig,
    /// Worker threads; 0 means one per core.
    pub threads: usize,
    /// Most documents processed per parallel batch.
    pub batch_documents: usize,
    /// Most input bytes per parallel batch (a batch holds at least one document).
    pub batch_bytes: usize,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            read: ReadOptions::default(),
            on_bad_input: BadInputPolicy::Skip,
            extract_header: true,
            normalize: Sequence::default(),
            lang: LangConfig::default(),
            boilerplate: BoilerplateConfig::default(),
            min_words: 20,
            typography: TypographyPolicy::Native,
            dedup: DedupConfig::default(),
            threads: 0,
            batch_documents: 512,
            batch_bytes: 16 << 20,
        }
    }
}

/// The most worker threads a pipeline starts (as the command line allows).
pub const MAX_THREADS: usize = 1024;

impl Config {
    /// Checks values that serde cannot.
    pub fn validate(&self) -> Result<()> {
        if self.dedup.enabled {
            self.dedup.validate()?;
        }
        if self.threads > MAX_THREADS {
            return Err(Error::config(
                "threads",
                format!(
                    "`threads` {} is more than tamis starts ({MAX_THREADS}); 0 uses one per core",
                    self.threads
                ),
            ));
        }
        if self.batch_documents == 0 || self.batch_bytes == 0 {
            return Err(Error::config(
                "batch_documents",
                "`batch_documents` and `batch_bytes` must be at least 1",
            ));
        }
        if self.read.text_field.is_empty() || self.read.id_field.is_empty() {
            return Err(Error::config(
                "read.text_field",
                "`read.text_field` and `read.id_field` must not be empty",
            ));
        }
        if self.read.text_field == self.read.id_field {
            return Err(Error::config(
                "read.id_field",
                format!(
                    "`read.text_field` and `read.id_field` are both \"{}\"; they must differ",
                    self.read.text_field
                ),
            ));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn more_threads_than_a_pipeline_starts_are_refused_at_once() {
        // Regression: the library tried to start every thread asked for (100,000 hung).
        let config = Config {
            threads: 100_000,
            ..Config::default()
        };
        let error = crate::Pipeline::new(config).err().unwrap();
        assert!(
            matches!(&error, Error::Config(c) if c.field == "threads"),
            "{error}"
        );
    }
}
