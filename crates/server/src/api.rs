//! The JSON API handlers. Each parses and checks its parameters (a 400 naming the bad one),
//! then does its store work on the blocking pool and shapes the answer; `?lang=` renders
//! summaries, dates and entity names through `warta_render`.

use crate::AppState;
pub use crate::error::ApiError;
use crate::limits::{self, FACET_SCOPE, MAX_LIMIT, MAX_PARAM_CHARS, MAX_STORIES_LIMIT};
use axum::Json;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::IntoResponse;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;
use warta_engine::analysis::{EntityKind, EventType};
use warta_render::Lang;
use warta_store::query::Hit;
use warta_store::saved::{Filters, NewSavedSearch};
use warta_store::{SearchQuery, SearchSort, Store, StorySort};

type ApiResult = Result<Json<Value>, ApiError>;

/// Query-string parameters, checked: only `allowed` names, each at most once and not too long.
struct Params(HashMap<String, String>);

impl Params {
    fn parse(raw: Option<String>, allowed: &[&str]) -> Result<Params, ApiError> {
        let raw = raw.unwrap_or_default();
        let pairs: Vec<(String, String)> =
            serde_urlencoded::from_str(&raw).map_err(|e| ApiError::bad(format!("malformed query string: {e}")))?;
        let mut out = HashMap::new();
        for (k, v) in pairs {
            if !allowed.contains(&k.as_str()) {
                return Err(ApiError::bad(format!(
                    "unknown parameter {k:?} (this route takes: {})",
                    if allowed.is_empty() { "none".to_string() } else { allowed.join(", ") }
                )));
            }
            if v.chars().count() > MAX_PARAM_CHARS {
                return Err(ApiError::bad(format!("parameter {k} is longer than {MAX_PARAM_CHARS} characters")));
            }
            if out.insert(k.clone(), v).is_some() {
                return Err(ApiError::bad(format!("parameter {k} given more than once")));
            }
        }
        Ok(Params(out))
    }

    fn get(&self, k: &str) -> Option<&str> {
        self.0.get(k).map(String::as_str)
    }

    /// `lang`: id (the default), en, zh, ja, ar, fr.
    fn lang(&self) -> Result<Lang, ApiError> {
        match self.get("lang") {
            None | Some("") => Ok(Lang::Id),
            Some(l) => Lang::parse(l)
                .ok_or_else(|| ApiError::bad(format!("unknown lang {l:?} (expected one of id, en, zh, ja, ar, fr)"))),
        }
    }
}

/// A story id: `s` and a positive number.
fn story_key(id: &str) -> Result<String, ApiError> {
    let ok = id.len() <= 19
        && id
            .strip_prefix('s')
            .is_some_and(|n| !n.is_empty() && !n.starts_with('0') && n.bytes().all(|b| b.is_ascii_digit()));
    if ok { Ok(id.to_string()) } else { Err(ApiError::bad(format!("not a story id (s1, s2, …): {id:?}"))) }
}

/// A numeric id (articles, entities): a positive whole number.
fn numeric_id(what: &str, id: &str) -> Result<i64, ApiError> {
    match id.parse::<i64>() {
        Ok(n) if n > 0 && !id.starts_with('+') => Ok(n),
        _ => Err(ApiError::bad(format!("not a {what} id (a positive whole number): {id:?}"))),
    }
}

fn lang_fields(o: &mut Map<String, Value>, lang: Lang) {
    o.insert("lang".into(), json!(lang));
    o.insert("dir".into(), json!(lang.dir()));
}

/// An entity's name in `lang`, as `warta_render::name` gives it (text, language, untranslated).
fn name_json(name: &str, kb: Option<&str>, lang: Lang) -> Value {
    json!(warta_render::name(name, kb, lang))
}

/// A published value (`2023-09-13`, `2023-09`, or with a time) as the locale writes it.
fn date_text(published: Option<&str>, lang: Lang) -> Option<String> {
    let p = published?;
    let day = p.get(..10).filter(|d| d.as_bytes().get(4) == Some(&b'-')).unwrap_or(p);
    Some(warta_render::format_date(day, lang))
}

