//! Unicode canonical composition (NFC).

use std::borrow::Cow;

use serde::{Deserialize, Serialize};
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

    fn normalize<'a>(&self, text: &'a str) -> Cow<'a, str> {
        if text.is_ascii() || is_nfc_quick(from_u0300(text)) == IsNormalized::Yes {
            return Cow::Borrowed(text);
        }
        let composed: String = text.nfc().collect();
        if composed == text {
            Cow::Borrowed(text)
        } else {
            Cow::Owned(composed)
        }
    }
}

/// The characters of `text` from U+0300 on, in order: those below (ASCII, Latin-1, the Latin
/// extensions, IPA, spacing modifiers) are all NFC "yes" with combining class 0, and leaving
/// them out of the quick check can only make it less sure (a class-0 character between two
/// marks resets their order check), never wrongly sure. Found by their lead bytes (0xCC and
/// above start exactly the characters from U+0300), without decoding the others.
fn from_u0300(text: &str) -> impl Iterator<Item = char> + '_ {
    text.as_bytes()
        .iter()
        .enumerate()
        .filter(|&(_, &b)| b >= 0xcc)
        .filter_map(|(at, _)| text[at..].chars().next())
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

    /// Every character below U+0300 is NFC with combining class 0, and the lead bytes from
    /// 0xCC on start exactly the characters from U+0300: what the quick check leaves out.
    #[test]
    fn characters_below_u0300_are_left_out_of_the_quick_check_safely() {
        use unicode_normalization::char::canonical_combining_class;
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
        let text = "e\u{301}a\u{308}, « déjà » ’ 中文 \u{1100}\u{1161}";
        assert_eq!(
            from_u0300(text).collect::<String>(),
            "\u{301}\u{308}’中文\u{1100}\u{1161}"
        );
    }

    #[test]
    fn keeps_compatibility_characters() {
        for text in ["№ 5", "1º lugar", "ﬁn", "ＡＢＣ１２３", "中文，标点。"] {
            assert!(matches!(Nfc.normalize(text), Cow::Borrowed(_)), "{text}");
        }
    }
}
