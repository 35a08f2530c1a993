//! Who a speaker phrase names: an entity, a name as written (with its title kept apart), a
//! pronoun or title that points back to an earlier speaker, an outlet, or a description of an
//! unnamed speaker ("seorang pejabat senior … yang tidak mau disebutkan namanya").

use super::lexicon::*;
use super::outlets::Outlets;
use crate::analysis::{Entity, EntityKind, Span, Subtype};
use crate::calendar;
use crate::lexicon::Words;
use crate::span_index::SpanIndex;

/// A token of a phrase: a word (letters, digits, inner hyphens and apostrophes) or one other char.
#[derive(Debug, Clone)]
pub struct Tok {
    pub span: Span,
    pub lower: String,
    pub word: bool,
    pub cap: bool,
}

pub fn toks(text: &str, span: Span) -> Vec<Tok> {
    let s = span.of(text);
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let mut out = Vec::new();
    let mut k = 0;
    while k < chars.len() {
        let (i, c) = chars[k];
        if c.is_whitespace() {
            k += 1;
            continue;
        }
        if c.is_alphanumeric() {
            let mut j = k + 1;
            while j < chars.len() {
                let cj = chars[j].1;
                let next_alnum = chars.get(j + 1).is_some_and(|x| x.1.is_alphanumeric());
                if cj.is_alphanumeric() || (matches!(cj, '-' | '’' | '\'' | '.') && next_alnum) {
                    j += 1;
                } else {
                    break;
                }
            }
            let end = chars.get(j).map_or(s.len(), |x| x.0);
            let w = &s[i..end];
            out.push(Tok {
                span: Span::new(span.start + i, span.start + end),
                lower: w.to_lowercase(),
                word: true,
                cap: c.is_uppercase(),
            });
            k = j;
        } else {
            let end = i + c.len_utf8();
            out.push(Tok {
                span: Span::new(span.start + i, span.start + end),
                lower: c.to_string(),
                word: false,
                cap: false,
            });
            k += 1;
        }
    }
    out
}

/// How a speaker was found (the contract's [`SpeakerResolution`]).
pub use crate::analysis::SpeakerResolution as How;

/// A resolved speaker.
#[derive(Debug, Clone)]
pub struct Speaker {
    /// What `speaker` says: entity name, name as written, outlet, or description.
    pub name: String,
    pub entity: Option<String>,
    /// Where this attribution writes the speaker (name, title, pronoun or description).
    pub span: Option<Span>,
    pub role: Option<String>,
    pub description: Option<String>,
    pub anonymous: bool,
    pub person: bool,
    /// The canonical outlet when the speaker is an agency or outlet.
    pub outlet: Option<String>,
    pub how: How,
}

impl Speaker {
    /// This speaker referred to again (by pronoun, clitic, title or carry-over) at `span`.
    pub fn again(&self, how: How, span: Option<Span>) -> Speaker {
        Speaker { how, span, ..self.clone() }
    }
}

fn is_title_word(w: &str) -> bool {
    matches!(
        w,
        "presiden"
            | "wakil"
            | "wapres"
            | "menteri"
            | "pemimpin"
            | "ketua"
            | "kepala"
            | "direktur"
            | "gubernur"
            | "bupati"
            | "wali"
            | "walikota"
            | "sekretaris"
            | "juru"
            | "jubir"
            | "duta"
            | "komandan"
            | "panglima"
            | "perdana"
            | "raja"
            | "kanselir"
            | "kapolri"
            | "kapolda"
            | "kapolres"
            | "dirut"
            | "menko"
            | "rektor"
            | "mendagri"
            | "menlu"
            | "menkeu"
            | "mensos"
            | "menkes"
            | "jaksa"
            | "hakim"
            | "camat"
            | "lurah"
            | "dirjen"
            | "deputi"
            | "kasubdit"
            | "kabid"
            | "marsekal"
    )
}

