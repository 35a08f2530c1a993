//! `warta-eval eval timeline`: story timelines as issue 18 item 7 scores them, measured only
//! (nothing here changes how timelines are built).
//!
//! 1. **Seed checks**: the seeds' stories and timelines built as `warta stories
//!    ../shared/seeds` builds them, held to fifteen checks. No document in the project lists
//!    "the seed bar's 15 checks"; these are the seed expectations that issues 6 and 18 state
//!    (three stories, titles, a lede, one name per person, the Far East summit and its
//!    August-2023 conflict in the story and in Kim Jong Un's timeline, a plan shown with its
//!    confirmation, the May 2024 / December 2024 / May 2025 entries, old events marked and kept
//!    apart as background, no "X berkunjung ke X", no junk participants), one check each.
//! 2. **Main events in timelines** on `../shared/data/events-gold`: stories are built over the
//!    detik set (`--scope all`, the 589 rows of `news-detik-2025/articles.csv`, default; or
//!    `--scope gold`, the 60 annotated articles only) in CSV order through the JSON Lines path
//!    of `warta analyze` (as `eval events --gold` feeds them), each story's timeline by
//!    `timeline::build` as `warta stories` does. A gold event is in the timeline when an entry of
//!    the story holding its article has its type (old names mapped as `eval events` maps them)
//!    and evidence from that article overlapping the gold sentence; each entry stands for at
//!    most one gold event of an article (the first unused entry in timeline order, as the events
//!    scorer takes the first unused prediction). Its date is right by `score_events.py`'s rule
//!    applied to the entry's date: equal to the gold date; where the gold date is null, no date,
//!    or the article's publication day when the article's own event behind the entry is dated
//!    by `date_source: "reference"`.
//! 3. **Bare statements**: the share of timeline entries of type `statement`, over all entries
//!    and as the mean of each story's share.
//! 4. **Copies counted as independent**: an entry whose `corroboration.reports` exceeds the
//!    number of distinct copy groups among its supporters (the document's `duplicates`, exact
//!    and near, as `warta stories` prints them; an article in no group is its own), or whose
//!    counts do not add up (`articles` = supporters, `reports + copies = articles`, the copy
//!    groups hold `copies` supporters).

use anyhow::{Context, Result, bail};
use serde_json::Value;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;
use warta_engine::analysis::{Analysis, DateSource, EventStatus, EventType};
use warta_engine::timeline::{self, EntityKey, Entry, Member};

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Scope {
    /// Stories over the whole detik set (589 articles), so stories gather several articles.
    All,
    /// Stories over the 60 annotated articles only (quicker; stories are mostly single articles).
    Gold,
}

#[derive(clap::Args)]
pub struct Args {
    /// The events-gold folder (default: DATA/events-gold).
    #[arg(long, value_name = "DIR")]
    pub gold: Option<PathBuf>,
    /// The seed articles (default: the seeds folder beside DATA, ../shared/seeds).
    #[arg(long, value_name = "DIR")]
    pub seeds: Option<PathBuf>,
    /// Which detik articles the stories are built over.
    #[arg(long, value_enum, default_value = "all")]
    pub scope: Scope,
    /// Print every main event missing from its story's timeline (for development).
    #[arg(long)]
    pub show_errors: bool,
    /// Write the report (markdown) to this file as well as printing it.
    #[arg(long, value_name = "FILE")]
    pub report: Option<PathBuf>,
    /// Write the detik stories document (`stories`, `duplicates`, as `warta stories` prints
    /// it) to this file (for development).
    #[arg(long, value_name = "FILE")]
    pub dump: Option<PathBuf>,
}

// ---------------------------------------------------------------------------------------------
// Scoring (pure).

/// One gold event as the timeline scorer reads it.
#[derive(Debug, Clone)]
pub struct GoldEvent {
    /// The gold type (the guideline's names).
    pub kind: String,
    /// Byte span of the gold sentence in the article's text (`score_events.py`: where the
    /// sentence is not found, `(-1, len - 1)`).
    pub span: (i64, i64),
    /// The gold date, null when the guideline gives none.
    pub date: Option<String>,
    pub main: bool,
}

impl GoldEvent {
    /// From one event of a gold file, against the article's text.
    pub fn from_json(ev: &Value, body: &str) -> GoldEvent {
        let sentence = ev["sentence"].as_str().unwrap_or("");
        let span = match body.find(sentence) {
            Some(i) => (i as i64, (i + sentence.len()) as i64),
            None => (-1, sentence.len() as i64 - 1),
        };
        GoldEvent {
            kind: ev["type"].as_str().unwrap_or("").to_string(),
            span,
            date: ev.get("date").and_then(Value::as_str).filter(|d| !d.is_empty()).map(str::to_string),
            main: ev["importance"].as_str() == Some("main"),
        }
    }
}

/// What became of one gold event in its story's timeline.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Found {
    /// An entry of the right type holds the article's evidence for it.
    pub typed: bool,
    /// ... and its date is right.
    pub dated: bool,
    /// ... and that entry is marked background.
    pub background: bool,
    /// That entry's index in the timeline.
    pub entry: Option<usize>,
}

