//! Character classes asked of every character of every document, with fast paths for the
//! ranges most text is written in (the standard library looks most non-ASCII characters up in
//! its Unicode tables).

/// Whether `c` is alphabetic (Unicode's `Alphabetic` property): [`char::is_alphabetic`], with
/// Latin, basic Cyrillic, Arabic letters and CJK ideographs answered without a table look-up.
#[inline]
pub(crate) fn is_letter(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' => true,
        '\0'..='\u{7f}' => false,
        '\u{c0}'..='\u{24f}' => c != '\u{d7}' && c != '\u{f7}',
        '\u{400}'..='\u{481}' | '\u{48a}'..='\u{52f}' => true,
        '\u{621}'..='\u{63a}' | '\u{641}'..='\u{64a}' => true,
        '\u{4e00}'..='\u{9fff}' => true,
        _ => c.is_alphabetic(),
    }
}

/// Whether `c` is alphabetic, and whether it is numeric ([`char::is_alphabetic`],
/// [`char::is_numeric`]: both for letter numerals such as `Ⅻ`), with the fast paths of
/// [`is_letter`].
#[inline]
pub(crate) fn letter_and_numeric(c: char) -> (bool, bool) {
    match c {
        'a'..='z' | 'A'..='Z' => (true, false),
        '0'..='9' => (false, true),
        '\0'..='\u{7f}' => (false, false),
        '\u{c0}'..='\u{24f}' => (c != '\u{d7}' && c != '\u{f7}', false),
        '\u{400}'..='\u{481}' | '\u{48a}'..='\u{52f}' => (true, false),
        '\u{621}'..='\u{63a}' | '\u{641}'..='\u{64a}' => (true, false),
        '\u{4e00}'..='\u{9fff}' => (true, false),
        _ => (c.is_alphabetic(), c.is_numeric()),
    }
}

/// Whether `c` is alphabetic or numeric: [`char::is_alphanumeric`], with the fast paths of
/// [`is_letter`].
#[inline]
pub(crate) fn is_letter_or_digit(c: char) -> bool {
    match c {
        '0'..='9' => true,
        '\0'..='\u{7f}' => c.is_ascii_alphabetic(),
        _ => is_letter(c) || c.is_numeric(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fast_paths_agree_with_the_standard_library_on_every_character() {
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            assert_eq!(is_letter(c), c.is_alphabetic(), "{c:?} U+{:04X}", c as u32);
            assert_eq!(
                letter_and_numeric(c),
                (c.is_alphabetic(), c.is_numeric()),
                "{c:?} U+{:04X}",
                c as u32
            );
            assert_eq!(
                is_letter_or_digit(c),
                c.is_alphanumeric(),
                "{c:?} U+{:04X}",
                c as u32
            );
        }
    }
}
