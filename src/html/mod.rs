//! Main text out of an HTML page: the page read into elements and blocks of text, furniture
//! (menus, footers, sidebars, share bars, comments, hidden elements) left out by tag, role,
//! class and id, the element that gathers the page's prose found, and its blocks kept one per
//! line.
//!
//! ```
//! let page = r#"<html><body><nav><a href="/">Accueil</a> | <a href="/monde">Monde</a></nav>
//!   <article><h1>La Seine en crue</h1>
//!   <p>La Seine est montée de deux mètres en trois jours, a indiqué la préfecture, et les quais bas sont fermés.</p>
//!   <p>Les péniches ont été amarrées plus haut, selon les services de la ville, jusqu'à lundi au moins.</p></article>
//!   <footer>© 2024 Le Journal. Tous droits réservés.</footer></body></html>"#;
//! let extracted = tamis::html::extract(page);
//! assert_eq!(extracted.text.lines().count(), 3);
//! assert!(extracted.text.starts_with("La Seine en crue\nLa Seine est montée"));
//! assert_eq!(extracted.removed[0].rule, "html.nav");
//! ```

mod charset;
mod features;
mod hints;
mod model;
mod parse;
mod select;

pub use charset::{decode_page, decode_page_as};
pub use features::{BLOCK_FEATURE_NAMES, CONTEXT_FEATURE_NAMES};

pub use select::BlockReason;

use serde::{Deserialize, Serialize};

use crate::boilerplate::{Kind, Removal};
use crate::error::{Error, Result};

/// The HTML stage's settings.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HtmlConfig {
    /// Blocks the classifier scores below this (0–1) are left out: lower keeps more of the
    /// page, higher removes more furniture (0.3 when left out).
    #[serde(default = "default_threshold")]
    pub threshold: f32,
}

impl Default for HtmlConfig {
    fn default() -> Self {
        HtmlConfig {
            threshold: model::THRESHOLD,
        }
    }
}

fn default_threshold() -> f32 {
    model::THRESHOLD
}

impl HtmlConfig {
    /// Checks the settings.
    pub fn validate(&self) -> Result<()> {
        if !(0.0..=1.0).contains(&self.threshold) {
            return Err(Error::config(
                "html.threshold",
                format!(
                    "`html.threshold` {} is not a score: give a number from 0 to 1, such as {}",
                    self.threshold,
                    model::THRESHOLD
                ),
            ));
        }
        Ok(())
    }
}

/// A block of the page left out of the text, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct RemovedBlock {
    /// 1-based place of the block among the page's blocks.
    pub block: usize,
    /// Its text.
    pub text: String,
    /// What the page's structure says of it (`html.nav`, `html.footer`, `html.outside_main`,
    /// `html.links`…), or `html.classifier` when only its score left it out.
    pub rule: String,
    /// The classifier's score (0–1, the probability that it is main text).
    pub score: f32,
}

impl RemovedBlock {
    /// The block as a boilerplate removal (for `--explain`, the stats and the report): its
    /// place as the line, the kind its rule names, its score as the reason.
    pub fn into_removal(self) -> Removal {
        Removal {
            line: self.block,
            kind: kind_of(&self.rule),
            why: vec![format!("score {:.2}", self.score)],
            text: self.text,
            rule: self.rule,
        }
    }
}

/// The boilerplate kind of a block left out, by the rule that left it out.
fn kind_of(rule: &str) -> Kind {
    match rule.strip_prefix("html.").unwrap_or(rule) {
        "nav" => Kind::Navigation,
        "share" => Kind::Share,
        "comments" => Kind::Comment,
        "subscribe" => Kind::Subscribe,
        "cookie" => Kind::Cookie,
        "ad" => Kind::Advertisement,
        "tags" => Kind::Tags,
        "related" => Kind::ReadAlso,
        _ => Kind::Other,
    }
}

/// What was extracted from a page.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Extracted {
    /// The main text, one block per line.
    pub text: String,
    /// The page's `<title>`, empty when it has none.
    pub title: String,
    /// The `lang` attribute of `<html>`, if any.
    pub lang: Option<String>,
    /// The blocks left out, in page order.
    pub removed: Vec<RemovedBlock>,
    /// How many blocks of text the page had.
    pub blocks: usize,
    /// Whether the page could not be read to its end (the text is what was read before).
    pub stopped_early: bool,
}

