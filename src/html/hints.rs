//! What an element's tag and attributes say about its text: skipped (scripts, forms' widgets),
//! a block of its own (paragraphs, headings, list items, cells), or page furniture (menus,
//! footers, sidebars, share bars, comments) by tag, ARIA role, or class and id words.

use std::sync::OnceLock;

use rustc_hash::FxHashMap;

/// The tags the extractor tells apart, each spelled once: an element's tag is looked up here
/// (ASCII case-insensitively) instead of being copied, and a tag not listed reads as `""` (an
/// inline element of no consequence: `span`, `b`, a custom element).
const KNOWN_TAGS: &[&str] = &[
    "a",
    "address",
    "article",
    "aside",
    "audio",
    "blockquote",
    "body",
    "br",
    "button",
    "canvas",
    "caption",
    "center",
    "datalist",
    "dd",
    "details",
    "dialog",
    "div",
    "dl",
    "dt",
    "embed",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hgroup",
    "hr",
    "html",
    "iframe",
    "input",
    "label",
    "legend",
    "li",
    "main",
    "map",
    "math",
    "menu",
    "nav",
    "noscript",
    "object",
    "ol",
    "optgroup",
    "option",
    "p",
    "pre",
    "script",
    "section",
    "select",
    "style",
    "summary",
    "svg",
    "table",
    "tbody",
    "td",
    "template",
    "textarea",
    "tfoot",
    "th",
    "thead",
    "title",
    "tr",
    "ul",
    "video",
];

/// The tag `name` as spelled in [`KNOWN_TAGS`], or `""` for any other tag.
pub(super) fn known_tag(name: &str) -> &'static str {
    KNOWN_TAGS
        .iter()
        .find(|known| known.len() == name.len() && known.eq_ignore_ascii_case(name))
        .copied()
        .unwrap_or("")
}

/// Elements whose text is never page text: code, media, form widgets, the head.
pub(super) fn is_skipped(tag: &str) -> bool {
    matches!(
        tag,
        "script"
            | "style"
            | "noscript"
            | "template"
            | "svg"
            | "math"
            | "head"
            | "iframe"
            | "object"
            | "embed"
            | "canvas"
            | "video"
            | "audio"
            | "map"
            | "select"
            | "option"
            | "optgroup"
            | "datalist"
            | "button"
            | "textarea"
            | "input"
            | "label"
            | "dialog"
    )
}

/// Elements that start and end a block of text (inline ones such as `a`, `b`, `span` do not).
pub(super) fn is_block(tag: &str) -> bool {
    matches!(
        tag,
        "p" | "div"
            | "section"
            | "article"
            | "main"
            | "header"
            | "footer"
            | "nav"
            | "aside"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "ul"
            | "ol"
            | "li"
            | "dl"
            | "dt"
            | "dd"
            | "table"
            | "thead"
            | "tbody"
            | "tfoot"
            | "tr"
            | "td"
            | "th"
            | "caption"
            | "blockquote"
            | "pre"
            | "figure"
            | "figcaption"
            | "address"
            | "form"
            | "fieldset"
            | "legend"
            | "details"
            | "summary"
            | "hr"
            | "br"
            | "body"
            | "html"
            | "center"
            | "menu"
            | "hgroup"
            | "title"
    )
}

/// Whether a start tag `tag` closes an open `p` (the HTML rule for an unclosed paragraph).
pub(super) fn closes_paragraph(tag: &str) -> bool {
    is_block(tag)
        && !matches!(
            tag,
            "li" | "dt"
                | "dd"
                | "tr"
                | "td"
                | "th"
                | "thead"
                | "tbody"
                | "tfoot"
                | "caption"
                | "br"
                | "body"
                | "html"
                | "title"
        )
}

/// Furniture told by the tag alone.
pub(super) fn furniture_tag(tag: &str) -> Option<&'static str> {
    Some(match tag {
        "nav" | "menu" => "nav",
        "footer" => "footer",
        "aside" => "aside",
        "form" | "fieldset" => "form",
        _ => return None,
    })
}

