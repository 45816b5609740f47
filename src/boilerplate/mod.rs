//! Boilerplate stripping: lines that are not the article (photo credits glued to a related
//! title, "read also" links, share, subscribe and cookie lines, bylines, paywall notes, menus,
//! copyright notices) are removed by multilingual line rules, and every removal is explained.

mod repeated;
mod rules;
mod rules_file;
mod words;

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::OnceLock;

use regex::{Regex, RegexBuilder};
use serde::{Deserialize, Serialize};

pub use repeated::{LineCounter, RepeatedLines, document_keys, line_key};
pub use rules::{Kind, LineRule, built_in};
pub use rules_file::RulesFile;
pub use words::count_words;

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
    /// Lines found in at least this many documents of the corpus are removed (0: never).
    pub repeated_line_min_docs: u32,
    /// Lines longer than this (characters) are never removed as repeated: they are content that
    /// duplicates share.
    pub repeated_line_max_chars: usize,
}

/// The rule name given to removals of corpus-repeated lines.
pub const REPEATED_LINE_RULE: &str = "corpus_repeated_line";

impl Default for BoilerplateConfig {
    fn default() -> Self {
        BoilerplateConfig {
            enabled: true,
            disable: Vec::new(),
            extra_rules: Vec::new(),
            repeated_line_min_docs: 3,
            repeated_line_max_chars: 200,
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
    /// Each rule compiled (the built-in ones once per process), in the same order.
    patterns: Vec<Regex>,
    /// For each language that has rules of its own, the enabled rules that apply to it, in
    /// order; `any_lang` for every other language (and `und`).
    by_lang: HashMap<String, Vec<usize>>,
    any_lang: Vec<usize>,
    /// The largest `max_chars`: longer lines are content for every rule.
    longest: usize,
}

/// The built-in rules' patterns, compiled on first use.
fn built_in_patterns() -> Result<&'static [Regex]> {
    static PATTERNS: OnceLock<Vec<Regex>> = OnceLock::new();
    if let Some(patterns) = PATTERNS.get() {
        return Ok(patterns);
    }
    let patterns = compile(&built_in())?;
    Ok(PATTERNS.get_or_init(|| patterns))
}

/// Each rule's pattern, case-insensitive. (One `Regex` per rule: a `RegexSet` of all of them
/// measured 50 times slower on news text.)
fn compile(rules: &[LineRule]) -> Result<Vec<Regex>> {
    rules
        .iter()
        .map(|rule| {
            RegexBuilder::new(&rule.pattern)
                .case_insensitive(true)
                .build()
                .map_err(|e| {
                    Error::Config(format!(
                        "boilerplate rule \"{}\": invalid pattern: {e}",
                        rule.name
                    ))
                })
        })
        .collect()
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
        let mut patterns = built_in_patterns()?.to_vec();
        patterns.extend(compile(&extra)?);
        let mut rules = built_in_rules;
        rules.extend(extra);
        let enabled = |i: &usize| !config.disable.contains(&rules[*i].name);
        let applies = |i: &usize, lang: Option<&str>| {
            rules[*i].langs.is_empty()
                || lang.is_some_and(|l| rules[*i].langs.iter().any(|r| r == l))
        };
        let mut by_lang = HashMap::new();
        for lang in rules.iter().flat_map(|r| &r.langs) {
            let indices = (0..rules.len())
                .filter(|i| enabled(i) && applies(i, Some(lang)))
                .collect();
            by_lang.insert(lang.clone(), indices);
        }
        let any_lang = (0..rules.len())
            .filter(|i| enabled(i) && applies(i, None))
            .collect();
        let longest = rules.iter().map(|r| r.max_chars).max().unwrap_or(0);
        Ok(Stripper {
            rules,
            patterns,
            by_lang,
            any_lang,
            longest,
        })
    }

    /// The first enabled rule for `lang` that `line` (trimmed, non-empty) falls under.
    fn rule_for(&self, line: &str, lang: &str) -> Option<&LineRule> {
        let length = line.chars().count();
        if length > self.longest {
            return None;
        }
        let candidates = self.by_lang.get(lang).unwrap_or(&self.any_lang);
        candidates
            .iter()
            .map(|&i| (&self.rules[i], &self.patterns[i]))
            .find(|(rule, pattern)| length <= rule.max_chars && pattern.is_match(line))
            .map(|(rule, _)| rule)
    }

    /// The rules in use, in the order they are tried.
    pub fn rules(&self) -> &[LineRule] {
        &self.rules
    }

    /// Removes the boilerplate lines of `text`, a document in `lang` (ISO 639-3 or `und`), and
    /// says which lines went and why. The blank lines left around a removed line are collapsed.
    pub fn strip<'a>(&self, text: &'a str, lang: &str) -> (Cow<'a, str>, Vec<Removal>) {
        self.strip_with(text, lang, None)
    }

    /// Like [`Stripper::strip`], and also removes the lines of `repeated` (found in too many
    /// documents of the corpus; see [`RepeatedLines`]) that are at most `max_chars` long.
    pub fn strip_with<'a>(
        &self,
        text: &'a str,
        lang: &str,
        repeated: Option<(&RepeatedLines, usize)>,
    ) -> (Cow<'a, str>, Vec<Removal>) {
        let mut removals = Vec::new();
        for (n, line) in text.split('\n').enumerate() {
            let trimmed = line.trim();
            if trimmed.is_empty() {
                continue;
            }
            if let Some(rule) = self.rule_for(trimmed, lang) {
                removals.push(Removal {
                    line: n + 1,
                    text: line.to_owned(),
                    rule: rule.name.clone(),
                    kind: rule.kind,
                });
            } else if let Some((lines, max_chars)) = repeated
                && trimmed.chars().count() <= max_chars
                && lines.contains(trimmed)
            {
                removals.push(Removal {
                    line: n + 1,
                    text: line.to_owned(),
                    rule: REPEATED_LINE_RULE.to_owned(),
                    kind: Kind::Repeated,
                });
            }
        }
        if removals.is_empty() {
            return (Cow::Borrowed(text), removals);
        }
        let mut kept = String::with_capacity(text.len());
        let mut removed = removals.iter().map(|r| r.line).peekable();
        for (n, line) in text.split('\n').enumerate() {
            if removed.next_if_eq(&(n + 1)).is_none() {
                kept.push_str(line);
                kept.push('\n');
            }
        }
        let tidy = Whitespace::default().normalize(&kept).into_owned();
        (Cow::Owned(tidy), removals)
    }
}

#[cfg(test)]
mod tests;
