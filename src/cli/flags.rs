//! The library names settings in its messages by their place in the configuration, in
//! backticks (`` `dedup.threshold` ``); the binary shows the flag that sets each (ripgrep's rule:
//! flag names belong to the parser, never to the library).

/// Each setting the library names, and its flag.
const FLAGS: &[(&str, &str)] = &[
    ("dedup.threshold", "--threshold"),
    ("dedup.num_perm", "--num-perm"),
    ("dedup.ngram", "--ngram"),
    ("dedup.shingle", "--shingle"),
    ("dedup.annotate", "--annotate"),
    ("read.text_field", "--text-field"),
    ("read.id_field", "--id-field"),
    ("read.format", "--format"),
    ("lang.min_confidence", "--min-lang-confidence"),
    ("lang.sample_bytes", "--lang-sample-bytes"),
    ("lang.first_sample_bytes", "--lang-first-sample-bytes"),
    ("on_bad_input", "--on-bad-input"),
    ("output_format", "--output-format"),
    ("output", "-o"),
    ("shard", "--shard-documents/--shard-size"),
    ("explain", "--explain"),
    ("report", "--report"),
    ("save_index", "--save-index"),
    ("stats", "--stats"),
    ("rejects", "--rejects"),
    ("html", "--html"),
    ("line_table", "--line-table"),
    ("threads", "--threads"),
    (
        "boilerplate.repeated_line_min_docs",
        "--repeated-line-min-docs",
    ),
    (
        "boilerplate.repeated_line_max_chars",
        "--repeated-line-max-chars",
    ),
    ("against", "--against"),
    ("min_docs", "--min-docs"),
    ("part", "--part"),
    ("signatures", "--signatures"),
    ("config", "--config"),
    ("rules", "--rules"),
    ("clusters", "--clusters"),
    ("dedup.verify", "--verify"),
    ("boilerplate.threshold", "--boilerplate-threshold"),
    ("html.threshold", "--extract-threshold"),
];

/// `message` with every `` `setting` `` that has a flag replaced by the flag.
pub fn with_flags(message: &str) -> String {
    rename_settings(message, |name| {
        FLAGS
            .iter()
            .find(|(setting, _)| *setting == name)
            .map(|(_, flag)| (*flag).to_owned())
    })
}

/// `message` with each `` `name` `` that `rename` knows replaced by its answer; the others
/// stay as they are, backticks included.
pub fn rename_settings(message: &str, rename: impl Fn(&str) -> Option<String>) -> String {
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(start) = rest.find('`') {
        let Some(len) = rest[start + 1..].find('`') else {
            break;
        };
        let name = &rest[start + 1..start + 1 + len];
        out.push_str(&rest[..start]);
        match rename(name) {
            Some(renamed) => out.push_str(&renamed),
            None => out.push_str(&rest[start..start + len + 2]),
        }
        rest = &rest[start + len + 2..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_become_flags_and_other_quotes_stay() {
        assert_eq!(
            with_flags("`report` and `output` both write to stdout (-)"),
            "--report and -o both write to stdout (-)"
        );
        assert_eq!(
            with_flags("`dedup.num_perm` 64, `dedup.shingle` char (seed 0x1)"),
            "--num-perm 64, --shingle char (seed 0x1)"
        );
        assert_eq!(
            with_flags("`batch_documents` must be at least 1; run `tamis`"),
            "`batch_documents` must be at least 1; run `tamis`"
        );
        assert_eq!(with_flags("an odd ` quote"), "an odd ` quote");
    }

    /// Every setting the library names in a message has a flag here, or is one the command line
    /// does not set.
    #[test]
    fn every_named_setting_has_a_flag() {
        let sources = [
            include_str!("../dedup/mod.rs"),
            include_str!("../dedup/saved.rs"),
            include_str!("../pipeline/config.rs"),
            include_str!("../pipeline/stream.rs"),
            include_str!("../pipeline/line_pass.rs"),
            include_str!("../pipeline/near_duplicates.rs"),
            include_str!("../pipeline/worker.rs"),
            include_str!("../stage/config.rs"),
            include_str!("../pipeline/outputs.rs"),
            include_str!("../boilerplate/line_table.rs"),
            include_str!("../lang/mod.rs"),
            include_str!("../io/source.rs"),
            include_str!("../io/output.rs"),
            include_str!("../error.rs"),
        ];
        let without_flag = ["batch_documents", "batch_bytes"];
        for source in sources {
            for line in source
                .lines()
                .filter(|l| l.contains('"') && !l.trim_start().starts_with("//"))
            {
                let mut rest = line;
                while let Some(start) = rest.find('`') {
                    let Some(len) = rest[start + 1..].find('`') else {
                        break;
                    };
                    let name = &rest[start + 1..start + 1 + len];
                    let is_setting = name
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c == '_' || c == '.')
                        && !name.is_empty();
                    if is_setting {
                        assert!(
                            FLAGS.iter().any(|(s, _)| *s == name) || without_flag.contains(&name),
                            "`{name}` has no flag: {line}"
                        );
                    }
                    rest = &rest[start + len + 2..];
                }
            }
        }
    }
}
