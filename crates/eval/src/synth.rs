//! A deterministic synthetic corpus of Indonesian-looking news, with known ground truth, for
//! benchmarks and for scoring stories and duplicates at scale.
//!
//! The same `(seed, settings)` always yields the same articles, on any machine: the generator
//! uses its own SplitMix64 PRNG and no clock. Articles are produced as a stream (bounded
//! memory), day by day:
//!
//! - Every day, about `stories_per_day` **stories** start. A story is one happening (a flood, a
//!   court case, a bridge opening, ...) with fixed actors from the gazetteer (an official, an
//!   institution), a place, a local person, a subject and figures. It is written up by 1–12
//!   outlets over up to four days; each write-up picks its own sentences, order and wording
//!   from the story's templates, so two articles of a story share actors and content words but
//!   not their text.
//! - With probability `exact_rate` an article gets an **exact copy** (the same body collected
//!   again, spacing and case changed), with `near_rate` a **near copy** (syndicated: another
//!   outlet's dateline in the lead, one sentence dropped or reworded, a footer added).
//!
//! Each [`SynthArticle`] carries its `story` number and, when it has copies, its `dup_group`.
//! The templates are the warta authors' own sentences.

use jiff::civil::Date;
use std::collections::HashMap;
use warta_engine::analysis::Subtype;
use warta_engine::entities::gazetteer;
use warta_engine::stories::Parts;

/// SplitMix64: small, fast, and good enough for synthetic text.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed ^ 0x5851_f42d_4c95_7f2d)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    /// Uniform in `0..n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (((self.next_u64() >> 32) * n as u64) >> 32) as usize
    }
    /// Uniform in `lo..=hi`.
    pub fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }
    pub fn chance(&mut self, p: f64) -> bool {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64 <= p && p > 0.0
    }
    pub fn pick<T: std::marker::Copy>(&mut self, xs: &[T]) -> T {
        xs[self.below(xs.len())]
    }
    pub fn shuffle<T>(&mut self, xs: &mut [T]) {
        for i in (1..xs.len()).rev() {
            let j = self.below(i + 1);
            xs.swap(i, j);
        }
    }
}

/// Generator settings.
#[derive(Debug, Clone)]
pub struct Settings {
    pub seed: u64,
    /// Articles to produce (the stream stops there, possibly inside a story).
    pub articles: usize,
    /// Stories starting per day (on average).
    pub stories_per_day: usize,
    /// Probability that an article gets an exact copy.
    pub exact_rate: f64,
    /// Probability that an article gets a near copy.
    pub near_rate: f64,
    /// The first day of the corpus.
    pub start: Date,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            seed: 1,
            articles: 10_000,
            stories_per_day: 200,
            exact_rate: 0.04,
            near_rate: 0.04,
            start: jiff::civil::date(2023, 1, 2),
        }
    }
}

/// How an article relates to the one it copies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Copy {
    Original,
    Exact,
    Near,
}

/// One generated article with its ground truth.
#[derive(Debug, Clone)]
pub struct SynthArticle {
    /// Unique name, e.g. `synth-0000042`.
    pub source: String,
    pub outlet: &'static str,
    pub date: Date,
    pub title: String,
    /// Body paragraphs; the first starts with the dateline (`KOTA, OUTLET - `).
    pub body: Vec<String>,
    /// Canonical names of the actors and places the article mentions, with mention counts.
    pub entities: Vec<(String, u32)>,
    /// The story (happening) the article reports.
    pub story: u32,
    /// The duplicate group, when the article has or is a copy.
    pub dup_group: Option<u32>,
    pub copy: Copy,
}

impl SynthArticle {
    /// The mention counts as the story engine reads them (for [`SynthArticle::parts`]).
    pub fn entity_counts(&self) -> Vec<(&str, u32)> {
        self.entities.iter().map(|(n, c)| (n.as_str(), *c)).collect()
    }

    /// The article as the story engine's input; `entities` from [`SynthArticle::entity_counts`].
    pub fn parts<'a>(&'a self, entities: &'a [(&'a str, u32)]) -> Parts<'a> {
        Parts {
            source: &self.source,
            title: Some(&self.title),
            outlet: Some(self.outlet),
            date: Some(self.date),
            body: &self.body,
            entities,
        }
    }
}

/// `order` (indices into `corpus`, by date) with the articles of each day shuffled: the same
/// days in the same order, another order within each day (as a scraper delivers them).
pub fn shuffled_within_days(corpus: &[SynthArticle], order: &[usize], rng: &mut Rng) -> Vec<usize> {
    let mut out = order.to_vec();
    let mut start = 0;
    while start < out.len() {
        let day = corpus[out[start]].date;
        let end = start + out[start..].iter().take_while(|&&i| corpus[i].date == day).count();
        rng.shuffle(&mut out[start..end]);
        start = end;
    }
    out
}

/// Fraction of articles whose story differs between two runs over the same articles: each
/// story of run B is matched to the run-A story it shares most articles with; an article
/// differs when its B story's match is not its A story.
pub fn order_difference(a: &[u32], b: &[u32]) -> f64 {
    let mut overlap: HashMap<(u32, u32), usize> = HashMap::new();
    for (&x, &y) in a.iter().zip(b) {
        *overlap.entry((y, x)).or_default() += 1;
    }
    let mut best: HashMap<u32, (usize, u32)> = HashMap::new();
    for (&(y, x), &n) in &overlap {
        let e = best.entry(y).or_insert((0, x));
        if n > e.0 || (n == e.0 && x < e.1) {
            *e = (n, x);
        }
    }
    let differ = a.iter().zip(b).filter(|(x, y)| best[y].1 != **x).count();
    differ as f64 / a.len().max(1) as f64
}

