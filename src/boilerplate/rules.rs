//! The built-in line rules: what photo credits, "read also" links, share, subscribe and cookie
//! lines, bylines, paywall notes, navigation and copyright lines look like in each language.
//!
//! Every pattern is anchored (at the start of the line, or at its end for captions that close on
//! a credit such as `(AP Photo/…)`), matched case-insensitively, and guarded by a length: a longer
//! line is content that merely starts like boilerplate.

use serde::{Deserialize, Serialize};

/// What a removed line was.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// Photo credits and captions (`© Photo. …`, `Crédit photo : AFP`, `(AP Photo/…)`).
    PhotoCredit,
    /// Links to other articles (`Lire aussi :`, `Read more:`, `Читайте также`).
    ReadAlso,
    /// Share buttons (`Partager sur Facebook`, `Share this article`).
    Share,
    /// Newsletter and channel invitations.
    Subscribe,
    /// Cookie notices.
    Cookie,
    /// Bylines and editor credits (`责任编辑：…`).
    Byline,
    /// Subscriber-only notices.
    Paywall,
    /// Menus (`Home | News | Sport | …`).
    Navigation,
    /// Copyright notices (`© … Tous droits réservés`).
    Copyright,
    /// Lines found in many documents of the corpus (site taglines, footers).
    Repeated,
    /// Comment prompts and comment counts (`Leave a comment`, `Kommentare (3)`).
    Comment,
    /// Tag and category lines (`Tags: …`, `Filed under …`).
    Tags,
    /// Legal links and notices (`Impressum`, `Privacy policy`, `Mentions légales`).
    Legal,
    /// Source and credit lines (`Source : AFP`, `Fuente: EFE`, `来源：新华社`).
    Source,
    /// Advertisement markers (`Anzeige`, `Publicité`, `Реклама`, `广告`).
    Advertisement,
    /// Page furniture the classifier removed for its look and place, with no cue word.
    Other,
}

impl Kind {
    /// The name used in stats, explanations and rule files.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::PhotoCredit => "photo_credit",
            Kind::ReadAlso => "read_also",
            Kind::Share => "share",
            Kind::Subscribe => "subscribe",
            Kind::Cookie => "cookie",
            Kind::Byline => "byline",
            Kind::Paywall => "paywall",
            Kind::Navigation => "navigation",
            Kind::Copyright => "copyright",
            Kind::Repeated => "repeated",
            Kind::Comment => "comment",
            Kind::Tags => "tags",
            Kind::Legal => "legal",
            Kind::Source => "source",
            Kind::Advertisement => "advertisement",
            Kind::Other => "other",
        }
    }
}

/// One line rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LineRule {
    /// Unique name, used in stats, explanations, and to disable the rule.
    pub name: String,
    /// What the removed line is.
    pub kind: Kind,
    /// Languages (ISO 639-3) the rule applies to; empty for every language.
    #[serde(default)]
    pub langs: Vec<String>,
    /// Regular expression (Rust `regex` syntax) matched against the whole line, case-insensitively;
    /// anchor it with `^` or `$`.
    pub pattern: String,
    /// Lines longer than this many characters are never removed by this rule.
    pub max_chars: usize,
}

/// (name, kind, languages, pattern, max chars)
type Row = (
    &'static str,
    Kind,
    &'static [&'static str],
    &'static str,
    usize,
);

const ALL: &[&str] = &[];
const FR: &[&str] = &["fra"];
const EN: &[&str] = &["eng"];
const RU: &[&str] = &["rus", "ukr", "bel"];
const DE: &[&str] = &["deu"];
const ES: &[&str] = &["spa", "cat"];
const IT: &[&str] = &["ita"];
const PT: &[&str] = &["por"];
const AR: &[&str] = &["ara"];
const ZH: &[&str] = &["cmn", "jpn"];
const ROMANCE_GERMANIC: &[&str] = &[
    "deu", "spa", "ita", "por", "cat", "nld", "swe", "dan", "nob", "pol", "ces", "ron",
];