/// Furniture told by an ARIA role.
pub(super) fn furniture_role(role: &str) -> Option<&'static str> {
    Some(match role.trim().to_ascii_lowercase().as_str() {
        "navigation" | "menu" | "menubar" | "tablist" => "nav",
        "banner" => "banner",
        "contentinfo" => "footer",
        "complementary" => "aside",
        "search" | "form" => "form",
        "dialog" | "alertdialog" => "dialog",
        _ => return None,
    })
}

/// Words of a class or id that mark furniture, and the reason given. Each is matched against
/// whole words of the class and id (split on `-`, `_`, spaces and case changes), so `nav`
/// matches `main-nav` and `navBar` but not `canvas`.
const FURNITURE_WORDS: &[(&str, &str)] = &[
    ("nav", "nav"),
    ("navbar", "nav"),
    ("navi", "nav"),
    ("navigation", "nav"),
    ("menu", "nav"),
    ("menubar", "nav"),
    ("breadcrumb", "nav"),
    ("breadcrumbs", "nav"),
    ("pagination", "nav"),
    ("pager", "nav"),
    ("skip", "nav"),
    ("toolbar", "nav"),
    ("footer", "footer"),
    ("foot", "footer"),
    ("copyright", "footer"),
    ("sidebar", "aside"),
    ("aside", "aside"),
    ("widget", "aside"),
    ("widgets", "aside"),
    ("related", "related"),
    ("recommended", "related"),
    ("recommendations", "related"),
    ("teaser", "related"),
    ("teasers", "related"),
    ("popular", "related"),
    ("mostread", "related"),
    ("trending", "related"),
    ("outbrain", "related"),
    ("taboola", "related"),
    ("share", "share"),
    ("sharing", "share"),
    ("shariff", "share"),
    ("social", "share"),
    ("socials", "share"),
    ("sociallinks", "share"),
    ("comment", "comments"),
    ("comments", "comments"),
    ("disqus", "comments"),
    ("replies", "comments"),
    ("respond", "comments"),
    ("newsletter", "subscribe"),
    ("subscribe", "subscribe"),
    ("subscription", "subscribe"),
    ("signup", "subscribe"),
    ("cookie", "cookie"),
    ("cookies", "cookie"),
    ("consent", "cookie"),
    ("gdpr", "cookie"),
    ("ad", "ad"),
    ("ads", "ad"),
    ("advert", "ad"),
    ("advertisement", "ad"),
    ("adsense", "ad"),
    ("sponsor", "ad"),
    ("sponsored", "ad"),
    ("promo", "ad"),
    ("banner", "banner"),
    ("masthead", "banner"),
    ("popup", "dialog"),
    ("modal", "dialog"),
    ("overlay", "dialog"),
    ("tags", "tags"),
    ("tagcloud", "tags"),
    ("keywords", "tags"),
    ("login", "form"),
    ("search", "form"),
    ("print", "nav"),
    ("hidden", "hidden"),
];

/// Words of a class or id that mark the main text; an element with one is never furniture by
/// its class words (`article-sidebar-wrapper content` stays).
const CONTENT_WORDS: &[&str] = &[
    "article",
    "articlebody",
    "content",
    "entry",
    "post",
    "story",
    "body",
    "text",
    "blog",
];

/// Splits class and id values into lowercase words: on anything but letters and digits, and
/// where a lowercase letter meets an uppercase one (`navBar` → `nav`, `bar`).
pub(super) fn words(value: &str, mut each: impl FnMut(&str) -> bool) -> bool {
    let mut word = String::with_capacity(32);
    let mut previous_lower = false;
    for c in value.chars() {
        // ASCII (nearly every class name) without the Unicode tables.
        let (alphanumeric, upper, lower) = if c.is_ascii() {
            (
                c.is_ascii_alphanumeric(),
                c.is_ascii_uppercase(),
                c.is_ascii_lowercase(),
            )
        } else {
            (c.is_alphanumeric(), c.is_uppercase(), c.is_lowercase())
        };
        let boundary = !alphanumeric || (previous_lower && upper);
        if boundary && !word.is_empty() {
            if each(&word) {
                return true;
            }
            word.clear();
        }
        if alphanumeric {
            if c.is_ascii() {
                word.push(c.to_ascii_lowercase());
            } else {
                word.extend(c.to_lowercase());
            }
        }
        previous_lower = lower;
    }
    !word.is_empty() && each(&word)
}

