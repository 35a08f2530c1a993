//! warta's renderer: timeline entries and whole `warta stories` documents shown in Indonesian,
//! English, Chinese, Japanese, Arabic or French, built from the structured facts only, so that
//! nothing is invented in translation.
//!
//! - Sentences come from per-language Project Fluent messages (`locales/<lang>/timeline.ftl`,
//!   compiled in), one message per event type with selectors on participants, place and status.
//! - Dates are formatted by ICU4X for the locale (CLDR data compiled in): a day value as the
//!   long year-month-day form, a month value as year-month, a year value as the year, an ISO week
//!   through a message around the ICU-formatted year. Plain `ar` is used for Arabic, which in
//!   CLDR 47 formats with Latin digits (`13 سبتمبر 2023`) and the Gregorian calendar.
//! - Participant lists are joined with ICU4X's list formatter ("A, B, and C", "A、B和C").
//! - Names come from the gazetteer's curated names per language; for countries (gazetteer key =
//!   ISO 3166-1 code) without one, from CLDR region display names; otherwise the Indonesian name
//!   is kept and marked `untranslated`.
//!
//! Rendering is pure: no I/O. Machine translation of article text is separate (`warta_translate`,
//! `crates/translate`) and does I/O only through the backends it is given.

use fluent_bundle::{FluentArgs, FluentBundle, FluentResource};
use icu_calendar::{Date, Gregorian};
use icu_datetime::FixedCalendarDateTimeFormatter;
use icu_datetime::fieldsets::{Y, YM, YMD};
use icu_experimental::displaynames::{DisplayNamesOptions, multi::RegionDisplayNames};
use icu_list::ListFormatter;
use icu_list::options::{ListFormatterOptions, ListLength};
use icu_locale_core::Locale;
use icu_locale_core::subtags::Region;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use warta_engine::analysis::{EntityKind, EventStatus, EventType, Subtype};
use warta_engine::entities::gazetteer::{self, GazEntry};
use warta_engine::stories::{Duplicates, Story};
use warta_engine::timeline::{Conflict, ConflictField, Corroboration, Entry};

/// An output language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Id,
    En,
    Zh,
    Ja,
    Ar,
    Fr,
}

impl Lang {
    pub const ALL: [Lang; 6] = [Lang::Id, Lang::En, Lang::Zh, Lang::Ja, Lang::Ar, Lang::Fr];

    /// `id`, `en`, `zh`, `ja`, `ar`, `fr` (case-insensitive; a region or script suffix such as
    /// `zh-Hans` or `fr_FR` is accepted and ignored). None for anything else.
    pub fn parse(s: &str) -> Option<Lang> {
        let base = s.trim().split(['-', '_']).next().unwrap_or("").to_ascii_lowercase();
        Some(match base.as_str() {
            "id" | "in" => Lang::Id,
            "en" => Lang::En,
            "zh" => Lang::Zh,
            "ja" => Lang::Ja,
            "ar" => Lang::Ar,
            "fr" => Lang::Fr,
            _ => return None,
        })
    }

    /// The BCP 47 code (also the gazetteer's column name).
    pub fn code(self) -> &'static str {
        match self {
            Lang::Id => "id",
            Lang::En => "en",
            Lang::Zh => "zh",
            Lang::Ja => "ja",
            Lang::Ar => "ar",
            Lang::Fr => "fr",
        }
    }

    /// Text direction: `rtl` for Arabic, `ltr` for the rest.
    pub fn dir(self) -> &'static str {
        if self == Lang::Ar { "rtl" } else { "ltr" }
    }

    fn ftl(self) -> &'static str {
        match self {
            Lang::Id => include_str!("../locales/id/timeline.ftl"),
            Lang::En => include_str!("../locales/en/timeline.ftl"),
            Lang::Zh => include_str!("../locales/zh/timeline.ftl"),
            Lang::Ja => include_str!("../locales/ja/timeline.ftl"),
            Lang::Ar => include_str!("../locales/ar/timeline.ftl"),
            Lang::Fr => include_str!("../locales/fr/timeline.ftl"),
        }
    }
}

impl std::fmt::Display for Lang {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

impl std::str::FromStr for Lang {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Lang::parse(s).ok_or_else(|| format!("unknown language {s:?} (expected one of id, en, zh, ja, ar, fr)"))
    }
}

/// Where a rendered name comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum NameSource {
    /// The fact itself (Indonesian output, or the canonical name kept as a fallback).
    Fact,
    /// The gazetteer's curated name in that language.
    Gazetteer,
    /// CLDR region display names (ICU4X), for countries.
    Cldr,
}

/// One name as shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Name {
    pub text: String,
    /// The language the text is in (`id` when it is the untranslated fallback).
    pub lang_of_text: &'static str,
    /// True when the output language is not Indonesian but no name in it is known.
    pub untranslated: bool,
    pub source: NameSource,
}

