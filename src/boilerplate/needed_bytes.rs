//! The bytes a pattern cannot match without: sets of bytes such that every match holds at least
//! one byte of each set. A line that lacks every byte of one set is not tried at all (most lines
//! have no `|`, no `©`, no digit), which spares the rules that no first byte rules out (a pattern
//! unanchored, or anchored on a class as large as `\p{L}`) a search of the line.
//!
//! The sets come from the pattern's syntax tree: a literal needs each of its bytes, a class the
//! first byte of one of its characters, a concatenation what each of its parts needs, an
//! alternation one byte of what each branch needs, a repetition at least once what its body needs;
//! anything that can match the empty string needs nothing.

use regex_syntax::hir::{Class, Hir, HirKind};

/// A set of bytes: bit `b % 64` of word `b / 64` for byte `b`.
pub(super) type ByteSet = [u64; 4];

/// The most sets a pattern keeps (the rarest, by [`weight`]).
const MOST_SETS: usize = 2;

/// Sets holding more bytes than this rule out too few lines to be worth a check.
const MOST_BYTES: u32 = 96;

/// The bytes of `line`.
pub(super) fn bytes_of(line: &str) -> ByteSet {
    let mut set = [0u64; 4];
    for &b in line.as_bytes() {
        set[usize::from(b >> 6)] |= 1 << (b & 63);
    }
    set
}

/// Whether `present` (a line's bytes) holds a byte of each of `needed`.
pub(super) fn may_match(needed: &[ByteSet], present: &ByteSet) -> bool {
    needed
        .iter()
        .all(|set| set.iter().zip(present).any(|(a, b)| a & b != 0))
}

/// Byte sets every match of `hir` holds a byte of (at most [`MOST_SETS`], the rarest first);
/// empty when it needs none.
pub(super) fn needed_bytes(hir: &Hir) -> Vec<ByteSet> {
    needs(hir)
}

/// How common a byte is in text, roughly (letters by their frequency in European languages): a
/// set's weight estimates how many lines hold one of its bytes, so the rarest sets are kept.
fn weight(b: u8) -> u32 {
    /// `a` to `z`.
    const LETTERS: [u32; 26] = [
        90, 15, 40, 40, 120, 15, 20, 25, 80, 5, 10, 50, 30, 80, 70, 30, 5, 70, 80, 70, 50, 12, 10,
        3, 10, 5,
    ];
    match b {
        b' ' => 180,
        b'a'..=b'z' => LETTERS[usize::from(b - b'a')],
        b'A'..=b'Z' => (LETTERS[usize::from(b - b'A')] / 8).max(1),
        b'0'..=b'9' => 15,
        // UTF-8 continuation bytes: every character beyond ASCII has some.
        0x80..=0xbf => 60,
        // UTF-8 leading bytes.
        0xc0..=0xff => 30,
        _ => 5,
    }
}

fn set_weight(set: &ByteSet) -> u32 {
    let mut total = 0;
    for (i, &word) in set.iter().enumerate() {
        let mut bits = word;
        while bits != 0 {
            // (At most 255.)
            total += weight((i * 64) as u8 + bits.trailing_zeros() as u8);
            bits &= bits - 1;
        }
    }
    total
}

/// Whether `set` holds byte `b`.
pub(super) fn contains(set: &ByteSet, b: u8) -> bool {
    set[usize::from(b >> 6)] & (1 << (b & 63)) != 0
}

/// Adds byte `b` to `set`.
pub(super) fn insert(set: &mut ByteSet, b: u8) {
    set[usize::from(b >> 6)] |= 1 << (b & 63);
}

fn count(set: &ByteSet) -> u32 {
    set.iter().map(|w| w.count_ones()).sum()
}

/// The first byte of `c` in UTF-8.
fn leading_byte(c: char) -> u8 {
    let mut buf = [0u8; 4];
    c.encode_utf8(&mut buf).as_bytes()[0]
}

