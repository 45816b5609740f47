//! Language-aware typography: quotation marks, apostrophes, ellipses and French spacing.
//!
//! - `native`: each language's own conventions, applied consistently. French `« texte »` with
//!   U+00A0 inside the guillemets, U+202F before `; ! ?` and U+00A0 before `:`; German `„…“`;
//!   Russian, Ukrainian and Belarusian `«…»` with `„…“` inside; English and Portuguese `“…”`;
//!   Spanish, Catalan and Italian `«…»` with `“…”` inside; `’` between letters; `…` for `...`.
//!   Quotation marks are replaced only in paragraphs where every mark pairs up (see
//!   [`quotes`](super::quotes)). Languages without a rule here (Chinese, Japanese, Arabic, `und`,
//!   …) are left as they are, full-width punctuation included.
//! - `plain`: ASCII quotes and apostrophes, plain spaces for every no-break or thin space
//!   (digit groups stay groups: `1 234 567`, never `1,234,567`), `...` for `…`.
//! - `keep`: nothing.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use super::quotes::{context_agrees, is_contextual_quote, pair};
use super::{Mojibake, Normalizer, Whitespace};

const NBSP: char = '\u{a0}';
const NNBSP: char = '\u{202f}';

/// Which typography to apply after repair.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TypographyPolicy {
    /// Each language's own conventions.
    #[default]
    Native,
    /// ASCII quotes and apostrophes, plain spaces, `...`: flattened for training.
    Plain,
    /// Leave typography as it is (repair only).
    Keep,
}

/// The conventions of one language for `native`.
#[derive(Debug, Clone, Copy)]
struct Convention {
    /// Outer opening, outer closing, inner opening, inner closing marks.
    quotes: Option<[char; 4]>,
    /// `«` and `»` are this language's quotation marks (so they take part in pairing).
    guillemets: bool,
    /// French spacing inside guillemets and before `; ! ? :`.
    french_spacing: bool,
}

fn convention(lang: &str) -> Option<Convention> {
    let guillemets = |inner: [char; 2], french_spacing| Convention {
        quotes: Some(['«', '»', inner[0], inner[1]]),
        guillemets: true,
        french_spacing,
    };
    let curly = |marks: [char; 4]| Convention {
        quotes: Some(marks),
        guillemets: false,
        french_spacing: false,
    };
    match lang {
        "fra" => Some(guillemets(['“', '”'], true)),
        "rus" | "ukr" | "bel" => Some(guillemets(['„', '“'], false)),
        "spa" | "cat" | "ita" => Some(guillemets(['“', '”'], false)),
        "deu" => Some(curly(['„', '“', '‚', '‘'])),
        "eng" | "por" => Some(curly(['“', '”', '‘', '’'])),
        _ => None,
    }
}

/// Applies a typography policy for the language `lang` (ISO 639-3, or `und`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Typography {
    /// The policy.
    pub policy: TypographyPolicy,
}

impl Typography {
    /// A typography step with `policy`.
    pub fn new(policy: TypographyPolicy) -> Self {
        Typography { policy }
    }

    /// The text with the policy applied; `Cow::Borrowed` when nothing changed.
    pub fn apply<'a>(&self, text: &'a str, lang: &str) -> Cow<'a, str> {
        let out = match self.policy {
            TypographyPolicy::Keep => return Cow::Borrowed(text),
            // Spaces that were no-break ones may now start or end a line, or sit next to others.
            TypographyPolicy::Plain => Whitespace::default().normalize(&plain(text)).into_owned(),
            TypographyPolicy::Native => match convention(lang) {
                Some(convention) => native(text, convention),
                None => return Cow::Borrowed(text),
            },
        };
        if out == text {
            Cow::Borrowed(text)
        } else {
            Cow::Owned(out)
        }
    }
}

fn is_space_like(c: char) -> bool {
    matches!(c, ' ' | NBSP | NNBSP | '\u{2009}' | '\u{2007}')
}

