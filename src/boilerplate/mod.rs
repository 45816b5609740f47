//! Boilerplate stripping: lines that are not the article (photo credits glued to a related
//! title, "read also" links, share, subscribe and cookie lines, bylines, paywall notes, menus,
//! copyright notices, related-article lists, comment prompts, footers) are removed by
//! multilingual line rules, by repetition across the corpus, and by a context-aware line
//! classifier ([`Strictness`]); every removal is explained.

pub(crate) mod classify;
mod lexicon;
mod line_table;
mod repeated;
mod rules;
mod rules_file;
mod words;

use std::borrow::Cow;
use std::sync::OnceLock;

use regex::{Regex, RegexBuilder};
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

pub use classify::{LINE_FEATURE_NAMES, Strictness};
pub use lexicon::{LANGUAGES, LEXICON_KINDS, Language, lexicon_rules};
pub use line_table::{KeyPart, LINE_TABLE_VERSION, LineTable};
pub use repeated::{LineCounter, RepeatedLines, document_keys};
pub use rules::{Kind, LineRule, built_in};
pub use rules_file::RulesFile;
pub use words::count_words;

use crate::error::{Error, Result};
use crate::lang::parse_lang;
use crate::normalize::{Normalizer, Whitespace};

use classify::LineFacts;

/// Settings of the boilerplate stage.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct BoilerplateConfig {
    /// Rules only, or the classifier at one of its thresholds.
    pub strictness: Strictness,
    /// The line classifier's threshold (0–1), in place of the one `strictness` names: lines
    /// scoring below it are removed. Any point of the curve between and beyond the named
    /// settings (`precise` is 0.05, `balanced` 0.07, `aggressive` 0.15).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub threshold: Option<f32>,
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

/// The rule name given to removals by the context classifier.
pub const CONTEXT_RULE: &str = "context";

impl Default for BoilerplateConfig {
    fn default() -> Self {
        BoilerplateConfig {
            strictness: Strictness::default(),
            threshold: None,
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
    /// For the classifier's removals: the features that decided, e.g. `after_body`,
    /// `stopwords 0.05`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub why: Vec<String>,
}

/// The compiled rules, ready to strip documents of any language; cheap to share across threads.
#[derive(Debug, Clone)]
pub struct Stripper {
    /// The built-in rules, then the extra ones.
    rules: Vec<LineRule>,
    /// Each rule's pattern (the built-in ones compiled once per process, when first needed), in
    /// the same order.
    patterns: Vec<Pattern>,
    /// For each language that has rules of its own, the enabled rules that apply to it, in
    /// order; `any_lang` for every other language (and `und`).
    by_lang: FxHashMap<String, Vec<usize>>,
    any_lang: Vec<usize>,
    /// The lexicon's quick check: whether each rule has one, and the rules whose phrases open
    /// with each pair of letter keys ([`lexicon::opening`]).
    quick_checked: Vec<bool>,
    openings: FxHashMap<(char, char), Vec<usize>>,
    /// The largest `max_chars`: longer lines are content for every rule.
    longest: usize,
    /// Rules only, or the classifier's threshold.
    strictness: Strictness,
    /// The classifier's threshold when given as a number.
    threshold: Option<f32>,
}

/// The built-in rules with their patterns, each compiled the first time a line of one of its
/// languages is tried: a corpus in two languages compiles a few dozen of the 375 (compiling them
/// all takes a second, most of it for languages the corpus does not have).
fn built_in_table() -> &'static [BuiltIn] {
    static TABLE: OnceLock<Vec<BuiltIn>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let rules = built_in();
        // The lexicon's rules come last.
        let hand_written = rules.len() - lexicon::lexicon_rules().len();
        let openings = std::iter::repeat_n(None, hand_written).chain(lexicon::lexicon_openings());
        rules
            .into_iter()
            .zip(openings)
            .map(|(rule, openings)| BuiltIn {
                rule,
                openings,
                regex: OnceLock::new(),
            })
            .collect()
    })
}