/// One rendered timeline entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Rendered {
    pub lang: Lang,
    pub dir: &'static str,
    pub summary: String,
    /// The date as the locale writes it (no preposition); None when the entry is undated.
    pub date_text: Option<String>,
    /// day | month | year | week | other | none
    pub date_precision: &'static str,
    /// The event type's label in the language; None for an entry with no event type.
    pub type_text: Option<String>,
    pub participants: Vec<Name>,
    pub place: Option<Name>,
    pub status_text: String,
    /// The note appended to the summary (planned, denied, background...), if any.
    pub note: Option<String>,
    /// Other dates sources give (from `conflicts`), as the locale writes them.
    pub conflict_dates: Vec<Option<String>>,
    /// The support in words from the counts of `corroboration` ("3 outlets, 5 articles
    /// (2 copies)"); None when the entry carries no counts.
    pub support_text: Option<String>,
}

/// The facts a rendering is built from: a view over an [`Entry`] or its JSON.
#[derive(Debug, Clone, PartialEq)]
pub struct Facts {
    pub date: Option<String>,
    /// The event type; None for an entry of another kind (an `article` entry).
    pub kind: Option<EventType>,
    pub participants: Vec<String>,
    pub participant_kb: Vec<Option<String>>,
    /// How many of `participants`, from the first, did it: 0 when no source names the doer;
    /// None when the entry does not say (the first acted).
    pub agents: Option<usize>,
    pub place: Option<String>,
    pub status: EventStatus,
    pub background: bool,
    pub conflict_dates: Vec<Option<String>>,
    /// The supporters counted by outlet and by original report (None: not given).
    pub corroboration: Option<Corroboration>,
}

/// The fields of a timeline entry's JSON that a rendering reads (the store's entries and
/// `warta stories`' entries both have them): an entry is read into this, never by key.
#[derive(Debug, Deserialize)]
struct EntryFields {
    #[serde(default)]
    date: Option<String>,
    #[serde(rename = "type")]
    kind: String,
    /// The engine's Indonesian line (kept as `summary_id` when rendered).
    #[serde(default)]
    summary: Option<String>,
    /// The supporting articles (ranks the story's main entry).
    #[serde(default)]
    supported_by: Vec<String>,
    #[serde(default)]
    participants: Vec<String>,
    #[serde(default)]
    participant_kb: Vec<Option<String>>,
    #[serde(default)]
    agents: Option<usize>,
    #[serde(default)]
    place: Option<String>,
    #[serde(default)]
    status: Option<EventStatus>,
    #[serde(default)]
    background: bool,
    #[serde(default)]
    conflicts: Vec<Conflict>,
    #[serde(default)]
    corroboration: Option<Corroboration>,
}

impl Facts {
    pub fn from_entry(e: &Entry) -> Facts {
        Facts {
            date: e.date.clone(),
            kind: Some(e.kind),
            participants: e.participants.clone(),
            participant_kb: e.participant_kb.clone(),
            agents: e.agents,
            place: e.place.clone(),
            status: e.status,
            background: e.background,
            conflict_dates: date_conflicts(&e.conflicts),
            corroboration: (e.corroboration.articles > 0).then(|| e.corroboration.clone()),
        }
    }

    /// From a timeline entry as `warta stories` or the store prints it; an error names what
    /// in the JSON is not an entry.
    pub fn from_json(v: &Value) -> Result<Facts, serde_json::Error> {
        Ok(EntryFields::deserialize(v)?.facts())
    }
}

impl EntryFields {
    fn facts(&self) -> Facts {
        let mut participant_kb = self.participant_kb.clone();
        participant_kb.resize(self.participants.len(), None);
        Facts {
            date: self.date.clone(),
            kind: EventType::parse(&self.kind),
            participants: self.participants.clone(),
            participant_kb,
            agents: self.agents,
            place: self.place.clone(),
            status: self.status.unwrap_or(EventStatus::Reported),
            background: self.background,
            conflict_dates: date_conflicts(&self.conflicts),
            corroboration: self.corroboration.clone().filter(|c| c.articles > 0),
        }
    }

    /// How strongly the entry is supported, for the story's main entry: original reports
    /// (copies count once; without `corroboration` counts, the articles), then articles. None
    /// for background, which is never the main entry.
    fn support(&self) -> Option<(usize, usize)> {
        if self.background {
            return None;
        }
        let articles = self.supported_by.len();
        let reports = self.corroboration.as_ref().map(|c| c.reports).filter(|&r| r > 0).unwrap_or(articles);
        Some((reports, articles))
    }
}

fn date_conflicts(conflicts: &[Conflict]) -> Vec<Option<String>> {
    conflicts.iter().filter(|c| c.field == ConflictField::Date).map(|c| c.value.clone()).collect()
}

