//! Translation backends: the only I/O of this crate besides the cache.
//!
//! - [`OpenAi`]: an OpenAI-compatible chat-completions endpoint (`POST {base}/v1/chat/completions`,
//!   `Authorization: Bearer KEY`, answer in `choices[0].message.content`). Several segments go
//!   in one request as a JSON array of strings; when the model does not answer with an array of
//!   the same length, each segment is sent alone.
//! - [`LibreTranslate`]: a LibreTranslate-compatible endpoint (`POST {base}/translate` with
//!   `{q, source: "id", target, format: "text", api_key}` → `{translatedText}`; `q` an array for
//!   several segments, answered by an array; `{error}` answers are errors).

use serde_json::{Value, json};
use std::time::Duration;
use warta_render::Lang;

/// A failed request: the endpoint, the HTTP status when there was one, and what it said.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackendError {
    pub endpoint: String,
    pub status: Option<u16>,
    pub message: String,
}

impl std::fmt::Display for BackendError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.status {
            Some(s) => write!(f, "HTTP {s} from {}: {}", self.endpoint, self.message),
            None => write!(f, "{}: {}", self.endpoint, self.message),
        }
    }
}

impl std::error::Error for BackendError {}

/// A machine translator: Indonesian segments in, segments in `target` out, same count and order.
///
/// Contract: `translate` returns exactly `segments.len()` strings or an error; it must not
/// reorder segments. Placeholder tokens (`⟦E1⟧`) are in the segments and should come back
/// untouched; the caller checks that they did.
pub trait Backend: Send + Sync {
    /// `openai` or `libretranslate`.
    fn kind(&self) -> &'static str;
    /// The endpoint URL (part of the cache key: two servers may translate differently).
    fn endpoint(&self) -> &str;
    /// The model name, or "" when the backend has none.
    fn model(&self) -> &str;
    fn translate(&self, segments: &[String], target: Lang) -> Result<Vec<String>, BackendError>;
}

fn agent(timeout: Duration) -> ureq::Agent {
    ureq::Agent::config_builder()
        .timeout_global(Some(timeout))
        .http_status_as_error(false)
        .user_agent(concat!("warta/", env!("CARGO_PKG_VERSION")))
        .build()
        .into()
}

/// At most this many characters or segments per request.
const BATCH_CHARS: usize = 6000;
const BATCH_SEGMENTS: usize = 24;

fn batches(segments: &[String]) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut chars = 0;
    for (i, s) in segments.iter().enumerate() {
        let n = s.chars().count();
        if i > start && (chars + n > BATCH_CHARS || i - start >= BATCH_SEGMENTS) {
            out.push(start..i);
            start = i;
            chars = 0;
        }
        chars += n;
    }
    if start < segments.len() {
        out.push(start..segments.len());
    }
    out
}

/// The first 300 characters of a body, on one line.
fn excerpt(body: &str) -> String {
    let one: String = body.split_whitespace().collect::<Vec<_>>().join(" ");
    if one.chars().count() > 300 { format!("{}…", one.chars().take(300).collect::<String>()) } else { one }
}

/// POST a JSON body; Ok((status, body)) for any HTTP answer, Err for no answer.
fn post_json(
    agent: &ureq::Agent,
    url: &str,
    bearer: Option<&str>,
    body: &Value,
) -> Result<(u16, String), BackendError> {
    let err = |m: String| BackendError { endpoint: url.to_string(), status: None, message: m };
    let mut req = agent.post(url).header("Content-Type", "application/json").header("Accept", "application/json");
    if let Some(k) = bearer {
        req = req.header("Authorization", format!("Bearer {k}"));
    }
    let mut resp = req.send(body.to_string()).map_err(|e| err(format!("no answer: {e}")))?;
    let status = resp.status().as_u16();
    let text = resp.body_mut().read_to_string().map_err(|e| err(format!("reading the answer: {e}")))?;
    Ok((status, text))
}

/// An OpenAI-compatible chat-completions endpoint.
#[derive(Debug, Clone)]
pub struct OpenAi {
    url: String,
    key: Option<String>,
    model: String,
    agent: ureq::Agent,
}