/// `GET /api/stories`
pub async fn stories(State(state): State<Arc<AppState>>, RawQuery(raw): RawQuery) -> ApiResult {
    let p = Params::parse(raw, &["lang", "limit", "offset", "sort"])?;
    let lang = p.lang()?;
    let limit = p.get("limit").map(|v| limits::parse_count("limit", v, MAX_STORIES_LIMIT)).transpose()?.unwrap_or(100);
    let offset = p.get("offset").map(limits::parse_offset).transpose()?.unwrap_or(0);
    let sort = match p.get("sort") {
        None | Some("") => StorySort::Latest,
        Some(v) => StorySort::parse(v).ok_or_else(|| {
            let known: Vec<&str> = StorySort::ALL.iter().map(|s| s.as_str()).collect();
            ApiError::bad(format!("sort: expected one of {}, got {v:?}", known.join(", ")))
        })?,
    };
    let mut all = state.with_store(|s| Ok(s.stories()?)).await?;
    warta_store::sort_stories(&mut all, sort);
    let total = all.len();
    let shown = total.saturating_sub(offset).min(limit);
    let next = limits::next_offset(offset, shown, total);
    let stories: Vec<Value> = all
        .into_iter()
        .skip(offset)
        .take(limit)
        .map(|row| {
            let mut v = warta_render::render_story(&json!(row), lang);
            if let Some(o) = v.as_object_mut() {
                // The list carries no timelines (the story page does): no empty one, no headline.
                o.remove("timeline");
                o.remove("headline");
                o.insert("article_count".into(), json!(row.articles.len()));
            }
            v
        })
        .collect();
    Ok(Json(json!({
        "stories": stories, "total": total, "offset": offset, "limit": limit, "next": next, "sort": sort,
        "lang": lang, "dir": lang.dir(),
    })))
}

/// `GET /api/stories/{id}`
pub async fn story(State(state): State<Arc<AppState>>, Path(id): Path<String>, RawQuery(raw): RawQuery) -> ApiResult {
    let p = Params::parse(raw, &["lang"])?;
    let lang = p.lang()?;
    let key = story_key(&id)?;
    let v = state.with_store(move |s| story_json(s, &key, lang)).await?;
    Ok(Json(v))
}

/// `GET /api/stories/{id}/coverage`: the story's articles per day per outlet.
pub async fn story_coverage(
    State(state): State<Arc<AppState>>,
    Path(id): Path<String>,
    RawQuery(raw): RawQuery,
) -> ApiResult {
    // `lang` is accepted (the web app sends it everywhere); counts need no rendering.
    Params::parse(raw, &["lang"])?.lang()?;
    let key = story_key(&id)?;
    let v = state
        .with_store(move |s| {
            let Some(row) = s.story_row(&key)? else { return Err(ApiError::not_found(format!("no story {key}"))) };
            let members = s.story_members(&key)?.unwrap_or_default();
            let ids: Vec<i64> = members.iter().map(|(r, _)| r.id).collect();
            let mut v = json!(s.coverage(&ids)?);
            if let Some(o) = v.as_object_mut() {
                o.insert("story".into(), json!(key));
                o.insert("title".into(), json!(row.title));
            }
            Ok(v)
        })
        .await?;
    Ok(Json(v))
}

