//! Sentence counts as datatrove's `split_into_sentences` makes them for C4's
//! `min_num_sentences`: spaCy's `sentencizer` for most languages, datatrove's regular
//! expression for those spaCy lacks, Indic NLP's splitter for Tamil, Telugu, Malayalam, Odia
//! and Sinhala. A text with no sentence counts as one (datatrove's split returns it whole).

use std::sync::LazyLock;

use super::punctuation::is_terminal_punctuation;
use super::text::strip;
use super::words::{Language, Sentences, split_words};

/// The number of sentences of `line` (one line of text, no line break) in `lang`.
pub(super) fn count_sentences(line: &str, lang: Language) -> usize {
    match lang.sentences {
        Sentences::Spacy => sentencizer(line, lang),
        Sentences::Fallback => fallback(line),
        Sentences::Indic { base, danda } => indic(line, base, danda),
    }
    .max(1)
}

/// spaCy's `sentencizer`: a sentence ends at the first token after a sentence-final mark that
/// is neither such a mark nor punctuation.
fn sentencizer(line: &str, lang: Language) -> usize {
    let mut tokens = Vec::new();
    split_words(line, lang, &mut tokens);
    let mut sentences = 1;
    let mut seen_period = false;
    let mut end = 0;
    for token in &tokens {
        let start = token.as_ptr() as usize - line.as_ptr() as usize;
        // Whitespace other than one space between tokens is a token of its own for spaCy:
        // neither punctuation nor a final mark.
        let gap = &line[end..start];
        if seen_period && !gap.is_empty() && gap != " " {
            sentences += 1;
            seen_period = false;
        }
        end = start + token.len();
        let final_mark = is_sentence_final(token);
        if seen_period && !final_mark && !is_punct(token) {
            sentences += 1;
            seen_period = false;
        } else if final_mark {
            seen_period = true;
        }
    }
    sentences
}

/// The matches of datatrove's `(?:(?:\p{Lu}\.)|.)+?[TERMINAL_PUNCTUATION\n]+["'”]?` in `line`,
/// walked by hand: from each start, units (a capital and its full stop, else one character)
/// until a final mark follows; when none follows, the last capital's full stop ends it.
fn fallback(line: &str) -> usize {
    let chars: Vec<char> = line.chars().collect();
    let (mut sentences, mut at) = (0, 0);
    while at < chars.len() {
        let mut unit = at;
        let mut last_capital_stop = None;
        let end = loop {
            if unit >= chars.len() {
                break last_capital_stop;
            }
            if chars[unit].is_uppercase() && chars.get(unit + 1) == Some(&'.') {
                last_capital_stop = Some(unit + 1);
                unit += 2;
            } else {
                unit += 1;
            }
            if chars.get(unit).is_some_and(|&c| is_terminal_punctuation(c)) {
                break Some(unit);
            }
        };
        let Some(mut end) = end else { break };
        while chars.get(end).is_some_and(|&c| is_terminal_punctuation(c)) {
            end += 1;
        }
        if chars
            .get(end)
            .is_some_and(|c| matches!(c, '"' | '\'' | '”'))
        {
            end += 1;
        }
        sentences += 1;
        at = end;
    }
    sentences
}

/// Indic NLP's `sentence_split`: cut after each delimiter not preceded by a digit, then join
/// back a piece of one word ending in a full stop, and one ending in an initial or a common
/// abbreviation, to the piece after it.
fn indic(line: &str, base: u32, danda: bool) -> usize {
    let text = strip(line);
    let has_danda = text.contains(['\u{964}', '\u{965}']);
    let full_stop_delimits = !(danda && has_danda);
    let delimiter = |c: char| match c {
        '?' | '!' | '\u{964}' | '\u{965}' => true,
        '.' | '\u{aaf0}' | '\u{aaf1}' | '\u{abeb}'..='\u{abef}' | '\u{1c7e}' | '\u{1c7f}' => {
            full_stop_delimits
        }
        _ => false,
    };
    let mut pieces: Vec<&str> = Vec::new();
    let (mut begin, mut previous) = (0, None::<char>);
    for (at, c) in text.char_indices() {
        if delimiter(c) && !previous.is_some_and(char::is_numeric) {
            let piece = strip(&text[begin..at + c.len_utf8()]);
            if !piece.is_empty() {
                pieces.push(piece);
            }
            begin = at + c.len_utf8();
        }
        previous = Some(c);
    }
    let rest = strip(&text[begin..]);
    if !rest.is_empty() {
        pieces.push(rest);
    }
    if !full_stop_delimits {
        return pieces.len();
    }
    // The joining pass, counting what Indic NLP's buffer would hand out.
    let (mut sentences, mut buffered, mut bad_state) = (0, false, false);
    for piece in pieces {
        let words: Vec<&str> = piece.split(' ').collect();
        let last = words[words.len() - 1];
        if words.len() == 1 && piece.ends_with('.') {
            bad_state = true;
            buffered = true;
        } else if piece.ends_with('.') && is_acronym(&last[..last.len() - 1], base) {
            if buffered && !bad_state {
                sentences += 1;
            }
            bad_state = true;
            buffered = true;
        } else if bad_state {
            sentences += 1;
            buffered = false;
            bad_state = false;
        } else {
            if buffered {
                sentences += 1;
            }
            buffered = true;
            bad_state = false;
        }
    }
    sentences + usize::from(buffered)
}