/// Where `source`'s gold events are in `timeline` (aligned with `gold`). `reference_dated`:
/// the evidence spans of the article's own events dated by its publication day
/// (`date_source: "reference"`); `reference_date`: that day.
pub fn find_in_timeline(
    source: &str,
    reference_date: &str,
    gold: &[GoldEvent],
    timeline: &[Entry],
    reference_dated: &HashSet<(usize, usize)>,
) -> Vec<Found> {
    let mut used = vec![false; timeline.len()];
    gold.iter()
        .map(|g| {
            let hit = timeline.iter().enumerate().find_map(|(i, e)| {
                if used[i] || super::events_gold::alias(e.kind) != g.kind {
                    return None;
                }
                let ev = e
                    .evidence
                    .iter()
                    .find(|v| v.source == source && (v.start as i64) < g.span.1 && (v.end as i64) > g.span.0)?;
                Some((i, ev))
            });
            let Some((i, ev)) = hit else { return Found::default() };
            used[i] = true;
            let e = &timeline[i];
            let dated = match &g.date {
                Some(d) => e.date.as_deref() == Some(d.as_str()),
                None => {
                    e.date.is_none()
                        || (e.date.as_deref() == Some(reference_date) && reference_dated.contains(&(ev.start, ev.end)))
                }
            };
            Found { typed: true, dated, background: e.background, entry: Some(i) }
        })
        .collect()
}

/// Counts of gold events found in timelines.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Recall {
    pub gold: usize,
    pub typed: usize,
    pub dated: usize,
    /// Found with the right type in an entry marked background.
    pub background: usize,
}

impl Recall {
    pub fn add(&mut self, f: Found) {
        self.gold += 1;
        self.typed += usize::from(f.typed);
        self.dated += usize::from(f.dated);
        self.background += usize::from(f.background);
    }
}

fn ratio(n: usize, d: usize) -> f64 {
    if d == 0 { 0.0 } else { n as f64 / d as f64 }
}

/// Bare statements: entries of type `statement` overall and each story's share averaged over
/// the stories that have entries. Returns (statements, entries, mean share, stories counted).
pub fn statement_share(timelines: &[&[Entry]]) -> (usize, usize, f64, usize) {
    let (mut st, mut all, mut sum, mut n) = (0, 0, 0.0, 0);
    for t in timelines.iter().filter(|t| !t.is_empty()) {
        let s = t.iter().filter(|e| e.kind == EventType::Statement).count();
        st += s;
        all += t.len();
        sum += ratio(s, t.len());
        n += 1;
    }
    (st, all, if n == 0 { 0.0 } else { sum / n as f64 }, n)
}

/// How an entry's corroboration treats copies, against copy groups given apart
/// (`group_of`: source → its duplicate group; a source in none is its own report).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CopyCheck {
    /// Distinct original reports among the supporters by `group_of`.
    pub independent: usize,
    /// `corroboration.reports` is larger: a copy counted as an independent supporter.
    pub copy_counted: bool,
    /// The counts do not add up (articles ≠ supporters, reports + copies ≠ articles, or the
    /// copy groups do not hold `copies` supporters).
    pub inconsistent: bool,
}

pub fn check_copies(e: &Entry, group_of: &HashMap<&str, usize>) -> CopyCheck {
    let sup: BTreeSet<&str> = e.supported_by.iter().map(String::as_str).collect();
    let groups: BTreeSet<Result<usize, &str>> = sup.iter().map(|s| group_of.get(s).copied().ok_or(*s)).collect();
    let c = &e.corroboration;
    let in_groups: usize = c.copy_groups.iter().map(|g| g.copies.len()).sum();
    let members_ok = c
        .copy_groups
        .iter()
        .all(|g| sup.contains(g.original.as_str()) && g.copies.iter().all(|s| sup.contains(s.as_str())));
    CopyCheck {
        independent: groups.len(),
        copy_counted: c.reports > groups.len(),
        inconsistent: c.articles != sup.len()
            || c.reports + c.copies != c.articles
            || in_groups != c.copies
            || !members_ok,
    }
}

