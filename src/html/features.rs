//! The features of each block the HTML classifier scores: its text (length, links,
//! punctuation, stop words) and its place in the page (furniture marks, the main element,
//! tag, position), then the scores of its neighbours.

use super::hints::category;
use super::parse::Page;
use super::select::{BlockReason, Structure};
use rustc_hash::FxHashMap;

use crate::boilerplate::classify::{StopWords, find_cue_in_line, line_context_features};

/// How many features each block has.
pub(crate) const BLOCK_FEATURES: usize = 48;
/// How many features the second, context model reads.
pub(crate) const CONTEXT_FEATURES: usize = 8 + 2 * CONTAINER_LEVELS;
/// The levels of containers whose other blocks' scores the context model reads: the block's
/// element, its parent, grandparent and great-grandparent.
const CONTAINER_LEVELS: usize = 4;

/// The names of the block features, in order (for explanations and the training script).
pub const BLOCK_FEATURE_NAMES: [&str; BLOCK_FEATURES] = [
    "log_chars",
    "log_words",
    "link_share",
    "ends_sentence",
    "log_commas",
    "digit_share",
    "upper_share",
    "stopword_share",
    "hidden",
    "nav",
    "footer",
    "aside",
    "related",
    "widget",
    "comments",
    "in_main",
    "in_article",
    "heading",
    "list_item",
    "cell",
    "paragraph",
    "caption",
    "quote",
    "position",
    "log_main_distance",
    "all_links",
    "cue",
    "ancestor_score",
    "repeated_in_page",
    "log_sentences",
    "before_main",
    "after_main",
    "class_caption",
    "class_meta",
    "class_lead",
    "class_listing",
    "class_title",
    "class_header",
    "class_content",
    "repeated_shape",
    "copyright_sign",
    "ends_colon",
    "short_numeric",
    "all_caps",
    "starts_bullet",
    "element_link_share",
    "parent_link_share",
    "link_list_outside_main",
];

/// The names of the context features, in order.
pub const CONTEXT_FEATURE_NAMES: [&str; CONTEXT_FEATURES] = [
    "score",
    "previous",
    "next",
    "previous_2",
    "next_2",
    "before_max",
    "after_max",
    "in_main",
    "element_others",
    "log_element_others",
    "parent_others",
    "log_parent_others",
    "grandparent_others",
    "log_grandparent_others",
    "great_grandparent_others",
    "log_great_grandparent_others",
];

