//! Language names users type (ISO 639-1, ISO 639-3, English or native names) to whatlang's
//! languages, and back.

use whatlang::Lang;

use crate::error::{Error, Result};

/// ISO 639-1 code of each language whatlang knows (all 70 of them).
const ISO_639_1: [(Lang, &str); 70] = [
    (Lang::Afr, "af"),
    (Lang::Aka, "ak"),
    (Lang::Amh, "am"),
    (Lang::Ara, "ar"),
    (Lang::Aze, "az"),
    (Lang::Bel, "be"),
    (Lang::Ben, "bn"),
    (Lang::Bul, "bg"),
    (Lang::Cat, "ca"),
    (Lang::Ces, "cs"),
    (Lang::Cmn, "zh"),
    (Lang::Cym, "cy"),
    (Lang::Dan, "da"),
    (Lang::Deu, "de"),
    (Lang::Ell, "el"),
    (Lang::Eng, "en"),
    (Lang::Epo, "eo"),
    (Lang::Est, "et"),
    (Lang::Fin, "fi"),
    (Lang::Fra, "fr"),
    (Lang::Guj, "gu"),
    (Lang::Heb, "he"),
    (Lang::Hin, "hi"),
    (Lang::Hrv, "hr"),
    (Lang::Hun, "hu"),
    (Lang::Hye, "hy"),
    (Lang::Ind, "id"),
    (Lang::Ita, "it"),
    (Lang::Jav, "jv"),
    (Lang::Jpn, "ja"),
    (Lang::Kan, "kn"),
    (Lang::Kat, "ka"),
    (Lang::Khm, "km"),
    (Lang::Kor, "ko"),
    (Lang::Lat, "la"),
    (Lang::Lav, "lv"),
    (Lang::Lit, "lt"),
    (Lang::Mal, "ml"),
    (Lang::Mar, "mr"),
    (Lang::Mkd, "mk"),
    (Lang::Mya, "my"),
    (Lang::Nep, "ne"),
    (Lang::Nld, "nl"),
    (Lang::Nob, "nb"),
    (Lang::Ori, "or"),
    (Lang::Pan, "pa"),
    (Lang::Pes, "fa"),
    (Lang::Pol, "pl"),
    (Lang::Por, "pt"),
    (Lang::Ron, "ro"),
    (Lang::Rus, "ru"),
    (Lang::Sin, "si"),
    (Lang::Slk, "sk"),
    (Lang::Slv, "sl"),
    (Lang::Sna, "sn"),
    (Lang::Spa, "es"),
    (Lang::Srp, "sr"),
    (Lang::Swe, "sv"),
    (Lang::Tam, "ta"),
    (Lang::Tel, "te"),
    (Lang::Tgl, "tl"),
    (Lang::Tha, "th"),
    (Lang::Tuk, "tk"),
    (Lang::Tur, "tr"),
    (Lang::Ukr, "uk"),
    (Lang::Urd, "ur"),
    (Lang::Uzb, "uz"),
    (Lang::Vie, "vi"),
    (Lang::Yid, "yi"),
    (Lang::Zul, "zu"),
];

/// Other names people use: ISO 639-2/B and macrolanguage codes, and common English names.
const ALIASES: [(&str, Lang); 24] = [
    ("zho", Lang::Cmn),
    ("chi", Lang::Cmn),
    ("chinese", Lang::Cmn),
    ("zh-cn", Lang::Cmn),
    ("zh-tw", Lang::Cmn),
    ("fas", Lang::Pes),
    ("per", Lang::Pes),
    ("farsi", Lang::Pes),
    ("no", Lang::Nob),
    ("nor", Lang::Nob),
    ("norwegian", Lang::Nob),
    ("iw", Lang::Heb),
    ("ger", Lang::Deu),
    ("fre", Lang::Fra),
    ("cze", Lang::Ces),
    ("dut", Lang::Nld),
    ("gre", Lang::Ell),
    ("rum", Lang::Ron),
    ("arm", Lang::Hye),
    ("geo", Lang::Kat),
    ("mac", Lang::Mkd),
    ("slo", Lang::Slk),
    ("wel", Lang::Cym),
    ("filipino", Lang::Tgl),
];

