//! Word lists as data: `data/lexicon/*.tsv`, compiled in, one file per lexicon, each entry
//! once with the uses it serves. A stage asks for one use of one lexicon ([`Words`]); the
//! lists it gets are the entries tagged with that use, so a word shared by several stages is
//! written once, and where stages differ on purpose the file says so.
//!
//! Format: `#` comments (the first says what the lexicon is and its source, one line
//! `# uses: a b c` lists the uses), then `word<TAB>use use ...` per line. A malformed line, or
//! a use that is not declared, is a bug in the data: the first use panics (tested).

use std::ops::Deref;
use std::sync::OnceLock;

/// A set of lower-case words to look a word up in: a [`Lexicon`] or one use of a lexicon
/// ([`Words`]). The look-up hashes once instead of comparing the word with every entry.
pub trait WordSet {
    /// Whether `w` (lower case) is one of the words.
    fn has(&self, w: &str) -> bool;
}

type Set = std::collections::HashSet<&'static str, foldhash::fast::RandomState>;

fn set_of(words: &[&'static str]) -> Set {
    words.iter().copied().collect()
}

/// A list kept as a data file of one entry per line (`#` comments, blank lines skipped), in
/// file order; parsed on first use and read as a slice, or looked up as a set.
pub struct Lexicon {
    text: &'static str,
    words: OnceLock<Vec<&'static str>>,
    set: OnceLock<Set>,
}

impl Lexicon {
    pub const fn new(text: &'static str) -> Lexicon {
        Lexicon { text, words: OnceLock::new(), set: OnceLock::new() }
    }

    /// Whether `w` is one of the entries (as written in the file): one hash look-up.
    pub fn contains<Q: AsRef<str> + ?Sized>(&self, w: &Q) -> bool {
        self.has(w.as_ref())
    }
}

impl WordSet for Lexicon {
    fn has(&self, w: &str) -> bool {
        self.set.get_or_init(|| set_of(self)).contains(w)
    }
}

impl Deref for Lexicon {
    type Target = [&'static str];
    fn deref(&self) -> &[&'static str] {
        self.words.get_or_init(|| {
            self.text.lines().map(str::trim_end).filter(|l| !l.trim().is_empty() && !l.starts_with('#')).collect()
        })
    }
}

const PRONOUNS: &str = include_str!("../data/lexicon/pronouns.tsv");
const NEGATORS: &str = include_str!("../data/lexicon/negators.tsv");
const NEGATION_BRIDGES: &str = include_str!("../data/lexicon/negation-bridges.tsv");
const SPEECH_VERBS: &str = include_str!("../data/lexicon/speech-verbs.tsv");
const TITLES: &str = include_str!("../data/lexicon/titles.tsv");

crate::names! {
    /// One use of one lexicon.
    pub enum Words {
        /// Pronouns that are never an entity of their own.
        PronounsNames = "pronouns/names",
        /// Pronouns that point to the last person acting (event arguments).
        PronounsEvents = "pronouns/events",
        /// Pronouns that point to the last speaker.
        PronounsQuotes = "pronouns/quotes",
        /// Negators before an event trigger.
        NegatorsEvents = "negators/events",
        /// Negators before a status cue.
        NegatorsStatus = "negators/status",
        /// Words between a negator and a trigger.
        BridgesEvents = "negation-bridges/events",
        /// Words between a negator and a status cue.
        BridgesStatus = "negation-bridges/status",
        /// The entity tagger's speech-verb word class (a model feature).
        SpeechTagger = "speech-verbs/tagger",
        /// Speech verbs before "Name, title" (entity rules).
        SpeechApposition = "speech-verbs/apposition",
        /// Reporting words that date a report, not an event.
        SpeechReport = "speech-verbs/report",
        /// The entity tagger's title word class (a model feature).
        TitlesTagger = "titles/tagger",
        /// Titles before a name (entity rules).
        TitlesNames = "titles/names",
    }
}

impl WordSet for Words {
    fn has(&self, w: &str) -> bool {
        self.contains(w)
    }
}

impl Words {
    fn file(self) -> &'static str {
        match self {
            Words::PronounsNames | Words::PronounsEvents | Words::PronounsQuotes => PRONOUNS,
            Words::NegatorsEvents | Words::NegatorsStatus => NEGATORS,
            Words::BridgesEvents | Words::BridgesStatus => NEGATION_BRIDGES,
            Words::SpeechTagger | Words::SpeechApposition | Words::SpeechReport => SPEECH_VERBS,
            Words::TitlesTagger | Words::TitlesNames => TITLES,
        }
    }

    /// The words of this use, in file order.
    pub fn get(self) -> &'static [&'static str] {
        static ALL: OnceLock<Vec<Vec<&'static str>>> = OnceLock::new();
        let all = ALL.get_or_init(|| Words::ALL.iter().map(|w| w.load()).collect());
        // `ALL` is in declaration order, so a variant's discriminant is its index (tested)
        &all[self as usize]
    }

    /// Whether `w` (lower case) is one of this use's words: one hash look-up.
    pub fn contains(self, w: &str) -> bool {
        static SETS: OnceLock<Vec<Set>> = OnceLock::new();
        SETS.get_or_init(|| Words::ALL.iter().map(|u| set_of(u.get())).collect())[self as usize].contains(w)
    }

    fn load(self) -> Vec<&'static str> {
        let (file, want) = self.as_str().split_once('/').expect("lexicon/use");
        let text = self.file();
        let declared: Vec<&str> = text
            .lines()
            .find_map(|l| l.strip_prefix("# uses:"))
            .unwrap_or_else(|| panic!("{file}.tsv: no '# uses:' line"))
            .split_whitespace()
            .collect();
        assert!(declared.contains(&want), "{file}.tsv does not declare the use {want}");
        let mut out = Vec::new();
        for (n, line) in text.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let (word, uses) = line.split_once('\t').unwrap_or_else(|| panic!("{file}.tsv line {}: no tab", n + 1));
            let uses: Vec<&str> = uses.split_whitespace().collect();
            assert!(!word.is_empty() && !uses.is_empty(), "{file}.tsv line {}: empty word or uses", n + 1);
            for u in &uses {
                assert!(declared.contains(u), "{file}.tsv line {}: undeclared use {u}", n + 1);
            }
            if uses.contains(&want) {
                out.push(word);
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_use_is_found_at_its_own_index() {
        for (i, &w) in Words::ALL.iter().enumerate() {
            assert_eq!(w as usize, i, "{w}");
        }
    }

    #[test]
    fn every_list_loads_and_is_not_empty() {
        for &w in Words::ALL {
            assert!(!w.get().is_empty(), "{w}");
            assert!(w.get().iter().all(|x| *x == x.to_lowercase()), "{w}: lower case only");
        }
    }

    #[test]
    fn a_list_file_reads_in_order_without_comments() {
        static L: Lexicon = Lexicon::new("# a list\nsatu\n\ndua kata\n# more\ntiga\n");
        assert_eq!(&L[..], ["satu", "dua kata", "tiga"]);
        for list in [&crate::quotes::lexicon::POST_CUES, &crate::quotes::lexicon::NON_NAME_WORDS] {
            assert!(!list.is_empty() && list.iter().all(|w| !w.starts_with('#')));
        }
    }

    #[test]
    fn lists_keep_their_differences() {
        assert!(Words::PronounsNames.contains("nya") && !Words::PronounsEvents.contains("nya"));
        assert!(Words::NegatorsStatus.contains("menolak") && !Words::NegatorsEvents.contains("menolak"));
        assert!(Words::TitlesNames.contains("ayatollah") && !Words::TitlesTagger.contains("ayatollah"));
        assert!(Words::SpeechReport.contains("dilansir"));
    }
}
