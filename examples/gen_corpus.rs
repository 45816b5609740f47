//! Writes a generated news-and-web corpus of any size as JSONL, for benchmarks that must scale
//! from thousands to millions of documents without downloads:
//!
//! ```sh
//! cargo run --release --example gen_corpus -- --docs 1000000 > generated.jsonl
//! cargo run --release --example gen_corpus -- --docs 10000 --seed 7 --dup-rate 0.2 > small.jsonl
//! ```
//!
//! Deterministic (the same arguments give the same bytes), multilingual (the nine languages of
//! the bundled `corpus/`, in its proportions), and planted at known rates, printed to stderr as
//! JSON when done:
//! - **text**: each document is a title and 2–4 paragraphs of 1–3 sentences drawn from the bundled
//!   corpus' articles of its language, a third of their words replaced by other words of the
//!   language, so that documents are distinct but read like the language to the language stage;
//! - **boilerplate** (`--boilerplate-rate`, default 0.5 of documents): one to three lines of a
//!   share prompt, a cookie notice, a "read also" link or a photo credit, in the language, and
//!   a site line repeated across documents;
//! - **typography noise** (0.3 of documents): straight apostrophes and quotes, spaced or
//!   unspaced guillemets, `...`, doubled spaces; **mojibake** (0.01): the text read as
//!   Windows-1252;
//! - **near-duplicates** (`--dup-rate`, default 0.1): a copy of one of the last 1,000 documents
//!   with a word changed, a sentence added or a number changed, or an exact copy.
//!
//! Only the last 1,000 documents are held, so memory stays flat at any size.

use std::collections::BTreeMap;
use std::io::{BufWriter, Write};
use std::path::Path;

use anyhow::{Context, Result, bail};

#[path = "common/rng.rs"]
mod rng;

use rng::Rng;

/// The sentences and words of one language, from the bundled corpus.
struct Language {
    code: &'static str,
    sentences: Vec<String>,
    words: Vec<String>,
    boilerplate: &'static [&'static str],
    site: &'static str,
}

/// Boilerplate lines of each language (written for this generator).
const BOILERPLATE: [(&str, &[&str], &str); 9] = [
    (
        "fra",
        &[
            "Partager sur Facebook | Twitter | WhatsApp",
            "Ce site utilise des cookies pour mesurer l'audience. En poursuivant, vous acceptez.",
            "Lire aussi : les dernières nouvelles de la région",
            "© Photo. AFP / Jean Dupont",
        ],
        "Le Courrier Régional — toute l'actualité, chaque jour",
    ),
    (
        "eng",
        &[
            "Share this article on Facebook, Twitter or by email",
            "We use cookies to improve your experience. By continuing you agree to our policy.",
            "Read more: the latest news from the region",
            "Photo: Reuters / John Smith",
        ],
        "The Harbour Gazette — local news since 1901",
    ),
    (
        "deu",
        &[
            "Artikel teilen: Facebook | Twitter | E-Mail",
            "Diese Website verwendet Cookies. Mit der Nutzung stimmen Sie zu.",
            "Lesen Sie auch: Die wichtigsten Nachrichten aus der Region",
            "Foto: dpa / Max Mustermann",
        ],
        "Nordwind Zeitung — Nachrichten aus dem Norden",
    ),
    (
        "spa",
        &[
            "Compartir en Facebook | Twitter | WhatsApp",
            "Este sitio utiliza cookies. Al continuar navegando, acepta su uso.",
            "Lea también: las últimas noticias de la región",
            "Foto: EFE / Ana García",
        ],
        "Diario del Sur — la actualidad de la región",
    ),
    (
        "ita",
        &[
            "Condividi su Facebook | Twitter | WhatsApp",
            "Questo sito utilizza cookie. Continuando la navigazione accetti.",
            "Leggi anche: le ultime notizie dalla regione",
            "Foto: ANSA / Marco Rossi",
        ],
        "Il Gazzettino del Lago — notizie dal territorio",
    ),
    (
        "por",
        &[
            "Compartilhar no Facebook | Twitter | WhatsApp",
            "Este site usa cookies. Ao continuar, você aceita a sua utilização.",
            "Leia também: as últimas notícias da região",
            "Foto: Agência Brasil / João Silva",
        ],
        "Jornal do Porto — notícias da cidade",
    ),
    (
        "rus",
        &[
            "Поделиться: ВКонтакте | Telegram | WhatsApp",
            "Сайт использует файлы cookie. Продолжая, вы соглашаетесь.",
            "Читайте также: главные новости региона",
            "Фото: ТАСС / Иван Петров",
        ],
        "Вести региона — новости каждый день",
    ),
    (
        "cmn",
        &[
            "分享到：微信 | 微博 | QQ空间",
            "本网站使用Cookie以改善您的体验，继续浏览即表示同意。",
            "相关阅读：本地最新消息",
            "图片来源：新华社",
        ],
        "华南日报 — 每日新闻",
    ),
    (
        "ara",
        &[
            "شارك على فيسبوك | تويتر | واتساب",
            "يستخدم هذا الموقع ملفات تعريف الارتباط، وباستمرارك توافق على ذلك.",
            "اقرأ أيضا: آخر أخبار المنطقة",
            "تصوير: رويترز",
        ],
        "صحيفة اليوم — أخبار كل يوم",
    ),
];

