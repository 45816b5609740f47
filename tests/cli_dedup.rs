//! `tamis dedup` and the dedup pass of `tamis clean`: clusters, report, keep policies,
//! annotations, determinism, incremental runs, errors.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use common::*;
use serde_json::{Value, json};

const MANIFEST: &str = env!("CARGO_MANIFEST_DIR");

fn truth() -> Value {
    serde_json::from_slice(&std::fs::read(Path::new(MANIFEST).join("corpus/truth.json")).unwrap())
        .unwrap()
}

/// Each report line as the set of its member ids (kept first).
fn clusters(report: &[Value]) -> Vec<Vec<String>> {
    report
        .iter()
        .map(|line| {
            let mut ids = vec![line["kept"].as_str().unwrap().to_owned()];
            ids.extend(
                line["duplicates"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|d| d["id"].as_str().unwrap().to_owned()),
            );
            ids
        })
        .collect()
}

/// Runs `tamis dedup INPUT --report R ARGS` in `dir`; the report lines and the stats.
fn dedup(dir: &Path, input: &Path, args: &[&str]) -> (Vec<Value>, Value) {
    let report = dir.join("report.jsonl");
    let stats = dir.join("stats.json");
    tamis()
        .current_dir(MANIFEST)
        .arg("dedup")
        .arg(input)
        .arg("--report")
        .arg(&report)
        .arg("--stats")
        .arg(&stats)
        .arg("-q")
        .args(args)
        .assert()
        .success();
    (read_jsonl(&report), balanced_stats(&stats))
}

fn jsonl<I: AsRef<str>, T: AsRef<str>>(docs: &[(I, T)]) -> String {
    docs.iter()
        .map(|(id, text)| record(id.as_ref(), text.as_ref()))
        .collect()
}

const FRENCH: &str = "Le conseil municipal de Lyon a adopté mardi soir, après plus de trois heures \
de débats, le budget 2019 de la ville. L’opposition a dénoncé une hausse des dépenses de \
fonctionnement, tandis que la majorité a mis en avant les investissements prévus dans les écoles \
et les transports. Le maire a rappelé que la dette de la ville restait stable depuis cinq ans et \
que les taux d’imposition ne bougeraient pas cette année.";

const GERMAN: &str = "Der Stadtrat von Leipzig hat am Dienstagabend nach langer Debatte den \
Haushalt für das kommende Jahr beschlossen. Die Opposition kritisierte steigende Ausgaben für die \
Verwaltung, während die Mehrheit auf die geplanten Investitionen in Schulen und den Nahverkehr \
verwies. Die Schulden der Stadt seien seit fünf Jahren stabil, sagte der Oberbürgermeister.";

const CHINESE: &str = "北京市交通委员会今天发布消息，地铁十九号线一期工程将于本月底开通试运营。\
该线路全长约二十二公里，共设十座车站，连接新宫站和牡丹园站。开通后，从北京西站到金融街的通勤时间\
将缩短约十五分钟。市交通委表示，新线开通初期将采用较大的发车间隔，并根据客流情况逐步调整。";

#[test]
fn the_planted_duplicates_of_the_corpus_are_found_and_nothing_else_is_merged() {
    let truth = truth();
    let want: BTreeSet<BTreeSet<String>> = truth["duplicate_groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|group| {
            group["ids"]
                .as_array()
                .unwrap()
                .iter()
                .map(|id| id.as_str().unwrap().to_owned())
                .collect()
        })
        .collect();
    let dir = tempfile::tempdir().unwrap();
    // As read (tamis dedup) and after cleaning (tamis clean): the same groups.
    let (report, stats) = dedup(dir.path(), Path::new("corpus/"), &[]);
    let got: BTreeSet<BTreeSet<String>> = clusters(&report)
        .into_iter()
        .map(|c| c.into_iter().collect())
        .collect();
    assert_eq!(got, want);
    assert_eq!(stats["dropped"]["duplicate"], want.len());
    assert_eq!(stats["dedup"]["clusters"], want.len());

    let out = dir.path().join("cleaned.jsonl");
    let report_path = dir.path().join("clean-report.jsonl");
    let stats_path = dir.path().join("clean-stats.json");
    tamis()
        .current_dir(MANIFEST)
        .args(["clean", "corpus/", "-q", "-o"])
        .arg(&out)
        .arg("--report")
        .arg(&report_path)
        .arg("--stats")
        .arg(&stats_path)
        .assert()
        .success();
    let got: BTreeSet<BTreeSet<String>> = clusters(&read_jsonl(&report_path))
        .into_iter()
        .map(|c| c.into_iter().collect())
        .collect();
    assert_eq!(got, want);
    let stats = balanced_stats(&stats_path);
    assert_eq!(stats["dropped"]["duplicate"], want.len());
    assert_eq!(
        stats["documents_out"],
        truth["documents"].as_u64().unwrap() - 6
    );
    // The template pages share navigation and cookie lines, and stay apart.
    let kept: BTreeSet<String> = ids(&read_jsonl(&out)).into_iter().collect();
    for id in ["gdl-901", "gdl-902", "gdl-903"] {
        assert!(kept.contains(id), "{id} was dropped");
    }
}