fn native(text: &str, convention: Convention) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    for (n, line) in crate::lines::split_lines(text).enumerate() {
        if n > 0 {
            out.push('\n');
        }
        if !may_need_typography(line, convention) {
            out.push_str(line);
            continue;
        }
        let mut chars: Vec<char> = line.chars().collect();
        ellipses(&mut chars);
        apostrophes(&mut chars);
        if let Some(marks) = convention.quotes {
            quotes(&mut chars, marks, convention.guillemets);
        }
        let start = out.len();
        if convention.french_spacing {
            french_spacing(&chars, &mut out);
        } else {
            out.extend(chars);
        }
        if forms_mojibake(line, &out[start..]) {
            out.truncate(start);
            out.push_str(line);
        }
    }
    out
}

/// A fast scan: does `line` hold anything `native` could change (`'`, `"`, `“`, `”`, `„`, `‟`,
/// `«`, `»`, `...`, and with French spacing `:`, `;`, `!`, `?`)? Byte by byte: the ASCII marks
/// are their bytes, and the others open with `E2 80` (`“` to `‟` are `E2 80 9C` to `9F`) or
/// `C2` (`«` is `C2 AB`, `»` is `C2 BB`).
fn may_need_typography(line: &str, convention: Convention) -> bool {
    let table = if convention.french_spacing {
        &MAY_OPEN_FRENCH
    } else {
        &MAY_OPEN
    };
    let bytes = line.as_bytes();
    let mut at = 0;
    while let Some(found) = bytes[at..].iter().position(|&b| table[usize::from(b)]) {
        at += found;
        let rest = &bytes[at..];
        let needs = match rest[0] {
            0xe2 => matches!(rest.get(1..3), Some([0x80, 0x9c..=0x9f])),
            0xc2 => matches!(rest.get(1), Some(0xab | 0xbb)),
            b'.' => rest.starts_with(b"..."),
            _ => true,
        };
        if needs {
            return true;
        }
        at += 1;
    }
    false
}

/// The bytes [`may_need_typography`] stops at, without and with French spacing.
static MAY_OPEN: [bool; 256] = may_open(b"'\".\xc2\xe2");
static MAY_OPEN_FRENCH: [bool; 256] = may_open(b"'\".\xc2\xe2:;!?");

const fn may_open(bytes: &[u8]) -> [bool; 256] {
    let mut table = [false; 256];
    let mut i = 0;
    while i < bytes.len() {
        table[bytes[i] as usize] = true;
        i += 1;
    }
    table
}

/// True when typography put a mark such as `’`, `«` or a no-break space right after an accented
/// capital in a way that reads as mojibake (`Ã` + `’` is how `Ò` looks mis-decoded): repair would
/// then change the line on the next run. Such a line keeps its original typography.
fn forms_mojibake(before: &str, after: &str) -> bool {
    let changes = |text: &str| matches!(Mojibake.normalize(text), Cow::Owned(_));
    before != after
        && after.contains(|c| ('\u{c2}'..='\u{f4}').contains(&c))
        && changes(after)
        && !changes(before)
}

/// `...` (exactly three dots) becomes `…`.
fn ellipses(chars: &mut Vec<char>) {
    let mut i = 0;
    while i + 3 <= chars.len() {
        let run = chars[i..i + 3].iter().all(|&c| c == '.');
        let before = i > 0 && chars[i - 1] == '.';
        let after = chars.get(i + 3) == Some(&'.');
        if run && !before && !after {
            chars.splice(i..i + 3, ['…']);
        }
        i += 1;
    }
}

/// `'` between two letters becomes `’` (`l'État`, `don't`, `м'ясо`).
fn apostrophes(chars: &mut [char]) {
    for i in 1..chars.len().saturating_sub(1) {
        if chars[i] == '\'' && chars[i - 1].is_alphabetic() && chars[i + 1].is_alphabetic() {
            chars[i] = '’';
        }
    }
}

