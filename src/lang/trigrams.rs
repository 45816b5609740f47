//! whatlang's detector, computed faster with the same answers: whatlang scores a text against
//! each language of its script by walking the language's 300 most frequent trigrams and looking
//! each one up among the text's; here an index from trigram to the languages whose profile holds
//! it (with its rank) is built once, so a text costs one look-up per distinct trigram of its own,
//! and the letters are counted for the alphabet scores in the same pass. Texts whose script has
//! one language (or is Han) go to whatlang itself, which answers them without trigrams.
//!
//! The profiles and alphabets are whatlang's own (`whatlang_profiles.txt`, written by
//! `scripts/extract_whatlang_profiles.py` from the crate's source); the arithmetic, the order of
//! languages and the sorts are whatlang's, so scores, ties and confidences come out identical
//! (a property test compares the two on random multilingual text).

use std::sync::OnceLock;

use rustc_hash::FxHashMap;
use whatlang::{Lang, Script};

/// A profile's length and the largest distance a trigram counts for.
const MAX_TRIGRAM_DISTANCE: u32 = 300;
const MAX_TOTAL_DISTANCE: u32 = MAX_TRIGRAM_DISTANCE * MAX_TRIGRAM_DISTANCE;
/// The text's trigrams that get a rank (the others count as absent).
const TEXT_TRIGRAMS_SIZE: usize = 600;

/// whatlang's answer: language, script and confidence.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Guess {
    pub lang: Lang,
    pub script: Script,
    pub confidence: f64,
}

/// The scripts whose languages are told apart by trigrams.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum MultiScript {
    Latin,
    Cyrillic,
    Arabic,
    Devanagari,
    Hebrew,
}

impl MultiScript {
    fn of(script: Script) -> Option<MultiScript> {
        Some(match script {
            Script::Latin => MultiScript::Latin,
            Script::Cyrillic => MultiScript::Cyrillic,
            Script::Arabic => MultiScript::Arabic,
            Script::Devanagari => MultiScript::Devanagari,
            Script::Hebrew => MultiScript::Hebrew,
            _ => return None,
        })
    }

    fn name(self) -> &'static str {
        match self {
            MultiScript::Latin => "latin",
            MultiScript::Cyrillic => "cyrillic",
            MultiScript::Arabic => "arabic",
            MultiScript::Devanagari => "devanagari",
            MultiScript::Hebrew => "hebrew",
        }
    }

    fn script(self) -> Script {
        match self {
            MultiScript::Latin => Script::Latin,
            MultiScript::Cyrillic => Script::Cyrillic,
            MultiScript::Arabic => Script::Arabic,
            MultiScript::Devanagari => Script::Devanagari,
            MultiScript::Hebrew => Script::Hebrew,
        }
    }

    /// The languages that take the alphabet's place when the script has no alphabets
    /// (whatlang gives each the same score).
    fn flat_alphabet(self) -> &'static [Lang] {
        match self {
            MultiScript::Arabic => &[Lang::Ara, Lang::Urd, Lang::Pes],
            MultiScript::Devanagari => &[Lang::Hin, Lang::Mar, Lang::Nep],
            MultiScript::Hebrew => &[Lang::Heb, Lang::Yid],
            MultiScript::Latin | MultiScript::Cyrillic => &[],
        }
    }
}

/// One script's data: its languages in whatlang's order, the trigram index, the alphabets.
struct ScriptModel {
    /// Languages with a trigram profile, in whatlang's order.
    langs: Vec<Lang>,
    /// Trigram code → (index in `langs`, rank in that profile), for every profile holding it.
    index: TrigramIndex,
    /// Letters of any alphabet of the script, sorted, and the languages (whatlang's alphabet
    /// order) whose alphabet holds each.
    letters: Vec<char>,
    letter_langs: Vec<Vec<Lang>>,
    /// The position in `letters` of each ASCII character (`u16::MAX`: none).
    ascii_letters: [u16; 128],
    /// The script's languages as whatlang lists them (the alphabet scores' order).
    script_langs: Vec<Lang>,
}

/// Slot of a trigram code in a table of `mask + 1` slots (a power of two).
fn slot(code: u64, mask: usize) -> usize {
    ((code ^ (code >> 29)).wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 40) as usize & mask
}

/// The profiles' trigrams in one open-addressing table, their holders in one array.
#[derive(Default)]
struct TrigramIndex {
    /// By slot: a trigram code (0: empty; no trigram codes to 0), where its holders start in
    /// `holders` and how many there are (together, so a look-up reads one cache line).
    slots: Vec<(u64, u32, u32)>,
    holders: Vec<(u8, u16)>,
    mask: usize,
}

