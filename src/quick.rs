//! One call for each common job, with the default settings, for preprocessing scripts: repair
//! and typeset a string, detect its language, strip its boilerplate, find the near-duplicates
//! of a set of documents. The detector and the rules are built once per process.
//!
//! For other settings, build the parts ([`Pipeline`](crate::Pipeline),
//! [`LanguageDetector`](crate::lang::LanguageDetector),
//! [`Stripper`](crate::boilerplate::Stripper), [`DedupIndex`](crate::dedup::DedupIndex)) from
//! their configurations.

use std::borrow::Cow;
use std::sync::OnceLock;

use rayon::prelude::*;

use crate::boilerplate::{BoilerplateConfig, Removal, Stripper};
use crate::dedup::{DedupConfig, DedupIndex, Fate};
use crate::document::Document;
use crate::error::Result;
use crate::lang::{Detection, LangConfig, LanguageDetector, parse_lang};
use crate::normalize::{Sequence, Typography, TypographyPolicy};

fn detector() -> &'static LanguageDetector {
    static DETECTOR: OnceLock<LanguageDetector> = OnceLock::new();
    DETECTOR.get_or_init(|| {
        LanguageDetector::new(LangConfig::default()).expect("the default settings are valid")
    })
}

fn stripper() -> &'static Stripper {
    static STRIPPER: OnceLock<Stripper> = OnceLock::new();
    STRIPPER.get_or_init(|| {
        Stripper::new(&BoilerplateConfig::default()).expect("the built-in rules compile")
    })
}

/// The language code (ISO 639-3) of `lang` as given (`fr`, `fra`, `French`…), or of `text`
/// detected when `None`.
fn language_of(text: &str, lang: Option<&str>) -> Result<&'static str> {
    match lang {
        Some(name) => Ok(parse_lang(name)?.code()),
        None => Ok(detector().detect(text).lang),
    }
}

/// Repairs `text` (HTML references, invisible characters, mojibake, NFC, whitespace) and applies
/// the typography of its language: `lang` as an ISO 639-1/639-3 code or an English name, or
/// detected when `None`. An unknown language name is an error.
///
/// ```
/// let text = tamis::normalize_text("Il a dit : \"C'est fini\" cafÃ©...", Some("fr"))?;
/// assert_eq!(text, "Il a dit\u{a0}: «\u{a0}C’est fini\u{a0}» café…");
/// # Ok::<(), tamis::Error>(())
/// ```
pub fn normalize_text(text: &str, lang: Option<&str>) -> Result<String> {
    normalize_text_with(text, lang, TypographyPolicy::Native)
}

/// [`normalize_text`] with another typography: `Plain` (ASCII quotes and apostrophes, plain
/// spaces) or `Keep` (repair only).
///
/// ```
/// use tamis::normalize::TypographyPolicy;
/// let text = tamis::normalize_text_with("L’été « chaud »", Some("fr"), TypographyPolicy::Plain)?;
/// assert_eq!(text, "L'été \"chaud\"");
/// # Ok::<(), tamis::Error>(())
/// ```
pub fn normalize_text_with(
    text: &str,
    lang: Option<&str>,
    typography: TypographyPolicy,
) -> Result<String> {
    let repaired = Sequence::default().apply(text.to_owned(), |_| {});
    if typography == TypographyPolicy::Keep {
        // Still checks the language name.
        if let Some(name) = lang {
            parse_lang(name)?;
        }
        return Ok(repaired);
    }
    let lang = language_of(&repaired, lang)?;
    Ok(match Typography::new(typography).apply(&repaired, lang) {
        Cow::Borrowed(_) => repaired,
        Cow::Owned(typeset) => typeset,
    })
}

/// The language of `text`: code (ISO 639-3, `und` when unreliable), script and confidence.
///
/// ```
/// let detection = tamis::detect_language("Le conseil municipal a voté le budget mardi soir.");
/// assert_eq!(detection.lang, "fra");
/// ```
pub fn detect_language(text: &str) -> Detection {
    detector().detect(text)
}

/// `text` without its boilerplate lines (the default `balanced` setting; no corpus, so no
/// corpus-repeated lines), and the removed lines with their rule, kind and reasons. `lang` as in
/// [`normalize_text`].
///
/// ```
/// let page = "Les vendanges ont commencé lundi dans le Médoc, avec deux semaines d’avance.\n\
///             Partager sur Facebook | Twitter\n\
///             Lire aussi : la grêle a touché 3 000 hectares";
/// let (text, removals) = tamis::strip_boilerplate(page, Some("fr"))?;
/// assert!(text.starts_with("Les vendanges"));
/// assert!(!text.contains("Partager"));
/// assert_eq!(removals.len(), 2);
/// # Ok::<(), tamis::Error>(())
/// ```
pub fn strip_boilerplate(text: &str, lang: Option<&str>) -> Result<(String, Vec<Removal>)> {
    let lang = language_of(text, lang)?;
    let (kept, removals) = stripper().strip(text, lang);
    Ok((kept.into_owned(), removals))
}

/// The clusters of near-duplicates among `docs` (default settings: Jaccard ≥ 0.8 on character
/// 5-grams, exact verification, template check), each as the positions of its documents in
/// `docs`, the kept one (the first) first. Unique documents are in no cluster.
///
/// ```
/// use tamis::Document;
/// let docs = [
///     Document::new("a", "Le conseil municipal a voté le budget 2019 mardi soir, après trois heures de débat."),
///     Document::new("b", "La météo annonce de la pluie sur toute la Bretagne pour le week-end prochain."),
///     Document::new("c", "Le conseil municipal a vote le budget 2019 mardi soir apres trois heures de debat"),
/// ];
/// assert_eq!(tamis::duplicate_clusters(&docs)?, vec![vec![0, 2]]);
/// # Ok::<(), tamis::Error>(())
/// ```
pub fn duplicate_clusters(docs: &[Document]) -> Result<Vec<Vec<usize>>> {
    let mut index = DedupIndex::new(&DedupConfig::default());
    let entries: Vec<_> = docs.par_iter().map(|doc| index.entry(doc)).collect();
    for entry in entries {
        index.push(entry)?;
    }
    let resolution = index.resolve()?;
    let mut clusters: Vec<Vec<usize>> = Vec::new();
    let mut cluster_of: std::collections::HashMap<u64, usize> = std::collections::HashMap::new();
    for doc in 0..docs.len() {
        let (number, kept) = match resolution.fate(doc) {
            Fate::Unique => continue,
            Fate::Kept(cluster) => (cluster.number, true),
            Fate::Duplicate { cluster, .. } => (cluster.number, false),
        };
        let slot = *cluster_of.entry(number).or_insert_with(|| {
            clusters.push(Vec::new());
            clusters.len() - 1
        });
        if kept {
            clusters[slot].insert(0, doc);
        } else {
            clusters[slot].push(doc);
        }
    }
    Ok(clusters)
}
