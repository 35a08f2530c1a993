//! Name variants across articles: one actor named differently by different articles ("Saifullah
//! Yusuf" in one, "Gus Ipul" in another, "Saifullah" in a third) is one actor.
//!
//! Within an article, [`crate::entities`] already merges a person's full name, surname, title
//! and nickname into one entity with one canonical name. Across articles nothing did: each
//! article's canonical name was its own, so a story's timeline split one actor over several
//! names. [`Variants::build`] joins the canonical names of a set of articles (a story's) into
//! groups, each join with its reason and the article that shows it, so that it can be explained:
//!
//! 1. **Same gazetteer key** ([`MergeReason::SameKb`]): both resolved to one curated entry.
//! 2. **Alias** ([`MergeReason::Alias`]): an article names the actor by its canonical name and
//!    also by the other name (a mention of the entity whose text is that name: "Menteri Sosial
//!    Saifullah Yusuf atau Gus Ipul" makes "Gus Ipul" a mention of "Saifullah Yusuf"). A form
//!    that two different groups use (a bare title, a shared given name) joins nothing.
//! 3. **Short form** ([`MergeReason::ShortForm`], people only): a name of one word that begins
//!    or ends exactly one longer person's name in the set ("Saifullah", "Yusuf" → "Saifullah
//!    Yusuf"), or of two words that begin it or end it after titles only. Two words that end a
//!    longer name after a given name are a family name ("Hamzah Haz", "Soraya Hamzah Haz") and
//!    join nothing. When a short form fits two or more longer names it is ambiguous and joins none.
//!
//! Only names of one entity type join; a canonical name in lower case joins nothing. Each group
//! is named by its clean name (no brackets or digits, not led by a title) with the most words,
//! then the most mentions, then alphabetically first, so the groups and their names do not
//! depend on article order (a name's spelling and the article a join cites come from the first
//! article that gives them).
//! The set should be small and about one topic (a story's articles): across a whole archive
//! "Widodo" names more than one person, and rule 3 would see only the ones it holds.

use crate::analysis::{Analysis, EntityKind};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// Why a name joined another's group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MergeReason {
    /// Both names resolved to the same gazetteer entry.
    SameKb,
    /// An article names the actor by both names.
    Alias,
    /// The name begins or ends exactly one longer person's name of the set.
    ShortForm,
}

/// One join: `name` is read as `canonical`, for `reason`, shown by the article `source`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Variant {
    #[serde(rename = "type")]
    pub kind: EntityKind,
    /// The name as its article's canonical name.
    pub name: String,
    /// The group's name.
    pub canonical: String,
    pub reason: MergeReason,
    /// The article that shows the join: the one that gives both names (alias), the gazetteer
    /// key's first article (same key), or the longer name's first article (short form).
    pub source: String,
}

/// What the set says about one canonical name.
#[derive(Default)]
struct Name {
    kind: Option<EntityKind>,
    shown: String,
    kb: Option<String>,
    mentions: usize,
    /// The first article that gives it as a canonical name.
    first: String,
    /// Other names its mentions use (normalised), with the first article that uses each.
    forms: BTreeMap<String, String>,
}

/// The groups of names of a set of articles; see the module documentation.
#[derive(Debug, Default, Clone)]
pub struct Variants {
    /// (type, normalised name) → the group's name, for names that joined a group they do not name.
    canonical: BTreeMap<(EntityKind, String), String>,
    /// Every name of a group of two or more, its own name included.
    grouped: BTreeSet<(EntityKind, String)>,
    joins: Vec<Variant>,
}

