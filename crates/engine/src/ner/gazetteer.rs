//! A small gazetteer written for warta (no third-party lists): titles and honorifics that
//! come before names, heads of organisation and place names, speech verbs that follow
//! names, given names, and place / organisation phrases (countries, capitals, Indonesian
//! provinces and big cities, international bodies). Used only as tagger *features*: a hit
//! is evidence, the trained weights decide.

use super::hash::{phrase_hash, word_hash};
use crate::dedup::IdMap;
use crate::lexicon::Words;
use std::sync::OnceLock;

/// Bits of [`word_class`].
pub const TITLE: u16 = 1; // comes before a person's name
pub const ORG_HEAD: u16 = 1 << 1; // first word of an organisation name
pub const LOC_HEAD: u16 = 1 << 2; // first word of a place name ("Kabupaten", "Pulau")
pub const SPEECH: u16 = 1 << 3; // speech verb that follows a speaker ("kata", "ujar")
pub const GIVEN: u16 = 1 << 4; // a common given name
pub const PREP_LOC: u16 = 1 << 5; // preposition that introduces places ("di", "ke", "dari")

/// Phrase classes (a token may sit in several).
pub const P_LOC: u8 = 0;
pub const P_ORG: u8 = 1;
pub const P_PER: u8 = 2;

const ORG_HEADS: &str = "kementerian kemenkes kemendagri kemenlu kemenkeu badan dewan komisi lembaga universitas \
institut sekolah akademi politeknik partai bank pt cv tbk perusahaan perum persero kantor majelis mahkamah \
pengadilan kejaksaan kejagung kejati kepolisian polda polres polsek dinas direktorat ditjen biro yayasan \
asosiasi persatuan perhimpunan ikatan himpunan serikat organisasi komite forum federasi konfederasi klub \
pemerintah pemkot pemkab pemprov kodam korem kodim korps angkatan pasukan satuan satgas rumah rs harian \
koran majalah stasiun televisi radio grup group holding koperasi fraksi kabinet parlemen kongres senat \
pusat balai lapas rutan ormas liga tim united corporation corp inc ltd company university institute agency \
council ministry party";

const LOC_HEADS: &str = "provinsi kabupaten kota kecamatan desa kelurahan dusun kampung pulau kepulauan gunung \
pegunungan sungai danau laut samudra samudera selat teluk tanjung jalan jl jln negara negeri benua wilayah \
kawasan daerah distrik semenanjung bandara pelabuhan stasiun terminal alun-alun lapangan stadion";

const PREP_LOCS: &str = "di ke dari menuju asal sekitar wilayah kawasan";

/// Given names common in Indonesian news (Indonesian and foreign).
const GIVEN_NAMES: &str = "muhammad mohammad mohamad ahmad achmad abdul agus andi anies bambang budi dedi dewi \
eko fajar hadi hendra indra joko joko sri siti nur nurul rizki rudi slamet sugeng susilo taufik wahyu yusuf \
yudi prabowo ganjar puan megawati jokowi gibran ridwan erick sandiaga basuki retno luhut mahfud \
vladimir sergei sergey dmitry dmitri andrei alexei alexander mikhail nikolai ivan igor yuri viktor \
kim jong park lee moon yoon choi xi li wang zhang liu chen hu shinzo fumio narendra recep emmanuel olaf \
donald joe kamala barack hillary george john james michael david robert william elizabeth charles \
benjamin volodymyr antonio jacinda anthony rishi boris justin angela ursula mohammed ali hassan hussein \
ebrahim bashar kofi nelson";

