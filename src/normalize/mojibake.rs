//! Mojibake repair: UTF-8 text that was decoded with a legacy code page (`cafÃ©`, `â€™`,
//! `РџСЂРёРІРµС‚`, `ÄŻ`, `ƒÅ`, `─î`), once or more, is turned back into what was meant — and
//! text that only looks like it (`SÓ…`, `5×£35`, `10 Å—`, `Ã’s`) is left alone.
//!
//! Every UTF-8 sequence of 2–4 bytes, read with a code page, becomes a *group*: a lead
//! character (byte 0xC2–0xF4) followed by 1–3 characters whose bytes are 0x80–0xBF. For each
//! code page in turn ([`CODE_PAGES`]: Windows-1252 and Latin-1, Windows-1251, -1250, -1257,
//! -1253, -1254, ISO-8859-2, MacRoman, cp437; "sloppy", so an undefined byte is the C1 control of
//! the same number), a group is re-encoded and decoded as UTF-8. A decoded group is then judged
//! by evidence, not by pattern:
//!
//! - the character must be one text plausibly holds (letters of the common alphabets, the
//!   punctuation, symbols and currency of U+2000–U+2BFF, CJK and full-width forms, emoji;
//!   other 3-byte characters only in runs);
//! - a decoded letter must agree with its word: same script as the letters it touches, and a
//!   case that fits (no lowercase letter inside a word in capitals, no capital after a lowercase
//!   letter), and it must not stand alone as a one-letter word;
//! - a group is *strong* evidence when chance cannot explain it: 3 or 4 bytes, a run of two or
//!   more groups, or a letter inside a word of its own script. A *weak* group (a letter at the
//!   edge of a word, a symbol after `Â`, a group whose continuation is a quote mark) is repaired
//!   only when the same text holds strong evidence of the same code page.
//!
//! Bytes lost on the way (a `U+FFFD` where a continuation byte was) become one `U+FFFD`, and a
//! `Ã` between a lowercase letter and a space is `à` whose no-break space was lost (`voilÃ  le`).
//! Repeated until nothing changes, for text encoded twice or more.

use std::borrow::Cow;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use super::Normalizer;

/// Repairs UTF-8 mis-decoded with a legacy code page (see the module documentation).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mojibake;

impl Normalizer for Mojibake {
    fn name(&self) -> &'static str {
        "mojibake"
    }

    fn normalize<'a>(&self, text: &'a str) -> Cow<'a, str> {
        self.repair_with(text, |_| {})
    }
}

/// One repair the [`Mojibake`] step made: the characters it replaced, what they stood for, and
/// the code page they were read with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MojibakeFix {
    /// The code page the UTF-8 bytes had been decoded with (`windows-1251`, `macintosh`, …).
    pub code_page: &'static str,
    /// The characters as they were (`Ã©`).
    pub broken: String,
    /// What they stood for (`é`).
    pub fixed: String,
}

impl Mojibake {
    /// Repairs `text` and says what was repaired, fix by fix (a double mojibake gives one fix
    /// per layer).
    pub fn repair<'a>(&self, text: &'a str) -> (Cow<'a, str>, Vec<MojibakeFix>) {
        let mut fixes = Vec::new();
        let repaired = self.repair_with(text, |fix| fixes.push(fix));
        (repaired, fixes)
    }

    /// Repairs `text`, calling `fix` for each repair.
    pub fn repair_with<'a>(&self, text: &'a str, mut fix: impl FnMut(MojibakeFix)) -> Cow<'a, str> {
        // Each pass shortens the text, so repeating until nothing changes ends, and makes the
        // step idempotent (text encoded twice or more comes back in one call).
        let mut current = Cow::Borrowed(text);
        while let Some(fixed) = fix_once(&current, &mut fix) {
            current = Cow::Owned(fixed);
        }
        current
    }
}

/// The character Windows-1252 gives byte 0x80–0x9F, if defined.
pub(crate) fn cp1252_char(byte: u8) -> Option<char> {
    static HIGH: OnceLock<[char; 128]> = OnceLock::new();
    let high = HIGH.get_or_init(|| upper_half(CODE_PAGES[0]));
    let c = *high.get(usize::from(byte.checked_sub(0x80)?))?;
    // The bytes the code page leaves undefined read as their C1 control.
    ((0x80..=0x9f).contains(&byte) && !c.is_control()).then_some(c)
}

/// The upper half of IBM code page 437 (DOS), which `encoding_rs` does not carry.
const CP437_HIGH: &str = "ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u{a0}";

/// The code pages tried, in order: the most common mis-decodings first.
const CODE_PAGES: [&str; 9] = [
    "windows-1252",
    "windows-1251",
    "windows-1250",
    "windows-1257",
    "windows-1253",
    "windows-1254",
    "iso-8859-2",
    "macintosh",
    "ibm437",
];

