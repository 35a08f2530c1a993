//! The one outlet table (`data/outlets.txt`, compiled in): display names, web domains and the
//! names articles write. The dateline ([`crate::meta`]) reads a name in any case, the URL
//! fallback ([`host_outlet`]) reads domains, and quotes ([`crate::quotes::Outlets`]) match
//! the written forms case-sensitively.

use std::collections::HashMap;
use std::sync::OnceLock;

const DATA: &str = include_str!("../data/outlets.txt");

/// One outlet: its display name and other forms.
#[derive(Debug, Clone)]
pub struct Outlet {
    pub name: &'static str,
    /// Web domains (lower case): `detik.com` also covers `news.detik.com`.
    pub domains: Vec<&'static str>,
    /// Names as articles write them (not the display name, not domains).
    pub aliases: Vec<&'static str>,
    /// An Indonesian publisher (a dateline may name it); else an agency or outlet abroad.
    pub indonesian: bool,
}

/// The parsed table.
pub struct Table {
    pub outlets: Vec<Outlet>,
    /// Lower-cased name, alias or domain of an Indonesian publisher → index.
    by_lower: HashMap<String, usize>,
    /// Domain → index (all outlets).
    by_domain: HashMap<&'static str, usize>,
    /// Lower-cased name or alias of any outlet, at home or abroad, longest first.
    any_lower: Vec<String>,
}

fn is_domain(form: &str) -> bool {
    form.contains('.') && !form.contains(' ') && !form.chars().any(char::is_uppercase) && !form.ends_with('.')
}

impl Table {
    pub fn get() -> &'static Table {
        static T: OnceLock<Table> = OnceLock::new();
        T.get_or_init(|| Table::parse(DATA))
    }

    fn parse(data: &'static str) -> Table {
        let mut outlets = Vec::new();
        let mut indonesian = true;
        for line in data.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')) {
            if line == "[abroad]" {
                indonesian = false;
                continue;
            }
            let mut parts = line.split('|').map(str::trim).filter(|p| !p.is_empty());
            let name = parts.next().expect("an outlet line starts with its name");
            let (domains, aliases): (Vec<&str>, Vec<&str>) = parts.partition(|p| is_domain(p));
            outlets.push(Outlet { name, domains, aliases, indonesian });
        }
        let mut by_lower = HashMap::new();
        let mut by_domain = HashMap::new();
        let mut any_lower: Vec<String> =
            outlets.iter().flat_map(|o| std::iter::once(&o.name).chain(&o.aliases)).map(|f| f.to_lowercase()).collect();
        // longest first; equal names side by side, so that `dedup` removes every repeat
        any_lower.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
        any_lower.dedup();
        for (i, o) in outlets.iter().enumerate() {
            for d in &o.domains {
                by_domain.entry(*d).or_insert(i);
            }
            if o.indonesian {
                for form in std::iter::once(&o.name).chain(&o.aliases).chain(&o.domains) {
                    by_lower.entry(form.to_lowercase()).or_insert(i);
                }
            }
        }
        Table { outlets, by_lower, by_domain, any_lower }
    }

    /// The display name of an Indonesian publisher written as `raw` (any case: "KONTAN",
    /// "detik.com").
    pub fn publisher(&self, raw: &str) -> Option<&'static str> {
        self.by_lower.get(&raw.trim().to_lowercase()).map(|&i| self.outlets[i].name)
    }

    /// Where the name of an outlet, Indonesian or abroad, ends `word` in any case (the longest
    /// such name): "Pantauandetikcom" → 8 ("detikcom"), "MengutipReuters" → 8. No allocation:
    /// a name glued to a word is looked for in every mention.
    pub fn outlet_suffix(&self, word: &str) -> Option<usize> {
        self.any_lower.iter().find_map(|f| {
            let at = word.len().checked_sub(f.len())?;
            (word.is_char_boundary(at) && word[at..].eq_ignore_ascii_case(f)).then_some(at)
        })
    }

    /// The outlet whose domain `host` is or is under (`news.detik.com` → detikcom).
    pub fn by_host(&self, host: &str) -> Option<&'static str> {
        let host = host.trim_end_matches('.').to_ascii_lowercase();
        let mut h = host.as_str();
        loop {
            if let Some(&i) = self.by_domain.get(h) {
                return Some(self.outlets[i].name);
            }
            h = h.split_once('.')?.1;
            if !h.contains('.') {
                return None;
            }
        }
    }
}

