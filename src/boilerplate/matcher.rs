//! Which rule a line falls under: the rules of each language in order, each pattern compiled
//! the first time a line needs it, and quick checks that spare most lines most patterns.
//!
//! - The first byte: a pattern anchored at the start of the line whose matches can only begin
//!   with a few literals (`^(?:par|by|von)\s`) is not tried on a line starting with another
//!   byte (the literals come from the pattern itself, by `regex-syntax`).
//! - The lexicon's openings: a lexicon rule is tried only on a line whose first two letters
//!   open one of its phrases ([`lexicon::opening`]).
//! - The bytes a pattern needs: a pattern is not tried on a line that lacks every byte of a set
//!   its matches cannot do without (a `|`, a `©`, a digit: [`needed_bytes`]).
//!
//! Compiling is most of what a small corpus pays for the rules (a few hundred patterns with
//! large Unicode classes), so a pattern is compiled once, forward only, into a lazy DFA (a
//! `regex::Regex` also compiles it in reverse, to find where matches start, which a yes/no
//! question does not need), and the lexicon's leading `^[\W_]{0,3}` (bullets, arrows, quotes
//! before the phrase) or `^[\W\d_]*` is walked here, character by character, instead of being
//! compiled into every pattern. What follows the lexicon's phrases (a name, a date, a
//! separator: [`lexicon::SHARED_TAILS`]) is the same in every language and compiled once: a
//! lexicon pattern's phrases are compiled alone, and the tail is tried after each end of their
//! matches.

use std::panic::{RefUnwindSafe, UnwindSafe};
use std::sync::{Arc, OnceLock};

use regex_automata::nfa::thompson::{self, pikevm::PikeVM};
use regex_automata::util::pool::Pool;
use regex_automata::{Anchored, Input, MatchError, MatchKind, hybrid};
use regex_syntax::ast::Ast;
use regex_syntax::hir::literal::{ExtractKind, Extractor};
use regex_syntax::hir::{Hir, Look};
use rustc_hash::FxHashMap;

use super::lexicon;
use super::needed_bytes::{ByteSet, bytes_of, contains, insert, may_match, needed_bytes};
use super::rules::{LineRule, built_in};

/// The largest compiled pattern, as `regex::Regex`'s default limit.
const SIZE_LIMIT: usize = 10 * (1 << 20);

/// What stands before the part of a pattern that is compiled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Lead {
    /// Nothing: the pattern is tried from the line's start, anchored there when it opens
    /// with `^`, else anywhere in the line.
    None { anchored: bool },
    /// `^[\W_]{0,3}`: the rest is tried anchored after none to three leading characters that
    /// are not word characters, or are underscores.
    UpToThreeNonWord,
    /// `^[\W\d_]*`: the rest is tried anchored after any number of leading characters that
    /// are not word characters, or are digits or underscores.
    NonLetters,
}

impl Lead {
    /// The lead a pattern opens with, and the rest of the pattern.
    fn split(pattern: &str) -> (Lead, &str) {
        for (opening, lead) in [
            (r"^[\W_]{0,3}", Lead::UpToThreeNonWord),
            (r"^[\W\d_]*", Lead::NonLetters),
        ] {
            if let Some(rest) = pattern.strip_prefix(opening) {
                return (lead, rest);
            }
        }
        (Lead::None { anchored: false }, pattern)
    }

    /// Whether `c` may stand in this lead.
    fn admits(self, c: char) -> bool {
        let non_word = c == '_' || !regex_syntax::is_word_character(c);
        match self {
            Lead::None { .. } => false,
            Lead::UpToThreeNonWord => non_word,
            // `\d` is Unicode's decimal digits: numbers that are word characters and not letters
            // (Roman numerals are letter numbers, `²` and `½` are not word characters).
            Lead::NonLetters => non_word || (c.is_numeric() && !c.is_alphabetic()),
        }
    }

