//! HTTP/1.x response blocks as WARC `response` records hold them: status line, headers, body;
//! chunked transfer-encoding undone, gzip/deflate content-encoding undone, the charset of the
//! `Content-Type` header kept as a hint for the HTML decoder. Pure: bytes in, values out.

use std::io::Read;

/// One parsed HTTP response.
#[derive(Debug, Clone)]
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    /// The payload after transfer- and content-decoding.
    pub body: Vec<u8>,
}

impl Response {
    /// The first header with this name (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        header(&self.headers, name)
    }

    /// The media type of `Content-Type`, lowercased, without parameters.
    pub fn mime(&self) -> Option<String> {
        self.header("content-type").map(mime_of)
    }
}

/// The first header with this name (case-insensitive).
pub fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
}

/// `text/html; charset=UTF-8` → `text/html`.
pub fn mime_of(content_type: &str) -> String {
    content_type.split(';').next().unwrap_or("").trim().to_ascii_lowercase()
}

/// The encoding named by a `charset=` parameter, if encoding_rs knows the label.
pub fn charset_of(content_type: &str) -> Option<&'static encoding_rs::Encoding> {
    content_type.split(';').skip(1).find_map(|p| {
        let (k, v) = p.split_once('=')?;
        if !k.trim().eq_ignore_ascii_case("charset") {
            return None;
        }
        encoding_rs::Encoding::for_label(v.trim().trim_matches(['"', '\'']).as_bytes())
    })
}

/// Is this media type a web page?
pub fn is_html_mime(mime: &str) -> bool {
    matches!(mime, "text/html" | "application/xhtml+xml")
}

/// Parse an HTTP response block. `max_bytes` bounds the decoded body (a gzip bomb is an error).
pub fn parse_response(block: &[u8], max_bytes: usize) -> Result<Response, String> {
    let (head_end, body_start) = match find(block, b"\r\n\r\n") {
        Some(i) => (i, i + 4),
        None => match find(block, b"\n\n") {
            Some(i) => (i, i + 2),
            None => return Err("HTTP response has no end of headers".into()),
        },
    };
    let head = String::from_utf8_lossy(&block[..head_end]);
    let mut lines = head.lines();
    let status_line = lines.next().unwrap_or("");
    let mut parts = status_line.split_whitespace();
    let proto = parts.next().unwrap_or("");
    if !proto.starts_with("HTTP/") {
        return Err(format!("not an HTTP response: status line {:?}", truncate(status_line, 60)));
    }
    let status: u16 =
        parts.next().and_then(|s| s.parse().ok()).ok_or_else(|| format!("bad HTTP status line {status_line:?}"))?;
    let mut headers = Vec::new();
    for line in lines {
        if let Some((k, v)) = line.split_once(':') {
            headers.push((k.trim().to_string(), v.trim().to_string()));
        }
    }
    let mut body = block[body_start..].to_vec();
    if header(&headers, "transfer-encoding").is_some_and(|t| t.to_ascii_lowercase().contains("chunked"))
        && looks_chunked(&body)
    {
        body = dechunk(&body)?;
    }
    if let Some(enc) = header(&headers, "content-encoding") {
        body = decode_content(enc, body, max_bytes)?;
    }
    if body.len() > max_bytes {
        return Err(format!("HTTP body of {} bytes is over the limit of {max_bytes}", body.len()));
    }
    Ok(Response { status, headers, body })
}

/// Undo a `Content-Encoding` (gzip, x-gzip, deflate; identity). A body that does not carry the
/// encoding's signature was already decoded by the crawler and is kept as it is.
pub fn decode_content(encoding: &str, body: Vec<u8>, max_bytes: usize) -> Result<Vec<u8>, String> {
    let enc = encoding.trim().to_ascii_lowercase();
    let limit = max_bytes as u64 + 1;
    let mut out = Vec::new();
    match enc.as_str() {
        "" | "identity" | "none" => return Ok(body),
        "gzip" | "x-gzip" => {
            if !(body.len() >= 2 && body[0] == 0x1f && body[1] == 0x8b) {
                return Ok(body);
            }
            flate2::read::MultiGzDecoder::new(&body[..])
                .take(limit)
                .read_to_end(&mut out)
                .map_err(|e| format!("gzip content-encoding is corrupt: {e}"))?;
        }
        "deflate" => {
            // RFC says zlib; some servers send raw deflate.
            let zlib = flate2::read::ZlibDecoder::new(&body[..]).take(limit).read_to_end(&mut out);
            if zlib.is_err() {
                out.clear();
                flate2::read::DeflateDecoder::new(&body[..])
                    .take(limit)
                    .read_to_end(&mut out)
                    .map_err(|e| format!("deflate content-encoding is corrupt: {e}"))?;
            }
        }
        other => return Err(format!("content-encoding {other:?} is not supported (gzip and deflate are)")),
    }
    if out.len() > max_bytes {
        return Err(format!("decompressed body is over the limit of {max_bytes} bytes"));
    }
    Ok(out)
}

