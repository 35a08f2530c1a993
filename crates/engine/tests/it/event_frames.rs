//! Event frames on sentences written for these tests (never copied from a data set): one table
//! row per type of the typology, per argument pattern (active, passive with and without "oleh",
//! inverted speech, relative clause) and per status cue.

use serde_json::Value;

/// One case: the text, the type expected on the sentence holding `on`, the agent's name (a part
/// of it), None for "no agent", and the status.
struct Case {
    text: &'static str,
    kind: &'static str,
    on: &'static str,
    agent: Option<Option<&'static str>>,
    status: &'static str,
}

const fn case(
    text: &'static str,
    kind: &'static str,
    on: &'static str,
    agent: Option<Option<&'static str>>,
    status: &'static str,
) -> Case {
    Case { text, kind, on, agent, status }
}

/// Agent not checked.
const ANY: Option<Option<&str>> = None;
/// No agent expected.
const NOBODY: Option<Option<&str>> = Some(None);

const fn by(name: &'static str) -> Option<Option<&'static str>> {
    Some(Some(name))
}

const CASES: &[Case] = &[
    // a purpose word that stands at the clause's end, past a relative clause, still makes the
    // demand
    case(
        "Komisi Nasional Perlindungan Anak mendorong aturan sekolah yang belum melindungi murid dari perundungan agar segera diperbaiki.",
        "demand",
        "mendorong",
        by("Komisi Nasional Perlindungan Anak"),
        "confirmed",
    ),
    // what a court says is its ruling, not a statement
    case(
        "Mahkamah Konstitusi menyatakan pasal itu bertentangan dengan Undang-Undang Dasar, Kamis (5/6/2025).",
        "trial",
        "menyatakan",
        by("Mahkamah Konstitusi"),
        "confirmed",
    ),
    // types, active voice
    case(
        "Gubernur Jawa Tengah Ahmad Luthfi meninjau lokasi banjir di Kabupaten Demak, Senin (9/6/2025).",
        "visit",
        "meninjau",
        by("Ahmad Luthfi"),
        "confirmed",
    ),
    case(
        "Kejaksaan Agung menahan seorang pejabat Kementerian Perdagangan pada Selasa (10/6/2025).",
        "arrest",
        "menahan",
        by("Kejaksaan Agung"),
        "confirmed",
    ),
    case(
        "Komisi Pemberantasan Korupsi menetapkan Bupati Hendra Wijaya sebagai tersangka suap proyek jalan.",
        "charge",
        "menetapkan",
        by("Komisi Pemberantasan Korupsi"),
        "confirmed",
    ),
    case(
        "Pemerintah Provinsi Jawa Barat menyalurkan bantuan beras kepada warga terdampak kekeringan.",
        "aid",
        "menyalurkan",
        ANY,
        "confirmed",
    ),
    case(
        "Ratusan buruh menggelar unjuk rasa di depan Gedung Sate, Bandung, menuntut kenaikan upah.",
        "protest",
        "unjuk rasa",
        ANY,
        "confirmed",
    ),
    case(
        "Presiden Prabowo Subianto melantik Andi Saputra sebagai Kepala Badan Pangan Nasional di Istana Negara.",
        "appointment",
        "melantik",
        by("Prabowo"),
        "confirmed",
    ),
    case(
        "DPRD Kota Surabaya mengesahkan peraturan daerah tentang pajak parkir dalam rapat paripurna.",
        "policy",
        "mengesahkan",
        by("DPRD Kota Surabaya"),
        "confirmed",
    ),
    case(
        "Banjir merendam ratusan rumah di Kecamatan Sayung sejak Minggu (8/6/2025).",
        "disaster",
        "Banjir",
        NOBODY,
        "confirmed",
    ),
    case(
        "Menteri Kesehatan Budi Gunadi Sadikin meminta seluruh rumah sakit daerah menyiapkan ruang isolasi.",
        "demand",
        "meminta",
        by("Budi Gunadi Sadikin"),
        "confirmed",
    ),
    case(
        "Bank Indonesia mencatat inflasi Mei 2025 sebesar 1,6 persen secara tahunan.",
        "economic",
        "inflasi",
        ANY,
        "confirmed",
    ),
    // passive with "oleh": the agent after it
    case(
        "Dua tersangka pencurian kabel ditangkap oleh Polres Bogor di sebuah gudang.",
        "arrest",
        "ditangkap",
        by("Polres Bogor"),
        "confirmed",
    ),
    // passive without "oleh": no agent
    case("Anggaran pendidikan tahun depan dirancang sebesar Rp 700 triliun.", "policy", "dirancang", NOBODY, "planned"),
    // status cues in the trigger's clause
    case(
        "Wali Kota Medan Rico Waas akan meresmikan pasar tradisional baru di Medan Deli.",
        "launch",
        "meresmikan",
        by("Rico Waas"),
        "planned",
    ),
    case(
        "Seorang pegawai bank diduga menggelapkan dana nasabah, lalu polisi memeriksa tiga saksi.",
        "investigation",
        "memeriksa",
        ANY,
        "confirmed",
    ),
    case(
        "Pemerintah Kabupaten Bogor belum menerbitkan izin bangunan untuk pusat belanja itu.",
        "policy",
        "menerbitkan",
        ANY,
        "denied",
    ),
    // "saya" inside a quotation is its speaker: the demand is theirs, made (not reported)
    case(
        "\"Saya minta seluruh camat untuk mendata warga terdampak banjir,\" kata Bupati Bekasi Ade Kuswara Kunang, Senin (9/6/2025).",
        "demand",
        "minta",
        by("Ade Kuswara Kunang"),
        "confirmed",
    ),
    // ... also when the one asked is named right after the verb
    case(
        "\"Saya minta Dinas Sosial untuk segera mendata warga terdampak banjir,\" kata Bupati Bekasi Ade Kuswara Kunang, Senin (9/6/2025).",
        "demand",
        "minta",
        by("Ade Kuswara Kunang"),
        "confirmed",
    ),
    // past a speech verb with a subject of its own between, the speaker is not the agent;
    // with only an auxiliary between, the speaker does what they say they will
    case(
        "Menteri Keuangan Sri Mulyani Indrawati menyatakan pemerintah menaikkan tarif cukai rokok mulai Januari 2026.",
        "policy",
        "menaikkan",
        NOBODY,
        "reported",
    ),
    case(
        "Presiden Prabowo Subianto mengatakan akan mengunjungi Jepang pada Juli 2025.",
        "visit",
        "mengunjungi",
        by("Prabowo Subianto"),
        "planned",
    ),
    // a government preparing a measure is a policy; preparing food is not (NO_EVENT)
    case(
        "Kementerian Pertanian menyiapkan skema baru penyaluran pupuk bersubsidi bagi petani di Jawa Timur.",
        "policy",
        "menyiapkan",
        by("Kementerian Pertanian"),
        "confirmed",
    ),
    // reactions and comments are what a speaker says: the lead's statement
    case(
        "Ketua Komisi IV DPR Siti Hediati Hariyadi menyoroti lambannya penyaluran pupuk bersubsidi di Nusa Tenggara Timur.",
        "statement",
        "menyoroti",
        by("Siti Hediati Hariyadi"),
        "confirmed",
    ),
    case(
        "Direktur Utama PT Kereta Api Indonesia Bobby Rasyidin buka suara soal antrean penumpang di Stasiun Pasar Senen.",
        "statement",
        "buka suara",
        by("Bobby Rasyidin"),
        "confirmed",
    ),
    case(
        "Terpidana kasus pemalsuan dokumen tanah, Hendra Wijaya, mengajukan peninjauan kembali ke Pengadilan Negeri Bandung.",
        "trial",
        "mengajukan peninjauan kembali",
        by("Hendra Wijaya"),
        "confirmed",
    ),
    // forms derived from roots.tsv (root + affix pattern), not written out in triggers.tsv
    case(
        "Tim gabungan menyergap dua pelaku penyelundupan di pelabuhan Tanjung Priok, Jakarta.",
        "arrest",
        "menyergap",
        ANY,
        "confirmed",
    ),
    case(
        "Penyanderaan tiga nelayan oleh kelompok bersenjata terjadi di perairan Sulu pada Senin (9/6/2025).",
        "attack",
        "Penyanderaan",
        ANY,
        "confirmed",
    ),
    // a clause opened by "saat"/"ketika" has no subject of its own: the main clause's agent
    // (the inverted speaker, the "oleh" agent) does what it tells
    case(
        "\"Pasar sudah kembali buka sejak pagi,\" ujar Wali Kota Bogor Dedie Rachim saat meninjau Pasar Kebon Kembang, Senin (9/6/2025).",
        "visit",
        "meninjau",
        by("Dedie Rachim"),
        "confirmed",
    ),
    case(
        "Rencana itu diungkap oleh Menteri Pertanian Andi Amran Sulaiman ketika berkunjung ke Kabupaten Merauke, Senin (9/6/2025).",
        "visit",
        "berkunjung",
        by("Andi Amran Sulaiman"),
        "confirmed",
    ),
    // "X bersama Y <verb>": X acts, Y is with it; a place right after an organisation and an
    // alias in brackets are part of its name
    case(
        "Polda Metro Jaya bersama Badan Narkotika Nasional menggerebek sebuah rumah di Kecamatan Cibinong, Senin (9/6/2025).",
        "arrest",
        "menggerebek",
        by("Polda Metro Jaya"),
        "confirmed",
    ),
    case(
        "Badan Pengawas Obat dan Makanan bersama Dinas Kesehatan (Dinkes) Kota Depok menertibkan klinik tanpa izin di kawasan Margonda, Selasa (10/6/2025).",
        "sanction",
        "menertibkan",
        by("Badan Pengawas Obat dan Makanan"),
        "confirmed",
    ),
    // a noun after its light verb in a "usai" clause: the main clause's agent; the two nouns
    // of one signing are one event
    case(
        "Hal tersebut dikatakan Menteri Luar Negeri Sugiono seusai melakukan penandatanganan perjanjian perbatasan dengan Menteri Luar Negeri Malaysia Mohamad Hasan di Putrajaya, Selasa (10/6/2025).",
        "agreement",
        "penandatanganan",
        by("Sugiono"),
        "confirmed",
    ),
    // a summons as a witness is an investigation, whoever summons
    case(
        "Kejaksaan Tinggi Jawa Barat memanggil Bendahara Desa Sukamaju Rina Wulandari sebagai saksi pada Selasa (10/6/2025).",
        "investigation",
        "memanggil",
        by("Kejaksaan Tinggi Jawa Barat"),
        "confirmed",
    ),
    // calling someone something is an act, also when an official quotes it: the named third
    // party's, reported
    case(
        "\"Sejak Juni 2025, Presiden Andi Wirawan telah memanggil Perdana Menteri Liu Chen sebagai sahabat terdekatnya,\" kata pejabat kementerian itu.",
        "statement",
        "memanggil",
        by("Andi Wirawan"),
        "reported",
    ),
    // a second act joined to a speech verb by "dan" is the speaker's own, told as done
    case(
        "Wali Kota Sukamaju Dewi Lestari menyatakan duka dan memerintahkan audit menyeluruh atas proyek jembatan itu, Rabu (11/6/2025).",
        "demand",
        "memerintahkan",
        by("Dewi Lestari"),
        "confirmed",
    ),
    // but what follows a clause of the words ("bahwa ...") stays the words' content: the
    // office asks, under the "akan" of its clause
    case(
        "Wali Kota Sukamaju Dewi Lestari mengatakan bahwa dinas akan memeriksa anggaran dan meminta kontraktor menghentikan pekerjaan.",
        "demand",
        "meminta",
        NOBODY,
        "planned",
    ),
];

/// Dates per event: (text, type, trigger word, date, date_end, date_source).
#[allow(clippy::type_complexity)]
const DATED: &[(&str, &str, &str, Option<&str>, Option<&str>, &str)] = &[
    // a range dates the event by its first day, whichever end stands nearer the trigger
    (
        "Pada 3-4 Juni 2025, Menteri Luar Negeri Sugiono bertemu dengan Menteri Luar Negeri Malaysia Mohamad Hasan di Kuala Lumpur.",
        "meeting",
        "bertemu",
        Some("2025-06-03"),
        Some("2025-06-04"),
        "time",
    ),
    // "Nomor 12 Tahun 2025" names a regulation, not the event's date: the text gives none, so
    // the happening told as news is dated by the reference day, marked so
    (
        "Wali Kota Surabaya Eri Cahyadi menerbitkan Peraturan Wali Kota Nomor 12 Tahun 2025 tentang jam buka pasar malam.",
        "policy",
        "menerbitkan",
        Some("2025-06-11"),
        None,
        "reference",
    ),
    // planned with no date: none, not the reference day
    ("Pemerintah Kota Surabaya akan menaikkan tarif parkir di pusat kota.", "policy", "menaikkan", None, None, "none"),
    // a speech's own date stands after its verb, before what is said ("bahwa", a colon)
    (
        "Juru bicara Kementerian Luar Negeri Roy Soemirat mengatakan kepada wartawan pada Mei bahwa perundingan dagang itu berjalan lancar.",
        "statement",
        "mengatakan",
        Some("2025-05"),
        None,
        "time",
    ),
    // a date inside what is said is the content's, not the speech's: the reference day
    (
        "Juru bicara Kementerian Luar Negeri Roy Soemirat mengatakan bahwa perundingan dagang akan dilanjutkan pada 20 Juni 2025.",
        "statement",
        "mengatakan",
        Some("2025-06-11"),
        None,
        "reference",
    ),
    // a demand in the speaker's own words is dated by the words' day
    (
        "\"Saya minta seluruh camat untuk mendata warga terdampak banjir,\" kata Bupati Bekasi Ade Kuswara Kunang, Senin (9/6/2025).",
        "demand",
        "minta",
        Some("2025-06-09"),
        None,
        "time",
    ),
    // a month fronted before a speech verb's clause is the speech's time
    (
        "Pada Mei 2025, Menteri Perdagangan Budi Santoso menyebut harga minyak goreng sudah stabil.",
        "statement",
        "menyebut",
        Some("2025-05"),
        None,
        "time",
    ),
    // a span of years fronted so sets the scope of what is said, not the day it was said
    (
        "Selama 2019-2023, Kepala Dinas Kesehatan Rudi Hartono menambahkan bahwa angka stunting terus turun.",
        "statement",
        "menambahkan",
        Some("2025-06-11"),
        None,
        "reference",
    ),
    // what a "setelah" clause tells happened before the main clause's date: no date, not that one
    (
        "Setelah kebakaran gudang di Kecamatan Cakung, polisi menetapkan dua tersangka pada Senin (9/6/2025).",
        "disaster",
        "kebakaran",
        None,
        None,
        "none",
    ),
];

#[test]
fn event_dates_take_a_range_start_and_skip_document_numbers() {
    for (text, kind, on, date, end, source) in DATED {
        let a = analyse(text);
        let at = text.find(on).expect("`on` is in the text");
        let e = a["events"]
            .as_array()
            .into_iter()
            .flatten()
            .find(|e| {
                e["type"] == *kind
                    && e["trigger"]["start"].as_u64().is_some_and(|s| s as usize <= at)
                    && e["trigger"]["end"].as_u64().is_some_and(|s| s as usize > at)
            })
            .unwrap_or_else(|| panic!("{text}: no {kind} on {on}: {}", a["events"]));
        assert_eq!(e["date"].as_str(), *date, "{text}: date");
        assert_eq!(e["date_end"].as_str(), *end, "{text}: date_end");
        assert_eq!(e["date_source"].as_str(), Some(*source), "{text}: date_source");
    }
}

#[test]
fn an_act_that_is_the_occasion_keeps_the_statement() {
    for (on, kind) in [("meninjau", "visit"), ("penandatanganan", "agreement")] {
        let a = analyse(
            CASES
                .iter()
                .find(|c| c.on == on && (c.text.contains(" saat ") || c.text.contains(" seusai ")))
                .expect("case")
                .text,
        );
        let kinds: Vec<&str> =
            a["events"].as_array().into_iter().flatten().filter_map(|e| e["type"].as_str()).collect();
        let n = |k: &str| kinds.iter().filter(|x| **x == k).count();
        assert!(n("statement") == 1 && n(kind) == 1, "{on}: {kinds:?}");
    }
}

/// Sentences that must give no event of `kind`: an absence stated as a noun, speech with no
/// named speaker, a subheading, a noun framed only from the next clause, speech under "harus",
/// a court's ruling.
const NO_EVENT: &[(&str, &str)] = &[
    (
        "Kepala BPBD Kabupaten Garut Rudi Hartono memastikan tidak ada korban jiwa pada peristiwa tebing runtuh di tepi jalan desa itu.",
        "death",
    ),
    ("Sejumlah warga mengatakan air mulai surut sejak pagi.", "statement"),
    // a subheading names a topic, not a happening
    ("Penyaluran Bantuan Desa\nWarga desa itu berkumpul di balai desa pada Senin pagi.", "aid"),
    // a frame word in the next clause ("sehingga dapat dilakukan") does not frame the noun
    ("Petugas mencatat nama penerima bantuan sehingga dapat dilakukan pengecekan ulang.", "aid"),
    ("Relawan menyiapkan makanan bagi para pengungsi di balai desa.", "policy"),
    // what someone can or must say is no act of speech
    (
        "Dalam aturan itu, Bupati Garut Abdusy Syakur Amin harus menjelaskan penggunaan dana hibah kepada DPRD.",
        "statement",
    ),
    // a court's ruling is no statement
    (
        "Mahkamah Konstitusi menyatakan pasal itu bertentangan dengan Undang-Undang Dasar, Kamis (5/6/2025).",
        "statement",
    ),
];

#[test]
fn absences_and_unnamed_speakers_give_no_event() {
    for (text, kind) in NO_EVENT {
        let a = analyse(text);
        let got: Vec<&Value> = a["events"].as_array().into_iter().flatten().filter(|e| e["type"] == *kind).collect();
        assert!(got.is_empty(), "{text}: want no {kind}, got {got:?}");
    }
    // the same absence turned round is a death
    let a = analyse(
        "Kepala BPBD Kabupaten Garut Rudi Hartono memastikan ada korban jiwa pada peristiwa tebing runtuh di tepi jalan desa itu.",
    );
    assert!(a["events"].as_array().into_iter().flatten().any(|e| e["type"] == "death"), "{a}");
}

/// The events of `kind` in an analysis, as (trigger text, agent names).
fn of_kind(a: &Value, kind: &str) -> Vec<(String, Vec<String>)> {
    a["events"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|e| e["type"] == kind)
        .map(|e| (e["trigger"]["text"].as_str().unwrap_or("").to_string(), agent_names(a, e)))
        .collect()
}

#[test]
fn one_occasion_gives_one_act_of_speech_whatever_its_type() {
    // the first words are a demand; the same speaker's further words that day are no new
    // statement
    let a = analyse(
        "Bupati Sleman Harda Kiswaya meminta warga untuk membersihkan saluran air sebelum musim hujan, Senin (9/6/2025). \
         \"Kami sudah menyiapkan alat berat di setiap kecamatan,\" kata Harda di Sleman, Senin (9/6/2025).",
    );
    assert_eq!(of_kind(&a, "demand").len(), 1, "{a}");
    assert!(of_kind(&a, "statement").is_empty(), "{:?}", of_kind(&a, "statement"));
    // a noun in the words names their topic, not an act: the statement stays
    let a = analyse(
        "Menteri Pertanian Andi Amran Sulaiman menegaskan pentingnya program cetak sawah di luar Jawa, Senin (9/6/2025).",
    );
    let st = of_kind(&a, "statement");
    assert!(st.len() == 1 && st[0].1.iter().any(|n| n.contains("Amran")), "{st:?}");
}

#[test]
fn a_speech_verb_inside_a_quotation_is_no_act_of_its_subject() {
    // said by the official quoted: one statement, the official's; the governor's words are
    // what the official says (calling someone something would be the governor's act)
    let a = analyse(
        "\"Gubernur Arif Budiman sudah menyampaikan bahwa jalan itu diperbaiki tahun ini,\" kata Kepala Dinas PU Joni Siregar, Selasa (10/6/2025).",
    );
    let said = of_kind(&a, "statement");
    assert_eq!(said.len(), 1, "{said:?}");
    assert!(said[0].1.iter().any(|n| n.contains("Joni Siregar")), "{said:?}");
}

#[test]
fn a_noun_pointing_back_names_no_new_happening() {
    // "Pernyataan itu" refers to words already told: no second statement
    let a = analyse(
        "Juru bicara Kementerian Luar Negeri Rolliansyah Soemirat mengatakan Indonesia mengecam serangan itu, Senin (9/6/2025). \
         Pernyataan itu disiarkan melalui akun resmi kementerian.",
    );
    assert_eq!(of_kind(&a, "statement").len(), 1, "{:?}", of_kind(&a, "statement"));
    // "kebijakan tersebut" with no policy told before it is no policy of its own
    let a = analyse("Para pedagang pasar mengeluhkan kebijakan tersebut karena sepi pembeli.");
    assert!(of_kind(&a, "policy").is_empty(), "{:?}", of_kind(&a, "policy"));
}

#[test]
fn happenings_with_no_party_merge_only_on_the_same_word_or_place() {
    // two distinct measures with no named party are two policies
    let a = analyse(
        "Jalan layang itu ditutup mulai Senin (9/6/2025). Tarif parkir di kawasan kota tua dinaikkan mulai pekan depan.",
    );
    assert_eq!(of_kind(&a, "policy").len(), 2, "{:?}", of_kind(&a, "policy"));
}

#[test]
fn a_title_abbreviation_is_no_part_of_the_name() {
    let a = analyse(
        "Walkot Agung Nugroho meninjau pasar di Kecamatan Sukajadi, Senin (9/6/2025). \"Harga cabai sudah turun,\" kata Walkot Agung.",
    );
    let names: Vec<&str> = a["entities"].as_array().into_iter().flatten().filter_map(|e| e["name"].as_str()).collect();
    assert!(names.contains(&"Agung Nugroho") && !names.iter().any(|n| n.starts_with("Walkot")), "{names:?}");
}

fn analyse(text: &str) -> Value {
    let d = warta_engine::decode(text.as_bytes()).expect("decodes");
    let opts = warta_engine::Options { reference_date: Some("2025-06-11".parse().unwrap()) };
    serde_json::to_value(warta_engine::analyze("case", &d, &opts)).unwrap()
}

fn agent_names(a: &Value, e: &Value) -> Vec<String> {
    let ids: Vec<&str> =
        e["roles"]["agent"].as_array().map(|v| v.iter().filter_map(Value::as_str).collect()).unwrap_or_default();
    a["entities"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|x| ids.contains(&x["id"].as_str().unwrap_or("")))
        .map(|x| x["name"].as_str().unwrap_or("").to_string())
        .collect()
}

#[test]
fn types_arguments_and_status_per_case() {
    let mut failures = Vec::new();
    for c in CASES {
        let a = analyse(c.text);
        let at = c.text.find(c.on).expect("`on` is in the text");
        let hit = a["events"].as_array().into_iter().flatten().find(|e| {
            let t = &e["trigger"];
            e["type"] == c.kind
                && t["start"].as_u64().is_some_and(|s| s as usize <= at)
                && t["end"].as_u64().is_some_and(|s| s as usize > at)
        });
        let Some(e) = hit else {
            let got: Vec<String> = a["events"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|e| format!("{} [{}]", e["type"], e["trigger"]["text"]))
                .collect();
            failures.push(format!("{}: no {} on {:?}; got {got:?}", c.text, c.kind, c.on));
            continue;
        };
        if e["status"] != c.status {
            failures.push(format!("{}: status {} (want {})", c.text, e["status"], c.status));
        }
        let names = agent_names(&a, e);
        match c.agent {
            None => {}
            Some(None) if !names.is_empty() => failures.push(format!("{}: agent {names:?} (want none)", c.text)),
            Some(Some(want)) if !names.iter().any(|n| n.contains(want) || want.contains(n.as_str())) => {
                failures.push(format!("{}: agent {names:?} (want {want})", c.text))
            }
            _ => {}
        }
    }
    assert!(failures.is_empty(), "{} of {} cases failed:\n{}", failures.len(), CASES.len(), failures.join("\n"));
}