/// The characters code page `name` gives bytes 0x80–0xFF, read "sloppily": a byte it leaves
/// undefined stands for the C1 control or the Latin-1 character of the same number.
fn upper_half(name: &str) -> [char; 128] {
    let mut high = ['\0'; 128];
    let encoding = encoding_rs::Encoding::for_label(name.as_bytes());
    for (i, (slot, cp437)) in high.iter_mut().zip(CP437_HIGH.chars()).enumerate() {
        let byte = 0x80 + i as u8;
        let decoded = match encoding {
            Some(encoding) => {
                let one = [byte];
                let (decoded, _) = encoding.decode_without_bom_handling(&one);
                decoded.chars().next().unwrap_or(LOST)
            }
            None => cp437,
        };
        *slot = if decoded == LOST {
            char::from(byte)
        } else {
            decoded
        };
    }
    high
}

/// The code pages, and which characters can lead or continue a group in any of them.
struct Tables {
    /// For each character below [`TABLE_LIMIT`], its byte in each code page (0: none).
    bytes: Vec<[u8; CODE_PAGES.len()]>,
    lead: Vec<bool>,
    continuation: Vec<bool>,
    /// Whether a lead character's UTF-8 encoding may start with this byte.
    lead_first_byte: [bool; 256],
}

impl Tables {
    /// The byte `c` stands for in code page `page`.
    fn byte(&self, page: usize, c: char) -> Option<u8> {
        if c.is_ascii() {
            return Some(c as u8);
        }
        let byte = self.bytes.get(c as usize)?[page];
        (byte != 0).then_some(byte)
    }
}

/// Characters below this are looked up in the lead / continuation tables; above, none is.
const TABLE_LIMIT: usize = 0x10000;

fn tables() -> &'static Tables {
    static TABLES: OnceLock<Tables> = OnceLock::new();
    TABLES.get_or_init(|| {
        let mut lead = vec![false; TABLE_LIMIT];
        let mut continuation = vec![false; TABLE_LIMIT];
        let mut bytes = vec![[0u8; CODE_PAGES.len()]; TABLE_LIMIT];
        for (index, name) in CODE_PAGES.iter().enumerate() {
            let high = upper_half(name).into_iter().zip(0x80u8..=0xff);
            // Windows-1252 is Latin-1 too: the C1 controls it replaces still stand for their
            // bytes.
            let c1 = (0x80u8..=0x9f).map(|b| (char::from(b), b));
            let latin1 = c1.filter(|_| index == 0);
            for (c, byte) in high.chain(latin1) {
                let slot = c as usize;
                if slot >= TABLE_LIMIT || bytes[slot][index] != 0 {
                    continue;
                }
                bytes[slot][index] = byte;
                match byte {
                    0x80..=0xbf => continuation[slot] = true,
                    0xc2..=0xf4 => lead[slot] = true,
                    _ => {}
                }
            }
        }
        continuation[LOST as usize] = true;
        let mut lead_first_byte = [false; 256];
        for c in (0..TABLE_LIMIT as u32).filter_map(char::from_u32) {
            if lead[c as usize] {
                let mut buffer = [0; 4];
                lead_first_byte[usize::from(c.encode_utf8(&mut buffer).as_bytes()[0])] = true;
            }
        }
        Tables {
            bytes,
            lead_first_byte,
            lead,
            continuation,
        }
    })
}

/// U+FFFD: where a byte was lost on the way.
const LOST: char = '\u{fffd}';

fn in_table(table: &[bool], c: char) -> bool {
    table.get(c as usize).copied().unwrap_or(false)
}

/// A fast scan: could `text` hold a group at all? A lead character of some page followed by a
/// continuation character of some page is decoded on the spot, in every page, and counts only
/// if one gives a plausible character (so French `’é` or Russian `в«` cost one look); an `Ã`
/// before a space is a lost no-break space; a lead before a space counts only before another
/// lead (`– das` in German text is not worth reading the whole text again).
fn may_hold_mojibake(text: &str) -> bool {
    if text.is_ascii() {
        return false;
    }
    let tables = tables();
    let bytes = text.as_bytes();
    let mut at = 0;
    // Leads are never ASCII: the ASCII runs between them are skipped byte by byte.
    while let Some(offset) = bytes.get(at..).and_then(crate::chars::first_non_ascii) {
        // The first byte at or above 0x80 after a character boundary starts a character.
        let start = at + offset;
        let first = bytes[start];
        if !tables.lead_first_byte[usize::from(first)] {
            // No lead starts so (ideographs, Indic and Thai letters): the next character.
            at = start + (first.leading_ones() as usize).max(1);
            continue;
        }
        let mut chars = text[start..].chars();
        let Some(lead) = chars.next() else {
            return false;
        };
        if in_table(&tables.lead, lead)
            && let Some(next) = chars.next()
        {
            if next == ' ' && lead == 'Ã' {
                return true;
            }
            let worth_a_look = if next == ' ' {
                // A group read from a plain space (a lost no-break space) is strong evidence
                // only beside another group ([`judge`]): one starting right after it (one
                // before it is found at its own lead); alone, it changes nothing.
                chars
                    .next()
                    .is_some_and(|after| in_table(&tables.lead, after))
            } else {
                in_table(&tables.continuation, next)
            };
            if worth_a_look && plausible_at(&text[start..]) {
                return true;
            }
        }
        at = start + lead.len_utf8();
    }
    false
}

