//! Mojibake repair in the mission's languages, both sides: text mis-decoded with each code page
//! tamis knows comes back, and correct text is never changed.

use std::borrow::Cow;

use proptest::prelude::*;
use tamis::normalize::{Mojibake, Normalizer};

/// (language, correct text, the regional code pages its mojibake comes from besides 1252)
const TEXTS: &[(&str, &str, &[&str])] = &[
    (
        "fr",
        "L’été à Paris : déjà très chaud, où êtes-vous ? Ça ira.",
        &["macintosh", "ibm437"],
    ),
    (
        "de",
        "Größere Straßen führen über die Brücke nach Österreich.",
        &["macintosh", "ibm437"],
    ),
    (
        "pt",
        "A população não está satisfeita com a situação econômica.",
        &["macintosh"],
    ),
    (
        "cs",
        "Příliš žluťoučký kůň úpěl ďábelské ódy.",
        &["windows-1250", "iso-8859-2", "ibm437"],
    ),
    (
        "pl",
        "Zażółć gęślą jaźń, pójdźże, kiń tę chmurność w głąb flaszy.",
        &["windows-1250", "iso-8859-2"],
    ),
    (
        "ru",
        "Президент встретился с министрами в Москве в пятницу.",
        &["windows-1251"],
    ),
    (
        "uk",
        "Україна готується до зими: ґанок, їжак, єдність і воля.",
        &["windows-1251"],
    ),
    (
        "lt",
        "Lietuvių kalba yra viena seniausių gyvų kalbų Europoje.",
        &["windows-1257"],
    ),
    (
        "el",
        "Η Ελλάδα είναι μια χώρα της νότιας Ευρώπης.",
        &["windows-1253"],
    ),
    (
        "tr",
        "Türkiye’nin başkenti Ankara’dır; İstanbul ise en büyük şehridir.",
        &["windows-1254"],
    ),
    ("vi", "Tiếng Việt là ngôn ngữ chính thức của Việt Nam.", &[]),
];

/// `text`'s UTF-8 bytes read with code page `page`, sloppily (an undefined byte becomes the
/// character of the same number), as a program that guessed the encoding wrong would show it.
fn mis_decode(text: &str, page: &str) -> String {
    if page == "ibm437" {
        const HIGH: &str = "ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u{a0}";
        let high: Vec<char> = HIGH.chars().collect();
        return text
            .bytes()
            .map(|b| {
                if b < 0x80 {
                    char::from(b)
                } else {
                    high[usize::from(b - 0x80)]
                }
            })
            .collect();
    }
    let encoding = encoding_rs::Encoding::for_label(page.as_bytes()).unwrap();
    text.bytes()
        .map(|b| {
            let one = [b];
            let (decoded, _) = encoding.decode_without_bom_handling(&one);
            match decoded.chars().next() {
                Some('\u{fffd}') | None => char::from(b),
                Some(c) => c,
            }
        })
        .collect()
}

