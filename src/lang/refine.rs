//! Corrections of whatlang's answer between close languages, from spelling.
//!
//! Close languages differ in their alphabets: `ř` is Czech and never Slovak, `ы` is Russian and
//! never Ukrainian or Bulgarian, `ñ` is Spanish and never Catalan or Portuguese, `ə` is
//! Azerbaijani and never Turkish. When the text holds a letter that whatlang's answer never
//! uses, that answer is ruled out and whatlang decides again among the close languages that the
//! text does not rule out. A few frequent words settle pairs that share an alphabet
//! (Danish/Norwegian, Indonesian/Javanese, Hindi/Marathi). Letters that mojibake produces in a
//! language (`ľ` for Czech `ž`, `ý` for Turkish `ı`) are not used against it.
//!
//! A correction only ever moves the answer to an allowed language (see
//! [`LangConfig::allowlist`](super::LangConfig)). Each rule is checked against the labelled dev
//! set by `cargo bench --bench langid`.

use whatlang::Lang;

/// Groups of close languages, and for each the letters it never uses.
const GROUPS: &[&[(Lang, &str)]] = &[
    &[
        (Lang::Rus, "іїєґўђћѓќѕљњџј"),
        (Lang::Ukr, "ыэёъўђћѓќѕљњџј"),
        (Lang::Bel, "иъщїєґђћѓќѕљњџј"),
        (Lang::Bul, "ыэёіїєґўђћѓќѕљњџј"),
        (Lang::Mkd, "ыэёъщйьіїєґўђћ"),
        (Lang::Srp, "ыэёъщйьіїєґўѓќѕ"),
    ],
    &[
        (Lang::Ces, "ĺŕô"),
        (Lang::Slk, "řěů"),
        (Lang::Slv, "ćđřěů"),
        (Lang::Hrv, "řěů"),
    ],
    &[
        (Lang::Spa, "ãõçàèòï"),
        (Lang::Cat, "ñ¿¡ãõ"),
        (Lang::Por, "ñ¿¡èòïì"),
    ],
    &[
        (Lang::Tur, "əň"),
        (Lang::Tuk, "ığcqxþð"),
        (Lang::Aze, "wäňýžþð"),
    ],
    &[(Lang::Nob, "äö"), (Lang::Dan, "äö"), (Lang::Swe, "æø")],
];

