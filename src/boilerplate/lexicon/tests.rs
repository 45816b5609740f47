use super::*;
use crate::boilerplate::{BoilerplateConfig, Strictness, Stripper};
use crate::lang::parse_lang;

/// One real-looking line per kind ([`LEXICON_KINDS`] order) in every language of the lexicon.
const LINES: &[(&str, [&str; 12])] = &[
    (
        "en",
        [
            "Read also: Council approves new budget for city schools",
            "Share this article",
            "Photo credit: Jane Doe / Reuters",
            "Source: Office for National Statistics",
            "By Sarah Johnson, AP",
            "Published on 12 March 2021, 10:45",
            "We use cookies to give you the best experience on our website. By continuing you agree.",
            "Already a subscriber? Sign in to continue reading.",
            "Sign up for our newsletter and get the best stories every morning.",
            "12 Comments",
            "Continue reading →",
            "© 2021 The Daily Courier. All rights reserved.",
        ],
    ),
    (
        "ru",
        [
            "Читайте также: В Москве открылся новый парк",
            "Поделиться",
            "Фото: РИА Новости",
            "Источник: ТАСС",
            "Автор: Иван Петров",
            "Опубликовано 12.03.2021 10:45",
            "Мы используем файлы cookie, чтобы сделать сайт удобнее.",
            "Материал доступен по подписке. Оформите её за 1 рубль.",
            "Подписывайтесь на наш канал в Telegram",
            "Комментарии (5)",
            "Читать далее »",
            "© 2021 Газета.Ru. Все права защищены.",
        ],
    ),
    (
        "de",
        [
            "Lesen Sie auch: Stadtrat beschließt neuen Haushalt",
            "Artikel teilen",
            "Foto: dpa / Bernd Weißbrod",
            "Quelle: Statistisches Bundesamt",
            "Von Anna Müller, dpa",
            "Veröffentlicht am 12.03.2021 um 10:45 Uhr",
            "Diese Website verwendet Cookies, um Ihnen ein besseres Nutzererlebnis zu bieten.",
            "Sie sind bereits Abonnent? Hier anmelden.",
            "Newsletter abonnieren und keine Nachricht mehr verpassen!",
            "Kommentare (3)",
            "» Weiterlesen",
            "© 2021 Süddeutsche Zeitung GmbH. Alle Rechte vorbehalten.",
        ],
    ),
    (
        "ja",
        [
            "関連記事：東京で新しい図書館が開館",
            "シェアする",
            "写真：共同通信",
            "出典：総務省統計局",
            "文：山田太郎",
            "公開日：2021年3月12日",
            "当サイトではクッキーを使用しています。詳しくはプライバシーポリシーをご覧ください。",
            "この記事は有料会員限定です。",
            "メルマガ登録はこちら",
            "コメント（3）",
            "続きを読む",
            "Copyright © 2021 朝日新聞社 無断転載を禁じます。",
        ],
    ),
    (
        "es",
        [
            "Lee también: El Gobierno aprueba los presupuestos",
            "Compartir en Facebook",
            "Foto: EFE / Juan Pérez",
            "Fuente: Instituto Nacional de Estadística",
            "Por María García",
            "Publicado el 12 de marzo de 2021",
            "Este sitio web utiliza cookies para mejorar su experiencia de navegación.",
            "¿Ya eres suscriptor? Inicia sesión",
            "Suscríbete a nuestro boletín y recibe las noticias del día.",
            "Comentarios (7)",
            "Seguir leyendo",
            "© 2021 Diario del Sur. Todos los derechos reservados.",
        ],
    ),
    (
        "fr",
        [
            "À lire aussi : Le conseil municipal adopte son budget",
            "Partager sur Facebook",
            "Crédit photo : AFP",
            "Source : Insee",
            "Par Marie Dupont, avec AFP",
            "Publié le 12 juin 2018 à 10h45",
            "Ce site utilise des cookies pour améliorer votre expérience de navigation.",
            "Déjà abonné ? Connectez-vous",
            "Inscrivez-vous à notre newsletter pour recevoir l’essentiel de l’actualité.",
            "Commentaires (12)",
            "Lire la suite »",
            "© 2018 Le Quotidien. Tous droits réservés.",
        ],
    ),
    (
        "zh",
        [
            "相关阅读：北京新图书馆正式开放",
            "分享到微信",
            "图片来源：新华社",
            "来源：新华网",
            "责任编辑：王小明",
            "发布时间：2021-03-12 10:45",
            "本网站使用cookie以提升您的浏览体验。",
            "订阅后阅读全文",
            "扫码关注我们的公众号",
            "12条评论",
            "阅读全文",
            "版权所有 © 2021 新华网 未经授权禁止转载",
        ],
    ),
    (
        "pt",
        [
            "Leia também: Governo anuncia novo pacote econômico",
            "Compartilhe",
            "Foto: Agência Brasil",
            "Fonte: IBGE",
            "Por João Silva",
            "Publicado em 12/03/2021 às 10h45",
            "Este site utiliza cookies para melhorar a sua experiência.",
            "Já é assinante? Faça login",
            "Assine nossa newsletter e receba as principais notícias.",
            "Comentários (4)",
            "Continuar lendo",
            "© 2021 Jornal do Sul. Todos os direitos reservados.",
        ],
    ),
    (
        "it",
        [
            "Leggi anche: Il consiglio comunale approva il bilancio",
            "Condividi su Facebook",
            "Foto: ANSA",
            "Fonte: Istat",
            "Di Marco Rossi",
            "Pubblicato il 12 marzo 2021",
            "Questo sito utilizza cookie per migliorare la tua esperienza.",
            "Sei già abbonato? Accedi",
            "Iscriviti alla newsletter per ricevere le notizie del giorno.",
            "Commenti (2)",
            "Continua a leggere",
            "© 2021 Corriere del Nord. Tutti i diritti riservati.",
        ],
    ),
    (
        "nl",
        [
            "Lees ook: Gemeenteraad keurt nieuwe begroting goed",
            "Deel dit artikel",
            "Foto: ANP",
            "Bron: CBS",
            "Door Jan de Vries",
            "Gepubliceerd op 12 maart 2021",
            "Deze website maakt gebruik van cookies om uw ervaring te verbeteren.",
            "Ben je al abonnee? Log in",
            "Schrijf je in voor onze nieuwsbrief en blijf op de hoogte.",
            "Reacties (6)",
            "Lees verder",
            "© 2021 Dagblad Noord. Alle rechten voorbehouden.",
        ],
    ),
    (
        "pl",
        [
            "Czytaj także: Rada miasta przyjęła budżet",
            "Udostępnij",
            "Fot. Jan Kowalski / PAP",
            "Źródło: GUS",
            "Autor: Anna Nowak",
            "Opublikowano: 12.03.2021, 10:45",
            "Ta strona używa plików cookie, aby ułatwić korzystanie z serwisu.",
            "Artykuł dostępny dla subskrybentów. Wykup dostęp.",
            "Zapisz się do newslettera i otrzymuj najważniejsze wiadomości.",
            "Komentarze (8)",
            "Czytaj dalej",
            "© 2021 Gazeta Miejska. Wszelkie prawa zastrzeżone.",
        ],
    ),
    (
        "tr",
        [
            "İLGİLİ HABERLER: Ankara'da yeni park açıldı",
            "Paylaş",
            "Fotoğraf: AA",
            "Kaynak: Anadolu Ajansı",
            "Haber Merkezi",
            "Yayınlanma: 12.03.2021 10:45",
            "Bu web sitesi çerez kullanmaktadır. Detaylı bilgi için tıklayın.",
            "Zaten abone misiniz? Giriş yapın",
            "Bültenimize abone olun, gündemi kaçırmayın.",
            "Yorumlar (3)",
            "Devamını oku",
            "© 2021 Hürriyet. Tüm hakları saklıdır.",
        ],
    ),
    (
        "fa",
        [
            "بیشتر بخوانید: افتتاح کتابخانه جدید در تهران",
            "اشتراک‌گذاری",
            "عکس: ایرنا",
            "منبع: ایسنا",
            "نویسنده: علی رضایی",
            "تاریخ انتشار: ۱۴۰۰/۰۱/۱۲",
            "ما از کوکی‌ها استفاده می‌کنیم تا تجربه بهتری داشته باشید.",
            "فقط برای مشترکان",
            "عضویت در خبرنامه",
            "نظرات (۳)",
            "ادامه مطلب",
            "کلیه حقوق محفوظ است.",
        ],
    ),
    (
        "vi",
        [
            "Xem thêm: Hà Nội khánh thành thư viện mới",
            "Chia sẻ",
            "Ảnh: TTXVN",
            "Theo VnExpress",
            "Tác giả: Nguyễn Văn An",
            "Cập nhật: 12/03/2021 10:45",
            "Chúng tôi sử dụng cookie để cải thiện trải nghiệm của bạn.",
            "Bạn đã là thành viên? Đăng nhập",
            "Đăng ký nhận bản tin mỗi sáng.",
            "Bình luận (5)",
            "Xem tiếp",
            "Bản quyền thuộc về Báo Tuổi Trẻ.",
        ],
    ),
    (
        "id",
        [
            "Baca juga: Pemerintah umumkan anggaran baru",
            "Bagikan",
            "Foto: Antara",
            "Sumber: BPS",
            "Penulis: Budi Santoso",
            "Diterbitkan 12 Maret 2021",
            "Situs ini menggunakan cookie untuk meningkatkan pengalaman Anda.",
            "Konten premium. Berlangganan untuk membaca.",
            "Berlangganan newsletter kami.",
            "Komentar (2)",
            "Baca selengkapnya",
            "Hak cipta dilindungi undang-undang.",
        ],
    ),
    (
        "cs",
        [
            "Čtěte také: Zastupitelstvo schválilo rozpočet",
            "Sdílet",
            "Foto: ČTK",
            "Zdroj: ČSÚ",
            "Autor: Jan Novák",
            "Publikováno: 12. 3. 2021",
            "Tento web používá soubory cookie ke zlepšení služeb.",
            "Článek je dostupný pouze pro předplatitele.",
            "Přihlaste se k odběru newsletteru.",
            "Diskuse (14)",
            "Číst dále",
            "© 2021 Deník Jih. Všechna práva vyhrazena.",
        ],
    ),
    (
        "ko",
        [
            "관련기사: 서울시 새 도서관 개관",
            "공유하기",
            "사진=연합뉴스",
            "출처: 통계청",
            "글: 김철수",
            "입력 2021.03.12 10:45",
            "이 웹사이트는 쿠키를 사용합니다.",
            "유료기사입니다. 구독 후 이용하세요.",
            "뉴스레터 구독",
            "댓글 (3)",
            "기사 더보기",
            "저작권자 © 연합뉴스 무단전재 및 재배포 금지",
        ],
    ),
    (
        "uk",
        [
            "Читайте також: У Києві відкрили нову бібліотеку",
            "Поділитися",
            "Фото: Укрінформ",
            "Джерело: Держстат",
            "Автор: Олена Коваленко",
            "Опубліковано 12.03.2021",
            "Ми використовуємо файли cookie для покращення роботи сайту.",
            "Матеріал доступний за підпискою.",
            "Підписуйтесь на наш канал у Telegram",
            "Коментарі (4)",
            "Читати далі",
            "© 2021 Українська правда. Усі права захищені.",
        ],
    ),
    (
        "ar",
        [
            "اقرأ أيضا: افتتاح مكتبة جديدة في القاهرة",
            "شارك المقال",
            "تصوير: أحمد محمد",
            "المصدر: وكالات",
            "بقلم محمد علي",
            "نشر في 12 مارس 2021",
            "يستخدم هذا الموقع ملفات تعريف الارتباط لتحسين تجربتك.",
            "هذا المحتوى للمشتركين فقط",
            "اشترك في النشرة البريدية",
            "التعليقات (3)",
            "اقرأ المزيد",
            "جميع الحقوق محفوظة © 2021",
        ],
    ),
    (
        "sv",
        [
            "Läs också: Kommunen bygger nytt bibliotek",
            "Dela artikeln",
            "Foto: TT",
            "Källa: SCB",
            "Av Anna Svensson",
            "Publicerad 12 mars 2021",
            "Vi använder cookies för att ge dig en bättre upplevelse.",
            "Redan prenumerant? Logga in",
            "Prenumerera på vårt nyhetsbrev.",
            "Kommentarer (2)",
            "Läs mer",
            "© 2021 Dagbladet Syd. Alla rättigheter förbehållna.",
        ],
    ),
    (
        "hu",
        [
            "Olvassa el: Új könyvtár nyílt Budapesten",
            "Megosztás",
            "Fotó: MTI",
            "Forrás: KSH",
            "Szerző: Kovács Péter",
            "Közzétéve: 2021. 03. 12.",
            "Ez a weboldal sütiket használ a jobb felhasználói élmény érdekében.",
            "Már előfizető? Jelentkezzen be",
            "Iratkozzon fel hírlevelünkre!",
            "Hozzászólások (6)",
            "Tovább olvasom",
            "© 2021 Napi Hírek. Minden jog fenntartva.",
        ],
    ),
    (
        "el",
        [
            "Διαβάστε επίσης: Νέα βιβλιοθήκη στην Αθήνα",
            "Κοινοποίηση",
            "Φωτογραφία: Eurokinissi",
            "Πηγή: ΑΠΕ-ΜΠΕ",
            "Του Γιάννη Παπαδόπουλου",
            "Δημοσιεύθηκε: 12/03/2021",
            "Χρησιμοποιούμε cookies για να βελτιώσουμε την εμπειρία σας.",
            "Είστε ήδη συνδρομητής; Συνδεθείτε",
            "Εγγραφείτε στο newsletter μας",
            "Σχόλια (3)",
            "Διαβάστε περισσότερα",
            "© 2021 Καθημερινή. Με την επιφύλαξη παντός δικαιώματος.",
        ],
    ),
    (
        "ro",
        [
            "Citește și: Primăria a aprobat bugetul",
            "Distribuie",
            "Foto: Agerpres",
            "Sursa: INS",
            "De Andrei Popescu",
            "Publicat: 12.03.2021, 10:45",
            "Acest site folosește cookie-uri pentru a îmbunătăți experiența ta.",
            "Ești deja abonat? Autentifică-te",
            "Abonează-te la newsletter!",
            "Comentarii (2)",
            "Citește mai mult",
            "© 2021 Ziarul Local. Toate drepturile rezervate.",
        ],
    ),
    (
        "da",
        [
            "Læs også: Kommunen bygger nyt bibliotek",
            "Del artiklen",
            "Foto: Ritzau Scanpix",
            "Kilde: Danmarks Statistik",
            "Af Mette Hansen",
            "Publiceret 12. marts 2021",
            "Vi bruger cookies for at forbedre din oplevelse.",
            "Er du allerede abonnent? Log ind",
            "Tilmeld dig vores nyhedsbrev.",
            "Kommentarer (1)",
            "Læs mere",
            "© 2021 Avisen Nord. Alle rettigheder forbeholdes.",
        ],
    ),
    (
        "fi",
        [
            "Lue myös: Kaupunki rakentaa uuden kirjaston",
            "Jaa artikkeli",
            "Kuva: Lehtikuva",
            "Lähde: Tilastokeskus",
            "Kirjoittaja: Matti Virtanen",
            "Julkaistu 12.3.2021 klo 10.45",
            "Käytämme evästeitä parantaaksemme käyttökokemustasi.",
            "Oletko jo tilaaja? Kirjaudu sisään",
            "Tilaa uutiskirjeemme!",
            "Kommentit (3)",
            "Lue lisää",
            "© 2021 Uutiset Oy. Kaikki oikeudet pidätetään.",
        ],
    ),
];

