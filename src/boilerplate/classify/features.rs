//! What the classifier knows of each line: its own features (length, stop words, punctuation,
//! links, cues, rules, repetition) and its place in the page (before, inside or after the body
//! of long paragraphs, its neighbours).

use std::sync::LazyLock;

use memchr::memmem::Finder;
use rustc_hash::FxHashMap;

use super::cues::find_cue_in_line;
use super::stopwords::StopWords;
use crate::boilerplate::Kind;

/// Number of features of the first stage.
pub(crate) const LINE_FEATURES: usize = 23;

/// The names of the first-stage features, in vector order (explanations and the trainer use them).
pub const LINE_FEATURE_NAMES: [&str; LINE_FEATURES] = [
    "log_chars",
    "log_words",
    "stopwords",
    "terminal",
    "link",
    "digits",
    "separators",
    "title_case",
    "commas",
    "cue",
    "rule",
    "repeated",
    "page_repeat",
    "long_paragraph",
    "before_body",
    "after_body",
    "no_body",
    "log_distance",
    "prev_log_chars",
    "next_log_chars",
    "prev_long",
    "next_long",
    "position",
];

/// Number of features of the second (context) stage.
pub(crate) const CONTEXT_FEATURES: usize = 7;

/// A line is a long paragraph, the mark of an article body, from this many characters (a
/// character of an unspaced script counts 3)...
const LONG_CHARS: usize = 150;
/// ... with at least this share of stop words (when the language has a list).
const LONG_STOP_SHARE: f32 = 0.3;
/// A sentence-like line (ending a sentence, with enough words and stop words) next to the body
/// is kept whatever its score: the last paragraph of an article is often short.
const SENTENCE_MIN_WORDS: usize = 8;
const SENTENCE_MIN_STOP_SHARE: f32 = 0.2;
/// Cue words count only on lines of at most this many words.
const CUE_MAX_WORDS: usize = 12;

pub(crate) use crate::boilerplate::words::is_unspaced;

/// Characters that end a sentence (or a quoted one) in the mission languages.
fn is_terminal(c: char) -> bool {
    matches!(
        c,
        '.' | '!'
            | '?'
            | '…'
            | '。'
            | '！'
            | '？'
            | '؟'
            | '»'
            | '"'
            | '”'
            | '’'
            | ')'
            | '）'
            | '」'
            | '』'
            | '।'
            | '؛'
    )
}

/// Characters that separate menu items and breadcrumbs.
fn is_separator(c: char) -> bool {
    matches!(c, '|' | '•' | '·' | '›' | '>' | '»' | '/' | '→' | '▸' | '►')
}

/// The features of a line on its own.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct LineFacts {
    /// Characters, those of unspaced scripts counted 3 times.
    pub chars: usize,
    pub words: usize,
    pub stop_share: f32,
    pub terminal: bool,
    pub link: bool,
    pub digit_share: f32,
    pub separators: usize,
    pub title_share: f32,
    pub comma_rate: f32,
    /// The cue found, on a short line.
    pub cue: Option<Kind>,
    /// A rule matched the line.
    pub rule: bool,
    /// The line is repeated across the corpus.
    pub repeated: bool,
    /// A long paragraph (see [`LONG_CHARS`]).
    pub long: bool,
}

impl LineFacts {
    /// Reads as a sentence of running text: ends like one, has enough words and (when the
    /// language has a list) stop words, and no cue, rule or repetition says otherwise.
    pub fn sentence_like(&self, has_stop_words: bool) -> bool {
        self.terminal
            && self.words >= SENTENCE_MIN_WORDS
            && (!has_stop_words || self.stop_share >= SENTENCE_MIN_STOP_SHARE)
            && self.cue.is_none()
            && !self.rule
            && !self.repeated
            && !self.link
    }
}