fn story_json(s: &Store, key: &str, lang: Lang) -> Result<Value, ApiError> {
    let Some(row) = s.story_row(key)? else { return Err(ApiError::not_found(format!("no story {key}"))) };
    let members = s.story_members(key)?.unwrap_or_default();
    let timeline = s.timeline(key)?;

    // Entities over the story's articles.
    struct Agg {
        kind: EntityKind,
        name: String,
        kb: Option<String>,
        articles: usize,
        mentions: usize,
    }
    let mut ents: BTreeMap<(EntityKind, String), Agg> = BTreeMap::new();
    // Quotes grouped by speaker: the speaker's (kind, name) link if resolved, and the quotes.
    type SpeakerQuotes = (Option<(EntityKind, String)>, Vec<Value>);
    let mut quotes: BTreeMap<String, SpeakerQuotes> = BTreeMap::new();
    for (art, a) in &members {
        for e in &a.entities {
            let kb = e.kb.clone();
            let g = ents.entry((e.kind, e.name.clone())).or_insert_with(|| Agg {
                kind: e.kind,
                name: e.name.clone(),
                kb: None,
                articles: 0,
                mentions: 0,
            });
            g.articles += 1;
            g.mentions += e.mentions.len();
            if g.kb.is_none() {
                g.kb = kb;
            }
        }
        for q in &a.quotes {
            let ent = q
                .speaker_entity
                .as_deref()
                .and_then(|sid| a.entities.iter().find(|e| e.id == sid))
                .map(|e| (e.kind, e.name.clone()));
            let speaker = ent.as_ref().map(|(_, n)| n.clone()).or_else(|| q.speaker.clone()).unwrap_or_default();
            let mut qv = serde_json::to_value(q).map_err(|e| ApiError::internal(e.to_string()))?;
            if let Some(o) = qv.as_object_mut() {
                o.insert("article".into(), json!(art.id));
                o.insert("source".into(), json!(art.source));
                o.insert("outlet".into(), json!(art.outlet));
                o.insert("title".into(), json!(art.title));
                o.insert("published".into(), json!(art.published));
            }
            let slot = quotes.entry(speaker).or_insert_with(|| (ent.clone(), Vec::new()));
            if slot.0.is_none() {
                slot.0 = ent;
            }
            slot.1.push(qv);
        }
    }
    let mut entities: Vec<Value> = Vec::with_capacity(ents.len());
    let mut ordered: Vec<Agg> = ents.into_values().collect();
    ordered.sort_by(|a, b| b.articles.cmp(&a.articles).then(b.mentions.cmp(&a.mentions)).then(a.name.cmp(&b.name)));
    let mut kb_of: HashMap<(EntityKind, String), Option<String>> = HashMap::new();
    for g in ordered {
        let id = s.entity_id(g.kind.as_str(), &g.name)?;
        entities.push(json!({
            "id": id, "name": g.name, "type": g.kind, "kb": g.kb,
            "name_text": name_json(&g.name, g.kb.as_deref(), lang),
            "articles": g.articles, "mentions": g.mentions,
        }));
        kb_of.insert((g.kind, g.name), g.kb);
    }
    /// The quotes of one speaker, as the story page lists them.
    #[derive(Serialize)]
    struct Speaker {
        speaker: Option<String>,
        speaker_text: Value,
        entity: Option<i64>,
        count: usize,
        quotes: Vec<Value>,
    }
    let mut speakers: Vec<Speaker> = Vec::new();
    for (speaker, (ent, qs)) in quotes {
        let (entity_id, speaker_text) = match &ent {
            Some((k, n)) => {
                let kb = kb_of.get(&(*k, n.clone())).cloned().flatten();
                (s.entity_id(k.as_str(), n)?, name_json(n, kb.as_deref(), lang))
            }
            None if speaker.is_empty() => (None, Value::Null),
            None => (None, name_json(&speaker, None, lang)),
        };
        speakers.push(Speaker {
            speaker: (!speaker.is_empty()).then_some(speaker),
            speaker_text,
            entity: entity_id,
            count: qs.len(),
            quotes: qs,
        });
    }
    // Named speakers first, most quoted first.
    speakers.sort_by(|a, b| a.speaker.is_none().cmp(&b.speaker.is_none()).then(b.count.cmp(&a.count)));

    let by_source: HashMap<&str, &warta_store::ArticleRef> =
        members.iter().map(|(r, _)| (r.source.as_str(), r)).collect();
    let mut entries = Vec::with_capacity(timeline.entries.len());
    for e in &timeline.entries {
        // The articles behind each entry, with their outlets and ids, a copy naming its
        // original (the engine's `corroboration.copy_groups`).
        let groups = e.corroboration.as_ref().map(|c| c.copy_groups.as_slice()).unwrap_or_default();
        let support: Vec<Value> = e
            .supported_by
            .iter()
            .map(|src| {
                let r = by_source.get(src.as_str());
                let copy_of = groups.iter().find(|g| g.copies.contains(src)).map(|g| g.original.as_str());
                json!({"source": src, "article": r.map(|r| r.id), "outlet": r.and_then(|r| r.outlet.clone()),
                    "title": r.and_then(|r| r.title.clone()), "copy_of": copy_of})
            })
            .collect();
        let mut v = serde_json::to_value(e).map_err(|e| ApiError::internal(e.to_string()))?;
        if let Some(eo) = v.as_object_mut() {
            eo.insert("support".into(), Value::Array(support));
        }
        entries.push(v);
    }
    let mut story = json!(row);
    if let Some(o) = story.as_object_mut() {
        o.insert("timeline".into(), Value::Array(entries));
    }
    let mut story = warta_render::render_story(&story, lang);
    if let Some(o) = story.as_object_mut() {
        o.insert("articles".into(), json!(members.iter().map(|(r, _)| r).collect::<Vec<_>>()));
        o.insert("entities".into(), Value::Array(entities));
        o.insert("quotes_by_speaker".into(), json!(speakers));
        lang_fields(o, lang);
    }
    Ok(story)
}