/// The features of every block of `page`.
pub(super) fn block_features(
    page: &Page,
    structure: &Structure,
    stop: Option<&StopWords>,
) -> Vec<[f32; BLOCK_FEATURES]> {
    let n = page.blocks.len();
    // Distance, in blocks, to the nearest block inside the main element.
    let mut distance = vec![n as f32; n];
    let mut last = None;
    for (i, (gap, &in_main)) in distance.iter_mut().zip(&structure.in_main).enumerate() {
        if in_main {
            last = Some(i);
        }
        if let Some(at) = last {
            *gap = (i - at) as f32;
        }
    }
    let first_main = structure.in_main.iter().position(|&m| m).unwrap_or(n);
    let last_main = structure.in_main.iter().rposition(|&m| m).unwrap_or(0);
    let mut seen: FxHashMap<&str, usize> = FxHashMap::default();
    for block in &page.blocks {
        *seen.entry(block.text.as_str()).or_default() += 1;
    }
    last = None;
    for i in (0..n).rev() {
        if structure.in_main[i] {
            last = Some(i);
        }
        if let Some(at) = last {
            distance[i] = distance[i].min((at - i) as f32);
        }
    }
    let mut facts = TextFacts::default();
    page.blocks
        .iter()
        .enumerate()
        .map(|(i, block)| {
            let text = &block.text;
            facts.measure(text, stop);
            let TextFacts {
                chars,
                letters,
                upper,
                digits,
                commas,
                sentences,
                words,
                stop_words,
                ..
            } = facts;
            let link_share = block.link_chars as f32 / chars.max(1) as f32;
            let ends_sentence = text.trim_end().ends_with([
                '.', '!', '?', '…', ':', ';', '"', '»', '”', ')', '。', '！', '？',
            ]);
            let mark = structure.excluded[i];
            let mark_is = |names: &[&str]| match mark {
                Some(BlockReason::Furniture(why)) => names.contains(&why),
                _ => false,
            };
            let tag = page.nodes[block.node as usize].tag;
            let cats = structure.categories[i];
            let flag = |b: bool| if b { 1.0 } else { 0.0 };
            [
                (1.0 + chars as f32).ln(),
                (1.0 + words as f32).ln(),
                link_share,
                flag(ends_sentence),
                (1.0 + commas as f32).ln(),
                digits as f32 / chars.max(1) as f32,
                upper as f32 / letters.max(1) as f32,
                stop_words as f32 / words.max(1) as f32,
                flag(mark == Some(BlockReason::Hidden)),
                flag(mark_is(&["nav"])),
                flag(mark_is(&["footer", "banner"])),
                flag(mark_is(&["aside"])),
                flag(mark_is(&["related"])),
                flag(mark_is(&[
                    "share",
                    "subscribe",
                    "cookie",
                    "ad",
                    "dialog",
                    "form",
                    "tags",
                    "hidden",
                ])),
                flag(mark_is(&["comments"])),
                flag(structure.in_main[i]),
                flag(structure.content_hint[i]),
                flag(matches!(tag, "h1" | "h2" | "h3" | "h4" | "h5" | "h6")),
                flag(matches!(tag, "li" | "dt" | "dd")),
                flag(matches!(tag, "td" | "th")),
                flag(tag == "p"),
                flag(matches!(tag, "figcaption" | "caption")),
                flag(matches!(tag, "blockquote" | "pre")),
                i as f32 / n.max(1) as f32,
                (1.0 + distance[i]).ln(),
                flag(link_share > 0.9),
                flag(chars < 200 && find_cue_in_line(text).is_some()),
                structure.ancestor_score[i],
                flag(seen.get(text.as_str()).is_some_and(|&count| count > 1)),
                (1.0 + sentences as f32).ln(),
                flag(i < first_main),
                flag(i > last_main),
                flag(cats & category::CAPTION != 0),
                flag(cats & category::META != 0),
                flag(cats & category::LEAD != 0),
                flag(cats & category::LISTING != 0),
                flag(cats & category::TITLE != 0),
                flag(cats & category::HEADER != 0),
                flag(cats & category::CONTENT != 0),
                flag(structure.repeated_shape[i]),
                flag(text.contains('©')),
                flag(text.trim_end().ends_with(':')),
                flag(chars < 40 && digits * 4 > chars),
                flag(letters > 3 && upper * 10 > letters * 8),
                flag(text.starts_with(['•', '·', '▪', '-', '–', '»', '>', '|', '*', '■', '►'])),
                structure.element_link_share[i].0,
                structure.element_link_share[i].1,
                flag(
                    link_share > 0.9
                        && !structure.in_main[i]
                        && structure.element_link_share[i].0 > 0.9,
                ),
            ]
        })
        .collect()
}

/// Counts over a block's text, in one pass over its characters (ASCII without the Unicode
/// tables; a word lowercased, into a reused buffer, only when it has a capital).
#[derive(Default)]
struct TextFacts {
    chars: usize,
    letters: usize,
    upper: usize,
    digits: usize,
    commas: usize,
    /// Sentence-final marks followed by a space or the end of the text.
    sentences: usize,
    /// Runs of letters and digits.
    words: usize,
    /// Words in the page language's stop list (as written or lowercased).
    stop_words: usize,
    lowered: String,
}

