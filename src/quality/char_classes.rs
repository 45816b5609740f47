//! spaCy's character classes, as its tokenizers use them to cut words: the marks split off
//! either end of a piece, quotes, symbols, and the letters of the scripts its classes list.

/// Punctuation split off either end of a piece (spaCy's `LIST_PUNCT`, `%` and dashes), quotes
/// and symbols.
fn is_mark(c: char) -> bool {
    matches!(
        c,
        '…' | ','
            | ':'
            | ';'
            | '!'
            | '?'
            | '؟'
            | '('
            | ')'
            | '['
            | ']'
            | '{'
            | '}'
            | '<'
            | '>'
            | '_'
            | '#'
            | '*'
            | '&'
            | '。'
            | '？'
            | '！'
            | '，'
            | '、'
            | '；'
            | '：'
            | '～'
            | '·'
            | '।'
            | '،'
            | '؛'
            | '٪'
            | '%'
            | '—'
            | '–'
    ) || is_quote(c)
        || is_icon(c)
}

/// Marks split off the start of a piece: the marks, section and currency signs, `=`, `¿`, `¡`.
pub(super) fn is_prefix(c: char) -> bool {
    is_mark(c)
        || matches!(
            c,
            '§' | '=' | '¿' | '¡' | '$' | '£' | '€' | '¥' | '₽' | '₴' | '₹'
        )
}

/// Quotes and brackets of every script, split off both ends.
fn is_quote(c: char) -> bool {
    matches!(
        c,
        '\'' | '"'
            | '”'
            | '“'
            | '`'
            | '‘'
            | '´'
            | '’'
            | '‚'
            | '„'
            | '»'
            | '«'
            | '「'
            | '」'
            | '『'
            | '』'
            | '（'
            | '）'
            | '〔'
            | '〕'
            | '【'
            | '】'
            | '《'
            | '》'
            | '〈'
            | '〉'
            | '‹'
            | '›'
    )
}

/// Symbols (emoji, arrows, bullets): split off both ends.
pub(super) fn is_icon(c: char) -> bool {
    matches!(c,
        '\u{2190}'..='\u{21ff}'     // arrows
        | '\u{2500}'..='\u{27bf}'   // box drawing, shapes, dingbats
        | '\u{2b00}'..='\u{2bff}'   // more arrows and shapes
        | '\u{1f000}'..='\u{1faff}' // emoji
        | '•' | '©' | '®' | '™' | '°')
}

/// Marks split off the end of a piece (the full stop has its own rule): the marks, and `+`.
pub(super) fn is_suffix(c: char) -> bool {
    is_mark(c) || c == '+'
}

/// A letter as spaCy's character classes see it: only the scripts they list are letters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Letter {
    Upper,
    Lower,
    /// A script without case (Hebrew, Arabic, Indic, Hangul, kana, CJK): both upper and lower.
    Uncased,
}

