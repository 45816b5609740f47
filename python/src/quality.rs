//! The quality filters for Python: `QualityFilters(**settings).judge_batch(texts, langs)`, what
//! the datatrove step `TamisQualityFilter` runs.

use std::borrow::Cow;

use pyo3::prelude::*;
use pyo3::types::PyDict;
use rayon::prelude::*;
use tamis::quality::{Quality, QualityConfig};

use crate::convert::to_value;
use crate::errors::config_error;

/// Gopher's quality and repetition rules, C4's and FineWeb's, as the quality stage runs them,
/// with its settings (`gopher_quality={...}`, `c4_quality={"enabled": True}`, `fineweb2=False`,
/// `languages={"fr": {...}}`).
#[pyclass(module = "tamis._tamis", frozen)]
pub struct QualityFilters {
    quality: Quality,
}

/// A failed document: filter, rule, value measured, limit.
type Failure = (&'static str, &'static str, f64, f64);

/// What the filters say of one text.
#[derive(IntoPyObject)]
enum Verdict {
    /// It fails: `(filter, rule, value, limit)`.
    Fails(Failure),
    /// It passes with this text (C4's rules removed lines).
    Rewritten(String),
}

#[pymethods]
impl QualityFilters {
    #[new]
    #[pyo3(signature = (**settings))]
    fn new(settings: Option<&Bound<'_, PyDict>>) -> PyResult<Self> {
        let value = match settings {
            Some(settings) => to_value(settings.as_any())?,
            None => serde_json::json!({}),
        };
        let config: QualityConfig = serde_json::from_value(value).map_err(|e| {
            config_error(format!(
                "quality settings: {}",
                e.to_string().replace('`', "\"")
            ))
        })?;
        let quality =
            Quality::new(&config).map_err(|e| config_error(format!("quality settings: {e}")))?;
        Ok(QualityFilters { quality })
    }

    /// For each text, in parallel: None when it passes as it is; a str when it passes with
    /// that text (C4's rules, when on, removed lines); else `(filter, rule, value, limit)`.
    /// `langs` gives each text's language (a code or name; None: detected).
    fn judge_batch(
        &self,
        py: Python<'_>,
        texts: Vec<String>,
        langs: Vec<Option<String>>,
    ) -> PyResult<Vec<Option<Verdict>>> {
        if langs.len() != texts.len() {
            return Err(config_error(format!(
                "judge_batch: {} texts but {} languages; give one language (or None) per text",
                texts.len(),
                langs.len()
            )));
        }
        let langs = langs
            .iter()
            .map(|lang| {
                lang.as_deref()
                    .map(|name| tamis::lang::parse_lang(name).map(|l| l.code()))
                    .transpose()
                    .map_err(|e| config_error(e.to_string()))
            })
            .collect::<PyResult<Vec<Option<&'static str>>>>()?;
        Ok(py.detach(|| {
            texts
                .par_iter()
                .zip(langs.par_iter())
                .map(|(text, lang)| {
                    let lang = lang.unwrap_or_else(|| tamis::detect_language(text).lang);
                    match self.quality.judge(text, lang) {
                        Ok(passed) => match passed.text {
                            Cow::Owned(text) => Some(Verdict::Rewritten(text)),
                            Cow::Borrowed(_) => None,
                        },
                        Err(drop) => {
                            let m = drop.measured;
                            Some(Verdict::Fails((drop.filter, m.rule, m.value, m.limit)))
                        }
                    }
                })
                .collect()
        }))
    }
}
