//! Entities: mentions of one real-world thing become one [`Entity`].
//!
//! [`resolve`] takes the regions of the text to read (body paragraphs, captions) and the spans a
//! tagger recognised (possibly none) and returns entities with every mention, in first-mention
//! order (`e1`, `e2`, ...). Mentions come from three places:
//! - the curated gazetteer ([`gazetteer`]): longest match on word tokens, with case rules
//!   (an all-capital alias such as `AS` matches only in capitals; a capitalised first word must
//!   be capitalised in the text), and no country match right after "bahasa" (a language);
//! - the tagger's spans, kept as given (the gazetteer only names them when it knows them);
//! - a few rules for names nobody tagged: a name after a title ("Marsekal ... Pak Jong Chon"),
//!   a name before ", presiden ..." after a speech verb, a photo credit "Foto: Name/Agency",
//!   acronyms the text defines, and bare surnames once the full name has appeared.
//!
//! Mentions merge when they share a gazetteer row, the same normalised name (case, hyphen and
//! title differences ignored: "Kim Jong-un", "Kim Jong Un", "Pemimpin Kim Jong Un"), a
//! definition ("Perserikatan Bangsa-Bangsa (PBB)", "WPK adalah Partai Pekerja Korea",
//! "X adalah singkatan dari Y"), initials ("KPK" after "Komisi Pemberantasan Korupsi"), or a
//! surname/part of a full person name seen earlier ("Kim" after "Kim Jong Un"). Two different
//! gazetteer rows never merge. Metonymy is kept apart: "Pyongyang" stays the city and carries
//! `capital_of` (and "Kremlin" `metonym_of`) pointing at the country's key and, when the
//! country is mentioned, its entity id.

// Index loops over candidates read several parallel vectors; nested `if let` reads clearer here.
#![allow(clippy::needless_range_loop, clippy::collapsible_if)]

pub mod gazetteer;
mod text;

use crate::analysis::{
    Entity, EntityKind, FoundBy as Origin, Link, Links, Mention, NerMention, Relation, Span, Subtype,
};
use crate::doc::Doc;
use crate::lexicon::{Lexicon, WordSet, Words};
use crate::span_index::SpanIndex;
use gazetteer::gaz;
// foldhash: these maps are keyed by words and spans of the article, many per article; SipHash
// cost 2 % of `analyze`. foldhash is seeded per process, so crafted text cannot aim at collisions.
type HashMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::RandomState>;
type HashSet<K> = std::collections::HashSet<K, foldhash::fast::RandomState>;
use text::{Tok, is_all_caps, is_cap, joinable, tokens};

/// Words of office and institution names that are never part of a personal name, lower-case.
static OFFICE: Lexicon = Lexicon::new(include_str!("../../data/lexicon/entities/office.txt"));

/// Lower-case connectors allowed inside a personal name ("bin", "von der").
static CONNECTORS: Lexicon = Lexicon::new(include_str!("../../data/lexicon/entities/connectors.txt"));

/// Capitalised words that start sentences and are not names, lower-case.
static NOT_NAMES: Lexicon = Lexicon::new(include_str!("../../data/lexicon/entities/sentence-starters.txt"));
/// Common nouns written with a capital that are no name on their own (`not-alone.txt`).
static NOT_ALONE: Lexicon = Lexicon::new(include_str!("../../data/lexicon/entities/not-alone.txt"));

/// East Asian family names: a bare one refers back to a full name that starts with it ("Kim").
static NICKNAME_CUES: Lexicon = Lexicon::new(include_str!("../../data/lexicon/entities/nickname-cues.txt"));
static NICKNAME_HEADS: Lexicon = Lexicon::new(include_str!("../../data/lexicon/entities/nickname-heads.txt"));
static FAMILY_FIRST: Lexicon = Lexicon::new(include_str!("../../data/lexicon/entities/family-first.txt"));

#[derive(Debug, Clone)]
struct Cand {
    span: Span,
    kind: EntityKind,
    gaz: Option<usize>,
    origin: Origin,
    /// Name tokens after titles are stripped, lower-cased.
    name: Vec<String>,
    /// Byte offset where the name proper starts (after titles).
    name_start: usize,
    /// Set for the long form of a text-defined acronym.
    defined_long: bool,
}

fn lc(w: &str) -> String {
    w.to_lowercase()
}

/// Whether `w`, lower-cased (only when it has capitals), is in `list`.
fn in_list(list: &impl WordSet, w: &str) -> bool {
    if w.chars().any(char::is_uppercase) { list.has(&lc(w)) } else { list.has(w) }
}

/// `data/not-names.txt`: function words, sentence starters and promo verbs, lower case.
static JUNK: Lexicon = Lexicon::new(include_str!("../../data/not-names.txt"));

/// Is `w` a word that never starts a name (the stoplist file)?
fn is_junk(w: &str) -> bool {
    in_list(&JUNK, w)
}

/// Is `w` never a name on its own: the stoplist file, sentence starters, common nouns.
fn is_not_name(w: &str) -> bool {
    is_junk(w) || in_list(&NOT_NAMES, w) || in_list(&NOT_ALONE, w)
}

/// A tagged mention without junk words at its start ("Sementara Prabowo" → "Prabowo"); None
/// when nothing else is left ("Tonton", "Sementara", "Senin").
fn without_junk(text: &str, m: NerMention) -> Option<NerMention> {
    let toks = tokens(text, m.span.start, m.span.end);
    let keep = toks.iter().position(|t| !is_junk(t.text(text)))?;
    if toks[keep..].iter().all(|t| is_not_name(t.text(text))) {
        return None;
    }
    let start = toks[keep].start + glued_junk(toks[keep].text(text));
    let span = bracket_trim(text, Span::new(start, m.span.end), m.kind)?;
    if span.start > start && tokens(text, span.start, span.end).iter().all(|t| is_not_name(t.text(text))) {
        return None; // "Persero) Tbk": what is left after the bracket is no name
    }
    Some(NerMention { span, kind: m.kind })
}

/// Do `toks` start with a minister's title ("Menteri Keuangan", "Wakil Menteri Luar Negeri",
/// "Menko Pangan")? That is a person's office, not an organisation: the ministry is
/// "Kementerian ...".
fn minister_title(text: &str, toks: &[Tok]) -> bool {
    let first = |i: usize| toks.get(i).map(|t| lc(t.text(text)));
    match first(0).as_deref() {
        Some("menteri" | "menko" | "wamen") => true,
        Some("wakil") => first(1).as_deref() == Some("menteri"),
        _ => false,
    }
}

/// A tagged mention's span cut to its name, so that brackets do not cut across it:
/// - a bracket it opens and does not close ends it: "Badan Pusat Statistik (BPS" (the tagger
///   stopping inside "... (BPS), ...") ends before " (";
/// - a bracket it closes and did not open starts it after: "PKS) Tripartit" → "Tripartit";
/// - a person's nickname in brackets at its end ("Joko Widodo (Jokowi)") is left out: it is
///   read as the nickname. Other closed brackets stay: a company's legal form ("PT Pertamina
///   (Persero)"), and an acronym, whose reading as the name's definition could tie the name to
///   another entry the gazetteer knows by that acronym ("Public-Private Partnership (PPP)", a
///   party's acronym too).
///
/// None when nothing is left.
fn bracket_trim(text: &str, span: Span, kind: EntityKind) -> Option<Span> {
    let s = &text[span.start..span.end];
    let mut depth = 0usize;
    let mut open_at = None;
    let mut start = 0;
    for (i, c) in s.char_indices() {
        match c {
            '(' | '[' => {
                if depth == 0 {
                    open_at = Some(i);
                }
                depth += 1;
            }
            ')' | ']' if depth == 0 => start = i + 1,
            ')' | ']' => depth -= 1,
            _ => {}
        }
    }
    let mut end = match open_at.filter(|_| depth > 0) {
        Some(i) => i,
        None => s.len(),
    };
    if let Some(inner) = s[..end].strip_suffix(')').and_then(|t| t.rsplit_once('(')) {
        let word = inner.1.trim();
        let nickname = kind == EntityKind::Per
            && !word.contains(' ')
            && word.starts_with(char::is_uppercase)
            && word.chars().all(char::is_alphabetic);
        if nickname && inner.0.len() >= start {
            end = inner.0.len();
        }
    }
    let kept = s[start..end].trim();
    if kept.is_empty() {
        return None;
    }
    let from = span.start + start + (s[start..end].len() - s[start..end].trim_start().len());
    Some(Span::new(from, from + kept.len()))
}