fn normalise(name: &str) -> String {
    name.to_lowercase().replace(['-', '‐'], " ").split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A mention text that can stand for a name elsewhere: capitalised and not a single letter.
fn is_name_form(text: &str) -> bool {
    text.chars().next().is_some_and(char::is_uppercase) && text.chars().filter(|c| c.is_alphabetic()).count() >= 3
}

/// A name as it should read: a name form with no brackets or digits (a tagger's run-on
/// "Joko Widodo (Jokowi" is not).
fn is_clean(name: &str) -> bool {
    is_name_form(name) && !name.chars().any(|c| c.is_ascii_digit() || "()[]{}".contains(c))
}

/// Is `w` (lower case) a title or office that stands before a name ("menteri", "gubernur")?
fn is_title(w: &str) -> bool {
    crate::lexicon::Words::TitlesNames.contains(w)
}

/// Does the person's name `short` (its words) stand for `long`? One word that begins or ends
/// it; more words that begin it, or end it after titles only ("Menteri Ani Lestari" →
/// "Ani Lestari"). Two words at the end after a given name are a family's name, not the
/// person's ("Hamzah Haz" is not "Soraya Hamzah Haz").
fn short_form_of(short: &[&str], long: &[&str]) -> bool {
    if long.len() <= short.len() {
        return false;
    }
    let extra = long.len() - short.len();
    long.starts_with(short)
        || (long.ends_with(short) && (short.len() == 1 || long[..extra].iter().all(|w| is_title(w))))
}

struct Sets {
    parent: Vec<usize>,
}

impl Sets {
    fn find(&mut self, mut i: usize) -> usize {
        while self.parent[i] != i {
            self.parent[i] = self.parent[self.parent[i]];
            i = self.parent[i];
        }
        i
    }
}

impl Variants {
    /// Join the canonical names of `articles`.
    pub fn build<'a>(articles: impl IntoIterator<Item = &'a Analysis>) -> Variants {
        let mut names: BTreeMap<(EntityKind, String), Name> = BTreeMap::new();
        for a in articles {
            // A canonical name in lower case ("sementara") is a tagger's slip, not an actor.
            for e in a.entities.iter().filter(|e| is_name_form(&e.name)) {
                let key = (e.kind, normalise(&e.name));
                let n = names.entry(key.clone()).or_default();
                if n.kind.is_none() {
                    n.kind = Some(e.kind);
                    n.shown = e.name.clone();
                    n.first = a.source.clone();
                }
                if n.kb.is_none() {
                    n.kb = e.kb.clone();
                }
                n.mentions += e.mentions.len();
                for m in &e.mentions {
                    let form = normalise(&m.text);
                    if form != key.1 && is_name_form(&m.text) {
                        n.forms.entry(form).or_insert_with(|| a.source.clone());
                    }
                }
            }
        }
        let keys: Vec<(EntityKind, String)> = names.keys().cloned().collect();
        let index: BTreeMap<&(EntityKind, String), usize> = keys.iter().enumerate().map(|(i, k)| (k, i)).collect();
        let info: Vec<&Name> = keys.iter().map(|k| &names[k]).collect();
        let mut sets = Sets { parent: (0..keys.len()).collect() };
        // Why each name joined (the first reason found, in rule order).
        let mut why: BTreeMap<usize, (MergeReason, String)> = BTreeMap::new();
        let mut join = |sets: &mut Sets, a: usize, b: usize, reason: MergeReason, source: &str| {
            let (ra, rb) = (sets.find(a), sets.find(b));
            if ra != rb {
                sets.parent[rb] = ra;
                why.entry(b).or_insert((reason, source.to_string()));
            }
        };
        // 1. Same gazetteer key.
        let mut by_kb: BTreeMap<(EntityKind, &str), usize> = BTreeMap::new();
        for (i, n) in info.iter().enumerate() {
            if let Some(kb) = n.kb.as_deref() {
                match by_kb.get(&(keys[i].0, kb)) {
                    Some(&first) => join(&mut sets, first, i, MergeReason::SameKb, &info[first].first),
                    None => {
                        by_kb.insert((keys[i].0, kb), i);
                    }
                }
            }
        }
        // 2. Aliases: a form owned by one name only.
        let mut owners: BTreeMap<(EntityKind, &str), BTreeSet<usize>> = BTreeMap::new();
        for (i, n) in info.iter().enumerate() {
            for form in n.forms.keys() {
                owners.entry((keys[i].0, form.as_str())).or_default().insert(i);
            }
        }
        for ((kind, form), owning) in &owners {
            let Some(&named) = index.get(&(*kind, form.to_string())) else { continue };
            let groups: BTreeSet<usize> = owning.iter().map(|&o| sets.find(o)).collect();
            if groups.len() == 1 {
                let owner = *owning.first().expect("an owner");
                join(&mut sets, owner, named, MergeReason::Alias, &info[owner].forms[*form]);
            }
        }
        // 3. Short forms of people (words split at spaces only: "Subianto-Gibran" is one word),
        // each name's words lowered once.
        let lowered: Vec<String> = info.iter().map(|n| n.shown.to_lowercase()).collect();
        let words: Vec<Vec<&str>> = lowered.iter().map(|l| l.split_whitespace().collect()).collect();
        let full_people: Vec<usize> = (0..keys.len())
            .filter(|&j| keys[j].0 == EntityKind::Per && words[j].len() > 1 && is_clean(&info[j].shown))
            .collect();
        for (i, (kind, _)) in keys.iter().enumerate() {
            if *kind != EntityKind::Per || words[i].len() > 2 {
                continue;
            }
            let mut longer: BTreeSet<usize> = BTreeSet::new();
            let mut first_fit = None;
            for &j in &full_people {
                if short_form_of(&words[i], &words[j]) {
                    longer.insert(sets.find(j));
                    first_fit.get_or_insert(j);
                }
            }
            if let (1, Some(j)) = (longer.len(), first_fit) {
                join(&mut sets, j, i, MergeReason::ShortForm, &info[j].first);
            }
        }
        // Each group's name: a clean name not led by a title, then the fullest (most words),
        // then the most mentions, then alphabetical.
        let mut members: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for i in 0..keys.len() {
            members.entry(sets.find(i)).or_default().push(i);
        }
        let mut out = Variants::default();
        for group in members.values().filter(|g| g.len() > 1) {
            let best = *group
                .iter()
                .max_by_key(|&&i| {
                    let plain = is_clean(&info[i].shown) && !keys[i].1.split(' ').next().is_some_and(is_title);
                    (plain, keys[i].1.split(' ').count(), info[i].mentions, std::cmp::Reverse(&keys[i].1))
                })
                .expect("a group has members");
            out.grouped.extend(group.iter().map(|&i| keys[i].clone()));
            for &i in group.iter().filter(|&&i| i != best) {
                let (reason, source) = why.get(&i).cloned().unwrap_or_else(|| {
                    // The group's name itself joined later than this one: the reason that
                    // brought the group's name in stands for the pair.
                    why.get(&best).cloned().unwrap_or((MergeReason::Alias, info[i].first.clone()))
                });
                out.canonical.insert(keys[i].clone(), info[best].shown.clone());
                out.joins.push(Variant {
                    kind: keys[i].0,
                    name: info[i].shown.clone(),
                    canonical: info[best].shown.clone(),
                    reason,
                    source,
                });
            }
        }
        out
    }

    /// The name of the group `name` belongs to (`name` itself when it joined none).
    pub fn canonical<'a>(&'a self, kind: EntityKind, name: &'a str) -> &'a str {
        self.canonical.get(&(kind, normalise(name))).map_or(name, String::as_str)
    }

    /// Is `name` one of two or more names of one actor (joined, or the name of a group)?
    pub fn grouped(&self, kind: EntityKind, name: &str) -> bool {
        self.grouped.contains(&(kind, normalise(name)))
    }

    /// Every join, by type and name.
    pub fn joins(&self) -> &[Variant] {
        &self.joins
    }

    /// The joins into the group that `name` belongs to.
    pub fn of<'a>(&'a self, kind: EntityKind, name: &'a str) -> impl Iterator<Item = &'a Variant> + 'a {
        let group = normalise(self.canonical(kind, name));
        self.joins.iter().filter(move |v| v.kind == kind && normalise(&v.canonical) == group)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{Entity, Mention};

    fn article(source: &str, entities: &[(EntityKind, &str, &[&str], Option<&str>)]) -> Analysis {
        let mut a = Analysis::empty(source);
        for (n, (kind, name, forms, kb)) in entities.iter().enumerate() {
            let mut mentions = vec![Mention { text: name.to_string(), start: 0, end: name.len() }];
            mentions.extend(forms.iter().map(|f| Mention { text: f.to_string(), start: 0, end: f.len() }));
            let mut e = Entity::new(format!("e{n}"), *kind, *name, mentions);
            e.kb = kb.map(str::to_string);
            a.entities.push(e);
        }
        a
    }

    const PER: EntityKind = EntityKind::Per;
    const ORG: EntityKind = EntityKind::Org;

    #[test]
    fn a_nickname_given_in_one_article_names_the_person_in_another() {
        let a = article("a", &[(PER, "Ratna Kusumawati", &["Bu Ratna", "Mbak Kus"], None)]);
        let b = article("b", &[(PER, "Mbak Kus", &[], None)]);
        let v = Variants::build([&b, &a]);
        assert_eq!(v.canonical(PER, "Mbak Kus"), "Ratna Kusumawati");
        assert_eq!(v.canonical(PER, "mbak  kus"), "Ratna Kusumawati");
        let j = &v.joins()[0];
        assert_eq!((j.reason, j.source.as_str()), (MergeReason::Alias, "a"));
        // Only names of one type join.
        assert_eq!(v.canonical(ORG, "Mbak Kus"), "Mbak Kus");
    }

    #[test]
    fn a_form_two_people_use_joins_neither() {
        let a = article("a", &[(PER, "Hendra Wijaya", &["Pak Hendra"], None)]);
        let b = article("b", &[(PER, "Hendra Gunawan", &["Pak Hendra"], None)]);
        let c = article("c", &[(PER, "Pak Hendra", &[], None)]);
        let v = Variants::build([&a, &b, &c]);
        assert_eq!(v.canonical(PER, "Pak Hendra"), "Pak Hendra");
        // "Hendra" alone begins both full names: ambiguous too.
        let d = article("d", &[(PER, "Hendra", &[], None)]);
        assert_eq!(Variants::build([&a, &b, &d]).canonical(PER, "Hendra"), "Hendra");
    }

    #[test]
    fn a_short_form_joins_the_one_longer_name_it_fits() {
        let a = article("a", &[(PER, "Siti Aminah Lubis", &[], None), (PER, "Dodi Hartono", &[], None)]);
        let b = article("b", &[(PER, "Lubis", &[], None), (PER, "Hartono", &[], None), (ORG, "Aminah", &[], None)]);
        let v = Variants::build([&a, &b]);
        assert_eq!(v.canonical(PER, "Lubis"), "Siti Aminah Lubis");
        assert_eq!(v.canonical(PER, "Hartono"), "Dodi Hartono");
        // A word in the middle is not a short form; an organisation is not a person.
        assert_eq!(v.canonical(ORG, "Aminah"), "Aminah");
        let reasons: Vec<MergeReason> = v.of(PER, "Lubis").map(|j| j.reason).collect();
        assert_eq!(reasons, [MergeReason::ShortForm]);
    }

    #[test]
    fn two_words_end_a_name_only_after_titles() {
        let a = article(
            "a",
            &[
                (PER, "Nadia Kirana Wibisono", &[], None),
                (PER, "Gubernur Arif Santika", &["Santika", "Pak Arif"], None),
            ],
        );
        let b = article("b", &[(PER, "Kirana Wibisono", &[], None), (PER, "Arif Santika", &[], None)]);
        let v = Variants::build([&a, &b]);
        // A parent's or family's name inside a longer name is not the person.
        assert_eq!(v.canonical(PER, "Kirana Wibisono"), "Kirana Wibisono");
        // A title before the name: the same person, named without the title (though the titled
        // name is longer and has more mentions).
        assert_eq!(v.canonical(PER, "Gubernur Arif Santika"), "Arif Santika");
        // A run-on of two names is no one's full name.
        let c = article("c", &[(PER, "Arif Santika-Nadia Kirana", &[], None), (PER, "Nadia Kirana", &[], None)]);
        assert_eq!(Variants::build([&c]).canonical(PER, "Nadia Kirana"), "Nadia Kirana");
    }

    #[test]
    fn same_gazetteer_key_and_the_longest_name_names_the_group() {
        let a = article("a", &[(ORG, "Komisi Pemberantasan Korupsi", &[], Some("KPK"))]);
        let b = article("b", &[(ORG, "KPK", &[], Some("KPK"))]);
        let v = Variants::build([&b, &a]);
        assert_eq!(v.canonical(ORG, "KPK"), "Komisi Pemberantasan Korupsi");
        assert_eq!(v.joins().len(), 1);
        assert_eq!(v.joins()[0].reason, MergeReason::SameKb);
        // The order of the articles does not change the groups.
        assert_eq!(Variants::build([&a, &b]).canonical(ORG, "KPK"), "Komisi Pemberantasan Korupsi");
    }

    #[test]
    fn lower_case_forms_and_unknown_names_join_nothing() {
        let a = article("a", &[(PER, "Wulan Sari", &["dia", "beliau"], None)]);
        let b = article("b", &[(PER, "Dia", &[], None)]);
        let v = Variants::build([&a, &b]);
        assert!(v.joins().is_empty());
        assert_eq!(v.canonical(PER, "Nobody Here"), "Nobody Here");
    }
}
