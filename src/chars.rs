//! Character classes asked of every character of every document. The standard library looks
//! most non-ASCII characters up in its compressed Unicode tables (a binary search each); here
//! every character of the Basic Multilingual Plane, where nearly all text is written, is
//! answered from a flat table of four bits per character, built once from the standard
//! library's own answers.

use std::sync::OnceLock;

/// [`classes`] bit: [`char::is_alphabetic`].
pub(crate) const ALPHABETIC: u8 = 1;
/// [`classes`] bit: [`char::is_numeric`].
pub(crate) const NUMERIC: u8 = 2;
/// [`classes`] bit: [`char::is_whitespace`].
pub(crate) const WHITESPACE: u8 = 4;
/// [`classes`] bit: [`char::is_uppercase`].
pub(crate) const UPPERCASE: u8 = 8;

/// The four bits of `c` from the standard library.
fn looked_up(c: char) -> u8 {
    u8::from(c.is_alphabetic()) * ALPHABETIC
        + u8::from(c.is_numeric()) * NUMERIC
        + u8::from(c.is_whitespace()) * WHITESPACE
        + u8::from(c.is_uppercase()) * UPPERCASE
}

/// Four bits per BMP character (alphabetic, numeric, whitespace, uppercase), two characters per
/// byte, in pages of 256 characters, each filled the first time one of its characters is asked
/// about: a text touches a few pages, and filling all 256 (32 KiB) would cost more than a short
/// run takes.
static BMP: [OnceLock<[u8; 128]>; 256] = [const { OnceLock::new() }; 256];

/// The four bits of the 256 characters of BMP page `page`, two a byte.
fn page_of(page: u32) -> [u8; 128] {
    let mut bits = [0u8; 128];
    for offset in 0..256u32 {
        if let Some(c) = char::from_u32(page << 8 | offset) {
            bits[(offset / 2) as usize] |= looked_up(c) << ((offset % 2) * 4);
        }
    }
    bits
}

/// The [`ALPHABETIC`], [`NUMERIC`], [`WHITESPACE`] and [`UPPERCASE`] bits of a non-ASCII
/// character, from the table in the BMP.
#[inline]
pub(crate) fn classes(c: char) -> u8 {
    let cp = c as u32;
    if cp < 0x10000 {
        let page = BMP[(cp >> 8) as usize].get_or_init(|| page_of(cp >> 8));
        (page[((cp & 0xff) / 2) as usize] >> ((cp % 2) * 4)) & 15
    } else {
        looked_up(c)
    }
}

/// Whether `c` is alphabetic (Unicode's `Alphabetic` property): [`char::is_alphabetic`],
/// answered from a table in the BMP.
#[inline]
pub(crate) fn is_letter(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic();
    }
    classes(c) & ALPHABETIC != 0
}

/// Whether `c` is numeric ([`char::is_numeric`]: digits of every script, letter numerals such
/// as `Ⅻ`, fractions), answered from a table in the BMP.
#[inline]
pub(crate) fn is_number(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_digit();
    }
    classes(c) & NUMERIC != 0
}

/// Whether `c` is alphabetic, and whether it is numeric ([`char::is_alphabetic`],
/// [`char::is_numeric`]: both for letter numerals such as `Ⅻ`).
#[inline]
pub(crate) fn letter_and_numeric(c: char) -> (bool, bool) {
    if c.is_ascii() {
        return (c.is_ascii_alphabetic(), c.is_ascii_digit());
    }
    let bits = classes(c);
    (bits & ALPHABETIC != 0, bits & NUMERIC != 0)
}

/// Whether `c` is alphabetic or numeric: [`char::is_alphanumeric`].
#[inline]
pub(crate) fn is_letter_or_digit(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    classes(c) & (ALPHABETIC | NUMERIC) != 0
}

/// Where the first byte of `bytes` at or above 0x80 is: eight bytes at a time (a word with no
/// high bit set is skipped whole), then byte by byte.
#[inline]
pub(crate) fn first_non_ascii(bytes: &[u8]) -> Option<usize> {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut words = bytes.chunks_exact(8);
    for (i, word) in words.by_ref().enumerate() {
        let mut eight = [0u8; 8];
        eight.copy_from_slice(word);
        let high = u64::from_le_bytes(eight) & HIGH;
        if high != 0 {
            return Some(i * 8 + high.trailing_zeros() as usize / 8);
        }
    }
    let tail = bytes.len() - words.remainder().len();
    words
        .remainder()
        .iter()
        .position(|&b| b >= 0x80)
        .map(|i| tail + i)
}

/// `word` lowercased into `out` (cleared first), character by character as
/// [`char::to_lowercase`] says: bytewise when it is ASCII (most capitalised words), else its
/// ASCII letters as bytes and only the others through the Unicode tables (`Bürgermeister`).
pub(crate) fn lowercase_into(out: &mut String, word: &str) {
    out.clear();
    if word.is_ascii() {
        out.push_str(word);
        out.make_ascii_lowercase();
    } else {
        // Room for the word (its lowercase is as long in most scripts): the buffer grows at
        // most once, not character by character.
        out.reserve(word.len());
        for c in word.chars() {
            if c.is_ascii() {
                out.push(c.to_ascii_lowercase());
            } else {
                out.extend(c.to_lowercase());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Eight bytes at a time finds the byte a byte-by-byte search finds.
        #[test]
        fn the_first_non_ascii_byte_is_found_word_by_word(
            bytes in proptest::collection::vec(
                prop_oneof![4 => 0u8..0x80, 1 => 0x80u8..=0xff],
                0..40,
            ),
        ) {
            prop_assert_eq!(first_non_ascii(&bytes), bytes.iter().position(|&b| b >= 0x80));
        }

        #[test]
        fn lowercasing_into_a_buffer_is_lowercasing_each_character(
            word in "[a-zA-Z0-9ÄÖÜäöüßẞİIıΣσςÉéǅǄ\u{212a}Ⅻ😀]{0,12}",
        ) {
            let mut out = String::from("left over");
            lowercase_into(&mut out, &word);
            let expected: String = word.chars().flat_map(char::to_lowercase).collect();
            prop_assert_eq!(out, expected);
        }
    }

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
            assert_eq!(is_number(c), c.is_numeric(), "{c:?} U+{:04X}", c as u32);
            if !c.is_ascii() {
                let bits = classes(c);
                assert_eq!(bits & WHITESPACE != 0, c.is_whitespace(), "{c:?}");
                assert_eq!(bits & UPPERCASE != 0, c.is_uppercase(), "{c:?}");
            }
            assert_eq!(
                is_letter_or_digit(c),
                c.is_alphanumeric(),
                "{c:?} U+{:04X}",
                c as u32
            );
        }
    }
}