/// `GET /api/entities/{id}`
pub async fn entity(State(state): State<Arc<AppState>>, Path(id): Path<String>, RawQuery(raw): RawQuery) -> ApiResult {
    let p = Params::parse(raw, &["lang"])?;
    let lang = p.lang()?;
    let id = numeric_id("entity", &id)?;
    let v = state
        .with_store(move |s| {
            let Some(e) = s.entity(id)? else { return Err(ApiError::not_found(format!("no entity {id}"))) };
            // An entity no timeline can be built for (a store error) shows an empty one.
            let mut entries = Vec::new();
            for x in s.timeline(&e.name).map(|t| t.entries).unwrap_or_default() {
                let x = serde_json::to_value(&x).map_err(|e| ApiError::internal(e.to_string()))?;
                entries.push(warta_render::render_entry_json(&x, lang));
            }
            let mut v = json!(e);
            if let Some(o) = v.as_object_mut() {
                o.insert("name_text".into(), name_json(&e.name, e.kb.as_deref(), lang));
                o.insert("timeline".into(), Value::Array(entries));
                lang_fields(o, lang);
            }
            Ok(v)
        })
        .await?;
    Ok(Json(v))
}

/// What the article page reads of a stored analysis: its entities' ids, types and names.
#[derive(Deserialize)]
struct EntityRefs {
    #[serde(default)]
    entities: Vec<EntityRef>,
}

#[derive(Deserialize)]
struct EntityRef {
    id: Option<String>,
    #[serde(rename = "type")]
    kind: Option<String>,
    name: Option<String>,
}

/// `GET /api/articles/{id}`
pub async fn article(State(state): State<Arc<AppState>>, Path(id): Path<String>, RawQuery(raw): RawQuery) -> ApiResult {
    let p = Params::parse(raw, &["lang"])?;
    let lang = p.lang()?;
    let id = numeric_id("article", &id)?;
    let translation_on = state.translator.is_some();
    let v = state
        .with_store(move |s| {
            let Some(a) = s.article(id)? else { return Err(ApiError::not_found(format!("no article {id}"))) };
            // The store's id of each of the analysis's entities, for links.
            let mut links = Map::new();
            for e in EntityRefs::deserialize(&a.analysis).map(|r| r.entities).unwrap_or_default() {
                let (Some(local), Some(kind), Some(name)) = (e.id, e.kind, e.name) else { continue };
                links.insert(local, json!(s.entity_id(&kind, &name)?));
            }
            let published_text = date_text(a.meta.published.as_deref(), lang);
            let mut v = json!(a);
            if let Some(o) = v.as_object_mut() {
                o.insert("entity_ids".into(), Value::Object(links));
                o.insert("published_text".into(), json!(published_text));
                // The article's own text is Indonesian whatever the page language.
                o.insert("text_lang".into(), json!("id"));
                o.insert("translation".into(), json!(if translation_on { "on" } else { "off" }));
                lang_fields(o, lang);
            }
            Ok(v)
        })
        .await?;
    Ok(Json(v))
}

/// `GET /api/articles/{id}/translation?lang=en`: the article's title and body machine-translated
/// by the configured backend (names, numbers and dates protected and checked; cached), with the
/// note that it is machine generated and the Indonesian authoritative. With a backend it needs
/// the bearer token (a backend call costs). Without a backend:
/// `{"translation": "off", "message": …}` in the page language. A backend failure is a 502
/// naming the article.
pub async fn translation(
    State(state): State<Arc<AppState>>,
    Path(id): Path<String>,
    RawQuery(raw): RawQuery,
    headers: HeaderMap,
) -> ApiResult {
    let p = Params::parse(raw, &["lang"])?;
    let lang = p.lang()?;
    let id = numeric_id("article", &id)?;
    if lang == Lang::Id {
        return Err(ApiError::bad("the article is in Indonesian already: choose lang en, zh, ja, ar or fr"));
    }
    let stored = state
        .with_store(move |s| {
            let Some(a) = s.article(id)? else { return Err(ApiError::not_found(format!("no article {id}"))) };
            let analysis: warta_engine::Analysis = serde_json::from_value(a.analysis)
                .map_err(|e| ApiError::internal(format!("stored analysis of article {id}: {e}")))?;
            Ok((analysis, a.text))
        })
        .await?;
    let Some(translator) = state.translator.clone() else {
        return Ok(Json(json!({
            "translation": "off", "lang": lang, "dir": lang.dir(),
            "message": warta_translate::off_message(lang),
        })));
    };
    // A backend call costs (money or a machine's time): like writing, it needs the token.
    authorise(&state, &headers)?;
    let (analysis, text) = stored;
    let done = tokio::task::spawn_blocking(move || translator.translate_article(&analysis, &text, lang))
        .await
        .map_err(|e| ApiError::internal(format!("translation task failed: {e}")))?;
    match done {
        Ok(t) => {
            let mut v = json!(t);
            if let Some(o) = v.as_object_mut() {
                o.insert("translation".into(), json!("on"));
                o.insert("id".into(), json!(id));
            }
            Ok(Json(v))
        }
        Err(e) => Err(ApiError::new(StatusCode::BAD_GATEWAY, format!("article {id}: {e}"))),
    }
}

