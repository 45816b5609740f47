//! Leading metadata lines, such as the `date 2018-06` that opens some news dumps.
//!
//! A document whose text starts (after optional whitespace or a byte-order mark) with the word
//! `date`, a space and a date `YYYY`, `YYYY-MM` or `YYYY-MM-DD` followed by whitespace or the end
//! of the text has that header moved into `meta["date"]`. Anything else (`date limite : …`,
//! `date 2018-13`, `dates 2018`) is left alone.

use serde_json::Value;

use crate::document::Document;

/// The metadata key the date header is stored under.
pub const DATE_KEY: &str = "date";

/// What [`extract_header`] did to one document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeaderOutcome {
    /// The text has no header.
    None,
    /// The header was moved into `meta`.
    Extracted,
    /// The header was removed from the text, but `meta` already had a different `date`, which
    /// was kept.
    ConflictKeptExisting,
}

/// Finds a leading `date …` header: returns the date and the byte offset where the rest of the
/// text (after the header and the whitespace that follows it) begins.
pub fn parse_date_header(text: &str) -> Option<(&str, usize)> {
    let start = text.len() - text.trim_start_matches(is_leading_junk).len();
    let after_word = text[start..].strip_prefix("date")?;
    let after_gap = after_word.trim_start_matches([' ', '\t']);
    if after_gap.len() == after_word.len() {
        return None;
    }
    let date_len = date_prefix_len(after_gap)?;
    let (date, tail) = after_gap.split_at(date_len);
    match tail.chars().next() {
        None => {}
        Some(c) if c.is_whitespace() => {}
        Some(_) => return None,
    }
    let rest = tail.trim_start();
    Some((date, text.len() - rest.len()))
}

/// Moves a leading date header of `doc.text` into `doc.meta["date"]`.
pub fn extract_header(doc: &mut Document) -> HeaderOutcome {
    let Some((date, rest)) = parse_date_header(&doc.text) else {
        return HeaderOutcome::None;
    };
    let date = date.to_owned();
    doc.text.drain(..rest);
    match doc.meta.get(DATE_KEY) {
        Some(Value::String(existing)) if *existing == date => HeaderOutcome::Extracted,
        Some(_) => HeaderOutcome::ConflictKeptExisting,
        None => {
            doc.meta.insert(DATE_KEY.to_owned(), Value::String(date));
            HeaderOutcome::Extracted
        }
    }
}

fn is_leading_junk(c: char) -> bool {
    c.is_whitespace() || c == '\u{feff}'
}

/// Length of a valid `YYYY`, `YYYY-MM` or `YYYY-MM-DD` at the start of `s`.
fn date_prefix_len(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let digits = |from: usize, n: usize| {
        b.len() >= from + n && b[from..from + n].iter().all(u8::is_ascii_digit)
    };
    let number = |from: usize, n: usize| {
        b[from..from + n]
            .iter()
            .fold(0u32, |acc, d| acc * 10 + u32::from(d - b'0'))
    };
    if !digits(0, 4) {
        return None;
    }
    if b.get(4) != Some(&b'-') || !digits(5, 2) {
        return Some(4);
    }
    if !(1..=12).contains(&number(5, 2)) {
        return None;
    }
    if b.get(7) != Some(&b'-') || !digits(8, 2) {
        return Some(7);
    }
    if !(1..=31).contains(&number(8, 2)) {
        return None;
    }
    Some(10)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn extracted(text: &str) -> Option<(String, String)> {
        let mut doc = Document::new("t", text);
        match extract_header(&mut doc) {
            HeaderOutcome::None => None,
            _ => Some((doc.meta[DATE_KEY].as_str()?.to_owned(), doc.text)),
        }
    }

    #[test]
    fn seed_style_header_glued_to_the_lede() {
        let got = extracted(" date 2018-06 L’administration américaine mène des négociations.");
        assert_eq!(
            got,
            Some((
                "2018-06".into(),
                "L’administration américaine mène des négociations.".into()
            ))
        );
    }

    #[test]
    fn all_three_precisions_on_their_own_line() {
        for date in ["2019", "2019-11", "2019-11-05"] {
            let got = extracted(&format!(
                "\u{feff}date {date}\n\nBerlin. Der Bundestag hat …"
            ));
            assert_eq!(
                got,
                Some((date.into(), "Berlin. Der Bundestag hat …".into()))
            );
        }
        assert_eq!(
            extracted("date 2020-02-29"),
            Some(("2020-02-29".into(), "".into()))
        );
    }

    #[test]
    fn text_that_merely_starts_with_date_is_left_alone() {
        for text in [
            "date limite de dépôt : 2018-06-01.",
            "date 2018-13 n’est pas un mois.",
            "date 2018-06-32 non plus.",
            "date 2018-06x collée.",
            "dates 2018 et 2019.",
            "Date 2018-06 en majuscule.",
            "date2018-06",
            "update 2018-06 of the list",
            "La date 2018-06 est au milieu.",
        ] {
            assert_eq!(extracted(text), None, "{text}");
        }
    }

    #[test]
    fn an_existing_date_field_wins_over_the_header() {
        let mut doc = Document::new("t", "date 2018-06 Texte.");
        doc.meta.insert(DATE_KEY.into(), Value::from("2018-06-14"));
        assert_eq!(
            extract_header(&mut doc),
            HeaderOutcome::ConflictKeptExisting
        );
        assert_eq!(doc.meta[DATE_KEY], "2018-06-14");
        assert_eq!(doc.text, "Texte.");
    }
}