impl OpenAi {
    /// `base` with or without `/v1` (`http://localhost:8080`, `https://api.example.com/v1`), or
    /// the full `…/chat/completions` URL.
    pub fn new(base: &str, key: Option<String>, model: String, timeout: Duration) -> OpenAi {
        OpenAi { url: chat_url(base), key, model, agent: agent(timeout) }
    }

    fn system_prompt(target: Lang, batch: bool) -> String {
        let mut p = format!(
            "You are a professional news translator. Translate the user's text from Indonesian to {}. \
             Tokens written as ⟦ followed by a letter and a number and ⟧ (for example ⟦E1⟧, ⟦N2⟧, ⟦T3⟧) \
             stand for names, numbers and dates: copy every such token exactly as it is, once, \
             where it belongs in the translation; never translate, change, drop or repeat them. \
             Keep the meaning; add nothing and leave nothing out.",
            language_name(target)
        );
        if batch {
            p.push_str(
                " The user's message is a JSON array of strings. Answer with only a JSON array of the \
                 same number of strings, each the translation of the string at the same position.",
            );
        } else {
            p.push_str(" Answer with the translation only.");
        }
        p
    }

    fn chat(&self, system: String, user: String) -> Result<String, BackendError> {
        let body = json!({
            "model": self.model,
            "messages": [{"role": "system", "content": system}, {"role": "user", "content": user}],
            "temperature": 0,
        });
        let (status, text) = post_json(&self.agent, &self.url, self.key.as_deref(), &body)?;
        let fail = |message: String| BackendError { endpoint: self.url.clone(), status: Some(status), message };
        let v: Value = serde_json::from_str(&text).map_err(|_| fail(excerpt(&text)))?;
        if !(200..300).contains(&status) {
            let msg = v.pointer("/error/message").and_then(Value::as_str).map(str::to_string);
            return Err(fail(msg.unwrap_or_else(|| excerpt(&text))));
        }
        v.pointer("/choices/0/message/content")
            .and_then(Value::as_str)
            .map(str::to_string)
            .ok_or_else(|| fail(format!("no choices[0].message.content in the answer: {}", excerpt(&text))))
    }
}

/// `…/v1/chat/completions` from a base URL given with or without `/v1`.
pub fn chat_url(base: &str) -> String {
    let b = base.trim().trim_end_matches('/');
    if b.ends_with("/chat/completions") {
        b.to_string()
    } else if b.ends_with("/v1") {
        format!("{b}/chat/completions")
    } else {
        format!("{b}/v1/chat/completions")
    }
}

/// The language's English name, for the prompt.
fn language_name(lang: Lang) -> &'static str {
    match lang {
        Lang::Id => "Indonesian",
        Lang::En => "English",
        Lang::Zh => "Simplified Chinese",
        Lang::Ja => "Japanese",
        Lang::Ar => "Modern Standard Arabic",
        Lang::Fr => "French",
    }
}

/// A JSON array of strings in a model's answer (possibly inside a ``` fence).
fn parse_array(content: &str) -> Option<Vec<String>> {
    let t = content.trim();
    let t = t.strip_prefix("```json").or_else(|| t.strip_prefix("```")).unwrap_or(t);
    let t = t.strip_suffix("```").unwrap_or(t).trim();
    serde_json::from_str::<Vec<String>>(t).ok()
}

impl Backend for OpenAi {
    fn kind(&self) -> &'static str {
        "openai"
    }
    fn endpoint(&self) -> &str {
        &self.url
    }
    fn model(&self) -> &str {
        &self.model
    }
    fn translate(&self, segments: &[String], target: Lang) -> Result<Vec<String>, BackendError> {
        let mut out = Vec::with_capacity(segments.len());
        for r in batches(segments) {
            let part = &segments[r];
            if part.len() > 1 {
                let user = serde_json::to_string(part).expect("strings serialise");
                let content = self.chat(Self::system_prompt(target, true), user)?;
                if let Some(v) = parse_array(&content).filter(|v| v.len() == part.len()) {
                    out.extend(v);
                    continue;
                }
            }
            // One segment, or the model did not keep the array's shape: one request each.
            for s in part {
                out.push(self.chat(Self::system_prompt(target, false), s.clone())?.trim().to_string());
            }
        }
        Ok(out)
    }
}