/// The lines kept whatever their score: long paragraphs and the runs of sentence-like lines
/// that touch one (the body of the article, read outwards from its long paragraphs; lines that
/// rules or repetition remove do not break a run).
pub(crate) fn body_lines(facts: &[LineFacts], has_stop_words: bool) -> Vec<bool> {
    let mut body = vec![false; facts.len()];
    let order: Vec<usize> = (0..facts.len())
        .filter(|&i| !facts[i].rule && !facts[i].repeated)
        .collect();
    for &i in &order {
        body[i] = facts[i].long && facts[i].cue.is_none();
    }
    for pair in order.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        if body[a] && !body[b] && facts[b].sentence_like(has_stop_words) {
            body[b] = true;
        }
    }
    for pair in order.windows(2).rev() {
        let (a, b) = (pair[0], pair[1]);
        if body[b] && !body[a] && facts[a].sentence_like(has_stop_words) {
            body[a] = true;
        }
    }
    body
}

impl LineFacts {
    /// Measures `line` (trimmed, non-empty) of a document whose language has `stop` as stop
    /// words, in one pass over its characters: a run of ASCII letters and digits is taken at
    /// once (a table says what each byte is), a word is lowercased (into a reused buffer) only
    /// when it has a capital, and the whole line only when it is short enough to hold a cue.
    pub fn measure(line: &str, stop: Option<&StopWords>) -> LineFacts {
        let mut counts = Counts::default();
        let has_open_guillemet = line.contains('«');
        // The buffer of the thread's last line, reused (not one allocation a line).
        let mut lowered = LOWERED.take();
        // The word (run of letters and digits) being read.
        let mut token_start: Option<usize> = None;
        let (mut token_capital, mut token_unspaced) = (false, false);
        // Whitespace-separated pieces: from the second on, the case of the first letter.
        let (mut pieces, mut in_piece, mut piece_needs_letter) = (0usize, false, false);
        let bytes = line.as_bytes();
        let mut at = 0;
        while at < bytes.len() {
            let b = bytes[at];
            if b.is_ascii() {
                let class = ASCII_CLASSES[usize::from(b)];
                if class & ALNUM != 0 {
                    // A run of ASCII letters and digits, taken at once: one piece and one word
                    // go on (or start), the first letter of a piece is read for its case.
                    if !in_piece {
                        in_piece = true;
                        pieces += 1;
                        piece_needs_letter = pieces > 1;
                    }
                    if token_start.is_none() {
                        token_start = Some(at);
                        token_capital = false;
                        token_unspaced = false;
                    }
                    let run = at;
                    let mut upper = 0;
                    while let Some(&b) = bytes.get(at) {
                        let class = ASCII_CLASSES[usize::from(b)];
                        if class & ALNUM == 0 {
                            break;
                        }
                        if piece_needs_letter && class & ALPHA != 0 {
                            piece_needs_letter = false;
                            counts.alphabetic += 1;
                            counts.titled += usize::from(class & UPPER != 0);
                        }
                        counts.digits += usize::from(class & DIGIT != 0);
                        upper |= class;
                        at += 1;
                    }
                    counts.chars += at - run;
                    token_capital |= upper & UPPER != 0;
                    continue;
                }
                // Any other ASCII character ends a word.
                counts.chars += 1;
                counts.commas += usize::from(b == b',');
                counts.separators += usize::from(class & SEPARATOR != 0);
                if class & SPACE != 0 {
                    in_piece = false;
                } else if !in_piece {
                    in_piece = true;
                    pieces += 1;
                    piece_needs_letter = pieces > 1;
                }
                if let Some(start) = token_start.take() {
                    counts.word(
                        &line[start..at],
                        token_capital,
                        token_unspaced,
                        stop,
                        &mut lowered,
                    );
                }
                at += 1;
                continue;
            }
            // A character beyond ASCII: its classes from a table.
            let Some(c) = line[at..].chars().next() else {
                break;
            };
            counts.chars += 1;
            let classes = crate::chars::classes(c);
            let letter = classes & crate::chars::ALPHABETIC != 0;
            let numeric = classes & crate::chars::NUMERIC != 0;
            if numeric {
                counts.digits += 1;
            } else if c == '，' || c == '、' {
                counts.commas += 1;
            } else if is_separator(c) && !(c == '»' && has_open_guillemet) {
                counts.separators += 1;
            }
            let unspaced_char = is_unspaced(c);
            counts.unspaced += usize::from(unspaced_char);
            let uppercase = classes & crate::chars::UPPERCASE != 0;
            if classes & crate::chars::WHITESPACE != 0 {
                in_piece = false;
            } else if !in_piece {
                in_piece = true;
                pieces += 1;
                piece_needs_letter = pieces > 1;
            }
            if piece_needs_letter && letter {
                piece_needs_letter = false;
                if !unspaced_char {
                    counts.alphabetic += 1;
                    counts.titled += usize::from(uppercase);
                }
            }
            if letter || numeric {
                if token_start.is_none() {
                    token_start = Some(at);
                    token_capital = false;
                    token_unspaced = false;
                }
                token_capital |= uppercase;
                token_unspaced |= unspaced_char;
            } else if let Some(start) = token_start.take() {
                counts.word(
                    &line[start..at],
                    token_capital,
                    token_unspaced,
                    stop,
                    &mut lowered,
                );
            }
            at += c.len_utf8();
        }
        if let Some(start) = token_start {
            counts.word(
                &line[start..],
                token_capital,
                token_unspaced,
                stop,
                &mut lowered,
            );
        }
        LOWERED.set(lowered);
        counts.facts(line, stop)
    }
}