/// Statuses (DESIGN.md) with a label in every language.
pub const STATUSES: &[EventStatus] = EventStatus::ALL;

/// A TIMEX3 value split into what the renderer formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    Day(i32, u8, u8),
    Month(i32, u8),
    Year(i32),
    Week(i32, u8),
}

impl When {
    /// `2023-09-13` (or with a time after it), `2023-09`, `2023`, `2024-W25`. None for other
    /// values (`PRESENT_REF`, seasons, quarters, partial values with X).
    pub fn parse(v: &str) -> Option<When> {
        let num = |r: std::ops::Range<usize>| -> Option<u32> {
            let s = v.get(r)?;
            if s.bytes().all(|b| b.is_ascii_digit()) { s.parse().ok() } else { None }
        };
        let y = num(0..4)? as i32;
        let b = v.as_bytes();
        if v.len() == 4 {
            return Some(When::Year(y));
        }
        if b.get(4) != Some(&b'-') {
            return None;
        }
        if b.get(5) == Some(&b'W') {
            let w = num(6..8)?;
            return ((1..=53).contains(&w) && v.len() == 8).then_some(When::Week(y, w as u8));
        }
        let m = num(5..7)?;
        if !(1..=12).contains(&m) {
            return None;
        }
        if v.len() == 7 {
            return Some(When::Month(y, m as u8));
        }
        if b.get(7) != Some(&b'-') {
            return None;
        }
        let d = num(8..10)?;
        if v.len() > 10 && b[10] != b'T' {
            return None;
        }
        Date::try_new_gregorian(y, m as u8, d as u8).ok()?;
        Some(When::Day(y, m as u8, d as u8))
    }

    pub fn precision(self) -> &'static str {
        match self {
            When::Day(..) => "day",
            When::Month(..) => "month",
            When::Year(..) => "year",
            When::Week(..) => "week",
        }
    }

    /// The numbers the value holds (what a rendering may show).
    pub fn numbers(self) -> Vec<u64> {
        match self {
            When::Day(y, m, d) => vec![y as u64, m as u64, d as u64],
            When::Month(y, m) => vec![y as u64, m as u64],
            When::Year(y) => vec![y as u64],
            When::Week(y, w) => vec![y as u64, w as u64],
        }
    }
}

/// Per-language formatters and messages, built once per thread.
struct Renderer {
    lang: Lang,
    bundle: FluentBundle<FluentResource>,
    ymd: FixedCalendarDateTimeFormatter<Gregorian, YMD>,
    ym: FixedCalendarDateTimeFormatter<Gregorian, YM>,
    y: FixedCalendarDateTimeFormatter<Gregorian, Y>,
    list: ListFormatter,
    regions: RegionDisplayNames,
}

impl Renderer {
    fn new(lang: Lang) -> Renderer {
        let locale: Locale = lang.code().parse().expect("the six codes are valid locales");
        let langid: unic_langid::LanguageIdentifier = lang.code().parse().expect("valid language id");
        let mut bundle = FluentBundle::new(vec![langid]);
        // Names are inserted as they are; the page sets the direction (`dir`) and the web app
        // isolates names itself, so no FSI/PDI marks end up in the JSON.
        bundle.set_use_isolating(false);
        let res = FluentResource::try_new(lang.ftl().to_string()).expect("embedded FTL parses (tested)");
        bundle.add_resource(res).expect("embedded FTL has no duplicate messages (tested)");
        Renderer {
            lang,
            bundle,
            ymd: FixedCalendarDateTimeFormatter::try_new((&locale).into(), YMD::long()).expect("compiled data"),
            ym: FixedCalendarDateTimeFormatter::try_new((&locale).into(), YM::long()).expect("compiled data"),
            y: FixedCalendarDateTimeFormatter::try_new((&locale).into(), Y::long()).expect("compiled data"),
            list: ListFormatter::try_new_and(
                (&locale).into(),
                ListFormatterOptions::default().with_length(ListLength::Wide),
            )
            .expect("compiled data"),
            regions: RegionDisplayNames::try_new((&locale).into(), DisplayNamesOptions::default())
                .expect("compiled data"),
        }
    }

    fn msg(&self, id: &str, args: Option<&FluentArgs>) -> Option<String> {
        let m = self.bundle.get_message(id)?;
        let pattern = m.value()?;
        let mut errors = vec![];
        let out = self.bundle.format_pattern(pattern, args, &mut errors);
        debug_assert!(errors.is_empty(), "{}: {id}: {errors:?}", self.lang);
        Some(out.into_owned())
    }

