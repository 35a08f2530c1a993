//! The dependency parse of a sentence with a trigger (warta-syntax's embedded model), and the
//! questions the event grammar asks of it: the subject of a verb (through relative clauses,
//! `xcomp` and coordination) and whether it is a passive subject. ("oleh" agents come from the
//! word-order rules, which read the preposition directly.)

use std::cell::RefCell;
use warta_syntax::{Analyser, Model, Parsed, Rel, Sub};

thread_local! {
    static ANALYSER: RefCell<Option<Analyser<'static>>> = const { RefCell::new(None) };
}

/// A parsed sentence: one entry per token of the event grammar's tokens.
pub struct Tree {
    nodes: Vec<Parsed>,
    lower: Vec<String>,
}

/// The subject of a verb: its head token, and whether the verb is passive (`nsubj:pass`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Subject {
    pub head: usize,
    pub passive: bool,
}

impl Tree {
    /// Parses the words (as written) of one sentence.
    pub fn parse(words: &[&str]) -> Tree {
        let nodes = ANALYSER.with(|a| {
            let mut a = a.borrow_mut();
            let an = a.get_or_insert_with(|| Analyser::new(Model::embedded()));
            an.tag_and_parse(words)
        });
        Tree { nodes, lower: words.iter().map(|w| w.to_lowercase()).collect() }
    }

    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    fn head(&self, i: usize) -> Option<usize> {
        let h = self.nodes.get(i)?.head as usize;
        (h > 0).then(|| h - 1)
    }

    fn children(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        self.nodes.iter().enumerate().filter(move |(_, n)| n.head as usize == i + 1).map(|(k, _)| k)
    }

    /// Whether `k` is `i` or below it.
    pub fn dominates(&self, i: usize, k: usize) -> bool {
        let mut at = Some(k);
        let mut steps = 0;
        while let Some(x) = at {
            if x == i {
                return true;
            }
            steps += 1;
            if steps > self.nodes.len() {
                return false;
            }
            at = self.head(x);
        }
        false
    }

    /// The subject of the verb at `v`: its own `nsubj`, else (a relative clause) the noun it
    /// modifies, else the subject of the verb it complements or is coordinated with.
    pub fn subject(&self, v: usize) -> Option<Subject> {
        let mut at = v;
        for _ in 0..4 {
            if let Some(c) = self.children(at).find(|&c| self.nodes[c].deprel.rel == Rel::Nsubj) {
                return Some(Subject { head: c, passive: self.nodes[c].deprel.sub == Some(Sub::Pass) });
            }
            let d = self.nodes.get(at)?.deprel;
            let h = self.head(at)?;
            match d.rel {
                // "warga yang menolak ...": the relative clause's subject is its noun
                Rel::Acl if self.children(at).any(|c| self.lower[c] == "yang") || d.sub == Some(Sub::Relcl) => {
                    return Some(Subject { head: h, passive: false });
                }
                Rel::Xcomp | Rel::Conj => at = h,
                _ => return None,
            }
        }
        None
    }
}
