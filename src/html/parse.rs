//! An HTML page read into what extraction needs: its elements (tag, parent, furniture hints)
//! and its blocks of text, each attached to the element that holds it.
//!
//! `lol_html` tokenizes (spec-compliant, streaming, script and style as raw text); the element
//! stack is kept here with the HTML rules for unclosed paragraphs, list items and cells, which
//! the tokenizer leaves open.

use std::cell::RefCell;
use std::rc::Rc;

use lol_html::html_content::Element;
use lol_html::{EndTagHandler, HtmlRewriter, Settings, doc_text, element};

use super::hints;

/// One element of the page.
#[derive(Debug, Clone)]
pub(super) struct Node {
    /// Lowercase tag name.
    pub tag: String,
    /// The enclosing element (`u32::MAX` for the root).
    pub parent: u32,
    /// Why the element is page furniture (its tag, role, class or id), if it is.
    pub furniture: Option<&'static str>,
    /// Whether its class, id or `itemprop` name the main text.
    pub content_hint: bool,
    /// Whether it is hidden (`hidden`, `aria-hidden`, `display:none`).
    pub hidden: bool,
    /// The categories its class and id words name (bits of `hints::category`).
    pub categories: u16,
    /// A hash of its tag, class and parent, shared by repeated siblings (teaser lists, menus);
    /// 0 when it has no class.
    pub shape: u64,
}

/// One run of text between block boundaries.
#[derive(Debug, Clone)]
pub(super) struct Block {
    /// The innermost block element holding the text.
    pub node: u32,
    /// The text, entities decoded and white space collapsed.
    pub text: String,
    /// Its length in characters.
    pub chars: usize,
    /// Characters of the text inside links.
    pub link_chars: usize,
}

/// A parsed page.
#[derive(Debug, Default)]
pub(super) struct Page {
    /// The elements, parents before children.
    pub nodes: Vec<Node>,
    /// The blocks in document order.
    pub blocks: Vec<Block>,
    /// The `<title>` text.
    pub title: String,
    /// The `lang` attribute of `<html>`.
    pub lang: Option<String>,
    /// Whether the tokenizer stopped before the end of the page (what was read is kept).
    pub stopped_early: bool,
}

/// The element stack and the text being gathered.
#[derive(Default)]
struct Builder {
    page: Page,
    /// Open elements (indices into `nodes`).
    open: Vec<u32>,
    /// Open elements whose text is skipped, and open links.
    skipping: usize,
    in_link: usize,
    in_title: bool,
    /// Raw text since the last tag, entities not yet decoded.
    raw: String,
    /// Raw text since the last tag that is inside a link.
    raw_in_link: bool,
    /// The block being gathered.
    text: String,
    link_chars: usize,
}

/// Reads a page. Tokenizer errors (limits on nesting or attribute size) end the reading where
/// they happen; what was read is kept.
pub(super) fn parse(html: &str) -> Page {
    let builder = Rc::new(RefCell::new(Builder::default()));
    let on_element = Rc::clone(&builder);
    let on_text = Rc::clone(&builder);
    let settings = Settings::new()
        .append_element_content_handler(element!("*", move |el| {
            let id = on_element.borrow_mut().start(el);
            if let (Some(id), Some(handlers)) = (id, el.end_tag_handlers()) {
                let on_end = Rc::clone(&on_element);
                let handler: EndTagHandler<'static> = Box::new(move |_| {
                    on_end.borrow_mut().end(id);
                    Ok(())
                });
                handlers.push(handler);
            }
            Ok(())
        }))
        .append_document_content_handler(doc_text!(move |chunk| {
            on_text.borrow_mut().text(chunk.as_str());
            Ok(())
        }));
    let mut rewriter = HtmlRewriter::new(settings, |_: &[u8]| {});
    let stopped_early = rewriter
        .write(html.as_bytes())
        .and_then(|()| rewriter.end())
        .is_err();
    let mut builder = builder.borrow_mut();
    builder.finish();
    builder.page.stopped_early = stopped_early;
    std::mem::take(&mut builder.page)
}

