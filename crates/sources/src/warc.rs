//! WARC 1.0 / 1.1 archives (ISO 28500), plain or gzip — one gzip member per record as Common
//! Crawl and news crawls publish them, or the whole file as one member — read record by
//! record from any [`BufRead`]: a multi-GB archive is never held in memory, only one record.
//!
//! Errors keep the reader going where it can: a record whose header is malformed, or whose
//! gzip member is corrupt, is reported ([`WarcError::Corrupt`]) and reading resumes at the
//! next record (the next `WARC/` line, or the next gzip member); an archive that ends inside
//! a record gives one [`WarcError::Truncated`] and ends. Offsets are byte offsets in the file
//! as stored (for `.warc.gz`, of the record's gzip member), as CDX indexes give them.

use flate2::bufread::GzDecoder;
use std::fmt;
use std::io::{self, BufRead, BufReader, Read};

/// Longest header line accepted.
const MAX_LINE: u64 = 64 * 1024;
/// Default cap on a record's whole header.
pub const DEFAULT_MAX_HEADER: u64 = 256 * 1024;

/// One WARC record: its named fields and its block (for a `response`, the HTTP message).
#[derive(Debug, Clone)]
pub struct Record {
    /// Byte offset in the file (for gzip, of the member holding the record).
    pub offset: u64,
    /// `WARC/1.0` or `WARC/1.1`.
    pub version: String,
    pub headers: Vec<(String, String)>,
    pub block: Vec<u8>,
}

impl Record {
    /// The first header with this name (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        crate::http::header(&self.headers, name)
    }
    /// `WARC-Type`, lowercased (`response`, `resource`, `request`, `metadata`, …).
    pub fn warc_type(&self) -> String {
        self.header("WARC-Type").unwrap_or("").to_ascii_lowercase()
    }
    /// `WARC-Target-URI`, without the `<>` some writers put around it.
    pub fn target_uri(&self) -> Option<&str> {
        self.header("WARC-Target-URI").map(|u| u.trim().trim_start_matches('<').trim_end_matches('>'))
    }
}

/// What went wrong with one record.
#[derive(Debug)]
pub enum WarcError {
    /// The archive ends inside the record at `offset`: every record before it was read.
    Truncated { offset: u64, detail: String },
    /// The record at `offset` is malformed or its gzip member corrupt: skipped, reading goes on.
    Corrupt { offset: u64, detail: String },
    /// Reading the file failed.
    Io(io::Error),
}

impl fmt::Display for WarcError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WarcError::Truncated { offset, detail } => {
                write!(
                    f,
                    "archive truncated in the record at offset {offset} ({detail}); the records before it were read"
                )
            }
            WarcError::Corrupt { offset, detail } => write!(f, "corrupt record at offset {offset} skipped: {detail}"),
            WarcError::Io(e) => write!(f, "cannot read: {e}"),
        }
    }
}

/// A [`BufRead`] that counts the bytes consumed from it.
struct Counting<R> {
    inner: R,
    pos: u64,
}

impl<R: BufRead> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.pos += n as u64;
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Counting<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        self.inner.fill_buf()
    }
    fn consume(&mut self, n: usize) {
        self.inner.consume(n);
        self.pos += n as u64;
    }
}

type Member<R> = BufReader<GzDecoder<Counting<R>>>;

enum State<R> {
    Start(Counting<R>),
    Plain { r: Counting<R>, resync: bool },
    Between(Counting<R>),
    InMember { r: Member<R>, offset: u64 },
    Done,
}

/// Streaming reader of WARC records (an iterator of `Result<Record, WarcError>`).
pub struct WarcReader<R> {
    state: State<R>,
    max_record: u64,
    max_header: u64,
}

impl<R: BufRead> WarcReader<R> {
    /// Read from `r`; gzip is recognised by its magic bytes.
    pub fn new(r: R) -> Self {
        WarcReader {
            state: State::Start(Counting { inner: r, pos: 0 }),
            max_record: 64 * 1024 * 1024,
            max_header: DEFAULT_MAX_HEADER,
        }
    }

