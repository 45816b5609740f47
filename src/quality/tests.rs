use proptest::prelude::*;

use super::words::{Language, words};
use super::*;

/// A news article of about 120 words, as a corpus keeps it.
const ARTICLE: &str = "The city council approved on Tuesday a plan to renovate the central library, which has been closed since the flood of last spring.\n\nThe work will cost about four million euros and should be finished before the end of next year, the mayor said. Most of the money comes from a regional fund that was set up to help towns recover from the storms.\n\nLibrarians have been working from a temporary building near the station, where readers can borrow books and use computers. The new library will have a larger children's section, a room for exhibitions and a café on the ground floor, and it will be open on Sundays for the first time.";

const ARTICLE_FR: &str = "Le conseil municipal a approuvé mardi le projet de rénovation de la bibliothèque centrale, fermée depuis les inondations du printemps dernier.\n\nLes travaux coûteront environ quatre millions d’euros et devraient être terminés avant la fin de l’année prochaine, a précisé le maire. L'essentiel de l'argent vient d'un fonds régional créé pour aider les communes à se relever des tempêtes.\n\nLes bibliothécaires travaillent depuis un bâtiment provisoire près de la gare, où les lecteurs peuvent emprunter des livres et utiliser des ordinateurs. La nouvelle bibliothèque aura un espace pour les enfants plus grand, une salle d'exposition et un café au rez-de-chaussée.";

fn judge(config: &QualityConfig, text: &str, lang: &str) -> Option<(&'static str, &'static str)> {
    Quality::new(config)
        .unwrap()
        .judge(text, lang)
        .err()
        .map(|drop| (drop.filter, drop.measured.rule))
}

fn english(text: &str) -> Option<&'static str> {
    judge(&QualityConfig::default(), text, "eng").map(|(_, rule)| rule)
}

#[test]
fn a_news_article_passes_every_filter_in_english_and_in_french() {
    assert_eq!(english(ARTICLE), None);
    assert_eq!(judge(&QualityConfig::default(), ARTICLE_FR, "fra"), None);
}

#[test]
fn each_gopher_quality_rule_names_the_document_it_drops() {
    let sentence = "The council met on Tuesday and the mayor said that the plan would go ahead with the funds.";
    let cases = [
        ("Home\nNews\nSport\nWeather\nContact", "gopher_short_doc"),
        (
            &*format!(
                "the of {}",
                "internationalisation représentativités constitutionnellement ".repeat(20)
            ),
            "gopher_above_avg_threshold",
        ),
        (
            &*format!("{sentence} #news #local #council #city #vote #budget #mayor #plan")
                .repeat(3),
            "gopher_too_many_hashes",
        ),
        (
            &*format!("{sentence} And then… and so on… and more… and the rest…").repeat(3),
            "gopher_too_many_ellipsis",
        ),
        (
            &*(0..40)
                .map(|i| format!("- chapter {i} of the volume concerning their kingdoms"))
                .collect::<Vec<_>>()
                .join("\n"),
            "gopher_too_many_bullets",
        ),
        (
            &*format!("{sentence}\n")
                .repeat(2)
                .replace(".\n", " and so on...\n")
                .repeat(3),
            "gopher_too_many_end_ellipsis",
        ),
        (
            &*format!(
                "{sentence} {sentence} {}",
                (1990..2015)
                    .map(|y| y.to_string())
                    .collect::<Vec<_>>()
                    .join(" ")
            ),
            "gopher_below_alpha_threshold",
        ),
        (
            &*"Council meets Tuesday. Mayor says plan goes ahead. ".repeat(12),
            "gopher_enough_stop_words",
        ),
    ];
    for (text, rule) in cases {
        let config = QualityConfig {
            gopher_repetition: GopherRepetition {
                enabled: false,
                ..Default::default()
            },
            fineweb_quality: FineWebQuality {
                enabled: false,
                ..Default::default()
            },
            ..Default::default()
        };
        assert_eq!(
            judge(&config, text, "eng"),
            Some(("gopher_quality", rule)),
            "{text}"
        );
    }
}

#[test]
fn repeated_lines_paragraphs_and_n_grams_are_caught() {
    let only_repetition = QualityConfig {
        gopher_quality: GopherQuality {
            enabled: false,
            ..Default::default()
        },
        fineweb_quality: FineWebQuality {
            enabled: false,
            ..Default::default()
        },
        ..Default::default()
    };
    let paragraphs: Vec<&str> = ARTICLE.split("\n\n").collect();
    let repeated_paragraphs =
        [paragraphs[0], paragraphs[1], paragraphs[0], paragraphs[0]].join("\n\n");
    assert_eq!(
        judge(&only_repetition, &repeated_paragraphs, "eng"),
        Some(("gopher_repetition", "dup_para_frac"))
    );
    let lines = format!("{ARTICLE}\nShare this article\nShare this article\nShare this article");
    let lines = lines.replace("\n\n", "\n");
    assert_eq!(
        judge(&only_repetition, &lines, "eng"),
        Some(("gopher_repetition", "dup_line_frac"))
    );
    let chant = "the city the city the city the city ".repeat(8);
    assert_eq!(
        judge(&only_repetition, &chant, "eng"),
        Some(("gopher_repetition", "top_2_gram"))
    );
    assert_eq!(judge(&only_repetition, ARTICLE, "eng"), None);
}

