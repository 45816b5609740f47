//! The pipeline as a file (`tamis clean --config`, `--print-config`): how to read, then the
//! stages in the order they run, each a table tagged by its `type`; a stage left out is off.
//!
//! ```
//! use tamis::pipeline::PipelineFile;
//! use tamis::Config;
//!
//! let file: PipelineFile = toml::from_str(r#"
//!     [[stages]]
//!     type = "repair"
//!     steps = [{ type = "mojibake" }, { type = "nfc" }]
//!
//!     [[stages]]
//!     type = "language"
//!     keep = ["fra"]
//!
//!     [[stages]]
//!     type = "min_words"
//!     min_words = 5
//! "#).unwrap();
//! let config = Config::try_from(file)?;
//! assert!(!config.extract_header && !config.boilerplate.enabled && !config.dedup.enabled);
//! assert_eq!(config.min_words, 5);
//! assert_eq!(config.lang.keep, ["fra"]);
//! # Ok::<(), tamis::Error>(())
//! ```
//!
//! [`PipelineFile::from_toml`] and [`PipelineFile::from_json`] read either form.

use serde::{Deserialize, Serialize};

use super::Config;
use crate::boilerplate::BoilerplateConfig;
use crate::dedup::DedupConfig;
use crate::error::{Error, Result};
use crate::io::{BadInputPolicy, ReadOptions};
use crate::lang::LangConfig;
use crate::normalize::{Sequence, TypographyPolicy};

/// A pipeline as written in a file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PipelineFile {
    /// Input format and field names.
    #[serde(default)]
    pub read: ReadOptions,
    /// Skip-and-count or stop on bad records and invalid UTF-8.
    #[serde(default)]
    pub on_bad_input: BadInputPolicy,
    /// Worker threads; 0 means one per core.
    #[serde(default)]
    pub threads: usize,
    /// Most documents processed per parallel batch.
    #[serde(default = "default_batch_documents")]
    pub batch_documents: usize,
    /// Most input bytes per parallel batch.
    #[serde(default = "default_batch_bytes")]
    pub batch_bytes: usize,
    /// The stages, in the order they run (the default pipeline's when left out).
    #[serde(default = "default_stages")]
    pub stages: Vec<StageConfig>,
}

impl PipelineFile {
    /// Reads the pipeline file at `path`: TOML, or JSON when its name ends in `.json`. A file
    /// that cannot be read is an I/O error; one that does not parse is a configuration error
    /// naming the file.
    pub fn from_path(path: &std::path::Path) -> Result<Self> {
        let display = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(display.clone(), e))?;
        let is_json = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("json"));
        let parsed = if is_json {
            Self::from_json(&text)
        } else {
            Self::from_toml(&text)
        };
        // The parsers quote names in backticks, which messages keep for settings.
        parsed.map_err(|e| Error::config("config", format!("{display}: {}", e.replace('`', "\""))))
    }

    /// Reads a pipeline file written in TOML; the error names the line and the setting.
    pub fn from_toml(text: &str) -> std::result::Result<Self, String> {
        toml::from_str(text).map_err(|e| e.to_string())
    }

    /// Reads a pipeline file written in JSON (what `--print-config --json` and scripts write).
    ///
    /// The JSON is read as a tree first and handed to the same reader as TOML: the stages are
    /// tagged by `type`, and serde reads numbers of tagged tables from JSON only through a
    /// detour (serde-rs/serde#1183, with the exact numbers this crate keeps in metadata).
    /// `null` stands for a setting left out.
    pub fn from_json(text: &str) -> std::result::Result<Self, String> {
        let json: serde_json::Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
        let tree = match json_to_toml(json, "")? {
            Some(tree) => tree,
            None => toml::Value::Table(toml::Table::new()),
        };
        tree.try_into().map_err(|e: toml::de::Error| e.to_string())
    }
}

/// The TOML tree of a JSON value (`None` for `null`); `at` names the place for errors.
fn json_to_toml(
    value: serde_json::Value,
    at: &str,
) -> std::result::Result<Option<toml::Value>, String> {
    use serde_json::Value as Json;
    Ok(Some(match value {
        Json::Null => return Ok(None),
        Json::Bool(b) => toml::Value::Boolean(b),
        Json::Number(n) => match (n.as_i64(), n.as_f64()) {
            (Some(i), _) => toml::Value::Integer(i),
            (None, Some(f)) => toml::Value::Float(f),
            (None, None) => return Err(format!("{at}: {n} is not a number tamis can read")),
        },
        Json::String(s) => toml::Value::String(s),
        Json::Array(items) => toml::Value::Array(
            items
                .into_iter()
                .enumerate()
                .map(|(i, item)| {
                    let place = format!("{at}[{i}]");
                    json_to_toml(item, &place)?
                        .ok_or_else(|| format!("{place}: null is not allowed in a list"))
                })
                .collect::<std::result::Result<_, _>>()?,
        ),
        Json::Object(fields) => {
            let mut table = toml::Table::new();
            for (key, field) in fields {
                let place = if at.is_empty() {
                    key.clone()
                } else {
                    format!("{at}.{key}")
                };
                if let Some(field) = json_to_toml(field, &place)? {
                    table.insert(key, field);
                }
            }
            toml::Value::Table(table)
        }
    }))
}

