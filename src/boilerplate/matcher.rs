//! Which rule a line falls under: the rules of each language in order, each pattern compiled
//! the first time a line needs it, and two quick checks that spare most lines most patterns.
//!
//! - The first byte: a pattern anchored at the start of the line whose matches can only begin
//!   with a few literals (`^(?:par|by|von)\s`) is not tried on a line starting with another
//!   byte (the literals come from the pattern itself, by `regex-syntax`).
//! - The lexicon's openings: a lexicon rule is tried only on a line whose first two letters
//!   open one of its phrases ([`lexicon::opening`]).

use std::sync::OnceLock;

use regex::{Regex, RegexBuilder};
use regex_syntax::hir::Look;
use regex_syntax::hir::literal::{ExtractKind, Extractor};
use rustc_hash::FxHashMap;

use super::lexicon;
use super::rules::{LineRule, built_in};

/// A pattern, case-insensitive, and the bytes its matches can start with. (One `Regex` per
/// rule: a `RegexSet` of all of them measured 50 times slower on news text.)
#[derive(Debug, Clone)]
pub(super) struct Compiled {
    regex: Regex,
    /// Bit `b` set: a match may start with byte `b`; `None`: with any.
    first_bytes: Option<[u64; 4]>,
}

impl Compiled {
    pub(super) fn new(pattern: &str) -> Result<Compiled, regex::Error> {
        Ok(Compiled {
            regex: RegexBuilder::new(pattern).case_insensitive(true).build()?,
            first_bytes: first_bytes(pattern),
        })
    }

    /// Whether `line` matches.
    fn is_match(&self, line: &str) -> bool {
        let possible = match (self.first_bytes, line.as_bytes().first()) {
            (None, _) => true,
            (Some(_), None) => false,
            (Some(bits), Some(&b)) => bits[usize::from(b >> 6)] & (1 << (b & 63)) != 0,
        };
        possible && self.regex.is_match(line)
    }
}

/// The bytes every match of `pattern` (case-insensitive) can start with, when the pattern is
/// anchored at the start of the line and the literals its matches begin with are few; `None`
/// otherwise (or when the pattern does not parse: compiling it says why).
fn first_bytes(pattern: &str) -> Option<[u64; 4]> {
    let hir = regex_syntax::ParserBuilder::new()
        .case_insensitive(true)
        .build()
        .parse(pattern)
        .ok()?;
    if !hir.properties().look_set_prefix().contains(Look::Start) {
        return None;
    }
    let prefixes = Extractor::new().kind(ExtractKind::Prefix).extract(&hir);
    let mut bits = [0u64; 4];
    for literal in prefixes.literals()? {
        let &b = literal.as_bytes().first()?;
        bits[usize::from(b >> 6)] |= 1 << (b & 63);
    }
    Some(bits)
}

/// A built-in rule, the openings of its phrases (the lexicon's quick check, see
/// [`lexicon::lexicon_openings`]), and its pattern once compiled.
#[derive(Debug)]
pub(super) struct BuiltIn {
    pub(super) rule: LineRule,
    openings: Option<Vec<(char, char)>>,
    compiled: OnceLock<Compiled>,
}

/// The built-in rules, each compiled the first time a line of one of its languages is tried: a
/// corpus in two languages compiles a few dozen of the 375 (compiling them all takes a second,
/// most of it for languages the corpus does not have).
pub(super) fn built_in_table() -> &'static [BuiltIn] {
    static TABLE: OnceLock<Vec<BuiltIn>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let rules = built_in();
        // The lexicon's rules come last.
        let hand_written = rules.len() - lexicon::lexicon_rules().len();
        let openings = std::iter::repeat_n(None, hand_written).chain(lexicon::lexicon_openings());
        rules
            .into_iter()
            .zip(openings)
            .map(|(rule, openings)| BuiltIn {
                rule,
                openings,
                compiled: OnceLock::new(),
            })
            .collect()
    })
}

/// A rule's pattern: a built-in one, compiled when first needed, or a user's, compiled (and
/// checked) when the stripper is made.
#[derive(Debug, Clone)]
pub(super) enum Pattern {
    BuiltIn(&'static BuiltIn),
    Extra(Compiled),
}

impl Pattern {
    fn compiled(&self) -> &Compiled {
        match self {
            Pattern::Extra(compiled) => compiled,
            Pattern::BuiltIn(BuiltIn { rule, compiled, .. }) => compiled.get_or_init(|| {
                Compiled::new(&rule.pattern)
                    .expect("built-in patterns compile (every_built_in_pattern_compiles)")
            }),
        }
    }

    fn openings(&self) -> Option<&[(char, char)]> {
        match self {
            Pattern::BuiltIn(built_in) => built_in.openings.as_deref(),
            Pattern::Extra(_) => None,
        }
    }
}

/// One rule as the matcher tries it.
#[derive(Debug, Clone, Copy)]
struct Candidate {
    rule: u32,
    max_chars: u32,
    /// Tried only on the lines [`RuleSet::opening_with`] names it for.
    quick_checked: bool,
}

/// The rules tried on the lines of one language, in order, and which of them have a phrase
/// opening with each pair of letter keys ([`lexicon::opening`]).
#[derive(Debug, Clone, Default)]
struct RuleSet {
    candidates: Vec<Candidate>,
    openings: FxHashMap<(char, char), Vec<u32>>,
}

impl RuleSet {
    fn of(indices: impl Iterator<Item = usize>, rules: &[LineRule], patterns: &[Pattern]) -> Self {
        let mut set = RuleSet::default();
        for i in indices {
            let openings = patterns[i].openings();
            for &key in openings.into_iter().flatten() {
                set.openings.entry(key).or_default().push(i as u32);
            }
            set.candidates.push(Candidate {
                rule: i as u32,
                max_chars: u32::try_from(rules[i].max_chars).unwrap_or(u32::MAX),
                quick_checked: openings.is_some(),
            });
        }
        set
    }

