//! Mojibake repair: UTF-8 text that was decoded as Windows-1252 or Latin-1 (`cafÃ©`, `â€™`,
//! `ÐŸÑ€Ð¸Ð²ÐµÑ‚`), once or twice, is turned back into what was meant.
//!
//! Every UTF-8 sequence of 2–4 bytes, read as Windows-1252, becomes a lead character in
//! `Â`…`ô` followed by 1–3 characters whose bytes are UTF-8 continuation bytes (`€`, `™`, `©`,
//! `«`, …). Such a group is re-encoded and decoded as UTF-8; the result replaces it only when it
//! is valid UTF-8 and a character that text plausibly holds (letters of Latin, Greek, Cyrillic,
//! Hebrew or Arabic, typographic punctuation, currency signs; CJK and other 3-byte characters
//! only in runs of two or more; emoji). So `NÃO`, `CAFÉ»` or `passé…»` stay as they are.
//! Repeated until nothing changes, for text encoded twice or more.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use super::Normalizer;

/// Repairs UTF-8 mis-decoded as Windows-1252 or Latin-1 (see the module documentation).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mojibake;

/// Windows-1252 bytes 0x80–0x9F; `None` where the code page leaves the byte undefined.
const CP1252_HIGH: [Option<char>; 32] = [
    Some('€'),
    None,
    Some('‚'),
    Some('ƒ'),
    Some('„'),
    Some('…'),
    Some('†'),
    Some('‡'),
    Some('ˆ'),
    Some('‰'),
    Some('Š'),
    Some('‹'),
    Some('Œ'),
    None,
    Some('Ž'),
    None,
    None,
    Some('‘'),
    Some('’'),
    Some('“'),
    Some('”'),
    Some('•'),
    Some('–'),
    Some('—'),
    Some('˜'),
    Some('™'),
    Some('š'),
    Some('›'),
    Some('œ'),
    None,
    Some('ž'),
    Some('Ÿ'),
];

impl Normalizer for Mojibake {
    fn name(&self) -> &'static str {
        "mojibake"
    }

    fn normalize<'a>(&self, text: &'a str) -> Cow<'a, str> {
        // Each pass shortens the text, so repeating until nothing changes ends, and makes the
        // step idempotent (text encoded twice or more comes back in one call).
        let mut current = Cow::Borrowed(text);
        while let Some(fixed) = fix_once(&current) {
            current = Cow::Owned(fixed);
        }
        current
    }
}

/// The byte a character stands for in Windows-1252, with Latin-1 for the bytes Windows-1252
/// leaves undefined (so C1 controls map to themselves).
pub(crate) fn cp1252_byte(c: char) -> Option<u8> {
    let code = c as u32;
    if code < 0x80 || (0xa0..=0xff).contains(&code) || (0x80..=0x9f).contains(&code) {
        return u8::try_from(code).ok();
    }
    CP1252_HIGH
        .iter()
        .position(|&m| m == Some(c))
        .and_then(|i| u8::try_from(0x80 + i).ok())
}

/// The character Windows-1252 gives byte 0x80–0x9F, if defined.
pub(crate) fn cp1252_char(byte: u8) -> Option<char> {
    CP1252_HIGH
        .get(usize::from(byte.checked_sub(0x80)?))
        .copied()
        .flatten()
}

/// One decoded group: where it ends (char index) and what it means.
struct Group {
    end: usize,
    decoded: char,
}

/// A fast byte scan: could `text` hold a group at all? A lead character (`Â`…`ô`, UTF-8
/// `C3 82`…`C3 B4`) must be followed by a character whose Windows-1252 byte is 0x80–0xBF: a
/// Latin-1 one (UTF-8 `C2 xx`) or one of the code page's specials (`Š`, `ƒ`, `ˆ`, `€`, `’`, …,
/// whose UTF-8 starts with `C5`, `C6`, `CB` or `E2`).
fn may_hold_mojibake(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memchr_iter(0xc3, bytes).any(|at| {
        matches!(bytes.get(at + 1), Some(0x82..=0xb4))
            && matches!(bytes.get(at + 2), Some(0xc2 | 0xc5 | 0xc6 | 0xcb | 0xe2))
    })
}

