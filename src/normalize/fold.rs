//! The aggressive key used only to compare documents (near-duplicate hashing), never output.

use unicode_normalization::char::{
    canonical_combining_class, compose, decompose_compatible, is_combining_mark,
};
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

/// Folds `text` to a comparison key: compatibility forms unfolded (NFKC), lowercase, every digit
/// `0`, punctuation and symbols removed (they separate words like spaces), every run of Unicode
/// whitespace one space (none at the ends, none inside digit groups), and, when `strip_accents`,
/// combining accents on Latin, Greek and Cyrillic letters removed and the dotless `ı` read as
/// `i` (so Turkish `ISTANBUL`, `İstanbul` and `ıstanbul` agree). So `l’Élysée` and `l'Elysee`, or
/// `« Paris »` and `"Paris"`, fold equal. ASCII text takes a fast path.
///
/// ```
/// use tamis::normalize::fold;
/// assert_eq!(fold("l’Élysée", true), fold("l'Elysee", true));
/// assert_eq!(fold("« Paris »\u{a0}: 1\u{202f}234 €", true), "paris 0000");
/// ```
pub fn fold(text: &str, strip_accents: bool) -> String {
    fold_with(text, strip_accents, Numbers::Fold)
}

/// What [`fold_with`] does with digits.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Numbers {
    /// Every digit reads as `0`: texts that differ only in their numbers fold equal (two
    /// bulletins of one template, a page and its copy with an updated date).
    #[default]
    Fold,
    /// Digits stay as they are (after NFKC: full-width `１` is `1`).
    Keep,
}

impl Numbers {
    /// The name used on the command line and in files.
    pub fn as_str(self) -> &'static str {
        match self {
            Numbers::Fold => "fold",
            Numbers::Keep => "keep",
        }
    }
}

/// [`fold`], with digits folded to `0` or kept as `numbers` says.
///
/// ```
/// use tamis::normalize::{Numbers, fold_with};
/// assert_eq!(fold_with("Loto du 3 juin : 7 et 31", true, Numbers::Fold), "loto du 0 juin 0 et 00");
/// assert_eq!(fold_with("Loto du 3 juin : 7 et 31", true, Numbers::Keep), "loto du 3 juin 7 et 31");
/// // Digit groups join, whichever the setting: "1 234" and "1,234" are one number.
/// assert_eq!(fold_with("１ ２３４ €", true, Numbers::Keep), "1234");
/// ```
pub fn fold_with(text: &str, strip_accents: bool, numbers: Numbers) -> String {
    let keep_digits = numbers == Numbers::Keep;
    if text.is_ascii() {
        return fold_ascii(text, keep_digits);
    }
    let mut folder = Folder {
        key: Key::with_capacity(text.len(), keep_digits),
        strip_accents,
        base_is_european: false,
        recompose: false,
        last_starter: '\0',
        last_class: 0,
    };
    // Character by character: ASCII directly, the rest through its compatibility
    // decomposition (a table lookup), then lowercase. Kept marks and Hangul jamo are recomposed
    // (and marks put in canonical order) at the end. Texts use few distinct characters: each
    // thread remembers what the last ones folded to.
    let mut cache = CACHE.take();
    if cache.len() != CACHE_SLOTS {
        cache = vec![(0, Simple::Other); CACHE_SLOTS];
    }
    let flag = if strip_accents { 1 << 31 } else { 0 };
    for c in text.chars() {
        if c.is_ascii() {
            folder.ascii(c);
            continue;
        }
        if matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{ac00}'..='\u{d7a3}') {
            // CJK ideographs and Hangul syllables, too many for the cache: letters as they are
            // (no decomposition that NFC keeps, no case).
            folder.starter(c, 0);
            folder.base_is_european = false;
            continue;
        }
        let slot = &mut cache[c as usize % CACHE_SLOTS];
        let tag = c as u32 | flag;
        if slot.0 != tag {
            *slot = (tag, Simple::of(c, strip_accents));
        }
        folder.simple(c, slot.1);
    }
    CACHE.set(cache);
    if folder.recompose && is_nfc_quick(folder.key.out.chars()) != IsNormalized::Yes {
        folder.key.out.nfc().collect()
    } else {
        folder.key.out
    }
}

