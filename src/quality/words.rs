//! Words as the quality filters count them: the tokens of spaCy's blank tokenizer, which
//! datatrove's filters use (`split_into_words`) for English and most space-delimited languages.
//!
//! A text is cut at whitespace; each piece loses its leading punctuation (one mark at a time),
//! then its trailing punctuation, English clitics (`'s`, `n't`) and a sentence's full stop (not
//! an abbreviation's); what is left is cut again at infixes (a hyphen or slash between letters,
//! an ellipsis). Each mark is a token of its own, as in spaCy: `“Hello,` gives `“`, `Hello`
//! and `,`. URLs and e-mail addresses stay whole. Of spaCy's per-language exception tables,
//! the words with a full stop are copied whole (generated, `spacy_exceptions.rs`) and looked up
//! before each cut as spaCy does; of the others, only what changes word counts on real text
//! (English clitics, Catalan contractions, Indonesian reduplication). Languages written without
//! spaces go to ICU's word segmenter instead. The character classes are in `char_classes.rs`.
//! `scripts/quality_parity.py` measures what the differences change.

use std::sync::LazyLock;

use super::char_classes::{
    Letter, is_icon, is_prefix, is_spacy_letter, is_spacy_lower, is_spacy_upper, is_suffix,
    spacy_letter,
};
use super::spacy_exceptions::kept_whole;

pub(crate) use super::char_classes::is_space;

/// A URL or e-mail address: kept whole.
fn is_link(piece: &str) -> bool {
    if !piece.bytes().any(|b| matches!(b, b'/' | b'@' | b'.')) {
        return false;
    }
    piece.contains("://")
        || piece.starts_with("www.")
        || piece
            .split_once('@')
            .is_some_and(|(user, host)| !user.is_empty() && host.contains('.'))
}

/// Whether the piece ending in `.` keeps it: an abbreviation written with inner full stops
/// (`U.S.`, `e.g.`, `z.B.`), a single letter (`J.`, `d.`), or one of the language's
/// abbreviations (`Dr.`, `bzw.`).
fn keeps_full_stop(piece: &str, lang: Language) -> bool {
    let body = &piece[..piece.len() - 1];
    if body.is_empty() {
        return true;
    }
    if body.contains('.') && body.chars().all(|c| c.is_alphabetic() || c == '.') {
        return true;
    }
    let mut chars = body.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        return c.is_alphabetic() && lang.letter_abbreviations;
    }
    lang.abbreviations.contains(&body)
}

/// Whether the full stop at the end of `piece` goes off as a token: after a lower-case letter, a
/// digit, a mark or two capitals, unless the piece is an abbreviation.
fn splits_full_stop(piece: &str, lang: Language) -> bool {
    if !piece.ends_with('.')
        || piece.len() < 2
        || piece.bytes().all(|b| b == b'.')
        || keeps_full_stop(piece, lang)
    {
        return false;
    }
    // spaCy's suffix rule: after a lower-case or caseless letter of its classes, an ASCII
    // digit, `%²-+`, a mark or a quote; or after two capitals. Not after a letter of another
    // script (Armenian, Georgian), another digit or a combining accent (decomposed text).
    let mut before = piece[..piece.len() - 1].chars().rev();
    let last = before.next();
    if is_spacy_lower(last) {
        return true;
    }
    match last {
        Some(c) if matches!(spacy_letter(c), Some(Letter::Upper)) => is_spacy_upper(before.next()),
        Some(c) => {
            c.is_ascii_digit()
                || matches!(c, '%' | '²' | '-' | '+')
                || (is_suffix(c) || is_prefix(c)) && !is_icon(c)
        }
        None => false,
    }
}

/// The length in bytes of the `'s` ending `piece` that `possessives` cuts, if any.
fn possessive(piece: &str, possessives: Possessives) -> Option<usize> {
    let endings: &[&str] = match possessives {
        Possessives::Both => &["'s", "’s", "'S", "’S"],
        Possessives::CurlyOnly => &["’s", "’S"],
        Possessives::None => &[],
    };
    endings
        .iter()
        .find(|ending| piece.ends_with(*ending) && piece.len() > ending.len())
        .map(|ending| ending.len())
}