impl SynthArticle {
    /// The page as a scraped text file: headline, blank line, paragraphs.
    pub fn text(&self) -> String {
        let mut s = String::with_capacity(self.title.len() + self.body.iter().map(|p| p.len() + 1).sum::<usize>() + 2);
        s.push_str(&self.title);
        s.push_str("\n\n");
        for p in &self.body {
            s.push_str(p);
            s.push('\n');
        }
        s
    }
}

/// The article stream. `Corpus::new(settings)` is an iterator of [`SynthArticle`]s.
pub struct Corpus {
    settings: Settings,
    rng: Rng,
    pools: Pools,
    day: i64,
    /// Articles waiting for their day: pending[0] is today.
    pending: std::collections::VecDeque<Vec<SynthArticle>>,
    ready: std::vec::IntoIter<SynthArticle>,
    emitted: usize,
    next_story: u32,
    next_group: u32,
}

struct Pools {
    officials: Vec<&'static str>,
    institutions: Vec<&'static str>,
    places: Vec<&'static str>,
    outlets: Vec<&'static str>,
}

/// Indonesian outlets invented for the corpus, next to the real outlets in the gazetteer.
const EXTRA_OUTLETS: &[&str] = &[
    "Warta Nusantara",
    "Kabar Timur",
    "Suara Pesisir",
    "Harian Khatulistiwa",
    "Berita Lembah",
    "Pos Selatan",
    "Gema Kota",
    "Lintas Daerah",
    "Radar Barat",
    "Sinar Pagi",
    "Jurnal Rakyat",
    "Tribun Desa",
    "Info Pantura",
    "Cahaya Utara",
];

const GIVEN: &[&str] = &[
    "Agus", "Budi", "Citra", "Dewi", "Eko", "Fitri", "Gilang", "Hendra", "Indah", "Joko", "Kartika", "Lestari", "Made",
    "Nur", "Oki", "Putri", "Rahmat", "Siti", "Teguh", "Umar", "Wahyu", "Yanti", "Zainal", "Ayu", "Bambang", "Dian",
    "Fajar", "Hasan", "Irfan", "Ketut", "Lukman", "Mega", "Nanda", "Rina", "Slamet", "Tri", "Wulan", "Yusuf",
];
const FAMILY: &[&str] = &[
    "Santoso",
    "Wijaya",
    "Saputra",
    "Hidayat",
    "Lubis",
    "Siregar",
    "Nasution",
    "Purnomo",
    "Setiawan",
    "Kurniawan",
    "Harahap",
    "Simanjuntak",
    "Pratama",
    "Wibowo",
    "Sitompul",
    "Gunawan",
    "Rahman",
    "Halim",
    "Susanto",
    "Tanjung",
    "Manurung",
    "Pangaribuan",
    "Suryadi",
    "Firmansyah",
    "Hutapea",
    "Rangkuti",
    "Sembiring",
    "Ginting",
    "Daulay",
    "Nainggolan",
    "Marpaung",
    "Utomo",
];
const ROLES: &[&str] =
    &["warga setempat", "ketua RT", "pedagang", "petani", "guru", "relawan", "kepala desa", "pengemudi ojek"];

const VILLAGE_HEAD: &[&str] = &[
    "Suka", "Karang", "Sumber", "Tanjung", "Bojong", "Cipta", "Mekar", "Sido", "Rejo", "Jati", "Batu", "Pasir",
    "Lubuk", "Muara", "Talang", "Air",
];
const VILLAGE_TAIL: &[&str] = &[
    "mulya", "jaya", "sari", "harjo", "makmur", "rahayu", "asri", "wangi", "agung", "tengah", "baru", "indah", "luhur",
    "mekar", "raya", "damai", "lestari", "kencana", "sejati", "permai",
];
const VILLAGE_MID: &[&str] = &["", "", "", "sri", "tirta", "gunung", "wono", "kali"];

/// A village name built from common Indonesian place-name parts ("Sukamulya", "Karangtirtasari").
fn village(r: &mut Rng) -> String {
    let mut v = format!("{}{}{}", r.pick(VILLAGE_HEAD), r.pick(VILLAGE_MID), r.pick(VILLAGE_TAIL));
    if r.chance(0.3) {
        v.push_str([" Kidul", " Lor", " Wetan", " Kulon", " Hilir", " Hulu"][r.below(6)]);
    }
    v
}

/// Where the happening took place, said in every write-up's lead in its own words.
const WHERE: &[&str] = &[
    "Peristiwa itu terjadi di Desa {V}, {L}.",
    "Lokasi kejadian berada di Desa {V}.",
    "Warga Desa {V} menjadi yang paling terdampak.",
    "Desa {V} menjadi pusat perhatian sejak kabar itu tersebar.",
];

const DAYS: [&str; 7] = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"];

