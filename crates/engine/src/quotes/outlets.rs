//! The agencies and outlets a quote can come through: every form the outlet table
//! ([`crate::outlets`], `data/outlets.txt`) writes, matched case-sensitively.

use crate::analysis::Span;
use std::sync::OnceLock;

/// Outlet names and their aliases, longest alias first.
pub struct Outlets {
    /// (alias, index of canonical name)
    aliases: Vec<(&'static str, usize)>,
    names: Vec<&'static str>,
    /// All aliases at once (pattern i = `aliases[i]`).
    matcher: aho_corasick::AhoCorasick,
}

impl Outlets {
    pub fn get() -> &'static Outlets {
        static O: OnceLock<Outlets> = OnceLock::new();
        O.get_or_init(|| {
            let mut names = Vec::new();
            let mut aliases = Vec::new();
            for o in &crate::outlets::Table::get().outlets {
                let idx = names.len();
                names.push(o.name);
                aliases.push((o.name, idx));
                aliases.extend(o.aliases.iter().chain(&o.domains).map(|a| (*a, idx)));
            }
            aliases.sort_by_key(|(a, _)| std::cmp::Reverse(a.len()));
            let matcher = aho_corasick::AhoCorasick::new(aliases.iter().map(|(a, _)| a)).expect("outlet aliases");
            Outlets { aliases, names, matcher }
        })
    }

    /// The canonical name of an outlet written exactly as `s`, if it is one.
    pub fn canonical(&self, s: &str) -> Option<&'static str> {
        self.aliases.iter().find(|(a, _)| *a == s).map(|(_, i)| self.names[*i])
    }

    /// Outlets named inside `span` (whole words, case-sensitive), in text order, no overlaps.
    pub fn find(&self, text: &str, span: Span) -> Vec<(Span, String)> {
        let s = span.of(text);
        // Every occurrence of every alias at a word boundary; then the longest first, no overlaps.
        let mut hits: Vec<(usize, usize, usize)> = self
            .matcher
            .find_overlapping_iter(s)
            .filter(|m| {
                let before_ok = s[..m.start()].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
                let after_ok = s[m.end()..].chars().next().is_none_or(|c| !c.is_alphanumeric() && c != '-');
                before_ok && after_ok
            })
            .map(|m| (m.start(), m.end(), m.pattern().as_usize()))
            .collect();
        hits.sort_by_key(|&(st, en, p)| (std::cmp::Reverse(en - st), p, st));
        let mut found: Vec<(Span, String)> = Vec::new();
        for (st, en, p) in hits {
            let sp = Span::new(span.start + st, span.start + en);
            if found.iter().any(|(f, _)| f.start < sp.end && sp.start < f.end) {
                continue;
            }
            found.push((sp, self.names[self.aliases[p].1].to_string()));
        }
        found.sort_by_key(|(s, _)| s.start);
        found
    }
}