#[test]
fn clean_keeps_the_dated_copy_with_keep_newest() {
    // wire-0002 (no date, read first) and news/fr/greve-tram-lyon (a `date 2018-11` header that
    // clean moves into the `date` field) are the same article.
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("report.jsonl");
    let out = dir.path().join("out.jsonl");
    for (keep, kept) in [
        ("first", "wire-0002"),
        ("newest", "news/fr/greve-tram-lyon"),
    ] {
        tamis()
            .current_dir(MANIFEST)
            .args(["clean", "corpus/", "-q", "--keep", keep, "--report"])
            .arg(&report)
            .arg("-o")
            .arg(&out)
            .assert()
            .success();
        let line = read_jsonl(&report)
            .into_iter()
            .find(|l| clusters(std::slice::from_ref(l))[0].contains(&"wire-0002".to_owned()))
            .unwrap();
        assert_eq!(line["kept"], kept, "--keep {keep}");
        assert!(ids(&read_jsonl(&out)).contains(&kept.to_owned()));
    }
}

#[test]
fn a_chinese_pair_differing_by_a_few_characters_is_found() {
    let dir = tempfile::tempdir().unwrap();
    let edited = CHINESE
        .replace("十九号线", "十七号线")
        .replace("十五分钟", "二十分钟");
    let other = "上海市气象台今天上午发布暴雨蓝色预警，预计未来六小时内本市大部分地区将出现\
短时强降水，并伴有雷电和七级左右的阵风。市防汛指挥部提醒市民减少外出，注意防范积水和交通延误。";
    let input = write(
        dir.path(),
        "zh.jsonl",
        jsonl(&[("zh-1", CHINESE), ("zh-2", &edited), ("zh-3", other)]),
    );
    let (report, _) = dedup(dir.path(), &input, &[]);
    assert_eq!(clusters(&report), [["zh-1", "zh-2"]]);
    let similarity = report[0]["duplicates"][0]["similarity"].as_f64().unwrap();
    assert!((0.8..1.0).contains(&similarity), "{similarity}");
    // Word shingles fall back to characters for Chinese, and find the pair too.
    let (report, _) = dedup(dir.path(), &input, &["--shingle", "word", "--ngram", "5"]);
    assert_eq!(clusters(&report), [["zh-1", "zh-2"]]);
}

#[test]
fn a_pair_differing_only_by_unicode_form_spaces_and_quotes_is_an_exact_duplicate() {
    use unicode_normalization::UnicodeNormalization;
    let dir = tempfile::tempdir().unwrap();
    let variant: String = FRENCH
        .nfd()
        .collect::<String>()
        .replace('’', "'")
        .replace(" de ", " de\u{a0}")
        .replace("2019", "2019\u{200b}");
    assert_ne!(variant, FRENCH);
    let input = write(
        dir.path(),
        "fr.jsonl",
        jsonl(&[
            ("fr-1", FRENCH),
            ("de-1", GERMAN),
            ("fr-1-variant", &variant),
        ]),
    );
    let (report, stats) = dedup(dir.path(), &input, &[]);
    assert_eq!(clusters(&report), [["fr-1", "fr-1-variant"]]);
    assert_eq!(report[0]["duplicates"][0]["similarity"], 1.0);
    assert_eq!(stats["dedup"]["exact_duplicates"], 1);
}

