//! Input → output for every repair step and every typography policy, per language: the
//! behaviour users rely on, as a table.

use tamis::normalize::{Normalizer, Sequence, Typography, TypographyPolicy};

/// Repair, then typography for `lang`, as `tamis clean` and `tamis normalize` do.
fn normalize(text: &str, lang: &str, policy: TypographyPolicy) -> String {
    let repaired = Sequence::default().normalize(text).into_owned();
    Typography::new(policy).apply(&repaired, lang).into_owned()
}

use TypographyPolicy::{Keep, Native, Plain};

#[test]
fn repair_steps() {
    let cases = [
        // (step, input, output)
        (
            "html_entities",
            "Caf&eacute; &amp; th&eacute; &#8211; l&#x2019;&Eacute;tat",
            "Café & thé – l’État",
        ),
        (
            "mojibake",
            "Le musÃ©e rouvrira dÃ¨s lundi",
            "Le musée rouvrira dès lundi",
        ),
        ("mojibake", "lâ€™Ã‰tat â€œfortâ€\u{9d}", "l’État “fort”"),
        ("mojibake", "ÐŸÑ€Ð¸Ð²ÐµÑ‚", "Привет"),
        (
            "invisible",
            "\u{feff}Zero\u{200b}width\u{2060} joins",
            "Zerowidth joins",
        ),
        ("invisible kept", "می\u{200c}خواهم", "می\u{200c}خواهم"),
        (
            "c1_controls",
            "l\u{92}Etat \u{96} fin\u{85}",
            "l’Etat – fin…",
        ),
        (
            "soft hyphen",
            "anti\u{ad}constitutionnellement",
            "anticonstitutionnellement",
        ),
        ("nfc", "nai\u{308}ve E\u{301}lyse\u{301}e", "naïve Élysée"),
        (
            "whitespace",
            "  Ligne  un \r\n\r\n\r\n\tLigne\u{a0}deux  ",
            "Ligne un\n\nLigne\u{a0}deux",
        ),
        (
            "legit Ã",
            "NÃO, disse ele em SÃO PAULO.",
            "NÃO, disse ele em SÃO PAULO.",
        ),
    ];
    for (step, input, want) in cases {
        assert_eq!(normalize(input, "und", Keep), want, "{step}: {input:?}");
        // Without a known language, native typography changes nothing either.
        assert_eq!(normalize(input, "und", Native), want, "{step}: {input:?}");
    }
}

#[test]
fn typography_per_language_and_policy() {
    // (lang, input, native, plain); keep always gives the repaired input back.
    let cases = [
        (
            "fra",
            "Il a dit «Quelqu'un ici» : non!",
            "Il a dit «\u{a0}Quelqu’un ici\u{a0}»\u{a0}: non\u{202f}!",
            "Il a dit \"Quelqu'un ici\" : non!",
        ),
        (
            "fra",
            "1\u{202f}234\u{202f}567 €",
            "1\u{202f}234\u{202f}567 €",
            "1 234 567 €",
        ),
        (
            "fra",
            "Vraiment ? Oui... à 10:30.",
            "Vraiment\u{202f}? Oui… à 10:30.",
            "Vraiment ? Oui... à 10:30.",
        ),
        (
            "eng",
            "He said \"don't\"...",
            "He said “don’t”…",
            "He said \"don't\"...",
        ),
        (
            "deu",
            "\"Ja\", sagte er",
            "„Ja“, sagte er",
            "\"Ja\", sagte er",
        ),
        (
            "deu",
            "„Nein“, rief sie",
            "„Nein“, rief sie",
            "\"Nein\", rief sie",
        ),
        (
            "rus",
            "Он сказал: \"Это \"Спартак\"\"",
            "Он сказал: «Это „Спартак“»",
            "Он сказал: \"Это \"Спартак\"\"",
        ),
        (
            "spa",
            "Dijo \"no\" y se fue...",
            "Dijo «no» y se fue…",
            "Dijo \"no\" y se fue...",
        ),
        (
            "ita",
            "L'acqua \"alta\"",
            "L’acqua «alta»",
            "L'acqua \"alta\"",
        ),
        (
            "por",
            "Ele disse \"não\"",
            "Ele disse “não”",
            "Ele disse \"não\"",
        ),
        (
            "ara",
            "قال \"نعم\" ثم غادر...",
            "قال \"نعم\" ثم غادر...",
            "قال \"نعم\" ثم غادر...",
        ),
        (
            "cmn",
            "他说：“好的……”（全角），没问题！",
            "他说：“好的……”（全角），没问题！",
            "他说：\"好的......\"（全角），没问题！",
        ),
        (
            "fra",
            "Il a dit \"oui et il est parti",
            "Il a dit \"oui et il est parti",
            "Il a dit \"oui et il est parti",
        ),
    ];
    for (lang, input, native, plain) in cases {
        assert_eq!(
            normalize(input, lang, Native),
            native,
            "{lang} native: {input}"
        );
        assert_eq!(
            normalize(input, lang, Plain),
            plain,
            "{lang} plain: {input}"
        );
        assert_eq!(
            normalize(input, lang, Keep),
            Sequence::default().normalize(input),
            "{lang} keep: {input}"
        );
    }
}