    /// A record whose header (all its lines together) is longer than this is an error
    /// (default 256 KiB); one header line is at most 64 KiB in any case.
    pub fn max_header(mut self, bytes: u64) -> Self {
        self.max_header = bytes;
        self
    }

    /// Records whose block is longer than this are skipped with [`WarcError::Corrupt`]
    /// (default 64 MiB).
    pub fn max_record(mut self, bytes: u64) -> Self {
        self.max_record = bytes;
        self
    }
}

enum ParseErr {
    /// The stream ended inside a record.
    Eof(String),
    Malformed(String),
    /// Over the limit; the block was skipped, the stream is still in step.
    TooLarge(u64),
    Io(io::Error),
}

impl From<io::Error> for ParseErr {
    fn from(e: io::Error) -> Self {
        ParseErr::Io(e)
    }
}

struct Parsed {
    skipped: u64,
    version: String,
    headers: Vec<(String, String)>,
    block: Vec<u8>,
}

fn read_line<B: BufRead>(r: &mut B, buf: &mut Vec<u8>) -> io::Result<usize> {
    buf.clear();
    r.by_ref().take(MAX_LINE).read_until(b'\n', buf)
}

/// Read one record. `Ok(None)`: clean end of stream. `skipped` counts bytes before the
/// version line (blank lines between records; junk when resynchronising).
fn read_record<B: BufRead>(
    r: &mut B,
    (max, max_header): (u64, u64),
    resync: bool,
    skipped: &mut u64,
) -> Result<Option<Parsed>, ParseErr> {
    let mut line = Vec::new();
    *skipped = 0;
    let version = loop {
        let n = read_line(r, &mut line)?;
        if n == 0 {
            return Ok(None);
        }
        if line.starts_with(b"WARC/") {
            break String::from_utf8_lossy(&line).trim().to_string();
        }
        if !resync && !line.iter().all(|b| b.is_ascii_whitespace()) {
            return Err(ParseErr::Malformed(format!(
                "expected a WARC/1.x version line, found {:?}",
                crate::http::truncate(&String::from_utf8_lossy(&line), 40)
            )));
        }
        *skipped += n as u64;
    };
    let mut headers: Vec<(String, String)> = Vec::new();
    let mut header_bytes = 0u64;
    loop {
        let n = read_line(r, &mut line)?;
        if n == 0 {
            return Err(ParseErr::Eof("the archive ends inside the record's header".into()));
        }
        header_bytes += n as u64;
        if header_bytes > max_header {
            return Err(ParseErr::Malformed(format!("the record's header is over the cap of {max_header} bytes")));
        }
        if !line.ends_with(b"\n") && n as u64 >= MAX_LINE {
            return Err(ParseErr::Malformed("a header line is longer than 64 KiB".into()));
        }
        let text = String::from_utf8_lossy(&line);
        let text = text.trim_end_matches(['\r', '\n']);
        if text.is_empty() {
            break;
        }
        if text.starts_with([' ', '\t']) {
            // Folded continuation of the previous field.
            if let Some(last) = headers.last_mut() {
                last.1.push(' ');
                last.1.push_str(text.trim());
            }
            continue;
        }
        match text.split_once(':') {
            Some((k, v)) => headers.push((k.trim().to_string(), v.trim().to_string())),
            None => return Err(ParseErr::Malformed(format!("bad header line {:?}", crate::http::truncate(text, 40)))),
        }
    }
    let len: u64 = match crate::http::header(&headers, "Content-Length").map(|v| v.trim().parse::<u64>()) {
        Some(Ok(n)) => n,
        Some(Err(_)) => return Err(ParseErr::Malformed("Content-Length is not a number".into())),
        None => return Err(ParseErr::Malformed("no Content-Length".into())),
    };
    if len > max {
        let copied = io::copy(&mut r.by_ref().take(len), &mut io::sink())?;
        if copied < len {
            return Err(ParseErr::Eof(format!("block of {len} bytes, {copied} present")));
        }
        return Err(ParseErr::TooLarge(len));
    }
    let mut block = Vec::with_capacity(len.min(1 << 20) as usize);
    let got = r.by_ref().take(len).read_to_end(&mut block)? as u64;
    if got < len {
        return Err(ParseErr::Eof(format!("block of {len} bytes, {got} present")));
    }
    Ok(Some(Parsed { skipped: *skipped, version, headers, block }))
}

