//! WARC reading throughput (MB/s of archive as stored) on a generated archive: 200 HTTP
//! response records of ~12 KB HTML each (own generated text, words drawn by a PRNG), plain and gzip per record.
//! `cargo bench --workspace --bench warc`. Figures: reports/sources.md.

use divan::Bencher;
use divan::counter::{BytesCount, ItemsCount};
use std::io::Write;
use std::sync::LazyLock;

fn main() {
    // The sizes behind the MB/s figures (divan counts bytes of the archive as stored; for
    // .warc.gz, divide the plain size by the time for the uncompressed rate).
    eprintln!(
        "archive: {RECORDS} records; plain {} bytes; gzip per record {} bytes (ratio {:.1})",
        PLAIN.len(),
        GZ.len(),
        PLAIN.len() as f64 / GZ.len() as f64
    );
    divan::main();
}

const RECORDS: usize = 200;

/// Words for the generated text (written for this benchmark), drawn by a small PRNG so the
/// pages do not repeat one sentence (which gzip would squeeze far beyond real pages).
const WORDS: &[&str] = &[
    "pemerintah",
    "daerah",
    "menyampaikan",
    "rencana",
    "pembangunan",
    "jalan",
    "jembatan",
    "baru",
    "tahun",
    "depan",
    "kata",
    "pejabat",
    "setempat",
    "kepada",
    "wartawan",
    "warga",
    "menyambut",
    "baik",
    "anggaran",
    "disetujui",
    "dewan",
    "kota",
    "provinsi",
    "pekan",
    "lalu",
    "bulan",
    "rapat",
    "menteri",
    "presiden",
    "gubernur",
    "bupati",
    "polisi",
    "sekolah",
    "rumah",
    "sakit",
    "pasar",
    "harga",
    "beras",
    "cabai",
    "naik",
    "turun",
    "banjir",
    "hujan",
    "deras",
    "sungai",
    "pantai",
    "pelabuhan",
    "kapal",
    "bandara",
    "kereta",
    "listrik",
    "air",
    "bersih",
    "sampah",
    "taman",
    "petani",
    "nelayan",
    "pedagang",
    "mahasiswa",
    "guru",
    "dokter",
    "perawat",
    "relawan",
    "bantuan",
    "sosial",
    "ekonomi",
    "politik",
    "hukum",
    "sidang",
    "putusan",
    "pengadilan",
    "saksi",
    "laporan",
    "survei",
    "data",
    "angka",
    "persen",
    "ribu",
    "juta",
    "miliar",
    "rupiah",
    "dolar",
    "ekspor",
];

fn page(i: usize) -> String {
    let mut state = (i as u64 + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let mut html = format!(
        "<!doctype html><html lang=\"id\"><head><meta charset=\"utf-8\"><title>Berita contoh {i}</title></head><body><nav>Beranda | Politik | Ekonomi</nav><article><h1>Berita contoh {i}</h1>"
    );
    for p in 0..60 {
        html.push_str(&format!("<p>Paragraf {p}, berita {i}:"));
        for w in 0..22 {
            let r = next();
            html.push(' ');
            if w % 9 == 8 {
                html.push_str(&format!("{}", r % 10_000));
            } else {
                html.push_str(WORDS[(r % WORDS.len() as u64) as usize]);
            }
        }
        html.push_str(".</p>");
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

static PLAIN: LazyLock<Vec<u8>> = LazyLock::new(|| (0..RECORDS).flat_map(record).collect());
static GZ: LazyLock<Vec<u8>> = LazyLock::new(|| {
    (0..RECORDS)
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
    bencher.counter(BytesCount::new(data.len())).counter(ItemsCount::new(RECORDS)).bench(|| {
        let n = warta_sources::warc::WarcReader::new(data).filter(|r| r.is_ok()).count();
        assert_eq!(n, RECORDS);
    });
}

/// Records → documents (HTTP parsed, page bytes ready for extraction).
#[divan::bench(args = ["warc", "warc.gz"])]
fn documents(bencher: Bencher, kind: &str) {
    let data: &[u8] = if kind == "warc" { &PLAIN } else { &GZ };
    bencher.counter(BytesCount::new(data.len())).counter(ItemsCount::new(RECORDS)).bench(|| {
        let n =
            warta_sources::warc_documents(data, "bench.warc".into(), Default::default()).filter(|r| r.is_ok()).count();
        assert_eq!(n, RECORDS);
    });
}