/// The host of a URL inside `source` (`https://news.detik.com/x`, or a container record's
/// `FILE#https://…`), lower-cased, without `www.`/`m.`/`amp.` and port; None when there is no
/// http(s) URL or its host is an address or a single label.
pub fn url_host(source: &str) -> Option<String> {
    let at = source.find("https://").or_else(|| source.find("http://"))?;
    let rest = &source[at..];
    let rest = &rest[rest.find("://")? + 3..];
    let authority = rest.split(['/', '?', '#']).next()?;
    let host = authority.rsplit('@').next()?;
    let host = match host.rsplit_once(':') {
        Some((h, port)) if port.bytes().all(|b| b.is_ascii_digit()) => h,
        _ => host,
    };
    let mut host = host.trim_end_matches('.').to_ascii_lowercase();
    if host.is_empty()
        || !host.contains('.')
        || host.starts_with('[')
        || host.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        || !host.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-')
    {
        return None;
    }
    for prefix in ["www.", "m.", "amp.", "mobile."] {
        if let Some(h) = host.strip_prefix(prefix)
            && h.contains('.')
        {
            host = h.to_string();
        }
    }
    Some(host)
}

/// Second-level suffixes under which a site's own name is the third label (`kabarnusa.co.id`).
const SECOND_LEVEL: &[&str] =
    &["co", "or", "ac", "go", "web", "my", "sch", "net", "com", "org", "biz", "gov", "edu", "ne", "mil", "desa", "id"];

/// The outlet an article's URL names: a known domain's display name, else the site's own
/// domain (`kabarnusa.co.id` → "Kabarnusa.co.id"). None without an http(s) URL.
pub fn host_outlet(source: &str) -> Option<String> {
    let host = url_host(source)?;
    if let Some(name) = Table::get().by_host(&host) {
        return Some(name.to_string());
    }
    let labels: Vec<&str> = host.split('.').collect();
    let n = labels.len();
    let keep = if n >= 3 && labels[n - 1].len() == 2 && SECOND_LEVEL.contains(&labels[n - 2]) { 3 } else { 2 };
    let site = labels[n.saturating_sub(keep)..].join(".");
    let mut cs = site.chars();
    cs.next().map(|c| c.to_uppercase().chain(cs).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_table_for_names_domains_and_hosts() {
        let t = Table::get();
        assert_eq!(t.publisher("KONTAN"), Some("Kontan"));
        assert_eq!(t.publisher("detik.com"), Some("detikcom"));
        assert_eq!(t.publisher("Reuters"), None, "an agency abroad is no dateline outlet");
        assert_eq!(t.by_host("news.detik.com"), Some("detikcom"));
        assert_eq!(t.by_host("www.reuters.com"), Some("Reuters"));
        assert_eq!(t.by_host("notdetik.com"), None);
        assert!(t.outlets.iter().all(|o| !o.name.is_empty()));
    }

    #[test]
    fn outlets_from_urls() {
        let cases = [
            ("https://news.detik.com/berita/d-1/judul", Some("detikcom")),
            ("http://www.kompas.com/read/2025/02/03/x", Some("Kompas.com")),
            ("crawl.warc.gz#https://m.antaranews.com/berita/1", Some("ANTARA")),
            ("https://www.kabarnusa.co.id/berita/1", Some("Kabarnusa.co.id")),
            ("https://berita.contoh-media.com:8443/a", Some("Contoh-media.com")),
            ("https://127.0.0.1/a", None),
            ("https://localhost/a", None),
            ("artikel/berita.txt", None),
        ];
        for (src, want) in cases {
            assert_eq!(host_outlet(src).as_deref(), want, "{src}");
        }
    }
}
