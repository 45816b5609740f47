//! Which blocks of a page are its main text: furniture and hidden elements out, the element
//! that gathers the most prose found (scored as Readability does: long, comma-rich, link-poor
//! paragraphs count for their parent and grandparent), that element and its like siblings kept,
//! and link lists inside them out.

use super::parse::Page;

/// Why a block was left out of the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockReason {
    /// Inside a hidden element.
    Hidden,
    /// Inside page furniture, with the word that told it (`nav`, `footer`, `share`…).
    Furniture(&'static str),
    /// Outside the element that holds the main text.
    OutsideMain,
    /// Mostly link text.
    Links,
}

impl BlockReason {
    /// The name used in explanations and stats (`html.nav`, `html.outside_main`…).
    pub fn rule(self) -> String {
        match self {
            BlockReason::Hidden => "html.hidden".into(),
            BlockReason::Furniture(why) => format!("html.{why}"),
            BlockReason::OutsideMain => "html.outside_main".into(),
            BlockReason::Links => "html.links".into(),
        }
    }
}

/// The shortest block that counts towards an element's score.
const MIN_SCORED_CHARS: usize = 25;
/// A block whose link text is above this share of its text is a link list.
const MAX_LINK_SHARE: f64 = 0.5;
/// Siblings of the best element are kept when they score at least this share of it.
const SIBLING_SHARE: f64 = 0.2;
/// A furniture mark on an element holding more than this share of the page's text is ignored
/// (a `<form>` or a `has-sidebar` wrapper around the whole page).
const MAX_FURNITURE_SHARE: f64 = 0.6;

/// What the page's structure says of each block.
#[derive(Debug, Clone, Default)]
pub(super) struct Structure {
    /// Per block: why the structure leaves it out (furniture, hidden, outside the main element,
    /// a link list), `None` when it is in the main text.
    pub verdict: Vec<Option<BlockReason>>,
    /// Per block: the furniture or hidden mark of an element around it.
    pub excluded: Vec<Option<BlockReason>>,
    /// Per block: whether it is inside the main element (or its like siblings).
    pub in_main: Vec<bool>,
    /// Per block: whether an element around it is `article`, `main` or named as the text.
    pub content_hint: Vec<bool>,
    /// Per block: the best score of the elements around it (four levels up), relative to the
    /// main element's.
    pub ancestor_score: Vec<f32>,
    /// Per block: the share of link text in its element's text, and in its parent's.
    pub element_link_share: Vec<(f32, f32)>,
    /// Per block: the class and id word categories of its element and four levels up.
    pub categories: Vec<u16>,
    /// Per block: whether its element or one of three levels up is one of three or more
    /// siblings of the same tag and class (a teaser list, a menu, a comment thread).
    pub repeated_shape: Vec<bool>,
}