/// Whether `piece` ends with `ending` (ASCII letters in any case) and holds more.
fn ends_with_ignore_case(piece: &str, ending: &str) -> bool {
    piece.len() > ending.len()
        && piece.is_char_boundary(piece.len() - ending.len())
        && piece[piece.len() - ending.len()..].eq_ignore_ascii_case(ending)
}

/// The length in bytes of the English clitic ending `piece` (`n't`, `'re`…), if any.
fn clitic(piece: &str) -> Option<usize> {
    for ending in ["n't", "n’t"] {
        if ends_with_ignore_case(piece, ending) {
            return Some(ending.len());
        }
    }
    for ending in [
        "'re", "’re", "'ve", "’ve", "'ll", "’ll", "'m", "’m", "'d", "’d",
    ] {
        if ends_with_ignore_case(piece, ending) {
            let stem = &piece[..piece.len() - ending.len()];
            if stem.chars().all(char::is_alphabetic) {
                return Some(ending.len());
            }
        }
    }
    None
}

/// Where datatrove's word tokenizers of different languages cut differently (spaCy's
/// `spacy.blank(code)`, its multi-language rules for the languages without their own, such as
/// Georgian or Azerbaijani; probed on the same text for each language:
/// `scripts/quality_parity.py` compares whole documents).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Language {
    /// English clitics go: `Do` `n't`, `we` `'re`.
    pub english_clitics: bool,
    /// A hyphen between letters is a token: `well` `-` `known` (not in German, Spanish,
    /// Italian, Dutch, the Nordic languages, Greek, Hungarian, Serbian…).
    pub hyphens_split: bool,
    /// A hyphen between a number and a word is a token too: `02` `-` `Jul`.
    pub number_hyphens_split: bool,
    /// A hyphen between digits is a token: `3` `-` `4`.
    pub ranges_split: bool,
    /// A slash between words is a token: `x` `/` `y` (not in Dutch, Hungarian).
    pub slashes_split: bool,
    /// A number keeps its full stop (ordinals: `1.` in German, Hungarian, Norwegian, Serbian,
    /// Slovenian, Turkish).
    pub ordinal_dots: bool,
    /// An elided article or pronoun goes off with its apostrophe: `l'` `homme` (French,
    /// Italian, Catalan).
    pub elisions_split: bool,
    /// Which `'s` endings go off: both apostrophes, the curly one only (German), or none.
    pub possessives: Possessives,
    /// A single letter keeps its full stop (`d.`), but in Lithuanian, Polish, Turkish.
    pub letter_abbreviations: bool,
    /// Words that keep their full stop.
    pub abbreviations: &'static [&'static str],
    /// Indonesian: a hyphen between a word and a number is a token both ways (`Des` `-` `13`),
    /// a reduplicated word stays whole (`tiba-tiba`), and `-nya` goes off.
    pub indonesian_hyphens: bool,
    /// Catalan contractions cut (`del` → `d` `el`, `als` → `a` `ls`).
    pub catalan_contractions: bool,
    /// How sentences are cut (C4's sentence count).
    pub sentences: Sentences,
    /// The words with a full stop spaCy's exceptions keep whole (sorted).
    pub kept_whole: &'static [&'static str],
    /// Words found by a word segmenter (ICU's dictionaries and models), for the languages
    /// written without spaces between words (Chinese, Japanese, Thai, Khmer, Burmese).
    pub segmented: bool,
}

/// How datatrove cuts a language's sentences.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sentences {
    /// spaCy's `sentencizer` over the language's tokens.
    Spacy,
    /// datatrove's fallback for languages spaCy lacks (Georgian, Yiddish): a regular
    /// expression cutting after sentence-final marks, not after a capital's full stop.
    Fallback,
    /// Indic NLP's `sentence_split`, for a script whose block starts at `base` (Tamil,
    /// Telugu, Malayalam, Odia, Sinhala); `danda`: the danda cuts alone when present (Odia).
    Indic {
        /// The first code point of the script's Unicode block.
        base: u32,
        /// Whether the danda, when the text has one, replaces the full stop as a delimiter.
        danda: bool,
    },
}