thread_local! {
    /// [`LineFacts::measure`]'s buffer for lowercased words, between lines.
    static LOWERED: std::cell::Cell<String> = const { std::cell::Cell::new(String::new()) };
}

/// What one pass over a line's characters counts.
#[derive(Debug, Default)]
struct Counts {
    chars: usize,
    digits: usize,
    commas: usize,
    /// Characters of unspaced scripts.
    unspaced: usize,
    separators: usize,
    words: usize,
    stop_words: usize,
    /// Pieces (from the second) whose first letter is a capital, of those with a letter.
    titled: usize,
    alphabetic: usize,
}

impl Counts {
    /// Counts the word `token` (a run of letters and digits) of a line whose language has
    /// `stop` as stop words: one word, or one per character in an unspaced script; lowercased
    /// into `lowered` for the look-up only when it has a `capital`.
    fn word(
        &mut self,
        token: &str,
        capital: bool,
        has_unspaced: bool,
        stop: Option<&StopWords>,
        lowered: &mut String,
    ) {
        if has_unspaced {
            let mut buf = [0u8; 4];
            for c in token.chars().flat_map(char::to_lowercase) {
                self.words += 1;
                if stop.is_some_and(|s| s.contains(c.encode_utf8(&mut buf) as &str)) {
                    self.stop_words += 1;
                }
            }
            return;
        }
        self.words += 1;
        let Some(stop) = stop else { return };
        let key = if capital {
            crate::chars::lowercase_into(lowered, token);
            lowered.as_str()
        } else {
            token
        };
        if stop.contains(key) {
            self.stop_words += 1;
        }
    }

    /// The facts of `line` from its counts.
    fn facts(&self, line: &str, stop: Option<&StopWords>) -> LineFacts {
        let mut facts = LineFacts {
            chars: self.chars + 2 * self.unspaced,
            words: self.words,
            stop_share: ratio(self.stop_words, self.words),
            terminal: line.chars().next_back().is_some_and(is_terminal),
            link: has_link(line),
            digit_share: ratio(self.digits, self.chars),
            separators: self.separators,
            title_share: ratio(self.titled, self.alphabetic),
            comma_rate: ratio(self.commas, self.words.max(1)),
            cue: if self.words <= CUE_MAX_WORDS {
                find_cue_in_line(line)
            } else {
                None
            },
            ..LineFacts::default()
        };
        facts.long = facts.chars >= LONG_CHARS
            && match stop {
                Some(_) => facts.stop_share >= LONG_STOP_SHARE,
                None => facts.terminal,
            };
        facts
    }
}

