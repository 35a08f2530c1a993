//! The agencies and outlets warta recognises (`outlets.txt`, compiled in).

use crate::analysis::Span;
use std::sync::OnceLock;

const DATA: &str = include_str!("outlets.txt");

/// Outlet names and their aliases, longest alias first.
pub struct Outlets {
    /// (alias, index of canonical name)
    aliases: Vec<(&'static str, usize)>,
    names: Vec<&'static str>,
}

impl Outlets {
    pub fn get() -> &'static Outlets {
        static O: OnceLock<Outlets> = OnceLock::new();
        O.get_or_init(|| {
            let mut names = Vec::new();
            let mut aliases = Vec::new();
            for line in DATA.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')) {
                let idx = names.len();
                let mut parts = line.split('|').map(str::trim);
                let canon = parts.next().expect("a name");
                names.push(canon);
                aliases.push((canon, idx));
                aliases.extend(parts.map(|a| (a, idx)));
            }
            aliases.sort_by_key(|(a, _)| std::cmp::Reverse(a.len()));
            Outlets { aliases, names }
        })
    }

    /// The canonical name of an outlet written exactly as `s`, if it is one.
    pub fn canonical(&self, s: &str) -> Option<&'static str> {
        self.aliases.iter().find(|(a, _)| *a == s).map(|(_, i)| self.names[*i])
    }

    /// Outlets named inside `span` (whole words, case-sensitive), in text order, no overlaps.
    pub fn find(&self, text: &str, span: Span) -> Vec<(Span, String)> {
        let s = span.of(text);
        let mut found: Vec<(Span, String)> = Vec::new();
        for (alias, idx) in &self.aliases {
            let mut from = 0;
            while let Some(p) = s[from..].find(alias) {
                let st = from + p;
                let en = st + alias.len();
                from = en;
                let before_ok = s[..st].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
                let after_ok = s[en..].chars().next().is_none_or(|c| !c.is_alphanumeric() && c != '-');
                if !(before_ok && after_ok) {
                    continue;
                }
                let sp = Span::new(span.start + st, span.start + en);
                if found.iter().any(|(f, _)| f.start < sp.end && sp.start < f.end) {
                    continue;
                }
                found.push((sp, self.names[*idx].to_string()));
            }
        }
        found.sort_by_key(|(s, _)| s.start);
        found
    }
}
