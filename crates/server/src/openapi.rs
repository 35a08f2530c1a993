//! The OpenAPI 3.1 document of the API, served at `/api/openapi.json`. A test checks that it
//! names exactly the routes of [`crate::route_table`].

use crate::limits::{
    MAX_BODY_BYTES, MAX_LIMIT, MAX_QUERY_CHARS, MAX_QUERY_TERMS, MAX_SEARCH_WINDOW, MAX_STORIES_LIMIT,
};
use axum::Json;
use serde_json::{Value, json};

fn lang_param() -> Value {
    json!({
        "name": "lang", "in": "query", "required": false,
        "description": "Render summaries, dates and entity names in this language from the structured facts (warta_render). Article text, titles and quotes stay Indonesian. An unknown language is a 400.",
        "schema": {"type": "string", "enum": ["id", "en", "zh", "ja", "ar", "fr"], "default": "id"}
    })
}

fn id_param(description: &str, pattern: &str) -> Value {
    json!({"name": "id", "in": "path", "required": true, "description": description,
           "schema": {"type": "string", "pattern": pattern}})
}

fn errors(codes: &[&str]) -> Value {
    let mut m = serde_json::Map::new();
    for c in codes {
        let what = match *c {
            "400" => "Malformed request (bad parameter, id, date, language or query)",
            "401" => "Missing or wrong bearer token",
            "403" => "Writing is disabled (the server was started without a token)",
            "404" => "No such id",
            "413" => "Request body too large",
            "408" => "The request took longer than the server's request timeout",
            "421" => "The Host header names a host this server does not serve (--allowed-host)",
            "429" => "Too many requests from this client (Retry-After says when to come back)",
            "503" => "The store is being written by another process",
            _ => "Error",
        };
        m.insert(
            c.to_string(),
            json!({"description": what, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}),
        );
    }
    Value::Object(m)
}

fn ok(description: &str, schema: &str, more: &[&str]) -> Value {
    let mut r = errors(more);
    r.as_object_mut().expect("object").insert(
        "200".into(),
        json!({"description": description, "content": {"application/json": {"schema": {"$ref": format!("#/components/schemas/{schema}")}}}}),
    );
    r
}

fn html(description: &str, media: &str) -> Value {
    json!({"200": {"description": description, "content": {media: {"schema": {"type": "string"}}}}})
}

/// The document.
pub fn document() -> Value {
    let mut doc = base();
    if let Some(paths) = doc["paths"].as_object_mut() {
        paths.extend(saved_paths().as_object().cloned().unwrap_or_default());
    }
    if let Some(schemas) = doc["components"]["schemas"].as_object_mut() {
        schemas.extend(saved_schemas().as_object().cloned().unwrap_or_default());
    }
    doc
}

