use super::*;

fn stripper() -> Stripper {
    Stripper::new(&BoilerplateConfig::default()).unwrap()
}

/// (language, line, expected kind or `None` for a line that must stay)
const LINES: &[(&str, &str, Option<Kind>)] = &[
    // French: the seed's credit glued to a related title, and look-alikes that are content.
    (
        "fra",
        "© Photo. Press Service of the President of Syria Assad : « Quelqu’un comme Trump ne m’impressionne pas »",
        Some(Kind::PhotoCredit),
    ),
    (
        "fra",
        "Crédit photo : AFP / Jean Dupuis",
        Some(Kind::PhotoCredit),
    ),
    (
        "fra",
        "Lire aussi : Les syndicats menacent d’une grève reconductible dès la rentrée",
        Some(Kind::ReadAlso),
    ),
    (
        "fra",
        "À lire aussi : Petites lignes, le grand oubli des politiques de transport",
        Some(Kind::ReadAlso),
    ),
    (
        "fra",
        "Voir aussi : La colère des éleveurs gagne le Sud-Ouest",
        Some(Kind::ReadAlso),
    ),
    (
        "fra",
        "Partager sur Facebook Partager sur Twitter Envoyer par e-mail",
        Some(Kind::Share),
    ),
    (
        "fra",
        "Ce site utilise des cookies pour améliorer votre expérience.",
        Some(Kind::Cookie),
    ),
    (
        "fra",
        "Pour comprendre, il faut lire aussi les attendus du jugement.",
        None,
    ),
    (
        "fra",
        "La photo du ministre a fait le tour des réseaux sociaux.",
        None,
    ),
    (
        "fra",
        "Photos et vidéos ont circulé toute la nuit sur les réseaux.",
        None,
    ),
    (
        "fra",
        "Partager le pouvoir n’a jamais été son fort, disent ses proches.",
        None,
    ),
    // English.
    (
        "eng",
        "Read more: City council approves harbour budget",
        Some(Kind::ReadAlso),
    ),
    (
        "eng",
        "Related: Record crowds expected for city marathon",
        Some(Kind::ReadAlso),
    ),
    ("eng", "Photo: Environment Agency", Some(Kind::PhotoCredit)),
    (
        "eng",
        "Workers unload containers at the port on Tuesday. (AP Photo/Mark Ellis)",
        Some(Kind::PhotoCredit),
    ),
    ("eng", "Share this article", Some(Kind::Share)),
    (
        "eng",
        "We use cookies to give you the best experience on our website.",
        Some(Kind::Cookie),
    ),
    (
        "eng",
        "Subscribe to our newsletter for daily updates from the Harbour Times.",
        Some(Kind::Subscribe),
    ),
    ("eng", "By Sarah O'Neill", Some(Kind::Byline)),
    (
        "eng",
        "Read more about the consultation on the council's website, where the report is.",
        None,
    ),
    (
        "eng",
        "The photo of the flooded high street was shared thousands of times.",
        None,
    ),
    (
        "eng",
        "By the end of the week, the river had risen by two metres.",
        None,
    ),
    // Russian.
    (
        "rus",
        "Фото: РИА Новости / Иван Сидоров",
        Some(Kind::PhotoCredit),
    ),
    (
        "rus",
        "Читайте также: Мэр пообещал открыть ещё три станции до 2025 года",
        Some(Kind::ReadAlso),
    ),
    (
        "rus",
        "Поделиться: ВКонтакте Одноклассники Telegram",
        Some(Kind::Share),
    ),
    (
        "rus",
        "Подписывайтесь на наш канал в Telegram, чтобы первыми узнавать новости",
        Some(Kind::Subscribe),
    ),
    (
        "rus",
        "Фотографии с места событий публикуют очевидцы.",
        None,
    ),
    // German.
    ("deu", "Foto: dpa", Some(Kind::PhotoCredit)),
    (
        "deu",
        "Lesen Sie auch: Wie viel verdienen Lokführer wirklich?",
        Some(Kind::ReadAlso),
    ),
    (
        "deu",
        "Mehr zum Thema: Bürgerwindparks im Aufwind",
        Some(Kind::ReadAlso),
    ),
    (
        "deu",
        "Wir verwenden Cookies, um Ihnen ein optimales Webseiten-Erlebnis zu bieten.",
        Some(Kind::Cookie),
    ),
    (
        "deu",
        "Artikel teilen: Facebook Twitter WhatsApp E-Mail",
        Some(Kind::Share),
    ),
    (
        "deu",
        "Mehr zum Thema Energie sagte der Minister nichts.",
        None,
    ),
    // A marker alone on its line (a heading over links) goes too.
    ("deu", "Mehr zum Thema", Some(Kind::ReadAlso)),
    ("fra", "À lire aussi", Some(Kind::ReadAlso)),
    ("ita", "Leggi anche", Some(Kind::ReadAlso)),
    ("eng", "Read more", Some(Kind::ReadAlso)),
    // Spanish, Italian, Portuguese.
    (
        "spa",
        "Lea también: Las películas españolas que aspiran a la Concha de Oro",
        Some(Kind::ReadAlso),
    ),
    ("spa", "Foto: EFE / Julio Muñoz", Some(Kind::PhotoCredit)),
    (
        "spa",
        "Compartir en Facebook Compartir en Twitter",
        Some(Kind::Share),
    ),
    (
        "spa",
        "Utilizamos cookies propias y de terceros para mejorar nuestros servicios.",
        Some(Kind::Cookie),
    ),
    (
        "spa",
        "Compartir el agua entre regiones es el gran debate del verano.",
        None,
    ),
    (
        "ita",
        "Leggi anche: Mose, quando entrerà davvero in funzione?",
        Some(Kind::ReadAlso),
    ),
    ("ita", "Foto: ANSA / Andrea Merola", Some(Kind::PhotoCredit)),
    (
        "ita",
        "Condividi su Facebook Condividi su Twitter",
        Some(Kind::Share),
    ),
    (
        "ita",
        "Questo sito utilizza cookie tecnici e di profilazione.",
        Some(Kind::Cookie),
    ),
    (
        "por",
        "Leia também: Seca histórica ameaça a navegação no rio Paraguai",
        Some(Kind::ReadAlso),
    ),
    (
        "por",
        "Foto: Agência Brasil / Marcelo Camargo",
        Some(Kind::PhotoCredit),
    ),
    (
        "por",
        "Compartilhe: Facebook Twitter WhatsApp",
        Some(Kind::Share),
    ),
    (
        "por",
        "Este site utiliza cookies para melhorar a sua experiência.",
        Some(Kind::Cookie),
    ),
    (
        "por",
        "Leia também o relatório completo, disse o ministro aos jornalistas.",
        None,
    ),
    // Arabic and Chinese.
    (
        "ara",
        "اقرأ أيضا: دور النشر العربية تراهن على الكتاب الرقمي",
        Some(Kind::ReadAlso),
    ),
    ("ara", "تصوير: أحمد حسن", Some(Kind::PhotoCredit)),
    ("ara", "شارك على فيسبوك شارك على تويتر", Some(Kind::Share)),
    (
        "cmn",
        "相关阅读：西部地区高铁网络加速成形",
        Some(Kind::ReadAlso),
    ),
    ("cmn", "责任编辑：王明", Some(Kind::Byline)),
    ("cmn", "图片来源：新华社", Some(Kind::PhotoCredit)),
    ("cmn", "分享到：微信 微博 QQ空间", Some(Kind::Share)),
    (
        "cmn",
        "编辑部表示，今年的评选将更加注重新闻的社会价值和影响力。",
        None,
    ),
    // Any language.
    (
        "und",
        "Home | Cronaca | Politica | Economia | Sport | Cultura | Meteo",
        Some(Kind::Navigation),
    ),
    (
        "fra",
        "© Le Courrier du Matin — Tous droits réservés",
        Some(Kind::Copyright),
    ),
];