/// The phrase of a speaker starting at the start of `toks`: cut at punctuation and stop words.
/// Returns the number of tokens kept.
pub fn phrase_len(text: &str, toks: &[Tok]) -> usize {
    let mut n = 0;
    let mut described = false;
    while n < toks.len() {
        let t = &toks[n];
        if t.lower == "(" && n > 0 {
            // a parenthesised acronym inside a title: "Kepala Badan … (BPBD) Kota Semarang …"
            if let Some(c) = toks[n + 1..toks.len().min(n + 4)].iter().position(|x| x.lower == ")").map(|c| c + n + 1)
                && toks[n + 1..c].iter().all(|x| x.word && x.cap)
                && c > n + 1
            {
                n = c + 1;
                continue;
            }
            break;
        }
        if !t.word {
            break;
        }
        let w = t.lower.as_str();
        if n == 0 && ANON_OPENERS.contains(&w) {
            described = true;
        }
        if n == 0 && !t.cap && !ANON_OPENERS.contains(&w) {
            described = true;
        }
        if calendar::weekday(w).is_some() || calendar::month_number(w).is_some() && !t.cap {
            break;
        }
        if SPEAKER_STOPS.contains(&w) && n > 0 && !t.cap {
            match w {
                "itu" | "tersebut" | "ini" => {
                    n += 1;
                    break;
                }
                "yang" => {
                    // keep an anonymity clause so the caller can see it
                    let rest_start = t.span.start;
                    let rest_end = toks.last().map_or(rest_start, |l| l.span.end);
                    let rest = text[rest_start..rest_end].to_lowercase();
                    if let Some(m) = ANON_MARKERS.iter().find(|m| rest.starts_with(&format!("yang {m}"))) {
                        let end = rest_start + "yang ".len() + m.len();
                        while n < toks.len() && toks[n].span.end <= end {
                            n += 1;
                        }
                    }
                    break;
                }
                "di" | "dari" | "dan" => {
                    let next = toks.get(n + 1);
                    let go_on = (described || w == "dan")
                        && next.is_some_and(|x| {
                            x.word
                                && (x.cap
                                    || (described
                                        && (ANON_HEADS.contains(&x.lower.as_str())
                                            || NON_NAME_WORDS.contains(&x.lower.as_str()))))
                        })
                        && (w != "dan" || toks[n - 1].cap);
                    if !go_on {
                        break;
                    }
                }
                _ => break,
            }
        }
        n += 1;
    }
    n
}

fn outlet_in(outlets: &Outlets, text: &str, span: Span) -> Option<(Span, String)> {
    outlets.find(text, span).into_iter().next()
}

/// The article's entities with an index of their mentions: a speaker's phrase finds the names
/// inside it without a scan over every mention of the article (quadratic in a long article of
/// many quotes).
pub struct Ents<'a> {
    pub list: &'a [Entity],
    /// Every mention's span, with its place in `owner`.
    mentions: SpanIndex,
    /// (entity, mention) of each indexed mention.
    owner: Vec<(usize, usize)>,
}

impl<'a> Ents<'a> {
    pub fn new(list: &'a [Entity]) -> Ents<'a> {
        let owner: Vec<(usize, usize)> =
            list.iter().enumerate().flat_map(|(e, ent)| (0..ent.mentions.len()).map(move |m| (e, m))).collect();
        let mentions = SpanIndex::new(owner.iter().enumerate().map(|(k, &(e, m))| {
            let mm = &list[e].mentions[m];
            (Span::new(mm.start, mm.end), k)
        }));
        Ents { list, mentions, owner }
    }
}

impl std::ops::Deref for Ents<'_> {
    type Target = [Entity];
    fn deref(&self) -> &[Entity] {
        self.list
    }
}

/// A speaker phrase cut to its words: its span (from the first word to the last, with a
/// closing bracket the phrase opened), text, words and their lower-case forms.
struct Phrase<'a, 't> {
    span: Span,
    text: &'a str,
    words: Vec<&'t Tok>,
    lower: Vec<&'t str>,
}

impl Speaker {
    /// A speaker with no entity, role, description or outlet, not anonymous.
    fn plain(name: String, span: Span, person: bool, how: How) -> Speaker {
        Speaker {
            name,
            entity: None,
            span: Some(span),
            role: None,
            description: None,
            anonymous: false,
            person,
            outlet: None,
            how,
        }
    }
}

