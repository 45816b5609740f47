//! Python's string measures, as datatrove's filters use them: lengths in code points, lines as
//! `str.splitlines` cuts them, whitespace as `str.strip` sees it.

use super::words::is_space;

/// A measured value past its limit, and the rule it breaks.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Measured {
    /// The rule, as datatrove names it (`gopher_short_doc`, `dup_line_frac`, `line_punct_ratio`…).
    pub rule: &'static str,
    /// What the document measured.
    pub value: f64,
    /// The limit it is past.
    pub limit: f64,
}

/// `len(text)`: the number of code points.
pub(crate) fn python_len(text: &str) -> usize {
    if text.is_ascii() {
        text.len()
    } else {
        text.chars().count()
    }
}

/// `text.strip()`.
pub(crate) fn strip(text: &str) -> &str {
    text.trim_matches(is_space)
}

/// Whether `c` ends a line for `str.splitlines`.
fn is_line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r'
            | '\u{b}'
            | '\u{c}'
            | '\u{1c}'
            | '\u{1d}'
            | '\u{1e}'
            | '\u{85}'
            | '\u{2028}'
            | '\u{2029}'
    )
}

/// Whether `text` may hold a line break other than the line feed.
fn has_other_line_breaks(text: &str) -> bool {
    text.bytes()
        .any(|b| matches!(b, b'\r' | 0x0b | 0x0c | 0x1c..=0x1e | 0xc2 | 0xe2))
        && text.contains(|c: char| c != '\n' && is_line_break(c))
}

/// `text.splitlines()`: cut at every line break (`\r\n` is one), no empty last line.
pub(crate) fn python_splitlines(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    let line_feeds_only = !has_other_line_breaks(text);
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        if line_feeds_only {
            let (line, after) = rest.split_once('\n').unwrap_or((rest, ""));
            rest = after;
            return Some(line);
        }
        match rest.char_indices().find(|&(_, c)| is_line_break(c)) {
            Some((at, c)) => {
                let line = &rest[..at];
                let width = if rest[at..].starts_with("\r\n") {
                    2
                } else {
                    c.len_utf8()
                };
                rest = &rest[at + width..];
                Some(line)
            }
            None => {
                let line = rest;
                rest = "";
                Some(line)
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_cut_as_python_cuts_them() {
        let lines: Vec<&str> = python_splitlines("a\r\nb\rc\n\nd\u{2028}e\n").collect();
        assert_eq!(lines, ["a", "b", "c", "", "d", "e"]);
        assert_eq!(python_splitlines("").count(), 0);
        assert_eq!(python_len("déjà"), 4);
        assert_eq!(strip("\u{a0} x \u{1f}"), "x");
    }
}