/// Content in each language that opens like furniture and must stay.
const LOOK_ALIKES: &[(&str, &str)] = &[
    (
        "en",
        "By the end of the meeting, the council had approved every item on the agenda.",
    ),
    (
        "en",
        "Share prices of the city's transport operator rose by 3% after the vote.",
    ),
    (
        "ru",
        "Источником финансирования станет федеральная программа развития городов.",
    ),
    (
        "de",
        "Von den Einnahmen sollen vor allem die Schulen im Norden der Stadt profitieren.",
    ),
    (
        "de",
        "Foto-Ausstellungen im Rathaus sind seit Jahren ein Publikumsmagnet.",
    ),
    ("ja", "写真家の展覧会は来月から市立美術館で開かれる。"),
    (
        "es",
        "Por último, el alcalde anunció la construcción de dos nuevos colegios.",
    ),
    (
        "fr",
        "Par ailleurs, le maire a annoncé la construction de deux nouvelles écoles d’ici à 2026.",
    ),
    ("zh", "来源于地方税的收入将用于修缮学校。"),
    (
        "pt",
        "Por causa da chuva, as obras começam em setembro e devem durar dois anos.",
    ),
    (
        "it",
        "Di fronte alla crisi, il comune ha deciso di rinviare i lavori.",
    ),
    (
        "nl",
        "Door de regen werd de wedstrijd twee keer stilgelegd.",
    ),
    (
        "pl",
        "Autorzy raportu podkreślają, że ceny mieszkań rosną trzeci rok z rzędu.",
    ),
    (
        "tr",
        "Haberlerin yayınlanmasının ardından belediye başkanı açıklama yaptı.",
    ),
    ("fa", "منبع اصلی درآمد شهرداری عوارض ساخت و ساز است."),
    (
        "vi",
        "Theo kế hoạch, thư viện mới sẽ mở cửa vào tháng tới và phục vụ hàng nghìn người.",
    ),
    (
        "id",
        "Oleh karena itu, pemerintah daerah menunda pembangunan jembatan.",
    ),
    (
        "cs",
        "Autor knihy strávil v Tibetu několik let a popisuje život v klášterech.",
    ),
    ("ko", "사진 전시회는 다음 달부터 시립미술관에서 열린다."),
    (
        "uk",
        "Автори звіту наголошують, що ціни на житло зростають третій рік поспіль.",
    ),
    (
        "ar",
        "وقال رئيس البلدية إن المصدر الرئيسي للتمويل سيكون الضرائب المحلية.",
    ),
    (
        "sv",
        "Av de nya bostäderna blir hälften hyresrätter, enligt kommunen.",
    ),
    (
        "hu",
        "Forrásaink szerint a tárgyalások jövő héten folytatódnak a fővárosban.",
    ),
    (
        "el",
        "Από την επόμενη εβδομάδα η βιβλιοθήκη θα είναι ανοιχτή και τα Σάββατα.",
    ),
    (
        "ro",
        "De mâine, primăria va începe lucrările de renovare a școlilor din oraș.",
    ),
    (
        "da",
        "Af de nye boliger bliver halvdelen almene lejeboliger, oplyser kommunen.",
    ),
    (
        "fi",
        "Kuvataiteilijan näyttely avataan ensi kuussa kaupungin taidemuseossa.",
    ),
];