const BUILT_IN: &[Row] = &[
    // Photo credits and captions.
    (
        "photo_copyright_sign",
        Kind::PhotoCredit,
        ALL,
        r"^©\s*(?:photo|foto|фото|image|imago|getty|reuters|afp|ap\b|epa|dpa|sputnik|ria|tass|efe|ansa|lusa)",
        300,
    ),
    (
        "photo_agency_caption",
        Kind::PhotoCredit,
        ALL,
        r"\((?:afp|ap|reuters|getty images|epa|dpa|efe|ansa|lusa)\s*(?:photo|foto)?\s*/[^)]*\)\s*$",
        400,
    ),
    (
        "fr_credit_photo",
        Kind::PhotoCredit,
        FR,
        r"^(?:crédits?\s+photos?|photos?|©\s*photo)\s*[:.]",
        150,
    ),
    (
        "en_photo_credit",
        Kind::PhotoCredit,
        EN,
        r"^(?:photo|image|picture|photograph)(?:\s+credit)?\s*:",
        150,
    ),
    (
        "ru_photo",
        Kind::PhotoCredit,
        RU,
        r"^(?:фото|фотография|иллюстрация)\s*[:.]",
        150,
    ),
    (
        "foto_credit",
        Kind::PhotoCredit,
        ROMANCE_GERMANIC,
        r"^(?:foto|fotos|bild|fotografía|imagen|immagine|imagem)\s*:",
        150,
    ),
    (
        "ar_photo",
        Kind::PhotoCredit,
        AR,
        r"^(?:تصوير|الصورة|صورة)\s*:",
        150,
    ),
    (
        "zh_photo",
        Kind::PhotoCredit,
        ZH,
        r"^(?:图片来源|图片|摄影|图)\s*[：:]",
        80,
    ),
    // "Read also" links, with the related title on the same line.
    (
        "fr_lire_aussi",
        Kind::ReadAlso,
        FR,
        r"^(?:à\s+)?(?:lire|voir)\s+(?:aussi|également)\s*(?:[:.»«-]|$)",
        300,
    ),
    (
        "fr_sur_le_meme_sujet",
        Kind::ReadAlso,
        FR,
        r"^sur\s+le\s+même\s+sujet\s*:",
        300,
    ),
    (
        "en_read_more",
        Kind::ReadAlso,
        EN,
        r"^(?:read|see)\s+(?:more|also)\s*(?::|$)",
        300,
    ),
    (
        "en_related",
        Kind::ReadAlso,
        EN,
        r"^(?:related(?:\s+(?:articles?|stories|coverage))?|also read|more on this)\s*:",
        300,
    ),
    (
        "ru_chitaite_takzhe",
        Kind::ReadAlso,
        RU,
        r"^(?:читайте|смотрите|см\.)\s+(?:также|ещё|еще|подробнее)",
        300,
    ),
    (
        "de_lesen_sie_auch",
        Kind::ReadAlso,
        DE,
        r"^(?:lesen\s+sie\s+(?:auch|mehr)\s*:?|(?:mehr\s+zum\s+thema|siehe\s+auch|weiterlesen)\s*(?::|$))",
        300,
    ),
    (
        "es_lea_tambien",
        Kind::ReadAlso,
        ES,
        r"^(?:lea|lee|vea|ver)\s+(?:también|más)\s*(?::|$)",
        300,
    ),
    (
        "it_leggi_anche",
        Kind::ReadAlso,
        IT,
        r"^(?:leggi|vedi)\s+anche\s*(?::|$)",
        300,
    ),
    (
        "pt_leia_tambem",
        Kind::ReadAlso,
        PT,
        r"^(?:leia|veja|saiba)\s+(?:também|mais)\s*(?::|$)",
        300,
    ),
    (
        "ar_iqra_aydan",
        Kind::ReadAlso,
        AR,
        r"^(?:اقرأ|إقرأ|اقرا)\s+(?:أيضا|أيضاً|ايضا|كذلك)",
        300,
    ),
    (
        "zh_xiangguan_yuedu",
        Kind::ReadAlso,
        ZH,
        r"^(?:相关阅读|相关新闻|延伸阅读|推荐阅读|相关链接)",
        150,
    ),
    // Share, subscribe, cookie lines.
    (
        "fr_partager",
        Kind::Share,
        FR,
        r"^partager\s+(?:sur|cet|l['’]article)",
        120,
    ),
    (
        "en_share",
        Kind::Share,
        EN,
        r"^share\s+(?:this|on|via)\b",
        120,
    ),
    ("ru_podelitsya", Kind::Share, RU, r"^поделиться", 120),
    (
        "de_teilen",
        Kind::Share,
        DE,
        r"^(?:artikel\s+)?teilen\s*(?::|auf|per)",
        120,
    ),
    (
        "es_compartir",
        Kind::Share,
        ES,
        r"^compartir\s+(?:en|este)",
        120,
    ),
    (
        "it_condividi",
        Kind::Share,
        IT,
        r"^condividi\s+(?:su|questo)",
        120,
    ),
    (
        "pt_compartilhe",
        Kind::Share,
        PT,
        r"^(?:compartilhe|partilhe|compartilhar)\s*(?::|no|este|esta)",
        120,
    ),
    (
        "ar_share",
        Kind::Share,
        AR,
        r"^شارك\s+(?:على|عبر|المقال)",
        120,
    ),
    ("zh_fenxiang", Kind::Share, ZH, r"^分享到", 60),
    (
        "fr_abonnez_vous",
        Kind::Subscribe,
        FR,
        r"^(?:abonnez-vous|inscrivez-vous)\s+(?:à|au)\s+(?:notre|la)\s+(?:newsletter|lettre)",
        200,
    ),
    (
        "en_subscribe",
        Kind::Subscribe,
        EN,
        r"^(?:subscribe|sign up)\s+(?:to|for)\s+(?:our|the)\s+\w*\s*(?:newsletter|channel|updates)",
        200,
    ),
    (
        "ru_podpisyvaites",
        Kind::Subscribe,
        RU,
        r"^подписывайтесь\s+на\s+наш",
        200,
    ),
    (
        "de_abonnieren",
        Kind::Subscribe,
        DE,
        r"^(?:jetzt\s+)?(?:newsletter\s+)?abonnieren",
        200,
    ),
    (
        "es_suscribete",
        Kind::Subscribe,
        ES,
        r"^suscríbete\s+(?:a|al)\s+(?:nuestro|nuestra)",
        200,
    ),
    (
        "it_iscriviti",
        Kind::Subscribe,
        IT,
        r"^iscriviti\s+alla\s+(?:nostra\s+)?newsletter",
        200,
    ),
    (
        "pt_assine",
        Kind::Subscribe,
        PT,
        r"^(?:assine|inscreva-se)\s+(?:a|na|no)\s+(?:nossa|nosso)",
        200,
    ),
    ("ar_ishtarik", Kind::Subscribe, AR, r"^اشترك\s+في", 200),
    ("zh_dingyue", Kind::Subscribe, ZH, r"^(?:订阅|关注我们)", 60),
    (
        "fr_cookies",
        Kind::Cookie,
        FR,
        r"^(?:ce\s+site|nous)\s+utilis(?:e|ons)\s+des\s+cookies",
        300,
    ),
    (
        "en_cookies",
        Kind::Cookie,
        EN,
        r"^(?:we|this\s+(?:web)?site)\s+uses?\s+cookies",
        300,
    ),
    (
        "ru_cookies",
        Kind::Cookie,
        RU,
        r"^(?:мы\s+используем|сайт\s+использует)\s+(?:файлы\s+)?cookie",
        300,
    ),
    (
        "de_cookies",
        Kind::Cookie,
        DE,
        r"^(?:wir\s+verwenden|diese\s+(?:web)?seite\s+verwendet)\s+cookies",
        300,
    ),
    (
        "es_cookies",
        Kind::Cookie,
        ES,
        r"^(?:utilizamos|usamos|este\s+sitio\s+utiliza)\s+cookies",
        300,
    ),
    (
        "it_cookies",
        Kind::Cookie,
        IT,
        r"^(?:questo\s+sito\s+(?:web\s+)?utilizza|utilizziamo)\s+(?:i\s+)?cookie",
        300,
    ),
    (
        "pt_cookies",
        Kind::Cookie,
        PT,
        r"^(?:este\s+site\s+utiliza|utilizamos|usamos)\s+cookies",
        300,
    ),
    (
        "ar_cookies",
        Kind::Cookie,
        AR,
        r"^(?:نستخدم|يستخدم\s+هذا\s+الموقع)\s+(?:ملفات\s+)?(?:تعريف\s+الارتباط|الكوكيز)",
        300,
    ),
    ("zh_cookies", Kind::Cookie, ZH, r"^本网站使用\s*cookie", 150),
    // Bylines, paywalls, navigation, copyright.
    (
        "zh_zeren_bianji",
        Kind::Byline,
        ZH,
        r"^(?:责任编辑|编辑|记者|来源)\s*[：:]",
        40,
    ),
    (
        "en_byline",
        Kind::Byline,
        EN,
        r"^by\s+\p{Lu}\p{L}+(?:\s+\p{Lu}[\p{L}.'-]+){0,3}\s*$",
        50,
    ),
    (
        "fr_paywall",
        Kind::Paywall,
        FR,
        r"^(?:cet\s+article\s+est\s+réservé\s+aux\s+abonnés|il\s+vous\s+reste\s+\d+\s*%\s+de\s+cet\s+article)",
        200,
    ),
    (
        "en_paywall",
        Kind::Paywall,
        EN,
        r"^(?:this\s+(?:article|content)\s+is\s+(?:only\s+)?(?:for|available\s+to)\s+subscribers|subscribe\s+to\s+(?:read|continue))",
        200,
    ),
    (
        "de_paywall",
        Kind::Paywall,
        DE,
        r"^(?:dieser\s+artikel\s+ist\s+(?:nur\s+)?für\s+abonnenten|jetzt\s+weiterlesen\s+mit)",
        200,
    ),
    (
        "menu_bar",
        Kind::Navigation,
        ALL,
        r"^[^|]+(?:\s\|\s[^|]+){3,}$",
        300,
    ),
    (
        "copyright_notice",
        Kind::Copyright,
        ALL,
        r"^(?:©|\(c\)|copyright)\s*.{0,80}(?:tous\s+droits\s+réservés|all\s+rights\s+reserved|todos\s+los\s+derechos|alle\s+rechte\s+vorbehalten|tutti\s+i\s+diritti|todos\s+os\s+direitos|все\s+права\s+защищены|جميع\s+الحقوق\s+محفوظة|版权所有)",
        200,
    ),
];

/// The built-in rules.
pub fn built_in() -> Vec<LineRule> {
    BUILT_IN
        .iter()
        .map(|(name, kind, langs, pattern, max_chars)| LineRule {
            name: (*name).to_owned(),
            kind: *kind,
            langs: langs.iter().map(|l| (*l).to_owned()).collect(),
            pattern: (*pattern).to_owned(),
            max_chars: *max_chars,
        })
        .collect()
}
