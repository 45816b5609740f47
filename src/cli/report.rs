//! What the user sees on stderr while a run goes: progress bar, notices, the first warnings,
//! and the closing summary.

use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use tamis::io::BadInput;
use tamis::{Observer, Stats};

/// Bad-input warnings printed one by one; the rest are counted.
const WARNINGS_SHOWN: u64 = 10;

pub struct Reporter {
    quiet: bool,
    bar: ProgressBar,
    warnings: u64,
    writes_text: bool,
    writes_documents: bool,
}

impl Reporter {
    pub fn new(quiet: bool) -> Self {
        Reporter {
            quiet,
            bar: ProgressBar::hidden(),
            warnings: 0,
            writes_text: true,
            writes_documents: true,
        }
    }

    /// For a command that writes no text (`detect`): the summary says how much was read.
    pub fn reading_only(mut self) -> Self {
        self.writes_text = false;
        self
    }

    /// For a run that writes no documents (`tamis dedup` without `-o`): the summary says none
    /// were written.
    pub fn writing_no_documents(mut self) -> Self {
        self.writes_documents = false;
        self
    }

    fn say(&self, line: &str) {
        if !self.quiet {
            self.bar.suspend(|| eprintln!("{}", printable(line)));
        }
    }

    /// Clears the progress bar and reports warnings that were not shown.
    pub fn finish(&mut self) {
        self.bar.finish_and_clear();
        if self.warnings > WARNINGS_SHOWN {
            let hidden = self.warnings - WARNINGS_SHOWN;
            self.say(&format!(
                "tamis: warning: {hidden} more bad input warnings not shown (all are counted in the stats)"
            ));
        }
    }

    pub fn summary(&self, stats: &Stats) {
        let summary = match (self.writes_text, self.writes_documents) {
            (_, false) => stats.summary_without_documents(),
            (true, true) => stats.summary(),
            (false, true) => stats.summary_of_reading(),
        };
        self.say(&format!("tamis: {summary}"));
    }
}

impl Observer for Reporter {
    fn start(&mut self, total_bytes: Option<u64>) {
        if self.quiet {
            return;
        }
        // Draws only when stderr is a terminal.
        let target = ProgressDrawTarget::stderr();
        let bar = match total_bytes {
            Some(total) => {
                let style = ProgressStyle::with_template(
                    "{spinner} [{elapsed_precise}] {prefix} {wide_bar} {bytes}/{total_bytes} ({bytes_per_sec}, {eta}) {msg}",
                )
                .unwrap_or_else(|_| ProgressStyle::default_bar());
                ProgressBar::with_draw_target(Some(total), target).with_style(style)
            }
            None => {
                let style = ProgressStyle::with_template(
                    "{spinner} [{elapsed_precise}] {prefix} {bytes} ({bytes_per_sec}) {msg}",
                )
                .unwrap_or_else(|_| ProgressStyle::default_spinner());
                ProgressBar::with_draw_target(None, target).with_style(style)
            }
        };
        bar.enable_steady_tick(Duration::from_millis(200));
        self.bar = bar;
    }

    fn phase(&mut self, name: &str) {
        self.bar.reset();
        self.bar.set_prefix(name.to_owned());
    }

    fn notice(&mut self, message: &str) {
        let message = super::flags::with_flags(message);
        self.say(&format!("tamis: note: {message}"));
    }

    fn bad_input(&mut self, problem: &BadInput) {
        self.warnings += 1;
        if self.warnings <= WARNINGS_SHOWN {
            let consequence = if problem.drops_record() {
                "record skipped"
            } else {
                "replaced by U+FFFD"
            };
            let problem = super::flags::with_flags(&problem.to_string());
            self.say(&format!("tamis: warning: {problem} ({consequence})"));
        }
    }

    fn progress(&mut self, bytes_read: u64, stats: &Stats) {
        self.bar.set_position(bytes_read);
        if stats.documents_in > 0 {
            self.bar.set_message(format!("{} docs", stats.documents_in));
        }
    }
}

/// `message` as it may be printed on a terminal: control characters (a file name's escape
/// sequences, carriage returns) written as escapes, line breaks kept.
pub fn printable(message: &str) -> std::borrow::Cow<'_, str> {
    let is_hidden = |c: char| c.is_control() && c != '\n';
    if !message.contains(is_hidden) {
        return message.into();
    }
    message
        .chars()
        .map(|c| {
            if is_hidden(c) {
                c.escape_default().to_string()
            } else {
                c.to_string()
            }
        })
        .collect::<String>()
        .into()
}

/// Prints `message` on stderr, [`printable`].
pub fn say(message: String) {
    eprintln!("{}", printable(&message));
}
