//! The typed values of the syntax layer: universal part-of-speech tags and dependency relations.

use std::fmt;
use std::str::FromStr;

/// A value that is not one of the universal tags or relations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownLabel(pub String);

impl fmt::Display for UnknownLabel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown label {:?}", self.0)
    }
}

impl std::error::Error for UnknownLabel {}

macro_rules! label_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($variant),+ }

        impl $name {
            /// Every value, in declaration order (`ALL[v as usize] == v`).
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The CoNLL-U spelling.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }

            /// The value with this index (`v as usize`).
            pub fn from_index(i: usize) -> Option<$name> {
                Self::ALL.get(i).copied()
            }
        }

        impl FromStr for $name {
            type Err = UnknownLabel;
            fn from_str(s: &str) -> Result<Self, UnknownLabel> {
                match s { $($text => Ok($name::$variant),)+ _ => Err(UnknownLabel(s.to_string())) }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

label_enum!(
    /// A universal part-of-speech tag (UD v2).
    Upos {
        Adj = "ADJ",
        Adp = "ADP",
        Adv = "ADV",
        Aux = "AUX",
        Cconj = "CCONJ",
        Det = "DET",
        Intj = "INTJ",
        Noun = "NOUN",
        Num = "NUM",
        Part = "PART",
        Pron = "PRON",
        Propn = "PROPN",
        Punct = "PUNCT",
        Sconj = "SCONJ",
        Sym = "SYM",
        Verb = "VERB",
        X = "X",
    }
);

label_enum!(
    /// A universal dependency relation (UD v2), without its subtype.
    Rel {
        Acl = "acl",
        Advcl = "advcl",
        Advmod = "advmod",
        Amod = "amod",
        Appos = "appos",
        Aux = "aux",
        Case = "case",
        Cc = "cc",
        Ccomp = "ccomp",
        Clf = "clf",
        Compound = "compound",
        Conj = "conj",
        Cop = "cop",
        Csubj = "csubj",
        Dep = "dep",
        Det = "det",
        Discourse = "discourse",
        Dislocated = "dislocated",
        Expl = "expl",
        Fixed = "fixed",
        Flat = "flat",
        Goeswith = "goeswith",
        Iobj = "iobj",
        List = "list",
        Mark = "mark",
        Nmod = "nmod",
        Nsubj = "nsubj",
        Nummod = "nummod",
        Obj = "obj",
        Obl = "obl",
        Orphan = "orphan",
        Parataxis = "parataxis",
        Punct = "punct",
        Reparandum = "reparandum",
        Root = "root",
        Vocative = "vocative",
        Xcomp = "xcomp",
    }
);

label_enum!(
    /// A relation subtype used by the Indonesian UD treebanks (`nsubj:pass`, `flat:name`, …).
    Sub {
        A = "a",
        Adv = "adv",
        Agent = "agent",
        Emph = "emph",
        Foreign = "foreign",
        Lmod = "lmod",
        Name = "name",
        Pass = "pass",
        Plur = "plur",
        Poss = "poss",
        Preconj = "preconj",
        Relcl = "relcl",
        Tmod = "tmod",
    }
);

/// A dependency relation with its optional subtype (`nsubj:pass` is `Rel::Nsubj` + `Sub::Pass`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Deprel {
    pub rel: Rel,
    pub sub: Option<Sub>,
}

impl Deprel {
    pub const ROOT: Deprel = Deprel { rel: Rel::Root, sub: None };
    pub const PUNCT: Deprel = Deprel { rel: Rel::Punct, sub: None };

    pub const fn new(rel: Rel) -> Deprel {
        Deprel { rel, sub: None }
    }
}

impl FromStr for Deprel {
    type Err = UnknownLabel;
    fn from_str(s: &str) -> Result<Self, UnknownLabel> {
        let bad = || UnknownLabel(s.to_string());
        match s.split_once(':') {
            None => Ok(Deprel { rel: s.parse().map_err(|_| bad())?, sub: None }),
            Some((rel, sub)) => {
                Ok(Deprel { rel: rel.parse().map_err(|_| bad())?, sub: Some(sub.parse().map_err(|_| bad())?) })
            }
        }
    }
}

impl fmt::Display for Deprel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.sub {
            None => f.write_str(self.rel.as_str()),
            Some(sub) => write!(f, "{}:{}", self.rel, sub),
        }
    }
}

/// Annotation conventions to follow. The treebanks disagree on some analyses (older UD
/// Indonesian-GSD writes `compound`/`flat` where CSUI and PUD write `nmod`, and tags many
/// capitalised nouns PROPN); the model learns what they share and, apart, where GSD differs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Style {
    /// UD Indonesian-CSUI and -PUD (current UD guidelines). The default.
    #[default]
    Ud,
    /// Older UD Indonesian-GSD.
    Gsd,
}

impl Style {
    pub(crate) fn id(self) -> u32 {
        match self {
            Style::Ud => 0,
            Style::Gsd => 1,
        }
    }
}

impl FromStr for Style {
    type Err = UnknownLabel;
    fn from_str(s: &str) -> Result<Self, UnknownLabel> {
        match s {
            "ud" | "csui" | "pud" => Ok(Style::Ud),
            "gsd" => Ok(Style::Gsd),
            _ => Err(UnknownLabel(s.to_string())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_round_trip_through_their_spelling() {
        for &u in Upos::ALL {
            assert_eq!(u.as_str().parse::<Upos>(), Ok(u));
            assert_eq!(Upos::from_index(u as usize), Some(u));
        }
        for s in ["nsubj:pass", "flat:name", "acl:relcl", "root", "punct", "compound:a"] {
            assert_eq!(s.parse::<Deprel>().unwrap().to_string(), s);
        }
        assert_eq!("nsubj:pass".parse::<Deprel>().unwrap(), Deprel { rel: Rel::Nsubj, sub: Some(Sub::Pass) });
        assert!("subj".parse::<Deprel>().is_err());
        assert!("nsubj:weird".parse::<Deprel>().is_err());
        assert!("noun".parse::<Upos>().is_err());
    }
}
