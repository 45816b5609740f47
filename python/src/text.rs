//! One string at a time (or a list of them, in parallel): normalise, detect, strip, fold.

use pyo3::prelude::*;
use pyo3::types::PyString;
use rayon::prelude::*;

use tamis::normalize::TypographyPolicy;

use crate::errors::{config_error, to_py_err};

/// The typography policy named `name`.
pub fn typography_policy(name: &str) -> PyResult<TypographyPolicy> {
    match name {
        "native" => Ok(TypographyPolicy::Native),
        "plain" => Ok(TypographyPolicy::Plain),
        "keep" => Ok(TypographyPolicy::Keep),
        other => Err(config_error(format!(
            "typography {other:?}: use \"native\" (each language's conventions), \"plain\" \
             (ASCII quotes, plain spaces) or \"keep\" (repair only)"
        ))),
    }
}

/// The language of a text: ISO 639-3 code (`"und"` when unreliable), script, confidence.
#[pyclass(module = "tamis._tamis", frozen, eq, get_all)]
#[derive(Debug, Clone, PartialEq)]
pub struct Detection {
    /// ISO 639-3 code, or "und".
    pub lang: String,
    /// ISO 639-1 code when the language has one (`"fr"`), else the 639-3 code.
    pub lang_short: String,
    /// Writing system as whatlang names it ("Latin", "Cyrillic"…); None without letters.
    pub script: Option<String>,
    /// Confidence from 0 to 1.
    pub confidence: f64,
}

#[pymethods]
impl Detection {
    #[new]
    #[pyo3(signature = (lang, lang_short, script, confidence))]
    fn new(lang: String, lang_short: String, script: Option<String>, confidence: f64) -> Self {
        Detection {
            lang,
            lang_short,
            script,
            confidence,
        }
    }

    #[allow(clippy::type_complexity)]
    fn __reduce__<'py>(
        &self,
        py: Python<'py>,
    ) -> (
        Bound<'py, pyo3::types::PyType>,
        (String, String, Option<String>, f64),
    ) {
        (
            py.get_type::<Detection>(),
            (
                self.lang.clone(),
                self.lang_short.clone(),
                self.script.clone(),
                self.confidence,
            ),
        )
    }

    fn __repr__(&self) -> String {
        format!(
            "Detection(lang={:?}, script={}, confidence={:.3})",
            self.lang,
            self.script
                .as_deref()
                .map_or("None".to_owned(), |s| format!("{s:?}")),
            self.confidence
        )
    }
}

impl From<tamis::lang::Detection> for Detection {
    fn from(d: tamis::lang::Detection) -> Self {
        Detection {
            lang: d.lang.to_owned(),
            lang_short: tamis::lang::parse_lang(d.lang)
                .ok()
                .map(tamis::lang::iso_639_1)
                .filter(|code| !code.is_empty())
                .unwrap_or(d.lang)
                .to_owned(),
            script: d.script.map(str::to_owned),
            confidence: d.confidence,
        }
    }
}

/// A line the boilerplate stage removed.
#[pyclass(module = "tamis._tamis", frozen, eq, get_all)]
#[derive(Debug, Clone, PartialEq)]
pub struct Removal {
    /// 1-based line number in the text before stripping.
    pub line: usize,
    /// The removed line.
    pub text: String,
    /// The rule that removed it.
    pub rule: String,
    /// What the line was: "photo_credit", "read_also", "share", …
    pub kind: String,
    /// For the classifier's removals, the features that decided.
    pub why: Vec<String>,
}

#[pymethods]
impl Removal {
    #[new]
    #[pyo3(signature = (line, text, rule, kind, why=Vec::new()))]
    fn new(line: usize, text: String, rule: String, kind: String, why: Vec<String>) -> Self {
        Removal {
            line,
            text,
            rule,
            kind,
            why,
        }
    }

    #[allow(clippy::type_complexity)]
    fn __reduce__<'py>(
        &self,
        py: Python<'py>,
    ) -> (
        Bound<'py, pyo3::types::PyType>,
        (usize, String, String, String, Vec<String>),
    ) {
        (
            py.get_type::<Removal>(),
            (
                self.line,
                self.text.clone(),
                self.rule.clone(),
                self.kind.clone(),
                self.why.clone(),
            ),
        )
    }

    fn __repr__(&self) -> String {
        format!(
            "Removal(line={}, kind={:?}, rule={:?}, text={:?})",
            self.line, self.kind, self.rule, self.text
        )
    }
}

impl From<tamis::boilerplate::Removal> for Removal {
    fn from(r: tamis::boilerplate::Removal) -> Self {
        Removal {
            line: r.line,
            text: r.text,
            rule: r.rule,
            kind: r.kind.as_str().to_owned(),
            why: r.why,
        }
    }
}

/// Repairs `text` (HTML references, invisible characters, mojibake, NFC, whitespace) and
/// applies the typography of its language (`lang`: "fr", "fra" or "French"; detected when None).
#[pyfunction]
#[pyo3(signature = (text, lang=None, typography="native"))]
pub fn normalize(
    py: Python<'_>,
    text: &str,
    lang: Option<&str>,
    typography: &str,
) -> PyResult<String> {
    let policy = typography_policy(typography)?;
    py.detach(|| tamis::normalize_text_with(text, lang, policy))
        .map_err(to_py_err)
}

