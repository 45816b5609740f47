//! Text normalisation: small repair steps behind one [`Normalizer`] trait, composed in a
//! [`Sequence`]; language-aware [`Typography`] applied once the language is known; and
//! [`fold`], the comparison key of near-duplicate detection.
//!
//! Each step is a plain struct with its own settings, serialisable inside
//! [`Config`](crate::Config) as `{"type": "nfc"}`, `{"type": "whitespace", …}`, and reports
//! whether it changed a text so the stats can count changes per step.

mod fold;
mod html;
mod invisible;
mod mojibake;
mod nfc;
pub mod quotes;
mod typography;
mod whitespace;

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

pub use fold::{Numbers, fold, fold_with};
pub use html::HtmlEntities;
pub use invisible::{C1Controls, Invisible};
pub use mojibake::{Mojibake, MojibakeFix};
pub use nfc::Nfc;
pub use typography::{Typography, TypographyPolicy};
pub use whitespace::Whitespace;

/// One normalisation step.
pub trait Normalizer {
    /// Stable name of the step, used as its key in the stats.
    fn name(&self) -> &'static str;

    /// Returns the normalised text; `Cow::Borrowed` means the step changed nothing.
    fn normalize<'a>(&self, text: &'a str) -> Cow<'a, str>;
}

/// Any of the built-in steps, as stored in a configuration.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Step {
    /// HTML character references ([`HtmlEntities`]).
    HtmlEntities(HtmlEntities),
    /// Invisible and control characters ([`Invisible`]).
    Invisible(Invisible),
    /// UTF-8 mis-decoded as Windows-1252 or Latin-1 ([`Mojibake`]).
    Mojibake(Mojibake),
    /// C1 controls and soft hyphens ([`C1Controls`]).
    C1Controls(C1Controls),
    /// Unicode canonical composition ([`Nfc`]).
    Nfc(Nfc),
    /// Line endings, trailing spaces, space runs and blank lines ([`Whitespace`]).
    Whitespace(Whitespace),
}

impl Normalizer for Step {
    fn name(&self) -> &'static str {
        self.as_normalizer().name()
    }

    fn normalize<'a>(&self, text: &'a str) -> Cow<'a, str> {
        self.as_normalizer().normalize(text)
    }
}

impl Step {
    /// Every built-in step with its default settings, in the default order.
    pub fn all() -> Vec<Step> {
        vec![
            Step::HtmlEntities(HtmlEntities),
            Step::Invisible(Invisible),
            Step::Mojibake(Mojibake),
            Step::C1Controls(C1Controls),
            Step::Nfc(Nfc),
            Step::Whitespace(Whitespace::default()),
        ]
    }

    /// Whether this step's output can hold work for a step that usually runs before it: a
    /// reference joined by a removed invisible character, mojibake completed by a C1 control
    /// or by composition, an invisible character decoded from mojibake. Whitespace clean-up
    /// and reference decoding cannot, so when they alone changed the text it runs once.
    fn feeds_earlier(&self) -> bool {
        !matches!(self, Step::HtmlEntities(_) | Step::Whitespace(_))
    }

    fn as_normalizer(&self) -> &dyn Normalizer {
        match self {
            Step::HtmlEntities(step) => step,
            Step::Invisible(step) => step,
            Step::Mojibake(step) => step,
            Step::C1Controls(step) => step,
            Step::Nfc(step) => step,
            Step::Whitespace(step) => step,
        }
    }
}

/// Steps applied one after the other.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Sequence {
    steps: Vec<Step>,
}

impl Default for Sequence {
    /// The repair `tamis clean` runs: HTML references, invisible characters, mojibake, C1
    /// controls and soft hyphens, NFC, whitespace ([`Step::all`]).
    fn default() -> Self {
        Sequence::new(Step::all())
    }
}

impl Sequence {
    /// A sequence of the given steps, applied in order.
    pub fn new(steps: Vec<Step>) -> Self {
        Sequence { steps }
    }

    /// The default sequence without the named steps (`"mojibake"`, `"nfc"`, …); an unknown name
    /// is an error that lists the known ones.
    pub fn default_without(names: &[&str]) -> crate::error::Result<Self> {
        let all = Step::all();
        for name in names {
            if !all.iter().any(|step| step.name() == *name) {
                let known: Vec<&str> = all.iter().map(Normalizer::name).collect();
                return Err(crate::error::Error::config(
                    "normalize",
                    format!(
                        "unknown repair step \"{name}\"; the steps are {}",
                        known.join(", ")
                    ),
                ));
            }
        }
        Ok(Sequence::new(
            all.into_iter()
                .filter(|step| !names.contains(&step.name()))
                .collect(),
        ))
    }

