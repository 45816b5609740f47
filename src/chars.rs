//! Character classes asked of every character of every document, with fast paths for the
//! ranges most text is written in (the standard library looks most non-ASCII characters up in
//! its Unicode tables).

/// Whether `c` is alphabetic, for the non-ASCII ranges most text is written in (Latin
/// supplements and extensions, basic Cyrillic, Arabic letters, CJK ideographs, none of them
/// numeric); `None` elsewhere.
#[inline]
fn fast_letter(c: char) -> Option<bool> {
    match c {
        '\u{c0}'..='\u{24f}' => Some(c != '\u{d7}' && c != '\u{f7}'),
        '\u{400}'..='\u{481}' | '\u{48a}'..='\u{52f}' => Some(true),
        '\u{621}'..='\u{63a}' | '\u{641}'..='\u{64a}' => Some(true),
        '\u{4e00}'..='\u{9fff}' => Some(true),
        _ => None,
    }
}

/// Whether `c` is alphabetic (Unicode's `Alphabetic` property): [`char::is_alphabetic`], with
/// Latin, basic Cyrillic, Arabic letters and CJK ideographs answered without a table look-up.
#[inline]
pub(crate) fn is_letter(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic();
    }
    fast_letter(c).unwrap_or_else(|| c.is_alphabetic())
}

/// Whether `c` is alphabetic, and whether it is numeric ([`char::is_alphabetic`],
/// [`char::is_numeric`]: both for letter numerals such as `Ⅻ`), with the fast paths of
/// [`is_letter`].
#[inline]
pub(crate) fn letter_and_numeric(c: char) -> (bool, bool) {
    if c.is_ascii() {
        return (c.is_ascii_alphabetic(), c.is_ascii_digit());
    }
    match fast_letter(c) {
        Some(letter) => (letter, false),
        None => (c.is_alphabetic(), c.is_numeric()),
    }
}

/// Whether `c` is alphabetic or numeric: [`char::is_alphanumeric`], with the fast paths of
/// [`is_letter`].
#[inline]
pub(crate) fn is_letter_or_digit(c: char) -> bool {
    let (letter, numeric) = letter_and_numeric(c);
    letter || numeric
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
