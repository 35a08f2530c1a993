//! The JSON API end to end: a temp store built from this crate's fixture articles, a server on
//! 127.0.0.1:0, real HTTP requests. Every route, `?lang=`, 400/404/403/401/413, the token, the
//! body limit, and the OpenAPI document against the router.

mod common;

use common::{Server, enc, fixtures, ingest_dir, request};
use serde_json::{Value, json};
use std::sync::OnceLock;

const TOKEN: &str = "uji-token-rahasia";

/// One store and server for the read-only tests.
fn shared() -> &'static (tempfile::TempDir, Server) {
    static S: OnceLock<(tempfile::TempDir, Server)> = OnceLock::new();
    S.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        ingest_dir(dir.path(), &fixtures().join("story"));
        let server = Server::start(dir.path(), Some(TOKEN));
        (dir, server)
    })
}

fn server() -> &'static Server {
    &shared().1
}

fn ok_json(path: &str) -> Value {
    let r = server().get(path);
    assert_eq!(r.status, 200, "{path}: {}", r.text());
    assert!(r.header("content-type").unwrap_or("").starts_with("application/json"), "{path}");
    r.json()
}

fn error(path: &str, status: u16) -> String {
    let r = server().get(path);
    assert_eq!(r.status, status, "{path}: {}", r.text());
    let v = r.json();
    v["error"].as_str().unwrap_or_else(|| panic!("{path}: no error message in {v}")).to_string()
}

/// The story the three Seoul articles make.
fn seoul_story() -> Value {
    let list = ok_json("/api/stories");
    list["stories"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["articles"].as_array().unwrap().iter().any(|a| a.as_str().unwrap().contains("warta_timur")))
        .cloned()
        .expect("a story holds the Warta Timur article")
}

#[test]
fn story_list() {
    let v = ok_json("/api/stories");
    let stories = v["stories"].as_array().unwrap();
    assert!(stories.len() >= 2, "{v}");
    assert_eq!(v["total"].as_u64().unwrap() as usize, stories.len());
    for s in stories {
        assert!(s["id"].as_str().unwrap().starts_with('s'));
        assert!(!s["title"].as_str().unwrap().is_empty());
        assert_eq!(s["article_count"].as_u64().unwrap() as usize, s["articles"].as_array().unwrap().len());
    }
    let seoul = seoul_story();
    assert!(seoul["articles"].as_array().unwrap().len() >= 2, "{seoul}");
    // Paging.
    let one = ok_json("/api/stories?limit=1&offset=1");
    assert_eq!(one["stories"].as_array().unwrap().len(), 1);
    assert_eq!(one["stories"][0]["id"], stories[1]["id"]);
    assert!(error("/api/stories?limit=0", 400).contains("limit"));
    assert!(error("/api/stories?offset=-3", 400).contains("offset"));
    assert!(error("/api/stories?limit=1000", 400).contains("limit"));
    // `next` walks the list page by page and is null on the last page.
    let first = ok_json("/api/stories?limit=1");
    assert_eq!(first["next"], 1);
    let last = ok_json(&format!("/api/stories?limit=1&offset={}", stories.len() - 1));
    assert!(last["next"].is_null(), "{last}");
    assert_eq!(last["total"].as_u64().unwrap() as usize, stories.len());
    // Sorting: latest activity first by default; by size; a bad order is a 400 naming the known.
    assert_eq!(v["sort"], "latest");
    let last_dates: Vec<&str> = stories.iter().filter_map(|s| s["last_date"].as_str()).collect();
    assert!(last_dates.windows(2).all(|w| w[0] >= w[1]), "{last_dates:?}");
    let by_size = ok_json("/api/stories?sort=articles");
    let counts: Vec<u64> =
        by_size["stories"].as_array().unwrap().iter().map(|s| s["article_count"].as_u64().unwrap()).collect();
    assert!(counts.windows(2).all(|w| w[0] >= w[1]), "{counts:?}");
    assert_eq!(counts.len(), stories.len());
    let created = ok_json("/api/stories?sort=created");
    let nums: Vec<u64> = created["stories"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap()[1..].parse().unwrap())
        .collect();
    assert!(nums.windows(2).all(|w| w[0] < w[1]), "{nums:?}");
    let e = error("/api/stories?sort=popular", 400);
    assert!(e.contains("sort") && e.contains("earliest"), "{e}");
}