    fn date(&self, w: When) -> String {
        let g = |y, m, d| Date::try_new_gregorian(y, m, d).expect("validated by When::parse");
        match w {
            When::Day(y, m, d) => self.ymd.format(&g(y, m, d)).to_string(),
            When::Month(y, m) => self.ym.format(&g(y, m, 1)).to_string(),
            When::Year(y) => self.y.format(&g(y, 1, 1)).to_string(),
            When::Week(y, wk) => {
                let mut args = FluentArgs::new();
                args.set("week", wk.to_string());
                args.set("year", self.y.format(&g(y, 1, 4)).to_string());
                self.msg("date-week", Some(&args)).unwrap_or_else(|| format!("{y}-W{wk:02}"))
            }
        }
    }

    fn list(&self, names: &[String]) -> String {
        self.list.format_to_string(names.iter().map(String::as_str))
    }
}

thread_local! {
    static RENDERERS: RefCell<HashMap<Lang, Rc<Renderer>>> = RefCell::new(HashMap::new());
}

fn renderer(lang: Lang) -> Rc<Renderer> {
    RENDERERS.with(|r| r.borrow_mut().entry(lang).or_insert_with(|| Rc::new(Renderer::new(lang))).clone())
}

/// A TIMEX3 value as the locale writes it: `13 September 2023`, `September 13, 2023`,
/// `2023年9月13日`, `13 سبتمبر 2023`, `13 septembre 2023`; month and year values likewise; the
/// value itself when it is none of day, month, year or ISO week.
pub fn format_date(value: &str, lang: Lang) -> String {
    match When::parse(value) {
        Some(w) => renderer(lang).date(w),
        None => value.to_string(),
    }
}

/// An event type's name in a language (`type-arrest` of the locale's FTL file: "arrest",
/// "penangkapan", "逮捕", ...); the JSON name when the locale has none.
pub fn type_name(kind: EventType, lang: Lang) -> String {
    renderer(lang).msg(&format!("type-{kind}"), None).unwrap_or_else(|| kind.as_str().to_string())
}

/// Names joined as the locale joins a list ("A, B, and C", "A、B和C", "A وB").
pub fn format_list(names: &[String], lang: Lang) -> String {
    renderer(lang).list(names)
}

/// A gazetteer entry's name in a language: the curated name, or for a country the CLDR display
/// name. None when neither is known.
pub fn entry_name(e: &GazEntry, lang: Lang) -> Option<(String, NameSource)> {
    if let Some(n) = e.name_in(lang.code()) {
        let src = if lang == Lang::Id { NameSource::Fact } else { NameSource::Gazetteer };
        return Some((n.to_string(), src));
    }
    region_name(e.key, lang).map(|n| (n, NameSource::Cldr))
}

/// CLDR's display name of an ISO 3166-1 alpha-2 region in a language.
pub fn region_name(code: &str, lang: Lang) -> Option<String> {
    if code.len() != 2 || !code.bytes().all(|b| b.is_ascii_uppercase()) {
        return None;
    }
    let region = Region::try_from_str(code).ok()?;
    renderer(lang).regions.of(region).map(str::to_string)
}

/// A name in a language: by gazetteer key, else by the canonical name when it names exactly one
/// gazetteer entry, else the Indonesian form marked untranslated.
pub fn name(canonical: &str, kb: Option<&str>, lang: Lang) -> Name {
    if lang == Lang::Id {
        return Name { text: canonical.to_string(), lang_of_text: "id", untranslated: false, source: NameSource::Fact };
    }
    let entry = kb.and_then(gazetteer::get).or_else(|| match gazetteer::lookup(canonical).as_slice() {
        [one] => Some(*one),
        _ => None,
    });
    let found = entry.and_then(|e| entry_name(e, lang)).or_else(|| {
        // A key that is an ISO code but not (yet) in the gazetteer still has a CLDR name.
        kb.and_then(|k| region_name(k, lang)).map(|n| (n, NameSource::Cldr))
    });
    match found {
        Some((text, source)) => Name { text, lang_of_text: lang.code(), untranslated: false, source },
        None => Name { text: canonical.to_string(), lang_of_text: "id", untranslated: true, source: NameSource::Fact },
    }
}

fn place_entry(place: &str) -> Option<&'static GazEntry> {
    let hits = gazetteer::lookup(place);
    hits.iter().copied().find(|e| e.kind == EntityKind::Loc).or_else(|| hits.first().copied())
}

/// Render one timeline entry.
pub fn render_entry(entry: &Entry, lang: Lang) -> Rendered {
    render_facts(&Facts::from_entry(entry), lang)
}