/// A URL (`http://`, `https://`, `www.`), an e-mail address, a handle or a `.com` name.
fn has_link(line: &str) -> bool {
    let bytes = line.as_bytes();
    let has = |needle: &[u8]| {
        bytes
            .windows(needle.len())
            .any(|w| w.eq_ignore_ascii_case(needle))
    };
    // Searchers built once: building one cost more than searching a line.
    static SCHEME: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new(b"://"));
    static DOT_COM: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new(b".com"));
    if SCHEME.find(bytes).is_some() && (has(b"http://") || has(b"https://")) {
        return true;
    }
    if memchr::memchr2(b'.', b'@', bytes).is_none() {
        return false;
    }
    let www = memchr::memchr_iter(b'.', bytes)
        .any(|p| p >= 3 && bytes[p - 3..p].eq_ignore_ascii_case(b"www"));
    // A `.com` is inside a whitespace-separated token; the rest needs an `@`.
    if www || DOT_COM.find(bytes).is_some() {
        return true;
    }
    memchr::memchr(b'@', bytes).is_some()
        && line
            .split_whitespace()
            .any(|t| t.len() > 1 && (t.starts_with('@') || (t.contains('@') && t.contains('.'))))
}

fn ratio(part: usize, whole: usize) -> f32 {
    if whole == 0 {
        0.0
    } else {
        part as f32 / whole as f32
    }
}

/// `ln(1 + n)`, the scale of the length features; the small values (most lines' characters
/// and words) from a table of the same numbers, made once.
fn log_len(n: usize) -> f32 {
    const TABLED: usize = 1024;
    static TABLE: std::sync::OnceLock<Vec<f32>> = std::sync::OnceLock::new();
    let ln_1p = |n: usize| (n as f32).ln_1p();
    match TABLE
        .get_or_init(|| (0..TABLED).map(ln_1p).collect())
        .get(n)
    {
        Some(&tabled) => tabled,
        None => ln_1p(n),
    }
}

/// The first-stage feature vectors of a page's lines (`lines` trimmed, non-empty, in order).
pub(crate) fn line_features(lines: &[&str], facts: &[LineFacts]) -> Vec<[f32; LINE_FEATURES]> {
    let n = facts.len();
    let mut seen: FxHashMap<&str, u32> = FxHashMap::default();
    seen.reserve(n);
    for line in lines {
        *seen.entry(line).or_default() += 1;
    }
    let first_long = facts.iter().position(|f| f.long);
    let last_long = facts.iter().rposition(|f| f.long);
    // Distance (in lines) to the nearest long paragraph.
    let mut distance = vec![n; n];
    let mut last = None;
    for (i, f) in facts.iter().enumerate() {
        if f.long {
            last = Some(i);
        }
        if let Some(l) = last {
            distance[i] = i - l;
        }
    }
    let mut next = None;
    for (i, f) in facts.iter().enumerate().rev() {
        if f.long {
            next = Some(i);
        }
        if let Some(l) = next {
            distance[i] = distance[i].min(l - i);
        }
    }
    let flag = |b: bool| if b { 1.0 } else { 0.0 };
    (0..n)
        .map(|i| {
            let f = &facts[i];
            let prev = i.checked_sub(1).map(|j| &facts[j]);
            let next = facts.get(i + 1);
            [
                log_len(f.chars),
                log_len(f.words),
                f.stop_share,
                flag(f.terminal),
                flag(f.link),
                f.digit_share,
                f.separators.min(5) as f32 / 5.0,
                f.title_share,
                f.comma_rate.min(1.0),
                flag(f.cue.is_some()),
                flag(f.rule),
                flag(f.repeated),
                flag(seen.get(lines[i]).is_some_and(|&c| c > 1)),
                flag(f.long),
                flag(first_long.is_some_and(|a| i < a)),
                flag(last_long.is_some_and(|b| i > b)),
                flag(first_long.is_none()),
                log_len(distance[i].min(50)),
                prev.map_or(0.0, |p| log_len(p.chars)),
                next.map_or(0.0, |p| log_len(p.chars)),
                flag(prev.is_some_and(|p| p.long)),
                flag(next.is_some_and(|p| p.long)),
                i as f32 / n as f32,
            ]
        })
        .collect()
}