    /// The most characters the lead takes.
    fn longest(self) -> usize {
        match self {
            Lead::None { .. } => 0,
            Lead::UpToThreeNonWord => 3,
            Lead::NonLetters => usize::MAX,
        }
    }
}

/// A function making a search cache, as the pools hold it.
type Maker<T> = Box<dyn Fn() -> T + Send + Sync + UnwindSafe + RefUnwindSafe>;

/// The two ways a compiled pattern is run, sharing one forward NFA: the lazy DFA, and the
/// PikeVM for what the lazy DFA gives up on (a Unicode word boundary next to a non-ASCII
/// letter), each with a pool of per-thread caches.
struct Engines {
    dfa: Option<(
        hybrid::dfa::DFA,
        Pool<hybrid::dfa::Cache, Maker<hybrid::dfa::Cache>>,
    )>,
    pikevm: (
        PikeVM,
        Pool<thompson::pikevm::Cache, Maker<thompson::pikevm::Cache>>,
    ),
}

/// The forward NFA of `hir`, without captures, within [`SIZE_LIMIT`].
fn forward_nfa(hir: &Hir) -> Result<thompson::NFA, String> {
    thread_local! {
        static COMPILER: thompson::Compiler = {
            let mut compiler = thompson::Compiler::new();
            compiler.configure(
                thompson::Config::new()
                    .which_captures(thompson::WhichCaptures::None)
                    .nfa_size_limit(Some(SIZE_LIMIT)),
            );
            compiler
        };
    }
    COMPILER.with(|compiler| compiler.build_from_hir(hir).map_err(|e| e.to_string()))
}

/// The lazy DFA of `nfa` as `config` says, with a pool of per-thread caches.
fn lazy_dfa(
    config: hybrid::dfa::Config,
    nfa: thompson::NFA,
) -> Option<(
    hybrid::dfa::DFA,
    Pool<hybrid::dfa::Cache, Maker<hybrid::dfa::Cache>>,
)> {
    let dfa = hybrid::dfa::Builder::new()
        .configure(config)
        .build_from_nfa(nfa)
        .ok()?;
    let maker = dfa.clone();
    let make: Maker<hybrid::dfa::Cache> = Box::new(move || maker.create_cache());
    Some((dfa, Pool::new(make)))
}

impl Engines {
    fn new(hir: &Hir) -> Result<Engines, String> {
        let nfa = forward_nfa(hir)?;
        let dfa = lazy_dfa(
            hybrid::dfa::Config::new().unicode_word_boundary(true),
            nfa.clone(),
        );
        let pikevm = PikeVM::new_from_nfa(nfa).map_err(|e| e.to_string())?;
        let maker = pikevm.clone();
        let make: Maker<thompson::pikevm::Cache> = Box::new(move || maker.create_cache());
        Ok(Engines {
            dfa,
            pikevm: (pikevm, Pool::new(make)),
        })
    }

    fn is_match(&self, input: &Input<'_>) -> bool {
        if let Some((dfa, caches)) = &self.dfa
            && let Ok(found) = dfa.try_search_fwd(&mut caches.get(), input)
        {
            return found.is_some();
        }
        let (pikevm, caches) = &self.pikevm;
        pikevm.is_match(&mut caches.get(), input.clone())
    }
}

/// A pattern, case-insensitive, ready to say whether a line matches: its lead, the rest
/// compiled, and the bytes the rest's matches can start with.
#[derive(Clone)]
pub(super) struct Compiled {
    lead: Lead,
    rest: Rest,
    /// Bit `b` set: a match of the rest may start with byte `b`; `None`: with any.
    first_bytes: Option<ByteSet>,
    /// Sets of bytes the rest's matches hold a byte of each of (a line without one is not
    /// tried).
    needed: Vec<ByteSet>,
}

/// The part of a pattern after its lead, compiled.
#[derive(Clone)]
enum Rest {
    /// Compiled whole.
    Whole(Arc<Engines>),
    /// A head compiled on its own, then one of the lexicon's [shared
    /// tails](lexicon::SHARED_TAILS), compiled once for every pattern that ends with it: the rest
    /// matches from a position when the tail matches from one of the ends of the head's matches.
    Split(Arc<Split>),
}

