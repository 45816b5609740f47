//! The aggressive key used only to compare documents (near-duplicate hashing), never output.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

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
    let mut key = Key::with_capacity(text.len());
    let mut base_is_european = false;
    // Compatibility decomposition, then lowercase; kept marks are recomposed at the end.
    for c in text.nfkd().flat_map(char::to_lowercase) {
        if is_combining_mark(c) {
            if !(strip_accents && base_is_european) {
                key.out.push(c);
            }
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
            // Punctuation and symbols separate words like spaces do (so `A«Москва` and
            // `A "Москва` fold alike), but leave no trace of their own.
            key.separate();
            continue;
        }
        base_is_european = is_european_letter(c);
    }
    key.out.nfc().collect()
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

    #[test]
    fn typographic_variants_fold_equal() {
        let pairs = [
            ("l’Élysée", "l'Elysee"),
            ("« Paris »", "\"Paris\""),
            ("Caf\u{65}\u{301} crème", "CAFÉ CRÈME"),
            ("1\u{202f}234\u{a0}567 €", "1,234,567"),
            ("Ｆｕｌｌ－ｗｉｄｔｈ　ｔｅｘｔ", "full-width text"),
            ("Москва, Ёлка!", "москва елка"),
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