/// A topic: subjects (`{K}`), a headline, and sentence templates. Slots: `{P}` official, `{V}` village,
/// `{O}` institution, `{L}` place, `{X}` local person, `{R}` their role, `{K}` subject,
/// `{D}` weekday date, `{N}` `{M}` figures; `[a/b/c]` is a wording chosen per article.
struct Topic {
    subjects: &'static [&'static str],
    headlines: &'static [&'static str],
    sentences: &'static [&'static str],
}

const TOPICS: &[Topic] = &[
    Topic {
        subjects: &[
            "Sungai Cibeureum",
            "Kali Lengkong",
            "Sungai Batang Hari",
            "Kali Jompo",
            "Sungai Citarum Hulu",
            "Kali Mati",
        ],
        headlines: &[
            "Banjir Rendam {N} Rumah di {L}",
            "Luapan {K} Paksa Warga {L} Mengungsi",
            "{L} Dilanda Banjir, {N} Keluarga Mengungsi",
        ],
        sentences: &[
            "Banjir [merendam/menggenangi/melanda] {N} rumah di {L} setelah {K} meluap pada {D} dini hari.",
            "Ketinggian air di permukiman [dekat/sekitar/sepanjang] {K} mencapai {M} sentimeter.",
            "{O} [mencatat/melaporkan/menyebut] sedikitnya {N} keluarga mengungsi ke balai desa dan masjid.",
            "Hujan deras [mengguyur/turun di] kawasan hulu sejak sore sehingga debit {K} naik dengan cepat.",
            "Petugas mengerahkan {M} perahu karet untuk [mengevakuasi/menjemput/membantu] warga lanjut usia dan anak-anak.",
            "{P} [meninjau/mengunjungi/mendatangi] lokasi pengungsian di {L} pada {D} siang.",
            "Tanggul di sisi timur {K} jebol sepanjang {M} meter dan belum [diperbaiki/ditambal/ditutup].",
            "Dapur umum didirikan di halaman kantor kecamatan untuk melayani {N} pengungsi.",
            "Warga diminta [waspada/berhati-hati/siaga] karena hujan diperkirakan masih turun hingga akhir pekan.",
            "Jalan penghubung antardesa di {L} tidak bisa dilalui kendaraan roda dua.",
            "Sekolah di tiga dusun [diliburkan/ditutup sementara] karena ruang kelas terendam lumpur.",
            "Bantuan berupa beras, selimut dan obat-obatan mulai [disalurkan/dibagikan/dikirim] ke posko.",
        ],
    },
    Topic {
        subjects: &[
            "Pasar Induk Sentral",
            "Pasar Baru Timur",
            "gudang kayu Sinar Jaya",
            "kompleks ruko Mutiara",
            "Pasar Inpres Lama",
            "pabrik tekstil Karya Abadi",
        ],
        headlines: &[
            "Kebakaran Hanguskan {K} di {L}",
            "{N} Kios Terbakar di {K}",
            "Api Lalap {K}, Kerugian Ditaksir Rp {M} Miliar",
        ],
        sentences: &[
            "Kebakaran [melanda/menghanguskan/menghancurkan] {K} di {L} pada {D} malam.",
            "Sebanyak {N} kios dan lapak [ludes/habis/hangus] dilalap api dalam waktu kurang dari dua jam.",
            "{O} mengerahkan {M} unit mobil pemadam untuk [menjinakkan/memadamkan/mengendalikan] api.",
            "Api diduga [berasal/muncul] dari korsleting listrik di salah satu kios bagian belakang.",
            "Kerugian [ditaksir/diperkirakan/disebut] mencapai Rp {M} miliar, menurut pengelola {K}.",
            "Tidak ada korban jiwa, tetapi {N} pedagang mengalami luka ringan saat menyelamatkan barang.",
            "{P} [berjanji/menyatakan akan] membangun tempat berjualan sementara bagi pedagang {K}.",
            "Polisi masih [menyelidiki/memeriksa/mendalami] penyebab kebakaran dengan memeriksa saksi.",
            "Asap hitam [terlihat/tampak] dari jarak beberapa kilometer dan arus lalu lintas di {L} tersendat.",
            "Pedagang berharap bisa kembali berjualan sebelum [bulan puasa/akhir bulan/musim liburan].",
            "Petugas melakukan pendinginan hingga pagi agar api tidak kembali [menyala/berkobar].",
        ],
    },
    Topic {
        subjects: &[
            "proyek jalan lingkar",
            "pengadaan alat kesehatan",
            "dana hibah desa",
            "pembangunan dermaga",
            "proyek irigasi",
            "pengadaan seragam sekolah",
        ],
        headlines: &[
            "{O} Periksa Saksi Kasus {K} di {L}",
            "Dugaan Korupsi {K}, Kerugian Negara Rp {M} Miliar",
            "Tersangka Kasus {K} {L} Ditahan",
        ],
        sentences: &[
            "{O} [memeriksa/memanggil/meminta keterangan] {N} saksi dalam kasus dugaan korupsi {K} di {L}.",
            "Kerugian negara dalam perkara {K} [ditaksir/dihitung/diperkirakan] mencapai Rp {M} miliar.",
            "Penyidik [menggeledah/mendatangi/menyisir] kantor dinas terkait pada {D} dan menyita sejumlah dokumen.",
            "Seorang pejabat pembuat komitmen telah [ditetapkan sebagai/dinyatakan] tersangka dan ditahan selama {N} hari.",
            "{P} meminta semua pihak menghormati proses hukum yang sedang berjalan.",
            "Anggaran {K} berasal dari dana daerah tahun lalu senilai Rp {M} miliar.",
            "Kuasa hukum tersangka [membantah/menolak] tuduhan dan menyebut kliennya hanya menjalankan perintah atasan.",
            "Penyidik menduga ada [penggelembungan harga/mark up/rekayasa dokumen] dalam pengadaan tersebut.",
            "Warga {L} berharap kasus {K} diusut tuntas hingga ke aktor utama.",
            "Berkas perkara ditargetkan [rampung/selesai/lengkap] dalam {N} minggu sebelum dilimpahkan ke pengadilan.",
            "Sejumlah rekanan proyek juga akan [dipanggil/diperiksa] pekan depan.",
        ],
    },
    Topic {
        subjects: &["beras medium", "cabai rawit", "bawang merah", "minyak goreng", "telur ayam", "gula pasir"],
        headlines: &[
            "Harga {K} di {L} Naik Jadi Rp {M} Ribu",
            "{O} Gelar Operasi Pasar {K} di {L}",
            "Pedagang {L} Keluhkan Lonjakan Harga {K}",
        ],
        sentences: &[
            "Harga {K} di pasar tradisional {L} [naik/melonjak/meroket] menjadi Rp {M} ribu per kilogram.",
            "Kenaikan harga {K} [terjadi/terasa] sejak awal pekan akibat pasokan dari daerah sentra berkurang.",
            "{O} menggelar operasi pasar di {N} titik untuk [menekan/menstabilkan/meredam] harga {K}.",
            "{P} [menyebut/mengatakan/menilai] stok {K} sebenarnya cukup hingga tiga bulan ke depan.",
            "Pedagang mengaku omzet turun hingga {N} persen karena pembeli [mengurangi/membatasi] belanja.",
            "Cuaca buruk membuat panen di sejumlah daerah [terlambat/mundur/tertunda] beberapa minggu.",
            "Ibu rumah tangga di {L} [terpaksa/memilih] membeli {K} dalam jumlah lebih sedikit.",
            "Dinas perdagangan akan memantau harga {K} setiap hari hingga [kembali normal/stabil].",
            "Distributor diminta tidak [menimbun/menahan] stok {K} di gudang.",
            "Operasi pasar pada {D} diserbu warga sejak pagi dan {M} ton {K} habis dalam beberapa jam.",
            "Pemerintah daerah menyiapkan subsidi ongkos angkut agar harga {K} [turun/terkendali].",
        ],
    },
    Topic {
        subjects: &[
            "Jembatan Gantung Harapan",
            "Jalan Tol Lintas Selatan",
            "Terminal Terpadu",
            "Bendungan Sukamaju",
            "Rumah Sakit Daerah Baru",
            "Pelabuhan Rakyat",
        ],
        headlines: &[
            "{P} Resmikan {K} di {L}",
            "{K} Senilai Rp {M} Miliar Mulai Beroperasi",
            "Warga {L} Sambut Peresmian {K}",
        ],
        sentences: &[
            "{P} [meresmikan/membuka/menandai beroperasinya] {K} di {L} pada {D}.",
            "Pembangunan {K} menghabiskan anggaran Rp {M} miliar dan [dikerjakan/berlangsung] selama {N} bulan.",
            "{O} menyebut {K} akan [memangkas/mempersingkat/mengurangi] waktu tempuh warga hingga separuhnya.",
            "Ratusan warga [menyaksikan/menghadiri/memadati] acara peresmian meski cuaca panas.",
            "Fasilitas itu dapat melayani sekitar {N} ribu orang setiap hari, kata pejabat setempat.",
            "Pengerjaan {K} sempat [tertunda/terhambat/molor] karena pembebasan lahan yang alot.",
            "{P} meminta pemerintah daerah [merawat/menjaga/memelihara] {K} agar tidak cepat rusak.",
            "Pedagang kecil berharap kehadiran {K} [menghidupkan/meramaikan/menggerakkan] ekonomi di {L}.",
            "Proyek serupa direncanakan di {N} kabupaten lain tahun depan.",
            "Sebelumnya warga harus memutar sejauh {M} kilometer untuk mencapai pusat kota.",
            "Peresmian ditandai dengan penandatanganan prasasti dan [pemotongan pita/penekanan tombol sirene].",
        ],
    },
    Topic {
        subjects: &[
            "demam berdarah",
            "diare",
            "campak",
            "infeksi saluran pernapasan",
            "keracunan makanan",
            "leptospirosis",
        ],
        headlines: &[
            "Kasus {K} di {L} Capai {N} Orang",
            "{O} Tetapkan Status Waspada {K} di {L}",
            "{N} Warga {L} Dirawat karena {K}",
        ],
        sentences: &[
            "Kasus {K} di {L} [meningkat/bertambah/melonjak] menjadi {N} orang dalam dua pekan terakhir.",
            "{O} [menetapkan/mengumumkan] status waspada dan membuka posko kesehatan di {M} kelurahan.",
            "Sebagian besar pasien {K} adalah anak-anak dan [dirawat/ditangani] di puskesmas setempat.",
            "{P} meminta warga menjaga kebersihan lingkungan dan [segera/langsung] memeriksakan diri bila bergejala.",
            "Petugas [melakukan/menggelar] penyelidikan epidemiologi di rumah-rumah pasien pada {D}.",
            "Rumah sakit daerah menyiapkan {M} tempat tidur tambahan untuk pasien {K}.",
            "Dua pasien dilaporkan [meninggal dunia/wafat] setelah terlambat mendapat perawatan.",
            "Dinas kesehatan membagikan obat dan [vitamin/masker/bubuk abate] kepada warga.",
            "Kader kesehatan [mendatangi/mengunjungi] rumah warga untuk memberikan penyuluhan.",
            "Jumlah kasus {K} tahun ini jauh lebih tinggi dibanding periode yang sama tahun lalu.",
            "Sekolah diminta melaporkan siswa yang [sakit/tidak masuk] lebih dari dua hari.",
        ],
    },
    Topic {
        subjects: &[
            "penerimaan siswa baru",
            "seleksi guru honorer",
            "beasiswa daerah",
            "renovasi gedung sekolah",
            "program makan siang sekolah",
            "ujian sekolah",
        ],
        headlines: &["Polemik {K} di {L}, Orang Tua Protes", "{O} Evaluasi {K} di {L}", "{N} Sekolah di {L} Ikut {K}"],
        sentences: &[
            "Puluhan orang tua [mendatangi/menggeruduk/menyambangi] kantor dinas pendidikan {L} terkait {K} pada {D}.",
            "Mereka [menilai/menganggap/menyebut] aturan {K} tahun ini tidak adil bagi keluarga kurang mampu.",
            "{O} berjanji mengevaluasi pelaksanaan {K} di {N} sekolah.",
            "{P} [mengatakan/menyatakan/menegaskan] anggaran untuk {K} tahun ini mencapai Rp {M} miliar.",
            "Sejumlah sekolah [kekurangan/kehabisan] kuota sehingga calon siswa harus mencari sekolah lain.",
            "Panitia membuka posko pengaduan yang [melayani/menerima] keluhan hingga akhir bulan.",
            "Anggota dewan daerah meminta {K} diaudit secara [terbuka/transparan/menyeluruh].",
            "Program {K} diikuti sekitar {N} ribu siswa di seluruh kabupaten.",
            "Guru [berharap/meminta] kebijakan baru tidak menambah beban administrasi sekolah.",
            "Kepala sekolah mengaku baru menerima petunjuk teknis {K} {M} hari sebelum pelaksanaan.",
            "Pelaksanaan {K} akan [diawasi/dipantau] oleh tim gabungan dari provinsi.",
        ],
    },
    Topic {
        subjects: &[
            "bus antarkota",
            "truk bermuatan pasir",
            "kapal motor penumpang",
            "kereta lokal",
            "minibus travel",
            "perahu nelayan",
        ],
        headlines: &[
            "Kecelakaan {K} di {L}, {N} Orang Terluka",
            "{K} Terguling di {L}",
            "Polisi Selidiki Kecelakaan {K} di {L}",
        ],
        sentences: &[
            "Sebuah {K} [mengalami kecelakaan/terguling/tergelincir] di {L} pada {D} sore.",
            "Sebanyak {N} penumpang [terluka/mengalami luka-luka] dan dibawa ke rumah sakit terdekat.",
            "{O} [menduga/menyebut/memperkirakan] kecelakaan dipicu rem blong saat melintasi turunan tajam.",
            "Pengemudi {K} [selamat/berhasil keluar] dan kini dimintai keterangan oleh polisi.",
            "Arus lalu lintas di jalur itu [tersendat/macet/terhambat] hingga {M} kilometer selama beberapa jam.",
            "{P} meminta pemeriksaan kelaikan kendaraan [diperketat/ditingkatkan] menjelang musim libur.",
            "Petugas mengevakuasi bangkai {K} dengan derek pada malam harinya.",
            "Warga sekitar [membantu/ikut menolong] mengeluarkan penumpang yang terjepit.",
            "Jalur tersebut tercatat sebagai lokasi rawan dengan {N} kecelakaan sepanjang tahun ini.",
            "Keluarga korban [berharap/meminta] pihak perusahaan bertanggung jawab atas biaya pengobatan.",
            "Polisi memasang garis pembatas dan melakukan olah tempat kejadian perkara.",
        ],
    },
];

