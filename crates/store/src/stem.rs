//! An Indonesian stemmer without a dictionary: rule-based affix stripping in the
//! Nazief–Adriani / ECS order (particle → possessive → derivational suffix → up to three
//! prefixes, with the meN-/peN- recodings), guarded by syllable counts instead of the
//! non-commercial Kateglo root list.
//!
//! Where a dictionary would choose between recodings (`mengatakan` → `kata` or `atakan`?,
//! `memakan` → `makan` or `pakan`?), small hand-written lists of our own (below, MIT like the
//! rest of warta) name the roots that take the less common form. Everything else takes the
//! common form. `warta-eval eval stem` measures root accuracy on UD Indonesian-GSD next to
//! Snowball's dictionary-free Indonesian stemmer.

use std::collections::HashSet;
use std::sync::LazyLock;

/// Words that look affixed but are roots (or loan words) and must stay whole.
const KEEP: &str = "menteri mentari pertama perdana berita teroris terima terapi dialog digital \
diskusi disiplin direktur dimensi diploma diplomasi diplomat distrik dinasti dividen divisi dinamika \
kereta kelompok keluarga kepala kembali kendaraan selatan sejarah senjata sendiri selasa sekolah \
senator sekretaris sepeda sembilan pesawat peluru pemilu perahu periode pelangi permata kemarin \
keraton kabupaten negeri pandemi polisi memori medali mekanisme \
metode meter mesin menu media mediasi pekan persen presiden berlian benua bencana bensin bendera \
teknologi telepon televisi tema tempat tentara terminal teritorial sekretariat \
seminar sesi sektor semester sepatu serikat setan dinas diri dibanding demokrasi desember januari \
perintah perkara setelah sebelah adalah mereka seperti sebagai kemudian ketika sehingga semua \
september sekarang sedangkan sementara meskipun walaupun seluler serial melayu ketua perempuan sebelum \
belum selama sedang tengah selamat selesai sekaligus sesuatu peserta perancis ekonomi industri tradisi komisi koalisi posisi provinsi politisi investasi informasi organisasi";

/// Roots that start with k and lose it after meN-/peN- (`mengatakan` → `kata`).
const K_ROOTS: &str = "kata kena kuasa kirim kumpul keluar kelola kembang kenal kejar kuat kurang \
kecam kerja kabul kutip kunjung kutuk kontrol konsumsi kosong kurung kuras kubur kupas kendali \
kemuka keluh kemas kenang kepung kerah kesan ketik kikis kisah koordinasi korban kuak kucur kukuh \
kunci kawal kawin kabar kagum kait kalah kandung kantong kaku kampanye karang kasih kecil kejut \
kekang kelabui kelompok kemudi kenai kenakan keras kering kesal ketahui khawatir khianat khusus \
kibar kira kobar kokoh komentar komunikasi kondisi konfirmasi koreksi kritik kuak kubu kumandang \
kurban kutuk";

/// Roots that start with m and keep it after mem-/pem- (`memakan` → `makan`).
const M_ROOTS: &str = "masuk makan minta mulai milik menang maaf malu mati muat muncul mohon mudah \
marah mandi manfaat maksimal minum musnah mungkin mutasi modifikasi moderasi miskin mimpi mekar \
minat musuh musyawarah malam mata maju mainkan main mampu mantap mewah";

/// Roots that start with n and keep it after men-/pen- (`menikah` → `nikah`), or with ny
/// after meny-/peny- (`menyatakan` → `nyata`).
const N_ROOTS: &str = "nilai nikah naik nanti nasihat nyata nyanyi nyala nyaman nyawa napas nasional \
nomor normal nonton";

/// Roots that start with r and merge with the r of ber-/ter-/per- (`berupa` → `rupa`).
const R_ROOTS: &str = "rasa rupa ragam rencana ramai rumah racun rantai rugi ringan runtuh";

