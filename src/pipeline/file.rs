//! The pipeline as a file (`tamis clean --config`, `--print-config`): a [`Config`] in TOML or
//! JSON — how to read, then the stages in the order they run, each a table tagged by its
//! `type`; a stage left out is off, a stage may be listed twice.
//!
//! ```
//! use tamis::Config;
//!
//! let config = Config::from_toml(r#"
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
//! assert!(!config.has("header") && !config.has("boilerplate") && config.dedup().is_none());
//! assert_eq!(config.language().unwrap().keep, ["fra"]);
//! ```
//!
//! [`Config::from_toml`] and [`Config::from_json`] read either form; [`Config::to_toml`]
//! writes one.

use super::Config;
use crate::error::{Error, Result};

impl Config {
    /// Reads the pipeline file at `path`: TOML, or JSON when its name ends in `.json`. A file
    /// that cannot be read is an I/O error; one that does not parse is a configuration error
    /// naming the file (the order of its stages is checked by [`Config::validate`]).
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
        toml::from_str(text).map_err(|e| super::locate::stage_error(text).unwrap_or(e.to_string()))
    }

    /// Reads a pipeline file written in JSON (what `tamis config --json` and scripts write).
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
        let read = tree.clone().try_into();
        read.map_err(|e: toml::de::Error| {
            super::locate::stage_error_in_tree(&tree).unwrap_or(e.to_string())
        })
    }

    /// The pipeline file of this configuration, in TOML (what `--print-config` prints).
    pub fn to_toml(&self) -> Result<String> {
        toml::to_string_pretty(self).map_err(|e| Error::Internal(format!("pipeline as TOML: {e}")))
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::{Sequence, TypographyPolicy};
    use crate::stage::{DEFAULT_MIN_WORDS, StageConfig};

    #[test]
    fn the_old_enabled_setting_is_named_as_unknown() {
        let error =
            Config::from_toml("[[stages]]\ntype = \"dedup\"\nenabled = false\n").unwrap_err();
        assert!(error.contains("enabled"), "{error}");
    }

    #[test]
    fn stages_listed_without_their_settings_take_the_defaults() {
        // Regression: `steps` was required, though a setting left out takes its default.
        let config = Config::from_toml("[[stages]]\ntype = \"repair\"\n").unwrap();
        assert_eq!(
            config.stages,
            [StageConfig::Repair {
                steps: Sequence::default()
            }]
        );
        let empty = Config::from_toml("[[stages]]\ntype = \"repair\"\nsteps = []\n").unwrap();
        assert!(
            matches!(&empty.stages[0], StageConfig::Repair { steps } if steps.steps().is_empty())
        );
        // The other stages with settings take their defaults too.
        let bare = "[[stages]]\ntype = \"min_words\"\n\n[[stages]]\ntype = \"typography\"\n";
        let config = Config::from_toml(bare).unwrap();
        assert_eq!(
            config.stages,
            [
                StageConfig::MinWords {
                    min_words: DEFAULT_MIN_WORDS
                },
                StageConfig::Typography {
                    policy: TypographyPolicy::Native
                }
            ]
        );
        // A file without stages runs the default pipeline.
        assert_eq!(
            Config::from_toml("threads = 2").unwrap().stages,
            StageConfig::defaults()
        );
    }

    #[test]
    fn a_json_pipeline_with_fractional_settings_in_its_stages_is_read() {
        // Regression: serde read the numbers of tagged stages from JSON as maps.
        let mut config = Config::default();
        config.language_mut().unwrap().min_confidence = 0.35;
        config.dedup_mut().unwrap().threshold = 0.7;
        let json = serde_json::to_string(&config).unwrap();
        assert!(json.contains("\"format\":null"), "{json}");
        assert_eq!(Config::from_json(&json).unwrap(), config);
        let error =
            Config::from_json(r#"{"stages": [{"type": "dedup", "threshold": "x"}]}"#).unwrap_err();
        assert!(error.contains("\"x\", expected f64"), "{error}");
    }

    #[test]
    fn every_configuration_goes_through_a_file_and_back() {
        let mut repeated = Config::default();
        let mut second = repeated.boilerplate().unwrap().clone();
        second.repeated_line_min_docs = 0;
        repeated.stages.insert(5, StageConfig::Boilerplate(second));
        let bare = Config {
            stages: vec![StageConfig::Typography {
                policy: TypographyPolicy::Plain,
            }],
            ..Config::default()
        };
        for config in [Config::default(), bare, Config::without_stages(), repeated] {
            let text = config.to_toml().unwrap();
            assert_eq!(Config::from_toml(&text).unwrap(), config, "{text}");
        }
    }

    #[test]
    fn unknown_stages_are_named() {
        let error = Config::from_toml("[[stages]]\ntype = \"spellcheck\"\n").unwrap_err();
        assert!(error.contains("spellcheck"), "{error}");
    }
}
