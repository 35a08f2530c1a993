//! The embedded model on hand-written Indonesian sentences, CoNLL-U through `annotate`, and
//! (when ../shared/data is there) floors on UD Indonesian-CSUI test.

use warta_syntax::conllu::{self, Line};
use warta_syntax::train::{self, is_tree};
use warta_syntax::{Analyser, Deprel, Model, Parsed, Rel, Style, Sub, Upos};

fn words(s: &str) -> Vec<&str> {
    s.split(' ').collect()
}

fn parse(s: &str) -> (Vec<&str>, Vec<Parsed>) {
    let w = words(s);
    let p = Model::embedded().tag_and_parse(&w);
    assert_eq!(p.len(), w.len());
    assert!(is_tree(&p), "{s}: not a tree: {p:?}");
    (w, p)
}

/// The index of a word by its form (first occurrence).
fn at(w: &[&str], form: &str) -> usize {
    w.iter().position(|x| *x == form).unwrap_or_else(|| panic!("{form} not in {w:?}"))
}

#[test]
fn every_parse_is_one_tree() {
    let sentences = [
        "Gubernur itu meresmikan jembatan baru di Kabupaten Bogor pada Senin ( 20/10 ) .",
        "Harga beras naik 5 persen karena panen gagal , kata pedagang di pasar .",
        "Ya .",
        "Banjir",
        "\" Kami belum menerima laporan itu , \" ujar juru bicara kepolisian kepada wartawan .",
        "Rapat yang dipimpin oleh Wakil Presiden tersebut membahas anggaran pendidikan dan kesehatan untuk tahun depan .",
        ", , , . . .",
    ];
    for s in sentences {
        parse(s);
    }
    assert!(Model::embedded().tag_and_parse(&[]).is_empty());
}

#[test]
fn tags_of_closed_class_words_and_punctuation() {
    let (w, p) = parse("Petani di desa itu tidak akan menjual padi dan jagung kepada tengkulak .");
    let tag = |f: &str| p[at(&w, f)].upos;
    assert_eq!(tag("di"), Upos::Adp);
    assert_eq!(tag("kepada"), Upos::Adp);
    assert_eq!(tag("dan"), Upos::Cconj);
    assert_eq!(tag("tidak"), Upos::Part);
    assert_eq!(tag("akan"), Upos::Aux);
    assert_eq!(tag("menjual"), Upos::Verb);
    assert_eq!(tag("."), Upos::Punct);
    assert_eq!(tag("itu"), Upos::Det);
}

#[test]
fn subject_object_and_numeral() {
    let (w, p) = parse("Polisi menangkap dua tersangka pencurian .");
    let verb = at(&w, "menangkap");
    let head = |f: &str| p[at(&w, f)].head as usize;
    assert_eq!(p[verb].head, 0, "{p:?}");
    assert_eq!(p[verb].deprel, Deprel::ROOT);
    assert_eq!(head("Polisi"), verb + 1);
    assert_eq!(p[at(&w, "Polisi")].deprel.rel, Rel::Nsubj);
    assert_eq!(head("tersangka"), verb + 1);
    assert_eq!(p[at(&w, "tersangka")].deprel.rel, Rel::Obj);
    assert_eq!(head("dua"), at(&w, "tersangka") + 1);
    assert_eq!(p[at(&w, "dua")].deprel.rel, Rel::Nummod);
    assert_eq!(head("."), verb + 1);
    assert_eq!(p[at(&w, ".")].deprel, Deprel::PUNCT);
}

#[test]
fn prepositional_phrase_of_an_intransitive_verb() {
    let (w, p) = parse("Presiden tiba di Surabaya kemarin sore .");
    let verb = at(&w, "tiba");
    let head = |f: &str| p[at(&w, f)].head as usize;
    assert_eq!(p[verb].head, 0, "{p:?}");
    // "di" marks "Surabaya", which attaches to the verb as an oblique.
    assert_eq!(head("di"), at(&w, "Surabaya") + 1);
    assert_eq!(p[at(&w, "di")].deprel.rel, Rel::Case);
    assert_eq!(head("Surabaya"), verb + 1);
    assert_eq!(p[at(&w, "Surabaya")].deprel.rel, Rel::Obl);
}

#[test]
fn passive_with_oleh_agent() {
    let (w, p) = parse("Gedung sekolah itu diresmikan oleh Bupati Sleman .");
    let verb = at(&w, "diresmikan");
    assert_eq!(p[verb].head, 0, "{p:?}");
    assert_eq!(p[at(&w, "Gedung")].deprel, Deprel { rel: Rel::Nsubj, sub: Some(Sub::Pass) });
    assert_eq!(p[at(&w, "Gedung")].head as usize, verb + 1);
    assert_eq!(p[at(&w, "oleh")].head as usize, at(&w, "Bupati") + 1);
    assert_eq!(p[at(&w, "Bupati")].head as usize, verb + 1);
}