/// Indic NLP's `is_acronym_abbvr`: `word`, carried over to Devanagari letter for letter,
/// is a letter, the name of a Latin letter or a common abbreviation.
fn is_acronym(word: &str, base: u32) -> bool {
    let devanagari: String = word
        .chars()
        .map(|c| {
            let offset = (c as u32).wrapping_sub(base);
            if offset <= 0x6f && c != '\u{964}' && c != '\u{965}' {
                char::from_u32(0x900 + offset).unwrap_or(c)
            } else {
                c
            }
        })
        .collect();
    INDIC_ACRONYMS.contains(&devanagari.as_str())
}

/// Indic NLP's non-breaking phrases, in Devanagari.
const INDIC_ACRONYMS: [&str; 125] = [
    "ऄ",
    "अ",
    "आ",
    "आइ",
    "आई",
    "आर",
    "आर्",
    "इ",
    "ई",
    "उ",
    "ऊ",
    "ऋ",
    "ऌ",
    "ऍ",
    "ऎ",
    "ऎक्स",
    "ऎक्स्",
    "ऎच",
    "ऎच्",
    "ऎन",
    "ऎन्",
    "ऎफ",
    "ऎफ्",
    "ऎम",
    "ऎम्",
    "ऎल",
    "ऎल्",
    "ऎस",
    "ऎस्",
    "ए",
    "एक्स",
    "एक्स्",
    "एच",
    "एच्",
    "एन",
    "एन्",
    "एफ",
    "एफ्",
    "एम",
    "एम्",
    "एल",
    "एल्",
    "एस",
    "एस्",
    "ऐ",
    "ऑ",
    "ऒ",
    "ओ",
    "औ",
    "क",
    "कु",
    "कॆ",
    "के",
    "क्यु",
    "क्यू",
    "ख",
    "ग",
    "घ",
    "ङ",
    "च",
    "चि",
    "छ",
    "ज",
    "जि",
    "जी",
    "जॆ",
    "जे",
    "जेड",
    "जेड्",
    "झ",
    "ञ",
    "ट",
    "टि",
    "टी",
    "ठ",
    "ड",
    "डब्ल्यु",
    "डब्ल्यू",
    "डि",
    "डी",
    "डॉ",
    "ढ",
    "ण",
    "त",
    "थ",
    "द",
    "ध",
    "न",
    "ऩ",
    "प",
    "पि",
    "पी",
    "फ",
    "ब",
    "बि",
    "बी",
    "भ",
    "म",
    "य",
    "यु",
    "यू",
    "र",
    "ऱ",
    "ल",
    "ळ",
    "ऴ",
    "व",
    "वाय",
    "वाय्",
    "वि",
    "वी",
    "व्हि",
    "व्ही",
    "श",
    "श्री",
    "ष",
    "स",
    "सि",
    "सी",
    "सौ",
    "ह",
    "ज़ेड",
    "ज़ेड्",
    "ॠ",
    "ॡ",
];

/// A token that is one of spaCy's sentencizer's `default_punct_chars`.
fn is_sentence_final(token: &str) -> bool {
    let mut chars = token.chars();
    let (Some(c), None) = (chars.next(), chars.next()) else {
        return false;
    };
    matches!(c, '!' | '.' | '?' | '\u{589}' | '\u{61f}' | '\u{6d4}' | '\u{700}'..='\u{702}' | '\u{7f9}' | '\u{964}'..='\u{965}' | '\u{104a}'..='\u{104b}' | '\u{1362}' | '\u{1367}'..='\u{1368}' | '\u{166e}' | '\u{1735}'..='\u{1736}' | '\u{1803}' | '\u{1809}' | '\u{1944}'..='\u{1945}' | '\u{1aa8}'..='\u{1aab}' | '\u{1b5a}'..='\u{1b5b}' | '\u{1b5e}'..='\u{1b5f}' | '\u{1c3b}'..='\u{1c3c}' | '\u{1c7e}'..='\u{1c7f}' | '\u{203c}'..='\u{203d}' | '\u{2047}'..='\u{2049}' | '\u{2e2e}' | '\u{2e3c}' | '\u{3002}' | '\u{a4ff}' | '\u{a60e}'..='\u{a60f}' | '\u{a6f3}' | '\u{a6f7}' | '\u{a876}'..='\u{a877}' | '\u{a8ce}'..='\u{a8cf}' | '\u{a92f}' | '\u{a9c8}'..='\u{a9c9}' | '\u{aa5d}'..='\u{aa5f}' | '\u{aaf0}'..='\u{aaf1}' | '\u{abeb}' | '\u{fe52}' | '\u{fe56}'..='\u{fe57}' | '\u{ff01}' | '\u{ff0e}' | '\u{ff1f}' | '\u{ff61}' | '\u{10a56}'..='\u{10a57}' | '\u{11047}'..='\u{11048}' | '\u{110be}'..='\u{110c1}' | '\u{11141}'..='\u{11143}' | '\u{111c5}'..='\u{111c6}' | '\u{111cd}' | '\u{111de}'..='\u{111df}' | '\u{11238}'..='\u{11239}' | '\u{1123b}'..='\u{1123c}' | '\u{112a9}' | '\u{1144b}'..='\u{1144c}' | '\u{115c2}'..='\u{115c3}' | '\u{115c9}'..='\u{115d7}' | '\u{11641}'..='\u{11642}' | '\u{1173c}'..='\u{1173e}' | '\u{11a42}'..='\u{11a43}' | '\u{11a9b}'..='\u{11a9c}' | '\u{11c41}'..='\u{11c42}' | '\u{16a6e}'..='\u{16a6f}' | '\u{16af5}' | '\u{16b37}'..='\u{16b38}' | '\u{16b44}' | '\u{1bc9f}' | '\u{1da88}')
}