/// Pages of one site: the same long header and footer around different articles.
fn template_pages() -> Vec<(String, String)> {
    let header = "Accueil | Actualités | Sport | Culture | Économie | Météo | Contact\n\
Le Journal du Lac — toute l’information de la région, chaque jour depuis 1952\n\
Ce site utilise des cookies pour mesurer l’audience et proposer des contenus adaptés. \
En poursuivant votre navigation, vous acceptez leur utilisation.\n\
Abonnez-vous à notre lettre d’information quotidienne et recevez les titres du jour.\n";
    let footer = "\nMentions légales | Politique de confidentialité | Plan du site | Publicité\n\
© Le Journal du Lac 2019, tous droits réservés.";
    let bodies = [
        "La fête du village a réuni plus de deux mille visiteurs samedi au bord du lac.",
        "Le nouveau pont sur la rivière ouvrira à la circulation au début du mois de juin.",
        "Les pêcheurs s’inquiètent de la baisse du niveau de l’eau après un hiver très sec.",
    ];
    bodies
        .iter()
        .enumerate()
        .map(|(i, body)| (format!("jdl-{i}"), format!("{header}{body}{footer}")))
        .collect()
}

#[test]
fn template_pages_sharing_a_long_header_are_not_merged() {
    let dir = tempfile::tempdir().unwrap();
    let pages = template_pages();
    let input = write(dir.path(), "pages.jsonl", jsonl(&pages));
    let (report, stats) = dedup(dir.path(), &input, &[]);
    assert!(report.is_empty(), "{report:?}");
    assert_eq!(stats["documents_out"], 3);
    // They do become candidates (the header fills most of each page), and are rejected by the
    // verification; under a low threshold the template check still splits them (each holds its
    // own article at one place), and without it they merge.
    assert!(
        stats["dedup"]["rejected_pairs"].as_u64().unwrap() >= 1,
        "{stats}"
    );
    let (report, stats) = dedup(dir.path(), &input, &["--threshold", "0.5"]);
    assert!(report.is_empty(), "{report:?}");
    assert!(stats["dedup"]["replaced_passage_pairs"].as_u64().unwrap() >= 1);
    let (report, _) = dedup(
        dir.path(),
        &input,
        &["--threshold", "0.5", "--replaced-passage", "0"],
    );
    assert_eq!(report.len(), 1);
}

/// Weather bulletins of one template: a long frame, and one paragraph that differs.
fn bulletins() -> Vec<(String, String)> {
    let frame_start = "Bulletin météorologique de la préfecture du Var, publié chaque matin à six \
heures pour les communes du littoral, du massif des Maures et de l’arrière-pays varois.\n\n\
Prévisions établies par le centre départemental à partir des relevés de la nuit, des \
images satellitaires et des observations transmises par les sémaphores de la Marine nationale, \
les stations de ski du haut pays et les bénévoles du réseau de mesure des pluies.\n\n";
    let frame_end = "\n\nCe bulletin est fourni à titre indicatif : consultez les vigilances \
officielles avant toute sortie en mer ou en montagne, et signalez les routes coupées à votre \
mairie. Les horaires des marées, les températures de la mer et les niveaux des rivières sont \
affichés chaque jour en mairie et dans les capitaineries. Prochain bulletin demain à six heures.";
    let bodies = [
        (
            "juin",
            "Grand soleil sur toute la côte, vent faible et mer calme jusqu’au soir.",
        ),
        (
            "decembre",
            "Neige sur les hauteurs, verglas sur les routes avant l’aube.",
        ),
        // A copy of June's with two typos: a duplicate.
        (
            "juin-typos",
            "Grand soleill sur toute la côte, vent faibel et mer calme jusqu’au soir.",
        ),
    ];
    bodies
        .iter()
        .map(|(id, body)| (id.to_string(), format!("{frame_start}{body}{frame_end}")))
        .collect()
}