/// Whether a group at the start of `rest` decodes to a plausible character in some page.
fn plausible_at(rest: &str) -> bool {
    let mut window = ['\0'; 6];
    let mut n = 0;
    for (slot, c) in window.iter_mut().zip(rest.chars()) {
        *slot = c;
        n += 1;
    }
    let window = &window[..n];
    (0..CODE_PAGES.len()).any(|page| {
        decode_group(window, 0, page).is_some_and(|g| plausible_char(g.decoded, g.end - g.start))
    })
}

/// One decoded group.
#[derive(Debug, Clone, Copy)]
struct Group {
    /// Char index of the first character.
    start: usize,
    /// Char index just after it.
    end: usize,
    decoded: char,
    /// Which code page.
    page: usize,
    /// The continuation characters include a quote mark (`’`, `“`), or a lost byte.
    quote: bool,
    /// The continuation is a plain space read as a no-break space (0xA0) that lost its byte.
    space: bool,
    /// Lead and continuations are all symbols (`√≤`), not letters nor box drawing: text does
    /// not glue such symbols to a letter.
    symbols: bool,
    /// The continuation characters include one of Windows-1252's 0x80–0x9F punctuation
    /// (`™`, `”`, `€`), which text does not glue to a capital `Ã`.
    cp1252_special: bool,
}

/// The group at `start` read with code page `page`, if the characters there spell UTF-8.
#[inline(always)]
fn decode_group(chars: &[char], start: usize, page: usize) -> Option<Group> {
    let tables = tables();
    let lead = tables.byte(page, *chars.get(start)?)?;
    let len = match lead {
        0xc2..=0xdf => 2,
        0xe0..=0xef => 3,
        0xf0..=0xf4 => 4,
        _ => return None,
    };
    decode_group_from(tables, chars, start, page, lead, len)
}

/// [`decode_group`] past its first byte, `lead`, which opens a character of `len` bytes.
fn decode_group_from(
    tables: &Tables,
    chars: &[char],
    start: usize,
    page: usize,
    lead: u8,
    len: usize,
) -> Option<Group> {
    let mut bytes = [lead, 0, 0, 0];
    let mut quote = false;
    let mut space = false;
    let mut cp1252_special = false;
    let symbol = |c: char| {
        !c.is_alphanumeric()
            && !c.is_whitespace()
            && !('\u{2500}'..='\u{259f}').contains(&c)
            && !c.is_ascii()
    };
    // Whether each character of the group is a symbol: asked only of a group that decodes (most
    // candidates fail on their bytes first, and the question is a Unicode table lookup).
    let mut counted = [true; 4];
    for k in 1..len {
        let c = *chars.get(start + k)?;
        if c == ' ' && len == 2 && !(page == 0 && matches!(chars[start], 'Ã' | 'Â')) {
            // A no-break space (0xA0) that became a plain one: `Ð у` for `Ру`.
            space = true;
            counted[k] = false;
            bytes[k] = 0xa0;
            continue;
        }
        if c == LOST && k == len - 1 {
            // The last byte was lost: if what comes before is a valid start, the group stood
            // for one character.
            let valid_prefix = std::str::from_utf8(&bytes[..k])
                .err()
                .is_some_and(|e| e.error_len().is_none());
            return valid_prefix.then_some(Group {
                start,
                end: start + len,
                decoded: LOST,
                page,
                quote: true,
                space: false,
                symbols: false,
                cp1252_special: false,
            });
        }
        let byte = tables.byte(page, c)?;
        if !(0x80..=0xbf).contains(&byte) {
            return None;
        }
        quote |= matches!(c, '‘' | '’' | '“' | '”' | '‚' | '„' | '\'' | '"');
        cp1252_special |= page == 0 && (0x80..=0x9f).contains(&byte);
        bytes[k] = byte;
    }
    if lead == 0xed && (0xa0..=0xaf).contains(&bytes[1]) {
        // CESU-8 (Java's "modified UTF-8", old Twitter clients): a character beyond the BMP
        // (an emoji) as two 3-byte surrogates, `í\u{a0}½í¸\u{8d}` for 😍.
        return decode_cesu_pair(chars, start, page, &bytes).map(|decoded| Group {
            start,
            end: start + 6,
            decoded,
            page,
            quote,
            space: false,
            symbols: false,
            cp1252_special,
        });
    }
    let decoded = std::str::from_utf8(&bytes[..len]).ok()?.chars().next()?;
    let symbols = (0..len).all(|k| !counted[k] || symbol(chars[start + k]));
    Some(Group {
        start,
        end: start + len,
        decoded,
        page,
        quote,
        space,
        symbols,
        cp1252_special,
    })
}