/// A head and a shared tail (see [`Rest::Split`]).
struct Split {
    /// The head's lazy DFA, which reports every end of its matches (`MatchKind::All`), with a
    /// pool of per-thread caches. The head holds no look-around, so the DFA never gives up.
    head: hybrid::dfa::DFA,
    caches: Pool<hybrid::dfa::Cache, Maker<hybrid::dfa::Cache>>,
    tail: &'static Engines,
    /// The rest, compiled whole when first needed: what answers should the head's DFA fail.
    rest: String,
    whole: OnceLock<Option<Engines>>,
}

impl Split {
    /// `head` followed by `tail`, when `head` holds no look-around and its DFA builds.
    fn new(head: &Hir, tail: &'static Engines, rest: &str) -> Option<Split> {
        if !head.properties().look_set().is_empty() {
            return None;
        }
        let (head, caches) = lazy_dfa(
            hybrid::dfa::Config::new().match_kind(MatchKind::All),
            forward_nfa(head).ok()?,
        )?;
        Some(Split {
            head,
            caches,
            tail,
            rest: rest.to_owned(),
            whole: OnceLock::new(),
        })
    }

    /// Whether the head then the tail match `line` from byte `at`, anchored there.
    fn matches_at(&self, line: &str, at: usize) -> bool {
        let tail_matches = |end: usize| {
            self.tail.is_match(
                &Input::new(line)
                    .range(end..)
                    .anchored(Anchored::Yes)
                    .earliest(true),
            )
        };
        match self.any_head_end(line, at, tail_matches) {
            Ok(found) => found,
            Err(_) => self.whole_matches_at(line, at),
        }
    }

    /// Whether `found` says yes to one of the ends of the head's matches from `at` (tried in
    /// order); an error where the DFA fails.
    fn any_head_end(
        &self,
        line: &str,
        at: usize,
        mut found: impl FnMut(usize) -> bool,
    ) -> Result<bool, MatchError> {
        let cache = &mut self.caches.get();
        let input = Input::new(line).range(at..).anchored(Anchored::Yes);
        let mut state = self.head.start_state_forward(cache, &input)?;
        for (end, &b) in line.as_bytes().iter().enumerate().skip(at) {
            state = self
                .head
                .next_state(cache, state, b)
                .map_err(|_| MatchError::gave_up(end))?;
            if state.is_tagged() {
                // A DFA enters a match state one byte after the match ends.
                if state.is_match() && found(end) {
                    return Ok(true);
                }
                if state.is_dead() {
                    return Ok(false);
                }
                if state.is_quit() {
                    return Err(MatchError::quit(b, end));
                }
            }
        }
        state = self
            .head
            .next_eoi_state(cache, state)
            .map_err(|_| MatchError::gave_up(line.len()))?;
        Ok(state.is_match() && found(line.len()))
    }

    /// Whether the rest, compiled whole, matches `line` from `at`.
    fn whole_matches_at(&self, line: &str, at: usize) -> bool {
        let whole = self.whole.get_or_init(|| {
            parse(&self.rest)
                .ok()
                .and_then(|(hir, _)| Engines::new(&hir).ok())
        });
        whole.as_ref().is_some_and(|engines| {
            engines.is_match(
                &Input::new(line)
                    .range(at..)
                    .anchored(Anchored::Yes)
                    .earliest(true),
            )
        })
    }
}

/// `rest` without the lexicon's shared tail it ends with, and the tail compiled (the first
/// time a pattern ending with it is).
fn shared_tail(rest: &str) -> Option<(&str, &'static Engines)> {
    static COMPILED: [OnceLock<Option<Engines>>; lexicon::SHARED_TAILS.len()] =
        [const { OnceLock::new() }; lexicon::SHARED_TAILS.len()];
    lexicon::SHARED_TAILS
        .iter()
        .zip(&COMPILED)
        .find_map(|(tail, compiled)| {
            let head = rest.strip_suffix(tail)?;
            let engines = compiled
                .get_or_init(|| {
                    parse(tail)
                        .ok()
                        .and_then(|(hir, _)| Engines::new(&hir).ok())
                })
                .as_ref()?;
            Some((head, engines))
        })
}

