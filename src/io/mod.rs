//! Reading corpora (formats, compression, directories, stdin) and writing results atomically.
//!
//! Reading happens in three steps, so that the expensive part runs in parallel:
//! [`expand_inputs`] turns what the user named into a sorted list of [`SourceFile`]s;
//! [`RawReader`] streams them as raw records (a JSONL line, a `.txt` file, a line of text) on one
//! thread; [`parse_record`] turns a raw record into a [`Document`](crate::Document) or a
//! [`BadInput`], on any thread.

mod bad_input;
mod encode;
mod format;
mod identity;
mod output;
mod parquet_in;
mod parquet_out;
mod parse;
mod pending;
mod reader;
mod sharded;
mod source;
mod spool;
mod stdout;
mod warc;

pub use crate::error::{BadInput, BadInputKind};
pub use bad_input::BadInputPolicy;
pub(crate) use encode::RecordEncoder;
pub use format::{Compression, Format, OutputFormat, ParquetCompression};
pub use identity::{
    NamedPath, check_file_only, check_paths, holds, refuse_output_among, resolve, same_output,
};
pub use output::OutputSpec;
pub use output::open_sink_typed;
pub use output::write_atomically;
pub(crate) use output::{Ready, Sink, is_special_file, open_sink, write_file_ready};
pub use parquet_in::parquet_record;
pub use parquet_in::schema_of as parquet_schema_of;
pub use parquet_out::ADDED_BY_TAMIS;
pub use parse::MAX_JSON_DEPTH;
pub use parse::ReadOptions;
#[doc(hidden)]
pub use parse::{Parsed, parse_record};
pub use pending::remove_pending_outputs;
pub use reader::open_decompressed;
#[doc(hidden)]
pub use reader::{RawReader, RawRecord, SkippedRecords};
pub(crate) use sharded::ShardedSink;
pub use sharded::{ShardLimit, existing_shards, shard_path};
pub use source::Input;
#[doc(hidden)]
pub use source::{Expanded, SourceFile, expand_inputs};
pub(crate) use spool::spool_once_inputs;
pub use stdout::{stdout, stdout_was_closed};
