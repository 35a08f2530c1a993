//! Bytes → text. UTF-8 (with or without BOM), UTF-16 with a BOM, and the legacy single-byte
//! encodings scraped Indonesian pages still arrive in (Windows-1252, Latin-1).
//!
//! **Contract:** [`decode`] never panics. It refuses only input that is not text at all
//! (empty, binary); anything else decodes, with a [`Diagnostic`] when bytes had to be
//! reinterpreted or replaced.

use crate::analysis::{Diagnostic, DiagnosticCode};
use std::fmt;

/// The decoded text of one input and how it was obtained.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    /// `utf-8`, `utf-16le`, `utf-16be`, `windows-1252`.
    pub encoding: &'static str,
    pub diagnostics: Vec<Diagnostic>,
}

/// Why an input is not an article at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    /// Zero bytes, or only whitespace.
    Empty,
    /// NUL bytes or many control characters: an image, an archive, an executable.
    Binary { reason: String },
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::Empty => write!(f, "empty file (no text)"),
            DecodeError::Binary { reason } => write!(f, "binary file, not text ({reason})"),
        }
    }
}

impl std::error::Error for DecodeError {}

/// Decode the bytes of one input into text.
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(DecodeError::Empty);
    }
    // Byte-order marks first: they are unambiguous.
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return finish_utf8(rest, vec![Diagnostic::info(DiagnosticCode::BomRemoved, "UTF-8 byte-order mark removed")]);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return decode_utf16(rest, false);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return decode_utf16(rest, true);
    }
    check_not_binary(bytes)?;
    finish_utf8(bytes, Vec::new())
}

fn finish_utf8(bytes: &[u8], mut diagnostics: Vec<Diagnostic>) -> Result<Decoded, DecodeError> {
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(Decoded { text: s.to_owned(), encoding: "utf-8", diagnostics }),
        Err(_) => {
            // Legacy single-byte text almost never forms valid multi-byte UTF-8 sequences;
            // UTF-8 with a few bad bytes (a truncated download, a spliced page) is mostly
            // valid multi-byte sequences with some damage.
            let (valid, invalid) = utf8_byte_census(bytes);
            if valid >= 2 * invalid {
                let text = String::from_utf8_lossy(bytes).into_owned();
                diagnostics.push(Diagnostic::warning(
                    DiagnosticCode::InvalidUtf8Replaced,
                    format!("{invalid} invalid UTF-8 sequence(s) replaced with U+FFFD"),
                ));
                Ok(Decoded { text, encoding: "utf-8", diagnostics })
            } else {
                let text: String = bytes.iter().map(|&b| windows_1252(b)).collect();
                diagnostics.push(Diagnostic::warning(
                    DiagnosticCode::DecodedWindows1252,
                    "not valid UTF-8; decoded as Windows-1252 (a superset of Latin-1)",
                ));
                Ok(Decoded { text, encoding: "windows-1252", diagnostics })
            }
        }
    }
}

/// Count bytes that belong to valid multi-byte UTF-8 sequences and invalid sequences.
fn utf8_byte_census(mut bytes: &[u8]) -> (usize, usize) {
    let (mut multibyte, mut invalid) = (0, 0);
    loop {
        match std::str::from_utf8(bytes) {
            Ok(s) => {
                multibyte += s.bytes().filter(|b| *b >= 0x80).count();
                return (multibyte, invalid);
            }
            Err(e) => {
                let (good, rest) = bytes.split_at(e.valid_up_to());
                multibyte += good.iter().filter(|b| **b >= 0x80).count();
                invalid += 1;
                let skip = e.error_len().unwrap_or(rest.len()).max(1);
                bytes = &rest[skip.min(rest.len())..];
                if bytes.is_empty() {
                    return (multibyte, invalid);
                }
            }
        }
    }
}

fn decode_utf16(bytes: &[u8], big_endian: bool) -> Result<Decoded, DecodeError> {
    let units = bytes.chunks(2).map(|c| {
        let pair = [c[0], *c.get(1).unwrap_or(&0)];
        if big_endian { u16::from_be_bytes(pair) } else { u16::from_le_bytes(pair) }
    });
    let mut replaced = 0usize;
    let text: String = char::decode_utf16(units)
        .map(|r| {
            r.unwrap_or_else(|_| {
                replaced += 1;
                '\u{FFFD}'
            })
        })
        .collect();
    if text.trim().is_empty() {
        return Err(DecodeError::Empty);
    }
    let encoding = if big_endian { "utf-16be" } else { "utf-16le" };
    let mut diagnostics =
        vec![Diagnostic::info(DiagnosticCode::DecodedUtf16, format!("decoded as {encoding} (byte-order mark)"))];
    if replaced > 0 {
        diagnostics.push(Diagnostic::warning(
            DiagnosticCode::InvalidUtf16Replaced,
            format!("{replaced} unpaired surrogate(s) replaced"),
        ));
    }
    Ok(Decoded { text, encoding, diagnostics })
}