impl TextFacts {
    fn measure(&mut self, text: &str, stop: Option<&StopWords>) {
        let mut lowered = std::mem::take(&mut self.lowered);
        *self = TextFacts::default();
        let mut count_word = |word: &str, capital: bool, this: &mut TextFacts| {
            this.words += 1;
            let Some(stop) = stop else { return };
            if stop.contains(word) {
                this.stop_words += 1;
            } else if capital {
                crate::chars::lowercase_into(&mut lowered, word);
                if stop.contains(lowered.as_str()) {
                    this.stop_words += 1;
                }
            }
        };
        let mut word_start: Option<usize> = None;
        let mut word_capital = false;
        let mut after_mark = false;
        for (at, c) in text.char_indices() {
            self.chars += 1;
            if after_mark && c == ' ' {
                self.sentences += 1;
            }
            after_mark = matches!(c, '.' | '!' | '?' | '。' | '！' | '？');
            let (letter, numeric) = crate::chars::letter_and_numeric(c);
            let capital = letter
                && if c.is_ascii() {
                    c.is_ascii_uppercase()
                } else {
                    c.is_uppercase()
                };
            if letter {
                self.letters += 1;
                self.upper += usize::from(capital);
            } else if numeric {
                self.digits += 1;
            } else if matches!(c, ',' | '،' | '、' | '，') {
                self.commas += 1;
            }
            if letter || numeric {
                if word_start.is_none() {
                    word_start = Some(at);
                    word_capital = false;
                }
                word_capital |= capital;
            } else if let Some(start) = word_start.take() {
                count_word(&text[start..at], word_capital, self);
            }
        }
        if after_mark {
            self.sentences += 1;
        }
        if let Some(start) = word_start {
            count_word(&text[start..], word_capital, self);
        }
        self.lowered = lowered;
    }
}