/// spaCy's `ALPHA` (`ALPHA_UPPER`, `ALPHA_LOWER`) class of `c`, if any: Latin, Russian,
/// Ukrainian, Macedonian, Tatar and Greek letters by case, and some caseless scripts; not
/// Armenian or Georgian, nor the Serbian `ђ ћ џ`.
pub(super) fn spacy_letter(c: char) -> Option<Letter> {
    let cased = |c: char| {
        if c.is_uppercase() {
            Some(Letter::Upper)
        } else if c.is_lowercase() {
            Some(Letter::Lower)
        } else {
            None
        }
    };
    match c {
        'A'..='Z' | 'a'..='z' | '\u{ff21}'..='\u{ff3a}' | '\u{ff41}'..='\u{ff5a}' => cased(c),
        '\u{c0}'..='\u{ff}' if c != '×' && c != '÷' => cased(c),
        '\u{100}'..='\u{24f}'
        | '\u{250}'..='\u{2af}'
        | '\u{1d00}'..='\u{1d25}'
        | '\u{1d6b}'..='\u{1d77}'
        | '\u{1d79}'..='\u{1d9a}'
        | '\u{1e00}'..='\u{1eff}'
        | '\u{2c60}'..='\u{2c7f}'
        | '\u{a720}'..='\u{a7ff}'
        | '\u{ab30}'..='\u{ab6f}' => cased(c).or(Some(Letter::Lower)),
        'а'..='я' | 'А'..='Я' | 'ё' | 'Ё' => cased(c),
        'і' | 'ї' | 'є' | 'ґ' | 'І' | 'Ї' | 'Є' | 'Ґ' => cased(c),
        'ѓ' | 'ѕ' | 'ј' | 'љ' | 'њ' | 'ќ' | 'ѐ' | 'ѝ' | 'Ѓ' | 'Ѕ' | 'Ј' | 'Љ' | 'Њ' | 'Ќ' | 'Ѐ'
        | 'Ѝ' => cased(c),
        'ә' | 'ө' | 'ү' | 'җ' | 'ң' | 'һ' | 'Ә' | 'Ө' | 'Ү' | 'Җ' | 'Ң' | 'Һ' => cased(c),
        'α'..='ω' | 'Α'..='Ω' | 'ά' | 'έ' | 'ί' | 'ό' | 'ώ' | 'ή' | 'ύ' | 'Ά' | 'Έ' | 'Ί' | 'Ό' | 'Ώ'
        | 'Ή' | 'Ύ' => cased(c),
        '\u{1200}'..='\u{137f}'   // Ethiopic
        | '\u{980}'..='\u{9ff}'   // Bengali
        | '\u{591}'..='\u{5f4}'   // Hebrew
        | '\u{fb1d}'..='\u{fb4f}'
        | '\u{620}'..='\u{64a}'   // Arabic, Persian
        | '\u{66e}'..='\u{6d5}'
        | '\u{6e5}'..='\u{6ff}'
        | '\u{750}'..='\u{77f}'
        | '\u{8a0}'..='\u{8bd}'
        | '\u{fb50}'..='\u{fbb1}'
        | '\u{fbd3}'..='\u{fd3d}'
        | '\u{fd50}'..='\u{fdc7}'
        | '\u{fdf0}'..='\u{fdfb}'
        | '\u{fe70}'..='\u{fefc}'
        | '\u{1ee00}'..='\u{1eebb}'
        | '\u{d80}'..='\u{dff}'   // Sinhala
        | '\u{900}'..='\u{97f}'   // Devanagari
        | '\u{c80}'..='\u{cff}'   // Kannada
        | '\u{b80}'..='\u{bff}'   // Tamil
        | '\u{c00}'..='\u{c7f}'   // Telugu
        | '\u{ac00}'..='\u{d7af}' // Hangul
        | '\u{1100}'..='\u{11ff}'
        | '\u{3040}'..='\u{30ff}' // kana
        | '\u{4e00}'..='\u{9fff}' // CJK
        | '\u{3400}'..='\u{4dbf}'
        | '\u{20000}'..='\u{2ebef}'
        | '\u{2e80}'..='\u{2fdf}'
        | '\u{2ff0}'..='\u{303f}'
        | '\u{31c0}'..='\u{31ef}'
        | '\u{3200}'..='\u{33ff}'
        | '\u{f900}'..='\u{faff}'
        | '\u{fe30}'..='\u{fe4f}'
        | '\u{1f200}'..='\u{1f2ff}'
        | '\u{2f800}'..='\u{2fa1f}' => Some(Letter::Uncased),
        _ => None,
    }
}

/// In spaCy's `ALPHA`.
pub(super) fn is_spacy_letter(c: Option<char>) -> bool {
    c.and_then(spacy_letter).is_some()
}

/// In spaCy's `ALPHA_LOWER` (lower-case and caseless letters).
pub(super) fn is_spacy_lower(c: Option<char>) -> bool {
    matches!(
        c.and_then(spacy_letter),
        Some(Letter::Lower | Letter::Uncased)
    )
}

/// In spaCy's `ALPHA_UPPER` (capitals and caseless letters).
pub(super) fn is_spacy_upper(c: Option<char>) -> bool {
    matches!(
        c.and_then(spacy_letter),
        Some(Letter::Upper | Letter::Uncased)
    )
}

/// Whitespace as Python's `str.isspace` (which `spaCy` splits on): Unicode's, and the
/// information separators U+001C–U+001F.
pub(crate) fn is_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}