/// The saved-search routes.
fn saved_paths() -> Value {
    let saved_id = || id_param("Saved search id", "^[1-9][0-9]*$");
    let token = |codes: &[&str]| -> Value {
        let mut e = errors(codes);
        e.as_object_mut()
            .expect("object")
            .extend(errors(&["401", "403", "429"]).as_object().cloned().unwrap_or_default());
        e
    };
    let with = |mut responses: Value, code: &str, description: &str, schema: &str| {
        responses.as_object_mut().expect("object").insert(
            code.into(),
            json!({"description": description, "content": {"application/json": {"schema": {"$ref": format!("#/components/schemas/{schema}")}}}}),
        );
        responses
    };
    let page = json!([
        {"name": "limit", "in": "query", "description": format!("Hits per page, 1 to {MAX_LIMIT} (400 beyond); also the most new hits listed"), "schema": {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT, "default": 20}},
        {"name": "offset", "in": "query", "description": format!("Hits to skip (paging); offset + limit at most {MAX_SEARCH_WINDOW}"), "schema": {"type": "integer", "minimum": 0, "default": 0}}
    ]);
    let mut one_params = vec![saved_id()];
    one_params.extend(page.as_array().cloned().unwrap_or_default());
    one_params.push(lang_param());
    json!({
        "/api/saved": {
            "get": {"summary": "Every saved search, with the count of matches stored since its last visit (new_count). Saved searches live in the serving node's data directory (not in PostgreSQL).",
                "operationId": "listSaved", "parameters": [lang_param()],
                "responses": ok("Saved searches", "SavedList", &["400"])},
            "post": {"summary": "Save a search (query and filters checked as /api/search checks them; a malformed query is a 400 naming the column), seen through the newest article. Needs Authorization: Bearer TOKEN.",
                "operationId": "postSaved", "security": [{"bearer": []}],
                "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/NewSaved"}}}},
                "responses": with(token(&["400"]), "201", "Saved", "Saved")}
        },
        "/api/saved/{id}": {
            "get": {"summary": "A saved search's matches (a page, with total) and the matches stored after its last visit (new, new_count), with the watermark to mark it seen through",
                "operationId": "getSaved", "parameters": one_params,
                "responses": ok("Matches and what is new", "SavedResults", &["400", "404"])},
            "delete": {"summary": "Forget a saved search. Needs Authorization: Bearer TOKEN.", "operationId": "deleteSaved",
                "security": [{"bearer": []}], "parameters": [saved_id()],
                "responses": with(token(&["400", "404"]), "200", "Deleted: {\"deleted\": the saved search}", "Deleted")}
        },
        "/api/saved/{id}/seen": {
            "post": {"summary": "Mark a saved search seen: what is stored up to article `through` (the watermark its page showed; the newest article without it) is no longer new (the watermark never moves back). Needs Authorization: Bearer TOKEN.",
                "operationId": "markSavedSeen", "security": [{"bearer": []}],
                "parameters": [saved_id(), {"name": "through", "in": "query", "description": "The newest article id read (never past the newest stored)", "schema": {"type": "integer", "minimum": 0}}],
                "responses": with(token(&["400", "404"]), "200", "The saved search, with its new watermark", "Saved")}
        },
        "/api/saved/{id}/atom": {
            "get": {"summary": "An Atom 1.0 feed of the saved search's newest matches (by when they were stored): titles, links to the web app's article pages on the host the request named, update times",
                "operationId": "getSavedAtom",
                "parameters": [saved_id(), {"name": "limit", "in": "query", "description": format!("Entries, 1 to {MAX_LIMIT} (400 beyond)"), "schema": {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT, "default": 20}}],
                "responses": {"200": {"description": "The feed", "content": {"application/atom+xml": {"schema": {"type": "string"}}}},
                    "400": errors(&["400"])["400"], "404": errors(&["404"])["404"]}}
        }
    })
}

/// Every event type's JSON name.
fn event_types() -> Vec<&'static str> {
    warta_engine::analysis::EventType::ALL.iter().map(|t| t.as_str()).collect()
}

/// Every event type's JSON name, and null.
fn event_types_or_null() -> Vec<Value> {
    event_types().into_iter().map(Value::from).chain([Value::Null]).collect()
}

/// The saved-search schemas.
fn saved_schemas() -> Value {
    let saved = json!({"type": "object", "required": ["id", "name", "query", "filters", "created_at", "seen_through", "seen_at"],
        "properties": {"id": {"type": "integer"}, "name": {"type": "string", "maxLength": warta_store::saved::MAX_NAME_CHARS},
            "query": {"type": "string"},
            "filters": {"type": "object", "properties": {"outlet": {"type": ["string", "null"]}, "entity": {"type": ["string", "null"]},
                "from": {"type": ["string", "null"], "format": "date"}, "to": {"type": ["string", "null"], "format": "date"},
                "type": {"type": ["string", "null"], "enum": event_types_or_null()}}},
            "created_at": {"type": "string", "format": "date-time"},
            "seen_through": {"type": "integer", "description": "The last visit's watermark: the newest article id stored when it was last marked seen (ids are ingest order)"},
            "seen_at": {"type": "string", "format": "date-time"},
            "new_count": {"type": "integer", "description": "In lists: matches stored after seen_through"},
            "links": {"type": "object", "properties": {"self": {"type": "string"}, "atom": {"type": "string"}}}}});
    json!({
        "Saved": saved,
        "NewSaved": {"type": "object", "additionalProperties": false, "required": ["name", "q"],
            "properties": {"name": {"type": "string", "description": "1 to 100 characters, not a number, unique (case-insensitive)"},
                "q": {"type": "string", "description": format!("The query, as /api/search takes it (at most {MAX_QUERY_CHARS} characters and {MAX_QUERY_TERMS} terms)")},
                "outlet": {"type": "string"}, "entity": {"type": "string"},
                "from": {"type": "string", "format": "date"}, "to": {"type": "string", "format": "date"},
                "type": {"type": "string", "enum": event_types()}}},
        "SavedList": {"type": "object", "required": ["saved", "total"], "properties": {
            "saved": {"type": "array", "items": {"$ref": "#/components/schemas/Saved"}}, "total": {"type": "integer"}}},
        "SavedResults": {"type": "object", "required": ["search", "total", "hits", "new_count", "new", "watermark"], "properties": {
            "search": {"$ref": "#/components/schemas/Saved"}, "links": {"type": "object"},
            "total": {"type": "integer"}, "offset": {"type": "integer"}, "limit": {"type": "integer"},
            "next": {"type": ["integer", "null"]},
            "hits": {"type": "array", "items": {"type": "object"}, "description": "As /api/search's hits"},
            "new_count": {"type": "integer"},
            "new": {"type": "array", "items": {"type": "object"}, "description": "The best matches stored after the last visit"},
            "watermark": {"type": "integer", "description": "The newest article id now: POST .../seen?through=watermark"}}},
        "Deleted": {"type": "object", "required": ["deleted"], "properties": {"deleted": {"$ref": "#/components/schemas/Saved"}}}
    })
}