/// ISO 639-1 code of `lang`.
pub fn iso_639_1(lang: Lang) -> &'static str {
    ISO_639_1
        .iter()
        .find(|(l, _)| *l == lang)
        .map_or("", |(_, code)| code)
}

/// Parses one language as a user may write it: `fr`, `fra`, `fre`, `French`, `français`.
pub fn parse_lang(name: &str) -> Result<Lang> {
    let wanted = name.trim().to_lowercase();
    let found = Lang::from_code(wanted.as_str())
        .or_else(|| {
            ISO_639_1
                .iter()
                .find(|(_, code)| *code == wanted)
                .map(|(l, _)| *l)
        })
        .or_else(|| {
            ALIASES
                .iter()
                .find(|(alias, _)| *alias == wanted)
                .map(|(_, l)| *l)
        })
        .or_else(|| {
            Lang::all().iter().copied().find(|l| {
                l.eng_name().to_lowercase() == wanted || l.name().to_lowercase() == wanted
            })
        });
    found.ok_or_else(|| {
        Error::config(
            "lang",
            format!(
                "unknown language \"{name}\"; use an ISO 639-1 or 639-3 code or an English name. \
                 Supported: {}",
                supported_languages()
            ),
        )
    })
}

/// Parses a comma-separated list such as `fra,en,german`.
pub fn parse_lang_list(list: &str) -> Result<Vec<Lang>> {
    let mut langs = Vec::new();
    for name in list.split(',').filter(|n| !n.trim().is_empty()) {
        let lang = parse_lang(name)?;
        if !langs.contains(&lang) {
            langs.push(lang);
        }
    }
    if langs.is_empty() {
        return Err(Error::config(
            "lang",
            format!("empty language list \"{list}\""),
        ));
    }
    Ok(langs)
}

/// `afr (af, Afrikaans), aka (ak, Akan), …` for messages and `--help`.
pub fn supported_languages() -> String {
    let mut langs: Vec<Lang> = Lang::all().to_vec();
    langs.sort_by_key(|l| l.code());
    langs
        .iter()
        .map(|l| format!("{} ({}, {})", l.code(), iso_639_1(*l), l.eng_name()))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_whatlang_language_has_an_iso_639_1_code() {
        for lang in Lang::all() {
            assert_eq!(iso_639_1(*lang).len(), 2, "{lang:?}");
        }
    }

    #[test]
    fn codes_and_names_parse() {
        let cases = [
            ("fr", Lang::Fra),
            ("fra", Lang::Fra),
            ("fre", Lang::Fra),
            ("French", Lang::Fra),
            ("français", Lang::Fra),
            ("zh", Lang::Cmn),
            ("cmn", Lang::Cmn),
            ("chinese", Lang::Cmn),
            ("Mandarin", Lang::Cmn),
            ("ar", Lang::Ara),
            ("ara", Lang::Ara),
            ("arabic", Lang::Ara),
            ("ru", Lang::Rus),
            ("русский", Lang::Rus),
            ("DE", Lang::Deu),
            ("german", Lang::Deu),
            ("pt", Lang::Por),
            ("nb", Lang::Nob),
            ("no", Lang::Nob),
            ("fa", Lang::Pes),
            (" es ", Lang::Spa),
        ];
        for (name, lang) in cases {
            assert_eq!(parse_lang(name).unwrap(), lang, "{name}");
        }
    }

    #[test]
    fn unknown_codes_are_refused_with_the_list() {
        let message = parse_lang("klingon").unwrap_err().to_string();
        assert!(
            message.starts_with("unknown language \"klingon\""),
            "{message}"
        );
        assert!(message.contains("fra (fr, French)"), "{message}");
        assert!(message.contains("cmn (zh, Mandarin)"), "{message}");
    }

    #[test]
    fn lists_are_deduplicated_in_order() {
        assert_eq!(
            parse_lang_list("fr,eng,fra,de").unwrap(),
            [Lang::Fra, Lang::Eng, Lang::Deu]
        );
        assert!(parse_lang_list(" , ").is_err());
        assert!(parse_lang_list("fr,xx").is_err());
    }
}
