//! warta's machine translation of article text (titles, body paragraphs) from Indonesian into
//! en/zh/ja/ar/fr, through a pluggable [`Backend`]: an OpenAI-compatible chat-completions
//! endpoint or a LibreTranslate-compatible one, configured by URL and key.
//!
//! The facts warta knows are never left to the translator: before a segment is sent, entity
//! mentions (by the Analysis offsets), dates (the Analysis `times` that are day or month
//! values), numbers, URLs and quote speakers become placeholders (`⟦E1⟧`, `⟦T1⟧`, `⟦N1⟧`,
//! `⟦U1⟧`, `⟦S1⟧`, see [`protect`]); after translation each is replaced by its form in the
//! target language (the gazetteer's name, an ICU4X date, a regrouped number, or the original
//! text), and every placeholder must have come back exactly once, else a warning names it and
//! the segment is flagged. Translations are cached by content hash ([`cache`]). Every result
//! carries the note, in the target language, that it is machine generated and that the
//! Indonesian is authoritative ([`note`]).
//!
//! Everything except [`Backend::translate`] and the cache files is pure.
//!
//! ```no_run
//! # fn demo(a: &warta_engine::Analysis, text: &str) {
//! if let Some(t) = warta_translate::Translator::from_env() {
//!     let out = t.translate_article(a, text, warta_render::Lang::Fr);
//! }
//! # }
//! ```

pub mod backend;
pub mod cache;
pub mod localize;
pub mod protect;

pub use backend::{Backend, BackendError, LibreTranslate, OpenAi};
pub use cache::Cache;
pub use protect::{Problem, Slot, SlotKind};

use fluent_bundle::{FluentBundle, FluentResource};
use protect::{Candidate, Protected};
use serde::Serialize;
use std::path::PathBuf;
use std::time::Duration;
use warta_engine::Analysis;
use warta_render::Lang;

/// Translation is off: no backend is configured. Shown to users as [`off_message`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TranslationOff;

impl std::fmt::Display for TranslationOff {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(
            "translation is off: no translation backend is configured (give --translate-url and \
             --translate-kind, or set WARTA_TRANSLATE_URL and WARTA_TRANSLATE_KIND)",
        )
    }
}

impl std::error::Error for TranslationOff {}

/// Which API the endpoint speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    OpenAi,
    LibreTranslate,
}

impl std::str::FromStr for Kind {
    type Err = String;
    fn from_str(s: &str) -> Result<Kind, String> {
        match s.trim().to_ascii_lowercase().as_str() {
            "openai" => Ok(Kind::OpenAi),
            "libretranslate" | "libre" => Ok(Kind::LibreTranslate),
            other => Err(format!("unknown translation backend kind {other:?} (expected openai or libretranslate)")),
        }
    }
}

/// How to reach a backend. Built by the command line (flags, then `WARTA_TRANSLATE_*`) or by
/// [`Config::from_env`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    pub kind: Kind,
    pub url: String,
    pub key: Option<String>,
    /// Required for `openai`; unused by `libretranslate`.
    pub model: Option<String>,
    /// LibreTranslate's code for Simplified Chinese (`zh`, the default, or `zh-Hans`).
    pub zh_code: Option<String>,
    pub timeout: Duration,
    /// Where the cache lives; None: no cache.
    pub cache_dir: Option<PathBuf>,
}

/// Raw settings as given (flags or environment), before checking.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Settings {
    pub url: Option<String>,
    pub key: Option<String>,
    pub kind: Option<String>,
    pub model: Option<String>,
    pub zh_code: Option<String>,
    pub timeout_secs: Option<u64>,
}

impl Settings {
    /// `WARTA_TRANSLATE_URL`, `_KEY`, `_KIND`, `_MODEL`, `_ZH_CODE`, `_TIMEOUT` (seconds).
    pub fn from_env() -> Settings {
        let var = |k: &str| std::env::var(k).ok().filter(|v| !v.trim().is_empty());
        Settings {
            url: var("WARTA_TRANSLATE_URL"),
            key: var("WARTA_TRANSLATE_KEY"),
            kind: var("WARTA_TRANSLATE_KIND"),
            model: var("WARTA_TRANSLATE_MODEL"),
            zh_code: var("WARTA_TRANSLATE_ZH_CODE"),
            timeout_secs: var("WARTA_TRANSLATE_TIMEOUT").and_then(|v| v.trim().parse().ok()),
        }
    }