thread_local! {
    /// What the last characters folded to, by code point (tag 0 is never a non-ASCII one; bit
    /// 31 of the tag is the accent flag). Taken out while [`fold`] runs, put back after.
    static CACHE: std::cell::RefCell<Vec<(u32, Simple)>> = const { std::cell::RefCell::new(Vec::new()) };
}

impl Folder {
    /// One non-ASCII character of the text, folded as [`Simple::of`] says.
    #[inline(always)]
    fn simple(&mut self, c: char, simple: Simple) {
        let folder = self;
        match simple {
            Simple::Letter(l, european) => {
                folder.starter(l, 0);
                folder.base_is_european = european;
            }
            Simple::Composed(l, european) => {
                folder.starter(l, u8::MAX);
                folder.base_is_european = european;
            }
            Simple::Digit(d) => {
                let d = folder.key.digit(d);
                folder.starter(d, 0);
                folder.base_is_european = false;
            }
            Simple::Separate => folder.key.separate(),
            Simple::Invisible => {}
            Simple::Mark(mark) => folder.mark(mark),
            Simple::Jamo(jamo) => folder.jamo(jamo),
            Simple::Other => decompose_compatible(c, |d| {
                for l in d.to_lowercase() {
                    folder.decomposed(l);
                }
            }),
        }
    }
}

/// Distinct characters [`fold`] remembers (direct-mapped by code point).
const CACHE_SLOTS: usize = 1024;

/// What a non-ASCII character folds to when that does not depend on its neighbours.
#[derive(Debug, Clone, Copy)]
enum Simple {
    /// One lowercase letter, and whether it is Latin, Greek or Cyrillic.
    Letter(char, bool),
    /// A letter that holds combining marks (`أ`, `é` when accents stay), already in NFC.
    Composed(char, bool),
    /// A digit (lowercase and compatibility forms unfolded): `0` unless digits are kept.
    Digit(char),
    /// Whitespace, punctuation or a symbol.
    Separate,
    Invisible,
    /// A combining mark on its own: goes with the accents of European letters, else stays.
    Mark(char),
    /// A conjoining Hangul jamo (text in NFD): composed with the ones before it.
    Jamo(char),
    /// Anything else (decomposes, is or yields a mark or Hangul jamo): the general path.
    Other,
}

impl Simple {
    fn of(c: char, strip_accents: bool) -> Simple {
        if matches!(c, '\u{ac00}'..='\u{d7a3}') {
            // A Hangul syllable: NFKD splits it into jamo that NFC puts back together.
            return Simple::Letter(c, false);
        }
        let mut parts = 0;
        let mut base = None;
        let mut only_marks_after = true;
        decompose_compatible(c, |d| {
            parts += 1;
            if parts == 1 {
                base = Some(d);
            } else if !is_combining_mark(d) {
                only_marks_after = false;
            }
        });
        let Some(base) = base else {
            return Simple::Other;
        };
        let mut lower = base.to_lowercase();
        let (Some(l), None) = (lower.next(), lower.next()) else {
            return Simple::Other;
        };
        if parts > 1 {
            // A letter with marks: its base when they go (accents on a European letter), the
            // letter itself when the marks stay and it is its own fold, else the general path.
            let european = is_european_letter(l);
            if !only_marks_after {
                return Simple::Other;
            }
            let is_mark = is_combining_mark(l);
            if strip_accents && european && !is_mark {
                return Simple::Letter(l, true);
            }
            let mut own = String::new();
            decompose_compatible(c, |d| own.extend(d.to_lowercase()));
            let mut own = own.nfc();
            return match (own.next(), own.next()) {
                // A two-part vowel sign (Tamil ொ, Bengali ো): one mark.
                (Some(folded), None) if is_mark && is_combining_mark(folded) => {
                    Simple::Mark(folded)
                }
                (Some(folded), None) if !is_mark && crate::chars::is_letter(folded) => {
                    Simple::Composed(folded, european)
                }
                _ => Simple::Other,
            };
        }
        if is_combining_mark(l) {
            Simple::Mark(l)
        } else if matches!(l, '\u{1100}'..='\u{11ff}') {
            Simple::Jamo(l)
        } else if l.is_ascii() {
            match l {
                '0'..='9' => Simple::Digit(l),
                'a'..='z' => Simple::Letter(l, true),
                _ => Simple::Separate,
            }
        } else if is_invisible_in_key(l) {
            Simple::Invisible
        } else if l.is_whitespace() {
            Simple::Separate
        } else if crate::chars::is_number(l) {
            Simple::Digit(l)
        } else if strip_accents && l == 'ı' {
            Simple::Letter('i', true)
        } else if crate::chars::is_letter(l) {
            Simple::Letter(l, is_european_letter(l))
        } else {
            Simple::Separate
        }
    }
}