/// Resolve the speaker phrase `toks` (already cut to the phrase); `hist` holds the speakers
/// before it, the last one last. In turn: a pronoun ([`pronoun`]), a known entity in the
/// phrase ([`known_entity`]), an outlet or a name as written ([`written_name`]), a
/// back-reference, title, document, organisation or description of someone unnamed
/// ([`unnamed`]).
pub fn resolve(text: &str, toks: &[Tok], entities: &Ents, outlets: &Outlets, hist: &[Speaker]) -> Option<Speaker> {
    let words: Vec<&Tok> = toks.iter().filter(|t| t.word).collect();
    if words.is_empty() {
        return None;
    }
    let mut span = Span::new(words[0].span.start, words[words.len() - 1].span.end);
    if span.of(text).matches('(').count() > span.of(text).matches(')').count() && text[span.end..].starts_with(')') {
        span.end += 1;
    }
    let lower: Vec<&str> = words.iter().map(|t| t.lower.as_str()).collect();
    let p = Phrase { span, text: span.of(text), words, lower };
    if let Some(s) = pronoun(&p, hist) {
        return Some(s);
    }
    if let Some(s) = known_entity(text, &p, entities, outlets) {
        return Some(s);
    }
    let definite = matches!(*p.lower.last().unwrap(), "itu" | "tersebut" | "ini");
    let anon_marked = ANON_MARKERS.iter().any(|m| p.text.to_lowercase().contains(m));
    if let Some(s) = written_name(text, &p, outlets, definite, anon_marked) {
        return Some(s);
    }
    unnamed(text, &p, entities, hist, definite)
}

/// "ia", "dia", "beliau": the last person; "mereka", "pihaknya" (their side): the last speaker.
fn pronoun(p: &Phrase, hist: &[Speaker]) -> Option<Speaker> {
    if p.lower.len() != 1 || !Words::PronounsQuotes.contains(p.lower[0]) {
        return None;
    }
    let any = matches!(p.lower[0], "mereka" | "pihaknya");
    let person = hist.iter().rev().find(|s| s.person && !s.anonymous || any);
    Some(match person.or(hist.last()) {
        Some(l) => l.again(How::Pronoun, Some(p.span)),
        None => Speaker {
            description: Some(p.text.to_string()),
            ..Speaker::plain(p.text.to_string(), p.span, true, How::Pronoun)
        },
    })
}

/// A known entity in the phrase: the last one (the name follows its title), a person before
/// anything else; the words before it are the role.
fn known_entity(text: &str, p: &Phrase, entities: &Ents, outlets: &Outlets) -> Option<Speaker> {
    let span = p.span;
    let mut best: Option<(&Entity, Span)> = None;
    // the mentions inside the phrase, in entity and mention order (the order the choice
    // below has always read them in)
    let mut inside: Vec<(usize, usize, Span)> = entities
        .mentions
        .overlapping(span)
        .filter(|(ms, _)| span.contains(*ms))
        .map(|(ms, k)| (entities.owner[k].0, entities.owner[k].1, ms))
        .collect();
    inside.sort_unstable_by_key(|&(e, m, _)| (e, m));
    for (ei, _, ms) in inside {
        let e = &entities.list[ei];
        // "ujar Budi kepada detikSulsel" (or glued, "kepadadetikSulsel"): whom the words were
        // told to is not who said them
        let before = text[span.start..ms.start].trim_end().as_bytes();
        if before.len() >= 6 && before[before.len() - 6..].eq_ignore_ascii_case(b"kepada") {
            continue;
        }
        if best.is_none_or(|(be, bs)| (e.kind == EntityKind::Per && be.kind != EntityKind::Per) || ms.start > bs.start)
        {
            best = Some((e, ms));
        }
    }
    let (e, ms) = best?;
    let role = text[span.start..ms.start].trim();
    let outlet = outlets.canonical(&e.name).map(str::to_string);
    Some(Speaker {
        name: e.name.clone(),
        entity: Some(e.id.clone()),
        span: Some(ms),
        role: (!role.is_empty()).then(|| role.to_string()),
        description: None,
        anonymous: false,
        person: e.kind == EntityKind::Per,
        how: if outlet.is_some() { How::Outlet } else { How::Named },
        outlet,
    })
}

