//! The trigger lexicon (`triggers.tsv`, self-written) and the small word classes the event
//! grammar uses. Parsed once, on first use.

use crate::analysis::{EventType, Roles};
use crate::lexicon::Lexicon;
use std::sync::OnceLock;

/// How a trigger takes its arguments.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pos {
    /// Active verb: agent before, object after ("X mengunjungi Y").
    Verb,
    /// Passive verb: patient before, agent after or after "oleh" ("X diundang Y").
    Passive,
    /// Noun: agent right after as a genitive ("kunjungan X ke Y"), else as for a verb.
    Noun,
}

/// One trigger form.
#[derive(Debug, Clone)]
pub struct Trigger {
    pub kind: EventType,
    pub words: Vec<&'static str>,
    pub pos: Pos,
    /// A word class that must follow within four words ("mengirim" needs arms).
    pub needs: Option<&'static [&'static str]>,
    /// The class may also stand within four words before the trigger ("harga beras naik").
    pub around: bool,
    /// How many words after the trigger the class may stand (4; 7 for "menetapkan X sebagai
    /// tersangka").
    pub reach: usize,
    /// A noun that counts only in an event-like frame ([`FRAME_BEFORE`], [`FRAME_AFTER`]).
    pub frame: bool,
}

/// Words that make a following noun an event ("menggelar rapat", "dalam sidang", "saat banjir").
pub static FRAME_BEFORE: Lexicon = Lexicon::new(include_str!("../../data/lexicon/events/frame-before.txt"));
/// Words that make a preceding noun an event ("rapat digelar", "sidang di", "banjir pada").
pub static FRAME_AFTER: Lexicon = Lexicon::new(include_str!("../../data/lexicon/events/frame-after.txt"));
/// A suspect ("menetapkan X sebagai tersangka").
pub static SUSPECT: Lexicon = Lexicon::new(include_str!("../../data/lexicon/events/suspect.txt"));
/// Police, prosecutors and anti-graft bodies ("melaporkan X ke polisi", "dipanggil penyidik").
pub static POLICE: Lexicon = Lexicon::new(include_str!("../../data/lexicon/events/police.txt"));
/// A regulation: "meresmikan perda" is a policy, "meresmikan gedung" a launch.
pub static RULE: Lexicon = Lexicon::new(include_str!("../../data/lexicon/events/rule.txt"));
/// Money, prices and growth ("harga beras naik", "inflasi 2,5 persen").
pub static ECON: Lexicon = Lexicon::new(include_str!("../../data/lexicon/events/econ.txt"));
/// A court and its case ("sidang perkara", "terdakwa ... dituntut").
pub static COURT: Lexicon = Lexicon::new(include_str!("../../data/lexicon/events/court.txt"));
/// A purpose or complement clause: what someone is asked to do ("mengingatkan X untuk ...").
pub static PURPOSE: Lexicon = Lexicon::new(include_str!("../../data/lexicon/events/purpose.txt"));
/// What a denial rejects ("menolak tuduhan", "menolak klaim").
pub static CLAIM: Lexicon = Lexicon::new(include_str!("../../data/lexicon/events/claim.txt"));

/// Arms and war material ("mengirim senjata", "pasokan amunisi").
pub static ARMS: Lexicon = Lexicon::new(include_str!("../../data/lexicon/events/arms.txt"));
/// Military hardware and exercises ("uji coba rudal", "meluncurkan satelit mata-mata").
pub static MIL: Lexicon = Lexicon::new(include_str!("../../data/lexicon/events/mil.txt"));

const TSV: &str = include_str!("triggers.tsv");

/// All trigger forms, longest first.
pub fn triggers() -> &'static [Trigger] {
    static T: OnceLock<Vec<Trigger>> = OnceLock::new();
    T.get_or_init(|| {
        let mut out = Vec::new();
        for line in TSV.lines() {
            let line = line.trim_end();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let cols: Vec<&'static str> = line.split('\t').collect();
            assert!(cols.len() >= 3, "triggers.tsv: bad line {line:?}");
            let pos = match cols[2] {
                "v" => Pos::Verb,
                "p" => Pos::Passive,
                "n" => Pos::Noun,
                other => panic!("triggers.tsv: bad pos {other:?}"),
            };
            let needs = match cols.get(3).copied() {
                None | Some("") | Some("frame") => None,
                Some("arms") => Some(&ARMS[..]),
                Some("mil") => Some(&MIL[..]),
                Some("suspect") => Some(&SUSPECT[..]),
                Some("police") => Some(&POLICE[..]),
                Some("rule") => Some(&RULE[..]),
                Some("econ") => Some(&ECON[..]),
                Some("claim") => Some(&CLAIM[..]),
                Some("court") => Some(&COURT[..]),
                Some("purpose") => Some(&PURPOSE[..]),
                Some(other) => panic!("triggers.tsv: bad class {other:?}"),
            };
            let around = matches!(cols.get(3), Some(&"econ" | &"court"));
            let frame = cols.get(3) == Some(&"frame");
            let reach = match cols.get(3) {
                Some(&"suspect" | &"purpose") => 7,
                Some(&"econ") => 6,
                _ => 4,
            };
            let kind =
                EventType::parse(cols[0]).unwrap_or_else(|| panic!("triggers.tsv: unknown event type {:?}", cols[0]));
            out.push(Trigger { kind, words: cols[1].split(' ').collect(), pos, needs, around, frame, reach });
        }
        out.sort_by_key(|t| std::cmp::Reverse(t.words.len()));
        out
    })
}

