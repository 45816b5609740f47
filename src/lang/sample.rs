//! The part of a document that language detection looks at: words with letters, without URLs,
//! e-mail addresses, numbers or markup, up to a bounded size, so the cost per document does not
//! grow with its length.

use crate::chars::is_letter;

/// Words of a text kept for detection, and counts of the letters by script family.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sample {
    /// The kept words, separated by single spaces.
    pub text: String,
    /// Letters in `text`.
    pub letters: usize,
    /// Letters of the Latin script in `text`.
    pub latin_letters: usize,
}

impl Sample {
    /// Builds the sample from the words of `text`, stopping once `max_bytes` is reached: those
    /// of its prose first (lines of at least eight words, or four ending a sentence), so that a web
    /// page is judged by its article rather than by the menus, logins and brand names at its
    /// top; the first words of the whole text when it has little prose.
    pub fn of(text: &str, max_bytes: usize) -> Sample {
        if text.contains('\n') {
            let mut prose = String::new();
            for line in text.lines().filter(|line| is_prose_line(line)) {
                if prose.len() >= max_bytes {
                    break;
                }
                prose.push_str(line);
                prose.push('\n');
            }
            let sample = Sample::collect(&prose, max_bytes, |_| true);
            if sample.text.len() >= max_bytes.min(text.len()) / 4 {
                return sample;
            }
        }
        Sample::collect(text, max_bytes, |_| true)
    }

    /// The same sample without the words written only in Latin letters: for texts in another
    /// script with Latin-script names, URLs or boilerplate mixed in.
    pub fn without_latin_words(&self) -> Sample {
        Sample::collect(&self.text, usize::MAX, |word| {
            word.chars().any(|c| is_letter(c) && !is_latin(c))
        })
    }

    /// Share of the letters that are not Latin.
    pub fn non_latin_share(&self) -> f64 {
        if self.letters == 0 {
            0.0
        } else {
            (self.letters - self.latin_letters) as f64 / self.letters as f64
        }
    }

    fn collect(text: &str, max_bytes: usize, keep: impl Fn(&str) -> bool) -> Sample {
        let mut sample = Sample::default();
        for word in text.split_whitespace() {
            if sample.text.len() >= max_bytes {
                break;
            }
            if !is_prose(word) || !keep(word) {
                continue;
            }
            if !sample.text.is_empty() {
                sample.text.push(' ');
            }
            sample.text.push_str(word);
            for c in word.chars().filter(|&c| is_letter(c)) {
                sample.letters += 1;
                if is_latin(c) {
                    sample.latin_letters += 1;
                }
            }
        }
        sample
    }
}

/// A line of running text: at least eight words, or ending a sentence with at least four.
fn is_prose_line(line: &str) -> bool {
    let words = line.split_whitespace().count();
    let sentence_end = line.trim_end().chars().next_back().is_some_and(|c| {
        matches!(
            c,
            '.' | '!' | '?' | '…' | '。' | '！' | '？' | '؟' | '»' | '"' | '”'
        )
    });
    words >= 8 || (words >= 4 && sentence_end)
}

/// A word worth showing the detector: it has a letter and is not a URL, e-mail address,
/// handle, hashtag or markup.
fn is_prose(word: &str) -> bool {
    if !word.chars().any(is_letter) {
        return false; // numbers, dates, punctuation
    }
    // URLs, addresses and markup all hold one of these: most words hold none.
    if !word.bytes().any(|b| {
        matches!(
            b,
            b':' | b'.' | b'@' | b'=' | b'{' | b'<' | b'>' | b'&' | b'#'
        )
    }) {
        return true;
    }
    let prefix_is = |p: &str| {
        word.get(..p.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(p))
    };
    let url = word.contains("://")
        || prefix_is("www.")
        || word.contains(".com/")
        || word.ends_with(".html");
    let email = word
        .split_once('@')
        .is_some_and(|(user, host)| !user.is_empty() && host.contains('.'));
    let markup = (word.starts_with('<') || word.ends_with('>'))
        || (word.starts_with('&') && word.ends_with(';'))
        || word.contains("=\"")
        || word.contains("{{")
        || word.starts_with('@')
        || word.starts_with('#');
    !(url || email || markup)
}

/// Letters of the Latin script (Basic Latin, Latin-1, Latin Extended A/B/Additional).
fn is_latin(c: char) -> bool {
    c.is_ascii_alphabetic()
        || matches!(c, '\u{c0}'..='\u{24f}' | '\u{1e00}'..='\u{1eff}')
            && c != '\u{d7}'
            && c != '\u{f7}'
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_is_sampled_from_its_prose_before_its_menus() {
        let page = "Home\nShop\nKorsetts & Dessous\nLogin | Warenkorb\nSale\nNewsletter\n\
                    Das Korsett formt die Taille und wird seit Jahrhunderten getragen, heute auch im Alltag.\n\
                    Impressum";
        let sample = Sample::of(page, 2048);
        assert!(
            sample.text.starts_with("Das Korsett formt"),
            "{}",
            sample.text
        );
        assert!(!sample.text.contains("Warenkorb"));
        // Little prose: read from the start, as before.
        let menu = "Home\nShop\nSale\nKontakt";
        assert_eq!(Sample::of(menu, 2048).text, "Home Shop Sale Kontakt");
    }

    #[test]
    fn urls_emails_numbers_and_markup_are_left_out() {
        let text = "Voir https://exemple.fr/a www.exemple.fr contact@exemple.fr 13:35 2018-06 <br> &nbsp; \
                    @agence #grève la   rencontre entre les présidents";
        assert_eq!(
            Sample::of(text, 4096).text,
            "Voir la rencontre entre les présidents"
        );
    }

    #[test]
    fn the_sample_is_bounded() {
        let long = "Москва ".repeat(10_000);
        let sample = Sample::of(&long, 100);
        assert!(
            sample.text.len() >= 100 && sample.text.len() < 120,
            "{}",
            sample.text.len()
        );
    }

    #[test]
    fn scripts_are_counted_and_latin_words_can_be_dropped() {
        let sample = Sample::of("Read More Politics بلاول زرداری کی ملاقات", 4096);
        assert_eq!(sample.latin_letters, "ReadMorePolitics".len());
        assert!(sample.non_latin_share() > 0.5);
        assert_eq!(sample.without_latin_words().text, "بلاول زرداری کی ملاقات");
        assert_eq!(Sample::of("Ça va très bien", 4096).non_latin_share(), 0.0);
    }
}
