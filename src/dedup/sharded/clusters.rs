//! `tamis dedup cluster`: the edges of every band range joined by union-find, the records of
//! their documents read from the signatures, the kept document of each cluster chosen by the
//! keep policy, and a clusters file that `dedup filter` reads one shard's part of.
//!
//! Clusters file (little-endian), version 2: the magic `TAMISCLU`, `u32` version, a JSON header
//! (settings, shards, summary), then one section per shard: `u64` count, entries `(u64
//! position in the shard, u64 cluster, u64 size, u8 kept, f32 similarity, u32 length, kept id)`
//! sorted, `u64` count, the duplicates report's lines of the clusters whose first document is in
//! the shard (`u32` length, JSON); then each section's offset (`u64`) and `TAMISEND`. The
//! header, each section and the offsets are each followed by their checksum (`u64` xxh3).

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::binary::{self, Bytes, END};
use super::corpus::{Corpus, Nodes};
use super::pairs::{Edge, Kind, read_edges};
use super::signatures::{BAND_ENTRY, ShardInfo, record_size};
use crate::dedup::cluster::{KeepPolicy, UnionFind};
use crate::dedup::minhash::estimate_similarity;
use crate::dedup::{DedupConfig, DedupSummary, ReportDuplicate, ReportLine};
use crate::error::{Error, Result};

const MAGIC: &[u8; 8] = b"TAMISCLU";
/// The clusters file format this tamis writes and reads.
pub const CLUSTERS_VERSION: u32 = 2;

/// What a clusters file says of itself.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) struct Header {
    pub(super) dedup: DedupConfig,
    pub(super) shards: Vec<ShardInfo>,
    pub(super) summary: DedupSummary,
}

/// The clusters of a corpus, found from its edges files.
#[derive(Debug)]
pub struct Clusters {
    /// Counters and settings, as one process reports them in its stats.
    pub summary: DedupSummary,
    /// The shards, in corpus order.
    pub shards: Vec<ShardInfo>,
    /// The duplicates report, one JSON line per cluster (without the newline), in order of
    /// the cluster's first document.
    pub report: Vec<Vec<u8>>,
}

/// What one cluster member becomes.
struct Entry {
    position: u64,
    cluster: u64,
    size: u64,
    kept: bool,
    similarity: f32,
    /// The kept document's index among the nodes.
    kept_node: usize,
}