    /// These settings, each missing one taken from `other`.
    pub fn or(self, other: Settings) -> Settings {
        Settings {
            url: self.url.or(other.url),
            key: self.key.or(other.key),
            kind: self.kind.or(other.kind),
            model: self.model.or(other.model),
            zh_code: self.zh_code.or(other.zh_code),
            timeout_secs: self.timeout_secs.or(other.timeout_secs),
        }
    }

    /// Ok(None) when no URL is given (translation is off); an error for settings that cannot
    /// work (unknown kind, openai without a model, a URL that is not http(s)). The kind may be
    /// left out only when the URL says it (`…/v1`, `…/chat/completions` → openai;
    /// `…/translate` → libretranslate).
    pub fn config(self, cache_dir: Option<PathBuf>) -> Result<Option<Config>, String> {
        let Some(url) = self.url else { return Ok(None) };
        let url = url.trim().to_string();
        if !(url.starts_with("http://") || url.starts_with("https://")) {
            return Err(format!("translation URL must start with http:// or https://: {url:?}"));
        }
        let path = url.trim_end_matches('/');
        let kind = match &self.kind {
            Some(k) => k.parse()?,
            None if path.ends_with("/v1") || path.ends_with("/chat/completions") => Kind::OpenAi,
            None if path.ends_with("/translate") => Kind::LibreTranslate,
            None => {
                return Err(format!(
                    "which API does {url} speak? give --translate-kind openai|libretranslate (or WARTA_TRANSLATE_KIND)"
                ));
            }
        };
        if kind == Kind::OpenAi && self.model.is_none() {
            return Err("the openai backend needs a model: give --translate-model (or WARTA_TRANSLATE_MODEL)".into());
        }
        Ok(Some(Config {
            kind,
            url,
            key: self.key,
            model: self.model,
            zh_code: self.zh_code,
            timeout: Duration::from_secs(self.timeout_secs.unwrap_or(120).max(1)),
            cache_dir,
        }))
    }
}

impl Config {
    /// From `WARTA_TRANSLATE_*`, caching in `$WARTA_DATA/translations` (else
    /// `./warta-data/translations`). Ok(None) when `WARTA_TRANSLATE_URL` is not set.
    pub fn from_env() -> Result<Option<Config>, String> {
        let data = std::env::var_os("WARTA_DATA").map(PathBuf::from).unwrap_or_else(|| PathBuf::from("warta-data"));
        Settings::from_env().config(Some(cache::Cache::in_data_dir(&data).dir().to_path_buf()))
    }
}

/// One problem with one segment of a translation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Warning {
    /// `title` or `body[i]` (0-based paragraph index).
    pub segment: String,
    #[serde(flatten)]
    pub problem: Problem,
    /// The problem in words.
    pub message: String,
}

/// A machine-translated article.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Translated {
    pub source: String,
    pub lang: Lang,
    /// `rtl` for Arabic, else `ltr`.
    pub dir: &'static str,
    pub title: Option<String>,
    pub body: Vec<String>,
    /// In the target language: machine generated, the Indonesian is authoritative.
    pub note: String,
    pub machine_translated: bool,
    pub warnings: Vec<Warning>,
    /// Segments with a warning (`title`, `body[2]`): read them against the Indonesian.
    pub flagged: Vec<String>,
    /// `openai` or `libretranslate`.
    pub backend: &'static str,
    pub model: Option<String>,
    /// True when every segment came from the cache (no request was made).
    pub cached: bool,
    /// How many placeholders were sent (names, dates, numbers, URLs, speakers).
    pub protected: usize,
}

/// A failed translation of one article.
#[derive(Debug)]
pub enum Error {
    /// The backend failed; names the article.
    Backend { article: String, error: BackendError },
    /// The target is Indonesian: nothing to translate.
    Indonesian,
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::Backend { article, error } => write!(f, "{article}: translation failed: {error}"),
            Error::Indonesian => f.write_str("the articles are in Indonesian already: choose en, zh, ja, ar or fr"),
        }
    }
}

impl std::error::Error for Error {}

/// A translator: a backend and an optional cache.
pub struct Translator {
    backend: Box<dyn Backend>,
    cache: Option<Cache>,
}

/// One segment of an article: its text and where its pieces lie in the decoded text
/// (`(text start, text end, segment start)`), empty when unknown.
struct Segment {
    name: String,
    text: String,
    map: Vec<(usize, usize, usize)>,
}