impl TrigramIndex {
    fn new(postings: FxHashMap<u64, Vec<(u8, u16)>>) -> Self {
        let size = (postings.len() * 2).next_power_of_two().max(16);
        let mut index = TrigramIndex {
            slots: vec![(0, 0, 0); size],
            holders: Vec::new(),
            mask: size - 1,
        };
        let mut entries: Vec<(u64, Vec<(u8, u16)>)> = postings.into_iter().collect();
        entries.sort_unstable_by_key(|(code, _)| *code);
        for (code, holders) in entries {
            let mut at = slot(code, index.mask);
            while index.slots[at].0 != 0 {
                at = (at + 1) & index.mask;
            }
            index.slots[at] = (code, index.holders.len() as u32, holders.len() as u32);
            index.holders.extend(holders);
        }
        index
    }

    fn get(&self, code: u64) -> Option<&[(u8, u16)]> {
        let mut at = slot(code, self.mask);
        loop {
            match self.slots[at] {
                (0, _, _) => return None,
                (key, start, len) if key == code => {
                    return Some(&self.holders[start as usize..(start + len) as usize]);
                }
                _ => at = (at + 1) & self.mask,
            }
        }
    }
}

/// Counts trigram codes in an open-addressing table kept between texts (only the slots a text
/// used are cleared after it).
#[derive(Default)]
struct Counter {
    keys: Vec<u64>,
    counts: Vec<u32>,
    used: Vec<usize>,
}

impl Counter {
    /// The distinct codes of `codes` with their counts, in no particular order.
    fn count(&mut self, codes: &[u64], out: &mut Vec<u128>) {
        let size = (codes.len() * 2).next_power_of_two().max(64);
        if self.keys.len() < size {
            self.keys = vec![0; size];
            self.counts = vec![0; size];
        }
        let mask = self.keys.len() - 1;
        for &code in codes {
            let mut at = slot(code, mask);
            loop {
                let key = self.keys[at];
                if key == code {
                    self.counts[at] += 1;
                    break;
                }
                if key == 0 {
                    self.keys[at] = code;
                    self.counts[at] = 1;
                    self.used.push(at);
                    break;
                }
                at = (at + 1) & mask;
            }
        }
        out.clear();
        for &at in &self.used {
            out.push((u128::from(self.counts[at]) << 64) | u128::from(self.keys[at]));
            self.keys[at] = 0;
        }
        self.used.clear();
    }
}

/// A trigram as one number, ordered as whatlang orders its `Trigram(char, char, char)`.
fn code(a: char, b: char, c: char) -> u64 {
    (u64::from(a) << 42) | (u64::from(b) << 21) | u64::from(c)
}

fn models() -> &'static [ScriptModel; 5] {
    static MODELS: OnceLock<[ScriptModel; 5]> = OnceLock::new();
    MODELS.get_or_init(|| {
        let data = include_str!("whatlang_profiles.txt");
        let scripts = [
            MultiScript::Latin,
            MultiScript::Cyrillic,
            MultiScript::Arabic,
            MultiScript::Devanagari,
            MultiScript::Hebrew,
        ];
        scripts.map(|script| build(script, data))
    })
}

fn build(script: MultiScript, data: &str) -> ScriptModel {
    let mut postings: FxHashMap<u64, Vec<(u8, u16)>> = FxHashMap::default();
    let mut model = ScriptModel {
        langs: Vec::new(),
        index: TrigramIndex::default(),
        letters: Vec::new(),
        letter_langs: Vec::new(),
        ascii_letters: [u16::MAX; 128],
        script_langs: script.script().langs().to_vec(),
    };
    let mut alphabet: Vec<(char, Lang)> = Vec::new();
    for line in data.lines().filter(|l| !l.starts_with('#')) {
        let mut parts = line.splitn(4, ' ');
        let (Some(kind), Some(name), Some(code_3), Some(rest)) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            continue;
        };
        if name != script.name() {
            continue;
        }
        let Some(lang) = Lang::from_code(code_3) else {
            continue;
        };
        match kind {
            "profile" => {
                let position = model.langs.len() as u8;
                model.langs.push(lang);
                let chars: Vec<char> = rest.chars().collect();
                for (rank, t) in chars.chunks_exact(3).enumerate() {
                    postings
                        .entry(code(t[0], t[1], t[2]))
                        .or_default()
                        .push((position, rank as u16));
                }
            }
            "alphabet" => alphabet.extend(rest.chars().map(|c| (c, lang))),
            _ => {}
        }
    }
    // whatlang's inverted map: letters sorted, each with its languages in alphabet order.
    let mut letters: Vec<char> = alphabet.iter().map(|(c, _)| *c).collect();
    letters.sort_unstable();
    letters.dedup();
    model.letter_langs = vec![Vec::new(); letters.len()];
    for (c, lang) in alphabet {
        if let Ok(i) = letters.binary_search(&c) {
            model.letter_langs[i].push(lang);
        }
    }
    for (position, &c) in letters.iter().enumerate() {
        if c.is_ascii() {
            model.ascii_letters[c as usize] = position as u16;
        }
    }
    model.letters = letters;
    model.index = TrigramIndex::new(postings);
    model
}