/// The length of a stoplist word glued to the name that follows it, as scraped text leaves
/// them when a link lost its space ("daridetikNews", "kepadaAFP"): the longest lower-case
/// stoplist prefix whose rest starts with a capital or is an outlet's brand with a channel
/// ("detikNews": a known outlet written in lower case, then a capital). 0 when none.
fn glued_junk(w: &str) -> usize {
    let table = crate::outlets::Table::get();
    let brand = |rest: &str| {
        let head = rest.find(|c: char| c.is_uppercase()).unwrap_or(rest.len());
        head >= 2 && head < rest.len() && table.publisher(&rest[..head]).is_some()
    };
    let ok_rest = |rest: &str| {
        rest.chars().count() >= 2
            && (rest.starts_with(|c: char| c.is_uppercase()) || table.publisher(rest).is_some() || brand(rest))
    };
    // "Pantauandetikcom", "Dilansirdetikcom": any word with an outlet's name glued after it
    let outlet_glued = |head: &str| {
        head.chars().count() >= 3 && head.chars().all(char::is_alphabetic) && head.ends_with(|c: char| c.is_lowercase())
    };
    // the outlet's name as the outlet writes it, or capitalised: "Budiantara" is a name, not
    // "Budi" and ANTARA
    let as_written = |name: &str| {
        name.starts_with(|c: char| c.is_uppercase()) || crate::quotes::Outlets::get().canonical(name).is_some()
    };
    if let Some(i) =
        table.outlet_suffix(w).filter(|&i| w.len() - i >= 3 && outlet_glued(&w[..i]) && as_written(&w[i..]))
    {
        return i;
    }
    let cuts: Vec<usize> = w.char_indices().skip(2).map(|(i, _)| i).collect();
    cuts.into_iter()
        .rev()
        .find(|&i| w[..i].chars().all(|c| c.is_lowercase()) && is_junk(&w[..i]) && ok_rest(&w[i..]))
        .unwrap_or(0)
}

/// Does alias token `a` (as written in the gazetteer) accept text token `t`?
fn case_ok(a: &str, t: &str, first: bool, word_start: bool) -> bool {
    if !a.eq_ignore_ascii_case(t) && lc(a) != lc(t).replace('’', "'") {
        return false;
    }
    // "XI" in "Komisi XI" is a numeral, not the one-word alias "Xi": a short word in capitals
    // matches only an alias written in capitals
    if t.len() <= 3 && is_all_caps(t) && !is_all_caps(a) {
        return false;
    }
    let inner_caps = a.chars().skip(1).any(|c| c.is_uppercase());
    if inner_caps {
        // Acronyms and camel case: exact, or the text token all in capitals (headlines).
        return a == t || (is_all_caps(t) && t.chars().count() > 3);
    }
    if is_cap(a) && first && word_start {
        return is_cap(t);
    }
    true
}

/// Gazetteer matches in one region's tokens: (first token, token count, entry).
fn gaz_matches(text: &str, toks: &[Tok]) -> Vec<(usize, usize, usize)> {
    let g = gaz();
    let mut out = Vec::new();
    // Lower-case each token once; keys are built in one reused buffer.
    let lowers: Vec<String> = toks.iter().map(|t| t.lower(text)).collect();
    let mut key = String::new();
    let mut i = 0;
    while i < toks.len() {
        let mut found = None;
        let Some(&longest) = g.first_tokens.get(&lowers[i]) else {
            i += 1;
            continue;
        };
        let max = longest.min(g.max_tokens).min(toks.len() - i);
        'len: for n in (1..=max).rev() {
            if (i + 1..i + n).any(|k| !joinable(&text[toks[k - 1].end..toks[k].start])) {
                continue;
            }
            key.clear();
            for (k, l) in lowers[i..i + n].iter().enumerate() {
                if k > 0 {
                    key.push(' ');
                }
                key.push_str(l);
            }
            let Some(forms) = g.index.get(&key) else { continue };
            for f in forms {
                let ok = f
                    .written
                    .iter()
                    .zip(&toks[i..i + n])
                    .enumerate()
                    .all(|(k, (a, t))| case_ok(a, t.text(text), k == 0, t.word_start));
                if !ok {
                    continue;
                }
                // A name glued to a longer capitalised word run by a hyphen is not this name.
                if i > 0 && !toks[i].word_start && is_cap(toks[i].text(text)) && n == 1 && toks[i].text(text).len() < 3
                {
                    continue;
                }
                let e = &g.entries[f.entry];
                if e.kind == EntityKind::Loc && i > 0 && lc(toks[i - 1].text(text)) == "bahasa" {
                    continue; // "bahasa Inggris" is a language
                }
                found = Some((n, f.entry));
                break 'len;
            }
        }
        match found {
            Some((n, e)) => {
                out.push((i, n, e));
                i += n;
            }
            None => i += 1,
        }
    }
    out
}

/// Index of the first name token after leading titles (and a country right after a title).
fn strip_titles(text: &str, toks: &[Tok]) -> usize {
    let mut i = 0;
    let mut stripped = false;
    while i + 1 < toks.len() {
        let w = lc(toks[i].text(text));
        if Words::TitlesNames.contains(w.as_str()) && !(w == "ibu" && lc(toks[i + 1].text(text)) == "kota") {
            i += 1;
            stripped = true;
            continue;
        }
        if stripped {
            if let Some(&(0, n, e)) = gaz_matches(text, &toks[i..]).first() {
                if gaz().entries[e].kind == EntityKind::Loc && i + n < toks.len() {
                    i += n;
                    continue;
                }
            }
            if OFFICE.contains(&w.as_str()) {
                i += 1;
                continue;
            }
        }
        break;
    }
    i
}

/// Lower-case words before a place or organisation name that are not part of it.
static DESCRIPTORS: Lexicon = Lexicon::new(include_str!("../../data/lexicon/entities/descriptors.txt"));

/// Indonesian government abbreviations spelt out, so "Pemkot Delhi" = "Pemerintah Kota Delhi".
const EXPAND: &[(&str, &str)] = &[
    ("pemkot", "pemerintah kota"),
    ("pemprov", "pemerintah provinsi"),
    ("pemkab", "pemerintah kabupaten"),
    ("pemda", "pemerintah daerah"),
    ("pemdes", "pemerintah desa"),
];

fn make_cand(text: &str, span: Span, kind: EntityKind, gaz: Option<usize>, origin: Origin) -> Cand {
    let toks = tokens(text, span.start, span.end);
    let mut s = if origin == Origin::Gazetteer { 0 } else { strip_titles(text, &toks) };
    if origin != Origin::Gazetteer {
        // "presenter Sarah Murdoch" (a person), "kantor berita AFP" (an agency).
        while s + 1 < toks.len() && !is_cap(toks[s].text(text)) && toks[s].word_start {
            let w = lc(toks[s].text(text));
            let strip = kind != EntityKind::Per && DESCRIPTORS.contains(&w.as_str());
            if !strip || !toks[s + 1..].iter().any(|t| is_cap(t.text(text))) {
                break;
            }
            s += 1;
        }
    }
    let mut name: Vec<String> = Vec::new();
    for t in &toks[s.min(toks.len())..] {
        let l = t.lower(text);
        match EXPAND.iter().find(|(a, _)| *a == l) {
            Some((_, full)) => name.extend(full.split(' ').map(String::from)),
            None => name.push(l),
        }
    }
    let name_start = toks.get(s).map_or(span.start, |t| t.start);
    Cand { span, kind, gaz, origin, name, name_start, defined_long: false }
}

/// A capitalised name run starting at token `i`: tokens joined by spaces or hyphens, each
/// word capitalised (connectors allowed inside). Returns the end token index (exclusive).
fn cap_run(text: &str, toks: &[Tok], i: usize) -> usize {
    let mut j = i;
    while j < toks.len() {
        let t = toks[j];
        let w = t.text(text);
        if j > i && !joinable(&text[toks[j - 1].end..t.start]) {
            break;
        }
        let ok = if (!t.word_start && j > i) || is_cap(w) {
            true
        } else {
            j > i
                && in_list(&CONNECTORS, w)
                && toks.get(j + 1).is_some_and(|n| is_cap(n.text(text)) && joinable(&text[t.end..n.start]))
        };
        if !ok {
            break;
        }
        j += 1;
    }
    j
}

/// Can this token be part of a personal name?
fn name_token(text: &str, t: &Tok) -> bool {
    let w = t.text(text);
    !is_all_caps(w)
        && !w.chars().any(|c| c.is_numeric())
        && !in_list(&Words::TitlesNames, w)
        && !in_list(&OFFICE, w)
        && !is_not_name(w)
}

/// Is the token run `[a, b)` shaped like a personal name?
fn person_like(text: &str, toks: &[Tok], a: usize, b: usize) -> bool {
    let n = b - a;
    (1..=4).contains(&n)
        && toks[a..b].iter().all(|t| name_token(text, t))
        && (n > 1 || toks[a].text(text).chars().count() >= 3)
}