/// Words only Danish spells this way (Norwegian Bokmål writes `av`, `etter`, `meg`, …).
const DANISH: &[&str] = &[
    "af",
    "efter",
    "mig",
    "dig",
    "sig",
    "hvad",
    "nu",
    "ud",
    "op",
    "blev",
    "havde",
    "sådan",
    "noget",
    "nogle",
    "igen",
    "siger",
    "gør",
    "gøre",
    "mellem",
    "uden",
    "blive",
    "bliver",
    "vores",
    "hende",
    "tilbage",
    "lige",
    "købe",
    "spørgsmål",
    "måske",
    "mere",
    "endnu",
    "næste",
    "forskellige",
    "jer",
    "jeres",
];
/// Words only Norwegian Bokmål spells this way.
const NORWEGIAN: &[&str] = &[
    "av",
    "etter",
    "meg",
    "deg",
    "seg",
    "hva",
    "nå",
    "ut",
    "opp",
    "ble",
    "hadde",
    "slik",
    "noe",
    "noen",
    "igjen",
    "sier",
    "gjør",
    "gjøre",
    "mellom",
    "uten",
    "bli",
    "blir",
    "vår",
    "vårt",
    "våre",
    "henne",
    "tilbake",
    "mye",
    "kjøpe",
    "spørsmål",
    "kanskje",
    "mer",
    "ennå",
    "neste",
    "forskjellige",
    "dere",
];
/// Frequent Indonesian function words that Javanese does not use.
const INDONESIAN: &[&str] = &[
    "yang", "dengan", "tidak", "untuk", "dari", "ini", "itu", "akan", "adalah", "dalam", "juga",
    "sudah", "oleh", "mereka",
];
/// Frequent Javanese function words that Indonesian does not use.
const JAVANESE: &[&str] = &[
    "ing", "karo", "sing", "ora", "iki", "kuwi", "lan", "uga", "wis", "marang", "kanggo", "saka",
];
/// Frequent Slovene words that Croatian spells otherwise (`kot`/`kao`, `so`/`su`, `bil`/`bio`).
const SLOVENE: &[&str] = &[
    "tudi", "ki", "kot", "bil", "lahko", "ker", "kaj", "zelo", "so", "bo", "saj", "vendar", "kar",
];
/// Frequent Croatian words that Slovene spells otherwise.
const CROATIAN: &[&str] = &[
    "su", "što", "koji", "koje", "također", "bio", "nije", "će", "ili", "kao", "može",
];
/// Frequent Catalan words that Spanish spells otherwise (`i`/`y`, `amb`/`con`, `els`/`los`).
const CATALAN: &[&str] = &[
    "els", "amb", "més", "però", "aquest", "aquesta", "molt", "també", "fins", "pel", "dels", "i",
    "perquè", "seva", "seu",
];
/// Frequent Spanish words that Catalan spells otherwise.
const SPANISH: &[&str] = &[
    "los", "las", "con", "más", "pero", "este", "esta", "muy", "también", "hasta", "y", "porque",
    "su",
];
/// Frequent Dutch words that Afrikaans spells otherwise (`de`/`die`, `niet`/`nie`, `zijn`/`is`).
const DUTCH: &[&str] = &[
    "de", "niet", "zijn", "wordt", "worden", "naar", "deze", "ze", "zich", "bij", "zo",
];
/// Frequent Afrikaans words that Dutch spells otherwise.
const AFRIKAANS: &[&str] = &["die", "nie", "'n", "’n", "vir", "hulle", "baie", "sy"];
/// Serbian words that Macedonian writes differently (`је` is Macedonian `е`).
const SERBIAN: &[&str] = &["је", "није", "који"];
/// Marathi words that Hindi and Nepali do not have.
const MARATHI: &[&str] = &["आहे", "आहेत", "आणि"];
/// Hindi words that Marathi does not have.
const HINDI: &[&str] = &["है", "हैं", "और", "में"];

/// The language the spelling of `sample` points to: `lang` itself unless the evidence rules it
/// out or a word rule settles a close pair. `redetect` runs whatlang on the sample restricted to
/// the given candidates; `allowed` says which languages may be answered at all.
pub fn refine(
    lang: Lang,
    sample: &str,
    allowed: impl Fn(Lang) -> bool,
    redetect: impl Fn(&[Lang]) -> Option<Lang>,
) -> Lang {
    if lang != Lang::Epo && sample.contains(is_esperanto_letter) {
        return if allowed(Lang::Epo) { Lang::Epo } else { lang };
    }
    if !is_confusable(lang) {
        return lang;
    }
    let text = Evidence::new(sample);
    let by_letters = match ruled_out(lang, &text) {
        None => lang,
        Some(candidates) => {
            let candidates: Vec<Lang> = candidates.into_iter().filter(|l| allowed(*l)).collect();
            match candidates.as_slice() {
                [] => lang,
                [only] => *only,
                several => redetect(several).unwrap_or(lang),
            }
        }
    };
    match by_words(by_letters, &text) {
        Some(better) if allowed(better) => better,
        _ => by_letters,
    }
}

fn is_confusable(lang: Lang) -> bool {
    use Lang::*;
    GROUPS
        .iter()
        .any(|group| group.iter().any(|(l, _)| *l == lang))
        || matches!(lang, Afr | Nld | Ind | Jav | Hin | Nep | Mar | Ita)
}

/// When the text uses a letter `lang` never uses: the close languages it does not rule out.
fn ruled_out(lang: Lang, text: &Evidence) -> Option<Vec<Lang>> {
    let group = GROUPS
        .iter()
        .find(|group| group.iter().any(|(l, _)| *l == lang))?;
    let excluded = |l: Lang, never: &str| {
        text.has_any(never) || (l == Lang::Bul && text.soft_sign_outside_yo())
    };
    let (_, never) = group.iter().find(|(l, _)| *l == lang)?;
    if !excluded(lang, never) {
        return None;
    }
    Some(
        group
            .iter()
            .filter(|(l, never)| *l != lang && !excluded(*l, never))
            .map(|(l, _)| *l)
            .collect(),
    )
}

