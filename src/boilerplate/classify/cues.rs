//! Cue words: what share buttons, comment prompts, newsletter invitations, related-article
//! lists, tag lines, legal links, cookie notices, credits, log-in walls, print links and
//! advertisement markers say, in fr, en, de, es, it, pt, ru, pl, nl, ar, zh and ja.
//!
//! A cue is only a hint: the classifier weighs it with the line's length and place, so a long
//! sentence that mentions a newsletter stays. Every language's cues apply to every line (pages
//! mix languages in their furniture, and language detection sees the whole page).

use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use crate::boilerplate::Kind;

/// Cue phrases, lowercase, by kind.
const CUES: &[(Kind, &[&str])] = &[
    (
        Kind::Share,
        &[
            // en, fr, de, es/pt, it, ru, pl, nl, ar, zh, ja
            "share",
            "tweet",
            "share on",
            "partager",
            "partagez",
            "teilen",
            "compartir",
            "compartilhar",
            "compartilhe",
            "condividi",
            "поделиться",
            "udostępnij",
            "delen",
            "شارك",
            "مشاركة",
            "分享",
            "转发",
            "シェア",
            "print",
            "imprimer",
            "drucken",
            "imprimir",
            "stampa",
            "печать",
            "drukuj",
            "afdrukken",
            "打印",
            "印刷",
            "e-mail",
            "email",
            "whatsapp",
            "facebook",
            "twitter",
            "linkedin",
            "pinterest",
            "telegram",
            "url zum kopieren",
            "copy link",
            "copier le lien",
            "link kopieren",
        ],
    ),
    (
        Kind::Comment,
        &[
            "comment",
            "comments",
            "leave a comment",
            "post a comment",
            "leave a reply",
            "reply",
            "commentaire",
            "commentaires",
            "commenter",
            "répondre",
            "kommentar",
            "kommentare",
            "antworten",
            "comentario",
            "comentarios",
            "comentar",
            "responder",
            "comentário",
            "comentários",
            "commento",
            "commenti",
            "rispondi",
            "комментарии",
            "комментарий",
            "ответить",
            "komentarz",
            "komentarze",
            "odpowiedz",
            "reactie",
            "reacties",
            "reageer",
            "تعليق",
            "التعليقات",
            "评论",
            "留言",
            "コメント",
        ],
    ),
    (
        Kind::Subscribe,
        &[
            "subscribe",
            "newsletter",
            "sign up",
            "follow us",
            "s'abonner",
            "abonnez-vous",
            "inscrivez-vous",
            "suivez-nous",
            "abonnieren",
            "folgen sie uns",
            "folge uns",
            "suscríbete",
            "suscribirse",
            "síguenos",
            "assine",
            "inscreva-se",
            "siga-nos",
            "iscriviti",
            "seguici",
            "подписаться",
            "подпишитесь",
            "следите за нами",
            "subskrybuj",
            "zapisz się",
            "obserwuj nas",
            "abonneren",
            "volg ons",
            "اشترك",
            "تابعونا",
            "订阅",
            "关注我们",
            "扫描二维码",
            "扫码",
            "二维码",
            "購読",
            "フォロー",
            "登録",
        ],
    ),
    (
        Kind::ReadAlso,
        &[
            "related",
            "related articles",
            "related posts",
            "recommended",
            "you may also like",
            "read more",
            "read also",
            "see also",
            "more stories",
            "continue reading",
            "see more",
            "lire aussi",
            "à lire aussi",
            "voir aussi",
            "lire la suite",
            "en savoir plus",
            "voir plus",
            "articles similaires",
            "lesen sie auch",
            "mehr zum thema",
            "weiterlesen",
            "weitere artikel",
            "ähnliche artikel",
            "das könnte sie auch interessieren",
            "mehr lesen",
            "mehr erfahren",
            "lee también",
            "leer más",
            "ver más",
            "relacionado",
            "relacionados",
            "te puede interesar",
            "leia também",
            "leia mais",
            "ver mais",
            "leggi anche",
            "leggi tutto",
            "potrebbe interessarti",
            "correlati",
            "читайте также",
            "читать далее",
            "подробнее",
            "смотрите также",
            "czytaj też",
            "czytaj także",
            "czytaj więcej",
            "zobacz też",
            "zobacz również",
            "zobacz więcej",
            "lees ook",
            "lees meer",
            "meer lezen",
            "اقرأ أيضا",
            "اقرأ أيضاً",
            "اقرأ المزيد",
            "المزيد",
            "相关阅读",
            "相关文章",
            "延伸阅读",
            "阅读更多",
            "查看更多",
            "更多",
            "関連記事",
            "続きを読む",
            "もっと見る",
        ],
    ),
    (
        Kind::Tags,
        &[
            "tags",
            "tagged",
            "filed under",
            "categories",
            "category",
            "étiquettes",
            "mots-clés",
            "catégories",
            "schlagwörter",
            "schlagworte",
            "kategorien",
            "getaggt",
            "themen",
            "etiquetas",
            "categorías",
            "etichette",
            "categorie",
            "теги",
            "метки",
            "рубрики",
            "tagi",
            "kategorie",
            "trefwoorden",
            "الوسوم",
            "标签",
            "タグ",
        ],
    ),
    (
        Kind::Legal,
        &[
            "privacy",
            "privacy policy",
            "terms of use",
            "terms of service",
            "terms and conditions",
            "imprint",
            "legal notice",
            "disclaimer",
            "all rights reserved",
            "mentions légales",
            "politique de confidentialité",
            "conditions générales",
            "tous droits réservés",
            "impressum",
            "datenschutz",
            "datenschutzerklärung",
            "agb",
            "nutzungsbedingungen",
            "alle rechte vorbehalten",
            "aviso legal",
            "política de privacidad",
            "privacidade",
            "política de privacidade",
            "termos de uso",
            "note legali",
            "informativa sulla privacy",
            "privacy policy",
            "политика конфиденциальности",
            "пользовательское соглашение",
            "все права защищены",
            "polityka prywatności",
            "regulamin",
            "wszelkie prawa zastrzeżone",
            "privacybeleid",
            "algemene voorwaarden",
            "سياسة الخصوصية",
            "جميع الحقوق محفوظة",
            "隐私政策",
            "版权所有",
            "免责声明",
            "プライバシーポリシー",
            "利用規約",
            "著作権",
        ],
    ),
    (
        Kind::Cookie,
        &[
            "cookie",
            "cookies",
            "файлы cookie",
            "ciasteczka",
            "クッキー",
        ],
    ),
    (
        Kind::Source,
        &[
            "source",
            "sources",
            "photo",
            "photos",
            "credit",
            "credits",
            "image",
            "crédit",
            "quelle",
            "quellen",
            "bild",
            "foto",
            "fotos",
            "fuente",
            "fonte",
            "источник",
            "фото",
            "źródło",
            "zdjęcie",
            "bron",
            "المصدر",
            "مصدر",
            "صورة",
            "来源",
            "图片",
            "摄影",
            "出典",
            "写真",
            "撮影",
        ],
    ),
    (
        Kind::Paywall,
        &[
            "log in",
            "login",
            "sign in",
            "register",
            "subscribers only",
            "subscriber",
            "se connecter",
            "connexion",
            "abonné",
            "abonnés",
            "anmelden",
            "einloggen",
            "registrieren",
            "abo",
            "abonnement",
            "iniciar sesión",
            "regístrate",
            "entrar",
            "accedi",
            "abbonati",
            "войти",
            "регистрация",
            "zaloguj",
            "logowanie",
            "inloggen",
            "تسجيل الدخول",
            "登录",
            "注册",
            "ログイン",
        ],
    ),
    (
        Kind::Advertisement,
        &[
            "advertisement",
            "sponsored",
            "ad",
            "anzeige",
            "werbung",
            "publicité",
            "publicidad",
            "publicidade",
            "pubblicità",
            "реклама",
            "reklama",
            "advertentie",
            "إعلان",
            "广告",
            "广告位",
            "広告",
            "pr",
        ],
    ),
];

