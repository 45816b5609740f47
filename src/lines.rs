//! Splitting text at line feeds, as `str::split('\n')` does, with `memchr`'s vectorised search
//! (the standard library's search for one character reads a word at a time): every stage splits
//! every document into lines, some several times.

/// The pieces of `text` between line feeds: the same as `text.split('\n')` (a final line feed
/// gives a last, empty piece; no `\r` is removed).
pub(crate) fn split_lines(text: &str) -> impl Iterator<Item = &str> + '_ {
    let mut start = 0;
    memchr::memchr_iter(b'\n', text.as_bytes())
        .map(Some)
        .chain(std::iter::once(None))
        .map(move |feed| {
            let end = feed.unwrap_or(text.len());
            // A line feed is a whole character: both ends are character boundaries.
            let line = text.get(start..end).unwrap_or_default();
            start = end + 1;
            line
        })
}

/// Where `"  "` (two spaces) first starts in `text`: `text.find("  ")`, searched with `memchr`.
pub(crate) fn find_double_space(text: &str) -> Option<usize> {
    // Built once: building a searcher cost more than searching a line.
    static DOUBLE_SPACE: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new(b"  "));
    DOUBLE_SPACE.find(text.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn lines_and_double_spaces_are_found_as_the_standard_library_finds_them(
            text in "[a\\n \\r é中]{0,40}",
        ) {
            let ours: Vec<&str> = split_lines(&text).collect();
            let std: Vec<&str> = text.split('\n').collect();
            prop_assert_eq!(ours, std);
            prop_assert_eq!(find_double_space(&text), text.find("  "));
        }
    }

    #[test]
    fn a_final_line_feed_gives_an_empty_last_line() {
        assert_eq!(split_lines("a\nb\n").collect::<Vec<_>>(), ["a", "b", ""]);
        assert_eq!(split_lines("").collect::<Vec<_>>(), [""]);
        assert_eq!(split_lines("\r\n").collect::<Vec<_>>(), ["\r", ""]);
    }
}
