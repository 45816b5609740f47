//! Boilerplate stripping: lines that are not the article (photo credits glued to a related
//! title, "read also" links, share, subscribe and cookie lines, bylines, paywall notes, menus,
//! copyright notices) are removed by multilingual line rules, and every removal is explained.

mod rules;
mod rules_file;

use std::borrow::Cow;
use std::sync::OnceLock;

use regex::{RegexSet, RegexSetBuilder};
use serde::{Deserialize, Serialize};

pub use rules::{Kind, LineRule, built_in};
pub use rules_file::RulesFile;

use crate::error::{Error, Result};
use crate::lang::parse_lang;
use crate::normalize::{Normalizer, Whitespace};

/// Settings of the boilerplate stage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct BoilerplateConfig {
    /// Run the stage at all.
    pub enabled: bool,
    /// Names of built-in rules not to apply.
    pub disable: Vec<String>,
    /// Rules added after the built-in ones.
    pub extra_rules: Vec<LineRule>,
}

impl Default for BoilerplateConfig {
    fn default() -> Self {
        BoilerplateConfig {
            enabled: true,
            disable: Vec::new(),
            extra_rules: Vec::new(),
        }
    }
}

/// One removed line, for `--explain`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Removal {
    /// 1-based line number in the text as it was before stripping.
    pub line: usize,
    /// The removed line.
    pub text: String,
    /// The rule that removed it.
    pub rule: String,
    /// What the line was.
    pub kind: Kind,
}

/// The compiled rules, ready to strip documents of any language; cheap to share across threads.
#[derive(Debug, Clone)]
pub struct Stripper {
    /// The built-in rules, then the extra ones.
    rules: Vec<LineRule>,
    /// Which of `rules` apply (built-in rules can be disabled).
    enabled: Vec<bool>,
    /// The built-in patterns, compiled once per process: one pass over a line finds all the
    /// built-in rules it matches.
    built_in: &'static RegexSet,
    /// The extra rules' patterns.
    extra: RegexSet,
}

/// The built-in rules' patterns, compiled on first use.
fn built_in_patterns() -> Result<&'static RegexSet> {
    static PATTERNS: OnceLock<RegexSet> = OnceLock::new();
    if let Some(set) = PATTERNS.get() {
        return Ok(set);
    }
    let set = compile(&built_in())?;
    Ok(PATTERNS.get_or_init(|| set))
}

fn compile(rules: &[LineRule]) -> Result<RegexSet> {
    for rule in rules {
        regex::Regex::new(&rule.pattern).map_err(|e| {
            Error::Config(format!(
                "boilerplate rule \"{}\": invalid pattern: {e}",
                rule.name
            ))
        })?;
    }
    RegexSetBuilder::new(rules.iter().map(|r| &r.pattern))
        .case_insensitive(true)
        .build()
        .map_err(|e| Error::Config(format!("invalid boilerplate rule pattern: {e}")))
}

impl Stripper {
    /// Compiles the built-in rules (less the disabled ones) and the extra ones.
    pub fn new(config: &BoilerplateConfig) -> Result<Self> {
        let built_in_rules = built_in();
        for name in &config.disable {
            if !built_in_rules.iter().any(|r| &r.name == name) {
                let names: Vec<&str> = built_in_rules.iter().map(|r| r.name.as_str()).collect();
                return Err(Error::Config(format!(
                    "unknown built-in boilerplate rule \"{name}\"; the built-in rules are: {}",
                    names.join(", ")
                )));
            }
        }
        let mut extra = Vec::with_capacity(config.extra_rules.len());
        for rule in &config.extra_rules {
            let defined_twice = built_in_rules
                .iter()
                .chain(&extra)
                .any(|r: &LineRule| r.name == rule.name);
            if defined_twice {
                return Err(Error::Config(format!(
                    "boilerplate rule \"{}\" is defined twice",
                    rule.name
                )));
            }
            let mut rule = rule.clone();
            rule.langs = rule
                .langs
                .iter()
                .map(|code| parse_lang(code).map(|l| l.code().to_owned()))
                .collect::<Result<_>>()
                .map_err(|e| Error::Config(format!("boilerplate rule \"{}\": {e}", rule.name)))?;
            extra.push(rule);
        }
        let extra_patterns = compile(&extra)?;
        let enabled = built_in_rules
            .iter()
            .map(|r| !config.disable.contains(&r.name))
            .chain(extra.iter().map(|_| true))
            .collect();
        let mut rules = built_in_rules;
        rules.extend(extra);
        Ok(Stripper {
            rules,
            enabled,
            built_in: built_in_patterns()?,
            extra: extra_patterns,
        })
    }

    /// The first enabled rule for `lang` that `line` (trimmed, non-empty) falls under.
    fn rule_for(&self, line: &str, lang: &str) -> Option<&LineRule> {
        let length = line.chars().count();
        let offset = self.built_in.len();
        let built_in = self.built_in.matches(line).into_iter();
        let extra = self.extra.matches(line).into_iter().map(|i| i + offset);
        built_in.chain(extra).find_map(|i| {
            let rule = &self.rules[i];
            let applies = self.enabled[i]
                && length <= rule.max_chars
                && (rule.langs.is_empty() || rule.langs.iter().any(|l| l == lang));
            applies.then_some(rule)
        })
    }

    /// The rules in use, in the order they are tried.
    pub fn rules(&self) -> &[LineRule] {
        &self.rules
    }

    /// Removes the boilerplate lines of `text`, a document in `lang` (ISO 639-3 or `und`), and
    /// says which lines went and why. The blank lines left around a removed line are collapsed.
    pub fn strip<'a>(&self, text: &'a str, lang: &str) -> (Cow<'a, str>, Vec<Removal>) {
        let mut removals = Vec::new();
        let mut kept = String::with_capacity(text.len());
        for (n, line) in text.split('\n').enumerate() {
            let trimmed = line.trim();
            let matched = if trimmed.is_empty() {
                None
            } else {
                self.rule_for(trimmed, lang)
            };
            match matched {
                Some(rule) => removals.push(Removal {
                    line: n + 1,
                    text: line.to_owned(),
                    rule: rule.name.clone(),
                    kind: rule.kind,
                }),
                None => {
                    kept.push_str(line);
                    kept.push('\n');
                }
            }
        }
        if removals.is_empty() {
            return (Cow::Borrowed(text), removals);
        }
        let tidy = Whitespace::default().normalize(&kept).into_owned();
        (Cow::Owned(tidy), removals)
    }
}

#[cfg(test)]
mod tests;
