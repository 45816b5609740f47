//! C4's quality rules (Raffel et al. 2020), as datatrove's `C4QualityFilter` applies them: line
//! by line, removing the lines that break a line rule, dropping the document on a page rule.

use std::borrow::Cow;
use std::sync::LazyLock;

use serde::{Deserialize, Serialize};

use super::sentences::count_sentences;
use super::text::{Measured, python_len, python_splitlines, strip};
use super::words::{Language, is_space};

/// C4's rules; off by default (they rewrite the text: the lines they judge poor go). A count
/// limit of 0 turns its rule off (as datatrove's `-1`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct C4Quality {
    /// Whether the rules run.
    pub enabled: bool,
    /// Remove Wikipedia's citation marks (`[1]`, `[edit]`, `[citation needed]`) from lines.
    pub remove_citations: bool,
    /// Remove lines that do not end with `.`, `?`, `!`, `"` or `'` (or that end with `...`).
    pub filter_no_terminal_punct: bool,
    /// Drop documents with fewer sentences than this in the lines kept.
    pub min_num_sentences: usize,
    /// Remove lines of fewer words than this (words cut at whitespace).
    pub min_words_per_line: usize,
    /// Remove lines holding a word longer than this, in characters.
    pub max_word_length: usize,
    /// Drop documents where a kept line says "lorem ipsum".
    pub filter_lorem_ipsum: bool,
    /// Remove lines that mention "javascript".
    pub filter_javascript: bool,
    /// Drop documents where a kept line holds a `{`.
    pub filter_curly_bracket: bool,
    /// Remove lines about terms of use, privacy or cookie policies.
    pub filter_policy: bool,
}

impl Default for C4Quality {
    fn default() -> Self {
        C4Quality {
            enabled: false,
            remove_citations: true,
            filter_no_terminal_punct: true,
            min_num_sentences: 5,
            min_words_per_line: 3,
            max_word_length: 1000,
            filter_lorem_ipsum: true,
            filter_javascript: true,
            filter_curly_bracket: true,
            filter_policy: true,
        }
    }
}

/// A line C4's rules removed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RemovedLine {
    /// 1-based number of the line in the text the filter was given.
    pub line: usize,
    /// The line, as it was.
    pub text: String,
    /// The rule: `c4_too_long_word`, `c4_no_terminal_punct`, `c4_too_few_words`,
    /// `c4_javascript` or `c4_policy`.
    pub rule: &'static str,
}

/// What passes C4's rules: the text of the lines kept, and the lines removed.
#[derive(Debug, Clone, PartialEq)]
pub struct C4Kept<'a> {
    /// The kept lines, stripped, citations removed, joined by line feeds (the text itself when
    /// that is what it was).
    pub text: Cow<'a, str>,
    /// The lines removed, in order.
    pub removed: Vec<RemovedLine>,
}

/// datatrove's `CITATION_REGEX`: `\[\d*]|\[edit]|\[citation needed]`.
static CITATION: LazyLock<regex::Regex> = LazyLock::new(|| {
    regex::Regex::new(r"\[\d*\]|\[edit\]|\[citation needed\]").expect("a valid pattern")
});

/// datatrove's `POLICY_SUBSTRINGS`.
const POLICY_SUBSTRINGS: [&str; 6] = [
    "terms of use",
    "privacy policy",
    "cookie policy",
    "uses cookies",
    "use of cookies",
    "use cookies",
];

impl C4Quality {
    /// Checks `text` in `lang`'s way of cutting sentences, line by line in datatrove's order:
    /// the lines kept, or the page rule broken (`lorem_ipsum`, `curly_bracket`,
    /// `too_few_sentences`).
    pub(super) fn check<'a>(&self, text: &'a str, lang: Language) -> Result<C4Kept<'a>, Measured> {
        let mut kept: Vec<Cow<'a, str>> = Vec::new();
        let mut removed = Vec::new();
        let mut sentences = 0usize;
        for (number, original) in python_splitlines(text).enumerate() {
            let line = strip(original);
            let mut remove = |rule| {
                removed.push(RemovedLine {
                    line: number + 1,
                    text: original.to_string(),
                    rule,
                })
            };
            let words = line.split(is_space).filter(|w| !w.is_empty());
            // Bytes are at least characters: characters are counted only when bytes are over.
            let max = self.max_word_length;
            if max > 0 && words.clone().any(|w| w.len() > max && python_len(w) > max) {
                remove("c4_too_long_word");
                continue;
            }
            let line: Cow<'a, str> = if self.remove_citations && line.contains('[') {
                CITATION.replace_all(line, "")
            } else {
                Cow::Borrowed(line)
            };
            if self.filter_no_terminal_punct
                && (!line.ends_with(['.', '?', '!', '"', '\'']) || line.ends_with("..."))
            {
                remove("c4_no_terminal_punct");
                continue;
            }
            if words.count() < self.min_words_per_line {
                remove("c4_too_few_words");
                continue;
            }
            let lower = line.to_lowercase();
            if self.filter_lorem_ipsum && lower.contains("lorem ipsum") {
                return Err(page_rule("lorem_ipsum"));
            }
            if self.filter_javascript && lower.contains("javascript") {
                remove("c4_javascript");
                continue;
            }
            if self.filter_curly_bracket && line.contains('{') {
                return Err(page_rule("curly_bracket"));
            }
            if self.filter_policy && POLICY_SUBSTRINGS.iter().any(|p| lower.contains(p)) {
                remove("c4_policy");
                continue;
            }
            if self.min_num_sentences > 0 {
                sentences += count_sentences(&line, lang);
            }
            kept.push(line);
        }
        if sentences < self.min_num_sentences {
            return Err(Measured {
                rule: "too_few_sentences",
                value: sentences as f64,
                limit: self.min_num_sentences as f64,
            });
        }
        let joined = kept.join("\n");
        let joined = strip(&joined);
        let text = if joined == text {
            Cow::Borrowed(text)
        } else {
            Cow::Owned(joined.to_string())
        };
        Ok(C4Kept { text, removed })
    }
}