/// A search's query text and filters, checked (limits, dates, range): as `GET /api/search`
/// reads them and `POST /api/saved` takes them. An empty value is no filter.
fn checked_search(
    q: Option<&str>,
    outlet: Option<&str>,
    entity: Option<&str>,
    from: Option<&str>,
    to: Option<&str>,
    event_type: Option<&str>,
) -> Result<(String, Filters), ApiError> {
    let text = limits::check_query(q.unwrap_or(""))?.to_string();
    let filter = |k: &str, v: Option<&str>| {
        v.filter(|v| !v.trim().is_empty()).map(|v| limits::check_filter(k, v).map(str::to_string)).transpose()
    };
    let day = |k: &str, v: Option<&str>| v.filter(|v| !v.is_empty()).map(|v| limits::parse_day(k, v)).transpose();
    let filters = Filters {
        outlet: filter("outlet", outlet)?,
        entity: filter("entity", entity)?,
        from: day("from", from)?,
        to: day("to", to)?,
        event_type: event_type.filter(|v| !v.trim().is_empty()).map(parse_event_type).transpose()?,
    };
    if let (Some(f), Some(t)) = (filters.from, filters.to)
        && f > t
    {
        return Err(ApiError::bad(format!("from ({f}) is after to ({t})")));
    }
    Ok((text, filters))
}

/// An event type by its JSON name (`arrest`); a 400 naming the known ones otherwise.
fn parse_event_type(v: &str) -> Result<EventType, ApiError> {
    EventType::parse(v.trim()).ok_or_else(|| {
        let known: Vec<&str> = EventType::ALL.iter().map(|t| t.as_str()).collect();
        ApiError::bad(format!("type: unknown event type {v:?} (known: {})", known.join(", ")))
    })
}

/// `GET /api/search`
pub async fn search(State(state): State<Arc<AppState>>, RawQuery(raw): RawQuery) -> ApiResult {
    let p = Params::parse(raw, &["q", "outlet", "entity", "from", "to", "type", "sort", "limit", "offset", "lang"])?;
    let lang = p.lang()?;
    let (text, Filters { outlet, entity, from, to, event_type }) =
        checked_search(p.get("q"), p.get("outlet"), p.get("entity"), p.get("from"), p.get("to"), p.get("type"))?;
    let sort = match p.get("sort") {
        None | Some("") => SearchSort::Relevance,
        Some(v) => SearchSort::parse(v)
            .ok_or_else(|| ApiError::bad(format!("sort: expected relevance or newest, got {v:?}")))?,
    };
    let limit = p.get("limit").map(|v| limits::parse_count("limit", v, MAX_LIMIT)).transpose()?.unwrap_or(20);
    let offset = p.get("offset").map(limits::parse_offset).transpose()?.unwrap_or(0);
    limits::check_window(offset, limit)?;
    let q = SearchQuery {
        text: text.clone(),
        outlet: outlet.clone(),
        entity: entity.clone(),
        from,
        to,
        limit,
        offset,
        stored_after: None,
        event_type,
        sort,
    };
    let v = state
        .with_store(move |s| {
            let matches = s.search_ids(&q, FACET_SCOPE)?;
            let hits = s.search(&q)?;
            let facets = s.facets(&matches.ids)?;
            let coverage = s.coverage(&matches.ids)?;
            let entity_labels: Map<String, Value> =
                facets.entity.keys().map(|n| (n.clone(), name_json(n, None, lang))).collect();
            let story_keys: Vec<&String> = facets.story.keys().collect();
            let story_labels = s.story_titles(&story_keys)?;
            let type_labels: Map<String, Value> = facets
                .event_type
                .keys()
                .map(|&t| (t.as_str().to_string(), json!(warta_render::type_name(t, lang))))
                .collect();
            let hits: Vec<Value> = hits.into_iter().map(|h| hit_json(h, lang)).collect();
            let facets_over = matches.ids.len();
            let next = limits::next_offset(offset, hits.len(), matches.total)
                .filter(|n| n.saturating_add(limit) <= limits::MAX_SEARCH_WINDOW);
            Ok(json!({
                "query": {"q": q.text, "outlet": outlet, "entity": entity,
                          "from": from.map(|d| d.to_string()), "to": to.map(|d| d.to_string()),
                          "type": event_type, "sort": sort, "limit": limit, "offset": offset},
                "total": matches.total,
                "offset": offset,
                "limit": limit,
                "next": next,
                "hits": hits,
                "facets": facets,
                "facet_labels": {"entity": entity_labels, "story": story_labels, "event_type": type_labels},
                "facets_over": facets_over,
                "facets_complete": facets_over >= matches.total,
                "coverage": coverage,
                "lang": lang, "dir": lang.dir(),
            }))
        })
        .await?;
    Ok(Json(v))
}