/// Text has no NUL bytes and few C0 control characters other than tab/CR/LF/FF.
fn check_not_binary(bytes: &[u8]) -> Result<(), DecodeError> {
    let sample = &bytes[..bytes.len().min(64 * 1024)];
    if let Some(pos) = sample.iter().position(|&b| b == 0) {
        return Err(DecodeError::Binary { reason: format!("NUL byte at offset {pos}") });
    }
    let controls =
        sample.iter().filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c) || b == 0x7f).count();
    if controls * 100 > sample.len() {
        return Err(DecodeError::Binary {
            reason: format!("{controls} control bytes in the first {} bytes", sample.len()),
        });
    }
    Ok(())
}

/// Windows-1252 byte → char. 0x80–0x9F follow the Windows table; the five bytes it leaves
/// undefined map to the C1 controls, as Latin-1 and the WHATWG decoder do.
fn windows_1252(b: u8) -> char {
    const HIGH: [char; 32] = [
        '\u{20AC}', '\u{0081}', '\u{201A}', '\u{0192}', '\u{201E}', '\u{2026}', '\u{2020}', '\u{2021}', '\u{02C6}',
        '\u{2030}', '\u{0160}', '\u{2039}', '\u{0152}', '\u{008D}', '\u{017D}', '\u{008F}', '\u{0090}', '\u{2018}',
        '\u{2019}', '\u{201C}', '\u{201D}', '\u{2022}', '\u{2013}', '\u{2014}', '\u{02DC}', '\u{2122}', '\u{0161}',
        '\u{203A}', '\u{0153}', '\u{009D}', '\u{017E}', '\u{0178}',
    ];
    match b {
        0x80..=0x9F => HIGH[(b - 0x80) as usize],
        _ => b as char,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_passes_through() {
        let d = decode("Menteri tiba di Surabaya pukul 09.00 WIB — “resmi”.".as_bytes()).unwrap();
        assert_eq!(d.encoding, "utf-8");
        assert!(d.diagnostics.is_empty());
        assert!(d.text.contains("“resmi”"));
    }

    #[test]
    fn bom_is_stripped_and_noted() {
        let d = decode(b"\xEF\xBB\xBFBerita pagi").unwrap();
        assert_eq!(d.text, "Berita pagi");
        assert_eq!(d.diagnostics[0].code.as_str(), "bom_removed");
    }

    #[test]
    fn windows_1252_quotes_and_accents() {
        // “Café” – in Windows-1252.
        let d = decode(b"\x93Caf\xE9\x94 \x96 dibuka").unwrap();
        assert_eq!(d.encoding, "windows-1252");
        assert_eq!(d.text, "“Café” – dibuka");
        assert_eq!(d.diagnostics[0].code.as_str(), "decoded_windows_1252");
    }

    #[test]
    fn latin1_text_decodes() {
        let d = decode(b"Jos\xE9 dan Ren\xE9e bertemu di Bogor.").unwrap();
        assert_eq!(d.text, "José dan Renée bertemu di Bogor.");
    }

    #[test]
    fn a_few_bad_bytes_in_utf8_are_replaced() {
        let mut bytes = "Pertemuan “puncak” berlangsung di Jakarta pada Selasa — dan “lancar”. ".repeat(3).into_bytes();
        bytes.insert(20, 0xFF);
        let d = decode(&bytes).unwrap();
        assert_eq!(d.encoding, "utf-8");
        assert_eq!(d.diagnostics[0].code.as_str(), "invalid_utf8_replaced");
        assert!(d.text.contains('\u{FFFD}'));
    }

    #[test]
    fn utf16_with_bom() {
        let mut bytes = vec![0xFF, 0xFE];
        for u in "Rabu pagi".encode_utf16() {
            bytes.extend_from_slice(&u.to_le_bytes());
        }
        let d = decode(&bytes).unwrap();
        assert_eq!(d.text, "Rabu pagi");
        assert_eq!(d.encoding, "utf-16le");
    }

    #[test]
    fn empty_and_whitespace_are_errors() {
        assert_eq!(decode(b""), Err(DecodeError::Empty));
        assert_eq!(decode(b"  \n\t\n"), Err(DecodeError::Empty));
    }

    #[test]
    fn binary_is_an_error() {
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
        assert!(matches!(decode(png), Err(DecodeError::Binary { .. })));
        let noise: Vec<u8> = (0u8..=255).cycle().take(4096).filter(|&b| b != 0).collect();
        assert!(matches!(decode(&noise), Err(DecodeError::Binary { .. })));
    }
}