/// The sets `hir` needs, rarest first, at most [`MOST_SETS`].
fn needs(hir: &Hir) -> Vec<ByteSet> {
    let mut sets = match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => Vec::new(),
        HirKind::Literal(literal) => literal
            .0
            .iter()
            .map(|&b| {
                let mut set = [0u64; 4];
                insert(&mut set, b);
                set
            })
            .collect(),
        HirKind::Class(Class::Unicode(class)) => {
            // UTF-8 keeps the order of code points: the characters of a range start with the
            // bytes from its first character's to its last's.
            let mut set = [0u64; 4];
            for range in class.iter() {
                for b in leading_byte(range.start())..=leading_byte(range.end()) {
                    insert(&mut set, b);
                }
            }
            vec![set]
        }
        HirKind::Class(Class::Bytes(class)) => {
            let mut set = [0u64; 4];
            for range in class.iter() {
                for b in range.start()..=range.end() {
                    insert(&mut set, b);
                }
            }
            vec![set]
        }
        HirKind::Repetition(repetition) if repetition.min > 0 => needs(&repetition.sub),
        HirKind::Repetition(_) => Vec::new(),
        HirKind::Capture(capture) => needs(&capture.sub),
        HirKind::Concat(parts) => parts.iter().flat_map(needs).collect(),
        HirKind::Alternation(branches) => {
            // One byte of the rarest set of each branch; nothing when a branch needs nothing.
            let mut union = [0u64; 4];
            for branch in branches {
                let Some(rarest) = needs(branch).into_iter().next() else {
                    return Vec::new();
                };
                for (u, r) in union.iter_mut().zip(rarest) {
                    *u |= r;
                }
            }
            vec![union]
        }
    };
    // (A set too large to keep would only make an alternation's union larger.)
    sets.retain(|set| count(set) <= MOST_BYTES);
    sets.sort_by_cached_key(|set| (set_weight(set), *set));
    sets.dedup();
    sets.truncate(MOST_SETS);
    sets
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Pieces of patterns, and of the lines tried on them (the same words, so that lines match).
    const PIECES: [&str; 12] = [
        "par",
        "Фото",
        "©",
        "qr",
        "二维码",
        "»",
        "|",
        "(afp)",
        "2018",
        "é",
        " ",
        "l’",
    ];
    const PARTS: [&str; 10] = [
        r"\d",
        r"\s*",
        r"\s+",
        r"\p{Lu}",
        r"[>»›/]",
        r"[^|]+",
        r".{0,5}",
        r"\b",
        r"^",
        r"\w",
    ];

    /// A pattern of pieces and parts, some optional, some in alternations.
    fn pattern() -> impl Strategy<Value = String> {
        let atom = prop_oneof![
            (0..PIECES.len()).prop_map(|i| regex_syntax::escape(PIECES[i])),
            (0..PARTS.len()).prop_map(|i| PARTS[i].to_owned()),
        ];
        let atom = (atom, 0..4u8).prop_map(|(a, suffix)| match suffix {
            0 => format!("(?:{a})?"),
            1 => format!("(?:{a})+"),
            _ => a,
        });
        let branch = proptest::collection::vec(atom, 1..4).prop_map(|atoms| atoms.concat());
        proptest::collection::vec(branch, 1..3).prop_map(|branches| branches.join("|"))
    }

    proptest! {
        /// A line a pattern matches holds a byte of every set the pattern needs.
        #[test]
        fn a_matched_line_holds_what_its_pattern_needs(
            pattern in pattern(),
            line in proptest::collection::vec(0..PIECES.len(), 0..8),
        ) {
            let line: String = line.into_iter().map(|i| PIECES[i]).collect();
            let matcher = regex::RegexBuilder::new(&pattern).case_insensitive(true).build().unwrap();
            if matcher.is_match(&line) {
                let needed = needed_bytes(&hir(&pattern));
                prop_assert!(may_match(&needed, &bytes_of(&line)), "{} on {:?}", pattern, line);
            }
        }
    }

    fn hir(pattern: &str) -> Hir {
        regex_syntax::ParserBuilder::new()
            .case_insensitive(true)
            .build()
            .parse(pattern)
            .unwrap()
    }

    fn bytes(set: &ByteSet) -> Vec<u8> {
        (0..=255u8).filter(|&b| contains(set, b)).collect()
    }

    #[test]
    fn a_pattern_needs_its_rarest_bytes() {
        // A menu bar needs its `|`; a caption credit its parentheses.
        let menu = needed_bytes(&hir(r"^[^|]+(?:\s\|\s[^|]+){3,}$"));
        assert_eq!(bytes(&menu[0]), b"|");
        // Then the spaces around it (ASCII's and the leading bytes of Unicode's).
        assert!(contains(&menu[1], b' ') && !contains(&menu[1], b'a'));
        let caption = needed_bytes(&hir(r"\((?:afp|ap|reuters)\s*/[^)]*\)\s*$"));
        assert_eq!(caption.len(), 2);
        assert!(caption.iter().all(|set| count(set) == 1));
        // A case-insensitive letter needs either case; a branch of each alternative.
        let either = needed_bytes(&hir(r"(?:qr code|二维码)"));
        assert_eq!(either.len(), 1);
        assert!(bytes(&either[0]).iter().any(u8::is_ascii_lowercase));
        assert!(bytes(&either[0]).iter().any(u8::is_ascii_uppercase));
        assert!(bytes(&either[0]).iter().any(|&b| b >= 0x80));
        // What can match nothing needs nothing.
        assert!(needed_bytes(&hir(r"^(?:abc)?$")).is_empty());
        assert!(needed_bytes(&hir(r"\b")).is_empty());
    }

    #[test]
    fn every_line_a_pattern_matches_holds_the_bytes_it_needs() {
        let cases = [
            (r"\d{1,2}\s+\p{L}+", "le 3 juin"),
            (r"\d", "٣ يونيو"),
            (
                r"^[^.!?>»›/]*\p{L}[^.!?>»›/]*(?:\s[>»›/]\s[^.!?>»›/]*\p{L}){2,}$",
                "Accueil » Monde › Europe",
            ),
            (
                r"(?:Lesen Sie auch|Читайте также)",
                "ЧИТАЙТЕ ТАКЖЕ: новости",
            ),
            (r"©\s*\p{Lu}", "© Reuters"),
            (r"(?:foto|Фото)\s*:", "ФОТО: РИА"),
        ];
        for (pattern, line) in cases {
            let hir = hir(pattern);
            let matcher = regex::RegexBuilder::new(pattern)
                .case_insensitive(true)
                .build()
                .unwrap();
            assert!(matcher.is_match(line), "{pattern} on {line}");
            let needed = needed_bytes(&hir);
            assert!(!needed.is_empty(), "{pattern}");
            assert!(may_match(&needed, &bytes_of(line)), "{pattern} on {line}");
        }
        // And a line without them is not tried.
        let digits = needed_bytes(&hir(r"\d{1,2}\s+\p{L}+"));
        assert!(!may_match(&digits, &bytes_of("le trois juin")));
    }
}