impl Builder {
    /// A start tag: closes what it implicitly closes, opens the element (`Some(id)` when it can
    /// have content), and ends the current block if it is a block element.
    fn start(&mut self, el: &Element) -> Option<u32> {
        let tag = el.tag_name();
        self.flush_raw();
        self.close_implied(&tag);
        if hints::is_block(&tag) {
            self.end_block();
        }
        if el.is_self_closing() || !el.can_have_content() {
            return None;
        }
        let mut class_and_id = String::new();
        let mut class = String::new();
        let mut furniture = hints::furniture_tag(&tag);
        let mut hidden = false;
        let mut content_hint = matches!(tag.as_str(), "article" | "main");
        for attribute in el.attributes() {
            let value = attribute.value();
            match attribute.name().as_str() {
                "class" | "id" => {
                    class_and_id.push_str(&value);
                    class_and_id.push(' ');
                    if attribute.name() == "class" {
                        class = value;
                    }
                }
                "role" => {
                    furniture = furniture.or(hints::furniture_role(&value));
                    content_hint |= value.eq_ignore_ascii_case("main");
                }
                "itemprop" => content_hint |= hints::class_words(&value).names_content,
                "hidden" => hidden = true,
                "aria-hidden" => hidden |= value.eq_ignore_ascii_case("true"),
                "style" => {
                    let style: String = value.split_whitespace().collect();
                    hidden |= style.contains("display:none") || style.contains("visibility:hidden");
                }
                _ => {}
            }
        }
        if tag == "html" {
            self.page.lang = el.get_attribute("lang");
        }
        let structural = matches!(tag.as_str(), "html" | "body" | "main" | "article");
        let words = hints::class_words(&class_and_id);
        if !structural {
            furniture = furniture.or(words.furniture);
        }
        content_hint |= words.names_content;
        let parent = self.open.last().copied().unwrap_or(u32::MAX);
        let shape = if class.is_empty() {
            0
        } else {
            xxhash_rust::xxh3::xxh3_64(format!("{parent} {tag} {class}").as_bytes())
        };
        let id = self.page.nodes.len() as u32;
        self.page.nodes.push(Node {
            parent,
            categories: words.categories,
            shape,
            tag,
            furniture,
            content_hint,
            hidden: hidden && !structural,
        });
        let node = &self.page.nodes[id as usize];
        if hints::is_skipped(&node.tag) {
            self.skipping += 1;
        }
        if node.tag == "a" {
            self.in_link += 1;
        }
        // The page's title is its first `<title>` outside SVG and MathML (whose own titles
        // label drawings).
        if node.tag == "title" && self.page.title.is_empty() {
            let in_drawing = self
                .open
                .iter()
                .any(|&open| matches!(self.page.nodes[open as usize].tag.as_str(), "svg" | "math"));
            self.in_title = !in_drawing;
        }
        self.open.push(id);
        Some(id)
    }

    /// An end tag: closes the element and those left open inside it; nothing if it was closed
    /// already (implicitly).
    fn end(&mut self, id: u32) {
        if let Some(at) = self.open.iter().rposition(|&open| open == id) {
            self.flush_raw();
            while self.open.len() > at {
                self.pop();
            }
        }
    }

    /// Closes the innermost open element.
    fn pop(&mut self) {
        let Some(id) = self.open.pop() else { return };
        let tag = self.page.nodes[id as usize].tag.as_str();
        if hints::is_block(tag) {
            self.end_block_of(id);
        }
        let tag = self.page.nodes[id as usize].tag.as_str();
        if hints::is_skipped(tag) {
            self.skipping = self.skipping.saturating_sub(1);
        }
        if tag == "a" {
            self.in_link = self.in_link.saturating_sub(1);
        }
        if tag == "title" && self.in_title {
            self.in_title = false;
            self.page.title = std::mem::take(&mut self.text);
            self.link_chars = 0;
        }
    }

    /// The HTML rules for elements a start tag closes: `p` by a block, `li` by `li`, `dt`/`dd`
    /// by either, cells by a cell or row, rows by a row.
    fn close_implied(&mut self, tag: &str) {
        let closes: &[&str] = match tag {
            "li" => &["li"],
            "dt" | "dd" => &["dt", "dd"],
            "td" | "th" => &["td", "th"],
            "tr" => &["tr", "td", "th"],
            _ => &[],
        };
        let scope: &[&str] = match tag {
            "li" => &["ul", "ol", "menu"],
            "dt" | "dd" => &["dl"],
            "td" | "th" | "tr" => &["table"],
            _ => &[],
        };
        let closes_p = hints::closes_paragraph(tag);
        for at in (0..self.open.len()).rev() {
            let open = self.page.nodes[self.open[at] as usize].tag.as_str();
            if closes.contains(&open) || (closes_p && open == "p") {
                while self.open.len() > at {
                    self.pop();
                }
                return;
            }
            if scope.contains(&open) || matches!(open, "div" | "table" | "body" | "section") {
                return;
            }
        }
    }

