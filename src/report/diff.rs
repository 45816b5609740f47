//! Word-level differences between a duplicate and its kept document, as HTML.

use similar::{ChangeTag, TextDiff};

use super::DIFF_CHARS;
use super::html::escape;

/// `text` cut to [`DIFF_CHARS`] characters at most.
fn shown(text: &str) -> &str {
    match text.char_indices().nth(DIFF_CHARS) {
        Some((end, _)) => &text[..end],
        None => text,
    }
}

/// Whether `text` is written without spaces between words (Chinese, Japanese, Thai…): fewer
/// than one space per 20 characters.
fn unspaced(text: &str) -> bool {
    let (mut chars, mut spaces) = (0usize, 0usize);
    for c in text.chars() {
        chars += 1;
        spaces += usize::from(c.is_whitespace());
    }
    spaces * 20 < chars
}

/// The duplicate's text with the words the kept one lacks in `<ins>` and the kept one's words
/// it lacks in `<del>`, each run of changed words marked once; character by character for
/// scripts written without spaces.
pub fn word_diff(kept: &str, duplicate: &str) -> String {
    let (kept, duplicate) = (shown(kept), shown(duplicate));
    let diff = if unspaced(kept) && unspaced(duplicate) {
        TextDiff::from_chars(kept, duplicate)
    } else {
        TextDiff::from_words(kept, duplicate)
    };
    let mut out = String::new();
    let mut run = String::new();
    let mut tag = ChangeTag::Equal;
    for change in diff.iter_all_changes() {
        if change.tag() != tag {
            mark(&mut out, tag, &run);
            run.clear();
            tag = change.tag();
        }
        run.push_str(change.value());
    }
    mark(&mut out, tag, &run);
    out
}

/// Writes a run of words as `tag` says. Spaces alone that differ (a no-break space for a plain
/// one) are shown as the duplicate has them, unmarked: words are what a reader compares.
fn mark(out: &mut String, tag: ChangeTag, run: &str) {
    let blank = run.trim().is_empty();
    match tag {
        ChangeTag::Equal => out.push_str(&escape(run)),
        ChangeTag::Delete if blank => {}
        ChangeTag::Insert if blank => out.push_str(&escape(run)),
        ChangeTag::Delete => {
            out.push_str("<del>");
            out.push_str(&escape(run));
            out.push_str("</del>");
        }
        ChangeTag::Insert => {
            out.push_str("<ins>");
            out.push_str(&escape(run));
            out.push_str("</ins>");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changed_words_are_marked_and_the_rest_is_escaped() {
        let html = word_diff(
            "Le conseil a voté le budget <2019> mardi",
            "Le conseil a adopté le budget <2019> mercredi",
        );
        assert!(html.contains("<del>voté</del><ins>adopté</ins>"), "{html}");
        assert!(
            html.contains("<del>mardi</del><ins>mercredi</ins>"),
            "{html}"
        );
        assert!(html.contains("&lt;2019&gt;"), "{html}");
        assert_eq!(word_diff("même texte", "même texte"), "même texte");
        assert_eq!(word_diff("7 %", "7\u{a0}%"), "7\u{a0}%");
        // Unspaced scripts are compared character by character.
        assert_eq!(
            word_diff(
                "深圳市今天停课一天，全市公园暂停开放。",
                "深圳市今日停课一天，全市公园暂停开放。"
            ),
            "深圳市今<del>天</del><ins>日</ins>停课一天，全市公园暂停开放。"
        );
        // A run of deleted words keeps its spaces.
        assert_eq!(
            word_diff("Eren les Festes del Pont Vell. Certificat", "Certificat"),
            "<del>Eren les Festes del Pont Vell. </del>Certificat"
        );
    }
}
