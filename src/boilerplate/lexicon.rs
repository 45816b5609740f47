//! The multilingual lexicon of news furniture: for each of 25 languages with the most web text,
//! the phrases that open each kind of boilerplate line (read also, share, photo credits,
//! sources, bylines, publication dates, cookie consent, paywall prompts, newsletters, comments,
//! "continue reading", copyright). Each (language, kind) becomes one line rule named
//! `{kind}_{language}` (`read_also_tr`), gated to the language, matched case-insensitively, with
//! a shape that says what may surround the phrase (see [`Shape`]).

use crate::boilerplate::{Kind, LineRule};

/// What a line around a phrase may hold.
#[derive(Debug, Clone, Copy)]
enum Shape {
    /// The phrase, then a separator (`:`, `|`, `»`, ` - `, `=`) or the end, then anything:
    /// `Lire aussi : …`, `Foto: dpa`.
    Labelled,
    /// Only the phrase, with counts, arrows and punctuation around it: `Kommentare (3)`,
    /// `» Weiterlesen`.
    Whole,
    /// The phrase, then a name of up to four capitalised words (and an agency after a comma or
    /// a slash), or a colon and a short text: `By Jane Smith`, `Von Anna Müller, dpa`.
    Name,
    /// The phrase, then a number within two words: `Publié le 12 juin`, `Stand: 12.03.`.
    Dated,
    /// The phrase opens the line, whatever follows: `Wir verwenden Cookies, um …`.
    Opening,
    /// The phrase, then punctuation or the end: `Déjà abonné ? Connectez-vous` (in scripts
    /// without capitals, whose words run on, the phrase opens the line as in `Opening`).
    Prompt,
    /// The phrase anywhere in a short line: `© 2021 Le Monde. Tous droits réservés.`
    Contains,
}

/// A kind of furniture: its rule-name part, what a removed line is, its shape, its longest line.
struct KindOfLine {
    name: &'static str,
    kind: Kind,
    shape: Shape,
    max_chars: usize,
}

/// The kinds, in the order of [`Language::phrases`].
const KINDS: [KindOfLine; 12] = [
    KindOfLine {
        name: "read_also",
        kind: Kind::ReadAlso,
        shape: Shape::Labelled,
        max_chars: 300,
    },
    KindOfLine {
        name: "share",
        kind: Kind::Share,
        shape: Shape::Whole,
        max_chars: 80,
    },
    KindOfLine {
        name: "credit",
        kind: Kind::PhotoCredit,
        shape: Shape::Labelled,
        max_chars: 150,
    },
    KindOfLine {
        name: "source",
        kind: Kind::Source,
        shape: Shape::Name,
        max_chars: 100,
    },
    KindOfLine {
        name: "byline",
        kind: Kind::Byline,
        shape: Shape::Name,
        max_chars: 100,
    },
    KindOfLine {
        name: "dated",
        kind: Kind::Byline,
        shape: Shape::Dated,
        max_chars: 120,
    },
    KindOfLine {
        name: "cookie",
        kind: Kind::Cookie,
        shape: Shape::Opening,
        max_chars: 400,
    },
    KindOfLine {
        name: "paywall",
        kind: Kind::Paywall,
        shape: Shape::Prompt,
        max_chars: 200,
    },
    KindOfLine {
        name: "newsletter",
        kind: Kind::Subscribe,
        shape: Shape::Opening,
        max_chars: 200,
    },
    KindOfLine {
        name: "comments",
        kind: Kind::Comment,
        shape: Shape::Whole,
        max_chars: 80,
    },
    KindOfLine {
        name: "continue_reading",
        kind: Kind::ReadAlso,
        shape: Shape::Whole,
        max_chars: 80,
    },
    KindOfLine {
        name: "copyright",
        kind: Kind::Copyright,
        shape: Shape::Contains,
        max_chars: 200,
    },
];

/// Names of the kinds, in [`KINDS`] order (tests and docs use them).
pub const LEXICON_KINDS: [&str; 12] = [
    "read_also",
    "share",
    "credit",
    "source",
    "byline",
    "dated",
    "cookie",
    "paywall",
    "newsletter",
    "comments",
    "continue_reading",
    "copyright",
];

/// One language's phrases, lowercase, by kind in [`KINDS`] order.
pub struct Language {
    /// ISO 639-1, in rule names.
    pub code: &'static str,
    /// The ISO 639-3 codes language detection gives for it.
    pub langs: &'static [&'static str],
    /// Whether the script has capitals (names after a byline phrase are then capitalised).
    cased: bool,
    phrases: [&'static [&'static str]; 12],
}