/// Pairs that share an alphabet, settled by frequent words.
fn by_words(lang: Lang, text: &Evidence) -> Option<Lang> {
    use Lang::*;
    match lang {
        Nob | Dan => text.vote(DANISH, Dan, NORWEGIAN, Nob),
        Jav | Ind => text.vote(INDONESIAN, Ind, JAVANESE, Jav),
        Slv | Hrv => text.vote(SLOVENE, Slv, CROATIAN, Hrv),
        Spa | Cat => text.vote(SPANISH, Spa, CATALAN, Cat),
        Mkd if text.has_word(SERBIAN) => Some(Srp),
        Afr if text.contains("ij") => Some(Nld),
        Afr | Nld => text.vote(DUTCH, Nld, AFRIKAANS, Afr),
        Hin | Nep if text.has_any("ळ") || text.has_word(MARATHI) => Some(Mar),
        Mar if !text.has_any("ळ") && text.has_word(HINDI) => Some(Hin),
        Por | Ita if text.has_any("șțăşţ") => Some(Ron),
        _ => None,
    }
}

/// The letters only Esperanto writes: ĉ ĝ ĥ ĵ ŝ ŭ (a range test, asked of every character).
fn is_esperanto_letter(c: char) -> bool {
    matches!(
        c,
        'ĉ' | 'ĝ' | 'ĥ' | 'ĵ' | 'ŝ' | 'ŭ' | 'Ĉ' | 'Ĝ' | 'Ĥ' | 'Ĵ' | 'Ŝ' | 'Ŭ'
    )
}

/// The lowercased sample and its words.
struct Evidence {
    lower: String,
}

impl Evidence {
    fn new(sample: &str) -> Self {
        Evidence {
            lower: sample.to_lowercase(),
        }
    }

    fn has_any(&self, chars: &str) -> bool {
        self.lower.contains(|c| chars.contains(c))
    }

    fn contains(&self, needle: &str) -> bool {
        self.lower.contains(needle)
    }

    fn words(&self) -> impl Iterator<Item = &str> {
        self.lower
            .split(|c: char| {
                !(crate::chars::is_letter_or_digit(c) || c == '\'' || c == '’' || is_combining(c))
            })
            .filter(|w| !w.is_empty())
    }

    fn has_word(&self, list: &[&str]) -> bool {
        self.words().any(|w| list.contains(&w))
    }

    /// Bulgarian writes `ь` only before `о`.
    fn soft_sign_outside_yo(&self) -> bool {
        let mut chars = self.lower.chars().peekable();
        while let Some(c) = chars.next() {
            if c == 'ь' && chars.peek() != Some(&'о') {
                return true;
            }
        }
        false
    }

    /// The language whose marker words are more frequent; `None` on a tie.
    fn vote(
        &self,
        first_words: &[&str],
        first: Lang,
        second_words: &[&str],
        second: Lang,
    ) -> Option<Lang> {
        let (mut a, mut b) = (0, 0);
        for word in self.words() {
            a += usize::from(first_words.contains(&word));
            b += usize::from(second_words.contains(&word));
        }
        match a.cmp(&b) {
            std::cmp::Ordering::Greater => Some(first),
            std::cmp::Ordering::Less => Some(second),
            std::cmp::Ordering::Equal => None,
        }
    }
}