impl Segment {
    /// A text span as a span of this segment, when one piece holds it whole.
    fn local(&self, start: usize, end: usize) -> Option<(usize, usize)> {
        self.map
            .iter()
            .find(|&&(s, e, _)| s <= start && end <= e)
            .map(|&(s, _, l)| (l + start - s, l + end - s))
            .filter(|&(a, b)| b <= self.text.len() && self.text.is_char_boundary(a) && self.text.is_char_boundary(b))
    }
}

fn segments(a: &Analysis, text: &str, with_body: bool) -> Vec<Segment> {
    let mut out = Vec::new();
    if let Some(title) = a.title.as_deref().filter(|t| !t.trim().is_empty()) {
        let map = text.find(title).map(|p| vec![(p, p + title.len(), 0)]).unwrap_or_default();
        out.push(Segment { name: "title".into(), text: title.to_string(), map });
    }
    if with_body {
        for (i, body) in a.body.iter().enumerate() {
            // Paragraph pieces are joined by one space (warta_engine::analysis::Paragraph).
            let mut map = Vec::new();
            if let Some(p) = a.paragraphs.get(i).filter(|p| p.text == *body) {
                let mut local = 0;
                for s in &p.spans {
                    map.push((s.start, s.end, local));
                    local += s.end - s.start + 1;
                }
            }
            out.push(Segment { name: format!("body[{i}]"), text: body.clone(), map });
        }
    }
    out
}

/// What to protect in one segment of an article, and what goes back for `lang`.
fn candidates(a: &Analysis, seg: &Segment, lang: Lang) -> Vec<Candidate> {
    let t = &seg.text;
    let mut out = Vec::new();
    let mut add = |start: usize, end: usize, kind: SlotKind, replacement: String| {
        out.push(Candidate { start, end, kind, replacement });
    };
    for (s, e) in protect::url_spans(t) {
        add(s, e, SlotKind::Url, t[s..e].to_string());
    }
    for ent in &a.entities {
        let kb = ent.kb.as_deref();
        let name = warta_render::name(&ent.name, kb, lang);
        let replacement = |written: &str| if name.untranslated { written.to_string() } else { name.text.clone() };
        for m in &ent.mentions {
            // Pronouns and lower-case descriptions are words for the translator.
            if !m.text.chars().any(char::is_uppercase) {
                continue;
            }
            match seg.local(m.start, m.end) {
                Some((s, e)) if t[s..e] == m.text => add(s, e, SlotKind::Entity, replacement(&m.text)),
                Some(_) => {}
                // No offsets for this segment (a headline not found in the text): by name.
                None if seg.map.is_empty() => {
                    for (s, e) in protect::word_occurrences(t, &m.text) {
                        add(s, e, SlotKind::Entity, replacement(&m.text));
                    }
                }
                None => {}
            }
        }
    }
    for tm in &a.times {
        if tm.kind != warta_engine::analysis::TimeKind::Date {
            continue;
        }
        let Some((s, _)) = seg.local(tm.start, tm.end).filter(|&(s, e)| t[s..e] == tm.text) else { continue };
        let Some((cs, ce)) = localize::core_span(&tm.text) else { continue };
        let written = &tm.text[cs..ce];
        if let Some(r) = localize::date_text(&tm.value, written, lang) {
            add(s + cs, s + ce, SlotKind::Time, r);
        }
    }
    let mut speakers: Vec<&str> = Vec::new();
    for q in &a.quotes {
        if q.speaker_entity.is_none() {
            speakers.extend(q.speaker.as_deref());
        }
        speakers.extend(q.via.as_deref());
    }
    speakers.extend(a.sources.iter().map(String::as_str));
    speakers.sort_unstable();
    speakers.dedup();
    for sp in speakers {
        if sp.ends_with("(anonim)") || !sp.chars().next().is_some_and(char::is_uppercase) {
            continue;
        }
        for (s, e) in protect::word_occurrences(t, sp) {
            add(s, e, SlotKind::Speaker, sp.to_string());
        }
    }
    for (s, e) in protect::number_spans(t) {
        add(s, e, SlotKind::Number, localize::number_text(&t[s..e], lang));
    }
    out
}

/// Protect every segment of an article for `lang` (title first, then body paragraphs when
/// `with_body`): what would be sent to a backend. Pure.
pub fn protect_article(a: &Analysis, text: &str, lang: Lang, with_body: bool) -> Vec<(String, Protected)> {
    segments(a, text, with_body)
        .into_iter()
        .map(|seg| {
            let c = candidates(a, &seg, lang);
            let p = protect::protect(&seg.text, c);
            (seg.name, p)
        })
        .collect()
}