/// A built-in rule, the letters its matches start with (the lexicon's quick check, see
/// [`lexicon::lexicon_openings`]), and its pattern once compiled.
struct BuiltIn {
    rule: LineRule,
    openings: Option<Vec<(char, char)>>,
    regex: OnceLock<Regex>,
}

/// A rule's pattern: a built-in one by its place in [`built_in_table`], compiled when first
/// needed, or a user's, compiled (and checked) when the stripper is made.
#[derive(Debug, Clone)]
enum Pattern {
    BuiltIn(usize),
    Extra(Regex),
}

impl Pattern {
    /// The compiled pattern.
    fn regex(&self) -> &Regex {
        match self {
            Pattern::Extra(regex) => regex,
            Pattern::BuiltIn(i) => {
                let BuiltIn { rule, regex, .. } = &built_in_table()[*i];
                regex.get_or_init(|| {
                    build(&rule.pattern)
                        .expect("built-in patterns compile (every_built_in_pattern_compiles)")
                })
            }
        }
    }
}

/// A pattern, case-insensitive. (One `Regex` per rule: a `RegexSet` of all of them measured 50
/// times slower on news text.)
fn build(pattern: &str) -> std::result::Result<Regex, regex::Error> {
    RegexBuilder::new(pattern).case_insensitive(true).build()
}

/// Each user rule's pattern, compiled, or the error naming the rule.
fn compile(rules: &[LineRule]) -> Result<Vec<Regex>> {
    rules
        .iter()
        .map(|rule| {
            build(&rule.pattern).map_err(|e| {
                Error::config(
                    "boilerplate.extra_rules",
                    format!("boilerplate rule \"{}\": invalid pattern: {e}", rule.name),
                )
            })
        })
        .collect()
}

impl Stripper {
    /// Compiles the built-in rules (less the disabled ones) and the extra ones.
    pub fn new(config: &BoilerplateConfig) -> Result<Self> {
        if let Some(threshold) = config.threshold
            && !(0.0..=1.0).contains(&threshold)
        {
            return Err(Error::config(
                "boilerplate.threshold",
                format!(
                    "`boilerplate.threshold` {threshold} is not a score: give a number from 0 to \
                     1, such as 0.07 (balanced)"
                ),
            ));
        }
        let built_in_rules: Vec<LineRule> =
            built_in_table().iter().map(|b| b.rule.clone()).collect();
        for name in &config.disable {
            if !built_in_rules.iter().any(|r| &r.name == name) {
                let names: Vec<&str> = built_in_rules.iter().map(|r| r.name.as_str()).collect();
                return Err(Error::config(
                    "boilerplate.disable",
                    format!(
                        "unknown built-in boilerplate rule \"{name}\"; the built-in rules are: {}",
                        names.join(", ")
                    ),
                ));
            }
        }
        let mut extra = Vec::with_capacity(config.extra_rules.len());
        for rule in &config.extra_rules {
            let defined_twice = built_in_rules
                .iter()
                .chain(&extra)
                .any(|r: &LineRule| r.name == rule.name);
            if defined_twice {
                return Err(Error::config(
                    "boilerplate.extra_rules",
                    format!("boilerplate rule \"{}\" is defined twice", rule.name),
                ));
            }
            let mut rule = rule.clone();
            rule.langs = rule
                .langs
                .iter()
                .map(|code| parse_lang(code).map(|l| l.code().to_owned()))
                .collect::<Result<_>>()
                .map_err(|e| {
                    Error::config(
                        "boilerplate.extra_rules",
                        format!("boilerplate rule \"{}\": {e}", rule.name),
                    )
                })?;
            extra.push(rule);
        }
        let mut patterns: Vec<Pattern> = (0..built_in_rules.len()).map(Pattern::BuiltIn).collect();
        patterns.extend(compile(&extra)?.into_iter().map(Pattern::Extra));
        let mut rules = built_in_rules;
        rules.extend(extra);
        let enabled = |i: &usize| !config.disable.contains(&rules[*i].name);
        let applies = |i: &usize, lang: Option<&str>| {
            rules[*i].langs.is_empty()
                || lang.is_some_and(|l| rules[*i].langs.iter().any(|r| r == l))
        };
        let mut by_lang = FxHashMap::default();
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
        let mut quick_checked = vec![false; rules.len()];
        let mut openings: FxHashMap<(char, char), Vec<usize>> = FxHashMap::default();
        for (i, built_in) in built_in_table().iter().enumerate() {
            for &key in built_in.openings.iter().flatten() {
                quick_checked[i] = true;
                openings.entry(key).or_default().push(i);
            }
        }
        Ok(Stripper {
            rules,
            patterns,
            by_lang,
            any_lang,
            quick_checked,
            openings,
            longest,
            strictness: config.strictness,
            threshold: config.threshold,
        })
    }

