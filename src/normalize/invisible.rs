//! Invisible and control characters.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use super::Normalizer;
use super::mojibake::cp1252_char;

/// Removes characters that are invisible or control noise: C0 controls except tab, line feed,
/// carriage return and SUB (U+001A, ASCII's replacement character: the mark of a character lost
/// in a conversion, kept as U+FFFD is); DEL; byte-order marks (U+FEFF, anywhere); zero-width space (U+200B); word
/// joiner (U+2060); interlinear annotations and object replacement (U+FFF9–U+FFFC); deprecated
/// format characters (U+206A–U+206F). Keeps ZWNJ and ZWJ (U+200C/U+200D: Persian, Indic,
/// emoji) and the bidirectional marks.
///
/// Soft hyphens and C1 controls are left to [`C1Controls`], after mojibake repair, because both
/// are bytes of mis-decoded UTF-8 (`Ã­` is `í`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Invisible;

/// Maps C1 controls (U+0080–U+009F) to the Windows-1252 characters of the same byte (U+0092 →
/// `’`, U+0085 → `…`, U+0096 → `–`), as text that was decoded as Latin-1 needs, keeps the five
/// that Windows-1252 leaves undefined (no character to map them to: as ftfy does), and removes
/// soft hyphens (U+00AD).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct C1Controls;

/// The characters [`Invisible`] removes, one by one: the reference the byte scan is tested
/// against.
#[cfg(test)]
fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{19}' | '\u{1b}'..='\u{1f}' | '\u{7f}'
        | '\u{feff}' | '\u{200b}' | '\u{2060}' | '\u{fff9}'..='\u{fffc}' | '\u{206a}'..='\u{206f}')
}

/// The length in bytes of the character [`Invisible`] removes that starts at byte `at` of
/// `bytes` (a character boundary), or 0.
#[inline(always)]
fn invisible_at(bytes: &[u8], at: usize) -> usize {
    match bytes[at] {
        0x00..=0x08 | 0x0b | 0x0c | 0x0e..=0x19 | 0x1b..=0x1f | 0x7f => 1,
        // U+200B, U+2060, U+206A–U+206F.
        0xe2 => match (bytes.get(at + 1), bytes.get(at + 2)) {
            (Some(0x80), Some(0x8b)) | (Some(0x81), Some(0xa0 | 0xaa..=0xaf)) => 3,
            _ => 0,
        },
        // U+FEFF, U+FFF9–U+FFFC.
        0xef => match (bytes.get(at + 1), bytes.get(at + 2)) {
            (Some(0xbb), Some(0xbf)) | (Some(0xbf), Some(0xb9..=0xbc)) => 3,
            _ => 0,
        },
        _ => 0,
    }
}

/// Where the first invisible character of `bytes` starts, from byte `from` on (a character
/// boundary), and its length: one pass over the bytes, no decoding.
#[inline]
fn next_invisible(bytes: &[u8], from: usize) -> Option<(usize, usize)> {
    let mut at = from;
    loop {
        at += first_may_start(bytes.get(at..)?)?;
        match invisible_at(bytes, at) {
            0 => at += 1,
            length => return Some((at, length)),
        }
    }
}

/// Where the first byte of `bytes` that may start an invisible character ([`MAY_START`]) is:
/// eight bytes at a time past those that hold none (a test of the word for a byte below a
/// space, 0x7F, 0xE2 or 0xEF, which a tab or a line break passes too: those words are then read
/// byte by byte).
#[inline]
fn first_may_start(bytes: &[u8]) -> Option<usize> {
    let mut chunks = bytes.chunks_exact(8);
    let mut base = 0;
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        if may_start_in(u64::from_le_bytes(word))
            && let Some(found) = chunk.iter().position(|&b| MAY_START[usize::from(b)])
        {
            return Some(base + found);
        }
        base += 8;
    }
    let rest = chunks.remainder();
    rest.iter()
        .position(|&b| MAY_START[usize::from(b)])
        .map(|found| base + found)
}

