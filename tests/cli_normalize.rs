//! `tamis normalize` (stdin → stdout) and the repair and typography flags of `tamis clean`.

mod common;

use common::*;
use predicates::prelude::*;

fn normalize(args: &[&str], stdin: &str) -> String {
    let assert = tamis()
        .arg("normalize")
        .args(args)
        .write_stdin(stdin.to_owned())
        .assert()
        .success();
    String::from_utf8(assert.get_output().stdout.clone()).unwrap()
}

#[test]
fn french_hint_gives_french_typography() {
    assert_eq!(
        normalize(&["--lang", "fr"], "Il a dit «Quelqu'un ici» : non!\n"),
        "Il a dit «\u{a0}Quelqu’un ici\u{a0}»\u{a0}: non\u{202f}!\n"
    );
    assert_eq!(
        normalize(&["--lang", "de"], "\"Ja\", sagte er\n"),
        "„Ja“, sagte er\n"
    );
}

#[test]
fn without_a_hint_the_language_is_detected() {
    let french = "Les agriculteurs dénoncent des marges \"injustes\" captées par la grande distribution, dit-il : c'est grave!";
    assert_eq!(
        normalize(&[], french),
        "Les agriculteurs dénoncent des marges «\u{a0}injustes\u{a0}» captées par la grande distribution, dit-il\u{a0}: c’est grave\u{202f}!\n"
    );
}

#[test]
fn policies_and_repair_steps_can_be_chosen() {
    let text = "Il a dit «\u{a0}cafÃ©\u{a0}» &amp; l’État…";
    assert_eq!(
        normalize(&["--lang", "fr", "--typography", "plain"], text),
        "Il a dit \"café\" & l'État...\n"
    );
    assert_eq!(
        normalize(&["--lang", "fr", "--typography", "keep"], text),
        "Il a dit «\u{a0}café\u{a0}» & l’État…\n"
    );
    assert_eq!(
        normalize(
            &[
                "--lang",
                "fr",
                "--typography",
                "keep",
                "--no-repair",
                "mojibake,html_entities"
            ],
            text
        ),
        "Il a dit «\u{a0}cafÃ©\u{a0}» &amp; l’État…\n"
    );
}

#[test]
fn bad_flags_and_bad_bytes() {
    tamis()
        .args(["normalize", "--no-repair", "spelling"])
        .write_stdin("x")
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("unknown repair step \"spelling\"")
                .and(predicate::str::contains("mojibake")),
        );
    tamis()
        .args(["normalize", "--lang", "elvish"])
        .write_stdin("x")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown language \"elvish\""));
    tamis()
        .args(["normalize", "--lang", "fr"])
        .write_stdin(&b"caf\xe9 cr\xe8me\n"[..])
        .assert()
        .success()
        .stdout("caf\u{fffd} cr\u{fffd}me\n")
        .stderr(predicate::str::contains("-: invalid UTF-8 at byte 3"));
}

#[test]
fn clean_applies_repair_and_the_typography_of_each_documents_language() {
    let dir = tempfile::tempdir().unwrap();
    let stats = dir.path().join("stats.json");
    let jsonl = record(
        "fr",
        "Le conseil régional a adopté \"sans débat\" un budget de 1,9 milliard d'euros, dit-il : c'est voté!",
    ) + &record(
        "de",
        "\"Wir sind besser vorbereitet als 2002\", sagte der Oberbürgermeister am Abend in Dresden.",
    ) + &record(
        "mojibake",
        "Le musÃ©e des Beaux-Arts rouvrira ses portes dÃ¨s le mois prochain, aprÃ¨s les travaux.",
    );
    let assert = tamis()
        .args(["clean", "--min-words", "0", "-", "-o", "-", "-q", "--stats"])
        .arg(&stats)
        .write_stdin(jsonl.clone())
        .assert()
        .success();
    let records = parse_jsonl(&assert.get_output().stdout);
    assert_eq!(
        records[0]["text"],
        "Le conseil régional a adopté «\u{a0}sans débat\u{a0}» un budget de 1,9 milliard d’euros, dit-il\u{a0}: c’est voté\u{202f}!"
    );
    assert_eq!(
        records[1]["text"],
        "„Wir sind besser vorbereitet als 2002“, sagte der Oberbürgermeister am Abend in Dresden."
    );
    assert_eq!(
        records[2]["text"],
        "Le musée des Beaux-Arts rouvrira ses portes dès le mois prochain, après les travaux."
    );
    let stats = balanced_stats(&stats);
    assert_eq!(stats["stages"]["normalize"]["mojibake"], 1);
    assert_eq!(stats["stages"]["typography"]["changed"], 2);

    let records = clean_stdin(&["--typography", "plain"], jsonl);
    assert!(
        records[0]["text"]
            .as_str()
            .unwrap()
            .contains("\"sans débat\"")
    );
    assert!(records[0]["text"].as_str().unwrap().contains("d'euros"));
}

#[test]
fn explain_says_which_mojibake_was_repaired_and_clean_counts_code_pages() {
    let out = tamis()
        .args(["normalize", "--explain", "--typography", "keep"])
        .write_stdin("РџСЂРёРІРµС‚ from the cafÃ©")
        .assert()
        .success();
    let output = out.get_output();
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        "Привет from the café\n"
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(r#"mojibake windows-1251: "РџСЂРёРІРµС‚" → "Привет""#),
        "{stderr}"
    );
    assert!(
        stderr.contains(r#"mojibake windows-1252: "Ã©" → "é""#),
        "{stderr}"
    );

    let dir = tempfile::tempdir().unwrap();
    let stats = dir.path().join("stats.json");
    tamis()
        .args(["clean", "-", "-o", "-", "-q", "--min-words", "0", "--stats"])
        .arg(&stats)
        .write_stdin("{\"id\":\"ru\",\"text\":\"РџСЂРµР·РёРґРµРЅС‚ РІСЃС‚СЂРµС‚РёР»СЃСЏ СЃ РјРёРЅРёСЃС‚СЂР°РјРё.\"}\n")
        .assert()
        .success();
    let stats: serde_json::Value = serde_json::from_slice(&std::fs::read(&stats).unwrap()).unwrap();
    assert_eq!(stats["stages"]["mojibake"]["windows-1251"], 1);
}
