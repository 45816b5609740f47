//! Language identification on real labelled sentences: accuracy and speed of tamis' detector
//! next to whatlang used bare, measured in the same run.
//!
//! Data: `../shared/data/langid-dev.jsonl` (`{"lang", "text"}`, 57 languages, 300 sentences
//! each), or the file named by `TAMIS_LANGID_DEV`. Without it the benchmark says so and exits.
//! Paragraphs are three consecutive sentences of one language.
//!
//! Run with `cargo bench --bench langid`; the README quotes its tables.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Instant;

use tamis::lang::{LangConfig, LanguageDetector, UNDETERMINED};

/// A detector under test: text → ISO 639-3 code or `und`.
type Detect = Box<dyn Fn(&str) -> String>;

struct Labelled {
    lang: String,
    text: String,
}

fn load() -> Option<Vec<Labelled>> {
    let path = std::env::var_os("TAMIS_LANGID_DEV")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data/langid-dev.jsonl")
        });
    let data = match std::fs::read_to_string(&path) {
        Ok(data) => data,
        Err(error) => {
            println!("langid benchmark skipped: {}: {error}", path.display());
            return None;
        }
    };
    let rows = data
        .lines()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .filter_map(|v| {
            Some(Labelled {
                lang: v["lang"].as_str()?.to_owned(),
                text: v["text"].as_str()?.to_owned(),
            })
        })
        .collect();
    Some(rows)
}

fn paragraphs(sentences: &[Labelled]) -> Vec<Labelled> {
    let mut by_lang: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for s in sentences {
        by_lang.entry(&s.lang).or_default().push(&s.text);
    }
    by_lang
        .into_iter()
        .flat_map(|(lang, texts)| {
            texts
                .chunks_exact(3)
                .map(|c| Labelled {
                    lang: lang.to_owned(),
                    text: c.join(" "),
                })
                .collect::<Vec<_>>()
        })
        .collect()
}

struct Score {
    correct: usize,
    undetermined: usize,
    total: usize,
    per_second: f64,
    mb_per_second: f64,
}

impl Score {
    fn accuracy(&self) -> f64 {
        self.correct as f64 / self.total as f64
    }
    fn precision(&self) -> f64 {
        self.correct as f64 / (self.total - self.undetermined).max(1) as f64
    }
    fn und_rate(&self) -> f64 {
        self.undetermined as f64 / self.total as f64
    }
}

/// Runs `detect` over `data` three times and keeps the fastest pass.
fn score(data: &[Labelled], detect: impl Fn(&str) -> String) -> Score {
    let bytes: usize = data.iter().map(|d| d.text.len()).sum();
    let mut best = f64::MAX;
    let mut answers = Vec::new();
    for _ in 0..3 {
        let started = Instant::now();
        answers = data.iter().map(|d| detect(&d.text)).collect();
        best = best.min(started.elapsed().as_secs_f64());
    }
    let correct = data
        .iter()
        .zip(&answers)
        .filter(|(d, a)| d.lang == **a)
        .count();
    let undetermined = answers
        .iter()
        .filter(|a| a.as_str() == UNDETERMINED)
        .count();
    Score {
        correct,
        undetermined,
        total: data.len(),
        per_second: data.len() as f64 / best,
        mb_per_second: bytes as f64 / best / 1e6,
    }
}

fn tamis(config: LangConfig) -> impl Fn(&str) -> String {
    let detector = LanguageDetector::new(config).expect("valid config");
    move |text| detector.detect(text).lang.to_owned()
}

fn best_guess() -> LangConfig {
    LangConfig {
        min_confidence: 0.0,
        ..LangConfig::default()
    }
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return; // `cargo bench -- --list` asks for benchmark names
    }
    let Some(sentences) = load() else { return };
    let paragraphs = paragraphs(&sentences);
    println!(
        "langid-dev: {} sentences, {} three-sentence paragraphs, one thread\n",
        sentences.len(),
        paragraphs.len()
    );
    println!(
        "| detector | sentences: accuracy | paragraphs: accuracy | sentences/s | MB/s | speed vs bare |"
    );
    println!("|---|---|---|---|---|---|");
    let bare = |text: &str| {
        whatlang::detect(text).map_or(UNDETERMINED.to_owned(), |i| i.lang().code().to_owned())
    };
    let variants: Vec<(&str, Detect)> = vec![
        ("whatlang 0.18 bare", Box::new(bare)),
        (
            "tamis, best guess (`--min-lang-confidence 0`)",
            Box::new(tamis(best_guess())),
        ),
        (
            "tamis best guess, no spelling corrections",
            Box::new(tamis(LangConfig {
                refine: false,
                ..best_guess()
            })),
        ),
        (
            "tamis best guess, no mixed-script rule",
            Box::new(tamis(LangConfig {
                mixed_script_share: 1.1,
                ..best_guess()
            })),
        ),
    ];
    let mut bare_speed = 0.0;
    for (name, detect) in &variants {
        let s = score(&sentences, detect);
        let p = score(&paragraphs, detect);
        if bare_speed == 0.0 {
            bare_speed = s.per_second;
        }
        println!(
            "| {name} | {:.2}% | {:.2}% | {:.0} | {:.1} | {:.2} |",
            100.0 * s.accuracy(),
            100.0 * p.accuracy(),
            s.per_second,
            s.mb_per_second,
            s.per_second / bare_speed
        );
    }

    if std::env::var_os("TAMIS_LANGID_CONFUSIONS").is_some() {
        for (name, data) in [("sentences", &sentences), ("paragraphs", &paragraphs)] {
            print_confusions(name, data, &tamis(best_guess()));
        }
    }

    println!(
        "\nWith a confidence threshold (`und` below it): share of texts left `und`, and accuracy on the rest\n"
    );
    println!(
        "| --min-lang-confidence | sentences: und | sentences: precision | paragraphs: und | paragraphs: precision |"
    );
    println!("|---|---|---|---|---|");
    for threshold in [0.05, 0.1, 0.2, 0.3, 0.5] {
        let detect = tamis(LangConfig {
            min_confidence: threshold,
            ..LangConfig::default()
        });
        let s = score(&sentences, &detect);
        let p = score(&paragraphs, &detect);
        let default = if threshold == LangConfig::default().min_confidence {
            " (default)"
        } else {
            ""
        };
        println!(
            "| {threshold}{default} | {:.1}% | {:.2}% | {:.1}% | {:.2}% |",
            100.0 * s.und_rate(),
            100.0 * s.precision(),
            100.0 * p.und_rate(),
            100.0 * p.precision()
        );
    }
}

/// The most frequent (expected → detected) mistakes, with one example each.
fn print_confusions(name: &str, data: &[Labelled], detect: &dyn Fn(&str) -> String) {
    let mut confusions: BTreeMap<(String, String), (usize, String)> = BTreeMap::new();
    for d in data {
        let got = detect(&d.text);
        if got != d.lang {
            let entry = confusions
                .entry((d.lang.clone(), got))
                .or_insert((0, d.text.clone()));
            entry.0 += 1;
        }
    }
    let mut sorted: Vec<_> = confusions.into_iter().collect();
    sorted.sort_by_key(|entry| std::cmp::Reverse(entry.1.0));
    println!("\n{name}: most frequent mistakes (expected → detected)");
    for ((want, got), (n, example)) in sorted.into_iter().take(15) {
        let example: String = example.chars().take(100).collect();
        println!("  {want} → {got}: {n}   e.g. {example}");
    }
}
