//! The aggressive key used only to compare documents (near-duplicate hashing), never output.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::{decompose_compatible, is_combining_mark};

/// Folds `text` to a comparison key: compatibility forms unfolded (NFKC), lowercase, every digit
/// `0`, punctuation and symbols removed (they separate words like spaces), every run of Unicode
/// whitespace one space (none at the ends, none inside digit groups), and, when `strip_accents`,
/// combining accents on Latin, Greek and Cyrillic letters removed. So `l’Élysée` and
/// `l'Elysee`, or `« Paris »` and `"Paris"`, fold equal. ASCII text takes a fast path.
///
/// ```
/// use tamis::normalize::fold;
/// assert_eq!(fold("l’Élysée", true), fold("l'Elysee", true));
/// assert_eq!(fold("« Paris »\u{a0}: 1\u{202f}234 €", true), "paris 0000");
/// ```
pub fn fold(text: &str, strip_accents: bool) -> String {
    if text.is_ascii() {
        return fold_ascii(text);
    }
    let mut folder = Folder {
        key: Key::with_capacity(text.len()),
        strip_accents,
        base_is_european: false,
        recompose: false,
    };
    // Character by character: ASCII directly, the rest through its compatibility
    // decomposition (a table lookup), then lowercase. Kept marks and Hangul jamo are recomposed
    // (and marks put in canonical order) at the end.
    // Texts use few distinct characters: remember what the last ones folded to.
    let mut cache = [(0u32, Simple::Other); 256];
    for c in text.chars() {
        if c.is_ascii() {
            folder.ascii(c);
            continue;
        }
        let slot = &mut cache[c as usize & 0xff];
        if slot.0 != c as u32 {
            *slot = (c as u32, Simple::of(c));
        }
        match slot.1 {
            Simple::Letter(l, european) => {
                folder.key.push(l);
                folder.base_is_european = european;
            }
            Simple::Digit => {
                folder.key.push('0');
                folder.base_is_european = false;
            }
            Simple::Separate => folder.key.separate(),
            Simple::Invisible => {}
            Simple::Other => decompose_compatible(c, |d| {
                for l in d.to_lowercase() {
                    folder.decomposed(l);
                }
            }),
        }
    }
    if folder.recompose {
        folder.key.out.nfc().collect()
    } else {
        folder.key.out
    }
}

/// What a non-ASCII character folds to when that does not depend on its neighbours.
#[derive(Debug, Clone, Copy)]
enum Simple {
    /// One lowercase letter, and whether it is Latin, Greek or Cyrillic.
    Letter(char, bool),
    Digit,
    /// Whitespace, punctuation or a symbol.
    Separate,
    Invisible,
    /// Anything else (decomposes, is or yields a mark or Hangul jamo): the general path.
    Other,
}

impl Simple {
    fn of(c: char) -> Simple {
        let mut single = None;
        let mut count = 0;
        decompose_compatible(c, |d| {
            count += 1;
            single = Some(d);
        });
        let Some(d) = single.filter(|_| count == 1) else {
            return Simple::Other;
        };
        let mut lower = d.to_lowercase();
        let (Some(l), None) = (lower.next(), lower.next()) else {
            return Simple::Other;
        };
        if l.is_ascii() || is_combining_mark(l) || matches!(l, '\u{1100}'..='\u{11ff}') {
            Simple::Other
        } else if is_invisible_in_key(l) {
            Simple::Invisible
        } else if l.is_whitespace() {
            Simple::Separate
        } else if l.is_numeric() {
            Simple::Digit
        } else if l.is_alphabetic() {
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
    /// Whether the key holds marks or Hangul jamo that NFC recomposes.
    recompose: bool,
}

impl Folder {
    fn ascii(&mut self, c: char) {
        match c {
            '0'..='9' => {
                self.key.push('0');
                self.base_is_european = false;
            }
            'a'..='z' | 'A'..='Z' => {
                self.key.push(c.to_ascii_lowercase());
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
            if !(self.strip_accents && self.base_is_european) {
                self.key.out.push(c);
                self.recompose = true;
            }
            return;
        }
        if is_invisible_in_key(c) {
            return;
        }
        if c.is_whitespace() {
            self.key.separate();
            return;
        }
        if c.is_numeric() {
            self.key.push('0');
        } else if c.is_alphabetic() {
            self.key.push(c);
            self.recompose |= matches!(c, '\u{1100}'..='\u{11ff}');
        } else {
            // Punctuation and symbols separate words like spaces do (so `A«Москва` and
            // `A "Москва` fold alike), but leave no trace of their own.
            self.key.separate();
            return;
        }
        self.base_is_european = is_european_letter(c);
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
fn fold_ascii(text: &str) -> String {
    let mut key = Key::with_capacity(text.len());
    for b in text.bytes() {
        match b {
            b'0'..=b'9' => key.push('0'),
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
}

impl Key {
    fn with_capacity(capacity: usize) -> Self {
        Key {
            out: String::with_capacity(capacity),
            pending_space: false,
        }
    }

    /// A space, punctuation or symbol: the next kept character starts a new word.
    fn separate(&mut self) {
        self.pending_space = !self.out.is_empty();
    }

    fn push(&mut self, kept: char) {
        if self.pending_space {
            if !(kept == '0' && self.out.ends_with('0')) {
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
        let mut key = Key::with_capacity(text.len());
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
            if c.is_numeric() {
                key.push('0');
            } else if c.is_alphabetic() {
                key.push(c);
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
            text in "[a-zA-Z0-9 ,.'’«»\u{a0}\u{ad}\u{200b}éÉçñøßİıÅ\u{212b}\u{301}\u{308}\u{327}ёЁжΆάσς한국어ᄒ가\u{1161}नमस्ते\u{93f}\u{94d}中文ｆｕｌｌ１２ﬁ²½]{0,40}",
            strip in any::<bool>(),
        ) {
            prop_assert_eq!(fold(&text, strip), fold_reference(&text, strip));
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