/// The triggers starting with `word`, in [`triggers`]' order (longest first).
pub fn triggers_starting(word: &str) -> &'static [&'static Trigger] {
    static BY_FIRST: OnceLock<std::collections::HashMap<&'static str, Vec<&'static Trigger>>> = OnceLock::new();
    let map = BY_FIRST.get_or_init(|| {
        let mut map: std::collections::HashMap<&'static str, Vec<&'static Trigger>> = Default::default();
        for t in triggers() {
            map.entry(t.words[0]).or_default().push(t);
        }
        map
    });
    map.get(word).map_or(&[], Vec::as_slice)
}

/// Words that end an argument search and split clauses.
pub static BOUNDARIES: Lexicon = Lexicon::new(include_str!("../../data/lexicon/events/boundaries.txt"));
/// Two-word boundaries ("di tengah", "di mana").
pub const BOUNDARIES2: &[[&str; 2]] =
    &[["di", "tengah"], ["di", "mana"], ["dengan", "imbalan"], ["sebagai", "imbalan"]];

/// Prepositions and what a mention after them is to an event.
pub fn prep_role(w: &str) -> Option<Role> {
    Some(match w {
        "ke" | "menuju" => Role::Destination,
        "di" => Role::Place,
        "kepada" | "pada" => Role::Recipient,
        "dengan" | "bersama" | "antara" => Role::Counterpart,
        "oleh" => Role::Agent,
        "terhadap" | "atas" => Role::Target,
        "dari" | "mengutip" | "menurut" | "melalui" | "tentang" | "untuk" | "bagi" | "dalam" | "seperti" => Role::Other,
        _ => return None,
    })
}

/// What a mention is to an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Agent,
    Patient,
    Destination,
    Recipient,
    Counterpart,
    Target,
    Place,
    Other,
}

impl Role {
    /// This role's list in an event's [`Roles`] (None for [`Role::Other`], which is not kept).
    pub fn slot(self, roles: &mut Roles) -> Option<&mut Vec<String>> {
        Some(match self {
            Role::Agent => &mut roles.agent,
            Role::Patient => &mut roles.patient,
            Role::Destination => &mut roles.destination,
            Role::Recipient => &mut roles.recipient,
            Role::Counterpart => &mut roles.counterpart,
            Role::Target => &mut roles.target,
            Role::Place => &mut roles.place,
            Role::Other => return None,
        })
    }
}

/// Lower-case words that may stand between a preposition (or a noun trigger) and its mention:
/// titles and place nouns ("dengan Presiden X", "ke kota perbatasan X").
pub static FILLERS: Lexicon = Lexicon::new(include_str!("../../data/lexicon/events/fillers.txt"));

/// Words in front of a trigger that make it an example, not a happening ("seperti parade militer").
pub static GENERIC: Lexicon = Lexicon::new(include_str!("../../data/lexicon/events/generic.txt"));
/// Past-background cues in an event's clause when its date cannot be pinned.
pub const BACKGROUND_CUES: &[&[&str]] = &[
    &["tahun", "lalu"],
    &["tahun", "sebelumnya"],
    &["silam"],
    &["dulu"],
    &["beberapa", "tahun", "lalu"],
    &["terakhir", "kali"],
];
/// Types that are dropped when no party is found (the grammar's first twelve types, whose
/// triggers are also common words in other senses: "pesan", "surat", "perjalanan").
pub const NEEDS_PARTY: &[EventType] = &[
    EventType::Visit,
    EventType::Meeting,
    EventType::Statement,
    EventType::Invitation,
    EventType::Announcement,
    EventType::Accusation,
    EventType::Denial,
    EventType::Sanction,
    EventType::Veto,
    EventType::ArmsTransfer,
    EventType::Agreement,
    EventType::MilitaryActivity,
];
