//! User rule files (`--rules FILE`): TOML or JSON, told by the extension.
//!
//! ```toml
//! disable = ["fr_partager"]          # built-in rules not to apply
//!
//! [[rules]]
//! name = "fr_en_images"              # unique; shown in stats and --explain
//! kind = "photo_credit"              # photo_credit, read_also, share, subscribe, cookie,
//!                                    # byline, paywall, navigation, copyright
//! langs = ["fr"]                     # ISO 639-1 or 639-3 codes; omit for every language
//! pattern = '^en images\s*:'         # regex matched case-insensitively against the line
//! max_chars = 200                    # longer lines are content
//! ```

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::LineRule;
use crate::error::{Error, Result};

/// The setting rule files are read into.
const RULES: &str = "boilerplate.extra_rules";

/// The content of a rule file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RulesFile {
    /// Names of built-in rules not to apply.
    pub disable: Vec<String>,
    /// Rules added after the built-in ones.
    pub rules: Vec<LineRule>,
}

impl RulesFile {
    /// Reads and parses `path` (`.toml` or `.json`); errors name the file and the place.
    pub fn load(path: &Path) -> Result<Self> {
        let display = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(display.clone(), e))?;
        let extension = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        // The parsers quote the file's names in backticks, which messages keep for settings
        // (and the binary turns into flags: the file's `rules` is not `--rules`).
        let parse_error = |e: &dyn std::fmt::Display| {
            Error::config(
                RULES,
                format!("{display}: {}", e.to_string().replace('`', "\"")),
            )
        };
        let file: RulesFile = match extension.as_deref() {
            Some("toml") => toml::from_str(&text).map_err(|e| parse_error(&e))?,
            Some("json") => serde_json::from_str(&text).map_err(|e| parse_error(&e))?,
            _ => {
                return Err(Error::config(
                    RULES,
                    format!(
                        "{display}: rule files are .toml or .json; cannot tell the format from \
                         the extension"
                    ),
                ));
            }
        };
        // Its rules checked now (names, languages, patterns), so the message names the file.
        let config = super::BoilerplateConfig {
            disable: file.disable.clone(),
            extra_rules: file.rules.clone(),
            ..super::BoilerplateConfig::default()
        };
        super::Stripper::new(&config).map_err(|e| match e {
            Error::Config(error) => Error::config(RULES, format!("{display}: {}", error.problem)),
            other => other,
        })?;
        Ok(file)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toml_and_json_rule_files_load_and_bad_ones_say_where() {
        let dir = tempfile::tempdir().unwrap();
        let toml_path = dir.path().join("rules.toml");
        std::fs::write(
            &toml_path,
            "disable = [\"fr_partager\"]\n[[rules]]\nname = \"fr_en_images\"\nkind = \"photo_credit\"\nlangs = [\"fr\"]\npattern = '^en images\\s*:'\nmax_chars = 200\n",
        )
        .unwrap();
        let rules = RulesFile::load(&toml_path).unwrap();
        assert_eq!(rules.disable, ["fr_partager"]);
        assert_eq!(rules.rules[0].pattern, r"^en images\s*:");

        let json_path = dir.path().join("rules.json");
        std::fs::write(
            &json_path,
            r#"{"rules": [{"name": "x", "kind": "share", "patern": "^x", "max_chars": 5}]}"#,
        )
        .unwrap();
        let message = RulesFile::load(&json_path).unwrap_err().to_string();
        assert!(
            message.contains("rules.json") && message.contains("unknown field \"patern\""),
            "{message}"
        );

        let bad_kind = dir.path().join("kind.toml");
        std::fs::write(
            &bad_kind,
            "[[rules]]\nname = \"x\"\nkind = \"advert\"\npattern = \"^x\"\nmax_chars = 5\n",
        )
        .unwrap();
        let message = RulesFile::load(&bad_kind).unwrap_err().to_string();
        assert!(
            message.contains("kind.toml") && message.contains("advert"),
            "{message}"
        );
    }
}