/// Render the facts of one entry.
pub fn render_facts(f: &Facts, lang: Lang) -> Rendered {
    let r = renderer(lang);
    let names: Vec<Name> = f
        .participants
        .iter()
        .enumerate()
        .map(|(i, p)| name(p, f.participant_kb.get(i).and_then(|k| k.as_deref()), lang))
        .collect();
    let place_gaz = f.place.as_deref().and_then(place_entry);
    let place = f.place.as_deref().map(|p| match (lang, place_gaz) {
        (Lang::Id, _) => name(p, None, lang),
        (_, Some(e)) => match entry_name(e, lang) {
            Some((text, source)) => Name { text, lang_of_text: lang.code(), untranslated: false, source },
            None => Name { text: p.to_string(), lang_of_text: "id", untranslated: true, source: NameSource::Fact },
        },
        (_, None) => name(p, None, lang),
    });
    let place_kind = match (place.as_ref(), place_gaz.and_then(|e| e.subtype)) {
        (None, _) => "none",
        (Some(_), Some(Subtype::Country)) => "country",
        (Some(_), Some(Subtype::City)) => "city",
        _ => "other",
    };
    // Every participant a person known to the gazetteer: French can write a full sentence.
    let bare = !f.participant_kb.is_empty()
        && f.participant_kb.len() == f.participants.len()
        && f.participant_kb
            .iter()
            .all(|k| k.as_deref().and_then(gazetteer::get).is_some_and(|e| e.kind == EntityKind::Per));

    let texts: Vec<String> = names.iter().map(|n| n.text.clone()).collect();
    // Nobody named as the doer: the unnamed party does it, to every party named.
    let unnamed = f.agents == Some(0) || texts.is_empty();
    let first = if unnamed { r.msg("unknown-actor", None).unwrap_or_default() } else { texts[0].clone() };
    // The place is said once, as the place ("visits Khasan", not "also named: Khasan").
    let place_text = place.as_ref().map(|p| p.text.as_str());
    let other_texts: Vec<String> =
        texts.iter().skip(usize::from(!unnamed)).filter(|t| Some(t.as_str()) != place_text).cloned().collect();
    let others = r.list(&other_texts);
    let all = if texts.is_empty() { first.clone() } else { r.list(&texts) };

    let mut args = FluentArgs::new();
    args.set("first", first);
    args.set("others", others);
    args.set("all", all);
    args.set("has_others", if other_texts.is_empty() { "no" } else { "yes" });
    args.set("has_place", if place.is_some() { "yes" } else { "no" });
    args.set("place", place.as_ref().map(|p| p.text.clone()).unwrap_or_default());
    args.set("place_kind", place_kind);
    args.set("bare", if bare { "yes" } else { "no" });
    let type_text = f.kind.and_then(|k| r.msg(&format!("type-{k}"), None));
    args.set("type_label", type_text.clone().unwrap_or_default());
    // A type with a clause of its own (`event-visit`, ...) reads as a sentence; the others, and
    // an entry of no type, as "who: label" (`event-other`). The FTL files decide which types
    // have clauses; every language defines the same messages (tested).
    let clause = f
        .kind
        .and_then(|k| r.msg(&format!("event-{k}"), Some(&args)))
        .or_else(|| r.msg("event-other", Some(&args)))
        .expect("every language has event-other (tested)");

    let when = f.date.as_deref().map(|d| (When::parse(d), d));
    let date_text = when.map(|(w, raw)| w.map(|w| r.date(w)).unwrap_or_else(|| raw.to_string()));
    let precision = match when {
        None => "none",
        Some((Some(w), _)) => w.precision(),
        Some((None, _)) => "other",
    };
    let mut largs = FluentArgs::new();
    largs.set("clause", clause);
    largs.set("precision", precision);
    largs.set("date", date_text.clone().unwrap_or_default());
    let mut line = r.msg("line", Some(&largs)).unwrap_or_default();
    let note_key = match f.status {
        _ if f.background => Some("background"),
        EventStatus::Planned
        | EventStatus::Speculated
        | EventStatus::Unconfirmed
        | EventStatus::Denied
        | EventStatus::Conditional
        | EventStatus::Background => Some(f.status.as_str()),
        EventStatus::Confirmed | EventStatus::Reported => None,
    };
    let note = note_key.and_then(|k| r.msg(&format!("note-{k}"), None));
    if let Some(n) = &note {
        let mut nargs = FluentArgs::new();
        nargs.set("line", line.clone());
        nargs.set("note", n.clone());
        line = r.msg("noted", Some(&nargs)).unwrap_or(line);
    }
    let status_text = r.msg(&format!("status-{}", f.status), None).unwrap_or_else(|| f.status.to_string());
    let support_text = f.corroboration.as_ref().and_then(|c| {
        let mut sargs = FluentArgs::new();
        sargs.set("outlets", c.outlets);
        sargs.set("articles", c.articles);
        sargs.set("copies", c.copies);
        sargs.set("has_outlets", if c.outlets > 0 { "yes" } else { "no" });
        sargs.set("has_copies", if c.copies > 0 { "yes" } else { "no" });
        r.msg("support", Some(&sargs))
    });
    Rendered {
        lang,
        dir: lang.dir(),
        summary: line,
        date_text,
        date_precision: precision,
        type_text,
        participants: names,
        place,
        status_text,
        note,
        conflict_dates: f.conflict_dates.iter().map(|d| d.as_deref().map(|d| format_date(d, lang))).collect(),
        support_text,
    }
}