/// whatlang's "stop characters": ASCII spaces, punctuation and digits.
fn is_stop_char(c: char) -> bool {
    matches!(c, '\u{0000}'..='\u{0040}' | '\u{005B}'..='\u{0060}' | '\u{007B}'..='\u{007E}')
}

/// Scratch space reused by a thread.
#[derive(Default)]
struct Scratch {
    lower: String,
    codes: Vec<u64>,
    counter: Counter,
    /// `count << 64 | trigram` of each distinct trigram: sorted descending, whatlang's order.
    counted: Vec<u128>,
    distances: Vec<i64>,
    letter_scores: Vec<usize>,
}

thread_local! {
    static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::new(Scratch::default());
}

/// Detects the language of `text` as `whatlang::Detector` does (the combined method), among
/// `allowed` languages when given (`None`: all).
pub(crate) fn detect(text: &str, allowed: Option<&[Lang]>) -> Option<Guess> {
    let script = if text.is_ascii() {
        // Only Latin letters can be there (whatlang's answer, without its per-script counts).
        text.bytes()
            .any(|b| b.is_ascii_alphabetic())
            .then_some(Script::Latin)?
    } else {
        whatlang::detect_script(text)?
    };
    let Some(multi) = MultiScript::of(script) else {
        let info = match allowed {
            None => whatlang::Detector::new().detect(text),
            Some(list) => whatlang::Detector::with_allowlist(list.to_vec()).detect(text),
        }?;
        return Some(Guess {
            lang: info.lang(),
            script: info.script(),
            confidence: info.confidence(),
        });
    };
    let model = &models()[multi as usize];
    let is_allowed = |lang: Lang| allowed.is_none_or(|list| list.contains(&lang));
    SCRATCH.with_borrow_mut(|scratch| {
        let mut lower = std::mem::take(&mut scratch.lower);
        lower.clear();
        if text.is_ascii() {
            lower.push_str(text);
            lower.make_ascii_lowercase();
        } else {
            // As whatlang lowercases (a final Σ becomes ς).
            lower.push_str(&text.to_lowercase());
        }
        let alphabet = alphabet_scores(multi, model, &lower, &is_allowed, scratch);
        let (trigram_scores, trigram_count) = trigram_scores(model, &lower, &is_allowed, scratch);
        scratch.lower = lower;
        combine(multi.script(), alphabet, trigram_scores, trigram_count)
    })
}

/// whatlang's alphabet scores (sorted, best first) and the letter count they are relative to.
fn alphabet_scores(
    multi: MultiScript,
    model: &ScriptModel,
    lower: &str,
    is_allowed: &impl Fn(Lang) -> bool,
    scratch: &mut Scratch,
) -> (Vec<(Lang, f64)>, usize) {
    let flat = multi.flat_alphabet();
    if !flat.is_empty() {
        let scores = flat
            .iter()
            .filter(|l| is_allowed(**l))
            .map(|&l| (l, 1.0))
            .collect();
        return (scores, 1);
    }
    let scores = &mut scratch.letter_scores;
    scores.clear();
    scores.resize(model.letters.len(), 0);
    let mut max_raw_score = 0usize;
    for c in lower.chars() {
        if is_stop_char(c) {
            continue;
        }
        max_raw_score += 1;
        let position = match model.ascii_letters.get(c as usize) {
            Some(&position) => (position != u16::MAX).then_some(position as usize),
            None => model.letters.binary_search(&c).ok(),
        };
        if let Some(position) = position {
            scores[position] += 2;
        }
    }
    let mut lang_scores = vec![0usize; Lang::all().len()];
    let mut common_score = 0usize;
    for (position, &score) in scores.iter().enumerate() {
        if score > 0 {
            let langs = &model.letter_langs[position];
            if langs.len() == model.script_langs.len() {
                common_score += score;
            } else {
                for &lang in langs {
                    lang_scores[lang as usize] += score;
                }
            }
        }
    }
    let mut raw: Vec<(Lang, usize)> = model
        .script_langs
        .iter()
        .filter(|l| is_allowed(**l))
        .map(|&l| {
            let score = (lang_scores[l as usize] + common_score).saturating_sub(max_raw_score);
            (l, score)
        })
        .collect();
    raw.sort_unstable_by_key(|(_, score)| std::cmp::Reverse(*score));
    let scores = raw
        .into_iter()
        .map(|(l, s)| (l, s as f64 / max_raw_score as f64))
        .collect();
    (scores, max_raw_score)
}

