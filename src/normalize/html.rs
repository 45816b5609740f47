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
        while current.contains('&') {
            match html_escape::decode_html_entities(&current) {
                Cow::Owned(decoded) => current = Cow::Owned(decoded),
                Cow::Borrowed(_) => break,
            }
        }
        current
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
