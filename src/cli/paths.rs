//! Every file a command reads and writes, by flag, checked by the library's one rule
//! (`tamis::io::check_paths`) before the command reads or creates anything: no output may be
//! one of the files read — the corpus, but also a pipeline or rules file, a line table, an
//! index, a stage file — under any spelling, and no two outputs may be one file.

use std::path::{Path, PathBuf};

use tamis::io::NamedPath;

use super::args::{
    CleanArgs, Command, CommonArgs, DedupArgs, DedupCmdArgs, DedupStep, DetectArgs, LinesCommand,
    QualityCommand,
};

/// The files a command reads and those it writes.
#[derive(Default)]
struct Paths<'a> {
    inputs: Vec<NamedPath<'a>>,
    outputs: Vec<NamedPath<'a>>,
    /// The outputs written only to files (stage files, the page of `tamis report`): `-` there
    /// would name a file called `-`, not standard output. (A run's index and page are checked
    /// by the library's run.)
    file_only: Vec<NamedPath<'a>>,
}

impl<'a> Paths<'a> {
    fn read(&mut self, setting: &'static str, path: Option<&'a Path>) {
        self.inputs
            .extend(path.map(|path| NamedPath::new(setting, path)));
    }

    fn write(&mut self, setting: &'static str, path: Option<&'a Path>) {
        self.outputs
            .extend(path.map(|path| NamedPath::new(setting, path)));
    }

    /// An output that only a file can hold.
    fn write_file(&mut self, setting: &'static str, path: Option<&'a Path>) {
        self.write(setting, path);
        self.file_only
            .extend(path.map(|path| NamedPath::new(setting, path)));
    }

    fn corpus(&mut self, inputs: &'a [String]) {
        for input in inputs {
            self.read("inputs", Some(Path::new(input)));
        }
    }

    fn common(&mut self, common: &'a CommonArgs) {
        self.write("stats", common.stats.as_deref());
        self.write("html", common.html.as_deref());
        self.write("rejects", common.rejects.as_deref());
    }

    fn dedup(&mut self, dedup: &'a DedupArgs) {
        self.write("report", dedup.report.as_deref());
        self.write("save_index", dedup.save_index.as_deref());
        let against = dedup.against.as_deref();
        self.inputs.extend(
            against.map(|path| NamedPath::new("against", path).replaceable_by("save_index")),
        );
    }

    fn files(&mut self, setting: &'static str, paths: &'a [PathBuf]) {
        for path in paths {
            self.read(setting, Some(path));
        }
    }
}

/// Refuses a command whose outputs collide with what it reads, or with each other, and `-`
/// (standard output) for an output only a file can hold.
pub fn check(command: &Command) -> tamis::Result<()> {
    let paths = paths_of(command);
    for output in &paths.file_only {
        tamis::io::check_file_only(output.setting, Some(output.path))?;
    }
    tamis::io::check_paths(&paths.inputs, &paths.outputs)
}

fn paths_of(command: &Command) -> Paths<'_> {
    let mut paths = Paths::default();
    match command {
        Command::Clean(args) => clean(&mut paths, args),
        Command::Dedup(args) => dedup(&mut paths, args),
        Command::Detect(args) => detect(&mut paths, args),
        Command::Normalize(_) | Command::Config(_) => {}
        Command::Report(args) => {
            paths.read("stats", Some(&args.stats));
            paths.read("report", args.report.as_deref());
            paths.read("explain", args.explain.as_deref());
            paths.write_file("output", Some(&args.output));
        }
        Command::Quality { command } => match command {
            QualityCommand::Calibrate(args) => {
                paths.corpus(&args.inputs);
                paths.read("config", args.config.as_deref());
                paths.write_file("output", Some(&args.output));
            }
        },
        Command::Lines { command } => match command {
            LinesCommand::Count(args) => {
                paths.corpus(&args.inputs);
                paths.read("config", args.config.as_deref());
                paths.write_file("output", Some(&args.output));
            }
            LinesCommand::Merge(args) => {
                paths.files("inputs", &args.tables);
                paths.write_file("output", Some(&args.output));
            }
        },
    }
    paths
}

fn clean<'a>(paths: &mut Paths<'a>, args: &'a CleanArgs) {
    paths.corpus(&args.inputs);
    paths.read("config", args.config.as_deref());
    paths.read("rules", args.rules.as_deref());
    paths.read("line_table", args.line_table.as_deref());
    paths.write("output", args.output.as_deref().map(Path::new));
    paths.write("explain", args.explain.as_deref());
    paths.common(&args.common);
    paths.dedup(&args.dedup);
}

fn detect<'a>(paths: &mut Paths<'a>, args: &'a DetectArgs) {
    paths.corpus(&args.inputs);
    paths.read("config", args.config.as_deref());
    paths.write("output", Some(Path::new(&args.output)));
    paths.common(&args.common);
}

fn dedup<'a>(paths: &mut Paths<'a>, args: &'a DedupCmdArgs) {
    match &args.step {
        None => {
            paths.corpus(&args.inputs);
            paths.read("config", args.config.as_deref());
            paths.write("output", args.output.as_deref().map(Path::new));
            paths.common(&args.common);
            paths.dedup(&args.dedup);
        }
        Some(DedupStep::Sign(sign)) => {
            paths.corpus(&sign.inputs);
            paths.read("config", sign.config.as_deref());
            paths.write_file("output", Some(&sign.output));
        }
        Some(DedupStep::Pairs(pairs)) => {
            paths.files("inputs", &pairs.signatures);
            paths.write_file("output", Some(&pairs.output));
        }
        Some(DedupStep::Cluster(cluster)) => {
            paths.files("inputs", &cluster.edges);
            paths.files(
                "signatures",
                cluster.signatures.as_deref().unwrap_or_default(),
            );
            paths.write_file("output", Some(&cluster.output));
            paths.write_file("report", cluster.report.as_deref());
            paths.write_file("stats", cluster.stats.as_deref());
        }
        Some(DedupStep::Filter(filter)) => {
            paths.corpus(&filter.inputs);
            paths.read("clusters", Some(&filter.clusters));
            paths.read("config", filter.config.as_deref());
            paths.write("output", Some(Path::new(&filter.output)));
            paths.write("report", filter.report.as_deref());
            paths.write("stats", filter.stats.as_deref());
        }
    }
}
