//! Text normalisation: small steps behind one [`Normalizer`] trait, composed in a [`Sequence`].
//!
//! Each step is a plain struct with its own settings, serialisable inside
//! [`Config`](crate::Config) as `{"type": "nfc"}`, `{"type": "whitespace", …}`, and reports
//! whether it changed a text so the stats can count changes per step.

mod nfc;
mod whitespace;

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

pub use nfc::Nfc;
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
    /// Unicode canonical composition ([`Nfc`]).
    Nfc(Nfc),
    /// Line endings, trailing spaces, space runs and blank lines ([`Whitespace`]).
    Whitespace(Whitespace),
}

impl Normalizer for Step {
    fn name(&self) -> &'static str {
        match self {
            Step::Nfc(step) => step.name(),
            Step::Whitespace(step) => step.name(),
        }
    }

    fn normalize<'a>(&self, text: &'a str) -> Cow<'a, str> {
        match self {
            Step::Nfc(step) => step.normalize(text),
            Step::Whitespace(step) => step.normalize(text),
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
    /// The steps `tamis clean` runs today: NFC, then whitespace clean-up.
    fn default() -> Self {
        Sequence::new(vec![
            Step::Nfc(Nfc),
            Step::Whitespace(Whitespace::default()),
        ])
    }
}

impl Sequence {
    /// A sequence of the given steps, applied in order.
    pub fn new(steps: Vec<Step>) -> Self {
        Sequence { steps }
    }

    /// The steps, in order.
    pub fn steps(&self) -> &[Step] {
        &self.steps
    }

    /// Applies every step to `text`, calling `changed(step_name)` for each step that changed it.
    pub fn apply(&self, mut text: String, mut changed: impl FnMut(&'static str)) -> String {
        for step in &self.steps {
            if let Cow::Owned(new) = step.normalize(&text) {
                changed(step.name());
                text = new;
            }
        }
        text
    }
}

impl Normalizer for Sequence {
    fn name(&self) -> &'static str {
        "sequence"
    }

    fn normalize<'a>(&self, text: &'a str) -> Cow<'a, str> {
        let mut current = Cow::Borrowed(text);
        for step in &self.steps {
            if let Cow::Owned(new) = step.normalize(&current) {
                current = Cow::Owned(new);
            }
        }
        current
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
            r#"[{"type":"nfc"},{"type":"whitespace","max_blank_lines":1}]"#
        );
        let back: Sequence = serde_json::from_str(&json).unwrap();
        assert_eq!(back, sequence);
    }
}
