//! Pairing of double quotation marks within a paragraph, so that each can be replaced by the
//! opening or closing mark a language wants. A mark is opening when it follows a space, an
//! opening bracket or another mark and precedes a non-space; closing in the mirror case;
//! anything else is ambiguous. A paragraph with an ambiguous or unpaired mark is left alone:
//! tamis does not guess.

/// Where a paired mark sits and how deeply it is nested (0 for the outermost pair).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mark {
    /// Index of the character in the paragraph.
    pub index: usize,
    /// True for an opening mark.
    pub opening: bool,
    /// Nesting depth of its pair.
    pub depth: usize,
}

/// Double quotation marks that are classified by their context.
pub fn is_contextual_quote(c: char) -> bool {
    matches!(c, '"' | '“' | '”' | '„' | '‟')
}

fn is_quote(c: char, guillemets: bool) -> bool {
    is_contextual_quote(c) || (guillemets && matches!(c, '«' | '»'))
}

fn opens_after(c: Option<char>, guillemets: bool) -> bool {
    match c {
        None => true,
        Some(c) => c.is_whitespace() || "([{–—-/".contains(c) || is_quote(c, guillemets),
    }
}

fn closes_before(c: Option<char>, guillemets: bool) -> bool {
    match c {
        None => true,
        Some(c) => c.is_whitespace() || ".,;:!?)]}…–—-/".contains(c) || is_quote(c, guillemets),
    }
}

/// Whether a mark at `index` of `line` would be read as `opening` from its neighbours alone
/// (as a contextual quote is read): a guillemet may be replaced by a contextual quote only
/// then, or reading the result again would pair it the other way.
pub fn context_agrees(line: &[char], index: usize, opening: bool) -> bool {
    let before = index.checked_sub(1).map(|i| line[i]);
    let after = line.get(index + 1).copied();
    match (opens_after(before, true), closes_before(after, true)) {
        (true, false) => opening,
        (false, true) => !opening,
        _ => false,
    }
}

/// The paired marks of `line`, or `None` when a mark is ambiguous or unpaired. `guillemets`
/// makes `«` and `»` take part (always opening and closing).
pub fn pair(line: &[char], guillemets: bool) -> Option<Vec<Mark>> {
    let mut marks = Vec::new();
    let mut open: Vec<usize> = Vec::new();
    for (index, &c) in line.iter().enumerate() {
        if !is_quote(c, guillemets) {
            continue;
        }
        let opening = match c {
            '«' => true,
            '»' => false,
            _ => {
                // A mark glued to the previous mark goes the same way (`"Это "Спартак""`).
                let glued = marks.last().filter(|m: &&Mark| m.index + 1 == index);
                let before = index.checked_sub(1).map(|i| line[i]);
                let after = line.get(index + 1).copied();
                let after_space = before.is_none_or(char::is_whitespace);
                let before_mark = after.is_some_and(|c| is_quote(c, guillemets));
                let context = (
                    opens_after(before, guillemets),
                    closes_before(after, guillemets),
                );
                match (glued, context) {
                    (Some(previous), _) => previous.opening,
                    (None, (true, false)) => true,
                    (None, (false, true)) => false,
                    // `""y""`: after a space and before another mark, it opens.
                    (None, (true, true)) if after_space && before_mark => true,
                    _ => return None,
                }
            }
        };
        if opening {
            marks.push(Mark {
                index,
                opening,
                depth: open.len(),
            });
            open.push(marks.len() - 1);
        } else {
            open.pop()?;
            marks.push(Mark {
                index,
                opening,
                depth: open.len(),
            });
        }
    }
    open.is_empty().then_some(marks)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marks(text: &str, guillemets: bool) -> Option<Vec<(usize, bool, usize)>> {
        let chars: Vec<char> = text.chars().collect();
        pair(&chars, guillemets).map(|m| m.iter().map(|m| (m.index, m.opening, m.depth)).collect())
    }

    #[test]
    fn pairs_and_nesting() {
        assert_eq!(
            marks(r#""Ja", sagte er"#, false),
            Some(vec![(0, true, 0), (3, false, 0)])
        );
        assert_eq!(
            marks(r#"«Il a dit "oui" hier»"#, true),
            Some(vec![
                (0, true, 0),
                (10, true, 1),
                (14, false, 1),
                (20, false, 0)
            ])
        );
    }

    #[test]
    fn ambiguous_or_unpaired_marks_give_up() {
        assert_eq!(marks(r#"He said "yes and left"#, false), None);
        assert_eq!(marks(r#"a " b"#, false), None);
        assert_eq!(marks(r#"x ""y"" z"#, false).map(|m| m.len()), Some(4));
        assert_eq!(marks(r#"12" screen"#, false), None);
        assert_eq!(marks("»Nein«", true), None);
    }
}