/// The languages, by share of web text.
pub const LANGUAGES: &[Language] = &[
    Language {
        code: "en",
        langs: &["eng"],
        cased: true,
        phrases: [
            &[
                "read also",
                "read more",
                "see also",
                "related",
                "related articles",
                "related stories",
                "related posts",
                "recommended",
                "more on this story",
                "you may also like",
                "you might also like",
                "also read",
                "more stories",
                "most read",
                "most popular",
                "further reading",
                "recommended for you",
            ],
            &[
                "share",
                "share this",
                "share this article",
                "share this story",
                "share this post",
                "share on facebook",
                "share on twitter",
                "share via email",
                "tweet",
                "email this",
                "print this article",
                "copy link",
            ],
            &[
                "photo",
                "photo credit",
                "photos",
                "image",
                "image credit",
                "picture",
                "credit",
                "photograph",
            ],
            &["source", "sources", "via"],
            &["by", "written by", "author", "words by", "reporting by"],
            &[
                "published",
                "published on",
                "updated",
                "last updated",
                "posted on",
                "posted",
                "first published",
            ],
            &[
                "we use cookies",
                "this website uses cookies",
                "this site uses cookies",
                "by continuing to use this site",
                "by using this website",
                "cookies help us",
            ],
            &[
                "already a subscriber",
                "subscribe to continue reading",
                "this article is for subscribers",
                "subscribe now",
                "sign in to continue",
                "you have reached your limit",
                "you've reached your limit",
            ],
            &[
                "subscribe to our newsletter",
                "sign up for our newsletter",
                "sign up to our newsletter",
                "get our newsletter",
                "newsletter sign-up",
                "sign up for our daily newsletter",
                "enter your email address to follow this blog",
                "enter your email address to subscribe",
                "never miss the latest news",
                "subscribe now to our",
            ],
            &[
                "comments",
                "comment",
                "leave a comment",
                "leave a reply",
                "add a comment",
                "show comments",
                "no comments",
                "post a comment",
                "view comments",
            ],
            &[
                "continue reading",
                "read more",
                "read the full story",
                "read full article",
                "keep reading",
                "see more",
                "show more",
                "load more",
            ],
            &["all rights reserved"],
        ],
    },
    Language {
        code: "ru",
        langs: &["rus"],
        cased: true,
        phrases: [
            &[
                "читайте также",
                "смотрите также",
                "см. также",
                "по теме",
                "похожие статьи",
                "похожие новости",
                "другие новости",
                "новости по теме",
                "рекомендуем",
            ],
            &[
                "поделиться",
                "поделитесь",
                "распечатать",
                "печать",
                "скопировать ссылку",
            ],
            &["фото", "фотография", "иллюстрация", "изображение", "кадр"],
            &["источник", "источники"],
            &["автор", "текст", "автор статьи"],
            &[
                "опубликовано",
                "обновлено",
                "дата публикации",
                "последнее обновление",
                "размещено",
            ],
            &[
                "мы используем файлы cookie",
                "этот сайт использует файлы cookie",
                "мы используем cookie",
                "сайт использует файлы cookie",
                "продолжая пользоваться сайтом",
                "продолжая использовать сайт",
            ],
            &[
                "уже подписаны",
                "уже есть подписка",
                "оформите подписку",
                "доступно только подписчикам",
                "материал доступен по подписке",
                "чтобы продолжить чтение",
            ],
            &[
                "подпишитесь на рассылку",
                "подписаться на рассылку",
                "подпишитесь на нашу рассылку",
                "подписывайтесь на наш канал",
                "подписывайтесь на нас",
            ],
            &[
                "комментарии",
                "комментарий",
                "оставить комментарий",
                "добавить комментарий",
                "комментировать",
                "нет комментариев",
            ],
            &[
                "читать далее",
                "читать полностью",
                "подробнее",
                "читать дальше",
                "показать ещё",
                "показать еще",
            ],
            &["все права защищены"],
        ],
    },
    Language {
        code: "de",
        langs: &["deu"],
        cased: true,
        phrases: [
            &[
                "lesen sie auch",
                "lesen sie mehr",
                "mehr zum thema",
                "auch interessant",
                "das könnte sie auch interessieren",
                "weitere artikel",
                "ähnliche artikel",
                "verwandte artikel",
                "siehe auch",
                "passend dazu",
                "zum thema",
                "weitere artikel zum thema",
                "weitere beiträge",
                "ähnliche beiträge",
                "verwandte beiträge",
                "meistgelesen",
                "meistgelesene artikel",
                "meistkommentiert",
                "kommentierte artikel",
                "das könnte dich auch interessieren",
                "lies auch",
            ],
            &[
                "teilen",
                "artikel teilen",
                "beitrag teilen",
                "auf facebook teilen",
                "per e-mail teilen",
                "link kopieren",
                "drucken",
                "artikel drucken",
                "per mail versenden",
                "gefällt mir",
                "teilen mit",
                "bewerten",
            ],
            &[
                "foto",
                "fotos",
                "bild",
                "bildquelle",
                "bildnachweis",
                "fotocredit",
                "abbildung",
            ],
            &["quelle", "quellen"],
            &["von", "autor", "autorin", "ein beitrag von", "text"],
            &[
                "veröffentlicht am",
                "veröffentlicht",
                "aktualisiert am",
                "aktualisiert",
                "zuletzt aktualisiert",
                "stand:",
                "erstellt am",
            ],
            &[
                "diese website verwendet cookies",
                "wir verwenden cookies",
                "diese seite verwendet cookies",
                "wir nutzen cookies",
                "diese webseite verwendet cookies",
                "durch die weitere nutzung der seite",
                "externer inhalt",
                "klicken sie auf den unteren button, um den inhalt",
            ],
            &[
                "bereits abonnent",
                "sie sind bereits abonnent",
                "jetzt abonnieren",
                "dieser artikel ist nur für abonnenten",
                "exklusiv für abonnenten",
                "jetzt weiterlesen mit",
                "sie sind aktuell nicht eingeloggt",
                "sie sind nicht eingeloggt",
            ],
            &[
                "newsletter abonnieren",
                "jetzt newsletter abonnieren",
                "melden sie sich für unseren newsletter an",
                "zum newsletter anmelden",
                "newsletter-anmeldung",
                "abonnieren sie unseren newsletter",
                "gib deine e-mail-adresse ein",
                "geben sie ihre e-mail-adresse ein",
            ],
            &[
                "kommentare",
                "kommentar",
                "kommentar schreiben",
                "kommentieren",
                "kommentar verfassen",
                "keine kommentare",
                "antworten",
            ],
            &[
                "weiterlesen",
                "mehr lesen",
                "mehr anzeigen",
                "mehr erfahren",
                "zum artikel",
                "alle artikel",
                "mehr dazu",
            ],
            &["alle rechte vorbehalten"],
        ],
    },
    Language {
        code: "ja",
        langs: &["jpn"],
        cased: false,
        phrases: [
            &[
                "関連記事",
                "あわせて読みたい",
                "合わせて読みたい",
                "こちらもおすすめ",
                "おすすめ記事",
                "関連ニュース",
                "人気記事",
            ],
            &[
                "シェア",
                "シェアする",
                "ツイート",
                "共有",
                "印刷",
                "リンクをコピー",
                "はてなブックマーク",
                "lineで送る",
            ],
            &["写真", "画像", "撮影", "写真提供", "画像提供"],
            &["出典", "出所", "ソース", "引用元"],
            &["文", "著者", "筆者", "記者", "執筆者", "ライター"],
            &[
                "公開日",
                "更新日",
                "投稿日",
                "配信日",
                "掲載日",
                "最終更新日",
            ],
            &[
                "当サイトではクッキーを使用",
                "当サイトではcookieを使用",
                "このサイトはクッキーを使用",
                "クッキーを使用しています",
                "cookieを使用しています",
            ],
            &[
                "有料会員",
                "会員限定",
                "この記事は有料会員限定です",
                "続きを読むには",
                "ログインして続きを読む",
            ],
            &[
                "メールマガジン登録",
                "メルマガ登録",
                "ニュースレターを購読",
                "ニュースレター登録",
            ],
            &[
                "コメント",
                "コメントする",
                "コメントを書く",
                "コメント一覧",
                "コメントを残す",
            ],
            &[
                "続きを読む",
                "もっと見る",
                "さらに表示",
                "全文を読む",
                "詳しくはこちら",
                "詳細はこちら",
            ],
            &["無断転載を禁じます", "無断転載禁止", "all rights reserved"],
        ],
    },
    Language {
        code: "es",
        langs: &["spa", "cat"],
        cased: true,
        phrases: [
            &[
                "lee también",
                "lea también",
                "leer también",
                "ver también",
                "te puede interesar",
                "noticias relacionadas",
                "artículos relacionados",
                "relacionado",
                "relacionadas",
                "también te puede interesar",
                "quizás te interese",
                "vea también",
                "lea más",
                "lee más",
                "lea además",
                "lee además",
                "mira también",
                "te recomendamos",
                "le recomendamos",
                "le puede interesar",
                "lo más leído",
                "más leídas",
                "más leídos",
            ],
            &[
                "compartir",
                "compartir en facebook",
                "compartir en twitter",
                "comparte",
                "compartir esta noticia",
                "imprimir",
                "enviar por correo",
                "copiar enlace",
            ],
            &[
                "foto",
                "fotos",
                "fotografía",
                "imagen",
                "crédito",
                "créditos",
            ],
            &["fuente", "fuentes"],
            &["por", "autor", "autora", "redacción"],
            &[
                "publicado el",
                "publicado",
                "actualizado el",
                "actualizado",
                "última actualización",
            ],
            &[
                "este sitio web utiliza cookies",
                "utilizamos cookies",
                "este sitio utiliza cookies",
                "usamos cookies",
                "si continúa navegando",
                "si continúas navegando",
            ],
            &[
                "ya eres suscriptor",
                "ya soy suscriptor",
                "suscríbete para seguir leyendo",
                "contenido exclusivo para suscriptores",
                "este contenido es exclusivo para suscriptores",
            ],
            &[
                "suscríbete a nuestro boletín",
                "suscríbete a nuestra newsletter",
                "recibe nuestro boletín",
                "regístrate en nuestra newsletter",
                "suscríbete al boletín",
                "introduce tu correo electrónico para seguir este blog",
            ],
            &[
                "comentarios",
                "comentario",
                "deja un comentario",
                "dejar un comentario",
                "comentar",
                "ver comentarios",
            ],
            &[
                "seguir leyendo",
                "sigue leyendo",
                "leer más",
                "ver más",
                "continuar leyendo",
                "mostrar más",
            ],
            &["todos los derechos reservados"],
        ],
    },
    Language {
        code: "fr",
        langs: &["fra"],
        cased: true,
        phrases: [
            &[
                "lire aussi",
                "à lire aussi",
                "lire également",
                "voir aussi",
                "à voir aussi",
                "sur le même sujet",
                "articles similaires",
                "à lire",
                "dans la même rubrique",
                "vous aimerez aussi",
            ],
            &[
                "partager",
                "partager sur facebook",
                "partager sur twitter",
                "partager cet article",
                "envoyer par e-mail",
                "imprimer",
                "copier le lien",
                "tweeter",
            ],
            &[
                "photo",
                "photos",
                "crédit photo",
                "crédits photo",
                "illustration",
                "image",
            ],
            &["source", "sources"],
            &["par", "auteur", "propos recueillis par", "rédigé par"],
            &[
                "publié le",
                "publié",
                "mis à jour le",
                "mis à jour",
                "modifié le",
                "actualisé le",
            ],
            &[
                "ce site utilise des cookies",
                "nous utilisons des cookies",
                "en poursuivant votre navigation",
                "en continuant à naviguer",
                "ce site web utilise des cookies",
            ],
            &[
                "déjà abonné",
                "vous êtes abonné",
                "abonnez-vous pour lire",
                "cet article est réservé aux abonnés",
                "article réservé aux abonnés",
                "pour lire la suite",
            ],
            &[
                "inscrivez-vous à notre newsletter",
                "abonnez-vous à notre newsletter",
                "recevez notre newsletter",
                "inscription à la newsletter",
                "s'inscrire à la newsletter",
                "je m'abonne à la newsletter",
                "saisissez votre adresse e-mail pour vous abonner",
                "entrez votre adresse e-mail pour vous abonner",
            ],
            &[
                "commentaires",
                "commentaire",
                "laisser un commentaire",
                "réagir",
                "réagissez",
                "ajouter un commentaire",
                "voir les commentaires",
            ],
            &[
                "lire la suite",
                "continuer la lecture",
                "en savoir plus",
                "voir plus",
                "afficher plus",
                "lire l'article",
            ],
            &["tous droits réservés"],
        ],
    },
    Language {
        code: "zh",
        langs: &["cmn"],
        cased: false,
        phrases: [
            &[
                "相关阅读",
                "延伸阅读",
                "相关新闻",
                "相关文章",
                "推荐阅读",
                "猜你喜欢",
                "热门推荐",
                "更多精彩",
            ],
            &[
                "分享",
                "分享到",
                "转发",
                "分享到微信",
                "分享到微博",
                "打印",
                "复制链接",
            ],
            &["图片来源", "图片", "摄影", "图", "配图"],
            &["来源", "新闻来源", "文章来源", "出处"],
            &["作者", "记者", "责任编辑", "编辑", "责编", "通讯员"],
            &["发布时间", "发布日期", "更新时间", "发表于", "时间"],
            &[
                "本网站使用cookie",
                "我们使用cookie",
                "本站使用cookie",
                "本网站使用 cookies",
            ],
            &[
                "订阅后阅读",
                "会员专享",
                "付费内容",
                "订阅用户专享",
                "登录后阅读",
                "开通会员",
            ],
            &[
                "订阅我们的邮件",
                "订阅新闻邮件",
                "关注我们的公众号",
                "关注公众号",
                "扫码关注",
            ],
            &[
                "评论",
                "发表评论",
                "网友评论",
                "条评论",
                "查看评论",
                "我要评论",
            ],
            &[
                "阅读全文",
                "查看全文",
                "展开全文",
                "点击查看更多",
                "查看更多",
                "阅读更多",
                "加载更多",
            ],
            &["版权所有", "未经授权禁止转载", "转载请注明出处"],
        ],
    },
    Language {
        code: "pt",
        langs: &["por"],
        cased: true,
        phrases: [
            &[
                "leia também",
                "leia mais",
                "veja também",
                "saiba mais",
                "relacionados",
                "notícias relacionadas",
                "artigos relacionados",
                "você pode gostar",
                "leia ainda",
            ],
            &[
                "compartilhar",
                "compartilhe",
                "partilhar",
                "partilhe",
                "compartilhar no facebook",
                "imprimir",
                "enviar por e-mail",
                "copiar link",
            ],
            &[
                "foto",
                "fotos",
                "imagem",
                "crédito",
                "créditos",
                "crédito da foto",
            ],
            &["fonte", "fontes"],
            &["por", "autor", "autora", "da redação"],
            &[
                "publicado em",
                "publicado",
                "atualizado em",
                "atualizado",
                "actualizado em",
            ],
            &[
                "este site utiliza cookies",
                "utilizamos cookies",
                "este site usa cookies",
                "usamos cookies",
                "ao continuar a navegar",
                "ao continuar navegando",
            ],
            &[
                "já é assinante",
                "já sou assinante",
                "assine para continuar lendo",
                "conteúdo exclusivo para assinantes",
                "exclusivo para assinantes",
            ],
            &[
                "assine nossa newsletter",
                "inscreva-se na nossa newsletter",
                "receba nossa newsletter",
                "assine a newsletter",
                "subscreva a newsletter",
            ],
            &[
                "comentários",
                "comentário",
                "deixe um comentário",
                "deixe seu comentário",
                "comentar",
                "ver comentários",
            ],
            &[
                "continuar lendo",
                "continue lendo",
                "ler mais",
                "ver mais",
                "mostrar mais",
                "continuar a ler",
            ],
            &["todos os direitos reservados"],
        ],
    },
    Language {
        code: "it",
        langs: &["ita"],
        cased: true,
        phrases: [
            &[
                "leggi anche",
                "vedi anche",
                "potrebbe interessarti",
                "articoli correlati",
                "ti potrebbe interessare",
                "correlati",
                "leggi pure",
                "approfondimenti",
            ],
            &[
                "condividi",
                "condividi su facebook",
                "condividi su twitter",
                "condividi questo articolo",
                "stampa",
                "invia per email",
                "copia link",
            ],
            &["foto", "immagine", "crediti", "credito fotografico"],
            &["fonte", "fonti"],
            &["di", "autore", "a cura di"],
            &[
                "pubblicato il",
                "pubblicato",
                "aggiornato il",
                "aggiornato",
                "ultimo aggiornamento",
            ],
            &[
                "questo sito utilizza cookie",
                "questo sito web utilizza i cookie",
                "utilizziamo i cookie",
                "questo sito usa i cookie",
                "proseguendo la navigazione",
            ],
            &[
                "sei già abbonato",
                "già abbonato",
                "abbonati per leggere",
                "contenuto riservato agli abbonati",
                "articolo riservato agli abbonati",
            ],
            &[
                "iscriviti alla newsletter",
                "iscriviti alla nostra newsletter",
                "ricevi la nostra newsletter",
                "registrati alla newsletter",
            ],
            &[
                "commenti",
                "commento",
                "lascia un commento",
                "commenta",
                "scrivi un commento",
            ],
            &[
                "continua a leggere",
                "leggi tutto",
                "leggi di più",
                "vedi altro",
                "mostra altro",
                "scopri di più",
            ],
            &["tutti i diritti riservati"],
        ],
    },
    Language {
        code: "nl",
        langs: &["nld"],
        cased: true,
        phrases: [
            &[
                "lees ook",
                "zie ook",
                "meer over",
                "gerelateerde artikelen",
                "gerelateerd",
                "ook interessant",
                "lees meer",
            ],
            &[
                "delen",
                "deel dit artikel",
                "delen op facebook",
                "deel op twitter",
                "printen",
                "afdrukken",
                "e-mailen",
                "link kopiëren",
            ],
            &["foto", "foto's", "beeld", "afbeelding", "fotografie"],
            &["bron", "bronnen"],
            &["door", "auteur", "geschreven door"],
            &[
                "gepubliceerd op",
                "gepubliceerd",
                "bijgewerkt op",
                "bijgewerkt",
                "laatst bijgewerkt",
            ],
            &[
                "deze website maakt gebruik van cookies",
                "wij gebruiken cookies",
                "deze site gebruikt cookies",
                "we gebruiken cookies",
                "deze website gebruikt cookies",
            ],
            &[
                "al abonnee",
                "ben je al abonnee",
                "bent u al abonnee",
                "word abonnee",
                "dit artikel is alleen voor abonnees",
            ],
            &[
                "schrijf je in voor onze nieuwsbrief",
                "meld je aan voor de nieuwsbrief",
                "abonneer je op onze nieuwsbrief",
                "ontvang onze nieuwsbrief",
                "aanmelden nieuwsbrief",
            ],
            &[
                "reacties",
                "reactie",
                "reageer",
                "plaats een reactie",
                "laat een reactie achter",
                "geen reacties",
            ],
            &[
                "lees verder",
                "verder lezen",
                "lees meer",
                "meer lezen",
                "toon meer",
                "bekijk meer",
            ],
            &["alle rechten voorbehouden"],
        ],
    },
    Language {
        code: "pl",
        langs: &["pol"],
        cased: true,
        phrases: [
            &[
                "czytaj także",
                "czytaj też",
                "zobacz też",
                "zobacz także",
                "przeczytaj też",
                "przeczytaj także",
                "polecamy",
                "powiązane artykuły",
                "podobne artykuły",
            ],
            &[
                "udostępnij",
                "udostępnij na facebooku",
                "podziel się",
                "drukuj",
                "wyślij e-mailem",
                "skopiuj link",
                "kopiuj link",
            ],
            &["fot.", "fot", "foto", "zdjęcie", "zdjęcia", "ilustracja"],
            &["źródło", "źródła"],
            &["autor", "autorka", "tekst"],
            &[
                "opublikowano",
                "aktualizacja",
                "zaktualizowano",
                "data publikacji",
                "dodano",
            ],
            &[
                "ta strona używa plików cookie",
                "ta strona korzysta z plików cookie",
                "używamy plików cookie",
                "strona wykorzystuje pliki cookie",
                "korzystamy z plików cookies",
            ],
            &[
                "masz już prenumeratę",
                "jesteś już subskrybentem",
                "wykup dostęp",
                "artykuł dostępny dla subskrybentów",
                "treść dostępna dla prenumeratorów",
            ],
            &[
                "zapisz się do newslettera",
                "zapisz się na newsletter",
                "subskrybuj newsletter",
                "otrzymuj newsletter",
            ],
            &[
                "komentarze",
                "komentarz",
                "dodaj komentarz",
                "skomentuj",
                "zobacz komentarze",
                "brak komentarzy",
            ],
            &[
                "czytaj dalej",
                "czytaj więcej",
                "pokaż więcej",
                "zobacz więcej",
                "więcej",
            ],
            &["wszelkie prawa zastrzeżone"],
        ],
    },
    Language {
        code: "tr",
        langs: &["tur"],
        cased: true,
        phrases: [
            &[
                "ayrıca okuyun",
                "bunu da okuyun",
                "ilgili haberler",
                "ilgili haber",
                "benzer haberler",
                "bunlar da ilginizi çekebilir",
                "ilginizi çekebilir",
                "önerilen",
            ],
            &[
                "paylaş",
                "paylaşın",
                "facebook'ta paylaş",
                "twitter'da paylaş",
                "yazdır",
                "e-posta ile gönder",
                "linki kopyala",
                "bağlantıyı kopyala",
            ],
            &["fotoğraf", "foto", "görsel", "fotoğraflar"],
            &["kaynak", "kaynaklar"],
            &["yazar", "haber", "muhabir"],
            &[
                "yayınlanma",
                "yayınlanma tarihi",
                "güncelleme",
                "güncellenme tarihi",
                "son güncelleme",
                "yayın tarihi",
            ],
            &[
                "çerez kullanıyoruz",
                "bu web sitesi çerez kullanmaktadır",
                "sitemizde çerezler kullanılmaktadır",
                "bu site çerez kullanır",
                "çerezler kullanıyoruz",
            ],
            &[
                "zaten abone misiniz",
                "zaten aboneyseniz",
                "sadece abonelere özel",
                "abonelere özel içerik",
            ],
            &[
                "bültenimize abone olun",
                "e-bültene abone ol",
                "bültene kaydol",
                "e-bültenimize kayıt olun",
                "haber bültenine abone olun",
            ],
            &[
                "yorumlar",
                "yorum",
                "yorum yap",
                "yorum yazın",
                "yorumunuzu yazın",
                "yorum yapın",
            ],
            &[
                "devamını oku",
                "devamı",
                "daha fazla",
                "daha fazla göster",
                "haberin devamı",
            ],
            &["tüm hakları saklıdır"],
        ],
    },
    Language {
        code: "fa",
        langs: &["pes"],
        cased: false,
        phrases: [
            &[
                "بیشتر بخوانید",
                "بخوانید",
                "مطالب مرتبط",
                "اخبار مرتبط",
                "مطالب مشابه",
                "همچنین بخوانید",
            ],
            &[
                "اشتراک گذاری",
                "اشتراک‌گذاری",
                "به اشتراک بگذارید",
                "چاپ",
                "ارسال به دوستان",
                "کپی لینک",
            ],
            &["عکس", "تصویر", "عکاس"],
            &["منبع", "منابع"],
            &["نویسنده", "به قلم", "گزارش"],
            &[
                "تاریخ انتشار",
                "منتشر شده",
                "به‌روزرسانی",
                "آخرین به‌روزرسانی",
                "زمان انتشار",
            ],
            &[
                "ما از کوکی‌ها استفاده می‌کنیم",
                "این سایت از کوکی استفاده می‌کند",
                "این وب‌سایت از کوکی‌ها استفاده می‌کند",
            ],
            &[
                "مشترک هستید",
                "اشتراک تهیه کنید",
                "ویژه مشترکان",
                "فقط برای مشترکان",
            ],
            &[
                "عضویت در خبرنامه",
                "در خبرنامه عضو شوید",
                "اشتراک در خبرنامه",
                "ثبت نام در خبرنامه",
            ],
            &[
                "نظرات",
                "نظر",
                "دیدگاه‌ها",
                "ارسال نظر",
                "دیدگاه خود را بنویسید",
                "دیدگاهتان را بنویسید",
            ],
            &[
                "ادامه مطلب",
                "بیشتر بخوانید",
                "ادامه خبر",
                "مشاهده بیشتر",
                "بیشتر",
            ],
            &[
                "کلیه حقوق محفوظ است",
                "تمامی حقوق محفوظ است",
                "کلیه حقوق این سایت",
            ],
        ],
    },
    Language {
        code: "vi",
        langs: &["vie"],
        cased: true,
        phrases: [
            &[
                "xem thêm",
                "đọc thêm",
                "tin liên quan",
                "bài viết liên quan",
                "có thể bạn quan tâm",
                "tin cùng chuyên mục",
                "bài liên quan",
            ],
            &[
                "chia sẻ",
                "chia sẻ bài viết",
                "chia sẻ lên facebook",
                "in bài viết",
                "gửi email",
                "sao chép liên kết",
            ],
            &["ảnh", "hình ảnh", "ảnh minh họa", "nguồn ảnh"],
            &["nguồn", "theo"],
            &["tác giả", "bài", "phóng viên"],
            &[
                "đăng lúc",
                "cập nhật",
                "ngày đăng",
                "đăng ngày",
                "cập nhật lúc",
            ],
            &[
                "chúng tôi sử dụng cookie",
                "trang web này sử dụng cookie",
                "website sử dụng cookie",
            ],
            &[
                "bạn đã là thành viên",
                "đăng ký để đọc tiếp",
                "dành cho thành viên",
                "nội dung dành cho hội viên",
            ],
            &[
                "đăng ký nhận bản tin",
                "đăng ký nhận tin",
                "nhận bản tin",
                "đăng ký bản tin",
            ],
            &[
                "bình luận",
                "ý kiến",
                "gửi bình luận",
                "viết bình luận",
                "ý kiến bạn đọc",
            ],
            &[
                "xem thêm",
                "đọc tiếp",
                "xem tiếp",
                "đọc thêm",
                "xem chi tiết",
            ],
            &["bản quyền thuộc về", "giữ bản quyền"],
        ],
    },
    Language {
        code: "id",
        langs: &["ind"],
        cased: true,
        phrases: [
            &[
                "baca juga",
                "berita terkait",
                "artikel terkait",
                "lihat juga",
                "simak juga",
                "rekomendasi",
            ],
            &[
                "bagikan",
                "bagikan artikel",
                "bagikan ke facebook",
                "cetak",
                "kirim email",
                "salin tautan",
                "salin link",
            ],
            &["foto", "gambar", "ilustrasi", "sumber foto"],
            &["sumber"],
            &["penulis", "oleh", "editor", "reporter", "pewarta"],
            &[
                "diterbitkan",
                "dipublikasikan",
                "diperbarui",
                "terakhir diperbarui",
                "diposting",
            ],
            &[
                "kami menggunakan cookie",
                "situs ini menggunakan cookie",
                "situs web ini menggunakan cookie",
                "website ini menggunakan cookie",
            ],
            &[
                "sudah berlangganan",
                "berlangganan untuk membaca",
                "khusus pelanggan",
                "konten premium",
                "masuk untuk membaca",
            ],
            &[
                "berlangganan newsletter",
                "daftar newsletter",
                "dapatkan newsletter",
                "berlangganan buletin",
            ],
            &[
                "komentar",
                "tulis komentar",
                "tinggalkan komentar",
                "beri komentar",
                "lihat komentar",
            ],
            &[
                "selengkapnya",
                "baca selengkapnya",
                "lanjut baca",
                "lihat selengkapnya",
                "muat lebih banyak",
            ],
            &["hak cipta dilindungi undang-undang", "hak cipta dilindungi"],
        ],
    },
    Language {
        code: "cs",
        langs: &["ces"],
        cased: true,
        phrases: [
            &[
                "čtěte také",
                "čtěte též",
                "přečtěte si také",
                "související články",
                "související",
                "mohlo by vás zajímat",
                "viz také",
                "doporučujeme",
            ],
            &[
                "sdílet",
                "sdílejte",
                "sdílet na facebooku",
                "tisk",
                "vytisknout",
                "poslat e-mailem",
                "kopírovat odkaz",
            ],
            &["foto", "snímek", "ilustrace", "obrázek"],
            &["zdroj", "zdroje"],
            &["autor", "autorka", "napsal", "napsala"],
            &["publikováno", "aktualizováno", "vydáno", "datum publikace"],
            &[
                "tento web používá cookies",
                "tento web používá soubory cookie",
                "používáme cookies",
                "používáme soubory cookie",
                "tyto stránky používají cookies",
            ],
            &[
                "již máte předplatné",
                "jste předplatitel",
                "předplaťte si",
                "článek je dostupný pouze pro předplatitele",
                "obsah pro předplatitele",
            ],
            &[
                "přihlaste se k odběru newsletteru",
                "odebírejte náš newsletter",
                "přihlásit se k odběru",
                "odběr newsletteru",
            ],
            &[
                "komentáře",
                "komentář",
                "přidat komentář",
                "diskuse",
                "diskuze",
                "napsat komentář",
            ],
            &[
                "číst dále",
                "pokračovat ve čtení",
                "zobrazit více",
                "více",
                "číst více",
            ],
            &["všechna práva vyhrazena"],
        ],
    },
    Language {
        code: "ko",
        langs: &["kor"],
        cased: false,
        phrases: [
            &[
                "관련기사",
                "관련 기사",
                "함께 읽으면 좋은 기사",
                "추천 기사",
                "많이 본 뉴스",
                "관련 뉴스",
                "같이 보면 좋은 기사",
            ],
            &[
                "공유",
                "공유하기",
                "페이스북 공유",
                "트위터 공유",
                "카카오톡 공유",
                "인쇄",
                "링크 복사",
                "url 복사",
            ],
            &["사진", "사진 제공", "이미지", "제공"],
            &["출처", "자료"],
            &["기자", "글", "작성자", "글쓴이"],
            &["입력", "수정", "등록", "기사입력", "최종수정", "승인"],
            &[
                "쿠키를 사용합니다",
                "이 웹사이트는 쿠키를 사용합니다",
                "본 사이트는 쿠키를 사용",
            ],
            &[
                "유료 회원",
                "구독자 전용",
                "로그인 후 이용",
                "이미 구독 중",
                "유료기사",
            ],
            &["뉴스레터 구독", "뉴스레터 신청", "뉴스레터를 구독"],
            &[
                "댓글",
                "댓글 달기",
                "댓글쓰기",
                "댓글 보기",
                "댓글을 입력하세요",
            ],
            &[
                "더보기",
                "더 보기",
                "전체 기사 보기",
                "계속 읽기",
                "기사 더보기",
            ],
            &[
                "무단전재 및 재배포 금지",
                "무단 전재 및 재배포 금지",
                "저작권자",
                "무단전재",
            ],
        ],
    },
    Language {
        code: "uk",
        langs: &["ukr"],
        cased: true,
        phrases: [
            &[
                "читайте також",
                "дивіться також",
                "по темі",
                "схожі статті",
                "інші новини",
                "новини за темою",
                "рекомендуємо",
            ],
            &[
                "поділитися",
                "поділіться",
                "друк",
                "роздрукувати",
                "скопіювати посилання",
            ],
            &["фото", "фотографія", "ілюстрація", "зображення"],
            &["джерело", "джерела"],
            &["автор", "авторка", "текст"],
            &["опубліковано", "оновлено", "дата публікації"],
            &[
                "ми використовуємо файли cookie",
                "цей сайт використовує файли cookie",
                "сайт використовує cookie",
                "продовжуючи користуватися сайтом",
            ],
            &[
                "вже маєте підписку",
                "оформіть підписку",
                "доступно лише передплатникам",
                "матеріал доступний за підпискою",
            ],
            &[
                "підпишіться на розсилку",
                "підписатися на розсилку",
                "підписуйтесь на наш канал",
                "підписуйтеся на нас",
            ],
            &[
                "коментарі",
                "коментар",
                "залишити коментар",
                "додати коментар",
                "коментувати",
            ],
            &[
                "читати далі",
                "читати повністю",
                "детальніше",
                "показати ще",
                "докладніше",
            ],
            &["усі права захищені", "всі права захищені"],
        ],
    },
    Language {
        code: "ar",
        langs: &["ara"],
        cased: false,
        phrases: [
            &[
                "اقرأ أيضا",
                "اقرأ أيضاً",
                "اقرأ أيضًا",
                "إقرأ أيضا",
                "اقرأ ايضا",
                "مواضيع ذات صلة",
                "أخبار ذات صلة",
                "مقالات ذات صلة",
                "شاهد أيضا",
                "اقرأ المزيد",
            ],
            &[
                "شارك",
                "مشاركة",
                "شارك المقال",
                "شارك على فيسبوك",
                "طباعة",
                "إرسال بالبريد",
                "نسخ الرابط",
                "انشر",
            ],
            &["تصوير", "الصورة", "صورة", "الصور", "صورة أرشيفية"],
            &["المصدر", "مصدر", "المصادر"],
            &["كتب", "بقلم", "كتبت", "الكاتب", "تحرير"],
            &[
                "نشر في",
                "نُشر في",
                "تاريخ النشر",
                "آخر تحديث",
                "تم التحديث",
                "نشر بتاريخ",
                "تم النشر",
            ],
            &[
                "نستخدم ملفات تعريف الارتباط",
                "يستخدم هذا الموقع ملفات تعريف الارتباط",
                "هذا الموقع يستخدم ملفات تعريف الارتباط",
                "نحن نستخدم الكوكيز",
            ],
            &[
                "هل أنت مشترك",
                "مشترك بالفعل",
                "اشترك للمتابعة",
                "هذا المحتوى للمشتركين",
                "حصري للمشتركين",
            ],
            &[
                "اشترك في النشرة البريدية",
                "اشترك في نشرتنا",
                "اشترك في القائمة البريدية",
                "سجل في النشرة الإخبارية",
            ],
            &[
                "التعليقات",
                "تعليقات",
                "تعليق",
                "أضف تعليق",
                "اترك تعليقا",
                "اترك تعليقاً",
            ],
            &[
                "تابع القراءة",
                "اقرأ المزيد",
                "المزيد",
                "عرض المزيد",
                "أكمل القراءة",
            ],
            &["جميع الحقوق محفوظة", "حقوق النشر محفوظة"],
        ],
    },
    Language {
        code: "sv",
        langs: &["swe"],
        cased: true,
        phrases: [
            &[
                "läs också",
                "läs även",
                "läs mer",
                "se även",
                "relaterade artiklar",
                "relaterat",
                "mer om",
            ],
            &[
                "dela",
                "dela artikeln",
                "dela på facebook",
                "skriv ut",
                "skicka som e-post",
                "kopiera länk",
            ],
            &["foto", "bild", "fotograf", "bildkälla"],
            &["källa", "källor"],
            &["av", "text", "skribent"],
            &[
                "publicerad",
                "publicerat",
                "uppdaterad",
                "uppdaterat",
                "senast uppdaterad",
            ],
            &[
                "vi använder cookies",
                "den här webbplatsen använder cookies",
                "denna webbplats använder cookies",
                "webbplatsen använder kakor",
                "vi använder kakor",
            ],
            &[
                "redan prenumerant",
                "är du redan prenumerant",
                "bli prenumerant",
                "logga in för att läsa",
            ],
            &[
                "prenumerera på vårt nyhetsbrev",
                "anmäl dig till vårt nyhetsbrev",
                "få vårt nyhetsbrev",
                "prenumerera på nyhetsbrevet",
            ],
            &[
                "kommentarer",
                "kommentar",
                "kommentera",
                "lämna en kommentar",
                "skriv en kommentar",
            ],
            &["läs mer", "fortsätt läsa", "visa mer", "läs hela artikeln"],
            &["alla rättigheter förbehållna"],
        ],
    },
    Language {
        code: "hu",
        langs: &["hun"],
        cased: true,
        phrases: [
            &[
                "olvassa el",
                "ezt is olvassa el",
                "kapcsolódó cikkek",
                "kapcsolódó",
                "ajánljuk",
                "lásd még",
                "ezek is érdekelhetik",
            ],
            &[
                "megosztás",
                "oszd meg",
                "ossza meg",
                "megosztás facebookon",
                "nyomtatás",
                "küldés e-mailben",
                "link másolása",
            ],
            &["fotó", "kép", "fénykép", "illusztráció"],
            &["forrás", "források"],
            &["szerző", "írta", "szöveg"],
            &[
                "közzétéve",
                "publikálva",
                "frissítve",
                "utolsó frissítés",
                "megjelent",
            ],
            &[
                "ez a weboldal sütiket használ",
                "sütiket használunk",
                "weboldalunk sütiket használ",
                "a weboldal cookie-kat használ",
                "cookie-kat használunk",
            ],
            &[
                "már előfizető",
                "ön már előfizető",
                "fizessen elő",
                "csak előfizetőknek",
                "előfizetőink számára",
            ],
            &[
                "iratkozzon fel hírlevelünkre",
                "iratkozz fel hírlevelünkre",
                "feliratkozás hírlevélre",
                "hírlevél feliratkozás",
            ],
            &[
                "hozzászólások",
                "hozzászólás",
                "kommentek",
                "szólj hozzá",
                "írjon hozzászólást",
            ],
            &[
                "tovább olvasom",
                "tovább",
                "bővebben",
                "több megjelenítése",
                "olvasson tovább",
            ],
            &["minden jog fenntartva"],
        ],
    },
    Language {
        code: "el",
        langs: &["ell"],
        cased: true,
        phrases: [
            &[
                "διαβάστε επίσης",
                "διαβάστε ακόμη",
                "δείτε επίσης",
                "σχετικά άρθρα",
                "σχετικά",
                "μπορεί να σας ενδιαφέρει",
                "προτεινόμενα",
            ],
            &[
                "κοινοποίηση",
                "μοιραστείτε",
                "κοινοποιήστε",
                "εκτύπωση",
                "αποστολή με email",
                "αντιγραφή συνδέσμου",
            ],
            &["φωτογραφία", "φωτ.", "φωτό", "εικόνα"],
            &["πηγή", "πηγές"],
            &[
                "από",
                "του",
                "της",
                "συντάκτης",
                "γράφει",
                "γράφει ο",
                "γράφει η",
            ],
            &[
                "δημοσιεύθηκε",
                "δημοσίευση",
                "ενημερώθηκε",
                "τελευταία ενημέρωση",
            ],
            &[
                "χρησιμοποιούμε cookies",
                "αυτός ο ιστότοπος χρησιμοποιεί cookies",
                "ο ιστότοπος χρησιμοποιεί cookies",
                "αυτή η ιστοσελίδα χρησιμοποιεί cookies",
            ],
            &[
                "είστε ήδη συνδρομητής",
                "ήδη συνδρομητής",
                "γίνετε συνδρομητής",
                "μόνο για συνδρομητές",
                "αποκλειστικά για συνδρομητές",
            ],
            &[
                "εγγραφείτε στο newsletter",
                "εγγραφή στο newsletter",
                "εγγραφείτε στο ενημερωτικό δελτίο",
                "λάβετε το newsletter",
            ],
            &[
                "σχόλια",
                "σχόλιο",
                "αφήστε ένα σχόλιο",
                "σχολιάστε",
                "προσθήκη σχολίου",
            ],
            &[
                "διαβάστε περισσότερα",
                "περισσότερα",
                "συνέχεια",
                "δείτε περισσότερα",
                "διαβάστε τη συνέχεια",
            ],
            &[
                "με την επιφύλαξη παντός δικαιώματος",
                "όλα τα δικαιώματα διατηρούνται",
            ],
        ],
    },
    Language {
        code: "ro",
        langs: &["ron"],
        cased: true,
        phrases: [
            &[
                "citește și",
                "citeste si",
                "citește şi",
                "vezi și",
                "vezi si",
                "articole similare",
                "articole asemănătoare",
                "ți-ar putea plăcea",
                "recomandări",
            ],
            &[
                "distribuie",
                "partajează",
                "distribuie pe facebook",
                "printează",
                "tipărește",
                "trimite pe e-mail",
                "copiază linkul",
            ],
            &["foto", "fotografie", "imagine", "sursa foto", "sursă foto"],
            &["sursa", "sursă", "surse"],
            &["de", "autor", "scris de"],
            &[
                "publicat",
                "publicat la",
                "actualizat",
                "actualizat la",
                "data publicării",
            ],
            &[
                "acest site folosește cookie-uri",
                "folosim cookie-uri",
                "acest site utilizează cookie-uri",
                "utilizăm cookie-uri",
                "acest website folosește cookie-uri",
            ],
            &[
                "ești deja abonat",
                "sunteți deja abonat",
                "abonează-te pentru a citi",
                "conținut exclusiv pentru abonați",
                "doar pentru abonați",
            ],
            &[
                "abonează-te la newsletter",
                "abonează-te la newsletterul nostru",
                "înscrie-te la newsletter",
                "abonare newsletter",
            ],
            &[
                "comentarii",
                "comentariu",
                "lasă un comentariu",
                "adaugă un comentariu",
                "comentează",
            ],
            &[
                "citește mai mult",
                "citeste mai mult",
                "citește continuarea",
                "vezi mai mult",
                "mai mult",
            ],
            &["toate drepturile rezervate"],
        ],
    },
    Language {
        code: "da",
        langs: &["dan", "nob"],
        cased: true,
        phrases: [
            &[
                "læs også",
                "les også",
                "læs mere",
                "se også",
                "relaterede artikler",
                "relateret",
                "mere om",
            ],
            &[
                "del",
                "del artiklen",
                "del på facebook",
                "udskriv",
                "send som e-mail",
                "kopier link",
            ],
            &["foto", "billede", "fotograf"],
            &["kilde", "kilder"],
            &["af", "tekst", "skrevet af"],
            &[
                "publiceret",
                "opdateret",
                "sidst opdateret",
                "offentliggjort",
                "publisert",
                "oppdatert",
            ],
            &[
                "vi bruger cookies",
                "denne hjemmeside bruger cookies",
                "dette website bruger cookies",
                "hjemmesiden anvender cookies",
                "vi anvender cookies",
                "vi bruker informasjonskapsler",
            ],
            &[
                "allerede abonnent",
                "er du allerede abonnent",
                "bliv abonnent",
                "kun for abonnenter",
                "log ind for at læse",
            ],
            &[
                "tilmeld dig vores nyhedsbrev",
                "tilmeld nyhedsbrev",
                "abonner på vores nyhedsbrev",
                "få vores nyhedsbrev",
                "meld deg på vårt nyhetsbrev",
            ],
            &[
                "kommentarer",
                "kommentar",
                "kommenter",
                "skriv en kommentar",
                "efterlad en kommentar",
            ],
            &[
                "læs mere",
                "læs videre",
                "fortsæt læsning",
                "vis mere",
                "se mere",
                "les mer",
            ],
            &["alle rettigheder forbeholdes", "alle rettigheter reservert"],
        ],
    },
    Language {
        code: "fi",
        langs: &["fin"],
        cased: true,
        phrases: [
            &[
                "lue myös",
                "katso myös",
                "aiheesta lisää",
                "liittyvät artikkelit",
                "aiheeseen liittyvät",
                "lisää aiheesta",
                "suosittelemme",
            ],
            &[
                "jaa",
                "jaa artikkeli",
                "jaa facebookissa",
                "tulosta",
                "lähetä sähköpostilla",
                "kopioi linkki",
            ],
            &["kuva", "kuvat", "valokuva", "kuvaaja"],
            &["lähde", "lähteet"],
            &["kirjoittaja", "teksti", "toimittaja"],
            &["julkaistu", "päivitetty", "muokattu", "viimeksi päivitetty"],
            &[
                "käytämme evästeitä",
                "tämä sivusto käyttää evästeitä",
                "sivusto käyttää evästeitä",
                "tämä verkkosivusto käyttää evästeitä",
            ],
            &[
                "oletko jo tilaaja",
                "jo tilaaja",
                "tilaa ja lue",
                "vain tilaajille",
                "kirjaudu sisään lukeaksesi",
            ],
            &[
                "tilaa uutiskirjeemme",
                "tilaa uutiskirje",
                "liity uutiskirjeen tilaajaksi",
            ],
            &[
                "kommentit",
                "kommentti",
                "kommentoi",
                "jätä kommentti",
                "kirjoita kommentti",
            ],
            &[
                "lue lisää",
                "jatka lukemista",
                "näytä lisää",
                "lue koko artikkeli",
            ],
            &["kaikki oikeudet pidätetään"],
        ],
    },
];

