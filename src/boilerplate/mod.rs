//! Boilerplate stripping: lines that are not the article (photo credits glued to a related
//! title, "read also" links, share, subscribe and cookie lines, bylines, paywall notes, menus,
//! copyright notices, related-article lists, comment prompts, footers) are removed by
//! multilingual line rules, by repetition across the corpus, and by a context-aware line
//! classifier ([`Strictness`]); every removal is explained.

pub(crate) mod classify;
mod lexicon;
mod line_table;
mod matcher;
mod needed_bytes;
mod repeated;
mod rules;
mod rules_file;
mod words;

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

pub use classify::{LINE_FEATURE_NAMES, Strictness};
pub use lexicon::{LANGUAGES, LEXICON_KINDS, Language, lexicon_rules};
pub use line_table::{KeyPart, LINE_TABLE_VERSION, LineTable};
pub use repeated::{LineCounter, RepeatedLines, document_keys};
pub use rules::{Kind, LineRule, built_in};
pub use rules_file::RulesFile;
pub use words::{count_words, has_words};

use crate::error::{Error, Result};
use crate::lang::parse_lang;
use crate::normalize::{Normalizer, Whitespace};

use classify::LineFacts;
use matcher::{Compiled, Matcher};

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
    /// The enabled rules of each language, ready to match lines.
    matcher: Matcher,
    /// Rules only, or the classifier's threshold.
    strictness: Strictness,
    /// The classifier's threshold when given as a number.
    threshold: Option<f32>,
}

/// Each user rule's pattern, compiled, or the error naming the rule.
fn compile(rules: &[LineRule]) -> Result<Vec<Compiled>> {
    rules
        .iter()
        .map(|rule| {
            Compiled::new(&rule.pattern).map_err(|e| {
                Error::config(
                    "boilerplate.extra_rules",
                    format!("boilerplate rule \"{}\": invalid pattern: {e}", rule.name),
                )
            })
        })
        .collect()
}

/// The fewest non-blank lines of a document the classifier judges.
const MIN_LINES_JUDGED: usize = 3;

/// The built-in rules named most like `name` (sharing a word of it), for the message refusing
/// it; the stats of a run (`stages.boilerplate`) and `--explain` name the rules that acted.
fn close_names(name: &str, rules: &[LineRule]) -> String {
    let words: Vec<&str> = name.split('_').filter(|w| w.len() > 1).collect();
    let mut close: Vec<&str> = rules
        .iter()
        .map(|r| r.name.as_str())
        .filter(|rule| rule.split('_').any(|w| words.contains(&w)))
        .collect();
    // The longest start in common first.
    let common = |rule: &str| {
        let shared = rule.bytes().zip(name.bytes()).take_while(|(a, b)| a == b);
        std::cmp::Reverse(shared.count())
    };
    close.sort_by_key(|rule| common(rule));
    close.truncate(8);
    if close.is_empty() {
        format!(
            " (none of the {} built-in rules; the stats and --explain of a run name those that \
             removed lines)",
            rules.len()
        )
    } else {
        format!("; built-in rules with a name like it: {}", close.join(", "))
    }
}

impl Stripper {
    /// The built-in rules less the disabled ones (each compiled the first time a line of its
    /// languages needs it), and the extra ones, compiled now: an invalid pattern is an error
    /// naming the rule.
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
        let built_in_rules: Vec<LineRule> = matcher::built_in_table()
            .iter()
            .map(|b| b.rule.clone())
            .collect();
        for name in &config.disable {
            if !built_in_rules.iter().any(|r| &r.name == name) {
                return Err(Error::config(
                    "boilerplate.disable",
                    format!(
                        "unknown built-in boilerplate rule \"{name}\"{}",
                        close_names(name, &built_in_rules)
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
        let compiled = compile(&extra)?;
        let mut rules = built_in_rules;
        rules.extend(extra);
        let matcher = Matcher::new(&rules, compiled, |i| {
            !config.disable.contains(&rules[i].name)
        });
        Ok(Stripper {
            rules,
            matcher,
            strictness: config.strictness,
            threshold: config.threshold,
        })
    }

    /// The first enabled rule for `lang` that `line` (trimmed, non-empty) falls under.
    fn rule_for(&self, line: &str, lang: &str) -> Option<&LineRule> {
        self.matcher.rule_for(line, lang).map(|i| &self.rules[i])
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
        let raw: Vec<&str> = crate::lines::split_lines(text).collect();
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
        for (n, line) in crate::lines::split_lines(text).enumerate() {
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
        // A page has a menu, an article and a footer; a text of one or two lines is not a page
        // (its first line would look like a menu entry to the classifier).
        if lines.len() < MIN_LINES_JUDGED {
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
        let raw: Vec<&str> = crate::lines::split_lines(text).collect();
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
    crate::lines::split_lines(text)
        .enumerate()
        .map(|(n, line)| (n, line.trim()))
        .filter(|(_, line)| !line.is_empty())
        .collect()
}

/// Whether `line` (trimmed) is one of the corpus-repeated lines, within their length limit.
fn is_repeated_line(line: &str, repeated: Option<(&RepeatedLines, usize)>) -> bool {
    repeated.is_some_and(|(set, max_chars)| {
        (line.len() <= max_chars || line.chars().count() <= max_chars) && set.contains(line)
    })
}

#[cfg(test)]
mod tests;
