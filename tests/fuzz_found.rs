//! Inputs the fuzzer (`examples/fuzz.rs`) found, kept as regression tests: each is named after
//! what it guards.

use tamis::normalize::{Normalizer, Sequence};

fn repaired_twice(text: &str) -> (String, String) {
    let repair = Sequence::default();
    let once = repair.normalize(text).into_owned();
    let twice = repair.normalize(&once).into_owned();
    (once, twice)
}

#[test]
fn repair_is_idempotent_when_a_control_character_hides_an_html_reference() {
    // The control characters go (invisible step) after the references were decoded: the
    // reference they hid must be decoded in the same run, not the next.
    for text in [
        "Iml a di&a\u{0e}mp;&#t : « Quelqu'un i&nbsp3ci » ...(non ",
        "{\"id\"\"de\":\"de\",\"\u{85}tug um ｌ\u{200d}\u{202e}x\u{85}41;&am\u{7f}p;&lt;",
        "prix\u{a0}: 10&e\u{200b}uro; le kilo",
    ] {
        let (once, twice) = repaired_twice(text);
        assert_eq!(once, twice, "{text:?}");
        assert!(
            !once.contains("&amp;") && !once.contains("&euro;"),
            "{once:?}"
        );
    }
}

#[test]
fn repair_is_idempotent_when_a_c1_control_completes_mojibake() {
    // U+009C is "œ" in Windows-1252: with the "Ã" before it, the C1 step makes "Ãœ", the
    // mojibake of "Ü", which the mojibake step (earlier in the sequence) must still see.
    let (once, twice) = repaired_twice("Die \u{c3}\u{9c}bersetzung ist fertig.");
    assert_eq!(once, "Die Übersetzung ist fertig.");
    assert_eq!(once, twice);
}

#[test]
fn typography_is_idempotent_when_a_nested_guillemet_is_glued_to_a_word() {
    use tamis::normalize::{Typography, TypographyPolicy};
    let typography = Typography::new(TypographyPolicy::Native);
    let repair = Sequence::default();
    for (text, lang) in [
        (
            "Il  « Quelqun i« Quelqu'un ci »\u{fffd} Quelqu'un ici » ... non ! L’été -- 1\u{a0}000 km\r\nsoft\u{ad}hyphen",
            "fra",
        ),
        (
            "Il a dit « Quelqu'un ic« Quelqu'un ici »\u{fffd}\u{fffd}「这是第一步」，他说。\\://x.fr/1\"}",
            "fra",
        ),
        ("Il dit : dit : « Quel« Quelqu'un ici »».", "rus"),
    ] {
        let repaired = repair.normalize(text);
        let once = typography.apply(&repaired, lang).into_owned();
        let twice = typography.apply(&once, lang).into_owned();
        assert_eq!(once, twice, "{text:?}");
    }
}
