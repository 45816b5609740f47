//! The template check of exact verification: two documents that share a frame but hold different
//! text at one place (pages of one template, bulletins of one layout) can be as similar as a copy
//! with a changed sentence. What tells them apart is the shape of their difference: an edit
//! changes a few words, or adds, drops or moves a passage on one side; a template filled twice
//! has, at one place, a passage on each side that the other does not hold at all.

use std::hash::Hasher;
use std::ops::Range;

use rustc_hash::FxHasher;
use similar::algorithms::{Capture, Compact, DiffHook, NoFinishHook, Replace, myers};
use similar::{DiffOp, TextDiff};

/// Two versions of one place share less than this share of their characters to count as
/// different passages (not a passage with typos or edited words).
const MAX_PASSAGE_LIKENESS: f32 = 0.5;

/// Equal runs of at most this many words between two changes belong to one changed region.
const MAX_ABSORBED_WORDS: usize = 2;

/// [`replaced_passage_in_words`], splitting the keys itself.
#[cfg(test)]
pub(super) fn replaced_passage<'a>(
    a: &'a str,
    b: &'a str,
    min_chars: usize,
) -> Option<(&'a str, &'a str)> {
    replaced_passage_in_words(a, &Words::of(a), b, &Words::of(b), min_chars)
}

/// A key cut into its [`words`], each with a 64-bit hash (FxHash, eight bytes a step) the word
/// diff compares instead of its bytes: one comparison of two numbers, not of two slices (two
/// different words would be taken as equal only if their hashes collided, about one chance in
/// 2⁶⁴ a comparison).
pub(super) struct Words<'a> {
    /// The words, as slices of the key.
    pub(super) words: Vec<&'a [u8]>,
    /// The hash of each word.
    pub(super) ids: Vec<u64>,
}

impl<'a> Words<'a> {
    /// The words of `key` and their hashes.
    pub(super) fn of(key: &'a str) -> Self {
        let words = words(key);
        let ids = words
            .iter()
            .map(|word| {
                let mut hasher = FxHasher::default();
                hasher.write(word);
                hasher.finish()
            })
            .collect();
        Words { words, ids }
    }
}

/// A passage that `a` and `b` (fold keys: words separated by single spaces) hold at the same
/// place, each at least `min_chars` characters long and less than half alike: the two versions,
/// as `(from a, from b)`. `None` when the keys differ only by edits within their words, by
/// passages added, dropped or moved on one side, or by replaced passages shorter than
/// `min_chars` (0 turns the check off). `split_a` and `split_b` are the keys' [`Words`] (a
/// document compared with several others splits its key once).
pub(super) fn replaced_passage_in_words<'a>(
    a: &'a str,
    split_a: &Words<'a>,
    b: &'a str,
    split_b: &Words<'a>,
    min_chars: usize,
) -> Option<(&'a str, &'a str)> {
    if min_chars == 0 || a == b {
        return None;
    }
    let ops = word_diff(a, b, split_a, split_b);
    let (words_a, words_b) = (&split_a.words[..], &split_b.words[..]);
    // Changed regions: runs of inserted, deleted and replaced words, with the short runs of
    // equal words between them (two different sentences share a few function words, which
    // the diff aligns) taken in. Each region keeps the range of its ops.
    let mut regions: Vec<Region> = Vec::new();
    let mut open: Option<Region> = None;
    for (index, op) in ops.iter().enumerate() {
        let (old, new) = (op.old_range(), op.new_range());
        if let DiffOp::Equal { len, .. } = *op {
            if len > MAX_ABSORBED_WORDS
                && let Some(region) = open.take()
            {
                regions.push(region);
            }
            continue; // a short run is taken in by the next change
        }
        match &mut open {
            Some(region) => {
                region.old.end = old.end;
                region.new.end = new.end;
                region.ops.end = index + 1;
            }
            None => {
                open = Some(Region {
                    old,
                    new,
                    ops: index..index + 1,
                })
            }
        }
    }
    regions.extend(open);
    regions.into_iter().find_map(|region| {
        let (old, new) = (region.old.clone(), region.new.clone());
        if old.is_empty() || new.is_empty() {
            return None; // added or dropped on one side only
        }
        let from_a = span(a, words_a, old);
        let from_b = span(b, words_b, new);
        // Characters are never more than bytes: a side shorter than `min_chars` bytes is too.
        if from_a.len().min(from_b.len()) < min_chars {
            return None;
        }
        let (chars_a, chars_b) = (from_a.chars().count(), from_b.chars().count());
        if chars_a.min(chars_b) < min_chars {
            return None;
        }
        // The word diff aligns a common subsequence of the two versions' characters: when it
        // alone makes them at least half alike, the character diff (the costly part) would too.
        let aligned = aligned_chars(&ops[region.ops], words_a, words_b);
        if 4 * aligned >= chars_a + chars_b {
            return None;
        }
        let likeness = TextDiff::from_chars(from_a, from_b).ratio();
        (likeness < MAX_PASSAGE_LIKENESS).then_some((from_a, from_b))
    })
}