/// Which `'s` endings are tokens of their own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Possessives {
    /// `Smith` `'s`, `wir` `’s`.
    Both,
    /// `wir` `’s`, `Smith's`.
    CurlyOnly,
    /// Kept on the word.
    None,
}

/// English abbreviations spaCy keeps whole.
const ENGLISH_ABBREVIATIONS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "Prof", "St", "Jr", "Sr", "Inc", "Ltd", "Co", "Corp", "vs", "Mt",
    "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "Gov",
    "Sen", "Rep", "Gen", "Lt", "Col", "Rev", "Ph.D", "a.m", "p.m",
];

/// German abbreviations spaCy keeps whole.
const GERMAN_ABBREVIATIONS: &[&str] = &[
    "bzw", "ca", "usw", "Nr", "etc", "bspw", "ggf", "evtl", "inkl", "vgl", "sog", "bzgl", "zzgl",
    "Mio", "Mrd", "Str", "Jh", "geb", "gest", "Dr", "Prof", "Hr", "Fr", "St", "Tel", "Abs", "Art",
    "Kap", "Bd", "Aufl", "Hrsg", "vs", "Jan", "Feb", "Okt", "Dez", "Mo", "Di", "Mi", "Do", "Sa",
    "So", "Std", "Min", "max", "min", "ehem", "zz", "zzt", "bes", "insb", "allg", "Abb", "Anm",
];

/// Danish, Norwegian and Swedish abbreviations spaCy keeps whole.
const NORDIC_ABBREVIATIONS: &[&str] = &[
    "etc", "nr", "kr", "ca", "osv", "mv", "evt", "jf", "hhv", "dvs", "pga", "mht", "inkl", "ekskl",
    "tlf", "bl.a", "f.eks", "m.fl", "t.ex", "s.k", "o.s.v",
];

/// spaCy's languages that keep `etc.` whole.
const ETC: &[&str] = &["etc"];