/// What the structure says of each block of `page`.
pub(super) fn select(page: &Page) -> Structure {
    let nodes = &page.nodes;
    let n = nodes.len();
    let parent = |i: usize| {
        let p = nodes[i].parent;
        (p != u32::MAX).then_some(p as usize)
    };

    // Text and link characters per element, its own blocks and its descendants'.
    let mut chars = vec![0usize; n];
    let mut links = vec![0usize; n];
    let mut total = 0usize;
    for block in &page.blocks {
        let len = block.chars;
        total += len;
        let mut at = Some(block.node as usize);
        while let Some(i) = at {
            chars[i] += len;
            links[i] += block.link_chars;
            at = parent(i);
        }
    }

    // Furniture and hidden, inherited (parents come before children).
    let mut excluded: Vec<Option<BlockReason>> = vec![None; n];
    for i in 0..n {
        let inherited = parent(i).and_then(|p| excluded[p]);
        let own = if nodes[i].hidden {
            Some(BlockReason::Hidden)
        } else {
            nodes[i]
                .furniture
                .filter(|_| (chars[i] as f64) <= MAX_FURNITURE_SHARE * total as f64)
                .map(BlockReason::Furniture)
        };
        excluded[i] = inherited.or(own);
    }

    // Readability's scores: each prose block counts for its element's parent and grandparent.
    let mut score = vec![0f64; n];
    for block in &page.blocks {
        let node = block.node as usize;
        let len = block.chars;
        if excluded[node].is_some() || len < MIN_SCORED_CHARS {
            continue;
        }
        let commas = block.text.matches([',', '،', '、', '，']).count();
        let points = 1.0 + commas as f64 + (len as f64 / 100.0).min(3.0);
        let holder = if is_paragraph(nodes[node].tag) {
            parent(node)
        } else {
            Some(node)
        };
        if let Some(first) = holder {
            score[first] += points;
            if let Some(second) = parent(first) {
                score[second] += points / 2.0;
            }
        }
    }
    let mut best: Option<usize> = None;
    let mut best_score = 0f64;
    for i in 0..n {
        if score[i] <= 0.0 || excluded[i].is_some() {
            continue;
        }
        let link_share = links[i] as f64 / chars[i].max(1) as f64;
        let mut value = score[i] * (1.0 - link_share);
        if nodes[i].content_hint {
            value *= 1.25;
        }
        score[i] = value;
        if value > best_score {
            best_score = value;
            best = Some(i);
        }
    }

    // The main region: the best element and its siblings that score like it.
    let mut in_main = vec![best.is_none(); n];
    if let Some(best) = best {
        let threshold = (best_score * SIBLING_SHARE).max(10.0);
        for i in 0..n {
            let sibling = i == best
                || (parent(i) == parent(best) && parent(i).is_some() && score[i] >= threshold);
            if sibling {
                in_main[i] = true;
            } else if let Some(p) = parent(i) {
                in_main[i] = in_main[p];
            }
        }
    }

    let mut hinted = vec![false; n];
    for i in 0..n {
        hinted[i] = nodes[i].content_hint || parent(i).is_some_and(|p| hinted[p]);
    }
    let verdict = page
        .blocks
        .iter()
        .map(|block| {
            let node = block.node as usize;
            if let Some(reason) = excluded[node] {
                return Some(reason);
            }
            if !in_main[node] {
                return Some(BlockReason::OutsideMain);
            }
            let len = block.chars;
            if block.link_chars as f64 > MAX_LINK_SHARE * len as f64 {
                return Some(BlockReason::Links);
            }
            None
        })
        .collect();
    let of_blocks = |per_node: &[bool]| -> Vec<bool> {
        page.blocks
            .iter()
            .map(|b| per_node[b.node as usize])
            .collect()
    };
    let ancestor_score = page
        .blocks
        .iter()
        .map(|block| {
            let mut at = Some(block.node as usize);
            let mut top = 0f64;
            for _ in 0..5 {
                let Some(i) = at else { break };
                if excluded[i].is_none() {
                    top = top.max(score[i]);
                }
                at = parent(i);
            }
            (top / best_score.max(1.0)) as f32
        })
        .collect();
    let mut shapes: rustc_hash::FxHashMap<u64, u32> = rustc_hash::FxHashMap::default();
    for node in nodes {
        if node.shape != 0 {
            *shapes.entry(node.shape).or_default() += 1;
        }
    }
    let mut categories = Vec::with_capacity(page.blocks.len());
    let mut repeated_shape = Vec::with_capacity(page.blocks.len());
    for block in &page.blocks {
        let mut at = Some(block.node as usize);
        let mut bits = 0u16;
        let mut repeated = false;
        for level in 0..5 {
            let Some(i) = at else { break };
            bits |= nodes[i].categories;
            if level < 4 && nodes[i].shape != 0 {
                repeated |= shapes.get(&nodes[i].shape).is_some_and(|&count| count >= 3);
            }
            at = parent(i);
        }
        categories.push(bits);
        repeated_shape.push(repeated);
    }
    let share = |i: usize| links[i] as f32 / chars[i].max(1) as f32;
    let element_link_share = page
        .blocks
        .iter()
        .map(|block| {
            let node = block.node as usize;
            (share(node), parent(node).map_or(0.0, share))
        })
        .collect();
    Structure {
        element_link_share,
        categories,
        repeated_shape,
        ancestor_score,
        verdict,
        excluded: page
            .blocks
            .iter()
            .map(|b| excluded[b.node as usize])
            .collect(),
        in_main: of_blocks(&in_main),
        content_hint: of_blocks(&hinted),
    }
}

/// Elements that hold a paragraph of text: their score goes to their parent.
fn is_paragraph(tag: &str) -> bool {
    matches!(
        tag,
        "p" | "li"
            | "dd"
            | "dt"
            | "td"
            | "th"
            | "pre"
            | "blockquote"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "figcaption"
            | "caption"
            | "address"
    )
}