/// Sentences any story can use (quotes and background).
const GENERIC: &[&str] = &[
    "\"Kami [terus/akan terus/masih] memantau perkembangan di lapangan,\" kata {P} di {L}.",
    "\"Warga [sangat/benar-benar] membutuhkan bantuan secepatnya,\" ujar {X}, seorang {R}.",
    "Menurut {X}, {R} yang ditemui di lokasi, kejadian serupa pernah terjadi {N} tahun lalu.",
    "{O} [akan/berencana] menyampaikan laporan lengkap kepada pemerintah pusat pekan depan.",
    "\"Kami minta masyarakat tetap tenang dan [mengikuti/mematuhi] arahan petugas,\" tutur {P}.",
    "{X} mengaku baru mengetahui kabar itu dari [tetangganya/grup pesan warga/pengeras suara masjid].",
    "Pemerintah {L} [menyiapkan/mengalokasikan/mencadangkan] dana darurat sekitar Rp {M} miliar.",
    "\"Ini [pelajaran/peringatan] bagi kita semua,\" kata {X} saat dihubungi pada {D}.",
];

const FOOTERS: &[&str] = &[
    "Baca juga berita terkini lainnya di kanal daerah kami.",
    "Artikel ini telah tayang lebih dulu di media mitra dan disiarkan ulang atas kerja sama redaksi.",
    "Ikuti kabar terbaru kami melalui aplikasi dan kanal media sosial resmi.",
    "Simak berita pilihan lainnya setiap hari hanya di laman kami.",
];