/// The state of [`fold`] over non-ASCII text.
struct Folder {
    key: Key,
    strip_accents: bool,
    /// Whether the last kept letter is Latin, Greek or Cyrillic (its accents may go).
    base_is_european: bool,
    /// Whether the key may hold marks or Hangul jamo that NFC recomposes or reorders.
    recompose: bool,
    /// The last character pushed that is not a combining mark (or is one of class 0).
    last_starter: char,
    /// Combining class of the last mark pushed (0 after a starter; 255 after a letter that
    /// holds marks of its own, so that any mark after it is checked by NFC).
    last_class: u8,
}

impl Folder {
    #[inline(always)]
    fn ascii(&mut self, c: char) {
        match c {
            '0'..='9' => {
                let d = self.key.digit(c);
                self.starter(d, 0);
                self.base_is_european = false;
            }
            'a'..='z' | 'A'..='Z' => {
                self.starter(c.to_ascii_lowercase(), 0);
                self.base_is_european = true;
            }
            _ => self.key.separate(),
        }
    }

    /// One lowercased character of the compatibility decomposition.
    fn decomposed(&mut self, c: char) {
        if c.is_ascii() {
            self.ascii(c);
            return;
        }
        if is_combining_mark(c) {
            self.mark(c);
            return;
        }
        if is_invisible_in_key(c) {
            return;
        }
        if c.is_whitespace() {
            self.key.separate();
            return;
        }
        if crate::chars::is_number(c) {
            let d = self.key.digit(c);
            self.starter(d, 0);
        } else if matches!(c, '\u{1100}'..='\u{11ff}') {
            self.jamo(c);
        } else if crate::chars::is_letter(c) {
            self.starter(
                if self.strip_accents && c == 'ı' {
                    'i'
                } else {
                    c
                },
                0,
            );
        } else {
            // Punctuation and symbols separate words like spaces do (so `A«Москва` and
            // `A "Москва` fold alike), but leave no trace of their own.
            self.key.separate();
            return;
        }
        self.base_is_european = is_european_letter(c);
    }

    /// Pushes a letter or digit; `class` is what marks after it are compared with.
    #[inline(always)]
    fn starter(&mut self, c: char, class: u8) {
        self.key.push(c);
        self.last_starter = c;
        self.last_class = class;
    }

    /// Pushes a conjoining jamo, composed with the jamo or syllable right before it (L + V, LV +
    /// T) as NFC does.
    fn jamo(&mut self, jamo: char) {
        self.base_is_european = false;
        if !self.key.pending_space
            && self.last_class == 0
            && self.key.out.ends_with(self.last_starter)
            && let Some(composed) = compose(self.last_starter, jamo)
        {
            self.key.out.pop();
            self.key.out.push(composed);
            self.last_starter = composed;
            return;
        }
        self.starter(jamo, 0);
    }