static SETS: LazyLock<[HashSet<&'static str>; 5]> =
    LazyLock::new(|| [KEEP, K_ROOTS, M_ROOTS, N_ROOTS, R_ROOTS].map(|s| s.split_whitespace().collect()));

fn is_vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// Syllables, approximately: vowels, counting the diphthongs ai, au, oi, ei as one.
pub fn syllables(w: &str) -> usize {
    let b = w.as_bytes();
    let mut n = 0;
    let mut i = 0;
    while i < b.len() {
        if is_vowel(b[i]) {
            n += 1;
            if i + 1 < b.len() && matches!((b[i], b[i + 1]), (b'a', b'i') | (b'a', b'u') | (b'o', b'i') | (b'e', b'i'))
            {
                i += 1;
            }
        }
        i += 1;
    }
    n
}

/// Stem one lower-case word. Words with characters outside a–z (numbers, names with
/// diacritics) and short words come back unchanged; `bersama-sama` → `sama`.
pub fn stem(word: &str) -> String {
    if let Some((a, b)) = word.split_once('-') {
        if b.contains('-') || a.is_empty() || b.is_empty() {
            return word.to_string();
        }
        let (sa, sb) = (stem(a), stem(b));
        return if sa == sb || a == b || a == sb { sb } else { word.to_string() };
    }
    if word.len() < 4 || !word.bytes().all(|c| c.is_ascii_lowercase()) {
        return word.to_string();
    }
    stem_word(word).to_string()
}

fn keep(w: &str) -> bool {
    SETS[0].contains(w)
}

fn strip_suffix<'a>(w: &'a str, suffixes: &[&str]) -> (&'a str, Option<&'static str>) {
    if keep(w) {
        return (w, None);
    }
    for s in suffixes {
        if let Some(rest) = w.strip_suffix(s)
            && syllables(rest) >= 2
        {
            let s: &'static str = match *s {
                "kan" => "kan",
                "an" => "an",
                "i" => "i",
                _ => "",
            };
            return (rest, Some(s));
        }
    }
    (w, None)
}

fn stem_word(w: &str) -> String {
    if keep(w) {
        return w.to_string();
    }
    // Particles: only -pun; -lah and -kah end too many roots in news (masalah, jumlah, menikah).
    let (w, _) = strip_suffix(w, &["pun"]);
    let (w, _) = strip_suffix(w, &["nya", "ku", "mu"]);
    // -kan makes verbs (me-, di-, ter-, ber-, per- words); after pe-/ke-/se- it is -an on a
    // root ending in k (pendidikan → didik, kebanyakan → banyak).
    let verbal = ["me", "di", "ter", "ber", "per"].iter().any(|p| w.starts_with(p));
    let (base, suffix) = if verbal { strip_suffix(w, &["kan", "an", "i"]) } else { strip_suffix(w, &["an", "i"]) };
    let (root, prefixes) = strip_prefixes(base);
    match suffix {
        // -i is a suffix only with a prefix (confix): `mengikuti`, not `polisi`.
        Some("i") if prefixes.first().is_none_or(|p| matches!(*p, "ber" | "ke" | "se" | "pe")) => strip_prefixes(w).0,
        // A prefix that no longer fits once the suffix is gone (`dimakan` → `di` + `mak`):
        // keep the suffix.
        Some(_) if prefixes.is_empty() && verbal => {
            let (r2, p2) = strip_prefixes(w);
            if p2.is_empty() { root } else { r2 }
        }
        _ => root,
    }
}

/// Remove up to three prefixes: di-/ke-/se- only first; one of meN-; one of peN-/per-; one
/// ber-; one ter-. Each removal must leave at least two syllables or four letters (`main`).
fn strip_prefixes(w: &str) -> (String, Vec<&'static str>) {
    let mut cur = w.to_string();
    let mut done: Vec<&'static str> = Vec::new();
    for round in 0..3 {
        if keep(&cur) {
            break;
        }
        let Some((class, next)) = one_prefix(&cur, round == 0, &done) else { break };
        let vowels = next.bytes().filter(|&c| is_vowel(c)).count();
        let enough = syllables(&next) >= 2 || (next.len() >= 4 && vowels >= 2);
        let menge_mono = class == "me" && next.len() >= 3 && cur.starts_with("menge");
        if !(enough || menge_mono) {
            break;
        }
        done.push(class);
        cur = next;
    }
    (cur, done)
}

fn in_set(i: usize, w: &str) -> bool {
    SETS[i].contains(w)
}

/// One prefix off `w`: (its class, the rest with recoding).
fn one_prefix(w: &str, first: bool, done: &[&str]) -> Option<(&'static str, String)> {
    let b = w.as_bytes();
    let at = |i: usize| b.get(i).copied().unwrap_or(0);
    if first {
        for p in ["di", "ke", "se"] {
            if let Some(rest) = w.strip_prefix(p) {
                // ke-/se- before a vowel-less cluster (kembali, sendiri) are not prefixes.
                return Some((p, rest.to_string()));
            }
        }
    }
    if !done.contains(&"me") && w.starts_with("me") {
        return nasal(w, 2, "me");
    }
    if !done.contains(&"pe") && w.starts_with("pe") {
        if let Some(rest) = w.strip_prefix("per") {
            if rest.bytes().next().is_some_and(is_vowel) && in_set(4, &format!("r{rest}")) {
                return Some(("pe", format!("r{rest}")));
            }
            return Some(("pe", rest.to_string()));
        }
        if w.starts_with("pelajar") {
            return Some(("pe", w[3..].to_string()));
        }
        return nasal(w, 2, "pe");
    }
    if !done.contains(&"ber") && w.starts_with("be") {
        if w.starts_with("bekerja") || w.starts_with("belajar") {
            return Some(("ber", w[w.len().min(2 + usize::from(at(2) == b'l'))..].to_string()));
        }
        if let Some(rest) = w.strip_prefix("ber") {
            if rest.bytes().next().is_some_and(is_vowel) && in_set(4, &format!("r{rest}")) {
                return Some(("ber", format!("r{rest}")));
            }
            return Some(("ber", rest.to_string()));
        }
        return None;
    }
    if !done.contains(&"ter") && w.starts_with("ter") {
        let rest = &w[3..];
        if rest.bytes().next().is_some_and(is_vowel) && in_set(4, &format!("r{rest}")) {
            return Some(("ter", format!("r{rest}")));
        }
        return Some(("ter", rest.to_string()));
    }
    None
}