#[test]
fn template_pages_above_the_threshold_are_split_by_their_replaced_passage() {
    let dir = tempfile::tempdir().unwrap();
    let pages = bulletins();
    let input = write(dir.path(), "bulletins.jsonl", jsonl(&pages));
    let (report, stats) = dedup(dir.path(), &input, &[]);
    // June and its typo'd copy merge; December, as similar by its shingles, does not.
    assert_eq!(
        clusters(&report),
        vec![vec!["juin", "juin-typos"]],
        "{stats}"
    );
    assert!(
        stats["dedup"]["replaced_passage_pairs"].as_u64().unwrap() >= 1,
        "{stats}"
    );
    // The two bulletins are above the threshold: without the check they merge.
    let (report, stats) = dedup(dir.path(), &input, &["--replaced-passage", "0"]);
    assert_eq!(clusters(&report).len(), 1);
    assert_eq!(clusters(&report)[0].len(), 3, "{stats}");
    assert_eq!(stats["dedup"]["replaced_passage_pairs"], 0);
}

#[test]
fn every_candidate_pair_is_counted_once_and_linked_pairs_skip_the_check() {
    let dir = tempfile::tempdir().unwrap();
    // Four versions of one article (each pair near-duplicates: a clique whose last pairs are
    // already linked by the first ones), and the bulletins (one pair split by the template
    // check).
    let article = "Le conseil municipal de Lyon a voté mardi soir le budget de la commune après \
                   un long débat sur les écoles, la voirie et les transports en commun. Les élus \
                   de l’opposition ont dénoncé une hausse des impôts locaux, que le maire a \
                   défendue comme le prix des travaux engagés dans les quartiers nord.";
    let mut docs: Vec<(String, String)> = vec![
        ("v0".into(), article.into()),
        ("v1".into(), article.replace("mardi soir", "mardi")),
        ("v2".into(), article.replace("long débat", "débat animé")),
        ("v3".into(), format!("{article} Mise à jour.")),
    ];
    docs.extend(bulletins());
    let input = write(dir.path(), "mixed.jsonl", jsonl(&docs));
    let (report, stats) = dedup(dir.path(), &input, &[]);
    assert_eq!(
        clusters(&report),
        vec![vec!["v0", "v1", "v2", "v3"], vec!["juin", "juin-typos"]],
        "{stats}"
    );
    let count = |name: &str| stats["dedup"][name].as_u64().unwrap();
    assert!(count("linked_pairs") >= 1, "{stats}");
    assert!(count("replaced_passage_pairs") >= 1, "{stats}");
    assert_eq!(
        count("verified_pairs")
            + count("linked_pairs")
            + count("rejected_pairs")
            + count("replaced_passage_pairs"),
        count("candidate_pairs"),
        "{stats}"
    );
}

#[test]
fn documents_differing_only_in_numbers_are_duplicates_unless_numbers_are_kept() {
    let dir = tempfile::tempdir().unwrap();
    let draw = |date: &str, numbers: &str| {
        format!(
            "Résultats du tirage du Loto du {date}. Les numéros gagnants sont {numbers}. \
             Aucun joueur n’a trouvé la bonne combinaison : le jackpot de 2 millions d’euros \
             est remis en jeu lors du prochain tirage, samedi à 20 h 15."
        )
    };
    let monday = draw("lundi 3 juin 2019", "7, 12, 19, 33 et 41, numéro chance 4");
    let wednesday = draw(
        "mercredi 5 juin 2019",
        "2, 15, 28, 36 et 48, numéro chance 9",
    );
    let input = write(
        dir.path(),
        "loto.jsonl",
        jsonl(&[("lundi", &monday), ("mercredi", &wednesday)]),
    );
    let (report, stats) = dedup(dir.path(), &input, &[]);
    assert_eq!(clusters(&report), vec![vec!["lundi", "mercredi"]]);
    assert_eq!(stats["dedup"]["numbers"], "fold");
    let (report, stats) = dedup(dir.path(), &input, &["--numbers", "keep"]);
    assert!(report.is_empty(), "{report:?}");
    assert_eq!(stats["dedup"]["numbers"], "keep");
}