impl Language {
    /// The cutting rules of `lang` (ISO 639-3, as the language stage names it); spaCy's
    /// multi-language rules for a language not listed.
    pub fn of(lang: &str) -> Language {
        let base = Language {
            english_clitics: false,
            hyphens_split: true,
            number_hyphens_split: false,
            ranges_split: true,
            slashes_split: true,
            ordinal_dots: false,
            elisions_split: false,
            possessives: Possessives::Both,
            letter_abbreviations: true,
            abbreviations: &[],
            indonesian_hyphens: false,
            catalan_contractions: false,
            sentences: Sentences::Spacy,
            segmented: false,
            kept_whole: &[],
        };
        let indic = |start, danda| Language {
            sentences: Sentences::Indic { base: start, danda },
            ..base
        };
        // Languages whose hyphenated words stay whole, numbers ranges too.
        let joined = Language {
            hyphens_split: false,
            ranges_split: false,
            abbreviations: ETC,
            ..base
        };
        let language = match lang {
            "eng" => Language {
                english_clitics: true,
                number_hyphens_split: true,
                abbreviations: ENGLISH_ABBREVIATIONS,
                ..base
            },
            "ind" => Language {
                number_hyphens_split: true,
                indonesian_hyphens: true,
                ..base
            },
            "sna" | "zul" => Language {
                number_hyphens_split: true,
                ..base
            },
            "deu" => Language {
                hyphens_split: false,
                ordinal_dots: true,
                possessives: Possessives::CurlyOnly,
                abbreviations: GERMAN_ABBREVIATIONS,
                ..base
            },
            "fra" => Language {
                elisions_split: true,
                possessives: Possessives::None,
                abbreviations: ETC,
                ..base
            },
            "cat" => Language {
                hyphens_split: false,
                elisions_split: true,
                possessives: Possessives::None,
                catalan_contractions: true,
                ..base
            },
            "ita" => Language {
                hyphens_split: false,
                elisions_split: true,
                abbreviations: ETC,
                ..base
            },
            "spa" | "ell" => Language {
                possessives: Possessives::None,
                ..joined
            },
            "por" => joined,
            "fin" => Language {
                possessives: Possessives::None,
                ..joined
            },
            "dan" | "swe" => Language {
                possessives: Possessives::None,
                abbreviations: NORDIC_ABBREVIATIONS,
                ..joined
            },
            "nob" => Language {
                possessives: Possessives::None,
                ordinal_dots: true,
                abbreviations: NORDIC_ABBREVIATIONS,
                ..joined
            },
            "nld" => Language {
                slashes_split: false,
                possessives: Possessives::None,
                ..joined
            },
            "hun" => Language {
                slashes_split: false,
                ordinal_dots: true,
                possessives: Possessives::None,
                ..joined
            },
            "srp" => Language {
                hyphens_split: false,
                ordinal_dots: true,
                possessives: Possessives::None,
                ..base
            },
            "slv" => Language {
                ordinal_dots: true,
                number_hyphens_split: true,
                possessives: Possessives::None,
                abbreviations: ETC,
                ..base
            },
            "tur" => Language {
                ordinal_dots: true,
                letter_abbreviations: false,
                ..base
            },
            "lit" => Language {
                ranges_split: false,
                letter_abbreviations: false,
                ..base
            },
            "pol" => Language {
                number_hyphens_split: true,
                possessives: Possessives::None,
                letter_abbreviations: false,
                ..base
            },
            "cmn" | "jpn" | "tha" | "khm" | "mya" | "lao" => Language {
                segmented: true,
                ..base
            },
            "kat" | "yid" => Language {
                sentences: Sentences::Fallback,
                ..base
            },
            "ori" => indic(0x0b00, true),
            "tam" => indic(0x0b80, false),
            "tel" => indic(0x0c00, false),
            "mal" => indic(0x0d00, false),
            "sin" => indic(0x0d80, false),
            _ => base,
        };
        Language {
            kept_whole: kept_whole(lang),
            ..language
        }
    }

    /// Whether spaCy keeps `piece` whole in this language (an abbreviation with its full stop).
    fn keeps_whole(&self, piece: &str) -> bool {
        piece.contains('.') && self.kept_whole.binary_search(&piece).is_ok()
    }
}

/// Emoticons spaCy keeps whole.
const EMOTICONS: [&str; 24] = [
    ":)", "):", ":(", "(:", ":-)", ":-(", ";)", ";-)", ":D", ":P", ":p", ":/", ":|", "<3", "=)",
    "=(", ":'(", ":o", ":O", "^_^", "-_-", ":]", ":3", "xD",
];

/// Whether `piece` is an emoticon (all are three bytes or fewer).
fn is_emoticon(piece: &str) -> bool {
    piece.len() <= 3 && EMOTICONS.contains(&piece)
}

/// The length of the emoticon ending `piece` (and not all of it), if any.
fn ending_emoticon(piece: &str) -> Option<usize> {
    let bytes = piece.as_bytes();
    // Every emoticon's second-to-last byte is one of these.
    if bytes.len() < 3
        || !matches!(
            bytes[bytes.len() - 2],
            b':' | b';' | b'=' | b'-' | b'\'' | b'_' | b')' | b'(' | b'<' | b'x'
        )
    {
        return None;
    }
    EMOTICONS
        .iter()
        .find(|e| piece.len() > e.len() && piece.ends_with(*e))
        .map(|e| e.len())
}

/// Elided words that go off with their apostrophe, lower-cased.
const ELISIONS: [&str; 11] = ["l", "d", "j", "m", "n", "s", "t", "c", "qu", "un", "all"];

