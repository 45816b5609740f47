//! Unicode canonical composition (NFC).

use std::borrow::Cow;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};
use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

use super::Normalizer;

/// Puts text in Unicode Normalization Form C: `e` + U+0301 becomes `é`. Compatibility
/// characters (`№`, `ﬁ`, full-width letters) are kept, unlike NFKC.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Nfc;

impl Normalizer for Nfc {
    fn name(&self) -> &'static str {
        "nfc"
    }

    /// Composes only the stretches that may change: a stable character (see `is_stable`) and
    /// the unstable ones after it, each on its own. NFC leaves a stable character alone and never
    /// composes or reorders across it, so the text's NFC is its stretches' NFCs side by side.
    fn normalize<'a>(&self, text: &'a str) -> Cow<'a, str> {
        let bytes = text.as_bytes();
        let mut composer = Composer {
            text,
            out: None,
            copied: 0,
        };
        // Where the stretch being read starts (its stable character), and whether it holds an
        // unstable character.
        let (mut start, mut unstable) = (0, false);
        let mut at = 0;
        while let Some(&lead) = bytes.get(at) {
            // Characters below U+0300 are stable: ASCII, and the leads below 0xCC with their
            // continuation bytes (0xCC and above lead exactly the characters from U+0300).
            if lead < 0x80 {
                if unstable {
                    composer.compose(start..at);
                    unstable = false;
                }
                let run = ascii_run(&bytes[at..]);
                start = at + run - 1;
                at += run;
                continue;
            }
            if lead < 0xcc {
                if lead >= 0xc0 {
                    if unstable {
                        composer.compose(start..at);
                        unstable = false;
                    }
                    start = at;
                }
                at += 1;
                continue;
            }
            let Some(c) = text.get(at..).and_then(|rest| rest.chars().next()) else {
                break;
            };
            let width = c.len_utf8();
            if is_stable(c) {
                if unstable {
                    composer.compose(start..at);
                    unstable = false;
                }
                start = at;
            } else {
                unstable = true;
            }
            at += width;
        }
        if unstable {
            composer.compose(start..bytes.len());
        }
        match composer.out {
            None => Cow::Borrowed(text),
            Some(mut out) => {
                out.push_str(&text[composer.copied..]);
                Cow::Owned(out)
            }
        }
    }
}

/// How many ASCII bytes `bytes` opens with, eight at a time.
#[inline(always)]
fn ascii_run(bytes: &[u8]) -> usize {
    crate::chars::first_non_ascii(bytes).unwrap_or(bytes.len())
}

/// Whether `c` is one NFC leaves alone and never composes or reorders across: NFC "yes"
/// (nothing before it combines with it) and combining class 0. Every character below U+0300
/// is (`characters_below_u0300_are_stable`); those of the Basic Multilingual Plane are read from
/// a table made on first use (two Unicode lookups per character otherwise).
fn is_stable(c: char) -> bool {
    static BMP: OnceLock<Box<[u64]>> = OnceLock::new();
    if c < '\u{300}' {
        return true;
    }
    let code = c as usize;
    if code >= 0x10000 {
        return looks_stable(c);
    }
    let table = BMP.get_or_init(|| {
        let mut bits = vec![0u64; 0x10000 / 64];
        for c in (0..0x10000)
            .filter_map(char::from_u32)
            .filter(|&c| looks_stable(c))
        {
            bits[c as usize / 64] |= 1 << (c as usize % 64);
        }
        bits.into_boxed_slice()
    });
    table[code / 64] & (1 << (code % 64)) != 0
}

/// [`is_stable`] from the Unicode tables.
fn looks_stable(c: char) -> bool {
    canonical_combining_class(c) == 0 && is_nfc_quick(std::iter::once(c)) == IsNormalized::Yes
}

/// The text being composed stretch by stretch: the output, made at the first stretch that
/// changes, and how much of the text it holds.
struct Composer<'a> {
    text: &'a str,
    out: Option<String>,
    copied: usize,
}