/// Pseudo-text of `words` words, the same for the same seed: syllables of several scripts.
fn pseudo_text(seed: u64, words: usize) -> String {
    const SYLLABLES: [&str; 20] = [
        "ka", "lo", "mé", "ra", "tu", "sen", "vi", "dar", "po", "lis", "ще", "ни", "да", "ко",
        "北", "京", "ban", "tor", "øl", "ü",
    ];
    let mut x = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
    let mut next = move || {
        x = x
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (x >> 33) as usize
    };
    (0..words)
        .map(|_| {
            (0..2 + next() % 3)
                .map(|_| SYLLABLES[next() % SYLLABLES.len()])
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// `n` documents: families of five near-duplicates (a copy, a typo, an added line, another
/// case) and unique documents, interleaved.
fn generated(n: usize) -> String {
    let mut out = String::new();
    for i in 0..n {
        let family = pseudo_text(i as u64 / 10, 80);
        let text = match i % 10 {
            0 | 5 => family,
            1 => family.replacen('a', "e", 1),
            2 => format!("{family}\nSource : agence régionale."),
            3 => family.to_uppercase(),
            _ => pseudo_text(1_000_000 + i as u64, 80),
        };
        out.push_str(&record(&format!("g{i:05}"), &text));
    }
    out
}

#[test]
fn reports_and_outputs_are_identical_whatever_the_thread_count() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(dir.path(), "generated.jsonl", generated(3000));
    let mut runs = Vec::new();
    for threads in ["1", "4"] {
        let report = dir.path().join(format!("report-{threads}.jsonl"));
        let out = dir.path().join(format!("kept-{threads}.jsonl"));
        let annotated = dir.path().join(format!("annotated-{threads}.jsonl"));
        for (output, extra) in [(&out, None), (&annotated, Some("--annotate"))] {
            tamis()
                .arg("dedup")
                .arg(&input)
                .args(["-q", "--threads", threads, "--report"])
                .arg(&report)
                .arg("-o")
                .arg(output)
                .args(extra)
                .assert()
                .success();
        }
        runs.push((
            std::fs::read(&report).unwrap(),
            std::fs::read(&out).unwrap(),
            std::fs::read(&annotated).unwrap(),
        ));
    }
    assert_eq!(runs[0], runs[1]);
    let report = parse_jsonl(&runs[0].0);
    assert_eq!(report.len(), 300, "one cluster per family");
    assert!(report.iter().all(|l| l["size"] == 5), "{:?}", report[0]);
    // Every document is either kept or named once as a duplicate.
    let kept = parse_jsonl(&runs[0].1);
    let duplicates: usize = report
        .iter()
        .map(|l| l["duplicates"].as_array().unwrap().len())
        .sum();
    assert_eq!(kept.len() + duplicates, 3000);
}

#[test]
fn keep_policies_choose_the_first_the_longest_or_the_newest() {
    let dir = tempfile::tempdir().unwrap();
    let lines = [
        json!({"id": "a", "date": "2018-06", "text": FRENCH}),
        json!({"id": "b", "date": "2019-01-15", "text": format!("{FRENCH} Mise à jour à 18 h.")}),
        json!({"id": "c", "date": "2018-11-30T23:00:00Z", "text": FRENCH.replacen("mardi", "Mardi", 1)}),
        json!({"id": "d", "text": GERMAN}),
    ];
    let text: String = lines.iter().map(|l| format!("{l}\n")).collect();
    let input = write(dir.path(), "dated.jsonl", text);
    for (keep, kept) in [("first", "a"), ("longest", "b"), ("newest", "b")] {
        let (report, _) = dedup(dir.path(), &input, &["--keep", keep]);
        assert_eq!(report.len(), 1, "{keep}");
        assert_eq!(report[0]["kept"], kept, "{keep}");
        assert_eq!(report[0]["size"], 3);
        assert_eq!(report[0]["cluster"], 0, "the position of the first member");
    }
    // Ties go to the document read first: a and c have the same length... and c has the
    // same text as a once folded, so it is an exact duplicate of a.
    let (report, stats) = dedup(dir.path(), &input, &["--keep", "first"]);
    let similarities: BTreeMap<&str, f64> = report[0]["duplicates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["id"].as_str().unwrap(), d["similarity"].as_f64().unwrap()))
        .collect();
    assert_eq!(similarities["c"], 1.0);
    assert!(similarities["b"] < 1.0 && similarities["b"] >= 0.8);
    assert_eq!(stats["dedup"]["exact_duplicates"], 1);
    assert_eq!(stats["dedup"]["near_duplicates"], 1);
}

#[test]
fn annotate_keeps_every_document_with_its_cluster() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(
        dir.path(),
        "docs.jsonl",
        [
            json!({"id": "fr-1", "url": "https://example.fr/1", "text": FRENCH}),
            json!({"id": "de-1", "text": GERMAN}),
            json!({"id": "fr-2", "url": "https://example.fr/2", "text": FRENCH.to_uppercase()}),
        ]
        .iter()
        .map(|l| format!("{l}\n"))
        .collect::<String>(),
    );
    let out = dir.path().join("annotated.jsonl");
    let stats = dir.path().join("stats.json");
    tamis()
        .args(["dedup", "--annotate", "-q", "-o"])
        .arg(&out)
        .arg("--stats")
        .arg(&stats)
        .arg(&input)
        .assert()
        .success();
    let records = read_jsonl(&out);
    assert_eq!(ids(&records), ["fr-1", "de-1", "fr-2"]);
    assert_eq!(
        keys(&records[2]),
        ["id", "text", "url", "dup_cluster", "dup_size", "dup_kept"]
    );
    assert_eq!(records[2]["text"], FRENCH.to_uppercase(), "text untouched");
    assert_eq!(
        (
            &records[0]["dup_cluster"],
            &records[0]["dup_size"],
            &records[0]["dup_kept"]
        ),
        (&json!(0), &json!(2), &json!("fr-1"))
    );
    assert_eq!(records[2]["dup_cluster"], 0);
    assert_eq!(records[2]["dup_kept"], "fr-1");
    assert_eq!(
        (
            &records[1]["dup_cluster"],
            &records[1]["dup_size"],
            &records[1]["dup_kept"]
        ),
        (&json!(1), &json!(1), &json!("de-1"))
    );
    let stats = balanced_stats(&stats);
    assert_eq!(stats["documents_out"], 3);
    assert_eq!(stats["dedup"]["duplicates"], 1);
}

#[test]
fn against_an_earlier_index_drops_new_copies_and_keeps_old_documents_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let first = write(
        dir.path(),
        "batch-1.jsonl",
        jsonl(&[("old-fr", FRENCH), ("old-de", GERMAN)]),
    );
    let index = dir.path().join("seen.idx.zst");
    let (report, _) = dedup(
        dir.path(),
        &first,
        &["--save-index", index.to_str().unwrap()],
    );
    assert!(report.is_empty());
    let edited = FRENCH.replace("trois heures", "quatre heures");
    let second = write(
        dir.path(),
        "batch-2.jsonl",
        jsonl(&[
            ("new-zh", CHINESE),
            ("new-fr", &edited),
            ("new-fr-copy", &edited),
        ]),
    );
    let kept = dir.path().join("kept.jsonl");
    let updated = dir.path().join("seen-2.idx.gz");
    let (report, stats) = dedup(
        dir.path(),
        &second,
        &[
            "--against",
            index.to_str().unwrap(),
            "--save-index",
            updated.to_str().unwrap(),
            "-o",
            kept.to_str().unwrap(),
        ],
    );
    assert_eq!(ids(&read_jsonl(&kept)), ["new-zh"]);
    assert_eq!(report.len(), 1);
    assert_eq!(report[0]["kept"], "old-fr");
    assert_eq!(report[0]["kept_from_index"], true);
    assert_eq!(clusters(&report)[0], ["old-fr", "new-fr", "new-fr-copy"]);
    assert_eq!(report[0]["cluster"], 1, "position of new-fr in this batch");
    assert_eq!(stats["dedup"]["matched_earlier"], 2);
    assert_eq!(stats["dedup"]["earlier_documents"], 2);
    // The updated index (gzip, the first one zstd: both sniffed when read) holds the earlier
    // documents and the new kept one: a third batch with the Chinese text matches it.
    assert!(std::fs::read(&updated).unwrap().starts_with(&[0x1f, 0x8b]));
    let third = write(dir.path(), "batch-3.jsonl", jsonl(&[("again-zh", CHINESE)]));
    let (report, _) = dedup(
        dir.path(),
        &third,
        &["--against", updated.to_str().unwrap()],
    );
    assert_eq!(clusters(&report), [["new-zh", "again-zh"]]);
}

#[test]
fn an_index_from_other_settings_or_another_file_is_refused_with_the_reason() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(dir.path(), "in.jsonl", jsonl(&[("fr", FRENCH)]));
    let index = dir.path().join("seen.idx");
    dedup(
        dir.path(),
        &input,
        &["--save-index", index.to_str().unwrap()],
    );
    tamis()
        .args([
            "dedup",
            "-q",
            "--report",
            "-",
            "--num-perm",
            "64",
            "--against",
        ])
        .arg(&index)
        .arg(&input)
        .assert()
        .code(1)
        .stderr(predicates::str::contains("--num-perm 128"))
        .stderr(predicates::str::contains("--num-perm 64"));
    tamis()
        .args(["dedup", "-q", "--report", "-", "--against"])
        .arg(&input)
        .arg(&input)
        .assert()
        .code(1)
        .stderr(predicates::str::contains("not a tamis index"));
}

