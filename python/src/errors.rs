//! tamis' errors as Python exceptions, with the library's messages.

use pyo3::exceptions::{PyException, PyOSError};
use pyo3::prelude::*;
use pyo3::{PyErr, create_exception};

create_exception!(
    _tamis,
    TamisError,
    PyException,
    "An error from tamis; the message says what is wrong and what to do."
);
create_exception!(
    _tamis,
    ConfigError,
    TamisError,
    "A setting that cannot be used, named by its place in the configuration (`dedup.threshold`)."
);
create_exception!(
    _tamis,
    BadInputError,
    TamisError,
    "Input that cannot be read as documents, with the file and the line or byte offset."
);

/// The Python exception of a library error.
pub fn to_py_err(error: tamis::Error) -> PyErr {
    let message = error.to_string();
    match error {
        tamis::Error::Config(_)
        | tamis::Error::OutputConflict { .. }
        | tamis::Error::Threads { .. }
        | tamis::Error::BadPath { .. } => ConfigError::new_err(message),
        tamis::Error::BadInput(_)
        | tamis::Error::NothingReadable { .. }
        | tamis::Error::MalformedWarc { .. }
        | tamis::Error::Parquet { .. } => BadInputError::new_err(message),
        tamis::Error::Io { .. } => PyOSError::new_err(message),
        _ => TamisError::new_err(message),
    }
}

/// A problem with the settings given from Python.
pub fn config_error(message: impl Into<String>) -> PyErr {
    ConfigError::new_err(message.into())
}

/// Adds the exception classes to the module.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("TamisError", py.get_type::<TamisError>())?;
    m.add("ConfigError", py.get_type::<ConfigError>())?;
    m.add("BadInputError", py.get_type::<BadInputError>())?;
    Ok(())
}
