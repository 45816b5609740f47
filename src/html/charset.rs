//! Pages in a legacy character set (`windows-1251`, `Shift_JIS`, `GBK`, `ISO-8859-1`…) decoded
//! by the charset their `<meta>` declares, as browsers do.

/// How far into a page its `<meta charset>` is looked for (the HTML standard's prescan reads
/// the first 1024 bytes; pages often put it later, after long `<script>`s).
const PRESCAN_BYTES: usize = 4096;

/// The bytes of an HTML page as UTF-8: unchanged when they are valid UTF-8 (or declare no
/// other charset), else decoded by the charset of their `<meta charset="…">` or `<meta
/// http-equiv="Content-Type" content="…; charset=…">`, encoding errors replaced by U+FFFD.
pub fn decode_page(bytes: Vec<u8>) -> Vec<u8> {
    if simdutf8::basic::from_utf8(&bytes).is_ok() {
        return bytes;
    }
    let Some(encoding) = declared_charset(&bytes[..bytes.len().min(PRESCAN_BYTES)]) else {
        return bytes;
    };
    if encoding == encoding_rs::UTF_8 {
        return bytes;
    }
    let (text, _) = encoding.decode_without_bom_handling(&bytes);
    text.into_owned().into_bytes()
}

/// [`decode_page`], with the charset the HTTP response declared (`Content-Type: text/html;
/// charset=…`) tried first, as browsers do.
pub fn decode_page_as(bytes: Vec<u8>, http_charset: Option<&str>) -> Vec<u8> {
    if simdutf8::basic::from_utf8(&bytes).is_ok() {
        return bytes;
    }
    match http_charset.and_then(|label| encoding_rs::Encoding::for_label(label.as_bytes())) {
        Some(encoding) if encoding != encoding_rs::UTF_8 => encoding
            .decode_without_bom_handling(&bytes)
            .0
            .into_owned()
            .into_bytes(),
        _ => decode_page(bytes),
    }
}

/// The encoding a page's head declares, if it names one `encoding_rs` knows.
fn declared_charset(head: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let lower = head.to_ascii_lowercase();
    let mut from = 0;
    while let Some(at) = memchr::memmem::find(&lower[from..], b"charset") {
        let mut i = from + at + b"charset".len();
        from = i;
        while lower.get(i).is_some_and(|b| b.is_ascii_whitespace()) {
            i += 1;
        }
        if lower.get(i) != Some(&b'=') {
            continue;
        }
        i += 1;
        while lower
            .get(i)
            .is_some_and(|b| b.is_ascii_whitespace() || *b == b'"' || *b == b'\'')
        {
            i += 1;
        }
        let start = i;
        while lower
            .get(i)
            .is_some_and(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':' | b'.'))
        {
            i += 1;
        }
        if let Some(encoding) = encoding_rs::Encoding::for_label(&lower[start..i]) {
            return Some(encoding);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_declared_legacy_charset_is_decoded() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(
            "<html><head><meta charset=\"windows-1251\"></head><body><p>Москва — столица</p>",
        );
        let page = String::from_utf8(decode_page(bytes.into_owned())).unwrap();
        assert!(page.contains("Москва — столица"));

        let (bytes, _, _) = encoding_rs::SHIFT_JIS.encode(
            "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=Shift_JIS\"><p>東京の天気</p>",
        );
        let page = String::from_utf8(decode_page(bytes.into_owned())).unwrap();
        assert!(page.contains("東京の天気"));
    }

    #[test]
    fn utf8_and_undeclared_pages_are_left_as_they_are() {
        let utf8 = "<meta charset=iso-8859-1><p>déjà</p>".as_bytes().to_vec();
        assert_eq!(decode_page(utf8.clone()), utf8);
        let latin1 = b"<p>d\xe9j\xe0</p>".to_vec();
        assert_eq!(decode_page(latin1.clone()), latin1);
    }
}