/// A LibreTranslate-compatible endpoint.
#[derive(Debug, Clone)]
pub struct LibreTranslate {
    url: String,
    key: Option<String>,
    zh_code: String,
    agent: ureq::Agent,
}

impl LibreTranslate {
    /// `base` is the server (`http://localhost:5000`) or the full `…/translate` URL. `zh_code`
    /// is what the server calls Simplified Chinese: `zh` for self-hosted LibreTranslate (its
    /// `/languages` lists `zh`), `zh-Hans` for servers that use BCP 47 script tags.
    pub fn new(base: &str, key: Option<String>, zh_code: Option<String>, timeout: Duration) -> LibreTranslate {
        let b = base.trim().trim_end_matches('/');
        let url = if b.ends_with("/translate") { b.to_string() } else { format!("{b}/translate") };
        LibreTranslate { url, key, zh_code: zh_code.unwrap_or_else(|| "zh".into()), agent: agent(timeout) }
    }

    fn code(&self, lang: Lang) -> &str {
        if lang == Lang::Zh { &self.zh_code } else { lang.code() }
    }
}

impl Backend for LibreTranslate {
    fn kind(&self) -> &'static str {
        "libretranslate"
    }
    fn endpoint(&self) -> &str {
        &self.url
    }
    fn model(&self) -> &str {
        ""
    }
    fn translate(&self, segments: &[String], target: Lang) -> Result<Vec<String>, BackendError> {
        let mut out = Vec::with_capacity(segments.len());
        for r in batches(segments) {
            let part = &segments[r];
            let q = if part.len() == 1 { json!(part[0]) } else { json!(part) };
            let mut body = json!({"q": q, "source": "id", "target": self.code(target), "format": "text"});
            if let Some(k) = &self.key {
                body["api_key"] = json!(k);
            }
            let (status, text) = post_json(&self.agent, &self.url, None, &body)?;
            let fail = |message: String| BackendError { endpoint: self.url.clone(), status: Some(status), message };
            let v: Value = serde_json::from_str(&text).map_err(|_| fail(excerpt(&text)))?;
            if let Some(e) = v.get("error") {
                let msg = e.as_str().map(str::to_string).unwrap_or_else(|| e.to_string());
                return Err(fail(msg));
            }
            if !(200..300).contains(&status) {
                return Err(fail(excerpt(&text)));
            }
            match v.get("translatedText") {
                Some(Value::String(s)) if part.len() == 1 => out.push(s.clone()),
                Some(Value::Array(a)) if a.len() == part.len() => {
                    for x in a {
                        out.push(
                            x.as_str()
                                .ok_or_else(|| fail(format!("a translatedText item is not a string: {x}")))?
                                .to_string(),
                        );
                    }
                }
                _ => {
                    return Err(fail(format!(
                        "expected translatedText with {} item(s): {}",
                        part.len(),
                        excerpt(&text)
                    )));
                }
            }
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chat_urls() {
        assert_eq!(chat_url("http://h:1"), "http://h:1/v1/chat/completions");
        assert_eq!(chat_url("http://h:1/"), "http://h:1/v1/chat/completions");
        assert_eq!(chat_url("http://h:1/v1"), "http://h:1/v1/chat/completions");
        assert_eq!(chat_url("http://h:1/v1/"), "http://h:1/v1/chat/completions");
        assert_eq!(chat_url("http://h:1/api/v1/chat/completions"), "http://h:1/api/v1/chat/completions");
    }

    #[test]
    fn batches_split_by_size() {
        let segs: Vec<String> = (0..30).map(|i| format!("kalimat {i}")).collect();
        let b = batches(&segs);
        assert_eq!(b, vec![0..24, 24..30]);
        let long = vec!["a".repeat(5000), "b".repeat(5000), "c".into()];
        assert_eq!(batches(&long), vec![0..1, 1..3]);
        assert!(batches(&[]).is_empty());
    }

    #[test]
    fn arrays_in_answers() {
        assert_eq!(parse_array("[\"a\", \"b\"]"), Some(vec!["a".into(), "b".into()]));
        assert_eq!(parse_array("```json\n[\"a\"]\n```"), Some(vec!["a".into()]));
        assert_eq!(parse_array("a, b"), None);
    }
}