/// A changed region of the word diff: its words on each side, and its ops.
struct Region {
    old: Range<usize>,
    new: Range<usize>,
    ops: Range<usize>,
}

/// The length, in characters, of a common subsequence of the texts of two versions of a region
/// (its words joined by single spaces) that `ops` (the region's word diff) aligns: the equal
/// words and the spaces between them, and of each replaced run its opening and closing
/// characters in common. At most their longest common subsequence, so a lower bound of the
/// matches that the character diff finds.
fn aligned_chars(ops: &[DiffOp], words_a: &[&[u8]], words_b: &[&[u8]]) -> usize {
    let chars = |word: &[u8]| word.iter().filter(|&&b| b & 0xc0 != 0x80).count();
    ops.iter()
        .map(|op| match *op {
            DiffOp::Equal { old_index, len, .. } => {
                let equal = &words_a[old_index..old_index + len];
                equal.iter().map(|w| chars(w)).sum::<usize>() + len.saturating_sub(1)
            }
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => {
                let joined = |words: &[&[u8]]| words.join(&b' ');
                let old = joined(&words_a[old_index..old_index + old_len]);
                let new = joined(&words_b[new_index..new_index + new_len]);
                // Whole characters only: the common bytes may end inside a character (`é`
                // and `è` share their first byte), which then does not count.
                let mut prefix = common_prefix(&old, &new);
                while prefix > 0 && old.get(prefix).is_some_and(|&b| b & 0xc0 == 0x80) {
                    prefix -= 1;
                }
                let (old_rest, new_rest) = (&old[prefix..], &new[prefix..]);
                // Counted by lead bytes: a character cut at the suffix's start has none there.
                let suffix = common_suffix(old_rest, new_rest);
                chars(&old[..prefix]) + chars(&old_rest[old_rest.len() - suffix..])
            }
            DiffOp::Delete { .. } | DiffOp::Insert { .. } => 0,
        })
        .sum()
}

/// The words of `key`, as `key.split(' ')` gives them, as bytes (a space is never part of a
/// longer character; splitting bytes checks no character boundaries).
pub(super) fn words(key: &str) -> Vec<&[u8]> {
    let bytes = key.as_bytes();
    let mut words = Vec::with_capacity(bytes.len() / 6 + 1);
    let mut start = 0;
    let mut space = |at: usize| {
        words.push(&bytes[start..at]);
        start = at + 1;
    };
    // Eight bytes at a time: a bit for each space among them, then each set bit in turn.
    let mut chunks = bytes.chunks_exact(8);
    let mut base = 0;
    for chunk in &mut chunks {
        let mut spaces = space_bits(u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8])));
        while spaces != 0 {
            space(base + (spaces.trailing_zeros() / 8) as usize);
            spaces &= spaces - 1;
        }
        base += 8;
    }
    for (i, &b) in chunks.remainder().iter().enumerate() {
        if b == b' ' {
            space(base + i);
        }
    }
    words.push(&bytes[start..]);
    words
}

/// The top bit of each byte of `word` that is a space, the others clear.
fn space_bits(word: u64) -> u64 {
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let x = word ^ 0x2020_2020_2020_2020; // a space is now a zero byte
    // A byte's top bit ends set when the byte is not zero: exact for each byte (no carry
    // crosses bytes, unlike the shorter `(x - 0x01…) & !x` test).
    let nonzero = ((x & LOW7) + LOW7) | x;
    !nonzero & HIGH
}

