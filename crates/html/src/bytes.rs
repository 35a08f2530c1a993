//! Raw bytes → HTML text: gzip (detected by its magic bytes, not the file name), size limits,
//! and the charset (BOM, then `<meta charset>` / `http-equiv`, then UTF-8 validity, then
//! Windows-1252). Pure: bytes in, values out.

use crate::PageError;
use std::io::Read;
use warta_engine::analysis::{Diagnostic, DiagnosticCode};

/// The HTML of one page as text, with what was noticed on the way.
#[derive(Debug, Clone)]
pub struct Html {
    pub text: String,
    /// WHATWG name of the encoding used, e.g. `UTF-8`, `windows-1252`.
    pub encoding: &'static str,
    pub diagnostics: Vec<Diagnostic>,
}

/// Is this a gzip stream (RFC 1952 magic bytes)?
pub fn is_gzip(bytes: &[u8]) -> bool {
    bytes.len() >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b
}

/// Decompress if gzip, enforce `max_bytes` on the raw and the decompressed size, and decode.
///
/// A truncated gzip stream keeps what could be decompressed, with a `truncated_gzip` warning;
/// when nothing could be, it is an error. A page over `max_bytes` is an error (no partial
/// parse of a page that may be hostile).
pub fn read(bytes: &[u8], max_bytes: usize) -> Result<Html, PageError> {
    if bytes.len() > max_bytes {
        return Err(PageError::TooLarge { bytes: bytes.len(), max_bytes });
    }
    let mut diagnostics = Vec::new();
    let owned;
    let raw: &[u8] = if is_gzip(bytes) {
        let mut out = Vec::new();
        let mut reader = flate2::read::MultiGzDecoder::new(bytes).take(max_bytes as u64 + 1);
        match reader.read_to_end(&mut out) {
            Ok(_) => {}
            Err(e) if out.is_empty() => {
                return Err(PageError::Gzip(format!("gzip stream is corrupt or truncated, nothing recoverable ({e})")));
            }
            Err(e) => diagnostics.push(Diagnostic::warning(
                DiagnosticCode::TruncatedGzip,
                format!("gzip stream ends early ({e}); kept the {} bytes decompressed before the break", out.len()),
            )),
        }
        if out.len() > max_bytes {
            return Err(PageError::TooLarge { bytes: out.len(), max_bytes });
        }
        owned = out;
        &owned
    } else {
        bytes
    };
    if raw.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(PageError::Empty);
    }
    let (text, encoding) = decode(raw, &mut diagnostics)?;
    Ok(Html { text, encoding, diagnostics })
}

fn decode(raw: &[u8], diagnostics: &mut Vec<Diagnostic>) -> Result<(String, &'static str), PageError> {
    if let Some((enc, bom_len)) = encoding_rs::Encoding::for_bom(raw) {
        let (text, had_errors) = enc.decode_without_bom_handling(&raw[bom_len..]);
        if had_errors {
            diagnostics.push(replaced(enc.name()));
        }
        return Ok((text.into_owned(), enc.name()));
    }
    // Binary, not HTML: NUL bytes in the first KiB (UTF-16 without BOM is not a web page).
    if raw.iter().take(1024).filter(|&&b| b == 0).count() > 8 {
        return Err(PageError::Binary);
    }
    let declared = sniff_charset(&raw[..raw.len().min(4096)]);
    let enc = match declared {
        // A page that says UTF-16 but has no BOM was transcoded to ASCII-compatible bytes.
        Some(e) if e == encoding_rs::UTF_16LE || e == encoding_rs::UTF_16BE => encoding_rs::UTF_8,
        Some(e) => e,
        None if std::str::from_utf8(raw).is_ok() => encoding_rs::UTF_8,
        None => {
            diagnostics.push(Diagnostic::info(
                DiagnosticCode::CharsetGuessed,
                "no charset declared and the bytes are not UTF-8: decoded as windows-1252",
            ));
            encoding_rs::WINDOWS_1252
        }
    };
    let (text, _, had_errors) = enc.decode(raw);
    if had_errors {
        diagnostics.push(replaced(enc.name()));
    }
    Ok((text.into_owned(), enc.name()))
}

fn replaced(name: &str) -> Diagnostic {
    Diagnostic::warning(DiagnosticCode::InvalidBytes, format!("bytes invalid in {name} were replaced with U+FFFD"))
}

/// The charset a page declares in its first bytes: `<meta charset="x">` or
/// `<meta http-equiv="Content-Type" content="text/html; charset=x">`.
pub fn sniff_charset(head: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let lower: Vec<u8> = head.iter().map(|b| b.to_ascii_lowercase()).collect();
    let mut from = 0;
    while let Some(i) = find(&lower[from..], b"charset") {
        let mut j = from + i + 7;
        from = j;
        while j < lower.len() && lower[j].is_ascii_whitespace() {
            j += 1;
        }
        if j >= lower.len() || lower[j] != b'=' {
            continue;
        }
        j += 1;
        while j < lower.len() && (lower[j].is_ascii_whitespace() || lower[j] == b'"' || lower[j] == b'\'') {
            j += 1;
        }
        let start = j;
        while j < lower.len() && (lower[j].is_ascii_alphanumeric() || matches!(lower[j], b'-' | b'_' | b':' | b'.')) {
            j += 1;
        }
        if let Some(enc) = encoding_rs::Encoding::for_label(&lower[start..j]) {
            return Some(enc);
        }
    }
    None
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}
