//! WARC reading throughput (MB/s of archive as stored) on a generated archive: 200 HTTP
//! response records of ~24 KB HTML each (own generated text), plain and gzip per record.
//! `cargo bench --workspace --bench warc`. Figures: reports/sources.md.

use divan::Bencher;
use divan::counter::BytesCount;
use std::io::Write;
use std::sync::LazyLock;

fn main() {
    divan::main();
}

fn page(i: usize) -> String {
    let mut html = format!(
        "<!doctype html><html lang=\"id\"><head><meta charset=\"utf-8\"><title>Berita contoh {i}</title></head><body><nav>Beranda | Politik | Ekonomi</nav><article><h1>Berita contoh {i}</h1>"
    );
    for p in 0..60 {
        html.push_str(&format!(
            "<p>Paragraf {p} dari berita {i}: pemerintah daerah menyampaikan rencana pembangunan jalan dan jembatan baru pada tahun depan, kata pejabat setempat kepada wartawan.</p>"
        ));
    }
    html.push_str("</article><footer>Hak cipta contoh</footer></body></html>");
    html
}

fn record(i: usize) -> Vec<u8> {
    let body = page(i);
    let http = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    );
    let mut v = format!(
        "WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: https://contoh.test/berita/{i}\r\nWARC-Date: 2024-06-12T00:00:00Z\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n",
        http.len()
    )
    .into_bytes();
    v.extend_from_slice(http.as_bytes());
    v.extend_from_slice(b"\r\n\r\n");
    v
}

static PLAIN: LazyLock<Vec<u8>> = LazyLock::new(|| (0..200).flat_map(record).collect());
static GZ: LazyLock<Vec<u8>> = LazyLock::new(|| {
    (0..200)
        .flat_map(|i| {
            let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
            e.write_all(&record(i)).unwrap();
            e.finish().unwrap()
        })
        .collect()
});

/// Records only (headers + blocks).
#[divan::bench(args = ["warc", "warc.gz"])]
fn records(bencher: Bencher, kind: &str) {
    let data: &[u8] = if kind == "warc" { &PLAIN } else { &GZ };
    bencher.counter(BytesCount::new(data.len())).bench(|| {
        let n = warta_sources::warc::WarcReader::new(data).filter(|r| r.is_ok()).count();
        assert_eq!(n, 200);
    });
}

/// Records → documents (HTTP parsed, page bytes ready for extraction).
#[divan::bench(args = ["warc", "warc.gz"])]
fn documents(bencher: Bencher, kind: &str) {
    let data: &[u8] = if kind == "warc" { &PLAIN } else { &GZ };
    bencher.counter(BytesCount::new(data.len())).bench(|| {
        let n =
            warta_sources::warc_documents(data, "bench.warc".into(), Default::default()).filter(|r| r.is_ok()).count();
        assert_eq!(n, 200);
    });
}