/// One stage of a [`PipelineFile`], tagged by its `type`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum StageConfig {
    /// A leading `date …` header moved into the `date` field.
    Header,
    /// The repair steps, in order.
    Repair {
        /// The steps, each tagged by its `type`; every step when left out.
        #[serde(default)]
        steps: Sequence,
    },
    /// Language detection and the language filter.
    Language(LangConfig),
    /// Boilerplate lines removed.
    Boilerplate(BoilerplateConfig),
    /// Documents with fewer words dropped.
    MinWords {
        /// The fewest words a kept document has (20 when left out).
        #[serde(default = "default_min_words")]
        min_words: usize,
    },
    /// Typography of the document's language.
    Typography {
        /// `native` (when left out), `plain` or `keep`.
        #[serde(default)]
        policy: TypographyPolicy,
    },
    /// Near-duplicates removed across the corpus (always last).
    Dedup(DedupConfig),
}

/// The `min_words` of a `min_words` stage that does not say.
fn default_min_words() -> usize {
    Config::default().min_words
}

impl StageConfig {
    /// The stage's `type`.
    pub fn name(&self) -> &'static str {
        match self {
            StageConfig::Header => "header",
            StageConfig::Repair { .. } => "repair",
            StageConfig::Language(_) => "language",
            StageConfig::Boilerplate(_) => "boilerplate",
            StageConfig::MinWords { .. } => "min_words",
            StageConfig::Typography { .. } => "typography",
            StageConfig::Dedup(_) => "dedup",
        }
    }
}

/// The order stages run in.
const ORDER: [&str; 7] = [
    "header",
    "repair",
    "language",
    "boilerplate",
    "min_words",
    "typography",
    "dedup",
];

fn default_batch_documents() -> usize {
    Config::default().batch_documents
}

fn default_batch_bytes() -> usize {
    Config::default().batch_bytes
}

fn default_stages() -> Vec<StageConfig> {
    PipelineFile::from(&Config::default()).stages
}

impl From<&Config> for PipelineFile {
    fn from(config: &Config) -> Self {
        let mut stages = Vec::new();
        if config.extract_header {
            stages.push(StageConfig::Header);
        }
        stages.push(StageConfig::Repair {
            steps: config.normalize.clone(),
        });
        if config.lang.enabled {
            stages.push(StageConfig::Language(config.lang.clone()));
        }
        if config.boilerplate.enabled {
            stages.push(StageConfig::Boilerplate(config.boilerplate.clone()));
        }
        if config.min_words > 0 {
            stages.push(StageConfig::MinWords {
                min_words: config.min_words,
            });
        }
        stages.push(StageConfig::Typography {
            policy: config.typography,
        });
        if config.dedup.enabled {
            stages.push(StageConfig::Dedup(config.dedup.clone()));
        }
        PipelineFile {
            read: config.read.clone(),
            on_bad_input: config.on_bad_input,
            threads: config.threads,
            batch_documents: config.batch_documents,
            batch_bytes: config.batch_bytes,
            stages,
        }
    }
}

impl TryFrom<PipelineFile> for Config {
    type Error = Error;