struct StoryPlan {
    id: u32,
    village: String,
    topic: usize,
    official: &'static str,
    institution: &'static str,
    place: &'static str,
    person: String,
    role: &'static str,
    subject: &'static str,
    figures: [u32; 2],
    headline: usize,
}

impl Corpus {
    pub fn new(settings: Settings) -> Self {
        let g = gazetteer::entries();
        let in_id = |e: &gazetteer::GazEntry| e.links.iter().any(|(_, k)| *k == "ID");
        let officials: Vec<&'static str> = g
            .iter()
            .filter(|e| e.kind == warta_engine::analysis::EntityKind::Per && in_id(e))
            .map(|e| e.name)
            .collect();
        let institutions: Vec<&'static str> = g
            .iter()
            .filter(|e| {
                matches!(
                    e.subtype,
                    Some(
                        Subtype::Ministry
                            | Subtype::Agency
                            | Subtype::Police
                            | Subtype::ArmedForces
                            | Subtype::Legislature
                    )
                )
            })
            .filter(|e| in_id(e) || e.key.starts_with("id:"))
            .map(|e| e.name)
            .collect();
        let places: Vec<&'static str> = g
            .iter()
            .filter(|e| matches!(e.subtype, Some(Subtype::City | Subtype::Province | Subtype::Region)) && in_id(e))
            .map(|e| e.name)
            .collect();
        let mut outlets: Vec<&'static str> =
            ["org:kompas", "org:tempo", "org:detik", "org:kontan", "org:bisnis", "org:cnnid"]
                .iter()
                .filter_map(|k| gazetteer::get(k).map(|e| e.name))
                .collect();
        outlets.extend_from_slice(EXTRA_OUTLETS);
        let pools = Pools {
            officials: fallback(officials, &["Bupati Hartono", "Wali Kota Suhendra"]),
            institutions: fallback(institutions, &["Badan Penanggulangan Bencana Daerah", "Kepolisian Resor"]),
            places: fallback(places, &["Bandung", "Medan", "Makassar"]),
            outlets,
        };
        Corpus {
            rng: Rng::new(settings.seed),
            day: 0,
            pending: std::collections::VecDeque::new(),
            ready: Vec::new().into_iter(),
            emitted: 0,
            next_story: 0,
            next_group: 0,
            pools,
            settings,
        }
    }