/// A search hit as the API sends it: its fields, `snippet_parts` and `published_text`.
fn hit_json(h: Hit, lang: Lang) -> Value {
    let parts = snippet_parts(&h.snippet);
    let published_text = date_text(h.published.as_deref(), lang);
    let plain = warta_store::query::snippet_plain(&h.snippet);
    let mut v = json!(h);
    if let Some(o) = v.as_object_mut() {
        // Plain text, as `warta search --format json` gives it (the store's is HTML-escaped
        // with the matches between `**`); snippet_parts marks the matches.
        o.insert("snippet".into(), json!(plain));
        o.insert("snippet_parts".into(), parts);
        o.insert("published_text".into(), json!(published_text));
    }
    v
}

/// The store's snippet (HTML-escaped, matches between `**`) as plain text parts
/// `[{"text", "match"}]`, so the web app can show it with `textContent` only.
pub fn snippet_parts(snippet: &str) -> Value {
    let plain = snippet
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&amp;", "&");
    let parts: Vec<Value> = plain
        .split("**")
        .enumerate()
        .filter(|(_, t)| !t.is_empty())
        .map(|(i, t)| json!({"text": t, "match": i % 2 == 1}))
        .collect();
    Value::Array(parts)
}

/// A posted article: `{"source": "...", "text": "..."}` or `{"source": "...", "html": "..."}`.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct PostedArticle {
    source: String,
    text: Option<String>,
    html: Option<String>,
}

/// Equal in time independent of where they differ.
fn same_token(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

fn authorise(state: &AppState, headers: &HeaderMap) -> Result<(), ApiError> {
    let Some(token) = state.token.as_deref() else {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "writing is disabled on this server: start `warta serve` with --token TOKEN (or $WARTA_TOKEN) \
             and send `Authorization: Bearer TOKEN`",
        ));
    };
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|h| h.to_str().ok())
        .and_then(|h| h.strip_prefix("Bearer "))
        .map(str::trim);
    match given {
        None => Err(ApiError::new(StatusCode::UNAUTHORIZED, "this endpoint needs `Authorization: Bearer TOKEN`")),
        Some(g) if same_token(g.as_bytes(), token.as_bytes()) => Ok(()),
        Some(_) => Err(ApiError::new(StatusCode::UNAUTHORIZED, "wrong token")),
    }
}

/// A request that writes: the token first, then its query-string parameters.
fn writing(state: &AppState, headers: &HeaderMap, raw: Option<String>, allowed: &[&str]) -> Result<Params, ApiError> {
    authorise(state, headers)?;
    Params::parse(raw, allowed)
}

/// A JSON request body of type `T` (`shape` names what is expected in the message).
fn json_body<T: serde::de::DeserializeOwned>(body: Result<Bytes, BytesRejection>, shape: &str) -> Result<T, ApiError> {
    let body = body.map_err(|e| {
        let status = e.status();
        ApiError::new(status, format!("request body: {}", e.body_text()))
    })?;
    serde_json::from_slice(&body).map_err(|e| ApiError::bad(format!("body: expected JSON {shape}: {e}")))
}

