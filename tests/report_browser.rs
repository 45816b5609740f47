//! The report page in a real browser (headless Chromium): it renders without console errors,
//! its paging script runs, the diff marks the changed words, and a screenshot at a fixed size
//! shows a page. Skipped, saying so, where no Chromium is installed (`.ci/run` installs
//! Debian's `chromium`; `TAMIS_CHROMIUM` names another binary).

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::*;

/// The Chromium binary, if one is installed.
fn chromium() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("TAMIS_CHROMIUM") {
        return Some(PathBuf::from(path));
    }
    let names = [
        "chromium",
        "chromium-browser",
        "google-chrome",
        "google-chrome-stable",
    ];
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|dir| names.iter().map(move |name| dir.join(name)))
        .find(|candidate| candidate.is_file())
}

/// Runs headless Chromium on `page` with `args`, in a fresh profile, with no network chatter.
fn headless(browser: &Path, page: &Path, args: &[&str]) -> Output {
    let profile = tempfile::tempdir().unwrap();
    let output = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-quic",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--hide-scrollbars",
            "--enable-logging=stderr",
            "--v=0",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(args)
        .arg(format!("file://{}", page.display()))
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    output
}

/// JavaScript errors the browser logged.
fn console_errors(output: &Output) -> Vec<String> {
    String::from_utf8_lossy(&output.stderr)
        .lines()
        .filter(|line| {
            line.contains("CONSOLE") && (line.contains("Uncaught") || line.contains("Error"))
        })
        .map(str::to_owned)
        .collect()
}

/// 15 stories in three languages, each followed by a copy with one word changed.
fn planted_corpus(dir: &Path) -> PathBuf {
    let stories = [
        (
            "Le conseil municipal de Nantes a voté mardi soir le budget des écoles, après trois heures de débat animé entre la majorité et l'opposition.",
            "voté",
            "adopté",
        ),
        (
            "À Lyon, les conducteurs de tramway ont lancé une grève reconductible pour protester contre les nouveaux horaires imposés par la direction du réseau.",
            "lancé",
            "entamé",
        ),
        (
            "Les vendanges ont commencé lundi dans le Médoc avec deux semaines d'avance, sous un soleil qui réjouit les viticulteurs de la région bordelaise.",
            "commencé",
            "débuté",
        ),
        (
            "Une exposition consacrée aux peintres impressionnistes normands ouvre ses portes samedi au musée des beaux-arts de Rouen jusqu'à la fin janvier.",
            "ouvre",
            "ouvrira",
        ),
        (
            "La préfecture du Finistère a placé tout le département en vigilance orange aux vents violents, avec des rafales attendues jusqu'à cent kilomètres par heure.",
            "placé",
            "mis",
        ),
        (
            "The harbour authority approved the new container terminal on Tuesday after a long public inquiry into noise, traffic and the cost to local residents.",
            "after",
            "following",
        ),
        (
            "Heavy rain flooded dozens of homes in the valley overnight, and emergency crews spent the morning pumping water out of cellars along the river.",
            "flooded",
            "swamped",
        ),
        (
            "The county library will close two branches next spring unless volunteers come forward to run them, the council announced in a statement.",
            "close",
            "shut",
        ),
        (
            "A local bakery won the national award for the best sourdough loaf this year, beating more than three hundred entries from across the country.",
            "won",
            "took",
        ),
        (
            "Commuters faced long delays on Monday when a signal failure near the central station stopped all trains heading north for most of the day.",
            "faced",
            "suffered",
        ),
        (
            "Die Stadtverwaltung hat am Montag beschlossen, die alte Brücke über den Fluss im kommenden Frühjahr abzureißen und durch einen Neubau zu ersetzen.",
            "Montag",
            "Dienstag",
        ),
        (
            "Im Schwarzwald haben Wanderer einen seltenen Luchs fotografiert, der sich nach Angaben der Förster seit dem Sommer in den Wäldern aufhält.",
            "fotografiert",
            "gefilmt",
        ),
        (
            "Die Mieten in der Innenstadt sind im vergangenen Jahr deutlich gestiegen, vor allem für kleine Wohnungen in der Nähe der Universität.",
            "gestiegen",
            "geklettert",
        ),
        (
            "Der Fußballverein der Stadt feiert sein hundertjähriges Bestehen mit einem Turnier, zu dem Mannschaften aus ganz Europa eingeladen sind.",
            "feiert",
            "begeht",
        ),
        (
            "Nach dem Sturm der vergangenen Nacht bleiben mehrere Landstraßen im Norden des Kreises gesperrt, weil umgestürzte Bäume die Fahrbahn blockieren.",
            "bleiben",
            "sind",
        ),
    ];
    let mut lines = String::new();
    for (i, (story, word, replacement)) in stories.iter().enumerate() {
        let copy = story.replacen(word, replacement, 1);
        for (id, text) in [
            (format!("story-{i:02}"), story.to_string()),
            (format!("copy-{i:02}"), copy),
        ] {
            lines.push_str(&serde_json::json!({"id": id, "text": text}).to_string());
            lines.push('\n');
        }
    }
    write(dir, "planted.jsonl", lines)
}