/// Splits `text` into words and marks in `lang`'s way, appended to `out` as slices of `text`.
pub fn split_words<'a>(text: &'a str, lang: Language, out: &mut Vec<&'a str>) {
    if lang.segmented {
        return segment_words(text, out);
    }
    for piece in text.split(is_space).filter(|p| !p.is_empty()) {
        // Plain words (most of a text): nothing to cut.
        if !lang.catalan_contractions && piece.chars().all(char::is_alphanumeric) {
            out.push(piece);
        } else {
            split_piece(piece, lang, out);
        }
    }
}

/// The words and marks of `text` as ICU's word segmenter cuts them with its dictionaries
/// (Chinese and Japanese, Thai, Lao, Khmer, Burmese; twenty times faster than its LSTM models
/// on Thai), whitespace left out: what datatrove's jieba, SudachiPy and pythainlp tokenizers
/// give, by other means.
fn segment_words<'a>(text: &'a str, out: &mut Vec<&'a str>) {
    static SEGMENTER: LazyLock<icu_segmenter::WordSegmenterBorrowed<'static>> =
        LazyLock::new(|| icu_segmenter::WordSegmenter::new_dictionary(Default::default()));
    let mut start = 0;
    for end in SEGMENTER.segment_str(text).skip(1) {
        let segment = &text[start..end];
        start = end;
        // Whitespace segments go; a segment is never whitespace and more.
        let segment = segment.trim_matches(is_space);
        if !segment.is_empty() {
            out.push(segment);
        }
    }
}

/// The words of `text` (see [`split_words`]).
pub fn words(text: &str, lang: Language) -> Vec<&str> {
    let mut out = Vec::new();
    split_words(text, lang, &mut out);
    out
}

/// The length of an elided word and its apostrophe opening `piece` (`l'`, `qu’`), if any.
fn elision(piece: &str) -> Option<usize> {
    let (at, apostrophe) = piece.char_indices().find(|&(_, c)| c == '\'' || c == '’')?;
    let word = &piece[..at];
    let end = at + apostrophe.len_utf8();
    (end < piece.len() && ELISIONS.iter().any(|e| word.eq_ignore_ascii_case(e))).then_some(end)
}

/// Where spaCy's Catalan exceptions cut a contraction (`del` → `d` `el`, `pels` → `pe` `ls`).
fn catalan_contraction(piece: &str) -> Option<usize> {
    const CONTRACTIONS: [(&str, usize); 6] = [
        ("al", 1),
        ("als", 1),
        ("del", 1),
        ("dels", 1),
        ("pel", 2),
        ("pels", 2),
    ];
    CONTRACTIONS
        .iter()
        .find(|(word, _)| piece.eq_ignore_ascii_case(word))
        .map(|&(_, cut)| cut)
}

/// A reduplicated word, `tiba-tiba` (Indonesian's plural and emphasis).
fn is_reduplication(piece: &str) -> bool {
    piece
        .split_once('-')
        .is_some_and(|(a, b)| !a.is_empty() && a.to_lowercase() == b.to_lowercase())
}