/// Name rules for text nobody tagged: persons after titles, apposed to a speech verb, in photo
/// credits.
fn rule_persons(text: &str, toks: &[Tok], covered: &[bool]) -> Vec<Span> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if !is_cap(toks[i].text(text)) || covered[i] {
            // A lower-case title right before a run also triggers ("pemimpin Kim ...").
            i += 1;
            continue;
        }
        let j = cap_run(text, toks, i);
        let title_before = i > 0
            && in_list(&Words::TitlesNames, toks[i - 1].text(text))
            && joinable(&text[toks[i - 1].end..toks[i].start]);
        // Suffix of uncovered, name-like tokens at the end of the run.
        let mut s = j;
        while s > i && !covered[s - 1] && name_token(text, &toks[s - 1]) {
            s -= 1;
        }
        // Keep at most 4 name tokens.
        if j - s > 4 {
            s = j - 4;
        }
        let has_trigger = title_before || (i..s).any(|k| in_list(&Words::TitlesNames, toks[k].text(text)));
        let after_title = s > i && (in_list(&Words::TitlesNames, toks[s - 1].text(text)));
        let ok_len = (j - s >= 2) || (j - s == 1 && (after_title || (s == i && title_before)));
        if s < j && has_trigger && ok_len && person_like(text, toks, s, j) {
            out.push(Span::new(toks[s].start, toks[j - 1].end));
        } else if s == i && j > i && !covered[i..j].iter().any(|&c| c) && person_like(text, toks, i, j) && j - i >= 2 {
            // "menurut Yang Moo-jin, presiden ..." and "Foto: Yuri Maltsev/Reuters".
            let before = if i > 0 { lc(toks[i - 1].text(text)) } else { String::new() };
            let gap_after = toks.get(j).map_or("", |n| &text[toks[j - 1].end..n.start]);
            let next_title = toks.get(j).is_some_and(|n| in_list(&Words::TitlesNames, n.text(text)));
            let apposed = Words::SpeechApposition.contains(before.as_str()) && gap_after.trim() == "," && next_title;
            let credit =
                before == "foto" && text[toks[i - 1].end..toks[i].start].trim() == ":" && gap_after.trim() == "/";
            if apposed || credit {
                out.push(Span::new(toks[i].start, toks[j - 1].end));
            }
        }
        i = j.max(i + 1);
    }
    out
}

/// Letters of an acronym candidate: one token, 2–10 chars, capitalised.
fn acronym_like(w: &str) -> bool {
    let n = w.chars().count();
    (2..=10).contains(&n) && is_cap(w) && w.chars().all(|c| c.is_alphanumeric())
}

/// Initials of a name's tokens (all tokens, and content tokens only).
fn initials(words: &[String]) -> (String, String) {
    let all: String = words.iter().filter_map(|w| w.chars().next()).collect();
    let content: String = words
        .iter()
        .filter(|w| !["dan", "untuk", "dari", "di", "ke", "the", "of", "and", "for"].contains(&w.as_str()))
        .filter_map(|w| w.chars().next())
        .collect();
    (all, content)
}

/// Could `short` abbreviate `long`? Initials, or its letters in order inside `long` starting
/// with the same letter ("Bawaslu" ⊂ "Badan Pengawas Pemilihan Umum").
fn abbreviates(short: &str, long: &[String]) -> bool {
    let s = lc(short);
    if long.len() < 2 {
        return false;
    }
    let (all, content) = initials(long);
    if s == all || s == content {
        return true;
    }
    let joined: String = long.join(" ");
    if !joined.starts_with(s.chars().next().unwrap_or(' ')) {
        return false;
    }
    let mut it = joined.chars();
    s.chars().all(|c| it.any(|d| d == c)) && s.chars().count() >= 3
}

/// Acronym definitions in one region: (short span, long span, explicit). Patterns:
/// "Long Name (ACR)", "ACR (Long Name)", "ACR adalah/merupakan/yakni/yaitu Long Name",
/// "ACR (adalah) singkatan dari [...] Long Name".
fn acronym_defs(text: &str, toks: &[Tok]) -> Vec<(Span, Span, bool)> {
    let mut out = Vec::new();
    let tok_span = |a: usize, b: usize| Span::new(toks[a].start, toks[b - 1].end);
    for k in 0..toks.len() {
        let w = toks[k].text(text);
        // "(ACR)" right after a capitalised run.
        if k > 0 && acronym_like(w) {
            let gap_before = &text[toks[k - 1].end..toks[k].start];
            let gap_after = toks.get(k + 1).map_or(&text[toks[k].end..], |n| &text[toks[k].end..n.start]);
            if gap_before.trim() == "(" && gap_after.trim_start().starts_with(')') {
                // Walk back over the capitalised run that ends at k-1.
                let mut a = k - 1;
                while a > 0 {
                    let prev = toks[a - 1];
                    let gap = &text[prev.end..toks[a].start];
                    let pw = prev.text(text);
                    let ok_word = is_cap(pw)
                        || !toks[a].word_start
                        || (["dan", "untuk", "dari"].contains(&lc(pw).as_str()) && is_cap(toks[a].text(text)));
                    if joinable(gap) && ok_word {
                        a -= 1;
                    } else {
                        break;
                    }
                }
                // Trim leading titles/lower-case words of the run until initials fit.
                let words: Vec<String> = toks[a..k].iter().map(|t| t.lower(text)).collect();
                let mut found = None;
                for s in 0..words.len() {
                    if !is_cap(toks[a + s].text(text)) {
                        continue;
                    }
                    if abbreviates(w, &words[s..]) {
                        found = Some(a + s);
                        break;
                    }
                }
                // "Menteri Keuangan (Menkeu)", "Menteri Energi dan Sumber Daya Mineral (ESDM)":
                // a minister's title or portfolio, no organisation's name.
                let start = found.unwrap_or(a);
                if minister_title(text, &toks[start..k]) || (start > a && minister_title(text, &toks[start - 1..k])) {
                    continue;
                }
                match found {
                    Some(s) => out.push((tok_span(k, k + 1), tok_span(s, k), true)),
                    // A run that does not start with a capital is no name ("bantuan langsung
                    // tunai sementara (BLTS)" left only "sementara"): no definition.
                    None if is_cap(toks[a].text(text)) => out.push((tok_span(k, k + 1), tok_span(a, k), false)),
                    None => {}
                }
            }
        }
        // "ACR (Long Name)" and "ACR adalah ... Long Name".
        if is_all_caps(w) && acronym_like(w) && (k == 0 || toks[k].word_start) {
            let Some(n) = toks.get(k + 1) else { continue };
            let gap = &text[toks[k].end..n.start];
            if gap.trim() == "(" && is_cap(n.text(text)) {
                let e = cap_run(text, toks, k + 1);
                let close = toks.get(e).map_or(&text[toks[e - 1].end..], |m| &text[toks[e - 1].end..m.start]);
                let words: Vec<String> = toks[k + 1..e].iter().map(|t| t.lower(text)).collect();
                if close.trim_start().starts_with(')') && abbreviates(w, &words) {
                    out.push((tok_span(k, k + 1), tok_span(k + 1, e), true));
                }
                continue;
            }
            if !joinable(gap) || gap.contains('-') {
                continue;
            }
            let cue = lc(n.text(text));
            if !["adalah", "merupakan", "yakni", "yaitu", "singkatan", "kependekan"].contains(&cue.as_str()) {
                continue;
            }
            // Find "singkatan dari" within the next few tokens, then the first capitalised run.
            let mut p = k + 1;
            let mut explicit = false; // "singkatan dari"
            let lim = (k + 9).min(toks.len());
            while p < lim && !is_cap(toks[p].text(text)) {
                let l = lc(toks[p].text(text));
                if l == "singkatan" || l == "kependekan" {
                    explicit = true;
                }
                if [",", ".", ";"].iter().any(|c| text[toks[p - 1].end..toks[p].start].contains(c)) && p > k + 1 {
                    break;
                }
                p += 1;
            }
            if p >= lim || !is_cap(toks[p].text(text)) {
                continue;
            }
            // Without "singkatan", the name must follow the copula directly.
            if !explicit && p != k + 2 {
                continue;
            }
            let e = cap_run(text, toks, p);
            if e - p >= 2 {
                // An all-capital acronym equated to a multi-word name is a definition.
                out.push((tok_span(k, k + 1), tok_span(p, e), true));
            }
        }
    }
    out
}

struct Uf {
    parent: Vec<usize>,
    gaz: Vec<Option<usize>>,
    kind: Vec<EntityKind>,
}

impl Uf {
    fn find(&mut self, x: usize) -> usize {
        let mut r = x;
        while self.parent[r] != r {
            r = self.parent[r];
        }
        let mut y = x;
        while self.parent[y] != r {
            let n = self.parent[y];
            self.parent[y] = r;
            y = n;
        }
        r
    }
    /// Merge unless the two sides name different gazetteer rows or differ in type.
    fn union(&mut self, a: usize, b: usize) -> bool {
        self.union_kind(a, b, true)
    }
    /// Merge; with `strict` false, a type difference does not stop it (a tagger's type errors).
    fn union_kind(&mut self, a: usize, b: usize, strict: bool) -> bool {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra == rb {
            return true;
        }
        if let (Some(x), Some(y)) = (self.gaz[ra], self.gaz[rb]) {
            if x != y {
                return false;
            }
        }
        if strict && self.kind[ra] != self.kind[rb] {
            return false;
        }
        let (root, child) = if ra < rb { (ra, rb) } else { (rb, ra) };
        self.parent[child] = root;
        self.gaz[root] = self.gaz[root].or(self.gaz[child]);
        true
    }
}