fn language(code: &str) -> &'static Language {
    LANGUAGES
        .iter()
        .find(|l| l.code == code)
        .unwrap_or_else(|| panic!("no language {code}"))
}

fn rules_only() -> Stripper {
    Stripper::new(&BoilerplateConfig {
        strictness: Strictness::Rules,
        ..BoilerplateConfig::default()
    })
    .unwrap()
}

#[test]
fn the_lexicon_covers_25_languages_that_detection_names() {
    assert!(LANGUAGES.len() >= 25);
    for language in LANGUAGES {
        for lang in language.langs {
            assert_eq!(parse_lang(lang).unwrap().code(), *lang, "{}", language.code);
        }
        for (kind, phrases) in LEXICON_KINDS.iter().zip(language.phrases) {
            assert!(!phrases.is_empty(), "{} {kind}", language.code);
            assert!(
                phrases.iter().all(|p| p.to_lowercase() == *p),
                "{} {kind}: phrases are lowercase",
                language.code
            );
        }
    }
}

/// `zh_cookies` was written twice, so disabling it by name took out two rules.
#[test]
fn built_in_rule_names_are_unique() {
    let mut seen = std::collections::HashSet::new();
    for rule in crate::boilerplate::built_in() {
        assert!(seen.insert(rule.name.clone()), "{} twice", rule.name);
    }
}