fn split_piece<'a>(piece: &'a str, lang: Language, out: &mut Vec<&'a str>) {
    let mut rest = piece;
    let mut suffixes: Vec<&'a str> = Vec::new();
    let mut whole = false;
    while !rest.is_empty() && !is_link(rest) && !is_emoticon(rest) {
        // spaCy looks its exceptions up before each cut.
        if lang.keeps_whole(rest) {
            whole = true;
            break;
        }
        // A leading ellipsis, or one leading mark.
        let dots = rest.bytes().take_while(|&b| b == b'.').count();
        if dots >= 2 && dots < rest.len() {
            out.push(&rest[..dots]);
            rest = &rest[dots..];
            continue;
        }
        if let Some(c) = rest.chars().next()
            && is_prefix(c)
            && c.len_utf8() < rest.len()
        {
            out.push(&rest[..c.len_utf8()]);
            rest = &rest[c.len_utf8()..];
            continue;
        }
        // A trailing ellipsis, mark, clitic or full stop.
        let dots = rest.bytes().rev().take_while(|&b| b == b'.').count();
        let cut = if dots >= 2 && dots < rest.len() {
            dots
        } else if let Some(emoticon) = ending_emoticon(rest) {
            emoticon
        } else if let Some(c) = rest.chars().next_back()
            && is_suffix(c)
            && c.len_utf8() < rest.len()
        {
            c.len_utf8()
        } else if let Some(n) = possessive(rest, lang.possessives) {
            n
        } else if lang.english_clitics
            && let Some(n) = clitic(rest)
        {
            n
        } else if splits_full_stop(rest, lang)
            && !(lang.ordinal_dots
                && rest[..rest.len() - 1]
                    .bytes()
                    .all(|b| b.is_ascii_digit() || matches!(b, b',' | b'.' | b':')))
        {
            1
        } else {
            0
        };
        if cut == 0 {
            break;
        }
        suffixes.push(&rest[rest.len() - cut..]);
        rest = &rest[..rest.len() - cut];
    }
    if !rest.is_empty() {
        if whole
            || is_link(rest)
            || is_emoticon(rest)
            || rest.ends_with('.') && keeps_full_stop(rest, lang)
        {
            out.push(rest);
        } else {
            if lang.elisions_split
                && let Some(end) = elision(rest)
            {
                out.push(&rest[..end]);
                rest = &rest[end..];
            }
            if lang.catalan_contractions
                && let Some(cut) = catalan_contraction(rest)
            {
                out.extend([&rest[..cut], &rest[cut..]]);
            } else if lang.indonesian_hyphens && is_reduplication(rest) {
                out.push(rest);
            } else if lang.indonesian_hyphens
                && let Some(at) = rest.len().checked_sub(4).filter(|&at| {
                    at > 0 && rest.is_char_boundary(at) && rest[at..].eq_ignore_ascii_case("-nya")
                })
            {
                split_infixes(&rest[..at], lang, out);
                out.push(&rest[at..]);
            } else {
                split_infixes(rest, lang, out);
            }
        }
    }
    out.extend(suffixes.into_iter().rev());
}