impl std::fmt::Debug for Compiled {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Compiled")
            .field("lead", &self.lead)
            .field("first_bytes", &self.first_bytes)
            .finish_non_exhaustive()
    }
}

/// `pattern` parsed as the rules read it (case-insensitive, Unicode), and whether its top
/// level is an alternation (`a|b`).
fn parse(pattern: &str) -> Result<(Hir, bool), String> {
    let ast = regex_syntax::ast::parse::Parser::new()
        .parse(pattern)
        .map_err(|e| e.to_string())?;
    let hir = regex_syntax::hir::translate::TranslatorBuilder::new()
        .case_insensitive(true)
        .build()
        .translate(pattern, &ast)
        .map_err(|e| e.to_string())?;
    Ok((hir, matches!(ast, Ast::Alternation(_))))
}

impl Compiled {
    /// `pattern` compiled, or why it cannot be (the parser's message points at the fault).
    pub(super) fn new(pattern: &str) -> Result<Compiled, String> {
        let (lead, rest) = Lead::split(pattern);
        // The lead is walked here only when it opens every match: not in `^[\W_]{0,3}a|b`.
        let split = match lead {
            Lead::None { .. } => None,
            _ => parse(rest).ok().filter(|(_, alternation)| !alternation),
        };
        let (lead, hir) = match split {
            Some((hir, _)) => (lead, hir),
            None => {
                let (hir, _) = parse(pattern)?;
                let anchored = hir.properties().look_set_prefix().contains(Look::Start);
                (Lead::None { anchored }, hir)
            }
        };
        let anchored = !matches!(lead, Lead::None { anchored: false });
        Ok(Compiled {
            lead,
            first_bytes: if anchored { first_bytes(&hir) } else { None },
            needed: needed_bytes(&hir),
            rest: Rest::Whole(Arc::new(Engines::new(&hir)?)),
        })
    }

    /// A built-in `pattern` compiled: as [`Compiled::new`], or, where the lexicon made it
    /// (a walked lead, phrases, then one of its [shared tails](Rest::Split)), its phrases alone
    /// and the tail compiled once for every pattern.
    pub(super) fn built_in(pattern: &str) -> Result<Compiled, String> {
        match Lead::split(pattern) {
            (Lead::None { .. }, _) => Compiled::new(pattern),
            (lead, rest) => Compiled::split(lead, rest).map_or_else(|| Compiled::new(pattern), Ok),
        }
    }

    /// `rest` (after a walked `lead`) as a head and a [shared tail](Rest::Split), when it ends
    /// with one and its head opens every match (no top-level alternation), is never empty, and
    /// holds no look-around.
    fn split(lead: Lead, rest: &str) -> Option<Compiled> {
        let (head, tail) = shared_tail(rest)?;
        let (head, alternation) = parse(head).ok()?;
        if alternation || head.properties().minimum_len().is_none_or(|n| n == 0) {
            return None;
        }
        Some(Compiled {
            lead,
            // The head is never empty: the rest's matches start as the head's do.
            first_bytes: first_bytes(&head),
            // What the head needs, the rest does.
            needed: needed_bytes(&head),
            rest: Rest::Split(Arc::new(Split::new(&head, tail, rest)?)),
        })
    }

    /// Whether the pattern was compiled as a head and a shared tail.
    #[cfg(test)]
    pub(super) fn is_split(&self) -> bool {
        matches!(self.rest, Rest::Split(_))
    }

    /// Whether a line holding the bytes `present` may match (see [`needed_bytes`]).
    fn may_match(&self, present: &ByteSet) -> bool {
        may_match(&self.needed, present)
    }