/// An article's own events, each as an entry of its own (no merging): what the events stage
/// gives before timelines, scored by the same rule for comparison.
pub fn own_entries(a: &Analysis) -> Vec<Entry> {
    a.events
        .iter()
        .filter_map(|e| {
            serde_json::from_value(serde_json::json!({
                "date": e.date, "type": e.kind, "summary": "", "participants": [], "participant_kb": [],
                "place": e.place, "supported_by": [a.source], "outlets": [], "status": e.status,
                "statuses": [], "conflicts": [], "background": e.background,
                "evidence": [{"source": a.source, "start": e.evidence.start, "end": e.evidence.end, "text": ""}],
            }))
            .ok()
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Seed checks (pure over the stories' JSON as `warta stories` prints them).

/// One seed story: its JSON (as `warta stories` prints it, `timeline` filled) and the seed
/// numbers (`000`...) of its articles.
pub struct SeedStory {
    pub json: Value,
    pub seeds: Vec<String>,
}

impl SeedStory {
    fn entries(&self, key: &str) -> Vec<Entry> {
        self.json
            .get(key)
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(|v| serde_json::from_value(v.clone()).ok())
            .collect()
    }
    /// The main axis (`timeline`).
    fn timeline(&self) -> Vec<Entry> {
        self.entries("timeline")
    }
    /// Every entry, a separate background list included (where the document has one).
    fn all_entries(&self) -> Vec<Entry> {
        let mut v = self.timeline();
        v.extend(self.entries("background"));
        v
    }
    fn has(&self, seed: &str) -> bool {
        self.seeds.iter().any(|s| s == seed)
    }
}

/// One check's outcome.
#[derive(Debug, Clone)]
pub struct Check {
    pub name: &'static str,
    pub what: &'static str,
    pub pass: bool,
    pub found: String,
}

fn is_kim(n: &str) -> bool {
    let n = n.to_lowercase();
    n.contains("kim jong") || n == "kim" || n == "pemimpin kim"
}

fn is_putin(n: &str) -> bool {
    n.to_lowercase().contains("putin")
}

fn summit(e: &Entry) -> bool {
    e.kind == EventType::Meeting
        && e.date.as_deref() == Some("2023-09-13")
        && e.participants.iter().any(|p| is_kim(p))
        && e.participants.iter().any(|p| is_putin(p))
}

fn summit_conflict(e: &Entry) -> bool {
    summit(e) && e.conflicts.iter().any(|c| c.value.as_deref().is_some_and(|v| v.starts_with("2023-08")))
}

/// The last day of a TIMEX3 year, month or day value.
fn period_end(v: &str) -> Option<jiff::civil::Date> {
    let parts: Vec<&str> = v.split('-').collect();
    let year: i16 = parts.first()?.parse().ok()?;
    match parts.len() {
        1 if v.len() == 4 => jiff::civil::Date::new(year, 12, 31).ok(),
        2 => {
            let m: i8 = parts[1].parse().ok()?;
            jiff::civil::Date::new(year, m, 1).ok().map(|d| d.last_of_month())
        }
        3 => v.parse().ok(),
        _ => None,
    }
}

fn first_date(s: &SeedStory) -> Option<jiff::civil::Date> {
    s.json.get("first_date").and_then(Value::as_str).and_then(|d| d.parse().ok())
}

const JUNK: [&str; 8] = ["tonton", "baca", "simak", "lihat", "sementara", "advertisement", "scroll", "video"];

/// The fifteen seed checks over the seed stories and Kim Jong Un's entity timeline.
pub fn seed_checks(stories: &[SeedStory], kim: &[Entry]) -> Vec<Check> {
    let mut out = Vec::new();
    let mut check = |name, what, pass, found: String| out.push(Check { name, what, pass, found });
    let story_with = |seed: &str| stories.iter().find(|s| s.has(seed));
    let all: Vec<Entry> = stories.iter().flat_map(|s| s.all_entries()).collect();

    // 1. three stories
    let mut groups: Vec<Vec<String>> = stories
        .iter()
        .map(|s| {
            let mut v = s.seeds.clone();
            v.sort();
            v
        })
        .collect();
    groups.sort();
    let want = [vec!["000"], vec!["001", "003"], vec!["002", "004"]];
    check(
        "three stories",
        "the seeds form three stories: 000 / 001+003 / 002+004 (issue 6 §2)",
        groups.len() == 3 && groups.iter().zip(&want).all(|(g, w)| g == w),
        format!("{groups:?}"),
    );
    // 2. titles
    let untitled = stories
        .iter()
        .filter(|s| s.json.get("title").and_then(Value::as_str).is_none_or(|t| t.trim().is_empty()))
        .count();
    check(
        "titles",
        "every story has a title (issue 18 §5)",
        untitled == 0 && !stories.is_empty(),
        format!("{untitled} of {} stories untitled", stories.len()),
    );
    // 3. lede
    let with_lede = stories
        .iter()
        .filter(|s| s.json.get("lede").and_then(Value::as_str).is_some_and(|t| !t.trim().is_empty()))
        .count();
    check(
        "lede",
        "every story has a one-paragraph lede built from its main entries (issue 18 §5)",
        with_lede == stories.len() && !stories.is_empty(),
        format!("{with_lede} of {} stories have a `lede`", stories.len()),
    );
    // 4. one name per person
    let names = |f: fn(&str) -> bool| -> BTreeSet<String> {
        all.iter().chain(kim).flat_map(|e| e.participants.iter()).filter(|p| f(p)).cloned().collect()
    };
    let (kims, putins) = (names(is_kim), names(is_putin));
    check(
        "one name per person",
        "Kim Jong Un and Putin each appear under one name in every seed timeline (issue 18 §6)",
        kims.len() == 1 && putins.len() == 1,
        format!("Kim as {kims:?}; Putin as {putins:?}"),
    );
    // 5. the summit in its story
    let s3 = story_with("002");
    let found = s3.map(|s| s.timeline().iter().filter(|e| summit(e)).count()).unwrap_or(0);
    check(
        "summit in story",
        "the story of 002/004 has the Kim–Putin meeting on 2023-09-13 (issue 6 §3)",
        found >= 1,
        format!("{found} such entries in the story of 002"),
    );
    // 6. the summit's conflict in a story timeline
    let in_story: Vec<String> =
        stories.iter().filter(|s| s.all_entries().iter().any(summit_conflict)).map(|s| s.seeds.join("+")).collect();
    check(
        "summit conflict in story",
        "a story timeline shows the summit on 2023-09-13 with 000's August 2023 as a date conflict (issue 18 §4)",
        !in_story.is_empty(),
        if in_story.is_empty() {
            "in no story timeline".to_string()
        } else {
            format!("in the story of {}", in_story.join(", "))
        },
    );
    // 7. ... and in Kim Jong Un's entity timeline
    let k = kim.iter().find(|e| summit_conflict(e));
    check(
        "summit conflict in entity timeline",
        "Kim Jong Un's timeline across stories shows the same conflict (issue 6 §3)",
        k.is_some(),
        match k {
            Some(e) => {
                format!("supported by {}", e.supported_by.iter().map(|s| seed_number(s)).collect::<Vec<_>>().join(", "))
            }
            None => "not found".to_string(),
        },
    );
    // 8. a plan with its confirmation
    let plan = all.iter().find(|e| {
        let pos = |f: fn(EventStatus) -> bool| e.statuses.iter().position(|s| f(s.status));
        let planned = pos(|s| matches!(s, EventStatus::Planned | EventStatus::Speculated));
        let later = e.statuses.iter().rposition(|s| matches!(s.status, EventStatus::Confirmed | EventStatus::Reported));
        matches!((planned, later), (Some(p), Some(l)) if p < l)
    });
    check(
        "plan then confirmation",
        "a plan reported in one article and confirmed by a later one shows both statuses, in date order (issue 6 §3)",
        plan.is_some(),
        match plan {
            Some(e) => format!(
                "{} ({})",
                e.summary,
                e.statuses.iter().map(|s| s.status.as_str()).collect::<Vec<_>>().join(" → ")
            ),
            None => "no entry reads planned → confirmed".to_string(),
        },
    );
    // 9–11. the three entries issue 18 names as missing
    for (name, what, seed, month) in [
        ("May 2024 entry", "the story of 003 has an entry in May 2024 (issue 18)", "003", "2024-05"),
        ("December 2024 entry", "the story of 000 has an entry in December 2024 (issue 18)", "000", "2024-12"),
        ("May 2025 entry", "the story of 000 has an entry in May 2025 (issue 18)", "000", "2025-05"),
    ] {
        let hits: Vec<String> = story_with(seed)
            .map(|s| {
                s.all_entries()
                    .iter()
                    .filter(|e| e.date.as_deref().is_some_and(|d| d.starts_with(month)))
                    .map(|e| e.summary.clone())
                    .collect()
            })
            .unwrap_or_default();
        check(name, what, !hits.is_empty(), if hits.is_empty() { "none".to_string() } else { hits.join("; ") });
    }
    // 12. old events are background
    let (mut old, mut old_bg) = (0, 0);
    for s in stories {
        let Some(first) = first_date(s) else { continue };
        for e in s.all_entries() {
            if let Some(end) = e.date.as_deref().and_then(period_end)
                && (first - end).get_days() > 365
            {
                old += 1;
                old_bg += usize::from(e.background);
            }
        }
    }
    check(
        "old events are background",
        "entries more than a year before their story's first article (2019, 1945) are marked background (issue 6 §3)",
        old > 0 && old == old_bg,
        format!("{old_bg} of {old} such entries marked background"),
    );
    // 13. background apart from the main axis
    let on_axis: usize = stories.iter().map(|s| s.timeline().iter().filter(|e| e.background).count()).sum();
    check(
        "background apart",
        "background entries are kept in a separate list, not on the story's main axis (issue 18 §5)",
        on_axis == 0,
        format!("{on_axis} background entries in `timeline`"),
    );
    // 14. no "X berkunjung ke X"
    let self_place: Vec<String> = all
        .iter()
        .filter(|e| {
            e.place.as_deref().is_some_and(|p| !e.participants.is_empty() && e.participants.iter().all(|x| x == p))
        })
        .map(|e| e.summary.clone())
        .collect();
    check(
        "no self-place noise",
        "no entry whose only participant is its own place (\"Vietnam berkunjung ke Vietnam\", issue 5/6)",
        self_place.is_empty(),
        if self_place.is_empty() { "none".to_string() } else { self_place.join("; ") },
    );
    // 15. no junk participants
    let junk: BTreeSet<String> = all
        .iter()
        .flat_map(|e| e.participants.iter())
        .filter(|p| {
            let first = p.split_whitespace().next().unwrap_or("").to_lowercase();
            !p.chars().any(char::is_uppercase) || JUNK.contains(&first.as_str())
        })
        .cloned()
        .collect();
    check(
        "no junk participants",
        "no participant is a common word or page chrome (\"Tonton\", \"sementara\"; issue 18 §6)",
        junk.is_empty(),
        if junk.is_empty() { "none".to_string() } else { format!("{junk:?}") },
    );
    out
}

// ---------------------------------------------------------------------------------------------
// Running it.

/// One detik row.
struct Row {
    source: String,
    title: String,
    url: String,
    published: String,
    reference: String,
    body: String,
}

fn read_rows(csv_path: &Path) -> Result<Vec<Row>> {
    let raw = std::fs::read_to_string(csv_path).with_context(|| format!("reading {}", csv_path.display()))?;
    let rows = warta_engine::csv::parse(&raw);
    let Some(header) = rows.first() else { bail!("{}: empty CSV", csv_path.display()) };
    let col = |name: &str| header.iter().position(|h| h == name).with_context(|| format!("no column {name}"));
    let (id_c, title_c, url_c, date_c, body_c) =
        (col("id")?, col("judul")?, col("tautan")?, col("tanggal")?, col("isi_berita")?);
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for r in &rows[1..] {
        let cell = |c: usize| r.get(c).map_or("", |s| s.as_str());
        let source = format!("detik-{}", cell(id_c));
        if !seen.insert(source.clone()) {
            continue;
        }
        let (published, reference) =
            super::events_gold::published_iso(cell(date_c)).with_context(|| format!("{source}: bad tanggal"))?;
        out.push(Row {
            source,
            title: cell(title_c).trim().to_string(),
            url: cell(url_c).to_string(),
            published,
            reference,
            body: cell(body_c).trim().to_string(),
        });
    }
    Ok(out)
}

/// One row through the JSON Lines path of `warta analyze` (as `eval events --gold`).
fn analyse(r: &Row) -> Result<Analysis> {
    let record = serde_json::json!({"source": r.source, "url": r.url, "title": r.title, "published": r.published, "text": r.body});
    let doc = warta_sources::jsonl::parse_line(&record.to_string(), "detik", 1)
        .map_err(|e| anyhow::anyhow!("{}: {}", e.source, e.message))?
        .context("empty record")?;
    let (a, _) = crate::inputs::analyze_item(
        crate::inputs::Item::Record(Box::new(doc)),
        &crate::inputs::html_options(),
        &warta_engine::Options::default(),
    )
    .map_err(|e| anyhow::anyhow!("{}: {}", e.source, e.message))?;
    Ok(a)
}

/// Stories over `analyses` (in order) as `warta stories` builds them: the story engine with
/// its defaults, each story's timeline by `timeline::build` over its members in story order.
/// Returns each story's JSON and typed timeline, and the duplicate groups.
fn stories_of(analyses: &[Analysis]) -> (Vec<(Value, Vec<Entry>)>, Vec<warta_engine::stories::Duplicates>) {
    let mut engine = warta_engine::stories::Engine::new(warta_engine::stories::Config::default());
    for a in analyses {
        engine.add(a);
    }
    let by_source: HashMap<&str, &Analysis> = analyses.iter().map(|a| (a.source.as_str(), a)).collect();
    let mut stories = engine.stories();
    let all: Vec<&Analysis> = analyses.iter().collect();
    warta_engine::stories::tell_all(&mut stories, &all);
    let mut out = Vec::new();
    for story in stories {
        let members: Vec<&Analysis> =
            story.articles.iter().filter_map(|s| by_source.get(s.as_str()).copied()).collect();
        let t = timeline::build(&members);
        out.push((serde_json::to_value(&story).expect("stories serialise"), t));
    }
    (out, engine.duplicates())
}

fn seed_number(source: &str) -> String {
    let name = Path::new(source).file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    name.chars().take(3).collect()
}

fn run_seeds(dir: &Path) -> Result<Vec<Check>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .with_context(|| format!("reading {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    let mut analyses = Vec::new();
    for item in crate::inputs::items(&files, &crate::inputs::source_options()) {
        let item = item.map_err(|e| anyhow::anyhow!("{}: {}", e.source, e.message))?;
        let (a, _) =
            crate::inputs::analyze_item(item, &crate::inputs::html_options(), &warta_engine::Options::default())
                .map_err(|e| anyhow::anyhow!("{}: {}", e.source, e.message))?;
        analyses.push(a);
    }
    let (stories, _) = stories_of(&analyses);
    let seeds: Vec<SeedStory> = stories
        .into_iter()
        .map(|(json, _)| {
            let seeds =
                json["articles"].as_array().into_iter().flatten().filter_map(Value::as_str).map(seed_number).collect();
            SeedStory { json, seeds }
        })
        .collect();
    let ids: Vec<String> = seeds.iter().map(|s| s.json["id"].as_str().unwrap_or("").to_string()).collect();
    let story_of: HashMap<String, &str> = seeds
        .iter()
        .zip(&ids)
        .flat_map(|(s, id)| {
            s.json["articles"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .map(move |a| (a.to_string(), id.as_str()))
        })
        .collect();
    let members: Vec<Member> =
        analyses.iter().map(|a| Member { analysis: a, story: story_of.get(&a.source).copied() }).collect();
    let kim = timeline::for_entity(&members, &EntityKey::resolve("Kim Jong Un"));
    Ok(seed_checks(&seeds, &kim))
}

pub fn run(data: &Path, args: &Args) -> Result<ExitCode> {
    let gold_dir = args.gold.clone().unwrap_or_else(|| data.join("events-gold"));
    let seeds_dir = args.seeds.clone().unwrap_or_else(|| data.join("../seeds"));
    let mut md = String::new();
    md += "# Timelines (issue 18 item 7)\n\n";
    #[cfg(debug_assertions)]
    {
        md += "Build: debug\n\n";
    }

    // Seeds
    let checks = run_seeds(&seeds_dir)?;
    let passed = checks.iter().filter(|c| c.pass).count();
    let _ = writeln!(md, "## Seed checks: {passed} of {} pass\n", checks.len());
    md += "Stories and timelines of `../shared/seeds` as `warta stories` builds them, and Kim Jong Un's timeline across them.\n\n";
    md += "| # | check | | found |\n|---|---|---|---|\n";
    for (i, c) in checks.iter().enumerate() {
        let found = c.found.replace('|', "\\|");
        let _ = writeln!(
            md,
            "| {} | {}: {} | {} | {} |",
            i + 1,
            c.name,
            c.what,
            if c.pass { "pass" } else { "**fail**" },
            found
        );
    }
    md += "\n";

    // Detik
    let gold_files = {
        let g = if gold_dir.join("gold").is_dir() { gold_dir.join("gold") } else { gold_dir.clone() };
        let mut v: Vec<PathBuf> = std::fs::read_dir(&g)
            .with_context(|| format!("reading {}", g.display()))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .collect();
        v.sort();
        v
    };
    let mut golds: HashMap<String, Value> = HashMap::new();
    for f in &gold_files {
        let g: Value =
            serde_json::from_str(&std::fs::read_to_string(f)?).with_context(|| format!("{}", f.display()))?;
        let id = g["id"].as_str().with_context(|| format!("{}: no id", f.display()))?.to_string();
        golds.insert(id, g);
    }
    let csv = [gold_dir.join("../news-detik-2025/articles.csv"), data.join("news-detik-2025/articles.csv")]
        .into_iter()
        .find(|p| p.exists())
        .unwrap_or_else(|| data.join("news-detik-2025/articles.csv"));
    let mut rows = read_rows(&csv)?;
    if args.scope == Scope::Gold {
        rows.retain(|r| golds.contains_key(&r.source));
    }
    let missing: Vec<&String> = golds.keys().filter(|id| !rows.iter().any(|r| &r.source == *id)).collect();
    if !missing.is_empty() {
        bail!("gold articles not in {}: {missing:?}", csv.display());
    }
    let t0 = Instant::now();
    let analyses: Vec<Analysis> = rows.iter().map(analyse).collect::<Result<_>>()?;
    let t_analyse = t0.elapsed().as_secs_f64();
    let t1 = Instant::now();
    let (stories, duplicates) = stories_of(&analyses);
    let t_stories = t1.elapsed().as_secs_f64();
    if let Some(p) = &args.dump {
        let doc = serde_json::json!({"stories": stories.iter().map(|(j, _)| j).collect::<Vec<_>>(), "duplicates": duplicates});
        std::fs::write(p, serde_json::to_string_pretty(&doc)?).with_context(|| format!("writing {}", p.display()))?;
    }

    let story_of: HashMap<&str, usize> = stories
        .iter()
        .enumerate()
        .flat_map(|(i, (j, _))| {
            j["articles"].as_array().into_iter().flatten().filter_map(Value::as_str).map(move |a| (a, i))
        })
        .collect();
    let mut main = Recall::default();
    let mut every = Recall::default();
    let (mut own_main, mut own_every) = (Recall::default(), Recall::default());
    let mut errors = Vec::new();
    let mut gold_stories = BTreeSet::new();
    let mut gold_story_sizes = Vec::new();
    for (r, a) in rows.iter().zip(&analyses) {
        let Some(g) = golds.get(&r.source) else { continue };
        let Some(&si) = story_of.get(a.source.as_str()) else { bail!("{}: in no story", a.source) };
        if gold_stories.insert(si) {
            gold_story_sizes.push(stories[si].0["articles"].as_array().map_or(0, Vec::len));
        }
        let events: Vec<GoldEvent> =
            g["events"].as_array().into_iter().flatten().map(|e| GoldEvent::from_json(e, &r.body)).collect();
        let refd: HashSet<(usize, usize)> = a
            .events
            .iter()
            .filter(|e| e.date_source == DateSource::Reference)
            .map(|e| (e.evidence.start, e.evidence.end))
            .collect();
        let found = find_in_timeline(&a.source, &r.reference, &events, &stories[si].1, &refd);
        let own = find_in_timeline(&a.source, &r.reference, &events, &own_entries(a), &refd);
        for ((ev, f), o) in events.iter().zip(found).zip(own) {
            every.add(f);
            own_every.add(o);
            if args.show_errors && !ev.main && ((o.typed && !f.typed) || (o.dated && !f.dated)) {
                errors.push(format!(
                    "{} secondary {} {:?}: {} by the timeline (the article's own event {:?})",
                    r.source,
                    ev.kind,
                    ev.date,
                    match f.entry.map(|i| &stories[si].1[i]) {
                        Some(e) => format!("date {:?} given, supported by {:?},", e.date, e.supported_by),
                        None => "lost".to_string(),
                    },
                    o.entry.map(|i| own_entries(a)[i].date.clone()),
                ));
            }
            if ev.main {
                main.add(f);
                own_main.add(o);
                if args.show_errors && !f.dated {
                    errors.push(format!(
                        "{} main {} {:?}: {}{}",
                        r.source,
                        ev.kind,
                        ev.date,
                        match f.entry.map(|i| &stories[si].1[i]) {
                            Some(e) => format!("wrong date: entry {:?} supported by {:?}", e.date, e.supported_by),
                            None => "not in the timeline".to_string(),
                        },
                        match (o.typed, o.dated) {
                            (true, true) => "; the article's own event had it right",
                            (true, false) => "; the article's own event had the type, not the date",
                            _ => "; no event of the article has it",
                        }
                    ));
                }
            }
        }
    }
    let timelines: Vec<&[Entry]> = stories.iter().map(|(_, t)| t.as_slice()).collect();
    let gold_timelines: Vec<&[Entry]> = gold_stories.iter().map(|&i| stories[i].1.as_slice()).collect();
    let (st, n, mean, ns) = statement_share(&timelines);
    let (gst, gn, gmean, gns) = statement_share(&gold_timelines);
    let mut group_of: HashMap<&str, usize> = HashMap::new();
    for (i, d) in duplicates.iter().enumerate() {
        for s in &d.articles {
            group_of.insert(s.as_str(), i);
        }
    }
    let (mut several, mut with_copies, mut counted, mut inconsistent, mut copies) = (0, 0, 0, 0, 0);
    for t in &timelines {
        for e in t.iter() {
            let c = check_copies(e, &group_of);
            several += usize::from(e.supported_by.len() > 1);
            with_copies += usize::from(c.independent < e.supported_by.len());
            counted += usize::from(c.copy_counted);
            inconsistent += usize::from(c.inconsistent);
            copies += e.corroboration.copies;
        }
    }
    let multi = stories.iter().filter(|(j, _)| j["articles"].as_array().map_or(0, Vec::len) > 1).count();

    let scope = match args.scope {
        Scope::All => "the whole detik set",
        Scope::Gold => "the 60 annotated articles only",
    };
    let _ = writeln!(md, "## events-gold: main events in their story's timeline\n");
    let _ = writeln!(
        md,
        "Stories over {scope}: {} articles → {} stories ({multi} with two or more articles); the {} annotated articles sit in {} stories of {:.1} articles on average. Analysis {t_analyse:.1} s, stories and timelines {t_stories:.1} s.\n",
        rows.len(),
        stories.len(),
        golds.len(),
        gold_stories.len(),
        ratio(gold_story_sizes.iter().sum(), gold_story_sizes.len()),
    );
    md += "| measure | found | gold | recall | target |\n|---|---|---|---|---|\n";
    for (label, found, gold, target) in [
        ("main events, right type and date", main.dated, main.gold, "≥ 0.75"),
        ("main events, right type (any date)", main.typed, main.gold, ""),
        ("all events, right type and date", every.dated, every.gold, ""),
        ("all events, right type (any date)", every.typed, every.gold, ""),
    ] {
        let _ = writeln!(md, "| {label} | {found} | {gold} | {:.3} | {target} |", ratio(found, gold));
    }
    let _ = writeln!(
        md,
        "| main events among the articles' own events (before timelines, same rule) | {} / {} | {} | {:.3} / {:.3} | |",
        own_main.dated,
        own_main.typed,
        own_main.gold,
        ratio(own_main.dated, own_main.gold),
        ratio(own_main.typed, own_main.gold)
    );
    let _ = writeln!(
        md,
        "| all events among the articles' own events (before timelines, same rule) | {} / {} | {} | {:.3} / {:.3} | |",
        own_every.dated,
        own_every.typed,
        own_every.gold,
        ratio(own_every.dated, own_every.gold),
        ratio(own_every.typed, own_every.gold)
    );
    md += "\nThe last two rows (right date / right type) are the events stage's own output scored the same way (as `eval events --gold` matches), so the difference is what building timelines changes.\n";
    let _ = writeln!(md, "\nMain events found in an entry marked background: {} of {}.\n", main.background, main.typed);
    md += "## Bare statements\n\n| timelines | statement entries | entries | share | mean share per story | target |\n|---|---|---|---|---|---|\n";
    let _ = writeln!(md, "| every story ({ns} with entries) | {st} | {n} | {:.3} | {mean:.3} | ≤ 0.25 |", ratio(st, n));
    let _ = writeln!(
        md,
        "| stories holding an annotated article ({gns} with entries) | {gst} | {gn} | {:.3} | {gmean:.3} | |",
        ratio(gst, gn)
    );
    let events = analyses.iter().map(|a| a.events.len()).sum::<usize>();
    let unplaced = analyses.iter().flat_map(|a| &a.events).filter(|e| timeline::unplaced(e)).count();
    let _ = writeln!(
        md,
        "\nEvents that make no entry because they tell no date, no party and no place (`timeline::unplaced`): {unplaced} of {events}."
    );
    md += "\n## Copies among supporters\n\n";
    let _ = writeln!(
        md,
        "Against the document's {} duplicate groups (exact and near): {several} entries have two or more supporters, {with_copies} of them include copies ({copies} copies listed in `corroboration`).\n",
        duplicates.len()
    );
    md += "| measure | count | target |\n|---|---|---|\n";
    let _ = writeln!(
        md,
        "| entries counting a copy as an independent supporter (`reports` > distinct copy groups) | {counted} | 0 |"
    );
    let _ = writeln!(md, "| entries whose corroboration counts do not add up | {inconsistent} | 0 |");
    print!("{md}");
    if args.show_errors {
        for e in &errors {
            println!("{e}");
        }
    }
    if let Some(p) = &args.report {
        std::fs::write(p, &md).with_context(|| format!("writing {}", p.display()))?;
    }
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// A timeline entry from the fields a test cares about (the rest empty).
    fn entry(kind: &str, date: Option<&str>, evidence: &[(&str, usize, usize)], extra: Value) -> Entry {
        let mut v = json!({
            "date": date, "type": kind, "summary": "s", "participants": [], "participant_kb": [],
            "place": null, "supported_by": evidence.iter().map(|e| e.0).collect::<Vec<_>>(), "outlets": [],
            "status": "confirmed", "statuses": [], "conflicts": [], "background": false,
            "evidence": evidence.iter().map(|(s, a, b)| json!({"source": s, "start": a, "end": b, "text": ""})).collect::<Vec<_>>(),
        });
        for (k, x) in extra.as_object().unwrap() {
            v[k] = x.clone();
        }
        serde_json::from_value(v).unwrap()
    }

    fn gold(kind: &str, span: (i64, i64), date: Option<&str>) -> GoldEvent {
        GoldEvent { kind: kind.into(), span, date: date.map(Into::into), main: true }
    }

    #[test]
    fn gold_sentences_are_found_by_byte_offset() {
        let body = "Wali kota meresmikan jembatan. Ia berkata jembatan itu kuat.";
        let g = GoldEvent::from_json(
            &json!({"type": "statement", "sentence": "Ia berkata jembatan itu kuat.", "importance": "main", "date": null}),
            body,
        );
        assert_eq!(g.span, (31, 60));
        assert!(g.main && g.date.is_none());
        let missing = GoldEvent::from_json(&json!({"type": "visit", "sentence": "Tidak ada.", "date": ""}), body);
        assert_eq!(missing.span, (-1, 9));
        assert!(!missing.main && missing.date.is_none());
    }

    #[test]
    fn an_entry_matches_by_type_own_evidence_and_date() {
        let t = vec![
            entry("visit", Some("2025-03-01"), &[("b", 0, 40), ("a", 100, 140)], json!({})),
            entry("meeting", Some("2025-03-02"), &[("a", 150, 190)], json!({})),
            entry("announcement", None, &[("a", 200, 230)], json!({})),
        ];
        let none = HashSet::new();
        let g = [
            gold("visit", (90, 120), Some("2025-03-01")), // right type, overlaps a's evidence, right date
            gold("meeting", (150, 190), Some("2025-03-05")), // right type, wrong date
            gold("statement", (195, 205), None),          // announcement is a statement; undated both
            gold("visit", (0, 40), Some("2025-03-01")),   // b's evidence only: not a's
            gold("visit", (100, 140), Some("2025-03-01")), // the visit entry is used already
        ];
        let f = find_in_timeline("a", "2025-03-10", &g, &t, &none);
        let got: Vec<(bool, bool)> = f.iter().map(|f| (f.typed, f.dated)).collect();
        assert_eq!(got, [(true, true), (true, false), (true, true), (false, false), (false, false)]);
    }

    #[test]
    fn an_undated_gold_event_accepts_the_publication_day_only_when_reference_dated() {
        let t = vec![entry("disaster", Some("2025-03-10"), &[("a", 0, 50)], json!({"background": true}))];
        let g = [gold("disaster", (10, 20), None)];
        let plain = find_in_timeline("a", "2025-03-10", &g, &t, &HashSet::new());
        assert_eq!(plain[0], Found { typed: true, dated: false, background: true, entry: Some(0) });
        let refd: HashSet<(usize, usize)> = [(0, 50)].into();
        assert!(find_in_timeline("a", "2025-03-10", &g, &t, &refd)[0].dated);
        assert!(!find_in_timeline("a", "2025-03-11", &g, &t, &refd)[0].dated);
        let mut r = Recall::default();
        r.add(plain[0]);
        r.add(Found::default());
        assert_eq!(r, Recall { gold: 2, typed: 1, dated: 0, background: 1 });
    }

    #[test]
    fn statement_share_overall_and_per_story() {
        let s = entry("statement", None, &[("a", 0, 1)], json!({}));
        let v = entry("visit", None, &[("a", 0, 1)], json!({}));
        let one = vec![s.clone(), s.clone(), s.clone(), v.clone()];
        let two = vec![v.clone(), v];
        let (st, n, mean, stories) = statement_share(&[&one, &two, &[]]);
        assert_eq!((st, n, stories), (3, 6, 2));
        assert!((mean - 0.375).abs() < 1e-9);
    }

    #[test]
    fn a_copy_counted_as_a_report_is_caught() {
        let groups: HashMap<&str, usize> = [("a", 0), ("b", 0), ("c", 1), ("d", 1)].into();
        let sup = [("a", 0, 1), ("b", 0, 1), ("e", 0, 1)];
        let honest = entry(
            "visit",
            None,
            &sup,
            json!({"corroboration": {"outlets": 1, "articles": 3, "reports": 2, "copies": 1,
                "copy_groups": [{"original": "a", "copies": ["b"], "kind": "exact", "outlets": []}]}}),
        );
        assert_eq!(
            check_copies(&honest, &groups),
            CopyCheck { independent: 2, copy_counted: false, inconsistent: false }
        );
        let counted = entry(
            "visit",
            None,
            &sup,
            json!({"corroboration": {"outlets": 1, "articles": 3, "reports": 3, "copies": 0, "copy_groups": []}}),
        );
        assert_eq!(
            check_copies(&counted, &groups),
            CopyCheck { independent: 2, copy_counted: true, inconsistent: false }
        );
        let off = entry(
            "visit",
            None,
            &sup,
            json!({"corroboration": {"outlets": 1, "articles": 3, "reports": 2, "copies": 1, "copy_groups": []}}),
        );
        assert!(check_copies(&off, &groups).inconsistent);
    }

    #[test]
    fn seed_checks_on_a_made_up_story_set() {
        let summit_entry = json!({
            "date": "2023-09-13", "type": "meeting", "summary": "A bertemu B", "participants": ["Kim Jong Un", "Vladimir Putin"],
            "participant_kb": [null, null], "place": null, "supported_by": ["002"], "outlets": [], "status": "confirmed",
            "statuses": [{"status": "planned", "source": "004", "as_of": "2023-09-11"}, {"status": "confirmed", "source": "002", "as_of": "2023-09-13"}],
            "conflicts": [{"field": "date", "value": "2023-08", "precision": "month", "approximate": false, "sources": ["000"], "evidence": []}],
            "background": false, "evidence": [],
        });
        let old = json!({
            "date": "2019", "type": "visit", "summary": "lama", "participants": ["Kim Jong Un"], "participant_kb": [null],
            "place": "Vladivostok", "supported_by": ["004"], "outlets": [], "status": "confirmed", "statuses": [],
            "conflicts": [], "background": true, "evidence": [],
        });
        let story = |seeds: &[&str], timeline: Vec<Value>, first: &str| SeedStory {
            json: json!({"id": "s", "title": "Judul", "lede": "Ringkas.", "first_date": first, "timeline": timeline}),
            seeds: seeds.iter().map(|s| s.to_string()).collect(),
        };
        let stories = vec![
            story(&["000"], vec![], "2025-03-27"),
            story(&["001", "003"], vec![], "2024-06-12"),
            story(&["004", "002"], vec![summit_entry.clone()], "2023-09-11"),
        ];
        // background lives in a list of its own in this made-up document
        let mut stories = stories;
        stories[2].json["background"] = json!([old]);
        let kim: Vec<Entry> = vec![serde_json::from_value(summit_entry).unwrap()];
        let c = seed_checks(&stories, &kim);
        assert_eq!(c.len(), 15);
        let failed: Vec<&str> = c.iter().filter(|c| !c.pass).map(|c| c.name).collect();
        assert_eq!(failed, ["May 2024 entry", "December 2024 entry", "May 2025 entry"], "{c:#?}");
        // no story at all: everything that needs one fails
        let empty = seed_checks(&[], &[]);
        assert!(empty.iter().filter(|c| c.pass).count() <= 3, "{empty:#?}");
    }

    #[test]
    fn period_ends() {
        assert_eq!(period_end("2019"), Some(jiff::civil::date(2019, 12, 31)));
        assert_eq!(period_end("2024-02"), Some(jiff::civil::date(2024, 2, 29)));
        assert_eq!(period_end("2023-09-13"), Some(jiff::civil::date(2023, 9, 13)));
        assert_eq!(period_end("2024-W25"), None);
    }
}
