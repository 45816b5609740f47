//! Gopher's n-gram repetition measures over a document's words, as datatrove computes them: the
//! characters covered by the most frequent n-gram (`top_n_grams`) and by n-grams that repeat an
//! earlier one (`dup_n_grams`, comparing words run together).
//!
//! Most windows of a text occur once, and the work goes to finding the few that do not: an
//! n-gram occurs twice only where both of its (n - 1)-grams do, and a run of words occurs twice
//! only where its first bytes occur at two word starts. Tables live per thread and are cleared
//! slot by slot, so a document costs what its repeats cost, not what its length would.

use std::cell::RefCell;

use xxhash_rust::xxh3::xxh3_64;

use super::text::python_len;

/// An open-addressing table from 64-bit hashes (well mixed) to a value: a look-up is a multiply
/// and a probe or two; clearing forgets only the slots used.
struct Table<V: Copy + Default> {
    keys: Vec<u64>,
    values: Vec<V>,
    used: Vec<usize>,
    shift: u32,
    mask: usize,
}

impl<V: Copy + Default> Table<V> {
    const fn new() -> Self {
        Table {
            keys: Vec::new(),
            values: Vec::new(),
            used: Vec::new(),
            shift: 64,
            mask: 0,
        }
    }

    /// Empties the table and makes room for `n` keys.
    fn reset(&mut self, n: usize) {
        for &slot in &self.used {
            self.keys[slot] = 0;
        }
        self.used.clear();
        let size = (n * 2).next_power_of_two().max(16);
        if self.keys.len() < size {
            self.keys = vec![0; size];
            self.values = vec![V::default(); size];
        }
        self.shift = 64 - size.trailing_zeros();
        self.mask = size - 1;
    }

    /// The slot of `key` (its value's place until the next reset), and whether it was there (a
    /// new key starts at `V::default()`).
    fn slot(&mut self, key: u64) -> (usize, bool) {
        // 0 marks an empty slot.
        let key = key.max(1);
        let mut at = (key.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> self.shift) as usize;
        loop {
            match self.keys[at] {
                0 => {
                    self.keys[at] = key;
                    self.values[at] = V::default();
                    self.used.push(at);
                    return (at, false);
                }
                k if k == key => return (at, true),
                _ => at = (at + 1) & self.mask,
            }
        }
    }

    /// The values of the keys present, in no order.
    fn values(&self) -> impl Iterator<Item = V> + '_ {
        self.used.iter().map(|&slot| self.values[slot])
    }
}

/// A thread's tables and buffers, kept between documents.
struct Scratch {
    counts: Table<(usize, usize)>,
    seen: Table<usize>,
    prefixes: Table<u32>,
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = const {
        RefCell::new(Scratch {
            counts: Table::new(),
            seen: Table::new(),
            prefixes: Table::new(),
        })
    };
}

/// A mixing step of the hashes of word sequences.
fn mix(hash: u64, word: u64) -> u64 {
    (hash.rotate_left(23) ^ word).wrapping_mul(0x9e37_79b9_7f4a_7c15)
}

/// The base of the polynomial hash of words run together (odd).
const BASE: u64 = 0x100_0000_01b3;

/// Equal concatenations of the words of `a` and `b` (`"".join`, where `ab c` equals `a bc`).
fn same_concatenation(a: &[&str], b: &[&str]) -> bool {
    a.iter()
        .flat_map(|w| w.bytes())
        .eq(b.iter().flat_map(|w| w.bytes()))
}

/// How many bytes of the words run together are compared first for duplicated n-grams.
const PREFIX: usize = 16;

/// Which measure is over its limit: the measure, its value and the limit; `Ok` when none.
pub(super) type Outcome = Result<(), (Measure, f64, f64)>;

/// One of the n-gram measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Measure {
    /// The characters of the most frequent n-gram, times its count, in the text's.
    Top(usize),
    /// The characters of n-grams repeating an earlier one, in the text's.
    Duplicated(usize),
}

/// The n-gram measures of `words` (of a text of `length` characters), n by n, shortest first,
/// every top n-gram before any duplicated one of the same n (datatrove checks all its top
/// n-grams first, so with a top n-gram longer than a duplicated one the measure named can
/// differ, not whether the text passes); the first over its limit.
pub(super) fn check(
    words: &[&str],
    length: f64,
    top_n_grams: &[(usize, f64)],
    dup_n_grams: &[(usize, f64)],
) -> Outcome {
    let mut over = None;
    scan(
        words,
        length,
        top_n_grams,
        dup_n_grams,
        &mut |measure, value, limit| {
            let broken = limit != 0.0 && value > limit;
            if broken {
                over = Some((measure, value, limit));
            }
            broken
        },
    );
    over.map_or(Ok(()), Err)
}