    /// Whether the pattern needs some bytes (so that [`Compiled::may_match`] may say no).
    fn needs_bytes(&self) -> bool {
        !self.needed.is_empty()
    }

    /// Whether `line` matches.
    pub(super) fn is_match(&self, line: &str) -> bool {
        match self.lead {
            Lead::None { anchored: false } => match &self.rest {
                Rest::Whole(engines) => engines.is_match(&Input::new(line).earliest(true)),
                // (Only patterns with a walked lead are split.)
                Rest::Split(split) => (0..=line.len())
                    .filter(|&at| line.is_char_boundary(at))
                    .any(|at| split.matches_at(line, at)),
            },
            Lead::None { anchored: true } => self.matches_at(line, 0),
            lead => self.matches_after(lead, line),
        }
    }

    /// Whether the compiled part matches `line` after some of its opening characters that
    /// `lead` admits. Kept out of line: inlined into [`Matcher::rule_for`]'s loop over the
    /// rules, it made that loop slower (measured).
    #[inline(never)]
    fn matches_after(&self, lead: Lead, line: &str) -> bool {
        let mut starts = std::iter::once(0).chain(
            line.char_indices()
                .take(lead.longest())
                .take_while(|&(_, c)| lead.admits(c))
                .map(|(at, c)| at + c.len_utf8()),
        );
        starts.any(|at| self.matches_at(line, at))
    }

    /// Whether the compiled part matches `line` from byte `at` (a character boundary).
    fn matches_at(&self, line: &str, at: usize) -> bool {
        let possible = match (self.first_bytes, line.as_bytes().get(at)) {
            (None, _) => true,
            (Some(_), None) => false,
            (Some(bits), Some(&b)) => contains(&bits, b),
        };
        possible
            && match &self.rest {
                Rest::Whole(engines) => engines.is_match(
                    &Input::new(line)
                        .range(at..)
                        .anchored(Anchored::Yes)
                        .earliest(true),
                ),
                Rest::Split(split) => split.matches_at(line, at),
            }
    }
}

