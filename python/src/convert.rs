//! Python objects ↔ JSON values and documents. Written by hand rather than through serde: tamis
//! keeps numbers exactly as read (serde_json's `arbitrary_precision`), which a generic serde
//! bridge would hand to Python as dictionaries.

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
use serde_json::{Map, Number, Value};

use tamis::Document;
use tamis::io::{MAX_JSON_DEPTH, ReadOptions};

/// The JSON value of a Python object made of `None`, booleans, numbers, strings, lists, tuples
/// and dicts with string keys, nested at most [`MAX_JSON_DEPTH`] deep as the CLI reads them (a
/// list or dict that holds itself is refused, not followed).
pub fn to_value(obj: &Bound<'_, PyAny>) -> PyResult<Value> {
    to_value_within(obj, MAX_JSON_DEPTH)
}

/// [`to_value`] with `levels` more levels of lists and dicts allowed.
fn to_value_within(obj: &Bound<'_, PyAny>, levels: usize) -> PyResult<Value> {
    if obj.is_none() {
        return Ok(Value::Null);
    }
    if let Ok(b) = obj.cast::<PyBool>() {
        return Ok(Value::Bool(b.is_true()));
    }
    if obj.is_instance_of::<PyInt>() {
        if let Ok(i) = obj.extract::<i64>() {
            return Ok(Value::Number(i.into()));
        }
        if let Ok(u) = obj.extract::<u64>() {
            return Ok(Value::Number(u.into()));
        }
        // Larger integers keep every digit.
        let digits = obj.str()?.to_string();
        return serde_json::from_str::<Value>(&digits)
            .map_err(|e| PyValueError::new_err(format!("{digits}: {e}")));
    }
    if let Ok(f) = obj.cast::<PyFloat>() {
        let f = f.value();
        return Number::from_f64(f)
            .map(Value::Number)
            .ok_or_else(|| PyValueError::new_err(format!("{f} cannot be stored in JSON")));
    }
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(Value::String(s.to_cow()?.into_owned()));
    }
    let too_deep = || {
        PyValueError::new_err(format!(
            "a value is nested more than {MAX_JSON_DEPTH} lists or dicts deep, the most tamis \
             reads (does a list or dict hold itself?)"
        ))
    };
    // The levels left inside a list or dict.
    let inner = levels.checked_sub(1);
    if let Ok(dict) = obj.cast::<PyDict>() {
        let inner = inner.ok_or_else(too_deep)?;
        let mut map = Map::with_capacity(dict.len());
        for (key, value) in dict.iter() {
            let key: String = key
                .extract()
                .map_err(|_| PyTypeError::new_err("dictionary keys must be strings"))?;
            map.insert(key, to_value_within(&value, inner)?);
        }
        return Ok(Value::Object(map));
    }
    if let Ok(list) = obj.cast::<PyList>() {
        let inner = inner.ok_or_else(too_deep)?;
        return list
            .iter()
            .map(|item| to_value_within(&item, inner))
            .collect();
    }
    if let Ok(tuple) = obj.cast::<PyTuple>() {
        let inner = inner.ok_or_else(too_deep)?;
        return tuple
            .iter()
            .map(|item| to_value_within(&item, inner))
            .collect();
    }
    Err(PyTypeError::new_err(format!(
        "a {} cannot be stored in JSON (use None, bool, int, float, str, list or dict)",
        obj.get_type().name()?
    )))
}

/// The Python object of a JSON value (integers as `int` with every digit, objects as `dict`
/// in order).
pub fn to_py<'py>(py: Python<'py>, value: &Value) -> PyResult<Bound<'py, PyAny>> {
    Ok(match value {
        Value::Null => py.None().into_bound(py),
        Value::Bool(b) => PyBool::new(py, *b).to_owned().into_any(),
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                i.into_pyobject(py)?.into_any()
            } else if let Some(u) = n.as_u64() {
                u.into_pyobject(py)?.into_any()
            } else if let Some(f) = n.as_f64().filter(|_| !is_integer(n)) {
                PyFloat::new(py, f).into_any()
            } else {
                // An integer beyond 64 bits: Python's int reads its digits.
                py.get_type::<PyInt>().call1((n.to_string(),))?
            }
        }
        Value::String(s) => PyString::new(py, s).into_any(),
        Value::Array(items) => {
            let list = PyList::empty(py);
            for item in items {
                list.append(to_py(py, item)?)?;
            }
            list.into_any()
        }
        Value::Object(map) => {
            let dict = PyDict::new(py);
            for (key, item) in map {
                dict.set_item(key, to_py(py, item)?)?;
            }
            dict.into_any()
        }
    })
}

/// Whether a number is written as an integer (no fraction, no exponent).
fn is_integer(n: &Number) -> bool {
    let text = n.to_string();
    !text.contains(['.', 'e', 'E'])
}

/// A document from a dict: the text under `read.text_field` (a string, required), the id under
/// `read.id_field` (a string or an int; `default_id` when absent), every other key as metadata.
pub fn document(
    obj: &Bound<'_, PyAny>,
    read: &ReadOptions,
    default_id: impl FnOnce() -> String,
) -> PyResult<Document> {
    let dict = obj.cast::<PyDict>().map_err(|_| {
        PyTypeError::new_err(format!(
            "a document is a dict with a {:?} field, not a {}",
            read.text_field,
            obj.get_type()
                .name()
                .map(|n| n.to_string())
                .unwrap_or_default()
        ))
    })?;
    let mut text = None;
    let mut id = None;
    let mut meta = Map::with_capacity(dict.len());
    for (key, value) in dict.iter() {
        let key: String = key
            .extract()
            .map_err(|_| PyTypeError::new_err("dictionary keys must be strings"))?;
        if key == read.text_field {
            let s = value
                .cast::<PyString>()
                .map_err(|_| PyTypeError::new_err(format!("the {key:?} field must be a str")))?;
            text = Some(s.to_cow()?.into_owned());
        } else if key == read.id_field {
            id = match to_value(&value)? {
                Value::String(s) => Some(s),
                Value::Number(n) => Some(n.to_string()),
                Value::Null => None,
                _ => {
                    return Err(PyTypeError::new_err(format!(
                        "the {key:?} field must be a str or an int"
                    )));
                }
            };
        } else {
            // The document itself is the first level.
            meta.insert(key, to_value_within(&value, MAX_JSON_DEPTH - 1)?);
        }
    }
    let text = text.ok_or_else(|| {
        PyValueError::new_err(format!("the document has no {:?} field", read.text_field))
    })?;
    Ok(Document {
        id: id.unwrap_or_else(default_id),
        text,
        meta,
    })
}

/// A document as a dict: id, text, then the metadata in order. `id` replaces the id when the
/// caller gave another kind of object (an int) for it.
pub fn document_to_py<'py>(
    py: Python<'py>,
    doc: &Document,
    read: &ReadOptions,
    id: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyDict>> {
    let dict = PyDict::new(py);
    match id {
        Some(id) => dict.set_item(&read.id_field, id)?,
        None => dict.set_item(&read.id_field, &doc.id)?,
    }
    dict.set_item(&read.text_field, &doc.text)?;
    for (key, value) in &doc.meta {
        if key != &read.id_field && key != &read.text_field {
            dict.set_item(key, to_py(py, value)?)?;
        }
    }
    Ok(dict)
}