/// Characters that may stand before a phrase: bullets, arrows, brackets, quotes.
const LEAD: &str = r"^[\W_]{0,3}";

/// The regex alternative of a language's phrases: escaped, any run of spaces matching any
/// whitespace, a zero-width non-joiner optional (Persian), Turkish dotted and dotless i both
/// matching their capitals.
fn alternatives(language: &Language, phrases: &[&str]) -> String {
    let mut sorted: Vec<&str> = phrases.to_vec();
    // Longest first, so the longest phrase wins where one opens another.
    sorted.sort_by_cached_key(|p| std::cmp::Reverse(p.chars().count()));
    let parts: Vec<String> = sorted
        .iter()
        .map(|phrase| {
            let mut out = String::new();
            for c in phrase.chars() {
                match c {
                    ' ' => out.push_str(r"\s+"),
                    '\u{200C}' => out.push_str(r"[\u{200C}\s]?"),
                    'i' if language.code == "tr" => out.push_str("[iİ]"),
                    'ı' if language.code == "tr" => out.push_str("[ıI]"),
                    _ => regex_syntax::escape_into(c.encode_utf8(&mut [0; 4]), &mut out),
                }
            }
            out
        })
        .collect();
    format!("(?:{})", parts.join("|"))
}

/// The pattern of one (language, kind): the lead, the phrases, then what the shape says may
/// follow them (one of [`SHARED_TAILS`], or nothing).
fn pattern(language: &Language, shape: Shape, phrases: &[&str]) -> String {
    let p = alternatives(language, phrases);
    match shape {
        // The matcher walks the leading class by hand.
        Shape::Whole => format!(r"^[\W\d_]*{p}{WHOLE}"),
        Shape::Labelled => format!("{LEAD}{p}{SEPARATOR}"),
        Shape::Name if language.cased => format!("{LEAD}{p}{NAME_CASED}"),
        Shape::Name => format!("{LEAD}{p}{NAME_UNCASED}"),
        Shape::Dated => format!("{LEAD}{p}{DATED}"),
        Shape::Opening => format!("{LEAD}{p}"),
        Shape::Prompt if !language.cased => format!("{LEAD}{p}"),
        Shape::Prompt => format!("{LEAD}{p}{PROMPT}"),
        // Unanchored, so the regex looks for the phrase's literals directly (the kind's
        // `max_chars` bounds the line).
        Shape::Contains => p,
    }
}