/// Computes the measures in order, handing each with its limit to `each`, until `each` says
/// stop.
fn scan(
    words: &[&str],
    length: f64,
    top_n_grams: &[(usize, f64)],
    dup_n_grams: &[(usize, f64)],
    each: &mut dyn FnMut(Measure, f64, f64) -> bool,
) {
    let longest = top_n_grams
        .iter()
        .chain(dup_n_grams)
        .map(|&(n, _)| n)
        .max()
        .unwrap_or(0)
        .min(words.len());
    if longest == 0 {
        return;
    }
    let longest_top = top_n_grams.iter().map(|&(n, _)| n).max().unwrap_or(0);
    // Characters of the words before each word, so a window's are one subtraction.
    let mut before = Vec::with_capacity(words.len() + 1);
    before.push(0usize);
    for word in words {
        before.push(before[before.len() - 1] + python_len(word));
    }
    let chars_of = |from: usize, n: usize| before[from + n] - before[from];
    SCRATCH.with_borrow_mut(|scratch| {
        let Scratch {
            counts,
            seen,
            prefixes,
        } = scratch;
        // Word sequences (`" ".join`, words holding no space) hash strongly, window by window
        // from the hashes of one word fewer.
        let strong: Vec<u64> = if longest_top > 0 {
            words.iter().map(|w| xxh3_64(w.as_bytes())).collect()
        } else {
            Vec::new()
        };
        let mut sequences: Vec<u64> = vec![0; if longest_top > 0 { words.len() } else { 0 }];
        // Which windows of the last n counted occur more than once.
        let mut repeats: Option<Vec<bool>> = None;
        let mut slots: Vec<usize> = Vec::new();
        let fewest = dup_n_grams.iter().map(|&(n, _)| n).min().unwrap_or(0);
        let joined = (!dup_n_grams.is_empty()).then(|| Joined::new(words, fewest, prefixes));
        for n in 1..=longest {
            let windows = words.len() + 1 - n;
            if n <= longest_top {
                for i in 0..windows {
                    sequences[i] = mix(sequences[i], strong[i + n - 1]);
                }
            }
            let limits = top_n_grams.iter().filter(|&&(m, _)| m == n);
            if top_n_grams.iter().any(|&(m, _)| m == n) {
                // Counter.most_common(1): the highest count, the first seen among equals (the
                // first window when no n-gram repeats).
                let maybe = |i: usize| repeats.as_ref().is_none_or(|r| r[i] && r[i + 1]);
                counts.reset(windows);
                slots.clear();
                slots.resize(windows, usize::MAX);
                for i in (0..windows).filter(|&i| maybe(i)) {
                    let (slot, known) = counts.slot(sequences[i]);
                    let count = &mut counts.values[slot];
                    if !known {
                        *count = (0, i);
                    }
                    count.0 += 1;
                    slots[i] = slot;
                }
                let (count, first) = counts
                    .values()
                    .filter(|&(count, _)| count > 1)
                    .max_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)))
                    .unwrap_or((1, 0));
                repeats = Some(
                    slots
                        .iter()
                        .map(|&slot| slot != usize::MAX && counts.values[slot].0 > 1)
                        .collect(),
                );
                let share = ((chars_of(first, n) + n - 1) * count) as f64 / length;
                for &(_, limit) in limits {
                    if each(Measure::Top(n), share, limit) {
                        return;
                    }
                }
            } else {
                repeats = None;
            }
            let Some(joined) = joined.as_ref() else {
                continue;
            };
            for &(_, limit) in dup_n_grams.iter().filter(|&&(m, _)| m == n) {
                let repeated = joined.repeated_chars(words, n, seen, &chars_of);
                if each(Measure::Duplicated(n), repeated as f64 / length, limit) {
                    return;
                }
            }
        }
    })
}

/// The words run together, as far as the duplicated n-grams need them: their bytes, where
/// each word starts in them, which word starts share their first `PREFIX` bytes with another,
/// and the windows that may repeat.
struct Joined {
    bytes: Vec<u8>,
    /// Byte offset of each word, and the end.
    starts: Vec<usize>,
    /// Whether the `PREFIX` bytes from a word's start occur from another word's start too
    /// (true where fewer bytes are left).
    shared: Vec<bool>,
    /// The word starts of windows of the fewest words measured that may repeat: those sharing
    /// their first bytes, and those of fewer bytes than that (longer windows starting
    /// elsewhere are longer still).
    candidates: Vec<usize>,
}