fn quotes(chars: &mut [char], marks: [char; 4], guillemets: bool) {
    let Some(paired) = pair(chars, guillemets) else {
        return;
    };
    let original: Vec<char> = chars.to_vec();
    for mark in paired {
        let slot = match (mark.depth, mark.opening) {
            (0, true) => 0,
            (0, false) => 1,
            (_, true) => 2,
            (_, false) => 3,
        };
        let target = marks[slot];
        // A guillemet read by its shape stays one when, as a contextual quote, its neighbours
        // would read it the other way (`i« Quelqu'un`): the result must read the same again.
        let guillemet = matches!(original[mark.index], '«' | '»');
        if guillemet
            && is_contextual_quote(target)
            && !context_agrees(&original, mark.index, mark.opening)
        {
            continue;
        }
        chars[mark.index] = target;
    }
}

/// No-break space inside guillemets and before `:`, narrow no-break space before `; ! ?`, when
/// the mark ends a word (so `10:30`, `http://` and `?a=b` are left alone).
fn french_spacing(chars: &[char], out: &mut String) {
    let line_start = out.len();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '«' if chars[i + 1..].iter().any(|c| !is_space_like(*c)) => {
                out.push('«');
                out.push(NBSP);
                i += 1;
                while i < chars.len() && is_space_like(chars[i]) {
                    i += 1;
                }
                continue;
            }
            '»' | ';' | '!' | '?' | ':' => {
                let run_end = if c == '»' || c == ':' {
                    i + 1
                } else {
                    i + chars[i..]
                        .iter()
                        .take_while(|c| matches!(c, ';' | '!' | '?'))
                        .count()
                };
                let next = chars.get(run_end).copied();
                // Marks that get a space before them count as a word end too, so that the
                // space this pass puts there does not change the next pass's decision.
                let spaced_next = |n: char| n.is_whitespace() || "»;!?:".contains(n);
                let ends_word = match c {
                    '»' => true,
                    ':' => next.is_none_or(spaced_next),
                    _ => next.is_none_or(|n| spaced_next(n) || ")]\"”’.,…".contains(n)),
                };
                let trimmed = out.trim_end_matches(is_space_like).len();
                if ends_word && trimmed > line_start {
                    out.truncate(trimmed);
                    out.push(if matches!(c, '»' | ':') { NBSP } else { NNBSP });
                }
                out.extend(&chars[i..run_end]);
                i = run_end;
                continue;
            }
            _ => out.push(c),
        }
        i += 1;
    }
}