/// After a label ([`Shape::Labelled`]): a colon, bar, guillemet, arrow or equals sign, a dash or
/// a full stop between spaces, or the end of the line.
const SEPARATOR: &str = r"(?:\s*[:：|»›>→=]|\s+[–—-]\s|\.\s|\s*$)";

/// After a phrase alone on its line ([`Shape::Whole`]): counts, arrows and punctuation.
/// Unbounded: the kind's `max_chars` bounds the line (and `{0,12}` of this Unicode class
/// compiled to ten times the memory). Not case-folded: it is closed under case folding already.
const WHOLE: &str = r"(?-i:[\W\d_]*)$";

/// After a byline's or a source's phrase ([`Shape::Name`]) in a language with capitals: a name of
/// up to four capitalised words (and an agency after a comma or a slash), or a colon and a short
/// text.
const NAME_CASED: &str = r"(?:\s*[:：=]\s*.{1,60}|\s+(?-i:\p{Lu}[\p{L}'’.-]*)(?:\s+(?:(?-i:\p{Lu}[\p{L}'’.-]*)|(?-i:de|da|di|do|dos|das|del|van|von|der|den|ter|ten|la|le|du|bin|ibn|al|el|af|zu))){0,4}(?:\s*[,|/–—-]\s*(?:(?:avec|with|con|com|mit|und|and|et|y|e)\s+)?(?-i:\p{Lu}[\p{L}\s.]+|\p{L}{2,5}))?)\s*$";