    /// Raw text from the tokenizer.
    fn text(&mut self, chunk: &str) {
        if (self.skipping == 0 || self.in_title) && !chunk.is_empty() {
            if !self.raw.is_empty() && self.raw_in_link != (self.in_link > 0) {
                self.flush_raw();
            }
            self.raw_in_link = self.in_link > 0;
            self.raw.push_str(chunk);
        }
    }

    /// Decodes the raw text gathered and appends it, white space collapsed, to the block.
    fn flush_raw(&mut self) {
        if self.raw.is_empty() {
            return;
        }
        let decoded = html_escape::decode_html_entities(&self.raw);
        // Counted as pushed: recounting the block at each inline tag would be quadratic.
        let mut pushed = 0;
        for c in decoded.chars() {
            if c.is_whitespace() && c != '\u{a0}' && c != '\u{202f}' {
                if !self.text.is_empty() && !self.text.ends_with(' ') {
                    self.text.push(' ');
                    pushed += 1;
                }
            } else {
                self.text.push(c);
                pushed += 1;
            }
        }
        if self.raw_in_link {
            self.link_chars += pushed;
        }
        self.raw.clear();
    }

    /// Ends the current block at a block boundary inside the innermost open block element.
    fn end_block(&mut self) {
        let holder = self
            .open
            .iter()
            .rev()
            .copied()
            .find(|&id| hints::is_block(&self.page.nodes[id as usize].tag));
        self.end_block_of(holder.unwrap_or(u32::MAX));
    }

    /// Ends the current block as the text of element `node`.
    fn end_block_of(&mut self, node: u32) {
        self.flush_raw();
        if self.in_title {
            return;
        }
        let text = self.text.trim();
        if !text.is_empty() && node != u32::MAX {
            let text = text.to_owned();
            let chars = text.chars().count();
            self.page.blocks.push(Block {
                node,
                text,
                chars,
                link_chars: self.link_chars.min(chars),
            });
        }
        self.text.clear();
        self.link_chars = 0;
    }

    /// Closes what is still open at the end of the page.
    fn finish(&mut self) {
        self.flush_raw();
        while !self.open.is_empty() {
            self.pop();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(page: &Page) -> Vec<(&str, &str)> {
        page.blocks
            .iter()
            .map(|b| (page.nodes[b.node as usize].tag.as_str(), b.text.as_str()))
            .collect()
    }

    #[test]
    fn unclosed_paragraphs_and_items_end_their_blocks() {
        let page = parse(
            "<html lang=fr><head><title>Le titre</title><script>if (a<b) x('</p>')</script></head>\
             <body><p>Un &amp; <b>deux</b>\n  trois<p>quatre<ul><li>cinq<li>six</ul>sept</body>",
        );
        assert_eq!(page.title, "Le titre");
        assert_eq!(page.lang.as_deref(), Some("fr"));
        assert_eq!(
            texts(&page),
            [
                ("p", "Un & deux trois"),
                ("p", "quatre"),
                ("li", "cinq"),
                ("li", "six"),
                ("body", "sept")
            ]
        );
    }

    #[test]
    fn the_title_is_the_pages_not_a_drawings() {
        let page = parse(
            "<html><head><title>Le vrai titre</title></head><body><svg><title>Logo</title></svg>\
             <p>Texte de la page.</p></body></html>",
        );
        assert_eq!(page.title, "Le vrai titre");
        assert_eq!(texts(&page), [("p", "Texte de la page.")]);
        let page = parse("<svg><title>Logo</title></svg><title>Plus tard</title><p>Texte</p>");
        assert_eq!(page.title, "Plus tard");
    }

    #[test]
    fn link_text_is_counted_and_furniture_marked() {
        let page = parse(
            "<div class='main-nav'><a href=/>Accueil</a> | <a href=/a>Sport</a></div>\
             <p>Voir <a href=/x>ici</a>.</p>",
        );
        let nav = &page.blocks[0];
        assert_eq!(nav.text, "Accueil | Sport");
        assert_eq!(nav.link_chars, 12);
        assert_eq!(page.nodes[nav.node as usize].furniture, Some("nav"));
        assert_eq!(page.blocks[1].link_chars, 3);
    }
}