    /// The first enabled rule for `lang` that `line` (trimmed, non-empty) falls under.
    fn rule_for(&self, line: &str, lang: &str) -> Option<&LineRule> {
        let length = line.chars().count();
        if length > self.longest {
            return None;
        }
        let candidates = self.by_lang.get(lang).unwrap_or(&self.any_lang);
        // The lexicon's rules that may match: those with a phrase opening like the line.
        let opening = lexicon::opening(line);
        let no_rules: &[usize] = &[];
        let possible = |key: Option<(char, char)>| {
            key.and_then(|key| self.openings.get(&key))
                .map_or(no_rules, Vec::as_slice)
        };
        let (two_letters, one_letter) = (
            possible(opening),
            possible(opening.map(|(first, _)| (first, lexicon::NO_LETTER))),
        );
        candidates
            .iter()
            .find(|&&i| {
                length <= self.rules[i].max_chars
                    && (!self.quick_checked[i]
                        || two_letters.contains(&i)
                        || one_letter.contains(&i))
                    && self.patterns[i].regex().is_match(line)
            })
            .map(|&i| &self.rules[i])
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
    ///
    /// Order of evidence: a rule names the line; else a corpus-repeated line goes (unless every
    /// line left is repeated: such a document is a duplicate, for near-duplicate detection to
    /// keep once, not boilerplate); else the classifier removes lines scoring under the
    /// threshold, but never every line left (a page that is all short lines is kept).
    pub fn strip_with<'a>(
        &self,
        text: &'a str,
        lang: &str,
        repeated: Option<(&RepeatedLines, usize)>,
    ) -> (Cow<'a, str>, Vec<Removal>) {
        self.strip_explained(text, lang, repeated, true)
    }