/// As [`NAME_CASED`] in a language without capitals: up to four words.
const NAME_UNCASED: &str = r"(?:\s*[:：=]\s*.{1,60}|\s+(?-i:\p{L}+(?:\s+\p{L}+){0,3}))\s*$";

/// After a date's phrase ([`Shape::Dated`]): a number within two words.
const DATED: &str = r"\s*[:：,]?\s*(?:\S{1,12}\s+){0,2}\d";

/// After a prompt ([`Shape::Prompt`]): punctuation or the end of the line.
const PROMPT: &str = r"(?:\s*[?？؟;;:!.。,]|\s*$)";

/// What may follow the phrases in the lexicon's patterns, the same in every language. Most of
/// what compiling a pattern costs is its tail (large Unicode classes), so the matcher compiles
/// each tail once for every pattern that ends with it ([`matcher`](super::matcher)).
pub(crate) const SHARED_TAILS: [&str; 6] =
    [SEPARATOR, WHOLE, NAME_CASED, NAME_UNCASED, DATED, PROMPT];

/// A letter as the lexicon's quick check compares it: upper-cased then lower-cased, twice, so
/// the letters that match each other case-insensitively (`S`, `s`, `ſ`; `ß`, `ẞ`; `Σ`, `σ`,
/// `ς`; Turkish `I`, `ı`, `İ` and `i`) give the same key.
fn letter_key(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    let fold = |c: char| {
        let upper = c.to_uppercase().next().unwrap_or(c);
        upper.to_lowercase().next().unwrap_or(upper)
    };
    fold(fold(c))
}