#[test]
fn lines_that_must_go_and_look_alikes_that_must_stay() {
    let stripper = stripper();
    for (lang, line, want) in LINES {
        let text = format!(
            "Premier paragraphe de l’article, assez long pour être du contenu.\n\n{line}\n\nDernier paragraphe."
        );
        let (out, removals) = stripper.strip(&text, lang);
        match want {
            Some(kind) => {
                assert_eq!(removals.len(), 1, "{lang}: {line} was kept");
                assert_eq!(
                    removals[0].kind, *kind,
                    "{lang}: {line} ({})",
                    removals[0].rule
                );
                assert_eq!((removals[0].line, removals[0].text.as_str()), (3, *line));
                assert_eq!(
                    out,
                    "Premier paragraphe de l’article, assez long pour être du contenu.\n\nDernier paragraphe."
                );
            }
            None => {
                assert!(
                    removals.is_empty(),
                    "{lang}: {line} removed by {}",
                    removals[0].rule
                );
                assert_eq!(out, text);
            }
        }
    }
}

#[test]
fn rules_apply_to_their_languages_only() {
    let stripper = stripper();
    // `Foto:` is a credit in German, but a French line starting with it is French text.
    assert_eq!(stripper.strip("Foto: dpa", "deu").1.len(), 1);
    assert!(stripper.strip("Lire aussi : un titre", "eng").1.is_empty());
}

#[test]
fn long_lines_are_content() {
    let long = format!(
        "Lire aussi : {}",
        "un très long paragraphe qui continue ".repeat(12)
    );
    assert!(stripper().strip(&long, "fra").1.is_empty());
}

#[test]
fn rules_can_be_disabled_or_added_and_bad_ones_are_refused() {
    let config = BoilerplateConfig {
        disable: vec!["fr_lire_aussi".into()],
        extra_rules: vec![LineRule {
            name: "fr_en_images".into(),
            kind: Kind::Navigation,
            langs: vec!["fra".into()],
            pattern: r"^en images\s*:".into(),
            max_chars: 100,
        }],
        ..BoilerplateConfig::default()
    };
    let stripper = Stripper::new(&config).unwrap();
    assert!(stripper.strip("Lire aussi : un titre", "fra").1.is_empty());
    assert_eq!(
        stripper.strip("En images : la canicule", "fra").1[0].rule,
        "fr_en_images"
    );

    let unknown = BoilerplateConfig {
        disable: vec!["no_such_rule".into()],
        ..BoilerplateConfig::default()
    };
    let message = Stripper::new(&unknown).unwrap_err().to_string();
    assert!(
        message.contains("unknown built-in boilerplate rule \"no_such_rule\""),
        "{message}"
    );
    assert!(message.contains("fr_lire_aussi"), "{message}");

    let bad = BoilerplateConfig {
        extra_rules: vec![LineRule {
            name: "broken".into(),
            kind: Kind::Share,
            langs: vec![],
            pattern: "^(unclosed".into(),
            max_chars: 10,
        }],
        ..BoilerplateConfig::default()
    };
    let message = Stripper::new(&bad).unwrap_err().to_string();
    assert!(
        message.contains("boilerplate rule \"broken\": invalid pattern"),
        "{message}"
    );
}