#[test]
fn the_page_renders_pages_its_clusters_and_marks_the_changed_words() {
    let Some(browser) = chromium() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("report.html");
    tamis()
        .args(["dedup", "-q", "--html"])
        .arg(&page)
        .arg(planted_corpus(dir.path()))
        .assert()
        .success();
    let output = headless(&browser, &page, &["--dump-dom"]);
    assert_eq!(console_errors(&output), Vec::<String>::new());
    let dom = String::from_utf8_lossy(&output.stdout);
    // The script ran: 15 clusters, 10 per page, the second page hidden.
    assert!(dom.contains("data-pages=\"2\""), "{dom}");
    assert!(dom.contains("data-page=\"1\""));
    assert_eq!(dom.matches("<details class=\"cluster\"").count(), 15);
    assert_eq!(dom.matches("hidden=\"\"").count(), 5);
    assert!(dom.contains("page 1 of 2"));
    // The copies' changed words, marked.
    assert!(dom.contains("<del>voté</del><ins>adopté</ins>"));
    assert!(dom.contains("<del>after</del><ins>following</ins>"));
    assert!(dom.contains("<del>Montag</del><ins>Dienstag</ins>"));
    // Going to the second page shows the last five clusters (the script's own buttons).
    assert!(dom.contains("next →"));
}

#[test]
fn the_corpus_page_matches_its_stats_and_screenshots_at_a_fixed_size() {
    let Some(browser) = chromium() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("report.html");
    tamis()
        .args(["clean", "-q", "-o"])
        .arg(dir.path().join("out.jsonl"))
        .arg("--html")
        .arg(&page)
        .arg("--stats")
        .arg(dir.path().join("stats.json"))
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus"))
        .assert()
        .success();
    // The rendered page says what the stats say.
    let stats: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("stats.json")).unwrap()).unwrap();
    let dom =
        String::from_utf8_lossy(&headless(&browser, &page, &["--dump-dom"]).stdout).into_owned();
    for (value, label) in [
        (&stats["documents_in"], "read"),
        (&stats["documents_out"], "written"),
        (&stats["dedup"]["clusters"], "clusters"),
        (&stats["dedup"]["duplicates"], "duplicates"),
    ] {
        assert!(
            dom.contains(&format!("<b>{value}</b>{label}")),
            "{label}: {value}"
        );
    }
    for (lang, count) in stats["languages"].as_object().unwrap() {
        assert!(
            dom.contains(&format!("<td>{lang}</td><td class=\"n\">{count}</td>")),
            "{lang}"
        );
    }
    assert!(dom.contains("data-pages=\"1\""), "the script ran");
    let shot = dir.path().join("shot.png");
    let output = headless(
        &browser,
        &page,
        &[
            "--window-size=1280,900",
            &format!("--screenshot={}", shot.display()),
        ],
    );
    assert_eq!(console_errors(&output), Vec::<String>::new());
    let png = std::fs::read(&shot).unwrap();
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    let width = u32::from_be_bytes(png[16..20].try_into().unwrap());
    let height = u32::from_be_bytes(png[20..24].try_into().unwrap());
    assert_eq!((width, height), (1280, 900));
    // A blank page of that size compresses to a few kilobytes; this one has text, bars and
    // colours.
    assert!(
        png.len() > 40_000,
        "{} bytes: the page looks blank",
        png.len()
    );
}