/// The second key of an opening of one letter.
pub(crate) const NO_LETTER: char = '\0';

/// The keys of the first two letters of `text`'s first word ([`NO_LETTER`] second when the word
/// has one letter); `None` when `text` has no letter.
pub(crate) fn opening(text: &str) -> Option<(char, char)> {
    let mut letters = text
        .chars()
        .skip_while(|c| !c.is_alphabetic())
        .take_while(|c| c.is_alphabetic());
    let first = letter_key(letters.next()?);
    Some((first, letters.next().map_or(NO_LETTER, letter_key)))
}

/// For each of [`lexicon_rules`], in order, the [`opening`]s of its phrases: a phrase starts
/// with a letter and what may stand before it holds none, so a line whose own opening is none
/// of them (nor a phrase's one-letter opening followed by any letter) cannot match, and the
/// rule's pattern is not tried. `None` where this does not hold (a phrase found anywhere in the
/// line, or one that starts with something else than a letter).
pub(crate) fn lexicon_openings() -> Vec<Option<Vec<(char, char)>>> {
    let mut openings = Vec::with_capacity(LANGUAGES.len() * KINDS.len());
    for language in LANGUAGES {
        for (kind, phrases) in KINDS.iter().zip(language.phrases) {
            let keys: Option<Vec<(char, char)>> = phrases
                .iter()
                .map(|phrase| {
                    phrase
                        .chars()
                        .next()
                        .filter(|c| c.is_alphabetic())
                        .and_then(|_| opening(phrase))
                })
                .collect();
            openings.push(match kind.shape {
                Shape::Contains => None,
                _ => keys.map(|mut keys| {
                    keys.sort_unstable();
                    keys.dedup();
                    keys
                }),
            });
        }
    }
    openings
}

/// The lexicon's line rules: one per (language, kind).
pub fn lexicon_rules() -> Vec<LineRule> {
    let mut rules = Vec::with_capacity(LANGUAGES.len() * KINDS.len());
    for language in LANGUAGES {
        for (kind, phrases) in KINDS.iter().zip(language.phrases) {
            rules.push(LineRule {
                name: format!("{}_{}", kind.name, language.code),
                kind: kind.kind,
                langs: language.langs.iter().map(|l| (*l).to_owned()).collect(),
                pattern: pattern(language, kind.shape, phrases),
                max_chars: kind.max_chars,
            });
        }
    }
    rules
}

#[cfg(test)]
mod tests;