/// Where the trailing name starts: capitalised words that are not titles, offices or places
/// (connectors such as "bin" inside); `words.len()` when there is none.
fn trailing_name_start(text: &str, words: &[&Tok]) -> usize {
    let mut k = words.len();
    while k > 0 {
        let t = words[k - 1];
        let ok = t.cap && !NON_NAME_WORDS.contains(&t.lower.as_str()) && !is_acronym(t.span.of(text));
        let connector = matches!(t.lower.as_str(), "bin" | "binti" | "van" | "de" | "al" | "da" | "von");
        if ok || (connector && k < words.len()) {
            k -= 1;
        } else {
            break;
        }
    }
    k
}

/// An outlet named in the phrase ("kantor berita Yonhap", "laporan KCNA", "Reuters") unless a
/// person's name follows it; else the trailing name as written, the capitalised or title words
/// before it its role. A definite ("pejabat itu") or anonymous phrase has no name.
fn written_name(text: &str, p: &Phrase, outlets: &Outlets, definite: bool, anon_marked: bool) -> Option<Speaker> {
    let (span, words) = (p.span, &p.words);
    let k = if anon_marked || definite { words.len() } else { trailing_name_start(text, words) };
    if let Some((os, canon)) = outlet_in(outlets, text, span) {
        let person_after = k < words.len() && words[k].span.start >= os.end && !anon_marked;
        if !person_after {
            let desc = p.text.to_string();
            return Some(Speaker {
                description: (desc != os.of(text)).then_some(desc),
                outlet: Some(canon.clone()),
                ..Speaker::plain(canon, os, false, How::Outlet)
            });
        }
    }
    if k == words.len() {
        return None;
    }
    let name_span = Span::new(words[k].span.start, span.end);
    let role_start = words[..k]
        .iter()
        .position(|t| t.cap || is_title_word(&t.lower) || ANON_HEADS.contains(&t.lower.as_str()))
        .map_or(name_span.start, |i| words[i].span.start);
    let role = text[role_start..name_span.start].trim().trim_end_matches(',').trim();
    Some(Speaker {
        role: (!role.is_empty()).then(|| role.to_string()),
        ..Speaker::plain(name_span.of(text).to_string(), name_span, true, How::Named)
    })
}

/// No name: a definite phrase pointing back ("pejabat itu"), a title, a document of an
/// organisation, an organisation, or a description of someone unnamed ([`described`]).
fn unnamed(text: &str, p: &Phrase, entities: &Ents, hist: &[Speaker], definite: bool) -> Option<Speaker> {
    let (span, phrase, words, lower) = (p.span, p.text, &p.words, &p.lower);
    let head = lower[0];
    if definite {
        // "pejabat itu", "pemimpin tersebut": the last speaker, preferably one with that head
        let head_word = lower.iter().copied().find(|w| !ANON_OPENERS.contains(w)).unwrap_or(head);
        let same_head = hist.iter().rev().find(|s| {
            let d = format!("{} {}", s.role.as_deref().unwrap_or(""), s.description.as_deref().unwrap_or(""))
                .to_lowercase();
            d.split_whitespace().any(|w| w == head_word)
        });
        if let Some(l) = same_head.or(hist.last()) {
            return Some(l.again(How::Title, Some(span)));
        }
    }
    let all_caps_words = words.iter().all(|t| t.cap);
    if all_caps_words && is_title_word(head) && words.iter().all(|t| NON_NAME_WORDS.contains(&t.lower.as_str())) {
        // "Presiden", "Menteri Keuangan": the last speaker with that title, else the title as written
        if let Some(l) = hist
            .iter()
            .rev()
            .find(|l| l.role.as_deref().is_some_and(|r| r.to_lowercase().contains(&phrase.to_lowercase())))
        {
            return Some(l.again(How::Title, Some(span)));
        }
        // else the person the text last named with that title ("Presiden Donald Trump ...
        // Presiden mengatakan")
        if let Some(e) = titled_person(text, entities, lower, span.start) {
            return Some(Speaker {
                name: e.name.clone(),
                entity: Some(e.id.clone()),
                role: Some(phrase.to_string()),
                ..Speaker::plain(e.name.clone(), span, true, How::Title)
            });
        }
        return Some(Speaker {
            role: Some(phrase.to_string()),
            ..Speaker::plain(phrase.to_string(), span, true, How::Named)
        });
    }
    if DOCUMENT_HEADS.contains(&head) && words.len() > 1 && words[1].cap {
        // "laporan Pentagon", "pernyataan Kremlin": the organisation speaks through a document
        let org = Span::new(words[1].span.start, span.end);
        return Some(Speaker {
            description: Some(phrase.to_string()),
            ..Speaker::plain(org.of(text).to_string(), org, false, How::Named)
        });
    }
    if all_caps_words || (words[0].cap && !ANON_OPENERS.contains(&head)) {
        // an organisation or place speaking ("Kremlin", "Korea Utara", "Kementerian Luar Negeri")
        return Some(Speaker::plain(phrase.to_string(), span, false, How::Named));
    }
    described(text, p)
}