/// The bundled corpus' text, by language: `news/<lang>/*.txt` and `feeds/*.jsonl`.
fn load_languages(corpus: &Path) -> Result<Vec<(Language, usize)>> {
    let mut texts: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let codes = |two: &str| match two {
        "fr" => "fra",
        "en" => "eng",
        "de" => "deu",
        "es" => "spa",
        "it" => "ita",
        "pt" => "por",
        "ru" => "rus",
        "zh" => "cmn",
        "ar" => "ara",
        _ => "",
    };
    for entry in walkdir::WalkDir::new(corpus.join("news")).sort_by_file_name() {
        let entry = entry?;
        if entry.file_type().is_file() {
            let lang = entry
                .path()
                .parent()
                .and_then(|p| p.file_name())
                .map(|n| codes(&n.to_string_lossy()).to_owned())
                .unwrap_or_default();
            let text = std::fs::read_to_string(entry.path())?;
            texts.entry(lang).or_default().push(text);
        }
    }
    for entry in walkdir::WalkDir::new(corpus.join("feeds")).sort_by_file_name() {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let lang = match name.as_str() {
            "courrier-du-matin.jsonl" => "fra",
            "diario-del-sur.jsonl" => "spa",
            "harbour-times.jsonl" => "eng",
            "huanan-ribao.jsonl" => "cmn",
            "jornal-do-porto.jsonl" => "por",
            "nordwind-zeitung.jsonl" => "deu",
            "sahifat-alyawm.jsonl" => "ara",
            "vesti-regiona.jsonl" => "rus",
            _ => continue, // mixed copies, compressed
        };
        for line in std::fs::read_to_string(entry.path())?.lines() {
            let record: serde_json::Value = serde_json::from_str(line)?;
            if let Some(text) = record["text"].as_str() {
                texts
                    .entry(lang.to_owned())
                    .or_default()
                    .push(text.to_owned());
            }
        }
    }
    let mut languages = Vec::new();
    for (code, site, boilerplate) in BOILERPLATE.iter().map(|(c, b, s)| (*c, *s, *b)) {
        let Some(docs) = texts.get(code) else {
            bail!("the bundled corpus has no {code} text: run from the repository root");
        };
        // Characters of Chinese say about three times what Latin letters do.
        let scale = if code == "cmn" { 3 } else { 1 };
        let mut sentences = Vec::new();
        for doc in docs {
            for line in doc.lines().filter(|l| l.chars().count() * scale > 60) {
                for sentence in split_sentences(line) {
                    if sentence.chars().count() * scale > 25 {
                        sentences.push(sentence);
                    }
                }
            }
        }
        if sentences.is_empty() {
            bail!("the bundled corpus has no {code} sentences to draw from");
        }
        let unspaced = code == "cmn";
        let mut words: Vec<String> = sentences
            .iter()
            .flat_map(|s| tokens(s, unspaced))
            .filter(|w| w.chars().all(char::is_alphabetic))
            .collect();
        words.sort();
        words.dedup();
        let weight = docs.len();
        languages.push((
            Language {
                code,
                sentences,
                words,
                boilerplate,
                site,
            },
            weight,
        ));
    }
    Ok(languages)
}