#[test]
fn story_coverage_counts_every_article_once() {
    let story = seoul_story();
    let id = story["id"].as_str().unwrap();
    let c = ok_json(&format!("/api/stories/{id}/coverage"));
    assert_eq!(c["story"], id);
    let n = story["articles"].as_array().unwrap().len() as u64;
    assert_eq!(c["articles"].as_u64(), Some(n), "{c}");
    let days = c["days"].as_array().unwrap();
    let per_day: u64 = days.iter().map(|d| d["total"].as_u64().unwrap()).sum();
    assert_eq!(per_day + c["undated"].as_u64().unwrap(), n);
    for d in days {
        let by_outlet: u64 = d["outlets"].as_object().unwrap().values().map(|v| v.as_u64().unwrap()).sum();
        assert_eq!(by_outlet, d["total"].as_u64().unwrap());
        assert_eq!(d["date"].as_str().unwrap().len(), 10);
    }
    let dates: Vec<&str> = days.iter().map(|d| d["date"].as_str().unwrap()).collect();
    assert!(dates.windows(2).all(|w| w[0] < w[1]), "days in order: {dates:?}");
    assert!(error("/api/stories/s999999/coverage", 404).contains("no story"));
    // A search carries the coverage of its matches.
    let found = ok_json("/api/search?q=*");
    assert_eq!(found["coverage"]["articles"], found["total"]);
}

#[test]
fn story_page_data() {
    let id = seoul_story()["id"].as_str().unwrap().to_string();
    let s = ok_json(&format!("/api/stories/{id}"));
    assert_eq!(s["id"], id.as_str());
    assert_eq!(s["lang"], "id");
    assert_eq!(s["dir"], "ltr");
    let articles = s["articles"].as_array().unwrap();
    assert!(articles.len() >= 2);
    for a in articles {
        assert!(a["id"].as_i64().unwrap() > 0);
        assert_eq!(a["story"], id.as_str());
    }
    // Timeline entries: each with its date, type, rendering and the articles behind it.
    let tl = s["timeline"].as_array().unwrap();
    assert!(!tl.is_empty(), "{s}");
    for e in tl {
        assert!(e.get("type").is_some() && e.get("date").is_some(), "{e}");
        assert!(e["summary"].as_str().is_some_and(|x| !x.is_empty()), "{e}");
        let support = e["support"].as_array().unwrap();
        assert!(!support.is_empty(), "{e}");
        for sup in support {
            let aid = sup["article"].as_i64().expect("each supporting source is a stored article");
            let art = articles.iter().find(|a| a["id"].as_i64() == Some(aid)).expect("a member article");
            assert!(sup.get("copy_of").is_some(), "{sup}");
            // Its title, so the web app names it by title where the outlet is unknown.
            assert_eq!(sup["title"], art["title"], "{sup}");
        }
        // Event entries count their support, in words too; article entries have no counts.
        if e["type"] != "article" {
            let c = &e["corroboration"];
            assert_eq!(c["articles"].as_u64(), Some(support.len() as u64), "{e}");
            assert!(e["support_text"].as_str().is_some_and(|t| t.contains("artikel")), "{e}");
        }
        if let Some(d) = e["date"].as_str() {
            assert_eq!(e["date_text"].as_str(), Some(warta_render::format_date(d, warta_render::Lang::Id).as_str()));
        }
    }
    // Entities with store ids; Sugiono is in all three.
    let ents = s["entities"].as_array().unwrap();
    let sugiono = ents.iter().find(|e| e["name"].as_str().unwrap().contains("Sugiono")).expect("Sugiono");
    assert!(sugiono["articles"].as_u64().unwrap() >= 2, "{sugiono}");
    assert!(sugiono["id"].as_i64().unwrap() > 0);
    // Quotes by speaker: Sugiono's two quotes together.
    let speakers = s["quotes_by_speaker"].as_array().unwrap();
    let sq = speakers
        .iter()
        .find(|g| g["speaker"].as_str().is_some_and(|n| n.contains("Sugiono")))
        .unwrap_or_else(|| panic!("no Sugiono quotes in {speakers:?}"));
    assert!(sq["count"].as_u64().unwrap() >= 2, "{sq}");
    assert_eq!(sq["entity"], sugiono["id"]);
    for q in sq["quotes"].as_array().unwrap() {
        assert!(q["article"].as_i64().is_some() && q["text"].as_str().is_some());
        let art = articles.iter().find(|a| a["id"] == q["article"]).expect("a member article");
        assert_eq!(q["title"], art["title"], "{q}");
    }
}

