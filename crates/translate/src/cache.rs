//! The translation cache: one small JSON file per translated segment, in
//! `<data dir>/translations/<first two hex digits>/<sha256>.json`, keyed by the SHA-256 of the
//! protected source text (placeholders in), the backend kind and endpoint, the model and the
//! target language. A cached translation is never requested again. Files are written to a
//! temporary name and renamed, so a killed run leaves no half-written entry.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use warta_render::Lang;

/// A cache directory.
#[derive(Debug, Clone)]
pub struct Cache {
    dir: PathBuf,
}

#[derive(Serialize, Deserialize)]
struct Entry {
    backend: String,
    endpoint: String,
    model: String,
    lang: String,
    source: String,
    translation: String,
}

/// Who translates: what a cache key holds besides the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Who<'a> {
    pub backend: &'a str,
    pub endpoint: &'a str,
    pub model: &'a str,
    pub lang: Lang,
}

/// The cache key of one segment.
pub fn key(who: &Who<'_>, source: &str) -> String {
    let mut h = Sha256::new();
    for part in ["warta-translate-1", who.backend, who.endpoint, who.model, who.lang.code(), source] {
        h.update(part.as_bytes());
        h.update([0u8]);
    }
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

impl Cache {
    /// The cache inside a data directory (`<data>/translations`).
    pub fn in_data_dir(data: &Path) -> Cache {
        Cache { dir: data.join("translations") }
    }

    /// A cache in this directory.
    pub fn at(dir: PathBuf) -> Cache {
        Cache { dir }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn path(&self, key: &str) -> PathBuf {
        self.dir.join(&key[..2]).join(format!("{key}.json"))
    }

    /// The cached translation, if any (an unreadable or foreign entry counts as absent).
    pub fn get(&self, key: &str, source: &str) -> Option<String> {
        let bytes = std::fs::read(self.path(key)).ok()?;
        let e: Entry = serde_json::from_slice(&bytes).ok()?;
        (e.source == source).then_some(e.translation)
    }

    /// Store a translation.
    pub fn put(&self, key: &str, who: &Who<'_>, source: &str, translation: &str) -> std::io::Result<()> {
        let path = self.path(key);
        let dir = path.parent().expect("a cache path has a parent");
        std::fs::create_dir_all(dir)?;
        let e = Entry {
            backend: who.backend.into(),
            endpoint: who.endpoint.into(),
            model: who.model.into(),
            lang: who.lang.code().into(),
            source: source.into(),
            translation: translation.into(),
        };
        let tmp = dir.join(format!(".{key}.{}.tmp", std::process::id()));
        std::fs::write(&tmp, serde_json::to_vec(&e).expect("entries serialise"))?;
        std::fs::rename(&tmp, &path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const W: Who<'static> =
        Who { backend: "openai", endpoint: "http://h/v1/chat/completions", model: "m", lang: Lang::En };

    #[test]
    fn keys_depend_on_every_part() {
        let k = key(&W, "Halo ⟦E1⟧.");
        assert_eq!(k.len(), 64);
        assert_ne!(k, key(&Who { lang: Lang::Fr, ..W }, "Halo ⟦E1⟧."));
        assert_ne!(k, key(&Who { model: "m2", ..W }, "Halo ⟦E1⟧."));
        assert_ne!(k, key(&Who { backend: "libretranslate", ..W }, "Halo ⟦E1⟧."));
        assert_ne!(k, key(&Who { endpoint: "http://other/v1/chat/completions", ..W }, "Halo ⟦E1⟧."));
        assert_ne!(k, key(&W, "Halo ⟦E2⟧."));
        assert_eq!(k, key(&W, "Halo ⟦E1⟧."));
    }

    #[test]
    fn put_then_get() {
        let dir = std::env::temp_dir().join(format!("warta-translate-cache-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let c = Cache::in_data_dir(&dir);
        let who = Who { backend: "libretranslate", endpoint: "http://h/translate", model: "", lang: Lang::Ja };
        let k = key(&who, "Selamat pagi.");
        assert_eq!(c.get(&k, "Selamat pagi."), None);
        c.put(&k, &who, "Selamat pagi.", "おはようございます。").unwrap();
        assert_eq!(c.get(&k, "Selamat pagi.").as_deref(), Some("おはようございます。"));
        assert_eq!(c.get(&k, "Another text."), None);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