    /// Like [`Stripper::strip_with`]; the classifier's removals say why ([`Removal::why`]) only
    /// when `explain` is true (working it out costs about a fifth of the classifier's time).
    pub fn strip_explained<'a>(
        &self,
        text: &'a str,
        lang: &str,
        repeated: Option<(&RepeatedLines, usize)>,
        explain: bool,
    ) -> (Cow<'a, str>, Vec<Removal>) {
        let lines = non_blank_lines(text);
        let rules: Vec<Option<&LineRule>> = lines
            .iter()
            .map(|(_, line)| self.rule_for(line, lang))
            .collect();
        let mut is_repeated: Vec<bool> = lines
            .iter()
            .map(|(_, line)| is_repeated_line(line, repeated))
            .collect();
        let only_repeated_left = rules
            .iter()
            .zip(&is_repeated)
            .all(|(rule, repeated)| rule.is_some() || *repeated);
        if only_repeated_left {
            is_repeated.fill(false);
        }
        let raw: Vec<&str> = text.split('\n').collect();
        let mut verdicts: Vec<Option<Removal>> = lines
            .iter()
            .zip(&rules)
            .zip(&is_repeated)
            .map(|(((n, _), rule), repeated)| {
                let removal = |rule: &str, kind| Removal {
                    line: n + 1,
                    text: raw[*n].to_owned(),
                    rule: rule.to_owned(),
                    kind,
                    why: Vec::new(),
                };
                match rule {
                    Some(rule) => Some(removal(&rule.name, rule.kind)),
                    None if *repeated => Some(removal(REPEATED_LINE_RULE, Kind::Repeated)),
                    None => None,
                }
            })
            .collect();
        if let Some(threshold) = self.threshold.or(self.strictness.threshold()) {
            self.classify(
                text,
                lang,
                &lines,
                &rules,
                &is_repeated,
                threshold,
                explain,
                &mut verdicts,
            );
        }
        let removals: Vec<Removal> = verdicts.into_iter().flatten().collect();
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

    /// The context pass: fills the undecided `verdicts` with the classifier's removals.
    #[allow(clippy::too_many_arguments)]
    fn classify(
        &self,
        text: &str,
        lang: &str,
        lines: &[(usize, &str)],
        rules: &[Option<&LineRule>],
        repeated: &[bool],
        threshold: f32,
        explain: bool,
        verdicts: &mut [Option<Removal>],
    ) {
        if lines.len() < 2 {
            return;
        }
        let stop = classify::stop_words(lang);
        let trimmed: Vec<&str> = lines.iter().map(|(_, line)| *line).collect();
        let facts: Vec<LineFacts> = trimmed
            .iter()
            .zip(rules.iter().zip(repeated))
            .map(|(line, (rule, repeated))| {
                let mut facts = LineFacts::measure(line, stop);
                facts.rule = rule.is_some();
                facts.repeated = *repeated;
                facts
            })
            .collect();
        let decided: Vec<bool> = verdicts.iter().map(Option::is_some).collect();
        let judgements = classify::judge(&trimmed, &facts, stop.is_some(), &decided, threshold);
        let removable: Vec<bool> = (0..lines.len())
            .map(|i| verdicts[i].is_none() && judgements.scores[i] < threshold)
            .collect();
        let all_go = (0..lines.len()).all(|i| verdicts[i].is_some() || removable[i]);
        if all_go {
            return;
        }
        let raw: Vec<&str> = text.split('\n').collect();
        for i in (0..lines.len()).filter(|&i| removable[i]) {
            let n = lines[i].0;
            verdicts[i] = Some(Removal {
                line: n + 1,
                text: raw[n].to_owned(),
                rule: CONTEXT_RULE.to_owned(),
                kind: judgements.kinds[i],
                why: if explain {
                    judgements.why(i)
                } else {
                    Vec::new()
                },
            });
        }
    }

    /// The classifier's first-stage features of each non-blank line of `text` (for training
    /// the model: `examples/line_features.rs`), with the line number (1-based) and the line.
    #[doc(hidden)]
    pub fn line_features(
        &self,
        text: &str,
        lang: &str,
        repeated: Option<(&RepeatedLines, usize)>,
    ) -> Vec<(usize, String, Vec<f32>, u8)> {
        let stop = classify::stop_words(lang);
        let lines = non_blank_lines(text);
        let trimmed: Vec<&str> = lines.iter().map(|(_, line)| *line).collect();
        let facts: Vec<LineFacts> = trimmed
            .iter()
            .map(|line| {
                let mut facts = LineFacts::measure(line, stop);
                facts.rule = self.rule_for(line, lang).is_some();
                facts.repeated = is_repeated_line(line, repeated);
                facts
            })
            .collect();
        let protection = classify::protection(&facts, stop.is_some());
        classify::first_stage(&trimmed, &facts)
            .into_iter()
            .zip(lines)
            .zip(protection)
            .map(|((x, (n, line)), p)| (n + 1, line.to_owned(), x.to_vec(), p as u8))
            .collect()
    }
}

/// The non-blank lines of `text`, trimmed, with their 0-based line numbers.
fn non_blank_lines(text: &str) -> Vec<(usize, &str)> {
    text.split('\n')
        .enumerate()
        .map(|(n, line)| (n, line.trim()))
        .filter(|(_, line)| !line.is_empty())
        .collect()
}

/// Whether `line` (trimmed) is one of the corpus-repeated lines, within their length limit.
fn is_repeated_line(line: &str, repeated: Option<(&RepeatedLines, usize)>) -> bool {
    repeated.is_some_and(|(set, max_chars)| line.chars().count() <= max_chars && set.contains(line))
}

#[cfg(test)]
mod tests;
