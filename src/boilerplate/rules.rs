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
    /// Lines the quality stage's C4 rules removed (no final punctuation, too few words…).
    LowQuality,
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
            Kind::LowQuality => "low_quality",
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
        "photo_copyright_agency_name",
        Kind::PhotoCredit,
        ALL,
        // `© РИА Новости. Иван Петров`, `© Reuters / John Smith`: an agency, then a name.
        r"^©\s*[^.,;:!?/]{2,40}[./]\s*(?-i:\p{Lu})\p{L}+(?:[\s-]+(?-i:\p{Lu})\p{L}+){0,3}\s*$",
        100,
    ),
    (
        "iberian_credito",
        Kind::PhotoCredit,
        &["spa", "cat", "por"],
        r"^(?:créditos?(?:\s+(?:da\s+|de\s+la\s+)?(?:foto|imagem|imagen))?|fotos?|imagem|imagen)\s*:",
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
        r"^(?:à\s+)?(?:lire|voir)\s+(?:aussi|également)\s*(?:[:.»«-]|$|\s(?-i:\p{Lu}))",
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
        r"^(?:lea|lee|vea|ver)\s+(?:también|más)\s*(?::|$|\s(?-i:\p{Lu}))",
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
        r"^شارك\s+(?:على|عبر|المقال|هذا\s+(?:المقال|الخبر|الموضوع))",
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
    (
        "cookie_consent_by_browsing",
        Kind::Cookie,
        ALL,
        // Consent by browsing on: fr, en, de, es, it, pt.
        r"^(?:en\s+poursuivant\s+votre\s+navigation|by\s+continuing\s+to\s+(?:browse|use|visit)|durch\s+die\s+(?:weitere\s+)?nutzung\s+(?:der|dieser|unserer)\s+(?:web)?seite|al\s+(?:continuar|seguir)\s+navegando|continuando\s+(?:a\s+navigare|la\s+navigazione)|ao\s+continuar\s+(?:a\s+)?navega[rç]).{0,200}\bcookies?\b",
        400,
    ),
    (
        "paywall_already_subscribed",
        Kind::Paywall,
        ALL,
        r"^(?:déjà\s+abonn[ée]e?s?|already\s+(?:a\s+)?(?:subscriber|member)|(?:sie\s+sind\s+)?bereits\s+abonnent(?:in)?|¿?\s*ya\s+(?:eres|es)\s+(?:suscriptor|socio)|sei\s+già\s+abbonato|já\s+é\s+assinante|уже\s+(?:подписаны|есть\s+подписка))\s*[?？]",
        120,
    ),
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
    // News-page furniture in every mission language (phrases differ by language, so these
    // apply to every document: furniture is often in another language than the article).
    (
        "share_words_alone",
        Kind::Share,
        ALL,
        r"^(?:(?:share|partager|partagez|teilen|compartir|compartilhar|compartilhe|condividi|поделиться|شارك|مشاركة|分享到?|转发|facebook|twitter|x|whatsapp|telegram|vk|вконтакте|одноклассники|linkedin|pinterest|reddit|e-?mail|print|imprimer|drucken|imprimir|stampa|печать|weibo|微博|微信|wechat|qq|tweet|copy link|copier le lien|link kopieren)[\s|/·•,:：]*)+$",
        120,
    ),
    (
        "byline",
        Kind::Byline,
        ALL,
        r"^(?:par|by|von|por|di|de|автор\s*:?|от)\s+(?-i:\p{Lu})[\p{L}.'’-]*(?:\s+(?:(?-i:\p{Lu})[\p{L}.'’-]*|de|da|del|van|von|di|le|la|et|and|und|y|e|и)){0,4}\s*(?:[,|—–/-]\s*[^.!?]{0,60})?$",
        110,
    ),
    (
        "byline_with_agency",
        Kind::Byline,
        ALL,
        // `Par Jean Dupont avec AFP`, `By Jane Doe with Reuters`, `Von … mit dpa`.
        r"^(?:par|by|von|por|di|de)\s+[^.!?]{2,60}?\s+(?:avec|with|mit|con|com)\s+(?:l['’]\s*)?(?:afp|ap|reuters|dpa|efe|ansa|lusa|belga|ats|apa|agences?|agencies|agencias|agenzie)\s*$",
        110,
    ),
    (
        "byline_ar_zh",
        Kind::Byline,
        ALL,
        r"^(?:بقلم|كتب|كتبت|记者|作者|撰文|编辑|文)\s*[:：/／]?\s*[^\s.。!！?？]{1,20}(?:[\s、,，]+[^\s.。!！?？]{1,20}){0,3}$",
        60,
    ),
    (
        "published_date",
        Kind::Byline,
        ALL,
        r"^(?:publié|mis à jour|modifié|published|updated|posted|last updated|veröffentlicht|aktualisiert|publicado|actualizado|atualizado|pubblicato|aggiornato|опубликовано|обновлено|نشر في|نُشر في|آخر تحديث|发布时间|更新时间|发布日期|发表于)[\s:：]*(?:le |on |am |el |em |il |в |في )?(?:\p{L}+,?\s+)?\d[^!?]{0,40}$",
        90,
    ),
    (
        "published_and_updated",
        Kind::Byline,
        ALL,
        // `Publié le 12/06/2018 à 14:32, mis à jour le 12/06/2018 à 16:05`.
        r"^(?:publié|published|posted|veröffentlicht|publicado|pubblicato|опубликовано)[^!?\d]{0,20}\d[^!?]{0,60}?(?:mis à jour|modifié|updated|aktualisiert|actualizado|atualizado|aggiornato|обновлено)[^!?\d]{0,20}\d[^!?]{0,30}$",
        160,
    ),
    (
        "date_line",
        Kind::Byline,
        ALL,
        r"^(?:(?:\p{L}+,?\s+)?\d{1,2}(?:\.|\s)\s*(?:de\s+)?\p{L}+\.?\s+(?:de\s+)?\d{4}|\p{L}+\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\d{4}-\d{2}-\d{2}|\d{4}年\d{1,2}月\d{1,2}日)(?:,?\s*(?:à|um|at|a las|às|alle|в)?\s*\d{1,2}[:h.]\d{2}(?:\s*(?:uhr|h|utc|gmt|msk))?)?(?:\s*[|—–-]\s*[^.!?]{0,40})?\s*$",
        80,
    ),
    (
        "breadcrumb",
        Kind::Navigation,
        ALL,
        r"^[^.!?>»›/]*\p{L}[^.!?>»›/]*(?:\s[>»›/]\s[^.!?>»›/]*\p{L}[^.!?>»›/]*){2,}$",
        200,
    ),
    (
        "advertisement_marker",
        Kind::Advertisement,
        ALL,
        r"^(?:advertisement|advertising|sponsored(?:\s+content)?|anzeige|werbung|publicité|publicidad|publicidade|pubblicità|реклама|إعلان|广告|推广)\s*$",
        30,
    ),
    (
        "continue_reading",
        Kind::ReadAlso,
        ALL,
        r"^(?:continue reading|read the full (?:story|article)|lire la suite|continuer la lecture|continuer à lire|continuar leyendo|seguir lendo|weiterlesen|mehr anzeigen|seguir leyendo|sigue leyendo|continuar lendo|continue lendo|continua a leggere|leggi tutto|читать далее|читать полностью|تابع القراءة|اقرأ المزيد|阅读全文|查看全文|展开全文|点击查看更多|查看更多|see more|show more|voir plus|ver más|ver mais|vedi altro|mostra altro|показать (?:ещё|еще)|عرض المزيد)(?:\s*[»›>→…:.]*\s*)$",
        60,
    ),
    (
        "error_report",
        Kind::Comment,
        ALL,
        r"^(?:signaler (?:une|un) (?:erreur|abus|contenu)|vous avez (?:repéré|trouvé) une (?:erreur|faute)|report (?:an? )?(?:error|typo|mistake)|spotted an? (?:error|typo)|fehler (?:melden|gefunden)|reportar (?:un )?(?:error|erro)|informar (?:un )?error|segnala (?:un )?errore|нашли ошибку|сообщить об ошибке|أبلغ عن خطأ|الإبلاغ عن خطأ|我要纠错|纠错)",
        150,
    ),
    (
        "agency_photographer_credit",
        Kind::PhotoCredit,
        ALL,
        r"^[(\[]?\s*(?:фото|фотография|foto|fotos|fotografía|imagem|photo|صورة|تصوير|بعدسة)\s*[:：]?\s*(?:ria novosti|риа новости|тасс|интерфакс|reuters|afp|ap|efe|europa press|lusa|agência brasil|ansa|getty images|epa|وكالة|رويترز|أ ف ب|الأناضول)[^.!?]{0,60}[)\]]?$",
        140,
    ),
    (
        "zh_photo_bracket",
        Kind::PhotoCredit,
        ALL,
        r"^[（(【\[]\s*[^）)】\]]{0,40}(?:摄|供图|图片来源|图源|视觉中国|资料图)[^）)】\]]{0,30}[）)】\]]$",
        80,
    ),
    (
        "archive_photo",
        Kind::PhotoCredit,
        ALL,
        r"^[(\[]?\s*(?:photo d['’]archives?|photo archives|archivbild|archivfoto|archive (?:photo|picture|image)|file (?:photo|picture)|foto de archivo|foto de arquivo|imagem de arquivo|foto d['’]archivio|immagine d['’]archivio|архивное фото|фото из архива|صورة أرشيفية|صورة من الأرشيف|资料图片?)",
        250,
    ),
    (
        "follow_us",
        Kind::Subscribe,
        ALL,
        r"^(?:suivez-nous|retrouvez-nous|follow us|follow @|folgen sie uns|folge uns|síguenos|siga-nos|sigam-nos|seguici|seguiteci|подписывайтесь на нас|следите за нами|мы в (?:telegram|соцсетях|вконтакте)|تابعونا|تابعنا|关注我们)",
        150,
    ),
    (
        "paywall_tail",
        Kind::Paywall,
        ALL,
        r"^(?:il vous reste \d+\s?% de (?:cet|l['’])article|la suite est réservée aux abonnés|este (?:contenido|artículo) es exclusivo para (?:suscriptores|socios)|contenido exclusivo para suscriptores|conteúdo exclusivo para assinantes|este conteúdo é exclusivo para assinantes|(?:questo )?(?:articolo|contenuto) (?:è )?riservato agli abbonati|(?:чтобы )?(?:прочитать|читать) (?:статью |материал )?(?:полностью|дальше)|материал доступен только (?:подписчикам|по подписке)|هذا المحتوى (?:متاح )?للمشتركين فقط|本文为付费内容|订阅后可?阅读全文|付费阅读)",
        200,
    ),
    (
        "source_line",
        Kind::Source,
        ALL,
        r"^(?:source|sources|quelle|quellen|fuente|fuentes|fonte|fontes|источник|المصدر|来源|來源|出典)\s*[:：]\s*[^.!?。]{1,80}[.。]?$",
        100,
    ),
    (
        "scan_qr_code",
        Kind::Subscribe,
        ALL,
        r"^.{0,20}(?:扫描?(?:下方|上方|右侧)?二维码|长按识别二维码|scannez le (?:qr[ -]?)?code|scan the qr[ -]?code|qr-code scannen|escanea el (?:código )?qr|escaneie o (?:código )?qr|scansiona il (?:codice )?qr|отсканируйте qr|امسح (?:رمز )?(?:الكود|qr))",
        120,
    ),
    (
        "zh_cookies",
        Kind::Cookie,
        ZH,
        r"^(?:本网站|我们)使用\s*cookies?",
        300,
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

/// The built-in rules: the hand-written ones above, then the multilingual lexicon's
/// ([`crate::boilerplate::lexicon_rules`]).
pub fn built_in() -> Vec<LineRule> {
    let mut rules: Vec<LineRule> = BUILT_IN
        .iter()
        .map(|(name, kind, langs, pattern, max_chars)| LineRule {
            name: (*name).to_owned(),
            kind: *kind,
            langs: langs.iter().map(|l| (*l).to_owned()).collect(),
            pattern: (*pattern).to_owned(),
            max_chars: *max_chars,
        })
        .collect();
    rules.extend(crate::boilerplate::lexicon_rules());
    rules
}
