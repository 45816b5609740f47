//! Helpers shared by the CLI tests.
#![allow(dead_code)]

use std::io::Write;
use std::path::{Path, PathBuf};

use serde_json::Value;

/// The `tamis` binary under test.
pub fn tamis() -> assert_cmd::Command {
    assert_cmd::cargo::cargo_bin_cmd!("tamis")
}

/// `tamis ARGS…` in `dir`, succeeding.
pub fn ok(dir: &Path, args: &[&str]) {
    tamis().current_dir(dir).args(args).assert().success();
}

/// Writes `bytes` to `dir/rel`, creating directories, and returns the path.
pub fn write(dir: &Path, rel: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(rel);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(&path, bytes).unwrap();
    path
}

/// One JSON value per line.
pub fn parse_jsonl(bytes: &[u8]) -> Vec<Value> {
    std::str::from_utf8(bytes)
        .unwrap()
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect()
}

pub fn read_jsonl(path: &Path) -> Vec<Value> {
    parse_jsonl(&std::fs::read(path).unwrap())
}

pub fn ids(records: &[Value]) -> Vec<String> {
    records
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_owned())
        .collect()
}

pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

pub fn zstd(bytes: &[u8]) -> Vec<u8> {
    zstd::encode_all(bytes, 3).unwrap()
}

/// Reads a `--stats` file and checks the accounting identity.
pub fn balanced_stats(path: &Path) -> Value {
    let stats: Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
    let dropped: u64 = stats["dropped"]
        .as_object()
        .unwrap()
        .values()
        .map(|v| v.as_u64().unwrap())
        .sum();
    assert_eq!(
        stats["documents_in"].as_u64().unwrap(),
        stats["documents_out"].as_u64().unwrap() + dropped,
        "documents_in != documents_out + dropped in {stats}"
    );
    stats
}

/// Files left in `dir` whose name marks them as temporary output.
pub fn temp_leftovers(dir: &Path) -> Vec<String> {
    walk(dir)
        .into_iter()
        .filter(|p| p.to_string_lossy().ends_with(".tamis-tmp"))
        .map(|p| p.display().to_string())
        .collect()
}

/// Waits until `ready` holds (checking every 20 ms), for at most 60 seconds: a run started in
/// the background on a busy machine may take a while to reach the state a test needs.
pub fn wait_for(mut ready: impl FnMut() -> bool) -> bool {
    let start = std::time::Instant::now();
    while start.elapsed() < std::time::Duration::from_secs(60) {
        if ready() {
            return true;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    false
}

pub fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(walk(&path));
        } else {
            files.push(path);
        }
    }
    files.sort();
    files
}

/// A French JSONL record as a line.
pub fn record(id: &str, text: &str) -> String {
    serde_json::json!({ "id": id, "text": text }).to_string() + "\n"
}

/// The field names of a JSON record, in order.
pub fn keys(record: &Value) -> Vec<&str> {
    record
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect()
}

/// Runs `tamis clean - -o - -q --min-words 0 ARGS` on `stdin`; the output records.
pub fn clean_stdin(args: &[&str], stdin: impl Into<Vec<u8>>) -> Vec<Value> {
    let assert = tamis()
        .args(["clean", "-", "-o", "-", "-q", "--min-words", "0"])
        .args(args)
        .write_stdin(stdin.into())
        .assert()
        .success();
    parse_jsonl(&assert.get_output().stdout)
}