/// Start of a short capitalised family name ("Pak", "Jo", "Ri") right before byte `start`,
/// when that word is not the first of its sentence.
fn family_name_before(text: &str, start: usize) -> Option<usize> {
    let before = text[..start].strip_suffix(' ')?;
    let word_start =
        before.rfind(|c: char| !c.is_alphabetic()).map_or(0, |i| i + before[i..].chars().next().unwrap().len_utf8());
    let word = &before[word_start..];
    let mut cs = word.chars();
    let first = cs.next()?;
    let n = word.chars().count();
    if !(2..=3).contains(&n) || !first.is_uppercase() || !cs.all(char::is_lowercase) {
        return None;
    }
    let prev = before[..word_start].trim_end();
    if prev.is_empty() || prev.ends_with(['.', '!', '?', '"', '“', '”', ':', '(']) {
        return None;
    }
    // Short Indonesian words that open phrases are not names.
    if matches!(word, "Di" | "Ke" | "Ia" | "Dia" | "Ini" | "Itu" | "Dan" | "Bu" | "Yth") {
        return None;
    }
    Some(word_start)
}

/// Resolve the entities of one article. `spans` are the regions to read (body paragraphs,
/// captions); `tagged` are the tagger's mentions (may be empty). Every mention satisfies
/// `&text[start..end] == mention.text`.
///
/// The steps: candidates from each region ([`read_regions`]); the tagger's mentions checked
/// against the gazetteer ([`check_tagged`]) and added ([`add_tagged`]); acronyms the text
/// defines ([`add_definitions`], [`add_acronym_uses`]); the candidates merged
/// ([`merge`]); bare surnames nobody tagged attached to their people ([`bare_surnames`]);
/// the groups built into entities ([`build`]).
pub fn resolve(text: &str, spans: &[Span], tagged: &[NerMention]) -> Vec<Entity> {
    let regions = spans.iter().copied().filter(|s| valid(text, s)).map(|s| outside_doc(text, s));
    resolve_regions(text, regions, tagged)
}

/// [`resolve`] over the headline, the Doc's blocks (their tokens from the Doc) and the
/// captions, in that order.
pub fn resolve_doc(
    text: &str,
    title: Option<Span>,
    doc: &Doc,
    captions: &[Span],
    tagged: &[NerMention],
) -> Vec<Entity> {
    let blocks = doc
        .blocks
        .iter()
        .enumerate()
        .filter(|(_, b)| valid(text, &b.span))
        .map(|(bi, b)| (b.span, text::from_segments(text, doc.block_tokens(bi))));
    let regions = title
        .into_iter()
        .filter(|s| valid(text, s))
        .map(|s| outside_doc(text, s))
        .chain(blocks)
        .chain(captions.iter().copied().filter(|s| valid(text, s)).map(|s| outside_doc(text, s)));
    resolve_regions(text, regions, tagged)
}

fn valid(text: &str, s: &Span) -> bool {
    s.start < s.end && s.end <= text.len() && text.is_char_boundary(s.start) && text.is_char_boundary(s.end)
}

/// A region outside the Doc (the headline, a caption, a caller's span) and its tokens: the
/// name rules over the whole region, which gives what [`text::from_segments`] gives over its
/// segment tokens, without making them first.
fn outside_doc(text: &str, s: Span) -> (Span, Vec<Tok>) {
    (s, tokens(text, s.start, s.end))
}

/// The steps of [`resolve`] over regions already tokenised.
fn resolve_regions(text: &str, regions: impl Iterator<Item = (Span, Vec<Tok>)>, tagged: &[NerMention]) -> Vec<Entity> {
    let mut tagged: Vec<NerMention> =
        tagged.iter().copied().filter(|m| valid(text, &m.span)).filter_map(|m| without_junk(text, m)).collect();
    let Regions { mut cands, defs, regions } = read_regions(text, regions, &tagged);
    // The gazetteer's candidates, by position. Only tagger candidates are pushed until the
    // retain in `add_tagged`, so the indices stay valid through the tagged-mention steps.
    let gaz_index = SpanIndex::new(
        cands.iter().enumerate().filter(|(_, c)| c.origin == Origin::Gazetteer).map(|(k, c)| (c.span, k)),
    );
    check_tagged(text, &cands, &gaz_index, &mut tagged);
    add_tagged(text, &mut cands, &gaz_index, &tagged);
    add_definitions(text, &mut cands, defs);
    add_acronym_uses(text, &mut cands, &regions);
    cands.sort_by_key(|c| (c.span.start, std::cmp::Reverse(c.span.end)));
    cands.dedup_by(|b, a| a.span == b.span && a.kind == b.kind);
    unlink_unsupported_aliases(&mut cands);
    link_home_institutions(text, &mut cands);

    let mut uf = merge(text, &cands, &regions);
    let (extra, people_by_token) = bare_surnames(text, &cands, &regions);
    // Attach the surname mentions to the most recent full name before them.
    let mut groups: HashMap<usize, Vec<Cand>> = HashMap::default();
    for k in 0..cands.len() {
        let r = uf.find(k);
        groups.entry(r).or_default().push(cands[k].clone());
    }
    for c in extra {
        // The most recent person before it whose first or last name it is (the same test as
        // the scan in `bare_surnames`, through the same index).
        let target = people_by_token.get(&c.name[0]).and_then(|js| {
            let before = js.partition_point(|&k| cands[k].span.start < c.span.start);
            before.checked_sub(1).map(|i| js[i])
        });
        if let Some(k) = target {
            let r = uf.find(k);
            groups.entry(r).or_default().push(c);
        }
    }

    build(text, groups, &mut uf)
}

/// A person from abroad named by one word of the gazetteer's aliases ("Anwar", "Harris") is that
/// person only where the article also names them in full or names their country (the country
/// itself, or a place or body of it: "Malaysia", "Kuala Lumpur"). Elsewhere the word is a name
/// like any other: "kata Irjen Anwar" is a police general, not Malaysia's prime minister. The
/// match stays a candidate for a name, without the link.
fn unlink_unsupported_aliases(cands: &mut [Cand]) {
    let g = gaz();
    // one word of a person's longer name
    let bare = |c: &Cand| {
        c.name.len() == 1
            && c.gaz.is_some_and(|e| g.entries[e].kind == EntityKind::Per && g.entries[e].name.contains(' '))
    };
    let unsupported: Vec<usize> = (0..cands.len())
        .filter(|&k| {
            let c = &cands[k];
            if !bare(c) {
                return false;
            }
            let Some(country) = gaz_country(c) else { return false };
            if country == "ID" {
                return false;
            }
            !cands.iter().any(|d| {
                d.gaz.is_some_and(|e| {
                    let de = &g.entries[e];
                    (Some(e) == c.gaz && d.name.len() > 1)
                        || (de.kind != EntityKind::Per && entry_country(de) == Some(country))
                })
            })
        })
        .collect();
    for k in unsupported {
        cands[k].gaz = None;
        if cands[k].origin == Origin::Gazetteer {
            cands[k].origin = Origin::Rules;
        }
    }
}

/// An Indonesian institution written without the country mark the gazetteer's name carries
/// ("Kementerian Keuangan" for "Kementerian Keuangan RI") is that institution when the article
/// is about Indonesia (it names Indonesia's places, bodies and people more often than other
/// countries') and its sentence names nothing of another country. The gazetteer cannot list such names: in foreign news the same
/// words are another state's ministry ("Kementerian Luar Negeri dan Kementerian Unifikasi
/// Korea Selatan").
fn link_home_institutions(text: &str, cands: &mut [Cand]) {
    let g = gaz();
    let country_of = |e: usize| entry_country(&g.entries[e]);
    // mentions of Indonesia's and of other countries' places, bodies and people
    let home = cands.iter().filter_map(|c| c.gaz).filter(|&e| country_of(e) == Some("ID")).count();
    let foreign: Vec<Span> =
        cands.iter().filter(|c| c.gaz.and_then(country_of).is_some_and(|k| k != "ID")).map(|c| c.span).collect();
    if home <= foreign.len() {
        return;
    }
    let sentence = |at: Span| -> Span {
        let start = text[..at.start].rfind(['.', '\n', '!', '?']).map_or(0, |i| i + 1);
        let end = text[at.end..].find(['.', '\n', '!', '?']).map_or(text.len(), |i| at.end + i);
        Span::new(start, end)
    };
    for c in cands.iter_mut().filter(|c| c.gaz.is_none() && c.kind == EntityKind::Org && c.name.len() >= 2) {
        let name = &text[c.name_start..c.span.end];
        let Some(e) = gazetteer::lookup(&format!("{name} RI"))
            .into_iter()
            .find(|e| e.kind == EntityKind::Org && e.links.iter().any(|(_, k)| *k == "ID"))
        else {
            continue;
        };
        let s = sentence(c.span);
        if foreign.iter().any(|f| s.contains(*f)) {
            continue;
        }
        c.gaz = g.index_of(e.key);
    }
}