/// Class and id word categories the classifier weighs (bits of [`ClassWords::categories`]).
pub(super) mod category {
    /// Captions and credits: `caption`, `credit`, `photo`, `image`, `gallery`…
    pub const CAPTION: u16 = 1;
    /// Bylines, dates, sources: `byline`, `author`, `date`, `meta`, `published`…
    pub const META: u16 = 1 << 1;
    /// The article's lead: `intro`, `lead`, `summary`, `excerpt`, `standfirst`…
    pub const LEAD: u16 = 1 << 2;
    /// Repeated items: `list`, `item`, `card`, `tile`, `grid`, `slider`…
    pub const LISTING: u16 = 1 << 3;
    /// Titles: `title`, `headline`, `heading`.
    pub const TITLE: u16 = 1 << 4;
    /// The page's top: `header`, `top`, `topbar`.
    pub const HEADER: u16 = 1 << 5;
    /// The main text: `article`, `content`, `entry`, `post`, `story`, `body`, `text`.
    pub const CONTENT: u16 = 1 << 6;
}

const CATEGORY_WORDS: &[(&str, u16)] = &[
    ("caption", category::CAPTION),
    ("credit", category::CAPTION),
    ("credits", category::CAPTION),
    ("figcaption", category::CAPTION),
    ("photo", category::CAPTION),
    ("foto", category::CAPTION),
    ("image", category::CAPTION),
    ("img", category::CAPTION),
    ("picture", category::CAPTION),
    ("media", category::CAPTION),
    ("gallery", category::CAPTION),
    ("byline", category::META),
    ("author", category::META),
    ("authors", category::META),
    ("autor", category::META),
    ("date", category::META),
    ("datum", category::META),
    ("time", category::META),
    ("timestamp", category::META),
    ("dateline", category::META),
    ("meta", category::META),
    ("published", category::META),
    ("posted", category::META),
    ("source", category::META),
    ("info", category::META),
    ("intro", category::LEAD),
    ("lead", category::LEAD),
    ("summary", category::LEAD),
    ("excerpt", category::LEAD),
    ("abstract", category::LEAD),
    ("standfirst", category::LEAD),
    ("subtitle", category::LEAD),
    ("description", category::LEAD),
    ("deck", category::LEAD),
    ("list", category::LISTING),
    ("item", category::LISTING),
    ("items", category::LISTING),
    ("card", category::LISTING),
    ("cards", category::LISTING),
    ("tile", category::LISTING),
    ("tiles", category::LISTING),
    ("grid", category::LISTING),
    ("feed", category::LISTING),
    ("slider", category::LISTING),
    ("carousel", category::LISTING),
    ("module", category::LISTING),
    ("box", category::LISTING),
    ("title", category::TITLE),
    ("headline", category::TITLE),
    ("heading", category::TITLE),
    ("header", category::HEADER),
    ("top", category::HEADER),
    ("topbar", category::HEADER),
    ("article", category::CONTENT),
    ("articlebody", category::CONTENT),
    ("content", category::CONTENT),
    ("entry", category::CONTENT),
    ("post", category::CONTENT),
    ("story", category::CONTENT),
    ("body", category::CONTENT),
    ("text", category::CONTENT),
];

/// What the words of a class, id or `itemprop` value say of an element.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct ClassWords {
    /// The furniture its first furniture word names, unless a word also names main text
    /// (`article-sidebar-wrapper content` stays).
    pub furniture: Option<&'static str>,
    /// The categories its words name (bits of [`category`]).
    pub categories: u16,
    /// Whether a word names the main text itself (`articleBody`, `entry-content`, `story`).
    pub names_content: bool,
}