    fn plan(&mut self) -> StoryPlan {
        let r = &mut self.rng;
        let topic = r.below(TOPICS.len());
        let t = &TOPICS[topic];
        let id = self.next_story;
        self.next_story += 1;
        StoryPlan {
            id,
            village: village(r),
            topic,
            official: r.pick(&self.pools.officials),
            institution: r.pick(&self.pools.institutions),
            place: r.pick(&self.pools.places),
            person: format!("{} {}", r.pick(GIVEN), r.pick(FAMILY)),
            role: r.pick(ROLES),
            subject: r.pick(t.subjects),
            figures: [r.range(3, 400) as u32, r.range(2, 90) as u32],
            headline: r.below(t.headlines.len()),
        }
    }

    /// One outlet's write-up of a story on a day.
    fn write(&mut self, plan: &StoryPlan, date: Date, outlet: &'static str) -> SynthArticle {
        let t = &TOPICS[plan.topic];
        let r = &mut self.rng;
        let mut pool: Vec<&str> = t.sentences.iter().chain(GENERIC.iter()).copied().collect();
        r.shuffle(&mut pool);
        // The lead is always a topic sentence (the happening), as news leads are.
        if let Some(i) = pool.iter().position(|s| t.sentences.contains(s)) {
            pool.swap(0, i);
        }
        let paragraphs = r.range(4, 12);
        let mut body = Vec::with_capacity(paragraphs);
        let mut used = 0;
        let mut counts = [0u32; 5];
        for p in 0..paragraphs {
            let n = if p == 0 { 1 } else { r.range(1, 2) };
            let mut para = String::new();
            if p == 0 {
                para.push_str(&plan.place.to_uppercase());
                para.push_str(", ");
                para.push_str(outlet);
                para.push_str(" - ");
            }
            for _ in 0..n {
                if used == pool.len() {
                    break;
                }
                if !para.is_empty() && !para.ends_with(" - ") {
                    para.push(' ');
                }
                fill(pool[used], plan, date, r, &mut para, &mut counts);
                used += 1;
            }
            if p == 0 {
                para.push(' ');
                let w = WHERE[r.below(WHERE.len())];
                fill(w, plan, date, r, &mut para, &mut counts);
            }
            if !para.is_empty() {
                body.push(para);
            }
        }
        let mut title = String::new();
        fill(t.headlines[plan.headline], plan, date, r, &mut title, &mut [0; 5]);
        let village = format!("Desa {}", plan.village);
        let names = [plan.official, plan.institution, plan.place, plan.person.as_str(), village.as_str()];
        let mut entities: Vec<(String, u32)> =
            names.iter().zip(counts).filter(|(_, c)| *c > 0).map(|(n, c)| (n.to_string(), c)).collect();
        // The dateline names the place too.
        if let Some(e) = entities.iter_mut().find(|e| e.0 == plan.place) {
            e.1 += 1;
        } else {
            entities.push((plan.place.to_string(), 1));
        }
        SynthArticle {
            source: String::new(),
            outlet,
            date,
            title,
            body,
            entities,
            story: plan.id,
            dup_group: None,
            copy: Copy::Original,
        }
    }

