//! Each built-in stage's settings as one variant of a serde-tagged enum, which builds the stage;
//! a pipeline is a list of them, and [`check_order`] says whether the list can run.

use serde::{Deserialize, Serialize};

use super::{
    BoilerplateStage, HeaderStage, HtmlStage, LanguageStage, MinWordsStage, PiiStage, QualityStage,
    RepairStage, Stage, TypographyStage,
};
use crate::boilerplate::{BoilerplateConfig, Stripper};
use crate::dedup::DedupConfig;
use crate::error::{Error, Result};
use crate::html::HtmlConfig;
use crate::lang::{LangConfig, LanguageDetector};
use crate::normalize::{Sequence, TypographyPolicy};
use crate::pii::{PiiConfig, PiiMasker};
use crate::quality::{Quality, QualityConfig};

/// One stage of a pipeline and its settings, tagged by its `type` in a pipeline file.
///
/// ```
/// use tamis::stage::StageConfig;
///
/// let stage: StageConfig = toml::from_str("type = \"min_words\"\nmin_words = 5").unwrap();
/// assert_eq!(stage, StageConfig::MinWords { min_words: 5 });
/// assert_eq!(stage.build()?.map(|s| s.name()), Some("min_words"));
/// # Ok::<(), tamis::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum StageConfig {
    /// The main text of HTML pages extracted (first, when listed; not in the default list).
    Html(HtmlConfig),
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
    /// Documents failing Gopher's or FineWeb's quality rules dropped (not in the default list).
    Quality(Box<QualityConfig>),
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
    /// E-mail and public IP addresses masked (not in the default list).
    Pii(PiiConfig),
    /// Near-duplicates removed across the corpus (last, once).
    Dedup(DedupConfig),
}

/// The fewest words of the default pipeline's `min_words` stage.
pub const DEFAULT_MIN_WORDS: usize = 20;

fn default_min_words() -> usize {
    DEFAULT_MIN_WORDS
}

/// The stages' types in the default pipeline's order: where [`Config::set`] puts a stage the
/// list lacks.
///
/// [`Config::set`]: crate::Config::set
pub const DEFAULT_ORDER: [&str; 10] = [
    "html",
    "header",
    "repair",
    "language",
    "boilerplate",
    "quality",
    "min_words",
    "typography",
    "pii",
    "dedup",
];

impl StageConfig {
    /// The default pipeline, in order: header, repair, language, boilerplate, min_words,
    /// typography, dedup, each with its default settings.
    pub fn defaults() -> Vec<StageConfig> {
        vec![
            StageConfig::Header,
            StageConfig::Repair {
                steps: Sequence::default(),
            },
            StageConfig::Language(LangConfig::default()),
            StageConfig::Boilerplate(BoilerplateConfig::default()),
            StageConfig::MinWords {
                min_words: DEFAULT_MIN_WORDS,
            },
            StageConfig::Typography {
                policy: TypographyPolicy::Native,
            },
            StageConfig::Dedup(DedupConfig::default()),
        ]
    }

    /// The stage's `type`.
    pub fn name(&self) -> &'static str {
        match self {
            StageConfig::Html(_) => "html",
            StageConfig::Header => "header",
            StageConfig::Repair { .. } => "repair",
            StageConfig::Language(_) => "language",
            StageConfig::Boilerplate(_) => "boilerplate",
            StageConfig::Quality(_) => "quality",
            StageConfig::MinWords { .. } => "min_words",
            StageConfig::Typography { .. } => "typography",
            StageConfig::Pii(_) => "pii",
            StageConfig::Dedup(_) => "dedup",
        }
    }

    /// Whether the stage reads the document's language, so comes after the language stage
    /// when the pipeline has one (without one, documents are `und`).
    pub fn reads_language(&self) -> bool {
        matches!(
            self,
            StageConfig::Boilerplate(_) | StageConfig::Quality(_) | StageConfig::Typography { .. }
        )
    }

    /// Whether the stage removes the lines repeated across the corpus (which the run counts
    /// first).
    pub fn counts_repeated_lines(&self) -> bool {
        matches!(self, StageConfig::Boilerplate(b) if b.repeated_line_min_docs > 0)
    }

    /// Builds the per-document stage; `None` for `dedup`, which works across the corpus and
    /// which the run drives after the others.
    pub fn build(&self) -> Result<Option<Box<dyn Stage>>> {
        Ok(Some(match self {
            StageConfig::Html(config) => {
                config.validate()?;
                Box::new(HtmlStage { config: *config })
            }
            StageConfig::Header => Box::new(HeaderStage),
            StageConfig::Repair { steps } => Box::new(RepairStage {
                sequence: steps.clone(),
            }),
            StageConfig::Language(config) => Box::new(LanguageStage {
                detector: LanguageDetector::new(config.clone())?,
            }),
            StageConfig::Boilerplate(config) => Box::new(BoilerplateStage {
                stripper: Stripper::new(config)?,
                repeated_max_chars: (config.repeated_line_min_docs > 0)
                    .then_some(config.repeated_line_max_chars),
            }),
            StageConfig::Quality(config) => Box::new(QualityStage {
                quality: Quality::new(config)?,
            }),
            StageConfig::MinWords { min_words } => Box::new(MinWordsStage {
                min_words: *min_words,
            }),
            StageConfig::Typography { policy } => Box::new(TypographyStage { policy: *policy }),
            StageConfig::Pii(config) => Box::new(PiiStage {
                masker: PiiMasker::new(config)?,
            }),
            StageConfig::Dedup(_) => return Ok(None),
        }))
    }
}