/// Sentences of a line: cut after `.`, `!`, `?`, `。`, `！`, `？`, `؟` followed by a space or
/// the end.
fn split_sentences(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        current.push(c);
        let ends = matches!(c, '.' | '!' | '?' | '。' | '！' | '？' | '؟');
        if ends
            && chars
                .peek()
                .is_none_or(|n| n.is_whitespace() || matches!(c, '。' | '！' | '？'))
        {
            out.push(current.trim().to_owned());
            current.clear();
        }
    }
    if !current.trim().is_empty() {
        out.push(current.trim().to_owned());
    }
    out
}

/// Words of a sentence (characters for Chinese).
fn tokens(sentence: &str, unspaced: bool) -> Vec<String> {
    if unspaced {
        sentence.chars().map(String::from).collect()
    } else {
        sentence.split(' ').map(str::to_owned).collect()
    }
}

/// A sentence of `lang` with about a third of its words replaced by other words of the language.
fn sentence(rng: &mut Rng, lang: &Language) -> String {
    let base = rng.pick(&lang.sentences);
    let unspaced = lang.code == "cmn";
    let mut out: Vec<String> = tokens(base, unspaced);
    for token in out.iter_mut() {
        let plain = token.chars().all(char::is_alphabetic);
        if plain && rng.chance(0.35) {
            *token = rng.pick(&lang.words).clone();
        }
    }
    out.join(if unspaced { "" } else { " " })
}

/// Typography noise a real dump has: straight quotes, `...`, doubled spaces, guillemets.
fn noisy(rng: &mut Rng, text: &str) -> String {
    let mut out = text.replace('’', "'").replace('…', "...");
    if rng.chance(0.5) {
        out = out.replace("« ", "«").replace(" »", "»");
    }
    if rng.chance(0.5) {
        out = out.replacen(". ", ".  ", 2);
    }
    out
}

/// The text as a program that read its UTF-8 bytes as Windows-1252 would show it.
fn mojibake(text: &str) -> String {
    let (decoded, _, _) = encoding_rs::WINDOWS_1252.decode(text.as_bytes());
    decoded.into_owned()
}

/// What was planted, printed to stderr at the end.
#[derive(Default, serde::Serialize)]
struct Planted {
    documents: u64,
    bytes: u64,
    by_language: BTreeMap<&'static str, u64>,
    boilerplate_lines: u64,
    site_lines: u64,
    noisy_documents: u64,
    mojibake_documents: u64,
    exact_copies: u64,
    near_duplicates: u64,
}

struct Options {
    docs: u64,
    seed: u64,
    dup_rate: f64,
    boilerplate_rate: f64,
}

fn parse_args() -> Result<Options> {
    let mut options = Options {
        docs: 10_000,
        seed: 42,
        dup_rate: 0.1,
        boilerplate_rate: 0.5,
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().with_context(|| format!("{arg} needs a value"));
        match arg.as_str() {
            "--docs" => options.docs = value()?.parse().context("--docs: a number")?,
            "--seed" => options.seed = value()?.parse().context("--seed: a number")?,
            "--dup-rate" => options.dup_rate = value()?.parse().context("--dup-rate: 0 to 1")?,
            "--boilerplate-rate" => {
                options.boilerplate_rate = value()?.parse().context("--boilerplate-rate: 0 to 1")?
            }
            _ => bail!(
                "usage: gen_corpus [--docs N] [--seed N] [--dup-rate P] [--boilerplate-rate P] \
                 > corpus.jsonl (unknown argument {arg})"
            ),
        }
    }
    Ok(options)
}