/// The person named last before `at` with the title `title` (its words, lower case) right
/// before their name, with at most a bracketed short form and six words between ("Menteri Dalam
/// Negeri (Mendagri) Muhammad Tito Karnavian" for "Menteri"), in the same sentence; for
/// "Presiden" alone also a head of state the gazetteer knows. None when nobody was.
fn titled_person<'e>(text: &str, entities: &'e Ents, title: &[&str], at: usize) -> Option<&'e Entity> {
    let head_of_state = title == ["presiden"];
    let mut best: Option<(usize, &Entity)> = None;
    for e in entities.iter().filter(|e| e.kind == EntityKind::Per) {
        for m in e.mentions.iter().filter(|m| m.end <= at) {
            if best.is_some_and(|(b, _)| b >= m.start) {
                continue;
            }
            // from the last sentence end or quotation mark before the name (past that char),
            // looking back at most 160 bytes (a title and six words fit)
            let mut lo = m.start.saturating_sub(160);
            while !text.is_char_boundary(lo) {
                lo -= 1;
            }
            let from = text[lo..m.start]
                .char_indices()
                .rev()
                .find(|&(_, c)| matches!(c, '.' | '\n' | '"' | '“' | '”'))
                .map_or(lo, |(i, c)| lo + i + c.len_utf8());
            let before = &text[from..m.start];
            // the last words before the name, nearest first
            let words: Vec<String> = before
                .split_whitespace()
                .rev()
                .take(6 + title.len())
                .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase())
                .collect();
            let titled = words.windows(title.len()).any(|w| w.iter().rev().zip(title).all(|(a, b)| a == b));
            let known = head_of_state && e.subtype == Some(Subtype::HeadOfState);
            if titled || known {
                best = Some((m.start, e));
            }
        }
    }
    best.map(|(_, e)| e)
}

/// A description of someone unnamed ("seorang pejabat senior yang tidak mau disebutkan
/// namanya" → "pejabat senior (anonim)"): needs a head noun we know.
fn described(text: &str, p: &Phrase) -> Option<Speaker> {
    let desc_words: Vec<&Tok> =
        p.words.iter().copied().skip_while(|t| ANON_OPENERS.contains(&t.lower.as_str()) || t.lower == "satu").collect();
    if desc_words.is_empty() || !ANON_HEADS.contains(&desc_words[0].lower.as_str()) {
        return None;
    }
    let mut desc = text[desc_words[0].span.start..p.span.end].to_string();
    let dl = desc.to_lowercase();
    for m in ANON_MARKERS.iter() {
        if let Some(at) = dl.find(m) {
            desc.truncate(at);
            break;
        }
    }
    let mut desc = desc.trim().trim_end_matches(" yang").trim().to_string();
    for tail in [" itu", " tersebut", " ini"] {
        if let Some(d) = desc.strip_suffix(tail) {
            desc = d.to_string();
        }
    }
    Some(Speaker {
        description: Some(p.text.to_string()),
        anonymous: true,
        ..Speaker::plain(format!("{desc} (anonim)"), p.span, true, How::Described)
    })
}

fn is_acronym(w: &str) -> bool {
    w.chars().filter(|c| c.is_alphabetic()).count() >= 2 && w.chars().all(|c| !c.is_lowercase())
}