#[test]
fn mojibake_of_every_code_page_comes_back_in_every_language() {
    let mut failures = Vec::new();
    for (lang, text, regional) in TEXTS {
        for page in std::iter::once(&"windows-1252").chain(regional.iter()) {
            let broken = mis_decode(text, page);
            assert_ne!(&broken, text);
            let fixed = Mojibake.normalize(&broken);
            if fixed != *text {
                failures.push(format!("{lang} via {page}: {broken:?} → {fixed:?}"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn mojibake_twice_comes_back() {
    for (lang, text, _) in TEXTS {
        let twice = mis_decode(&mis_decode(text, "windows-1252"), "windows-1252");
        assert_eq!(Mojibake.normalize(&twice), *text, "{lang}");
    }
}

#[test]
fn correct_text_in_every_language_is_left_alone() {
    for (lang, text, _) in TEXTS {
        assert!(
            matches!(Mojibake.normalize(text), Cow::Borrowed(_)),
            "{lang}: {text}"
        );
    }
    // Look-alikes of mojibake that are what they look like.
    for text in [
        "TEM QUE SEGUIR, SDV SÓ…",
        "4288×…",
        "Offering 5×£35 pin ups",
        "a radius of 10 Å—",
        "SELKÄ\u{a0}EDELLÄ\u{a0}MAAHAN via @YouTube",
        "There are a lot of Ã’s in mojibake text",
        "higher values (“+” and “×” curves)",
        "AHÅ™, the new sofa from IKEA",
        "HÅØYA ER BLÅØYD",
        "├┤a┼┐a┼┐a┼┐a┼┐a",
    ] {
        assert!(
            matches!(Mojibake.normalize(text), Cow::Borrowed(_)),
            "{text}"
        );
    }
}

/// Words of the mission's languages, accented ones first among them.
const VOCABULARIES: &[&str] = &[
    "à âge déjà été où très être ça français garçon noël naïve cœur œuvre hôtel île forêt août élève où côté mais pour les une plus",
    "über für größer straße österreich äpfel schön müssen weiß heißt grüße zwölf öl ärger bäume der die das und nicht mit",
    "příliš žluťoučký kůň úpěl ďábelské ódy čeština řeka štěstí září dítě nůž úřad pět město ještě když jako také",
    "zażółć gęślą jaźń pójdźże kiń tę chmurność łódź źródło śnieg ćma żółw będzie który także jest nie się",
    "президент встретился с министрами в москве пятницу ещё ёлка съезд объявил и в на по что это как",
    "україна готується до зими ґанок їжак єдність і воля ще п’ять сім’я об’єкт та але або",
    "lietuvių kalba yra viena seniausių gyvų kalbų europoje ąžuolas čia ėjo įdomu šiandien ūkis žmonės",
    "η ελλάδα είναι μια χώρα της νότιας ευρώπης αθήνα ώρα ψυχή ένας όμως και από στο για",
    "türkiye başkent ankara istanbul şehir büyük güzel çocuk ağaç öğretmen ılık ve bir bu da ile",
    "população não está satisfeita situação econômica ação coração mãe avó você também já às são",
    "tiếng việt là ngôn ngữ chính thức của nam người được những trong với đây một không",
];

/// What follows a word: spaces and the punctuation these languages use.
const PUNCTUATION: &[&str] = &[
    " ", " ", " ", ", ", ". ", " — ", " « ", " » ", "’", "…", " “", "” ", "\u{a0}", "!", "\u{a0}: ",
];

/// A word as text has it: lowercase, capitalised, or in capitals.
fn word(lower: &str, case: u8) -> String {
    match case {
        0 => lower.to_uppercase(),
        1 => {
            let mut chars = lower.chars();
            chars
                .next()
                .map(|first| first.to_uppercase().chain(chars).collect())
                .unwrap_or_default()
        }
        _ => lower.to_owned(),
    }
}

/// Random sentences of real words of one language, cased and punctuated as text is.
fn correct_text() -> impl Strategy<Value = String> {
    (0..VOCABULARIES.len()).prop_flat_map(|v| {
        let words: Vec<&'static str> = VOCABULARIES[v].split(' ').collect();
        prop::collection::vec(
            (
                prop::sample::select(words),
                0u8..6,
                prop::sample::select(PUNCTUATION.to_vec()),
            ),
            1..25,
        )
        .prop_map(|words| {
            words
                .into_iter()
                .map(|(lower, case, sep)| word(lower, case) + sep)
                .collect()
        })
    })
}

/// 10,000 cases in the suite; `PROPTEST_CASES=100000` after every change to the judge.
fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(10_000)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    #[test]
    fn correct_text_in_the_mission_languages_is_never_changed(text in correct_text()) {
        prop_assert_eq!(Mojibake.normalize(&text), text.as_str());
    }
}

#[test]
fn repairs_are_explained_span_by_span_with_their_code_page() {
    let (fixed, fixes) = Mojibake.repair("РџСЂРµР·РёРґРµРЅС‚ and cafÃ©");
    assert_eq!(fixed, "Президент and café");
    let spans: Vec<(&str, &str, &str)> = fixes
        .iter()
        .map(|f| (f.code_page, f.broken.as_str(), f.fixed.as_str()))
        .collect();
    assert_eq!(
        spans,
        [
            ("windows-1251", "РџСЂРµР·РёРґРµРЅС‚", "Президент"),
            ("windows-1252", "Ã©", "é")
        ]
    );
}
