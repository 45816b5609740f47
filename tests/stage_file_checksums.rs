//! The files stages exchange (saved index, line table, signatures, edges, clusters) carry
//! checksums: a bit flipped anywhere is refused as damage, or, where the stage reading the file
//! does not need those bytes, changes nothing it writes. Never a silently different result.

mod common;

use std::path::{Path, PathBuf};

use common::{ok, tamis};

/// The bundled corpus's news shard, with near-duplicates.
fn news() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/news")
}

/// Runs `args` in `dir`: `Some(output bytes)` on success, `None` when refused with a message
/// naming damage (any other failure fails the test).
fn outcome(dir: &Path, args: &[&str], output: &str) -> Option<Vec<u8>> {
    let _ = std::fs::remove_file(dir.join(output));
    let run = tamis().current_dir(dir).args(args).output().unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr);
    if run.status.success() {
        return Some(std::fs::read(dir.join(output)).unwrap());
    }
    assert!(
        [
            "damaged",
            "checksum",
            "truncated",
            "not a",
            "not an",
            "other",
            "version",
            "settings"
        ]
        .iter()
        .any(|word| stderr.contains(word)),
        "{args:?}: {stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
    None
}

/// Flips one bit at positions spread over `file` (every byte of a small file), runs `args`
/// (which read `damaged` in its place) each time, and checks the outcome: refused, or, when
/// `may_not_read_all`, the same output as with the file intact.
fn flips(dir: &Path, file: &str, args: &[&str], output: &str, may_not_read_all: bool) {
    let intact = std::fs::read(dir.join(file)).unwrap();
    let damaged = format!("damaged-{file}");
    let args: Vec<&str> = args
        .iter()
        .map(|&a| if a == file { damaged.as_str() } else { a })
        .collect();
    std::fs::write(dir.join(&damaged), &intact).unwrap();
    let expected = outcome(dir, &args, output).expect("the intact file is read");
    let step = (intact.len() / 150).max(1);
    let mut refused = 0;
    for at in (0..intact.len()).step_by(step).chain([intact.len() - 1]) {
        let mut bytes = intact.clone();
        bytes[at] ^= 1 << (at % 8);
        std::fs::write(dir.join(&damaged), &bytes).unwrap();
        match outcome(dir, &args, output) {
            None => refused += 1,
            Some(written) => {
                assert!(
                    may_not_read_all,
                    "{file}: a bit flipped at byte {at} of {} was accepted",
                    intact.len()
                );
                assert!(
                    written == expected,
                    "{file}: a bit flipped at byte {at} changed the output"
                );
            }
        }
    }
    assert!(refused > 0, "{file}: no damage was refused");
}

#[test]
fn a_flipped_bit_in_any_stage_file_is_refused_or_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let shard = news();
    let shard = shard.to_str().unwrap();
    ok(d, &["lines", "count", "-q", shard, "-o", "1.lines"]);
    ok(
        d,
        &[
            "dedup",
            "-q",
            shard,
            "--report",
            "r.jsonl",
            "--save-index",
            "seen.idx",
        ],
    );
    ok(d, &["dedup", "sign", "-q", shard, "-o", "1.sigs"]);
    ok(d, &["dedup", "pairs", "-q", "1.sigs", "-o", "1.edges"]);
    ok(
        d,
        &["dedup", "cluster", "-q", "1.edges", "-o", "all.clusters"],
    );

    // Files read whole: every flip is refused.
    let merge = ["lines", "merge", "1.lines", "-o", "m.lines"];
    flips(d, "1.lines", &merge, "m.lines", false);
    let against = [
        "dedup",
        "-q",
        shard,
        "--against",
        "seen.idx",
        "--report",
        "a.jsonl",
    ];
    flips(d, "seen.idx", &against, "a.jsonl", false);
    let cluster = ["dedup", "cluster", "-q", "1.edges", "-o", "c.clusters"];
    flips(d, "1.edges", &cluster, "c.clusters", false);
    let filter = [
        "dedup",
        "filter",
        "-q",
        shard,
        "--clusters",
        "all.clusters",
        "-o",
        "kept.jsonl",
    ];
    flips(d, "all.clusters", &filter, "kept.jsonl", false);
    // Signatures are read here and there (the band keys, the records of candidate pairs):
    // a flip where `pairs` does not read changes nothing.
    let pairs = ["dedup", "pairs", "-q", "1.sigs", "-o", "e.edges"];
    flips(d, "1.sigs", &pairs, "e.edges", true);
}