/// What the regions of an article give before the tagger's mentions are added.
struct Regions {
    /// Gazetteer matches and rule-found persons.
    cands: Vec<Cand>,
    /// Acronym definitions (short form, long form, explicit).
    defs: Vec<(Span, Span, bool)>,
    /// Each region's tokens.
    regions: Vec<Vec<Tok>>,
}

/// Tokenise each region; find gazetteer matches, persons by rule where neither the gazetteer
/// nor the tagger covers a token, and acronym definitions.
fn read_regions(text: &str, spans: impl Iterator<Item = (Span, Vec<Tok>)>, tagged: &[NerMention]) -> Regions {
    let g = gaz();
    let tagged_index = SpanIndex::new(tagged.iter().enumerate().map(|(i, m)| (m.span, i)));
    let mut out = Regions { cands: Vec::new(), defs: Vec::new(), regions: Vec::new() };
    for (sp, toks) in spans {
        let mut covered = vec![false; toks.len()];
        for (i, n, e) in gaz_matches(text, &toks) {
            let span = Span::new(toks[i].start, toks[i + n - 1].end);
            out.cands.push(make_cand(text, span, g.entries[e].kind, Some(e), Origin::Gazetteer));
            covered[i..i + n].iter_mut().for_each(|c| *c = true);
        }
        for (m, _) in tagged_index.overlapping(sp) {
            let first = toks.partition_point(|t| t.start < m.start);
            for (t, c) in toks[first..].iter().zip(&mut covered[first..]) {
                if t.end > m.end {
                    break;
                }
                *c = true;
            }
        }
        for span in rule_persons(text, &toks, &covered) {
            out.cands.push(make_cand(text, span, EntityKind::Per, None, Origin::Rules));
        }
        out.defs.extend(acronym_defs(text, &toks));
        out.regions.push(toks);
    }
    out
}

/// Curated names beat the tagger's guesses where they disagree on the span: a tagged span
/// that a gazetteer match cuts across or covers ("Republik" inside "Republik Demokratik
/// Rakyat Korea"), or that ends in a gazetteer name of another type ("Jepang Kyodo"), goes.
/// A one-syllable family name the tagger left out before a tagged person is taken in.
fn check_tagged(text: &str, cands: &[Cand], gaz_index: &SpanIndex, tagged: &mut Vec<NerMention>) {
    tagged.retain(|m| {
        !gaz_index.overlapping(m.span).any(|(_, k)| {
            let c = &cands[k];
            !m.span.contains(c.span)
                || c.span == m.span && c.kind != m.kind
                || c.kind != m.kind && c.span.end == m.span.end
        })
    });
    // A one-syllable family name the tagger left out before a tagged person ("Pak" in
    // "Pak Jong Chon", "Jo" in "Jo Chun Ryong"): a capitalised 2–3 letter word, not at a
    // sentence start, right before the name.
    // Only before a given name of East Asian shape (two short syllables or one hyphenated
    // word), so the honorific "Pak" before "Jokowi" stays a title.
    let east_asian_given = |s: &str| {
        let words: Vec<&str> = s.split_whitespace().collect();
        (words.len() == 2 && words.iter().all(|w| w.chars().count() <= 6)) || (words.len() == 1 && s.contains('-'))
    };
    for m in
        tagged.iter_mut().filter(|m| m.kind == EntityKind::Per && east_asian_given(&text[m.span.start..m.span.end]))
    {
        if let Some(start) = family_name_before(text, m.span.start) {
            m.span = Span::new(start, m.span.end);
        }
    }
}

/// Tagged mentions become candidates, kept as given (a gazetteer match of the same type
/// inside names them); then gazetteer and rule candidates that overlap a tagged mention of the
/// same type go (the tagger's span wins), and rule candidates overlapping anything tagged.
fn add_tagged(text: &str, cands: &mut Vec<Cand>, gaz_index: &SpanIndex, tagged: &[NerMention]) {
    let g = gaz();
    for m in tagged {
        let mut c = make_cand(text, m.span, m.kind, None, Origin::Tagger);
        let mut inner: Vec<usize> = gaz_index
            .overlapping(m.span)
            .map(|(_, k)| k)
            .filter(|&k| cands[k].kind == m.kind && m.span.contains(cands[k].span))
            .collect();
        inner.sort_unstable();
        // Name it only when the gazetteer match is the whole name after the titles.
        if let Some(&k) =
            inner.iter().find(|&&k| cands[k].span.end == m.span.end && cands[k].span.start == c.name_start)
        {
            c.gaz = cands[k].gaz;
        } else if let Some(e) = gazetteer::lookup(&text[c.name_start..m.span.end]).iter().find(|e| e.kind == m.kind) {
            c.gaz = g.index_of(e.key);
        } else {
            // "Kantor berita AFP": descriptors in any case before a name the gazetteer knows.
            let toks = tokens(text, c.name_start, m.span.end);
            let mut s = 0;
            while s + 1 < toks.len() && DESCRIPTORS.contains(&toks[s].lower(text).as_str()) {
                s += 1;
            }
            if s > 0 {
                if let Some(e) = gazetteer::lookup(&text[toks[s].start..m.span.end]).iter().find(|e| e.kind == m.kind) {
                    c.gaz = g.index_of(e.key);
                }
            }
        }
        cands.push(c);
    }
    let tagged_index = SpanIndex::new(tagged.iter().enumerate().map(|(i, m)| (m.span, i)));
    cands.retain(|c| {
        c.origin == Origin::Tagger
            || !tagged_index.overlapping(c.span).any(|(_, i)| tagged[i].kind == c.kind || c.origin == Origin::Rules)
    });
}

/// Acronym definitions: the short form becomes a mention of whatever the long form is.
fn add_definitions(text: &str, cands: &mut Vec<Cand>, defs: Vec<(Span, Span, bool)>) {
    let overlaps = |a: Span, b: Span| a.start < b.end && b.start < a.end;
    for (short, long, explicit) in defs {
        let find = |cands: &[Cand], s: Span| cands.iter().position(|c| c.span == s);
        let long_c = find(cands, long);
        let short_c = find(cands, short);
        let kind = long_c.map(|k| cands[k].kind).or(short_c.map(|k| cands[k].kind)).unwrap_or(EntityKind::Org);
        if long_c.is_none() && short_c.is_none() && !explicit {
            continue;
        }
        let lk = match long_c {
            Some(k) => k,
            None => {
                // A name the text defines wins over gazetteer matches inside it.
                if cands
                    .iter()
                    .any(|c| overlaps(c.span, long) && (c.origin != Origin::Gazetteer || !long.contains(c.span)))
                {
                    continue;
                }
                cands.retain(|c| !long.contains(c.span));
                let mut c = make_cand(text, long, kind, None, Origin::Rules);
                c.defined_long = true;
                cands.push(c);
                cands.len() - 1
            }
        };
        if short_c.is_none() && !cands.iter().any(|c| overlaps(c.span, short)) {
            cands.push(make_cand(text, short, cands[lk].kind, None, Origin::Rules));
        }
        cands[lk].defined_long = true;
    }
}

/// Every other use of a defined acronym (before or after the definition) is a mention too.
/// The first definition of each form wins, as a scan in candidate order would find it.
fn add_acronym_uses(text: &str, cands: &mut Vec<Cand>, regions: &[Vec<Tok>]) {
    let mut defined: HashMap<&str, EntityKind> = HashMap::default();
    for c in cands
        .iter()
        .filter(|c| c.origin == Origin::Rules && c.name.len() == 1 && is_all_caps(&text[c.span.start..c.span.end]))
    {
        defined.entry(&text[c.span.start..c.span.end]).or_insert(c.kind);
    }
    // Candidates pushed below are single tokens, so they never overlap a later token: an
    // index of the candidates before the loop answers for all of it.
    let cand_index = SpanIndex::new(cands.iter().enumerate().map(|(k, c)| (c.span, k)));
    let mut uses = Vec::new();
    for toks in regions {
        for t in toks {
            let w = t.text(text);
            if let Some(k) = defined.get(w) {
                let span = Span::new(t.start, t.end);
                if !cand_index.any_overlap(span) {
                    uses.push(make_cand(text, span, *k, None, Origin::Rules));
                }
            }
        }
    }
    cands.extend(uses);
}

/// Merge the sorted candidates into groups: 1. same gazetteer row; 2. same normalised name;
/// 3. definitions; 4. a person's bare surname or part of a name seen earlier; 5. initials of an
/// earlier name; 6. a tagged personal pronoun with the most recent person before it.
fn merge(text: &str, cands: &[Cand], regions: &[Vec<Tok>]) -> Uf {
    let mut uf = Uf {
        parent: (0..cands.len()).collect(),
        gaz: cands.iter().map(|c| c.gaz).collect(),
        kind: cands.iter().map(|c| c.kind).collect(),
    };
    merge_same_name(cands, &mut uf);
    merge_definitions(text, cands, regions, &mut uf);
    merge_nicknames(text, cands, &mut uf);
    merge_name_parts(text, cands, &mut uf);
    merge_pronouns(cands, &mut uf);
    uf
}

