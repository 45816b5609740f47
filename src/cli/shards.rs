//! `tamis dedup sign`, `pairs`, `cluster` and `filter`: near-duplicate detection over shards,
//! in stages that exchange files.

use std::path::PathBuf;

use anyhow::Result;
use clap::ArgMatches;
use clap::parser::ValueSource;

use tamis::dedup::sharded::{self, read_shard_clusters};
use tamis::io::{Input, OutputFormat, OutputSpec};
use tamis::{Pipeline, StageConfig};

use super::args::{DedupClusterArgs, DedupFilterArgs, DedupPairsArgs, DedupSignArgs, DedupStep};
use super::common::{dedup_config, dedup_only, inputs, read_config};
use super::pipeline_file;
use super::report::Reporter;

pub fn run(step: DedupStep, matches: &ArgMatches) -> Result<()> {
    let sub = |name: &str| matches.subcommand_matches(name).unwrap_or(matches);
    match step {
        DedupStep::Sign(args) => sign(args, sub("sign")),
        DedupStep::Pairs(args) => pairs(args),
        DedupStep::Cluster(args) => cluster(args),
        DedupStep::Filter(args) => filter(args, sub("filter")),
    }
}

/// A pool of `threads` workers (0: one per core) for the stages that read no document.
fn pool(threads: u16) -> Result<rayon::ThreadPool> {
    Ok(rayon::ThreadPoolBuilder::new()
        .num_threads(usize::from(threads))
        .build()?)
}

fn sign(args: DedupSignArgs, matches: &ArgMatches) -> Result<()> {
    let config = pipeline_file::resolve(
        args.config.as_deref(),
        matches,
        &["name"],
        args.threads,
        || {
            let mut config = read_config(&args.read, args.threads);
            config.set(StageConfig::Dedup(dedup_config(&args.settings)));
            Ok(config)
        },
    )?;
    let pipeline = Pipeline::new(dedup_only(config))?;
    let mut reporter = Reporter::new(args.quiet);
    if matches.value_source("verify") == Some(ValueSource::CommandLine)
        && pipeline
            .config()
            .dedup()
            .is_some_and(|d| d.verify == tamis::dedup::Verify::Exact)
    {
        use tamis::Observer;
        reporter.notice(
            "the sharded stages verify pairs by their sketches (as `dedup.verify` estimate): \
             exact verification needs the texts of the pairs",
        );
    }
    let shard = inputs(&args.inputs);
    let name = args
        .name
        .unwrap_or_else(|| sharded::default_shard_name(&shard));
    let signed = pipeline.sign_shard(&shard, &name, &args.output, &mut reporter);
    reporter.finish();
    let signed = signed?;
    if !args.quiet {
        let bad = match signed.bad_records {
            0 => String::new(),
            n => format!(" ({n} bad records skipped)"),
        };
        super::report::say(format!(
            "tamis: signed {} documents of {}{bad} → {}",
            signed.shard.documents,
            signed.shard.name,
            args.output.display()
        ));
    }
    Ok(())
}

fn pairs(args: DedupPairsArgs) -> Result<()> {
    let pairs = pool(args.threads)?
        .install(|| sharded::find_pairs(&args.signatures, args.bands.clone(), &args.output))?;
    if !args.quiet {
        super::report::say(format!(
            "tamis: bands {}..{} of {} documents: {} exact pairs, {} candidate pairs ({} verified) \
             → {}",
            pairs.bands.start,
            pairs.bands.end,
            pairs.documents,
            pairs.exact_pairs,
            pairs.verified_pairs + pairs.rejected_pairs,
            pairs.verified_pairs,
            args.output.display()
        ));
    }
    Ok(())
}

fn cluster(args: DedupClusterArgs) -> Result<()> {
    for extra in [&args.report, &args.stats].into_iter().flatten() {
        tamis::io::refuse_output_among(extra, args.edges.iter().map(PathBuf::as_path))?;
    }
    let signatures = args.signatures.as_deref();
    let clusters =
        pool(args.threads)?.install(|| sharded::cluster(&args.edges, signatures, &args.output))?;
    if let Some(path) = &args.report {
        let mut report = Vec::new();
        for line in &clusters.report {
            report.extend_from_slice(line);
            report.push(b'\n');
        }
        tamis::io::write_atomically(path, &report)?;
    }
    if let Some(path) = &args.stats {
        let json = serde_json::to_vec_pretty(&clusters.summary)?;
        tamis::io::write_atomically(path, &[json, b"\n".to_vec()].concat())?;
    }
    if !args.quiet {
        let s = &clusters.summary;
        super::report::say(format!(
            "tamis: {} documents in {} shards: {} clusters, {} duplicates ({} exact, {} near) → {}",
            s.documents,
            clusters.shards.len(),
            s.clusters,
            s.duplicates,
            s.exact_duplicates,
            s.near_duplicates,
            args.output.display()
        ));
    }
    Ok(())
}

fn filter(args: DedupFilterArgs, matches: &ArgMatches) -> Result<()> {
    let config = pipeline_file::resolve(
        args.config.as_deref(),
        matches,
        &["name", "clusters", "report"],
        args.threads,
        || Ok(read_config(&args.read, args.threads)),
    )?;
    let pipeline = Pipeline::new(config)?;
    let shard: Vec<Input> = inputs(&args.inputs);
    let name = args
        .name
        .unwrap_or_else(|| sharded::default_shard_name(&shard));
    let clusters = read_shard_clusters(&args.clusters, &name)?;
    // Parquet for an output named .parquet, as tamis clean writes it.
    let output = super::common::output_spec(&args.output, None);
    let report = args
        .report
        .as_deref()
        .map(|path| OutputSpec::parse(&path.to_string_lossy(), OutputFormat::Jsonl));
    let mut reporter = Reporter::new(args.quiet);
    let stats = pipeline.filter_shard(
        &shard,
        &clusters,
        &output,
        report.as_ref(),
        args.stats.as_deref(),
        &mut reporter,
    );
    reporter.finish();
    reporter.summary(&stats?);
    Ok(())
}