/// A page rule's measure: found once, where none is allowed.
fn page_rule(rule: &'static str) -> Measured {
    Measured {
        rule,
        value: 1.0,
        limit: 0.0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn on() -> C4Quality {
        C4Quality {
            enabled: true,
            ..C4Quality::default()
        }
    }

    fn check<'a>(c4: &C4Quality, text: &'a str) -> Result<C4Kept<'a>, &'static str> {
        c4.check(text, Language::of("eng")).map_err(|m| m.rule)
    }

    const PROSE: &str =
        "The council met on Tuesday. The mayor spoke first. Then the vote was held.";

    #[test]
    fn each_line_rule_removes_its_lines_and_says_which() {
        let text = format!(
            "Home | News | Sport\n{PROSE}\nPlease enable JavaScript to comment.\n  Read our privacy policy now.  \nOk then.\n{PROSE}[12][citation needed]\nAnd a word {} too.",
            "x".repeat(1001)
        );
        let kept = check(&on(), &text).unwrap();
        assert_eq!(kept.text, format!("{PROSE}\n{PROSE}"));
        let rules: Vec<(usize, &str)> = kept.removed.iter().map(|r| (r.line, r.rule)).collect();
        assert_eq!(
            rules,
            [
                (1, "c4_no_terminal_punct"),
                (3, "c4_javascript"),
                (4, "c4_policy"),
                (5, "c4_too_few_words"),
                (7, "c4_too_long_word"),
            ]
        );
        // The removed line is given as it was, spaces included.
        assert_eq!(kept.removed[2].text, "  Read our privacy policy now.  ");
    }

    #[test]
    fn page_rules_drop_the_document() {
        let lorem = format!("{PROSE}\nLorem Ipsum dolor sit amet.\n{PROSE}");
        assert_eq!(check(&on(), &lorem), Err("lorem_ipsum"));
        let code = format!("{PROSE}\nThe function f() {{ return 1; }} is short.\n{PROSE}");
        assert_eq!(check(&on(), &code), Err("curly_bracket"));
        // Only kept lines count: a brace on a line removed for its missing full stop is gone.
        let removed = format!("{PROSE}\nvar x = {{}}\n{PROSE}");
        assert!(check(&on(), &removed).is_ok());
        let short = "One sentence here. Two sentences here.\nThree of them now.";
        let measured = on().check(short, Language::of("eng")).unwrap_err();
        assert_eq!(
            (measured.rule, measured.value, measured.limit),
            ("too_few_sentences", 3.0, 5.0)
        );
    }

    #[test]
    fn an_ellipsis_is_not_an_ending_and_quotes_are() {
        let c4 = C4Quality {
            min_num_sentences: 0,
            ..on()
        };
        let kept = check(&c4, "He said it was over...\nShe answered: \"not yet.\"").unwrap();
        assert_eq!(kept.text, "She answered: \"not yet.\"");
    }

    #[test]
    fn zero_turns_count_rules_off_and_flags_turn_the_others_off() {
        let lax = C4Quality {
            enabled: true,
            remove_citations: false,
            filter_no_terminal_punct: false,
            min_num_sentences: 0,
            min_words_per_line: 0,
            max_word_length: 0,
            filter_lorem_ipsum: false,
            filter_javascript: false,
            filter_curly_bracket: false,
            filter_policy: false,
        };
        let text = "Menu\nlorem ipsum {javascript} cookie policy [1]";
        let kept = check(&lax, text).unwrap();
        assert_eq!(kept.text, text);
        assert!(matches!(kept.text, Cow::Borrowed(_)) && kept.removed.is_empty());
    }
}