/// What each known word says: furniture reason, category bits, vetoes furniture, names the
/// main text.
type WordInfo = (Option<&'static str>, u16, bool, bool);

fn word_table() -> &'static FxHashMap<&'static str, WordInfo> {
    static TABLE: OnceLock<FxHashMap<&'static str, WordInfo>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table: FxHashMap<&'static str, WordInfo> = FxHashMap::default();
        for &(word, why) in FURNITURE_WORDS {
            table.entry(word).or_default().0 = Some(why);
        }
        for &(word, bits) in CATEGORY_WORDS {
            table.entry(word).or_default().1 |= bits;
        }
        for &word in CONTENT_WORDS {
            table.entry(word).or_default().2 = true;
        }
        for word in ["articlebody", "content", "entry", "story"] {
            table.entry(word).or_default().3 = true;
        }
        table
    })
}

/// What the words of `value` (class and id values, or `itemprop`) say, in one pass.
pub(super) fn class_words(value: &str) -> ClassWords {
    let table = word_table();
    let mut furniture = None;
    let mut vetoed = false;
    let mut categories = 0;
    let mut names_content = false;
    words(value, |word| {
        if let Some(&(why, bits, veto, content)) = table.get(word) {
            furniture = furniture.or(why);
            categories |= bits;
            vetoed |= veto;
            names_content |= content;
        }
        false
    });
    ClassWords {
        furniture: furniture.filter(|_| !vetoed),
        categories,
        names_content,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_tag_the_extractor_tells_apart_is_known() {
        // Every element name of HTML: those a hint treats apart must read as themselves, or
        // their element would pass for an inline one.
        let html_elements = "a abbr address area article aside audio b base bdi bdo blockquote \
            body br button canvas caption center cite code col colgroup data datalist dd del \
            details dfn dialog div dl dt em embed fieldset figcaption figure font footer form h1 \
            h2 h3 h4 h5 h6 head header hgroup hr html i iframe img input ins kbd label legend li \
            link main map mark math menu meta meter nav noscript object ol optgroup option output \
            p param picture pre progress q rp rt ruby s samp script search section select slot \
            small source span strong style sub summary sup svg table tbody td template textarea \
            tfoot th thead time title tr track u ul var video wbr";
        for tag in html_elements.split_whitespace() {
            let special = is_block(tag)
                || is_skipped(tag)
                || closes_paragraph(tag)
                || furniture_tag(tag).is_some()
                || matches!(
                    tag,
                    "a" | "html" | "body" | "main" | "article" | "title" | "p" | "li" | "td"
                );
            if special {
                assert_eq!(known_tag(tag), tag, "{tag}");
            }
            assert_eq!(known_tag(&tag.to_uppercase()), known_tag(tag), "{tag}");
        }
        assert_eq!(known_tag("my-widget"), "");
        assert_eq!(known_tag("span"), "");
    }

    #[test]
    fn class_words_split_on_case_and_punctuation() {
        let furniture = |value: &str| class_words(value).furniture;
        assert_eq!(furniture("site-navBar"), Some("nav"));
        assert_eq!(furniture("main-nav"), Some("nav"));
        assert_eq!(furniture("canvas-wrapper"), None);
        assert_eq!(furniture("social_share"), Some("share"));
        assert_eq!(furniture("article-sidebar content"), None);
        assert_eq!(furniture("cookie-consent"), Some("cookie"));
        assert_eq!(furniture(""), None);
        assert_eq!(
            class_words("wp-caption photoCredit").categories,
            category::CAPTION
        );
        let intro = class_words("article__intro entry-meta");
        assert_eq!(
            intro.categories,
            category::LEAD | category::CONTENT | category::META
        );
        assert!(intro.names_content);
        assert!(!class_words("main-nav").names_content);
    }
}
