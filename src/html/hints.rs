//! What an element's tag and attributes say about its text: skipped (scripts, forms' widgets),
//! a block of its own (paragraphs, headings, list items, cells), or page furniture (menus,
//! footers, sidebars, share bars, comments) by tag, ARIA role, or class and id words.

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
    let mut word = String::new();
    let mut previous_lower = false;
    for c in value.chars() {
        let boundary = !c.is_alphanumeric() || (previous_lower && c.is_uppercase());
        if boundary && !word.is_empty() {
            if each(&word) {
                return true;
            }
            word.clear();
        }
        if c.is_alphanumeric() {
            word.extend(c.to_lowercase());
        }
        previous_lower = c.is_lowercase();
    }
    !word.is_empty() && each(&word)
}

/// The furniture reason named by class and id words, unless they also name main text.
pub(super) fn furniture_class(class_and_id: &str) -> Option<&'static str> {
    if class_and_id.is_empty() || words(class_and_id, |w| CONTENT_WORDS.contains(&w)) {
        return None;
    }
    let mut reason = None;
    words(class_and_id, |w| {
        reason = FURNITURE_WORDS
            .iter()
            .find(|(word, _)| *word == w)
            .map(|(_, why)| *why);
        reason.is_some()
    });
    reason
}

/// Whether class, id or `itemprop` words name the main text (`articleBody`, `entry-content`).
pub(super) fn names_content(class_and_id: &str) -> bool {
    words(class_and_id, |w| {
        matches!(w, "articlebody" | "content" | "entry" | "story")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn class_words_split_on_case_and_punctuation() {
        assert_eq!(furniture_class("site-navBar"), Some("nav"));
        assert_eq!(furniture_class("canvas-wrapper"), None);
        assert_eq!(furniture_class("social_share"), Some("share"));
        assert_eq!(furniture_class("article-sidebar content"), None);
        assert_eq!(furniture_class("cookie-consent"), Some("cookie"));
        assert_eq!(furniture_class(""), None);
    }
}