/// The compiled cues: one automaton over every phrase.
struct Cues {
    automaton: AhoCorasick,
    kinds: Vec<Kind>,
}

fn cues() -> &'static Cues {
    static CUES_AUTOMATON: OnceLock<Cues> = OnceLock::new();
    CUES_AUTOMATON.get_or_init(|| {
        let mut phrases = Vec::new();
        let mut kinds = Vec::new();
        for (kind, list) in CUES {
            for phrase in *list {
                phrases.push(*phrase);
                kinds.push(*kind);
            }
        }
        let automaton = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            // The phrases are lowercase: an ASCII line is searched as it is.
            .ascii_case_insensitive(true)
            .build(&phrases)
            .expect("the cue phrases are plain strings");
        Cues { automaton, kinds }
    })
}

/// Whether `c` continues a word (so a cue next to it is part of a longer word).
fn joins(c: Option<char>) -> bool {
    c.is_some_and(|c| c.is_alphanumeric() && !super::features::is_unspaced(c))
}

/// The kind of the first cue phrase found in `line` as a whole word.
pub(crate) fn find_cue_in_line(line: &str) -> Option<Kind> {
    if line.is_ascii() {
        // ASCII letters match the phrases in either case, as lowercased.
        find_cue(line)
    } else {
        find_cue(&line.to_lowercase())
    }
}

