//! The trigger lexicon (`triggers.tsv`, self-written) and the small word classes the event
//! grammar uses. Parsed once, on first use.

use super::morph;
use crate::analysis::{EventType, Roles};
use crate::lexicon::Lexicon;
use std::sync::OnceLock;

pub use super::morph::Pos;

/// One trigger form.
#[derive(Debug, Clone)]
pub struct Trigger {
    pub kind: EventType,
    pub words: Vec<String>,
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
    /// The class is looked for up to the end of the trigger's clause (a comma, a full stop),
    /// not only within `reach` words: "mendorong regulasi yang belum selaras ... agar diperbaiki".
    pub to_clause: bool,
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
/// Words naming a court as a body ("Mahkamah Konstitusi", "Pengadilan Negeri"): its words are
/// its ruling.
pub static COURTS: Lexicon = Lexicon::new(include_str!("../../data/lexicon/events/courts.txt"));
/// What a denial rejects ("menolak tuduhan", "menolak klaim").
pub static CLAIM: Lexicon = Lexicon::new(include_str!("../../data/lexicon/events/claim.txt"));

/// A measure a government prepares or rolls out ("menyiapkan strategi", "menyusun skema").
pub static MEASURE: Lexicon = Lexicon::new(include_str!("../../data/lexicon/events/measure.txt"));

/// What makes calling someone a naming act ("memanggil X sebagai 'sahabat'"), not a summons.
pub static NAMING: Lexicon = Lexicon::new(include_str!("../../data/lexicon/events/naming.txt"));

/// Whom investigators summon ("memanggil X sebagai saksi"): the summons is an investigation.
pub static WITNESS: Lexicon = Lexicon::new(include_str!("../../data/lexicon/events/witness.txt"));

/// Arms and war material ("mengirim senjata", "pasokan amunisi").
pub static ARMS: Lexicon = Lexicon::new(include_str!("../../data/lexicon/events/arms.txt"));
/// Military hardware and exercises ("uji coba rudal", "meluncurkan satelit mata-mata").
pub static MIL: Lexicon = Lexicon::new(include_str!("../../data/lexicon/events/mil.txt"));

const TSV: &str = include_str!("triggers.tsv");
const ROOTS: &str = include_str!("roots.tsv");

/// What a lexicon line's class column asks of a trigger's context.
struct Class {
    needs: Option<&'static [&'static str]>,
    around: bool,
    frame: bool,
    reach: usize,
    to_clause: bool,
}

fn class(name: Option<&str>, file: &str) -> Class {
    let needs = match name {
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
        Some("measure") => Some(&MEASURE[..]),
        Some("naming") => Some(&NAMING[..]),
        Some("witness") => Some(&WITNESS[..]),
        Some(other) => panic!("{file}: bad class {other:?}"),
    };
    Class {
        needs,
        around: matches!(name, Some("econ" | "court")),
        frame: name == Some("frame"),
        reach: match name {
            Some("suspect" | "purpose" | "witness" | "naming") => 7,
            Some("econ") => 6,
            _ => 4,
        },
        to_clause: name == Some("purpose"),
    }
}

fn event_type(name: &str, file: &str) -> EventType {
    EventType::parse(name).unwrap_or_else(|| panic!("{file}: unknown event type {name:?}"))
}

/// Non-comment lines split at tabs.
fn rows(tsv: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    tsv.lines().map(str::trim_end).filter(|l| !l.is_empty() && !l.starts_with('#')).map(|l| l.split('\t').collect())
}

/// All trigger forms, longest first: the written forms of `triggers.tsv`, then every form
/// that `roots.tsv` derives and `triggers.tsv` does not write out (a written form keeps exactly
/// the types and classes its lines give it).
pub fn triggers() -> &'static [Trigger] {
    static T: OnceLock<Vec<Trigger>> = OnceLock::new();
    T.get_or_init(|| {
        let mut out = Vec::new();
        for cols in rows(TSV) {
            assert!(cols.len() >= 3, "triggers.tsv: bad line {cols:?}");
            let pos = match cols[2] {
                "v" => Pos::Verb,
                "p" => Pos::Passive,
                "n" => Pos::Noun,
                other => panic!("triggers.tsv: bad pos {other:?}"),
            };
            let Class { needs, around, frame, reach, to_clause } = class(cols.get(3).copied(), "triggers.tsv");
            let kind = event_type(cols[0], "triggers.tsv");
            out.push(Trigger {
                kind,
                words: cols[1].split(' ').map(str::to_string).collect(),
                pos,
                needs,
                around,
                frame,
                reach,
                to_clause,
            });
        }
        // Derived forms only add: a form written out in triggers.tsv (of any type) keeps its lines.
        let written: std::collections::HashSet<Vec<String>> = out.iter().map(|t: &Trigger| t.words.clone()).collect();
        let mut derived = std::collections::HashSet::new();
        for cols in rows(ROOTS) {
            assert!(cols.len() >= 3, "roots.tsv: bad line {cols:?}");
            let kind = event_type(cols[0], "roots.tsv");
            let Class { needs, around, frame, reach, to_clause } = class(cols.get(3).copied(), "roots.tsv");
            for pattern in cols[2].split(' ') {
                let (name, noun_frame) = match pattern.strip_suffix('!') {
                    Some(p) => (p, true),
                    None => (pattern, false),
                };
                let affix = morph::Affix::parse(name).unwrap_or_else(|| panic!("roots.tsv: bad pattern {pattern:?}"));
                let pos = affix.pos();
                for form in affix.forms(cols[1]) {
                    let words: Vec<String> = form.split(' ').map(str::to_string).collect();
                    if written.contains(&words) || !derived.insert((words.clone(), kind)) {
                        continue;
                    }
                    out.push(Trigger { kind, words, pos, needs, around, frame: frame || noun_frame, reach, to_clause });
                }
            }
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
            map.entry(t.words[0].as_str()).or_default().push(t);
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

/// Words that open a clause with no subject of its own: its verb is done by the main clause's
/// agent ("..., ujar X saat meninjau ...").
pub static SUBORDINATORS: Lexicon = Lexicon::new(include_str!("../../data/lexicon/events/subordinators.txt"));

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
/// Types whose verb is itself an act of speech (GUIDELINE: a statement whose content is a
/// demand, threat, denial or accusation takes that type): the occasion it was said on is told.
pub const SAID: &[EventType] = &[EventType::Demand, EventType::Threat, EventType::Denial, EventType::Accusation];