#[test]
fn every_kind_goes_in_every_language_whatever_its_case_and_punctuation() {
    let stripper = rules_only();
    let lexicon: std::collections::HashMap<String, (LineRule, regex::Regex)> = lexicon_rules()
        .into_iter()
        .map(|rule| {
            let regex = regex::RegexBuilder::new(&rule.pattern)
                .case_insensitive(true)
                .build()
                .unwrap();
            (rule.name.clone(), (rule, regex))
        })
        .collect();
    for language in LANGUAGES {
        let (_, lines) = LINES
            .iter()
            .find(|(code, _)| *code == language.code)
            .unwrap_or_else(|| panic!("{} has no test lines", language.code));
        for (k, line) in lines.iter().enumerate() {
            let name = format!("{}_{}", LEXICON_KINDS[k], language.code);
            let (rule, regex) = &lexicon[&name];
            assert_eq!(rule.kind, KINDS[k].kind);
            let variants = [
                line.to_string(),
                line.to_uppercase(),
                format!("► {line}"),
                format!("  {line}  "),
            ];
            for variant in &variants {
                let trimmed = variant.trim();
                // The lexicon's rule knows the line...
                assert!(
                    regex.is_match(trimmed) && trimmed.chars().count() <= rule.max_chars,
                    "{name}: {variant:?} not matched"
                );
                // ... and the line goes (a hand-written rule may take it first).
                assert!(
                    stripper.rule_for(trimmed, language.langs[0]).is_some(),
                    "{name}: {variant:?} kept"
                );
            }
        }
    }
}

