//! HTML character references: `&amp;`, `&nbsp;`, `&eacute;`, `&#8217;`, `&#x2019;`.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use super::Normalizer;

/// Decodes HTML character references (named ones only when closed by `;`, so `AT&T` and
/// `R&D` stay). Repeats until nothing changes, so double-escaped text (`&amp;eacute;`) comes out
/// decoded and the step is idempotent.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct HtmlEntities;

impl Normalizer for HtmlEntities {
    fn name(&self) -> &'static str {
        "html_entities"
    }

    fn normalize<'a>(&self, text: &'a str) -> Cow<'a, str> {
        let mut current = Cow::Borrowed(text);
        // Each decoding shortens the text, so the loop ends.
        while may_hold_reference(&current) {
            match html_escape::decode_html_entities(&current) {
                Cow::Owned(decoded) => current = Cow::Owned(decoded),
                Cow::Borrowed(_) => break,
            }
        }
        current
    }
}

/// Whether `text` has an `&` followed by an ASCII letter or `#`, as every reference the decoder
/// reads opens (named ones are letters and digits, starting with a letter). Prose holds plain
/// ampersands (`Küche & Bad`), after which the decoder reads on to the next `;` or `&`, often to
/// the end of the text: such text is not handed to it.
fn may_hold_reference(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memchr_iter(b'&', bytes).any(|at| {
        bytes
            .get(at + 1)
            .is_some_and(|&next| next.is_ascii_alphabetic() || next == b'#')
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The step as it was: the decoder handed every text with an `&`.
    fn decoded_whole(text: &str) -> Cow<'_, str> {
        let mut current = Cow::Borrowed(text);
        while current.contains('&') {
            match html_escape::decode_html_entities(&current) {
                Cow::Owned(decoded) => current = Cow::Owned(decoded),
                Cow::Borrowed(_) => break,
            }
        }
        current
    }

    proptest! {
        #[test]
        fn texts_left_out_of_the_decoder_are_those_it_leaves_alone(
            text in "([a-zA-Z0-9 ;#&xX]|amp|nbsp|eacute|&#|&#x|&amp;|&#38;|&#x2019;|&eacute;|&amp;#8217;|\\&|é|’|K){0,30}",
        ) {
            prop_assert_eq!(HtmlEntities.normalize(&text), decoded_whole(&text));
        }
    }

    #[test]
    fn an_ampersand_in_prose_does_not_hide_a_later_reference() {
        let text = "Küche & Bad, R&D & mehr: 5&nbsp;Zimmer; Preis &#8364; &amp; Lage";
        assert_eq!(
            HtmlEntities.normalize(text),
            "Küche & Bad, R&D & mehr: 5\u{a0}Zimmer; Preis € & Lage"
        );
        assert!(matches!(
            HtmlEntities.normalize("Küche & Bad; 3 & 4"),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn references_are_decoded_and_plain_ampersands_kept() {
        let cases = [
            ("caf&eacute; &amp; th&eacute;", "café & thé"),
            ("l&#8217;&Eacute;tat", "l’État"),
            ("l&#x2019;arm&eacute;e", "l’armée"),
            ("10&nbsp;km", "10\u{a0}km"),
            ("&amp;quot;double&amp;quot;", "\"double\""),
            ("AT&T, R&D, Q&A", "AT&T, R&D, Q&A"),
            ("&copy 2020 &unknown;", "&copy 2020 &unknown;"),
        ];
        for (input, want) in cases {
            assert_eq!(HtmlEntities.normalize(input), want, "{input}");
        }
    }
}