    /// The quick-checked rules that may match a line opening with `key`.
    fn opening_with(&self, key: (char, char)) -> &[u32] {
        self.openings.get(&key).map_or(&[], Vec::as_slice)
    }
}

/// The rules of every language, ready to name the rule a line falls under.
#[derive(Debug, Clone)]
pub(super) struct Matcher {
    patterns: Vec<Pattern>,
    /// For each language that has rules of its own, the enabled rules that apply to it;
    /// `any_lang` for every other language (and `und`).
    by_lang: FxHashMap<String, RuleSet>,
    any_lang: RuleSet,
    /// The largest `max_chars`: longer lines are content for every rule.
    longest: usize,
}

impl Matcher {
    /// `rules` are the built-in ones (in [`built_in_table`] order) then `extra`'s, whose
    /// patterns are compiled; `enabled` says which rules are tried.
    pub(super) fn new(
        rules: &[LineRule],
        extra: Vec<Compiled>,
        enabled: impl Fn(usize) -> bool,
    ) -> Matcher {
        let patterns: Vec<Pattern> = built_in_table()
            .iter()
            .map(Pattern::BuiltIn)
            .chain(extra.into_iter().map(Pattern::Extra))
            .collect();
        let applies = |i: usize, lang: Option<&str>| {
            rules[i].langs.is_empty() || lang.is_some_and(|l| rules[i].langs.iter().any(|r| r == l))
        };
        let mut by_lang = FxHashMap::default();
        for lang in rules.iter().flat_map(|r| &r.langs) {
            let indices = (0..rules.len()).filter(|&i| enabled(i) && applies(i, Some(lang)));
            by_lang.insert(lang.clone(), RuleSet::of(indices, rules, &patterns));
        }
        let indices = (0..rules.len()).filter(|&i| enabled(i) && applies(i, None));
        let any_lang = RuleSet::of(indices, rules, &patterns);
        Matcher {
            patterns,
            by_lang,
            any_lang,
            longest: rules.iter().map(|r| r.max_chars).max().unwrap_or(0),
        }
    }

    /// The index of the first enabled rule for `lang` that `line` (trimmed, non-empty) falls
    /// under.
    pub(super) fn rule_for(&self, line: &str, lang: &str) -> Option<usize> {
        let length = line.chars().count();
        if length > self.longest {
            return None;
        }
        let set = self.by_lang.get(lang).unwrap_or(&self.any_lang);
        // The lexicon's rules that may match: those with a phrase opening like the line's.
        let (two_letters, one_letter) = match lexicon::opening(line) {
            Some((first, second)) => (
                set.opening_with((first, second)),
                set.opening_with((first, lexicon::NO_LETTER)),
            ),
            None => (&[][..], &[][..]),
        };
        let length = u32::try_from(length).unwrap_or(u32::MAX);
        set.candidates
            .iter()
            .find(|c| {
                length <= c.max_chars
                    && (!c.quick_checked
                        || two_letters.contains(&c.rule)
                        || one_letter.contains(&c.rule))
                    && self.patterns[c.rule as usize].compiled().is_match(line)
            })
            .map(|c| c.rule as usize)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_bytes_are_those_of_the_literals_an_anchored_pattern_starts_with() {
        let bits = first_bytes(r"^(?:par|by)\s+\p{Lu}").unwrap();
        let has = |b: u8| bits[usize::from(b >> 6)] & (1 << (b & 63)) != 0;
        for b in *b"pPbB" {
            assert!(has(b), "{}", b as char);
        }
        assert!(!has(b'x') && !has(b' '));
        // Not anchored, or opening with a large class: no check.
        assert_eq!(first_bytes(r"\(afp\)\s*$"), None);
        assert_eq!(first_bytes(r"^[\W_]{0,3}lire"), None);
        assert_eq!(first_bytes(r"^(?:x)?y"), first_bytes(r"^[xy]"));
    }

    /// The first-byte check must never turn away a line the pattern matches: every built-in
    /// rule's own test lines go through both.
    #[test]
    fn the_first_byte_check_agrees_with_the_patterns_on_cased_and_accented_lines() {
        for (pattern, line) in [
            (r"^(?:publié|mis\s+à\s+jour)\s+le", "PUBLIÉ LE 3 MAI"),
            (r"^(?:publié|mis\s+à\s+jour)\s+le", "Mis à jour le 3 mai"),
            (r"^(?:©|\(c\)|copyright)\s*\d{4}", "(C) 2021 Le Monde"),
            (r"^(?:фото|источник)\s*:", "ФОТО: РИА Новости"),
            (r"^(?:相关阅读|延伸阅读)", "相关阅读：新闻"),
        ] {
            let compiled = Compiled::new(pattern).unwrap();
            assert!(compiled.first_bytes.is_some(), "{pattern}");
            assert!(compiled.is_match(line), "{pattern} {line}");
        }
    }
}
