//! Word lists of the quotes stage, written for warta.

use crate::lexicon::Lexicon;

/// Speech verbs that follow a quote or a reported clause with the speaker after them
/// ("…,” kata X", "…, ujar X"); each may also carry the clitic `-nya` ("katanya").
pub static POST_CUES: Lexicon = Lexicon::new(include_str!("../../data/lexicon/quotes/post-cues.txt"));

/// Full speech verbs whose subject is the speaker ("X mengatakan …", "…,” X menambahkan").
/// `true` marks verbs that take a clause without `bahwa`; the others need `bahwa` or a colon.
pub const VERBS: &[(&str, bool)] = &[
    ("mengatakan", true),
    ("menyatakan", true),
    ("menjelaskan", true),
    ("menegaskan", true),
    ("menambahkan", true),
    ("mengungkapkan", true),
    ("menyebutkan", true),
    ("melaporkan", true),
    ("memberitakan", true),
    ("mengonfirmasi", true),
    ("mengkonfirmasi", true),
    ("membantah", true),
    ("menyangkal", true),
    ("berspekulasi", true),
    ("memperingatkan", true),
    ("mengumumkan", true),
    ("menuturkan", true),
    ("memaparkan", true),
    ("menerangkan", true),
    ("mengklaim", true),
    ("menuliskan", true),
    ("menulis", false),
    ("mengaku", true),
    ("mengakui", false),
    ("menilai", false),
    ("berpendapat", true),
    ("menyebut", false),
    ("meyakini", false),
    ("menduga", false),
    ("memperkirakan", false),
    ("menyampaikan", false),
    ("mengingatkan", false),
    ("menekankan", false),
    ("menandaskan", true),
    ("menuding", false),
    ("menuduh", false),
    ("mengeklaim", true),
    ("berkata", true),
    ("bertanya", false),
    ("mengimbau", false),
    ("meminta", false),
];

/// Words that end a speaker phrase (the speaker never runs over them).
pub static SPEAKER_STOPS: Lexicon = Lexicon::new(include_str!("../../data/lexicon/quotes/speaker-stops.txt"));

/// Words that open an unnamed speaker's description.
pub static ANON_OPENERS: Lexicon = Lexicon::new(include_str!("../../data/lexicon/quotes/anon-openers.txt"));

/// Heads of descriptions of unnamed speakers ("pejabat", "sumber", "analis").
pub static ANON_HEADS: Lexicon = Lexicon::new(include_str!("../../data/lexicon/quotes/anon-heads.txt"));

/// Phrases that say a speaker did not want to be named.
pub static ANON_MARKERS: Lexicon = Lexicon::new(include_str!("../../data/lexicon/quotes/anon-markers.txt"));

/// Capitalised words that are titles, roles or parts of organisation and place names rather than
/// a person's name ("Wakil Menteri Luar Negeri Rusia Andrei Rudenko": the name is the last two).
pub static NON_NAME_WORDS: Lexicon = Lexicon::new(include_str!("../../data/lexicon/quotes/non-name-words.txt"));

/// Heads of organisation-like speakers said through a document ("laporan KCNA", "pernyataan Kremlin").
pub static DOCUMENT_HEADS: Lexicon = Lexicon::new(include_str!("../../data/lexicon/quotes/document-heads.txt"));
