//! Flags of the documents' output shared by `tamis clean` and `tamis dedup`.

use clap::{Args, ValueEnum};

/// `--parquet-compression`.
#[derive(Debug, Clone, Copy, Default, ValueEnum)]
pub enum ParquetCompressionArg {
    /// Zstandard, level 3: small files, fast to read.
    #[default]
    Zstd,
    /// Snappy: what older readers and pyarrow default to.
    Snappy,
    /// gzip: the most widely read, slower.
    Gzip,
    /// LZ4 (raw).
    Lz4,
    /// No compression.
    None,
}

impl From<ParquetCompressionArg> for tamis::io::ParquetCompression {
    fn from(arg: ParquetCompressionArg) -> Self {
        match arg {
            ParquetCompressionArg::Zstd => tamis::io::ParquetCompression::Zstd,
            ParquetCompressionArg::Snappy => tamis::io::ParquetCompression::Snappy,
            ParquetCompressionArg::Gzip => tamis::io::ParquetCompression::Gzip,
            ParquetCompressionArg::Lz4 => tamis::io::ParquetCompression::Lz4,
            ParquetCompressionArg::None => tamis::io::ParquetCompression::None,
        }
    }
}

/// How the documents' output is cut into files and, for Parquet, compressed.
#[derive(Debug, Clone, Args)]
pub struct ShardArgs {
    /// How a Parquet output's pages are compressed.
    #[arg(long, value_enum, value_name = "CODEC", default_value_t = ParquetCompressionArg::Zstd)]
    pub parquet_compression: ParquetCompressionArg,

    /// Cut the output into numbered files of at most N documents each: -o out.parquet gives
    /// out-00000.parquet, out-00001.parquet, … (all appear together when the run succeeds).
    #[arg(long, value_name = "N")]
    pub shard_documents: Option<u64>,

    /// Cut the output into numbered files, starting the next one once SIZE bytes of records
    /// (as JSON, before compression) went into one: 512M, 2G, 100k or bytes. A document is
    /// never split across files.
    #[arg(long, value_name = "SIZE", value_parser = parse_size)]
    pub shard_size: Option<u64>,
}

impl ShardArgs {
    /// The limit the flags set, if any.
    pub fn limit(&self) -> Option<tamis::io::ShardLimit> {
        (self.shard_documents.is_some() || self.shard_size.is_some()).then_some(
            tamis::io::ShardLimit {
                documents: self.shard_documents,
                bytes: self.shard_size,
            },
        )
    }
}

/// `512M`, `2G`, `100k`, `1.5G` or a number of bytes (binary multiples: 1k = 1024).
fn parse_size(text: &str) -> Result<u64, String> {
    let text = text.trim();
    let (number, unit) = match text.find(|c: char| c.is_ascii_alphabetic()) {
        Some(at) => text.split_at(at),
        None => (text, ""),
    };
    let scale: u64 = match unit
        .to_ascii_lowercase()
        .trim_end_matches("ib")
        .trim_end_matches('b')
    {
        "" => 1,
        "k" => 1 << 10,
        "m" => 1 << 20,
        "g" => 1 << 30,
        "t" => 1 << 40,
        _ => {
            return Err(format!(
                "`{text}`: the unit is one of k, M, G, T (or none, for bytes)"
            ));
        }
    };
    match number.trim().parse::<f64>() {
        Ok(value) if value > 0.0 && value.is_finite() => Ok((value * scale as f64).round() as u64),
        _ => Err(format!(
            "`{text}` is not a size such as 512M, 2G or 1000000"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::parse_size;

    #[test]
    fn sizes_read_with_binary_units() {
        assert_eq!(parse_size("512M"), Ok(512 << 20));
        assert_eq!(parse_size("1.5g"), Ok(3 << 29));
        assert_eq!(parse_size("100kB"), Ok(102_400));
        assert_eq!(parse_size("4096"), Ok(4096));
        assert!(parse_size("0").is_err());
        assert!(parse_size("12 parsecs").is_err());
    }
}