#[test]
fn usage_errors_say_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(dir.path(), "in.jsonl", jsonl(&[("fr", FRENCH)]));
    let cases: [(&[&str], &str); 6] = [
        (&["dedup"], "nothing to write"),
        (
            &["dedup", "--annotate", "--report", "r.jsonl"],
            "--annotate",
        ),
        (
            &["dedup", "--report", "r.jsonl", "--threshold", "1.5"],
            "--threshold 1.5",
        ),
        (
            &["dedup", "--report", "r.jsonl", "--num-perm", "4"],
            "--num-perm 4",
        ),
        (
            &[
                "clean",
                "-o",
                "out.jsonl",
                "--no-dedup",
                "--report",
                "r.jsonl",
            ],
            "'--no-dedup' cannot be used with '--report",
        ),
        (
            &["dedup", "-o", "out", "--output-format", "txt", "--annotate"],
            "JSONL output",
        ),
    ];
    for (args, message) in cases {
        tamis()
            .current_dir(dir.path())
            .args(args)
            .arg(&input)
            .assert()
            .code(2)
            .stderr(predicates::str::contains(message));
    }
    // The report may not overwrite the input or the output.
    tamis()
        .current_dir(dir.path())
        .args(["dedup", "--report"])
        .arg(&input)
        .arg(&input)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("it is also an input"));
    tamis()
        .current_dir(dir.path())
        .args(["dedup", "--report", "same.jsonl", "-o", "same.jsonl"])
        .arg(&input)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("both name"));
    assert!(!dir.path().join("out.jsonl").exists());
}