#[test]
fn annotate_keeps_comments_ranges_and_other_columns() {
    let input = "# sent_id = hand-1\n# text = Rumahnya terbakar.\n\
1-2\tRumahnya\t_\t_\t_\t_\t_\t_\t_\t_\n\
1\tRumah\trumah\t_\t_\t_\t_\t_\t_\t_\n\
2\tnya\tnya\t_\t_\t_\t_\t_\t_\t_\n\
3\tterbakar\tbakar\t_\tVSP\t_\t_\t_\t_\tSpaceAfter=No\n\
4\t.\t.\t_\t_\t_\t_\t_\t_\t_\n\n";
    let mut sents = conllu::parse(input).unwrap();
    let mut a = Analyser::new(Model::embedded());
    warta_syntax::annotate(&mut a, &mut sents[0]);
    let out = conllu::write(&sents);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        &lines[..3],
        &["# sent_id = hand-1", "# text = Rumahnya terbakar.", "1-2\tRumahnya\t_\t_\t_\t_\t_\t_\t_\t_"]
    );
    let terbakar: Vec<&str> = lines[5].split('\t').collect();
    assert_eq!(terbakar[2], "bakar");
    assert_eq!(terbakar[4], "VSP");
    assert_eq!(terbakar[9], "SpaceAfter=No");
    assert_eq!(terbakar[6], "0", "{out}");
    assert_eq!(terbakar[7], "root");
    // Reading the output again gives the same sentence.
    assert_eq!(conllu::parse(&out).unwrap(), sents);
    let nya = sents[0].words().nth(1).unwrap();
    assert_eq!(nya.upos(), Some(Upos::Pron));
}

#[test]
fn plain_text_becomes_conllu_with_clitics_as_multiword_tokens() {
    let mut sents = warta_syntax::sentences_from_text("Menurutnya, harga naik.\nIa pulang.", "doc");
    assert_eq!(sents.len(), 2);
    let mut a = Analyser::new(Model::embedded());
    for s in &mut sents {
        warta_syntax::annotate(&mut a, s);
    }
    let out = conllu::write(&sents);
    assert!(out.starts_with("# sent_id = doc-1\n# text = Menurutnya, harga naik.\n1-2\tMenurutnya\t"), "{out}");
    assert!(out.contains("\n2\tnya\t"));
    assert!(matches!(&sents[0].lines[2], Line::Range(r) if r.ends_with("SpaceAfter=No")));
    assert_eq!(sents[1].comment("sent_id"), Some("doc-2"));
    let again = conllu::parse(&out).unwrap();
    let lines = |v: &[conllu::Sentence]| v.iter().map(|s| s.lines.clone()).collect::<Vec<_>>();
    assert_eq!(lines(&again), lines(&sents));
}

#[test]
fn embedded_model_round_trips_through_its_file_format() {
    let m = Model::embedded();
    let again = Model::from_gz(&m.to_gz()).unwrap();
    let w = words("Menteri Keuangan mengumumkan kebijakan baru hari ini .");
    assert_eq!(m.tag_and_parse(&w), again.tag_and_parse(&w));
    assert!(Model::from_gz(b"not a model").is_err());
}

/// Floors a few points under the measured scores (reports/syntax.md), so a regression fails.
#[test]
fn csui_test_scores_stay_above_floors() {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/ud-id-csui/id_csui-ud-test.conllu");
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!("skipped: {} is absent (../shared/data not here)", path.display());
        return;
    };
    let gold = train::read_gold(&text).unwrap();
    let s = train::evaluate(Model::embedded(), &gold);
    assert_eq!(s.words, 10041);
    let (upos, uas, las) = (s.upos_rate(), s.uas_rate(), s.las_rate());
    eprintln!("csui test: UPOS {upos:.4} UAS {uas:.4} LAS {las:.4}");
    assert!(upos >= FLOOR_UPOS, "UPOS {upos:.4} < {FLOOR_UPOS}");
    assert!(uas >= FLOOR_UAS, "UAS {uas:.4} < {FLOOR_UAS}");
    assert!(las >= FLOOR_LAS, "LAS {las:.4} < {FLOOR_LAS}");
    // The GSD style is a different reading, not a broken one.
    let mut a = Analyser::new(Model::embedded());
    a.style = Style::Gsd;
    let p = a.tag_and_parse(&gold[0].words());
    assert!(is_tree(&p));
}

const FLOOR_UPOS: f64 = 0.93;
const FLOOR_UAS: f64 = 0.77;
const FLOOR_LAS: f64 = 0.72;
