//! The serialisable description of a run: how to read, and the stages in order.

use serde::{Deserialize, Serialize};

use crate::boilerplate::BoilerplateConfig;
use crate::dedup::DedupConfig;
use crate::error::{Error, Result};
use crate::io::{BadInputPolicy, ReadOptions};
use crate::lang::LangConfig;
use crate::stage::{DEFAULT_ORDER, StageConfig, check_order};

/// Everything that decides what a [`Pipeline`](super::Pipeline) does: how to read, how to run,
/// and the stages in the order they run. Serialisable: a pipeline file (`tamis clean
/// --config`) is this, in TOML or JSON; missing fields take their defaults, and a file without
/// `stages` runs the default pipeline.
///
/// The flags of the command line and the keyword settings of the Python package start from
/// the default list and edit it ([`Config::set`], [`Config::remove`]):
///
/// ```
/// use tamis::Config;
/// use tamis::stage::StageConfig;
///
/// let mut config = Config::default();
/// config.remove("dedup");
/// config.set(StageConfig::MinWords { min_words: 5 });
/// config.language_mut().unwrap().keep = vec!["fra".into()];
/// let names: Vec<&str> = config.stages.iter().map(StageConfig::name).collect();
/// assert_eq!(names, ["header", "repair", "language", "boilerplate", "min_words", "typography"]);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// Input format and field names.
    pub read: ReadOptions,
    /// Skip-and-count or stop on bad records and invalid UTF-8.
    pub on_bad_input: BadInputPolicy,
    /// Worker threads; 0 means one per core.
    pub threads: usize,
    /// Most documents processed per parallel batch.
    pub batch_documents: usize,
    /// Most input bytes per parallel batch (a batch holds at least one document).
    pub batch_bytes: usize,
    /// The stages, in the order they run; a stage left out is off. Any order that
    /// [`check_order`] accepts, repetitions included.
    pub stages: Vec<StageConfig>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            read: ReadOptions::default(),
            on_bad_input: BadInputPolicy::Skip,
            threads: 0,
            batch_documents: 512,
            batch_bytes: 16 << 20,
            stages: StageConfig::defaults(),
        }
    }
}

/// The most worker threads a pipeline starts (as the command line allows).
pub const MAX_THREADS: usize = 1024;

impl Config {
    /// A configuration with the default reading settings and no stage.
    pub fn without_stages() -> Self {
        Config {
            stages: Vec::new(),
            ..Config::default()
        }
    }

    /// The first stage of type `name`.
    pub fn stage(&self, name: &str) -> Option<&StageConfig> {
        self.stages.iter().find(|s| s.name() == name)
    }

    /// Whether the pipeline has a stage of type `name`.
    pub fn has(&self, name: &str) -> bool {
        self.stage(name).is_some()
    }

    /// Removes every stage of type `name`.
    pub fn remove(&mut self, name: &str) {
        self.stages.retain(|s| s.name() != name);
    }

    /// This configuration without its stages of type `name`: `Config::default().without("dedup")`.
    pub fn without(mut self, name: &str) -> Self {
        self.remove(name);
        self
    }

    /// Replaces the first stage of `stage`'s type, or, when there is none, inserts it where the
    /// default pipeline has it (before the first stage that comes later there).
    pub fn set(&mut self, stage: StageConfig) {
        if let Some(at) = self.stages.iter().position(|s| s.name() == stage.name()) {
            self.stages[at] = stage;
            return;
        }
        let rank = |name: &str| DEFAULT_ORDER.iter().position(|n| *n == name);
        let own = rank(stage.name());
        let at = self
            .stages
            .iter()
            .position(|s| rank(s.name()) > own)
            .unwrap_or(self.stages.len());
        self.stages.insert(at, stage);
    }

    /// The language stage's settings.
    pub fn language(&self) -> Option<&LangConfig> {
        self.stages.iter().find_map(|s| match s {
            StageConfig::Language(config) => Some(config),
            _ => None,
        })
    }

    /// The language stage's settings, to change.
    pub fn language_mut(&mut self) -> Option<&mut LangConfig> {
        self.stages.iter_mut().find_map(|s| match s {
            StageConfig::Language(config) => Some(config),
            _ => None,
        })
    }

    /// The first boilerplate stage's settings.
    pub fn boilerplate(&self) -> Option<&BoilerplateConfig> {
        self.stages.iter().find_map(|s| match s {
            StageConfig::Boilerplate(config) => Some(config),
            _ => None,
        })
    }

    /// The settings of the boilerplate stage that removes corpus-repeated lines (there is one
    /// at most), which the run counts first.
    pub fn repeated_line_settings(&self) -> Option<&BoilerplateConfig> {
        self.stages.iter().find_map(|s| match s {
            StageConfig::Boilerplate(config) if s.counts_repeated_lines() => Some(config),
            _ => None,
        })
    }

    /// The first boilerplate stage's settings, to change.
    pub fn boilerplate_mut(&mut self) -> Option<&mut BoilerplateConfig> {
        self.stages.iter_mut().find_map(|s| match s {
            StageConfig::Boilerplate(config) => Some(config),
            _ => None,
        })
    }

    /// The near-duplicate stage's settings.
    pub fn dedup(&self) -> Option<&DedupConfig> {
        self.stages.iter().find_map(|s| match s {
            StageConfig::Dedup(config) => Some(config),
            _ => None,
        })
    }

    /// The near-duplicate stage's settings, to change.
    pub fn dedup_mut(&mut self) -> Option<&mut DedupConfig> {
        self.stages.iter_mut().find_map(|s| match s {
            StageConfig::Dedup(config) => Some(config),
            _ => None,
        })
    }

    /// Checks what serde cannot: the order of the stages, their settings, the run's numbers.
    pub fn validate(&self) -> Result<()> {
        check_order(&self.stages)?;
        if let Some(dedup) = self.dedup() {
            dedup.validate()?;
        }
        for stage in &self.stages {
            if let StageConfig::Quality(quality) = stage {
                crate::quality::Quality::new(quality)?;
            }
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

    #[test]
    fn a_stage_set_where_the_list_lacks_it_goes_to_its_default_place() {
        let mut config = Config::without_stages();
        config.set(StageConfig::Dedup(DedupConfig::default()));
        config.set(StageConfig::Header);
        config.set(StageConfig::Language(LangConfig::default()));
        config.set(StageConfig::MinWords { min_words: 3 });
        config.set(StageConfig::MinWords { min_words: 4 });
        let names: Vec<&str> = config.stages.iter().map(StageConfig::name).collect();
        assert_eq!(names, ["header", "language", "min_words", "dedup"]);
        assert_eq!(config.stages[2], StageConfig::MinWords { min_words: 4 });
        config.remove("language");
        assert!(config.language().is_none() && config.has("header"));
    }
}