/// The second-stage vectors, from the first-stage probabilities of content.
pub(crate) fn context_features(scores: &[f32]) -> Vec<[f32; CONTEXT_FEATURES]> {
    let n = scores.len();
    let at = |j: Option<usize>| j.and_then(|j| scores.get(j)).copied().unwrap_or(0.0);
    let mut before = vec![0.0f32; n];
    for i in 1..n {
        before[i] = before[i - 1].max(scores[i - 1]);
    }
    let mut after = vec![0.0f32; n];
    for i in (0..n.saturating_sub(1)).rev() {
        after[i] = after[i + 1].max(scores[i + 1]);
    }
    (0..n)
        .map(|i| {
            [
                scores[i],
                at(i.checked_sub(1)),
                at(Some(i + 1)),
                at(i.checked_sub(1)).max(at(i.checked_sub(2))),
                at(Some(i + 1)).max(at(Some(i + 2))),
                before[i],
                after[i],
            ]
        })
        .collect()
}

/// What [`ASCII_CLASSES`] says of a byte.
const ALNUM: u8 = 1;
const ALPHA: u8 = 2;
const UPPER: u8 = 4;
const DIGIT: u8 = 8;
const SPACE: u8 = 16;
const SEPARATOR: u8 = 32;

/// The classes of each ASCII character, as the character methods give them (a space is
/// Unicode whitespace: tab to carriage return and the space); none for the other bytes, which
/// end a run of ASCII letters and digits.
static ASCII_CLASSES: [u8; 256] = {
    let mut classes = [0u8; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        let mut class = 0;
        if c.is_ascii_alphanumeric() {
            class |= ALNUM;
        }
        if c.is_ascii_alphabetic() {
            class |= ALPHA;
        }
        if c.is_ascii_uppercase() {
            class |= UPPER;
        }
        if c.is_ascii_digit() {
            class |= DIGIT;
        }
        if matches!(c, b'\t'..=b'\r' | b' ') {
            class |= SPACE;
        }
        if matches!(c, b'|' | b'>' | b'/') {
            class |= SEPARATOR;
        }
        classes[b] = class;
        b += 1;
    }
    classes
};

#[cfg(test)]
mod tests {
    use super::*;

    impl LineFacts {
        /// [`LineFacts::measure`] as it was, reading every character alike (the words and
        /// the facts from the counts as the measure's own).
        pub(super) fn measure_reference(line: &str, stop: Option<&StopWords>) -> LineFacts {
            let mut counts = Counts::default();
            let has_open_guillemet = line.contains('«');
            let mut lowered = String::new();
            let mut token_start: Option<usize> = None;
            let (mut token_capital, mut token_unspaced) = (false, false);
            let (mut pieces, mut in_piece, mut piece_needs_letter) = (0usize, false, false);
            for (at, c) in line.char_indices() {
                counts.chars += 1;
                let ascii = c.is_ascii();
                // The classes of a character beyond ASCII, from a table.
                let mut classes = 0;
                let (word_char, letter) = if ascii {
                    if c.is_ascii_digit() {
                        counts.digits += 1;
                    } else if c == ',' {
                        counts.commas += 1;
                    } else if matches!(c, '|' | '>' | '/') {
                        counts.separators += 1;
                    }
                    (c.is_ascii_alphanumeric(), c.is_ascii_alphabetic())
                } else {
                    classes = crate::chars::classes(c);
                    let letter = classes & crate::chars::ALPHABETIC != 0;
                    let numeric = classes & crate::chars::NUMERIC != 0;
                    if numeric {
                        counts.digits += 1;
                    } else if c == '，' || c == '、' {
                        counts.commas += 1;
                    } else if is_separator(c) && !(c == '»' && has_open_guillemet) {
                        counts.separators += 1;
                    }
                    if is_unspaced(c) {
                        counts.unspaced += 1;
                    }
                    (letter || numeric, letter)
                };
                let uppercase = if ascii {
                    c.is_ascii_uppercase()
                } else {
                    classes & crate::chars::UPPERCASE != 0
                };
                let whitespace = if ascii {
                    c.is_whitespace()
                } else {
                    classes & crate::chars::WHITESPACE != 0
                };
                if whitespace {
                    in_piece = false;
                } else if !in_piece {
                    in_piece = true;
                    pieces += 1;
                    piece_needs_letter = pieces > 1;
                }
                if piece_needs_letter && letter {
                    piece_needs_letter = false;
                    if !is_unspaced(c) {
                        counts.alphabetic += 1;
                        counts.titled += usize::from(uppercase);
                    }
                }
                if word_char {
                    if token_start.is_none() {
                        token_start = Some(at);
                        token_capital = false;
                        token_unspaced = false;
                    }
                    token_capital |= uppercase;
                    token_unspaced |= !ascii && is_unspaced(c);
                } else if let Some(start) = token_start.take() {
                    counts.word(
                        &line[start..at],
                        token_capital,
                        token_unspaced,
                        stop,
                        &mut lowered,
                    );
                }
            }
            if let Some(start) = token_start {
                counts.word(
                    &line[start..],
                    token_capital,
                    token_unspaced,
                    stop,
                    &mut lowered,
                );
            }
            counts.facts(line, stop)
        }
    }
    use proptest::prelude::*;