/// Whether one of the eight bytes of `word` is below 0x20 or is 0x7F, 0xE2 or 0xEF (never
/// false when one is; the standard has-zero-byte and has-byte-less-than tests).
#[inline(always)]
fn may_start_in(word: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let has_zero = |v: u64| v.wrapping_sub(ONES) & !v & HIGH != 0;
    let below_space = word.wrapping_sub(0x20 * ONES) & !word & HIGH != 0;
    below_space
        || has_zero(word ^ (0x7f * ONES))
        || has_zero(word ^ (0xe2 * ONES))
        || has_zero(word ^ (0xef * ONES))
}

/// The bytes an invisible character may start with: C0 controls but tab, line feed and
/// carriage return, DEL, and the lead bytes of the multi-byte ones.
static MAY_START: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] =
            (b < 0x20 && !matches!(b, 0x09 | 0x0a | 0x0d)) || matches!(b, 0x7f | 0xe2 | 0xef);
        b += 1;
    }
    table
};

impl Normalizer for Invisible {
    fn name(&self) -> &'static str {
        "invisible"
    }

    fn normalize<'a>(&self, text: &'a str) -> Cow<'a, str> {
        let bytes = text.as_bytes();
        let Some(mut found) = next_invisible(bytes, 0) else {
            return Cow::Borrowed(text);
        };
        // Continuation bytes never match a leading byte above: every match is a whole character.
        let mut kept = String::with_capacity(text.len());
        let mut from = 0;
        loop {
            let (at, length) = found;
            kept.push_str(&text[from..at]);
            from = at + length;
            match next_invisible(bytes, from) {
                Some(next) => found = next,
                None => break,
            }
        }
        kept.push_str(&text[from..]);
        Cow::Owned(kept)
    }
}

