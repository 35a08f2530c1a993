//! robots.txt (RFC 9309): groups of `User-agent` lines with `Allow` / `Disallow` rules and
//! `Crawl-delay`. The group for a crawler is the one whose user-agent token matches the
//! crawler's product token (case-insensitive; all groups naming it merged), else the `*`
//! group. A path is allowed unless the longest matching rule is a `Disallow` (an `Allow` of
//! the same length wins). Patterns may use `*` (any run of characters) and a final `$`
//! (end of the URL path). `/robots.txt` itself is always allowed.

/// One parsed robots.txt.
#[derive(Debug, Clone, Default)]
pub struct Robots {
    groups: Vec<Group>,
}

#[derive(Debug, Clone, Default)]
struct Group {
    agents: Vec<String>,
    rules: Vec<(bool, String)>,
    crawl_delay: Option<f64>,
}

/// What applies to one crawler.
#[derive(Debug, Clone, Default)]
pub struct Rules {
    rules: Vec<(bool, String)>,
    /// Seconds between requests the site asks for.
    pub crawl_delay: Option<f64>,
}

impl Robots {
    /// Parse robots.txt text (unknown lines and comments ignored).
    pub fn parse(text: &str) -> Robots {
        let mut groups: Vec<Group> = Vec::new();
        let mut cur = Group::default();
        let mut in_agents = false;
        for line in text.lines() {
            let line = line.split('#').next().unwrap_or("").trim();
            let Some((key, value)) = line.split_once(':') else { continue };
            let key = key.trim().to_ascii_lowercase();
            let value = value.trim();
            match key.as_str() {
                "user-agent" => {
                    if !in_agents && !cur.agents.is_empty() {
                        groups.push(std::mem::take(&mut cur));
                    }
                    cur.agents.push(value.to_ascii_lowercase());
                    in_agents = true;
                }
                "allow" | "disallow" => {
                    in_agents = false;
                    if cur.agents.is_empty() {
                        continue; // rules before any user-agent line
                    }
                    // An empty Disallow allows everything: no rule.
                    if !value.is_empty() {
                        cur.rules.push((key == "allow", value.to_string()));
                    }
                }
                "crawl-delay" => {
                    in_agents = false;
                    if let Ok(d) = value.parse::<f64>()
                        && d.is_finite()
                        && d >= 0.0
                    {
                        cur.crawl_delay = Some(d);
                    }
                }
                _ => {}
            }
        }
        if !cur.agents.is_empty() {
            groups.push(cur);
        }
        Robots { groups }
    }

    /// The rules for a crawler whose product token is `agent` (e.g. `warta` for
    /// `warta/0.1 (+https://…)`).
    pub fn rules_for(&self, agent: &str) -> Rules {
        let token = agent.split('/').next().unwrap_or(agent).trim().to_ascii_lowercase();
        let named: Vec<&Group> =
            self.groups.iter().filter(|g| g.agents.iter().any(|a| a != "*" && token == **a)).collect();
        let chosen: Vec<&Group> = if named.is_empty() {
            self.groups.iter().filter(|g| g.agents.iter().any(|a| a == "*")).collect()
        } else {
            named
        };
        let mut r = Rules::default();
        for g in chosen {
            r.rules.extend(g.rules.iter().cloned());
            r.crawl_delay = match (r.crawl_delay, g.crawl_delay) {
                (Some(a), Some(b)) => Some(a.max(b)),
                (a, b) => a.or(b),
            };
        }
        r
    }

    /// May `agent` fetch `path` (the URL's path and query)?
    pub fn allowed(&self, agent: &str, path: &str) -> bool {
        self.rules_for(agent).allowed(path)
    }
}

impl Rules {
    /// May this path (path and query, starting with `/`) be fetched?
    pub fn allowed(&self, path: &str) -> bool {
        if path == "/robots.txt" {
            return true;
        }
        let mut best: Option<(usize, bool)> = None;
        for (allow, pattern) in &self.rules {
            if matches(pattern, path) {
                let len = pattern.len();
                best = match best {
                    Some((l, a)) if l > len || (l == len && a) => Some((l, a)),
                    _ => Some((len, *allow)),
                };
            }
        }
        best.is_none_or(|(_, allow)| allow)
    }
}