impl Translator {
    pub fn new(backend: Box<dyn Backend>) -> Translator {
        Translator { backend, cache: None }
    }

    pub fn with_cache(mut self, cache: Cache) -> Translator {
        self.cache = Some(cache);
        self
    }

    pub fn from_config(c: &Config) -> Translator {
        let backend: Box<dyn Backend> = match c.kind {
            Kind::OpenAi => {
                Box::new(OpenAi::new(&c.url, c.key.clone(), c.model.clone().unwrap_or_default(), c.timeout))
            }
            Kind::LibreTranslate => Box::new(LibreTranslate::new(&c.url, c.key.clone(), c.zh_code.clone(), c.timeout)),
        };
        let t = Translator::new(backend);
        match &c.cache_dir {
            Some(d) => t.with_cache(Cache::at(d.clone())),
            None => t,
        }
    }

    /// The translator `WARTA_TRANSLATE_*` configure, None when translation is off or the
    /// settings are unusable (use [`Config::from_env`] to see why).
    pub fn from_env() -> Option<Translator> {
        Config::from_env().ok().flatten().map(|c| Translator::from_config(&c))
    }

    /// A translator, or [`TranslationOff`] when there is no configuration.
    pub fn configured(c: Option<&Config>) -> Result<Translator, TranslationOff> {
        c.map(Translator::from_config).ok_or(TranslationOff)
    }

    pub fn backend(&self) -> &dyn Backend {
        self.backend.as_ref()
    }

    /// Translate an article's title and body paragraphs. `text` is the decoded text the
    /// Analysis offsets refer to.
    pub fn translate_article(&self, a: &Analysis, text: &str, lang: Lang) -> Result<Translated, Error> {
        self.run(a, text, lang, true)
    }

    /// Translate only the title (`body` stays empty).
    pub fn translate_title(&self, a: &Analysis, text: &str, lang: Lang) -> Result<Translated, Error> {
        self.run(a, text, lang, false)
    }

    fn run(&self, a: &Analysis, text: &str, lang: Lang, with_body: bool) -> Result<Translated, Error> {
        if lang == Lang::Id {
            return Err(Error::Indonesian);
        }
        let protected = protect_article(a, text, lang, with_body);
        let who = cache::Who {
            backend: self.backend.kind(),
            endpoint: self.backend.endpoint(),
            model: self.backend.model(),
            lang,
        };
        let mut answers: Vec<Option<String>> = vec![None; protected.len()];
        let mut warnings = Vec::new();
        let mut missing: Vec<usize> = Vec::new();
        for (i, (_, p)) in protected.iter().enumerate() {
            if p.text.trim().is_empty() {
                answers[i] = Some(p.text.clone());
                continue;
            }
            let hit = self.cache.as_ref().and_then(|c| c.get(&cache::key(&who, &p.text), &p.text));
            match hit {
                Some(t) => answers[i] = Some(t),
                None => missing.push(i),
            }
        }
        let cached = missing.is_empty();
        if !missing.is_empty() {
            let texts: Vec<String> = missing.iter().map(|&i| protected[i].1.text.clone()).collect();
            let got = self
                .backend
                .translate(&texts, lang)
                .map_err(|error| Error::Backend { article: a.source.clone(), error })?;
            for (&i, t) in missing.iter().zip(got) {
                if let Some(c) = &self.cache {
                    let src = &protected[i].1.text;
                    if let Err(e) = c.put(&cache::key(&who, src), &who, src, &t) {
                        warnings.push(Warning {
                            segment: protected[i].0.clone(),
                            problem: Problem::Cache { error: e.to_string() },
                            message: format!("could not write the cache in {}: {e}", c.dir().display()),
                        });
                    }
                }
                answers[i] = Some(t);
            }
        }
        let mut title = None;
        let mut body = Vec::new();
        let mut flagged = Vec::new();
        let mut count = 0;
        for ((name, p), answer) in protected.iter().zip(answers) {
            let answer = answer.expect("every segment answered or cached");
            let (restored, problems) = protect::restore(&answer, &p.slots);
            count += p.slots.len();
            if !problems.is_empty() {
                flagged.push(name.clone());
            }
            warnings.extend(problems.into_iter().map(|problem| Warning {
                segment: name.clone(),
                message: format!("{name}: {problem}"),
                problem,
            }));
            if name == "title" {
                title = Some(restored);
            } else {
                body.push(restored);
            }
        }
        Ok(Translated {
            source: a.source.clone(),
            lang,
            dir: lang.dir(),
            title,
            body,
            note: note(lang),
            machine_translated: true,
            warnings,
            flagged,
            backend: self.backend.kind(),
            model: Some(self.backend.model().to_string()).filter(|m| !m.is_empty()),
            cached,
            protected: count,
        })
    }
}

