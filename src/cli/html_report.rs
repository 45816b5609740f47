//! `tamis report`: the HTML page of an earlier run, from its stats, duplicates report and
//! explanations.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

use anyhow::{Context, Result};
use serde_json::Value;

use tamis::Stats;
use tamis::report::{
    CLUSTERS_SHOWN, ClusterShown, DUPLICATES_SHOWN, EXAMPLES_PER_RULE, Member, RemovalExample,
    Report, render,
};

use super::args::ReportArgs;

pub fn run(args: ReportArgs) -> Result<()> {
    let mut stats_text = String::new();
    tamis::io::open_decompressed(&args.stats)?
        .read_to_string(&mut stats_text)
        .with_context(|| format!("{}: cannot read the stats", args.stats.display()))?;
    let stats: Stats = serde_json::from_str(&stats_text).with_context(|| {
        format!(
            "{}: not the stats of a tamis run (--stats writes them)",
            args.stats.display()
        )
    })?;
    let mut report = Report::new(&stats);
    report.command = "report".into();
    if let Some(path) = &args.report {
        let mut clusters = Vec::new();
        for_each_line(path, "the duplicates report (--report writes it)", |line| {
            clusters.push(cluster_of(line)?);
            Ok(())
        })?;
        report.clusters_total = clusters.len() as u64;
        clusters.sort_by_key(|c: &ClusterShown| std::cmp::Reverse(c.size));
        clusters.truncate(CLUSTERS_SHOWN);
        report.clusters = clusters;
    }
    if let Some(path) = &args.explain {
        let mut per_rule: HashMap<String, usize> = HashMap::new();
        for_each_line(path, "the explanations (--explain writes them)", |line| {
            if line.get("dropped").is_some() {
                // A dropped document's measure: the stats' quality section shows those.
                return Ok(());
            }
            let example = removal_of(line)?;
            let seen = per_rule.entry(example.rule.clone()).or_default();
            if *seen < EXAMPLES_PER_RULE {
                *seen += 1;
                report.removals.push(example);
            }
            Ok(())
        })?;
    }
    let page = render(&report);
    tamis::io::write_atomically(&args.output, page.as_bytes())?;
    Ok(())
}

/// Calls `each` with every non-blank line of `path` as JSON; errors name the file and line.
fn for_each_line(
    path: &Path,
    what: &str,
    mut each: impl FnMut(&Value) -> std::result::Result<(), String>,
) -> Result<()> {
    let file = tamis::io::open_decompressed(path).with_context(|| format!("cannot read {what}"))?;
    for (n, line) in BufReader::new(file).lines().enumerate() {
        let line = line.with_context(|| format!("{}:{}: cannot read", path.display(), n + 1))?;
        if line.trim().is_empty() {
            continue;
        }
        let value: Value = serde_json::from_str(&line)
            .with_context(|| format!("{}:{}: not JSON ({what})", path.display(), n + 1))?;
        each(&value).map_err(|problem| {
            anyhow::anyhow!("{}:{}: {problem} ({what})", path.display(), n + 1)
        })?;
    }
    Ok(())
}

fn string_field(value: &Value, field: &str) -> std::result::Result<String, String> {
    match value.get(field) {
        Some(Value::String(s)) => Ok(s.clone()),
        Some(Value::Number(n)) => Ok(n.to_string()),
        _ => Err(format!("no {field:?} field")),
    }
}

fn cluster_of(line: &Value) -> std::result::Result<ClusterShown, String> {
    let size = line
        .get("size")
        .and_then(Value::as_u64)
        .ok_or("no \"size\" field")?;
    let duplicates = line
        .get("duplicates")
        .and_then(Value::as_array)
        .ok_or("no \"duplicates\" list")?;
    Ok(ClusterShown {
        size,
        kept: Member {
            id: string_field(line, "kept")?,
            ..Member::default()
        },
        duplicates: duplicates
            .iter()
            .take(DUPLICATES_SHOWN)
            .map(|d| {
                Ok(Member {
                    id: string_field(d, "id")?,
                    similarity: d.get("similarity").and_then(Value::as_f64),
                    text: None,
                })
            })
            .collect::<std::result::Result<_, String>>()?,
    })
}

fn removal_of(line: &Value) -> std::result::Result<RemovalExample, String> {
    Ok(RemovalExample {
        id: string_field(line, "id")?,
        line: line.get("line").and_then(Value::as_u64).unwrap_or(0) as usize,
        text: string_field(line, "text")?,
        rule: string_field(line, "rule")?,
        kind: string_field(line, "kind")?,
    })
}
