//! The unit tamis works on: one document with its id, text and pass-through metadata.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// One document of a corpus.
///
/// `meta` holds every field of the input record that tamis does not own (everything but the id
/// and text fields), in input order, plus the fields tamis adds (such as a `date` taken from a
/// header line). Writing a document back as JSONL reproduces those fields untouched.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// Identifier: the record's id field, or `FILE:LINE` / a relative path when it has none.
    pub id: String,
    /// The text tamis cleans.
    pub text: String,
    /// Every other field, passed through.
    #[serde(default)]
    pub meta: Map<String, Value>,
}

impl Document {
    /// A document with no metadata.
    pub fn new(id: impl Into<String>, text: impl Into<String>) -> Self {
        Document {
            id: id.into(),
            text: text.into(),
            meta: Map::new(),
        }
    }

    /// A view that serialises as the JSON record of this document: `id_field`, `text_field`,
    /// then `meta` in order, without copying the text.
    ///
    /// A `meta` key named like the id or text field is skipped: the document's own value wins
    /// (such a key can only come from a caller building the map by hand).
    pub fn as_record<'a>(&'a self, id_field: &'a str, text_field: &'a str) -> Record<'a> {
        Record {
            doc: self,
            id_field,
            text_field,
        }
    }
}

/// A [`Document`] seen as a JSON record with chosen id and text field names.
#[derive(Debug, Clone, Copy)]
pub struct Record<'a> {
    doc: &'a Document,
    id_field: &'a str,
    text_field: &'a str,
}

impl Serialize for Record<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let own = |key: &str| key == self.id_field || key == self.text_field;
        let extra = self.doc.meta.keys().filter(|k| !own(k)).count();
        let mut map = serializer.serialize_map(Some(extra + 2))?;
        map.serialize_entry(self.id_field, &self.doc.id)?;
        map.serialize_entry(self.text_field, &self.doc.text)?;
        for (key, value) in &self.doc.meta {
            if !own(key) {
                map.serialize_entry(key, value)?;
            }
        }
        map.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn record_puts_id_and_text_first_keeps_meta_order_and_skips_shadowed_keys() {
        let mut doc = Document::new("a1", "Bonjour");
        doc.meta
            .insert("url".into(), Value::from("https://example.fr/a1"));
        doc.meta.insert("score".into(), Value::from(0.5));
        doc.meta.insert("content".into(), Value::from("stale"));
        let json = serde_json::to_string(&doc.as_record("id", "content")).unwrap();
        assert_eq!(
            json,
            r#"{"id":"a1","content":"Bonjour","url":"https://example.fr/a1","score":0.5}"#
        );
    }
}