/// Does a robots pattern match the start of `path`? `*` matches any run, a final `$` anchors.
pub fn matches(pattern: &str, path: &str) -> bool {
    let (pat, anchored) = match pattern.strip_suffix('$') {
        Some(p) => (p, true),
        None => (pattern, false),
    };
    let p = pat.as_bytes();
    let s = path.as_bytes();
    // Iterative wildcard match with backtracking to the last '*'.
    let (mut i, mut j) = (0usize, 0usize);
    let mut star: Option<(usize, usize)> = None;
    loop {
        if i == p.len() {
            if !anchored || j == s.len() {
                return true;
            }
        } else if p[i] == b'*' {
            star = Some((i, j));
            i += 1;
            continue;
        } else if j < s.len() && p[i] == s[j] {
            i += 1;
            j += 1;
            continue;
        }
        match star {
            Some((si, sj)) if sj < s.len() => {
                star = Some((si, sj + 1));
                i = si + 1;
                j = sj + 1;
            }
            _ => return false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns() {
        let cases = [
            ("/", "/anything", true),
            ("/berita", "/berita/2024/a.html", true),
            ("/berita", "/Berita", false),
            ("/*.pdf$", "/files/laporan.pdf", true),
            ("/*.pdf$", "/files/laporan.pdf?x=1", false),
            ("/*.pdf", "/files/laporan.pdf?x=1", true),
            ("/search*q=", "/search?lang=id&q=banjir", true),
            ("/a*b*c", "/axxbyyc", true),
            ("/a*b*c", "/axxcyyb", false),
            ("/exact$", "/exact", true),
            ("/exact$", "/exactly", false),
            ("*", "/x", true),
        ];
        for (pattern, path, want) in cases {
            assert_eq!(matches(pattern, path), want, "{pattern} vs {path}");
        }
    }

    #[test]
    fn groups_and_precedence() {
        let txt = "# contoh\nUser-agent: *\nDisallow: /private/\nAllow: /private/terbuka\nCrawl-delay: 2\n\n\
                   User-agent: warta\nUser-agent: other-bot\nDisallow: /khusus\nAllow: /khusus/boleh$\nCrawl-delay: 7\n\n\
                   User-agent: Warta\nDisallow: /tambahan\n\nUser-agent: jahat\nDisallow: /\n";
        let r = Robots::parse(txt);
        let cases = [
            ("warta/0.1 (+https://x.test)", "/private/x", true), // the named group replaces '*'
            ("warta/0.1", "/khusus/apa", false),
            ("warta/0.1", "/khusus/boleh", true),
            ("warta/0.1", "/khusus/boleh/lagi", false),
            ("warta/0.1", "/tambahan/x", false), // groups naming the agent are merged
            ("warta/0.1", "/robots.txt", true),
            ("somebot/2", "/private/x", false),
            ("somebot/2", "/private/terbuka/1", true), // the longer Allow wins
            ("somebot/2", "/publik", true),
            ("jahat", "/apa-saja", false),
        ];
        for (agent, path, want) in cases {
            assert_eq!(r.allowed(agent, path), want, "{agent} {path}");
        }
        assert_eq!(r.rules_for("warta/0.1").crawl_delay, Some(7.0));
        assert_eq!(r.rules_for("somebot").crawl_delay, Some(2.0));
        // Equal length: Allow wins.
        let tie = Robots::parse("User-agent: *\nDisallow: /x\nAllow: /x\n");
        assert!(tie.allowed("a", "/x"));
        // Empty file, empty Disallow: everything allowed.
        assert!(Robots::parse("").allowed("a", "/x"));
        assert!(Robots::parse("User-agent: *\nDisallow:\n").allowed("a", "/x"));
    }
}