/// The character of a CESU-8 surrogate pair whose high half is `high` (3 bytes, read) and
/// whose low half follows in `chars` after `start + 3`, read with code page `page`.
fn decode_cesu_pair(chars: &[char], start: usize, page: usize, high: &[u8; 4]) -> Option<char> {
    let tables = tables();
    let mut low = [0u8; 3];
    for (k, slot) in low.iter_mut().enumerate() {
        *slot = tables.byte(page, *chars.get(start + 3 + k)?)?;
    }
    if low[0] != 0xed || !(0xb0..=0xbf).contains(&low[1]) || !(0x80..=0xbf).contains(&low[2]) {
        return None;
    }
    let half = |b: &[u8]| {
        (u32::from(b[0] & 0x0f) << 12) | (u32::from(b[1] & 0x3f) << 6) | u32::from(b[2] & 0x3f)
    };
    let code = 0x10000 + ((half(&high[..3]) - 0xd800) << 10) + (half(&low) - 0xdc00);
    char::from_u32(code)
}

/// Whether `c` is a character real text holds, decoded from `len` bytes. Rare letters that
/// two ordinary characters happen to spell (`ſ` from `┼┐`, `Ũ` from `ÅØ`) are not.
fn plausible_char(c: char, len: usize) -> bool {
    let code = c as u32;
    if len == 2 {
        return match code {
            0xa0..=0xbf => true, // Latin-1 punctuation and symbols (after `Â`)
            0x80..=0x9f => true, // a C1 control: the middle layer of double mojibake (in runs)
            0xd7 | 0xf7 => false,
            0x128 | 0x129 | 0x138 | 0x13f | 0x140 | 0x149 | 0x166..=0x169 | 0x17f => false,
            0xc0..=0x17f | 0x218..=0x21b => true,
            0x192 | 0x2c6 | 0x2dc => true, // `ƒ`, `ˆ`, `˜`: Windows-1252 characters, in double mojibake
            0x386..=0x3ce | 0x400..=0x45f | 0x490 | 0x491 => true,
            0x5d0..=0x5ea | 0x5f0..=0x5f4 => true, // Hebrew letters
            0x60c..=0x61f => true,                 // Arabic punctuation
            0x620..=0x64a | 0x660..=0x669 | 0x67e | 0x686 | 0x698 | 0x6a9 | 0x6af | 0x6cc => true,
            LOST_CODE => true,
            _ => false,
        };
    }
    match code {
        0x2028..=0x202e | 0x2060..=0x206f => false,
        0xd800..=0xdfff | 0xe000..=0xf8ff | 0xfff0..=0xfffc | 0xfffe | 0xffff => false,
        0x800..=0xffff => true, // judged again: most need a run (see `needs_run`)
        0x1f000..=0x1faff => true, // emoji
        _ => false,
    }
}

/// 3-byte characters that two or three ordinary characters could spell by chance unless they
/// come in runs: scripts and blocks other than punctuation, symbols, Vietnamese letters and
/// full-width forms.
fn needs_run(c: char) -> bool {
    // What a character of text becomes by itself: punctuation, currency, letterlike symbols
    // (`™`, `№`), arrows, mathematical and technical signs, box drawing, shapes, symbols and
    // dingbats, CJK punctuation, full-width forms, Vietnamese letters, emoji. Number forms
    // (`Ⅸ`), enclosed alphanumerics (`⒟`) or braille are what a letter and two punctuation
    // marks of correct text spell by chance (`в…Ё`, `â’Ÿ`): they need a run.
    !matches!(
        c as u32,
        0x1e00..=0x1eff
            | 0x2000..=0x206f
            | 0x20a0..=0x214f
            | 0x2190..=0x23ff
            | 0x2500..=0x27bf
            | 0x2800
            | 0x2b00..=0x2bff
            | 0x3000..=0x303f
            | 0xff00..=0xffef
            | LOST_CODE
            | 0x1f000..=0x1faff
    )
}

const LOST_CODE: u32 = 0xfffd;

