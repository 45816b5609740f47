//! Counting words for the `--min-words` filter, in every script.

use crate::chars::is_letter_or_digit;

/// Scripts written without spaces between words: each character counts as a word there.
pub(crate) fn is_unspaced(c: char) -> bool {
    matches!(c,
        '\u{3040}'..='\u{30ff}'          // Hiragana, Katakana
        | '\u{3400}'..='\u{4dbf}'        // CJK Extension A
        | '\u{4e00}'..='\u{9fff}'        // CJK Unified Ideographs
        | '\u{f900}'..='\u{faff}'        // CJK Compatibility Ideographs
        | '\u{0e00}'..='\u{0eff}'        // Thai, Lao
        | '\u{1000}'..='\u{109f}'        // Myanmar
        | '\u{1780}'..='\u{17ff}'        // Khmer
        | '\u{20000}'..='\u{2fa1f}') // CJK Extensions B–F, compatibility supplement
}

/// The number of words in `text`: whitespace-separated tokens that hold a letter or digit, where
/// every character of a script written without spaces (Chinese, Japanese, Thai, Lao, Khmer,
/// Myanmar) counts as a word of its own. Generous for those scripts on purpose: the filter is
/// meant to drop stubs, not short articles.
pub fn count_words(text: &str) -> usize {
    text.split_whitespace().map(token_words).sum()
}

/// Whether `text` has at least `min` words as [`count_words`] counts them, reading no further
/// than it takes to know.
pub fn has_words(text: &str, min: usize) -> bool {
    if min == 0 {
        return true;
    }
    let mut words = 0;
    text.split_whitespace().any(|token| {
        words += token_words(token);
        words >= min
    })
}

/// The words of one whitespace-separated token.
fn token_words(token: &str) -> usize {
    if token.is_ascii() {
        return usize::from(token.bytes().any(|b| b.is_ascii_alphanumeric()));
    }
    let (mut unspaced, mut other_word) = (0, false);
    for c in token.chars() {
        if is_unspaced(c) {
            unspaced += 1;
        } else if !other_word {
            other_word = is_letter_or_digit(c);
        }
    }
    unspaced + usize::from(other_word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_in_several_scripts() {
        assert_eq!(count_words("Le Kremlin n’a pas confirmé — 12 fois !"), 7);
        assert_eq!(count_words("Москва, 2018 год."), 3);
        assert_eq!(count_words("广州博物馆新馆开放"), 9);
        assert_eq!(count_words("iPhone发布会今天举行"), 8);
        assert_eq!(count_words("  — … ! "), 0);
    }

    /// The early-stopping check agrees with the count on either side of it.
    #[test]
    fn has_words_agrees_with_the_count() {
        for text in [
            "Le Kremlin n’a pas confirmé — 12 fois !",
            "iPhone发布会今天举行",
            "  — … ! ",
            "",
            "one two three",
        ] {
            let count = count_words(text);
            for min in 0..=count + 2 {
                assert_eq!(has_words(text, min), count >= min, "{text:?} {min}");
            }
        }
    }
}
