//! The template check of exact verification: two documents that share a frame but hold different
//! text at one place (pages of one template, bulletins of one layout) can be as similar as a copy
//! with a changed sentence. What tells them apart is the shape of their difference: an edit
//! changes a few words, or adds, drops or moves a passage on one side; a template filled twice
//! has, at one place, a passage on each side that the other does not hold at all.

use std::ops::Range;

use similar::{Algorithm, DiffOp, TextDiff, capture_diff_slices};

/// Two versions of one place share less than this share of their characters to count as
/// different passages (not a passage with typos or edited words).
const MAX_PASSAGE_LIKENESS: f32 = 0.5;

/// Equal runs of at most this many words between two changes belong to one changed region.
const MAX_ABSORBED_WORDS: usize = 2;

/// A passage that `a` and `b` (fold keys: words separated by single spaces) hold at the same
/// place, each at least `min_chars` characters long and less than half alike: the two versions,
/// as `(from a, from b)`. `None` when the keys differ only by edits within their words, by
/// passages added, dropped or moved on one side, or by replaced passages shorter than
/// `min_chars` (0 turns the check off).
pub fn replaced_passage<'a>(
    a: &'a str,
    b: &'a str,
    min_chars: usize,
) -> Option<(&'a str, &'a str)> {
    if min_chars == 0 || a == b {
        return None;
    }
    let words_a: Vec<&str> = a.split(' ').collect();
    let words_b: Vec<&str> = b.split(' ').collect();
    let ops = capture_diff_slices(Algorithm::Myers, &words_a, &words_b);
    // Changed regions: runs of inserted, deleted and replaced words, with the short runs of
    // equal words between them (two different sentences share a few function words, which
    // the diff aligns) taken in.
    let mut regions: Vec<(Range<usize>, Range<usize>)> = Vec::new();
    let mut open: Option<(Range<usize>, Range<usize>)> = None;
    for op in ops {
        let (old, new) = (op.old_range(), op.new_range());
        if let DiffOp::Equal { len, .. } = op {
            if len > MAX_ABSORBED_WORDS
                && let Some(region) = open.take()
            {
                regions.push(region);
            }
            continue; // a short run is taken in by the next change
        }
        match &mut open {
            Some((a, b)) => {
                a.end = old.end;
                b.end = new.end;
            }
            None => open = Some((old, new)),
        }
    }
    regions.extend(open);
    regions.into_iter().find_map(|(old, new)| {
        if old.is_empty() || new.is_empty() {
            return None; // added or dropped on one side only
        }
        let from_a = span(a, &words_a, old);
        let from_b = span(b, &words_b, new);
        if from_a.chars().count().min(from_b.chars().count()) < min_chars {
            return None;
        }
        let likeness = TextDiff::from_chars(from_a, from_b).ratio();
        (likeness < MAX_PASSAGE_LIKENESS).then_some((from_a, from_b))
    })
}

/// The text of `words[range]` inside `key` (the words are slices of it); the range is not empty.
fn span<'a>(key: &'a str, words: &[&'a str], range: Range<usize>) -> &'a str {
    let first = words[range.start];
    let last = words[range.end - 1];
    let begin = first.as_ptr() as usize - key.as_ptr() as usize;
    let end = last.as_ptr() as usize - key.as_ptr() as usize + last.len();
    &key[begin..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_replaced_passage_is_found_and_typos_are_not_one() {
        let june = "weather for june the sun shines on the coast and the wind is light in the morning \
                    storms are expected over the mountains later in the week";
        let december = "weather for june snow falls on the hills and roads are icy before dawn \
                        storms are expected over the mountains later in the week";
        assert!(replaced_passage(june, december, 25).is_some());
        let typo = june.replace("shines", "shine").replace("coast", "coats");
        assert_eq!(replaced_passage(june, &typo, 25), None);
    }
    use crate::normalize::fold;

    const FRAME_START: &str = "Bulletin météo de la préfecture du Var, publié chaque matin à six heures \
        pour les communes du littoral et de l'arrière-pays.";
    const FRAME_END: &str = "Ce bulletin est fourni à titre indicatif : consultez les alertes officielles \
        avant toute sortie en mer ou en montagne, et signalez les routes coupées à la mairie.";

    fn page(body: &str) -> String {
        fold(&format!("{FRAME_START}\n\n{body}\n\n{FRAME_END}"), true)
    }

    #[test]
    fn template_pages_with_different_bodies_differ_by_a_replaced_passage() {
        let june = page("Grand soleil sur toute la côte, vent faible et mer calme jusqu'au soir.");
        let december = page("Neige sur les hauteurs et verglas sur les routes avant l'aube.");
        let (from_a, from_b) = replaced_passage(&june, &december, 25).expect("replaced");
        assert!(from_a.contains("grand soleil"), "{from_a}");
        assert!(from_b.contains("neige"), "{from_b}");
    }

    #[test]
    fn edits_inside_words_added_and_dropped_passages_are_no_replaced_passage() {
        let base = page("Grand soleil sur toute la côte, vent faible et mer calme jusqu'au soir.");
        let typos =
            page("Grand soleill sur toute la cote, vent faibel et mer calme jusqu'au soir.");
        let added = page(
            "Grand soleil sur toute la côte, vent faible et mer calme jusqu'au soir. \
             Les marchés de Noël ouvrent samedi dans le centre-ville.",
        );
        let dropped = fold(&format!("{FRAME_START}\n\n{FRAME_END}"), true);
        for other in [&typos, &added, &dropped] {
            assert_eq!(replaced_passage(&base, other, 25), None, "{other}");
        }
    }

    #[test]
    fn short_replacements_and_zero_turn_the_check_off() {
        let a = page("Le conseil a voté le budget mardi.");
        let b = page("Le conseil a rejeté la motion jeudi.");
        assert_eq!(replaced_passage(&a, &b, 25), None);
        let june = page("Grand soleil sur toute la côte, vent faible et mer calme jusqu'au soir.");
        let december = page("Neige sur les hauteurs et verglas sur les routes avant l'aube.");
        assert_eq!(replaced_passage(&june, &december, 0), None);
    }
}