    /// Pushes a combining mark, unless it is an accent that goes; notes when NFC would change
    /// the key (the mark composes with the last starter, or is out of canonical order).
    #[inline(always)]
    fn mark(&mut self, mark: char) {
        if self.strip_accents && self.base_is_european {
            return;
        }
        let class = canonical_combining_class(mark);
        match compose(self.last_starter, mark) {
            // Right after its starter: compose in place, as NFC would (text that is not NFC,
            // such as Bengali with the two halves of a vowel sign, stays cheap).
            Some(composed) if self.last_class == 0 && self.key.out.ends_with(self.last_starter) => {
                self.key.out.pop();
                self.key.out.push(composed);
                self.last_starter = composed;
                self.last_class = class;
                return;
            }
            Some(_) => self.recompose = true,
            None if class != 0 && class < self.last_class => self.recompose = true,
            None => {}
        }
        if class == 0 {
            self.last_starter = mark;
        }
        self.last_class = class;
        self.key.out.push(mark);
    }
}

/// Invisible format characters that may sit inside a word (soft hyphen, zero-width space and
/// joiners, word joiner, byte-order mark, Mongolian vowel separator, grapheme joiner): they leave
/// no trace in the key and do not split the word.
fn is_invisible_in_key(c: char) -> bool {
    matches!(c,
        '\u{ad}' | '\u{34f}' | '\u{180e}' | '\u{200b}'..='\u{200d}' | '\u{2060}'..='\u{2064}'
        | '\u{feff}')
}

/// [`fold`] for ASCII text, byte by byte.
fn fold_ascii(text: &str, keep_digits: bool) -> String {
    let mut key = Key::with_capacity(text.len(), keep_digits);
    for b in text.bytes() {
        match b {
            b'0'..=b'9' => {
                let d = key.digit(char::from(b));
                key.push(d);
            }
            b'a'..=b'z' | b'A'..=b'Z' => key.push(char::from(b.to_ascii_lowercase())),
            _ => key.separate(),
        }
    }
    key.out
}

/// A fold key being built: words separated by one space, none at the ends, none inside digit
/// groups (`1 234` folds like `1,234`).
struct Key {
    out: String,
    pending_space: bool,
    keep_digits: bool,
}

impl Key {
    fn with_capacity(capacity: usize, keep_digits: bool) -> Self {
        Key {
            out: String::with_capacity(capacity),
            pending_space: false,
            keep_digits,
        }
    }

    /// What a digit of the text becomes in the key.
    #[inline(always)]
    fn digit(&self, digit: char) -> char {
        if self.keep_digits { digit } else { '0' }
    }

    /// A space, punctuation or symbol: the next kept character starts a new word.
    #[inline(always)]
    fn separate(&mut self) {
        self.pending_space = !self.out.is_empty();
    }

    #[inline(always)]
    fn push(&mut self, kept: char) {
        if self.pending_space {
            let digit_group = crate::chars::is_number(kept)
                && self
                    .out
                    .chars()
                    .next_back()
                    .is_some_and(crate::chars::is_number);
            if !digit_group {
                self.out.push(' ');
            }
            self.pending_space = false;
        }
        self.out.push(kept);
    }
}

