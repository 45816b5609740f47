//! The documentation's examples run: every ```sh block of README.md and docs/*.md, page by
//! page and in order, in a scratch directory holding a copy of corpus/ and tests/pages/ (the
//! sample web pages), with the tamis under
//! test first on PATH. A block tagged with a file name (```toml pipeline.toml) is written to
//! that file first, for the commands after it. ```console blocks show commands on files of
//! your own and are not run; ```python blocks run in python/tests/test_docs.py, ```rust blocks
//! as doctests. Blocks run under `set -euo pipefail`: a pipe into `head` fails when the command
//! before it is killed by the closed pipe (zcat is; tamis stops quietly), so examples end their
//! pipes with commands that read everything.

use std::path::{Path, PathBuf};
use std::process::Command;

/// One fenced block: its info string and its text.
struct Block {
    info: String,
    text: String,
    line: usize,
}

fn blocks(markdown: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut open: Option<Block> = None;
    for (n, line) in markdown.lines().enumerate() {
        match open.as_mut() {
            None => {
                if let Some(info) = line.strip_prefix("```") {
                    open = Some(Block {
                        info: info.trim().to_owned(),
                        text: String::new(),
                        line: n + 1,
                    });
                }
            }
            Some(block) => {
                if line.trim_end() == "```" {
                    blocks.extend(open.take());
                } else {
                    block.text.push_str(line);
                    block.text.push('\n');
                }
            }
        }
    }
    blocks
}

fn pages() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut pages = vec![root.join("README.md")];
    let mut docs: Vec<PathBuf> = std::fs::read_dir(root.join("docs"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    docs.sort();
    pages.extend(docs);
    pages
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

#[test]
fn every_shell_example_of_the_documentation_runs() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let binary = Path::new(env!("CARGO_BIN_EXE_tamis"));
    let path = format!(
        "{}:{}",
        binary.parent().unwrap().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let mut ran = 0;
    for page in pages() {
        let markdown = std::fs::read_to_string(&page).unwrap();
        let scratch = tempfile::tempdir().unwrap();
        copy_dir(&root.join("corpus"), &scratch.path().join("corpus"));
        copy_dir(
            &root.join("tests/pages"),
            &scratch.path().join("tests/pages"),
        );
        for block in blocks(&markdown) {
            let mut words = block.info.split_whitespace();
            let kind = words.next().unwrap_or("");
            if let Some(file) = words.next()
                && kind != "sh"
            {
                std::fs::write(scratch.path().join(file), &block.text).unwrap();
                continue;
            }
            if kind != "sh" {
                continue;
            }
            let output = Command::new("bash")
                .args(["-euo", "pipefail", "-c", &block.text])
                .current_dir(scratch.path())
                .env("PATH", &path)
                .output()
                .unwrap();
            assert!(
                output.status.success(),
                "{}:{}: the example failed\n{}\nstdout:\n{}\nstderr:\n{}",
                page.display(),
                block.line,
                block.text,
                String::from_utf8_lossy(&output.stdout),
                String::from_utf8_lossy(&output.stderr)
            );
            ran += 1;
        }
    }
    assert!(ran >= 10, "only {ran} shell examples found");
}

#[test]
fn every_link_between_pages_leads_to_a_page() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for page in pages() {
        let markdown = std::fs::read_to_string(&page).unwrap();
        let dir = page.parent().unwrap();
        let mut rest = markdown.as_str();
        while let Some(at) = rest.find("](") {
            rest = &rest[at + 2..];
            let target = &rest[..rest.find(')').unwrap_or(0)];
            let file = target.split('#').next().unwrap_or("");
            if file.is_empty() || file.contains("://") {
                continue;
            }
            assert!(
                dir.join(file).exists(),
                "{}: link to {target}, which is not in the repository ({})",
                page.display(),
                root.display()
            );
        }
    }
}