/// The Myers diff of the words of `a` and `b`, as `capture_diff_slices` gives it on the two word
/// lists, made cheaper: the words the keys open and close with in common are found by comparing
/// bytes (Myers leaves them out first too), and the diff runs on the words between, compared by
/// their hashes.
fn word_diff(a: &str, b: &str, split_a: &Words, split_b: &Words) -> Vec<DiffOp> {
    let (words_a, words_b) = (&split_a.words[..], &split_b.words[..]);
    let (ids_a, ids_b) = (&split_a.ids[..], &split_b.ids[..]);
    let start_of = |word: &[u8]| word.as_ptr() as usize - a.as_ptr() as usize;
    let shortest = words_a.len().min(words_b.len());
    // Words that end before the keys' first different byte are followed by a space in both:
    // equal. Then word by word, for the one the different byte falls in.
    let same_bytes = common_prefix(a.as_bytes(), b.as_bytes());
    let mut prefix = words_a
        .partition_point(|w| start_of(w) + w.len() < same_bytes)
        .min(shortest);
    while prefix < shortest && ids_a[prefix] == ids_b[prefix] {
        prefix += 1;
    }
    // The same from the end, among the words after the prefix: words that start after the last
    // different byte are preceded by a space in both.
    let same_bytes = common_suffix(a.as_bytes(), b.as_bytes());
    let most = shortest - prefix;
    let mut suffix = (words_a.len()
        - words_a.partition_point(|w| start_of(w) <= a.len() - same_bytes))
    .min(most);
    while suffix < most && ids_a[ids_a.len() - 1 - suffix] == ids_b[ids_b.len() - 1 - suffix] {
        suffix += 1;
    }
    let mut hook = Compact::new(Replace::new(Capture::new()), ids_a, ids_b);
    // The same calls, in the same order, as Myers makes on the whole lists.
    let calls = (|| {
        if prefix > 0 {
            hook.equal(0, 0, prefix)?;
        }
        myers::diff_deadline(
            &mut NoFinishHook::new(&mut hook),
            ids_a,
            prefix..ids_a.len() - suffix,
            ids_b,
            prefix..ids_b.len() - suffix,
            None,
        )?;
        if suffix > 0 {
            hook.equal(words_a.len() - suffix, words_b.len() - suffix, suffix)?;
        }
        hook.finish()
    })();
    match calls {
        Ok(()) => hook.into_inner().into_inner().into_ops(),
        // Capturing cannot fail.
        Err(never) => match never {},
    }
}

/// Bytes compared at once, before one by one.
const CHUNK: usize = 32;

/// How many bytes `a` and `b` open with in common.
fn common_prefix(a: &[u8], b: &[u8]) -> usize {
    let n = a.len().min(b.len());
    let mut same = 0;
    while same + CHUNK <= n && a[same..same + CHUNK] == b[same..same + CHUNK] {
        same += CHUNK;
    }
    same + (a[same..n].iter().zip(&b[same..n]))
        .take_while(|(x, y)| x == y)
        .count()
}

/// How many bytes `a` and `b` close with in common.
fn common_suffix(a: &[u8], b: &[u8]) -> usize {
    let n = a.len().min(b.len());
    let (a, b) = (&a[a.len() - n..], &b[b.len() - n..]);
    let mut same = 0;
    while same + CHUNK <= n && a[n - same - CHUNK..n - same] == b[n - same - CHUNK..n - same] {
        same += CHUNK;
    }
    same + (a[..n - same].iter().rev().zip(b[..n - same].iter().rev()))
        .take_while(|(x, y)| x == y)
        .count()
}