/// spaCy's `is_punct`: every character in Unicode's punctuation categories (`P*`).
fn is_punct(token: &str) -> bool {
    static PUNCTUATION: LazyLock<regex::Regex> =
        LazyLock::new(|| regex::Regex::new(r"^\p{P}+$").expect("a valid pattern"));
    if token.is_ascii() {
        token.bytes().all(|b| {
            matches!(
                b,
                b'!' | b'"'
                    | b'#'
                    | b'%'
                    | b'&'
                    | b'\''
                    | b'('
                    | b')'
                    | b'*'
                    | b','
                    | b'-'
                    | b'.'
                    | b'/'
                    | b':'
                    | b';'
                    | b'?'
                    | b'@'
                    | b'['
                    | b'\\'
                    | b']'
                    | b'_'
                    | b'{'
                    | b'}'
            )
        })
    } else {
        PUNCTUATION.is_match(token)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(line: &str) -> usize {
        count_sentences(line, Language::of("eng"))
    }

    #[test]
    fn sentences_are_counted_as_spacy_s_sentencizer_counts_them() {
        assert_eq!(sentences("One sentence here."), 1);
        assert_eq!(sentences("One. Two! Three? Four"), 4);
        // An ellipsis is one token, punctuation but not a final mark: no cut.
        assert_eq!(sentences("Wait... and see."), 1);
        // Marks after the final one stay in its sentence.
        assert_eq!(sentences("He said \"stop.\" Then he left."), 2);
        assert_eq!(sentences("Vraiment ?! Oui."), 2);
        // A full stop kept inside an abbreviation or a number cuts nothing.
        assert_eq!(sentences("It costs 3.5 euros in the U.S. today."), 1);
        // Whitespace beyond one space is a token: it opens the next sentence itself.
        assert_eq!(sentences("Done.\t!"), 2);
        assert_eq!(sentences(""), 1);
    }

    #[test]
    fn georgian_sentences_are_cut_by_datatrove_s_fallback_expression() {
        let kat = Language::of("kat");
        let count = |text| count_sentences(text, kat);
        assert_eq!(
            count("ის უხასიათი ადამიანია. სიმღერის იდეა დაიბადა! სხვა სიმღერას"),
            2
        );
        // Georgian letters are not capitals: their full stops cut (`ქ.` for `ქალაქი`, city).
        assert_eq!(count("ქ. თბილისი, ა.შ. და ასე შემდეგ."), 4);
        // A capital's full stop cuts nothing, unless no other mark follows.
        assert_eq!(count("გ. T. Smith and J.R. Tolkien wrote."), 2);
        assert_eq!(count("Written by J.R."), 1);
        assert_eq!(count("no mark at all"), 1);
        assert_eq!(count("„ციტატა.” და ბოლო."), 2);
    }

    #[test]
    fn tamil_sentences_are_cut_as_indic_nlp_cuts_them() {
        let tam = Language::of("tam");
        let count = |text| count_sentences(text, tam);
        assert_eq!(count("இது ஒரு வாக்கியம். இது இன்னொன்று! மூன்றாவது?"), 3);
        // An initial (one letter and a full stop) joins the next piece; a number's full stop
        // does not cut.
        assert_eq!(count("மு. க. ஸ்டாலின் இன்று பேசினார். அவர் 2.5 கோடி அறிவித்தார்."), 2);
        assert_eq!(count("திரு. ராமன் வந்தார்."), 1);
    }

    #[test]
    fn punctuation_is_unicode_s_p_categories() {
        assert!(is_punct("«»") && is_punct("…") && is_punct("¿"));
        assert!(!is_punct("$") && !is_punct("+") && !is_punct("€") && !is_punct("a."));
    }
}
