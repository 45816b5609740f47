//! The library refuses, on its own (without the binary's check), an output that is an input
//! under any spelling, before it creates anything: a script that calls `Run` or writes a line
//! table gets the same guarantee as the command line.

use std::path::{Path, PathBuf};

use tamis::io::{Input, NamedPath, OutputFormat, OutputSpec, check_paths};
use tamis::{Config, Error, Pipeline, Run};

const CORPUS: &str = concat!(
    r#"{"id":"es-1","text":"El ayuntamiento aprobó anoche el presupuesto municipal para el año que viene tras un largo debate."}"#,
    "\n",
    r#"{"id":"it-2","text":"Il consiglio comunale ha approvato ieri sera il bilancio della città per il prossimo anno."}"#,
    "\n",
);

fn corpus() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.jsonl");
    std::fs::write(&input, CORPUS).unwrap();
    (dir, input)
}

fn entries(dir: &Path) -> Vec<PathBuf> {
    let mut all: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    all.sort();
    all
}

fn jsonl(path: PathBuf) -> OutputSpec {
    OutputSpec {
        path: Some(path),
        format: OutputFormat::Jsonl,
    }
}

#[test]
fn a_run_refuses_every_output_spelled_as_its_input_through_a_missing_directory() {
    let (dir, input) = corpus();
    let spelled = dir.path().join("missing/deeper/../../in.jsonl");
    let pipeline = Pipeline::new(Config::default()).unwrap();
    let before = entries(dir.path());
    type Setter = fn(Run<'_>, PathBuf) -> Run<'_>;
    let setters: [(&str, Setter); 5] = [
        ("output", |run, p| run.output(jsonl(p))),
        ("stats", |run, p| run.stats(p)),
        ("rejects", |run, p| run.rejects(jsonl(p))),
        ("explain", |run, p| run.explain(jsonl(p))),
        ("html", |run, p| run.html(p)),
    ];
    for (name, set) in setters {
        let mut run = Run::new(&pipeline).inputs([Input::Path(input.clone())]);
        if name != "output" {
            run = run.output(jsonl(dir.path().join("out.jsonl")));
        }
        let result = set(run, spelled.clone()).execute();
        assert!(
            matches!(result, Err(Error::OutputIsInput { .. })),
            "{name}: {result:?}"
        );
        assert_eq!(std::fs::read_to_string(&input).unwrap(), CORPUS, "{name}");
        assert_eq!(entries(dir.path()), before, "{name} created something");
    }
}

#[test]
fn check_paths_sees_every_spelling_of_a_file_read() {
    let (dir, input) = corpus();
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    let mut spellings = vec![
        dir.path().join("sub/../in.jsonl"),
        dir.path().join("new/../in.jsonl"),
        dir.path().join("./in.jsonl"),
    ];
    #[cfg(unix)]
    {
        let hard = dir.path().join("hard.jsonl");
        std::fs::hard_link(&input, &hard).unwrap();
        let soft = dir.path().join("soft.jsonl");
        std::os::unix::fs::symlink(&input, &soft).unwrap();
        let linked = dir.path().join("linked");
        std::os::unix::fs::symlink(dir.path(), &linked).unwrap();
        spellings.extend([hard, soft, linked.join("new/../in.jsonl")]);
    }
    let read = [NamedPath::new("inputs", &input)];
    for spelled in &spellings {
        let error = check_paths(&read, &[NamedPath::new("stats", spelled)]).unwrap_err();
        assert!(
            matches!(error, Error::OutputIsInput { .. }),
            "{spelled:?}: {error}"
        );
    }
    let elsewhere = dir.path().join("new/../other.jsonl");
    check_paths(&read, &[NamedPath::new("stats", &elsewhere)]).unwrap();
    assert!(!dir.path().join("new").exists());
}