/// Cuts at a hyphen, dash, slash or colon between letters, a comma between letters, a full
/// stop between a lower-case and a capital letter, an ellipsis, and an operator between digits.
fn split_infixes<'a>(piece: &'a str, lang: Language, out: &mut Vec<&'a str>) {
    // Most pieces are plain words: nothing in them cuts.
    if piece.bytes().all(|b| b.is_ascii_alphanumeric()) {
        out.push(piece);
        return;
    }
    let letter = is_spacy_letter;
    let alnum = |c: Option<char>| is_spacy_letter(c) || c.is_some_and(|c| c.is_ascii_digit());
    let digit = |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit());
    let (mut start, mut at, mut before) = (0, 0, None);
    while let Some(c) = piece[at..].chars().next() {
        let next = at + c.len_utf8();
        let after = piece[next..].chars().next();
        // An ellipsis inside (a run of full stops is taken whole either way).
        let dots = if c == '.' {
            piece[at..].bytes().take_while(|&b| b == b'.').count()
        } else {
            0
        };
        let sentence_joint = dots == 1 && is_spacy_lower(before) && is_spacy_upper(after);
        if dots == 1 && !sentence_joint || dots >= 2 && at == 0 {
            at += dots;
            before = Some('.');
            continue;
        }
        let width = if dots >= 2 {
            dots
        } else if c == '…' && at > 0 && next < piece.len()
            || lang.hyphens_split
                && matches!(c, '-' | '–' | '—' | '~')
                && (letter(before) || lang.number_hyphens_split && digit(before))
                && (letter(after) || lang.indonesian_hyphens && digit(after))
            || (c != '/' || lang.slashes_split)
                && matches!(c, '/' | ':' | '<' | '>' | '=')
                && alnum(before)
                && letter(after)
            || c == ',' && letter(before) && letter(after)
            || sentence_joint
            || (c != '-' || lang.ranges_split)
                && matches!(c, '+' | '-' | '*' | '^')
                && digit(before)
                && (digit(after) || after == Some('-'))
        {
            c.len_utf8()
        } else {
            0
        };
        if width > 0 {
            if at > start {
                out.push(&piece[start..at]);
            }
            out.push(&piece[at..at + width]);
            start = at + width;
        }
        at += width.max(c.len_utf8());
        before = Some(c);
    }
    if start < piece.len() {
        out.push(&piece[start..]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages_written_without_spaces_are_cut_into_words_by_a_segmenter() {
        let zh = words("市议会周二批准了翻修计划。", Language::of("cmn"));
        assert!(
            zh.contains(&"周二") && zh.contains(&"批准") && zh.contains(&"。"),
            "{zh:?}"
        );
        let ja = words(
            "東京都は火曜日、図書館の改修計画を承認した。",
            Language::of("jpn"),
        );
        assert!(ja.contains(&"図書館") && ja.contains(&"、"), "{ja:?}");
        let th = words("สภาเมืองอนุมัติแผน ปรับปรุงห้องสมุด", Language::of("tha"));
        assert!(th.len() >= 4 && th.contains(&"แผน"), "{th:?}");
        // Whitespace is never a word; every other character is in one.
        for (text, lang) in [("市议会 周二\n批准", "cmn"), ("สภา  เมือง", "tha")]
        {
            let cut = words(text, Language::of(lang));
            assert!(
                cut.iter()
                    .all(|w| !w.is_empty() && !w.contains(char::is_whitespace))
            );
            let expected: String = text.chars().filter(|c| !c.is_whitespace()).collect();
            assert_eq!(cut.concat(), expected);
        }
    }

    #[test]
    fn marks_clitics_and_full_stops_are_tokens_of_their_own_as_in_spacy() {
        // Expected tokens: spaCy 3's `spacy.blank("en")`.
        for (text, expected) in [
            (
                "Hello, world! It's a well-known fact (really) that U.S. prices rose 3.5% in 2021...",
                vec![
                    "Hello", ",", "world", "!", "It", "'s", "a", "well", "-", "known", "fact", "(",
                    "really", ")", "that", "U.S.", "prices", "rose", "3.5", "%", "in", "2021",
                    "...",
                ],
            ),
            (
                "Don't stop — e.g. at 10:30am; see http://example.com/a-b?x=1 or mail@ex.com #tag",
                vec![
                    "Do",
                    "n't",
                    "stop",
                    "—",
                    "e.g.",
                    "at",
                    "10:30am",
                    ";",
                    "see",
                    "http://example.com/a-b?x=1",
                    "or",
                    "mail@ex.com",
                    "#",
                    "tag",
                ],
            ),
            (
                "A.B. Smith's cat; Dr. Who? Yes!! ok?! ##hash ... end…",
                vec![
                    "A.B.", "Smith", "'s", "cat", ";", "Dr.", "Who", "?", "Yes", "!", "!", "ok",
                    "?", "!", "#", "#", "hash", "...", "end", "…",
                ],
            ),
            (
                "Line one\n\nLine  two\t\tend.",
                vec!["Line", "one", "Line", "two", "end", "."],
            ),
        ] {
            assert_eq!(words(text, Language::of("eng")), expected, "{text}");
        }
    }

    #[test]
    fn quotes_of_other_languages_and_slashes_between_words_split() {
        assert_eq!(
            words("«Bonjour», 1,000 euros/mois.", Language::of("fra")),
            ["«", "Bonjour", "»", ",", "1,000", "euros", "/", "mois", "."]
        );
        assert_eq!(
            words(
                "„Guten Tag“, sagte er. Das ist z.B. 3,5% mehr – oder?",
                Language::of("deu")
            ),
            [
                "„", "Guten", "Tag", "“", ",", "sagte", "er", ".", "Das", "ist", "z.B.", "3,5",
                "%", "mehr", "–", "oder", "?"
            ]
        );
    }
}
