//! Invariants of the library, checked on generated text.

use proptest::prelude::*;
use tamis::normalize::{Normalizer, Sequence};
use tamis::{Config, Document, Pipeline};
use unicode_normalization::UnicodeNormalization;

/// Text mixing scripts, accents (composed and not), all kinds of spaces and line breaks.
fn messy_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "Élysée",
        "e\u{301}",
        "l’État",
        "l'Etat",
        "«",
        "»",
        "\u{a0}",
        "\u{202f}",
        " ",
        "  ",
        "\t",
        "\n",
        "\r\n",
        "\r",
        "\n\n\n",
        "Москва",
        "Straße",
        "中文",
        "，",
        "عربي",
        "date",
        " 2018-06 ",
        "…",
        "\u{3000}",
        "\u{feff}",
        "1\u{202f}234",
        "ﬁ",
        "№",
    ]);
    prop::collection::vec(
        prop_oneof![pieces.prop_map(str::to_owned), "\\PC{0,6}"],
        0..40,
    )
    .prop_map(|v| v.concat())
}

fn letters(text: &str) -> Vec<char> {
    text.nfc().filter(|c| c.is_alphanumeric()).collect()
}

proptest! {
    #[test]
    fn default_normalisation_is_idempotent(text in messy_text()) {
        let sequence = Sequence::default();
        let once = sequence.normalize(&text).into_owned();
        let twice = sequence.normalize(&once).into_owned();
        prop_assert_eq!(once, twice);
    }

    #[test]
    fn normalisation_never_drops_a_letter_or_a_non_breaking_space(text in messy_text()) {
        let out = Sequence::default().normalize(&text).into_owned();
        prop_assert_eq!(letters(&out), letters(&text));
        // Non-breaking spaces are only ever removed at line ends, never turned into plain spaces.
        let nbsp = |s: &str| s.matches(['\u{a0}', '\u{202f}']).count();
        prop_assert!(nbsp(&out) <= nbsp(&text));
        prop_assert!(!out.contains("  "));
        prop_assert!(!out.contains('\r'));
        prop_assert!(!out.contains("\n\n\n"));
    }

    #[test]
    fn cleaning_accounts_for_every_document_and_is_stable(texts in prop::collection::vec(messy_text(), 0..20)) {
        let pipeline = Pipeline::new(Config { threads: 2, ..Config::default() }).unwrap();
        let docs: Vec<Document> = texts.iter().enumerate().map(|(i, t)| Document::new(i.to_string(), t.clone())).collect();
        let cleaned = pipeline.clean(docs);
        prop_assert!(cleaned.stats.is_balanced());
        prop_assert_eq!(cleaned.stats.documents_in, texts.len() as u64);
        // Cleaning cleaned text changes nothing. (Header extraction is off for the second pass:
        // a text may legitimately start with two date lines.)
        let no_header = Pipeline::new(Config { extract_header: false, ..Config::default() }).unwrap();
        let again = no_header.clean(cleaned.documents.clone());
        let texts_again: Vec<&str> = again.documents.iter().map(|d| d.text.as_str()).collect();
        let texts_once: Vec<&str> = cleaned.documents.iter().map(|d| d.text.as_str()).collect();
        prop_assert_eq!(texts_again, texts_once);
    }

    #[test]
    fn jsonl_records_round_trip(text in "\\PC{0,40}", url in "\\PC{0,10}", score in any::<i32>()) {
        let mut doc = Document::new("x-1", text);
        doc.meta.insert("url".into(), url.into());
        doc.meta.insert("score".into(), score.into());
        let json = serde_json::to_string(&doc.as_record("id", "text")).unwrap();
        let back: serde_json::Map<String, serde_json::Value> = serde_json::from_str(&json).unwrap();
        prop_assert_eq!(back["id"].as_str(), Some("x-1"));
        prop_assert_eq!(back["text"].as_str(), Some(doc.text.as_str()));
        prop_assert_eq!(&back["url"], &doc.meta["url"]);
        prop_assert_eq!(back.keys().collect::<Vec<_>>(), ["id", "text", "url", "score"]);
    }
}