fn fix_once(text: &str) -> Option<String> {
    if !may_hold_mojibake(text) {
        return None;
    }
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut changed = false;
    let mut i = 0;
    while i < chars.len() {
        if let Some(group) = decode_group(&chars, i).filter(|g| plausible(&chars, i, g)) {
            out.push(group.decoded);
            changed = true;
            i = group.end;
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    changed.then_some(out)
}

/// The UTF-8 sequence spelled by the characters at `start`, read as Windows-1252 bytes.
fn decode_group(chars: &[char], start: usize) -> Option<Group> {
    let lead = cp1252_byte(*chars.get(start)?)?;
    let len = match lead {
        0xc2..=0xdf => 2,
        0xe0..=0xef => 3,
        0xf0..=0xf4 => 4,
        _ => return None,
    };
    let mut bytes = [lead, 0, 0, 0];
    for (k, slot) in bytes.iter_mut().enumerate().take(len).skip(1) {
        let byte = cp1252_byte(*chars.get(start + k)?)?;
        if !(0x80..=0xbf).contains(&byte) {
            return None;
        }
        *slot = byte;
    }
    let decoded = std::str::from_utf8(&bytes[..len]).ok()?.chars().next()?;
    Some(Group {
        end: start + len,
        decoded,
    })
}

/// Whether a decoded group is a character real text holds, rather than an accident of
/// legitimate Latin-1 text (`É»` would decode to the IPA letter `ɻ`).
fn plausible(chars: &[char], start: usize, group: &Group) -> bool {
    let c = group.decoded as u32;
    match c {
        0xa0..=0x17f | 0x218..=0x21b | 0x370..=0x3ff | 0x400..=0x4ff | 0x590..=0x6ff => true,
        0x2010..=0x2027 | 0x2030..=0x205e | 0x20a0..=0x20cf | 0x2100..=0x214f => true,
        0x1f300..=0x1faff => true,
        0x800..=0xffff => {
            // Other 3-byte characters (CJK, Indic, Hangul, …) only in runs: a lone one is more
            // likely an accented letter followed by punctuation.
            let three_byte = |g: &Group| (0x800..=0xffff).contains(&(g.decoded as u32));
            let before = start
                .checked_sub(3)
                .and_then(|s| decode_group(chars, s))
                .filter(|g| g.end == start);
            let after = decode_group(chars, group.end);
            before.iter().chain(after.iter()).any(three_byte)
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn to_mojibake(text: &str) -> String {
        text.bytes()
            .map(|b| match b {
                0x80..=0x9f => cp1252_char(b).unwrap_or(char::from(b)),
                _ => char::from(b),
            })
            .collect()
    }

    #[test]
    fn golden_repairs() {
        let cases = [
            ("cafÃ©", "café"),
            ("lâ€™Ã‰tat", "l’État"),
            (
                "Le musÃ©e rouvrira dÃ¨s le mois prochain",
                "Le musée rouvrira dès le mois prochain",
            ),
            ("Ã\u{a0} parts Ã©gales", "à parts égales"),
            ("Â«Â\u{a0}NonÂ\u{a0}Â»", "«\u{a0}Non\u{a0}»"),
            ("12Â°C", "12°C"),
            ("â€œQuoteâ€\u{9d}", "“Quote”"),
            ("lâ\u{80}\u{99}Ã©tÃ©", "l’été"),
            ("Ã¢â‚¬â„¢", "’"),
        ];
        for (broken, fixed) in cases {
            assert_eq!(Mojibake.normalize(broken), fixed, "{broken:?}");
        }
    }

    #[test]
    fn whole_texts_in_other_scripts_come_back() {
        for text in [
            "Привет, мир",
            "Ελληνικά",
            "مرحبا بالعالم",
            "中文测试文本",
            "Zażółć gęślą jaźń",
            "Țară și râu",
            "ok 😀",
        ] {
            assert_eq!(Mojibake.normalize(&to_mojibake(text)), text, "{text}");
        }
    }

    #[test]
    fn correct_text_is_left_alone() {
        for text in [
            "NÃO, disse o presidente.",
            "SÃO PAULO",
            "CAFÉ» et THÉ…",
            "Il est passé…» puis reparti.",
            "ÉTÉ… à Paris",
            "Ça coûte 12 € — très cher.",
            "Überall Öl, Äpfel und Straße.",
            "Ñandú, AÑO, ESPAÑA",
            "Ørsted og Åse",
            "Привет",
            "",
        ] {
            assert!(
                matches!(Mojibake.normalize(text), Cow::Borrowed(_)),
                "{text}"
            );
        }
    }
}