/// Add the rendering to one timeline entry as `warta stories` prints it: `summary` becomes the
/// line in `lang`, the Indonesian one is kept as `summary_id`; `lang`, `dir`, `date_text`,
/// `type_text`, `status_text`, `note`, `participants_text` (names with their language and an
/// `untranslated` flag), `place_text`, `support_text` (the `corroboration` counts in words, null
/// without them) and each date conflict's `value_text` are added. The
/// structured fields are left as they are.
pub fn render_entry_json(entry: &Value, lang: Lang) -> Value {
    render_entry_read(entry, lang).0
}

/// [`render_entry_json`], with the fields the entry was read into and its rendered summary
/// (None when the entry could not be read).
fn render_entry_read(entry: &Value, lang: Lang) -> (Value, Option<(EntryFields, String)>) {
    let mut out = entry.clone();
    let fields = match EntryFields::deserialize(entry) {
        Ok(f) => f,
        Err(e) => {
            // Not an entry this renderer can read: kept as it is, in Indonesian, and said so.
            if let Some(o) = out.as_object_mut() {
                o.insert("lang".into(), json!(lang));
                o.insert("dir".into(), json!(lang.dir()));
                o.insert("summary_lang".into(), json!("id"));
                o.insert("summary_untranslated".into(), json!(lang != Lang::Id));
                o.insert("render_error".into(), json!(e.to_string()));
            }
            return (out, None);
        }
    };
    let r = render_facts(&fields.facts(), lang);
    if let Some(o) = out.as_object_mut() {
        o.insert("summary_id".into(), json!(fields.summary));
        o.insert("summary".into(), json!(r.summary));
        o.insert("lang".into(), json!(lang));
        o.insert("dir".into(), json!(r.dir));
        o.insert("date_text".into(), json!(r.date_text));
        o.insert("type_text".into(), json!(r.type_text));
        o.insert("status_text".into(), json!(r.status_text));
        o.insert("note".into(), json!(r.note));
        o.insert("participants_text".into(), json!(r.participants));
        o.insert("place_text".into(), json!(r.place));
        o.insert("support_text".into(), json!(r.support_text));
        // Who said what about it: each statement told in `lang` the same way.
        if let Some(Value::Array(said)) = o.get_mut("said") {
            for x in said.iter_mut() {
                *x = render_entry_json(x, lang);
            }
        }
        // Each conflict as read (same order, same count) gets its value in words.
        if let Some(Value::Array(cs)) = o.get_mut("conflicts") {
            for (c, read) in cs.iter_mut().zip(&fields.conflicts) {
                let text = (read.field == ConflictField::Date)
                    .then(|| read.value.as_deref().map(|v| format_date(v, lang)))
                    .flatten();
                if let Some(co) = c.as_object_mut() {
                    co.insert("value_text".into(), json!(text));
                }
            }
        }
    }
    (out, Some((fields, r.summary)))
}

/// The entry a story is mostly about, by index: the non-background entry the most original
/// reports support (copies count once; entries without `corroboration` counts count their
/// articles), then the most articles, the earliest on a tie ([`EntryFields::support`]).
fn main_index(support: impl Iterator<Item = Option<(usize, usize)>>) -> Option<usize> {
    let mut best: Option<(usize, (usize, usize))> = None;
    for (i, s) in support.enumerate() {
        let Some(s) = s else { continue };
        if best.is_none_or(|(_, b)| s > b) {
            best = Some((i, s));
        }
    }
    best.map(|(i, _)| i)
}

/// The fields of a story's JSON that a rendering reads (`warta stories`' stories and the
/// store's story rows both have them).
#[derive(Debug, Default, Deserialize)]
struct StoryFields {
    #[serde(default)]
    timeline: Vec<Value>,
    #[serde(default)]
    background: Vec<Value>,
    #[serde(default)]
    lede_entries: Vec<usize>,
    #[serde(default)]
    first_date: Option<String>,
    #[serde(default)]
    last_date: Option<String>,
}

