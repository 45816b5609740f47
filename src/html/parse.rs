//! An HTML page read into what extraction needs: its elements (tag, parent, furniture hints)
//! and its blocks of text, each attached to the element that holds it.
//!
//! `lol_html` tokenizes (spec-compliant, streaming, script and style as raw text); the element
//! stack is kept here with the HTML rules for unclosed paragraphs, list items and cells, which
//! the tokenizer leaves open.

use std::cell::RefCell;
use std::rc::Rc;

use std::borrow::Cow;

use lol_html::html_content::Element;
use lol_html::html_content::SourceLocation;
use lol_html::{EndTagHandler, HtmlRewriter, Settings, doc_text, element};

use super::hints;

/// One element of the page.
#[derive(Debug, Clone)]
pub(super) struct Node {
    /// Lowercase tag name, `""` for tags the extractor does not tell apart
    /// (`hints::known_tag`).
    pub tag: &'static str,
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

impl Page {
    /// Element `node` and its ancestors, innermost first, up to the root.
    pub fn ancestors(&self, node: u32) -> impl Iterator<Item = u32> + '_ {
        std::iter::successors((node != u32::MAX).then_some(node), |&at| {
            let parent = self.nodes[at as usize].parent;
            (parent != u32::MAX).then_some(parent)
        })
    }
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
    /// Class and id values of the element being opened (reused).
    class_and_id: String,
    /// What the class and id values seen on this page say (pages repeat them).
    class_words: rustc_hash::FxHashMap<String, hints::ClassWords>,
}