    /// The configuration of a pipeline file: a stage left out is off (no repair step, `keep`
    /// typography, no minimum length); the stages must come in the order they run, once each.
    fn try_from(file: PipelineFile) -> Result<Config> {
        let mut config = Config {
            read: file.read,
            on_bad_input: file.on_bad_input,
            threads: file.threads,
            batch_documents: file.batch_documents,
            batch_bytes: file.batch_bytes,
            extract_header: false,
            normalize: Sequence::new(Vec::new()),
            min_words: 0,
            typography: TypographyPolicy::Keep,
            ..Config::default()
        };
        config.lang.enabled = false;
        config.boilerplate.enabled = false;
        config.dedup.enabled = false;
        let mut last: Option<usize> = None;
        for stage in file.stages {
            let name = stage.name();
            let at = ORDER.iter().position(|n| *n == name).unwrap_or(0);
            if let Some(before) = last.filter(|&before| before >= at) {
                let problem = if before == at {
                    format!("the stage \"{name}\" is listed twice")
                } else {
                    format!(
                        "the stage \"{name}\" comes after \"{}\"; stages run in this order: {}",
                        ORDER[before],
                        ORDER.join(", ")
                    )
                };
                return Err(Error::config("stages", problem));
            }
            last = Some(at);
            let disabled = match &stage {
                StageConfig::Language(lang) => !lang.enabled,
                StageConfig::Boilerplate(boilerplate) => !boilerplate.enabled,
                StageConfig::Dedup(dedup) => !dedup.enabled,
                _ => false,
            };
            if disabled {
                return Err(Error::config(
                    "stages",
                    format!(
                        "the stage \"{name}\" is listed with `enabled = false`: a listed stage \
                         runs; leave it out to turn it off"
                    ),
                ));
            }
            match stage {
                StageConfig::Header => config.extract_header = true,
                StageConfig::Repair { steps } => config.normalize = steps,
                StageConfig::Language(lang) => config.lang = lang,
                StageConfig::Boilerplate(boilerplate) => config.boilerplate = boilerplate,
                StageConfig::MinWords { min_words } => config.min_words = min_words,
                StageConfig::Typography { policy } => config.typography = policy,
                StageConfig::Dedup(dedup) => config.dedup = dedup,
            }
        }
        Ok(config)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_listed_stage_cannot_be_turned_off_inside() {
        let file =
            PipelineFile::from_toml("[[stages]]\ntype = \"dedup\"\nenabled = false\n").unwrap();
        let error = Config::try_from(file).unwrap_err();
        assert!(error.to_string().contains("leave it out"), "{error}");
    }

    #[test]
    fn stages_listed_without_their_settings_take_the_defaults() {
        // Regression: `steps` was required, though a setting left out takes its default.
        let file = PipelineFile::from_toml("[[stages]]\ntype = \"repair\"\n").unwrap();
        let config = Config::try_from(file).unwrap();
        assert_eq!(config.normalize, Sequence::default());
        let empty = PipelineFile::from_toml("[[stages]]\ntype = \"repair\"\nsteps = []\n");
        assert_eq!(
            Config::try_from(empty.unwrap())
                .unwrap()
                .normalize
                .steps()
                .len(),
            0
        );
        // The other stages with settings take their defaults too.
        let bare = "[[stages]]\ntype = \"min_words\"\n\n[[stages]]\ntype = \"typography\"\n";
        let config = Config::try_from(PipelineFile::from_toml(bare).unwrap()).unwrap();
        assert_eq!(config.min_words, Config::default().min_words);
        assert_eq!(config.typography, TypographyPolicy::Native);
    }

    #[test]
    fn a_json_pipeline_with_fractional_settings_in_its_stages_is_read() {
        // Regression: serde read the numbers of tagged stages from JSON as maps.
        let mut config = Config::default();
        config.lang.min_confidence = 0.35;
        config.dedup.threshold = 0.7;
        let json = serde_json::to_string(&PipelineFile::from(&config)).unwrap();
        assert!(json.contains("\"format\":null"), "{json}");
        let back = Config::try_from(PipelineFile::from_json(&json).unwrap()).unwrap();
        assert_eq!(back, config);
        let error = PipelineFile::from_json(r#"{"stages": [{"type": "dedup", "threshold": "x"}]}"#)
            .unwrap_err();
        assert!(error.contains("\"x\", expected f64"), "{error}");
    }

    #[test]
    fn every_configuration_goes_through_a_file_and_back() {
        let mut configs = vec![Config::default()];
        let mut bare = Config {
            extract_header: false,
            min_words: 0,
            typography: TypographyPolicy::Plain,
            ..Config::default()
        };
        bare.lang.enabled = false;
        bare.boilerplate.enabled = false;
        bare.dedup.enabled = false;
        configs.push(bare);
        for config in configs {
            let file = PipelineFile::from(&config);
            let text = toml::to_string_pretty(&file).unwrap();
            let read: PipelineFile = toml::from_str(&text).unwrap();
            assert_eq!(Config::try_from(read).unwrap(), config, "{text}");
        }
    }

    #[test]
    fn stages_out_of_order_or_twice_are_refused_and_unknown_ones_named() {
        let swapped = "[[stages]]\ntype = \"typography\"\npolicy = \"native\"\n\
                       [[stages]]\ntype = \"header\"\n";
        let file: PipelineFile = toml::from_str(swapped).unwrap();
        let error = Config::try_from(file).unwrap_err().to_string();
        assert!(
            error.contains("\"header\" comes after \"typography\""),
            "{error}"
        );
        let twice = "[[stages]]\ntype = \"header\"\n[[stages]]\ntype = \"header\"\n";
        let file: PipelineFile = toml::from_str(twice).unwrap();
        let error = Config::try_from(file).unwrap_err().to_string();
        assert!(error.contains("listed twice"), "{error}");
        let unknown = "[[stages]]\ntype = \"spellcheck\"\n";
        let error = toml::from_str::<PipelineFile>(unknown)
            .unwrap_err()
            .to_string();
        assert!(error.contains("spellcheck"), "{error}");
    }
}