/// Render one story object of `warta stories`. The title is article text in Indonesian: it is
/// kept as it is, with `title_lang: "id"` and `title_untranslated` (true unless `lang` is `id`).
/// `headline` is built from the facts of the story's main entry ([`main_index`]) in `lang`, null
/// when the timeline is empty. `first_date_text` / `last_date_text` render the story's dates.
/// A story that cannot be read is kept as it is, with `render_error`.
pub fn render_story(story: &Value, lang: Lang) -> Value {
    let mut out = story.clone();
    let Some(o) = out.as_object_mut() else { return out };
    let fields = match StoryFields::deserialize(story) {
        Ok(f) => f,
        Err(e) => {
            o.insert("render_error".into(), json!(e.to_string()));
            return out;
        }
    };
    let (timeline, read): (Vec<Value>, Vec<Option<(EntryFields, String)>>) =
        fields.timeline.iter().map(|e| render_entry_read(e, lang)).unzip();
    let main = main_index(read.iter().map(|r| r.as_ref().and_then(|(f, _)| f.support())));
    let summary = |i: usize| read.get(i).and_then(Option::as_ref).map(|(_, s)| s.as_str());
    let headline = main.and_then(summary);
    // the lede told again from the same entries' summaries in `lang`
    let sentences: Vec<&str> = fields.lede_entries.iter().filter_map(|&i| summary(i)).collect();
    if !sentences.is_empty() && sentences.len() == fields.lede_entries.len() {
        let (stop, gap) = match lang {
            Lang::Zh | Lang::Ja => ("。", ""),
            _ => (".", " "),
        };
        let lede: Vec<String> = sentences.iter().map(|s| format!("{s}{stop}")).collect();
        o.insert("lede".into(), json!(lede.join(gap)));
    }
    let date_text = |d: &Option<String>| d.as_deref().map(|d| format_date(d, lang));
    o.insert("lang".into(), json!(lang));
    o.insert("dir".into(), json!(lang.dir()));
    o.insert("title_lang".into(), json!("id"));
    o.insert("title_untranslated".into(), json!(lang != Lang::Id));
    o.insert("headline".into(), json!(headline));
    o.insert("first_date_text".into(), json!(date_text(&fields.first_date)));
    o.insert("last_date_text".into(), json!(date_text(&fields.last_date)));
    o.insert("timeline".into(), Value::Array(timeline));
    if o.contains_key("background") {
        let background: Vec<Value> = fields.background.iter().map(|e| render_entry_read(e, lang).0).collect();
        o.insert("background".into(), Value::Array(background));
    }
    out
}

/// Render a whole `warta stories` document (`{"stories": [...], "duplicates": [...]}`): every
/// story through [`render_story`], the duplicate groups as they are, `lang` and `dir` at the
/// top.
pub fn render_stories(stories: &[Story], duplicates: &[Duplicates], lang: Lang) -> Value {
    let stories: Vec<Value> = stories.iter().map(|s| render_story(&json!(s), lang)).collect();
    json!({ "stories": stories, "duplicates": duplicates, "lang": lang, "dir": lang.dir() })
}

/// The entries of a store timeline's JSON (what a rendering reads of it).
#[derive(Debug, Deserialize)]
struct TimelineFields {
    #[serde(default)]
    entries: Vec<Value>,
}

/// Render a store timeline (`{"of", "key", "title", "entries": [...]}` as `warta timeline`
/// and the store's `timeline(key)` give it): every event entry through [`render_entry_json`];
/// `article` entries (an article's title, which is article text) keep their summary, with
/// `summary_lang: "id"` and `summary_untranslated`; `lang` and `dir` at the top.
pub fn render_timeline(doc: &Value, lang: Lang) -> Value {
    let mut out = doc.clone();
    let Some(o) = out.as_object_mut() else { return out };
    match TimelineFields::deserialize(doc) {
        Ok(t) => {
            let entries: Vec<Value> = t.entries.iter().map(|e| render_timeline_entry(e, lang)).collect();
            if o.contains_key("entries") {
                o.insert("entries".into(), Value::Array(entries));
            }
        }
        Err(e) => {
            o.insert("render_error".into(), json!(e.to_string()));
        }
    }
    o.insert("lang".into(), json!(lang));
    o.insert("dir".into(), json!(lang.dir()));
    out
}

/// An entry's type as the JSON names it (an event type, or `article`).
#[derive(Debug, Deserialize)]
struct EntryType {
    #[serde(rename = "type", default)]
    kind: Option<String>,
}

/// One entry of a store timeline in `lang` (see [`render_timeline`]).
fn render_timeline_entry(e: &Value, lang: Lang) -> Value {
    let is_article = EntryType::deserialize(e).is_ok_and(|t| t.kind.as_deref() == Some("article"));
    if !is_article {
        return render_entry_json(e, lang);
    }
    let mut out = e.clone();
    if let Some(eo) = out.as_object_mut() {
        eo.insert("lang".into(), json!(lang));
        eo.insert("dir".into(), json!(lang.dir()));
        eo.insert("summary_lang".into(), json!("id"));
        eo.insert("summary_untranslated".into(), json!(lang != Lang::Id));
    }
    out
}

/// Every message id of a language's FTL file (for checks that all languages define the same).
pub fn message_ids(lang: Lang) -> Vec<String> {
    let res = FluentResource::try_new(lang.ftl().to_string()).expect("embedded FTL parses");
    res.entries()
        .filter_map(|e| match e {
            fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_string()),
            _ => None,
        })
        .collect()
}