#[test]
fn content_that_opens_like_furniture_stays() {
    let stripper = rules_only();
    for (code, line) in LOOK_ALIKES {
        let lang = language(code).langs[0];
        assert!(
            stripper.rule_for(line, lang).is_none(),
            "{lang}: {line:?} taken by {:?}",
            stripper.rule_for(line, lang).map(|r| &r.name)
        );
    }
    // Every language has a look-alike.
    for language in LANGUAGES {
        assert!(
            LOOK_ALIKES.iter().any(|(c, _)| *c == language.code),
            "{}",
            language.code
        );
    }
}

#[test]
fn a_language_s_phrases_stay_in_its_language() {
    // `Del` opens Danish share buttons, and Spanish content.
    let stripper = rules_only();
    assert!(stripper.rule_for("Del", "dan").is_some());
    assert!(stripper.rule_for("Del", "spa").is_none());
}

/// The quick check skips a rule when a line's first two letters open none of its phrases, after
/// [`letter_key`]: every letter that matches a phrase's letter case-insensitively (what the
/// patterns do) must have that letter's key, or the rule would be skipped on a line it matches.
#[test]
fn the_quick_check_keys_agree_with_case_insensitive_matching() {
    use regex_syntax::hir::{Class, HirKind};
    let mut letters: Vec<char> = LANGUAGES
        .iter()
        .flat_map(|language| language.phrases.iter().copied().flatten())
        .flat_map(|phrase| phrase.chars().take_while(|c| c.is_alphabetic()).take(2))
        .collect();
    letters.sort_unstable();
    letters.dedup();
    assert!(letters.len() > 100, "{} letters", letters.len());
    for letter in letters {
        let hir = regex_syntax::Parser::new()
            .parse(&format!("(?i){}", regex::escape(&letter.to_string())))
            .unwrap();
        let matches: Vec<char> = match hir.kind() {
            HirKind::Class(Class::Unicode(class)) => class
                .ranges()
                .iter()
                .flat_map(|r| r.start()..=r.end())
                .collect(),
            HirKind::Literal(_) => vec![letter],
            other => panic!("{letter}: {other:?}"),
        };
        for c in matches {
            assert_eq!(
                letter_key(c),
                letter_key(letter),
                "{c:?} matches {letter:?} case-insensitively"
            );
        }
    }
}