/// The script of a letter, coarsely: enough to tell mojibake that mixes alphabets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Script {
    Latin,
    Greek,
    Cyrillic,
    Hebrew,
    Arabic,
    /// CJK, kana, Hangul, Indic, Thai: what 3-byte groups decode to.
    Asian,
    Other,
}

fn script(c: char) -> Script {
    match c as u32 {
        0x41..=0x5a | 0x61..=0x7a | 0xaa | 0xba | 0xc0..=0x24f | 0x1e00..=0x1eff => Script::Latin,
        0x370..=0x3ff => Script::Greek,
        0x400..=0x52f => Script::Cyrillic,
        0x590..=0x5ff => Script::Hebrew,
        0x600..=0x6ff => Script::Arabic,
        0x900..=0xdff | 0xe00..=0xeff | 0x2e80..=0x9fff | 0xac00..=0xd7af => Script::Asian,
        _ => Script::Other,
    }
}

/// How a decoded group stands as evidence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Evidence {
    Strong,
    Weak,
}

/// Judges `group` in its place: `None` when the decoded character does not fit there.
fn judge(
    chars: &[char],
    group: &Group,
    groups_before: bool,
    groups_after: bool,
) -> Option<Evidence> {
    let len = group.end - group.start;
    let c = group.decoded;
    let run = groups_before || groups_after;
    if !plausible_char(c, len) {
        return None;
    }
    let letter = |i: Option<usize>| {
        i.and_then(|i| chars.get(i))
            .copied()
            .filter(|c| c.is_alphabetic())
    };
    let letter_before = letter(group.start.checked_sub(1));
    let letter_after = letter(Some(group.end));
    if c == LOST && chars[group.end - 1] != LOST {
        // The replacement character itself, mis-decoded (`ï¿½` in Windows-1252, `пїЅ` in
        // Windows-1251): three characters text never puts together otherwise.
        return Some(Evidence::Strong);
    }
    if c == LOST {
        // A lost byte: after a 3-byte lead, inside a word, or next to other groups.
        // Punctuation that lost its last byte (`â€�`) stands alone; a letter of another
        // script (`é«�` would be CJK) needs a run.
        let inside = letter_before.is_some() && letter_after.is_some();
        let punctuation = len == 3 && tables().byte(group.page, chars[group.start]) == Some(0xe2);
        return if punctuation || (len == 2 && inside) {
            Some(Evidence::Strong)
        } else {
            run.then_some(Evidence::Weak)
        };
    }
    if group.space {
        // A lost no-break space: only next to other groups, or as the capital that starts a
        // word (`Å iaip` for `Šiaip`) where the text has other evidence.
        let next = chars.get(group.end + 1).copied();
        return if run {
            Some(Evidence::Strong)
        } else if c.is_uppercase()
            && letter_before.is_none()
            && next.is_some_and(|n| n.is_lowercase() && script(n) == script(c))
        {
            Some(Evidence::Weak)
        } else {
            None
        };
    }
    // A C1 control is no character of any text: where it continues a group, the text was
    // decoded sloppily.
    if chars[group.start + 1..group.end]
        .iter()
        .any(|c| ('\u{80}'..='\u{9f}').contains(c))
        && (!needs_run(c) || len == 2 || run)
    {
        return Some(Evidence::Strong);
    }
    if len >= 3 {
        // Two or three continuation bytes in a row do not happen by chance, but for scripts a
        // few Latin-1 letters and symbols can spell, which need a run.
        return (!needs_run(c) || run).then_some(Evidence::Strong);
    }
    if c.is_control() {
        // `Â\u{8d}` inside `Ã„Â\u{8d}`: what a byte Windows-1252 leaves undefined became in the
        // first of two mis-decodings; only next to other groups.
        return run.then_some(Evidence::Strong);
    }
    if !c.is_alphabetic() {
        // Punctuation or a symbol from 2 bytes: `Â©`, `Â«`, `Â°`. Text does not glue a capital
        // `Â` to a lowercase letter, a digit or punctuation before it (`NonÂ\u{a0}`, `12Â°`).
        let before = group.start.checked_sub(1).map(|i| chars[i]);
        let glued =
            before.is_some_and(|b| b.is_lowercase() || !(b.is_alphabetic() || b.is_whitespace()));
        let strong = run || (group.page == 0 && chars[group.start] == 'Â' && glued);
        return Some(if strong {
            Evidence::Strong
        } else {
            Evidence::Weak
        });
    }
    // A decoded letter must fit its word.
    for neighbour in [letter_before, letter_after].into_iter().flatten() {
        if script(neighbour) != script(c) && !run {
            return None;
        }
    }
    let capital_before = letter_before.is_some_and(char::is_uppercase);
    if c.is_lowercase() {
        let word_in_capitals = capital_before
            && (letter_after.is_some_and(char::is_uppercase)
                || letter_after.is_none()
                    && group
                        .start
                        .checked_sub(2)
                        .is_some_and(|i| chars[i].is_uppercase()));
        if word_in_capitals && !run {
            return None;
        }
    } else if letter_before.is_some_and(char::is_lowercase) && !run {
        return None;
    }
    if run {
        return Some(Evidence::Strong);
    }
    // `cafÃ©`, `baÅ†`: a capital glued after a lowercase letter, which the decoded lowercase
    // letter fixes; and `Ã` + no-break space, the `à` of French and Portuguese.
    let lead = chars[group.start];
    if (lead.is_uppercase()
        && letter_before.is_some_and(|b| b.is_lowercase() && script(b) == Script::Latin)
        && c.is_lowercase())
        || c == 'à' && group.page == 0
    {
        return Some(Evidence::Strong);
    }
    let same_case = |n: Option<char>| n.is_none_or(|n| n.is_uppercase() == c.is_uppercase());
    match (letter_before.is_some(), letter_after.is_some()) {
        // A one-letter word (`в`, `à`, `Η`) only where the text has other evidence.
        (false, false) => Some(Evidence::Weak),
        // Inside a word; with a quote mark for continuation (`HÃ”TEL`), only where the lead
        // is the `Ã` family of Windows-1252: in other pages the lead is a letter of the text's
        // own alphabet, and `Ć’` is a word, an apostrophe and the next word.
        (true, true)
            if !group.quote
                || (group.page == 0 && same_case(letter_before) && same_case(letter_after)) =>
        {
            Some(Evidence::Strong)
        }
        // `√≤`, `Ã™` glued to a letter of the same case: text does not do that.
        (true, false) | (false, true) if group.symbols => Some(Evidence::Strong),
        (true, false)
            if group.cp1252_special
                && !group.quote
                && chars[group.start] == 'Ã'
                && same_case(letter_before) =>
        {
            Some(Evidence::Strong)
        }
        _ => Some(Evidence::Weak),
    }
}