fn plain(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '«' => {
                out.push('"');
                while chars.next_if(|c| is_space_like(*c)).is_some() {}
            }
            '»' => {
                let trimmed = out.trim_end_matches(is_space_like).len();
                out.truncate(trimmed);
                out.push('"');
            }
            c if is_contextual_quote(c) || c == '″' => out.push('"'),
            '‘' | '’' | '‚' | '‛' | '‹' | '›' | '′' => out.push('\''),
            '…' => out.push_str("..."),
            c if is_space_like(c) || ('\u{2000}'..='\u{200a}').contains(&c) || c == '\u{205f}' => {
                if !out.ends_with(' ') {
                    out.push(' ');
                }
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The byte scan says what searching the line for each mark says, on lines of marks,
        /// their look-alikes (characters whose UTF-8 shares their first bytes) and dots.
        #[test]
        fn the_byte_scan_finds_what_the_character_search_finds(
            line in proptest::collection::vec(
                proptest::sample::select(vec![
                    "'", "\"", "“", "”", "„", "‟", "«", "»", ".", ":", ";", "!", "?", "a", "é",
                    "‘", "’", "–", "…", "¬", "©", "\u{a0}", " ",
                ]),
                0..12,
            ),
            french in any::<bool>(),
        ) {
            let line = line.concat();
            let searched = line.contains(['\'', '"', '“', '”', '„', '‟', '«', '»'])
                || line.contains("...")
                || (french && line.contains([':', ';', '!', '?']));
            let convention = Convention {
                quotes: None,
                guillemets: false,
                french_spacing: french,
            };
            prop_assert_eq!(may_need_typography(&line, convention), searched, "{:?}", line);
        }
    }

    fn native_for(lang: &str, text: &str) -> String {
        Typography::new(TypographyPolicy::Native)
            .apply(text, lang)
            .into_owned()
    }

    fn plain_text(text: &str) -> String {
        Typography::new(TypographyPolicy::Plain)
            .apply(text, "und")
            .into_owned()
    }

    #[test]
    fn native_per_language() {
        let cases = [
            (
                "fra",
                "Il a dit «Quelqu'un ici» : non!",
                "Il a dit «\u{a0}Quelqu’un ici\u{a0}»\u{a0}: non\u{202f}!",
            ),
            (
                "fra",
                "1\u{202f}234\u{202f}567 €",
                "1\u{202f}234\u{202f}567 €",
            ),
            (
                "fra",
                r#"Il a répondu "non" ; puis... rien ?!"#,
                "Il a répondu «\u{a0}non\u{a0}»\u{202f}; puis… rien\u{202f}?!",
            ),
            (
                "fra",
                "« Il a dit \"oui\" hier »",
                "«\u{a0}Il a dit “oui” hier\u{a0}»",
            ),
            (
                "fra",
                "Rendez-vous à 10:30 sur https://exemple.fr/?a=b",
                "Rendez-vous à 10:30 sur https://exemple.fr/?a=b",
            ),
            ("deu", r#""Ja", sagte er"#, "„Ja“, sagte er"),
            (
                "deu",
                "“Nein”, sagte sie... und ging's",
                "„Nein“, sagte sie… und ging’s",
            ),
            (
                "rus",
                r#"Он сказал: "Это "Спартак" и всё""#,
                "Он сказал: «Это „Спартак“ и всё»",
            ),
            ("rus", "«Это „Спартак“»", "«Это „Спартак“»"),
            ("ukr", "м'ясо", "м’ясо"),
            (
                "eng",
                r#"She said "don't" twice..."#,
                "She said “don’t” twice…",
            ),
            ("spa", r#"Dijo "no" y se fue"#, "Dijo «no» y se fue"),
            (
                "ita",
                r#"L'acqua "alta" a Venezia"#,
                "L’acqua «alta» a Venezia",
            ),
            (
                "por",
                r#"Ele disse "não" ao d'Ouro"#,
                "Ele disse “não” ao d’Ouro",
            ),
        ];
        for (lang, input, want) in cases {
            assert_eq!(native_for(lang, input), want, "{lang}: {input}");
        }
    }

    #[test]
    fn unpaired_marks_and_unknown_languages_are_left_alone() {
        let unpaired = r#"Il a dit "oui et il est parti"#;
        assert_eq!(
            native_for("fra", unpaired),
            "Il a dit \"oui et il est parti"
        );
        for (lang, text) in [
            ("cmn", "他说：“好的……”「全角」，没问题！"),
            ("jpn", "「こんにちは」と言った。"),
            ("ara", "قال \"نعم\" ثم غادر..."),
            ("und", "He said \"yes\"..."),
        ] {
            assert_eq!(native_for(lang, text), text, "{lang}");
        }
    }

    #[test]
    fn plain_flattens_without_corrupting_numbers() {
        let cases = [
            (
                "Il a dit «\u{a0}non\u{a0}»\u{a0}: 1\u{202f}234\u{202f}567\u{a0}€…",
                "Il a dit \"non\" : 1 234 567 €...",
            ),
            ("„Ja“, sagte er – l’État", "\"Ja\", sagte er – l'État"),
            ("“Don’t” ‘stop’", "\"Don't\" 'stop'"),
            ("他说：“好的”。", "他说：\"好的\"。"),
        ];
        for (input, want) in cases {
            assert_eq!(plain_text(input), want, "{input}");
        }
    }

    #[test]
    fn keep_changes_nothing() {
        let text = "«Quelqu'un» \"x\"...";
        assert!(matches!(
            Typography::new(TypographyPolicy::Keep).apply(text, "fra"),
            Cow::Borrowed(_)
        ));
    }
}