#[test]
fn lang_renders_dates_and_names() {
    let id = seoul_story()["id"].as_str().unwrap().to_string();
    for (lang, dir) in [("en", "ltr"), ("zh", "ltr"), ("ja", "ltr"), ("ar", "rtl"), ("fr", "ltr"), ("id", "ltr")] {
        let l = warta_render::Lang::parse(lang).unwrap();
        let s = ok_json(&format!("/api/stories/{id}?lang={lang}"));
        assert_eq!(s["lang"], lang);
        assert_eq!(s["dir"], dir);
        assert_eq!(s["title_lang"], "id", "titles are article text and stay Indonesian");
        if let Some(first) = s["first_date"].as_str() {
            assert_eq!(s["first_date_text"].as_str().unwrap(), warta_render::format_date(first, l));
        }
        for e in s["timeline"].as_array().unwrap() {
            assert_eq!(e["lang"], lang);
            if let Some(d) = e["date"].as_str() {
                assert_eq!(e["date_text"].as_str().unwrap(), warta_render::format_date(d, l), "{lang}: {e}");
            }
            // The entry still holds its structured facts.
            assert!(e["participants"].is_array());
        }
        for e in s["entities"].as_array().unwrap() {
            let kb = e["kb"].as_str();
            let want = warta_render::name(e["name"].as_str().unwrap(), kb, l);
            assert_eq!(e["name_text"], json!(want), "{lang}");
        }
        let list = ok_json(&format!("/api/stories?lang={lang}"));
        assert_eq!(list["dir"], dir);
        let sr = ok_json(&format!("/api/search?q=kapal&lang={lang}"));
        assert_eq!(sr["lang"], lang);
        for h in sr["hits"].as_array().unwrap() {
            if let Some(p) = h["published"].as_str() {
                assert_eq!(h["published_text"].as_str().unwrap(), warta_render::format_date(&p[..p.len().min(10)], l));
            }
        }
    }
    // A Chinese date is written the Chinese way.
    let zh = ok_json(&format!("/api/stories/{id}?lang=zh"));
    assert!(zh["first_date_text"].as_str().unwrap().contains('年'), "{}", zh["first_date_text"]);
    // Korea Selatan is a country the renderer knows in every language.
    let en = ok_json(&format!("/api/stories/{id}?lang=en"));
    let korea = en["entities"].as_array().unwrap().iter().find(|e| e["name"] == "Korea Selatan");
    if let Some(k) = korea {
        assert_eq!(k["name_text"]["text"], "South Korea");
    }
    for bad in ["xx", "english", "de", "1"] {
        assert!(error(&format!("/api/stories?lang={bad}"), 400).contains("lang"));
        assert!(error(&format!("/api/stories/{id}?lang={bad}"), 400).contains("lang"));
        assert!(error(&format!("/api/search?q=kapal&lang={bad}"), 400).contains("lang"));
        assert!(error(&format!("/api/entities/1?lang={bad}"), 400).contains("lang"));
    }
}