/// The groups of code page `page` in `chars` that stand as evidence, and how many are strong:
/// weak groups count only when the page has a strong one.
/// Whether `group`'s space is a real one: a plain space read as a lost no-break space that
/// makes no letter (`В ` is the Russian preposition, not a no-break space in Windows-1251), or
/// a no-break space after a lead other than `Ã` and `Â` (`SELKÄ EDELLÄ`). Such a group neither
/// decodes nor supports a run.
fn false_space(chars: &[char], group: &Group) -> bool {
    let len = group.end - group.start;
    // A C1 control is decoded only from a C1 control (`Â\u{8d}`, double mojibake of a byte
    // Windows-1252 leaves undefined), not from punctuation (`В’` in Windows-1251).
    let c1_from_punctuation = group.decoded.is_control()
        && !chars[group.start + 1..group.end]
            .iter()
            .all(|c| ('\u{80}'..='\u{9f}').contains(c));
    c1_from_punctuation
        || (group.space && !group.decoded.is_alphabetic())
        || (len == 2
            && chars[group.start + 1] == '\u{a0}'
            && !(group.page == 0 && matches!(chars[group.start], 'Ã' | 'Â')))
}

fn judge_page(chars: &[char], page: usize, positions: &[usize]) -> (usize, Vec<Group>) {
    let mut candidates: Vec<Group> = Vec::new();
    for &i in positions {
        if candidates.last().is_some_and(|g| i < g.end) {
            continue;
        }
        if let Some(group) = decode_group(chars, i, page)
            .filter(|g| plausible_char(g.decoded, g.end - g.start) && !false_space(chars, g))
        {
            candidates.push(group);
        }
    }
    // Groups read from a plain space (a lost no-break space) are the least sure: they are
    // judged after the others, and count as a run only beside a group that was accepted
    // (`ПО и’Ё` must not make `О ` and `и’Ё` vouch for each other).
    let mut strong = 0;
    let mut judged: Vec<(Group, Evidence)> = Vec::new();
    let solid: Vec<&Group> = candidates.iter().filter(|g| !g.space).collect();
    for (k, group) in solid.iter().enumerate() {
        // Touching groups make a run when they decode to one text: letters of one script, or
        // punctuation beside letters (`О’` and `и’Ё` would give Greek beside CJK).
        let touches = |other: Option<&&Group>| {
            other.is_some_and(|o| {
                let (a, b) = (script(o.decoded), script(group.decoded));
                (o.end == group.start || o.start == group.end)
                    && (a == b
                        || a == Script::Other
                        || b == Script::Other
                        || !o.decoded.is_alphabetic()
                        || !group.decoded.is_alphabetic())
            })
        };
        let before = k.checked_sub(1).and_then(|j| solid.get(j));
        let after = solid.get(k + 1);
        if let Some(evidence) = judge(chars, group, touches(before), touches(after)) {
            strong += usize::from(evidence == Evidence::Strong);
            judged.push((**group, evidence));
        }
    }
    for group in candidates.iter().filter(|g| g.space) {
        let beside = |at: usize| judged.iter().any(|(g, _)| g.start == at || g.end == at);
        let run_before = beside(group.start);
        let run_after = beside(group.end);
        if let Some(evidence) = judge(chars, group, run_before, run_after) {
            strong += usize::from(evidence == Evidence::Strong);
            judged.push((*group, evidence));
        }
    }
    judged.sort_by_key(|(g, _)| g.start);
    if strong == 0 {
        return (0, Vec::new());
    }
    // Letters this page would have mangled but that are intact (`CHMURNOŚĆ…ZAŻÓŁĆ` read as
    // Windows-1257 has one group and six intact letters): the text was decoded right. Not for
    // Windows-1252, whose mojibake is common in one part of a page that is right elsewhere
    // (a comment box, `cafÃ©` beside `l’État`).
    let mut in_group = vec![false; chars.len()];
    for (g, _) in &judged {
        in_group[g.start..g.end].fill(true);
    }
    let covered = |i: usize| in_group[i];
    // Only letters this page has count (they are what it would have mangled): a Russian
    // name beside a French word says nothing of Windows-1252, much of Windows-1251.
    let tables = tables();
    let intact = chars
        .iter()
        .enumerate()
        .filter(|&(i, &c)| {
            !c.is_ascii() && c.is_alphabetic() && !covered(i) && tables.byte(page, c).is_some()
        })
        .count();
    if page != 0 && intact > 0 && intact >= strong {
        return (0, Vec::new());
    }
    // Mojibake the page cannot explain (`ã†â€™ãƒâ€ ã¢â‚¬…`, lowercased): if more lead +
    // continuation pairs stay undecoded than groups decode, the text is not this page's
    // mojibake, or not one that can be undone; leave it as it is.
    // Pairs of this page and of Windows-1252, the commonest: another page must not look
    // better for ignoring them.
    let pair_in = |page: usize, i: usize| {
        !chars[i - 1].is_ascii()
            && !chars[i].is_ascii()
            && tables
                .byte(page, chars[i - 1])
                .is_some_and(|b| (0xc2..=0xf4).contains(&b))
            && tables
                .byte(page, chars[i])
                .is_some_and(|b| (0x80..=0xbf).contains(&b))
    };
    let unexplained = positions
        .iter()
        .map(|&p| p + 1)
        .filter(|&i| i < chars.len() && !covered(i - 1) && !covered(i))
        .filter(|&i| pair_in(page, i) || pair_in(0, i))
        .count();
    if unexplained > judged.len() {
        return (0, Vec::new());
    }
    (strong, judged.into_iter().map(|(g, _)| g).collect())
}

