//! Generated Indonesian news articles for tests and benchmarks (deterministic from a seed;
//! every sentence is assembled here from small word lists, nothing is copied from real news).
//!
//! Articles come in topics: articles of one topic share actors, places and a date range, so
//! they group into stories; outlets, days and wording vary.

/// A tiny deterministic PRNG (SplitMix64).
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E3779B97F4A7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58476D1CE4E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D049BB133111EB);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    pub fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.below(xs.len())]
    }
}

pub const OUTLETS: &[&str] = &["Kabarnusa.com", "Harian Warta", "Suara Pagi", "Berita Kita", "Lintas Kota"];
const CITIES: &[&str] = &["JAKARTA", "SURABAYA", "MEDAN", "MAKASSAR", "BANDUNG", "SEMARANG", "DENPASAR", "PALEMBANG"];
const FIRST: &[&str] = &[
    "Budi", "Siti", "Andi", "Rina", "Agus", "Dewi", "Hendra", "Lestari", "Joko", "Wulan", "Yusuf", "Ratna", "Bambang",
    "Intan", "Fajar", "Maya",
];
const LAST: &[&str] = &[
    "Santoso",
    "Rahmawati",
    "Wijaya",
    "Kurniawan",
    "Hidayat",
    "Pratama",
    "Saputra",
    "Nugroho",
    "Halim",
    "Siregar",
    "Harahap",
    "Purnomo",
];
const ROLES: &[&str] = &[
    "Menteri Keuangan",
    "Gubernur",
    "Wali Kota",
    "Kepala Dinas Pertanian",
    "Ketua Komisi IV DPR",
    "Direktur Utama",
    "Kapolda",
    "Menteri Perdagangan",
];
const TOPICS: &[(&str, &str)] = &[
    ("harga beras", "kenaikan harga beras di pasar tradisional"),
    ("banjir", "banjir yang merendam permukiman warga"),
    ("pembangunan jalan tol", "pembangunan jalan tol yang tertunda"),
    ("vaksinasi", "program vaksinasi bagi anak sekolah"),
    ("ekspor nikel", "kebijakan ekspor nikel dan hilirisasi"),
    ("kebakaran hutan", "kebakaran hutan dan lahan di musim kemarau"),
    ("subsidi listrik", "penyesuaian subsidi listrik untuk rumah tangga"),
    ("pemilihan kepala daerah", "persiapan pemilihan kepala daerah serentak"),
    ("kemacetan", "kemacetan parah menjelang libur panjang"),
    ("gempa bumi", "gempa bumi yang mengguncang pesisir selatan"),
];
const VERBS: &[&str] = &["mengatakan", "menegaskan", "menyampaikan", "menjelaskan", "mengungkapkan"];
const DAYS: &[&str] = &["Minggu", "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu"];
const FILLER: &[&str] = &[
    "Pemerintah daerah berjanji memperbaiki koordinasi antarlembaga dalam waktu dekat.",
    "Sejumlah warga mengeluhkan dampak langsung terhadap kebutuhan sehari-hari mereka.",
    "Para pengamat menilai langkah tersebut perlu diawasi secara ketat oleh masyarakat.",
    "Anggaran tambahan akan dibahas bersama dewan perwakilan rakyat pekan depan.",
    "Petugas di lapangan terus memantau perkembangan situasi selama beberapa hari ke depan.",
    "Data terbaru menunjukkan perubahan yang cukup signifikan dibandingkan tahun sebelumnya.",
    "Pelaku usaha kecil meminta kepastian kebijakan agar dapat merencanakan kegiatan mereka.",
    "Kelompok masyarakat sipil mendesak keterbukaan informasi mengenai penggunaan dana publik.",
];

/// One generated article: a source name and its page text.
#[derive(Debug, Clone)]
pub struct Article {
    pub name: String,
    pub text: String,
    /// The topic (story) it was generated for.
    pub topic: usize,
}

/// `n` articles over `n / 8 + 1` topics (stories of about eight articles), from `seed`.
pub fn articles(n: usize, seed: u64) -> Vec<Article> {
    let topics = n / 8 + 1;
    (0..n).map(|i| article(i, i % topics, seed)).collect()
}

/// Article `i` of topic `topic`.
pub fn article(i: usize, topic: usize, seed: u64) -> Article {
    let mut t = Rng::new(seed ^ (topic as u64).wrapping_mul(0x2545F4914F6CDD1D));
    let (subject, phrase) = TOPICS[topic % TOPICS.len()];
    let person = format!("{} {}", t.pick(FIRST), t.pick(LAST));
    let other = format!("{} {}", t.pick(FIRST), t.pick(LAST));
    let role = t.pick(ROLES);
    let city = t.pick(CITIES);
    let year = 2020 + t.below(6);
    let month = 1 + t.below(12);
    let base_day = 1 + t.below(20);
    let tag = format!("{:x}", t.next_u64() % 0xFFFFF);

    let mut r = Rng::new(seed ^ (i as u64).wrapping_mul(0x9E3779B97F4A7C15) ^ 0xABCDEF);
    let outlet = r.pick(OUTLETS);
    let day = base_day + r.below(5);
    let date = jiff::civil::date(year as i16, month as i8, day as i8);
    let weekday = DAYS[date.weekday().to_sunday_zero_offset() as usize];
    let verb = r.pick(VERBS);
    let mut text = String::new();
    text.push_str(&format!(
        "{outlet}, {city} - {role} {person} {verb} pemerintah akan menangani {phrase} di {} pada {weekday} ({day}/{month}/{year}).\n",
        title_case(city)
    ));
    text.push_str(&format!(
        "\u{201c}Kami tidak akan tinggal diam soal {subject}. Semua pihak harus bekerja sama,\u{201d} kata {person} kepada wartawan.\n"
    ));
    text.push_str(&format!(
        "Menurut {other}, persoalan {subject} di {} sudah berlangsung sejak awal tahun dan membutuhkan penanganan yang menyeluruh (kode {tag}).\n",
        title_case(city)
    ));
    for _ in 0..3 + r.below(4) {
        text.push_str(r.pick(FILLER));
        text.push(' ');
        text.push_str(r.pick(FILLER));
        text.push('\n');
    }
    text.push_str(&format!("Laporan nomor {i} tentang {subject} ini disusun oleh redaksi {outlet}.\n"));
    Article { name: format!("{i:06}.txt"), text, topic }
}

fn title_case(s: &str) -> String {
    let lower = s.to_lowercase();
    let mut c = lower.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// Write `n` articles into `dir` (created), returning their paths.
pub fn write(dir: &std::path::Path, n: usize, seed: u64) -> std::io::Result<Vec<std::path::PathBuf>> {
    std::fs::create_dir_all(dir)?;
    articles(n, seed)
        .into_iter()
        .map(|a| {
            let p = dir.join(&a.name);
            std::fs::write(&p, a.text)?;
            Ok(p)
        })
        .collect()
}