    /// The steps, in order.
    pub fn steps(&self) -> &[Step] {
        &self.steps
    }

    /// Applies every step to `text`, calling `changed(step_name)` for each step that changed it
    /// (once per step, however many rounds).
    pub fn apply(&self, text: String, changed: impl FnMut(&'static str)) -> String {
        self.apply_explained(text, changed, |_| {})
    }

    /// [`Sequence::apply`], also calling `fixed` for every repair of the mojibake step: which
    /// characters, what they stood for, and the code page they had been read with.
    pub fn apply_explained(
        &self,
        text: String,
        mut changed: impl FnMut(&'static str),
        mut fixed: impl FnMut(MojibakeFix),
    ) -> String {
        let mut seen = 0u64;
        let out = self.run(
            Cow::Owned(text),
            |i, name| {
                if i < 64 && seen & (1 << i) == 0 {
                    seen |= 1 << i;
                    changed(name);
                }
            },
            &mut fixed,
        );
        out.into_owned()
    }

    /// Runs the steps until none changes the text: a later step can make work for an earlier
    /// one (removing a control character inside `&am\u{7f}p;` makes an HTML reference), so the
    /// steps before the last one that changed the text run again, at most [`MAX_ROUNDS`] times.
    /// On text that needs one round, the second is one scan by each earlier step.
    fn run<'a>(
        &self,
        text: Cow<'a, str>,
        mut changed: impl FnMut(usize, &'static str),
        fixed: &mut dyn FnMut(MojibakeFix),
    ) -> Cow<'a, str> {
        let mut current = text;
        let mut limit = self.steps.len();
        for _ in 0..MAX_ROUNDS {
            let mut changed_this_round = false;
            let mut last_feeder = None;
            for (i, step) in self.steps.iter().enumerate() {
                if i >= limit && !changed_this_round {
                    break; // These steps already saw this text.
                }
                let result = match step {
                    Step::Mojibake(mojibake) => mojibake.repair_with(&current, &mut *fixed),
                    other => other.normalize(&current),
                };
                if let Cow::Owned(new) = result {
                    changed(i, step.name());
                    current = Cow::Owned(new);
                    changed_this_round = true;
                    if step.feeds_earlier() {
                        last_feeder = Some(i);
                    }
                }
            }
            match last_feeder {
                Some(i) if i > 0 => limit = i,
                _ => break,
            }
        }
        current
    }
}

/// Rounds of a [`Sequence`] at most: each round after the first needs a step to have made work
/// for an earlier one, which a few nested layers of damage can do, not an endless chain.
const MAX_ROUNDS: usize = 4;

impl Normalizer for Sequence {
    fn name(&self) -> &'static str {
        "sequence"
    }

    fn normalize<'a>(&self, text: &'a str) -> Cow<'a, str> {
        self.run(Cow::Borrowed(text), |_, _| {}, &mut |_| {})
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sequence_reports_each_step_that_changed_the_text() {
        let sequence = Sequence::default();
        let mut changed = Vec::new();
        // "e" + combining acute (NFD), then a CRLF line ending.
        let out = sequence.apply("Caf\u{65}\u{301}  crème\r\n".into(), |s| changed.push(s));
        assert_eq!(out, "Café crème");
        assert_eq!(changed, ["nfc", "whitespace"]);

        changed.clear();
        let out = sequence.apply("caf&eacute; lâ€™Ã‰tat\u{200b}\u{ad}!".into(), |s| {
            changed.push(s)
        });
        assert_eq!(out, "café l’État!");
        assert_eq!(
            changed,
            ["html_entities", "invisible", "mojibake", "c1_controls"]
        );

        changed.clear();
        let out = sequence.apply("Déjà propre.".into(), |s| changed.push(s));
        assert_eq!(out, "Déjà propre.");
        assert!(changed.is_empty());
    }

    #[test]
    fn sequence_round_trips_through_json() {
        let sequence = Sequence::default();
        let json = serde_json::to_string(&sequence).unwrap();
        assert_eq!(
            json,
            r#"[{"type":"html_entities"},{"type":"invisible"},{"type":"mojibake"},{"type":"c1_controls"},{"type":"nfc"},{"type":"whitespace","max_blank_lines":1}]"#
        );
        let back: Sequence = serde_json::from_str(&json).unwrap();
        assert_eq!(back, sequence);
    }
}