fn fix_once(text: &str, fix: &mut dyn FnMut(MojibakeFix)) -> Option<String> {
    if !may_hold_mojibake(text) {
        return None;
    }
    fix_unfiltered(text, fix)
}

/// [`fix_once`] without the fast scan.
fn fix_unfiltered(text: &str, fix: &mut dyn FnMut(MojibakeFix)) -> Option<String> {
    let chars: Vec<char> = text.chars().collect();
    // Where a group could start: a lead character of some page before a continuation
    // character of some page (or a space, for a lost no-break space).
    let tables = tables();
    let positions: Vec<usize> = (0..chars.len().saturating_sub(1))
        .filter(|&i| {
            in_table(&tables.lead, chars[i])
                && (in_table(&tables.continuation, chars[i + 1]) || chars[i + 1] == ' ')
        })
        .collect();
    // Each code page's groups, judged; the page with the most strong evidence wins this pass
    // (real mojibake is one mis-decoding, so mixing pages would make new garbage).
    let mut best: Option<(usize, usize, Vec<Group>)> = None;
    for page in 0..CODE_PAGES.len() {
        let (strong, accepted) = judge_page(&chars, page, &positions);
        if strong > 0 && best.as_ref().is_none_or(|(most, _, _)| strong > *most) {
            best = Some((strong, page, accepted));
        }
    }
    let (page, accepted) = best.map_or((0, Vec::new()), |(_, page, groups)| (page, groups));
    let lost_spaces = lost_no_break_spaces(&chars);
    if accepted.is_empty() && lost_spaces.is_empty() {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let mut groups = accepted.iter().peekable();
    let mut spaces = lost_spaces.iter().peekable();
    let mut i = 0;
    while i < chars.len() {
        if let Some(group) = groups.next_if(|g| g.start == i) {
            // A run of touching groups is one fix: `РџСЂРёРІРµС‚` → `Привет`.
            let mut span = MojibakeFix {
                code_page: CODE_PAGES[page],
                broken: chars[group.start..group.end].iter().collect(),
                fixed: group.decoded.to_string(),
            };
            out.push(group.decoded);
            i = group.end;
            while let Some(next) = groups.next_if(|g| g.start == i) {
                span.broken.extend(&chars[next.start..next.end]);
                span.fixed.push(next.decoded);
                out.push(next.decoded);
                i = next.end;
            }
            fix(span);
            continue;
        }
        if let Some(&(_, consumed)) = spaces.next_if(|&&(at, _)| at == i) {
            // `Ã` + the no-break space that became a plain space: `à`; the space goes when it
            // was that byte (`Ã s` → `às`, `Ã  le` → `à le`), else it stays (`Ã la` → `à la`).
            out.push('à');
            fix(MojibakeFix {
                code_page: CODE_PAGES[0],
                broken: if consumed { "Ã " } else { "Ã" }.to_owned(),
                fixed: "à".to_owned(),
            });
            i += if consumed { 2 } else { 1 };
            continue;
        }
        out.push(chars[i]);
        i += 1;
    }
    (out != text).then_some(out)
}

/// Positions of an `Ã` + plain space that was `à` + no-break space (byte 0xA0 turned into a
/// space): after a lowercase Latin letter (`voilÃ le`), or as a word of its own before a
/// lowercase word (`jusqu'Ã nos`, `Ã perturber`). In capitals (`SÃO`, `IRMÃ `) it is a real
/// `Ã`. Paired with whether the space was that byte (`Ã s` is `às`), to be consumed.
fn lost_no_break_spaces(chars: &[char]) -> Vec<(usize, bool)> {
    (0..chars.len())
        .filter(|&i| chars[i] == 'Ã' && chars.get(i + 1) == Some(&' '))
        .filter_map(|i| {
            let before = i.checked_sub(1).map(|j| chars[j]);
            let glued = before.is_some_and(|b| b.is_lowercase() && script(b) == Script::Latin);
            let rest: String = chars[i + 2..chars.len().min(i + 9)].iter().collect();
            let alone = !before.is_some_and(char::is_alphanumeric)
                && rest
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_lowercase() || c == ' ');
            if !(glued || alone) {
                return None;
            }
            // Portuguese contractions: `às`, `àquele`, `àquela`, `àquilo` (and plurals).
            let contraction = ["s ", "quele", "quela", "quilo"]
                .iter()
                .any(|w| rest.starts_with(w))
                || rest == "s";
            Some((i, contraction || rest.starts_with(' ')))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4000))]
        /// The fast scan never turns away a text the repair would change: texts made of the
        /// characters mojibake is made of (leads and continuations of every page, spaces,
        /// letters), in runs.
        #[test]
        fn the_fast_scan_passes_every_text_the_repair_changes(
            pieces in proptest::collection::vec(
                prop_oneof![
                    Just("Ã"), Just("Â"), Just("Ð"), Just("Ñ"), Just("Р"), Just("С"), Just("â"),
                    Just("€"), Just("™"), Just("©"), Just("¤"), Just("–"), Just("—"), Just("’"),
                    Just("Å"), Just("Ä"), Just("ð"), Just("Ÿ"), Just("\u{a0}"), Just("\u{81}"),
                    Just("�"), Just(" "), Just(" "), Just("e"), Just("la"), Just("é"), Just("П"),
                    Just("и"), Just("ß"), Just("das "), Just("."), Just("中"), Just("ह"),
                    Just("ไ"), Just("한"), Just("😀"),
                ],
                0..14,
            )
        ) {
            let text: String = pieces.concat();
            if !may_hold_mojibake(&text) {
                prop_assert_eq!(fix_unfiltered(&text, &mut |_| {}), None, "{:?}", text);
            }
        }
    }

    /// Characters no lead starts like are stepped over whole, and the scan goes on after them.
    #[test]
    fn the_fast_scan_steps_over_ideographs_and_indic_letters() {
        assert!(!may_hold_mojibake("中文新闻 हिन्दी ไทย 한국어 😀 end"));
        assert!(may_hold_mojibake("中文 😀 cafÃ© au lait"));
        assert!(may_hold_mojibake("हिन्दी РџСЂРёРІРµС‚"));
    }

    /// German and English web text puts en dashes before spaces (`– das`): a lead of Mac OS
    /// Roman before a space, which alone is no mojibake and must not cost a full read.
    #[test]
    fn a_dash_before_a_space_is_not_worth_a_full_read() {
        assert!(!may_hold_mojibake(
            "Berlin – das ist die Hauptstadt – und mehr."
        ));
        assert!(may_hold_mojibake("Ã  la carte"));
        assert!(may_hold_mojibake("cafÃ© au lait"));
    }

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