/// meN- / peN- with their recodings; `p` is the position after "me"/"pe".
fn nasal(w: &str, p: usize, class: &'static str) -> Option<(&'static str, String)> {
    let rest = &w[p..];
    let vowel_at = |s: &str, i: usize| s.as_bytes().get(i).copied().is_some_and(is_vowel);
    if let Some(r) = rest.strip_prefix("ng") {
        if vowel_at(r, 0) {
            let k = format!("k{r}");
            if in_set(1, &k) || in_set(1, strip_suffix(&k, &["kan", "an", "i"]).0) {
                return Some((class, k));
            }
            // menge- before a one-syllable root: mengebom, mengecek.
            if let Some(mono) = r.strip_prefix('e')
                && syllables(mono) == 1
                && mono.len() >= 3
            {
                return Some((class, mono.to_string()));
            }
            return Some((class, r.to_string()));
        }
        return Some((class, r.to_string()));
    }
    if let Some(r) = rest.strip_prefix("ny") {
        if vowel_at(r, 0) {
            let ny = format!("ny{r}");
            if in_set(3, &ny) {
                return Some((class, ny));
            }
            return Some((class, format!("s{r}")));
        }
        return None;
    }
    if let Some(r) = rest.strip_prefix('m') {
        if vowel_at(r, 0) {
            let m = format!("m{r}");
            if in_set(2, &m) {
                return Some((class, m));
            }
            return Some((class, format!("p{r}")));
        }
        if r.starts_with(['b', 'f', 'v', 'p']) {
            return Some((class, r.to_string()));
        }
        return None;
    }
    if let Some(r) = rest.strip_prefix('n') {
        if vowel_at(r, 0) {
            let n = format!("n{r}");
            if in_set(3, &n) {
                return Some((class, n));
            }
            return Some((class, format!("t{r}")));
        }
        if r.starts_with(['c', 'd', 'j', 't', 'z', 's']) {
            return Some((class, r.to_string()));
        }
        return None;
    }
    if rest.starts_with(['l', 'r', 'w', 'y']) && vowel_at(rest, 1) {
        return Some((class, rest.to_string()));
    }
    // pe- before other consonants: pekerja, petani, pedagang, pejabat.
    if class == "pe" && rest.bytes().next().is_some_and(|c| !is_vowel(c)) {
        return Some((class, rest.to_string()));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roots_of_common_news_words() {
        for (w, root) in [
            ("membacakan", "baca"),
            ("perekonomian", "ekonomi"),
            ("ekonomi", "ekonomi"),
            ("pertumbuhan", "tumbuh"),
            ("kebijakan", "bijak"),
            ("dipermasalahkan", "masalah"),
            ("menerima", "terima"),
            ("memenangkan", "menang"),
            ("kemenangan", "menang"),
            ("menteri", "menteri"),
            ("bersama-sama", "sama"),
            ("memperbaiki", "baik"),
            ("mengatakan", "kata"),
            ("menyampaikan", "sampai"),
            ("mengikuti", "ikut"),
            ("polisi", "polisi"),
            ("kepolisian", "polisi"),
            ("pembangunan", "bangun"),
            ("pengembangan", "kembang"),
            ("berupa", "rupa"),
            ("berada", "ada"),
            ("dimakan", "makan"),
            ("makan", "makan"),
            ("menulis", "tulis"),
            ("penulis", "tulis"),
            ("menikah", "nikah"),
            ("menyatakan", "nyata"),
            ("diperkirakan", "kira"),
            ("keberhasilan", "hasil"),
            ("kepemimpinan", "pimpin"),
            ("petani", "tani"),
            ("mengebom", "bom"),
            ("2025", "2025"),
            ("rumahnya", "rumah"),
        ] {
            assert_eq!(stem(w), root, "{w}");
        }
    }

    #[test]
    fn syllable_counts() {
        assert_eq!(syllables("makan"), 2);
        assert_eq!(syllables("sampai"), 2);
        assert_eq!(syllables("tua"), 2);
        assert_eq!(syllables("mak"), 1);
    }
}