/// Reads the edges files, checks that they cover every band of one corpus, finds the clusters
/// and writes the clusters file to `output` (whole or not at all). The records of the documents
/// in pairs come from the signature files the pairs stage read, or from `signatures` (the same
/// files elsewhere, in the same order).
pub fn cluster(
    edges_files: &[PathBuf],
    signatures: Option<&[PathBuf]>,
    output: &Path,
) -> Result<Clusters> {
    let inputs = edges_files.iter().chain(signatures.unwrap_or_default());
    super::check_stage_output(output, inputs.map(PathBuf::as_path))?;
    let Some(first_path) = edges_files.first() else {
        return Err(Error::config("edges", "no edges file given"));
    };
    let first = read_edges(first_path)?;
    let header = first.header.clone();
    let mut ranges = vec![header.bands];
    let mut edges = first.edges;
    for path in &edges_files[1..] {
        let file = read_edges(path)?;
        if file.header.dedup != header.dedup || file.header.shards != header.shards {
            return Err(Error::BadShardFile {
                path: path.display().to_string(),
                reason: format!(
                    "made from other shards or settings than {} (give the edges of one corpus)",
                    first_path.display()
                ),
            });
        }
        ranges.push(file.header.bands);
        edges = merge_edges(edges, file.edges);
    }
    check_bands_covered(ranges, header.banding.bands)?;

    // The documents joined by a pair, and their records from the signatures (those the pairs
    // stage read, unless others are named: the same shards, checked by their fingerprints).
    let mut positions: Vec<u64> = edges
        .iter()
        .filter(|e| e.kind != Kind::Rejected)
        .flat_map(|e| [e.a, e.b])
        .collect();
    positions.sort_unstable();
    positions.dedup();
    let signature_paths = signatures.unwrap_or(&header.signatures);
    let corpus = Corpus::open(signature_paths).map_err(|error| match error {
        Error::Io { path, error } if signatures.is_none() => Error::BadShardFile {
            path,
            reason: format!(
                "{error}: the edges name the signature files as dedup pairs was given them; \
                 where they are elsewhere, give them in the same order (`signatures`)"
            ),
        },
        other => other,
    })?;
    if corpus.shards() != header.shards {
        return Err(Error::BadShardFile {
            path: signature_paths
                .first()
                .map(|p| p.display().to_string())
                .unwrap_or_default(),
            reason: "these signatures are not those the pairs were found in (other shards, \
                     or another order): give the signature files dedup pairs read, in its order"
                .into(),
        });
    }
    let nodes = corpus.records(&positions, true)?;
    drop(positions);
    let index = |position: u64| {
        nodes
            .find(position)
            .map(|i| i as u32)
            .ok_or_else(|| Error::Internal("a pair's document was not read".into()))
    };

    let mut summary = DedupSummary::new(&header.dedup, header.banding);
    summary.documents = header.shards.iter().map(|s| s.documents).sum();
    summary.unsigned = header.shards.iter().map(|s| s.documents - s.signed).sum();
    // What a document costs between the stages: its signature record and band keys (its id
    // aside), the sharded counterpart of one process's memory per document.
    summary.bytes_per_document =
        record_size(header.dedup.num_perm) + 8 + header.banding.bands as u64 * BAND_ENTRY;
    let mut union = UnionFind::new(nodes.len());
    for edge in &edges {
        match edge.kind {
            Kind::Exact => union.union(index(edge.a)?, index(edge.b)?),
            Kind::Verified => {
                summary.candidate_pairs += 1;
                summary.verified_pairs += 1;
                union.union(index(edge.a)?, index(edge.b)?);
            }
            Kind::Rejected => {
                summary.candidate_pairs += 1;
                summary.rejected_pairs += 1;
            }
        }
    }

    // Members by cluster (the root is the smallest member: clusters come in input order).
    let mut members: Vec<(u32, u32)> = (0..nodes.len() as u32)
        .map(|i| (union.find(i), i))
        .collect();
    members.sort_unstable();
    let keep = header.dedup.keep;
    let mut entries: Vec<Vec<Entry>> = header.shards.iter().map(|_| Vec::new()).collect();
    let mut report: Vec<(u64, Vec<u8>)> = Vec::new();
    for group in members.chunk_by(|a, b| a.0 == b.0) {
        if group.len() < 2 {
            continue;
        }
        let members: Vec<usize> = group.iter().map(|m| m.1 as usize).collect();
        let kept = members[kept_of(&nodes, &members, keep)];
        let number = nodes.positions[members[0]];
        let size = members.len() as u64;
        let mut duplicates = Vec::new();
        for &member in &members {
            let similarity = if member == kept {
                1.0
            } else if nodes.exact[member] == nodes.exact[kept] {
                summary.exact_duplicates += 1;
                1.0
            } else {
                summary.near_duplicates += 1;
                estimate_similarity(nodes.sketch(member), nodes.sketch(kept)) as f32
            };
            if member != kept {
                duplicates.push(ReportDuplicate {
                    id: nodes.id(member),
                    similarity: (f64::from(similarity) * 1e4).round() / 1e4,
                });
            }
            let position = nodes.positions[member];
            let shard = corpus.shard_of(position);
            entries[shard].push(Entry {
                position: position - corpus.offsets[shard],
                cluster: number,
                size,
                kept: member == kept,
                similarity,
                kept_node: kept,
            });
        }
        let line = ReportLine {
            cluster: number,
            size,
            kept: nodes.id(kept),
            kept_from_index: None,
            duplicates,
        };
        let json = serde_json::to_vec(&line)
            .map_err(|e| Error::Internal(format!("a report line: {e}")))?;
        report.push((number, json));
        summary.clusters += 1;
    }
    summary.duplicates = summary.exact_duplicates + summary.near_duplicates;

    let file_header = Header {
        dedup: header.dedup.clone(),
        shards: header.shards.clone(),
        summary: summary.clone(),
    };
    let mut sink = crate::io::open_sink(&crate::io::OutputSpec {
        path: Some(output.to_path_buf()),
        format: crate::io::OutputFormat::Jsonl,
    })?;
    // Bytes handed to the sink so far, for the offsets of the sections.
    let mut written = 0u64;
    let mut out = Bytes(MAGIC.to_vec());
    out.u32(CLUSTERS_VERSION);
    let json = serde_json::to_vec(&file_header)
        .map_err(|e| Error::Internal(format!("clusters header: {e}")))?;
    out.text(&json)?;
    out.u64(binary::checksum(&out.0));
    let mut sections = Vec::with_capacity(entries.len());
    let mut lines = report.iter().peekable();
    // The section being written: its hash, and where it starts in `out`.
    let mut section = xxhash_rust::xxh3::Xxh3::new();
    let mut section_start: usize;
    let mut flush = |out: &mut Bytes,
                     written: &mut u64,
                     section: &mut xxhash_rust::xxh3::Xxh3,
                     section_start: &mut usize|
     -> Result<()> {
        section.update(&out.0[*section_start..]);
        *section_start = 0;
        *written += out.len();
        sink.write("", &std::mem::take(&mut out.0))
    };
    for (shard, mut shard_entries) in entries.into_iter().enumerate() {
        sections.push(written + out.len());
        section.reset();
        section_start = out.0.len();
        shard_entries.sort_unstable_by_key(|e| e.position);
        out.u64(shard_entries.len() as u64);
        for entry in &shard_entries {
            out.u64(entry.position);
            out.u64(entry.cluster);
            out.u64(entry.size);
            out.u8(u8::from(entry.kept));
            out.f32(entry.similarity);
            out.text(nodes.id(entry.kept_node).as_bytes())?;
            if out.0.len() >= 1 << 20 {
                flush(&mut out, &mut written, &mut section, &mut section_start)?;
            }
        }
        let end = corpus.offsets.get(shard + 1).copied().unwrap_or(u64::MAX);
        let mut here = Vec::new();
        while let Some((_, line)) = lines.next_if(|(number, _)| *number < end) {
            here.push(line);
        }
        out.u64(here.len() as u64);
        for line in here {
            out.text(line)?;
        }
        section.update(&out.0[section_start..]);
        out.u64(section.digest());
    }
    let table_start = out.0.len();
    for section in sections {
        out.u64(section);
    }
    let table = binary::checksum(&out.0[table_start..]);
    out.u64(table);
    out.raw(END);
    section_start = out.0.len();
    flush(&mut out, &mut written, &mut section, &mut section_start)?;
    sink.finish()?.commit()?;
    Ok(Clusters {
        summary,
        shards: header.shards,
        report: report.into_iter().map(|(_, line)| line).collect(),
    })
}