/// Check that an FTL file parses without errors (the tests call it for every language).
pub fn ftl_errors(lang: Lang) -> Vec<String> {
    match FluentResource::try_new(lang.ftl().to_string()) {
        Ok(_) => vec![],
        Err((_, errs)) => errs.iter().map(|e| format!("{e:?}")).collect(),
    }
}

/// Digit runs in a text (ASCII, Arabic-Indic and extended Arabic-Indic digits), as numbers.
pub fn numbers_in(text: &str) -> Vec<u64> {
    let mut out = Vec::new();
    let mut cur: Option<u64> = None;
    for ch in text.chars() {
        let d = match ch {
            '0'..='9' => Some(ch as u64 - '0' as u64),
            '\u{660}'..='\u{669}' => Some(ch as u64 - 0x660),
            '\u{6F0}'..='\u{6F9}' => Some(ch as u64 - 0x6F0),
            _ => None,
        };
        cur = match (d, cur) {
            (Some(d), Some(c)) => Some(c.saturating_mul(10).saturating_add(d)),
            (Some(d), None) => Some(d),
            (None, Some(c)) => {
                out.push(c);
                None
            }
            (None, None) => None,
        };
    }
    out.extend(cur);
    out
}

/// Check a rendered timeline entry (from [`render_entry_json`]) against the entry it was
/// rendered from: the structured fields are unchanged, `summary_id` is the original summary,
/// the date shows exactly as ICU renders the structured date, every participant's and the
/// place's name for the language (or the Indonesian fallback, marked) appears verbatim, and no
/// number appears in the summary that the facts do not hold; `support_text` is there exactly
/// when the entry has `corroboration` counts and shows no number but them.
pub fn check_entry_json(original: &Value, rendered: &Value, lang: Lang) -> Result<(), String> {
    for k in [
        "date",
        "type",
        "participants",
        "participant_kb",
        "place",
        "supported_by",
        "corroboration",
        "status",
        "background",
    ] {
        if original.get(k) != rendered.get(k) {
            return Err(format!("structured field {k} changed"));
        }
    }
    if rendered.get("summary_id") != original.get("summary") {
        return Err("summary_id is not the original summary".into());
    }
    let s = rendered.get("summary").and_then(Value::as_str).ok_or("no summary")?;
    let f = Facts::from_json(original).map_err(|e| format!("not a timeline entry: {e}"))?;
    let mut allowed: Vec<u64> = Vec::new();
    match &f.date {
        Some(d) => {
            let want = format_date(d, lang);
            if rendered.get("date_text").and_then(Value::as_str) != Some(want.as_str()) {
                return Err(format!("date_text is not the ICU rendering {want:?}"));
            }
            if !s.contains(&want) {
                return Err(format!("{s:?} lacks the date {want:?}"));
            }
            allowed.extend(When::parse(d).map(When::numbers).unwrap_or_else(|| numbers_in(d)));
        }
        None if !rendered.get("date_text").is_none_or(Value::is_null) => {
            return Err("a date rendered for an undated entry".into());
        }
        None => {}
    }
    let names = rendered.get("participants_text").and_then(Value::as_array).ok_or("no participants_text")?;
    if names.len() != f.participants.len() {
        return Err("participant count changed".into());
    }
    for (i, n) in names.iter().enumerate() {
        let expected = name(&f.participants[i], f.participant_kb.get(i).and_then(|k| k.as_deref()), lang);
        if *n != json!(expected) {
            return Err(format!("participant {i}: {n} is not {expected:?}"));
        }
        if !s.contains(&expected.text) {
            return Err(format!("{s:?} lacks the name {:?}", expected.text));
        }
        allowed.extend(numbers_in(&expected.text));
    }
    if let Some(p) = rendered.get("place_text").and_then(|p| p.get("text")).and_then(Value::as_str) {
        if !s.contains(p) {
            return Err(format!("{s:?} lacks the place {p:?}"));
        }
        allowed.extend(numbers_in(p));
    }
    for d in f.conflict_dates.iter().flatten() {
        allowed.extend(numbers_in(d));
    }
    allowed.extend(numbers_in(f.kind.map_or("", EventType::as_str)));
    if let Some(n) = numbers_in(s).into_iter().find(|n| !allowed.contains(n)) {
        return Err(format!("{s:?} shows {n}, which no fact holds"));
    }
    let support = rendered.get("support_text").and_then(Value::as_str);
    match (&f.corroboration, support) {
        (None, None) => Ok(()),
        (None, Some(t)) => Err(format!("support {t:?} rendered without counts")),
        (Some(_), None) => Err("no support_text for an entry with counts".into()),
        (Some(c), Some(t)) => {
            let counts = [c.outlets, c.articles, c.copies].map(|n| n as u64);
            match numbers_in(t).into_iter().find(|n| !counts.contains(n)) {
                Some(n) => Err(format!("support {t:?} shows {n}, which no count holds")),
                None => Ok(()),
            }
        }
    }
}