/// Whether `text` is an HTML page or fragment: its first character past white space (and a
/// byte-order mark) is `<` followed by a letter, `!` (a doctype or comment) or `?` (an XML
/// declaration). Plain text rarely starts so; a page always does.
///
/// ```
/// assert!(tamis::html::looks_like_html("\n<!DOCTYPE html><html>…"));
/// assert!(tamis::html::looks_like_html("<p>Bonjour</p>"));
/// assert!(!tamis::html::looks_like_html("Bonjour <b>toi</b>"));
/// assert!(!tamis::html::looks_like_html("<3 merci"));
/// ```
pub fn looks_like_html(text: &str) -> bool {
    let mut chars = text.trim_start_matches('\u{feff}').trim_start().chars();
    chars.next() == Some('<')
        && chars
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '!' || c == '?')
}

/// Extracts the main text of an HTML page with the default settings.
pub fn extract(html: &str) -> Extracted {
    extract_with(html, &HtmlConfig::default())
}

/// Extracts the main text of an HTML page: every block scored, those at or above the
/// threshold kept, one per line.
pub fn extract_with(html: &str, config: &HtmlConfig) -> Extracted {
    let page = parse::parse(html);
    let structure = select::select(&page);
    let scores = scores(&page, &structure);
    let mut text = String::new();
    let mut removed = Vec::new();
    for (index, block) in page.blocks.iter().enumerate() {
        let score = scores[index];
        if score >= config.threshold {
            if !text.is_empty() {
                text.push('\n');
            }
            text.push_str(&block.text);
        } else {
            let rule = structure.verdict[index]
                .map(BlockReason::rule)
                .unwrap_or_else(|| "html.classifier".to_owned());
            removed.push(RemovedBlock {
                block: index + 1,
                text: block.text.clone(),
                rule,
                score,
            });
        }
    }
    Extracted {
        text,
        title: page.title.trim().to_owned(),
        lang: page.lang,
        removed,
        blocks: page.blocks.len(),
        stopped_early: page.stopped_early,
    }
}

/// The classifier's score of every block: the block model, then the context model over its
/// neighbours' scores.
fn scores(page: &parse::Page, structure: &select::Structure) -> Vec<f32> {
    let stop = page_stop_words(page);
    let first: Vec<f32> = features::block_features(page, structure, stop)
        .iter()
        .map(|f| {
            logistic(
                &model::BLOCK_WEIGHTS,
                &model::BLOCK_MEANS,
                model::BLOCK_BIAS,
                f,
            )
        })
        .collect();
    features::context_features(&first, &structure.in_main, page)
        .iter()
        .map(|f| {
            logistic(
                &model::CONTEXT_WEIGHTS,
                &model::CONTEXT_MEANS,
                model::CONTEXT_BIAS,
                f,
            )
        })
        .collect()
}

/// A logistic model's probability for features centred on the training means.
fn logistic<const N: usize>(weights: &[f32; N], means: &[f32; N], bias: f32, x: &[f32; N]) -> f32 {
    let z: f32 = bias
        + weights
            .iter()
            .zip(means)
            .zip(x)
            .map(|((w, m), v)| w * (v - m))
            .sum::<f32>();
    1.0 / (1.0 + (-z).exp())
}

/// Every block of a page with its text, the classifier's block features, whether it is in the
/// main element, and its element's index followed by up to five ancestors' (what the training
/// script reads: `examples/html_features.rs`; not a stable interface).
#[doc(hidden)]
pub fn debug_features(html: &str) -> Vec<(String, Vec<f32>, bool, Vec<u32>)> {
    let page = parse::parse(html);
    let structure = select::select(&page);
    let stop = page_stop_words(&page);
    let features = features::block_features(&page, &structure, stop);
    page.blocks
        .iter()
        .zip(features)
        .zip(&structure.in_main)
        .map(|((block, f), &in_main)| {
            let path = page.ancestors(block.node).take(6).collect();
            (block.text.clone(), f.to_vec(), in_main, path)
        })
        .collect()
}

/// The stop words of the page's language, detected on its first 600 bytes of prose (blocks
/// of 80 characters or more, mostly not links); the `lang` attribute is often a template's
/// default. On the dev pages 600 bytes gave the same text as 2,000 on all but four pages, and
/// the same scores, for two thirds of the cost.
fn page_stop_words(page: &parse::Page) -> Option<&'static crate::boilerplate::classify::StopWords> {
    const SAMPLE_BYTES: usize = 600;
    let mut sample = String::new();
    for block in &page.blocks {
        if block.text.len() >= 80 && block.link_chars * 4 < block.text.len() {
            let room = SAMPLE_BYTES - sample.len();
            sample.push_str(&block.text[..block.text.floor_char_boundary(room)]);
            sample.push('\n');
            if sample.len() >= SAMPLE_BYTES {
                break;
            }
        }
    }
    crate::boilerplate::classify::stop_words(crate::detect_language(&sample).lang)
}