/// Devanagari vowel signs and viramas are not alphanumeric in every classification; keep them
/// inside words.
fn is_combining(c: char) -> bool {
    matches!(c, '\u{900}'..='\u{903}' | '\u{93a}'..='\u{94f}' | '\u{955}'..='\u{957}' | '\u{962}'..='\u{963}')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fix(lang: Lang, text: &str) -> Lang {
        refine(
            lang,
            text,
            |_| true,
            |candidates| whatlang::Detector::with_allowlist(candidates.to_vec()).detect_lang(text),
        )
    }

    #[test]
    fn cyrillic_letters_settle_close_languages() {
        assert_eq!(
            fix(Lang::Bul, "Мы были в Москве, это было прекрасно."),
            Lang::Rus
        );
        assert_eq!(
            fix(
                Lang::Bul,
                "Ее рука потянулась к бронзовой фигурке и ощутила холодную тяжесть."
            ),
            Lang::Rus
        );
        assert_eq!(
            fix(Lang::Rus, "Київ є столицею України, і це відомо."),
            Lang::Ukr
        );
        assert_eq!(fix(Lang::Rus, "Я ўчора быў у Мінску."), Lang::Bel);
        assert_eq!(fix(Lang::Mkd, "Ђорђе је рекао да ће доћи."), Lang::Srp);
        assert_eq!(fix(Lang::Srp, "Тој ќе дојде утре во Скопје."), Lang::Mkd);
        // Without evidence the answer stays.
        assert_eq!(fix(Lang::Bul, "България е държава в Европа."), Lang::Bul);
        assert_eq!(fix(Lang::Bel, "Беларуская мова (пад рэд."), Lang::Bel);
    }

    #[test]
    fn latin_letters_and_words_settle_close_languages() {
        assert_eq!(fix(Lang::Slk, "Řekl, že přijde později."), Lang::Ces);
        assert_eq!(
            fix(Lang::Ces, "Ľudia v meste boli spokojní, ôsmy deň."),
            Lang::Slk
        );
        assert_eq!(
            fix(
                Lang::Spa,
                "El govern de la Generalitat ha aprovat l'informe però no el pressupost."
            ),
            Lang::Cat
        );
        assert_eq!(
            fix(Lang::Spa, "¿Dónde está la estación de tren más cercana?"),
            Lang::Spa
        );
        assert_eq!(
            fix(Lang::Por, "El niño español come en casa con su familia."),
            Lang::Spa
        );
        assert_eq!(
            fix(Lang::Afr, "Het is tijd om naar huis te gaan."),
            Lang::Nld
        );
        assert_eq!(
            fix(Lang::Nld, "Dit is 'n mooi dag vir 'n uitstappie."),
            Lang::Afr
        );
        assert_eq!(fix(Lang::Tuk, "Bugün hava çok güzel ve ılık."), Lang::Tur);
        assert_eq!(fix(Lang::Tur, "Mən bu gün məktəbə getdim."), Lang::Aze);
        assert_eq!(
            fix(
                Lang::Dan,
                "Hun sier at hun ikke vet hva som skjer etter møtet."
            ),
            Lang::Nob
        );
        assert_eq!(
            fix(
                Lang::Nob,
                "Hun siger, at hun ikke ved, hvad der sker efter mødet."
            ),
            Lang::Dan
        );
        assert_eq!(
            fix(Lang::Jav, "Saya tidak tahu apa yang terjadi dengan mereka."),
            Lang::Ind
        );
        assert_eq!(fix(Lang::Hin, "तो घरी आहे आणि जेवण करत आहे."), Lang::Mar);
        assert_eq!(fix(Lang::Mar, "वह घर में है और खाना खा रहा है।"), Lang::Hin);
        assert_eq!(fix(Lang::Eng, "Ĉu vi parolas Esperanton?"), Lang::Epo);
    }

    #[test]
    fn mojibake_letters_do_not_rule_a_language_out() {
        // Turkish with `ý` for `ı` (cp1254 read as cp1252) stays Turkish; Czech `ž` read as `ľ` stays Czech.
        assert_eq!(
            fix(
                Lang::Tur,
                "Çanakkale Zaferinin 100.yýldönümü okulumuzda büyük bir gurur ve coşkuyla kutlandı."
            ),
            Lang::Tur
        );
        assert_eq!(
            fix(
                Lang::Ces,
                "Minimální doporučená konfigurace, dle velikosti ľádná omezení."
            ),
            Lang::Ces
        );
    }

    #[test]
    fn corrections_respect_the_allowlist() {
        let text = "Řekl, že přijde.";
        assert_eq!(
            refine(Lang::Slk, text, |l| l != Lang::Ces, |_| None),
            Lang::Slk
        );
    }
}
