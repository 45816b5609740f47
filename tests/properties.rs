//! Invariants of the library, checked on generated text.

use proptest::prelude::*;
use tamis::normalize::{
    C1Controls, HtmlEntities, Invisible, Mojibake, Nfc, Normalizer, Sequence, Typography,
    TypographyPolicy, fold,
};
use tamis::{Config, Document, Pipeline, StageConfig};
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

const LANGS: [&str; 10] = [
    "fra", "eng", "deu", "rus", "spa", "ita", "por", "ara", "cmn", "und",
];
const POLICIES: [TypographyPolicy; 3] = [
    TypographyPolicy::Native,
    TypographyPolicy::Plain,
    TypographyPolicy::Keep,
];

/// Repair and typography, as `tamis clean` applies them to a document in `lang`.
fn full(text: &str, lang: &str, policy: TypographyPolicy) -> String {
    let repaired = Sequence::default().normalize(text).into_owned();
    Typography::new(policy).apply(&repaired, lang).into_owned()
}

/// What the input holds once its encoding is repaired and invisible characters are gone: the
/// letters and digits the output must still have. The steps run again while a round changes the
/// text, as the repair sequence reruns them: NFC can make work for the mojibake step (`e` +
/// U+0301 before `Â�` is only read as mojibake once composed into `é`).
fn repaired_letters(text: &str) -> Vec<char> {
    let steps: [&dyn Normalizer; 5] = [&HtmlEntities, &Invisible, &Mojibake, &C1Controls, &Nfc];
    let mut current = text.to_owned();
    for _ in 0..4 {
        let before = current.clone();
        for step in steps {
            current = step.normalize(&current).into_owned();
        }
        if current == before {
            break;
        }
    }
    letters(&current)
}