fn at_eof<R: BufRead>(c: &mut Counting<R>) -> bool {
    c.fill_buf().map(|b| b.is_empty()).unwrap_or(true)
}

/// Move `c` to the next gzip member header (`1f 8b 08`); false if there is none.
fn seek_member<R: BufRead>(c: &mut Counting<R>) -> bool {
    loop {
        let buf = match c.fill_buf() {
            Ok([]) => return false,
            Ok(b) => b,
            Err(_) => return false,
        };
        if let Some(i) = buf.windows(3).position(|w| w == [0x1f, 0x8b, 0x08]) {
            c.consume(i);
            return true;
        }
        let n = if buf.len() > 2 { buf.len() - 2 } else { buf.len() };
        c.consume(n);
    }
}

impl<R: BufRead> WarcReader<R> {
    fn record(p: Parsed, offset: u64) -> Record {
        Record { offset, version: p.version, headers: p.headers, block: p.block }
    }
}

impl<R: BufRead> Iterator for WarcReader<R> {
    type Item = Result<Record, WarcError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            match std::mem::replace(&mut self.state, State::Done) {
                State::Done => return None,
                State::Start(mut c) => {
                    let gz = match c.fill_buf() {
                        Ok(b) => b.starts_with(&[0x1f, 0x8b]),
                        Err(e) => return Some(Err(WarcError::Io(e))),
                    };
                    self.state = if gz { State::Between(c) } else { State::Plain { r: c, resync: false } };
                }
                State::Plain { mut r, resync } => {
                    let start = r.pos;
                    let mut skipped = 0;
                    match read_record(&mut r, (self.max_record, self.max_header), resync, &mut skipped) {
                        Ok(None) => return None,
                        Ok(Some(p)) => {
                            let offset = start + p.skipped;
                            self.state = State::Plain { r, resync: false };
                            return Some(Ok(Self::record(p, offset)));
                        }
                        Err(ParseErr::Eof(detail)) => {
                            return Some(Err(WarcError::Truncated { offset: start + skipped, detail }));
                        }
                        Err(ParseErr::Malformed(detail)) => {
                            self.state = State::Plain { r, resync: true };
                            return Some(Err(WarcError::Corrupt { offset: start + skipped, detail }));
                        }
                        Err(ParseErr::TooLarge(len)) => {
                            self.state = State::Plain { r, resync: false };
                            return Some(Err(WarcError::Corrupt {
                                offset: start + skipped,
                                detail: format!("block of {len} bytes is over the limit of {}", self.max_record),
                            }));
                        }
                        Err(ParseErr::Io(e)) => return Some(Err(WarcError::Io(e))),
                    }
                }
                State::Between(mut c) => {
                    if at_eof(&mut c) {
                        return None;
                    }
                    let offset = c.pos;
                    let magic = c.fill_buf().map(|b| b.starts_with(&[0x1f, 0x8b])).unwrap_or(false);
                    if !magic {
                        let found = seek_member(&mut c);
                        if found {
                            self.state = State::Between(c);
                        }
                        return Some(Err(WarcError::Corrupt {
                            offset,
                            detail: "bytes that are not a gzip member (skipped to the next member)".into(),
                        }));
                    }
                    self.state = State::InMember { r: BufReader::with_capacity(64 * 1024, GzDecoder::new(c)), offset };
                }
                State::InMember { mut r, offset } => {
                    let mut skipped = 0;
                    let result = read_record(&mut r, (self.max_record, self.max_header), false, &mut skipped);
                    match result {
                        Ok(Some(p)) => {
                            self.state = State::InMember { r, offset };
                            return Some(Ok(Self::record(p, offset)));
                        }
                        Ok(None) => {
                            self.state = State::Between(r.into_inner().into_inner());
                        }
                        Err(ParseErr::TooLarge(len)) => {
                            self.state = State::InMember { r, offset };
                            return Some(Err(WarcError::Corrupt {
                                offset,
                                detail: format!("block of {len} bytes is over the limit of {}", self.max_record),
                            }));
                        }
                        Err(err) => {
                            // Drain what is left of a malformed record's member; a decoder
                            // failure leaves the file position inside the broken member.
                            let mut detail = match err {
                                ParseErr::Eof(d) | ParseErr::Malformed(d) => d,
                                ParseErr::Io(e) => format!("gzip member is corrupt: {e}"),
                                ParseErr::TooLarge(_) => unreachable!("handled above"),
                            };
                            let drained = io::copy(&mut r, &mut io::sink());
                            let mut c = r.into_inner().into_inner();
                            if let Err(e) = drained
                                && !detail.contains("gzip")
                            {
                                detail = format!("{detail}; gzip member is corrupt: {e}");
                            }
                            if at_eof(&mut c) {
                                return Some(Err(WarcError::Truncated { offset, detail }));
                            }
                            if seek_member(&mut c) {
                                self.state = State::Between(c);
                            }
                            return Some(Err(WarcError::Corrupt { offset, detail }));
                        }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A WARC record as bytes (own test content).
    pub fn record(kind: &str, uri: &str, content_type: &str, block: &[u8]) -> Vec<u8> {
        let mut v = format!(
            "WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Record-ID: <urn:uuid:{uri}>\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
            block.len()
        )
        .into_bytes();
        v.extend_from_slice(block);
        v.extend_from_slice(b"\r\n\r\n");
        v
    }

    fn gz(data: &[u8]) -> Vec<u8> {
        use std::io::Write;
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        e.write_all(data).unwrap();
        e.finish().unwrap()
    }

    fn read_all(bytes: &[u8]) -> Vec<Result<(u64, String), String>> {
        WarcReader::new(bytes)
            .map(|r| match r {
                Ok(rec) => Ok((rec.offset, rec.target_uri().unwrap_or("").to_string())),
                Err(e) => Err(e.to_string()),
            })
            .collect()
    }

    #[test]
    fn plain_and_gzip_records() {
        let a =
            record("response", "http://a.test/1", "application/http; msgtype=response", b"HTTP/1.1 200 OK\r\n\r\nx");
        let b = record("request", "http://a.test/1", "application/http; msgtype=request", b"GET / HTTP/1.1\r\n\r\n");
        let c = record("resource", "http://a.test/2", "text/html", b"<p>y</p>");
        let plain = [a.clone(), b.clone(), c.clone()].concat();
        let want = vec![
            Ok((0, "http://a.test/1".to_string())),
            Ok((a.len() as u64, "http://a.test/1".to_string())),
            Ok(((a.len() + b.len()) as u64, "http://a.test/2".to_string())),
        ];
        assert_eq!(read_all(&plain), want);

        let (ga, gb, gc) = (gz(&a), gz(&b), gz(&c));
        let per_record = [ga.clone(), gb.clone(), gc.clone()].concat();
        let want_gz = vec![
            Ok((0, "http://a.test/1".to_string())),
            Ok((ga.len() as u64, "http://a.test/1".to_string())),
            Ok(((ga.len() + gb.len()) as u64, "http://a.test/2".to_string())),
        ];
        assert_eq!(read_all(&per_record), want_gz);

        // Whole file as one gzip member: all records, offset of the member.
        let whole = gz(&plain);
        assert_eq!(read_all(&whole).len(), 3);
        assert!(read_all(&whole).iter().all(|r| matches!(r, Ok((0, _)))));
    }

    #[test]
    fn truncated_and_corrupt() {
        let a = record("resource", "http://a.test/1", "text/html", b"<p>satu</p>");
        let b = record("resource", "http://a.test/2", "text/html", b"<p>dua dua dua dua</p>");
        let c = record("resource", "http://a.test/3", "text/html", b"<p>tiga</p>");

        // Plain, cut inside the last record's block.
        let plain = [a.clone(), b.clone()].concat();
        let cut = &plain[..plain.len() - 10];
        let got = read_all(cut);
        assert_eq!(got.len(), 2);
        assert!(got[0].is_ok());
        let err = got[1].as_ref().unwrap_err();
        assert!(err.contains(&format!("truncated in the record at offset {}", a.len())), "{err}");

        // Gzip per record, cut inside the last member.
        let (ga, gb, gc) = (gz(&a), gz(&b), gz(&c));
        let all = [ga.clone(), gb.clone(), gc.clone()].concat();
        let got = read_all(&all[..all.len() - 30]);
        assert_eq!(got.iter().filter(|r| r.is_ok()).count(), 2, "{got:?}");
        let err = got.last().unwrap().as_ref().unwrap_err();
        assert!(err.contains(&format!("truncated in the record at offset {}", ga.len() + gb.len())), "{err}");

        // A corrupt member in the middle: skipped, the next one read.
        let mut broken = gb.clone();
        for byte in &mut broken[12..gb.len() - 8] {
            *byte ^= 0x5a;
        }
        let got = read_all(&[ga.clone(), broken, gc.clone()].concat());
        let oks: Vec<_> = got.iter().filter_map(|r| r.as_ref().ok()).map(|(_, u)| u.as_str()).collect();
        assert_eq!(oks, ["http://a.test/1", "http://a.test/3"], "{got:?}");
        assert!(got.iter().any(|r| r.as_ref().is_err_and(|e| e.contains(&format!("offset {}", ga.len())))));

        // A malformed header (no Content-Length) in a plain file: skipped, the next record read.
        let bad = b"WARC/1.0\r\nWARC-Type: resource\r\n\r\nzzz\r\n\r\n".to_vec();
        let got = read_all(&[a.clone(), bad, c.clone()].concat());
        assert_eq!(got.len(), 3, "{got:?}");
        assert!(got[1].as_ref().unwrap_err().contains("no Content-Length"));
        assert_eq!(got[2].as_ref().unwrap().1, "http://a.test/3");

        // Junk that is not WARC at all.
        let got = read_all(b"this is not an archive\n");
        assert_eq!(got.len(), 1);
        assert!(got[0].as_ref().unwrap_err().contains("expected a WARC/1.x version line"));
    }

    #[test]
    fn oversized_record_is_skipped_in_step() {
        let a = record("resource", "http://a.test/1", "text/html", &[b'x'; 300]);
        let b = record("resource", "http://a.test/2", "text/html", b"<p>kecil</p>");
        let all = [a, b].concat();
        let got: Vec<_> = WarcReader::new(&all[..]).max_record(100).collect();
        assert!(got[0].as_ref().is_err_and(|e| e.to_string().contains("over the limit")));
        assert_eq!(got[1].as_ref().unwrap().target_uri(), Some("http://a.test/2"));
    }

    #[test]
    fn a_header_over_its_cap_is_an_error_and_the_next_record_is_read() {
        let mut huge = b"WARC/1.0\r\nWARC-Type: resource\r\n".to_vec();
        for i in 0..200 {
            huge.extend_from_slice(format!("X-Filler-{i}: {}\r\n", "y".repeat(40)).as_bytes());
        }
        huge.extend_from_slice(b"Content-Length: 3\r\n\r\nzzz\r\n\r\n");
        let b = record("resource", "http://a.test/2", "text/html", b"<p>kecil</p>");
        let all = [huge, b].concat();
        let got: Vec<_> = WarcReader::new(&all[..]).max_header(4096).collect();
        assert!(got[0].as_ref().is_err_and(|e| e.to_string().contains("over the cap of 4096")), "{:?}", got[0]);
        assert_eq!(got.last().unwrap().as_ref().unwrap().target_uri(), Some("http://a.test/2"));
        // Under the default cap the same header is read.
        let got: Vec<_> = WarcReader::new(&all[..]).collect();
        assert!(got.iter().all(|r| r.is_ok()), "{got:?}");
    }
}