/// `POST /api/articles`: analyse a posted text or HTML page and store it, as `warta ingest`
/// does (same analysis, same writer). Needs the token.
pub async fn post_article(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    RawQuery(raw): RawQuery,
    body: Result<Bytes, BytesRejection>,
) -> Result<impl IntoResponse, ApiError> {
    writing(&state, &headers, raw, &[])?;
    let posted: PostedArticle = json_body(body, "{\"source\": ..., \"text\" or \"html\": ...}")?;
    let source = posted.source.trim().to_string();
    if source.is_empty() || source.chars().count() > limits::MAX_FILTER_CHARS || source.chars().any(char::is_control) {
        return Err(ApiError::bad(format!(
            "source: a name of 1 to {} characters without control characters",
            limits::MAX_FILTER_CHARS
        )));
    }
    // Extraction and analysis run on the blocking pool with panics caught: a page that trips a
    // bug is a 500 naming it, never a dropped connection.
    let src = source.clone();
    let analysed = tokio::task::spawn_blocking(move || {
        let name = src.clone();
        let read = warta_engine::guard::catch(move || -> Result<_, ApiError> {
            let (decoded, overrides) = match (posted.text, posted.html) {
                (Some(text), None) => {
                    let d = warta_engine::decode(text.as_bytes()).map_err(|e| ApiError::bad(format!("{src}: {e}")))?;
                    (d, warta_engine::pipeline::Overrides::default())
                }
                (None, Some(html)) => {
                    let page = warta_html::extract(html.as_bytes(), &warta_html::Options::default())
                        .map_err(|e| ApiError::bad(format!("{src}: {e}")))?;
                    page.engine_input()
                }
                _ => return Err(ApiError::bad("body: give exactly one of \"text\" and \"html\"")),
            };
            Ok(warta_store::ingest::Read { source: src, decoded, overrides })
        })
        .unwrap_or_else(|caught| Err(ApiError::internal(format!("{name}: {caught}"))))?;
        // The analysis as `warta ingest`'s driver makes it (a panic is this article's error).
        warta_store::ingest::analyse(read, &warta_engine::Options::default())
            .map_err(|e| ApiError::internal(e.to_string()))
    })
    .await
    .map_err(|e| ApiError::internal(format!("analysis failed: {e}")))??;
    let v = state
        .with_store(move |s| {
            let outcome = {
                let mut w = s.writer(1).map_err(|e| {
                    ApiError::new(StatusCode::SERVICE_UNAVAILABLE, format!("the store cannot be written now: {e:#}"))
                })?;
                let outcome = warta_store::ingest::put(&mut w, analysed)?;
                w.commit()?;
                outcome
            };
            let id = warta_store::article_id(s, &source)?;
            let story = match id {
                Some(id) => s.article_refs(&[id])?.into_iter().next().and_then(|r| r.story),
                None => None,
            };
            let status = if outcome == warta_store::Outcome::Added { StatusCode::CREATED } else { StatusCode::OK };
            Ok((status, json!({"id": id, "source": source, "outcome": outcome, "story": story})))
        })
        .await?;
    let (status, v) = v;
    Ok((status, Json(v)))
}

/// A search to save: `{"name", "q", "outlet"?, "entity"?, "from"?, "to"?, "type"?}`.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct PostedSaved {
    name: String,
    q: String,
    outlet: Option<String>,
    entity: Option<String>,
    from: Option<String>,
    to: Option<String>,
    /// An event type (`arrest`).
    #[serde(rename = "type")]
    event_type: Option<String>,
}

/// The links of a saved search, for clients.
fn saved_links(id: i64) -> Value {
    json!({"self": format!("/api/saved/{id}"), "atom": format!("/api/saved/{id}/atom")})
}

/// `POST /api/saved`: save a search (query checked as `/api/search` checks it, then parsed),
/// seen through the newest article. Needs the token. 201 with the saved search.
pub async fn post_saved(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    RawQuery(raw): RawQuery,
    body: Result<Bytes, BytesRejection>,
) -> Result<impl IntoResponse, ApiError> {
    writing(&state, &headers, raw, &[])?;
    let posted: PostedSaved =
        json_body(body, "{\"name\": ..., \"q\": ..., \"outlet\", \"entity\", \"from\", \"to\", \"type\" (optional)}")?;
    let (query, filters) = checked_search(
        Some(&posted.q),
        posted.outlet.as_deref(),
        posted.entity.as_deref(),
        posted.from.as_deref(),
        posted.to.as_deref(),
        posted.event_type.as_deref(),
    )?;
    let new = NewSavedSearch { name: posted.name, query, filters };
    let saved = state.with_store(move |s| Ok(s.save_search(&new)?)).await?;
    let mut v = json!(saved);
    if let Some(o) = v.as_object_mut() {
        o.insert("links".into(), saved_links(saved.id));
    }
    Ok((StatusCode::CREATED, Json(v)))
}

/// `GET /api/saved`: every saved search with its count of new matches.
pub async fn saved_list(State(state): State<Arc<AppState>>, RawQuery(raw): RawQuery) -> ApiResult {
    Params::parse(raw, &["lang"])?.lang()?;
    let all = state.with_store(|s| Ok(s.saved_summaries()?)).await?;
    let saved: Vec<Value> = all
        .iter()
        .map(|x| {
            let mut v = json!(x);
            if let Some(o) = v.as_object_mut() {
                o.insert("links".into(), saved_links(x.search.id));
            }
            v
        })
        .collect();
    Ok(Json(json!({"saved": saved, "total": all.len()})))
}

