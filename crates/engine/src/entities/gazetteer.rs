//! The curated gazetteer (`data/gazetteer.psv`): one row per real-world thing, with its type,
//! canonical Indonesian name, Indonesian aliases, names in en/zh/ja/ar/fr and links to other rows.
//!
//! The file is embedded with `include_str!` and parsed once. Keys are stable: ISO 3166-1
//! alpha-2 codes for countries (`KP`, `RU`), `city:…`, `reg:…`, `prov:…`, `org:…`, `id:…`,
//! `party:…`, `per:…` for the rest.

use super::text::{Tok, tokens};
use crate::analysis::{EntityKind, Relation, Subtype};
use std::collections::HashMap;
use std::sync::OnceLock;

const DATA: &str = include_str!("../../data/gazetteer.psv");

/// One gazetteer row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GazEntry {
    /// Stable key (`KP`, `city:pyongyang`, `per:putin`).
    pub key: &'static str,
    pub kind: EntityKind,
    /// Finer type: country, city, region, ministry, agency, news_agency, party, head_of_state, ...
    pub subtype: Option<Subtype>,
    /// Canonical Indonesian name.
    pub name: &'static str,
    /// Indonesian aliases (the canonical name not repeated).
    pub aliases: Vec<&'static str>,
    pub en: Option<&'static str>,
    pub zh: Option<&'static str>,
    pub ja: Option<&'static str>,
    pub ar: Option<&'static str>,
    pub fr: Option<&'static str>,
    /// Links to other rows: (relation, key), e.g. ("capital_of", "KP"), ("metonym_of", "RU").
    pub links: Vec<(Relation, &'static str)>,
}

impl GazEntry {
    /// The name in a language: `id` (canonical), `en`, `zh`, `ja`, `ar`, `fr`. None where the
    /// gazetteer has no curated name (never guessed).
    pub fn name_in(&self, lang: &str) -> Option<&'static str> {
        match lang {
            "id" => Some(self.name),
            "en" => self.en,
            "zh" => self.zh,
            "ja" => self.ja,
            "ar" => self.ar,
            "fr" => self.fr,
            _ => None,
        }
    }
    /// The canonical name followed by the aliases.
    pub fn all_names(&self) -> impl Iterator<Item = &'static str> + '_ {
        std::iter::once(self.name).chain(self.aliases.iter().copied())
    }
}

/// A matchable form: one alias of one entry, as normalised tokens plus its case pattern.
#[derive(Debug, Clone)]
pub(crate) struct Form {
    pub entry: usize,
    /// Each alias token as written (for the case rules).
    pub written: Vec<&'static str>,
}

pub(crate) struct Gazetteer {
    pub entries: Vec<GazEntry>,
    by_key: HashMap<&'static str, usize>,
    /// Normalised alias (tokens lower-cased, joined by one space) → forms.
    pub index: HashMap<String, Vec<Form>>,
    pub max_tokens: usize,
    /// For each normalised first token, the most tokens an alias starting with it has (a
    /// token absent here starts no name: the matcher moves on without building keys).
    pub first_tokens: HashMap<String, usize>,
}

fn cell(s: &'static str) -> Option<&'static str> {
    let t = s.trim();
    if t.is_empty() { None } else { Some(t) }
}

/// The lower-cased token sequence of a name, joined by single spaces.
pub(crate) fn normalise(name: &str) -> String {
    let toks: Vec<Tok> = tokens(name, 0, name.len());
    toks.iter().map(|t| t.lower(name)).collect::<Vec<_>>().join(" ")
}

fn parse() -> Gazetteer {
    let mut entries = Vec::new();
    for (n, line) in DATA.lines().enumerate() {
        let line = line.trim_end();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let c: Vec<&'static str> = line.split('|').collect();
        assert_eq!(c.len(), 11, "gazetteer.psv line {}: expected 11 cells", n + 1);
        let kind = EntityKind::parse(c[1]).unwrap_or_else(|| panic!("gazetteer.psv line {}: bad type", n + 1));
        let subtype = cell(c[2]).map(|s| {
            Subtype::parse(s).unwrap_or_else(|| panic!("gazetteer.psv line {}: unknown subtype {s:?}", n + 1))
        });
        let split =
            |s: &'static str| -> Vec<&'static str> { s.split(';').map(str::trim).filter(|a| !a.is_empty()).collect() };
        let links = split(c[10])
            .into_iter()
            .filter_map(|l| {
                let (rel, key) = l.split_once(':')?;
                let rel = Relation::parse(rel)
                    .unwrap_or_else(|| panic!("gazetteer.psv line {}: unknown relation {rel:?}", n + 1));
                Some((rel, key))
            })
            .collect();
        entries.push(GazEntry {
            key: c[0].trim(),
            kind,
            subtype,
            name: c[3].trim(),
            aliases: split(c[4]),
            en: cell(c[5]),
            zh: cell(c[6]),
            ja: cell(c[7]),
            ar: cell(c[8]),
            fr: cell(c[9]),
            links,
        });
    }
    let mut by_key = HashMap::new();
    let mut index: HashMap<String, Vec<Form>> = HashMap::new();
    let mut max_tokens = 1;
    let mut first_tokens: HashMap<String, usize> = HashMap::new();
    for (i, e) in entries.iter().enumerate() {
        let prev = by_key.insert(e.key, i);
        assert!(prev.is_none(), "gazetteer key {} twice", e.key);
        for a in e.all_names() {
            let toks = tokens(a, 0, a.len());
            if toks.is_empty() {
                continue;
            }
            max_tokens = max_tokens.max(toks.len());
            let written: Vec<&'static str> = toks.iter().map(|t| &a[t.start..t.end]).collect();
            let key = normalise(a);
            let first = key.split(' ').next().unwrap_or_default().to_string();
            let longest = first_tokens.entry(first).or_insert(0);
            *longest = (*longest).max(toks.len());
            let forms = index.entry(key).or_default();
            if !forms.iter().any(|f| f.entry == i) {
                forms.push(Form { entry: i, written });
            }
        }
    }
    Gazetteer { entries, by_key, index, max_tokens, first_tokens }
}

pub(crate) fn gaz() -> &'static Gazetteer {
    static G: OnceLock<Gazetteer> = OnceLock::new();
    G.get_or_init(parse)
}

/// The entry with this key.
pub fn get(key: &str) -> Option<&'static GazEntry> {
    let g = gaz();
    g.by_key.get(key).map(|&i| &g.entries[i])
}

/// Every entry, in file order.
pub fn entries() -> &'static [GazEntry] {
    &gaz().entries
}

/// Entries one of whose names (canonical or alias) normalises to the same tokens as `name`
/// (case-insensitive, hyphens and spaces alike).
pub fn lookup(name: &str) -> Vec<&'static GazEntry> {
    let g = gaz();
    g.index.get(&normalise(name)).map(|fs| fs.iter().map(|f| &g.entries[f.entry]).collect()).unwrap_or_default()
}

impl Gazetteer {
    pub(crate) fn index_of(&self, key: &str) -> Option<usize> {
        self.by_key.get(key).copied()
    }
}