fn main() -> Result<()> {
    let options = parse_args()?;
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let languages = load_languages(&corpus)?;
    let total_weight: usize = languages.iter().map(|(_, w)| w).sum();
    let mut rng = Rng(options.seed);
    let mut recent: Vec<(String, &'static str)> = Vec::with_capacity(1000);
    let mut planted = Planted::default();
    let mut out = BufWriter::with_capacity(1 << 20, std::io::stdout().lock());
    for n in 0..options.docs {
        let (text, code) = if !recent.is_empty() && rng.chance(options.dup_rate) {
            let (earlier, code) = rng.pick(&recent).clone();
            let text = match rng.below(4) {
                0 => {
                    planted.exact_copies += 1;
                    earlier
                }
                1 => {
                    planted.near_duplicates += 1;
                    let language = languages.iter().find(|(l, _)| l.code == code);
                    let extra = language
                        .map(|(l, _)| sentence(&mut rng, l))
                        .unwrap_or_default();
                    format!("{earlier}\n\n{extra}")
                }
                2 => {
                    planted.near_duplicates += 1;
                    earlier
                        .replacen(char::is_numeric, "7", 1)
                        .replacen(' ', "  ", 1)
                        + "."
                }
                _ => {
                    planted.near_duplicates += 1;
                    let cut = earlier
                        .char_indices()
                        .map(|(i, _)| i)
                        .nth(earlier.chars().count() * 9 / 10);
                    earlier[..cut.unwrap_or(earlier.len())].to_owned()
                }
            };
            (text, code)
        } else {
            let mut pick = rng.below(total_weight);
            let mut chosen = &languages[0].0;
            for (language, weight) in &languages {
                if pick < *weight {
                    chosen = language;
                    break;
                }
                pick -= weight;
            }
            let mut lines = vec![sentence(&mut rng, chosen)];
            let with_boilerplate = rng.chance(options.boilerplate_rate);
            if with_boilerplate {
                lines.insert(0, chosen.site.to_owned());
                planted.site_lines += 1;
            }
            for _ in 0..2 + rng.below(3) {
                let paragraph: Vec<String> = (0..1 + rng.below(3))
                    .map(|_| sentence(&mut rng, chosen))
                    .collect();
                lines.push(paragraph.join(if chosen.code == "cmn" { "" } else { " " }));
            }
            if with_boilerplate {
                for _ in 0..1 + rng.below(3) {
                    lines.push((*rng.pick(chosen.boilerplate)).to_owned());
                    planted.boilerplate_lines += 1;
                }
            }
            let mut text = lines.join("\n\n");
            if rng.chance(0.3) {
                text = noisy(&mut rng, &text);
                planted.noisy_documents += 1;
            }
            if rng.chance(0.01) {
                text = mojibake(&text);
                planted.mojibake_documents += 1;
            }
            (text, chosen.code)
        };
        if recent.len() < 1000 {
            recent.push((text.clone(), code));
        } else {
            let slot = rng.below(1000);
            recent[slot] = (text.clone(), code);
        }
        let record = serde_json::json!({ "id": format!("gen-{n:08}"), "text": text });
        let line = record.to_string();
        planted.documents += 1;
        planted.bytes += line.len() as u64 + 1;
        *planted.by_language.entry(code).or_default() += 1;
        writeln!(out, "{line}")?;
    }
    out.flush()?;
    eprintln!("{}", serde_json::to_string(&planted)?);
    Ok(())
}