/// Checks that `stages` can run in the order given: `html` once and first, `dedup` once and last, `language` once, the
/// stages that read the language after it, and one boilerplate stage at most that removes
/// corpus-repeated lines. Any other order, and any other repetition (two boilerplate passes, a
/// second repair), is allowed.
pub fn check_order(stages: &[StageConfig]) -> Result<()> {
    let refuse = |problem: String| Err(Error::config("stages", problem));
    let position = |name: &str| stages.iter().position(|s| s.name() == name);
    let count = |name: &str| stages.iter().filter(|s| s.name() == name).count();
    if count("html") > 1 {
        return refuse("the stage \"html\" is listed twice: a page is extracted once".into());
    }
    if let Some(at) = position("html")
        && at > 0
    {
        return refuse(format!(
            "the stage \"html\" comes after \"{}\": the other stages work on the text it \
             extracts, so it comes first",
            stages[0].name()
        ));
    }
    if count("dedup") > 1 {
        return refuse(
            "the stage \"dedup\" is listed twice: near-duplicates are found once, over the \
             whole corpus"
                .into(),
        );
    }
    if let Some(at) = position("dedup")
        && at + 1 != stages.len()
    {
        return refuse(format!(
            "the stage \"dedup\" comes before \"{}\": it works on the documents the other \
             stages have cleaned, so it comes last",
            stages[at + 1].name()
        ));
    }
    if count("language") > 1 {
        return refuse(
            "the stage \"language\" is listed twice: a document has one language".into(),
        );
    }
    if let Some(language) = position("language")
        && let Some(early) = stages[..language].iter().find(|s| s.reads_language())
    {
        return refuse(format!(
            "the stage \"{}\" comes before \"language\" but works by the document's language: \
             move it after",
            early.name()
        ));
    }
    if stages.iter().filter(|s| s.counts_repeated_lines()).count() > 1 {
        return refuse(
            "two boilerplate stages remove corpus-repeated lines: the corpus is counted once; \
             set repeated_line_min_docs = 0 in all but one"
                .into(),
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> Result<()> {
        let stages: Vec<StageConfig> = text
            .split(',')
            .map(|name| toml::from_str(&format!("type = \"{name}\"")).unwrap())
            .collect();
        check_order(&stages)
    }

    #[test]
    fn any_order_that_keeps_the_dependencies_runs() {
        names("repair,header,language,typography,boilerplate,min_words,dedup").unwrap();
        names("boilerplate,repair,boilerplate,min_words").unwrap_err();
        names("repair,min_words,repair,header").unwrap();
        names("typography,boilerplate").unwrap();
        names("html,header,repair,language,boilerplate").unwrap();
    }

    #[test]
    fn what_cannot_run_is_refused_with_the_reason() {
        let message = |text: &str| names(text).unwrap_err().to_string();
        assert!(message("dedup,repair").contains("comes last"));
        assert!(message("dedup,dedup").contains("once"));
        assert!(message("language,repair,language").contains("one language"));
        assert!(message("typography,language").contains("\"typography\" comes before"));
        assert!(message("language,boilerplate,boilerplate").contains("repeated_line_min_docs"));
        assert!(message("repair,html").contains("comes first"));
        assert!(message("html,html").contains("once"));
    }

    #[test]
    fn two_boilerplate_passes_run_when_one_counts_repeated_lines() {
        let second = BoilerplateConfig {
            repeated_line_min_docs: 0,
            ..BoilerplateConfig::default()
        };
        let stages = vec![
            StageConfig::Language(LangConfig::default()),
            StageConfig::Boilerplate(BoilerplateConfig::default()),
            StageConfig::Boilerplate(second),
        ];
        check_order(&stages).unwrap();
    }
}