#[test]
fn verbose_prints_the_banding_and_the_stats_hold_it() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(
        dir.path(),
        "in.jsonl",
        jsonl(&[("fr", FRENCH), ("de", GERMAN)]),
    );
    tamis()
        .args(["dedup", "--report", "-", "-v"])
        .arg(&input)
        .assert()
        .success()
        .stderr(predicates::str::contains("16 bands × 8 rows"))
        .stderr(predicates::str::contains("J=0.8: 0.947"));
    let (_, stats) = dedup(dir.path(), &input, &["--threshold", "0.9"]);
    let dedup = &stats["dedup"];
    assert_eq!(dedup["threshold"], 0.9);
    let catch = dedup["catch_probability"]["0.9"].as_f64().unwrap();
    assert!(catch >= 0.9, "{catch}");
    let bands = dedup["bands"].as_u64().unwrap();
    let rows = dedup["rows"].as_u64().unwrap();
    assert!(bands * rows <= 128 && rows > 8, "{bands} × {rows}");
    assert!(dedup["bytes_per_document"].as_u64().unwrap() < 300);
}

#[test]
fn dedup_reads_stdin_and_writes_the_kept_records_byte_for_byte() {
    // Numeric ids, the text field last, escapes: the kept records come out as they went in.
    let input = format!(
        "{}\n{}\n{}\n",
        r#"{"url": "https://example.fr/a", "id": 17, "text": "  Texte   brut,\tnon nettoy\u00e9 : \u00ab tel quel \u00bb.  "}"#,
        json!({"id": "b", "text": GERMAN}),
        r#"{"id": 18, "text": "texte brut non nettoye tel quel"}"#,
    );
    let assert = tamis()
        .args(["dedup", "-", "-o", "-", "-q"])
        .write_stdin(input.clone())
        .assert()
        .success();
    let out = String::from_utf8(assert.get_output().stdout.clone()).unwrap();
    let expected: String = input.lines().take(2).map(|l| format!("{l}\n")).collect();
    assert_eq!(out, expected);
}