/// The edges of `a` and `b` (each sorted by pair, then kind), sorted, each pair once (of its
/// kinds, the first: exact before verified before rejected).
fn merge_edges(a: Vec<Edge>, b: Vec<Edge>) -> Vec<Edge> {
    let key = |e: &Edge| (e.a, e.b, e.kind);
    let mut merged = Vec::with_capacity(a.len().max(b.len()));
    let (mut a, mut b) = (a.into_iter().peekable(), b.into_iter().peekable());
    loop {
        let next = match (a.peek(), b.peek()) {
            (Some(x), Some(y)) if key(x) <= key(y) => a.next(),
            (Some(_), Some(_)) => b.next(),
            (Some(_), None) => a.next(),
            (None, _) => b.next(),
        };
        let Some(edge) = next else {
            break;
        };
        if merged
            .last()
            .is_none_or(|last: &Edge| (last.a, last.b) != (edge.a, edge.b))
        {
            merged.push(edge);
        }
    }
    merged
}

/// Every band of the signatures is in some edges file; overlaps do no harm.
fn check_bands_covered(mut ranges: Vec<[usize; 2]>, bands: usize) -> Result<()> {
    ranges.sort_unstable();
    let mut covered = 0;
    for &[start, end] in &ranges {
        if start > covered {
            break;
        }
        covered = covered.max(end);
    }
    if covered < bands {
        let missing = covered;
        let next = ranges
            .iter()
            .map(|r| r[0])
            .filter(|&start| start > missing)
            .min()
            .unwrap_or(bands);
        return Err(Error::config(
            "edges",
            format!(
                "no edges file covers bands {missing}..{next} of the {bands}: run `tamis dedup \
                 pairs --bands {missing}..{next}` on the signatures and give its file too"
            ),
        ));
    }
    Ok(())
}

/// Which of `members` (indices in `nodes`, in input order) a cluster keeps, by the keep
/// policy; ties to the one read first.
fn kept_of(nodes: &Nodes, members: &[usize], keep: KeepPolicy) -> usize {
    let best = |rank: &dyn Fn(usize) -> u64| {
        // max_by_key keeps the last maximum: iterate in reverse for the first.
        (0..members.len())
            .rev()
            .max_by_key(|&i| rank(members[i]))
            .unwrap_or(0)
    };
    match keep {
        KeepPolicy::First => 0,
        KeepPolicy::Longest => best(&|n| u64::from(nodes.lengths[n])),
        KeepPolicy::Newest => best(&|n| nodes.dates[n]),
    }
}