/// `GET /api/saved/{id}`: the saved search's matches (a page, with `total`) and those stored
/// after the last visit (`new`, `new_count`), with the `watermark` to mark seen through.
pub async fn saved_one(
    State(state): State<Arc<AppState>>,
    Path(id): Path<String>,
    RawQuery(raw): RawQuery,
) -> ApiResult {
    let p = Params::parse(raw, &["limit", "offset", "lang"])?;
    let lang = p.lang()?;
    let id = numeric_id("saved search", &id)?;
    let limit = p.get("limit").map(|v| limits::parse_count("limit", v, MAX_LIMIT)).transpose()?.unwrap_or(20);
    let offset = p.get("offset").map(limits::parse_offset).transpose()?.unwrap_or(0);
    limits::check_window(offset, limit)?;
    let r = state.with_store(move |s| Ok(s.saved_results(&id.to_string(), limit, offset)?)).await?;
    let next = limits::next_offset(offset, r.hits.len(), r.total)
        .filter(|n| n.saturating_add(limit) <= limits::MAX_SEARCH_WINDOW);
    Ok(Json(json!({
        "search": r.search,
        "links": saved_links(id),
        "total": r.total,
        "offset": offset,
        "limit": limit,
        "next": next,
        "hits": r.hits.into_iter().map(|h| hit_json(h, lang)).collect::<Vec<_>>(),
        "new_count": r.new_count,
        "new": r.new.into_iter().map(|h| hit_json(h, lang)).collect::<Vec<_>>(),
        "watermark": r.watermark,
        "lang": lang, "dir": lang.dir(),
    })))
}

/// `POST /api/saved/{id}/seen?through=N`: mark the saved search seen through article N (the
/// `watermark` its page showed; the newest article without it). Needs the token.
pub async fn saved_seen(
    State(state): State<Arc<AppState>>,
    Path(id): Path<String>,
    headers: HeaderMap,
    RawQuery(raw): RawQuery,
) -> ApiResult {
    let p = writing(&state, &headers, raw, &["through"])?;
    let id = numeric_id("saved search", &id)?;
    let through = p.get("through").map(limits::parse_offset).transpose()?.map(|n| n as i64);
    let saved = state.with_store(move |s| Ok(s.mark_saved_seen(&id.to_string(), through)?)).await?;
    Ok(Json(json!(saved)))
}

/// `DELETE /api/saved/{id}`: forget a saved search. Needs the token.
pub async fn saved_delete(
    State(state): State<Arc<AppState>>,
    Path(id): Path<String>,
    headers: HeaderMap,
    RawQuery(raw): RawQuery,
) -> ApiResult {
    writing(&state, &headers, raw, &[])?;
    let id = numeric_id("saved search", &id)?;
    let gone = state.with_store(move |s| Ok(s.delete_saved(&id.to_string())?)).await?;
    Ok(Json(json!({"deleted": gone})))
}

/// `GET /api/saved/{id}/atom?limit=N`: an Atom feed of the newest matches (by when they were
/// stored), linking to the web app's article pages at the configured public URL, else on the
/// host the request named (https when a proxy says `X-Forwarded-Proto: https`).
pub async fn saved_atom(
    State(state): State<Arc<AppState>>,
    Path(id): Path<String>,
    headers: HeaderMap,
    RawQuery(raw): RawQuery,
) -> Result<impl IntoResponse, ApiError> {
    let p = Params::parse(raw, &["limit"])?;
    let id = numeric_id("saved search", &id)?;
    let limit = p.get("limit").map(|v| limits::parse_count("limit", v, MAX_LIMIT)).transpose()?.unwrap_or(20);
    let (search, items) = state
        .with_store(move |s| {
            let search = s.saved_search(&id.to_string())?;
            let items = s.newest_matches(&search.search_query(limit, 0), limit)?;
            Ok((search, items))
        })
        .await?;
    // The guard has checked the Host against the allow-list; behind a TLS-terminating proxy
    // `X-Forwarded-Proto: https` makes the links https.
    let base = match &state.public_url {
        Some(url) => url.clone(),
        None => {
            let host = headers.get(header::HOST).and_then(|h| h.to_str().ok()).unwrap_or("localhost");
            let https = headers.get("x-forwarded-proto").and_then(|h| h.to_str().ok()) == Some("https");
            format!("{}://{host}", if https { "https" } else { "http" })
        }
    };
    Ok(([(header::CONTENT_TYPE, crate::atom::CONTENT_TYPE)], crate::atom::feed(&base, &search, &items)))
}