fn is_european_letter(c: char) -> bool {
    c.is_ascii_alphabetic()
        || matches!(c, '\u{c0}'..='\u{24f}' | '\u{370}'..='\u{3ff}' | '\u{400}'..='\u{52f}' | '\u{1e00}'..='\u{1eff}')
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The straightforward definition [`fold`] must agree with: NFKD, lowercase, classify,
    /// NFC.
    fn fold_reference(text: &str, strip_accents: bool) -> String {
        let mut key = Key::with_capacity(text.len(), false);
        let mut base_is_european = false;
        for c in text.nfkd().flat_map(char::to_lowercase) {
            if is_combining_mark(c) {
                if !(strip_accents && base_is_european) {
                    key.out.push(c);
                }
                continue;
            }
            if is_invisible_in_key(c) {
                continue;
            }
            if c.is_whitespace() {
                key.separate();
                continue;
            }
            if crate::chars::is_number(c) {
                key.push('0');
            } else if crate::chars::is_letter(c) {
                key.push(if strip_accents && c == 'ı' { 'i' } else { c });
            } else {
                key.separate();
                continue;
            }
            base_is_european = is_european_letter(c);
        }
        key.out.nfc().collect()
    }

    proptest! {
        #[test]
        fn fold_agrees_with_its_definition(
            text in "[a-zA-Z0-9 ,.'’«»\u{a0}\u{ad}\u{200b}éÉçñøßİıÅ\u{212b}\u{301}\u{308}\u{327}ёЁжΆάσς한국어ᄒ가\u{1161}\u{1112}\u{1161}\u{11ab}\u{11a8} नमस्ते\u{93f}\u{94d}中文ｆｕｌｌ１２ﬁ²½أإآا\u{654}\u{655}\u{64e}\u{650}ொெ\u{bbe}ো\u{9c7}\u{9be}\u{5b8}\u{5bc}שׁ\u{1ea1}\u{31b}\u{323}]{0,40}",
            strip in any::<bool>(),
        ) {
            prop_assert_eq!(fold(&text, strip), fold_reference(&text, strip));
        }

        #[test]
        fn keeping_numbers_changes_only_the_digits(
            text in "[a-zA-Z0-9 ,.:'’«»\u{a0}éçñ١٢٣１２²½ﬁ中文]{0,40}",
            strip in any::<bool>(),
        ) {
            let kept: String = fold_with(&text, strip, Numbers::Keep)
                .chars()
                .map(|c| if crate::chars::is_number(c) { '0' } else { c })
                .collect();
            prop_assert_eq!(kept, fold(&text, strip));
        }
    }

    #[test]
    fn typographic_variants_fold_equal() {
        let pairs = [
            ("l’Élysée", "l'Elysee"),
            ("« Paris »", "\"Paris\""),
            ("Caf\u{65}\u{301} crème", "CAFÉ CRÈME"),
            ("1\u{202f}234\u{a0}567 €", "1,234,567"),
            ("Ｆｕｌｌ－ｗｉｄｔｈ　ｔｅｘｔ", "full-width text"),
            ("Москва, Ёлка!", "москва елка"),
            ("TƏHSIL ALMAĞA İSTANBUL", "təhsıl almağa ıstanbul"),
            (
                "\u{9b8}\u{9c7}\u{9be}\u{9a8}\u{9be}",
                "\u{9b8}\u{9cb}\u{9a8}\u{9be}",
            ),
            (
                "infor\u{ad}mation zero\u{200b}width\u{feff}",
                "information zerowidth",
            ),
        ];
        for (a, b) in pairs {
            assert_eq!(fold(a, true), fold(b, true), "{a} / {b}");
        }
    }

    #[test]
    fn the_ascii_fast_path_agrees_with_the_general_one() {
        // A trailing no-break space sends the same text down the general path.
        for text in [
            "Hello, World: 1,234 cats!",
            "  x--y  ",
            "R&D 2024 ... A1b2",
            "",
            "!!",
        ] {
            assert_eq!(
                fold(text, true),
                fold(&format!("{text}\u{a0}"), true),
                "{text:?}"
            );
        }
    }

    #[test]
    fn scripts_keep_their_marks_and_accents_can_stay() {
        assert_eq!(fold("नमस्ते दुनिया", true), "नमस्ते दुनिया");
        assert_eq!(fold("北京，你好！", true), "北京 你好");
        assert_eq!(fold("Élysée", false), "élysée");
        assert_eq!(fold("  \t ", true), "");
    }
}