    /// The link test as first written, token by token.
    fn has_link_by_tokens(line: &str) -> bool {
        let lower = line.to_ascii_lowercase();
        lower.contains("http://")
            || lower.contains("https://")
            || lower.contains("www.")
            || line.split_whitespace().any(|t| {
                t.len() > 1
                    && (t.starts_with('@')
                        || t.contains(".com")
                        || (t.contains('@') && t.contains('.')))
            })
    }

    #[test]
    fn links_addresses_and_handles_are_links() {
        for line in [
            "Plus d'infos sur https://www.lemonde.fr/planete",
            "Écrivez-nous : redaction@journal.fr",
            "Suivez @ElysееPalace",
            "Voir exemple.com pour les détails",
            "WWW.SPIEGEL.DE/politik",
        ] {
            assert!(has_link(line), "{line}");
        }
        for line in [
            "Le @ seul",
            "Il est 3 h. Fin.",
            "Les sites .org ou .net",
            "à @",
        ] {
            assert!(!has_link(line), "{line}");
        }
    }

    proptest! {
        /// The quick checks say what testing every token says.
        #[test]
        fn the_link_test_agrees_with_testing_every_token(
            line in "[ .@comwWhtps:/xé]{0,24}",
        ) {
            prop_assert_eq!(has_link(&line), has_link_by_tokens(&line), "{:?}", line);
        }

        /// Taking runs of ASCII letters and digits at once measures what reading every
        /// character did: words, stop words, capitals, digits, separators, all of it.
        #[test]
        fn measuring_by_runs_agrees_with_reading_every_character(
            line in "([a-zA-Z0-9 \t,.;:!?|>/()\"'«»•·›→，、。—–-]|Die|und|der|Öl|ÜBER|für|ß|ä|é|É|Ελλάδα|Москва|北京|東京で|ไทย|١٢|\u{a0}|\u{202f}|\u{2028}|\u{301}|İ|ǅ|Ⅻ|😀|www\\.x\\.com|@a){0,30}",
            lang in prop::sample::select(vec!["deu", "fra", "eng", "cmn", "tha", "und"]),
        ) {
            let stop = super::super::stop_words(lang);
            prop_assert_eq!(
                LineFacts::measure(&line, stop),
                LineFacts::measure_reference(&line, stop),
                "{:?}",
                line
            );
        }
    }

    #[test]
    fn tabled_lengths_are_the_logarithms() {
        for n in (0..3000).chain([usize::MAX]) {
            assert_eq!(log_len(n).to_bits(), (n as f32).ln_1p().to_bits(), "{n}");
        }
    }

    #[test]
    fn the_ascii_classes_are_the_character_methods() {
        assert!(ASCII_CLASSES[128..].iter().all(|&class| class == 0));
        for b in 0u8..128 {
            let c = char::from(b);
            let class = ASCII_CLASSES[usize::from(b)];
            assert_eq!(class & ALNUM != 0, c.is_alphanumeric(), "{c:?}");
            assert_eq!(class & ALPHA != 0, c.is_alphabetic(), "{c:?}");
            assert_eq!(class & UPPER != 0, c.is_uppercase(), "{c:?}");
            assert_eq!(class & DIGIT != 0, c.is_numeric(), "{c:?}");
            assert_eq!(class & SPACE != 0, c.is_whitespace(), "{c:?}");
            assert_eq!(class & SEPARATOR != 0, is_separator(c), "{c:?}");
        }
    }
}
