//! Indonesian derivational morphology, run forwards: from a root and the affix patterns a
//! trigger takes (`roots.tsv`) to every surface form the text may use, so that one lexicon line
//! (`tangkap: meN di peN-an`) covers `menangkap`, `ditangkap`, `penangkapan`, `penangkapannya`.
//!
//! The nasal prefixes meN- and peN- follow the standard assimilation rules: `mem-` before b, f,
//! v and p (p drops), `men-` before d, c, j, z, sy and t (t drops), `meny-` for s (s drops),
//! `meng-` before vowels, g, h, kh and k (k drops), `me-` before l, m, n, r, w, y, and `menge-`
//! for one-syllable roots. A consonant cluster keeps its first consonant (`mengkritik`,
//! `mentransfer`, `memproduksi`). Roots in per- get both forms (`memperluas`, `memeriksa`): a
//! form that is not a word never occurs in text, so overgeneration costs only a table entry.
//! Forms are generated once, when the lexicon is first used; matching stays a table look-up.

/// How a trigger takes its arguments (what its affix makes of the root).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pos {
    /// Active verb: agent before, object after ("X mengunjungi Y").
    Verb,
    /// Passive verb: patient before, agent after or after "oleh" ("X diundang Y").
    Passive,
    /// Noun: agent right after as a genitive ("kunjungan X ke Y"), else as for a verb.
    Noun,
}

/// One affix pattern of a root, as written in `roots.tsv`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Affix {
    /// `meN`: active verb, no suffix (`menangkap`).
    MeN,
    /// `meN-kan` (`menerbitkan`).
    MeNKan,
    /// `meN-i` (`mengunjungi`).
    MeNI,
    /// `di`: passive (`ditangkap`).
    Di,
    /// `di-kan` (`diterbitkan`).
    DiKan,
    /// `di-i` (`dikunjungi`).
    DiI,
    /// `ter`: accidental or stative passive (`terpilih`).
    Ter,
    /// `ber`: intransitive verb (`berkunjung`, `berencana`).
    Ber,
    /// `peN-an`: action noun (`penangkapan`).
    PeNAn,
    /// `per-an` (`pertemuan`, `perjanjian`).
    PerAn,
    /// `ke-an` (`kebakaran`, `kematian`).
    KeAn,
    /// `-an`: result noun (`bantuan`, `tuntutan`).
    An,
    /// `0`: the bare root as a verb, as headlines and speech use it (`Prabowo Perluas BLT`,
    /// `saya minta`).
    Bare,
    /// `n`: the bare root as a noun (`razia`, `subsidi`, `vonis`).
    BareNoun,
}

impl Affix {
    /// The pattern named `s` in `roots.tsv`.
    pub fn parse(s: &str) -> Option<Affix> {
        Some(match s {
            "meN" => Affix::MeN,
            "meN-kan" => Affix::MeNKan,
            "meN-i" => Affix::MeNI,
            "di" => Affix::Di,
            "di-kan" => Affix::DiKan,
            "di-i" => Affix::DiI,
            "ter" => Affix::Ter,
            "ber" => Affix::Ber,
            "peN-an" => Affix::PeNAn,
            "per-an" => Affix::PerAn,
            "ke-an" => Affix::KeAn,
            "-an" => Affix::An,
            "0" => Affix::Bare,
            "n" => Affix::BareNoun,
            _ => return None,
        })
    }

    /// How the derived forms take their arguments.
    pub fn pos(self) -> Pos {
        match self {
            Affix::MeN | Affix::MeNKan | Affix::MeNI | Affix::Ber | Affix::Bare => Pos::Verb,
            Affix::Di | Affix::DiKan | Affix::DiI | Affix::Ter => Pos::Passive,
            Affix::PeNAn | Affix::PerAn | Affix::KeAn | Affix::An | Affix::BareNoun => Pos::Noun,
        }
    }

    /// Every surface form of `root` (lower case; a multi-word root inflects its first word:
    /// `cabut izin` → `mencabut izin`), with the enclitic `-nya` where Indonesian attaches it
    /// (`penangkapannya`, `membantahnya`; after the last word of a multi-word root).
    pub fn forms(self, root: &str) -> Vec<String> {
        let (head, rest) = match root.split_once(' ') {
            Some((h, r)) => (h, Some(r)),
            None => (root, None),
        };
        let stems: Vec<String> = match self {
            Affix::MeN => nasal("me", head),
            Affix::MeNKan => nasal("me", head).into_iter().map(|s| s + "kan").collect(),
            Affix::MeNI => nasal("me", head).into_iter().map(|s| suffix_i(&s)).collect(),
            Affix::Di => vec![format!("di{head}")],
            Affix::DiKan => vec![format!("di{head}kan")],
            Affix::DiI => vec![suffix_i(&format!("di{head}"))],
            Affix::Ter => vec![format!("ter{head}")],
            Affix::Ber => vec![ber(head)],
            Affix::PeNAn => nasal("pe", head).into_iter().map(|s| s + "an").collect(),
            Affix::PerAn => vec![format!("{}{head}an", if head.starts_with('r') { "pe" } else { "per" })],
            Affix::KeAn => vec![format!("ke{head}an")],
            Affix::An => vec![format!("{head}an")],
            Affix::Bare | Affix::BareNoun => vec![head.to_string()],
        };
        let mut out = Vec::new();
        for s in stems {
            let full = match rest {
                Some(r) => format!("{s} {r}"),
                None => s,
            };
            let clitic = format!("{full}nya");
            for form in [full, clitic] {
                if !out.contains(&form) {
                    out.push(form);
                }
            }
        }
        out
    }
}

/// `-i` after a stem; a stem already ending in `i` takes none twice (`dikuasai`, not `dikuasaii`).
fn suffix_i(stem: &str) -> String {
    if stem.ends_with('i') { stem.to_string() } else { format!("{stem}i") }
}