    /// Start today's stories and queue their articles (and copies) on their days.
    fn fill_day(&mut self) {
        let date = self.settings.start.checked_add(jiff::Span::new().days(self.day)).unwrap_or(self.settings.start);
        let spd = self.settings.stories_per_day.max(1);
        let n = self.rng.range(spd - spd / 4, spd + spd / 4);
        while self.pending.len() < 5 {
            self.pending.push_back(Vec::new());
        }
        for _ in 0..n {
            let plan = self.plan();
            // Coverage: most stories are covered by a few outlets, some by many.
            let outlets = match self.rng.below(10) {
                0..=2 => 1,
                3..=6 => self.rng.range(2, 4),
                7..=8 => self.rng.range(5, 8),
                _ => self.rng.range(9, 12),
            };
            let mut chosen: Vec<&'static str> = self.pools.outlets.clone();
            self.rng.shuffle(&mut chosen);
            for &outlet in chosen.iter().take(outlets) {
                let offset = [0usize, 0, 0, 1, 1, 2, 3][self.rng.below(7)];
                let d = date.checked_add(jiff::Span::new().days(offset as i64)).unwrap_or(date);
                let mut a = self.write(&plan, d, outlet);
                let exact = self.rng.chance(self.settings.exact_rate);
                let near = self.rng.chance(self.settings.near_rate);
                if exact || near {
                    a.dup_group = Some(self.next_group);
                    self.next_group += 1;
                }
                if exact {
                    let c = exact_copy(&a, &mut self.rng);
                    let later = (offset + self.rng.below(2)).min(4);
                    self.pending[later].push(c);
                }
                if near {
                    let other = self.rng.pick(&self.pools.outlets);
                    let c = near_copy(&a, other, &mut self.rng);
                    let later = (offset + self.rng.below(2)).min(4);
                    self.pending[later].push(c);
                }
                self.pending[offset].push(a);
            }
        }
        let mut today = self.pending.pop_front().unwrap_or_default();
        self.rng.shuffle(&mut today);
        self.ready = today.into_iter();
        self.day += 1;
    }
}

fn fallback(v: Vec<&'static str>, or: &[&'static str]) -> Vec<&'static str> {
    if v.is_empty() { or.to_vec() } else { v }
}

impl Iterator for Corpus {
    type Item = SynthArticle;
    fn next(&mut self) -> Option<SynthArticle> {
        if self.emitted >= self.settings.articles {
            return None;
        }
        loop {
            if let Some(mut a) = self.ready.next() {
                a.source = format!("synth-{:07}", self.emitted);
                self.emitted += 1;
                return Some(a);
            }
            self.fill_day();
        }
    }
}

/// The same body collected again: spacing and case of the chrome changed, text equal once
/// normalised.
fn exact_copy(a: &SynthArticle, r: &mut Rng) -> SynthArticle {
    let mut c = a.clone();
    c.copy = Copy::Exact;
    match r.below(3) {
        0 => c.body = a.body.iter().map(|p| format!("  {p} ")).collect(),
        1 => c.title = a.title.to_uppercase(),
        _ => c.body = a.body.iter().map(|p| p.replace(". ", ".  ")).collect(),
    }
    c
}

/// A syndicated copy: another outlet's dateline, one sentence dropped or reworded, a footer.
fn near_copy(a: &SynthArticle, outlet: &'static str, r: &mut Rng) -> SynthArticle {
    let mut c = a.clone();
    c.copy = Copy::Near;
    c.outlet = outlet;
    if let Some(lead) = c.body.first_mut()
        && let Some(i) = lead.find(" - ")
    {
        let place = lead[..i].split(',').next().unwrap_or("").to_string();
        *lead = format!("{place}, {outlet} - {}", &lead[i + 3..]);
    }
    // Drop or reword one sentence of a paragraph after the lead.
    if c.body.len() > 2 {
        let p = r.range(1, c.body.len() - 1);
        let para = &c.body[p];
        let sentences: Vec<&str> = para.split_inclusive(". ").collect();
        if sentences.len() > 1 {
            let keep = r.below(sentences.len());
            c.body[p] = sentences[keep].trim().to_string();
        } else {
            c.body[p] = format!("Selain itu, {}", lower_first(para));
        }
    }
    c.body.push(r.pick(FOOTERS).to_string());
    c
}

fn lower_first(s: &str) -> String {
    let mut cs = s.chars();
    match cs.next() {
        Some(f) if !s.starts_with("\"") => f.to_lowercase().chain(cs).collect(),
        _ => s.to_string(),
    }
}