#[test]
fn entity_page_data() {
    let id = seoul_story()["id"].as_str().unwrap().to_string();
    let s = ok_json(&format!("/api/stories/{id}"));
    let sugiono = s["entities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["name"].as_str().unwrap().contains("Sugiono"))
        .unwrap()
        .clone();
    let eid = sugiono["id"].as_i64().unwrap();
    let e = ok_json(&format!("/api/entities/{eid}"));
    assert_eq!(e["id"].as_i64(), Some(eid));
    assert_eq!(e["name"], sugiono["name"]);
    assert_eq!(e["type"], sugiono["type"]);
    assert!(e["mentions"].as_i64().unwrap() >= 3, "{e}");
    assert!(e["articles"].as_array().unwrap().len() >= 2);
    assert!(e["stories"].as_array().unwrap().iter().any(|x| x == id.as_str()));
    assert!(e["aliases"].is_array());
    assert!(e["same_as"].is_array(), "{e}");
    assert!(e["timeline"].is_array());
    let en = ok_json(&format!("/api/entities/{eid}?lang=en"));
    assert_eq!(en["lang"], "en");
    assert!(en["name_text"]["text"].as_str().is_some());
}

#[test]
fn article_page_data() {
    let list = ok_json("/api/search?q=*&limit=100");
    let hit = list["hits"]
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["source"].as_str().unwrap().contains("a_kabarpagi"))
        .unwrap()
        .clone();
    let a = ok_json(&format!("/api/articles/{}", hit["id"]));
    assert_eq!(a["source"], hit["source"]);
    let text = a["text"].as_str().unwrap();
    let an = &a["analysis"];
    // Offsets are byte offsets into `text`.
    let slice = |v: &Value| &text[v["start"].as_u64().unwrap() as usize..v["end"].as_u64().unwrap() as usize];
    let ents = an["entities"].as_array().unwrap();
    assert!(!ents.is_empty());
    for e in ents {
        for m in e["mentions"].as_array().unwrap() {
            assert_eq!(slice(m), m["text"].as_str().unwrap());
        }
        let local = e["id"].as_str().unwrap();
        assert!(a["entity_ids"][local].as_i64().is_some(), "entity {local} has a store id");
    }
    for t in an["times"].as_array().unwrap() {
        assert_eq!(slice(t), t["text"].as_str().unwrap());
    }
    assert!(!an["quotes"].as_array().unwrap().is_empty());
    let removed = an["removed"].as_array().unwrap();
    assert!(removed.iter().any(|r| r["text"].as_str().unwrap().starts_with("Baca Juga")), "{removed:?}");
    assert!(a["published_text"].is_string());
}