/// The context features of every block: those of the plain-text line classifier (its own
/// score, its neighbours', the best before and after it), whether it is in the main element,
/// and, level by level (its element, parent, grandparent, great-grandparent), the mean score
/// of the other blocks that have the same element at the same level above them (weighted by
/// the log of their length; its own score when there are none) and how many they are (log):
/// the items of one list, the paragraphs of one article, tend to share their fate.
pub(super) fn context_features(
    scores: &[f32],
    in_main: &[bool],
    page: &Page,
) -> Vec<[f32; CONTEXT_FEATURES]> {
    // The container of each block at each level (`u32::MAX`: above the root).
    let containers: Vec<[u32; CONTAINER_LEVELS]> = page
        .blocks
        .iter()
        .map(|block| {
            let mut path = [u32::MAX; CONTAINER_LEVELS];
            for (slot, node) in path.iter_mut().zip(page.ancestors(block.node)) {
                *slot = node;
            }
            path
        })
        .collect();
    let weights: Vec<f32> = page
        .blocks
        .iter()
        .map(|block| (1.0 + block.chars as f32).ln())
        .collect();
    // Per container (indexed by node, the last slot for "above the root"): weighted sum of
    // scores, sum of weights, count.
    let slots = page.nodes.len() + 1;
    let slot = |node: u32| {
        if node == u32::MAX {
            slots - 1
        } else {
            node as usize
        }
    };
    let mut totals = vec![(0f32, 0f32, 0u32); slots * CONTAINER_LEVELS];
    for ((path, &w), &p) in containers.iter().zip(&weights).zip(scores) {
        for (level, &node) in path.iter().enumerate() {
            let total = &mut totals[level * slots + slot(node)];
            total.0 += w * p;
            total.1 += w;
            total.2 += 1;
        }
    }
    line_context_features(scores)
        .into_iter()
        .enumerate()
        .map(|(i, line)| {
            let mut features = [0.0; CONTEXT_FEATURES];
            features[..line.len()].copy_from_slice(&line);
            let mut at = line.len();
            features[at] = if in_main[i] { 1.0 } else { 0.0 };
            at += 1;
            for (level, &node) in containers[i].iter().enumerate() {
                let (sum, weight, count) = totals[level * slots + slot(node)];
                let others = count - 1;
                features[at] = if others > 0 {
                    (sum - weights[i] * scores[i]) / (weight - weights[i]).max(f32::MIN_POSITIVE)
                } else {
                    scores[i]
                };
                features[at + 1] = (1.0 + others as f32).ln();
                at += 2;
            }
            features
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The counts as first written (a pass per count), which `TextFacts` must reproduce.
    fn counted_plainly(text: &str, stop: Option<&StopWords>) -> [usize; 8] {
        let (mut chars, mut letters, mut upper, mut digits, mut commas) = (0, 0, 0, 0, 0);
        for c in text.chars() {
            chars += 1;
            if c.is_alphabetic() {
                letters += 1;
                upper += c.is_uppercase() as usize;
            } else if c.is_numeric() {
                digits += 1;
            } else if matches!(c, ',' | '،' | '、' | '，') {
                commas += 1;
            }
        }
        let sentences = text
            .match_indices(['.', '!', '?', '。', '！', '？'])
            .filter(|(at, mark)| {
                let rest = &text[at + mark.len()..];
                rest.is_empty() || rest.starts_with(' ')
            })
            .count();
        let (mut words, mut stop_words) = (0, 0);
        for word in text.split(|c: char| !c.is_alphanumeric()) {
            if word.is_empty() {
                continue;
            }
            words += 1;
            if let Some(stop) = stop
                && (stop.contains(word)
                    || (word.chars().any(char::is_uppercase)
                        && stop.contains(word.to_lowercase().as_str())))
            {
                stop_words += 1;
            }
        }
        [
            chars, letters, upper, digits, commas, sentences, words, stop_words,
        ]
    }

    proptest::proptest! {
        #[test]
        fn one_pass_text_facts_count_as_the_plain_passes(
            text in "(Die|der|UND|und|Ärger|ÜBER|über|straße|Ⅻ|٣|،|，|。|！|x|\\.|!|\\?| |,|\\d|[a-zA-Zà-ÿ]{1,6}|\\PC){0,40}"
        ) {
            let stop = crate::boilerplate::classify::stop_words("deu");
            let mut facts = TextFacts::default();
            facts.measure(&text, stop);
            let measured = [
                facts.chars, facts.letters, facts.upper, facts.digits, facts.commas,
                facts.sentences, facts.words, facts.stop_words,
            ];
            proptest::prop_assert_eq!(measured, counted_plainly(&text, stop));
        }
    }

    #[test]
    fn a_block_reads_the_scores_of_the_other_blocks_of_its_containers() {
        let page = super::super::parse::parse(
            "<body><div class=teasers><ul><li>Un</li><li>Deux</li><li>Trois</li></ul></div>\
             <div><p>Seul dans son paragraphe, avec une phrase plus longue.</p></div></body>",
        );
        let texts: Vec<&str> = page.blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "Un",
                "Deux",
                "Trois",
                "Seul dans son paragraphe, avec une phrase plus longue."
            ]
        );
        let scores = [0.1, 0.2, 0.3, 0.9];
        let features = context_features(&scores, &[false, false, false, true], &page);
        let weight = |text: &str| (1.0 + text.chars().count() as f32).ln();
        let at = |name: &str| {
            CONTEXT_FEATURE_NAMES
                .iter()
                .position(|n| *n == name)
                .unwrap()
        };
        // Each list item is alone in its element: its own score, no others.
        assert_eq!(features[0][at("element_others")], 0.1);
        assert_eq!(features[0][at("log_element_others")], 0.0);
        // Its parent (the list) holds the two other items.
        let mean =
            (weight("Deux") * 0.2 + weight("Trois") * 0.3) / (weight("Deux") + weight("Trois"));
        assert!((features[0][at("parent_others")] - mean).abs() < 1e-6);
        assert!((features[0][at("log_parent_others")] - 3f32.ln()).abs() < 1e-6);
        // Containers are compared level by level: the items' grandparent is the teaser div,
        // the paragraph's is the body, which no other block has at that level.
        assert!(
            (features[1][at("grandparent_others")]
                - (weight("Un") * 0.1 + weight("Trois") * 0.3) / (weight("Un") + weight("Trois")))
            .abs()
                < 1e-6
        );
        assert_eq!(features[3][at("parent_others")], 0.9);
        assert_eq!(features[3][at("grandparent_others")], 0.9);
        assert_eq!(features[3][at("log_great_grandparent_others")], 0.0);
        assert_eq!(features[3][at("in_main")], 1.0);
    }
}