fn looks_chunked(body: &[u8]) -> bool {
    let line_end = body.iter().position(|&b| b == b'\n').unwrap_or(body.len());
    let line = body[..line_end].strip_suffix(b"\r").unwrap_or(&body[..line_end]);
    let size = line.split(|&b| b == b';').next().unwrap_or(b"");
    !size.is_empty() && size.len() <= 16 && size.iter().all(|b| b.is_ascii_hexdigit())
}

/// Undo chunked transfer-encoding (RFC 9112 §7.1); trailers are ignored.
pub fn dechunk(body: &[u8]) -> Result<Vec<u8>, String> {
    let mut out = Vec::with_capacity(body.len());
    let mut pos = 0;
    loop {
        let nl = body[pos..].iter().position(|&b| b == b'\n').ok_or("chunked body ends before its last chunk")?;
        let line = String::from_utf8_lossy(&body[pos..pos + nl]);
        let size_hex = line.trim().split(';').next().unwrap_or("").trim();
        let size = usize::from_str_radix(size_hex, 16)
            .map_err(|_| format!("bad chunk size {:?} at byte {pos} of the body", truncate(size_hex, 20)))?;
        pos += nl + 1;
        if size == 0 {
            return Ok(out);
        }
        let end = pos.checked_add(size).filter(|&e| e <= body.len()).ok_or("chunked body ends inside a chunk")?;
        out.extend_from_slice(&body[pos..end]);
        pos = end;
        // CRLF after the chunk data.
        if body[pos..].starts_with(b"\r\n") {
            pos += 2;
        } else if body[pos..].starts_with(b"\n") {
            pos += 1;
        }
    }
}

pub(crate) fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

pub(crate) fn truncate(s: &str, n: usize) -> String {
    s.chars().take(n).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn gz(data: &[u8]) -> Vec<u8> {
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        e.write_all(data).unwrap();
        e.finish().unwrap()
    }

    #[test]
    fn responses() {
        let plain = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=ISO-8859-1\r\n\r\n<p>hai</p>";
        let r = parse_response(plain, 1000).unwrap();
        assert_eq!((r.status, r.body.as_slice()), (200, &b"<p>hai</p>"[..]));
        assert_eq!(r.mime().as_deref(), Some("text/html"));
        assert_eq!(charset_of(r.header("content-type").unwrap()), Some(encoding_rs::WINDOWS_1252));

        let chunked =
            b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\n<p>h\r\n6;ext=1\r\nai</p>\r\n0\r\n\r\n";
        assert_eq!(parse_response(chunked, 1000).unwrap().body, b"<p>hai</p>");

        let mut zipped = b"HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n".to_vec();
        let body = gz(b"<p>isi</p>");
        zipped.extend_from_slice(format!("{:x}\r\n", body.len()).as_bytes());
        zipped.extend_from_slice(&body);
        zipped.extend_from_slice(b"\r\n0\r\n\r\n");
        assert_eq!(parse_response(&zipped, 1000).unwrap().body, b"<p>isi</p>");

        // Already decoded by the crawler (header kept): kept as is.
        let decoded = b"HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n<p>x</p>";
        assert_eq!(parse_response(decoded, 1000).unwrap().body, b"<p>x</p>");

        let bad_chunk = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nff\r\nshort";
        assert!(parse_response(bad_chunk, 1000).unwrap_err().contains("inside a chunk"));
        assert!(parse_response(b"GET / HTTP/1.1\r\n\r\n", 1000).is_err());
        let bomb = [b"HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n\r\n".as_slice(), &gz(&[b'a'; 5000])].concat();
        assert!(parse_response(&bomb, 1000).unwrap_err().contains("limit"));
    }
}