/// One document's part in a cluster, as `dedup filter` reads it.
#[derive(Debug, Clone, PartialEq)]
pub struct Member {
    /// Position in its shard.
    pub position: u64,
    /// The cluster: global position of its first document.
    pub cluster: u64,
    /// Documents in the cluster.
    pub size: u64,
    /// Whether this is the document the cluster keeps.
    pub kept: bool,
    /// Similarity to the kept document (1 for the kept one and exact duplicates).
    pub similarity: f32,
    /// Id of the kept document.
    pub kept_id: String,
}

/// One shard's part of a clusters file.
#[derive(Debug, Clone)]
pub struct ShardClusters {
    /// The shard as it was signed.
    pub shard: ShardInfo,
    /// Global position of its first document.
    pub offset: u64,
    /// Settings of the run.
    pub dedup: DedupConfig,
    /// The run's counters.
    pub summary: DedupSummary,
    /// Its documents that are in a cluster, by position.
    pub members: Vec<Member>,
    /// The report lines of the clusters whose first document is in the shard.
    pub report: Vec<Vec<u8>>,
}

/// Reads the part of the clusters file `path` that concerns the shard named `shard`: the name
/// it was signed under, or else its file name when only one shard has it.
pub fn read_shard_clusters(path: &Path, shard: &str) -> Result<ShardClusters> {
    let mut reader = binary::open(path)?;
    reader.expect_head(
        MAGIC,
        CLUSTERS_VERSION,
        "a clusters file (write one with `tamis dedup cluster`)",
    )?;
    let header: Header = reader.header()?;
    reader.expect_checksum("header")?;
    let index = find_shard(&header.shards, shard).map_err(|reason| reader.bad(reason))?;
    let count = header.shards.len() as u64;
    // The sections' offsets, then their checksum and the end marker.
    reader.seek_from_end(8 * count + 8 + 8)?;
    reader.start_section();
    let mut offsets = Vec::with_capacity(header.shards.len());
    for _ in 0..count {
        offsets.push(reader.u64()?);
    }
    reader.expect_checksum_and_end("section offsets")?;
    reader.seek(offsets[index])?;
    reader.start_section();
    let mut members = Vec::new();
    for _ in 0..reader.u64()? {
        members.push(Member {
            position: reader.u64()?,
            cluster: reader.u64()?,
            size: reader.u64()?,
            kept: reader.u8()? == 1,
            similarity: reader.f32()?,
            kept_id: reader.string()?,
        });
    }
    let mut report = Vec::new();
    for _ in 0..reader.u64()? {
        report.push(reader.text()?);
    }
    reader.expect_checksum("clusters")?;
    let offset = header.shards[..index].iter().map(|s| s.documents).sum();
    Ok(ShardClusters {
        shard: header.shards[index].clone(),
        offset,
        dedup: header.dedup,
        summary: header.summary,
        members,
        report,
    })
}

/// The index of the shard `name` among `shards`: same name, or same file name when unique.
fn find_shard(shards: &[ShardInfo], name: &str) -> std::result::Result<usize, String> {
    if let Some(i) = shards.iter().position(|s| s.name == name) {
        return Ok(i);
    }
    let file_name = |s: &str| {
        Path::new(s)
            .file_name()
            .map(|f| f.to_string_lossy().into_owned())
    };
    let wanted = file_name(name);
    let matching: Vec<usize> = (0..shards.len())
        .filter(|&i| wanted.is_some() && file_name(&shards[i].name) == wanted)
        .collect();
    match matching[..] {
        [i] => Ok(i),
        [] => Err(format!(
            "has no shard {name}; its shards are {} (name the shard as it was signed)",
            list(shards)
        )),
        _ => Err(format!(
            "has several shards named like {name}: {} (name the shard as it was signed)",
            list(shards)
        )),
    }
}

fn list(shards: &[ShardInfo]) -> String {
    let mut names: Vec<&str> = shards.iter().take(5).map(|s| s.name.as_str()).collect();
    if shards.len() > 5 {
        names.push("…");
    }
    names.join(", ")
}