/// The Turkish phrases' dotted and dotless i match both capitals (`[iİ]`, `[ıI]`): the quick
/// check lets those lines through too.
#[test]
fn turkish_capitals_pass_the_quick_check() {
    let stripper = Stripper::new(&BoilerplateConfig {
        strictness: Strictness::Rules,
        ..BoilerplateConfig::default()
    })
    .unwrap();
    let tur = parse_lang("tr").unwrap().code();
    for line in [
        "İLGİLİ HABERLER: Ankara'da yeni metro hattı açıldı",
        "Yorumlar (3)",
    ] {
        let text = format!(
            "Belediye başkanı yeni projeyi bugün tanıttı ve vatandaşların sorularını yanıtladı.\n\n{line}\n\nProje iki yıl içinde tamamlanacak ve şehrin ulaşımını kolaylaştıracak."
        );
        let (_, removals) = stripper.strip(&text, tur);
        assert_eq!(removals.len(), 1, "{line}: {removals:?}");
    }
}

#[test]
fn blog_and_news_widgets_of_real_pages_go() {
    // Lines of kinds seen inside the main text of real pages (WordPress follow and like boxes,
    // embed consent placeholders, Latin American "see also" links), each in its language.
    let stripper = rules_only();
    let cases = [
        ("deu", "Ähnliche Beiträge"),
        ("deu", "Weitere Artikel zum Thema"),
        ("deu", "Kommentierte Artikel"),
        ("deu", "Gefällt mir:"),
        ("deu", "Bewerten:"),
        ("deu", "Externer Inhalt"),
        (
            "deu",
            "Klicken Sie auf den unteren Button, um den Inhalt von www.komoot.de zu laden.",
        ),
        ("deu", "Sie sind aktuell nicht eingeloggt."),
        (
            "deu",
            "Gib deine E-Mail-Adresse ein, um diesem Blog zu folgen und per E-Mail Benachrichtigungen über neue Beiträge zu erhalten.",
        ),
        ("eng", "Most read"),
        (
            "eng",
            "Enter your email address to follow this blog and receive notifications of new posts by email.",
        ),
        (
            "eng",
            "Never miss the latest news by signing up to our newsletter today.",
        ),
        (
            "eng",
            "Subscribe now to our eNATION edition for the full story.",
        ),
        (
            "spa",
            "VEA TAMBIÉN: Entre heces y guaricha, la escuela sigue esperando",
        ),
        (
            "spa",
            "Lea más: El Gobierno propone legalizar la venta de cannabis",
        ),
        (
            "spa",
            "Mira también: Capturan a dos sospechosos en la zona 18",
        ),
        ("spa", "Lo más leído"),
        (
            "fra",
            "Saisissez votre adresse e-mail pour vous abonner à ce blog et recevoir une notification de chaque nouvel article par e-mail.",
        ),
    ];
    for (lang, line) in cases {
        let text = format!(
            "Der Text des Artikels steht hier, lang genug für einen Absatz.\n{line}\nEnde."
        );
        let (kept, removals) = stripper.strip(&text, lang);
        assert!(
            !kept.contains(line),
            "{lang}: {line:?} stayed ({removals:?})"
        );
    }
    // Content that shares their words stays.
    for (lang, line) in [
        (
            "deu",
            "Der Film gefällt mir, weil er die Stadt zeigt, wie sie wirklich ist.",
        ),
        (
            "spa",
            "Mira también a su hermano, que llegó tarde a la reunión del consejo.",
        ),
        (
            "eng",
            "Most read the report as a warning, the minister said on Tuesday.",
        ),
    ] {
        let (kept, _) = stripper.strip(line, lang);
        assert_eq!(kept, line, "{lang}");
    }
}