/// Steps 1 and 2 of [`merge`]: the same gazetteer row; the same normalised name (and a tagged
/// unknown name that equals a gazetteer alias of the same type).
fn merge_same_name(cands: &[Cand], uf: &mut Uf) {
    let g = gaz();
    let mut by_key: HashMap<String, usize> = HashMap::default();
    for (k, c) in cands.iter().enumerate() {
        let key = match c.gaz {
            Some(e) => format!("kb:{}", g.entries[e].key),
            None => format!("n:{}", c.name.join(" ")),
        };
        match by_key.get(&key) {
            Some(&f) => {
                let loose = c.gaz.is_none() && c.name.len() > 1;
                uf.union_kind(f, k, !loose);
            }
            None => {
                by_key.insert(key, k);
            }
        }
        // A tagged unknown name that equals a gazetteer alias of the same type.
        if c.gaz.is_none() {
            for e in gazetteer::lookup(&c.name.join(" ")) {
                if e.kind == c.kind {
                    if let Some(&f) = by_key.get(&format!("kb:{}", e.key)) {
                        uf.union(f, k);
                    }
                }
            }
        }
    }
}

/// Step 3 of [`merge`]: definitions, matched to the sorted candidates through their spans.
fn merge_definitions(text: &str, cands: &[Cand], regions: &[Vec<Tok>], uf: &mut Uf) {
    let mut all_defs = Vec::new();
    for toks in regions {
        all_defs.extend(acronym_defs(text, toks));
    }
    let mut at: HashMap<Span, usize> = HashMap::default();
    for (k, c) in cands.iter().enumerate() {
        at.entry(c.span).or_insert(k);
    }
    for (short, long, _) in all_defs {
        let s = at.get(&short).copied();
        let l = at.get(&long).copied();
        if let (Some(s), Some(l)) = (s, l) {
            if cands[l].gaz.is_none() && cands[s].gaz.is_some_and(|g| !shares_a_word(&gaz().entries[g], &cands[l].name))
            {
                // "Public-Private Partnership (PPP)": the gazetteer knows the acronym as another
                // thing (a party) whose names share no word with the long form: they stay apart.
                continue;
            }
            if cands[s].gaz.is_none() {
                let rs = uf.find(s);
                uf.kind[rs] = cands[l].kind;
            }
            uf.union(s, l);
        }
    }
}

/// Does one of the entry's names (Indonesian, or its English or French name) share a word of
/// four letters or more with `words` (lower-case)?
fn shares_a_word(entry: &gazetteer::GazEntry, words: &[String]) -> bool {
    entry
        .all_names()
        .chain(entry.en)
        .chain(entry.fr)
        .any(|n| gazetteer::normalise(n).split(' ').any(|w| w.len() >= 4 && words.iter().any(|x| x == w)))
}

/// Step 3b of [`merge`]: a person named right after another name of theirs, as Indonesian
/// news introduces a nickname: "Saifullah Yusuf (Gus Ipul)", "Saifullah Yusuf, yang akrab
/// disapa Gus Ipul", "Muhaimin Iskandar alias Cak Imin", and "X atau Y" when Y opens with a
/// nickname word ("Gus", "Cak", ...: `nickname-heads.txt`; "Prabowo atau Gibran" stays two
/// people). Both must be persons; the earlier, formal name stays the entity's name.
fn merge_nicknames(text: &str, cands: &[Cand], uf: &mut Uf) {
    let mut order: Vec<usize> = (0..cands.len()).filter(|&k| cands[k].kind == EntityKind::Per).collect();
    order.sort_by_key(|&k| (cands[k].span.start, cands[k].span.end));
    for w in order.windows(2) {
        let (a, b) = (&cands[w[0]], &cands[w[1]]);
        if b.span.start < a.span.end {
            continue;
        }
        let gap = text[a.span.end..b.span.start].split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
        let after = text[b.span.end..].trim_start();
        let head = text[b.span.start..b.span.end].split_whitespace().next().unwrap_or_default().to_lowercase();
        let gap = gap.trim_start_matches(',').trim();
        let bracketed = gap == "(" && after.starts_with(')');
        let called = {
            let g = gap.strip_prefix("atau").map_or(gap, str::trim);
            let g = g.strip_prefix("yang").map_or(g, str::trim);
            NICKNAME_CUES.contains(&g)
        };
        let or_nickname = gap == "atau" && NICKNAME_HEADS.contains(&head.as_str());
        let introduced = bracketed || gap == "alias" || called || or_nickname;
        if introduced {
            uf.union(w[0], w[1]);
        }
    }
}

/// Steps 4 and 5 of [`merge`]: for persons, a bare surname or part of a name seen earlier;
/// initials of an earlier name. The nearest earlier candidate that fits, found through indexes of the earlier names'
/// proper prefixes and suffixes (persons) and initials (organisations), not a scan back
/// over every candidate. A pathological text with thousands of near-misses under one key
/// looks back over at most LOOK_BACK of them.
fn merge_name_parts(text: &str, cands: &[Cand], uf: &mut Uf) {
    const LOOK_BACK: usize = 64;
    /// The longest part of a name looked up as a bare surname or given name (real ones have a
    /// few words).
    const PART_TOKENS: usize = 8;
    let mut prefixes: HashMap<&[String], Vec<usize>> = HashMap::default();
    let mut suffixes: HashMap<&[String], Vec<usize>> = HashMap::default();
    let mut by_initials: HashMap<(EntityKind, String), Vec<usize>> = HashMap::default();
    for k in 0..cands.len() {
        let c = &cands[k];
        if c.gaz.is_none() && !c.name.is_empty() && !Words::PronounsNames.contains(&c.name.join(" ")) {
            let m = c.name.len();
            let mut best: Option<usize> = None;
            let person = c.origin == Origin::Tagger && is_cap(&text[c.name_start..c.span.end]);
            if c.kind == EntityKind::Per || person {
                let first_ok = |d: &Cand, j: usize| {
                    m > 1
                        || FAMILY_FIRST.contains(&c.name[0].as_str())
                        || gaz_country(&cands[j]) == Some("ID")
                        // A given name the tagger marks as a person, after a full name
                        // of someone the gazetteer does not know ("Budi" after "Budi
                        // Santoso"): Indonesian news names people by either part.
                        || c.origin == Origin::Tagger && c.kind == EntityKind::Per && d.gaz.is_none()
                };
                let by_first = prefixes
                    .get(c.name.as_slice())
                    .and_then(|js| js.iter().rev().take(LOOK_BACK).copied().find(|&j| first_ok(&cands[j], j)));
                let by_last = suffixes.get(c.name.as_slice()).and_then(|js| js.last().copied());
                best = by_first.max(by_last);
            }
            if c.kind != EntityKind::Per && m == 1 && is_all_caps(&text[c.name_start..c.span.end]) {
                let by_initials = by_initials.get(&(c.kind, c.name[0].clone())).and_then(|js| {
                    js.iter().rev().take(LOOK_BACK).copied().find(|&j| abbreviates(&c.name[0], &cands[j].name))
                });
                best = best.max(by_initials);
            }
            if let Some(j) = best {
                uf.union_kind(j, k, false);
            }
        }
        // Now an earlier name for the candidates after it.
        let name = c.name.as_slice();
        if name.len() > 1 {
            if c.kind == EntityKind::Per {
                // Parts of at most PART_TOKENS words: a "name" of thousands of capitalised
                // words (a hostile text) would otherwise put quadratically many, ever longer
                // keys in the indexes.
                for m in 1..name.len().min(PART_TOKENS + 1) {
                    prefixes.entry(&name[..m]).or_default().push(k);
                    suffixes.entry(&name[name.len() - m..]).or_default().push(k);
                }
            }
        }
        if c.kind != EntityKind::Per && name.len() > 1 {
            let (a, b) = initials(name);
            if a != b {
                by_initials.entry((c.kind, b)).or_default().push(k);
            }
            by_initials.entry((c.kind, a)).or_default().push(k);
        }
    }
}

/// Step 6 of [`merge`]: a tagged personal pronoun refers to the most recent person before it.
fn merge_pronouns(cands: &[Cand], uf: &mut Uf) {
    let mut last_person: Option<usize> = None;
    for (k, c) in cands.iter().enumerate() {
        let pronoun = Words::PronounsNames.contains(&c.name.join(" "));
        if c.origin == Origin::Tagger && pronoun {
            if let Some(j) = last_person {
                uf.union_kind(j, k, false);
            }
        }
        if c.kind == EntityKind::Per && !pronoun && !c.name.is_empty() {
            last_person = Some(k);
        }
    }
}