#[test]
fn search_hits_filters_and_facets() {
    let v = ok_json(&format!("/api/search?q={}", enc("awak kapal")));
    let hits = v["hits"].as_array().unwrap();
    assert!(hits.len() >= 2, "{v}");
    assert_eq!(v["total"].as_u64().unwrap() as usize, hits.len());
    for h in hits {
        let parts = h["snippet_parts"].as_array().unwrap();
        assert!(parts.iter().any(|p| p["match"] == true), "{h}");
    }
    for k in ["outlet", "entity", "year", "month", "story", "event_type"] {
        assert!(v["facets"][k].is_object(), "facet {k}");
    }
    // Snippets are plain text (no markup, no entities); snippet_parts marks the matches.
    for h in hits {
        let snip = h["snippet"].as_str().unwrap();
        assert!(!snip.contains("**") && !snip.contains("&quot;") && !snip.contains("&amp;"), "{snip}");
    }
    // The event-type facet: each type narrows to its count, and is named in the asked language.
    let types = v["facets"]["event_type"].as_object().unwrap();
    assert!(!types.is_empty(), "{v}");
    for (t, n) in types {
        let f = ok_json(&format!("/api/search?q={}&type={t}", enc("awak kapal")));
        assert_eq!(f["total"].as_u64(), n.as_u64(), "type {t}");
        assert_eq!(f["query"]["type"], t.as_str());
    }
    let (t, _) = types.iter().next().unwrap();
    let en = ok_json(&format!("/api/search?q={}&lang=en", enc("awak kapal")));
    let label = en["facet_labels"]["event_type"][t].as_str().unwrap();
    assert!(!label.is_empty() && label != "type-{t}", "{label}");
    let e = error("/api/search?q=kapal&type=picnic", 400);
    assert!(e.contains("picnic") && e.contains("arrest"), "{e}");
    // Newest first: the same hits, in date order, undated last.
    let newest = ok_json("/api/search?q=*&limit=100&sort=newest");
    assert_eq!(newest["query"]["sort"], "newest");
    let days: Vec<Option<&str>> = newest["hits"].as_array().unwrap().iter().map(|h| h["published"].as_str()).collect();
    let dated: Vec<&str> = days.iter().flatten().copied().collect();
    // (A month-precision date sorts by the day the store files it under: compare months.)
    assert!(dated.windows(2).all(|w| w[0][..7] >= w[1][..7]), "{days:?}");
    assert!(days.iter().skip_while(|d| d.is_some()).all(|d| d.is_none()), "undated last: {days:?}");
    assert!(error("/api/search?q=*&sort=oldest", 400).contains("sort"));
    let outlets = v["facets"]["outlet"].as_object().unwrap();
    assert!(!outlets.is_empty());
    let total: u64 = v["facets"]["story"].as_object().unwrap().values().map(|n| n.as_u64().unwrap()).sum();
    assert_eq!(total as usize, hits.len());
    assert_eq!(v["facets"]["year"]["2024"].as_u64().unwrap() as usize, hits.len());
    assert_eq!(v["facets_complete"], true);
    // Every facet value is a working filter that narrows to its count.
    let (outlet, n) = outlets.iter().next().unwrap();
    let f = ok_json(&format!("/api/search?q={}&outlet={}", enc("awak kapal"), enc(outlet)));
    assert_eq!(f["hits"].as_array().unwrap().len() as u64, n.as_u64().unwrap());
    let (entity, n) = v["facets"]["entity"].as_object().unwrap().iter().next().unwrap();
    let f = ok_json(&format!("/api/search?q={}&entity={}", enc("awak kapal"), enc(entity)));
    assert_eq!(f["total"].as_u64(), n.as_u64());
    // Dates and phrases.
    let none = ok_json("/api/search?q=kapal&from=2030-01-01");
    assert_eq!(none["hits"].as_array().unwrap().len(), 0);
    let may = ok_json("/api/search?q=*&from=2024-05-01&to=2024-05-31");
    assert!(may["hits"].as_array().unwrap().len() >= 2);
    assert!(
        may["hits"]
            .as_array()
            .unwrap()
            .iter()
            .all(|h| h["published"].as_str().unwrap_or("2024-05").starts_with("2024-05"))
    );
    let phrase = ok_json(&format!("/api/search?q={}", enc("\"awak kapal perikanan\"")));
    assert!(!phrase["hits"].as_array().unwrap().is_empty());
    let limited = ok_json("/api/search?q=*&limit=1");
    assert_eq!(limited["hits"].as_array().unwrap().len(), 1);
    assert!(limited["total"].as_u64().unwrap() >= 3);
    // Paging: `next` leads through every hit once, in the order of one big page.
    let all = ok_json("/api/search?q=*&limit=100");
    let want: Vec<&Value> = all["hits"].as_array().unwrap().iter().map(|h| &h["id"]).collect();
    let mut got = Vec::new();
    let mut offset = Some(0u64);
    while let Some(o) = offset {
        let page = ok_json(&format!("/api/search?q=*&limit=2&offset={o}"));
        assert_eq!(page["offset"], o);
        got.extend(page["hits"].as_array().unwrap().iter().map(|h| h["id"].clone()));
        offset = page["next"].as_u64();
    }
    assert_eq!(got.iter().collect::<Vec<_>>(), want);
    assert!(all["next"].is_null());
    assert!(error("/api/search?q=*&limit=100&offset=950", 400).contains("offset + limit"));
}