/// The matcher walks the patterns' leads by hand, runs the rest on a forward lazy DFA, and
/// matches the phrases and the shared tails apart: on every built-in rule it must say what the
/// whole pattern says in the `regex` crate, on the test lines and on each phrase of the rule's
/// languages behind bullets, digits, letter numbers and underscores, in capitals, before names,
/// agencies, dates, separators, punctuation and long texts.
#[test]
fn the_matcher_agrees_with_the_whole_patterns_on_every_built_in_rule() {
    use crate::boilerplate::matcher::Compiled;
    let leads = [
        "", "• ", "»» ", "—–- ", "____", "1. ", "12 ", "Ⅻ ", "² ", "🔗", "« ",
    ];
    let tails = [
        "",
        ": Jean Dupont",
        " Anna Müller, dpa",
        " Maria Silva / Reuters",
        " 12.03.2021 10:45",
        " ›",
        " le conseil municipal a voté hier soir le budget",
        "é",
        ":",
        " : ",
        "\u{a0}: AFP",
        " = dpa",
        " jean dupont",
        " Jean-Pierre de la Tour et Anne Ba",
        " Ólafur Arnalds, con EFE",
        ": une phrase de plus de soixante caractères, qui ne finit jamais vraiment",
        " (3)",
        " ?",
        ". Suite",
        " – suite",
        " le 3 mai",
        "s 12",
        "xyz 12",
    ];
    let mut lines: Vec<(Option<&str>, String)> = LINES
        .iter()
        .flat_map(|(code, lines)| lines.iter().map(|l| (Some(*code), l.to_string())))
        .chain(
            LOOK_ALIKES
                .iter()
                .map(|(code, l)| (Some(*code), l.to_string())),
        )
        .collect();
    for language in LANGUAGES {
        for phrase in language.phrases.iter().copied().flatten() {
            for (i, lead) in leads.iter().enumerate() {
                let tail = tails[(i + phrase.len()) % tails.len()];
                lines.push((Some(language.code), format!("{lead}{phrase}{tail}")));
                lines.push((
                    Some(language.code),
                    format!("{lead}{phrase}{tail}").to_uppercase(),
                ));
            }
            for tail in tails {
                lines.push((Some(language.code), format!("{phrase}{tail}")));
            }
        }
    }
    let (mut compared, mut matched, mut split) = (0, 0, 0);
    for rule in crate::boilerplate::built_in() {
        let compiled = Compiled::built_in(&rule.pattern).unwrap();
        split += usize::from(compiled.is_split());
        let whole = regex::RegexBuilder::new(&rule.pattern)
            .case_insensitive(true)
            .build()
            .unwrap();
        let languages: Vec<&str> = LANGUAGES
            .iter()
            .filter(|l| {
                l.langs
                    .iter()
                    .any(|lang| rule.langs.iter().any(|r| r == lang))
            })
            .map(|l| l.code)
            .collect();
        for (code, line) in &lines {
            // Lines of the rule's languages; for a rule of every language, all of them.
            if !rule.langs.is_empty() && !code.is_some_and(|c| languages.contains(&c)) {
                continue;
            }
            let expected = whole.is_match(line);
            assert_eq!(compiled.is_match(line), expected, "{}: {line:?}", rule.name);
            compared += 1;
            matched += usize::from(expected);
        }
    }
    assert!(
        compared > 100_000 && matched > 5_000 && split > 200,
        "{compared} compared, {matched} matched, {split} split"
    );
}
