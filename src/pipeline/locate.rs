//! Where in a pipeline file a stage's setting is wrong. The stages are tagged by `type`, which
//! serde reads through a buffer that forgets where each value was: the TOML parser's error then
//! points at the first `[[stages]]`. When a pipeline does not read, each stage is read again
//! here, its settings straight from the parsed file (spans kept), to point at the setting.

use serde::Deserialize;
use serde::de::DeserializeOwned;
use toml::Spanned;
use toml::de::{DeTable, DeValue, Deserializer};

use crate::boilerplate::BoilerplateConfig;
use crate::dedup::DedupConfig;
use crate::html::HtmlConfig;
use crate::lang::LangConfig;
use crate::normalize::{Sequence, TypographyPolicy};
use crate::pii::PiiConfig;
use crate::quality::QualityConfig;

/// The settings of the struct-like stages, as [`super::super::stage::StageConfig`] reads them.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Repair {
    #[serde(default)]
    steps: Sequence,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct MinWords {
    #[serde(default)]
    min_words: usize,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Typography {
    #[serde(default)]
    policy: TypographyPolicy,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Header {}

/// The first stage of the TOML `text` whose settings do not read: the parser's message,
/// pointing at the setting, naming the stage; `None` when every stage reads.
pub(super) fn stage_error(text: &str) -> Option<String> {
    let (number, kind, mut error) = first_bad_stage(text)?;
    error.set_input(Some(text));
    let error = error.to_string();
    let (place, rest) = error.split_once('\n').unwrap_or((&error, ""));
    Some(format!("{place}, in stage {number} (`{kind}`)\n{rest}"))
}

/// [`stage_error`] for a pipeline read as a tree (from JSON, or Python's keywords), where
/// lines mean nothing: the message names the stage and the setting (`dedup.num_perm`).
pub(super) fn stage_error_in_tree(tree: &toml::Value) -> Option<String> {
    let text = toml::to_string(tree).ok()?;
    let (number, kind, error) = first_bad_stage(&text)?;
    let setting = error.span().and_then(|span| {
        let line_start = text[..span.start].rfind('\n').map_or(0, |at| at + 1);
        let line = text[line_start..].lines().next()?;
        let key = match line.split_once('=') {
            Some((key, _)) => key,
            // A table's header: `[[stages.steps]]`, `[stages.lsh]`.
            None => line.trim_matches(|c| c == '[' || c == ']'),
        };
        let key = key.trim().trim_start_matches("stages.");
        (!key.is_empty() && key != "stages").then(|| format!("`{kind}.{key}`"))
    });
    let place = setting.unwrap_or_else(|| format!("stage {number} (`{kind}`)"));
    Some(format!("{place}: {}", error.message()))
}

/// The first stage (numbered from 1) whose settings do not read, its type, and the error.
fn first_bad_stage(text: &str) -> Option<(usize, String, toml::de::Error)> {
    let root = DeTable::parse(text).ok()?;
    let stages = root.get_ref().get("stages")?;
    let DeValue::Array(stages) = stages.get_ref() else {
        return None;
    };
    for (number, stage) in stages.iter().enumerate() {
        let DeValue::Table(table) = stage.get_ref() else {
            continue;
        };
        let kind = table.get("type").and_then(|t| t.get_ref().as_str())?;
        let mut settings = table.clone();
        settings.remove("type");
        let settings = Spanned::new(stage.span(), settings);
        let read = match kind {
            "html" => check::<HtmlConfig>(settings),
            "header" => check::<Header>(settings),
            "repair" => check::<Repair>(settings),
            "language" => check::<LangConfig>(settings),
            "boilerplate" => check::<BoilerplateConfig>(settings),
            "quality" => check::<QualityConfig>(settings),
            "min_words" => check::<MinWords>(settings),
            "typography" => check::<Typography>(settings),
            "pii" => check::<PiiConfig>(settings),
            "dedup" => check::<DedupConfig>(settings),
            _ => Ok(()),
        };
        if let Err(error) = read {
            return Some((number + 1, kind.to_owned(), error));
        }
    }
    None
}

/// Whether `settings` read as `T`.
fn check<T: DeserializeOwned>(settings: Spanned<DeTable<'_>>) -> Result<(), toml::de::Error> {
    T::deserialize(Deserializer::from(settings)).map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Config;

    #[test]
    fn every_stage_of_a_full_pipeline_reads_here_as_the_pipeline_reads_it() {
        // The stand-ins above must take what `StageConfig` takes, or a good stage would be
        // blamed for another's error.
        let mut config = Config::default();
        for stage in ["html", "quality", "pii"] {
            let file = format!("[[stages]]\ntype = \"{stage}\"\n");
            let extra = Config::from_toml(&file).unwrap();
            config.set(extra.stages[0].clone());
        }
        let text = config.to_toml().unwrap();
        assert_eq!(stage_error(&text), None, "{text}");
        let tree: toml::Value = toml::from_str(&text).unwrap();
        assert_eq!(stage_error_in_tree(&tree), None);
    }

    #[test]
    fn a_wrong_setting_is_named_with_its_stage() {
        let text = "[[stages]]\ntype = \"min_words\"\nmin_words = 5\n\n[[stages]]\ntype = \"dedup\"\nnum_perm = \"many\"\n";
        let message = stage_error(text).unwrap();
        assert!(
            message.starts_with("TOML parse error at line 7, column 12, in stage 2 (`dedup`)"),
            "{message}"
        );
        let tree: toml::Value = toml::from_str(text).unwrap();
        let message = stage_error_in_tree(&tree).unwrap();
        assert!(
            message.starts_with("`dedup.num_perm`: invalid type"),
            "{message}"
        );
    }
}