impl Joined {
    fn new(words: &[&str], fewest: usize, prefixes: &mut Table<u32>) -> Joined {
        let mut bytes = Vec::with_capacity(words.iter().map(|w| w.len()).sum());
        let mut starts = Vec::with_capacity(words.len() + 1);
        for word in words {
            starts.push(bytes.len());
            bytes.extend_from_slice(word.as_bytes());
        }
        starts.push(bytes.len());
        prefixes.reset(words.len());
        let slots: Vec<Option<usize>> = starts[..words.len()]
            .iter()
            .map(|&start| {
                let prefix = bytes.get(start..start + PREFIX)?;
                let (slot, _) = prefixes.slot(xxh3_64(prefix));
                prefixes.values[slot] += 1;
                Some(slot)
            })
            .collect();
        let shared: Vec<bool> = slots
            .iter()
            .map(|slot| slot.is_none_or(|slot| prefixes.values[slot] > 1))
            .collect();
        let candidates = (0..words.len())
            .filter(|&i| shared[i] || starts[(i + fewest).min(words.len())] - starts[i] < PREFIX)
            .collect();
        Joined {
            bytes,
            starts,
            shared,
            candidates,
        }
    }

    /// The characters of the windows of `n` words repeating an earlier window (run together),
    /// as datatrove's `find_all_duplicate`: after a repeat the scan jumps past it.
    fn repeated_chars(
        &self,
        words: &[&str],
        n: usize,
        seen: &mut Table<usize>,
        chars_of: &dyn Fn(usize, usize) -> usize,
    ) -> usize {
        let windows = words.len() + 1 - n;
        seen.reset(self.candidates.len());
        let (mut repeated, mut at) = (0usize, 0usize);
        let mut next = 0;
        loop {
            // The next window from `at` that may repeat.
            while next < self.candidates.len() && self.candidates[next] < at {
                next += 1;
            }
            let Some(&candidate) = self.candidates.get(next) else {
                break;
            };
            at = candidate;
            if at >= windows {
                break;
            }
            let (start, end) = (self.starts[at], self.starts[at + n]);
            // A window whose first bytes no other word start has is never a repeat, never
            // repeated.
            if !self.shared[at] && end - start >= PREFIX {
                at += 1;
                continue;
            }
            let hash = self.bytes[start..end].iter().fold(0u64, |h, &b| {
                h.wrapping_mul(BASE).wrapping_add(u64::from(b) + 1)
            });
            let (slot, known) = seen.slot(hash);
            if !known {
                seen.values[slot] = at;
                at += 1;
                continue;
            }
            let first = seen.values[slot];
            // A window colliding with a different one counts as new.
            if same_concatenation(&words[first..first + n], &words[at..at + n]) {
                repeated += chars_of(at, n);
                at += n;
            } else {
                at += 1;
            }
        }
        repeated
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use proptest::prelude::*;

    use super::*;

    /// datatrove's `get_n_grams` and `Counter.most_common(1)`: the top n-gram's characters
    /// times its count.
    fn top_reference(words: &[&str], n: usize) -> usize {
        let grams: Vec<String> = words.windows(n).map(|w| w.join(" ")).collect();
        let mut counts: HashMap<&str, usize> = HashMap::new();
        let mut best: Option<(&str, usize)> = None;
        for gram in &grams {
            *counts.entry(gram).or_default() += 1;
        }
        for gram in &grams {
            let count = counts[gram.as_str()];
            if best.is_none_or(|(_, c)| count > c) {
                best = Some((gram, count));
            }
        }
        best.map_or(0, |(gram, count)| gram.chars().count() * count)
    }

    /// datatrove's `find_all_duplicate` over `"".join` of each window.
    fn duplicated_reference(words: &[&str], n: usize) -> usize {
        let mut seen = std::collections::HashSet::new();
        let (mut repeated, mut at) = (0, 0);
        while at + n <= words.len() {
            let gram = words[at..at + n].concat();
            if seen.insert(gram.clone()) {
                at += 1;
            } else {
                repeated += gram.chars().count();
                at += n;
            }
        }
        repeated
    }

    fn measured(words: &[&str], top: &[(usize, f64)], dup: &[(usize, f64)]) -> f64 {
        match check(words, 1.0, top, dup) {
            Ok(()) => 0.0,
            Err((_, value, _)) => value,
        }
    }

    proptest! {
        #[test]
        fn n_gram_measures_are_datatrove_s(
            words in prop::collection::vec(
                prop::sample::select(vec!["the", "council", "a", "b", "ab", "ba", "vote", "é", "x", "mayor's"]),
                0..120,
            ),
            n in 1usize..11,
        ) {
            let tiny = 1e-9;
            prop_assert_eq!(measured(&words, &[(n, tiny)], &[]), top_reference(&words, n) as f64);
            prop_assert_eq!(measured(&words, &[], &[(n, tiny)]), duplicated_reference(&words, n) as f64);
            // With the shorter measures counted first (their candidates feed the longer ones).
            let all_top: Vec<(usize, f64)> = (1..=n).map(|m| (m, 1e9)).chain([(n + 1, tiny)]).collect();
            prop_assert_eq!(measured(&words, &all_top, &[]), top_reference(&words, n + 1) as f64);
        }
    }
}