/// Bare surnames nobody tagged ("Kim" after "Kim Jong Un"): a scan of the regions for
/// capitalised words, outside every candidate and not part of another name, that are the
/// first (family-first or Indonesian names) or last part of a person named before them.
/// Returns them with the index they were found through (each name part → the persons it
/// names, in text order).
fn bare_surnames(text: &str, cands: &[Cand], regions: &[Vec<Tok>]) -> (Vec<Cand>, HashMap<String, Vec<usize>>) {
    let g = gaz();
    let mut extra: Vec<Cand> = Vec::new();
    let mut people_by_token: HashMap<String, Vec<usize>> = HashMap::default();
    let mut people: Vec<(usize, String, bool)> = Vec::new(); // (cand, token, is_first)
    for (k, c) in cands.iter().enumerate() {
        if c.kind != EntityKind::Per {
            continue;
        }
        let mut forms: Vec<Vec<String>> = vec![c.name.clone()];
        if let Some(e) = c.gaz {
            forms.extend(
                g.entries[e].all_names().map(|a| gazetteer::normalise(a).split(' ').map(String::from).collect()),
            );
        }
        for f in forms.iter().filter(|f| f.len() >= 2) {
            let first = &f[0];
            let last = &f[f.len() - 1];
            if FAMILY_FIRST.contains(&first.as_str()) || gaz_country(c) == Some("ID") {
                people.push((k, first.clone(), true));
            }
            if last.chars().count() >= 3 {
                people.push((k, last.clone(), false));
            }
        }
    }
    // Each name part → the persons it names, in text order (cands are sorted by start).
    for (k, tok, _) in &people {
        people_by_token.entry(tok.clone()).or_default().push(*k);
    }
    for js in people_by_token.values_mut() {
        js.dedup();
    }
    let cand_index = SpanIndex::new(cands.iter().enumerate().map(|(k, c)| (c.span, k)));
    let starts: HashSet<usize> = cands.iter().map(|c| c.span.start).collect();
    let ends: HashSet<usize> = cands.iter().map(|c| c.span.end).collect();
    for toks in regions {
        for (i, t) in toks.iter().enumerate() {
            let w = t.text(text);
            if !is_cap(w) || is_all_caps(w) && w.chars().count() > 3 {
                continue;
            }
            if cand_index.any_overlap(Span::new(t.start, t.end)) {
                continue;
            }
            let l = t.lower(text);
            // Next/previous word joined by a space and capitalised: part of another name.
            let next_cap = toks.get(i + 1).is_some_and(|n| {
                n.word_start && joinable(&text[t.end..n.start]) && is_cap(n.text(text)) && !starts.contains(&n.start)
            });
            let prev_cap = i > 0 && {
                let p = toks[i - 1];
                joinable(&text[p.end..t.start])
                    && t.word_start
                    && is_cap(p.text(text))
                    && !in_list(&Words::TitlesNames, p.text(text))
                    && !ends.contains(&p.end)
            };
            if next_cap || prev_cap {
                continue;
            }
            let hit = people_by_token.get(&l).is_some_and(|js| cands[js[0]].span.start < t.start);
            if hit {
                extra.push(make_cand(text, Span::new(t.start, t.end), EntityKind::Per, None, Origin::Rules));
            }
        }
    }
    (extra, people_by_token)
}

/// The country a gazetteer entry is or belongs to: its own key for a country, else the key its
/// country, place, capital or metonym link names.
fn entry_country(e: &gazetteer::GazEntry) -> Option<&'static str> {
    if e.subtype == Some(Subtype::Country) {
        return Some(e.key);
    }
    e.links
        .iter()
        .find(|(r, _)| matches!(r, Relation::Country | Relation::In | Relation::CapitalOf | Relation::MetonymOf))
        .map(|(_, k)| *k)
}

fn gaz_country(c: &Cand) -> Option<&'static str> {
    let e = &gaz().entries[c.gaz?];
    e.links.iter().find(|(r, _)| *r == Relation::Country).map(|(_, k)| *k)
}