fn ftl(lang: Lang) -> &'static str {
    match lang {
        Lang::Id => include_str!("../locales/id/translate.ftl"),
        Lang::En => include_str!("../locales/en/translate.ftl"),
        Lang::Zh => include_str!("../locales/zh/translate.ftl"),
        Lang::Ja => include_str!("../locales/ja/translate.ftl"),
        Lang::Ar => include_str!("../locales/ar/translate.ftl"),
        Lang::Fr => include_str!("../locales/fr/translate.ftl"),
    }
}

fn message(lang: Lang, id: &str) -> String {
    let langid: unic_langid::LanguageIdentifier = lang.code().parse().expect("valid language id");
    let mut bundle = FluentBundle::new(vec![langid]);
    bundle.set_use_isolating(false);
    let res = FluentResource::try_new(ftl(lang).to_string()).expect("embedded FTL parses (tested)");
    bundle.add_resource(res).expect("no duplicate messages (tested)");
    let pattern = bundle.get_message(id).and_then(|m| m.value()).expect("every language has every message (tested)");
    let mut errors = vec![];
    bundle.format_pattern(pattern, None, &mut errors).into_owned()
}

/// The note every machine-translated text carries, in `lang`: machine generated, the
/// Indonesian original is authoritative.
pub fn note(lang: Lang) -> String {
    message(lang, "machine-translated")
}

/// "Translation is off" in `lang`, for a page or a table.
pub fn off_message(lang: Lang) -> String {
    message(lang, "translation-off")
}

/// "Indonesian original, not translated" in `lang`: the label of article text shown as it is.
pub fn untranslated_label(lang: Lang) -> String {
    message(lang, "untranslated")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_in_six_languages() {
        let want: [(Lang, [&str; 2]); 6] = [
            (Lang::Id, ["mesin", "Indonesia"]),
            (Lang::En, ["Machine translation", "Indonesian original is authoritative"]),
            (Lang::Zh, ["机器", "以印尼语原文为准"]),
            (Lang::Ja, ["機械翻訳", "インドネシア語の原文"]),
            (Lang::Ar, ["آلية", "الإندونيسي"]),
            (Lang::Fr, ["automatique", "original indonésien fait foi"]),
        ];
        let mut seen = std::collections::HashSet::new();
        for (lang, words) in want {
            let n = note(lang);
            for w in words {
                assert!(n.contains(w), "{lang}: {n:?} lacks {w:?}");
            }
            assert!(seen.insert(n.clone()), "{lang}: the same note as another language");
            assert!(!off_message(lang).is_empty() && !untranslated_label(lang).is_empty());
            assert!(!n.contains('{') && !n.contains('}'), "{lang}: unformatted {n:?}");
        }
    }

    #[test]
    fn settings() {
        assert_eq!(Settings::default().config(None), Ok(None));
        let s = Settings { url: Some("http://127.0.0.1:5000".into()), ..Default::default() };
        assert!(s.clone().config(None).unwrap_err().contains("--translate-kind"));
        let c = Settings { kind: Some("libretranslate".into()), ..s.clone() }.config(None).unwrap().unwrap();
        assert_eq!(c.kind, Kind::LibreTranslate);
        let e = Settings { kind: Some("openai".into()), ..s.clone() }.config(None).unwrap_err();
        assert!(e.contains("--translate-model"), "{e}");
        let c = Settings { url: Some("http://h/v1".into()), model: Some("m".into()), ..Default::default() }
            .config(None)
            .unwrap()
            .unwrap();
        assert_eq!(c.kind, Kind::OpenAi);
        assert!(Settings { url: Some("ftp://h".into()), ..Default::default() }.config(None).is_err());
        assert!(Settings { kind: Some("deepl".into()), ..s }.config(None).unwrap_err().contains("deepl"));
        let flags = Settings { url: Some("http://a/translate".into()), ..Default::default() };
        let env = Settings { url: Some("http://b".into()), key: Some("k".into()), ..Default::default() };
        let merged = flags.or(env);
        assert_eq!(merged.url.as_deref(), Some("http://a/translate"));
        assert_eq!(merged.key.as_deref(), Some("k"));
    }
}