#[test]
fn malformed_requests_are_400_never_500() {
    let cases = [
        ("/api/search?q=%22unclosed", "quote"),
        ("/api/search?q=kapal&from=2024-13-01", "from"),
        ("/api/search?q=kapal&to=13/05/2024", "to"),
        ("/api/search?q=kapal&from=2024-06-01&to=2024-05-01", "after"),
        ("/api/search?q=kapal&limit=0", "limit"),
        ("/api/search?q=kapal&limit=101", "limit"),
        ("/api/search?q=kapal&limit=banyak", "limit"),
        ("/api/search?q=kapal&sort=date", "expected relevance or newest"),
        ("/api/search?q=kapal&order=newest", "unknown parameter"),
        ("/api/search?q=kapal&q=laut", "more than once"),
        ("/api/search?q=(((((kapal)))))", "parenthes"),
        ("/api/search?q=kapal)", "parenthesis"),
        ("/api/stories/x1", "story id"),
        ("/api/stories/s0", "story id"),
        ("/api/stories/s01", "story id"),
        ("/api/stories/s99999999999999999999", "story id"),
        ("/api/articles/abc", "article id"),
        ("/api/articles/0", "article id"),
        ("/api/articles/99999999999999999999999", "article id"),
        ("/api/entities/-1", "entity id"),
        ("/api/entities/1.5", "entity id"),
    ];
    for (path, needle) in cases {
        let msg = error(path, 400);
        assert!(msg.to_lowercase().contains(needle), "{path}: {msg:?} lacks {needle:?}");
    }
    let long = "kapal ".repeat(100);
    assert!(error(&format!("/api/search?q={}", enc(&long)), 400).contains("long"));
    let many = (0..40).map(|i| format!("kata{i}")).collect::<Vec<_>>().join(" ");
    assert!(error(&format!("/api/search?q={}", enc(&many)), 400).contains("terms"));
    // Whatever tantivy's grammar makes of odd input: a 200 or a 400 with a message, never a 500.
    for q in [
        "title:",
        "AND",
        "OR OR",
        "*:*",
        "[a TO",
        "kapal~2",
        "kapal^",
        "-",
        "\"\"",
        ":",
        "title:(",
        "%",
        "\\",
        "{}",
        "body:[* TO *]",
        "🙂",
        "a:b:c",
    ] {
        let r = server().get(&format!("/api/search?q={}", enc(q)));
        assert!(r.status == 200 || r.status == 400, "{q:?}: {} {}", r.status, r.text());
        if r.status == 400 {
            assert!(r.json()["error"].is_string());
        }
    }
}

#[test]
fn unknown_ids_and_routes_are_404_json() {
    assert!(error("/api/stories/s999", 404).contains("s999"));
    assert!(error("/api/articles/999999", 404).contains("999999"));
    assert!(error("/api/entities/999999", 404).contains("999999"));
    assert!(error("/api/nothing-here", 404).contains("no such route"));
    assert!(error("/no/such/page", 404).contains("no such route"));
}

#[test]
fn web_app_is_served_with_csp() {
    let r = server().get("/");
    assert_eq!(r.status, 200);
    assert!(r.header("content-type").unwrap().starts_with("text/html"));
    let csp = r.header("content-security-policy").expect("CSP on the page");
    assert!(csp.contains("default-src 'self'") && csp.contains("script-src 'self'"), "{csp}");
    assert!(!csp.contains("unsafe-inline") && !csp.contains("unsafe-eval"));
    assert_eq!(r.header("x-content-type-options"), Some("nosniff"));
    let html = r.text();
    assert!(html.contains("/app.js") && html.contains("/app.css"));
    // Nothing from elsewhere: no absolute URLs to other hosts in the page or its assets.
    for path in ["/", "/app.js", "/app.css"] {
        let body = server().get(path).text();
        for bad in
            ["http://", "https://", "//cdn", "innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("]
        {
            let hits: Vec<_> = body.match_indices(bad).collect();
            // The SVG namespace is the one absolute URL the script needs.
            let allowed =
                bad == "http://" && hits.iter().all(|(i, _)| body[*i..].starts_with("http://www.w3.org/2000/svg"));
            assert!(hits.is_empty() || allowed, "{path} contains {bad}");
        }
    }
    assert!(server().get("/app.js").header("content-type").unwrap().starts_with("text/javascript"));
    assert!(server().get("/app.css").header("content-type").unwrap().starts_with("text/css"));
}