/// Reads a page. Tokenizer errors (limits on nesting or attribute size) end the reading where
/// they happen; what was read is kept.
pub(super) fn parse(html: &str) -> Page {
    let builder = Rc::new(RefCell::new(Builder::default()));
    let on_element = Rc::clone(&builder);
    let on_text = Rc::clone(&builder);
    // Not strict: a strict tokenizer stops at markup whose parsing a browser would decide by
    // context (`<select><style>`, `<select><xmp>`), and the rest of the page would be lost;
    // here at worst such an element's text is read as text.
    let settings = Settings::new()
        .with_strict(false)
        .append_element_content_handler(element!("*", move |el| {
            let id = on_element.borrow_mut().start(el, html);
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

/// The tag name of a start tag as written in the page (`<DIV class=x>` → `DIV`).
fn start_tag_name(start_tag: &str) -> &str {
    let name = start_tag.strip_prefix('<').unwrap_or(start_tag);
    let end = name
        .find(|c: char| c.is_ascii_whitespace() || c == '/' || c == '>')
        .unwrap_or(name.len());
    &name[..end]
}

impl Builder {
    /// A start tag: closes what it implicitly closes, opens the element (`Some(id)` when it can
    /// have content), and ends the current block if it is a block element. Names and values
    /// are read from `source`, the page, where the tokenizer found them (not copied); values
    /// keep their character references, which class names and styles do not use.
    fn start(&mut self, el: &Element, source: &str) -> Option<u32> {
        let tag = hints::known_tag(
            source
                .get(el.source_location().bytes())
                .map(start_tag_name)
                .unwrap_or(&el.tag_name()),
        );
        self.flush_raw();
        self.close_implied(tag);
        if hints::is_block(tag) {
            self.end_block();
        }
        if el.is_self_closing() || !el.can_have_content() {
            return None;
        }
        let mut class_and_id = std::mem::take(&mut self.class_and_id);
        class_and_id.clear();
        let mut class: Cow<str> = Cow::Borrowed("");
        let mut furniture = hints::furniture_tag(tag);
        let mut hidden = false;
        let mut content_hint = matches!(tag, "article" | "main");
        for attribute in el.attributes() {
            let at =
                |location: Option<SourceLocation>| location.and_then(|at| source.get(at.bytes()));
            let name: Cow<str> = match at(attribute.name_source_location()) {
                Some(name) => Cow::Borrowed(name),
                None => Cow::Owned(attribute.name()),
            };
            // No value location: a bare attribute (`hidden`) read in the page, or one the
            // tokenizer rewrote.
            let value: Cow<str> = match at(attribute.value_source_location()) {
                Some(value) => Cow::Borrowed(value),
                None if attribute.value().is_empty() => Cow::Borrowed(""),
                None => Cow::Owned(attribute.value()),
            };
            let is = |known: &str| name.eq_ignore_ascii_case(known);
            if is("class") || is("id") {
                class_and_id.push_str(&value);
                class_and_id.push(' ');
                if is("class") {
                    class = value;
                }
            } else if is("role") {
                furniture = furniture.or(hints::furniture_role(&value));
                content_hint |= value.eq_ignore_ascii_case("main");
            } else if is("itemprop") {
                content_hint |= hints::class_words(&value).names_content;
            } else if is("hidden") {
                hidden = true;
            } else if is("aria-hidden") {
                hidden |= value.trim().eq_ignore_ascii_case("true");
            } else if is("style") {
                let style: String = value.split_whitespace().collect();
                hidden |= style.contains("display:none") || style.contains("visibility:hidden");
            } else if is("lang") && tag == "html" {
                self.page.lang = Some(html_escape::decode_html_entities(&value).trim().to_owned());
            }
        }
        let structural = matches!(tag, "html" | "body" | "main" | "article");
        let words = match self.class_words.get(class_and_id.as_str()) {
            Some(words) => *words,
            None => {
                let words = hints::class_words(&class_and_id);
                self.class_words.insert(class_and_id.clone(), words);
                words
            }
        };
        if !structural {
            furniture = furniture.or(words.furniture);
        }
        content_hint |= words.names_content;
        let parent = self.open.last().copied().unwrap_or(u32::MAX);
        let shape = if class.is_empty() {
            0
        } else {
            let mut hasher = xxhash_rust::xxh3::Xxh3Default::new();
            hasher.update(&parent.to_le_bytes());
            hasher.update(tag.as_bytes());
            hasher.update(b" ");
            hasher.update(class.as_bytes());
            hasher.digest().max(1)
        };
        self.class_and_id = class_and_id;
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
        if hints::is_skipped(node.tag) {
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
                .any(|&open| matches!(self.page.nodes[open as usize].tag, "svg" | "math"));
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
        let tag = self.page.nodes[id as usize].tag;
        if hints::is_block(tag) {
            self.end_block_of(id);
        }
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
            let open = self.page.nodes[self.open[at] as usize].tag;
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
        // Counted as pushed: recounting the block at each inline tag would be quadratic. Runs
        // between white space are copied whole; each white space run becomes one space (none
        // at the start of the block). No-break spaces are text.
        let mut pushed = 0;
        let collapsed = |c: char| c.is_whitespace() && c != '\u{a0}' && c != '\u{202f}';
        for (index, run) in decoded.split(collapsed).enumerate() {
            if index > 0 && !self.text.is_empty() && !self.text.ends_with(' ') {
                self.text.push(' ');
                pushed += 1;
            }
            if !run.is_empty() {
                self.text.push_str(run);
                pushed += if run.is_ascii() {
                    run.len()
                } else {
                    run.chars().count()
                };
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
            .find(|&id| hints::is_block(self.page.nodes[id as usize].tag));
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
            .map(|b| (page.nodes[b.node as usize].tag, b.text.as_str()))
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
    fn names_and_values_are_read_in_the_page_whatever_their_case_and_quotes() {
        let page = parse(
            "<HTML LANG='pt&#45;BR'><BODY><DIV CLASS=\"Main-Nav\"><A HREF=/>Início</A></DIV>\
             <Section id=sidebar-widgets><P>Mais lidas</P></Section>\
             <div class=&quot;post&quot; hidden><p>Escondido</p></div>\
             <div STYLE='display: none'><p>Também escondido</p></div>\
             <article class=entry-content><p>O texto da página.</p></article></BODY></HTML>",
        );
        assert_eq!(page.lang.as_deref(), Some("pt-BR"));
        let node = |text: &str| {
            let block = page.blocks.iter().find(|b| b.text == text).unwrap();
            &page.nodes[block.node as usize]
        };
        assert_eq!(node("Início").tag, "div");
        assert_eq!(node("Início").furniture, Some("nav"));
        assert_eq!(node("Mais lidas").tag, "p");
        let section = &page.nodes[node("Mais lidas").parent as usize];
        assert_eq!((section.tag, section.furniture), ("section", Some("aside")));
        assert!(page.nodes[node("Escondido").parent as usize].hidden);
        assert!(page.nodes[node("Também escondido").parent as usize].hidden);
        let article = &page.nodes[node("O texto da página.").parent as usize];
        assert!(article.content_hint);
        assert_eq!(article.tag, "article");
    }

    #[test]
    fn a_page_with_markup_a_browser_reads_by_context_is_read_to_its_end() {
        for tricky in [
            "<select><style>a</style></select>",
            "<select><xmp>x</xmp></select>",
        ] {
            let page = parse(&format!(
                "<html><body><p>Le conseil a voté le budget.</p>{tricky}\
                 <p>Le deuxième paragraphe arrive après.</p></body></html>"
            ));
            assert!(!page.stopped_early, "{tricky}");
            assert_eq!(
                page.blocks.last().map(|b| b.text.as_str()),
                Some("Le deuxième paragraphe arrive après."),
                "{tricky}"
            );
        }
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