/// The bytes every match of `hir` (searched anchored) can start with, when the literals its
/// matches begin with are few; `None` otherwise.
fn first_bytes(hir: &Hir) -> Option<ByteSet> {
    let prefixes = Extractor::new()
        .kind(ExtractKind::Prefix)
        .limit_literal_len(1)
        .extract(hir);
    let mut bits = [0u64; 4];
    for literal in prefixes.literals()? {
        let &b = literal.as_bytes().first()?;
        insert(&mut bits, b);
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
                Compiled::built_in(&rule.pattern)
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
            if by_lang.contains_key(lang) {
                continue;
            }
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
        // The line's bytes, read when a pattern first needs some.
        let mut present: Option<ByteSet> = None;
        set.candidates
            .iter()
            .find(|c| {
                length <= c.max_chars
                    && (!c.quick_checked
                        || two_letters.contains(&c.rule)
                        || one_letter.contains(&c.rule))
                    && {
                        let compiled = self.patterns[c.rule as usize].compiled();
                        (!compiled.needs_bytes()
                            || compiled.may_match(present.get_or_insert_with(|| bytes_of(line))))
                            && compiled.is_match(line)
                    }
            })
            .map(|c| c.rule as usize)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_bytes_are_those_of_the_literals_an_anchored_pattern_starts_with() {
        let first_bytes = |pattern: &str| Compiled::new(pattern).unwrap().first_bytes;
        let has = |bits: [u64; 4], b: u8| bits[usize::from(b >> 6)] & (1 << (b & 63)) != 0;
        let bits = first_bytes(r"^(?:par|by)\s+\p{Lu}").unwrap();
        for b in *b"pPbB" {
            assert!(has(bits, b), "{}", b as char);
        }
        assert!(!has(bits, b'x') && !has(bits, b' '));
        // Not anchored, or opening with a large class: no check.
        assert_eq!(first_bytes(r"\(afp\)\s*$"), None);
        assert_eq!(first_bytes(r"^\w+:"), None);
        assert_eq!(first_bytes(r"^(?:x)?y"), first_bytes(r"^[xy]"));
        // A lead walked by the matcher: the bytes are those the phrase starts with.
        let bits = first_bytes(r"^[\W_]{0,3}lire").unwrap();
        assert!(has(bits, b'l') && has(bits, b'L') && !has(bits, b'-'));
    }

    /// The leads are walked by hand: each character class must be the pattern's own, for
    /// every character there is.
    #[test]
    fn lead_characters_are_exactly_those_of_the_patterns_classes() {
        let up_to_three = regex::RegexBuilder::new(r"^[\W_]$")
            .case_insensitive(true)
            .build()
            .unwrap();
        let non_letters = regex::RegexBuilder::new(r"^[\W\d_]$")
            .case_insensitive(true)
            .build()
            .unwrap();
        let mut buffer = [0; 4];
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let text = c.encode_utf8(&mut buffer);
            assert_eq!(
                Lead::UpToThreeNonWord.admits(c),
                up_to_three.is_match(text),
                "{c:?}"
            );
            assert_eq!(
                Lead::NonLetters.admits(c),
                non_letters.is_match(text),
                "{c:?}"
            );
        }
    }

    #[test]
    fn a_lead_is_walked_only_where_it_opens_every_match() {
        let lead = |pattern: &str| Compiled::new(pattern).unwrap().lead;
        assert_eq!(lead(r"^[\W_]{0,3}lire\s"), Lead::UpToThreeNonWord);
        assert_eq!(lead(r"^[\W\d_]*partager[\W\d_]*$"), Lead::NonLetters);
        assert_eq!(
            lead(r"^[\W_]{0,3}lire|voir"),
            Lead::None { anchored: false }
        );
        assert_eq!(lead(r"^[\W_]{0,3}(?:lire|voir)"), Lead::UpToThreeNonWord);
        for (pattern, line, expected) in [
            (r"^[\W_]{0,3}lire|voir", "à voir", true),
            (r"^[\W_]{0,3}lire", "»» Lire", true),
            (r"^[\W_]{0,3}lire", "»»»» Lire", false),
            (r"^[\W_]{0,3}lire", "__ lire", true),
            (r"^[\W\d_]*partager[\W\d_]*$", "1. 2. Partager ↗", true),
            (r"^[\W\d_]*partager[\W\d_]*$", "Ⅻ partager", false),
            (r"^[\W_]{0,3}\bshare\b", "• share", true),
            (r"^[\W_]{0,3}share\b", "• shareé", false),
        ] {
            let compiled = Compiled::new(pattern).unwrap();
            assert_eq!(compiled.is_match(line), expected, "{pattern} on {line}");
        }
    }

    #[test]
    fn a_split_pattern_tries_its_tail_after_every_phrase_that_opens_the_line() {
        // `by the` opens "By Theodore Smith", but the name cannot follow it there: `by` can.
        let pattern = format!(r"^[\W_]{{0,3}}(?:by\s+the|by){}", lexicon::SHARED_TAILS[2]);
        let compiled = Compiled::built_in(&pattern).unwrap();
        let Rest::Split(split) = &compiled.rest else {
            panic!("{pattern} is not split");
        };
        for (line, expected) in [
            ("By Theodore Smith", true),
            ("by the Guardian", true),
            ("By the way, we", false),
            ("Bypass Road", false),
            ("by: dpa", true),
        ] {
            assert_eq!(compiled.is_match(line), expected, "{line}");
            // What answers should the head's DFA fail says the same.
            assert_eq!(split.whole_matches_at(line, 0), expected, "{line}");
        }
        assert!(compiled.is_match("• by the Guardian"));
        // A pattern of the user's is compiled whole, whatever its ending.
        assert!(!Compiled::new(&pattern).unwrap().is_split());
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