proptest! {
    #[test]
    fn every_policy_is_idempotent_for_every_language(text in messy_text(), lang in prop::sample::select(LANGS.to_vec()), policy in prop::sample::select(POLICIES.to_vec())) {
        let once = full(&text, lang, policy);
        let twice = full(&once, lang, policy);
        prop_assert_eq!(once, twice);
    }

    #[test]
    fn no_policy_drops_a_letter_or_digit(text in messy_text(), lang in prop::sample::select(LANGS.to_vec()), policy in prop::sample::select(POLICIES.to_vec())) {
        let out = full(&text, lang, policy);
        prop_assert_eq!(letters(&out), repaired_letters(&text));
    }

    #[test]
    fn fold_is_idempotent_and_ignores_typography(text in messy_text()) {
        let key = fold(&text, true);
        prop_assert_eq!(fold(&key, true), key.clone());
        prop_assert_eq!(fold(&full(&text, "fra", TypographyPolicy::Native), true), fold(&full(&text, "fra", TypographyPolicy::Plain), true));
    }

    #[test]
    fn default_normalisation_is_idempotent(text in messy_text()) {
        let sequence = Sequence::default();
        let once = sequence.normalize(&text).into_owned();
        let twice = sequence.normalize(&once).into_owned();
        prop_assert_eq!(once, twice);
    }

    #[test]
    fn repair_never_turns_a_non_breaking_space_into_a_plain_one(text in messy_text()) {
        let out = Sequence::default().normalize(&text).into_owned();
        prop_assert_eq!(letters(&out), repaired_letters(&text));
        // Non-breaking spaces are only ever removed at line ends, never turned into plain spaces.
        let nbsp = |s: &str| s.matches(['\u{a0}', '\u{202f}']).count();
        prop_assert!(nbsp(&out) <= nbsp(&text));
        prop_assert!(!out.contains("  "));
        prop_assert!(!out.contains('\r'));
        prop_assert!(!out.contains("\n\n\n"));
    }

    #[test]
    fn cleaning_accounts_for_every_document_and_is_stable(texts in prop::collection::vec(messy_text(), 0..20)) {
        let pipeline = Pipeline::new(Config { threads: 2, ..Config::default().without("min_words") }).unwrap();
        let docs: Vec<Document> = texts.iter().enumerate().map(|(i, t)| Document::new(i.to_string(), t.clone())).collect();
        let cleaned = pipeline.clean(docs).unwrap();
        prop_assert!(cleaned.stats.is_balanced());
        prop_assert_eq!(cleaned.stats.documents_in, texts.len() as u64);
        // Repairing cleaned text changes nothing: typography never leaves anything that repair
        // would undo (such as `Ã` + `’`, which reads as mojibake). Header extraction is off for
        // the second pass (a text may start with two date lines), and so is language-dependent
        // typography (detection on random text may change once the text is typeset).
        // Boilerplate judges lines in context, and the first pass changed their context.
        let repair_only = Config { stages: vec![StageConfig::Repair { steps: Sequence::default() }], ..Config::default() };
        let again = Pipeline::new(repair_only).unwrap().clean(cleaned.documents.clone()).unwrap();
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

mod dedup {
    use super::*;
    use tamis::dedup::{DedupConfig, DedupIndex, Fate, Verify};

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// Every document is unique, kept or a duplicate of a kept one in its own cluster;
        /// documents with the same fold key always cluster; copies' similarity is 1.
        #[test]
        fn clusters_partition_the_documents(
            texts in prop::collection::vec(messy_text(), 1..24),
            copies in prop::collection::vec(any::<prop::sample::Index>(), 0..6),
            estimate in any::<bool>(),
        ) {
            let mut docs: Vec<Document> = texts
                .iter()
                .enumerate()
                .map(|(i, t)| Document::new(format!("d{i}"), t.clone()))
                .collect();
            for (j, pick) in copies.iter().enumerate() {
                let original = docs[pick.index(texts.len())].text.clone();
                docs.push(Document::new(format!("copy{j}"), original.to_uppercase()));
            }
            let config = DedupConfig {
                verify: if estimate { Verify::Estimate } else { Verify::Exact },
                ..DedupConfig::default()
            };
            let mut index = DedupIndex::new(&config);
            for doc in &docs {
                let entry = index.entry(doc);
                index.push(entry).unwrap();
            }
            let resolution = index.resolve().unwrap();
            let mut duplicates = 0;
            for (i, doc) in docs.iter().enumerate() {
                match resolution.fate(i) {
                    Fate::Unique => {}
                    Fate::Kept(cluster) => {
                        prop_assert_eq!(cluster.kept, doc.id.as_str());
                        prop_assert!(cluster.size >= 2);
                    }
                    Fate::Duplicate { cluster, similarity } => {
                        duplicates += 1;
                        prop_assert_ne!(cluster.kept, doc.id.as_str());
                        prop_assert!((0.0..=1.0).contains(&similarity));
                        let kept = docs.iter().position(|d| d.id == cluster.kept).unwrap();
                        prop_assert!(matches!(resolution.fate(kept), Fate::Kept(_)));
                        prop_assert!(kept < i || cluster.number < i as u64);
                    }
                }
            }
            prop_assert_eq!(resolution.summary().duplicates, duplicates);
            let report_duplicates: usize =
                resolution.report().map(|line| line.duplicates.len()).sum();
            prop_assert_eq!(report_duplicates as u64, duplicates);
            // Fold-equal documents (copies differ only by case) are in one cluster.
            for i in 0..docs.len() {
                for j in i + 1..docs.len() {
                    let (a, b) = (fold(&docs[i].text, true), fold(&docs[j].text, true));
                    if a == b && !a.is_empty() {
                        let cluster_of = |k: usize| match resolution.fate(k) {
                            Fate::Kept(c) | Fate::Duplicate { cluster: c, .. } => Some(c.number),
                            Fate::Unique => None,
                        };
                        prop_assert!(cluster_of(i).is_some());
                        prop_assert_eq!(cluster_of(i), cluster_of(j));
                    }
                }
            }
        }
    }
}