/// The kind of the first cue phrase found in `lowercase` (a line, lowercased; or ASCII, its
/// letters in either case) as a whole word.
pub(crate) fn find_cue(lowercase: &str) -> Option<Kind> {
    let cues = cues();
    cues.automaton.find_iter(lowercase).find_map(|m| {
        let before = lowercase[..m.start()].chars().next_back();
        let after = lowercase[m.end()..].chars().next();
        let first = lowercase[m.start()..].chars().next();
        let spaced = first.is_some_and(|c| !super::features::is_unspaced(c));
        (!spaced || (!joins(before) && !joins(after))).then(|| cues.kinds[m.pattern().as_usize()])
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cues_are_found_as_whole_words_in_every_script() {
        assert_eq!(find_cue("partager sur facebook"), Some(Kind::Share));
        assert_eq!(find_cue("kommentare (3)"), Some(Kind::Comment));
        assert_eq!(find_cue("читайте также: новости"), Some(Kind::ReadAlso));
        assert_eq!(find_cue("扫描二维码关注我们"), Some(Kind::Subscribe));
        assert_eq!(
            find_cue("© 2021 wszelkie prawa zastrzeżone"),
            Some(Kind::Legal)
        );
        // Inside a longer word, a cue is no cue.
        assert_eq!(find_cue("the shareholders met on tuesday"), None);
        assert_eq!(find_cue("adolescents"), None);
    }

    #[test]
    fn a_line_is_searched_as_lowercased() {
        // An ASCII line as it is, the phrases being lowercase.
        assert!(
            CUES.iter()
                .flat_map(|(_, list)| list.iter())
                .all(|phrase| !phrase.bytes().any(|b| b.is_ascii_uppercase()))
        );
        for line in [
            "Partager sur Facebook",
            "KOMMENTARE (3)",
            "Читайте также: Новости",
            "The Shareholders met",
            "© 2021 Wszelkie prawa ZASTRZEŻONE",
            "Lesen Sie auch: Über den Wolken",
        ] {
            assert_eq!(
                find_cue_in_line(line),
                find_cue(&line.to_lowercase()),
                "{line}"
            );
        }
        assert_eq!(find_cue_in_line("Partager sur Facebook"), Some(Kind::Share));
    }
}