#[test]
fn openapi_matches_the_router() {
    let doc = ok_json("/api/openapi.json");
    assert_eq!(doc["openapi"], "3.1.0");
    let paths = doc["paths"].as_object().unwrap();
    let routes = warta_server::routes();
    for (method, path) in &routes {
        let op = &paths.get(*path).unwrap_or_else(|| panic!("{path} missing from OpenAPI"))[*method];
        assert!(op.is_object(), "{method} {path} missing from OpenAPI");
        assert!(op["responses"].is_object(), "{method} {path} has no responses");
        // Path parameters are declared.
        if path.contains("{id}") {
            let params = op["parameters"].as_array().unwrap();
            assert!(params.iter().any(|p| p["name"] == "id" && p["in"] == "path"), "{path}");
        }
    }
    for (path, item) in paths {
        for method in item.as_object().unwrap().keys() {
            assert!(
                routes.contains(&(method.as_str(), path.as_str())),
                "OpenAPI names {method} {path}, the router does not"
            );
        }
    }
    // Every route answers (not a fallback 404 and not 405) with the method it is listed under.
    let story = seoul_story()["id"].as_str().unwrap().to_string();
    for (method, path) in &routes {
        let p = path.replace("{id}", if path.contains("stories") { &story } else { "1" });
        let r = request(server().addr, &method.to_uppercase(), &p, &[], b"");
        assert!(
            r.status != 405 && !(r.status == 404 && r.text().contains("no such route")),
            "{method} {p}: {}",
            r.status
        );
    }
    // Every query parameter a route reads is documented: an undocumented one is refused.
    for (route, params) in [
        ("/api/search", vec!["q", "outlet", "entity", "from", "to", "type", "sort", "limit", "offset", "lang"]),
        ("/api/stories", vec!["lang", "limit", "offset", "sort"]),
        ("/api/stories/{id}", vec!["id", "lang"]),
        ("/api/stories/{id}/coverage", vec!["id", "lang"]),
        ("/api/entities/{id}", vec!["id", "lang"]),
        ("/api/articles/{id}", vec!["id", "lang"]),
    ] {
        let declared: Vec<&str> =
            paths[route]["get"]["parameters"].as_array().unwrap().iter().map(|p| p["name"].as_str().unwrap()).collect();
        let mut a = declared.clone();
        a.sort();
        let mut b = params.clone();
        b.sort();
        assert_eq!(a, b, "{route}");
    }
}

