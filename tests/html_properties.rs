//! Invariants of HTML extraction on tag soup: no panic, the same result every time, every kept
//! line is text of the page (no markup, no script), and a higher threshold keeps a subset.

use proptest::prelude::*;
use tamis::html::{HtmlConfig, extract_with};

/// Pieces of pages, well-formed or not, joined in any order. (A bare `<` before a letter opens a
/// tag that may swallow a `<script>`'s start, as in a browser: arbitrary strings are checked
/// for panics only, below.)
fn tag_soup() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "<p>",
        "</p>",
        "<div class=\"content\">",
        "<div class='nav menu'>",
        "</div>",
        "<li>",
        "<ul>",
        "</ul>",
        "<a href=/x>",
        "</a>",
        "<br>",
        "<table><tr><td>",
        "</td></tr></table>",
        "<script>var x = '<p>no</p>';</script>",
        "<style>p{}</style>",
        "<!-- <p>hidden</p> -->",
        "<footer>",
        "</footer>",
        "<article>",
        "</article>",
        "<h1>",
        "</h1>",
        "&amp;",
        "&eacute;",
        "&#x1F600;",
        "&bogus;",
        "a < b",
        ">",
        "\"",
        "<p hidden>",
        "<span aria-hidden=true>",
        "La Seine est montée de deux mètres en trois jours, selon la préfecture. ",
        "Die Stadt hat am Montag die Uferstraße gesperrt, teilte die Polizei mit. ",
        "Accueil",
        "Partager",
        " ",
        "\n",
        "\u{a0}",
        "\u{feff}",
        "日本語の文章です。",
    ]);
    prop::collection::vec(pieces, 0..60).prop_map(|parts| parts.concat())
}

proptest! {
    #[test]
    fn extraction_is_total_deterministic_and_free_of_markup(page in tag_soup(), threshold in 0.0f32..=1.0) {
        let config = HtmlConfig { threshold };
        let first = extract_with(&page, &config);
        let second = extract_with(&page, &config);
        prop_assert_eq!(&first, &second);
        for line in first.text.lines() {
            prop_assert!(!line.trim().is_empty(), "blank line in {:?}", first.text);
            prop_assert!(!line.contains("var x"), "script text kept: {:?}", line);
            prop_assert!(!line.contains("p{}"), "style text kept: {:?}", line);
            prop_assert!(!line.contains("hidden</p>"), "comment kept: {:?}", line);
        }
        prop_assert_eq!(first.text.lines().count() + first.removed.len(), first.blocks);
    }

    #[test]
    fn a_higher_threshold_keeps_a_subset(page in tag_soup(), low in 0.0f32..=1.0, high in 0.0f32..=1.0) {
        let (low, high) = (low.min(high), low.max(high));
        let loose = extract_with(&page, &HtmlConfig { threshold: low });
        let strict = extract_with(&page, &HtmlConfig { threshold: high });
        let loose_lines: Vec<&str> = loose.text.lines().collect();
        let mut at = 0;
        for line in strict.text.lines() {
            let found = loose_lines[at..].iter().position(|l| *l == line);
            prop_assert!(found.is_some(), "{:?} kept at {} but not at {}", line, high, low);
            at += found.unwrap_or(0) + 1;
        }
    }

    #[test]
    fn any_string_is_read_without_panic(text in "\\PC{0,200}") {
        let extracted = extract_with(&text, &HtmlConfig::default());
        prop_assert!(extracted.text.len() <= text.len() * 4 + 16);
    }
}
