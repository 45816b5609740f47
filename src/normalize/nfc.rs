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
        if text.is_ascii() || is_nfc_quick(text.chars()) == IsNormalized::Yes {
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

    #[test]
    fn keeps_compatibility_characters() {
        for text in ["№ 5", "1º lugar", "ﬁn", "ＡＢＣ１２３", "中文，标点。"] {
            assert!(matches!(Nfc.normalize(text), Cow::Borrowed(_)), "{text}");
        }
    }
}