/// The document without the saved-search routes (one `json!` literal; see [`saved_paths`]).
fn base() -> Value {
    let obj = |props: Value, required: &[&str]| json!({"type": "object", "properties": props, "required": required});
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "warta API",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "Stories, timelines, entities, articles and search over a warta store. Errors are JSON {\"error\": message}. Everything a page shows of an article is data: clients must insert it as text, never as markup.",
            "license": {"name": "MIT OR Apache-2.0", "identifier": "MIT OR Apache-2.0"}
        },
        "paths": {
            "/": {"get": {"summary": "The web app (HTML)", "operationId": "app", "responses": html("The web app", "text/html")}},
            "/app.js": {"get": {"summary": "The web app's script", "operationId": "appJs", "responses": html("JavaScript", "text/javascript")}},
            "/app.css": {"get": {"summary": "The web app's stylesheet", "operationId": "appCss", "responses": html("CSS", "text/css")}},
            "/api/openapi.json": {"get": {"summary": "This document", "operationId": "openapi",
                "responses": {"200": {"description": "OpenAPI 3.1", "content": {"application/json": {"schema": {"type": "object"}}}}}}},
            "/api/stories": {"get": {
                "summary": "Every story, latest first unless sort says otherwise", "operationId": "listStories",
                "parameters": [lang_param(),
                    {"name": "sort", "in": "query", "description": "latest: the story whose newest article is newest first; earliest: the story that started first first; articles: most articles first; outlets: most outlets first; created: in the order the store made them (ties in every order: newer story first)", "schema": {"type": "string", "enum": warta_store::StorySort::ALL.iter().map(|s| s.as_str()).collect::<Vec<_>>(), "default": "latest"}},
                    {"name": "limit", "in": "query", "description": format!("Stories per page, 1 to {MAX_STORIES_LIMIT} (400 beyond)"), "schema": {"type": "integer", "minimum": 1, "maximum": MAX_STORIES_LIMIT, "default": 100}},
                    {"name": "offset", "in": "query", "description": "Stories to skip: the answer's `next` is the offset of the next page (null on the last)", "schema": {"type": "integer", "minimum": 0, "default": 0}}],
                "responses": ok("Stories", "StoryList", &["400"])}},
            "/api/stories/{id}": {"get": {
                "summary": "One story: its articles, timeline (rendered in lang), entities and quotes by speaker", "operationId": "getStory",
                "parameters": [id_param("Story id", "^s[1-9][0-9]*$"), lang_param()],
                "responses": ok("The story", "Story", &["400", "404"])}},
            "/api/stories/{id}/coverage": {"get": {
                "summary": "Coverage of a story: its articles per day per outlet (the data of a coverage chart)", "operationId": "getStoryCoverage",
                "parameters": [id_param("Story id", "^s[1-9][0-9]*$"), lang_param()],
                "responses": ok("Articles per day per outlet", "Coverage", &["400", "404"])}},
            "/api/entities/{id}": {"get": {
                "summary": "One entity: names, aliases, type, mentions, articles, stories and its timeline", "operationId": "getEntity",
                "parameters": [id_param("Entity id", "^[1-9][0-9]*$"), lang_param()],
                "responses": ok("The entity", "Entity", &["400", "404"])}},
            "/api/articles/{id}": {"get": {
                "summary": "One article: its text and the stored analysis (entities, times, quotes, events with byte offsets into text; removed chrome)", "operationId": "getArticle",
                "parameters": [id_param("Article id", "^[1-9][0-9]*$"), lang_param()],
                "responses": ok("The article", "Article", &["400", "404"])}},
            "/api/articles/{id}/translation": {"get": {
                "summary": "The article's title and body machine-translated by the configured backend (names, numbers and dates protected and checked, cached), with the note that it is machine generated and the Indonesian authoritative; {\"translation\": \"off\", \"message\"} when no backend is configured. With a backend it needs Authorization: Bearer TOKEN (a backend call costs) and counts against the stricter per-client rate limit.",
                "operationId": "getArticleTranslation",
                "parameters": [id_param("Article id", "^[1-9][0-9]*$"),
                    {"name": "lang", "in": "query", "required": true, "description": "Target language", "schema": {"type": "string", "enum": ["en", "zh", "ja", "ar", "fr"]}}],
                "responses": {
                    "200": {"description": "The translation, or translation off", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Translation"}}}},
                    "400": errors(&["400"])["400"], "401": errors(&["401"])["401"], "403": errors(&["403"])["403"],
                    "404": errors(&["404"])["404"], "429": errors(&["429"])["429"],
                    "502": {"description": "The translation backend failed (the message names the article)", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
                }}},
            "/api/articles": {"post": {
                "summary": "Analyse and store a posted text or HTML page (as warta ingest does). Needs Authorization: Bearer TOKEN.",
                "operationId": "postArticle",
                "security": [{"bearer": []}],
                "requestBody": {"required": true, "description": format!("At most {MAX_BODY_BYTES} bytes"),
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/PostedArticle"}}}},
                "responses": {
                    "201": {"description": "Added", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Ingested"}}}},
                    "200": {"description": "Updated in place, or unchanged", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Ingested"}}}},
                    "400": errors(&["400"])["400"], "401": errors(&["401"])["401"], "403": errors(&["403"])["403"],
                    "413": errors(&["413"])["413"], "503": errors(&["503"])["503"]
                }}},
            "/api/search": {"get": {
                "summary": "Full-text search (stemmed Indonesian) with filters and facets", "operationId": "search",
                "parameters": [
                    {"name": "q", "in": "query", "description": format!("tantivy query syntax over title and body: words (all required), \"a phrase\", OR, -word, title:word; * or empty lists everything. At most {MAX_QUERY_CHARS} characters and {MAX_QUERY_TERMS} terms; quotes and parentheses must be closed."), "schema": {"type": "string"}},
                    {"name": "outlet", "in": "query", "description": "Outlet (case-insensitive)", "schema": {"type": "string"}},
                    {"name": "entity", "in": "query", "description": "Entity canonical name or mention text (case-insensitive)", "schema": {"type": "string"}},
                    {"name": "from", "in": "query", "description": "Articles dated on or after", "schema": {"type": "string", "format": "date"}},
                    {"name": "to", "in": "query", "description": "Articles dated on or before", "schema": {"type": "string", "format": "date"}},
                    {"name": "type", "in": "query", "description": "Articles with an event of this type", "schema": {"type": "string", "enum": event_types()}},
                    {"name": "sort", "in": "query", "description": "relevance: best match first; newest: newest publication day first, undated last (each hit keeps its relevance score)", "schema": {"type": "string", "enum": ["relevance", "newest"], "default": "relevance"}},
                    {"name": "limit", "in": "query", "description": format!("Hits per page, 1 to {MAX_LIMIT} (400 beyond)"), "schema": {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT, "default": 20}},
                    {"name": "offset", "in": "query", "description": format!("Hits to skip (paging): the answer's `next` is the offset of the next page (null on the last); offset + limit at most {MAX_SEARCH_WINDOW} (400 beyond: narrow the query)"), "schema": {"type": "integer", "minimum": 0, "default": 0}},
                    lang_param()],
                "responses": ok("Hits and facets", "SearchResult", &["400"])}}
        },
        "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
            "schemas": {
                "Error": obj(json!({"error": {"type": "string"}}), &["error"]),
                "StoryList": obj(json!({"stories": {"type": "array", "items": {"$ref": "#/components/schemas/StorySummary"}},
                    "total": {"type": "integer"}, "offset": {"type": "integer"}, "limit": {"type": "integer"},
                    "next": {"type": ["integer", "null"], "description": "offset of the next page; null on the last"},
                    "lang": {"type": "string"}, "dir": {"type": "string", "enum": ["ltr", "rtl"]}}), &["stories"]),
                "StorySummary": obj(json!({"id": {"type": "string"}, "title": {"type": "string"},
                    "title_lang": {"type": "string"}, "title_untranslated": {"type": "boolean"},
                    "first_date": {"type": ["string", "null"]}, "last_date": {"type": ["string", "null"]},
                    "first_date_text": {"type": ["string", "null"]}, "last_date_text": {"type": ["string", "null"]},
                    "outlets": {"type": "array", "items": {"type": "string"}},
                    "articles": {"type": "array", "items": {"type": "string"}, "description": "Sources"},
                    "article_count": {"type": "integer"}}), &["id", "title"]),
                "Story": obj(json!({"id": {"type": "string"}, "title": {"type": "string"}, "headline": {"type": ["string", "null"]},
                    "articles": {"type": "array", "items": {"$ref": "#/components/schemas/ArticleRef"}},
                    "timeline": {"type": "array", "items": {"$ref": "#/components/schemas/TimelineEntry"}},
                    "entities": {"type": "array", "items": {"type": "object"}},
                    "quotes_by_speaker": {"type": "array", "items": {"type": "object", "properties": {
                        "speaker": {"type": ["string", "null"]}, "speaker_text": {}, "entity": {"type": ["integer", "null"]},
                        "count": {"type": "integer"}, "quotes": {"type": "array", "items": {"type": "object"}}}}},
                    "lang": {"type": "string"}, "dir": {"type": "string"}}), &["id", "title", "timeline", "articles", "entities", "quotes_by_speaker"]),
                "TimelineEntry": {"type": "object", "description": "An entry of the store's timeline, with the rendering of warta_render (summary, date_text, type_text, status_text, note, participants_text, place_text, support_text) and support: the articles and outlets behind it.",
                    "properties": {"date": {"type": ["string", "null"]}, "type": {"type": "string"}, "summary": {"type": ["string", "null"]},
                        "participants": {"type": "array", "items": {"type": "string"}}, "status": {"type": ["string", "null"]},
                        "conflicts": {"type": "array"}, "background": {"type": "boolean"},
                        "support_text": {"type": ["string", "null"], "description": "the corroboration counts in words: outlets, articles and copies"},
                        "corroboration": {"type": "object", "description": "supporters counted by outlet and by original report; copies grouped under their original",
                            "properties": {"outlets": {"type": "integer"}, "articles": {"type": "integer"}, "reports": {"type": "integer"}, "copies": {"type": "integer"},
                                "copy_groups": {"type": "array", "items": {"type": "object", "properties": {"original": {"type": "string"},
                                    "copies": {"type": "array", "items": {"type": "string"}}, "kind": {"enum": ["exact", "near"]},
                                    "outlets": {"type": "array", "items": {"type": "string"}}}}}}},
                        "support": {"type": "array", "items": {"type": "object", "properties": {"source": {"type": "string"}, "article": {"type": ["integer", "null"]}, "outlet": {"type": ["string", "null"]}, "title": {"type": ["string", "null"], "description": "the article's title"}, "copy_of": {"type": ["string", "null"], "description": "the original this article copies"}}}}}},
                "ArticleRef": obj(json!({"id": {"type": "integer"}, "source": {"type": "string"}, "title": {"type": ["string", "null"]},
                    "outlet": {"type": ["string", "null"]}, "published": {"type": ["string", "null"]}, "story": {"type": ["string", "null"]}}), &["id", "source"]),
                "Entity": obj(json!({"id": {"type": "integer"}, "name": {"type": "string"}, "type": {"type": "string"}, "kb": {"type": ["string", "null"]},
                    "name_text": {"type": "object"}, "aliases": {"type": "array", "items": {"type": "string"}}, "mentions": {"type": "integer"},
                    "articles": {"type": "array", "items": {"$ref": "#/components/schemas/ArticleRef"}},
                    "stories": {"type": "array", "items": {"type": "string"}},
                    "same_as": {"type": "array", "description": "other names the entity's stories give the same actor, read as one in their timelines",
                        "items": {"type": "object", "properties": {"name": {"type": "string"}, "entity": {"type": ["integer", "null"]},
                        "canonical": {"type": "string", "description": "the name the story's timeline uses"},
                        "reason": {"type": "string", "enum": ["same_kb", "alias", "short_form"]},
                        "source": {"type": "string", "description": "the article that shows the join"}, "story": {"type": "string"}}}},
                    "timeline": {"type": "array", "items": {"$ref": "#/components/schemas/TimelineEntry"}}}), &["id", "name", "type", "mentions", "articles", "stories", "timeline"]),
                "Article": obj(json!({"id": {"type": "integer"}, "source": {"type": "string"}, "text": {"type": "string"},
                    "analysis": {"type": "object", "description": "The object warta analyze prints; offsets are byte offsets into text"},
                    "entity_ids": {"type": "object", "additionalProperties": {"type": ["integer", "null"]}},
                    "published_text": {"type": ["string", "null"]}, "text_lang": {"type": "string"}}), &["id", "source", "text", "analysis"]),
                "PostedArticle": {"type": "object", "additionalProperties": false, "required": ["source"],
                    "properties": {"source": {"type": "string", "maxLength": 200}, "text": {"type": "string"}, "html": {"type": "string"}},
                    "description": "Exactly one of text and html"},
                "Translation": obj(json!({"translation": {"type": "string", "enum": ["on", "off"]}, "lang": {"type": "string"},
                    "dir": {"type": "string"}, "message": {"type": "string"}, "title": {"type": ["string", "null"]},
                    "body": {"type": "array", "items": {"type": "string"}}, "note": {"type": "string"},
                    "machine_translated": {"type": "boolean"}, "warnings": {"type": "array"}, "flagged": {"type": "array", "items": {"type": "string"}},
                    "backend": {"type": "string"}, "cached": {"type": "boolean"}}), &["translation", "lang"]),
                "Ingested": obj(json!({"id": {"type": ["integer", "null"]}, "source": {"type": "string"},
                    "outcome": {"type": "string", "enum": ["added", "updated", "unchanged"]}, "story": {"type": ["string", "null"]}}), &["outcome"]),
                "Coverage": obj(json!({"story": {"type": "string"}, "title": {"type": "string"},
                    "days": {"type": "array", "items": {"type": "object", "properties": {
                        "date": {"type": "string", "format": "date"}, "total": {"type": "integer"},
                        "outlets": {"type": "object", "additionalProperties": {"type": "integer"}}}}},
                    "outlets": {"type": "array", "items": {"type": "string"}, "description": "most articles first"},
                    "undated": {"type": "integer"}, "articles": {"type": "integer"}}), &["days", "outlets", "undated", "articles"]),
                "SearchResult": obj(json!({"query": {"type": "object"}, "total": {"type": "integer"},
                    "coverage": {"$ref": "#/components/schemas/Coverage"},
                    "offset": {"type": "integer"}, "limit": {"type": "integer"},
                    "next": {"type": ["integer", "null"], "description": "offset of the next page; null on the last (or past the paging window)"},
                    "hits": {"type": "array", "items": {"type": "object", "properties": {
                        "id": {"type": "integer"}, "score": {"type": "number"}, "source": {"type": "string"}, "title": {"type": ["string", "null"]},
                        "outlet": {"type": ["string", "null"]}, "published": {"type": ["string", "null"]}, "published_text": {"type": ["string", "null"]},
                        "story": {"type": ["string", "null"]}, "snippet": {"type": "string", "description": "Plain text around the matches (snippet_parts marks them)"},
                        "snippet_parts": {"type": "array", "items": {"type": "object", "properties": {"text": {"type": "string"}, "match": {"type": "boolean"}}}}}}},
                    "facets": {"type": "object", "properties": {
                        "outlet": {"type": "object", "additionalProperties": {"type": "integer"}},
                        "entity": {"type": "object", "additionalProperties": {"type": "integer"}},
                        "year": {"type": "object", "additionalProperties": {"type": "integer"}},
                        "month": {"type": "object", "additionalProperties": {"type": "integer"}},
                        "story": {"type": "object", "additionalProperties": {"type": "integer"}},
                        "event_type": {"type": "object", "description": "Articles with at least one event of each type", "additionalProperties": {"type": "integer"}}}},
                    "facet_labels": {"type": "object", "description": "Names to show: entity (in lang), story (titles), event_type (in lang)"}, "facets_over": {"type": "integer"}, "facets_complete": {"type": "boolean"}}),
                    &["hits", "facets", "total"])
            }
        }
    })
}

/// `GET /api/openapi.json`
pub async fn handler() -> Json<Value> {
    Json(document())
}
