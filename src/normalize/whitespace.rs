//! Line endings, trailing spaces, runs of spaces and blank lines.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use super::Normalizer;

/// Whitespace clean-up that never turns a non-breaking space into a plain one:
///
/// - `\r\n` and lone `\r` become `\n`;
/// - spaces and tabs at the start of a line, and any whitespace at its end, are removed;
/// - runs of plain spaces (U+0020) become one space; U+00A0, U+202F and other spaces are kept;
/// - runs of blank lines are cut to `max_blank_lines`, and blank lines at the start and end of
///   the text are removed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Whitespace {
    /// Most blank lines kept in a row (1: paragraphs stay separated by one blank line).
    pub max_blank_lines: usize,
}

impl Default for Whitespace {
    fn default() -> Self {
        Whitespace { max_blank_lines: 1 }
    }
}

impl Normalizer for Whitespace {
    fn name(&self) -> &'static str {
        "whitespace"
    }

    fn normalize<'a>(&self, text: &'a str) -> Cow<'a, str> {
        if self.is_clean(text) {
            return Cow::Borrowed(text);
        }
        let unified: Cow<str> = if text.contains('\r') {
            Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
        } else {
            Cow::Borrowed(text)
        };
        let mut out = String::with_capacity(unified.len());
        let mut blank_run = 0usize;
        for line in crate::lines::split_lines(&unified) {
            let line = line
                .trim_start_matches([' ', '\t'])
                .trim_end_matches(char::is_whitespace);
            if line.is_empty() {
                blank_run += 1;
                continue;
            }
            if !out.is_empty() {
                let blanks = blank_run.min(self.max_blank_lines);
                out.extend(std::iter::repeat_n('\n', blanks + 1));
            }
            blank_run = 0;
            push_collapsing_spaces(&mut out, line);
        }
        if out == text {
            Cow::Borrowed(text)
        } else {
            Cow::Owned(out)
        }
    }
}

impl Whitespace {
    /// A scan that finds text this step would leave as it is, without building a copy.
    fn is_clean(&self, text: &str) -> bool {
        if text.contains('\r') || crate::lines::find_double_space(text).is_some() {
            return false;
        }
        let mut blank_run = 0;
        let mut lines = crate::lines::split_lines(text).peekable();
        let mut first = true;
        while let Some(line) = lines.next() {
            if line.is_empty() {
                blank_run += 1;
                if first || lines.peek().is_none() || blank_run > self.max_blank_lines {
                    return false;
                }
            } else {
                blank_run = 0;
                if line.starts_with([' ', '\t']) || line.ends_with(char::is_whitespace) {
                    return false;
                }
            }
            first = false;
        }
        true
    }
}

fn push_collapsing_spaces(out: &mut String, line: &str) {
    // Whole spans between runs of spaces, found by a substring search: no character is decoded.
    let mut rest = line;
    while let Some(at) = crate::lines::find_double_space(rest) {
        out.push_str(&rest[..=at]);
        rest = rest[at..].trim_start_matches(' ');
    }
    out.push_str(rest);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clean(text: &str) -> String {
        Whitespace::default().normalize(text).into_owned()
    }

    /// Spans are copied whole: the same as collapsing character by character.
    #[test]
    fn runs_of_spaces_collapse_as_character_by_character() {
        let by_characters = |line: &str| {
            let mut out = String::new();
            let mut previous_space = false;
            for c in line.chars() {
                if !(c == ' ' && previous_space) {
                    out.push(c);
                }
                previous_space = c == ' ';
            }
            out
        };
        for line in [
            "",
            " ",
            "   ",
            "a  b   c    d",
            "  début   et fin  ",
            "«\u{a0}Bonjour\u{a0}»  —  l’été   2018",
            "中文  标点 。   ",
            "x\u{a0} \u{a0}  y",
        ] {
            let mut out = String::new();
            push_collapsing_spaces(&mut out, line);
            assert_eq!(out, by_characters(line), "{line:?}");
        }
    }

    #[test]
    fn line_endings_trailing_spaces_and_runs() {
        assert_eq!(
            clean("Ligne un  \r\nLigne   deux\rLigne trois\t"),
            "Ligne un\nLigne deux\nLigne trois"
        );
        assert_eq!(
            clean("   Indented line\n\tand tab"),
            "Indented line\nand tab"
        );
        assert_eq!(clean("a\tb"), "a\tb");
    }

    #[test]
    fn blank_lines_are_capped_and_trimmed_at_the_edges() {
        assert_eq!(
            clean("\n\n  \nPremier.\n\n\n\n \nSecond.\n\n"),
            "Premier.\n\nSecond."
        );
        let two = Whitespace { max_blank_lines: 2 };
        assert_eq!(two.normalize("a\n\n\n\n\nb"), "a\n\n\nb");
        let none = Whitespace { max_blank_lines: 0 };
        assert_eq!(none.normalize("a\n\n\nb"), "a\nb");
    }

    #[test]
    fn non_breaking_spaces_are_never_turned_into_plain_spaces() {
        let french = "Il a dit «\u{a0}non\u{a0}»\u{a0}: 1\u{202f}234\u{202f}567\u{a0}€ ?";
        assert!(matches!(
            Whitespace::default().normalize(french),
            Cow::Borrowed(_)
        ));
        // A run mixing plain and non-breaking spaces keeps the non-breaking ones.
        assert_eq!(clean("a  \u{a0}  b"), "a \u{a0} b");
        // Only trailing ones go, as trailing whitespace.
        assert_eq!(clean("fin\u{a0}\u{202f}\nsuite"), "fin\nsuite");
    }

    #[test]
    fn chinese_ideographic_indent_is_kept() {
        let text = "\u{3000}\u{3000}新华社北京电 记者报道。";
        assert!(matches!(
            Whitespace::default().normalize(text),
            Cow::Borrowed(_)
        ));
    }
}