#[test]
fn posting_needs_the_token_and_ingests() {
    let dir = tempfile::tempdir().unwrap();
    ingest_dir(dir.path(), &fixtures().join("story"));
    let srv = Server::start(dir.path(), Some(TOKEN));
    let post = |auth: Option<&str>, body: &[u8]| {
        let bearer = auth.map(|t| format!("Bearer {t}"));
        let mut h = vec![("Content-Type", "application/json")];
        if let Some(b) = &bearer {
            h.push(("Authorization", b.as_str()));
        }
        request(srv.addr, "POST", "/api/articles", &h, body)
    };
    let text = "Nelayan Natuna Dapat Bantuan Kapal\nKABARPAGI.CO.ID - NATUNA. Pemerintah menyerahkan sepuluh kapal kepada nelayan Natuna pada Jumat (7/6/2024).\n\"Kapal ini akan kami pakai bersama,\" kata Ahmad Yani, ketua kelompok nelayan.";
    let body = serde_json::to_vec(&json!({"source": "posted/natuna.txt", "text": text})).unwrap();
    let r = post(None, &body);
    assert_eq!(r.status, 401, "{}", r.text());
    assert_eq!(r.header("www-authenticate"), Some("Bearer"));
    assert_eq!(post(Some("salah"), &body).status, 401);
    let r = post(Some(TOKEN), &body);
    assert_eq!(r.status, 201, "{}", r.text());
    let v = r.json();
    assert_eq!(v["outcome"], "added");
    let id = v["id"].as_i64().unwrap();
    let a = srv.get(&format!("/api/articles/{id}")).json();
    assert_eq!(a["source"], "posted/natuna.txt");
    assert_eq!(a["text"].as_str().unwrap(), text);
    assert!(
        a["analysis"]["quotes"]
            .as_array()
            .unwrap()
            .iter()
            .any(|q| q["speaker"].as_str().is_some_and(|s| s.contains("Ahmad Yani")))
    );
    // Searchable at once, like `warta ingest`.
    let s = srv.get("/api/search?q=natuna").json();
    assert!(s["hits"].as_array().unwrap().iter().any(|h| h["id"].as_i64() == Some(id)));
    // The same content again changes nothing.
    let again = post(Some(TOKEN), &body);
    assert_eq!(again.status, 200);
    assert_eq!(again.json()["outcome"], "unchanged");
    // An HTML page goes through the HTML edge.
    let page = "<html><head><title>Kapal Baru untuk Nelayan Anambas</title></head><body><article><h1>Kapal Baru untuk Nelayan Anambas</h1><p>ANAMBAS - Pemerintah daerah menyerahkan lima kapal kepada nelayan Anambas pada Sabtu (8/6/2024) di pelabuhan.</p><p>Bantuan itu diharapkan menambah hasil tangkapan nelayan setempat selama musim angin barat.</p></article></body></html>";
    let r = post(Some(TOKEN), &serde_json::to_vec(&json!({"source": "posted/anambas.html", "html": page})).unwrap());
    assert_eq!(r.status, 201, "{}", r.text());
    let hid = r.json()["id"].as_i64().unwrap();
    let a = srv.get(&format!("/api/articles/{hid}")).json();
    assert!(a["text"].as_str().unwrap().contains("lima kapal"));
    assert!(!a["text"].as_str().unwrap().contains("<p>"));
    // Malformed bodies.
    for (bad, needle) in [
        (b"not json".to_vec(), "json"),
        (serde_json::to_vec(&json!({"source": "x", "text": "a", "html": "b"})).unwrap(), "exactly one"),
        (serde_json::to_vec(&json!({"source": "x"})).unwrap(), "exactly one"),
        (serde_json::to_vec(&json!({"source": "", "text": "isi"})).unwrap(), "source"),
        (serde_json::to_vec(&json!({"source": "x", "text": "isi", "extra": 1})).unwrap(), "unknown field"),
        (serde_json::to_vec(&json!({"source": "x", "text": ""})).unwrap(), "x"),
    ] {
        let r = post(Some(TOKEN), &bad);
        assert_eq!(r.status, 400, "{}", r.text());
        assert!(r.json()["error"].as_str().unwrap().to_lowercase().contains(needle), "{}", r.text());
    }
    // The body limit.
    let huge = serde_json::to_vec(&json!({"source": "posted/besar.txt", "text": "kapal ".repeat(500_000)})).unwrap();
    assert!(huge.len() > warta_server::limits::MAX_BODY_BYTES);
    let r = post(Some(TOKEN), &huge);
    assert_eq!(r.status, 413, "{}", r.text());
    assert!(r.json()["error"].is_string());
    // Nothing of the refused posts was stored.
    let all = srv.get("/api/search?q=*&limit=100").json();
    assert!(!all["hits"].as_array().unwrap().iter().any(|h| h["source"] == "posted/besar.txt" || h["source"] == "x"));
}

#[test]
fn without_a_token_writing_is_disabled() {
    let dir = tempfile::tempdir().unwrap();
    let srv = Server::start(dir.path(), None);
    let body = serde_json::to_vec(&json!({"source": "a.txt", "text": "Isi berita."})).unwrap();
    for auth in [None, Some("Bearer apa-saja")] {
        let mut h = vec![("Content-Type", "application/json")];
        if let Some(a) = auth {
            h.push(("Authorization", a));
        }
        let r = request(srv.addr, "POST", "/api/articles", &h, &body);
        assert_eq!(r.status, 403, "{}", r.text());
        assert!(r.json()["error"].as_str().unwrap().contains("--token"));
    }
    // An empty store still answers.
    let v = srv.get("/api/stories").json();
    assert_eq!(v["stories"].as_array().unwrap().len(), 0);
    assert_eq!(srv.get("/api/search?q=apa").json()["total"], 0);
}