/// `normalize` over a list of texts, in parallel; `langs` (one per text, or None) as `lang`.
/// A text the repair and typography leave as it is comes back as the same object.
#[pyfunction]
#[pyo3(signature = (texts, langs=None, typography="native"))]
pub fn normalize_batch<'py>(
    py: Python<'py>,
    texts: Vec<Bound<'py, PyString>>,
    langs: Option<Vec<Option<String>>>,
    typography: &str,
) -> PyResult<Vec<Bound<'py, PyString>>> {
    let policy = typography_policy(typography)?;
    let owned = texts
        .iter()
        .map(|text| Ok(text.to_cow()?.into_owned()))
        .collect::<PyResult<Vec<String>>>()?;
    let normalized = each_text(py, &owned, langs.as_deref(), |text, lang| {
        let out = tamis::normalize_text_with(text, lang, policy)?;
        Ok((out != *text).then_some(out))
    })?;
    Ok(texts
        .into_iter()
        .zip(normalized)
        .map(|(text, changed)| match changed {
            Some(changed) => PyString::new(py, &changed),
            None => text,
        })
        .collect())
}

/// The ISO 639-3 code of a language as people write it ("fr", "fra", "fre", "French",
/// "français"); ConfigError for a language tamis does not know.
#[pyfunction]
pub fn language_code(name: &str) -> PyResult<&'static str> {
    Ok(tamis::lang::parse_lang(name).map_err(to_py_err)?.code())
}

/// The language of `text`.
#[pyfunction]
pub fn detect(py: Python<'_>, text: &str) -> Detection {
    py.detach(|| tamis::detect_language(text)).into()
}

/// The language of each text, in parallel.
#[pyfunction]
pub fn detect_batch(py: Python<'_>, texts: Vec<String>) -> Vec<Detection> {
    py.detach(|| {
        texts
            .par_iter()
            .map(|text| Detection::from(tamis::detect_language(text)))
            .collect()
    })
}

/// `text` without its boilerplate lines, and the lines removed (`lang` as in `normalize`).
#[pyfunction]
#[pyo3(signature = (text, lang=None))]
pub fn strip_boilerplate(
    py: Python<'_>,
    text: &str,
    lang: Option<&str>,
) -> PyResult<(String, Vec<Removal>)> {
    let (kept, removals) = py
        .detach(|| tamis::strip_boilerplate(text, lang))
        .map_err(to_py_err)?;
    Ok((kept, removals.into_iter().map(Removal::from).collect()))
}

/// The main text of an HTML page (one block per line), its `<title>`, and the blocks left out
/// (`threshold`: the block classifier's, 0–1; the default when None).
#[pyfunction]
#[pyo3(signature = (page, threshold=None))]
pub fn extract_html(
    py: Python<'_>,
    page: &str,
    threshold: Option<f32>,
) -> PyResult<(String, String, Vec<Removal>)> {
    let mut config = tamis::html::HtmlConfig::default();
    if let Some(threshold) = threshold {
        config.threshold = threshold;
    }
    config.validate().map_err(to_py_err)?;
    let extracted = py.detach(|| tamis::html::extract_with(page, &config));
    let removed = extracted
        .removed
        .into_iter()
        .map(|block| Removal::from(block.into_removal()))
        .collect();
    Ok((extracted.text, extracted.title, removed))
}

/// `strip_boilerplate` over a list of texts, in parallel; `langs` (one per text, or None) as
/// `lang`.
#[pyfunction]
#[pyo3(signature = (texts, langs=None))]
pub fn strip_boilerplate_batch(
    py: Python<'_>,
    texts: Vec<String>,
    langs: Option<Vec<Option<String>>>,
) -> PyResult<Vec<(String, Vec<Removal>)>> {
    let stripped = each_text(py, &texts, langs.as_deref(), tamis::strip_boilerplate)?;
    Ok(stripped
        .into_iter()
        .map(|(text, removals)| (text, removals.into_iter().map(Removal::from).collect()))
        .collect())
}

/// `each(text, lang)` on every text in parallel, the GIL released; `langs` gives one language
/// (or None) per text, or is None.
fn each_text<T: Send>(
    py: Python<'_>,
    texts: &[String],
    langs: Option<&[Option<String>]>,
    each: impl Fn(&str, Option<&str>) -> tamis::Result<T> + Sync,
) -> PyResult<Vec<T>> {
    check_langs(texts.len(), langs)?;
    py.detach(|| {
        texts
            .par_iter()
            .enumerate()
            .map(|(i, text)| each(text, langs.and_then(|l| l[i].as_deref())))
            .collect::<tamis::Result<Vec<T>>>()
    })
    .map_err(to_py_err)
}

/// One language (or None) per text, or none at all.
fn check_langs(texts: usize, langs: Option<&[Option<String>]>) -> PyResult<()> {
    match langs {
        Some(langs) if langs.len() != texts => Err(config_error(format!(
            "{texts} texts but {} languages: give one language (or None) per text",
            langs.len()
        ))),
        _ => Ok(()),
    }
}

/// The comparison key near-duplicate detection uses: lowercase, no punctuation or typography,
/// digits read as 0, words separated by single spaces; accents removed unless
/// `strip_accents=False`.
#[pyfunction]
#[pyo3(signature = (text, strip_accents=true))]
pub fn fold(py: Python<'_>, text: &str, strip_accents: bool) -> String {
    py.detach(|| tamis::normalize::fold(text, strip_accents))
}