/// Place names: countries and capitals (Indonesian spelling), Indonesian provinces and
/// big cities, regions. Multi-word entries are matched as phrases.
const PLACES: &str = "indonesia|malaysia|singapura|brunei|thailand|vietnam|laos|kamboja|myanmar|filipina|\
timor leste|papua nugini|australia|selandia baru|jepang|tiongkok|china|cina|taiwan|hong kong|makau|mongolia|\
korea utara|korea selatan|korut|korsel|rusia|ukraina|belarus|polandia|jerman|prancis|perancis|inggris|\
inggris raya|irlandia|belanda|belgia|luksemburg|swiss|austria|italia|spanyol|portugal|yunani|turki|siprus|\
swedia|norwegia|finlandia|denmark|islandia|estonia|latvia|lituania|ceko|slowakia|hongaria|rumania|bulgaria|\
serbia|kroasia|bosnia|albania|georgia|armenia|azerbaijan|kazakhstan|uzbekistan|turkmenistan|kirgistan|\
tajikistan|afganistan|pakistan|india|bangladesh|nepal|bhutan|sri lanka|maladewa|iran|irak|suriah|\
lebanon|yordania|israel|palestina|gaza|tepi barat|arab saudi|yaman|oman|qatar|kuwait|bahrain|\
uni emirat arab|mesir|libya|tunisia|aljazair|maroko|sudan|sudan selatan|ethiopia|somalia|kenya|uganda|\
tanzania|rwanda|nigeria|ghana|senegal|kamerun|kongo|angola|zimbabwe|mozambik|afrika selatan|madagaskar|\
amerika serikat|amerika|as|kanada|meksiko|kuba|brasil|argentina|chili|peru|kolombia|venezuela|ekuador|\
bolivia|uruguay|paraguay|eropa|asia|afrika|timur tengah|asia tenggara|asia timur|timur jauh|\
jakarta|bandung|surabaya|semarang|yogyakarta|jogja|solo|surakarta|malang|medan|palembang|padang|pekanbaru|\
batam|jambi|bengkulu|lampung|bandar lampung|pontianak|banjarmasin|samarinda|balikpapan|palangkaraya|\
makassar|manado|palu|kendari|gorontalo|ambon|ternate|jayapura|sorong|merauke|denpasar|mataram|kupang|\
bogor|depok|tangerang|bekasi|cirebon|tasikmalaya|serang|banten|aceh|banda aceh|bali|papua|maluku|\
jawa|sumatera|sumatra|kalimantan|sulawesi|nusa tenggara|jawa barat|jawa tengah|jawa timur|\
sumatera utara|sumatera barat|sumatera selatan|kalimantan barat|kalimantan timur|kalimantan selatan|\
kalimantan tengah|kalimantan utara|sulawesi selatan|sulawesi utara|sulawesi tengah|sulawesi tenggara|\
sulawesi barat|nusa tenggara barat|nusa tenggara timur|riau|kepulauan riau|bangka belitung|\
daerah istimewa yogyakarta|papua barat|maluku utara|ibu kota nusantara|\
moskow|pyongyang|seoul|beijing|tokyo|washington|london|paris|berlin|roma|madrid|kyiv|kiev|minsk|\
vladivostok|sankt peterburg|st petersburg|kuala lumpur|bangkok|hanoi|manila|canberra|sydney|\
new delhi|islamabad|teheran|baghdad|damaskus|riyadh|doha|dubai|abu dhabi|kairo|ankara|istanbul|\
brussel|jenewa|wina|amsterdam|den haag|stockholm|oslo|helsinki|warsawa|praha|budapest|athena|\
ottawa|new york|los angeles|ottawa|havana|brasilia|buenos aires|singapore|shanghai|osaka|busan|\
kaesong|khabarovsk|novosibirsk|siberia|krimea|donbas|kursk|kharkiv|mariupol";

/// Organisations: international bodies and common Indonesian institutions by acronym.
const ORGS: &str = "pbb|perserikatan bangsa-bangsa|nato|asean|uni eropa|who|imf|bank dunia|wto|opec|\
g20|brics|unesco|unicef|interpol|dpr|dprd|mpr|dpd|kpk|kpu|bawaslu|polri|tni|bnpb|bmkg|bpk|bpom|bssn|\
bi|bank indonesia|ojk|mk|ma|kejagung|bumn|pertamina|pln|garuda indonesia|telkom|pdip|pdi-p|gerindra|\
golkar|nasdem|pkb|pks|pan|demokrat|psi|perindo|hanura|nu|nahdlatul ulama|muhammadiyah|mui|kadin|\
reuters|afp|ap|associated press|antara|bernama|xinhua|kcna|tass|ria novosti|yonhap|kyodo|bbc|cnn|\
al jazeera|kremlin|gedung putih|pentagon|cia|fbi|google|microsoft|apple|meta|facebook|tesla|samsung|toyota";

/// Word classes by word hash.
fn word_classes() -> &'static IdMap<u64, u16> {
    static W: OnceLock<IdMap<u64, u16>> = OnceLock::new();
    W.get_or_init(|| {
        let mut m: IdMap<u64, u16> = IdMap::default();
        for (list, bit) in [(Words::TitlesTagger, TITLE), (Words::SpeechTagger, SPEECH)] {
            for w in list.get() {
                *m.entry(word_hash(w)).or_default() |= bit;
            }
        }
        for (list, bit) in [(ORG_HEADS, ORG_HEAD), (LOC_HEADS, LOC_HEAD), (GIVEN_NAMES, GIVEN), (PREP_LOCS, PREP_LOC)] {
            for w in list.split_whitespace() {
                *m.entry(word_hash(w)).or_default() |= bit;
            }
        }
        m
    })
}

/// The gazetteer classes of one word (by its lower-cased hash).
pub fn word_class(h: u64) -> u16 {
    word_classes().get(&h).copied().unwrap_or(0)
}

/// Longest phrase, in tokens.
pub const MAX_PHRASE: usize = 4;

/// Phrase classes by phrase hash: bit `1 << P_*`. (Keys are already mixed hashes: an
/// [`IdMap`], not SipHash, which was the most of the tagger's feature time.)
fn phrases() -> &'static IdMap<u64, u8> {
    static P: OnceLock<IdMap<u64, u8>> = OnceLock::new();
    P.get_or_init(|| {
        let mut m: IdMap<u64, u8> = IdMap::default();
        let mut add = |list: &str, class: u8, sep: &[char]| {
            for entry in list.split(sep) {
                let words: Vec<u64> = entry.split_whitespace().map(word_hash).collect();
                if !words.is_empty() && words.len() <= MAX_PHRASE {
                    *m.entry(phrase_hash(&words)).or_default() |= 1 << class;
                }
            }
        };
        add(PLACES, P_LOC, &['|']);
        add(ORGS, P_ORG, &['|']);
        for w in GIVEN_NAMES.split_whitespace() {
            *m.entry(phrase_hash(&[word_hash(w)])).or_default() |= 1 << P_PER;
        }
        m
    })
}

/// Phrase classes of the phrase with these word hashes (0 when not in the gazetteer).
pub fn phrase_class(hashes: &[u64]) -> u8 {
    phrases().get(&phrase_hash(hashes)).copied().unwrap_or(0)
}