impl Composer<'_> {
    /// Composes the stretch `range`, into the output when it changes.
    fn compose(&mut self, range: std::ops::Range<usize>) {
        let stretch = &self.text[range.clone()];
        // Marks in order that compose with nothing (most Arabic, Hebrew and Thai marks): NFC
        // already.
        if is_nfc_quick(stretch.chars()) == IsNormalized::Yes {
            return;
        }
        let composed: String = stretch.nfc().collect();
        if composed != stretch {
            let out = self
                .out
                .get_or_insert_with(|| String::with_capacity(self.text.len()));
            out.push_str(&self.text[self.copied..range.start]);
            out.push_str(&composed);
            self.copied = range.end;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn composes_decomposed_accents_in_several_scripts() {
        let cases = [
            ("nai\u{308}ve", "naïve"),
            ("E\u{301}lyse\u{301}e", "Élysée"),
            ("\u{415}\u{308}лка", "Ёлка"),
            ("\u{439}", "й"),
            ("\u{438}\u{306}", "й"),
            ("Portugue\u{302}s", "Português"),
        ];
        for (input, want) in cases {
            assert_eq!(Nfc.normalize(input), want, "{input:?}");
        }
    }

    /// Every character below U+0300 is stable, and the lead bytes from 0xCC on start exactly
    /// the characters from U+0300: those the stretch walk skips are stable.
    #[test]
    fn characters_below_u0300_are_stable() {
        for c in (0..0x300).filter_map(char::from_u32) {
            assert_eq!(is_nfc_quick(std::iter::once(c)), IsNormalized::Yes, "{c:?}");
            assert_eq!(canonical_combining_class(c), 0, "{c:?}");
            let mut buffer = [0; 4];
            assert!(c.encode_utf8(&mut buffer).as_bytes()[0] < 0xcc, "{c:?}");
        }
        for c in (0x300..=0x10FFFF).filter_map(char::from_u32) {
            let mut buffer = [0; 4];
            assert!(c.encode_utf8(&mut buffer).as_bytes()[0] >= 0xcc, "{c:?}");
        }
    }

    #[test]
    fn ascii_runs_end_at_the_first_byte_above_127() {
        let text = "Paris, le 3 juin — « déjà » 中文 and more ASCII after it";
        for at in 0..text.len() {
            let expected = text.as_bytes()[at..]
                .iter()
                .take_while(|b| b.is_ascii())
                .count();
            assert_eq!(ascii_run(&text.as_bytes()[at..]), expected, "{at}");
        }
    }

    #[test]
    fn the_table_of_stable_characters_says_what_the_unicode_tables_say() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert_eq!(is_stable(c), looks_stable(c), "{c:?}");
        }
    }

    /// Characters that compose, reorder or decompose, and stable ones of several scripts.
    const TRICKY: &[char] = &[
        'e',
        'E',
        'a',
        'A',
        'o',
        'i',
        'é',
        'Å',
        'ω',
        'ϊ',
        'и',
        'й',
        'Е',
        'ё',
        'ü',
        'ß',
        'ł',
        '\u{300}',
        '\u{301}',
        '\u{302}',
        '\u{306}',
        '\u{308}',
        '\u{30A}',
        '\u{323}',
        '\u{327}',
        '\u{328}',
        '\u{342}',
        '\u{343}',
        '\u{344}',
        '\u{345}',
        '\u{334}',
        '\u{31B}',
        '\u{212B}',
        '\u{2126}',
        '\u{340}',
        '\u{341}',
        '\u{1100}',
        '\u{1161}',
        '\u{11A8}',
        '\u{AC00}',
        '\u{AC01}',
        '\u{915}',
        '\u{93C}',
        '\u{929}',
        '\u{9C7}',
        '\u{9BE}',
        '\u{9CB}',
        '\u{F73}',
        '\u{F71}',
        '\u{F72}',
        '\u{F40}',
        '\u{FB7}',
        '\u{1E0A}',
        '\u{1E0C}',
        '\u{1D15E}',
        '\u{1D165}',
        '\u{3099}',
        '\u{304B}',
        '\u{304C}',
        '\u{FF76}',
        '\u{FF9E}',
        '中',
        ' ',
        '’',
        '\u{200C}',
        '\u{5B4}',
        '\u{5D9}',
        '\u{FB1D}',
        '\u{64B}',
        '\u{627}',
        '\u{653}',
        '\u{622}',
    ];

    proptest::proptest! {
        /// Stretch by stretch, the same text as composing the whole.
        #[test]
        fn composing_stretches_gives_the_whole_texts_nfc(
            picks in proptest::collection::vec(0..TRICKY.len(), 0..24),
        ) {
            let text: String = picks.iter().map(|&i| TRICKY[i]).collect();
            let whole: String = text.nfc().collect();
            let stretches = Nfc.normalize(&text);
            proptest::prop_assert_eq!(stretches.as_ref(), whole.as_str());
        }
    }

    /// Every character, after and before characters that compose and reorder: stretch by
    /// stretch gives the whole text's NFC.
    #[test]
    fn every_character_in_context_composes_as_the_whole_text_does() {
        let contexts = [
            ("", ""),
            ("e", "\u{301}"),
            ("a\u{323}", "\u{302}\u{323}"),
            ("\u{1100}", "\u{1161}\u{11A8}"),
            ("\u{F40}\u{F71}", "\u{F72}"),
            ("x\u{308}\u{301}", "e"),
        ];
        let mut text = String::new();
        // Planes 0 and 1, and the tags and variation selectors of plane 14 (planes 2 and 3 hold
        // ideographs alone, the others nothing or private use).
        let planes = (0..0x20000).chain(0xE0000..0xE0200);
        for c in planes.filter_map(char::from_u32) {
            for (before, after) in contexts {
                text.clear();
                text.push_str(before);
                text.push(c);
                text.push_str(after);
                let whole: String = text.nfc().collect();
                assert_eq!(Nfc.normalize(&text), whole.as_str(), "{text:?}");
            }
        }
    }

    #[test]
    fn keeps_compatibility_characters() {
        for text in ["№ 5", "1º lugar", "ﬁn", "ＡＢＣ１２３", "中文，标点。"] {
            assert!(matches!(Nfc.normalize(text), Cow::Borrowed(_)), "{text}");
        }
    }
}