impl Normalizer for C1Controls {
    fn name(&self) -> &'static str {
        "c1_controls"
    }

    fn normalize<'a>(&self, text: &'a str) -> Cow<'a, str> {
        // C1 controls and the soft hyphen are UTF-8 `C2 80`…`C2 9F` and `C2 AD`.
        let bytes = text.as_bytes();
        let touched = memchr::memchr_iter(0xc2, bytes).any(
            |at| matches!(bytes.get(at + 1), Some(&b) if b == 0xad || cp1252_char(b).is_some()),
        );
        if !touched {
            return Cow::Borrowed(text);
        }
        // The text between them is copied as it is (0xC2 only ever starts a character).
        let mut out = String::with_capacity(text.len());
        let mut from = 0;
        for at in memchr::memchr_iter(0xc2, bytes) {
            let replacement = match bytes.get(at + 1) {
                Some(0xad) => Some(None),
                Some(&b @ 0x80..=0x9f) => cp1252_char(b).map(Some),
                _ => None,
            };
            if let Some(replacement) = replacement {
                out.push_str(&text[from..at]);
                out.extend(replacement);
                from = at + 2;
            }
        }
        out.push_str(&text[from..]);
        Cow::Owned(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invisible_characters_go_and_meaningful_ones_stay() {
        let cases = [
            (
                "\u{feff}Bon\u{200b}jour\u{2060} à\u{0} tous\u{7f}",
                "Bonjour à tous",
            ),
            ("mid\u{feff}text\u{fffc}", "midtext"),
            ("tab\tand\nnewline\r\n", "tab\tand\nnewline\r\n"),
        ];
        for (input, want) in cases {
            assert_eq!(Invisible.normalize(input), want, "{input:?}");
        }
        for kept in [
            "می\u{200c}خواهم",
            "👩\u{200d}💻",
            "\u{200f}עברית\u{200e}",
            "\u{202b}نص\u{202c}",
        ] {
            assert!(
                matches!(Invisible.normalize(kept), Cow::Borrowed(_)),
                "{kept:?}"
            );
        }
    }

    proptest::proptest! {
        /// The scan eight bytes at a time finds the invisible characters a character-by-character
        /// reading finds, wherever they stand against the words' bounds, among tabs, line breaks
        /// and characters that share their first byte (`’`, `—`, `�`).
        #[test]
        fn the_word_scan_finds_what_reading_each_character_finds(
            pieces in proptest::collection::vec(
                proptest::sample::select(vec![
                    "a", "é", "\t", "\n", "\r", "\u{1}", "\u{1b}", "\u{7f}", "\u{200b}", "\u{feff}",
                    "\u{2060}", "’", "—", "\u{fffd}", "\u{fffc}", "Ж", "中", "  ", "abcdefg",
                ]),
                0..40,
            ),
        ) {
            let text: String = pieces.concat();
            let bytes = text.as_bytes();
            let mut expected = Vec::new();
            for (at, c) in text.char_indices() {
                if is_invisible(c) {
                    expected.push((at, c.len_utf8()));
                }
            }
            let mut found = Vec::new();
            let mut from = 0;
            while let Some((at, length)) = next_invisible(bytes, from) {
                found.push((at, length));
                from = at + length;
            }
            proptest::prop_assert_eq!(found, expected);
        }

        /// Copying the text between C1 controls gives what mapping every character gave.
        #[test]
        fn c1_controls_are_replaced_as_mapping_every_character_did(
            pieces in proptest::collection::vec(
                proptest::sample::select(vec![
                    "a", "é", "Â", "\u{80}", "\u{81}", "\u{85}", "\u{8d}", "\u{93}", "\u{94}",
                    "\u{9d}", "\u{9f}", "\u{a0}", "\u{ad}", "©", "’", "中", " ", "abc",
                ]),
                0..30,
            ),
        ) {
            let text: String = pieces.concat();
            let mapped: String = text
                .chars()
                .filter_map(|c| match c {
                    '\u{ad}' => None,
                    '\u{80}'..='\u{9f}' => u8::try_from(c as u32)
                        .ok()
                        .and_then(cp1252_char)
                        .or(Some(c)),
                    _ => Some(c),
                })
                .collect();
            proptest::prop_assert_eq!(C1Controls.normalize(&text), mapped);
        }
    }

    /// The byte scan must find exactly the characters the rule names, wherever they stand.
    #[test]
    fn the_byte_scan_finds_exactly_the_invisible_characters() {
        let mut buffer = [0u8; 6];
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            buffer[0] = b'a';
            let length = c.encode_utf8(&mut buffer[1..]).len();
            buffer[1 + length] = b'b';
            let bytes = &buffer[..length + 2];
            let expected = if is_invisible(c) { length } else { 0 };
            assert_eq!(invisible_at(bytes, 1), expected, "{c:?}");
            let found = next_invisible(bytes, 0);
            assert_eq!(found, (expected > 0).then_some((1, length)), "{c:?}");
        }
    }

    #[test]
    fn c1_controls_map_as_windows_1252_and_soft_hyphens_go() {
        assert_eq!(
            C1Controls.normalize("l\u{92}\u{e9}t\u{e9} \u{96} fin\u{85}"),
            "l’été – fin…"
        );
        assert_eq!(
            C1Controls.normalize("pro\u{ad}gramme \u{81}x"),
            "programme \u{81}x"
        );
    }

    /// ftfy's negative cases: a control character standing for a lost one (SUB) or a byte
    /// Windows-1252 leaves undefined is not noise repair can undo.
    #[test]
    fn sub_and_undefined_c1_bytes_are_left_as_they_are() {
        for kept in [
            "These control characters \u{1a} are apparently intentional \u{81}",
            "Here's a control character: \u{1a}",
        ] {
            assert_eq!(Invisible.normalize(kept), kept);
            assert_eq!(C1Controls.normalize(kept), kept);
        }
        assert_eq!(Invisible.normalize("a\u{0}b\u{1b}c\u{7f}"), "abc");
    }
}