/// whatlang's trigram scores (sorted, best first) and the number of ranked distinct trigrams.
fn trigram_scores(
    model: &ScriptModel,
    lower: &str,
    is_allowed: &impl Fn(Lang) -> bool,
    scratch: &mut Scratch,
) -> (Vec<(Lang, f64)>, usize) {
    // Every trigram of the text (stop characters read as spaces, a space added at the end;
    // none centred on a space next to another space), counted by sorting.
    let codes = &mut scratch.codes;
    codes.clear();
    let mut chars = lower
        .chars()
        .map(|c| if is_stop_char(c) { ' ' } else { c })
        .chain(Some(' '));
    let mut c1 = ' ';
    let mut c2 = chars.next().unwrap_or(' ');
    for c3 in chars {
        if !(c2 == ' ' && (c1 == ' ' || c3 == ' ')) {
            codes.push(code(c1, c2, c3));
        }
        c1 = c2;
        c2 = c3;
    }
    let counted = &mut scratch.counted;
    scratch.counter.count(codes, counted);
    // Ranked by count, then by trigram, both descending (whatlang's order); only the first
    // TEXT_TRIGRAMS_SIZE get a rank.
    let by_rank = |a: &u128, b: &u128| b.cmp(a);
    if counted.len() > TEXT_TRIGRAMS_SIZE {
        counted.select_nth_unstable_by(TEXT_TRIGRAMS_SIZE - 1, by_rank);
        counted.truncate(TEXT_TRIGRAMS_SIZE);
    }
    counted.sort_unstable_by(by_rank);
    // whatlang counts the ranked trigrams only.
    let unique = counted.len();
    // Each language starts with every profile trigram absent, then each of the text's ranked
    // trigrams that its profile holds takes back the difference.
    let distances = &mut scratch.distances;
    distances.clear();
    distances.resize(model.langs.len(), i64::from(MAX_TOTAL_DISTANCE));
    for (position, &ranked) in counted.iter().enumerate() {
        let trigram = ranked as u64;
        if let Some(holders) = model.index.get(trigram) {
            for &(lang, rank) in holders {
                // A far rank costs more than an absent trigram, as in whatlang.
                let d = (position as i64 - i64::from(rank)).abs();
                distances[lang as usize] += d - i64::from(MAX_TRIGRAM_DISTANCE);
            }
        }
    }
    let count = unique as u32;
    let mut by_lang: Vec<(Lang, u32)> = model
        .langs
        .iter()
        .zip(distances.iter())
        .filter(|(l, _)| is_allowed(**l))
        .map(|(&l, &d)| {
            let d = if MAX_TRIGRAM_DISTANCE > count {
                d - i64::from((MAX_TRIGRAM_DISTANCE - count) * MAX_TRIGRAM_DISTANCE)
            } else {
                d
            };
            (l, d.clamp(0, i64::from(MAX_TOTAL_DISTANCE)) as u32)
        })
        .collect();
    by_lang.sort_unstable_by_key(|(_, d)| *d);
    let max = count * MAX_TRIGRAM_DISTANCE;
    let scores = by_lang
        .into_iter()
        .map(|(l, d)| (l, (max - d) as f64 / max as f64))
        .collect();
    (scores, unique)
}

/// whatlang's combined scores: alphabet and trigram scores weighed by the letter count.
fn combine(
    script: Script,
    (alphabet, letters): (Vec<(Lang, f64)>, usize),
    trigrams: Vec<(Lang, f64)>,
    trigram_count: usize,
) -> Option<Guess> {
    let mut langs: Vec<Lang> = alphabet.iter().map(|x| x.0).collect();
    for (lang, _) in &trigrams {
        if !langs.contains(lang) {
            langs.push(*lang);
        }
    }
    let alphabet_weight = (-(letters as f64 / 300.0) + 2.0 / 3.0).clamp(1.0 / 3.0, 2.0 / 3.0);
    let trigram_weight = 1.0 - alphabet_weight;
    let mut scores: Vec<(Lang, f64)> = langs
        .into_iter()
        .map(|lang| {
            let a = alphabet
                .iter()
                .find(|(l, _)| *l == lang)
                .map_or(0.0, |x| x.1);
            let t = trigrams
                .iter()
                .find(|(l, _)| *l == lang)
                .map_or(0.0, |x| x.1);
            (lang, a * alphabet_weight + t * trigram_weight)
        })
        .collect();
    scores.sort_unstable_by(|a, b| b.1.partial_cmp(&a.1).unwrap_or(std::cmp::Ordering::Less));
    let mut ranked = scores.into_iter();
    let (lang, first) = ranked.next()?;
    let confidence = match ranked.next() {
        Some((_, second)) => confidence(first, second, trigram_count),
        None => 1.0,
    };
    Some(Guess {
        lang,
        script,
        confidence,
    })
}