/// `Senin (3/6/2024)`.
pub fn weekday_date(d: Date) -> String {
    let wd = d.weekday().to_monday_zero_offset() as usize;
    format!("{} ({}/{}/{})", DAYS[wd], d.day(), d.month(), d.year())
}

/// Fill one template into `out`; counts[0..4] count mentions of official, institution, place,
/// local person.
fn fill(t: &str, plan: &StoryPlan, date: Date, r: &mut Rng, out: &mut String, counts: &mut [u32; 5]) {
    let mut rest = t;
    while let Some(i) = rest.find(['{', '[']) {
        out.push_str(&rest[..i]);
        let open = rest.as_bytes()[i];
        let close = if open == b'{' { '}' } else { ']' };
        let Some(j) = rest[i..].find(close) else { break };
        let inner = &rest[i + 1..i + j];
        if open == b'[' {
            let opts: Vec<&str> = inner.split('/').collect();
            out.push_str(opts[r.below(opts.len())]);
        } else {
            match inner {
                "P" => {
                    counts[0] += 1;
                    out.push_str(plan.official)
                }
                "O" => {
                    counts[1] += 1;
                    out.push_str(plan.institution)
                }
                "L" => {
                    counts[2] += 1;
                    out.push_str(plan.place)
                }
                "X" => {
                    counts[3] += 1;
                    out.push_str(&plan.person)
                }
                "V" => {
                    counts[4] += 1;
                    out.push_str(&plan.village)
                }
                "R" => out.push_str(plan.role),
                "K" => out.push_str(plan.subject),
                "D" => out.push_str(&weekday_date(date)),
                "N" => out.push_str(&plan.figures[0].to_string()),
                "M" => out.push_str(&plan.figures[1].to_string()),
                other => out.push_str(other),
            }
        }
        rest = &rest[i + j + 1..];
    }
    out.push_str(rest);
}

/// Prepare a batch of generated articles on `threads` threads, in order.
pub fn prepare_batch(batch: &[SynthArticle], threads: usize) -> Vec<warta_engine::stories::Prepared> {
    let one = |a: &SynthArticle| {
        let entities = a.entity_counts();
        warta_engine::stories::prepare(&a.parts(&entities))
    };
    if threads <= 1 || batch.len() < 64 {
        return batch.iter().map(one).collect();
    }
    let chunk = batch.len().div_ceil(threads);
    std::thread::scope(|s| {
        let handles: Vec<_> =
            batch.chunks(chunk).map(|c| s.spawn(move || c.iter().map(one).collect::<Vec<_>>())).collect();
        handles.into_iter().flat_map(|h| h.join().expect("prepare thread")).collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn corpus(n: usize, seed: u64) -> Vec<SynthArticle> {
        Corpus::new(Settings { articles: n, seed, stories_per_day: 20, ..Default::default() }).collect()
    }

    #[test]
    fn deterministic_and_sized() {
        let a = corpus(300, 7);
        let b = corpus(300, 7);
        assert_eq!(a.len(), 300);
        assert!(a.iter().zip(&b).all(|(x, y)| x.text() == y.text() && x.story == y.story));
        let c = corpus(300, 8);
        assert!(a.iter().zip(&c).any(|(x, y)| x.text() != y.text()));
    }

    #[test]
    fn articles_look_like_news() {
        let all = corpus(200, 3);
        let mean = all.iter().map(|a| a.entities.len()).sum::<usize>() as f64 / all.len() as f64;
        assert!(mean > 2.5, "mean entities {mean}");
        for a in all {
            assert!((4..=13).contains(&a.body.len()), "{} paragraphs", a.body.len());
            assert!(a.body[0].contains(" - "), "dateline: {}", a.body[0]);
            assert!(!a.title.is_empty());
            assert!(!a.body.iter().any(|p| p.contains(['{', '}', '[', ']'])), "unfilled slot: {:?}", a.body);
            assert!(!a.entities.is_empty());
        }
    }

    #[test]
    fn copies_and_stories_are_recorded() {
        let all = corpus(3000, 11);
        let exact = all.iter().filter(|a| a.copy == Copy::Exact).count();
        let near = all.iter().filter(|a| a.copy == Copy::Near).count();
        assert!(exact > 30 && near > 30, "{exact} exact, {near} near");
        for c in all.iter().filter(|a| a.copy != Copy::Original) {
            let g = c.dup_group.unwrap();
            let orig = all.iter().find(|a| a.copy == Copy::Original && a.dup_group == Some(g));
            // The original may fall beyond the cut-off only at the very end.
            if let Some(o) = orig {
                assert_eq!(o.story, c.story);
                if c.copy == Copy::Exact {
                    assert_eq!(
                        warta_engine::dedup::normalise(&o.body.join("\n")),
                        warta_engine::dedup::normalise(&c.body.join("\n"))
                    );
                }
            }
        }
        let stories: std::collections::HashSet<u32> = all.iter().map(|a| a.story).collect();
        assert!(stories.len() > 300 && stories.len() < 2000, "{} stories", stories.len());
    }

    #[test]
    fn weekday_dates() {
        assert_eq!(weekday_date(jiff::civil::date(2024, 6, 3)), "Senin (3/6/2024)");
        assert_eq!(weekday_date(jiff::civil::date(2024, 6, 9)), "Minggu (9/6/2024)");
    }
}