/// `ber-` is `be-` before r and before a first syllable ending in -er (`berencana`, `bekerja`).
fn ber(root: &str) -> String {
    let first_syllable_er = root.len() > 3 && root[1..].starts_with("er") && !is_vowel(root.as_bytes()[0]);
    if root.starts_with('r') || first_syllable_er { format!("be{root}") } else { format!("ber{root}") }
}

fn is_vowel(b: u8) -> bool {
    matches!(b, b'a' | b'e' | b'i' | b'o' | b'u')
}

fn vowel_groups(w: &str) -> usize {
    let b = w.as_bytes();
    (0..b.len()).filter(|&i| is_vowel(b[i]) && (i == 0 || !is_vowel(b[i - 1]))).count()
}

/// meN- (`base` = "me") or peN- (`base` = "pe") on `root`: every allomorph in use.
fn nasal(base: &str, root: &str) -> Vec<String> {
    let b = root.as_bytes();
    let Some(&first) = b.first() else { return Vec::new() };
    let second_is_consonant = b.get(1).is_some_and(|&c| !is_vowel(c));
    let mut out = Vec::new();
    if vowel_groups(root) == 1 {
        out.push(format!("{base}nge{root}"));
    }
    // A consonant cluster keeps its first consonant (`mengkritik`, `memproduksi`, `mentransfer`);
    // before a vowel k, p, t and s drop. Roots in per- keep p too (`memperluas`), but `periksa`
    // drops it, so both are generated for them.
    let drop = !second_is_consonant;
    let (nasal, drops) = match first {
        b'a' | b'e' | b'i' | b'o' | b'u' | b'g' | b'h' => ("ng", false),
        b'k' => ("ng", drop),
        b'p' => ("m", drop),
        b'b' | b'f' | b'v' => ("m", false),
        b't' => ("n", drop),
        b's' if root.starts_with("sy") => ("n", false),
        b's' => (if drop { "ny" } else { "n" }, drop),
        b'd' | b'c' | b'j' | b'z' => ("n", false),
        _ => ("", false),
    };
    if drops {
        out.push(format!("{base}{nasal}{}", &root[1..]));
    }
    if !drops || root.starts_with("per") {
        out.push(format!("{base}{nasal}{root}"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn forms(a: &str, root: &str) -> Vec<String> {
        Affix::parse(a).unwrap().forms(root)
    }

    #[test]
    fn nasal_prefixes_assimilate_as_indonesian_does() {
        let cases = [
            ("meN", "tangkap", "menangkap"),
            ("meN", "serang", "menyerang"),
            ("meN", "pangkas", "memangkas"),
            ("meN", "kirim", "mengirim"),
            ("meN", "bantah", "membantah"),
            ("meN", "dakwa", "mendakwa"),
            ("meN", "cabut", "mencabut"),
            ("meN", "ancam", "mengancam"),
            ("meN", "hapus", "menghapus"),
            ("meN", "lantik", "melantik"),
            ("meN", "rilis", "merilis"),
            ("meN", "cek", "mengecek"),
            ("meN", "bom", "mengebom"),
            ("meN", "kritik", "mengkritik"),
            ("meN", "produksi", "memproduksi"),
            ("meN-kan", "perluas", "memperluaskan"),
            ("meN", "perluas", "memperluas"),
            ("meN-kan", "terbit", "menerbitkan"),
            ("meN-i", "kunjung", "mengunjungi"),
            ("meN-i", "kuasa", "menguasai"),
            ("di-kan", "terbit", "diterbitkan"),
            ("di-i", "kunjung", "dikunjungi"),
            ("peN-an", "tangkap", "penangkapan"),
            ("peN-an", "sita", "penyitaan"),
            ("peN-an", "periksa", "pemeriksaan"),
            ("per-an", "temu", "pertemuan"),
            ("per-an", "janji", "perjanjian"),
            ("ke-an", "bakar", "kebakaran"),
            ("-an", "bantu", "bantuan"),
            ("ber", "kunjung", "berkunjung"),
            ("ber", "rencana", "berencana"),
            ("ber", "kerja", "bekerja"),
            ("ter", "pilih", "terpilih"),
            ("0", "perluas", "perluas"),
        ];
        for (affix, root, want) in cases {
            let got = forms(affix, root);
            assert!(got.iter().any(|f| f == want), "{affix} + {root}: {want} not in {got:?}");
        }
    }

    #[test]
    fn enclitic_and_multiword_roots() {
        assert!(forms("peN-an", "tangkap").contains(&"penangkapannya".to_string()));
        assert_eq!(forms("meN", "cabut izin"), vec!["mencabut izin", "mencabut izinnya"]);
        // before a vowel the first consonant drops; only a cluster keeps it
        assert_eq!(forms("meN", "tangkap"), vec!["menangkap", "menangkapnya"]);
        assert!(forms("meN", "periksa").contains(&"memeriksa".to_string()));
    }

    #[test]
    fn every_pattern_parses_and_has_a_part_of_speech() {
        for s in [
            "meN", "meN-kan", "meN-i", "di", "di-kan", "di-i", "ter", "ber", "peN-an", "per-an", "ke-an", "-an", "0",
            "n",
        ] {
            let a = Affix::parse(s).unwrap_or_else(|| panic!("{s}"));
            assert!(!a.forms("ukur").is_empty());
        }
        assert_eq!(Affix::parse("meN-kan").unwrap().pos(), Pos::Verb);
        assert_eq!(Affix::parse("di").unwrap().pos(), Pos::Passive);
        assert_eq!(Affix::parse("-an").unwrap().pos(), Pos::Noun);
        assert!(Affix::parse("men").is_none());
    }
}