/// whatlang's confidence from the two best scores.
fn confidence(highest: f64, second: f64, count: usize) -> f64 {
    if highest == 0.0 {
        return 0.0;
    }
    if second == 0.0 {
        return highest;
    }
    let confident_rate = (3.0 / count as f64) + 0.015;
    let rate = (highest - second) / second;
    if rate > confident_rate {
        1.0
    } else {
        rate / confident_rate
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn whatlang_guess(text: &str, allowed: Option<&[Lang]>) -> Option<Guess> {
        let info = match allowed {
            None => whatlang::Detector::new().detect(text),
            Some(list) => whatlang::Detector::with_allowlist(list.to_vec()).detect(text),
        }?;
        Some(Guess {
            lang: info.lang(),
            script: info.script(),
            confidence: info.confidence(),
        })
    }

    const SENTENCES: [&str; 12] = [
        "Le conseil municipal a voté le budget mardi soir, après trois heures de débat.",
        "The council approved the budget on Tuesday night after three hours of debate.",
        "Der Stadtrat hat den Haushalt am Dienstagabend nach drei Stunden Debatte beschlossen.",
        "El ayuntamiento aprobó el presupuesto el martes por la noche tras tres horas de debate.",
        "Il consiglio comunale ha approvato il bilancio martedì sera dopo tre ore di dibattito.",
        "A câmara aprovou o orçamento na terça-feira à noite, depois de três horas de debate.",
        "Городской совет утвердил бюджет во вторник вечером после трёх часов обсуждения.",
        "Rada miasta przyjęła budżet we wtorek wieczorem po trzech godzinach debaty.",
        "De gemeenteraad keurde dinsdagavond na drie uur debat de begroting goed.",
        "وافق المجلس البلدي على الميزانية مساء الثلاثاء بعد ثلاث ساعات من النقاش.",
        "नगर परिषद ने मंगलवार शाम तीन घंटे की बहस के बाद बजट को मंजूरी दी।",
        "市议会周二晚上经过三个小时的辩论后批准了预算。",
    ];

    #[test]
    fn the_answers_are_whatlangs_on_sentences_of_many_languages() {
        for text in SENTENCES {
            assert_eq!(detect(text, None), whatlang_guess(text, None), "{text}");
            let close = [Lang::Spa, Lang::Por, Lang::Cat];
            assert_eq!(
                detect(text, Some(&close)),
                whatlang_guess(text, Some(&close)),
                "{text}"
            );
        }
        // More than 600 distinct trigrams: only the 600 most frequent get a rank.
        let mut long = SENTENCES[..9].join(" ");
        for a in 'a'..='z' {
            for b in ['e', 'i', 'o', 'u', 'y', 'ä', 'é'] {
                long.push_str(&format!(" {a}{b}s {b}{a}"));
            }
        }
        assert_eq!(detect(&long, None), whatlang_guess(&long, None));
        assert_eq!(detect("", None), None);
        assert_eq!(detect("1234 !!", None), whatlang_guess("1234 !!", None));
    }

    fn words() -> impl Strategy<Value = String> {
        let pool: Vec<&'static str> = SENTENCES
            .iter()
            .flat_map(|s| s.split(' '))
            .chain([
                "Œuvre",
                "ĳssel",
                "İstanbul",
                "ΣΟΦΙΑ",
                "ß",
                "x",
                "—",
                "42",
                "ǅ",
                "ﬁ",
            ])
            .collect();
        prop::collection::vec(prop::sample::select(pool), 1..40).prop_map(|w| w.join(" "))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]
        #[test]
        fn the_answers_are_whatlangs_on_any_mix_of_words(text in words()) {
            prop_assert_eq!(detect(&text, None), whatlang_guess(&text, None));
            let latin = [Lang::Eng, Lang::Fra, Lang::Deu, Lang::Nld, Lang::Afr];
            prop_assert_eq!(detect(&text, Some(&latin)), whatlang_guess(&text, Some(&latin)));
        }
    }
}