#[test]
fn fineweb_rules_catch_lists_short_lines_and_missing_punctuation() {
    let only_fineweb = QualityConfig {
        gopher_quality: GopherQuality {
            enabled: false,
            ..Default::default()
        },
        gopher_repetition: GopherRepetition {
            enabled: false,
            ..Default::default()
        },
        ..Default::default()
    };
    let no_stops = ARTICLE
        .replace(". ", " ")
        .replace(".\n", "\n")
        .replace('.', "");
    assert_eq!(
        judge(&only_fineweb, &no_stops, "eng"),
        Some(("fineweb_quality", "line_punct_ratio"))
    );
    let menu = format!(
        "{ARTICLE}\n{}",
        (0..30)
            .map(|i| format!("Section {i}."))
            .collect::<Vec<_>>()
            .join("\n")
    );
    assert_eq!(
        judge(&only_fineweb, &menu, "eng"),
        Some(("fineweb_quality", "short_line_ratio"))
    );
    let footer = format!(
        "{ARTICLE}\nAll rights reserved by the Daily Courier.\nAll rights reserved by the Daily Courier."
    );
    assert_eq!(
        judge(&only_fineweb, &footer, "eng"),
        Some(("fineweb_quality", "char_dup_ratio"))
    );
    let list = ARTICLE.replace(' ', "\n").replace("\n\n", "\n");
    assert!(judge(&only_fineweb, &list, "eng").is_some());
}

/// `Counter.most_common(1)` gives the first n-gram seen among the most frequent: the measure
/// (its characters times its count) depends on which.
#[test]
fn the_top_n_gram_is_the_first_seen_among_the_most_frequent() {
    let repetition = GopherRepetition::default();
    // "a b" and "ccccc ddddd" both twice; "a b" comes first: 3 characters × 2.
    let text = "a b ccccc ddddd a b ccccc ddddd xx";
    let ws = words(text, Language::of("eng"));
    let limit = 6.0 / text.chars().count() as f64;
    let below = GopherRepetition {
        top_n_grams: vec![(2, limit - 1e-9)],
        dup_n_grams: vec![],
        ..repetition.clone()
    };
    assert_eq!(below.check(text, &ws).unwrap_err().value, limit);
}

#[test]
fn french_is_judged_with_fineweb2_stop_words_unless_turned_off() {
    let quality = Quality::new(&QualityConfig::default()).unwrap();
    assert!(
        quality
            .filters("fra")
            .gopher_quality
            .stop_words
            .contains(&"l'".to_string())
    );
    assert_eq!(
        quality.filters("eng").gopher_quality.stop_words,
        GOPHER_STOP_WORDS
    );
    let english_everywhere = QualityConfig {
        fineweb2: false,
        ..Default::default()
    };
    assert_eq!(
        judge(&english_everywhere, ARTICLE_FR, "fra"),
        Some(("gopher_quality", "gopher_enough_stop_words"))
    );
}

#[test]
fn a_language_s_own_settings_replace_its_limits_field_by_field() {
    let config: QualityConfig = toml::from_str(
        "[languages.fr.gopher_quality]\nmin_doc_words = 500\n[languages.english.fineweb_quality]\nenabled = false\n",
    )
    .unwrap();
    let quality = Quality::new(&config).unwrap();
    let french = quality.filters("fra");
    assert_eq!(french.gopher_quality.min_doc_words, 500);
    // The other French limits are still FineWeb-2's.
    assert!(french.gopher_quality.stop_words.contains(&"l'".to_string()));
    assert!(!quality.filters("eng").fineweb_quality.enabled);
    assert_eq!(
        judge(&config, ARTICLE_FR, "fra"),
        Some(("gopher_quality", "gopher_short_doc"))
    );
    // An unknown language or setting is refused, named.
    for bad in [
        "[languages.klingon.gopher_quality]\nmin_doc_words = 5\n",
        "[languages.fr.gopher_quality]\nmin_words = 5\n",
    ] {
        let config: QualityConfig = toml::from_str(bad).unwrap();
        let error = Quality::new(&config).unwrap_err().to_string();
        assert!(error.contains("quality.languages"), "{error}");
    }
}

#[test]
fn a_text_without_words_is_dropped_not_divided_by_zero() {
    let no_count = QualityConfig {
        gopher_quality: GopherQuality {
            min_doc_words: 0,
            ..Default::default()
        },
        ..Default::default()
    };
    for text in ["", "...", "#", "\n\n"] {
        let quality = Quality::new(&no_count).unwrap();
        assert!(quality.judge(text, "eng").is_err(), "{text:?}");
    }
}

proptest! {
    /// Words are pieces of the text, in order, that together hold every character but the
    /// whitespace: nothing is lost or made up, whatever the language's rules.
    #[test]
    fn words_cover_every_character_but_whitespace(
        text in "[a-zA-Zé’'.,:;!?()«»\"/#…0-9 \\-\\n]{0,80}",
        lang in prop::sample::select(vec!["eng", "deu", "fra", "cat", "ind", "pol", "kat", "nld", "hun", "und"]),
    ) {
        let joined: String = words(&text, Language::of(lang)).concat();
        let expected: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        prop_assert_eq!(joined, expected);
    }
}