/// The text of `words[range]` inside `key` (the words are slices of it); the range is not empty.
fn span<'a>(key: &'a str, words: &[&[u8]], range: Range<usize>) -> &'a str {
    let first = words[range.start];
    let last = words[range.end - 1];
    let begin = first.as_ptr() as usize - key.as_ptr() as usize;
    let end = last.as_ptr() as usize - key.as_ptr() as usize + last.len();
    &key[begin..end]
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use similar::{Algorithm, capture_diff_slices};

    proptest! {
        /// The words and the cheaper diff are those of splitting at spaces and the plain Myers
        /// diff of the word lists, on keys with words replaced, added and dropped anywhere, and
        /// repeated words (few distinct ones, as in real text).
        #[test]
        fn the_word_diff_finds_what_the_plain_diff_finds(
            a in proptest::collection::vec(0..12u8, 0..60),
            edits in proptest::collection::vec((0..60usize, 0..4u8, 0..12u8, 1..30usize), 0..6),
        ) {
            let vocabulary = [
                "le", "conseil", "a", "voté", "budget", "mardi", "soleil", "neige", "sur", "la",
                "côte", "x",
            ];
            let mut b = a.clone();
            for (at, kind, word, len) in edits {
                let at = at.min(b.len());
                match kind {
                    0 => b.insert(at, word),
                    1 if at < b.len() => { b.remove(at); }
                    2 if at < b.len() => b[at] = word,
                    _ => b.splice(at..at, (0..len).map(|i| (word + i as u8) % 12)).for_each(drop),
                }
            }
            let key = |ws: &[u8]| ws.iter().map(|&w| vocabulary[usize::from(w)]).collect::<Vec<_>>().join(" ");
            let (ka, kb) = (key(&a), key(&b));
            let words_a: Vec<&str> = ka.split(' ').collect();
            let words_b: Vec<&str> = kb.split(' ').collect();
            let expected_ops = capture_diff_slices(Algorithm::Myers, &words_a, &words_b);
            fn as_bytes<'a>(words: &[&'a str]) -> Vec<&'a [u8]> {
                words.iter().map(|w| w.as_bytes()).collect()
            }
            prop_assert_eq!(words(&ka), as_bytes(&words_a));
            prop_assert_eq!(words(&kb), as_bytes(&words_b));
            prop_assert_eq!(word_diff(&ka, &kb, &Words::of(&ka), &Words::of(&kb)), expected_ops);
            let plain_prefix = ka.bytes().zip(kb.bytes()).take_while(|(x, y)| x == y).count();
            prop_assert_eq!(common_prefix(ka.as_bytes(), kb.as_bytes()), plain_prefix);
            let plain_suffix =
                ka.bytes().rev().zip(kb.bytes().rev()).take_while(|(x, y)| x == y).count();
            prop_assert_eq!(common_suffix(ka.as_bytes(), kb.as_bytes()), plain_suffix);
        }
    }

    proptest! {
        /// The characters the word diff aligns are never more than the character diff matches
        /// (so skipping the character diff when they make half never changes the answer), with
        /// words that differ inside a character's bytes (`é`, `è`, `ê` share their first byte).
        #[test]
        fn aligned_characters_never_exceed_the_character_diffs_matches(
            a in proptest::collection::vec(0..10u8, 1..40),
            b in proptest::collection::vec(0..10u8, 1..40),
        ) {
            let vocabulary = ["été", "étè", "êta", "la", "côte", "cote", "x", "été x", "mer", "mère"];
            let key = |ws: &[u8]| ws.iter().map(|&w| vocabulary[usize::from(w)]).collect::<Vec<_>>().join(" ");
            let (ka, kb) = (key(&a), key(&b));
            let (words_a, words_b) = (Words::of(&ka), Words::of(&kb));
            let ops = word_diff(&ka, &kb, &words_a, &words_b);
            let aligned = aligned_chars(&ops, &words_a.words, &words_b.words);
            let diff = TextDiff::from_chars(ka.as_str(), kb.as_str());
            let matches: usize = diff
                .ops()
                .iter()
                .map(|op| match *op {
                    DiffOp::Equal { len, .. } => len,
                    _ => 0,
                })
                .sum();
            prop_assert!(aligned <= matches, "{aligned} > {matches}: {ka:?} / {kb:?}");
        }
    }

    proptest! {
        /// Words are found as splitting at spaces finds them, a space at any place of the
        /// eight-byte chunks, bytes next to it of every kind (0x20 and 0xa0 differ by one bit).
        #[test]
        fn words_split_like_the_standard_split(key in "[ a\u{a0}\u{e9}\u{20ac}!]{0,40}") {
            let expected: Vec<&[u8]> = key.as_bytes().split(|&b| b == b' ').collect();
            prop_assert_eq!(words(&key), expected);
        }
    }

    #[test]
    fn a_character_cut_by_the_common_bytes_is_not_aligned() {
        // `é` and `è` share their first byte: `été`/`étè` align `ét` and nothing more.
        let (a, b) = ("été", "étè");
        let (words_a, words_b) = (Words::of(a), Words::of(b));
        let ops = word_diff(a, b, &words_a, &words_b);
        assert_eq!(aligned_chars(&ops, &words_a.words, &words_b.words), 2);
        let (a, b) = ("la côte", "la cote");
        let (words_a, words_b) = (Words::of(a), Words::of(b));
        let ops = word_diff(a, b, &words_a, &words_b);
        assert_eq!(
            aligned_chars(&ops, &words_a.words, &words_b.words),
            2 + 3,
            "`la` and `c…te`"
        );
    }

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