fn build(text: &str, groups: HashMap<usize, Vec<Cand>>, uf: &mut Uf) -> Vec<Entity> {
    let g = gaz();
    let mut gs: Vec<(usize, Vec<Cand>)> = groups.into_iter().collect();
    for (_, cs) in gs.iter_mut() {
        cs.sort_by_key(|c| (c.span.start, c.span.end));
        cs.dedup_by(|b, a| a.span == b.span);
    }
    // In text order; two entities first named at the same place (a name inside a longer one)
    // by the longer first, then by group, so that ids never depend on the map's order.
    gs.sort_by_key(|(r, cs)| (cs[0].span.start, std::cmp::Reverse(cs[0].span.end), *r));
    // Ids first, so links can point at entities in this article.
    let mut id_of_key: HashMap<&'static str, String> = HashMap::default();
    for (i, (r, _)) in gs.iter().enumerate() {
        if let Some(e) = uf.gaz[*r] {
            id_of_key.insert(g.entries[e].key, format!("e{}", i + 1));
        }
    }
    let mut out = Vec::new();
    for (i, (r, cs)) in gs.iter().enumerate() {
        let entry = uf.gaz[*r].map(|e| &g.entries[e]);
        let kind = match entry {
            Some(e) => e.kind,
            None => {
                let mut counts: Vec<(EntityKind, usize)> = Vec::new();
                for c in cs.iter().filter(|c| !Words::PronounsNames.contains(&c.name.join(" "))) {
                    match counts.iter_mut().find(|(k, _)| *k == c.kind) {
                        Some((_, n)) => *n += 1,
                        None => counts.push((c.kind, 1)),
                    }
                }
                counts.iter().max_by_key(|(_, n)| *n).map_or(uf.kind[*r], |(k, _)| *k)
            }
        };
        let name = match entry {
            Some(e) => e.name.to_string(),
            None => {
                let best = cs
                    .iter()
                    .max_by_key(|c| (c.defined_long, c.name.len(), std::cmp::Reverse(c.span.start)))
                    .expect("non-empty group");
                text[best.name_start..best.span.end].to_string()
            }
        };
        let mut links = Links::default();
        if let Some(e) = entry {
            for &(rel, key) in &e.links {
                let link = Link {
                    kb: key.to_string(),
                    name: gazetteer::get(key).map(|t| t.name.to_string()),
                    entity: id_of_key.get(key).cloned(),
                };
                links.set(rel, link);
            }
        }
        let mut found_by: Vec<Origin> = cs.iter().map(|c| c.origin).collect();
        found_by.sort_unstable_by_key(|o| o.as_str());
        found_by.dedup();
        // an outlet the gazetteer does not hold ("detikSulsel"), written as the outlet writes
        // it, is that outlet: not a place or a person, and no speaker
        let outlet = entry.is_none() && crate::quotes::Outlets::get().canonical(&name).is_some();
        out.push(Entity {
            id: format!("e{}", i + 1),
            kind: if outlet { EntityKind::Org } else { kind },
            name,
            mentions: cs
                .iter()
                .map(|c| Mention {
                    text: text[c.span.start..c.span.end].to_string(),
                    start: c.span.start,
                    end: c.span.end,
                })
                .collect(),
            kb: entry.map(|e| e.key.to_string()),
            subtype: if outlet { Some(Subtype::Outlet) } else { entry.and_then(|e| e.subtype) },
            links,
            found_by,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn whole(t: &str) -> Vec<Entity> {
        resolve(t, &[Span::new(0, t.len())], &[])
    }

    #[test]
    fn tokens_split_hyphens() {
        let t = "Kim Jong-un tiba.";
        let toks = tokens(t, 0, t.len());
        let w: Vec<&str> = toks.iter().map(|k| k.text(t)).collect();
        assert_eq!(w, ["Kim", "Jong", "un", "tiba"]);
        assert!(!toks[2].word_start);
    }

    #[test]
    fn region_tokens_from_segments_equal_tokens_of_the_region() {
        let t = "Kim Jong-un ke D.C,  kata Bisnis.com (13/9/2023) pukul 14.30 --Ma'ruf e\u{301}x.";
        let seg = crate::segment::tokens(t, Span::new(0, t.len()));
        assert_eq!(text::from_segments(t, seg), tokens(t, 0, t.len()));
    }

    #[test]
    fn case_rules() {
        let e = whole("Ia datang as usual pada bulan Mei, lalu ke AS.");
        let names: Vec<&str> = e.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, ["Amerika Serikat"]);
        assert_eq!(e[0].mentions[0].text, "AS");
    }

    #[test]
    fn language_is_not_country() {
        let e = whole("Ia berbicara dalam bahasa Inggris di Jepang.");
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].name, "Jepang");
    }

    #[test]
    fn a_foreign_persons_one_word_alias_needs_their_full_name_or_country() {
        let kb_of = |t: &str, name: &str| {
            whole(t).into_iter().find(|e| e.mentions.iter().any(|m| m.text == name)).map(|e| e.kb)
        };
        // A police general who shares a prime minister's first name.
        let t = "Mutasi itu untuk mengisi jabatan strategis, kata Irjen Anwar di Jakarta, Rabu.";
        assert_eq!(kb_of(t, "Anwar"), Some(None), "a name, not the prime minister");
        // The same word where the article names the man in full, or his country.
        let t = "Perdana Menteri Anwar Ibrahim tiba di Jakarta. Anwar disambut di bandara.";
        assert_eq!(kb_of(t, "Anwar"), Some(Some("per:anwar".to_string())));
        let t = "Kunjungan ke Malaysia berlanjut. Anwar menyambut rombongan di Putrajaya.";
        assert_eq!(kb_of(t, "Anwar"), Some(Some("per:anwar".to_string())));
        // A Roman numeral in capitals is not the one-word alias "Xi".
        let t = "Rapat dengan Komisi XI DPR digelar di Senayan, Senin.";
        assert!(whole(t).iter().all(|e| e.kb.as_deref() != Some("per:xijinping")));
    }

    #[test]
    fn a_stoplist_word_glued_to_a_name_is_cut_off() {
        for (w, rest) in [
            ("daridetikNews", "detikNews"),
            ("kepadaAFP", "AFP"),
            ("dilansirdetikJabar", "detikJabar"),
            ("olehKPK", "KPK"),
            // any word with an outlet glued after it
            ("Pantauandetikcom", "detikcom"),
            ("MengutipReuters", "Reuters"),
            ("DilansirANTARA", "ANTARA"),
        ] {
            assert_eq!(&w[glued_junk(w)..], rest, "{w}");
        }
        // Names that only look glued stay whole.
        // A lower-case ending that is no outlet's written form is part of a name: "antara" in
        // "Budiantara" is not the agency.
        for w in ["webOS", "iPhone", "dataBPS", "dariana", "Dariawan", "diary", "Budiantara", "Sutantara"] {
            assert_eq!(glued_junk(w), 0, "{w}");
        }
    }

    #[test]
    fn a_definition_ties_an_acronym_to_an_entry_only_when_the_names_agree() {
        // PPP is a party's acronym in the gazetteer; here the text defines it as something else.
        let t = "Proyek itu memakai skema Public-Private Partnership (PPP). Skema PPP dipilih karena cepat.";
        let ents = whole(t);
        let ppp = ents.iter().find(|e| e.name == "Public-Private Partnership").expect("the defined name");
        assert_eq!(ppp.kb, None, "{ents:?}");
        // The ministry's acronym defined by its country-less name joins the ministry.
        let t = "Kementerian Keuangan (Kemenkeu) menyiapkan dana. Kemenkeu juga menyiapkan aturan.";
        let ents = whole(t);
        let k = ents.iter().find(|e| e.kb.as_deref() == Some("id:kemenkeu")).expect("the ministry");
        assert!(k.mentions.iter().any(|m| m.text == "Kementerian Keuangan"), "{ents:?}");
    }

    #[test]
    fn brackets_do_not_cut_across_a_name() {
        let t = "Data Badan Pusat Statistik (BPS), Kementerian Pekerjaan Umum (PU) dan PT Sinar Jaya (Persero) \
                 dibahas Joko Santoso (Joko) bersama Dewan Buruh (DPB) Cabang Timur.";
        let cut = |from: &str, to: &str, kind: EntityKind| {
            let a = t.find(from).unwrap();
            let b = t.find(to).unwrap() + to.len();
            bracket_trim(t, Span::new(a, b), kind).map(|s| &t[s.start..s.end])
        };
        use EntityKind::{Org, Per};
        assert_eq!(cut("Badan", "(BPS", Org), Some("Badan Pusat Statistik"));
        assert_eq!(cut("Badan", "(BPS)", Org), Some("Badan Pusat Statistik (BPS)"), "a closed bracket stays");
        assert_eq!(cut("Kementerian", "(PU", Org), Some("Kementerian Pekerjaan Umum"));
        assert_eq!(cut("PT Sinar", "(Persero)", Org), Some("PT Sinar Jaya (Persero)"), "part of the name");
        assert_eq!(cut("Joko Santoso", "(Joko)", Per), Some("Joko Santoso"), "a nickname");
        assert_eq!(cut("DPB)", "Timur", Org), Some("Cabang Timur"), "a bracket closed before the name");
        let t = "Saham PT Sinar Jaya (Persero) Tbk naik.";
        let a = t.find("Persero").unwrap();
        let m = NerMention { span: Span::new(a, t.find(" naik").unwrap()), kind: Org };
        assert_eq!(without_junk(t, m), None, "after the bracket only a word that is no name alone");
        assert_eq!(cut("(BPS", "(BPS", Org), None, "nothing left");
    }

    #[test]
    fn a_ministers_title_defines_no_organisation() {
        let t = "Menteri Keuangan (Menkeu) Rudi Hartono tiba di Surabaya. Menteri Energi dan Sumber Daya \
                 Mineral (ESDM) Dewi Kartika ikut hadir, begitu pula wakil dari Badan Riset Nusantara (BRN).";
        let ents = whole(t);
        let orgs: Vec<&str> = ents.iter().filter(|e| e.kind == EntityKind::Org).map(|e| e.name.as_str()).collect();
        assert!(!orgs.iter().any(|n| n.contains("Keuangan") || n.contains("Energi")), "{orgs:?}");
        assert!(orgs.contains(&"Badan Riset Nusantara"), "a real definition stays: {orgs:?}");
    }

    /// The entities' names when the tagger found `tagged` (each the first occurrence of its text).
    fn names_with_tagged(t: &str, tagged: &[(&str, EntityKind)]) -> Vec<String> {
        let tagged: Vec<NerMention> = tagged
            .iter()
            .map(|&(w, kind)| {
                let s = t.find(w).unwrap();
                NerMention { span: Span::new(s, s + w.len()), kind }
            })
            .collect();
        resolve(t, &[Span::new(0, t.len())], &tagged).into_iter().map(|e| e.name).collect()
    }

    #[test]
    fn a_ministry_without_its_country_mark_is_indonesias_in_news_about_indonesia() {
        let org = |w: &'static str| (w, EntityKind::Org);
        // A domestic article: Jakarta, Bandung and the DPR; the ministry is Indonesia's.
        let t = "Kementerian Keuangan mencairkan dana desa di Jakarta, Senin. DPR menyetujui anggaran itu. \
                 Warga Bandung menerima dana pekan depan.";
        let names = names_with_tagged(t, &[org("Kementerian Keuangan")]);
        assert!(names.iter().any(|n| n == "Kementerian Keuangan RI"), "{names:?}");
        // The same words beside another country's body in their sentence stay unlinked.
        let t = "Kementerian Keuangan dan Kementerian Unifikasi Korea Selatan bertemu di Jakarta. \
                 DPR menyetujui anggaran itu di Jakarta. Warga Bandung menerima dana.";
        let names = names_with_tagged(t, &[org("Kementerian Keuangan")]);
        assert!(names.iter().any(|n| n == "Kementerian Keuangan"), "{names:?}");
        // In foreign news (Seoul, Pyongyang, Korea Utara outnumber Jakarta) they stay unlinked.
        let t = "Kementerian Keuangan mengumumkan sanksi baru, Senin. Pejabat di Seoul menyambutnya. \
                 Korea Utara mengecamnya dari Pyongyang. Seorang diplomat di Jakarta menolak berkomentar.";
        let names = names_with_tagged(t, &[org("Kementerian Keuangan")]);
        assert!(names.iter().any(|n| n == "Kementerian Keuangan"), "{names:?}");
    }

    #[test]
    fn junk_words_never_become_entities() {
        let t = "Tonton juga video ini. Sementara Budiarto Sasmito tiba di Medan pada Senin. Janji Budiarto diucapkan di sana.";
        let names = names_with_tagged(
            t,
            &[
                ("Tonton", EntityKind::Per),
                ("Sementara Budiarto Sasmito", EntityKind::Per),
                ("Senin", EntityKind::Org),
                ("Janji Budiarto", EntityKind::Per),
            ],
        );
        assert!(names.iter().any(|n| n == "Budiarto Sasmito"), "{names:?}");
        for junk in ["Tonton", "Senin", "Sementara Budiarto Sasmito", "Sementara", "Janji Budiarto"] {
            assert!(!names.iter().any(|n| n == junk), "{junk} in {names:?}");
        }
        assert!(is_junk("SEMENTARA") && is_junk("tonton") && !is_junk("Budiarto"));
    }

    #[test]
    fn a_common_noun_alone_is_no_name_but_may_start_one() {
        let t = "Warga antre di Puskesmas sejak pagi. Petugas Puskesmas Sukamaju mencatat 40 pasien. Alhamdulillah, kata Sari.";
        let names = names_with_tagged(
            t,
            &[
                ("Puskesmas", EntityKind::Loc),
                ("Puskesmas Sukamaju", EntityKind::Loc),
                ("Alhamdulillah", EntityKind::Per),
                ("Sari", EntityKind::Per),
            ],
        );
        let has = |n: &str| names.iter().any(|x| x == n);
        assert!(has("Puskesmas Sukamaju") && has("Sari"), "{names:?}");
        assert!(!has("Puskesmas") && !has("Alhamdulillah"), "{names:?}");
    }

    #[test]
    fn abbreviation_checks() {
        let w = |s: &str| s.split(' ').map(String::from).collect::<Vec<_>>();
        assert!(abbreviates("PBB", &w("perserikatan bangsa bangsa")));
        assert!(abbreviates("Bawaslu", &w("badan pengawas pemilihan umum")));
        assert!(!abbreviates("WPK", &w("partai pekerja korea")));
    }
}
